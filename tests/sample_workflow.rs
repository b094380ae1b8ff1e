//! The bundled sample runs the sheet workflow: sheets in varied states, approval
//! snapshots that match the goals, and `pdca check` warnings that are real findings.

use assert_cmd::Command;
use predicates::prelude::*;

use pdca::model::changes::changes_since_approval;
use pdca::model::workflow::{all_sheets, released, visible_feedback};
use pdca::model::{Hierarchy, SheetState};
use pdca::store::Store;

#[test]
fn the_sample_sheets_are_in_varied_states_and_approved_plans_match_the_goals() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    store.init_sample().unwrap();
    let snapshot = store.load(Some("2026")).unwrap();
    let hierarchy = Hierarchy::new(&snapshot.org);
    let sheets = all_sheets(&hierarchy, &snapshot.data);
    assert_eq!(sheets.ignored().count(), 0, "every sample record is a valid step");
    for person in &snapshot.org.people {
        let expected = match person.id.as_str() {
            // 部長 (no reviewer in the data set), the October hire, the person on leave,
            // and 相馬, whose sheet was sent back.
            "P0001" | "P0015" | "P0023" | "P0014" => SheetState::Draft,
            "P0022" => SheetState::SelfChecked,
            "P0017" => SheetState::Reviewed,
            "P0011" => SheetState::Confirmed,
            _ => SheetState::Approved,
        };
        assert_eq!(sheets.state(&person.id), expected, "{}", person.id);
        assert_eq!(changes_since_approval(&hierarchy, &snapshot.data, &person.id), Ok(vec![]), "{}", person.id);
    }
    assert!(released(&hierarchy, &snapshot.data, "P0011"));
    assert!(!visible_feedback(&hierarchy, &snapshot.data, "P0011", "P0011").is_empty());
    // 相馬's mid-term feedback was not shared, so it stays closed to him until his sheet is confirmed.
    assert!(!released(&hierarchy, &snapshot.data, "P0014"));
    assert!(visible_feedback(&hierarchy, &snapshot.data, "P0014", "P0014").is_empty());
}

#[test]
fn check_on_the_sample_warns_about_alignment_and_still_passes() {
    let dir = tempfile::tempdir().unwrap();
    let pdca = || {
        let mut command = Command::cargo_bin("pdca").unwrap();
        command.arg("--data-dir").arg(dir.path()).env_remove("PDCA_DATA_DIR").env("LANG", "C");
        command
    };
    pdca().args(["init", "--sample"]).assert().success();
    pdca()
        .args(["check", "--today", "2026-11-20"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("0 error(s), 14 warning(s)"))
        .stdout(predicate::str::contains(
            "P0014: sheet is still 下書き (draft), but the plan phase ended on 2026-05-31",
        ))
        .stdout(predicate::str::contains("P0015: 棟方 遥 has no goals in this cycle"))
        .stdout(predicate::str::contains("P0007-2026-3: has no `parent`"))
        .stdout(predicate::str::contains(
            "P0017-2026-2: is due 2027-03-31, after the goal it contributes to, `P0004-2026-2` (due 2026-12-26)",
        ))
        .stdout(predicate::str::contains("cycles/2025").not());
}
