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
//! Every file has one writer. Saves are atomic, hold a lock from reading the file
//! on disk to replacing it, and refuse to overwrite a file that changed on disk
//! since it was loaded, or that could not be read then. Every path is built by one
//! function that keeps it inside the data set ([`Store::path_of`]), and only
//! regular files under a size limit are read ([`read`]).

pub mod atomic;
mod cache;
mod error;
mod exports;
mod instruments;
mod lock;
mod msgpack;
pub mod pages;
pub mod part;
mod paths;
mod progress;
pub mod read;
pub mod sample;
mod texts;
mod watch;
mod whole;

use crate::model::hash::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

pub use self::cache::ParseCache;
use self::cache::{CacheRun, Stamp};
pub use self::error::StoreError;
pub use self::exports::EXPORTS_DIR;
use self::lock::SaveLock;
pub use self::lock::{LOCK_FILE, lock_path};
pub use self::progress::LoadProgress;
use self::read::{Fault, FileRead, fault_of_path, limit_of, read_text, read_usable, usable, utf8};
pub use self::watch::Watcher;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::model::calibration::CalibrationFile;
use crate::model::competency::Framework;
use crate::model::{
    Cycle, CycleData, DataSetInfo, FeedbackFile, GoalsFile, Location, Org, Problem, ProblemKind, Source,
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
    cache: Option<ParseCache>,
    /// Counts the files of each load, for a progress indicator.
    progress: Option<std::sync::Arc<LoadProgress>>,
    /// Loads read only these people's per-person files (see [`Store::part_for`]).
    part: Option<std::sync::Arc<crate::model::hash::HashSet<crate::model::PersonId>>>,
    /// Loads leave the texts of goals files on disk (see [`Store::leaving_texts_on_disk`]).
    texts_on_disk: bool,
    /// Loads leave out the 1on1 texts this person is never shown (see
    /// [`Store::reading_meetings_as`]).
    meetings_reader: Option<crate::model::PersonId>,
    /// Loads leave on disk the Do logs an export never writes, once checked (see
    /// [`Store::reading_for_export`]).
    checked_logs_on_disk: bool,
}

impl Store {
    pub fn new(root: impl Into<PathBuf>) -> Store {
        Store {
            root: root.into(),
            cache: None,
            progress: None,
            part: None,
            texts_on_disk: false,
            meetings_reader: None,
            checked_logs_on_disk: false,
        }
    }

    /// The store, keeping what it parses in the user's cache folder `cache_dir`, so
    /// that the next load parses only the files that changed.
    pub fn with_parse_cache(self, cache_dir: &Path) -> Store {
        let cache = ParseCache::new(cache_dir, &self.root);
        self.with_cache(cache)
    }

    pub fn with_cache(self, cache: ParseCache) -> Store {
        Store { cache: Some(cache), ..self }
    }

    pub fn parse_cache(&self) -> Option<&ParseCache> {
        self.cache.as_ref()
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn exists(&self) -> bool {
        self.path_of(&Source::Info).is_ok_and(|path| path.is_file())
    }

    /// Creates the data set from the sample bundled into the program.
    pub fn init_sample(&self) -> Result<(), StoreError> {
        self.refuse_existing()?;
        // Every path is checked before anything is written: nothing half made.
        let paths = sample::FILES
            .iter()
            .map(|(relative, text)| Ok((self.confined(Path::new(relative))?, text)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        for (path, text) in paths {
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
            id: compact_str::format_compact!("{year}"),
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
        let mut versions = HashMap::default();
        self.write(&Source::Cycle(cycle.id.clone()), &cycle, &mut versions)?;
        self.write(&Source::Org, &Org::default(), &mut versions)?;
        self.write(&Source::Info, &info, &mut versions)
    }

    /// Refuses a root that holds any file of a data set, whole or not.
    fn refuse_existing(&self) -> Result<(), StoreError> {
        if self.holds_data() { Err(StoreError::AlreadyExists(self.root.clone())) } else { Ok(()) }
    }

    pub fn load_info(&self) -> Result<(DataSetInfo, Version), StoreError> {
        self.load_info_with(None)
    }

    fn load_info_with(&self, cache: Option<&CacheRun>) -> Result<(DataSetInfo, Version), StoreError> {
        let (info, version): (DataSetInfo, Version) =
            self.read_required(&Source::Info, cache)?.ok_or_else(|| StoreError::NoDataSet(self.root.clone()))?;
        if info.schema_version > crate::model::SCHEMA_VERSION {
            return Err(StoreError::NewerSchema { path: self.display_path(&Source::Info), found: info.schema_version });
        }
        Ok((info, version))
    }

    /// A file the data set cannot do without (pdca.toml, a cycle's cycle.toml): any
    /// fault is an error; `Ok(None)` when it does not exist.
    fn read_required<T: DeserializeOwned + Serialize>(
        &self,
        source: &Source,
        cache: Option<&CacheRun>,
    ) -> Result<Option<(T, Version)>, StoreError> {
        let path = self.path_of(source)?;
        self.read_record(source, &path, cache).map_err(|fault| StoreError::of_fault(path, fault))
    }

    /// Reads and parses one file, or takes what it parsed to from the cache when the
    /// file is unchanged since; `Ok(None)` when it does not exist.
    fn read_record<T: DeserializeOwned + Serialize>(
        &self,
        source: &Source,
        path: &Path,
        cache: Option<&CacheRun>,
    ) -> Result<Option<(T, Version)>, Fault> {
        let limit = limit_of(source);
        let Some(metadata) = usable(path, limit)? else { return Ok(None) };
        let Some((cache, stamp)) = cache.zip(Stamp::of(&metadata)) else {
            return parse_file(path, &metadata, limit).map(Some);
        };
        let relative = Self::relative_path(source);
        if let Some(found) = cache.get(&relative, stamp) {
            return Ok(Some(found));
        }
        let (value, version) = parse_file(path, &metadata, limit)?;
        cache.put(&relative, stamp, version, &value);
        Ok(Some((value, version)))
    }

    /// Refuses to write into a data set whose pdca.toml now declares a newer layout
    /// (upgraded by a newer version while this one had it open).
    fn refuse_newer_schema(&self) -> Result<(), StoreError> {
        #[derive(serde::Deserialize)]
        struct Layout {
            schema_version: u32,
        }
        let path = self.path_of(&Source::Info)?;
        let text =
            read_text(&path, limit_of(&Source::Info)).ok().flatten().and_then(|bytes| String::from_utf8(bytes).ok());
        let declared = text.and_then(|text| parse::<Layout>(&text).ok());
        match declared {
            Some(Layout { schema_version: found }) if found > crate::model::SCHEMA_VERSION => {
                Err(StoreError::NewerSchema { path, found })
            }
            _ => Ok(()),
        }
    }

    /// Loads the organisation, the competency framework and one cycle (the current one
    /// unless named). Files that do not parse are reported in `problems` and left out (a
    /// broken `competencies.toml` turns the 能力評価 half off, as an absent one does);
    /// only a broken `pdca.toml` or `cycle.toml` stops the load, since nothing can be
    /// shown without them.
    pub fn load(&self, cycle: Option<&str>) -> Result<Snapshot, StoreError> {
        let run = self.cache.as_ref().map(ParseCache::open);
        let snapshot = self.load_with(cycle, run.as_ref(), None)?;
        if let Some(run) = run {
            run.persist();
        }
        Ok(snapshot)
    }

    /// Loads the cycle; `org`: org.toml as the caller read it already in this load
    /// (read here when `None`).
    fn load_with(
        &self,
        cycle: Option<&str>,
        cache: Option<&CacheRun>,
        org: Option<FileRead<Org>>,
    ) -> Result<Snapshot, StoreError> {
        let (info, info_version) = self.load_info_with(cache)?;
        let cycle_id = crate::model::CycleId::from(cycle.unwrap_or(&info.current_cycle));
        // org.toml is decoded beside the cycle's own files and goals, which do not
        // need it: at city scale each takes tens of milliseconds of one core.
        let (org, first) =
            rayon::join(|| org.unwrap_or_else(|| self.read_org(cache)), || self.load_cycle_and_goals(&cycle_id, cache));
        let (competencies, cycle, goals, (mut versions, first_problems)) = first?;
        versions.insert(Self::relative_path(&Source::Info), info_version);
        let mut problems = Vec::new();
        let org = keep(Self::relative_path(&Source::Org), &Source::Org, org, &mut versions, &mut problems)
            .unwrap_or_default();
        problems.extend(first_problems);
        let feedback = self.load_folder(
            &cycle_id,
            FEEDBACK_DIR,
            &mut versions,
            &mut problems,
            |reviewer| Source::Feedback { cycle: cycle_id.clone(), reviewer },
            (
                |file: &FeedbackFile| ("reviewer", file.reviewer.as_str()),
                |file: &mut FeedbackFile| self.shed_texts(file),
            ),
            cache,
        )?;
        let calibration = self.load_folder(
            &cycle_id,
            CALIBRATION_DIR,
            &mut versions,
            &mut problems,
            |calibrator| Source::Calibration { cycle: cycle_id.clone(), calibrator },
            (|file: &CalibrationFile| ("calibrator", file.calibrator.as_str()), |_: &mut CalibrationFile| {}),
            cache,
        )?;
        let instruments = self.load_instruments(&cycle_id, &mut versions, &mut problems, cache)?;
        let data = CycleData { cycle, goals, feedback, competencies, calibration, instruments };
        Ok(Snapshot { info, org, data, problems, versions: Versions(versions) })
    }

    /// The competency framework, the cycle and its goals files, with what their
    /// reading found: the part of [`Store::load_with`] read beside org.toml.
    #[allow(clippy::type_complexity)]
    fn load_cycle_and_goals(
        &self,
        cycle_id: &crate::model::CycleId,
        cache: Option<&CacheRun>,
    ) -> Result<(Option<Framework>, Cycle, Vec<GoalsFile>, (HashMap<PathBuf, Version>, Vec<Problem>)), StoreError> {
        let (mut versions, mut problems) = (HashMap::default(), Vec::new());
        let competencies =
            self.load_optional::<Framework>(&Source::Competencies, &mut versions, &mut problems, cache)?;
        let cycle_source = Source::Cycle(cycle_id.clone());
        let Some((cycle, cycle_version)) = self.read_required::<Cycle>(&cycle_source, cache)? else {
            return Err(StoreError::UnknownCycle { root: self.root.clone(), cycle: cycle_id.clone() });
        };
        // Saves go to the folder the cycle's `id` names: it must be the folder it is in.
        if cycle.id != *cycle_id {
            let kind =
                ProblemKind::WrongPlace { field: "id", expected: cycle_id.to_string(), found: cycle.id.to_string() };
            return Err(StoreError::BadFile {
                path: self.display_path(&cycle_source),
                location: None,
                kind: Box::new(kind),
            });
        }
        versions.insert(Self::relative_path(&cycle_source), cycle_version);
        let goals = self.load_folder(
            cycle_id,
            GOALS_DIR,
            &mut versions,
            &mut problems,
            |person| Source::Goals { cycle: cycle_id.clone(), person },
            (|file: &GoalsFile| ("owner", file.owner.as_str()), |file: &mut GoalsFile| self.shed_goals_texts(file)),
            cache,
        )?;
        Ok((competencies, cycle, goals, (versions, problems)))
    }

    fn read_org(&self, cache: Option<&CacheRun>) -> FileRead<Org> {
        let read = self.path_of(&Source::Org).map_err(fault_of_path);
        let read = read.and_then(|path| self.read_record::<Org>(&Source::Org, &path, cache));
        // serde reserves no more than 1 MiB of a list ahead, so a city's people
        // grew by doubling, and up to half the list's room stayed unused, held
        // for the whole session (HR's app at 20,000 people: 3 MB).
        read.map(|found| {
            found.map(|(mut org, version)| {
                org.people.shrink_to_fit();
                (org, version)
            })
        })
    }

    fn load_optional<T: DeserializeOwned + Serialize>(
        &self,
        source: &Source,
        versions: &mut HashMap<PathBuf, Version>,
        problems: &mut Vec<Problem>,
        cache: Option<&CacheRun>,
    ) -> Result<Option<T>, StoreError> {
        let read = self.path_of(source).map_err(fault_of_path).and_then(|path| self.read_record(source, &path, cache));
        Ok(keep(Self::relative_path(source), source, read, versions, problems))
    }

    /// Reads and parses every `*.toml` of a cycle's sub-folder, in parallel; one result
    /// per file name. A name that is not a valid id is a fault of that file alone.
    #[allow(clippy::type_complexity)]
    fn parse_folder<T: DeserializeOwned + Serialize + Send>(
        &self,
        cycle: &str,
        folder_name: &str,
        source_of: impl Fn(crate::model::PersonId) -> Source,
        shed: impl Fn(&mut T) + Sync,
        cache: Option<&CacheRun>,
    ) -> Result<Vec<(PathBuf, Source, FileRead<T>)>, StoreError> {
        let folder = self.folder_of(cycle, folder_name)?;
        let stems = self.stems_to_read(&folder)?;
        pages::about_to_read(stems.len());
        if let Some(progress) = &self.progress {
            progress.found(stems.len());
        }
        let files: Vec<(String, Source)> =
            stems.into_iter().map(|stem| (stem.clone(), source_of(stem.as_str().into()))).collect();
        let read_one = |(stem, source): (String, Source)| {
            let read = match crate::model::ident::check_id(&stem) {
                // Shed as each file is read, so that what is shed never adds to the peak.
                Ok(()) => self.read_record(&source, &folder.join(format!("{stem}.toml")), cache).map(|mut read| {
                    read.iter_mut().for_each(|(value, _)| shed(value));
                    read
                }),
                Err(reason) => {
                    Err(Fault { location: None, kind: ProblemKind::BadId { field: "file name", id: stem, reason } })
                }
            };
            if let Some(progress) = &self.progress {
                progress.read_one();
            }
            // Its path for the versions, made here on all cores rather than after.
            (Self::relative_path(&source), source, read)
        };
        Ok(CacheRun::read_all(cache, files, |(_, source)| Self::relative_path(source), read_one))
    }

    /// Loads a folder of per-person files. A file whose `writer` field names someone
    /// other than its file name is left out and never written: saving it would go to
    /// the other person's file.
    #[allow(clippy::too_many_arguments)]
    fn load_folder<T: DeserializeOwned + Serialize + Send>(
        &self,
        cycle: &str,
        folder_name: &str,
        versions: &mut HashMap<PathBuf, Version>,
        problems: &mut Vec<Problem>,
        source_of: impl Fn(crate::model::PersonId) -> Source,
        (writer, shed): (impl Fn(&T) -> (&'static str, &str), impl Fn(&mut T) + Sync),
        cache: Option<&CacheRun>,
    ) -> Result<Vec<T>, StoreError> {
        let reads = match self.parse_folder::<T>(cycle, folder_name, source_of, shed, cache) {
            Ok(reads) => reads,
            // A linked folder hurts only its own files: they are neither read nor written.
            Err(StoreError::OutsideDataSet(folder)) => {
                let folder = folder.strip_prefix(&self.root).unwrap_or(&folder).display().to_string();
                problems.push(Problem::new(Source::Cycle(cycle.into()), None, ProblemKind::LinkedFolder { folder }));
                return Ok(Vec::new());
            }
            Err(error) => return Err(error),
        };
        // Sized at once: grown by doubling, a city's 20,000 goals files left room for
        // 12,000 more, held for as long as the records are.
        let mut values = Vec::with_capacity(reads.len());
        versions.reserve(reads.len());
        for (relative, source, read) in reads {
            let stem = relative.file_stem().map(|s| s.to_string_lossy());
            let read = read.and_then(|found| match found {
                Some((value, _)) if Some(writer(&value).1) != stem.as_deref() => {
                    let (field, found) = writer(&value);
                    let expected = stem.as_deref().unwrap_or_default().to_owned();
                    Err(Fault {
                        location: None,
                        kind: ProblemKind::WrongPlace { field, expected, found: found.to_owned() },
                    })
                }
                other => Ok(other),
            });
            values.extend(keep(relative, &source, read, versions, problems));
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
        let path = self.path_of(source)?;
        let known = known_version(versions, &relative);
        if known == Version::Broken {
            return Err(StoreError::Unreadable(path));
        }
        let text = toml::to_string_pretty(value)
            .map_err(|error| StoreError::Serialize { path: path.clone(), message: error.to_string() })?;
        self.refuse_newer_schema()?;
        // From reading what is on disk to replacing it, no other save of this file runs.
        let _lock = SaveLock::take(&path)?;
        match differs_on_disk(&path, limit_of(source), known) {
            Ok(false) => {}
            Ok(true) => return Err(StoreError::ChangedOnDisk(path)),
            // Whatever stands there now is not a file this program may replace.
            Err(_) => return Err(StoreError::Unreadable(path)),
        }
        atomic::write_atomically(&path, text.as_bytes()).map_err(|source| StoreError::Io { path, source })?;
        versions.insert(relative, Version::of(text.as_bytes()));
        Ok(())
    }
}

/// What was loaded (or saved) of the file at `relative`; `Absent` when nothing was.
fn known_version(versions: &HashMap<PathBuf, Version>, relative: &Path) -> Version {
    versions.get(relative).copied().unwrap_or(Version::Absent)
}

/// Whether the file at `path` now holds something other than `known`, what was loaded
/// or saved: the one check a save makes before replacing a file, and the watcher
/// before reporting one. `Err` when what stands there is not a file that may be read.
fn differs_on_disk(path: &Path, limit: u64, known: Version) -> Result<bool, Fault> {
    let on_disk = match read_text(path, limit)? {
        Some(bytes) => Version::of(&bytes),
        None => Version::Absent,
    };
    Ok(on_disk != known)
}

/// Keeps what the file of `source` (at `relative`) read gave: its value and version,
/// or its fault as a problem (and a version that forbids writing over it).
fn keep<T>(
    relative: PathBuf,
    source: &Source,
    read: FileRead<T>,
    versions: &mut HashMap<PathBuf, Version>,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    match read {
        Ok(None) => {
            versions.insert(relative, Version::Absent);
            None
        }
        Ok(Some((value, version))) => {
            versions.insert(relative, version);
            Some(value)
        }
        Err(fault) => {
            versions.insert(relative, Version::Broken);
            problems.push(Problem { location: fault.location, ..Problem::new(source.clone(), None, fault.kind) });
            None
        }
    }
}

impl Snapshot {
    /// Whether a file was loaded broken, so that the UI can say why it cannot be edited.
    pub fn is_broken(&self, source: &Source) -> bool {
        self.versions.is_broken(source)
    }
}

/// Reads and parses a file [`usable`] accepted.
fn parse_file<T: DeserializeOwned>(path: &Path, metadata: &fs::Metadata, limit: u64) -> Result<(T, Version), Fault> {
    let bytes = read_usable(path, metadata, limit)?;
    let version = Version::of(&bytes);
    let text = utf8(bytes)?;
    let value = parse(&text)
        .map_err(|(location, message)| Fault { location: Some(location), kind: ProblemKind::Parse(message) })?;
    Ok((value, version))
}

/// Parses TOML text, or gives the 1-based position and reason of the first error.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, (Location, String)> {
    toml::from_str(text).map_err(|error: toml::de::Error| {
        let offset = error.span().map_or(0, |span| span.start);
        (Location::at(text, offset), error.message().trim().to_owned())
    })
}
