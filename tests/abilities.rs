//! 能力評価 through the command path: the owner's self-ratings in their goals file,
//! the reviewer's and second reviewer's in their feedback files, each asked of the
//! policy; a confirmed sheet seals all three; calibration adjustments go to the
//! calibrator's own file with a reason.
//!
//! In the sample, 田中 優斗 (P0022, 主事級) is self-checked under 小山内 (P0005), whose
//! reviewer 工藤 (P0001) is his second reviewer; 鳴海 翔 (P0011) is confirmed, reviewed by
//! 佐々木 (P0003) and second-reviewed by 工藤; 木村 (P0007) is HR.

use crate::common;

use std::fs;
use std::path::Path;

use common::{pdca_cli, sample_data, today, workspace};
use pdca::model::calibration::FinalValue;
use pdca::model::command::{Command, Invalid};
use pdca::model::competency::{AbilityRating, Rater, RatingNotes, SelfRating, competency_sheet};
use pdca::model::edit::{Edit, EditError};
use pdca::model::policy::Refusal;
use pdca::model::{Level, Step};
use pdca::workspace::{CommandError, Workspace};

fn own(ability: &str, level: Level) -> Command {
    let rating = SelfRating {
        ability: ability.into(),
        level,
        notes: RatingNotes { comment: "窓口の手順を自分で見直した".into(), evidence: Default::default() }.into(),
        date: Some(today()),
        extra: Default::default(),
    };
    Command::Sheet(Edit::RateAbility { rating })
}

fn rate(person: &str, ability: &str, level: Level) -> Command {
    Command::RateAbility(AbilityRating {
        person: person.into(),
        ability: ability.into(),
        level,
        comment: "期待どおり".into(),
        date: Some(today()),
        extra: Default::default(),
    })
}

fn level_of(workspace: &Workspace, person: &str, ability: &str, rater: Rater) -> Option<Level> {
    let sheet = competency_sheet(&workspace.world.hierarchy(), &workspace.world.data, person).unwrap();
    sheet.abilities.iter().find(|levels| levels.ability.id == ability).and_then(|levels| levels.level(rater))
}

#[test]
fn each_rater_writes_their_own_file_and_a_new_rating_replaces_their_last() {
    let (_dir, data) = sample_data();
    let mut owner = workspace(&data, "P0022");
    owner.execute(own("planning", Level::S)).unwrap();
    owner.execute(own("planning", Level::A)).unwrap();
    assert_eq!(level_of(&owner, "P0022", "planning", Rater::Owner), Some(Level::A));
    let text = fs::read_to_string(data.join("cycles/2026/goals/P0022.toml")).unwrap();
    assert_eq!(text.matches("ability = \"planning\"").count(), 1, "one entry per ability:\n{text}");

    let mut reviewer = workspace(&data, "P0005");
    reviewer.execute(rate("P0022", "planning", Level::B)).unwrap();
    let mut second = workspace(&data, "P0001");
    second.execute(rate("P0022", "planning", Level::C)).unwrap();
    let reloaded = workspace(&data, "P0007");
    assert_eq!(level_of(&reloaded, "P0022", "planning", Rater::Reviewer), Some(Level::B));
    assert_eq!(level_of(&reloaded, "P0022", "planning", Rater::SecondReviewer), Some(Level::C));
    let written = fs::read_to_string(data.join("cycles/2026/feedback/P0005.toml")).unwrap();
    assert!(written.contains("person = \"P0022\"\nability = \"planning\"\nlevel = \"B\""), "{written}");
}

#[test]
fn a_self_rating_names_its_whole_evidence_so_rating_without_any_unlinks_it() {
    let (_dir, data) = sample_data();
    let path = data.join("cycles/2026/goals/P0022.toml");
    // 田中's 判断力 cites his 2026-08-29 entry; a key this version does not know stays with it.
    common::replace_in(
        &path,
        "goal = \"P0022-2026-1\"\ndate = 2026-08-29\n",
        "goal = \"P0022-2026-1\"\ndate = 2026-08-29\nnote = \"x\"\n",
    );
    let mut owner = workspace(&data, "P0022");
    let cites = |goal: &str, date: (i32, u32, u32)| pdca::model::competency::LogRef {
        goal: goal.into(),
        date: pdca::model::Date::from_ymd(date.0, date.1, date.2).unwrap(),
        extra: Default::default(),
    };
    let with = |evidence| {
        let Command::Sheet(Edit::RateAbility { mut rating }) = own("judgement", Level::B) else { unreachable!() };
        rating.notes.get_mut().unwrap().evidence = evidence;
        Command::Sheet(Edit::RateAbility { rating })
    };
    owner.execute(with(vec![cites("P0022-2026-1", (2026, 8, 29)), cites("P0022-2026-2", (2026, 11, 18))])).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(
        text.contains(
            "date = 2026-08-29\nnote = \"x\"\n\n[[competencies.evidence]]\ngoal = \"P0022-2026-2\"\ndate = 2026-11-18"
        ),
        "{text}"
    );
    owner.execute(own("judgement", Level::B)).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(!text.contains("[[competencies.evidence]]\ngoal = \"P0022-2026-2\""), "all unlinked:\n{text}");
    assert_eq!(text.matches("[[competencies.evidence]]").count(), 2, "the other abilities' evidence stays");
}

#[test]
fn only_the_raters_rate_and_only_abilities_of_the_persons_group() {
    let (_dir, data) = sample_data();
    // 三上 is a section head, but not above 田中.
    let mut peer = workspace(&data, "P0004");
    let refused = peer.execute(rate("P0022", "planning", Level::B));
    assert!(matches!(refused, Err(CommandError::Refused(Refusal::Denied(_)))), "{refused:?}");
    // 主事級 has no マネジメント能力.
    let mut reviewer = workspace(&data, "P0005");
    let wrong = reviewer.execute(rate("P0022", "management", Level::B));
    assert!(matches!(wrong, Err(CommandError::Invalid(Invalid::Edit(EditError::UnknownAbility(_))))), "{wrong:?}");
    let mut owner = workspace(&data, "P0022");
    let unknown = owner.execute(own("telepathy", Level::A));
    assert!(matches!(unknown, Err(CommandError::Invalid(Invalid::Edit(EditError::UnknownAbility(_))))));
}

#[test]
fn nothing_of_a_confirmed_evaluations_abilities_moves() {
    let (_dir, data) = sample_data();
    let files = ["goals/P0011.toml", "feedback/P0003.toml", "feedback/P0001.toml"];
    let read = || files.map(|file| fs::read(data.join("cycles/2026").join(file)).unwrap());
    let before = read();
    let confirmed = |result: Result<_, CommandError>| matches!(result, Err(CommandError::Refused(Refusal::SheetConfirmed(person))) if person == "P0011");
    assert!(confirmed(workspace(&data, "P0011").execute(own("planning", Level::S))));
    assert!(confirmed(workspace(&data, "P0003").execute(rate("P0011", "planning", Level::B))));
    assert!(confirmed(workspace(&data, "P0001").execute(rate("P0011", "accuracy", Level::S))));
    assert_eq!(read(), before, "nothing was written");
}

#[test]
fn a_raters_ability_level_changed_by_hand_after_confirmation_is_an_error() {
    let (_dir, data) = sample_data();
    let check = || pdca_cli(&data).arg("check").output().unwrap();
    assert_eq!(check().status.code(), Some(0));
    let path = data.join("cycles/2026/feedback/P0001.toml");
    let text = fs::read_to_string(&path).unwrap();
    let second = "[[competency]]\nperson = \"P0011\"\nability = \"accuracy\"\nlevel = \"A\"";
    assert!(text.contains(second));
    fs::write(&path, text.replace(second, &second.replace("\"A\"", "\"S\""))).unwrap();
    let output = check();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("second reviewer's ability level A → S"), "{stdout}");
}

#[test]
fn the_confirm_step_records_the_raters_ability_levels() {
    let (_dir, data) = sample_data();
    // 石岡 (P0017, 技能労務) is reviewed by 三上 (P0004), who is confirmed by 工藤 (P0001).
    let mut confirmer = workspace(&data, "P0001");
    let step = Command::Step { person: "P0017".into(), step: Step::Confirm, comment: String::new() };
    confirmer.execute(step).unwrap();
    let file = fs::read_to_string(data.join("cycles/2026/feedback/P0001.toml")).unwrap();
    let sealed = "[[sheet.confirmed.ability_reviews]]\nability = \"knowledge\"\nby = \"reviewer\"\nlevel = \"B\"";
    assert!(file.contains(sealed), "{file}");
    // And from then on the reviewer's level stays.
    let refused = workspace(&data, "P0004").execute(rate("P0017", "knowledge", Level::A));
    assert!(matches!(refused, Err(CommandError::Refused(Refusal::SheetConfirmed(_)))), "{refused:?}");
}

#[test]
fn an_adjustment_needs_a_calibrator_and_a_reason_and_goes_to_their_file() {
    let (_dir, data) = sample_data();
    let adjust = |reason: &str| Command::Adjust {
        person: "P0017".into(),
        to: FinalValue::Level(Level::C),
        reason: reason.into(),
    };
    let refused = workspace(&data, "P0004").execute(adjust("甘すぎる"));
    assert!(matches!(refused, Err(CommandError::Refused(Refusal::Denied(_)))), "{refused:?}");
    let mut hr = workspace(&data, "P0007");
    let no_reason = hr.execute(adjust("  "));
    assert!(matches!(no_reason, Err(CommandError::Invalid(Invalid::Calibration(_)))), "{no_reason:?}");
    hr.execute(adjust("評価調整会議で他課と均衡を取った")).unwrap();
    let file = fs::read_to_string(data.join("cycles/2026/calibration/P0007.toml")).unwrap();
    assert!(file.contains("person = \"P0017\"\nwhat = \"level\"\nfrom = \"B\"\nto = \"C\""), "{file}");
    assert!(file.contains("reason = \"評価調整会議で他課と均衡を取った\""), "{file}");
    // The earlier adjustment of 鳴海 is kept as it was.
    assert!(file.contains("person = \"P0011\""));
}

fn show_calibration(data: &Path, args: &[&str]) -> std::process::Output {
    let mut command = pdca_cli(data);
    command.args(["--lang", "en"]).args(args).args(["show", "calibration", "--width", "100"]);
    command.output().unwrap()
}

#[test]
fn show_calibration_prints_the_distribution_by_reviewer_and_each_persons_result() {
    let (_dir, data) = sample_data();
    let output = show_calibration(&data, &["--as", "P0007"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[1], "Calibration: distribution by reviewer");
    assert_eq!(lines[2], "Reviewer                     People  S  A  B  C  D  Mean    Gap Flags");
    // 鳴海 computed A, adjusted to B by HR; 石岡 B.
    assert_eq!(lines[5], "All                               2  0  0  2  0  0  3.92  -0.58");
    // The sample's bands in pdca.toml against the final levels.
    assert_eq!(lines[6], "Bands  S ≤5%: 0%  A ≤25%: 0%");
    assert!(lines[9].starts_with("鳴海 翔 主事 (P0011)        佐々木 隆 課長"), "{stdout}");
    assert!(lines[9].ends_with("A 4.21   B 4.21"), "{stdout}");
    assert!(lines[10].starts_with("  adjusted by 木村 あゆみ 主査: 評価調整会議（11月19日）による。"), "{stdout}");

    let one = {
        let mut command = pdca_cli(&data);
        command.args(["--as", "P0007", "show", "calibration", "--reviewer"]).output().unwrap()
    };
    assert_ne!(one.status.code(), Some(0), "--reviewer needs an id");
}

#[test]
fn show_calibration_previews_tried_levels_without_recording_and_refuses_bad_trials() {
    let (_dir, data) = sample_data();
    let calibration = data.join("cycles/2026/calibration/P0007.toml");
    let before = std::fs::read(&calibration).unwrap();
    let tried = |trials: &[&str]| {
        let mut command = pdca_cli(&data);
        command.args(["--lang", "en", "--as", "P0007", "show", "calibration", "--width", "100"]);
        command.args(trials.iter().flat_map(|trial| ["--try", trial])).output().unwrap()
    };
    let output = tried(&["P0017=A", "P0011=s"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    // Both B now; tried: 鳴海 S and 石岡 A, one each of two people (50 %), over both bands.
    assert_eq!(lines[5], "All                               2  0  0  2  0  0  3.92  -0.58");
    assert_eq!(lines[6], "Tried (not saved)                 2  1  1  0  0  0  3.92  -0.58");
    assert_eq!(lines[7], "Bands  S ≤5%: 0% → 50% over  A ≤25%: 0% → 50% over");
    assert!(lines[10].ends_with("B 4.21 try S"), "{stdout}");
    assert!(stdout.lines().any(|line| line.starts_with("石岡") && line.ends_with("B 2.79 try A")), "{stdout}");
    assert_eq!(std::fs::read(&calibration).unwrap(), before, "a trial records nothing");

    for (trial, error) in [
        ("P0017", "--try P0017: write PERSON=LEVEL with a level S–D"),
        ("P0017=E", "--try P0017=E: write PERSON=LEVEL"),
        ("P0022=A", "--try P0022: not among the people you calibrate"),
    ] {
        let refused = tried(&[trial]);
        assert_eq!(refused.status.code(), Some(2), "{trial}");
        let stderr = String::from_utf8_lossy(&refused.stderr);
        assert!(stderr.contains(error), "{trial}: {stderr}");
    }
}

#[test]
fn show_calibration_narrows_by_reviewer_and_unit_and_refuses_others() {
    let (_dir, data) = sample_data();
    let mut narrowed = pdca_cli(&data);
    narrowed.args(["--lang", "en", "--as", "P0001", "show", "calibration", "--reviewer", "P0004"]);
    let stdout = String::from_utf8_lossy(&narrowed.output().unwrap().stdout).into_owned();
    assert!(stdout.contains("石岡 由紀子") && !stdout.contains("鳴海 翔"), "{stdout}");
    let mut unit = pdca_cli(&data);
    unit.args(["--lang", "en", "--as", "P0007", "show", "calibration", "--unit", "jinji"]);
    let stdout = String::from_utf8_lossy(&unit.output().unwrap().stdout).into_owned();
    assert!(stdout.contains("鳴海 翔") && !stdout.contains("石岡 由紀子"), "{stdout}");

    let refused = show_calibration(&data, &["--as", "P0022"]);
    assert_ne!(refused.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("outside what P0022 may read"), "{stderr}");
    let mut unknown = pdca_cli(&data);
    unknown.args(["--lang", "en", "--as", "P0007", "show", "calibration", "--reviewer", "P9999"]);
    let stderr = String::from_utf8_lossy(&unknown.output().unwrap().stderr).into_owned();
    assert!(stderr.contains("--reviewer P9999: no such person in org.toml"), "{stderr}");
}
