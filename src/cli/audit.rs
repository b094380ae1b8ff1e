//! The record of an administrator acting as someone else (`audit/<admin>.toml`),
//! written before the command does anything. It is not a command of the model:
//! there is no actor to run one as until the record is made.

use crate::model::Timestamp;
use crate::model::audit::{ActedAs, AuditFile};
use crate::model::source::Source;
use crate::store::{Store, StoreError};

/// How often to read and add again when another run of the same administrator
/// saved the file in between.
const ATTEMPTS: usize = 5;

/// Adds one record to the administrator's audit file, atomically; a record another
/// run added meanwhile is never lost: the save refuses a changed file, and the
/// record is added to what is there now.
pub fn record(store: &Store, admin: &str, person: &str, command: &str, at: Timestamp) -> Result<(), StoreError> {
    let source = Source::Audit { admin: admin.into() };
    let acted = ActedAs { at, person: person.into(), command: command.to_owned(), extra: Default::default() };
    for _ in 0..ATTEMPTS {
        let (file, mut versions) = store.read_for_update::<AuditFile>(&source)?;
        let mut file = file.unwrap_or_else(|| AuditFile::new(admin));
        file.acted.push(acted.clone());
        match store.save(&mut versions, &source, &file) {
            Err(StoreError::ChangedOnDisk(_)) => continue,
            saved => return saved,
        }
    }
    Err(StoreError::ChangedOnDisk(store.display_path(&source)))
}
