//! The data set's records, exactly as they are kept in the TOML files.
//!
//! Every record keeps the keys this version does not know in `extra`, so a
//! file written by a newer version survives a load–save round trip here.

use serde::{Deserialize, Serialize};

pub mod ability;
pub mod calibration;
mod extra;
mod feedback;
mod goal;
mod held;
mod interned;
mod sheet;

pub use extra::Extra;
pub use feedback::{Feedback, FeedbackFile, FeedbackNotes};
pub use goal::{Goal, GoalDetail};
pub use held::{Away, DO_LOG, Held, HeldTexts, LOG_TEXT, OwnChecks};
pub use interned::Interned;
pub use sheet::{
    Confirmed, ConfirmedAbility, ConfirmedAbilityReview, ConfirmedCheck, ConfirmedReview, GoalChange, PlannedGoal,
    SheetRecord, SheetRevision, Step,
};

use ability::{Framework, LevelGroup, SelfRating};
use calibration::CalibrationFile;

use super::date::Date;
use super::instruments::Instruments;

/// One pointer, each id kept once for the run ([`Interned`]): a city's 20,000
/// people are named by half a million ratings, feedback, records and 1on1s.
pub type PersonId = Interned;
pub type UnitId = String;
pub type GoalId = compact_str::CompactString;
pub type CycleId = compact_str::CompactString;
pub type ProposalId = compact_str::CompactString;

/// `org.toml`: units and people, written by HR.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Org {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<Unit>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UnitKind {
    #[serde(alias = "部")]
    Department,
    #[serde(alias = "課")]
    Section,
    #[serde(alias = "チーム")]
    Team,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    pub id: UnitId,
    pub name: String,
    pub kind: UnitKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<UnitId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<PersonId>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The role that lets a person read everything, edit the organisation and export.
pub const ROLE_HR: &str = "hr";
/// The role that lets a person act as someone else where the data set identifies
/// people by their login; every such use is recorded.
pub const ROLE_ADMIN: &str = "admin";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kana: Option<String>,
    pub unit: UnitId,
    /// 職務の級 (1–8); none for staff outside the grade table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<u8>,
    pub title: String,
    /// The kind of post where it matters for evaluation: `skilled-labour` (技能労務) has
    /// its own competency level group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_type: Option<String>,
    /// The competency level group, where it is not the one of the grade and job type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub competency_group: Option<LevelGroup>,
    /// 一次評価者: who reviews this person's sheet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<PersonId>,
    /// 二次評価者, where it is not the reviewer's reviewer (who confirms by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second_reviewer: Option<PersonId>,
    /// OS user name, to recognise who is at the keyboard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// The person's mentor in the メンター制度 (1on1s of kind `mentor`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mentor: Option<PersonId>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Person {
    /// "工藤 誠一 部長": how the program names a person.
    pub fn name_and_title(&self) -> String {
        format!("{} {}", self.name, self.title)
    }

    pub fn is_hr(&self) -> bool {
        self.roles.iter().any(|role| role == ROLE_HR)
    }

    pub fn is_admin(&self) -> bool {
        self.roles.iter().any(|role| role == ROLE_ADMIN)
    }
}

/// `cycles/<id>/cycle.toml`: one evaluation period, written by HR.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cycle {
    pub id: CycleId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub start: Date,
    pub end: Date,
    #[serde(default)]
    pub phases: Phases,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Phases {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<DateSpan>,
    #[serde(rename = "do", default, skip_serializing_if = "Option::is_none")]
    pub do_: Option<DateSpan>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<DateSpan>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<DateSpan>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateSpan {
    pub start: Date,
    pub end: Date,
}

impl DateSpan {
    pub fn contains(&self, day: Date) -> bool {
        self.start <= day && day <= self.end
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    Plan,
    Do,
    Check,
    Action,
}

impl Cycle {
    /// The phase whose dates contain `today`, if any.
    pub fn phase_on(&self, today: Date) -> Option<(Phase, DateSpan)> {
        [
            (Phase::Plan, self.phases.plan),
            (Phase::Do, self.phases.do_),
            (Phase::Check, self.phases.check),
            (Phase::Action, self.phases.action),
        ]
        .into_iter()
        .find_map(|(phase, span)| span.filter(|s| s.contains(today)).map(|s| (phase, s)))
    }
}

/// `cycles/<cycle>/goals/<person>.toml`: one person's sheet, written by that person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoalsFile {
    pub owner: PersonId,
    pub cycle: CycleId,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<Goal>,
    /// Breakdown proposals this person made to their direct reports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub proposals: Vec<Proposal>,
    /// Proposals made to this person that they declined.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub declined: Vec<Decline>,
    /// Workflow steps this person took on their own sheet (submit, submit the self-check).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sheet: Vec<SheetRecord>,
    /// The owner's self-ratings of the 能力評価 half, one per ability.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub competencies: Vec<SelfRating>,
    /// Goals added or removed after the sheet was approved, each with its reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revisions: Vec<SheetRevision>,
    #[serde(flatten)]
    pub extra: Extra,
    /// Whether the Do logs, and the Do-log texts, away were left on disk once every
    /// check that reads the logs had passed (`validate::leave_checked_logs_on_disk`):
    /// validation then has nothing to say of them. Never in a file.
    #[serde(skip)]
    pub(crate) logs_away_checked: bool,
    /// What the checks of its own texts found as its file was parsed, when the load
    /// trusts the parse cache's word for it (see [`OwnChecks`]). Never in a file.
    #[serde(skip)]
    pub(crate) own_checks: OwnChecks,
}

impl GoalsFile {
    pub fn new(owner: &str, cycle: &str) -> Self {
        GoalsFile {
            owner: owner.into(),
            cycle: cycle.into(),
            goals: Vec::new(),
            proposals: Vec::new(),
            declined: Vec::new(),
            sheet: Vec::new(),
            competencies: Vec::new(),
            revisions: Vec::new(),
            extra: Extra::new(),
            logs_away_checked: false,
            own_checks: OwnChecks::NONE,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    #[serde(alias = "高")]
    High,
    #[serde(alias = "中")]
    Medium,
    #[serde(alias = "低")]
    Low,
}

impl Difficulty {
    /// Every difficulty, hardest first.
    pub const ALL: [Difficulty; 3] = [Difficulty::High, Difficulty::Medium, Difficulty::Low];
}

/// The four management activities (マネジメント活動) of the seed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    #[serde(alias = "戦略的活動")]
    Strategic,
    #[serde(alias = "仕事に関する活動")]
    Work,
    #[serde(alias = "職員に関する活動")]
    Staff,
    #[serde(alias = "組織に関する活動")]
    Organisation,
}

impl Category {
    /// Every category, in the seed's order.
    pub const ALL: [Category; 4] = [Category::Strategic, Category::Work, Category::Staff, Category::Organisation];
}

/// Evaluation levels, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Level {
    S,
    A,
    B,
    C,
    D,
}

impl Level {
    pub const ALL: [Level; 5] = [Level::S, Level::A, Level::B, Level::C, Level::D];

    pub fn letter(self) -> &'static str {
        match self {
            Level::S => "S",
            Level::A => "A",
            Level::B => "B",
            Level::C => "C",
            Level::D => "D",
        }
    }

    /// The level written as `letter` ("S" to "D"), as in the files.
    pub fn from_letter(letter: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|level| level.letter() == letter)
    }

    /// One level up (towards S), or S itself.
    pub fn higher(self) -> Level {
        Level::ALL[(self as usize).saturating_sub(1)]
    }

    /// One level down (towards D), or D itself.
    pub fn lower(self) -> Level {
        Level::ALL[(self as usize + 1).min(Level::ALL.len() - 1)]
    }
}

/// What kind of work a Do entry records; the training kinds follow the seed's 職員研修体系.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum LogKind {
    #[serde(rename = "practice", alias = "実践")]
    Practice,
    #[serde(rename = "ojt", alias = "OJT", alias = "職場研修")]
    Ojt,
    #[serde(rename = "off-jt", alias = "Off-JT", alias = "職場外研修")]
    OffJt,
    #[serde(rename = "self-study", alias = "自己啓発")]
    SelfStudy,
    #[serde(rename = "secondment", alias = "派遣研修")]
    Secondment,
    #[serde(rename = "1on1")]
    OneOnOne,
}

impl LogKind {
    pub const ALL: [LogKind; 6] =
        [LogKind::Practice, LogKind::Ojt, LogKind::OffJt, LogKind::SelfStudy, LogKind::Secondment, LogKind::OneOnOne];
}

/// A measurable target such as "DX推進員 0 → 100 名": its current value is typed
/// by the owner, or computed from the data set when `source` names where from
/// (see [`super::metric_source`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Metric {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    pub start: f64,
    pub target: f64,
    /// The typed value; absent when `source` computes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<f64>,
    /// `training`, `engagement` or `meetings`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// For `source = "training"`: the course whose completions count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub course: Option<String>,
    /// For `source = "engagement"`: one question instead of the overall mean.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// For `source = "meetings"`: 1on1s a person needs in the cycle to count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_meetings: Option<u32>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Metric {
    /// Progress of the typed value; `None` without one or when start equals target.
    pub fn progress(&self) -> Option<f64> {
        self.progress_at(self.current?)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub done: bool,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One dated Do entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogEntry {
    pub date: Date,
    pub kind: LogKind,
    /// Left on disk, in a long session, until the sheet is shown (see [`Held`]).
    #[serde(deserialize_with = "held::log_text")]
    pub text: Held<String>,
    /// The course of the course list this entry is training in (see [`super::training`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub course: Option<String>,
    /// The course was finished (修了).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub completed: bool,
    #[serde(flatten)]
    pub extra: Extra,
}

impl LogEntry {
    /// Whether it is training: it names a course, or is marked completed. The
    /// training metrics and the course checks read these entries, and no other.
    pub fn is_training(&self) -> bool {
        self.course.is_some() || self.completed
    }
}

/// The owner's self-evaluation (自己評価).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SelfCheck {
    pub level: Level,
    /// Left on disk, in a long session, until the sheet is shown (see [`Held`]).
    #[serde(default, skip_serializing_if = "Held::is_empty")]
    pub comment: Held<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// An Action item: an issue found at Check and the measure against it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionItem {
    pub issue: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub measure: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub done: bool,
    /// Where a carried-over item came from: `<cycle>/<goal id>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A change to a goal after its sheet was approved (期中の見直し).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Revision {
    pub date: Date,
    pub reason: String,
    /// The plan fields that changed, by their keys (`weight`, `due`, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A manager's proposal that a direct report take on part of one of the manager's goals.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    pub id: ProposalId,
    /// The manager's goal being broken down.
    pub parent: GoalId,
    pub to: PersonId,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// How much of the parent this child carries, relative to its siblings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A report's refusal of a proposal, kept in the report's own file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decline {
    pub proposal: ProposalId,
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Everything of one cycle: its dates, every person's goals and feedback files, the
/// competency framework it is rated against and the calibration records.
#[derive(Clone, Debug, PartialEq)]
pub struct CycleData {
    pub cycle: Cycle,
    pub goals: Vec<GoalsFile>,
    pub feedback: Vec<FeedbackFile>,
    /// `competencies.toml` of the data set; `None` means no 能力評価 half.
    pub competencies: Option<Framework>,
    /// Adjustments of calibration (評価調整), one file per calibrator.
    pub calibration: Vec<CalibrationFile>,
    /// 1on1s, engagement results, and the course and question lists.
    pub instruments: Instruments,
}

impl CycleData {
    /// A cycle with no files yet.
    pub fn empty(cycle: Cycle) -> CycleData {
        CycleData {
            cycle,
            goals: Vec::new(),
            feedback: Vec::new(),
            competencies: None,
            calibration: Vec::new(),
            instruments: Instruments::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOALS_WITH_SHEET: &str = r#"owner = "P0013"
cycle = "2026"

[[goals]]
id = "P0013-2026-1"
title = "DX推進研修のカリキュラム作成と講師"
weight = 100

[[goals.revisions]]
date = 2026-10-10
reason = "第2期の開催時期が12月に変更されたため"
fields = ["due"]
future_revision_key = 1

[[sheet]]
step = "submit"
by = "P0013"
at = 2026-05-11T17:00:00+09:00

[[sheet]]
step = "self-check"
by = "P0013"
at = 2027-02-10T09:30:00+09:00
comment = "第1期・第2期とも満足度4.0以上"
future_sheet_key = "kept"
"#;

    const FEEDBACK_WITH_SHEET: &str = r#"reviewer = "P0012"
cycle = "2026"

[[sheet]]
person = "P0013"
step = "approve"
by = "P0012"
at = 2026-05-26T10:00:00+09:00
comment = "期首面談"

[[sheet.plan]]
id = "P0013-2026-1"
title = "DX推進研修のカリキュラム作成と講師"
criteria = "受講者満足度4.0以上"
weight = 100
due = 2027-02-27
difficulty = "high"
category = "strategic"
parent = "P0012-2026-1"
future_plan_key = true

[[sheet]]
person = "P0014"
step = "send-back"
by = "P0012"
at = 2026-05-20T11:00:00+09:00
comment = "チームの目標とつなげて再提出してください"
"#;

    #[test]
    fn a_goals_file_with_sheet_records_and_revisions_round_trips_exactly() {
        let file: GoalsFile = toml::from_str(GOALS_WITH_SHEET).unwrap();
        assert_eq!(file.sheet.len(), 2);
        assert_eq!((file.sheet[0].step, file.sheet[0].person.as_deref()), (Step::Submit, None));
        assert_eq!(file.sheet[1].at.to_string(), "2027-02-10T09:30:00+09:00");
        assert_eq!(file.goals[0].detail.get().unwrap().revisions[0].fields, ["due"]);
        assert_eq!(toml::to_string(&file).unwrap(), GOALS_WITH_SHEET);
    }

    #[test]
    fn a_feedback_file_with_an_approval_snapshot_round_trips_exactly() {
        let file: FeedbackFile = toml::from_str(FEEDBACK_WITH_SHEET).unwrap();
        let approval = &file.sheet[0];
        assert_eq!((approval.step, approval.person.as_deref()), (Step::Approve, Some("P0013")));
        let plan = approval.plan.get().unwrap();
        assert_eq!(plan[0].difficulty, Some(Difficulty::High));
        assert_eq!(plan[0].extra.get("future_plan_key").and_then(toml::Value::as_bool), Some(true));
        assert!(file.sheet[1].plan.is_empty());
        assert_eq!(toml::to_string(&file).unwrap(), FEEDBACK_WITH_SHEET);
    }

    #[test]
    fn steps_are_read_in_japanese_too() {
        let record: SheetRecord =
            toml::from_str("person = \"P0014\"\nstep = \"差戻し\"\nby = \"P0012\"\nat = 2026-05-20T11:00:00+09:00\n")
                .unwrap();
        assert_eq!(record.step, Step::SendBack);
        assert!(toml::to_string(&record).unwrap().contains("step = \"send-back\""));
    }

    #[test]
    fn a_snapshot_takes_the_plan_fields_of_a_goal() {
        let goal = Goal {
            id: "P0013-2026-1".into(),
            title: "DX推進研修".into(),
            criteria: "満足度4.0以上".into(),
            weight: Some(60),
            due: Date::from_ymd(2027, 2, 27),
            difficulty: Some(Difficulty::High),
            category: Some(Category::Strategic),
            parent: Some("P0012-2026-1".into()),
            progress: Some(70),
            detail: GoalDetail { plan: "計画は写さない".into(), ..GoalDetail::default() }.into(),
            ..Goal::default()
        };
        let planned = PlannedGoal::of(&goal);
        assert_eq!(
            (planned.weight, planned.due, planned.parent.as_deref()),
            (Some(60), goal.due, Some("P0012-2026-1"))
        );
        assert!(!toml::to_string(&planned).unwrap().contains("計画"));
    }
}
