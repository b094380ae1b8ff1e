//! The Review tab: the inbox of everyone below the actor, or one person's sheet
//! opened from it, with feedback, workflow steps and send-backs.

use std::collections::HashMap;

use crate::app::component::{Component, Shared, move_selection};
use crate::app::effect::{Effect, Popup, Status};
use crate::app::forms::review;
use crate::app::overlays;
use crate::keys::Action;
use crate::messages::{Message, OverviewText, Text};
use crate::model::changes::changes_since_approval;
use crate::model::workflow::next_steps;
use crate::model::{Goal, GoalId, Phase};
use crate::view::overview::{Scope, UnitOverview, overview};
use crate::view::review::{InboxRow, inbox};
use crate::view::sheet::Pane;
use crate::view::sheet::{GoalNotes, notes_by_goal};
use crate::workspace::Changed;

pub struct ReviewTab {
    /// The inbox, rebuilt when the data changes.
    pub rows: Vec<InboxRow>,
    pub selected: usize,
    /// Whether the selected person's sheet is open.
    pub open: bool,
    pub goal: usize,
    pub pane: Pane,
    /// For the open sheet: each goal's notes, worked out when the sheet or the data
    /// changes rather than every frame.
    pub notes: HashMap<GoalId, GoalNotes>,
    /// How many plan changes the open sheet has since approval.
    pub changes: usize,
    /// The sheets by unit, shown instead of the inbox: always for HR, who reviews
    /// nobody, and for a unit head who asked for it. Worked out when the data changes
    /// rather than every frame.
    pub overview: Option<(Option<Phase>, Vec<UnitOverview>)>,
    /// A unit head asked for the overview of their units.
    pub wants_overview: bool,
}

impl ReviewTab {
    pub fn new(shared: &Shared) -> ReviewTab {
        let mut tab = ReviewTab {
            rows: Vec::new(),
            selected: 0,
            open: false,
            goal: 0,
            pane: Pane::Plan,
            notes: HashMap::new(),
            changes: 0,
            overview: None,
            wants_overview: false,
        };
        tab.rebuild(shared);
        tab
    }

    fn rebuild(&mut self, shared: &Shared) {
        self.rows = inbox(&shared.workspace.world, &shared.workspace.actor, shared.workspace.today);
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        let world = &shared.workspace.world;
        let actor = shared.workspace.actor.as_str();
        let is_hr = world.person(actor).is_some_and(|p| p.is_hr());
        let scope = if is_hr { Scope::All } else { Scope::HeadedBy(actor) };
        let wanted = self.wants_overview || (self.rows.is_empty() && is_hr);
        self.overview = wanted.then(|| overview(world, scope, shared.workspace.today));
        self.rebuild_sheet(shared);
    }

    /// Works out the open sheet's notes again.
    fn rebuild_sheet(&mut self, shared: &Shared) {
        let world = &shared.workspace.world;
        let person = self.person().filter(|_| self.open).map(str::to_owned);
        let person = person.as_deref();
        self.notes = person.map(|p| notes_by_goal(world, &shared.workspace.actor, p)).unwrap_or_default();
        self.changes = person.map_or(0, |p| changes_since_approval(&world.hierarchy(), &world.data, p).len());
    }

    /// The person the inbox has selected.
    pub fn person(&self) -> Option<&str> {
        self.rows.get(self.selected).map(|row| row.person.as_str())
    }

    /// The selected goal of the open sheet.
    pub fn reviewed_goal<'a>(&self, shared: &'a Shared) -> Option<&'a Goal> {
        shared.workspace.world.goals_of(self.person()?).get(self.goal)
    }

    fn move_goal(&mut self, forward: bool, shared: &Shared) {
        let count = self.person().map_or(0, |p| shared.workspace.world.goals_of(p).len());
        self.goal = if forward { (self.goal + 1).min(count.saturating_sub(1)) } else { self.goal.saturating_sub(1) };
    }

    fn take_step(&self, row: &InboxRow, shared: &Shared) -> Vec<Effect> {
        if row.next.is_empty() {
            let state = row.state.text(shared.lang);
            return vec![Status::error(Text::NoStepOnSheet { state }.text(shared.lang))];
        }
        vec![open(review::step(shared, &row.person, &row.next))]
    }

    fn send_back(&self, person: &str, shared: &Shared) -> Vec<Effect> {
        let world = &shared.workspace.world;
        let mut steps = next_steps(&world.hierarchy(), &world.data, &shared.workspace.actor, person);
        steps.retain(|step| step.sends_back());
        if !steps.is_empty() {
            vec![open(review::send_back(shared, person, &steps))]
        } else {
            vec![Status::error(Text::CannotSendBack.text(shared.lang))]
        }
    }

    fn feedback(&self, action: Action, row: &InboxRow, shared: &Shared) -> Vec<Effect> {
        let hierarchy = shared.workspace.world.hierarchy();
        // Feedback is the direct reviewer's to write: say so before any typing.
        if hierarchy.can_write_feedback(&shared.workspace.actor, &row.person).is_err() {
            let name = row.name.clone();
            return vec![Status::error(Text::OnlyReviewerWritesFeedback { name }.text(shared.lang))];
        }
        if action == Action::SheetFeedback {
            return vec![open(review::feedback(shared, &row.person, None))];
        }
        match self.reviewed_goal(shared) {
            Some(goal) if self.open => vec![open(review::feedback(shared, &row.person, Some(goal)))],
            _ => {
                let hint = Text::OpenSheetFirst {
                    open: shared.key(Action::OpenSheet),
                    feedback: shared.key(Action::GoalFeedback),
                };
                vec![Status::error(hint.text(shared.lang))]
            }
        }
    }
}

impl ReviewTab {
    /// Shows the sheets by unit instead of the inbox, or the inbox again: for HR
    /// and whoever heads a unit.
    fn toggle_overview(&mut self, shared: &Shared) -> Vec<Effect> {
        if !may_see_overview(shared) {
            return vec![Status::error(OverviewText::HeadsNoUnit.text(shared.lang))];
        }
        self.wants_overview = !self.wants_overview;
        self.rebuild(shared);
        Vec::new()
    }
}

/// HR and whoever heads a unit have an overview by unit.
fn may_see_overview(shared: &Shared) -> bool {
    let world = &shared.workspace.world;
    let actor = shared.workspace.actor.as_str();
    world.org.units.iter().any(|unit| unit.head.as_deref() == Some(actor)) || is_hr(shared)
}

fn is_hr(shared: &Shared) -> bool {
    shared.workspace.me().is_some_and(|person| person.is_hr())
}

fn open(form: crate::app::forms::Form) -> Effect {
    Effect::Open(Popup::Form(Box::new(form)))
}

impl Component for ReviewTab {
    fn handle(&mut self, action: Action, shared: &Shared) -> Vec<Effect> {
        if self.open && matches!(action, Action::Up | Action::PageUp | Action::Top) {
            self.move_goal(false, shared);
            return Vec::new();
        }
        if self.open && matches!(action, Action::Down | Action::PageDown | Action::Bottom) {
            self.move_goal(true, shared);
            return Vec::new();
        }
        let page = shared.body_rows().saturating_sub(2).max(1);
        if move_selection(&mut self.selected, self.rows.len(), action, page) {
            return Vec::new();
        }
        match action {
            Action::OpenCalibration => return overlays::calibration::open(shared),
            Action::Export => return crate::app::export::run(shared),
            Action::UnitOverview => return self.toggle_overview(shared),
            // The inbox is out of sight: its keys would act on a person not shown.
            _ if self.overview.is_some() => return Vec::new(),
            _ => {}
        }
        let Some(row) = self.rows.get(self.selected).cloned() else { return Vec::new() };
        match action {
            Action::OpenSheet => {
                self.open = !self.open;
                self.goal = 0;
                self.rebuild_sheet(shared);
            }
            Action::CloseSheet => self.open = false,
            Action::NextPerson | Action::PrevPerson => {
                let last = self.rows.len().saturating_sub(1);
                self.selected = if action == Action::NextPerson {
                    (self.selected + 1).min(last)
                } else {
                    self.selected.saturating_sub(1)
                };
                self.goal = 0;
                self.rebuild_sheet(shared);
            }
            Action::NextGoal | Action::PrevGoal => self.move_goal(action == Action::NextGoal, shared),
            Action::ReviewPane => self.pane = self.pane.next(true),
            Action::GoalFeedback | Action::SheetFeedback => return self.feedback(action, &row, shared),
            Action::TakeStep => return self.take_step(&row, shared),
            Action::SendBack => return self.send_back(&row.person, shared),
            Action::ReportAbilities => return overlays::abilities::open(shared, &row.person),
            Action::ReviewMeeting => {
                return super::meetings::open(Ok(crate::app::forms::meeting::write(shared, &row.person, None)));
            }
            _ => {}
        }
        Vec::new()
    }

    fn offers(&self, action: Action, shared: &Shared) -> bool {
        match action {
            Action::Export => is_hr(shared),
            Action::UnitOverview => may_see_overview(shared),
            _ => true,
        }
    }

    fn refresh(&mut self, shared: &Shared, _changed: &Changed) {
        // Every kind of change shows here: goals, feedback, steps, the organisation.
        self.rebuild(shared);
    }
}
