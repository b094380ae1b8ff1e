//! The MBO sheet (目標管理シート) and a goal's Plan / Do / Check / Action panes:
//! drawn in the My goals tab, the goal detail popup, and `pdca show mine`.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::scroll::{Scrolled, Wrapped, offset, wrap};
use super::text::{pad, pad_left, percent, single_line};
use crate::keys::{Action, Keymap};
use crate::messages::{self, InstrumentText, Lang, Message, ReviewLoopText, Text};
use crate::model::{Away, Goal};
use crate::theme::Theme;
use crate::view::sheet::Pane;
use crate::view::sheet::{GoalNotes, SheetRow, SheetSummary, logged};

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
    /// The sum of the goals' weights.
    pub fn weight_total(&self) -> u32 {
        crate::model::validate::weight_total(self.rows.iter().filter_map(|row| match row {
            SheetRow::Goal { goal, .. } => Some(*goal),
            _ => None,
        }))
    }
}

const WEIGHT: usize = 6;
const PROGRESS: usize = 5;

/// The category and difficulty columns, only on wide terminals.
fn wide_columns(width: usize) -> (usize, usize) {
    if width >= 100 { (18, 6) } else { (0, 0) }
}

/// The goal title's column: what the other columns leave.
fn title_width(width: usize, lang: Lang) -> usize {
    let (category, difficulty) = wide_columns(width);
    width.saturating_sub(2 + category + difficulty + WEIGHT + messages::date_width(lang) + PROGRESS + 6)
}

/// The column the sheet's `/` filter searches in `row`, in cells from the table's
/// left at `width`: a goal's title, or a proposal's or carried item's label.
pub fn searched_columns(row: &SheetRow, width: u16, lang: Lang) -> Vec<Range<u16>> {
    let width = usize::from(width);
    let end = match row {
        SheetRow::Goal { .. } => 2 + title_width(width, lang),
        SheetRow::Proposal { .. } => width.saturating_sub(2 + WEIGHT),
        SheetRow::Carry { .. } => width,
    };
    std::iter::once(2..end as u16).collect()
}

impl Widget for SheetTable<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height < 2 {
            return;
        }
        let (lang, theme) = (self.lang, self.theme);
        let width = usize::from(area.width);
        let wide = width >= 100;
        let (category, difficulty) = wide_columns(width);
        let due_width = messages::date_width(lang);
        let title_width = title_width(width, lang);
        let mut header = format!("  {}", pad(&Text::SheetColumnGoal.text(lang), title_width));
        if wide {
            header += &format!(
                " {} {}",
                pad(&Text::SheetColumnCategory.text(lang), category),
                pad(&Text::SheetColumnDifficulty.text(lang), difficulty)
            );
        }
        header += &format!(
            " {} {} {}",
            pad_left(&Text::SheetColumnWeight.text(lang), WEIGHT),
            pad(&Text::SheetColumnDue.text(lang), due_width),
            pad_left(&Text::SheetColumnProgress.text(lang), PROGRESS)
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
                        let cat = goal.category.map(|c| c.text(lang)).unwrap_or_default();
                        let dif = goal.difficulty.map(|d| d.text(lang)).unwrap_or_default();
                        text += &format!(" {} {}", pad(&cat, category), pad(&dif, difficulty));
                    }
                    let weight = goal.weight.map(|w| format!("{w}%")).unwrap_or_default();
                    let due = goal.due.map(|d| messages::date(d, lang)).unwrap_or_default();
                    text += &format!(
                        " {} {} {}",
                        pad_left(&weight, WEIGHT),
                        pad(&due, due_width),
                        pad_left(&percent(*progress), PROGRESS)
                    );
                    Line::styled(text, theme.text)
                }
                SheetRow::Proposal { proposal, from } => {
                    let title = single_line(&proposal.title).into_owned();
                    let label = Text::ProposalRow { title, from: single_line(from).into_owned() }.text(lang);
                    let share = proposal.share.map(|s| format!("{s:.0}")).unwrap_or_default();
                    Line::styled(
                        format!("  {} {}", pad(&label, width.saturating_sub(4 + WEIGHT)), pad_left(&share, WEIGHT)),
                        theme.pending,
                    )
                }
                SheetRow::Carry { issue, from } => {
                    let issue = single_line(issue).into_owned();
                    let label = Text::CarryRow { issue, from: single_line(from).into_owned() }.text(lang);
                    Line::styled(format!("  {}", pad(&label, width.saturating_sub(2))), theme.pending)
                }
            };
            if self.selected == Some(index) {
                drawn = drawn.patch_style(theme.selected);
            }
            buf.set_line(area.x, y, &drawn, area.width);
        }

        let total = self.weight_total();
        let goals = self.rows.iter().filter(|r| matches!(r, SheetRow::Goal { .. })).count();
        let footer = weight_footer(goals, total, &self.note, lang, theme);
        buf.set_line(area.x, area.bottom() - 1, &footer, area.width);
    }
}

/// The line under a sheet: how many goals, their weight total (warned unless it is
/// 100) and `note`.
pub fn weight_footer(goals: usize, total: u32, note: &str, lang: Lang, theme: &Theme) -> Line<'static> {
    let ok = total == 100 || goals == 0;
    let footer = if ok { Text::WeightTotal { goals, total } } else { Text::WeightTotalOff { goals, total } }.text(lang);
    let footer = if note.is_empty() { footer } else { format!("{footer}  {note}") };
    Line::styled(footer, if ok { theme.dim } else { theme.warning })
}

pub fn pane_title(pane: Pane, lang: Lang) -> String {
    match pane {
        Pane::Plan => Text::PanePlan,
        Pane::Do => Text::PaneDo,
        Pane::Check => Text::PaneCheck,
        Pane::Action => Text::PaneAction,
    }
    .text(lang)
}

/// What a pane needs beyond the goal to write its text.
#[derive(Clone, Copy)]
pub struct PaneContext<'a> {
    pub lang: Lang,
    pub theme: &'a Theme,
    pub keymap: &'a Keymap,
    /// Feedback (Check) and changes since approval (Plan).
    pub notes: &'a GoalNotes,
}

/// The text of one pane for a goal. `item` marks the selected Do entry (counted
/// from the newest) or action item.
pub fn pane_text(goal: &Goal, pane: Pane, item: Option<usize>, context: PaneContext<'_>) -> Vec<Line<'static>> {
    pane_lines(goal, pane, item, context).0
}

/// [`pane_text`], and which of its lines show the selected item.
pub fn pane_lines(
    goal: &Goal,
    pane: Pane,
    item: Option<usize>,
    context: PaneContext<'_>,
) -> (Vec<Line<'static>>, Option<Range<usize>>) {
    let PaneContext { lang, theme, keymap, notes } = context;
    let mut focus = None;
    let label = |text: Text| Span::styled(format!("{}: ", text.text(lang)), theme.dim);
    let value = |text: &str| Span::styled(single_line(text).into_owned(), theme.text);
    let empty = |text: Text| Line::styled(text.text(lang), theme.dim);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let multiline = |lines: &mut Vec<Line<'static>>, text: &str| {
        for line in text.lines() {
            lines.push(Line::styled(single_line(line).into_owned(), theme.text));
        }
    };
    // A text left on disk shows under its heading as one that could not be read.
    let held = |lines: &mut Vec<Line<'static>>, heading: Line<'static>, text: Result<&str, Away>| match text {
        Ok("") => {}
        Ok(text) => {
            lines.push(heading);
            multiline(lines, text);
        }
        Err(_) => lines.extend([heading, Line::raw(Text::TextNotRead.text(lang))]),
    };
    match pane {
        Pane::Plan => {
            lines.push(Line::from(vec![label(Text::LabelGoal), value(&goal.title)]));
            // A detail left on disk (the plan, the note, the milestones, the link to
            // the cycle before) is said once, under the plan's heading.
            let detail = goal.detail.get();
            if let Ok(detail) = detail {
                let heading = format!("{}: ", ReviewLoopText::LabelProposalNote.text(lang));
                held(&mut lines, Line::styled(heading, theme.dim), Ok(&detail.proposal_note));
            }
            if !goal.criteria.is_empty() {
                lines.push(Line::from(label(Text::LabelCriteria)));
                multiline(&mut lines, &goal.criteria);
            }
            if let Some(metric) = &goal.metric {
                let now = Text::MetricNow.text(lang);
                let current = metric.current.map_or_else(|| "-".to_owned(), |current| current.to_string());
                lines.push(Line::from(vec![
                    label(Text::LabelMetric),
                    value(&format!("{} -> {} {} ({now} {})", metric.start, metric.target, metric.unit, current)),
                ]));
                if let Some(measured) = &notes.measured {
                    lines.extend(super::meetings::measured_lines(measured, &metric.unit, lang, theme));
                }
            }
            held(&mut lines, Line::from(label(Text::LabelPlan)), detail.map(|detail| detail.plan.as_str()));
            let detail = detail.ok();
            for milestone in detail.iter().flat_map(|detail| &detail.milestones) {
                let due = milestone.due.map(|d| messages::date(d, lang)).unwrap_or_default();
                let mark = if milestone.done { "[x]" } else { "[ ]" };
                lines.push(Line::styled(format!("{mark} {due} {}", single_line(&milestone.title)), theme.text));
            }
            if let Some(from) = detail.and_then(|detail| detail.carried_from.as_ref()) {
                lines.push(Line::from(vec![label(Text::LabelCarriedFrom), value(from)]));
            }
            lines.extend(change_lines(notes, lang, theme));
        }
        Pane::Do => {
            let progress = goal.progress.map(|p| format!("{p}%")).unwrap_or_else(|| "-".into());
            lines.push(Line::from(vec![label(Text::LabelProgress), value(&progress)]));
            if goal.log.get().is_err() {
                lines.push(Line::raw(Text::TextNotRead.text(lang)));
            } else if logged(goal).is_empty() {
                lines.push(empty(Text::NoDoEntries { key: keymap.short_label(Action::AddLog) }));
            }
            // The newest first: what was just written shows at the top.
            for (position, entry) in logged(goal).iter().rev().enumerate() {
                let selected = item == Some(position);
                if selected {
                    focus = Some(lines.len()..lines.len() + 1);
                }
                let style = if selected { theme.selected } else { theme.text };
                let course = entry.course.as_deref().map(|course| {
                    let course = single_line(course).into_owned();
                    let said = if entry.completed {
                        InstrumentText::CourseCompleted { course }
                    } else {
                        InstrumentText::Course { course }
                    };
                    format!("{} ", said.text(lang))
                });
                let text = format!(
                    "{} [{}] {}{}",
                    messages::date(entry.date, lang),
                    entry.kind.text(lang),
                    course.unwrap_or_default(),
                    entry
                        .text
                        .get()
                        .map_or_else(|_| Text::TextNotRead.text(lang), |text| single_line(text).into_owned())
                );
                lines.push(Line::styled(text, style));
            }
        }
        Pane::Check => {
            match &goal.check {
                Some(check) => {
                    lines.push(Line::from(vec![label(Text::LabelSelfLevel), value(check.level.letter())]));
                    match check.comment.get() {
                        Ok(comment) => multiline(&mut lines, comment),
                        Err(_) => lines.push(Line::raw(Text::TextNotRead.text(lang))),
                    }
                }
                None => lines.push(empty(Text::NoSelfCheck { key: keymap.short_label(Action::SelfCheck) })),
            }
            lines.extend(feedback_lines(notes, lang, theme));
        }
        Pane::Action => {
            if goal.actions.is_empty() {
                lines.push(empty(Text::NoActionItems { key: keymap.short_label(Action::AddAction) }));
            }
            for (index, action) in goal.actions.iter().enumerate() {
                let start = lines.len();
                let style = if item == Some(index) { theme.selected } else { theme.text };
                let mark = if action.done { "[x]" } else { "[ ]" };
                let due = action.due.map(|d| format!(" ({})", messages::date(d, lang))).unwrap_or_default();
                lines.push(Line::styled(format!("{mark} {}{due}", single_line(&action.issue)), style));
                if !action.measure.is_empty() {
                    let measure = format!("    {}{}", Text::MeasurePrefix.text(lang), single_line(&action.measure));
                    lines.push(Line::styled(measure, theme.dim));
                }
                if item == Some(index) {
                    focus = Some(start..lines.len());
                }
            }
        }
    }
    (lines, focus)
}

/// The feedback the reader may see on a goal: who wrote it, the level, and the texts.
fn feedback_lines(notes: &GoalNotes, lang: Lang, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for entry in &notes.feedback {
        let level = entry.level.map_or("-", |l| l.letter()).to_owned();
        let heading = Text::FeedbackFrom { by: single_line(&entry.by).into_owned(), level };
        lines.push(Line::styled(heading.text(lang), theme.header));
        let mut texts = vec![(Text::LabelStrengths, entry.strengths.as_str())];
        if let Ok(notes) = entry.notes.get() {
            texts.extend([
                (Text::LabelImprovements, notes.improvements.as_str()),
                (Text::LabelContribution, notes.contribution.as_str()),
                (Text::LabelComment, notes.comment.as_str()),
            ]);
        }
        for (label, text) in texts {
            // Each line of what the reviewer wrote stays a line: feedback is often a list.
            for (index, part) in text.lines().enumerate() {
                let lead = if index == 0 { format!("{}: ", label.text(lang)) } else { "  ".to_owned() };
                lines.push(Line::styled(format!("{lead}{}", single_line(part)), theme.text));
            }
        }
        if entry.notes.get().is_err() {
            lines.push(Line::raw(Text::TextNotRead.text(lang)));
        }
    }
    lines
}

/// What changed in the plan since approval, then the reasons given (期中の見直し).
fn change_lines(notes: &GoalNotes, lang: Lang, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let heading = || Line::styled(Text::ChangedSinceApproval.text(lang), theme.warning);
    let show = |value: &Option<String>| value.as_deref().map(|v| single_line(v).into_owned()).unwrap_or("-".into());
    match notes.changes.get() {
        Ok(changes) if changes.is_empty() => {}
        Ok(changes) => {
            lines.push(heading());
            for change in changes {
                let (before, after) = (show(&change.before), show(&change.after));
                let text = format!("  {}: {before} -> {after}", change.field.text(lang));
                lines.push(Line::styled(text, theme.warning));
            }
        }
        Err(_) => lines.extend([heading(), Line::raw(format!("  {}", Text::TextNotRead.text(lang)))]),
    }
    for (date, reason) in &notes.revisions {
        let line = Text::RevisionReason { date: messages::date(*date, lang), reason: single_line(reason).into_owned() };
        lines.push(Line::styled(line.text(lang), theme.dim));
    }
    lines
}

/// The four panes of a goal: all four in a grid when there is room, else the
/// focused one with the others named in its title.
pub struct GoalPanes<'a> {
    pub goal: &'a Goal,
    pub focus: Pane,
    pub item: usize,
    pub context: PaneContext<'a>,
    /// The first row of the focused pane (kept inside its rows when drawn).
    pub scroll: usize,
    /// The focused pane shows its selected item rather than the scroll.
    pub follow: bool,
}

impl GoalPanes<'_> {
    fn is_grid(area: Rect) -> bool {
        area.width >= 120 && area.height >= 12
    }

    /// The rows of `pane` wrapped into its box, and the rows of its selected item.
    fn wrapped(&self, pane: Pane, inner: Rect) -> (Wrapped, Option<Range<usize>>) {
        let item = (pane == self.focus).then_some(self.item);
        let (lines, focus) = pane_lines(self.goal, pane, item, self.context);
        let wrapped = wrap(lines, usize::from(inner.width));
        let rows = focus.map(|lines| wrapped.rows_of(lines));
        (wrapped, rows)
    }
}

impl Widget for GoalPanes<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (lang, theme) = (self.context.lang, self.context.theme);
        let grid = Self::is_grid(area);
        let block = |pane: Pane| {
            let focused = pane == self.focus;
            let style = if focused { theme.border_focus } else { theme.border };
            Block::default()
                .borders(Borders::ALL)
                .border_style(style)
                .title(Span::styled(pane_title(pane, lang), style))
        };
        let scrolled = |pane: Pane, block: Block<'static>, rect: Rect| {
            let (wrapped, focus) = self.wrapped(pane, block.inner(rect));
            let (scroll, focus) =
                if pane == self.focus { (self.scroll, focus.filter(|_| self.follow)) } else { (0, None) };
            let offset = offset(wrapped.rows.len(), usize::from(block.inner(rect).height), scroll, focus);
            Scrolled { wrapped, offset, block: Some(block), style: Style::default(), marker: theme.dim, lang }
        };
        if grid {
            let [top, bottom] = Layout::vertical([Constraint::Fill(1); 2]).areas(area);
            let [plan, do_] = Layout::horizontal([Constraint::Fill(1); 2]).areas(top);
            let [check, action] = Layout::horizontal([Constraint::Fill(1); 2]).areas(bottom);
            for (pane, rect) in [(Pane::Plan, plan), (Pane::Do, do_), (Pane::Check, check), (Pane::Action, action)] {
                scrolled(pane, block(pane), rect).render(rect, buf);
            }
        } else {
            let titles: Vec<Span> = Pane::ALL
                .iter()
                .map(|&pane| {
                    let style = if pane == self.focus { theme.tab_active } else { theme.tab };
                    Span::styled(format!(" {} ", pane_title(pane, lang)), style)
                })
                .collect();
            let block =
                Block::default().borders(Borders::ALL).border_style(theme.border_focus).title(Line::from(titles));
            scrolled(self.focus, block, area).render(area, buf);
        }
    }
}

/// Style of a status message.
pub fn status_style(theme: &Theme, is_error: bool) -> Style {
    if is_error { theme.error } else { theme.success }
}

/// The reason of the last send-back, while it is the sheet's latest step.
pub fn sent_back_line(summary: &SheetSummary, lang: Lang) -> Option<String> {
    let sent_back = summary.sent_back.as_ref()?;
    let comment = sent_back.comment.lines().map(|line| single_line(line).into_owned()).collect::<Vec<_>>().join(" / ");
    let text = ReviewLoopText::SentBack {
        date: messages::date(sent_back.date, lang),
        by: single_line(&sent_back.by).into_owned(),
        state: sent_back.to.text(lang),
        comment,
    };
    Some(text.text(lang))
}

/// The line under a sheet: its state, score and changes since approval.
pub fn summary_line(summary: &SheetSummary, lang: Lang) -> String {
    let state = summary.state.text(lang);
    let score = summary.score.map(|s| format!("{s:.2}")).unwrap_or_else(|| "-".to_owned());
    let mut line = match summary.changes {
        Ok(0) => Text::SheetNote { state, score },
        Ok(changes) => Text::SheetNoteChanges { state, score, changes },
        Err(_) => Text::SheetNoteChangesNotRead { state, score },
    }
    .text(lang);
    for removed in &summary.removed {
        let (title, reason) = (single_line(&removed.title).into_owned(), single_line(&removed.reason).into_owned());
        line += &Text::RemovedGoalNote { title, date: messages::date(removed.date, lang), reason }.text(lang);
    }
    if !summary.training.is_empty() {
        let courses: Vec<String> = summary
            .training
            .iter()
            .map(|(course, completed)| {
                let course = single_line(course).into_owned();
                if *completed { InstrumentText::CourseCompleted { course } } else { InstrumentText::Course { course } }
                    .text(lang)
            })
            .collect();
        line += &InstrumentText::TrainingNote { courses: courses.join("") }.text(lang);
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FeedbackNotes, GoalDetail, Held, Milestone};
    use crate::view::sheet::FeedbackNote;

    fn plan_pane(goal: &Goal) -> Vec<String> {
        let (theme, keymap, notes) = (Theme::plain(), Keymap::new(&Default::default()), GoalNotes::default());
        let context = PaneContext { lang: Lang::En, theme: &theme, keymap: &keymap, notes: &notes };
        let lines = pane_text(goal, Pane::Plan, None, context);
        lines.iter().map(|line| line.spans.iter().map(|span| span.content.as_ref()).collect()).collect()
    }

    #[test]
    fn a_goals_detail_left_on_disk_is_said_once_under_the_plans_heading() {
        let milestone = Milestone { title: "計測".into(), due: None, done: false, extra: Default::default() };
        let detail = GoalDetail {
            proposal_note: "補足の文".into(),
            plan: "4月：計測".into(),
            milestones: vec![milestone],
            carried_from: Some("2025/P1-2025-2".into()),
            ..GoalDetail::default()
        };
        let mut goal = Goal { title: "窓口".into(), detail: detail.into(), ..Goal::default() };
        let here = plan_pane(&goal).join("\n");
        for shown in ["補足の文", "4月：計測", "計測", "2025/P1-2025-2"] {
            assert!(here.contains(shown), "{shown} in:\n{here}");
        }
        goal.detail.leave_on_disk();
        let away = plan_pane(&goal);
        let not_read = Text::TextNotRead.text(Lang::En);
        assert_eq!(away.iter().filter(|line| line.contains(&not_read)).count(), 1, "{away:?}");
        let note = ReviewLoopText::LabelProposalNote.text(Lang::En);
        assert!(away.iter().all(|line| !line.contains(&note) && !line.contains("計測")), "{away:?}");
    }

    #[test]
    fn feedback_with_its_notes_left_on_disk_shows_its_strengths_and_says_so_once() {
        let notes =
            FeedbackNotes {
                improvements: "早めの共有".into(), comment: "中間面談".into(), ..Default::default()
            };
        let entry =
            FeedbackNote { by: "佐藤".into(), level: None, strengths: "丁寧".into(), notes: Held::Here(notes) };
        let shown = |entry: &FeedbackNote| -> Vec<String> {
            let notes = GoalNotes { feedback: vec![entry.clone()], ..GoalNotes::default() };
            let lines = feedback_lines(&notes, Lang::En, &Theme::plain());
            lines.iter().map(|line| line.spans.iter().map(|span| span.content.as_ref()).collect()).collect()
        };
        let here = shown(&entry).join("\n");
        assert!(["丁寧", "早めの共有", "中間面談"].iter().all(|text| here.contains(text)), "{here}");
        let away = shown(&FeedbackNote { notes: Held::Away, ..entry });
        let not_read = Text::TextNotRead.text(Lang::En);
        assert_eq!(away.iter().filter(|line| line.contains(&not_read)).count(), 1, "{away:?}");
        assert!(away.iter().any(|line| line.contains("丁寧")), "{away:?}");
        let improvements = Text::LabelImprovements.text(Lang::En);
        assert!(away.iter().all(|line| !line.contains(&improvements)), "{away:?}");
    }
}
