//! Confirmed means confirmed: once a sheet is confirmed (確定) its owner cannot
//! change what the confirmation sealed until the sheet is sent back; a change made
//! by hand anyway is an error in `pdca check`; goals added or removed after approval
//! carry their reason. The sample's 鳴海 翔 (P0011) has a confirmed sheet.

use crate::common;

use std::fs;
use std::path::Path;

use common::workspace as open;
use common::{pdca_cli, replace_in, sample_data, today};
use pdca::model::command::Command;
use pdca::model::edit::{Edit, GoalFields};
use pdca::model::policy::Refusal;
use pdca::model::{ActionItem, GoalChange, Level, LogEntry, LogKind, SelfCheck, SheetState, Step};
use pdca::workspace::CommandError;

const OWNER: &str = "P0011";
const GOAL: &str = "P0011-2026-1";
/// P0011's reviewer is P0003, whose reviewer P0001 confirms.
const CONFIRMER: &str = "P0001";

fn goals_file(data: &Path) -> std::path::PathBuf {
    data.join("cycles/2026/goals/P0011.toml")
}

fn self_check(level: Level) -> Edit {
    let check = SelfCheck { level, comment: "やり直し".into(), date: Some(today()), extra: Default::default() };
    Edit::SetSelfCheck { goal: GOAL.into(), check }
}

fn refused(result: Result<pdca::workspace::Changed, CommandError>) -> bool {
    matches!(result, Err(CommandError::Refused(Refusal::SheetConfirmed(person))) if person == OWNER)
}

#[test]
fn a_confirmed_self_level_cannot_be_changed_until_the_sheet_is_sent_back() {
    let (_dir, data) = sample_data();
    let before = fs::read(goals_file(&data)).unwrap();
    let mut workspace = open(&data, OWNER);
    assert_eq!(pdca::model::policy::sheet_state(&workspace.world, OWNER), SheetState::Confirmed);
    let reason = || Some((today(), "見直し".to_owned()));
    let goal = workspace.world.goals_of(OWNER)[0].clone();
    let sealed = [
        self_check(Level::D),
        Edit::UpdateGoal {
            goal: GOAL.into(),
            fields: GoalFields { weight: Some(30), ..GoalFields::of(&goal).unwrap() },
            revision: reason(),
        },
        Edit::AddGoal {
            fields: GoalFields { title: "追加".into(), ..GoalFields::default() },
            carried_from: None,
            revision: reason(),
        },
        Edit::RemoveGoal { goal: "P0011-2026-2".into(), revision: reason() },
    ];
    for edit in sealed {
        let result = workspace.execute(Command::Sheet(edit.clone()));
        assert!(refused(result), "{edit:?} went through on a confirmed sheet");
    }
    assert_eq!(fs::read(goals_file(&data)).unwrap(), before, "nothing was written");

    // Work that is not evaluated goes on: Do entries, action items (the Action phase).
    let entry = LogEntry {
        date: today(),
        kind: LogKind::Practice,
        text: "引継ぎ".into(),
        course: None,
        completed: false,
        extra: Default::default(),
    };
    workspace.execute(Command::Sheet(Edit::AddLog { goal: GOAL.into(), entry })).unwrap();
    let item = ActionItem {
        issue: "次年度の案内".into(),
        measure: "紙申込の理由を分析".into(),
        due: None,
        done: false,
        carried_from: None,
        extra: Default::default(),
    };
    workspace.execute(Command::Sheet(Edit::AddAction { goal: GOAL.into(), item })).unwrap();

    // Sent back by the one who confirmed, the sheet opens again; confirmed again, the
    // confirmation seals the new level.
    let mut confirmer = open(&data, CONFIRMER);
    let send_back =
        Command::Step { person: OWNER.into(), step: Step::SendBack, comment: "自己評価の見直し".into() };
    confirmer.execute(send_back).unwrap();
    let mut workspace = open(&data, OWNER);
    workspace.execute(Command::Sheet(self_check(Level::B))).unwrap();
    let mut confirmer = open(&data, CONFIRMER);
    confirmer.execute(Command::Step { person: OWNER.into(), step: Step::Confirm, comment: String::new() }).unwrap();
    let record = confirmer.world.feedback_file(CONFIRMER).unwrap().sheet.last().unwrap().clone();
    let sealed = record.confirmed.expect("a confirmation records what it confirmed");
    assert_eq!((sealed.checks[0].goal.as_str(), sealed.checks[0].level), (GOAL, Level::B));
    assert_eq!(record.plan.get().unwrap().len(), 2);
    let mut workspace = open(&data, OWNER);
    assert!(refused(workspace.execute(Command::Sheet(self_check(Level::D)))));
}

fn check(data: &Path) -> (Option<i32>, String) {
    let output = pdca_cli(data).arg("check").output().unwrap();
    (output.status.code(), String::from_utf8(output.stdout).unwrap())
}

#[test]
fn a_confirmed_sheet_changed_by_hand_is_an_error_in_check() {
    let (_dir, data) = sample_data();
    assert_eq!(check(&data).0, Some(0));
    let file = goals_file(&data);
    replace_in(&file, "[goals.check]\nlevel = \"A\"", "[goals.check]\nlevel = \"D\"");
    replace_in(&file, "weight = 40", "weight = 30");
    replace_in(
        &data.join("cycles/2026/feedback/P0003.toml"),
        "goal = \"P0011-2026-1\"\nlevel = \"A\"",
        "goal = \"P0011-2026-1\"\nlevel = \"S\"",
    );
    let (code, stdout) = check(&data);
    assert_eq!(code, Some(1));
    let root = data.display();
    let confirmed = "changed after the sheet was confirmed at 2026-11-12T11:00:00+09:00";
    let by_hand =
        "the program refuses such a change, so it was made by hand: restore it, or have the sheet sent back first";
    for expected in [
        format!(
            "{root}/cycles/2026/goals/P0011.toml:5:6: error: P0011-2026-1: {confirmed}: self-evaluation level A → D; {by_hand}"
        ),
        format!(
            "{root}/cycles/2026/goals/P0011.toml:55:6: error: P0011-2026-2: {confirmed}: `weight` 40 → 30; {by_hand}"
        ),
        format!(
            "{root}/cycles/2026/feedback/P0003.toml:154:6: error: P0011-2026-1: {confirmed}: reviewer's level A → S; {by_hand}"
        ),
    ] {
        assert!(stdout.lines().any(|line| line == expected), "no line\n{expected}\nin\n{stdout}");
    }
    // The export refuses it, and --force exports it with the error said, leaving nothing out.
    let export = pdca_cli(&data).args(["--as", "P0007", "export"]).output().unwrap();
    assert_eq!(export.status.code(), Some(1));
}

#[test]
fn a_confirmation_of_older_data_without_a_snapshot_is_only_a_warning() {
    let (_dir, data) = sample_data();
    let feedback = data.join("cycles/2026/feedback/P0001.toml");
    let text = fs::read_to_string(&feedback).unwrap();
    let start = text.find("\n# 確定した内容の控え").unwrap();
    let end = text.find("\n# 鳴海主事の二次評価").unwrap();
    fs::write(&feedback, format!("{}\n{}", &text[..start], &text[end..])).unwrap();
    replace_in(&goals_file(&data), "[goals.check]\nlevel = \"A\"", "[goals.check]\nlevel = \"D\"");
    let (code, stdout) = check(&data);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(stdout.contains(
        "feedback/P0001.toml:217:10: warning: P0011: the sheet was confirmed at 2026-11-12T11:00:00+09:00 by a record \
         without a snapshot of what was confirmed"
    ), "{stdout}");
}

#[test]
fn a_goal_added_or_removed_after_approval_needs_a_reason_and_keeps_it() {
    let (_dir, data) = sample_data();
    // P0020's sheet is approved.
    let mut workspace = open(&data, "P0020");
    let goal = workspace.world.goals_of("P0020")[0].clone();
    let remove = |revision| Command::Sheet(Edit::RemoveGoal { goal: goal.id.clone(), revision });
    let refused = workspace.execute(remove(None));
    assert!(matches!(refused, Err(CommandError::Refused(Refusal::RevisionReasonRequired))), "{refused:?}");
    workspace.execute(remove(Some((today(), "事業の中止".into())))).unwrap();
    let add = Edit::AddGoal {
        fields: GoalFields { title: "新しい取組".into(), weight: Some(10), ..GoalFields::default() },
        carried_from: None,
        revision: Some((today(), "年度途中の新規事業".into())),
    };
    workspace.execute(Command::Sheet(add)).unwrap();
    let file = workspace.world.goals_file("P0020").unwrap();
    let kept: Vec<(GoalChange, &str, &str)> =
        file.revisions.iter().map(|r| (r.change, r.title.as_str(), r.reason.as_str())).collect();
    assert_eq!(
        kept,
        [
            (GoalChange::Removed, goal.title.as_str(), "事業の中止"),
            (GoalChange::Added, "新しい取組", "年度途中の新規事業")
        ]
    );
    // The sheet says what was removed and why, and the added goal's Plan pane says why it came.
    let shown = pdca_cli(&data).args(["--as", "P0020", "show", "mine", "--width", "200"]).output().unwrap();
    let shown = String::from_utf8(shown.stdout).unwrap();
    assert!(shown.contains(&format!("removed: {} (2026-11-20 事業の中止)", goal.title)), "{shown}");
    assert!(shown.contains("年度途中の新規事業"), "{shown}");
}
