//! End to end: the real `pdca` binary in a real terminal. Each test runs the app in
//! a pseudo-terminal of its own (so tests run in parallel), types into it as a person
//! would, and checks the screen, the files written and the terminal left behind.
//!
//! The acting person is P0020 (須藤 彩花 主事) of the bundled sample, on a day in
//! the Do phase of its 2026 cycle. The harness is in `tests/common`.

use crate::common;

use common::pty::Pty;
use common::{FORM_FOOTER, Fixture, quote_path};

const ACTOR: &str = "P0020";
const TODAY: &str = common::TODAY;

/// Starts the app in a 100 × 30 terminal and goes to the My goals tab (its first
/// goal selected, the Plan pane in front).
fn start_in_my_goals(fixture: &Fixture, env: &[(&str, &str)]) -> Pty {
    let pty = Pty::start(fixture, ACTOR, (100, 30), env);
    pty.wait_for("須藤 彩花 主事");
    pty.send("2");
    // The tab's summary line, under the list of goals.
    pty.wait_for("目標 2 件  ウェイト合計 100%");
    pty
}

/// In My goals, with the first goal selected: writes a self-check comment and saves.
fn write_self_check(pty: &Pty, comment: &str) {
    pty.send("c");
    pty.wait_for("自己評価: RPA導入効果の測定と報告");
    pty.send("Tab");
    pty.send_literal(comment);
    pty.wait_for(comment);
    pty.send("C-s");
    pty.wait_for_save();
}

/// In My goals, with the first goal selected: adds an action item and saves.
fn add_action_item(pty: &Pty, issue: &str, measure: &str) {
    pty.send("a");
    pty.wait_for("改善項目: RPA導入効果の測定と報告");
    pty.send_literal(issue);
    pty.send("Tab");
    pty.send_literal(measure);
    pty.wait_for(measure);
    pty.send("C-s");
    pty.wait_for_save();
}

const COMMENT: &str = "11業務すべてで効果測定を終え、上半期分を報告した。";
const ISSUE: &str = "課ごとに報告様式が異なり、集計に時間がかかる";
const MEASURE: &str = "報告様式を統一し、入力用の表を配布する";

#[test]
fn employee_writes_a_self_check_and_an_action_item_in_japanese() {
    let fixture = Fixture::new();
    let pty = start_in_my_goals(&fixture, &[]);

    write_self_check(&pty, COMMENT);
    add_action_item(&pty, ISSUE, MEASURE);
    pty.send("q");

    assert_eq!(pty.wait_for_exit(), 0);
    let goal = fixture.goal(ACTOR, "P0020-2026-1");
    let check = goal.check.as_ref().expect("the self-check was saved");
    assert_eq!(check.comment, COMMENT.into());
    assert_eq!(check.date.map(|d| d.to_string()).as_deref(), Some(TODAY));
    let item = goal.actions.last().expect("the action item was saved");
    assert_eq!((item.issue.as_str(), item.measure.as_str(), item.done), (ISSUE, MEASURE, false));
    // The other goal is untouched.
    let other = fixture.goal(ACTOR, "P0020-2026-2");
    assert!(other.check.is_none() && other.actions.is_empty(), "{other:?}");

    assert!(!pty.alternate_on(), "the alternate screen is still on after exit");
    assert!(!pty.mouse_or_paste_reporting(), "mouse or paste reporting is still on after exit");
    #[cfg(unix)]
    {
        let modes = pty.line_modes();
        assert!(modes.canonical && modes.echo, "the terminal was left in raw mode: {modes:?}");
    }
}

#[test]
fn unsaved_text_is_not_lost_silently() {
    let fixture = Fixture::new();
    let before = std::fs::read_to_string(fixture.goals_path(ACTOR)).unwrap();
    let pty = start_in_my_goals(&fixture, &[]);
    pty.send("c");
    pty.wait_for("自己評価: RPA導入効果の測定と報告");
    pty.send("Tab");
    pty.send_literal("まだ途中");
    // In a form, q is text, not quit.
    pty.send("q");
    pty.wait_for("まだ途中q");

    pty.send("Escape");
    pty.wait_for("破棄しますか");
    pty.send("n");
    let screen = pty.wait_until("the discard question to close", |s| !s.contains("破棄しますか"));
    assert!(screen.contains(FORM_FOOTER) && screen.contains("まだ途中q"), "the form and its text are gone:\n{screen}");

    pty.send("C-c");
    pty.wait_for("破棄して終了しますか");
    pty.send("C-c");
    assert_eq!(pty.wait_for_exit(), 0);
    assert_eq!(std::fs::read_to_string(fixture.goals_path(ACTOR)).unwrap(), before, "the goals file changed");
    assert!(!pty.alternate_on(), "the alternate screen is still on after exit");
}

#[test]
fn external_editor_edits_the_plan() {
    let fixture = Fixture::new();
    let editor = fixture.dir.path().join("editor.sh");
    std::fs::write(&editor, "#!/bin/sh\nprintf '\\n外部エディタで追記\\n' >> \"$1\"\n").unwrap();
    let editor_command = format!("sh {}", quote_path(&editor));
    let original_plan = fixture.goal(ACTOR, "P0020-2026-2").detail.get().unwrap().plan.clone();
    let pty = start_in_my_goals(&fixture, &[("EDITOR", &editor_command)]);
    // The second goal has a plan already; the editor appends to it.
    pty.send("j");
    pty.wait_for("1月から事例の取材を始める");
    pty.send("E");
    let screen = pty.wait_for("保存しました");
    assert!(screen.contains("自分の目標"), "the app is not back on screen:\n{screen}");
    assert!(screen.contains("外部エディタで追記"), "the plan pane does not show the new line:\n{screen}");
    let plan = format!("{original_plan}\n外部エディタで追記");
    assert_eq!(fixture.goal(ACTOR, "P0020-2026-2").detail.get().unwrap().plan, plan);
    assert!(pty.alternate_on(), "the app should be back on the alternate screen");

    pty.send("q");
    assert_eq!(pty.wait_for_exit(), 0);
    assert!(!pty.alternate_on(), "the alternate screen is still on after exit");
}

#[test]
fn the_next_start_shows_what_was_saved() {
    let fixture = Fixture::new();
    {
        let pty = start_in_my_goals(&fixture, &[]);
        write_self_check(&pty, COMMENT);
        add_action_item(&pty, ISSUE, MEASURE);
        pty.send("q");
        assert_eq!(pty.wait_for_exit(), 0);
    }

    let pty = start_in_my_goals(&fixture, &[]);
    // Plan → Do → Check.
    pty.send("l");
    pty.send("l");
    let screen = pty.wait_for(COMMENT);
    assert!(screen.contains("自己評価: B"), "the Check pane does not show the level:\n{screen}");
    // → Action.
    pty.send("l");
    let screen = pty.wait_for(&format!("対策: {MEASURE}"));
    assert!(screen.contains(&format!("[ ] {ISSUE}")), "the Action pane does not show the open item:\n{screen}");
    pty.send("q");
    assert_eq!(pty.wait_for_exit(), 0);
}

/// The last row of the screen, which holds the key hints.
fn last_row(screen: &str) -> &str {
    screen.lines().last().unwrap_or_default()
}

#[test]
fn the_app_redraws_when_the_window_is_resized() {
    let fixture = Fixture::new();
    let pty = start_in_my_goals(&fixture, &[]);
    pty.wait_until("the goals' category column and one PDCA pane with tabs at 100 columns", |s| {
        s.contains("区分") && s.contains("計画 Plan  実行 Do")
    });

    // Wide and tall enough, the four PDCA panes stand side by side.
    pty.resize((120, 40));
    pty.wait_until("the four PDCA panes and the key hints on row 40", |s| {
        s.contains("┌計画 Plan")
            && s.contains("┌改善 Action")
            && s.lines().count() == 40
            && last_row(s).contains("q 終了")
    });

    // Narrow, the category column goes and one pane is left.
    pty.resize((80, 24));
    pty.wait_until("one PDCA pane, no category column and the key hints on row 24", |s| {
        !s.contains("区分")
            && !s.contains("┌改善 Action")
            && s.contains("計画 Plan  実行 Do")
            && s.lines().count() == 24
            && last_row(s).contains("q 終了")
    });

    pty.send("q");
    assert_eq!(pty.wait_for_exit(), 0);
    assert!(!pty.alternate_on(), "the alternate screen is still on after exit");
}

#[test]
fn the_mouse_picks_a_tab_and_a_goal() {
    let fixture = Fixture::new();
    let pty = Pty::start(&fixture, ACTOR, (100, 30), &[]);
    pty.wait_for("須藤 彩花 主事");
    pty.click("2 自分の目標");
    pty.wait_for("目標 2 件  ウェイト合計 100%");
    pty.wait_for("目標: RPA導入効果の測定と報告");

    pty.click("庁内向け業務改善事例集の作成");
    pty.wait_for("目標: 庁内向け業務改善事例集の作成");
    pty.wheel("庁内向け業務改善事例集の作成", false);
    pty.wait_for("目標: RPA導入効果の測定と報告");
    pty.wheel("RPA導入効果の測定と報告", true);
    pty.wait_for("目標: 庁内向け業務改善事例集の作成");

    pty.send("q");
    assert_eq!(pty.wait_for_exit(), 0);
    assert!(!pty.mouse_or_paste_reporting(), "mouse or paste reporting is still on after exit");
}

/// The checks of the terminal left behind can fail: a program that exits in raw
/// mode, on the alternate screen, with mouse reporting on, is caught.
#[test]
fn a_terminal_left_in_raw_mode_is_noticed() {
    let mut command = portable_pty::CommandBuilder::new("sh");
    command.args(["-c", r"stty raw -echo; printf '\033[?1049h\033[?1000h\033[?1006hleft raw'"]);
    let pty = Pty::spawn(command, (40, 10));
    pty.wait_for("left raw");
    assert_eq!(pty.wait_for_exit(), 0);
    assert!(pty.alternate_on());
    assert!(pty.mouse_or_paste_reporting());
    #[cfg(unix)]
    {
        let modes = pty.line_modes();
        assert!(!modes.canonical && !modes.echo, "{modes:?}");
    }
}
