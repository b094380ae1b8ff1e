//! Which pages of memory a load's records are made in. The binary's allocator on
//! Unix (mimalloc) asks the system for transparent huge pages, and with them every
//! 2 MiB region a thread touches is resident whole: a waste of 20-40 MB for a
//! department's load (the app at 2,000 people peaked at 84 MB instead of 50), a
//! gain of a sixth of the time for a city's (fewer, larger page faults; README,
//! Performance). So a process starts on small pages; the app turns huge pages on
//! when it loads a city, any other command as it starts (it ends soon after).
//!
//! And how soon pages freed go back to the system: mimalloc keeps them a second in
//! case they are asked for again, which a command that ends soon may as well do,
//! but the app, whose every reload frees one data set while it takes in the next,
//! gives them back at once (see [`give_back_at_once`]).

use std::sync::atomic::{AtomicBool, Ordering};

/// Files in one folder of a cycle (one per person) from which a load is a city's:
/// its records run to hundreds of megabytes, beside which the huge pages' waste is small.
const CITY_LOAD: usize = 5_000;

/// Set by the program that starts on small pages: a library user that did not
/// ask is left as it is, and huge pages are turned on once.
static SMALL_UNTIL_A_CITY: AtomicBool = AtomicBool::new(false);

/// Small pages from now on, until a city's load. The program calls it before
/// `main` (src/main.rs), as the system's loader runs a constructor: it must not
/// allocate, print or panic.
pub fn start_small() {
    allow_huge_pages(false);
    SMALL_UNTIL_A_CITY.store(true, Ordering::Relaxed);
}

/// A command that loads, answers and ends (every command but the app): huge pages
/// from now on. Its memory is the system's again a moment later, and the time is
/// what counts: at 2,000 people fully filled, `pdca export` took a quarter less
/// time, `show tree` and `check` a twentieth less (README, Performance).
pub fn ending_soon() {
    if SMALL_UNTIL_A_CITY.swap(false, Ordering::Relaxed) {
        allow_huge_pages(true);
    }
}

/// A load is about to read `files` files of one folder.
pub(super) fn loading(files: usize) {
    if files >= CITY_LOAD && SMALL_UNTIL_A_CITY.swap(false, Ordering::Relaxed) {
        allow_huge_pages(true);
    }
}

/// Pages freed go back to the system at once, not a second later (the app). At
/// 20,000 people a reload frees the last data set's records, rows and cascade
/// while the next is built, and holding them a second raised the app's peak by
/// 46 MB (8 MB at 2,000); a command that writes as it goes (`pdca export`) frees
/// and asks again all the time and is a third slower so, hence not for all (the
/// app's own export pays it). A delay set in the environment is left as it is.
/// The app calls it before its background work (the load, the watch) starts.
#[cfg(unix)]
pub fn give_back_at_once() {
    if DELAY_SETTINGS.iter().any(|name| std::env::var_os(name).is_some()) {
        return;
    }
    // SAFETY: two numbers, no pointers; mimalloc's options are plain words that
    // its threads read, and no other thread of the program is at work yet.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) };
}

/// The environment's names for mimalloc's purge delay (the second, older).
#[cfg(unix)]
const DELAY_SETTINGS: [&str; 2] = ["MIMALLOC_PURGE_DELAY", "MIMALLOC_RESET_DELAY"];

#[cfg(not(unix))]
pub fn give_back_at_once() {}

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

    #[test]
    fn a_process_starts_on_small_pages_and_a_city_load_turns_huge_pages_on() {
        // A kernel that does not report it (before 5.0) or has no huge pages is not checked.
        allow_huge_pages(true);
        if huge_pages_allowed() != Some(true) {
            return;
        }
        loading(CITY_LOAD);
        assert_eq!(huge_pages_allowed(), Some(true), "not asked to start small: nothing changes");
        allow_huge_pages(false);
        loading(CITY_LOAD);
        assert_eq!(huge_pages_allowed(), Some(false), "not asked to start small: nothing changes");
        start_small();
        assert_eq!(huge_pages_allowed(), Some(false));
        loading(CITY_LOAD - 1);
        assert_eq!(huge_pages_allowed(), Some(false), "a department's load stays on small pages");
        loading(CITY_LOAD);
        assert_eq!(huge_pages_allowed(), Some(true));
        start_small();
        ending_soon();
        assert_eq!(huge_pages_allowed(), Some(true), "a command that ends soon, at any size");
        allow_huge_pages(false);
        ending_soon();
        assert_eq!(huge_pages_allowed(), Some(false), "not asked to start small: nothing changes");
    }

    #[test]
    fn the_app_gives_freed_pages_back_at_once() {
        let delay = || unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        if DELAY_SETTINGS.iter().any(|name| std::env::var_os(name).is_some()) {
            return; // the environment's delay is kept
        }
        // Its default of a second tells the option apart from its neighbours.
        assert_eq!(delay(), 1000);
        give_back_at_once();
        assert_eq!(delay(), 0);
    }
}
