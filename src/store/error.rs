//! What can go wrong with the data set's files, for the messages to say.

use std::io;
use std::path::PathBuf;

use super::read::Fault;
use crate::model::ident::BadId;
use crate::model::{CycleId, Location, ProblemKind};

#[derive(Debug, thiserror::Error)]
// Developers read the debug form; users read the messages.
#[error("{self:?}")]
pub enum StoreError {
    Io {
        path: PathBuf,
        source: io::Error,
    },
    /// Not TOML, or not the record expected; the message is the TOML parser's.
    Parse {
        path: PathBuf,
        location: Location,
        message: String,
    },
    NoDataSet(PathBuf),
    AlreadyExists(PathBuf),
    UnknownCycle {
        root: PathBuf,
        cycle: CycleId,
    },
    /// Someone else saved the file since it was loaded.
    ChangedOnDisk(PathBuf),
    /// The file did not parse when it was loaded, so it must not be written over.
    Unreadable(PathBuf),
    /// Only part of the file was kept when it was loaded (what the reader may see),
    /// so it must not be written over.
    HeldInPart(PathBuf),
    Serialize {
        path: PathBuf,
        message: String,
    },
    /// An id that would become part of a path is not a valid id.
    BadId {
        id: String,
        reason: BadId,
    },
    /// A folder inside the data set is a link, which could lead out of it.
    OutsideDataSet(PathBuf),
    /// Another save of the same file did not finish in time.
    Locked(PathBuf),
    /// A file that cannot be used: not a regular file, too large, not UTF-8, unreadable.
    BadFile {
        path: PathBuf,
        location: Option<Location>,
        kind: Box<ProblemKind>,
    },
    /// pdca.toml declares a newer layout than this program understands: it neither
    /// reads nor writes the data set, so a newer version's data is never rewritten.
    NewerSchema {
        path: PathBuf,
        found: u32,
    },
}

impl StoreError {
    /// A fault of a file the data set cannot do without.
    pub(super) fn of_fault(path: PathBuf, fault: Fault) -> StoreError {
        match fault.kind {
            ProblemKind::Parse(message) => {
                StoreError::Parse { path, location: fault.location.unwrap_or_default(), message }
            }
            kind => StoreError::BadFile { path, location: fault.location, kind: Box::new(kind) },
        }
    }
}
