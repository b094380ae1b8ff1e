//! The My goals tab: the actor's own sheet, the proposals made to them, the
//! action items they can carry over, and each goal's Plan / Do / Check / Action.

use crate::model::hash::HashMap;

use crate::app::MAX_SCROLL;
use crate::app::component::CHROME_ROWS;
use crate::app::component::{Component, Shared, move_selection};
use crate::app::effect::{Effect, ExternalEdit, ExternalTarget, Popup, Status};
use crate::app::forms::{review, sheet};
use crate::app::list_filter::ListFilter;
use crate::app::undo;
use crate::keys::Action;
use crate::messages::{Message, Reading, Text};
use crate::model::command::Command;
use crate::model::edit::Edit;
use crate::model::policy;
use crate::model::workflow::next_steps;
use crate::model::{ActionItem, Goal, GoalId, PersonId, ProblemKind, Source, Step};
use crate::store::Store;
use crate::view::search::Outside;
use crate::view::sheet::{GoalNotes, SheetEntry, SheetSummary, entries, notes_by_goal, open_proposals, summary};
use crate::view::sheet::{Pane, log_index, logged};
use crate::workspace::Changed;
use ratatui::layout::{Constraint, Layout, Rect};

pub struct MineTab {
    /// The rows of the sheet list, rebuilt when the data changes: finding the open
    /// proposals scans the whole cascade, too much for every frame.
    pub entries: Vec<SheetEntry>,
    pub selected: usize,
    pub pane: Pane,
    /// The selected Do entry (counted from the newest) or action item within the pane.
    pub item: usize,
    /// The first row of the focused pane asked for (drawing keeps it inside the rows).
    pub scroll: usize,
    /// Whether the focused pane follows the selected Do entry or action item
    /// rather than the scroll (the keys that select turn it on, scrolling off).
    pub follow: bool,
    /// The line under the sheet.
    pub summary: SheetSummary,
    /// The steps the actor may take on their own sheet now: worked out with the
    /// summary when the data changes, as the key hints ask for them on every frame.
    steps: Vec<Step>,
    /// Per goal: the feedback the actor may see and what changed since approval.
    pub notes: HashMap<GoalId, GoalNotes>,
    /// Why the actor's own goals file could not be read, when it could not: its goals
    /// are then not "none yet" but out of reach until the file is fixed.
    pub broken: Option<BrokenFile>,
    /// The `/` filter of the sheet list, by title.
    pub filter: ListFilter,
    /// How many goals the whole sheet had at the last rebuild: one more is a goal
    /// just added, selected at once.
    goal_count: usize,
}

/// A file that could not be read: where (relative to the data set) and why.
#[derive(Clone, Debug, PartialEq)]
pub struct BrokenFile {
    /// `cycles/2026/goals/P0001.toml:3:7`.
    pub place: String,
    pub kind: ProblemKind,
}

impl MineTab {
    /// Whether `action` would open a form on a text of `goal` that could not be read.
    fn unread_text_to_edit(&self, goal: &Goal, action: Action) -> bool {
        let comment_unread = goal.check.as_ref().is_some_and(|check| check.comment.get().is_err());
        match (action, self.pane) {
            (Action::SelfCheck, _) | (Action::EditGoal, Pane::Check) => comment_unread,
            (Action::EditGoal, Pane::Do) => match goal.log.get() {
                Ok(log) => log_index(log.len(), self.item).is_some_and(|at| log[at].text.get().is_err()),
                Err(_) => true,
            },
            _ => false,
        }
    }

    pub fn new(shared: &Shared) -> MineTab {
        let (world, actor) = (&shared.workspace.world, &shared.workspace.actor);
        let mut tab = MineTab {
            entries: Vec::new(),
            selected: 0,
            pane: Pane::Plan,
            item: 0,
            scroll: 0,
            follow: false,
            summary: summary(world, actor),
            steps: next_steps(&world.hierarchy(), &world.data, actor, actor),
            notes: HashMap::default(),
            broken: None,
            filter: ListFilter::default(),
            goal_count: 0,
        };
        tab.rebuild_lists(shared);
        tab
    }

    /// Works out again what comes of the data: the summary, the steps, the notes, the
    /// list.
    fn rebuild(&mut self, shared: &Shared) {
        let (world, actor) = (&shared.workspace.world, &shared.workspace.actor);
        self.summary = summary(world, actor);
        self.steps = next_steps(&world.hierarchy(), &world.data, actor, actor);
        self.rebuild_lists(shared);
    }

    /// The sheet's rows as the filter keeps them, the notes per goal and whether the
    /// file is broken (the filter changing works out only these).
    fn rebuild_lists(&mut self, shared: &Shared) {
        let (world, actor) = (&shared.workspace.world, &shared.workspace.actor);
        let all = entries(world, actor, shared.workspace.previous.as_ref());
        let readable = all.len();
        let needle = self.filter.needle();
        let proposals = open_proposals(world, actor);
        let title = |entry: &SheetEntry| -> String {
            match entry {
                SheetEntry::Goal(index) => world.goals_of(actor).get(*index).map(|g| g.title.clone()),
                SheetEntry::Proposal(id) => proposals.iter().find(|p| p.id == id).map(|p| p.title.clone()),
                SheetEntry::Carry(item) => Some(item.item.issue.clone()),
            }
            .unwrap_or_default()
        };
        self.entries = all.into_iter().filter(|entry| self.filter.keeps(&needle, [&*title(entry)])).collect();
        self.filter.settle(self.entries.len(), readable, Outside::Nobody);
        let goals_now = world.goals_of(actor).len();
        // A goal just added (or adopted) is selected, so its panes show at once; the
        // count is the whole sheet's, which a filter does not change.
        if goals_now > self.goal_count && self.goal_count > 0 {
            let newest = SheetEntry::Goal(goals_now - 1);
            self.selected = self.entries.iter().position(|entry| *entry == newest).unwrap_or(self.selected);
        }
        self.goal_count = goals_now;
        self.selected = self.selected.min(self.entries.len().saturating_sub(1));
        // Keep the selected Do entry or action item inside its list after a removal.
        let items = match (self.goal(shared), self.pane) {
            (Some(goal), Pane::Do) => logged(goal).len(),
            (Some(goal), Pane::Action) => goal.actions.len(),
            _ => 0,
        };
        self.item = self.item.min(items.saturating_sub(1));
        self.notes = notes_by_goal(world, actor, actor);
        let own = Source::Goals { cycle: world.data.cycle.id.clone(), person: *actor };
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
        if self.steps.is_empty() {
            let state = self.summary.state.text(shared.lang);
            return vec![Status::error(Text::NoStepOnOwnSheet { state }.text(shared.lang))];
        }
        vec![open(review::step(shared, &shared.workspace.actor, &self.steps))]
    }

    /// Removes what is selected: the Do entry or action item in those panes, else
    /// the goal; the question names it.
    fn remove(&self, goal: &Goal, shared: &Shared) -> Vec<Effect> {
        let (what, edit) = match self.pane {
            Pane::Do | Pane::Action => {
                let (id, index) = (goal.id.clone(), self.item);
                let selected = match self.pane {
                    Pane::Do => log_index(logged(goal).len(), index)
                        .map(|index| (logged(goal)[index].text.get().cloned(), Edit::RemoveLog { goal: id, index }))
                        .map(|(text, edit)| (text.unwrap_or_else(|_| Text::TextNotRead.text(shared.lang)), edit)),
                    _ => goal.actions.get(index).map(|i| (i.issue.clone(), Edit::RemoveAction { goal: id, index })),
                };
                let Some(selected) = selected else {
                    let key = shared.key(Action::RemoveItem);
                    return vec![Status::error(Reading::NothingSelectedToRemove { key }.text(shared.lang))];
                };
                selected
            }
            _ if policy::needs_revision_reason(&shared.workspace.world, &shared.workspace.actor) => {
                // A removal after approval is a revision: a small form asks why.
                return vec![open(sheet::remove_goal(shared, goal))];
            }
            _ => (goal.title.clone(), Edit::RemoveGoal { goal: goal.id.clone(), revision: None }),
        };
        let message = Reading::ConfirmRemove { what: undo::name(&what) }.text(shared.lang);
        let on_yes = vec![Effect::Execute(Command::Sheet(edit))];
        vec![Effect::Open(Popup::Confirm { message, on_yes })]
    }

    /// Enter (or the proposals key) on a proposal or carry-over row.
    fn answer(&self, shared: &Shared) -> Vec<Effect> {
        match self.entries.get(self.selected) {
            Some(SheetEntry::Proposal(id)) => open_proposals(&shared.workspace.world, &shared.workspace.actor)
                .into_iter()
                .find(|p| p.id == id)
                .map(|p| vec![open(sheet::answer(shared, p))])
                .unwrap_or_default(),
            Some(SheetEntry::Carry(item)) => vec![open(sheet::new_goal(shared, Some(item)))],
            _ => vec![Status::error(Text::SelectProposalRow.text(shared.lang))],
        }
    }

    /// The panes' box on screen.
    fn panes(&self, shared: &Shared) -> Rect {
        let (columns, rows) = shared.size;
        let body = Rect::new(0, 2, columns, rows.saturating_sub(CHROME_ROWS));
        mine_areas(body, self.entries.len())[1]
    }

    /// Scrolls the focused pane by `step` rows (down when positive).
    fn scroll_pane(&mut self, step: isize) {
        self.follow = false;
        self.scroll = self.scroll.saturating_add_signed(step).min(MAX_SCROLL);
    }

    /// Moves inside the focused pane by `step`: the selection in the Do and Action
    /// panes (the pane follows it), the text in the others.
    fn move_in_pane(&mut self, goal: &Goal, step: isize) {
        let count = match self.pane {
            Pane::Do => logged(goal).len(),
            Pane::Action => goal.actions.len(),
            _ => return self.scroll_pane(step),
        };
        self.item = self.item.saturating_add_signed(step).min(count.saturating_sub(1));
        self.follow = true;
    }

    /// An action on the selected goal.
    fn on_goal(&mut self, action: Action, goal: &Goal, shared: &Shared) -> Vec<Effect> {
        let half_page = (self.panes(shared).height / 2).max(1) as isize;
        match action {
            Action::NextItem | Action::PrevItem | Action::PaneDown | Action::PaneUp => {
                let step = match action {
                    Action::NextItem => 1,
                    Action::PrevItem => -1,
                    Action::PaneDown => half_page,
                    _ => -half_page,
                };
                self.move_in_pane(goal, step);
                Vec::new()
            }
            Action::Propose => vec![open(review::propose(shared, goal))],
            // A text that could not be read is not offered for rewriting from nothing.
            Action::EditGoal | Action::SelfCheck if self.unread_text_to_edit(goal, action) => {
                vec![Status::error(Text::TextNotRead.text(shared.lang))]
            }
            Action::EditGoal => {
                let form = match self.pane {
                    Pane::Action if !goal.actions.is_empty() => {
                        Some(sheet::action(shared, goal, Some(self.item.min(goal.actions.len() - 1))))
                    }
                    Pane::Check => Some(sheet::self_check(shared, goal)),
                    Pane::Do if !logged(goal).is_empty() => {
                        Some(sheet::edit_log(shared, goal, log_index(logged(goal).len(), self.item).unwrap_or(0)))
                    }
                    Pane::Do => Some(sheet::log(shared, goal)),
                    _ => sheet::edit_goal(shared, goal),
                };
                form.map_or_else(|| vec![Status::error(Text::TextNotRead.text(shared.lang))], |form| vec![open(form)])
            }
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
            Action::ExternalEditor => match goal.detail.get() {
                Ok(detail) => vec![Effect::ExternalEdit(ExternalEdit {
                    text: detail.plan.clone(),
                    target: ExternalTarget::GoalPlan(goal.id.clone()),
                })],
                Err(_) => vec![Status::error(Text::TextNotRead.text(shared.lang))],
            },
            _ => Vec::new(),
        }
    }
}

/// The tab's body: the sheet list of `rows` rows above, the panes below.
pub fn mine_areas(area: Rect, rows: usize) -> [Rect; 2] {
    let sheet_height = (rows as u16 + 2).min(area.height / 2).max(4.min(area.height));
    Layout::vertical([Constraint::Length(sheet_height), Constraint::Fill(1)]).areas(area)
}

/// Rows a notch of the mouse wheel scrolls a pane.
const WHEEL_ROWS: isize = 3;

fn open(form: crate::app::forms::Form) -> Effect {
    Effect::Open(Popup::Form(Box::new(form)))
}

impl Component for MineTab {
    fn handle(&mut self, action: Action, shared: &Shared) -> Vec<Effect> {
        if action == Action::Filter {
            self.filter.start();
            return Vec::new();
        }
        let page = shared.body_rows().saturating_sub(2).max(1);
        if move_selection(&mut self.selected, self.entries.len(), action, page) {
            self.item = 0;
            self.scroll = 0;
            return Vec::new();
        }
        match action {
            Action::NextPane | Action::PrevPane => {
                self.pane = self.pane.next(action == Action::NextPane);
                self.item = 0;
                self.scroll = 0;
                Vec::new()
            }
            Action::NewGoal => vec![open(sheet::new_goal(shared, None))],
            Action::OwnAbilities => crate::app::overlays::abilities::open(shared, &shared.workspace.actor),
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

    fn offers(&self, action: Action, shared: &Shared) -> bool {
        let row = self.entries.get(self.selected);
        let goal = self.goal(shared);
        match action {
            Action::NextPane | Action::PrevPane | Action::NewGoal => true,
            Action::AnswerProposal => matches!(row, Some(SheetEntry::Proposal(_) | SheetEntry::Carry(_))),
            Action::EditGoal => row.is_some(),
            Action::Submit => !self.steps.is_empty(),
            Action::ToggleDone => self.pane == Pane::Action && goal.is_some_and(|g| !g.actions.is_empty()),
            Action::NextItem | Action::PrevItem => goal.is_some() && matches!(self.pane, Pane::Do | Pane::Action),
            // Everything else acts on the selected goal.
            _ => goal.is_some(),
        }
    }

    fn texts_shown(&self, shared: &Shared) -> Option<PersonId> {
        Some(shared.workspace.actor)
    }

    fn texts_read(&mut self, shared: &Shared) {
        self.rebuild(shared);
    }

    fn refresh(&mut self, shared: &Shared, changed: &Changed) {
        if changed.goals() || changed.feedback() || changed.organisation() {
            self.rebuild(shared);
        }
    }

    fn filter(&self) -> Option<&ListFilter> {
        Some(&self.filter)
    }

    fn filter_keys(&mut self) -> Option<&mut ListFilter> {
        Some(&mut self.filter)
    }

    fn filter_changed(&mut self, shared: &Shared) {
        self.selected = 0;
        self.rebuild_lists(shared);
    }

    fn first_row(&self) -> u16 {
        3 + u16::from(self.filter.shows())
    }

    fn click(&mut self, row: usize, _shared: &Shared) {
        if row < self.entries.len() {
            self.selected = row;
        }
    }

    fn wheel(&mut self, row: u16, down: bool, shared: &Shared) -> bool {
        if self.goal(shared).is_none() || row < self.panes(shared).y {
            return false;
        }
        self.scroll_pane(if down { WHEEL_ROWS } else { -WHEEL_ROWS });
        true
    }
}
