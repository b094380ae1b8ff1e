//! `pdca log`: who changed what and when, from the data set's git history.

use anyhow::{Result, anyhow, bail};
use clap::Args;

use super::Session;
use crate::model::{Hierarchy, Org, Source};
use crate::store::StoreError;
use crate::sync::history::{LogFilter, log};
use crate::sync::text;

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Only this person's sheet: their goals, the feedback on them and the steps on it.
    #[arg(long, value_name = "ID")]
    pub person: Option<String>,
    /// Only this goal.
    #[arg(long, value_name = "ID")]
    pub goal: Option<String>,
}

pub fn run(session: &Session, args: LogArgs) -> Result<i32> {
    let store = &session.store;
    if !store.exists() {
        return Err(StoreError::NoDataSet(store.root().to_path_buf()).into());
    }
    let org = store.read_file::<Org>(&Source::Org)?.0.unwrap_or_default();
    let viewer = session.actor(&org)?;
    if let Some(person) = &args.person
        && Hierarchy::new(&org).can_read_goals(&viewer.id, person).is_err()
    {
        bail!(text::log_not_readable(person, session.lang));
    }
    let filter = LogFilter { person: args.person, goal: args.goal };
    let entries = log(store.root(), &org, &viewer.id, &filter)
        .map_err(|error| anyhow!(text::sync_error(&error, session.lang)))?;
    if entries.is_empty() {
        println!("{}", text::log_empty(session.lang));
    }
    for entry in &entries {
        println!("{}", text::log_line(entry, session.lang));
    }
    Ok(0)
}
