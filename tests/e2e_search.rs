//! End to end, `/` in the lists besides the tree: the Review inbox and the My goals
//! sheet, in the real binary in a pseudo-terminal at 80 × 24 (harness in `tests/common`).

use crate::common;

use common::Fixture;
use common::pty::Pty;

#[test]
fn slash_filters_the_review_inbox_and_esc_brings_everyone_back() {
    let fixture = Fixture::new();
    // 佐々木 隆, section head: five people in his inbox.
    let pty = Pty::start(&fixture, "P0003", (80, 24), &[]);
    pty.wait_for("佐々木 隆");
    pty.send("3");
    pty.wait_for("葛西 直樹");
    pty.send("/");
    // Katakana find the hiragana of 木村 あゆみ's name.
    pty.send_literal("アユミ");
    pty.send("Enter");
    let screen = pty.wait_until("the inbox to narrow", |s| s.contains("木村 あゆみ") && !s.contains("葛西 直樹"));
    assert!(screen.contains("/ アユミ"), "the filter stays in sight:\n{screen}");
    // The filtered list is the one Enter opens from.
    pty.send("Enter");
    pty.wait_for("木村 あゆみ 主査  シート");
    pty.send("Escape");
    pty.wait_until("the inbox to come back", |s| s.contains("/ アユミ"));
    pty.send("Escape");
    pty.wait_until("the filter to go", |s| s.contains("葛西 直樹") && !s.contains("アユミ"));

    // 工藤 誠一, above him, may be read: elsewhere, not hidden; 三上 浩之 may not.
    pty.send("/");
    pty.send_literal("工藤");
    pty.wait_for("「工藤」に一致する人はこの一覧にいません (組織タブに全員がいます)");
    pty.send("Escape");
    pty.wait_until("the filter to go", |s| s.contains("葛西 直樹"));
    pty.send("/");
    pty.send_literal("三上");
    pty.wait_for("「三上」に一致するのは閲覧できない人や記録だけです");
    pty.send("Escape");
    pty.wait_until("the filter to go", |s| s.contains("葛西 直樹"));
    pty.send("q");
    assert_eq!(pty.wait_for_exit(), 0);
}

#[test]
fn slash_filters_the_sheet_list_and_keys_act_on_the_filtered_rows() {
    let fixture = Fixture::new();
    // 鳴海 翔: three goals, two with オンライン in the title.
    let pty = Pty::start(&fixture, "P0011", (80, 24), &[]);
    pty.wait_for("鳴海 翔");
    pty.send("2");
    pty.wait_for("SNS動画");
    pty.send("/");
    pty.send_literal("ｓｎｓ");
    pty.send("Enter");
    let screen = pty.wait_until("the sheet to narrow", |s| s.contains("/ ｓｎｓ") && !s.contains("受験申込"));
    // The panes show the one goal left, selected.
    assert!(screen.contains("目標: SNS動画"), "{screen}");
    pty.send("Escape");
    pty.wait_for("受験申込オンライン受付の実施");
    pty.send("/");
    pty.send_literal("zzz");
    pty.wait_for("「zzz」に一致するものはありません");
    pty.send("Escape");
    pty.wait_until("the filter to go", |s| !s.contains("zzz"));
    pty.send("q");
    assert_eq!(pty.wait_for_exit(), 0);
}
