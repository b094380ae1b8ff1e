//! Dates as the user reads them.

use std::sync::atomic::{AtomicU8, Ordering};

use chrono::Datelike;

use super::Lang;
use crate::model::Date;
use crate::model::era::era_year;

/// How dates are written on screen and in `pdca show` (config `date_style`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum DateStyle {
    /// The language's: 2027年3月31日 in Japanese, 2027-03-31 in English.
    #[default]
    Language,
    /// Era years: 令和9年3月31日 in Japanese, R9.3.31 in English.
    Wareki,
    /// 2027-03-31 in both languages.
    Iso,
}

impl DateStyle {
    /// The names the config file uses.
    pub const NAMES: [&str; 2] = ["wareki", "iso"];

    pub fn from_name(name: &str) -> Option<DateStyle> {
        match name.trim().to_ascii_lowercase().as_str() {
            "wareki" => Some(DateStyle::Wareki),
            "iso" => Some(DateStyle::Iso),
            _ => None,
        }
    }
}

// The style is a display preference of the whole run, set once from the config
// before anything is drawn, like the language of the process; every date on
// screen reads it rather than each caller carrying it.
static STYLE: AtomicU8 = AtomicU8::new(0);

/// Sets how [`date`] writes dates for the rest of this run.
pub fn set_date_style(style: DateStyle) {
    STYLE.store(style as u8, Ordering::Relaxed);
}

fn current_style() -> DateStyle {
    match STYLE.load(Ordering::Relaxed) {
        1 => DateStyle::Wareki,
        2 => DateStyle::Iso,
        _ => DateStyle::Language,
    }
}

/// A date in the user's language and the run's [`DateStyle`].
pub fn date(date: Date, lang: Lang) -> String {
    date_in(date, lang, current_style())
}

/// The columns a date column needs: the widest date of the run's style, a
/// two-digit era year and month (令和10年12月31日 is 16 cells, 2028-12-31 is 10).
pub fn date_width(lang: Lang) -> usize {
    let widest = Date::from_ymd(2028, 12, 31).expect("a real day");
    unicode_width::UnicodeWidthStr::width(date(widest, lang).as_str())
}

/// A date in a language and style.
pub fn date_in(date: Date, lang: Lang, style: DateStyle) -> String {
    let (year, month, day) = (date.0.year(), date.0.month(), date.0.day());
    match (style, lang, era_year(date)) {
        (DateStyle::Wareki, Lang::Ja, Some((era, 1))) => format!("{}元年{month}月{day}日", era.name),
        (DateStyle::Wareki, Lang::Ja, Some((era, era_year))) => format!("{}{era_year}年{month}月{day}日", era.name),
        (DateStyle::Wareki, Lang::En, Some((era, era_year))) => format!("{}{era_year}.{month}.{day}", era.initial),
        (DateStyle::Language, Lang::Ja, _) => format!("{year}年{month}月{day}日"),
        _ => date.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::input::parse_date;

    #[test]
    fn dates_are_written_in_each_language() {
        let day = Date::from_ymd(2026, 4, 1).unwrap();
        assert_eq!(date_in(day, Lang::Ja, DateStyle::Language), "2026年4月1日");
        assert_eq!(date_in(day, Lang::En, DateStyle::Language), "2026-04-01");
    }

    #[test]
    fn dates_are_written_in_era_years_or_iso_as_configured() {
        // 令和元年 is 2019: 2027 is 令和9年, 2019-05-01 its first day.
        let day = Date::from_ymd(2027, 3, 31).unwrap();
        assert_eq!(date_in(day, Lang::Ja, DateStyle::Wareki), "令和9年3月31日");
        assert_eq!(date_in(day, Lang::En, DateStyle::Wareki), "R9.3.31");
        assert_eq!(date_in(day, Lang::Ja, DateStyle::Iso), "2027-03-31");
        let first = Date::from_ymd(2019, 5, 1).unwrap();
        assert_eq!(date_in(first, Lang::Ja, DateStyle::Wareki), "令和元年5月1日");
        assert_eq!(date_in(Date::from_ymd(2019, 4, 30).unwrap(), Lang::Ja, DateStyle::Wareki), "平成31年4月30日");
        // Before any era it has a name for, the Western date.
        assert_eq!(date_in(Date::from_ymd(1900, 1, 1).unwrap(), Lang::Ja, DateStyle::Wareki), "1900-01-01");
    }

    #[test]
    fn what_is_written_is_read_back() {
        let day = Date::from_ymd(2019, 5, 1).unwrap();
        for style in [DateStyle::Language, DateStyle::Wareki, DateStyle::Iso] {
            for lang in [Lang::Ja, Lang::En] {
                assert_eq!(parse_date(&date_in(day, lang, style)), Some(day), "{style:?} {lang:?}");
            }
        }
    }
}
