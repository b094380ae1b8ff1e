//! A part of a record that a long session may leave on disk until it is shown.
//!
//! HR's session holds every sheet of the city, yet draws the texts of one sheet at a
//! time; at 20,000 people those texts are most of the memory. The app therefore
//! leaves them on disk ([`Held::Away`]) and reads a person's files whole when their
//! sheet is shown. The type makes every reader say what it does with a part that
//! is away, and a record with a part away cannot be written: serialising it fails,
//! so a file held in part can never be saved over the whole one.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{FeedbackFile, Goal, GoalsFile, LogEntry};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Held<T> {
    Here(T),
    /// Left on disk; the file holds it.
    Away,
}

/// What a reader of a part left on disk is told.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("a part of the record was left on disk")]
pub struct Away;

impl<T> Held<T> {
    pub fn get(&self) -> Result<&T, Away> {
        match self {
            Held::Here(value) => Ok(value),
            Held::Away => Err(Away),
        }
    }

    pub fn get_mut(&mut self) -> Result<&mut T, Away> {
        match self {
            Held::Here(value) => Ok(value),
            Held::Away => Err(Away),
        }
    }

    /// The value if here: for those that go through what is here and leave the
    /// rest to whoever reports it not read.
    pub fn here(&self) -> Option<&T> {
        self.get().ok()
    }

    pub fn here_mut(&mut self) -> Option<&mut T> {
        self.get_mut().ok()
    }

    /// The part read, or away where what it was read from was.
    pub fn of(read: Result<T, Away>) -> Held<T> {
        read.map_or(Held::Away, Held::Here)
    }

    /// Lets the part go: the file on disk still holds it.
    pub fn leave_on_disk(&mut self) {
        *self = Held::Away;
    }
}

/// What a record leaves on disk: a text or a list.
pub trait Part {
    fn is_empty(&self) -> bool;
}

impl Part for String {
    fn is_empty(&self) -> bool {
        String::is_empty(self)
    }
}

impl Part for str {
    fn is_empty(&self) -> bool {
        str::is_empty(self)
    }
}

impl<T> Part for Vec<T> {
    fn is_empty(&self) -> bool {
        <[T]>::is_empty(self)
    }
}

impl<T> Part for [T] {
    fn is_empty(&self) -> bool {
        <[T]>::is_empty(self)
    }
}

/// A part boxed, as a record's several texts are kept together.
impl<T> Held<Box<T>> {
    /// The part, or `empty` where it is away: for those that read files whole.
    pub fn here_or<'a>(&'a self, empty: &'a T) -> &'a T {
        self.here().map_or(empty, |part| part)
    }
}

impl<T> From<T> for Held<Box<T>> {
    fn from(part: T) -> Self {
        Held::Here(Box::new(part))
    }
}

impl<T: Part> Part for Box<T> {
    fn is_empty(&self) -> bool {
        T::is_empty(self)
    }
}

impl<T: Part> Held<T> {
    /// Whether the part is here and empty: what a record leaves out when written.
    /// A part away is not empty, so that writing it fails rather than drop it.
    pub fn is_empty(&self) -> bool {
        matches!(self, Held::Here(part) if part.is_empty())
    }

    /// Leaves the part on disk unless it is empty: an empty one costs nothing here,
    /// and one away would read as something there. Answers whether it is away.
    pub fn leave_unless_empty(&mut self) -> bool {
        let away = !self.is_empty();
        if away {
            self.leave_on_disk();
        }
        away
    }
}

/// Leaves each of `parts` on disk unless it is empty; answers whether any is away.
fn leave_all<'a, T: Part + 'a>(parts: impl Iterator<Item = &'a mut Held<T>>) -> bool {
    parts.fold(false, |left, part| part.leave_unless_empty() | left)
}

/// An empty value, here: what a record without the key reads as.
impl<T: Default> Default for Held<T> {
    fn default() -> Self {
        Held::Here(T::default())
    }
}

impl<T> From<T> for Held<T> {
    fn from(value: T) -> Self {
        Held::Here(value)
    }
}

impl From<&str> for Held<String> {
    fn from(text: &str) -> Self {
        Held::Here(text.to_owned())
    }
}

impl From<&str> for Held<Box<String>> {
    fn from(text: &str) -> Self {
        Held::Here(Box::new(text.to_owned()))
    }
}

/// The texts of a goals file's goals that a long session leaves on disk one by
/// one: its Do-log entries' (of the logs it keeps) and its self-checks' comments.
fn goal_texts_mut(file: &mut GoalsFile) -> impl Iterator<Item = &mut Held<String>> {
    file.goals.iter_mut().flat_map(|goal| {
        let Goal { log, check, .. } = goal;
        let entries = log.here_mut().into_iter().flat_map(|log| log.iter_mut()).map(|entry| &mut entry.text);
        entries.chain(check.iter_mut().map(|check| &mut check.comment))
    })
}

/// A file whose texts a long session leaves on disk until a sheet shows them.
pub trait HeldTexts {
    /// Leaves its texts on disk; answers whether it had any.
    fn leave_texts_on_disk(&mut self) -> bool;

    /// Whether any of its texts was left on disk.
    fn holds_texts_on_disk(&self) -> bool;
}

/// What only an open sheet shows: the goals' details (their descriptions, plans,
/// proposals' notes, milestones, revisions and links to the cycle before), the Do
/// logs, the self-checks' comments, and the self-ratings' notes (their comments and
/// the Do-log entries they cite). A Do log with training in it (an entry
/// naming a course or marked completed) stays, all but its texts: the training
/// metrics and the course checks read it for everyone.
impl HeldTexts for GoalsFile {
    fn leave_texts_on_disk(&mut self) -> bool {
        // The logs first: the texts of those that stay are left after them.
        let logs = self.leave_plain_logs_on_disk();
        let details = leave_all(self.goals.iter_mut().map(|goal| &mut goal.detail));
        let texts = leave_all(goal_texts_mut(self));
        let ratings = leave_all(self.competencies.iter_mut().map(|rating| &mut rating.notes));
        logs | details | texts | ratings
    }

    fn holds_texts_on_disk(&self) -> bool {
        let log_away =
            |log: &Held<Box<Vec<LogEntry>>>| log.get().map_or(true, |log| log.iter().any(|e| e.text.get().is_err()));
        self.holds_more_than_logs_on_disk() || self.goals.iter().any(|goal| log_away(&goal.log))
    }
}

impl GoalsFile {
    /// Leaves on disk each Do log with no training in it (no entry naming a course
    /// or marked completed), which the training metrics and the course checks never
    /// read; answers whether it left any.
    pub fn leave_plain_logs_on_disk(&mut self) -> bool {
        self.logs_away_checked = false;
        let training = |log: &[LogEntry]| log.iter().any(LogEntry::is_training);
        leave_all(
            self.goals.iter_mut().map(|goal| &mut goal.log).filter(|log| !log.get().is_ok_and(|log| training(log))),
        )
    }

    /// Whether any of its texts but the Do logs and their entries' texts was left on disk.
    pub fn holds_more_than_logs_on_disk(&self) -> bool {
        let mut check_comments = self.goals.iter().filter_map(|goal| goal.check.as_ref()).map(|check| &check.comment);
        check_comments.any(|comment| comment.get().is_err())
            || self.goals.iter().any(|goal| goal.detail.get().is_err())
            || self.competencies.iter().any(|rating| rating.notes.get().is_err())
    }
}

/// What only the sheets it is about show: the feedback's notes (all but the
/// strengths), the raters' comments on abilities and the plans as approved or
/// confirmed (snapshots). What is empty stays, and so does the snapshot of a step
/// that names no sheet (an invalid one, which no sheet shown would read back).
impl HeldTexts for FeedbackFile {
    fn leave_texts_on_disk(&mut self) -> bool {
        let snapshots = self.sheet.iter_mut().filter(|record| record.person.is_some()).map(|record| &mut record.plan);
        let snapshots = leave_all(snapshots);
        let comments = leave_all(self.competency.iter_mut().map(|rating| &mut rating.comment));
        let notes = leave_all(self.feedback.iter_mut().map(|entry| &mut entry.notes));
        snapshots | comments | notes
    }

    fn holds_texts_on_disk(&self) -> bool {
        self.sheet.iter().any(|record| record.plan.get().is_err())
            || self.competency.iter().any(|rating| rating.comment.get().is_err())
            || self.feedback.iter().any(|entry| entry.notes.get().is_err())
    }
}

impl FeedbackFile {
    /// The people whose sheets show a text of this file left on disk.
    pub fn people_held(&self) -> impl Iterator<Item = &str> {
        let snapshots = self.sheet.iter().filter(|record| record.plan.get().is_err());
        let about = snapshots.filter_map(|record| record.person.as_deref());
        let rated = self.competency.iter().filter(|rating| rating.comment.get().is_err());
        let noted = self.feedback.iter().filter(|entry| entry.notes.get().is_err());
        about.chain(rated.map(|rating| rating.person.as_str())).chain(noted.map(|entry| entry.person.as_str()))
    }
}

/// Written as the value it holds; a part away cannot be written.
impl<T: Serialize> Serialize for Held<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Held::Here(value) => value.serialize(serializer),
            Held::Away => Err(serde::ser::Error::custom(Away)),
        }
    }
}

/// Read as the value: whatever is read is here.
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Held<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Held::Here)
    }
}

/// The names a goal's Do log and a Do-log entry's text are read under
/// ([`do_log`], [`log_text`]). A reader told to leaves a value so named undecoded,
/// as away, unless it is empty (a part left on disk never is, see
/// [`Held::leave_unless_empty`]): the parse cache's, for an export, of a file whose
/// checks of its Do logs passed as it was parsed ([`OwnChecks::undecoded`]).
pub const DO_LOG: &str = "pdca::DoLog";
pub const LOG_TEXT: &str = "pdca::LogText";

/// Reads a goal's Do log: here, as any list is read; away when the reader leaves
/// it undecoded ([`DO_LOG`]).
#[expect(clippy::box_collection, reason = "read into the goal's own")]
pub fn do_log<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Held<Box<Vec<LogEntry>>>, D::Error> {
    deserializer.deserialize_newtype_struct(DO_LOG, HeldPart(std::marker::PhantomData))
}

/// Reads a Do-log entry's text: here, as any text is read; away when the reader
/// leaves it undecoded ([`LOG_TEXT`]).
pub fn log_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Held<String>, D::Error> {
    deserializer.deserialize_newtype_struct(LOG_TEXT, HeldPart(std::marker::PhantomData))
}

/// Reads a part under its name: a reader that leaves it undecoded answers with a
/// unit; any other reads the part as it is (a newtype is read as what it holds).
struct HeldPart<T>(std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for HeldPart<T> {
    type Value = Held<T>;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a part of a record")
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<Held<T>, D::Error> {
        T::deserialize(deserializer).map(Held::Here)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Held<T>, E> {
        Ok(Held::Away)
    }

    // A reader that reads a newtype as any value gives the part as it is.
    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Held<T>, E> {
        T::deserialize(serde::de::value::StrDeserializer::new(text)).map(Held::Here)
    }

    fn visit_string<E: serde::de::Error>(self, text: String) -> Result<Held<T>, E> {
        T::deserialize(serde::de::value::StringDeserializer::new(text)).map(Held::Here)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Held<T>, A::Error> {
        T::deserialize(serde::de::value::SeqAccessDeserializer::new(seq)).map(Held::Here)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Held<T>, A::Error> {
        T::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(Held::Here)
    }
}

/// What the checks that read a goals, feedback or 1on1 file alone found of its texts
/// when the file was parsed (`model::validate`'s `own_checks`), before any part of
/// it was left on disk. The parse cache keeps it beside the file's record, and a
/// load that trusts it (an export's) then neither checks each text again nor
/// decodes the Do logs' texts. Nothing known ([`OwnChecks::NONE`]) means every
/// check is made as the file is validated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OwnChecks(u8);

impl OwnChecks {
    pub const NONE: OwnChecks = OwnChecks(0);
    /// Every text its file's own checks read passes them.
    const TEXTS: u8 = 1;
    /// Every check that reads its Do logs passes.
    const LOGS: u8 = 2;
    /// Some Do log of it has training in it (an entry naming a course or marked completed).
    const TRAINING: u8 = 4;

    pub fn found(texts_pass: bool, logs_pass: bool, training: bool) -> OwnChecks {
        let bit = |found: bool, bit: u8| if found { bit } else { 0 };
        OwnChecks(bit(texts_pass, Self::TEXTS) | bit(logs_pass, Self::LOGS) | bit(training, Self::TRAINING))
    }

    /// What a load that trusts these checks and leaves the Do logs an export never
    /// writes on disk need not decode of the record: once the logs passed, every
    /// log when none has training ([`DO_LOG`]), else the entries' texts, which the
    /// training records do not read ([`LOG_TEXT`]).
    pub fn undecoded(self) -> Option<&'static str> {
        match (self.logs_pass(), self.0 & Self::TRAINING != 0) {
            (false, _) => None,
            (true, false) => Some(DO_LOG),
            (true, true) => Some(LOG_TEXT),
        }
    }

    pub fn texts_pass(self) -> bool {
        self.0 & Self::TEXTS != 0
    }

    pub fn logs_pass(self) -> bool {
        self.0 & Self::LOGS != 0
    }

    /// As the parse cache keeps it.
    pub fn to_byte(self) -> u8 {
        self.0
    }

    /// What [`OwnChecks::to_byte`] kept; a bit it does not know is not taken.
    pub fn from_byte(byte: u8) -> OwnChecks {
        OwnChecks(byte & (Self::TEXTS | Self::LOGS | Self::TRAINING))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a trusting load leaves undecoded follows from the checks alone, and
    /// the byte the parse cache keeps gives the checks back.
    #[test]
    fn the_checks_say_what_may_be_left_undecoded() {
        let cases = [
            ((false, false, false), None),
            ((true, false, true), None),
            ((false, true, false), Some(DO_LOG)),
            ((true, true, false), Some(DO_LOG)),
            ((false, true, true), Some(LOG_TEXT)),
            ((true, true, true), Some(LOG_TEXT)),
        ];
        for ((texts, logs, training), undecoded) in cases {
            let checks = OwnChecks::found(texts, logs, training);
            assert_eq!((checks.texts_pass(), checks.logs_pass()), (texts, logs));
            assert_eq!(checks.undecoded(), undecoded, "{checks:?}");
            assert_eq!(OwnChecks::from_byte(checks.to_byte()), checks);
        }
        assert_eq!(OwnChecks::from_byte(0xf8), OwnChecks::NONE, "bits it does not know");
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Entry {
        day: u32,
        text: Held<String>,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Plain {
        day: u32,
        text: String,
    }

    #[test]
    fn costs_no_more_than_the_text() {
        assert_eq!(size_of::<Held<String>>(), size_of::<String>());
    }

    #[test]
    fn a_part_here_reads_and_writes_as_the_plain_value() {
        let text = "day = 3\ntext = \"\"\"\n窓口の\n待ち時間 \"計測\"\"\"\"\n";
        let held: Entry = toml::from_str(text).unwrap();
        let plain: Plain = toml::from_str(text).unwrap();
        assert_eq!(held.text.get().unwrap(), &plain.text);
        assert_eq!(toml::to_string(&held).unwrap(), toml::to_string(&plain).unwrap());
        assert_eq!(rmp_serde::to_vec(&held).unwrap(), rmp_serde::to_vec(&plain).unwrap());
        let back: Entry = rmp_serde::from_slice(&rmp_serde::to_vec(&held).unwrap()).unwrap();
        assert_eq!(back, held);
    }

    #[test]
    fn a_part_away_cannot_be_read_or_written() {
        let mut entry = Entry { day: 3, text: "計測".into() };
        entry.text.leave_on_disk();
        assert_eq!(entry.text.get(), Err(Away));
        assert!(toml::to_string(&entry).is_err());
        assert!(rmp_serde::to_vec(&entry).is_err());
        assert_ne!(entry, Entry { day: 3, text: "計測".into() });
    }

    #[test]
    fn a_goals_file_leaves_what_only_an_open_sheet_shows_and_keeps_the_rest() {
        let mut whole: GoalsFile = toml::from_str(GOALS).unwrap();
        whole.goals.push(Goal { id: "P1-2".into(), title: "説明のない目標".into(), ..Goal::default() });
        assert!(!whole.holds_texts_on_disk());
        let mut held = whole.clone();
        assert!(held.leave_texts_on_disk());
        assert!(held.holds_texts_on_disk());
        assert_eq!(held.goals[2], whole.goals[2], "an empty text stays: away, it would read as one there");
        let goal = &held.goals[0];
        assert_eq!(goal.detail.get(), Err(Away), "the description, plan and note");
        assert_eq!(goal.check.as_ref().unwrap().comment.get(), Err(Away));
        assert_eq!(goal.log.get(), Err(Away), "a Do log without training");
        // A Do log with training stays for the metrics and checks of everyone, but its texts.
        let (training, whole_training) = (held.goals[1].log.get().unwrap(), whole.goals[1].log.get().unwrap());
        assert_eq!(training[0].text.get(), Err(Away));
        assert_eq!((training[0].date, &training[0].course), (whole_training[0].date, &whole_training[0].course));
        assert_eq!(held.competencies[0].notes.get(), Err(Away), "a rating's comment and the Do entries it cites");
        assert_eq!(held.competencies[1], whole.competencies[1], "a rating citing nothing stays as it is");
        // What the views of everyone show stays: the title, the criteria, the rest.
        assert_eq!((&goal.title, &goal.criteria), (&whole.goals[0].title, &whole.goals[0].criteria));
        assert_eq!(goal.check.as_ref().unwrap().level, whole.goals[0].check.as_ref().unwrap().level);
        assert!(toml::to_string(&held).is_err(), "a file held in part is never written");
    }

    /// What an export leaves: the Do logs without training, whole, and nothing else.
    #[test]
    fn a_goals_file_leaves_its_plain_logs_and_keeps_every_other_text() {
        let whole: GoalsFile = toml::from_str(GOALS).unwrap();
        let mut plain = whole.clone();
        assert!(plain.leave_plain_logs_on_disk());
        assert!(plain.holds_texts_on_disk() && !plain.holds_more_than_logs_on_disk());
        assert_eq!(plain.goals[0].log.get(), Err(Away));
        let without_log = |goal: &Goal| Goal { log: Held::Here(Box::default()), ..goal.clone() };
        assert_eq!(without_log(&plain.goals[0]), without_log(&whole.goals[0]), "its details, check and the rest");
        assert_eq!(plain.goals[1], whole.goals[1], "a Do log with training stays whole, texts and all");
        assert_eq!(plain.competencies, whole.competencies);
        let again = plain.clone();
        plain.leave_plain_logs_on_disk();
        assert_eq!(plain, again, "left once, nothing more to leave");
    }

    const GOALS: &str = r#"
owner = "P1"
cycle = "2026"
[[goals]]
id = "P1-1"
title = "窓口の待ち時間を短縮する"
description = "背景"
criteria = "平均10分以内"
proposal_note = "補足"
plan = "4月：計測"
[[goals.log]]
date = 2026-05-01
kind = "practice"
text = "計測を始めた"
[goals.check]
date = 2026-10-01
level = "B"
comment = "概ね達成"
[[goals]]
id = "P1-3"
title = "DX推進研修を修了する"
[[goals.log]]
date = 2026-06-01
kind = "off-jt"
text = "第1回に出席"
course = "DX推進研修"
[[competencies]]
ability = "knowledge"
level = "B"
comment = "自己評価"
[[competencies.evidence]]
goal = "P1-1"
date = 2026-05-01
[[competencies]]
ability = "cooperation"
level = "B"
"#;

    #[test]
    fn a_feedback_file_leaves_the_snapshots_raters_comments_and_notes_of_the_sheets_it_is_about() {
        let text = r#"
reviewer = "R"
cycle = "2026"
[[feedback]]
person = "P6"
strengths = "丁寧"
improvements = "早めの共有"
[[feedback]]
person = "P7"
strengths = "速い"
[[sheet]]
person = "P1"
step = "approve"
by = "R"
at = 2026-05-10T09:00:00+09:00
[[sheet.plan]]
id = "P1-1"
title = "窓口の待ち時間を短縮する"
[[sheet]]
person = "P2"
step = "send-back"
by = "R"
at = 2026-05-11T09:00:00+09:00
comment = "目標値を"
[[sheet]]
step = "approve"
by = "R"
at = 2026-05-12T09:00:00+09:00
[[sheet.plan]]
id = "P4-1"
title = "誰のシートか書かれていない承認"
[[competency]]
person = "P3"
ability = "knowledge"
level = "B"
comment = "的確"
[[competency]]
person = "P5"
ability = "knowledge"
level = "C"
"#;
        let whole: FeedbackFile = toml::from_str(text).unwrap();
        assert!(!whole.holds_texts_on_disk() && whole.people_held().next().is_none());
        let mut held = whole.clone();
        assert!(held.leave_texts_on_disk());
        assert!(held.holds_texts_on_disk());
        assert!(held.sheet[0].plan.get().is_err() && held.competency[0].comment.get().is_err());
        assert!(held.feedback[0].notes.get().is_err() && held.feedback[1].notes.is_empty());
        let strengths = |file: &FeedbackFile| file.feedback.iter().map(|f| f.strengths.clone()).collect::<Vec<_>>();
        assert_eq!(strengths(&held), strengths(&whole), "the strengths stay");
        // A step without a snapshot keeps its empty list, a rating without a comment
        // its empty text, and a step that names no sheet (which no sheet shown would
        // read back) its snapshot; what the views of everyone show stays.
        assert!(held.sheet[1].plan.is_empty() && held.competency[1].comment.is_empty());
        assert_eq!(held.sheet[2], whole.sheet[2]);
        assert_eq!(
            (&held.sheet[1].comment, held.competency[0].level),
            (&whole.sheet[1].comment, whole.competency[0].level)
        );
        assert_eq!(held.people_held().collect::<Vec<_>>(), ["P1", "P3", "P6"]);
        assert!(toml::to_string(&held).is_err(), "a file held in part is never written");
    }
}
