//! Draws the first-run person picker: a title, what the sample is, one row per
//! person (id, name, post, role, what to try), and the keys.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::app::picker::PersonPicker;
use crate::keys::Action;
use crate::messages::{Lang, Message, PickerText};
use crate::theme::Theme;
use crate::view::picker::{PickerRole, PickerRow};
use crate::view::text::{fit, pad};

/// Widths of the id, name, post and role columns; what to try takes the rest.
const COLUMNS: [usize; 4] = [8, 12, 10, 8];

pub fn draw(picker: &PersonPicker, theme: &Theme, frame: &mut Frame) {
    let lang = picker.lang;
    let [title, intro, list, footer] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(2), Constraint::Fill(1), Constraint::Length(1)])
            .areas(frame.area());
    frame.render_widget(Paragraph::new(Line::styled(PickerText::Title.text(lang), theme.header)), title);
    frame
        .render_widget(Paragraph::new(PickerText::Intro.text(lang)).style(theme.text).wrap(Wrap { trim: true }), intro);
    let block = Block::default().borders(Borders::TOP | Borders::BOTTOM).border_style(theme.dim);
    let inner = block.inner(list);
    frame.render_widget(block, list);
    let width = usize::from(inner.width);
    let heading = [PickerText::Id, PickerText::Name, PickerText::Post, PickerText::Role, PickerText::Try]
        .iter()
        .map(|word| word.text(lang))
        .collect::<Vec<_>>();
    let mut lines = vec![Line::styled(cells(&heading, width), theme.dim)];
    let height = usize::from(inner.height.saturating_sub(1));
    let offset = picker.selected.saturating_sub(height.saturating_sub(1));
    for (index, row) in picker.rows.iter().enumerate().skip(offset).take(height) {
        let style = if index == picker.selected { theme.selected } else { theme.text };
        lines.push(Line::styled(cells(&row_cells(row, lang), width), style));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let keymap = &picker.keymap;
    let hint = |action: Action| {
        [
            Span::styled(format!(" {}", keymap.letter_label(action)), theme.key),
            Span::styled(format!(" {} ", action.text(lang)), theme.key_desc),
        ]
    };
    let spans: Vec<Span> =
        [Action::Down, Action::Up, Action::Choose, Action::Quit].into_iter().flat_map(hint).collect();
    frame.render_widget(Paragraph::new(Line::from(spans)), footer);
}

fn row_cells(row: &PickerRow, lang: Lang) -> [String; 5] {
    let try_line = match row.role {
        PickerRole::Hr => PickerText::Hr,
        PickerRole::Head => PickerText::Head { reports: row.reports },
        PickerRole::Reviewer => PickerText::Reviewer { reports: row.reports },
        PickerRole::Staff => PickerText::Staff { sheet: row.sheet.text(lang) },
    };
    [row.id.clone(), row.name.clone(), row.title.clone(), row.role.text(lang), try_line.text(lang)]
}

/// The cells padded to their columns, the last one cut to what is left of `width`.
fn cells(texts: &[String], width: usize) -> String {
    let mut line = String::new();
    for (text, cells) in texts.iter().zip(COLUMNS) {
        line += &pad(&fit(text, cells), cells + 1);
    }
    let used = COLUMNS.iter().map(|cells| cells + 1).sum::<usize>();
    if let Some(last) = texts.get(COLUMNS.len()) {
        line += &fit(last, width.saturating_sub(used));
    }
    line
}
