//! The texts on screen come from disk. The app leaves the texts of everyone's
//! sheet but the user's own on disk ([`Workspace::leave_texts_on_disk`]): at city
//! scale they are most of its memory, and it shows one sheet at a time. Whatever
//! shows a person's texts — the sheet open in the Review tab, a goal's details, a
//! person's 能力評価 with its evidence — names them, and their file is read whole
//! before the screen is drawn.
//!
//! [`Workspace::leave_texts_on_disk`]: crate::workspace::Workspace::leave_texts_on_disk

use super::App;
use super::effect::Popup;
use super::tabs::Tab;
use super::tabs::tree::detail_notes;
use crate::messages::{self, Message, Text};
use crate::model::PersonId;
use crate::store::StoreError;

impl App {
    /// Everyone whose sheet texts are on screen: the tab's and every popup's.
    fn people_whose_texts_show(&self) -> Vec<PersonId> {
        let world = &self.shared.workspace.world;
        let mut people: Vec<PersonId> = self.tabs.get(self.tab).texts_shown(&self.shared).into_iter().collect();
        for popup in &self.popups {
            match popup {
                Popup::Detail { node, .. } => people.push(world.cascade.owner(&world.data, *node).into()),
                Popup::Overlay(overlay) => people.extend(overlay.texts_shown().map(PersonId::from)),
                _ => {}
            }
        }
        people
    }

    /// Reads whole the files of everyone whose texts are on screen, and works out
    /// again the views that copy texts when they are made (the tabs', the goal's
    /// details, the overlays); the others read them from the data as they are
    /// drawn. A file that cannot be read is said once, not at every key, until it
    /// is read.
    pub(super) fn read_shown_texts(&mut self) {
        let mut read = false;
        for person in self.people_whose_texts_show() {
            match self.shared.workspace.read_whole(&person) {
                Ok(was_held) => {
                    read |= was_held;
                    self.unread.remove(&person);
                }
                Err(error) if self.unread.insert(person) => {
                    // The person's other files were tried, and may have been read.
                    read = true;
                    let message = match error {
                        StoreError::ChangedOnDisk(path) => {
                            Text::TextsChangedOnDisk { path: path.display().to_string() }.text(self.lang())
                        }
                        other => messages::store_error(&other, self.lang()),
                    };
                    self.complain(message);
                }
                Err(_) => {}
            }
        }
        if read {
            // Every tab: one behind may have copied texts before a reload left them on disk.
            for &tab in Tab::ALL {
                self.tabs.get_mut(tab).texts_read(&self.shared);
            }
            for popup in &mut self.popups {
                match popup {
                    Popup::Overlay(overlay) => overlay.refresh(&self.shared),
                    Popup::Detail { node, notes, .. } => *notes = detail_notes(&self.shared, *node),
                    _ => {}
                }
            }
        }
    }
}
