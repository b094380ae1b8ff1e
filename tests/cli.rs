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

/// Breaks org.toml with an unclosed string; gives the line it is on.
fn break_org(data: &std::path::Path) -> usize {
    let org = data.join("org.toml");
    let mut text = fs::read_to_string(&org).unwrap();
    text.push_str("\n[[people]]\nid = \"P9000\"\nname = \"壊れた 行\nunit = \"x\"\n");
    fs::write(&org, &text).unwrap();
    text.lines().position(|l| l.starts_with("name = \"壊れた")).unwrap() + 1
}

#[test]
fn check_names_file_line_and_column_of_a_malformed_file() {
    let dir = sample();
    let line = break_org(dir.path());
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
fn show_tree_marks_a_goal_linked_to_nothing_while_its_cycle_runs() {
    let dir = sample();
    let file = dir.path().join("cycles/2026/goals/P0011.toml");
    let linked =
        "id = \"P0011-2026-2\"\ntitle = \"SNS動画とインターンシップによる公務の魅力発信\"\nparent = \"P0003-2026-4\"\n";
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains(linked));
    std::fs::write(&file, text.replace(linked, linked.replace("parent = \"P0003-2026-4\"\n", "").as_str())).unwrap();
    let tree_on = |today: &str| {
        let output = pdca(dir.path())
            .args(["--today", today, "show", "tree", "--width", "160", "--lang", "ja", "--as", "P0001"])
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stdout).unwrap()
    };
    let marks = |tree: &str, title: &str| {
        let line = tree.lines().find(|line| line.contains(title)).unwrap_or_else(|| panic!("{title}: {tree}"));
        line.split(title).next().unwrap().contains('~')
    };
    let running = tree_on("2026-10-01");
    assert!(marks(&running, "SNS動画とインターンシップによる公務の魅力発信"), "{running}");
    assert!(!marks(&running, "受験申込オンライン受付の実施"), "{running}");
    let finished = tree_on("2027-04-01");
    assert!(
        !marks(&finished, "SNS動画とインターンシップによる公務の魅力発信"),
        "a finished cycle's plan is history: {finished}"
    );
}

#[test]
fn show_tree_speaks_english_when_asked() {
    let dir = sample();
    pdca(dir.path())
        .args(["show", "tree", "--lang", "en", "--as", "P0001"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Approved"))
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

// ---- Japanese ----

#[test]
fn check_speaks_japanese_when_asked() {
    let dir = sample();
    let line = break_org(dir.path());
    pdca(dir.path())
        .args(["check", "--lang", "ja"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!("org.toml:{line}:")))
        .stdout(predicate::str::contains(": エラー: 読み込めません: "))
        .stdout(predicate::str::is_match(r"\nエラー \d+ 件、警告 \d+ 件\n$").unwrap())
        .stdout(predicate::str::contains("error").not());
}

#[test]
fn an_unknown_id_gets_a_did_you_mean_the_people_and_how_to_choose() {
    let dir = sample();
    let config_file = std::env::temp_dir().join("pdca-tests-without-config").join("config.toml");
    let japanese = pdca(dir.path()).args(["--as", "p0011", "--lang", "ja", "show", "tree"]).output().unwrap();
    assert_eq!(japanese.status.code(), Some(2));
    let said = String::from_utf8(japanese.stderr).unwrap();
    for expected in [
        "pdca: --as の `p0011` は org.toml に登録されていません。P0011 (鳴海 翔) のことですか?\n",
        "\norg.toml の職員:\n  P0001 工藤 誠一 部長\n",
        "\n  …ほか 13 人\n",
        &format!("設定ファイル {} に `me = \"職員番号\"` と書いてください", config_file.display()),
    ] {
        assert!(said.contains(expected), "{expected:?} not in:\n{said}");
    }
    pdca(dir.path())
        .args(["--as", "P0O11", "show", "tree"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean P0011 (鳴海 翔)?"))
        .stderr(predicate::str::contains("\npeople in org.toml:\n  P0001 工藤 誠一 部長\n"))
        .stderr(predicate::str::contains(format!("or set `me = \"ID\"` in {}", config_file.display())));
    pdca(dir.path())
        .args(["--as", "NOBODY", "show", "tree"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean").not());
}

#[test]
fn a_refused_hr_command_is_said_in_japanese() {
    let dir = sample();
    pdca(dir.path())
        .args(["--as", "P0011", "--lang", "ja", "export"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("pdca: 出力には人事部門 (hr) の権限が必要です\n");
    pdca(dir.path())
        .args(["--as", "P0011", "--lang", "ja", "cycle", "current", "2025"])
        .assert()
        .code(2)
        .stderr("pdca: 組織の変更には人事部門 (hr) の権限が必要です\n");
}

#[test]
fn a_broken_config_file_is_reported_in_the_environments_language() {
    let dir = sample();
    let config = tempfile::tempdir().unwrap();
    fs::write(config.path().join("config.toml"), "lang = \"fr\"\n").unwrap();
    let file = config.path().join("config.toml");
    pdca(dir.path())
        .env("PDCA_CONFIG_DIR", config.path())
        .env("LANG", "ja_JP.UTF-8")
        .arg("check")
        .assert()
        .code(2)
        .stderr(format!(
            "pdca: {}:1:8: lang: 言語 \"fr\" は使えません (\"ja\" か \"en\" と書きます)\n",
            file.display()
        ));
    pdca(dir.path())
        .env("PDCA_CONFIG_DIR", config.path())
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("lang: unknown language \"fr\""));
}
