//! The instruments as people use them: 1on1s written through the workspace and
//! read back by the pair and by those above them, `pdca show meetings` and
//! `pdca show engagement`, and HR's `pdca engagement import`.

use crate::common;

use std::fs;

use common::workspace as open;
use common::{TODAY, pdca_cli, sample_data, today};
use pdca::model::Extra;
use pdca::model::command::Command;
use pdca::model::meetings::{AgreedAction, Meeting, MeetingKind, MeetingTexts, MeetingsFile};
use pdca::view::meetings::rows;
use predicates::prelude::*;

fn meeting(with: &str, notes: &str) -> Meeting {
    Meeting {
        date: today(),
        with: with.into(),
        kind: MeetingKind::Manager,
        texts: MeetingTexts {
            agenda: "・採用動画の進み具合".into(),
            notes: notes.into(),
            actions: vec![AgreedAction {
                text: "構成案を共有する".into(),
                goal: Some("P0011-2026-2".into()),
                done: false,
                extra: Extra::new(),
            }],
            extra: Extra::new(),
        }
        .into(),
    }
}

#[test]
fn a_section_head_writes_a_1on1_that_the_department_head_sees_only_as_a_date() {
    let (_dir, data) = sample_data();
    let mut workspace = open(&data, "P0003");
    workspace.execute(Command::Meeting { index: None, meeting: meeting("P0011", "本音で話せた") }).unwrap();
    let written: MeetingsFile =
        toml::from_str(&fs::read_to_string(data.join("cycles/2026/meetings/P0003.toml")).unwrap()).unwrap();
    let last = written.meetings.last().unwrap();
    assert_eq!((last.date, last.texts.notes.as_str()), (today(), "本音で話せた"));
    assert_eq!(last.texts.actions[0].goal.as_deref(), Some("P0011-2026-2"));
    // Both of the pair read it; the 部長 (P0001) and HR (P0007) only that it happened.
    for (reader, reads_text) in [("P0003", true), ("P0011", true), ("P0001", false), ("P0007", false)] {
        let world = open(&data, reader).world;
        let seen = rows(&world, reader, Some("P0011")).unwrap();
        let new = seen.iter().find(|r| r.date == today()).unwrap_or_else(|| panic!("{reader} knows of it"));
        assert_eq!(new.content.map(|c| c.notes), reads_text.then_some("本音で話せた"), "{reader}");
    }
    // Another section's head may not list 鳴海's 1on1s at all.
    assert!(rows(&open(&data, "P0012").world, "P0012", Some("P0011")).is_err());
    // Editing one's own record in place keeps it one record.
    let count = written.meetings.len();
    let index = count - 1;
    let mut edited = meeting("P0011", "");
    edited.texts.notes = "追記した".into();
    workspace.execute(Command::Meeting { index: Some(index), meeting: edited }).unwrap();
    let after: MeetingsFile =
        toml::from_str(&fs::read_to_string(data.join("cycles/2026/meetings/P0003.toml")).unwrap()).unwrap();
    assert_eq!((after.meetings.len(), after.meetings[index].texts.notes.as_str()), (count, "追記した"));
}

#[test]
fn nobody_writes_a_1on1_with_themself_someone_unknown_or_about_a_goal_outside_the_pair() {
    let (_dir, data) = sample_data();
    let mut workspace = open(&data, "P0003");
    for with in ["P0003", "P9999"] {
        assert!(workspace.execute(Command::Meeting { index: None, meeting: meeting(with, "x") }).is_err(), "{with}");
    }
    let mut outside = meeting("P0011", "x");
    outside.texts.actions[0].goal = Some("P0012-2026-1".into());
    assert!(workspace.execute(Command::Meeting { index: None, meeting: outside }).is_err());
    assert!(workspace.execute(Command::Meeting { index: Some(999), meeting: meeting("P0011", "x") }).is_err());
}

#[test]
fn show_meetings_prints_the_text_only_for_the_pair() {
    let (_dir, data) = sample_data();
    let notes = "受付フォームの入力チェック";
    let show = |actor: &str| {
        pdca_cli(&data).args(["--as", actor, "--today", TODAY, "show", "meetings", "--person", "P0011"]).assert()
    };
    show("P0011").success().stdout(predicate::str::contains(notes)).stdout(predicate::str::contains("2 1on1s"));
    show("P0001")
        .success()
        .stdout(predicate::str::contains("2026-10-14  [manager]"))
        .stdout(predicate::str::contains(notes).not())
        .stdout(predicate::str::contains("only the two people read what was said"));
    show("P0012").failure().stderr(predicate::str::contains("P0011"));
}

#[test]
fn show_engagement_gives_a_section_head_their_units_and_nobody_else_anything() {
    let (_dir, data) = sample_data();
    let show = |actor: &str, unit: &[&str]| {
        pdca_cli(&data).args(["--as", actor, "--today", TODAY, "show", "engagement"]).args(unit).assert()
    };
    show("P0003", &[])
        .success()
        .stdout(predicate::str::contains("人事課  Overall 3.45 below average +0.17"))
        .stdout(predicate::str::contains("Q11 3.31 below average +0.48 (n=14)"))
        .stdout(predicate::str::contains("情報政策課").not());
    show("P0011", &[]).success().stdout(predicate::str::contains("No survey results to show"));
    show("P0003", &["--unit", "johoseisaku"]).failure();
    show("P0007", &["--unit", "johoseisaku"]).success().stdout(predicate::str::contains("情報政策課  Overall"));
}

#[test]
fn hr_imports_engagement_results_holding_back_a_unit_under_the_minimum() {
    let (dir, data) = sample_data();
    let csv = dir.path().join("results.csv");
    fs::write(&csv, "unit,question,mean,respondents\njinji,Q4,3.3,14\njinji-ikusei,Q4,2.1,3\n").unwrap();
    let before = fs::read_to_string(data.join("cycles/2026/engagement.toml")).unwrap();
    pdca_cli(&data)
        .args(["--as", "P0003", "engagement", "import"])
        .arg(&csv)
        .assert()
        .failure()
        .stderr(predicate::str::contains("hr role"));
    assert_eq!(fs::read_to_string(data.join("cycles/2026/engagement.toml")).unwrap(), before, "nothing written");
    pdca_cli(&data)
        .args(["--as", "P0007", "engagement", "import"])
        .arg(&csv)
        .assert()
        .success()
        .stdout(predicate::str::contains("stored 1 results"))
        .stderr(predicate::str::contains("line 3: jinji-ikusei Q4 has 3 respondents and is not stored"));
    let stored = fs::read_to_string(data.join("cycles/2026/engagement.toml")).unwrap();
    assert!(stored.contains("unit = \"jinji\"") && !stored.contains("jinji-ikusei"), "{stored}");
    pdca_cli(&data)
        .args(["--as", "P0007", "--today", TODAY, "show", "engagement", "--unit", "jinji"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Q4 3.30"));
    // A row that cannot be read stores nothing at all.
    fs::write(&csv, "unit,question,mean,respondents\njinji,Q4,3.3,14\nnowhere,Q4,3.0,9\n").unwrap();
    pdca_cli(&data)
        .args(["--as", "P0007", "engagement", "import"])
        .arg(&csv)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(":3: unknown unit `nowhere`"));
    assert_eq!(fs::read_to_string(data.join("cycles/2026/engagement.toml")).unwrap(), stored);
}

#[test]
fn the_sheet_shows_the_years_training_and_a_measured_goal_its_basis() {
    let (_dir, data) = sample_data();
    let mine = |actor: &str| {
        pdca_cli(&data).args(["--as", actor, "--today", TODAY, "show", "mine", "--width", "200"]).assert()
    };
    mine("P0010").success().stdout(predicate::str::contains("training: <<メンター研修: completed>>"));
    mine("P0001")
        .success()
        .stdout(predicate::str::contains("Measured: 6 名\n  6 people completed DX推進研修 (7 units)"))
        .stdout(predicate::str::contains("of 23 people with 2 or more 1on1s"));
}
