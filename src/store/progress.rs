//! How far a load has got, for the app to show while a large data set loads: the
//! files found in the cycle's folders so far, and how many of them are read.

use std::sync::atomic::{AtomicUsize, Ordering};

impl super::Store {
    /// The store, counting in `progress` the files each load finds and reads.
    pub fn with_progress(self, progress: std::sync::Arc<LoadProgress>) -> super::Store {
        super::Store { progress: Some(progress), ..self }
    }
}

#[derive(Debug, Default)]
pub struct LoadProgress {
    found: AtomicUsize,
    read: AtomicUsize,
}

impl LoadProgress {
    /// Files read and files found so far (more are found as each folder is listed).
    pub fn counts(&self) -> (usize, usize) {
        // Read first: a file is found before it is read, so `read <= found` holds.
        let read = self.read.load(Ordering::Relaxed);
        (read, self.found.load(Ordering::Relaxed).max(read))
    }

    pub(super) fn found(&self, files: usize) {
        self.found.fetch_add(files, Ordering::Relaxed);
    }

    pub(super) fn read_one(&self) {
        self.read.fetch_add(1, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::store::Store;

    #[test]
    fn a_load_counts_every_per_person_file_of_the_cycle_found_and_read() {
        let dir = tempfile::tempdir().unwrap();
        let progress = Arc::new(LoadProgress::default());
        let store = Store::new(dir.path()).with_progress(progress.clone());
        store.init_sample().unwrap();
        assert_eq!(progress.counts(), (0, 0));
        store.load(None).unwrap();
        // The sample's 2026: 21 goals, 7 feedback, 1 calibration and 9 meetings files.
        assert_eq!(progress.counts(), (38, 38));
    }
}
