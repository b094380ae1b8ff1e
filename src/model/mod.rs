//! The pure domain core: records, the cascade's roll-up maths, validation,
//! permissions, the sheet workflow and its score, the 能力評価 half and calibration.
//! Nothing here touches files or the terminal.

pub mod alignment;
pub mod approved;
pub mod audit;
pub mod calibration;
pub mod cascade;
pub mod changes;
pub mod command;
pub mod competency;
pub mod confirmation;
pub mod date;
pub mod edit;
pub mod era;
pub mod file_policy;
pub mod hash;
pub mod history;
pub mod ident;
pub mod identity;
pub mod inert;
pub mod info;
pub mod input;
pub mod pace;
pub mod permissions;
pub mod policy;
pub mod problem;
pub mod score;
pub mod seal;
pub mod shares;
pub mod source;
pub mod types;
pub mod undo;
pub mod upsert;
pub mod validate;
pub mod workflow;
pub mod world;

// The instruments that feed Check (1on1s, engagement results, training) and the
// goal metrics computed from them.
pub mod agenda;
pub mod engagement;
pub mod instruments;
pub mod meetings;
pub mod metric_source;
pub mod recency;
pub mod training;
pub mod units;

pub use cascade::{Cascade, Contribution, Node, NodeId, NodeKind};
pub use date::{Date, Timestamp};
pub use info::{DataSetInfo, SCHEMA_VERSION};
pub use instruments::Instruments;
pub use metric_source::{Measurement, Measurements};
pub use permissions::MeetingAccess;
pub use permissions::{Denied, Hierarchy};
pub use problem::{FileKind, Problem, ProblemKind, Severity};
pub use score::{ScoreFormula, SheetScore};
pub use source::{Location, Source};
pub use types::*;
pub use workflow::{SheetState, SheetStatus, WorkflowError};
pub use world::World;
