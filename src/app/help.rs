//! The `?` help: its entries, built when it opens — the keys of what was in front,
//! of forms and of everywhere under headings, then a legend of the marks and
//! colours — and its keys: scroll, close, and a filter typed after `/`, which
//! picks the entries shown.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::App;
use super::effect::Popup;
use crate::keys::{Action, Context};
use crate::messages::{InstrumentText, Lang, Message, Text};
use crate::view::search;

/// A heading with its entries.
#[derive(Clone, Debug, PartialEq)]
pub struct HelpSection {
    pub heading: String,
    pub entries: Vec<HelpEntry>,
}

/// One row of the help before wrapping: what to press (or the mark shown), how
/// that is drawn, and what it means.
#[derive(Clone, Debug, PartialEq)]
pub struct HelpEntry {
    pub key: String,
    pub look: Look,
    pub text: String,
}

/// How an entry's key is drawn: as a key, or as the mark or colour it explains.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Look {
    Key,
    Warning,
    Text,
    Pending,
    Declined,
    BarDone,
    BarOnTrack,
    BarBehind,
    BarEmpty,
}

impl Look {
    /// A colour sample: its key (`####`) is drawn only without colours, the colour
    /// being the sample otherwise.
    pub fn is_sample(self) -> bool {
        matches!(self, Look::BarDone | Look::BarOnTrack | Look::BarBehind | Look::BarEmpty)
    }
}

impl App {
    /// Opens the help on the keys of what is in front now.
    pub(super) fn open_help(&mut self) {
        let sections = self.help_sections();
        // Without a filter every entry shows, and a heading with none does not.
        let shown = matching(&sections, "");
        self.popups.push(Popup::Help { scroll: 0, filter: String::new(), typing: false, sections, shown });
    }

    /// Headings with their entries: the keys of what is in front (a view over the
    /// tab with keys of its own, such as 能力評価, else the tab), everywhere's,
    /// forms', the popups', then the legend.
    fn help_sections(&self) -> Vec<HelpSection> {
        let (lang, keymap) = (self.lang(), &self.shared.keymap);
        let keys = |context: Context| -> Vec<HelpEntry> {
            keymap
                .actions_for(context)
                .into_iter()
                .filter(|action| action.context() == context)
                .map(|action| HelpEntry { key: keymap.label(action), look: Look::Key, text: action.text(lang) })
                .collect()
        };
        let popups =
            [Context::Menu, Context::Confirm, Context::Help, Context::Detail].into_iter().flat_map(keys).collect();
        let section = |heading: Text, entries| HelpSection { heading: heading.text(lang), entries };
        vec![
            section(Text::HelpThisTab { view: self.tab.label().text(lang) }, keys(self.context())),
            section(Text::HelpEverywhere, keys(Context::Global)),
            section(Text::HelpForms, keys(Context::Form)),
            section(Text::HelpPopups, popups),
            section(Text::HelpLegend, legend(lang)),
        ]
    }

    pub(super) fn handle_help_key(&mut self, key: KeyEvent) {
        let action = self.shared.keymap.action(Context::Help, &key);
        let Some(Popup::Help { scroll, filter, typing, sections, shown }) = self.popups.last_mut() else { return };
        if *typing {
            // Enter keeps the filter and gives the keys back; Esc drops it.
            match key.code {
                KeyCode::Enter => *typing = false,
                KeyCode::Esc => {
                    filter.clear();
                    *typing = false;
                }
                KeyCode::Backspace => {
                    filter.pop();
                }
                KeyCode::Char(c) => filter.push(c),
                _ => return,
            }
            *shown = matching(sections, filter);
            *scroll = 0;
            return;
        }
        match action {
            Some(Action::CloseHelp) => {
                self.popups.pop();
            }
            Some(Action::ScrollDown) => *scroll += 1,
            Some(Action::ScrollUp) => *scroll = scroll.saturating_sub(1),
            Some(Action::HelpFilter) => *typing = true,
            _ => {}
        }
    }
}

/// Every mark and colour the screens use.
fn legend(lang: Lang) -> Vec<HelpEntry> {
    let mark = |key: &str, look: Look, text: Text| HelpEntry { key: key.to_owned(), look, text: text.text(lang) };
    vec![
        mark("!", Look::Warning, Text::LegendOverdue),
        mark("?", Look::Warning, Text::LegendNoSelfCheck),
        mark("~", Look::Warning, Text::LegendAlignment),
        mark("+ / -", Look::Text, Text::LegendFolded),
        mark(&format!("[{}]", Text::NotYetSet.text(lang)), Look::Pending, Text::LegendPending),
        mark(&format!("[{}]", Text::Declined.text(lang)), Look::Declined, Text::LegendDeclined),
        mark(&format!("[{}]", InstrumentText::Measured.text(lang)), Look::Text, Text::LegendMeasured),
        mark(&Text::LegendProposalKey.text(lang), Look::Pending, Text::LegendProposal),
        mark(&Text::LegendCarryKey.text(lang), Look::Pending, Text::LegendCarry),
        mark("v", Look::Text, Text::LegendSelfChecked),
        mark("-", Look::Text, Text::LegendNoApproved),
        mark("[x] / [ ]", Look::Text, Text::LegendDone),
        mark("####", Look::BarDone, Text::LegendBarDone),
        mark("####", Look::BarOnTrack, Text::LegendBarOnTrack),
        mark("####", Look::BarBehind, Text::LegendBarBehind),
        mark("----", Look::BarEmpty, Text::LegendBarEmpty),
    ]
}

/// The sections with only their entries that contain `filter` (folded as every
/// list's filter is); sections left empty go. A colour sample is found by its text.
fn matching(sections: &[HelpSection], filter: &str) -> Vec<HelpSection> {
    let needle = search::fold(filter);
    let matches = |entry: &HelpEntry| {
        let key = if entry.look.is_sample() { "" } else { entry.key.as_str() };
        search::contains(&format!("{key} {}", entry.text), &needle)
    };
    sections
        .iter()
        .map(|section| HelpSection {
            heading: section.heading.clone(),
            entries: section.entries.iter().filter(|entry| matches(entry)).cloned().collect(),
        })
        .filter(|section| !section.entries.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_folds_case_full_width_and_kana_as_every_list_does() {
        let entry = HelpEntry { key: "j".into(), look: Look::Key, text: "下へスクロール".into() };
        let sections = vec![HelpSection { heading: "Keys".into(), entries: vec![entry] }];
        assert_eq!(matching(&sections, "すくろーる"), sections, "hiragana finds katakana");
        assert_eq!(matching(&sections, "ｽｸﾛｰﾙ"), sections, "half-width kana too");
        assert_eq!(matching(&sections, "Ｊ"), sections, "full-width letters and case");
    }

    #[test]
    fn the_filter_keeps_the_matching_entries_and_their_headings_only() {
        let entry = |key: &str, look, text: &str| HelpEntry { key: key.into(), look, text: text.into() };
        let sections = vec![
            HelpSection {
                heading: "Keys".into(),
                entries: vec![entry("n", Look::Key, "new goal"), entry("d", Look::Key, "delete")],
            },
            HelpSection { heading: "Legend".into(), entries: vec![entry("####", Look::BarDone, "progress bar: done")] },
        ];
        let shown = matching(&sections, "ＮＥＷ");
        assert_eq!(shown, [HelpSection { heading: "Keys".into(), entries: vec![entry("n", Look::Key, "new goal")] }]);
        assert_eq!(matching(&sections, "done").len(), 1);
        assert!(matching(&sections, "#").is_empty(), "a colour sample is found by its words");
        assert_eq!(matching(&sections, ""), sections);
        let empty = HelpSection { heading: "Nothing".into(), entries: Vec::new() };
        assert!(matching(&[empty], "").is_empty(), "a heading without entries is left out");
    }
}
