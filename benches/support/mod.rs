//! What the benchmarks share: generated data sets, cached under `target/bench-data/`
//! (keyed by the generator's version, the size and the seed), and the day they are
//! looked at.

#![allow(dead_code)]

use std::fs;
use std::path::PathBuf;

use pdca::r#gen::{self, DEFAULT_SEED, GENERATOR_VERSION};
use pdca::model::{Date, Org, PersonId};
use pdca::store::Store;

/// A day in the Do phase of the generated cycle.
pub fn today() -> Date {
    Date::from_ymd(2026, 11, 20).expect("a real day")
}

fn cache_dir() -> PathBuf {
    match option_env!("CARGO_TARGET_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"),
    }
    .join("bench-data")
}

/// The root of a generated data set of `people` people, made on first use.
pub fn data_set(people: usize) -> Store {
    let root = cache_dir().join(format!("gen{GENERATOR_VERSION}-people{people}-seed{DEFAULT_SEED}"));
    if !root.join(pdca::store::INFO_FILE).is_file() {
        // Made beside and renamed into place, so that an interrupted run is never reused.
        let partial = root.with_extension("partial");
        let _ = fs::remove_dir_all(&partial);
        eprintln!("generating {people} people into {}", root.display());
        let set = r#gen::generate(people, DEFAULT_SEED);
        r#gen::write(&Store::new(&partial), &set).expect("write the generated data set");
        let _ = fs::remove_dir_all(&root);
        fs::rename(&partial, &root).expect("move the generated data set into place");
    }
    Store::new(root)
}

/// The first person with the `hr` role: reads everything, so sees the whole tree.
pub fn hr_person(org: &Org) -> PersonId {
    org.people.iter().find(|p| p.is_hr()).expect("the generator gives 人事課 an hr person").id
}

/// A member of a team (no one reports to them): sees their own chain only.
pub fn staff_member(org: &Org) -> PersonId {
    org.people
        .iter()
        .find(|p| !p.is_hr() && !org.people.iter().any(|q| q.reviewer.as_ref() == Some(&p.id)))
        .expect("someone reviews nobody")
        .id
}
