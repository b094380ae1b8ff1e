//! The `?` help as the app built it: entries under headings, the filter typed
//! after `/`, descriptions wrapped to the width, scrolled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::scroll::{offset, wrap};
use super::text::{pad, width};
use crate::app::App;
use crate::app::effect::Popup;
use crate::app::help::{HelpEntry, Look};
use crate::keys::Action;
use crate::messages::{Message, Text};
use crate::theme::Theme;

/// Cells of the key column.
const KEY_COLUMN: usize = 16;
/// The widest the popup gets: wider lines are hard to read.
const MAX_WIDTH: u16 = 100;

/// The help popup (`popup` is [`Popup::Help`]).
pub fn draw(app: &App, popup: &Popup, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Popup::Help { scroll, filter, typing, shown, .. } = popup else { return };
    let (scroll, typing) = (*scroll, *typing);
    let lang = app.lang();
    // Below the top bar, down to the status rows: a margin under it would show the
    // tab's own bottom border as a second one.
    let below_top_bar = Rect { y: area.y + 1, height: area.height.saturating_sub(1), ..area };
    let popup = super::popups::centred(below_top_bar, area.width.min(MAX_WIDTH), below_top_bar.height);
    frame.render_widget(Clear, popup);
    let title = Text::HelpTitle { view: app.tab.label().text(lang) }.text(lang);
    let block = Block::bordered().title(title).border_style(theme.border_focus).style(theme.popup);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    if inner.height < 2 {
        return;
    }
    let mut lines = Vec::new();
    if typing || !filter.is_empty() {
        let cursor = if typing { "_" } else { "" };
        lines.push(Line::styled(format!("/ {filter}{cursor}"), theme.key));
    }
    for section in shown {
        lines.push(Line::styled(section.heading.clone(), theme.header));
        for entry in &section.entries {
            lines.extend(entry_lines(entry, usize::from(inner.width), theme));
        }
    }
    if shown.is_empty() {
        lines.push(Line::styled(Text::HelpNoMatch.text(lang), theme.dim));
    }
    let rows = usize::from(inner.height - 1);
    let scroll = offset(lines.len(), rows, scroll, None);
    let body = Rect { height: inner.height - 1, ..inner };
    frame.render_widget(Paragraph::new(lines.into_iter().skip(scroll).take(rows).collect::<Vec<_>>()), body);
    let keymap = &app.shared.keymap;
    let footer = Text::HelpFooter {
        down: keymap.letter_label(Action::ScrollDown),
        up: keymap.letter_label(Action::ScrollUp),
        filter: keymap.short_label(Action::HelpFilter),
        close: keymap.short_label(Action::CloseHelp),
    };
    let footer_area = Rect::new(inner.x, inner.bottom() - 1, inner.width, 1);
    frame.render_widget(Paragraph::new(footer.text(lang)).style(theme.dim), footer_area);
}

/// The style an entry's key is drawn in.
fn style_of(look: Look, theme: &Theme) -> Style {
    match look {
        Look::Key => theme.key,
        Look::Warning => theme.warning,
        Look::Text => theme.text,
        Look::Pending => theme.pending,
        Look::Declined => theme.declined,
        Look::BarDone => theme.done,
        Look::BarOnTrack => theme.on_track,
        Look::BarBehind => theme.behind,
        Look::BarEmpty => theme.bar_empty,
    }
}

/// An entry as lines of at most `cells` cells: the key, then its text wrapped
/// under itself.
fn entry_lines(entry: &HelpEntry, cells: usize, theme: &Theme) -> Vec<Line<'static>> {
    let room = cells.saturating_sub(KEY_COLUMN).max(8);
    // A colour sample is its cells' colour; without colours, its marks.
    let first_key =
        if entry.look.is_sample() && !theme.plain { " ".repeat(width(&entry.key)) } else { entry.key.clone() };
    wrap(vec![Line::raw(entry.text.clone())], room)
        .rows
        .into_iter()
        .enumerate()
        .map(|(index, row)| {
            let part: String = row.spans.iter().map(|span| span.content.as_ref()).collect();
            let key = if index == 0 { first_key.clone() } else { String::new() };
            // The key's own style covers the key only (a colour sample is its cells).
            Line::from(vec![
                Span::styled(key.clone(), style_of(entry.look, theme)),
                Span::raw(pad("", KEY_COLUMN.saturating_sub(width(&key)))),
                Span::styled(part, theme.key_desc),
            ])
        })
        .collect()
}
