//! How the last sync ended, kept in the repository's git folder (not in the data set),
//! so that the app can show "offline" or "refused" without asking the server.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::Outcome;
use super::git::{Git, GitError};
use crate::store::atomic;

const FILE: &str = "pdca-sync.toml";

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LastSync {
    /// `done`, `local`, `busy`, `offline`, `refused` or `conflict`.
    pub outcome: String,
    /// The commit checked out when the sync ended.
    #[serde(default)]
    pub head: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub saved: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub branch: String,
}

impl LastSync {
    pub fn of(outcome: &Outcome, head: Option<String>) -> LastSync {
        let head = head.unwrap_or_default();
        let plain = |outcome: &str| LastSync { outcome: outcome.to_owned(), head: head.clone(), ..LastSync::default() };
        match outcome {
            Outcome::Done { .. } => plain("done"),
            Outcome::LocalOnly => plain("local"),
            Outcome::Busy => plain("busy"),
            Outcome::Offline { reason } => LastSync { message: reason.clone(), ..plain("offline") },
            Outcome::Refused { message } => LastSync { message: message.clone(), ..plain("refused") },
            Outcome::Conflict { files, saved, branch } => LastSync {
                files: files.clone(),
                saved: saved.display().to_string(),
                branch: branch.clone(),
                ..plain("conflict")
            },
        }
    }

    pub fn saved_path(&self) -> PathBuf {
        PathBuf::from(&self.saved)
    }
}

fn path(git: &Git) -> Result<PathBuf, GitError> {
    Ok(PathBuf::from(git.run(&["rev-parse", "--absolute-git-dir"])?.trim()).join(FILE))
}

/// The last sync's ending; `None` before the first sync, or if the file is unreadable
/// (it is only a hint for the top bar).
pub fn load(git: &Git) -> Option<LastSync> {
    let text = std::fs::read_to_string(path(git).ok()?).ok()?;
    toml::from_str(&text).ok()
}

pub fn save(git: &Git, last: &LastSync) -> Result<(), GitError> {
    let target = path(git)?;
    let text = toml::to_string(last).unwrap_or_default();
    // Only a hint: failing to keep it must not fail the sync, whose work is done.
    let _ = atomic::write_atomically(&target, text.as_bytes());
    Ok(())
}
