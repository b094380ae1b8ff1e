//! What validation and loading find wrong with the data set: each problem names
//! its file and, where it concerns one record, that record's id.

use super::calibration::AdjustmentIgnored;
use super::confirmation::SealedChange;
use super::date::{Date, Timestamp};
use super::ident::BadId;
use super::source::{Location, Source};
use super::types::ability::{AbilityId, LevelGroup};
use super::types::calibration::FinalValue;
use super::types::{CycleId, GoalId, PersonId, Phase, Step};
use super::workflow::{IgnoredBecause, SheetState};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ProblemKind {
    /// The file is not valid TOML or does not have the expected shape.
    Parse(String),
    /// Where a file should be there is something else; it is never opened.
    NotAFile {
        found: FileKind,
    },
    /// The file is larger than the store reads; it is not loaded.
    TooLarge {
        bytes: u64,
        limit: u64,
    },
    /// The file is not UTF-8 text (e.g. saved as Shift_JIS); the location says where.
    NotUtf8,
    /// A folder on the way to the file is a link, which could lead out of the data set.
    LinkedFolder {
        folder: String,
    },
    /// The system refused to read the file; the reason is the system's.
    Unreadable {
        reason: String,
    },
    /// An id (or a file name that stands for one) outside the grammar of ids.
    BadId {
        field: &'static str,
        id: String,
        reason: BadId,
    },
    /// The file's contents name another owner or cycle than its place says.
    WrongPlace {
        field: &'static str,
        expected: String,
        found: String,
    },
    DuplicateId {
        what: &'static str,
        id: String,
    },
    /// Two ids that differ only in case: on Windows and macOS they name the same file.
    CaseClash {
        what: &'static str,
        id: String,
        other: String,
    },
    UnknownPerson {
        field: &'static str,
        id: PersonId,
    },
    UnknownUnit {
        field: &'static str,
        id: String,
    },
    UnknownGoal {
        field: &'static str,
        id: GoalId,
    },
    UnknownProposal {
        id: String,
    },
    UnknownCycle {
        id: CycleId,
    },
    /// The goal's parent chain comes back to itself.
    ParentLoop {
        path: Vec<GoalId>,
    },
    LinkAcrossCycles {
        parent: GoalId,
        parent_cycle: CycleId,
    },
    ProgressOutOfRange {
        value: u32,
    },
    GradeOutOfRange {
        value: u8,
    },
    BadShare {
        value: f64,
    },
    /// A number that is nan or infinite, by its dotted key (`metric.target`,
    /// `score.points.S`): read by the parser, it would turn into a silent zero.
    NotFinite {
        key: String,
    },
    WeightsDoNotSum {
        total: u32,
    },
    ReviewerLoop {
        path: Vec<PersonId>,
    },
    UnitLoop {
        path: Vec<String>,
    },
    EndsBeforeStart,
    ControlCharacter {
        field: &'static str,
        code: u32,
    },
    TooLong {
        field: &'static str,
        chars: usize,
        limit: usize,
    },
    /// A text left on disk by the load (see [`super::Held`]): it cannot be checked,
    /// so what checks it refuses rather than pass it unseen.
    TextNotRead {
        field: &'static str,
    },
    /// A goal without a parent whose owner heads no department: it reaches no top goal.
    UnlinkedGoal,
    DueAfterParent {
        due: Date,
        parent: GoalId,
        parent_due: Date,
    },
    /// A person of the organisation without goals in a running cycle.
    NoGoals {
        name: String,
    },
    /// A sheet behind the workflow after a phase that should have moved it on ended.
    SheetBehind {
        state: SheetState,
        expected: SheetState,
        phase: Phase,
        ended: Date,
    },
    /// A value a confirmation sealed that differs from its snapshot: changed by hand,
    /// since the program refuses it while the sheet is confirmed.
    ChangedAfterConfirmation {
        change: SealedChange,
        /// When the sheet was confirmed.
        at: Timestamp,
    },
    /// A confirmation recorded without a snapshot (older data): changes since cannot be told.
    ConfirmedWithoutSnapshot {
        at: Timestamp,
    },
    /// A workflow record that the replay ignores.
    IgnoredSheetRecord {
        step: Step,
        by: PersonId,
        at: Timestamp,
        reason: IgnoredBecause,
    },
    /// A problem of the 能力評価 half or of calibration.
    Competency(CompetencyProblem),
    /// A problem of the 1on1s, engagement results, training entries or metric sources.
    Instrument(InstrumentProblem),
}

/// What stands where a data file should be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Folder,
    /// A symbolic link (or a Windows junction), dangling or not.
    Link,
    /// A named pipe, a device or a socket.
    Special,
}

impl ProblemKind {
    pub fn severity(&self) -> Severity {
        match self {
            ProblemKind::WeightsDoNotSum { .. }
            | ProblemKind::UnlinkedGoal
            | ProblemKind::DueAfterParent { .. }
            | ProblemKind::NoGoals { .. }
            | ProblemKind::SheetBehind { .. }
            | ProblemKind::ConfirmedWithoutSnapshot { .. }
            | ProblemKind::IgnoredSheetRecord { .. } => Severity::Warning,
            ProblemKind::Competency(problem) => problem.severity(),
            ProblemKind::Instrument(problem) => problem.severity(),
            _ => Severity::Error,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub source: Source,
    pub location: Option<Location>,
    /// The id of the record concerned (goal, person, unit, proposal).
    pub subject: Option<String>,
    pub kind: ProblemKind,
}

impl Problem {
    pub fn new(source: Source, subject: Option<&str>, kind: ProblemKind) -> Self {
        Problem { source, location: None, subject: subject.map(str::to_owned), kind }
    }

    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }
}

/// What is wrong with the 能力評価 half or with calibration.
#[derive(Clone, Debug, PartialEq)]
pub enum CompetencyProblem {
    /// A rating or a score weight names an ability the framework does not have.
    UnknownAbility { ability: AbilityId },
    /// A rating of an ability the person's level group is not rated on.
    NotApplicable { ability: AbilityId, group: LevelGroup },
    /// An ability of a group the framework does not define.
    UnknownAbilityGroup { group: String },
    /// A person the framework cannot place: no grade, job type or `competency_group`.
    NoLevelGroup,
    /// A rating in the feedback file of someone who is neither the person's reviewer
    /// nor their second reviewer.
    NotARater { writer: PersonId, person: PersonId },
    /// Evidence naming no Do entry of the person's own goals.
    NoSuchLogEntry { goal: GoalId, date: Date },
    /// An adjustment the replay ignores.
    IgnoredAdjustment { person: PersonId, reason: AdjustmentIgnored },
    /// An adjustment whose `from` is not the result it was applied to.
    StaleAdjustment { person: PersonId, from: FinalValue, found: Option<FinalValue> },
}

impl CompetencyProblem {
    pub fn severity(&self) -> Severity {
        match self {
            CompetencyProblem::NoLevelGroup
            | CompetencyProblem::NoSuchLogEntry { .. }
            | CompetencyProblem::StaleAdjustment { .. } => Severity::Warning,
            CompetencyProblem::UnknownAbility { .. }
            | CompetencyProblem::NotApplicable { .. }
            | CompetencyProblem::UnknownAbilityGroup { .. }
            | CompetencyProblem::NotARater { .. }
            | CompetencyProblem::IgnoredAdjustment { .. } => Severity::Error,
        }
    }
}

/// What is wrong with a 1on1, an engagement result, a training entry or a metric source.
#[derive(Clone, Debug, PartialEq)]
pub enum InstrumentProblem {
    /// A 1on1 whose `with` is its writer: a 1on1 needs the writer and someone else.
    MeetingWithoutOther,
    /// A log entry (`log.course`, a warning) or a metric source (`metric.course`,
    /// an error) names a course that is not in `courses.toml`.
    UnknownCourse { field: &'static str, course: String },
    /// `completed = true` on a log entry without a course.
    CompletedWithoutCourse,
    /// An engagement result or a metric source names a question not in the list.
    UnknownQuestion { field: &'static str, question: String },
    /// A metric's `source` is none of the known ones.
    UnknownSource { source: String },
    /// `source = "training"` without `course`.
    SourceWithoutCourse,
    /// A metric with neither a typed `current` nor a `source`.
    MetricWithoutValue,
    /// An engagement mean outside the survey's 1–5 scale.
    MeanOutOfRange { mean: f64 },
    /// The same unit and question twice in one cycle's results.
    DuplicateResult { unit: String, question: String },
    /// A person who is their own mentor.
    OwnMentor,
}

impl InstrumentProblem {
    pub fn severity(&self) -> Severity {
        match self {
            InstrumentProblem::UnknownCourse { field: "log.course", .. }
            | InstrumentProblem::CompletedWithoutCourse => Severity::Warning,
            _ => Severity::Error,
        }
    }
}
