//! Running the `git` command. Everything goes through the user's own git, so their ssh
//! keys, credential helpers, proxies and server settings work as with any git tool.

use crate::model::hash::HashMap;
use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Output, Stdio};

#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("git could not be run ({0}); install git and make sure it is on the PATH")]
    Missing(std::io::Error),
    #[error("`git {command}` failed: {stderr}")]
    Failed { command: String, stderr: String },
    #[error("git gave output this program does not understand: {0}")]
    Unexpected(String),
}

/// git, run in one folder (a work tree, or a bare repository on a server).
#[derive(Clone, Debug)]
pub struct Git {
    dir: PathBuf,
    /// Whether git may ask for a password or passphrase on the terminal.
    prompts: bool,
    /// Without prompts: the ssh command, told never to ask (`None` when the user's
    /// `GIT_SSH_COMMAND` or `GIT_SSH` decides).
    batch_ssh: Option<String>,
}

impl Git {
    pub fn new(dir: impl Into<PathBuf>) -> Git {
        Git { dir: dir.into(), prompts: true, batch_ssh: None }
    }

    /// A git that never waits for an answer on the terminal (for the app, where a
    /// prompt would land in the middle of the screen): credentials must come from a
    /// helper or an ssh agent. The user's own ssh command (`core.sshCommand`) is kept.
    pub fn without_prompts(mut self) -> Git {
        self.prompts = false;
        let users_choice = ["GIT_SSH_COMMAND", "GIT_SSH"].iter().any(|name| std::env::var_os(name).is_some());
        if !users_choice {
            let ssh = self.config("core.sshCommand").ok().flatten().unwrap_or_else(|| "ssh".to_owned());
            self.batch_ssh = Some(format!("{ssh} -o BatchMode=yes"));
        }
        self
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn command<S: AsRef<OsStr>>(&self, args: &[S]) -> Command {
        let mut command = Command::new("git");
        command.arg("-C").arg(&self.dir).args(args);
        // Messages are parsed in a few places (push results); paths never are, they come NUL-separated.
        command.env("LC_ALL", "C").env("LANGUAGE", "C");
        if !self.prompts {
            command.env("GIT_TERMINAL_PROMPT", "0");
        }
        if let Some(ssh) = &self.batch_ssh {
            command.env("GIT_SSH_COMMAND", ssh);
        }
        command
    }

    /// Runs git and gives its output whatever the exit status.
    pub fn output<S: AsRef<OsStr>>(&self, args: &[S]) -> Result<Output, GitError> {
        self.command(args).stdin(Stdio::null()).output().map_err(GitError::Missing)
    }

    /// Runs git and gives its standard output; a failure is an error with git's message.
    pub fn run<S: AsRef<OsStr>>(&self, args: &[S]) -> Result<String, GitError> {
        let output = self.output(args)?;
        checked(args, output).map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
    }

    /// Like [`Git::run`], with `input` on git's standard input.
    pub fn run_with_input<S: AsRef<OsStr>>(&self, args: &[S], input: &[u8]) -> Result<String, GitError> {
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(GitError::Missing)?;
        let mut stdin = child.stdin.take().expect("stdin is piped");
        // A write error means git exited early; its status and message say why.
        let _ = stdin.write_all(input);
        drop(stdin);
        let output = child.wait_with_output().map_err(GitError::Missing)?;
        checked(args, output).map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
    }

    /// Whether git succeeds (for questions such as "is this an ancestor").
    pub fn succeeds<S: AsRef<OsStr>>(&self, args: &[S]) -> Result<bool, GitError> {
        Ok(self.output(args)?.status.success())
    }

    /// A commit's id, or `None` when `rev` names nothing.
    pub fn resolve(&self, rev: &str) -> Result<Option<String>, GitError> {
        let output = self.output(&["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")])?;
        Ok(output.status.success().then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned()))
    }

    /// The value of a configuration key, if set.
    pub fn config(&self, key: &str) -> Result<Option<String>, GitError> {
        let output = self.output(&["config", "--get", key])?;
        Ok(output.status.success().then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned()))
    }

    /// Paths changed between two commits (`None`: from the empty tree), as
    /// `(status letter, path)`; renames are reported as a deletion and an addition.
    pub fn changed_paths(&self, from: Option<&str>, to: &str) -> Result<Vec<(char, String)>, GitError> {
        let mut args = vec!["diff-tree", "-r", "-z", "--no-renames", "--no-commit-id", "--name-status"];
        match from {
            Some(from) => args.push(from),
            None => args.push("--root"),
        }
        args.push(to);
        let text = self.run(&args)?;
        let mut fields = text.split('\0').filter(|field| !field.is_empty());
        let mut changes = Vec::new();
        while let (Some(status), Some(path)) = (fields.next(), fields.next()) {
            changes.push((status.chars().next().unwrap_or('M'), path.to_owned()));
        }
        Ok(changes)
    }

    /// A long-running `git cat-file --batch`, for reading many files of commits quickly.
    pub fn blobs(&self) -> Result<Blobs, GitError> {
        let mut child = self
            .command(&["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(GitError::Missing)?;
        let input = child.stdin.take().expect("stdin is piped");
        let output = BufReader::new(child.stdout.take().expect("stdout is piped"));
        let id_length = if self.run(&["rev-parse", "--show-object-format"])?.trim() == "sha256" { 32 } else { 20 };
        Ok(Blobs { child, input, output, folders: Vec::new(), id_length })
    }
}

fn checked<S: AsRef<OsStr>>(args: &[S], output: Output) -> Result<Vec<u8>, GitError> {
    if output.status.success() {
        return Ok(output.stdout);
    }
    let command: Vec<String> = args.iter().map(|arg| arg.as_ref().to_string_lossy().into_owned()).collect();
    Err(GitError::Failed {
        command: command.join(" "),
        stderr: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
    })
}

/// A file of a commit, as `git cat-file --batch` gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Blob {
    /// The object id, the same for the same content.
    pub id: String,
    pub bytes: Vec<u8>,
}

/// Reads files of commits through one git process. Folders are read once and kept
/// (the last few), so that reading many files of a folder of 20,000 does not make git
/// unpack that folder again for each file.
pub struct Blobs {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
    /// Recently read folders: `<commit>:<folder>` and each entry's name, mode and id.
    folders: Vec<(String, Folder)>,
    /// Bytes of an object id in a tree: 20 (SHA-1) or 32 (SHA-256).
    id_length: usize,
}

/// A folder's entries by name: mode and object id.
type Folder = HashMap<String, (String, String)>;

/// How many folders [`Blobs`] keeps.
const FOLDERS_KEPT: usize = 8;

impl Blobs {
    /// The file at `path` in `commit`, or `None` when it has none there (or has a
    /// folder, a link or a submodule there).
    pub fn read(&mut self, commit: &str, path: &str) -> Result<Option<Blob>, GitError> {
        let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
        let key = format!("{commit}:{folder}");
        let at = match self.folders.iter().position(|(kept, _)| *kept == key) {
            Some(at) => at,
            None => {
                let entries = match self.object(&key)? {
                    Some((_, kind, bytes)) if kind == "tree" => tree_entries(&bytes, self.id_length)?,
                    _ => HashMap::default(),
                };
                if self.folders.len() == FOLDERS_KEPT {
                    self.folders.remove(0);
                }
                self.folders.push((key, entries));
                self.folders.len() - 1
            }
        };
        let Some((mode, id)) = self.folders[at].1.get(name).cloned() else { return Ok(None) };
        if !mode.starts_with("100") {
            return Ok(None);
        }
        Ok(self.object(&id)?.map(|(id, _, bytes)| Blob { id, bytes }))
    }

    /// Any object by name: its id, type and content.
    fn object(&mut self, name: &str) -> Result<Option<(String, String, Vec<u8>)>, GitError> {
        let broken = |error: std::io::Error| GitError::Unexpected(format!("git cat-file: {error}"));
        writeln!(self.input, "{name}").and_then(|()| self.input.flush()).map_err(broken)?;
        let mut header = String::new();
        self.output.read_line(&mut header).map_err(broken)?;
        let fields: Vec<&str> = header.trim_end().split(' ').collect();
        match fields.as_slice() {
            [id, kind, size] if !matches!(*size, "missing" | "ambiguous") => {
                let size: usize = size.parse().map_err(|_| GitError::Unexpected(header.clone()))?;
                let mut bytes = vec![0; size + 1];
                self.output.read_exact(&mut bytes).map_err(broken)?;
                bytes.pop();
                Ok(Some(((*id).to_owned(), (*kind).to_owned(), bytes)))
            }
            [.., "missing" | "ambiguous"] => Ok(None),
            _ => Err(GitError::Unexpected(header)),
        }
    }
}

/// The entries of a tree object (`<mode> <name>` NUL `<id>`, ids of `id_length`
/// bytes): name → (mode, hexadecimal id).
fn tree_entries(bytes: &[u8], id_length: usize) -> Result<Folder, GitError> {
    let mut entries = HashMap::default();
    let mut rest = bytes;
    while !rest.is_empty() {
        let space = rest.iter().position(|&b| b == b' ').unwrap_or(rest.len());
        let nul = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
        let end = nul + 1 + id_length;
        if space >= nul || end > rest.len() {
            return Err(GitError::Unexpected("a tree entry git could not give".into()));
        }
        let mode = String::from_utf8_lossy(&rest[..space]).into_owned();
        let name = String::from_utf8_lossy(&rest[space + 1..nul]).into_owned();
        let id: String = rest[nul + 1..end].iter().map(|byte| format!("{byte:02x}")).collect();
        entries.insert(name, (mode, id));
        rest = &rest[end..];
    }
    Ok(entries)
}

impl Drop for Blobs {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tree_object_is_read_into_its_entries() {
        let mut tree = b"100644 org.toml\0".to_vec();
        tree.extend([0xab; 20]);
        tree.extend(b"40000 cycles\0");
        tree.extend([0x01; 20]);
        let entries = tree_entries(&tree, 20).unwrap();
        assert_eq!(entries["org.toml"], ("100644".to_owned(), "ab".repeat(20)));
        assert_eq!(entries["cycles"].0, "40000");
        assert!(tree_entries(&tree[..tree.len() - 1], 20).is_err(), "a cut entry is an error, not a guess");
    }
}
