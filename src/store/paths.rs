//! Where each file of the data set is. Every path the store opens or writes is
//! built by [`Store::path_of`], which checks the ids that become part of it and
//! that no folder on the way is a link leading elsewhere: nothing is ever read or
//! written outside the data set.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{
    AUDIT_DIR, CALIBRATION_DIR, COMPETENCIES_FILE, COURSES_FILE, CYCLE_FILE, CYCLES_DIR, ENGAGEMENT_FILE, FEEDBACK_DIR,
    GOALS_DIR, INFO_FILE, MEETINGS_DIR, ORG_FILE, QUESTIONS_FILE, Store, StoreError,
};
use crate::model::ident::check_id;
use crate::model::{CycleId, Source};

impl Store {
    /// The path of a source's file relative to the root, as shown to users. Use
    /// [`Store::path_of`] to read or write it.
    pub fn relative_path(source: &Source) -> PathBuf {
        let file = |name: &str| format!("{name}.toml");
        match source {
            Source::Info => PathBuf::from(INFO_FILE),
            Source::Org => PathBuf::from(ORG_FILE),
            Source::Competencies => PathBuf::from(COMPETENCIES_FILE),
            Source::Courses => PathBuf::from(COURSES_FILE),
            Source::EngagementQuestions => PathBuf::from(QUESTIONS_FILE),
            Source::Cycle(cycle) => [CYCLES_DIR, cycle, CYCLE_FILE].iter().collect(),
            Source::Engagement(cycle) => [CYCLES_DIR, cycle, ENGAGEMENT_FILE].iter().collect(),
            Source::Goals { cycle, person } => [CYCLES_DIR, cycle, GOALS_DIR, &file(person)].iter().collect(),
            Source::Feedback { cycle, reviewer } => [CYCLES_DIR, cycle, FEEDBACK_DIR, &file(reviewer)].iter().collect(),
            Source::Calibration { cycle, calibrator } => {
                [CYCLES_DIR, cycle, CALIBRATION_DIR, &file(calibrator)].iter().collect()
            }
            Source::Meetings { cycle, writer } => [CYCLES_DIR, cycle, MEETINGS_DIR, &file(writer)].iter().collect(),
            Source::Audit { admin } => [AUDIT_DIR, &file(admin)].iter().collect(),
        }
    }

    /// The path of a source's file relative to the root with `/` between its parts,
    /// on every system: as git names it in a commit.
    pub fn layout_path(source: &Source) -> String {
        slash_path(&Self::relative_path(source))
    }

    /// A cycle's sub-folder (`cycles/<cycle>/goals`) relative to the root, as shown to
    /// users and as git names it (`/`-separated). Use [`Store::folder_of`] to list it.
    pub fn layout_folder(cycle: &str, folder: &str) -> String {
        slash_path(&Self::relative_folder(cycle, folder))
    }

    fn relative_folder(cycle: &str, folder: &str) -> PathBuf {
        [CYCLES_DIR, cycle, folder].iter().collect()
    }

    /// The path of a source's file for showing in a message: never fails, never used
    /// to open anything.
    pub fn display_path(&self, source: &Source) -> PathBuf {
        self.root.join(Self::relative_path(source))
    }

    /// The path of a source's file, to read or write: its ids must be valid ids (see
    /// [`crate::model::ident`]), and no folder between the data set's root and the
    /// file may be a symbolic link (or, on Windows, a junction), which could lead out
    /// of the data set.
    pub fn path_of(&self, source: &Source) -> Result<PathBuf, StoreError> {
        for id in ids_of(source) {
            check_id(id).map_err(|reason| StoreError::BadId { id: id.to_owned(), reason })?;
        }
        let relative = Self::relative_path(source);
        self.check_folders(relative.parent().unwrap_or(Path::new("")))?;
        Ok(self.root.join(relative))
    }

    /// A cycle's sub-folder (`cycles/<cycle>/goals`), for listing its files, checked
    /// like a file's path.
    pub(super) fn folder_of(&self, cycle: &str, folder: &str) -> Result<PathBuf, StoreError> {
        check_id(cycle).map_err(|reason| StoreError::BadId { id: cycle.to_owned(), reason })?;
        let relative = Self::relative_folder(cycle, folder);
        self.check_folders(&relative)?;
        Ok(self.root.join(relative))
    }

    /// The cycles that have a folder, oldest first: those whose cycle.toml is a
    /// regular file, and those whose folder is a link or whose name is not an id, so
    /// that loading them says why they cannot be loaded. Nothing is looked for through
    /// a link.
    pub fn cycle_ids(&self) -> Result<Vec<CycleId>, StoreError> {
        let folder = self.folder_of_cycles()?;
        let mut ids: Vec<CycleId> = match fs::read_dir(&folder) {
            Ok(entries) => entries
                .flatten()
                .filter_map(|entry| {
                    let id = CycleId::from(entry.file_name().to_string_lossy());
                    let listed = match self.path_of(&Source::Cycle(id.clone())) {
                        Ok(path) => fs::symlink_metadata(path).is_ok_and(|found| found.is_file()),
                        Err(_) => entry.file_type().is_ok_and(|kind| {
                            kind.is_symlink()
                                || (kind.is_dir()
                                    && fs::symlink_metadata(entry.path().join(CYCLE_FILE))
                                        .is_ok_and(|found| found.is_file()))
                        }),
                    };
                    listed.then_some(id)
                })
                .collect(),
            Err(error) if error.kind() == io::ErrorKind::NotFound => Vec::new(),
            Err(source) => return Err(StoreError::Io { path: folder, source }),
        };
        ids.sort();
        Ok(ids)
    }

    /// The folder of the cycles, for listing them, checked like a file's path.
    pub(super) fn folder_of_cycles(&self) -> Result<PathBuf, StoreError> {
        self.check_folders(Path::new(CYCLES_DIR))?;
        Ok(self.root.join(CYCLES_DIR))
    }

    /// A path under the root for a file that is not a record (a sync's conflict
    /// copy): refused when `relative` climbs out (`..`, a root, a drive) or when a
    /// folder on its way is a link.
    pub fn confined(&self, relative: &Path) -> Result<PathBuf, StoreError> {
        use std::path::Component;
        if !relative.components().all(|c| matches!(c, Component::Normal(_))) {
            return Err(StoreError::OutsideDataSet(self.root.join(relative)));
        }
        self.check_folders(relative.parent().unwrap_or(Path::new("")))?;
        Ok(self.root.join(relative))
    }

    /// Refuses when a folder on the way from the root to the folder `relative`, or
    /// that folder itself, exists as anything but a plain folder.
    fn check_folders(&self, relative: &Path) -> Result<(), StoreError> {
        let mut path = self.root.clone();
        for component in relative.components() {
            path.push(component);
            match fs::symlink_metadata(&path) {
                Ok(metadata) if metadata.is_dir() => {}
                Ok(_) => return Err(StoreError::OutsideDataSet(path)),
                // A folder not made yet is made by the save, as a plain folder.
                Err(_) => return Ok(()),
            }
        }
        Ok(())
    }
}

/// A path relative to the root with `/` between its parts, on every system.
pub(super) fn slash_path(relative: &Path) -> String {
    relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// The ids that are part of a source's path.
fn ids_of(source: &Source) -> Vec<&str> {
    match source {
        Source::Info | Source::Org | Source::Competencies | Source::Courses | Source::EngagementQuestions => Vec::new(),
        Source::Cycle(cycle) | Source::Engagement(cycle) => vec![cycle],
        Source::Audit { admin } => vec![admin],
        Source::Goals { cycle, person: id }
        | Source::Feedback { cycle, reviewer: id }
        | Source::Calibration { cycle, calibrator: id }
        | Source::Meetings { cycle, writer: id } => vec![cycle, id],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ident::BadId;

    fn goals(cycle: &str, person: &str) -> Source {
        Source::Goals { cycle: cycle.into(), person: person.into() }
    }

    #[test]
    fn the_write_policy_knows_every_file_by_the_path_the_store_gives_it() {
        use crate::model::file_policy::{DataFile, PersonalKind};
        let personal = |kind, person: &str| DataFile::Personal { cycle: "2026".into(), kind, person: person.into() };
        let cases = [
            (Source::Info, DataFile::Info),
            (Source::Org, DataFile::Org),
            (Source::Competencies, DataFile::HrRoot("competencies.toml")),
            (Source::Cycle("2026".into()), DataFile::Cycle("2026".into())),
            (Source::Engagement("2026".into()), DataFile::HrCycle { cycle: "2026".into(), name: "engagement.toml" }),
            (goals("2026", "ito"), personal(PersonalKind::Goals, "ito")),
            (
                Source::Feedback { cycle: "2026".into(), reviewer: "sato".into() },
                personal(PersonalKind::Feedback, "sato"),
            ),
            (Source::Meetings { cycle: "2026".into(), writer: "ito".into() }, personal(PersonalKind::Meetings, "ito")),
            (
                Source::Calibration { cycle: "2026".into(), calibrator: "suzuki".into() },
                personal(PersonalKind::Calibration, "suzuki"),
            ),
        ];
        for (source, file) in cases {
            let path = Store::layout_path(&source);
            assert_eq!(DataFile::parse(&path), Some(file), "{path}");
        }
    }

    #[test]
    fn a_path_with_a_hostile_id_is_never_built() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("data"));
        for (cycle, person) in
            [("2026", "../../x"), ("../..", "P1"), ("/etc", "P1"), ("2026", "C:\\x"), ("2026", "CON")]
        {
            let refused = store.path_of(&goals(cycle, person));
            assert!(matches!(refused, Err(StoreError::BadId { .. })), "{cycle}/{person}: {refused:?}");
        }
        let refused = store.path_of(&Source::Feedback { cycle: "2026".into(), reviewer: Default::default() });
        assert!(matches!(refused, Err(StoreError::BadId { reason: BadId::Empty, .. })));
        assert_eq!(store.path_of(&goals("2026", "P1")).unwrap(), dir.path().join("data/cycles/2026/goals/P1.toml"));
    }

    #[test]
    fn the_layout_path_is_the_name_the_file_policy_and_git_give_the_file() {
        use crate::model::file_policy::{DataFile, PersonalKind};
        let personal = |kind, person: &str| DataFile::Personal { cycle: "2026".into(), kind, person: person.into() };
        let cycle = || CycleId::from("2026");
        let cases = [
            (Source::Info, DataFile::Info),
            (Source::Org, DataFile::Org),
            (Source::Cycle(cycle()), DataFile::Cycle(cycle())),
            (Source::Engagement(cycle()), DataFile::HrCycle { cycle: cycle(), name: ENGAGEMENT_FILE }),
            (goals("2026", "P1"), personal(PersonalKind::Goals, "P1")),
            (Source::Feedback { cycle: cycle(), reviewer: "P2".into() }, personal(PersonalKind::Feedback, "P2")),
            (Source::Meetings { cycle: cycle(), writer: "P3".into() }, personal(PersonalKind::Meetings, "P3")),
            (
                Source::Calibration { cycle: cycle(), calibrator: "P4".into() },
                personal(PersonalKind::Calibration, "P4"),
            ),
        ];
        for (source, file) in cases {
            assert_eq!(DataFile::parse(&Store::layout_path(&source)), Some(file), "{source:?}");
        }
        assert_eq!(Store::layout_path(&goals("2026", "P1")), "cycles/2026/goals/P1.toml");
        assert_eq!(Store::layout_folder("2026", GOALS_DIR), "cycles/2026/goals");
    }

    #[cfg(unix)]
    #[test]
    fn a_confined_path_neither_climbs_out_nor_goes_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("data"));
        fs::create_dir_all(dir.path().join("data")).unwrap();
        let inside = Path::new("pdca-conflicts/1/cycles/2026/goals/P0001.toml");
        assert_eq!(store.confined(inside).unwrap(), dir.path().join("data").join(inside));
        assert!(store.confined(Path::new("../outside.toml")).is_err());
        assert!(store.confined(Path::new("/etc/passwd")).is_err());
        std::os::unix::fs::symlink(dir.path(), dir.path().join("data/pdca-conflicts")).unwrap();
        assert!(matches!(store.confined(inside), Err(StoreError::OutsideDataSet(_))));
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_folder_inside_the_data_set_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        fs::create_dir_all(&outside).unwrap();
        let store = Store::new(dir.path().join("data"));
        fs::create_dir_all(dir.path().join("data/cycles/2026")).unwrap();
        std::os::unix::fs::symlink(&outside, dir.path().join("data/cycles/2026/goals")).unwrap();
        let refused = store.path_of(&goals("2026", "P1"));
        assert!(matches!(refused, Err(StoreError::OutsideDataSet(_))), "{refused:?}");
        assert!(matches!(store.folder_of("2026", GOALS_DIR), Err(StoreError::OutsideDataSet(_))));
        // The root itself may be a link: the data set is wherever it leads.
        let linked_root = dir.path().join("linked");
        std::os::unix::fs::symlink(dir.path().join("data"), &linked_root).unwrap();
        assert!(Store::new(&linked_root).path_of(&Source::Org).is_ok());
    }
}
