//! Text that may be taller than its box: wrapped to the box's width in display
//! cells, shown from an offset that keeps the selected rows in sight, with
//! "↑ n more" and "↓ n more" on the box's border when rows are hidden.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};
use unicode_width::UnicodeWidthChar;

use super::text::width;
use crate::messages::{Lang, Message, Reading};

/// Lines wrapped into rows of a box.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Wrapped {
    pub rows: Vec<Line<'static>>,
    /// The first row of each line given.
    pub starts: Vec<usize>,
}

impl Wrapped {
    /// The rows of the lines `lines` (e.g. a selected entry).
    pub fn rows_of(&self, lines: Range<usize>) -> Range<usize> {
        let row = |line: usize| self.starts.get(line).copied().unwrap_or(self.rows.len());
        row(lines.start)..row(lines.end)
    }
}

/// Wraps each line into rows of at most `cells` cells: Japanese anywhere, a word
/// of Latin letters at the space before it when the row has one.
pub fn wrap(lines: Vec<Line<'static>>, cells: usize) -> Wrapped {
    let cells = cells.max(2);
    let mut wrapped = Wrapped::default();
    for line in lines {
        wrapped.starts.push(wrapped.rows.len());
        let chars: Vec<(char, Style)> =
            line.spans.iter().flat_map(|span| span.content.chars().map(move |c| (c, span.style))).collect();
        let mut row: Vec<(char, Style)> = Vec::new();
        let mut used = 0;
        for (c, style) in chars {
            let cell = c.width().unwrap_or(0);
            if used + cell > cells && !row.is_empty() {
                let word_start = row.iter().rposition(|(c, _)| *c == ' ').filter(|_| c.is_ascii_alphanumeric());
                let carried = match word_start {
                    Some(space) if space > 0 => {
                        let rest = row.split_off(space + 1);
                        row.pop();
                        rest
                    }
                    _ => Vec::new(),
                };
                wrapped.rows.push(row_line(&row, line.style));
                used = carried.iter().map(|(c, _)| c.width().unwrap_or(0)).sum();
                row = carried;
            }
            row.push((c, style));
            used += cell;
        }
        wrapped.rows.push(row_line(&row, line.style));
    }
    wrapped
}

/// One row's characters as spans of one style each.
fn row_line(row: &[(char, Style)], style: Style) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    for (c, span_style) in row {
        match spans.last_mut() {
            Some(last) if last.style == *span_style => last.content.to_mut().push(*c),
            _ => spans.push(Span::styled(c.to_string(), *span_style)),
        }
    }
    Line::from(spans).style(style)
}

/// The first row to show of `total` in `height`: `scroll` kept inside the rows,
/// then moved so that the `focus` rows show (their start when not all fit).
pub fn offset(total: usize, height: usize, scroll: usize, focus: Option<Range<usize>>) -> usize {
    let last = total.saturating_sub(height);
    let mut offset = scroll.min(last);
    if let Some(focus) = focus {
        if focus.end > offset + height {
            offset = focus.end.saturating_sub(height);
        }
        if focus.start < offset {
            offset = focus.start;
        }
    }
    offset.min(last)
}

/// Wrapped rows in a box from `offset`, with markers for the rows hidden above
/// and below: on the block's border, or over the first and last row without one.
pub struct Scrolled<'a> {
    pub wrapped: Wrapped,
    pub offset: usize,
    pub block: Option<Block<'a>>,
    pub style: Style,
    pub marker: Style,
    pub lang: Lang,
}

impl Widget for Scrolled<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let inner = match &self.block {
            Some(block) => block.inner(area),
            None => area,
        };
        let bordered = self.block.is_some();
        if let Some(block) = self.block {
            block.render(area, buf);
        }
        let height = usize::from(inner.height);
        let total = self.wrapped.rows.len();
        let rows: Vec<Line> = self.wrapped.rows.into_iter().skip(self.offset).take(height).collect();
        Paragraph::new(rows).style(self.style).render(inner, buf);
        let below = total.saturating_sub(self.offset + height);
        let (top, bottom) = if bordered {
            (area.y, area.bottom().saturating_sub(1))
        } else {
            (inner.y, inner.bottom().saturating_sub(1))
        };
        for (count, text, y) in [
            (self.offset, Reading::MoreAbove { count: self.offset }, top),
            (below, Reading::MoreBelow { count: below }, bottom),
        ] {
            if count == 0 || height == 0 {
                continue;
            }
            let text = format!(" {} ", text.text(self.lang));
            let cells = width(&text) as u16;
            let x = area.right().saturating_sub(cells + u16::from(bordered)).max(area.x);
            buf.set_stringn(x, y, &text, usize::from(area.right() - x), self.marker);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(wrapped: &Wrapped) -> Vec<String> {
        wrapped.rows.iter().map(|row| row.spans.iter().map(|s| s.content.as_ref()).collect()).collect()
    }

    #[test]
    fn japanese_wraps_anywhere_and_words_at_their_space() {
        let wrapped = wrap(vec![Line::raw("研修の企画と実施"), Line::raw("one two three"), Line::raw("")], 8);
        assert_eq!(texts(&wrapped), ["研修の企", "画と実施", "one two", "three", ""]);
        assert_eq!(wrapped.starts, [0, 2, 4]);
        assert_eq!(wrapped.rows_of(1..2), 2..4);
    }

    #[test]
    fn the_offset_stays_inside_and_follows_the_focus() {
        assert_eq!(offset(10, 4, 99, None), 6, "no further than the last screenful");
        assert_eq!(offset(3, 4, 2, None), 0, "everything fits");
        assert_eq!(offset(10, 4, 0, Some(7..8)), 4, "down to the focus");
        assert_eq!(offset(10, 4, 6, Some(1..2)), 1, "up to the focus");
        assert_eq!(offset(10, 4, 0, Some(2..9)), 2, "a tall focus shows from its start");
    }
}
