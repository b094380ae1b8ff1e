//! Matching what a person types against names and titles the way a Japanese
//! office writes them: full-width and half-width forms, hiragana and katakana,
//! and upper and lower case are the same letter. One function folds both sides.

/// `text` in the one form searches compare: full-width ASCII as ASCII, the
/// ideographic space as a space, half-width katakana (with their voicing marks)
/// as full-width, hiragana as katakana, and lower case.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '\u{FF61}'..='\u{FF9F}' => {
                let (full, mark) = half_width_kana(c, chars.peek().copied());
                if mark {
                    chars.next();
                }
                full
            }
            _ => c,
        };
        // Hiragana ぁ..ゖ sit 0x60 below their katakana.
        let c = if ('\u{3041}'..='\u{3096}').contains(&c) { char::from_u32(c as u32 + 0x60).unwrap_or(c) } else { c };
        out.extend(c.to_lowercase());
    }
    out
}

/// Whether `text` contains `needle` once both are folded; `needle` folded already.
pub fn contains(text: &str, folded_needle: &str) -> bool {
    folded_needle.is_empty() || fold(text).contains(folded_needle)
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
}
