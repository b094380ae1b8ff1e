//! 1on1s as a viewer may see them, shared by the 1on1 tab and `pdca show meetings`:
//! every row says when, what kind and between whom; only the two people get the
//! agenda, notes and agreed actions (the read rule is the model's,
//! [`meetings::view`]). Also the people a viewer holds 1on1s with, and the recency
//! of each person's last 1on1 and recognition.

use crate::model::hash::HashMap;
use crate::model::meetings::{self, AgreedAction, MeetingKind, MeetingRef};

use crate::model::recency::{Overdue, Recency, RecencySettings, all_recency};
use crate::model::{Date, Denied, PersonId, World};

/// What only the pair reads.
#[derive(Clone, Debug, PartialEq)]
pub struct MeetingText {
    pub agenda: String,
    pub notes: String,
    pub actions: Vec<AgreedAction>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MeetingRow {
    pub date: Date,
    pub kind: MeetingKind,
    pub writer: PersonId,
    pub writer_name: String,
    pub with: PersonId,
    pub with_name: String,
    /// Its place in the viewer's own file, when the viewer wrote it down (to edit it).
    pub own_index: Option<usize>,
    /// `None` for everyone but the two people.
    pub content: Option<MeetingText>,
}

/// The 1on1s `actor` may know of, oldest first; with `person`, only theirs, and
/// refused unless `actor` is that person, above them, or HR.
pub fn rows(world: &World, actor: &str, person: Option<&str>) -> Result<Vec<MeetingRow>, Denied> {
    let hierarchy = world.hierarchy();
    if let Some(person) = person {
        hierarchy.can_read_meetings_of(actor, person)?;
    }
    let mut rows = Vec::new();
    for file in &world.data.instruments.meetings {
        for (index, meeting) in file.meetings.iter().enumerate() {
            let reference = MeetingRef { writer: &file.writer, meeting };
            if person.is_some_and(|person| !reference.involves(person)) {
                continue;
            }
            let Some(seen) = meetings::view(&hierarchy, actor, reference) else { continue };
            rows.push(MeetingRow {
                date: seen.date,
                kind: seen.kind,
                writer: seen.writer.to_owned(),
                writer_name: world.name_and_title(seen.writer),
                with: seen.with.to_owned(),
                with_name: world.name_and_title(seen.with),
                own_index: (file.writer == actor).then_some(index),
                content: seen.content.map(|content| MeetingText {
                    agenda: content.agenda.to_owned(),
                    notes: content.notes.to_owned(),
                    actions: content.actions.to_vec(),
                }),
            });
        }
    }
    rows.sort_by_key(|row| row.date);
    Ok(rows)
}

/// Whom `actor` holds 1on1s with, and the kind of each: their reviewer and direct
/// reports (manager), their mentor and mentees (mentor). Reviewer first.
pub fn partners(world: &World, actor: &str) -> Vec<(PersonId, MeetingKind)> {
    let hierarchy = world.hierarchy();
    let mut found: Vec<(PersonId, MeetingKind)> = Vec::new();
    let mut add = |id: &str, kind| {
        if id != actor && !found.iter().any(|(seen, _)| seen == id) {
            found.push((id.to_owned(), kind));
        }
    };
    if let Some(reviewer) = hierarchy.reviewer_of(actor) {
        add(&reviewer.id, MeetingKind::Manager);
    }
    if let Some(mentor) = world.person(actor).and_then(|p| p.mentor.as_deref()) {
        add(mentor, MeetingKind::Mentor);
    }
    for report in hierarchy.direct_reports(actor) {
        add(&report.id, MeetingKind::Manager);
    }
    for mentee in world.org.people.iter().filter(|p| p.mentor.as_deref() == Some(actor)) {
        add(&mentee.id, MeetingKind::Mentor);
    }
    found
}

/// The kind of a 1on1 between `actor` and `other`: mentor when either mentors the other.
pub fn kind_between(world: &World, actor: &str, other: &str) -> MeetingKind {
    let mentors = |a: &str, b: &str| world.person(a).and_then(|p| p.mentor.as_deref()) == Some(b);
    if mentors(actor, other) || mentors(other, actor) { MeetingKind::Mentor } else { MeetingKind::Manager }
}

/// Days since a person's last 1on1 and recognition, and which is overdue by
/// `pdca.toml`'s thresholds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RecencyCell {
    pub days_since_meeting: Option<i64>,
    pub days_since_recognition: Option<i64>,
    pub overdue: Overdue,
}

/// Everyone's recency as of a day, worked out in one pass (an inbox may list
/// thousands), read per person for those above them (the inbox, the People tab).
pub struct Recencies<'a> {
    by_person: HashMap<&'a str, Recency>,
    settings: RecencySettings,
}

impl<'a> Recencies<'a> {
    pub fn new(world: &'a World, today: Date) -> Recencies<'a> {
        Recencies { by_person: all_recency(&world.data, today), settings: world.info.recency_settings() }
    }

    pub fn of(&self, person: &str) -> RecencyCell {
        let recency = self.by_person.get(person).copied().unwrap_or(Recency {
            last_meeting: None,
            days_since_meeting: None,
            last_recognition: None,
            days_since_recognition: None,
        });
        RecencyCell {
            days_since_meeting: recency.days_since_meeting,
            days_since_recognition: recency.days_since_recognition,
            overdue: recency.overdue(&self.settings),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DataSetInfo;
    use crate::model::cascade::tests::cycle_data;
    use crate::model::meetings::tests::{day, file, meeting, recognition};
    use crate::model::permissions::tests::city;

    fn world() -> World {
        let mut data = cycle_data(vec![]);
        data.instruments.meetings = vec![
            file("sato", vec![meeting("ito", day(6, 10), MeetingKind::Manager)]),
            file("ito", vec![meeting("sato", day(9, 1), MeetingKind::Manager)]),
        ];
        data.feedback.push(recognition("sato", "ito", "丁寧", day(9, 20)));
        let info: DataSetInfo = toml::from_str(
            "schema_version = 1\norganisation = \"市\"\ncurrent_cycle = \"2025\"\n[recency]\nmeeting_days = 40\n",
        )
        .unwrap();
        World::new(info, city(), data)
    }

    #[test]
    fn the_pair_reads_the_text_and_the_writer_may_edit_their_own_record() {
        let world = world();
        let seen = rows(&world, "sato", None).unwrap();
        assert_eq!(
            seen.iter().map(|r| (r.date, r.own_index)).collect::<Vec<_>>(),
            [(day(6, 10), Some(0)), (day(9, 1), None)]
        );
        assert!(seen.iter().all(|r| r.content.as_ref().is_some_and(|c| c.notes == "資格取得の希望を聞いた")));
        // 鈴木 is above both: dates and kinds, no text, nothing to edit.
        let above = rows(&world, "suzuki", Some("ito")).unwrap();
        assert_eq!(above.len(), 2);
        assert!(above.iter().all(|r| r.content.is_none() && r.own_index.is_none()));
        assert!(rows(&world, "kato", Some("ito")).is_err(), "加藤 is not above 伊藤");
        assert!(rows(&world, "kato", None).unwrap().is_empty());
    }

    #[test]
    fn recency_counts_days_and_reads_the_thresholds_of_pdca_toml() {
        let world = world();
        let recencies = Recencies::new(&world, day(10, 11));
        let cell = recencies.of("ito");
        // 40 days since 9/1 is not past 40; 21 days since 9/20 is past 14.
        assert_eq!((cell.days_since_meeting, cell.days_since_recognition), (Some(40), Some(21)));
        assert_eq!(cell.overdue, Overdue { meeting: false, recognition: true });
        let never = recencies.of("kato");
        assert_eq!((never.days_since_meeting, never.overdue), (None, Overdue { meeting: true, recognition: true }));
    }
}
