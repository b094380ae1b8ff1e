use proptest::prelude::*;
use serde::Serialize;
use toml::value::{Date, Datetime, Offset, Time};

use super::{to_string, written_here};
use crate::r#gen::Generated;
use crate::hr::export::{Export, ExportPerson, Options, build};
use crate::model::Timestamp;

/// What this writer writes itself must be `toml`'s bytes, and it must write it
/// itself (not leave it to `toml`) for the shapes it claims.
fn assert_written_here<T: Serialize + ?Sized>(value: &T, what: &str) {
    let expected = toml::to_string(value).expect("toml writes it");
    assert_eq!(written_here(value).as_deref(), Some(expected.as_str()), "{what}");
}

fn generated() -> Generated {
    crate::r#gen::generate_filled(40, 7, crate::r#gen::Fill::Full)
}

fn export_of(set: &Generated) -> Export<'_> {
    let at = Timestamp(chrono::DateTime::parse_from_rfc3339("2026-11-30T09:00:00+09:00").unwrap());
    build(&set.info, &set.org, &set.data, Options { generated_at: at, unit: None }).unwrap()
}

#[derive(Serialize)]
struct People<'a> {
    people: [&'a ExportPerson<'a>; 1],
}

#[test]
fn an_export_of_filled_sheets_is_written_here_as_toml_writes_it() {
    let set = generated();
    let export = export_of(&set);
    assert!(export.people.iter().any(|p| !p.goals.is_empty() && !p.competencies.is_empty()), "filled");
    for person in &export.people {
        assert_written_here(&People { people: [person] }, &person.id);
    }
    assert_written_here(&export, "the whole export");
}

/// A value after a table is written before it, in a table with a header and in the
/// document itself (where `toml` sets it apart with a blank line), however deep.
#[test]
fn values_after_tables_are_written_before_them() {
    #[derive(Serialize)]
    struct Mixed {
        first: Leaf,
        x: &'static str,
        list: Vec<Leaf>,
        y: Option<f64>,
        nothing: Option<i32>,
        empty: Vec<Leaf>,
    }
    #[derive(Serialize)]
    struct OnlyTables {
        inner: Mixed,
    }
    #[derive(Serialize)]
    struct Root {
        only: OnlyTables,
        mixed: Mixed,
        z: bool,
        items: Vec<Mixed>,
        empty_table: Empty,
    }
    #[derive(Serialize)]
    struct Empty {}
    let mixed = || Mixed {
        first: Leaf { a: 1 },
        x: "after a table",
        list: vec![Leaf { a: 2 }, Leaf { a: 3 }],
        y: Some(0.5),
        nothing: None,
        empty: Vec::new(),
    };
    let root = Root {
        only: OnlyTables { inner: mixed() },
        mixed: mixed(),
        z: true,
        items: vec![mixed(), mixed()],
        empty_table: Empty {},
    };
    assert_written_here(&root, "values after tables, at every depth");
    assert_written_here(&mixed(), "a table first in the document");
    assert_written_here(&OnlyTables { inner: mixed() }, "a table of tables first in the document");
    assert_written_here(&Empty {}, "an empty document");
}

/// Every kind of scalar, in a field and in an array; a document behind an `Option`
/// or a newtype; keys that must be quoted.
#[test]
fn every_scalar_and_key_is_written_here_as_toml_writes_it() {
    #[derive(Serialize)]
    enum Kind {
        Plain,
    }
    #[derive(Serialize)]
    struct Newtype(i8);
    #[derive(Serialize)]
    struct Scalars {
        letter: char,
        quote: char,
        big: u64,
        wide: i128,
        wider: u128,
        small: i16,
        kind: Kind,
        wrapped: Newtype,
        floats: Vec<f32>,
        wides: Vec<i128>,
        kinds: (Kind, char, bool),
        nested: Vec<Vec<u8>>,
    }
    let scalars = Scalars {
        letter: 'あ',
        quote: '"',
        big: u64::MAX,
        wide: i128::MIN,
        wider: u128::MAX,
        small: -7,
        kind: Kind::Plain,
        wrapped: Newtype(-1),
        floats: vec![f32::NAN, -f32::NAN, f32::NEG_INFINITY, -0.0, 1.5e-40],
        wides: vec![i128::MAX],
        kinds: (Kind::Plain, '\n', false),
        nested: vec![vec![], vec![1, 2]],
    };
    assert_written_here(&scalars, "every scalar");
    assert_written_here(&Some(Leaf { a: 1 }), "a document behind an Option");
    #[derive(Serialize)]
    struct Wrapped(Leaf);
    assert_written_here(&Wrapped(Leaf { a: 2 }), "a document behind a newtype");
    let keys: std::collections::BTreeMap<&str, Leaf> = [
        ("bare-key_1", Leaf { a: 1 }),
        ("a.b", Leaf { a: 2 }),
        ("", Leaf { a: 3 }),
        ("日本", Leaf { a: 4 }),
        ("it's \"x\"", Leaf { a: 5 }),
    ]
    .into_iter()
    .collect();
    assert_written_here(&keys, "quoted keys of tables");
    let values: std::collections::BTreeMap<&str, i32> =
        [("a b", 1), ("'", 2), ("\\", 3), ("\t", 4)].into_iter().collect();
    assert_written_here(&values, "quoted keys of values");
}

#[derive(Serialize)]
struct Leaf {
    a: i32,
}

/// Shapes the writer leaves to `toml`, and errors: the same text or the same error.
#[test]
fn what_is_left_to_toml_is_toml_s() {
    #[derive(Serialize)]
    enum Data {
        Pair(i32, i32),
        Named { a: i32 },
    }
    #[derive(Serialize)]
    struct Odd {
        inline_tables: toml::Value,
        pair: Data,
        named: Data,
    }
    let mixed: toml::Value = toml::from_str::<toml::Table>("v = [1, { a = 2 }]").unwrap()["v"].clone();
    let odd = Odd { inline_tables: mixed, pair: Data::Pair(1, 2), named: Data::Named { a: 3 } };
    assert_eq!(written_here(&odd), None);
    assert_eq!(to_string(&odd).ok(), toml::to_string(&odd).ok());
    #[derive(Serialize)]
    struct Broken {
        unit: (),
        holes: Vec<Option<i32>>,
    }
    let broken = Broken { unit: (), holes: vec![Some(1), None] };
    let (ours, theirs) = (to_string(&broken), toml::to_string(&broken));
    assert!(theirs.is_err());
    assert_eq!(ours.map_err(|e| e.to_string()), theirs.map_err(|e| e.to_string()));
    let held: crate::model::Held<String> = crate::model::Held::Away;
    #[derive(Serialize)]
    struct WithHeld {
        text: crate::model::Held<String>,
    }
    let (ours, theirs) = (to_string(&WithHeld { text: held.clone() }), toml::to_string(&WithHeld { text: held }));
    assert!(theirs.is_err(), "a text left on disk cannot be written");
    assert_eq!(ours.map_err(|e| e.to_string()), theirs.map_err(|e| e.to_string()));
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".*",
        "[a-z0-9 ._:/-]*",
        "[ -~\t\n\r]*",
        "[\"'\\\\\n]{0,8}",
        // Line breaks with nothing else to escape: a multi-line string written as it is.
        "[a-zA-Z0-9ぁ-ん一-龥 。、\n]{0,24}",
        "[ぁ-んァ-ン一-龥。、「」\"'\\\\\n\t\u{0}-\u{1f}\u{7f}]{0,24}",
    ]
}

fn any_key() -> impl Strategy<Value = String> {
    prop_oneof![3 => "[a-z_][a-z0-9_-]{0,8}", 1 => ".{0,6}", 1 => "[ぁ-ん\"'. ]{1,4}"]
}

fn any_datetime() -> impl Strategy<Value = Datetime> {
    let date = (1900u16..2100, 1u8..=12, 1u8..=28).prop_map(|(year, month, day)| Date { year, month, day });
    let time = (0u8..24, 0u8..60, 0u8..60, prop::option::of(0u32..1_000_000_000))
        .prop_map(|(hour, minute, second, nanosecond)| Time { hour, minute, second: Some(second), nanosecond });
    let offset = prop_oneof![Just(Offset::Z), (-720i16..=840).prop_map(|minutes| Offset::Custom { minutes })];
    (prop::option::of(date), prop::option::of(time), prop::option::of(offset))
        .prop_filter("a datetime TOML can write", |(date, time, offset)| {
            (date.is_some() || time.is_some()) && (offset.is_none() || (date.is_some() && time.is_some()))
        })
        .prop_map(|(date, time, offset)| Datetime { date, time, offset })
}

fn any_scalar() -> impl Strategy<Value = toml::Value> {
    prop_oneof![
        any_text().prop_map(toml::Value::String),
        any::<i64>().prop_map(toml::Value::Integer),
        any::<f64>().prop_map(toml::Value::Float),
        prop_oneof![Just(f64::NAN), Just(-f64::NAN), Just(f64::INFINITY), Just(-0.0), Just(1e300)]
            .prop_map(toml::Value::Float),
        any::<bool>().prop_map(toml::Value::Boolean),
        any_datetime().prop_map(toml::Value::Datetime),
    ]
}

/// Documents of every shape the writer writes itself: tables in tables, arrays of
/// tables, arrays of values and of arrays of values, empty ones, in any order.
fn any_document() -> impl Strategy<Value = toml::Table> {
    let inline =
        any_scalar().prop_recursive(2, 12, 4, |inner| prop::collection::vec(inner, 0..4).prop_map(toml::Value::Array));
    let value = inline.prop_recursive(3, 48, 5, |inner| {
        let table = prop::collection::btree_map(any_key(), inner, 0..5)
            .prop_map(|entries| entries.into_iter().collect::<toml::Table>())
            .boxed();
        prop_oneof![
            table.clone().prop_map(toml::Value::Table),
            prop::collection::vec(table, 1..3)
                .prop_map(|tables| toml::Value::Array(tables.into_iter().map(toml::Value::Table).collect())),
        ]
    });
    prop::collection::btree_map(any_key(), value, 0..6).prop_map(|entries| entries.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_document_is_written_here_as_toml_writes_it(document in any_document()) {
        match toml::to_string(&document) {
            Ok(expected) => prop_assert_eq!(written_here(&document), Some(expected)),
            Err(_) => prop_assert!(to_string(&document).is_err()),
        }
    }

    /// Any text in any field of a filled person's record.
    #[test]
    fn any_text_in_a_record_is_written_as_toml_writes_it(texts in prop::collection::vec(any_text(), 6), score in any::<f64>()) {
        let set = generated();
        let export = export_of(&set);
        let mut person = export.people.iter().find(|p| !p.goals.is_empty()).unwrap().clone();
        person.name = texts[0].clone().into();
        person.title = texts[1].clone().into();
        person.unit_path.push(texts[2].clone());
        person.performance_score = Some(score);
        let goal = &mut person.goals[0];
        goal.title = texts[3].clone().into();
        goal.description = texts[4].clone().into();
        goal.criteria = texts[5].clone().into();
        assert_written_here(&People { people: [&person] }, "a record with any text");
    }
}
