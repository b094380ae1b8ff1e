//! Crash-safe file replacement: write a new file beside the target, flush it to
//! disk, rename it over the target, then flush the folder. At any instant the
//! target is either the old or the new file, never a torn mix.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

/// Marks temporary files, so that loaders skip them and later runs can clean them.
pub const TEMP_MARK: &str = ".pdca-tmp.";

/// How old a leftover temporary file must be before it is removed: younger ones may
/// belong to a save that another process is making right now.
pub const STALE_AFTER: Duration = Duration::from_secs(5 * 60);

pub fn write_atomically(target: &Path, bytes: &[u8]) -> io::Result<()> {
    replace_with(target, Flush::ToDisk, |file| file.write_all(bytes))
}

/// Like [`write_atomically`], the new file's content written by `write` as it is
/// made (a long export), through a buffer; answers what `write` answered. An error
/// of `write` leaves the target as it was.
pub fn write_atomically_with<T, E: From<io::Error>>(
    target: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<T, E>,
) -> Result<T, E> {
    let mut failed = None;
    let written = replace_with(target, Flush::ToDisk, |file| {
        let mut buffered = io::BufWriter::with_capacity(1 << 16, file);
        match write(&mut buffered) {
            Ok(value) => buffered.flush().map(|()| value),
            Err(error) => {
                failed = Some(error);
                Err(io::Error::other("the content could not be made"))
            }
        }
    });
    match failed {
        Some(error) => Err(error),
        None => Ok(written?),
    }
}

/// Like [`write_atomically`], without waiting for the disk: for files that are
/// checked when read and cost only time when lost (the parse cache), so that a load
/// does not wait on a busy disk for them. After a crash the target may be the old
/// file, the new one, or empty or torn.
pub fn write_atomically_unflushed(target: &Path, bytes: &[u8]) -> io::Result<()> {
    replace_with(target, Flush::No, |file| file.write_all(bytes))
}

#[derive(Clone, Copy, PartialEq)]
enum Flush {
    ToDisk,
    No,
}

fn replace_with<T>(target: &Path, flush: Flush, write: impl FnOnce(&mut fs::File) -> io::Result<T>) -> io::Result<T> {
    let folder = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(folder)?;
    let temp = temp_path(folder, target);
    let result = write_new(&temp, target, flush, write).and_then(|value| replace(&temp, target).map(|()| value));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    let value = result?;
    if flush == Flush::ToDisk {
        sync_folder(folder)?;
    }
    Ok(value)
}

/// Like [`write_atomically`], but never replaces a file: fails with
/// `io::ErrorKind::AlreadyExists` when `target` exists. The new file is linked into
/// place, which fails atomically if the name is taken; on file systems without hard
/// links it is renamed after a check.
pub fn create_atomically(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let folder = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(folder)?;
    let temp = temp_path(folder, target);
    let exists = || io::Error::new(io::ErrorKind::AlreadyExists, "already exists; refusing to overwrite it");
    let result =
        write_new(&temp, target, Flush::ToDisk, |file| file.write_all(bytes)).and_then(|()| {
            match fs::hard_link(&temp, target) {
                Ok(()) => Ok(()),
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists => Err(exists()),
                Err(_) if target.exists() => Err(exists()),
                Err(_) => replace(&temp, target),
            }
        });
    let _ = fs::remove_file(&temp);
    result?;
    sync_folder(folder)
}

/// Renames `temp` over `target`. On Windows a file that another program has open
/// (a virus scanner, a reader on the shared folder) cannot be replaced for a moment:
/// the rename is tried again for a short while before the save is refused, with the
/// old file untouched.
fn replace(temp: &Path, target: &Path) -> io::Result<()> {
    #[cfg(windows)]
    {
        const TRIES: u32 = 20;
        const PAUSE: Duration = Duration::from_millis(50);
        let mut tries = 1;
        loop {
            match fs::rename(temp, target) {
                Err(error) if error.kind() == io::ErrorKind::PermissionDenied && tries < TRIES => {
                    tries += 1;
                    std::thread::sleep(PAUSE);
                }
                result => return result,
            }
        }
    }
    #[cfg(not(windows))]
    fs::rename(temp, target)
}

fn temp_path(folder: &Path, target: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let serial = COUNTER.fetch_add(1, Ordering::Relaxed);
    folder.join(format!(".{name}{TEMP_MARK}{}.{serial}", std::process::id()))
}

fn write_new<T>(
    temp: &Path,
    target: &Path,
    flush: Flush,
    write: impl FnOnce(&mut fs::File) -> io::Result<T>,
) -> io::Result<T> {
    let mut file = OpenOptions::new().write(true).create_new(true).open(temp)?;
    // Keep the permissions an administrator gave the file it replaces.
    if let Ok(old) = fs::metadata(target) {
        file.set_permissions(old.permissions())?;
    }
    let value = write(&mut file)?;
    if flush == Flush::ToDisk {
        file.sync_all()?;
    }
    Ok(value)
}

#[cfg(unix)]
fn sync_folder(folder: &Path) -> io::Result<()> {
    fs::File::open(folder)?.sync_all()
}

#[cfg(not(unix))]
fn sync_folder(_folder: &Path) -> io::Result<()> {
    // Folders cannot be opened for syncing here; the rename is still atomic.
    Ok(())
}

pub fn is_temp_file(name: &str) -> bool {
    name.contains(TEMP_MARK)
}

/// Whether `entry` (named `name`) is a save's temporary file; one left behind by a
/// save that was killed (older than [`STALE_AFTER`]) is removed. Called as a folder
/// is listed, so that cleaning costs no listing of its own.
pub fn clean_if_stale_temp(entry: &fs::DirEntry, name: &str, now: SystemTime) -> bool {
    if !is_temp_file(name) {
        return false;
    }
    let modified = entry.metadata().and_then(|m| m.modified());
    if modified.is_ok_and(|at| now.duration_since(at).unwrap_or_default() >= STALE_AFTER) {
        let _ = fs::remove_file(entry.path());
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_behind() {
        for write in [write_atomically, write_atomically_unflushed] {
            let dir = tempfile::tempdir().unwrap();
            let target = dir.path().join("sub/a.toml");
            fs::create_dir_all(target.parent().unwrap()).unwrap();
            fs::write(&target, "old = 1\n").unwrap();
            write(&target, b"new = 2\n").unwrap();
            assert_eq!(fs::read_to_string(&target).unwrap(), "new = 2\n");
            assert_eq!(fs::read_dir(target.parent().unwrap()).unwrap().count(), 1);
        }
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_intact() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.toml");
        fs::write(&target, "old = 1\n").unwrap();
        // A folder where the file should be makes the rename fail after the temp file is written.
        let blocked = dir.path().join("b.toml");
        fs::create_dir(&blocked).unwrap();
        fs::write(blocked.join("inside"), "x").unwrap();
        assert!(write_atomically(&blocked, b"new = 2\n").is_err());
        assert_eq!(fs::read_to_string(&target).unwrap(), "old = 1\n");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 2, "no temporary left: {names:?}");
    }

    /// Content written as it is made: in place when whole; when making it fails
    /// half-way, the old file stays, no temporary is left, and the maker's own error
    /// is the one returned.
    #[test]
    fn content_written_as_it_is_made_replaces_the_file_only_when_whole() {
        #[derive(Debug, PartialEq)]
        enum Made {
            Io(io::ErrorKind),
            Stopped,
        }
        impl From<io::Error> for Made {
            fn from(error: io::Error) -> Made {
                Made::Io(error.kind())
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("export.toml");
        fs::write(&target, "old = 1\n").unwrap();
        let half_way = write_atomically_with(&target, |to| -> Result<(), Made> {
            to.write_all(b"new = 2\n")?;
            Err(Made::Stopped)
        });
        assert_eq!(half_way, Err(Made::Stopped));
        assert_eq!(fs::read_to_string(&target).unwrap(), "old = 1\n");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary left");
        let whole = write_atomically_with(&target, |to| -> Result<(), Made> {
            for part in ["a = 1\n", "b = 2\n"] {
                to.write_all(part.as_bytes())?;
            }
            Ok(())
        });
        assert_eq!(whole, Ok(()));
        assert_eq!(fs::read_to_string(&target).unwrap(), "a = 1\nb = 2\n");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary left");
    }

    #[test]
    fn create_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("sub/a.toml");
        create_atomically(&target, b"first = 1\n").unwrap();
        let error = create_atomically(&target, b"second = 2\n").unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&target).unwrap(), "first = 1\n");
        assert_eq!(fs::read_dir(target.parent().unwrap()).unwrap().count(), 1, "no temporary left");
    }

    #[test]
    fn only_stale_temporaries_are_cleaned() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(format!(".a.toml{TEMP_MARK}1.0"));
        let fresh = dir.path().join(format!(".b.toml{TEMP_MARK}1.1"));
        fs::write(&stale, "torn").unwrap();
        fs::write(&fresh, "in progress").unwrap();
        let now = SystemTime::now();
        fs::File::options().write(true).open(&stale).unwrap().set_modified(now - STALE_AFTER * 2).unwrap();
        let mut temporaries = 0;
        for entry in fs::read_dir(dir.path()).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            temporaries += usize::from(clean_if_stale_temp(&entry, &name, now));
        }
        assert_eq!(temporaries, 2);
        assert!(!stale.exists());
        assert!(fresh.exists());
    }
}
