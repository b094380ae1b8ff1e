//! The action menu: every action the tab in front offers on its selected row, with
//! its keys from the keymap. Enter runs the selected one, and so does any key of a
//! listed action.

use ratatui::crossterm::event::KeyEvent;

use super::App;
use super::effect::Popup;
use crate::keys::{Action, Context};

impl App {
    /// Opens the menu of the tab in front: its own actions with a key, those its
    /// component offers now.
    pub(super) fn open_menu(&mut self) {
        let context = self.tab.context();
        let component = self.tabs.get(self.tab);
        let actions: Vec<Action> = self
            .shared
            .keymap
            .actions_for(context)
            .into_iter()
            .filter(|action| action.context() == context && component.offers(*action, &self.shared))
            .collect();
        self.popups.push(Popup::Menu { actions, selected: 0 });
    }

    pub(super) fn handle_menu_key(&mut self, key: KeyEvent) {
        let Some(Popup::Menu { actions, selected }) = self.popups.last_mut() else { return };
        let chosen = match self.shared.keymap.action(Context::Menu, &key) {
            Some(Action::MenuDown) => {
                *selected = (*selected + 1).min(actions.len().saturating_sub(1));
                return;
            }
            Some(Action::MenuUp) => {
                *selected = selected.saturating_sub(1);
                return;
            }
            Some(Action::MenuClose) => None,
            Some(Action::MenuRun) => actions.get(*selected).copied(),
            // A listed action's own key runs it; other keys do nothing.
            _ => match self.shared.keymap.action(self.tab.context(), &key) {
                Some(action) if actions.contains(&action) => Some(action),
                _ => return,
            },
        };
        self.popups.pop();
        if let Some(action) = chosen {
            self.update(action);
        }
    }
}
