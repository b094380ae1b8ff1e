//! Work the app does off the drawing thread: a sync (on its key, or every
//! `sync_every`), finding out the sync state for the top bar, and noticing files
//! changed on disk — by a sync or by someone saving into a shared folder — which are
//! then reloaded, an open form keeping its text.
//!
//! Each piece of work runs on a thread of its own and reports back through one
//! channel; the event loop calls [`App::tick`] between key presses to take the
//! reports in, so the app keeps drawing and answering keys all the while.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant, SystemTime};

use super::App;
use super::effect::Status;
use crate::keys::Action;
use crate::messages::sync::{self as words, SyncText};
use crate::messages::{self, Message};
use crate::model::Hierarchy;
use crate::store::Watcher;
use crate::sync::{self, Outcome, SyncError, SyncOptions, SyncReport, SyncState};

/// How often files are looked at when no file event comes (network drives).
pub const LOOK_EVERY: Duration = Duration::from_secs(3);

/// A report from a background thread.
enum Note {
    Synced {
        report: Result<SyncReport, SyncError>,
        automatic: bool,
    },
    /// The sync state asked for as number `asked`; `None` when the data set is not a
    /// git work tree (or git cannot be run).
    State {
        asked: u64,
        state: Option<SyncState>,
    },
    FilesChanged(Vec<PathBuf>),
}

pub struct Background {
    sender: Sender<Note>,
    receiver: Receiver<Note>,
    /// When the running sync started, and whether it was the interval's.
    syncing: Option<(Instant, bool)>,
    /// What the top bar shows; `None` outside a git work tree.
    pub state: Option<SyncState>,
    pub(super) states_asked: u64,
    every: Option<Duration>,
    next_sync: Option<Instant>,
    watcher: Option<Watcher>,
    /// Files that changed on disk while a sync ran, reloaded when it has ended.
    changed_while_syncing: Vec<PathBuf>,
}

impl Default for Background {
    fn default() -> Background {
        let (sender, receiver) = mpsc::channel();
        Background {
            sender,
            receiver,
            syncing: None,
            state: None,
            states_asked: 0,
            every: None,
            next_sync: None,
            watcher: None,
            changed_while_syncing: Vec::new(),
        }
    }
}

impl App {
    /// Starts watching the data set's files (with a look every `look_every` for
    /// network drives), finds out the sync state, and syncs every `sync_every` when
    /// given and the data set is a git work tree. `load_began`: when the load of
    /// what the app shows began; files written since are looked at once.
    pub fn start_background(&mut self, sync_every: Option<Duration>, look_every: Duration, load_began: SystemTime) {
        let workspace = &self.shared.workspace;
        let sender = self.background.sender.clone();
        let watcher = workspace.store.watch(&workspace.world.data.cycle.id, look_every, move |paths| {
            let _ = sender.send(Note::FilesChanged(paths));
        });
        // The watch reports changes after its first look; a file written between the
        // load and that look is looked at now (the content decides, so a file the
        // load read as it is costs one read).
        let written = watcher.written_since(load_began);
        self.background.watcher = Some(watcher);
        self.background.every = sync_every;
        self.background.next_sync = sync_every.map(|every| Instant::now() + every);
        self.ask_sync_state();
        if !written.is_empty() {
            self.files_changed(&written);
        }
    }

    /// Takes in what the background threads reported and starts the interval's
    /// sync when it is due; true when the screen must be drawn again.
    pub fn tick(&mut self) -> bool {
        let mut redraw = self.take_loaded() || self.loading().is_some();
        while let Ok(note) = self.background.receiver.try_recv() {
            redraw = true;
            match note {
                Note::Synced { report, automatic } => self.synced(report, automatic),
                Note::State { asked, state } if asked == self.background.states_asked => self.background.state = state,
                Note::State { .. } => {}
                Note::FilesChanged(paths) => self.files_changed(&paths),
            }
        }
        let background = &self.background;
        let due = background.next_sync.is_some_and(|next| Instant::now() >= next);
        if due && background.syncing.is_none() && background.state.is_some() {
            self.start_sync(true);
            redraw = true;
        }
        if let Some((started, false)) = self.background.syncing {
            let text = SyncText::Syncing { seconds: started.elapsed().as_secs() }.text(self.lang());
            if self.status.as_ref().is_none_or(|status| status.text != text) {
                self.say(text);
                redraw = true;
            }
        }
        if redraw {
            // A load or a reload leaves others' texts on disk again.
            self.read_shown_texts();
        }
        redraw
    }

    /// Waits for a running sync to end (the app quitting), so that its git commands
    /// are not left half-way; the screen says so meanwhile.
    pub fn wait_for_sync(&mut self) {
        while self.background.syncing.is_some() {
            match self.background.receiver.recv() {
                Ok(Note::Synced { report, automatic }) => self.synced(report, automatic),
                Ok(_) => {}
                Err(_) => return,
            }
        }
    }

    pub fn is_syncing(&self) -> bool {
        self.background.syncing.is_some()
    }

    /// What the top bar says about syncing; `None` outside a git work tree.
    pub fn sync_label(&self) -> Option<String> {
        let lang = self.lang();
        if self.background.syncing.is_some() {
            return Some(SyncText::SyncingShort.text(lang));
        }
        let state = words::state_label(self.background.state.as_ref()?, lang);
        Some(SyncText::TopBar { state, key: self.shared.keymap.short_label(Action::Sync) }.text(lang))
    }

    /// Starts a sync on a thread of its own; the status line follows it.
    pub(super) fn start_sync(&mut self, automatic: bool) {
        if self.background.syncing.is_some() {
            return self.say(SyncText::AlreadySyncing.text(self.lang()));
        }
        self.background.syncing = Some((Instant::now(), automatic));
        if !automatic {
            self.say(SyncText::Syncing { seconds: 0 }.text(self.lang()));
        }
        let workspace = &self.shared.workspace;
        let root = workspace.store.root().to_path_buf();
        let org = workspace.world.org.clone();
        let Some(actor) = workspace.me().cloned() else { return };
        // The app never lets git ask for a password: it would land in the middle of the screen.
        let options = SyncOptions { interactive: false, lang: self.lang() };
        let sender = self.background.sender.clone();
        std::thread::spawn(move || {
            let report = sync::run(&root, &org, &actor, options);
            let _ = sender.send(Note::Synced { report, automatic });
        });
    }

    fn synced(&mut self, report: Result<SyncReport, SyncError>, automatic: bool) {
        let began = self.background.syncing.take().map(|(started, _)| started);
        self.background.next_sync = self.background.every.map(|every| Instant::now() + every);
        let lang = self.lang();
        let said = match report {
            Ok(report) => {
                let trouble = matches!(report.outcome, Outcome::Refused { .. } | Outcome::Conflict { .. });
                // The interval's syncs speak only when something came in or went wrong;
                // the top bar shows the rest.
                let speak = !automatic || trouble || !report.incoming.is_empty();
                if speak {
                    self.status = Some(Status { text: words::report_status(&report, lang), is_error: trouble });
                }
                speak
            }
            // The top bar shows what it can; an error the user did not ask for waits for their key.
            Err(_) if automatic => false,
            Err(error) => {
                self.complain(words::sync_error(&error, lang));
                true
            }
        };
        // What the sync brought in is on disk now: reload it at once, the sync's own
        // report (which says what came in) staying on the status line.
        let mut paths = std::mem::take(&mut self.background.changed_while_syncing);
        if let Some(watcher) = &self.background.watcher {
            paths.extend(watcher.look_now());
            // And what the watcher's own look took in as the sync ended: its report
            // comes after this one and would find nothing left to reload.
            if let Some(began) = began.and_then(|began| SystemTime::now().checked_sub(began.elapsed())) {
                paths.extend(watcher.written_since(began));
            }
        }
        paths.sort();
        paths.dedup();
        // The state is asked once, whether or not anything was reloaded.
        self.reload_changed(&paths, !said);
        self.ask_sync_state();
    }

    /// Reloads the data set when any of `paths` holds something else than was loaded;
    /// an open form keeps its text, and the status line says so.
    fn files_changed(&mut self, paths: &[PathBuf]) {
        if self.background.syncing.is_some() {
            // Half-way through a sync, files are in flux; the sync's end reloads them.
            return self.background.changed_while_syncing.extend_from_slice(paths);
        }
        if self.reload_changed(paths, true) {
            self.ask_sync_state();
        }
    }

    /// Reloads the data set if any of `paths` changed; `tell`: say so on the status
    /// line (an open form's text being kept is always said). While the rest of the
    /// data set loads, the paths wait for it; after that load failed, it starts
    /// again. True when it reloaded or started the load again: the sync state may
    /// then be another, and the caller asks for it.
    pub(super) fn reload_changed(&mut self, paths: &[PathBuf], tell: bool) -> bool {
        let changed = self.shared.workspace.changed_on_disk(paths);
        if changed.is_empty() {
            return false;
        }
        match &mut self.loading {
            // The load under way may have read the file before it changed: looked at
            // again once it is in (starting it again could never end in a busy folder).
            Some(loading) if loading.failed.is_none() => {
                loading.changed.extend(changed);
                return false;
            }
            Some(_) => {
                self.load_rest();
                return true;
            }
            None => {}
        }
        let lang = self.lang();
        if let Err(error) = self.shared.workspace.reload() {
            self.complain(SyncText::ReloadFailed { error: messages::store_error(&error, lang) }.text(lang));
            return false;
        }
        self.refresh(&crate::workspace::Changed::everything());
        let files = changed.iter().map(|path| path.display().to_string()).collect::<Vec<_>>().join(", ");
        let own = self.shared.workspace.own_files();
        if self.has_unsaved_text() && changed.iter().any(|path| own.contains(path)) {
            self.complain(SyncText::ReloadedFormKept { files }.text(lang));
        } else if tell {
            self.say(SyncText::Reloaded { files }.text(lang));
        }
        true
    }

    /// Finds out the sync state on a thread of its own (git is run for it); the
    /// newest answer wins.
    pub(super) fn ask_sync_state(&mut self) {
        if self.background.watcher.is_none() {
            // Not started: the app of the tests, which never syncs.
            return;
        }
        self.background.states_asked += 1;
        let asked = self.background.states_asked;
        let root = self.shared.workspace.store.root().to_path_buf();
        let org = self.shared.workspace.world.org.clone();
        let actor = self.shared.workspace.actor;
        let sender = self.background.sender.clone();
        std::thread::spawn(move || {
            let state = sync::status(&root, &Hierarchy::new(&org), &actor).ok();
            let _ = sender.send(Note::State { asked, state });
        });
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;

    #[test]
    fn a_file_written_after_the_load_began_and_before_the_watch_began_is_taken_in() {
        let load_began = SystemTime::now();
        let (dir, mut app) = super::super::tests::app("P0020");
        let units = app.shared.workspace.world.org.units.len();
        // Written after the load read it: the watch's first look already sees it so.
        let org = dir.path().join("data").join("org.toml");
        let text = std::fs::read_to_string(&org).unwrap();
        std::fs::write(&org, text + "\n[[units]]\nid = \"U999\"\nname = \"新設課\"\nkind = \"section\"\n").unwrap();

        app.start_background(None, Duration::from_secs(3600), load_began);

        assert_eq!(app.shared.workspace.world.org.units.len(), units + 1, "the new unit is in");
    }

    /// The filters fold their lists' texts once per data: a name changed on disk is
    /// found by its new spelling once the data is reloaded, in People and the Tree.
    #[test]
    fn the_filters_look_in_the_texts_as_reloaded() {
        use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
        // 佐々木 (P0003) reviews 鳴海 (P0011) and reads his goals.
        let (dir, mut app) = super::super::tests::app("P0003");
        let keys = |app: &mut App, text: &str| {
            for code in text.chars().map(KeyCode::Char).chain([KeyCode::Enter]) {
                app.handle_event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
            }
        };
        let esc = |app: &mut App| app.handle_event(Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)));
        let people = |app: &App| app.tabs.people.lines.len();
        keys(&mut app, "5/成海");
        assert_eq!(people(&app), 0, "nobody is called so yet");
        esc(&mut app);
        keys(&mut app, "1/成海");
        assert!(app.tabs.tree.rows.is_empty());
        esc(&mut app);
        keys(&mut app, "/鳴海");
        assert!(!app.tabs.tree.rows.is_empty(), "his goals are in the Tree");
        esc(&mut app);

        let org = dir.path().join("data").join("org.toml");
        std::fs::write(&org, std::fs::read_to_string(&org).unwrap().replace("鳴海", "成海")).unwrap();
        assert!(app.reload_changed(&[PathBuf::from("org.toml")], false), "reloaded");

        keys(&mut app, "/成海");
        assert!(!app.tabs.tree.rows.is_empty(), "the Tree finds the new name");
        keys(&mut app, "5/成海");
        assert!(people(&app) > 0, "People finds the new name");
    }

    #[test]
    fn a_sync_that_brought_files_in_asks_for_the_sync_state_once() {
        let (dir, mut app) = super::super::tests::app("P0020");
        app.start_background(None, Duration::from_secs(3600), SystemTime::now());
        let asked = app.background.states_asked;
        let org = Path::new("org.toml");
        let on_disk = dir.path().join("data").join(org);
        let text = std::fs::read_to_string(&on_disk).unwrap();
        std::fs::write(&on_disk, text + "\n# changed by the sync\n").unwrap();
        app.background.syncing = Some((Instant::now(), false));
        app.background.changed_while_syncing = vec![PathBuf::from(org)];

        app.synced(Err(SyncError::Unfinished("merge")), false);

        assert_eq!(app.background.states_asked, asked + 1);
        assert!(app.status.as_ref().is_some_and(|status| status.is_error), "the sync's error stays on the status line");
    }
}
