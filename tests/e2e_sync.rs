//! End to end, the data set changing under the running app: another process saving a
//! file (a shared folder), and the app's sync key against a local bare repository.
//! The real binary runs in a pseudo-terminal (harness in `tests/common`), as P0020
//! (須藤 彩花 主事) of the bundled sample.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::pty::Pty;
use common::{FORM_FOOTER, Fixture};
use pdca::model::GoalsFile;

const ACTOR: &str = "P0020";
/// The form's half-typed text.
const HALF_TYPED: &str = "上半期の効果測定まで終えた";
/// The second goal's title, as someone else changes it on disk.
const NEW_TITLE: &str = "業務改善事例集の作成（改訂版）";
/// F5, the sync key, as a terminal sends it.
const F5: &str = "\x1b[15~";

fn goals(path: &Path) -> GoalsFile {
    toml::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// Changes a goals file as another program would: a whole new file put in place.
fn retitle_second_goal(path: &Path) {
    let mut file = goals(path);
    file.goals[1].title = NEW_TITLE.to_owned();
    let temporary = path.with_extension("other-program");
    fs::write(&temporary, toml::to_string_pretty(&file).unwrap()).unwrap();
    fs::rename(&temporary, path).unwrap();
}

/// Starts the app and waits for its first screen.
fn start(fixture: &Fixture, env: &[(&str, &str)]) -> Pty {
    let pty = Pty::start(fixture, ACTOR, (120, 30), env);
    pty.wait_for("須藤 彩花 主事");
    pty
}

/// Goes to My goals and opens the self-check of the first goal with some text typed
/// into its comment.
fn type_half_a_self_check(pty: &Pty) {
    pty.send("2");
    pty.wait_for("目標 2 件  ウェイト合計 100%");
    pty.send("c");
    pty.wait_for("自己評価: RPA導入効果の測定と報告");
    pty.send("Tab");
    pty.send_literal(HALF_TYPED);
    pty.wait_for(HALF_TYPED);
}

#[test]
fn a_file_changed_on_disk_is_reloaded_and_the_half_typed_form_keeps_its_text() {
    let fixture = Fixture::new();
    let pty = start(&fixture, &[]);
    type_half_a_self_check(&pty);

    retitle_second_goal(&fixture.goals_path(ACTOR));
    let screen = pty.wait_for("入力中の内容はそのままです");
    assert!(screen.contains("cycles/2026/goals/P0020.toml"), "the status does not name the file:\n{screen}");
    assert!(screen.contains(FORM_FOOTER) && screen.contains(HALF_TYPED), "the form or its text is gone:\n{screen}");

    // Saving applies the form to the file as it is now: neither change is lost.
    pty.send("C-s");
    let screen = pty.wait_for_save();
    assert!(screen.contains(NEW_TITLE), "the list does not show the new title:\n{screen}");
    let file = goals(&fixture.goals_path(ACTOR));
    assert_eq!(file.goals[1].title, NEW_TITLE);
    assert_eq!(file.goals[0].check.as_ref().map(|check| check.comment.get().unwrap().as_str()), Some(HALF_TYPED));
    pty.send("q");
    assert_eq!(pty.wait_for_exit(), 0);
}

#[test]
fn a_change_by_someone_else_is_shown_without_a_form_open() {
    let fixture = Fixture::new();
    let pty = start(&fixture, &[]);
    pty.send("2");
    pty.wait_for("目標 2 件  ウェイト合計 100%");
    retitle_second_goal(&fixture.goals_path(ACTOR));
    let screen = pty.wait_for(NEW_TITLE);
    assert!(screen.contains("cycles/2026/goals/P0020.toml を読み込み直しました"), "no word of the reload:\n{screen}");
    pty.send("q");
    assert_eq!(pty.wait_for_exit(), 0);
}

/// A server repository holding the sample, the actor's clone (the app's data set) and
/// a colleague's; git's config and HOME in the test's own folder.
struct Office {
    fixture: Fixture,
}

impl Office {
    fn new() -> Office {
        let fixture = Fixture { dir: tempfile::tempdir().unwrap() };
        fs::create_dir_all(fixture.config()).unwrap();
        fs::create_dir_all(fixture.dir.path().join("home")).unwrap();
        fs::write(office_path(&fixture, "gitconfig"), "[user]\n\tname = test\n\temail = test@pdca.invalid\n").unwrap();
        let office = Office { fixture };
        let seed = office.path("seed");
        office.pdca(&seed, None, &["init", "--sample", "--git"]);
        office.git(&office.path(""), &["clone", "--quiet", "--bare", "seed", "origin.git"]);
        office.git(&office.path(""), &["clone", "--quiet", "origin.git", "data"]);
        office.git(&office.path(""), &["clone", "--quiet", "origin.git", "colleague"]);
        office
    }

    fn path(&self, relative: &str) -> PathBuf {
        office_path(&self.fixture, relative)
    }

    /// The environment every program of the test runs with (the app included).
    fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("HOME", self.path("home").display().to_string()),
            ("GIT_CONFIG_GLOBAL", self.path("gitconfig").display().to_string()),
            ("GIT_CONFIG_NOSYSTEM", "1".to_owned()),
        ]
    }

    fn run(&self, mut command: Command) -> String {
        command.envs(self.env()).env_remove("PDCA_DATA_DIR").env("PDCA_CONFIG_DIR", self.fixture.config());
        let output = command.output().unwrap();
        let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
        assert!(output.status.success(), "{command:?}: {}{}", text(&output.stdout), text(&output.stderr));
        text(&output.stdout)
    }

    fn git(&self, dir: &Path, args: &[&str]) -> String {
        let mut command = Command::new("git");
        command.arg("-C").arg(dir).args(args);
        self.run(command)
    }

    fn pdca(&self, data: &Path, actor: Option<&str>, args: &[&str]) -> String {
        let mut command = Command::new(assert_cmd::cargo::cargo_bin("pdca"));
        command.arg("--data-dir").arg(data).args(["--lang", "ja", "--today", common::TODAY]);
        if let Some(actor) = actor {
            command.args(["--as", actor]);
        }
        command.args(args);
        self.run(command)
    }

    /// The subjects of the server's commits, newest first.
    fn server_log(&self) -> String {
        self.git(&self.path("origin.git"), &["log", "--format=%s"])
    }
}

fn office_path(fixture: &Fixture, relative: &str) -> PathBuf {
    fixture.dir.path().join(relative)
}

/// The first row of the screen: the top bar.
fn top_bar(screen: &str) -> &str {
    screen.lines().next().unwrap_or_default()
}

#[test]
fn the_sync_key_sends_what_was_saved_brings_in_what_others_sent_and_waits_when_offline() {
    let office = Office::new();
    // 佐々木 隆 (P0003) changes his goals and syncs from his own clone.
    let colleague = office.path("colleague");
    retitle_second_goal(&colleague.join("cycles/2026/goals/P0003.toml"));
    office.pdca(&colleague, Some("P0003"), &["sync"]);

    let env = office.env();
    let env: Vec<(&str, &str)> = env.iter().map(|(name, value)| (*name, value.as_str())).collect();
    let pty = start(&office.fixture, &env);
    pty.wait_until("the top bar to show the sync state", |s| top_bar(s).contains("同期済み (F5 で同期)"));
    type_half_a_self_check(&pty);
    pty.send("C-s");
    pty.wait_for_save();
    pty.wait_until("one file to push", |s| top_bar(s).contains("送信待ち 1・受信待ち 0"));

    pty.send_literal(F5);
    let screen = pty.wait_until("the sync's report and the top bar up to date", |s| {
        s.contains("サーバーへ送信しました (1 ファイル)") && top_bar(s).contains("同期済み")
    });
    // 佐々木 is not in 須藤's chain: that someone's goals changed, but not whose.
    assert!(screen.contains("1 人が目標を更新しました"), "nothing came in:\n{screen}");
    assert!(office.server_log().lines().next().unwrap_or_default().contains("P0020"), "{}", office.server_log());
    assert_eq!(goals(&office.path("data/cycles/2026/goals/P0003.toml")).goals[1].title, NEW_TITLE);

    // Offline: the server is gone; the change waits, and work goes on.
    fs::rename(office.path("origin.git"), office.path("away.git")).unwrap();
    pty.send("a");
    pty.wait_for("改善項目: RPA導入効果の測定と報告");
    pty.send_literal("様式を統一する");
    pty.send("C-s");
    pty.wait_for_save();
    pty.send_literal(F5);
    pty.wait_until("the top bar to say offline", |s| top_bar(s).contains("オフライン (送信待ち 1)"));
    // Back online, the next sync sends it.
    fs::rename(office.path("away.git"), office.path("origin.git")).unwrap();
    pty.send_literal(F5);
    pty.wait_until("the waiting change to be sent", |s| {
        s.contains("サーバーへ送信しました (1 ファイル)") && top_bar(s).contains("同期済み")
    });
    let sent = office.git(&office.path("origin.git"), &["show", "HEAD:cycles/2026/goals/P0020.toml"]);
    assert!(sent.contains("様式を統一する"), "the server does not have the offline change:\n{sent}");
    pty.send("q");
    assert_eq!(pty.wait_for_exit(), 0);
}

#[test]
fn with_sync_every_the_app_syncs_by_itself_and_says_what_came_in() {
    let office = Office::new();
    fs::write(office.fixture.config().join("config.toml"), "sync_every = \"10s\"\n").unwrap();
    let env = office.env();
    let env: Vec<(&str, &str)> = env.iter().map(|(name, value)| (*name, value.as_str())).collect();
    let pty = start(&office.fixture, &env);
    pty.wait_until("the top bar to show the sync state", |s| top_bar(s).contains("同期済み"));

    let colleague = office.path("colleague");
    retitle_second_goal(&colleague.join("cycles/2026/goals/P0003.toml"));
    office.pdca(&colleague, Some("P0003"), &["sync"]);
    // No key pressed: within the interval the app fetches, and says what came in.
    let screen = pty.wait_for("1 人が目標を更新しました");
    assert!(screen.contains("最新の状態です"), "the interval's sync did not end up to date:\n{screen}");
    assert_eq!(goals(&office.path("data/cycles/2026/goals/P0003.toml")).goals[1].title, NEW_TITLE);
    pty.send("q");
    assert_eq!(pty.wait_for_exit(), 0);
}
