//! `pdca org import roster.csv`: merge HR's staff roster into `org.toml`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{Context, Result, Session, out};
use crate::hr::roster;
use crate::messages::{self, CliText, Message, Text};
use crate::model::Source;
use crate::model::command::Command;
use crate::model::policy;

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
    let (store, lang) = (&session.store, session.lang);
    let mut workspace = session.workspace(None)?;
    // Asked before the roster is read, so that nobody but HR learns what it would change.
    policy::permit_hr_change(&workspace.world.hierarchy(), &workspace.actor)?;
    let org = &workspace.world.org;
    let file = args.file.display().to_string();
    let bytes = std::fs::read(&args.file).context(CliText::CouldNotRead { path: file.clone() })?;
    let plan = roster::plan(org, &bytes).context(CliText::CannotImport { path: file.clone() })?;

    for rejected in &plan.rejected {
        let (file, line, reason) = (file.clone(), rejected.line, messages::rejection(&rejected.reason, lang));
        let said = match rejected.id.as_str() {
            "" => CliText::RejectedRow { file, line, reason },
            id => CliText::RejectedRowOf { file, line, id: id.to_owned(), reason },
        };
        out::note(said.text(lang))?;
    }
    for warning in &plan.warnings {
        let subject = warning.subject.clone().unwrap_or_else(|| "-".to_owned());
        let text = messages::problem(&warning.kind, lang);
        out::note(CliText::OrgWarning { subject, text }.text(lang))?;
    }
    let refused = !plan.rejected.is_empty() && !args.partial;
    let will_write = !refused && !args.dry_run && plan.has_changes();
    let heading = |done: CliText, would: CliText| if will_write { done } else { would }.text(lang);

    let count = plan.added.len();
    out::line(heading(CliText::Added { count }, CliText::WouldAdd { count }))?;
    for added in &plan.added {
        out::line(format!("  {} {} ({})", added.id, added.name, added.unit_path))?;
    }
    let count = plan.changed.len();
    out::line(heading(CliText::Changed { count }, CliText::WouldChange { count }))?;
    let shown = |value: &str| if value.is_empty() { Text::NoneOption.text(lang) } else { value.to_owned() };
    for change in &plan.changed {
        let fields: Vec<String> = change
            .fields
            .iter()
            .map(|f| format!("{}: {} → {}", f.field.text(lang), shown(&f.before), shown(&f.after)))
            .collect();
        out::line(format!("  {} {}: {}", change.id, change.name, fields.join("; ")))?;
    }
    if !plan.new_units.is_empty() {
        let count = plan.new_units.len();
        out::line(heading(CliText::NewUnits { count }, CliText::WouldCreateUnits { count }))?;
        for path in &plan.new_units {
            out::line(format!("  {path}"))?;
        }
    }
    out::line(CliText::NotInRoster { count: plan.not_in_roster.len() }.text(lang))?;
    for (id, name) in &plan.not_in_roster {
        out::line(format!("  {id} {name}"))?;
    }

    if refused {
        out::note(format!("pdca: {}", CliText::RefuseRoster { rejected: plan.rejected.len() }.text(lang)))?;
        return Ok(1);
    }
    if args.dry_run {
        out::line(CliText::DryRun.text(lang))?;
        return Ok(0);
    }
    if !plan.has_changes() {
        out::line(CliText::NoChanges.text(lang))?;
        return Ok(0);
    }
    let actor = workspace.actor;
    workspace.execute(Command::ReplaceOrg(plan.org.clone()))?;
    out::line(CliText::Wrote { path: store.display_path(&Source::Org).display().to_string() }.text(lang))?;
    if let Some(me) = plan.org.people.iter().find(|p| p.id == actor)
        && !me.is_hr()
    {
        out::note(CliText::NoLongerHr { id: me.id.to_string() }.text(lang))?;
    }
    Ok(0)
}
