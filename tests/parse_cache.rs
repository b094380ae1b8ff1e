//! The parse cache: what a load gives is the same with and without it, whatever
//! was edited since the cache was made, and a cache that is damaged or from another
//! build is ignored (only slower) and made anew.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use assert_cmd::Command;

use crate::common;
use pdca::store::part::PartLoad;
use pdca::store::{ParseCache, Snapshot, Store};
use proptest::prelude::*;

const CYCLE_GOALS: &str = "cycles/2026/goals";

/// A generated data set of `people` in a new folder, its files dated in the past.
fn generated(people: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("data");
    pdca::r#gen::write(&Store::new(&root), &pdca::r#gen::generate(people, 7)).unwrap();
    for (index, file) in common::toml_files(&root).iter().enumerate() {
        date(file, index as u64);
    }
    (dir, root)
}

/// Gives a file a modification time of its own, in the past: each edit of a test
/// is then told from the one before, as a person's edits are by the clock.
fn date(file: &Path, serial: u64) {
    let when = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000 + serial);
    fs::File::options().write(true).open(file).unwrap().set_modified(when).unwrap();
}

fn cached(root: &Path, cache_dir: &Path) -> Store {
    Store::new(root).with_cache(ParseCache::new(cache_dir, root).settling_after(Duration::ZERO))
}

fn assert_same(with: &Snapshot, without: &Snapshot) {
    assert_eq!(with.info, without.info);
    assert_eq!(with.org, without.org);
    assert!(with.data == without.data, "the cycle's records differ with the cache");
    assert_eq!(with.problems, without.problems);
}

fn shards(cache_dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for data_set in fs::read_dir(cache_dir.join("parsed")).unwrap() {
        for shard in fs::read_dir(data_set.unwrap().path()).unwrap() {
            found.push(shard.unwrap().path());
        }
    }
    found.sort();
    found
}

#[test]
fn a_second_load_takes_every_file_from_the_cache_and_gives_the_same() {
    let (dir, root) = generated(40);
    let cache_dir = dir.path().join("cache");
    let store = cached(&root, &cache_dir);
    let first = store.load(None).unwrap();
    assert_eq!(store.parse_cache().unwrap().hits(), 0, "nothing cached yet");
    let second = store.load(None).unwrap();
    // pdca.toml, org.toml, cycle.toml, the goals and the feedback files.
    let goals = common::toml_files(&root.join(CYCLE_GOALS)).len();
    let feedback = common::toml_files(&root.join("cycles/2026/feedback")).len();
    assert_eq!(store.parse_cache().unwrap().hits(), 3 + goals + feedback);
    let without = Store::new(&root).load(None).unwrap();
    assert_same(&first, &without);
    assert_same(&second, &without);
    // The cache is outside the data set: nothing was added to it.
    assert!(common::toml_files(&root).iter().all(|file| !file.starts_with(&cache_dir)));
}

#[test]
fn a_load_that_leaves_texts_on_disk_still_caches_every_file_whole() {
    let (dir, root) = generated(40);
    let cache_dir = dir.path().join("cache");
    let thin = cached(&root, &cache_dir).leaving_texts_on_disk().load(None).unwrap();
    let logs = |snapshot: &Snapshot| -> Vec<bool> {
        let goals = snapshot.data.goals.iter().flat_map(|file| &file.goals);
        goals.filter(|goal| !goal.log.is_empty()).map(|goal| goal.log.get().is_ok()).collect()
    };
    assert!(!logs(&thin).is_empty() && logs(&thin).iter().all(|here| !here), "every Do log left on disk");
    let store = cached(&root, &cache_dir);
    let from_cache = store.load(None).unwrap();
    assert!(store.parse_cache().unwrap().hits() > common::toml_files(&root.join(CYCLE_GOALS)).len());
    assert_same(&from_cache, &Store::new(&root).load(None).unwrap());
}

#[test]
fn a_save_after_a_load_from_the_cache_is_checked_against_the_file_as_it_was() {
    let (dir, root) = generated(20);
    let store = cached(&root, &dir.path().join("cache"));
    store.load(None).unwrap();
    let mut snapshot = store.load(None).unwrap();
    assert!(store.parse_cache().unwrap().hits() > 0);
    let file = snapshot.data.goals[0].clone();
    let source = pdca::model::Source::Goals { cycle: "2026".into(), person: file.owner };
    store.save(&mut snapshot.versions, &source, &file).expect("the cached version is the file's");
}

#[test]
fn unknown_keys_and_dates_among_them_come_back_from_the_cache() {
    let (dir, root) = generated(10);
    let file = common::toml_files(&root.join(CYCLE_GOALS))[0].clone();
    let text = fs::read_to_string(&file).unwrap();
    let text = format!("x_later = 2026-01-02T03:04:05Z\nx_list = [1, 2.5, \"three\"]\n{text}");
    fs::write(&file, text).unwrap();
    date(&file, 99_999);
    let store = cached(&root, &dir.path().join("cache"));
    store.load(None).unwrap();
    let second = store.load(None).unwrap();
    assert!(store.parse_cache().unwrap().hits() > 0);
    assert_same(&second, &Store::new(&root).load(None).unwrap());
}

/// Each shard is read when a file of it is looked up: a load of a few people's files
/// writes back only the shard of the file that changed, and every other file stays
/// cached, in the shards it did not read too.
#[test]
fn a_load_of_a_few_files_keeps_every_other_files_entry() {
    let (dir, root) = generated(40);
    let cache_dir = dir.path().join("cache");
    let store = cached(&root, &cache_dir);
    store.load(None).unwrap();
    let bytes_of = |shards: &[PathBuf]| shards.iter().map(|shard| fs::read(shard).unwrap()).collect::<Vec<_>>();
    let before = bytes_of(&shards(&cache_dir));
    let person = common::toml_files(&root.join(CYCLE_GOALS))[3].file_stem().unwrap().to_string_lossy().into_owned();
    let person = pdca::model::PersonId::from(person);
    let goals_file = root.join(CYCLE_GOALS).join(format!("{person}.toml"));
    fs::write(&goals_file, fs::read_to_string(&goals_file).unwrap() + "# edited\n").unwrap();
    date(&goals_file, 1_000);

    // A first load of a few files, into a cache of its own, writes only their shards.
    let few = || std::iter::once(person).collect();
    let fresh_dir = dir.path().join("fresh cache");
    cached(&root, &fresh_dir).part_for(few()).load(None).unwrap();
    let written = shards(&fresh_dir).len();
    assert!(written > 0 && written < shards(&cache_dir).len(), "{written} shards for a few files");

    // The app's load of the viewer's part, before its first frame, writes nothing:
    // the whole load after the frame does.
    let PartLoad { snapshot: part, whole, cache } = store.load_part(None, |_, _| Some(person)).unwrap();
    cache.write();
    let everyone = common::toml_files(&root.join(CYCLE_GOALS)).len();
    assert!(!whole && part.data.goals.len() < everyone, "only {person}'s part was loaded");
    assert!(part.data.goals.iter().any(|file| file.owner == person), "{person}'s goals are in the part");
    assert!(bytes_of(&shards(&cache_dir)) == before, "the part's load left the cache as it was");
    // A load_part of everyone keeps its entries until the caller writes them (the
    // app, once its first frame is drawn).
    let loaded = cached(&root, &fresh_dir).load_part(None, |_, _| None).unwrap();
    assert!(loaded.whole && shards(&fresh_dir).len() == written, "nothing written before the caller asks");
    loaded.cache.write();
    assert!(shards(&fresh_dir).len() > written, "a load_part of everyone writes its entries");

    store.load(None).unwrap();
    let after = bytes_of(&shards(&cache_dir));
    let rewritten = before.iter().zip(&after).filter(|(before, after)| before != after).count();
    assert_eq!(rewritten, 1, "only the shard of the edited file is written again");

    let again = store.load(None).unwrap();
    let goals = common::toml_files(&root.join(CYCLE_GOALS)).len();
    let feedback = common::toml_files(&root.join("cycles/2026/feedback")).len();
    assert_eq!(store.parse_cache().unwrap().hits(), 3 + goals + feedback, "every file, the edited one too");
    assert_same(&again, &Store::new(&root).load(None).unwrap());
}

/// The app's load, which reads pdca.toml first to find its viewer, reads and
/// keeps each file once, as a load does: as many files from the cache, and a
/// cache, shard for shard, the size of a load's (it once read pdca.toml again for
/// the load and kept it twice).
#[test]
fn the_apps_load_reads_and_caches_each_file_once_as_a_load_does() {
    let (dir, root) = generated(12);
    let (twice, once) = (dir.path().join("twice"), dir.path().join("once"));
    cached(&root, &twice).load_part(None, |_, _| None).unwrap().cache.write();
    let store = cached(&root, &once);
    store.load(None).unwrap();
    store.load(None).unwrap();
    let load_hits = store.parse_cache().unwrap().hits();
    store.load_part(None, |_, _| None).unwrap().cache.write();
    assert_eq!(store.parse_cache().unwrap().hits(), load_hits, "each file read once");
    let sizes = |cache: &Path| -> Vec<(PathBuf, u64)> {
        let names = shards(cache);
        names
            .iter()
            .map(|shard| (shard.strip_prefix(cache).unwrap().to_owned(), fs::metadata(shard).unwrap().len()))
            .collect()
    };
    assert!(!shards(&once).is_empty());
    assert_eq!(sizes(&twice), sizes(&once));
}

/// A shard's write cut short (a crash, or the app left while its background load
/// wrote the cache) leaves its temporary file in the cache folder: the next write
/// removes it once it is old enough to be no one's write in progress, and leaves
/// a younger one.
#[test]
fn a_shard_write_cut_short_leaves_no_temporary_file_for_good() {
    let (dir, root) = generated(6);
    let cache_dir = dir.path().join("cache");
    let store = cached(&root, &cache_dir);
    store.load(None).unwrap();
    let folder = shards(&cache_dir)[0].parent().unwrap().to_owned();
    let temporary = |serial: u32| folder.join(format!(".shard-03.bin{}1.{serial}", pdca::store::atomic::TEMP_MARK));
    let (stale, young) = (temporary(0), temporary(1));
    fs::write(&stale, b"cut short").unwrap();
    let long_ago = SystemTime::now() - pdca::store::atomic::STALE_AFTER - Duration::from_secs(60);
    fs::File::options().write(true).open(&stale).unwrap().set_modified(long_ago).unwrap();
    fs::write(&young, b"in progress").unwrap();

    // An edit, so that the next load writes a shard again.
    let edited = &common::toml_files(&root.join(CYCLE_GOALS))[0];
    let text = fs::read_to_string(edited).unwrap();
    fs::write(edited, format!("{text}\n# edited\n")).unwrap();
    date(edited, 5_000);
    store.load(None).unwrap();
    assert!(!stale.exists(), "the stale temporary file is removed");
    assert!(young.exists(), "a younger one may be a write in progress");
}

/// Each way a cache file can be unusable; after each the load is what the files
/// say, and the cache is made anew (the load after it hits again).
#[test]
fn a_damaged_cut_short_or_foreign_cache_is_ignored_and_made_anew() {
    let (dir, root) = generated(30);
    let cache_dir = dir.path().join("cache");
    let store = cached(&root, &cache_dir);
    let without = Store::new(&root).load(None).unwrap();
    store.load(None).unwrap();
    type Damage = fn(&mut Vec<u8>);
    let damages: [(&str, Damage); 7] = [
        ("a byte flipped in the records", |bytes| {
            let at = bytes.len() - 3;
            bytes[at] ^= 0x40;
        }),
        // The first entry of the index: its checksum first, then its record's place.
        ("a record's place moved", |bytes| bytes[32 + 8 + 1] ^= 1),
        ("a byte flipped in a stamp", |bytes| {
            let key_len = u64::from_le_bytes(bytes[48..56].try_into().unwrap()) as usize;
            bytes[56 + key_len + 2] ^= 0x10;
        }),
        ("cut short", |bytes| bytes.truncate(bytes.len() / 2)),
        ("another build's", |bytes| bytes[8] ^= 1),
        ("another layout's", |bytes| bytes[..8].copy_from_slice(b"pdcapc99")),
        ("not a cache at all", |bytes| *bytes = b"owner = \"P1\"\n".to_vec()),
    ];
    for (what, damage) in damages {
        for shard in shards(&cache_dir) {
            let mut bytes = fs::read(&shard).unwrap();
            if bytes.len() > 40 {
                damage(&mut bytes);
                fs::write(&shard, bytes).unwrap();
            }
        }
        let loaded = store.load(None).unwrap();
        let hits = store.parse_cache().unwrap().hits();
        if what.starts_with("a byte flipped in") || what == "a record's place moved" {
            // One entry of each shard is damaged: those are parsed again, the rest used.
            assert_eq!(
                hits + shards(&cache_dir).len(),
                common::toml_files(&root).len(),
                "{what}: all but the damaged entries"
            );
        } else {
            assert_eq!(hits, 0, "{what}: nothing taken from it");
        }
        assert_same(&loaded, &without);
        let again = store.load(None).unwrap();
        assert!(store.parse_cache().unwrap().hits() > 0, "{what}: made anew");
        assert_same(&again, &without);
    }
}

/// An edit of the data set between loads, by file.
#[derive(Clone, Debug)]
enum Edit {
    /// A key this version does not know, added to the top of the file.
    AddUnknown(usize, u8),
    /// The first title changed (same length or not).
    Retitle(usize, String),
    Break(usize),
    Remove(usize),
    /// The file put back as generated.
    Restore(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(file, n)| Edit::AddUnknown(file, n)),
        (any::<usize>(), "[a-z目標]{0,6}").prop_map(|(file, title)| Edit::Retitle(file, title)),
        any::<usize>().prop_map(Edit::Break),
        any::<usize>().prop_map(Edit::Remove),
        any::<usize>().prop_map(Edit::Restore),
    ]
}

fn apply(edit: &Edit, originals: &[(PathBuf, String)], serial: u64) {
    let pick = |index: usize| &originals[index % originals.len()];
    let (file, text) = match edit {
        Edit::AddUnknown(index, n) => {
            let (file, _) = pick(*index);
            let now = fs::read_to_string(file).unwrap_or_else(|_| pick(*index).1.clone());
            (file, format!("x_seen_{n} = {n}\n{now}"))
        }
        Edit::Retitle(index, title) => {
            let (file, original) = pick(*index);
            let now = fs::read_to_string(file).unwrap_or_else(|_| original.clone());
            let retitled = match now.find("title = \"") {
                Some(at) => {
                    let start = at + "title = \"".len();
                    let end = start + now[start..].find('"').unwrap();
                    format!("{}{title}{}", &now[..start], &now[end..])
                }
                None => now,
            };
            (file, retitled)
        }
        Edit::Break(index) => (&pick(*index).0, "owner = \"broken\n".to_owned()),
        Edit::Remove(index) => {
            let _ = fs::remove_file(&pick(*index).0);
            return;
        }
        Edit::Restore(index) => (&pick(*index).0, pick(*index).1.clone()),
    };
    fs::write(file, text).unwrap();
    date(file, 1_000_000 + serial);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Whatever is edited between loads (each load also renewing the cache), a load
    /// with the cache gives what a load without it gives.
    #[test]
    fn with_and_without_the_cache_every_load_is_the_same(edits in prop::collection::vec(edit(), 1..8)) {
        let (dir, root) = generated(12);
        let cache_dir = dir.path().join("cache");
        let store = cached(&root, &cache_dir);
        let originals: Vec<(PathBuf, String)> = common::toml_files(&root)
            .into_iter()
            .filter(|file| !file.ends_with("pdca.toml") && !file.ends_with("cycle.toml"))
            .map(|file| { let text = fs::read_to_string(&file).unwrap(); (file, text) })
            .collect();
        store.load(None).unwrap();
        for (serial, edit) in edits.iter().enumerate() {
            apply(edit, &originals, serial as u64);
            let with = store.load(None).unwrap();
            let without = Store::new(&root).load(None).unwrap();
            assert_same(&with, &without);
        }
    }
}

fn pdca(root: &Path, cache: Option<&Path>) -> Command {
    let mut command = Command::cargo_bin("pdca").unwrap();
    let no_config = std::env::temp_dir().join("pdca-tests-without-config");
    command.env_remove("PDCA_DATA_DIR").env("PDCA_CONFIG_DIR", no_config).env("LANG", "C");
    command.env("PDCA_CACHE_DIR", cache.map(Path::as_os_str).unwrap_or_default());
    command.arg("--data-dir").arg(root).args(["--today", "2026-11-20", "--lang", "ja"]);
    command
}

/// What the program prints for each view (the tree, a sheet, the inbox, the
/// contribution tables) and the export, run from files whose parse cache is made
/// and then used, is byte for byte what it prints without a cache.
#[test]
fn every_view_and_the_export_print_the_same_with_and_without_the_cache() {
    let (dir, root) = generated(30);
    let cache_dir = dir.path().join("cache");
    let hr = pdca::r#gen::generate(30, 7).hr[0];
    let views: Vec<Vec<String>> = [
        vec!["--as", "P00010", "show", "tree", "--width", "140"],
        vec!["--as", &hr, "show", "tree", "--width", "140"],
        vec!["--as", "P00010", "show", "mine", "--width", "140"],
        vec!["--as", "P00001", "show", "review", "--width", "140"],
        vec!["--as", "P00001", "show", "contribution", "--width", "140"],
        vec!["--as", &hr, "export", "--generated-at", "2026-11-20T09:00:00+09:00"],
        vec!["--as", &hr, "export", "--format", "csv", "--generated-at", "2026-11-20T09:00:00+09:00"],
    ]
    .into_iter()
    .map(|args| args.into_iter().map(str::to_owned).collect())
    .collect();
    let print = |args: &[String], cache: Option<&Path>| {
        let output = pdca(&root, cache).args(args).output().unwrap();
        assert!(output.status.success(), "{args:?}: {output:?}");
        output.stdout
    };
    for args in &views {
        let without = print(args, None);
        assert!(!without.is_empty());
        // The first run makes the cache, the second reads it.
        assert_eq!(print(args, Some(&cache_dir)), without, "{args:?}, making the cache");
        assert_eq!(print(args, Some(&cache_dir)), without, "{args:?}, from the cache");
    }
    assert!(!shards(&cache_dir).is_empty(), "the program keeps its cache where it is told");
}

/// The cache never lets through a file the loader would refuse: a cached file
/// replaced by a link to the same text is still refused as a link.
#[cfg(unix)]
#[test]
fn a_cached_file_replaced_by_a_link_is_refused_as_without_the_cache() {
    let (dir, root) = generated(10);
    let store = cached(&root, &dir.path().join("cache"));
    store.load(None).unwrap();
    let file = common::toml_files(&root.join(CYCLE_GOALS))[0].clone();
    let elsewhere = dir.path().join("elsewhere.toml");
    fs::rename(&file, &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &file).unwrap();
    let with = store.load(None).unwrap();
    let without = Store::new(&root).load(None).unwrap();
    assert_same(&with, &without);
    assert_eq!(with.problems.len(), 1, "{:?}", with.problems);
}

/// Shards are replaced through the store's one atomic writer, which keeps the
/// permissions of the file it replaces and leaves no temporary behind.
#[cfg(unix)]
#[test]
fn shards_are_replaced_by_the_one_atomic_writer() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, root) = generated(10);
    let cache_dir = dir.path().join("cache");
    let store = cached(&root, &cache_dir);
    store.load(None).unwrap();
    let sorted = || {
        let mut found = shards(&cache_dir);
        found.sort();
        found
    };
    let written = sorted();
    assert!(!written.is_empty());
    for shard in &written {
        fs::set_permissions(shard, fs::Permissions::from_mode(0o640)).unwrap();
    }
    // Every file edited since: every shard is written again.
    for (index, file) in common::toml_files(&root).iter().enumerate() {
        date(file, 1000 + index as u64);
    }
    store.load(None).unwrap();
    assert_eq!(sorted(), written, "the same shards, and no temporary beside them");
    for shard in &written {
        assert_eq!(fs::metadata(shard).unwrap().permissions().mode() & 0o777, 0o640, "{}", shard.display());
    }
}
