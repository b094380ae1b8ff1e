//! The instruments on the bundled sample: 1on1 files, engagement results, training
//! entries and the department head's measured goals, through the store, the
//! model's read rules and `pdca check` / `pdca export`.

use crate::common;

use std::fs;

use common::sample_data as sample;
use pdca::hr::engagement as engagement_csv;
use pdca::messages::Message;
use pdca::model::engagement::{EngagementFile, unit_summary};
use pdca::model::meetings::{self, MeetingsFile};
use pdca::model::training::CourseList;
use pdca::model::units::UnitTree;
use pdca::model::{Cascade, Date, Hierarchy, LogEntry, LogKind, Measurements, ProblemKind, Source, agenda};
use pdca::store::{Snapshot, Store};

fn load(data: &std::path::Path) -> Snapshot {
    let snapshot = Store::new(data).load(None).unwrap();
    assert!(snapshot.problems.is_empty(), "{:?}", snapshot.problems);
    snapshot
}

fn day(text: &str) -> Date {
    Date(text.parse().unwrap())
}

fn measured_cascade(snapshot: &Snapshot) -> Cascade {
    let measurements = Measurements::compute(&snapshot.org, &snapshot.data, &snapshot.info.engagement_settings());
    Cascade::build_measured(&snapshot.data, &measurements)
}

fn progress(cascade: &Cascade, data: &pdca::model::CycleData, goal: &str) -> f64 {
    cascade.nodes[cascade.node_of_goal(data, goal).unwrap()].progress
}

#[test]
fn the_sample_instruments_load_and_save_back_unchanged() {
    let (_dir, data) = sample();
    let store = Store::new(&data);
    let mut snapshot = load(&data);
    let instruments = snapshot.data.instruments.clone();
    assert_eq!(instruments.meetings.len(), 9);
    assert_eq!(instruments.courses.as_ref().map(|list| list.courses.len()), Some(14));
    assert_eq!(instruments.questions.questions.len(), 13, "the seed's questions, as no file replaces them");
    let engagement = instruments.engagement.clone().unwrap();
    assert_eq!(engagement.all_results_including_suppressed().len(), 5 * 13);
    for file in &instruments.meetings {
        let source = Source::Meetings { cycle: "2026".into(), writer: file.writer };
        store.save(&mut snapshot.versions, &source, file).unwrap();
    }
    store.save(&mut snapshot.versions, &Source::Engagement("2026".into()), &engagement).unwrap();
    store.save(&mut snapshot.versions, &Source::Courses, instruments.courses.as_ref().unwrap()).unwrap();
    assert_eq!(load(&data).data.instruments, instruments);
    // The previous cycle's results are there to compare with.
    assert_eq!(store.previous_cycle("2026").unwrap().as_deref(), Some("2025"));
    assert!(store.read_engagement(&"2025".into()).unwrap().is_some());
}

#[test]
fn keys_this_version_does_not_know_survive_in_the_instrument_files() {
    let (_dir, data) = sample();
    let store = Store::new(&data);
    let meetings = "writer = \"P0011\"\ncycle = \"2026\"\nfuture = \"kept\"\n\n[[meetings]]\ndate = 2026-11-02\n\
                    with = \"P0003\"\nkind = \"manager\"\nnotes = \"面談\"\nmood = 4\n\n[[meetings.actions]]\n\
                    text = \"報告する\"\nfuture_action_key = true\n";
    let courses = "future_list_key = 1\n\n[[courses]]\nname = \"DX推進研修\"\ncategory = \"特別研修\"\nhours = 12\n";
    fs::write(data.join("cycles/2026/meetings/P0011.toml"), meetings).unwrap();
    fs::write(data.join("courses.toml"), courses).unwrap();
    let mut snapshot = load(&data);
    let file: MeetingsFile = snapshot.data.instruments.meetings.iter().find(|f| f.writer == "P0011").unwrap().clone();
    let list: CourseList = snapshot.data.instruments.courses.clone().unwrap();
    store
        .save(&mut snapshot.versions, &Source::Meetings { cycle: "2026".into(), writer: "P0011".into() }, &file)
        .unwrap();
    store.save(&mut snapshot.versions, &Source::Courses, &list).unwrap();
    assert_eq!(fs::read_to_string(data.join("cycles/2026/meetings/P0011.toml")).unwrap(), meetings);
    assert_eq!(fs::read_to_string(data.join("courses.toml")).unwrap(), courses);
}

#[test]
fn broken_or_misplaced_instrument_files_are_reported_and_never_written() {
    let (_dir, data) = sample();
    let store = Store::new(&data);
    fs::write(data.join("cycles/2026/engagement.toml"), "cycle = \"2026\"\n\n[[results]]\nunit = \"jinji\"\nmean = \n")
        .unwrap();
    let misplaced = fs::read_to_string(data.join("cycles/2026/meetings/P0016.toml")).unwrap();
    fs::write(data.join("cycles/2026/meetings/P0015.toml"), misplaced).unwrap();
    let mut snapshot = store.load(None).unwrap();
    let engagement = Source::Engagement("2026".into());
    let broken = snapshot.problems.iter().find(|p| p.source == engagement).unwrap();
    assert_eq!(broken.location.map(|at| (at.line, at.column)), Some((5, 8)));
    assert!(snapshot.data.instruments.engagement.is_none());
    let wrong =
        snapshot.problems.iter().find(|p| matches!(&p.source, Source::Meetings { writer, .. } if writer == "P0015"));
    assert!(matches!(wrong.map(|p| &p.kind), Some(ProblemKind::WrongPlace { field: "writer", .. })), "{wrong:?}");
    assert_eq!(snapshot.data.instruments.meetings.len(), 9, "the misplaced file is left out, the rest loads");
    assert!(snapshot.is_broken(&engagement));
    let refused = store.save(&mut snapshot.versions, &engagement, &EngagementFile::new("2026", Vec::new()));
    assert!(refused.is_err(), "a file that did not parse is never written over");
}

#[test]
fn recording_one_dx_completion_moves_the_department_heads_goal() {
    let (_dir, data) = sample();
    let store = Store::new(&data);
    let mut snapshot = load(&data);
    // Six people of 総務部 completed DX推進研修: 6 of the 10 the 部長 aims for.
    assert_eq!(progress(&measured_cascade(&snapshot), &snapshot.data, "P0001-2026-1"), 60.0);
    // 古川 (P0023) has no sheet yet; 石岡 (P0017) finishes the second course.
    let mut file = snapshot.data.goals.iter().find(|f| f.owner == "P0017").unwrap().clone();
    file.goals[1].log.get_mut().unwrap().push(LogEntry {
        date: day("2026-11-19"),
        kind: LogKind::OffJt,
        text: "DX推進研修（第2期）を修了。".into(),
        course: Some("DX推進研修".into()),
        completed: true,
        extra: Default::default(),
    });
    store.save(&mut snapshot.versions, &Source::Goals { cycle: "2026".into(), person: "P0017".into() }, &file).unwrap();
    let snapshot = load(&data);
    let cascade = measured_cascade(&snapshot);
    assert_eq!(progress(&cascade, &snapshot.data, "P0001-2026-1"), 70.0);
    assert!(cascade.nodes[cascade.node_of_goal(&snapshot.data, "P0001-2026-1").unwrap()].measured);
    // The export follows the data too.
    let output = common::pdca_cli(&data).args(["--as", "P0007", "export"]).output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let goal = &text[text.find("id = \"P0001-2026-1\"").unwrap()..];
    let goal = &goal[..goal.find("[[people.goals]]").unwrap()];
    assert!(goal.contains("\nprogress = 70.0\n"), "{goal}");
    assert!(goal.contains("\ncurrent = 7.0\n"), "{goal}");
}

#[test]
fn the_department_head_sees_that_a_section_head_held_a_1on1_but_not_what_was_said() {
    let (_dir, data) = sample();
    let snapshot = load(&data);
    let hierarchy = Hierarchy::new(&snapshot.org);
    let files = &snapshot.data.instruments.meetings;
    let with_narumi = |reader: &str| {
        meetings::visible(&hierarchy, reader, files)
            .into_iter()
            .filter(|m| m.writer == "P0003" && m.with == "P0011")
            .collect::<Vec<_>>()
    };
    for pair in ["P0003", "P0011"] {
        let seen = with_narumi(pair);
        assert_eq!(seen.len(), 2);
        assert!(seen[1].content.unwrap().notes.starts_with("受付フォームの入力チェック"), "{pair}");
    }
    for above_or_hr in ["P0001", "P0007"] {
        let seen = with_narumi(above_or_hr);
        assert_eq!(seen.iter().map(|m| m.date).collect::<Vec<_>>(), [day("2026-06-12"), day("2026-10-14")]);
        assert!(seen.iter().all(|m| m.content.is_none()), "{above_or_hr} sees the count, not the text");
    }
    assert!(with_narumi("P0012").is_empty(), "another section knows nothing of it");
    // The mentor pair's 1on1s: open to 神 and 福士, known to those above either.
    let mentor = meetings::visible(&hierarchy, "P0006", files);
    assert!(mentor.iter().any(|m| m.writer == "P0010" && m.with == "P0009" && m.content.is_none()));
}

#[test]
fn a_section_head_opening_a_1on1_gets_an_agenda_from_the_data() {
    let (_dir, data) = sample();
    let snapshot = load(&data);
    let hierarchy = Hierarchy::new(&snapshot.org);
    let cascade = measured_cascade(&snapshot);
    let topics = agenda::propose(&hierarchy, &snapshot.data, &cascade, "P0003", "P0011", day("2026-11-20"));
    let lines: Vec<String> = topics.iter().map(|topic| topic.ja()).collect();
    assert_eq!(
        lines[..2],
        [
            "前回（2026-10-14）の約束「採用説明会の動画の構成案を作る」が未完了".to_owned(),
            "前回（2026-10-14）の約束「技術職試験の受付結果を11月末までに報告する」が未完了".to_owned(),
        ]
    );
    assert!(lines.iter().any(|line| line.starts_with("改善項目")), "{lines:?}");
}

#[test]
fn an_engagement_import_holds_back_a_small_unit_and_the_view_never_shows_one() {
    let (_dir, data) = sample();
    let snapshot = load(&data);
    let settings = snapshot.info.engagement_settings();
    let csv = "\u{feff}組織,設問,平均,回答者数\r\n総務部/行政経営課,Q4,2.9,9\r\n行政改革チーム,Q4,2.5,4\r\n";
    let import = engagement_csv::parse(
        "results.csv",
        csv.as_bytes(),
        &snapshot.org,
        &snapshot.data.instruments.questions,
        &settings,
    )
    .unwrap();
    assert_eq!(import.results.len(), 1);
    assert_eq!(import.held_back.iter().map(|row| row.unit.as_str()).collect::<Vec<_>>(), ["gyoseikeiei-kaikaku"]);
    // The sample's 2026 results hold a row of 行政改革チーム (4 respondents): never shown.
    let units = UnitTree::new(&snapshot.org);
    let questions = &snapshot.data.instruments.questions;
    let now = snapshot.data.instruments.engagement.as_ref().unwrap();
    let before = Store::new(&data).read_engagement(&"2025".into()).unwrap().unwrap();
    let (shown, shown_before) = (now.shown(&settings), before.shown(&settings));
    assert_eq!(shown.suppressed(), 13);
    assert_eq!(unit_summary(&units, questions, &shown, Some(&shown_before), "gyoseikeiei-kaikaku"), None);
    let department = unit_summary(&units, questions, &shown, Some(&shown_before), "soumu").unwrap();
    assert_eq!(department.questions.len(), 13);
    assert_eq!(department.groups.len(), 5);
    assert!((department.overall.mean - 3.3771).abs() < 1e-4, "{}", department.overall.mean);
    assert!(department.overall.change.is_some_and(|change| change > 0.1));
}

#[test]
fn check_points_at_the_line_of_a_bad_1on1_and_a_bad_engagement_row() {
    let (_dir, data) = sample();
    let path = data.join("cycles/2026/meetings/P0012.toml");
    let text = fs::read_to_string(&path).unwrap().replace("with = \"P0015\"", "with = \"P0099\"");
    fs::write(&path, text).unwrap();
    let path = data.join("cycles/2026/engagement.toml");
    let text = fs::read_to_string(&path).unwrap().replacen("question = \"Q13\"", "question = \"Q31\"", 1);
    fs::write(&path, text).unwrap();
    let output = common::pdca_cli(&data).arg("check").output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    let meeting = stdout.lines().find(|line| line.contains("meetings/P0012.toml")).unwrap();
    assert!(
        meeting.ends_with("meetings/P0012.toml:19:8: error: P0099: `with` names unknown person `P0099`"),
        "{meeting}"
    );
    let row = stdout.lines().find(|line| line.contains("engagement.toml")).unwrap();
    assert!(
        row.ends_with(
            "cycles/2026/engagement.toml:78:12: error: Q31: `question` names question `Q31`, which is not in the question list"
        ),
        "{row}"
    );
}
