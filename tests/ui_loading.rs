//! The screen a long load shows: how many of the files found so far are read.

use pdca::messages::Lang;
use pdca::theme::Theme;
use pdca::ui::text::buffer_lines;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn screen(lang: Lang, counts: (usize, usize)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let theme = Theme::plain();
    terminal.draw(|frame| pdca::ui::loading::draw(frame, &theme, lang, counts)).unwrap();
    buffer_lines(terminal.backend().buffer()).join("\n")
}

#[test]
fn the_loading_screen_shows_the_files_read_of_those_found_with_a_bar() {
    insta::assert_snapshot!("loading_ja", screen(Lang::Ja, (10_000, 40_000)));
    insta::assert_snapshot!("loading_en", screen(Lang::En, (40_000, 40_000)));
}

#[test]
fn nothing_found_yet_is_an_empty_bar() {
    let text = screen(Lang::En, (0, 0));
    assert!(text.contains("0 / 0 files"), "{text}");
    assert!(text.contains(&"-".repeat(50)), "{text}");
}
