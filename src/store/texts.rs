//! Loads that leave the texts of goals files on disk: a long session holding a
//! city's sheets reads them one sheet at a time (see [`crate::model::Held`]).

use super::Store;
use crate::model::GoalsFile;

impl Store {
    /// The store, its loads leaving the texts of every goals file on disk as each
    /// file is read. The parse cache still keeps them: it takes each file whole
    /// before its texts are left out.
    pub fn leaving_texts_on_disk(self) -> Store {
        Store { texts_on_disk: true, ..self }
    }

    pub fn leaves_texts_on_disk(&self) -> bool {
        self.texts_on_disk
    }

    pub(super) fn shed_texts(&self, file: &mut GoalsFile) {
        if self.texts_on_disk {
            file.leave_texts_on_disk();
        }
    }
}
