//! What a viewer sees, as plain data: rows, tables, sheets and notes built from
//! the loaded data set and the read rules, shared by the app and `pdca show`.
//! No terminal types and no words here: `ui` and the messages turn it into text.

pub mod abilities;
pub mod alignment;
pub mod calibration;
pub mod contribution;
pub mod engagement;
pub mod measured;
pub mod meetings;
pub mod overview;
pub mod people;
pub mod picker;
pub mod review;
pub mod search;
pub mod sheet;
pub mod text;
pub mod tree;
pub mod tree_rows;

use crate::model::hash::HashSet;

use crate::model::{Date, PersonId, World};

/// Who is looking, and on which day: what the read rules and the calendar marks
/// depend on. Worked out once per change of the organisation, not per row drawn.
#[derive(Clone, Debug)]
pub struct Viewer {
    pub actor: PersonId,
    pub today: Date,
    /// The people whose goals the viewer may read.
    readable: HashSet<PersonId>,
}

impl Viewer {
    pub fn new(world: &World, actor: &str, today: Date) -> Viewer {
        let readable = world.hierarchy().goal_owners_readable_by(actor);
        Viewer { actor: actor.into(), today, readable }
    }

    pub fn may_read_goals_of(&self, owner: &str) -> bool {
        self.readable.contains(owner)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::model::World;
    use crate::store::Store;

    /// The bundled sample, loaded in a temporary folder (kept while the folder lives).
    pub(crate) fn sample() -> (tempfile::TempDir, World) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("data"));
        store.init_sample().unwrap();
        let snapshot = store.load(None).unwrap();
        (dir, World::new(snapshot.info, snapshot.org, snapshot.data))
    }
}
