//! Key combinations: parsed from the config file's `[keys]` table, shown in
//! the hint bar and the help overlay, and matched against terminal key events.
//!
//! A [`KeyCombo`] is kept in a normal form, so that one key has one value
//! whatever the terminal reports and however the user spells it:
//! - a character without Ctrl or Alt carries Shift in the character itself
//!   (`Q`, `?`), never as a modifier: `"shift-q"` is `"Q"`;
//! - a letter with Ctrl or Alt is lower case, with Shift as a modifier:
//!   `"ctrl-S"` is `"ctrl-s"`, and Ctrl-Shift-S is `"ctrl-shift-s"`;
//! - Shift-Tab is [`KeyCode::BackTab`] without a modifier;
//! - full-width characters typed with a Japanese IME switched on count as
//!   their ASCII counterparts (`ｑ` is `q`, `？` is `?`, `／` and `・` are `/`).

use std::fmt;
use std::str::FromStr;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One key with its modifiers, in normal form (see the module documentation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KeyCombo {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

/// A key spec that could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
// Developers read the debug form; users read the messages.
#[error("{self:?}")]
pub struct KeyError {
    pub spec: String,
    pub problem: KeyProblem,
}

/// What is wrong with a key spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyProblem {
    Empty,
    UnknownModifier(String),
    ModifierTwice(String),
    /// Shift with a character that is not a letter, e.g. `shift-/`.
    ShiftWithSymbol(char),
    ControlCharacter,
    NoFunctionKey(u8),
    UnknownName,
}

/// Named keys: every accepted spelling (lower case) and the key.
const NAMED_KEYS: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("return", KeyCode::Enter),
    ("ret", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("escape", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("bs", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("del", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("ins", KeyCode::Insert),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pgup", KeyCode::PageUp),
    ("pageup", KeyCode::PageUp),
    ("pgdn", KeyCode::PageDown),
    ("pgdown", KeyCode::PageDown),
    ("pagedown", KeyCode::PageDown),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("space", KeyCode::Char(' ')),
    ("spc", KeyCode::Char(' ')),
    ("minus", KeyCode::Char('-')),
    ("plus", KeyCode::Char('+')),
];

impl KeyCombo {
    /// A key with modifiers, brought into normal form.
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> KeyCombo {
        normalise(code, modifiers)
    }

    /// A key without modifiers (a character's case is kept: `'Q'` is Shift-q).
    pub fn key(code: KeyCode) -> KeyCombo {
        KeyCombo::new(code, KeyModifiers::NONE)
    }

    /// Ctrl and a character, e.g. `KeyCombo::ctrl('s')`.
    pub fn ctrl(c: char) -> KeyCombo {
        KeyCombo::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    /// The key an event stands for, in normal form: use it to look an event up
    /// in a map of bindings.
    pub fn from_event(event: &KeyEvent) -> KeyCombo {
        KeyCombo::new(event.code, event.modifiers)
    }

    /// Whether `event` is this key. Callers handle only `KeyEventKind::Press`.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        KeyCombo::from_event(event) == *self
    }
}

impl From<KeyEvent> for KeyCombo {
    fn from(event: KeyEvent) -> KeyCombo {
        KeyCombo::from_event(&event)
    }
}

/// The ASCII key a Japanese IME's full-width character stands for: full-width
/// ASCII (U+FF01..U+FF5E), the ideographic space, and the punctuation a JIS
/// layout produces in kana mode for `/ , . - [ ] \`.
pub fn fold_full_width(c: char) -> char {
    match c {
        '・' => '/',
        '、' => ',',
        '。' => '.',
        'ー' => '-',
        '「' => '[',
        '」' => ']',
        '￥' => '\\',
        _ => crate::model::input::fold_full_width(c),
    }
}

fn normalise(code: KeyCode, modifiers: KeyModifiers) -> KeyCombo {
    let mut modifiers = modifiers;
    if modifiers.contains(KeyModifiers::META) {
        modifiers.remove(KeyModifiers::META);
        modifiers.insert(KeyModifiers::ALT);
    }
    let shift = modifiers.contains(KeyModifiers::SHIFT);
    let chord = modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    let code = match code {
        KeyCode::Char(c) => {
            let c = fold_full_width(c);
            modifiers.remove(KeyModifiers::SHIFT);
            if chord {
                if c.is_uppercase() || (shift && c.is_lowercase()) {
                    modifiers.insert(KeyModifiers::SHIFT);
                }
                KeyCode::Char(to_lower(c))
            } else if shift {
                KeyCode::Char(to_upper(c))
            } else {
                KeyCode::Char(c)
            }
        }
        KeyCode::BackTab => {
            modifiers.remove(KeyModifiers::SHIFT);
            KeyCode::BackTab
        }
        KeyCode::Tab if shift => {
            modifiers.remove(KeyModifiers::SHIFT);
            KeyCode::BackTab
        }
        other => other,
    };
    KeyCombo { code, modifiers }
}

/// One-character case mapping; a character whose mapping is longer stays.
fn to_upper(c: char) -> char {
    let mut upper = c.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(u), None) => u,
        _ => c,
    }
}

fn to_lower(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Reads a key spec: optional modifiers (`ctrl-`, `alt-`, `shift-`; `+` also
/// separates them), then a key name (`enter`, `esc`, `tab`, `backtab`,
/// `backspace`, `delete`, `insert`, `home`, `end`, `pgup`, `pgdn`, `up`,
/// `down`, `left`, `right`, `space`, `f1`..`f24`; any case) or one character
/// (case matters: `Q` is Shift-q).
pub fn parse_key_spec(spec: &str) -> Result<KeyCombo, KeyError> {
    let error = |problem: KeyProblem| KeyError { spec: spec.to_string(), problem };
    let trimmed = spec.trim();
    if trimmed.is_empty() {
        return Err(error(KeyProblem::Empty));
    }
    let mut modifiers = KeyModifiers::NONE;
    let mut rest = trimmed;
    // A separator at position 0 is the key itself ("-", "+").
    while let Some(at) = rest.char_indices().skip(1).find(|&(_, c)| c == '-' || c == '+').map(|(at, _)| at) {
        let (word, tail) = (&rest[..at], &rest[at + 1..]);
        if tail.is_empty() {
            break;
        }
        let modifier = match word.to_ascii_lowercase().as_str() {
            "ctrl" | "control" => KeyModifiers::CONTROL,
            "alt" | "meta" | "option" => KeyModifiers::ALT,
            "shift" => KeyModifiers::SHIFT,
            _ => {
                if word.chars().count() > 1 && word.chars().all(|c| c.is_ascii_alphabetic()) {
                    return Err(error(KeyProblem::UnknownModifier(word.to_string())));
                }
                break;
            }
        };
        if modifiers.contains(modifier) {
            return Err(error(KeyProblem::ModifierTwice(word.to_string())));
        }
        modifiers.insert(modifier);
        rest = tail;
    }
    let mut code = parse_key_name(rest).map_err(error)?;
    if let KeyCode::Char(c) = code {
        let c = fold_full_width(c);
        let chord = modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if modifiers.contains(KeyModifiers::SHIFT) && !chord && !c.is_alphabetic() {
            return Err(error(KeyProblem::ShiftWithSymbol(c)));
        }
        // With Ctrl or Alt a letter's case does not say Shift ("Ctrl-S" is Ctrl and s);
        // write "ctrl-shift-s" for that.
        code = KeyCode::Char(if chord { to_lower(c) } else { c });
    }
    Ok(KeyCombo::new(code, modifiers))
}

fn parse_key_name(name: &str) -> Result<KeyCode, KeyProblem> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_control() {
            return Err(KeyProblem::ControlCharacter);
        }
        return Ok(KeyCode::Char(c));
    }
    let lower = name.to_ascii_lowercase();
    if let Some(&(_, code)) = NAMED_KEYS.iter().find(|(spelling, _)| *spelling == lower) {
        return Ok(code);
    }
    if let Some(number) = lower.strip_prefix('f').and_then(|digits| digits.parse::<u8>().ok()) {
        if (1..=24).contains(&number) {
            return Ok(KeyCode::F(number));
        }
        return Err(KeyProblem::NoFunctionKey(number));
    }
    Err(KeyProblem::UnknownName)
}

impl FromStr for KeyCombo {
    type Err = KeyError;

    fn from_str(spec: &str) -> Result<KeyCombo, KeyError> {
        parse_key_spec(spec)
    }
}

/// A short label for hints and help: `Ctrl-S`, `Enter`, `Shift-Tab`, `q`, `?`.
/// It reads back with [`parse_key_spec`] to the same key.
impl fmt::Display for KeyCombo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let modifiers = self.modifiers;
        if modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if modifiers.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if modifiers.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        // Not readable from a spec, but shown rather than hidden.
        if modifiers.contains(KeyModifiers::SUPER) {
            f.write_str("Super-")?;
        }
        if modifiers.contains(KeyModifiers::HYPER) {
            f.write_str("Hyper-")?;
        }
        let chord = modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) if chord => write!(f, "{}", to_upper(c)),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Delete"),
            KeyCode::Insert => f.write_str("Insert"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Up => f.write_str("Up"),
            KeyCode::Down => f.write_str("Down"),
            KeyCode::Left => f.write_str("Left"),
            KeyCode::Right => f.write_str("Right"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventKind;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new_with_kind(code, modifiers, KeyEventKind::Press)
    }

    fn spec(text: &str) -> KeyCombo {
        parse_key_spec(text).unwrap_or_else(|error| panic!("{error}"))
    }

    #[test]
    fn names_and_characters() {
        assert_eq!(spec("q"), KeyCombo { code: KeyCode::Char('q'), modifiers: KeyModifiers::NONE });
        assert_eq!(spec("Q"), KeyCombo { code: KeyCode::Char('Q'), modifiers: KeyModifiers::NONE });
        assert_eq!(spec("shift-q"), spec("Q"));
        assert_eq!(spec("ctrl-s"), KeyCombo { code: KeyCode::Char('s'), modifiers: KeyModifiers::CONTROL });
        assert_eq!(spec("Ctrl-S"), spec("ctrl-s"));
        assert_eq!(spec("ctrl+s"), spec("ctrl-s"));
        assert_eq!(spec("alt-X"), spec("alt-x"));
        assert_eq!(spec("ctrl-shift-s").modifiers, KeyModifiers::CONTROL | KeyModifiers::SHIFT);
        assert_eq!(spec("ENTER").code, KeyCode::Enter);
        assert_eq!(spec("return").code, KeyCode::Enter);
        assert_eq!(spec("esc").code, KeyCode::Esc);
        assert_eq!(spec("shift-tab"), spec("backtab"));
        assert_eq!(spec("backtab").modifiers, KeyModifiers::NONE);
        assert_eq!(spec("f2").code, KeyCode::F(2));
        assert_eq!(spec("space").code, KeyCode::Char(' '));
        assert_eq!(spec("pgdn").code, KeyCode::PageDown);
        assert_eq!(spec("alt-x"), KeyCombo { code: KeyCode::Char('x'), modifiers: KeyModifiers::ALT });
        assert_eq!(spec("?").code, KeyCode::Char('?'));
        assert_eq!(spec("/").code, KeyCode::Char('/'));
        assert_eq!(spec("-").code, KeyCode::Char('-'));
        assert_eq!(spec("+").code, KeyCode::Char('+'));
        assert_eq!(spec("ctrl--"), KeyCombo { code: KeyCode::Char('-'), modifiers: KeyModifiers::CONTROL });
        assert_eq!(spec("ctrl-+").code, KeyCode::Char('+'));
        assert_eq!(spec("ｑ"), spec("q"));
    }

    #[test]
    fn bad_specs_say_why() {
        let problem = |text: &str| parse_key_spec(text).unwrap_err().problem;
        assert_eq!(
            parse_key_spec("entr").unwrap_err(),
            KeyError { spec: "entr".into(), problem: KeyProblem::UnknownName }
        );
        assert_eq!(problem(""), KeyProblem::Empty);
        assert_eq!(problem("\t"), KeyProblem::Empty);
        assert_eq!(problem("hyper-x"), KeyProblem::UnknownModifier("hyper".into()));
        assert_eq!(problem("ctrl-ctrl-x"), KeyProblem::ModifierTwice("ctrl".into()));
        assert_eq!(problem("f30"), KeyProblem::NoFunctionKey(30));
        assert_eq!(problem("shift-/"), KeyProblem::ShiftWithSymbol('/'));
        assert_eq!(problem("ctrl-"), KeyProblem::UnknownName);
        assert_eq!(problem("\u{7}"), KeyProblem::ControlCharacter);
    }

    #[test]
    fn labels() {
        let label = |text: &str| spec(text).to_string();
        assert_eq!(label("ctrl-s"), "Ctrl-S");
        assert_eq!(label("enter"), "Enter");
        assert_eq!(label("q"), "q");
        assert_eq!(label("Q"), "Q");
        assert_eq!(label("?"), "?");
        assert_eq!(label("shift-tab"), "Shift-Tab");
        assert_eq!(label("pgdn"), "PgDn");
        assert_eq!(label("alt-x"), "Alt-X");
        assert_eq!(label("ctrl-shift-s"), "Ctrl-Shift-S");
        assert_eq!(label("space"), "Space");
        assert_eq!(label("f2"), "F2");
        assert_eq!(label("ctrl--"), "Ctrl--");
    }

    #[test]
    fn labels_read_back() {
        let specs = [
            "q",
            "Q",
            "?",
            "/",
            "-",
            "+",
            "ctrl-s",
            "ctrl-shift-s",
            "alt-x",
            "alt-X",
            "enter",
            "esc",
            "tab",
            "backtab",
            "shift-tab",
            "backspace",
            "delete",
            "insert",
            "home",
            "end",
            "pgup",
            "pgdn",
            "up",
            "down",
            "left",
            "right",
            "space",
            "ctrl-space",
            "f1",
            "f12",
            "shift-f5",
            "ctrl-up",
            "ctrl--",
            "ctrl-+",
            "ä",
            "ctrl-shift-tab",
            "ctrl-ä",
            "ctrl-Ä",
            "目",
        ];
        for text in specs {
            let key = spec(text);
            assert_eq!(spec(&key.to_string()), key, "{text} -> {key}");
        }
    }

    #[test]
    fn matching_terminal_events() {
        assert!(spec("q").matches(&press(KeyCode::Char('q'), KeyModifiers::NONE)));
        assert!(!spec("q").matches(&press(KeyCode::Char('Q'), KeyModifiers::SHIFT)));
        assert!(!spec("q").matches(&press(KeyCode::Char('q'), KeyModifiers::CONTROL)));
        // Shifted letters come as upper case, with or without SHIFT, or as lower case with SHIFT.
        for event in [
            press(KeyCode::Char('Q'), KeyModifiers::SHIFT),
            press(KeyCode::Char('Q'), KeyModifiers::NONE),
            press(KeyCode::Char('q'), KeyModifiers::SHIFT),
        ] {
            assert!(spec("Q").matches(&event), "{event:?}");
        }
        // Shifted symbols may or may not carry SHIFT (Windows reports it).
        assert!(spec("?").matches(&press(KeyCode::Char('?'), KeyModifiers::SHIFT)));
        assert!(spec("?").matches(&press(KeyCode::Char('?'), KeyModifiers::NONE)));
        assert!(spec("ctrl-s").matches(&press(KeyCode::Char('s'), KeyModifiers::CONTROL)));
        assert!(!spec("ctrl-s").matches(&press(KeyCode::Char('S'), KeyModifiers::CONTROL | KeyModifiers::SHIFT)));
        assert!(spec("ctrl-shift-s").matches(&press(KeyCode::Char('S'), KeyModifiers::CONTROL | KeyModifiers::SHIFT)));
        assert!(spec("alt-x").matches(&press(KeyCode::Char('x'), KeyModifiers::META)));
        assert!(spec("shift-tab").matches(&press(KeyCode::BackTab, KeyModifiers::SHIFT)));
        assert!(spec("shift-tab").matches(&press(KeyCode::Tab, KeyModifiers::SHIFT)));
        assert!(!spec("tab").matches(&press(KeyCode::BackTab, KeyModifiers::SHIFT)));
        assert!(spec("shift-up").matches(&press(KeyCode::Up, KeyModifiers::SHIFT)));
        assert!(!spec("up").matches(&press(KeyCode::Up, KeyModifiers::SHIFT)));
        assert!(!spec("q").matches(&press(KeyCode::Char('q'), KeyModifiers::SUPER)));
        assert!(spec("ctrl-shift-tab").matches(&press(KeyCode::BackTab, KeyModifiers::CONTROL | KeyModifiers::SHIFT)));
    }

    #[test]
    fn full_width_input_from_an_ime() {
        let cases = [
            ('ｑ', "q"),
            ('Ｑ', "Q"),
            ('？', "?"),
            ('／', "/"),
            ('・', "/"),
            ('０', "0"),
            ('５', "5"),
            ('９', "9"),
            ('　', "space"),
            ('ｊ', "j"),
            ('ｋ', "k"),
            ('ー', "-"),
        ];
        for (typed, key) in cases {
            assert!(spec(key).matches(&press(KeyCode::Char(typed), KeyModifiers::NONE)), "{typed} -> {key}");
        }
        assert!(spec("?").matches(&press(KeyCode::Char('？'), KeyModifiers::SHIFT)));
        assert!(spec("Q").matches(&press(KeyCode::Char('ｑ'), KeyModifiers::SHIFT)));
        assert!(!spec("q").matches(&press(KeyCode::Char('Ｑ'), KeyModifiers::NONE)));
        assert!(!spec("q").matches(&press(KeyCode::Char('た'), KeyModifiers::NONE)));
        for digit in '０'..='９' {
            let ascii = char::from_u32(u32::from(digit) - 0xFEE0).unwrap();
            assert_eq!(fold_full_width(digit), ascii);
            assert!(ascii.is_ascii_digit());
        }
    }

    #[test]
    fn combos_work_as_map_keys() {
        let mut map = crate::model::hash::HashMap::default();
        map.insert(spec("Q"), "quit");
        assert_eq!(map.get(&KeyCombo::from(press(KeyCode::Char('ｑ'), KeyModifiers::SHIFT))), Some(&"quit"));
        assert_eq!(KeyCombo::ctrl('S'), spec("ctrl-shift-s"));
        assert_eq!(KeyCombo::key(KeyCode::Char('Q')), spec("Q"));
    }
}
