//! End to end, reading and moving: removing the selected entry and putting it back,
//! scrolling panes with keys and the wheel, and searching lists, in the real binary
//! in a pseudo-terminal at 80 × 24 (harness in `tests/common`).

use crate::common;

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
    // The newest entry is at the top; J selects the one before it.
    assert!(question.contains("「DX推進研修（第1期）を修了。」"), "the question names the selected entry:\n{question}");
    pty.send("y");
    pty.wait_for("を削除しました");
    let removed = fixture.goal(ACTOR, GOAL);
    let (log, log_before) = (removed.log.get().unwrap(), before.log.get().unwrap());
    assert_eq!(log.len(), log_before.len() - 1);
    assert!(log.iter().all(|entry| !entry.text.get().unwrap().starts_with("DX推進研修")), "{:?}", removed.log);
    assert_eq!(removed.title, before.title, "the goal stays");

    pty.send("u");
    pty.wait_for("を元に戻しました");
    assert_eq!(fixture.goal(ACTOR, GOAL), before, "the entry is back where it was");
    pty.send("u");
    pty.wait_for("元に戻せる削除はありません");
    pty.send("q");
    assert_eq!(pty.wait_for_exit(), 0);
}

#[test]
fn a_new_do_entry_shows_at_once_and_the_wheel_scrolls_the_pane() {
    let fixture = Fixture::new();
    // Twenty entries on the second goal: more than the Do pane holds at 80 × 24.
    let path = fixture.goals_path(ACTOR);
    let mut text = std::fs::read_to_string(&path).unwrap();
    for day in 1..=20 {
        text.push_str(&format!(
            "\n[[goals.log]]\ndate = 2026-05-{day:02}\nkind = \"practice\"\ntext = \"取材 その{day}\"\n"
        ));
    }
    std::fs::write(&path, text).unwrap();
    let pty = start_in_my_goals(&fixture);
    pty.send("j");
    pty.send("l");
    pty.wait_for("↓ あと");

    pty.send("d");
    pty.wait_for(common::FORM_FOOTER);
    pty.send("Tab");
    pty.send("Tab");
    pty.send_literal("事例集の目次案を作成");
    pty.send("C-s");
    pty.wait_for_save();
    pty.wait_for("事例集の目次案を作成");

    // One notch, then another over what the first brought into view.
    pty.wheel("事例集の目次案を作成", true);
    let screen = pty.wait_for("↑ あと");
    assert!(!screen.contains("事例集の目次案を作成"), "the wheel moved the pane, not the list:\n{screen}");
    assert!(screen.contains("庁内向け業務改善事例集の作成"), "{screen}");
    pty.wheel("取材 その15", true);
    let screen = pty.wait_until("the pane to scroll on", |screen| !screen.contains("取材 その19"));
    assert!(screen.contains("取材 その15") && screen.contains("庁内向け業務改善事例集の作成"), "{screen}");
    pty.send("q");
    assert_eq!(pty.wait_for_exit(), 0);
}

#[test]
fn the_tree_filter_folds_widths_and_kana_and_says_why_nothing_shows() {
    let fixture = Fixture::new();
    let pty = Pty::start(&fixture, ACTOR, (80, 24), &[]);
    pty.wait_for("須藤 彩花");
    // Full-width letters find the half-width title.
    pty.send("/");
    pty.send_literal("ＲＰＡ");
    pty.send("Enter");
    let screen = pty.wait_for("RPA導入効果の測定");
    assert!(!screen.contains("エンゲージメント"), "only matches and their chains show:\n{screen}");

    // Hiragana matching only goals (レポート) of people the actor may not read.
    pty.send("Escape");
    pty.wait_for("[計測] エンゲージメント");
    pty.send("/");
    pty.send_literal("れぽーと");
    pty.wait_for("「れぽーと」に一致するのは閲覧できない目標だけです");

    pty.send("Escape");
    pty.wait_until("the filter to close", |screen| !screen.contains("れぽーと"));
    pty.send("/");
    // Full-width letters: each frame while typing keeps the message's wide
    // characters on the same cells (see the integrator's note on shifting text).
    pty.send_literal("ｚｚｚ");
    pty.wait_for("「ｚｚｚ」に一致するものはありません");
    // Escape and the next key apart, or the terminal reads them as Alt and the key.
    pty.send("Escape");
    pty.wait_until("the filter to close", |screen| !screen.contains("ｚｚｚ"));
    pty.send("q");
    assert_eq!(pty.wait_for_exit(), 0);
}
