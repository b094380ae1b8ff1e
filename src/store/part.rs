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

    /// Loads the cycle for its viewer, once `viewer` finds out from the organisation
    /// who that is: only the per-person files of the viewer's part
    /// ([`viewer_part`]), leaving out as it reads the 1on1 texts the viewer is never
    /// shown. When the viewer is not known (`None`), or their part is everyone, it
    /// loads everyone; only then, true, does it write what it parsed to the parse
    /// cache.
    pub fn load_part(
        &self,
        cycle: Option<&str>,
        viewer: impl FnOnce(&DataSetInfo, &Org) -> Option<PersonId>,
    ) -> Result<(Snapshot, bool), StoreError> {
        let run = self.cache.as_ref().map(ParseCache::open);
        let (info, _) = self.load_info_with(run.as_ref())?;
        // Read once, for the part and the load; a broken org.toml is the load's to
        // report, and here only means no part.
        let org = self.read_org(run.as_ref());
        let found = org.as_ref().ok().and_then(Option::as_ref).map(|(org, _)| org);
        let viewer = found.and_then(|org| viewer(&info, org).map(|viewer| (viewer_part(org, &viewer), viewer, org)));
        let mut store = self.clone();
        let mut whole = true;
        if let Some((people, viewer, org)) = viewer {
            // HR's part is everyone: its 1on1 texts are still left out as read.
            store = store.reading_meetings_as(&viewer);
            if people.len() < org.people.len() {
                store = store.part_for(people);
                whole = false;
            }
        }
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
        if !people.insert(person.id) {
            break; // a loop of reviewers; validation reports it
        }
        above = hierarchy.reviewer_of(&person.id);
    }
    people.extend(hierarchy.all_below(viewer).into_iter().flatten().map(|person| person.id));
    people
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::meetings::MeetingTexts;

    /// The viewer's load leaves out, as it reads, the 1on1 texts the viewer is
    /// never shown; a load for no one known yet reads them whole.
    #[test]
    fn a_viewers_load_leaves_out_others_1on1_texts() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        store.init_sample().unwrap();
        let viewer = "P0003";

        let (part, _) = store.load_part(None, |_, _| Some(viewer.into())).unwrap();
        let files = &part.data.instruments.meetings;
        assert!(files.iter().any(|file| file.texts_left_out), "some texts in the part were left out");
        for file in files.iter().filter(|file| file.writer != viewer) {
            for meeting in file.meetings.iter().filter(|meeting| meeting.with != viewer) {
                assert_eq!(*meeting.texts, MeetingTexts::default(), "{}'s 1on1 with {}", file.writer, meeting.with);
            }
        }
        let own = files.iter().find(|file| file.writer == viewer).unwrap();
        assert!(!own.texts_left_out && own.meetings.iter().any(|meeting| !meeting.texts.notes.is_empty()));

        let (everyone, whole) = store.load_part(None, |_, _| None).unwrap();
        assert!(whole);
        assert!(
            everyone.data.instruments.meetings.iter().all(|file| !file.texts_left_out),
            "no viewer, no texts left out"
        );
    }
}
