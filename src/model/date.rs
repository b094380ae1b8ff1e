//! Calendar dates and timestamps that are written as native TOML dates
//! (`due = 2026-03-31`) rather than quoted strings, and read from either.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A calendar day (no time, no zone).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

/// A moment with its UTC offset, for "who did what when" records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub DateTime<FixedOffset>);

impl Date {
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, day).map(Date)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.to_rfc3339())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = self.to_string();
        match text.parse::<toml::value::Datetime>() {
            Ok(datetime) => datetime.serialize(serializer),
            Err(_) => serializer.serialize_str(&text),
        }
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = self.0.to_rfc3339();
        match text.parse::<toml::value::Datetime>() {
            Ok(datetime) => datetime.serialize(serializer),
            Err(_) => serializer.serialize_str(&text),
        }
    }
}

/// Accepts a TOML date/datetime or a string; `parse` turns its text into the value.
struct TextualVisitor<T> {
    expecting: &'static str,
    parse: fn(&str) -> Option<T>,
}

impl<'de, T> Visitor<'de> for TextualVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        (self.parse)(value.trim()).ok_or_else(|| E::custom(format!("`{value}` is not {}", self.expecting)))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        // toml hands native dates to serde as a one-entry map; let its own type decode it.
        let datetime = toml::value::Datetime::deserialize(de::value::MapAccessDeserializer::new(map))?;
        self.visit_str(&datetime.to_string())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TextualVisitor {
            expecting: "a date such as 2025-04-01",
            parse: |text| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().map(Date),
        })
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TextualVisitor {
            expecting: "a date and time with offset such as 2025-04-01T09:00:00+09:00",
            parse: |text| DateTime::parse_from_rfc3339(&text.replacen(' ', "T", 1)).ok().map(Timestamp),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Holder {
        day: Date,
        at: Timestamp,
    }

    #[test]
    fn dates_are_native_toml_and_round_trip() {
        let text = "day = 2025-04-01\nat = 2025-04-01T09:30:00+09:00\n";
        let holder: Holder = toml::from_str(text).unwrap();
        assert_eq!(holder.day, Date::from_ymd(2025, 4, 1).unwrap());
        let written = toml::to_string(&holder).unwrap();
        assert_eq!(written, text);
    }

    #[test]
    fn quoted_dates_are_accepted() {
        let holder: Holder = toml::from_str("day = \"2025-04-01\"\nat = \"2025-04-01T09:30:00+09:00\"\n").unwrap();
        assert_eq!(holder.day.to_string(), "2025-04-01");
    }

    #[test]
    fn bad_dates_are_refused_with_a_reason() {
        let error = toml::from_str::<Holder>("day = \"2025-13-01\"\nat = 2025-04-01T09:30:00+09:00\n").unwrap_err();
        assert!(error.to_string().contains("is not a date"), "{error}");
    }
}
