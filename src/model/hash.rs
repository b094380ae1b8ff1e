//! The hash maps and sets of the program: the standard library's, with foldhash's
//! hasher. Their keys are ids and names from the data set, hashed millions of times in
//! a city-sized load, where SipHash spent a fifth of the time. foldhash is seeded
//! anew in every process, which makes collisions hard to aim; and the ids are
//! checked, and written by the city's own staff.
#![allow(clippy::disallowed_types)]

/// A hash map with the program's hasher; made with `HashMap::default()` or `collect()`.
pub type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
/// A hash set with the program's hasher; made with `HashSet::default()` or `collect()`.
pub type HashSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;
