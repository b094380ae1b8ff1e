//! Files read and written on their own rather than as part of a loaded cycle: a
//! cycle's or the data set's files read alone (one person's goals, the goal ids of
//! other cycles), new files that must never replace
//! an existing one, and whole new data sets (import, `pdca gen`).

use crate::model::hash::HashMap;

use rayon::prelude::*;
use serde::Serialize;

use super::lock::SaveLock;
use super::read::Fault;
use super::{
    COMPETENCIES_FILE, COURSES_FILE, CYCLES_DIR, GOALS_DIR, INFO_FILE, ORG_FILE, ParseCache, QUESTIONS_FILE, Record,
    Store, StoreError, Version, Versions, atomic,
};
use crate::model::{CycleData, CycleId, DataSetInfo, GoalId, GoalsFile, HeldTexts, Org, Source};

/// The names at the data set's root that belong to a data set.
const DATA_SET_NAMES: [&str; 6] = [INFO_FILE, ORG_FILE, CYCLES_DIR, COMPETENCIES_FILE, COURSES_FILE, QUESTIONS_FILE];

impl Store {
    /// Goal ids of every cycle but `except`, for telling links across cycles from dangling ones.
    pub fn goal_ids_of_other_cycles(&self, except: &str) -> Result<HashMap<GoalId, CycleId>, StoreError> {
        let mut found = HashMap::default();
        let run = self.cache.as_ref().map(ParseCache::open);
        for cycle in self.cycle_ids()?.into_iter().filter(|c| c != except) {
            let source_of = |person| Source::Goals { cycle: cycle.clone(), person };
            // Links into a linked folder are reported by that cycle's own check.
            let reads = match self.parse_folder(
                &cycle,
                GOALS_DIR,
                source_of,
                |file: &mut GoalsFile| _ = file.leave_texts_on_disk(),
                run.as_ref(),
            ) {
                Err(StoreError::OutsideDataSet(_)) => Vec::new(),
                other => other?,
            };
            for (_, _, read) in reads {
                for goal in read.ok().flatten().map(|(file, _)| file.goals).unwrap_or_default() {
                    found.insert(goal.id, cycle.clone());
                }
            }
        }
        if let Some(run) = run {
            run.persist();
        }
        Ok(found)
    }

    /// One person's goals file of any cycle, read-only (e.g. last cycle's, for carrying
    /// action items over); `None` when the person has none.
    pub fn read_goals_file(&self, cycle: &str, person: &str) -> Result<Option<GoalsFile>, StoreError> {
        let source = Source::Goals { cycle: cycle.into(), person: person.into() };
        let mut versions = HashMap::default();
        let mut problems = Vec::new();
        let file = self.load_optional::<GoalsFile>(&source, &mut versions, &mut problems, None)?;
        match problems.pop() {
            Some(problem) => Err(StoreError::of_fault(
                self.display_path(&source),
                Fault { location: problem.location, kind: problem.kind },
            )),
            None => Ok(file),
        }
    }

    /// Reads one file on its own; `None` when it does not exist. A file that cannot be
    /// read or does not parse is an error naming it (and line:column where it breaks).
    pub fn read_file<T: Record>(&self, source: &Source) -> Result<Option<T>, StoreError> {
        Ok(self.read_required(source, None)?.map(|(value, _)| value))
    }

    /// Reads one file with what [`Store::save`] checks against, to add to it and save
    /// it back unless someone else changed it meanwhile.
    pub fn read_for_update<T: Record>(&self, source: &Source) -> Result<(Option<T>, Versions), StoreError> {
        let (value, version) = match self.read_required(source, None)? {
            Some((value, version)) => (Some(value), version),
            None => (None, Version::Absent),
        };
        Ok((value, Versions(HashMap::from_iter([(Self::relative_path(source), version)]))))
    }

    /// Writes a new file; refuses (and leaves it alone) when the file already exists.
    pub fn create<T: Serialize>(&self, source: &Source, value: &T) -> Result<(), StoreError> {
        self.refuse_newer_schema()?;
        let path = self.path_of(source)?;
        let text = toml::to_string_pretty(value)
            .map_err(|error| StoreError::Serialize { path: path.clone(), message: error.to_string() })?;
        let _lock = SaveLock::take(&path)?;
        atomic::create_atomically(&path, text.as_bytes()).map_err(|source| StoreError::Io { path, source })
    }

    /// Writes many new files of one folder (e.g. a generated cycle's sheets), taking
    /// the folder's save lock once rather than once a file: many writers queueing on
    /// one lock while each file is flushed to disk would wait out the lock's patience.
    /// Refuses (and leaves it alone) any file that already exists.
    pub fn create_in_folder<T: Serialize + Sync>(&self, files: &[(Source, &T)]) -> Result<(), StoreError> {
        let Some((first, _)) = files.first() else { return Ok(()) };
        self.refuse_newer_schema()?;
        let _lock = SaveLock::take(&self.path_of(first)?)?;
        files.par_iter().try_for_each(|(source, value)| {
            let path = self.path_of(source)?;
            let text = toml::to_string_pretty(value)
                .map_err(|error| StoreError::Serialize { path: path.clone(), message: error.to_string() })?;
            atomic::create_atomically(&path, text.as_bytes()).map_err(|source| StoreError::Io { path, source })
        })
    }

    /// Whether a source's file (or anything in its place) exists.
    pub fn file_exists(&self, source: &Source) -> Result<bool, StoreError> {
        Ok(std::fs::symlink_metadata(self.path_of(source)?).is_ok())
    }

    /// Whether the root already holds any file of a data set, whole or not.
    pub fn holds_data(&self) -> bool {
        DATA_SET_NAMES.iter().any(|name| std::fs::symlink_metadata(self.root().join(name)).is_ok())
    }

    /// Writes a whole new data set of one cycle (with its competency framework and
    /// calibration files); refuses when the root already holds any of a data set, and
    /// before writing anything when any file's path would not be a valid one.
    /// `pdca.toml` is written last, so an interrupted run is not taken for a data set.
    pub fn create_data_set(&self, info: &DataSetInfo, org: &Org, data: &CycleData) -> Result<(), StoreError> {
        if self.holds_data() {
            return Err(StoreError::AlreadyExists(self.root().to_path_buf()));
        }
        let cycle = &data.cycle.id;
        let goals = data.goals.iter().map(|file| (Source::Goals { cycle: cycle.clone(), person: file.owner }, file));
        let feedback =
            data.feedback.iter().map(|file| (Source::Feedback { cycle: cycle.clone(), reviewer: file.reviewer }, file));
        let calibration = data
            .calibration
            .iter()
            .map(|file| (Source::Calibration { cycle: cycle.clone(), calibrator: file.calibrator }, file));
        let (goals, feedback, calibration): (Vec<_>, Vec<_>, Vec<_>) =
            (goals.collect(), feedback.collect(), calibration.collect());
        let instruments = &data.instruments;
        let meetings: Vec<_> = instruments
            .meetings
            .iter()
            .map(|file| (Source::Meetings { cycle: cycle.clone(), writer: file.writer }, file))
            .collect();
        let sources = goals.iter().map(|(s, _)| s).chain(feedback.iter().map(|(s, _)| s));
        let sources = sources.chain(meetings.iter().map(|(s, _)| s));
        for source in sources.chain(calibration.iter().map(|(s, _)| s)).chain([&Source::Cycle(cycle.clone())]) {
            self.path_of(source)?;
        }
        self.create(&Source::Cycle(cycle.clone()), &data.cycle)?;
        for (source, file) in &goals {
            self.create(source, file)?;
        }
        for (source, file) in &feedback {
            self.create(source, file)?;
        }
        for (source, file) in &calibration {
            self.create(source, file)?;
        }
        for (source, file) in &meetings {
            self.create(source, file)?;
        }
        if let Some(engagement) = &instruments.engagement {
            self.create(&Source::Engagement(cycle.clone()), engagement)?;
        }
        if let Some(framework) = &data.competencies {
            self.create(&Source::Competencies, framework)?;
        }
        self.create(&Source::Org, org)?;
        self.create(&Source::Info, info)
    }
}
