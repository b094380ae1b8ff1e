//! Whether a person may make a change: the one place every command, from the app
//! or the command line, is asked about before it is applied.
//!
//! The rules themselves live beside the data they are about — who reads and
//! writes what in [`permissions`](super::permissions), who takes which workflow step
//! in [`workflow`](super::workflow); this module says which rule a command answers to.

use super::command::Command;
use super::competency::rater_of;
use super::edit::{self, Edit};
use super::permissions::{Denied, Hierarchy};
use super::seal::OwnersPart;
use super::types::{GoalId, GoalsFile, PersonId};
use super::workflow::{self, SheetState, WorkflowError};
use super::world::World;

/// Why a command was refused before anything was applied.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("{0}")]
    Denied(#[from] Denied),
    #[error("{0}")]
    Workflow(#[from] WorkflowError),
    /// Once confirmed (二次評価) an evaluation stands until the sheet is sent back.
    #[error("the sheet of {0} is confirmed")]
    SheetConfirmed(PersonId),
    /// A goal may contribute only to goals of its owner or of people above them.
    #[error("goal `{0}` is outside the reporting chain")]
    ParentOutsideChain(GoalId),
    /// The sheet is approved: changing its plan needs a reason (期中の見直し).
    #[error("a reason for changing the approved plan is required")]
    RevisionReasonRequired,
}

/// Asks whether `actor` may carry out `command` on `world` as it is now.
pub fn permit(world: &World, actor: &str, command: &Command) -> Result<(), Refusal> {
    let hierarchy = world.hierarchy();
    match command {
        Command::Sheet(edit) => permit_edit(world, &hierarchy, actor, edit),
        Command::Feedback(feedback) => {
            hierarchy.can_write_feedback(actor, &feedback.person)?;
            if sheet_state(world, &feedback.person) >= SheetState::Confirmed {
                return Err(Refusal::SheetConfirmed(feedback.person));
            }
            Ok(())
        }
        Command::RateAbility(rating) => {
            if rater_of(&hierarchy, actor, &rating.person).is_none() {
                let (actor, person) = (hierarchy.label(actor), hierarchy.label(&rating.person));
                return Err(Denied::WriteFeedback { actor, person }.into());
            }
            if sheet_state(world, &rating.person) >= SheetState::Confirmed {
                return Err(Refusal::SheetConfirmed(rating.person));
            }
            Ok(())
        }
        Command::Adjust { person, .. } => Ok(hierarchy.can_calibrate(actor, person)?),
        Command::Step { person, step, .. } => Ok(workflow::may_take(&hierarchy, &world.data, actor, person, *step)?),
        Command::ReplaceOrg(_)
        | Command::OpenCycle { .. }
        | Command::SetCurrentCycle(_)
        | Command::ImportEngagement(_) => permit_hr_change(&hierarchy, actor),
        Command::Meeting { meeting, .. } => Ok(hierarchy.can_write_meeting(actor, &meeting.with)?),
    }
}

/// Whether `actor` may change the organisation and the cycles (HR's commands).
pub fn permit_hr_change(hierarchy: &Hierarchy<'_>, actor: &str) -> Result<(), Refusal> {
    Ok(hierarchy.can_edit_org(actor)?)
}

/// Whether `actor` may export the data set for HR's system.
pub fn permit_export(hierarchy: &Hierarchy<'_>, actor: &str) -> Result<(), Refusal> {
    Ok(hierarchy.can_export(actor)?)
}

/// The state of `person`'s sheet, replayed from the workflow records.
pub fn sheet_state(world: &World, person: &str) -> SheetState {
    workflow::sheet_state(&world.hierarchy(), &world.data, person).state
}

/// Whether changing `person`'s plan now needs a reason: once the sheet is approved.
pub fn needs_revision_reason(world: &World, person: &str) -> bool {
    workflow::needs_revision_reason(sheet_state(world, person))
}

/// The actor and everyone above them: whose goals the actor may link a goal to.
pub fn linkable_owners(hierarchy: &Hierarchy<'_>, actor: &str) -> Vec<PersonId> {
    let mut chain: Vec<PersonId> = vec![actor.into()];
    let mut current = hierarchy.reviewer_of(actor);
    while let Some(person) = current.filter(|p| !chain.contains(&p.id)) {
        chain.push(person.id);
        current = hierarchy.reviewer_of(&person.id);
    }
    chain
}

/// A change to the actor's own sheet: always their own file; nothing that a
/// confirmation sealed while the sheet is confirmed; proposals only to their direct
/// reports; links only up their own chain; an approved plan changes, and goals come
/// and go, only with a reason.
fn permit_edit(world: &World, hierarchy: &Hierarchy<'_>, actor: &str, edit: &Edit) -> Result<(), Refusal> {
    hierarchy.can_edit_goals(actor, actor)?;
    let own = world.goals_file(actor);
    permit_sealed(world, actor, edit, own)?;
    let approved = needs_revision_reason(world, actor);
    match edit {
        Edit::Propose { proposal } => Ok(hierarchy.can_propose(actor, &proposal.to)?),
        Edit::AddGoal { revision: None, .. }
        | Edit::AdoptProposal { revision: None, .. }
        | Edit::RemoveGoal { revision: None, .. }
            if approved =>
        {
            Err(Refusal::RevisionReasonRequired)
        }
        Edit::AddGoal { fields, .. } => permit_parent(world, hierarchy, actor, None, fields.parent.as_deref(), own),
        Edit::RestoreGoal { goal, .. } => permit_parent(world, hierarchy, actor, None, goal.parent.as_deref(), own),
        Edit::UpdateGoal { goal, fields, revision } => {
            let current = own.and_then(|file| file.goals.iter().find(|g| g.id == goal));
            let changes_plan = current.is_some_and(|current| !fields.changed_plan_fields(current).is_empty());
            if revision.is_none() && changes_plan && approved {
                return Err(Refusal::RevisionReasonRequired);
            }
            permit_parent(world, hierarchy, actor, Some(goal), fields.parent.as_deref(), own)
        }
        _ => Ok(()),
    }
}

/// Once a sheet is confirmed (確定), its owner's part of what the confirmation
/// sealed — the goals and their plan, the self-evaluations, the ability
/// self-ratings — stays as it is until the sheet is sent back. Asked of the edit's
/// result rather than of its kind, so that every edit, those to come too, answers
/// to the same rule; an edit that fails on its own is the edit's to report.
fn permit_sealed(world: &World, actor: &str, edit: &Edit, own: Option<&GoalsFile>) -> Result<(), Refusal> {
    if sheet_state(world, actor) < SheetState::Confirmed {
        return Ok(());
    }
    let before = own.cloned().unwrap_or_else(|| GoalsFile::new(actor, &world.data.cycle.id));
    let mut after = before.clone();
    if edit::apply(&mut after, &world.data, edit.clone()).is_ok() && OwnersPart::of(&after) != OwnersPart::of(&before) {
        return Err(Refusal::SheetConfirmed(actor.into()));
    }
    Ok(())
}

/// A new or changed parent link must point to a goal of the actor's own or of
/// someone above them; an unchanged link is left alone (a reorganisation may have
/// moved it out of the chain). An unknown parent is the edit's to report.
fn permit_parent(
    world: &World,
    hierarchy: &Hierarchy<'_>,
    actor: &str,
    goal: Option<&GoalId>,
    parent: Option<&str>,
    own: Option<&GoalsFile>,
) -> Result<(), Refusal> {
    let Some(parent) = parent else { return Ok(()) };
    let unchanged =
        goal.and_then(|id| own?.goals.iter().find(|g| g.id == id)).is_some_and(|g| g.parent.as_deref() == Some(parent));
    let Some(node) = world.cascade.node_of_goal(&world.data, parent) else { return Ok(()) };
    let owner = world.cascade.owner(&world.data, node);
    if unchanged || linkable_owners(hierarchy, actor).iter().any(|p| p == owner) {
        Ok(())
    } else {
        Err(Refusal::ParentOutsideChain(parent.into()))
    }
}
