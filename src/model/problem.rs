//! What validation and loading find wrong with the data set: each problem names
//! its file and, where it concerns one record, that record's id.

use std::fmt;

use super::date::{Date, Timestamp};
use super::source::{Location, Source};
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
    /// A workflow record that the replay ignores.
    IgnoredSheetRecord {
        step: Step,
        by: PersonId,
        at: Timestamp,
        reason: IgnoredBecause,
    },
}

impl ProblemKind {
    pub fn severity(&self) -> Severity {
        match self {
            ProblemKind::WeightsDoNotSum { .. }
            | ProblemKind::UnlinkedGoal
            | ProblemKind::DueAfterParent { .. }
            | ProblemKind::NoGoals { .. }
            | ProblemKind::SheetBehind { .. }
            | ProblemKind::IgnoredSheetRecord { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProblemKind::Parse(reason) => write!(f, "{reason}"),
            ProblemKind::WrongPlace { field, expected, found } => {
                write!(f, "`{field}` is `{found}` but the file's place says `{expected}`")
            }
            ProblemKind::DuplicateId { what, id } => write!(f, "{what} id `{id}` is used more than once"),
            ProblemKind::UnknownPerson { field, id } => write!(f, "`{field}` names unknown person `{id}`"),
            ProblemKind::UnknownUnit { field, id } => write!(f, "`{field}` names unknown unit `{id}`"),
            ProblemKind::UnknownGoal { field, id } => write!(f, "`{field}` names unknown goal `{id}`"),
            ProblemKind::UnknownProposal { id } => write!(f, "refers to unknown proposal `{id}`"),
            ProblemKind::UnknownCycle { id } => write!(f, "current cycle `{id}` has no cycles/{id}/cycle.toml"),
            ProblemKind::ParentLoop { path } => write!(f, "parent links form a loop: {}", path.join(" → ")),
            ProblemKind::LinkAcrossCycles { parent, parent_cycle } => {
                write!(f, "parent `{parent}` belongs to cycle `{parent_cycle}`; goals can only link within their cycle")
            }
            ProblemKind::ProgressOutOfRange { value } => write!(f, "progress {value} is outside 0–100"),
            ProblemKind::GradeOutOfRange { value } => write!(f, "grade {value} is outside 1–8"),
            ProblemKind::BadShare { value } => write!(f, "share {value} must be a number of 0 or more"),
            ProblemKind::WeightsDoNotSum { total } => write!(f, "weights sum to {total}, not 100"),
            ProblemKind::ReviewerLoop { path } => write!(f, "reviewer chain loops: {}", path.join(" → ")),
            ProblemKind::UnitLoop { path } => write!(f, "unit parents loop: {}", path.join(" → ")),
            ProblemKind::EndsBeforeStart => write!(f, "ends before it starts"),
            ProblemKind::ControlCharacter { field, code } => {
                write!(f, "`{field}` contains control character U+{code:04X}")
            }
            ProblemKind::TooLong { field, chars, limit } => {
                write!(f, "`{field}` is {chars} characters long; the limit is {limit}")
            }
            ProblemKind::UnlinkedGoal => {
                write!(
                    f,
                    "has no `parent`, so it contributes to no department goal; link it to a goal up the reporting chain"
                )
            }
            ProblemKind::DueAfterParent { due, parent, parent_due } => {
                write!(f, "is due {due}, after the goal it contributes to, `{parent}` (due {parent_due})")
            }
            ProblemKind::NoGoals { name } => write!(f, "{name} has no goals in this cycle"),
            ProblemKind::SheetBehind { state, expected, phase, ended } => {
                let phase = match phase {
                    Phase::Plan => "plan",
                    Phase::Do => "do",
                    Phase::Check => "check",
                    Phase::Action => "action",
                };
                write!(
                    f,
                    "sheet is still {} ({state}), but the {phase} phase ended on {ended}, by when it should have \
                     reached {} ({expected})",
                    state.ja(),
                    expected.ja()
                )
            }
            ProblemKind::IgnoredSheetRecord { step, by, at, reason } => {
                write!(f, "sheet step `{step}` by `{by}` at {at} is ignored: {reason}")
            }
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
