//! The data set as the app holds it, and the one command path through which
//! every change goes: check permission, apply, save atomically, rebuild.

use std::collections::HashMap;

use chrono::Timelike;

use crate::model::edit::{self, Edit, EditError, GoalFields};
use crate::model::permissions::{Denied, Hierarchy};
use crate::model::validate::{TEXT_LIMIT, check_text};
use crate::model::workflow::{self, SheetState, WorkflowError};
use crate::model::{Cascade, CycleId, Date, GoalsFile, Person, PersonId, Source};
use crate::model::{Feedback, FeedbackFile, GoalId, Step, Timestamp};
use crate::store::{Snapshot, Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error(transparent)]
    Denied(#[from] Denied),
    #[error(transparent)]
    Edit(#[from] EditError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Workflow(#[from] WorkflowError),
    #[error("the sheet of {0} is confirmed; send it back before changing its feedback")]
    SheetConfirmed(PersonId),
    #[error("goal `{0}` is not yours nor of anyone above you in the reporting chain")]
    ParentOutsideChain(GoalId),
    /// The sheet is approved: changing its plan needs a reason (期中の見直し).
    #[error("the sheet is approved: give a reason for changing its plan")]
    RevisionReasonRequired,
}

impl CommandError {
    /// A save refused because the file changed on disk: the user may reload and re-apply.
    pub fn is_conflict(&self) -> bool {
        matches!(self, CommandError::Store(StoreError::ChangedOnDisk(_)))
    }
}

pub struct Workspace {
    pub store: Store,
    /// Position of each person in `snapshot.org.people`.
    people: HashMap<PersonId, usize>,
    pub snapshot: Snapshot,
    pub cascade: Cascade,
    pub actor: PersonId,
    pub today: Date,
    /// The cycle before this one and the actor's sheet in it, for carrying action items over.
    pub previous: Option<(CycleId, GoalsFile)>,
}

impl Workspace {
    pub fn open(store: Store, cycle: Option<&str>, actor: PersonId, today: Date) -> Result<Workspace, StoreError> {
        let snapshot = store.load(cycle)?;
        Workspace::from_snapshot(store, snapshot, actor, today)
    }

    /// A workspace over a snapshot already loaded (e.g. to find out who the actor is).
    pub fn from_snapshot(
        store: Store,
        snapshot: Snapshot,
        actor: PersonId,
        today: Date,
    ) -> Result<Workspace, StoreError> {
        let cascade = Cascade::build(&snapshot.data);
        let people = index_people(&snapshot);
        let mut workspace = Workspace { store, people, snapshot, cascade, actor, today, previous: None };
        workspace.previous = workspace.load_previous()?;
        Ok(workspace)
    }

    fn load_previous(&self) -> Result<Option<(CycleId, GoalsFile)>, StoreError> {
        let current = &self.snapshot.data.cycle.id;
        let Some(previous) = self.store.cycle_ids()?.into_iter().rfind(|c| c < current) else {
            return Ok(None);
        };
        // A broken or missing file last cycle only means nothing to carry over.
        let file = self.store.read_goals_file(&previous, &self.actor).ok().flatten();
        Ok(file.map(|f| (previous, f)))
    }

    /// Loads everything again from disk, e.g. after someone else saved a file.
    pub fn reload(&mut self) -> Result<(), StoreError> {
        let cycle = self.snapshot.data.cycle.id.clone();
        self.snapshot = self.store.load(Some(&cycle))?;
        self.people = index_people(&self.snapshot);
        self.cascade = Cascade::build(&self.snapshot.data);
        self.previous = self.load_previous()?;
        Ok(())
    }

    pub fn person(&self, id: &str) -> Option<&Person> {
        self.people.get(id).map(|&index| &self.snapshot.org.people[index])
    }

    pub fn me(&self) -> Option<&Person> {
        self.person(&self.actor)
    }

    /// Who made the proposal `id`, while it is pending or declined.
    pub fn goals_file_of_proposal(&self, id: &str) -> Option<&PersonId> {
        let node = self.cascade.node_of_proposal(id)?;
        self.cascade.proposer(&self.snapshot.data, node)
    }

    pub fn goals_file(&self, owner: &str) -> Option<&GoalsFile> {
        // The store keeps goals files sorted by owner.
        let goals = &self.snapshot.data.goals;
        goals.binary_search_by(|f| f.owner.as_str().cmp(owner)).ok().map(|index| &goals[index])
    }

    /// Whether the actor may change `owner`'s sheet, and if not, why.
    pub fn may_edit(&self, owner: &str) -> Result<(), Denied> {
        Hierarchy::new(&self.snapshot.org).can_edit_goals(&self.actor, owner)
    }

    /// Applies an edit to `owner`'s sheet and saves it. Nothing changes on error.
    pub fn apply(&mut self, owner: &str, edit: Edit) -> Result<(), CommandError> {
        self.may_edit(owner)?;
        if let Edit::Propose { proposal } = &edit {
            Hierarchy::new(&self.snapshot.org).can_propose(&self.actor, &proposal.to)?;
        }
        let mut file =
            self.goals_file(owner).cloned().unwrap_or_else(|| GoalsFile::new(owner, &self.snapshot.data.cycle.id));
        if let Edit::UpdateGoal { goal, fields, revision: None } = &edit
            && self.needs_revision_reason(owner)
            && let Some(current) = file.goals.iter().find(|g| &g.id == goal)
            && !fields.changed_plan_fields(&GoalFields::of(current)).is_empty()
        {
            return Err(CommandError::RevisionReasonRequired);
        }
        self.check_parent_link(&file, &edit)?;
        edit::apply(&mut file, &self.snapshot.data, edit)?;
        self.save_goals_file(file)
    }

    /// This moment, on the workspace's `today` (which tests and demonstrations may set).
    pub fn now(&self) -> Timestamp {
        let local = chrono::Local::now();
        // Milliseconds: readable in the files, yet fine enough to order two steps
        // taken one after the other.
        let millis = local.nanosecond() / 1_000_000 * 1_000_000;
        let time = chrono::NaiveTime::from_num_seconds_from_midnight_opt(local.num_seconds_from_midnight(), millis)
            .unwrap_or_default();
        let at = self.today.0.and_time(time);
        Timestamp(at.and_local_timezone(*local.offset()).single().unwrap_or_else(|| local.fixed_offset()))
    }

    /// The actor and everyone above them: whose goals the actor may link a goal to.
    pub fn linkable_owners(&self) -> Vec<PersonId> {
        let hierarchy = Hierarchy::new(&self.snapshot.org);
        let mut chain = vec![self.actor.clone()];
        let mut current = hierarchy.reviewer_of(&self.actor);
        while let Some(person) = current.filter(|p| !chain.contains(&p.id)) {
            chain.push(person.id.clone());
            current = hierarchy.reviewer_of(&person.id);
        }
        chain
    }

    /// A new or changed parent link must point to a goal of the actor's own or of
    /// someone above them; an unchanged link is left alone.
    fn check_parent_link(&self, file: &GoalsFile, edit: &Edit) -> Result<(), CommandError> {
        let (goal, parent) = match edit {
            Edit::AddGoal { fields, .. } => (None, fields.parent.as_deref()),
            Edit::UpdateGoal { goal, fields, .. } => (Some(goal.as_str()), fields.parent.as_deref()),
            _ => return Ok(()),
        };
        let Some(parent) = parent else { return Ok(()) };
        let unchanged = goal
            .and_then(|id| file.goals.iter().find(|g| g.id == id))
            .is_some_and(|g| g.parent.as_deref() == Some(parent));
        let owner = self.cascade.node_of_goal(parent).map(|n| self.cascade.nodes[n].owner.clone());
        if unchanged || owner.as_ref().is_some_and(|owner| self.linkable_owners().contains(owner)) {
            Ok(())
        } else if owner.is_none() {
            Err(EditError::UnknownParent(parent.to_owned()).into())
        } else {
            Err(CommandError::ParentOutsideChain(parent.to_owned()))
        }
    }

    /// The state of `person`'s sheet, derived from the workflow records.
    pub fn sheet_state(&self, person: &str) -> SheetState {
        workflow::sheet_state(&Hierarchy::new(&self.snapshot.org), &self.snapshot.data, person).state
    }

    /// Whether changing `person`'s plan needs a reason: once the sheet is approved.
    pub fn needs_revision_reason(&self, person: &str) -> bool {
        workflow::needs_revision_reason(self.sheet_state(person))
    }

    fn cycle_id(&self) -> String {
        self.snapshot.data.cycle.id.clone()
    }

    /// The actor's own feedback file (a new one if they have written none yet).
    pub fn my_feedback_file(&self) -> FeedbackFile {
        self.snapshot
            .data
            .feedback
            .iter()
            .find(|f| f.reviewer == self.actor)
            .cloned()
            .unwrap_or_else(|| FeedbackFile::new(&self.actor, &self.snapshot.data.cycle.id))
    }

    fn save_feedback_file(&mut self, file: FeedbackFile) -> Result<(), CommandError> {
        let source = Source::Feedback { cycle: self.cycle_id(), reviewer: self.actor.clone() };
        if self.snapshot.is_broken(&source) {
            return Err(StoreError::Unreadable(self.store.path_of(&source)).into());
        }
        self.store.save(&mut self.snapshot, &source, &file)?;
        match self.snapshot.data.feedback.iter_mut().find(|f| f.reviewer == self.actor) {
            Some(slot) => *slot = file,
            None => {
                self.snapshot.data.feedback.push(file);
                self.snapshot.data.feedback.sort_by(|a, b| a.reviewer.cmp(&b.reviewer));
            }
        }
        Ok(())
    }

    /// Writes (or replaces) the actor's feedback to `person` on one goal, or on the
    /// whole sheet when `feedback.goal` is `None`, in the actor's own feedback file.
    pub fn write_feedback(&mut self, feedback: Feedback) -> Result<(), CommandError> {
        Hierarchy::new(&self.snapshot.org).can_write_feedback(&self.actor, &feedback.person)?;
        // Once confirmed (二次評価) the evaluation stands; changing it takes a send-back.
        if self.sheet_state(&feedback.person) >= SheetState::Confirmed {
            return Err(CommandError::SheetConfirmed(feedback.person.clone()));
        }
        for (field, text) in [
            ("strengths", &feedback.strengths),
            ("improvements", &feedback.improvements),
            ("contribution", &feedback.contribution),
            ("comment", &feedback.comment),
        ] {
            if let Some(kind) = check_text(field, text, TEXT_LIMIT) {
                return Err(EditError::BadText(kind).into());
            }
        }
        if let Some(goal) = &feedback.goal {
            let owns = self.goals_file(&feedback.person).is_some_and(|f| f.goals.iter().any(|g| &g.id == goal));
            if !owns {
                return Err(EditError::NoSuchGoal(goal.clone()).into());
            }
        }
        let mut file = self.my_feedback_file();
        match file.feedback.iter_mut().find(|f| f.person == feedback.person && f.goal == feedback.goal) {
            // Keys of a newer version stay with the entry they belong to.
            Some(existing) => *existing = Feedback { extra: std::mem::take(&mut existing.extra), ..feedback },
            None => file.feedback.push(feedback),
        }
        self.save_feedback_file(file)
    }

    /// Takes a workflow step on `person`'s sheet; the record goes into the actor's own
    /// file (goals file for the owner's steps, feedback file for the reviewers').
    pub fn take_step(&mut self, person: &str, step: Step, comment: &str, now: Timestamp) -> Result<(), CommandError> {
        let hierarchy = Hierarchy::new(&self.snapshot.org);
        let (source, record) =
            workflow::record(&hierarchy, &self.snapshot.data, &self.actor, person, step, comment, now)?;
        match source {
            Source::Goals { .. } => {
                let mut file = self
                    .goals_file(&self.actor)
                    .cloned()
                    .unwrap_or_else(|| GoalsFile::new(&self.actor, &self.cycle_id()));
                file.sheet.push(record);
                self.save_goals_file(file)
            }
            _ => {
                let mut file = self.my_feedback_file();
                file.sheet.push(record);
                self.save_feedback_file(file)
            }
        }
    }

    fn save_goals_file(&mut self, file: GoalsFile) -> Result<(), CommandError> {
        let owner = file.owner.clone();
        let source = Source::Goals { cycle: self.cycle_id(), person: owner.clone() };
        if self.snapshot.is_broken(&source) {
            return Err(StoreError::Unreadable(self.store.path_of(&source)).into());
        }
        self.store.save(&mut self.snapshot, &source, &file)?;
        match self.snapshot.data.goals.iter_mut().find(|f| f.owner == owner) {
            Some(slot) => *slot = file,
            None => {
                self.snapshot.data.goals.push(file);
                self.snapshot.data.goals.sort_by(|a, b| a.owner.cmp(&b.owner));
            }
        }
        self.cascade = Cascade::build(&self.snapshot.data);
        Ok(())
    }
}

fn index_people(snapshot: &Snapshot) -> HashMap<PersonId, usize> {
    snapshot.org.people.iter().enumerate().map(|(index, person)| (person.id.clone(), index)).collect()
}
