//! `pdca cycle new` and `pdca cycle current`: HR's cycle management.

use std::collections::HashSet;

use anyhow::{Result, bail};
use clap::{Args, Subcommand};

use super::Session;
use crate::hr::cycle::{carry_over, check_phase_ends, default_phases, phases_ending};
use crate::hr::is_safe_id;
use crate::messages;
use crate::model::command::Command;
use crate::model::{Cycle, Date, DateSpan, Extra, Source};
use crate::workspace::Workspace;

#[derive(Debug, Subcommand)]
pub enum CycleCommand {
    /// Create a cycle (cycles/ID/cycle.toml); with --carry-from, carry each person's
    /// open action items of that cycle into their new sheet as draft goals.
    New(NewArgs),
    /// Make ID the current cycle (pdca.toml's current_cycle).
    Current {
        /// The cycle to make current.
        id: String,
    },
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// Cycle id, e.g. 2027 or 2027-H1 (letters, digits, '-', '_', '.').
    pub id: String,
    /// First day (YYYY-MM-DD).
    #[arg(long)]
    pub start: chrono::NaiveDate,
    /// Last day (YYYY-MM-DD).
    #[arg(long)]
    pub end: chrono::NaiveDate,
    /// Display name, e.g. 令和9年度.
    #[arg(long)]
    pub name: Option<String>,
    /// Carry the open action items of this cycle into the new sheets.
    #[arg(long, value_name = "CYCLE")]
    pub carry_from: Option<String>,
    /// Last day of the plan phase (default: two months after the start).
    #[arg(long, requires_all = ["do_end", "check_end"])]
    pub plan_end: Option<chrono::NaiveDate>,
    /// Last day of the do phase (default: two months before the end).
    #[arg(long, requires_all = ["plan_end", "check_end"])]
    pub do_end: Option<chrono::NaiveDate>,
    /// Last day of the check phase (default: a month and a half after the do phase).
    #[arg(long, requires_all = ["plan_end", "do_end"])]
    pub check_end: Option<chrono::NaiveDate>,
}

pub fn run(session: &Session, command: CycleCommand) -> Result<i32> {
    match command {
        CycleCommand::New(args) => new_cycle(session, &mut session.workspace(None)?, args),
        // Opened on the cycle to become current, so that a current cycle that is
        // missing or broken can still be replaced.
        CycleCommand::Current { id } => {
            if !session.store.path_of(&Source::Cycle(id.clone())).is_file() {
                bail!("cycle `{id}` does not exist (create it with `pdca cycle new {id} --start … --end …`)");
            }
            set_current(session, &mut session.workspace(Some(&id))?, &id)
        }
    }
}

/// Runs a command, with a refusal said in the user's language.
fn execute(session: &Session, workspace: &mut Workspace, command: Command) -> Result<()> {
    workspace.execute(command).map_err(|error| anyhow::anyhow!(messages::command_error(&error, session.lang)))?;
    Ok(())
}

fn new_cycle(session: &Session, workspace: &mut Workspace, args: NewArgs) -> Result<i32> {
    let store = &session.store;
    let org = &workspace.world.org;
    let id = args.id;
    if !is_safe_id(&id) {
        bail!("cycle id `{id}` may only contain letters, digits, '-', '_' and '.' (and not start with '.')");
    }
    let (start, end) = (Date(args.start), Date(args.end));
    if end < start {
        bail!("the cycle ends ({end}) before it starts ({start})");
    }
    let phases = match (args.plan_end, args.do_end, args.check_end) {
        (Some(plan), Some(work), Some(check)) => {
            let ends = [Date(plan), Date(work), Date(check)];
            check_phase_ends(start, end, ends).map_err(anyhow::Error::msg)?;
            phases_ending(start, end, ends)
        }
        _ => default_phases(start, end),
    };
    let spans = [phases.plan, phases.do_, phases.check, phases.action];
    if spans.iter().flatten().any(|span| span.end < span.start) {
        bail!("{start}..{end} is too short to split into four phases; give --plan-end, --do-end and --check-end");
    }
    let cycle_source = Source::Cycle(id.clone());
    if store.path_of(&cycle_source).exists() {
        bail!("cycle `{id}` already exists ({}); refusing to overwrite it", store.path_of(&cycle_source).display());
    }

    // Carried items first, cycle.toml last: a run that stops half way leaves no cycle
    // behind, and a second run skips the sheets the first one wrote.
    let mut carried_people = 0;
    let mut carried_items = 0;
    let mut carried_files = Vec::new();
    if let Some(from) = &args.carry_from {
        let previous = store.load(Some(from))?;
        for problem in previous.problems.iter().filter(|p| matches!(p.source, Source::Goals { .. })) {
            let path = store.path_of(&problem.source);
            eprintln!(
                "warning: {} could not be read; its open action items were not carried: {}",
                path.display(),
                messages::problem(&problem.kind, session.lang)
            );
        }
        let people: HashSet<&str> = org.people.iter().map(|p| p.id.as_str()).collect();
        let (carried, left_behind) = carry_over(&previous.data, &id, DateSpan { start, end }, &people);
        for (person, items) in left_behind {
            eprintln!("note: {person} is no longer in org.toml; {items} open action item(s) not carried");
        }
        for sheet in carried {
            let path = store.path_of(&Source::Goals { cycle: id.clone(), person: sheet.file.owner.clone() });
            if path.exists() {
                eprintln!(
                    "warning: {} already exists and was left as it is; {} open action item(s) of {} not carried",
                    path.display(),
                    sheet.items,
                    sheet.file.owner
                );
                continue;
            }
            carried_people += 1;
            carried_items += sheet.items;
            carried_files.push(sheet.file);
        }
    }
    let cycle = Cycle { id: id.clone(), name: args.name, start, end, phases, extra: Extra::new() };
    execute(session, workspace, Command::OpenCycle { cycle: cycle.clone(), carried: carried_files })?;
    println!("created {}", store.path_of(&cycle_source).display());
    let phase = |name: &str, span: Option<DateSpan>| {
        if let Some(span) = span {
            println!("  {name:<6} {} – {}", span.start, span.end);
        }
    };
    phase("plan", cycle.phases.plan);
    phase("do", cycle.phases.do_);
    phase("check", cycle.phases.check);
    phase("action", cycle.phases.action);
    if let Some(from) = &args.carry_from {
        println!(
            "carried {carried_items} open action item(s) of cycle {from} into {carried_people} sheet(s) as draft goals"
        );
    }
    println!("make it the current cycle with `pdca cycle current {id}`");
    Ok(0)
}

fn set_current(session: &Session, workspace: &mut Workspace, id: &str) -> Result<i32> {
    let before = workspace.world.info.current_cycle.clone();
    if before == id {
        println!("cycle {id} is already the current one");
        return Ok(0);
    }
    execute(session, workspace, Command::SetCurrentCycle(id.to_owned()))?;
    println!("current cycle: {before} → {id} (set by {})", workspace.actor);
    Ok(0)
}
