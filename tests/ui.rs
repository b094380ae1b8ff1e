//! Screens of the app, driven through its real event handling (keys in, buffer
//! out) and compared with snapshots.

use std::collections::BTreeMap;

use pdca::app::keymap::Keymap;
use pdca::app::workspace::Workspace;
use pdca::app::{App, Tab};
use pdca::i18n::Lang;
use pdca::model::Date;
use pdca::store::Store;
use pdca::theme::Theme;
use pdca::ui::text::buffer_lines;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// The day the snapshots are taken: in the Do phase of the sample's 2026 cycle.
fn today() -> Date {
    Date::from_ymd(2026, 11, 20).unwrap()
}

fn app(actor: &str, lang: Lang, size: (u16, u16)) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("data"));
    store.init_sample().unwrap();
    let workspace = Workspace::open(store, None, actor.to_owned(), today()).unwrap();
    let keymap = Keymap::new(&BTreeMap::new());
    (dir, App::new(workspace, lang, Theme::plain(), keymap, size))
}

fn screen(app: &App) -> String {
    let (width, height) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| pdca::ui::app::draw(app, frame)).unwrap();
    buffer_lines(terminal.backend().buffer()).join("\n")
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn chars(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];
const LANGS: [(Lang, &str); 2] = [(Lang::Ja, "ja"), (Lang::En, "en")];

#[test]
fn every_tab_in_both_languages_and_sizes() {
    for (lang, lang_name) in LANGS {
        for (width, height) in SIZES {
            // P0003 is a section head: the tree shows his chain and everyone below him.
            let (_dir, mut app) = app("P0003", lang, (width, height));
            for (index, tab) in Tab::ALL.iter().enumerate() {
                press(&mut app, KeyCode::Char(char::from(b'1' + index as u8)));
                assert_eq!(app.tab, *tab);
                let name = format!("{lang_name}_{width}x{height}_{index}_{tab:?}").to_lowercase();
                insta::assert_snapshot!(name, screen(&app));
            }
        }
    }
}

#[test]
fn help_lists_the_keys_of_the_current_view() {
    for (lang, lang_name) in LANGS {
        let (_dir, mut app) = app("P0011", lang, (80, 24));
        press(&mut app, KeyCode::Char('2'));
        press(&mut app, KeyCode::Char('?'));
        insta::assert_snapshot!(format!("help_mine_{lang_name}"), screen(&app));
        press(&mut app, KeyCode::Esc);
        assert!(app.popups.is_empty());
    }
}

#[test]
fn tab_key_and_full_width_digits_switch_tabs() {
    let (_dir, mut app) = app("P0011", Lang::Ja, (80, 24));
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.tab, Tab::Mine);
    press(&mut app, KeyCode::Char('５'));
    assert_eq!(app.tab, Tab::People);
}

#[test]
fn the_tree_filter_keeps_the_chain_above_a_match() {
    let (_dir, mut app) = app("P0007", Lang::Ja, (120, 30));
    press(&mut app, KeyCode::Char('/'));
    chars(&mut app, "福士");
    press(&mut app, KeyCode::Enter);
    let text = screen(&app);
    assert!(text.contains("/ 福士"), "{text}");
    assert!(text.contains("福士 美咲"), "{text}");
    // The department head's goal above the match stays visible.
    assert!(text.contains("工藤 誠一"), "{text}");
    assert!(!text.contains("三上 浩之"), "unrelated branches are hidden: {text}");
    insta::assert_snapshot!("tree_filtered", text);
}

#[test]
fn collapsing_hides_the_subtree() {
    let (_dir, mut app) = app("P0001", Lang::En, (120, 30));
    let before = app.tree.rows.len();
    press(&mut app, KeyCode::Char(' '));
    assert!(app.tree.rows.len() < before);
    assert!(screen(&app).contains("+ "), "a collapsed node is marked +");
    press(&mut app, KeyCode::Right);
    assert_eq!(app.tree.rows.len(), before);
}

#[test]
fn an_employee_sees_only_their_chain_in_the_tree() {
    let (_dir, app) = app("P0011", Lang::Ja, (160, 48));
    let owners: std::collections::HashSet<&str> = app.tree.rows.iter().map(|r| r.owner.as_str()).collect();
    // Not a colleague's goals: P0010 (神 正明) is a peer of P0011.
    assert!(!owners.iter().any(|o| o.starts_with("神 正明")), "{owners:?}");
    assert!(owners.iter().any(|o| o.starts_with("鳴海 翔")));
}
