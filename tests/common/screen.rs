//! Driving the app in-process for snapshots: keys through its real event path, and
//! the screen drawn on a test backend as text.

use std::collections::BTreeMap;
use std::path::Path;

use pdca::app::App;
use pdca::keys::Keymap;
use pdca::messages::Lang;
use pdca::theme::Theme;
use pdca::ui::text::buffer_lines;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// The app as `actor` on a fresh copy of the bundled sample, with the default keys.
pub fn app(actor: &str, lang: Lang, size: (u16, u16)) -> (tempfile::TempDir, App) {
    let (dir, data) = super::sample_data();
    (dir, open(&data, actor, lang, Keymap::new(&BTreeMap::new()), size))
}

/// The app as `actor` on the data set at `data`, on [`super::today`].
pub fn open(data: &Path, actor: &str, lang: Lang, keymap: Keymap, size: (u16, u16)) -> App {
    App::new(super::workspace(data, actor), lang, keymap, size)
}

/// The app's screen at its size, in the plain theme, one line per row.
pub fn screen(app: &App) -> String {
    let (width, height) = app.shared.size;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| pdca::ui::app::draw(app, &Theme::plain(), frame)).unwrap();
    buffer_lines(terminal.backend().buffer()).join("\n")
}

pub fn key(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    app.handle_event(Event::Key(KeyEvent::new(code, modifiers)));
}

pub fn press(app: &mut App, code: KeyCode) {
    key(app, code, KeyModifiers::NONE);
}

pub fn chars(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}
