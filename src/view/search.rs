//! Matching what a person types against names and titles the way a Japanese
//! office writes them: full-width and half-width forms, hiragana and katakana,
//! and upper and lower case are the same letter. One function folds both sides.

use std::ops::Range;
use std::sync::OnceLock;

use rayon::prelude::*;

use super::Viewer;
use crate::model::input::fold_full_width;
use crate::model::{Org, World};

/// Each unit's name by its id: lists search a person's unit by name, and looking
/// each one up among all units would cost units × people on every keystroke.
pub fn unit_names(org: &Org) -> crate::model::hash::HashMap<&str, &str> {
    org.units.iter().map(|unit| (unit.id.as_str(), unit.name.as_str())).collect()
}

/// The texts of each row of a list that a filter looks in, folded once: folding
/// them again for every letter typed was most of a keystroke's time at city scale.
/// Worked out, on all cores, when a filter first needs them; made anew with the list.
#[derive(Debug, Default)]
pub struct Haystacks(OnceLock<Folded>);

/// Every row's folded texts one after the other in one string, each row's ending
/// where `ends` says: a city's 150,000 rows each in a string of its own were as
/// many reads from all over memory at every letter typed.
#[derive(Debug)]
struct Folded {
    text: String,
    ends: Vec<usize>,
}

impl Folded {
    fn row(&self, row: usize) -> &str {
        let start = row.checked_sub(1).map_or(0, |before| self.ends[before]);
        &self.text[start..self.ends[row]]
    }
}

/// Rows whose texts are folded together, on all cores, before they are joined.
const FOLDED_AT_ONCE: usize = 4096;

/// Between the texts of a row. A needle holding it (a control character no one
/// types) is looked for in each text instead, lest it match across two.
const BETWEEN: char = '\0';

impl Haystacks {
    /// Those of `candidates` (rows, of `rows` in all) whose texts — `texts` of each —
    /// hold `needle` (folded), in their order; all of them for no needle.
    pub fn keep<'a, T>(
        &self,
        rows: usize,
        texts: impl Fn(usize) -> T + Sync,
        needle: &str,
        candidates: impl IntoIterator<Item = usize>,
    ) -> Vec<usize>
    where
        T: IntoIterator<Item = &'a str>,
    {
        if needle.is_empty() {
            return candidates.into_iter().collect();
        }
        if needle.contains(BETWEEN) {
            return candidates
                .into_iter()
                .filter(|&row| texts(row).into_iter().any(|text| contains(text, needle)))
                .collect();
        }
        let haystacks = self.0.get_or_init(|| {
            let fold_row = |row| {
                let mut haystack = String::new();
                for text in texts(row) {
                    haystack.push_str(&fold(text));
                    haystack.push(BETWEEN);
                }
                haystack
            };
            // Folded on all cores a part at a time, so that the rows' own strings
            // are never all held beside the one they are joined into.
            let mut joined = Folded { text: String::new(), ends: Vec::with_capacity(rows) };
            for part in (0..rows).step_by(FOLDED_AT_ONCE) {
                let folded: Vec<String> =
                    (part..rows.min(part + FOLDED_AT_ONCE)).into_par_iter().map(fold_row).collect();
                for haystack in folded {
                    joined.text.push_str(&haystack);
                    joined.ends.push(joined.text.len());
                }
            }
            joined.text.shrink_to_fit();
            joined
        });
        debug_assert_eq!(haystacks.ends.len(), rows, "texts folded for another list");
        // One searcher for the needle, made once: `str::contains` prepares one for
        // every haystack, and a city's tree has 150,000 of them.
        let finder = memchr::memmem::Finder::new(needle);
        candidates.into_iter().filter(|&row| finder.find(haystacks.row(row).as_bytes()).is_some()).collect()
    }
}

/// `text` in the one form searches compare: full-width ASCII as ASCII, the
/// ideographic space as a space, half-width katakana (with their voicing marks)
/// as full-width, hiragana as katakana, and lower case.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    fold_each(text, |c, _| folded.push(c));
    folded
}

/// Whether `text` contains `needle` once both are folded; `needle` folded already.
pub fn contains(text: &str, folded_needle: &str) -> bool {
    folded_needle.is_empty() || fold(text).contains(folded_needle)
}

/// Where `folded_needle` occurs in `text` once folded, as ranges of `text`'s
/// characters (not bytes): what a list marks in each row. Matches do not overlap.
pub fn matches(text: &str, folded_needle: &str) -> Vec<Range<usize>> {
    let needle: Vec<char> = folded_needle.chars().collect();
    if needle.is_empty() {
        return Vec::new();
    }
    let folded = folded_chars(text);
    let mut found = Vec::new();
    let mut at = 0;
    while at + needle.len() <= folded.len() {
        if folded[at..at + needle.len()].iter().map(|(c, _)| *c).eq(needle.iter().copied()) {
            found.push(folded[at].1.start..folded[at + needle.len() - 1].1.end);
            at += needle.len();
        } else {
            at += 1;
        }
    }
    found
}

/// Each folded character with the characters of `text` it stands for (two for a
/// half-width kana joined with its voicing mark).
fn folded_chars(text: &str) -> Vec<(char, Range<usize>)> {
    let mut out = Vec::with_capacity(text.len());
    fold_each(text, |c, range| out.push((c, range)));
    out
}

/// Gives each folded character of `text`, with the characters it stands for, to
/// `emit`, in order: the one folding behind [`fold`] and [`matches`].
fn fold_each(text: &str, mut emit: impl FnMut(char, Range<usize>)) {
    let mut chars = text.chars().enumerate().peekable();
    while let Some((start, c)) = chars.next() {
        let mut end = start + 1;
        let c = match c {
            c @ '\u{FF61}'..='\u{FF9F}' => {
                let (full, mark) = half_width_kana(c, chars.peek().map(|&(_, next)| next));
                if mark {
                    chars.next();
                    end += 1;
                }
                full
            }
            c => fold_full_width(c),
        };
        // Hiragana ぁ..ゖ sit 0x60 below their katakana.
        let c = if ('\u{3041}'..='\u{3096}').contains(&c) { char::from_u32(c as u32 + 0x60).unwrap_or(c) } else { c };
        for lower in c.to_lowercase() {
            emit(lower, start..end);
        }
    }
}

/// What a filter of a list finds, for saying why no row shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    /// Rows match (or there is no filter).
    Rows,
    /// Nothing matches.
    NoMatch,
    /// Only rows the viewer may not read match.
    NotReadable,
    /// The viewer may read no row at all.
    NothingToShow,
    /// Nothing in this list matches, but someone the viewer may read, listed elsewhere.
    Elsewhere,
}

/// Who outside a list of people matches its filter, by the one read rule (whose
/// goals the viewer may read): it decides what an empty list says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outside {
    /// Nobody outside the list matches.
    Nobody,
    /// Someone the viewer may read matches, in another list (People lists everyone).
    Readable,
    /// Only people the viewer may not read match.
    Unreadable,
}

/// Who of the people `listed` does not hold matches `folded_needle` (by id, name or
/// title), as the viewer may read them.
pub fn outside(world: &World, viewer: &Viewer, folded_needle: &str, listed: impl Fn(&str) -> bool) -> Outside {
    let matching = world
        .org
        .people
        .iter()
        .filter(|p| !listed(&p.id) && [&*p.id, &p.name, &p.title].into_iter().any(|t| contains(t, folded_needle)));
    let mut found = Outside::Nobody;
    for person in matching {
        if viewer.may_read_goals_of(&person.id) {
            return Outside::Readable;
        }
        found = Outside::Unreadable;
    }
    found
}

/// Why rows show or not: whether the viewer may read any row, whether any of those
/// matches, and whether rows they may not read match.
pub fn found(readable: bool, readable_match: bool, hidden_match: bool) -> Found {
    if readable_match {
        Found::Rows
    } else if !readable {
        Found::NothingToShow
    } else if hidden_match {
        Found::NotReadable
    } else {
        Found::NoMatch
    }
}

/// A half-width katakana as full-width, joined with a following voicing mark
/// (ﾞ or ﾟ) when the pair has one character; the flag says the mark was used.
fn half_width_kana(c: char, next: Option<char>) -> (char, bool) {
    const FULL: &str = "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン゛゜";
    let full = FULL.chars().nth((c as u32 - 0xFF61) as usize).unwrap_or(c);
    let voiced = match next {
        Some('ﾞ') if full == 'ウ' => Some('ヴ'),
        Some('ﾞ') if "カキクケコサシスセソタチツテトハヒフヘホ".contains(full) => {
            char::from_u32(full as u32 + 1)
        }
        Some('ﾟ') if "ハヒフヘホ".contains(full) => char::from_u32(full as u32 + 2),
        _ => None,
    };
    match voiced {
        Some(joined) => (joined, true),
        None => (full, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows folded in several parts and joined find what each row's texts, folded
    /// one by one, find: at every part's edge, and in rows with no text at all.
    #[test]
    fn rows_folded_in_parts_match_as_each_row_does() {
        let rows = FOLDED_AT_ONCE * 2 + 7;
        let texts: Vec<Vec<String>> = (0..rows)
            .map(|row| match row % 5 {
                0 => vec![],
                _ => vec![format!("目標{row}"), format!("ｐ{}", row % 97)],
            })
            .collect();
        let haystacks = Haystacks::default();
        for filter in ["4095", "4096", "p9", "目標8", "標1", "96"] {
            let needle = fold(filter);
            let each = (0..rows).filter(|&row| texts[row].iter().any(|text| contains(text, &needle)));
            let found = haystacks.keep(rows, |row| texts[row].iter().map(String::as_str), &needle, 0..rows);
            assert_eq!(found, each.collect::<Vec<_>>(), "{filter}");
        }
    }

    #[test]
    fn full_width_latin_and_digits_fold_to_ascii_lower_case() {
        assert_eq!(fold("ＲＰＡ導入　２０２６"), "rpa導入 2026");
        assert!(contains("RPA導入効果の測定と報告", &fold("ＲＰＡ")));
        assert!(contains("ＲＰＡの事例", &fold("rpa")));
    }

    #[test]
    fn half_width_katakana_fold_with_their_voicing_marks() {
        assert_eq!(fold("ｶﾀｶﾅ"), "カタカナ");
        assert_eq!(fold("ﾃﾞｰﾀ ﾎﾟｰﾀﾙ ｳﾞ"), "データ ポータル ヴ");
        assert_eq!(fold("ｱﾞ"), "ア゛", "a mark with no joined form stays a mark");
        assert!(contains("庁内ポータルに掲載", &fold("ﾎﾟｰﾀﾙ")));
    }

    #[test]
    fn hiragana_finds_katakana_and_back() {
        assert_eq!(fold("かたかな"), "カタカナ");
        assert!(contains("メンター研修の運営", &fold("めんたー")));
        assert!(contains("きむら あゆみ", &fold("アユミ")));
        assert!(!contains("研修", &fold("けんしゅう")), "no reading of kanji");
    }

    #[test]
    fn matches_are_ranges_of_the_original_characters() {
        assert_eq!(matches("RPA導入とＲＰＡ", &fold("rpa")), vec![0..3, 6..9]);
        // ﾃﾞ is two characters standing for one.
        assert_eq!(matches("ﾃﾞｰﾀ連携", &fold("データ")), vec![0..4]);
        assert_eq!(matches("連携ﾃﾞ", &fold("デ")), vec![2..4], "a voicing mark at the very end");
        // İ lower-cases to two characters, both standing for the one.
        assert_eq!(matches("İx", &fold("x")), vec![1..2]);
        assert_eq!(matches("İ", &fold("i")), vec![0..1]);
        assert_eq!(matches("めんたー研修", &fold("メンター")), vec![0..4]);
        assert_eq!(matches("ああ", &fold("ああ")), vec![0..2]);
        assert_eq!(matches("あああ", &fold("ああ")), vec![0..2], "matches do not overlap");
        assert!(matches("研修", "").is_empty());
    }
}
