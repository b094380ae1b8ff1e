//! Reading the user's settings files (config.toml, themes): TOML parsed with the
//! place of every key kept, so that a mistake is reported with line and column,
//! and a misspelt key gets a "did you mean".

use toml::Spanned;
use toml::de::{DeTable, DeValue};

pub use crate::model::Location;

/// Parses TOML keeping the place of every key and value; a syntax error comes
/// back as location and message.
pub fn parse_document(text: &str) -> Result<Spanned<DeTable<'_>>, (Location, String)> {
    DeTable::parse(text).map_err(|error| {
        let offset = error.span().map_or(0, |span| span.start);
        (Location::at(text, offset), error.message().trim().to_string())
    })
}

type Entry<'a, 'i> = (&'a Spanned<toml::de::DeString<'i>>, &'a Spanned<DeValue<'i>>);

/// A table's entries in the order they stand in the file, so the first problem
/// reported is the first one a reader meets.
pub fn entries_in_file_order<'a, 'i>(table: &'a DeTable<'i>) -> Vec<Entry<'a, 'i>> {
    let mut entries: Vec<Entry<'a, 'i>> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    entries
}

/// A key as it would be written in TOML: bare when it can be, else quoted.
pub fn quote_key(key: &str) -> String {
    if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        key.to_string()
    } else {
        format!("{key:?}")
    }
}

/// A value of the wrong type: what was expected, and the TOML type found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WrongType {
    pub expected: Expected,
    /// TOML's name of the type found: `string`, `integer`, `table`…
    pub found: &'static str,
}

/// What a settings file should have had in a place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    String,
    /// `[keys]`: a table of action = key.
    KeyTable,
    /// A key such as `"ctrl-s"`.
    Key,
    /// A key, or a list of keys.
    KeyOrKeys,
    /// A theme's `[styles]`.
    StyleTable,
    /// One style: `{ fg = …, bg = …, modifiers = […] }`.
    Style,
    /// A style's `modifiers`.
    ModifierList,
}

impl WrongType {
    pub fn of(expected: Expected, value: &Spanned<DeValue<'_>>) -> WrongType {
        WrongType { expected, found: value.get_ref().type_str() }
    }
}

pub fn string(value: &Spanned<DeValue<'_>>) -> Result<String, WrongType> {
    match value.get_ref() {
        DeValue::String(text) => Ok(text.to_string()),
        _ => Err(WrongType::of(Expected::String, value)),
    }
}

/// The candidate closest to `word`, when it is close enough to be a typo; case
/// does not count.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .iter()
        .map(|candidate| (edit_distance(&word, &candidate.to_lowercase()), *candidate))
        .filter(|&(distance, candidate)| distance <= (candidate.chars().count() / 3).max(1))
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, candidate)| candidate)
}

/// Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut table = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in table.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in table[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (table[i - 1][j] + 1).min(table[i][j - 1] + 1).min(table[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(table[i - 2][j - 2] + 1);
            }
            table[i][j] = best;
        }
    }
    table[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_are_only_for_near_misses() {
        assert_eq!(did_you_mean("selcted", &["selected", "text"]), Some("selected"));
        assert_eq!(did_you_mean("qiut", &["quit", "save"]), Some("quit"));
        assert_eq!(did_you_mean("colour", &["theme", "lang"]), None);
        assert_eq!(did_you_mean("p0011", &["P0012", "P0011"]), Some("P0011"), "case does not count");
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
