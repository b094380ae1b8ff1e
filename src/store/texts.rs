//! Loads that leave the texts of goals and feedback files on disk: a long session
//! holding a city's sheets reads them one sheet at a time (see [`crate::model::Held`]).

use super::{Record, Store, StoreError, Versions, known_version};
use crate::model::meetings::{self, MeetingsFile};
use crate::model::validate::leave_checked_logs_on_disk;
use crate::model::{GoalsFile, HeldTexts, Source};

impl Store {
    /// The store, its loads leaving the texts of every goals and feedback file on
    /// disk as each file is read. The parse cache still keeps them: it takes each file whole
    /// before its texts are left out.
    pub fn leaving_texts_on_disk(self) -> Store {
        Store { texts_on_disk: true, ..self }
    }

    /// The store, its loads leaving out of each 1on1 file, as it is read, the
    /// texts `reader` is never shown (`meetings::leave_out_others_texts`): a
    /// city's 1on1 texts were otherwise all held at once while the cycle loaded,
    /// to be let go right after. The files it leaves them out of say so.
    pub fn reading_meetings_as(self, reader: &str) -> Store {
        Store { meetings_reader: Some(reader.into()), ..self }
    }

    /// The store, its loads reading every text, 1on1s' too: for what checks them.
    pub fn reading_texts(self) -> Store {
        Store { texts_on_disk: false, meetings_reader: None, checked_logs_on_disk: false, ..self }
    }

    /// The store, its loads reading what an export reads: every text, but the Do
    /// logs without training, which an export never writes. Those of a goals file
    /// are left on disk as it is read once every check that reads them passes
    /// ([`leave_checked_logs_on_disk`]), so that its validation loses
    /// nothing; a file whose logs fail one keeps them, for that check to report.
    /// At a city's size they are a third of the texts. From the parse cache, whose
    /// word for each file's own checks these loads take ([`Store::trusts_own_checks`]),
    /// they are not even decoded, nor the texts of the logs that stay.
    pub fn reading_for_export(self) -> Store {
        Store { texts_on_disk: false, meetings_reader: None, checked_logs_on_disk: true, ..self }
    }

    /// Whether its loads take the parse cache's word for what each file's own checks
    /// found as it was parsed (see [`crate::model::OwnChecks`]): an export's, which
    /// then neither checks those texts again nor decodes the Do logs' texts of a
    /// file whose logs passed. Every load keeps that word in the cache.
    pub(super) fn trusts_own_checks(&self) -> bool {
        // Only a load that reads every other text: one that leaves texts on disk
        // must say each is not read rather than pass it on the cache's word.
        self.checked_logs_on_disk && !self.texts_on_disk && self.meetings_reader.is_none()
    }

    pub fn leaves_texts_on_disk(&self) -> bool {
        self.texts_on_disk
    }

    pub(super) fn shed_meetings(&self, file: &mut MeetingsFile) {
        if let Some(reader) = &self.meetings_reader {
            meetings::leave_out_others_texts(file, reader);
        }
    }

    pub(super) fn shed_goals_texts(&self, file: &mut GoalsFile) {
        if self.checked_logs_on_disk {
            leave_checked_logs_on_disk(file);
        }
        self.shed_texts(file);
    }

    pub(super) fn shed_texts(&self, file: &mut impl HeldTexts) {
        if self.texts_on_disk {
            file.leave_texts_on_disk();
        }
    }

    /// The file `source` names read again, whole, when its bytes are still those
    /// `versions` recorded when it was loaded: it is then the loaded file with its
    /// texts. Else the file changed on disk ([`StoreError::ChangedOnDisk`]).
    pub fn read_as_loaded<T: Record>(&self, versions: &Versions, source: &Source) -> Result<T, StoreError> {
        let path = self.path_of(source)?;
        let loaded = known_version(&versions.0, &Self::relative_path(source));
        match self.read_record::<T>(source, &path, None) {
            Ok(Some((file, version))) if version == loaded => Ok(file),
            Ok(_) => Err(StoreError::ChangedOnDisk(self.display_path(source))),
            Err(fault) => Err(StoreError::of_fault(self.display_path(source), fault)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Only a load that reads every text but the checked Do logs takes the cache's
    /// word for a file's checks: one that leaves texts on disk says each not read.
    #[test]
    fn only_an_exports_load_trusts_the_checks_the_cache_keeps() {
        let store = || Store::new("data");
        assert!(store().reading_for_export().trusts_own_checks());
        assert!(!store().trusts_own_checks());
        assert!(!store().reading_texts().trusts_own_checks());
        assert!(!store().reading_for_export().leaving_texts_on_disk().trusts_own_checks());
        assert!(!store().reading_for_export().reading_meetings_as("P1").trusts_own_checks());
    }
}
