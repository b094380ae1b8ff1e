//! Texts kept once for the whole run, each named by one pointer: the ids of a
//! competency framework (a few dozen, named by half a million self-ratings and
//! ratings at a city's size) and the ids of people (tens of thousands, each named
//! by its ratings, feedback, records and 1on1s). A text is kept from its first
//! reading until the program ends; a data set names few that it does not keep
//! naming, and reloading names them again.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::fmt;
use std::hash::{BuildHasher, Hash, Hasher};
use std::ops::Deref;
use std::sync::{Mutex, OnceLock, PoisonError};

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::hash::HashMap;

/// One text of the table: equal texts are the same pointer. It reads, compares,
/// orders and hashes as its text, and is written as it.
#[derive(Clone, Copy)]
pub struct Interned(&'static &'static str);

/// How many parts the table is in, each behind its own lock: a load on all cores
/// asks for a person's id at every record, and seldom waits for another core.
const SHARDS: usize = 32;

/// Every text kept, by its text, in the shard its hash picks.
static TABLE: OnceLock<Table> = OnceLock::new();

struct Table {
    hasher: foldhash::fast::FixedState,
    shards: [Mutex<HashMap<&'static str, Interned>>; SHARDS],
}

/// How many texts a thread remembers it asked for: all of a framework's ids,
/// not a city's people, whose ids on every thread would cost more than they save.
const ASKED_AT_MOST: usize = 256;

thread_local! {
    /// The texts this thread has asked for, up to [`ASKED_AT_MOST`]: a load on all
    /// cores asks for the same few ability ids over and over, and finds them here
    /// without taking a lock.
    static ASKED: RefCell<HashMap<&'static str, Interned>> = RefCell::default();
}

impl Interned {
    pub fn new(text: &str) -> Interned {
        ASKED.with_borrow_mut(|asked| match asked.get(text) {
            Some(&kept) => kept,
            None => {
                let kept = Interned::kept(text);
                if asked.len() < ASKED_AT_MOST {
                    asked.insert(kept.as_str(), kept);
                }
                kept
            }
        })
    }

    fn kept(text: &str) -> Interned {
        let table = TABLE.get_or_init(|| Table {
            hasher: foldhash::fast::FixedState::default(),
            shards: std::array::from_fn(|_| Mutex::default()),
        });
        let shard = &table.shards[table.hasher.hash_one(text) as usize % SHARDS];
        let mut shard = shard.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(&kept) = shard.get(text) {
            return kept;
        }
        let text: &'static str = Box::leak(Box::from(text));
        let kept = Interned(Box::leak(Box::new(text)));
        shard.insert(text, kept);
        kept
    }

    pub fn as_str(&self) -> &'static str {
        self.0
    }
}

impl Default for Interned {
    fn default() -> Interned {
        Interned::new("")
    }
}

impl Deref for Interned {
    type Target = str;

    fn deref(&self) -> &str {
        self.0
    }
}

impl Borrow<str> for Interned {
    fn borrow(&self) -> &str {
        self.0
    }
}

impl AsRef<str> for Interned {
    fn as_ref(&self) -> &str {
        self.0
    }
}

/// The same text is the same pointer: the table keeps each text once.
impl PartialEq for Interned {
    fn eq(&self, other: &Interned) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for Interned {}

impl PartialEq<str> for Interned {
    fn eq(&self, other: &str) -> bool {
        *self.0 == other
    }
}

impl PartialEq<&str> for Interned {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<String> for Interned {
    fn eq(&self, other: &String) -> bool {
        *self.0 == other.as_str()
    }
}

impl PartialEq<&Interned> for Interned {
    fn eq(&self, other: &&Interned) -> bool {
        self == *other
    }
}

impl PartialEq<Interned> for str {
    fn eq(&self, other: &Interned) -> bool {
        self == *other.0
    }
}

impl PartialEq<Interned> for String {
    fn eq(&self, other: &Interned) -> bool {
        self.as_str() == *other.0
    }
}

impl From<Interned> for String {
    fn from(text: Interned) -> String {
        text.0.to_string()
    }
}

impl PartialEq<Interned> for &str {
    fn eq(&self, other: &Interned) -> bool {
        *self == *other.0
    }
}

impl PartialOrd for Interned {
    fn partial_cmp(&self, other: &Interned) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Interned {
    fn cmp(&self, other: &Interned) -> std::cmp::Ordering {
        self.0.cmp(other.0)
    }
}

/// As its text, so that maps keyed by it are looked up by a `&str`.
impl Hash for Interned {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

impl fmt::Display for Interned {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.0, f)
    }
}

impl fmt::Debug for Interned {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

impl From<&str> for Interned {
    fn from(text: &str) -> Interned {
        Interned::new(text)
    }
}

impl From<&String> for Interned {
    fn from(text: &String) -> Interned {
        Interned::new(text)
    }
}

impl From<String> for Interned {
    fn from(text: String) -> Interned {
        Interned::new(&text)
    }
}

impl Serialize for Interned {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for Interned {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Interned, D::Error> {
        struct Text;

        impl Visitor<'_> for Text {
            type Value = Interned;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Interned, E> {
                Ok(Interned::new(text))
            }

            fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<Interned, E> {
                let text =
                    std::str::from_utf8(bytes).map_err(|_| E::invalid_value(de::Unexpected::Bytes(bytes), &self))?;
                Ok(Interned::new(text))
            }
        }

        deserializer.deserialize_str(Text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_one_pointer_and_the_same_for_the_same_text_on_every_thread() {
        assert_eq!(size_of::<Interned>(), size_of::<usize>());
        let here = Interned::new("knowledge");
        let there = std::thread::spawn(|| Interned::new(&String::from("knowledge"))).join().unwrap();
        assert!(std::ptr::eq(here.0, there.0));
        assert_eq!(here, there);
        assert_ne!(here, Interned::new("leadership"));
    }

    #[test]
    fn a_thread_remembers_few_texts_and_finds_the_rest_in_the_table() {
        // A city's people: more than a thread remembers.
        let ids: Vec<String> = (0..ASKED_AT_MOST * 4).map(|n| format!("interned-person-{n}")).collect();
        let here: Vec<Interned> = ids.iter().map(|id| Interned::new(id)).collect();
        let (there, remembered) = std::thread::spawn(move || {
            let there: Vec<Interned> = ids.iter().map(|id| Interned::new(id)).collect();
            (there, ASKED.with_borrow(|asked| asked.len()))
        })
        .join()
        .unwrap();
        assert!(remembered <= ASKED_AT_MOST, "{remembered} remembered");
        assert!(here.iter().zip(&there).all(|(a, b)| std::ptr::eq(a.0, b.0)), "the same pointers on both threads");
        assert_eq!(Interned::new("interned-person-999").as_str(), "interned-person-999");
    }

    #[test]
    fn reads_compares_orders_and_hashes_as_its_text() {
        let (a, b) = (Interned::new("abc"), Interned::new("abd"));
        let owned = String::from("abc");
        assert!(a < b && a == "abc" && "abd" == b && a == owned);
        assert!(owned == a && *"abc" == a, "either way round");
        assert_eq!(String::from(a), owned);
        assert_eq!((format!("{a}"), format!("{a:?}")), ("abc".to_owned(), "\"abc\"".to_owned()));
        let by_text: HashMap<Interned, u32> = HashMap::from_iter([(a, 1), (b, 2)]);
        assert_eq!(by_text.get("abd"), Some(&2));
        let build = foldhash::fast::RandomState::default();
        assert_eq!(std::hash::BuildHasher::hash_one(&build, a), std::hash::BuildHasher::hash_one(&build, "abc"));
    }

    #[test]
    fn is_written_and_read_as_its_text_by_toml_and_the_cache_form() {
        #[derive(Debug, PartialEq, Serialize, Deserialize)]
        struct Row {
            ability: Interned,
        }
        let row: Row = toml::from_str("ability = \"能力\"\n").unwrap();
        assert_eq!(row.ability, "能力");
        assert_eq!(toml::to_string(&row).unwrap(), "ability = \"能力\"\n");
        let bytes = rmp_serde::to_vec_named(&row).unwrap();
        assert_eq!(
            bytes,
            rmp_serde::to_vec_named(&toml::Table::from_iter([("ability".into(), "能力".into())])).unwrap()
        );
        assert_eq!(rmp_serde::from_slice::<Row>(&bytes).unwrap(), row);
        assert!(toml::from_str::<Row>("ability = 3\n").is_err());
    }
}
