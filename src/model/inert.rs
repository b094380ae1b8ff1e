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

/// Every character of `text` that [`is_steering`], in order: the one look for them
/// of validation, the sanitiser and the roster import. Only characters that
/// begin with a byte below space or DEL, or with the first byte of U+0080–U+00BF
/// (0xC2: the C1 controls), U+0600–U+063F (0xD8: U+061C) or U+2000–U+2FFF (0xE2:
/// the marks, overrides, isolates and separators). Most text has none, and a look
/// at its bytes is much quicker than decoding its characters (a city's tree prints
/// 100,000 lines; its sheets hold millions of texts to validate, and a full
/// sheet's plans and notes all have line breaks).
pub fn steering_characters(text: &str) -> impl Iterator<Item = char> + '_ {
    maybe_steering(text, flagged).filter(|&c| is_steering(c))
}

/// Every character of `text` that [`is_steering`] but line breaks and tabs, which
/// prose holds: validation's look at a field. A full sheet's plans and notes have a
/// line break every few dozen bytes; looked for as [`steering_characters`] does,
/// each would send its block to be looked into byte by byte.
pub fn steering_characters_in_prose(text: &str) -> impl Iterator<Item = char> + '_ {
    let flagged_in_prose = |byte| flagged(byte) & u8::from(byte != b'\n' && byte != b'\t');
    maybe_steering(text, flagged_in_prose).filter(|&c| is_steering(c) && c != '\n' && c != '\t')
}

/// The characters of `text` that begin with a byte `flagged` marks: with [`flagged`],
/// every one that [`is_steering`], and some that are not (line breaks, punctuation
/// of U+2000–U+2FFF).
fn maybe_steering<'a>(text: &'a str, flagged: impl Fn(u8) -> u8 + 'a) -> impl Iterator<Item = char> + 'a {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            // At a block's start, every block without such a byte is stepped over
            // at once; a block with one is looked into byte by byte.
            if at % BLOCK == 0 {
                at += BLOCK * clean_blocks(&bytes[at..], &flagged);
                // What is left after the whole blocks, looked at as one: a short
                // text (a title, a name) is then done without a look byte by byte.
                let rest = &bytes[at..];
                if rest.len() < BLOCK && !any_flagged(rest, &flagged) {
                    return None;
                }
            }
            let byte = *bytes.get(at)?;
            at += 1;
            // A flagged byte is ASCII or the first of a character's bytes.
            if flagged(byte) != 0
                && let Some(c) = text.get(at - 1..).and_then(|rest| rest.chars().next())
            {
                return Some(c);
            }
        }
    })
}

/// How many whole blocks at the start of `bytes` have no byte `flagged` marks: each
/// looked at without branches, which the compiler turns into comparisons of many
/// bytes at once.
fn clean_blocks(bytes: &[u8], flagged: impl Fn(u8) -> u8) -> usize {
    let block_flagged = |block: &[u8; BLOCK]| any_flagged(block, &flagged);
    bytes.chunks_exact(BLOCK).take_while(|&block| block.try_into().is_ok_and(|block| !block_flagged(block))).count()
}

/// Whether any byte of `bytes` is one `flagged` marks, all looked at without a branch.
fn any_flagged(bytes: &[u8], flagged: impl Fn(u8) -> u8) -> bool {
    bytes.iter().fold(0, |seen, &byte| seen | flagged(byte)) != 0
}

/// Bytes looked at together.
const BLOCK: usize = 32;

/// 1 for a byte below space or DEL, or the first byte of U+0080–U+00BF, U+0600–U+063F
/// or U+2000–U+2FFF.
fn flagged(byte: u8) -> u8 {
    u8::from(byte < b' ')
        | u8::from(byte == 0x7f)
        | u8::from(byte == 0xc2)
        | u8::from(byte == 0xd8)
        | u8::from(byte == 0xe2)
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
            assert_eq!(maybe_steering(&format!("平成{c}令和"), flagged).collect::<String>(), c.to_string());
        }
        assert_eq!(maybe_steering("市民サービスの向上 ａ１ (A-1)", flagged).count(), 0);
        // In a whole block and in what is left after the blocks, wherever it stands.
        let clean = "ab市民サービス".repeat(9);
        for at in (0..clean.len()).filter(|&at| clean.is_char_boundary(at)) {
            let text = format!("{}\u{1b}{}\n", &clean[..at], &clean[at..]);
            assert_eq!(maybe_steering(&text, flagged).collect::<String>(), "\u{1b}\n", "at {at}");
        }
        assert_eq!(maybe_steering(&format!("{clean}…\n{clean}\u{202e}"), flagged).collect::<String>(), "…\n\u{202e}");
        assert_eq!(maybe_steering(&clean, flagged).count(), 0);
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

    proptest::proptest! {
        #[test]
        fn the_look_at_bytes_finds_every_steering_character_in_order(text in "(\\PC|[\u{0}-\u{9f}\u{61c}\u{2000}-\u{206f}]){0,80}") {
            proptest::prop_assert_eq!(
                steering_characters(&text).collect::<String>(),
                text.chars().filter(|&c| is_steering(c)).collect::<String>()
            );
        }

        #[test]
        fn the_look_at_prose_finds_every_steering_character_but_line_breaks_and_tabs(
            text in "(\\PC|[\u{0}-\u{9f}\u{61c}\u{2000}-\u{206f}]|\n{1,3}|\t){0,80}"
        ) {
            proptest::prop_assert_eq!(
                steering_characters_in_prose(&text).collect::<String>(),
                text.chars().filter(|&c| is_steering(c) && c != '\n' && c != '\t').collect::<String>()
            );
        }
    }
}
