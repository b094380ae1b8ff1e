//! The keys of a record that this version does not understand, kept verbatim so
//! that a file written by a newer version survives a load–save round trip here.
//!
//! Nearly every record has none, and a city holds millions of records (goals, Do
//! entries, ratings, approval snapshots): so an absent table is one pointer, not
//! an empty map in every record (8 bytes rather than 32). A table held is never
//! empty (reading makes none of an empty one, and keys are only added), so that
//! records compare as before.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extra(Option<Box<toml::Table>>);

impl Extra {
    pub const fn new() -> Extra {
        Extra(None)
    }

    pub fn get(&self, key: &str) -> Option<&toml::Value> {
        self.0.as_ref()?.get(key)
    }

    pub fn insert(&mut self, key: String, value: toml::Value) -> Option<toml::Value> {
        self.0.get_or_insert_default().insert(key, value)
    }
}

/// Written as the map it holds (flattened into its record), an empty one when none.
impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.as_deref() {
            Some(table) => table.serialize(serializer),
            None => toml::Table::new().serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Extra {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Extra, D::Error> {
        let table = toml::Table::deserialize(deserializer)?;
        Ok(Extra((!table.is_empty()).then(|| Box::new(table))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Record {
        id: String,
        #[serde(flatten)]
        extra: Extra,
    }

    #[test]
    fn is_one_pointer() {
        assert_eq!(size_of::<Extra>(), size_of::<usize>());
    }

    #[test]
    fn keys_not_understood_are_kept_through_toml_and_the_cache_form() {
        let text = "id = \"g1\"\nlater = 3\n\n[nested]\nkey = \"値\"\n";
        let record: Record = toml::from_str(text).unwrap();
        assert_eq!(record.extra.get("later").and_then(toml::Value::as_integer), Some(3));
        assert_eq!(record.extra.get("nested").and_then(|n| n.get("key")).and_then(|v| v.as_str()), Some("値"));
        assert_eq!(toml::to_string(&record).unwrap(), text);
        let cached: Record = rmp_serde::from_slice(&rmp_serde::to_vec_named(&record).unwrap()).unwrap();
        assert_eq!(cached, record);
    }

    #[test]
    fn a_record_without_unknown_keys_holds_no_table_read_from_either_form() {
        let record: Record = toml::from_str("id = \"g1\"\n").unwrap();
        assert!(record.extra.0.is_none());
        assert_eq!(toml::to_string(&record).unwrap(), "id = \"g1\"\n");
        let cached: Record = rmp_serde::from_slice(&rmp_serde::to_vec_named(&record).unwrap()).unwrap();
        assert!(cached.extra.0.is_none());
        let empty_table: Record = toml::from_str("id = \"g1\"\n[nested]\n").unwrap();
        assert!(empty_table.extra.get("nested").is_some_and(|nested| nested.as_table().is_some_and(|t| t.is_empty())));
    }

    /// The same bytes as the map it replaced, for the shapes unknown keys take.
    #[test]
    fn writes_what_a_plain_table_wrote() {
        #[derive(Serialize, Deserialize)]
        struct Before {
            id: String,
            #[serde(flatten)]
            extra: toml::Table,
        }
        let text = "id = \"g1\"\nwhen = 2026-04-01T09:00:00+09:00\ninline = { a = 1, b = [1, \"x\"] }\n\
                    big = 9223372036854775807\n\n[[later]]\nk = \"v\"\n\n[[later]]\nk = \"w\"\n";
        let before: Before = toml::from_str(text).unwrap();
        let after: Record = toml::from_str(text).unwrap();
        assert_eq!(toml::to_string(&after).unwrap(), toml::to_string(&before).unwrap());
        assert_eq!(rmp_serde::to_vec_named(&after).unwrap(), rmp_serde::to_vec_named(&before).unwrap());
    }
}
