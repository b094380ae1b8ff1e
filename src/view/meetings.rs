//! 1on1s as a viewer may see them, shared by the 1on1 tab and `pdca show meetings`:
//! every row says when, what kind and between whom; only the two people get the
//! agenda, notes and agreed actions (the read rule is the model's,
//! [`meetings::view`]). Also the people a viewer holds 1on1s with, and the recency
//! of each person's last 1on1 and recognition.

use crate::model::meetings::{self, MeetingContent, MeetingKind, MeetingRef};

use crate::model::recency::{AllRecency, Overdue, Recency, RecencySettings, all_recency};
use crate::model::{Date, Denied, PersonId, World};

/// A 1on1 the viewer may know of, by where it is kept. HR knows of every 1on1 of
/// the city, so the 1on1 tab keeps these (16 bytes each) and words only the rows
/// on screen ([`MeetingAt::row`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MeetingAt {
    pub date: Date,
    file: u32,
    index: u32,
}

/// A 1on1 as the viewer sees it, with both people named.
#[derive(Clone, Debug, PartialEq)]
pub struct MeetingRow<'w> {
    pub date: Date,
    pub kind: MeetingKind,
    pub writer: &'w str,
    pub writer_name: String,
    pub with: &'w str,
    pub with_name: String,
    /// Its place in the viewer's own file, when the viewer wrote it down (to edit it).
    pub own_index: Option<usize>,
    /// `None` for everyone but the two people.
    pub content: Option<MeetingContent<'w>>,
}

impl MeetingAt {
    /// The row as `actor` sees it; `None` when the data set no longer holds it (its
    /// place is gone or holds a 1on1 of another day) or `actor` may no longer know of it.
    pub fn row<'w>(self, world: &'w World, actor: &str) -> Option<MeetingRow<'w>> {
        let file = world.data.instruments.meetings.get(self.file as usize)?;
        let meeting = file.meetings.get(self.index as usize).filter(|meeting| meeting.date == self.date)?;
        let seen = meetings::view(&world.hierarchy(), actor, MeetingRef { writer: &file.writer, meeting })?;
        Some(MeetingRow {
            date: seen.date,
            kind: seen.kind,
            writer: seen.writer,
            writer_name: world.name_and_title(seen.writer),
            with: seen.with,
            with_name: world.name_and_title(seen.with),
            own_index: (file.writer == actor).then_some(self.index as usize),
            content: seen.content,
        })
    }
}

/// The 1on1s `actor` may know of, oldest first; with `person`, only theirs, and
/// refused unless `actor` is that person, above them, or HR.
pub fn visible_meetings(world: &World, actor: &str, person: Option<&str>) -> Result<Vec<MeetingAt>, Denied> {
    let hierarchy = world.hierarchy();
    if let Some(person) = person {
        hierarchy.can_read_meetings_of(actor, person)?;
    }
    let mut found = Vec::new();
    for (file_index, file) in world.data.instruments.meetings.iter().enumerate() {
        for (index, meeting) in file.meetings.iter().enumerate() {
            let reference = MeetingRef { writer: &file.writer, meeting };
            if person.is_some_and(|person| !reference.involves(person)) {
                continue;
            }
            if meetings::view(&hierarchy, actor, reference).is_some() {
                found.push(MeetingAt { date: meeting.date, file: as_u32(file_index), index: as_u32(index) });
            }
        }
    }
    found.sort_by_key(|at| at.date);
    Ok(found)
}

/// The rows of [`visible_meetings`], worded.
pub fn rows<'w>(world: &'w World, actor: &str, person: Option<&str>) -> Result<Vec<MeetingRow<'w>>, Denied> {
    let found = visible_meetings(world, actor, person)?;
    Ok(found.into_iter().filter_map(|at| at.row(world, actor)).collect())
}

/// A place in the data set's lists, which never reach four billion entries.
fn as_u32(index: usize) -> u32 {
    u32::try_from(index).expect("fewer than 2^32 files and 1on1s")
}

/// Whom `actor` holds 1on1s with, and the kind of each: their reviewer and direct
/// reports (manager), their mentor and mentees (mentor). Reviewer first.
pub fn partners(world: &World, actor: &str) -> Vec<(PersonId, MeetingKind)> {
    let hierarchy = world.hierarchy();
    let mut found: Vec<(PersonId, MeetingKind)> = Vec::new();
    let mut add = |id: &str, kind| {
        if id != actor && !found.iter().any(|(seen, _)| seen == id) {
            found.push((id.into(), kind));
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
    by_person: AllRecency<'a>,
    settings: RecencySettings,
}

impl<'a> Recencies<'a> {
    pub fn new(world: &'a World, today: Date) -> Recencies<'a> {
        Recencies { by_person: all_recency(&world.data, today), settings: world.info.recency_settings() }
    }

    pub fn of(&self, person: &str) -> RecencyCell {
        let recency = self.by_person.get(person).unwrap_or(Recency {
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
    fn the_tab_keeps_each_1on1_by_place_and_words_it_from_the_data_set_as_it_is() {
        // HR's tab holds every 1on1 of the city: its entries carry no text.
        assert!(size_of::<MeetingAt>() <= 16);
        let mut world = world();
        let found = visible_meetings(&world, "sato", None).unwrap();
        let worded: Vec<MeetingRow> = found.iter().filter_map(|at| at.row(&world, "sato")).collect();
        assert_eq!(worded, rows(&world, "sato", None).unwrap());
        assert_eq!(worded[1].with_name, world.name_and_title("sato"));
        // A place the data set no longer holds is no row, not another 1on1's.
        world.data.instruments.meetings[0].meetings[0].date = day(6, 11);
        assert_eq!(found[0].row(&world, "sato"), None, "another day's 1on1 in its place");
        world.data.instruments.meetings[1].meetings.clear();
        assert_eq!(found[1].row(&world, "sato"), None);
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
