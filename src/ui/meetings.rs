//! 1on1s and engagement results as lines, drawn in the 1on1 tab and by
//! `pdca show meetings` / `pdca show engagement`, and the tab around them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::scroll::offset;
use super::search::{self, Hidden};
use super::tabs::below_header;
use super::text::single_line;
use crate::app::component::Shared;
use crate::app::tabs::meetings::MeetingsTab;
use crate::keys::Action;
use crate::messages::{InstrumentText, Lang, Message};
use crate::model::engagement::Reading;
use crate::theme::Theme;
use crate::view::engagement::{EngagementView, Named};
use crate::view::measured::{MeasuredBasis, MeasuredNote};
use crate::view::meetings::MeetingRow;

/// "2026-10-14  [上司]  佐々木 隆 課長 → 鳴海 翔 主事".
pub fn heading(row: &MeetingRow<'_>, lang: Lang) -> String {
    let line = InstrumentText::MeetingLine {
        date: row.date.to_string(),
        kind: row.kind.text(lang),
        writer: row.writer_name.clone(),
        with: row.with_name.clone(),
    };
    single_line(&line.text(lang)).into_owned()
}

/// What was said, for the pair; that it is private, for anyone else.
pub fn content_lines(row: &MeetingRow<'_>, lang: Lang, theme: &Theme) -> Vec<Line<'static>> {
    let Some(content) = &row.content else {
        return vec![Line::styled(format!("  {}", InstrumentText::TextPrivate.text(lang)), theme.dim)];
    };
    let mut lines = Vec::new();
    for (label, text) in [(InstrumentText::Agenda, content.agenda), (InstrumentText::Notes, content.notes)] {
        if text.trim().is_empty() {
            continue;
        }
        lines.push(Line::styled(format!("  {}", label.text(lang)), theme.header));
        lines.extend(text.lines().map(|line| Line::styled(format!("    {}", single_line(line)), theme.text)));
    }
    if !content.actions.is_empty() {
        lines.push(Line::styled(format!("  {}", InstrumentText::Agreed.text(lang)), theme.header));
    }
    for action in content.actions {
        let done = if action.done { format!(" [{}]", InstrumentText::DoneMark.text(lang)) } else { String::new() };
        let goal = action
            .goal
            .as_deref()
            .map(|goal| InstrumentText::ForGoal { goal: single_line(goal).into_owned() }.text(lang))
            .unwrap_or_default();
        lines.push(Line::styled(format!("    ・{}{goal}{done}", single_line(&action.text)), theme.text));
    }
    lines
}

/// Every row with what the reader may see of it (for `pdca show meetings`).
pub fn all_lines(rows: &[MeetingRow<'_>], lang: Lang, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(InstrumentText::MeetingsHeading { count: rows.len() }.text(lang), theme.header)];
    for row in rows {
        lines.push(Line::styled(heading(row, lang), theme.text));
        lines.extend(content_lines(row, lang, theme));
    }
    lines
}

fn named(name: &Named, lang: Lang) -> String {
    single_line(&name.text(lang)).into_owned()
}

/// "3.25 低い +0.05": a mean, its band and its change since the previous cycle.
fn reading(reading: &Reading, lang: Lang) -> String {
    let change = reading.change.map(|change| format!(" {}", InstrumentText::Change { change }.text(lang)));
    format!("{:.2} {}{}", reading.mean, reading.band.text(lang), change.unwrap_or_default())
}

/// A measured goal's figure and what it was counted from.
pub fn measured_lines(note: &MeasuredNote, unit: &str, lang: Lang, theme: &Theme) -> Vec<Line<'static>> {
    let label = format!("{}: ", InstrumentText::LabelMeasured.text(lang));
    let value = match note.value {
        // Counts are whole; means and shares read to two places.
        Some(value) if value.fract() == 0.0 => format!("{value:.0} {}", single_line(unit)),
        Some(value) => format!("{value:.2} {}", single_line(unit)),
        None => InstrumentText::NotYetMeasured.text(lang),
    };
    let basis = match &note.basis {
        MeasuredBasis::Training { course, people, units } => {
            InstrumentText::FromTraining { course: course.clone(), people: *people, units: *units }
        }
        MeasuredBasis::Engagement { unit, question, respondents } => InstrumentText::FromEngagement {
            unit: unit.clone(),
            question: question.clone().unwrap_or_else(|| InstrumentText::Overall.text(lang)),
            respondents: *respondents,
        },
        MeasuredBasis::Meetings { min_meetings, reaching, people } => {
            InstrumentText::FromMeetings { min: *min_meetings, reaching: *reaching, people: *people }
        }
        MeasuredBasis::UnknownOwner { source } => InstrumentText::FromUnknownOwner { source: (*source).to_owned() },
    };
    vec![
        Line::from(vec![Span::styled(label, theme.dim), Span::styled(value, theme.text)]),
        Line::styled(format!("  {}", single_line(&basis.text(lang))), theme.dim),
    ]
}

/// Each unit's overall score, its groups and its questions.
pub fn engagement_lines(view: Option<&EngagementView>, lang: Lang, theme: &Theme) -> Vec<Line<'static>> {
    let Some(view) = view.filter(|v| !v.units.is_empty()) else {
        return vec![Line::styled(InstrumentText::NoEngagement.text(lang), theme.dim)];
    };
    let heading = InstrumentText::EngagementHeading { cycle: view.cycle.to_string(), min: view.min_respondents };
    let mut lines = vec![Line::styled(single_line(&heading.text(lang)).into_owned(), theme.header)];
    if view.suppressed > 0 {
        lines.push(Line::styled(InstrumentText::Suppressed { count: view.suppressed }.text(lang), theme.dim));
    }
    for unit in &view.units {
        let overall = InstrumentText::Overall.text(lang);
        let style = if unit.overall.mean < crate::model::engagement::LOW_BELOW { theme.warning } else { theme.header };
        let text = format!("{}  {overall} {}", single_line(&unit.name), reading(&unit.overall, lang));
        lines.push(Line::styled(text, style));
        for (group, score) in &unit.groups {
            lines.push(Line::styled(format!("  [{}] {}", named(group, lang), reading(score, lang)), theme.text));
        }
        for question in &unit.questions {
            let text = format!(
                "    {} {} (n={}) {}",
                single_line(&question.id),
                reading(&question.reading, lang),
                question.respondents,
                named(&question.text, lang)
            );
            lines.push(Line::styled(text, theme.dim));
        }
    }
    lines
}

/// The tab: the 1on1s the actor may know of with the selected one's text below,
/// or the survey results.
pub fn draw(tab: &MeetingsTab, shared: &Shared, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lang = shared.lang;
    let [body, hint] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    if tab.survey {
        let lines = engagement_lines(tab.engagement.as_ref(), lang, theme);
        // Scrolled as every pane is: no further than the last screenful.
        let first = offset(lines.len(), usize::from(body.height), tab.scroll, None);
        frame.render_widget(Paragraph::new(lines).scroll((first as u16, 0)), body);
        let text = InstrumentText::EngagementHint { meetings: shared.key(Action::SurveyView) };
        frame.render_widget(Paragraph::new(text.text(lang)).style(theme.dim), hint);
        return;
    }
    let text = InstrumentText::MeetingsHint {
        new: shared.key(Action::NewMeeting),
        edit: shared.key(Action::EditMeeting),
        survey: shared.key(Action::SurveyView),
    };
    frame.render_widget(Paragraph::new(text.text(lang)).style(theme.dim), hint);
    let body = search::filter_line(&tab.filter, theme, frame, body);
    if tab.rows.is_empty() && tab.filter.shows() {
        return search::why_empty(&tab.filter, Hidden::People, lang, theme, frame, body);
    }
    if tab.rows.is_empty() {
        frame.render_widget(Paragraph::new(InstrumentText::NoMeetings.text(lang)).style(theme.dim), body);
        return;
    }
    let list_height = (tab.rows.len() as u16 + 1).min(body.height / 2).max(2);
    let [list, detail] = Layout::vertical([Constraint::Length(list_height), Constraint::Fill(1)]).areas(body);
    let count = InstrumentText::MeetingsHeading { count: tab.rows.len() }.text(lang);
    let rows_shown = usize::from(list_height - 1);
    let offset = tab.selected.saturating_sub(rows_shown.saturating_sub(1));
    let mut lines = vec![Line::styled(count, theme.header)];
    let (world, actor) = (&shared.workspace.world, shared.workspace.actor.as_str());
    let shown = tab.rows.iter().enumerate().skip(offset).take(rows_shown);
    lines.extend(shown.filter_map(|(index, at)| {
        let style = if index == tab.selected { theme.selected } else { theme.text };
        Some(Line::styled(heading(&at.row(world, actor)?, lang), style))
    }));
    frame.render_widget(Paragraph::new(lines), list);
    // Every part of a 1on1's line is searched: its date, kind and both people.
    search::mark_matches(&tab.filter, frame.buffer_mut(), below_header(list), search::whole_rows(list.width));
    if let Some(row) = tab.selected_row(shared) {
        let lines = content_lines(&row, lang, theme);
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), detail);
    }
}
