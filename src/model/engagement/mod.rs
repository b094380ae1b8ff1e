//! Engagement survey results: per unit and question, the mean score and the
//! number of respondents, imported by HR into `cycles/<cycle>/engagement.toml`.
//! No individual answer is ever stored.
//!
//! A row with fewer respondents than the minimum (`[engagement] min_respondents`
//! in `pdca.toml`, default 5) is never shown, to keep answers anonymous: the rows
//! are private to [`EngagementFile`], and everything that reads them for showing
//! or computing goes through [`EngagementFile::shown`], which leaves those rows out.
//!
//! A row covers its unit and the units below it. A unit without a row of its own
//! gets the respondent-weighted mean of its sub-units' (so a department's score
//! comes from its sections). A unit's overall score and a group's score are the
//! plain mean of its questions' means, as the seed computes 「平均3.25」. Scores are
//! read against the seed's bands: below 3.2 low, 3.6 the average, above 3.8 high.

pub mod questions;

use crate::model::hash::HashMap;

use serde::{Deserialize, Serialize};

pub use questions::{Question, QuestionGroup, QuestionList};

use super::types::{CycleId, Extra, UnitId};
use super::units::UnitTree;

/// Fewest respondents a result row needs to be shown, unless `pdca.toml` says otherwise.
pub const DEFAULT_MIN_RESPONDENTS: u32 = 5;
/// Below this a score is low (3.2を下回ると低い).
pub const LOW_BELOW: f64 = 3.2;
/// The average score (3.6が平均点).
pub const AVERAGE: f64 = 3.6;
/// Above this a score is high (3.8を超えると高い).
pub const HIGH_ABOVE: f64 = 3.8;

/// `[engagement]` in `pdca.toml`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EngagementSettings {
    #[serde(default = "default_min_respondents")]
    pub min_respondents: u32,
    #[serde(flatten)]
    pub extra: Extra,
}

fn default_min_respondents() -> u32 {
    DEFAULT_MIN_RESPONDENTS
}

impl Default for EngagementSettings {
    fn default() -> Self {
        EngagementSettings { min_respondents: DEFAULT_MIN_RESPONDENTS, extra: Extra::new() }
    }
}

/// `cycles/<cycle>/engagement.toml`: one cycle's survey results, written by HR.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EngagementFile {
    pub cycle: CycleId,
    /// Private so that no caller shows a row under the minimum by accident.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    results: Vec<EngagementResult>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One unit's result for one question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EngagementResult {
    pub unit: UnitId,
    /// A question id of the question list.
    pub question: String,
    pub mean: f64,
    pub respondents: u32,
    #[serde(flatten)]
    pub extra: Extra,
}

impl EngagementFile {
    pub fn new(cycle: &str, results: Vec<EngagementResult>) -> Self {
        EngagementFile { cycle: cycle.into(), results, extra: Extra::new() }
    }

    /// The results as they may be shown and computed with: rows under the minimum left out.
    pub fn shown(&self, settings: &EngagementSettings) -> ShownResults<'_> {
        let rows: Vec<&EngagementResult> =
            self.results.iter().filter(|row| row.respondents >= settings.min_respondents).collect();
        let mut by_key = HashMap::with_capacity_and_hasher(rows.len(), Default::default());
        for &row in &rows {
            // A repeated row (reported by validation): the first one counts.
            by_key.entry((row.unit.as_str(), row.question.as_str())).or_insert(row);
        }
        ShownResults { cycle: &self.cycle, suppressed: self.results.len() - rows.len(), rows, by_key }
    }

    /// Every row, those under the minimum too: for validation and for HR's import
    /// only, never for showing.
    pub fn all_results_including_suppressed(&self) -> &[EngagementResult] {
        &self.results
    }

    /// Replaces the results by a new import, keeping the file's other keys.
    pub fn replace_results(&mut self, results: Vec<EngagementResult>) {
        self.results = results;
    }
}

/// A cycle's results without the rows under the minimum of respondents.
#[derive(Clone, Debug)]
pub struct ShownResults<'a> {
    cycle: &'a str,
    rows: Vec<&'a EngagementResult>,
    by_key: HashMap<(&'a str, &'a str), &'a EngagementResult>,
    suppressed: usize,
}

/// A mean and how many answered it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Score {
    pub mean: f64,
    pub respondents: u32,
}

impl<'a> ShownResults<'a> {
    pub fn cycle(&self) -> &'a str {
        self.cycle
    }

    /// The rows with enough respondents, in file order.
    pub fn rows(&self) -> impl Iterator<Item = &'a EngagementResult> + '_ {
        self.rows.iter().copied()
    }

    /// How many rows are held back: a view says that some results are not shown.
    pub fn suppressed(&self) -> usize {
        self.suppressed
    }

    /// The unit's score for a question: its own row, else the respondent-weighted
    /// mean of its sub-units' scores.
    pub fn score(&self, units: &UnitTree<'_>, unit: &str, question: &str) -> Option<Score> {
        self.score_within(units, unit, question, &mut Vec::new())
    }

    fn score_within<'u>(
        &self,
        units: &UnitTree<'u>,
        unit: &str,
        question: &str,
        path: &mut Vec<String>,
    ) -> Option<Score> {
        if let Some(row) = self.by_key.get(&(unit, question)) {
            return Some(Score { mean: row.mean, respondents: row.respondents });
        }
        if path.iter().any(|seen| seen == unit) {
            return None; // a loop of unit parents; validation reports it
        }
        path.push(unit.to_owned());
        let parts: Vec<Score> =
            units.children(unit).iter().filter_map(|child| self.score_within(units, child, question, path)).collect();
        path.pop();
        let respondents: u32 = parts.iter().map(|part| part.respondents).sum();
        (respondents > 0).then(|| Score {
            mean: parts.iter().map(|part| part.mean * f64::from(part.respondents)).sum::<f64>()
                / f64::from(respondents),
            respondents,
        })
    }

    /// The unit's overall score: the mean of its questions' means, over the questions
    /// of the list it has a score for.
    pub fn overall(&self, units: &UnitTree<'_>, questions: &QuestionList, unit: &str) -> Option<f64> {
        mean(questions.questions.iter().filter_map(|q| self.score(units, unit, &q.id)).map(|s| s.mean))
    }
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, count) = values.fold((0.0, 0u32), |(sum, count), value| (sum + value, count + 1));
    (count > 0).then(|| sum / f64::from(count))
}

/// Where a score stands among the seed's bands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Band {
    /// Below 3.2.
    Low,
    /// From 3.2 to below the average of 3.6.
    BelowAverage,
    /// From 3.6 to 3.8.
    Average,
    /// Above 3.8.
    High,
}

impl Band {
    pub fn of(mean: f64) -> Band {
        if mean < LOW_BELOW {
            Band::Low
        } else if mean < AVERAGE {
            Band::BelowAverage
        } else if mean <= HIGH_ABOVE {
            Band::Average
        } else {
            Band::High
        }
    }
}

/// A score with its band and its change since the previous cycle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Reading {
    pub mean: f64,
    pub band: Band,
    /// This cycle's mean minus the previous cycle's, where both are shown.
    pub change: Option<f64>,
}

impl Reading {
    fn of(mean: Option<f64>, previous: Option<f64>) -> Option<Reading> {
        let mean = mean?;
        Some(Reading { mean, band: Band::of(mean), change: previous.map(|before| mean - before) })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct QuestionReading {
    pub question: String,
    /// Respondents behind this cycle's mean.
    pub respondents: u32,
    pub reading: Reading,
}

#[derive(Clone, Debug, PartialEq)]
pub struct GroupReading {
    pub group: String,
    pub reading: Reading,
}

/// A unit's results for a view: per question, per group and overall.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitSummary {
    pub unit: UnitId,
    /// Questions with a score, in list order.
    pub questions: Vec<QuestionReading>,
    /// Groups with a score, in list order.
    pub groups: Vec<GroupReading>,
    pub overall: Reading,
}

/// The unit's results of a cycle, with the change since `previous`; `None` when
/// none of its results may be shown.
pub fn unit_summary(
    units: &UnitTree<'_>,
    questions: &QuestionList,
    current: &ShownResults<'_>,
    previous: Option<&ShownResults<'_>>,
    unit: &str,
) -> Option<UnitSummary> {
    let before = |question: &str| previous.and_then(|p| p.score(units, unit, question)).map(|s| s.mean);
    let question_readings: Vec<QuestionReading> = questions
        .questions
        .iter()
        .filter_map(|question| {
            let score = current.score(units, unit, &question.id)?;
            Some(QuestionReading {
                question: question.id.clone(),
                respondents: score.respondents,
                reading: Reading::of(Some(score.mean), before(&question.id))?,
            })
        })
        .collect();
    let group_readings = questions
        .groups
        .iter()
        .filter_map(|group| {
            let now = mean(
                question_readings
                    .iter()
                    .filter(|r| in_group(questions, &r.question, &group.id))
                    .map(|r| r.reading.mean),
            );
            let then = mean(questions.in_group(&group.id).filter_map(|q| before(&q.id)));
            Some(GroupReading { group: group.id.clone(), reading: Reading::of(now, then)? })
        })
        .collect();
    let overall =
        Reading::of(current.overall(units, questions, unit), previous.and_then(|p| p.overall(units, questions, unit)))?;
    Some(UnitSummary { unit: unit.to_owned(), questions: question_readings, groups: group_readings, overall })
}

fn in_group(questions: &QuestionList, question: &str, group: &str) -> bool {
    questions.question(question).is_some_and(|q| q.group == group)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::info::DataSetInfo;

    /// A message in Japanese and English, side by side.
    fn texts<T: crate::messages::Message>(message: &T) -> (String, String) {
        (message.ja(), message.en())
    }

    use crate::model::permissions::tests::city;

    pub(crate) fn row(unit: &str, question: &str, mean: f64, respondents: u32) -> EngagementResult {
        EngagementResult { unit: unit.into(), question: question.into(), mean, respondents, extra: Extra::new() }
    }

    /// 人事課 answers Q4 and Q11 as a whole (10 people); its team (3) is too small to
    /// show; 情報政策課 (6) answers Q4 only.
    pub(crate) fn results_2026() -> EngagementFile {
        EngagementFile::new(
            "2026",
            vec![
                row("jinji", "Q4", 3.0, 10),
                row("jinji", "Q11", 3.4, 10),
                row("jinji-t", "Q4", 2.0, 3),
                row("joho", "Q4", 3.6, 6),
            ],
        )
    }

    #[test]
    fn rows_under_the_minimum_are_never_shown_nor_used() {
        let org = city();
        let units = UnitTree::new(&org);
        let file = results_2026();
        let shown = file.shown(&EngagementSettings::default());
        assert_eq!(shown.rows().count(), 3);
        assert_eq!(shown.suppressed(), 1);
        assert_eq!(shown.score(&units, "jinji-t", "Q4"), None, "3 respondents, 5 needed");
        let strict = file.shown(&EngagementSettings { min_respondents: 7, ..Default::default() });
        assert_eq!(strict.score(&units, "joho", "Q4"), None);
        assert_eq!(file.all_results_including_suppressed().len(), 4);
    }

    #[test]
    fn a_unit_without_a_row_takes_its_sub_units_weighted_by_respondents() {
        let org = city();
        let units = UnitTree::new(&org);
        let file = results_2026();
        let shown = file.shown(&EngagementSettings::default());
        // 総務部 Q4: (3.0·10 + 3.6·6) / 16 = 51.6 / 16 = 3.225.
        let q4 = shown.score(&units, "soumu", "Q4").unwrap();
        assert_eq!(q4.respondents, 16);
        assert!((q4.mean - 3.225).abs() < 1e-12);
        // Its own row wins over its team's.
        assert_eq!(shown.score(&units, "jinji", "Q4"), Some(Score { mean: 3.0, respondents: 10 }));
        // Overall for 総務部: mean of Q4 (3.225) and Q11 (3.4, only 人事課) = 3.3125.
        let overall = shown.overall(&units, &QuestionList::default(), "soumu").unwrap();
        assert!((overall - 3.3125).abs() < 1e-12);
    }

    #[test]
    fn bands_follow_the_seed() {
        let bands: Vec<Band> = [2.72, 3.19, 3.2, 3.59, 3.6, 3.8, 3.81].map(Band::of).to_vec();
        assert_eq!(
            bands,
            [Band::Low, Band::Low, Band::BelowAverage, Band::BelowAverage, Band::Average, Band::Average, Band::High]
        );
        assert_eq!(texts(&Band::Low), ("低い".to_owned(), "low".to_owned()));
    }

    #[test]
    fn a_summary_gives_questions_groups_overall_and_the_change_since_last_cycle() {
        let org = city();
        let units = UnitTree::new(&org);
        let questions = QuestionList::default();
        let now = results_2026();
        let before = EngagementFile::new("2025", vec![row("jinji", "Q4", 2.7, 12), row("jinji", "Q5", 3.9, 12)]);
        let settings = EngagementSettings::default();
        let summary =
            unit_summary(&units, &questions, &now.shown(&settings), Some(&before.shown(&settings)), "jinji").unwrap();
        let readings: Vec<(&str, f64, Band, Option<f64>)> = summary
            .questions
            .iter()
            .map(|q| {
                (
                    q.question.as_str(),
                    q.reading.mean,
                    q.reading.band,
                    q.reading.change.map(|c| (c * 100.0).round() / 100.0),
                )
            })
            .collect();
        assert_eq!(readings, [("Q4", 3.0, Band::Low, Some(0.3)), ("Q11", 3.4, Band::BelowAverage, None)]);
        let groups: Vec<(&str, f64, Option<f64>)> =
            summary.groups.iter().map(|g| (g.group.as_str(), g.reading.mean, g.reading.change)).collect();
        // 能力発揮・貢献 now: Q4 3.0; before: Q4 2.7 and Q5 3.9 → 3.3, so −0.3.
        assert_eq!(groups[0].0, "contribution");
        assert_eq!(groups[0].1, 3.0);
        assert!((groups[0].2.unwrap() + 0.3).abs() < 1e-12);
        assert_eq!((groups[1].0, groups[1].1, groups[1].2), ("growth", 3.4, None));
        // Overall now (3.0 + 3.4) / 2 = 3.2; before (2.7 + 3.9) / 2 = 3.3.
        assert!((summary.overall.mean - 3.2).abs() < 1e-12);
        assert_eq!(summary.overall.band, Band::BelowAverage);
        assert!((summary.overall.change.unwrap() + 0.1).abs() < 1e-12);
        assert_eq!(unit_summary(&units, &questions, &now.shown(&settings), None, "jinji-t"), None);
    }

    #[test]
    fn an_engagement_file_round_trips_and_minimums_come_from_pdca_toml() {
        let text = "cycle = \"2026\"\nsurvey = \"令和8年度\"\n\n[[results]]\nunit = \"jinji\"\nquestion = \"Q4\"\n\
                    mean = 3.0\nrespondents = 10\n";
        let file: EngagementFile = toml::from_str(text).unwrap();
        assert_eq!(file.all_results_including_suppressed().len(), 1);
        assert_eq!(toml::to_string(&file).unwrap(), text);
        let info: DataSetInfo = toml::from_str(
            "schema_version = 1\norganisation = \"青森市\"\ncurrent_cycle = \"2026\"\n[engagement]\nmin_respondents = 10\n",
        )
        .unwrap();
        assert_eq!(info.engagement_settings().min_respondents, 10);
    }
}
