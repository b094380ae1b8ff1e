//! The People tab: the unit tree with heads and members.

use crate::app::component::{Component, Shared, move_selection};
use crate::app::effect::Effect;
use crate::keys::Action;
use crate::view::people::{PeopleLine, lines, nth_person};
use crate::workspace::Changed;

pub struct PeopleTab {
    /// The unit tree's lines, rebuilt when the organisation changes.
    pub lines: Vec<PeopleLine>,
    /// The selected person, counting people only.
    pub selected: usize,
}

impl PeopleTab {
    pub fn new(shared: &Shared) -> PeopleTab {
        PeopleTab { lines: lines(&shared.workspace.world.org), selected: 0 }
    }
}

impl Component for PeopleTab {
    fn handle(&mut self, action: Action, shared: &Shared) -> Vec<Effect> {
        let org = &shared.workspace.world.org;
        let page = shared.body_rows().saturating_sub(2).max(1);
        if move_selection(&mut self.selected, org.people.len(), action, page) {
            return Vec::new();
        }
        match nth_person(&self.lines, self.selected).and_then(|index| org.people.get(index)) {
            Some(person) if action == Action::PeopleGoals => vec![Effect::ShowInTree(person.name.clone())],
            _ => Vec::new(),
        }
    }

    fn refresh(&mut self, shared: &Shared, changed: &Changed) {
        if changed.organisation() {
            self.lines = lines(&shared.workspace.world.org);
            self.selected = self.selected.min(shared.workspace.world.org.people.len().saturating_sub(1));
        }
    }
}
