//! `pdca import --from-export FILE`: a new data set rebuilt from an HR export.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::export::{print_left_out, print_problems, refuse_settings};
use super::{Context, Result, Session, out};
use crate::hr::export::Export;
use crate::hr::{import, validity};
use crate::messages::{self, CliText, Message};
use crate::model::Hierarchy;
use crate::model::identity::IdentityMode;
use crate::model::policy;
use crate::store::StoreError;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The export (TOML, `pdca-hr-export/2` or `/1`) to rebuild the data set from.
    #[arg(long, value_name = "FILE")]
    pub from_export: PathBuf,
    /// Import what is valid when the rebuilt data set has errors, listing what was left out.
    #[arg(long)]
    pub force: bool,
    /// How the new data set establishes who is at the keyboard: `login` (the OS
    /// user) or `demo` (anyone may act as anyone, for demonstrations).
    #[arg(long, value_enum, default_value = "login")]
    pub identity: IdentityArg,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum IdentityArg {
    Login,
    Demo,
}

pub fn run(session: &Session, args: ImportArgs) -> Result<i32> {
    let store = &session.store;
    if store.holds_data() {
        return Err(CliText::AlreadyHoldsData { path: store.root().display().to_string() }.into());
    }
    let path = &args.from_export;
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).context(CliText::CouldNotRead { path: shown.clone() })?;
    let text = String::from_utf8(bytes).map_err(|_| CliText::NotUtf8 { path: shown.clone() })?;
    let export: Export = crate::store::parse(&text).map_err(|(location, message)| StoreError::Parse {
        path: path.clone(),
        location,
        message,
    })?;
    let mut rebuilt = import::rebuild(&export).context(CliText::CannotImport { path: shown })?;
    rebuilt.info.identity = Some(match args.identity {
        IdentityArg::Login => IdentityMode::Login,
        IdentityArg::Demo => IdentityMode::Demo,
    });
    // The people of the export say who may import it: only someone with the hr role.
    // This creates a data set rather than changing one, so there is no workspace to
    // run a command on: the policy is asked directly.
    let actor = session.actor(&rebuilt.info, &rebuilt.org)?;
    policy::permit_hr_change(&Hierarchy::new(&rebuilt.org), &actor.id)?;
    for note in &rebuilt.notes {
        out::note(CliText::Note { text: messages::import_note(note, session.lang) }.text(session.lang))?;
    }

    if refuse_settings(session, &rebuilt.info)? {
        return Ok(1);
    }
    let no_other_cycles = Default::default();
    let errors = validity::errors(&rebuilt.org, &rebuilt.data, &no_other_cycles);
    let (org, data) = if errors.is_empty() {
        (rebuilt.org, rebuilt.data)
    } else if !args.force {
        print_problems(session, &errors)?;
        out::note(format!("pdca: {}", CliText::RefuseImport { errors: errors.len() }.text(session.lang)))?;
        return Ok(1);
    } else {
        let kept = validity::keep_valid(&rebuilt.org, &rebuilt.data, &no_other_cycles);
        print_left_out(session, &kept.left_out)?;
        if !kept.remaining.is_empty() {
            out::note(CliText::ImportedDespite.text(session.lang))?;
            print_problems(session, &kept.remaining)?;
        }
        (kept.org, kept.data)
    };
    store.create_data_set(&rebuilt.info, &org, &data)?;
    let goals: usize = data.goals.iter().map(|file| file.goals.len()).sum();
    let imported = CliText::Imported {
        people: org.people.len(),
        goals,
        cycle: data.cycle.id.to_string(),
        path: store.root().display().to_string(),
    };
    out::line(imported.text(session.lang))?;
    Ok(0)
}
