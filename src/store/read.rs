//! Reading one file of the data set without trusting it: only a regular file is
//! opened (never a link, a folder, a named pipe or a device), never more than a
//! size limit is read, and text that is not UTF-8 is reported where it breaks.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::Path;

use crate::model::{FileKind, Location, ProblemKind, Source};

/// The most bytes read of one person's file (goals, feedback, 1on1s, calibration) and
/// of the small files; a real sheet is a few tens of kilobytes.
pub const FILE_LIMIT: u64 = 8 * 1024 * 1024;
/// The most bytes read of the files that grow with the organisation.
pub const LARGE_FILE_LIMIT: u64 = 64 * 1024 * 1024;

/// How many bytes of a source's file are read at most.
pub fn limit_of(source: &Source) -> u64 {
    match source {
        Source::Org | Source::Engagement(_) => LARGE_FILE_LIMIT,
        _ => FILE_LIMIT,
    }
}

/// What keeps a file from being read: its kind, with where it breaks when known.
#[derive(Clone, Debug, PartialEq)]
pub struct Fault {
    pub location: Option<Location>,
    pub kind: ProblemKind,
}

impl Fault {
    fn of(kind: ProblemKind) -> Fault {
        Fault { location: None, kind }
    }
}

/// The file's text; `Ok(None)` when there is no file.
pub fn read_text(path: &Path, limit: u64) -> Result<Option<Vec<u8>>, Fault> {
    match usable(path, limit)? {
        Some(metadata) => read_usable(path, &metadata, limit).map(Some),
        None => Ok(None),
    }
}

/// What is known of a file without opening it, when it is one that may be read: a
/// regular file under the limit. `Ok(None)` when there is no file.
pub fn usable(path: &Path, limit: u64) -> Result<Option<fs::Metadata>, Fault> {
    let metadata = match fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(Fault::of(ProblemKind::Unreadable { reason: error.to_string() })),
    };
    let kind = metadata.file_type();
    if !kind.is_file() {
        let found = if kind.is_dir() {
            FileKind::Folder
        } else if kind.is_symlink() {
            FileKind::Link
        } else {
            FileKind::Special
        };
        return Err(Fault::of(ProblemKind::NotAFile { found }));
    }
    if metadata.len() > limit {
        return Err(Fault::of(ProblemKind::TooLarge { bytes: metadata.len(), limit }));
    }
    Ok(Some(metadata))
}

/// The text of a file [`usable`] accepted.
pub fn read_usable(path: &Path, metadata: &fs::Metadata, limit: u64) -> Result<Vec<u8>, Fault> {
    let unreadable = |error: io::Error| Fault::of(ProblemKind::Unreadable { reason: error.to_string() });
    let file = open(path).map_err(unreadable)?;
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    // A file that grew since it was measured is still read no further than the limit.
    file.take(limit + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() as u64 > limit {
        return Err(Fault::of(ProblemKind::TooLarge { bytes: bytes.len() as u64, limit }));
    }
    Ok(bytes)
}

/// The bytes as UTF-8 text, or where they stop being so.
pub fn utf8(bytes: Vec<u8>) -> Result<String, Fault> {
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&error.into_bytes()[..offset]).into_owned();
        Fault { location: Some(Location::at(&text, offset)), kind: ProblemKind::NotUtf8 }
    })
}

/// Opens for reading without following a final link and without waiting for a
/// writer, should a named pipe have taken the file's place since it was looked at.
#[cfg(unix)]
fn open(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = File::options().read(true).custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK).open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"));
    }
    Ok(file)
}

#[cfg(not(unix))]
fn open(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// What reading one file gave: its record and version, nothing (no such file), or
/// what is wrong with it.
pub(super) type FileRead<T> = Result<Option<(T, super::Version)>, Fault>;

/// A fault of a file whose path could not be built.
pub(super) fn fault_of_path(error: super::StoreError) -> Fault {
    use super::StoreError;
    let kind = match error {
        StoreError::BadId { id, reason } => ProblemKind::BadId { field: "file name", id, reason },
        StoreError::OutsideDataSet(folder) => ProblemKind::LinkedFolder { folder: folder.display().to_string() },
        other => ProblemKind::Unreadable { reason: format!("{other:?}") },
    };
    Fault { location: None, kind }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_under_the_limit_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.toml");
        fs::write(&file, "a = 1\n").unwrap();
        assert_eq!(read_text(&file, 100).unwrap(), Some(b"a = 1\n".to_vec()));
        assert_eq!(read_text(&dir.path().join("none.toml"), 100).unwrap(), None);
        let too_large = read_text(&file, 3).unwrap_err();
        assert_eq!(too_large.kind, ProblemKind::TooLarge { bytes: 6, limit: 3 });
        let folder = dir.path().join("b.toml");
        fs::create_dir(&folder).unwrap();
        assert_eq!(read_text(&folder, 100).unwrap_err().kind, ProblemKind::NotAFile { found: FileKind::Folder });
    }

    #[cfg(unix)]
    #[test]
    fn links_pipes_and_devices_are_never_opened() {
        let dir = tempfile::tempdir().unwrap();
        let dangling = dir.path().join("dangling.toml");
        std::os::unix::fs::symlink(dir.path().join("gone"), &dangling).unwrap();
        assert_eq!(read_text(&dangling, 100).unwrap_err().kind, ProblemKind::NotAFile { found: FileKind::Link });
        let pipe = dir.path().join("pipe.toml");
        let name = std::ffi::CString::new(pipe.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        assert_eq!(read_text(&pipe, 100).unwrap_err().kind, ProblemKind::NotAFile { found: FileKind::Special });
        let device = Path::new("/dev/null");
        assert_eq!(read_text(device, 100).unwrap_err().kind, ProblemKind::NotAFile { found: FileKind::Special });
    }

    #[test]
    fn text_that_is_not_utf8_is_reported_where_it_breaks() {
        // 目標 in Shift_JIS on the second line.
        let bytes = b"owner = \"P1\"\ntitle = \"\x96\xda\x95\x57\"\n".to_vec();
        let fault = utf8(bytes).unwrap_err();
        assert_eq!((fault.kind, fault.location), (ProblemKind::NotUtf8, Some(Location { line: 2, column: 10 })));
    }
}
