//! What the program remembers for the user between runs: the person chosen in a
//! demonstration data set's picker, per data-set folder. It lives in the user's
//! config folder (`state.toml` beside `config.toml`), never in the data set, which
//! is shared and holds only the organisation's records. The program alone writes
//! the file; `config.toml` stays the user's.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::{Location, ProblemKind};
use crate::store::{self, atomic};

/// The state file's name inside the config folder.
pub const STATE_FILE: &str = "state.toml";

#[derive(Debug, Default, Serialize, Deserialize)]
struct State {
    /// Staff id chosen in the picker, by the data-set folder's absolute path.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    demo_person: BTreeMap<String, String>,
    /// Whatever a later version keeps here.
    #[serde(flatten)]
    extra: toml::Table,
}

/// Why a choice was not kept.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// The state file is there but is not TOML this program understands: it is left
    /// as it is (it may be a later version's, or the user's own edit gone wrong).
    #[error("{}{}: {kind:?}", path.display(), location.map(|at| format!(":{at}")).unwrap_or_default())]
    Unreadable { path: PathBuf, location: Option<Location>, kind: Box<ProblemKind> },
    #[error(transparent)]
    Io(#[from] io::Error),
}

fn key(data_root: &Path) -> String {
    std::path::absolute(data_root).unwrap_or_else(|_| data_root.to_path_buf()).display().to_string()
}

/// What the state file holds; nothing when there is none.
fn read(config_dir: &Path) -> Result<State, StateError> {
    let path = config_dir.join(STATE_FILE);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(State::default()),
        Err(error) => return Err(error.into()),
    };
    let unreadable = |location, kind| StateError::Unreadable { path: path.clone(), location, kind: Box::new(kind) };
    let text = store::read::utf8(bytes).map_err(|fault| unreadable(fault.location, fault.kind))?;
    store::parse(&text).map_err(|(location, message)| unreadable(Some(location), ProblemKind::Parse(message)))
}

/// The person last chosen for the data set at `data_root`, if any. A state file that
/// cannot be read only means nothing is remembered: the picker asks again.
pub fn remembered_person(config_dir: &Path, data_root: &Path) -> Option<String> {
    read(config_dir).ok()?.demo_person.remove(&key(data_root))
}

/// Remembers `id` as the person at the keyboard for the data set at `data_root`;
/// returns the file written. The file is replaced whole by the store's atomic
/// writer, so a crash leaves the old one; a file that cannot be read is never
/// replaced, and the choice is then not kept.
pub fn remember_person(config_dir: &Path, data_root: &Path, id: &str) -> Result<PathBuf, StateError> {
    let mut state = read(config_dir)?;
    state.demo_person.insert(key(data_root), id.to_owned());
    let text = toml::to_string(&state).map_err(io::Error::other)?;
    let path = config_dir.join(STATE_FILE);
    atomic::write_atomically(&path, text.as_bytes())?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_choice_is_kept_per_data_set_and_other_keys_survive() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config");
        assert_eq!(remembered_person(&config, Path::new("/data/a")), None);
        remember_person(&config, Path::new("/data/a"), "P0003").unwrap();
        remember_person(&config, Path::new("/data/b"), "P0011").unwrap();
        assert_eq!(remembered_person(&config, Path::new("/data/a")).as_deref(), Some("P0003"));
        assert_eq!(remembered_person(&config, Path::new("/data/b")).as_deref(), Some("P0011"));
        let text = std::fs::read_to_string(config.join(STATE_FILE)).unwrap();
        std::fs::write(config.join(STATE_FILE), format!("later = 1\n{text}")).unwrap();
        remember_person(&config, Path::new("/data/a"), "P0001").unwrap();
        let text = std::fs::read_to_string(config.join(STATE_FILE)).unwrap();
        assert!(text.contains("later = 1"), "{text}");
        assert_eq!(remembered_person(&config, Path::new("/data/a")).as_deref(), Some("P0001"));
    }

    #[test]
    fn a_file_that_cannot_be_read_is_kept_byte_for_byte_and_said_where() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(STATE_FILE);
        // A syntax error on line 2, and 目標 in Shift_JIS on line 2.
        for (bytes, at, not_utf8) in [
            (&b"later = 1\ndemo_person = [\n"[..], Location { line: 2, column: 16 }, false),
            (&b"later = 1\nname = \"\x96\xda\x95\x57\"\n"[..], Location { line: 2, column: 9 }, true),
        ] {
            std::fs::write(&path, bytes).unwrap();
            let refused = remember_person(dir.path(), Path::new("/data/a"), "P0003").unwrap_err();
            let StateError::Unreadable { path: named, location, kind } = refused else { panic!("{refused:?}") };
            assert_eq!((named, location), (path.clone(), Some(at)));
            assert_eq!(*kind == ProblemKind::NotUtf8, not_utf8, "{kind:?}");
            assert_eq!(std::fs::read(&path).unwrap(), bytes, "the file is left as it was");
        }
    }

    #[cfg(unix)]
    #[test]
    fn the_file_is_replaced_by_the_one_atomic_writer() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(STATE_FILE);
        std::fs::write(&path, "").unwrap();
        // The atomic writer keeps the permissions the file had.
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        remember_person(dir.path(), Path::new("/data/a"), "P0003").unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary left");
    }

    #[test]
    fn a_broken_file_remembers_nothing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(STATE_FILE), "demo_person = [").unwrap();
        assert_eq!(remembered_person(dir.path(), Path::new("/data/a")), None);
    }
}
