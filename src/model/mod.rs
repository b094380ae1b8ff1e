//! The pure domain core: records, the cascade's roll-up maths, validation,
//! permissions, the sheet workflow and its score.
//! Nothing here touches files or the terminal.

pub mod alignment;
pub mod cascade;
pub mod date;
pub mod edit;
pub mod file_policy;
pub mod history;
pub mod identity;
pub mod permissions;
pub mod score;
pub mod types;
pub mod validate;
pub mod workflow;

pub use cascade::{Cascade, Contribution, Node, NodeId, NodeKind};
pub use date::{Date, Timestamp};
pub use permissions::{Denied, Hierarchy};
pub use score::{ScoreFormula, SheetScore};
pub use types::*;
pub use validate::{Location, Problem, ProblemKind, Severity, Source};
pub use workflow::{SheetState, SheetStatus, WorkflowError};
