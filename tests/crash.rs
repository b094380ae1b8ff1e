//! Nothing lost (DESIGN §7):
//! - a writer killed at a random instant of a save leaves the old or the new file,
//!   never a torn one, and what it leaves behind does not disturb loading;
//! - of two people editing the same sheet at once, the second save is refused and
//!   its text stays in the form, to be re-applied after a reload.
//!
//! The killed writer is this test binary itself, started again with
//! [`WRITER_ENV`] set so that only [`writer_process`] runs, saving two large
//! versions of a goals file in turn with the store's atomic write until it is killed.

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use pdca::app::App;
use pdca::app::effect::Popup;
use pdca::r#gen::{self, Rng};
use pdca::keys::Keymap;
use pdca::messages::Lang;
use pdca::model::{Date, GoalsFile, LogEntry, LogKind, Source};
use pdca::store::{Store, atomic};
use pdca::workspace::Workspace;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use crate::common;

/// Set in the writer process: the target file, and the files holding the two versions
/// it writes in turn, separated by newlines.
const WRITER_ENV: &str = "PDCA_CRASH_TEST_WRITER";
const READY: &str = "writer: first save done";

/// A goals file made large (about 200 KB) by many log entries, in two versions
/// that differ all through the file, so that any mix of the two is detected.
fn versions(base: &GoalsFile) -> [String; 2] {
    [("old", 0), ("new", 1)].map(|(which, offset)| {
        let mut file = base.clone();
        for goal in &mut file.goals {
            goal.progress = Some(10 + offset * 50);
            goal.log = (0..300)
                .map(|i| LogEntry {
                    date: Date::from_ymd(2026, 4, 1 + (i % 28) as u32).unwrap(),
                    kind: LogKind::Practice,
                    text: format!("{which} 版の記録 {i}：窓口の案内を見直し、処理状況を係内で共有した。").into(),
                    course: None,
                    completed: false,
                    extra: Default::default(),
                })
                .collect::<Vec<_>>()
                .into();
        }
        toml::to_string_pretty(&file).unwrap()
    })
}

/// The writer: runs only in the child process (see the module comment).
#[test]
fn writer_process() {
    let Ok(paths) = std::env::var(WRITER_ENV) else { return };
    let [target, old, new]: [PathBuf; 3] = paths.lines().map(PathBuf::from).collect::<Vec<_>>().try_into().unwrap();
    let (old, new) = (fs::read(old).unwrap(), fs::read(new).unwrap());
    atomic::write_atomically(&target, &new).unwrap();
    println!("{READY}");
    loop {
        for bytes in [&old, &new] {
            atomic::write_atomically(&target, bytes).unwrap();
        }
    }
}

fn temp_files(folder: &Path) -> usize {
    fs::read_dir(folder)
        .unwrap()
        .filter(|e| atomic::is_temp_file(&e.as_ref().unwrap().file_name().to_string_lossy()))
        .count()
}

#[test]
fn a_writer_killed_mid_save_leaves_the_old_or_the_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("data"));
    r#gen::write(&store, &r#gen::generate(30, 5)).unwrap();
    let source = Source::Goals { cycle: r#gen::CYCLE.into(), person: "P00005".into() };
    let target = store.path_of(&source).unwrap();
    let folder = target.parent().unwrap().to_path_buf();
    let base: GoalsFile = toml::from_str(&fs::read_to_string(&target).unwrap()).unwrap();
    let [old, new] = versions(&base);
    fs::write(&target, &old).unwrap();
    let (old_path, new_path) = (dir.path().join("old.toml"), dir.path().join("new.toml"));
    fs::write(&old_path, &old).unwrap();
    fs::write(&new_path, &new).unwrap();
    let paths = [&target, &old_path, &new_path].map(|p| p.display().to_string()).join("\n");
    let people_with_goals = store.load(None).unwrap().data.goals.len();
    let parsed = [&old, &new].map(|text| toml::from_str::<GoalsFile>(text).unwrap());

    let mut rng = Rng::new(0x5eed);
    let started = Instant::now();
    let (mut trials, mut saw_old, mut saw_new, mut left_temp) = (0, 0, 0, 0);
    while trials < 200 && started.elapsed() < Duration::from_secs(60) {
        let baseline = temp_files(&folder);
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([&common::test_name(module_path!(), "writer_process"), "--exact", "--nocapture", "--test-threads=1"])
            .env(WRITER_ENV, &paths)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Wait until the writer is saving, then kill it at a random instant.
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        assert!(lines.any(|line| line.unwrap().contains(READY)), "the writer did not start");
        std::thread::sleep(Duration::from_micros(rng.below(20_000) as u64));
        child.kill().unwrap();
        child.wait().unwrap();
        trials += 1;

        let text = fs::read_to_string(&target).unwrap();
        let version = if text == old {
            saw_old += 1;
            0
        } else if text == new {
            saw_new += 1;
            1
        } else {
            panic!("trial {trials}: the file is neither version ({} bytes)", text.len());
        };
        if temp_files(&folder) > baseline {
            left_temp += 1; // killed between creating the temporary and renaming it
        }
        // Leftover temporaries are skipped: the data set loads with the saved version.
        let snapshot = store.load(None).unwrap();
        assert!(snapshot.problems.is_empty(), "trial {trials}: {:?}", snapshot.problems);
        assert_eq!(snapshot.data.goals.len(), people_with_goals);
        let loaded = snapshot.data.goals.iter().find(|f| f.owner == "P00005").unwrap();
        assert_eq!(*loaded, parsed[version]);
    }
    eprintln!(
        "{trials} kills in {:?}: old {saw_old}, new {saw_new}; temporaries left behind after {left_temp}",
        started.elapsed()
    );
    assert!(trials >= 50, "only {trials} trials ran");
    assert!(saw_old > 0 && saw_new > 0, "kills should land on both versions: old {saw_old}, new {saw_new}");
    assert!(left_temp > 0, "no kill landed in the middle of a save, so the test proved nothing");
}

// ---- two writers

fn press(app: &mut App, code: KeyCode) {
    app.handle_event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn ctrl(app: &mut App, c: char) {
    app.handle_event(Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn open_app(store: &Store, actor: &str) -> App {
    let today = Date::from_ymd(2026, 11, 20).unwrap();
    let workspace = Workspace::open(store.clone(), None, actor.into(), today).unwrap();
    App::new(workspace, Lang::En, Keymap::new(&BTreeMap::new()), (120, 40))
}

#[test]
fn the_second_of_two_concurrent_saves_is_refused_and_its_text_kept() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("data"));
    store.init_sample().unwrap();
    // The same person in two terminals, both on the My goals tab, first goal.
    let mut first = open_app(&store, "P0020");
    let mut second = open_app(&store, "P0020");
    for app in [&mut first, &mut second] {
        press(app, KeyCode::Char('2'));
    }
    let goal = first.shared.workspace.world.goals_file("P0020").unwrap().goals[0].id.clone();

    // The first adds an action item and saves.
    press(&mut first, KeyCode::Char('a'));
    type_text(&mut first, "集計に時間がかかる");
    ctrl(&mut first, 's');
    assert!(first.popups.is_empty(), "{:?}", first.status);

    // The second, unaware, writes a self-check comment: refused, nothing written.
    let on_disk =
        fs::read_to_string(store.path_of(&Source::Goals { cycle: "2026".into(), person: "P0020".into() }).unwrap())
            .unwrap();
    press(&mut second, KeyCode::Char('c'));
    press(&mut second, KeyCode::Tab);
    type_text(&mut second, "上半期分を報告した");
    ctrl(&mut second, 's');
    let status = second.status.clone().expect("the refusal is shown");
    assert!(status.is_error && status.text.contains("changed on disk"), "{status:?}");
    assert!(status.text.contains("Ctrl-R"), "it says how to re-apply: {status:?}");
    let Some(Popup::Form(form)) = second.popups.last() else { panic!("the form closed: {:?}", second.popups) };
    assert_eq!(form.value(pdca::app::form::FieldKey::Comment), "上半期分を報告した", "the typed text is kept");
    let path = store.path_of(&Source::Goals { cycle: "2026".into(), person: "P0020".into() }).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), on_disk, "the other save was not overwritten");

    // Reload and re-apply: both changes are in the file.
    ctrl(&mut second, 'r');
    assert!(second.popups.is_empty(), "{:?}", second.status);
    let saved: GoalsFile = toml::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    let saved = saved.goals.iter().find(|g| g.id == goal).unwrap();
    assert_eq!(saved.check.as_ref().map(|c| c.comment.get().unwrap().as_str()), Some("上半期分を報告した"));
    assert!(saved.actions.iter().any(|a| a.issue == "集計に時間がかかる"), "{:?}", saved.actions);
}
