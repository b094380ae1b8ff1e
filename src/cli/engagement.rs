//! `pdca engagement import results.csv` (HR): the survey's results per unit and
//! question into the cycle's `engagement.toml`, through the parser of
//! [`crate::hr::engagement`] and [`Command::ImportEngagement`]. Rows under the
//! minimum of respondents are held back and said; a file with rejected rows
//! stores nothing.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{Context, Result, Session, out};
use crate::hr::engagement as engagement_csv;
use crate::messages::{CliText, InstrumentText, Message};
use crate::model::Source;
use crate::model::command::Command;
use crate::model::policy;

#[derive(Debug, Subcommand)]
pub enum EngagementCommand {
    /// HR: import the survey's results (unit, question, mean, respondents) for a cycle.
    Import(EngagementImportArgs),
}

#[derive(Debug, Args)]
pub struct EngagementImportArgs {
    /// The results, CSV in UTF-8 (a byte-order mark is fine).
    pub file: PathBuf,
    /// Cycle the results are of (default: the current one).
    #[arg(long)]
    pub cycle: Option<String>,
}

pub fn run(session: &Session, command: EngagementCommand) -> Result<i32> {
    match command {
        EngagementCommand::Import(args) => import(session, args),
    }
}

fn import(session: &Session, args: EngagementImportArgs) -> Result<i32> {
    let lang = session.lang;
    let mut workspace = session.workspace(args.cycle.as_deref())?;
    // Asked before the file is read, so that nobody but HR learns what it holds.
    policy::permit_hr_change(&workspace.world.hierarchy(), &workspace.actor)?;
    let file = args.file.display().to_string();
    let bytes = std::fs::read(&args.file).context(CliText::CouldNotRead { path: file.clone() })?;
    let world = &workspace.world;
    let settings = world.info.engagement_settings();
    let parsed = engagement_csv::parse(&file, &bytes, &world.org, &world.data.instruments.questions, &settings);
    let import = match parsed {
        Ok(import) => import,
        Err(error) => {
            out::note(format!("pdca: {}", error.text(lang)))?;
            return Ok(1);
        }
    };
    for rejected in &import.rejected {
        out::note(rejected.text(lang))?;
    }
    for held in &import.held_back {
        let said = InstrumentText::HeldBackRow {
            line: held.line,
            unit: held.unit.clone(),
            question: held.question.clone(),
            respondents: held.respondents,
        };
        out::note(said.text(lang))?;
    }
    if !import.rejected.is_empty() {
        out::note(format!("pdca: {}", InstrumentText::ImportRejected { count: import.rejected.len() }.text(lang)))?;
        return Ok(1);
    }
    let (stored, held) = (import.results.len(), import.held_back.len());
    let source = Source::Engagement(workspace.world.data.cycle.id.clone());
    workspace.execute(Command::ImportEngagement(import.results))?;
    let path = session.store.display_path(&source).display().to_string();
    out::line(InstrumentText::EngagementImported { stored, held, path }.text(lang))?;
    Ok(0)
}
