//! What changed on this machine, whose it is, and the commit of one's own changes.

use std::collections::BTreeSet;

use super::CONFLICTS_DIR;
use super::SyncError;
use super::git::{Git, GitError};
use super::tree::CommitFiles;
use crate::messages::Lang;
use crate::messages::sync::{self as text, Text};
use crate::model::file_policy::{Change, DataFile, FileChange, PersonalKind, WriteRefused, check_writes};
use crate::model::history::{FieldChange, feedback_changes, goals_changes};
use crate::model::{FeedbackFile, GoalsFile, Hierarchy, Person, Source};
use crate::store::EXPORTS_DIR;
use crate::store::Store;

/// The files changed in the work tree (against the last commit), sorted by whose they are.
#[derive(Debug, Default)]
pub struct LocalChanges {
    /// The actor's own files: these are committed and sent.
    pub own: Vec<(FileChange, DataFile)>,
    /// Files that are not the actor's, with the reason; never sent.
    pub foreign: Vec<Foreign>,
}

#[derive(Debug)]
pub struct Foreign {
    pub change: FileChange,
    pub reason: WriteRefused,
    /// Whether git already knows the file (a change to it, not a new file).
    pub tracked: bool,
}

/// The changes in the work tree, judged by the file rule for `actor`.
pub fn local_changes(git: &Git, org: &Hierarchy<'_>, actor: &str) -> Result<LocalChanges, GitError> {
    let text = git.run(&["status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames"])?;
    let mut changes = Vec::new();
    let mut tracked = Vec::new();
    for entry in text.split('\0').filter(|entry| entry.len() > 3) {
        let (status, path) = entry.split_at(3);
        // Copies of one's own files kept after a conflict are not data; they stay here.
        // Nor are HR's exports written from the app: they stay on this machine.
        if path.starts_with(&format!("{CONFLICTS_DIR}/")) || path.starts_with(&format!("{EXPORTS_DIR}/")) {
            continue;
        }
        let change = match status.trim() {
            "??" => Change::Added,
            code if code.contains('D') => Change::Deleted,
            code if code.contains('A') => Change::Added,
            _ => Change::Modified,
        };
        tracked.push(status != "?? ");
        changes.push(FileChange { path: path.to_owned(), change });
    }
    let mut local = LocalChanges::default();
    for ((change, verdict), tracked) in changes.iter().zip(check_writes(org, actor, &changes)).zip(tracked) {
        match verdict {
            Ok(file) => local.own.push((change.clone(), file)),
            Err(reason) => local.foreign.push(Foreign { change: change.clone(), reason, tracked }),
        }
    }
    Ok(local)
}

/// Commits the actor's own changed files with a message naming what changed; returns
/// their paths. Nothing else is staged: other files were refused before.
pub fn commit_own(
    git: &Git,
    store: &Store,
    actor: &Person,
    own: &[(FileChange, DataFile)],
    lang: Lang,
) -> Result<Vec<String>, SyncError> {
    if own.is_empty() {
        return Ok(Vec::new());
    }
    let paths: Vec<String> = own.iter().map(|(change, _)| change.path.clone()).collect();
    let mut input = paths.join("\0").into_bytes();
    input.push(0);
    git.run_with_input(&["add", "-A", "--pathspec-from-file=-", "--pathspec-file-nul"], &input)?;
    let has_head = git.resolve("HEAD")?.is_some();
    let fields = if has_head { field_changes_since(git, store, "HEAD", own)? } else { Vec::new() };
    let files: Vec<&DataFile> = own.iter().map(|(_, file)| file).collect();
    let message = commit_message(actor, &files, &fields, lang);
    commit(git, &Identity::of(actor), &message)?;
    Ok(paths)
}

/// Who a commit is by when git has no identity configured.
pub struct Identity {
    pub name: String,
    pub email: String,
}

impl Identity {
    /// The person's name, and their `email` from org.toml if it has one, else an
    /// address made of their login (or id) that says it is no real address.
    pub fn of(person: &Person) -> Identity {
        let email = match person.extra.get("email").and_then(|value| value.as_str()) {
            Some(email) => email.to_owned(),
            None => format!("{}@pdca.invalid", person.login.as_deref().unwrap_or(&person.id)),
        };
        Identity { name: person.name.clone(), email }
    }
}

/// Commits what is staged, as `identity` when git has none configured.
pub fn commit(git: &Git, identity: &Identity, message: &str) -> Result<(), SyncError> {
    let mut args: Vec<String> = Vec::new();
    if git.config("user.name")?.is_none() || git.config("user.email")?.is_none() {
        args.extend([
            "-c".into(),
            format!("user.name={}", identity.name),
            "-c".into(),
            format!("user.email={}", identity.email),
        ]);
    }
    args.extend(["commit", "--quiet", "--no-verify", "-F", "-"].map(String::from));
    git.run_with_input(&args, message.as_bytes())?;
    Ok(())
}

/// The field-level changes of the goals and feedback files among `own`, from commit
/// `base` to the work tree.
pub fn field_changes_since(
    git: &Git,
    store: &Store,
    base: &str,
    own: &[(FileChange, DataFile)],
) -> Result<Vec<FieldChange>, SyncError> {
    let mut files = CommitFiles::new(git)?;
    let mut changes = Vec::new();
    for (change, file) in own {
        let DataFile::Personal { cycle, kind, person } = file else { continue };
        let gone = change.change == Change::Deleted;
        match kind {
            PersonalKind::Goals => {
                let before: Option<GoalsFile> = files.parse(base, &change.path)?;
                let source = Source::Goals { cycle: cycle.clone(), person: *person };
                let after: Option<GoalsFile> = if gone { None } else { store.read_file(&source)? };
                changes.extend(goals_changes(before.as_ref(), after.as_ref()));
            }
            PersonalKind::Feedback => {
                let before: Option<FeedbackFile> = files.parse(base, &change.path)?;
                let source = Source::Feedback { cycle: cycle.clone(), reviewer: *person };
                let after: Option<FeedbackFile> = if gone { None } else { store.read_file(&source)? };
                changes.extend(feedback_changes(before.as_ref(), after.as_ref()));
            }
            PersonalKind::Meetings | PersonalKind::Calibration => {}
        }
    }
    Ok(changes)
}

/// "鳴海 翔 (P0011): 目標 2026" and one line per changed field below.
pub fn commit_message(actor: &Person, files: &[&DataFile], fields: &[FieldChange], lang: Lang) -> String {
    let kinds: BTreeSet<String> = files.iter().map(|file| Text::FileKind(file).render(lang)).collect();
    let kinds: Vec<String> = kinds.into_iter().collect();
    let mut message = format!("{} ({}): {}\n", actor.name, actor.id, kinds.join(", "));
    if !fields.is_empty() {
        message.push('\n');
    }
    for change in fields.iter().take(MESSAGE_LINES) {
        message.push_str(&text::field_change_line(change, lang));
        message.push('\n');
    }
    if fields.len() > MESSAGE_LINES {
        message.push_str(&Text::More(fields.len() - MESSAGE_LINES).render(lang));
        message.push('\n');
    }
    message
}

/// Field lines in one commit message at most; the history has the rest.
const MESSAGE_LINES: usize = 40;
