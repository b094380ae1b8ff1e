//! A reviewer's feedback file: feedback, workflow steps on others' sheets and
//! ratings of abilities.

use serde::{Deserialize, Deserializer, Serialize};

use super::ability::AbilityRating;
use super::held::Part;
use super::{CycleId, Extra, GoalId, Held, Level, PersonId, SheetRecord};
use crate::model::date::Date;

/// `cycles/<cycle>/feedback/<reviewer>.toml`: feedback written by one reviewer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeedbackFile {
    pub reviewer: PersonId,
    pub cycle: CycleId,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub feedback: Vec<Feedback>,
    /// Workflow steps this reviewer took on other people's sheets (approve, review,
    /// confirm as the reviewer's reviewer, feedback interview held, send back).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sheet: Vec<SheetRecord>,
    /// This reviewer's ratings of abilities (能力評価), as reviewer or second reviewer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub competency: Vec<AbilityRating>,
    #[serde(flatten)]
    pub extra: Extra,
    /// What the checks of its own texts found as its file was parsed, when the load
    /// trusts the parse cache's word for it (see [`super::OwnChecks`]). Never in a file.
    #[serde(skip)]
    pub(crate) own_checks: super::OwnChecks,
}

impl FeedbackFile {
    pub fn new(reviewer: &str, cycle: &str) -> Self {
        FeedbackFile {
            reviewer: reviewer.into(),
            cycle: cycle.into(),
            feedback: Vec::new(),
            sheet: Vec::new(),
            competency: Vec::new(),
            extra: Extra::new(),
            own_checks: super::OwnChecks::NONE,
        }
    }
}

/// Feedback on one goal, or on the whole sheet when `goal` is absent. Read through
/// its keys ([`FeedbackKeys`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Feedback {
    pub person: PersonId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<GoalId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// Kept here: when each person was last told their strengths is worked out
    /// for everyone ([`crate::model::recency`]).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub strengths: String,
    /// The other texts, which only the person's sheet shows: one part, boxed, left
    /// on disk in a long session until the sheet is shown (see [`Held`]). Its keys
    /// stand in the file where they always stood. It stands before `extra`, which
    /// takes the keys it leaves: the other way round, both would take them.
    #[serde(flatten)]
    pub notes: Held<Box<FeedbackNotes>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Released to the person before the sheet is confirmed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub shared: bool,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A feedback entry's keys as the file holds them, the notes' keys read in place
/// rather than gathered for a flattened part (see `SelfRatingKeys`).
#[derive(Deserialize)]
#[serde(rename = "Feedback")]
struct FeedbackKeys {
    person: PersonId,
    #[serde(default)]
    goal: Option<GoalId>,
    #[serde(default)]
    level: Option<Level>,
    #[serde(default)]
    strengths: String,
    #[serde(default)]
    improvements: String,
    #[serde(default)]
    contribution: String,
    #[serde(default)]
    comment: String,
    #[serde(default)]
    date: Option<Date>,
    #[serde(default)]
    shared: bool,
    #[serde(flatten)]
    extra: Extra,
}

impl<'de> Deserialize<'de> for Feedback {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let FeedbackKeys { person, goal, level, strengths, improvements, contribution, comment, date, shared, extra } =
            FeedbackKeys::deserialize(deserializer)?;
        let notes = Held::Here(Box::new(FeedbackNotes { improvements, contribution, comment }));
        Ok(Feedback { person, goal, level, strengths, notes, date, shared, extra })
    }
}

/// What a feedback entry says beyond the strengths.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FeedbackNotes {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub improvements: String,
    /// How this person's work contributed to the organisation's goals.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub contribution: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
}

/// The notes of an entry whose notes are away, for readers of whole files.
static NO_NOTES: FeedbackNotes =
    FeedbackNotes { improvements: String::new(), contribution: String::new(), comment: String::new() };

impl Feedback {
    /// The entry's notes, read as empty where they are away: for those that read
    /// files whole (the export, the history), where nothing is away.
    pub fn notes_or_empty(&self) -> &FeedbackNotes {
        self.notes.here_or(&NO_NOTES)
    }
}

impl Part for FeedbackNotes {
    fn is_empty(&self) -> bool {
        let FeedbackNotes { improvements, contribution, comment } = self;
        [improvements, contribution, comment].iter().all(|text| text.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENTRY: &str = r#"[[feedback]]
person = "ito"
goal = "ito-1"
level = "A"
strengths = "丁寧"
improvements = "早めの共有"
contribution = "窓口の待ち時間短縮"
comment = "中間面談"
date = 2026-10-01
shared = true
future_key = "kept"
"#;

    fn file(entries: &str) -> String {
        format!("reviewer = \"sato\"\ncycle = \"2026\"\n\n{entries}")
    }

    /// The notes are one part in memory and the keys they always were on disk.
    #[test]
    fn an_entry_keeps_its_keys_in_their_order() {
        let read: FeedbackFile = toml::from_str(&file(ENTRY)).unwrap();
        let notes = read.feedback[0].notes.get().unwrap();
        assert_eq!((notes.improvements.as_str(), notes.comment.as_str()), ("早めの共有", "中間面談"));
        assert_eq!(toml::to_string(&read).unwrap(), file(ENTRY));
        let bare = "[[feedback]]\nperson = \"ito\"\nstrengths = \"丁寧\"\n";
        let read: FeedbackFile = toml::from_str(&file(bare)).unwrap();
        assert!(read.feedback[0].notes.is_empty());
        assert_eq!(toml::to_string(&read).unwrap(), file(bare));
    }

    #[test]
    fn an_entry_with_its_notes_away_cannot_be_written() {
        let mut read: FeedbackFile = toml::from_str(&file(ENTRY)).unwrap();
        read.feedback[0].notes.leave_on_disk();
        assert!(toml::to_string(&read).is_err());
        assert_eq!(read.feedback[0].notes_or_empty(), &FeedbackNotes::default());
    }

    /// Tens of thousands of entries at a city's size, most read on their sheet only.
    #[test]
    fn an_entry_keeps_its_notes_boxed() {
        assert_eq!(size_of::<Feedback>(), 80, "160 bytes with the notes in it, 96 with an inline person id");
    }
}
