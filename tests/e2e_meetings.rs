//! End to end, in the real `pdca` binary in a pseudo-terminal: a section head
//! (佐々木 隆 課長, P0003) opens a 1on1 with his report 鳴海 翔 (P0011) from the
//! Review inbox, keeps the proposed agenda, writes the notes and saves; the 1on1
//! tab shows it; the department head (工藤 誠一 部長, P0001) then sees in the app and
//! in `pdca show meetings` that it happened, never what was said.

use crate::common;

use common::Fixture;
use common::pty::Pty;

const NOTES: &str = "採用動画の構成案を一緒に確認した";
const SIZE: (u16, u16) = (100, 32);

#[test]
fn a_section_head_writes_a_1on1_and_the_department_head_sees_only_that_it_happened() {
    let fixture = Fixture::new();
    let pty = Pty::start(&fixture, "P0003", SIZE, &[]);
    pty.wait_for("佐々木 隆 課長");
    pty.send("3");
    pty.wait_for("鳴海 翔");
    // The inbox in org.toml order: 葛西, 木村, 神, 鳴海.
    for _ in 0..3 {
        pty.send("j");
    }
    pty.send("m");
    pty.wait_for("1on1の記録: 鳴海 翔 主事");
    pty.wait_for("採用説明会の動画の構成案を作る");
    // Date, kind, three proposed topics, the agenda, then the notes.
    for _ in 0..6 {
        pty.send("Tab");
    }
    pty.send_literal(NOTES);
    pty.wait_for(NOTES);
    pty.send("C-s");
    pty.wait_for_save();
    let written = std::fs::read_to_string(fixture.data().join("cycles/2026/meetings/P0003.toml")).unwrap();
    let last = &written[written.rfind("[[meetings]]").unwrap()..];
    assert!(last.contains("date = 2026-11-20") && last.contains(NOTES), "{last}");
    assert!(last.contains("・前回（2026-10-14）の約束「採用説明会の動画の構成案を作る」が未完了"), "{last}");
    pty.send("6");
    pty.send("G");
    pty.wait_for("2026-11-20  [上司]  佐々木 隆 課長 → 鳴海 翔 主事");
    pty.wait_for(NOTES);
    pty.send("q");
    assert_eq!(pty.wait_for_exit(), 0);

    let head = Pty::start(&fixture, "P0001", SIZE, &[]);
    head.wait_for("工藤 誠一 部長");
    head.send("6");
    head.send("G");
    let screen = head.wait_for("2026-11-20  [上司]  佐々木 隆 課長 → 鳴海 翔 主事");
    assert!(!screen.contains(NOTES), "the department head reads the notes:\n{screen}");
    head.wait_for("（内容は本人同士だけが読めます）");
    head.send("q");
    assert_eq!(head.wait_for_exit(), 0);
    let shown = fixture.pdca(&["--as", "P0001", "show", "meetings", "--person", "P0011"]);
    assert!(shown.contains("2026-11-20  [上司]") && !shown.contains(NOTES), "{shown}");
}
