//! `org.toml`: the organisation's units and people, written by HR.

use serde::{Deserialize, Serialize};

use super::ability::LevelGroup;
use super::{Extra, PersonId, UnitId};

/// `org.toml`: units and people, written by HR.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Org {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<Unit>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}
crate::model::types::unknown::keeps_unknown_keys!(Org);

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UnitKind {
    #[serde(alias = "部")]
    Department,
    #[serde(alias = "課")]
    Section,
    #[serde(alias = "チーム")]
    Team,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Unit {
    pub id: UnitId,
    pub name: String,
    pub kind: UnitKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<UnitId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<PersonId>,
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}
crate::model::types::unknown::keeps_unknown_keys!(Unit);

/// The role that lets a person read everything, edit the organisation and export.
pub const ROLE_HR: &str = "hr";
/// The role that lets a person act as someone else where the data set identifies
/// people by their login; every such use is recorded.
pub const ROLE_ADMIN: &str = "admin";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kana: Option<String>,
    pub unit: UnitId,
    /// 職務の級 (1–8); none for staff outside the grade table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<u8>,
    pub title: String,
    /// The kind of post where it matters for evaluation: `skilled-labour` (技能労務) has
    /// its own competency level group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_type: Option<String>,
    /// The competency level group, where it is not the one of the grade and job type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub competency_group: Option<LevelGroup>,
    /// 一次評価者: who reviews this person's sheet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<PersonId>,
    /// 二次評価者, where it is not the reviewer's reviewer (who confirms by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second_reviewer: Option<PersonId>,
    /// OS user name, to recognise who is at the keyboard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// The person's mentor in the メンター制度 (1on1s of kind `mentor`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mentor: Option<PersonId>,
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}
crate::model::types::unknown::keeps_unknown_keys!(Person);

impl Person {
    pub fn is_hr(&self) -> bool {
        self.roles.iter().any(|role| role == ROLE_HR)
    }

    pub fn is_admin(&self) -> bool {
        self.roles.iter().any(|role| role == ROLE_ADMIN)
    }
}
