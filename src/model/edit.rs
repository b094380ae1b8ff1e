//! Changes a person makes to their own sheet, applied to the goals file in memory.
//! Pure: the app's command path checks permissions, applies an edit here and saves.

use super::date::Date;
use super::problem::ProblemKind;
use super::types::ability::{AbilityId, SelfRating};
use super::types::{
    ActionItem, Away, Category, CycleData, Decline, Difficulty, Goal, GoalChange, GoalId, GoalsFile, Held, LogEntry,
    Proposal, ProposalId, Revision, SelfCheck, SheetRevision,
};
use super::upsert::{drop_later, replace_or_push};
use super::validate::{TEXT_LIMIT, TITLE_LIMIT, check_text};

/// The plan fields of a goal, edited together in one form.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GoalFields {
    pub title: String,
    pub description: String,
    pub criteria: String,
    pub due: Option<Date>,
    pub difficulty: Option<Difficulty>,
    pub weight: Option<u32>,
    pub category: Option<Category>,
    pub parent: Option<GoalId>,
    pub plan: String,
}

impl GoalFields {
    /// The goal's fields, to edit; its texts must be here, as an edit writes them.
    pub fn of(goal: &Goal) -> Result<GoalFields, Away> {
        let detail = goal.detail.get()?;
        Ok(GoalFields {
            title: goal.title.clone(),
            description: detail.description.clone(),
            criteria: goal.criteria.clone(),
            due: goal.due,
            difficulty: goal.difficulty,
            weight: goal.weight,
            category: goal.category,
            parent: goal.parent.clone(),
            plan: detail.plan.clone(),
        })
    }

    /// Keys of the approved-plan fields (title, criteria, weight, due, difficulty,
    /// category, parent) that differ from `before`'s.
    pub fn changed_plan_fields(&self, before: &Goal) -> Vec<&'static str> {
        let mut changed = Vec::new();
        let mut compare = |name, differs: bool| {
            if differs {
                changed.push(name);
            }
        };
        compare("title", self.title != before.title);
        compare("criteria", self.criteria != before.criteria);
        compare("weight", self.weight != before.weight);
        compare("due", self.due != before.due);
        compare("difficulty", self.difficulty != before.difficulty);
        compare("category", self.category != before.category);
        compare("parent", self.parent != before.parent);
        changed
    }

    /// Sets the goal's fields; its detail must be here, as the texts are in it.
    fn apply_to(self, goal: &mut Goal) -> Result<(), Away> {
        let detail = goal.detail.get_mut()?;
        detail.description = self.description;
        detail.plan = self.plan;
        goal.title = self.title;
        goal.criteria = self.criteria;
        goal.due = self.due;
        goal.difficulty = self.difficulty;
        goal.weight = self.weight;
        goal.category = self.category;
        goal.parent = self.parent;
        Ok(())
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// A new goal; `carried_from` names the earlier cycle's action item it carries on.
    /// `revision` is the date and reason when the sheet is approved already (期中の見直し).
    AddGoal {
        fields: GoalFields,
        carried_from: Option<String>,
        revision: Option<(Date, String)>,
    },
    /// `revision` is the date and reason of a mid-period change (期中の見直し), recorded
    /// with the names of the plan fields that changed.
    UpdateGoal {
        goal: GoalId,
        fields: GoalFields,
        revision: Option<(Date, String)>,
    },
    /// `revision` is the date and reason when the sheet is approved already.
    RemoveGoal {
        goal: GoalId,
        revision: Option<(Date, String)>,
    },
    SetProgress {
        goal: GoalId,
        progress: u32,
    },
    AddLog {
        goal: GoalId,
        entry: LogEntry,
    },
    SetSelfCheck {
        goal: GoalId,
        check: SelfCheck,
    },
    AddAction {
        goal: GoalId,
        item: ActionItem,
    },
    UpdateAction {
        goal: GoalId,
        index: usize,
        item: ActionItem,
    },
    RemoveAction {
        goal: GoalId,
        index: usize,
    },
    /// Take on a manager's breakdown proposal as an own goal linked to its parent;
    /// `revision` as for [`Edit::AddGoal`].
    AdoptProposal {
        proposal: ProposalId,
        fields: GoalFields,
        revision: Option<(Date, String)>,
    },
    DeclineProposal {
        proposal: ProposalId,
        reason: String,
        date: Date,
    },
    /// The owner's self-rating of one ability (能力評価), in place of their earlier one.
    /// The rating names its whole evidence: an entry it leaves out is unlinked (the
    /// unknown keys of an entry it keeps stay).
    RateAbility {
        rating: SelfRating,
    },
    /// Propose that a direct report take on part of one of the actor's goals.
    Propose {
        proposal: Proposal,
    },
    WithdrawProposal {
        proposal: ProposalId,
    },
    /// Rewrites the Do entry at `index`; the log stays in date order.
    UpdateLog {
        goal: GoalId,
        index: usize,
        entry: LogEntry,
    },
    RemoveLog {
        goal: GoalId,
        index: usize,
    },
    /// Puts a removed Do entry back where it was (the undo of [`Edit::RemoveLog`]).
    RestoreLog {
        goal: GoalId,
        index: usize,
        entry: LogEntry,
    },
    /// Puts a removed action item back where it was (the undo of [`Edit::RemoveAction`]).
    RestoreAction {
        goal: GoalId,
        index: usize,
        item: ActionItem,
    },
    /// Puts a removed goal back where it was, with its id (the undo of
    /// [`Edit::RemoveGoal`]); the removal's revision record goes with the removal.
    RestoreGoal {
        goal: Box<Goal>,
        index: usize,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub enum EditError {
    NoSuchGoal(GoalId),
    NoSuchAction {
        goal: GoalId,
        index: usize,
    },
    NoSuchProposal(ProposalId),
    AlreadyAnswered(ProposalId),
    EmptyTitle,
    BadText(ProblemKind),
    ProgressOutOfRange(u32),
    WeightOutOfRange(u32),
    UnknownParent(GoalId),
    ParentLoop(GoalId),
    HasChildren(GoalId),
    BadShare,
    NoSuchLog {
        goal: GoalId,
        index: usize,
    },
    /// A goal to restore whose id is in use again.
    GoalExists(GoalId),
    /// Not an ability of the framework, or not one rated for the person's level group.
    UnknownAbility(AbilityId),
    /// No 1on1 at this place in the writer's file.
    NoSuchMeeting(usize),
    /// A text to write was left on disk (see [`crate::model::Held`]).
    LeftOnDisk,
}

/// For logs and developers; what users read comes from the messages.
impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for EditError {}

/// A part an edit needs was left on disk: the edit waits for the file read whole.
impl From<Away> for EditError {
    fn from(_: Away) -> Self {
        EditError::LeftOnDisk
    }
}

/// Applies `edit` to `file` (the actor's own goals file) in the context of the
/// cycle's data. On error the file is unchanged.
pub fn apply(file: &mut GoalsFile, data: &CycleData, edit: Edit) -> Result<(), EditError> {
    let mut changed = file.clone();
    apply_in_place(&mut changed, data, edit)?;
    *file = changed;
    Ok(())
}

fn apply_in_place(file: &mut GoalsFile, data: &CycleData, edit: Edit) -> Result<(), EditError> {
    match edit {
        Edit::AddGoal { fields, carried_from, revision } => {
            check_fields(&fields, None, data)?;
            let id = next_goal_id(file, data)?;
            let mut goal = Goal { id, ..Goal::default() };
            fields.apply_to(&mut goal)?;
            goal.detail.get_mut()?.carried_from = carried_from;
            record_revision(file, &goal, GoalChange::Added, revision)?;
            file.goals.push(goal);
        }
        Edit::UpdateGoal { goal, fields, revision } => {
            check_fields(&fields, Some(&goal), data)?;
            let target = goal_mut(file, &goal)?;
            if let Some((date, reason)) = revision {
                text("reason", &reason, TEXT_LIMIT)?;
                let changed = fields.changed_plan_fields(target);
                if !changed.is_empty() {
                    let fields = changed.into_iter().map(str::to_owned).collect();
                    let revision = Revision { date, reason, fields, extra: Default::default() };
                    target.detail.get_mut()?.revisions.push(revision);
                }
            }
            fields.apply_to(target)?;
        }
        Edit::RemoveGoal { goal, revision } => {
            let has_children = data.goals.iter().flat_map(|f| &f.goals).any(|g| g.parent.as_deref() == Some(&goal))
                || file.proposals.iter().any(|p| p.parent == goal);
            if has_children {
                return Err(EditError::HasChildren(goal));
            }
            let at = file.goals.iter().position(|g| g.id == goal).ok_or(EditError::NoSuchGoal(goal))?;
            let removed = file.goals.remove(at);
            record_revision(file, &removed, GoalChange::Removed, revision)?;
        }
        Edit::SetProgress { goal, progress } => {
            if progress > 100 {
                return Err(EditError::ProgressOutOfRange(progress));
            }
            goal_mut(file, &goal)?.progress = Some(progress);
        }
        Edit::AddLog { goal, entry } => {
            held_text("text", &entry.text, TEXT_LIMIT)?;
            let log = log_mut(file, &goal)?;
            // Keep the log in date order; entries of the same day stay in the order written.
            let at = log.partition_point(|existing| existing.date <= entry.date);
            log.insert(at, entry);
        }
        Edit::SetSelfCheck { goal, check } => {
            held_text("comment", &check.comment, TEXT_LIMIT)?;
            goal_mut(file, &goal)?.check = Some(Box::new(check));
        }
        Edit::AddAction { goal, item } => {
            check_action(&item)?;
            goal_mut(file, &goal)?.actions.push(item);
        }
        Edit::UpdateAction { goal, index, item } => {
            check_action(&item)?;
            let target = goal_mut(file, &goal)?;
            let slot = target.actions.get_mut(index).ok_or(EditError::NoSuchAction { goal: goal.clone(), index })?;
            *slot = item;
        }
        Edit::RemoveAction { goal, index } => {
            let target = goal_mut(file, &goal)?;
            if index >= target.actions.len() {
                return Err(EditError::NoSuchAction { goal, index });
            }
            target.actions.remove(index);
        }
        Edit::AdoptProposal { proposal, mut fields, revision } => {
            let found = open_proposal_to(data, &file.owner, &proposal)?;
            fields.parent = Some(found.parent.clone());
            check_fields(&fields, None, data)?;
            let id = next_goal_id(file, data)?;
            let mut goal = Goal { id, proposal: Some(proposal), ..Goal::default() };
            fields.apply_to(&mut goal)?;
            goal.detail.get_mut()?.proposal_note.clone_from(&found.note);
            record_revision(file, &goal, GoalChange::Added, revision)?;
            file.goals.push(goal);
        }
        Edit::DeclineProposal { proposal, reason, date } => {
            open_proposal_to(data, &file.owner, &proposal)?;
            text("reason", &reason, TEXT_LIMIT)?;
            file.declined.push(Decline { proposal, reason, date: Some(date), extra: Default::default() });
        }
        Edit::RateAbility { rating } => {
            text("comment", rating.comment()?, TEXT_LIMIT)?;
            if data.competencies.as_ref().and_then(|framework| framework.ability(&rating.ability)).is_none() {
                return Err(EditError::UnknownAbility(rating.ability));
            }
            let same = |a: &SelfRating, b: &SelfRating| a.ability == b.ability;
            let at = replace_or_push(&mut file.competencies, rating, same, |new, earlier| {
                new.extra = std::mem::take(&mut earlier.extra);
                // A file written is read whole first, so the earlier evidence is here.
                if let (Ok(kept), Ok(before)) = (new.notes.get_mut(), earlier.notes.get_mut()) {
                    for kept in &mut kept.evidence {
                        if let Some(before) =
                            before.evidence.iter_mut().find(|e| e.goal == kept.goal && e.date == kept.date)
                        {
                            kept.extra = std::mem::take(&mut before.extra);
                        }
                    }
                }
            });
            // One entry per ability: any later ones give way to the first, now this one.
            drop_later(&mut file.competencies, at, same);
        }
        Edit::Propose { mut proposal } => {
            text("title", &proposal.title, TITLE_LIMIT)?;
            text("note", &proposal.note, TEXT_LIMIT)?;
            if proposal.title.trim().is_empty() {
                return Err(EditError::EmptyTitle);
            }
            if proposal.share.is_some_and(|s| !s.is_finite() || s <= 0.0) {
                return Err(EditError::BadShare);
            }
            goal_mut(file, &proposal.parent)?;
            proposal.id = next_proposal_id(file, data, &proposal.parent);
            file.proposals.push(proposal);
        }
        Edit::WithdrawProposal { proposal } => {
            // An adopted proposal carries its share into the report's goal: it stays.
            if data.goals.iter().flat_map(|f| &f.goals).any(|g| g.proposal.as_deref() == Some(&proposal)) {
                return Err(EditError::AlreadyAnswered(proposal));
            }
            let before = file.proposals.len();
            file.proposals.retain(|p| p.id != proposal);
            if file.proposals.len() == before {
                return Err(EditError::NoSuchProposal(proposal));
            }
        }
        Edit::UpdateLog { goal, index, entry } => {
            held_text("text", &entry.text, TEXT_LIMIT)?;
            let log = log_mut(file, &goal)?;
            if index >= log.len() {
                return Err(EditError::NoSuchLog { goal, index });
            }
            log.remove(index);
            let at = log.partition_point(|existing| existing.date <= entry.date);
            log.insert(at, entry);
        }
        Edit::RemoveLog { goal, index } => {
            let log = log_mut(file, &goal)?;
            if index >= log.len() {
                return Err(EditError::NoSuchLog { goal, index });
            }
            log.remove(index);
        }
        Edit::RestoreLog { goal, index, entry } => {
            held_text("text", &entry.text, TEXT_LIMIT)?;
            let log = log_mut(file, &goal)?;
            log.insert(index.min(log.len()), entry);
        }
        Edit::RestoreAction { goal, index, item } => {
            check_action(&item)?;
            let actions = &mut goal_mut(file, &goal)?.actions;
            actions.insert(index.min(actions.len()), item);
        }
        Edit::RestoreGoal { goal, index } => {
            let in_use = data.goals.iter().filter(|f| f.owner != file.owner).flat_map(|f| &f.goals).chain(&file.goals);
            if in_use.clone().any(|g| g.id == goal.id) {
                return Err(EditError::GoalExists(goal.id.clone()));
            }
            check_fields(&GoalFields::of(&goal)?, Some(&goal.id), data)?;
            let removal = file.revisions.iter().rposition(|r| r.goal == goal.id && r.change == GoalChange::Removed);
            if let Some(at) = removal {
                file.revisions.remove(at);
            }
            file.goals.insert(index.min(file.goals.len()), *goal);
        }
    }
    Ok(())
}

/// Keeps a goal's addition or removal after approval in the sheet's revisions.
fn record_revision(
    file: &mut GoalsFile,
    goal: &Goal,
    change: GoalChange,
    revision: Option<(Date, String)>,
) -> Result<(), EditError> {
    let Some((date, reason)) = revision else { return Ok(()) };
    text("reason", &reason, TEXT_LIMIT)?;
    let (goal, title) = (goal.id.clone(), goal.title.clone());
    file.revisions.push(SheetRevision { goal, change, title, reason, date, extra: Default::default() });
    Ok(())
}

fn goal_mut<'a>(file: &'a mut GoalsFile, id: &str) -> Result<&'a mut Goal, EditError> {
    file.goals.iter_mut().find(|g| g.id == id).ok_or_else(|| EditError::NoSuchGoal(id.into()))
}

/// A goal's Do log, to change: a file written is read whole first, so one left on
/// disk is refused rather than written over.
fn log_mut<'a>(file: &'a mut GoalsFile, id: &str) -> Result<&'a mut Vec<LogEntry>, EditError> {
    Ok(goal_mut(file, id)?.log.get_mut()?)
}

fn text(field: &'static str, value: &str, limit: usize) -> Result<(), EditError> {
    check_text(field, value, limit).map_or(Ok(()), |kind| Err(EditError::BadText(kind)))
}

fn held_text(field: &'static str, value: &Held<String>, limit: usize) -> Result<(), EditError> {
    text(field, value.get()?, limit)
}

fn check_action(item: &ActionItem) -> Result<(), EditError> {
    if item.issue.trim().is_empty() {
        return Err(EditError::EmptyTitle);
    }
    text("issue", &item.issue, TEXT_LIMIT)?;
    text("measure", &item.measure, TEXT_LIMIT)
}

fn check_fields(fields: &GoalFields, goal: Option<&str>, data: &CycleData) -> Result<(), EditError> {
    if fields.title.trim().is_empty() {
        return Err(EditError::EmptyTitle);
    }
    text("title", &fields.title, TITLE_LIMIT)?;
    for (name, value) in [("description", &fields.description), ("criteria", &fields.criteria), ("plan", &fields.plan)]
    {
        text(name, value, TEXT_LIMIT)?;
    }
    if let Some(weight) = fields.weight.filter(|w| *w > 100) {
        return Err(EditError::WeightOutOfRange(weight));
    }
    if let Some(parent) = &fields.parent {
        let parents: crate::model::hash::HashMap<&str, Option<&str>> =
            data.goals.iter().flat_map(|f| &f.goals).map(|g| (g.id.as_str(), g.parent.as_deref())).collect();
        if !parents.contains_key(parent.as_str()) {
            return Err(EditError::UnknownParent(parent.clone()));
        }
        // Walk up from the new parent; meeting the goal itself means a loop.
        let mut current = Some(parent.as_str());
        let mut steps = 0;
        while let Some(id) = current {
            if Some(id) == goal || steps > parents.len() {
                return Err(EditError::ParentLoop(parent.clone()));
            }
            current = parents.get(id).copied().flatten();
            steps += 1;
        }
    }
    Ok(())
}

/// A proposal addressed to `owner` that is neither adopted nor declined.
fn open_proposal_to<'a>(data: &'a CycleData, owner: &str, id: &str) -> Result<&'a Proposal, EditError> {
    let proposal = data
        .goals
        .iter()
        .flat_map(|f| &f.proposals)
        .find(|p| p.id == id && p.to == owner)
        .ok_or_else(|| EditError::NoSuchProposal(id.into()))?;
    let answered = data.goals.iter().any(|f| {
        f.goals.iter().any(|g| g.proposal.as_deref() == Some(id))
            || (f.owner == owner && f.declined.iter().any(|d| d.proposal == id))
    });
    if answered { Err(EditError::AlreadyAnswered(id.into())) } else { Ok(proposal) }
}

/// `<owner>-<cycle>-<n>` with the smallest n above every goal id of that shape in use.
/// An id is never reused, even after its goal was removed: feedback and approval
/// snapshots that name it would otherwise attach to the new goal. A snapshot of the
/// owner's sheet left on disk leaves the id unknown ([`EditError::LeftOnDisk`]);
/// one of another person's sheet holds only that person's goals.
fn next_goal_id(file: &GoalsFile, data: &CycleData) -> Result<GoalId, EditError> {
    let prefix = format!("{}-{}-", file.owner, data.cycle.id);
    let goals = data.goals.iter().flat_map(|f| &f.goals).chain(&file.goals).map(|g| g.id.as_str());
    let feedback = data.feedback.iter().flat_map(|f| &f.feedback).filter_map(|entry| entry.goal.as_deref());
    let in_feedback = data.feedback.iter().flat_map(|f| &f.sheet).map(|record| (record.person.as_deref(), record));
    let in_goals = data.goals.iter().flat_map(|f| f.sheet.iter().map(|record| (Some(f.owner.as_str()), record)));
    let mut snapshots = Vec::new();
    for (about, record) in in_feedback.chain(in_goals) {
        match record.plan.get() {
            Ok(plan) => snapshots.extend(plan.iter().map(|planned| planned.id.as_str())),
            Err(_) if about.is_some_and(|person| person != file.owner) => {}
            Err(_) => return Err(EditError::LeftOnDisk),
        }
    }
    let highest = goals
        .chain(feedback)
        .chain(snapshots)
        .filter_map(|id| id.strip_prefix(&prefix)?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    Ok(compact_str::format_compact!("{prefix}{}", highest + 1))
}

/// `<parent goal>-<letter>`: a, b, c … then aa, ab … as the manager proposes more.
fn next_proposal_id(file: &GoalsFile, data: &CycleData, parent: &str) -> ProposalId {
    let used: crate::model::hash::HashSet<&str> =
        data.goals.iter().flat_map(|f| &f.proposals).chain(&file.proposals).map(|p| p.id.as_str()).collect();
    (0..)
        .map(|n: u32| {
            let mut suffix = String::new();
            let mut rest = n;
            loop {
                suffix.insert(0, char::from(b'a' + (rest % 26) as u8));
                if rest < 26 {
                    break;
                }
                rest = rest / 26 - 1;
            }
            compact_str::format_compact!("{parent}-{suffix}")
        })
        .find(|id| !used.contains(id.as_str()))
        .expect("an unused id exists")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::cascade::tests::{cycle_data, file, goal, proposal};
    use crate::model::types::{Level, LogKind, PlannedGoal};

    fn day(d: u32) -> Date {
        Date::from_ymd(2025, 6, d).unwrap()
    }

    fn fields(title: &str) -> GoalFields {
        GoalFields { title: title.into(), ..GoalFields::default() }
    }

    fn sample() -> (GoalsFile, CycleData) {
        let data = cycle_data(vec![
            file("H", vec![goal("H-2025-1", None, 0)], vec![proposal("H-2025-1-a", "H-2025-1", "A", Some(60.0))]),
            file("A", vec![goal("A-2025-1", Some("H-2025-1"), 20)], vec![]),
        ]);
        (data.goals[1].clone(), data)
    }

    #[test]
    fn new_goals_get_the_next_free_id_and_japanese_titles_are_kept() {
        let (mut mine, data) = sample();
        apply(
            &mut mine,
            &data,
            Edit::AddGoal { fields: fields("窓口のオンライン化"), carried_from: None, revision: None },
        )
        .unwrap();
        assert_eq!(mine.goals[1].id, "A-2025-2");
        assert_eq!(mine.goals[1].title, "窓口のオンライン化");
    }

    #[test]
    fn the_id_of_a_removed_goal_with_feedback_is_not_reused() {
        let (mut mine, mut data) = sample();
        data.feedback.push(crate::model::FeedbackFile {
            feedback: vec![crate::model::Feedback {
                person: "A".into(),
                goal: Some("A-2025-2".into()),
                level: None,
                strengths: "良い".into(),
                notes: Default::default(),
                date: None,
                shared: false,
                extra: Default::default(),
            }],
            ..crate::model::FeedbackFile::new("H", "2025")
        });
        apply(&mut mine, &data, Edit::AddGoal { fields: fields("新しい目標"), carried_from: None, revision: None })
            .unwrap();
        assert_eq!(mine.goals[1].id, "A-2025-3");
    }

    #[test]
    fn a_new_id_waits_for_the_owners_snapshots_left_on_disk_not_for_others() {
        let approval = |person: &str, goal: &str| crate::model::SheetRecord {
            person: Some(person.into()),
            step: crate::model::Step::Approve,
            by: "H".into(),
            at: crate::model::Timestamp(chrono::DateTime::parse_from_rfc3339("2025-05-01T09:00:00+09:00").unwrap()),
            comment: String::new(),
            plan: vec![PlannedGoal { id: goal.into(), ..PlannedGoal::default() }].into(),
            confirmed: None,
            extra: Default::default(),
        };
        let add = || Edit::AddGoal { fields: fields("新しい目標"), carried_from: None, revision: None };
        let (mine, mut data) = sample();
        let sheet = vec![approval("A", "A-2025-7"), approval("B", "B-2025-9")];
        data.feedback.push(crate::model::FeedbackFile { sheet, ..crate::model::FeedbackFile::new("H", "2025") });
        let added = |data: &CycleData| {
            let mut mine = mine.clone();
            apply(&mut mine, data, add()).map(|()| mine.goals.last().unwrap().id.clone())
        };
        assert_eq!(added(&data), Ok("A-2025-8".into()), "an id in a snapshot is not reused");
        data.feedback[0].sheet[1].plan.leave_on_disk();
        assert_eq!(added(&data), Ok("A-2025-8".into()), "another's sheet holds only their goals");
        data.feedback[0].sheet[0].plan.leave_on_disk();
        assert_eq!(added(&data), Err(EditError::LeftOnDisk), "the owner's snapshot is not passed over");
    }

    #[test]
    fn adopting_a_proposal_links_the_new_goal_to_its_parent() {
        let (mut mine, data) = sample();
        apply(
            &mut mine,
            &data,
            Edit::AdoptProposal { proposal: "H-2025-1-a".into(), fields: fields("研修の実施"), revision: None },
        )
        .unwrap();
        let adopted = mine.goals.last().unwrap();
        assert_eq!(adopted.parent.as_deref(), Some("H-2025-1"));
        assert_eq!(adopted.proposal.as_deref(), Some("H-2025-1-a"));
        // Once adopted (as the data would show after saving) it cannot be answered again.
        let mut data = data;
        data.goals[1] = mine.clone();
        let again = apply(
            &mut mine,
            &data,
            Edit::DeclineProposal { proposal: "H-2025-1-a".into(), reason: "x".into(), date: day(2) },
        );
        assert_eq!(again, Err(EditError::AlreadyAnswered("H-2025-1-a".into())));
    }

    #[test]
    fn someone_elses_proposal_cannot_be_adopted() {
        let (mut other, data) = sample();
        other.owner = "B".into();
        let result = apply(
            &mut other,
            &data,
            Edit::AdoptProposal { proposal: "H-2025-1-a".into(), fields: fields("x"), revision: None },
        );
        assert_eq!(result, Err(EditError::NoSuchProposal("H-2025-1-a".into())));
    }

    #[test]
    fn do_entries_stay_in_date_order() {
        let (mut mine, data) = sample();
        for (d, text) in [(10, "二回目"), (3, "一回目"), (10, "三回目")] {
            let entry = LogEntry {
                date: day(d),
                kind: LogKind::Ojt,
                text: text.into(),
                course: None,
                completed: false,
                extra: Default::default(),
            };
            apply(&mut mine, &data, Edit::AddLog { goal: "A-2025-1".into(), entry }).unwrap();
        }
        let texts: Vec<&str> =
            mine.goals[0].log.get().unwrap().iter().map(|e| e.text.get().unwrap().as_str()).collect();
        assert_eq!(texts, ["一回目", "二回目", "三回目"]);
    }

    #[test]
    fn bad_input_is_refused_and_leaves_the_file_unchanged() {
        let (mut mine, data) = sample();
        let before = mine.clone();
        let check = SelfCheck { level: Level::A, comment: "ok\u{1b}[2J".into(), date: None, extra: Default::default() };
        let refused = apply(&mut mine, &data, Edit::SetSelfCheck { goal: "A-2025-1".into(), check });
        assert!(matches!(refused, Err(EditError::BadText(ProblemKind::ControlCharacter { .. }))));
        assert_eq!(
            apply(&mut mine, &data, Edit::SetProgress { goal: "A-2025-1".into(), progress: 101 }),
            Err(EditError::ProgressOutOfRange(101))
        );
        assert_eq!(
            apply(&mut mine, &data, Edit::AddGoal { fields: fields("  "), carried_from: None, revision: None }),
            Err(EditError::EmptyTitle)
        );
        assert_eq!(mine, before);
    }

    #[test]
    fn a_parent_link_may_not_close_a_loop() {
        let (mut mine, mut data) = sample();
        apply(
            &mut mine,
            &data,
            Edit::AddGoal {
                fields: GoalFields { parent: Some("A-2025-1".into()), ..fields("子") },
                carried_from: None,
                revision: None,
            },
        )
        .unwrap();
        data.goals[1] = mine.clone();
        let looped = GoalFields { parent: Some("A-2025-2".into()), ..GoalFields::of(&mine.goals[0]).unwrap() };
        assert_eq!(
            apply(&mut mine, &data, Edit::UpdateGoal { goal: "A-2025-1".into(), fields: looped, revision: None }),
            Err(EditError::ParentLoop("A-2025-2".into()))
        );
        assert_eq!(
            apply(
                &mut mine,
                &data,
                Edit::UpdateGoal {
                    goal: "A-2025-1".into(),
                    fields: GoalFields { parent: Some("nope".into()), ..fields("t") },
                    revision: None,
                }
            ),
            Err(EditError::UnknownParent("nope".into()))
        );
    }

    #[test]
    fn an_adopted_proposal_cannot_be_withdrawn() {
        let (mut mine, mut data) = sample();
        apply(
            &mut mine,
            &data,
            Edit::AdoptProposal { proposal: "H-2025-1-a".into(), fields: fields("研修"), revision: None },
        )
        .unwrap();
        data.goals[1] = mine;
        let mut head = data.goals[0].clone();
        let refused = apply(&mut head, &data, Edit::WithdrawProposal { proposal: "H-2025-1-a".into() });
        assert_eq!(refused, Err(EditError::AlreadyAnswered("H-2025-1-a".into())));
    }

    #[test]
    fn proposals_get_letters_after_their_parent() {
        let data = cycle_data(vec![file(
            "H",
            vec![goal("H-2025-1", None, 0)],
            vec![proposal("H-2025-1-a", "H-2025-1", "A", None)],
        )]);
        let mut mine = data.goals[0].clone();
        let new = Proposal { id: Default::default(), ..proposal("", "H-2025-1", "B", Some(40.0)) };
        apply(&mut mine, &data, Edit::Propose { proposal: new }).unwrap();
        assert_eq!(mine.proposals[1].id, "H-2025-1-b");
    }

    #[test]
    fn action_items_can_be_added_edited_and_removed() {
        let (mut mine, data) = sample();
        let item = |issue: &str| ActionItem {
            issue: issue.into(),
            measure: "対策".into(),
            due: None,
            done: false,
            carried_from: None,
            extra: Default::default(),
        };
        let goal = || GoalId::from("A-2025-1");
        apply(&mut mine, &data, Edit::AddAction { goal: goal(), item: item("課題1") }).unwrap();
        apply(&mut mine, &data, Edit::AddAction { goal: goal(), item: item("課題2") }).unwrap();
        apply(
            &mut mine,
            &data,
            Edit::UpdateAction { goal: goal(), index: 0, item: ActionItem { done: true, ..item("課題1改") } },
        )
        .unwrap();
        apply(&mut mine, &data, Edit::RemoveAction { goal: goal(), index: 1 }).unwrap();
        assert_eq!(mine.goals[0].actions.len(), 1);
        assert!(mine.goals[0].actions[0].done);
        assert_eq!(
            apply(&mut mine, &data, Edit::RemoveAction { goal: goal(), index: 5 }),
            Err(EditError::NoSuchAction { goal: goal(), index: 5 })
        );
    }
}

#[cfg(test)]
mod revision_tests {
    use super::*;
    use crate::model::cascade::tests::{cycle_data, file, goal};

    #[test]
    fn a_revision_records_its_reason_and_the_plan_fields_that_changed() {
        let data = cycle_data(vec![file("A", vec![goal("A-2025-1", None, 10)], vec![])]);
        let mut mine = data.goals[0].clone();
        let fields =
            GoalFields { weight: Some(40), plan: "新しい計画".into(), ..GoalFields::of(&mine.goals[0]).unwrap() };
        let day = Date::from_ymd(2025, 10, 1).unwrap();
        let edit =
            Edit::UpdateGoal { goal: "A-2025-1".into(), fields, revision: Some((day, "事業の前倒し".into())) };
        apply(&mut mine, &data, edit).unwrap();
        let revision = &mine.goals[0].detail.get().unwrap().revisions[0];
        assert_eq!(revision.reason, "事業の前倒し");
        assert_eq!(revision.fields, ["weight"], "the plan text is not part of the approved plan");
    }
}
