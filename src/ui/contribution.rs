//! A contribution table with its totals and a bar chart of what each row achieved:
//! the Contribution tab and `pdca show contribution`.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::text::{pad, pad_left, percent, single_line};
use crate::app::component::Shared;
use crate::app::tabs::contribution::ContributionTab;
use crate::keys::Action;
use crate::messages::{Lang, Message, Text};
use crate::theme::Theme;
use crate::view::contribution::{ContributionRow, ContributionTable, Mode};

pub struct ContributionView<'a> {
    pub table: &'a ContributionTable,
    pub selected: Option<usize>,
    pub lang: Lang,
    pub theme: &'a Theme,
    /// Draw each row's achievement as a bar at its end.
    pub chart: bool,
}

const PERCENT: usize = 8;
const GOALS: usize = 6;
/// The fewest cells a row's name (or unit) gets while anything else can give way.
const MIN_LABEL: usize = 12;
/// The fewest cells of the title or lead column.
const MIN_DETAIL: usize = 4;
/// Percentage points a full bar stands for: all of a top goal.
const FULL_BAR: f64 = 100.0;

impl ContributionView<'_> {
    /// Rows the table needs: heading, header, rows (or the line saying there are
    /// none), and the total where the rows add up to one.
    pub fn table_height(&self) -> u16 {
        let total = u16::from(self.table.total.is_some());
        self.table.rows.len().max(1) as u16 + 2 + total
    }
}

/// Column widths of a table `width` cells wide.
struct Columns {
    label: usize,
    detail: usize,
    bar: usize,
}

impl Columns {
    /// On a narrow terminal the detail (a title) narrows first, then the bar goes,
    /// before a name is cut below [`MIN_LABEL`] cells: "葛西 .." tells nothing.
    fn new(width: usize, chart: bool) -> Columns {
        let figures = 3 * PERCENT + GOALS + 5;
        let mut detail = if width >= 100 { 18 } else { 10 };
        let mut bar = if chart { (width.saturating_sub(detail + figures) / 3).clamp(8, 30) } else { 0 };
        let room = |detail: usize, bar: usize| width.saturating_sub(detail + figures + bar + usize::from(bar > 0));
        if room(detail, bar) < MIN_LABEL {
            detail = detail.saturating_sub(MIN_LABEL - room(detail, bar)).max(MIN_DETAIL);
        }
        if room(detail, bar) < MIN_LABEL {
            bar = 0;
        }
        Columns { label: room(detail, bar).max(8), detail, bar }
    }

    fn line(&self, label: &str, detail: &str, figures: [&str; 4]) -> String {
        let [planned, achieved, own, goals] = figures;
        format!(
            "{} {} {} {} {} {}",
            pad(label, self.label),
            pad(detail, self.detail),
            pad_left(planned, PERCENT),
            pad_left(achieved, PERCENT),
            pad_left(own, PERCENT),
            pad_left(goals, GOALS),
        )
    }
}

impl Widget for ContributionView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height < 2 {
            return;
        }
        let (lang, theme, table) = (self.lang, self.theme, self.table);
        let columns = Columns::new(usize::from(area.width), self.chart);
        let heading = single_line(&table.heading).into_owned();
        let heading = match table.total {
            Some(total) => Text::ContributionHeading { heading, total }.text(lang),
            None => heading,
        };
        buf.set_line(area.x, area.y, &Line::styled(heading, theme.header), area.width);
        let header = columns.line(
            &Text::ContributionName.text(lang),
            "",
            [
                &Text::ContributionPlanned.text(lang),
                &Text::ContributionAchieved.text(lang),
                &Text::ContributionOwn.text(lang),
                &Text::ContributionGoals.text(lang),
            ],
        );
        let mut lines = vec![Line::styled(header, theme.dim)];
        if table.rows.is_empty() {
            lines.push(Line::styled(format!("  {}", Text::NothingToShow.text(lang)), theme.dim));
        }
        // The rows that fit below heading and header, and above the total.
        let room = usize::from(area.height).saturating_sub(2 + usize::from(table.total.is_some()));
        let shown = if table.rows.len() > room { room.saturating_sub(1) } else { table.rows.len() };
        for (index, row) in table.rows.iter().take(shown).enumerate() {
            let detail = if row.led { Text::ContributionLed.text(lang) } else { single_line(&row.detail).into_owned() };
            let text = columns.line(
                &label(row, lang),
                &detail,
                [
                    &format!("{:.1}%", row.planned),
                    &format!("{:.1}", row.achieved),
                    &percent(row.own_progress),
                    &row.goals.to_string(),
                ],
            );
            let style = if self.selected == Some(index) { theme.selected } else { theme.text };
            let mut spans = vec![Span::styled(text, style)];
            if self.chart && columns.bar > 0 {
                spans.extend(bar(row.achieved, columns.bar, theme));
            }
            lines.push(Line::from(spans));
        }
        if shown < table.rows.len() {
            let more = Text::MoreRows { count: table.rows.len() - shown }.text(lang);
            lines.push(Line::styled(format!("  {more}"), theme.dim));
        }
        // Only the rows of one top goal add up: a unit's or a person's rows are
        // shares of different top goals, and their sum means nothing.
        if table.total.is_some() {
            let planned: f64 = table.rows.iter().map(|r| r.planned).sum();
            let achieved: f64 = table.rows.iter().map(|r| r.achieved).sum();
            let total = columns.line(
                &Text::ContributionTotal.text(lang),
                "",
                [&format!("{planned:.1}%"), &format!("{achieved:.1}"), "", ""],
            );
            lines.push(Line::styled(total.trim_end().to_owned(), theme.header));
        }
        for (offset, line) in lines.iter().enumerate() {
            let y = area.y + 1 + offset as u16;
            if y >= area.bottom() {
                break;
            }
            buf.set_line(area.x, y, line, area.width);
        }
    }
}

/// A bar of `cells` cells, filled for `achieved` out of [`FULL_BAR`] points: coloured
/// blanks, or `#` and `-` without colour, so no glyph of ambiguous width is drawn.
fn bar(achieved: f64, cells: usize, theme: &Theme) -> Vec<Span<'static>> {
    let filled = ((achieved / FULL_BAR).clamp(0.0, 1.0) * cells as f64).round() as usize;
    let (fill, rest) = if theme.plain { ("#", "-") } else { (" ", " ") };
    vec![
        Span::raw(" "),
        Span::styled(fill.repeat(filled), theme.on_track),
        Span::styled(rest.repeat(cells - filled), theme.bar_empty),
    ]
}

/// A row's name: the person's or unit's, or "others (n)" for the people folded away.
fn label(row: &ContributionRow, lang: Lang) -> String {
    match row.others {
        Some(count) => Text::Others { count }.text(lang),
        None => single_line(&row.label).into_owned(),
    }
}

/// The Contribution tab: which subject is shown, and its tables side by side when
/// there is room.
pub fn draw(tab: &ContributionTab, shared: &Shared, theme: &Theme, frame: &mut Frame, area: Rect) {
    let (lang, keymap) = (shared.lang, &shared.keymap);
    let mode = match tab.mode {
        Mode::Goal => Text::ByGoal,
        Mode::Unit => Text::ByUnit,
        Mode::Person => Text::ByPerson,
    };
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    let line = Text::ContributionSwitch {
        mode: mode.text(lang),
        index: tab.subject + 1,
        count: tab.count,
        switch: keymap.letter_label(Action::ContributionMode),
        previous: keymap.letter_label(Action::PrevSubject),
        next: keymap.letter_label(Action::NextSubject),
    };
    frame.render_widget(Paragraph::new(line.text(lang)).style(theme.dim), head);
    let view = |table| ContributionView { table, selected: None, lang, theme, chart: true };
    match tab.tables.as_slice() {
        [] => frame.render_widget(Paragraph::new(Text::NothingToShow.text(lang)).style(theme.dim), body),
        [people, units] if body.width >= 140 => {
            let [left, right] =
                Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).spacing(3).areas(body);
            frame.render_widget(view(people), left);
            frame.render_widget(view(units), right);
        }
        [people, units] => {
            // One above the other, a blank line between; the units' table is short and
            // always whole, the people's gives up rows when there is no room.
            let units_height = view(units).table_height();
            let people_height = view(people).table_height().min(body.height.saturating_sub(units_height + 1));
            let [top, _, bottom, _] = Layout::vertical([
                Constraint::Length(people_height),
                Constraint::Length(1),
                Constraint::Length(units_height),
                Constraint::Fill(1),
            ])
            .areas(body);
            frame.render_widget(view(people), top);
            frame.render_widget(view(units), bottom);
        }
        [first, ..] => frame.render_widget(view(first), body),
    }
}

#[cfg(test)]
mod tests {
    use super::{Columns, MIN_LABEL};

    #[test]
    fn on_a_narrow_table_the_detail_and_then_the_bar_give_way_before_the_name() {
        let wide = Columns::new(160, true);
        assert_eq!((wide.label, wide.detail, wide.bar), (76, 18, 30));
        let at_80 = Columns::new(80, true);
        assert_eq!((at_80.label, at_80.detail, at_80.bar), (23, 10, 11));
        let at_60 = Columns::new(60, true);
        assert_eq!((at_60.label, at_60.detail, at_60.bar), (MIN_LABEL, 4, 8), "the detail narrows first");
        let at_56 = Columns::new(56, true);
        assert_eq!((at_56.label, at_56.detail, at_56.bar), (17, 4, 0), "then the bar goes");
    }
}
