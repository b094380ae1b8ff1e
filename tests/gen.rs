//! `pdca gen`: a synthetic data set that checks clean, is the same for the same
//! seed, never replaces a data set, and works with the other commands.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn pdca() -> Command {
    let mut command = Command::cargo_bin("pdca").unwrap();
    let no_config = std::env::temp_dir().join("pdca-tests-without-config");
    command.env_remove("PDCA_DATA_DIR").env("PDCA_CONFIG_DIR", no_config).env("LANG", "C");
    command
}

fn generate(out: &Path, people: &str, seed: &str) -> String {
    let output = pdca().args(["gen", "--people", people, "--seed", seed, "--out"]).arg(out).output().unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// Every file under `root`, by relative path, with its bytes.
fn files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                found.insert(path.strip_prefix(root).unwrap().to_path_buf(), fs::read(&path).unwrap());
            }
        }
    }
    found
}

#[test]
fn a_generated_data_set_checks_clean_and_is_the_same_for_the_same_seed() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second, other) = (dir.path().join("a"), dir.path().join("b"), dir.path().join("c"));
    let said = generate(&first, "200", "42");
    assert!(said.contains("200 people"), "{said}");
    let hr = said.lines().find_map(|l| l.strip_prefix("hr: ")).expect("names the hr person").to_owned();
    let hr = hr.split_whitespace().next().unwrap().to_owned();

    pdca().arg("--data-dir").arg(&first).arg("check").assert().code(0).stdout(predicate::str::contains("0 error(s)"));

    generate(&second, "200", "42");
    let (a, b) = (files(&first), files(&second));
    assert!(a.len() > 200, "one goals file per person and more: {}", a.len());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(b[path] == *bytes, "{} differs between two runs with the same seed", path.display());
    }
    generate(&other, "200", "43");
    assert_ne!(files(&other), a, "another seed gives another data set");

    // The hr person may export it, and the export names everyone.
    let export = pdca().arg("--data-dir").arg(&first).args(["--as", &hr, "export"]).output().unwrap();
    assert!(export.status.success(), "{export:?}");
    let text = String::from_utf8(export.stdout).unwrap();
    assert!(text.starts_with("schema = \"pdca-hr-export/2\""), "{}", &text[..200.min(text.len())]);
    assert_eq!(text.matches("\n[[people]]\n").count(), 200);
    // Someone else may not.
    pdca().arg("--data-dir").arg(&first).args(["--as", "P00010", "export"]).assert().failure();
    // A staff member sees their own goals in the tree.
    let org: toml::Table = toml::from_str(&fs::read_to_string(first.join("org.toml")).unwrap()).unwrap();
    let person = org["people"].as_array().unwrap().iter().find(|p| p["id"].as_str() == Some("P00010")).unwrap();
    let name = person["name"].as_str().unwrap();
    pdca()
        .arg("--data-dir")
        .arg(&first)
        .args(["--as", "P00010", "show", "tree", "--width", "160"])
        .assert()
        .success()
        .stdout(predicate::str::contains(name));
}

#[test]
fn gen_refuses_a_folder_that_holds_a_data_set() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    pdca().arg("--data-dir").arg(&data).args(["init", "--sample"]).assert().success();
    let before = files(&data);
    pdca()
        .args(["gen", "--people", "20", "--out"])
        .arg(&data)
        .assert()
        .failure()
        .stderr(predicate::str::contains("refusing to overwrite"));
    assert_eq!(files(&data), before, "nothing was written");
}

#[test]
fn gen_needs_at_least_one_person() {
    let dir = tempfile::tempdir().unwrap();
    pdca().args(["gen", "--people", "0", "--out"]).arg(dir.path().join("x")).assert().failure();
    assert!(!dir.path().join("x").exists());
}

#[test]
fn a_full_fill_checks_clean_and_holds_every_kind_of_record_a_filled_in_sheet_has() {
    let dir = tempfile::tempdir().unwrap();
    let (light, full) = (dir.path().join("light"), dir.path().join("full"));
    generate(&light, "120", "7");
    let output = pdca().args(["gen", "--people", "120", "--seed", "7", "--fill", "full", "--out"]).arg(&full).output();
    assert!(output.as_ref().unwrap().status.success(), "{output:?}");
    let check = pdca().arg("--data-dir").arg(&full).args(["--today", "2026-11-20", "check"]).output().unwrap();
    let said = String::from_utf8(check.stdout).unwrap();
    assert!(check.status.success() && said.contains("0 error(s)"), "{said}");
    // The only warnings are the sheets a light fill also leaves behind (never a person
    // the ability ratings cannot place).
    let warnings = said.lines().filter(|line| line.contains("warning:"));
    assert!(warnings.clone().all(|line| line.contains("plan phase ended")), "{said}");

    let data = pdca::store::Store::new(&full).load(None).unwrap().data;
    let goals: Vec<_> = data.goals.iter().flat_map(|f| &f.goals).collect();
    assert!(goals.iter().all(|g| !g.detail.get().unwrap().plan.is_empty()), "every goal has a plan");
    assert!(goals.iter().all(|g| g.log.get().is_ok_and(|log| log.len() >= 3)), "every goal has several Do entries");
    assert!(goals.iter().all(|g| g.check.is_some()), "every goal has its mid-term self-check");
    assert!(data.goals.iter().any(|f| !f.competencies.is_empty()), "self-ratings of abilities");
    assert!(
        data.goals.iter().flat_map(|f| &f.competencies).any(|r| !r.evidence().unwrap().is_empty()),
        "with evidence"
    );
    assert!(data.feedback.iter().any(|f| !f.competency.is_empty()), "reviewers' ability ratings");
    assert!(data.feedback.iter().flat_map(|f| &f.feedback).any(|f| f.goal.is_some()), "feedback on goals");
    assert!(data.feedback.iter().flat_map(|f| &f.feedback).any(|f| f.goal.is_none()), "feedback on the person");
    assert!(data.competencies.is_some(), "the framework the ratings are made on");
    let meetings = &data.instruments.meetings;
    assert!(meetings.iter().flat_map(|f| &f.meetings).any(|m| !m.texts.actions.is_empty()), "1on1s with agreements");

    // The light fill, the default, is as before: none of these.
    let data = pdca::store::Store::new(&light).load(None).unwrap().data;
    assert!(data.instruments.meetings.is_empty() && data.competencies.is_none());
    assert!(data.goals.iter().all(|f| f.competencies.is_empty()));
    // And the full one weighs as a filled-in sheet does: several times the light one.
    let size = |root: &Path| files(root).values().map(Vec::len).sum::<usize>();
    assert!(size(&full) > 2 * size(&light), "{} against {}", size(&full), size(&light));
}

/// `show tree` reads the cycle with the texts only an open sheet shows left on disk
/// (it prints none of them): what it prints is the tree of the data set read whole.
/// On a fully filled data set, for HR (every row), a department head and a staff
/// member; and on the sample, whose rows carry every mark that reads a goal's
/// record (a link warning, overdue, a missing self-check, a metric measured from
/// training in the Do logs), before and during the check phase and after the cycle.
#[test]
fn show_tree_prints_what_the_tree_of_the_whole_data_set_shows() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("full");
    let output = pdca().args(["gen", "--people", "150", "--seed", "11", "--fill", "full", "--out"]).arg(&data).output();
    let said = String::from_utf8(output.unwrap().stdout).unwrap();
    let hr = said.lines().find_map(|l| l.strip_prefix("hr: ")).expect("names the hr person");
    let hr = hr.split_whitespace().next().unwrap().to_owned();
    // Each sees at least a row for each goal in their charge: HR every person's.
    for (actor, fewest) in [(hr.as_str(), 150 * 3), ("P00001", 20), ("P00010", 3)] {
        let printed = tree_as_read_whole(&data, actor, "2026-11-20");
        assert!(printed.len() > fewest, "{actor}: {} rows", printed.len());
    }

    let (_sample_dir, sample) = crate::common::sample_data();
    let mut printed = String::new();
    for day in ["2026-11-20", "2027-02-10", "2027-04-05"] {
        for actor in ["P0007", "P0001", "P0020"] {
            printed.extend(tree_as_read_whole(&sample, actor, day).iter().map(|line| format!("{line}\n")));
        }
    }
    let rows = printed.lines().filter(|line| line.len() > 4);
    for (mark, at) in [('!', 0), ('?', 1), ('~', 2)] {
        assert!(rows.clone().any(|line| line.chars().nth(at) == Some(mark)), "a row marked {mark}:\n{printed}");
    }
    assert!(printed.contains("[measured]"), "a goal measured from the records:\n{printed}");
}

/// The lines `pdca show tree` prints as `actor` on `day` at 160 columns, but its
/// heading, after checking them against those made from the data set read whole.
fn tree_as_read_whole(data: &Path, actor: &str, day: &str) -> Vec<String> {
    use pdca::theme::Theme;
    use pdca::ui::tree::TreeTable;
    use pdca::view::tree::{Shape, rows};
    use pdca::view::{Viewer, alignment};

    let today = pdca::model::Date(chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap());
    let whole = pdca::workspace::Workspace::open(pdca::store::Store::new(data), None, actor.into(), today).unwrap();
    let world = &whole.world;
    assert!(!world.data.goals.iter().any(pdca::model::HeldTexts::holds_texts_on_disk), "read whole");
    let flagged = alignment::goal_link_marks(world, today);
    let viewer = Viewer::new(world, &whole.actor, today);
    let tree = rows(world, &viewer, Shape { collapsed: &Default::default(), filter: "", flagged: &flagged });
    let theme = Theme::plain();
    let table =
        TreeTable { rows: &tree, world, selected: None, offset: 0, lang: pdca::messages::Lang::En, theme: &theme };
    let expected: Vec<String> = table.text_lines(160).collect();

    let printed = pdca()
        .arg("--data-dir")
        .arg(data)
        .args(["--today", day, "--lang", "en", "--as", actor, "show", "tree", "--width", "160"])
        .output()
        .unwrap();
    assert!(printed.status.success(), "{printed:?}");
    let printed = String::from_utf8(printed.stdout).unwrap();
    // Its first line is the heading: the organisation, the cycle and the viewer.
    let printed: Vec<String> = printed.lines().skip(1).map(str::to_owned).collect();
    assert_eq!(printed, expected, "{actor} on {day}");
    printed
}
