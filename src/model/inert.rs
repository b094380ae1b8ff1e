//! Which characters of the data may steer a terminal or the reading order of a
//! line rather than show as text: the one definition behind validation (such
//! text is an error) and the sanitiser every printed line goes through
//! (`view::text::inert`).

/// Whether `c` must never reach a terminal as it is: C0 and C1 controls and DEL
/// (escape sequences, OSC 52 clipboard writes, bells, CSI), the bidirectional
/// embeddings, overrides, isolates and marks that reorder what a line shows
/// (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), and the Unicode line
/// and paragraph separators (U+2028, U+2029), which some terminals break lines at.
pub fn is_steering(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
        || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Whether `text` may hold a character [`is_steering`]: a byte below space or DEL,
/// or the first byte of U+0080–U+00BF (0xC2: the C1 controls), U+0600–U+063F
/// (0xD8: U+061C) or U+2000–U+2FFF (0xE2: the marks, overrides, isolates and
/// separators). Most text has none, and a look at its bytes is much quicker than
/// decoding its characters (a city's tree prints 100,000 lines; its sheets hold
/// millions of texts to validate).
pub fn may_steer(text: &str) -> bool {
    // Without branches, and whole blocks without stopping early, which the
    // compiler turns into comparisons of many bytes at once. Ordinary text with
    // line breaks or punctuation of U+2000–U+2FFF (※ … ―) is flagged too and
    // looked at character by character after: this only spares the rest.
    let flagged = |b: u8| {
        u8::from(b < b' ') | u8::from(b == 0x7f) | u8::from(b == 0xc2) | u8::from(b == 0xd8) | u8::from(b == 0xe2)
    };
    let any_flagged = |bytes: &[u8]| bytes.iter().fold(0, |seen, &b| seen | flagged(b)) != 0;
    let blocks = text.as_bytes().chunks_exact(32);
    let rest = blocks.remainder();
    blocks.into_iter().any(any_flagged) || any_flagged(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_steering_character_is_seen_by_the_look_at_bytes() {
        let steering = (char::MIN..=char::MAX).filter(|&c| is_steering(c)).collect::<Vec<_>>();
        // C0, DEL, C1, the five embeddings and overrides, four isolates, two marks,
        // the Arabic letter mark and two separators.
        assert_eq!(steering.len(), 32 + 1 + 32 + 5 + 4 + 2 + 1 + 2);
        for c in steering {
            assert!(may_steer(&format!("平成{c}令和")), "U+{:04X}", u32::from(c));
        }
        assert!(!may_steer("市民サービスの向上 ａ１ (A-1)"));
        // In a whole block and in what is left after the blocks, wherever it stands.
        let clean = "ab市民サービス".repeat(9);
        for at in (0..clean.len()).filter(|&at| clean.is_char_boundary(at)) {
            assert!(may_steer(&format!("{}\u{1b}{}", &clean[..at], &clean[at..])), "at {at}");
        }
        assert!(!may_steer(&clean));
    }

    #[test]
    fn controls_and_bidi_controls_steer_and_text_does_not() {
        for c in ['\u{1b}', '\u{7}', '\u{9b}', '\u{7f}', '\r', '\n', '\u{202e}', '\u{2067}', '\u{200f}', '\u{61c}'] {
            assert!(is_steering(c), "U+{:04X}", u32::from(c));
        }
        for c in "職員 A-1 ａ１　「」ー〜".chars() {
            assert!(!is_steering(c), "U+{:04X}", u32::from(c));
        }
    }
}
