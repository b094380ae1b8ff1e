//! The achievement score of a sheet (達成度評価).
//!
//! Each goal's level is the reviewer's feedback level on that goal (一次評価), else the
//! owner's self level (自己評価); goals with neither are left out, and so are goals
//! without a weight. With the points of the level and the factor of the goal's
//! difficulty,
//!
//! ```text
//! score = Σ weight · points(level) · factor(difficulty)  /  Σ weight
//! ```
//!
//! over the counted goals, rounded to 2 decimals. The points and factors are the
//! optional `[score]` table of `pdca.toml`; a missing table or key takes the default:
//!
//! ```toml
//! [score.points]          # per level
//! S = 5
//! A = 4
//! B = 3
//! C = 2
//! D = 1
//!
//! [score.difficulty]      # factor per difficulty
//! high = 1.2
//! medium = 1.0
//! low = 0.8
//! unset = 1.0             # goals without a difficulty
//! ```
//!
//! Example: weight 40 high at S (reviewer), weight 35 medium at B (self only), weight
//! 25 low at A (reviewer): (40·5·1.2 + 35·3·1.0 + 25·4·0.8) / 100 = (240 + 105 + 80) / 100 = 4.25.
//!
//! **The 能力評価 half and the overall score.** Where the data set has a competency
//! framework and the person a level group, their competency score is the mean of the
//! points of the level that counts for each applicable ability ([`AbilityLevels::effective`]:
//! second reviewer's, else reviewer's, else self), abilities without any level left out;
//! with `competency_method = "weighted"` it is Σ weight · points / Σ weight with the
//! weights of `[score.ability_weights]` (1 for an ability not listed). Rounded to 2 decimals.
//!
//! ```text
//! overall = (performance_weight · performance + competency_weight · competency) / (performance_weight + competency_weight)
//! ```
//!
//! from the two rounded halves, rounded to 2 decimals. The weights are `performance` and
//! `competency` in `[score]` (default 0.5 each), or those of the person's level group in
//! `[score.groups.<group>]`. Without a competency half (no framework, no level group) the
//! overall score is the goal score, exactly as before; while one half has no score yet,
//! the overall score is the other half's and is marked incomplete. The overall level
//! (総合評価) is the highest level whose cutoff the overall score reaches; a cutoff
//! defaults to halfway between the points of the level and the next one down
//! (S 4.5, A 3.5, B 2.5, C 1.5 with the default points), else D.
//!
//! ```toml
//! [score]
//! performance = 0.5
//! competency = 0.5
//! competency_method = "mean"      # or "weighted"
//!
//! [score.ability_weights]         # for "weighted"
//! management = 2
//!
//! [score.groups.director]         # a level group's own weights
//! performance = 0.6
//! competency = 0.4
//!
//! [score.cutoffs]                 # lowest overall score per level
//! S = 4.5
//! A = 3.5
//! ```
//!
//! Example (主事級, twelve abilities): goal score 4.25 as above; abilities at A, A, A,
//! B × 8, C give (3·4 + 8·3 + 2) / 12 = 38 / 12 = 3.1667 → 3.17; overall with the default
//! weights (0.5 · 4.25 + 0.5 · 3.17) / 1 = 3.71, level A.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::competency::{AbilityId, AbilityLevels, CompetencySheet, LevelGroup, Rater, competency_sheet};
use super::permissions::Hierarchy;
use super::types::{CycleData, Difficulty, Extra, Feedback, Goal, GoalId, Level};

/// The `[score]` table of `pdca.toml`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScoreFormula {
    pub points: LevelPoints,
    pub difficulty: DifficultyFactors,
    /// Weight of 業績評価 (the goal score) in the overall score; unset means 0.5.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub performance: Option<f64>,
    /// Weight of 能力評価 (the competency score) in the overall score; unset means 0.5.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub competency: Option<f64>,
    /// How the competency score combines the abilities; unset means the mean.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub competency_method: Option<CompetencyMethod>,
    /// Weights by ability id for the weighted method; an ability not listed weighs 1.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub ability_weights: BTreeMap<AbilityId, f64>,
    /// A level group's own weights of the two halves.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub groups: BTreeMap<LevelGroup, HalfWeights>,
    /// The lowest overall score of each level.
    #[serde(skip_serializing_if = "Cutoffs::is_unset")]
    pub cutoffs: Cutoffs,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CompetencyMethod {
    /// Every applicable ability counts the same.
    #[default]
    #[serde(alias = "平均")]
    Mean,
    /// Abilities count by `[score.ability_weights]`.
    #[serde(alias = "加重平均")]
    Weighted,
}

/// The weights of the two halves for one level group; an unset one is the `[score]` one.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct HalfWeights {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub performance: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub competency: Option<f64>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The lowest overall score that earns each level (below C's: D).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Cutoffs {
    #[serde(rename = "S", skip_serializing_if = "Option::is_none")]
    pub s: Option<f64>,
    #[serde(rename = "A", skip_serializing_if = "Option::is_none")]
    pub a: Option<f64>,
    #[serde(rename = "B", skip_serializing_if = "Option::is_none")]
    pub b: Option<f64>,
    #[serde(rename = "C", skip_serializing_if = "Option::is_none")]
    pub c: Option<f64>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Cutoffs {
    fn is_unset(&self) -> bool {
        *self == Cutoffs::default()
    }
}

/// Points per evaluation level.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LevelPoints {
    #[serde(rename = "S")]
    pub s: f64,
    #[serde(rename = "A")]
    pub a: f64,
    #[serde(rename = "B")]
    pub b: f64,
    #[serde(rename = "C")]
    pub c: f64,
    #[serde(rename = "D")]
    pub d: f64,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Default for LevelPoints {
    fn default() -> Self {
        LevelPoints { s: 5.0, a: 4.0, b: 3.0, c: 2.0, d: 1.0, extra: Extra::new() }
    }
}

/// Factor per difficulty (難易度).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DifficultyFactors {
    pub high: f64,
    pub medium: f64,
    pub low: f64,
    /// For goals whose difficulty is not set.
    pub unset: f64,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Default for DifficultyFactors {
    fn default() -> Self {
        DifficultyFactors { high: 1.2, medium: 1.0, low: 0.8, unset: 1.0, extra: Extra::new() }
    }
}

impl ScoreFormula {
    pub fn points(&self, level: Level) -> f64 {
        let points = &self.points;
        match level {
            Level::S => points.s,
            Level::A => points.a,
            Level::B => points.b,
            Level::C => points.c,
            Level::D => points.d,
        }
    }

    /// The weights of the performance and the competency half for a level group.
    pub fn half_weights(&self, group: Option<LevelGroup>) -> (f64, f64) {
        let own = group.and_then(|group| self.groups.get(&group));
        let performance = own.and_then(|w| w.performance).or(self.performance).unwrap_or(0.5);
        let competency = own.and_then(|w| w.competency).or(self.competency).unwrap_or(0.5);
        (performance, competency)
    }

    /// An ability's weight in the competency score (1 for the mean).
    pub fn ability_weight(&self, ability: &str) -> f64 {
        match self.competency_method.unwrap_or_default() {
            CompetencyMethod::Mean => 1.0,
            CompetencyMethod::Weighted => self.ability_weights.get(ability).copied().unwrap_or(1.0),
        }
    }

    /// The overall level (総合評価) an overall score earns.
    pub fn level_of(&self, score: f64) -> Level {
        let cutoffs = &self.cutoffs;
        let halfway = |level, below| (self.points(level) + self.points(below)) / 2.0;
        let steps = [
            (Level::S, cutoffs.s.unwrap_or_else(|| halfway(Level::S, Level::A))),
            (Level::A, cutoffs.a.unwrap_or_else(|| halfway(Level::A, Level::B))),
            (Level::B, cutoffs.b.unwrap_or_else(|| halfway(Level::B, Level::C))),
            (Level::C, cutoffs.c.unwrap_or_else(|| halfway(Level::C, Level::D))),
        ];
        steps.into_iter().find(|&(_, lowest)| score >= lowest).map_or(Level::D, |(level, _)| level)
    }

    pub fn factor(&self, difficulty: Option<Difficulty>) -> f64 {
        let factors = &self.difficulty;
        match difficulty {
            Some(Difficulty::High) => factors.high,
            Some(Difficulty::Medium) => factors.medium,
            Some(Difficulty::Low) => factors.low,
            None => factors.unset,
        }
    }
}

/// Whose evaluation a counted level is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LevelSource {
    /// The reviewer's feedback level on the goal (一次評価).
    Reviewer,
    /// The owner's self level (自己評価), used while the reviewer has given none.
    SelfCheck,
}

/// One goal's part in the score.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoredGoal {
    pub goal: GoalId,
    pub level: Level,
    pub source: LevelSource,
    pub weight: u32,
    pub points: f64,
    pub factor: f64,
}

/// Why a goal does not count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeftOut {
    /// Neither the reviewer nor the owner has given it a level yet.
    NoLevel,
    NoWeight,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SheetScore {
    /// `None` while no goal counts (or the counted weights are all 0).
    pub score: Option<f64>,
    /// The counted goals, in sheet order.
    pub counted: Vec<ScoredGoal>,
    pub left_out: Vec<(GoalId, LeftOut)>,
}

/// The achievement score of `person`'s sheet in this cycle; see the module comment.
pub fn sheet_score(org: &Hierarchy<'_>, data: &CycleData, formula: &ScoreFormula, person: &str) -> SheetScore {
    let goals = data.goals.iter().find(|file| file.owner == person).map(|file| file.goals.as_slice()).unwrap_or(&[]);
    let reviewer_file =
        org.reviewer_of(person).and_then(|reviewer| data.feedback.iter().find(|file| file.reviewer == reviewer.id));
    score_goals(goals, reviewer_file.into_iter().flat_map(|file| &file.feedback), formula, person)
}

/// The score of `person`'s `goals` given their reviewer's feedback entries (all of
/// the reviewer's, or only those about the person): the core of [`sheet_score`], for
/// callers that have the files indexed already.
pub fn score_goals<'a>(
    goals: &[Goal],
    reviewer_entries: impl IntoIterator<Item = &'a Feedback>,
    formula: &ScoreFormula,
    person: &str,
) -> SheetScore {
    let reviews: Vec<&Feedback> =
        reviewer_entries.into_iter().filter(|entry| entry.person == person && entry.level.is_some()).collect();
    let mut score = SheetScore { score: None, counted: Vec::new(), left_out: Vec::new() };
    for goal in goals {
        let reviewed = latest_level_on(&reviews, &goal.id);
        let level = match (reviewed, goal.check.as_ref()) {
            (Some(level), _) => (level, LevelSource::Reviewer),
            (None, Some(check)) => (check.level, LevelSource::SelfCheck),
            (None, None) => {
                score.left_out.push((goal.id.clone(), LeftOut::NoLevel));
                continue;
            }
        };
        let Some(weight) = goal.weight else {
            score.left_out.push((goal.id.clone(), LeftOut::NoWeight));
            continue;
        };
        score.counted.push(ScoredGoal {
            goal: goal.id.clone(),
            level: level.0,
            source: level.1,
            weight,
            points: formula.points(level.0),
            factor: formula.factor(goal.difficulty),
        });
    }
    let total_weight: f64 = score.counted.iter().map(|g| f64::from(g.weight)).sum();
    if total_weight > 0.0 {
        let weighted: f64 = score.counted.iter().map(|g| f64::from(g.weight) * g.points * g.factor).sum();
        score.score = Some(round2(weighted / total_weight));
    }
    score
}

/// The reviewer's level on a goal: the latest dated entry wins, and of equal dates the
/// one written last, since a reviewer revises by adding an entry.
pub(crate) fn latest_level_on(reviews: &[&Feedback], goal: &str) -> Option<Level> {
    reviews
        .iter()
        .enumerate()
        .filter(|(_, entry)| entry.goal.as_deref() == Some(goal))
        .max_by_key(|(order, entry)| (entry.date, *order))
        .and_then(|(_, entry)| entry.level)
}

/// One ability's part in the competency score.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoredAbility {
    pub ability: AbilityId,
    pub level: Level,
    pub source: Rater,
    pub points: f64,
    pub weight: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CompetencyScore {
    /// `None` while no applicable ability has a level (or all counted weights are 0).
    pub score: Option<f64>,
    /// The counted abilities, in the framework's order.
    pub counted: Vec<ScoredAbility>,
    /// Applicable abilities nobody has rated yet.
    pub unrated: Vec<AbilityId>,
}

/// The competency score of a person's 能力評価 part; see the module comment.
pub fn competency_score(sheet: &CompetencySheet<'_>, formula: &ScoreFormula) -> CompetencyScore {
    let mut score = CompetencyScore { score: None, counted: Vec::new(), unrated: Vec::new() };
    for levels in &sheet.abilities {
        let AbilityLevels { ability, .. } = levels;
        match levels.effective() {
            Some((level, source)) => score.counted.push(ScoredAbility {
                ability: ability.id,
                level,
                source,
                points: formula.points(level),
                weight: formula.ability_weight(&ability.id),
            }),
            None => score.unrated.push(ability.id),
        }
    }
    let total_weight: f64 = score.counted.iter().map(|a| a.weight).sum();
    if total_weight > 0.0 {
        let weighted: f64 = score.counted.iter().map(|a| a.weight * a.points).sum();
        score.score = Some(round2(weighted / total_weight));
    }
    score
}

/// The overall result (総合評価) of a sheet.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Overall {
    pub score: Option<f64>,
    pub level: Option<Level>,
    /// The weights of the performance and the competency half used.
    pub weights: (f64, f64),
    /// Whether every half that applies has a score.
    pub complete: bool,
}

/// Combines the two halves; `competency` is `None` when the person has no 能力評価 half.
pub fn overall_score(
    performance: Option<f64>,
    competency: Option<&CompetencyScore>,
    group: Option<LevelGroup>,
    formula: &ScoreFormula,
) -> Overall {
    let weights = formula.half_weights(group);
    let (score, complete) = match (performance, competency.map(|c| c.score)) {
        (performance, None) => (performance, performance.is_some()),
        (Some(p), Some(Some(c))) if weights.0 + weights.1 > 0.0 => {
            (Some(round2((weights.0 * p + weights.1 * c) / (weights.0 + weights.1))), true)
        }
        (performance, Some(competency)) => (performance.or(competency), false),
    };
    Overall { score, level: score.map(|score| formula.level_of(score)), weights, complete }
}

/// Both halves of one person's evaluation and their combination.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation<'a> {
    pub performance: SheetScore,
    /// The 能力評価 part and its score, where the person has one.
    pub competency: Option<(CompetencySheet<'a>, CompetencyScore)>,
    pub overall: Overall,
}

/// `person`'s evaluation in this cycle: goal score, competency score and overall result.
pub fn evaluate<'a>(org: &Hierarchy<'_>, data: &'a CycleData, formula: &ScoreFormula, person: &str) -> Evaluation<'a> {
    let performance = sheet_score(org, data, formula, person);
    let competency = competency_sheet(org, data, person).map(|sheet| {
        let score = competency_score(&sheet, formula);
        (sheet, score)
    });
    combine(performance, competency, formula)
}

/// An [`Evaluation`] from halves already worked out (e.g. for many people at once).
pub fn combine<'a>(
    performance: SheetScore,
    competency: Option<(CompetencySheet<'a>, CompetencyScore)>,
    formula: &ScoreFormula,
) -> Evaluation<'a> {
    let group = competency.as_ref().map(|(sheet, _)| sheet.group);
    let overall = overall_score(performance.score, competency.as_ref().map(|(_, score)| score), group, formula);
    Evaluation { performance, competency, overall }
}

fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::cascade::tests::{cycle_data, file, goal};
    use crate::model::competency::tests::{framework, rating, self_rating};
    use crate::model::date::Date;
    use crate::model::info::DataSetInfo;
    use crate::model::permissions::tests::city;
    use crate::model::types::{FeedbackFile, Goal, SelfCheck};

    pub(crate) fn weighted(id: &str, weight: u32, difficulty: Option<Difficulty>, self_level: Option<Level>) -> Goal {
        Goal {
            weight: Some(weight),
            difficulty,
            check: self_level.map(|level| {
                Box::new(SelfCheck { level, comment: "自己評価".into(), date: None, extra: Extra::new() })
            }),
            ..goal(id, None, 0)
        }
    }

    pub(crate) fn review(person: &str, goal: &str, level: Level, date: Option<Date>) -> Feedback {
        Feedback {
            person: person.into(),
            goal: Some(goal.into()),
            level: Some(level),
            strengths: "資料が分かりやすい".into(),
            notes: Default::default(),
            date,
            shared: false,
            extra: Extra::new(),
        }
    }

    /// 佐藤's sheet: 研修 (40, high), 窓口 (35, medium), 手順書 (25, low), 広報 (unweighted),
    /// 資格 (20, no level); 鈴木 (佐藤's reviewer) has rated 研修 and 手順書.
    fn sato_sheet() -> CycleData {
        let mut data = cycle_data(vec![file(
            "sato",
            vec![
                weighted("kenshu", 40, Some(Difficulty::High), Some(Level::A)),
                weighted("madoguchi", 35, Some(Difficulty::Medium), Some(Level::B)),
                weighted("tejun", 25, Some(Difficulty::Low), None),
                Goal { weight: None, ..weighted("koho", 0, None, Some(Level::S)) },
                weighted("shikaku", 20, None, None),
            ],
            vec![],
        )]);
        let mut reviews = FeedbackFile::new("suzuki", "2025");
        reviews.feedback.push(review("sato", "kenshu", Level::B, Date::from_ymd(2026, 2, 10)));
        reviews.feedback.push(review("sato", "kenshu", Level::S, Date::from_ymd(2026, 2, 20)));
        reviews.feedback.push(review("sato", "tejun", Level::A, None));
        // Another person's rating of the same goal id must not leak in.
        reviews.feedback.push(review("ito", "madoguchi", Level::D, None));
        data.feedback.push(reviews);
        data
    }

    #[test]
    fn the_default_formula_weights_points_by_difficulty() {
        // 研修: reviewer's latest S → 40·5·1.2 = 240; 窓口: self B → 35·3·1.0 = 105;
        // 手順書: reviewer A → 25·4·0.8 = 80. (240 + 105 + 80) / 100 = 4.25.
        let org = city();
        let score = sheet_score(&Hierarchy::new(&org), &sato_sheet(), &ScoreFormula::default(), "sato");
        assert_eq!(score.score, Some(4.25));
        let counted: Vec<(&str, Level, LevelSource)> =
            score.counted.iter().map(|g| (g.goal.as_str(), g.level, g.source)).collect();
        assert_eq!(
            counted,
            [
                ("kenshu", Level::S, LevelSource::Reviewer),
                ("madoguchi", Level::B, LevelSource::SelfCheck),
                ("tejun", Level::A, LevelSource::Reviewer),
            ]
        );
        assert_eq!(score.left_out, [("koho".into(), LeftOut::NoWeight), ("shikaku".into(), LeftOut::NoLevel)]);
    }

    #[test]
    fn the_result_is_rounded_to_two_decimals() {
        // Weights 1 and 2 at A (4) and B (3), no difficulty: (4 + 6) / 3 = 3.333… → 3.33.
        let data = cycle_data(vec![file(
            "sato",
            vec![weighted("a", 1, None, Some(Level::A)), weighted("b", 2, None, Some(Level::B))],
            vec![],
        )]);
        let org = city();
        let score = sheet_score(&Hierarchy::new(&org), &data, &ScoreFormula::default(), "sato");
        assert_eq!(score.score, Some(3.33));
    }

    #[test]
    fn a_sheet_without_levels_has_no_score() {
        let data = cycle_data(vec![file("sato", vec![weighted("a", 100, None, None)], vec![])]);
        let org = city();
        let hierarchy = Hierarchy::new(&org);
        let score = sheet_score(&hierarchy, &data, &ScoreFormula::default(), "sato");
        assert_eq!(score.score, None);
        assert_eq!(sheet_score(&hierarchy, &data, &ScoreFormula::default(), "nobody").counted, []);
    }

    #[test]
    fn a_partial_score_table_keeps_the_other_defaults_and_unknown_keys() {
        let info: DataSetInfo = toml::from_str(
            "schema_version = 1\norganisation = \"青森市\"\ncurrent_cycle = \"2025\"\n\n\
             [score.points]\nS = 6\nfuture = \"kept\"\n\n[score.difficulty]\nhigh = 1.5\n",
        )
        .unwrap();
        let formula = info.score_formula();
        assert_eq!((formula.points(Level::S), formula.points(Level::A)), (6.0, 4.0));
        assert_eq!((formula.factor(Some(Difficulty::High)), formula.factor(None)), (1.5, 1.0));
        // 研修 S: 40·6·1.5 = 360; 窓口 B: 105; 手順書 A: 80 → 545 / 100 = 5.45.
        let org = city();
        assert_eq!(sheet_score(&Hierarchy::new(&org), &sato_sheet(), &formula, "sato").score, Some(5.45));
        let written = toml::to_string(&info).unwrap();
        assert!(written.contains("future = \"kept\""), "{written}");
        assert_eq!(toml::from_str::<DataSetInfo>(&written).unwrap(), info);
    }

    /// 佐藤's sheet with the 能力評価 half (主幹級・主査級: four abilities): self A, B, B, C;
    /// 鈴木 (reviewer) S on 知識 and A on リーダーシップ; 田中 (second reviewer) B on リーダーシップ.
    fn sato_with_competencies() -> CycleData {
        let mut data = sato_sheet();
        data.competencies = Some(framework());
        data.goals[0].competencies = vec![
            self_rating("knowledge", Level::A),
            self_rating("planning", Level::B),
            self_rating("leadership", Level::B),
            self_rating("cooperation", Level::C),
        ];
        data.feedback[0].competency =
            vec![rating("sato", "knowledge", Level::S, None), rating("sato", "leadership", Level::A, None)];
        let mut tanaka = FeedbackFile::new("tanaka", "2025");
        tanaka.competency = vec![rating("sato", "leadership", Level::B, None)];
        data.feedback.push(tanaka);
        data
    }

    #[test]
    fn the_competency_score_is_the_mean_of_the_levels_that_count() {
        // 知識 S (reviewer) 5, 企画力 B (self) 3, リーダーシップ B (second reviewer) 3,
        // 協調性 C (self) 2: 13 / 4 = 3.25. Overall (4.25 + 3.25) / 2 = 3.75, level A.
        let org = city();
        let data = sato_with_competencies();
        let evaluation = evaluate(&Hierarchy::new(&org), &data, &ScoreFormula::default(), "sato");
        let (sheet, competency) = evaluation.competency.as_ref().unwrap();
        assert_eq!(sheet.group, LevelGroup::Supervisor);
        let counted: Vec<(&str, Level, Rater)> =
            competency.counted.iter().map(|a| (a.ability.as_str(), a.level, a.source)).collect();
        assert_eq!(
            counted,
            [
                ("knowledge", Level::S, Rater::Reviewer),
                ("planning", Level::B, Rater::Owner),
                ("leadership", Level::B, Rater::SecondReviewer),
                ("cooperation", Level::C, Rater::Owner),
            ]
        );
        assert_eq!(competency.score, Some(3.25));
        assert_eq!(evaluation.performance.score, Some(4.25));
        assert_eq!(
            evaluation.overall,
            Overall { score: Some(3.75), level: Some(Level::A), weights: (0.5, 0.5), complete: true }
        );
    }

    #[test]
    fn weights_of_abilities_and_of_the_halves_come_from_the_score_table() {
        let info: DataSetInfo = toml::from_str(
            "schema_version = 1\norganisation = \"青森市\"\ncurrent_cycle = \"2025\"\n\n[score]\nperformance = 0.7\n\
             competency = 0.3\ncompetency_method = \"weighted\"\n\n[score.ability_weights]\nleadership = 2\n\n\
             [score.groups.supervisor]\nperformance = 0.6\n\n[score.groups.staff]\ncompetency = 0.5\nfuture = 1\n",
        )
        .unwrap();
        let formula = info.score_formula();
        assert_eq!(formula.half_weights(Some(LevelGroup::Supervisor)), (0.6, 0.3));
        assert_eq!(formula.half_weights(Some(LevelGroup::Staff)), (0.7, 0.5));
        assert_eq!(formula.half_weights(None), (0.7, 0.3));
        // Weighted: (5 + 3 + 2·3 + 2) / 5 = 16 / 5 = 3.2. Overall for 主幹級 with 0.6 and
        // 0.3: (0.6 · 4.25 + 0.3 · 3.2) / 0.9 = (2.55 + 0.96) / 0.9 = 3.9.
        let org = city();
        let data = sato_with_competencies();
        let evaluation = evaluate(&Hierarchy::new(&org), &data, &formula, "sato");
        assert_eq!(evaluation.competency.as_ref().unwrap().1.score, Some(3.2));
        assert_eq!((evaluation.overall.score, evaluation.overall.weights), (Some(3.9), (0.6, 0.3)));
        let written = toml::to_string(&info).unwrap();
        assert_eq!(toml::from_str::<DataSetInfo>(&written).unwrap(), info);
        assert!(written.contains("future = 1"), "{written}");
    }

    #[test]
    fn without_a_competency_half_the_overall_score_is_the_goal_score() {
        // No framework: exactly the goal score, whatever the weights say.
        let org = city();
        let formula = ScoreFormula { performance: Some(0.2), ..ScoreFormula::default() };
        let data = sato_sheet();
        let evaluation = evaluate(&Hierarchy::new(&org), &data, &formula, "sato");
        assert!(evaluation.competency.is_none());
        assert_eq!((evaluation.overall.score, evaluation.overall.complete), (Some(4.25), true));
        // A half without levels yet: the other half stands in, marked incomplete.
        let mut data = sato_with_competencies();
        data.goals[0].competencies.clear();
        data.feedback.iter_mut().for_each(|file| file.competency.clear());
        let overall = evaluate(&Hierarchy::new(&org), &data, &ScoreFormula::default(), "sato").overall;
        assert_eq!((overall.score, overall.level, overall.complete), (Some(4.25), Some(Level::A), false));
        let nothing = overall_score(None, None, None, &ScoreFormula::default());
        assert_eq!((nothing.score, nothing.level, nothing.complete), (None, None, false));
    }

    #[test]
    fn the_documented_example_adds_up() {
        // Goal score 4.25; 主事級 abilities A × 3, B × 8, C: 38 / 12 = 3.1667 → 3.17;
        // (0.5 · 4.25 + 0.5 · 3.17) / 1 = 2.125 + 1.585 = 3.71, level A.
        let competency = CompetencyScore { score: Some(round2(38.0 / 12.0)), counted: Vec::new(), unrated: Vec::new() };
        assert_eq!(competency.score, Some(3.17));
        let overall = overall_score(Some(4.25), Some(&competency), Some(LevelGroup::Staff), &ScoreFormula::default());
        assert_eq!((overall.score, overall.level), (Some(3.71), Some(Level::A)));
    }

    #[test]
    fn the_overall_level_follows_the_cutoffs() {
        let formula = ScoreFormula::default();
        let levels: Vec<Level> = [6.0, 4.5, 4.49, 3.5, 3.49, 2.5, 1.5, 1.49, 0.0].map(|s| formula.level_of(s)).to_vec();
        use Level::*;
        assert_eq!(levels, [S, S, A, A, B, B, C, D, D]);
        // Halfway between the points when they change (S = 6: 5.0), else as set.
        let mut formula = ScoreFormula::default();
        formula.points.s = 6.0;
        assert_eq!((formula.level_of(4.9), formula.level_of(5.0)), (A, S));
        formula.cutoffs.a = Some(3.8);
        assert_eq!((formula.level_of(3.7), formula.level_of(3.8)), (B, A));
    }

    #[test]
    fn a_missing_score_table_means_the_defaults_and_is_not_written() {
        let info: DataSetInfo =
            toml::from_str("schema_version = 1\norganisation = \"青森市\"\ncurrent_cycle = \"2025\"\n").unwrap();
        assert_eq!(info.score, None);
        assert_eq!(info.score_formula(), ScoreFormula::default());
        assert!(!toml::to_string(&info).unwrap().contains("score"));
    }
}
