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

#[cfg(test)]
mod tests {
    use super::*;

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
