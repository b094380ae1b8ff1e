//! Checks of the 能力評価 half and of calibration: the framework file, the ratings in
//! goals and feedback files, and the adjustments in calibration files. Without a
//! framework the half is off: ratings are kept but neither counted nor checked.

use std::collections::HashSet;

use super::{Problem, ProblemKind, Severity, Source, TEXT_LIMIT, TITLE_LIMIT, check_text};
use crate::model::calibration::{AdjustmentIgnored, AdjustmentIndex, FinalValue, Outcome};
use crate::model::competency::{AbilityId, Framework, LevelGroup, level_group, rater_of};
use crate::model::date::Date;
use crate::model::permissions::Hierarchy;
use crate::model::score::{ScoreFormula, evaluate};
use crate::model::types::{CycleData, GoalId, GoalsFile, Org, PersonId};

#[derive(Clone, Debug, PartialEq)]
pub enum CompetencyProblem {
    /// A rating or a score weight names an ability the framework does not have.
    UnknownAbility { ability: AbilityId },
    /// A rating of an ability the person's level group is not rated on.
    NotApplicable { ability: AbilityId, group: LevelGroup },
    /// An ability of a group the framework does not define.
    UnknownAbilityGroup { group: String },
    /// A person the framework cannot place: no grade, job type or `competency_group`.
    NoLevelGroup,
    /// A rating in the feedback file of someone who is neither the person's reviewer
    /// nor their second reviewer.
    NotARater { writer: PersonId, person: PersonId },
    /// Evidence naming no Do entry of the person's own goals.
    NoSuchLogEntry { goal: GoalId, date: Date },
    /// An adjustment the replay ignores.
    IgnoredAdjustment { person: PersonId, reason: AdjustmentIgnored },
    /// An adjustment whose `from` is not the result it was applied to.
    StaleAdjustment { person: PersonId, from: FinalValue, found: Option<FinalValue> },
}

impl CompetencyProblem {
    pub fn severity(&self) -> Severity {
        match self {
            CompetencyProblem::NoLevelGroup
            | CompetencyProblem::NoSuchLogEntry { .. }
            | CompetencyProblem::StaleAdjustment { .. } => Severity::Warning,
            CompetencyProblem::UnknownAbility { .. }
            | CompetencyProblem::NotApplicable { .. }
            | CompetencyProblem::UnknownAbilityGroup { .. }
            | CompetencyProblem::NotARater { .. }
            | CompetencyProblem::IgnoredAdjustment { .. } => Severity::Error,
        }
    }
}

fn problem(source: &Source, subject: &str, kind: CompetencyProblem) -> Problem {
    Problem::new(source.clone(), Some(subject), ProblemKind::Competency(kind))
}

/// Checks `competencies.toml` itself, and the ability weights of `pdca.toml`'s `[score]`.
pub fn validate_framework(framework: &Framework, formula: &ScoreFormula) -> Vec<Problem> {
    let source = Source::Competencies;
    let mut problems = Vec::new();
    let mut report = |subject: &str, kind| problems.push(Problem::new(source.clone(), Some(subject), kind));
    let mut group_ids = HashSet::new();
    for group in &framework.groups {
        if !group_ids.insert(group.id.as_str()) {
            report(&group.id, ProblemKind::DuplicateId { what: "ability group", id: group.id.clone() });
        }
        for (field, name) in [("name", &group.name), ("name_en", &group.name_en)] {
            report_text(&mut report, &group.id, field, name, TITLE_LIMIT);
        }
    }
    let mut ability_ids = HashSet::new();
    for ability in &framework.abilities {
        if !ability_ids.insert(ability.id.as_str()) {
            report(&ability.id, ProblemKind::DuplicateId { what: "ability", id: ability.id.clone() });
        }
        if !group_ids.contains(ability.group.as_str()) {
            let kind = CompetencyProblem::UnknownAbilityGroup { group: ability.group.clone() };
            report(&ability.id, ProblemKind::Competency(kind));
        }
        let titles = [("name", &ability.name), ("name_en", &ability.name_en)].map(|(f, t)| (f, t, TITLE_LIMIT));
        let texts = [("description", &ability.description), ("description_en", &ability.description_en)]
            .map(|(f, t)| (f, t, TEXT_LIMIT));
        let anchors = ability.anchors.values().map(|t| ("anchors", t, TEXT_LIMIT));
        let anchors_en = ability.anchors_en.values().map(|t| ("anchors_en", t, TEXT_LIMIT));
        for (field, value, limit) in titles.into_iter().chain(texts).chain(anchors).chain(anchors_en) {
            report_text(&mut report, &ability.id, field, value, limit);
        }
    }
    for ability in formula.ability_weights.keys().filter(|id| framework.ability(id).is_none()) {
        let kind = CompetencyProblem::UnknownAbility { ability: ability.clone() };
        problems.push(problem(&Source::Info, ability, kind));
    }
    problems
}

fn report_text(
    report: &mut impl FnMut(&str, ProblemKind),
    subject: &str,
    field: &'static str,
    text: &str,
    limit: usize,
) {
    if let Some(kind) = check_text(field, text, limit) {
        report(subject, kind);
    }
}

/// Checks one cycle's ratings and adjustments against the organisation and the framework.
pub fn validate_competency(org: &Org, data: &CycleData, formula: &ScoreFormula) -> Vec<Problem> {
    let hierarchy = Hierarchy::new(org);
    let mut problems = Vec::new();
    if let Some(framework) = &data.competencies {
        for person in org.people.iter().filter(|person| level_group(person).is_none()) {
            problems.push(problem(&Source::Org, &person.id, CompetencyProblem::NoLevelGroup));
        }
        let ratings = Ratings { org: &hierarchy, framework };
        for file in &data.goals {
            problems.extend(ratings.check_own(&data.cycle.id, file));
        }
        for file in &data.feedback {
            let source = Source::Feedback { cycle: data.cycle.id.clone(), reviewer: file.reviewer.clone() };
            for rating in &file.competency {
                if hierarchy.person(&rating.person).is_none() {
                    let kind = ProblemKind::UnknownPerson { field: "person", id: rating.person.clone() };
                    problems.push(Problem::new(source.clone(), Some(&rating.ability), kind));
                    continue;
                }
                if rater_of(&hierarchy, &file.reviewer, &rating.person).is_none() {
                    let kind =
                        CompetencyProblem::NotARater { writer: file.reviewer.clone(), person: rating.person.clone() };
                    problems.push(problem(&source, &rating.ability, kind));
                }
                problems.extend(ratings.check_rating(&source, &rating.person, &rating.ability, &rating.comment));
            }
        }
    }
    problems.extend(check_adjustments(&hierarchy, data, formula));
    problems
}

struct Ratings<'a> {
    org: &'a Hierarchy<'a>,
    framework: &'a Framework,
}

impl Ratings<'_> {
    /// An ability rated for `person`: known, applicable to their group, decent comment.
    fn check_rating(&self, source: &Source, person: &str, ability: &str, comment: &str) -> Vec<Problem> {
        let mut problems = Vec::new();
        match self.framework.ability(ability) {
            None => {
                problems.push(problem(source, ability, CompetencyProblem::UnknownAbility { ability: ability.into() }))
            }
            Some(known) => {
                let group = self.org.person(person).and_then(level_group);
                if let Some(group) = group.filter(|&group| !known.applies_to(group)) {
                    let kind = CompetencyProblem::NotApplicable { ability: ability.into(), group };
                    problems.push(problem(source, ability, kind));
                }
            }
        }
        if let Some(kind) = check_text("competency.comment", comment, TEXT_LIMIT) {
            problems.push(Problem::new(source.clone(), Some(ability), kind));
        }
        problems
    }

    /// The self-ratings of a goals file, and that their evidence is the owner's own Do log.
    fn check_own(&self, cycle: &str, file: &GoalsFile) -> Vec<Problem> {
        let source = Source::Goals { cycle: cycle.to_owned(), person: file.owner.clone() };
        let mut problems = Vec::new();
        for rating in &file.competencies {
            problems.extend(self.check_rating(&source, &file.owner, &rating.ability, &rating.comment));
            for evidence in &rating.evidence {
                let goal = file.goals.iter().find(|goal| goal.id == evidence.goal);
                if !goal.is_some_and(|goal| goal.log.iter().any(|entry| entry.date == evidence.date)) {
                    let kind = CompetencyProblem::NoSuchLogEntry { goal: evidence.goal.clone(), date: evidence.date };
                    problems.push(problem(&source, &rating.ability, kind));
                }
            }
        }
        problems
    }
}

/// Calibration files: in the right cycle, by a known person, about known people, and
/// every adjustment valid and applied to the result it names.
fn check_adjustments(org: &Hierarchy<'_>, data: &CycleData, formula: &ScoreFormula) -> Vec<Problem> {
    let mut problems = Vec::new();
    for file in &data.calibration {
        let source = Source::Calibration { cycle: data.cycle.id.clone(), calibrator: file.calibrator.clone() };
        let mut report = |subject: &str, kind| problems.push(Problem::new(source.clone(), Some(subject), kind));
        if file.cycle != data.cycle.id {
            let kind =
                ProblemKind::WrongPlace { field: "cycle", expected: data.cycle.id.clone(), found: file.cycle.clone() };
            report(&file.calibrator, kind);
        }
        if org.person(&file.calibrator).is_none() {
            report(&file.calibrator, ProblemKind::UnknownPerson { field: "calibrator", id: file.calibrator.clone() });
        }
        for record in &file.adjustment {
            if org.person(&record.person).is_none() {
                report(&record.person, ProblemKind::UnknownPerson { field: "person", id: record.person.clone() });
            }
            report_text(&mut report, &record.person, "adjustment.reason", &record.reason, TEXT_LIMIT);
        }
    }
    let index = AdjustmentIndex::new(data);
    let mut people: Vec<&str> = index.people().filter(|person| org.person(person).is_some()).collect();
    people.sort_unstable();
    for person in people {
        let computed = Outcome::of(&evaluate(org, data, formula, person).overall);
        let result = index.replay(org, formula, person, computed);
        for ignored in result.ignored {
            let kind = CompetencyProblem::IgnoredAdjustment { person: person.to_owned(), reason: ignored.reason };
            problems.push(problem(&ignored.source, person, kind));
        }
        for applied in result.applied.iter().filter(|applied| applied.stale) {
            let from = applied.record.from.expect("only a record with `from` can be stale");
            let found = applied.before.value(applied.record.what);
            let kind = CompetencyProblem::StaleAdjustment { person: person.to_owned(), from, found };
            problems.push(problem(&applied.source, person, kind));
        }
    }
    problems
}
