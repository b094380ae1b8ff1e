//! What a confirmation (確定) seals: the plan, the owner's self-evaluations and
//! ability self-ratings, and the reviewer's levels — everything the score is
//! computed from. The confirm step records it ([`snapshot`]); while the sheet is
//! confirmed the owner's part stays as it is ([`super::policy`]).

use super::competency::{Rater, RatingIndex};
use super::permissions::Hierarchy;
use super::score::latest_level_on;
use super::types::{
    Confirmed, ConfirmedAbility, ConfirmedAbilityReview, ConfirmedCheck, ConfirmedReview, CycleData, Feedback,
    FeedbackFile, GoalsFile, Held, PlannedGoal,
};

/// The owner's part of a confirmed sheet, as their goals file has it: what a
/// command of the owner may not change while the sheet is confirmed.
#[derive(Clone, Debug, PartialEq)]
pub struct OwnersPart {
    pub plan: Vec<PlannedGoal>,
    pub checks: Vec<ConfirmedCheck>,
    pub abilities: Vec<ConfirmedAbility>,
}

impl OwnersPart {
    pub fn of(file: &GoalsFile) -> OwnersPart {
        let checks = file
            .goals
            .iter()
            .filter_map(|goal| {
                let check = goal.check.as_ref()?;
                Some(ConfirmedCheck { goal: goal.id.clone(), level: check.level, comment: check.comment.clone() })
            })
            .collect();
        let abilities = file
            .competencies
            .iter()
            .map(|rating| ConfirmedAbility {
                ability: rating.ability,
                level: rating.level,
                comment: Held::of(rating.comment().cloned()),
            })
            .collect();
        OwnersPart { plan: file.goals.iter().map(PlannedGoal::of).collect(), checks, abilities }
    }
}

/// What a confirmation of `person`'s sheet records now: the plan, and the rest.
pub fn snapshot(org: &Hierarchy<'_>, data: &CycleData, person: &str) -> (Vec<PlannedGoal>, Confirmed) {
    let reviewer = org.reviewer_of(person).map(|reviewer| reviewer.id.as_str());
    let file = data.goals.iter().find(|file| file.owner == person);
    let reviewer_file = data.feedback.iter().find(|file| Some(file.reviewer.as_str()) == reviewer);
    snapshot_from(org, data, person, file, reviewer_file, &RatingIndex::of_person(data, person))
}

/// [`snapshot`] with `person`'s goals file, their reviewer's feedback file and the
/// ability ratings found by the caller (validation, checking every sheet, builds
/// each index once rather than searching every file for each person).
pub fn snapshot_from(
    org: &Hierarchy<'_>,
    data: &CycleData,
    person: &str,
    file: Option<&GoalsFile>,
    reviewer_file: Option<&FeedbackFile>,
    ratings: &RatingIndex<'_>,
) -> (Vec<PlannedGoal>, Confirmed) {
    let (plan, confirmed) = snapshot_of(person, file, reviewer_file);
    (plan, Confirmed { ability_reviews: Some(ability_reviews(org, data, ratings, person)), ..confirmed })
}

/// The levels the reviewer and the second reviewer have given `person`'s abilities, in
/// the framework's order: what a confirmation seals of the raters' 能力評価.
fn ability_reviews(
    org: &Hierarchy<'_>,
    data: &CycleData,
    ratings: &RatingIndex<'_>,
    person: &str,
) -> Vec<ConfirmedAbilityReview> {
    let Some(framework) = data.competencies.as_ref() else { return Vec::new() };
    let Some(sheet) = ratings.sheet(org, framework, person) else { return Vec::new() };
    let mut reviews = Vec::new();
    for levels in &sheet.abilities {
        for (rater, by) in [(Rater::Reviewer, REVIEWER), (Rater::SecondReviewer, SECOND_REVIEWER)] {
            if let Some(level) = levels.level(rater) {
                let ability = levels.ability.id;
                reviews.push(ConfirmedAbilityReview { ability, by: by.to_owned(), level });
            }
        }
    }
    reviews
}

/// [`ConfirmedAbilityReview::by`] of the reviewer's (一次評価) and the second reviewer's (二次評価) levels.
pub const REVIEWER: &str = "reviewer";
pub const SECOND_REVIEWER: &str = "second";

/// [`snapshot`] but the raters' ability levels, from the person's goals file and
/// their reviewer's feedback file.
fn snapshot_of(
    person: &str,
    file: Option<&GoalsFile>,
    reviewer_file: Option<&FeedbackFile>,
) -> (Vec<PlannedGoal>, Confirmed) {
    let Some(file) = file else { return (Vec::new(), Confirmed::default()) };
    let OwnersPart { plan, checks, abilities } = OwnersPart::of(file);
    let entries: Vec<&Feedback> = reviewer_file
        .into_iter()
        .flat_map(|written| &written.feedback)
        .filter(|entry| entry.person == person && entry.level.is_some())
        .collect();
    let reviews = file
        .goals
        .iter()
        .filter_map(|goal| Some(ConfirmedReview { goal: goal.id.clone(), level: latest_level_on(&entries, &goal.id)? }))
        .collect();
    (plan, Confirmed { checks, reviews, abilities, ability_reviews: None, extra: Default::default() })
}
