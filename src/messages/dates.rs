//! Dates as the user reads them.

use chrono::Datelike;

use super::Lang;
use crate::model::Date;

/// 2026年4月1日 in Japanese, 2026-04-01 in English.
pub fn date(date: Date, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{}年{}月{}日", date.0.year(), date.0.month(), date.0.day()),
        Lang::En => date.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_in_each_language() {
        let day = Date::from_ymd(2026, 4, 1).unwrap();
        assert_eq!(date(day, Lang::Ja), "2026年4月1日");
        assert_eq!(date(day, Lang::En), "2026-04-01");
    }
}
