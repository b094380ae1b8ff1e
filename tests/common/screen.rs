//! Driving the app in-process for snapshots: keys through its real event path, and
//! the screen drawn on a test backend as text.

use pdca::app::App;
use pdca::theme::Theme;
use pdca::ui::text::buffer_lines;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// The app's screen at its size, in the plain theme, one line per row.
pub fn screen(app: &App) -> String {
    let (width, height) = app.shared.size;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| pdca::ui::app::draw(app, &Theme::plain(), frame)).unwrap();
    buffer_lines(terminal.backend().buffer()).join("\n")
}

pub fn press(app: &mut App, code: KeyCode) {
    app.handle_event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

pub fn chars(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}
