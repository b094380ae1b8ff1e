//! The end-to-end harness shared by `tests/e2e*.rs`: a bundled-sample data set in a
//! temporary folder, and the real `pdca` binary running in a tmux server of its own
//! (its own socket, so tests run in parallel and never touch the user's tmux). The
//! server's socket lives in a temporary folder, so nothing is left in tmux's own
//! socket folder afterwards.
//!
//! Every run is on a day in the Do phase of the sample's 2026 cycle, in Japanese,
//! with an empty config folder.

// Each test crate that includes this module uses only part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use pdca::model::{FeedbackFile, Goal, GoalsFile};
use tempfile::TempDir;

pub const TODAY: &str = "2026-11-20";
/// How long to wait for the screen to show something before failing.
pub const PATIENCE: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(50);
/// Echoed by the pane's shell once `pdca` has exited and the terminal state is saved.
const DONE: &str = "PDCA-E2E-DONE";
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

/// `pdca` running in a detached tmux session of its own server.
pub struct Tmux {
    /// Holds the server's socket, the pane's script and what it records after `pdca` exits.
    dir: TempDir,
}

impl Tmux {
    /// Starts the app as `actor` on the fixture's data in a `width` × `height`
    /// terminal, with `env` added to its environment. The pane's shell records the
    /// exit status and `stty -a` after the app exits, then stays open so the pane can
    /// be inspected.
    pub fn start(fixture: &Fixture, actor: &str, (width, height): (u16, u16), env: &[(&str, &str)]) -> Tmux {
        require_tmux();
        let dir = tempfile::Builder::new().prefix("pdca-e2e-").tempdir().unwrap();
        let mut script = String::from("unset VISUAL EDITOR\n");
        script += &format!("export PDCA_CONFIG_DIR={}\n", quote_path(&fixture.config()));
        for (name, value) in env {
            script += &format!("export {name}={}\n", quote(value));
        }
        script += &format!(
            "{} --data-dir {} --lang ja --today {TODAY} --as {}\n",
            quote_path(&assert_cmd::cargo::cargo_bin("pdca")),
            quote_path(&fixture.data()),
            quote(actor),
        );
        script += &format!("echo \"EXIT:$?\" > {}\n", quote_path(&dir.path().join("exit")));
        script += &format!("stty -a > {}\n", quote_path(&dir.path().join("stty")));
        script += &format!("echo {DONE}\nexec sleep 3600\n");
        let script_path = dir.path().join("run.sh");
        std::fs::write(&script_path, script).unwrap();

        let tmux = Tmux { dir };
        let (width, height) = (width.to_string(), height.to_string());
        let command = format!("sh {}", quote_path(&script_path));
        tmux.run(&["new-session", "-d", "-s", "e2e", "-x", &width, "-y", &height, &command]);
        tmux
    }

    /// Runs a tmux command against this test's server; panics when it fails.
    pub fn run(&self, args: &[&str]) -> String {
        let output = self.command(args);
        assert!(output.status.success(), "tmux {args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).expect("tmux prints UTF-8")
    }

    fn command(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            // -u: UTF-8 whatever the locale; -f /dev/null: not the user's ~/.tmux.conf.
            .args(["-u", "-f", "/dev/null", "-S"])
            .arg(self.dir.path().join("tmux.sock"))
            .args(args)
            .env_remove("TMUX")
            .output()
            .expect("run tmux")
    }

    /// Sends keys by tmux name: "c", "Tab", "Escape", "C-s".
    pub fn send(&self, key: &str) {
        self.run(&["send-keys", "-t", "e2e", key]);
    }

    /// Types text as it is (Japanese included).
    pub fn send_literal(&self, text: &str) {
        self.run(&["send-keys", "-t", "e2e", "-l", text]);
    }

    pub fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "e2e"])
    }

    /// Waits until the screen shows `text`; returns the screen.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("the screen to show {text:?}"), |screen| screen.contains(text))
    }

    /// Waits until `ready` holds for the screen; returns the screen.
    pub fn wait_until(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            if start.elapsed() > PATIENCE {
                panic!("timed out waiting for {what}; the screen shows:\n{screen}");
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits for a form's save to go through: the form closed and the status says so.
    pub fn wait_for_save(&self) -> String {
        self.wait_until("the form to close with 保存しました", |s| {
            s.contains("保存しました") && !s.contains(FORM_FOOTER)
        })
    }

    /// Waits for `pdca` to exit; returns its exit status.
    pub fn wait_for_exit(&self) -> i32 {
        self.wait_for(DONE);
        let text = std::fs::read_to_string(self.dir.path().join("exit")).unwrap();
        let code = text.trim().strip_prefix("EXIT:").unwrap_or_else(|| panic!("odd exit file: {text:?}"));
        code.parse().unwrap()
    }

    /// Whether the pane is on the alternate screen.
    pub fn alternate_on(&self) -> bool {
        self.run(&["display", "-p", "-t", "e2e", "#{alternate_on}"]).trim() == "1"
    }

    /// `stty -a` as run in the pane after `pdca` exited.
    pub fn stty_after_exit(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("stty")).unwrap()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command(&["kill-server"]);
    }
}

/// Fails, saying what to do, when tmux is not installed.
fn require_tmux() {
    match Command::new("tmux").arg("-V").output() {
        Ok(output) if output.status.success() => {}
        Ok(output) => panic!("`tmux -V` failed ({output:?}); the end-to-end tests need a working tmux"),
        Err(error) => panic!(
            "tmux is not installed ({error}): the end-to-end tests drive pdca inside tmux. \
             Install it, e.g. `apt-get install tmux` or `brew install tmux`."
        ),
    }
}

/// Whether `stty -a` output has the setting on (`echo`, not `-echo`).
pub fn stty_has(stty: &str, setting: &str) -> bool {
    stty.split(|c: char| c.is_whitespace() || c == ';').any(|word| word == setting)
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
