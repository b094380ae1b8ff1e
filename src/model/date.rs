//! Calendar dates and timestamps that are written as native TOML dates
//! (`due = 2026-03-31`) rather than quoted strings, and read from either.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
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

/// The struct a TOML datetime is written as, its text in the one field
/// [`DATETIME_KEY`]: `toml_datetime`'s own name, which it does not export (its
/// `ser::is_datetime` knows it, and a test checks it).
const DATETIME: &str = "$__toml_private_Datetime";

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // A TOML date written as `toml_datetime` writes one, its text put together
        // here: printing it through `fmt` was a tenth of an export's instructions.
        // What TOML cannot hold takes the textual path.
        if let Some(date) = toml_date(self.0) {
            return serialize_datetime(serializer, &date_text(date));
        }
        let text = self.to_string();
        match text.parse::<toml::value::Datetime>() {
            Ok(datetime) => datetime.serialize(serializer),
            Err(_) => serializer.serialize_str(&text),
        }
    }
}

/// A TOML datetime of `text` (ASCII), written as `toml_datetime` writes one.
fn serialize_datetime<S: Serializer>(serializer: S, text: &[u8]) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeStruct;
    let mut datetime = serializer.serialize_struct(DATETIME, 1)?;
    datetime.serialize_field(DATETIME_KEY, std::str::from_utf8(text).expect("ASCII digits"))?;
    datetime.end()
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Its text put together here, as a date's is: `toml_datetime` prints it
        // through `fmt`, a fiftieth of an export's instructions at full fill.
        if let Some((date, time, offset)) = toml_timestamp(&self.0) {
            return serialize_datetime(serializer, &timestamp_text(date, time, offset));
        }
        let text = self.0.to_rfc3339();
        match text.parse::<toml::value::Datetime>() {
            Ok(datetime) => datetime.serialize(serializer),
            Err(_) => serializer.serialize_str(&text),
        }
    }
}

/// A calendar day as a TOML date, for the years TOML can write (0000–9999).
fn toml_date(day: NaiveDate) -> Option<toml::value::Date> {
    use chrono::Datelike;
    let year = u16::try_from(day.year()).ok().filter(|year| *year <= 9999)?;
    Some(toml::value::Date { year, month: day.month() as u8, day: day.day() as u8 })
}

/// `YYYY-MM-DD`, as `toml_datetime` prints a date.
fn date_text(date: toml::value::Date) -> [u8; 10] {
    let digit = |value: u16, place: u16| b'0' + (value / place % 10) as u8;
    let (year, month, day) = (date.year, u16::from(date.month), u16::from(date.day));
    [
        digit(year, 1000),
        digit(year, 100),
        digit(year, 10),
        digit(year, 1),
        b'-',
        digit(month, 10),
        digit(month, 1),
        b'-',
        digit(day, 10),
        digit(day, 1),
    ]
}

/// `YYYY-MM-DDTHH:MM:SS±HH:MM`, as `toml_datetime` prints an offset date-time of
/// whole seconds ([`toml_timestamp`]'s).
fn timestamp_text(date: toml::value::Date, time: toml::value::Time, minutes: i16) -> [u8; 25] {
    let two = |value: u16| [b'0' + (value / 10 % 10) as u8, b'0' + (value % 10) as u8];
    let mut text = [0; 25];
    text[..10].copy_from_slice(&date_text(date));
    let sign = if minutes < 0 { b'-' } else { b'+' };
    let (hours, minutes) = (minutes.unsigned_abs() / 60, minutes.unsigned_abs() % 60);
    let [h, m, s] = [time.hour, time.minute, time.second.unwrap_or(0)].map(|part| two(u16::from(part)));
    let (oh, om) = (two(hours), two(minutes));
    let rest = [b'T', h[0], h[1], b':', m[0], m[1], b':', s[0], s[1], sign, oh[0], oh[1], b':', om[0], om[1]];
    text[10..].copy_from_slice(&rest);
    text
}

/// A timestamp as a TOML offset date-time (its date, time and offset in minutes),
/// when it is what printing it in RFC 3339 and parsing that would give: whole
/// seconds and an offset of whole minutes.
fn toml_timestamp(at: &DateTime<FixedOffset>) -> Option<(toml::value::Date, toml::value::Time, i16)> {
    use chrono::Timelike;
    let offset = at.offset().local_minus_utc();
    if at.nanosecond() != 0 || offset % 60 != 0 {
        return None;
    }
    let local = at.naive_local();
    let time = toml::value::Time {
        hour: local.hour() as u8,
        minute: local.minute() as u8,
        second: Some(local.second() as u8),
        nanosecond: None,
    };
    Some((toml_date(local.date())?, time, i16::try_from(offset / 60).ok()?))
}

/// Accepts a TOML date/datetime or a string; `parse` turns its text into the value.
/// A TOML date/datetime comes as its text: `plain` reads the common form of it at
/// once, else toml reads it and `native` takes what it read directly where it can
/// (much faster than formatting and parsing it again); otherwise its text goes to `parse`.
struct TextualVisitor<T> {
    expecting: &'static str,
    parse: fn(&str) -> Option<T>,
    plain: fn(&str) -> Option<T>,
    native: fn(&toml::value::Datetime) -> Option<T>,
}

/// A TOML date written `YYYY-MM-DD`, read without toml's parser: every date of a
/// data set (and of the parse cache) is one, and reading them through toml's parser
/// was a twentieth of a load. `None` for any other text, which takes toml's way.
fn plain_date(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes[range].iter().try_fold(0u32, |n, &b| b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0')))
    };
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(0..4)?).ok()?;
    Date::from_ymd(year, digits(5..7)?, digits(8..10)?)
}

/// The key under which toml hands a date or time to serde (its private name,
/// checked by a test against what toml writes).
const DATETIME_KEY: &str = "$__toml_private_datetime";

/// The key of toml's one-entry map of a date or time, refused if it is another.
struct DatetimeKey;

impl<'de> de::DeserializeSeed<'de> for DatetimeKey {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for DatetimeKey {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a valid datetime field")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<(), E> {
        if key == DATETIME_KEY { Ok(()) } else { Err(E::custom("expected field with custom name")) }
    }
}

/// The text of toml's date or time, read into the value.
struct DatetimeText<T>(TextualVisitor<T>);

impl<'de, T> de::DeserializeSeed<'de> for DatetimeText<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<T> Visitor<'_> for DatetimeText<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("string containing a datetime")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        let visitor = self.0;
        if let Some(value) = (visitor.plain)(text) {
            return Ok(value);
        }
        let datetime: toml::value::Datetime = text.parse().map_err(E::custom)?;
        match (visitor.native)(&datetime) {
            Some(value) => Ok(value),
            None => visitor.visit_str(&datetime.to_string()),
        }
    }
}

impl<'de, T> Visitor<'de> for TextualVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        (self.parse)(value.trim()).ok_or_else(|| E::custom(format!("`{value}` is not {}", self.expecting)))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        // toml hands native dates to serde as a one-entry map of their text.
        if map.next_key_seed(DatetimeKey)?.is_none() {
            return Err(de::Error::custom("datetime key not found"));
        }
        map.next_value_seed(DatetimeText(self))
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TextualVisitor {
            expecting: "a date such as 2025-04-01",
            parse: |text| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().map(Date),
            plain: plain_date,
            native: |datetime| match *datetime {
                toml::value::Datetime { date: Some(date), time: None, offset: None } => {
                    NaiveDate::from_ymd_opt(i32::from(date.year), u32::from(date.month), u32::from(date.day)).map(Date)
                }
                _ => None,
            },
        })
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TextualVisitor {
            expecting: "a date and time with offset such as 2025-04-01T09:00:00+09:00",
            parse: |text| DateTime::parse_from_rfc3339(&text.replacen(' ', "T", 1)).ok().map(Timestamp),
            plain: |_| None,
            native: native_timestamp,
        })
    }
}

/// An offset date-time of TOML as a timestamp; `None` for anything else (local
/// times, leap seconds), which then takes the textual path.
fn native_timestamp(datetime: &toml::value::Datetime) -> Option<Timestamp> {
    use toml::value::Offset;
    let (Some(date), Some(time), Some(offset)) = (datetime.date, datetime.time, datetime.offset) else {
        return None;
    };
    let seconds = match offset {
        Offset::Z => 0,
        Offset::Custom { minutes } => i32::from(minutes) * 60,
    };
    let day = NaiveDate::from_ymd_opt(i32::from(date.year), u32::from(date.month), u32::from(date.day))?;
    let moment = day.and_hms_nano_opt(
        u32::from(time.hour),
        u32::from(time.minute),
        u32::from(time.second.unwrap_or(0)),
        time.nanosecond.unwrap_or(0),
    )?;
    let at = FixedOffset::east_opt(seconds)?.from_local_datetime(&moment).single()?;
    Some(Timestamp(at))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A date is written as `toml` writes its TOML date, in every file and cache: the
    /// same text through the same names, every year TOML can hold.
    #[test]
    fn a_date_is_written_as_toml_writes_its_date() {
        #[derive(Serialize)]
        struct Day<T> {
            day: T,
        }
        assert!(toml_datetime::ser::is_datetime(DATETIME));
        let days = [(1, 1, 1), (9, 2, 3), (99, 10, 31), (999, 12, 9), (2026, 6, 1), (9999, 12, 31)];
        for (year, month, date) in days {
            let ours = day(year, month, date);
            let theirs = toml::value::Datetime { date: toml_date(ours.0), time: None, offset: None };
            let text = toml::to_string(&Day { day: ours }).unwrap();
            assert_eq!(text, toml::to_string(&Day { day: theirs }).unwrap());
            assert_eq!(rmp_serde::to_vec_named(&ours).unwrap(), rmp_serde::to_vec_named(&theirs).unwrap());
            assert_eq!(toml::from_str::<Holder>(&format!("{text}at = 2026-06-01T09:00:00+09:00")).unwrap().day, ours);
        }
    }

    /// A timestamp is written as `toml` writes its offset date-time, through the same
    /// names: every hour, minutes and seconds at their ends, offsets either side of
    /// UTC, years from 1 to 9999.
    #[test]
    fn a_timestamp_is_written_as_toml_writes_its_datetime() {
        #[derive(Serialize)]
        struct At<T> {
            at: T,
        }
        let offsets = [-12 * 3600, -9 * 3600 - 30 * 60, -60, 0, 60, 5 * 3600 + 45 * 60, 9 * 3600, 14 * 3600];
        for (year, hour, minute, second) in [(1, 0, 0, 0), (99, 9, 5, 7), (2026, 23, 59, 59), (9999, 12, 30, 1)] {
            for offset in offsets {
                let zone = FixedOffset::east_opt(offset).unwrap();
                let moment = day(year, 6, 1).0.and_hms_opt(hour, minute, second).unwrap();
                let ours = Timestamp(zone.from_local_datetime(&moment).single().unwrap());
                let (date, time, minutes) = toml_timestamp(&ours.0).unwrap();
                let offset = toml::value::Offset::Custom { minutes };
                let theirs = toml::value::Datetime { date: Some(date), time: Some(time), offset: Some(offset) };
                assert_eq!(toml::to_string(&At { at: ours }).unwrap(), toml::to_string(&At { at: theirs }).unwrap());
                assert_eq!(rmp_serde::to_vec_named(&ours).unwrap(), rmp_serde::to_vec_named(&theirs).unwrap());
            }
        }
    }

    /// A date known to be valid, for tests.
    pub(crate) fn day(year: i32, month: u32, day: u32) -> Date {
        Date::from_ymd(year, month, day).unwrap()
    }

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
    fn the_datetime_key_is_the_one_toml_writes() {
        let written = rmp_serde::to_vec_named(&"2026-04-01".parse::<toml::value::Datetime>().unwrap()).unwrap();
        assert!(written.windows(DATETIME_KEY.len()).any(|w| w == DATETIME_KEY.as_bytes()));
    }

    #[test]
    fn a_plain_date_reads_as_toml_reads_it_and_any_other_text_takes_its_way() {
        // Through toml (its parser, then `native`), in TOML and in the parse cache's form.
        let through_toml = |text: &str| {
            let datetime: toml::value::Datetime = text.parse().ok()?;
            let date = datetime.date.filter(|_| datetime.time.is_none() && datetime.offset.is_none())?;
            Date::from_ymd(i32::from(date.year), u32::from(date.month), u32::from(date.day))
        };
        for text in ["2026-04-01", "2024-02-29", "2025-02-29", "2026-13-01", "2026-00-10", "0000-01-01", "9999-12-31"] {
            assert_eq!(plain_date(text), through_toml(text), "{text}");
        }
        for text in ["2026-4-01", "2026-04-01T00:00:00", "２０２６-04-01", "2026/04/01", "+026-04-01", ""] {
            assert_eq!(plain_date(text), None, "{text}");
        }
        for text in [
            "day = 2025-02-29\nat = 2025-04-01T09:30:00Z\n",
            "day = { x = \"2025-04-01\" }\nat = 2025-04-01T09:30:00Z\n",
        ] {
            assert!(toml::from_str::<Holder>(text).is_err(), "{text}");
        }
        let holder = Holder { day: day(2026, 11, 30), at: Timestamp("2026-11-30T09:00:00+09:00".parse().unwrap()) };
        let cached = rmp_serde::to_vec_named(&holder).unwrap();
        assert_eq!(rmp_serde::from_slice::<Holder>(&cached).unwrap(), holder);
    }

    #[test]
    fn native_dates_read_as_their_text_would() {
        for (day, at) in [
            ("2024-02-29", "2025-04-01T09:30:00Z"),
            ("2025-12-31", "2025-04-01T09:30:00.123456789-03:30"),
            ("0001-01-01", "2025-04-01 23:59:59+14:00"),
            ("2026-11-20", "2026-11-20T10:00:00.5+09:00"),
        ] {
            let native: Holder = toml::from_str(&format!("day = {day}\nat = {at}\n")).unwrap();
            let quoted: Holder = toml::from_str(&format!("day = \"{day}\"\nat = \"{at}\"\n")).unwrap();
            assert_eq!(native, quoted, "{day} {at}");
        }
        // Not a plain date, or not an offset date-time: refused as before.
        assert!(toml::from_str::<Holder>("day = 2025-04-01T09:00:00\nat = 2025-04-01T09:30:00Z\n").is_err());
        assert!(toml::from_str::<Holder>("day = 2025-04-01\nat = 2025-04-01T09:30:00\n").is_err());
        assert!(toml::from_str::<Holder>("day = 2025-04-01\nat = 2025-04-01\n").is_err());
    }

    #[test]
    fn dates_are_written_as_printing_and_parsing_them_would() {
        let japan = FixedOffset::east_opt(9 * 3600).unwrap();
        let offsets = [japan, FixedOffset::east_opt(0).unwrap(), FixedOffset::west_opt(3 * 3600 + 30 * 60).unwrap()];
        let days = [(1, 1, 1), (999, 12, 31), (2024, 2, 29), (2026, 11, 20), (9999, 12, 31)];
        for (year, month, day) in days {
            let date = Date::from_ymd(year, month, day).unwrap();
            for offset in offsets {
                for (hour, minute, second, nano) in
                    [(0, 0, 0, 0), (9, 30, 5, 0), (23, 59, 59, 0), (10, 0, 0, 500_000_000)]
                {
                    let at = date.0.and_hms_nano_opt(hour, minute, second, nano).unwrap();
                    let at = Timestamp(offset.from_local_datetime(&at).single().unwrap());
                    let holder = Holder { day: date, at };
                    // What the textual path gives: print, then parse as a TOML date.
                    let day: toml::value::Datetime = date.to_string().parse().unwrap();
                    let time: toml::value::Datetime = at.0.to_rfc3339().parse().unwrap();
                    assert_eq!(toml::to_string(&holder).unwrap(), format!("day = {day}\nat = {time}\n"));
                }
            }
        }
        // Beyond what TOML dates hold, they are written as text.
        let far = Date::from_ymd(10_000, 1, 1).unwrap();
        let at = Timestamp(DateTime::parse_from_rfc3339("2025-04-01T09:30:00+09:00").unwrap());
        assert_eq!(
            toml::to_string(&Holder { day: far, at }).unwrap(),
            "day = \"+10000-01-01\"\nat = 2025-04-01T09:30:00+09:00\n"
        );
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
