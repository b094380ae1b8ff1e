//! A contribution table with its totals and a bar chart of what each row achieved:
//! the Contribution tab and `pdca show contribution`.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::symbols;
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Widget};

use super::text::{fit, pad, pad_left, single_line};
use crate::app::contribution::ContributionTable;
use crate::i18n::Lang;
use crate::theme::Theme;

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
        let heading = match self.table.total {
            Some(total) => match lang {
                Lang::Ja => format!("{}  (進捗 {total:.1}%)", single_line(&self.table.heading)),
                Lang::En => format!("{}  (progress {total:.1}%)", single_line(&self.table.heading)),
            },
            None => single_line(&self.table.heading).into_owned(),
        };
        buf.set_line(table_area.x, table_area.y, &Line::styled(heading, theme.header), table_area.width);
        let header = format!(
            "{} {} {} {} {} {}",
            pad(lang.pick("名前", "Name"), label_width),
            pad("", detail),
            pad_left(lang.pick("計画配分", "Planned"), PERCENT),
            pad_left(lang.pick("貢献(pt)", "Achieved"), PERCENT),
            pad_left(lang.pick("自進捗", "Own"), PERCENT),
            pad_left(lang.pick("目標数", "Goals"), GOALS),
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
                pad(&single_line(&row.label), label_width),
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
                pad(lang.pick("合計", "Total"), label_width),
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
                        .label(Line::from(fit(&single_line(&row.label), label_cells).into_owned()))
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
