//! Command-line interface: argument parsing and the non-interactive commands.

mod check;
mod show;

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use crate::i18n::Lang;
use crate::model::identity::{IdentityHints, identify};
use crate::model::{Date, Org, Person};
use crate::store::Store;

#[derive(Debug, Parser)]
#[command(name = "pdca", version, about = "Cascade goals and run PDCA cycles for personnel evaluation")]
pub struct Cli {
    /// Data-set folder (default: the user's data folder, e.g. ~/.local/share/pdca).
    #[arg(long, global = true, env = "PDCA_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Act as this person (staff id) instead of the configured or logged-in one.
    #[arg(long = "as", global = true, value_name = "ID")]
    pub as_person: Option<String>,
    /// Language of the interface (default: from LANG).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
    /// Pretend today is this date (YYYY-MM-DD); for demonstrations and tests.
    #[arg(long, global = true, hide = true, value_name = "DATE")]
    pub today: Option<chrono::NaiveDate>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum LangArg {
    Ja,
    En,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a data set: empty, or the bundled sample.
    Init {
        /// Copy the bundled sample (a city department's 2024 and 2025 cycles).
        #[arg(long)]
        sample: bool,
        /// Name of the organisation, for an empty data set.
        #[arg(long, default_value = "")]
        organisation: String,
    },
    /// Validate every file; exit 1 when there are errors.
    Check,
    /// Print a view as text.
    Show {
        #[arg(value_enum)]
        view: ShowView,
        /// Cycle to show (default: the current one).
        #[arg(long)]
        cycle: Option<String>,
        /// Width in columns (default: the terminal's, or 100).
        #[arg(long)]
        width: Option<u16>,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ShowView {
    Tree,
}

/// What every command needs: where the data is, who asks, in which language, and when.
pub struct Session {
    pub store: Store,
    pub lang: Lang,
    pub today: Date,
    pub as_person: Option<String>,
    /// `me` from the config file.
    pub config_me: Option<String>,
}

impl Session {
    /// The person at the keyboard, as DESIGN §2 says: `--as`, config `me`, OS login.
    pub fn actor<'a>(&self, org: &'a Org) -> Result<&'a Person> {
        let os_user = std::env::var("USER").or_else(|_| std::env::var("USERNAME")).ok();
        let hints = IdentityHints {
            as_id: self.as_person.as_deref(),
            config_me: self.config_me.as_deref(),
            os_user: os_user.as_deref(),
        };
        identify(org, hints).map_err(|error| {
            anyhow::anyhow!("{error}\nchoose with `pdca --as ID`, or set `me = \"ID\"` in the config file")
        })
    }
}

impl Cli {
    pub fn session(&self) -> Result<Session> {
        let root = match &self.data_dir {
            Some(dir) => dir.clone(),
            None => default_data_dir().context("no data folder could be found for this user; pass --data-dir")?,
        };
        let lang = match self.lang {
            Some(LangArg::Ja) => Lang::Ja,
            Some(LangArg::En) => Lang::En,
            None => Lang::from_env(),
        };
        let today = Date(self.today.unwrap_or_else(|| chrono::Local::now().date_naive()));
        Ok(Session { store: Store::new(root), lang, today, as_person: self.as_person.clone(), config_me: None })
    }
}

pub fn default_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "pdca").map(|dirs| dirs.data_dir().to_path_buf())
}

/// Runs a command; returns the process exit code.
pub fn run(cli: Cli) -> Result<i32> {
    let context = cli.session()?;
    match cli.command {
        Some(Command::Init { sample, organisation }) => {
            if sample {
                context.store.init_sample()?;
            } else {
                context.store.init_empty(&organisation, context.today.0)?;
            }
            println!("created {}", context.store.root().display());
            Ok(0)
        }
        Some(Command::Check) => check::run(&context),
        Some(Command::Show { view: ShowView::Tree, cycle, width }) => show::tree(&context, cycle.as_deref(), width),
        None => {
            if !context.store.exists() {
                context.store.init_sample()?;
                eprintln!("No data set yet: copied the bundled sample to {}", context.store.root().display());
            }
            show::tree(&context, None, None)
        }
    }
}
