//! `pdca gen`: write a synthetic data set, for benchmarks and tests.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{Context, Result, Session, out};
use crate::r#gen::{self, DEFAULT_SEED, Fill};
use crate::messages::{CliText, Message};
use crate::store::Store;

#[derive(Debug, Args)]
pub struct GenArgs {
    /// How many people the organisation has (each with about five goals).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub people: u32,
    /// Folder to create the data set in; it must not hold one already.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Seed of the generator: the same seed and size give the same files.
    #[arg(long, value_name = "S", default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// How filled in the sheets are: `light` (some notes) or `full` (plans, Do logs,
    /// self-checks, feedback, ability ratings and 1on1s, as a real sheet by November).
    #[arg(long, value_enum, default_value_t = FillArg::Light)]
    pub fill: FillArg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FillArg {
    Light,
    Full,
}

pub fn run(session: &Session, args: GenArgs) -> Result<i32> {
    let fill = match args.fill {
        FillArg::Light => Fill::Light,
        FillArg::Full => Fill::Full,
    };
    let set = r#gen::generate_filled(args.people as usize, args.seed, fill);
    let store = Store::new(&args.out);
    let path = args.out.display().to_string();
    r#gen::write(&store, &set).context(CliText::CouldNotGenerate { path: path.clone() })?;
    let hr: Vec<String> = set
        .hr
        .iter()
        .filter_map(|id| set.org.people.iter().find(|p| p.id == id))
        .map(|p| format!("{} ({} {})", p.id, p.name, p.title))
        .collect();
    let generated = CliText::Generated {
        path,
        people: set.org.people.len(),
        units: set.org.units.len(),
        goals: set.goal_count(),
        proposals: set.pending_proposals(),
        feedback: set.data.feedback.len(),
        cycle: set.data.cycle.id.to_string(),
    };
    out::line(generated.text(session.lang))?;
    if !hr.is_empty() {
        out::line(CliText::HrPeople { list: hr.join(", ") }.text(session.lang))?;
    }
    Ok(0)
}
