//! The rest of the data set, loaded in the background after the first frame: the
//! app starts on the viewer's part ([`crate::store::Store::load_part`]) and takes
//! the whole cycle in when it arrives, as a reload does (an open form keeps its
//! text, the selection stays). Meanwhile the top bar says how far the load has got,
//! and what needs the whole data set — every save, whose policy and checks read
//! other people's files, HR's overview and calibration — waits with a message.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use super::App;
use crate::keys::Action;
use crate::messages::{self, LoadingText, Message};
use crate::store::{LoadProgress, Snapshot, StoreError};

pub struct Loading {
    progress: Arc<LoadProgress>,
    loaded: Receiver<Result<Snapshot, StoreError>>,
    /// Why the rest could not be loaded: the app stays on its part, saying so,
    /// until a reload brings the whole cycle.
    pub(super) failed: Option<String>,
    /// Files changed on disk while the load ran: looked at again once it is in,
    /// as the load may have read them before they changed.
    pub(super) changed: Vec<PathBuf>,
}

impl Loading {
    /// The load counted in `progress`, whose snapshot `loaded` brings.
    pub fn new(progress: Arc<LoadProgress>, loaded: Receiver<Result<Snapshot, StoreError>>) -> Loading {
        Loading { progress, loaded, failed: None, changed: Vec::new() }
    }
}

impl App {
    /// Loads the whole cycle on a thread of its own, started once the frame on screen
    /// is drawn; until it is in, the app shows the part it was started on and says so.
    pub fn load_rest(&mut self) {
        let progress = Arc::new(LoadProgress::default());
        let store = self.shared.workspace.store.clone().with_progress(progress.clone());
        let cycle = self.shared.workspace.world.data.cycle.id.clone();
        let (sender, loaded) = std::sync::mpsc::channel();
        self.after_drawn(move |_| {
            std::thread::spawn(move || {
                hold_for_test("PDCA_TEST_LOAD_GATE");
                let _ = sender.send(store.load(Some(&cycle)));
            });
        });
        self.wait_for(Loading::new(progress, loaded));
    }

    /// The whole cycle is in (loaded behind the part, or read by a reload): nothing
    /// waits any more. The one place, with [`App::wait_for`], that sets both.
    pub(super) fn has_all(&mut self) {
        self.loading = None;
        self.shared.partial = false;
    }

    /// Shows the part until `loading` brings the whole cycle.
    fn wait_for(&mut self, loading: Loading) {
        self.loading = Some(loading);
        // What was worked out as if the part were everything goes (HR's overview);
        // an app already on its part has nothing of the kind.
        if !std::mem::replace(&mut self.shared.partial, true) {
            self.refresh(&crate::workspace::Changed::everything());
        }
    }

    /// Files read and found of the load still running; `None` when all is in.
    pub fn loading(&self) -> Option<(usize, usize)> {
        self.loading.as_ref().filter(|loading| loading.failed.is_none()).map(|loading| loading.progress.counts())
    }

    /// What the top bar says while the rest loads, or when it could not be.
    pub fn loading_label(&self) -> Option<String> {
        let loading = self.loading.as_ref()?;
        let text = match loading.failed {
            Some(_) => LoadingText::PartOnly,
            None => {
                let (read, found) = loading.progress.counts();
                LoadingText::TopBar { read, found }
            }
        };
        Some(text.text(self.lang()))
    }

    /// Takes the whole cycle in when it has arrived; true when it did (or failed).
    pub(super) fn take_loaded(&mut self) -> bool {
        let lang = self.lang();
        let Some(loading) = self.loading.as_mut().filter(|loading| loading.failed.is_none()) else { return false };
        let error = match loading.loaded.try_recv() {
            Err(TryRecvError::Empty) => return false,
            // The thread ended without a word: only by panicking, which it reported.
            Err(TryRecvError::Disconnected) => LoadingText::Stopped.text(lang),
            Ok(loaded) => match loaded.and_then(|snapshot| self.shared.workspace.take_snapshot(snapshot)) {
                Ok(changed) => {
                    let changed_meanwhile = std::mem::take(&mut loading.changed);
                    self.has_all();
                    self.refresh(&changed);
                    if self.reload_changed(&changed_meanwhile, true) {
                        self.ask_sync_state();
                    }
                    return true;
                }
                Err(error) => messages::store_error(&error, lang),
            },
        };
        let text = LoadingText::Failed { error }.text(lang);
        if let Some(loading) = &mut self.loading {
            loading.failed = Some(text.clone());
        }
        self.complain(text);
        true
    }

    /// Why what needs the whole data set waits: `None` once it is in.
    pub(super) fn still_loading(&self) -> Option<String> {
        let loading = self.loading.as_ref()?;
        if let Some(failed) = &loading.failed {
            return Some(failed.clone());
        }
        let (read, found) = loading.progress.counts();
        Some(LoadingText::StillLoading { read, found }.text(self.lang()))
    }

    /// True, with the reason on the status line, when `action` needs the whole data
    /// set (HR's overview, calibration, an undo, a sync) and it is still loading; the
    /// external editor waits too, as what is written there could not be saved.
    pub(super) fn waits_for_load(&mut self, action: Action) -> bool {
        let needs_all = matches!(
            action,
            Action::UnitOverview | Action::OpenCalibration | Action::Undo | Action::Sync | Action::ExternalEditor
        );
        if !needs_all {
            return false;
        }
        let Some(text) = self.still_loading() else { return false };
        self.complain(text);
        true
    }
}

/// An end-to-end test's step: with the environment's `gate` naming a named pipe,
/// the work that calls it waits until the test writes into it (the rest of the load
/// with `PDCA_TEST_LOAD_GATE`, so that the test sees the part first).
pub(crate) fn hold_for_test(gate: &str) {
    if let Some(gate) = std::env::var_os(gate) {
        let _ = std::fs::read(gate);
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::app::tabs::Tab;
    use crate::keys::Keymap;
    use crate::messages::Lang;
    use crate::model::{Date, ProblemKind};
    use crate::store::Store;
    use crate::store::part::PartLoad;
    use crate::workspace::Workspace;

    fn today() -> Date {
        Date::from_ymd(2026, 11, 20).unwrap()
    }

    fn app_on(store: &Store, snapshot: Snapshot, actor: &str) -> App {
        let workspace = Workspace::from_snapshot(store.clone(), snapshot, actor.into(), today()).unwrap();
        App::new(workspace, Lang::En, Keymap::new(&BTreeMap::new()), (110, 32))
    }

    /// The app on `actor`'s part of the sample, the rest to come through the sender.
    fn partial(store: &Store, actor: &str) -> (App, std::sync::mpsc::Sender<Result<Snapshot, StoreError>>) {
        let PartLoad { snapshot, whole, .. } = store.load_part(None, |_, _| Some(actor.into())).unwrap();
        let (sender, loaded) = std::sync::mpsc::channel();
        if whole {
            return (app_on(store, snapshot, actor), sender);
        }
        // As `pdca` starts: on the part, then waiting for the rest.
        let workspace = Workspace::from_snapshot(store.clone(), snapshot, actor.into(), today()).unwrap();
        let mut app = App::on_part(workspace, Lang::En, Keymap::new(&BTreeMap::new()), (110, 32));
        app.wait_for(Loading::new(Arc::new(LoadProgress::default()), loaded));
        (app, sender)
    }

    /// A copy of the sample data set, and its store.
    fn sample_store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        store.init_sample().unwrap();
        (dir, store)
    }

    /// Every tab as drawn.
    fn screens(app: &mut App) -> Vec<String> {
        let mut terminal = Terminal::new(TestBackend::new(110, 32)).unwrap();
        Tab::ALL
            .iter()
            .map(|&tab| {
                app.tab = tab;
                terminal.draw(|frame| crate::ui::app::draw(app, &crate::theme::Theme::dark(), frame)).unwrap();
                format!("{:?}", terminal.backend().buffer())
            })
            .collect()
    }

    #[test]
    fn every_view_of_a_part_then_the_whole_equals_a_whole_load_for_everyone() {
        let (_dir, store) = sample_store();
        let people: Vec<String> = store.load(None).unwrap().org.people.iter().map(|p| p.id.to_string()).collect();
        let mut parts = 0;
        for actor in &people {
            let mut whole = app_on(&store, store.load(None).unwrap(), actor);
            let (mut app, rest) = partial(&store, actor);
            // The head of the organisation's part is everyone: nothing is left to load.
            if app.loading.is_some() {
                parts += 1;
                assert!(app.loading_label().is_some(), "the top bar says the load goes on");
                // Nothing is said of everyone from a part: of those not loaded, it would be untrue.
                let of_everyone =
                    |kind: &ProblemKind| matches!(kind, ProblemKind::NoGoals { .. } | ProblemKind::SheetBehind { .. });
                assert!(!app.shared.alignment.iter().any(|p| of_everyone(&p.kind)), "{actor}");
                rest.send(store.load(None)).unwrap();
                assert!(app.tick(), "taking the rest in redraws");
                assert_eq!(app.loading(), None);
            }
            assert_eq!(screens(&mut app), screens(&mut whole), "the views of {actor}");
        }
        assert!(parts > people.len() / 2, "most people start on a part");
    }

    #[test]
    fn a_sheet_open_when_the_rest_comes_in_keeps_its_texts() {
        use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
        let (_dir, store) = sample_store();
        let (mut app, rest) = partial(&store, "P0003");
        assert!(app.loading.is_some(), "a section head starts on a part");
        app.tab = Tab::Review;
        app.handle_event(Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
        let person = app.tabs.review.person().unwrap().to_owned();
        let texts_read = |app: &App| {
            let goals = app.shared.workspace.world.goals_of(&person);
            let read = |log: &[crate::model::LogEntry]| log.iter().all(|entry| entry.text.get().is_ok());
            goals.iter().any(|goal| !goal.log.is_empty())
                && goals.iter().all(|goal| goal.log.get().is_ok_and(|log| read(log)))
        };
        assert!(texts_read(&app), "the open sheet's texts are read");
        rest.send(store.load(None)).unwrap();
        assert!(app.tick());
        assert!(texts_read(&app), "and read again once the whole data set is in");
        let shown = screens(&mut app).join("");
        assert!(!shown.contains("could not be read"));
    }

    #[test]
    fn the_rest_starts_loading_once_the_first_frame_is_drawn() {
        let (_dir, store) = sample_store();
        let PartLoad { snapshot, whole, .. } = store.load_part(None, |_, _| Some("P0020".into())).unwrap();
        assert!(!whole);
        let mut app = app_on(&store, snapshot, "P0020");
        app.load_rest();
        std::thread::sleep(std::time::Duration::from_millis(300));
        app.tick();
        assert_eq!(app.loading(), Some((0, 0)), "nothing is read before a frame is on screen");
        app.drawn();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while app.loading().is_some() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(10));
            app.tick();
        }
        assert_eq!(app.loading(), None, "the rest came in after the frame");
        assert!(!app.shared.partial);
    }

    #[test]
    fn while_the_rest_loads_a_save_waits_and_the_form_keeps_its_text() {
        let (dir, store) = sample_store();
        let (mut app, rest) = partial(&store, "P0020");
        app.update(Action::TabMine);
        app.update(Action::NewGoal);
        let typed = "残りを待つ目標";
        for c in typed.chars() {
            app.handle_event(ratatui::crossterm::event::Event::Key(ratatui::crossterm::event::KeyEvent::new(
                ratatui::crossterm::event::KeyCode::Char(c),
                ratatui::crossterm::event::KeyModifiers::NONE,
            )));
        }
        let before = std::fs::read_to_string(dir.path().join("cycles/2026/goals/P0020.toml")).unwrap();
        app.submit_form();
        let status = app.status.clone().unwrap();
        assert!(status.is_error && status.text.starts_with("still loading: 0 of 0 files"), "{}", status.text);
        assert!(matches!(app.popups.last(), Some(super::super::effect::Popup::Form(form)) if form.is_dirty()));
        assert_eq!(std::fs::read_to_string(dir.path().join("cycles/2026/goals/P0020.toml")).unwrap(), before);
        app.update(Action::UnitOverview);
        assert!(app.status.as_ref().unwrap().text.starts_with("still loading"));

        rest.send(store.load(None)).unwrap();
        app.tick();
        assert!(
            matches!(app.popups.last(), Some(super::super::effect::Popup::Form(form)) if form.is_dirty()),
            "the form stays open over the whole data set"
        );
        app.submit_form();
        // Once all is in, the sheet's own rules decide (P0020's is approved: a reason is asked).
        let status = app.status.clone().unwrap();
        assert!(!status.text.starts_with("still loading"), "{}", status.text);
    }

    #[test]
    fn a_file_changed_while_loading_is_looked_at_once_the_rest_is_in_not_loaded_again() {
        let (dir, store) = sample_store();
        let (mut app, rest) = partial(&store, "P0020");
        // The watch runs (so the sync state is asked); no file is older than its start.
        let future = std::time::SystemTime::now() + std::time::Duration::from_secs(3600);
        app.start_background(None, std::time::Duration::from_secs(3600), future);
        // The load reads 對馬's file, then he saves a new title before it ends.
        let read_before = store.load(None);
        let relative = std::path::PathBuf::from("cycles/2026/goals/P0011.toml");
        let path = dir.path().join(&relative);
        let text = std::fs::read_to_string(&path).unwrap();
        let title = text.lines().find_map(|line| line.strip_prefix("title = ")).unwrap().to_owned();
        std::fs::write(&path, text.replacen(&title, "\"読込中に変えた題名\"", 1)).unwrap();
        assert!(!app.reload_changed(std::slice::from_ref(&relative), false), "no reload of a part");
        assert_eq!(app.loading.as_ref().map(|loading| loading.changed.clone()), Some(vec![relative]));
        let asked = app.background.states_asked;
        rest.send(read_before).unwrap();
        app.tick();
        assert_eq!(app.loading(), None);
        let goals = app.shared.workspace.world.goals_of("P0011");
        assert!(goals.iter().any(|goal| goal.title == "読込中に変えた題名"), "the change is in, not the older read");
        assert_eq!(app.background.states_asked, asked + 1, "the sync state is asked once the change is in");
    }

    #[test]
    fn hrs_overview_and_everyones_1on1_figures_wait_for_the_whole_data_set() {
        let (_dir, store) = sample_store();
        let (mut app, rest) = partial(&store, "P0007");
        assert!(app.loading.is_some(), "HR starts on a part");
        let shown = |app: &mut App, tab: Tab| {
            app.tab = tab;
            let mut terminal = Terminal::new(TestBackend::new(110, 32)).unwrap();
            terminal.draw(|frame| crate::ui::app::draw(app, &crate::theme::Theme::dark(), frame)).unwrap();
            terminal.backend().buffer().content().iter().map(|cell| cell.symbol()).collect::<String>()
        };
        let figures = |screen: String| screen.matches("1on1 ").count();
        assert!(!shown(&mut app, Tab::Review).contains("Sheets by unit"), "no overview of a part");
        let on_the_part = figures(shown(&mut app, Tab::People));
        rest.send(store.load(None)).unwrap();
        app.tick();
        assert!(shown(&mut app, Tab::Review).contains("Sheets by unit"));
        let on_the_whole = figures(shown(&mut app, Tab::People));
        assert!(on_the_part < on_the_whole, "no figures counted from a part: {on_the_part} then {on_the_whole}");
    }

    #[test]
    fn the_external_editor_waits_for_the_whole_data_set() {
        let (_dir, store) = sample_store();
        let (mut app, _rest) = partial(&store, "P0020");
        app.update(Action::TabMine);
        app.update(Action::ExternalEditor);
        assert!(app.status.as_ref().is_some_and(|status| status.text.starts_with("still loading")));
        assert!(app.take_external_edit().is_none(), "no editor opened");
    }

    #[test]
    fn a_reload_from_a_form_reads_the_whole_cycle_and_ends_the_wait() {
        use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
        let (_dir, store) = sample_store();
        let (mut app, _rest) = partial(&store, "P0020");
        app.update(Action::TabMine);
        app.update(Action::NewGoal);
        app.handle_event(Event::Key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL)));
        assert!(app.loading.is_none() && !app.shared.partial, "nothing waits after a whole reload");
        assert!(app.status.as_ref().is_none_or(|status| !status.text.starts_with("still loading")));
    }
}
