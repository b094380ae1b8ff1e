//! The Review tab: the inbox of everyone below the actor, or one person's sheet
//! opened from it, with feedback, workflow steps and send-backs.

use crate::model::hash::HashMap;

use ratatui::layout::{Constraint, Layout, Rect};

use crate::app::MAX_SCROLL;
use crate::app::component::{CHROME_ROWS, Component, Shared, move_selection};
use crate::app::effect::{Effect, Popup, Status};
use crate::app::forms::review;
use crate::app::list_filter::ListFilter;
use crate::app::overlays;
use crate::keys::Action;
use crate::messages::{Message, OverviewText, Text};
use crate::model::changes::changes_since_approval;
use crate::model::workflow::next_steps;
use crate::model::{Away, Goal, GoalId, PersonId, Phase};
use crate::view::overview::{OverviewLine, Scope, UnitOverview, overview, overview_lines};
use crate::view::review::{InboxRow, inbox};
use crate::view::search::{self, Outside};
use crate::view::sheet::Pane;
use crate::view::sheet::{GoalNotes, notes_by_goal};
use crate::workspace::Changed;

pub struct ReviewTab {
    /// The whole inbox, worked out when the data changes.
    inbox: Vec<InboxRow>,
    /// What the filter keeps of the inbox.
    pub rows: Vec<InboxRow>,
    pub selected: usize,
    /// Whether the selected person's sheet is open.
    pub open: bool,
    pub goal: usize,
    pub pane: Pane,
    /// The first row of the open sheet's focused pane asked for (drawing keeps it
    /// inside the rows); back to the top when the goal, pane or person changes.
    pub scroll: usize,
    /// For the open sheet: each goal's notes, worked out when the sheet or the data
    /// changes rather than every frame.
    pub notes: HashMap<GoalId, GoalNotes>,
    /// How many plan changes the open sheet has since approval; `Away` while the
    /// approval's snapshot is left on disk.
    pub changes: Result<usize, Away>,
    /// The sheets by unit, shown instead of the inbox: always for HR, who reviews
    /// nobody, and for a unit head who asked for it. Worked out when the data changes
    /// rather than every frame.
    pub overview: Option<(Option<Phase>, Vec<UnitOverview>)>,
    /// A unit head asked for the overview of their units.
    wants_overview: bool,
    /// The overview's lines shown: all, or what the filter keeps.
    pub overview_lines: Vec<(OverviewLine, bool)>,
    /// The selected line of the overview.
    pub overview_selected: usize,
    /// The `/` filter of the inbox (by name, id and title) or of the overview in its
    /// place (by unit, name and title).
    pub filter: ListFilter,
    /// Whether the viewer calibrates anyone (HR, or someone's second reviewer):
    /// only then is the calibration key offered.
    pub calibrates: bool,
}

impl ReviewTab {
    pub fn new(shared: &Shared) -> ReviewTab {
        let mut tab = ReviewTab {
            inbox: Vec::new(),
            rows: Vec::new(),
            selected: 0,
            open: false,
            goal: 0,
            pane: Pane::Plan,
            scroll: 0,
            notes: HashMap::default(),
            changes: Ok(0),
            overview: None,
            wants_overview: false,
            overview_lines: Vec::new(),
            overview_selected: 0,
            filter: ListFilter::default(),
            calibrates: calibrates_anyone(shared),
        };
        tab.rebuild(shared);
        tab
    }

    /// The inbox and the overview worked out again from the data, then filtered.
    fn rebuild(&mut self, shared: &Shared) {
        let (world, actor) = (&shared.workspace.world, shared.workspace.actor.as_str());
        self.inbox = inbox(world, actor, shared.workspace.today);
        let is_hr = world.person(actor).is_some_and(|p| p.is_hr());
        let scope = if is_hr { Scope::All } else { Scope::HeadedBy(actor) };
        // Not while only the viewer's part is loaded: people outside it would count
        // as not started.
        let wanted = !shared.partial && (self.wants_overview || (self.inbox.is_empty() && is_hr));
        self.overview = wanted.then(|| overview(world, scope, shared.workspace.today));
        self.refilter(shared);
        self.rebuild_sheet(shared);
    }

    /// What the filter keeps of the inbox, or of the overview in its place: a letter
    /// typed does not work the overview out again (every sheet of the city for HR).
    fn refilter(&mut self, shared: &Shared) {
        let world = &shared.workspace.world;
        let readable = self.inbox.len();
        let needle = self.filter.needle();
        let filter = &self.filter;
        self.rows = self
            .inbox
            .iter()
            .filter(|row| filter.keeps(&needle, [&*row.person, &row.name, &row.title]))
            .cloned()
            .collect();
        let (shown, readable) = match &self.overview {
            // The overview stands in the inbox's place: the filter is its.
            Some((_, units)) => {
                self.overview_lines = overview_lines(units, |text| filter.keeps(&needle, [text]));
                (self.overview_lines.len(), overview_lines(units, |_| true).len())
            }
            None => {
                self.overview_lines.clear();
                (self.rows.len(), readable)
            }
        };
        // Whether whoever else matches may be read decides what an empty list says.
        let outside = if shown == 0 && !needle.is_empty() {
            search::outside(world, &shared.viewer, &needle, |_| false)
        } else {
            Outside::Nobody
        };
        self.filter.settle(shown, readable, outside);
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        self.overview_selected = self.overview_selected.min(self.overview_lines.len().saturating_sub(1));
    }

    /// Works out the open sheet's notes again.
    fn rebuild_sheet(&mut self, shared: &Shared) {
        let world = &shared.workspace.world;
        let person = self.person().filter(|_| self.open).map(str::to_owned);
        let person = person.as_deref();
        self.notes = person.map(|p| notes_by_goal(world, &shared.workspace.actor, p)).unwrap_or_default();
        self.changes =
            person.map_or(Ok(0), |p| changes_since_approval(&world.hierarchy(), &world.data, p).map(|c| c.len()));
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
        self.scroll = 0;
        let count = self.person().map_or(0, |p| shared.workspace.world.goals_of(p).len());
        self.goal = if forward { (self.goal + 1).min(count.saturating_sub(1)) } else { self.goal.saturating_sub(1) };
    }

    /// The open sheet's goal panes on screen.
    fn panes(&self, shared: &Shared) -> Rect {
        let (columns, rows) = shared.size;
        let body = Rect::new(0, 2, columns, rows.saturating_sub(CHROME_ROWS));
        let goals = self.person().map_or(0, |p| shared.workspace.world.goals_of(p).len());
        sheet_areas(body, goals)[2]
    }

    /// Scrolls the open sheet's focused pane by `step` rows (down when positive).
    fn scroll_pane(&mut self, step: isize) {
        self.scroll = self.scroll.saturating_add_signed(step).min(MAX_SCROLL);
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
        // What the actor wrote before and could not read is not offered for rewriting from nothing.
        let form = |goal| match review::feedback(shared, &row.person, goal) {
            Some(form) => vec![open(form)],
            None => vec![Status::error(Text::TextNotRead.text(shared.lang))],
        };
        if action == Action::SheetFeedback {
            return form(None);
        }
        match self.reviewed_goal(shared) {
            Some(goal) if self.open => form(Some(goal)),
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

impl ReviewTab {
    /// Selects the overview's next (or previous) line that matches the filter
    /// itself, round the end: `n`/`N`, as in the Tree.
    fn next_overview_match(&mut self, forward: bool) {
        let count = self.overview_lines.len();
        let at = |step: usize| {
            if forward {
                (self.overview_selected + step) % count
            } else {
                (self.overview_selected + count - step) % count
            }
        };
        if let Some(index) = (1..=count).map(at).find(|&index| self.overview_lines[index].1) {
            self.overview_selected = index;
        }
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

/// Whether the viewer calibrates anyone (HR, or someone's second reviewer).
fn calibrates_anyone(shared: &Shared) -> bool {
    shared.workspace.world.hierarchy().calibrates_anyone(&shared.workspace.actor)
}
/// The open sheet's parts: the heading, the list of `goals` goals, the panes.
pub fn sheet_areas(area: Rect, goals: usize) -> [Rect; 3] {
    let list_height = (goals as u16 + 2).min(area.height / 3).max(3.min(area.height));
    Layout::vertical([Constraint::Length(1), Constraint::Length(list_height), Constraint::Fill(1)]).areas(area)
}

/// Rows a notch of the mouse wheel scrolls a pane.
const WHEEL_ROWS: isize = 3;

fn open(form: crate::app::forms::Form) -> Effect {
    Effect::Open(Popup::Form(Box::new(form)))
}

impl Component for ReviewTab {
    fn handle(&mut self, action: Action, shared: &Shared) -> Vec<Effect> {
        if action == Action::Filter {
            // The filter is the inbox's: it shows again to be filtered.
            self.open = false;
            self.filter.start();
            return Vec::new();
        }
        if self.open && matches!(action, Action::Up | Action::PageUp | Action::Top) {
            self.move_goal(false, shared);
            return Vec::new();
        }
        if self.open && matches!(action, Action::Down | Action::PageDown | Action::Bottom) {
            self.move_goal(true, shared);
            return Vec::new();
        }
        if self.open && matches!(action, Action::PaneDown | Action::PaneUp) {
            let half_page = (self.panes(shared).height / 2).max(1) as isize;
            self.scroll_pane(if action == Action::PaneDown { half_page } else { -half_page });
            return Vec::new();
        }
        let page = shared.body_rows().saturating_sub(2).max(1);
        if self.overview.is_some() {
            if move_selection(&mut self.overview_selected, self.overview_lines.len(), action, page) {
                return Vec::new();
            }
            if matches!(action, Action::NextPerson | Action::PrevPerson) {
                self.next_overview_match(action == Action::NextPerson);
                return Vec::new();
            }
        }
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
                self.scroll = 0;
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
                self.scroll = 0;
                self.rebuild_sheet(shared);
            }
            Action::NextGoal | Action::PrevGoal => self.move_goal(action == Action::NextGoal, shared),
            Action::ReviewPane => {
                self.pane = self.pane.next(true);
                self.scroll = 0;
            }
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
            Action::OpenCalibration => self.calibrates,
            // The overview has no person to act on; n/N there go round the filter's
            // matches, as in the Tree.
            Action::NextPerson | Action::PrevPerson if self.overview.is_some() => {
                !self.filter.needle().is_empty() && !self.overview_lines.is_empty()
            }
            _ if self.overview.is_some() => false,
            Action::CloseSheet | Action::NextGoal | Action::PrevGoal | Action::ReviewPane => self.open,
            _ => !self.rows.is_empty(),
        }
    }

    fn texts_shown(&self, _shared: &Shared) -> Option<PersonId> {
        self.person().filter(|_| self.open).map(Into::into)
    }

    fn texts_read(&mut self, shared: &Shared) {
        self.rebuild_sheet(shared);
    }

    fn refresh(&mut self, shared: &Shared, changed: &Changed) {
        if changed.organisation() {
            self.calibrates = calibrates_anyone(shared);
        }
        // Every kind of change shows here: goals, feedback, steps, the organisation.
        self.rebuild(shared);
    }

    // With a sheet open, Esc closes it before it drops the filter.
    fn filter_keys(&mut self) -> Option<&mut ListFilter> {
        Some(&mut self.filter).filter(|filter| !self.open || filter.editing)
    }

    fn filter_changed(&mut self, shared: &Shared) {
        self.selected = 0;
        self.overview_selected = 0;
        self.refilter(shared);
        self.rebuild_sheet(shared);
    }

    fn filter(&self) -> Option<&ListFilter> {
        Some(&self.filter)
    }

    fn wheel(&mut self, row: u16, down: bool, shared: &Shared) -> bool {
        if !self.open || self.reviewed_goal(shared).is_none() || row < self.panes(shared).y {
            return false;
        }
        self.scroll_pane(if down { WHEEL_ROWS } else { -WHEEL_ROWS });
        true
    }
}
