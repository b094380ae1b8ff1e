//! Adjustments (評価調整): a calibrator sets a person's final level or final score,
//! always with a reason, as a record in the calibrator's own file
//! `cycles/<cycle>/calibration/<calibrator>.toml`. The records of all calibrators are
//! replayed in time order on top of the computed overall result; the ratings they
//! adjust are never rewritten. A record that is not valid — by someone other than the
//! file's writer, by someone who may not calibrate the person (as org.toml says now),
//! without a reason, or whose value does not fit what it adjusts — is ignored and
//! reported by validation.

use crate::model::hash::HashMap;
use std::fmt;

use crate::model::date::Timestamp;
use crate::model::permissions::Hierarchy;
use crate::model::score::{Overall, ScoreFormula};
use crate::model::source::Source;
use crate::model::types::calibration::{Adjusted, Adjustment, FinalValue};
use crate::model::types::{CycleData, Extra, Level, PersonId};
use crate::model::workflow::{SheetState, sheet_state};

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
            let source = Source::Calibration { cycle: data.cycle.id.clone(), calibrator: file.calibrator };
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
                Some(AdjustmentIgnored::NotTheWriter { writer: (*writer).into() })
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

/// For logs and developers; what users read comes from the messages.
impl fmt::Display for CalibrationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
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
        person: person.into(),
        what,
        from: current.adjusted.value(what),
        to,
        reason: reason.trim().to_owned(),
        by: actor.into(),
        at: now,
        extra: Extra::new(),
    };
    Ok((Source::Calibration { cycle: data.cycle.id.clone(), calibrator: actor.into() }, record))
}

#[cfg(test)]
pub(crate) mod tests {
    use chrono::{FixedOffset, TimeZone};

    use super::*;
    use crate::model::cascade::tests::{cycle_data, file};
    use crate::model::permissions::tests::city;
    use crate::model::types::calibration::CalibrationFile;
    use crate::model::types::{SheetRecord, Step};

    /// A moment in March 2026, Japan time.
    pub(crate) fn at(day: u32, hour: u32) -> Timestamp {
        Timestamp(FixedOffset::east_opt(9 * 3600).unwrap().with_ymd_and_hms(2026, 3, day, hour, 0, 0).unwrap())
    }

    pub(crate) fn adjustment(
        person: &str,
        by: &str,
        from: Option<FinalValue>,
        to: FinalValue,
        when: Timestamp,
    ) -> Adjustment {
        Adjustment {
            person: person.into(),
            what: to.adjusts(),
            from,
            to,
            reason: "全庁の評価調整会議で他課と比較した".into(),
            by: by.into(),
            at: when,
            extra: Extra::new(),
        }
    }

    fn calibration(calibrator: &str, adjustments: Vec<Adjustment>) -> CalibrationFile {
        CalibrationFile { adjustment: adjustments, ..CalibrationFile::new(calibrator, "2025") }
    }

    const B_AT_3_2: Outcome = Outcome { score: Some(3.2), level: Some(Level::B) };

    #[test]
    fn adjustments_replay_in_time_order_and_invalid_ones_are_ignored() {
        use FinalValue::{Level as L, Score};
        let org = city();
        let mut data = cycle_data(vec![]);
        let kimura = vec![
            // Listed first, made last: applied on top of 鈴木's, and its `from` is out of date.
            adjustment("ito", "kimura", Some(L(Level::C)), L(Level::B), at(20, 9)),
            adjustment("ito", "kimura", Some(L(Level::B)), L(Level::A), at(10, 9)),
            adjustment("ito", "suzuki", None, L(Level::S), at(11, 9)),
            Adjustment { what: Adjusted::Level, ..adjustment("ito", "kimura", None, Score(4.0), at(12, 9)) },
        ];
        let suzuki = vec![
            adjustment("ito", "suzuki", Some(Score(3.2)), Score(3.6), at(15, 9)),
            Adjustment { reason: "  ".into(), ..adjustment("ito", "suzuki", None, L(Level::S), at(16, 9)) },
        ];
        let sato = vec![adjustment("ito", "sato", None, L(Level::S), at(17, 9))];
        data.calibration =
            vec![calibration("kimura", kimura), calibration("suzuki", suzuki), calibration("sato", sato)];
        let result =
            AdjustmentIndex::new(&data).replay(&Hierarchy::new(&org), &ScoreFormula::default(), "ito", B_AT_3_2);
        let applied: Vec<(Timestamp, Outcome, bool)> =
            result.applied.iter().map(|a| (a.record.at, a.before, a.stale)).collect();
        let a_at_3_6 = Outcome { score: Some(3.6), level: Some(Level::A) };
        assert_eq!(
            applied,
            [
                (at(10, 9), B_AT_3_2, false),
                // A score sets the level too: 3.6 is an A.
                (at(15, 9), Outcome { level: Some(Level::A), ..B_AT_3_2 }, false),
                (at(20, 9), a_at_3_6, true),
            ]
        );
        assert_eq!(result.adjusted, Outcome { score: Some(3.6), level: Some(Level::B) });
        assert_eq!(result.computed, B_AT_3_2, "the computed result stays as it was");
        let ignored: Vec<(Timestamp, &AdjustmentIgnored, &Source)> =
            result.ignored.iter().map(|i| (i.record.at, &i.reason, &i.source)).collect();
        let in_file = |calibrator: &str| Source::Calibration { cycle: "2025".into(), calibrator: calibrator.into() };
        assert_eq!(
            ignored,
            [
                (at(11, 9), &AdjustmentIgnored::NotTheWriter { writer: "kimura".into() }, &in_file("kimura")),
                (at(12, 9), &AdjustmentIgnored::WrongValue, &in_file("kimura")),
                (at(16, 9), &AdjustmentIgnored::NoReason, &in_file("suzuki")),
                (at(17, 9), &AdjustmentIgnored::NotAllowed, &in_file("sato")),
            ]
        );
    }

    #[test]
    fn values_are_a_level_letter_or_a_number() {
        let text = "calibrator = \"P0007\"\ncycle = \"2026\"\nfuture = true\n\n[[adjustment]]\nperson = \"P0011\"\n\
                    what = \"score\"\nfrom = 4.12\nto = 4\nreason = \"理由\"\nby = \"P0007\"\n\
                    at = 2026-11-20T10:00:00+09:00\nnote = \"kept\"\n";
        let file: CalibrationFile = toml::from_str(text).unwrap();
        let record = &file.adjustment[0];
        assert_eq!((record.from, record.to), (Some(FinalValue::Score(4.12)), FinalValue::Score(4.0)));
        let written = toml::to_string(&file).unwrap();
        assert!(
            written.contains("to = 4.0") && written.contains("note = \"kept\"") && written.contains("future = true")
        );
        assert_eq!(toml::from_str::<CalibrationFile>(&written).unwrap(), file);
        let level: Adjustment = toml::from_str(
            "person = \"P0011\"\nwhat = \"評語\"\nto = \"A\"\nreason = \"理由\"\nby = \"P0007\"\nat = 2026-11-20T10:00:00+09:00\n",
        )
        .unwrap();
        assert_eq!(
            (level.what, level.to, level.to.to_string()),
            (Adjusted::Level, FinalValue::Level(Level::A), "A".into())
        );
        let error = toml::from_str::<Adjustment>(
            "person = \"P0011\"\nwhat = \"level\"\nto = \"E\"\nby = \"P0007\"\nat = 2026-11-20T10:00:00+09:00\n",
        )
        .unwrap_err();
        assert!(
            error.message().contains("a level (\"S\", \"A\", \"B\", \"C\" or \"D\") or a score"),
            "{}",
            error.message()
        );
    }

    fn step(person: Option<&str>, step: Step, by: &str, when: Timestamp) -> SheetRecord {
        SheetRecord {
            person: person.map(Into::into),
            step,
            by: by.into(),
            at: when,
            comment: String::new(),
            plan: Default::default(),
            confirmed: None,
            extra: Extra::new(),
        }
    }

    #[test]
    fn an_adjustment_is_recorded_by_a_calibrator_with_a_reason_once_the_sheet_is_reviewed() {
        let org = city();
        let hierarchy = Hierarchy::new(&org);
        let mut data = cycle_data(vec![file("ito", vec![], vec![])]);
        let current = FinalResult { computed: B_AT_3_2, adjusted: B_AT_3_2, applied: Vec::new(), ignored: Vec::new() };
        let level_a = FinalValue::Level(Level::A);
        let attempt = |data: &CycleData, actor: &str, to: FinalValue, reason: &str, now: Timestamp| {
            adjust(&hierarchy, data, &current, actor, "ito", to, reason, now)
        };
        assert_eq!(
            crate::messages::Message::en(&attempt(&data, "kimura", level_a, "理由", at(1, 9)).unwrap_err()),
            "the sheet of 伊藤 美咲 (ito) is draft; calibration starts once it is reviewed"
        );
        data.goals[0].sheet =
            vec![step(None, Step::Submit, "ito", at(1, 9)), step(None, Step::SelfCheck, "ito", at(3, 9))];
        let mut sato = crate::model::types::FeedbackFile::new("sato", "2025");
        sato.sheet =
            vec![step(Some("ito"), Step::Approve, "sato", at(2, 9)), step(Some("ito"), Step::Review, "sato", at(4, 9))];
        data.feedback.push(sato);
        assert_eq!(attempt(&data, "kimura", level_a, " ", at(5, 9)), Err(CalibrationError::ReasonRequired));
        assert_eq!(
            attempt(&data, "sato", level_a, "理由", at(5, 9)),
            Err(CalibrationError::NotAllowed {
                actor: "佐藤 健 (sato)".into(), person: "伊藤 美咲 (ito)".into()
            })
        );
        assert_eq!(
            attempt(&data, "kimura", FinalValue::Score(-1.0), "理由", at(5, 9)),
            Err(CalibrationError::BadScore { value: -1.0 })
        );
        assert!(matches!(
            attempt(&data, "kimura", FinalValue::Score(f64::NAN), "理由", at(5, 9)),
            Err(CalibrationError::BadScore { .. })
        ));
        assert_eq!(
            adjust(&hierarchy, &data, &current, "kimura", "nobody", level_a, "理由", at(5, 9)),
            Err(CalibrationError::UnknownPerson { id: "nobody".into() })
        );
        let (source, record) = attempt(&data, "suzuki", FinalValue::Score(3.6), " 他課との均衡 ", at(5, 9)).unwrap();
        assert_eq!(source, Source::Calibration { cycle: "2025".into(), calibrator: "suzuki".into() });
        assert_eq!(
            record,
            Adjustment {
                reason: "他課との均衡".into(),
                ..adjustment("ito", "suzuki", Some(FinalValue::Score(3.2)), FinalValue::Score(3.6), at(5, 9))
            }
        );
        // A clock behind the person's last adjustment would sort the new one before it.
        let earlier = FinalResult {
            applied: vec![AppliedAdjustment { record: &record, source, before: B_AT_3_2, stale: false }],
            ..current.clone()
        };
        assert_eq!(
            adjust(&hierarchy, &data, &earlier, "kimura", "ito", level_a, "理由", at(5, 9)),
            Err(CalibrationError::ClockBehind { now: at(5, 9), last: at(5, 9) })
        );
        use crate::messages::Message;
        let reason = CalibrationError::ReasonRequired;
        assert_eq!(
            (reason.ja().as_str(), reason.en().as_str()),
            ("評価調整には理由が必要です", "an adjustment needs a reason saying why")
        );
    }
}
