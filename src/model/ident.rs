//! The grammar of identifiers. Person and cycle ids become file and folder names
//! (`cycles/<cycle>/goals/<person>.toml`), and unit, goal and proposal ids travel
//! through exports into other data sets, so every id obeys one grammar that is safe
//! as a file name on every system: `[A-Za-z0-9][A-Za-z0-9._-]{0,63}`, without `..`,
//! without a trailing dot, and not a name Windows reserves for devices.

use crate::model::hash::HashMap;

/// The longest id, in characters.
pub const ID_LIMIT: usize = 64;

/// Names Windows keeps for devices, whatever the extension after them.
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2",
    "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// Why text is not a valid id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BadId {
    Empty,
    TooLong {
        chars: usize,
    },
    /// A character outside letters, digits, `.`, `_` and `-` (the first one found).
    Character {
        found: char,
    },
    /// Ids start with a letter or a digit.
    Start {
        found: char,
    },
    /// `..` anywhere, or a dot at the end (which Windows drops from file names).
    Dots,
    /// CON, NUL, COM1 … whatever follows a dot.
    Reserved,
}

/// Checks `id` against the grammar of the module documentation.
pub fn check_id(id: &str) -> Result<(), BadId> {
    let first = id.chars().next().ok_or(BadId::Empty)?;
    let chars = id.chars().count();
    if chars > ID_LIMIT {
        return Err(BadId::TooLong { chars });
    }
    if let Some(found) = id.chars().find(|&c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))) {
        return Err(BadId::Character { found });
    }
    if !first.is_ascii_alphanumeric() {
        return Err(BadId::Start { found: first });
    }
    if id.contains("..") || id.ends_with('.') {
        return Err(BadId::Dots);
    }
    let stem = id.split('.').next().unwrap_or(id);
    if RESERVED.iter().any(|name| name.eq_ignore_ascii_case(stem)) {
        return Err(BadId::Reserved);
    }
    Ok(())
}

/// Ids that differ only in case from an earlier one of `ids`: on Windows and macOS
/// they would name the same file. Gives each later id with the earlier one it clashes with.
pub fn case_clashes<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<(&'a str, &'a str)> {
    let mut seen: HashMap<String, &str> = HashMap::default();
    let mut clashes = Vec::new();
    for id in ids {
        let folded = id.to_ascii_lowercase();
        match seen.get(&folded) {
            Some(&first) if first != id => clashes.push((id, first)),
            Some(_) => {}
            None => {
                seen.insert(folded, id);
            }
        }
    }
    clashes
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn ids_of_the_sample_and_of_generated_data_sets_are_valid() {
        for id in ["P0001", "2026", "P0005-2026-1", "P0001-2026-1-a", "johoseisaku-dx", "unit_1", "a.b", "COM10"] {
            assert_eq!(check_id(id), Ok(()), "{id}");
        }
    }

    #[test]
    fn every_kind_of_bad_id_is_named() {
        assert_eq!(check_id(""), Err(BadId::Empty));
        assert_eq!(check_id(&"a".repeat(65)), Err(BadId::TooLong { chars: 65 }));
        assert_eq!(check_id("../x"), Err(BadId::Character { found: '/' }));
        assert_eq!(check_id("a\\b"), Err(BadId::Character { found: '\\' }));
        assert_eq!(check_id("職員1"), Err(BadId::Character { found: '職' }));
        assert_eq!(check_id("P 1"), Err(BadId::Character { found: ' ' }));
        assert_eq!(check_id("a\u{1b}b"), Err(BadId::Character { found: '\u{1b}' }));
        assert_eq!(check_id(".hidden"), Err(BadId::Start { found: '.' }));
        assert_eq!(check_id("-x"), Err(BadId::Start { found: '-' }));
        assert_eq!(check_id("a..b"), Err(BadId::Dots));
        assert_eq!(check_id("trailing."), Err(BadId::Dots));
        for reserved in ["CON", "con", "Nul.toml", "COM1", "lpt9.x", "AUX"] {
            assert_eq!(check_id(reserved), Err(BadId::Reserved), "{reserved}");
        }
    }

    #[test]
    fn ids_differing_only_in_case_clash() {
        let clashes = case_clashes(["P0011", "P0012", "p0011", "P0011"]);
        assert_eq!(clashes, [("p0011", "P0011")]);
    }

    proptest! {
        /// Whatever text passes is one plain file name inside its folder on any system.
        #[test]
        fn a_valid_id_is_a_single_plain_path_component(id in "\\PC{0,80}") {
            if check_id(&id).is_ok() {
                let path = std::path::Path::new(&id);
                let components: Vec<_> = path.components().collect();
                prop_assert_eq!(components.len(), 1);
                prop_assert!(matches!(components[0], std::path::Component::Normal(_)));
                prop_assert!(!id.contains(['/', '\\', ':', '\0']));
            }
        }
    }
}
