//! `pdca gen`: write a synthetic data set, for benchmarks and tests.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;

use crate::r#gen::{self, DEFAULT_SEED};
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
}

pub fn run(args: GenArgs) -> Result<i32> {
    let set = r#gen::generate(args.people as usize, args.seed);
    let store = Store::new(&args.out);
    r#gen::write(&store, &set).with_context(|| format!("could not generate a data set in {}", args.out.display()))?;
    let hr: Vec<String> = set
        .hr
        .iter()
        .filter_map(|id| set.org.people.iter().find(|p| &p.id == id))
        .map(|p| format!("{} ({} {})", p.id, p.name, p.title))
        .collect();
    println!(
        "created {}: {} people in {} units, {} goals ({} proposals pending), {} feedback files; cycle {}",
        args.out.display(),
        set.org.people.len(),
        set.org.units.len(),
        set.goal_count(),
        set.pending_proposals(),
        set.data.feedback.len(),
        set.data.cycle.id,
    );
    if !hr.is_empty() {
        println!("hr: {}", hr.join(", "));
    }
    Ok(0)
}
