//! The app in a terminal that draws East Asian ambiguous characters (─ │ ① ※ ○)
//! two columns wide: with `borders = "ascii"` every cell lands where it was meant to
//! and no line runs past the edge, even with such characters in the user's text.

use crate::common;

use common::screen::{open, press};
use std::collections::BTreeMap;
use std::fs;

use pdca::app::App;
use pdca::keys::Keymap;
use pdca::messages::Lang;
use pdca::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::crossterm::event::KeyCode;
use unicode_width::UnicodeWidthStr;

const TITLE: &str = "RPA導入効果の測定と報告";
const MARKED: &str = "①RPA導入効果※の測定○と報告";

/// P0020's sample with ①, ※ and ○ in a goal title and its criteria, as people write them.
fn app(lang: Lang) -> (tempfile::TempDir, App) {
    let (dir, data) = common::sample_data();
    let goals = data.join("cycles/2026/goals/P0020.toml");
    let text = fs::read_to_string(&goals).unwrap();
    assert!(text.contains(TITLE));
    let text = text.replace(TITLE, MARKED).replace("導入業務の効果測定", "※導入業務の効果測定①②③");
    fs::write(&goals, text).unwrap();
    (dir, open(&data, "P0020", lang, Keymap::new(&BTreeMap::new()), (80, 24)))
}

fn draw(app: &App, ascii: bool) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let theme = Theme { ascii, ..Theme::builtin("terminal").unwrap() };
    terminal.draw(|frame| pdca::ui::app::draw(app, &theme, frame)).unwrap();
    terminal.backend().buffer().clone()
}

/// Each line as a terminal that draws ambiguous characters two columns wide shows
/// it, written out in one run (the worst case: no cursor moves to put it right);
/// `Err` names the first cell that would land in the wrong column or past the edge.
fn as_wide_terminal_shows(buffer: &Buffer) -> Result<Vec<String>, String> {
    let area = buffer.area;
    let mut lines = Vec::new();
    for y in area.top()..area.bottom() {
        let mut shown = String::new();
        let mut x = area.left();
        while x < area.right() {
            let cell = &buffer[(x, y)];
            if shown.width_cjk() != usize::from(x) {
                return Err(format!("line {y}: cell {x} would be drawn at column {}: {shown}", shown.width_cjk()));
            }
            shown.push_str(cell.symbol());
            x += match cell.diff_option {
                CellDiffOption::ForcedWidth(width) => width.get(),
                _ => cell.symbol().width().max(1) as u16,
            };
        }
        if shown.width_cjk() > usize::from(area.width) {
            return Err(format!("line {y} is {} columns wide: {shown}", shown.width_cjk()));
        }
        lines.push(shown.trim_end().to_owned());
    }
    Ok(lines)
}

#[test]
fn every_tab_keeps_its_columns_in_a_terminal_that_draws_ambiguous_characters_wide() {
    for (lang, name) in [(Lang::Ja, "ja"), (Lang::En, "en")] {
        let (_dir, mut app) = app(lang);
        for tab in ['1', '2', '3', '4', '5'] {
            press(&mut app, KeyCode::Char(tab));
            if matches!(tab, '1' | '2') {
                // Without the option the marked title and the box lines push the rest off the screen.
                assert!(as_wide_terminal_shows(&draw(&app, false)).is_err(), "{name} tab {tab}");
            }
            let lines = as_wide_terminal_shows(&draw(&app, true)).unwrap_or_else(|error| panic!("{error}"));
            let screen = lines.join("\n");
            assert!(!screen.chars().any(|c| ('\u{2500}'..='\u{257f}').contains(&c)), "{screen}");
            insta::assert_snapshot!(format!("ambiguous_{name}_80x24_tab{tab}"), screen);
        }
        // The sheet tab shows the marked title.
        press(&mut app, KeyCode::Char('2'));
        let lines = as_wide_terminal_shows(&draw(&app, true)).unwrap();
        assert!(lines.iter().any(|line| line.contains("①RPA")), "{}", lines.join("\n"));
    }
}
