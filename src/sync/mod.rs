//! Many people, many machines: the data set in a git repository.
//!
//! Every file has one writer, so people never change the same file: `pdca sync`
//! commits the files the person at the keyboard wrote (and only those, by the rule of
//! [`crate::model::file_policy`]), fetches, puts its own commits on top of what came in
//! (a fast-forward or a rebase of one's own commits, never a merge of someone else's
//! file), and pushes. A server hook running `pdca verify` refuses whatever the pusher
//! may not write, using the server's authenticated identity.
//!
//! The one conflict possible is the same person changing the same file on two
//! machines. Then nothing is merged: the version on the server stays in the work tree,
//! this machine's version is copied to `pdca-conflicts/<time>/<path>` (outside the
//! layout, ignored by git and by the program) and its commits are kept on the branch
//! `pdca/conflict-<time>`; the sync stops and says so. A TOML file never gets conflict
//! markers.
//!
//! For the app: [`status`] is cheap (no network) and says what the top bar shows;
//! [`run`] does a whole sync and gives a [`SyncReport`] to show.

mod exchange;
pub mod git;
pub mod history;
mod incoming;
mod local;
pub mod setup;
mod state;
pub mod tree;
pub mod verify;

use std::path::{Path, PathBuf};

pub use exchange::{run, status};
pub use git::{Git, GitError};
pub use incoming::Incoming;
pub use tree::TreeError;

use crate::messages::Lang;
use crate::model::file_policy::WriteRefused;
use crate::store::StoreError;

/// The folder (at the data set's root, outside its layout) where a conflict keeps this
/// machine's version of a file.
pub const CONFLICTS_DIR: &str = "pdca-conflicts";
/// Branches that keep this machine's commits after a conflict.
pub const CONFLICT_BRANCH_PREFIX: &str = "pdca/conflict-";

#[derive(Clone, Copy, Debug)]
pub struct SyncOptions {
    /// Whether git may ask for a password or passphrase on the terminal (the CLI);
    /// the app says no, so credentials must come from a helper or an agent.
    pub interactive: bool,
    /// The language of commit messages.
    pub lang: Lang,
}

/// What the top bar shows; no network needed to know it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncState {
    /// Nothing to send, nothing fetched that is not here.
    UpToDate,
    /// `ahead` of one's own files not on the server yet; `behind` commits fetched (or
    /// known from the last sync) that are not here yet.
    Pending { ahead: usize, behind: usize },
    /// The last sync could not reach the server; `ahead` files wait to be sent.
    Offline { ahead: usize },
    /// The server refused the last push; `message` is what it said.
    Refused { ahead: usize, message: String },
    /// The last sync stopped on a file changed on two machines.
    Conflict { files: Vec<String>, saved: PathBuf, branch: String },
    /// The repository has no server to sync with; `ahead` files are not committed yet.
    LocalOnly { ahead: usize },
}

/// What one sync did.
#[derive(Clone, Debug, PartialEq)]
pub struct SyncReport {
    /// One's own files committed by this sync.
    pub committed: Vec<String>,
    /// Changed files that are not the actor's, and why; never sent.
    pub not_sent: Vec<(String, WriteRefused)>,
    pub outcome: Outcome,
    /// What came in from others.
    pub incoming: Incoming,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Up to date with the server; `sent` files went to it.
    Done { sent: usize },
    /// No server configured: committed here only.
    LocalOnly,
    /// The server could not be reached; everything is committed here and waits.
    Offline { reason: String },
    /// Others pushed each time between this sync's fetch and its push; everything is
    /// committed here and waits for the next sync.
    Busy,
    /// The server refused the push; the commits stay here.
    Refused { message: String },
    /// The same file was changed here and on another machine.
    Conflict { files: Vec<String>, saved: PathBuf, branch: String },
}

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Git(#[from] GitError),
    #[error(transparent)]
    Tree(#[from] TreeError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0} is not in a git repository (start one with `pdca init --git`, or get one with `pdca clone URL`)")]
    NotARepository(PathBuf),
    #[error("the data set {root} must be the top folder of its git repository ({top})")]
    NotAtTop { root: PathBuf, top: PathBuf },
    #[error("git is in the middle of a {0}; finish or abort it first")]
    Unfinished(&'static str),
    #[error("the repository is not on a branch (detached HEAD); check out the data set's branch first")]
    Detached,
    #[error(
        "files that are not yours were changed on this machine, and the server would refuse them: {}; undo \
         with `git checkout -- FILE` (or `git rm --cached FILE` for a new one)", .0.join(", ")
    )]
    OthersChanged(Vec<String>),
    #[error("new files here are in the way of files coming from the server: {}; move them away", .0.join(", "))]
    InTheWay(Vec<String>),
    #[error("this repository and the server's have no history in common")]
    Unrelated,
}

/// A data set's git work tree: the data set must be its top folder. `interactive`:
/// whether git may ask for passwords on the terminal.
pub fn work_tree(root: &Path, interactive: bool) -> Result<Git, SyncError> {
    let git = if interactive { Git::new(root) } else { Git::new(root).without_prompts() };
    let output = git.output(&["rev-parse", "--show-toplevel"])?;
    if !output.status.success() {
        return Err(SyncError::NotARepository(root.to_path_buf()));
    }
    let top = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
    let same = |a: &Path, b: &Path| a.canonicalize().ok().zip(b.canonicalize().ok()).is_some_and(|(a, b)| a == b);
    if !same(&top, root) {
        return Err(SyncError::NotAtTop { root: root.to_path_buf(), top });
    }
    Ok(git)
}
