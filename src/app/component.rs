//! A part of the screen that owns its state: each tab is one. The app routes
//! actions to the component in front and refreshes every component after a change.

use crate::model::hash::HashSet;

use ratatui::crossterm::event::KeyEvent;

use super::effect::Effect;
use super::list_filter::ListFilter;
use crate::keys::{Action, Keymap};
use crate::messages::Lang;
use crate::model::{PersonId, Problem};
use crate::view::Viewer;
use crate::workspace::{Changed, Workspace};

/// What every component reads and none owns: the data, who is looking, how.
pub struct Shared {
    pub workspace: Workspace,
    pub viewer: Viewer,
    pub lang: Lang,
    pub keymap: Keymap,
    /// Terminal size (columns, rows), kept up to date from resize events.
    pub size: (u16, u16),
    /// The cycle's alignment warnings but those about goals' links, which the
    /// world keeps: the Review tab shows them all ([`crate::view::alignment::every`]).
    pub alignment: Vec<Problem>,
    /// Goals the alignment warnings are about: the tree's `~` mark.
    pub flagged: HashSet<String>,
    /// Only the viewer's part of the data set is loaded yet: what counts people
    /// outside it (HR's overview, everyone's 1on1 figures) is not shown meanwhile.
    pub partial: bool,
}

/// Rows of chrome around a tab's body: top bar, tab bar, message line, key hints.
pub const CHROME_ROWS: u16 = 4;

impl Shared {
    /// Works out again what depends on the organisation or the goals.
    pub fn refresh(&mut self, changed: &Changed) {
        let world = &self.workspace.world;
        if changed.organisation() {
            self.viewer = Viewer::new(world, &self.workspace.actor, self.workspace.today);
        }
        if changed.organisation() || changed.goals() || changed.feedback() {
            let today = self.workspace.today;
            self.alignment = crate::view::alignment::warnings_but_links(world, today, self.partial);
            self.flagged = crate::view::alignment::goal_link_marks(world, today);
        }
    }

    /// Rows available to a tab's body at the current size.
    pub fn body_rows(&self) -> usize {
        usize::from(self.size.1.saturating_sub(CHROME_ROWS))
    }

    /// The shortest key of an action, for hints inside sentences ("n で追加").
    pub fn key(&self, action: Action) -> String {
        self.keymap.short_label(action)
    }
}

pub trait Component {
    /// Answers an action of the component's keymap context (or a global one it
    /// takes, such as moving the selection).
    fn handle(&mut self, action: Action, shared: &Shared) -> Vec<Effect>;

    /// Whether the action menu lists `action` (one of the component's context)
    /// for what is selected now.
    fn offers(&self, _action: Action, _shared: &Shared) -> bool {
        true
    }

    /// Works out again what shows data that changed.
    fn refresh(&mut self, shared: &Shared, changed: &Changed);

    /// Whose sheet texts the component shows now: they are read from disk first
    /// (the app leaves others' texts there until shown).
    fn texts_shown(&self, _shared: &Shared) -> Option<PersonId> {
        None
    }

    /// Works out again what it copied from texts of [`Component::texts_shown`]'s
    /// sheet when it made its view: they were just read from disk.
    fn texts_read(&mut self, _shared: &Shared) {}

    /// Takes a key before the keymap does: while text is typed into the `/` filter,
    /// and Esc on a kept one. `None` leaves the key to the keymap.
    fn capture(&mut self, key: &KeyEvent, shared: &Shared) -> Option<Vec<Effect>> {
        if self.filter_keys()?.capture(key)? {
            self.filter_changed(shared);
        }
        Some(Vec::new())
    }

    /// The component's `/` filter, for lists that have one.
    fn filter(&self) -> Option<&ListFilter> {
        None
    }

    /// The filter that keys go to first now, if any (a list may hand them to
    /// something else in front of it, such as an open sheet).
    fn filter_keys(&mut self) -> Option<&mut ListFilter> {
        None
    }

    /// Shows what the filter keeps after its text changed, from the first row.
    fn filter_changed(&mut self, _shared: &Shared) {}

    /// The first screen row of the component's list, for mouse clicks.
    fn first_row(&self) -> u16 {
        3
    }

    /// A click on the `row`th row of the component's list.
    fn click(&mut self, _row: usize, _shared: &Shared) {}

    /// A turn of the mouse wheel over screen row `row`; `false` leaves it to move
    /// the selection.
    fn wheel(&mut self, _row: u16, _down: bool, _shared: &Shared) -> bool {
        false
    }
}

/// Moves a selection in a list of `count` rows as a movement action says;
/// `false` for any other action.
pub fn move_selection(selected: &mut usize, count: usize, action: Action, page: usize) -> bool {
    let last = count.saturating_sub(1);
    *selected = match action {
        Action::Up => selected.saturating_sub(1),
        Action::Down => (*selected + 1).min(last),
        Action::PageUp => selected.saturating_sub(page),
        Action::PageDown => (*selected + page).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        _ => return false,
    };
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn movements_stay_inside_the_list() {
        let mut selected = 0;
        assert!(move_selection(&mut selected, 5, Action::Up, 3));
        assert_eq!(selected, 0);
        move_selection(&mut selected, 5, Action::PageDown, 3);
        assert_eq!(selected, 3);
        move_selection(&mut selected, 5, Action::PageDown, 3);
        assert_eq!(selected, 4);
        move_selection(&mut selected, 5, Action::Top, 3);
        assert_eq!(selected, 0);
        move_selection(&mut selected, 5, Action::Bottom, 3);
        assert_eq!(selected, 4);
        assert!(!move_selection(&mut selected, 5, Action::Help, 3));
        move_selection(&mut selected, 0, Action::Down, 3);
        assert_eq!(selected, 0, "an empty list keeps 0");
    }
}
