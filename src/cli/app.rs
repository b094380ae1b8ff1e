//! `pdca` with no subcommand: the terminal app.

use super::failure::Reason;
use super::{Result, Session, out};
use crate::app::App;
use crate::app::effect::Status;
use crate::app::picker::{PersonPicker, Picked};
use crate::config::DEFAULT_EDITOR;
use crate::keys::Keymap;
use crate::messages::{CliText, Message, PickerText, Text};
use crate::model::Org;
use crate::model::identity::{IdentityHints, identify};
use crate::state::{self, StateError};
use crate::store::part::{PartLoad, PendingCache};
use crate::view::picker::picker_rows;
use crate::view::text::single_line;
use crate::workspace::Workspace;

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
    // The first frame needs only the viewer's part; the rest loads behind it.
    let load_began = std::time::SystemTime::now();
    let PartLoad { snapshot, whole, cache } = load(session, &theme)?;
    let cache = CacheAfterFirstFrame::new(cache);
    let size = crossterm::terminal::size().unwrap_or((80, 24));
    let mut status = first_run.map(|root| Text::FirstRunCopied { root }.text(session.lang));
    let actor = match session.actor(&snapshot.info, &snapshot.org) {
        Ok(person) => person.id,
        Err(_) if session.may_pick(&snapshot.info) => {
            let rows = picker_rows(&snapshot.org, &snapshot.data);
            let mut picker = PersonPicker::new(rows, keymap.clone(), session.lang, size);
            crate::tui::pick(&mut picker, &theme).map_err(Reason::Terminal)?;
            let Some(Picked::Person(id)) = picker.outcome else { return Ok(0) };
            status = Some(remember(session, &snapshot.org, &id));
            id.into()
        }
        Err(failure) => return Err(failure),
    };
    let store = session.store.clone().leaving_texts_on_disk();
    let workspace = Workspace::from_snapshot(store, snapshot, actor, session.today)?;
    let mut app = if whole {
        App::new(workspace, session.lang, keymap, size)
    } else {
        App::on_part(workspace, session.lang, keymap, size)
    };
    // The watch starts before the rest loads: a file changed while it loads is then
    // reported, and looked at again once the load is in.
    let sync_every = session.config.sync_every;
    let drawn = cache.drawn();
    app.after_drawn(move |app| {
        drawn();
        // Not before: giving pages back as the first frame's load frees them made
        // it 20 ms slower at 20,000 people, and the peak comes with the whole load.
        crate::store::pages::give_back_at_once();
        app.start_background(sync_every, crate::app::background::LOOK_EVERY, load_began)
    });
    if !whole {
        app.load_rest();
    }
    app.status = status.map(|text| Status { text, is_error: false });
    let editor = session.config.editor_command().unwrap_or_else(|| DEFAULT_EDITOR.to_owned());
    crate::tui::run(app, &theme, &editor).map_err(Reason::Terminal)?;
    Ok(0)
}

/// What the load parsed, written to the parse cache on a thread of its own once the
/// first frame is drawn (or the app ends before one is), and whole before the
/// program ends: a torn write would leave its temporary file in the cache folder.
struct CacheAfterFirstFrame {
    drawn: Option<std::sync::mpsc::Sender<()>>,
    writing: Option<std::thread::JoinHandle<()>>,
}

impl CacheAfterFirstFrame {
    fn new(cache: PendingCache) -> CacheAfterFirstFrame {
        let (drawn, first_frame) = std::sync::mpsc::channel();
        let writing = std::thread::spawn(move || {
            // A frame was drawn, or every sender is gone: the app has ended.
            let _ = first_frame.recv();
            crate::app::loading::hold_for_test("PDCA_TEST_CACHE_GATE");
            cache.write();
        });
        CacheAfterFirstFrame { drawn: Some(drawn), writing: Some(writing) }
    }

    /// What the app calls once its first frame is on screen.
    fn drawn(&self) -> impl FnOnce() + 'static {
        let drawn = self.drawn.clone();
        move || {
            let _ = drawn.map(|drawn| drawn.send(()));
        }
    }
}

impl Drop for CacheAfterFirstFrame {
    fn drop(&mut self) {
        self.drawn = None;
        if let Some(writing) = self.writing.take() {
            let _ = writing.join();
        }
    }
}

/// How long a load may take before the screen says how far it has got.
const QUIET_LOAD: std::time::Duration = std::time::Duration::from_millis(200);

/// Loads the viewer's part of the data set (all of it when the viewer is not known
/// yet: the person picker shows everyone), and whether that was all; a load that
/// takes longer than [`QUIET_LOAD`] (org.toml at 20,000 people) shows how many
/// files are read meanwhile. The terminal is given back before an error is
/// returned, so errors still print plainly.
fn load(session: &Session, theme: &crate::theme::Theme) -> Result<PartLoad> {
    let progress = std::sync::Arc::new(crate::store::LoadProgress::default());
    // The app leaves the texts of sheets on disk until it shows them (see `app::shown`).
    let store = session.store.clone().leaving_texts_on_disk().with_progress(progress.clone());
    let (sender, loaded) = std::sync::mpsc::channel();
    // Who the viewer is, as `Session::actor` finds out (which records an
    // administrator's acting once the load is in).
    let (as_id, config_me) = (session.as_person.clone(), session.config.me.clone());
    let (remembered, os_user) = (session.remembered_person(), whoami::username().ok());
    let viewer = move |info: &crate::model::DataSetInfo, org: &Org| {
        let hints = IdentityHints {
            as_id: as_id.as_deref(),
            config_me: config_me.as_deref(),
            remembered: remembered.as_deref(),
            os_user: os_user.as_deref(),
        };
        identify(org, info.identity_mode(), hints).ok().map(|identity| identity.actor.id)
    };
    std::thread::scope(|scope| {
        scope.spawn(move || {
            // The receiver is gone only when drawing failed, and that error is the one reported.
            let _ = sender.send(store.load_part(None, viewer));
        });
        let snapshot = match loaded.recv_timeout(QUIET_LOAD) {
            Ok(snapshot) => snapshot,
            Err(_) => crate::tui::show_loading(&progress, &loaded, theme, session.lang).map_err(Reason::Terminal)?,
        };
        Ok(snapshot?)
    })
}

/// The keymap of the config's `[keys]`, refused when it names an unknown action
/// or binds a key to two actions active at once.
pub(super) fn keymap(session: &Session) -> Result<Keymap> {
    session.config.check_actions(&Keymap::action_names())?;
    let keymap = Keymap::new(&session.config.key_overrides());
    session.config.check_clashes(&keymap.clashes())?;
    Ok(keymap)
}

/// Keeps the picker's choice in the user's config folder and says so; a choice that
/// cannot be kept is only asked for again next time.
fn remember(session: &Session, org: &Org, id: &str) -> String {
    let name = org.people.iter().find(|p| p.id == id).map(|p| single_line(&p.name).into_owned()).unwrap_or_default();
    let kept = session.config.dir.as_deref().map(|dir| state::remember_person(dir, session.store.root(), id));
    match kept {
        Some(Ok(path)) => PickerText::Chosen { name, path: path.display().to_string() }.text(session.lang),
        Some(Err(StateError::Unreadable { path, location, kind })) => {
            let at = location.map(|at| format!(":{at}")).unwrap_or_default();
            let place = single_line(&format!("{}{at}", path.display())).into_owned();
            let reason = single_line(&crate::messages::problem(&kind, session.lang)).into_owned();
            PickerText::NotKeptUnreadable { name, place, reason }.text(session.lang)
        }
        Some(Err(StateError::Io(_))) | None => PickerText::NotKept { name }.text(session.lang),
    }
}
