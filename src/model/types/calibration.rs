//! `cycles/<cycle>/calibration/<calibrator>.toml`: the records of calibration
//! (評価調整), as kept in the files; what they do is in `model::calibration`.

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{CycleId, Extra, Level, PersonId};
use crate::model::date::Timestamp;

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
            calibrator: calibrator.into(),
            cycle: cycle.into(),
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
                Level::from_letter(text)
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
