//! The only code that touches the data set's files.
//!
//! Layout under the data-set root:
//! ```text
//! pdca.toml                                  what the data set is
//! org.toml                                   units and people (HR)
//! competencies.toml                          the competency framework (HR; optional)
//! cycles/<cycle>/cycle.toml                  dates and phases (HR)
//! cycles/<cycle>/goals/<person>.toml         one person's sheet (that person)
//! cycles/<cycle>/feedback/<reviewer>.toml    one reviewer's feedback (that reviewer)
//! cycles/<cycle>/calibration/<calibrator>.toml  one calibrator's adjustments (that calibrator)
//! cycles/<cycle>/meetings/<writer>.toml      the 1on1s one person wrote down (that person)
//! cycles/<cycle>/engagement.toml             engagement survey results (HR)
//! courses.toml                               the course list (HR)
//! engagement-questions.toml                  the survey's questions (HR; default: the seed's 13)
//! audit/<admin>.toml                         who an administrator acted as (that administrator)
//! ```
//! Every file has one writer. Saves are atomic and refuse to overwrite a file that
//! changed on disk since it was loaded, or that did not parse.

pub mod atomic;
mod instruments;
pub mod sample;
mod whole;

pub use whole::Tracked;

use std::collections::{HashMap, hash_map::DefaultHasher};
use std::fs;
use std::hash::{Hash, Hasher};
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::model::calibration::CalibrationFile;
use crate::model::competency::Framework;
use crate::model::{
    Cycle, CycleData, CycleId, DataSetInfo, FeedbackFile, GoalId, GoalsFile, Location, Org, Problem, ProblemKind,
    Source,
};

pub const INFO_FILE: &str = "pdca.toml";
pub const ORG_FILE: &str = "org.toml";
pub const COMPETENCIES_FILE: &str = "competencies.toml";
pub const CYCLES_DIR: &str = "cycles";
pub const CYCLE_FILE: &str = "cycle.toml";
pub const GOALS_DIR: &str = "goals";
pub const FEEDBACK_DIR: &str = "feedback";
pub const CALIBRATION_DIR: &str = "calibration";
pub const AUDIT_DIR: &str = "audit";
pub use instruments::{COURSES_FILE, ENGAGEMENT_FILE, MEETINGS_DIR, QUESTIONS_FILE};

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
    Serialize {
        path: PathBuf,
        message: String,
    },
    /// pdca.toml declares a newer layout than this program understands: it neither
    /// reads nor writes the data set, so a newer version's data is never rewritten.
    NewerSchema {
        path: PathBuf,
        found: u32,
    },
}

/// What a file held when it was loaded, to notice changes made by someone else.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Version {
    /// The file did not exist.
    Absent,
    /// The file parsed; its length and content hash.
    Parsed { len: u64, hash: u64 },
    /// The file exists but did not parse: it must never be written over.
    Broken,
}

impl Version {
    fn of(bytes: &[u8]) -> Version {
        let mut hasher = DefaultHasher::new();
        bytes.hash(&mut hasher);
        Version::Parsed { len: bytes.len() as u64, hash: hasher.finish() }
    }
}

/// One cycle of the data set as loaded, with what is needed to save it back safely.
#[derive(Clone, Debug)]
pub struct Snapshot {
    pub info: DataSetInfo,
    pub org: Org,
    pub data: CycleData,
    /// Files that did not parse, with their positions.
    pub problems: Vec<Problem>,
    pub versions: Versions,
}

/// What each file held when it was loaded, by path relative to the root: what a
/// save compares the file on disk with before replacing it.
#[derive(Clone, Debug, Default)]
pub struct Versions(HashMap<PathBuf, Version>);

impl Versions {
    /// Whether a file was loaded broken, so that it must not be written over.
    pub fn is_broken(&self, source: &Source) -> bool {
        self.0.get(&Store::relative_path(source)) == Some(&Version::Broken)
    }
}

/// A data-set root folder.
#[derive(Clone, Debug)]
pub struct Store {
    root: PathBuf,
}

impl Store {
    pub fn new(root: impl Into<PathBuf>) -> Store {
        Store { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn exists(&self) -> bool {
        self.root.join(INFO_FILE).is_file()
    }

    /// The path of a source's file relative to the root, as shown to users.
    pub fn relative_path(source: &Source) -> PathBuf {
        match source {
            Source::Info => PathBuf::from(INFO_FILE),
            Source::Org => PathBuf::from(ORG_FILE),
            Source::Cycle(cycle) => [CYCLES_DIR, cycle, CYCLE_FILE].iter().collect(),
            Source::Goals { cycle, person } => {
                [CYCLES_DIR, cycle, GOALS_DIR, &format!("{person}.toml")].iter().collect()
            }
            Source::Feedback { cycle, reviewer } => {
                [CYCLES_DIR, cycle, FEEDBACK_DIR, &format!("{reviewer}.toml")].iter().collect()
            }
            Source::Competencies => PathBuf::from(COMPETENCIES_FILE),
            Source::Calibration { cycle, calibrator } => {
                [CYCLES_DIR, cycle, CALIBRATION_DIR, &format!("{calibrator}.toml")].iter().collect()
            }
            Source::Meetings { cycle, writer } => {
                [CYCLES_DIR, cycle, MEETINGS_DIR, &format!("{writer}.toml")].iter().collect()
            }
            Source::Engagement(cycle) => [CYCLES_DIR, cycle, ENGAGEMENT_FILE].iter().collect(),
            Source::Courses => PathBuf::from(COURSES_FILE),
            Source::EngagementQuestions => PathBuf::from(QUESTIONS_FILE),
            Source::Audit { admin } => [AUDIT_DIR, &format!("{admin}.toml")].iter().collect(),
        }
    }

    pub fn path_of(&self, source: &Source) -> PathBuf {
        self.root.join(Self::relative_path(source))
    }

    /// Creates the data set from the sample bundled into the program.
    pub fn init_sample(&self) -> Result<(), StoreError> {
        self.refuse_existing()?;
        for (relative, text) in sample::FILES {
            let path = self.root.join(relative);
            atomic::write_atomically(&path, text.as_bytes()).map_err(|source| StoreError::Io { path, source })?;
        }
        Ok(())
    }

    /// Creates an empty data set whose current cycle is the fiscal year (April–March) of `today`.
    pub fn init_empty(&self, organisation: &str, today: chrono::NaiveDate) -> Result<(), StoreError> {
        use chrono::Datelike;
        self.refuse_existing()?;
        let year = if today.month() >= 4 { today.year() } else { today.year() - 1 };
        let cycle = Cycle {
            id: year.to_string(),
            name: None,
            start: crate::model::Date::from_ymd(year, 4, 1).expect("April 1st exists"),
            end: crate::model::Date::from_ymd(year + 1, 3, 31).expect("March 31st exists"),
            phases: Default::default(),
            extra: Default::default(),
        };
        let info = DataSetInfo {
            schema_version: crate::model::SCHEMA_VERSION,
            organisation: organisation.to_owned(),
            current_cycle: cycle.id.clone(),
            identity: Some(crate::model::identity::IdentityMode::Login),
            score: None,
            calibration: None,
            recency: None,
            engagement: None,
            extra: Default::default(),
        };
        let mut versions = HashMap::new();
        self.write(&Source::Cycle(cycle.id.clone()), &cycle, &mut versions)?;
        self.write(&Source::Org, &Org::default(), &mut versions)?;
        self.write(&Source::Info, &info, &mut versions)
    }

    fn refuse_existing(&self) -> Result<(), StoreError> {
        if self.exists() { Err(StoreError::AlreadyExists(self.root.clone())) } else { Ok(()) }
    }

    pub fn load_info(&self) -> Result<(DataSetInfo, Version), StoreError> {
        if !self.exists() {
            return Err(StoreError::NoDataSet(self.root.clone()));
        }
        let path = self.root.join(INFO_FILE);
        let text = read(&path)?;
        let info: DataSetInfo =
            parse(&text).map_err(|(location, message)| StoreError::Parse { path: path.clone(), location, message })?;
        if info.schema_version > crate::model::SCHEMA_VERSION {
            return Err(StoreError::NewerSchema { path, found: info.schema_version });
        }
        Ok((info, Version::of(text.as_bytes())))
    }

    /// Refuses to write into a data set whose pdca.toml now declares a newer layout
    /// (upgraded by a newer version while this one had it open).
    fn refuse_newer_schema(&self) -> Result<(), StoreError> {
        #[derive(serde::Deserialize)]
        struct Layout {
            schema_version: u32,
        }
        let path = self.root.join(INFO_FILE);
        let declared = fs::read_to_string(&path).ok().and_then(|text| parse::<Layout>(&text).ok());
        match declared {
            Some(Layout { schema_version: found }) if found > crate::model::SCHEMA_VERSION => {
                Err(StoreError::NewerSchema { path, found })
            }
            _ => Ok(()),
        }
    }

    /// The cycles that have a folder, oldest first.
    pub fn cycle_ids(&self) -> Result<Vec<CycleId>, StoreError> {
        let folder = self.root.join(CYCLES_DIR);
        let mut ids: Vec<CycleId> = match fs::read_dir(&folder) {
            Ok(entries) => entries
                .flatten()
                .filter(|e| e.path().join(CYCLE_FILE).is_file())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect(),
            Err(error) if error.kind() == io::ErrorKind::NotFound => Vec::new(),
            Err(source) => return Err(StoreError::Io { path: folder, source }),
        };
        ids.sort();
        Ok(ids)
    }

    /// Loads the organisation, the competency framework and one cycle (the current one
    /// unless named). Files that do not parse are reported in `problems` and left out (a
    /// broken `competencies.toml` turns the 能力評価 half off, as an absent one does);
    /// only a broken `pdca.toml` or `cycle.toml` stops the load, since nothing can be
    /// shown without them.
    pub fn load(&self, cycle: Option<&str>) -> Result<Snapshot, StoreError> {
        let (info, info_version) = self.load_info()?;
        let cycle_id = cycle.unwrap_or(&info.current_cycle).to_owned();
        let mut versions = HashMap::from([(PathBuf::from(INFO_FILE), info_version)]);
        let mut problems = Vec::new();

        let org = self.load_optional::<Org>(&Source::Org, &mut versions, &mut problems)?.unwrap_or_default();
        let competencies = self.load_optional::<Framework>(&Source::Competencies, &mut versions, &mut problems)?;
        let cycle_source = Source::Cycle(cycle_id.clone());
        let cycle_path = self.path_of(&cycle_source);
        if !cycle_path.is_file() {
            return Err(StoreError::UnknownCycle { root: self.root.clone(), cycle: cycle_id });
        }
        let cycle_text = read(&cycle_path)?;
        let cycle: Cycle = parse(&cycle_text).map_err(|(location, message)| StoreError::Parse {
            path: cycle_path,
            location,
            message,
        })?;
        versions.insert(Self::relative_path(&cycle_source), Version::of(cycle_text.as_bytes()));

        let goals = self.load_folder(
            &cycle_id,
            GOALS_DIR,
            &mut versions,
            &mut problems,
            |person| Source::Goals { cycle: cycle_id.clone(), person },
            |file: &GoalsFile| ("owner", file.owner.as_str()),
        )?;
        let feedback = self.load_folder(
            &cycle_id,
            FEEDBACK_DIR,
            &mut versions,
            &mut problems,
            |reviewer| Source::Feedback { cycle: cycle_id.clone(), reviewer },
            |file: &FeedbackFile| ("reviewer", file.reviewer.as_str()),
        )?;
        let calibration = self.load_folder(
            &cycle_id,
            CALIBRATION_DIR,
            &mut versions,
            &mut problems,
            |calibrator| Source::Calibration { cycle: cycle_id.clone(), calibrator },
            |file: &CalibrationFile| ("calibrator", file.calibrator.as_str()),
        )?;
        let instruments = self.load_instruments(&cycle_id, &mut versions, &mut problems)?;
        let data = CycleData { cycle, goals, feedback, competencies, calibration, instruments };
        Ok(Snapshot { info, org, data, problems, versions: Versions(versions) })
    }

    /// Goal ids of every cycle but `except`, for telling links across cycles from dangling ones.
    pub fn goal_ids_of_other_cycles(&self, except: &str) -> Result<HashMap<GoalId, CycleId>, StoreError> {
        let mut found = HashMap::new();
        for cycle in self.cycle_ids()?.into_iter().filter(|c| c != except) {
            for (_, parsed) in self.parse_folder::<GoalsFile>(&cycle, GOALS_DIR)? {
                for goal in parsed.map(|(file, _)| file.goals).unwrap_or_default() {
                    found.insert(goal.id, cycle.clone());
                }
            }
        }
        Ok(found)
    }

    /// One person's goals file of any cycle, read-only (e.g. last cycle's, for carrying
    /// action items over); `None` when the person has none.
    pub fn read_goals_file(&self, cycle: &str, person: &str) -> Result<Option<GoalsFile>, StoreError> {
        let source = Source::Goals { cycle: cycle.to_owned(), person: person.to_owned() };
        let mut versions = HashMap::new();
        let mut problems = Vec::new();
        let file = self.load_optional::<GoalsFile>(&source, &mut versions, &mut problems)?;
        match problems.pop() {
            Some(Problem { location: Some(location), kind: ProblemKind::Parse(message), .. }) => {
                Err(StoreError::Parse { path: self.path_of(&source), location, message })
            }
            _ => Ok(file),
        }
    }

    fn load_optional<T: DeserializeOwned>(
        &self,
        source: &Source,
        versions: &mut HashMap<PathBuf, Version>,
        problems: &mut Vec<Problem>,
    ) -> Result<Option<T>, StoreError> {
        let relative = Self::relative_path(source);
        let path = self.root.join(&relative);
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                versions.insert(relative, Version::Absent);
                return Ok(None);
            }
            Err(source) => return Err(StoreError::Io { path, source }),
        };
        match parse(&text) {
            Ok(value) => {
                versions.insert(relative, Version::of(text.as_bytes()));
                Ok(Some(value))
            }
            Err((location, message)) => {
                versions.insert(relative, Version::Broken);
                problems.push(Problem {
                    location: Some(location),
                    ..Problem::new(source.clone(), None, ProblemKind::Parse(message))
                });
                Ok(None)
            }
        }
    }

    /// Parses every `*.toml` of a cycle's sub-folder, in parallel; one result per file stem.
    #[allow(clippy::type_complexity)]
    fn parse_folder<T: DeserializeOwned + Send>(
        &self,
        cycle: &str,
        folder_name: &str,
    ) -> Result<Vec<(String, Result<(T, Version), (Location, String)>)>, StoreError> {
        let folder = self.root.join(CYCLES_DIR).join(cycle).join(folder_name);
        atomic::clean_stale_temp_files(&folder, SystemTime::now());
        let entries = match fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => return Err(StoreError::Io { path: folder, source }),
        };
        let mut stems: Vec<String> = entries
            .flatten()
            .filter_map(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                let stem = name.strip_suffix(".toml")?;
                (!name.starts_with('.') && !atomic::is_temp_file(&name)).then(|| stem.to_owned())
            })
            .collect();
        stems.sort();
        stems
            .into_par_iter()
            .map(|stem| {
                let path = folder.join(format!("{stem}.toml"));
                let text = read(&path)?;
                let parsed = parse::<T>(&text).map(|value| (value, Version::of(text.as_bytes())));
                Ok((stem, parsed))
            })
            .collect()
    }

    /// Loads a folder of per-person files. A file whose `writer` field names someone
    /// other than its file name is left out and never written: saving it would go to
    /// the other person's file.
    fn load_folder<T: DeserializeOwned + Send>(
        &self,
        cycle: &str,
        folder_name: &str,
        versions: &mut HashMap<PathBuf, Version>,
        problems: &mut Vec<Problem>,
        source_of: impl Fn(String) -> Source,
        writer: impl Fn(&T) -> (&'static str, &str),
    ) -> Result<Vec<T>, StoreError> {
        let mut values = Vec::new();
        for (stem, parsed) in self.parse_folder::<T>(cycle, folder_name)? {
            let source = source_of(stem.clone());
            let relative = Self::relative_path(&source);
            match parsed {
                Ok((value, _)) if writer(&value).1 != stem => {
                    let (field, found) = writer(&value);
                    let kind = ProblemKind::WrongPlace { field, expected: stem.clone(), found: found.to_owned() };
                    problems.push(Problem::new(source, Some(&stem), kind));
                    versions.insert(relative, Version::Broken);
                }
                Ok((value, version)) => {
                    versions.insert(relative, version);
                    values.push(value);
                }
                Err((location, message)) => {
                    versions.insert(relative, Version::Broken);
                    problems.push(Problem {
                        location: Some(location),
                        ..Problem::new(source, None, ProblemKind::Parse(message))
                    });
                }
            }
        }
        Ok(values)
    }

    /// Saves a record to its file, unless the file changed on disk since it was loaded
    /// or did not parse then. On success the snapshot remembers the new content.
    pub fn save<T: Serialize>(&self, versions: &mut Versions, source: &Source, value: &T) -> Result<(), StoreError> {
        self.write(source, value, &mut versions.0)
    }

    fn write<T: Serialize>(
        &self,
        source: &Source,
        value: &T,
        versions: &mut HashMap<PathBuf, Version>,
    ) -> Result<(), StoreError> {
        let relative = Self::relative_path(source);
        let path = self.root.join(&relative);
        let known = versions.get(&relative).copied().unwrap_or(Version::Absent);
        if known == Version::Broken {
            return Err(StoreError::Unreadable(path));
        }
        self.refuse_newer_schema()?;
        let on_disk = match fs::read(&path) {
            Ok(bytes) => Version::of(&bytes),
            Err(error) if error.kind() == io::ErrorKind::NotFound => Version::Absent,
            Err(source) => return Err(StoreError::Io { path, source }),
        };
        if on_disk != known {
            return Err(StoreError::ChangedOnDisk(path));
        }
        let text = toml::to_string_pretty(value)
            .map_err(|error| StoreError::Serialize { path: path.clone(), message: error.to_string() })?;
        atomic::write_atomically(&path, text.as_bytes()).map_err(|source| StoreError::Io { path, source })?;
        versions.insert(relative, Version::of(text.as_bytes()));
        Ok(())
    }
}

impl Snapshot {
    /// Whether a file was loaded broken, so that the UI can say why it cannot be edited.
    pub fn is_broken(&self, source: &Source) -> bool {
        self.versions.is_broken(source)
    }
}

fn read(path: &Path) -> Result<String, StoreError> {
    let bytes = fs::read(path).map_err(|source| StoreError::Io { path: path.to_owned(), source })?;
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&error.into_bytes()[..offset]).into_owned();
        StoreError::Parse {
            path: path.to_owned(),
            location: Location::at(&text, offset),
            message: "the file is not valid UTF-8".to_owned(),
        }
    })
}

/// Parses TOML text, or gives the 1-based position and reason of the first error.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, (Location, String)> {
    toml::from_str(text).map_err(|error: toml::de::Error| {
        let offset = error.span().map_or(0, |span| span.start);
        (Location::at(text, offset), error.message().trim().to_owned())
    })
}
