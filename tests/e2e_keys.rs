//! End to end: the action menu in the real binary, in a pseudo-terminal. The
//! harness is in `tests/common`; the acting person is P0020 of the bundled sample.

use crate::common;

use common::Fixture;
use common::pty::Pty;

#[test]
fn the_action_menu_runs_the_chosen_action_by_enter_or_by_its_key() {
    let fixture = Fixture::new();
    let pty = Pty::start(&fixture, "P0020", (100, 30), &[]);
    pty.wait_for("須藤 彩花 主事");
    pty.send("2");
    pty.wait_for("目標 2 件  ウェイト合計 100%");

    // x opens it; the key of a listed action runs that action.
    pty.send("x");
    let screen = pty.wait_for("操作の一覧: 自分の目標");
    assert!(screen.contains("Enter 選んだ操作を実行"), "the hint line names the menu's keys: {screen}");
    pty.send("c");
    pty.wait_for("自己評価: RPA導入効果の測定と報告");
    pty.send("Escape");
    pty.wait_until("the form closed", |screen| !screen.contains("自己評価: RPA導入効果の測定と報告"));

    // `.` opens it too; Enter runs the selected row: the sixth is progress.
    pty.send(".");
    pty.wait_for("操作の一覧: 自分の目標");
    for _ in 0..5 {
        pty.send("j");
    }
    pty.send("Enter");
    pty.wait_for("進捗: RPA導入効果の測定と報告");
    pty.wait_for("進捗 (0-100) 50");
    // Backspace twice, then the new figure.
    pty.send_literal("\x7f\x7f65");
    pty.wait_for("進捗 (0-100) 65");
    pty.send("C-s");
    pty.wait_for_save();
    let goals = std::fs::read_to_string(fixture.goals_path("P0020")).unwrap();
    assert!(goals.contains("progress = 65"), "{goals}");

    pty.send("q");
    assert_eq!(pty.wait_for_exit(), 0);
}
