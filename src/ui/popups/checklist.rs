//! Draws a checklist field: a box per option, the cursor's row marked while the field
//! has the focus, and a row saying how many options are out of view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::app::form::checklist::Checklist;
use crate::messages::{EvidenceText, Lang, Message};
use crate::theme::Theme;
use crate::ui::text::{fit, single_line};

pub fn draw(list: &Checklist, focused: bool, lang: Lang, theme: &Theme, frame: &mut Frame, area: Rect) {
    let cells = usize::from(area.width);
    let mut lines: Vec<Line> = Vec::with_capacity(list.height());
    if list.is_empty() {
        lines.push(Line::styled(fit(&list.empty, cells).into_owned(), theme.dim));
    }
    for (index, label, ticked) in list.visible() {
        let at_cursor = focused && index == list.cursor();
        let mark = format!("{}{} ", if at_cursor { ">" } else { " " }, if ticked { "[x]" } else { "[ ]" });
        let text = format!("{mark}{}", single_line(label));
        let style = if at_cursor { theme.selected } else { theme.text };
        lines.push(Line::styled(fit(&text, cells).into_owned(), style));
    }
    let (above, below) = list.hidden();
    if list.height() > list.visible_rows() {
        lines.push(Line::styled(fit(&EvidenceText::More { above, below }.text(lang), cells).into_owned(), theme.dim));
    }
    // Squeezed into fewer rows than it has (a small terminal), it keeps the cursor in view.
    let cursor_row = list.cursor() - list.hidden().0;
    let skip = (cursor_row + 1).saturating_sub(usize::from(area.height)) as u16;
    frame.render_widget(Paragraph::new(lines).scroll((skip, 0)), area);
}
