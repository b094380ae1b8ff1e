//! What every list shows of its `/` filter, drawn the same way for all of them:
//! the line being typed above the list, the matched characters marked in the
//! rows, and why no row shows when none does.

use std::ops::Range;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Paragraph;

use super::text::{single_line, width};
use crate::app::list_filter::ListFilter;
use crate::messages::{Lang, Message, Reading, Text};
use crate::theme::Theme;
use crate::view::search::{Found, matches};

/// How a matched character stands out: bold and underlined, which read on any
/// background and in the plain theme, over whatever colours the row has.
pub const MATCHED: Modifier = Modifier::BOLD.union(Modifier::UNDERLINED);

/// Draws the filter line at the top of `area` when the filter shows; the rest of
/// `area` is the list's.
pub fn filter_line(filter: &ListFilter, theme: &Theme, frame: &mut Frame, area: Rect) -> Rect {
    if !filter.shows() || area.height == 0 {
        return area;
    }
    let [line, rest] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    let label = format!("/ {}", single_line(&filter.text));
    frame.render_widget(Paragraph::new(label.clone()).style(theme.header), line);
    if filter.editing {
        frame.set_cursor_position(Position::new(line.x + width(&label) as u16, line.y));
    }
    rest
}

/// Marks, in each row of `rows`, the matched characters of the columns the list's
/// filter searches, and of no other: `searched` gives for the `n`th row on screen
/// those columns as ranges of cells from the left of `rows` (a status or a figure
/// that happens to contain what was typed stays as it is). One pass over the
/// drawn cells serves every list, each text matched within its own column.
pub fn mark_matches(filter: &ListFilter, buf: &mut Buffer, rows: Rect, searched: impl Fn(usize) -> Vec<Range<u16>>) {
    let needle = filter.needle();
    if needle.is_empty() {
        return;
    }
    let rows = rows.intersection(buf.area);
    for (line, y) in (rows.top()..rows.bottom()).enumerate() {
        for columns in searched(line) {
            let left = rows.left() + columns.start.min(rows.width);
            let right = rows.left() + columns.end.min(rows.width);
            // The column's characters, each with the cell it is drawn in (a wide
            // character's hidden right half is skipped).
            let mut text = String::new();
            let mut cells = Vec::new();
            let mut x = left;
            while x < right {
                let symbol = buf[(x, y)].symbol();
                text.push_str(symbol);
                cells.extend(symbol.chars().map(|_| x));
                x += width(symbol).max(1) as u16;
            }
            for range in matches(&text, &needle) {
                for &x in &cells[range] {
                    buf[(x, y)].set_style(Style::new().add_modifier(MATCHED));
                }
            }
        }
    }
}

/// Every row searched across its whole width: lists whose every column is matched.
pub fn whole_rows(width: u16) -> impl Fn(usize) -> Vec<Range<u16>> {
    move |_| std::iter::once(0..width).collect()
}

/// Where the `{first}` and `{second}` parts of a message fall in it, in cells:
/// `text` builds the message from the two parts, so a line laid out by a message
/// marks matches in those parts only, in either language's order.
pub fn part_columns(text: impl Fn(&str, &str) -> String, first: &str, second: &str) -> Vec<Range<u16>> {
    const FIRST: &str = "\u{1}";
    const SECOND: &str = "\u{2}";
    let at = |laid_out: &str, mark: &str| laid_out.find(mark).map(|byte| width(&laid_out[..byte]) as u16);
    let mut columns = Vec::new();
    if let Some(start) = at(&text(FIRST, second), FIRST) {
        columns.push(start..start + width(first) as u16);
    }
    if let Some(start) = at(&text(first, SECOND), SECOND) {
        columns.push(start..start + width(second) as u16);
    }
    columns
}

/// Says in `row` why no row shows, when none does: nothing matches, only what the
/// viewer may not see matches, or there is nothing to show at all. `hidden` names
/// what may not be seen (goals in the tree, people or records elsewhere).
pub fn why_empty(filter: &ListFilter, hidden: Hidden, lang: Lang, theme: &Theme, frame: &mut Frame, row: Rect) {
    let quoted = single_line(filter.text.trim()).into_owned();
    let why = match (filter.found, hidden) {
        // Every goal the viewer may read is in the tree: none is elsewhere.
        (Some(Found::NoMatch), _) | (Some(Found::Elsewhere), Hidden::Goals) => {
            Reading::NoMatch { filter: quoted }.text(lang)
        }
        (Some(Found::Elsewhere), Hidden::People) => Reading::ElsewherePeople { filter: quoted }.text(lang),
        (Some(Found::NotReadable), Hidden::Goals) => Reading::NotAllowedToSee { filter: quoted }.text(lang),
        (Some(Found::NotReadable), Hidden::People) => Reading::NotAllowedToSeePeople { filter: quoted }.text(lang),
        (Some(Found::NothingToShow), Hidden::Goals) => Reading::NothingToShow.text(lang),
        (Some(Found::NothingToShow), Hidden::People) => Text::NothingToShow.text(lang),
        (Some(Found::Rows) | None, _) => return,
    };
    if row.height > 0 {
        frame.render_widget(Paragraph::new(why).style(theme.dim), Rect { height: 1, ..row });
    }
}

/// What a list's viewer may not see: said when only such rows match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hidden {
    Goals,
    People,
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::text::Line;

    #[test]
    fn matched_characters_are_marked_in_the_cells_they_are_drawn_in() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 2));
        buf.set_line(0, 0, &Line::raw("ab メンター研修"), 20);
        buf.set_line(0, 1, &Line::raw("ｍｅｎｔａｒ"), 20);
        let filter = ListFilter { text: "めんたー".into(), ..ListFilter::default() };
        mark_matches(&filter, &mut buf, Rect::new(0, 0, 20, 2), whole_rows(20));
        let marked: Vec<u16> = (0..20).filter(|&x| buf[(x, 0)].modifier.contains(MATCHED)).collect();
        // メ ン タ ー: two cells each from column 3, only the first of each styled.
        assert_eq!(marked, vec![3, 5, 7, 9]);
        assert!((0..20).all(|x| !buf[(x, 1)].modifier.contains(MATCHED)));
    }

    #[test]
    fn only_the_searched_columns_are_marked() {
        // A name column (0..10) and a status column (10..20) that both hold "承認".
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 1));
        buf.set_line(0, 0, &Line::raw("承認 太郎 承認済み"), 20);
        let filter = ListFilter { text: "承認".into(), ..ListFilter::default() };
        mark_matches(&filter, &mut buf, Rect::new(0, 0, 20, 1), whole_rows(10));
        let marked: Vec<u16> = (0..20).filter(|&x| buf[(x, 0)].modifier.contains(MATCHED)).collect();
        assert_eq!(marked, vec![0, 2], "the status column's 承認 (column 11) is not what was searched");
    }

    #[test]
    fn the_parts_of_a_message_are_found_in_either_order() {
        let japanese = |unit: &str, person: &str| format!("遅れ  {unit}: {person} (下書き)");
        assert_eq!(part_columns(japanese, "人事課", "古川"), vec![6..12, 14..18]);
        let reversed = |unit: &str, person: &str| format!("{person} of {unit}");
        assert_eq!(part_columns(reversed, "HR", "Anna"), vec![8..10, 0..4]);
    }
}
