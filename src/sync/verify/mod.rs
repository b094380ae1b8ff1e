//! `pdca verify`: what a git server's pre-receive hook runs to refuse a push that the
//! pusher may not make. It reads the pushed commits from git (no work tree), one commit
//! at a time against its parent, and looks only at what each commit changed.
//!
//! **Authority comes from before the push.** The pusher is the person whose `login` in
//! the *parent* commit's org.toml is the server's authenticated user name; their rights
//! (hr role, whose reviewer they are) are read from that org.toml too. Someone who makes
//! themselves HR in org.toml in the same push gains nothing: the push is judged by the
//! organisation as it stood, and without the hr role org.toml is not theirs to change.
//! Only the very first push to an empty repository has no "before": then the pusher
//! must hold the hr role in the org.toml they push.
//!
//! The branch's history is the audit trail, so it only grows: deleting a branch,
//! rewriting history (a push that is not a fast-forward), new branches or tags in a
//! repository that has one, and merge commits are refused.

mod closure;
mod commit;

use crate::messages::Lang;
use crate::model::hash::HashMap;

use super::git::{Git, GitError};
use super::tree::{CommitFiles, TreeError};
use crate::model::file_policy::WriteRefused;
use crate::model::history::FieldChange;
use crate::model::{Location, PersonId, Problem, WorkflowError};

/// One line of a pre-receive hook's input: `<old> <new> <ref>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefUpdate {
    pub old: String,
    pub new: String,
    pub name: String,
}

impl RefUpdate {
    /// The hook's standard input, one update a line.
    pub fn parse_lines(text: &str) -> Vec<RefUpdate> {
        text.lines()
            .filter_map(|line| {
                let mut fields = line.split_whitespace();
                let (old, new, name) = (fields.next()?, fields.next()?, fields.next()?);
                Some(RefUpdate { old: old.to_owned(), new: new.to_owned(), name: name.to_owned() })
            })
            .collect()
    }
}

/// git's name for "no commit" (a ref created or deleted): all zeros.
fn is_zero(id: &str) -> bool {
    id.bytes().all(|byte| byte == b'0')
}

/// Why a push is refused; `commit` is the commit concerned ("abc1234 subject"), if one.
#[derive(Clone, Debug, PartialEq)]
pub struct Refusal {
    pub commit: Option<String>,
    pub reason: Reason,
}

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Reason {
    #[error("{name}: deleting a branch or tag is not allowed")]
    Delete { name: String },
    #[error("{name}: only the data set's branch can be pushed, no new branches or tags")]
    NewRef { name: String },
    #[error("{name}: the history cannot be rewritten (this push is not a fast-forward; sync first)")]
    NotFastForward { name: String },
    #[error("merge commits are not accepted; `pdca sync` puts your commits on top instead")]
    Merge,
    #[error("no person in org.toml (before this push) has login `{login}`")]
    UnknownLogin { login: String },
    #[error("more than one person in org.toml (before this push) has login `{login}`; HR must correct it first")]
    SharedLogin { login: String },
    #[error("the first push to an empty repository must be made by someone with the hr role in its org.toml")]
    FirstPushNotHr,
    #[error("{path}: a link or submodule where a file should be")]
    NotAFile { path: String },
    #[error(transparent)]
    Write(#[from] WriteRefused),
    #[error("{path}:{location}: {message}")]
    Parse { path: String, location: Location, message: String },
    #[error("cycles/{cycle}/cycle.toml is missing")]
    MissingCycle { cycle: String },
    #[error("pdca.toml names current cycle `{cycle}`, which has no cycle.toml")]
    UnknownCurrentCycle { cycle: String },
    #[error("{path}: new goal or proposal `{id}` must have an id that begins with `{owner}-`")]
    ForeignId { path: String, id: String, owner: PersonId },
    #[error("{path}: a proposal to {to}, who is not a direct report of the file's writer")]
    ProposalNotYours { path: String, to: String },
    #[error("{path}: feedback on {person}; only {person}'s reviewer writes it")]
    FeedbackNotYours { path: String, person: String },
    #[error("{path}: the sheet of {person}: {}", crate::messages::workflow_error(.error, Lang::En))]
    Workflow { path: String, person: String, error: WorkflowError },
    #[error("{path}: recorded workflow steps cannot be changed or removed")]
    StepRewritten { path: String },
    #[error("{path}: a workflow step must be recorded by the file's writer, in the file the step belongs in")]
    StepMisplaced { path: String },
    #[error("{path}: a workflow step dated {at} is in the future; check the computer's clock")]
    StepInFuture { path: String, at: String },
    #[error("{path}: the approval of {person}'s sheet must carry the plan as it is on the sheet")]
    SnapshotMismatch { path: String, person: String },
    #[error(
        "{path}: the sheet of {person} is confirmed; it cannot change ({}) until it is sent back",
        .fields.iter().map(|change| change.field.key()).collect::<Vec<_>>().join(", ")
    )]
    Confirmed { path: String, person: String, fields: Vec<FieldChange> },
    #[error("{path}: the sheet of {person} is confirmed; its feedback stands until the sheet is sent back")]
    ConfirmedFeedback { path: String, person: String },
    #[error("{path}: {problem}", problem = problem_text(.problem))]
    Invalid { path: String, problem: Problem },
}

fn problem_text(problem: &Problem) -> String {
    match &problem.subject {
        Some(subject) => format!("{subject}: {}", crate::messages::problem(&problem.kind, Lang::En)),
        None => crate::messages::problem(&problem.kind, Lang::En),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    #[error(transparent)]
    Git(#[from] GitError),
    #[error(transparent)]
    Tree(#[from] TreeError),
}

/// Every reason to refuse `updates` pushed by the server user `login`; empty to accept.
pub fn verify(git: &Git, login: &str, updates: &[RefUpdate]) -> Result<Vec<Refusal>, VerifyError> {
    let empty_repository = git.run(&["for-each-ref", "--count=1", "--format=%(refname)"])?.trim().is_empty();
    let mut files = CommitFiles::new(git)?;
    let mut refusals = Vec::new();
    let refuse = |reason| Refusal { commit: None, reason };
    for update in updates {
        let name = update.name.clone();
        let range = if is_zero(&update.new) {
            refusals.push(refuse(Reason::Delete { name }));
            continue;
        } else if is_zero(&update.old) {
            if !empty_repository || updates.len() > 1 {
                refusals.push(refuse(Reason::NewRef { name }));
                continue;
            }
            update.new.clone()
        } else if !git.succeeds(&["merge-base", "--is-ancestor", &update.old, &update.new])? {
            refusals.push(refuse(Reason::NotFastForward { name }));
            continue;
        } else {
            format!("{}..{}", update.old, update.new)
        };
        let listing = git.run(&["rev-list", "--reverse", "--topo-order", "--parents", &range])?;
        let mut subjects = HashMap::default();
        for line in listing.lines() {
            let ids: Vec<&str> = line.split(' ').collect();
            let (id, parents) = (ids[0], &ids[1..]);
            let label = subjects
                .entry(id.to_owned())
                .or_insert_with(|| git.run(&["log", "-1", "--format=%h %s", id]).unwrap_or_default().trim().to_owned())
                .clone();
            let reasons = if parents.len() > 1 {
                vec![Reason::Merge]
            } else {
                commit::verify_commit(git, &mut files, login, parents.first().copied(), id)?
            };
            refusals.extend(reasons.into_iter().map(|reason| Refusal { commit: Some(label.clone()), reason }));
        }
    }
    Ok(refusals)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hooks_input_is_one_update_a_line() {
        let zero = "0".repeat(40);
        let input = format!("{zero} abc123 refs/heads/main\nabc123 {zero} refs/tags/v1\n\nbroken line\n");
        let updates = RefUpdate::parse_lines(&input);
        assert_eq!(updates.len(), 2);
        assert_eq!((is_zero(&updates[0].old), is_zero(&updates[0].new)), (true, false));
        assert_eq!(updates[1], RefUpdate { old: "abc123".into(), new: zero, name: "refs/tags/v1".into() });
    }
}
