//! The review inbox table, drawn in the Review tab and by `pdca show review`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::text::{pad, pad_left, single_line};
use crate::app::review::InboxRow;
use crate::i18n::Lang;
use crate::model::Step;
use crate::model::workflow::SheetState;
use crate::theme::Theme;

pub fn state_label(state: SheetState, lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => state.ja(),
        Lang::En => state.en(),
    }
}

pub fn step_label(step: Step, lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => step.ja(),
        Lang::En => step.en(),
    }
}

pub struct InboxTable<'a> {
    pub rows: &'a [InboxRow],
    pub selected: Option<usize>,
    pub offset: usize,
    pub lang: Lang,
    pub theme: &'a Theme,
}

const LEVEL: usize = 2;
const WEIGHT: usize = 5;
const PROGRESS: usize = 5;
const SCORE: usize = 5;

impl Widget for InboxTable<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height == 0 {
            return;
        }
        let (lang, theme) = (self.lang, self.theme);
        let width = usize::from(area.width);
        // Narrow terminals give the name the room; wide ones spell everything out.
        let (state_width, checks, next_width) = if width >= 120 { (16, 8, 30) } else { (10, 5, 12) };
        let fixed = LEVEL + state_width + WEIGHT + PROGRESS + 2 * checks + SCORE + next_width + 9;
        let name_width = width.saturating_sub(fixed).max(10);
        let header = format!(
            "{} {} {} {} {} {} {} {} {}",
            pad("", LEVEL),
            pad(lang.pick("氏名", "Name"), name_width),
            pad(lang.pick("シート", "Sheet"), state_width),
            pad_left(lang.pick("ｳｪｲﾄ", "Wt."), WEIGHT),
            pad_left(lang.pick("進捗", "Prog."), PROGRESS),
            pad_left(if checks >= 8 { lang.pick("自己評価", "Self") } else { lang.pick("自己", "Self") }, checks),
            pad_left("FB", checks),
            pad_left(lang.pick("評点", "Score"), SCORE),
            pad(lang.pick("次の対応", "Your next step"), next_width),
        );
        buf.set_line(area.x, area.y, &Line::styled(header, theme.header), area.width);
        if self.rows.is_empty() {
            let text = lang.pick("評価する職員はいません", "Nobody reports to you");
            buf.set_line(area.x, area.y + 1, &Line::styled(text, theme.dim), area.width);
            return;
        }
        let visible = self.rows.iter().enumerate().skip(self.offset).take(usize::from(area.height) - 1);
        for (line, (index, row)) in visible.enumerate() {
            let name = format!("{} {}", single_line(&row.name), single_line(&row.title));
            let weight = if row.goals == 0 { "-".to_owned() } else { format!("{}%", row.weight_total) };
            let next: Vec<&str> = row.next.iter().map(|s| step_label(*s, lang)).collect();
            let text = format!(
                "{} {} {} {} {} {} {} {} {}",
                pad(&row.level.to_string(), LEVEL),
                pad(&name, name_width),
                pad(state_label(row.state, lang), state_width),
                pad_left(&weight, WEIGHT),
                pad_left(&format!("{:.0}%", row.progress), PROGRESS),
                pad_left(&format!("{}/{}", row.self_checked, row.goals), checks),
                pad_left(&format!("{}/{}", row.feedback, row.goals), checks),
                pad_left(&row.score.map(|s| format!("{s:.2}")).unwrap_or_else(|| "-".into()), SCORE),
                pad(&next.join(", "), next_width),
            );
            let style = if row.goals > 0 && row.weight_total != 100 { theme.warning } else { theme.text };
            let mut drawn = Line::styled(text, style);
            if self.selected == Some(index) {
                drawn = drawn.patch_style(theme.selected);
            }
            buf.set_line(area.x, area.y + 1 + line as u16, &drawn, area.width);
        }
    }
}
