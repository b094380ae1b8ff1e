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
//! were not there and written anew. Entries are spread over [`SHARDS`] files, so
//! that one changed file rewrites a small part of the cache.

use crate::model::hash::HashMap;
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
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

/// How many files the cache of one data set is spread over.
const SHARDS: usize = 32;
/// The start of every cache file; changes when the layout below changes.
const MAGIC: &[u8; 8] = b"pdcapc02";
/// Bytes before the entries: magic, program fingerprint, entries' length.
const HEADER: usize = 24;
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
    pub(super) fn open(&self) -> CacheRun<'_> {
        self.hits.store(0, Ordering::Relaxed);
        let shards = (0..SHARDS).map(|_| OnceLock::new()).collect();
        CacheRun { cache: self, shards, fresh: Mutex::new(Vec::new()), now: SystemTime::now() }
    }

    fn shard_path(&self, index: usize) -> PathBuf {
        self.folder.join(format!("shard-{index:02}.bin"))
    }
}

/// The cache during one load: what was on disk, and what was parsed anew.
pub(super) struct CacheRun<'a> {
    cache: &'a ParseCache,
    /// Each shard as read from disk, once a file of it was looked up.
    shards: Vec<OnceLock<Shard>>,
    fresh: Mutex<Vec<(String, Entry, Vec<u8>)>>,
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
    /// Where the record is in the shard's bytes (for entries read from disk).
    record: std::ops::Range<usize>,
    /// Where the whole entry is in the shard's bytes, its checksum first: checked
    /// when the entry is used, so that a load of a few files reads few pages.
    whole: std::ops::Range<usize>,
    /// Whether its file was found changed since, or its record unreadable.
    stale: AtomicBool,
}

impl CacheRun<'_> {
    fn shard(&self, key: &str) -> &Shard {
        let index = shard_of(key);
        self.shards[index].get_or_init(|| Shard::read(&self.cache.shard_path(index), self.cache.fingerprint))
    }

    /// The record of the file at `relative`, when the cache holds it for this stamp.
    pub(super) fn get<T: DeserializeOwned>(&self, relative: &Path, stamp: Stamp) -> Option<(T, Version)> {
        let key = slash_path(relative);
        let shard = self.shard(&key);
        let entry = shard.entries.get(&key)?;
        let value = (entry.stamp == stamp && entry.is_whole(&shard.bytes))
            .then(|| super::msgpack::from_slice(&shard.bytes[entry.record.clone()]).ok());
        match value.flatten() {
            Some(value) => {
                self.cache.hits.fetch_add(1, Ordering::Relaxed);
                Some((value, Version::Parsed { len: entry.version.0, hash: entry.version.1 }))
            }
            None => {
                entry.stale.store(true, Ordering::Relaxed);
                shard.dirty.store(true, Ordering::Relaxed);
                None
            }
        }
    }

    /// Reads `items` (files, by `read`) on all cores; with a cache, in the order of
    /// the shards that hold them, letting go of each shard's pages once its last file
    /// is read: a city's cache (100 MB and more) is then never resident whole beside
    /// the records it decodes to, which would double the load's peak memory. One
    /// parallel pass, not one per shard: waking the other cores for each shard cost
    /// more than the reading at 2,000 people. The results are in the order of `items`.
    pub(super) fn read_all<I: Send, R: Send>(
        cache: Option<&Self>,
        items: Vec<I>,
        key_of: impl Fn(&I) -> PathBuf + Sync,
        read: impl Fn(I) -> R + Sync,
    ) -> Vec<R> {
        let Some(cache) = cache else { return items.into_par_iter().map(&read).collect() };
        // A city's keys are tens of thousands of paths to build and hash: on all cores.
        let shard_of_item = |(at, item)| (shard_of(&slash_path(&key_of(&item))), at, item);
        let mut in_order: Vec<(usize, usize, I)> = items.into_par_iter().enumerate().map(shard_of_item).collect();
        in_order.sort_unstable_by_key(|&(shard, at, _)| (shard, at));
        let unread: Vec<AtomicUsize> = (0..SHARDS).map(|_| AtomicUsize::new(0)).collect();
        for (shard, ..) in &in_order {
            unread[*shard].fetch_add(1, Ordering::Relaxed);
        }
        let results: Vec<(usize, R)> = in_order
            .into_par_iter()
            .map(|(shard, at, item)| {
                let result = read(item);
                if unread[shard].fetch_sub(1, Ordering::AcqRel) == 1
                    && let Some(shard) = cache.shards[shard].get()
                {
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
        placed.into_iter().flatten().collect()
    }

    /// Keeps what a file parsed to, unless it was written too recently to be sure of.
    pub(super) fn put<T: Serialize>(&self, relative: &Path, stamp: Stamp, version: Version, value: &T) {
        let Version::Parsed { len, hash } = version else { return };
        if !stamp.settled(self.now, self.cache.settle) {
            return;
        }
        let Ok(record) = rmp_serde::to_vec_named(value) else { return };
        let key = slash_path(relative);
        // Read before it is written again, so that its other entries are kept.
        self.shard(&key).dirty.store(true, Ordering::Relaxed);
        let entry = Entry { stamp, version: (len, hash), record: 0..0, whole: 0..0, stale: AtomicBool::new(false) };
        self.fresh.lock().unwrap_or_else(|poison| poison.into_inner()).push((key, entry, record));
    }

    /// Writes the shards that were read and changed: their entries still good (also
    /// those of files this load did not read, e.g. another cycle's) and the new ones.
    /// A cache that cannot be written is only slower next time.
    pub(super) fn persist(self) {
        let mut fresh: Vec<Vec<(String, Entry, Vec<u8>)>> = (0..SHARDS).map(|_| Vec::new()).collect();
        for item in self.fresh.into_inner().unwrap_or_else(|poison| poison.into_inner()) {
            fresh[shard_of(&item.0)].push(item);
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
                let mut payload = Vec::new();
                let renewed: crate::model::hash::HashSet<&str> = fresh.iter().map(|(key, ..)| key.as_str()).collect();
                let kept = shard
                    .entries
                    .iter()
                    .filter(|(key, entry)| !entry.stale.load(Ordering::Relaxed) && !renewed.contains(key.as_str()));
                // Copied as they are, checksum and all: one damaged and not used this
                // time is still found out when it is.
                for (_, entry) in kept {
                    payload.extend_from_slice(&shard.bytes[entry.whole.clone()]);
                }
                for (key, entry, record) in &fresh {
                    encode_entry(&mut payload, key, entry, record);
                }
                // The old shard's bytes (a mapping) are let go before its file is replaced.
                drop(shard);
                // Replaced whole, so that a reader finds the old shard or the new one;
                // not flushed to disk: a shard lost or torn in a crash is only slower.
                let _ =
                    atomic::write_atomically_unflushed(&cache.shard_path(index), &frame(cache.fingerprint, &payload));
            })
            .count();
        if written > 0 {
            prune(&cache.folder);
        }
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
        match decode(&bytes, fingerprint) {
            Some(entries) => Shard { bytes, entries, dirty: AtomicBool::new(false), unreadable: false },
            None => Shard::empty(),
        }
    }
}

/// A shard file's bytes: mapped into memory on Unix, read on other systems. Mapped,
/// a city-sized cache (100 MB and more) is not copied into fresh memory that the
/// system must first clear, page by page, on every start. Not on Windows, where a
/// mapped file cannot be replaced: a load would stall another's cache write.
enum ShardBytes {
    #[cfg(unix)]
    Mapped(memmap2::Mmap),
    Read(Vec<u8>),
}

impl ShardBytes {
    fn read(path: &Path) -> std::io::Result<ShardBytes> {
        #[cfg(unix)]
        {
            let file = fs::File::open(path)?;
            // SAFETY: a mapped file must not change while mapped. The program never
            // writes a cache file in place: each is written whole under another name
            // and renamed over the old one, which leaves the mapped file as it was.
            // The risks left are those of every mapped file: one cut short by some
            // other hand, or a disk failing under it, ends the process.
            if let Ok(map) = unsafe { memmap2::Mmap::map(&file) } {
                return Ok(ShardBytes::Mapped(map));
            }
        }
        fs::read(path).map(ShardBytes::Read)
    }

    /// Drops the pages read so far from the process; they are read from the file
    /// again if used again (a later folder's files, or the shard written anew).
    fn release(&self) {
        #[cfg(unix)]
        if let ShardBytes::Mapped(map) = self {
            // SAFETY: the mapping is of a file, shared and read only: the pages are only
            // unmapped from this process and filled again from the file when next read,
            // as the system may do to such pages at any time anyway; the file is never
            // changed in place (see `read`).
            let _ = unsafe { map.unchecked_advise(memmap2::UncheckedAdvice::DontNeed) };
        }
    }
}

impl std::ops::Deref for ShardBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            #[cfg(unix)]
            ShardBytes::Mapped(map) => map,
            ShardBytes::Read(bytes) => bytes,
        }
    }
}

fn frame(fingerprint: u64, payload: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(HEADER + payload.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&fingerprint.to_le_bytes());
    bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    bytes.extend_from_slice(payload);
    bytes
}

/// An entry: its checksum, then its key, stamp, version and record.
fn encode_entry(out: &mut Vec<u8>, key: &str, entry: &Entry, record: &[u8]) {
    let Stamp { len, modified, changed, inode } = entry.stamp;
    let sum_at = out.len();
    out.extend_from_slice(&0u64.to_le_bytes());
    out.extend_from_slice(&(key.len() as u64).to_le_bytes());
    out.extend_from_slice(key.as_bytes());
    for number in [len, modified.0 as u64, u64::from(modified.1), changed.0 as u64, u64::from(changed.1), inode] {
        out.extend_from_slice(&number.to_le_bytes());
    }
    out.extend_from_slice(&entry.version.0.to_le_bytes());
    out.extend_from_slice(&entry.version.1.to_le_bytes());
    out.extend_from_slice(&(record.len() as u64).to_le_bytes());
    out.extend_from_slice(record);
    let sum = checksum(&out[sum_at + 8..]);
    out[sum_at..sum_at + 8].copy_from_slice(&sum.to_le_bytes());
}

impl Entry {
    /// Whether the entry's bytes are the ones its checksum was made of.
    fn is_whole(&self, bytes: &[u8]) -> bool {
        let (start, end) = (self.whole.start, self.whole.end);
        let sum = bytes[start..start + 8].try_into().map(u64::from_le_bytes);
        sum.is_ok_and(|sum| checksum(&bytes[start + 8..end]) == sum)
    }
}

/// The entries of a whole shard file of this program; `None` for anything else.
fn decode(bytes: &[u8], fingerprint: u64) -> Option<HashMap<String, Entry>> {
    let mut reader = Reader { bytes, at: 0 };
    (reader.take(MAGIC.len())? == MAGIC).then_some(())?;
    (reader.number()? == fingerprint).then_some(())?;
    let length = usize::try_from(reader.number()?).ok()?;
    (bytes.len() == HEADER.checked_add(length)?).then_some(())?;
    let mut entries = HashMap::default();
    while reader.at < bytes.len() {
        let entry_start = reader.at;
        reader.number()?; // the checksum, checked when the entry is used
        let key_len = usize::try_from(reader.number()?).ok()?;
        let key = std::str::from_utf8(reader.take(key_len)?).ok()?.to_owned();
        let [len, modified_s, modified_ns, changed_s, changed_ns, inode, version_len, version_hash, record_len] =
            std::array::from_fn(|_| reader.number());
        let stamp = Stamp {
            len: len?,
            modified: (modified_s? as i64, u32::try_from(modified_ns?).ok()?),
            changed: (changed_s? as i64, u32::try_from(changed_ns?).ok()?),
            inode: inode?,
        };
        let start = reader.at;
        reader.take(usize::try_from(record_len?).ok()?)?;
        let entry = Entry {
            stamp,
            version: (version_len?, version_hash?),
            record: start..reader.at,
            whole: entry_start..reader.at,
            stale: AtomicBool::new(false),
        };
        entries.insert(key, entry);
    }
    Some(entries)
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

fn shard_of(key: &str) -> usize {
    (hash_of(key) % SHARDS as u64) as usize
}

fn hash_of(value: impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// A checksum of a cache entry, eight bytes at a time: to notice a cache file
/// damaged on disk, not to withstand someone forging one.
fn checksum(bytes: &[u8]) -> u64 {
    const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut sum = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        sum = (sum ^ word).wrapping_mul(MULTIPLIER).rotate_left(29);
    }
    for &byte in chunks.remainder() {
        sum = (sum ^ u64::from(byte)).wrapping_mul(MULTIPLIER).rotate_left(29);
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
