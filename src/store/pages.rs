//! Which pages of memory a load's records are made in. The binary's allocator on
//! Unix (mimalloc) asks the system for transparent huge pages, and with them every
//! 2 MiB region a thread touches is resident whole: a waste of 20-40 MB for a
//! department's load (the app at 2,000 people peaked at 84 MB instead of 50), and
//! 11-20 MB of HR's app at a city's, for no time it can measure now that the app
//! loads from the parse cache (README, Performance). So a process starts on small
//! pages and the app stays on them; any other command turns huge pages on as it
//! starts, for their time (it ends soon after), until it reads a city's folder
//! ([`about_to_read`]).
//!
//! And how soon pages freed go back to the system: mimalloc keeps them a second in
//! case they are asked for again, which a command that ends soon may as well do,
//! but the app, whose every reload frees one data set while it takes in the next,
//! gives them back at once (see [`give_back_at_once`]).

use std::sync::atomic::{AtomicBool, Ordering};

/// Set by the program that starts on small pages: a library user that did not
/// ask is left as it is, and huge pages are turned on once.
static STARTED_SMALL: AtomicBool = AtomicBool::new(false);

/// Set while a command runs on huge pages, until a large load turns them off.
static HUGE_FOR_NOW: AtomicBool = AtomicBool::new(false);

/// A folder of this many files or more makes a load large (see [`about_to_read`]).
const LARGE_LOAD: usize = 10_000;

/// Small pages from now on, unless the command ends soon. The program calls it before
/// `main` (src/main.rs), as the system's loader runs a constructor: it must not
/// allocate, print or panic.
pub fn start_small() {
    allow_huge_pages(false);
    STARTED_SMALL.store(true, Ordering::Relaxed);
}

/// A command that loads, answers and ends (every command but the app): huge pages
/// from now on, and pages freed kept for what it asks next. Its memory is the
/// system's again a moment later, and the time is what counts: at 2,000 people
/// fully filled, huge pages made `pdca export` a quarter faster (`show tree` and
/// `check` a twentieth); at 20,000, pages kept spared it a second round of page
/// faults for the records it makes and lets go as it writes, a tenth of its time.
pub fn ending_soon() {
    if STARTED_SMALL.swap(false, Ordering::Relaxed) {
        allow_huge_pages(true);
        HUGE_FOR_NOW.store(true, Ordering::Relaxed);
        set_purge_delay(NEVER);
    }
}

/// A load is about to read a folder of `files` files. From [`LARGE_LOAD`] on, a
/// command on huge pages goes on with small ones: at a city's size it makes
/// hundreds of megabytes of records, and this kind of machine clears a huge page
/// for them far more slowly than it faults small ones in (at 20,000 people fully
/// filled the export took a sixth less time on small pages, its system time a
/// third, and its peak was 35 MB lower), while for a department's load the fewer
/// faults of huge pages win (the export at 2,000 an eighth quicker).
pub fn about_to_read(files: usize) {
    if files >= LARGE_LOAD && HUGE_FOR_NOW.swap(false, Ordering::Relaxed) {
        allow_huge_pages(false);
    }
}

/// Pages freed go back to the system at once, not a second later (the app). At
/// 20,000 people a reload frees the last data set's records, rows and cascade
/// while the next is built, and holding them a second raised the app's peak by
/// 46 MB (8 MB at 2,000); a command that writes as it goes (`pdca export`) frees
/// and asks again all the time and is a third slower so, hence not for all (the
/// app's own export pays it). The app calls it before its background work (the load, the watch) starts.
pub fn give_back_at_once() {
    set_purge_delay(0);
}

/// mimalloc's purge delay: how long pages freed are kept before they go back to
/// the system, in milliseconds. A delay set in the environment is left as it is.
#[cfg(unix)]
fn set_purge_delay(milliseconds: std::ffi::c_long) {
    if DELAY_SETTINGS.iter().any(|name| std::env::var_os(name).is_some()) {
        return;
    }
    // SAFETY: two numbers, no pointers; mimalloc's options are plain words that
    // its threads read, and no other thread of the program is at work yet.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, milliseconds) };
}

#[cfg(not(unix))]
fn set_purge_delay(_milliseconds: std::ffi::c_long) {}

/// A purge delay: never.
const NEVER: std::ffi::c_long = -1;

/// The environment's names for mimalloc's purge delay (the second, older).
#[cfg(unix)]
const DELAY_SETTINGS: [&str; 2] = ["MIMALLOC_PURGE_DELAY", "MIMALLOC_RESET_DELAY"];

/// `mi_option_purge_delay` of mimalloc.h (milliseconds), which the `-sys` crate
/// does not name.
#[cfg(unix)]
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

#[cfg(target_os = "linux")]
fn allow_huge_pages(allowed: bool) {
    let disable = libc::c_ulong::from(!allowed);
    // SAFETY: PR_SET_THP_DISABLE takes four numbers and no pointers (given as the
    // unsigned longs it reads); a kernel without it refuses, and nothing changes.
    // It is inherited by the `git` the app starts, which is none the worse for it.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, disable, 0 as libc::c_ulong, 0 as libc::c_ulong, 0 as libc::c_ulong)
    };
}

#[cfg(not(target_os = "linux"))]
fn allow_huge_pages(_allowed: bool) {}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    fn huge_pages_allowed() -> Option<bool> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let line = status.lines().find_map(|line| line.strip_prefix("THP_enabled:"))?;
        Some(line.trim() == "1")
    }

    /// One test, as the process's pages and mimalloc's options are the process's.
    #[test]
    fn the_kind_of_program_chooses_its_pages() {
        // A kernel that does not report huge pages (before 5.0) or has none is not checked on them.
        allow_huge_pages(true);
        let huge = huge_pages_allowed() == Some(true);
        let check_huge = |expected: bool, what: &str| {
            if huge {
                assert_eq!(huge_pages_allowed(), Some(expected), "{what}");
            }
        };
        // The environment's delay is kept; its default of a second tells the option
        // apart from its neighbours.
        let delay = || unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        let own_delay = !DELAY_SETTINGS.iter().any(|name| std::env::var_os(name).is_some());
        let check_delay = |expected: std::ffi::c_long, what: &str| {
            if own_delay {
                assert_eq!(delay(), expected, "{what}");
            }
        };
        check_delay(1000, "mimalloc's default");

        allow_huge_pages(false);
        ending_soon();
        check_huge(false, "not asked to start small: nothing changes");
        check_delay(1000, "not asked to start small: nothing changes");

        start_small();
        check_huge(false, "the program starts small");
        // No load asks for huge pages, whatever its size: a city's 5,000 files and more.
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::Store::new(dir.path());
        store.init_sample().unwrap();
        let goals = dir.path().join("cycles/2026/goals");
        for n in 0..5_000 {
            std::fs::write(goals.join(format!("Q{n}.toml")), format!("owner = \"Q{n}\"\ncycle = \"2026\"\n")).unwrap();
        }
        let loaded = store.leaving_texts_on_disk().load(None).unwrap();
        assert!(loaded.data.goals.len() > 5_000);
        check_huge(false, "the app stays on small pages through a city's load");

        start_small();
        ending_soon();
        check_huge(true, "a command that ends soon");
        check_delay(NEVER, "a command that ends soon keeps pages freed");
        about_to_read(LARGE_LOAD - 1);
        check_huge(true, "a department's load");
        about_to_read(LARGE_LOAD);
        check_huge(false, "a city's load goes on with small pages");
        about_to_read(LARGE_LOAD);
        check_huge(false, "and stays on them");

        give_back_at_once();
        check_delay(0, "the app gives freed pages back at once");
    }
}
