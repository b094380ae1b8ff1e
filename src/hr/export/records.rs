//! The records of the export, each serialising to TOML in a fixed key order.
//!
//! A person's record borrows the texts it writes from the data it is made from
//! (`Cow`): at a city's size the export makes a record for each of 20,000 people
//! and lets it go once written, and copying their titles, comments and snapshots
//! into it was a seventh of the export's samples. A record read back (`import`)
//! owns its texts.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::model::calibration::FinalValue;
use crate::model::competency::{AbilityId, LevelGroup};
use crate::model::meetings::MeetingKind;
use crate::model::{
    Category, Date, Difficulty, GoalId, Level, PersonId, PlannedGoal, ProposalId, Revision, ScoreFormula,
    SheetRevision, Step, Timestamp, UnitId, UnitKind,
};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Export<'a> {
    pub schema: String,
    pub generated_at: Timestamp,
    pub organisation: String,
    pub cycle: ExportCycle,
    /// The formula of `score` (pdca.toml's `[score]`, or the defaults).
    #[serde(default)]
    pub score_formula: ScoreFormula,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<ExportUnit>,
    /// The 能力評価 framework's abilities, in its order (`/2`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub abilities: Vec<ExportAbility>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<ExportPerson<'a>>,
    /// Engagement results per unit and question, rows under the minimum of
    /// respondents left out (`/2`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub engagement: Vec<ExportEngagement>,
    /// That 1on1s happened: day, the two people and the kind, never their text (`/2`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meetings: Vec<ExportMeeting>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportUnit {
    pub id: UnitId,
    pub name: String,
    pub kind: UnitKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<UnitId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<PersonId>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportCycle {
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub start: Date,
    pub end: Date,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportPerson<'a> {
    pub id: PersonId,
    pub name: Cow<'a, str>,
    #[serde(default)]
    pub kana: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<u8>,
    #[serde(default)]
    pub title: Cow<'a, str>,
    /// The id of the person's own unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<UnitId>,
    /// Unit names from the department down to the person's own unit.
    pub unit_path: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<PersonId>,
    /// 二次評価者: as org.toml names them, else the reviewer's reviewer (`/2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second_reviewer: Option<PersonId>,
    /// The level group of the person's 能力評価 (`director`, …, `skilled-labour`; `/2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub competency_group: Option<LevelGroup>,
    /// Where the sheet is in the workflow: see [`crate::model::workflow::SheetState::key`].
    pub sheet_state: Cow<'a, str>,
    /// 業績評価: the goals' score (`/2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub performance_score: Option<f64>,
    /// 能力評価: the abilities' score (`/2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub competency_score: Option<f64>,
    /// The overall score of both halves by the `[score]` weights (in `/1`: the goals'
    /// score); absent while neither half has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// The overall level (評語) of `score` (`/2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// The result after calibration, when an adjustment took effect (`/2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_score: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_level: Option<Level>,
    /// 1on1s in the cycle, and the day of the latest (`/2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meetings_count: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_meeting: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub roles: Cow<'a, [String]>,
    /// The workflow steps that took effect on the sheet, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sheet_history: Vec<ExportStep<'a>>,
    /// Goals added or removed after approval (期中の見直し), each with its reason.
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub revisions: Cow<'a, [SheetRevision]>,
    /// How the plan differs from the approval in force, field by field (derived from
    /// the approval's snapshot in `sheet_history`; not read back on import).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes_since_approval: Vec<ExportChange>,
    /// 能力評価: each applicable ability with its levels, in the framework's order (`/2`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub competencies: Vec<ExportCompetency<'a>>,
    /// Calibration adjustments (評価調整) that took effect, oldest first (`/2`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<ExportAdjustment>,
    /// Do-log entries naming a course, oldest first (`/2`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trainings: Vec<ExportTraining>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<ExportGoal<'a>>,
}

/// One ability of the framework.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportAbility {
    pub id: AbilityId,
    pub name: String,
    /// The name of its group (業務遂行能力, …).
    pub group: String,
    /// The level groups it is rated in; absent means all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_to: Option<Vec<LevelGroup>>,
}

/// One applicable ability on a person's sheet, with each rater's latest level.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportCompetency<'a> {
    pub id: AbilityId,
    pub name: Cow<'a, str>,
    pub group: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_level: Option<Level>,
    #[serde(default)]
    pub self_comment: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer_level: Option<Level>,
    #[serde(default)]
    pub reviewer_comment: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second_level: Option<Level>,
    #[serde(default)]
    pub second_comment: Cow<'a, str>,
}

/// An adjustment of a person's final result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportAdjustment {
    pub by: PersonId,
    pub at: Timestamp,
    /// The result it replaced (a level or a score), as the calibrator recorded it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<FinalValue>,
    pub to: FinalValue,
    pub reason: String,
}

/// A Do-log entry that names a course.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportTraining {
    pub course: String,
    pub date: Date,
    #[serde(default)]
    pub completed: bool,
    /// The goal whose Do log holds the entry.
    pub goal: GoalId,
}

/// One unit's engagement result for one question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportEngagement {
    pub unit: UnitId,
    pub question: String,
    pub mean: f64,
    pub respondents: u32,
}

/// That a 1on1 happened, as written down by `writer`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportMeeting {
    pub date: Date,
    pub writer: PersonId,
    pub with: PersonId,
    pub kind: MeetingKind,
}

/// One difference between the approved plan and the plan now; values as the goals
/// file writes them, absent where the field (or the goal) is not there.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportChange {
    pub goal: GoalId,
    /// The plan field's key (`weight`, `due`, …), or `goal` for a goal added or removed.
    pub field: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportStep<'a> {
    pub step: Step,
    pub by: PersonId,
    pub at: Timestamp,
    #[serde(default)]
    pub comment: Cow<'a, str>,
    /// On an approval: the plan as approved.
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub plan: Cow<'a, [PlannedGoal]>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportGoal<'a> {
    pub id: GoalId,
    pub title: Cow<'a, str>,
    #[serde(default)]
    pub description: Cow<'a, str>,
    #[serde(default)]
    pub criteria: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub difficulty: Option<Difficulty>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<GoalId>,
    /// Titles from the top goal down to this goal.
    pub cascade: Vec<Cow<'a, str>>,
    /// Percent, 0–100: the owner's (or the metric's) for a goal without sub-goals,
    /// rolled up from the sub-goals otherwise.
    pub progress: f64,
    pub top_goal: GoalId,
    /// Percent of the top goal this goal carries.
    pub planned_share: f64,
    /// Percentage points of the top goal's progress achieved through this goal.
    pub contribution: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_level: Option<Level>,
    #[serde(default)]
    pub self_comment: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer_level: Option<Level>,
    #[serde(default)]
    pub strengths: Cow<'a, str>,
    #[serde(default)]
    pub improvements: Cow<'a, str>,
    #[serde(default)]
    pub contribution_comment: Cow<'a, str>,
    /// The earlier cycle's action item this goal carries on: `<cycle>/<goal id>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<String>,
    /// The breakdown proposal this goal adopted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposal: Option<ProposalId>,
    /// The share its manager proposed for it, relative to its siblings (as written
    /// in the proposal, not normalised); absent means "equal".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposed_share: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<ExportMetric>,
    /// Changes of the goal's plan after approval (期中の見直し): date, reason, fields.
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub revisions: Cow<'a, [Revision]>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ExportAction>,
    /// Breakdown proposals of this goal that nobody has adopted: pending or declined.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub proposals: Vec<ExportProposal>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportMetric {
    #[serde(default)]
    pub unit: String,
    pub start: f64,
    pub target: f64,
    /// The typed value, or the value measured from the data for a metric with a
    /// source; absent when a measured metric has nothing to measure yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<f64>,
    /// Where `current` is measured from (`training`, `engagement`, `meetings`), with
    /// what the source names, as in the goals file (`/2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub course: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_meetings: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportAction {
    pub issue: String,
    #[serde(default)]
    pub measure: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    #[serde(default)]
    pub done: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProposalStatus {
    Pending,
    Declined,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportProposal {
    pub id: ProposalId,
    pub to: PersonId,
    pub title: String,
    #[serde(default)]
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
    pub status: ProposalStatus,
    /// Why the addressee declined; only on declined proposals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}
