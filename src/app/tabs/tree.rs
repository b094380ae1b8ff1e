//! The Tree tab: the cascade as the viewer may read it, folded and filtered.

use crate::model::hash::HashSet;

use crate::app::component::{Component, Shared, move_selection};
use crate::app::effect::{Effect, Popup, Status};
use crate::app::list_filter::ListFilter;
use crate::keys::Action;
use crate::messages::{Message, Text};
use crate::model::command::Command;
use crate::model::edit::Edit;
use crate::model::{NodeId, NodeKind};
use crate::view::sheet::{GoalNotes, notes_by_goal};
use crate::view::tree::{Shape, TreeRow};
use crate::view::tree_rows::Visibility;
use crate::workspace::Changed;

#[derive(Debug, Default)]
pub struct TreeTab {
    /// Collapsed nodes by goal or proposal id, which survive reloads.
    pub collapsed: HashSet<String>,
    /// The `/` filter, matched against titles, owners and their units.
    pub filter: ListFilter,
    pub selected: usize,
    pub offset: usize,
    /// The visible rows, rebuilt only when the data, the filter or folding change.
    pub rows: Vec<TreeRow>,
    /// What the filter shows, kept for folding without building every row again.
    visibility: Visibility,
    /// The selected row's goal or proposal id, as of the data it was selected in:
    /// a reload finds the selection again by it. Taken after every event, as the
    /// rows keep no ids.
    selected_key: Option<String>,
}

impl TreeTab {
    pub fn new(shared: &Shared) -> TreeTab {
        let mut tab = TreeTab::default();
        tab.rebuild(shared);
        tab
    }

    /// Rebuilds the rows after the data changed, keeping the selection on the same
    /// goal where it is still shown.
    fn rebuild(&mut self, shared: &Shared) {
        self.visibility = Visibility::new(&shared.workspace.world, &shared.viewer, &self.filter.text);
        self.show_rows(shared);
    }

    /// The rows of the filter as it is now.
    fn refilter(&mut self, shared: &Shared) {
        let shape = Shape { collapsed: &self.collapsed, filter: &self.filter.text, flagged: &shared.flagged };
        self.visibility.refilter(&shared.workspace.world, &shared.viewer, shape, &mut self.rows);
        self.settle(shared);
    }

    fn show_rows(&mut self, shared: &Shared) {
        let shape = Shape { collapsed: &self.collapsed, filter: &self.filter.text, flagged: &shared.flagged };
        self.rows = self.visibility.rows(&shared.workspace.world, &shared.viewer, shape);
        self.settle(shared);
    }

    /// What the filter found, and the selection on the goal it was on where it still shows.
    fn settle(&mut self, shared: &Shared) {
        let world = &shared.workspace.world;
        self.filter.found = self.rows.is_empty().then(|| self.visibility.found());
        let selected_key = self.selected_key.as_deref();
        self.selected = selected_key
            .and_then(|key| self.rows.iter().position(|r| world.cascade.key(&world.data, r.node) == key))
            .unwrap_or(self.selected)
            .min(self.rows.len().saturating_sub(1));
        self.remember_selection(shared);
    }

    /// Takes the selected row's id, from the data the rows were built from.
    fn remember_selection(&mut self, shared: &Shared) {
        let world = &shared.workspace.world;
        let key = self.selected_node().map(|node| world.cascade.key(&world.data, node));
        if key != self.selected_key.as_deref() {
            self.selected_key = key.map(str::to_owned);
        }
    }

    pub fn selected_node(&self) -> Option<NodeId> {
        self.rows.get(self.selected).map(|r| r.node)
    }

    /// Shows the goals matching `filter` (e.g. one person's), from the top.
    pub fn show_filtered(&mut self, filter: String, shared: &Shared) {
        self.filter.text = filter;
        self.selected = 0;
        self.offset = 0;
        self.remember_selection(shared);
        self.refilter(shared);
    }

    /// Tree rows on screen: the body less the table header and the filter line.
    fn visible_rows(&self, shared: &Shared) -> usize {
        shared.body_rows().saturating_sub(1 + usize::from(self.filter.shows()))
    }

    /// Keeps the selection inside the rows on screen.
    fn scroll_into_view(&mut self, shared: &Shared) {
        let height = self.visible_rows(shared).max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
    }

    /// Selects the next (or previous) row that matches the filter itself, round the end.
    fn next_match(&mut self, forward: bool) {
        let count = self.rows.len();
        let found = (1..=count)
            .map(
                |step| {
                    if forward { (self.selected + step) % count } else { (self.selected + count * 2 - step) % count }
                },
            )
            .find(|&index| self.rows[index].matched);
        if let Some(index) = found {
            self.selected = index;
        }
    }

    fn withdraw(&self, node: NodeId, key: String, shared: &Shared) -> Vec<Effect> {
        let world = &shared.workspace.world;
        let cascade = &world.cascade;
        // Only a pending proposal the actor made can be taken back.
        let mine = matches!(cascade.nodes[node].kind, NodeKind::Pending { .. })
            && cascade.proposer(&world.data, node) == Some(&shared.workspace.actor);
        if !mine {
            return vec![Status::error(Text::OnlyOwnProposals.text(shared.lang))];
        }
        let title = cascade.title(&world.data, node).to_owned();
        let message = Text::ConfirmWithdraw { title }.text(shared.lang);
        let on_yes = vec![Effect::Execute(Command::Sheet(Edit::WithdrawProposal { proposal: key.into() }))];
        vec![Effect::Open(Popup::Confirm { message, on_yes })]
    }
}

impl Component for TreeTab {
    fn handle(&mut self, action: Action, shared: &Shared) -> Vec<Effect> {
        let effects = self.act(action, shared);
        self.remember_selection(shared);
        effects
    }

    fn filter_keys(&mut self) -> Option<&mut ListFilter> {
        Some(&mut self.filter)
    }

    fn filter_changed(&mut self, shared: &Shared) {
        let filter = std::mem::take(&mut self.filter.text);
        self.show_filtered(filter, shared);
    }

    fn refresh(&mut self, shared: &Shared, changed: &Changed) {
        // A reviewer's step (approval) is in their feedback file and moves the approved figures.
        if changed.goals() || changed.feedback() || changed.organisation() {
            self.rebuild(shared);
        }
    }

    fn filter(&self) -> Option<&ListFilter> {
        Some(&self.filter)
    }

    fn first_row(&self) -> u16 {
        3 + u16::from(self.filter.shows())
    }

    fn click(&mut self, row: usize, shared: &Shared) {
        if self.offset + row < self.rows.len() {
            self.selected = self.offset + row;
            self.remember_selection(shared);
        }
    }
}

impl TreeTab {
    /// What an action does; the selection it leaves is taken by [`Component::handle`].
    fn act(&mut self, action: Action, shared: &Shared) -> Vec<Effect> {
        let page = shared.body_rows().saturating_sub(2).max(1);
        if move_selection(&mut self.selected, self.rows.len(), action, page) {
            self.scroll_into_view(shared);
            return Vec::new();
        }
        // The filter keys work even when nothing matches.
        match action {
            Action::Filter => {
                self.filter.start();
                return Vec::new();
            }
            Action::ClearFilter => {
                if self.filter.clear() {
                    self.refilter(shared);
                }
                return Vec::new();
            }
            Action::NextMatch | Action::PrevMatch => {
                self.next_match(action == Action::NextMatch);
                self.scroll_into_view(shared);
                return Vec::new();
            }
            _ => {}
        }
        let Some(node) = self.selected_node() else { return Vec::new() };
        let world = &shared.workspace.world;
        let key = world.cascade.key(&world.data, node).to_owned();
        let has_children = !world.cascade.children(node).is_empty();
        let folded_before = self.collapsed.len();
        match action {
            Action::Withdraw => return self.withdraw(node, key, shared),
            Action::Open => {
                return vec![Effect::Open(Popup::Detail { node, notes: detail_notes(shared, node), scroll: 0 })];
            }
            Action::Toggle if has_children => {
                if !self.collapsed.remove(&key) {
                    self.collapsed.insert(key);
                }
            }
            Action::Collapse => {
                if has_children && !self.collapsed.contains(&key) {
                    self.collapsed.insert(key);
                } else if let Some(parent) = world.cascade.nodes[node].parent()
                    && let Some(index) = self.rows.iter().position(|r| r.node == parent)
                {
                    self.selected = index;
                }
            }
            Action::Expand => {
                self.collapsed.remove(&key);
            }
            _ => return Vec::new(),
        }
        // Only the rows below the selected one change, and only when it was folded or unfolded.
        if self.collapsed.len() != folded_before {
            let shape = Shape { collapsed: &self.collapsed, filter: &self.filter.text, flagged: &shared.flagged };
            self.visibility.refold(world, &shared.viewer, shape, &mut self.rows, self.selected);
        }
        self.scroll_into_view(shared);
        Vec::new()
    }
}

/// The notes a goal's details show (feedback, changes since approval), as the
/// viewer may see them: worked out when the details open, and again once the
/// owner's texts are read from disk.
pub fn detail_notes(shared: &Shared, node: NodeId) -> GoalNotes {
    let world = &shared.workspace.world;
    let (owner, key) = (world.cascade.owner(&world.data, node), world.cascade.key(&world.data, node));
    notes_by_goal(world, &shared.workspace.actor, owner).remove(key).unwrap_or_default()
}
