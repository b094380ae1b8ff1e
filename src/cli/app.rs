//! `pdca` with no subcommand: the terminal app.

use super::failure::Reason;
use super::{Result, Session, out};
use crate::app::App;
use crate::app::effect::Status;
use crate::config::DEFAULT_EDITOR;
use crate::keys::Keymap;
use crate::messages::{CliText, Message, Text};

pub fn run(session: &Session) -> Result<i32> {
    // Everything that can fail is checked before the terminal is taken over, so
    // errors print plainly.
    let mut first_run = None;
    if !session.store.exists() {
        // The fictional sample goes only into the user's own data folder: a folder
        // someone named is theirs to fill with `pdca init`.
        if session.named_data_dir {
            let path = session.store.root().display().to_string();
            return Err(CliText::NoDataSetHere { path }.into());
        }
        session.store.init_sample()?;
        let root = session.store.root().display().to_string();
        out::note(Text::FirstRunCopied { root: root.clone() }.text(session.lang))?;
        first_run = Some(root);
    }
    let keymap = keymap(session)?;
    let theme = session.theme()?;
    let workspace = session.workspace(None)?;
    let size = crossterm::terminal::size().unwrap_or((80, 24));
    let mut app = App::new(workspace, session.lang, keymap, size);
    app.start_background(session.config.sync_every, crate::app::background::LOOK_EVERY);
    if let Some(root) = first_run {
        app.status = Some(Status { text: Text::FirstRunCopied { root }.text(session.lang), is_error: false });
    }
    let editor = session.config.editor_command().unwrap_or_else(|| DEFAULT_EDITOR.to_owned());
    crate::tui::run(app, &theme, &editor).map_err(Reason::Terminal)?;
    Ok(0)
}

/// The keymap of the config's `[keys]`, refused when it names an unknown action
/// or binds a key to two actions active at once.
pub(super) fn keymap(session: &Session) -> Result<Keymap> {
    session.config.check_actions(&Keymap::action_names())?;
    let keymap = Keymap::new(&session.config.key_overrides());
    session.config.check_clashes(&keymap.clashes())?;
    Ok(keymap)
}
