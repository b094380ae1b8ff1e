//! `pdca show`: views printed as text, drawn by the same widgets as the app.

use std::collections::HashSet;

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::Session;
use crate::model::{Cascade, Severity};
use crate::theme::Theme;
use crate::ui::text::buffer_lines;
use crate::ui::tree::{TreeTable, rows};

const DEFAULT_WIDTH: u16 = 100;

pub fn tree(context: &Session, cycle: Option<&str>, width: Option<u16>) -> Result<i32> {
    let snapshot = context.store.load(cycle)?;
    if context.as_person.is_some() {
        context.actor(&snapshot.org)?;
    }
    let cascade = Cascade::build(&snapshot.data);
    let rows = rows(&snapshot.org, &snapshot.data, &cascade, &HashSet::new(), context.today);
    let width = width.unwrap_or_else(terminal_width).max(40);
    let theme = Theme::plain();
    let table = TreeTable { rows: &rows, selected: None, offset: 0, lang: context.lang, theme: &theme };
    let height = u16::try_from(rows.len() + 2).unwrap_or(u16::MAX);
    let mut buffer = Buffer::empty(Rect::new(0, 0, width, height));
    table.render(buffer.area, &mut buffer);

    let cycle = &snapshot.data.cycle;
    let name = cycle.name.as_deref().unwrap_or(&cycle.id);
    println!("{}  {name} ({} – {})", snapshot.info.organisation, cycle.start, cycle.end);
    for line in buffer_lines(&buffer).iter().take(rows.len().max(1) + 1) {
        println!("{line}");
    }
    let unreadable = snapshot.problems.iter().filter(|p| p.severity() == Severity::Error).count();
    if unreadable > 0 {
        eprintln!("warning: {unreadable} file(s) could not be read and are left out; run `pdca check`");
    }
    Ok(0)
}

fn terminal_width() -> u16 {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() {
        crossterm::terminal::size().map_or(DEFAULT_WIDTH, |(columns, _)| columns)
    } else {
        DEFAULT_WIDTH
    }
}
