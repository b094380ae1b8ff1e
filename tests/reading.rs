//! Reading and moving in the app, driven through its real event handling: forms
//! that ask before discarding only what was typed, acting on the selected entry,
//! undo, search and the status line. Snapshots at 80 × 24 for the layout.

use crate::common;

use common::screen::{app, chars, key, open, press, screen};
use std::collections::BTreeMap;

use pdca::app::App;
use pdca::app::effect::Popup;
use pdca::keys::Keymap;
use pdca::messages::Lang;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

/// The app on the sample after `change` rewrote P0020's goals file (its text).
fn app_after(actor: &str, lang: Lang, size: (u16, u16), change: impl FnOnce(&mut String)) -> (tempfile::TempDir, App) {
    let (dir, data) = common::sample_data();
    let path = data.join("cycles/2026/goals/P0020.toml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    change(&mut text);
    std::fs::write(&path, text).unwrap();
    (dir, open(&data, actor, lang, Keymap::new(&BTreeMap::new()), size))
}

fn top_is_confirm(app: &App) -> bool {
    matches!(app.popups.last(), Some(Popup::Confirm { .. }))
}

#[test]
fn esc_closes_an_untouched_form_at_once_and_asks_only_after_typing() {
    // P0020's sheet is approved: editing a goal adds the reason field to the form.
    let (_dir, mut app) = app("P0020", Lang::En, (100, 30));
    chars(&mut app, "2e");
    assert!(matches!(app.popups.last(), Some(Popup::Form(_))), "e opened the goal form");
    press(&mut app, KeyCode::Esc);
    assert!(app.popups.is_empty(), "nothing typed, nothing to ask: {:?}", app.popups);

    chars(&mut app, "e");
    press(&mut app, KeyCode::End);
    chars(&mut app, "!");
    press(&mut app, KeyCode::Esc);
    assert!(top_is_confirm(&app), "something was typed: Esc asks");
    press(&mut app, KeyCode::Char('n'));
    assert!(matches!(app.popups.last(), Some(Popup::Form(_))), "n keeps the form");
}

fn goal(app: &App, index: usize) -> pdca::model::Goal {
    app.shared.workspace.world.goals_of("P0020")[index].clone()
}

#[test]
fn e_in_the_do_pane_edits_the_selected_entry_and_keeps_what_the_form_does_not_show() {
    let (_dir, mut app) = app("P0020", Lang::En, (100, 30));
    let before = goal(&app, 0);
    // The Do pane, second from the newest (DX推進研修, a completed course).
    chars(&mut app, "2lJe");
    assert!(screen(&app).contains("Edit Do entry"), "{}", screen(&app));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::End);
    chars(&mut app, "追記");
    key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let after = goal(&app, 0);
    let (log, log_before) = (after.log.get().unwrap(), before.log.get().unwrap());
    assert_eq!(log.len(), log_before.len(), "edited, not added");
    assert_eq!(log[2].text, format!("{}追記", log_before[2].text.get().unwrap()).into());
    assert_eq!((log[2].course.as_deref(), log[2].completed), (Some("DX推進研修"), true));
    assert_eq!(log[0], log_before[0]);
}

#[test]
fn d_in_an_empty_action_pane_removes_nothing_rather_than_the_goal() {
    let (_dir, mut app) = app("P0020", Lang::Ja, (100, 30));
    // The Action pane of the first goal, which has no action items.
    chars(&mut app, "2lllD");
    assert!(app.popups.is_empty(), "no question about the goal: {:?}", app.popups);
    assert!(app.status.as_ref().is_some_and(|s| s.text.contains("削除できる項目はありません")), "{:?}", app.status);
    assert_eq!(app.shared.workspace.world.goals_of("P0020").len(), 2);
}

/// Adds `count` Do entries to P0020's second goal (the last goal of the file), in May.
fn more_entries(count: u32) -> impl FnOnce(&mut String) {
    move |text| {
        for day in 1..=count {
            text.push_str(&format!(
                "\n[[goals.log]]\ndate = 2026-05-{day:02}\nkind = \"practice\"\ntext = \"事例の取材 その{day}\"\n"
            ));
        }
    }
}

#[test]
fn the_do_pane_at_80x24_shows_the_newest_first_and_says_how_many_more() {
    let (_dir, mut app) = app_after("P0020", Lang::Ja, (80, 24), more_entries(20));
    chars(&mut app, "2jl");
    insta::assert_snapshot!("reading_do_pane_ja_80x24", screen(&app));
    let shown = screen(&app);
    assert!(shown.contains("↓ あと"), "the rows out of sight are counted:\n{shown}");
    assert!(shown.contains("その20") && !shown.contains("その1\n"), "the newest first:\n{shown}");
    // The oldest entry is reached by moving the selection down; the pane follows.
    for _ in 0..19 {
        chars(&mut app, "J");
    }
    let shown = screen(&app);
    assert!(shown.contains("事例の取材 その1 "), "{shown}");
    assert!(shown.contains("↑ あと") && !shown.contains("↓ あと"), "{shown}");
}

#[test]
fn the_plan_pane_scrolls_with_keys_to_its_end() {
    let long_plan = (1..=20).map(|n| format!("step {n}")).collect::<Vec<_>>().join("\\n");
    let (_dir, mut app) = app_after("P0020", Lang::En, (80, 24), |text| {
        *text = text.replacen("plan = \"", &format!("plan = \"{long_plan}\\n"), 1);
    });
    // The second goal's plan is long enough to need scrolling at this size.
    chars(&mut app, "2j");
    let before = screen(&app);
    assert!(before.contains("more"), "{before}");
    for _ in 0..30 {
        if !screen(&app).contains('↓') {
            break;
        }
        chars(&mut app, "J");
    }
    let end = screen(&app);
    assert_ne!(end, before, "J scrolled the plan");
    assert!(!end.contains("↓"), "at the end nothing is below:\n{end}");
    chars(&mut app, "K");
    assert!(screen(&app).contains("↓ 1 more"), "one step up from the end:\n{}", screen(&app));
}

#[test]
fn n_and_shift_n_go_round_the_rows_that_match_the_filter_itself() {
    // The department head reads every goal.
    let (_dir, mut app) = app("P0001", Lang::Ja, (100, 30));
    chars(&mut app, "/ＲＰＡ");
    press(&mut app, KeyCode::Enter);
    let (tree, world) = (&app.tabs.tree, &app.shared.workspace.world);
    let matched: Vec<usize> = (0..tree.rows.len()).filter(|&i| tree.rows[i].matched).collect();
    assert!(matched.len() >= 2, "{:?}", tree.rows.iter().map(|r| r.title(world)).collect::<Vec<_>>());
    assert!(tree.rows.iter().any(|r| !r.matched), "the chain above a match shows as context");
    assert!(tree.rows.iter().filter(|r| r.matched).all(|r| r.title(world).contains("RPA")));
    chars(&mut app, "n");
    assert_eq!(app.tabs.tree.selected, matched[0]);
    chars(&mut app, "n");
    assert_eq!(app.tabs.tree.selected, matched[1]);
    chars(&mut app, "N");
    assert_eq!(app.tabs.tree.selected, matched[0]);
    chars(&mut app, "N");
    assert_eq!(app.tabs.tree.selected, *matched.last().unwrap(), "round the end");
}

#[test]
fn a_long_status_wraps_keeps_its_instruction_and_goes_with_the_tab() {
    let (_dir, mut app) = app("P0020", Lang::Ja, (80, 24));
    chars(&mut app, "2");
    let text = "このファイルは開いた後に他の人が保存しました (cycles/2026/goals/P0020.toml)。入力した内容はフォームに残っています。Ctrl-R で読み込み直して、もう一度適用します";
    app.status = Some(pdca::app::effect::Status { text: text.into(), is_error: true });
    let shown = screen(&app);
    insta::assert_snapshot!("reading_long_status_ja_80x24", shown);
    assert!(shown.contains("Ctrl-R で読み込み直して、もう一度適用します"), "{shown}");
    chars(&mut app, "1");
    assert_eq!(app.status, None, "a message about one tab goes when another comes to front");
}

#[test]
fn a_save_names_the_file_inside_the_data_set() {
    let (_dir, mut app) = app("P0020", Lang::En, (100, 30));
    chars(&mut app, "2p");
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    chars(&mut app, "60");
    press(&mut app, KeyCode::Enter);
    let status = app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default();
    assert_eq!(status, "Saved in cycles/2026/goals/P0020.toml");
}
