//! The `/` filter every list shares (the Tree, My goals' sheet, the Review inbox,
//! People, 1on1s): what is typed, whether keys go into it, and what it found.
//! Each list says which texts of a row count; this decides the rest the same way
//! for all of them.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::view::search::{self, Found, Outside};

#[derive(Clone, Debug, Default)]
pub struct ListFilter {
    /// What was typed, as typed.
    pub text: String,
    /// Whether keys are going into the filter.
    pub editing: bool,
    /// Why no row shows, when none does; `None` while rows show.
    pub found: Option<Found>,
}

impl ListFilter {
    /// Whether the filter line is on screen above the list.
    pub fn shows(&self) -> bool {
        self.editing || !self.text.is_empty()
    }

    /// What rows are compared with: the text folded, without outer spaces.
    pub fn needle(&self) -> String {
        search::fold(self.text.trim())
    }

    /// Whether any of a row's `texts` matches (every row does without a filter).
    pub fn keeps<'a>(&self, needle: &str, texts: impl IntoIterator<Item = &'a str>) -> bool {
        needle.is_empty() || texts.into_iter().any(|text| search::contains(text, needle))
    }

    /// Starts typing into the filter, keeping what is there.
    pub fn start(&mut self) {
        self.editing = true;
    }

    /// Drops the filter; `true` when there was one.
    pub fn clear(&mut self) -> bool {
        self.editing = false;
        !std::mem::take(&mut self.text).is_empty()
    }

    /// Takes a key while the filter is typed (Enter keeps it, Esc drops it), and Esc
    /// on a kept filter; `Some(true)` when the text changed, `None` for a key left to
    /// the keymap.
    pub fn capture(&mut self, key: &KeyEvent) -> Option<bool> {
        if !self.editing {
            return (key.code == KeyCode::Esc && !self.text.is_empty()).then(|| self.clear());
        }
        Some(match key.code {
            KeyCode::Enter => {
                self.editing = false;
                false
            }
            KeyCode::Esc => {
                self.clear();
                true
            }
            KeyCode::Backspace => self.text.pop().is_some(),
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.text.push(c);
                true
            }
            _ => false,
        })
    }

    /// Records what the filter found: `shown` rows after it, `readable` rows before
    /// it, and who outside the list matches ([`search::outside`]). Without a filter
    /// the list says itself that it is empty.
    pub fn settle(&mut self, shown: usize, readable: usize, outside: Outside) {
        let filtered = !self.text.trim().is_empty();
        self.found = (shown == 0 && filtered).then(|| match outside {
            Outside::Readable if readable > 0 => Found::Elsewhere,
            _ => search::found(readable > 0, false, outside == Outside::Unreadable),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn typing_enter_and_esc() {
        let mut filter = ListFilter::default();
        assert_eq!(filter.capture(&key(KeyCode::Char('a'))), None, "keys go to the keymap until / is pressed");
        filter.start();
        assert_eq!(filter.capture(&key(KeyCode::Char('Ｒ'))), Some(true));
        assert_eq!(filter.needle(), "r");
        assert_eq!(filter.capture(&key(KeyCode::Enter)), Some(false));
        assert!(filter.shows() && !filter.editing);
        assert_eq!(filter.capture(&key(KeyCode::Char('j'))), None, "a kept filter leaves keys to the list");
        assert_eq!(filter.capture(&key(KeyCode::Esc)), Some(true), "Esc drops a kept filter");
        assert!(!filter.shows());
        assert_eq!(filter.capture(&key(KeyCode::Esc)), None, "with no filter Esc is the view's");
    }

    #[test]
    fn what_the_filter_found() {
        let mut filter = ListFilter::default();
        filter.settle(0, 0, Outside::Nobody);
        assert_eq!(filter.found, None, "an empty list without a filter says so itself");
        filter.text = "ｚ".into();
        filter.settle(3, 5, Outside::Nobody);
        assert_eq!(filter.found, None);
        filter.settle(0, 5, Outside::Nobody);
        assert_eq!(filter.found, Some(Found::NoMatch));
        filter.settle(0, 5, Outside::Unreadable);
        assert_eq!(filter.found, Some(Found::NotReadable));
        filter.settle(0, 5, Outside::Readable);
        assert_eq!(filter.found, Some(Found::Elsewhere), "someone the viewer may read is elsewhere, not hidden");
        filter.settle(0, 0, Outside::Unreadable);
        assert_eq!(filter.found, Some(Found::NothingToShow));
    }
}
