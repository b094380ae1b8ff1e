//! Metrics computed from the data: a goal's `[goals.metric]` may name a `source`
//! instead of a typed `current`, so that Check is fed by what happened.
//!
//! - `source = "training"`, `course = "DX推進研修"`: the number of distinct people who
//!   completed the course in the cycle (Do-log entries with `completed = true`,
//!   dated within the cycle), within the goal owner's units.
//! - `source = "engagement"`: the owner's unit's overall engagement mean of the
//!   cycle, or one question's with `question = "Q11"`; rows under the minimum of
//!   respondents never count.
//! - `source = "meetings"`: the percentage of people in the owner's units who had
//!   at least `min_meetings` 1on1s in the cycle (default 1).
//!
//! "The owner's units" are the owner's unit and every unit below it. The value then
//! takes the place of `current` in (current − start) / (target − start).

use crate::model::hash::HashMap;
use std::cell::{OnceCell, RefCell};
use std::collections::BTreeSet;

use super::engagement::{EngagementSettings, QuestionList};
use super::meetings;
use super::training;
use super::types::{CycleData, DateSpan, Extra, GoalId, Metric, Org, PersonId, UnitId};
use super::units::UnitTree;

impl Metric {
    /// A metric whose current value is typed by the owner.
    pub fn typed(unit: &str, start: f64, target: f64, current: f64) -> Metric {
        Metric {
            unit: unit.to_owned(),
            start,
            target,
            current: Some(current),
            source: None,
            course: None,
            question: None,
            min_meetings: None,
            extra: Extra::new(),
        }
    }

    /// Progress in percent at `value` (typed or measured), clamped to 0–100; `None`
    /// when start equals target.
    pub fn progress_at(&self, value: f64) -> Option<f64> {
        let span = self.target - self.start;
        if span == 0.0 || !span.is_finite() || !value.is_finite() {
            return None;
        }
        Some(((value - self.start) / span * 100.0).clamp(0.0, 100.0))
    }
}

/// 1on1s per person a `meetings` source asks for when `min_meetings` is not given.
pub const DEFAULT_MIN_MEETINGS: u32 = 1;

/// What a metric's value is computed from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MetricSource {
    Training {
        course: String,
    },
    /// The overall mean, or one question's.
    Engagement {
        question: Option<String>,
    },
    Meetings {
        min_meetings: u32,
    },
}

/// Why a metric's source names nothing that can be computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceError {
    /// `source` is none of `training`, `engagement`, `meetings`.
    UnknownSource(String),
    /// `source = "training"` without `course`.
    MissingCourse,
}

impl MetricSource {
    pub const NAMES: [&'static str; 3] = ["training", "engagement", "meetings"];

    /// The source a metric names; `None` for a typed metric.
    pub fn of(metric: &Metric) -> Result<Option<MetricSource>, SourceError> {
        let Some(name) = metric.source.as_deref() else { return Ok(None) };
        match name {
            "training" => match metric.course.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
                Some(course) => Ok(Some(MetricSource::Training { course: course.to_owned() })),
                None => Err(SourceError::MissingCourse),
            },
            "engagement" => Ok(Some(MetricSource::Engagement { question: metric.question.clone() })),
            "meetings" => {
                Ok(Some(MetricSource::Meetings { min_meetings: metric.min_meetings.unwrap_or(DEFAULT_MIN_MEETINGS) }))
            }
            other => Err(SourceError::UnknownSource(other.to_owned())),
        }
    }

    /// The name as written in `source`.
    pub fn name(&self) -> &'static str {
        match self {
            MetricSource::Training { .. } => "training",
            MetricSource::Engagement { .. } => "engagement",
            MetricSource::Meetings { .. } => "meetings",
        }
    }
}

/// What a measured value was computed from, for a popup or an export to show.
#[derive(Clone, Debug, PartialEq)]
pub enum Inputs {
    Training {
        /// The owner's units.
        units: Vec<UnitId>,
        /// The people in them who completed the course, each once.
        completed_by: Vec<PersonId>,
    },
    Engagement {
        unit: UnitId,
        /// The question id, or `None` for the overall mean.
        question: Option<String>,
        /// Respondents behind the mean (for the overall mean: the most of any question).
        respondents: u32,
    },
    Meetings {
        units: Vec<UnitId>,
        /// People in the owner's units.
        people: usize,
        /// Those of them with at least `min_meetings` 1on1s in the cycle.
        reaching: Vec<PersonId>,
    },
    /// The goal's owner is not in org.toml, so they have no units to measure.
    UnknownOwner,
}

/// How a measured goal's number was computed.
#[derive(Clone, Debug, PartialEq)]
pub struct Measurement {
    pub source: MetricSource,
    pub inputs: Inputs,
    /// The metric's current value; `None` when there is nothing to compute it from
    /// yet (no engagement results, nobody in the units).
    pub value: Option<f64>,
    /// Progress in percent from `value`, as a typed metric's would be.
    pub progress: Option<f64>,
}

/// The measurements of every goal in a cycle whose metric names a valid source.
#[derive(Clone, Debug, Default)]
pub struct Measurements {
    by_goal: HashMap<GoalId, Measurement>,
}

impl Measurements {
    pub fn compute(org: &Org, data: &CycleData, settings: &EngagementSettings) -> Measurements {
        let context = Context {
            org,
            data,
            units: OnceCell::new(),
            settings,
            unit_of: OnceCell::new(),
            meeting_counts: OnceCell::new(),
            completions: Default::default(),
        };
        let mut by_goal = HashMap::default();
        for file in &data.goals {
            for goal in &file.goals {
                let Some(metric) = &goal.metric else { continue };
                let Ok(Some(source)) = MetricSource::of(metric) else { continue };
                let (inputs, value) = context.measure(&file.owner, &source);
                let progress = value.and_then(|value| metric.progress_at(value));
                by_goal.entry(goal.id.clone()).or_insert(Measurement { source, inputs, value, progress });
            }
        }
        Measurements { by_goal }
    }

    pub fn get(&self, goal: &str) -> Option<&Measurement> {
        self.by_goal.get(goal)
    }

    /// Whether the goal's metric names a source (the tree marks it as measured).
    pub fn is_measured(&self, goal: &str) -> bool {
        self.by_goal.contains_key(goal)
    }

    /// The measured progress, when there was something to measure.
    pub fn progress_of(&self, goal: &str) -> Option<f64> {
        self.by_goal.get(goal).and_then(|m| m.progress)
    }
}

/// What measuring needs, each worked out once however many goals ask for it, and
/// only then: a team member's part of a city may have no measured goal at all.
struct Context<'a> {
    org: &'a Org,
    data: &'a CycleData,
    units: OnceCell<UnitTree<'a>>,
    settings: &'a EngagementSettings,
    unit_of: OnceCell<HashMap<&'a str, &'a str>>,
    meeting_counts: OnceCell<HashMap<&'a str, usize>>,
    completions: RefCell<HashMap<String, BTreeSet<&'a str>>>,
}

impl<'a> Context<'a> {
    fn units(&self) -> &UnitTree<'a> {
        self.units.get_or_init(|| UnitTree::new(self.org))
    }

    fn measure(&self, owner: &str, source: &MetricSource) -> (Inputs, Option<f64>) {
        let unit_of =
            self.unit_of.get_or_init(|| self.org.people.iter().map(|p| (p.id.as_str(), p.unit.as_str())).collect());
        let Some(unit) = unit_of.get(owner).map(|unit| (*unit).to_owned()) else {
            return (Inputs::UnknownOwner, None);
        };
        let units: Vec<UnitId> = self.units().subtree(&unit).into_iter().map(str::to_owned).collect();
        let people = self.units().people_under(&unit);
        match source {
            MetricSource::Training { course } => {
                let mut completions = self.completions.borrow_mut();
                let completed =
                    completions.entry(course.clone()).or_insert_with(|| training::completed_by(self.data, course));
                let completed_by: Vec<PersonId> =
                    people.iter().filter(|p| completed.contains(p.id.as_str())).map(|p| p.id).collect();
                let value = completed_by.len() as f64;
                (Inputs::Training { units, completed_by }, Some(value))
            }
            MetricSource::Engagement { question } => self.engagement(unit, question.as_deref()),
            MetricSource::Meetings { min_meetings } => {
                let counts = self.meeting_counts.get_or_init(|| {
                    let cycle = &self.data.cycle;
                    meetings::counts(&self.data.instruments.meetings, DateSpan { start: cycle.start, end: cycle.end })
                });
                let reaching: Vec<PersonId> = people
                    .iter()
                    .filter(|p| counts.get(p.id.as_str()).copied().unwrap_or(0) >= *min_meetings as usize)
                    .map(|p| p.id)
                    .collect();
                let value = (!people.is_empty()).then(|| reaching.len() as f64 / people.len() as f64 * 100.0);
                (Inputs::Meetings { units, people: people.len(), reaching }, value)
            }
        }
    }

    fn engagement(&self, unit: UnitId, question: Option<&str>) -> (Inputs, Option<f64>) {
        let questions: &QuestionList = &self.data.instruments.questions;
        let question_id = question.map(|name| questions.resolve(name).map_or(name, |q| q.id.as_str()).to_owned());
        let Some(file) = &self.data.instruments.engagement else {
            return (Inputs::Engagement { unit, question: question_id, respondents: 0 }, None);
        };
        let shown = file.shown(self.settings);
        let (value, respondents) = match &question_id {
            Some(id) => shown.score(self.units(), &unit, id).map_or((None, 0), |s| (Some(s.mean), s.respondents)),
            None => {
                let most = questions
                    .questions
                    .iter()
                    .filter_map(|q| shown.score(self.units(), &unit, &q.id))
                    .map(|s| s.respondents)
                    .max()
                    .unwrap_or(0);
                (shown.overall(self.units(), questions, &unit), most)
            }
        };
        (Inputs::Engagement { unit, question: question_id, respondents }, value)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::cascade::tests::{cycle_data, file, goal};
    use crate::model::engagement::tests::results_2026;
    use crate::model::meetings::MeetingKind;
    use crate::model::meetings::tests::{day, file as meetings_file, meeting};
    use crate::model::permissions::tests::city;
    use crate::model::training::tests::course_entry;
    use crate::model::types::Goal;

    pub(crate) fn measured(id: &str, start: f64, target: f64, source: &str) -> Goal {
        let mut metric = Metric::typed("", start, target, 0.0);
        metric.current = None;
        metric.source = Some(source.into());
        Goal { metric: Some(Box::new(metric)), ..goal(id, None, 0) }
    }

    fn with(mut goal: Goal, change: impl FnOnce(&mut Metric)) -> Goal {
        change(goal.metric.as_mut().unwrap());
        goal
    }

    /// In `city()`: 鈴木 (人事課長) measures DX training and 1on1s in 人事課 and its
    /// team (suzuki, sato, ito, kato, kimura); 田中 (部長) measures engagement.
    fn data() -> CycleData {
        let dx = |course: &str| with(measured("suzuki-dx", 0.0, 4.0, "training"), |m| m.course = Some(course.into()));
        let mut ito = goal("ito-1", None, 0);
        ito.log = vec![course_entry(day(10, 3), "DX推進研修", true)].into();
        let mut kato = goal("kato-1", None, 0);
        kato.log = vec![course_entry(day(10, 3), "DX推進研修", false)].into();
        let mut saito = goal("saito-1", None, 0);
        saito.log = vec![course_entry(day(10, 3), "DX推進研修", true)].into();
        let mut sato = goal("sato-1", None, 0);
        sato.log =
            vec![course_entry(day(11, 3), "DX推進研修", true), course_entry(day(12, 3), "DX推進研修", true)].into();
        let one_on_ones = with(measured("suzuki-1on1", 0.0, 80.0, "meetings"), |m| m.min_meetings = Some(2));
        let mut data = cycle_data(vec![
            file("suzuki", vec![dx("DX推進研修"), one_on_ones], vec![]),
            file(
                "tanaka",
                vec![
                    measured("tanaka-eng", 3.0, 3.5, "engagement"),
                    with(measured("tanaka-q11", 3.0, 3.5, "engagement"), |m| m.question = Some("11".into())),
                ],
                vec![],
            ),
            file("ito", vec![ito], vec![]),
            file("kato", vec![kato], vec![]),
            file("saito", vec![saito], vec![]),
            file("sato", vec![sato], vec![]),
        ]);
        data.instruments.meetings = vec![
            meetings_file(
                "suzuki",
                vec![
                    meeting("sato", day(5, 1), MeetingKind::Manager),
                    meeting("sato", day(8, 1), MeetingKind::Manager),
                    meeting("kimura", day(5, 2), MeetingKind::Manager),
                ],
            ),
            meetings_file(
                "sato",
                vec![
                    meeting("suzuki", day(8, 1), MeetingKind::Manager),
                    meeting("ito", day(6, 1), MeetingKind::Manager),
                    meeting("ito", day(9, 1), MeetingKind::Manager),
                ],
            ),
        ];
        data.instruments.engagement = Some(results_2026());
        data
    }

    fn measure(data: &CycleData, goal: &str) -> Measurement {
        Measurements::compute(&city(), data, &EngagementSettings::default()).get(goal).cloned().unwrap()
    }

    #[test]
    fn training_counts_distinct_completers_in_the_owners_units() {
        // 佐藤 (twice) and 伊藤 completed; 加藤 only attended; 齋藤 is in another section.
        let measurement = measure(&data(), "suzuki-dx");
        assert_eq!(
            measurement.inputs,
            Inputs::Training {
                units: vec!["jinji".into(), "jinji-t".into()],
                completed_by: vec!["sato".into(), "ito".into()]
            }
        );
        assert_eq!((measurement.value, measurement.progress), (Some(2.0), Some(50.0)));
    }

    #[test]
    fn meetings_give_the_share_of_people_with_enough_1on1s() {
        // 人事課: suzuki 3 (sato ×2, kimura), sato 4 (suzuki 5/1, 8/1 written twice, ito ×2),
        // ito 2, kato 0, kimura 1. With at least 2: suzuki, sato, ito = 3 of 5 = 60 %;
        // progress 60 / 80 = 75 %.
        let measurement = measure(&data(), "suzuki-1on1");
        assert_eq!(
            measurement.inputs,
            Inputs::Meetings {
                units: vec!["jinji".into(), "jinji-t".into()],
                people: 5,
                reaching: vec!["suzuki".into(), "sato".into(), "ito".into()],
            }
        );
        assert_eq!(measurement.value, Some(60.0));
        assert_eq!(measurement.progress, Some(75.0));
    }

    #[test]
    fn engagement_reads_the_owners_unit_overall_or_one_question() {
        // 総務部 overall (3.225 + 3.4) / 2 = 3.3125 → (3.3125 − 3) / 0.5 = 62.5 %.
        let overall = measure(&data(), "tanaka-eng");
        assert!((overall.value.unwrap() - 3.3125).abs() < 1e-12);
        assert!((overall.progress.unwrap() - 62.5).abs() < 1e-9);
        assert_eq!(overall.inputs, Inputs::Engagement { unit: "soumu".into(), question: None, respondents: 16 });
        // Q11 only from 人事課: 3.4 → 80 %.
        let q11 = measure(&data(), "tanaka-q11");
        assert_eq!(
            q11.inputs,
            Inputs::Engagement { unit: "soumu".into(), question: Some("Q11".into()), respondents: 10 }
        );
        assert!((q11.progress.unwrap() - 80.0).abs() < 1e-9);
        // Without results there is nothing to measure yet.
        let mut data = data();
        data.instruments.engagement = None;
        assert_eq!(measure(&data, "tanaka-eng").value, None);
    }

    #[test]
    fn a_typed_metric_is_written_as_before_and_a_measured_one_without_current() {
        let typed = Metric::typed("名", 0.0, 100.0, 45.0);
        assert_eq!(toml::to_string(&typed).unwrap(), "unit = \"名\"\nstart = 0.0\ntarget = 100.0\ncurrent = 45.0\n");
        let text = "unit = \"%\"\nstart = 0.0\ntarget = 80.0\nsource = \"meetings\"\nmin_meetings = 2\n";
        let measured: Metric = toml::from_str(text).unwrap();
        assert_eq!((measured.current, measured.min_meetings), (None, Some(2)));
        assert_eq!(toml::to_string(&measured).unwrap(), text);
    }

    #[test]
    fn sources_are_read_from_the_metric_and_bad_ones_are_told_apart() {
        let metric = |source: &str| Metric { source: Some(source.into()), ..Metric::typed("名", 0.0, 10.0, 0.0) };
        assert_eq!(MetricSource::of(&metric("meetings")), Ok(Some(MetricSource::Meetings { min_meetings: 1 })));
        assert_eq!(MetricSource::of(&metric("training")), Err(SourceError::MissingCourse));
        assert_eq!(MetricSource::of(&metric("survey")), Err(SourceError::UnknownSource("survey".into())));
        assert_eq!(MetricSource::of(&Metric::typed("名", 0.0, 10.0, 3.0)), Ok(None));
        let measurements = Measurements::compute(&city(), &data(), &EngagementSettings::default());
        assert!(measurements.is_measured("suzuki-dx"));
        assert!(!measurements.is_measured("ito-1"));
    }
}
