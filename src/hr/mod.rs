//! HR's side of the data set (人事部門): the export records and their TOML and CSV
//! forms, rebuilding a data set from an export, the roster diff for `org.toml`, and new
//! cycles with last cycle's open action items carried over.
//!
//! Pure, like `model`: the commands in `cli` read the files through `store`, call
//! these functions and write what they return through `store` again.

pub mod ability_table;
pub mod csv_rows;
pub mod cycle;
pub mod engagement;
pub mod export;
pub mod import;
pub mod roster;
pub mod table;
pub mod validity;

use std::cmp::Ordering;

/// Decimals kept for computed numbers (progress, shares, contributions), so that
/// the same data always gives the same bytes.
pub const DECIMALS: i32 = 4;

/// Rounds a computed number to [`DECIMALS`] places; never gives `-0` or a non-finite value.
pub fn round(value: f64) -> f64 {
    if !value.is_finite() {
        return 0.0;
    }
    let factor = 10f64.powi(DECIMALS);
    let rounded = (value * factor).round() / factor;
    if rounded == 0.0 { 0.0 } else { rounded }
}

/// Orders ids the way people read them: runs of digits compare as numbers, so
/// `P1-2026-2` comes before `P1-2026-10`. Ties (e.g. `01` and `1`) fall back to the
/// plain string order, so the order is total.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut left, mut right) = (a, b);
    loop {
        match (left.chars().next(), right.chars().next()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let (x_run, x_rest) = split_digits(left);
                let (y_run, y_rest) = split_digits(right);
                let (x_num, y_num) = (x_run.trim_start_matches('0'), y_run.trim_start_matches('0'));
                let order = x_num.len().cmp(&y_num.len()).then_with(|| x_num.cmp(y_num));
                if order != Ordering::Equal {
                    return order;
                }
                (left, right) = (x_rest, y_rest);
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(&y);
                }
                (left, right) = (&left[x.len_utf8()..], &right[y.len_utf8()..]);
            }
        }
    }
}

fn split_digits(text: &str) -> (&str, &str) {
    let end = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    text.split_at(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_is_fixed_and_never_negative_zero() {
        assert_eq!(round(37.5), 37.5);
        assert_eq!(round(100.0 / 3.0), 33.3333);
        assert_eq!(round(-0.00001).to_string(), "0");
        assert_eq!(round(f64::NAN), 0.0);
    }

    #[test]
    fn ids_sort_naturally() {
        let mut ids = vec!["P0001-2026-10", "P0001-2026-2", "P0001-2026-1", "A", "P0001-2026-02"];
        ids.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(ids, ["A", "P0001-2026-1", "P0001-2026-02", "P0001-2026-2", "P0001-2026-10"]);
        assert_eq!(natural_cmp("人事課", "人事課"), Ordering::Equal);
        assert_eq!(natural_cmp("x9", "x10"), Ordering::Less);
    }
}
