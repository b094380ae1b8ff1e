//! Noticing files of the data set that change on disk while the app runs: a sync
//! bringing in others' work, or someone saving into a shared folder.
//!
//! Two ways, so that nothing is missed: the operating system's file events
//! (`notify`), gathered until the folder has been quiet for a moment, and a cheap
//! look at every file's size and time at an interval, for network drives whose
//! events never arrive. Either way the files are compared by size and time with the
//! last look, and only the ones that differ are reported. Whether a reported file
//! differs from what the app loaded (its own save does not) is
//! [`Store::changed_since_load`]'s question.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime};

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode, Watcher as _};

use super::read::LARGE_FILE_LIMIT;
use super::{CYCLES_DIR, LOCK_FILE, Store, Version, Versions, atomic, differs_on_disk, known_version};
use crate::model::hash::HashMap;

/// How long the folder must stay quiet after an event before it is looked at: a
/// sync writes many files, and each save is a write and a rename.
const QUIET: Duration = Duration::from_millis(250);
/// The interval of looks is at least this many times as long as a look takes.
const LOOK_SHARE: u32 = 20;
/// The longest a steady stream of events delays the look.
const LONGEST_WAIT: Duration = Duration::from_secs(2);

/// Watches a data set's top folder and one cycle's folder until dropped.
pub struct Watcher {
    looker: Arc<Looker>,
    stop: Arc<AtomicBool>,
    wake: Sender<()>,
    /// `None` where the system gives no events: the interval alone then notices.
    _events: Option<notify::RecommendedWatcher>,
}

impl Watcher {
    /// Looks at the files now, rather than at the interval: the paths of those that
    /// changed since the last look (which the watcher then does not report again).
    pub fn look_now(&self) -> Vec<PathBuf> {
        self.looker.look()
    }

    /// The files whose modification time, as the looks so far saw it, is `since` or
    /// later, less the clock's resolution on a shared folder: they may have changed
    /// after a load that began then read them, before the watch began. Asked during
    /// a look, a file gone may still be among them: whoever reloads it finds it gone.
    pub fn written_since(&self, since: SystemTime) -> Vec<PathBuf> {
        let since = since.checked_sub(CLOCK_RESOLUTION).unwrap_or(SystemTime::UNIX_EPOCH);
        let last = self.looker.last.lock().unwrap_or_else(PoisonError::into_inner);
        let written = last.iter().filter(|(_, seen)| seen.stamp.modified.is_some_and(|m| m >= since));
        sorted(written.map(|(path, _)| path))
    }
}

/// How coarse a file's modification time can be (FAT and some network shares: two
/// seconds): a file written twice within it may keep the same time.
pub(super) const CLOCK_RESOLUTION: Duration = Duration::from_secs(2);

impl Drop for Watcher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        let _ = self.wake.send(());
    }
}

/// What a file was at a look, by path relative to the root. Kept as the path's
/// bytes: a city's 24,000 paths compared part by part, as paths compare, were a
/// third of a look's time.
type Fingerprint = HashMap<OsString, Seen>;

/// A file's size and modification time.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

/// A file as the last look that found it saw it.
#[derive(Debug)]
struct Seen {
    stamp: Stamp,
    /// The number of that look: a file the latest look did not find is gone.
    look: u32,
}

/// The files to look at, and what they were at the last look.
struct Looker {
    root: PathBuf,
    cycle: Option<String>,
    /// Updated file by file as a look goes: a look never holds a second fingerprint
    /// beside it (at 20,000 people, megabytes at the app's peak), and what asks
    /// after it never waits for a whole look.
    last: Mutex<Fingerprint>,
    /// The number of looks so far; held through a look, as looks update `last` one at a time.
    looks_begun: Mutex<u32>,
    #[cfg(test)]
    looks: std::sync::atomic::AtomicUsize,
}

impl Looker {
    fn new(root: PathBuf, cycle: Option<String>) -> Looker {
        let looker = Looker {
            root,
            cycle,
            last: Mutex::default(),
            looks_begun: Mutex::default(),
            #[cfg(test)]
            looks: Default::default(),
        };
        // What is there when the watch begins, as the first look.
        let first = {
            let mut look = looker.looks_begun.lock().unwrap_or_else(PoisonError::into_inner);
            *look += 1;
            *look
        };
        let mut last = looker.last.lock().unwrap_or_else(PoisonError::into_inner);
        each_file(&looker.root, looker.cycle.as_deref(), &mut |path, stamp| {
            last.insert(path, Seen { stamp, look: first });
        });
        drop(last);
        looker
    }

    /// The paths of the files that appeared, went or changed since the last look.
    fn look(&self) -> Vec<PathBuf> {
        #[cfg(test)]
        self.looks.fetch_add(1, Ordering::Relaxed);
        sorted(self.walk().iter())
    }

    fn walk(&self) -> Vec<OsString> {
        let mut looks_begun = self.looks_begun.lock().unwrap_or_else(PoisonError::into_inner);
        *looks_begun = looks_begun.wrapping_add(1);
        let look = *looks_begun;
        let mut differ = Vec::new();
        each_file(&self.root, self.cycle.as_deref(), &mut |path, stamp| {
            let mut last = self.last.lock().unwrap_or_else(PoisonError::into_inner);
            match last.get_mut(&path) {
                Some(seen) => {
                    if seen.stamp != stamp {
                        differ.push(path);
                    }
                    *seen = Seen { stamp, look };
                }
                None => {
                    differ.push(path.clone());
                    last.insert(path, Seen { stamp, look });
                }
            }
        });
        let mut last = self.last.lock().unwrap_or_else(PoisonError::into_inner);
        last.retain(|path, seen| {
            let found = seen.look == look;
            if !found {
                differ.push(path.clone());
            }
            found
        });
        differ
    }
}

impl Store {
    /// Starts watching the top folder's files and those of `cycle`; `changed` gets the
    /// paths (relative to the root) of files that appeared, went or changed, from a
    /// thread of the watcher's. `look_every` is the interval of the fallback look.
    pub fn watch(&self, cycle: &str, look_every: Duration, changed: impl Fn(Vec<PathBuf>) + Send + 'static) -> Watcher {
        // The cycle's folder is looked into only when it is the data set's own: never through a link.
        let cycle = self.folder_of(cycle, "").ok().map(|_| cycle.to_owned());
        let looker = Arc::new(Looker::new(self.root.clone(), cycle));
        let (wake, woken) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let events = events(&looker.root, looker.cycle.as_deref(), wake.clone());
        let (stopped, looking) = (Arc::clone(&stop), Arc::clone(&looker));
        std::thread::spawn(move || {
            let mut wait = look_every;
            while !stopped.load(Ordering::Relaxed) {
                match woken.recv_timeout(wait) {
                    // Gather the burst of events a save or a sync makes (a while at most).
                    Ok(()) => {
                        let started = Instant::now();
                        while started.elapsed() < LONGEST_WAIT && woken.recv_timeout(QUIET).is_ok() {}
                    }
                    Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => return,
                }
                if stopped.load(Ordering::Relaxed) {
                    return;
                }
                let started = Instant::now();
                let differ = looking.look();
                // On a slow network drive with many files, looking must not become all
                // the watcher does: it waits at least twenty times as long as a look takes.
                wait = look_every.max(started.elapsed() * LOOK_SHARE);
                if !differ.is_empty() {
                    changed(differ);
                }
            }
        });
        Watcher { looker, stop, wake, _events: events }
    }

    /// Those of `paths` (relative to the root) whose content is not what was loaded
    /// (or saved) into `versions`: a file the program wrote itself is not among them.
    /// A path that climbs out of the data set or goes through a linked folder is never
    /// read: it counts as changed unless it was loaded broken.
    pub fn changed_since_load(&self, versions: &Versions, paths: &[PathBuf]) -> Vec<PathBuf> {
        paths
            .iter()
            .filter(|relative| {
                let known = known_version(&versions.0, relative);
                let path = self.confined(relative).map_err(drop);
                match path.and_then(|path| differs_on_disk(&path, LARGE_FILE_LIMIT, known).map_err(drop)) {
                    Ok(differs) => differs,
                    Err(()) => known != Version::Broken,
                }
            })
            .cloned()
            .collect()
    }
}

/// The system's events for the top folder and the cycle's folders, each waking the
/// watcher's thread; `None` when they cannot be had.
fn events(root: &Path, cycle: Option<&str>, wake: Sender<()>) -> Option<notify::RecommendedWatcher> {
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if wakes(&event) {
            let _ = wake.send(());
        }
    })
    .ok()?;
    // Not the whole root: its `.git` holds thousands of folders that change on every sync.
    watcher.watch(root, RecursiveMode::NonRecursive).ok()?;
    if let Some(cycle) = cycle {
        let _ = watcher.watch(&root.join(CYCLES_DIR).join(cycle), RecursiveMode::Recursive);
    }
    Some(watcher)
}

/// Whether an event wakes the look: one that may change a data file, or events
/// lost (a full queue, which names no file) or an error, after which it looks anyway.
fn wakes(event: &notify::Result<notify::Event>) -> bool {
    event.as_ref().map_or(true, |event| {
        event.need_rescan() || (may_change(&event.kind) && event.paths.iter().any(|path| is_data_file(path)))
    })
}

/// Whether an event may mean a file's content changed. Opening or reading a file or
/// a folder does not: the look itself opens every folder, and were those events to
/// wake it, each look would wake the next, the app looking at every file for ever.
fn may_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// Whether a path may be a file of the data set: not a save's temporary file or lock.
fn is_data_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|name| name.to_str()).unwrap_or_default();
    !atomic::is_temp_file(name) && name != LOCK_FILE
}

/// Each of the top folder's files and every file under the cycle's folder (links
/// not followed), with its stamp.
fn each_file(root: &Path, cycle: Option<&str>, found: &mut impl FnMut(OsString, Stamp)) {
    add_files(root, Path::new(""), false, found);
    if let Some(cycle) = cycle {
        add_files(root, &Path::new(CYCLES_DIR).join(cycle), true, found);
    }
}

fn add_files(root: &Path, relative: &Path, deep: bool, found: &mut impl FnMut(OsString, Stamp)) {
    let Ok(entries) = fs::read_dir(root.join(relative)) else { return };
    for entry in entries.flatten() {
        let Ok(metadata) = entry.metadata() else { continue };
        let path = relative.join(entry.file_name());
        if metadata.is_dir() && deep {
            add_files(root, &path, deep, found);
        } else if metadata.is_file() && is_data_file(&path) {
            found(path.into_os_string(), Stamp { len: metadata.len(), modified: metadata.modified().ok() });
        }
    }
}

/// Paths of the fingerprint in order: it keeps them in none.
fn sorted<'a>(paths: impl Iterator<Item = &'a OsString>) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = paths.map(PathBuf::from).collect();
    paths.sort();
    paths
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, relative: &str, text: &str) {
        let path = root.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    #[test]
    fn a_look_finds_new_changed_and_removed_files_of_the_top_folder_and_the_cycle() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "org.toml", "a");
        write(root, "cycles/2026/goals/P1.toml", "a");
        write(root, "cycles/2025/goals/P1.toml", "a");
        write(root, ".git/HEAD", "a");
        let looker = Looker::new(root.to_owned(), Some("2026".to_owned()));
        let listed = sorted(looker.last.lock().unwrap().keys());
        assert_eq!(listed, [PathBuf::from("cycles/2026/goals/P1.toml"), PathBuf::from("org.toml")]);

        write(root, "cycles/2026/goals/P1.toml", "ab");
        write(root, "cycles/2026/feedback/P2.toml", "a");
        write(root, "cycles/2026/goals/.P1.toml.pdca-tmp.1", "a");
        write(root, "cycles/2025/goals/P1.toml", "abc");
        write(root, ".git/HEAD", "abc");
        fs::remove_file(root.join("org.toml")).unwrap();
        assert_eq!(
            looker.look(),
            [
                PathBuf::from("cycles/2026/feedback/P2.toml"),
                PathBuf::from("cycles/2026/goals/P1.toml"),
                PathBuf::from("org.toml"),
            ]
        );
        assert!(looker.look().is_empty(), "each change is found once");
        assert_eq!(looker.last.lock().unwrap().len(), 2, "a file gone is forgotten");
    }

    #[test]
    fn the_interval_alone_notices_a_change_when_no_event_comes() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "org.toml", "a");
        let store = Store::new(dir.path());
        let (sender, receiver) = mpsc::channel();
        let mut watcher = store.watch("2026", Duration::from_millis(50), move |paths| {
            let _ = sender.send(paths);
        });
        // No events: the fallback look must notice by itself.
        drop(watcher._events.take());
        std::thread::sleep(Duration::from_millis(100));
        write(dir.path(), "org.toml", "changed");
        let paths = receiver.recv_timeout(Duration::from_secs(10)).expect("the change was noticed");
        assert_eq!(paths, [PathBuf::from("org.toml")]);
        drop(watcher);
    }

    /// A data set of `files`, watched with a look only every hour, and what the
    /// watcher reports; `None` on a system without file events.
    fn watched_by_events(files: &[&str]) -> Option<(tempfile::TempDir, Watcher, mpsc::Receiver<Vec<PathBuf>>)> {
        let dir = tempfile::tempdir().unwrap();
        for file in files {
            write(dir.path(), file, "a");
        }
        let (sender, receiver) = mpsc::channel();
        let watcher = Store::new(dir.path()).watch("2026", Duration::from_secs(3600), move |paths| {
            let _ = sender.send(paths);
        });
        watcher._events.is_some().then_some((dir, watcher, receiver))
    }

    #[test]
    fn events_are_noticed_long_before_the_interval() {
        // A system without file events: the interval is all there is.
        let Some((dir, _watcher, receiver)) = watched_by_events(&["cycles/2026/goals/P1.toml"]) else { return };
        std::thread::sleep(Duration::from_millis(100));
        write(dir.path(), "cycles/2026/goals/P1.toml", "changed");
        let paths = receiver.recv_timeout(Duration::from_secs(10)).expect("the event was noticed");
        assert_eq!(paths, [PathBuf::from("cycles/2026/goals/P1.toml")]);
    }

    #[test]
    fn only_events_that_may_change_a_file_wake_the_look() {
        use notify::event::{CreateKind, DataChange, ModifyKind, RemoveKind, RenameMode};
        let changing = [
            EventKind::Create(CreateKind::File),
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            EventKind::Remove(RemoveKind::File),
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            EventKind::Any,
            EventKind::Other,
        ];
        for kind in changing {
            assert!(may_change(&kind), "{kind:?}");
        }
        let reading = [
            AccessKind::Open(AccessMode::Any),
            AccessKind::Open(AccessMode::Read),
            AccessKind::Read,
            AccessKind::Close(AccessMode::Read),
            AccessKind::Any,
            AccessKind::Other,
        ];
        for access in reading {
            assert!(!may_change(&EventKind::Access(access)), "{access:?}");
        }
    }

    #[test]
    fn the_files_written_since_a_time_come_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut names: Vec<PathBuf> = (0..20).map(|n| PathBuf::from(format!("cycles/2026/goals/P{n}.toml"))).collect();
        names.push(PathBuf::from("org.toml"));
        for name in &names {
            write(dir.path(), name.to_str().unwrap(), "a");
        }
        let watcher = Store::new(dir.path()).watch("2026", Duration::from_secs(3600), |_| {});
        names.sort();
        assert_eq!(watcher.written_since(SystemTime::UNIX_EPOCH), names);
    }

    #[test]
    fn a_change_to_a_data_file_or_lost_events_wake_the_look_and_nothing_else() {
        use notify::event::{Flag, ModifyKind};
        let event = |kind: EventKind, path: &str| Ok(notify::Event::new(kind).add_path(PathBuf::from(path)));
        let modify = EventKind::Modify(ModifyKind::Any);
        let open = EventKind::Access(AccessKind::Open(AccessMode::Any));
        assert!(wakes(&event(modify, "cycles/2026/goals/P1.toml")));
        assert!(!wakes(&event(open, "cycles/2026/goals/P1.toml")));
        assert!(!wakes(&event(modify, "cycles/2026/goals/.P1.toml.pdca-tmp.1")));
        assert!(!wakes(&event(modify, LOCK_FILE)));
        assert!(wakes(&Ok(notify::Event::new(EventKind::Other).set_flag(Flag::Rescan))), "a full queue");
        assert!(wakes(&Err(notify::Error::generic("lost"))));
    }

    #[test]
    fn reading_the_files_or_looking_at_them_never_wakes_the_look() {
        let Some((dir, watcher, receiver)) = watched_by_events(&["org.toml", "cycles/2026/goals/P1.toml"]) else {
            return;
        };
        let looks = || watcher.looker.looks.load(Ordering::Relaxed);
        let settle = || std::thread::sleep(QUIET * 4);
        // What a reader of the data set does, and what a look does.
        for _ in 0..3 {
            fs::read(dir.path().join("cycles/2026/goals/P1.toml")).unwrap();
            each_file(dir.path(), Some("2026"), &mut |_, _| {});
        }
        settle();
        assert_eq!(looks(), 0, "reading woke the look");

        write(dir.path(), "cycles/2026/goals/P1.toml", "changed");
        let paths = receiver.recv_timeout(Duration::from_secs(10)).expect("the change was noticed");
        assert_eq!(paths, [PathBuf::from("cycles/2026/goals/P1.toml")]);
        let after_the_change = looks();
        assert!(after_the_change >= 1);
        settle();
        assert_eq!(looks(), after_the_change, "a look woke the next");
    }

    #[test]
    fn only_files_that_differ_from_what_was_loaded_count_as_changed() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "org.toml", "a");
        let store = Store::new(dir.path());
        let mut versions = Versions::default();
        versions.0.insert(PathBuf::from("org.toml"), Version::of(b"a"));
        let paths = [PathBuf::from("org.toml"), PathBuf::from("pdca.toml")];
        assert!(store.changed_since_load(&versions, &paths).is_empty(), "nothing differs yet");
        write(dir.path(), "org.toml", "b");
        write(dir.path(), "pdca.toml", "new");
        assert_eq!(store.changed_since_load(&versions, &paths), paths);
    }

    #[cfg(unix)]
    #[test]
    fn a_changed_path_is_never_read_outside_the_data_set() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        write(dir.path(), "outside/goals/P1.toml", "a");
        write(dir.path(), "outside/org.toml", "a");
        write(&data, "cycles/2026/cycle.toml", "a");
        std::os::unix::fs::symlink(dir.path().join("outside/goals"), data.join("cycles/2026/goals")).unwrap();
        let store = Store::new(&data);
        let linked = PathBuf::from("cycles/2026/goals/P1.toml");
        let climbing = PathBuf::from("../outside/org.toml");
        let mut versions = Versions::default();
        // What the files outside hold: read through the link or `..`, they would look unchanged.
        versions.0.insert(linked.clone(), Version::of(b"a"));
        versions.0.insert(climbing.clone(), Version::of(b"a"));
        let paths = [linked.clone(), climbing.clone()];
        assert_eq!(store.changed_since_load(&versions, &paths), paths);
        // A file loaded broken and still not readable has not changed.
        versions.0.insert(linked.clone(), Version::Broken);
        assert_eq!(store.changed_since_load(&versions, &paths), [climbing]);
    }
}
