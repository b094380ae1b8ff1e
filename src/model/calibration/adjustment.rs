//! Adjustments (評価調整): a calibrator sets a person's final level or final score,
//! always with a reason, as a record in the calibrator's own file
//! `cycles/<cycle>/calibration/<calibrator>.toml`. The records of all calibrators are
//! replayed in time order on top of the computed overall result; the ratings they
//! adjust are never rewritten. A record that is not valid — by someone other than the
//! file's writer, by someone who may not calibrate the person (as org.toml says now),
//! without a reason, or whose value does not fit what it adjusts — is ignored and
//! reported by validation.

use std::collections::HashMap;
use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::date::Timestamp;
use crate::model::permissions::Hierarchy;
use crate::model::score::{Overall, ScoreFormula};
use crate::model::types::{CycleData, CycleId, Extra, Level, PersonId};
use crate::model::validate::Source;
use crate::model::workflow::{SheetState, sheet_state};

/// `cycles/<cycle>/calibration/<calibrator>.toml`: adjustments by one calibrator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CalibrationFile {
    pub calibrator: PersonId,
    pub cycle: CycleId,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustment: Vec<Adjustment>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl CalibrationFile {
    pub fn new(calibrator: &str, cycle: &str) -> Self {
        CalibrationFile {
            calibrator: calibrator.to_owned(),
            cycle: cycle.to_owned(),
            adjustment: Vec::new(),
            extra: Extra::new(),
        }
    }
}

/// One adjustment of one person's final result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Adjustment {
    pub person: PersonId,
    pub what: Adjusted,
    /// The result the calibrator saw, for the record; `None` when there was none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<FinalValue>,
    pub to: FinalValue,
    /// Why; required (an adjustment without one is ignored and reported).
    #[serde(default)]
    pub reason: String,
    pub by: PersonId,
    pub at: Timestamp,
    #[serde(flatten)]
    pub extra: Extra,
}

/// What an adjustment sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Adjusted {
    /// The final level (総合評価の評語).
    #[serde(alias = "評語")]
    Level,
    /// The final overall score (評点); the level follows from it.
    #[serde(alias = "評点")]
    Score,
}

/// A final level or a final score, as written: `"A"` or `3.8`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FinalValue {
    Level(Level),
    Score(f64),
}

impl FinalValue {
    pub fn adjusts(self) -> Adjusted {
        match self {
            FinalValue::Level(_) => Adjusted::Level,
            FinalValue::Score(_) => Adjusted::Score,
        }
    }
}

impl fmt::Display for FinalValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FinalValue::Level(level) => f.write_str(level.letter()),
            FinalValue::Score(score) => write!(f, "{score:.2}"),
        }
    }
}

impl Serialize for FinalValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            FinalValue::Level(level) => level.serialize(serializer),
            FinalValue::Score(score) => serializer.serialize_f64(*score),
        }
    }
}

impl<'de> Deserialize<'de> for FinalValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ValueVisitor;
        impl Visitor<'_> for ValueVisitor {
            type Value = FinalValue;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a level (\"S\", \"A\", \"B\", \"C\" or \"D\") or a score (a number)")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<FinalValue, E> {
                Level::ALL
                    .into_iter()
                    .find(|level| level.letter() == text)
                    .map(FinalValue::Level)
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Str(text), &self))
            }

            fn visit_f64<E: de::Error>(self, score: f64) -> Result<FinalValue, E> {
                Ok(FinalValue::Score(score))
            }

            fn visit_i64<E: de::Error>(self, score: i64) -> Result<FinalValue, E> {
                Ok(FinalValue::Score(score as f64))
            }

            fn visit_u64<E: de::Error>(self, score: u64) -> Result<FinalValue, E> {
                Ok(FinalValue::Score(score as f64))
            }
        }
        deserializer.deserialize_any(ValueVisitor)
    }
}

/// A person's overall result: score and level.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Outcome {
    pub score: Option<f64>,
    pub level: Option<Level>,
}

impl Outcome {
    pub fn of(overall: &Overall) -> Outcome {
        Outcome { score: overall.score, level: overall.level }
    }

    /// The value an adjustment of `what` replaces.
    pub fn value(&self, what: Adjusted) -> Option<FinalValue> {
        match what {
            Adjusted::Level => self.level.map(FinalValue::Level),
            Adjusted::Score => self.score.map(FinalValue::Score),
        }
    }

    /// A level replaces the level; a score replaces the score, and the level follows it.
    pub fn apply(&mut self, value: FinalValue, formula: &ScoreFormula) {
        match value {
            FinalValue::Level(level) => self.level = Some(level),
            FinalValue::Score(score) => {
                self.score = Some(score);
                self.level = Some(formula.level_of(score));
            }
        }
    }
}

/// Whether `from` names the result an adjustment was applied to (scores to 2 decimals).
fn same_value(from: FinalValue, current: Option<FinalValue>) -> bool {
    match (from, current) {
        (FinalValue::Level(a), Some(FinalValue::Level(b))) => a == b,
        (FinalValue::Score(a), Some(FinalValue::Score(b))) => (a - b).abs() < 0.005,
        _ => false,
    }
}

/// An adjustment that took effect.
#[derive(Clone, Debug, PartialEq)]
pub struct AppliedAdjustment<'a> {
    pub record: &'a Adjustment,
    pub source: Source,
    /// The result just before it.
    pub before: Outcome,
    /// `from` names another result than the one it was applied to (the ratings or an
    /// earlier adjustment changed since it was made).
    pub stale: bool,
}

/// An adjustment the replay ignored.
#[derive(Clone, Debug, PartialEq)]
pub struct IgnoredAdjustment<'a> {
    pub record: &'a Adjustment,
    pub source: Source,
    pub reason: AdjustmentIgnored,
}

#[derive(Clone, Debug, PartialEq)]
pub enum AdjustmentIgnored {
    /// `by` names someone other than the file's writer.
    NotTheWriter {
        writer: PersonId,
    },
    /// `by` is neither HR nor the person's second reviewer (or is the person).
    NotAllowed,
    NoReason,
    /// `what` and the kind of `to` (or `from`) disagree, or the score is not a number ≥ 0.
    WrongValue,
}

/// A person's result after calibration.
#[derive(Clone, Debug, PartialEq)]
pub struct FinalResult<'a> {
    /// As computed from the ratings.
    pub computed: Outcome,
    /// After the adjustments that took effect.
    pub adjusted: Outcome,
    /// Oldest first.
    pub applied: Vec<AppliedAdjustment<'a>>,
    pub ignored: Vec<IgnoredAdjustment<'a>>,
}

/// Every adjustment of a cycle by the person it is about.
#[derive(Clone, Debug, Default)]
pub struct AdjustmentIndex<'a> {
    by_person: HashMap<&'a str, Vec<(Source, &'a str, &'a Adjustment)>>,
}

impl<'a> AdjustmentIndex<'a> {
    pub fn new(data: &'a CycleData) -> AdjustmentIndex<'a> {
        let mut index = AdjustmentIndex::default();
        for file in &data.calibration {
            let source = Source::Calibration { cycle: data.cycle.id.clone(), calibrator: file.calibrator.clone() };
            for record in &file.adjustment {
                index.by_person.entry(&record.person).or_default().push((source.clone(), &file.calibrator, record));
            }
        }
        index
    }

    /// The people who have adjustments.
    pub fn people(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.by_person.keys().copied()
    }

    /// Replays `person`'s adjustments in time order (equal times in file order) on top
    /// of `computed`.
    pub fn replay(
        &self,
        org: &Hierarchy<'_>,
        formula: &ScoreFormula,
        person: &str,
        computed: Outcome,
    ) -> FinalResult<'a> {
        let mut records: Vec<&(Source, &str, &Adjustment)> = self.by_person.get(person).into_iter().flatten().collect();
        records.sort_by_key(|(_, _, record)| record.at);
        let mut result = FinalResult { computed, adjusted: computed, applied: Vec::new(), ignored: Vec::new() };
        for (source, writer, record) in records {
            let reason = if record.by != *writer {
                Some(AdjustmentIgnored::NotTheWriter { writer: (*writer).to_owned() })
            } else if org.can_calibrate(&record.by, person).is_err() {
                Some(AdjustmentIgnored::NotAllowed)
            } else if record.reason.trim().is_empty() {
                Some(AdjustmentIgnored::NoReason)
            } else if !fits(record) {
                Some(AdjustmentIgnored::WrongValue)
            } else {
                None
            };
            if let Some(reason) = reason {
                result.ignored.push(IgnoredAdjustment { record, source: source.clone(), reason });
                continue;
            }
            let before = result.adjusted;
            let stale = record.from.is_some_and(|from| !same_value(from, before.value(record.what)));
            result.adjusted.apply(record.to, formula);
            result.applied.push(AppliedAdjustment { record, source: source.clone(), before, stale });
        }
        result
    }
}

/// Whether the values of a record fit what it adjusts.
fn fits(record: &Adjustment) -> bool {
    let valid = |value: FinalValue| match value {
        FinalValue::Score(score) => record.what == Adjusted::Score && is_valid_score(score),
        FinalValue::Level(_) => record.what == Adjusted::Level,
    };
    valid(record.to) && record.from.is_none_or(valid)
}

fn is_valid_score(score: f64) -> bool {
    score.is_finite() && score >= 0.0
}

/// Why an adjustment cannot be made now.
#[derive(Clone, Debug, PartialEq)]
pub enum CalibrationError {
    UnknownPerson {
        id: String,
    },
    /// `actor` is neither HR nor `person`'s second reviewer, or is `person`.
    NotAllowed {
        actor: String,
        person: String,
    },
    ReasonRequired,
    /// Calibration starts once the reviewer has reviewed (一次評価済).
    NotReviewed {
        person: String,
        state: SheetState,
    },
    BadScore {
        value: f64,
    },
    ClockBehind {
        now: Timestamp,
        last: Timestamp,
    },
}

impl fmt::Display for CalibrationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for CalibrationError {}

/// Validates `actor` setting `person`'s final level or score to `to` at `now`, and gives
/// the record and the file it goes in (the caller adds it to that file's `adjustment`
/// and saves). `current` is the person's result as it stands (computed and adjusted so
/// far); it becomes the record's `from`.
#[allow(clippy::too_many_arguments)]
pub fn adjust(
    org: &Hierarchy<'_>,
    data: &CycleData,
    current: &FinalResult<'_>,
    actor: &str,
    person: &str,
    to: FinalValue,
    reason: &str,
    now: Timestamp,
) -> Result<(Source, Adjustment), CalibrationError> {
    for id in [actor, person] {
        if org.person(id).is_none() {
            return Err(CalibrationError::UnknownPerson { id: id.to_owned() });
        }
    }
    if org.can_calibrate(actor, person).is_err() {
        return Err(CalibrationError::NotAllowed { actor: org.label(actor), person: org.label(person) });
    }
    if reason.trim().is_empty() {
        return Err(CalibrationError::ReasonRequired);
    }
    if let FinalValue::Score(value) = to
        && !is_valid_score(value)
    {
        return Err(CalibrationError::BadScore { value });
    }
    let state = sheet_state(org, data, person).state;
    if state < SheetState::Reviewed {
        return Err(CalibrationError::NotReviewed { person: org.label(person), state });
    }
    let last = current.applied.iter().map(|a| a.record.at).chain(current.ignored.iter().map(|i| i.record.at)).max();
    if let Some(last) = last.filter(|&last| now <= last) {
        return Err(CalibrationError::ClockBehind { now, last });
    }
    let what = to.adjusts();
    let record = Adjustment {
        person: person.to_owned(),
        what,
        from: current.adjusted.value(what),
        to,
        reason: reason.trim().to_owned(),
        by: actor.to_owned(),
        at: now,
        extra: Extra::new(),
    };
    Ok((Source::Calibration { cycle: data.cycle.id.clone(), calibrator: actor.to_owned() }, record))
}
