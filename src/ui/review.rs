//! The review inbox table, drawn in the Review tab and by `pdca show review`, and
//! the Review tab around it.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::overview::{OVERVIEW_HEAD, OverviewTable};
use super::search::{self, Hidden};
use super::sheet::{GoalPanes, PaneContext, SheetTable};
use super::tabs::below_header;
use super::text::{fit, pad, pad_left, percent, single_line, width as cells};
use crate::app::component::Shared;
use crate::app::tabs::review::{ReviewTab, sheet_areas};
use crate::messages::{self, InstrumentText, Lang, Message, Text};
use crate::model::Step;
use crate::theme::Theme;
use crate::view::alignment;
use crate::view::review::InboxRow;
use crate::view::sheet::{GoalNotes, goal_rows};

pub struct InboxTable<'a> {
    pub rows: &'a [InboxRow],
    pub selected: Option<usize>,
    pub offset: usize,
    pub lang: Lang,
    pub theme: &'a Theme,
}

/// Wide enough for its header (階層, Lvl): how many levels below the reviewer.
const LEVEL: usize = 4;
const WEIGHT: usize = 5;
const PROGRESS: usize = 5;
const SCORE: usize = 5;
/// Days since the last 1on1 and the last recognition.
const DAYS: usize = 5;

/// The inbox's column widths at a width: wide terminals spell everything out.
struct InboxColumns {
    wide: bool,
    state_width: usize,
    checks: usize,
    next_width: usize,
    /// How many day columns (the 1on1's, and the recognition's when wide), and their width.
    day_columns: usize,
    days_width: usize,
    name_width: usize,
}

impl InboxTable<'_> {
    fn columns(&self, width: usize) -> InboxColumns {
        let lang = self.lang;
        // Wide terminals spell everything out; narrow ones keep the next step whole
        // (the longest, フィードバック面談, is 18 cells) and show names without titles.
        let wide = width >= 120;
        // Below 72 columns the self-check, feedback and score columns give way (the
        // sheet opened shows them), so the name and the next step still fit.
        let (state_width, checks, next_width) = match width {
            120.. => (16, 8, 30),
            72.. => (12, 4, 18),
            _ => (12, 0, 18),
        };
        // Narrow, the state column is as wide as the states shown, and the name gets the rest.
        let state_width = if wide {
            state_width
        } else {
            let shown = self.rows.iter().map(|row| cells(&row.state.text(lang)));
            shown.chain([cells(&Text::InboxSheet.text(lang))]).max().unwrap_or(state_width).min(16)
        };
        // Days since the last 1on1 always; since the last recognition where there is
        // room (the People tab shows both at every width).
        let (day_columns, days_width) = if wide { (2, DAYS) } else { (1, DAYS - 1) };
        let counts = if checks > 0 { 2 * checks + SCORE + 3 } else { 0 };
        let fixed = LEVEL + state_width + WEIGHT + PROGRESS + counts + day_columns * (days_width + 1) + next_width + 6;
        // At 80 columns the name gives a cell to the 1on1 column, so the step stays whole.
        let name_width = width.saturating_sub(fixed).max(if wide { 10 } else { 8 });
        InboxColumns { wide, state_width, checks, next_width, day_columns, days_width, name_width }
    }

    /// The column the inbox's `/` filter searches (a person's id, name and title),
    /// in cells from the table's left at `width`: the name.
    pub fn searched_columns(&self, width: u16) -> Vec<std::ops::Range<u16>> {
        let name = self.columns(usize::from(width)).name_width as u16;
        std::iter::once(LEVEL as u16 + 1..LEVEL as u16 + 1 + name).collect()
    }
}

impl Widget for InboxTable<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height == 0 {
            return;
        }
        let (lang, theme) = (self.lang, self.theme);
        let InboxColumns { wide, state_width, checks, next_width, day_columns, days_width, name_width } =
            self.columns(usize::from(area.width));
        let counts = |self_checked: &str, feedback: &str, score: &str| {
            if checks == 0 {
                return String::new();
            }
            let [a, b, c] = [(self_checked, checks), (feedback, checks), (score, SCORE)].map(|(t, w)| pad_left(t, w));
            format!("{a} {b} {c} ")
        };
        let header = format!(
            "{} {} {} {} {} {}{}{}",
            pad(&Text::InboxLevel.text(lang), LEVEL),
            pad(&Text::InboxName.text(lang), name_width),
            pad(&Text::InboxSheet.text(lang), state_width),
            pad_left(&Text::InboxWeight.text(lang), WEIGHT),
            pad_left(&Text::InboxProgress.text(lang), PROGRESS),
            counts(
                &if checks >= 8 { Text::InboxSelfWide } else { Text::InboxSelf }.text(lang),
                &Text::InboxFeedback.text(lang),
                &Text::InboxScore.text(lang),
            ),
            [InstrumentText::InboxMeeting, InstrumentText::InboxPraise][..day_columns]
                .iter()
                .map(|label| format!("{} ", pad_left(&label.text(lang), days_width)))
                .collect::<String>(),
            pad(&Text::InboxNext.text(lang), next_width),
        );
        buf.set_line(area.x, area.y, &Line::styled(header, theme.header), area.width);
        if self.rows.is_empty() {
            let text = Text::NobodyReportsToYou.text(lang);
            buf.set_line(area.x, area.y + 1, &Line::styled(text, theme.dim), area.width);
            return;
        }
        let visible = self.rows.iter().enumerate().skip(self.offset).take(usize::from(area.height) - 1);
        for (line, (index, row)) in visible.enumerate() {
            let name = if wide {
                format!("{} {}", single_line(&row.name), single_line(&row.title))
            } else {
                single_line(&row.name).into_owned()
            };
            let weight = if row.goals == 0 { "-".to_owned() } else { format!("{}%", row.weight_total) };
            let next: Vec<String> = next_steps(&row.next).map(|s| s.text(lang)).collect();
            let text = format!(
                "{} {} {} {} {} {}",
                pad(&row.level.to_string(), LEVEL),
                pad(&name, name_width),
                pad(&row.state.text(lang), state_width),
                pad_left(&weight, WEIGHT),
                pad_left(&percent(row.progress), PROGRESS),
                counts(
                    &format!("{}/{}", row.self_checked, row.goals),
                    &format!("{}/{}", row.feedback, row.goals),
                    &row.score.map(|s| format!("{s:.2}")).unwrap_or_else(|| "-".into()),
                ),
            );
            let style = if row.goals > 0 && row.weight_total != 100 { theme.warning } else { theme.text };
            let recency = &row.recency;
            let days = |days: Option<i64>, overdue: bool| {
                let text = days.map_or_else(|| "-".to_owned(), |days| days.to_string());
                [
                    Span::styled(pad_left(&text, days_width), if overdue { theme.warning } else { style }),
                    Span::styled(" ", style),
                ]
            };
            let mut spans = vec![Span::styled(text, style)];
            spans.extend(days(recency.days_since_meeting, recency.overdue.meeting));
            if wide {
                spans.extend(days(recency.days_since_recognition, recency.overdue.recognition));
            }
            spans.push(Span::styled(pad(&next.join(", "), next_width), style));
            let mut drawn = Line::from(spans);
            if self.selected == Some(index) {
                drawn = drawn.patch_style(theme.selected);
            }
            buf.set_line(area.x, area.y + 1 + line as u16, &drawn, area.width);
        }
    }
}

/// The steps the inbox names: the steps forward, and sending back only when it is
/// all there is to do (otherwise it is always there, on its own key, while a sheet waits).
fn next_steps(steps: &[Step]) -> impl Iterator<Item = &Step> {
    let forward = steps.iter().any(|s| *s != Step::SendBack);
    steps.iter().filter(move |s| !forward || **s != Step::SendBack)
}

/// The Review tab: the inbox with the alignment warnings about the selected person
/// under it, or the opened sheet.
pub fn draw(tab: &ReviewTab, shared: &Shared, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lang = shared.lang;
    let world = &shared.workspace.world;
    if let Some((phase, units)) = &tab.overview {
        // HR reviews nobody but answers for every sheet: the overview instead of an empty inbox.
        let area = search::filter_line(&tab.filter, theme, frame, area);
        let lines = &tab.overview_lines;
        let table = OverviewTable { phase: *phase, units, lines, selected: Some(tab.overview_selected), lang, theme };
        let rows = Rect { y: area.y + OVERVIEW_HEAD, height: area.height.saturating_sub(OVERVIEW_HEAD), ..area };
        let searched = table.searched_columns(area.width, rows.height);
        frame.render_widget(table, area);
        search::mark_matches(&tab.filter, frame.buffer_mut(), rows, |line| {
            searched.get(line).cloned().unwrap_or_default()
        });
        search::why_empty(&tab.filter, Hidden::People, lang, theme, frame, rows);
        return;
    }
    if !tab.open {
        let warnings: Vec<Line> = tab
            .rows
            .get(tab.selected)
            .map(|row| {
                let world = &shared.workspace.world;
                alignment::about(alignment::every(world, shared.workspace.today, &shared.alignment), &row.person)
                    .map(|p| {
                        let (subject, kind) = alignment::readable(world, p);
                        let subject = subject
                            .filter(|_| p.subject.as_deref() != Some(row.person.as_str()))
                            .map(|s| format!("{}: ", single_line(&s)))
                            .unwrap_or_default();
                        let text = single_line(&messages::problem(&kind, lang)).into_owned();
                        Line::styled(format!("~ {subject}{text}"), theme.warning)
                    })
                    .collect()
            })
            .unwrap_or_default();
        // Each warning wrapped whole: its instruction is at its end.
        let columns = usize::from(area.width.max(1));
        let wrapped: usize = warnings.iter().map(|line| line.width().div_ceil(columns).max(1)).sum();
        let warning_rows = (wrapped as u16).min(area.height / 3);
        let [table_area, warning_area] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(warning_rows)]).areas(area);
        let table_area = search::filter_line(&tab.filter, theme, frame, table_area);
        let offset = tab.selected.saturating_sub(usize::from(table_area.height.saturating_sub(2)));
        let table = InboxTable { rows: &tab.rows, selected: Some(tab.selected), offset, lang, theme };
        let names = table.searched_columns(table_area.width);
        frame.render_widget(table, table_area);
        let rows = below_header(table_area);
        search::mark_matches(&tab.filter, frame.buffer_mut(), rows, |_| names.clone());
        search::why_empty(&tab.filter, Hidden::People, lang, theme, frame, rows);
        frame.render_widget(Paragraph::new(warnings).wrap(Wrap { trim: false }), warning_area);
        return;
    }
    let Some(row) = tab.rows.get(tab.selected) else { return };
    let heading = Text::ReviewHeading {
        name: format!("{} {}", row.name, row.title),
        state: row.state.text(lang),
        score: row.score.map(|s| format!("{s:.2}")).unwrap_or_else(|| "-".into()),
        changes: tab.changes.map_or_else(|_| Text::NotRead.text(lang), |changes| changes.to_string()),
        index: tab.selected + 1,
        count: tab.rows.len(),
    };
    let rows = goal_rows(world, &row.person);
    let [head, list, panes] = sheet_areas(area, rows.len());
    let list_height = list.height;
    frame.render_widget(
        Paragraph::new(fit(&single_line(&heading.text(lang)), usize::from(head.width)).into_owned())
            .style(theme.header),
        head,
    );
    let offset = tab.goal.saturating_sub(usize::from(list_height.saturating_sub(3)));
    let table = SheetTable { rows, note: String::new(), selected: Some(tab.goal), offset, lang, theme };
    frame.render_widget(table, list);
    if let Some(goal) = tab.reviewed_goal(shared) {
        let empty = GoalNotes::default();
        let notes = tab.notes.get(&goal.id).unwrap_or(&empty);
        let context = PaneContext { lang, theme, keymap: &shared.keymap, notes };
        frame.render_widget(
            GoalPanes { goal, focus: tab.pane, item: usize::MAX, context, scroll: tab.scroll, follow: false },
            panes,
        );
    }
}
