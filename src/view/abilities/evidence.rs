//! Evidence of a self-rating: the Do-log entries of the person's own goals it cites,
//! and those it could cite. A citation names a goal and a day ([`LogRef`]), so the
//! entries of one goal on one day show as one.

use crate::model::competency::LogRef;
use crate::model::{Away, Date, GoalId, Held, LogEntry, World};

/// One goal's Do-log entries of one day, as listed or cited.
#[derive(Clone, Debug, PartialEq)]
pub struct LogEntryRow {
    pub goal: GoalId,
    /// The goal's title, empty when the goal is gone.
    pub title: String,
    pub date: Date,
    /// The first line of each entry of the day, joined by " / "; empty when none;
    /// away when the entries' texts were left on disk.
    pub text: Held<String>,
    /// Whether the Do log still holds an entry of that goal on that day.
    pub found: bool,
}

impl LogEntryRow {
    pub fn log_ref(&self) -> LogRef {
        LogRef { goal: self.goal.clone(), date: self.date, extra: Default::default() }
    }
}

/// Every Do-log entry of `person`'s goals a self-rating may cite, newest first (of
/// one day, in the order of the goals). Only the owner cites, whose file is read whole.
pub fn citable(world: &World, person: &str) -> Vec<LogEntryRow> {
    let mut rows: Vec<LogEntryRow> = Vec::new();
    for goal in world.goals_of(person) {
        for entry in goal.log.here().into_iter().flat_map(|log| log.iter()) {
            if !rows.iter().any(|row| row.goal == goal.id && row.date == entry.date) {
                rows.push(row(world, person, &goal.id, entry.date));
            }
        }
    }
    // Stable: goals keep their order within a day.
    rows.sort_by_key(|row| std::cmp::Reverse(row.date));
    rows
}

/// The entries `evidence` cites, in its order; one that no longer exists shows as not found.
pub fn cited(world: &World, person: &str, evidence: &[LogRef]) -> Vec<LogEntryRow> {
    evidence.iter().map(|cited| row(world, person, &cited.goal, cited.date)).collect()
}

fn row(world: &World, person: &str, goal_id: &str, date: Date) -> LogEntryRow {
    let goal = world.goals_of(person).iter().find(|goal| goal.id == goal_id);
    let title = goal.map(|goal| goal.title.clone()).unwrap_or_default();
    let (found, text) = match goal.map(|goal| goal.log.get()) {
        // A log left on disk: whether the entry is there is not known, nor its text.
        Some(Err(Away)) => (true, Held::Away),
        log => {
            let log = log.and_then(Result::ok).into_iter().flat_map(|log| log.iter());
            let entries: Vec<&LogEntry> = log.filter(|e| e.date == date).collect();
            let first_lines: Result<Vec<&str>, Away> =
                entries.iter().map(|entry| Ok(entry.text.get()?.lines().next().unwrap_or_default().trim())).collect();
            (!entries.is_empty(), first_lines.map_or(Held::Away, |lines| Held::Here(lines.join(" / "))))
        }
    };
    LogEntryRow { goal: goal_id.into(), title, date, found, text }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::tests::sample;

    #[test]
    fn a_persons_entries_come_newest_first_and_a_citation_of_nothing_shows_as_not_found() {
        let (_dir, world) = sample();
        // 田中 (P0022): one entry on 事務事業評価, two on 窓口業務のBPR調査.
        let rows = citable(&world, "P0022");
        let listed: Vec<(String, &str)> = rows.iter().map(|r| (r.date.to_string(), r.goal.as_str())).collect();
        assert_eq!(
            listed,
            [
                ("2026-11-18".to_owned(), "P0022-2026-2"),
                ("2026-09-30".to_owned(), "P0022-2026-2"),
                ("2026-08-29".to_owned(), "P0022-2026-1")
            ]
        );
        assert_eq!(rows[2].title, "事務事業評価の取りまとめ");
        assert_eq!(rows[2].text, "312事業の評価シートを回収。記載不備の差戻し41件。".into());
        let gone = LogRef {
            goal: "P0022-2026-1".into(),
            date: Date::from_ymd(2026, 1, 5).unwrap(),
            extra: Default::default(),
        };
        let cited = cited(&world, "P0022", &[rows[2].log_ref(), gone]);
        assert_eq!(cited[0], rows[2]);
        assert!(
            !cited[1].found
                && cited[1].text == Held::Here(String::new())
                && cited[1].title == "事務事業評価の取りまとめ"
        );
    }
}
