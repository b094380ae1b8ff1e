//! HR's export files kept inside the data set, where the app's export key writes:
//! `pdca-exports/<cycle>/pdca-hr-export-<cycle>.toml`. Outside the layout of
//! records, like a sync's conflict copies, so a sync never takes them for data.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{Store, StoreError, atomic};

/// The folder at the data set's root that holds exports.
pub const EXPORTS_DIR: &str = "pdca-exports";

impl Store {
    /// Where the TOML export of `cycle` goes, relative to the root.
    pub fn export_path(cycle: &str) -> PathBuf {
        [EXPORTS_DIR, cycle, &format!("pdca-hr-export-{cycle}.toml")].iter().collect()
    }

    /// Writes an export of `cycle` atomically (replacing the last one), its content
    /// written by `write` as it is made, and answers its path relative to the root
    /// with what `write` answered.
    /// The cycle id must be a valid id, and no folder on the way may be a link
    /// ([`Store::confined`]). An error of `write` (which says for itself where its
    /// own writes failed) leaves the last export as it was.
    pub fn write_export<T, E: From<StoreError>>(
        &self,
        cycle: &str,
        write: impl FnOnce(&mut dyn Write, &Path) -> Result<T, E>,
    ) -> Result<(PathBuf, T), E> {
        crate::model::ident::check_id(cycle).map_err(|reason| StoreError::BadId { id: cycle.to_owned(), reason })?;
        let relative = Store::export_path(cycle);
        let path = self.confined(&relative)?;
        // A regular file is replaced; never a link or anything else in its place.
        if std::fs::symlink_metadata(&path).is_ok_and(|found| !found.file_type().is_file()) {
            return Err(StoreError::OutsideDataSet(path).into());
        }
        match atomic::write_atomically_with(&path, |to| write(to, &path).map_err(Made::By)) {
            Ok(value) => Ok((relative, value)),
            Err(Made::By(error)) => Err(error),
            Err(Made::Io(source)) => Err(StoreError::Io { path, source }.into()),
        }
    }
}

/// Why an export file was not written: the writer's own reason, or the file's.
enum Made<E> {
    By(E),
    Io(io::Error),
}

impl<E> From<io::Error> for Made<E> {
    fn from(error: io::Error) -> Self {
        Made::Io(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_is_written_inside_the_data_set_and_replaced_next_time() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let write = |text: &'static [u8]| {
            move |to: &mut dyn Write, path: &Path| {
                to.write_all(text).map_err(|source| StoreError::Io { path: path.to_owned(), source })
            }
        };
        let (relative, ()) = store.write_export("2026", write(b"first")).unwrap();
        assert_eq!(relative, Path::new("pdca-exports").join("2026").join("pdca-hr-export-2026.toml"));
        store.write_export("2026", write(b"second")).unwrap();
        assert_eq!(std::fs::read(dir.path().join(&relative)).unwrap(), b"second");
        assert!(matches!(store.write_export("../x", write(b"no")), Err(StoreError::BadId { .. })));
        // A writer that fails half-way leaves the last export.
        let failed = store.write_export("2026", |to, _| {
            to.write_all(b"half").map_err(|source| StoreError::Io { path: PathBuf::new(), source })?;
            Err::<(), _>(StoreError::OutsideDataSet(PathBuf::new()))
        });
        assert!(matches!(failed, Err(StoreError::OutsideDataSet(_))));
        assert_eq!(std::fs::read(dir.path().join(&relative)).unwrap(), b"second");
    }
}
