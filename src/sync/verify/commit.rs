//! One commit against its parent: whose files it touches, and whether what changed in
//! them is the pusher's to change.

use std::collections::{BTreeMap, BTreeSet};

use super::closure::new_problems;
use super::{Reason, VerifyError};
use crate::model::file_policy::{Change, DataFile, FileChange, PersonalKind, WriteRefused, check_writes};
use crate::model::history::{Field, FieldChange, feedback_about_changed, feedback_changes, goals_changes};
use crate::model::seal::OwnersPart;
use crate::model::workflow::{confirmer_of, record, sheet_state};
use crate::model::{
    CycleData, DataSetInfo, FeedbackFile, GoalsFile, Held, Hierarchy, Person, PlannedGoal, SheetRecord, SheetState,
    Source,
};
use crate::store::{ENGAGEMENT_FILE, Store};
use crate::sync::git::Git;
use crate::sync::tree::{CommitFiles, TreeError};

/// How far ahead of the server's clock a step's time may be (clocks of PCs differ a little).
const FUTURE_TOLERANCE_HOURS: i64 = 12;

/// Modes git gives links and submodules.
const LINK_MODES: [&str; 2] = ["120000", "160000"];

/// The reasons to refuse `commit` pushed by `login`; `parent` is `None` for the first
/// commit of an empty repository.
pub fn verify_commit(
    git: &Git,
    files: &mut CommitFiles,
    login: &str,
    parent: Option<&str>,
    commit: &str,
) -> Result<Vec<Reason>, VerifyError> {
    // The organisation before the commit grants the rights; only a first commit has none before it.
    let authority = parent.unwrap_or(commit);
    let org = match files.org(authority) {
        Ok(org) => org,
        Err(TreeError::Parse { path, location, message }) => {
            return Ok(vec![Reason::Parse { path, location, message }]);
        }
        Err(other) => return Err(other.into()),
    };
    let hierarchy = Hierarchy::new(&org);
    let mut pushers = org.people.iter().filter(|person| person.login.as_deref() == Some(login));
    let (Some(actor), None) = (pushers.next(), pushers.next()) else {
        let shared = org.people.iter().filter(|person| person.login.as_deref() == Some(login)).count() > 1;
        let login = login.to_owned();
        return Ok(vec![if shared { Reason::SharedLogin { login } } else { Reason::UnknownLogin { login } }]);
    };
    if parent.is_none() && !actor.is_hr() {
        return Ok(vec![Reason::FirstPushNotHr]);
    }
    let (changes, mut reasons) = changed_files(git, parent, commit)?;
    let verdicts = match parent {
        Some(_) => check_writes(&hierarchy, &actor.id, &changes),
        // The first commit is the whole data set as HR brings it in: every file, but
        // only files of the layout.
        None => changes
            .iter()
            .map(|change| {
                DataFile::parse(&change.path).ok_or_else(|| WriteRefused::OutsideLayout { path: change.path.clone() })
            })
            .collect(),
    };
    reasons.extend(verdicts.iter().filter_map(|verdict| verdict.as_ref().err().cloned().map(Reason::Write)));
    if !reasons.is_empty() {
        return Ok(reasons);
    }
    let files_changed: Vec<(&FileChange, DataFile)> =
        changes.iter().zip(verdicts).filter_map(|(change, verdict)| Some((change, verdict.ok()?))).collect();
    let mut check = Check { files, hierarchy: &hierarchy, actor, parent, commit, reasons: Vec::new() };
    check.shapes(&files_changed)?;
    if !check.reasons.is_empty() {
        return Ok(check.reasons);
    }
    let mut by_cycle: BTreeMap<String, Vec<&DataFile>> = BTreeMap::new();
    for (_, file) in &files_changed {
        if let Some(cycle) = file.cycle() {
            by_cycle.entry(cycle.to_owned()).or_default().push(file);
        }
    }
    for (cycle, cycle_files) in by_cycle {
        check.cycle(&cycle, &cycle_files)?;
    }
    let org_changed = files_changed.iter().any(|(_, file)| *file == DataFile::Org);
    check.reasons.extend(new_problems(git, check.files, parent, commit, &files_changed, org_changed)?);
    Ok(check.reasons)
}

/// The files `commit` changes, and links or submodules among them (never data).
fn changed_files(git: &Git, parent: Option<&str>, commit: &str) -> Result<(Vec<FileChange>, Vec<Reason>), VerifyError> {
    let mut args = vec!["diff-tree", "-r", "-z", "--no-renames", "--no-commit-id", "--raw"];
    args.extend(parent.map_or(["--root", commit], |parent| [parent, commit]));
    let text = git.run(&args)?;
    let mut fields = text.split('\0').filter(|field| !field.is_empty());
    let (mut changes, mut reasons) = (Vec::new(), Vec::new());
    while let (Some(meta), Some(path)) = (fields.next(), fields.next()) {
        // ":<old mode> <new mode> <old id> <new id> <status>"
        let meta: Vec<&str> = meta.trim_start_matches(':').split(' ').collect();
        let (new_mode, status) = (meta.get(1).copied().unwrap_or_default(), meta.get(4).copied().unwrap_or("M"));
        if LINK_MODES.contains(&new_mode) {
            reasons.push(Reason::NotAFile { path: path.to_owned() });
        }
        let change = match status {
            "A" => Change::Added,
            "D" => Change::Deleted,
            _ => Change::Modified,
        };
        changes.push(FileChange { path: path.to_owned(), change });
    }
    Ok((changes, reasons))
}

struct Check<'a, 'o> {
    files: &'a mut CommitFiles,
    hierarchy: &'a Hierarchy<'o>,
    actor: &'o Person,
    parent: Option<&'a str>,
    commit: &'a str,
    reasons: Vec<Reason>,
}

/// A file as it was before the commit and as it is after it.
struct Versions<T> {
    path: String,
    before: Option<T>,
    after: Option<T>,
}

impl Check<'_, '_> {
    /// Every changed file parses as what its place says it is.
    fn shapes(&mut self, changed: &[(&FileChange, DataFile)]) -> Result<(), VerifyError> {
        for (change, file) in changed.iter().filter(|(change, _)| change.change != Change::Deleted) {
            let path = change.path.as_str();
            let parsed = match file {
                DataFile::Info => self.info(path),
                DataFile::Org => self.files.org(self.commit).map(drop),
                DataFile::Cycle(cycle) => self.files.cycle(self.commit, cycle).map(drop),
                DataFile::Personal { cycle, kind: PersonalKind::Goals, person } => {
                    self.files.goals(self.commit, cycle, person).map(drop)
                }
                DataFile::Personal { cycle, kind: PersonalKind::Feedback, person } => {
                    self.files.feedback(self.commit, cycle, person).map(drop)
                }
                DataFile::Personal { cycle, kind: PersonalKind::Meetings, person } => {
                    self.files.meetings(self.commit, cycle, person).map(drop)
                }
                DataFile::Personal { cycle, kind: PersonalKind::Calibration, person } => {
                    self.files.calibration(self.commit, cycle, person).map(drop)
                }
                DataFile::HrCycle { cycle, name: ENGAGEMENT_FILE } => {
                    self.files.engagement(self.commit, cycle).map(drop)
                }
                _ if path.ends_with(".toml") => self.files.parse::<toml::Table>(self.commit, path).map(drop),
                _ => Ok(()),
            };
            match parsed {
                Ok(()) => {}
                Err(TreeError::Parse { path, location, message }) => {
                    self.reasons.push(Reason::Parse { path, location, message })
                }
                Err(other) => return Err(other.into()),
            }
        }
        Ok(())
    }

    /// pdca.toml parses and its current cycle exists.
    fn info(&mut self, path: &str) -> Result<(), TreeError> {
        let Some(info) = self.files.parse::<DataSetInfo>(self.commit, path)? else { return Ok(()) };
        if self.files.cycle(self.commit, &info.current_cycle)?.is_none() {
            self.reasons.push(Reason::UnknownCurrentCycle { cycle: info.current_cycle.into() });
        }
        Ok(())
    }

    /// The goals and feedback files the commit changed in one cycle: new ids, the
    /// records' authors, workflow steps and the confirmation lock.
    fn cycle(&mut self, cycle: &str, changed: &[&DataFile]) -> Result<(), VerifyError> {
        let Some(cycle_after) = self.files.cycle(self.commit, cycle)? else {
            self.reasons.push(Reason::MissingCycle { cycle: cycle.to_owned() });
            return Ok(());
        };
        let mut goals = Vec::new();
        let mut feedback = Vec::new();
        for file in changed {
            match file {
                DataFile::Personal { kind: PersonalKind::Goals, person, .. } => {
                    goals.push(self.goals_versions(cycle, person)?);
                }
                DataFile::Personal { kind: PersonalKind::Feedback, person, .. } => {
                    feedback.push(self.feedback_versions(cycle, person)?);
                }
                _ => {}
            }
        }
        let mut touched = BTreeSet::new();
        for file in &goals {
            self.goals_records(file);
            touched.extend(file.after.iter().chain(&file.before).map(|f| f.owner));
        }
        for file in &feedback {
            self.feedback_records(file);
            touched.extend(feedback_changes(file.before.as_ref(), file.after.as_ref()).into_iter().map(|c| c.person));
            // Ability ratings (能力評価) are part of the evaluation a confirmation seals.
            let rated = file.before.iter().chain(&file.after).flat_map(|f| &f.competency).map(|r| r.person);
            let (before, after) = (file.before.as_ref(), file.after.as_ref());
            touched.extend(rated.filter(|person| feedback_about_changed(before, after, person)).collect::<Vec<_>>());
        }
        // The first push is the data set as HR brings it in: there are no steps "taken" in it.
        if self.parent.is_none() {
            return Ok(());
        }
        for person in touched {
            self.sheet(&cycle_after, &person, &goals, &feedback)?;
        }
        Ok(())
    }

    fn goals_versions(&mut self, cycle: &str, person: &str) -> Result<Versions<GoalsFile>, VerifyError> {
        let before = match self.parent {
            Some(parent) => absent_if_broken(self.files.goals(parent, cycle, person))?,
            None => None,
        };
        let after = self.files.goals(self.commit, cycle, person)?;
        let source = Source::Goals { cycle: cycle.into(), person: person.into() };
        Ok(Versions { path: Store::layout_path(&source), before, after })
    }

    fn feedback_versions(&mut self, cycle: &str, reviewer: &str) -> Result<Versions<FeedbackFile>, VerifyError> {
        let before = match self.parent {
            Some(parent) => absent_if_broken(self.files.feedback(parent, cycle, reviewer))?,
            None => None,
        };
        let after = self.files.feedback(self.commit, cycle, reviewer)?;
        let source = Source::Feedback { cycle: cycle.into(), reviewer: reviewer.into() };
        Ok(Versions { path: Store::layout_path(&source), before, after })
    }

    /// New goals and proposals carry the owner's id; proposals go to the owner's reports.
    fn goals_records(&mut self, file: &Versions<GoalsFile>) {
        let Some(after) = &file.after else { return };
        let old = file.before.as_ref();
        let owner = &after.owner;
        let new_goals = after.goals.iter().filter(|g| old.is_none_or(|old| !old.goals.iter().any(|o| o.id == g.id)));
        let new_proposals: Vec<_> =
            after.proposals.iter().filter(|p| old.is_none_or(|old| !old.proposals.contains(p))).collect();
        let ids = new_goals.map(|g| &g.id).chain(new_proposals.iter().filter(|p| is_new(old, p)).map(|p| &p.id));
        for id in ids.filter(|id| !id.starts_with(&format!("{owner}-"))) {
            self.reasons.push(Reason::ForeignId { path: file.path.clone(), id: id.to_string(), owner: *owner });
        }
        for proposal in new_proposals {
            if self.hierarchy.can_propose(owner, &proposal.to).is_err() {
                let to = self.hierarchy.label(&proposal.to);
                self.reasons.push(Reason::ProposalNotYours { path: file.path.clone(), to });
            }
        }
        self.records_kept(&file.path, old.map_or(&[][..], |f| &f.sheet), &after.sheet);
    }

    /// New or changed feedback only on the writer's own reports.
    fn feedback_records(&mut self, file: &Versions<FeedbackFile>) {
        let Some(after) = &file.after else {
            let before = file.before.as_ref().map_or(&[][..], |f| f.sheet.as_slice());
            self.records_kept(&file.path, before, &[]);
            return;
        };
        let old = file.before.as_ref().map_or(&[][..], |f| f.feedback.as_slice());
        let mut denied_for = BTreeSet::new();
        for entry in after.feedback.iter().filter(|entry| !old.contains(entry)) {
            if self.hierarchy.can_write_feedback(&after.reviewer, &entry.person).is_err()
                && denied_for.insert(entry.person)
            {
                let person = self.hierarchy.label(&entry.person);
                self.reasons.push(Reason::FeedbackNotYours { path: file.path.clone(), person });
            }
        }
        self.records_kept(&file.path, file.before.as_ref().map_or(&[][..], |f| &f.sheet), &after.sheet);
    }

    /// Recorded steps stay as they were: the state is replayed from them.
    fn records_kept(&mut self, path: &str, before: &[SheetRecord], after: &[SheetRecord]) {
        if !before.iter().all(|record| after.contains(record)) {
            self.reasons.push(Reason::StepRewritten { path: path.to_owned() });
        }
    }

    /// One person's sheet: each new step valid where it was taken, and nothing of a
    /// confirmed sheet changed without a send-back.
    fn sheet(
        &mut self,
        cycle: &crate::model::Cycle,
        person: &str,
        goals: &[Versions<GoalsFile>],
        feedback: &[Versions<FeedbackFile>],
    ) -> Result<(), VerifyError> {
        let org = self.hierarchy;
        let reviewers: Vec<&str> =
            [org.reviewer_of(person), confirmer_of(org, person)].into_iter().flatten().map(|p| p.id.as_str()).collect();
        let before = match self.parent {
            Some(parent) => self.files.partial_cycle(parent, cycle, &[person], &reviewers)?,
            None => CycleData::empty(cycle.clone()),
        };
        let state_before = sheet_state(org, &before, person).state;
        let own_file = goals.iter().find(|file| file.after.iter().chain(&file.before).any(|f| f.owner == person));
        let mut replay = before.clone();
        let current_goals = match own_file {
            Some(file) => file.after.as_ref().map(|f| f.goals.clone()).unwrap_or_default(),
            None => self.files.goals(self.commit, &cycle.id, person)?.map(|f| f.goals).unwrap_or_default(),
        };
        match replay.goals.iter_mut().find(|file| file.owner == person) {
            Some(file) => file.goals = current_goals,
            None => replay.goals.push(GoalsFile { goals: current_goals, ..GoalsFile::new(person, &cycle.id) }),
        }
        let mut new_records: Vec<(String, bool, SheetRecord)> = Vec::new();
        for file in goals.iter().filter(|file| file.after.as_ref().is_some_and(|f| f.owner == person)) {
            let old = file.before.as_ref().map_or(&[][..], |f| f.sheet.as_slice());
            for record in file.after.iter().flat_map(|f| &f.sheet).filter(|r| !old.contains(r)) {
                new_records.push((file.path.clone(), true, record.clone()));
            }
        }
        for file in feedback {
            let old = file.before.as_ref().map_or(&[][..], |f| f.sheet.as_slice());
            let about = |r: &&SheetRecord| r.person.as_deref() == Some(person) && !old.contains(r);
            for record in file.after.iter().flat_map(|f| &f.sheet).filter(about) {
                new_records.push((file.path.clone(), false, record.clone()));
            }
        }
        new_records.sort_by_key(|(_, _, record)| record.at);
        for (path, in_goals_file, taken) in new_records {
            if !self.step(&mut replay, &path, in_goals_file, person, taken) {
                return Ok(());
            }
        }
        if state_before >= SheetState::Confirmed && sheet_state(org, &replay, person).state >= SheetState::Confirmed {
            self.lock(person, goals, feedback);
        }
        Ok(())
    }

    /// Checks one new step as if taken now; on success records it in `data`.
    fn step(
        &mut self,
        data: &mut CycleData,
        path: &str,
        in_goals_file: bool,
        person: &str,
        taken: SheetRecord,
    ) -> bool {
        let actor = &self.actor.id;
        let label = self.hierarchy.label(person);
        // A step dated ahead would make every later step look earlier than it, and be refused.
        if taken.at.0 > chrono::Utc::now() + chrono::Duration::hours(FUTURE_TOLERANCE_HOURS) {
            self.reasons.push(Reason::StepInFuture { path: path.to_owned(), at: taken.at.to_string() });
            return false;
        }
        let expected = record(self.hierarchy, data, actor, person, taken.step, &taken.comment, taken.at);
        let (source, expected) = match expected {
            Ok(found) => found,
            Err(error) => {
                self.reasons.push(Reason::Workflow { path: path.to_owned(), person: label, error });
                return false;
            }
        };
        let in_right_file = match &source {
            Source::Goals { .. } => in_goals_file,
            _ => !in_goals_file,
        };
        if taken.by != *actor || !in_right_file || taken.person != expected.person {
            self.reasons.push(Reason::StepMisplaced { path: path.to_owned() });
            return false;
        }
        // Both are read whole (from the commit, and made here): a snapshot left on
        // disk is never taken for one that matches.
        let plain = |plan: &Held<Vec<PlannedGoal>>| -> Option<Vec<PlannedGoal>> {
            let plan = plan.get().ok()?;
            Some(plan.iter().map(|goal| PlannedGoal { extra: Default::default(), ..goal.clone() }).collect())
        };
        let taken_plan = plain(&taken.plan);
        if taken_plan.is_none() || taken_plan != plain(&expected.plan) {
            self.reasons.push(Reason::SnapshotMismatch { path: path.to_owned(), person: label });
            return false;
        }
        match source {
            Source::Goals { .. } => {
                let file = data.goals.iter_mut().find(|file| file.owner == person).expect("the person's sheet");
                file.sheet.push(taken);
            }
            _ => match data.feedback.iter_mut().find(|file| file.reviewer == *actor) {
                Some(file) => file.sheet.push(taken),
                None => {
                    data.feedback.push(FeedbackFile { sheet: vec![taken], ..FeedbackFile::new(actor, &data.cycle.id) })
                }
            },
        }
        true
    }

    /// A confirmed sheet: what its confirmation sealed of the goals file, and its feedback, stand.
    fn lock(&mut self, person: &str, goals: &[Versions<GoalsFile>], feedback: &[Versions<FeedbackFile>]) {
        let label = self.hierarchy.label(person);
        for file in goals.iter().filter(|file| file.after.iter().chain(&file.before).any(|f| f.owner == person)) {
            // The app's rule (`policy`), not a list of its own: what the confirmation sealed.
            let sealed = |file: Option<&GoalsFile>| file.map(OwnersPart::of);
            if sealed(file.before.as_ref()) == sealed(file.after.as_ref()) {
                continue;
            }
            let mut fields: Vec<_> = goals_changes(file.before.as_ref(), file.after.as_ref())
                .into_iter()
                .filter(|change| change.field.sealed_by_confirmation())
                .collect();
            if fields.is_empty() {
                // An ability self-rating, which the field history does not itemise.
                let person = person.to_owned();
                fields.push(FieldChange {
                    person: person.into(),
                    goal: None,
                    field: Field::Other,
                    before: None,
                    after: None,
                });
            }
            self.reasons.push(Reason::Confirmed { path: file.path.clone(), person: label.clone(), fields });
        }
        for file in feedback {
            if feedback_about_changed(file.before.as_ref(), file.after.as_ref(), person) {
                self.reasons.push(Reason::ConfirmedFeedback { path: file.path.clone(), person: label.clone() });
            }
        }
    }
}

/// A file that did not parse before the commit counts as absent before it.
fn absent_if_broken<T>(read: Result<Option<T>, TreeError>) -> Result<Option<T>, TreeError> {
    match read {
        Err(TreeError::Parse { .. }) => Ok(None),
        other => other,
    }
}

fn is_new(old: Option<&GoalsFile>, proposal: &crate::model::Proposal) -> bool {
    old.is_none_or(|old| !old.proposals.iter().any(|o| o.id == proposal.id))
}
