//! End to end, the first frame before the whole data set: the real binary in a
//! pseudo-terminal draws the viewer's part with the loading count in the top bar,
//! then the whole tree once the rest is in. The rest is held back by a named pipe
//! the test writes into (`PDCA_TEST_LOAD_GATE`), not by waiting.

#![cfg(unix)]

use crate::common;

use common::Fixture;
use common::pty::Pty;

#[test]
fn the_first_frame_shows_the_part_and_the_whole_tree_follows() {
    let fixture = Fixture::new();
    let dir = tempfile::tempdir().unwrap();
    let gate = dir.path().join("gate");
    let name = std::ffi::CString::new(gate.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
    // HR reads every goal, but their part is their own chain and section.
    let pty = Pty::start(&fixture, "P0007", (120, 40), &[("PDCA_TEST_LOAD_GATE", gate.to_str().unwrap())]);
    let first = pty.wait_for("読込中");
    assert!(first.contains("集計は途中"), "the top bar says the totals are partial:\n{first}");
    let rows = |screen: &str| screen.lines().skip(3).filter(|line| !line.trim().is_empty()).count();
    std::fs::write(&gate, b"go").unwrap();
    let whole = pty.wait_until("the rest to come in", |s| !s.contains("読込中"));
    assert!(rows(&whole) > rows(&first), "the whole tree has more rows:\n{first}\n---\n{whole}");
    pty.send("q");
    assert_eq!(pty.wait_for_exit(), 0);
}

/// Huge pages stay off from the program's first allocation, made by Rust's runtime
/// before `main`: with them on, that allocation alone made 2 MiB resident, a
/// twentieth of a department's whole app (README, Performance). A kernel whose
/// huge pages are off ("never") or that does not report them proves nothing here.
#[cfg(target_os = "linux")]
#[test]
fn the_app_starts_on_small_pages() {
    let system = std::fs::read_to_string("/sys/kernel/mm/transparent_hugepage/enabled").unwrap_or_default();
    if system.is_empty() || system.contains("[never]") {
        return;
    }
    let fixture = Fixture::new();
    let pty = Pty::start(&fixture, "P0007", (120, 40), &[]);
    pty.wait_until("everything loaded", |s| s.contains("総務部") && !s.contains("読込中"));
    let pid = pty.process_id().expect("the app runs");
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    if !status.contains("THP_enabled:") {
        return; // a kernel before 5.0
    }
    assert!(status.contains("THP_enabled:\t0"), "{status}");
    let smaps = std::fs::read_to_string(format!("/proc/{pid}/smaps")).unwrap();
    let huge: u64 = smaps
        .lines()
        .filter_map(|line| line.strip_prefix("AnonHugePages:"))
        .map(|kb| kb.trim().trim_end_matches(" kB").parse::<u64>().unwrap())
        .sum();
    assert_eq!(huge, 0, "huge pages resident: {huge} kB");
    pty.send("q");
    assert_eq!(pty.wait_for_exit(), 0);
}

/// What a whole load parsed goes to the parse cache after the first frame, on a
/// thread of its own, and is written whole even when the app is left before it is
/// done: the cache holds what a whole load's holds, and no temporary file.
#[test]
fn the_cache_is_written_after_the_first_frame_even_when_the_app_is_left_at_once() {
    use std::os::unix::fs::OpenOptionsExt;
    let fixture = Fixture::new();
    // One cycle, so that `pdca check` below reads the files the app reads.
    std::fs::remove_dir_all(fixture.data().join("cycles/2025")).unwrap();
    // A file changed within the clock's resolution (two seconds) is not cached yet.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    // The cache's writing waits for the test, which first leaves the app.
    let gate = fixture.dir.path().join("gate");
    let name = std::ffi::CString::new(gate.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
    // P0001 heads everyone: their part is the whole data set, loaded before the frame.
    let pty = Pty::start(&fixture, "P0001", (120, 40), &[("PDCA_TEST_CACHE_GATE", gate.to_str().unwrap())]);
    pty.wait_until("the first frame", |s| s.contains("総務部") && !s.contains("読込中"));
    pty.send("q");
    // Opened without waiting: with no reader (the app ended without its write), the
    // open fails at once, and the test with it, rather than hanging.
    let deadline = std::time::Instant::now() + common::PATIENCE;
    let open = || std::fs::OpenOptions::new().write(true).custom_flags(libc::O_NONBLOCK).open(&gate);
    let mut opened = open();
    while opened.is_err() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
        opened = open();
    }
    let mut opened = opened.expect("the app waits to write its cache");
    std::io::Write::write_all(&mut opened, b"go").unwrap();
    drop(opened);
    assert_eq!(pty.wait_for_exit(), 0);

    // Each shard's name and size, as `pdca check`, a whole load, writes them.
    let shards = |cache: &std::path::Path| -> Vec<(String, u64)> {
        let mut found: Vec<(String, u64)> = std::fs::read_dir(cache.join("parsed"))
            .unwrap()
            .flat_map(|data_set| std::fs::read_dir(data_set.unwrap().path()).unwrap())
            .map(|entry| entry.unwrap())
            .map(|entry| (entry.file_name().to_string_lossy().into_owned(), entry.metadata().unwrap().len()))
            .collect();
        found.sort();
        found
    };
    let checked = fixture.dir.path().join("checked.cache");
    let check = std::process::Command::new(assert_cmd::cargo::cargo_bin("pdca"))
        .env("PDCA_CONFIG_DIR", fixture.config())
        .env("PDCA_CACHE_DIR", &checked)
        .arg("--data-dir")
        .arg(fixture.data())
        .args(["--today", common::TODAY, "check"])
        .output()
        .unwrap();
    assert!(check.status.success(), "{check:?}");
    let expected = shards(&checked);
    assert!(expected.len() > 1, "{expected:?}");
    assert_eq!(shards(&fixture.config().with_extension("cache")), expected);
}
