//! Drawing for terminals that draw East Asian "ambiguous" characters (─ │ ┌ ① ※ ○ →)
//! two columns wide, as many Japanese setups do. ratatui counts those characters as
//! one column, so in such a terminal every one of them pushes the rest of its line
//! to the right and borders break. With `borders = "ascii"` (or `auto` in such a
//! terminal) the finished frame is made safe in one pass: lines and corners become
//! ASCII, and every other ambiguous character is given the two columns the
//! terminal will use, taken from the first blank after it on its line.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use unicode_width::UnicodeWidthStr;

/// The ASCII stand-in of a box-drawing character: `-` for horizontal lines, `|` for
/// vertical ones, `+` for corners and joints.
fn ascii_line(symbol: &str) -> Option<&'static str> {
    let mut chars = symbol.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else { return None };
    Some(match c {
        '─' | '━' | '═' | '┄' | '┅' | '┈' | '┉' | '╌' | '╍' | '╴' | '╶' | '╸' | '╺' => "-",
        '│' | '┃' | '║' | '┆' | '┇' | '┊' | '┋' | '╎' | '╏' | '╵' | '╷' | '╹' | '╻' => "|",
        '\u{2500}'..='\u{257F}' => "+",
        _ => return None,
    })
}

/// Columns a symbol takes in a terminal that draws ambiguous characters wide.
pub fn wide_width(symbol: &str) -> usize {
    symbol.width_cjk()
}

/// Makes a drawn frame safe for a terminal that draws ambiguous characters wide:
/// box-drawing lines become ASCII, and each remaining ambiguous character takes two
/// cells (the diff then skips the second), paid for by the first blank cell after it
/// on its line, so the columns to the right stay where they were. A line without
/// such a blank loses its last cells instead of running past the edge.
pub fn make_safe(buffer: &mut Buffer) {
    let area = buffer.area;
    for y in area.top()..area.bottom() {
        let mut cells = Vec::with_capacity(usize::from(area.width));
        let mut x = area.left();
        while x < area.right() {
            let mut cell = buffer[(x, y)].clone();
            if let Some(ascii) = ascii_line(cell.symbol()) {
                cell.set_symbol(ascii);
            }
            let width = cell.symbol().width().max(1);
            cells.push((cell, width));
            x = x.saturating_add(width as u16);
        }
        lay_out_wide(buffer, y, cells);
    }
}

/// Writes a line's cells back from its left edge, each ambiguous one two cells wide,
/// dropping one blank after it for each column it gained. A line that still does not
/// fit loses the cells before its closing border, not the border.
fn lay_out_wide(buffer: &mut Buffer, y: u16, mut cells: Vec<(Cell, usize)>) {
    let area = buffer.area;
    let mut right = usize::from(area.right());
    let border = cells.pop_if(|(cell, _)| matches!(cell.symbol(), "|" | "+"));
    if border.is_some() {
        right -= 1;
    }
    for x in area.left()..area.right() {
        buffer[(x, y)].reset();
    }
    let mut owed = 0;
    let mut x = usize::from(area.left());
    for (mut cell, width) in cells {
        if owed > 0 && width == 1 && cell.symbol() == " " {
            owed -= 1;
            continue;
        }
        let wide = wide_width(cell.symbol()).max(width);
        if x + wide > right {
            break;
        }
        if wide > width {
            owed += wide - width;
            let forced = NonZeroU16::new(wide as u16).expect("a width of at least two");
            cell.set_diff_option(CellDiffOption::ForcedWidth(forced));
        }
        buffer[(x as u16, y)] = cell;
        x += wide;
    }
    if let Some((cell, _)) = border {
        buffer[(right as u16, y)] = cell;
    }
}

#[cfg(test)]
mod tests {
    use ratatui::layout::Rect;

    use super::*;

    fn line(text: &str) -> Buffer {
        let mut buffer = Buffer::empty(Rect::new(0, 0, text.width() as u16, 1));
        buffer.set_string(0, 0, text, ratatui::style::Style::new());
        buffer
    }

    /// The row as an ambiguous-wide terminal shows it, checking every cell lands
    /// where the buffer puts it.
    fn as_wide_terminal_shows(buffer: &Buffer) -> String {
        let mut shown = String::new();
        let mut x = 0;
        while x < buffer.area.width {
            let cell = &buffer[(x, 0)];
            assert_eq!(shown.width_cjk(), usize::from(x), "cell {x} drawn at the wrong column: {shown:?}");
            shown.push_str(cell.symbol());
            x += match cell.diff_option {
                CellDiffOption::ForcedWidth(width) => width.get(),
                _ => cell.symbol().width().max(1) as u16,
            };
        }
        assert!(shown.width_cjk() <= usize::from(buffer.area.width), "{shown:?} runs past the edge");
        shown
    }

    #[test]
    fn lines_and_corners_become_ascii() {
        let mut buffer = line("┌─┤x├─┐│");
        make_safe(&mut buffer);
        assert_eq!(as_wide_terminal_shows(&buffer), "+-+x+-+|");
    }

    #[test]
    fn an_ambiguous_character_takes_two_columns_from_the_next_blank() {
        let mut buffer = line("|①※ab   c|");
        make_safe(&mut buffer);
        // Two wide characters: two of the three blanks go, so `c|` stays in place.
        assert_eq!(as_wide_terminal_shows(&buffer), "|①※ab c|");
        assert_eq!(buffer[(9, 0)].symbol(), "|");
    }

    #[test]
    fn a_line_without_blanks_loses_its_end_rather_than_run_past_it() {
        let mut buffer = line("○○ab");
        make_safe(&mut buffer);
        assert_eq!(as_wide_terminal_shows(&buffer), "○○");
    }

    #[test]
    fn a_full_line_keeps_its_closing_border() {
        let mut buffer = line("|①abc|");
        make_safe(&mut buffer);
        assert_eq!(as_wide_terminal_shows(&buffer), "|①ab|");
    }

    #[test]
    fn wide_japanese_is_left_as_it_is() {
        let mut buffer = line("目標 ① 達成");
        make_safe(&mut buffer);
        assert_eq!(as_wide_terminal_shows(&buffer), "目標 ①達成");
        assert_eq!(buffer[(7, 0)].symbol(), "達");
    }
}
