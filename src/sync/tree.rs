//! The data set's records as a commit holds them, read through git without a work
//! tree (a server's bare repository has none), one file at a time.

use crate::model::hash::HashMap;
use std::rc::Rc;

use serde::de::DeserializeOwned;

use super::git::{Blobs, Git, GitError};
use crate::model::calibration::CalibrationFile;
use crate::model::engagement::EngagementFile;
use crate::model::engagement::questions::QuestionList;
use crate::model::meetings::MeetingsFile;
use crate::model::{Cycle, CycleData, FeedbackFile, GoalsFile, Location, Org, ProblemKind, Source};
use crate::store::{self, Store};

#[derive(Debug, thiserror::Error)]
pub enum TreeError {
    #[error(transparent)]
    Git(#[from] GitError),
    /// The file is not valid UTF-8 or TOML, or not shaped like its kind of file.
    #[error("{path}:{location}: {message}")]
    Parse { path: String, location: Location, message: String },
}

/// Reads and parses files of any commit; `org.toml` is parsed once per content.
pub struct CommitFiles {
    blobs: Blobs,
    orgs: HashMap<String, Rc<Org>>,
}

impl CommitFiles {
    pub fn new(git: &Git) -> Result<CommitFiles, GitError> {
        Ok(CommitFiles { blobs: git.blobs()?, orgs: HashMap::default() })
    }

    /// The text of `path` in `commit`; `None` when the commit has no such file.
    pub fn text(&mut self, commit: &str, path: &str) -> Result<Option<(String, String)>, TreeError> {
        let Some(blob) = self.blobs.read(commit, path)? else { return Ok(None) };
        match String::from_utf8(blob.bytes) {
            Ok(text) => Ok(Some((blob.id, text))),
            Err(error) => {
                let valid = error.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(&error.into_bytes()[..valid]).into_owned();
                Err(TreeError::Parse {
                    path: path.to_owned(),
                    location: Location::at(&text, valid),
                    message: "the file is not valid UTF-8".to_owned(),
                })
            }
        }
    }

    /// The record in `path` of `commit`, parsed; `None` when there is no such file.
    pub fn parse<T: DeserializeOwned>(&mut self, commit: &str, path: &str) -> Result<Option<T>, TreeError> {
        let Some((_, text)) = self.text(commit, path)? else { return Ok(None) };
        parse_text(path, &text).map(Some)
    }

    /// The organisation at `commit` (empty when it has no org.toml).
    pub fn org(&mut self, commit: &str) -> Result<Rc<Org>, TreeError> {
        let path = Store::layout_path(&Source::Org);
        let Some((id, text)) = self.text(commit, &path)? else { return Ok(Rc::new(Org::default())) };
        if let Some(org) = self.orgs.get(&id) {
            return Ok(Rc::clone(org));
        }
        let org: Rc<Org> = Rc::new(parse_text(&path, &text)?);
        self.orgs.insert(id, Rc::clone(&org));
        Ok(org)
    }

    /// A goals file, refused when its `owner` is not the person its name says.
    pub fn goals(&mut self, commit: &str, cycle: &str, person: &str) -> Result<Option<GoalsFile>, TreeError> {
        let source = Source::Goals { cycle: cycle.into(), person: person.into() };
        self.personal(commit, &source, person, |file: &GoalsFile| ("owner", &file.owner))
    }

    /// A feedback file, refused when its `reviewer` is not the person its name says.
    pub fn feedback(&mut self, commit: &str, cycle: &str, reviewer: &str) -> Result<Option<FeedbackFile>, TreeError> {
        let source = Source::Feedback { cycle: cycle.into(), reviewer: reviewer.into() };
        self.personal(commit, &source, reviewer, |file: &FeedbackFile| ("reviewer", &file.reviewer))
    }

    /// A 1on1 notes file, refused when its `writer` is not the person its name says.
    pub fn meetings(&mut self, commit: &str, cycle: &str, writer: &str) -> Result<Option<MeetingsFile>, TreeError> {
        let source = Source::Meetings { cycle: cycle.into(), writer: writer.into() };
        self.personal(commit, &source, writer, |file: &MeetingsFile| ("writer", &file.writer))
    }

    /// A calibration file, refused when its `calibrator` is not the person its name says.
    pub fn calibration(
        &mut self,
        commit: &str,
        cycle: &str,
        calibrator: &str,
    ) -> Result<Option<CalibrationFile>, TreeError> {
        let source = Source::Calibration { cycle: cycle.into(), calibrator: calibrator.into() };
        self.personal(commit, &source, calibrator, |file: &CalibrationFile| ("calibrator", &file.calibrator))
    }

    /// One person's file, refused when the field naming its writer names someone
    /// other than `expected`, the person its file name says (as the store refuses it).
    fn personal<T: DeserializeOwned>(
        &mut self,
        commit: &str,
        source: &Source,
        expected: &str,
        writer: impl Fn(&T) -> (&'static str, &str),
    ) -> Result<Option<T>, TreeError> {
        let path = Store::layout_path(source);
        let Some(file) = self.parse::<T>(commit, &path)? else { return Ok(None) };
        match writer(&file) {
            (field, found) if found != expected => Err(wrong_writer(path, field, expected, found)),
            _ => Ok(Some(file)),
        }
    }

    /// A cycle's engagement results.
    pub fn engagement(&mut self, commit: &str, cycle: &str) -> Result<Option<EngagementFile>, TreeError> {
        self.parse(commit, &Store::layout_path(&Source::Engagement(cycle.into())))
    }

    /// The engagement survey's questions: the data set's file, else the seed's.
    pub fn questions(&mut self, commit: &str) -> Result<QuestionList, TreeError> {
        Ok(self.parse(commit, &Store::layout_path(&Source::EngagementQuestions))?.unwrap_or_default())
    }

    /// A cycle with only the goals and feedback files of the people named: enough to
    /// replay those people's sheets or check what one file refers to, without
    /// reading a whole data set of thousands of files.
    pub fn partial_cycle(
        &mut self,
        commit: &str,
        cycle: &Cycle,
        goals_of: &[&str],
        feedback_of: &[&str],
    ) -> Result<CycleData, TreeError> {
        let mut data = CycleData::empty(cycle.clone());
        for person in goals_of {
            data.goals.extend(self.goals(commit, &cycle.id, person)?);
        }
        for reviewer in feedback_of {
            data.feedback.extend(self.feedback(commit, &cycle.id, reviewer)?);
        }
        Ok(data)
    }

    /// `cycles/<cycle>/cycle.toml` at `commit`.
    pub fn cycle(&mut self, commit: &str, cycle: &str) -> Result<Option<Cycle>, TreeError> {
        self.parse(commit, &Store::layout_path(&Source::Cycle(cycle.into())))
    }
}

fn parse_text<T: DeserializeOwned>(path: &str, text: &str) -> Result<T, TreeError> {
    store::parse(text).map_err(|(location, message)| TreeError::Parse { path: path.to_owned(), location, message })
}

fn wrong_writer(path: String, field: &'static str, expected: &str, found: &str) -> TreeError {
    let kind = ProblemKind::WrongPlace { field, expected: expected.to_owned(), found: found.to_owned() };
    TreeError::Parse {
        path,
        location: Location { line: 1, column: 1 },
        message: crate::messages::problem(&kind, crate::messages::Lang::En),
    }
}
