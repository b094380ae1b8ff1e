//! Draws the whole application from its state: top bar, tabs, the current tab's
//! body, the message and key-hint lines, and popups.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::contribution::ContributionView;
use super::mine::{GoalPanes, SheetTable, sheet_rows, status_style};
use super::review::{InboxTable, state_label};
use super::text::{fit, single_line, width};
use super::tree::TreeTable;
use crate::app::form::{FieldKind, Form};
use crate::app::keymap::Context;
use crate::app::mine::{self, SheetEntry, SheetForm};
use crate::app::{App, ContributionMode, PaneExtras, Popup, Tab};
use crate::i18n::{self, Lang};

pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let [top, tabs, body, message, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_top_bar(app, frame, top);
    if body.height < 2 {
        // Too small to show anything but the bars; drawing on resumes when it grows.
        draw_hints(app, frame, hints);
        return;
    }
    draw_tabs(app, frame, tabs);
    match app.tab {
        Tab::Tree => draw_tree(app, frame, body),
        Tab::Mine => draw_mine(app, frame, body),
        Tab::People => super::people::draw(app, frame, body),
        Tab::Review => draw_review(app, frame, body),
        Tab::Contribution => draw_contribution(app, frame, body),
    }
    if let Some(status) = &app.status {
        frame.render_widget(
            Paragraph::new(fit(&single_line(&status.text), usize::from(message.width)).into_owned())
                .style(status_style(&app.theme, status.is_error)),
            message,
        );
    }
    draw_hints(app, frame, hints);
    for popup in &app.popups {
        match popup {
            Popup::Help => draw_help(app, frame, area),
            Popup::Form(form) => draw_form(app, form, frame, area),
            Popup::Confirm { message, .. } => draw_confirm(app, message, frame, area),
            Popup::Detail { node, extra } => draw_detail(app, *node, extra, frame, area),
        }
    }
    super::text::repair_split_wide_chars(frame.buffer_mut());
}

fn draw_top_bar(app: &App, frame: &mut Frame, area: Rect) {
    let workspace = &app.workspace;
    let lang = app.lang;
    let cycle = &workspace.snapshot.data.cycle;
    let name = cycle.name.as_deref().unwrap_or(&cycle.id);
    let phase = match cycle.phase_on(workspace.today) {
        Some((phase, span)) => {
            let left = (span.end.0 - workspace.today.0).num_days();
            match lang {
                Lang::Ja => format!("{} あと{left}日", i18n::phase(phase, lang)),
                Lang::En => format!("{} ({left} days left)", i18n::phase(phase, lang)),
            }
        }
        None if workspace.today > cycle.end => lang.pick("終了", "ended").to_owned(),
        None => lang.pick("期間外", "outside its phases").to_owned(),
    };
    let me = workspace.me().map(|p| format!("{} {}", single_line(&p.name), single_line(&p.title))).unwrap_or_default();
    let left = format!(" {}  {name}  {phase}", single_line(&workspace.snapshot.info.organisation));
    let room = usize::from(area.width).saturating_sub(width(&me) + 2);
    let line =
        Line::from(vec![Span::raw(super::text::pad(&left, room)), Span::raw(" "), Span::raw(me), Span::raw(" ")]);
    frame.render_widget(Paragraph::new(line).style(app.theme.title_bar), area);
}

/// Cell ranges of the tab labels, shared by drawing and mouse clicks.
fn tab_spans(lang: Lang) -> Vec<(Tab, String, u16, u16)> {
    let mut x = 0;
    Tab::ALL
        .iter()
        .enumerate()
        .map(|(index, &tab)| {
            let label = format!(" {} {} ", index + 1, tab.label(lang));
            let start = x;
            x += width(&label) as u16;
            (tab, label, start, x)
        })
        .collect()
}

pub fn tab_at(lang: Lang, column: u16) -> Option<Tab> {
    tab_spans(lang).into_iter().find(|(_, _, start, end)| (*start..*end).contains(&column)).map(|(tab, ..)| tab)
}

fn draw_tabs(app: &App, frame: &mut Frame, area: Rect) {
    let spans: Vec<Span> = tab_spans(app.lang)
        .into_iter()
        .map(|(tab, label, ..)| Span::styled(label, if tab == app.tab { app.theme.tab_active } else { app.theme.tab }))
        .collect();
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_hints(app: &App, frame: &mut Frame, area: Rect) {
    let context = match app.popups.last() {
        Some(Popup::Form(_)) => Context::Form,
        _ => app.tab.context(),
    };
    // Help and quit always show; the view's own keys fill the room left before them.
    let hint = |action: crate::app::keymap::Action| {
        vec![
            Span::styled(format!(" {}", app.keymap.label(action)), app.theme.key),
            Span::styled(format!(" {} ", action.describe(app.lang)), app.theme.key_desc),
        ]
    };
    let span_width = |spans: &[Span]| spans.iter().map(|s| width(&s.content)).sum::<usize>();
    let fixed: Vec<Span> = [crate::app::keymap::Action::Quit, crate::app::keymap::Action::Help]
        .into_iter()
        .filter(|a| context != Context::Form && !app.keymap.keys_of(*a).is_empty())
        .flat_map(hint)
        .collect();
    let mut room = usize::from(area.width).saturating_sub(span_width(&fixed));
    let mut spans = Vec::new();
    for action in app.keymap.actions_for(context).into_iter().filter(|a| a.is_main() && a.context() != Context::Global)
    {
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

fn draw_tree(app: &App, frame: &mut Frame, area: Rect) {
    let mut table_area = area;
    if app.tree.editing_filter || !app.tree.filter.is_empty() {
        let [filter, rest] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
        let label = format!("/ {}", app.tree.filter);
        frame.render_widget(Paragraph::new(label.clone()).style(app.theme.header), filter);
        if app.tree.editing_filter {
            frame.set_cursor_position(Position::new(filter.x + width(&label) as u16, filter.y));
        }
        table_area = rest;
    }
    let table = TreeTable {
        rows: &app.tree.rows,
        selected: Some(app.tree.selected),
        offset: app.tree.offset,
        lang: app.lang,
        theme: &app.theme,
    };
    frame.render_widget(table, table_area);
}

fn draw_mine(app: &App, frame: &mut Frame, area: Rect) {
    let workspace = &app.workspace;
    let entries = &app.mine.entries;
    let rows = sheet_rows(workspace, entries);
    let sheet_height = (rows.len() as u16 + 2).min(area.height / 2).max(4.min(area.height));
    let [sheet_area, panes_area] =
        Layout::vertical([Constraint::Length(sheet_height), Constraint::Fill(1)]).areas(area);
    let offset = app.mine.selected.saturating_sub(usize::from(sheet_height.saturating_sub(3)));
    frame.render_widget(
        SheetTable {
            rows,
            note: app.mine_note.clone(),
            selected: Some(app.mine.selected),
            offset,
            lang: app.lang,
            theme: &app.theme,
        },
        sheet_area,
    );
    match entries.get(app.mine.selected) {
        Some(SheetEntry::Goal(index)) => {
            if let Some(goal) = mine::my_goal(workspace, *index) {
                let panes = GoalPanes {
                    goal,
                    focus: app.mine.pane,
                    item: app.mine.item,
                    lang: app.lang,
                    theme: &app.theme,
                    feedback: app.mine_extras.get(&goal.id).map(|e| e.feedback.clone()).unwrap_or_default(),
                    changes: app.mine_extras.get(&goal.id).map(|e| e.changes.clone()).unwrap_or_default(),
                };
                frame.render_widget(panes, panes_area);
            }
        }
        Some(SheetEntry::Proposal(_)) => {
            let text =
                app.lang.pick("Enter でこの提案を採用または辞退します", "Enter adopts or declines this proposal");
            frame.render_widget(
                Paragraph::new(text).style(app.theme.dim).block(Block::bordered().border_style(app.theme.border)),
                panes_area,
            );
        }
        Some(SheetEntry::Carry(item)) => {
            let text = match app.lang {
                Lang::Ja => format!(
                    "前期 ({}) の改善項目です。Enter で今期の目標として計画に取り込みます。\n対策: {}",
                    item.from, item.item.measure
                ),
                Lang::En => format!(
                    "An open action item of {}. Enter carries it into this cycle's plan as a goal.\nMeasure: {}",
                    item.from, item.item.measure
                ),
            };
            frame.render_widget(
                Paragraph::new(text)
                    .wrap(Wrap { trim: false })
                    .style(app.theme.text)
                    .block(Block::bordered().border_style(app.theme.border)),
                panes_area,
            );
        }
        None => {
            let text = app.lang.pick(
                "今期の目標はまだありません。n で追加します。",
                "No goals in this cycle yet. Press n to add one.",
            );
            frame.render_widget(Paragraph::new(text).style(app.theme.dim), panes_area);
        }
    }
}

/// A centred rectangle of at most `width` × `height` inside `area`.
fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(area.x + (area.width - width) / 2, area.y + (area.height - height) / 2, width, height)
}

/// Every key of the current view (then the global ones and the form's), in as many
/// columns as the screen needs, scrolled by `app.help_scroll`.
fn draw_help(app: &App, frame: &mut Frame, area: Rect) {
    const COLUMN: usize = 38;
    let lang = app.lang;
    let entries: Vec<Line> = app
        .keymap
        .actions_for(app.tab.context())
        .into_iter()
        .chain(app.keymap.actions_for(Context::Form))
        .map(|action| {
            Line::from(vec![
                Span::styled(super::text::pad(&app.keymap.label(action), 14), app.theme.key),
                Span::styled(fit(action.describe(lang), COLUMN - 15).into_owned(), app.theme.key_desc),
            ])
        })
        .collect();
    let rows_available = usize::from(area.height.saturating_sub(5)).max(1);
    let columns = if entries.len() > rows_available && usize::from(area.width) >= 2 * COLUMN + 2 { 2 } else { 1 };
    let per_column = entries.len().div_ceil(columns);
    let rows = per_column.min(rows_available);
    let popup = centred(area, (columns * COLUMN + 2) as u16, rows as u16 + 3);
    frame.render_widget(Clear, popup);
    let title = format!(" {}: {} ", lang.pick("ヘルプ", "Help"), app.tab.label(lang));
    let block = Block::bordered().title(title).border_style(app.theme.border_focus).style(app.theme.popup);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let scroll = app.help_scroll.min(per_column.saturating_sub(rows));
    for column in 0..columns {
        let lines: Vec<Line> =
            entries.iter().skip(column * per_column).take(per_column).skip(scroll).take(rows).cloned().collect();
        let rect = Rect::new(inner.x + (column * COLUMN) as u16, inner.y, COLUMN as u16, rows as u16);
        frame.render_widget(Paragraph::new(lines), rect.intersection(inner));
    }
    let footer = if per_column > rows {
        lang.pick("j/k スクロール  Esc 閉じる  Ctrl-C 終了", "j/k scroll  Esc close  Ctrl-C quit")
    } else {
        lang.pick("Ctrl-C: いつでも終了  Esc/?: 閉じる", "Ctrl-C: quit at any time  Esc/?: close")
    };
    let footer_area = Rect::new(inner.x, inner.bottom().saturating_sub(1), inner.width, 1);
    frame.render_widget(Paragraph::new(footer).style(app.theme.dim), footer_area);
}

fn draw_confirm(app: &App, message: &str, frame: &mut Frame, area: Rect) {
    let popup = centred(area, 60, 5);
    frame.render_widget(Clear, popup);
    let block = Block::bordered().border_style(app.theme.warning).style(app.theme.popup);
    frame.render_widget(Paragraph::new(message.to_owned()).wrap(Wrap { trim: false }).block(block), popup);
}

fn draw_detail(app: &App, node: crate::model::NodeId, extra: &PaneExtras, frame: &mut Frame, area: Rect) {
    let workspace = &app.workspace;
    let popup = centred(area, area.width.saturating_sub(4), area.height.saturating_sub(2));
    frame.render_widget(Clear, popup);
    let cascade = &workspace.cascade;
    let owner = &cascade.nodes[node].owner;
    let owner_name =
        workspace.person(owner).map(|p| format!("{} {}", p.name, p.title)).unwrap_or_else(|| owner.clone());
    let title = format!(" {}: {} ", single_line(cascade.title(&workspace.snapshot.data, node)), owner_name);
    let block = Block::bordered().title(title).border_style(app.theme.border_focus).style(app.theme.popup);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let read_only = if owner == &workspace.actor {
        app.lang.pick(
            "自分の目標は「自分の目標」タブで編集します。Esc で閉じる",
            "Edit your own goals in the My goals tab. Esc closes.",
        )
    } else {
        app.lang.pick(
            "他の職員の目標は閲覧のみです (本人だけが変更できます)。Esc で閉じる",
            "Read-only: only the owner may change this goal. Esc closes.",
        )
    };
    let [note, panes] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    frame.render_widget(Paragraph::new(read_only).style(app.theme.dim), note);
    match cascade.goal(&workspace.snapshot.data, node) {
        Some(goal) => {
            let panes_widget = GoalPanes {
                goal,
                focus: crate::app::mine::Pane::Plan,
                item: usize::MAX,
                lang: app.lang,
                theme: &app.theme,
                feedback: extra.feedback.clone(),
                changes: extra.changes.clone(),
            };
            frame.render_widget(panes_widget, panes);
        }
        None => {
            let data = &workspace.snapshot.data;
            let proposal = cascade.proposal(data, node);
            let mut text = proposal.map(|p| format!("{}\n{}", p.title, p.note)).unwrap_or_default();
            // A declined proposal shows its reason, so the manager who proposed it sees why.
            let decline = proposal.and_then(|p| {
                data.goals.iter().find(|f| f.owner == p.to)?.declined.iter().find(|d| d.proposal == p.id)
            });
            if let Some(decline) = decline {
                text.push_str(&format!("\n\n{}: {}", app.lang.pick("辞退の理由", "Declined because"), decline.reason));
            }
            frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }).style(app.theme.text), panes);
        }
    }
}

fn draw_form(app: &App, form: &Form<SheetForm>, frame: &mut Frame, area: Rect) {
    let popup = centred(area, area.width.saturating_sub(4).min(100), area.height.saturating_sub(4));
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .title(format!(" {} ", single_line(&form.title)))
        .border_style(app.theme.border_focus)
        .style(app.theme.popup);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);

    let label_width = form.fields.iter().map(|f| width(&f.label)).max().unwrap_or(0).min(22) as u16 + 1;
    // Multi-line fields share the rows left after one row per single-line field.
    let multi = form
        .fields
        .iter()
        .filter(|f| matches!(&f.kind, FieldKind::Text { kind: crate::app::form::TextKind::Multi, .. }))
        .count() as u16;
    let fixed = form.fields.len() as u16 - multi + 2;
    let multi_height = inner.height.saturating_sub(fixed).checked_div(multi).unwrap_or(1).max(1);
    let constraints: Vec<Constraint> = form
        .fields
        .iter()
        .map(|f| match &f.kind {
            FieldKind::Text { kind: crate::app::form::TextKind::Multi, .. } => Constraint::Length(multi_height),
            _ => Constraint::Length(1),
        })
        .chain([Constraint::Fill(1), Constraint::Length(1)])
        .collect();
    let rows = Layout::vertical(constraints).split(inner);
    for (index, field) in form.fields.iter().enumerate() {
        let [label_area, value_area] =
            Layout::horizontal([Constraint::Length(label_width), Constraint::Fill(1)]).areas(rows[index]);
        let focused = index == form.focus;
        let label_style = if focused { app.theme.key } else { app.theme.dim };
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
                let style = if focused { app.theme.selected } else { app.theme.text };
                frame.render_widget(Paragraph::new(format!("< {label} >")).style(style), value_area);
            }
        }
    }
    let footer = match &form.error {
        Some(error) => Line::styled(error.clone(), app.theme.error),
        None => Line::styled(
            app.lang.pick(
                "Ctrl-S 保存  Esc 取消  Tab 次の項目  Left/Right 選択肢  Ctrl-E 外部エディタ",
                "Ctrl-S save  Esc cancel  Tab next field  Left/Right choose  Ctrl-E $EDITOR",
            ),
            app.theme.dim,
        ),
    };
    frame.render_widget(Paragraph::new(footer).wrap(Wrap { trim: false }), rows[rows.len() - 1]);
}

fn draw_review(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    if !app.review.open {
        // Under the inbox: what the alignment checks say about the selected person.
        let warnings: Vec<Line> = app
            .review_rows
            .get(app.review.selected)
            .map(|row| {
                crate::app::warnings_about(&app.alignment, &row.person)
                    .map(|p| {
                        let subject = p
                            .subject
                            .as_deref()
                            .filter(|s| *s != row.person)
                            .map(|s| format!("{s}: "))
                            .unwrap_or_default();
                        Line::styled(format!("~ {subject}{}", i18n::problem(&p.kind, lang)), app.theme.warning)
                    })
                    .collect()
            })
            .unwrap_or_default();
        let warning_rows = (warnings.len() as u16).min(area.height / 3);
        let [table_area, warning_area] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(warning_rows)]).areas(area);
        let offset = app.review.selected.saturating_sub(usize::from(table_area.height.saturating_sub(2)));
        let table =
            InboxTable { rows: &app.review_rows, selected: Some(app.review.selected), offset, lang, theme: &app.theme };
        frame.render_widget(table, table_area);
        frame.render_widget(Paragraph::new(warnings), warning_area);
        return;
    }
    let Some(row) = app.review_rows.get(app.review.selected) else { return };
    let workspace = &app.workspace;
    let goals = workspace.goals_file(&row.person).map(|f| f.goals.as_slice()).unwrap_or_default();
    let score = row.score.map(|s| format!("{s:.2}")).unwrap_or_else(|| "-".into());
    let changes = app.review.changes;
    let labels = match lang {
        Lang::Ja => ["シート", "評点", "承認後の変更"],
        Lang::En => ["sheet", "score", "changes since approval"],
    };
    let heading = format!(
        "{} {}  {}: {}  {}: {score}  {}: {}  ({}/{})",
        row.name,
        row.title,
        labels[0],
        state_label(row.state, lang),
        labels[1],
        labels[2],
        changes,
        app.review.selected + 1,
        app.review_rows.len()
    );

    let list_height = (goals.len() as u16 + 2).min(area.height / 3).max(3.min(area.height));
    let [head, list, panes] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(list_height), Constraint::Fill(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(fit(&single_line(&heading), usize::from(head.width)).into_owned()).style(app.theme.header),
        head,
    );
    let rows = goals
        .iter()
        .map(|goal| {
            let progress =
                workspace.cascade.node_of_goal(&goal.id).map_or(0.0, |n| workspace.cascade.nodes[n].progress);
            super::mine::SheetRow::Goal { goal, progress }
        })
        .collect();
    let offset = app.review.goal.saturating_sub(usize::from(list_height.saturating_sub(3)));
    frame.render_widget(
        SheetTable { rows, note: String::new(), selected: Some(app.review.goal), offset, lang, theme: &app.theme },
        list,
    );
    if let Some(goal) = goals.get(app.review.goal) {
        let extra = app.review.extras.get(&goal.id).cloned().unwrap_or_default();
        let (feedback, changes) = (extra.feedback, extra.changes);
        let panes_widget =
            GoalPanes { goal, focus: app.review.pane, item: usize::MAX, lang, theme: &app.theme, feedback, changes };
        frame.render_widget(panes_widget, panes);
    }
}

fn draw_contribution(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let subject = app.contribution.subject;
    let mode_label = match app.contribution.mode {
        ContributionMode::Goal => lang.pick("目標別", "By goal"),
        ContributionMode::Unit => lang.pick("組織別", "By unit"),
        ContributionMode::Person => lang.pick("職員別", "By person"),
    };
    let tables = &app.contribution.tables;
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    let count = app.contribution.count;
    let line = format!(
        "{mode_label} ({}/{count})  m: {}  h/l: {}",
        subject + 1,
        lang.pick("切替", "switch"),
        lang.pick("前/次", "previous/next")
    );
    frame.render_widget(Paragraph::new(line).style(app.theme.dim), head);
    match tables.as_slice() {
        [] => frame.render_widget(
            Paragraph::new(lang.pick("表示するものがありません", "Nothing to show")).style(app.theme.dim),
            body,
        ),
        [people, units] if body.width >= 140 => {
            let [left, right] =
                Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(body);
            frame.render_widget(
                ContributionView { table: people, selected: None, lang, theme: &app.theme, chart: true },
                left,
            );
            frame.render_widget(
                ContributionView { table: units, selected: None, lang, theme: &app.theme, chart: true },
                right,
            );
        }
        [first, ..] => frame.render_widget(
            ContributionView { table: first, selected: None, lang, theme: &app.theme, chart: true },
            body,
        ),
    }
}
