//! `pdca export`: HR's export of one cycle, as TOML (`pdca-hr-export/2`) or CSV.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::failure::Failure;
use super::{Context, LangArg, Result, Session, out};
use crate::hr::ability_table;
use crate::hr::export::{self, Options, Part};
use crate::hr::table::{self, Cells};
use crate::hr::validity::{self, LeftOut};
use crate::messages::{self, CliText, Lang, Message};
use crate::model::policy;
use crate::model::validate::validate_info;
use crate::model::{DataSetInfo, Hierarchy, Problem, Severity, Timestamp};
use crate::store::atomic;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Cycle to export (default: the current one).
    #[arg(long)]
    pub cycle: Option<String>,
    /// Output format: TOML for the HR system, CSV for spreadsheet tools (goals, or
    /// abilities-csv for the 能力評価, one row per ability).
    #[arg(long, value_enum, default_value = "toml")]
    pub format: Format,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Only people in this unit (by id) or below it.
    #[arg(long, value_name = "ID")]
    pub unit: Option<String>,
    /// CSV: write cells as they are, without the `'` that keeps a spreadsheet from
    /// running a cell beginning with = + - @ as a formula.
    #[arg(long)]
    pub raw: bool,
    /// Export what is valid when the data set has errors, listing what was left out.
    #[arg(long)]
    pub force: bool,
    /// Fixed `generated_at` (RFC 3339, e.g. 2026-10-15T09:00:00+09:00), for reproducible output.
    #[arg(long, hide = true, env = "PDCA_EXPORT_TIME", value_name = "TIME")]
    pub generated_at: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Toml,
    Csv,
    /// 能力評価: one row per person and ability.
    AbilitiesCsv,
}

fn parse_time(text: &str) -> Result<Timestamp> {
    chrono::DateTime::parse_from_rfc3339(text.trim())
        .map(Timestamp)
        .map_err(|error| CliText::NotATime { text: text.to_owned(), error: error.to_string() }.into())
}

pub(super) fn print_problems(session: &Session, problems: &[Problem]) -> Result<()> {
    for problem in problems {
        out::note(super::problems::problem_line(&session.store, problem, problem.location, session.lang))?;
    }
    Ok(())
}

pub(super) fn print_left_out(session: &Session, left_out: &[LeftOut]) -> Result<()> {
    for item in left_out {
        let path = session.store.display_path(&item.problem.source).display().to_string();
        let reason = messages::problem(&item.problem.kind, session.lang);
        let what = messages::left_out(&item.what, session.lang);
        out::note(CliText::LeftOut { what, path, reason }.text(session.lang))?;
    }
    Ok(())
}

/// Whether the data set's settings (pdca.toml) have errors, said on standard error:
/// they concern every record (the score formula, the organisation's name), so
/// nothing can be left out to export or import the rest.
pub(super) fn refuse_settings(session: &Session, info: &DataSetInfo) -> Result<bool> {
    let settings = validate_info(info);
    if settings.is_empty() {
        return Ok(false);
    }
    print_problems(session, &settings)?;
    out::note(format!("pdca: {}", CliText::RefuseSettings { errors: settings.len() }.text(session.lang)))?;
    Ok(true)
}

pub fn run(session: &Session, args: ExportArgs, lang: Option<LangArg>) -> Result<i32> {
    let store = &session.store.clone().reading_for_export();
    let snapshot = store.load(args.cycle.as_deref())?;
    let actor = session.actor(&snapshot.info, &snapshot.org)?;
    policy::permit_export(&Hierarchy::new(&snapshot.org), &actor.id)?;

    if refuse_settings(session, &snapshot.info)? {
        return Ok(1);
    }
    let elsewhere = store.goal_ids_of_other_cycles(&snapshot.data.cycle.id)?;
    let unreadable: Vec<Problem> =
        snapshot.problems.iter().filter(|p| p.severity() == Severity::Error).cloned().collect();
    let generated_at = match &args.generated_at {
        Some(text) => parse_time(text)?,
        None => now(),
    };
    let options = Options { generated_at, unit: args.unit.as_deref() };
    let (invalid, prepared) = export::checked(&snapshot.info, &snapshot.org, &snapshot.data, &elsewhere, options);
    let mut errors = unreadable.clone();
    errors.extend(invalid);
    let kept;
    let prepared = if errors.is_empty() {
        prepared?
    } else if !args.force {
        print_problems(session, &errors)?;
        out::note(format!("pdca: {}", CliText::RefuseExport { errors: errors.len() }.text(session.lang)))?;
        return Ok(1);
    } else {
        for problem in &unreadable {
            let path = store.display_path(&problem.source).display().to_string();
            let reason = messages::problem(&problem.kind, session.lang);
            out::note(CliText::LeftOutUnreadable { path, reason }.text(session.lang))?;
        }
        kept = validity::keep_valid(&snapshot.org, &snapshot.data, &elsewhere);
        print_left_out(session, &kept.left_out)?;
        if !kept.remaining.is_empty() {
            out::note(CliText::ExportedDespite.text(session.lang))?;
            print_problems(session, &kept.remaining)?;
        }
        export::prepare(&snapshot.info, &kept.org, &kept.data, options)?
    };
    let cycle = prepared.whole.cycle.id.clone();
    match args.format {
        // Written in parts, each person's record made as it is written.
        Format::Toml => {
            let parts = prepared.toml_parts().map(|part| Ok(part?));
            write_out(session, args.output.as_deref(), &cycle, parts)?;
            super::keep_until_exit(prepared);
        }
        // Headers are Japanese unless English is asked for explicitly: the file is
        // for the HR department's tools, whatever language this terminal speaks.
        Format::Csv | Format::AbilitiesCsv => {
            let export = prepared.into_export();
            let lang = if matches!(lang, Some(LangArg::En)) { Lang::En } else { Lang::Ja };
            let cells = if args.raw { Cells::Raw } else { Cells::SpreadsheetSafe };
            let bytes = match args.format {
                Format::AbilitiesCsv => ability_table::to_csv(&export, lang, cells),
                _ => table::to_csv(&export, lang, cells),
            };
            // The CSV writer writes the cells' text and a byte order mark: UTF-8.
            let text = String::from_utf8(bytes).expect("a CSV of UTF-8 text");
            let whole = Part { texts: vec![text.into()], people: export.people.len(), goals: export.goal_count() };
            write_out(session, args.output.as_deref(), &cycle, std::iter::once(Ok(whole)))?;
            super::keep_until_exit(export);
        }
    }
    super::keep_until_exit(snapshot);
    Ok(0)
}

/// Writes the export's parts, in order, to `output` (atomically, then saying what
/// was written) or to standard output. A part that cannot be made stops the
/// writing: `output` is then left as it was, while standard output has the parts
/// before it. Only the TOML writer can fail there, on a record of a shape it
/// cannot write: a programming error, not a matter of the data.
fn write_out(
    session: &Session,
    output: Option<&Path>,
    cycle: &str,
    parts: impl Iterator<Item = Result<Part>> + Send,
) -> Result<()> {
    let Some(file) = output else {
        let mut to = out::DataOut::standard_output();
        let written = export::write_parts(parts, |text| to.write(text.as_bytes()));
        // What was written before a part that could not be made is still written.
        let finished = to.finish();
        return written.and(finished);
    };
    let path = file.display().to_string();
    // A new file or a regular one is replaced; never a device, a pipe or a link.
    if std::fs::symlink_metadata(file).is_ok_and(|found| !found.file_type().is_file()) {
        return Err(CliText::OutputNotAFile { path }.into());
    }
    let (people, goals) = atomic::write_atomically_with(file, |to| {
        export::write_parts(parts, |text| Ok::<_, Failure>(to.write_all(text.as_bytes())?))
    })
    .context(CliText::CouldNotWrite { path: path.clone() })?;
    out::note(CliText::WroteExport { path, cycle: cycle.to_owned(), people, goals }.text(session.lang))
}

/// Now, to the second, with the local offset.
pub(super) fn now() -> Timestamp {
    use chrono::Timelike;
    let now = chrono::Local::now().fixed_offset();
    Timestamp(now.with_nanosecond(0).unwrap_or(now))
}
