//! A per-user cache of parsed files, in the user's cache folder (never in the data
//! set): what each file parsed to the last time, keyed by its path, length,
//! modification and change times and inode, so that a start parses only the files
//! that changed since. The records are kept as MessagePack, a self-describing
//! binary form (the records keep unknown keys through `#[serde(flatten)]`, which
//! only a self-describing form can read back).
//!
//! The cache is never trusted over the files: an entry is used only when the file's
//! stamp is the one it was made from and its checksum holds (checked when it is
//! used, so that a load of a few files reads few pages), and a cache file that is
//! not whole (wrong magic, another program build, cut short) is ignored as if it
//! were not there and written anew. Entries are spread over [`SHARDS`] files by
//! file name, so that one changed file rewrites a small part of the cache.
//!
//! A shard file is its header, then an index of its entries (each entry's checksum,
//! the place of its record, its key, stamp, version, record length and what the
//! record's own checks found, [`OwnChecks`]), then the
//! records: opening a shard reads its index, not its records.

mod mapped;

use crate::model::hash::HashMap;
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rayon::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::paths::slash_path;
use super::{Version, atomic};
use crate::model::OwnChecks;
use mapped::ShardBytes;

/// The most files a core reads without the others being able to take some of them
/// over. Left to itself, rayon splits a list into about as many runs as there are
/// cores: a core done early (with org.toml, read beside the goals) found nothing
/// left to take, and a city's goals ended on one core for a fifth of their time.
const FILES_AT_ONCE: usize = 64;

/// How many files the cache of one data set is spread over.
const SHARDS: usize = 32;
/// The start of every cache file; changes when the layout below changes.
const MAGIC: &[u8; 8] = b"pdcapc05";
/// Bytes before the index: magic, program fingerprint, the length of the index and
/// records, the length of the index.
const HEADER: usize = 32;
/// Data sets whose caches are kept; the least recently used beyond are removed.
const DATA_SETS_KEPT: usize = 16;
/// A file written this recently may be written again without its stamp changing:
/// it is not cached until it has settled.
const SETTLE: Duration = super::watch::CLOCK_RESOLUTION;

/// What identifies a file's content without reading it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: (i64, u32),
    changed: (i64, u32),
    inode: u64,
}

impl Stamp {
    /// The stamp of a file; `None` when its times are unknown (then it is not cached).
    pub fn of(metadata: &fs::Metadata) -> Option<Stamp> {
        let since_epoch = |time: SystemTime| time.duration_since(UNIX_EPOCH).ok();
        let modified = since_epoch(metadata.modified().ok()?)?;
        let modified = (i64::try_from(modified.as_secs()).ok()?, modified.subsec_nanos());
        #[cfg(unix)]
        let (changed, inode) = {
            use std::os::unix::fs::MetadataExt;
            ((metadata.ctime(), u32::try_from(metadata.ctime_nsec()).ok()?), metadata.ino())
        };
        #[cfg(not(unix))]
        let (changed, inode) = (modified, 0);
        Some(Stamp { len: metadata.len(), modified, changed, inode })
    }

    /// [`Stamp::of`] from what `stat` told of a file: the same stamp.
    #[cfg(unix)]
    pub fn of_stat(stat: &libc::stat) -> Option<Stamp> {
        // Before the epoch, or not a time: unknown, as for `of`.
        let modified_nanos = u32::try_from(stat.st_mtime_nsec).ok().filter(|&nanos| nanos < 1_000_000_000)?;
        let modified = (stat.st_mtime >= 0).then_some((stat.st_mtime, modified_nanos))?;
        let changed = (stat.st_ctime, u32::try_from(stat.st_ctime_nsec).ok()?);
        Some(Stamp { len: u64::try_from(stat.st_size).ok()?, modified, changed, inode: stat.st_ino })
    }

    /// Whether the file was last written long enough before `now`.
    fn settled(&self, now: SystemTime, settle: Duration) -> bool {
        let newest = self.modified.max(self.changed);
        let written = UNIX_EPOCH + Duration::new(u64::try_from(newest.0).unwrap_or(u64::MAX / 4), newest.1);
        now.duration_since(written).is_ok_and(|age| age >= settle)
    }
}

/// The cache folder of one data set.
#[derive(Clone, Debug)]
pub struct ParseCache {
    folder: PathBuf,
    fingerprint: u64,
    settle: Duration,
    /// How many files the last load took from the cache.
    hits: Arc<AtomicUsize>,
}

impl ParseCache {
    /// The cache of the data set at `root`, under the user's cache folder `cache_dir`.
    pub fn new(cache_dir: &Path, root: &Path) -> ParseCache {
        let root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let folder = cache_dir.join("parsed").join(format!("{:016x}", hash_of(&root)));
        ParseCache { folder, fingerprint: program_fingerprint(), settle: SETTLE, hits: Arc::default() }
    }

    /// Caches files however recently they were written: for tests, which edit files
    /// faster than a person can (and give each edit its own modification time).
    pub fn settling_after(self, settle: Duration) -> ParseCache {
        ParseCache { settle, ..self }
    }

    /// How many files the last load took from the cache rather than parsing them.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::Relaxed)
    }

    /// The cache for one load: each shard as it is on disk when a file of it is first
    /// looked up, so that a load of few files reads few shards.
    pub(super) fn open(&self) -> CacheRun {
        self.hits.store(0, Ordering::Relaxed);
        let shards = (0..SHARDS).map(|_| OnceLock::new()).collect();
        CacheRun { cache: self.clone(), shards, fresh: Mutex::new(Vec::new()), now: SystemTime::now() }
    }

    fn shard_path(&self, index: usize) -> PathBuf {
        self.folder.join(format!("shard-{index:02}.bin"))
    }
}

/// The cache during one load: what was on disk, and what was parsed anew.
pub(super) struct CacheRun {
    cache: ParseCache,
    /// Each shard as read from disk, once a file of it was looked up.
    shards: Vec<OnceLock<Shard>>,
    fresh: Mutex<Vec<Fresh>>,
    now: SystemTime,
}

struct Shard {
    bytes: ShardBytes,
    entries: HashMap<String, Entry>,
    /// Whether it must be written again: it was missing or broken, or an entry went stale.
    dirty: AtomicBool,
    /// It could not be read now (held open elsewhere): never written, lest the
    /// entries it holds be lost.
    unreadable: bool,
}

#[derive(Debug)]
struct Entry {
    stamp: Stamp,
    version: (u64, u64),
    /// What the checks of the record's own texts found as its file was parsed.
    checks: OwnChecks,
    /// Where the record is in the shard's bytes.
    record: Range<usize>,
    /// Where its key, stamp, version, checks and record length are in the shard's index.
    described: Range<usize>,
    /// The checksum of the description and the record: checked when the entry is
    /// used, so that a load of a few files reads few pages. The record's place is
    /// left out, so that an entry is moved to a new shard file checksum and all (a
    /// wrong place still fails it: the bytes found there are another record's).
    sum: u64,
    /// The description's part of it, made as the index is read: the index's pages
    /// are then let go of at once (see [`Shard::read`]).
    described_sum: u64,
    /// Whether its file was found changed since, or its record unreadable.
    stale: AtomicBool,
}

/// A file's place in the cache: its key, and its entry when the cache has one.
pub(super) struct Slot<'c> {
    run: &'c CacheRun,
    /// Its shard, and where that is among the run's.
    index: usize,
    shard: &'c Shard,
    key: String,
    entry: Option<&'c Entry>,
}

impl Slot<'_> {
    /// The record of the file, when the cache holds it for this stamp, and what its
    /// own checks found as the file was parsed. The values named `undecoded` gives for
    /// what they found are left undecoded ([`super::msgpack::from_slice`]).
    pub(super) fn get<T: DeserializeOwned>(
        &self,
        stamp: Stamp,
        undecoded: impl FnOnce(OwnChecks) -> Option<&'static str>,
    ) -> Option<(T, Version, OwnChecks)> {
        let entry = self.entry?;
        let record =
            self.shard.bytes.get(entry.record.clone()).filter(|record| entry.stamp == stamp && entry.is_whole(record));
        let undecoded = undecoded(entry.checks);
        let value = record.map(|record| super::msgpack::from_slice(record, undecoded).ok());
        match value.flatten() {
            Some(value) => {
                self.run.cache.hits.fetch_add(1, Ordering::Relaxed);
                Some((value, Version::Parsed { len: entry.version.0, hash: entry.version.1 }, entry.checks))
            }
            None => {
                entry.stale.store(true, Ordering::Relaxed);
                self.shard.dirty.store(true, Ordering::Relaxed);
                None
            }
        }
    }

    /// Keeps what the file parsed to, and what its own checks found of it, unless it
    /// was written too recently to be sure of.
    pub(super) fn put<T: Serialize>(self, stamp: Stamp, version: Version, value: &T, checks: OwnChecks) {
        let Version::Parsed { len, hash } = version else { return };
        if !stamp.settled(self.run.now, self.run.cache.settle) {
            return;
        }
        let Ok(record) = rmp_serde::to_vec_named(value) else { return };
        // Read before it is written again, so that its other entries are kept.
        self.shard.dirty.store(true, Ordering::Relaxed);
        let fresh = Fresh { key: self.key, stamp, version: (len, hash), checks, record };
        self.run.fresh.lock().unwrap_or_else(|poison| poison.into_inner()).push(fresh);
    }
}

/// A record parsed anew in this load, to be written to its shard.
struct Fresh {
    key: String,
    stamp: Stamp,
    version: (u64, u64),
    checks: OwnChecks,
    record: Vec<u8>,
}

impl CacheRun {
    /// The place of the file at `relative` in the cache, looked up once for what
    /// is read of it and what is put for it.
    pub(super) fn slot(&self, relative: &Path) -> Slot<'_> {
        let key = slash_path(relative);
        let index = shard_of(&key);
        let shard =
            self.shards[index].get_or_init(|| Shard::read(&self.cache.shard_path(index), self.cache.fingerprint));
        let entry = shard.entries.get(&key);
        Slot { run: self, index, shard, key, entry }
    }

    /// Reads `items` (files, by `read`) on all cores; with a cache, in the order of
    /// their records in the shards that hold them, letting go of the pages read behind
    /// them as they go, and of the shard's once its last file is: a city's cache
    /// (hundreds of megabytes) is then never resident beside the records it decodes to,
    /// which would raise the load's peak memory by as much. One parallel pass, not one
    /// per shard: waking the other cores for each shard cost more than the reading at
    /// 2,000 people. The results are in the order of `items`.
    pub(super) fn read_all<'c, I: Send, R: Send>(
        cache: Option<&'c Self>,
        items: Vec<I>,
        key_of: impl Fn(&I) -> &Path + Sync,
        read: impl Fn(I, Option<Slot<'c>>) -> R + Sync,
    ) -> Vec<R> {
        let Some(cache) = cache else {
            return items.into_par_iter().with_max_len(FILES_AT_ONCE).map(|item| read(item, None)).collect();
        };
        // A city's keys are tens of thousands of paths to build and hash: on all
        // cores, once, each file's slot then handed to its reading.
        let place_of_item = |(at, item)| {
            let slot = cache.slot(key_of(&item));
            let record = slot.entry.map_or(usize::MAX..usize::MAX, |entry| entry.record.clone());
            (slot.index, record, at, item, slot)
        };
        let mut in_order: Vec<(usize, Range<usize>, usize, I, Slot<'c>)> =
            items.into_par_iter().enumerate().with_max_len(FILES_AT_ONCE).map(place_of_item).collect();
        in_order.sort_unstable_by_key(|(shard, record, at, ..)| (*shard, record.start, *at));
        let unread: Vec<AtomicUsize> = (0..SHARDS).map(|_| AtomicUsize::new(0)).collect();
        for (shard, ..) in &in_order {
            unread[*shard].fetch_add(1, Ordering::Relaxed);
        }
        let results: Vec<(usize, R)> = in_order
            .into_par_iter()
            .with_max_len(FILES_AT_ONCE)
            .map(|(index, record, at, item, slot)| {
                let shard = slot.shard;
                let result = read(item, Some(slot));
                shard.bytes.release_read(record);
                if unread[index].fetch_sub(1, Ordering::AcqRel) == 1 {
                    shard.bytes.release();
                }
                (at, result)
            })
            .collect();
        // Each result put in its place rather than sorted: a result is a whole file's records.
        let mut placed: Vec<Option<R>> = std::iter::repeat_with(|| None).take(results.len()).collect();
        for (at, result) in results {
            placed[at] = Some(result);
        }
        // Sized at once: `flatten` does not tell its length, and grown by doubling the
        // list (a whole file's records per item) was copied over and over, on one
        // core, into pages the system had to clear first.
        let mut in_place = Vec::with_capacity(placed.len());
        in_place.extend(placed.into_iter().flatten());
        in_place
    }

    /// Writes the shards that were read and changed: their entries still good (also
    /// those of files this load did not read, e.g. another cycle's) and the new ones.
    /// A cache that cannot be written is only slower next time.
    pub(super) fn persist(self) {
        // One entry per file, the one put last, however often a load reads a file:
        // a shard with two kept the file twice (the app's first load once read
        // pdca.toml twice).
        let mut fresh: Vec<HashMap<String, Fresh>> = (0..SHARDS).map(|_| HashMap::default()).collect();
        for item in self.fresh.into_inner().unwrap_or_else(|poison| poison.into_inner()) {
            fresh[shard_of(&item.key)].insert(item.key.clone(), item);
        }
        let cache = self.cache;
        let written = self
            .shards
            .into_par_iter()
            .zip(fresh)
            .enumerate()
            .filter_map(|(index, (shard, fresh))| Some((index, (shard.into_inner()?, fresh))))
            .filter(|(_, (shard, _))| shard.dirty.load(Ordering::Relaxed) && !shard.unreadable)
            .map(|(index, (shard, fresh))| {
                let mut written = Written::default();
                let kept = shard
                    .entries
                    .iter()
                    .filter(|(key, entry)| !entry.stale.load(Ordering::Relaxed) && !fresh.contains_key(key.as_str()));
                // Copied as they are, checksum and all: one damaged and not used this
                // time is still found out when it is.
                for (_, entry) in kept {
                    if let (Some(described), Some(record)) =
                        (shard.bytes.get(entry.described.clone()), shard.bytes.get(entry.record.clone()))
                    {
                        written.add(entry.sum, described, record);
                    }
                }
                for Fresh { key, stamp, version, checks, record } in fresh.values() {
                    let described = describe(key, *stamp, *version, *checks, record.len());
                    written.add(entry_sum(&described, record), &described, record);
                }
                // The old shard's bytes (a mapping) are let go before its file is replaced.
                drop(shard);
                // Replaced whole, so that a reader finds the old shard or the new one;
                // not flushed to disk: a shard lost or torn in a crash is only slower.
                let _ =
                    atomic::write_atomically_unflushed(&cache.shard_path(index), &written.framed(cache.fingerprint));
            })
            .count();
        if written > 0 {
            prune(&cache.folder);
            clean_stale_temps(&cache.folder);
        }
    }
}

/// Removes the temporary files of shard writes cut short (a crash, or a program
/// that ended while its background load wrote the cache) once they are old enough
/// not to be another program's write in progress ([`atomic::STALE_AFTER`]).
fn clean_stale_temps(folder: &Path) {
    let Ok(entries) = fs::read_dir(folder) else { return };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        atomic::clean_if_stale_temp(&entry, &entry.file_name().to_string_lossy(), now);
    }
}

impl Shard {
    fn empty() -> Shard {
        Shard {
            bytes: ShardBytes::Read(Vec::new()),
            entries: HashMap::default(),
            dirty: AtomicBool::new(true),
            unreadable: false,
        }
    }

    /// A shard file, or an empty shard to be written anew when it is missing or not
    /// whole; one that cannot be read now (held open elsewhere) is left as it is.
    fn read(path: &Path, fingerprint: u64) -> Shard {
        let bytes = match ShardBytes::read(path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Shard::empty(),
            Err(_) => return Shard { unreadable: true, ..Shard::empty() },
        };
        let shard = match decode(&bytes, fingerprint) {
            Some(entries) => Shard { bytes, entries, dirty: AtomicBool::new(false), unreadable: false },
            None => Shard::empty(),
        };
        // The index is read: its pages are let go of, as each record's are once read
        // (`CacheRun::read_all`). A shard's first pages are mapped as one large page
        // where the system keeps files so, and every shard is opened at once.
        shard.bytes.release();
        shard
    }
}

/// A shard file as it is written: its index and its records.
#[derive(Default)]
struct Written {
    index: Vec<u8>,
    records: Vec<u8>,
}

impl Written {
    /// An entry: in the index, its checksum, the record's place, then its
    /// description (key, stamp, version, checks, record length); the record after the others.
    fn add(&mut self, sum: u64, described: &[u8], record: &[u8]) {
        self.index.extend_from_slice(&sum.to_le_bytes());
        self.index.extend_from_slice(&(self.records.len() as u64).to_le_bytes());
        self.index.extend_from_slice(described);
        self.records.extend_from_slice(record);
    }

    fn framed(&self, fingerprint: u64) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(HEADER + self.index.len() + self.records.len());
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&fingerprint.to_le_bytes());
        bytes.extend_from_slice(&((self.index.len() + self.records.len()) as u64).to_le_bytes());
        bytes.extend_from_slice(&(self.index.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&self.index);
        bytes.extend_from_slice(&self.records);
        bytes
    }
}

/// An entry's key, stamp, version, checks and record length, as the index holds them.
fn describe(key: &str, stamp: Stamp, version: (u64, u64), checks: OwnChecks, record_len: usize) -> Vec<u8> {
    let Stamp { len, modified, changed, inode } = stamp;
    let mut out = Vec::with_capacity(8 * 11 + key.len());
    out.extend_from_slice(&(key.len() as u64).to_le_bytes());
    out.extend_from_slice(key.as_bytes());
    let numbers = [len, modified.0 as u64, u64::from(modified.1), changed.0 as u64, u64::from(changed.1), inode];
    let after = [version.0, version.1, u64::from(checks.to_byte()), record_len as u64];
    for number in numbers.into_iter().chain(after) {
        out.extend_from_slice(&number.to_le_bytes());
    }
    out
}

/// The checksum of an entry: of its description and of its record.
fn entry_sum(described: &[u8], record: &[u8]) -> u64 {
    joined_sum(checksum(described), record)
}

fn joined_sum(described_sum: u64, record: &[u8]) -> u64 {
    described_sum.rotate_left(32) ^ checksum(record)
}

impl Entry {
    /// Whether the entry's record is whole, and its description was when read.
    fn is_whole(&self, record: &[u8]) -> bool {
        joined_sum(self.described_sum, record) == self.sum
    }
}

/// The entries of a whole shard file of this program; `None` for anything else.
/// Only the index is read: a record's place is checked when it is used.
fn decode(bytes: &[u8], fingerprint: u64) -> Option<HashMap<String, Entry>> {
    let mut reader = Reader { bytes, at: 0 };
    (reader.take(MAGIC.len())? == MAGIC).then_some(())?;
    (reader.number()? == fingerprint).then_some(())?;
    let length = usize::try_from(reader.number()?).ok()?;
    (bytes.len() == HEADER.checked_add(length)?).then_some(())?;
    let index_end = HEADER.checked_add(usize::try_from(reader.number()?).ok()?)?;
    (index_end <= bytes.len()).then_some(())?;
    let mut entries = HashMap::default();
    while reader.at < index_end {
        let sum = reader.number()?;
        let offset = usize::try_from(reader.number()?).ok()?;
        let described_start = reader.at;
        let key_len = usize::try_from(reader.number()?).ok()?;
        let key = std::str::from_utf8(reader.take(key_len)?).ok()?.to_owned();
        let [len, modified_s, modified_ns, changed_s, changed_ns, inode, version_len, version_hash, checks, record_len] =
            std::array::from_fn(|_| reader.number());
        let stamp = Stamp {
            len: len?,
            modified: (modified_s? as i64, u32::try_from(modified_ns?).ok()?),
            changed: (changed_s? as i64, u32::try_from(changed_ns?).ok()?),
            inode: inode?,
        };
        let record_start = index_end.checked_add(offset)?;
        let record_end = record_start.checked_add(usize::try_from(record_len?).ok()?)?;
        let entry = Entry {
            stamp,
            version: (version_len?, version_hash?),
            // A damaged byte above the first is found by the entry's checksum, as
            // any damaged description is, when the entry is used.
            checks: OwnChecks::from_byte(checks? as u8),
            record: record_start..record_end,
            described: described_start..reader.at,
            sum,
            described_sum: checksum(&bytes[described_start..reader.at]),
            stale: AtomicBool::new(false),
        };
        entries.insert(key, entry);
    }
    (reader.at == index_end).then_some(entries)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, count: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(count)?;
        let taken = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(taken)
    }

    fn number(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
}

/// The shard of a file, by its name alone: a person's goals, feedback, 1on1s and
/// calibration share one, so that a team member's first load opens a shard per
/// person of their chain rather than one per file (most of the 32, each an index
/// of thousands of entries to read).
fn shard_of(key: &str) -> usize {
    let name = key.rsplit('/').next().unwrap_or(key);
    (hash_of(name) % SHARDS as u64) as usize
}

fn hash_of(value: impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// A checksum of a cache entry, in four lanes of eight bytes: to notice a cache
/// file damaged on disk, not to withstand someone forging one. Each lane's step
/// waits on its last multiplication, so four side by side go four times as fast
/// as one (a city's cache is hundreds of megabytes, all summed at every load).
fn checksum(bytes: &[u8]) -> u64 {
    const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;
    let mix = |sum: u64, word: u64| (sum ^ word).wrapping_mul(MULTIPLIER).rotate_left(29);
    let mut lanes = [bytes.len() as u64, 1, 2, 3];
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        for (lane, word) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            *lane = mix(*lane, u64::from_le_bytes(word.try_into().expect("eight bytes")));
        }
    }
    let mut sum = lanes.into_iter().fold(0, mix);
    for &byte in blocks.remainder() {
        sum = mix(sum, u64::from(byte));
    }
    sum ^ (sum >> 32)
}

/// What tells this build of the program from any other: records are laid out as its
/// types say, so a cache made by another build (even of the same version) is not read.
fn program_fingerprint() -> u64 {
    let executable = std::env::current_exe().and_then(fs::metadata).ok().and_then(|metadata| Stamp::of(&metadata));
    hash_of((env!("CARGO_PKG_VERSION"), executable.map(|s| (s.len, s.modified, s.inode))))
}

/// Removes the caches of the data sets used least recently beyond [`DATA_SETS_KEPT`].
fn prune(folder: &Path) {
    let Some(parent) = folder.parent() else { return };
    let Ok(entries) = fs::read_dir(parent) else { return };
    let mut caches: Vec<(SystemTime, PathBuf)> = entries
        .flatten()
        .filter_map(|entry| Some((entry.metadata().ok()?.modified().ok()?, entry.path())))
        .filter(|(_, path)| path != folder)
        .collect();
    caches.sort();
    let surplus = (caches.len() + 1).saturating_sub(DATA_SETS_KEPT);
    for (_, path) in caches.into_iter().take(surplus) {
        let _ = fs::remove_dir_all(path);
    }
}
