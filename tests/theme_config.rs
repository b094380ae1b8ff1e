//! Theme files, the config file and key specs, through the public API.

use std::ffi::OsStr;
use std::fs;
use std::path::Path;

use pdca::config::{Config, ConfigError, Location};
use pdca::keys::{KeyCombo, parse_key_spec};
use pdca::messages::{Lang, config_error, theme_error};
use pdca::theme::{STYLE_KEYS, Theme, ThemeError, no_color};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::style::{Color, Modifier, Style};

const BUILTIN: [&str; 4] = ["terminal", "dark", "light", "high-contrast"];

fn user_theme(dir: &Path, name: &str, text: &str) {
    fs::create_dir_all(dir).unwrap();
    fs::write(dir.join(format!("{name}.toml")), text).unwrap();
}

fn load_error(dir: &Path, name: &str, text: &str) -> String {
    user_theme(dir, name, text);
    let error = Theme::load(name, Some(dir)).unwrap_err();
    theme_error(&error, Lang::En)
}

#[test]
fn every_builtin_theme_parses_and_defines_every_style() {
    assert_eq!(Theme::builtin_names().collect::<Vec<_>>(), BUILTIN);
    let root = env!("CARGO_MANIFEST_DIR");
    for name in BUILTIN {
        let path = Path::new(root).join("themes").join(format!("{name}.toml"));
        let text = fs::read_to_string(&path).unwrap();
        assert!(!text.contains("extends"), "{name}: a built-in theme stands alone");
        assert!(text.contains(&format!("name = \"{name}\"")), "{name}: names itself");
        // Without `extends`, parsing fails unless every style is defined.
        let theme = Theme::parse(&text, &path).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(Theme::load(name, None).unwrap(), theme);
        assert!(!theme.plain);
        for key in STYLE_KEYS {
            let style = theme.style(key).unwrap();
            assert_ne!(style, Style::new(), "{name}: {key} is empty");
        }
    }
    assert_eq!(Theme::dark(), Theme::load("dark", None).unwrap());
}

#[test]
fn builtin_progress_bars_are_distinguishable() {
    for name in BUILTIN {
        let theme = Theme::builtin(name).unwrap();
        let fills = [theme.done, theme.on_track, theme.behind, theme.bar_empty];
        for (i, a) in fills.iter().enumerate() {
            assert!(a.bg.is_some(), "{name}: bar cells are bg-coloured");
            // fg = bg keeps a bar's colour in a row drawn reversed.
            assert_eq!(a.fg, a.bg, "{name}");
            for b in &fills[i + 1..] {
                assert_ne!(a.bg, b.bg, "{name}: two bar styles share a colour");
            }
        }
        let selected = theme.selected;
        assert!(
            selected.bg.is_some() || selected.add_modifier.contains(Modifier::REVERSED),
            "{name}: the selected row must show even where its parts set their own fg"
        );
    }
}

/// WCAG's contrast ratio of an sRGB colour against white and against black.
fn contrast_with_white_and_black(colour: Color) -> (f64, f64) {
    let Color::Rgb(r, g, b) = colour else { panic!("{colour:?} is not an RGB colour") };
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    let luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    (1.05 / (luminance + 0.05), (luminance + 0.05) / 0.05)
}

#[test]
fn the_default_theme_keeps_the_terminals_colours_and_its_accents_read_on_white_and_on_black() {
    assert_eq!(pdca::theme::DEFAULT_THEME, "terminal");
    let theme = Theme::builtin("terminal").unwrap();
    // The terminal's own foreground and background: no light grey on a white terminal.
    for style in [theme.text, theme.tab, theme.key_desc, theme.popup] {
        assert_eq!(style.fg, Some(Color::Reset), "{style:?}");
        assert!(matches!(style.bg, None | Some(Color::Reset)), "{style:?}");
    }
    assert_eq!(theme.selected.bg, None);
    assert!(theme.selected.add_modifier.contains(Modifier::REVERSED));
    // Every other text colour is drawn on the terminal's background, which may be either.
    for key in ["dim", "header", "border", "border_focus", "pending", "declined", "warning", "error", "success", "key"]
    {
        let style = theme.style(key).unwrap();
        assert_eq!(style.bg, None, "{key} is drawn on the terminal's background");
        let (on_white, on_black) = contrast_with_white_and_black(style.fg.unwrap());
        assert!(on_white >= 4.5 && on_black >= 4.5, "{key}: {on_white:.2}:1 on white, {on_black:.2}:1 on black");
    }
    // What brings its own background reads on it.
    for key in ["title_bar", "tab_active"] {
        let style = theme.style(key).unwrap();
        assert_eq!(style.fg, Some(Color::Rgb(0xff, 0xff, 0xff)));
        assert!(contrast_with_white_and_black(style.bg.unwrap()).0 >= 4.5, "{key}: white on its bg");
    }
}

#[test]
fn a_user_theme_extends_a_builtin_and_overrides_one_style() {
    let dir = tempfile::tempdir().unwrap();
    user_theme(
        dir.path(),
        "mine",
        "name = \"mine\"\nextends = \"light\"\n\n[styles]\nselected = { fg = \"black\", bg = \"#ffd75f\", modifiers = [\"bold\", \"underlined\"] }\n",
    );
    let theme = Theme::load("mine", Some(dir.path())).unwrap();
    let light = Theme::builtin("light").unwrap();
    assert_eq!(
        theme.selected,
        Style::new()
            .fg(Color::Black)
            .bg(Color::Rgb(0xff, 0xd7, 0x5f))
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    );
    assert_eq!(Theme { selected: light.selected, ..theme }, light);
}

#[test]
fn a_user_file_wins_over_a_builtin_of_the_same_name() {
    let dir = tempfile::tempdir().unwrap();
    user_theme(dir.path(), "dark", "extends = \"dark\"\n[styles]\ntext = { fg = \"indexed:250\" }\n");
    let theme = Theme::load("dark", Some(dir.path())).unwrap();
    assert_eq!(theme.text, Style::new().fg(Color::Indexed(250)));
    assert_eq!(Theme { text: Theme::dark().text, ..theme }, Theme::dark());
    // Built-ins still load when the user folder lacks the file or does not exist.
    assert_eq!(Theme::load("light", Some(dir.path())).unwrap(), Theme::builtin("light").unwrap());
    assert_eq!(Theme::load("light", Some(&dir.path().join("nowhere"))).unwrap(), Theme::builtin("light").unwrap());
}

#[test]
fn a_user_theme_without_extends_must_define_everything() {
    let dir = tempfile::tempdir().unwrap();
    let message = load_error(dir.path(), "short", "name = \"short\"\n[styles]\ntext = { fg = \"white\" }\n");
    let path = dir.path().join("short.toml");
    assert!(
        message.starts_with(&format!("{}:2:1: styles: missing styles: dim, header, title_bar,", path.display())),
        "{message}"
    );
    assert!(message.contains("extends = \"terminal\""), "{message}");
}

#[test]
fn theme_errors_name_the_file_the_key_and_the_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(format!("{name}.toml")).display().to_string();

    let message = load_error(dir.path(), "colour", "extends = \"dark\"\n[styles]\nselected = { bg = \"#12\" }\n");
    assert_eq!(
        message,
        format!(
            "{}:3:19: styles.selected.bg: unknown colour \"#12\" (use a name such as \"gray\" or \"light_blue\", \
             \"#rrggbb\", or \"indexed:0\" to \"indexed:255\")",
            path("colour")
        )
    );

    let message = load_error(dir.path(), "key", "extends = \"dark\"\n[styles]\nfoo = { fg = \"red\" }\n");
    assert_eq!(message, format!("{}:3:1: styles.foo: unknown style key", path("key")));

    let message = load_error(dir.path(), "typo", "extends = \"dark\"\n[styles]\nselcted = { fg = \"red\" }\n");
    assert_eq!(
        message,
        format!("{}:3:1: styles.selcted: unknown style key (did you mean \"selected\"?)", path("typo"))
    );

    let message = load_error(dir.path(), "field", "extends = \"dark\"\n[styles]\ntext = { colour = \"red\" }\n");
    assert_eq!(
        message,
        format!("{}:3:10: styles.text.colour: unknown key (a style has fg, bg and modifiers)", path("field"))
    );

    let message = load_error(
        dir.path(),
        "modifier",
        "extends = \"dark\"\n[styles]\ntext = { modifiers = [\"bold\", \"blod\"] }\n",
    );
    assert_eq!(
        message,
        format!(
            "{}:3:31: styles.text.modifiers[1]: unknown modifier \"blod\" (did you mean \"bold\"? use bold, italic, \
             reversed, underlined, dim, crossed_out)",
            path("modifier")
        )
    );

    let message = load_error(dir.path(), "shape", "extends = \"dark\"\n[styles]\ntext = \"red\"\n");
    assert!(message.starts_with(&format!("{}:3:8: styles.text: expected a table such as", path("shape"))), "{message}");

    let message = load_error(dir.path(), "base", "extends = \"solarized\"\n");
    assert_eq!(
        message,
        format!(
            "{}:1:11: extends: \"solarized\" is not a built-in theme (built-in: terminal, dark, light, high-contrast)",
            path("base")
        )
    );

    let message = load_error(dir.path(), "top", "extend = \"dark\"\n");
    assert_eq!(
        message,
        format!(
            "{}:1:1: extend: unknown key (did you mean \"extends\"?); a theme has name, extends and [styles]",
            path("top")
        )
    );
}

#[test]
fn theme_syntax_errors_give_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let text = "extends = \"dark\"\n[styles]\ntext = { fg = \"red\" \n";
    user_theme(dir.path(), "broken", text);
    let error = Theme::load("broken", Some(dir.path())).unwrap_err();
    let ThemeError::Syntax { path, location, message } = &error else { panic!("{error:?}") };
    assert_eq!(path, &dir.path().join("broken.toml"));
    assert_eq!(location.line, 3);
    assert!(!message.is_empty());
    let shown = theme_error(&error, Lang::En);
    assert!(shown.starts_with(&format!("{}:3:", dir.path().join("broken.toml").display())), "{shown}");
    assert!(!shown.contains('\n'), "one line: {shown}");
}

#[test]
fn an_unknown_theme_lists_the_available_ones() {
    let dir = tempfile::tempdir().unwrap();
    user_theme(dir.path(), "mine", "extends = \"dark\"\n");
    fs::write(dir.path().join("notes.txt"), "not a theme").unwrap();
    let message = theme_error(&Theme::load("drak", Some(dir.path())).unwrap_err(), Lang::En);
    assert_eq!(message, "unknown theme \"drak\"; available themes: dark, high-contrast, light, mine, terminal");
    let message = theme_error(&Theme::load("../etc/passwd", None).unwrap_err(), Lang::En);
    assert_eq!(message, "unknown theme \"../etc/passwd\"; available themes: dark, high-contrast, light, terminal");
}

#[test]
fn no_color_forces_the_plain_theme() {
    assert!(!no_color(None));
    assert!(!no_color(Some(OsStr::new(""))));
    assert!(no_color(Some(OsStr::new("1"))));
    assert!(no_color(Some(OsStr::new("0"))), "any non-empty value counts");
    assert_eq!(Theme::choose("light", None, Some(OsStr::new("1"))).unwrap(), Theme::plain());
    assert_eq!(Theme::choose("no-such-theme", None, Some(OsStr::new("yes"))).unwrap(), Theme::plain());
    assert_eq!(Theme::choose("light", None, Some(OsStr::new(""))).unwrap(), Theme::builtin("light").unwrap());
    assert_eq!(Theme::choose("light", None, None).unwrap(), Theme::builtin("light").unwrap());
}

// ---- config.toml ----

fn write_config(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("config.toml"), text).unwrap();
    dir
}

#[test]
fn a_missing_config_file_means_the_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config::load(dir.path()).unwrap();
    assert_eq!(config, Config { dir: Some(dir.path().to_path_buf()), ..Config::default() });
    assert_eq!(config.themes_dir(), Some(dir.path().join("themes")));
    // A config folder that does not exist at all is no error either.
    assert_eq!(Config::load(&dir.path().join("nowhere")).unwrap().me, None);
}

#[test]
fn a_full_config_file() {
    let dir = write_config(
        r#"
me = "P0005"
theme = "high-contrast"
lang = "en"
editor = "code --wait"

[keys]
quit = ["q", "ctrl-c"]
save = "ctrl-s"
help = "?"
"#,
    );
    let config = Config::load(dir.path()).unwrap();
    assert_eq!(config.me.as_deref(), Some("P0005"));
    assert_eq!(config.theme.as_deref(), Some("high-contrast"));
    assert_eq!(config.lang, Some(Lang::En));
    assert_eq!(config.editor.as_deref(), Some("code --wait"));
    assert_eq!(config.file, Some(dir.path().join("config.toml")));
    assert_eq!(config.keys["quit"].keys, vec![parse_key_spec("q").unwrap(), KeyCombo::ctrl('c')]);
    assert_eq!(config.keys["save"].keys, vec![KeyCombo::ctrl('s')]);
    assert_eq!(config.keys["help"].location, Location { line: 10, column: 1 });
    assert!(config.check_actions(&["quit", "save", "help"]).is_ok());
    let theme = Theme::load(config.theme.as_deref().unwrap(), config.themes_dir().as_deref()).unwrap();
    assert_eq!(theme, Theme::builtin("high-contrast").unwrap());
    assert_eq!(Config::load(write_config("lang = \"ja\"\n").path()).unwrap().lang, Some(Lang::Ja));
}

#[test]
fn unknown_config_keys_are_errors_naming_them() {
    let dir = write_config("me = \"P0005\"\nthme = \"light\"\nlanguage = \"en\"\n");
    let error = Config::load(dir.path()).unwrap_err();
    let path = dir.path().join("config.toml");
    assert!(matches!(&error, ConfigError::UnknownKeys { keys, .. } if keys.len() == 2), "{error:?}");
    assert_eq!(
        config_error(&error, Lang::En),
        format!(
            "{path}:2:1: thme: unknown key (did you mean \"theme\"?)\n\
             {path}:3:1: language: unknown key\n  known keys: me, theme, lang, editor, keys, date_style, borders",
            path = path.display()
        )
    );
}

#[test]
fn a_bad_language_is_an_error() {
    let dir = write_config("lang = \"fr\"\n");
    let message = config_error(&Config::load(dir.path()).unwrap_err(), Lang::En);
    assert_eq!(
        message,
        format!(
            "{}:1:8: lang: unknown language \"fr\" (use \"ja\" or \"en\")",
            dir.path().join("config.toml").display()
        )
    );
    let message = config_error(&Config::load(write_config("lang = 1\n").path()).unwrap_err(), Lang::En);
    assert!(message.ends_with(":1:8: lang: expected a string, found integer"), "{message}");
}

#[test]
fn config_syntax_errors_give_path_line_and_column() {
    let dir = write_config("me = \"P0005\"\ntheme = dark\n");
    let error = Config::load(dir.path()).unwrap_err();
    let ConfigError::Syntax { location, .. } = &error else { panic!("{error:?}") };
    assert_eq!(location.line, 2);
    let message = config_error(&error, Lang::En);
    assert!(message.starts_with(&format!("{}:2:", dir.path().join("config.toml").display())), "{message}");
}

#[test]
fn bad_key_specs_in_the_config_are_errors() {
    let dir = write_config("[keys]\nsave = \"ctrl-shift\"\n");
    let message = config_error(&Config::load(dir.path()).unwrap_err(), Lang::En);
    assert!(message.contains(":2:8: keys.save: key \"ctrl-shift\": not a key name"), "{message}");
}

// ---- key specs ----

fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new_with_kind(code, modifiers, KeyEventKind::Press)
}

#[test]
fn key_specs_round_trip_through_their_labels() {
    let cases = [
        ("ctrl-s", "Ctrl-S"),
        ("q", "q"),
        ("Q", "Q"),
        ("shift-q", "Q"),
        ("enter", "Enter"),
        ("esc", "Esc"),
        ("tab", "Tab"),
        ("backtab", "Shift-Tab"),
        ("shift-tab", "Shift-Tab"),
        ("f2", "F2"),
        ("space", "Space"),
        ("up", "Up"),
        ("pgdn", "PgDn"),
        ("alt-x", "Alt-X"),
        ("?", "?"),
        ("/", "/"),
        ("ctrl-shift-s", "Ctrl-Shift-S"),
    ];
    for (spec, label) in cases {
        let key = parse_key_spec(spec).unwrap();
        assert_eq!(key.to_string(), label, "{spec}");
        assert_eq!(parse_key_spec(label).unwrap(), key, "{label}");
        assert_eq!(label.parse::<KeyCombo>().unwrap(), key);
    }
}

#[test]
fn full_width_ime_input_matches_ascii_keys() {
    let q = parse_key_spec("q").unwrap();
    assert!(q.matches(&press(KeyCode::Char('ｑ'), KeyModifiers::NONE)));
    assert!(parse_key_spec("?").unwrap().matches(&press(KeyCode::Char('？'), KeyModifiers::NONE)));
    assert!(parse_key_spec("/").unwrap().matches(&press(KeyCode::Char('／'), KeyModifiers::NONE)));
    for (index, digit) in ('０'..='９').enumerate() {
        let key = parse_key_spec(&index.to_string()).unwrap();
        assert!(key.matches(&press(KeyCode::Char(digit), KeyModifiers::NONE)), "{digit}");
    }
    let big_q = parse_key_spec("Q").unwrap();
    assert!(big_q.matches(&press(KeyCode::Char('Q'), KeyModifiers::SHIFT)));
    assert!(big_q.matches(&press(KeyCode::Char('Ｑ'), KeyModifiers::SHIFT)));
    assert!(!q.matches(&press(KeyCode::Char('Q'), KeyModifiers::SHIFT)));
    assert!(!big_q.matches(&press(KeyCode::Char('q'), KeyModifiers::NONE)));
}
