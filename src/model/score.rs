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

use serde::{Deserialize, Serialize};

use super::permissions::Hierarchy;
use super::types::{CycleData, Difficulty, Extra, Feedback, FeedbackFile, Goal, GoalId, Level};

/// The `[score]` table of `pdca.toml`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScoreFormula {
    pub points: LevelPoints,
    pub difficulty: DifficultyFactors,
    #[serde(flatten)]
    pub extra: Extra,
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
    score_goals(goals, reviewer_file, formula, person)
}

/// The score of `person`'s `goals` given their reviewer's feedback file: the core
/// of [`sheet_score`], for callers that have the files indexed already.
pub fn score_goals(
    goals: &[Goal],
    reviewer_file: Option<&FeedbackFile>,
    formula: &ScoreFormula,
    person: &str,
) -> SheetScore {
    let reviews: Vec<&Feedback> = reviewer_file
        .map(|file| file.feedback.iter().filter(|entry| entry.person == person && entry.level.is_some()).collect())
        .unwrap_or_default();
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
        score.score = Some((weighted / total_weight * 100.0).round() / 100.0);
    }
    score
}

/// The reviewer's level on a goal: the latest dated entry wins, and of equal dates the
/// one written last, since a reviewer revises by adding an entry.
fn latest_level_on(reviews: &[&Feedback], goal: &str) -> Option<Level> {
    reviews
        .iter()
        .enumerate()
        .filter(|(_, entry)| entry.goal.as_deref() == Some(goal))
        .max_by_key(|(order, entry)| (entry.date, *order))
        .and_then(|(_, entry)| entry.level)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::cascade::tests::{cycle_data, file, goal};
    use crate::model::date::Date;
    use crate::model::info::DataSetInfo;
    use crate::model::permissions::tests::city;
    use crate::model::types::{FeedbackFile, Goal, SelfCheck};

    fn weighted(id: &str, weight: u32, difficulty: Option<Difficulty>, self_level: Option<Level>) -> Goal {
        Goal {
            weight: Some(weight),
            difficulty,
            check: self_level.map(|level| SelfCheck {
                level,
                comment: "自己評価".into(),
                date: None,
                extra: Extra::new(),
            }),
            ..goal(id, None, 0)
        }
    }

    fn review(person: &str, goal: &str, level: Level, date: Option<Date>) -> Feedback {
        Feedback {
            person: person.into(),
            goal: Some(goal.into()),
            level: Some(level),
            strengths: "資料が分かりやすい".into(),
            improvements: String::new(),
            contribution: String::new(),
            comment: String::new(),
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

    #[test]
    fn a_missing_score_table_means_the_defaults_and_is_not_written() {
        let info: DataSetInfo =
            toml::from_str("schema_version = 1\norganisation = \"青森市\"\ncurrent_cycle = \"2025\"\n").unwrap();
        assert_eq!(info.score, None);
        assert_eq!(info.score_formula(), ScoreFormula::default());
        assert!(!toml::to_string(&info).unwrap().contains("score"));
    }
}
