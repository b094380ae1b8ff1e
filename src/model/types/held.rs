//! A part of a record that a long session may leave on disk until it is shown.
//!
//! HR's session holds every sheet of the city, yet draws the texts of one sheet at a
//! time; at 20,000 people those texts are most of the memory. The app therefore
//! leaves them on disk ([`Held::Away`]) and reads a person's files whole when their
//! sheet is shown. The type makes every reader say what it does with a part that
//! is away, and a record with a part away cannot be written: serialising it fails,
//! so a file held in part can never be saved over the whole one.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::GoalsFile;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Held<T> {
    Here(T),
    /// Left on disk; the file holds it.
    Away,
}

/// What a reader of a part left on disk is told.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("a part of the record was left on disk")]
pub struct Away;

impl<T> Held<T> {
    pub fn get(&self) -> Result<&T, Away> {
        match self {
            Held::Here(value) => Ok(value),
            Held::Away => Err(Away),
        }
    }

    /// Lets the part go: the file on disk still holds it.
    pub fn leave_on_disk(&mut self) {
        *self = Held::Away;
    }
}

impl Held<String> {
    /// Whether the text is here and empty: what a record leaves out when written.
    /// A text away is not empty, so that writing it fails rather than drop it.
    pub fn is_empty_text(&self) -> bool {
        matches!(self, Held::Here(text) if text.is_empty())
    }
}

/// An empty text, here: what a record without the key reads as.
impl Default for Held<String> {
    fn default() -> Self {
        Held::Here(String::new())
    }
}

impl From<String> for Held<String> {
    fn from(text: String) -> Self {
        Held::Here(text)
    }
}

impl From<&str> for Held<String> {
    fn from(text: &str) -> Self {
        Held::Here(text.to_owned())
    }
}

impl GoalsFile {
    /// Leaves on disk what only an open sheet shows: the Do log's texts, the
    /// self-checks' and the self-ratings' comments. Answers whether it left any.
    pub fn leave_texts_on_disk(&mut self) -> bool {
        let goals = self.goals.iter_mut().flat_map(|goal| {
            let log = goal.log.iter_mut().map(|entry| &mut entry.text);
            log.chain(goal.check.as_mut().map(|check| &mut check.comment))
        });
        let ratings = self.competencies.iter_mut().map(|rating| &mut rating.comment);
        let mut left = false;
        for text in goals.chain(ratings) {
            text.leave_on_disk();
            left = true;
        }
        left
    }

    /// Whether any of its texts was left on disk.
    pub fn holds_texts_on_disk(&self) -> bool {
        let goals = self.goals.iter().flat_map(|goal| {
            let log = goal.log.iter().map(|entry| &entry.text);
            log.chain(goal.check.as_ref().map(|check| &check.comment))
        });
        let ratings = self.competencies.iter().map(|rating| &rating.comment);
        goals.chain(ratings).any(|text| text.get().is_err())
    }
}

/// Written as the value it holds; a part away cannot be written.
impl<T: Serialize> Serialize for Held<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Held::Here(value) => value.serialize(serializer),
            Held::Away => Err(serde::ser::Error::custom(Away)),
        }
    }
}

/// Read as the value: whatever is read is here.
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Held<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Held::Here)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Entry {
        day: u32,
        text: Held<String>,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Plain {
        day: u32,
        text: String,
    }

    #[test]
    fn costs_no_more_than_the_text() {
        assert_eq!(size_of::<Held<String>>(), size_of::<String>());
    }

    #[test]
    fn a_part_here_reads_and_writes_as_the_plain_value() {
        let text = "day = 3\ntext = \"\"\"\n窓口の\n待ち時間 \"計測\"\"\"\"\n";
        let held: Entry = toml::from_str(text).unwrap();
        let plain: Plain = toml::from_str(text).unwrap();
        assert_eq!(held.text.get().unwrap(), &plain.text);
        assert_eq!(toml::to_string(&held).unwrap(), toml::to_string(&plain).unwrap());
        assert_eq!(rmp_serde::to_vec(&held).unwrap(), rmp_serde::to_vec(&plain).unwrap());
        let back: Entry = rmp_serde::from_slice(&rmp_serde::to_vec(&held).unwrap()).unwrap();
        assert_eq!(back, held);
    }

    #[test]
    fn a_part_away_cannot_be_read_or_written() {
        let mut entry = Entry { day: 3, text: "計測".into() };
        entry.text.leave_on_disk();
        assert_eq!(entry.text.get(), Err(Away));
        assert!(toml::to_string(&entry).is_err());
        assert!(rmp_serde::to_vec(&entry).is_err());
        assert_ne!(entry, Entry { day: 3, text: "計測".into() });
    }
}
