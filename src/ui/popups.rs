//! Popups over the app: help, confirmations, a goal's details, and forms.

mod checklist;
mod form_layout;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use self::form_layout::{Height, layout};
use super::scroll::{offset, wrap};
use super::sheet::{GoalPanes, PaneContext};
use super::text::{fit, percent, single_line, width};
use crate::app::App;
use crate::app::effect::Popup;
use crate::app::form::{FieldKind, TextKind};
use crate::app::forms::Form;
use crate::keys::Action;
use crate::messages::{EvidenceText, FigureText, Lang, Message, Reading, Text};
use crate::model::approved::ProgressSource;
use crate::model::{NodeId, World};
use crate::theme::Theme;
use crate::view::sheet::GoalNotes;
use crate::view::sheet::Pane;
use crate::view::tree::figures;

pub fn draw(app: &App, popup: &Popup, theme: &Theme, frame: &mut Frame, area: Rect) {
    match popup {
        Popup::Help { .. } => super::help::draw(app, popup, theme, frame, area),
        Popup::Form(form) => draw_form(app, form, theme, frame, area),
        Popup::Confirm { message, .. } => confirm(app, message, theme, frame, area),
        Popup::Detail { node, notes, scroll } => detail(app, *node, notes, *scroll, theme, frame, area),
        Popup::Message { text, is_error, scroll } => message(app, text, *is_error, *scroll, theme, frame, area),
        Popup::Menu { actions, selected } => super::menu::draw(app, actions, *selected, theme, frame, area),
        Popup::Overlay(overlay) => super::evaluation::draw(overlay, &app.shared, theme, frame, area),
    }
}

/// A centred rectangle of at most `width` × `height` inside `area`.
pub(super) fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(area.x + (area.width - width) / 2, area.y + (area.height - height) / 2, width, height)
}

/// A question, and under it the keys that answer it.
fn confirm(app: &App, message: &str, theme: &Theme, frame: &mut Frame, area: Rect) {
    let popup = centred(area, 60, 6);
    frame.render_widget(Clear, popup);
    let block = Block::bordered().border_style(theme.warning).style(theme.popup);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [question, answers] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(Paragraph::new(message.to_owned()).wrap(Wrap { trim: false }), question);
    let keymap = &app.shared.keymap;
    let hint = Text::ConfirmAnswers { yes: keymap.label(Action::Yes), no: keymap.label(Action::No) };
    frame.render_widget(Paragraph::new(hint.text(app.lang())).style(theme.key), answers);
}

/// The status message whole, wrapped and scrolled, each of its lines made inert.
fn message(app: &App, text: &str, is_error: bool, scroll: usize, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lang = app.lang();
    let popup = centred(area, area.width.saturating_sub(4).min(100), area.height.saturating_sub(2));
    frame.render_widget(Clear, popup);
    let border = if is_error { theme.error } else { theme.border_focus };
    let title = format!(" {} ", Text::MessageTitle.text(lang));
    let block = Block::bordered().title(title).border_style(border).style(theme.popup);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [body, hint] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
    let lines = text.lines().map(|line| Line::raw(single_line(line).into_owned())).collect();
    let rows = wrap(lines, usize::from(body.width)).rows;
    let first = offset(rows.len(), usize::from(body.height), scroll, None);
    let shown: Vec<Line> = rows.into_iter().skip(first).take(usize::from(body.height)).collect();
    frame.render_widget(Paragraph::new(shown), body);
    let close = app.shared.keymap.short_label(Action::CloseDetail);
    frame.render_widget(Paragraph::new(Text::MessageHint { close }.text(lang)).style(theme.dim), hint);
}

/// A goal (or a proposal) from the tree, read-only.
fn detail(app: &App, node: NodeId, notes: &GoalNotes, scroll: usize, theme: &Theme, frame: &mut Frame, area: Rect) {
    let (workspace, lang) = (&app.shared.workspace, app.lang());
    let world = &workspace.world;
    let popup = centred(area, area.width.saturating_sub(4), area.height.saturating_sub(2));
    frame.render_widget(Clear, popup);
    let cascade = &world.cascade;
    let owner = cascade.owner(&world.data, node);
    let title = format!(" {}: {} ", single_line(cascade.title(&world.data, node)), world.name_and_title(owner));
    let block = Block::bordered().title(title).border_style(theme.border_focus).style(theme.popup);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let close = app.shared.keymap.short_label(Action::CloseDetail);
    let read_only =
        if owner == workspace.actor { Text::OwnGoalReadOnly { close } } else { Text::OthersGoalReadOnly { close } };
    let [note, figure, panes] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    frame.render_widget(Paragraph::new(read_only.text(lang)).style(theme.dim), note);
    match cascade.goal(&world.data, node) {
        Some(goal) => {
            let text = figures_text(world, node, lang);
            frame.render_widget(Paragraph::new(fit(&text, usize::from(figure.width)).into_owned()), figure);
            let context = PaneContext { lang, theme, keymap: &app.shared.keymap, notes };
            frame.render_widget(
                GoalPanes { goal, focus: Pane::Plan, item: usize::MAX, context, scroll, follow: false },
                panes,
            );
        }
        None => {
            let proposal = cascade.proposal(&world.data, node);
            let mut text = proposal.map(|p| format!("{}\n{}", p.title, p.note)).unwrap_or_default();
            // A declined proposal shows its reason, so the manager who proposed it sees why.
            let decline = proposal.and_then(|p| world.goals_file(&p.to)?.declined.iter().find(|d| d.proposal == p.id));
            if let Some(decline) = decline {
                text.push_str(&format!("\n\n{}: {}", Text::DeclinedBecause.text(lang), decline.reason));
            }
            let text_area = figure.union(panes);
            frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }).style(theme.text), text_area);
        }
    }
}

/// 「進捗: 承認済 40% / 最新 70% (配下の目標から集計)」 for a goal's details.
fn figures_text(world: &World, node: NodeId, lang: Lang) -> String {
    let figures = figures(world, node);
    let source = match figures.source {
        ProgressSource::Estimate => FigureText::SourceEstimate,
        ProgressSource::Metric => FigureText::SourceMetric,
        ProgressSource::Measured => FigureText::SourceMeasured,
        ProgressSource::RolledUp => FigureText::SourceRolledUp,
    };
    let approved = figures.approved.map_or_else(|| FigureText::NotApproved.text(lang), percent);
    FigureText::Progress { approved, live: percent(figures.live), source: source.text(lang) }.text(lang)
}

fn draw_form(app: &App, form: &Form, theme: &Theme, frame: &mut Frame, area: Rect) {
    let popup = centred(area, area.width.saturating_sub(4).min(100), area.height.saturating_sub(4));
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .title(format!(" {} ", single_line(&form.title)))
        .border_style(theme.border_focus)
        .style(theme.popup);
    let mut inner = block.inner(popup);
    frame.render_widget(block, popup);
    if let Some(notice) = form.notice.as_deref().filter(|notice| !notice.is_empty()) {
        // Read-only text above the fields: at most a quarter of the form, wrapped.
        let lines: usize =
            notice.lines().map(|line| width(line).div_ceil(usize::from(inner.width.max(1))).max(1)).sum();
        let height = (lines as u16).min(inner.height / 4).max(1);
        let [notice_area, rest] = Layout::vertical([Constraint::Length(height), Constraint::Fill(1)]).areas(inner);
        let text: Vec<Line> = notice.lines().map(|line| Line::raw(single_line(line).into_owned())).collect();
        frame.render_widget(Paragraph::new(text).style(theme.dim).wrap(Wrap { trim: false }), notice_area);
        inner = rest;
    }

    let label_width = form.fields.iter().map(|f| width(&f.label)).max().unwrap_or(0).min(22) as u16 + 1;
    let heights: Vec<Height> = form
        .fields
        .iter()
        .map(|f| match &f.kind {
            FieldKind::Text { kind: TextKind::Multi, .. } => Height::Rest,
            FieldKind::Checklist(list) => Height::Rows(list.height() as u16),
            FieldKind::Text { .. } | FieldKind::Choice { .. } => Height::Rows(1),
        })
        .collect();
    let [fields_area, footer_area] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
    let laid = layout(&heights, form.focus, fields_area.height);
    for (count, text, y) in [
        (laid.above, Reading::MoreAbove { count: laid.above }, popup.y),
        (laid.below, Reading::MoreBelow { count: laid.below }, popup.bottom().saturating_sub(1)),
    ] {
        if count > 0 {
            let text = format!(" {} ", text.text(app.lang()));
            let x = popup.right().saturating_sub(width(&text) as u16 + 1).max(popup.x);
            frame.buffer_mut().set_stringn(x, y, &text, usize::from(popup.right() - x), theme.dim);
        }
    }
    for (index, field) in form.fields.iter().enumerate() {
        let Some((top, rows)) = laid.fields[index] else { continue };
        let row = Rect::new(fields_area.x, fields_area.y + top, fields_area.width, rows);
        let [label_area, value_area] =
            Layout::horizontal([Constraint::Length(label_width), Constraint::Fill(1)]).areas(row);
        let focused = index == form.focus;
        let label_style = if focused { theme.key } else { theme.dim };
        frame.render_widget(
            Paragraph::new(fit(&field.label, usize::from(label_width) - 1).into_owned()).style(label_style),
            label_area,
        );
        match &field.kind {
            FieldKind::Text { area: text, .. } => {
                frame.render_widget(&**text, value_area);
                if focused {
                    // The terminal's own cursor sits on the caret, so an input method's
                    // candidate window appears where the text goes.
                    let cursor = text.screen_cursor();
                    let (top, left) = text.scroll_offset();
                    let x = value_area.x + (cursor.col as u16).saturating_sub(left);
                    let y = value_area.y + (cursor.row as u16).saturating_sub(top);
                    if value_area.contains(Position::new(x, y)) {
                        frame.set_cursor_position(Position::new(x, y));
                    }
                }
            }
            FieldKind::Choice { labels, selected, .. } => {
                let label = labels.get(*selected).cloned().unwrap_or_default();
                let style = if focused { theme.selected } else { theme.text };
                frame.render_widget(Paragraph::new(format!("< {label} >")).style(style), value_area);
            }
            FieldKind::Checklist(list) => checklist::draw(list, focused, app.lang(), theme, frame, value_area),
        }
    }
    let keymap = &app.shared.keymap;
    let footer = match &form.error {
        Some(error) => Line::styled(error.clone(), theme.error),
        None if matches!(form.fields.get(form.focus).map(|f| &f.kind), Some(FieldKind::Checklist(_))) => {
            let footer = EvidenceText::ChecklistFooter {
                toggle: keymap.label(Action::CheckToggle),
                next: keymap.label(Action::NextField),
                save: keymap.label(Action::Save),
                cancel: keymap.label(Action::Cancel),
            };
            Line::styled(footer.text(app.lang()), theme.dim)
        }
        None => {
            let footer = Text::FormFooter {
                save: keymap.label(Action::Save),
                cancel: keymap.label(Action::Cancel),
                next: keymap.label(Action::NextField),
                editor: keymap.label(Action::FieldEditor),
            };
            Line::styled(footer.text(app.lang()), theme.dim)
        }
    };
    frame.render_widget(Paragraph::new(footer).wrap(Wrap { trim: false }), footer_area);
}
