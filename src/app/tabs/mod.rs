//! The tabs: each is a component in a module of its own. Adding a tab is a new
//! module here, one line in [`tabs!`] below, and its drawing in `ui::tabs`.

pub mod contribution;
pub mod meetings;
pub mod mine;
pub mod people;
pub mod review;
pub mod tree;

use super::component::{Component, Shared};
use crate::keys::Context;
use crate::messages::{Lang, Message, Text};
use crate::view::text::width as text_width;

macro_rules! tabs {
    ($( $tab:ident => $module:ident :: $component:ident, $label:ident; )*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Tab { $($tab),* }

        impl Tab {
            pub const ALL: &'static [Tab] = &[$(Tab::$tab),*];

            /// The keymap context of the tab's own keys.
            pub fn context(self) -> Context {
                match self { $(Tab::$tab => Context::$tab),* }
            }

            pub fn label(self) -> Text {
                match self { $(Tab::$tab => Text::$label),* }
            }
        }

        /// Every tab's component.
        pub struct Tabs {
            $(pub $module: $module::$component),*
        }

        impl Tabs {
            pub fn new(shared: &Shared) -> Tabs {
                Tabs { $($module: $module::$component::new(shared)),* }
            }

            pub fn get(&self, tab: Tab) -> &dyn Component {
                match tab { $(Tab::$tab => &self.$module),* }
            }

            pub fn get_mut(&mut self, tab: Tab) -> &mut dyn Component {
                match tab { $(Tab::$tab => &mut self.$module),* }
            }
        }
    };
}

tabs! {
    Tree => tree::TreeTab, TabTree;
    Mine => mine::MineTab, TabMine;
    Review => review::ReviewTab, TabReview;
    Contribution => contribution::ContributionTab, TabContribution;
    People => people::PeopleTab, TabPeople;
    Meetings => meetings::MeetingsTab, TabMeetings;
}

/// Each tab's label (" 1 目標体系 ") and the columns it spans on a tab bar `width`
/// wide: shared by drawing and mouse clicks. When the labels do not all fit, the
/// tabs other than `selected` show their number alone (" 2 "), so that every tab
/// stays reachable and the open one is still named.
pub fn tab_spans(lang: Lang, width: u16, selected: Tab) -> Vec<(Tab, String, u16, u16)> {
    let full = |index: usize, tab: Tab| format!(" {} {} ", index + 1, tab.label().text(lang));
    let all_fit = Tab::ALL.iter().enumerate().map(|(index, &tab)| text_width(&full(index, tab))).sum::<usize>()
        <= usize::from(width);
    let mut x = 0;
    Tab::ALL
        .iter()
        .enumerate()
        .map(|(index, &tab)| {
            let label = if all_fit || tab == selected { full(index, tab) } else { format!(" {} ", index + 1) };
            let start = x;
            x += text_width(&label) as u16;
            (tab, label, start, x)
        })
        .collect()
}

/// The tab whose label spans `column` of the tab bar.
pub fn tab_at(lang: Lang, width: u16, selected: Tab, column: u16) -> Option<Tab> {
    tab_spans(lang, width, selected)
        .into_iter()
        .find(|(_, _, start, end)| (*start..*end).contains(&column))
        .map(|(tab, ..)| tab)
}
