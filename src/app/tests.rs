//! The router without a terminal: keys in, state and files out.

use std::collections::BTreeMap;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::effect::Popup;
use super::form::FieldKey;
use super::tabs::Tab;
use super::*;
use crate::app::component::Component;
use crate::model::Date;
use crate::store::Store;
use crate::view::sheet::SheetEntry;

pub(super) fn app(actor: &str) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("data"));
    store.init_sample().unwrap();
    let today = Date::from_ymd(2026, 11, 20).unwrap();
    let workspace = Workspace::open(store, None, actor.into(), today).unwrap();
    (dir, App::new(workspace, Lang::En, Keymap::new(&BTreeMap::new()), (100, 30)))
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn ctrl(app: &mut App, c: char) {
    app.handle_event(Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn top_form(app: &App) -> &forms::Form {
    match app.popups.last() {
        Some(Popup::Form(form)) => form,
        other => panic!("no form on top: {other:?}"),
    }
}

#[test]
fn keys_go_to_the_tab_in_front_and_global_keys_switch_tabs() {
    let (_dir, mut app) = app("P0020");
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(app.tab, Tab::Mine);
    press(&mut app, KeyCode::Down);
    assert_eq!(app.tabs.mine.selected, 1, "Down moved the sheet list, not the tree");
    assert_eq!(app.tabs.tree.selected, 0);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.tab, Tab::Review);
}

#[test]
fn a_form_is_read_by_field_name_and_its_command_goes_through_the_workspace() {
    let (_dir, mut app) = app("P0020");
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(top_form(&app).value(FieldKey::Level), "B", "a goal without a self-check starts at B");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "done well");
    ctrl(&mut app, 's');
    assert!(app.popups.is_empty(), "the form closes once saved: {:?}", app.status);
    let goal = &app.shared.workspace.world.goals_of("P0020")[0];
    let check = goal.check.as_ref().expect("the self-check was saved");
    assert_eq!(check.comment, "done well".into());
    // The saved file says the same as the workspace.
    let store = app.shared.workspace.store.clone();
    let reloaded = Workspace::open(store, None, "P0020".into(), app.shared.workspace.today).unwrap();
    assert_eq!(reloaded.world.goals_of("P0020")[0].check.as_ref().unwrap().comment, "done well".into());
}

#[test]
fn a_refused_submission_keeps_the_form_and_says_why() {
    let (_dir, mut app) = app("P0020");
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('p'));
    type_text(&mut app, "150");
    ctrl(&mut app, 's');
    let form = top_form(&app);
    assert!(form.error.as_deref().is_some_and(|e| e.contains("150")), "{:?}", form.error);
    assert!(app.status.as_ref().is_some_and(|s| s.is_error));
}

#[test]
fn a_confirmation_runs_its_effects_only_on_yes() {
    // P0014's sheet is a draft: removing a goal only asks whether to.
    let (_dir, mut app) = app("P0014");
    press(&mut app, KeyCode::Char('2'));
    let goals = app.shared.workspace.world.goals_of("P0014").len();
    press(&mut app, KeyCode::Char('D'));
    assert!(matches!(app.popups.last(), Some(Popup::Confirm { .. })));
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.popups.last(), Some(Popup::Confirm { .. })), "Enter is not an answer");
    press(&mut app, KeyCode::Char('n'));
    assert!(app.popups.is_empty());
    assert_eq!(app.shared.workspace.world.goals_of("P0014").len(), goals);
    press(&mut app, KeyCode::Char('D'));
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.shared.workspace.world.goals_of("P0014").len(), goals - 1);
    let goal_rows = app.tabs.mine.entries.iter().filter(|e| matches!(e, SheetEntry::Goal(_))).count();
    assert_eq!(goal_rows, goals - 1, "the tab was refreshed after the change");
}

#[test]
fn removing_a_goal_from_an_approved_sheet_asks_why_and_keeps_the_reason() {
    let (_dir, mut app) = app("P0020");
    press(&mut app, KeyCode::Char('2'));
    let goal = app.shared.workspace.world.goals_of("P0020")[0].clone();
    press(&mut app, KeyCode::Char('D'));
    assert!(matches!(app.popups.last(), Some(Popup::Form(_))), "a form with the reason, not a yes/no");
    ctrl(&mut app, 's');
    assert!(app.status.as_ref().is_some_and(|s| s.is_error), "no reason, no removal");
    assert_eq!(app.shared.workspace.world.goals_of("P0020")[0], goal);
    type_text(&mut app, "事業の中止");
    ctrl(&mut app, 's');
    assert!(app.popups.is_empty(), "{:?}", app.status);
    let file = app.shared.workspace.world.goals_file("P0020").unwrap();
    assert!(!file.goals.iter().any(|g| g.id == goal.id));
    let revision = &file.revisions[0];
    assert_eq!((revision.goal.as_str(), revision.title.as_str()), (goal.id.as_str(), goal.title.as_str()));
    assert_eq!((revision.change, revision.reason.as_str()), (crate::model::GoalChange::Removed, "事業の中止"));
}

#[test]
fn escape_asks_only_when_something_was_typed_and_ctrl_c_asks_once() {
    let (_dir, mut app) = app("P0014");
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Esc);
    assert!(app.popups.is_empty(), "an untouched form closes at once");
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "new");
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.popups.last(), Some(Popup::Confirm { .. })));
    press(&mut app, KeyCode::Char('n'));
    assert!(matches!(app.popups.last(), Some(Popup::Form(_))), "back to the form with its text");
    ctrl(&mut app, 'c');
    assert!(!app.should_quit, "unsaved text: Ctrl-C asks first");
    ctrl(&mut app, 'c');
    assert!(app.should_quit);
}

/// The app of `actor` whose own goals file changed on disk between the load and
/// the reading back of their texts, on My goals: its texts could not be read.
fn own_file_changed_after_the_load(actor: &str) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("data"));
    store.init_sample().unwrap();
    let store = store.leaving_texts_on_disk();
    let snapshot = store.load(None).unwrap();
    let path = dir.path().join(format!("data/cycles/2026/goals/{actor}.toml"));
    std::fs::write(&path, std::fs::read_to_string(&path).unwrap() + "# \n").unwrap();
    let today = Date::from_ymd(2026, 11, 20).unwrap();
    let workspace = Workspace::from_snapshot(store, snapshot, actor.into(), today).unwrap();
    let mut app = App::new(workspace, Lang::En, Keymap::new(&BTreeMap::new()), (100, 30));
    press(&mut app, KeyCode::Char('2'));
    (dir, app)
}

fn refused_as_unread(app: &App) -> bool {
    app.popups.is_empty() && app.status.as_ref().is_some_and(|s| s.text == "(the text could not be read)")
}

#[test]
fn ones_own_texts_changed_on_disk_are_said_once_and_never_rewritten_from_nothing() {
    let (_dir, mut app) = own_file_changed_after_the_load("P0001");
    let said = app.status.take().expect("the user is told");
    assert!(said.is_error && said.text.contains("changed on disk since it was loaded"), "{}", said.text);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Up);
    assert_eq!(app.status, None, "said once, not at every key");
    app.tabs.mine.pane = crate::view::sheet::Pane::Do;
    press(&mut app, KeyCode::Char('e'));
    assert!(refused_as_unread(&app), "no form to rewrite the entry from nothing");
}

#[test]
fn a_self_checks_comment_that_could_not_be_read_is_not_rewritten_from_nothing() {
    let (_dir, mut app) = own_file_changed_after_the_load("P0013");
    let goal = app.shared.workspace.world.goals_of("P0013")[0].clone();
    assert!(goal.check.as_ref().is_some_and(|check| check.comment.get().is_err()), "the comment was not read");
    app.update(Action::SelfCheck);
    assert!(refused_as_unread(&app), "no form to rewrite the comment from nothing");
}

#[test]
fn a_goals_plan_that_could_not_be_read_is_not_rewritten_from_nothing() {
    let (_dir, mut app) = own_file_changed_after_the_load("P0001");
    let goal = &app.shared.workspace.world.goals_of("P0001")[0];
    assert!(goal.detail.get().is_err(), "the plan was not read");
    app.status = None;
    app.tabs.mine.pane = crate::view::sheet::Pane::Plan;
    press(&mut app, KeyCode::Char('e'));
    assert!(refused_as_unread(&app), "no form to rewrite the goal's texts from nothing");
    app.status = None;
    app.update(Action::ExternalEditor);
    assert!(refused_as_unread(&app), "no editor opened on a plan that could not be read");
}

#[test]
fn a_tab_behind_works_out_again_what_it_copied_once_the_texts_are_read() {
    // 三上 (P0001) has 田中's (P0022) sheet open in Review, approved by 小山内 (P0005).
    let (_dir, mut app) = app("P0001");
    press(&mut app, KeyCode::Char('3'));
    let at = app.tabs.review.rows.iter().position(|row| row.person == "P0022").unwrap();
    (0..at).for_each(|_| press(&mut app, KeyCode::Down));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.tabs.review.changes, Ok(0));
    // On another tab, a reload leaves the texts on disk again, and Review copies that.
    press(&mut app, KeyCode::Char('1'));
    let changed = app.shared.workspace.reload().unwrap();
    app.refresh(&changed);
    assert!(app.tabs.review.changes.is_err(), "the snapshot is away again");
    // Something on the tab in front shows the sheet: Review works its copy out again.
    let world = &app.shared.workspace.world;
    let node = (0..world.cascade.nodes.len()).find(|&n| world.cascade.owner(&world.data, n) == "P0022").unwrap();
    app.popups.push(Popup::Detail { node, notes: Default::default(), scroll: 0 });
    app.read_shown_texts();
    assert_eq!(app.tabs.review.changes, Ok(0));
}

#[test]
fn a_command_needs_only_the_users_own_goals_file_read_whole() {
    // 小山内's (P0005) file about 田中 (P0022) changed on disk between the load and
    // the reading back of P0022's own sheet: it stays held, yet P0022's commands,
    // which write only her own files, go through.
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("data"));
    store.init_sample().unwrap();
    let store = store.leaving_texts_on_disk();
    let snapshot = store.load(None).unwrap();
    let path = dir.path().join("data/cycles/2026/feedback/P0005.toml");
    std::fs::write(&path, std::fs::read_to_string(&path).unwrap() + "# \n").unwrap();
    let today = Date::from_ymd(2026, 11, 20).unwrap();
    let workspace = Workspace::from_snapshot(store, snapshot, "P0022".into(), today).unwrap();
    let mut app = App::new(workspace, Lang::En, Keymap::new(&BTreeMap::new()), (100, 30));
    let entry = crate::model::LogEntry {
        date: Date::from_ymd(2026, 11, 19).unwrap(),
        kind: crate::model::LogKind::Practice,
        text: "窓口の問い合わせを分類した".into(),
        course: None,
        completed: false,
        extra: Default::default(),
    };
    let goal = app.shared.workspace.world.goals_of("P0022")[0].id.clone();
    let command = Command::Sheet(crate::model::edit::Edit::AddLog { goal, entry });
    assert!(app.run_command(command).is_ok());
}

#[test]
fn people_enter_shows_the_persons_goals_in_the_tree() {
    let (_dir, mut app) = app("P0007");
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.tab, Tab::Tree);
    let index = crate::view::people::nth_person(&app.tabs.people.lines, app.tabs.people.selected).unwrap();
    let first = &app.shared.workspace.world.org.people[index];
    assert_eq!(app.tabs.tree.filter.text, first.name);
    assert!(app.tabs.tree.rows.iter().any(|row| row.owner(&app.shared.workspace.world).starts_with(&first.name)));
}

#[test]
fn every_numeric_field_takes_full_width_digits() {
    // Progress (a whole number) and a proposal's share (a number) are read alike.
    let (_dir, mut app) = app("P0005");
    press(&mut app, KeyCode::Char('2'));
    let goal = app.shared.workspace.world.goals_of("P0005")[0].id.clone();
    press(&mut app, KeyCode::Char('p'));
    while !top_form(&app).value(FieldKey::Progress).is_empty() {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "７０％");
    ctrl(&mut app, 's');
    assert!(app.popups.is_empty(), "{:?}", app.status);
    let saved = app.shared.workspace.world.goals_of("P0005").iter().find(|g| g.id == goal).unwrap().progress;
    assert_eq!(saved, Some(70));

    press(&mut app, KeyCode::Char('B'));
    assert_eq!(top_form(&app).value(FieldKey::Share), "");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "窓口の案内");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "　２５．５％");
    ctrl(&mut app, 's');
    assert!(app.popups.is_empty(), "{:?}", app.status);
    let proposal = app.shared.workspace.world.goals_file("P0005").unwrap().proposals.last().unwrap().clone();
    assert_eq!((proposal.title.as_str(), proposal.share), ("窓口の案内", Some(25.5)));
}

#[test]
fn typing_a_filter_in_my_goals_keeps_the_first_match_selected() {
    let (_dir, mut app) = app("P0005");
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('/'));
    // Each letter narrows the list; the sheet's goals are not new for that.
    type_text(&mut app, "推進");
    assert!(app.tabs.mine.entries.len() >= 2, "two goals match");
    assert_eq!(app.tabs.mine.selected, 0);
}

#[test]
fn the_steps_of_ones_own_sheet_follow_the_data() {
    // P0014's sheet is a draft: it may be submitted, and once it is, nothing is left
    // to its owner until the reviewer acts.
    let (_dir, mut app) = app("P0014");
    assert!(app.tabs.mine.offers(Action::Submit, &app.shared));
    let submit = crate::model::command::Command::Step {
        person: "P0014".into(),
        step: crate::model::Step::Submit,
        comment: String::new(),
    };
    app.apply(vec![super::effect::Effect::Execute(submit)]);
    assert_eq!(
        crate::model::policy::sheet_state(&app.shared.workspace.world, "P0014"),
        crate::model::SheetState::Submitted
    );
    assert!(!app.tabs.mine.offers(Action::Submit, &app.shared), "the steps were worked out again");
}

#[test]
fn the_tree_keeps_its_selection_on_the_same_goal_when_a_reload_moves_the_rows() {
    let (dir, mut app) = app("P0001");
    press(&mut app, KeyCode::Char('1'));
    let selected_key = |app: &App| {
        let (world, tree) = (&app.shared.workspace.world, &app.tabs.tree);
        world.cascade.key(&world.data, tree.rows[tree.selected].node).to_owned()
    };
    app.update(Action::Bottom);
    let (at, key) = (app.tabs.tree.selected, selected_key(&app));
    // A new goal under the first row's: every row after that goal's moves down one.
    let world = &app.shared.workspace.world;
    let first = world.cascade.key(&world.data, app.tabs.tree.rows[0].node).to_owned();
    let owner = world.cascade.owner(&world.data, app.tabs.tree.rows[0].node).to_owned();
    assert!(at > 1 && world.cascade.nodes[app.tabs.tree.rows[at].node].top() != app.tabs.tree.rows[0].node);
    let path = dir.path().join(format!("data/cycles/2026/goals/{owner}.toml"));
    let added = format!("\n[[goals]]\nid = \"{owner}-2026-99\"\ntitle = \"追加した目標\"\nparent = \"{first}\"\n");
    std::fs::write(&path, std::fs::read_to_string(&path).unwrap() + &added).unwrap();
    let changed = app.shared.workspace.reload().unwrap();
    app.refresh(&changed);
    assert_eq!((app.tabs.tree.selected, selected_key(&app)), (at + 1, key), "the same goal, one row down");
}
