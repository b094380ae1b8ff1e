//! End to end: the first run on a fresh machine. No data set and no config: the real
//! binary, with its home, data and config folders pointed at a temporary folder and
//! nothing named on the command line, as `cargo run --release` runs it.

use crate::common;

use std::path::Path;

use common::pty::Pty;
use portable_pty::CommandBuilder;

/// `pdca` with no arguments but the day, as a newcomer with a Japanese locale runs it.
fn fresh_run(home: &Path, size: (u16, u16)) -> Pty {
    let mut command = CommandBuilder::new(assert_cmd::cargo::cargo_bin("pdca"));
    command.args(["--today", common::TODAY]);
    command.cwd(home);
    for name in ["PDCA_DATA_DIR", "PDCA_CONFIG_DIR", "VISUAL", "EDITOR", "LC_ALL", "LC_MESSAGES", "NO_COLOR"] {
        command.env_remove(name);
    }
    command.env("HOME", home);
    command.env("XDG_DATA_HOME", home.join("share"));
    command.env("XDG_CONFIG_HOME", home.join("config"));
    command.env("XDG_STATE_HOME", home.join("state"));
    command.env("LANG", "ja_JP.UTF-8");
    Pty::spawn(command, size)
}

#[test]
fn the_first_run_copies_the_sample_asks_who_you_are_and_remembers_it() {
    let home = tempfile::tempdir().unwrap();
    let pty = fresh_run(home.path(), (80, 24));
    let screen = pty.wait_for("デモ用サンプル: 誰として使いますか?");
    for expected in
        ["職員番号", "試せること", "P0001    工藤 誠一", "部長", "部全体の目標と貢献度", "Enter この人で開く"]
    {
        assert!(screen.contains(expected), "{expected:?} not in:\n{screen}");
    }
    assert!(screen.contains("人事") && screen.contains("全員のシートを閲覧、人事データを出力"), "HR's row:\n{screen}");
    assert!(!screen.contains("cannot tell who you are"), "{screen}");
    // The third person is 佐々木 隆, head of 人事課.
    pty.send("j");
    pty.send("j");
    pty.send("Enter");
    let screen = pty.wait_for("佐々木 隆 として開きました");
    assert!(screen.contains("目標体系"), "the app opened:\n{screen}");
    pty.send("q");
    assert_eq!(pty.wait_for_exit(), 0);

    let data = home.path().join("share/pdca");
    assert!(data.join("org.toml").exists(), "the sample was copied into the user's data folder");
    let state = std::fs::read_to_string(home.path().join("config/pdca/state.toml")).unwrap();
    assert!(state.contains("\"P0003\""), "{state}");
    assert!(!std::fs::read_dir(&data).unwrap().any(|e| e.unwrap().file_name() == "state.toml"));

    // The next run opens as the same person without asking.
    let pty = fresh_run(home.path(), (80, 24));
    let screen = pty.wait_until("the app as 佐々木 隆", |s| s.contains("佐々木 隆") && s.contains("目標体系"));
    assert!(!screen.contains("誰として使いますか"), "{screen}");
    pty.send("q");
    assert_eq!(pty.wait_for_exit(), 0);
}

#[test]
fn quitting_the_picker_leaves_the_terminal_as_it_was_and_remembers_nobody() {
    let home = tempfile::tempdir().unwrap();
    let pty = fresh_run(home.path(), (80, 24));
    pty.wait_for("誰として使いますか?");
    pty.send("q");
    assert_eq!(pty.wait_for_exit(), 0);
    assert!(!pty.alternate_on() && !pty.mouse_or_paste_reporting());
    assert!(!home.path().join("config/pdca/state.toml").exists());
}
