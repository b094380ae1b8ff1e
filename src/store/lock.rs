//! The lock a save holds from reading the file on disk to replacing it: of two
//! saves of the same file at the same instant, one waits, then finds the file
//! changed and is refused, instead of both reporting "saved" and one being lost.
//!
//! The lock is an advisory lock on a separate file in the data file's folder
//! (`.pdca.lock`), never on the data file itself: on a Windows shared folder (SMB) a
//! lock on the data file would be mandatory and keep everyone else from reading it.
//! One lock per folder rather than per file: saves in one folder wait for each
//! other for the few milliseconds a save takes, and a folder of 20,000 sheets does
//! not gain 20,000 lock files.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::StoreError;
use crate::model::{FileKind, ProblemKind};

/// How long a save waits for another save of the same file to finish.
const WAIT: Duration = Duration::from_secs(5);
const POLL: Duration = Duration::from_millis(10);

/// Held while it lives; released when dropped.
pub(super) struct SaveLock {
    _file: File,
}

/// The name of the lock file in every folder the store writes in.
pub const LOCK_FILE: &str = ".pdca.lock";

/// The lock file that guards saves of `target`.
pub fn lock_path(target: &Path) -> PathBuf {
    target.with_file_name(LOCK_FILE)
}

impl SaveLock {
    /// Takes the lock of `target`, waiting up to a few seconds for another save.
    pub(super) fn take(target: &Path) -> Result<SaveLock, StoreError> {
        let path = lock_path(target);
        let io = |source| StoreError::Io { path: path.clone(), source };
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(io)?;
        }
        // Never truncated or removed: another save may hold it right now.
        let file = open_lock_file(&path)?;
        let deadline = Instant::now() + WAIT;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(SaveLock { _file: file }),
                Err(std::fs::TryLockError::WouldBlock) if Instant::now() < deadline => std::thread::sleep(POLL),
                Err(std::fs::TryLockError::WouldBlock) => return Err(StoreError::Locked(target.to_path_buf())),
                // A file system without locks (some network drives): the check of the
                // file's content before replacing it still guards the save.
                Err(std::fs::TryLockError::Error(error)) if error.kind() == std::io::ErrorKind::Unsupported => {
                    return Ok(SaveLock { _file: file });
                }
                Err(std::fs::TryLockError::Error(error)) => return Err(io(error)),
            }
        }
    }
}

/// Opens (creating it if need be) the lock file, which must be a regular file: a
/// link there (planted in a shared folder, or brought in by a copy) would make every
/// save create or open a file wherever it leads, outside the data set, and a named
/// pipe would hang every save, waiting for a reader that never comes.
fn open_lock_file(path: &Path) -> Result<File, StoreError> {
    let not_a_file = |found| StoreError::BadFile {
        path: path.to_path_buf(),
        location: None,
        kind: Box::new(ProblemKind::NotAFile { found }),
    };
    let kind_of = |kind: std::fs::FileType| {
        if kind.is_dir() {
            FileKind::Folder
        } else if kind.is_symlink() {
            FileKind::Link
        } else {
            FileKind::Special
        }
    };
    if let Ok(metadata) = std::fs::symlink_metadata(path)
        && !metadata.is_file()
    {
        return Err(not_a_file(kind_of(metadata.file_type())));
    }
    let mut options = File::options();
    options.create(true).truncate(false).write(true);
    // Should a link or a pipe take its place after the look above: not followed, not waited on.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW | libc::O_NONBLOCK);
    let file = options.open(path).map_err(|source| match std::fs::symlink_metadata(path) {
        Ok(metadata) if !metadata.is_file() => not_a_file(kind_of(metadata.file_type())),
        _ => StoreError::Io { path: path.to_path_buf(), source },
    })?;
    let metadata = file.metadata().map_err(|source| StoreError::Io { path: path.to_path_buf(), source })?;
    if !metadata.is_file() {
        return Err(not_a_file(kind_of(metadata.file_type())));
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_taker_waits_for_the_first_to_let_go() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("P1.toml");
        let first = SaveLock::take(&target).unwrap();
        let (sender, receiver) = std::sync::mpsc::channel();
        let waiting = std::thread::spawn({
            let target = target.clone();
            move || {
                let second = SaveLock::take(&target);
                sender.send(()).unwrap();
                second.is_ok()
            }
        });
        assert!(receiver.recv_timeout(Duration::from_millis(200)).is_err(), "the second waits while the first holds");
        drop(first);
        assert!(waiting.join().unwrap(), "and takes it once it is let go");
        assert_eq!(lock_path(&target), dir.path().join(LOCK_FILE));
    }

    /// A lock file that is a link is never followed (nothing is created where it
    /// leads), and one that is a named pipe does not hang the save: both are refused.
    #[cfg(unix)]
    #[test]
    fn a_lock_file_that_is_not_a_regular_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir(&data).unwrap();
        let outside = dir.path().join("outside.txt");
        std::os::unix::fs::symlink(&outside, data.join(LOCK_FILE)).unwrap();
        let refused = SaveLock::take(&data.join("P1.toml"));
        assert!(
            matches!(&refused, Err(StoreError::BadFile { kind, .. }) if **kind == ProblemKind::NotAFile { found: FileKind::Link }),
            "{:?}",
            refused.err()
        );
        assert!(!outside.exists(), "nothing is created outside the data set");

        let piped = dir.path().join("piped");
        std::fs::create_dir(&piped).unwrap();
        let name = std::ffi::CString::new(piped.join(LOCK_FILE).to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = sender.send(SaveLock::take(&piped.join("P1.toml")).err().map(|error| format!("{error:?}")));
        });
        let answer =
            receiver.recv_timeout(Duration::from_secs(5)).expect("a pipe in the lock's place does not hang the save");
        assert!(answer.is_some_and(|error| error.contains("Special")));
    }
}
