//! `pdca` with no subcommand: the terminal app.

use anyhow::Result;

use super::Session;
use crate::app::keymap::Keymap;
use crate::app::workspace::Workspace;
use crate::app::{App, Status};
use crate::i18n::Lang;

pub fn run(session: &Session) -> Result<i32> {
    // Everything that can fail is checked before the terminal is taken over, so
    // errors print plainly.
    let mut first_run = None;
    if !session.store.exists() {
        session.store.init_sample()?;
        let root = session.store.root().display().to_string();
        eprintln!("No data set yet: copied the bundled sample to {root}");
        first_run = Some(root);
    }
    session.config.check_actions(&Keymap::action_names())?;
    let keymap = Keymap::new(&session.config.key_overrides());
    let theme = session.theme()?;
    let snapshot = session.store.load(None)?;
    let actor = session.actor(&snapshot.org)?.id.clone();
    let workspace = Workspace::from_snapshot(session.store.clone(), snapshot, actor, session.today)?;
    let size = crossterm::terminal::size().unwrap_or((80, 24));
    let mut app = App::new(workspace, session.lang, theme, keymap, size);
    if let Some(root) = first_run {
        let text = match session.lang {
            Lang::Ja => format!("初回起動のため、サンプルデータを {root} にコピーしました"),
            Lang::En => format!("First run: copied the bundled sample data to {root}"),
        };
        app.status = Some(Status { text, is_error: false });
    }
    let editor = session.config.editor.clone();
    crate::tui::run(app, editor)?;
    Ok(0)
}
