//! End to end, reading and moving: removing the selected entry and putting it back,
//! scrolling panes with keys and the wheel, and searching lists, in the real binary
//! in a pseudo-terminal at 80 × 24 (harness in `tests/common`).

mod common;

use common::Fixture;
use common::pty::Pty;

const ACTOR: &str = "P0020";
const GOAL: &str = "P0020-2026-1";

/// Starts the app at 80 × 24 and goes to My goals, the first goal selected.
fn start_in_my_goals(fixture: &Fixture) -> Pty {
    let pty = Pty::start(fixture, ACTOR, (80, 24), &[]);
    pty.wait_for("須藤 彩花");
    pty.send("2");
    pty.wait_for("ウェイト合計 100%");
    pty
}

#[test]
fn the_selected_do_entry_is_removed_by_name_and_u_puts_it_back() {
    let fixture = Fixture::new();
    let before = fixture.goal(ACTOR, GOAL);
    let pty = start_in_my_goals(&fixture);
    pty.send("l");
    pty.send("J");
    pty.send("D");
    let question = pty.wait_for("を削除しますか");
    assert!(question.contains("「蝦名主査と1on1"), "the question names the selected entry:\n{question}");
    pty.send("y");
    pty.wait_for("を削除しました");
    let removed = fixture.goal(ACTOR, GOAL);
    assert_eq!(removed.log.len(), before.log.len() - 1);
    assert!(removed.log.iter().all(|entry| !entry.text.starts_with("蝦名主査と1on1")), "{:?}", removed.log);
    assert_eq!(removed.title, before.title, "the goal stays");

    pty.send("u");
    pty.wait_for("を元に戻しました");
    assert_eq!(fixture.goal(ACTOR, GOAL), before, "the entry is back where it was");
    pty.send("u");
    pty.wait_for("元に戻せる削除はありません");
    pty.send("q");
    assert_eq!(pty.wait_for_exit(), 0);
}
