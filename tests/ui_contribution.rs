//! The Contribution tab as the 部長 and a section head see it, at 80×24 and 160×48:
//! the tables fit, are apart, and their totals add up only where they mean something.

use crate::common;

use common::screen::{app, chars, screen};

use pdca::app::App;
use pdca::messages::Lang;
use pdca::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

fn draw(app: &App, theme: &Theme) -> Buffer {
    let (width, height) = app.shared.size;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| pdca::ui::app::draw(app, theme, frame)).unwrap();
    terminal.backend().buffer().clone()
}

/// The tab as the 部長 (P0001) sees it in each mode: by goal, by unit, by person.
fn modes(lang: Lang, size: (u16, u16)) -> [(App, String); 3] {
    let shot = |presses: &str| {
        // The app has read the data set: its folder may go.
        let (_dir, mut app) = app("P0001", lang, size);
        chars(&mut app, &format!("4{presses}"));
        let screen = screen(&app);
        (app, screen)
    };
    [shot(""), shot("m"), shot("mm")]
}

#[test]
fn the_tab_fits_at_80x24_and_160x48() {
    for (lang, lang_name) in [(Lang::Ja, "ja"), (Lang::En, "en")] {
        for size in [(80, 24), (160, 48)] {
            for (mode, (_, screen)) in ["goal", "unit", "person"].iter().zip(modes(lang, size)) {
                insta::assert_snapshot!(format!("contribution_{lang_name}_{}x{}_{mode}", size.0, size.1), screen);
            }
        }
    }
}

#[test]
fn both_tables_and_their_bars_show_at_80x24_and_apart_at_160x48() {
    let [(_, goal), ..] = modes(Lang::En, (80, 24));
    // The people's table (P0001 sees eleven; the last ones give way) and the sections' below it.
    assert!(goal.contains("葛西 直樹") && goal.contains("more (all: pdca show contribution)"), "{goal}");
    for section in ["情報政策課", "人事課", "行政経営課"] {
        assert!(goal.lines().any(|line| line.starts_with(section) && line.contains('#')), "{section}: {goal}");
    }
    for (size, limit) in [((80, 24), 11), ((160, 48), 30)] {
        let [(_, goal), (_, unit), _] = modes(Lang::En, size);
        for line in goal.lines().chain(unit.lines()) {
            // A bar is a share of the whole top goal, never the whole width.
            let bar = line.chars().filter(|&c| c == '#' || c == '-').count();
            assert!(bar <= limit, "{bar} bar cells: {line}");
        }
    }
    let [(_, wide), ..] = modes(Lang::En, (160, 48));
    assert!(!wide.contains("GoalsName") && wide.contains("Goals   "), "{wide}");
}

#[test]
fn only_the_rows_of_one_top_goal_have_a_total() {
    let [(_, goal), (_, unit), (_, person)] = modes(Lang::En, (80, 24));
    assert_eq!(goal.lines().filter(|line| line.starts_with("Total")).count(), 2, "{goal}");
    assert!(goal.contains("100.0%     60.0"), "{goal}");
    // Ten top goals of 100 % each do not make 1000 %.
    assert!(!unit.contains("Total") && !unit.contains("1000.0%"), "{unit}");
    // The 部長 carries no goal of his own below a top goal: he leads four, rolled up.
    assert!(!person.contains("-0.0") && !person.contains("Total"), "{person}");
    assert_eq!(person.lines().filter(|line| line.contains("rolled up")).count(), 4, "{person}");
    assert!(person.contains("DX推進員を年間100名育") && person.contains("60.0"), "{person}");
}

#[test]
fn no_text_is_drawn_in_its_own_background_colour() {
    for theme in ["terminal", "dark", "light"] {
        let theme = Theme::builtin(theme).unwrap();
        for size in [(80, 24), (160, 48)] {
            for (app, _) in modes(Lang::Ja, size) {
                let buffer = draw(&app, &theme);
                for cell in buffer.content.iter().filter(|cell| !cell.symbol().trim().is_empty()) {
                    assert!(cell.fg != cell.bg || cell.fg == ratatui::style::Color::Reset, "{cell:?}");
                }
            }
        }
    }
}
