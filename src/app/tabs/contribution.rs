//! The Contribution tab: each person's and unit's part in a top goal, a unit's
//! share in each top goal, or the top goals a person's work reaches.

use crate::app::component::{Component, Shared};
use crate::app::effect::Effect;
use crate::keys::Action;
use crate::view::contribution::{ContributionTable, Mode, own_subject, subjects, tables};
use crate::workspace::Changed;

pub struct ContributionTab {
    pub mode: Mode,
    /// Index of the chosen subject among those the actor may see.
    pub subject: usize,
    /// How many subjects there are to cycle through.
    pub count: usize,
    /// The tables shown, computed when the subject or the data changes.
    pub tables: Vec<ContributionTable>,
}

impl ContributionTab {
    pub fn new(shared: &Shared) -> ContributionTab {
        let mut tab = ContributionTab { mode: Mode::default(), subject: 0, count: 0, tables: Vec::new() };
        tab.rebuild(shared);
        tab
    }

    fn rebuild(&mut self, shared: &Shared) {
        let world = &shared.workspace.world;
        let list = subjects(world, &shared.viewer, self.mode);
        self.count = list.len();
        self.subject = self.subject.min(list.len().saturating_sub(1));
        self.tables = list.get(self.subject).map(|&s| tables(world, &shared.viewer, s)).unwrap_or_default();
    }
}

impl Component for ContributionTab {
    fn handle(&mut self, action: Action, shared: &Shared) -> Vec<Effect> {
        let count = self.count.max(1);
        match action {
            Action::NextSubject => self.subject = (self.subject + 1) % count,
            Action::PrevSubject => self.subject = (self.subject + count - 1) % count,
            Action::ContributionMode => {
                self.mode = self.mode.next();
                // Start where the actor is: their own unit or themself.
                let world = &shared.workspace.world;
                let list = subjects(world, &shared.viewer, self.mode);
                let own = own_subject(world, &shared.viewer, self.mode);
                self.subject = own.and_then(|own| list.iter().position(|s| *s == own)).unwrap_or(0);
            }
            _ => return Vec::new(),
        }
        self.rebuild(shared);
        Vec::new()
    }

    fn refresh(&mut self, shared: &Shared, changed: &Changed) {
        if changed.goals() || changed.organisation() {
            self.rebuild(shared);
        }
    }
}
