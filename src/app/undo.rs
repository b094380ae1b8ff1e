//! Undo of removals within a session: each removal from one's own sheet keeps the
//! edit that puts it back, and `u` runs the last one through the workspace like any
//! other command, so the policy (and a confirmed sheet's seal) still decide.

use super::App;
use crate::keys::Action;
use crate::messages::{Message, Reading};
use crate::model::command::Command;
use crate::model::edit::Edit;
use crate::model::undo::inverse;
use crate::view::text::{fit, single_line};
use crate::workspace::Workspace;

/// The longest name of a removed thing in a sentence, in cells.
const NAME_CELLS: usize = 30;

/// What puts a removal back, and what the user knows the removed thing as.
#[derive(Clone, Debug, PartialEq)]
pub struct Undo {
    pub command: Command,
    pub what: String,
}

/// The undo of `command` as the data is now, before it runs: only removals have one.
pub fn prepare(workspace: &Workspace, command: &Command) -> Option<Undo> {
    let Command::Sheet(edit) = command else { return None };
    let before = workspace.world.goals_file(&workspace.actor)?;
    let undo = inverse(before, edit)?;
    let what = name(match &undo {
        Edit::RestoreLog { entry, .. } => entry.text.get().map_or("", String::as_str),
        Edit::RestoreAction { item, .. } => &item.issue,
        Edit::RestoreGoal { goal, .. } => &goal.title,
        _ => "",
    });
    Some(Undo { command: Command::Sheet(undo), what })
}

/// A removed thing's name for a sentence: one line, cut to fit.
pub fn name(text: &str) -> String {
    fit(&single_line(text), NAME_CELLS).into_owned()
}

impl App {
    /// Keeps the undo of a removal that went through, and says how to use it.
    pub(super) fn removed(&mut self, undo: Undo) {
        let key = self.shared.key(Action::Undo);
        self.say(Reading::Removed { what: undo.what.clone(), key }.text(self.lang()));
        self.undo.push(undo);
    }

    /// Puts back the last removal of the session.
    pub(super) fn undo_last(&mut self) {
        let Some(undo) = self.undo.pop() else {
            return self.complain(Reading::NothingToUndo.text(self.lang()));
        };
        match self.shared.workspace.execute(undo.command) {
            Ok(changed) => {
                self.refresh(&changed);
                self.say(Reading::Undone { what: undo.what }.text(self.lang()));
            }
            Err(error) => self.complain(crate::messages::command_error(&error, self.lang())),
        }
    }
}
