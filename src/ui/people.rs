//! The People tab: the unit tree with heads and members.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::text::{pad, single_line};
use crate::app::App;
use crate::model::{Org, Person, Unit};

/// One line per unit and per member, units in tree order, members under their unit.
pub fn lines(org: &Org) -> Vec<(usize, Option<&Unit>, Option<&Person>)> {
    let mut out = Vec::new();
    let mut stack: Vec<(&Unit, usize)> =
        org.units.iter().filter(|u| u.parent.is_none()).rev().map(|u| (u, 0)).collect();
    let mut seen = std::collections::HashSet::new();
    while let Some((unit, depth)) = stack.pop() {
        if !seen.insert(unit.id.as_str()) {
            continue;
        }
        out.push((depth, Some(unit), None));
        for person in org.people.iter().filter(|p| p.unit == unit.id) {
            out.push((depth + 1, None, Some(person)));
        }
        stack.extend(
            org.units.iter().filter(|u| u.parent.as_deref() == Some(unit.id.as_str())).rev().map(|u| (u, depth + 1)),
        );
    }
    out
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let org = &app.workspace.snapshot.org;
    let lang = app.lang;
    let all = lines(org);
    let height = usize::from(area.height);
    let selected_line = all
        .iter()
        .enumerate()
        .filter(|(_, (_, _, p))| p.is_some())
        .nth(app.people_selected)
        .map(|(i, _)| i)
        .unwrap_or(0);
    let offset = selected_line.saturating_sub(height.saturating_sub(1));
    let rendered: Vec<Line> = all
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(index, (depth, unit, person))| {
            let indent = "  ".repeat(*depth);
            match (unit, person) {
                (Some(unit), _) => {
                    let head = unit
                        .head
                        .as_deref()
                        .and_then(|h| app.workspace.person(h))
                        .map(|p| format!("  ({} {})", p.title, p.name))
                        .unwrap_or_default();
                    Line::styled(format!("{indent}{}{head}", single_line(&unit.name)), app.theme.header)
                }
                (_, Some(person)) => {
                    let grade = person.grade.map(|g| format!("{g}{}", lang.pick("級", ""))).unwrap_or_default();
                    let roles = if person.is_hr() { lang.pick(" [人事]", " [HR]") } else { "" };
                    let goals = app.workspace.goals_file(&person.id).map_or(0, |f| f.goals.len());
                    let count = match lang {
                        crate::i18n::Lang::Ja => format!("目標{goals}件"),
                        crate::i18n::Lang::En => format!("{goals} goals"),
                    };
                    let text = format!(
                        "{indent}{} {} {} {}{roles}",
                        pad(&single_line(&person.name), 14),
                        pad(&single_line(&person.title), 16),
                        pad(&grade, 4),
                        count
                    );
                    let style = if index == selected_line { app.theme.selected } else { app.theme.text };
                    Line::styled(text, style)
                }
                _ => Line::default(),
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(rendered), area);
}
