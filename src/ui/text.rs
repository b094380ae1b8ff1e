//! Drawing text into buffers: what the app's frames and `pdca show` share beyond
//! the cell arithmetic of [`crate::view::text`].

use ratatui::buffer::Buffer;

pub use crate::view::text::{Percent, fit, pad, pad_left, percent, push_padded, single_line, width};

/// Blanks a wide character whose right half was drawn over (e.g. by a popup's
/// border), so the terminal never shows half a character.
pub fn repair_split_wide_chars(buffer: &mut Buffer) {
    let area = buffer.area;
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right().saturating_sub(1) {
            if width(buffer[(x, y)].symbol()) > 1
                && !buffer[(x + 1, y)].symbol().is_empty()
                && buffer[(x + 1, y)].symbol() != " "
            {
                let style = buffer[(x, y)].style();
                buffer[(x, y)].set_symbol(" ").set_style(style);
            }
        }
    }
}

/// The buffer's rows as plain text, trailing spaces trimmed; the hidden cell behind
/// each wide character is skipped so Japanese text prints as it shows.
pub fn buffer_lines(buffer: &Buffer) -> Vec<String> {
    let area = buffer.area;
    (area.top()..area.bottom())
        .map(|y| {
            let mut line = String::new();
            let mut skip = 0;
            for x in area.left()..area.right() {
                let symbol = buffer[(x, y)].symbol();
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                line.push_str(symbol);
                skip = width(symbol).saturating_sub(1);
            }
            line.trim_end().to_owned()
        })
        .collect()
}
