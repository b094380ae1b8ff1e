//! The People tab: the unit tree with heads and members.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::search::{self, Hidden};
use super::text::{pad, single_line, width};
use crate::app::component::Shared;
use crate::app::tabs::people::PeopleTab;
use crate::messages::{InstrumentText, Message, Text};
use crate::theme::Theme;
use crate::view::people::PeopleLine;

/// Cells of a person's name and title columns.
const NAME: usize = 14;
const TITLE: usize = 16;

pub fn draw(tab: &PeopleTab, shared: &Shared, theme: &Theme, frame: &mut Frame, area: Rect) {
    let world = &shared.workspace.world;
    let lang = shared.lang;
    let area = search::filter_line(&tab.filter, theme, frame, area);
    let height = usize::from(area.height);
    let selected_line = tab
        .lines
        .iter()
        .enumerate()
        .filter(|(_, line)| matches!(line, PeopleLine::Person { .. }))
        .nth(tab.selected)
        .map_or(0, |(index, _)| index);
    let offset = selected_line.saturating_sub(height.saturating_sub(1));
    let rendered: Vec<Line> = tab
        .lines
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(index, line)| match *line {
            PeopleLine::Unit { depth, unit } => {
                let unit = &world.org.units[unit];
                let head = unit
                    .head
                    .as_deref()
                    .and_then(|h| world.person(h))
                    .map(|p| format!("  ({} {})", single_line(&p.title), single_line(&p.name)))
                    .unwrap_or_default();
                Line::styled(format!("{}{}{head}", "  ".repeat(depth), single_line(&unit.name)), theme.header)
            }
            PeopleLine::Person { depth, person } => {
                let person = &world.org.people[person];
                let grade = person.grade.map(|grade| Text::GradeSuffix { grade }.text(lang)).unwrap_or_default();
                let roles = if person.is_hr() { Text::HrMark.text(lang) } else { String::new() };
                let count = Text::GoalCount { count: world.goals_of(&person.id).len() }.text(lang);
                let text = format!(
                    "{}{} {} {} {count}{roles}",
                    "  ".repeat(depth),
                    pad(&single_line(&person.name), NAME),
                    pad(&single_line(&person.title), TITLE),
                    pad(&grade, 4),
                );
                let style = if index == selected_line { theme.selected } else { theme.text };
                let mut spans = vec![Span::styled(text, style)];
                if let Some(cell) = tab.recency.get(&person.id) {
                    let overdue = cell.overdue.meeting || cell.overdue.recognition;
                    let days = |days: Option<i64>| match days {
                        Some(days) => InstrumentText::Days { days }.text(lang),
                        None => InstrumentText::Never.text(lang),
                    };
                    let recency = InstrumentText::PeopleRecency {
                        meeting: days(cell.days_since_meeting),
                        praise: days(cell.days_since_recognition),
                    };
                    let recency_style = if overdue { theme.warning } else { theme.dim };
                    spans.push(Span::styled(format!("  {}", recency.text(lang)), recency_style));
                }
                let line = Line::from(spans);
                if index == selected_line { line.patch_style(theme.selected) } else { line }
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(rendered), area);
    // Searched: a person's id, name, title and unit, so their name and title, and the
    // unit's name on the unit's line (not a head's name beside it, nor the figures).
    let searched: Vec<Range<u16>> = tab
        .lines
        .iter()
        .skip(offset)
        .take(height)
        .map(|line| match *line {
            PeopleLine::Unit { depth, unit } => {
                let start = 2 * depth as u16;
                start..start + width(&single_line(&world.org.units[unit].name)) as u16
            }
            PeopleLine::Person { depth, .. } => 2 * depth as u16..(2 * depth + NAME + 1 + TITLE) as u16,
        })
        .collect();
    search::mark_matches(&tab.filter, frame.buffer_mut(), area, |line| {
        searched.get(line).cloned().into_iter().collect()
    });
    search::why_empty(&tab.filter, Hidden::People, lang, theme, frame, area);
}
