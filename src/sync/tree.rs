//! The data set's records as a commit holds them, read through git without a work
//! tree (a server's bare repository has none), one file at a time.

use std::collections::HashMap;
use std::rc::Rc;

use serde::de::DeserializeOwned;

use super::git::{Blobs, Git, GitError};
use crate::model::engagement::EngagementFile;
use crate::model::engagement::questions::QuestionList;
use crate::model::meetings::MeetingsFile;
use crate::model::{Cycle, CycleData, FeedbackFile, GoalsFile, Location, Org, ProblemKind};
use crate::store;

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
        Ok(CommitFiles { blobs: git.blobs()?, orgs: HashMap::new() })
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
        let Some((id, text)) = self.text(commit, store::ORG_FILE)? else { return Ok(Rc::new(Org::default())) };
        if let Some(org) = self.orgs.get(&id) {
            return Ok(Rc::clone(org));
        }
        let org: Rc<Org> = Rc::new(parse_text(store::ORG_FILE, &text)?);
        self.orgs.insert(id, Rc::clone(&org));
        Ok(org)
    }

    /// A goals file, refused when its `owner` is not the person its name says.
    pub fn goals(&mut self, commit: &str, cycle: &str, person: &str) -> Result<Option<GoalsFile>, TreeError> {
        let path = goals_path(cycle, person);
        let file: Option<GoalsFile> = self.parse(commit, &path)?;
        match file {
            Some(file) if file.owner != person => Err(wrong_writer(path, "owner", person, &file.owner)),
            other => Ok(other),
        }
    }

    /// A feedback file, refused when its `reviewer` is not the person its name says.
    pub fn feedback(&mut self, commit: &str, cycle: &str, reviewer: &str) -> Result<Option<FeedbackFile>, TreeError> {
        let path = feedback_path(cycle, reviewer);
        let file: Option<FeedbackFile> = self.parse(commit, &path)?;
        match file {
            Some(file) if file.reviewer != reviewer => Err(wrong_writer(path, "reviewer", reviewer, &file.reviewer)),
            other => Ok(other),
        }
    }

    /// A 1on1 notes file, refused when its `writer` is not the person its name says.
    pub fn meetings(&mut self, commit: &str, cycle: &str, writer: &str) -> Result<Option<MeetingsFile>, TreeError> {
        let path = format!("{}/{cycle}/{}/{writer}.toml", store::CYCLES_DIR, store::MEETINGS_DIR);
        let file: Option<MeetingsFile> = self.parse(commit, &path)?;
        match file {
            Some(file) if file.writer != writer => Err(wrong_writer(path, "writer", writer, &file.writer)),
            other => Ok(other),
        }
    }

    /// A cycle's engagement results.
    pub fn engagement(&mut self, commit: &str, cycle: &str) -> Result<Option<EngagementFile>, TreeError> {
        self.parse(commit, &format!("{}/{cycle}/{}", store::CYCLES_DIR, store::ENGAGEMENT_FILE))
    }

    /// The engagement survey's questions: the data set's file, else the seed's.
    pub fn questions(&mut self, commit: &str) -> Result<QuestionList, TreeError> {
        Ok(self.parse(commit, store::QUESTIONS_FILE)?.unwrap_or_default())
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
        self.parse(commit, &format!("{}/{cycle}/{}", store::CYCLES_DIR, store::CYCLE_FILE))
    }
}

pub fn goals_path(cycle: &str, person: &str) -> String {
    format!("{}/{cycle}/{}/{person}.toml", store::CYCLES_DIR, store::GOALS_DIR)
}

pub fn feedback_path(cycle: &str, reviewer: &str) -> String {
    format!("{}/{cycle}/{}/{reviewer}.toml", store::CYCLES_DIR, store::FEEDBACK_DIR)
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
