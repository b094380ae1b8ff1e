//! 評価調整 (calibration): evening out reviewers who rate leniently or harshly, as
//! records anyone can replay.
//!
//! Who may calibrate is a permission rule ([`Hierarchy::can_calibrate`]): HR, and each
//! second reviewer over the people whose sheets they confirm. An adjustment sets a
//! person's final level or final score with a required reason, in the calibrator's own
//! file; the reviewers' ratings stay as they are ([`adjustment`]). The view — the
//! distributions, the flags, the self-against-reviewer gaps and the preview — is
//! computed from the records ([`report`]).

pub mod adjustment;
pub mod report;

pub use crate::model::types::calibration::{Adjusted, Adjustment, CalibrationFile, FinalValue};
pub use adjustment::{
    AdjustmentIgnored, AdjustmentIndex, AppliedAdjustment, CalibrationError, FinalResult, IgnoredAdjustment, Outcome,
    adjust,
};
pub use report::{
    CalibrationRules, Candidate, Flag, Gap, LevelCounts, PersonGap, Preview, Report, Scope, Stats, Subject, Summary,
    preview, report, subjects,
};

use crate::model::permissions::Hierarchy;
use crate::model::score::{Evaluation, ScoreFormula, evaluate};
use crate::model::types::CycleData;

/// `person`'s evaluation and their final result after the recorded adjustments.
pub fn final_result<'a>(
    org: &Hierarchy<'_>,
    data: &'a CycleData,
    formula: &ScoreFormula,
    person: &str,
) -> (Evaluation<'a>, FinalResult<'a>) {
    let evaluation = evaluate(org, data, formula, person);
    let result = AdjustmentIndex::new(data).replay(org, formula, person, Outcome::of(&evaluation.overall));
    (evaluation, result)
}
