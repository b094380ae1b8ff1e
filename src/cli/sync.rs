//! `pdca sync`, `pdca clone` and `pdca init --git`: the data set in a git repository.

use std::path::PathBuf;

use clap::Args;

use super::{Result, Session, out};
use crate::messages::sync as text;
use crate::model::{Org, Source};
use crate::store::StoreError;
use crate::sync::{self, Outcome, SyncOptions};

#[derive(Debug, Args)]
pub struct CloneArgs {
    /// The repository to clone (any URL or path git understands).
    pub url: String,
    /// Where to put the data set (default: --data-dir, else the user's data folder).
    pub dir: Option<PathBuf>,
}

/// Exit status of `pdca sync` when nothing could be sent (the server could not be
/// reached, or others kept sending first); the changes are committed here and wait.
pub const OFFLINE_EXIT: i32 = 3;

pub fn run(session: &Session) -> Result<i32> {
    let store = &session.store;
    if !store.exists() {
        return Err(StoreError::NoDataSet(store.root().to_path_buf()).into());
    }
    let (info, _) = store.load_info()?;
    let org = store.read_file::<Org>(&Source::Org)?.unwrap_or_default();
    let actor = session.actor(&info, &org)?;
    let options = SyncOptions { interactive: true, lang: session.lang };
    let report = sync::run(store.root(), &org, actor, options)?;
    for line in text::report_lines(&report, session.lang) {
        out::line(line)?;
    }
    Ok(match report.outcome {
        Outcome::Done { .. } | Outcome::LocalOnly => 0,
        Outcome::Offline { .. } | Outcome::Busy => OFFLINE_EXIT,
        Outcome::Refused { .. } | Outcome::Conflict { .. } => 1,
    })
}

pub fn clone(session: &Session, args: CloneArgs) -> Result<i32> {
    let dir = args.dir.unwrap_or_else(|| session.store.root().to_path_buf());
    let os_user = std::env::var("USER").or_else(|_| std::env::var("USERNAME")).ok();
    let person = sync::setup::clone(&args.url, &dir, os_user.as_deref())?;
    let lang = session.lang;
    out::line(text::cloned(&dir, lang))?;
    match person {
        Some(person) => out::line(text::identity_set(&person, lang))?,
        None => out::line(text::identity_unknown(os_user.as_deref(), lang))?,
    }
    Ok(0)
}

/// After `pdca init --git`: makes the new data set a repository with its first commit.
pub fn init_repository(session: &Session) -> Result<()> {
    sync::setup::init_repository(session.store.root())?;
    out::line(text::repository_created(session.lang))?;
    Ok(())
}
