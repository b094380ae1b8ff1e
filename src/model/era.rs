//! Japanese era years (和暦): 令和9年 is 2027. Offices write dates as 令和9年3月31日,
//! R9.3.31 or 令9.3.31 as often as in Western years; this reads and writes them.

use chrono::Datelike;

use super::date::Date;

/// An era of the Japanese calendar since the Western calendar was adopted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Era {
    /// 令和
    pub name: &'static str,
    /// The first character, as in 令9.3.31.
    pub short: char,
    /// The Latin initial, as in R9.3.31.
    pub initial: char,
    /// The era's first day (year, month, day).
    pub first_day: (i32, u32, u32),
}

/// The eras, newest first.
pub const ERAS: [Era; 4] = [
    Era { name: "令和", short: '令', initial: 'R', first_day: (2019, 5, 1) },
    Era { name: "平成", short: '平', initial: 'H', first_day: (1989, 1, 8) },
    Era { name: "昭和", short: '昭', initial: 'S', first_day: (1926, 12, 25) },
    Era { name: "大正", short: '大', initial: 'T', first_day: (1912, 7, 30) },
];

impl Era {
    fn starts(&self) -> Date {
        let (year, month, day) = self.first_day;
        Date::from_ymd(year, month, day).expect("era start dates are real days")
    }

    /// The day `year`/`month`/`day` of this era (year 1 is 元年), when the era held it.
    pub fn day(&self, year: u32, month: u32, day: u32) -> Option<Date> {
        let western = self.first_day.0.checked_add(i32::try_from(year).ok()?.checked_sub(1)?)?;
        let date = Date::from_ymd(western, month, day)?;
        let next = ERAS.iter().rev().find(|era| era.starts() > self.starts());
        let held = date >= self.starts() && next.is_none_or(|next| date < next.starts());
        held.then_some(date)
    }

    /// The era a text begins with (令和, 令, R or r), and the rest of the text.
    pub fn strip_prefix(text: &str) -> Option<(Era, &str)> {
        ERAS.iter().find_map(|era| {
            let rest = text
                .strip_prefix(era.name)
                .or_else(|| text.strip_prefix(era.short))
                .or_else(|| text.strip_prefix(era.initial))
                .or_else(|| text.strip_prefix(era.initial.to_ascii_lowercase()))?;
            Some((*era, rest))
        })
    }
}

/// The era a day belongs to and its year in that era (1 for 元年); `None` before 大正.
pub fn era_year(date: Date) -> Option<(Era, u32)> {
    let era = ERAS.iter().find(|era| date >= era.starts())?;
    Some((*era, u32::try_from(date.0.year() - era.first_day.0 + 1).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::tests::day;

    #[test]
    fn an_era_year_counts_from_its_first_year_as_one() {
        // 令和元年 is 2019, so 令和9年 is 2019 + 8 = 2027.
        assert_eq!(ERAS[0].day(9, 3, 31), Some(day(2027, 3, 31)));
        assert_eq!(ERAS[0].day(1, 5, 1), Some(day(2019, 5, 1)));
        // 平成元年 is 1989: 平成31年 is 2019, the last year before 令和.
        assert_eq!(ERAS[1].day(31, 4, 30), Some(day(2019, 4, 30)));
        assert_eq!(ERAS[1].day(8, 3, 31), Some(day(1996, 3, 31)));
    }

    #[test]
    fn a_day_outside_its_era_is_no_day() {
        assert_eq!(ERAS[0].day(1, 4, 30), None, "令和 began on 1 May 2019");
        assert_eq!(ERAS[1].day(31, 5, 1), None, "that day was 令和元年");
        assert_eq!(ERAS[1].day(1, 1, 7), None, "平成 began on 8 January 1989");
        assert_eq!(ERAS[0].day(0, 4, 1), None);
    }

    #[test]
    fn a_day_is_written_in_its_era() {
        assert_eq!(era_year(day(2027, 3, 31)).map(|(era, year)| (era.name, year)), Some(("令和", 9)));
        assert_eq!(era_year(day(2019, 4, 30)).map(|(era, year)| (era.name, year)), Some(("平成", 31)));
        assert_eq!(era_year(day(2019, 5, 1)).map(|(era, year)| (era.name, year)), Some(("令和", 1)));
        assert_eq!(era_year(day(1900, 1, 1)), None);
    }
}
