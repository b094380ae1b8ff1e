//! Storage: round trips, unknown keys, broken files, concurrent changes.

use std::fs;
use std::path::Path;

use pdca::model::{GoalsFile, ProblemKind, Source};
use pdca::store::{Store, StoreError};

fn sample_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("data"));
    store.init_sample().unwrap();
    (dir, store)
}

fn goals_source(snapshot: &pdca::store::Snapshot, owner: &str) -> Source {
    Source::Goals { cycle: snapshot.data.cycle.id.clone(), person: owner.into() }
}

#[test]
fn the_sample_loads_without_problems_and_every_file_round_trips() {
    let (_dir, store) = sample_store();
    let mut snapshot = store.load(None).unwrap();
    assert!(snapshot.problems.is_empty(), "{:?}", snapshot.problems);
    assert!(!snapshot.data.goals.is_empty());
    let before = snapshot.clone();
    for file in before.data.goals.clone() {
        let source = goals_source(&snapshot, &file.owner);
        store.save(&mut snapshot.versions, &source, &file).unwrap();
    }
    for file in before.data.feedback.clone() {
        let source = Source::Feedback { cycle: file.cycle.clone(), reviewer: file.reviewer };
        store.save(&mut snapshot.versions, &source, &file).unwrap();
    }
    store.save(&mut snapshot.versions, &Source::Org, &before.org).unwrap();
    let after = store.load(None).unwrap();
    assert_eq!(after.data, before.data);
    assert_eq!(after.org, before.org);
    // Saving what was just saved writes the same bytes: the format is stable.
    let path = store.path_of(&goals_source(&after, &before.data.goals[0].owner)).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    let mut again = after.clone();
    let source = goals_source(&after, &before.data.goals[0].owner);
    store.save(&mut again.versions, &source, &after.data.goals[0]).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn keys_this_version_does_not_know_survive_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    store.init_empty("テスト市", chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()).unwrap();
    let path = dir.path().join("cycles/2025/goals/P1.toml");
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(
        &path,
        r#"owner = "P1"
cycle = "2025"
future_top = "kept"

[future_table]
answer = 42

[[goals]]
id = "P1-2025-1"
title = "電子申請の拡大"
progress = 40
future_goal_key = ["a", "b"]

[goals.check]
level = "A"
future_check_key = 2025-06-01

[[goals.log]]
date = 2025-05-01
kind = "ojt"
text = "OJTで操作研修"
future_log_key = { nested = true }
"#,
    )
    .unwrap();
    let mut snapshot = store.load(None).unwrap();
    let mut file: GoalsFile = snapshot.data.goals[0].clone();
    file.goals[0].progress = Some(50);
    let source = goals_source(&snapshot, "P1");
    store.save(&mut snapshot.versions, &source, &file).unwrap();

    let saved: toml::Table = toml::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(saved["future_top"].as_str(), Some("kept"));
    assert_eq!(saved["future_table"]["answer"].as_integer(), Some(42));
    let goal = &saved["goals"][0];
    assert_eq!(goal["progress"].as_integer(), Some(50));
    assert_eq!(goal["future_goal_key"].as_array().unwrap().len(), 2);
    assert_eq!(goal["check"]["future_check_key"].as_datetime().unwrap().to_string(), "2025-06-01");
    assert_eq!(goal["log"][0]["future_log_key"]["nested"].as_bool(), Some(true));
}

#[test]
fn a_file_that_does_not_parse_is_reported_with_its_position_and_never_written() {
    let (_dir, store) = sample_store();
    let snapshot = store.load(None).unwrap();
    let owner = snapshot.data.goals[0].owner;
    let source = goals_source(&snapshot, &owner);
    let path = store.path_of(&source).unwrap();
    let broken = "owner = \"x\"\ncycle = \"2025\"\n[[goals]]\nid = \"g\"\ntitle = \"目標の題\" oops\n";
    fs::write(&path, broken).unwrap();

    let mut snapshot = store.load(None).unwrap();
    let problem = snapshot.problems.iter().find(|p| p.source == source).expect("parse problem reported");
    assert!(matches!(problem.kind, ProblemKind::Parse(_)));
    let at = problem.location.unwrap();
    assert_eq!((at.line, at.column), (5, 16), "column counts characters, not bytes");
    assert!(snapshot.data.goals.iter().all(|g| g.owner != owner), "the broken file is left out");
    assert!(snapshot.is_broken(&source));

    let error = store.save(&mut snapshot.versions, &source, &GoalsFile::new(&owner, "2025")).unwrap_err();
    assert!(matches!(error, StoreError::Unreadable(_)), "{error}");
    assert_eq!(fs::read_to_string(&path).unwrap(), broken);
}

#[test]
fn a_file_changed_by_someone_else_is_not_overwritten() {
    let (_dir, store) = sample_store();
    let mut snapshot = store.load(None).unwrap();
    let file = snapshot.data.goals[0].clone();
    let source = goals_source(&snapshot, &file.owner);
    let path = store.path_of(&source).unwrap();
    let theirs = format!("{}\n# edited elsewhere\n", fs::read_to_string(&path).unwrap());
    fs::write(&path, &theirs).unwrap();

    let error = store.save(&mut snapshot.versions, &source, &file).unwrap_err();
    assert!(matches!(error, StoreError::ChangedOnDisk(_)));
    let said = pdca::messages::store_error(&error, pdca::messages::Lang::En);
    assert!(said.contains("changed on disk"), "{said}");
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
}

#[test]
fn a_file_under_another_persons_name_is_left_out() {
    let (_dir, store) = sample_store();
    let snapshot = store.load(None).unwrap();
    let first = &snapshot.data.goals[0];
    let impostor = store.path_of(&goals_source(&snapshot, "P9999")).unwrap();
    fs::copy(store.path_of(&goals_source(&snapshot, &first.owner)).unwrap(), &impostor).unwrap();
    let snapshot = store.load(None).unwrap();
    let problem = snapshot.problems.iter().find(|p| p.source == goals_source(&snapshot, "P9999")).unwrap();
    assert!(matches!(&problem.kind, ProblemKind::WrongPlace { field: "owner", .. }), "{:?}", problem.kind);
    assert_eq!(snapshot.data.goals.iter().filter(|g| g.owner == first.owner).count(), 1);
}

#[test]
fn leftover_temporary_files_are_ignored() {
    let (_dir, store) = sample_store();
    let snapshot = store.load(None).unwrap();
    let folder = store.path_of(&goals_source(&snapshot, "x")).unwrap().parent().unwrap().to_path_buf();
    fs::write(folder.join(".P0001.toml.pdca-tmp.123.0"), "torn = ").unwrap();
    let again = store.load(None).unwrap();
    assert!(again.problems.is_empty(), "{:?}", again.problems);
    assert_eq!(again.data.goals.len(), snapshot.data.goals.len());
}

/// A load removes the temporary files that saves killed long ago left in the
/// folders it lists, and leaves those of a save that may still be running.
#[test]
fn a_load_removes_stale_temporary_files_only() {
    let (_dir, store) = sample_store();
    let snapshot = store.load(None).unwrap();
    let folder = store.path_of(&goals_source(&snapshot, "x")).unwrap().parent().unwrap().to_path_buf();
    let stale = folder.join(format!(".P0001.toml{}7.0", pdca::store::atomic::TEMP_MARK));
    let fresh = folder.join(format!(".P0002.toml{}8.0", pdca::store::atomic::TEMP_MARK));
    fs::write(&stale, "torn = ").unwrap();
    fs::write(&fresh, "in = ").unwrap();
    let long_ago = std::time::SystemTime::now() - pdca::store::atomic::STALE_AFTER * 2;
    fs::File::options().write(true).open(&stale).unwrap().set_modified(long_ago).unwrap();
    let again = store.load(None).unwrap();
    assert!(again.problems.is_empty(), "{:?}", again.problems);
    assert!(!stale.exists(), "a stale temporary file is removed");
    assert!(fresh.exists(), "a recent one may be a save still running");
}

/// The cycles are listed only from the data set's own `cycles` folder, never
/// through a link that leads elsewhere.
#[cfg(unix)]
#[test]
fn cycles_are_never_listed_through_a_linked_folder() {
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("outside");
    fs::create_dir_all(outside.join("2026")).unwrap();
    fs::write(outside.join("2026/cycle.toml"), "id = \"2026\"\n").unwrap();
    fs::create_dir_all(dir.path().join("data")).unwrap();
    std::os::unix::fs::symlink(&outside, dir.path().join("data/cycles")).unwrap();
    let store = Store::new(dir.path().join("data"));
    assert!(matches!(store.cycle_ids(), Err(StoreError::OutsideDataSet(_))));
}

#[test]
fn init_refuses_to_overwrite_a_data_set() {
    let (_dir, store) = sample_store();
    assert!(matches!(store.init_sample(), Err(StoreError::AlreadyExists(_))));
    assert!(Path::new(&store.root().join("pdca.toml")).is_file());
}

/// A reload that fails leaves the workspace as it was: the views made from it (a
/// tree row reads its title from the world it was made from) stay true to it.
#[cfg(unix)]
#[test]
fn a_reload_that_fails_leaves_the_workspace_as_it_was() {
    let (_dir, data) = crate::common::sample_data();
    let mut workspace = crate::common::workspace(&data, "P0001");
    let goals_before = workspace.world.cascade.nodes.len();
    let mut snapshot = workspace.store.load(None).unwrap();
    snapshot.data.goals.pop();
    // The cycles' folder turned into a link: listing the cycles, which the reload
    // does to find the one before, is refused.
    std::fs::rename(data.join("cycles"), data.join("cycles.real")).unwrap();
    std::os::unix::fs::symlink(data.join("cycles.real"), data.join("cycles")).unwrap();
    assert!(workspace.take_snapshot(snapshot).is_err());
    assert_eq!(workspace.world.cascade.nodes.len(), goals_before);
}
