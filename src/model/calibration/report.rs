//! What calibration looks at: the people whose sheets are far enough in the workflow
//! ([`subjects`]), their distributions per reviewer, unit and level group against the
//! target bands of `pdca.toml`, flags for central tendency and leniency or severity,
//! the gap between self and reviewer levels, and a preview of adjustments under
//! consideration. All of it is computed from the records; nothing is stored.

use crate::model::hash::HashMap;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::adjustment::{AdjustmentIndex, FinalResult, Outcome};
use crate::model::competency::{LevelGroup, Rater, RatingIndex};
use crate::model::permissions::Hierarchy;
use crate::model::score::{Evaluation, LevelSource, ScoreFormula, combine, competency_score, score_goals};
use crate::model::types::calibration::FinalValue;
use crate::model::types::{CycleData, Extra, FeedbackFile, Goal, Level, Person, PersonId, UnitId};
use crate::model::workflow::{SheetState, sheet_states};

/// `[calibration]` of `pdca.toml`; every key optional.
///
/// ```toml
/// [calibration]
/// bands = { S = 0.05, A = 0.25 }  # at most 5 % of people at S, 25 % at A
/// central_tendency = 0.6          # flag a reviewer when more than 60 % of their levels are B
/// leniency_points = 0.5           # flag a reviewer whose mean level is 0.5 points off the organisation's
/// leniency_sd = 1.0               # … or 1 standard deviation off (unset: not used)
/// min_people = 3                  # smaller groups are shown but not flagged
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CalibrationRules {
    /// The largest share of people each final level may take.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub bands: BTreeMap<Level, f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub central_tendency: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leniency_points: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leniency_sd: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_people: Option<usize>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl CalibrationRules {
    fn central_tendency(&self) -> f64 {
        self.central_tendency.unwrap_or(0.6)
    }

    fn leniency_points(&self) -> f64 {
        self.leniency_points.unwrap_or(0.5)
    }

    fn min_people(&self) -> usize {
        self.min_people.unwrap_or(3)
    }
}

/// One person under calibration.
#[derive(Clone, Debug, PartialEq)]
pub struct Subject<'a> {
    pub person: &'a Person,
    /// 一次評価者.
    pub reviewer: Option<&'a Person>,
    pub group: Option<LevelGroup>,
    pub state: SheetState,
    pub evaluation: Evaluation<'a>,
    pub result: FinalResult<'a>,
    /// Every level the reviewer gave: on the goals counted in the goal score, and on abilities.
    pub given: Vec<Level>,
    /// (self, reviewer) levels of every goal or ability that has both.
    pub pairs: Vec<(Level, Level)>,
}

/// The people of the organisation whose sheet is in `from` or a later state, in
/// org.toml order, with their evaluation and their result after the recorded
/// adjustments. Calibration proper starts at [`SheetState::Reviewed`]; an earlier
/// state shows provisional results.
pub fn subjects<'a>(
    org: &Hierarchy<'a>,
    data: &'a CycleData,
    formula: &ScoreFormula,
    from: SheetState,
) -> Vec<Subject<'a>> {
    let sheets = sheet_states(org, data);
    let goals: HashMap<&str, &[Goal]> = data.goals.iter().map(|f| (f.owner.as_str(), f.goals.as_slice())).collect();
    let feedback: HashMap<&str, &FeedbackFile> = data.feedback.iter().map(|f| (f.reviewer.as_str(), f)).collect();
    let ratings = RatingIndex::new(data);
    let adjustments = AdjustmentIndex::new(data);
    let mut subjects = Vec::new();
    for person in org.org().people.iter() {
        let state = sheets.state(&person.id);
        if state < from {
            continue;
        }
        let reviewer = org.reviewer_of(&person.id);
        let own_goals = goals.get(person.id.as_str()).copied().unwrap_or_default();
        let reviews = reviewer.and_then(|reviewer| feedback.get(reviewer.id.as_str()).copied());
        let performance =
            score_goals(own_goals, reviews.into_iter().flat_map(|file| &file.feedback), formula, &person.id);
        let competency = data.competencies.as_ref().and_then(|framework| ratings.sheet(org, framework, &person.id));
        let competency = competency.map(|sheet| {
            let score = competency_score(&sheet, formula);
            (sheet, score)
        });
        let evaluation = combine(performance, competency, formula);
        let result = adjustments.replay(org, formula, &person.id, Outcome::of(&evaluation.overall));
        let (given, pairs) = levels_given(own_goals, &evaluation);
        let group = evaluation.competency.as_ref().map(|(sheet, _)| sheet.group);
        subjects.push(Subject { person, reviewer, group, state, evaluation, result, given, pairs });
    }
    subjects
}

/// The reviewer's levels, and (self, reviewer) pairs, of goals and abilities.
fn levels_given(goals: &[Goal], evaluation: &Evaluation<'_>) -> (Vec<Level>, Vec<(Level, Level)>) {
    let mut given = Vec::new();
    let mut pairs = Vec::new();
    for scored in evaluation.performance.counted.iter().filter(|g| g.source == LevelSource::Reviewer) {
        given.push(scored.level);
        let own = goals.iter().find(|goal| goal.id == scored.goal).and_then(|goal| goal.check.as_ref());
        pairs.extend(own.map(|check| (check.level, scored.level)));
    }
    for levels in evaluation.competency.iter().flat_map(|(sheet, _)| &sheet.abilities) {
        if let Some(reviewer) = levels.level(Rater::Reviewer) {
            given.push(reviewer);
            pairs.extend(levels.level(Rater::Owner).map(|own| (own, reviewer)));
        }
    }
    (given, pairs)
}

/// How many of each level, S to D.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LevelCounts {
    pub counts: [usize; 5],
}

impl LevelCounts {
    fn of(levels: impl IntoIterator<Item = Level>) -> LevelCounts {
        let mut counts = LevelCounts::default();
        for level in levels {
            counts.counts[level as usize] += 1;
        }
        counts
    }

    pub fn count(&self, level: Level) -> usize {
        self.counts[level as usize]
    }

    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    /// The share of `level`, 0–1; `None` when there are none at all.
    pub fn share(&self, level: Level) -> Option<f64> {
        let total = self.total();
        (total > 0).then(|| self.count(level) as f64 / total as f64)
    }
}

/// Count, mean, population standard deviation, least and greatest of some numbers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Summary {
    pub count: usize,
    pub mean: f64,
    pub sd: f64,
    pub min: f64,
    pub max: f64,
}

impl Summary {
    pub fn of(values: impl IntoIterator<Item = f64>) -> Option<Summary> {
        let values: Vec<f64> = values.into_iter().collect();
        let count = values.len();
        if count == 0 {
            return None;
        }
        let mean = values.iter().sum::<f64>() / count as f64;
        let sd = (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / count as f64).sqrt();
        let min = values.iter().copied().fold(f64::INFINITY, f64::min);
        let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        Some(Summary { count, mean, sd, min, max })
    }
}

/// The distributions of one group of people.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stats {
    pub people: usize,
    /// Final overall level of each person.
    pub levels: LevelCounts,
    /// Final overall scores.
    pub scores: Option<Summary>,
    /// Every level the reviewers gave these people.
    pub given: LevelCounts,
    /// The points of those levels.
    pub given_points: Option<Summary>,
}

impl Stats {
    fn of<'s, 'a: 's>(members: impl Iterator<Item = (&'s Subject<'a>, Outcome)>, formula: &ScoreFormula) -> Stats {
        let members: Vec<(&Subject, Outcome)> = members.collect();
        let given = || members.iter().flat_map(|(subject, _)| subject.given.iter().copied());
        Stats {
            people: members.len(),
            levels: LevelCounts::of(members.iter().filter_map(|(_, outcome)| outcome.level)),
            scores: Summary::of(members.iter().filter_map(|(_, outcome)| outcome.score)),
            given: LevelCounts::of(given()),
            given_points: Summary::of(given().map(|level| formula.points(level))),
        }
    }
}

/// Mean difference of self and reviewer levels in points: above 0, the person rates
/// themself higher than the reviewer does.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Gap {
    pub pairs: usize,
    pub mean: f64,
}

impl Gap {
    fn of<'p>(pairs: impl Iterator<Item = &'p (Level, Level)>, formula: &ScoreFormula) -> Option<Gap> {
        let differences: Vec<f64> =
            pairs.map(|&(own, reviewer)| formula.points(own) - formula.points(reviewer)).collect();
        Summary::of(differences).map(|summary| Gap { pairs: summary.count, mean: summary.mean })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct PersonGap {
    pub person: PersonId,
    pub reviewer: Option<PersonId>,
    pub gap: Gap,
}

/// Which people a distribution or flag is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    All,
    Reviewer(PersonId),
    Unit(UnitId),
    Group(LevelGroup),
}

/// Something for the calibrators to look at.
#[derive(Clone, Debug, PartialEq)]
pub enum Flag {
    /// More people at `level` than its target band allows.
    OverBand { scope: Scope, level: Level, share: f64, limit: f64 },
    /// A reviewer who gives mostly B (中心化傾向).
    CentralTendency { reviewer: PersonId, share: f64, limit: f64 },
    /// A reviewer whose mean level is far above (寛大化) or below (厳格化) the organisation's.
    Leniency { reviewer: PersonId, mean: f64, organisation: f64, lenient: bool },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub all: Stats,
    /// By reviewer id; people without a reviewer are only in `all`.
    pub by_reviewer: Vec<(PersonId, Stats)>,
    /// By the person's own unit.
    pub by_unit: Vec<(UnitId, Stats)>,
    pub by_group: Vec<(LevelGroup, Stats)>,
    pub flags: Vec<Flag>,
    /// Self against reviewer, per person who has both on some item.
    pub gaps: Vec<PersonGap>,
    /// Self against reviewer over all of a reviewer's people.
    pub reviewer_gaps: Vec<(PersonId, Gap)>,
}

/// The calibration view of `subjects` (all of them, or those a calibrator selected).
///
/// Bands are checked for all the subjects and for every reviewer, unit and level group
/// of at least `min_people`. A reviewer with at least `min_people` is flagged for
/// central tendency when the share of B among the levels they gave exceeds the limit,
/// and for leniency or severity when the mean points of those levels differ from the
/// mean of all levels given by more than `leniency_points`, or by more than
/// `leniency_sd` standard deviations of all levels given.
pub fn report(subjects: &[Subject<'_>], rules: &CalibrationRules, formula: &ScoreFormula) -> Report {
    let all = Stats::of(subjects.iter().map(|s| (s, s.result.adjusted)), formula);
    let by_reviewer = grouped(subjects, formula, |s| s.reviewer.map(|r| r.id));
    let by_unit = grouped(subjects, formula, |s| Some(s.person.unit.clone()));
    let by_group = grouped(subjects, formula, |s| s.group);
    let mut flags = over_bands(&Scope::All, &all, rules);
    let min_people = rules.min_people();
    let scoped = by_reviewer
        .iter()
        .map(|(id, stats)| (Scope::Reviewer(*id), stats))
        .chain(by_unit.iter().map(|(id, stats)| (Scope::Unit(id.clone()), stats)))
        .chain(by_group.iter().map(|(group, stats)| (Scope::Group(*group), stats)));
    for (scope, stats) in scoped.filter(|(_, stats)| stats.people >= min_people) {
        flags.extend(over_bands(&scope, stats, rules));
    }
    for (reviewer, stats) in by_reviewer.iter().filter(|(_, stats)| stats.people >= min_people) {
        flags.extend(rater_flags(reviewer, stats, &all, rules));
    }
    let gaps = subjects
        .iter()
        .filter_map(|s| {
            let gap = Gap::of(s.pairs.iter(), formula)?;
            Some(PersonGap { person: s.person.id, reviewer: s.reviewer.map(|r| r.id), gap })
        })
        .collect();
    let mut pairs_by_reviewer: BTreeMap<PersonId, Vec<&(Level, Level)>> = BTreeMap::new();
    for subject in subjects {
        if let Some(reviewer) = subject.reviewer {
            pairs_by_reviewer.entry(reviewer.id).or_default().extend(&subject.pairs);
        }
    }
    let reviewer_gaps = pairs_by_reviewer
        .into_iter()
        .filter_map(|(reviewer, pairs)| Some((reviewer, Gap::of(pairs.into_iter(), formula)?)))
        .collect();
    Report { all, by_reviewer, by_unit, by_group, flags, gaps, reviewer_gaps }
}

fn grouped<K: Ord>(
    subjects: &[Subject<'_>],
    formula: &ScoreFormula,
    key: impl Fn(&Subject<'_>) -> Option<K>,
) -> Vec<(K, Stats)> {
    let mut groups: BTreeMap<K, Vec<&Subject>> = BTreeMap::new();
    for subject in subjects {
        if let Some(key) = key(subject) {
            groups.entry(key).or_default().push(subject);
        }
    }
    groups
        .into_iter()
        .map(|(key, members)| (key, Stats::of(members.into_iter().map(|s| (s, s.result.adjusted)), formula)))
        .collect()
}

fn over_bands(scope: &Scope, stats: &Stats, rules: &CalibrationRules) -> Vec<Flag> {
    rules
        .bands
        .iter()
        .filter_map(|(&level, &limit)| {
            let share = stats.levels.share(level)?;
            (share > limit).then(|| Flag::OverBand { scope: scope.clone(), level, share, limit })
        })
        .collect()
}

fn rater_flags(reviewer: &str, stats: &Stats, all: &Stats, rules: &CalibrationRules) -> Vec<Flag> {
    let mut flags = Vec::new();
    if let Some(share) = stats.given.share(Level::B).filter(|&share| share > rules.central_tendency()) {
        flags.push(Flag::CentralTendency { reviewer: reviewer.into(), share, limit: rules.central_tendency() });
    }
    if let (Some(own), Some(organisation)) = (stats.given_points, all.given_points) {
        let difference = own.mean - organisation.mean;
        let by_sd = rules.leniency_sd.is_some_and(|k| organisation.sd > 0.0 && difference.abs() > k * organisation.sd);
        if difference.abs() > rules.leniency_points() || by_sd {
            flags.push(Flag::Leniency {
                reviewer: reviewer.into(),
                mean: own.mean,
                organisation: organisation.mean,
                lenient: difference > 0.0,
            });
        }
    }
    flags
}

/// The distribution before and after adjustments under consideration.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    pub before: Stats,
    pub after: Stats,
    /// Each subject's result with the candidates applied, in subject order.
    pub results: Vec<Outcome>,
    /// The people whose final result the candidates change, in subject order.
    pub changed: Vec<PersonId>,
}

/// An adjustment under consideration: not recorded, so without author, time or reason.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub person: PersonId,
    pub to: FinalValue,
}

/// Applies `candidates` (in the order given, on top of the recorded adjustments) to the
/// subjects' results without recording anything. Candidates are not checked here —
/// [`super::adjust`] checks one when it is recorded — and those about people who are
/// not among the subjects change nothing.
pub fn preview(subjects: &[Subject<'_>], candidates: &[Candidate], formula: &ScoreFormula) -> Preview {
    let mut results: Vec<Outcome> = subjects.iter().map(|s| s.result.adjusted).collect();
    for candidate in candidates {
        if let Some(index) = subjects.iter().position(|s| s.person.id == candidate.person) {
            results[index].apply(candidate.to, formula);
        }
    }
    let changed = subjects
        .iter()
        .zip(&results)
        .filter(|(subject, outcome)| subject.result.adjusted != **outcome)
        .map(|(subject, _)| subject.person.id)
        .collect();
    Preview {
        before: Stats::of(subjects.iter().map(|s| (s, s.result.adjusted)), formula),
        after: Stats::of(subjects.iter().zip(results.iter().copied()), formula),
        results,
        changed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::calibration::adjustment::tests::{adjustment, at};
    use crate::model::calibration::{CalibrationFile, FinalValue};
    use crate::model::cascade::tests::{cycle_data, file};
    use crate::model::competency::tests::{framework, rating, self_rating};
    use crate::model::permissions::tests::city;
    use crate::model::score::tests::{review, weighted};
    use crate::model::types::Org;

    fn one_goal(owner: &str, own: Level) -> Goal {
        weighted(&format!("{owner}-1"), 100, None, Some(own))
    }

    /// Everyone of `city()` is 主幹級・主査級 but 伊藤 and 加藤 (主事級: three abilities).
    /// Goal score and competency score of each rated person, and the levels they give:
    ///
    /// | person | reviewer | goal (self → reviewer) | abilities (self → reviewer) | overall |
    /// |---|---|---|---|---|
    /// | 伊藤 | 佐藤 | A → B | A, A, B → B, B, B | 3.0 B |
    /// | 加藤 | 佐藤 | B → A | B, B, B → A, A, A | 4.0 A |
    /// | 佐藤 | 鈴木 | S → S | – → S × 4 | 5.0 S |
    /// | 木村 | 鈴木 | B → A | – → A × 4 | 4.0 A |
    /// | 齋藤 | 山田 | B → C | – → C × 4 | 2.0 C, adjusted to B by 木村 (HR) |
    fn rated() -> (Org, CycleData) {
        let mut org = city();
        for staff in ["ito", "kato"] {
            org.people.iter_mut().find(|p| p.id == staff).unwrap().grade = Some(1);
        }
        let staff = ["knowledge", "planning", "cooperation"];
        let supervisor = ["knowledge", "planning", "leadership", "cooperation"];
        let mut ito = file("ito", vec![one_goal("ito", Level::A)], vec![]);
        ito.competencies = [(staff[0], Level::A), (staff[1], Level::A), (staff[2], Level::B)]
            .map(|(ability, level)| self_rating(ability, level))
            .to_vec();
        let mut kato = file("kato", vec![one_goal("kato", Level::B)], vec![]);
        kato.competencies = staff.map(|ability| self_rating(ability, Level::B)).to_vec();
        let files = vec![
            ito,
            kato,
            file("sato", vec![one_goal("sato", Level::S)], vec![]),
            file("kimura", vec![one_goal("kimura", Level::B)], vec![]),
            file("saito", vec![one_goal("saito", Level::B)], vec![]),
        ];
        let mut data = cycle_data(files);
        data.competencies = Some(framework());
        let reviews = |reviewer: &str, people: &[(&str, Level, &[&str])]| {
            let mut file = FeedbackFile::new(reviewer, "2025");
            for &(person, level, abilities) in people {
                file.feedback.push(review(person, &format!("{person}-1"), level, None));
                file.competency.extend(abilities.iter().map(|ability| rating(person, ability, level, None)));
            }
            file
        };
        data.feedback = vec![
            reviews("sato", &[("ito", Level::B, &staff), ("kato", Level::A, &staff)]),
            reviews("suzuki", &[("sato", Level::S, &supervisor), ("kimura", Level::A, &supervisor)]),
            reviews("yamada", &[("saito", Level::C, &supervisor)]),
        ];
        let raise =
            adjustment("saito", "kimura", Some(FinalValue::Level(Level::C)), FinalValue::Level(Level::B), at(10, 9));
        data.calibration = vec![CalibrationFile { adjustment: vec![raise], ..CalibrationFile::new("kimura", "2025") }];
        (org, data)
    }

    fn counts(s: usize, a: usize, b: usize, c: usize, d: usize) -> LevelCounts {
        LevelCounts { counts: [s, a, b, c, d] }
    }

    #[test]
    fn subjects_carry_both_halves_and_the_adjusted_result() {
        let (org, data) = rated();
        let hierarchy = Hierarchy::new(&org);
        let subjects = subjects(&hierarchy, &data, &ScoreFormula::default(), SheetState::Draft);
        let rows: Vec<(&str, Outcome, Outcome)> =
            subjects.iter().map(|s| (s.person.id.as_str(), s.result.computed, s.result.adjusted)).collect();
        let none = Outcome::default();
        let outcome = |score: f64, level: Level| Outcome { score: Some(score), level: Some(level) };
        assert_eq!(
            rows,
            [
                ("tanaka", none, none),
                ("suzuki", none, none),
                ("sato", outcome(5.0, Level::S), outcome(5.0, Level::S)),
                ("ito", outcome(3.0, Level::B), outcome(3.0, Level::B)),
                ("kato", outcome(4.0, Level::A), outcome(4.0, Level::A)),
                ("kimura", outcome(4.0, Level::A), outcome(4.0, Level::A)),
                ("yamada", none, none),
                // 木村 (HR) raised 齋藤's level; the score stays.
                ("saito", outcome(2.0, Level::C), outcome(2.0, Level::B)),
            ]
        );
        let ito = &subjects[3];
        assert_eq!((ito.given.len(), ito.pairs.len(), ito.group), (4, 4, Some(LevelGroup::Staff)));
        // No sheet has left the draft: from 一次評価済 on, nobody is under calibration yet.
        assert!(super::subjects(&hierarchy, &data, &ScoreFormula::default(), SheetState::Reviewed).is_empty());
    }

    #[test]
    fn the_report_counts_levels_and_flags_bands_central_tendency_and_leniency() {
        let (org, data) = rated();
        let formula = ScoreFormula::default();
        let subjects = subjects(&Hierarchy::new(&org), &data, &formula, SheetState::Draft);
        let rules = CalibrationRules {
            bands: BTreeMap::from([(Level::S, 0.25)]),
            central_tendency: Some(0.4),
            leniency_points: Some(0.8),
            min_people: Some(2),
            ..CalibrationRules::default()
        };
        let report = report(&subjects, &rules, &formula);
        // Final levels S 佐藤, A 加藤 木村, B 伊藤 齋藤 (adjusted); scores 3, 4, 5, 4, 2.
        assert_eq!((report.all.people, report.all.levels), (8, counts(1, 2, 2, 0, 0)));
        let scores = report.all.scores.unwrap();
        assert_eq!((scores.count, scores.mean, scores.min, scores.max), (5, 3.6, 2.0, 5.0));
        // Deviations -0.6, 0.4, 1.4, 0.4, -1.6: (0.36 + 0.16 + 1.96 + 0.16 + 2.56) / 5 = 1.04.
        assert!((scores.sd - 1.04_f64.sqrt()).abs() < 1e-12);
        // Levels given: 佐藤 4 B + 4 A, 鈴木 5 S + 5 A, 山田 5 C: 83 points in 23.
        assert_eq!(report.all.given, counts(5, 9, 4, 5, 0));
        assert_eq!(report.all.given_points.unwrap().mean, 83.0 / 23.0);
        let reviewers: Vec<(&str, usize, LevelCounts)> =
            report.by_reviewer.iter().map(|(id, s)| (id.as_str(), s.people, s.given)).collect();
        assert_eq!(
            reviewers,
            [
                ("sato", 2, counts(0, 4, 4, 0, 0)),
                ("suzuki", 2, counts(5, 5, 0, 0, 0)),
                ("tanaka", 2, counts(0, 0, 0, 0, 0)),
                ("yamada", 1, counts(0, 0, 0, 5, 0)),
            ]
        );
        let units: Vec<(&str, LevelCounts)> = report.by_unit.iter().map(|(id, s)| (id.as_str(), s.levels)).collect();
        assert_eq!(
            units,
            [
                ("jinji", counts(0, 1, 0, 0, 0)),
                ("jinji-t", counts(1, 1, 1, 0, 0)),
                ("joho", counts(0, 0, 1, 0, 0)),
                ("soumu", counts(0, 0, 0, 0, 0)),
            ]
        );
        let groups: Vec<(LevelGroup, usize)> = report.by_group.iter().map(|(g, s)| (*g, s.people)).collect();
        assert_eq!(groups, [(LevelGroup::Supervisor, 6), (LevelGroup::Staff, 2)]);
        assert_eq!(
            report.flags,
            [
                // Everyone: S is 1 in 5 = 20 %, within 25 %; 鈴木's two people are half S.
                Flag::OverBand { scope: Scope::Reviewer("suzuki".into()), level: Level::S, share: 0.5, limit: 0.25 },
                Flag::OverBand { scope: Scope::Unit("jinji-t".into()), level: Level::S, share: 1.0 / 3.0, limit: 0.25 },
                Flag::OverBand {
                    scope: Scope::Group(LevelGroup::Supervisor),
                    level: Level::S,
                    share: 1.0 / 3.0,
                    limit: 0.25,
                },
                // 佐藤: 4 B in 8 = 50 % > 40 %. 鈴木: mean 4.5, 0.89 above 83/23 = 3.61.
                // 山田 (one person) is below min_people, though his mean is 2.
                Flag::CentralTendency { reviewer: "sato".into(), share: 0.5, limit: 0.4 },
                Flag::Leniency { reviewer: "suzuki".into(), mean: 4.5, organisation: 83.0 / 23.0, lenient: true },
            ]
        );
        use crate::messages::Message;
        let message = &report.flags[4];
        assert_eq!(message.en(), "reviewer suzuki: mean level 4.50 against the organisation's 3.61 (lenient)");
        assert_eq!(message.ja(), "評価者 suzuki: 評語の平均 4.50 が組織全体の 3.61 から離れています (寛大化傾向)");
        // Self against reviewer, in points: 伊藤 (1 + 1 + 1 + 0) / 4, 加藤 -1 on all four,
        // 佐藤 0, 木村 -1, 齋藤 +1; 佐藤 as reviewer: (3 - 4) / 8.
        let gaps: Vec<(&str, usize, f64)> =
            report.gaps.iter().map(|g| (g.person.as_str(), g.gap.pairs, g.gap.mean)).collect();
        assert_eq!(
            gaps,
            [("sato", 1, 0.0), ("ito", 4, 0.75), ("kato", 4, -1.0), ("kimura", 1, -1.0), ("saito", 1, 1.0)]
        );
        let by_reviewer: Vec<(&str, f64)> = report.reviewer_gaps.iter().map(|(r, g)| (r.as_str(), g.mean)).collect();
        assert_eq!(by_reviewer, [("sato", -0.125), ("suzuki", -0.5), ("yamada", 1.0)]);
    }

    #[test]
    fn leniency_can_be_measured_in_standard_deviations() {
        // All levels given: mean 83/23, population sd √(25.478.../23) ≈ 1.0525; 鈴木 is
        // 0.891 above: flagged at 0.8 sd (0.842), not at 0.9 sd (0.947).
        let (org, data) = rated();
        let formula = ScoreFormula::default();
        let subjects = subjects(&Hierarchy::new(&org), &data, &formula, SheetState::Draft);
        let lenient = |sd: f64| {
            let rules = CalibrationRules {
                leniency_points: Some(2.0),
                leniency_sd: Some(sd),
                min_people: Some(2),
                ..CalibrationRules::default()
            };
            report(&subjects, &rules, &formula).flags.iter().filter(|f| matches!(f, Flag::Leniency { .. })).count()
        };
        assert_eq!((lenient(0.8), lenient(0.9)), (1, 0));
    }

    #[test]
    fn a_preview_shows_the_distribution_before_and_after_candidates() {
        let (org, data) = rated();
        let formula = ScoreFormula::default();
        let subjects = subjects(&Hierarchy::new(&org), &data, &formula, SheetState::Draft);
        let candidate = |person: &str, to| Candidate { person: person.into(), to };
        let candidates = [
            candidate("kato", FinalValue::Score(4.6)),
            candidate("ito", FinalValue::Level(Level::C)),
            candidate("ito", FinalValue::Level(Level::A)),
            candidate("nobody", FinalValue::Level(Level::D)),
        ];
        let preview = preview(&subjects, &candidates, &formula);
        assert_eq!(preview.before.levels, counts(1, 2, 2, 0, 0));
        // 加藤 4.6 is an S; 伊藤 becomes A. Scores 3, 4.6, 5, 4, 2: mean 18.6 / 5 = 3.72.
        assert_eq!(preview.after.levels, counts(2, 2, 1, 0, 0));
        assert!((preview.after.scores.unwrap().mean - 3.72).abs() < 1e-12);
        assert_eq!(preview.changed, ["ito", "kato"]);
        let ito = subjects.iter().position(|s| s.person.id == "ito").unwrap();
        assert_eq!(preview.results[ito].level, Some(Level::A), "the later candidate for 伊藤 counts");
        assert_eq!(subjects[4].result.adjusted.level, Some(Level::A), "nothing is recorded");
    }
}
