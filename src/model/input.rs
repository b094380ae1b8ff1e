//! Reading what people type: Japanese input methods produce full-width digits and
//! punctuation, and dates come as 2027年3月31日 as often as 2027-03-31. One place
//! folds them, for every form field and every key.

use super::date::Date;
use super::era::Era;

/// The ASCII character a full-width one stands for: full-width ASCII
/// (U+FF01..U+FF5E) and the ideographic space; anything else is kept.
pub fn fold_full_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// `text` with full-width characters folded to ASCII.
pub fn fold_text(text: &str) -> String {
    text.chars().map(fold_full_width).collect()
}

/// Text that was to be a number and is not one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not a number")]
pub struct NotANumber;

/// A whole number typed with or without a trailing percent sign (`40`, `４０％`);
/// `Ok(None)` for blank text.
pub fn parse_whole(text: &str) -> Result<Option<u32>, NotANumber> {
    parse_figure(text)
}

/// A finite number typed with or without a trailing percent sign (`1.5`, `６０％`);
/// `Ok(None)` for blank text.
pub fn parse_number(text: &str) -> Result<Option<f64>, NotANumber> {
    match parse_figure::<f64>(text)? {
        Some(value) if !value.is_finite() => Err(NotANumber),
        value => Ok(value),
    }
}

/// The one reading of every numeric field: full-width digits, sign, point and
/// percent sign folded, blanks around it and a trailing percent sign dropped.
pub fn parse_figure<T: std::str::FromStr>(text: &str) -> Result<Option<T>, NotANumber> {
    let folded = fold_text(text);
    let digits = folded.trim().trim_end_matches('%').trim();
    if digits.is_empty() { Ok(None) } else { digits.parse().map(Some).map_err(|_| NotANumber) }
}

/// Reads a date written as 2026-04-01, 2026/4/1, 2026.4.1 or 2026年4月1日, or in an
/// era year as 令和9年3月31日, R9.3.31, R9/3/31 or 令9.3.31 (元年 for year 1, 平成 and
/// 昭和 for older days); full-width digits too.
pub fn parse_date(text: &str) -> Option<Date> {
    let folded = fold_text(text.trim());
    let (era, rest) = match Era::strip_prefix(&folded) {
        Some((era, rest)) => (Some(era), rest),
        None => (None, folded.as_str()),
    };
    let ascii: String = rest
        .replacen('元', "1", 1)
        .chars()
        .map(|c| match c {
            '年' | '月' | '/' | '.' | '－' => '-',
            '日' => ' ',
            c => c,
        })
        .collect();
    let mut parts = ascii.trim().split('-').map(|p| p.trim().parse::<u32>().ok());
    let (year, month, day) = (parts.next()??, parts.next()??, parts.next()??);
    if parts.next().is_some() {
        return None;
    }
    match era {
        Some(era) => era.day(year, month, day),
        None => Date::from_ymd(i32::try_from(year).ok()?, month, day),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_in_japanese_and_western_forms() {
        let day = Date::from_ymd(2026, 4, 1).unwrap();
        for text in ["2026-04-01", "2026/4/1", "2026年4月1日", "２０２６年４月１日", " 2026-4-1 ", "２０２６／４／１"]
        {
            assert_eq!(parse_date(text), Some(day), "{text}");
        }
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_date("来週"), None);
    }

    #[test]
    fn dates_are_read_in_era_years() {
        // 令和元年 is 2019, so 令和9年 is 2027.
        let day = Date::from_ymd(2027, 3, 31).unwrap();
        for text in [
            "令和9年3月31日",
            "R9.3.31",
            "R9/3/31",
            "令9.3.31",
            "r9-3-31",
            "Ｒ９．３．３１",
            "令和９年３月３１日",
            "2027.3.31",
        ] {
            assert_eq!(parse_date(text), Some(day), "{text}");
        }
        assert_eq!(parse_date("令和元年5月1日"), Date::from_ymd(2019, 5, 1));
        // 平成元年 is 1989: 平成30年 is 2018, 平成8年 is 1996.
        assert_eq!(parse_date("平成30年3月31日"), Date::from_ymd(2018, 3, 31));
        assert_eq!(parse_date("H8.4.1"), Date::from_ymd(1996, 4, 1));
        assert_eq!(parse_date("平8/4/1"), Date::from_ymd(1996, 4, 1));
        assert_eq!(parse_date("令和元年4月1日"), None, "令和 began on 1 May 2019");
        assert_eq!(parse_date("R9.2.30"), None);
        assert_eq!(parse_date("X9.3.31"), None);
    }

    #[test]
    fn numbers_fold_full_width_digits_and_percent_signs() {
        assert_eq!(parse_whole("４０％"), Ok(Some(40)));
        assert_eq!(parse_whole(" 40% "), Ok(Some(40)));
        assert_eq!(parse_whole(""), Ok(None));
        assert_eq!(parse_whole("四十"), Err(NotANumber));
        assert_eq!(parse_number("６０．５"), Ok(Some(60.5)));
        assert_eq!(parse_number("NaN"), Err(NotANumber));
        assert_eq!(parse_number("inf"), Err(NotANumber));
        assert_eq!(parse_number("－１２．５"), Ok(Some(-12.5)));
        assert_eq!(parse_figure::<u8>("　２５５　"), Ok(Some(255)));
    }
}
