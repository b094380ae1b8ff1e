//! One sync: commit one's own files, fetch, put one's commits on top, push.

use std::collections::BTreeSet;
use std::path::Path;

use super::git::{Git, GitError};
use super::incoming::{Incoming, incoming};
use super::local::{Identity, commit, commit_message, commit_own, field_changes_since, local_changes};
use super::state::{self, LastSync};
use super::{CONFLICT_BRANCH_PREFIX, CONFLICTS_DIR, Outcome, SyncError, SyncOptions, SyncReport, SyncState, work_tree};
use crate::messages::Lang;
use crate::model::file_policy::{Change, DataFile, FileChange, check_writes};
use crate::model::{Hierarchy, Org, Person};
use crate::store::{Store, atomic};

/// How often a sync fetches again when others pushed between its fetch and its push.
const PUSH_ATTEMPTS: usize = 5;

/// The sync state as of the last fetch, without the network: for the app's top bar.
pub fn status(root: &Path, org: &Hierarchy<'_>, actor: &str) -> Result<SyncState, SyncError> {
    let git = work_tree(root, false)?;
    let last = state::load(&git).unwrap_or_default();
    let local = local_changes(&git, org, actor)?;
    let mut ahead: BTreeSet<String> = local.own.iter().map(|(change, _)| change.path.clone()).collect();
    let head = git.resolve("HEAD")?;
    let Some(upstream) = git.resolve("@{u}")? else {
        return Ok(SyncState::LocalOnly { ahead: ahead.len() });
    };
    let mut behind = 0;
    if let Some(head) = &head {
        let base = merge_base(&git, head, &upstream)?;
        ahead.extend(git.changed_paths(Some(&base), head)?.into_iter().map(|(_, path)| path));
        behind = git.run(&["rev-list", "--count", &format!("{head}..{upstream}")])?.trim().parse().unwrap_or(0);
    }
    let ahead = ahead.len();
    let unchanged = head.as_deref() == Some(last.head.as_str());
    Ok(match last.outcome.as_str() {
        "conflict" if unchanged => {
            SyncState::Conflict { files: last.files.clone(), saved: last.saved_path(), branch: last.branch.clone() }
        }
        "refused" if ahead > 0 => SyncState::Refused { ahead, message: last.message },
        "offline" if ahead > 0 => SyncState::Offline { ahead },
        _ if ahead == 0 && behind == 0 => SyncState::UpToDate,
        _ => SyncState::Pending { ahead, behind },
    })
}

/// A whole sync for `actor`, whose organisation is `org` (as in the work tree).
pub fn run(root: &Path, org: &Org, actor: &Person, options: SyncOptions) -> Result<SyncReport, SyncError> {
    let git = work_tree(root, options.interactive)?;
    refuse_unfinished(&git)?;
    let branch = git.run(&["symbolic-ref", "--short", "-q", "HEAD"]).map_err(|_| SyncError::Detached)?;
    let branch = branch.trim();
    let hierarchy = Hierarchy::new(org);
    let local = local_changes(&git, &hierarchy, &actor.id)?;
    let changed_foreign: Vec<String> =
        local.foreign.iter().filter(|f| f.tracked).map(|f| f.change.path.clone()).collect();
    if !changed_foreign.is_empty() {
        return Err(SyncError::OthersChanged(changed_foreign));
    }
    let new_foreign: Vec<String> = local.foreign.iter().map(|f| f.change.path.clone()).collect();
    let store = Store::new(root);
    let committed = commit_own(&git, &store, actor, &local.own, options.lang)?;
    let mut report = SyncReport {
        committed,
        not_sent: local.foreign.into_iter().map(|f| (f.change.path, f.reason)).collect(),
        outcome: Outcome::LocalOnly,
        incoming: Incoming::default(),
    };
    let Some((remote, merge_ref)) = upstream_of(&git, branch)? else {
        return finish(&git, report);
    };
    let mut first_base = None;
    for _ in 0..PUSH_ATTEMPTS {
        if let Err(reason) = fetch(&git, &remote)? {
            report.outcome = Outcome::Offline { reason };
            return finish(&git, report);
        }
        let ours = git.resolve("HEAD")?;
        let theirs = git.resolve("@{u}")?;
        let (ours, theirs) = match (ours, theirs) {
            (Some(ours), Some(theirs)) => (ours, theirs),
            // Nothing here yet (a clone of a repository that was empty): take what is there.
            (None, Some(theirs)) => {
                git.run(&["merge", "--ff-only", "--quiet", &theirs])?;
                return finish(&git, SyncReport { outcome: Outcome::Done { sent: 0 }, ..report });
            }
            // Nothing on the server's branch yet: everything here goes.
            (Some(ours), None) => match push(&git, &remote, &merge_ref)? {
                Pushed::Behind => continue,
                pushed => return finish(&git, pushed.into_report(report, git.changed_paths(None, &ours)?.len())),
            },
            (None, None) => return finish(&git, SyncReport { outcome: Outcome::Done { sent: 0 }, ..report }),
        };
        let base = merge_base(&git, &ours, &theirs)?;
        let first = first_base.get_or_insert_with(|| base.clone()).clone();
        let mine = if base == ours { BTreeSet::new() } else { paths(&git, &base, &ours)? };
        let coming = if base == theirs { Vec::new() } else { git.changed_paths(Some(&base), &theirs)? };
        let in_the_way: Vec<String> =
            coming.iter().map(|(_, path)| path).filter(|path| new_foreign.contains(*path)).cloned().collect();
        if !in_the_way.is_empty() {
            return Err(SyncError::InTheWay(in_the_way));
        }
        let arrived = if first == base { coming.clone() } else { git.changed_paths(Some(&first), &theirs)? };
        report.incoming = incoming(&git, &first, &theirs, &arrived, org, &actor.id)?;
        let both: Vec<String> =
            coming.iter().map(|(_, path)| path).filter(|path| mine.contains(*path)).cloned().collect();
        if !both.is_empty() {
            report.outcome = keep_both(&git, root, &ours, &theirs, both, &mine)?;
            return finish(&git, report);
        }
        integrate(&git, &store, actor, &base, &ours, &theirs, options.lang)?;
        if git.resolve("HEAD")?.as_deref() == Some(theirs.as_str()) {
            report.outcome = Outcome::Done { sent: 0 };
            return finish(&git, report);
        }
        match push(&git, &remote, &merge_ref)? {
            Pushed::Behind => continue,
            pushed => return finish(&git, pushed.into_report(report, mine.len())),
        }
    }
    report.outcome = Outcome::Busy;
    finish(&git, report)
}
fn finish(git: &Git, report: SyncReport) -> Result<SyncReport, SyncError> {
    state::save(git, &LastSync::of(&report.outcome, git.resolve("HEAD")?))?;
    Ok(report)
}

fn refuse_unfinished(git: &Git) -> Result<(), SyncError> {
    let git_dir = git.run(&["rev-parse", "--absolute-git-dir"])?;
    let git_dir = Path::new(git_dir.trim());
    for (marker, operation) in [
        ("rebase-merge", "rebase"),
        ("rebase-apply", "rebase"),
        ("MERGE_HEAD", "merge"),
        ("CHERRY_PICK_HEAD", "cherry-pick"),
    ] {
        if git_dir.join(marker).exists() {
            return Err(SyncError::Unfinished(operation));
        }
    }
    Ok(())
}

/// The branch's remote and the remote branch it tracks, if it has one.
fn upstream_of(git: &Git, branch: &str) -> Result<Option<(String, String)>, GitError> {
    let remote = git.config(&format!("branch.{branch}.remote"))?;
    let merge = git.config(&format!("branch.{branch}.merge"))?;
    Ok(remote.zip(merge).filter(|(remote, _)| remote != "."))
}

/// Fetches from the remote; `Err(reason)` (not an error) when it cannot be reached.
fn fetch(git: &Git, remote: &str) -> Result<Result<(), String>, GitError> {
    let output = git.output(&["fetch", "--quiet", "--no-tags", remote])?;
    if output.status.success() { Ok(Ok(())) } else { Ok(Err(last_line(&output.stderr))) }
}

fn last_line(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    text.lines().rev().find(|line| !line.trim().is_empty()).unwrap_or_default().trim().to_owned()
}

fn merge_base(git: &Git, a: &str, b: &str) -> Result<String, SyncError> {
    let output = git.output(&["merge-base", a, b])?;
    if !output.status.success() {
        return Err(SyncError::Unrelated);
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

fn paths(git: &Git, from: &str, to: &str) -> Result<BTreeSet<String>, GitError> {
    Ok(git.changed_paths(Some(from), to)?.into_iter().map(|(_, path)| path).collect())
}

/// Puts one's own commits on top of `theirs`: a fast-forward when there are none, else a
/// rebase (their files and ours never overlap here, so it cannot conflict), and the
/// commits not yet on the server squashed into one, so that a change undone before it
/// was sent (say, after the server refused it) is never sent at all.
fn integrate(
    git: &Git,
    store: &Store,
    actor: &Person,
    base: &str,
    ours: &str,
    theirs: &str,
    lang: Lang,
) -> Result<(), SyncError> {
    if ours == base {
        if base != theirs {
            git.run(&["merge", "--ff-only", "--quiet", theirs])?;
        }
        return Ok(());
    }
    if base != theirs {
        let rebased = git.output(&["-c", "rebase.autoStash=false", "rebase", "--quiet", "--no-autosquash", theirs])?;
        if !rebased.status.success() {
            let _ = git.output(&["rebase", "--abort"]);
            return Err(GitError::Failed {
                command: format!("rebase {theirs}"),
                stderr: String::from_utf8_lossy(&rebased.stderr).trim().to_owned(),
            }
            .into());
        }
    }
    let count: usize = git.run(&["rev-list", "--count", &format!("{theirs}..HEAD")])?.trim().parse().unwrap_or(0);
    if count > 0 && git.succeeds(&["diff", "--quiet", theirs, "HEAD"])? {
        // Everything done here was undone again: nothing to send.
        git.run(&["reset", "--soft", "--quiet", theirs])?;
    } else if count > 1 {
        let changes: Vec<FileChange> = git
            .changed_paths(Some(theirs), "HEAD")?
            .into_iter()
            .map(|(status, path)| FileChange { path, change: change_of(status) })
            .collect();
        let org = super::tree::CommitFiles::new(git)?.org("HEAD")?;
        let hierarchy = Hierarchy::new(&org);
        let files: Vec<(FileChange, DataFile)> = changes
            .iter()
            .zip(check_writes(&hierarchy, &actor.id, &changes))
            .filter_map(|(change, file)| Some((change.clone(), file.ok()?)))
            .collect();
        let fields = field_changes_since(git, store, theirs, &files)?;
        let kinds: Vec<&DataFile> = files.iter().map(|(_, file)| file).collect();
        let message = commit_message(actor, &kinds, &fields, lang);
        git.run(&["reset", "--soft", "--quiet", theirs])?;
        commit(git, &Identity::of(actor), &message)?;
    }
    Ok(())
}

pub fn change_of(status: char) -> Change {
    match status {
        'A' => Change::Added,
        'D' => Change::Deleted,
        _ => Change::Modified,
    }
}

/// The same files changed here and on another machine: keep the server's version in the
/// work tree, copy this machine's beside the data set and keep its commits on a branch,
/// then put back this machine's other changes, uncommitted, for the next sync.
fn keep_both(
    git: &Git,
    root: &Path,
    ours: &str,
    theirs: &str,
    conflicts: Vec<String>,
    mine: &BTreeSet<String>,
) -> Result<Outcome, SyncError> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
    let (branch, stamp) = (1..)
        .map(|n| if n == 1 { stamp.clone() } else { format!("{stamp}-{n}") })
        .map(|stamp| (format!("{CONFLICT_BRANCH_PREFIX}{stamp}"), stamp))
        .find(|(branch, _)| git.resolve(&format!("refs/heads/{branch}")).ok().flatten().is_none())
        .expect("some name is free");
    git.run(&["branch", &branch, ours])?;
    let saved = root.join(CONFLICTS_DIR).join(&stamp);
    let store = crate::store::Store::new(root);
    let mut blobs = git.blobs()?;
    for path in &conflicts {
        if let Some(blob) = blobs.read(ours, path)? {
            // A folder of the work tree can be a link another commit brought in.
            let target = store.confined(&Path::new(CONFLICTS_DIR).join(&stamp).join(path))?;
            atomic::write_atomically(&target, &blob.bytes)
                .map_err(|source| crate::store::StoreError::Io { path: target.clone(), source })?;
        }
    }
    git.run(&["reset", "--hard", "--quiet", theirs])?;
    for path in mine.iter().filter(|path| !conflicts.contains(path)) {
        if blobs.read(ours, path)?.is_some() {
            git.run(&["checkout", ours, "--", path])?;
        } else {
            git.run(&["rm", "--quiet", "--ignore-unmatch", "--", path])?;
        }
    }
    git.run(&["reset", "--quiet"])?;
    Ok(Outcome::Conflict { files: conflicts, saved, branch })
}

enum Pushed {
    Yes,
    /// Others pushed first: fetch and try again.
    Behind,
    /// Refused by the server (its hook); what it said.
    Refused(String),
    Unreachable(String),
}

impl Pushed {
    /// The report's outcome once the push is done with (`sent` files went, if it went).
    fn into_report(self, report: SyncReport, sent: usize) -> SyncReport {
        let outcome = match self {
            // git moves the remote-tracking branch itself, so the state reads "up to date".
            Pushed::Yes => Outcome::Done { sent },
            Pushed::Behind => Outcome::Busy,
            Pushed::Refused(message) => Outcome::Refused { message },
            Pushed::Unreachable(reason) => Outcome::Offline { reason },
        };
        SyncReport { outcome, ..report }
    }
}

fn push(git: &Git, remote: &str, merge_ref: &str) -> Result<Pushed, GitError> {
    let output = git.output(&["push", "--porcelain", remote, &format!("HEAD:{merge_ref}")])?;
    if output.status.success() {
        return Ok(Pushed::Yes);
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let Some(result) = stdout.lines().find(|line| line.starts_with('!')) else {
        return Ok(Pushed::Unreachable(last_line(&output.stderr)));
    };
    if result.contains("[rejected]") {
        return Ok(Pushed::Behind);
    }
    let said: Vec<&str> = stderr
        .lines()
        .filter_map(|line| line.strip_prefix("remote:"))
        .map(str::trim_end)
        .map(|line| line.strip_prefix(' ').unwrap_or(line))
        .filter(|line| !line.trim().is_empty())
        .collect();
    let summary = result.rsplit('\t').next().unwrap_or(result).to_owned();
    Ok(Pushed::Refused(if said.is_empty() { summary } else { said.join("\n") }))
}
