//! The action menu popup: the keys and names of the actions offered, the selected
//! one highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::text::{fit, pad, width};
use crate::app::App;
use crate::keys::Action;
use crate::messages::{Message, Text};
use crate::theme::Theme;

pub fn draw(app: &App, actions: &[Action], selected: usize, theme: &Theme, frame: &mut Frame, area: Rect) {
    let (lang, keymap) = (app.lang(), &app.shared.keymap);
    let title = Text::MenuTitle { view: app.tab.label().text(lang) }.text(lang);
    let key_width = actions.iter().map(|a| width(&keymap.label(*a))).max().unwrap_or(0) + 2;
    let text_width = actions.iter().map(|a| width(&a.text(lang))).max().unwrap_or(0).max(width(&title));
    let popup = super::popups::centred(area, (key_width + text_width + 2) as u16, actions.len().max(1) as u16 + 2);
    frame.render_widget(Clear, popup);
    let block = Block::bordered().title(title).border_style(theme.border_focus).style(theme.popup);
    let room = usize::from(popup.width.saturating_sub(2)).saturating_sub(key_width);
    let lines: Vec<Line> = if actions.is_empty() {
        vec![Line::styled(Text::NothingToDo.text(lang), theme.dim)]
    } else {
        actions
            .iter()
            .enumerate()
            .map(|(index, action)| {
                let line = Line::from(vec![
                    Span::styled(pad(&keymap.label(*action), key_width), theme.key),
                    Span::styled(fit(&action.text(lang), room).into_owned(), theme.key_desc),
                ]);
                if index == selected { line.style(theme.selected) } else { line }
            })
            .collect()
    };
    // Keep the selected row in sight when the list is taller than the screen.
    let rows = usize::from(popup.height.saturating_sub(2)).max(1);
    let scroll = selected.saturating_sub(rows - 1) as u16;
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), popup);
}
