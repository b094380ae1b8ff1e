//! The overview of sheet states by unit, drawn in the Review tab of HR (who
//! reviews nobody but reads everyone).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::text::{fit, pad, pad_left};
use crate::messages::{Lang, Message, ReviewLoopText};
use crate::model::{Phase, SheetState};
use crate::theme::Theme;
use crate::view::overview::UnitOverview;

const COUNT: usize = 6;

pub struct OverviewTable<'a> {
    pub phase: Option<Phase>,
    pub units: &'a [UnitOverview],
    pub lang: Lang,
    pub theme: &'a Theme,
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
        let name_width = width.saturating_sub(COUNT * (SheetState::ALL.len() + 1)).max(8);
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
        for unit in self.units {
            let mut line = pad(&fit(&format!("{}{}", "  ".repeat(unit.depth), unit.name), name_width), name_width);
            for count in unit.counts {
                line += &pad_left(&if count == 0 { "-".to_owned() } else { count.to_string() }, COUNT);
            }
            line += &pad_left(&unit.late.len().to_string(), COUNT);
            lines.push(Line::styled(line, if unit.late.is_empty() { theme.text } else { theme.warning }));
        }
        for unit in self.units {
            for (person, state) in &unit.late {
                let text = ReviewLoopText::OverviewLatePerson {
                    unit: unit.name.clone(),
                    person: person.clone(),
                    state: state.text(lang),
                };
                lines.push(Line::styled(fit(&text.text(lang), width).into_owned(), theme.warning));
            }
        }
        for (row, line) in lines.iter().take(usize::from(area.height)).enumerate() {
            buf.set_line(area.x, area.y + row as u16, line, area.width);
        }
    }
}
