//! `pdca verify`: the check a git server's pre-receive hook runs on a push.

use std::io::Read;

use clap::Args;

use super::{Result, Session, out};
use crate::messages::sync as text;
use crate::sync::git::Git;
use crate::sync::verify::{RefUpdate, verify};

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The pusher's user name as the server authenticated it (matched against `login` in org.toml).
    #[arg(long, value_name = "NAME")]
    pub login: String,
    /// One update as `OLD NEW REF`; without it, the hook's standard input (one update a line).
    #[arg(num_args = 3, value_names = ["OLD", "NEW", "REF"])]
    pub update: Vec<String>,
}

/// Checks the pushed updates in the repository of the current folder (a server's bare
/// repository); exit 1 and say why when the push must be refused.
pub fn run(session: &Session, args: VerifyArgs) -> Result<i32> {
    let updates = match args.update.as_slice() {
        [old, new, name] => vec![RefUpdate { old: old.clone(), new: new.clone(), name: name.clone() }],
        _ => {
            let mut input = String::new();
            std::io::stdin().read_to_string(&mut input)?;
            RefUpdate::parse_lines(&input)
        }
    };
    let git = Git::new(".");
    let refusals = verify(&git, &args.login, &updates)?;
    if refusals.is_empty() {
        return Ok(0);
    }
    for line in text::refusal_lines(&refusals, session.lang) {
        out::note(line)?;
    }
    Ok(1)
}
