//! `pdca import --from-export FILE`: a new data set rebuilt from an HR export.

use std::path::PathBuf;

use anyhow::{Context, Result, anyhow, bail};
use clap::Args;

use super::Session;
use super::export::{print_left_out, print_problems, refused};
use crate::hr::export::Export;
use crate::hr::{import, validity};
use crate::model::Hierarchy;
use crate::model::policy;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The export (TOML, `pdca-hr-export/1`) to rebuild the data set from.
    #[arg(long, value_name = "FILE")]
    pub from_export: PathBuf,
    /// Import what is valid when the rebuilt data set has errors, listing what was left out.
    #[arg(long)]
    pub force: bool,
}

pub fn run(session: &Session, args: ImportArgs) -> Result<i32> {
    let store = &session.store;
    if store.holds_data() {
        bail!("{} already holds a data set; import into a new folder with --data-dir NEW", store.root().display());
    }
    let path = &args.from_export;
    let bytes = std::fs::read(path).with_context(|| format!("could not read {}", path.display()))?;
    let text = String::from_utf8(bytes).map_err(|_| anyhow!("{}: not valid UTF-8", path.display()))?;
    let export: Export = crate::store::parse(&text)
        .map_err(|(at, message)| anyhow!("{}:{}:{}: {message}", path.display(), at.line, at.column))?;
    let rebuilt = import::rebuild(&export).map_err(|error| {
        anyhow!("cannot import {}: {}", path.display(), crate::messages::import_error(&error, session.lang))
    })?;
    // The people of the export say who may import it: only someone with the hr role.
    // This creates a data set rather than changing one, so there is no workspace to
    // run a command on: the policy is asked directly.
    let actor = session.actor(&rebuilt.org)?;
    policy::permit_hr_change(&Hierarchy::new(&rebuilt.org), &actor.id).map_err(|r| refused(session, r))?;
    for note in &rebuilt.notes {
        eprintln!("note: {}", crate::messages::import_note(note, session.lang));
    }

    let no_other_cycles = Default::default();
    let errors = validity::errors(&rebuilt.org, &rebuilt.data, &no_other_cycles);
    let (org, data) = if errors.is_empty() {
        (rebuilt.org, rebuilt.data)
    } else if !args.force {
        print_problems(session, &errors);
        eprintln!(
            "pdca: refusing to import: the rebuilt data set would have {} error(s); \
             use --force to import what is valid",
            errors.len()
        );
        return Ok(1);
    } else {
        let kept = validity::keep_valid(&rebuilt.org, &rebuilt.data, &no_other_cycles);
        print_left_out(session, &kept.left_out);
        if !kept.remaining.is_empty() {
            eprintln!("imported despite these errors:");
            print_problems(session, &kept.remaining);
        }
        (kept.org, kept.data)
    };
    store.create_data_set(&rebuilt.info, &org, &data)?;
    let goals: usize = data.goals.iter().map(|file| file.goals.len()).sum();
    println!(
        "imported {} people and {goals} goals of cycle {} into {}",
        org.people.len(),
        data.cycle.id,
        store.root().display()
    );
    Ok(0)
}
