//! The People tab: the unit tree with heads and members.

use std::collections::HashMap;

use crate::app::component::{Component, Shared, move_selection};
use crate::app::effect::Effect;
use crate::keys::Action;
use crate::model::PersonId;
use crate::view::meetings::{Recencies, RecencyCell};
use crate::view::people::{PeopleLine, lines, nth_person};
use crate::workspace::Changed;

pub struct PeopleTab {
    /// The unit tree's lines, rebuilt when the organisation changes.
    pub lines: Vec<PeopleLine>,
    /// The selected person, counting people only.
    pub selected: usize,
    /// Days since the last 1on1 and recognition of the people below the viewer
    /// (everyone's, for HR).
    pub recency: HashMap<PersonId, RecencyCell>,
}

impl PeopleTab {
    pub fn new(shared: &Shared) -> PeopleTab {
        let mut tab = PeopleTab { lines: lines(&shared.workspace.world.org), selected: 0, recency: HashMap::new() };
        tab.recency = recency_below(shared);
        tab
    }
}

/// The recency of everyone the actor is above, or of everyone for HR.
fn recency_below(shared: &Shared) -> HashMap<PersonId, RecencyCell> {
    let (world, actor) = (&shared.workspace.world, shared.workspace.actor.as_str());
    let hierarchy = world.hierarchy();
    let hr = world.person(actor).is_some_and(|p| p.is_hr());
    let recencies = Recencies::new(world, shared.workspace.today);
    world
        .org
        .people
        .iter()
        .filter(|p| p.id != actor && (hr || hierarchy.is_above(actor, &p.id)))
        .map(|p| (p.id.clone(), recencies.of(&p.id)))
        .collect()
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
        self.recency = recency_below(shared);
        if changed.organisation() {
            self.lines = lines(&shared.workspace.world.org);
            self.selected = self.selected.min(shared.workspace.world.org.people.len().saturating_sub(1));
        }
    }
}
