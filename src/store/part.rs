//! A viewer's part of the data set, loaded before the rest so that the app draws
//! its first frame without waiting for every file: the data set's and the cycle's
//! own files, and the per-person files (goals, feedback, 1on1s, calibration) of the
//! viewer, the chain of reviewers above them and everyone below them. The rest
//! comes with a whole load through the same path, the parse cache serving both.

use crate::model::hash::HashSet;
use std::sync::Arc;

use super::{ParseCache, Snapshot, Store, StoreError};
use crate::model::{DataSetInfo, Hierarchy, Org, PersonId};

impl Store {
    /// The store, its loads reading only the per-person files of `people`.
    pub fn part_for(self, people: HashSet<PersonId>) -> Store {
        Store { part: Some(Arc::new(people)), ..self }
    }

    /// Leaves out of a folder's file names those of people outside the part.
    pub(super) fn keep_part(&self, stems: &mut Vec<String>) {
        if let Some(part) = &self.part {
            stems.retain(|stem| part.contains(stem.as_str()));
        }
    }

    /// Loads the cycle, with only the part of the people `part` names once the
    /// organisation is known (`None`: everyone). True when that was everyone; only
    /// then does it write what it parsed to the parse cache.
    pub fn load_part(
        &self,
        cycle: Option<&str>,
        part: impl FnOnce(&DataSetInfo, &Org) -> Option<HashSet<PersonId>>,
    ) -> Result<(Snapshot, bool), StoreError> {
        let run = self.cache.as_ref().map(ParseCache::open);
        let (info, _) = self.load_info_with(run.as_ref())?;
        // Read once, for the part and the load; a broken org.toml is the load's to
        // report, and here only means no part.
        let org = self.read_org(run.as_ref());
        let found = org.as_ref().ok().and_then(Option::as_ref).map(|(org, _)| org);
        let people = found.and_then(|org| part(&info, org).filter(|people| people.len() < org.people.len()));
        let whole = people.is_none();
        let store = match people {
            Some(people) => self.clone().part_for(people),
            None => self.clone(),
        };
        let snapshot = store.load_with(cycle, run.as_ref(), Some(org))?;
        // A part's new cache entries are left to the whole load that follows it, so
        // that rewriting a shard (megabytes at city scale) is off the first frame's
        // path.
        if let Some(run) = run.filter(|_| whole) {
            run.persist();
        }
        Ok((snapshot, whole))
    }
}

/// The people whose files the first frame needs for `viewer`: themselves, the
/// reviewers above them, and everyone below them.
pub fn viewer_part(org: &Org, viewer: &str) -> HashSet<PersonId> {
    let hierarchy = Hierarchy::new(org);
    let mut people = HashSet::from_iter([PersonId::from(viewer)]);
    let mut above = hierarchy.reviewer_of(viewer);
    while let Some(person) = above {
        if !people.insert(person.id.clone()) {
            break; // a loop of reviewers; validation reports it
        }
        above = hierarchy.reviewer_of(&person.id);
    }
    people.extend(hierarchy.all_below(viewer).into_iter().flatten().map(|person| person.id.clone()));
    people
}
