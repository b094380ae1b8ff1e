//! The Tree and My goals tabs, drawn from their components.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::search::{self, Hidden};
use super::sheet::{GoalPanes, PaneContext, SheetTable};
use super::text::{single_line, width};
use super::tree::TreeTable;
use crate::app::component::Shared;
use crate::app::tabs::mine::{MineTab, mine_areas};
use crate::app::tabs::tree::TreeTab;
use crate::keys::Action;
use crate::messages::{self, Message, ReviewLoopText, Text};
use crate::theme::Theme;
use crate::view::sheet::{GoalNotes, SheetEntry, open_proposals, rows};

pub fn tree(tab: &TreeTab, shared: &Shared, theme: &Theme, frame: &mut Frame, area: Rect) {
    let table_area = search::filter_line(&tab.filter, theme, frame, area);
    let table = TreeTable {
        rows: &tab.rows,
        world: &shared.workspace.world,
        selected: Some(tab.selected),
        offset: tab.offset,
        lang: shared.lang,
        theme,
    };
    frame.render_widget(table, table_area);
    let rows = below_header(table_area);
    search::mark_matches(&tab.filter, frame.buffer_mut(), rows, |_| super::tree::searched_columns(rows.width));
    search::why_empty(&tab.filter, Hidden::Goals, shared.lang, theme, frame, rows);
}

/// A table's rows: `area` less its header line.
pub fn below_header(area: Rect) -> Rect {
    Rect { y: area.y + 1, height: area.height.saturating_sub(1), ..area }
}

pub fn mine(tab: &MineTab, shared: &Shared, theme: &Theme, frame: &mut Frame, area: Rect) {
    let (world, actor, lang) = (&shared.workspace.world, &shared.workspace.actor, shared.lang);
    let mut area = area;
    if let Some(text) = super::sheet::sent_back_line(&tab.summary, lang) {
        // The reason stays in front of the owner, above the sheet, until the next step.
        let lines = width(&text).div_ceil(usize::from(area.width.max(1))).clamp(1, 3) as u16;
        let [banner, rest] = Layout::vertical([Constraint::Length(lines), Constraint::Fill(1)]).areas(area);
        frame.render_widget(Paragraph::new(text).style(theme.warning).wrap(Wrap { trim: false }), banner);
        area = rest;
    }
    let area = search::filter_line(&tab.filter, theme, frame, area);
    let rows = rows(world, actor, &tab.entries);
    let [sheet_area, panes_area] = mine_areas(area, rows.len());
    let sheet_height = sheet_area.height;
    let offset = tab.selected.saturating_sub(usize::from(sheet_height.saturating_sub(3)));
    let note = super::sheet::summary_line(&tab.summary, lang);
    let footer = (!tab.filter.needle().is_empty()).then(|| {
        // A filtered sheet still totals all its goals.
        let goals = world.goals_of(actor);
        let total = crate::model::validate::weight_total(goals);
        super::sheet::weight_footer(goals.len(), total, &note, lang, theme)
    });
    let searched: Vec<_> =
        rows.iter().skip(offset).map(|row| super::sheet::searched_columns(row, sheet_area.width, lang)).collect();
    frame.render_widget(SheetTable { rows, note, selected: Some(tab.selected), offset, lang, theme }, sheet_area);
    if let Some(footer) = footer.filter(|_| sheet_area.height > 0) {
        frame.buffer_mut().set_line(sheet_area.x, sheet_area.bottom() - 1, &footer, sheet_area.width);
    }
    // The rows between the header and the weight total.
    let sheet_rows = Rect { height: sheet_area.height.saturating_sub(2), ..below_header(sheet_area) };
    search::mark_matches(&tab.filter, frame.buffer_mut(), sheet_rows, |line| {
        searched.get(line).cloned().unwrap_or_default()
    });
    search::why_empty(&tab.filter, Hidden::People, lang, theme, frame, sheet_rows);
    let bordered = || Block::bordered().border_style(theme.border);
    match tab.entries.get(tab.selected) {
        Some(SheetEntry::Goal(_)) => {
            if let Some(goal) = tab.goal(shared) {
                let empty = GoalNotes::default();
                let notes = tab.notes.get(&goal.id).unwrap_or(&empty);
                let context = PaneContext { lang, theme, keymap: &shared.keymap, notes };
                frame.render_widget(
                    GoalPanes {
                        goal,
                        focus: tab.pane,
                        item: tab.item,
                        context,
                        scroll: tab.scroll,
                        follow: tab.follow,
                    },
                    panes_area,
                );
            }
        }
        Some(SheetEntry::Proposal(id)) => {
            let hint = Text::AnswerProposalHint { key: shared.key(Action::EditGoal) }.text(lang);
            let mut lines = vec![Line::styled(hint, theme.dim)];
            let note = open_proposals(world, actor).into_iter().find(|p| p.id == id).map(|p| p.note.trim());
            if let Some(note) = note.filter(|note| !note.is_empty()) {
                lines.push(Line::styled(format!("{}:", ReviewLoopText::LabelProposalNote.text(lang)), theme.dim));
                lines.extend(note.lines().map(|line| Line::styled(single_line(line).into_owned(), theme.text)));
            }
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(bordered()), panes_area);
        }
        Some(SheetEntry::Carry(item)) => {
            let text = Text::CarryHint {
                from: item.from.clone(),
                key: shared.key(Action::EditGoal),
                measure: item.item.measure.clone(),
            };
            frame.render_widget(
                Paragraph::new(text.text(lang)).wrap(Wrap { trim: false }).style(theme.text).block(bordered()),
                panes_area,
            );
        }
        None if tab.filter.shows() => {}
        None => match &tab.broken {
            Some(broken) => {
                let reason = single_line(&messages::problem(&broken.kind, lang)).into_owned();
                let text = Text::OwnFileBroken { place: single_line(&broken.place).into_owned(), reason }.text(lang);
                frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }).style(theme.error), panes_area);
            }
            None => {
                let text = Text::NoGoalsYet { key: shared.key(Action::NewGoal) }.text(lang);
                frame.render_widget(Paragraph::new(text).style(theme.dim), panes_area);
            }
        },
    }
}
