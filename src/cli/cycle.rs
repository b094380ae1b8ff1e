//! `pdca cycle new` and `pdca cycle current`: HR's cycle management.

use crate::model::hash::HashSet;

use clap::{Args, Subcommand};

use super::{Result, Session, out};
use crate::hr::cycle::{carry_over, default_phases, phase_ends_in_order, phases_ending};
use crate::messages::{self, CliText, Message};
use crate::model::command::Command;
use crate::model::ident::check_id;
use crate::model::{Cycle, Date, DateSpan, Extra, Source};
use crate::store::StoreError;
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
            if !session.store.file_exists(&Source::Cycle(id.as_str().into()))? {
                return Err(CliText::NoSuchCycle { id }.into());
            }
            set_current(session, &mut session.workspace(Some(&id))?, &id)
        }
    }
}

fn new_cycle(session: &Session, workspace: &mut Workspace, args: NewArgs) -> Result<i32> {
    let (store, lang) = (&session.store, session.lang);
    let org = &workspace.world.org;
    let id = args.id;
    if let Err(reason) = check_id(&id) {
        return Err(StoreError::BadId { id, reason }.into());
    }
    let (start, end) = (Date(args.start), Date(args.end));
    if end < start {
        return Err(CliText::EndsBeforeStart { start: start.to_string(), end: end.to_string() }.into());
    }
    let phases = match (args.plan_end, args.do_end, args.check_end) {
        (Some(plan), Some(work), Some(check)) => {
            let ends = [Date(plan), Date(work), Date(check)];
            if !phase_ends_in_order(start, end, ends) {
                let [plan_end, do_end, check_end] = ends.map(|day| day.to_string());
                let (start, end) = (start.to_string(), end.to_string());
                return Err(CliText::PhaseEndsOutOfOrder { start, plan_end, do_end, check_end, end }.into());
            }
            phases_ending(start, end, ends)
        }
        _ => default_phases(start, end),
    };
    let spans = [phases.plan, phases.do_, phases.check, phases.action];
    if spans.iter().flatten().any(|span| span.end < span.start) {
        return Err(CliText::TooShortForPhases { start: start.to_string(), end: end.to_string() }.into());
    }
    let cycle_file = store.path_of(&Source::Cycle(id.as_str().into()))?;
    let cycle_path = cycle_file.display().to_string();
    if cycle_file.exists() {
        return Err(CliText::CycleExists { id, path: cycle_path }.into());
    }

    // Carried items first, cycle.toml last: a run that stops half way leaves no cycle
    // behind, and a second run skips the sheets the first one wrote.
    let mut carried_people = 0;
    let mut carried_items = 0;
    let mut carried_files = Vec::new();
    if let Some(from) = &args.carry_from {
        let previous = store.load(Some(from))?;
        for problem in previous.problems.iter().filter(|p| matches!(p.source, Source::Goals { .. })) {
            let path = store.display_path(&problem.source).display().to_string();
            let reason = messages::problem(&problem.kind, lang);
            out::note(CliText::NotCarriedUnreadable { path, reason }.text(lang))?;
        }
        let people: HashSet<&str> = org.people.iter().map(|p| p.id.as_str()).collect();
        let (carried, left_behind) = carry_over(&previous.data, &id, DateSpan { start, end }, &people);
        for (person, items) in left_behind {
            out::note(CliText::NotCarriedGone { person: person.into(), items }.text(lang))?;
        }
        for sheet in carried {
            let path = store.path_of(&Source::Goals { cycle: id.as_str().into(), person: sheet.file.owner })?;
            if path.exists() {
                let (path, items, owner) = (path.display().to_string(), sheet.items, sheet.file.owner);
                out::note(CliText::NotCarriedExists { path, items, owner: owner.into() }.text(lang))?;
                continue;
            }
            carried_people += 1;
            carried_items += sheet.items;
            carried_files.push(sheet.file);
        }
    }
    let cycle = Cycle { id: id.as_str().into(), name: args.name, start, end, phases, extra: Extra::new() };
    workspace.execute(Command::OpenCycle { cycle: cycle.clone(), carried: carried_files })?;
    out::line(CliText::Created { path: cycle_path }.text(lang))?;
    let phase = |span: Option<DateSpan>, line: fn(String, String) -> CliText| match span {
        Some(span) => out::line(line(span.start.to_string(), span.end.to_string()).text(lang)),
        None => Ok(()),
    };
    phase(cycle.phases.plan, |start, end| CliText::PlanSpan { start, end })?;
    phase(cycle.phases.do_, |start, end| CliText::DoSpan { start, end })?;
    phase(cycle.phases.check, |start, end| CliText::CheckSpan { start, end })?;
    phase(cycle.phases.action, |start, end| CliText::ActionSpan { start, end })?;
    if let Some(from) = args.carry_from {
        out::line(CliText::Carried { items: carried_items, from, people: carried_people }.text(lang))?;
    }
    out::line(CliText::MakeCurrentHint { id }.text(lang))?;
    Ok(0)
}

fn set_current(session: &Session, workspace: &mut Workspace, id: &str) -> Result<i32> {
    let before = workspace.world.info.current_cycle.clone();
    if before == id {
        out::line(CliText::AlreadyCurrent { id: id.to_owned() }.text(session.lang))?;
        return Ok(0);
    }
    workspace.execute(Command::SetCurrentCycle(id.into()))?;
    let changed =
        CliText::CurrentChanged { before: before.into(), id: id.to_owned(), actor: workspace.actor.to_string() };
    out::line(changed.text(session.lang))?;
    Ok(0)
}
