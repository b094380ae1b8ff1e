//! 能力評価, the second half of the city's personnel evaluation beside the goals
//! (業績評価): how a person showed the abilities their post requires.
//!
//! - [`framework`]: the abilities, their groups and behavioural anchors
//!   (`competencies.toml`), and which level group a person belongs to;
//! - [`rating`]: the self, reviewer and second-reviewer ratings, each in its writer's file;
//!
//! The score is in [`crate::model::score`], the workflow's preconditions in
//! [`crate::model::workflow`], calibration in [`crate::model::calibration`].

pub mod rating;

pub use crate::model::types::ability::{
    Ability, AbilityGroup, AbilityId, AbilityRating, Framework, JOB_TYPE_SKILLED_LABOUR, LevelGroup, LogRef,
    RatingNotes, SelfRating, level_group,
};
pub use rating::{AbilityLevels, CompetencySheet, Rater, RatingIndex, competency_sheet, rater_of};

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::date::Date;
    use crate::model::types::{Extra, Level};

    /// Four abilities: 知識 and 協調性 for every group, 企画力 for all but 技能労務,
    /// リーダーシップ力 for 課長級 and above and 主幹級・主査級.
    pub(crate) fn framework() -> Framework {
        let ability = |id: &str, group: &str, name: &str, applies_to: Option<Vec<LevelGroup>>| Ability {
            id: id.into(),
            group: group.into(),
            name: name.into(),
            name_en: String::new(),
            description: String::new(),
            description_en: String::new(),
            applies_to,
            anchors: Default::default(),
            anchors_en: Default::default(),
            extra: Extra::new(),
        };
        let group = |id: &str, name: &str| AbilityGroup {
            id: id.into(),
            name: name.into(),
            name_en: String::new(),
            extra: Extra::new(),
        };
        use LevelGroup::*;
        let mut planning = ability(
            "planning",
            "ability",
            "企画力",
            Some(vec![Director, DeputyDirector, SectionHead, Supervisor, Staff]),
        );
        planning.name_en = "Planning".into();
        Framework {
            groups: vec![group("ability", "業務遂行能力"), group("attitude", "意欲・態度")],
            abilities: vec![
                ability("knowledge", "ability", "知識・技術・識見", None),
                planning,
                ability(
                    "leadership",
                    "ability",
                    "リーダーシップ力",
                    Some(vec![Director, DeputyDirector, SectionHead, Supervisor]),
                ),
                ability("cooperation", "attitude", "協調性", None),
            ],
            extra: Extra::new(),
        }
    }

    pub(crate) fn self_rating(ability: &str, level: Level) -> SelfRating {
        SelfRating {
            ability: ability.into(),
            level,
            notes: RatingNotes { comment: "自己評価".into(), evidence: Default::default() }.into(),
            date: None,
            extra: Extra::new(),
        }
    }

    pub(crate) fn rating(person: &str, ability: &str, level: Level, date: Option<Date>) -> AbilityRating {
        AbilityRating {
            person: person.into(),
            ability: ability.into(),
            level,
            comment: "評価".into(),
            date,
            extra: Extra::new(),
        }
    }
}
