//! What can stop a command, kept typed until it is said to the user, in their
//! language, where the program ends ([`super::main`]).

use crate::config::ConfigError;
use crate::hr::export::ExportError;
use crate::hr::import::ImportError;
use crate::hr::roster::RosterError;
use crate::messages::sync as sync_text;
use crate::messages::{self, CliText, Lang, Message, Unidentified};
use crate::model::policy::Refusal;
use crate::store::StoreError;
use crate::sync::SyncError;
use crate::sync::verify::VerifyError;
use crate::theme::ThemeError;
use crate::workspace::CommandError;

/// Boxed, so that every command's result stays small.
#[derive(Debug)]
pub struct Failure(Box<Reason>);

#[derive(Debug)]
pub enum Reason {
    /// What the command line itself says.
    Said(CliText),
    /// The system's own words about a file.
    Io(std::io::Error),
    /// Standard output or error could not be written.
    Output(std::io::Error),
    Store(StoreError),
    Config(ConfigError),
    Theme(ThemeError),
    Unidentified(Unidentified),
    Command(CommandError),
    Refused(Refusal),
    Roster(RosterError),
    Import(ImportError),
    Export(ExportError),
    /// The terminal app could not use the terminal.
    Terminal(anyhow::Error),
    /// `pdca sync`, `clone`, `log` or `init --git` could not do its work.
    Sync(SyncError),
    /// `pdca verify` could not check a push (so it refuses it).
    Verify(VerifyError),
    /// `pdca log --person` of someone whose history the viewer may not read.
    HistoryClosed(String),
    /// What was being done, then why it failed: "could not read roster.csv: …".
    Context {
        context: CliText,
        cause: Failure,
    },
}

impl Failure {
    pub fn text(&self, lang: Lang) -> String {
        match &*self.0 {
            Reason::Said(text) => text.text(lang),
            Reason::Io(error) => error.to_string(),
            Reason::Output(error) => CliText::CouldNotPrint { error: error.to_string() }.text(lang),
            Reason::Store(error) => messages::store_error(error, lang),
            Reason::Config(error) => messages::config_error(error, lang),
            Reason::Theme(error) => messages::theme_error(error, lang),
            Reason::Unidentified(unidentified) => unidentified.text(lang),
            Reason::Command(error) => messages::command_error(error, lang),
            Reason::Refused(refusal) => messages::refusal(refusal, lang),
            Reason::Roster(error) => messages::roster_error(error, lang),
            Reason::Import(error) => messages::import_error(error, lang),
            Reason::Export(error) => messages::export_error(error, lang),
            Reason::Sync(error) => sync_text::sync_error(error, lang),
            Reason::Verify(error) => {
                format!("{}: {}", sync_text::verify_failed(lang), sync_text::verify_error(error, lang))
            }
            Reason::HistoryClosed(person) => sync_text::log_not_readable(person, lang),
            Reason::Terminal(error) => CliText::Terminal { error: format!("{error:#}") }.text(lang),
            Reason::Context { context, cause } => format!("{}: {}", context.text(lang), cause.text(lang)),
        }
    }
}

impl Failure {
    /// Whether the reader of the output went away (`pdca show … | head`): nothing
    /// is wrong, and nobody is left to tell.
    pub fn is_closed_output(&self) -> bool {
        matches!(&*self.0, Reason::Output(error) if error.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

impl From<Reason> for Failure {
    fn from(reason: Reason) -> Failure {
        Failure(Box::new(reason))
    }
}

macro_rules! failure_from {
    ($($type:ty => $variant:ident),* $(,)?) => {
        $(impl From<$type> for Failure {
            fn from(error: $type) -> Failure {
                Reason::$variant(error).into()
            }
        })*
    };
}

failure_from! {
    CliText => Said,
    std::io::Error => Io,
    StoreError => Store,
    ConfigError => Config,
    ThemeError => Theme,
    Unidentified => Unidentified,
    CommandError => Command,
    Refusal => Refused,
    RosterError => Roster,
    ImportError => Import,
    ExportError => Export,
    SyncError => Sync,
    VerifyError => Verify,
}

/// Says what was being done when something failed.
pub trait Context<T> {
    fn context(self, context: CliText) -> Result<T, Failure>;
}

impl<T, E: Into<Failure>> Context<T> for Result<T, E> {
    fn context(self, context: CliText) -> Result<T, Failure> {
        self.map_err(|error| Reason::Context { context, cause: error.into() }.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_in_context_says_what_was_being_done_first() {
        let missing = std::io::Error::new(std::io::ErrorKind::NotFound, "No such file or directory");
        let failure = Err::<(), _>(missing).context(CliText::CouldNotRead { path: "roster.csv".into() }).unwrap_err();
        assert_eq!(failure.text(Lang::En), "could not read roster.csv: No such file or directory");
        assert_eq!(failure.text(Lang::Ja), "roster.csv を読み込めません: No such file or directory");
    }
}
