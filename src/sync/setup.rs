//! Starting a data set as a git repository, and getting one from a server.

use std::path::Path;

use super::SyncError;
use super::git::Git;
use super::local::{Identity, commit};
use crate::model::{Org, Person, Source};
use crate::store::{Store, StoreError, atomic};

/// Line ends stay as the program writes them, and TOML files are never merged line by
/// line: git keeps one whole version instead of writing conflict markers.
pub const GITATTRIBUTES: &str = "# pdca: TOML files keep LF line ends and are never merged line by line\n\
                                 *.toml text eol=lf -merge\n";
/// Temporary files of a save, lock files, and this machine's copies kept after a conflict.
pub const GITIGNORE: &str = "# pdca: temporary and lock files, and copies kept after a sync conflict\n\
                             .*.pdca-tmp.*\n*.lock\npdca-conflicts/\n";

/// Makes the data set at `root` a git repository (or adds to the one it is) with a
/// commit holding every file.
pub fn init_repository(root: &Path) -> Result<(), SyncError> {
    let git = Git::new(root);
    git.run(&["init", "--quiet"])?;
    let store = Store::new(root);
    for (name, text) in [(".gitattributes", GITATTRIBUTES), (".gitignore", GITIGNORE)] {
        let path = store.confined(Path::new(name))?;
        if !path.exists() {
            atomic::create_atomically(&path, text.as_bytes()).map_err(|source| StoreError::Io { path, source })?;
        }
    }
    git.run(&["add", "--all"])?;
    if git.succeeds(&["diff", "--cached", "--quiet"])? && git.resolve("HEAD")?.is_some() {
        return Ok(());
    }
    let identity = Identity { name: "pdca".to_owned(), email: "pdca@pdca.invalid".to_owned() };
    commit(&git, &identity, "pdca init\n")
}

/// Clones `url` into `dir`, then sets the repository's git identity to the person of
/// org.toml whose `login` is `os_user`; gives that person, if any.
pub fn clone(url: &str, dir: &Path, os_user: Option<&str>) -> Result<Option<Person>, SyncError> {
    let parent = dir.parent().filter(|parent| !parent.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|source| StoreError::Io { path: parent.to_path_buf(), source })?;
    Git::new(parent).run(&[
        std::ffi::OsStr::new("clone"),
        std::ffi::OsStr::new("--quiet"),
        url.as_ref(),
        dir.as_os_str(),
    ])?;
    // Files checked out in the same second as the index look changed to git until it
    // looks again; looking once now spares the first sync that (0.6 s at 20,000 files).
    Git::new(dir).output(&["update-index", "-q", "--refresh"])?;
    let org = Store::new(dir).read_file::<Org>(&Source::Org)?;
    let person = os_user.and_then(|login| org?.people.into_iter().find(|p| p.login.as_deref() == Some(login)));
    if let Some(person) = &person {
        let identity = Identity::of(person);
        let git = Git::new(dir);
        git.run(&["config", "user.name", &identity.name])?;
        git.run(&["config", "user.email", &identity.email])?;
    }
    Ok(person)
}
