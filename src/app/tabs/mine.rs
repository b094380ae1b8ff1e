//! The My goals tab: the actor's own sheet, the proposals made to them, the
//! action items they can carry over, and each goal's Plan / Do / Check / Action.

use std::collections::HashMap;

use crate::app::component::{Component, Shared, move_selection};
use crate::app::effect::{Effect, ExternalEdit, ExternalTarget, Popup, Status};
use crate::app::forms::{review, sheet};
use crate::keys::Action;
use crate::messages::{Message, Text};
use crate::model::command::Command;
use crate::model::edit::Edit;
use crate::model::policy;
use crate::model::workflow::next_steps;
use crate::model::{ActionItem, Goal, GoalId, ProblemKind, Source};
use crate::store::Store;
use crate::view::sheet::Pane;
use crate::view::sheet::{GoalNotes, SheetEntry, SheetSummary, entries, notes_by_goal, open_proposals, summary};
use crate::workspace::Changed;

pub struct MineTab {
    /// The rows of the sheet list, rebuilt when the data changes: finding the open
    /// proposals scans the whole cascade, too much for every frame.
    pub entries: Vec<SheetEntry>,
    pub selected: usize,
    pub pane: Pane,
    /// The selected Do entry or action item within the pane.
    pub item: usize,
    /// The line under the sheet.
    pub summary: SheetSummary,
    /// Per goal: the feedback the actor may see and what changed since approval.
    pub notes: HashMap<GoalId, GoalNotes>,
    /// Why the actor's own goals file could not be read, when it could not: its goals
    /// are then not "none yet" but out of reach until the file is fixed.
    pub broken: Option<BrokenFile>,
}

/// A file that could not be read: where (relative to the data set) and why.
#[derive(Clone, Debug, PartialEq)]
pub struct BrokenFile {
    /// `cycles/2026/goals/P0001.toml:3:7`.
    pub place: String,
    pub kind: ProblemKind,
}

impl MineTab {
    pub fn new(shared: &Shared) -> MineTab {
        let mut tab = MineTab {
            entries: Vec::new(),
            selected: 0,
            pane: Pane::Plan,
            item: 0,
            summary: summary(&shared.workspace.world, &shared.workspace.actor),
            notes: HashMap::new(),
            broken: None,
        };
        tab.rebuild(shared);
        tab
    }

    fn rebuild(&mut self, shared: &Shared) {
        let (world, actor) = (&shared.workspace.world, &shared.workspace.actor);
        let goals_before = self.entries.iter().filter(|e| matches!(e, SheetEntry::Goal(_))).count();
        self.entries = entries(world, actor, shared.workspace.previous.as_ref());
        let goals_now = world.goals_of(actor).len();
        // A goal just added (or adopted) is selected, so its panes show at once.
        if goals_now > goals_before && goals_before > 0 {
            self.selected = goals_now - 1;
        }
        self.selected = self.selected.min(self.entries.len().saturating_sub(1));
        // Keep the selected Do entry or action item inside its list after a removal.
        let items = match (self.goal(shared), self.pane) {
            (Some(goal), Pane::Do) => goal.log.len(),
            (Some(goal), Pane::Action) => goal.actions.len(),
            _ => 0,
        };
        self.item = self.item.min(items.saturating_sub(1));
        self.summary = summary(world, actor);
        self.notes = notes_by_goal(world, actor, actor);
        let own = Source::Goals { cycle: world.data.cycle.id.clone(), person: actor.clone() };
        self.broken = shared.workspace.problems.iter().find(|p| p.source == own).map(|problem| {
            let path = Store::relative_path(&problem.source).display().to_string();
            let place = problem.location.map_or_else(|| path.clone(), |at| format!("{path}:{at}"));
            BrokenFile { place, kind: problem.kind.clone() }
        });
    }

    /// The selected goal, when a goal row is selected.
    pub fn goal<'a>(&self, shared: &'a Shared) -> Option<&'a Goal> {
        match self.entries.get(self.selected) {
            Some(SheetEntry::Goal(index)) => shared.workspace.world.goals_of(&shared.workspace.actor).get(*index),
            _ => None,
        }
    }

    fn submit(&self, shared: &Shared) -> Vec<Effect> {
        let actor = &shared.workspace.actor;
        let world = &shared.workspace.world;
        let steps = next_steps(&world.hierarchy(), &world.data, actor, actor);
        if steps.is_empty() {
            let state = self.summary.state.text(shared.lang);
            return vec![Status::error(Text::NoStepOnOwnSheet { state }.text(shared.lang))];
        }
        vec![open(review::step(shared, actor, &steps))]
    }

    fn remove(&self, goal: &Goal, shared: &Shared) -> Vec<Effect> {
        let (message, edit) = if self.pane == Pane::Action && !goal.actions.is_empty() {
            let index = self.item.min(goal.actions.len() - 1);
            (Text::ConfirmRemoveAction, Edit::RemoveAction { goal: goal.id.clone(), index })
        } else if policy::needs_revision_reason(&shared.workspace.world, &shared.workspace.actor) {
            // A removal after approval is a revision: a small form asks why.
            return vec![open(sheet::remove_goal(shared, goal))];
        } else {
            (Text::ConfirmRemoveGoal, Edit::RemoveGoal { goal: goal.id.clone(), revision: None })
        };
        let on_yes = vec![Effect::Execute(Command::Sheet(edit))];
        vec![Effect::Open(Popup::Confirm { message: message.text(shared.lang), on_yes })]
    }

    /// Enter (or the proposals key) on a proposal or carry-over row.
    fn answer(&self, shared: &Shared) -> Vec<Effect> {
        match self.entries.get(self.selected) {
            Some(SheetEntry::Proposal(id)) => open_proposals(&shared.workspace.world, &shared.workspace.actor)
                .into_iter()
                .find(|p| &p.id == id)
                .map(|p| vec![open(sheet::answer(shared, p))])
                .unwrap_or_default(),
            Some(SheetEntry::Carry(item)) => vec![open(sheet::new_goal(shared, Some(item)))],
            _ => vec![Status::error(Text::SelectProposalRow.text(shared.lang))],
        }
    }

    /// An action on the selected goal.
    fn on_goal(&mut self, action: Action, goal: &Goal, shared: &Shared) -> Vec<Effect> {
        match action {
            Action::NextItem | Action::PrevItem => {
                let count = match self.pane {
                    Pane::Do => goal.log.len(),
                    Pane::Action => goal.actions.len(),
                    _ => 0,
                };
                self.item = if action == Action::NextItem {
                    (self.item + 1).min(count.saturating_sub(1))
                } else {
                    self.item.saturating_sub(1)
                };
                Vec::new()
            }
            Action::Propose => vec![open(review::propose(shared, goal))],
            Action::EditGoal => vec![open(match self.pane {
                Pane::Action if !goal.actions.is_empty() => {
                    sheet::action(shared, goal, Some(self.item.min(goal.actions.len() - 1)))
                }
                Pane::Check => sheet::self_check(shared, goal),
                Pane::Do => sheet::log(shared, goal),
                _ => sheet::edit_goal(shared, goal),
            })],
            Action::SetProgress => vec![open(sheet::progress(shared, goal))],
            Action::AddLog => vec![open(sheet::log(shared, goal))],
            Action::SelfCheck => vec![open(sheet::self_check(shared, goal))],
            Action::AddAction => vec![open(sheet::action(shared, goal, None))],
            Action::ToggleDone if self.pane == Pane::Action => goal
                .actions
                .get(self.item)
                .map(|item| {
                    let item = ActionItem { done: !item.done, ..item.clone() };
                    let edit = Edit::UpdateAction { goal: goal.id.clone(), index: self.item, item };
                    vec![Effect::Execute(Command::Sheet(edit))]
                })
                .unwrap_or_default(),
            Action::RemoveItem => self.remove(goal, shared),
            Action::ExternalEditor => vec![Effect::ExternalEdit(ExternalEdit {
                text: goal.plan.clone(),
                target: ExternalTarget::GoalPlan(goal.id.clone()),
            })],
            _ => Vec::new(),
        }
    }
}

fn open(form: crate::app::forms::Form) -> Effect {
    Effect::Open(Popup::Form(Box::new(form)))
}

impl Component for MineTab {
    fn handle(&mut self, action: Action, shared: &Shared) -> Vec<Effect> {
        let page = shared.body_rows().saturating_sub(2).max(1);
        if move_selection(&mut self.selected, self.entries.len(), action, page) {
            self.item = 0;
            return Vec::new();
        }
        match action {
            Action::NextPane | Action::PrevPane => {
                self.pane = self.pane.next(action == Action::NextPane);
                self.item = 0;
                Vec::new()
            }
            Action::NewGoal => vec![open(sheet::new_goal(shared, None))],
            Action::MineMeeting => super::meetings::open(crate::app::forms::meeting::choose_partner(shared)),
            Action::Submit => self.submit(shared),
            Action::AnswerProposal => self.answer(shared),
            Action::EditGoal if !matches!(self.entries.get(self.selected), Some(SheetEntry::Goal(_)) | None) => {
                self.answer(shared)
            }
            _ => match self.goal(shared) {
                Some(goal) => self.on_goal(action, goal, shared),
                None => Vec::new(),
            },
        }
    }

    fn refresh(&mut self, shared: &Shared, changed: &Changed) {
        if changed.goals() || changed.feedback() || changed.organisation() {
            self.rebuild(shared);
        }
    }

    fn click(&mut self, row: usize, _shared: &Shared) {
        if row < self.entries.len() {
            self.selected = row;
        }
    }
}
