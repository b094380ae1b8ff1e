//! The screen shown while a large data set loads: how many of the files found so far
//! are read, with a bar.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::tree::progress_bar;
use crate::messages::{Lang, LoadingText, Message};
use crate::theme::Theme;

/// Draws the loading screen for `read` of `found` files, in the middle of the frame.
pub fn draw(frame: &mut Frame, theme: &Theme, lang: Lang, (read, found): (usize, usize)) {
    let [_, middle, _] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(3), Constraint::Fill(1)]).areas(frame.area());
    let [_, column, _] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Max(50), Constraint::Fill(1)]).areas(middle);
    let percent = if found == 0 { 0.0 } else { read as f64 * 100.0 / found as f64 };
    let lines = vec![
        Line::styled(LoadingText::Loading.text(lang), theme.header),
        Line::from(progress_bar(percent, usize::from(column.width), theme.on_track, theme)),
        Line::styled(LoadingText::Files { read, found }.text(lang), theme.dim),
    ];
    frame.render_widget(Paragraph::new(lines), column);
}
