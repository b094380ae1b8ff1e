//! The 能力評価 half of the sheet workflow: what a step needs of the ratings.

use std::fmt;

use super::{SheetStatus, WorkflowError};
use crate::model::competency::{Ability, CompetencySheet, Rater};
use crate::model::permissions::Hierarchy;

/// The abilities of a person's 能力評価 half that still lack a level.
#[derive(Clone, Debug, PartialEq)]
pub struct CompetencyProgress<'a> {
    /// Without the owner's self level.
    pub unrated_by_owner: Vec<&'a Ability>,
    /// Without the reviewer's level.
    pub unrated_by_reviewer: Vec<&'a Ability>,
}

impl<'a> CompetencyProgress<'a> {
    pub fn of(sheet: &CompetencySheet<'a>) -> CompetencyProgress<'a> {
        CompetencyProgress {
            unrated_by_owner: sheet.unrated(Rater::Owner),
            unrated_by_reviewer: sheet.unrated(Rater::Reviewer),
        }
    }
}

/// A step refused because abilities of the 能力評価 half still lack a level.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotRated {
    /// "名前 (ID)" of the sheet's owner.
    pub person: String,
    /// Whose levels are missing: the owner's (self-check) or the reviewer's (review).
    pub by: Rater,
    /// The abilities without a level, as (Japanese, English) names.
    pub abilities: Vec<(String, String)>,
}

/// For logs and developers; what users read comes from the messages.
impl fmt::Display for NotRated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

/// Whether `rater` has rated every applicable ability of the sheet's 能力評価 half.
pub(super) fn all_rated(
    org: &Hierarchy<'_>,
    status: &SheetStatus<'_>,
    person: &str,
    rater: Rater,
) -> Result<(), WorkflowError> {
    let Some(progress) = &status.competency else { return Ok(()) };
    let unrated = match rater {
        Rater::Owner => &progress.unrated_by_owner,
        Rater::Reviewer | Rater::SecondReviewer => &progress.unrated_by_reviewer,
    };
    if unrated.is_empty() {
        return Ok(());
    }
    let abilities = unrated.iter().map(|ability| (ability.name.clone(), ability.name_en().to_owned())).collect();
    Err(WorkflowError::AbilitiesNotRated(NotRated { person: org.label(person), by: rater, abilities }))
}
