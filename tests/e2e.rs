//! End to end: the real `pdca` binary in a real terminal. Each test starts its own
//! tmux server (its own socket, so tests run in parallel and never touch the user's
//! tmux), types into the app as a person would, and checks the screen, the files
//! written and the terminal left behind. The server's socket lives in the test's
//! temporary folder, so nothing is left in tmux's own socket folder afterwards.
//!
//! The acting person is P0020 (須藤 彩花 主事) of the bundled sample, on a day in
//! the Do phase of its 2026 cycle.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use pdca::model::{Goal, GoalsFile};
use tempfile::TempDir;

const ACTOR: &str = "P0020";
const TODAY: &str = "2026-11-20";
/// How long to wait for the screen to show something before failing.
const PATIENCE: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(50);
/// Echoed by the pane's shell once `pdca` has exited and the terminal state is saved.
const DONE: &str = "PDCA-E2E-DONE";
/// The footer of every open form.
const FORM_FOOTER: &str = "Ctrl-S 保存  Esc 取消";

/// A sample data set and an empty config folder.
struct Fixture {
    dir: TempDir,
}

impl Fixture {
    fn new() -> Fixture {
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

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn goals_path(&self) -> PathBuf {
        self.data().join("cycles/2026/goals").join(format!("{ACTOR}.toml"))
    }

    fn goals(&self) -> GoalsFile {
        let path = self.goals_path();
        let text = std::fs::read_to_string(&path).unwrap();
        toml::from_str(&text).unwrap_or_else(|e| panic!("{} does not parse: {e}\n{text}", path.display()))
    }

    fn goal(&self, id: &str) -> Goal {
        self.goals().goals.into_iter().find(|g| g.id == id).unwrap_or_else(|| panic!("no goal {id}"))
    }
}

/// Quotes a string for `sh`.
fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

fn quote_path(path: &Path) -> String {
    quote(path.to_str().expect("temporary paths are UTF-8"))
}

/// `pdca` running in a detached tmux session of its own server.
struct Tmux {
    /// Holds the server's socket, the pane's script and what it records after `pdca` exits.
    dir: TempDir,
}

impl Tmux {
    /// Starts the app on the fixture's data in a `width` × `height` terminal, with
    /// `env` added to its environment. The pane's shell records the exit status and
    /// `stty -a` after the app exits, then stays open so the pane can be inspected.
    fn start(fixture: &Fixture, (width, height): (u16, u16), env: &[(&str, &str)]) -> Tmux {
        require_tmux();
        let dir = tempfile::Builder::new().prefix("pdca-e2e-").tempdir().unwrap();
        let mut script = String::from("unset VISUAL EDITOR\n");
        script += &format!("export PDCA_CONFIG_DIR={}\n", quote_path(&fixture.dir.path().join("config")));
        for (name, value) in env {
            script += &format!("export {name}={}\n", quote(value));
        }
        script += &format!(
            "{} --data-dir {} --lang ja --today {TODAY} --as {ACTOR}\n",
            quote_path(&assert_cmd::cargo::cargo_bin("pdca")),
            quote_path(&fixture.data()),
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
    fn run(&self, args: &[&str]) -> String {
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
    fn send(&self, key: &str) {
        self.run(&["send-keys", "-t", "e2e", key]);
    }

    /// Types text as it is (Japanese included).
    fn send_literal(&self, text: &str) {
        self.run(&["send-keys", "-t", "e2e", "-l", text]);
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "e2e"])
    }

    /// Waits until the screen shows `text`; returns the screen.
    fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("the screen to show {text:?}"), |screen| screen.contains(text))
    }

    /// Waits until `ready` holds for the screen; returns the screen.
    fn wait_until(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
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
    fn wait_for_save(&self) -> String {
        self.wait_until("the form to close with 保存しました", |s| {
            s.contains("保存しました") && !s.contains(FORM_FOOTER)
        })
    }

    /// Waits for `pdca` to exit; returns its exit status.
    fn wait_for_exit(&self) -> i32 {
        self.wait_for(DONE);
        let text = std::fs::read_to_string(self.dir.path().join("exit")).unwrap();
        let code = text.trim().strip_prefix("EXIT:").unwrap_or_else(|| panic!("odd exit file: {text:?}"));
        code.parse().unwrap()
    }

    /// Whether the pane is on the alternate screen.
    fn alternate_on(&self) -> bool {
        self.run(&["display", "-p", "-t", "e2e", "#{alternate_on}"]).trim() == "1"
    }

    /// `stty -a` as run in the pane after `pdca` exited.
    fn stty_after_exit(&self) -> String {
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
fn stty_has(stty: &str, setting: &str) -> bool {
    stty.split(|c: char| c.is_whitespace() || c == ';').any(|word| word == setting)
}

/// Starts the app in a 100 × 30 terminal and goes to the My goals tab (its first
/// goal selected, the Plan pane in front).
fn start_in_my_goals(fixture: &Fixture, env: &[(&str, &str)]) -> Tmux {
    let tmux = Tmux::start(fixture, (100, 30), env);
    tmux.wait_for("須藤 彩花 主事");
    tmux.send("2");
    // The tab's summary line, under the list of goals.
    tmux.wait_for("目標 2 件  ウェイト合計 100%");
    tmux
}

/// In My goals, with the first goal selected: writes a self-check comment and saves.
fn write_self_check(tmux: &Tmux, comment: &str) {
    tmux.send("c");
    tmux.wait_for("自己評価 — RPA導入効果の測定と報告");
    tmux.send("Tab");
    tmux.send_literal(comment);
    tmux.wait_for(comment);
    tmux.send("C-s");
    tmux.wait_for_save();
}

/// In My goals, with the first goal selected: adds an action item and saves.
fn add_action_item(tmux: &Tmux, issue: &str, measure: &str) {
    tmux.send("a");
    tmux.wait_for("改善項目 — RPA導入効果の測定と報告");
    tmux.send_literal(issue);
    tmux.send("Tab");
    tmux.send_literal(measure);
    tmux.wait_for(measure);
    tmux.send("C-s");
    tmux.wait_for_save();
}

const COMMENT: &str = "11業務すべてで効果測定を終え、上半期分を報告した。";
const ISSUE: &str = "課ごとに報告様式が異なり、集計に時間がかかる";
const MEASURE: &str = "報告様式を統一し、入力用の表を配布する";

#[test]
fn employee_writes_a_self_check_and_an_action_item_in_japanese() {
    let fixture = Fixture::new();
    let tmux = start_in_my_goals(&fixture, &[]);

    write_self_check(&tmux, COMMENT);
    add_action_item(&tmux, ISSUE, MEASURE);
    tmux.send("q");

    assert_eq!(tmux.wait_for_exit(), 0);
    let goal = fixture.goal("P0020-2026-1");
    let check = goal.check.as_ref().expect("the self-check was saved");
    assert_eq!(check.comment, COMMENT);
    assert_eq!(check.date.map(|d| d.to_string()).as_deref(), Some(TODAY));
    let item = goal.actions.last().expect("the action item was saved");
    assert_eq!((item.issue.as_str(), item.measure.as_str(), item.done), (ISSUE, MEASURE, false));
    // The other goal is untouched.
    let other = fixture.goal("P0020-2026-2");
    assert!(other.check.is_none() && other.actions.is_empty(), "{other:?}");

    assert!(!tmux.alternate_on(), "the alternate screen is still on after exit");
    let stty = tmux.stty_after_exit();
    assert!(stty_has(&stty, "icanon") && stty_has(&stty, "echo"), "the terminal was left in raw mode:\n{stty}");
}

#[test]
fn unsaved_text_is_not_lost_silently() {
    let fixture = Fixture::new();
    let before = std::fs::read_to_string(fixture.goals_path()).unwrap();
    let tmux = start_in_my_goals(&fixture, &[]);
    tmux.send("c");
    tmux.wait_for("自己評価 — RPA導入効果の測定と報告");
    tmux.send("Tab");
    tmux.send_literal("まだ途中");
    // In a form, q is text, not quit.
    tmux.send("q");
    tmux.wait_for("まだ途中q");

    tmux.send("Escape");
    tmux.wait_for("破棄しますか");
    tmux.send("n");
    let screen = tmux.wait_until("the discard question to close", |s| !s.contains("破棄しますか"));
    assert!(screen.contains(FORM_FOOTER) && screen.contains("まだ途中q"), "the form and its text are gone:\n{screen}");

    tmux.send("C-c");
    tmux.wait_for("破棄して終了しますか");
    tmux.send("C-c");
    assert_eq!(tmux.wait_for_exit(), 0);
    assert_eq!(std::fs::read_to_string(fixture.goals_path()).unwrap(), before, "the goals file changed");
    assert!(!tmux.alternate_on(), "the alternate screen is still on after exit");
}

#[test]
fn external_editor_edits_the_plan() {
    let fixture = Fixture::new();
    let editor = fixture.dir.path().join("editor.sh");
    std::fs::write(&editor, "#!/bin/sh\nprintf '\\n外部エディタで追記\\n' >> \"$1\"\n").unwrap();
    let editor_command = format!("sh {}", quote_path(&editor));
    let original_plan = fixture.goal("P0020-2026-2").plan;
    let tmux = start_in_my_goals(&fixture, &[("EDITOR", &editor_command)]);
    // The second goal has a plan already; the editor appends to it.
    tmux.send("j");
    tmux.wait_for("1月から事例の取材を始める");
    tmux.send("E");
    let screen = tmux.wait_for("保存しました");
    assert!(screen.contains("自分の目標"), "the app is not back on screen:\n{screen}");
    assert!(screen.contains("外部エディタで追記"), "the plan pane does not show the new line:\n{screen}");
    assert_eq!(fixture.goal("P0020-2026-2").plan, format!("{original_plan}\n外部エディタで追記"));
    assert!(tmux.alternate_on(), "the app should be back on the alternate screen");

    tmux.send("q");
    assert_eq!(tmux.wait_for_exit(), 0);
    assert!(!tmux.alternate_on(), "the alternate screen is still on after exit");
}

#[test]
fn the_next_start_shows_what_was_saved() {
    let fixture = Fixture::new();
    {
        let tmux = start_in_my_goals(&fixture, &[]);
        write_self_check(&tmux, COMMENT);
        add_action_item(&tmux, ISSUE, MEASURE);
        tmux.send("q");
        assert_eq!(tmux.wait_for_exit(), 0);
    }

    let tmux = start_in_my_goals(&fixture, &[]);
    // Plan → Do → Check.
    tmux.send("l");
    tmux.send("l");
    let screen = tmux.wait_for(COMMENT);
    assert!(screen.contains("自己評価: B"), "the Check pane does not show the level:\n{screen}");
    // → Action.
    tmux.send("l");
    let screen = tmux.wait_for(&format!("対策: {MEASURE}"));
    assert!(screen.contains(&format!("[ ] {ISSUE}")), "the Action pane does not show the open item:\n{screen}");
    tmux.send("q");
    assert_eq!(tmux.wait_for_exit(), 0);
}
