//! A viewer's part of the data set, loaded before the rest so that the app draws
//! its first frame without waiting for every file: the data set's and the cycle's
//! own files, and the per-person files (goals, feedback, 1on1s, calibration) of the
//! viewer, the chain of reviewers above them and everyone below them. The rest
//! comes with a whole load through the same path, the parse cache serving both.

use crate::model::hash::HashSet;
use crate::model::ident::check_id;
use std::path::Path;
use std::sync::Arc;
use std::time::SystemTime;
use std::{fs, io};

use super::cache::CacheRun;
use super::{ParseCache, Snapshot, Store, StoreError, atomic};
use crate::model::{DataSetInfo, Hierarchy, Org, PersonId};

impl Store {
    /// The store, its loads reading only the per-person files of `people`.
    pub fn part_for(self, people: HashSet<PersonId>) -> Store {
        Store { part: Some(Arc::new(people)), ..self }
    }

    /// The names, without `.toml`, of the files of a per-person folder to read, in
    /// order. A part's are its people's: where file names tell case apart, looked
    /// for one by one rather than kept out of a listing of the folder (at 20,000
    /// people, listing the folders took a fifth of a team member's first load).
    /// Else every file the folder lists, the temporary files of interrupted saves
    /// cleaned away, a part's kept out of them.
    pub(super) fn stems_to_read(&self, folder: &Path) -> Result<Vec<String>, StoreError> {
        // Opened either way, so that a folder missing or unreadable is the same to
        // a part as to the whole load (one that is not a folder never comes here:
        // `folder_of` reports it).
        let entries = match fs::read_dir(folder) {
            Ok(entries) => entries,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => return Err(StoreError::Io { path: folder.to_owned(), source }),
        };
        match self.part.as_ref().map(|part| stems_by_name(part)) {
            Some(stems) if names_tell_case(folder, &stems) => Ok(stems),
            _ => Ok(self.listed_stems(entries)),
        }
    }

    fn listed_stems(&self, entries: fs::ReadDir) -> Vec<String> {
        let now = SystemTime::now();
        let mut stems: Vec<String> = entries
            .flatten()
            .filter_map(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                if atomic::clean_if_stale_temp(&entry, &name, now) {
                    return None;
                }
                let stem = name.strip_suffix(".toml")?;
                (!name.starts_with('.')).then(|| stem.to_owned())
            })
            .collect();
        if let Some(part) = &self.part {
            stems.retain(|stem| part.contains(stem.as_str()));
        }
        stems.sort();
        stems
    }

    /// Loads the cycle for its viewer, once `viewer` finds out from the organisation
    /// who that is: only the per-person files of the viewer's part
    /// ([`viewer_part`]), leaving out as it reads the 1on1 texts the viewer is never
    /// shown. When the viewer is not known (`None`), or their part is everyone, it
    /// loads everyone (`whole`); only then is what it parsed kept for the parse
    /// cache, which the caller writes when it is ready ([`PendingCache`]).
    pub fn load_part(
        &self,
        cycle: Option<&str>,
        viewer: impl FnOnce(&DataSetInfo, &Org) -> Option<PersonId>,
    ) -> Result<PartLoad, StoreError> {
        let run = self.cache.as_ref().map(ParseCache::open);
        let (info, info_version) = self.load_info_with(run.as_ref())?;
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
        let snapshot = store.load_with(cycle, run.as_ref(), (info, info_version), Some(org))?;
        // A part's new cache entries are left to the whole load that follows it.
        let cache = PendingCache(run.filter(|_| whole));
        Ok(PartLoad { snapshot, whole, cache })
    }
}

/// What [`Store::load_part`] loaded.
pub struct PartLoad {
    pub snapshot: Snapshot,
    /// The part was everyone.
    pub whole: bool,
    pub cache: PendingCache,
}

/// What a load parsed, not yet written to the parse cache: rewriting a shard
/// (megabytes at city scale, for one file changed) is then off the first frame's
/// path. Let go unwritten, the cache only stays as it was.
#[must_use]
pub struct PendingCache(Option<CacheRun>);

impl PendingCache {
    pub fn write(self) {
        if let Some(run) = self.0 {
            run.persist();
        }
    }
}

/// Whether `folder` tells `P1.toml` from `p1.toml`, so that a part may open its
/// files by name. Where it does not, `P1.toml` would open `p1.toml`, which the whole
/// load's listing refuses as not its owner's name, and the part would show a sheet
/// the whole load then takes away. Windows and macOS do not; on Linux a folder may
/// not either (ext4's casefold, a Windows share mounted): the first of `stems` with
/// a file there is asked for in the other case, which must not be the same entry.
fn names_tell_case(folder: &Path, stems: &[String]) -> bool {
    if cfg!(any(windows, target_os = "macos")) {
        return false;
    }
    let other_case = |stem: &str| -> String {
        stem.chars()
            .map(|c| if c.is_ascii_lowercase() { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
            .collect()
    };
    let entry = |stem: &str| fs::symlink_metadata(folder.join(format!("{stem}.toml")));
    for stem in stems.iter().filter(|stem| stem.chars().any(|c| c.is_ascii_alphabetic())) {
        let Ok(found) = entry(stem) else { continue };
        // Not found in the other case, or found as another entry: names tell case.
        return match entry(&other_case(stem)) {
            Ok(other) => !same_entry(&found, &other),
            Err(error) => error.kind() == io::ErrorKind::NotFound,
        };
    }
    // None of the part's files is there: there is nothing to open by a wrong name.
    true
}

#[cfg(unix)]
fn same_entry(one: &fs::Metadata, other: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (one.dev(), one.ino()) == (other.dev(), other.ino())
}

/// Never asked: names are not told apart by case there ([`names_tell_case`]).
#[cfg(not(unix))]
fn same_entry(_: &fs::Metadata, _: &fs::Metadata) -> bool {
    true
}

/// A part's file names: an id that cannot be a file name has no file to read
/// (validation reports it, and the whole load any file of that name).
fn stems_by_name(part: &HashSet<PersonId>) -> Vec<String> {
    let mut stems: Vec<String> =
        part.iter().filter(|id| check_id(id).is_ok()).map(|id| id.as_str().to_owned()).collect();
    stems.sort();
    stems
}

/// The people whose files the first frame needs for `viewer`: themselves, the
/// reviewers above them, and everyone below them.
pub fn viewer_part(org: &Org, viewer: &str) -> HashSet<PersonId> {
    Hierarchy::new(org).chain_and_below(viewer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::meetings::MeetingTexts;

    /// A copy of the bundled sample, and its store.
    fn sample() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        store.init_sample().unwrap();
        (dir, store)
    }

    /// A copy of the bundled sample, a store of `viewer`'s part of it, and the part.
    fn sample_part(viewer: &str) -> (tempfile::TempDir, Store, HashSet<PersonId>) {
        let (dir, store) = sample();
        let part = viewer_part(&store.load(None).unwrap().org, viewer);
        (dir, store.part_for(part.clone()), part)
    }

    /// The viewer's load leaves out, as it reads, the 1on1 texts the viewer is
    /// never shown; a load for no one known yet reads them whole.
    #[test]
    fn a_viewers_load_leaves_out_others_1on1_texts() {
        let (_dir, store) = sample();
        let viewer = "P0003";

        let part = store.load_part(None, |_, _| Some(viewer.into())).unwrap().snapshot;
        let files = &part.data.instruments.meetings;
        assert!(files.iter().any(|file| file.texts_left_out), "some texts in the part were left out");
        for file in files.iter().filter(|file| file.writer != viewer) {
            for meeting in file.meetings.iter().filter(|meeting| meeting.with != viewer) {
                assert_eq!(*meeting.texts, MeetingTexts::default(), "{}'s 1on1 with {}", file.writer, meeting.with);
            }
        }
        let own = files.iter().find(|file| file.writer == viewer).unwrap();
        assert!(!own.texts_left_out && own.meetings.iter().any(|meeting| !meeting.texts.notes.is_empty()));

        let PartLoad { snapshot: everyone, whole, .. } = store.load_part(None, |_, _| None).unwrap();
        assert!(whole);
        assert!(
            everyone.data.instruments.meetings.iter().all(|file| !file.texts_left_out),
            "no viewer, no texts left out"
        );
    }

    /// A part reads its people's files, looked for by name, as the whole load
    /// reads them: what they hold, what is broken, what is not there; and
    /// nothing of anyone else, even broken.
    #[test]
    fn a_part_reads_its_peoples_files_as_the_whole_load_does_and_no_others() {
        let (dir, store) = sample();
        let viewer = "P0003";
        let org = store.load(None).unwrap().org;
        let part = viewer_part(&org, viewer);
        let goals = dir.path().join("cycles/2026/goals");
        let (inside, outside): (Vec<_>, Vec<_>) = org
            .people
            .iter()
            .map(|p| p.id)
            .filter(|id| goals.join(format!("{id}.toml")).exists())
            .partition(|id| part.contains(id));
        assert!(inside.len() > 2 && !outside.is_empty());
        fs::write(goals.join(format!("{}.toml", inside[1])), "owner = [").unwrap();
        fs::remove_file(goals.join(format!("{}.toml", inside[2]))).unwrap();
        fs::write(goals.join(format!("{}.toml", outside[0])), "owner = [").unwrap();

        let whole = store.load(None).unwrap();
        let PartLoad { snapshot: read, whole: all, .. } = store.load_part(None, |_, _| Some(viewer.into())).unwrap();
        assert!(!all);
        let of_part = |owner: &PersonId| part.contains(owner);
        let whole_goals: Vec<_> = whole.data.goals.iter().filter(|file| of_part(&file.owner)).collect();
        assert_eq!(read.data.goals.iter().collect::<Vec<_>>(), whole_goals);
        let broken_goals = |snapshot: &Snapshot| {
            let mut owners: Vec<String> = snapshot
                .problems
                .iter()
                .filter_map(|problem| match &problem.source {
                    crate::model::Source::Goals { person, .. } => Some(person.to_string()),
                    _ => None,
                })
                .collect();
            owners.sort();
            owners
        };
        assert_eq!(broken_goals(&read), [inside[1].to_string()]);
        let mut everyone_broken = vec![inside[1].to_string(), outside[0].to_string()];
        everyone_broken.sort();
        assert_eq!(broken_goals(&whole), everyone_broken);
        for (path, version) in &read.versions.0 {
            let known = whole.versions.0.get(path).copied().unwrap_or(super::super::Version::Absent);
            assert_eq!(*version, known, "{}", path.display());
        }
    }

    /// Where names tell case apart, the part's files are looked for by name; the
    /// files found so are those a listing keeps for the part, as elsewhere.
    #[test]
    fn a_parts_files_by_name_are_those_its_listing_keeps() {
        let (dir, store, part) = sample_part("P0003");
        for folder in ["goals", "feedback", "meetings", "calibration"] {
            let folder = dir.path().join("cycles/2026").join(folder);
            let listed = store.listed_stems(fs::read_dir(&folder).unwrap());
            let found: Vec<String> =
                stems_by_name(&part).into_iter().filter(|stem| folder.join(format!("{stem}.toml")).exists()).collect();
            assert!(!listed.is_empty(), "{}", folder.display());
            assert_eq!(listed, found, "{}", folder.display());
        }
    }

    /// A folder that does not tell names apart by case (here a second name for a
    /// file, as a folder folding case has) is listed for a part rather than looked
    /// in by name; one that does is looked in by name.
    #[cfg(unix)]
    #[test]
    fn a_folder_that_folds_case_is_listed_for_a_part() {
        let (dir, store, part) = sample_part("P0003");
        let goals = dir.path().join("cycles/2026/goals");
        let by_name = stems_by_name(&part);
        let listed = store.listed_stems(fs::read_dir(&goals).unwrap());
        assert_ne!(by_name, listed, "the part names people without a goals file");
        assert!(names_tell_case(&goals, &by_name));
        assert_eq!(store.stems_to_read(&goals).unwrap(), by_name);

        // The first of the part's files there, the one asked with.
        let first = by_name.iter().find(|stem| goals.join(format!("{stem}.toml")).exists()).unwrap();
        fs::hard_link(goals.join(format!("{first}.toml")), goals.join(format!("{}.toml", first.to_lowercase())))
            .unwrap();
        assert!(!names_tell_case(&goals, &by_name));
        assert_eq!(store.stems_to_read(&goals).unwrap(), listed);
    }

    /// A per-person folder that is not a folder is reported by a part as by the
    /// whole load, and nothing of it read.
    #[test]
    fn a_folder_that_is_a_file_is_reported_by_a_part_as_by_the_whole_load() {
        let (dir, store) = sample();
        let feedback = dir.path().join("cycles/2026/feedback");
        fs::remove_dir_all(&feedback).unwrap();
        fs::write(&feedback, "not a folder").unwrap();
        let whole = store.load(None).unwrap();
        let part = store.load_part(None, |_, _| Some("P0003".into())).unwrap().snapshot;
        for snapshot in [&whole, &part] {
            assert!(snapshot.data.feedback.is_empty());
            let about_it: Vec<_> = snapshot
                .problems
                .iter()
                .filter(|p| matches!(&p.kind, crate::model::ProblemKind::LinkedFolder { folder } if folder.ends_with("feedback")))
                .collect();
            assert_eq!(about_it.len(), 1, "{:?}", snapshot.problems);
        }
    }
}
