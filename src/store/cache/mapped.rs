//! A parse cache's shard file in memory: mapped on Unix, read elsewhere, and let go
//! of as its records are read (see `store::cache`).

use std::fs;
use std::ops::Range;
use std::path::Path;

/// The records read are let go of this many bytes at a time: a large page's worth,
/// as the system may map a file's pages (page by page made a load a quarter slower).
#[cfg(unix)]
const RELEASED_AT_ONCE: usize = 2 << 20;

/// A shard file's bytes: mapped into memory on Unix, read on other systems. Mapped,
/// a city-sized cache (hundreds of megabytes) is not copied into fresh memory that the
/// system must first clear, page by page, on every start. Not on Windows, where a
/// mapped file cannot be replaced: a load would stall another's cache write.
pub(super) enum ShardBytes {
    #[cfg(unix)]
    Mapped(memmap2::Mmap),
    Read(Vec<u8>),
}

impl ShardBytes {
    pub(super) fn read(path: &Path) -> std::io::Result<ShardBytes> {
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
    pub(super) fn release(&self) {
        #[cfg(unix)]
        if let ShardBytes::Mapped(map) = self {
            // SAFETY: the mapping is of a file, shared and read only: the pages are only
            // unmapped from this process and filled again from the file when next read,
            // as the system may do to such pages at any time anyway; the file is never
            // changed in place (see `read`).
            let _ = unsafe { map.unchecked_advise(memmap2::UncheckedAdvice::DontNeed) };
        }
    }

    /// Drops the pages before a record just read, once it ends past them: the
    /// records of a shard are read in order, each core on its own run of them. A
    /// page dropped that another core has yet to read is read again.
    pub(super) fn release_read(&self, record: Range<usize>) {
        #[cfg(unix)]
        if let ShardBytes::Mapped(map) = self {
            let (start, end) =
                (record.start / RELEASED_AT_ONCE * RELEASED_AT_ONCE, record.end / RELEASED_AT_ONCE * RELEASED_AT_ONCE);
            if start < end && end <= map.len() {
                // SAFETY: as in `release`: shared, read only, never changed in place.
                let _ = unsafe { map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, start, end - start) };
            }
        }
        #[cfg(not(unix))]
        let _ = record;
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
