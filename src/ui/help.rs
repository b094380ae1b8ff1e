//! The `?` help: the keys of this tab, of forms and of everywhere under headings,
//! then a legend of the marks and colours, filtered by what was typed after `/`,
//! descriptions wrapped to the width, scrolled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::text::{pad, width};
use crate::app::App;
use crate::keys::{Action, Context, fold_full_width};
use crate::messages::{Lang, Message, Text};
use crate::theme::Theme;

/// Cells of the key column.
const KEY_COLUMN: usize = 16;
/// The widest the popup gets: wider lines are hard to read.
const MAX_WIDTH: u16 = 100;

/// One row of the help before wrapping: what to press (or the mark shown), and
/// what it means.
struct Entry {
    key: String,
    key_style: Style,
    text: String,
}

pub fn draw(app: &App, scroll: usize, filter: &str, typing: bool, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lang = app.lang();
    let popup = super::popups::centred(area, area.width.min(MAX_WIDTH), area.height.saturating_sub(2));
    frame.render_widget(Clear, popup);
    let title = Text::HelpTitle { view: app.tab.label().text(lang) }.text(lang);
    let block = Block::bordered().title(title).border_style(theme.border_focus).style(theme.popup);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    if inner.height < 2 {
        return;
    }
    let mut lines = Vec::new();
    if typing || !filter.is_empty() {
        let cursor = if typing { "_" } else { "" };
        lines.push(Line::styled(format!("/ {filter}{cursor}"), theme.key));
    }
    let needle = folded(filter);
    let mut shown = 0;
    for (heading, entries) in sections(app, theme) {
        let entries: Vec<&Entry> = entries
            .iter()
            .filter(|e| needle.is_empty() || folded(&format!("{} {}", e.key, e.text)).contains(&needle))
            .collect();
        if entries.is_empty() {
            continue;
        }
        shown += entries.len();
        lines.push(Line::styled(heading, theme.header));
        for entry in entries {
            lines.extend(entry_lines(entry, usize::from(inner.width), theme));
        }
    }
    if shown == 0 {
        lines.push(Line::styled(Text::HelpNoMatch.text(lang), theme.dim));
    }
    let rows = usize::from(inner.height - 1);
    let scroll = scroll.min(lines.len().saturating_sub(rows));
    let body = Rect { height: inner.height - 1, ..inner };
    frame.render_widget(Paragraph::new(lines.into_iter().skip(scroll).take(rows).collect::<Vec<_>>()), body);
    let keymap = &app.shared.keymap;
    let footer = Text::HelpFooter {
        down: keymap.letter_label(Action::ScrollDown),
        up: keymap.letter_label(Action::ScrollUp),
        filter: keymap.short_label(Action::HelpFilter),
        close: keymap.short_label(Action::CloseHelp),
    };
    let footer_area = Rect::new(inner.x, inner.bottom() - 1, inner.width, 1);
    frame.render_widget(Paragraph::new(footer.text(lang)).style(theme.dim), footer_area);
}

/// Headings with their entries: this tab's keys, forms', everywhere's, the
/// popups', then the legend.
fn sections(app: &App, theme: &Theme) -> Vec<(String, Vec<Entry>)> {
    let (lang, keymap) = (app.lang(), &app.shared.keymap);
    let keys = |context: Context| -> Vec<Entry> {
        keymap
            .actions_for(context)
            .into_iter()
            .filter(|action| action.context() == context)
            .map(|action| Entry { key: keymap.label(action), key_style: theme.key, text: action.text(lang) })
            .collect()
    };
    // Under a view with keys of its own (能力評価, calibration) those keys come first.
    let tab = app.view_context();
    let popups = [Context::Menu, Context::Confirm, Context::Help, Context::Detail].into_iter().flat_map(keys).collect();
    vec![
        (Text::HelpThisTab { view: app.tab.label().text(lang) }.text(lang), keys(tab)),
        (Text::HelpEverywhere.text(lang), keys(Context::Global)),
        (Text::HelpForms.text(lang), keys(Context::Form)),
        (Text::HelpPopups.text(lang), popups),
        (Text::HelpLegend.text(lang), legend(lang, theme)),
    ]
}

/// Every mark and colour the screens use, as drawn.
fn legend(lang: Lang, theme: &Theme) -> Vec<Entry> {
    let mark =
        |key: &str, style: Style, text: Text| Entry { key: key.to_owned(), key_style: style, text: text.text(lang) };
    let bar = |style: Style, plain: &str, text: Text| {
        let key = if theme.plain { plain.to_owned() } else { "    ".to_owned() };
        mark(&key, style, text)
    };
    vec![
        mark("!", theme.warning, Text::LegendOverdue),
        mark("?", theme.warning, Text::LegendNoSelfCheck),
        mark("~", theme.warning, Text::LegendAlignment),
        mark("+ / -", theme.text, Text::LegendFolded),
        mark(&format!("[{}]", Text::NotYetSet.text(lang)), theme.pending, Text::LegendPending),
        mark(&format!("[{}]", Text::Declined.text(lang)), theme.declined, Text::LegendDeclined),
        mark("v", theme.text, Text::LegendSelfChecked),
        mark("[x] / [ ]", theme.text, Text::LegendDone),
        bar(theme.done, "####", Text::LegendBarDone),
        bar(theme.on_track, "####", Text::LegendBarOnTrack),
        bar(theme.behind, "####", Text::LegendBarBehind),
        bar(theme.bar_empty, "----", Text::LegendBarEmpty),
    ]
}

/// An entry as lines of at most `cells` cells: the key, then its text wrapped
/// under itself.
fn entry_lines(entry: &Entry, cells: usize, theme: &Theme) -> Vec<Line<'static>> {
    let room = cells.saturating_sub(KEY_COLUMN).max(8);
    wrap(&entry.text, room)
        .into_iter()
        .enumerate()
        .map(|(index, part)| {
            let key = if index == 0 { entry.key.clone() } else { String::new() };
            // The key's own style covers the key only (a colour sample is its cells).
            Line::from(vec![
                Span::styled(key.clone(), entry.key_style),
                Span::raw(pad("", KEY_COLUMN.saturating_sub(width(&key)))),
                Span::styled(part, theme.key_desc),
            ])
        })
        .collect()
}

/// `text` in pieces of at most `cells` cells, broken at spaces where there are
/// any, else between characters (Japanese).
fn wrap(text: &str, cells: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_inclusive(' ') {
        let last = lines.last_mut().expect("one line at least");
        if width(last) + width(word.trim_end()) <= cells {
            last.push_str(word);
            continue;
        }
        if !last.is_empty() && width(word.trim_end()) <= cells {
            lines.push(word.to_owned());
            continue;
        }
        for c in word.chars() {
            let last = lines.last_mut().expect("one line at least");
            if width(last) + width(&c.to_string()) > cells && !last.is_empty() {
                lines.push(String::new());
            }
            lines.last_mut().expect("one line at least").push(c);
        }
    }
    lines.into_iter().map(|line| line.trim_end().to_owned()).collect()
}

/// Lower case, full-width folded: what the filter compares.
fn folded(text: &str) -> String {
    text.chars().map(fold_full_width).flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_breaks_at_spaces_or_between_wide_characters_within_the_width() {
        assert_eq!(wrap("toggle action item done", 12), vec!["toggle", "action item", "done"]);
        assert_eq!(wrap("外部エディタで計画を編集", 10), vec!["外部エディ", "タで計画を", "編集"]);
        assert_eq!(wrap("short", 10), vec!["short"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
    }

    #[test]
    fn the_filter_folds_case_and_full_width() {
        assert!(folded("Ｎｅｗ Goal").contains(&folded("new")));
    }
}
