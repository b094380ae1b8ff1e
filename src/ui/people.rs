//! The People tab: the unit tree with heads and members.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::text::{pad, single_line};
use crate::app::App;
use crate::app::people::PeopleLine;
use crate::i18n::Lang;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let org = &app.workspace.snapshot.org;
    let lang = app.lang;
    let lines = &app.people_lines;
    let height = usize::from(area.height);
    let selected_line = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| matches!(line, PeopleLine::Person { .. }))
        .nth(app.people_selected)
        .map_or(0, |(index, _)| index);
    let offset = selected_line.saturating_sub(height.saturating_sub(1));
    let rendered: Vec<Line> = lines
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(index, line)| match *line {
            PeopleLine::Unit { depth, unit } => {
                let unit = &org.units[unit];
                let head = unit
                    .head
                    .as_deref()
                    .and_then(|h| app.workspace.person(h))
                    .map(|p| format!("  ({} {})", p.title, p.name))
                    .unwrap_or_default();
                Line::styled(format!("{}{}{head}", "  ".repeat(depth), single_line(&unit.name)), app.theme.header)
            }
            PeopleLine::Person { depth, person } => {
                let person = &org.people[person];
                let grade = person.grade.map(|g| format!("{g}{}", lang.pick("級", ""))).unwrap_or_default();
                let roles = if person.is_hr() { lang.pick(" [人事]", " [HR]") } else { "" };
                let goals = app.workspace.goals_file(&person.id).map_or(0, |f| f.goals.len());
                let count = match lang {
                    Lang::Ja => format!("目標{goals}件"),
                    Lang::En => format!("{goals} goals"),
                };
                let text = format!(
                    "{}{} {} {} {}{roles}",
                    "  ".repeat(depth),
                    pad(&single_line(&person.name), 14),
                    pad(&single_line(&person.title), 16),
                    pad(&grade, 4),
                    count
                );
                let style = if index == selected_line { app.theme.selected } else { app.theme.text };
                Line::styled(text, style)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(rendered), area);
}
