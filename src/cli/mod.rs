//! Command-line interface: argument parsing and the non-interactive commands.

mod app;
mod check;
pub mod cycle;
pub mod export;
pub mod r#gen;
pub mod import;
mod log;
pub mod org;
mod problems;
mod show;
mod sync;
mod verify;

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use crate::config::{self, Config};
use crate::i18n::Lang;
use crate::model::identity::{IdentityHints, identify};
use crate::model::{Date, Org, Person};
use crate::store::Store;
use crate::theme::{self, Theme};

#[derive(Debug, Parser)]
#[command(name = "pdca", version, about = "Cascade goals and run PDCA cycles for personnel evaluation")]
pub struct Cli {
    /// Data-set folder (default: the user's data folder, e.g. ~/.local/share/pdca).
    #[arg(long, global = true, env = "PDCA_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Act as this person (staff id) instead of the configured or logged-in one.
    #[arg(long = "as", global = true, value_name = "ID")]
    pub as_person: Option<String>,
    /// Language of the interface (default: the config's `lang`, else from LANG).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
    /// Colour theme: dark, light, high-contrast, or a file in the config folder's themes/
    /// (default: the config's `theme`, else dark).
    #[arg(long, global = true, value_name = "NAME")]
    pub theme: Option<String>,
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
        /// Make the data set (new, or the existing one) a git repository with .gitattributes and .gitignore,
        /// to share with `pdca sync`.
        #[arg(long)]
        git: bool,
    },
    /// Validate every file; exit 1 when there are errors.
    Check,
    /// Print a view as text.
    Show(ShowArgs),
    /// HR: export a cycle's people, goals and results as TOML or CSV.
    Export(export::ExportArgs),
    /// HR: rebuild a new data set (--data-dir NEW) from an export.
    Import(import::ImportArgs),
    /// HR: the organisation (roster import).
    Org {
        #[command(subcommand)]
        command: org::OrgCommand,
    },
    /// HR: create cycles and choose the current one.
    Cycle {
        #[command(subcommand)]
        command: cycle::CycleCommand,
    },
    /// Write a synthetic data set (N people, about five goals each) for benchmarks.
    Gen(r#gen::GenArgs),
    /// Send your changes to the data set's git server and get everyone else's.
    Sync,
    /// Get a data set from a git server and sign your commits as your person in org.toml.
    Clone(sync::CloneArgs),
    /// For a git server's pre-receive hook: refuse a push that the pusher may not make.
    Verify(verify::VerifyArgs),
    /// Who changed what and when, field by field, from the data set's git history.
    Log(log::LogArgs),
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ShowView {
    /// The cascade of goals, as the acting person may see it.
    Tree,
    /// The acting person's sheet with each goal's Plan / Do / Check / Action.
    Mine,
    /// The review inbox: everyone below the acting person.
    Review,
    /// Contribution to a top goal (--goal), of a unit (--unit) or of a person (--person, default: you).
    Contribution,
}

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    #[arg(value_enum)]
    pub view: ShowView,
    /// Cycle to show (default: the current one).
    #[arg(long)]
    pub cycle: Option<String>,
    /// Width in columns (default: the terminal's, or 100).
    #[arg(long)]
    pub width: Option<u16>,
    /// For `contribution`: a goal (its top goal is shown).
    #[arg(long, conflicts_with_all = ["unit", "person"])]
    pub goal: Option<String>,
    /// For `contribution`: a unit's share in each top goal.
    #[arg(long, conflicts_with = "person")]
    pub unit: Option<String>,
    /// For `contribution`: the top goals a person's work reaches.
    #[arg(long)]
    pub person: Option<String>,
}

/// What every command needs: where the data is, who asks, in which language, and when.
pub struct Session {
    pub store: Store,
    pub lang: Lang,
    pub today: Date,
    pub as_person: Option<String>,
    /// The config file's settings (defaults when there is none).
    pub config: Config,
    /// The theme asked for: `--theme`, else the config's `theme`, else the default.
    pub theme_name: String,
}

impl Session {
    /// The chosen theme, read from the config folder's `themes/` or built in;
    /// plain when `NO_COLOR` is set.
    pub fn theme(&self) -> Result<Theme> {
        Ok(Theme::for_terminal(&self.theme_name, self.config.themes_dir().as_deref())?)
    }

    /// The person at the keyboard, as DESIGN §2 says: `--as`, config `me`, OS login.
    pub fn actor<'a>(&self, org: &'a Org) -> Result<&'a Person> {
        let os_user = std::env::var("USER").or_else(|_| std::env::var("USERNAME")).ok();
        let hints = IdentityHints {
            as_id: self.as_person.as_deref(),
            config_me: self.config.me.as_deref(),
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
        let config = match config::config_dir() {
            Some(dir) => Config::load(&dir)?,
            None => Config::default(),
        };
        let lang = match self.lang {
            Some(LangArg::Ja) => Lang::Ja,
            Some(LangArg::En) => Lang::En,
            None => config.lang.unwrap_or_else(Lang::from_env),
        };
        let theme_name =
            self.theme.clone().or_else(|| config.theme.clone()).unwrap_or_else(|| theme::DEFAULT_THEME.to_string());
        let today = Date(self.today.unwrap_or_else(|| chrono::Local::now().date_naive()));
        Ok(Session { store: Store::new(root), lang, today, as_person: self.as_person.clone(), config, theme_name })
    }
}

pub fn default_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "pdca").map(|dirs| dirs.data_dir().to_path_buf())
}

/// Runs a command; returns the process exit code.
pub fn run(cli: Cli) -> Result<i32> {
    let context = cli.session()?;
    match cli.command {
        Some(Command::Init { sample, organisation, git }) => {
            // `init --git` in an existing data set only makes it a repository.
            if !(git && !sample && context.store.exists()) {
                if sample {
                    context.store.init_sample()?;
                } else {
                    context.store.init_empty(&organisation, context.today.0)?;
                }
                println!("created {}", context.store.root().display());
            }
            if git {
                sync::init_repository(&context)?;
            }
            Ok(0)
        }
        Some(Command::Check) => check::run(&context),
        Some(Command::Show(args)) => show::run(&context, args),
        Some(Command::Export(args)) => export::run(&context, args, cli.lang),
        Some(Command::Import(args)) => import::run(&context, args),
        Some(Command::Org { command }) => org::run(&context, command),
        Some(Command::Cycle { command }) => cycle::run(&context, command),
        Some(Command::Gen(args)) => r#gen::run(args),
        Some(Command::Sync) => sync::run(&context),
        Some(Command::Clone(args)) => sync::clone(&context, args),
        Some(Command::Verify(args)) => verify::run(&context, args),
        Some(Command::Log(args)) => log::run(&context, args),
        None => app::run(&context),
    }
}
