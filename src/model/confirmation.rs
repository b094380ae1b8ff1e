//! What changed in a confirmed sheet since its confirmation (確定): the program
//! refuses such changes ([`super::policy`]), so these were made by hand.
//! Validation reports them as errors, and a confirmation recorded without a
//! snapshot (by an older version) as a warning, since nothing can be compared
//! ([`super::validate::confirmation_problems`]).

use super::changes::{Change, plan_changes};
use super::types::{
    Confirmed, ConfirmedAbility, ConfirmedAbilityReview, ConfirmedCheck, ConfirmedReview, Held, Level, PlannedGoal,
};
use super::workflow::SheetStatus;

/// A sealed value that differs from the confirmation in force.
#[derive(Clone, Debug, PartialEq)]
pub enum SealedChange {
    /// The plan: a goal added or removed, or a plan field of one.
    Plan(Change),
    SelfLevel {
        goal: String,
        before: Option<Level>,
        after: Option<Level>,
    },
    SelfComment {
        goal: String,
    },
    /// The reviewer's level: it is in their feedback file.
    ReviewerLevel {
        goal: String,
        before: Option<Level>,
        after: Option<Level>,
    },
    AbilityLevel {
        ability: String,
        before: Option<Level>,
        after: Option<Level>,
    },
    AbilityComment {
        ability: String,
    },
    /// The reviewer's or the second reviewer's level of an ability: in their feedback file.
    AbilityReview {
        ability: String,
        /// [`super::seal::REVIEWER`] or [`super::seal::SECOND_REVIEWER`].
        by: String,
        before: Option<Level>,
        after: Option<Level>,
    },
}

impl SealedChange {
    /// The goal or ability the change is about.
    pub fn subject(&self) -> &str {
        match self {
            SealedChange::Plan(change) => &change.goal,
            SealedChange::SelfLevel { goal, .. }
            | SealedChange::SelfComment { goal }
            | SealedChange::ReviewerLevel { goal, .. } => goal,
            SealedChange::AbilityLevel { ability, .. }
            | SealedChange::AbilityComment { ability }
            | SealedChange::AbilityReview { ability, .. } => ability,
        }
    }
}

/// Whether two comments, each there or not, differ. A comment left on disk is not
/// compared: it is not known to differ, and validation reports it as not read.
fn comments_differ(before: Option<Held<String>>, after: Option<Held<String>>) -> bool {
    let read = |comment: &Option<Held<String>>| comment.as_ref().is_none_or(|text| text.get().is_ok());
    read(&before) && read(&after) && before != after
}

/// What differs in a confirmed sheet from its confirmation's snapshot; `None` when
/// the sheet is not confirmed, or its confirmation has no snapshot. `plan` and `now`
/// are what a confirmation would record now ([`super::seal::snapshot`]).
pub fn since_confirmation(
    status: &SheetStatus<'_>,
    plan: &[PlannedGoal],
    now: &Confirmed,
) -> Option<Vec<SealedChange>> {
    let confirmed = status.confirmation()?.record;
    let then = confirmed.confirmed.as_ref()?;
    // A snapshot left on disk is not compared, as a comment is not (above); the
    // file's own check says it was not read (`validate::validate_cycle`).
    let sealed_plan = confirmed.plan.get().map_or_else(|_| Vec::new(), |then| plan_changes(then, plan));
    let mut changes: Vec<SealedChange> = sealed_plan.into_iter().map(SealedChange::Plan).collect();
    for goal in ids(&then.checks, &now.checks, |check| &check.goal) {
        let check = |list: &[ConfirmedCheck]| list.iter().find(|c| c.goal == goal).cloned();
        let (before, after) = (check(&then.checks), check(&now.checks));
        let (level_before, level_after) = (before.as_ref().map(|c| c.level), after.as_ref().map(|c| c.level));
        if level_before != level_after {
            changes.push(SealedChange::SelfLevel { goal: goal.to_owned(), before: level_before, after: level_after });
        } else if comments_differ(before.map(|c| c.comment), after.map(|c| c.comment)) {
            changes.push(SealedChange::SelfComment { goal: goal.to_owned() });
        }
    }
    for goal in ids(&then.reviews, &now.reviews, |review| &review.goal) {
        let level = |list: &[ConfirmedReview]| list.iter().find(|r| r.goal == goal).map(|r| r.level);
        let (before, after) = (level(&then.reviews), level(&now.reviews));
        if before != after {
            changes.push(SealedChange::ReviewerLevel { goal: goal.to_owned(), before, after });
        }
    }
    for ability in ids(&then.abilities, &now.abilities, |rating| &rating.ability) {
        // Of several entries for an ability, the last one counts.
        let rating = |list: &[ConfirmedAbility]| list.iter().rfind(|r| r.ability == ability).cloned();
        let (before, after) = (rating(&then.abilities), rating(&now.abilities));
        let (level_before, level_after) = (before.as_ref().map(|r| r.level), after.as_ref().map(|r| r.level));
        if level_before != level_after {
            let ability = ability.to_owned();
            changes.push(SealedChange::AbilityLevel { ability, before: level_before, after: level_after });
        } else if comments_differ(before.map(|r| r.comment), after.map(|r| r.comment)) {
            changes.push(SealedChange::AbilityComment { ability: ability.to_owned() });
        }
    }
    // A confirmation recorded before the raters' ability levels were sealed has none to compare.
    if let Some(then) = &then.ability_reviews {
        let ability_reviews = now.ability_reviews.as_deref().unwrap_or_default();
        for (ability, by) in rated(then, ability_reviews) {
            let level = |list: &[ConfirmedAbilityReview]| {
                list.iter().find(|r| r.ability == ability && r.by == by).map(|r| r.level)
            };
            let (before, after) = (level(then), level(ability_reviews));
            if before != after {
                let (ability, by) = (ability.to_owned(), by.to_owned());
                changes.push(SealedChange::AbilityReview { ability, by, before, after });
            }
        }
    }
    Some(changes)
}

/// The (ability, rater) pairs of two lists of raters' levels, each once, in order.
fn rated<'a>(before: &'a [ConfirmedAbilityReview], after: &'a [ConfirmedAbilityReview]) -> Vec<(&'a str, &'a str)> {
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    for review in before.iter().chain(after) {
        let pair = (review.ability.as_str(), review.by.as_str());
        if !pairs.contains(&pair) {
            pairs.push(pair);
        }
    }
    pairs
}

/// The ids of two lists, each once, in the order they first appear.
fn ids<'a, T>(before: &'a [T], after: &'a [T], id: impl Fn(&'a T) -> &'a str) -> Vec<&'a str> {
    let mut ids: Vec<&str> = Vec::new();
    for found in before.iter().chain(after).map(id) {
        if !ids.contains(&found) {
            ids.push(found);
        }
    }
    ids
}
