//! Text measured in terminal cells, not characters: Japanese characters take two
//! cells; and text from data files made safe to print. Shared by the app's drawing
//! and every command that prints data.

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

use crate::model::inert::{is_steering, steering_characters};

/// What stands for a character that must not reach the terminal.
const REPLACEMENT: char = '?';
/// Marks text cut to fit; ASCII, so its width is the same in every terminal.
const ELLIPSIS: &str = "..";

/// Text from the data made inert for a terminal, its line breaks and tabs kept:
/// every character that could steer the terminal or the reading order (escape and
/// OSC sequences, C0 and C1 controls, bidi overrides and isolates: see
/// [`is_steering`]) stands as `?`. What the command line prints goes through this.
pub fn inert(text: &str) -> Cow<'_, str> {
    sanitise(text, false)
}

/// One line of inert text: as [`inert`], with line breaks and tabs turned into spaces.
pub fn single_line(text: &str) -> Cow<'_, str> {
    sanitise(text, true)
}

/// The one sanitiser of text from data; `one_line` turns line breaks and tabs
/// into spaces instead of keeping them.
fn sanitise(text: &str, one_line: bool) -> Cow<'_, str> {
    let keeps = |c: char| matches!(c, '\n' | '\t') && !one_line;
    if !steering_characters(text).any(|c| !keeps(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                c if keeps(c) => c,
                '\n' | '\r' | '\t' if one_line => ' ',
                c if is_steering(c) => REPLACEMENT,
                c => c,
            })
            .collect(),
    )
}

pub fn width(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Cuts `text` to at most `max` cells, never splitting a wide character, and marks the cut.
pub fn fit(text: &str, max: usize) -> Cow<'_, str> {
    fit_measured(text, max).0
}

/// [`fit`], with the cells the result takes.
fn fit_measured(text: &str, max: usize) -> (Cow<'_, str>, usize) {
    let cells = width(text);
    if cells <= max {
        return (Cow::Borrowed(text), cells);
    }
    let room = max.saturating_sub(ELLIPSIS.len());
    let mut used = 0;
    let mut cut = String::new();
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        cut.push(c);
    }
    if max >= ELLIPSIS.len() {
        cut.push_str(ELLIPSIS);
        used += ELLIPSIS.len();
    }
    (Cow::Owned(cut), used)
}

/// A figure in whole percent, exactly as `format!("{value:.0}%")` prints it (halves
/// to even): without the exact decimal expansion, a tenth of drawing a city's tree.
pub fn percent(value: f64) -> String {
    Percent(value).to_string()
}

/// A figure as [`percent`] writes it, for writing into text of one's own (width
/// and fill of the format are not applied: pad it with [`push_padded`]).
pub struct Percent(pub f64);

impl std::fmt::Display for Percent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let value = self.0;
        // Below 2^53 every whole number is exact, and rounding the value to the
        // nearest whole, halves to even, is what the exact expansion rounds to.
        if value.is_sign_positive() && value < 9_007_199_254_740_992.0 {
            return write!(f, "{}%", value.round_ties_even() as u64);
        }
        write!(f, "{value:.0}%")
    }
}

/// `text` cut or padded with spaces to exactly `cells` cells.
pub fn pad(text: &str, cells: usize) -> String {
    padded(text, cells, false)
}

/// `text` cut or padded on the left to exactly `cells` cells.
pub fn pad_left(text: &str, cells: usize) -> String {
    padded(text, cells, true)
}

/// `text` fitted to `cells` cells, the spaces that make up the rest before it or after.
fn padded(text: &str, cells: usize, spaces_first: bool) -> String {
    let mut padded = String::with_capacity(text.len() + cells);
    push_padded(&mut padded, text, cells, spaces_first);
    padded
}

/// Appends `text` to `out` cut or padded to exactly `cells` cells, the spaces before
/// it when `spaces_first`: [`pad`] and [`pad_left`] without a string of their own.
pub fn push_padded(out: &mut String, text: &str, cells: usize, spaces_first: bool) {
    let (fitted, used) = fit_measured(text, cells);
    let spaces = std::iter::repeat_n(' ', cells.saturating_sub(used));
    if spaces_first {
        out.extend(spaces);
        out.push_str(&fitted);
    } else {
        out.push_str(&fitted);
        out.extend(spaces);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_percent_is_what_formatting_to_no_decimals_prints() {
        let edges = [0.0, -0.0, 0.5, 1.5, 2.5, 99.5, 100.4999999, 0.49999999999999994, -0.4, -2.5, 1e20, f64::NAN];
        for value in edges.into_iter().chain([f64::INFINITY, f64::NEG_INFINITY, 4_503_599_627_370_497.0]) {
            assert_eq!(percent(value), format!("{value:.0}%"), "{value:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn every_percent_is_what_formatting_prints(value in proptest::num::f64::ANY, share in 0.0f64..=100.0) {
            proptest::prop_assert_eq!(percent(value), format!("{value:.0}%"));
            proptest::prop_assert_eq!(percent(share), format!("{share:.0}%"));
        }
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        assert_eq!(single_line("a\u{1b}[31mb\nc\td"), "a?[31mb c d");
        assert!(matches!(single_line("普通の文"), Cow::Borrowed(_)));
    }

    #[test]
    fn bidi_controls_and_c1_controls_are_neutralised_too() {
        let hostile = "名\u{202e}前\u{2066}x\u{2069}\u{9b}2J\u{1b}]52;c;aGk=\u{7}";
        assert_eq!(single_line(hostile), "名?前?x??2J?]52;c;aGk=?");
        assert_eq!(inert(hostile), single_line(hostile));
    }

    #[test]
    fn inert_text_keeps_its_lines_but_not_a_carriage_return() {
        assert_eq!(inert("一行目\n\t二行目\r上書き"), "一行目\n\t二行目?上書き");
        assert!(matches!(inert("一行目\n二行目"), Cow::Borrowed(_)));
    }

    #[test]
    fn wide_characters_are_cut_whole() {
        assert_eq!(width("人事課"), 6);
        assert_eq!(fit("人事課の目標", 7), "人事..");
        assert_eq!(pad("人事", 5), "人事 ");
        assert_eq!(pad_left("5%", 4), "  5%");
        assert_eq!(width(&pad("情報政策課DX推進", 9)), 9);
    }
}
