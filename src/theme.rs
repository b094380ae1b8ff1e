//! Colours of the interface.
//!
//! The built-in themes are `themes/*.toml` at the repository root, compiled in;
//! more can be dropped into the config folder's `themes/` (a user file wins over
//! a built-in of the same name). A theme file:
//!
//! ```toml
//! name = "mine"
//! extends = "dark"        # optional: styles not given here come from this built-in
//!
//! [styles]
//! selected = { fg = "black", bg = "#ffd75f", modifiers = ["bold"] }
//! ```
//!
//! `NO_COLOR` (set and not empty, see <https://no-color.org>) turns every theme
//! into [`Theme::plain`].

use std::ffi::OsStr;
use std::io;
use std::path::{Path, PathBuf};

use ratatui::style::{Color, Modifier, Style};
use toml::Spanned;
use toml::de::DeValue;

use crate::settings::{
    Expected, Location, WrongType, did_you_mean, entries_in_file_order, parse_document, quote_key, string,
};

/// The theme used when neither `--theme` nor the config names one.
pub const DEFAULT_THEME: &str = "terminal";

/// The built-in themes: name and file text.
const BUILTIN: [(&str, &str); 4] = [
    ("terminal", include_str!("../themes/terminal.toml")),
    ("dark", include_str!("../themes/dark.toml")),
    ("light", include_str!("../themes/light.toml")),
    ("high-contrast", include_str!("../themes/high-contrast.toml")),
];

macro_rules! theme_styles {
    ($($(#[$doc:meta])* $field:ident,)*) => {
        #[derive(Clone, Debug, PartialEq)]
        pub struct Theme {
            $($(#[$doc])* pub $field: Style,)*
            /// Draw bars with ASCII glyphs instead of colour: for text output and `NO_COLOR`.
            pub plain: bool,
            /// Draw for a terminal that draws ambiguous-width characters wide:
            /// ASCII borders, two columns for ① ※ ○ (config `borders`, see `ui::ambiguous`).
            pub ascii: bool,
        }

        /// The names of the styles, as theme files write them.
        pub const STYLE_KEYS: &[&str] = &[$(stringify!($field)),*];

        impl Theme {
            /// Every style empty.
            fn blank() -> Theme {
                Theme { $($field: Style::new(),)* plain: false, ascii: false }
            }

            fn style_mut(&mut self, key: &str) -> Option<&mut Style> {
                match key {
                    $(stringify!($field) => Some(&mut self.$field),)*
                    _ => None,
                }
            }

            /// The style a theme file calls `key`.
            pub fn style(&self, key: &str) -> Option<Style> {
                match key {
                    $(stringify!($field) => Some(self.$field),)*
                    _ => None,
                }
            }
        }
    };
}

theme_styles! {
    /// Ordinary text.
    text,
    /// Secondary text: owners, shares, hints.
    dim,
    /// Column headers and section titles.
    header,
    /// The top bar: organisation, cycle, who is at the keyboard.
    title_bar,
    /// A tab title.
    tab,
    /// The current tab's title.
    tab_active,
    /// Pane borders.
    border,
    /// The border of the pane that has the focus.
    border_focus,
    /// Patched over the selected row, whose parts set their own colours: set a
    /// bg and/or modifiers (a fg would be hidden by the parts' own).
    selected,
    /// Bar cells of a finished goal (bg).
    done,
    /// Bar cells of a goal on schedule (bg).
    on_track,
    /// Bar cells of a goal behind schedule (bg).
    behind,
    /// The unfilled rest of a bar (bg).
    bar_empty,
    /// A breakdown proposal not yet adopted.
    pending,
    /// A declined proposal.
    declined,
    /// Warnings and status marks such as overdue.
    warning,
    /// Error messages.
    error,
    /// Confirmations such as "saved".
    success,
    /// A key's name in hints and help.
    key,
    /// What the key does, in hints and help.
    key_desc,
    /// Popups and the help overlay.
    popup,
}

/// A theme file that cannot be used. `Syntax` carries the TOML parser's message.
#[derive(Debug, thiserror::Error)]
// Developers read the debug form; users read the messages.
#[error("{self:?}")]
pub enum ThemeError {
    Read { path: PathBuf, error: io::Error },
    Syntax { path: PathBuf, location: Location, message: String },
    Invalid { path: PathBuf, location: Location, key: String, problem: ThemeProblem },
    Unknown { name: String, available: Vec<String> },
}

/// What is wrong in a theme file. A suggestion is the known name a misspelt one
/// most likely stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ThemeProblem {
    WrongType(WrongType),
    /// A top-level key other than name, extends and styles.
    UnknownKey {
        suggestion: Option<&'static str>,
    },
    NotBuiltIn {
        name: String,
        builtin: Vec<&'static str>,
    },
    UnknownStyle {
        suggestion: Option<&'static str>,
    },
    /// Styles a theme without `extends` leaves undefined.
    MissingStyles(Vec<&'static str>),
    UnknownColour(String),
    UnknownModifier {
        word: String,
        suggestion: Option<&'static str>,
    },
    /// A key of a style other than fg, bg and modifiers.
    UnknownStyleField {
        suggestion: Option<&'static str>,
    },
}

/// Whether `NO_COLOR` asks for no colour: set and not empty (<https://no-color.org>).
pub fn no_color(value: Option<&OsStr>) -> bool {
    value.is_some_and(|value| !value.is_empty())
}

/// Whether `name` can name a theme file: not empty, no folder, no leading dot.
pub fn is_theme_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\', ':'])
        && !name.chars().any(char::is_control)
        && name.trim() == name
}

impl Theme {
    /// No colour at all: what `pdca show` prints and what `NO_COLOR` asks for.
    pub fn plain() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let reversed = Style::new().add_modifier(Modifier::REVERSED);
        Theme {
            text: Style::new(),
            dim: Style::new(),
            header: bold,
            title_bar: reversed,
            tab: Style::new(),
            tab_active: reversed.add_modifier(Modifier::BOLD),
            border: Style::new(),
            border_focus: bold,
            selected: reversed,
            done: Style::new(),
            on_track: Style::new(),
            behind: Style::new(),
            bar_empty: Style::new(),
            pending: Style::new(),
            declined: Style::new(),
            warning: bold,
            error: bold,
            success: Style::new(),
            key: bold,
            key_desc: Style::new(),
            popup: Style::new(),
            plain: true,
            ascii: false,
        }
    }

    /// The built-in dark theme.
    pub fn dark() -> Theme {
        Theme::builtin("dark").expect("the dark theme is built in")
    }

    /// The names of the built-in themes.
    pub fn builtin_names() -> impl Iterator<Item = &'static str> {
        BUILTIN.iter().map(|(name, _)| *name)
    }

    /// A built-in theme by name. (Every built-in file is checked by the tests.)
    pub fn builtin(name: &str) -> Option<Theme> {
        let (name, text) = BUILTIN.iter().find(|(builtin, _)| *builtin == name)?;
        let path = builtin_path(name);
        Some(Theme::parse(text, &path).unwrap_or_else(|error| panic!("built-in theme: {error}")))
    }

    /// The theme called `name`: `<user_themes_dir>/<name>.toml` when there is
    /// such a file, else the built-in one.
    pub fn load(name: &str, user_themes_dir: Option<&Path>) -> Result<Theme, ThemeError> {
        let unknown = || ThemeError::Unknown { name: name.to_string(), available: Theme::available(user_themes_dir) };
        if !is_theme_name(name) {
            return Err(unknown());
        }
        if let Some(dir) = user_themes_dir {
            let path = dir.join(format!("{name}.toml"));
            match std::fs::read_to_string(&path) {
                Ok(text) => return Theme::parse(&text, &path),
                Err(error) if error.kind() == io::ErrorKind::NotFound => {}
                Err(error) => return Err(ThemeError::Read { path, error }),
            }
        }
        Theme::builtin(name).ok_or_else(unknown)
    }

    /// [`Theme::load`], or [`Theme::plain`] when `no_color_value` (the value of
    /// `NO_COLOR`) asks for no colour; then the theme is not even read.
    pub fn choose(
        name: &str,
        user_themes_dir: Option<&Path>,
        no_color_value: Option<&OsStr>,
    ) -> Result<Theme, ThemeError> {
        if no_color(no_color_value) { Ok(Theme::plain()) } else { Theme::load(name, user_themes_dir) }
    }

    /// [`Theme::choose`] with this process's `NO_COLOR`.
    pub fn for_terminal(name: &str, user_themes_dir: Option<&Path>) -> Result<Theme, ThemeError> {
        Theme::choose(name, user_themes_dir, std::env::var_os("NO_COLOR").as_deref())
    }

    /// Every theme name that [`Theme::load`] accepts, sorted: the built-ins and
    /// the `*.toml` files in `user_themes_dir`.
    pub fn available(user_themes_dir: Option<&Path>) -> Vec<String> {
        let mut names: Vec<String> = Theme::builtin_names().map(str::to_string).collect();
        if let Some(entries) = user_themes_dir.and_then(|dir| std::fs::read_dir(dir).ok()) {
            for entry in entries.flatten() {
                let path = entry.path();
                if path.extension() != Some(OsStr::new("toml")) {
                    continue;
                }
                if let Some(stem) = path.file_stem().and_then(OsStr::to_str).filter(|stem| is_theme_name(stem)) {
                    names.push(stem.to_string());
                }
            }
        }
        names.sort();
        names.dedup();
        names
    }

    /// Reads the text of a theme file; `path` names it in messages.
    pub fn parse(text: &str, path: &Path) -> Result<Theme, ThemeError> {
        let invalid = |span: std::ops::Range<usize>, key: &str, problem: ThemeProblem| ThemeError::Invalid {
            path: path.to_path_buf(),
            location: Location::at(text, span.start),
            key: key.to_string(),
            problem,
        };
        let document = parse_document(text).map_err(|(location, message)| ThemeError::Syntax {
            path: path.to_path_buf(),
            location,
            message,
        })?;
        let mut extends = None;
        let mut styles = None;
        for (key, value) in entries_in_file_order(document.get_ref()) {
            let name = key.get_ref().as_ref();
            match name {
                "name" => {
                    string(value).map_err(|wrong| invalid(value.span(), name, ThemeProblem::WrongType(wrong)))?;
                }
                "extends" => extends = Some(value),
                "styles" => styles = Some(value),
                other => {
                    let suggestion = did_you_mean(other, &["name", "extends", "styles"]);
                    return Err(invalid(key.span(), &quote_key(other), ThemeProblem::UnknownKey { suggestion }));
                }
            }
        }
        let mut theme = match extends {
            Some(value) => {
                let base =
                    string(value).map_err(|wrong| invalid(value.span(), "extends", ThemeProblem::WrongType(wrong)))?;
                Theme::builtin(&base).ok_or_else(|| {
                    let builtin = Theme::builtin_names().collect();
                    invalid(value.span(), "extends", ThemeProblem::NotBuiltIn { name: base, builtin })
                })?
            }
            None => Theme::blank(),
        };
        let mut defined: Vec<&str> = Vec::new();
        if let Some(value) = styles {
            let DeValue::Table(table) = value.get_ref() else {
                let wrong = WrongType::of(Expected::StyleTable, value);
                return Err(invalid(value.span(), "styles", ThemeProblem::WrongType(wrong)));
            };
            for (key, style) in entries_in_file_order(table) {
                let name = key.get_ref().as_ref();
                let key_path = format!("styles.{}", quote_key(name));
                let Some(slot) = theme.style_mut(name) else {
                    let suggestion = did_you_mean(name, STYLE_KEYS);
                    return Err(invalid(key.span(), &key_path, ThemeProblem::UnknownStyle { suggestion }));
                };
                *slot = parse_style(style, &key_path).map_err(|(span, key, problem)| invalid(span, &key, problem))?;
                defined.push(name);
            }
        }
        if extends.is_none() {
            let missing: Vec<&str> = STYLE_KEYS.iter().filter(|key| !defined.contains(key)).copied().collect();
            if !missing.is_empty() {
                let span = styles.map_or(0..0, |value| value.span());
                return Err(invalid(span, "styles", ThemeProblem::MissingStyles(missing)));
            }
        }
        Ok(theme)
    }
}

fn builtin_path(name: &str) -> PathBuf {
    PathBuf::from(format!("themes/{name}.toml"))
}

type FieldError = (std::ops::Range<usize>, String, ThemeProblem);

fn parse_style(value: &Spanned<DeValue<'_>>, key_path: &str) -> Result<Style, FieldError> {
    let DeValue::Table(table) = value.get_ref() else {
        let wrong = WrongType::of(Expected::Style, value);
        return Err((value.span(), key_path.to_string(), ThemeProblem::WrongType(wrong)));
    };
    let mut style = Style::new();
    for (key, field) in entries_in_file_order(table) {
        let name = key.get_ref().as_ref();
        let field_path = format!("{key_path}.{}", quote_key(name));
        let fail = |span, problem: ThemeProblem| (span, field_path.clone(), problem);
        match name {
            "fg" | "bg" => {
                let text = string(field).map_err(|wrong| fail(field.span(), ThemeProblem::WrongType(wrong)))?;
                let colour =
                    parse_colour(&text).ok_or_else(|| fail(field.span(), ThemeProblem::UnknownColour(text.clone())))?;
                style = if name == "fg" { style.fg(colour) } else { style.bg(colour) };
            }
            "modifiers" => {
                let DeValue::Array(items) = field.get_ref() else {
                    let wrong = WrongType::of(Expected::ModifierList, field);
                    return Err(fail(field.span(), ThemeProblem::WrongType(wrong)));
                };
                for (index, item) in items.iter().enumerate() {
                    let item_path = format!("{field_path}[{index}]");
                    let word = string(item)
                        .map_err(|wrong| (item.span(), item_path.clone(), ThemeProblem::WrongType(wrong)))?;
                    let modifier = parse_modifier(&word).ok_or_else(|| {
                        let suggestion = did_you_mean(&word, &MODIFIER_NAMES);
                        (
                            item.span(),
                            item_path.clone(),
                            ThemeProblem::UnknownModifier { word: word.clone(), suggestion },
                        )
                    })?;
                    style = style.add_modifier(modifier);
                }
            }
            other => {
                let suggestion = did_you_mean(other, &["fg", "bg", "modifiers"]);
                return Err(fail(key.span(), ThemeProblem::UnknownStyleField { suggestion }));
            }
        }
    }
    Ok(style)
}

/// The modifiers a style may name, as theme files write them.
pub const MODIFIER_NAMES: [&str; 6] = ["bold", "italic", "reversed", "underlined", "dim", "crossed_out"];

fn parse_modifier(word: &str) -> Option<Modifier> {
    Some(match word {
        "bold" => Modifier::BOLD,
        "italic" => Modifier::ITALIC,
        "reversed" => Modifier::REVERSED,
        "underlined" => Modifier::UNDERLINED,
        "dim" => Modifier::DIM,
        "crossed_out" => Modifier::CROSSED_OUT,
        _ => return None,
    })
}

/// A colour name (`gray`, `light_blue`, `reset`; case, `-`, `_` and spaces do
/// not matter), `#rrggbb`, or `indexed:N` for N in 0..=255.
pub fn parse_colour(text: &str) -> Option<Color> {
    let text = text.trim();
    if let Some(hex) = text.strip_prefix('#') {
        if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |at: usize| u8::from_str_radix(&hex[at..at + 2], 16).ok();
        return Some(Color::Rgb(channel(0)?, channel(2)?, channel(4)?));
    }
    let name: String = text.chars().filter(|c| !matches!(c, '-' | '_' | ' ')).map(|c| c.to_ascii_lowercase()).collect();
    if let Some(index) = name.strip_prefix("indexed:") {
        return index.parse::<u8>().ok().map(Color::Indexed);
    }
    Some(match name.as_str() {
        "reset" | "default" => Color::Reset,
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "darkgray" | "darkgrey" => Color::DarkGray,
        "lightred" => Color::LightRed,
        "lightgreen" => Color::LightGreen,
        "lightyellow" => Color::LightYellow,
        "lightblue" => Color::LightBlue,
        "lightmagenta" => Color::LightMagenta,
        "lightcyan" => Color::LightCyan,
        "white" => Color::White,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours() {
        assert_eq!(parse_colour("gray"), Some(Color::Gray));
        assert_eq!(parse_colour("Dark-Grey"), Some(Color::DarkGray));
        assert_eq!(parse_colour("light_blue"), Some(Color::LightBlue));
        assert_eq!(parse_colour("#12abEF"), Some(Color::Rgb(0x12, 0xab, 0xef)));
        assert_eq!(parse_colour("indexed:123"), Some(Color::Indexed(123)));
        assert_eq!(parse_colour("reset"), Some(Color::Reset));
        for bad in ["#12", "#12345g", "#1234567", "indexed:256", "indexed:", "grey50", "", "#ｆｆｆｆｆｆ"] {
            assert_eq!(parse_colour(bad), None, "{bad}");
        }
    }

    #[test]
    fn theme_names() {
        for good in ["dark", "high-contrast", "my_theme", "見やすい"] {
            assert!(is_theme_name(good), "{good}");
        }
        for bad in ["", "../dark", "a/b", "a\\b", ".hidden", " dark", "c:x"] {
            assert!(!is_theme_name(bad), "{bad}");
        }
    }

    #[test]
    fn style_keys_are_the_fields() {
        let theme = Theme::plain();
        assert_eq!(STYLE_KEYS.len(), 21);
        for key in STYLE_KEYS {
            assert!(theme.style(key).is_some(), "{key}");
        }
        assert_eq!(theme.style("selected"), Some(theme.selected));
        assert_eq!(theme.style("nope"), None);
    }

    #[test]
    fn plain_has_no_colour() {
        let theme = Theme::plain();
        for key in STYLE_KEYS {
            let style = theme.style(key).unwrap();
            assert_eq!((style.fg, style.bg), (None, None), "{key}");
        }
        assert!(theme.plain);
    }
}
