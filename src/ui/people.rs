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

/// The most cells a person's name and title columns take.
const NAME: usize = 14;
const TITLE: usize = 16;

/// A person's line in three parts around the title column.
struct PersonParts {
    /// Indent and name column.
    before: String,
    title: String,
    /// Grade, goal count and roles.
    after: String,
    /// Days since the last 1on1 and recognition, and whether either is overdue.
    recency: Option<(String, bool)>,
}

fn person_parts(tab: &PeopleTab, shared: &Shared, depth: usize, person: usize) -> PersonParts {
    let (world, lang) = (&shared.workspace.world, shared.lang);
    let recency = tab.recency.get(person).copied().flatten();
    let person = &world.org.people[person];
    let grade = person.grade.map(|grade| Text::GradeSuffix { grade }.text(lang)).unwrap_or_default();
    let roles = if person.is_hr() { Text::HrMark.text(lang) } else { String::new() };
    let count = Text::GoalCount { count: world.goals_of(&person.id).len() }.text(lang);
    let recency = recency.map(|cell| {
        let days = |days: Option<i64>| match days {
            Some(days) => InstrumentText::Days { days }.text(lang),
            None => InstrumentText::Never.text(lang),
        };
        let recency = InstrumentText::PeopleRecency {
            meeting: days(cell.days_since_meeting),
            praise: days(cell.days_since_recognition),
        };
        (format!("  {}", recency.text(lang)), cell.overdue.meeting || cell.overdue.recognition)
    });
    PersonParts {
        before: format!("{}{}", "  ".repeat(depth), pad(&single_line(&person.name), tab.widest.0.min(NAME))),
        title: single_line(&person.title).into_owned(),
        after: format!(" {} {count}{roles}", pad(&grade, 4)),
        recency,
    }
}

/// The title column: as wide as the longest title in the organisation, up to
/// [`TITLE`], and narrower when the lines `shown` would not otherwise fit `width`
/// whole: the 1on1 and recognition figures matter more than a long title.
fn title_cells(tab: &PeopleTab, shown: &[Option<PersonParts>], width: usize) -> usize {
    let widest_rest = shown
        .iter()
        .flatten()
        .map(|parts| {
            let recency = parts.recency.as_ref().map_or(0, |(text, _)| super::text::width(text));
            super::text::width(&parts.before) + 1 + super::text::width(&parts.after) + recency
        })
        .max()
        .unwrap_or(0);
    tab.widest.1.min(TITLE).min(width.saturating_sub(widest_rest)).max(MIN_TITLE)
}

/// A title cut shorter than this reads as nothing.
const MIN_TITLE: usize = 4;

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
    // Each shown person's line in parts, once: the title column's width needs them all.
    let mut parts: Vec<Option<PersonParts>> = (tab.lines.iter().skip(offset).take(height))
        .map(|line| match *line {
            PeopleLine::Person { depth, person } => Some(person_parts(tab, shared, depth, person)),
            PeopleLine::Unit { .. } => None,
        })
        .collect();
    let title_cells = title_cells(tab, &parts, usize::from(area.width));
    let rendered: Vec<Line> = tab
        .lines
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .zip(parts.iter_mut())
        .map(|((index, line), parts)| match *line {
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
            PeopleLine::Person { .. } => {
                let parts = parts.take().expect("a person's line has its parts");
                let text = format!("{} {}{}", parts.before, pad(&parts.title, title_cells), parts.after);
                let style = if index == selected_line { theme.selected } else { theme.text };
                let mut spans = vec![Span::styled(text, style)];
                if let Some((recency, overdue)) = parts.recency {
                    spans.push(Span::styled(recency, if overdue { theme.warning } else { theme.dim }));
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
            PeopleLine::Person { depth, .. } => {
                2 * depth as u16..(2 * depth + tab.widest.0.min(NAME) + 1 + title_cells) as u16
            }
        })
        .collect();
    search::mark_matches(&tab.filter, frame.buffer_mut(), area, |line| {
        searched.get(line).cloned().into_iter().collect()
    });
    search::why_empty(&tab.filter, Hidden::People, lang, theme, frame, area);
}
