//! `pdca org import roster.csv`: merge HR's staff roster into `org.toml`.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, Subcommand};

use super::Session;
use crate::hr::roster;
use crate::messages::{self, Message};
use crate::model::Source;
use crate::model::command::Command;
use crate::model::policy::{self, Refusal};

#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    /// Add and update people from a roster CSV (id, name, kana, unit, grade, title,
    /// reviewer, login, roles); people missing from it are listed, never removed.
    Import(RosterArgs),
}

#[derive(Debug, Args)]
pub struct RosterArgs {
    /// The roster, CSV in UTF-8 (a byte-order mark is fine).
    pub file: PathBuf,
    /// Show what would change without writing anything.
    #[arg(long)]
    pub dry_run: bool,
    /// Apply the valid rows even when some rows are rejected.
    #[arg(long)]
    pub partial: bool,
}

pub fn run(session: &Session, command: OrgCommand) -> Result<i32> {
    match command {
        OrgCommand::Import(args) => import(session, args),
    }
}

fn import(session: &Session, args: RosterArgs) -> Result<i32> {
    let store = &session.store;
    let mut workspace = session.workspace(None)?;
    // Asked before the roster is read, so that nobody but HR learns what it would change.
    policy::permit_hr_change(&workspace.world.hierarchy(), &workspace.actor)
        .map_err(|refusal: Refusal| anyhow::anyhow!(messages::refusal(&refusal, session.lang)))?;
    let org = &workspace.world.org;
    let bytes = std::fs::read(&args.file).with_context(|| format!("could not read {}", args.file.display()))?;
    let plan = roster::plan(org, &bytes).map_err(|error| {
        anyhow::anyhow!("cannot import {}: {}", args.file.display(), messages::roster_error(&error, session.lang))
    })?;

    let file = args.file.display();
    for rejected in &plan.rejected {
        let id = if rejected.id.is_empty() { String::new() } else { format!(" ({})", rejected.id) };
        eprintln!("{file}:{}: rejected{id}: {}", rejected.line, messages::rejection(&rejected.reason, session.lang));
    }
    for warning in &plan.warnings {
        let subject = warning.subject.as_deref().unwrap_or("-");
        eprintln!("warning: org.toml: {subject}: {}", messages::problem(&warning.kind, session.lang));
    }
    let refused = !plan.rejected.is_empty() && !args.partial;
    let will_write = !refused && !args.dry_run && plan.has_changes();
    let verb = |done: &'static str, would: &'static str| if will_write { done } else { would };

    println!("{} {}:", verb("added", "would add"), plan.added.len());
    for (id, name) in &plan.added {
        let unit = plan.org.people.iter().find(|p| p.id == *id).map(|p| roster::path_of(&plan.org, &p.unit));
        println!("  {id} {name} ({})", unit.unwrap_or_default());
    }
    println!("{} {}:", verb("changed", "would change"), plan.changed.len());
    for change in &plan.changed {
        let fields: Vec<String> = change
            .fields
            .iter()
            .map(|f| format!("{}: {} → {}", f.field.text(session.lang), shown(&f.before), shown(&f.after)))
            .collect();
        println!("  {} {}: {}", change.id, change.name, fields.join("; "));
    }
    if !plan.new_units.is_empty() {
        println!("{} {}:", verb("new units", "would create units"), plan.new_units.len());
        for path in &plan.new_units {
            println!("  {path}");
        }
    }
    println!("in org.toml but not in the roster (would remove; not removed) {}:", plan.not_in_roster.len());
    for (id, name) in &plan.not_in_roster {
        println!("  {id} {name}");
    }

    if refused {
        eprintln!(
            "pdca: {} row(s) rejected; nothing written (fix them, or use --partial to apply the valid rows)",
            plan.rejected.len()
        );
        return Ok(1);
    }
    if args.dry_run {
        println!("dry run: nothing written");
        return Ok(0);
    }
    if !plan.has_changes() {
        println!("no changes; org.toml left as it was");
        return Ok(0);
    }
    let actor = workspace.actor.clone();
    let new_org = plan.org.clone();
    workspace
        .execute(Command::ReplaceOrg(new_org))
        .map_err(|error| anyhow::anyhow!(messages::command_error(&error, session.lang)))?;
    println!("wrote {}", store.path_of(&Source::Org).display());
    if let Some(me) = plan.org.people.iter().find(|p| p.id == actor)
        && !me.is_hr()
    {
        eprintln!("note: {} no longer has the hr role after this import", me.id);
    }
    Ok(0)
}

fn shown(value: &str) -> &str {
    if value.is_empty() { "(none)" } else { value }
}
