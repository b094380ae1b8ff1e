//! The command line about keys and help: a `[keys]` table that makes a key mean
//! two things, and `--help` in the user's language.

use crate::common;

use std::fs;
use std::path::PathBuf;

use common::pdca_cli as pdca;

/// A temporary folder for a data set (`data`, not made yet) and the config folder
/// `pdca_cli` gives it (made, empty).
fn folders() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let config = data.with_extension("config");
    fs::create_dir(&config).unwrap();
    (dir, data, config)
}

#[test]
fn a_key_bound_to_two_active_actions_stops_the_app_and_check_naming_the_line() {
    let (_dir, data, config) = folders();
    pdca(&data).args(["init", "--sample"]).assert().success();
    let file = config.join("config.toml");
    fs::write(&file, "me = \"P0011\"\n\n[keys]\nquit = \"n\"\n").unwrap();
    let expected_ja = format!(
        "pdca: {}:4:1: keys.quit: \"n\" が「終了」(quit) と「次の一致」(next_match) の両方になります (目標体系)。\
         どちらかを別のキーにしてください\n",
        file.display()
    );
    // The app stops before it takes the terminal over.
    let output = pdca(&data).env("LANG", "ja_JP.UTF-8").assert().code(2).get_output().clone();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.starts_with(&expected_ja), "{stderr}");
    assert!(stderr.contains("「目標を追加」(new_goal)"), "My goals' n is named too: {stderr}");
    assert!(stderr.contains("「次の職員」(next_person)"), "Review's n is named too: {stderr}");
    let output = pdca(&data).arg("check").assert().code(2).get_output().clone();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains(&format!(
            "{}:4:1: keys.quit: \"n\" would mean both quit (quit) and new goal (new_goal) in My goals",
            file.display()
        )),
        "{stderr}"
    );
    fs::write(&file, "me = \"P0011\"\n\n[keys]\nquit = \"ctrl-q\"\n").unwrap();
    pdca(&data).arg("check").assert().success();
}

#[test]
fn help_speaks_the_users_language_at_the_top_and_for_a_subcommand() {
    let (_dir, data, config) = folders();
    let run = |lang: &str, args: &[&str]| {
        let output = pdca(&data).env("LANG", lang).args(args).assert().success();
        String::from_utf8(output.get_output().stdout.clone()).unwrap()
    };
    let top = run("ja_JP.UTF-8", &["--help"]);
    assert!(top.contains("使い方: pdca") && top.contains("コマンド:"), "{top}");
    assert!(top.contains("check       すべてのファイルを検証する"), "{top}");
    assert!(top.contains("-h, --help            ヘルプを表示する"), "{top}");
    let export = run("ja_JP.UTF-8", &["export", "--help"]);
    assert!(export.contains("人事: 期の職員・目標・結果を TOML か CSV で書き出す"), "{export}");
    assert!(export.contains("この組織 (id) とその下の職員だけ"), "{export}");
    assert_eq!(run("ja_JP.UTF-8", &["help", "export"]), export, "`help export` is `export --help`");
    // --lang wins over the locale, and a config's lang over the locale.
    let english = run("ja_JP.UTF-8", &["--lang", "en", "export", "--help"]);
    assert!(english.contains("Only people in this unit (by id) or below it"), "{english}");
    assert!(!english.contains("書き出す"), "{english}");
    let top = run("C", &["--help"]);
    assert!(top.contains("Usage: pdca") && top.contains("Validate every file"), "{top}");
    fs::write(config.join("config.toml"), "lang = \"ja\"\n").unwrap();
    assert!(run("C", &["check", "--help"]).contains("すべてのファイルを検証する"));
}
