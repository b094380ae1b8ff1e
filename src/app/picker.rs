//! The first-run person picker of a demonstration data set: the people to choose
//! from, the selection, and the choice. It runs before the app, since the app
//! needs to know who is at the keyboard.

use ratatui::crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers, MouseEventKind};

use crate::keys::{Action, Context, Keymap};
use crate::messages::Lang;
use crate::view::picker::PickerRow;

/// How the picker ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Picked {
    Person(String),
    Quit,
}

pub struct PersonPicker {
    pub rows: Vec<PickerRow>,
    pub selected: usize,
    pub keymap: Keymap,
    pub lang: Lang,
    /// The terminal's size (columns, rows), for paging.
    pub size: (u16, u16),
    pub outcome: Option<Picked>,
}

/// Rows of the screen that are not list rows: title, intro, headings, border, footer.
const CHROME_ROWS: u16 = 7;

impl PersonPicker {
    pub fn new(rows: Vec<PickerRow>, keymap: Keymap, lang: Lang, size: (u16, u16)) -> PersonPicker {
        PersonPicker { rows, selected: 0, keymap, lang, size, outcome: None }
    }

    pub fn handle_event(&mut self, event: Event) {
        match event {
            Event::Key(key) if key.kind == KeyEventKind::Press => {
                if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c')
                    || key.code == KeyCode::Esc
                {
                    self.outcome = Some(Picked::Quit);
                    return;
                }
                if let Some(action) = self.keymap.action(Context::Picker, &key) {
                    self.act(action);
                }
            }
            Event::Mouse(mouse) => match mouse.kind {
                MouseEventKind::ScrollDown => self.act(Action::Down),
                MouseEventKind::ScrollUp => self.act(Action::Up),
                _ => {}
            },
            Event::Resize(columns, rows) => self.size = (columns, rows),
            _ => {}
        }
    }

    fn act(&mut self, action: Action) {
        let last = self.rows.len().saturating_sub(1);
        let page = usize::from(self.size.1.saturating_sub(CHROME_ROWS).max(1));
        self.selected = match action {
            Action::Up => self.selected.saturating_sub(1),
            Action::Down => (self.selected + 1).min(last),
            Action::PageUp => self.selected.saturating_sub(page),
            Action::PageDown => (self.selected + page).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            Action::Choose => {
                self.outcome = self.rows.get(self.selected).map(|row| Picked::Person(row.id.clone()));
                self.selected
            }
            Action::Quit => {
                self.outcome = Some(Picked::Quit);
                self.selected
            }
            _ => self.selected,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SheetState;
    use crate::view::picker::PickerRole;
    use ratatui::crossterm::event::KeyEvent;

    fn row(id: &str) -> PickerRow {
        PickerRow {
            id: id.into(),
            name: id.into(),
            title: String::new(),
            role: PickerRole::Staff,
            reports: 0,
            sheet: SheetState::Draft,
        }
    }

    fn press(picker: &mut PersonPicker, code: KeyCode) {
        picker.handle_event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    #[test]
    fn moving_stays_in_the_list_and_enter_chooses_the_selected_person() {
        let keymap = Keymap::new(&Default::default());
        let mut picker = PersonPicker::new(vec![row("P1"), row("P2"), row("P3")], keymap, Lang::En, (80, 24));
        press(&mut picker, KeyCode::Up);
        assert_eq!(picker.selected, 0);
        press(&mut picker, KeyCode::Char('j'));
        press(&mut picker, KeyCode::End);
        press(&mut picker, KeyCode::Down);
        assert_eq!(picker.selected, 2);
        assert_eq!(picker.outcome, None);
        press(&mut picker, KeyCode::Char('k'));
        press(&mut picker, KeyCode::Enter);
        assert_eq!(picker.outcome, Some(Picked::Person("P2".into())));
        press(&mut picker, KeyCode::Char('q'));
        assert_eq!(picker.outcome, Some(Picked::Quit));
    }
}
