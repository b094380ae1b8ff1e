//! A person's sheet (目標管理シート) as its viewer sees it: the rows of the sheet
//! list, the line under it, and what each goal's panes show beyond the goal itself
//! (the feedback the viewer may read, the changes since approval).

use crate::model::hash::HashMap;

use super::measured::{self, MeasuredNote};
use crate::model::changes::{self, PlanField};
use crate::model::score::sheet_score;
use crate::model::training;
use crate::model::workflow::{self, SheetState};
use crate::model::{
    ActionItem, Away, CycleId, Date, FeedbackNotes, Goal, GoalChange, GoalId, GoalsFile, Held, Level, LogEntry,
    NodeKind, Proposal, ProposalId, SheetRevision, World,
};

/// An action item of last cycle that is still open and not yet carried over.
#[derive(Clone, Debug, PartialEq)]
pub struct CarryItem {
    /// `<cycle>/<goal id>`.
    pub from: String,
    pub item: ActionItem,
}

/// One row of a person's own sheet list.
#[derive(Clone, Debug, PartialEq)]
pub enum SheetEntry {
    /// Index into the person's goals.
    Goal(usize),
    Proposal(ProposalId),
    Carry(CarryItem),
}

/// The rows of `person`'s own sheet: their goals, the proposals made to them not
/// yet answered, and last cycle's open action items not yet carried over.
pub fn entries(world: &World, person: &str, previous: Option<&(CycleId, GoalsFile)>) -> Vec<SheetEntry> {
    let mut list: Vec<SheetEntry> = (0..world.goals_of(person).len()).map(SheetEntry::Goal).collect();
    list.extend(open_proposals(world, person).into_iter().map(|p| SheetEntry::Proposal(p.id.clone())));
    list.extend(carry_items(world, person, previous).into_iter().map(SheetEntry::Carry));
    list
}

/// Proposals addressed to `person` that are neither adopted nor declined.
pub fn open_proposals<'a>(world: &'a World, person: &str) -> Vec<&'a Proposal> {
    let cascade = &world.cascade;
    cascade
        .nodes
        .iter()
        .enumerate()
        .filter(|(id, node)| matches!(node.kind, NodeKind::Pending { .. }) && cascade.owner(&world.data, *id) == person)
        .filter_map(|(id, _)| cascade.proposal(&world.data, id))
        .collect()
}

/// Open action items of `previous` (the cycle before and the person's sheet in it)
/// that no goal of this cycle carries on yet.
pub fn carry_items(world: &World, person: &str, previous: Option<&(CycleId, GoalsFile)>) -> Vec<CarryItem> {
    let Some((cycle, previous)) = previous else { return Vec::new() };
    // With a goal's detail left on disk, what is carried is not known: nothing is offered.
    let goals = world.goals_of(person);
    let Ok(details) = goals.iter().map(|goal| goal.detail.get()).collect::<Result<Vec<_>, _>>() else {
        return Vec::new();
    };
    let carried: Vec<(&str, &str)> = details
        .iter()
        .zip(goals)
        .filter_map(|(detail, goal)| Some((detail.carried_from.as_deref()?, goal.title.as_str())))
        .collect();
    previous
        .goals
        .iter()
        .flat_map(|goal| goal.actions.iter().map(move |item| (goal, item)))
        .filter(|(_, item)| !item.done)
        .map(|(goal, item)| CarryItem { from: format!("{cycle}/{}", goal.id), item: item.clone() })
        .filter(|carry| !carried.contains(&(carry.from.as_str(), carry.item.issue.as_str())))
        .collect()
}

/// One row of a sheet as drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum SheetRow<'a> {
    Goal {
        goal: &'a Goal,
        progress: f64,
    },
    /// A proposal, and its proposer's short name and title ("工藤部長").
    Proposal {
        proposal: &'a Proposal,
        from: String,
    },
    Carry {
        issue: &'a str,
        from: &'a str,
    },
}

/// The rows to draw for `person`'s sheet entries.
pub fn rows<'a>(world: &'a World, person: &str, entries: &'a [SheetEntry]) -> Vec<SheetRow<'a>> {
    let goals = world.goals_of(person);
    entries
        .iter()
        .filter_map(|entry| match entry {
            SheetEntry::Goal(index) => {
                let goal = goals.get(*index)?;
                Some(SheetRow::Goal { goal, progress: world.progress_of(&goal.id) })
            }
            SheetEntry::Proposal(id) => {
                let node = world.cascade.node_of_proposal(id)?;
                let proposal = world.cascade.proposal(&world.data, node)?;
                let from = proposer(world, id)
                    .map(|p| format!("{}{}", p.name.split_whitespace().next().unwrap_or(&p.name), p.title))
                    .unwrap_or_default();
                Some(SheetRow::Proposal { proposal, from })
            }
            SheetEntry::Carry(item) => Some(SheetRow::Carry { issue: &item.item.issue, from: &item.from }),
        })
        .collect()
}

/// Rows for the goals alone, as a reviewer sees someone's sheet.
pub fn goal_rows<'a>(world: &'a World, person: &str) -> Vec<SheetRow<'a>> {
    world.goals_of(person).iter().map(|goal| SheetRow::Goal { goal, progress: world.progress_of(&goal.id) }).collect()
}

/// Who made the proposal `id`, while it is pending or declined.
pub fn proposer<'a>(world: &'a World, id: &str) -> Option<&'a crate::model::Person> {
    let node = world.cascade.node_of_proposal(id)?;
    world.person(world.cascade.proposer(&world.data, node)?)
}

/// The line under a sheet: its workflow state, score and changes since approval.
#[derive(Clone, Debug, PartialEq)]
pub struct SheetSummary {
    pub state: SheetState,
    pub score: Option<f64>,
    /// How many; `Away` while the approval's snapshot is left on disk.
    pub changes: Result<usize, Away>,
    /// Goals removed after approval: their rows are gone, so the sheet says it.
    pub removed: Vec<SheetRevision>,
    /// The last send-back, while it is the sheet's latest step: its reason stays in
    /// front of the owner until they (or anyone) take the next step.
    pub sent_back: Option<SentBack>,
    /// The cycle's training (Do entries naming a course), oldest first: (course, completed).
    pub training: Vec<(String, bool)>,
}

/// A send-back as the sheet's owner reads it.
#[derive(Clone, Debug, PartialEq)]
pub struct SentBack {
    /// Who sent it back: name and title.
    pub by: String,
    pub date: Date,
    /// The state the sheet went back to.
    pub to: SheetState,
    pub comment: String,
}

pub fn summary(world: &World, person: &str) -> SheetSummary {
    let hierarchy = world.hierarchy();
    let formula = world.info.score_formula();
    let status = workflow::sheet_state(&hierarchy, &world.data, person);
    let sent_back = status.history.last().filter(|event| event.record.step.sends_back()).map(|event| SentBack {
        by: world.name_and_title(&event.record.by),
        date: Date(event.record.at.0.date_naive()),
        to: event.to,
        comment: event.record.comment.clone(),
    });
    SheetSummary {
        state: status.state,
        score: sheet_score(&hierarchy, &world.data, &formula, person).score,
        changes: changes::changes_since_approval(&hierarchy, &world.data, person).map(|changes| changes.len()),
        removed: world
            .goals_file(person)
            .map(|file| file.revisions.iter().filter(|r| r.change == GoalChange::Removed).cloned().collect())
            .unwrap_or_default(),
        sent_back,
        training: training::history(&world.data, person)
            .into_iter()
            .map(|record| (record.course.to_owned(), record.completed))
            .collect(),
    }
}

/// One feedback entry as its reader sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct FeedbackNote {
    /// The writer's name and title.
    pub by: String,
    pub level: Option<Level>,
    pub strengths: String,
    /// Away while the entry's notes are left on disk.
    pub notes: Held<FeedbackNotes>,
}

/// A plan field that differs from the approved plan; values as written in the file.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanChange {
    pub field: PlanField,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// What a goal's panes show beyond the goal: feedback in Check, changes since
/// approval and the reasons given for them (期中の見直し) in Plan.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GoalNotes {
    pub feedback: Vec<FeedbackNote>,
    /// Away while the approval's snapshot is left on disk.
    pub changes: Held<Vec<PlanChange>>,
    pub revisions: Vec<(Date, String)>,
    /// How a measured goal's figure was computed (its metric names a source).
    pub measured: Option<MeasuredNote>,
}

/// The notes of each of `person`'s goals, as `viewer` may see them: worked out when
/// the data changes, not every frame.
pub fn notes_by_goal(world: &World, viewer: &str, person: &str) -> HashMap<GoalId, GoalNotes> {
    let hierarchy = world.hierarchy();
    let visible = workflow::visible_feedback(&hierarchy, &world.data, viewer, person);
    let mut notes: HashMap<GoalId, GoalNotes> =
        world.goals_of(person).iter().map(|goal| (goal.id.clone(), GoalNotes::default())).collect();
    for entry in visible {
        let Some(goal) = entry.goal.as_ref().and_then(|goal| notes.get_mut(goal)) else { continue };
        let by = world
            .data
            .feedback
            .iter()
            .find(|file| file.feedback.iter().any(|f| std::ptr::eq(f, entry)))
            .map(|file| world.name_and_title(&file.reviewer))
            .unwrap_or_default();
        goal.feedback.push(FeedbackNote {
            by,
            level: entry.level,
            strengths: entry.strengths.clone(),
            notes: Held::of(entry.notes.get().map(|notes| FeedbackNotes::clone(notes))),
        });
    }
    match changes::changes_since_approval(&hierarchy, &world.data, person) {
        Ok(changes) => {
            for change in changes {
                let note = notes.entry(change.goal.clone()).or_default();
                let change = PlanChange { field: change.field, before: change.before, after: change.after };
                if let Some(changes) = note.changes.here_mut() {
                    changes.push(change);
                }
            }
        }
        Err(_) => notes.values_mut().for_each(|note| note.changes.leave_on_disk()),
    }
    for goal in world.goals_of(person) {
        if let Some(note) = notes.get_mut(&goal.id) {
            let revisions = goal.detail.here().into_iter().flat_map(|detail| &detail.revisions);
            note.revisions.extend(revisions.map(|r| (r.date, r.reason.clone())));
            note.measured = measured::note(world, &goal.id);
        }
    }
    // Why a goal was added after approval shows with the goal, like a change of it.
    for revision in world.goals_file(person).iter().flat_map(|file| &file.revisions) {
        if let Some(note) = notes.get_mut(&revision.goal).filter(|_| revision.change == GoalChange::Added) {
            note.revisions.push((revision.date, revision.reason.clone()));
        }
    }
    notes
}

/// A goal's Do entries as the Do pane lists them: none while the log is left on
/// disk (the pane says it could not be read, and edits are refused).
pub fn logged(goal: &Goal) -> &[LogEntry] {
    goal.log.here().map_or(&[], |log| log.as_slice())
}

/// The index in a goal's log of the Do entry shown at `position`: the pane shows
/// the newest first.
pub fn log_index(len: usize, position: usize) -> Option<usize> {
    len.checked_sub(position + 1)
}

/// The four panes of a goal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    Plan,
    Do,
    Check,
    Action,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Plan, Pane::Do, Pane::Check, Pane::Action];

    pub fn next(self, forward: bool) -> Pane {
        let index = Pane::ALL.iter().position(|p| *p == self).unwrap_or(0);
        Pane::ALL[(index + if forward { 1 } else { 3 }) % 4]
    }
}
