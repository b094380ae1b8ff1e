//! A contribution table with its totals and a bar chart of what each row achieved:
//! the Contribution tab and `pdca show contribution`.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::symbols;
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph, Widget};

use super::text::{fit, pad, pad_left, single_line};
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
    /// Draw the bar chart below the table when there is room.
    pub chart: bool,
}

const PERCENT: usize = 8;
const GOALS: usize = 6;

impl ContributionView<'_> {
    /// Rows the table itself needs: heading, header, rows, total.
    pub fn table_height(&self) -> u16 {
        self.table.rows.len() as u16 + 3
    }
}

impl Widget for ContributionView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height < 2 {
            return;
        }
        let (lang, theme) = (self.lang, self.theme);
        let chart_rows = self.table.rows.len() as u16 + 1;
        let with_chart = self.chart && area.height > self.table_height() + chart_rows.min(6);
        let [table_area, chart_area] = if with_chart {
            Layout::vertical([Constraint::Length(self.table_height()), Constraint::Fill(1)]).areas(area)
        } else {
            [area, Rect::default()]
        };
        let width = usize::from(area.width);
        let detail = if width >= 100 { 18 } else { 10 };
        let label_width = width.saturating_sub(detail + 3 * PERCENT + GOALS + 5).max(8);
        let heading = single_line(&self.table.heading).into_owned();
        let heading = match self.table.total {
            Some(total) => Text::ContributionHeading { heading, total }.text(lang),
            None => heading,
        };
        buf.set_line(table_area.x, table_area.y, &Line::styled(heading, theme.header), table_area.width);
        let header = format!(
            "{} {} {} {} {} {}",
            pad(&Text::ContributionName.text(lang), label_width),
            pad("", detail),
            pad_left(&Text::ContributionPlanned.text(lang), PERCENT),
            pad_left(&Text::ContributionAchieved.text(lang), PERCENT),
            pad_left(&Text::ContributionOwn.text(lang), PERCENT),
            pad_left(&Text::ContributionGoals.text(lang), GOALS),
        );
        let mut y = table_area.y + 1;
        if y < table_area.bottom() {
            buf.set_line(table_area.x, y, &Line::styled(header, theme.dim), table_area.width);
        }
        for (index, row) in self.table.rows.iter().enumerate() {
            y += 1;
            if y >= table_area.bottom().saturating_sub(1) {
                break;
            }
            let text = format!(
                "{} {} {} {} {} {}",
                pad(&label(row, lang), label_width),
                pad(&single_line(&row.detail), detail),
                pad_left(&format!("{:.1}%", row.planned), PERCENT),
                pad_left(&format!("{:.1}", row.achieved), PERCENT),
                pad_left(&format!("{:.0}%", row.own_progress), PERCENT),
                pad_left(&row.goals.to_string(), GOALS),
            );
            let style = if self.selected == Some(index) { theme.selected } else { theme.text };
            buf.set_line(table_area.x, y, &Line::styled(text, style), table_area.width);
        }
        if y < table_area.bottom() {
            let planned: f64 = self.table.rows.iter().map(|r| r.planned).sum();
            let achieved: f64 = self.table.rows.iter().map(|r| r.achieved).sum();
            let total = format!(
                "{} {} {} {}",
                pad(&Text::ContributionTotal.text(lang), label_width),
                pad("", detail),
                pad_left(&format!("{planned:.1}%"), PERCENT),
                pad_left(&format!("{achieved:.1}"), PERCENT),
            );
            buf.set_line(
                table_area.x,
                (y + 1).min(table_area.bottom() - 1),
                &Line::styled(total, theme.header),
                table_area.width,
            );
        }
        if with_chart {
            let label_cells = 16;
            let bars: Vec<Bar> = self
                .table
                .rows
                .iter()
                .map(|row| {
                    Bar::default()
                        .value((row.achieved * 10.0).round().max(0.0) as u64)
                        .text_value(format!("{:.1}", row.achieved))
                        .label(Line::from(fit(&label(row, lang), label_cells).into_owned()))
                        .style(theme.on_track)
                })
                .collect();
            // Whole cells only: coloured spaces, or `#` without colour, so no glyph of
            // ambiguous width reaches a Japanese terminal.
            let fill = if theme.plain { "#" } else { " " };
            let set = symbols::bar::Set {
                full: fill,
                seven_eighths: fill,
                three_quarters: fill,
                five_eighths: fill,
                half: fill,
                three_eighths: " ",
                one_quarter: " ",
                one_eighth: " ",
                empty: " ",
            };
            let chart = BarChart::default()
                .direction(Direction::Horizontal)
                .bar_set(set)
                .bar_width(1)
                .bar_gap(0)
                .data(BarGroup::default().bars(&bars))
                .bar_style(theme.on_track)
                .value_style(theme.text);
            chart.render(chart_area, buf);
        }
    }
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
                Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(body);
            frame.render_widget(view(people), left);
            frame.render_widget(view(units), right);
        }
        [first, ..] => frame.render_widget(view(first), body),
    }
}
