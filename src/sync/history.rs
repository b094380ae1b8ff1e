//! `pdca log`: who changed what and when, field by field, from the repository's
//! history, as far as the viewer may read it.
//!
//! Who changed a file is its writer by the layout (every push was checked against
//! that by the server); the commit's author is shown only for HR's files.

use crate::model::hash::HashMap;

use super::SyncError;
use super::tree::CommitFiles;
use crate::model::file_policy::{DataFile, PersonalKind};
use crate::model::history::{Field, FieldChange, feedback_changes, goals_changes};
use crate::model::workflow::{confirmer_of, released};
use crate::model::{Hierarchy, Org};

/// Which changes to list.
#[derive(Clone, Debug, Default)]
pub struct LogFilter {
    /// Only changes to this person's sheet (their goals, feedback on them, steps on it).
    pub person: Option<String>,
    /// Only changes to this goal.
    pub goal: Option<String>,
}

/// One listed change.
#[derive(Clone, Debug, PartialEq)]
pub struct LogEntry {
    /// When, as the commit says: `2026-06-10T09:15:00+09:00`.
    pub at: String,
    /// Who made the change: "名前 (ID)" of the file's writer, or the commit's author for HR's files.
    pub by: String,
    /// Whose sheet it concerns, when that is not the writer ("名前 (ID)").
    pub about: Option<String>,
    pub what: Logged,
    pub file: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Logged {
    /// A field of a sheet.
    Field(FieldChange),
    /// One of HR's files, as a whole.
    File,
    /// The first commit: the data set as it was brought in (listed as one entry).
    Start,
}

/// The changes of the data set's history that `viewer` may read, newest first. The
/// read rules are those of today's organisation: feedback shows to the person it is
/// about once their sheet is confirmed now.
pub fn log(root: &std::path::Path, org: &Org, viewer: &str, filter: &LogFilter) -> Result<Vec<LogEntry>, SyncError> {
    let git = super::work_tree(root, false)?;
    let hierarchy = Hierarchy::new(org);
    let listing = git.run(&[
        "log",
        "--first-parent",
        "--format=%x1e%H%x1f%P%x1f%an%x1f%aI",
        "--name-status",
        "-z",
        "--no-renames",
        "--",
        "cycles",
        "org.toml",
        "pdca.toml",
    ])?;
    let mut files = CommitFiles::new(&git)?;
    let mut sheets = Released::default();
    let mut entries = Vec::new();
    for record in listing.split('\x1e').filter(|record| !record.is_empty()) {
        let (header, names) = record.split_once('\0').unwrap_or((record, ""));
        let fields: Vec<&str> = header.split('\x1f').collect();
        let [commit, parents, author, at] = fields[..] else { continue };
        let parent = parents.split(' ').next().filter(|parent| !parent.is_empty());
        if parent.is_none() {
            if filter.person.is_none() && filter.goal.is_none() {
                let (at, by) = (at.to_owned(), author.to_owned());
                entries.push(LogEntry { at, by, about: None, what: Logged::Start, file: String::new() });
            }
            continue;
        }
        let mut parts = names.trim_start_matches('\n').split('\0').filter(|part| !part.is_empty());
        while let (Some(_status), Some(path)) = (parts.next(), parts.next()) {
            let Some(file) = DataFile::parse(path) else { continue };
            let changes = match &file {
                DataFile::Personal { cycle, kind: PersonalKind::Goals, person } => {
                    let before = parent.map(|parent| files.goals(parent, cycle, person)).transpose()?.flatten();
                    let after = files.goals(commit, cycle, person)?;
                    goals_changes(before.as_ref(), after.as_ref())
                }
                DataFile::Personal { cycle, kind: PersonalKind::Feedback, person } => {
                    let before = parent.map(|parent| files.feedback(parent, cycle, person)).transpose()?.flatten();
                    let after = files.feedback(commit, cycle, person)?;
                    feedback_changes(before.as_ref(), after.as_ref())
                }
                DataFile::Personal { .. } => continue,
                _ => {
                    if filter.person.is_none() && filter.goal.is_none() {
                        let (at, by, file) = (at.to_owned(), author.to_owned(), path.to_owned());
                        entries.push(LogEntry { at, by, about: None, what: Logged::File, file });
                    }
                    continue;
                }
            };
            let DataFile::Personal { cycle, kind, person: writer } = &file else { continue };
            let in_feedback_file = *kind == PersonalKind::Feedback;
            for change in changes {
                if !wanted(filter, &change)
                    || !sheets.may_read(&mut files, &hierarchy, viewer, &change, in_feedback_file, cycle)?
                {
                    continue;
                }
                let about = (change.person != *writer).then(|| hierarchy.label(&change.person));
                entries.push(LogEntry {
                    at: at.to_owned(),
                    by: hierarchy.label(writer),
                    about,
                    what: Logged::Field(change),
                    file: path.to_owned(),
                });
            }
        }
    }
    Ok(entries)
}

fn wanted(filter: &LogFilter, change: &FieldChange) -> bool {
    filter.person.as_ref().is_none_or(|person| *person == change.person)
        && filter.goal.as_ref().is_none_or(|goal| change.goal.as_ref() == Some(goal))
}

/// Whether feedback on people is released to them now, asked once per person and cycle.
#[derive(Default)]
struct Released {
    known: HashMap<(String, String), bool>,
}

impl Released {
    /// Goals and workflow steps are open to whoever may read the person's goals;
    /// feedback to those above the person and HR, and to the person once released.
    fn may_read(
        &mut self,
        files: &mut CommitFiles,
        org: &Hierarchy<'_>,
        viewer: &str,
        change: &FieldChange,
        in_feedback_file: bool,
        cycle: &str,
    ) -> Result<bool, SyncError> {
        let person = change.person.as_str();
        if !in_feedback_file || matches!(change.field, Field::Step(_)) {
            return Ok(org.can_read_goals(viewer, person).is_ok());
        }
        if viewer != person {
            return Ok(org.can_read_feedback(viewer, person, false).is_ok());
        }
        let key = (cycle.to_owned(), person.to_owned());
        if let Some(known) = self.known.get(&key) {
            return Ok(*known);
        }
        let open = match files.cycle("HEAD", cycle)? {
            Some(record) => {
                let reviewers: Vec<&str> = [org.reviewer_of(person), confirmer_of(org, person)]
                    .into_iter()
                    .flatten()
                    .map(|p| p.id.as_str())
                    .collect();
                let data = files.partial_cycle("HEAD", &record, &[person], &reviewers)?;
                released(org, &data, person)
            }
            None => false,
        };
        self.known.insert(key, open);
        Ok(open)
    }
}
