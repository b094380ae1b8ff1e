//! Keys of the `?` help: scroll, close, and a filter typed after `/`.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::App;
use super::effect::Popup;
use crate::keys::{Action, Context};

impl App {
    pub(super) fn handle_help_key(&mut self, key: KeyEvent) {
        let action = self.shared.keymap.action(Context::Help, &key);
        let Some(Popup::Help { scroll, filter, typing }) = self.popups.last_mut() else { return };
        if *typing {
            // Enter keeps the filter and gives the keys back; Esc drops it.
            match key.code {
                KeyCode::Enter => *typing = false,
                KeyCode::Esc => {
                    filter.clear();
                    *typing = false;
                }
                KeyCode::Backspace => {
                    filter.pop();
                }
                KeyCode::Char(c) => filter.push(c),
                _ => return,
            }
            *scroll = 0;
            return;
        }
        match action {
            Some(Action::CloseHelp) => {
                self.popups.pop();
            }
            Some(Action::ScrollDown) => *scroll += 1,
            Some(Action::ScrollUp) => *scroll = scroll.saturating_sub(1),
            Some(Action::HelpFilter) => *typing = true,
            _ => {}
        }
    }
}
