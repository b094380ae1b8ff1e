//! The command line, run as a user would: exit codes and what is printed.

use std::fs;

use assert_cmd::Command;
use predicates::prelude::*;

fn pdca(data: &std::path::Path) -> Command {
    let mut command = Command::cargo_bin("pdca").unwrap();
    // A config folder with no config.toml: the defaults, whatever the machine has.
    let no_config = std::env::temp_dir().join("pdca-tests-without-config");
    command.arg("--data-dir").arg(data).env_remove("PDCA_DATA_DIR").env("PDCA_CONFIG_DIR", no_config).env("LANG", "C");
    command
}

fn sample() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    pdca(dir.path()).args(["init", "--sample"]).assert().success();
    dir
}

#[test]
fn init_creates_a_data_set_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("new");
    pdca(&data).args(["init"]).assert().success().stdout(predicate::str::contains("created"));
    assert!(data.join("pdca.toml").is_file());
    pdca(&data).args(["init", "--sample"]).assert().failure().stderr(predicate::str::contains("refusing to overwrite"));
    pdca(&data).arg("check").assert().success();
}

#[test]
fn check_passes_on_the_sample() {
    let dir = sample();
    pdca(dir.path()).arg("check").assert().code(0).stdout(predicate::str::contains("0 error(s)"));
}

#[test]
fn check_names_file_line_and_column_of_a_malformed_file() {
    let dir = sample();
    let org = dir.path().join("org.toml");
    let mut text = fs::read_to_string(&org).unwrap();
    text.push_str("\n[[people]]\nid = \"P9000\"\nname = \"壊れた 行\nunit = \"x\"\n");
    fs::write(&org, &text).unwrap();
    let line = text.lines().position(|l| l.starts_with("name = \"壊れた")).unwrap() + 1;
    pdca(dir.path())
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!("org.toml:{line}:")))
        .stdout(predicate::str::contains("error"));
}

#[test]
fn check_reports_broken_links_with_the_goal_and_its_line() {
    let dir = sample();
    let goals = dir.path().join("cycles");
    let file = walk(&goals).into_iter().find(|p| fs::read_to_string(p).unwrap().contains("parent = ")).unwrap();
    let text = fs::read_to_string(&file).unwrap();
    let start = text.find("parent = \"").unwrap() + "parent = \"".len();
    let end = start + text[start..].find('"').unwrap();
    fs::write(&file, format!("{}NO-SUCH-GOAL{}", &text[..start], &text[end..])).unwrap();
    pdca(dir.path())
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("names unknown goal `NO-SUCH-GOAL`"))
        .stdout(predicate::str::is_match(r"\.toml:\d+:\d+: error: ").unwrap());
}

#[test]
fn show_tree_prints_the_cascade_in_japanese_within_the_width() {
    let dir = sample();
    let output =
        pdca(dir.path()).args(["show", "tree", "--width", "90", "--lang", "ja", "--as", "P0001"]).output().unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("目標"), "{text}");
    assert!(text.contains("[未設定]"), "pending proposals are marked: {text}");
    assert!(text.contains("部長"), "{text}");
    assert!(text.contains('%'));
    for line in text.lines().skip(1) {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 90, "too wide: {line}");
    }
}

#[test]
fn show_tree_speaks_english_when_asked() {
    let dir = sample();
    pdca(dir.path())
        .args(["show", "tree", "--lang", "en", "--as", "P0001"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Progress"))
        .stdout(predicate::str::contains("[not yet set]"));
}

#[test]
fn show_tree_refuses_an_unknown_person_and_a_missing_data_set() {
    let dir = sample();
    pdca(dir.path())
        .args(["show", "tree", "--as", "NOBODY"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("NOBODY"));
    let empty = tempfile::tempdir().unwrap();
    pdca(&empty.path().join("none"))
        .args(["show", "tree"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("pdca init"));
}

fn walk(folder: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(folder).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "toml") && path.parent().unwrap().ends_with("goals") {
            found.push(path);
        }
    }
    found.sort();
    found
}
