//! Both halves of a person's evaluation — 業績評価 and 能力評価 — the overall score
//! by the `[score]` weights, and the calibration adjustments that took effect. The
//! numbers come from the model's own score and replay code (`model::score`,
//! `model::calibration`), asked with indexes built once for all people.

use std::borrow::Cow;

use crate::model::hash::HashMap;

use super::records::{ExportAbility, ExportAdjustment, ExportCompetency};
use crate::hr::round;
use crate::model::calibration::{AdjustmentIndex, Outcome};
use crate::model::competency::{Ability, AbilityLevels, Framework, LevelGroup, RatingIndex};
use crate::model::score::{SheetScore, combine, competency_score};
use crate::model::{CycleData, Hierarchy, Level, ScoreFormula};

/// What the export says of a person's evaluation.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Evaluated<'a> {
    pub group: Option<LevelGroup>,
    pub performance_score: Option<f64>,
    pub competency_score: Option<f64>,
    pub score: Option<f64>,
    pub level: Option<Level>,
    /// After the adjustments; `None` when none took effect.
    pub adjusted: Option<Outcome>,
    pub competencies: Vec<ExportCompetency<'a>>,
    pub adjustments: Vec<ExportAdjustment>,
}

/// The lookups every person's evaluation needs.
pub(super) struct Evaluations<'a> {
    framework: Option<&'a Framework>,
    ratings: RatingIndex<'a>,
    adjustments: AdjustmentIndex<'a>,
    group_names: HashMap<&'a str, &'a str>,
}

impl<'a> Evaluations<'a> {
    pub fn new(data: &'a CycleData) -> Self {
        let framework = data.competencies.as_ref();
        let group_names = framework
            .map(|framework| framework.groups.iter().map(|g| (g.id.as_str(), g.name.as_str())).collect())
            .unwrap_or_default();
        Evaluations { framework, ratings: RatingIndex::new(data), adjustments: AdjustmentIndex::new(data), group_names }
    }

    /// The framework's abilities, in its order.
    pub fn abilities(&self) -> Vec<ExportAbility> {
        let Some(framework) = self.framework else { return Vec::new() };
        let ability = |ability: &Ability| ExportAbility {
            id: ability.id,
            name: ability.name.clone(),
            group: self.group_name(&ability.group).to_owned(),
            applies_to: ability.applies_to.clone(),
        };
        framework.abilities.iter().map(ability).collect()
    }

    fn group_name(&self, id: &'a str) -> &'a str {
        self.group_names.get(id).copied().unwrap_or(id)
    }

    /// `person`'s evaluation, given the score of their goals.
    pub fn of(
        &self,
        org: &Hierarchy<'_>,
        formula: &ScoreFormula,
        person: &str,
        performance: SheetScore,
    ) -> Evaluated<'a> {
        let competency = self.framework.and_then(|framework| self.ratings.sheet(org, framework, person)).map(|sheet| {
            let score = competency_score(&sheet, formula);
            (sheet, score)
        });
        let evaluation = combine(performance, competency, formula);
        let result = self.adjustments.replay(org, formula, person, Outcome::of(&evaluation.overall));
        let sheet = evaluation.competency.as_ref();
        Evaluated {
            group: sheet.map(|(sheet, _)| sheet.group),
            performance_score: evaluation.performance.score.map(round),
            competency_score: sheet.and_then(|(_, score)| score.score).map(round),
            score: evaluation.overall.score.map(round),
            level: evaluation.overall.level,
            adjusted: (!result.applied.is_empty())
                .then_some(Outcome { score: result.adjusted.score.map(round), ..result.adjusted }),
            competencies: sheet
                .map(|(sheet, _)| sheet.abilities.iter().map(|levels| self.competency(levels)).collect())
                .unwrap_or_default(),
            adjustments: result
                .applied
                .iter()
                .map(|applied| ExportAdjustment {
                    by: applied.record.by,
                    at: applied.record.at,
                    from: applied.record.from,
                    to: applied.record.to,
                    reason: applied.record.reason.clone(),
                })
                .collect(),
        }
    }

    fn competency(&self, levels: &AbilityLevels<'a>) -> ExportCompetency<'a> {
        let comment = |comment: Option<&'a String>| Cow::Borrowed(comment.map_or("", String::as_str));
        ExportCompetency {
            id: levels.ability.id,
            name: Cow::Borrowed(&levels.ability.name),
            group: Cow::Borrowed(self.group_name(&levels.ability.group)),
            self_level: levels.own.map(|rating| rating.level),
            self_comment: comment(levels.own.and_then(|rating| rating.comment().ok())),
            reviewer_level: levels.reviewer.map(|rating| rating.level),
            reviewer_comment: comment(levels.reviewer.and_then(|rating| rating.comment().ok())),
            second_level: levels.second.map(|rating| rating.level),
            second_comment: comment(levels.second.and_then(|rating| rating.comment().ok())),
        }
    }
}
