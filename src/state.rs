//! What the program remembers for the user between runs: the person chosen in a
//! demonstration data set's picker, per data-set folder. It lives in the user's
//! config folder (`state.toml` beside `config.toml`), never in the data set, which
//! is shared and holds only the organisation's records. The program alone writes
//! the file; `config.toml` stays the user's.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

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

fn key(data_root: &Path) -> String {
    std::path::absolute(data_root).unwrap_or_else(|_| data_root.to_path_buf()).display().to_string()
}

fn read(config_dir: &Path) -> State {
    // A missing or unreadable file only means nothing is remembered: the picker asks again.
    std::fs::read_to_string(config_dir.join(STATE_FILE))
        .ok()
        .and_then(|text| toml::from_str(&text).ok())
        .unwrap_or_default()
}

/// The person last chosen for the data set at `data_root`, if any.
pub fn remembered_person(config_dir: &Path, data_root: &Path) -> Option<String> {
    read(config_dir).demo_person.remove(&key(data_root))
}

/// Remembers `id` as the person at the keyboard for the data set at `data_root`;
/// returns the file written. The file is replaced whole (write, then rename), so a
/// crash leaves the old one.
pub fn remember_person(config_dir: &Path, data_root: &Path, id: &str) -> io::Result<PathBuf> {
    let mut state = read(config_dir);
    state.demo_person.insert(key(data_root), id.to_owned());
    let text = toml::to_string(&state).map_err(io::Error::other)?;
    std::fs::create_dir_all(config_dir)?;
    let mut file = tempfile::NamedTempFile::new_in(config_dir)?;
    io::Write::write_all(&mut file, text.as_bytes())?;
    let path = config_dir.join(STATE_FILE);
    file.persist(&path).map_err(|error| error.error)?;
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
    fn a_broken_file_remembers_nothing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(STATE_FILE), "demo_person = [").unwrap();
        assert_eq!(remembered_person(dir.path(), Path::new("/data/a")), None);
    }
}
