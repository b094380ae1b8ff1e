//! The pure domain core: records, the cascade's roll-up maths, validation,
//! permissions, the sheet workflow and its score.
//! Nothing here touches files or the terminal.

pub mod alignment;
pub mod cascade;
pub mod date;
pub mod edit;
pub mod identity;
pub mod permissions;
pub mod score;
pub mod types;
pub mod validate;
pub mod workflow;

// The instruments that feed Check (1on1s, engagement results, training) and the
// goal metrics computed from them.
pub mod agenda;
pub mod engagement;
pub mod instrument_checks;
pub mod instruments;
pub mod meetings;
pub mod metric_source;
pub mod pace;
pub mod recency;
pub mod training;
pub mod units;

pub use cascade::{Cascade, Contribution, Node, NodeId, NodeKind};
pub use date::{Date, Timestamp};
pub use permissions::{Denied, Hierarchy};
pub use score::{ScoreFormula, SheetScore};
pub use types::*;
pub use validate::{Location, Problem, ProblemKind, Severity, Source};
pub use workflow::{SheetState, SheetStatus, WorkflowError};

pub use instruments::Instruments;
pub use metric_source::{Measurement, Measurements};
pub use permissions::{MeetingAccess, MeetingDenied};
