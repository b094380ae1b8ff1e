//! What is wrong in the user's settings files — config.toml, themes, key specs —
//! in the user's language. TOML's own type names (`string`, `integer`, `table`) and
//! the names the files use (keys, styles, colours) stay as they are written.

use std::path::Path;

use super::{Lang, Message, names};
use crate::config::{ConfigError, ConfigProblem, UnknownKey};
use crate::keys::{KeyError, KeyProblem};
use crate::model::Location;
use crate::settings::{Expected, WrongType};
use crate::theme::{DEFAULT_THEME, MODIFIER_NAMES, ThemeError, ThemeProblem};

names!(Expected {
    Expected::String => "文字列", "a string";
    Expected::KeyTable => "「操作 = キー」の表", "a table of action = key";
    Expected::Key => "\"ctrl-s\" のようなキー", "a key such as \"ctrl-s\"";
    Expected::KeyOrKeys => "\"ctrl-s\" のようなキーかキーの一覧", "a key such as \"ctrl-s\" or a list of keys";
    Expected::StyleTable => "スタイルの表", "a table of styles";
    Expected::Style => "{ fg = \"gray\", modifiers = [\"bold\"] } のような表",
        "a table such as { fg = \"gray\", modifiers = [\"bold\"] }";
    Expected::ModifierList => "[\"bold\"] のような一覧", "a list such as [\"bold\"]";
});

pub fn config_error(error: &ConfigError, lang: Lang) -> String {
    match error {
        ConfigError::Read { path, error } => cannot_read(path, error, lang),
        ConfigError::Syntax { path, location, message } => not_toml(path, *location, message, lang),
        ConfigError::Invalid { path, location, key, problem } => {
            format!("{}:{location}: {key}: {}", path.display(), config_problem(problem, lang))
        }
        ConfigError::UnknownKeys { path, keys, known } => unknown_names(path, keys, known, Unknown::Key, lang),
        ConfigError::UnknownActions { path, actions, known } => {
            unknown_names(path, actions, known, Unknown::Action, lang)
        }
    }
}

fn cannot_read(path: &Path, error: &std::io::Error, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{}: 読み込めません: {error}", path.display()),
        Lang::En => format!("{}: cannot read: {error}", path.display()),
    }
}

/// A syntax error, in the TOML parser's words.
fn not_toml(path: &Path, location: Location, message: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{}:{location}: TOML として読めません: {message}", path.display()),
        Lang::En => format!("{}:{location}: {message}", path.display()),
    }
}

fn config_problem(problem: &ConfigProblem, lang: Lang) -> String {
    match (problem, lang) {
        (ConfigProblem::WrongType(wrong), _) => wrong_type(wrong, lang),
        (ConfigProblem::Empty, Lang::Ja) => "空にはできません".to_owned(),
        (ConfigProblem::Empty, Lang::En) => "must not be empty".to_owned(),
        (ConfigProblem::NotThemeName(name), Lang::Ja) => {
            format!("\"{name}\" はテーマ名ではありません (フォルダも .toml も付けないファイル名で書きます)")
        }
        (ConfigProblem::NotThemeName(name), Lang::En) => {
            format!("\"{name}\" is not a theme name (a file name without folder or .toml)")
        }
        (ConfigProblem::UnknownLanguage(lang_name), Lang::Ja) => {
            format!("言語 \"{lang_name}\" は使えません (\"ja\" か \"en\" と書きます)")
        }
        (ConfigProblem::UnknownLanguage(lang_name), Lang::En) => {
            format!("unknown language \"{lang_name}\" (use \"ja\" or \"en\")")
        }
        (ConfigProblem::UnknownChoice { value, choices }, Lang::Ja) => {
            format!("\"{value}\" は使えません ({} のどれかを書きます)", quoted(choices))
        }
        (ConfigProblem::UnknownChoice { value, choices }, Lang::En) => {
            format!("\"{value}\" is not one of {}", quoted(choices))
        }
        (ConfigProblem::Key(error), _) => key_error(error, lang),
    }
}

fn quoted(choices: &[&str]) -> String {
    choices.iter().map(|choice| format!("\"{choice}\"")).collect::<Vec<_>>().join(", ")
}

/// What a list of unknown names is of.
#[derive(Clone, Copy)]
enum Unknown {
    Key,
    Action,
}

/// One line per unknown name with its place and a suggestion, then the known names.
fn unknown_names(path: &Path, unknown: &[UnknownKey], known: &[String], what: Unknown, lang: Lang) -> String {
    let lines: Vec<String> = unknown
        .iter()
        .map(|entry| {
            let hint = entry.suggestion.as_deref().map(|s| did_you_mean(s, lang)).unwrap_or_default();
            let said = match (what, lang) {
                (Unknown::Key, Lang::Ja) => "不明なキーです",
                (Unknown::Key, Lang::En) => "unknown key",
                (Unknown::Action, Lang::Ja) => "不明な操作です",
                (Unknown::Action, Lang::En) => "unknown action",
            };
            format!("{}:{}: {}: {said}{hint}", path.display(), entry.location, entry.key)
        })
        .collect();
    let heading = match (what, lang) {
        (Unknown::Key, Lang::Ja) => "使えるキー",
        (Unknown::Key, Lang::En) => "known keys",
        (Unknown::Action, Lang::Ja) => "使える操作",
        (Unknown::Action, Lang::En) => "known actions",
    };
    format!("{}\n  {heading}: {}", lines.join("\n"), known.join(", "))
}

/// ` (did you mean "theme"?)`, to follow what was not understood.
fn did_you_mean(suggestion: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(" (\"{suggestion}\" のことですか?)"),
        Lang::En => format!(" (did you mean \"{suggestion}\"?)"),
    }
}

/// `did you mean "bold"? `, to open a parenthesis that goes on.
fn did_you_mean_then(suggestion: Option<&str>, lang: Lang) -> String {
    match (suggestion, lang) {
        (None, _) => String::new(),
        (Some(suggestion), Lang::Ja) => format!("\"{suggestion}\" のことですか? "),
        (Some(suggestion), Lang::En) => format!("did you mean \"{suggestion}\"? "),
    }
}

fn wrong_type(wrong: &WrongType, lang: Lang) -> String {
    let (expected, found) = (wrong.expected.text(lang), wrong.found);
    match lang {
        Lang::Ja => format!("{expected}を書いてください ({found} が書かれています)"),
        Lang::En => format!("expected {expected}, found {found}"),
    }
}

pub fn theme_error(error: &ThemeError, lang: Lang) -> String {
    match (error, lang) {
        (ThemeError::Read { path, error }, _) => cannot_read(path, error, lang),
        (ThemeError::Syntax { path, location, message }, _) => not_toml(path, *location, message, lang),
        (ThemeError::Invalid { path, location, key, problem }, _) => {
            format!("{}:{location}: {key}: {}", path.display(), theme_problem(problem, lang))
        }
        (ThemeError::Unknown { name, available }, Lang::Ja) => {
            format!("テーマ \"{name}\" はありません。使えるテーマ: {}", available.join(", "))
        }
        (ThemeError::Unknown { name, available }, Lang::En) => {
            format!("unknown theme \"{name}\"; available themes: {}", available.join(", "))
        }
    }
}

fn theme_problem(problem: &ThemeProblem, lang: Lang) -> String {
    let hint = |suggestion: &Option<&str>| suggestion.map(|s| did_you_mean(s, lang)).unwrap_or_default();
    match (problem, lang) {
        (ThemeProblem::WrongType(wrong), _) => wrong_type(wrong, lang),
        (ThemeProblem::UnknownKey { suggestion }, Lang::Ja) => {
            format!("不明なキーです{}。テーマに書けるのは name, extends, [styles] です", hint(suggestion))
        }
        (ThemeProblem::UnknownKey { suggestion }, Lang::En) => {
            format!("unknown key{}; a theme has name, extends and [styles]", hint(suggestion))
        }
        (ThemeProblem::NotBuiltIn { name, builtin }, Lang::Ja) => {
            format!("\"{name}\" は組み込みのテーマではありません (組み込み: {})", builtin.join(", "))
        }
        (ThemeProblem::NotBuiltIn { name, builtin }, Lang::En) => {
            format!("\"{name}\" is not a built-in theme (built-in: {})", builtin.join(", "))
        }
        (ThemeProblem::UnknownStyle { suggestion }, Lang::Ja) => format!("不明なスタイル名です{}", hint(suggestion)),
        (ThemeProblem::UnknownStyle { suggestion }, Lang::En) => format!("unknown style key{}", hint(suggestion)),
        (ThemeProblem::MissingStyles(missing), Lang::Ja) => format!(
            "スタイルが足りません: {} (すべて定義するか、先頭に extends = \"{DEFAULT_THEME}\" と書いて残りを組み込みの\
             テーマから受け継いでください)",
            missing.join(", ")
        ),
        (ThemeProblem::MissingStyles(missing), Lang::En) => format!(
            "missing styles: {} (define them, or put extends = \"{DEFAULT_THEME}\" at the top to take the rest from a \
             built-in theme)",
            missing.join(", ")
        ),
        (ThemeProblem::UnknownColour(text), Lang::Ja) => format!(
            "色 \"{text}\" は使えません (\"gray\" や \"light_blue\" のような名前、\"#rrggbb\"、\"indexed:0\"〜\
             \"indexed:255\" のいずれかで書きます)"
        ),
        (ThemeProblem::UnknownColour(text), Lang::En) => format!(
            "unknown colour \"{text}\" (use a name such as \"gray\" or \"light_blue\", \"#rrggbb\", or \"indexed:0\" \
             to \"indexed:255\")"
        ),
        (ThemeProblem::UnknownModifier { word, suggestion }, Lang::Ja) => format!(
            "修飾 \"{word}\" は使えません ({}使えるのは {})",
            did_you_mean_then(*suggestion, lang),
            MODIFIER_NAMES.join(", ")
        ),
        (ThemeProblem::UnknownModifier { word, suggestion }, Lang::En) => format!(
            "unknown modifier \"{word}\" ({}use {})",
            did_you_mean_then(*suggestion, lang),
            MODIFIER_NAMES.join(", ")
        ),
        (ThemeProblem::UnknownStyleField { suggestion }, Lang::Ja) => format!(
            "不明なキーです ({}スタイルに書けるのは fg, bg, modifiers です)",
            did_you_mean_then(*suggestion, lang)
        ),
        (ThemeProblem::UnknownStyleField { suggestion }, Lang::En) => {
            format!("unknown key ({}a style has fg, bg and modifiers)", did_you_mean_then(*suggestion, lang))
        }
    }
}

pub fn key_error(error: &KeyError, lang: Lang) -> String {
    let spec = &error.spec;
    match lang {
        Lang::Ja => format!("キー \"{spec}\": {}", key_problem(&error.problem, lang)),
        Lang::En => format!("key \"{spec}\": {}", key_problem(&error.problem, lang)),
    }
}

fn key_problem(problem: &KeyProblem, lang: Lang) -> String {
    match (problem, lang) {
        (KeyProblem::Empty, Lang::Ja) => "キーが空です (\"q\"、\"ctrl-s\"、\"enter\" のように書きます)".to_owned(),
        (KeyProblem::Empty, Lang::En) => "empty key (write e.g. \"q\", \"ctrl-s\" or \"enter\")".to_owned(),
        (KeyProblem::UnknownModifier(word), Lang::Ja) => {
            format!("修飾キー \"{word}\" は使えません (ctrl、alt、shift のいずれか)")
        }
        (KeyProblem::UnknownModifier(word), Lang::En) => {
            format!("unknown modifier \"{word}\" (use ctrl, alt or shift)")
        }
        (KeyProblem::ModifierTwice(word), Lang::Ja) => format!("修飾キー \"{word}\" が二度書かれています"),
        (KeyProblem::ModifierTwice(word), Lang::En) => format!("modifier \"{word}\" given twice"),
        (KeyProblem::ShiftWithSymbol(c), Lang::Ja) => format!(
            "\"{c}\" に shift は付けられません。shift を押して出る文字そのものを書いてください (\"shift-/\" ではなく \"?\")"
        ),
        (KeyProblem::ShiftWithSymbol(c), Lang::En) => {
            format!("shift with \"{c}\": write the shifted character itself (e.g. \"?\" rather than \"shift-/\")")
        }
        (KeyProblem::ControlCharacter, Lang::Ja) => {
            "制御文字はキーとして書けません。名前で書いてください (例: \"tab\")".to_owned()
        }
        (KeyProblem::ControlCharacter, Lang::En) => {
            "a control character is not a key; write its name (e.g. \"tab\")".to_owned()
        }
        (KeyProblem::NoFunctionKey(number), Lang::Ja) => {
            format!("ファンクションキー F{number} はありません (F1〜F24)")
        }
        (KeyProblem::NoFunctionKey(number), Lang::En) => format!("no function key F{number} (F1 to F24)"),
        (KeyProblem::UnknownName, Lang::Ja) => format!("キーの名前ではありません (1 文字か、{KEY_NAMES} のいずれか)"),
        (KeyProblem::UnknownName, Lang::En) => format!("not a key name (use one character, or {KEY_NAMES})"),
    }
}

/// The key names a spec may use, as it writes them.
const KEY_NAMES: &str = "enter, esc, tab, backtab, backspace, delete, insert, home, end, pgup, pgdn, up, down, left, \
                         right, space, f1..f24";

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn a_bad_key_is_explained_in_both_languages() {
        let error = KeyError { spec: "ctrl-".into(), problem: KeyProblem::UnknownName };
        assert_eq!(
            key_error(&error, Lang::En),
            "key \"ctrl-\": not a key name (use one character, or enter, esc, tab, backtab, backspace, delete, \
             insert, home, end, pgup, pgdn, up, down, left, right, space, f1..f24)"
        );
        assert!(key_error(&error, Lang::Ja).starts_with("キー \"ctrl-\": キーの名前ではありません (1 文字か、enter,"));
    }

    #[test]
    fn unknown_keys_are_listed_with_their_place_and_a_suggestion() {
        let error = ConfigError::UnknownKeys {
            path: PathBuf::from("/cfg/config.toml"),
            keys: vec![UnknownKey {
                key: "thme".into(),
                location: Location { line: 2, column: 1 },
                suggestion: Some("theme".into()),
            }],
            known: vec!["me".into(), "theme".into()],
        };
        assert_eq!(
            config_error(&error, Lang::En),
            "/cfg/config.toml:2:1: thme: unknown key (did you mean \"theme\"?)\n  known keys: me, theme"
        );
        assert_eq!(
            config_error(&error, Lang::Ja),
            "/cfg/config.toml:2:1: thme: 不明なキーです (\"theme\" のことですか?)\n  使えるキー: me, theme"
        );
    }

    #[test]
    fn a_value_of_the_wrong_type_says_what_was_expected() {
        let error = ConfigError::Invalid {
            path: PathBuf::from("/cfg/config.toml"),
            location: Location { line: 1, column: 6 },
            key: "me".into(),
            problem: Box::new(ConfigProblem::WrongType(WrongType { expected: Expected::String, found: "integer" })),
        };
        assert_eq!(config_error(&error, Lang::En), "/cfg/config.toml:1:6: me: expected a string, found integer");
        assert_eq!(
            config_error(&error, Lang::Ja),
            "/cfg/config.toml:1:6: me: 文字列を書いてください (integer が書かれています)"
        );
    }

    #[test]
    fn theme_problems_keep_the_names_the_file_uses() {
        let error = ThemeError::Invalid {
            path: PathBuf::from("mine.toml"),
            location: Location { line: 3, column: 31 },
            key: "styles.text.modifiers[1]".into(),
            problem: ThemeProblem::UnknownModifier { word: "blod".into(), suggestion: Some("bold") },
        };
        assert_eq!(
            theme_error(&error, Lang::Ja),
            "mine.toml:3:31: styles.text.modifiers[1]: 修飾 \"blod\" は使えません (\"bold\" のことですか? 使えるのは \
             bold, italic, reversed, underlined, dim, crossed_out)"
        );
    }
}
