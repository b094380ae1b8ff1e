//! The user's settings: `config.toml` in the config folder.
//!
//! ```toml
//! me = "P0005"            # staff id of the person at the keyboard (`--as` overrides)
//! theme = "dark"          # terminal | dark | light | high-contrast | a file in <config dir>/themes/
//! lang = "ja"             # ja | en (`--lang` overrides; default from LANG)
//! editor = "code --wait"  # for `E` (default: $VISUAL, then $EDITOR)
//! sync_every = "5m"       # the app syncs a git data set this often (s, m or h; none by default)
//!
//! [keys]                  # action = key or [keys]; replaces that action's default keys
//! quit = ["q", "ctrl-c"]
//! save = "ctrl-s"
//! ```
//!
//! A missing file means the defaults. Any problem in the file — a syntax error,
//! a wrong type, an unknown key — is an error naming `path:line:column`, so a
//! typo never silently does nothing.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

use toml::Spanned;
use toml::de::DeValue;

use crate::keys::{Action, Clash, KeyCombo, KeyError, parse_key_spec};
use crate::messages::{DateStyle, Lang};
use crate::settings::{Expected, WrongType, did_you_mean, entries_in_file_order, parse_document, quote_key, string};

/// Environment variable naming the config folder (tests, portable setups).
pub const CONFIG_DIR_ENV: &str = "PDCA_CONFIG_DIR";
/// The config file's name inside the config folder.
pub const CONFIG_FILE: &str = "config.toml";

/// The editor when neither the config nor the environment names one.
pub const DEFAULT_EDITOR: &str = if cfg!(windows) { "notepad" } else { "vi" };

const TOP_LEVEL_KEYS: [&str; 8] = ["me", "theme", "lang", "editor", "keys", "date_style", "borders", "sync_every"];

/// The shortest `sync_every`: a sync asks the server, which must not be flooded.
pub const SHORTEST_SYNC_INTERVAL: Duration = Duration::from_secs(10);

/// The config folder: `PDCA_CONFIG_DIR` when set and not empty, else the
/// user's config folder (`~/.config/pdca` on Linux).
pub fn config_dir() -> Option<PathBuf> {
    config_dir_from(std::env::var_os(CONFIG_DIR_ENV))
}

/// [`config_dir`] with the value of `PDCA_CONFIG_DIR` passed in.
pub fn config_dir_from(env_value: Option<OsString>) -> Option<PathBuf> {
    match env_value {
        Some(value) if !value.is_empty() => Some(PathBuf::from(value)),
        _ => directories::ProjectDirs::from("", "", "pdca").map(|dirs| dirs.config_dir().to_path_buf()),
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Config {
    /// The folder the config was read from (user themes live in its `themes/`);
    /// `None` when no config folder could be found.
    pub dir: Option<PathBuf>,
    /// The file read, when there was one.
    pub file: Option<PathBuf>,
    /// Staff id of the person at the keyboard.
    pub me: Option<String>,
    /// Theme name.
    pub theme: Option<String>,
    pub lang: Option<Lang>,
    /// Command for editing text outside the program; overrides `$VISUAL` and `$EDITOR`.
    pub editor: Option<String>,
    /// How often the app syncs a data set that is a git work tree; `None`: only on the key.
    pub sync_every: Option<Duration>,
    /// Key overrides by action name. The config does not know the actions:
    /// the app checks the names with [`Config::check_actions`].
    pub keys: BTreeMap<String, KeyOverride>,
    /// How dates are written: `wareki` or `iso`; the language's way when not set.
    pub date_style: Option<DateStyle>,
    /// How borders and marks are drawn; `auto` when not set.
    pub borders: Option<BorderStyle>,
}

/// Borders and marks: box-drawing lines, or ASCII for terminals that draw
/// characters of ambiguous width (─ │ ┌) two columns wide.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum BorderStyle {
    /// ASCII when the environment says the terminal draws ambiguous characters wide.
    #[default]
    Auto,
    Line,
    Ascii,
}

impl BorderStyle {
    /// The names the config file uses.
    pub const NAMES: [&str; 3] = ["auto", "line", "ascii"];

    fn from_name(name: &str) -> Option<BorderStyle> {
        match name.trim().to_ascii_lowercase().as_str() {
            "auto" => Some(BorderStyle::Auto),
            "line" => Some(BorderStyle::Line),
            "ascii" => Some(BorderStyle::Ascii),
            _ => None,
        }
    }

    /// Whether to draw with ASCII, `auto` deciding by [`ambiguous_is_wide`].
    pub fn ascii(self) -> bool {
        match self {
            BorderStyle::Auto => ambiguous_is_wide(|name| std::env::var_os(name)),
            BorderStyle::Line => false,
            BorderStyle::Ascii => true,
        }
    }
}

/// Whether the environment says the terminal draws East Asian ambiguous characters
/// two columns wide: `RUNEWIDTH_EASTASIAN=1` (what users of lazygit, fzf and other
/// go-runewidth programs set for such terminals) or `VTE_CJK_WIDTH=1`/`wide` (the
/// setting of VTE terminals, GNOME Terminal among them).
pub fn ambiguous_is_wide(var: impl Fn(&str) -> Option<OsString>) -> bool {
    let set_to = |name: &str, values: &[&str]| {
        var(name).is_some_and(|value| values.iter().any(|v| value.eq_ignore_ascii_case(v)))
    };
    set_to("RUNEWIDTH_EASTASIAN", &["1"]) || set_to("VTE_CJK_WIDTH", &["1", "wide"])
}

/// The keys the user gave one action; an empty list unbinds it.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyOverride {
    pub keys: Vec<KeyCombo>,
    /// Where the action's name stands in the file.
    pub location: Location,
}

pub use crate::model::Location;

/// A key in a file that nothing reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownKey {
    /// Its path as TOML writes it, e.g. `thme` or `keys.qiut`.
    pub key: String,
    pub location: Location,
    /// The known key it most likely stands for.
    pub suggestion: Option<String>,
}

/// A config file that cannot be used. `Syntax` carries the TOML parser's message.
#[derive(Debug, thiserror::Error)]
// Developers read the debug form; users read the messages.
#[error("{self:?}")]
pub enum ConfigError {
    Read {
        path: PathBuf,
        error: io::Error,
    },
    Syntax {
        path: PathBuf,
        location: Location,
        message: String,
    },
    /// Boxed: a Windows path is larger, and every config result carries this one.
    Invalid {
        path: PathBuf,
        location: Location,
        key: String,
        problem: Box<ConfigProblem>,
    },
    UnknownKeys {
        path: PathBuf,
        keys: Vec<UnknownKey>,
        known: Vec<String>,
    },
    UnknownActions {
        path: PathBuf,
        actions: Vec<UnknownKey>,
        known: Vec<String>,
    },
    /// `[keys]` binds one key to two actions active at the same time.
    KeyClashes {
        path: PathBuf,
        clashes: Vec<KeyClash>,
    },
}

/// A clash of the keymap, at the `[keys]` line that made it.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyClash {
    pub location: Location,
    /// The action whose line that is.
    pub set: Action,
    pub clash: Clash,
}

/// What is wrong with a value of the config file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigProblem {
    WrongType(WrongType),
    Empty,
    NotThemeName(String),
    UnknownLanguage(String),
    /// A value that is not one of the few a key takes.
    UnknownChoice {
        value: String,
        choices: &'static [&'static str],
    },
    Key(KeyError),
    /// Not an interval such as "30s", "5m" or "1h" of at least [`SHORTEST_SYNC_INTERVAL`].
    NotInterval(String),
}

impl Config {
    /// Reads `config.toml` in `dir`; a missing file gives the defaults.
    pub fn load(dir: &Path) -> Result<Config, ConfigError> {
        let path = dir.join(CONFIG_FILE);
        let mut config = match std::fs::read_to_string(&path) {
            Ok(text) => Config::parse(&text, &path)?,
            Err(error) if error.kind() == io::ErrorKind::NotFound => Config::default(),
            Err(error) => return Err(ConfigError::Read { path, error }),
        };
        config.dir = Some(dir.to_path_buf());
        Ok(config)
    }

    /// Reads the text of a config file; `path` is for messages and [`Config::file`].
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let document = parse_document(text).map_err(|(location, message)| ConfigError::Syntax {
            path: path.to_path_buf(),
            location,
            message,
        })?;
        let invalid = |span: Range<usize>, key: &str, problem: ConfigProblem| ConfigError::Invalid {
            path: path.to_path_buf(),
            location: Location::at(text, span.start),
            key: key.to_string(),
            problem: Box::new(problem),
        };
        let mut config = Config { file: Some(path.to_path_buf()), ..Config::default() };
        let mut unknown = Vec::new();
        for (key, value) in entries_in_file_order(document.get_ref()) {
            let name = key.get_ref().as_ref();
            match name {
                "me" | "editor" => {
                    let text = non_empty_string(value).map_err(|problem| invalid(value.span(), name, problem))?;
                    if name == "me" {
                        config.me = Some(text);
                    } else {
                        config.editor = Some(text);
                    }
                }
                "theme" => {
                    let theme = non_empty_string(value).map_err(|problem| invalid(value.span(), name, problem))?;
                    if !crate::theme::is_theme_name(&theme) {
                        return Err(invalid(value.span(), name, ConfigProblem::NotThemeName(theme)));
                    }
                    config.theme = Some(theme);
                }
                "lang" => {
                    let lang =
                        string(value).map_err(|wrong| invalid(value.span(), name, ConfigProblem::WrongType(wrong)))?;
                    config.lang = Some(match lang.trim().to_ascii_lowercase().as_str() {
                        "ja" => Lang::Ja,
                        "en" => Lang::En,
                        _ => return Err(invalid(value.span(), name, ConfigProblem::UnknownLanguage(lang))),
                    });
                }
                "sync_every" => {
                    let text = non_empty_string(value).map_err(|problem| invalid(value.span(), name, problem))?;
                    let every = parse_interval(&text).filter(|every| *every >= SHORTEST_SYNC_INTERVAL);
                    let every = every.ok_or_else(|| invalid(value.span(), name, ConfigProblem::NotInterval(text)))?;
                    config.sync_every = Some(every);
                }
                "date_style" | "borders" => {
                    let value_text =
                        string(value).map_err(|wrong| invalid(value.span(), name, ConfigProblem::WrongType(wrong)))?;
                    let unknown = |choices: &'static [&'static str]| {
                        invalid(value.span(), name, ConfigProblem::UnknownChoice { value: value_text.clone(), choices })
                    };
                    if name == "date_style" {
                        config.date_style =
                            Some(DateStyle::from_name(&value_text).ok_or_else(|| unknown(&DateStyle::NAMES))?);
                    } else {
                        config.borders =
                            Some(BorderStyle::from_name(&value_text).ok_or_else(|| unknown(&BorderStyle::NAMES))?);
                    }
                }
                "keys" => {
                    let DeValue::Table(table) = value.get_ref() else {
                        let wrong = WrongType::of(Expected::KeyTable, value);
                        return Err(invalid(value.span(), name, ConfigProblem::WrongType(wrong)));
                    };
                    for (action, spec) in entries_in_file_order(table) {
                        let action_name = action.get_ref().as_ref();
                        let key_path = format!("keys.{}", quote_key(action_name));
                        let keys =
                            key_list(spec, &key_path).map_err(|(span, key, problem)| invalid(span, &key, problem))?;
                        let location = Location::at(text, action.span().start);
                        config.keys.insert(action_name.to_string(), KeyOverride { keys, location });
                    }
                }
                other => unknown.push(UnknownKey {
                    key: quote_key(other),
                    location: Location::at(text, key.span().start),
                    suggestion: did_you_mean(other, &TOP_LEVEL_KEYS).map(str::to_string),
                }),
            }
        }
        if !unknown.is_empty() {
            let known = TOP_LEVEL_KEYS.iter().map(|key| key.to_string()).collect();
            return Err(ConfigError::UnknownKeys { path: path.to_path_buf(), keys: unknown, known });
        }
        Ok(config)
    }

    /// Fails, naming each with its location, when `[keys]` names an action not in `known`.
    pub fn check_actions(&self, known: &[&str]) -> Result<(), ConfigError> {
        let actions: Vec<UnknownKey> = self
            .keys
            .iter()
            .filter(|(action, _)| !known.contains(&action.as_str()))
            .map(|(action, binding)| UnknownKey {
                key: format!("keys.{}", quote_key(action)),
                location: binding.location,
                suggestion: did_you_mean(action, known).map(str::to_string),
            })
            .collect();
        if actions.is_empty() {
            return Ok(());
        }
        let path = self.file.clone().unwrap_or_else(|| PathBuf::from(CONFIG_FILE));
        Err(ConfigError::UnknownActions { path, actions, known: known.iter().map(|s| s.to_string()).collect() })
    }

    /// Fails when a key means two things at once, naming the `[keys]` line of each
    /// clash (the later one when both actions were set here). Clashes of the
    /// defaults alone are not the user's to fix and are left out.
    pub fn check_clashes(&self, clashes: &[Clash]) -> Result<(), ConfigError> {
        let clashes: Vec<KeyClash> = clashes
            .iter()
            .filter_map(|clash| {
                let set_here = [clash.action, clash.other]
                    .into_iter()
                    .filter_map(|action| Some((action, self.keys.get(action.name())?.location)));
                let (set, location) = set_here.max_by_key(|(_, l)| (l.line, l.column))?;
                Some(KeyClash { location, set, clash: *clash })
            })
            .collect();
        if clashes.is_empty() {
            return Ok(());
        }
        let path = self.file.clone().unwrap_or_else(|| PathBuf::from(CONFIG_FILE));
        Err(ConfigError::KeyClashes { path, clashes })
    }

    /// The `[keys]` overrides: action name to its keys.
    pub fn key_overrides(&self) -> BTreeMap<String, Vec<KeyCombo>> {
        self.keys.iter().map(|(action, binding)| (action.clone(), binding.keys.clone())).collect()
    }

    /// Where the config file is or would be, to name it when telling the user to
    /// set something there.
    pub fn path(&self) -> Option<PathBuf> {
        self.file.clone().or_else(|| self.dir.as_ref().map(|dir| dir.join(CONFIG_FILE)))
    }

    /// The folder of user themes, `<config dir>/themes`.
    pub fn themes_dir(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|dir| dir.join("themes"))
    }

    /// The command for editing text outside the program: `editor`, then
    /// `$VISUAL`, then `$EDITOR` (else [`DEFAULT_EDITOR`]).
    pub fn editor_command(&self) -> Option<String> {
        self.editor_command_from(std::env::var("VISUAL").ok(), std::env::var("EDITOR").ok())
    }

    /// [`Config::editor_command`] with the environment passed in.
    pub fn editor_command_from(&self, visual: Option<String>, editor: Option<String>) -> Option<String> {
        [self.editor.clone(), visual, editor].into_iter().flatten().find(|command| !command.trim().is_empty())
    }
}

fn non_empty_string(value: &Spanned<DeValue<'_>>) -> Result<String, ConfigProblem> {
    let text = string(value).map_err(ConfigProblem::WrongType)?;
    if text.trim().is_empty() {
        return Err(ConfigProblem::Empty);
    }
    Ok(text.trim().to_string())
}

/// "90s", "5m", "1h": a whole number and one unit.
fn parse_interval(text: &str) -> Option<Duration> {
    let unit = text.chars().last()?;
    let seconds = match unit {
        's' => 1,
        'm' => 60,
        'h' => 3600,
        _ => return None,
    };
    let number = text[..text.len() - 1].trim();
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    number.parse::<u64>().ok()?.checked_mul(seconds).map(Duration::from_secs)
}

/// `"q"` or `["q", "ctrl-c"]`; errors carry span, key path and problem.
fn key_list(
    value: &Spanned<DeValue<'_>>,
    key_path: &str,
) -> Result<Vec<KeyCombo>, (Range<usize>, String, ConfigProblem)> {
    let fail = |value: &Spanned<DeValue<'_>>, key_path: &str, problem| (value.span(), key_path.to_string(), problem);
    let one = |value: &Spanned<DeValue<'_>>, key_path: &str| match value.get_ref() {
        DeValue::String(spec) => parse_key_spec(spec).map_err(|error| fail(value, key_path, ConfigProblem::Key(error))),
        _ => Err(fail(value, key_path, ConfigProblem::WrongType(WrongType::of(Expected::Key, value)))),
    };
    match value.get_ref() {
        DeValue::Array(items) => {
            items.iter().enumerate().map(|(index, item)| one(item, &format!("{key_path}[{index}]"))).collect()
        }
        DeValue::String(_) => Ok(vec![one(value, key_path)?]),
        _ => Err(fail(value, key_path, ConfigProblem::WrongType(WrongType::of(Expected::KeyOrKeys, value)))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, Path::new("/cfg/config.toml"))
    }

    fn error(text: &str) -> String {
        crate::messages::config_error(&parse(text).unwrap_err(), Lang::En)
    }

    #[test]
    fn locations_count_characters() {
        let text = "a = 1\n目標 = 2\n";
        assert_eq!(Location::at(text, 0), Location { line: 1, column: 1 });
        assert_eq!(Location::at(text, 6), Location { line: 2, column: 1 });
        let after_kanji = text.find(" = 2").unwrap();
        assert_eq!(Location::at(text, after_kanji), Location { line: 2, column: 3 });
        assert_eq!(Location::at(text, after_kanji - 1), Location { line: 2, column: 2 });
        assert_eq!(Location::at(text, 999), Location { line: 3, column: 1 });
    }

    #[test]
    fn an_empty_file_is_the_defaults() {
        let config = parse("# nothing yet\n").unwrap();
        assert_eq!(config, Config { file: Some(PathBuf::from("/cfg/config.toml")), ..Config::default() });
    }

    #[test]
    fn a_key_set_for_two_active_actions_is_an_error_at_its_line() {
        let config = parse("lang = \"en\"\n[keys]\nsave = \"ctrl-s\"\nquit = \"n\"\n").unwrap();
        let keymap = crate::keys::Keymap::new(&config.key_overrides());
        let error = config.check_clashes(&keymap.clashes()).unwrap_err();
        assert_eq!(
            crate::messages::config_error(&error, Lang::En),
            "/cfg/config.toml:4:1: keys.quit: \"n\" would mean both quit (quit) and next match (next_match) in Tree; \
             give one of them another key\n\
             /cfg/config.toml:4:1: keys.quit: \"n\" would mean both quit (quit) and new goal (new_goal) in My goals; \
             give one of them another key\n\
             /cfg/config.toml:4:1: keys.quit: \"n\" would mean both quit (quit) and next person (next_person) in Review; \
             give one of them another key\n\
             /cfg/config.toml:4:1: keys.quit: \"n\" would mean both quit (quit) and new 1on1 (new_meeting) in 1on1s & survey; \
             give one of them another key"
        );
        assert_eq!(
            crate::messages::config_error(&error, Lang::Ja).lines().next().unwrap(),
            "/cfg/config.toml:4:1: keys.quit: \"n\" が「終了」(quit) と「次の一致」(next_match) の両方になります (目標体系)。\
             どちらかを別のキーにしてください"
        );
        let fine = parse("[keys]\nquit = \"ctrl-q\"\n").unwrap();
        assert!(fine.check_clashes(&crate::keys::Keymap::new(&fine.key_overrides()).clashes()).is_ok());
    }

    #[test]
    fn keys_take_one_or_many_specs() {
        let config = parse("[keys]\nquit = [\"q\", \"ctrl-c\"]\nsave = \"ctrl-s\"\nhelp = []\n").unwrap();
        assert_eq!(config.keys["quit"].keys, vec![KeyCombo::key(KeyCode::Char('q')), KeyCombo::ctrl('c')]);
        assert_eq!(config.keys["save"].keys, vec![KeyCombo::new(KeyCode::Char('s'), KeyModifiers::CONTROL)]);
        assert!(config.keys["help"].keys.is_empty());
        let overrides = config.key_overrides();
        assert_eq!(overrides["quit"].len(), 2);
        assert!(overrides["help"].is_empty());
        assert_eq!(config.keys["save"].location, Location { line: 3, column: 1 });
    }

    #[test]
    fn date_style_and_borders_take_their_few_values() {
        let config = parse("date_style = \"wareki\"\nborders = \"ascii\"\n").unwrap();
        assert_eq!((config.date_style, config.borders), (Some(DateStyle::Wareki), Some(BorderStyle::Ascii)));
        assert_eq!(parse("date_style = \"ISO\"\n").unwrap().date_style, Some(DateStyle::Iso));
        assert_eq!(
            error("date_style = \"seireki\"\n"),
            "/cfg/config.toml:1:14: date_style: \"seireki\" is not one of \"wareki\", \"iso\""
        );
        assert_eq!(
            error("borders = \"thin\"\n"),
            "/cfg/config.toml:1:11: borders: \"thin\" is not one of \"auto\", \"line\", \"ascii\""
        );
    }

    #[test]
    fn ambiguous_width_is_wide_only_when_the_environment_says_so() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(key, _)| *key == name).map(|(_, value)| OsString::from(value))
        };
        assert!(!ambiguous_is_wide(env(&[])));
        assert!(ambiguous_is_wide(env(&[("RUNEWIDTH_EASTASIAN", "1")])));
        assert!(!ambiguous_is_wide(env(&[("RUNEWIDTH_EASTASIAN", "0")])));
        assert!(ambiguous_is_wide(env(&[("VTE_CJK_WIDTH", "wide")])));
        assert!(ambiguous_is_wide(env(&[("VTE_CJK_WIDTH", "1")])));
        assert!(!ambiguous_is_wide(env(&[("LANG", "ja_JP.UTF-8")])), "a Japanese locale alone does not say it");
    }

    #[test]
    fn type_errors_name_the_key_and_place() {
        assert_eq!(error("me = 5\n"), "/cfg/config.toml:1:6: me: expected a string, found integer");
        assert_eq!(error("me = \"  \"\n"), "/cfg/config.toml:1:6: me: must not be empty");
        assert_eq!(
            error("theme = \"../x\"\n"),
            "/cfg/config.toml:1:9: theme: \"../x\" is not a theme name (a file name without folder or .toml)"
        );
        assert_eq!(
            error("keys = \"q\"\n"),
            "/cfg/config.toml:1:8: keys: expected a table of action = key, found string"
        );
        assert_eq!(
            error("[keys]\nquit = [\"q\", \"ctrl-\"]\n"),
            "/cfg/config.toml:2:14: keys.quit[1]: key \"ctrl-\": not a key name (use one character, or enter, \
             esc, tab, backtab, backspace, delete, insert, home, end, pgup, pgdn, up, down, left, right, space, \
             f1..f24)"
        );
        assert_eq!(
            error("[keys]\nquit = 1\n"),
            "/cfg/config.toml:2:8: keys.quit: expected a key such as \"ctrl-s\" or a list of keys, found integer"
        );
    }

    #[test]
    fn every_unknown_key_is_named() {
        assert_eq!(
            error("thme = \"light\"\nme = \"P1\"\n\"起動時\" = 1\n"),
            "/cfg/config.toml:1:1: thme: unknown key (did you mean \"theme\"?)\n\
             /cfg/config.toml:3:1: \"起動時\": unknown key\n  known keys: me, theme, lang, editor, keys, date_style, borders, sync_every"
        );
    }

    #[test]
    fn unknown_actions_are_reported_by_the_app() {
        let config = parse("[keys]\nqiut = \"q\"\nsave = \"ctrl-s\"\n").unwrap();
        assert!(config.check_actions(&["quit", "save"]).is_err());
        assert_eq!(
            crate::messages::config_error(&config.check_actions(&["quit", "save"]).unwrap_err(), Lang::En),
            "/cfg/config.toml:2:1: keys.qiut: unknown action (did you mean \"quit\"?)\n  known actions: quit, save"
        );
        assert!(config.check_actions(&["qiut", "save"]).is_ok());
    }

    #[test]
    fn sync_every_is_an_interval_of_at_least_ten_seconds() {
        assert_eq!(parse("sync_every = \"5m\"\n").unwrap().sync_every, Some(Duration::from_secs(300)));
        assert_eq!(parse("sync_every = \"90s\"\n").unwrap().sync_every, Some(Duration::from_secs(90)));
        assert_eq!(parse("sync_every = \" 1h \"\n").unwrap().sync_every, Some(Duration::from_secs(3600)));
        assert_eq!(parse("me = \"P1\"\n").unwrap().sync_every, None);
        assert_eq!(
            error("me = \"P1\"\nsync_every = \"5 minutes\"\n"),
            "/cfg/config.toml:2:14: sync_every: \"5 minutes\" is not an interval (a whole number and s, m or h, \
             such as \"30s\", \"5m\" or \"1h\"; at least 10s)"
        );
        assert!(error("sync_every = \"5s\"\n").contains("at least 10s"));
        assert!(error("sync_every = \"-5m\"\n").contains("is not an interval"));
        assert_eq!(error("sync_every = 5\n"), "/cfg/config.toml:1:14: sync_every: expected a string, found integer");
    }

    #[test]
    fn editor_precedence() {
        let mut config = Config::default();
        let env = |s: &str| Some(s.to_string());
        assert_eq!(config.editor_command_from(env("vi"), env("nano")), env("vi"));
        assert_eq!(config.editor_command_from(None, env("nano")), env("nano"));
        assert_eq!(config.editor_command_from(env(""), env("nano")), env("nano"));
        assert_eq!(config.editor_command_from(None, None), None);
        config.editor = env("code --wait");
        assert_eq!(config.editor_command_from(env("vi"), env("nano")), env("code --wait"));
    }

    #[test]
    fn the_path_is_named_even_before_the_file_exists() {
        assert_eq!(Config::default().path(), None);
        let dir = Path::new("/cfg");
        assert_eq!(Config { dir: Some(dir.to_path_buf()), ..Config::default() }.path(), Some(dir.join(CONFIG_FILE)));
        assert_eq!(parse("").unwrap().path(), Some(PathBuf::from("/cfg/config.toml")));
    }

    #[test]
    fn config_dir_from_env() {
        assert_eq!(config_dir_from(Some("/tmp/x".into())), Some(PathBuf::from("/tmp/x")));
        assert_eq!(config_dir_from(Some("".into())), config_dir_from(None));
    }

    #[test]
    fn suggestions_are_only_for_near_misses() {
        assert_eq!(did_you_mean("thme", &TOP_LEVEL_KEYS), Some("theme"));
        assert_eq!(did_you_mean("Lang", &TOP_LEVEL_KEYS), Some("lang"));
        assert_eq!(did_you_mean("colour", &TOP_LEVEL_KEYS), None);
    }
}
