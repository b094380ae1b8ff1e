//! `pdca log`: who changed what and when, from the data set's git history.

use clap::Args;

use super::failure::Reason;
use super::{Result, Session, out};
use crate::messages::sync as text;
use crate::model::{Hierarchy, Org, Source};
use crate::store::StoreError;
use crate::sync::history::{LogFilter, log};

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
    let (info, _) = store.load_info()?;
    let org = store.read_file::<Org>(&Source::Org)?.unwrap_or_default();
    let viewer = session.actor(&info, &org)?;
    if let Some(person) = &args.person
        && Hierarchy::new(&org).can_read_goals(&viewer.id, person).is_err()
    {
        return Err(Reason::HistoryClosed(person.clone()).into());
    }
    let filter = LogFilter { person: args.person, goal: args.goal };
    let entries = log(store.root(), &org, &viewer.id, &filter)?;
    if entries.is_empty() {
        out::line(text::log_empty(session.lang))?;
    }
    for entry in &entries {
        out::line(text::log_line(entry, session.lang))?;
    }
    Ok(0)
}
