//! Reading one file of the data set without trusting it: only a regular file is
//! opened (never a link, a folder, a named pipe or a device), never more than a
//! size limit is read, and text that is not UTF-8 is reported where it breaks.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::cache::Stamp;

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

/// What is known of a file [`usable`] accepted, without opening it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Facts {
    pub len: u64,
    /// What identifies its content for the parse cache; `None` when its times are unknown.
    pub stamp: Option<Stamp>,
}

/// What is known of a file without opening it, when it is one that may be read: a
/// regular file under the limit. `Ok(None)` when there is no file.
pub fn usable(path: &Path, limit: u64) -> Result<Option<Facts>, Fault> {
    let metadata = match fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(unreadable(&error)),
    };
    let kind = metadata.file_type();
    let found = if kind.is_file() {
        None
    } else if kind.is_dir() {
        Some(FileKind::Folder)
    } else if kind.is_symlink() {
        Some(FileKind::Link)
    } else {
        Some(FileKind::Special)
    };
    accepted(found, Facts { len: metadata.len(), stamp: Stamp::of(&metadata) }, limit)
}

/// The facts of a regular file (`not_a_file` is `None`) under the limit.
fn accepted(not_a_file: Option<FileKind>, facts: Facts, limit: u64) -> Result<Option<Facts>, Fault> {
    if let Some(found) = not_a_file {
        return Err(Fault::of(ProblemKind::NotAFile { found }));
    }
    if facts.len > limit {
        return Err(Fault::of(ProblemKind::TooLarge { bytes: facts.len, limit }));
    }
    Ok(Some(facts))
}

fn unreadable(error: &io::Error) -> Fault {
    Fault::of(ProblemKind::Unreadable { reason: error.to_string() })
}

/// A folder whose files are looked at by name. On Unix each look goes through a
/// handle to the folder and resolves the file's name alone, not the whole path
/// again: at a city's size, walking the path was half the time of every look
/// (`perf`, HR's `show tree` at 20,000 people). A folder that cannot be opened so
/// is looked in by path, as everywhere else.
pub struct Folder {
    path: PathBuf,
    #[cfg(unix)]
    handle: Option<File>,
}

impl Folder {
    pub fn open(path: PathBuf) -> Folder {
        #[cfg(unix)]
        let handle = {
            use std::os::unix::fs::OpenOptionsExt;
            // Never through a link in its place, as the files in it are never read through one.
            let flags = libc::O_DIRECTORY | libc::O_NOFOLLOW;
            File::options().read(true).custom_flags(flags).open(&path).ok()
        };
        Folder {
            path,
            #[cfg(unix)]
            handle,
        }
    }

    /// The path of the file `name` in it.
    fn path_of(&self, name: &str) -> PathBuf {
        self.path.join(name)
    }

    /// [`usable`] for the file `name` in it.
    pub fn usable(&self, name: &str, limit: u64) -> Result<Option<Facts>, Fault> {
        #[cfg(unix)]
        if let Some(handle) = &self.handle {
            return usable_in(handle, name, limit);
        }
        usable(&self.path_of(name), limit)
    }

    /// [`read_usable`] for the file `name` in it, which [`Folder::usable`]
    /// accepted: opened through the same handle, so that what is read is in the
    /// folder that was looked in, even if another has taken its place since.
    pub fn read(&self, name: &str, facts: &Facts, limit: u64) -> Result<Vec<u8>, Fault> {
        #[cfg(unix)]
        if let Some(handle) = &self.handle {
            return read_opened(open_in(handle, name).map_err(|error| unreadable(&error))?, facts, limit);
        }
        read_usable(&self.path_of(name), facts, limit)
    }
}

/// [`open`] for the file `name` in the folder `handle`.
#[cfg(unix)]
fn open_in(folder: &File, name: &str) -> io::Result<File> {
    use std::os::fd::{AsRawFd, FromRawFd};
    let name = c_name(name)?;
    let flags = libc::O_RDONLY | libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC;
    // SAFETY: the name is a C string and the handle a folder open for as long as the call.
    let opened = unsafe { libc::openat(folder.as_raw_fd(), name.as_ptr(), flags) };
    if opened < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: `opened` is a new descriptor that nothing else owns.
    regular(unsafe { File::from_raw_fd(opened) })
}

/// A file's name as the system takes it; a name with a NUL byte is no file's.
#[cfg(unix)]
fn c_name(name: &str) -> io::Result<std::ffi::CString> {
    std::ffi::CString::new(name).map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))
}

/// [`usable`] for the file `name` in the folder `handle`, without following a
/// link in its place.
#[cfg(unix)]
fn usable_in(folder: &File, name: &str, limit: u64) -> Result<Option<Facts>, Fault> {
    use std::os::fd::AsRawFd;
    let name = c_name(name).map_err(|error| unreadable(&error))?;
    // SAFETY: `stat` is plain data the call fills in; the name is a C string and
    // the handle a folder open for as long as the call.
    let mut stat: libc::stat = unsafe { std::mem::zeroed() };
    let looked = unsafe { libc::fstatat(folder.as_raw_fd(), name.as_ptr(), &mut stat, libc::AT_SYMLINK_NOFOLLOW) };
    if looked != 0 {
        let error = io::Error::last_os_error();
        return match error.kind() {
            io::ErrorKind::NotFound => Ok(None),
            _ => Err(unreadable(&error)),
        };
    }
    let found = match stat.st_mode & libc::S_IFMT {
        libc::S_IFREG => None,
        libc::S_IFDIR => Some(FileKind::Folder),
        libc::S_IFLNK => Some(FileKind::Link),
        _ => Some(FileKind::Special),
    };
    let len = u64::try_from(stat.st_size).unwrap_or(0);
    accepted(found, Facts { len, stamp: Stamp::of_stat(&stat) }, limit)
}

/// The text of a file [`usable`] accepted.
pub fn read_usable(path: &Path, facts: &Facts, limit: u64) -> Result<Vec<u8>, Fault> {
    read_opened(open(path).map_err(|error| unreadable(&error))?, facts, limit)
}

fn read_opened(file: File, facts: &Facts, limit: u64) -> Result<Vec<u8>, Fault> {
    let mut bytes = Vec::with_capacity(facts.len as usize);
    // A file that grew since it was measured is still read no further than the limit.
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|error| unreadable(&error))?;
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
    regular(File::options().read(true).custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK).open(path)?)
}

/// The file, if it is a regular one.
#[cfg(unix)]
fn regular(file: File) -> io::Result<File> {
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

    /// Each kind of entry, looked at through a folder's handle and by its path alike.
    #[cfg(unix)]
    #[test]
    fn a_folder_looks_at_its_files_as_their_paths_are_looked_at() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join("a.toml"), "a = 1\n").unwrap();
        // Modified long before it changed, so that a stamp that mixed them up differs.
        let long_ago = std::time::UNIX_EPOCH + std::time::Duration::new(1_000_000_000, 123_456_789);
        File::options().write(true).open(root.join("a.toml")).unwrap().set_modified(long_ago).unwrap();
        fs::write(root.join("large.toml"), "a = 12345678901234567890\n").unwrap();
        fs::create_dir(root.join("folder.toml")).unwrap();
        std::os::unix::fs::symlink(root.join("a.toml"), root.join("link.toml")).unwrap();
        std::os::unix::fs::symlink(root.join("gone"), root.join("dangling.toml")).unwrap();
        let pipe = std::ffi::CString::new(root.join("pipe.toml").to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(pipe.as_ptr(), 0o600) }, 0);
        std::os::unix::fs::symlink(root, root.join("linked folder")).unwrap();
        let names = ["a.toml", "large.toml", "folder.toml", "link.toml", "dangling.toml", "pipe.toml", "none.toml"];
        for (folder, by_handle) in [(root.to_path_buf(), true), (root.join("linked folder"), false)] {
            let looked_in = Folder::open(folder.clone());
            assert_eq!(looked_in.handle.is_some(), by_handle, "a link in the folder's place is not opened");
            for name in names {
                let by_path = usable(&folder.join(name), 10);
                assert_eq!(looked_in.usable(name, 10), by_path, "{name}");
            }
        }
        let found = Folder::open(root.to_path_buf()).usable("a.toml", 10).unwrap().unwrap();
        assert!(found.stamp.is_some(), "a stamp, the same as by path (above)");
        let looked_in = Folder::open(root.join("linked folder"));
        assert_eq!(looked_in.read("a.toml", &found, 10).unwrap(), b"a = 1\n", "read by path");
        let link = Folder::open(root.to_path_buf()).read("link.toml", &found, 10).unwrap_err();
        assert!(matches!(link.kind, ProblemKind::Unreadable { .. }), "never read through a link: {link:?}");
    }

    /// A file looked at in a folder is read from that folder, even when another
    /// has taken the folder's place since (a sync moving folders during a load).
    #[cfg(unix)]
    #[test]
    fn a_folder_reads_the_files_it_looked_at() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("goals");
        fs::create_dir(&folder).unwrap();
        fs::write(folder.join("P1.toml"), "a = 1\n").unwrap();
        let looked_in = Folder::open(folder.clone());
        let facts = looked_in.usable("P1.toml", 100).unwrap().unwrap();
        fs::rename(&folder, dir.path().join("goals moved")).unwrap();
        fs::create_dir(&folder).unwrap();
        fs::write(folder.join("P1.toml"), "a = 2222\n").unwrap();
        assert_eq!(looked_in.read("P1.toml", &facts, 100).unwrap(), b"a = 1\n");
    }

    #[test]
    fn text_that_is_not_utf8_is_reported_where_it_breaks() {
        // 目標 in Shift_JIS on the second line.
        let bytes = b"owner = \"P1\"\ntitle = \"\x96\xda\x95\x57\"\n".to_vec();
        let fault = utf8(bytes).unwrap_err();
        assert_eq!((fault.kind, fault.location), (ProblemKind::NotUtf8, Some(Location { line: 2, column: 10 })));
    }
}
