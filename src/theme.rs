//! Colours and glyphs of the interface.

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    pub text: Style,
    pub dim: Style,
    pub header: Style,
    pub selected: Style,
    pub done: Style,
    pub on_track: Style,
    pub behind: Style,
    pub bar_empty: Style,
    pub pending: Style,
    pub declined: Style,
    pub warning: Style,
    /// Draw bars with ASCII glyphs instead of colour: for text output and `NO_COLOR`.
    pub plain: bool,
}

impl Theme {
    /// No colour at all: what `pdca show` prints and what `NO_COLOR` asks for.
    pub fn plain() -> Theme {
        Theme {
            text: Style::new(),
            dim: Style::new(),
            header: Style::new().add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            done: Style::new(),
            on_track: Style::new(),
            behind: Style::new(),
            bar_empty: Style::new(),
            pending: Style::new(),
            declined: Style::new(),
            warning: Style::new().add_modifier(Modifier::BOLD),
            plain: true,
        }
    }

    pub fn dark() -> Theme {
        Theme {
            text: Style::new().fg(Color::Gray),
            dim: Style::new().fg(Color::DarkGray),
            header: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            selected: Style::new().bg(Color::Rgb(40, 60, 90)).add_modifier(Modifier::BOLD),
            done: Style::new().bg(Color::Rgb(50, 140, 80)).fg(Color::Black),
            on_track: Style::new().bg(Color::Rgb(60, 110, 170)).fg(Color::Black),
            behind: Style::new().bg(Color::Rgb(190, 120, 40)).fg(Color::Black),
            bar_empty: Style::new().bg(Color::Rgb(50, 50, 50)),
            pending: Style::new().fg(Color::Yellow).add_modifier(Modifier::ITALIC),
            declined: Style::new().fg(Color::DarkGray).add_modifier(Modifier::CROSSED_OUT),
            warning: Style::new().fg(Color::LightRed).add_modifier(Modifier::BOLD),
            plain: false,
        }
    }
}
