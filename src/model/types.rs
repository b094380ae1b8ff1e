//! The data set's records, exactly as they are kept in the TOML files.
//!
//! Every record keeps the keys this version does not know in `extra`, so a
//! file written by a newer version survives a load–save round trip here.

use serde::{Deserialize, Serialize};

use super::date::Date;

pub type PersonId = String;
pub type UnitId = String;
pub type GoalId = String;
pub type CycleId = String;
pub type ProposalId = String;
/// Keys of a record that this version does not understand, kept verbatim.
pub type Extra = toml::Table;

/// Version of the data-set layout this program writes.
pub const SCHEMA_VERSION: u32 = 1;

/// `pdca.toml`: what the data set is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DataSetInfo {
    pub schema_version: u32,
    pub organisation: String,
    pub current_cycle: CycleId,
    #[serde(flatten)]
    pub extra: Extra,
}

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
    /// 一次評価者: who reviews this person's sheet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<PersonId>,
    /// OS user name, to recognise who is at the keyboard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Person {
    pub fn is_hr(&self) -> bool {
        self.roles.iter().any(|role| role == ROLE_HR)
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
    #[serde(flatten)]
    pub extra: Extra,
}

impl GoalsFile {
    pub fn new(owner: &str, cycle: &str) -> Self {
        GoalsFile {
            owner: owner.to_owned(),
            cycle: cycle.to_owned(),
            goals: Vec::new(),
            proposals: Vec::new(),
            declined: Vec::new(),
            extra: Extra::new(),
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

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    pub id: GoalId,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// 達成基準: what "done" means, measurably.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub criteria: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub difficulty: Option<Difficulty>,
    /// ウェイト in percent; one person's weights in a cycle should sum to 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// The goal this one contributes to (the cascade link).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<GoalId>,
    /// The breakdown proposal this goal adopted, which carries its share of the parent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposal: Option<ProposalId>,
    /// The owner's own estimate, 0–100; a metric, when present, takes precedence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<Metric>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub plan: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub milestones: Vec<Milestone>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub log: Vec<LogEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<SelfCheck>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionItem>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A measurable target such as "DX推進員 0 → 100 名".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Metric {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    pub start: f64,
    pub target: f64,
    pub current: f64,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Metric {
    /// Progress in percent, clamped to 0–100; `None` when start equals target.
    pub fn progress(&self) -> Option<f64> {
        let span = self.target - self.start;
        if span == 0.0 || !span.is_finite() {
            return None;
        }
        Some(((self.current - self.start) / span * 100.0).clamp(0.0, 100.0))
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
    pub text: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The owner's self-evaluation (自己評価).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SelfCheck {
    pub level: Level,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
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

/// `cycles/<cycle>/feedback/<reviewer>.toml`: feedback written by one reviewer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeedbackFile {
    pub reviewer: PersonId,
    pub cycle: CycleId,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub feedback: Vec<Feedback>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl FeedbackFile {
    pub fn new(reviewer: &str, cycle: &str) -> Self {
        FeedbackFile {
            reviewer: reviewer.to_owned(),
            cycle: cycle.to_owned(),
            feedback: Vec::new(),
            extra: Extra::new(),
        }
    }
}

/// Feedback on one goal, or on the whole sheet when `goal` is absent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Feedback {
    pub person: PersonId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<GoalId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub strengths: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub improvements: String,
    /// How this person's work contributed to the organisation's goals.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub contribution: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Released to the person before the sheet is confirmed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub shared: bool,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Everything of one cycle: its dates and every person's goals and feedback files.
#[derive(Clone, Debug, PartialEq)]
pub struct CycleData {
    pub cycle: Cycle,
    pub goals: Vec<GoalsFile>,
    pub feedback: Vec<FeedbackFile>,
}
