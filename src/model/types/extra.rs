//! The keys of a record that this version does not understand, kept verbatim so
//! that a file written by a newer version survives a load–save round trip here.
//!
//! Nearly every record has none, and a city holds millions of records (goals, Do
//! entries, ratings, approval snapshots): so an absent table is one pointer, not
//! an empty map in every record (8 bytes rather than 32).

use std::ops::Index;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone, Debug, Default)]
pub struct Extra(Option<Box<toml::Table>>);

impl Extra {
    pub fn new() -> Extra {
        Extra(None)
    }

    pub fn get(&self, key: &str) -> Option<&toml::Value> {
        self.0.as_ref()?.get(key)
    }

    pub fn insert(&mut self, key: String, value: toml::Value) -> Option<toml::Value> {
        self.0.get_or_insert_default().insert(key, value)
    }

    pub fn is_empty(&self) -> bool {
        self.0.as_ref().is_none_or(|table| table.is_empty())
    }

    fn table(&self) -> Option<&toml::Table> {
        self.0.as_deref().filter(|table| !table.is_empty())
    }
}

/// Equal when they hold the same keys: no table and an empty one alike.
impl PartialEq for Extra {
    fn eq(&self, other: &Extra) -> bool {
        self.table() == other.table()
    }
}

impl Index<&str> for Extra {
    type Output = toml::Value;

    fn index(&self, key: &str) -> &toml::Value {
        self.get(key).unwrap_or_else(|| panic!("no key {key:?} among the kept keys"))
    }
}

/// Written as the map it holds (flattened into its record), an empty one when none.
impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.table() {
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
        assert_eq!(record.extra["later"].as_integer(), Some(3));
        assert_eq!(record.extra.get("nested").and_then(|n| n.get("key")).and_then(|v| v.as_str()), Some("値"));
        assert_eq!(toml::to_string(&record).unwrap(), text);
        let cached: Record = rmp_serde::from_slice(&rmp_serde::to_vec_named(&record).unwrap()).unwrap();
        assert_eq!(cached, record);
    }

    #[test]
    fn a_record_without_unknown_keys_holds_no_table_and_writes_none() {
        let record: Record = toml::from_str("id = \"g1\"\n").unwrap();
        assert!(record.extra.0.is_none());
        assert!(record.extra.is_empty());
        assert_eq!(toml::to_string(&record).unwrap(), "id = \"g1\"\n");
    }

    #[test]
    fn no_table_equals_an_empty_one() {
        assert_eq!(Extra(None), Extra(Some(Box::default())));
        let mut one = Extra::new();
        one.insert("k".into(), toml::Value::Boolean(true));
        assert_ne!(one, Extra::new());
    }
}
