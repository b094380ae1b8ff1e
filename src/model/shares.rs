//! How a parent is split among the children counted in its roll-up, and what a
//! roll-up of progress may be: the cascade's live roll-up ([`super::cascade`])
//! and the approved one ([`super::approved`]) alike.

/// The one rule by which a parent is split among the children counted in its
/// roll-up (the live one and the approved one alike): each child's share over their
/// total, or equal parts when the shares total 0 (every child at share 0).
pub(super) fn split(shares: &[f64]) -> Vec<f64> {
    let total: f64 = shares.iter().sum();
    shares.iter().map(|&share| part(share, total, shares.len())).collect()
}

/// Σ part·value over `(share, value)` pairs, the parts as [`split`] makes them;
/// without a list of its own, as it is worked out once a goal.
pub(super) fn split_sum(pairs: &[(f64, f64)]) -> f64 {
    let total: f64 = pairs.iter().map(|(share, _)| share).sum();
    pairs.iter().map(|&(share, value)| part(share, total, pairs.len()) * value).sum()
}

/// One share's part of `total` among `count` shares: equal parts when they total 0.
fn part(share: f64, total: f64, count: usize) -> f64 {
    if total > 0.0 { share / total } else { 1.0 / count as f64 }
}

/// A share-weighted mean of progress, which lies within 0–100 although its sum in
/// floating point may be a last bit over: two children at 100 % with shares
/// 8.105525783921077 and 3.3302980027023965 summed to 100.00000000000001.
pub(super) fn within_percent(progress: f64) -> f64 {
    progress.clamp(0.0, 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn a_split_sum_is_the_sum_of_the_split_to_the_bit(pairs in prop::collection::vec((0.0f64..1e6, 0.0f64..=100.0), 0..12), zeros in any::<bool>()) {
            let pairs: Vec<(f64, f64)> = if zeros { pairs.iter().map(|&(_, value)| (0.0, value)).collect() } else { pairs };
            let shares: Vec<f64> = pairs.iter().map(|(share, _)| *share).collect();
            let summed: f64 = split(&shares).iter().zip(&pairs).map(|(share, (_, value))| share * value).sum();
            prop_assert_eq!(split_sum(&pairs).to_bits(), summed.to_bits());
        }
    }
}
