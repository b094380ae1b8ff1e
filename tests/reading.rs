//! Reading and moving in the app, driven through its real event handling: forms
//! that ask before discarding only what was typed, acting on the selected entry,
//! undo, search and the status line. Snapshots at 80 × 24 for the layout.

use std::collections::BTreeMap;

use pdca::app::App;
use pdca::app::effect::Popup;
use pdca::keys::Keymap;
use pdca::messages::Lang;
use pdca::model::Date;
use pdca::store::Store;
use pdca::theme::Theme;
use pdca::ui::text::buffer_lines;
use pdca::workspace::Workspace;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn app(actor: &str, lang: Lang, size: (u16, u16)) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("data"));
    store.init_sample().unwrap();
    let today = Date::from_ymd(2026, 11, 20).unwrap();
    let workspace = Workspace::open(store, None, actor.to_owned(), today).unwrap();
    (dir, App::new(workspace, lang, Keymap::new(&BTreeMap::new()), size))
}

fn screen(app: &App) -> String {
    let (width, height) = app.shared.size;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| pdca::ui::app::draw(app, &Theme::plain(), frame)).unwrap();
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
