//! `pdca cycle new` (with carry-over) and `pdca cycle current`, on the bundled sample.

use crate::common;

use std::fs;
use std::path::Path;

use predicates::prelude::*;

use common::pdca_cli as pdca;
use common::sample_data as sample;
use pdca::model::{Cycle, DataSetInfo, GoalsFile};
use pdca::store::Store;

const HR: &str = "P0007";

fn read<T: serde::de::DeserializeOwned>(path: &Path) -> T {
    toml::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

const NEW_2027: [&str; 7] = ["cycle", "new", "2027", "--start", "2027-04-01", "--end", "2028-03-31"];

#[test]
fn a_new_cycle_gets_phases_and_the_open_action_items_of_the_last_one() {
    let (_dir, data) = sample();
    // Someone already started their 2027 sheet: it must be left exactly as it is.
    let started = data.join("cycles/2027/goals/P0001.toml");
    fs::create_dir_all(started.parent().unwrap()).unwrap();
    fs::write(&started, "owner = \"P0001\"\ncycle = \"2027\"\n").unwrap();

    pdca(&data)
        .args(["--as", HR])
        .args(NEW_2027)
        .args(["--name", "令和9年度", "--carry-from", "2026"])
        .assert()
        .success()
        .stdout(predicate::str::contains("plan   2027-04-01 – 2027-05-31"))
        .stdout(predicate::str::contains("action 2028-03-16 – 2028-03-31"))
        .stderr(predicate::str::contains("P0001.toml already exists and was left as it is; 2 open action item(s)"));

    let cycle: Cycle = read(&data.join("cycles/2027/cycle.toml"));
    assert_eq!(cycle.name.as_deref(), Some("令和9年度"));
    let check = cycle.phases.check.unwrap();
    assert_eq!((check.start.to_string(), check.end.to_string()), ("2028-02-01".into(), "2028-03-15".into()));
    assert_eq!(fs::read_to_string(&started).unwrap(), "owner = \"P0001\"\ncycle = \"2027\"\n");

    // Every open item of 2026 (but P0001's) is now a draft goal linked back to where it came from.
    let last = Store::new(&data).load(Some("2026")).unwrap();
    let mut expected: Vec<(String, String, String, String)> = Vec::new();
    for file in last.data.goals.iter().filter(|f| f.owner != "P0001") {
        for goal in &file.goals {
            for item in goal.actions.iter().filter(|item| !item.done) {
                expected.push((
                    file.owner.to_string(),
                    format!("2026/{}", goal.id),
                    item.issue.clone(),
                    item.measure.clone(),
                ));
            }
        }
    }
    assert!(expected.len() >= 5, "the sample has open action items: {expected:?}");
    let mut carried = Vec::new();
    for entry in fs::read_dir(data.join("cycles/2027/goals")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let file: GoalsFile = read(&path);
        assert_eq!(file.cycle, "2027");
        for (number, goal) in file.goals.iter().enumerate() {
            assert_eq!(goal.id, format!("{}-2027-{}", file.owner, number + 1));
            assert_eq!(goal.weight, None, "drafts: the owner sets weights");
            assert!(goal.due.is_none_or(|due| cycle.start <= due && due <= cycle.end));
            carried.push((
                file.owner.to_string(),
                goal.detail.get().unwrap().carried_from.clone().unwrap(),
                goal.title.clone(),
                goal.detail.get().unwrap().plan.clone(),
            ));
        }
    }
    expected.sort();
    carried.sort();
    assert_eq!(carried, expected);
    // The new cycle is valid as written.
    pdca(&data).arg("check").assert().success().stdout(predicate::str::contains("0 error(s)"));
}

#[test]
fn a_cycle_is_never_created_twice_and_dates_are_checked() {
    let (_dir, data) = sample();
    pdca(&data).args(["--as", HR]).args(NEW_2027).assert().success();
    let text = fs::read_to_string(data.join("cycles/2027/cycle.toml")).unwrap();
    pdca(&data)
        .args(["--as", HR])
        .args(NEW_2027)
        .args(["--name", "別名"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(fs::read_to_string(data.join("cycles/2027/cycle.toml")).unwrap(), text);
    pdca(&data)
        .args(["--as", HR, "cycle", "new", "2028", "--start", "2028-04-01", "--end", "2028-03-31"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("ends (2028-03-31) before it starts"));
    pdca(&data)
        .args(["--as", HR, "cycle", "new", "../evil", "--start", "2028-04-01", "--end", "2029-03-31"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("`../evil` cannot be an id"));
    pdca(&data)
        .args(["--as", HR, "cycle", "new", "2028", "--start", "2028-04-01", "--end", "2029-03-31"])
        .args(["--plan-end", "2028-06-30", "--do-end", "2028-05-31", "--check-end", "2029-02-28"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("phase ends must be in order"));
    pdca(&data)
        .args(["--as", HR, "cycle", "new", "2028-H1", "--start", "2028-04-01", "--end", "2028-09-30"])
        .args(["--plan-end", "2028-04-30", "--do-end", "2028-08-31", "--check-end", "2028-09-20"])
        .assert()
        .success()
        .stdout(predicate::str::contains("check  2028-09-01 – 2028-09-20"));
    pdca(&data)
        .args(["--as", HR])
        .args(NEW_2027.map(|a| if a == "2027" { "2029" } else { a }))
        .args(["--carry-from", "1999"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("cycle `1999` does not exist"));
    assert!(!data.join("cycles/2029/cycle.toml").exists());
}

#[test]
fn hr_sets_the_current_cycle() {
    let (_dir, data) = sample();
    pdca(&data)
        .args(["--as", HR, "cycle", "current", "2027"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("cycle `2027` does not exist"));
    pdca(&data).args(["--as", HR]).args(NEW_2027).assert().success();
    pdca(&data)
        .args(["--as", HR, "cycle", "current", "2027"])
        .assert()
        .success()
        .stdout("current cycle: 2026 → 2027 (set by P0007)\n");
    let info: DataSetInfo = read(&data.join("pdca.toml"));
    assert_eq!(info.current_cycle, "2027");
    pdca(&data).args(["--as", HR, "show", "tree"]).assert().success().stdout(predicate::str::contains("2027-04-01"));
}

#[test]
fn only_hr_may_create_cycles_or_change_the_current_one() {
    let (_dir, data) = sample();
    let before = fs::read_to_string(data.join("pdca.toml")).unwrap();
    pdca(&data)
        .args(["--as", "P0011"])
        .args(NEW_2027)
        .args(["--carry-from", "2026"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("P0011").and(predicate::str::contains("hr role")));
    assert!(!data.join("cycles/2027").exists());
    pdca(&data)
        .args(["--as", "P0011", "cycle", "current", "2025"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("P0011").and(predicate::str::contains("hr role")));
    assert_eq!(fs::read_to_string(data.join("pdca.toml")).unwrap(), before);
}
