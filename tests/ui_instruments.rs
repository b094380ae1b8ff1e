//! Screens of the instruments at 80×24, driven through the app's event handling:
//! a 1on1 written from the Review inbox with its proposed agenda, the 1on1 tab as
//! the pair and as the department head sees it, and the survey view.

use crate::common;

use common::screen::{app, key, press, screen};

use pdca::app::App;
use pdca::app::effect::Popup;
use pdca::app::form::FieldKey;
use pdca::app::tabs::Tab;
use pdca::messages::Lang;
use pdca::theme::Theme;
use pdca::view::meetings::MeetingRow;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn ctrl(app: &mut App, c: char) {
    key(app, KeyCode::Char(c), KeyModifiers::CONTROL);
}

fn form_value(app: &App, key: FieldKey) -> String {
    match app.popups.last() {
        Some(Popup::Form(form)) => form.value(key),
        _ => panic!("no form open"),
    }
}

/// Selects the inbox row of `name`.
fn select_in_inbox(app: &mut App, name: &str) {
    press(app, KeyCode::Char('3'));
    let index = app.tabs.review.rows.iter().position(|row| row.name == name).unwrap();
    for _ in 0..index {
        press(app, KeyCode::Down);
    }
}

#[test]
fn the_inbox_shows_days_since_the_last_1on1_and_recognition() {
    let (_dir, mut app) = app("P0003", Lang::Ja, (80, 24));
    press(&mut app, KeyCode::Char('3'));
    insta::assert_snapshot!("instruments_inbox_ja", screen(&app));
    press(&mut app, KeyCode::Char('5'));
    insta::assert_snapshot!("instruments_people_ja", screen(&app));
}

#[test]
fn a_1on1_from_the_inbox_proposes_an_agenda_and_saves_what_was_kept() {
    let (dir, mut app) = app("P0003", Lang::Ja, (80, 24));
    select_in_inbox(&mut app, "鳴海 翔");
    press(&mut app, KeyCode::Char('m'));
    insta::assert_snapshot!("instruments_new_1on1_ja", screen(&app));
    assert_eq!(form_value(&app, FieldKey::Topic(0)), "keep");
    // Drop the second topic, write a note, save.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Right);
    assert_eq!(form_value(&app, FieldKey::Topic(1)), "drop");
    ctrl(&mut app, 's');
    assert!(app.popups.is_empty(), "{:?}", app.status);
    let text = std::fs::read_to_string(dir.path().join("data/cycles/2026/meetings/P0003.toml")).unwrap();
    let last = &text[text.rfind("[[meetings]]").unwrap()..];
    assert!(last.contains("date = 2026-11-20\nwith = \"P0011\"\nkind = \"manager\""), "{last}");
    assert!(last.contains("採用説明会の動画の構成案を作る"), "the first topic is kept: {last}");
    assert!(!last.contains("技術職試験の受付結果"), "the second topic was dropped: {last}");
    // The new 1on1 shows in the tab, and the inbox counts 0 days since it.
    assert_eq!(app.tabs.review.rows.iter().find(|r| r.person == "P0011").unwrap().recency.days_since_meeting, Some(0));
    press(&mut app, KeyCode::Char('6'));
    assert_eq!(app.tab, Tab::Meetings);
    assert!(meeting_rows(&app).iter().any(|r| r.with == "P0011" && r.date.to_string() == "2026-11-20"));
}

#[test]
fn the_department_head_sees_dates_but_not_the_text_and_cannot_edit_others_records() {
    let (_dir, mut app) = app("P0001", Lang::En, (80, 24));
    press(&mut app, KeyCode::Char('6'));
    insta::assert_snapshot!("instruments_meetings_head_en", screen(&app));
    let others = meeting_rows(&app).iter().position(|r| r.writer != "P0001").unwrap();
    for _ in 0..others {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    assert!(app.popups.is_empty());
    assert!(app.status.as_ref().is_some_and(|s| s.is_error && s.text.contains("only 1on1s you wrote")));
}

#[test]
fn the_pair_reads_the_text_and_edits_their_own_record() {
    let (_dir, mut app) = app("P0003", Lang::Ja, (80, 24));
    press(&mut app, KeyCode::Char('6'));
    let own = meeting_rows(&app).iter().rposition(|r| r.with == "P0011").unwrap();
    for _ in 0..own {
        press(&mut app, KeyCode::Down);
    }
    insta::assert_snapshot!("instruments_meetings_pair_ja", screen(&app));
    press(&mut app, KeyCode::Enter);
    assert!(form_value(&app, FieldKey::Notes).starts_with("受付フォームの入力チェック"));
    assert_eq!(form_value(&app, FieldKey::ActionGoal(0)), "P0011-2026-2");
}

#[test]
fn the_survey_view_shows_the_units_a_section_head_may_see() {
    let (_dir, mut app) = app("P0003", Lang::Ja, (80, 24));
    press(&mut app, KeyCode::Char('6'));
    press(&mut app, KeyCode::Char('v'));
    insta::assert_snapshot!("instruments_survey_ja", screen(&app));
    // Scrolling stops at the last screenful: the results never scroll away.
    for _ in 0..100 {
        press(&mut app, KeyCode::Down);
    }
    let shown = screen(&app);
    let lines: Vec<&str> = shown.lines().collect();
    // Between the tabs and the hint over the two status lines.
    let body = &lines[2..lines.len() - 3];
    assert!(body.iter().any(|line| !line.trim().is_empty()), "{shown}");
}

#[test]
fn a_completed_course_in_the_do_log_moves_the_department_heads_measured_goal() {
    let (dir, mut app) = app("P0010", Lang::Ja, (80, 24));
    let before = app.shared.workspace.world.progress_of("P0001-2026-1");
    assert_eq!(before, 60.0, "6 of 10 people in 総務部 completed DX推進研修");
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    for c in "第2期集合研修を修了".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Tab);
    // No course, then the list: 新採用職員研修, 階層別研修 ×3, DX推進研修.
    for _ in 0..5 {
        press(&mut app, KeyCode::Right);
    }
    assert_eq!(form_value(&app, FieldKey::Course), "DX推進研修");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right);
    ctrl(&mut app, 's');
    assert!(app.popups.is_empty(), "{:?}", app.status);
    let goals = std::fs::read_to_string(dir.path().join("data/cycles/2026/goals/P0010.toml")).unwrap();
    assert!(goals.contains("course = \"DX推進研修\"\ncompleted = true"), "{goals}");
    assert_eq!(app.shared.workspace.world.progress_of("P0001-2026-1"), 70.0, "7 of 10");
    press(&mut app, KeyCode::Char('l'));
    app.status = None; // it names the temporary folder
    insta::assert_snapshot!("instruments_do_entry_with_course_ja", screen(&app));
    press(&mut app, KeyCode::Char('1'));
    let tree = screen(&app);
    let row = tree.lines().find(|line| line.contains("[計測] DX推進員")).unwrap();
    assert!(row.ends_with("70%"), "{row}");
}

#[test]
fn the_goal_popup_says_how_a_measured_figure_was_computed() {
    let (_dir, mut app) = app("P0001", Lang::En, (80, 24));
    press(&mut app, KeyCode::Enter);
    insta::assert_snapshot!("instruments_measured_popup_en", screen(&app));
}

#[test]
fn overdue_days_are_drawn_in_the_warning_style() {
    use pdca::ui::review::InboxTable;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::widgets::Widget;

    let (_dir, app) = app("P0003", Lang::En, (80, 24));
    let theme = Theme::dark();
    let rows = &app.tabs.review.rows;
    let mut buffer = Buffer::empty(Rect::new(0, 0, 120, rows.len() as u16 + 1));
    InboxTable { rows, selected: None, offset: 0, lang: Lang::En, theme: &theme }.render(buffer.area, &mut buffer);
    let header: String = (0..120).map(|x| buffer[(x, 0)].symbol().to_owned()).collect();
    // The last cell of the "Kudos" column, right-aligned like the days under it.
    let kudos = header.find("Kudos").unwrap() as u16 + 4;
    // 鳴海 was praised 14 days ago (not past 14); 葛西 42 days ago.
    let style_of = |name: &str| {
        let line = rows.iter().position(|r| r.name == name).unwrap() as u16 + 1;
        buffer[(kudos, line)].style()
    };
    assert_eq!(rows.iter().find(|r| r.name == "鳴海 翔").unwrap().recency.days_since_recognition, Some(14));
    assert_eq!(style_of("葛西 直樹").fg, theme.warning.fg);
    assert_ne!(style_of("鳴海 翔").fg, theme.warning.fg);
}

/// The 1on1 tab's rows as the actor sees them.
fn meeting_rows(app: &App) -> Vec<MeetingRow<'_>> {
    let (world, actor) = (&app.shared.workspace.world, app.shared.workspace.actor.as_str());
    app.tabs.meetings.rows.iter().filter_map(|at| at.row(world, actor)).collect()
}
