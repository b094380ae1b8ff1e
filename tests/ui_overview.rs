//! Approved and live figures in the Tree tab, its goal popup and `pdca show tree`;
//! the sheets by unit for HR and a 部長; HR's export from the app.

use crate::common;

use common::screen::{press, screen};
use std::collections::BTreeMap;

use pdca::app::App;
use pdca::keys::Keymap;
use pdca::messages::Lang;
use pdca::model::Date;
use pdca::store::Store;
use pdca::workspace::Workspace;
use ratatui::crossterm::event::KeyCode;

/// In the Do phase of the sample's 2026 cycle.
fn today() -> Date {
    Date::from_ymd(2026, 11, 20).unwrap()
}

fn app(dir: &tempfile::TempDir, actor: &str, lang: Lang) -> App {
    let workspace = Workspace::open(Store::new(dir.path().join("data")), None, actor.into(), today()).unwrap();
    App::new(workspace, lang, Keymap::new(&BTreeMap::new()), (80, 24))
}

fn sample() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    Store::new(dir.path().join("data")).init_sample().unwrap();
    dir
}

/// The approved and live figures of the tree row whose title starts with `title`.
fn figures(app: &App, title: &str) -> (Option<f64>, f64) {
    let world = &app.shared.workspace.world;
    let node =
        (0..world.cascade.nodes.len()).find(|&n| world.cascade.title(&world.data, n).starts_with(title)).unwrap();
    (world.approved_progress(node), world.cascade.nodes[node].progress)
}

#[test]
fn the_tree_shows_the_approved_figure_and_the_live_one_beside_it_labelled() {
    let dir = sample();
    let mut head = app(&dir, "P0001", Lang::Ja);
    press(&mut head, KeyCode::Char('1'));
    let shown = screen(&head);
    insta::assert_snapshot!("tree_approved_and_live_80x24", shown);
    assert!(shown.contains("進捗 承認済") && shown.contains("最新"), "{shown}");
    // 相馬 拓也's sheet is still a draft and 棟方 遥 has not adopted her proposal:
    // the section goal's live figure counts both, the approved one neither, and the
    // row says both.
    let (approved, live) = figures(&head, "DX推進研修（集合研修");
    let approved = approved.expect("approved work below the section goal");
    assert_ne!(format!("{approved:.0}"), format!("{live:.0}"));
    let row = shown.lines().find(|l| l.contains("DX推進研修（集合研修")).unwrap();
    assert!(row.contains(&format!("{approved:.0}%")) && row.contains(&format!("{live:.0}%")), "{row}");
}

#[test]
fn the_goal_popup_says_where_its_progress_figure_comes_from() {
    let dir = sample();
    let mut head = app(&dir, "P0001", Lang::Ja);
    press(&mut head, KeyCode::Char('1'));
    // The first goal is measured; the one below it, a section head's, is rolled up.
    press(&mut head, KeyCode::Enter);
    assert!(screen(&head).contains("進捗: 承認済 60% / 最新 60% (指標を記録から計測)"), "{}", screen(&head));
    press(&mut head, KeyCode::Esc);
    press(&mut head, KeyCode::Down);
    press(&mut head, KeyCode::Enter);
    let shown = screen(&head);
    insta::assert_snapshot!("tree_goal_popup_figures_80x24", shown);
    assert!(shown.contains("進捗: 承認済") && shown.contains("(配下の目標から集計)"), "{shown}");
    let mut english = app(&dir, "P0001", Lang::En);
    press(&mut english, KeyCode::Char('1'));
    press(&mut english, KeyCode::Down);
    press(&mut english, KeyCode::Enter);
    assert!(screen(&english).contains("(rolled up from the goals below)"), "{}", screen(&english));
}

#[test]
fn show_tree_labels_the_approved_and_the_live_figures() {
    let (_dir, data) = common::sample_data();
    let output = common::pdca_cli(&data)
        .args(["--as", "P0001", "--lang", "en", "--today", "2026-11-20", "show", "tree", "--width", "100"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let header = text.lines().find(|l| l.contains("Goal")).unwrap_or_default();
    assert!(header.contains("Approved") && header.contains("Live"), "{text}");
    // A section goal with a draft and a pending proposal below: the bar, the
    // approved figure and the live one.
    let row = text.lines().find(|l| l.contains("DX推進研修（集合研修")).unwrap();
    let cells: Vec<&str> = row.split_whitespace().rev().take(3).collect();
    assert!(cells[0].ends_with('%') && cells[1].ends_with('%') && cells[2].contains('#'), "{row}");
    assert_ne!(cells[0], cells[1], "{row}");
}

#[test]
fn a_department_head_switches_the_review_tab_to_the_sheets_of_their_department() {
    let dir = sample();
    let mut head = app(&dir, "P0001", Lang::Ja);
    press(&mut head, KeyCode::Char('3'));
    assert!(!screen(&head).contains("組織別のシート状態"), "the inbox comes first");
    press(&mut head, KeyCode::Char('o'));
    let shown = screen(&head);
    insta::assert_snapshot!("overview_department_head_80x24", shown);
    assert!(shown.contains("組織別のシート状態 (実行 (期中): 「承認」に達していないシートは遅れ)"), "{shown}");
    assert!(shown.contains("遅れ  DX推進チーム: 相馬 拓也 技師 (下書き)"), "people below the sections: {shown}");
    press(&mut head, KeyCode::Char('o'));
    assert!(!screen(&head).contains("組織別のシート状態"), "back to the inbox");

    // A section head (P0003 heads 人事課) sees their section and its team, starting at depth 0.
    let mut section = app(&dir, "P0003", Lang::Ja);
    press(&mut section, KeyCode::Char('3'));
    press(&mut section, KeyCode::Char('o'));
    let shown = screen(&section);
    let units: Vec<&str> = shown.lines().skip(4).take(3).collect();
    assert!(units[0].starts_with("人事課 ") && units[1].starts_with("  人材育成チーム"), "{shown}");
    assert!(!units[2].starts_with(' ') || units[2].trim().is_empty() || units[2].starts_with("遅れ"), "{shown}");
    assert!(!shown.contains("情報政策課") && !shown.lines().skip(2).any(|l| l.contains("総務部")), "{shown}");

    // Someone who heads nothing is told whose view it is.
    let mut staff = app(&dir, "P0014", Lang::Ja);
    press(&mut staff, KeyCode::Char('3'));
    press(&mut staff, KeyCode::Char('o'));
    assert!(screen(&staff).contains("組織別の一覧は、組織の長 (部長・課長) と人事のものです"), "{}", screen(&staff));
}

#[test]
fn hrs_export_key_writes_the_bytes_of_pdca_export_into_the_data_set() {
    let dir = sample();
    let mut hr = app(&dir, "P0007", Lang::Ja);
    press(&mut hr, KeyCode::Char('3'));
    press(&mut hr, KeyCode::Char('X'));
    let shown = screen(&hr);
    assert!(shown.contains("pdca-exports/2026/pdca-hr-export-2026.toml に書き出しました"), "{shown}");
    let written = std::fs::read_to_string(dir.path().join("data/pdca-exports/2026/pdca-hr-export-2026.toml")).unwrap();
    // The same moment for the command line, which the environment fixes.
    let line = written.lines().find(|l| l.starts_with("generated_at = ")).unwrap();
    let generated_at = line.trim_start_matches("generated_at = ").trim_matches('"');
    let output = common::pdca_cli(&dir.path().join("data"))
        .args(["--as", "P0007", "--today", "2026-11-20", "export"])
        .env("PDCA_EXPORT_TIME", generated_at)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(written.as_bytes() == output.stdout.as_slice(), "the app's export differs from `pdca export`");

    // Anyone else is refused, and nothing is written.
    let other = sample();
    let mut head = app(&other, "P0001", Lang::Ja);
    press(&mut head, KeyCode::Char('3'));
    press(&mut head, KeyCode::Char('X'));
    assert!(!other.path().join("data/pdca-exports").exists());
}

#[test]
fn hrs_export_key_refuses_a_do_text_that_pdca_export_refuses() {
    // The app holds others' Do texts on disk; what it exports is checked whole.
    let dir = sample();
    let path = dir.path().join("data/cycles/2026/goals/P0002.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let long = format!("text = \"{}\"", "あ".repeat(pdca::model::validate::TEXT_LIMIT + 1));
    let first = text.lines().find(|line| line.starts_with("text = ")).unwrap();
    std::fs::write(&path, text.replacen(first, &long, 1)).unwrap();
    let mut hr = app(&dir, "P0007", Lang::Ja);
    press(&mut hr, KeyCode::Char('3'));
    press(&mut hr, KeyCode::Char('X'));
    assert!(screen(&hr).contains("出力しません: データにエラーが 1 件"), "{}", screen(&hr));
    assert!(!dir.path().join("data/pdca-exports").exists(), "nothing written");
    let output = common::pdca_cli(&dir.path().join("data")).args(["--as", "P0007", "export"]).output().unwrap();
    assert!(!output.status.success(), "`pdca export` refuses it too");
}
