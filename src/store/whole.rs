//! Files read and written on their own rather than as part of a loaded cycle:
//! `org.toml` and `pdca.toml` for HR's commands, new files that must never replace an
//! existing one, and whole new data sets (import).

use std::collections::HashMap;
use std::fs;
use std::io;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{CYCLES_DIR, INFO_FILE, ORG_FILE, Store, StoreError, Version, atomic, parse, read};
use crate::model::{CycleData, DataSetInfo, Org, Source};

/// What a file held when it was read on its own, so that saving it back can refuse
/// when someone else changed it meanwhile (or when it did not exist and now does).
#[derive(Clone, Debug)]
pub struct Tracked {
    source: Source,
    version: Version,
}

impl Store {
    /// Reads one file; `None` (and a token that expects no file) when it does not exist.
    /// A file that does not parse is an error naming file:line:column.
    pub fn read_file<T: DeserializeOwned>(&self, source: &Source) -> Result<(Option<T>, Tracked), StoreError> {
        let path = self.path_of(source);
        let absent = Tracked { source: source.clone(), version: Version::Absent };
        match fs::metadata(&path) {
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok((None, absent)),
            Err(source) => return Err(StoreError::Io { path, source }),
            Ok(_) => {}
        }
        let text = read(&path)?;
        let value = parse(&text).map_err(|(location, message)| StoreError::Parse { path, location, message })?;
        Ok((Some(value), Tracked { source: source.clone(), version: Version::of(text.as_bytes()) }))
    }

    /// Saves a file read with [`Store::read_file`], unless it changed on disk since.
    pub fn save_file<T: Serialize>(&self, tracked: &mut Tracked, value: &T) -> Result<(), StoreError> {
        let relative = Self::relative_path(&tracked.source);
        let mut versions = HashMap::from([(relative.clone(), tracked.version)]);
        self.write(&tracked.source, value, &mut versions)?;
        tracked.version = versions[&relative];
        Ok(())
    }

    /// Writes a new file; refuses (and leaves it alone) when the file already exists.
    pub fn create<T: Serialize>(&self, source: &Source, value: &T) -> Result<(), StoreError> {
        self.refuse_newer_schema()?;
        let path = self.path_of(source);
        let text = toml::to_string_pretty(value)
            .map_err(|error| StoreError::Serialize { path: path.clone(), message: error.to_string() })?;
        atomic::create_atomically(&path, text.as_bytes()).map_err(|source| StoreError::Io { path, source })
    }

    /// Whether the root already holds (part of) a data set.
    pub fn holds_data(&self) -> bool {
        [INFO_FILE, ORG_FILE, CYCLES_DIR].iter().any(|name| self.root().join(name).exists())
    }

    /// Writes a whole new data set of one cycle (with its competency framework and
    /// calibration files); refuses when the root already holds one. `pdca.toml` is
    /// written last, so an interrupted run is not taken for a data set.
    pub fn create_data_set(&self, info: &DataSetInfo, org: &Org, data: &CycleData) -> Result<(), StoreError> {
        if self.holds_data() {
            return Err(StoreError::AlreadyExists(self.root().to_path_buf()));
        }
        let cycle = &data.cycle.id;
        self.create(&Source::Cycle(cycle.clone()), &data.cycle)?;
        for file in &data.goals {
            self.create(&Source::Goals { cycle: cycle.clone(), person: file.owner.clone() }, file)?;
        }
        for file in &data.feedback {
            self.create(&Source::Feedback { cycle: cycle.clone(), reviewer: file.reviewer.clone() }, file)?;
        }
        for file in &data.calibration {
            self.create(&Source::Calibration { cycle: cycle.clone(), calibrator: file.calibrator.clone() }, file)?;
        }
        if let Some(framework) = &data.competencies {
            self.create(&Source::Competencies, framework)?;
        }
        self.create(&Source::Org, org)?;
        self.create(&Source::Info, info)
    }
}
