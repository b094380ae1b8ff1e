//! The pure domain core: records, the cascade's roll-up maths and validation.
//! Nothing here touches files or the terminal.

pub mod cascade;
pub mod date;
pub mod identity;
pub mod types;
pub mod validate;

pub use cascade::{Cascade, Contribution, Node, NodeId, NodeKind};
pub use date::{Date, Timestamp};
pub use types::*;
pub use validate::{Location, Problem, ProblemKind, Severity, Source};
