//! The 能力評価 half and calibration on the bundled sample: the framework from the
//! seed, ratings that fit each sheet's state, the recorded adjustment, and how the
//! store and `pdca check` treat the new files.

use crate::common;

use std::fs;

use chrono::{FixedOffset, TimeZone};
use common::{pdca_cli, sample_data};
use pdca::model::calibration::{self, FinalValue, Flag, Outcome, Scope};
use pdca::model::competency::{LevelGroup, Rater, competency_sheet};
use pdca::model::score::evaluate;
use pdca::model::workflow::{WorkflowError, record, sheet_state};
use pdca::model::{Hierarchy, Level, ProblemKind, SheetState, Source, Step, Timestamp};
use pdca::store::{Snapshot, Store};
use predicates::prelude::*;

fn load(data: &std::path::Path) -> Snapshot {
    let snapshot = Store::new(data).load(Some("2026")).unwrap();
    assert!(snapshot.problems.is_empty(), "{:?}", snapshot.problems);
    snapshot
}

fn november(day: u32, hour: u32) -> Timestamp {
    Timestamp(FixedOffset::east_opt(9 * 3600).unwrap().with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap())
}

#[test]
fn the_sample_framework_has_the_seeds_fourteen_abilities_by_level_group() {
    let (_dir, data) = sample_data();
    let snapshot = load(&data);
    let framework = snapshot.data.competencies.as_ref().expect("the sample ships competencies.toml");
    let groups: Vec<&str> = framework.groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(groups, ["業務遂行能力", "業務遂行の度合い", "意欲・態度", "倫理観"]);
    // The seed's table: 主事級 has no マネジメント能力 or リーダーシップ力; 技能労務 also no 企画力.
    let counts: Vec<usize> = LevelGroup::ALL.iter().map(|&group| framework.applicable(group).count()).collect();
    assert_eq!(counts, [14, 14, 14, 14, 12, 11]);
    let skipped = |group| {
        framework.abilities.iter().filter(|a| !a.applies_to(group)).map(|a| a.name.as_str()).collect::<Vec<_>>()
    };
    assert_eq!(skipped(LevelGroup::Staff), ["マネジメント能力", "リーダーシップ力"]);
    assert_eq!(skipped(LevelGroup::SkilledLabour), ["企画力", "マネジメント能力", "リーダーシップ力"]);
    for ability in &framework.abilities {
        for group in LevelGroup::ALL.into_iter().filter(|&group| ability.applies_to(group)) {
            assert!(ability.anchor(group).is_some(), "{} has no anchor for {}", ability.id, group.key());
            assert_ne!(ability.anchor_en(group), ability.anchor(group), "{} {} in English", ability.id, group.key());
        }
        assert!(!ability.name_en.is_empty() && !ability.description_en.is_empty(), "{}", ability.id);
    }
}

#[test]
fn every_sheet_has_the_ratings_its_state_requires() {
    let (_dir, data) = sample_data();
    let snapshot = load(&data);
    let hierarchy = Hierarchy::new(&snapshot.org);
    for person in &snapshot.org.people {
        let state = sheet_state(&hierarchy, &snapshot.data, &person.id).state;
        let sheet = competency_sheet(&hierarchy, &snapshot.data, &person.id)
            .unwrap_or_else(|| panic!("{} has no level group", person.id));
        if state >= SheetState::SelfChecked {
            assert!(sheet.unrated(Rater::Owner).is_empty(), "{} is self-checked", person.id);
        }
        if state >= SheetState::Reviewed {
            assert!(sheet.unrated(Rater::Reviewer).is_empty(), "{} is reviewed", person.id);
        }
    }
    let group = |id: &str| competency_sheet(&hierarchy, &snapshot.data, id).unwrap().group;
    assert_eq!(
        (group("P0010"), group("P0017"), group("P0001")),
        (LevelGroup::Supervisor, LevelGroup::SkilledLabour, LevelGroup::Director)
    );
}

#[test]
fn the_confirmed_sheet_has_both_halves_and_an_adjustment_by_hr() {
    // 鳴海 (主事級): goal score 4.00 (goal 1 medium at A; goal 2 unrated). Abilities:
    // 佐々木 gave 7 S and 5 A, 工藤 (second reviewer) turned two S into A: 5 S + 7 A =
    // 53 / 12 = 4.42. Overall (4.00 + 4.42) / 2 = 4.21, level A; adjusted to B.
    let (_dir, data) = sample_data();
    let snapshot = load(&data);
    let hierarchy = Hierarchy::new(&snapshot.org);
    let formula = snapshot.info.score_formula();
    let (evaluation, result) = calibration::final_result(&hierarchy, &snapshot.data, &formula, "P0011");
    assert_eq!(evaluation.performance.score, Some(4.0));
    assert_eq!(evaluation.competency.as_ref().unwrap().1.score, Some(4.42));
    assert_eq!(result.computed, Outcome { score: Some(4.21), level: Some(Level::A) });
    assert_eq!(result.adjusted, Outcome { score: Some(4.21), level: Some(Level::B) });
    assert!(result.ignored.is_empty());
    let applied = &result.applied[0];
    assert_eq!((applied.record.by.as_str(), applied.stale), ("P0007", false));
    assert!(!applied.record.reason.is_empty());
    // The ratings stand as the reviewers gave them.
    let sheet = &evaluation.competency.as_ref().unwrap().0;
    let accuracy = sheet.abilities.iter().find(|a| a.ability.id == "accuracy").unwrap();
    assert_eq!(
        (accuracy.level(Rater::Reviewer), accuracy.level(Rater::SecondReviewer)),
        (Some(Level::S), Some(Level::A))
    );
    // 石岡 (技能労務): goal score 2.40; 9 B and 2 A = 35 / 11 = 3.18; overall 2.79, B.
    let overall = evaluate(&hierarchy, &snapshot.data, &formula, "P0017").overall;
    assert_eq!((overall.score, overall.level, overall.complete), (Some(2.79), Some(Level::B), true));
}

#[test]
fn calibration_of_the_reviewed_sheets_shows_distribution_gaps_and_the_adjustment() {
    let (_dir, data) = sample_data();
    let mut snapshot = load(&data);
    let rules = snapshot.info.calibration.clone().expect("the sample sets [calibration]");
    assert_eq!(rules.bands.get(&Level::A), Some(&0.25));
    let formula = snapshot.info.score_formula();
    let hierarchy = Hierarchy::new(&snapshot.org);
    let subjects = calibration::subjects(&hierarchy, &snapshot.data, &formula, SheetState::Reviewed);
    let ids: Vec<&str> = subjects.iter().map(|s| s.person.id.as_str()).collect();
    assert_eq!(ids, ["P0011", "P0017"]);
    let report = calibration::report(&subjects, &rules, &formula);
    assert_eq!(report.all.levels.count(Level::B), 2);
    assert!(report.flags.is_empty(), "{:?}", report.flags);
    // 鳴海 rates every ability one level below 佐々木 and goal 1 the same: -12 / 13.
    // 石岡 rates two abilities C where 三上 gave B: -2 / 11.
    let gaps: Vec<(&str, usize, f64)> =
        report.gaps.iter().map(|g| (g.person.as_str(), g.gap.pairs, g.gap.mean)).collect();
    assert_eq!(gaps, [("P0011", 13, -12.0 / 13.0), ("P0017", 11, -2.0 / 11.0)]);
    // Before the adjustment, half the people were at A, above the band of 25 %.
    let preview = calibration::preview(&subjects, &[], &formula);
    assert_eq!(preview.before, preview.after);
    drop(subjects);
    snapshot.data.calibration.clear();
    let hierarchy = Hierarchy::new(&snapshot.org);
    let unadjusted = calibration::subjects(&hierarchy, &snapshot.data, &formula, SheetState::Reviewed);
    assert_eq!(
        calibration::report(&unadjusted, &rules, &formula).flags,
        [Flag::OverBand { scope: Scope::All, level: Level::A, share: 0.5, limit: 0.25 }]
    );
}

#[test]
fn the_sample_sheets_take_their_next_steps_only_with_every_ability_rated() {
    let (_dir, data) = sample_data();
    let mut snapshot = load(&data);
    let hierarchy = Hierarchy::new(&snapshot.org);
    // 奈良 has rated two of fourteen abilities so far.
    let refused = record(&hierarchy, &snapshot.data, "P0013", "P0013", Step::SelfCheck, "", november(20, 9));
    let Err(WorkflowError::AbilitiesNotRated(not_rated)) = refused else { panic!("{refused:?}") };
    assert_eq!(not_rated.abilities.len(), 12);
    // 長谷川 has rated all fourteen, and 三上 has his ratings of 長谷川 ready.
    let (source, step) =
        record(&hierarchy, &snapshot.data, "P0016", "P0016", Step::SelfCheck, "", november(20, 9)).unwrap();
    assert_eq!(source, Source::Goals { cycle: "2026".into(), person: "P0016".into() });
    snapshot.data.goals.iter_mut().find(|f| f.owner == "P0016").unwrap().sheet.push(step);
    assert!(record(&hierarchy, &snapshot.data, "P0004", "P0016", Step::Review, "", november(20, 10)).is_ok());
}

#[test]
fn an_adjustment_is_recorded_in_the_calibrators_own_file_and_kept_with_unknown_keys() {
    let (_dir, data) = sample_data();
    let store = Store::new(&data);
    let mut snapshot = load(&data);
    let hierarchy = Hierarchy::new(&snapshot.org);
    let formula = snapshot.info.score_formula();
    let (_, current) = calibration::final_result(&hierarchy, &snapshot.data, &formula, "P0017");
    // 工藤 is 石岡's second reviewer (三上's reviewer).
    let (source, record) = calibration::adjust(
        &hierarchy,
        &snapshot.data,
        &current,
        "P0001",
        "P0017",
        FinalValue::Score(3.0),
        "育児休業前の引継ぎを評価し、評点を調整する",
        november(20, 9),
    )
    .unwrap();
    assert_eq!(source, Source::Calibration { cycle: "2026".into(), calibrator: "P0001".into() });
    assert_eq!(record.from, Some(FinalValue::Score(2.79)));
    let mut file = calibration::CalibrationFile::new("P0001", "2026");
    file.adjustment.push(record);
    file.extra.insert("future".into(), toml::Value::Boolean(true));
    store.save(&mut snapshot.versions, &source, &file).unwrap();
    let again = load(&data);
    assert_eq!(again.data.calibration.iter().find(|f| f.calibrator == "P0001"), Some(&file));
    let (_, result) = calibration::final_result(&Hierarchy::new(&again.org), &again.data, &formula, "P0017");
    assert_eq!(result.adjusted, Outcome { score: Some(3.0), level: Some(Level::B) });
    // The framework, saved back, keeps what this version does not know.
    let mut framework = again.data.competencies.clone().unwrap();
    framework.extra.insert("revision".into(), toml::Value::String("令和8年4月".into()));
    let mut again = again;
    store.save(&mut again.versions, &Source::Competencies, &framework).unwrap();
    assert_eq!(load(&data).data.competencies, Some(framework));
}

#[test]
fn broken_competency_files_are_reported_with_their_position() {
    let (_dir, data) = sample_data();
    let framework = data.join("competencies.toml");
    let text = fs::read_to_string(&framework).unwrap();
    fs::write(&framework, text.replacen("staff = \"担当業務に必要な基礎的", "junior = \"担当業務に必要な基礎的", 1))
        .unwrap();
    let goals = data.join("cycles/2026/goals/P0022.toml");
    let text = fs::read_to_string(&goals).unwrap();
    fs::write(&goals, text.replacen("ability = \"speed\"\nlevel = \"A\"", "ability = \"speed\"\nlevel = \"E\"", 1))
        .unwrap();
    let misplaced = data.join("cycles/2026/calibration/P0003.toml");
    fs::copy(data.join("cycles/2026/calibration/P0007.toml"), &misplaced).unwrap();

    let snapshot = Store::new(&data).load(Some("2026")).unwrap();
    assert!(snapshot.data.competencies.is_none(), "a broken framework turns the half off");
    let parse: Vec<(&Source, usize, usize)> = snapshot
        .problems
        .iter()
        .filter(|p| matches!(p.kind, ProblemKind::Parse(_)))
        .map(|p| (&p.source, p.location.unwrap().line, p.location.unwrap().column))
        .collect();
    let framework_line =
        fs::read_to_string(&framework).unwrap().lines().position(|l| l.starts_with("junior")).unwrap() + 1;
    let goals_line = fs::read_to_string(&goals).unwrap().lines().position(|l| l == "level = \"E\"").unwrap() + 1;
    assert_eq!(
        parse,
        [
            (&Source::Competencies, framework_line, 1),
            (&Source::Goals { cycle: "2026".into(), person: "P0022".into() }, goals_line, 9),
        ]
    );
    assert!(
        snapshot
            .problems
            .iter()
            .any(|p| p.source == Source::Calibration { cycle: "2026".into(), calibrator: "P0003".into() }
                && matches!(p.kind, ProblemKind::WrongPlace { field: "calibrator", .. }))
    );

    // `pdca check` names each once (competencies.toml is shared by both cycles).
    let output = pdca_cli(&data).args(["check", "--today", "2026-11-20"]).assert().code(1);
    let stdout = String::from_utf8(output.get_output().stdout.clone()).unwrap();
    let framework_errors = stdout.lines().filter(|l| l.contains("competencies.toml:")).count();
    assert_eq!(framework_errors, 1, "{stdout}");
    assert!(
        stdout.contains(&format!("competencies.toml:{framework_line}:1: error: unknown variant `junior`")),
        "{stdout}"
    );
    assert!(stdout.contains(&format!("goals/P0022.toml:{goals_line}:9: error:")), "{stdout}");
}

#[test]
fn check_reports_a_rating_that_does_not_apply_and_an_adjustment_without_a_reason() {
    let (_dir, data) = sample_data();
    let feedback = data.join("cycles/2026/feedback/P0005.toml");
    let mut text = fs::read_to_string(&feedback).unwrap();
    text.push_str("\n[[competency]]\nperson = \"P0022\"\nability = \"leadership\"\nlevel = \"B\"\n");
    let ability_line = text.lines().count() - 1;
    fs::write(&feedback, text).unwrap();
    let calibration = data.join("cycles/2026/calibration/P0007.toml");
    let text = fs::read_to_string(&calibration).unwrap();
    let reason = text.lines().find(|l| l.starts_with("reason = ")).unwrap().to_owned();
    fs::write(&calibration, text.replace(&reason, "reason = \"\"")).unwrap();
    pdca_cli(&data)
        .args(["check", "--today", "2026-11-20"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "feedback/P0005.toml:{ability_line}:11: error: leadership: ability `leadership` is not rated at the staff level"
        )))
        .stdout(predicate::str::contains(
            "calibration/P0007.toml:7:10: error: P0011: the adjustment of P0011 is ignored: it has no `reason`",
        ))
        .stdout(predicate::str::contains("2 error(s), 14 warning(s)"));
}
