//! `--help` and `pdca help` in the user's language: the parser is clap's, derived
//! from `Cli`; its texts are set here from [`CliHelp`] before parsing, command by
//! command and option by option. A test walks the whole command tree, so a new
//! command or option without its two texts fails.

use clap::{Command, CommandFactory, FromArgMatches};

use super::Cli;
use crate::config::{self, Config};
use crate::messages::{CliHelp, Lang, Message};

/// Parses the command line with its help in the language the rest of the run will
/// use; `--help`, `help` and parse errors print and exit here, as clap does.
pub fn parse() -> Cli {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = lang_before_parsing(&args);
    let matches = localized(Cli::command(), lang).get_matches_from(args);
    Cli::from_arg_matches(&matches).unwrap_or_else(|error| error.exit())
}

/// `--lang`, else the config's `lang`, else the environment's: as the session
/// decides, read before there is one.
fn lang_before_parsing(args: &[std::ffi::OsString]) -> Lang {
    let given = args.iter().enumerate().find_map(|(index, arg)| {
        let arg = arg.to_str()?;
        let value = match arg.strip_prefix("--lang") {
            Some("") => args.get(index + 1)?.to_str()?,
            Some(rest) => rest.strip_prefix('=')?,
            None => return None,
        };
        match value {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }
    });
    // A config that cannot be read is reported once the command runs.
    let configured = || config::config_dir().and_then(|dir| Config::load(&dir).ok()).and_then(|c| c.lang);
    given.or_else(configured).unwrap_or_else(Lang::from_env)
}

/// The command tree with every about and help text in `lang`.
pub fn localized(mut command: Command, lang: Lang) -> Command {
    // Built first, so the generated `help` subcommand and `--help`/`--version`
    // exist to be translated, and global options are copied to every subcommand.
    command.build();
    localize(command, &[], lang)
}

fn localize(mut command: Command, path: &[String], lang: Lang) -> Command {
    let key = path.join(" ");
    if let Some(about) = about(&key, command.get_name()) {
        command = command.about(about.text(lang)).long_about(None);
    }
    let ids: Vec<(String, bool)> =
        command.get_arguments().map(|arg| (arg.get_id().to_string(), arg.is_positional())).collect();
    for (id, positional) in ids {
        let help = option(&key, &id);
        command = command.mut_arg(&id, |arg| {
            let arg = match help {
                Some(help) => arg.help(help.text(lang)).long_help(None),
                None => arg,
            };
            // English keeps clap's own headings.
            if lang == Lang::En {
                return arg;
            }
            let heading = if positional { CliHelp::HeadingArguments } else { CliHelp::HeadingOptions };
            arg.help_heading(heading.text(lang))
        });
    }
    if lang == Lang::Ja {
        command = command.subcommand_help_heading(CliHelp::HeadingCommands.text(lang)).help_template(format!(
            "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            CliHelp::HeadingUsage.text(lang)
        ));
    }
    let names: Vec<String> = command.get_subcommands().map(|sub| sub.get_name().to_owned()).collect();
    for name in names {
        // `pdca help org import` shows the help of `pdca org import`.
        let sub_path: Vec<String> =
            path.iter().cloned().chain([name.clone()]).filter(|part| part != "help" || name == "help").collect();
        let sub_path = if name == "help" { vec!["help".to_owned()] } else { sub_path };
        command = command.mut_subcommand(&name, |sub| localize(sub, &sub_path, lang));
    }
    command
}

/// What a command is for, by its path below `pdca` ("" for `pdca` itself).
fn about(path: &str, name: &str) -> Option<CliHelp> {
    if name == "help" {
        return Some(CliHelp::HelpCommand);
    }
    Some(match path {
        "" => CliHelp::Pdca,
        "init" => CliHelp::Init,
        "check" => CliHelp::Check,
        "show" => CliHelp::Show,
        "export" => CliHelp::Export,
        "import" => CliHelp::Import,
        "org" => CliHelp::Org,
        "org import" => CliHelp::OrgImport,
        "cycle" => CliHelp::Cycle,
        "cycle new" => CliHelp::CycleNew,
        "cycle current" => CliHelp::CycleCurrent,
        "gen" => CliHelp::Gen,
        "sync" => CliHelp::Sync,
        "clone" => CliHelp::Clone,
        "verify" => CliHelp::Verify,
        "log" => CliHelp::Log,
        "engagement" => CliHelp::Engagement,
        "engagement import" => CliHelp::EngagementImport,
        _ => return None,
    })
}

/// What an option or argument of the command at `path` is for.
fn option(path: &str, id: &str) -> Option<CliHelp> {
    Some(match (path, id) {
        (_, "data_dir") => CliHelp::DataDir,
        (_, "as_person") => CliHelp::AsPerson,
        (_, "lang") => CliHelp::Lang,
        (_, "theme") => CliHelp::Theme,
        (_, "help") => CliHelp::PrintHelp,
        (_, "version") => CliHelp::PrintVersion,
        ("init", "sample") => CliHelp::InitSample,
        ("init", "organisation") => CliHelp::InitOrganisation,
        ("init", "git") => CliHelp::InitGit,
        ("show", "view") => CliHelp::ShowView,
        ("show", "cycle") => CliHelp::ShowCycle,
        ("show", "width") => CliHelp::ShowWidth,
        ("show", "goal") => CliHelp::ShowGoal,
        ("show", "unit") => CliHelp::ShowUnit,
        ("show", "person") => CliHelp::ShowPerson,
        ("show", "reviewer") => CliHelp::ShowReviewer,
        ("show", "trials") => CliHelp::ShowTry,
        ("engagement import", "file") => CliHelp::EngagementFile,
        ("engagement import", "cycle") => CliHelp::EngagementCycle,
        ("export", "cycle") => CliHelp::ExportCycle,
        ("export", "format") => CliHelp::ExportFormat,
        ("export", "output") => CliHelp::ExportOutput,
        ("export", "unit") => CliHelp::ExportUnit,
        ("export", "raw") => CliHelp::ExportRaw,
        ("export", "force") => CliHelp::ExportForce,
        ("import", "from_export") => CliHelp::ImportFrom,
        ("import", "force") => CliHelp::ImportForce,
        ("import", "identity") => CliHelp::ImportIdentity,
        ("org import", "file") => CliHelp::RosterFile,
        ("org import", "dry_run") => CliHelp::RosterDryRun,
        ("org import", "partial") => CliHelp::RosterPartial,
        ("cycle new", "id") => CliHelp::CycleId,
        ("cycle new", "start") => CliHelp::CycleStart,
        ("cycle new", "end") => CliHelp::CycleEnd,
        ("cycle new", "name") => CliHelp::CycleName,
        ("cycle new", "carry_from") => CliHelp::CycleCarryFrom,
        ("cycle new", "plan_end") => CliHelp::CyclePlanEnd,
        ("cycle new", "do_end") => CliHelp::CycleDoEnd,
        ("cycle new", "check_end") => CliHelp::CycleCheckEnd,
        ("cycle current", "id") => CliHelp::CycleCurrentId,
        ("gen", "people") => CliHelp::GenPeople,
        ("gen", "out") => CliHelp::GenOut,
        ("gen", "seed") => CliHelp::GenSeed,
        ("clone", "url") => CliHelp::CloneUrl,
        ("clone", "dir") => CliHelp::CloneDir,
        ("verify", "login") => CliHelp::VerifyLogin,
        ("verify", "update") => CliHelp::VerifyUpdate,
        ("log", "person") => CliHelp::LogPerson,
        ("log", "goal") => CliHelp::LogGoal,
        _ => return None,
    })
}

/// The matches of `args` against the localized tree, for tests.
#[cfg(test)]
fn matches(args: &[&str], lang: Lang) -> Result<clap::ArgMatches, clap::Error> {
    localized(Cli::command(), lang).try_get_matches_from(args)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and every option shown in the help has its texts, so none is
    /// left in English under Japanese.
    #[test]
    fn every_command_and_option_has_its_help_in_both_languages() {
        fn walk(command: &Command, path: &[String], missing: &mut Vec<String>) {
            let key = path.join(" ");
            if about(&key, command.get_name()).is_none() {
                missing.push(format!("command `{key}`"));
            }
            for arg in command.get_arguments().filter(|arg| !arg.is_hide_set()) {
                if option(&key, arg.get_id().as_str()).is_none() {
                    missing.push(format!("`{key}` option {}", arg.get_id()));
                }
            }
            for sub in command.get_subcommands().filter(|sub| sub.get_name() != "help") {
                walk(sub, &[path, &[sub.get_name().to_owned()]].concat(), missing);
            }
        }
        let mut command = Cli::command();
        command.build();
        let mut missing = Vec::new();
        walk(&command, &[], &mut missing);
        assert_eq!(missing, Vec::<String>::new());
    }

    #[test]
    fn japanese_help_is_japanese_and_parsing_is_unchanged() {
        let help = localized(Cli::command(), Lang::Ja).render_help().to_string();
        assert!(help.contains("コマンド:") && help.contains("使い方:"), "{help}");
        assert!(help.contains("データセットのフォルダ"), "{help}");
        let matches = matches(&["pdca", "--lang", "ja", "show", "tree", "--width", "80"], Lang::Ja).unwrap();
        let cli = Cli::from_arg_matches(&matches).unwrap();
        assert!(matches!(cli.command, Some(super::super::Command::Show(_))));
    }

    #[test]
    fn the_language_is_read_from_the_arguments_first() {
        let args = |list: &[&str]| list.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert_eq!(lang_before_parsing(&args(&["pdca", "--lang", "en", "--help"])), Lang::En);
        assert_eq!(lang_before_parsing(&args(&["pdca", "--help", "--lang=ja"])), Lang::Ja);
    }
}
