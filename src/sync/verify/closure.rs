//! Validation of what a commit changed, without reading the whole data set: the
//! changed files and the files they refer to (or that refer to what they removed) are
//! validated before and after the commit, and only the errors the commit brought in
//! count, so a push is never refused for someone else's old mistake.
//!
//! Goal and proposal ids begin with their owner's person id (`P0011-2026-3`,
//! `P0003-2026-4-a`: the program makes them so, and verify refuses new ones that do
//! not), so the file that defines an id is found without a search. Only ids that do not
//! follow this, and ids a commit removes (anyone's goal may link to them), are searched
//! for with `git grep` in the cycle's folders.

use crate::model::hash::HashMap;
use std::collections::{BTreeMap, BTreeSet};

use super::{Reason, VerifyError};
use crate::model::file_policy::{DataFile, FileChange, PersonalKind};
use crate::model::validate::{validate_competency, validate_cycle, validate_org};
use crate::model::{
    Cycle, CycleData, DataSetInfo, FeedbackFile, GoalId, GoalsFile, Hierarchy, Problem, Severity, Source,
};
use crate::store::{CYCLES_DIR, ENGAGEMENT_FILE, FEEDBACK_DIR, GOALS_DIR, Store};
use crate::sync::git::Git;
use crate::sync::tree::{CommitFiles, TreeError};

/// The validation errors `commit` brings in, as reasons to refuse it.
pub fn new_problems(
    git: &Git,
    files: &mut CommitFiles,
    parent: Option<&str>,
    commit: &str,
    changed: &[(&FileChange, DataFile)],
    org_changed: bool,
) -> Result<Vec<Reason>, VerifyError> {
    let org_after = files.org(commit)?;
    let org_before = match parent {
        Some(parent) => files.org(parent).unwrap_or_default(),
        None => Default::default(),
    };
    let mut problems = Vec::new();
    if org_changed {
        problems.extend(added_errors(validate_org(&org_before), validate_org(&org_after)));
    }
    let mut cycles: BTreeMap<String, Touched> = BTreeMap::new();
    for (_, file) in changed {
        match file {
            DataFile::Cycle(cycle) => {
                cycles.entry(cycle.to_string()).or_default();
            }
            DataFile::Personal { cycle, kind: PersonalKind::Goals, person } => {
                cycles.entry(cycle.to_string()).or_default().goals.insert(person.to_string());
            }
            DataFile::Personal { cycle, kind: PersonalKind::Feedback, person } => {
                cycles.entry(cycle.to_string()).or_default().feedback.insert(person.to_string());
            }
            DataFile::Personal { cycle, kind: PersonalKind::Meetings, person } => {
                cycles.entry(cycle.to_string()).or_default().meetings.insert(person.to_string());
            }
            DataFile::Personal { cycle, kind: PersonalKind::Calibration, person } => {
                cycles.entry(cycle.to_string()).or_default().calibration.insert(person.to_string());
            }
            DataFile::HrCycle { cycle, name: ENGAGEMENT_FILE } => {
                cycles.entry(cycle.to_string()).or_default().engagement = true;
            }
            _ => {}
        }
    }
    let removed_people: Vec<crate::model::PersonId> = if org_changed {
        let now: BTreeSet<&str> = org_after.people.iter().map(|p| p.id.as_str()).collect();
        org_before.people.iter().filter(|p| !now.contains(p.id.as_str())).map(|p| p.id).collect()
    } else {
        Vec::new()
    };
    if !removed_people.is_empty() {
        for cycle in cycle_ids(git, commit)? {
            cycles.entry(cycle).or_default().search.extend(removed_people.iter().map(|id| id.to_string()));
        }
    }
    let owners_after = Hierarchy::new(&org_after);
    for (cycle, mut touched) in cycles {
        let Some(cycle_after) = files.cycle(commit, &cycle)? else { continue };
        let cycle_before = match parent {
            Some(parent) => files.cycle(parent, &cycle).ok().flatten().unwrap_or_else(|| cycle_after.clone()),
            None => cycle_after.clone(),
        };
        let before = Sides { parent, commit };
        touched.widen(files, &owners_after, &before, &cycle)?;
        let search: Vec<String> = touched.search.iter().cloned().collect();
        for path in search_files(git, commit, &cycle, &search)? {
            touched.add(&path);
        }
        let data_before = match parent {
            Some(parent) => read_data(files, parent, &cycle_before, &touched)?,
            None => CycleData::empty(cycle_after.clone()),
        };
        let data_after = read_data(files, commit, &cycle_after, &touched)?;
        let none = HashMap::default();
        problems.extend(added_errors(
            validate_cycle(&org_before, &data_before, &none),
            validate_cycle(&org_after, &data_after, &none),
        ));
        if !touched.calibration.is_empty() {
            // The adjustments answer to the rules `pdca check` and the app's policy apply.
            let info = Store::layout_path(&Source::Info);
            let mut formula = |commit| {
                let info = files.parse::<DataSetInfo>(commit, &info).ok().flatten();
                info.map(|info| info.score_formula()).unwrap_or_default()
            };
            let formula_before = parent.map(&mut formula).unwrap_or_default();
            let formula_after = formula(commit);
            problems.extend(added_errors(
                validate_competency(&org_before, &data_before, &formula_before),
                validate_competency(&org_after, &data_after, &formula_after),
            ));
        }
    }
    Ok(problems
        .into_iter()
        .map(|problem| Reason::Invalid { path: Store::layout_path(&problem.source), problem })
        .collect())
}

fn added_errors(before: Vec<Problem>, after: Vec<Problem>) -> Vec<Problem> {
    after.into_iter().filter(|p| p.severity() == Severity::Error && !before.contains(p)).collect()
}

/// The parent (if any) and the commit.
struct Sides<'a> {
    parent: Option<&'a str>,
    commit: &'a str,
}

/// The files of one cycle to validate, and ids to search for.
#[derive(Default)]
struct Touched {
    goals: BTreeSet<String>,
    feedback: BTreeSet<String>,
    /// Writers of 1on1 notes.
    meetings: BTreeSet<String>,
    engagement: bool,
    /// Writers of calibration files.
    calibration: BTreeSet<String>,
    search: BTreeSet<String>,
}

impl Touched {
    fn add(&mut self, path: &str) {
        match DataFile::parse(path) {
            Some(DataFile::Personal { kind: PersonalKind::Goals, person, .. }) => {
                self.goals.insert(person.into());
            }
            Some(DataFile::Personal { kind: PersonalKind::Feedback, person, .. }) => {
                self.feedback.insert(person.into());
            }
            _ => {}
        }
    }

    /// Adds the files that define what the changed files refer to, and marks for a
    /// search the ids nobody's namespace holds and the ids the commit removed.
    fn widen(
        &mut self,
        files: &mut CommitFiles,
        org: &Hierarchy<'_>,
        sides: &Sides<'_>,
        cycle: &str,
    ) -> Result<(), VerifyError> {
        let mut referred = BTreeSet::new();
        let mut defined_before = BTreeSet::new();
        let mut defined_after = BTreeSet::new();
        let commits: Vec<(&str, bool)> =
            sides.parent.map(|parent| (parent, false)).into_iter().chain([(sides.commit, true)]).collect();
        for (commit, after) in commits {
            let defined = if after { &mut defined_after } else { &mut defined_before };
            for person in &self.goals {
                if let Some(file) = quietly(files.goals(commit, cycle, person))? {
                    goals_ids(&file, defined, &mut referred);
                }
            }
            for reviewer in &self.feedback {
                if let Some(file) = quietly(files.feedback(commit, cycle, reviewer))? {
                    referred.extend(file.feedback.iter().filter_map(|entry| entry.goal.clone()));
                }
            }
            for writer in &self.meetings {
                if let Some(file) = quietly(files.meetings(commit, cycle, writer))? {
                    let actions = file.meetings.iter().flat_map(|meeting| &meeting.texts.actions);
                    referred.extend(actions.filter_map(|action| action.goal.clone()));
                }
            }
        }
        for id in referred.iter().chain(&defined_after) {
            match owner_of(org, id) {
                Some(owner) => {
                    self.goals.insert(owner.into());
                }
                None => {
                    self.search.insert(id.to_string());
                }
            }
        }
        self.search.extend(defined_before.difference(&defined_after).map(GoalId::to_string));
        Ok(())
    }
}

/// Ids a goals file defines (goals, proposals) and refers to (parents, adopted and
/// declined proposals).
fn goals_ids(file: &GoalsFile, defined: &mut BTreeSet<GoalId>, referred: &mut BTreeSet<GoalId>) {
    for goal in &file.goals {
        defined.insert(goal.id.clone());
        referred.extend(goal.parent.iter().chain(&goal.proposal).cloned());
    }
    for proposal in &file.proposals {
        defined.insert(proposal.id.clone());
        referred.insert(proposal.parent.clone());
    }
    referred.extend(file.declined.iter().map(|decline| decline.proposal.clone()));
}

/// The person whose id, followed by a hyphen, begins `id` (the longest such id).
fn owner_of(org: &Hierarchy<'_>, id: &str) -> Option<crate::model::PersonId> {
    id.char_indices().rev().filter(|(_, c)| *c == '-').find_map(|(at, _)| org.person(&id[..at])).map(|person| person.id)
}

/// A file that does not parse is left out (its own commit reported it, or it was
/// broken before and is not this commit's doing).
fn quietly<T>(read: Result<Option<T>, TreeError>) -> Result<Option<T>, VerifyError> {
    match read {
        Ok(value) => Ok(value),
        Err(TreeError::Parse { .. }) => Ok(None),
        Err(other) => Err(other.into()),
    }
}

fn read_data(
    files: &mut CommitFiles,
    commit: &str,
    cycle: &Cycle,
    touched: &Touched,
) -> Result<CycleData, VerifyError> {
    let mut data = CycleData::empty(cycle.clone());
    for person in &touched.goals {
        data.goals.extend(quietly(files.goals(commit, &cycle.id, person))?);
    }
    for reviewer in &touched.feedback {
        data.feedback.extend(quietly::<FeedbackFile>(files.feedback(commit, &cycle.id, reviewer))?);
    }
    for writer in &touched.meetings {
        data.instruments.meetings.extend(quietly(files.meetings(commit, &cycle.id, writer))?);
    }
    for calibrator in &touched.calibration {
        data.calibration.extend(quietly(files.calibration(commit, &cycle.id, calibrator))?);
    }
    if touched.engagement {
        data.instruments.engagement = quietly(files.engagement(commit, &cycle.id))?;
        data.instruments.questions = files.questions(commit).unwrap_or_default();
    }
    Ok(data)
}

/// Goals and feedback files of the cycle at `commit` that contain any of `ids`.
fn search_files(git: &Git, commit: &str, cycle: &str, ids: &[String]) -> Result<Vec<String>, VerifyError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut args: Vec<String> = vec!["grep".into(), "-l".into(), "-z".into(), "-F".into()];
    for id in ids {
        args.extend(["-e".into(), id.clone()]);
    }
    args.extend([commit.to_owned(), "--".into()]);
    args.extend([GOALS_DIR, FEEDBACK_DIR].map(|folder| Store::layout_folder(cycle, folder)));
    let output = git.output(&args)?;
    // Status 1 is "nothing found".
    let text = String::from_utf8_lossy(&output.stdout);
    Ok(text
        .split('\0')
        .filter_map(|hit| hit.strip_prefix(commit).and_then(|rest| rest.strip_prefix(':')))
        .map(str::to_owned)
        .collect())
}

/// The cycles of the data set at `commit`.
fn cycle_ids(git: &Git, commit: &str) -> Result<Vec<String>, VerifyError> {
    let text = git.run(&["ls-tree", "-z", "--name-only", &format!("{commit}:{CYCLES_DIR}")]).unwrap_or_default();
    Ok(text.split('\0').filter(|name| !name.is_empty()).map(str::to_owned).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Org;
    use crate::model::permissions::tests::person;

    #[test]
    fn an_id_belongs_to_the_longest_person_id_it_begins_with() {
        let org = Org {
            people: vec![person("P1", "一", "主事", "u", None), person("P1-2026", "二", "主事", "u", None)],
            ..Org::default()
        };
        let org = Hierarchy::new(&org);
        assert_eq!(owner_of(&org, "P1-2026-3").as_deref(), Some("P1-2026"));
        assert_eq!(owner_of(&org, "P1-2026").as_deref(), Some("P1"), "P1-2026 itself would need a hyphen after it");
        assert_eq!(owner_of(&org, "P1-1-b").as_deref(), Some("P1"));
        assert_eq!(owner_of(&org, "P2-2026-1"), None);
        assert_eq!(owner_of(&org, "P1"), None, "an id without a hyphen has no owner");
    }
}
