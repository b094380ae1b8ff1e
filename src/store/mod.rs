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
mod load;
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
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

pub use self::cache::ParseCache;
use self::cache::{CacheRun, Slot};
pub use self::error::StoreError;
pub use self::exports::EXPORTS_DIR;
use self::lock::SaveLock;
pub use self::lock::{LOCK_FILE, lock_path};
pub use self::progress::LoadProgress;
use self::read::{Facts, Fault, limit_of, read_text, read_usable, usable, utf8};
pub use self::watch::Watcher;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::model::validate::OwnChecked;
use crate::model::{Cycle, CycleData, DataSetInfo, Location, Org, OwnChecks, Problem, ProblemKind, Source};

/// What a file is read into: a record the parse cache keeps, with what its own
/// checks found of it.
pub trait Record: DeserializeOwned + Serialize + OwnChecked {}

impl<T: DeserializeOwned + Serialize + OwnChecked> Record for T {}

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
    /// Loads leave on disk the Do logs an export never writes, once checked, and
    /// take the parse cache's word for those checks (see [`Store::reading_for_export`]).
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
    fn read_required<T: Record>(
        &self,
        source: &Source,
        cache: Option<&CacheRun>,
    ) -> Result<Option<(T, Version)>, StoreError> {
        let path = self.path_of(source)?;
        self.read_record(source, &path, cache).map_err(|fault| StoreError::of_fault(path, fault))
    }

    /// Reads and parses one file, or takes what it parsed to from the cache when the
    /// file is unchanged since; `Ok(None)` when it does not exist.
    fn read_record<T: Record>(
        &self,
        source: &Source,
        path: &Path,
        cache: Option<&CacheRun>,
    ) -> Result<Option<(T, Version)>, Fault> {
        let limit = limit_of(source);
        let Some(facts) = usable(path, limit)? else { return Ok(None) };
        let read = || read_usable(path, &facts, limit);
        // Looked up once the file is found: a file that is not there reads no shard.
        let slot = || cache.map(|cache| cache.slot(&Self::relative_path(source)));
        Self::read_found(facts, read, slot, self.trusts_own_checks())
    }

    /// [`Store::read_record`] of a file [`usable`] found, read by `read`, with its
    /// place in the cache found by `slot`. The cache keeps what the record's own
    /// checks found beside it; `trusting` loads take its word, and leave undecoded
    /// the Do logs, or their texts, of a file whose logs passed
    /// ([`Store::trusts_own_checks`], [`OwnChecks::undecoded`]).
    fn read_found<'c, T: Record>(
        facts: Facts,
        read: impl FnOnce() -> Result<Vec<u8>, Fault>,
        slot: impl FnOnce() -> Option<Slot<'c>>,
        trusting: bool,
    ) -> Result<Option<(T, Version)>, Fault> {
        let Some((slot, stamp)) = facts.stamp.and_then(|stamp| Some((slot()?, stamp))) else {
            return parse_bytes(read()?).map(Some);
        };
        let undecoded = |checks: OwnChecks| checks.undecoded().filter(|_| trusting);
        let (mut value, version, checks) = match slot.get::<T>(stamp, undecoded) {
            Some(found) => found,
            None => {
                let (value, version) = parse_bytes::<T>(read()?)?;
                let checks = value.own_checks();
                slot.put(stamp, version, &value, checks);
                (value, version, checks)
            }
        };
        if trusting {
            value.trust_own_checks(checks);
        }
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

impl Snapshot {
    /// Whether a file was loaded broken, so that the UI can say why it cannot be edited.
    pub fn is_broken(&self, source: &Source) -> bool {
        self.versions.is_broken(source)
    }
}

/// Parses a file's bytes.
fn parse_bytes<T: DeserializeOwned>(bytes: Vec<u8>) -> Result<(T, Version), Fault> {
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
