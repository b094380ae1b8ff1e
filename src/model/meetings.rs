//! 1on1 meetings: the seed's ⑥ 1on1 ミーティング（メンター制度） and manager–report
//! 1on1s, kept in `cycles/<cycle>/meetings/<writer>.toml` by the person who wrote
//! them down (one writer per file, like feedback).
//!
//! Agenda, notes and agreed actions are private to the two people. The people above
//! either of them and HR see only that a meeting happened: [`visible`] gives every
//! caller the view its reader may have, so the text cannot leak by accident.

use crate::model::hash::HashMap;
use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::date::Date;
use super::permissions::{Denied, Hierarchy, MeetingAccess};
use super::types::{CycleId, DateSpan, Extra, GoalId, OwnChecks, PersonId};

mod texts;
pub use texts::Texts;

/// `cycles/<cycle>/meetings/<writer>.toml`: the 1on1s one person wrote down.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeetingsFile {
    pub writer: PersonId,
    pub cycle: CycleId,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meetings: Vec<Meeting>,
    #[serde(flatten)]
    pub extra: Extra,
    /// Texts of it were left out for the reader ([`leave_out_others_texts`]): the
    /// file is held in part, and must never be written back. Never in the file:
    /// a file so marked cannot be written at all, as a record holding a text
    /// left on disk cannot ([`crate::model::Held`]).
    #[serde(skip_deserializing, skip_serializing_if = "std::ops::Not::not", serialize_with = "refuse_left_out")]
    pub texts_left_out: bool,
    /// What the checks of its own texts found as its file was parsed, when the load
    /// trusts the parse cache's word for it (see [`OwnChecks`]). Never in a file.
    #[serde(skip)]
    pub(crate) own_checks: OwnChecks,
}

/// Called only for a file whose texts were left out: it is not written.
fn refuse_left_out<S: serde::Serializer>(_: &bool, _: S) -> Result<S::Ok, S::Error> {
    Err(serde::ser::Error::custom("the 1on1s' texts were left out of this file; it cannot be written"))
}

impl MeetingsFile {
    pub fn new(writer: &str, cycle: &str) -> Self {
        let (writer, cycle) = (writer.into(), cycle.into());
        let own_checks = OwnChecks::NONE;
        MeetingsFile { writer, cycle, meetings: Vec::new(), extra: Extra::new(), texts_left_out: false, own_checks }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum MeetingKind {
    /// A mentor and a mentee (メンター制度); the pairs are in org.toml (`mentor`).
    #[serde(rename = "mentor", alias = "メンター")]
    Mentor,
    /// A manager and a report (上司との1on1).
    #[serde(rename = "manager", alias = "上司")]
    Manager,
}

/// One 1on1 between the file's writer and `with`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "MeetingKeys")]
pub struct Meeting {
    pub date: Date,
    /// The other person.
    pub with: PersonId,
    pub kind: MeetingKind,
    /// What only the two see; its keys stand in the file where they always stood.
    #[serde(flatten)]
    pub texts: Texts,
}

/// A 1on1's keys as the file holds them, read in one map: read as the meeting and
/// its texts flattened into it, every key was gathered first and read again, the
/// texts' twice, and a city's 1on1s took longer to read than their goals' texts.
#[derive(Deserialize)]
#[serde(rename = "Meeting")]
struct MeetingKeys {
    date: Date,
    with: PersonId,
    kind: MeetingKind,
    #[serde(default)]
    agenda: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    actions: Vec<AgreedAction>,
    #[serde(flatten)]
    extra: Extra,
}

impl From<MeetingKeys> for Meeting {
    fn from(keys: MeetingKeys) -> Meeting {
        let MeetingKeys { date, with, kind, agenda, notes, actions, extra } = keys;
        Meeting { date, with, kind, texts: Texts::from(MeetingTexts { agenda, notes, actions, extra }) }
    }
}

/// What was said at a 1on1, and the keys of it this version does not know.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct MeetingTexts {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub agenda: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub notes: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<AgreedAction>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Something the two agreed to do, optionally for one of their goals.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgreedAction {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<GoalId>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub done: bool,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A meeting and who wrote it down.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MeetingRef<'a> {
    pub writer: &'a str,
    pub meeting: &'a Meeting,
}

impl<'a> MeetingRef<'a> {
    pub fn involves(&self, person: &str) -> bool {
        self.writer == person || self.meeting.with == person
    }

    /// Whether the meeting is between `a` and `b`, whoever wrote it.
    pub fn is_between(&self, a: &str, b: &str) -> bool {
        (self.writer == a && self.meeting.with == b) || (self.writer == b && self.meeting.with == a)
    }

    /// The pair as (smaller id, larger id), whoever wrote it.
    fn pair(&self) -> (&'a str, &'a str) {
        let (writer, with) = (self.writer, self.meeting.with.as_str());
        if writer <= with { (writer, with) } else { (with, writer) }
    }
}

/// Every meeting of the files, in file order.
pub fn all(files: &[MeetingsFile]) -> impl Iterator<Item = MeetingRef<'_>> {
    files.iter().flat_map(|file| file.meetings.iter().map(move |meeting| MeetingRef { writer: &file.writer, meeting }))
}

/// The meetings between `a` and `b`, oldest first (of one day, in file order).
pub fn between<'a>(files: &'a [MeetingsFile], a: &str, b: &str) -> Vec<MeetingRef<'a>> {
    let mut found: Vec<MeetingRef<'a>> = all(files).filter(|m| m.is_between(a, b)).collect();
    found.sort_by_key(|m| m.meeting.date);
    found
}

/// The 1on1s within `span` as (day, pair), each once: when both people write the
/// same meeting down, it still counts once.
fn distinct<'a>(meetings: impl Iterator<Item = MeetingRef<'a>>, span: DateSpan) -> BTreeSet<(Date, &'a str, &'a str)> {
    meetings
        .filter(|m| span.contains(m.meeting.date))
        .map(|m| {
            let (first, second) = m.pair();
            (m.meeting.date, first, second)
        })
        .collect()
}

/// How many 1on1s `person` had within `span`.
pub fn count(files: &[MeetingsFile], person: &str, span: DateSpan) -> usize {
    distinct(all(files).filter(|m| m.involves(person)), span).len()
}

/// How many 1on1s each person had within `span`, in one pass over the files.
pub fn counts(files: &[MeetingsFile], span: DateSpan) -> HashMap<&str, usize> {
    let mut counts: HashMap<&str, usize> = HashMap::default();
    for (_, first, second) in distinct(all(files), span) {
        *counts.entry(first).or_default() += 1;
        *counts.entry(second).or_default() += 1;
    }
    counts
}

/// The day of `person`'s latest 1on1 on or before `today`.
pub fn last_date(files: &[MeetingsFile], person: &str, today: Date) -> Option<Date> {
    all(files).filter(|m| m.involves(person) && m.meeting.date <= today).map(|m| m.meeting.date).max()
}

/// Each 1on1 on or before `today`, as (person, day) for both of its people: what
/// a pass over everyone's latest 1on1 reads ([`crate::model::recency::all_recency`]).
pub fn days_until(files: &[MeetingsFile], today: Date) -> impl Iterator<Item = (&str, Date)> {
    all(files)
        .filter(move |m| m.meeting.date <= today)
        .flat_map(|m| [(m.writer, m.meeting.date), (m.meeting.with.as_str(), m.meeting.date)])
}

/// Agenda, notes and agreed actions: only ever handed to the two people.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MeetingContent<'a> {
    pub agenda: &'a str,
    pub notes: &'a str,
    pub actions: &'a [AgreedAction],
}

/// A meeting as one reader may see it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MeetingView<'a> {
    pub writer: &'a str,
    pub with: &'a str,
    pub date: Date,
    pub kind: MeetingKind,
    /// `None` for everyone but the two people: they see that it happened, not what was said.
    pub content: Option<MeetingContent<'a>>,
}

/// One meeting as `actor` may see it; `None` when they may not know of it at all.
pub fn view<'a>(hierarchy: &Hierarchy<'_>, actor: &str, meeting: MeetingRef<'a>) -> Option<MeetingView<'a>> {
    let access = hierarchy.meeting_access(actor, meeting.writer, &meeting.meeting.with)?;
    let content = (access == MeetingAccess::Full).then_some(MeetingContent {
        agenda: &meeting.meeting.texts.agenda,
        notes: &meeting.meeting.texts.notes,
        actions: &meeting.meeting.texts.actions,
    });
    Some(MeetingView {
        writer: meeting.writer,
        with: &meeting.meeting.with,
        date: meeting.meeting.date,
        kind: meeting.meeting.kind,
        content,
    })
}

/// Every meeting `actor` may know of, oldest first, each redacted as the read
/// rules say (see [`Hierarchy::meeting_access`]).
pub fn visible<'a>(hierarchy: &Hierarchy<'_>, actor: &str, files: &'a [MeetingsFile]) -> Vec<MeetingView<'a>> {
    let mut views: Vec<MeetingView<'a>> = all(files).filter_map(|m| view(hierarchy, actor, m)).collect();
    views.sort_by_key(|v| v.date);
    views
}

/// Leaves out of `files` what `reader` is never shown: the agenda, notes, agreed
/// actions and unknown keys of every 1on1 they were not one of the pair of (the
/// rule of [`view`]); the day, the pair and the kind stay, which the counts and
/// metrics read. A file that lost something says so (`texts_left_out`): it is
/// held in part and must never be written back. The store does it as each file
/// is read, for a reader it knows (see `Store::reading_meetings_as`), so that a
/// city's 1on1 texts are never all held at once; doing it again leaves nothing
/// more out and keeps what the files say.
pub fn leave_out_others_texts(file: &mut MeetingsFile, reader: &str) {
    if file.writer == reader {
        return;
    }
    for meeting in file.meetings.iter_mut().filter(|meeting| meeting.with != reader) {
        file.texts_left_out |= meeting.texts.take() != MeetingTexts::default();
    }
}

/// `person`'s 1on1s as `actor` may see them (e.g. `pdca show meetings --person`):
/// refused unless `actor` is the person, above them, or HR; the text only where
/// `actor` is one of a pair.
pub fn of_person<'a>(
    hierarchy: &Hierarchy<'_>,
    actor: &str,
    files: &'a [MeetingsFile],
    person: &str,
) -> Result<Vec<MeetingView<'a>>, Denied> {
    hierarchy.can_read_meetings_of(actor, person)?;
    let mut views: Vec<MeetingView<'a>> =
        all(files).filter(|m| m.involves(person)).filter_map(|m| view(hierarchy, actor, m)).collect();
    views.sort_by_key(|v| v.date);
    Ok(views)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::hash::HashSet;
    use crate::model::permissions::tests::city;
    use crate::model::types::{Feedback, FeedbackFile};

    pub(crate) fn day(month: u32, day: u32) -> Date {
        let year = if month >= 4 { 2025 } else { 2026 };
        Date::from_ymd(year, month, day).unwrap()
    }

    pub(crate) fn meeting(with: &str, date: Date, kind: MeetingKind) -> Meeting {
        Meeting {
            date,
            with: with.into(),
            kind,
            texts: MeetingTexts {
                agenda: "研修の進め方".into(),
                notes: "資格取得の希望を聞いた".into(),
                actions: vec![AgreedAction {
                    text: "過去問題集を用意する".into(),
                    goal: None,
                    done: false,
                    extra: Extra::new(),
                }],
                extra: Extra::new(),
            }
            .into(),
        }
    }

    pub(crate) fn file(writer: &str, meetings: Vec<Meeting>) -> MeetingsFile {
        MeetingsFile { meetings, ..MeetingsFile::new(writer, "2025") }
    }

    /// `reviewer`'s feedback file of 2025 with one recognition of `person` on `date`:
    /// whole-sheet feedback naming `strengths`.
    pub(crate) fn recognition(reviewer: &str, person: &str, strengths: &str, date: Date) -> FeedbackFile {
        let mut review = FeedbackFile::new(reviewer, "2025");
        review.feedback.push(Feedback {
            person: person.into(),
            goal: None,
            level: None,
            strengths: strengths.into(),
            notes: Default::default(),
            date: Some(date),
            shared: false,
            extra: Extra::new(),
        });
        review
    }

    fn fiscal_2025() -> DateSpan {
        DateSpan { start: day(4, 1), end: day(3, 31) }
    }

    #[test]
    fn the_same_meeting_written_by_both_counts_once() {
        let files = vec![
            file(
                "sato",
                vec![
                    meeting("ito", day(6, 10), MeetingKind::Manager),
                    meeting("kato", day(6, 10), MeetingKind::Manager),
                ],
            ),
            file(
                "ito",
                vec![
                    meeting("sato", day(6, 10), MeetingKind::Manager),
                    meeting("sato", day(9, 2), MeetingKind::Manager),
                ],
            ),
        ];
        assert_eq!(count(&files, "ito", fiscal_2025()), 2);
        assert_eq!(count(&files, "sato", fiscal_2025()), 3, "ito twice, kato once");
        assert_eq!(count(&files, "ito", DateSpan { start: day(7, 1), end: day(3, 31) }), 1);
        assert_eq!(between(&files, "ito", "sato").len(), 3, "both records are kept");
        assert_eq!(last_date(&files, "ito", day(8, 1)), Some(day(6, 10)));
        assert_eq!(last_date(&files, "ito", day(5, 1)), None);
        let all = counts(&files, fiscal_2025());
        assert_eq!((all["ito"], all["sato"], all["kato"]), (2, 3, 1));
        let days: Vec<_> = days_until(&files, day(8, 1)).collect();
        assert!(days.len() == 6 && days.iter().all(|&(_, date)| date == day(6, 10)), "both people: {days:?}");
        let ito = |today| days_until(&files, today).filter(|&(person, _)| person == "ito").map(|(_, date)| date).max();
        assert_eq!((ito(day(5, 1)), ito(day(8, 1)), ito(day(10, 1))), (None, Some(day(6, 10)), Some(day(9, 2))));
    }

    #[test]
    fn the_pair_reads_the_text_those_above_and_hr_only_that_it_happened() {
        let org = city();
        let hierarchy = Hierarchy::new(&org);
        let files = vec![file("sato", vec![meeting("ito", day(6, 10), MeetingKind::Manager)])];
        for reader in ["sato", "ito"] {
            let seen = visible(&hierarchy, reader, &files);
            assert_eq!(seen.len(), 1);
            assert_eq!(seen[0].content.map(|c| c.notes), Some("資格取得の希望を聞いた"), "{reader}");
        }
        for reader in ["suzuki", "tanaka", "kimura"] {
            let seen = visible(&hierarchy, reader, &files);
            assert_eq!(seen.len(), 1, "{reader} sees that it happened");
            assert_eq!((seen[0].date, seen[0].kind, seen[0].with), (day(6, 10), MeetingKind::Manager, "ito"));
            assert_eq!(seen[0].content, None, "{reader} never sees the text");
        }
        for reader in ["kato", "yamada", "saito"] {
            assert!(visible(&hierarchy, reader, &files).is_empty(), "{reader} is not above either");
        }
    }

    #[test]
    fn leaving_out_what_a_reader_is_never_shown_changes_nothing_they_see() {
        // Leaves out of every file, and answers the files held in part so.
        let leave_out = |files: &mut Vec<MeetingsFile>, reader: &str| -> HashSet<PersonId> {
            files.iter_mut().for_each(|file| leave_out_others_texts(file, reader));
            files.iter().filter(|file| file.texts_left_out).map(|file| file.writer).collect()
        };
        let org = city();
        let hierarchy = Hierarchy::new(&org);
        let mut with_unknown_key = meeting("kato", day(7, 1), MeetingKind::Mentor);
        with_unknown_key.texts.extra.insert("later".into(), toml::Value::String("メモ".into()));
        let whole = vec![
            file("sato", vec![meeting("ito", day(6, 10), MeetingKind::Manager), with_unknown_key]),
            file("ito", vec![meeting("sato", day(6, 10), MeetingKind::Manager)]),
            file("yamada", vec![meeting("saito", day(9, 2), MeetingKind::Manager)]),
        ];
        let people = org.people.iter().map(|p| p.id.as_str()).chain(["stranger"]);
        for reader in people {
            let mut held = whole.clone();
            let in_part = leave_out(&mut held, reader);
            assert_eq!(visible(&hierarchy, reader, &held), visible(&hierarchy, reader, &whole), "{reader}");
            for person in ["sato", "ito", "kato", "saito"] {
                let seen = |files| of_person(&hierarchy, reader, files, person);
                assert_eq!(seen(&held), seen(&whole), "{reader} on {person}");
            }
            assert_eq!(counts(&held, fiscal_2025()), counts(&whole, fiscal_2025()));
            // What is left out is left out of whole files only, and said.
            let changed: HashSet<PersonId> =
                whole.iter().zip(&held).filter(|(w, h)| w != h).map(|(w, _)| w.writer).collect();
            assert_eq!(in_part, changed, "{reader}");
        }
        let mut held = whole.clone();
        let in_part = leave_out(&mut held, "kato");
        assert_eq!(in_part, ["sato", "ito", "yamada"].map(PersonId::from).into_iter().collect());
        let again = held.clone();
        assert_eq!(leave_out(&mut held, "kato"), in_part, "done again, the files still say so");
        assert_eq!(held, again, "and nothing more is left out");
        // A file held in part cannot be written, in either form; a whole one is written
        // without the mark, which a file never holds.
        assert!(toml::to_string(&held[0]).is_err() && rmp_serde::to_vec_named(&held[0]).is_err());
        let written = toml::to_string(&whole[0]).unwrap();
        assert!(!written.contains("texts_left_out"));
        assert_eq!(toml::from_str::<MeetingsFile>(&written).unwrap(), whole[0]);
        let kept = &held[0].meetings[1];
        assert_eq!(
            (kept.texts.notes.as_str(), kept.texts.extra.get("later").is_some()),
            ("資格取得の希望を聞いた", true)
        );
        assert!(held[0].meetings[0].texts.notes.is_empty() && held[0].meetings[0].texts.actions.is_empty());
        assert!(held[2].meetings[0].texts.agenda.is_empty());
    }

    #[test]
    fn a_persons_1on1s_are_listed_for_those_who_may_and_refused_to_others() {
        let org = city();
        let hierarchy = Hierarchy::new(&org);
        let files = vec![
            file("sato", vec![meeting("ito", day(6, 10), MeetingKind::Manager)]),
            file("saito", vec![meeting("ito", day(5, 2), MeetingKind::Mentor)]),
        ];
        // 佐藤 lists 伊藤's 1on1s: his own with her in full, her mentor's only as a date.
        let seen = of_person(&hierarchy, "sato", &files, "ito").unwrap();
        let summary: Vec<(Date, &str, bool)> = seen.iter().map(|v| (v.date, v.writer, v.content.is_some())).collect();
        assert_eq!(summary, [(day(5, 2), "saito", false), (day(6, 10), "sato", true)]);
        assert!(matches!(of_person(&hierarchy, "kato", &files, "ito"), Err(Denied::ReadMeetings { .. })));
    }

    #[test]
    fn a_meetings_file_round_trips_with_japanese_kinds_and_unknown_keys() {
        let text = "writer = \"P0010\"\ncycle = \"2026\"\n\n[[meetings]]\ndate = 2026-06-03\nwith = \"P0023\"\n\
                    kind = \"メンター\"\nnotes = \"窓口対応の不安\"\nfuture_key = 1\n\n[[meetings.actions]]\n\
                    text = \"窓口に同席する\"\ngoal = \"P0023-2026-1\"\ndone = true\n";
        let file: MeetingsFile = toml::from_str(text).unwrap();
        assert_eq!(file.meetings[0].kind, MeetingKind::Mentor);
        assert!(file.meetings[0].texts.actions[0].done);
        let written = toml::to_string(&file).unwrap();
        assert_eq!(written, text.replace("メンター", "mentor"));
    }
}
