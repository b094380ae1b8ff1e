//! Tables and notes at 80×24: every inbox column has a header and the next step is
//! whole; alignment warnings name goals by title; feedback keeps its line breaks.

use crate::common;

use common::screen::{app, open, press, screen};
use std::collections::BTreeMap;

use pdca::keys::Keymap;
use pdca::messages::Lang;
use ratatui::crossterm::event::KeyCode;

#[test]
fn every_inbox_column_has_a_header_and_the_next_step_is_whole_at_80_columns() {
    for (lang, name, level, step) in
        [(Lang::Ja, "ja", "階層", "フィードバック面談"), (Lang::En, "en", "Lvl", "feedback meeting")]
    {
        // P0003's inbox at 80×24 has a confirmed sheet waiting for its feedback meeting.
        let (_dir, mut app) = app("P0003", lang, (80, 24));
        press(&mut app, KeyCode::Char('3'));
        let screen = screen(&app);
        let header = screen.lines().nth(2).unwrap();
        assert!(header.trim_start().starts_with(level), "the level column has a header: {header}");
        assert!(screen.lines().any(|line| line.trim_end().ends_with(step)), "{step} whole: {screen}");
        assert!(!screen.contains(".."), "nothing cut: {screen}");
        insta::assert_snapshot!(format!("inbox_{name}_80x24"), screen);
    }
}

#[test]
fn at_60_columns_the_inbox_keeps_the_next_step_and_gives_up_the_counts() {
    for (lang, name, next, step) in
        [(Lang::Ja, "ja", "次の対応", "フィードバック面談"), (Lang::En, "en", "Your next step", "feedback meeting")]
    {
        let (_dir, mut app) = app("P0003", lang, (60, 20));
        press(&mut app, KeyCode::Char('3'));
        let screen = screen(&app);
        let header = screen.lines().nth(2).unwrap();
        assert!(header.trim_end().ends_with(next), "the next step's column is there: {header}");
        assert!(screen.lines().any(|line| line.trim_end().ends_with(step)), "{step} whole: {screen}");
        insta::assert_snapshot!(format!("inbox_{name}_60x20"), screen);
    }
}

#[test]
fn at_60_columns_the_top_bar_keeps_the_phase_and_every_tab_stays_on_the_tab_bar() {
    use ratatui::crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let (_dir, mut app) = app("P0007", Lang::Ja, (60, 20));
    press(&mut app, KeyCode::Char('5'));
    let screen = screen(&app);
    let (top, tabs) = (screen.lines().next().unwrap(), screen.lines().nth(1).unwrap());
    assert!(top.contains("実行 (期中) あと72日") && top.contains("木村 あゆみ"), "{top}");
    assert!(!top.contains(".."), "pieces are left out whole, not cut: {top}");
    // The open tab is named; the others keep their numbers, the last one included.
    assert_eq!(tabs.trim_end(), " 1  2  3  4  5 組織  6", "{tabs}");
    // A click on a number opens its tab.
    let before_six = &tabs[..tabs.find(" 6").unwrap() + 1];
    let column = before_six.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum::<u16>();
    let click =
        MouseEvent { kind: MouseEventKind::Down(MouseButton::Left), column, row: 1, modifiers: KeyModifiers::NONE };
    app.handle_event(Event::Mouse(click));
    let tabs = self::screen(&app).lines().nth(1).unwrap().to_owned();
    assert!(tabs.trim_end().ends_with(" 6 1on1・意識調査"), "{tabs}");
}

#[test]
fn at_60_columns_people_keep_their_1on1_and_praise_figures_whole() {
    for (lang, praise) in [(Lang::Ja, " 称賛 "), (Lang::En, " praise ")] {
        let (_dir, mut app) = app("P0007", lang, (60, 20));
        press(&mut app, KeyCode::Char('5'));
        let screen = screen(&app);
        let figures: Vec<&str> = screen.lines().filter(|line| line.contains("1on1 ")).collect();
        assert!(figures.len() > 5, "{screen}");
        for line in figures {
            let after = line.split(praise).nth(1).unwrap_or_else(|| panic!("praise figure cut: {line}"));
            let whole = after.trim_end().ends_with('日') || after.trim_end().ends_with('d') || after.contains("なし");
            assert!(whole || after.trim_end().ends_with("never"), "{line}");
        }
    }
}

#[test]
fn at_60_columns_the_contribution_tables_keep_names_whole() {
    let (_dir, mut app) = app("P0007", Lang::Ja, (60, 20));
    press(&mut app, KeyCode::Char('4'));
    let screen = screen(&app);
    assert!(screen.contains("葛西 直樹") && screen.contains("情報政策課"), "{screen}");
    assert!(!screen.contains(" .."), "no name cut: {screen}");
}

#[test]
fn an_empty_inbox_offers_no_keys_that_act_on_a_person() {
    let (_dir, mut app) = app("P0011", Lang::En, (80, 24));
    press(&mut app, KeyCode::Char('3'));
    let screen = screen(&app);
    let hints = screen.lines().last().unwrap();
    for key in ["Enter", " s ", " b ", " C "] {
        assert!(!hints.contains(key), "{key} acts on nobody: {hints}");
    }
}

#[test]
fn huge_weights_total_without_wrapping_filtered_or_not() {
    let (_dir, data) = common::sample_data();
    common::replace_in(&data.join("cycles/2026/goals/P0011.toml"), "weight = 60", "weight = 4294967295");
    let mut app = common::screen::open(&data, "P0011", Lang::En, Keymap::new(&BTreeMap::new()), (100, 30));
    press(&mut app, KeyCode::Char('2'));
    assert!(screen(&app).contains("4294967295"), "{}", screen(&app));
    // The filtered sheet's footer still totals the whole sheet, saturating.
    press(&mut app, KeyCode::Char('/'));
    press(&mut app, KeyCode::Char('D'));
    assert!(screen(&app).contains("4294967295"), "{}", screen(&app));
}

#[test]
fn alignment_warnings_name_goals_by_title() {
    // P0012-2026-2 is due after the goal it contributes to, P0004-2026-1; P0004 reviews P0012.
    let (_dir, mut app) = app("P0004", Lang::Ja, (80, 24));
    press(&mut app, KeyCode::Char('3'));
    let row = app.tabs.review.rows.iter().position(|r| r.person == "P0012").expect("P0012 in P0004's inbox");
    for _ in 0..row {
        press(&mut app, KeyCode::Down);
    }
    let screen = screen(&app);
    // The warning, wrapped whole over the lines below it.
    let start = screen.find("\n~ ").unwrap_or_else(|| panic!("{screen}"));
    let warning: String = screen[start..].lines().take_while(|line| !line.starts_with(" Enter")).collect();
    assert!(!warning.contains("P0012-2026-2") && !warning.contains("P0004-2026-1"), "{warning}");
    let world = &app.shared.workspace.world;
    let title = |id: &str| world.goals_of(&id[..5]).iter().find(|g| g.id == id).unwrap().title.clone();
    let prefix = |text: String| text.chars().take(6).collect::<String>();
    assert!(warning.contains(&prefix(title("P0012-2026-2"))), "{warning}");
    assert!(warning.contains(&prefix(title("P0004-2026-1"))), "{warning}");
}

/// The sample with P0001's shared feedback on P0004-2026-1 written over two lines.
fn two_line_feedback(data: &std::path::Path) {
    let file = data.join("cycles/2026/feedback/P0001.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let one_line = "strengths = \"第1期の修了者62名、実践報告12件と、研修を実践につなげる設計ができている。\"";
    assert!(text.contains(one_line));
    let two_lines = "strengths = \"\"\"\n・効果測定の数字を示せるようになった。\n・根拠も添えている。\"\"\"";
    std::fs::write(&file, text.replace(one_line, two_lines)).unwrap();
}

#[test]
fn multi_line_feedback_keeps_its_lines_in_the_check_pane_and_in_show_mine() {
    let (dir, data) = common::sample_data();
    two_line_feedback(&data);
    let mut app = open(&data, "P0004", Lang::Ja, Keymap::new(&BTreeMap::new()), (80, 24));
    press(&mut app, KeyCode::Char('2'));
    for _ in 0..2 {
        press(&mut app, KeyCode::Right);
    }
    let screen = screen(&app);
    let lines: Vec<&str> = screen.lines().map(|line| line.trim_matches(|c| c == '│' || c == ' ')).collect();
    let first = lines.iter().position(|line| line.ends_with("・効果測定の数字を示せるようになった。"));
    let first = first.unwrap_or_else(|| panic!("{screen}"));
    assert_eq!(lines[first + 1], "・根拠も添えている。", "{screen}");

    let shown = assert_cmd::Command::cargo_bin("pdca")
        .unwrap()
        .args(["--data-dir"])
        .arg(&data)
        .args(["--as", "P0004", "--lang", "ja", "show", "mine", "--width", "100"])
        .env("PDCA_CONFIG_DIR", dir.path().join("no-config"))
        .output()
        .unwrap();
    let text = String::from_utf8(shown.stdout).unwrap();
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let first = lines.iter().position(|line| line.ends_with("・効果測定の数字を示せるようになった。"));
    let first = first.unwrap_or_else(|| panic!("{text}"));
    assert_eq!(lines[first + 1], "・根拠も添えている。", "{text}");
}
