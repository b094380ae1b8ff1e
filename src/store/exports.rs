//! HR's export files kept inside the data set, where the app's export key writes:
//! `pdca-exports/<cycle>/pdca-hr-export-<cycle>.toml`. Outside the layout of
//! records, like a sync's conflict copies, so a sync never takes them for data.

use std::path::PathBuf;

use super::{Store, StoreError, atomic};

/// The folder at the data set's root that holds exports.
pub const EXPORTS_DIR: &str = "pdca-exports";

impl Store {
    /// Where the TOML export of `cycle` goes, relative to the root.
    pub fn export_path(cycle: &str) -> PathBuf {
        [EXPORTS_DIR, cycle, &format!("pdca-hr-export-{cycle}.toml")].iter().collect()
    }

    /// Writes an export of `cycle` atomically (replacing the last one) and answers
    /// its path relative to the root. The cycle id must be a valid id, and no folder
    /// on the way may be a link ([`Store::confined`]).
    pub fn write_export(&self, cycle: &str, bytes: &[u8]) -> Result<PathBuf, StoreError> {
        crate::model::ident::check_id(cycle).map_err(|reason| StoreError::BadId { id: cycle.to_owned(), reason })?;
        let relative = Store::export_path(cycle);
        let path = self.confined(&relative)?;
        // A regular file is replaced; never a link or anything else in its place.
        if std::fs::symlink_metadata(&path).is_ok_and(|found| !found.file_type().is_file()) {
            return Err(StoreError::OutsideDataSet(path));
        }
        atomic::write_atomically(&path, bytes).map_err(|source| StoreError::Io { path: path.clone(), source })?;
        Ok(relative)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn an_export_is_written_inside_the_data_set_and_replaced_next_time() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let relative = store.write_export("2026", b"first").unwrap();
        assert_eq!(relative, Path::new("pdca-exports").join("2026").join("pdca-hr-export-2026.toml"));
        store.write_export("2026", b"second").unwrap();
        assert_eq!(std::fs::read(dir.path().join(&relative)).unwrap(), b"second");
        assert!(matches!(store.write_export("../x", b"no"), Err(StoreError::BadId { .. })));
    }
}
