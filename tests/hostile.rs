//! Hostile text in the data files never reaches the terminal: names, titles and
//! values carrying escape sequences (clear screen, an OSC 52 clipboard write), a
//! bell, a C1 CSI and a right-to-left override, through every command that prints
//! data, and a reader that closes the pipe early ends a command quietly.

use crate::common;

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{pdca_cli, replace_in, sample_data};

/// ESC [2J, an OSC 52 clipboard write ended by BEL, a C1 CSI and U+202E, as TOML escapes.
const HOSTILE: &str = r"\u001b[2J\u001b]52;c;cm0gLXJmIH4=\u0007\u009b31m\u202e";

/// The sample with hostile text in a person's name, a unit's name, a goal's title,
/// a value the parser echoes in its error, and (`in_settings`) the organisation's
/// name in pdca.toml, which stops an export whole.
fn hostile_data_set(in_settings: bool) -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, data) = sample_data();
    replace_in(&data.join("org.toml"), "name = \"鳴海 翔\"", &format!("name = \"鳴海{HOSTILE} 翔\""));
    replace_in(&data.join("org.toml"), "name = \"人事課\"", &format!("name = \"人事{HOSTILE}課\""));
    if in_settings {
        let organisation = format!("organisation = \"青森市{HOSTILE}\"");
        replace_in(&data.join("pdca.toml"), "organisation = \"青森市 総務部\"", &organisation);
    }
    let goals = data.join("cycles/2026/goals/P0011.toml");
    replace_in(&goals, "title = \"受験申込オンライン受付の実施\"", &format!("title = \"受験申込{HOSTILE}\""));
    // An unknown keyword: the parser's message quotes it back.
    let other = data.join("cycles/2026/goals/P0013.toml");
    replace_in(&other, "difficulty = \"high\"", &format!("difficulty = \"{HOSTILE}\""));
    (dir, data)
}

/// Whether printed bytes hold anything that steers a terminal.
fn steering(bytes: &[u8]) -> Option<String> {
    if let Some(at) = bytes.iter().position(|b| matches!(b, 0x1b | 0x07)) {
        return Some(format!("byte 0x{:02X} at {at}", bytes[at]));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}")).err();
    if text.is_some() {
        return text;
    }
    let text = String::from_utf8_lossy(bytes);
    text.chars().find(|c| matches!(c, '\u{9b}' | '\u{202e}')).map(|c| format!("U+{:04X}", u32::from(c)))
}

#[test]
fn no_command_prints_a_data_files_escape_sequences_or_bidi_overrides() {
    let everywhere = hostile_data_set(true);
    let in_records = hostile_data_set(false);
    let runs: [(&Path, &[&str]); 10] = [
        (&everywhere.1, &["check"]),
        (&everywhere.1, &["--as", "P0007", "show", "tree"]),
        (&everywhere.1, &["--as", "P0011", "show", "mine"]),
        (&everywhere.1, &["--as", "P0003", "show", "review"]),
        (&everywhere.1, &["--as", "P0007", "show", "contribution", "--unit", "jinji"]),
        (&everywhere.1, &["--as", "P0007", "export", "--force"]),
        (&in_records.1, &["--as", "P0007", "export"]),
        (&in_records.1, &["--as", "P0007", "export", "--force"]),
        (&in_records.1, &["--as", "P0007", "export", "--force", "--format", "csv"]),
        (&in_records.1, &["--as", "P0007", "export", "--force", "--format", "csv", "--lang", "en"]),
    ];
    for (data, args) in runs {
        let output = pdca_cli(data).args(args).output().unwrap();
        for (stream, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
            if let Some(found) = steering(bytes) {
                panic!("pdca {args:?} printed {found} on {stream}:\n{}", String::from_utf8_lossy(bytes));
            }
        }
        let printed = String::from_utf8_lossy(&output.stdout) + String::from_utf8_lossy(&output.stderr);
        assert!(!printed.contains("panicked"), "pdca {args:?}: {printed}");
        // Records with hostile text are left out of a forced export; the rest goes out.
        if data == in_records.1.as_path() && args.contains(&"--force") {
            assert!(output.status.success() && !output.stdout.is_empty(), "pdca {args:?}: {printed}");
        }
    }
}

#[test]
fn check_reports_the_hostile_texts_and_the_echoed_value_inertly() {
    let (_dir, data) = hostile_data_set(true);
    let output = pdca_cli(&data).arg("check").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    for expected in [
        "org.toml:157:6: error: P0011: `name` contains control character U+001B",
        "org.toml:13:6: error: jinji: `name` contains control character U+001B",
        "goals/P0011.toml:5:6: error: P0011-2026-1: `title` contains control character U+001B",
        "pdca.toml:3:1: error: `organisation` contains control character U+001B",
        // The parser's message quotes the bad keyword back: with `?` for every steering character.
        "goals/P0013.toml:12:14: error: unknown variant `?[2J?]52;c;cm0gLXJmIH4=??31m?`, expected one of",
    ] {
        assert!(stdout.contains(expected), "no `{expected}` in:\n{stdout}");
    }
}

/// A sample made by `pdca gen`, big enough that `show tree` prints far more than a pipe holds.
fn generated(people: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    pdca_cli(&data).args(["gen", "--people", people, "--out"]).arg(&data).assert().success();
    (dir, data)
}

#[test]
fn a_reader_closing_the_pipe_early_ends_show_quietly() {
    let (_dir, data) = generated("300");
    let hr = hr_of(&data);
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("pdca"))
        .arg("--data-dir")
        .arg(&data)
        .args(["--as", &hr, "show", "tree"])
        .env("PDCA_CONFIG_DIR", data.with_extension("config"))
        .env("LANG", "C")
        .env("RUST_BACKTRACE", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read the heading like `head -1`, then go away.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "pdca show tree did not end after its reader went away");
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    assert!(stderr.is_empty(), "nothing to say when the reader goes away, got: {stderr}");
    assert_eq!(status.code(), Some(0));
}

/// The id of someone with the `hr` role in a generated data set.
fn hr_of(data: &Path) -> String {
    let org: pdca::model::Org = toml::from_str(&fs::read_to_string(data.join("org.toml")).unwrap()).unwrap();
    org.people.iter().find(|p| p.is_hr()).expect("gen makes HR people").id.to_string()
}

#[test]
fn numbers_that_are_nan_or_infinite_are_errors_and_never_exported() {
    let (_dir, data) = sample_data();
    replace_in(&data.join("cycles/2026/goals/P0008.toml"), "target = 100", "target = nan");
    let check = pdca_cli(&data).arg("check").output().unwrap();
    let stdout = String::from_utf8(check.stdout).unwrap();
    assert!(
        stdout.contains("goals/P0008.toml:5:6: error: P0008-2026-1: `metric.target` is not a finite number"),
        "{stdout}"
    );
    let refused = pdca_cli(&data).args(["--as", "P0007", "export"]).output().unwrap();
    assert_eq!(refused.status.code(), Some(1));
    assert!(refused.stdout.is_empty());
    // Forced, the metric is left out (the goal keeps its owner's estimate) and said so.
    let forced = pdca_cli(&data).args(["--as", "P0007", "export", "--force"]).output().unwrap();
    assert!(forced.status.success());
    let stderr = String::from_utf8(forced.stderr).unwrap();
    assert!(stderr.contains("left out the metric of goal P0008-2026-1"), "{stderr}");
    let export = String::from_utf8(forced.stdout).unwrap();
    assert!(!export.contains("nan") && export.contains("id = \"P0008-2026-1\""));

    // In pdca.toml's settings a bad number concerns every score: refused even with --force.
    let text = fs::read_to_string(data.join("pdca.toml")).unwrap() + "\n[score.points]\nS = inf\n";
    fs::write(data.join("pdca.toml"), text).unwrap();
    let check = String::from_utf8(pdca_cli(&data).arg("check").output().unwrap().stdout).unwrap();
    assert!(check.contains("pdca.toml:17:1: error: `score.points.S` is not a finite number"), "{check}");
    let forced = pdca_cli(&data).args(["--as", "P0007", "export", "--force"]).output().unwrap();
    assert_eq!(forced.status.code(), Some(1));
    assert!(forced.stdout.is_empty());
    assert!(String::from_utf8_lossy(&forced.stderr).contains("refusing: pdca.toml's settings have 1 error(s)"));
}

#[test]
fn a_data_set_of_a_newer_layout_is_neither_read_nor_written() {
    let (_dir, data) = sample_data();
    let newer = |data: &Path| replace_in(&data.join("pdca.toml"), "schema_version = 1", "schema_version = 7");
    newer(&data);
    for args in [&["check"][..], &["--as", "P0011", "show", "mine"]] {
        let output = pdca_cli(&data).args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(
            stderr.contains("pdca.toml: schema_version 7 was written by a newer version of pdca; this program understands up to schema_version 1"),
            "{stderr}"
        );
    }

    // Upgraded by a newer version while this one had the data set open: no save goes through.
    let (_dir, data) = sample_data();
    let store = pdca::store::Store::new(&data);
    let today = pdca::model::Date::from_ymd(2026, 11, 20).unwrap();
    let mut workspace = pdca::workspace::Workspace::open(store, None, "P0008".into(), today).unwrap();
    newer(&data);
    let goals = data.join("cycles/2026/goals/P0008.toml");
    let before = fs::read(&goals).unwrap();
    let edit = pdca::model::edit::Edit::SetProgress { goal: "P0008-2026-1".into(), progress: 70 };
    let refused = workspace.execute(pdca::model::command::Command::Sheet(edit)).unwrap_err();
    assert!(matches!(
        refused,
        pdca::workspace::CommandError::Store(pdca::store::StoreError::NewerSchema { found: 7, .. })
    ));
    assert_eq!(fs::read(&goals).unwrap(), before);
}
