//! The overview of sheet states by unit, drawn in the Review tab of HR (who
//! reviews nobody but reads everyone).

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::search::part_columns;
use super::text::{fit, pad, pad_left};
use crate::messages::{Lang, Message, ReviewLoopText};
use crate::model::{Phase, SheetState};
use crate::theme::Theme;
use crate::view::overview::{OverviewLine, UnitOverview};

const COUNT: usize = 6;

pub struct OverviewTable<'a> {
    pub phase: Option<Phase>,
    pub units: &'a [UnitOverview],
    /// The lines shown (all of them, or what the `/` filter keeps).
    pub lines: &'a [(OverviewLine, bool)],
    pub selected: Option<usize>,
    pub lang: Lang,
    pub theme: &'a Theme,
}

/// Rows above the lines: the heading and the table's header.
pub const OVERVIEW_HEAD: u16 = 2;

impl OverviewTable<'_> {
    fn name_width(width: usize) -> usize {
        width.saturating_sub(COUNT * (SheetState::ALL.len() + 1)).max(8)
    }

    /// The first line shown in `rows` rows, keeping the selected one in sight.
    pub fn offset(&self, rows: u16) -> usize {
        self.selected.unwrap_or(0).saturating_sub(usize::from(rows.saturating_sub(1)))
    }

    fn late_text(&self, unit: &str, person: &str, state: SheetState) -> String {
        let text = ReviewLoopText::OverviewLatePerson {
            unit: unit.to_owned(),
            person: person.to_owned(),
            state: state.text(self.lang),
        };
        text.text(self.lang)
    }

    /// What the `/` filter searches in each line shown under the header, in cells
    /// from the left at `width`: a unit's name; a late person's unit and name.
    pub fn searched_columns(&self, width: u16, rows: u16) -> Vec<Vec<Range<u16>>> {
        let name_width = Self::name_width(usize::from(width)) as u16;
        let shown = self.lines.iter().skip(self.offset(rows)).take(usize::from(rows));
        shown
            .map(|&(line, _)| match line {
                OverviewLine::Unit(_) => std::iter::once(0..name_width).collect(),
                OverviewLine::Late(u, p) => {
                    let (unit, (_, state)) = (&self.units[u], &self.units[u].late[p]);
                    let laid_out = |unit_name: &str, person: &str| self.late_text(unit_name, person, *state);
                    part_columns(laid_out, &unit.name, &unit.late[p].0)
                }
            })
            .collect()
    }
}

fn short(state: SheetState) -> ReviewLoopText {
    match state {
        SheetState::Draft => ReviewLoopText::ShortDraft,
        SheetState::Submitted => ReviewLoopText::ShortSubmitted,
        SheetState::Approved => ReviewLoopText::ShortApproved,
        SheetState::SelfChecked => ReviewLoopText::ShortSelfChecked,
        SheetState::Reviewed => ReviewLoopText::ShortReviewed,
        SheetState::Confirmed => ReviewLoopText::ShortConfirmed,
        SheetState::FeedbackHeld => ReviewLoopText::ShortFeedbackHeld,
    }
}

impl Widget for OverviewTable<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (lang, theme) = (self.lang, self.theme);
        let width = usize::from(area.width);
        let name_width = Self::name_width(width);
        let heading = match self.phase {
            Some(phase) => ReviewLoopText::OverviewHeading {
                phase: phase.text(lang),
                expected: crate::model::workflow::expected_by(phase).text(lang),
            },
            None => ReviewLoopText::OverviewNoPhase,
        };
        let mut lines = vec![Line::styled(fit(&heading.text(lang), width).into_owned(), theme.header)];
        let mut header = pad(&ReviewLoopText::OverviewUnit.text(lang), name_width);
        for state in SheetState::ALL {
            header += &pad_left(&short(state).text(lang), COUNT);
        }
        header += &pad_left(&ReviewLoopText::OverviewLate.text(lang), COUNT);
        lines.push(Line::styled(header, theme.dim));
        let rows = area.height.saturating_sub(OVERVIEW_HEAD);
        let offset = self.offset(rows);
        for (index, &(line, _)) in self.lines.iter().enumerate().skip(offset).take(usize::from(rows)) {
            let mut drawn = match line {
                OverviewLine::Unit(u) => {
                    let unit = &self.units[u];
                    let mut line =
                        pad(&fit(&format!("{}{}", "  ".repeat(unit.depth), unit.name), name_width), name_width);
                    for count in unit.counts {
                        line += &pad_left(&if count == 0 { "-".to_owned() } else { count.to_string() }, COUNT);
                    }
                    line += &pad_left(&unit.late.len().to_string(), COUNT);
                    Line::styled(line, if unit.late.is_empty() { theme.text } else { theme.warning })
                }
                OverviewLine::Late(u, p) => {
                    let (person, state) = &self.units[u].late[p];
                    let text = self.late_text(&self.units[u].name, person, *state);
                    Line::styled(fit(&text, width).into_owned(), theme.warning)
                }
            };
            if self.selected == Some(index) {
                drawn = drawn.patch_style(theme.selected);
            }
            lines.push(drawn);
        }
        for (row, line) in lines.iter().take(usize::from(area.height)).enumerate() {
            buf.set_line(area.x, area.y + row as u16, line, area.width);
        }
    }
}
