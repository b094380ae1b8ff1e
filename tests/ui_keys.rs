//! The keys of popups, the action menu and the help, driven through the app's
//! real event handling with the keymap as a user may have remapped it.

use crate::common;

use common::screen::{chars, open, press, screen};
use std::collections::BTreeMap;

use pdca::app::App;
use pdca::app::effect::Popup;
use pdca::app::tabs::Tab;
use pdca::keys::{Keymap, parse_key_spec};
use pdca::messages::Lang;
use ratatui::crossterm::event::KeyCode;

fn app_with(actor: &str, lang: Lang, size: (u16, u16), keys: &[(&str, &[&str])]) -> (tempfile::TempDir, App) {
    let (dir, data) = common::sample_data();
    let overrides: BTreeMap<String, _> = keys
        .iter()
        .map(|(action, specs)| (action.to_string(), specs.iter().map(|s| parse_key_spec(s).unwrap()).collect()))
        .collect();
    (dir, open(&data, actor, lang, Keymap::new(&overrides), size))
}

fn goals_of(app: &App) -> usize {
    app.shared.workspace.world.goals_of(&app.shared.workspace.actor).len()
}

#[test]
fn remapped_confirm_keys_answer_and_the_question_shows_them() {
    let (_dir, mut app) = app_with("P0014", Lang::En, (80, 24), &[("yes", &["o"]), ("no", &["z"])]);
    press(&mut app, KeyCode::Char('2'));
    let before = goals_of(&app);
    press(&mut app, KeyCode::Char('D'));
    assert!(matches!(app.popups.last(), Some(Popup::Confirm { .. })));
    let text = screen(&app);
    assert!(text.contains("o: yes  z: no"), "{text}");
    press(&mut app, KeyCode::Char('y'));
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.popups.last(), Some(Popup::Confirm { .. })), "y and Esc are no longer answers");
    press(&mut app, KeyCode::Char('z'));
    assert!(app.popups.is_empty());
    assert_eq!(goals_of(&app), before, "no kept the goal");
    press(&mut app, KeyCode::Char('D'));
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(goals_of(&app), before - 1, "the remapped yes removed the goal");
}

#[test]
fn remapped_help_and_detail_keys_close_them_and_their_hints_say_so() {
    let (_dir, mut app) = app_with("P0011", Lang::Ja, (80, 24), &[("close_help", &["c"]), ("close_detail", &["w"])]);
    press(&mut app, KeyCode::Char('?'));
    let text = screen(&app);
    assert!(text.contains("c 閉じる") || text.contains("c: 閉じる"), "{text}");
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.popups.last(), Some(Popup::Help { .. })), "Esc no longer closes the help");
    press(&mut app, KeyCode::Char('c'));
    assert!(app.popups.is_empty());
    assert_eq!(app.tab, Tab::Tree);
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.popups.last(), Some(Popup::Detail { .. })));
    let text = screen(&app);
    assert!(text.contains("w で閉じる"), "{text}");
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.popups.last(), Some(Popup::Detail { .. })));
    press(&mut app, KeyCode::Char('w'));
    assert!(app.popups.is_empty());
}

#[test]
fn the_action_menu_lists_what_the_selected_row_offers_and_runs_the_chosen_one() {
    let (_dir, mut app) = app_with("P0011", Lang::Ja, (80, 24), &[]);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('x'));
    let Some(Popup::Menu { actions, .. }) = app.popups.last() else { panic!("no menu: {:?}", app.popups) };
    assert!(actions.contains(&pdca::keys::Action::SetProgress));
    assert!(!actions.contains(&pdca::keys::Action::AnswerProposal), "no proposal row is selected");
    assert!(!actions.contains(&pdca::keys::Action::ToggleDone), "the Action pane is not in front");
    insta::assert_snapshot!("menu_mine_ja", screen(&app));
    // Its own key runs a listed action: p opens the progress form.
    press(&mut app, KeyCode::Char('p'));
    assert!(matches!(app.popups.last(), Some(Popup::Form(_))), "{:?}", app.popups);
    assert_eq!(app.popups.len(), 1, "the menu closed");
    press(&mut app, KeyCode::Esc);
    // Enter runs the selected one: the second is the next pane.
    press(&mut app, KeyCode::Char('.'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Enter);
    assert!(app.popups.is_empty());
    assert_eq!(app.tabs.mine.pane, pdca::view::sheet::Pane::Do);
    // On a carried-over row the goal's actions are not offered, the answer is.
    let carry = app.tabs.mine.entries.iter().position(|e| matches!(e, pdca::view::sheet::SheetEntry::Carry(_)));
    app.tabs.mine.selected = carry.expect("P0011 has an item to carry over");
    press(&mut app, KeyCode::Char('x'));
    let Some(Popup::Menu { actions, .. }) = app.popups.last() else { panic!("no menu") };
    assert!(actions.contains(&pdca::keys::Action::AnswerProposal));
    assert!(!actions.contains(&pdca::keys::Action::SetProgress));
    press(&mut app, KeyCode::Esc);
    assert!(app.popups.is_empty());
}

#[test]
fn the_action_menu_in_english() {
    let (_dir, mut app) = app_with("P0003", Lang::En, (80, 24), &[]);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('.'));
    insta::assert_snapshot!("menu_review_en", screen(&app));
}

#[test]
fn help_groups_keys_under_headings_wraps_scrolls_to_a_legend_and_filters() {
    for (lang, name) in [(Lang::Ja, "ja"), (Lang::En, "en")] {
        let (_dir, mut app) = app_with("P0011", lang, (80, 24), &[]);
        press(&mut app, KeyCode::Char('2'));
        press(&mut app, KeyCode::Char('?'));
        let first = screen(&app);
        insta::assert_snapshot!(format!("help_80x24_{name}"), first);
        for _ in 0..120 {
            press(&mut app, KeyCode::Char('j'));
        }
        insta::assert_snapshot!(format!("help_80x24_{name}_end"), screen(&app));
    }
    let (_dir, mut app) = app_with("P0011", Lang::Ja, (80, 24), &[]);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('?'));
    let text = screen(&app);
    assert!(text.contains("この画面 (自分の目標)") && text.contains("外部エディタで計画を編集"), "{text}");
    for _ in 0..120 {
        press(&mut app, KeyCode::Char('j'));
    }
    let text = screen(&app);
    assert!(text.contains("記号と色") && text.contains("[辞退]") && text.contains("期限を過ぎても"), "{text}");
    // Every mark the tabs draw: the tree's [計測] and "-", My goals' row labels.
    for drawn in ["[計測]", "[提案]", "[前期から]", "承認済の欄: 数値がまだない"] {
        assert!(text.contains(drawn), "{drawn} in the legend: {text}");
    }
    // Typed after `/`, a filter leaves only what matches; j is text while typing.
    press(&mut app, KeyCode::Char('/'));
    chars(&mut app, "ｊ進捗");
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    chars(&mut app, "進捗");
    press(&mut app, KeyCode::Enter);
    let text = screen(&app);
    assert!(text.contains("/ 進捗"), "{text}");
    assert!(text.contains("p               進捗"), "{text}");
    assert!(text.contains("進捗バー: 予定どおり"), "{text}");
    assert!(!text.contains("目標を追加"), "{text}");
    assert!(!text.contains("どこでも"), "a heading without a match goes: {text}");
    insta::assert_snapshot!("help_80x24_ja_filtered", text);
    press(&mut app, KeyCode::Esc);
    assert!(app.popups.is_empty());
}

#[test]
fn the_hint_line_fills_with_the_tabs_keys_and_ends_with_help() {
    let (_dir, mut app) = app_with("P0011", Lang::En, (240, 24), &[]);
    press(&mut app, KeyCode::Char('2'));
    let text = screen(&app);
    let hints = text.lines().last().unwrap();
    // Past the main keys come the others, as room allows.
    assert!(hints.contains("n new goal") && hints.contains("Left/h previous pane"), "{hints}");
    assert!(hints.ends_with("q quit  ? help"), "{hints}");
}
