//! Who may write which file of the data set, by its path relative to the root.
//!
//! The layout gives every file one writer: a person's own files (goals, feedback,
//! meetings, calibration) are theirs alone; the files that describe the organisation
//! and its cycles are HR's. `pdca sync` commits only the files this rule gives the
//! person at the keyboard, and `pdca verify` refuses a push that touches any other, so
//! both sides apply the same rule.
//!
//! One exception: HR opening a cycle may create other people's goals files in it (the
//! draft sheets carried over from the last cycle), in the same change that creates the
//! cycle's `cycle.toml`. An existing goals file is never HR's to change.

use super::permissions::Hierarchy;
use super::types::{CycleId, PersonId};

/// HR's files at the root of the data set, besides `pdca.toml` and `org.toml`: the
/// repository's own settings and the frameworks HR maintains.
pub const HR_ROOT_FILES: [&str; 4] = [".gitattributes", ".gitignore", "competencies.toml", "courses.toml"];
/// HR's files in a cycle's folder, besides `cycle.toml`.
pub const HR_CYCLE_FILES: [&str; 1] = ["engagement.toml"];

/// A file of the layout.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DataFile {
    /// `pdca.toml`.
    Info,
    /// `org.toml`.
    Org,
    /// One of [`HR_ROOT_FILES`].
    HrRoot(&'static str),
    /// `cycles/<cycle>/cycle.toml`.
    Cycle(CycleId),
    /// One of [`HR_CYCLE_FILES`] in a cycle's folder.
    HrCycle { cycle: CycleId, name: &'static str },
    /// A file that belongs to one person: `cycles/<cycle>/<kind>/<person>.toml`.
    Personal { cycle: CycleId, kind: PersonalKind, person: PersonId },
}

/// The folders of a cycle that hold one file per person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PersonalKind {
    /// `goals/`: the person's sheet.
    Goals,
    /// `feedback/`: what the person wrote as a reviewer, and the steps they took on others' sheets.
    Feedback,
    /// `meetings/`: the 1on1 meetings the person wrote down.
    Meetings,
    /// `calibration/`: the person's calibration (評価調整) records.
    Calibration,
}

impl PersonalKind {
    pub const ALL: [PersonalKind; 4] =
        [PersonalKind::Goals, PersonalKind::Feedback, PersonalKind::Meetings, PersonalKind::Calibration];

    /// The folder's name in a cycle.
    pub fn folder(self) -> &'static str {
        match self {
            PersonalKind::Goals => "goals",
            PersonalKind::Feedback => "feedback",
            PersonalKind::Meetings => "meetings",
            PersonalKind::Calibration => "calibration",
        }
    }
}

/// Who writes a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Writer<'a> {
    /// Anyone with the `hr` role.
    Hr,
    /// This person alone.
    Person(&'a str),
}

impl DataFile {
    /// The file at `path` (relative to the root, `/`-separated), or `None` for a path
    /// outside the layout (including temporary and hidden files in the cycles' folders).
    pub fn parse(path: &str) -> Option<DataFile> {
        let parts: Vec<&str> = path.split('/').collect();
        match parts.as_slice() {
            ["pdca.toml"] => Some(DataFile::Info),
            ["org.toml"] => Some(DataFile::Org),
            [name] => HR_ROOT_FILES.iter().find(|known| *known == name).map(|known| DataFile::HrRoot(known)),
            ["cycles", cycle, name] if is_name(cycle) => {
                if *name == "cycle.toml" {
                    return Some(DataFile::Cycle((*cycle).into()));
                }
                let known = HR_CYCLE_FILES.iter().find(|known| *known == name)?;
                Some(DataFile::HrCycle { cycle: (*cycle).into(), name: known })
            }
            ["cycles", cycle, folder, file] if is_name(cycle) => {
                let kind = PersonalKind::ALL.into_iter().find(|kind| kind.folder() == *folder)?;
                let person = file.strip_suffix(".toml").filter(|stem| is_name(stem))?;
                Some(DataFile::Personal { cycle: (*cycle).into(), kind, person: person.into() })
            }
            _ => None,
        }
    }

    /// Who may write the file: its person, or HR.
    pub fn writer(&self) -> Writer<'_> {
        match self {
            DataFile::Personal { person, .. } => Writer::Person(person),
            _ => Writer::Hr,
        }
    }

    /// The cycle whose folder holds the file, if any.
    pub fn cycle(&self) -> Option<&str> {
        match self {
            DataFile::Cycle(cycle) | DataFile::HrCycle { cycle, .. } | DataFile::Personal { cycle, .. } => Some(cycle),
            DataFile::Info | DataFile::Org | DataFile::HrRoot(_) => None,
        }
    }
}

/// A folder or file name the layout accepts: not empty, not hidden (temporary files
/// of a save start with a dot), no control characters or backslashes.
fn is_name(name: &str) -> bool {
    !name.is_empty() && !name.starts_with('.') && !name.chars().any(|c| c.is_control() || c == '\\')
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Added,
    Modified,
    Deleted,
}

/// One file changed by a commit, or on this machine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileChange {
    /// Relative to the root, `/`-separated.
    pub path: String,
    pub change: Change,
}

/// Why a person may not write a file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WriteRefused {
    #[error("{path}: not a file of the data set's layout")]
    OutsideLayout { path: String },
    #[error("{path}: `{actor}` is not a person in org.toml")]
    UnknownActor { path: String, actor: String },
    #[error("{path}: written by HR; {actor} does not have the hr role")]
    NeedsHr { path: String, actor: String },
    #[error("{path}: the file of {owner}; {actor} may write only their own files")]
    OthersFile { path: String, actor: String, owner: String },
}

/// For each change, the file it touches when `actor` may write it, else why not.
/// `org` is the organisation that grants the rights: for a push, the one before it.
pub fn check_writes(org: &Hierarchy<'_>, actor: &str, changes: &[FileChange]) -> Vec<Result<DataFile, WriteRefused>> {
    let opened_cycles: Vec<CycleId> = changes
        .iter()
        .filter(|change| change.change == Change::Added)
        .filter_map(|change| match DataFile::parse(&change.path) {
            Some(DataFile::Cycle(cycle)) => Some(cycle),
            _ => None,
        })
        .collect();
    changes.iter().map(|change| check_write(org, actor, change, &opened_cycles)).collect()
}

fn check_write(
    org: &Hierarchy<'_>,
    actor: &str,
    change: &FileChange,
    opened_cycles: &[CycleId],
) -> Result<DataFile, WriteRefused> {
    let path = || change.path.clone();
    let Some(file) = DataFile::parse(&change.path) else {
        return Err(WriteRefused::OutsideLayout { path: path() });
    };
    let Some(person) = org.person(actor) else {
        return Err(WriteRefused::UnknownActor { path: path(), actor: actor.to_owned() });
    };
    let allowed = match file.writer() {
        Writer::Hr => person.is_hr(),
        Writer::Person(owner) => owner == actor || (person.is_hr() && opens_sheet(&file, change, opened_cycles)),
    };
    match (allowed, file.writer()) {
        (true, _) => Ok(file),
        (false, Writer::Hr) => Err(WriteRefused::NeedsHr { path: path(), actor: org.label(actor) }),
        (false, Writer::Person(owner)) => {
            Err(WriteRefused::OthersFile { path: path(), actor: org.label(actor), owner: org.label(owner) })
        }
    }
}

/// A new goals file in a cycle created by the same change: a carried-over draft sheet.
fn opens_sheet(file: &DataFile, change: &FileChange, opened_cycles: &[CycleId]) -> bool {
    match file {
        DataFile::Personal { cycle, kind: PersonalKind::Goals, .. } => {
            change.change == Change::Added && opened_cycles.contains(cycle)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::permissions::tests::city;

    fn change(path: &str, change: Change) -> FileChange {
        FileChange { path: path.into(), change }
    }

    fn verdicts(actor: &str, changes: &[FileChange]) -> Vec<Result<DataFile, WriteRefused>> {
        let org = city();
        check_writes(&Hierarchy::new(&org), actor, changes)
    }

    /// The files the store reads and writes are recognised from the store's own
    /// paths (its tests); these are the HR files it has no path for.
    #[test]
    fn every_hr_root_file_is_recognised() {
        for name in HR_ROOT_FILES {
            assert_eq!(DataFile::parse(name), Some(DataFile::HrRoot(name)), "{name}");
        }
    }

    #[test]
    fn paths_outside_the_layout_are_nobodys() {
        for path in [
            "README.md",
            "cycles/2026/goals/ito.txt",
            "cycles/2026/goals/.ito.toml.pdca-tmp.1.0",
            "cycles/2026/goals/sub/ito.toml",
            "cycles/2026/notes/ito.toml",
            "cycles/.hidden/goals/ito.toml",
            "cycles/2026/goals/.toml",
            "cycles//goals/ito.toml",
            "pdca-conflicts/2026/goals/ito.toml",
            "org.toml/x",
        ] {
            assert_eq!(DataFile::parse(path), None, "{path}");
        }
    }

    #[test]
    fn a_person_writes_their_own_files_and_hr_the_organisations() {
        let own = [
            change("cycles/2026/goals/ito.toml", Change::Modified),
            change("cycles/2026/feedback/ito.toml", Change::Added),
            change("cycles/2026/meetings/ito.toml", Change::Deleted),
        ];
        assert!(verdicts("ito", &own).iter().all(Result::is_ok));
        let hr = [change("org.toml", Change::Modified), change("cycles/2026/engagement.toml", Change::Added)];
        assert!(verdicts("kimura", &hr).iter().all(Result::is_ok));
    }

    #[test]
    fn anyone_elses_file_is_refused_with_the_reason() {
        let refused = verdicts(
            "ito",
            &[
                change("cycles/2026/feedback/sato.toml", Change::Modified),
                change("org.toml", Change::Modified),
                change("notes.txt", Change::Added),
            ],
        );
        let messages: Vec<String> = refused.iter().map(|r| r.as_ref().unwrap_err().to_string()).collect();
        assert_eq!(
            messages,
            [
                "cycles/2026/feedback/sato.toml: the file of 佐藤 健 (sato); 伊藤 美咲 (ito) may write only their own files",
                "org.toml: written by HR; 伊藤 美咲 (ito) does not have the hr role",
                "notes.txt: not a file of the data set's layout",
            ]
        );
        // Not even HR or the reviewer writes someone's existing sheet.
        for actor in ["kimura", "sato"] {
            assert!(matches!(
                verdicts(actor, &[change("cycles/2026/goals/ito.toml", Change::Modified)])[0],
                Err(WriteRefused::OthersFile { .. })
            ));
        }
        assert!(matches!(
            verdicts("stranger", &[change("cycles/2026/goals/stranger.toml", Change::Added)])[0],
            Err(WriteRefused::UnknownActor { .. })
        ));
    }

    #[test]
    fn hr_may_create_draft_sheets_only_when_opening_their_cycle() {
        let opening =
            [change("cycles/2027/cycle.toml", Change::Added), change("cycles/2027/goals/ito.toml", Change::Added)];
        assert!(verdicts("kimura", &opening).iter().all(Result::is_ok));
        // Someone without the hr role cannot open a cycle, so not the sheets either.
        assert!(verdicts("sato", &opening).iter().all(Result::is_err));
        // A sheet in a cycle that already exists, or an existing sheet, stays the owner's.
        let later = [change("cycles/2026/goals/ito.toml", Change::Added)];
        assert!(verdicts("kimura", &later)[0].is_err());
        let existing =
            [change("cycles/2027/cycle.toml", Change::Added), change("cycles/2027/goals/ito.toml", Change::Modified)];
        assert!(verdicts("kimura", &existing)[1].is_err());
    }
}
