//! Fuzzing, bounded to a few seconds: arbitrary bytes, and the sample's files with
//! arbitrary TOML values put in place of their values, go through the loader, the
//! validation, the roll-up, the confirmation check and the export. Whatever the
//! input, nothing panics: a bad file is reported, the rest works.

use crate::common;

use std::fs;
use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;

use pdca::hr::export::{self, Options};
use pdca::model::validate::{confirmation_problems, validate_cycle, validate_info, validate_org};
use pdca::model::{Cascade, Date, Hierarchy, Timestamp};
use pdca::store::Store;

/// The files the fuzzing changes, one at a time: settings, organisation, a cycle,
/// a goals file with a confirmed sheet, a feedback file with workflow records.
const TARGETS: [&str; 5] = [
    "pdca.toml",
    "org.toml",
    "cycles/2026/cycle.toml",
    "cycles/2026/goals/P0011.toml",
    "cycles/2026/feedback/P0003.toml",
];

/// The sample's files, read once.
fn originals() -> &'static Vec<(String, String)> {
    static FILES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    FILES.get_or_init(|| {
        let (_dir, data) = common::sample_data();
        TARGETS.iter().map(|name| (name.to_string(), fs::read_to_string(data.join(name)).unwrap())).collect()
    })
}

/// Everything a session does with a data set, none of which may panic.
fn load_and_use(data: &Path) {
    let store = Store::new(data);
    let Ok(snapshot) = store.load(None) else { return };
    let (info, org, data) = (&snapshot.info, &snapshot.org, &snapshot.data);
    let hierarchy = Hierarchy::new(org);
    let _ = validate_info(info);
    let _ = validate_org(org);
    let _ = validate_cycle(org, data, &Default::default());
    let _ = confirmation_problems(&hierarchy, data);
    let cascade = Cascade::build(data);
    for node in 0..cascade.nodes.len() {
        let _ = cascade.title(data, node);
    }
    let generated_at = Timestamp(chrono::DateTime::parse_from_rfc3339("2027-04-01T09:00:00+09:00").unwrap());
    if let Ok(export) = export::build(info, org, data, Options { generated_at, unit: None }) {
        let _ = export.to_toml();
        let _ = pdca::hr::table::to_csv(&export, pdca::messages::Lang::Ja, pdca::hr::table::Cells::SpreadsheetSafe);
    }
    let _ = pdca::model::alignment::alignment_warnings(&hierarchy, data, Date::from_ymd(2026, 11, 20).unwrap());
}

fn with_file(name: &str, bytes: &[u8]) {
    let (_dir, data) = common::sample_data();
    fs::write(data.join(name), bytes).unwrap();
    load_and_use(&data);
}

/// Any TOML value, small, with the kinds of trouble the program must survive:
/// huge and negative numbers, nan and inf, hostile text, wrong types, nesting.
fn value() -> impl Strategy<Value = toml::Value> {
    let text = prop_oneof![
        Just(String::new()),
        Just("\u{1b}[2J\u{1b}]52;c;eA==\u{7}".to_owned()),
        Just("名前\u{202e}".to_owned()),
        Just("../../x".to_owned()),
        Just("=HYPERLINK(\"x\")".to_owned()),
        Just("P0011-2026-1".to_owned()),
        "[a-zA-Z0-9 あ-ん_.-]{0,12}",
    ];
    let leaf = prop_oneof![
        text.prop_map(toml::Value::String),
        any::<i64>().prop_map(toml::Value::Integer),
        prop_oneof![Just(f64::NAN), Just(f64::INFINITY), Just(f64::NEG_INFINITY), any::<f64>()]
            .prop_map(toml::Value::Float),
        any::<bool>().prop_map(toml::Value::Boolean),
        Just(toml::Value::Datetime("2026-02-30".parse().unwrap_or_else(|_| "2026-02-28".parse().unwrap()))),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(toml::Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|map| toml::Value::Table(map.into_iter().collect())),
        ]
    })
}

/// Every place in a TOML tree where a value sits, as a path of keys and indexes.
fn places(value: &toml::Value, at: Vec<Step>, out: &mut Vec<Vec<Step>>) {
    match value {
        toml::Value::Table(table) => {
            for (key, inner) in table {
                let mut here = at.clone();
                here.push(Step::Key(key.clone()));
                out.push(here.clone());
                places(inner, here, out);
            }
        }
        toml::Value::Array(items) => {
            for (index, inner) in items.iter().enumerate() {
                let mut here = at.clone();
                here.push(Step::Index(index));
                out.push(here.clone());
                places(inner, here, out);
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

fn at_mut<'a>(value: &'a mut toml::Value, path: &[Step]) -> Option<&'a mut toml::Value> {
    let Some((first, rest)) = path.split_first() else { return Some(value) };
    let inner = match (value, first) {
        (toml::Value::Table(table), Step::Key(key)) => table.get_mut(key)?,
        (toml::Value::Array(items), Step::Index(index)) => items.get_mut(*index)?,
        _ => return None,
    };
    at_mut(inner, rest)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_in_any_file_never_panic(
        target in prop::sample::select(&TARGETS[..]),
        bytes in prop::collection::vec(any::<u8>(), 0..400),
        keep in 0usize..2000,
    ) {
        // Half the time the file's own beginning, then garbage: errors deep inside.
        let original = &originals().iter().find(|(name, _)| name == target).unwrap().1;
        let mut mixed = original.as_bytes()[..keep.min(original.len())].to_vec();
        mixed.extend(&bytes);
        with_file(target, &mixed);
    }

    #[test]
    fn arbitrary_values_in_place_of_the_files_values_never_panic(
        target in prop::sample::select(&TARGETS[..]),
        place in any::<prop::sample::Index>(),
        replacement in value(),
    ) {
        let original = &originals().iter().find(|(name, _)| name == target).unwrap().1;
        let mut tree: toml::Value = toml::from_str(original).unwrap();
        let mut all = Vec::new();
        places(&tree, Vec::new(), &mut all);
        let path = place.get(&all).clone();
        if let Some(slot) = at_mut(&mut tree, &path) {
            *slot = replacement;
        }
        // A value TOML cannot write (e.g. a table inside an array of plain values) is skipped.
        if let Ok(text) = toml::to_string(&tree) {
            with_file(target, text.as_bytes());
        }
    }
}
