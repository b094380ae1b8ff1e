//! The record of an administrator acting as someone else where the data set
//! identifies people by their login: `audit/<admin>.toml`, written by that
//! administrator and only ever added to.

use serde::{Deserialize, Serialize};

use super::date::Timestamp;
use super::types::{Extra, PersonId};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditFile {
    pub admin: PersonId,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acted: Vec<ActedAs>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One use of `--as` (or `me`) by the administrator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActedAs {
    pub at: Timestamp,
    /// Whom the administrator acted as.
    #[serde(rename = "as")]
    pub person: PersonId,
    /// The command line, as typed after `pdca`.
    pub command: String,
    #[serde(flatten)]
    pub extra: Extra,
}

impl AuditFile {
    pub fn new(admin: &str) -> AuditFile {
        AuditFile { admin: admin.into(), acted: Vec::new(), extra: Extra::new() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_audit_file_round_trips_with_the_keys_a_reader_expects() {
        let text =
            "admin = \"P0099\"\n\n[[acted]]\nat = 2026-11-20T09:15:00+09:00\nas = \"P0011\"\ncommand = \"show mine\"\n";
        let file: AuditFile = toml::from_str(text).unwrap();
        assert_eq!((file.acted[0].person.as_str(), file.acted[0].command.as_str()), ("P0011", "show mine"));
        assert_eq!(toml::to_string(&file).unwrap(), text);
    }
}
