//! The MBO sheet (目標管理シート) and a goal's Plan / Do / Check / Action panes:
//! drawn in the My goals tab, the goal detail popup, and `pdca show mine`.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::text::{pad, pad_left, single_line};
use crate::app::mine::{Pane, SheetEntry};
use crate::i18n::{self, Lang};
use crate::model::{Goal, Proposal};
use crate::theme::Theme;

/// One row of the sheet as drawn.
pub enum SheetRow<'a> {
    Goal { goal: &'a Goal, progress: f64 },
    Proposal { proposal: &'a Proposal, from: String },
    Carry { issue: &'a str, from: &'a str },
}

pub struct SheetTable<'a> {
    pub rows: Vec<SheetRow<'a>>,
    /// Shown after the weight total, e.g. the sheet's workflow state.
    pub note: String,
    pub selected: Option<usize>,
    pub offset: usize,
    pub lang: Lang,
    pub theme: &'a Theme,
}

impl SheetTable<'_> {
    /// The sum of the goals' weights, and whether it is the 100 it should be.
    pub fn weight_total(&self) -> (u32, bool) {
        let total: u32 = self
            .rows
            .iter()
            .filter_map(|row| match row {
                SheetRow::Goal { goal, .. } => goal.weight,
                _ => None,
            })
            .sum();
        (total, total == 100)
    }
}

const WEIGHT: usize = 6;
const PROGRESS: usize = 5;

impl Widget for SheetTable<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height < 2 {
            return;
        }
        let (lang, theme) = (self.lang, self.theme);
        let width = usize::from(area.width);
        let wide = width >= 100;
        let category = if wide { 18 } else { 0 };
        let difficulty = if wide { 6 } else { 0 };
        // 2027年12月31日 is 14 cells, 2027-12-31 is 10.
        let due_width = if lang == Lang::Ja { 14 } else { 10 };
        let title_width = width.saturating_sub(2 + category + difficulty + WEIGHT + due_width + PROGRESS + 6);
        let mut header = format!("  {}", pad(lang.pick("目標", "Goal"), title_width));
        if wide {
            header += &format!(
                " {} {}",
                pad(lang.pick("区分", "Category"), category),
                pad(lang.pick("難度", "Dif."), difficulty)
            );
        }
        header += &format!(
            " {} {} {}",
            pad_left(lang.pick("ｳｪｲﾄ", "Weight"), WEIGHT),
            pad(lang.pick("期限", "Due"), due_width),
            pad_left(lang.pick("進捗", "Prog."), PROGRESS)
        );
        buf.set_line(area.x, area.y, &Line::styled(header, theme.header), area.width);

        let body = usize::from(area.height) - 2;
        for (line, (index, row)) in self.rows.iter().enumerate().skip(self.offset).take(body).enumerate() {
            let y = area.y + 1 + line as u16;
            let mut drawn = match row {
                SheetRow::Goal { goal, progress } => {
                    let mark = if goal.check.is_some() { "v " } else { "  " };
                    let mut text = format!("{mark}{}", pad(&single_line(&goal.title), title_width));
                    if wide {
                        let cat = goal.category.map_or("", |c| i18n::category(c, lang));
                        let dif = goal.difficulty.map_or("", |d| i18n::difficulty(d, lang));
                        text += &format!(" {} {}", pad(cat, category), pad(dif, difficulty));
                    }
                    let weight = goal.weight.map(|w| format!("{w}%")).unwrap_or_default();
                    let due = goal.due.map(|d| i18n::date(d, lang)).unwrap_or_default();
                    text += &format!(
                        " {} {} {}",
                        pad_left(&weight, WEIGHT),
                        pad(&due, due_width),
                        pad_left(&format!("{progress:.0}%"), PROGRESS)
                    );
                    Line::styled(text, theme.text)
                }
                SheetRow::Proposal { proposal, from } => {
                    let label = match lang {
                        Lang::Ja => format!("[提案] {} ({from} より)", single_line(&proposal.title)),
                        Lang::En => format!("[proposal] {} (from {from})", single_line(&proposal.title)),
                    };
                    let share = proposal.share.map(|s| format!("{s:.0}")).unwrap_or_default();
                    Line::styled(
                        format!("  {} {}", pad(&label, width.saturating_sub(4 + WEIGHT)), pad_left(&share, WEIGHT)),
                        theme.pending,
                    )
                }
                SheetRow::Carry { issue, from } => {
                    let label = match lang {
                        Lang::Ja => format!("[前期から] {} ({from})", single_line(issue)),
                        Lang::En => format!("[carry over] {} ({from})", single_line(issue)),
                    };
                    Line::styled(format!("  {}", pad(&label, width.saturating_sub(2))), theme.pending)
                }
            };
            if self.selected == Some(index) {
                drawn = drawn.patch_style(theme.selected);
            }
            buf.set_line(area.x, y, &drawn, area.width);
        }

        let (total, ok) = self.weight_total();
        let goals = self.rows.iter().filter(|r| matches!(r, SheetRow::Goal { .. })).count();
        let footer = match (lang, ok || goals == 0) {
            (Lang::Ja, true) => format!("目標 {goals} 件  ウェイト合計 {total}%"),
            (Lang::En, true) => format!("{goals} goals  weights total {total}%"),
            (Lang::Ja, false) => format!("目標 {goals} 件  ウェイト合計 {total}% (100% になるよう調整してください)"),
            (Lang::En, false) => format!("{goals} goals  weights total {total}% (should be 100%)"),
        };
        let footer = if self.note.is_empty() { footer } else { format!("{footer}  {}", self.note) };
        let style = if ok || goals == 0 { theme.dim } else { theme.warning };
        buf.set_line(area.x, area.bottom() - 1, &Line::styled(footer, style), area.width);
    }
}

pub fn pane_title(pane: Pane, lang: Lang) -> &'static str {
    match pane {
        Pane::Plan => lang.pick("計画 Plan", "Plan"),
        Pane::Do => lang.pick("実行 Do", "Do"),
        Pane::Check => lang.pick("評価 Check", "Check"),
        Pane::Action => lang.pick("改善 Action", "Action"),
    }
}

/// The text of one pane for a goal. `item` marks the selected Do entry or action item.
pub fn pane_text(
    goal: &Goal,
    pane: Pane,
    item: Option<usize>,
    lang: Lang,
    theme: &Theme,
    // Lines the pane shows after its own: feedback in Check, changes since approval in Plan.
    extra: &[Line<'static>],
) -> Text<'static> {
    let label = |ja: &'static str, en: &'static str| Span::styled(format!("{}: ", lang.pick(ja, en)), theme.dim);
    let value = |text: &str| Span::styled(single_line(text).into_owned(), theme.text);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let multiline = |lines: &mut Vec<Line<'static>>, text: &str| {
        for line in text.lines() {
            lines.push(Line::styled(single_line(line).into_owned(), theme.text));
        }
    };
    match pane {
        Pane::Plan => {
            lines.push(Line::from(vec![label("目標", "Goal"), value(&goal.title)]));
            if !goal.criteria.is_empty() {
                lines.push(Line::from(label("達成基準", "Criteria")));
                multiline(&mut lines, &goal.criteria);
            }
            if let Some(metric) = &goal.metric {
                lines.push(Line::from(vec![
                    label("指標", "Metric"),
                    value(&format!(
                        "{} -> {} {} ({} {})",
                        metric.start,
                        metric.target,
                        metric.unit,
                        lang.pick("現在", "now"),
                        metric.current.map_or_else(|| "-".to_owned(), |current| current.to_string())
                    )),
                ]));
            }
            if !goal.plan.is_empty() {
                lines.push(Line::from(label("計画", "Plan")));
                multiline(&mut lines, &goal.plan);
            }
            for milestone in &goal.milestones {
                let due = milestone.due.map(|d| i18n::date(d, lang)).unwrap_or_default();
                let mark = if milestone.done { "[x]" } else { "[ ]" };
                lines.push(Line::styled(format!("{mark} {due} {}", single_line(&milestone.title)), theme.text));
            }
            if let Some(from) = &goal.carried_from {
                lines.push(Line::from(vec![label("前期から", "Carried from"), value(from)]));
            }
        }
        Pane::Do => {
            let progress = goal.progress.map(|p| format!("{p}%")).unwrap_or_else(|| "-".into());
            lines.push(Line::from(vec![label("進捗", "Progress"), value(&progress)]));
            if goal.log.is_empty() {
                lines.push(Line::styled(
                    lang.pick("実行記録はまだありません (d で追加)", "No Do entries yet (d adds one)"),
                    theme.dim,
                ));
            }
            for (index, entry) in goal.log.iter().enumerate() {
                let style = if item == Some(index) { theme.selected } else { theme.text };
                lines.push(Line::styled(
                    format!(
                        "{} [{}] {}",
                        i18n::date(entry.date, lang),
                        i18n::log_kind(entry.kind, lang),
                        single_line(&entry.text)
                    ),
                    style,
                ));
            }
        }
        Pane::Check => match &goal.check {
            Some(check) => {
                lines.push(Line::from(vec![label("自己評価", "Self level"), value(check.level.letter())]));
                multiline(&mut lines, &check.comment);
            }
            None => lines.push(Line::styled(
                lang.pick("自己評価はまだありません (c で記入)", "No self-check yet (c writes one)"),
                theme.dim,
            )),
        },
        Pane::Action => {
            if goal.actions.is_empty() {
                lines.push(Line::styled(
                    lang.pick("改善項目はまだありません (a で追加)", "No action items yet (a adds one)"),
                    theme.dim,
                ));
            }
            for (index, action) in goal.actions.iter().enumerate() {
                let style = if item == Some(index) { theme.selected } else { theme.text };
                let mark = if action.done { "[x]" } else { "[ ]" };
                let due = action.due.map(|d| format!(" ({})", i18n::date(d, lang))).unwrap_or_default();
                lines.push(Line::styled(format!("{mark} {}{due}", single_line(&action.issue)), style));
                if !action.measure.is_empty() {
                    lines.push(Line::styled(
                        format!("    {}{}", lang.pick("対策: ", "measure: "), single_line(&action.measure)),
                        theme.dim,
                    ));
                }
            }
        }
    }
    lines.extend(extra.iter().cloned());
    Text::from(lines)
}

/// The four panes of a goal: all four in a grid when there is room, else the
/// focused one with the others named in its title.
pub struct GoalPanes<'a> {
    pub goal: &'a Goal,
    pub focus: Pane,
    pub item: usize,
    pub lang: Lang,
    pub theme: &'a Theme,
    /// Feedback lines shown in the Check pane (already filtered by visibility).
    pub feedback: Vec<Line<'static>>,
    /// Changes since approval, shown in the Plan pane.
    pub changes: Vec<Line<'static>>,
}

impl GoalPanes<'_> {
    fn extra(&self, pane: Pane) -> &[Line<'static>] {
        match pane {
            Pane::Plan => &self.changes,
            Pane::Check => &self.feedback,
            _ => &[],
        }
    }
}

impl Widget for GoalPanes<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let grid = area.width >= 120 && area.height >= 12;
        let block = |pane: Pane| {
            let focused = pane == self.focus;
            let style = if focused { self.theme.border_focus } else { self.theme.border };
            Block::default()
                .borders(Borders::ALL)
                .border_style(style)
                .title(Span::styled(pane_title(pane, self.lang), style))
        };
        let paragraph = |pane: Pane| {
            let item = (pane == self.focus).then_some(self.item);
            Paragraph::new(pane_text(self.goal, pane, item, self.lang, self.theme, self.extra(pane)))
                .wrap(Wrap { trim: false })
        };
        if grid {
            let [top, bottom] = Layout::vertical([Constraint::Fill(1); 2]).areas(area);
            let [plan, do_] = Layout::horizontal([Constraint::Fill(1); 2]).areas(top);
            let [check, action] = Layout::horizontal([Constraint::Fill(1); 2]).areas(bottom);
            for (pane, rect) in [(Pane::Plan, plan), (Pane::Do, do_), (Pane::Check, check), (Pane::Action, action)] {
                paragraph(pane).block(block(pane)).render(rect, buf);
            }
        } else {
            let titles: Vec<Span> = Pane::ALL
                .iter()
                .map(|&pane| {
                    let style = if pane == self.focus { self.theme.tab_active } else { self.theme.tab };
                    Span::styled(format!(" {} ", pane_title(pane, self.lang)), style)
                })
                .collect();
            let block =
                Block::default().borders(Borders::ALL).border_style(self.theme.border_focus).title(Line::from(titles));
            paragraph(self.focus).block(block).render(area, buf);
        }
    }
}

/// The rows of a sheet for drawing, from the app's sheet entries.
pub fn sheet_rows<'a>(workspace: &'a crate::app::workspace::Workspace, entries: &'a [SheetEntry]) -> Vec<SheetRow<'a>> {
    let file = workspace.goals_file(&workspace.actor);
    entries
        .iter()
        .filter_map(|entry| match entry {
            SheetEntry::Goal(index) => {
                let goal = file?.goals.get(*index)?;
                let progress =
                    workspace.cascade.node_of_goal(&goal.id).map_or(0.0, |n| workspace.cascade.nodes[n].progress);
                Some(SheetRow::Goal { goal, progress })
            }
            SheetEntry::Proposal(id) => {
                let node = workspace.cascade.node_of_proposal(id)?;
                let proposal = workspace.cascade.proposal(&workspace.snapshot.data, node)?;
                let from = workspace
                    .goals_file_of_proposal(id)
                    .and_then(|owner| workspace.person(owner))
                    .map(|p| format!("{}{}", p.name.split_whitespace().next().unwrap_or(&p.name), p.title))
                    .unwrap_or_default();
                Some(SheetRow::Proposal { proposal, from })
            }
            SheetEntry::Carry(item) => Some(SheetRow::Carry { issue: &item.item.issue, from: &item.from }),
        })
        .collect()
}

/// Style of a status message.
pub fn status_style(theme: &Theme, is_error: bool) -> Style {
    if is_error { theme.error } else { theme.success }
}
