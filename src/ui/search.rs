//! What every list shows of its `/` filter, drawn the same way for all of them:
//! the line being typed above the list, the matched characters marked in the
//! rows, and why no row shows when none does.

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

/// Marks the characters of the rows in `rows` that match the filter, as drawn:
/// one pass over the screen's cells serves every list, whatever its columns.
pub fn mark_matches(filter: &ListFilter, buf: &mut Buffer, rows: Rect) {
    let needle = filter.needle();
    if needle.is_empty() {
        return;
    }
    let rows = rows.intersection(buf.area);
    for y in rows.top()..rows.bottom() {
        // The row's characters, each with the cell it is drawn in (a wide
        // character's hidden right half is skipped).
        let mut text = String::new();
        let mut cells = Vec::new();
        let mut x = rows.left();
        while x < rows.right() {
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

/// Says in `row` why no row shows, when none does: nothing matches, only what the
/// viewer may not see matches, or there is nothing to show at all. `hidden` names
/// what may not be seen (goals in the tree, people or records elsewhere).
pub fn why_empty(filter: &ListFilter, hidden: Hidden, lang: Lang, theme: &Theme, frame: &mut Frame, row: Rect) {
    let quoted = single_line(filter.text.trim()).into_owned();
    let why = match (filter.found, hidden) {
        (Some(Found::NoMatch), _) => Reading::NoMatch { filter: quoted }.text(lang),
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
        mark_matches(&filter, &mut buf, Rect::new(0, 0, 20, 2));
        let marked: Vec<u16> = (0..20).filter(|&x| buf[(x, 0)].modifier.contains(MATCHED)).collect();
        // メ ン タ ー: two cells each from column 3, only the first of each styled.
        assert_eq!(marked, vec![3, 5, 7, 9]);
        assert!((0..20).all(|x| !buf[(x, 1)].modifier.contains(MATCHED)));
    }
}
