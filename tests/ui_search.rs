//! Reading long lists and panes: `/` filters every list with the matched characters
//! marked, and the Review tab's panes scroll like My goals'. Driven through the app's
//! real event handling and compared with snapshots.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;

use common::screen::{chars, press, screen};
use pdca::app::App;
use pdca::keys::Keymap;
use pdca::messages::Lang;
use pdca::model::Date;
use pdca::store::Store;
use pdca::theme::Theme;
use pdca::ui::search::MATCHED;
use pdca::ui::text::buffer_lines;
use pdca::workspace::Workspace;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};

fn open(actor: &str, lang: Lang, size: (u16, u16)) -> (tempfile::TempDir, App) {
    app_with(actor, lang, size, |_| {})
}

/// The app on the sample, changed by `edit` (given the data folder) before it opens.
fn app_with(actor: &str, lang: Lang, size: (u16, u16), edit: impl FnOnce(&Path)) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("data"));
    store.init_sample().unwrap();
    edit(&dir.path().join("data"));
    let today = Date::from_ymd(2026, 11, 20).unwrap();
    let workspace = Workspace::open(store, None, actor.into(), today).unwrap();
    (dir, App::new(workspace, lang, Keymap::new(&BTreeMap::new()), size))
}

fn ctrl(app: &mut App, c: char) {
    app.handle_event(Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)));
}

fn wheel(app: &mut App, row: u16, down: bool) {
    let kind = if down { MouseEventKind::ScrollDown } else { MouseEventKind::ScrollUp };
    app.handle_event(Event::Mouse(MouseEvent { kind, column: 10, row, modifiers: KeyModifiers::NONE }));
}

#[test]
fn the_review_panes_scroll_with_keys_and_the_wheel_and_say_what_is_out_of_sight() {
    // Twenty Do entries on the last goal of 葛西 直樹 (P0006), the first in 佐々木's
    // inbox: more than the pane holds at 80 × 24.
    let (_dir, mut app) = app_with("P0003", Lang::Ja, (80, 24), |data| {
        let path = data.join("cycles/2026/goals/P0006.toml");
        let mut text = std::fs::read_to_string(&path).unwrap();
        for day in 1..=20 {
            text.push_str(&format!(
                "\n[[goals.log]]\ndate = 2026-05-{day:02}\nkind = \"practice\"\ntext = \"受講調整 その{day}\"\n"
            ));
        }
        std::fs::write(&path, text).unwrap();
    });
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Enter);
    for _ in 0..3 {
        press(&mut app, KeyCode::Char('j'));
    }
    press(&mut app, KeyCode::Char('l'));
    let top = screen(&app);
    assert!(top.contains("↓ あと") && !top.contains('↑'), "{top}");
    insta::assert_snapshot!("review_pane_top", top);
    ctrl(&mut app, 'd');
    let scrolled = screen(&app);
    insta::assert_snapshot!("review_pane_scrolled", scrolled);
    assert!(scrolled.contains("↑ あと"), "Ctrl-D scrolls the focused pane:\n{scrolled}");
    ctrl(&mut app, 'u');
    assert_eq!(screen(&app), top, "Ctrl-U scrolls it back");
    wheel(&mut app, 20, true);
    assert!(screen(&app).contains('↑'), "the wheel over the pane scrolls it:\n{}", screen(&app));
}

/// The screen with a line of `^` under every row that has matched characters,
/// one under each cell drawn as matched.
fn screen_with_marks(app: &App) -> String {
    let (width, height) = app.shared.size;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| pdca::ui::app::draw(app, &Theme::plain(), frame)).unwrap();
    let buffer = terminal.backend().buffer();
    let lines = buffer_lines(buffer);
    let mut out = Vec::new();
    for (y, line) in lines.into_iter().enumerate() {
        out.push(line);
        let marks: String =
            (0..width).map(|x| if buffer[(x, y as u16)].modifier.contains(MATCHED) { '^' } else { ' ' }).collect();
        if marks.contains('^') {
            out.push(marks.trim_end().to_owned());
        }
    }
    out.join("\n")
}

fn filter(app: &mut App, text: &str) {
    press(app, KeyCode::Char('/'));
    chars(app, text);
    press(app, KeyCode::Enter);
}

#[test]
fn every_list_filters_and_marks_the_matched_characters() {
    // My goals: hiragana find the katakana of a title of 鳴海 翔 (P0011).
    let (_dir, mut app) = open("P0011", Lang::Ja, (80, 24));
    press(&mut app, KeyCode::Char('2'));
    filter(&mut app, "おんらいん");
    let mine = screen_with_marks(&app);
    insta::assert_snapshot!("filter_mine", mine);
    assert!(!mine.contains("SNS動画"), "only matching goals are listed:\n{mine}");

    // The Review inbox of 佐々木 隆 (P0003).
    let (_dir, mut app) = open("P0003", Lang::Ja, (80, 24));
    press(&mut app, KeyCode::Char('3'));
    filter(&mut app, "アユミ");
    insta::assert_snapshot!("filter_review", screen_with_marks(&app));

    // The tree: half-width katakana find the full-width titles.
    press(&mut app, KeyCode::Char('1'));
    filter(&mut app, "ｵﾝﾗｲﾝ");
    insta::assert_snapshot!("filter_tree", screen_with_marks(&app));

    // People, by title; and the 1on1s, by the other person's name.
    press(&mut app, KeyCode::Char('5'));
    filter(&mut app, "主査");
    insta::assert_snapshot!("filter_people", screen_with_marks(&app));
    press(&mut app, KeyCode::Char('6'));
    filter(&mut app, "鳴海");
    insta::assert_snapshot!("filter_meetings", screen_with_marks(&app));
}

#[test]
fn an_empty_filtered_list_says_why() {
    let (_dir, mut app) = open("P0003", Lang::Ja, (80, 24));
    press(&mut app, KeyCode::Char('3'));
    filter(&mut app, "ｚｚｚ");
    assert!(screen(&app).contains("「ｚｚｚ」に一致するものはありません"), "{}", screen(&app));
    // 工藤 誠一 is above 佐々木, not in his inbox: readable, so elsewhere, not hidden.
    press(&mut app, KeyCode::Esc);
    filter(&mut app, "工藤");
    assert!(
        screen(&app).contains("「工藤」に一致する人はこの一覧にいません (組織タブに全員がいます)"),
        "{}",
        screen(&app)
    );
    // 三上 浩之 heads another section: 佐々木 may not read him.
    press(&mut app, KeyCode::Esc);
    filter(&mut app, "三上");
    assert!(screen(&app).contains("「三上」に一致するのは閲覧できない人や記録だけです"), "{}", screen(&app));
    press(&mut app, KeyCode::Esc);
    assert!(screen(&app).contains("葛西 直樹"), "Esc drops the filter:\n{}", screen(&app));

    // 鳴海 翔 reviews nobody: his inbox has nothing to show, whatever is typed.
    let (_dir, mut app) = open("P0011", Lang::En, (80, 24));
    press(&mut app, KeyCode::Char('3'));
    filter(&mut app, "a");
    assert!(screen(&app).contains("Nothing to show"), "{}", screen(&app));
    press(&mut app, KeyCode::Char('2'));
    filter(&mut app, "zzz");
    assert!(screen(&app).contains("Nothing matches \"zzz\""), "{}", screen(&app));
}

#[test]
fn a_status_too_long_for_its_rows_says_so_and_m_shows_it_whole() {
    for (lang, name) in [(Lang::Ja, "ja"), (Lang::En, "en")] {
        let (_dir, mut app) = open("P0003", lang, (60, 20));
        chars(&mut app, "M");
        let nothing = app.status.as_ref().map(|status| status.text.clone()).unwrap_or_default();
        assert!(nothing.contains("メッセージはありません") || nothing.contains("no message"), "{nothing}");
        // A message of nine reasons and an instruction at the end, as a refused
        // export lists the problems of a data set.
        let reasons: Vec<String> = (1..=9).map(|n| format!("cycles/2026/goals/P00{n:02}.toml: 問題 {n}")).collect();
        let text = format!("{}\nCtrl-R で読み込み直してください", reasons.join("\n"));
        app.status = Some(pdca::app::effect::Status { text, is_error: true });
        let cut = screen(&app);
        let end = cut.lines().rev().skip(1).take(2).collect::<Vec<_>>();
        assert!(end[0] == "読み込み直してください" && end[1].ends_with("Ctrl-R で"), "the end stays in sight:\n{cut}");
        insta::assert_snapshot!(format!("status_cut_{name}_60x20"), cut);
        chars(&mut app, "M");
        let whole = screen(&app);
        for n in [1, 5, 9] {
            assert!(whole.contains(&format!("問題 {n}")), "reason {n} in the popup:\n{whole}");
        }
        insta::assert_snapshot!(format!("status_whole_{name}_60x20"), whole);
        press(&mut app, KeyCode::Esc);
        assert!(app.popups.is_empty(), "Esc closes the whole message");
        // With a form open, M goes into the field and F2 shows the message.
        chars(&mut app, "2n");
        assert!(matches!(app.popups.last(), Some(pdca::app::effect::Popup::Form(_))), "a new-goal form");
        app.status = Some(pdca::app::effect::Status {
            text: "Ctrl-R で読み込み直してください".into(), is_error: true
        });
        press(&mut app, KeyCode::F(2));
        assert!(matches!(app.popups.last(), Some(pdca::app::effect::Popup::Message { .. })), "F2 from a form");
        press(&mut app, KeyCode::Esc);
        assert!(matches!(app.popups.last(), Some(pdca::app::effect::Popup::Form(_))), "back in the form");
    }
}

#[test]
fn only_the_columns_a_list_searches_are_marked() {
    // The inbox searches ids, names and titles: "1" keeps 神 正明 (P0010) and
    // 鳴海 翔 (P0011) by their ids, which are not drawn, so nothing is marked; not
    // the level column's 1 nor the figures (100%, 1/2).
    let (_dir, mut app) = open("P0003", Lang::Ja, (80, 24));
    press(&mut app, KeyCode::Char('3'));
    filter(&mut app, "1");
    let shown = screen_with_marks(&app);
    assert!(shown.contains("神 正明") && shown.contains("鳴海 翔") && !shown.contains("葛西"), "{shown}");
    assert!(!shown.contains('^'), "no column drawn is one searched by \"1\":\n{shown}");
    // The tree searches titles and owners: 1on1 in a title is marked, the figures are not.
    press(&mut app, KeyCode::Char('1'));
    filter(&mut app, "1");
    let tree = screen_with_marks(&app);
    let marked: Vec<&str> = tree.lines().filter(|line| line.contains('^')).collect();
    let figures = 4 + 28 + 1 + 16;
    assert!(!marked.is_empty() && marked.iter().all(|marks| marks.len() <= figures), "{tree}");
}

#[test]
fn the_unit_overview_filters_marks_and_goes_round_its_matches() {
    // HR (木村 あゆみ, P0007) sees the overview by default.
    let (_dir, mut app) = open("P0007", Lang::Ja, (80, 24));
    press(&mut app, KeyCode::Char('3'));
    filter(&mut app, "DX");
    let shown = screen_with_marks(&app);
    insta::assert_snapshot!("filter_overview", shown);
    assert!(shown.contains("DX推進チーム") && !shown.contains("人材育成チーム"), "{shown}");
    assert!(shown.contains("遅れ  DX推進チーム: 相馬 拓也 技師 (下書き)"), "who is late there: {shown}");
    // n and N go round the lines that match themselves.
    let review = &app.tabs.review;
    let matched: Vec<usize> = (0..review.overview_lines.len()).filter(|&i| review.overview_lines[i].1).collect();
    assert!(matched.len() >= 2, "{:?}", review.overview_lines);
    assert_eq!(review.overview_selected, 0);
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.tabs.review.overview_selected, matched[1]);
    press(&mut app, KeyCode::Char('N'));
    assert_eq!(app.tabs.review.overview_selected, matched[0]);
    press(&mut app, KeyCode::Char('N'));
    assert_eq!(app.tabs.review.overview_selected, *matched.last().unwrap(), "round the start");
    press(&mut app, KeyCode::Esc);
    assert!(screen(&app).contains("人材育成チーム"), "Esc drops the filter:\n{}", screen(&app));

    // The three reasons an overview shows nothing, for the head of 人事課.
    let (_dir, mut app) = open("P0003", Lang::Ja, (80, 24));
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('o'));
    for (typed, said) in [
        ("ｚｚｚ", "「ｚｚｚ」に一致するものはありません"),
        ("工藤", "「工藤」に一致する人はこの一覧にいません (組織タブに全員がいます)"),
        ("三上", "「三上」に一致するのは閲覧できない人や記録だけです"),
    ] {
        filter(&mut app, typed);
        assert!(screen(&app).contains(said), "{typed}: {}", screen(&app));
        press(&mut app, KeyCode::Esc);
    }
}
