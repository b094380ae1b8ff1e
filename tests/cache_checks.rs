//! The checks of a file's own texts, kept by the parse cache beside its record: an
//! export from the cache takes their word, leaves the Do logs' texts undecoded, and
//! says and refuses exactly what an export without the cache does.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use assert_cmd::Command;

use crate::common;
use pdca::hr::export::{self, Options};
use pdca::hr::validity;
use pdca::model::hash::HashMap;
use pdca::model::meetings::MeetingsFile;
use pdca::model::validate::{self, TEXT_LIMIT};
use pdca::model::{Date, Extra, FeedbackFile, GoalsFile, Revision, Timestamp};
use pdca::store::{ParseCache, Snapshot, Store};

const HR: &str = "P0007";
const EXPORT_TIME: &str = "2027-04-01T09:00:00+09:00";

/// The sample in a new folder, every file dated in the past.
fn sample() -> (tempfile::TempDir, PathBuf) {
    let (dir, root) = common::sample_data();
    date_in_the_past(&root);
    (dir, root)
}

/// Dates every file of `root` in the past, each its own time: the cache keeps
/// only files that have settled.
fn date_in_the_past(root: &Path) {
    for (serial, file) in common::toml_files(root).iter().enumerate() {
        let when = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000 + serial as u64);
        fs::File::options().write(true).open(file).unwrap().set_modified(when).unwrap();
    }
}

fn export_of(loaded: &Snapshot) -> String {
    let generated_at = Timestamp(chrono::DateTime::parse_from_rfc3339(EXPORT_TIME).unwrap());
    let options = Options { generated_at, unit: None };
    export::build(&loaded.info, &loaded.org, &loaded.data, options).unwrap().to_toml().unwrap()
}

/// The export's load from the cache leaves undecoded the texts of the Do logs it
/// keeps (those with training, which it reads for the training records), since
/// their checks passed as the files were parsed; the export and what validation
/// finds are those of the files read whole.
#[test]
fn an_exports_load_from_the_cache_leaves_the_checked_do_logs_texts_undecoded() {
    let (dir, root) = sample();
    let cache = ParseCache::new(&dir.path().join("cache"), &root).settling_after(Duration::ZERO);
    let store = Store::new(&root).with_cache(cache.clone()).reading_for_export();
    let parsed = store.load(None).unwrap();
    let from_cache = store.load(None).unwrap();
    assert!(cache.hits() > 0);
    let whole = Store::new(&root).reading_texts().load(None).unwrap();
    let kept_texts = |loaded: &Snapshot| -> Vec<bool> {
        let logs = loaded.data.goals.iter().flat_map(|file| &file.goals).filter_map(|goal| goal.log.here());
        logs.flat_map(|log| log.iter()).map(|entry| entry.text.get().is_ok()).collect()
    };
    assert!(!kept_texts(&parsed).is_empty(), "the sample has Do logs with training");
    assert!(kept_texts(&parsed).iter().all(|&here| here), "parsed, they are read");
    assert!(kept_texts(&from_cache).iter().all(|&here| !here), "from the cache, they are left undecoded");
    let elsewhere = HashMap::default();
    for loaded in [&parsed, &from_cache] {
        assert_eq!(validity::errors(&loaded.org, &loaded.data, &elsewhere), vec![]);
        assert_eq!(export_of(loaded), export_of(&whole));
    }
}

fn ring(text: &mut String) -> bool {
    text.push('\u{7}');
    true
}

type Spoil<T> = (&'static str, fn(&mut T) -> bool);

/// Each text of a goals file the checks read, and the Do-log entries its
/// self-ratings cite, spoiled; `false` where the file has none to spoil.
fn goals_spoils() -> Vec<Spoil<GoalsFile>> {
    vec![
        ("title", |file| file.goals.first_mut().is_some_and(|goal| ring(&mut goal.title))),
        ("criteria", |file| file.goals.first_mut().is_some_and(|goal| ring(&mut goal.criteria))),
        ("description", |file| {
            file.goals.first_mut().and_then(|goal| goal.detail.here_mut()).is_some_and(|d| ring(&mut d.description))
        }),
        ("plan", |file| {
            file.goals.first_mut().and_then(|goal| goal.detail.here_mut()).is_some_and(|d| ring(&mut d.plan))
        }),
        ("milestones.title", |file| {
            let mut details = file.goals.iter_mut().filter_map(|goal| goal.detail.here_mut());
            details.find_map(|detail| detail.milestones.first_mut()).is_some_and(|m| ring(&mut m.title))
        }),
        ("revisions.reason", |file| {
            let detail = file.goals.first_mut().and_then(|goal| goal.detail.here_mut());
            let reason = "\u{7}".to_owned();
            let revision =
                Revision { date: Date::from_ymd(2026, 6, 1).unwrap(), reason, fields: vec![], extra: Extra::new() };
            detail.map(|detail| detail.revisions.push(revision)).is_some()
        }),
        ("log.text", |file| {
            let mut logs = file.goals.iter_mut().filter_map(|goal| goal.log.here_mut());
            logs.find_map(|log| log.first_mut()).and_then(|entry| entry.text.here_mut()).is_some_and(ring)
        }),
        ("log.text, too long", |file| {
            let mut logs = file.goals.iter_mut().filter_map(|goal| goal.log.here_mut());
            let text = logs.find_map(|log| log.first_mut()).and_then(|entry| entry.text.here_mut());
            text.map(|text| *text = "長".repeat(TEXT_LIMIT + 1)).is_some()
        }),
        ("log.text, of a log with training", |file| {
            let mut logs = file.goals.iter_mut().filter_map(|goal| goal.log.here_mut());
            let training = logs.find_map(|log| log.iter_mut().find(|entry| entry.course.is_some()));
            training.and_then(|entry| entry.text.here_mut()).is_some_and(ring)
        }),
        ("check.comment", |file| {
            let check = file.goals.iter_mut().find_map(|goal| goal.check.as_mut());
            check.and_then(|check| check.comment.here_mut()).is_some_and(ring)
        }),
        ("metric.unit", |file| {
            file.goals.iter_mut().find_map(|goal| goal.metric.as_mut()).is_some_and(|m| ring(&mut m.unit))
        }),
        ("actions.issue", |file| {
            file.goals.iter_mut().find_map(|goal| goal.actions.first_mut()).is_some_and(|a| ring(&mut a.issue))
        }),
        ("actions.measure", |file| {
            file.goals.iter_mut().find_map(|goal| goal.actions.first_mut()).is_some_and(|a| ring(&mut a.measure))
        }),
        ("proposals.title", |file| file.proposals.first_mut().is_some_and(|p| ring(&mut p.title))),
        ("proposals.note", |file| file.proposals.first_mut().is_some_and(|p| ring(&mut p.note))),
        ("declined.reason", |file| file.declined.first_mut().is_some_and(|d| ring(&mut d.reason))),
        ("sheet.comment", |file| file.sheet.first_mut().is_some_and(|record| ring(&mut record.comment))),
        ("evidence of a day its Do log does not have", |file| {
            let mut notes = file.competencies.iter_mut().filter_map(|rating| rating.notes.here_mut());
            let evidence = notes.find_map(|notes| notes.evidence.first_mut());
            evidence.map(|evidence| evidence.date = Date::from_ymd(2001, 1, 1).unwrap()).is_some()
        }),
    ]
}

/// Each text of a feedback file the checks read, spoiled.
fn feedback_spoils() -> Vec<Spoil<FeedbackFile>> {
    vec![
        ("strengths", |file| file.feedback.first_mut().is_some_and(|entry| ring(&mut entry.strengths))),
        ("improvements", |file| {
            let notes = file.feedback.iter_mut().find_map(|entry| entry.notes.here_mut());
            notes.is_some_and(|notes| ring(&mut notes.improvements))
        }),
        ("contribution", |file| {
            let notes = file.feedback.iter_mut().find_map(|entry| entry.notes.here_mut());
            notes.is_some_and(|notes| ring(&mut notes.contribution))
        }),
        ("comment", |file| {
            let notes = file.feedback.iter_mut().find_map(|entry| entry.notes.here_mut());
            notes.is_some_and(|notes| ring(&mut notes.comment))
        }),
        ("sheet.comment", |file| file.sheet.first_mut().is_some_and(|record| ring(&mut record.comment))),
    ]
}

/// Each text of a 1on1 file the checks read, spoiled.
fn meetings_spoils() -> Vec<Spoil<MeetingsFile>> {
    vec![
        ("agenda", |file| file.meetings.first_mut().is_some_and(|meeting| ring(&mut meeting.texts.agenda))),
        ("notes", |file| file.meetings.first_mut().is_some_and(|meeting| ring(&mut meeting.texts.notes))),
        ("actions.text", |file| {
            let mut meetings = file.meetings.iter_mut();
            meetings.find_map(|meeting| meeting.texts.actions.first_mut()).is_some_and(|action| ring(&mut action.text))
        }),
    ]
}

/// Spoils the first file of `folder` (in name order) that `spoil` finds a text in.
fn spoil_first<T: serde::de::DeserializeOwned + serde::Serialize>(folder: &Path, (name, spoil): &Spoil<T>) {
    let mut files: Vec<PathBuf> = fs::read_dir(folder).unwrap().map(|entry| entry.unwrap().path()).collect();
    files.sort();
    for path in files {
        let mut file: T = toml::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        if spoil(&mut file) {
            fs::write(&path, toml::to_string(&file).unwrap()).unwrap();
            return;
        }
    }
    panic!("the sample has no {name} to spoil in {}", folder.display());
}

/// What validation finds of the loaded cycle, warnings too.
fn every_problem(loaded: &Snapshot) -> Vec<pdca::model::Problem> {
    let mut problems = validate::validate_cycle(&loaded.org, &loaded.data, &HashMap::default());
    let formula = loaded.info.score_formula();
    problems.extend(validate::validate_competency(&loaded.org, &loaded.data, &formula));
    problems
}

fn pdca_export(root: &Path, cache: Option<&Path>) -> (Option<i32>, Vec<u8>, Vec<u8>) {
    let mut command = Command::cargo_bin("pdca").unwrap();
    let no_config = std::env::temp_dir().join("pdca-tests-without-config");
    command.env_remove("PDCA_DATA_DIR").env("PDCA_CONFIG_DIR", no_config).env("LANG", "C");
    command.env("PDCA_CACHE_DIR", cache.map(Path::as_os_str).unwrap_or_default());
    command.arg("--data-dir").arg(root).args(["--lang", "en", "--as", HR, "export", "--generated-at", EXPORT_TIME]);
    let output = command.output().unwrap();
    (output.status.code(), output.stdout, output.stderr)
}

/// Whatever text of a goals, feedback or 1on1 file fails a check (a control character,
/// a Do-log entry too long, a self-rating citing an entry its log lacks), an
/// export's load finds the same problems with the cache as without (as it makes
/// the cache, and from it), and `pdca export` says and refuses the same.
#[test]
fn an_export_from_the_cache_says_every_text_that_fails_a_check_as_without_it() {
    let cycle = |root: &Path, folder: &str| root.join("cycles/2026").join(folder);
    let goals = goals_spoils().into_iter().map(|spoil| {
        (spoil.0, Box::new(move |root: &Path| spoil_first(&cycle(root, "goals"), &spoil)) as Box<dyn Fn(&Path)>)
    });
    let feedback = feedback_spoils().into_iter().map(|spoil| {
        (spoil.0, Box::new(move |root: &Path| spoil_first(&cycle(root, "feedback"), &spoil)) as Box<dyn Fn(&Path)>)
    });
    let meetings = meetings_spoils().into_iter().map(|spoil| {
        (spoil.0, Box::new(move |root: &Path| spoil_first(&cycle(root, "meetings"), &spoil)) as Box<dyn Fn(&Path)>)
    });
    // Each spoiled in a data set of its own, all dated at once: the cache keeps
    // only files whose every time is older than the clock's resolution.
    let spoiled: Vec<(&str, tempfile::TempDir, PathBuf)> = goals
        .chain(feedback)
        .chain(meetings)
        .map(|(name, spoil)| {
            let (dir, root) = sample();
            spoil(&root);
            date_in_the_past(&root);
            (name, dir, root)
        })
        .collect();
    std::thread::sleep(Duration::from_millis(2_100));
    for (name, dir, root) in &spoiled {
        let cache = dir.path().join("cache");
        let whole = every_problem(&Store::new(root).reading_texts().load(None).unwrap());
        assert!(!whole.is_empty(), "{name}: the problem is found");
        let store_cache = ParseCache::new(&dir.path().join("store-cache"), root);
        let trusting = Store::new(root).with_cache(store_cache.clone()).reading_for_export();
        assert_eq!(every_problem(&trusting.load(None).unwrap()), whole, "{name}: making the cache");
        assert_eq!(every_problem(&trusting.load(None).unwrap()), whole, "{name}: from the cache");
        assert!(store_cache.hits() > 0, "{name}: from the cache");
        // A cache the app's load made, leaving texts on disk, holds each file's
        // checks of it whole.
        let app_cache = ParseCache::new(&dir.path().join("app-cache"), root);
        Store::new(root).with_cache(app_cache.clone()).leaving_texts_on_disk().load(None).unwrap();
        let trusting = Store::new(root).with_cache(app_cache.clone()).reading_for_export();
        assert_eq!(every_problem(&trusting.load(None).unwrap()), whole, "{name}: from the app's cache");
        assert!(app_cache.hits() > 0, "{name}: from the app's cache");
        let without = pdca_export(root, None);
        assert_eq!(pdca_export(root, Some(&cache)), without, "{name}: making the cache");
        assert_eq!(pdca_export(root, Some(&cache)), without, "{name}: from the cache");
        let shards =
            fs::read_dir(cache.join("parsed")).unwrap().flat_map(|set| fs::read_dir(set.unwrap().path()).unwrap());
        assert!(shards.count() > 0, "{name}: the export made the cache");
    }
}
