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
