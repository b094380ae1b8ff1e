//! Command-line interface: argument parsing and the non-interactive commands.

mod app;
mod audit;
mod calibration;
mod check;
pub mod cycle;
pub mod engagement;
pub mod export;
mod failure;
pub mod r#gen;
pub mod help;
pub mod import;
mod log;
pub mod org;
pub mod out;
mod problems;
mod show;
mod sync;
mod verify;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::config::{self, Config};
use crate::hr::natural_cmp;
use crate::messages::{CliText, Lang, Message, Someone, Unidentified};
use crate::model::identity::{IdentityError, IdentityHints, IdentityMode, identify};
use crate::model::{DataSetInfo, Date, Org, Person, Source};
use crate::settings::did_you_mean;
use crate::store::Store;
use crate::theme::{self, Theme};
use crate::workspace::Workspace;

pub use failure::{Context, Failure};

/// What a command gives back: its exit code, or why it could not run.
pub type Result<T> = std::result::Result<T, Failure>;

/// How many people to list when the person at the keyboard is unknown.
const PEOPLE_LISTED: usize = 10;

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
    /// Colour theme: terminal, dark, light, high-contrast, or a file in the config folder's themes/
    /// (default: the config's `theme`, else terminal).
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

impl From<LangArg> for Lang {
    fn from(lang: LangArg) -> Lang {
        match lang {
            LangArg::Ja => Lang::Ja,
            LangArg::En => Lang::En,
        }
    }
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
    /// HR: the engagement survey's results (import).
    Engagement {
        #[command(subcommand)]
        command: engagement::EngagementCommand,
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
    /// Calibration (評価調整): final levels by reviewer, flags and each person's result
    /// (--unit, --reviewer to narrow it); for HR and second reviewers.
    Calibration,
    /// The 1on1s you may know of (--person: one person's): dates and kinds, the text only for the pair.
    Meetings,
    /// The engagement survey's results of the units you may see (--unit: one unit).
    Engagement,
    /// A sheet's 能力評価 (--person, default: you): levels, comments and evidence.
    Abilities,
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
    /// For `calibration`: the people one reviewer reviewed.
    #[arg(long)]
    pub reviewer: Option<String>,
    /// For `calibration`: preview a final level for a person without recording it.
    #[arg(long = "try", value_name = "PERSON=LEVEL")]
    pub trials: Vec<String>,
}

/// What every command needs: where the data is, who asks, in which language, and when.
pub struct Session {
    pub store: Store,
    /// Whether the data folder was named (`--data-dir`, `PDCA_DATA_DIR`) rather than
    /// the user's default one.
    pub named_data_dir: bool,
    pub lang: Lang,
    pub today: Date,
    pub as_person: Option<String>,
    /// The config file's settings (defaults when there is none).
    pub config: Config,
    /// The theme asked for: `--theme`, else the config's `theme`, else the default.
    pub theme_name: String,
    /// The command line after `pdca`, for the record of an administrator acting as someone else.
    pub command_line: String,
    /// Whether that record was written in this run (it is written once).
    pub acting_recorded: std::cell::Cell<bool>,
}

impl Session {
    /// The chosen theme, read from the config folder's `themes/` or built in;
    /// plain when `NO_COLOR` is set; drawn in ASCII as the config's `borders` says.
    pub fn theme(&self) -> Result<Theme> {
        let theme = Theme::for_terminal(&self.theme_name, self.config.themes_dir().as_deref())?;
        Ok(Theme { ascii: self.config.borders.unwrap_or_default().ascii(), ..theme })
    }

    /// The person at the keyboard, as the data set's `identity` says
    /// ([`crate::model::identity`]): in `demo`, `--as`, config `me`, OS login; in
    /// `login`, the OS user's person, or whom an administrator names — recorded in
    /// their audit file before anything else is done. When nobody matches, the
    /// failure says why (and in `demo` lists who they could be and how to choose).
    pub fn actor<'a>(&self, info: &DataSetInfo, org: &'a Org) -> Result<&'a Person> {
        // The account the OS says this process runs as, not `$USER`, which anyone can set.
        let os_user = whoami::username().ok();
        let remembered = self.remembered_person();
        let hints = IdentityHints {
            as_id: self.as_person.as_deref(),
            config_me: self.config.me.as_deref(),
            remembered: remembered.as_deref(),
            os_user: os_user.as_deref(),
        };
        let identity = identify(org, info.identity_mode(), hints)
            .map_err(|error| Failure::from(unidentified(error, org, self.config.path())))?;
        if let Some(admin) = identity.administrator
            && !self.acting_recorded.replace(true)
        {
            let path = self.store.display_path(&Source::Audit { admin: admin.id }).display().to_string();
            audit::record(&self.store, &admin.id, &identity.actor.id, &self.command_line, export::now())
                .context(CliText::CouldNotRecordActing { path })?;
        }
        Ok(identity.actor)
    }
}

impl Session {
    /// The person last chosen in the picker for this data set (demo data sets only use it).
    fn remembered_person(&self) -> Option<String> {
        crate::state::remembered_person(self.config.dir.as_deref()?, self.store.root())
    }

    /// Whether the app may ask who is at the keyboard: a demonstration data set
    /// where nobody was named.
    pub fn may_pick(&self, info: &DataSetInfo) -> bool {
        info.identity_mode() == IdentityMode::Demo && self.as_person.is_none() && self.config.me.is_none()
    }
}

/// Who the person at the keyboard could be: the person an unknown id most likely
/// stands for, and the first people in id order.
fn unidentified(error: IdentityError, org: &Org, config_file: Option<PathBuf>) -> Unidentified {
    let someone =
        |person: &Person| Someone { id: person.id.to_string(), name: person.name.clone(), title: person.title.clone() };
    let suggestion = match &error {
        IdentityError::UnknownId { id, .. } => {
            let ids: Vec<&str> = org.people.iter().map(|p| p.id.as_str()).collect();
            did_you_mean(id, &ids).and_then(|found| org.people.iter().find(|p| p.id == found)).map(someone)
        }
        IdentityError::NotRecognised { .. }
        | IdentityError::NoSuchLogin { .. }
        | IdentityError::NotAnAdministrator { .. } => None,
    };
    let mut people: Vec<&Person> = org.people.iter().collect();
    people.sort_by(|a, b| natural_cmp(&a.id, &b.id));
    let more = people.len().saturating_sub(PEOPLE_LISTED);
    let people = people.into_iter().take(PEOPLE_LISTED).map(someone).collect();
    Unidentified { error, suggestion, people, more, config_file }
}

impl Session {
    /// The data set's cycle (the current one unless named), opened as the person at
    /// the keyboard: what every command that changes data executes its command on.
    pub fn workspace(&self, cycle: Option<&str>) -> Result<Workspace> {
        self.open_workspace(self.store.clone(), cycle)
    }

    /// The cycle as [`Session::workspace`] opens it, but the texts only an open
    /// sheet shows left on disk as each file is read: for what prints none of them
    /// (`show tree`), which then neither holds a city's texts nor makes room for them.
    pub fn workspace_without_sheet_texts(&self, cycle: Option<&str>) -> Result<Workspace> {
        self.open_workspace(self.store.clone().leaving_texts_on_disk(), cycle)
    }

    fn open_workspace(&self, store: Store, cycle: Option<&str>) -> Result<Workspace> {
        let snapshot = store.load(cycle)?;
        let actor = self.actor(&snapshot.info, &snapshot.org)?.id;
        Ok(Workspace::from_snapshot(store, snapshot, actor, self.today)?)
    }
}

impl Cli {
    pub fn session(&self) -> Result<Session> {
        let root = match &self.data_dir {
            Some(dir) => dir.clone(),
            None => default_data_dir().ok_or(CliText::NoDataFolder)?,
        };
        let config = match config::config_dir() {
            Some(dir) => Config::load(&dir)?,
            None => Config::default(),
        };
        let lang = self.lang.map(Lang::from).or(config.lang).unwrap_or_else(Lang::from_env);
        crate::messages::set_date_style(config.date_style.unwrap_or_default());
        let theme_name =
            self.theme.clone().or_else(|| config.theme.clone()).unwrap_or_else(|| theme::DEFAULT_THEME.to_string());
        let today = Date(self.today.unwrap_or_else(|| chrono::Local::now().date_naive()));
        let command_line =
            std::env::args_os().skip(1).map(|arg| arg.to_string_lossy().into_owned()).collect::<Vec<_>>().join(" ");
        let store = match parse_cache_dir() {
            Some(cache_dir) => Store::new(root).with_parse_cache(&cache_dir),
            None => Store::new(root),
        };
        Ok(Session {
            store,
            named_data_dir: self.data_dir.is_some(),
            lang,
            today,
            as_person: self.as_person.clone(),
            config,
            theme_name,
            command_line,
            acting_recorded: Default::default(),
        })
    }
}

/// Ends a command's use of a whole cycle's records without freeing them one by one:
/// that takes longer than printing them, and the process is about to end, when the
/// system takes its memory back at once.
fn keep_until_exit<T>(records: T) {
    std::mem::forget(records);
}

/// Where parsed files are cached: `PDCA_CACHE_DIR` (empty: nowhere), else the
/// user's cache folder (`~/.cache/pdca` on Linux).
pub fn parse_cache_dir() -> Option<PathBuf> {
    match std::env::var_os("PDCA_CACHE_DIR") {
        Some(value) if value.is_empty() => None,
        Some(value) => Some(PathBuf::from(value)),
        None => directories::ProjectDirs::from("", "", "pdca").map(|dirs| dirs.cache_dir().to_path_buf()),
    }
}

pub fn default_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "pdca").map(|dirs| dirs.data_dir().to_path_buf())
}

/// Runs a command and, when it fails, says why on standard error in the user's
/// language: the session's, or before there is one (a broken config file) `--lang`
/// or the environment's. Returns the process exit code.
pub fn main(cli: Cli) -> u8 {
    let mut lang = cli.lang.map(Lang::from).unwrap_or_else(Lang::from_env);
    let result = cli.session().and_then(|session| {
        lang = session.lang;
        run(&session, cli.command, cli.lang)
    });
    match result {
        Ok(code) => u8::try_from(code).unwrap_or(1),
        Err(failure) if failure.is_closed_output() => 0,
        Err(failure) => {
            // Nowhere left to say it when standard error is closed too.
            let _ = out::note(format!("pdca: {}", failure.text(lang)));
            2
        }
    }
}

/// Runs a command; returns the process exit code. `asked` is the language `--lang`
/// named, if any (an export's CSV headers are English only when asked for).
fn run(session: &Session, command: Option<Command>, asked: Option<LangArg>) -> Result<i32> {
    if command.is_some() {
        crate::store::pages::ending_soon();
    }
    match command {
        Some(Command::Init { sample, organisation, git }) => {
            // `init --git` in an existing data set only makes it a repository.
            if !(git && !sample && session.store.exists()) {
                if sample {
                    session.store.init_sample()?;
                } else {
                    session.store.init_empty(&organisation, session.today.0)?;
                }
                let path = session.store.root().display().to_string();
                out::line(CliText::Created { path }.text(session.lang))?;
            }
            if git {
                sync::init_repository(session)?;
            }
            Ok(0)
        }
        Some(Command::Check) => check::run(session),
        Some(Command::Show(args)) => show::run(session, args),
        Some(Command::Export(args)) => export::run(session, args, asked),
        Some(Command::Import(args)) => import::run(session, args),
        Some(Command::Org { command }) => org::run(session, command),
        Some(Command::Cycle { command }) => cycle::run(session, command),
        Some(Command::Engagement { command }) => engagement::run(session, command),
        Some(Command::Gen(args)) => r#gen::run(session, args),
        Some(Command::Sync) => sync::run(session),
        Some(Command::Clone(args)) => sync::clone(session, args),
        Some(Command::Verify(args)) => verify::run(session, args),
        Some(Command::Log(args)) => log::run(session, args),
        None => app::run(session),
    }
}
