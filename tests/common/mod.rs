//! The end-to-end harness shared by `tests/e2e*.rs`: a bundled-sample data set in a
//! temporary folder, and the real `pdca` binary running in a pseudo-terminal of its
//! own ([`pty::Pty`]), so tests run in parallel and need nothing installed.
//!
//! Every run is on a day in the Do phase of the sample's 2026 cycle, in Japanese,
//! with an empty config folder.

pub mod pty;
pub mod screen;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use pdca::model::{Date, FeedbackFile, Goal, GoalsFile};
use pdca::store::Store;
use pdca::workspace::Workspace;
use tempfile::TempDir;

pub const TODAY: &str = "2026-11-20";
/// How long to wait for the screen to show something, or for the app to exit, before
/// failing: generous, for a debug build on a busy machine.
pub const PATIENCE: Duration = Duration::from_secs(20);
const POLL: Duration = Duration::from_millis(50);
/// The footer of every open form.
pub const FORM_FOOTER: &str = "Ctrl-S 保存  Esc 取消";

/// A sample data set and an empty config folder.
pub struct Fixture {
    pub dir: TempDir,
}

impl Fixture {
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("config")).unwrap();
        let output = Command::new(assert_cmd::cargo::cargo_bin("pdca"))
            .arg("--data-dir")
            .arg(dir.path().join("data"))
            .args(["init", "--sample"])
            .output()
            .unwrap();
        assert!(output.status.success(), "pdca init --sample failed: {output:?}");
        Fixture { dir }
    }

    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn config(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    pub fn goals_path(&self, owner: &str) -> PathBuf {
        self.data().join("cycles/2026/goals").join(format!("{owner}.toml"))
    }

    pub fn feedback_path(&self, reviewer: &str) -> PathBuf {
        self.data().join("cycles/2026/feedback").join(format!("{reviewer}.toml"))
    }

    pub fn goals(&self, owner: &str) -> GoalsFile {
        parse(&self.goals_path(owner))
    }

    pub fn feedback(&self, reviewer: &str) -> FeedbackFile {
        parse(&self.feedback_path(reviewer))
    }

    pub fn goal(&self, owner: &str, id: &str) -> Goal {
        self.goals(owner).goals.into_iter().find(|g| g.id == id).unwrap_or_else(|| panic!("no goal {id}"))
    }

    /// Runs a `pdca` command (not the app) on the data set, in Japanese, on [`TODAY`],
    /// with the empty config folder; panics unless it succeeds; returns its stdout.
    pub fn pdca(&self, args: &[&str]) -> String {
        let output = Command::new(assert_cmd::cargo::cargo_bin("pdca"))
            .arg("--data-dir")
            .arg(self.data())
            .args(["--lang", "ja", "--today", TODAY])
            .args(args)
            .env("PDCA_CONFIG_DIR", self.config())
            .env("PDCA_CACHE_DIR", self.config().with_extension("cache"))
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "pdca {args:?} failed: {}\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("pdca prints UTF-8")
    }
}

fn parse<T: serde::de::DeserializeOwned>(path: &Path) -> T {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{} does not parse: {e}\n{text}", path.display()))
}

/// Quotes a string for `sh`.
pub fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

pub fn quote_path(path: &Path) -> String {
    quote(path.to_str().expect("temporary paths are UTF-8"))
}

/// The real `pdca` for one-shot commands on `data`: no data folder from the
/// environment, a config folder of its own (empty), and the C locale.
pub fn pdca_cli(data: &Path) -> assert_cmd::Command {
    let mut command = assert_cmd::Command::cargo_bin("pdca").unwrap();
    command
        .arg("--data-dir")
        .arg(data)
        .env_remove("PDCA_DATA_DIR")
        .env("PDCA_CONFIG_DIR", data.with_extension("config"))
        // The parse cache of a test stays with the test's data set.
        .env("PDCA_CACHE_DIR", data.with_extension("cache"))
        .env("LANG", "C");
    command
}

/// The bundled sample in a temporary folder (its current cycle is 2026).
pub fn sample_data() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    pdca::store::Store::new(&data).init_sample().unwrap();
    (dir, data)
}

/// [`TODAY`] as a date: the day in-process tests run on.
pub fn today() -> Date {
    Date(TODAY.parse().unwrap())
}

/// The data set at `data` opened as `actor` on [`today`].
pub fn workspace(data: &Path, actor: &str) -> Workspace {
    Workspace::open(Store::new(data), None, actor.into(), today()).unwrap()
}

/// Replaces the first `from` in the file at `path` with `to`; panics when there is none.
pub fn replace_in(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The name the test harness knows a test by: its path inside this test binary,
/// for running one test of it again in a child process (`--exact`).
pub fn test_name(module_path: &str, function: &str) -> String {
    let module = module_path.split_once("::").map_or("", |(_, module)| module);
    if module.is_empty() { function.to_owned() } else { format!("{module}::{function}") }
}

/// Every `.toml` file under `root`.
pub fn toml_files(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}
