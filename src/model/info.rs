//! `pdca.toml`: what the data set is, and the settings HR keeps for the whole of it.

use serde::{Deserialize, Serialize};

use super::calibration::CalibrationRules;
use super::engagement::EngagementSettings;
use super::identity::IdentityMode;
use super::recency::RecencySettings;
use super::score::ScoreFormula;
use super::types::{CycleId, Extra};

/// Version of the data-set layout this program writes.
pub const SCHEMA_VERSION: u32 = 1;

/// `pdca.toml`: what the data set is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DataSetInfo {
    pub schema_version: u32,
    pub organisation: String,
    pub current_cycle: CycleId,
    /// How the person at the keyboard is established; absent means `login`, the safe
    /// choice for a data set written before the key existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<IdentityMode>,
    /// How a sheet's achievement score is computed; absent means the defaults.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<ScoreFormula>,
    /// Target bands and flags of calibration (評価調整); absent means the defaults.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calibration: Option<CalibrationRules>,
    /// When a 1on1 or a recognition is overdue; absent means the defaults.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recency: Option<RecencySettings>,
    /// How engagement results are shown; absent means the defaults.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engagement: Option<EngagementSettings>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl DataSetInfo {
    /// How the person at the keyboard is established: `identity`, else `login`.
    pub fn identity_mode(&self) -> IdentityMode {
        self.identity.unwrap_or_default()
    }

    /// The data set's score formula: its `[score]` table, or the defaults.
    pub fn score_formula(&self) -> ScoreFormula {
        self.score.clone().unwrap_or_default()
    }

    /// The recency thresholds of this data set, the defaults where unset.
    pub fn recency_settings(&self) -> RecencySettings {
        self.recency.clone().unwrap_or_default()
    }

    /// The engagement settings of this data set, the defaults where unset.
    pub fn engagement_settings(&self) -> EngagementSettings {
        self.engagement.clone().unwrap_or_default()
    }
}
