//! The parse cache's reader of MessagePack: the records `rmp_serde::to_vec_named`
//! wrote, read back as `rmp_serde::from_slice` reads them, but with the texts'
//! UTF-8 checked by `simdutf8`. A full fill's records are mostly Japanese prose,
//! on which the standard library's check is slow: it was a third of the time to
//! decode a goals file and a tenth of `pdca export`'s (README, Performance).
//!
//! Only what the cache holds is read: a value written by `rmp_serde` of any type
//! the serde data model has. Extension types, and bytes asked for as a sequence,
//! which no record holds, are an error. The reader never trusts the bytes: lengths are checked against what is
//! left, nesting is bounded, and every failure is an error (a cache miss).

use serde::de::{self, DeserializeSeed, Visitor};

/// How deep arrays, maps and variants may nest: deeper than a valid TOML file's
/// values can (its parser allows 80 levels of arrays and inline tables under a
/// dotted key of at most 80 parts), and shallow enough for a worker thread's stack.
const DEPTH: usize = 256;

/// The markers of an empty map, array and text (`rmp_serde` writes no other form of them).
const EMPTY_MAP: u8 = 0x80;
const EMPTY_ARRAY: u8 = 0x90;
const EMPTY_STR: u8 = 0xa0;

/// Why the bytes are not a record of the type asked for.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Error(String);

impl de::Error for Error {
    fn custom<T: std::fmt::Display>(message: T) -> Error {
        Error(message.to_string())
    }
}

fn error<T>(message: &str) -> Result<T, Error> {
    Err(Error(message.to_owned()))
}

/// The value of type `T` that `bytes` hold, and nothing after it; every value read
/// as the newtype named `undecoded`, but an empty one, is left undecoded: it is
/// skipped, and its visitor is given a unit for it (see [`crate::model::DO_LOG`]).
pub fn from_slice<'de, T: de::Deserialize<'de>>(bytes: &'de [u8], undecoded: Option<&'static str>) -> Result<T, Error> {
    let mut reader = Reader { bytes, at: 0, depth: 0, undecoded };
    let value = T::deserialize(&mut reader)?;
    if reader.at != bytes.len() {
        return error("bytes after the value");
    }
    Ok(value)
}

struct Reader<'de> {
    bytes: &'de [u8],
    at: usize,
    depth: usize,
    /// The name of the newtypes left undecoded.
    undecoded: Option<&'static str>,
}

/// What a marker byte begins.
enum Item {
    Nil,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    F32(f32),
    F64(f64),
    Str(usize),
    Bin(usize),
    Array(usize),
    Map(usize),
}

impl<'de> Reader<'de> {
    fn take(&mut self, count: usize) -> Result<&'de [u8], Error> {
        let end = self.at.checked_add(count).filter(|&end| end <= self.bytes.len());
        let Some(end) = end else { return error("the value runs past the end") };
        let taken = &self.bytes[self.at..end];
        self.at = end;
        Ok(taken)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], Error> {
        let mut array = [0; N];
        array.copy_from_slice(self.take(N)?);
        Ok(array)
    }

    fn length<const N: usize>(&mut self) -> Result<usize, Error> {
        let bytes = self.array::<N>()?;
        let length = bytes.iter().fold(0u64, |length, &byte| (length << 8) | u64::from(byte));
        usize::try_from(length).or_else(|_| error("a length too large"))
    }

    fn peek(&self) -> Result<u8, Error> {
        self.bytes.get(self.at).copied().map_or_else(|| error("no value"), Ok)
    }

    fn item(&mut self) -> Result<Item, Error> {
        let marker = self.take(1)?[0];
        Ok(match marker {
            0x00..=0x7f => Item::Unsigned(u64::from(marker)),
            0x80..=0x8f => Item::Map(usize::from(marker & 0x0f)),
            0x90..=0x9f => Item::Array(usize::from(marker & 0x0f)),
            0xa0..=0xbf => Item::Str(usize::from(marker & 0x1f)),
            0xc0 => Item::Nil,
            0xc2 => Item::Bool(false),
            0xc3 => Item::Bool(true),
            0xc4 => Item::Bin(self.length::<1>()?),
            0xc5 => Item::Bin(self.length::<2>()?),
            0xc6 => Item::Bin(self.length::<4>()?),
            0xca => Item::F32(f32::from_be_bytes(self.array()?)),
            0xcb => Item::F64(f64::from_be_bytes(self.array()?)),
            0xcc => Item::Unsigned(u64::from(u8::from_be_bytes(self.array()?))),
            0xcd => Item::Unsigned(u64::from(u16::from_be_bytes(self.array()?))),
            0xce => Item::Unsigned(u64::from(u32::from_be_bytes(self.array()?))),
            0xcf => Item::Unsigned(u64::from_be_bytes(self.array()?)),
            0xd0 => Item::Signed(i64::from(i8::from_be_bytes(self.array()?))),
            0xd1 => Item::Signed(i64::from(i16::from_be_bytes(self.array()?))),
            0xd2 => Item::Signed(i64::from(i32::from_be_bytes(self.array()?))),
            0xd3 => Item::Signed(i64::from_be_bytes(self.array()?)),
            0xd9 => Item::Str(self.length::<1>()?),
            0xda => Item::Str(self.length::<2>()?),
            0xdb => Item::Str(self.length::<4>()?),
            0xdc => Item::Array(self.length::<2>()?),
            0xdd => Item::Array(self.length::<4>()?),
            0xde => Item::Map(self.length::<2>()?),
            0xdf => Item::Map(self.length::<4>()?),
            0xe0..=0xff => Item::Signed(i64::from(marker as i8)),
            // 0xc1 is never used; 0xc7–0xc9 and 0xd4–0xd8 are extension types.
            _ => return error("a marker the cache never writes"),
        })
    }

    fn nested<T>(&mut self, read: impl FnOnce(&mut Self) -> Result<T, Error>) -> Result<T, Error> {
        if self.depth == DEPTH {
            return error("values nested too deep");
        }
        self.depth += 1;
        let value = read(self);
        self.depth -= 1;
        value
    }

    fn visit<V: Visitor<'de>>(&mut self, item: Item, visitor: V) -> Result<V::Value, Error> {
        match item {
            Item::Nil => visitor.visit_unit(),
            Item::Bool(value) => visitor.visit_bool(value),
            Item::Unsigned(value) => visitor.visit_u64(value),
            Item::Signed(value) => visitor.visit_i64(value),
            Item::F32(value) => visitor.visit_f32(value),
            Item::F64(value) => visitor.visit_f64(value),
            Item::Str(length) => {
                let bytes = self.take(length)?;
                match utf8(bytes) {
                    Some(text) => visitor.visit_borrowed_str(text),
                    // As `rmp_serde`: a visitor that takes bytes may have them.
                    None => visitor.visit_borrowed_bytes(bytes),
                }
            }
            Item::Bin(length) => visitor.visit_borrowed_bytes(self.take(length)?),
            Item::Array(length) => self.nested(|reader| {
                let mut items = Items { reader, left: length };
                let value = visitor.visit_seq(&mut items)?;
                items.finished(value)
            }),
            Item::Map(length) => self.nested(|reader| {
                let mut entries = Items { reader, left: length };
                let value = visitor.visit_map(&mut entries)?;
                entries.finished(value)
            }),
        }
    }

    /// A 128-bit integer, which `rmp_serde` writes as 16 bytes, big-endian, or
    /// reads from any integer.
    fn wide(&mut self) -> Result<i128, Error> {
        match self.item()? {
            Item::Bin(16) => Ok(i128::from_be_bytes(self.array()?)),
            Item::Unsigned(value) => Ok(i128::from(value)),
            Item::Signed(value) => Ok(i128::from(value)),
            _ => error("not a 128-bit integer"),
        }
    }

    /// Steps over one value without looking at its texts.
    fn skip(&mut self) -> Result<(), Error> {
        match self.item()? {
            Item::Str(length) | Item::Bin(length) => self.take(length).map(drop),
            Item::Array(length) => self.nested(|reader| (0..length).try_for_each(|_| reader.skip())),
            Item::Map(length) => {
                let Some(items) = length.checked_mul(2) else { return error("a length too large") };
                self.nested(|reader| (0..items).try_for_each(|_| reader.skip()))
            }
            _ => Ok(()),
        }
    }
}

/// `bytes` as text, when they are UTF-8. `simdutf8` leaves a text shorter than
/// its blocks of 64 bytes to the standard library's check, which is slow on
/// Japanese; most titles, names and every key are that short. So a short text of
/// ASCII alone is taken as it is, and any other is checked padded with spaces to
/// a whole block.
fn utf8(bytes: &[u8]) -> Option<&str> {
    const BLOCK: usize = 64;
    if bytes.len() >= BLOCK {
        return simdutf8::basic::from_utf8(bytes).ok();
    }
    if !bytes.is_ascii() {
        let mut padded = [b' '; BLOCK];
        padded[..bytes.len()].copy_from_slice(bytes);
        simdutf8::basic::from_utf8(&padded).ok()?;
    }
    // SAFETY: ASCII is UTF-8; and bytes that are UTF-8 once followed by spaces are
    // UTF-8 on their own: a space is no part of a character of more than one byte,
    // so a character cut short at their end would have left the padded bytes
    // invalid too.
    Some(unsafe { std::str::from_utf8_unchecked(bytes) })
}

/// The items of an array, or the keys and values of a map, still to be read.
struct Items<'a, 'de> {
    reader: &'a mut Reader<'de>,
    left: usize,
}

impl<'de> Items<'_, 'de> {
    /// The next item, or the next key of a map; none when all were read.
    fn next<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.reader).map(Some)
    }

    fn finished<T>(self, value: T) -> Result<T, Error> {
        if self.left == 0 { Ok(value) } else { error("items left unread") }
    }

    /// The size the visitor is told: never more than the bytes left could hold,
    /// so that a corrupt length cannot make it reserve much.
    fn size_hint(&self) -> Option<usize> {
        Some(self.left.min(self.reader.bytes.len() - self.reader.at))
    }
}

impl<'de> de::SeqAccess<'de> for Items<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        self.next(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        Items::size_hint(self)
    }
}

impl<'de> de::MapAccess<'de> for Items<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        self.next(seed)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(&mut *self.reader)
    }

    fn size_hint(&self) -> Option<usize> {
        Items::size_hint(self)
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Error;

    fn is_human_readable(&self) -> bool {
        // As `rmp_serde` writes: a type with two forms wrote its compact one.
        false
    }

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let item = self.item()?;
        self.visit(item, visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        // `None` is written as nil, `Some(value)` as the value.
        if self.peek()? == 0xc0 {
            self.at += 1;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        // Written as an empty array.
        match self.peek()? {
            0xc0 | 0x90 => {
                self.at += 1;
                visitor.visit_unit()
            }
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, Error> {
        // An empty one is read: a part left on disk never is (`Held::leave_unless_empty`).
        if self.undecoded == Some(name) && !matches!(self.peek()?, EMPTY_MAP | EMPTY_ARRAY | EMPTY_STR) {
            self.skip()?;
            return visitor.visit_unit();
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        // A unit variant is written as its name; any other as a map of one entry,
        // from its name to its content.
        match self.peek()? {
            0x81 => {
                self.at += 1;
                self.nested(|reader| visitor.visit_enum(Variant { reader, content: true }))
            }
            0x80..=0x8f | 0xde | 0xdf => error("an enum written as a map of more than one entry"),
            _ => visitor.visit_enum(Variant { reader: self, content: false }),
        }
    }

    fn deserialize_i128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_i128(self.wide()?)
    }

    fn deserialize_u128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        // As `rmp_serde` reads it: the same 16 bytes, as unsigned.
        visitor.visit_u128(self.wide()?.cast_unsigned())
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.skip()?;
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 u8 u16 u32 u64 f32 f64 char str string
        bytes byte_buf unit seq tuple tuple_struct map struct identifier
    }
}

/// A variant: its name, then its content when it was written as a map of one
/// entry (a unit variant is written as its name alone).
struct Variant<'a, 'de> {
    reader: &'a mut Reader<'de>,
    content: bool,
}

impl<'de> de::EnumAccess<'de> for Variant<'_, 'de> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self), Error> {
        let name = seed.deserialize(&mut *self.reader)?;
        Ok((name, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_, 'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        if !self.content {
            return Ok(());
        }
        match self.reader.item()? {
            Item::Nil => Ok(()),
            _ => error("a unit variant with content"),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        if !self.content {
            return error("a newtype variant written without content");
        }
        seed.deserialize(self.reader)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.content_of(visitor)
    }

    fn struct_variant<V: Visitor<'de>>(self, _fields: &'static [&'static str], visitor: V) -> Result<V::Value, Error> {
        self.content_of(visitor)
    }
}

impl<'de> Variant<'_, 'de> {
    fn content_of<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if !self.content {
            return error("a variant written without its content");
        }
        de::Deserializer::deserialize_any(self.reader, visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::{Deserialize, Serialize};
    use std::collections::BTreeMap;

    fn from_slice<'de, T: serde::Deserialize<'de>>(bytes: &'de [u8]) -> Result<T, Error> {
        super::from_slice(bytes, None)
    }

    fn goals_with_logs() -> crate::model::GoalsFile {
        toml::from_str(GOALS_WITH_LOGS).unwrap()
    }

    const GOALS_WITH_LOGS: &str = r#"
owner = "A"
cycle = "2026"

[[goals]]
id = "A-1"
title = "窓口"
[[goals.log]]
date = 2026-05-01
kind = "practice"
text = "受付を見直した"

[[goals]]
id = "A-2"
title = "研修"
[[goals.log]]
date = 2026-06-01
kind = "off-jt"
text = "研修を受けた"
course = "DX"
completed = true
[[goals.log]]
date = 2026-06-02
kind = "practice"
text = ""

[[goals]]
id = "A-3"
title = "記録なし"
"#;

    /// A goals file's Do logs, and their entries' texts, left undecoded as away
    /// when the reader is told to; an empty one read, since a part left on disk
    /// never is; every other part read as it is.
    #[test]
    fn do_logs_and_their_texts_are_left_undecoded_when_asked() {
        use crate::model::{DO_LOG, GoalsFile, Held, LOG_TEXT};
        let file = goals_with_logs();
        let bytes = rmp_serde::to_vec_named(&file).unwrap();
        assert_eq!(from_slice::<GoalsFile>(&bytes).unwrap(), file, "read whole unless told");

        let without_logs: GoalsFile = super::from_slice(&bytes, Some(DO_LOG)).unwrap();
        let logs: Vec<bool> = without_logs.goals.iter().map(|goal| goal.log.get().is_ok()).collect();
        assert_eq!(logs, [false, false, true], "the empty log is read");
        let mut expected = file.clone();
        expected.goals[..2].iter_mut().for_each(|goal| goal.log = Held::Away);
        assert_eq!(without_logs, expected, "nothing else is left");

        let without_texts: GoalsFile = super::from_slice(&bytes, Some(LOG_TEXT)).unwrap();
        let mut expected = file.clone();
        for entry in expected.goals.iter_mut().filter_map(|goal| goal.log.here_mut()).flat_map(|log| log.iter_mut()) {
            entry.text.leave_unless_empty();
        }
        assert_eq!(without_texts, expected, "the entries but their texts, the empty text read");
        let texts =
            without_texts.goals[1].log.get().unwrap().iter().map(|entry| entry.text.get().is_ok()).collect::<Vec<_>>();
        assert_eq!(texts, [false, true]);
    }

    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    enum Shape {
        Unit,
        Newtype(String),
        Tuple(i64, f64),
        Struct { level: u8, note: Option<String> },
    }

    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    struct Marker;

    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    struct Wrapped(u32);

    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    #[serde(untagged)]
    enum Loose {
        Number(i64),
        Text(String),
    }

    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    struct Record {
        id: String,
        title: String,
        small: i8,
        large: u64,
        negative: i64,
        wide: i128,
        unsigned_wide: u128,
        ratio: f32,
        share: f64,
        done: bool,
        initial: char,
        due: Option<crate::model::Date>,
        when: Option<toml::value::Datetime>,
        shapes: Vec<Shape>,
        marker: Marker,
        wrapped: Wrapped,
        pair: (u16, String),
        loose: Vec<Loose>,
        by_name: BTreeMap<String, Vec<u32>>,
        #[serde(flatten)]
        rest: toml::Table,
    }

    fn record(title: &str, note: Option<String>) -> Record {
        let mut rest = toml::Table::new();
        rest.insert("未知".into(), toml::Value::String("残す".into()));
        rest.insert("nested".into(), toml::Value::Array(vec![toml::Value::Integer(-3), toml::Value::Float(0.5)]));
        rest.insert("day".into(), toml::Value::Datetime("2026-04-01".parse().unwrap()));
        Record {
            id: "P00001-2026-1".into(),
            title: title.into(),
            small: -100,
            large: u64::MAX,
            negative: i64::MIN,
            wide: i128::MIN + 1,
            unsigned_wide: u128::MAX - 1,
            ratio: 0.25,
            share: -1.5e300,
            done: true,
            initial: '目',
            due: chrono::NaiveDate::from_ymd_opt(2027, 3, 31).map(crate::model::Date),
            when: "2026-11-20T09:30:00+09:00".parse().ok(),
            shapes: vec![
                Shape::Unit,
                Shape::Newtype("窓口".into()),
                Shape::Tuple(-7, 2.5),
                Shape::Struct { level: 3, note },
            ],
            marker: Marker,
            wrapped: Wrapped(70_000),
            pair: (65_535, String::new()),
            loose: vec![Loose::Number(-1), Loose::Text("第２".into())],
            by_name: BTreeMap::from([("a".into(), vec![]), ("長い名前".into(), vec![1, 300, 70_000])]),
            rest,
        }
    }

    fn written<T: Serialize>(value: &T) -> Vec<u8> {
        rmp_serde::to_vec_named(value).unwrap()
    }

    #[test]
    fn reads_every_shape_as_rmp_serde_wrote_it() {
        let record = record("行政手続のデジタル化", Some("年度内に".into()));
        assert_eq!(from_slice::<Record>(&written(&record)).unwrap(), record);
        let without_note = self::record(&"長".repeat(70_000), None);
        assert_eq!(from_slice::<Record>(&written(&without_note)).unwrap(), without_note);
    }

    #[test]
    fn a_text_that_is_not_utf8_is_an_error() {
        let mut bytes = written(&"平成".to_owned());
        let last = bytes.len() - 1;
        bytes[last] = 0xff;
        assert!(from_slice::<String>(&bytes).is_err());
        assert!(rmp_serde::from_slice::<String>(&bytes).is_err());
    }

    #[test]
    fn nesting_past_the_bound_is_an_error_not_a_crash() {
        let deep = [vec![0x91; 100_000], vec![0xc0]].concat();
        assert!(from_slice::<toml::Value>(&deep).is_err());
        assert!(from_slice::<serde::de::IgnoredAny>(&deep).is_err());
        // Variants within variants, each a map of one entry.
        #[derive(Debug, Deserialize)]
        enum Nest {
            Inner(Box<Nest>),
            End,
        }
        fn depth(nest: &Nest) -> usize {
            match nest {
                Nest::Inner(inner) => 1 + depth(inner),
                Nest::End => 0,
            }
        }
        let inner = [[0x81, 0xa5].as_slice(), b"Inner"].concat();
        let end = [[0xa3].as_slice(), b"End"].concat();
        assert_eq!(depth(&from_slice::<Nest>(&[inner.repeat(3), end.clone()].concat()).unwrap()), 3);
        assert!(from_slice::<Nest>(&[inner.repeat(100_000), end].concat()).is_err());
        // As deep as a valid TOML file's values can be, it is read.
        let deepest = [vec![0x91; 170], vec![0x01]].concat();
        assert!(from_slice::<toml::Value>(&deepest).is_ok());
    }

    #[test]
    fn a_length_past_the_end_is_an_error_and_reserves_nothing_much() {
        // An array that claims four billion items, and a text as long.
        assert!(from_slice::<Vec<u64>>(&[0xdd, 0xff, 0xff, 0xff, 0xff, 0x01]).is_err());
        assert!(from_slice::<String>(&[0xdb, 0xff, 0xff, 0xff, 0xff, b'a']).is_err());
        assert!(from_slice::<u8>(&[0x01, 0x02]).is_err(), "bytes after the value");
    }

    proptest! {
        // Any damage to a record's bytes is read as `rmp_serde` reads it, or is
        // an error (a cache miss); it never panics.
        #[test]
        fn damaged_bytes_read_as_rmp_serde_reads_them_or_not_at_all(
            title in "\\PC{0,12}",
            edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
            cut in prop::option::of(any::<prop::sample::Index>()),
        ) {
            let mut bytes = written(&record(&title, None));
            for (at, byte) in edits {
                let at = at.index(bytes.len());
                bytes[at] = byte;
            }
            let end = cut.map_or(bytes.len(), |cut| cut.index(bytes.len()));
            let bytes = &bytes[..end];
            if let Ok(ours) = from_slice::<Record>(bytes) {
                prop_assert_eq!(Some(ours), rmp_serde::from_slice::<Record>(bytes).ok());
            }
        }

        // Left undecoded, a damaged goals file's Do logs or their texts are read
        // past as the whole file is, or the bytes are an error; never a panic.
        #[test]
        fn damaged_bytes_left_undecoded_in_part_are_read_or_not_at_all(
            edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
            cut in prop::option::of(any::<prop::sample::Index>()),
        ) {
            use crate::model::{DO_LOG, GoalsFile, LOG_TEXT};
            let mut bytes = rmp_serde::to_vec_named(&goals_with_logs()).unwrap();
            for (at, byte) in edits {
                let at = at.index(bytes.len());
                bytes[at] = byte;
            }
            let end = cut.map_or(bytes.len(), |cut| cut.index(bytes.len()));
            let bytes = &bytes[..end];
            let whole = super::from_slice::<GoalsFile>(bytes, None).ok();
            for undecoded in [DO_LOG, LOG_TEXT] {
                let read = super::from_slice::<GoalsFile>(bytes, Some(undecoded));
                // Skipped, a part is not looked into: bytes damaged there may read.
                if whole.is_some() {
                    prop_assert!(read.is_ok(), "{undecoded}");
                }
            }
        }

        #[test]
        fn bytes_are_text_exactly_when_they_are_utf8(
            bytes in prop::collection::vec(prop::sample::select(vec![b'a', b' ', 0x00, 0x7f, 0x80, 0xbf, 0xc0, 0xc2, 0xe3, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff]), 0..140),
            text in "\\PC{0,70}",
        ) {
            prop_assert_eq!(utf8(&bytes), std::str::from_utf8(&bytes).ok());
            prop_assert_eq!(utf8(text.as_bytes()), Some(text.as_str()));
            // Cut anywhere, as a text cut short at the end of a short block is.
            for end in 0..=text.len() {
                prop_assert_eq!(utf8(&text.as_bytes()[..end]), std::str::from_utf8(&text.as_bytes()[..end]).ok());
            }
        }

        #[test]
        fn any_text_reads_back(text in "\\PC{0,300}", number in any::<i64>(), ratio in any::<f64>()) {
            let value = (text, number, Some(ratio.to_bits()));
            prop_assert_eq!(from_slice::<(String, i64, Option<u64>)>(&written(&value)).unwrap(), value);
        }
    }
}
