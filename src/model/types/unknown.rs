//! Records keep the keys the program does not know (a later version's, or someone's
//! own) in their `extra` table, and write them back unchanged. serde's
//! `#[serde(flatten)]` could do it, but a record with a flattened field is decoded by
//! first copying every key and value into a buffer of its own, then decoding that:
//! twice the work and memory for every record read, from TOML and from the parse
//! cache alike. Here the record's own derived decoding reads the keys it knows
//! straight from the file, and this module sets the others aside as they pass.
//!
//! A record opts in with `#[serde(remote = "Self")]` (so that the derived code is
//! its own functions), `#[serde(flatten, skip_deserializing)] pub extra: Extra`
//! (written flattened, never read by the derived code) and [`keeps_unknown_keys!`].

use std::fmt;

use serde::Deserializer;
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};

use super::Extra;

/// Serialize and Deserialize for records that keep unknown keys in `extra`: written
/// by their derived code, read by it with the keys it does not know set aside.
macro_rules! keeps_unknown_keys {
    ($($record:ty),+ $(,)?) => {$(
        impl ::serde::Serialize for $record {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                <$record>::serialize(self, serializer)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $record {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let (mut record, extra) =
                    $crate::model::types::unknown::read_keeping(deserializer, |keeping| <$record>::deserialize(keeping))?;
                record.extra = extra;
                Ok(record)
            }
        }
    )+};
}
pub(crate) use keeps_unknown_keys;

/// Reads a record with its derived `read`, keeping the keys it does not know.
pub fn read_keeping<'de, D, T>(
    deserializer: D,
    read: impl FnOnce(Keeping<'_, D>) -> Result<T, D::Error>,
) -> Result<(T, Extra), D::Error>
where
    D: Deserializer<'de>,
{
    let mut extra = Extra::new();
    let record = read(Keeping { inner: deserializer, extra: &mut extra })?;
    Ok((record, extra))
}

/// A deserializer that hands a struct's derived code only the keys it names.
pub struct Keeping<'a, D> {
    inner: D,
    extra: &'a mut Extra,
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Keeping<'_, D> {
    type Error = D::Error;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_struct(name, fields, KeepingVisitor { visitor, fields, extra: self.extra })
    }

    // Derived code for a struct asks for a struct alone; anything else is passed on.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_any(visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

struct KeepingVisitor<'a, V> {
    visitor: V,
    fields: &'static [&'static str],
    extra: &'a mut Extra,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for KeepingVisitor<'_, V> {
    type Value = V::Value;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        self.visitor.expecting(formatter)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_map(KeepingMap { map, fields: self.fields, extra: self.extra })
    }

    // A record written as a list of values has no keys to keep.
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_seq(seq)
    }
}

struct KeepingMap<'a, A> {
    map: A,
    fields: &'static [&'static str],
    extra: &'a mut Extra,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for KeepingMap<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        loop {
            match self.map.next_key_seed(KeyOf { fields: self.fields })? {
                None => return Ok(None),
                Some(Key::Known(name)) => return seed.deserialize(name.into_deserializer()).map(Some),
                Some(Key::Unknown(key)) => {
                    let value = self.map.next_value::<toml::Value>()?;
                    self.extra.insert(key, value);
                }
            }
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        self.map.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// A key the record names (one of its fields or their aliases), or any other.
enum Key {
    Known(&'static str),
    Unknown(String),
}

struct KeyOf {
    fields: &'static [&'static str],
}

impl<'de> DeserializeSeed<'de> for KeyOf {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for KeyOf {
    type Value = Key;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
        Ok(match self.fields.iter().copied().find(|field| *field == key) {
            Some(field) => Key::Known(field),
            None => Key::Unknown(key.to_owned()),
        })
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    use super::*;

    /// A record read the way every record is.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    #[serde(remote = "Self")]
    struct Record {
        id: String,
        #[serde(default, alias = "題名")]
        title: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        parts: Vec<Part>,
        #[serde(flatten, skip_deserializing)]
        extra: Extra,
    }
    keeps_unknown_keys!(Record);

    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    #[serde(remote = "Self")]
    struct Part {
        #[serde(default)]
        weight: u32,
        #[serde(flatten, skip_deserializing)]
        extra: Extra,
    }
    keeps_unknown_keys!(Part);

    /// The same record the way serde's flatten reads it: what the records did before.
    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Flattened {
        id: String,
        #[serde(default, alias = "題名")]
        title: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        parts: Vec<FlattenedPart>,
        #[serde(flatten)]
        extra: Extra,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct FlattenedPart {
        #[serde(default)]
        weight: u32,
        #[serde(flatten)]
        extra: Extra,
    }

    const DOCUMENTS: &[&str] = &[
        "id = 'g1'\n",
        "id = 'g1'\ntitle = 'ごみの削減'\nnote = 'later version'\n",
        "\"題名\" = '別名'\nid = 'g2'\n",
        "later = 2026-04-01\nid = 'g1'\nwhen = 2026-04-01T09:00:00+09:00\n[plan]\nsteps = ['a', 'b']\n",
        "id = 'g1'\n[[parts]]\nweight = 3\nown = { a = 1, b = [1.5, true] }\n[[parts]]\nfuture = 'x'\n",
        "id = 'g1'\n[[unknown_list]]\nx = 1\n[[unknown_list]]\nx = 2\n",
    ];

    #[test]
    fn a_record_reads_and_writes_what_serdes_flatten_did() {
        for document in DOCUMENTS {
            let kept: Record = toml::from_str(document).unwrap();
            let flattened: Flattened = toml::from_str(document).unwrap();
            assert_eq!(kept.extra, flattened.extra, "{document}");
            assert_eq!((&kept.id, &kept.title), (&flattened.id, &flattened.title), "{document}");
            let part_extras: Vec<_> = kept.parts.iter().map(|part| (part.weight, &part.extra)).collect();
            let flattened_extras: Vec<_> = flattened.parts.iter().map(|part| (part.weight, &part.extra)).collect();
            assert_eq!(part_extras, flattened_extras, "{document}");
            assert_eq!(toml::to_string(&kept).unwrap(), toml::to_string(&flattened).unwrap(), "{document}");
        }
    }

    #[test]
    fn unknown_keys_come_back_from_the_binary_form_of_the_cache() {
        for document in DOCUMENTS {
            let record: Record = toml::from_str(document).unwrap();
            let bytes = rmp_serde::to_vec_named(&record).unwrap();
            assert_eq!(rmp_serde::from_slice::<Record>(&bytes).unwrap(), record, "{document}");
        }
    }

    #[test]
    fn an_error_after_an_unknown_key_still_names_its_line_and_column() {
        let error = toml::from_str::<Record>("id = 'g1'\nnote = 'kept'\n[[parts]]\nlater = 1\nweight = 'heavy'\n")
            .unwrap_err()
            .to_string();
        assert!(error.contains("line 5, column 10"), "{error}");
        let missing = toml::from_str::<Record>("note = 'kept'\n").unwrap_err().to_string();
        assert!(missing.contains("missing field `id`"), "{missing}");
    }
}
