//! Undoing a removal from one's own sheet: the edit that puts back what an edit
//! takes away, worked out from the file before it. The undo is an edit like any
//! other, so it goes through the same policy (a confirmed sheet stays sealed).

use super::edit::Edit;
use super::types::GoalsFile;

/// The edit that undoes `edit` on `before` (the owner's goals file before it), for
/// the edits that remove something; `None` for the others and for a removal of
/// something that is not there.
pub fn inverse(before: &GoalsFile, edit: &Edit) -> Option<Edit> {
    let goal_of = |id: &str| before.goals.iter().find(|g| g.id == id);
    match edit {
        Edit::RemoveLog { goal, index } => {
            let entry = goal_of(goal)?.log.here()?.get(*index)?.clone();
            Some(Edit::RestoreLog { goal: goal.clone(), index: *index, entry })
        }
        Edit::RemoveAction { goal, index } => {
            let item = goal_of(goal)?.actions.get(*index)?.clone();
            Some(Edit::RestoreAction { goal: goal.clone(), index: *index, item })
        }
        Edit::RemoveGoal { goal, .. } => {
            let index = before.goals.iter().position(|g| g.id == goal)?;
            Some(Edit::RestoreGoal { goal: Box::new(before.goals[index].clone()), index })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::cascade::tests::cycle_data;
    use crate::model::date::Date;
    use crate::model::edit::apply;
    use crate::model::types::{ActionItem, Goal, LogEntry, LogKind};

    fn entry(day: u32, text: &str) -> LogEntry {
        LogEntry {
            date: Date::from_ymd(2026, 5, day).unwrap(),
            kind: LogKind::Practice,
            text: text.into(),
            course: None,
            completed: false,
            extra: Default::default(),
        }
    }

    fn file() -> GoalsFile {
        let mut file = GoalsFile::new("P1", "2026");
        let item = |issue: &str| ActionItem {
            issue: issue.into(),
            measure: String::new(),
            due: None,
            done: false,
            carried_from: None,
            extra: Default::default(),
        };
        for n in 1..=3 {
            file.goals.push(Goal {
                id: format!("P1-2026-{n}").into(),
                title: format!("goal {n}"),
                log: vec![entry(1, "a"), entry(2, "b"), entry(3, "c")].into(),
                actions: [item("x"), item("y")].into_iter().collect(),
                ..Goal::default()
            });
        }
        file
    }

    fn round_trip(edit: Edit) {
        let data = cycle_data(Vec::new());
        let before = file();
        let undo = inverse(&before, &edit).expect("a removal has an inverse");
        let mut after = before.clone();
        apply(&mut after, &data, edit).unwrap();
        assert_ne!(after, before);
        apply(&mut after, &data, undo).unwrap();
        assert_eq!(after, before, "the undo puts back exactly what was removed, where it was");
    }

    #[test]
    fn each_removal_is_undone_in_place() {
        round_trip(Edit::RemoveLog { goal: "P1-2026-2".into(), index: 1 });
        round_trip(Edit::RemoveAction { goal: "P1-2026-1".into(), index: 0 });
        round_trip(Edit::RemoveGoal { goal: "P1-2026-2".into(), revision: None });
    }

    #[test]
    fn nothing_to_undo_for_other_edits_or_missing_items() {
        let before = file();
        assert_eq!(inverse(&before, &Edit::RemoveLog { goal: "P1-2026-1".into(), index: 9 }), None);
        assert_eq!(inverse(&before, &Edit::RemoveGoal { goal: "nope".into(), revision: None }), None);
        assert_eq!(inverse(&before, &Edit::SetProgress { goal: "P1-2026-1".into(), progress: 5 }), None);
    }

    #[test]
    fn a_goal_whose_id_is_in_use_again_is_not_restored() {
        let before = file();
        let undo = inverse(&before, &Edit::RemoveGoal { goal: "P1-2026-1".into(), revision: None }).unwrap();
        let mut unchanged = before.clone();
        let result = apply(&mut unchanged, &cycle_data(Vec::new()), undo);
        assert_eq!(result, Err(crate::model::edit::EditError::GoalExists("P1-2026-1".into())));
    }
}
