//! Draws the whole application from its state: top bar, tabs, the current tab's
//! body, the message and key-hint lines, and popups.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::scroll::wrap;
use super::sheet::status_style;
use super::text::{single_line, width};
use crate::app::App;
use crate::app::status::MAX_ROWS;
use crate::app::tabs::{Tab, tab_spans};
use crate::keys::{Action, Context};
use crate::messages::{Message, Text};
use crate::theme::Theme;

pub fn draw(app: &App, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    let status_rows = status_rows(app, area.width);
    let message_rows = status_rows.len().clamp(1, usize::from(MAX_ROWS)) as u16;
    let [top, tabs, body, message, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(message_rows),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_top_bar(app, theme, frame, top);
    if body.height < 2 {
        // Too small to show anything but the bars; drawing on resumes when it grows.
        draw_hints(app, theme, frame, hints);
        return;
    }
    draw_tabs(app, theme, frame, tabs);
    let shared = &app.shared;
    match app.tab {
        Tab::Tree => super::tabs::tree(&app.tabs.tree, shared, theme, frame, body),
        Tab::Mine => super::tabs::mine(&app.tabs.mine, shared, theme, frame, body),
        Tab::Review => super::review::draw(&app.tabs.review, shared, theme, frame, body),
        Tab::Contribution => super::contribution::draw(&app.tabs.contribution, shared, theme, frame, body),
        Tab::People => super::people::draw(&app.tabs.people, shared, theme, frame, body),
        Tab::Meetings => super::meetings::draw(&app.tabs.meetings, shared, theme, frame, body),
    }
    if let Some(status) = &app.status {
        frame.render_widget(Paragraph::new(status_rows).style(status_style(theme, status.is_error)), message);
    }
    draw_hints(app, theme, frame, hints);
    // Popups leave the status rows and the hint line visible, so that what a
    // reload or a refusal says is read while a form is still open.
    let above_status = Rect { height: message.y - area.y, ..area };
    for popup in &app.popups {
        super::popups::draw(app, popup, theme, frame, above_status);
    }
    super::text::repair_split_wide_chars(frame.buffer_mut());
    if theme.ascii {
        super::ambiguous::make_safe(frame.buffer_mut());
    }
}

/// The status wrapped to `columns`; when it needs more than [`MAX_ROWS`], a row that
/// says how to see it whole and its last rows, so that the instruction at its end is
/// never lost.
fn status_rows(app: &App, columns: u16) -> Vec<Line<'static>> {
    let Some(status) = &app.status else { return Vec::new() };
    let mut rows = wrap(vec![Line::raw(single_line(&status.text).into_owned())], usize::from(columns)).rows;
    let keep = usize::from(MAX_ROWS);
    if rows.len() > keep {
        // Where to see the whole, then the last rows: the instruction is at the end.
        // Every key: the character one outside forms, the other one inside.
        let key = app.shared.keymap.label(Action::WholeMessage);
        let cut = Line::raw(Text::StatusCut { key }.text(app.lang()));
        rows.splice(..rows.len() - (keep - 1), [cut]);
    }
    rows
}

fn draw_top_bar(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let workspace = &app.shared.workspace;
    let lang = app.lang();
    let cycle = &workspace.world.data.cycle;
    let name = cycle.name.as_deref().unwrap_or(&cycle.id);
    let phase = match cycle.phase_on(workspace.today) {
        Some((phase, span)) => {
            let days = (span.end.0 - workspace.today.0).num_days();
            Text::DaysLeft { phase: phase.text(lang), days }.text(lang)
        }
        None if workspace.today > cycle.end => Text::CycleEnded.text(lang),
        None => Text::OutsidePhases.text(lang),
    };
    let mut me = workspace.me().map(|p| single_line(&p.name_and_title()).into_owned()).unwrap_or_default();
    if let Some(sync) = app.sync_label() {
        me = format!("[{sync}]  {me}");
    }
    if let Some(loading) = app.loading_label() {
        me = format!("[{loading}]  {me}");
    }
    let room = usize::from(area.width).saturating_sub(width(&me) + 2);
    let pieces = [single_line(&workspace.world.info.organisation).into_owned(), single_line(name).into_owned(), phase];
    let left = fitting(&pieces, room);
    let line =
        Line::from(vec![Span::raw(super::text::pad(&left, room)), Span::raw(" "), Span::raw(me), Span::raw(" ")]);
    frame.render_widget(Paragraph::new(line).style(theme.title_bar), area);
}

/// `pieces` joined (" a  b  c"), leaving out whole pieces from the front (the
/// organisation, then the cycle) until the rest fits `room`: the phase and its days
/// left matter most, and a piece cut in the middle reads as nothing.
fn fitting(pieces: &[String], room: usize) -> String {
    let joined = |from: usize| format!(" {}", pieces[from..].join("  "));
    (0..pieces.len()).map(joined).find(|text| width(text) <= room).unwrap_or_else(|| joined(pieces.len() - 1))
}

fn draw_tabs(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let spans: Vec<Span> = tab_spans(app.lang(), area.width, app.tab)
        .into_iter()
        .map(|(tab, label, ..)| Span::styled(label, if tab == app.tab { theme.tab_active } else { theme.tab }))
        .collect();
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The keys of the current context that fit, the main ones first, then quit and
/// help, which lists the rest.
fn draw_hints(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let keymap = &app.shared.keymap;
    let lang = app.lang();
    let context = app.context();
    // Help and quit always show; the view's own keys fill the room left before them.
    let hint = |action: Action| {
        // Help by its first key: it is there to be found.
        let key = if action == Action::Help { keymap.short_label(action) } else { keymap.label(action) };
        vec![
            Span::styled(format!(" {key}"), theme.key),
            Span::styled(format!(" {} ", action.text(lang)), theme.key_desc),
        ]
    };
    let span_width = |spans: &[Span]| spans.iter().map(|s| width(&s.content)).sum::<usize>();
    let fixed: Vec<Span> = [Action::Quit, Action::Help]
        .into_iter()
        .filter(|a| context.sees_global() && !keymap.keys_of(*a).is_empty())
        .flat_map(hint)
        .collect();
    let mut room = usize::from(area.width).saturating_sub(span_width(&fixed));
    let mut spans = Vec::new();
    // The one global key a hint names: `/`, in the lists that filter.
    let in_tab = Context::TABS.contains(&context);
    let component = app.tabs.get(app.tab);
    let filters = in_tab && component.filter().is_some();
    // A tab's keys where they act on what is shown (the actions menu's rule).
    let offered = |a: &Action| !in_tab || a.context() != context || component.offers(*a, &app.shared);
    let (main, rest): (Vec<Action>, Vec<Action>) = keymap
        .actions_for(context)
        .into_iter()
        .filter(|a| a.context() != Context::Global || (*a == Action::Filter && filters))
        .filter(offered)
        .partition(|a| a.is_main());
    for action in main.into_iter().chain(rest) {
        let next = hint(action);
        let needed = span_width(&next);
        if needed > room {
            break;
        }
        room -= needed;
        spans.extend(next);
    }
    spans.extend(fixed);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

#[cfg(test)]
mod tests {
    use super::fitting;

    #[test]
    fn the_top_bar_leaves_out_whole_pieces_from_the_front_until_the_rest_fits() {
        let pieces = ["青森市 総務部".to_owned(), "令和8年度".to_owned(), "実行 (期中) あと72日".to_owned()];
        assert_eq!(fitting(&pieces, 60), " 青森市 総務部  令和8年度  実行 (期中) あと72日");
        assert_eq!(fitting(&pieces, 40), " 令和8年度  実行 (期中) あと72日");
        assert_eq!(fitting(&pieces, 25), " 実行 (期中) あと72日");
        // Too narrow even for the phase: it is kept, and cut where it is drawn.
        assert_eq!(fitting(&pieces, 5), " 実行 (期中) あと72日");
    }
}
