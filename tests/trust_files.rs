//! Nothing written outside the data set, nothing lost, and one bad file hurting
//! only itself — by hostile ids, hostile files, and two saves at the same instant.

use crate::common;

use std::collections::BTreeSet;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use common::pdca_cli as pdca;
use common::sample_data;
use pdca::model::command::Command as Change;
use pdca::model::edit::Edit;
use pdca::model::{Date, ProblemKind, Source};
use pdca::store::Store;
use pdca::workspace::{CommandError, Workspace};
use predicates::prelude::*;

const HR: &str = "P0007";
const PATIENCE: Duration = Duration::from_secs(60);

/// Every file and folder under `root`, relative to it.
fn tree(root: &Path) -> BTreeSet<PathBuf> {
    let mut found = BTreeSet::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            found.insert(path.strip_prefix(root).unwrap().to_path_buf());
            if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
                folders.push(path);
            }
        }
    }
    found
}

/// Replaces `from` by `to` in a file of the data set.
fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} not in {}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn hostile_ids_in_an_export_a_roster_and_org_toml_write_nothing_outside_the_data_set() {
    let (dir, data) = sample_data();
    let root = dir.path();
    fs::create_dir(root.join("victim")).unwrap();

    // An export whose cycle and people name places outside any data set.
    let export = root.join("export.toml");
    pdca(&data).args(["--as", HR, "export", "-o"]).arg(&export).assert().success();
    edit(&export, "id = \"2026\"", "id = \"../../victim/c\"");
    edit(&export, "id = \"P0013\"", "id = \"/tmp/victim-abs\"");
    edit(&export, "id = \"P0014\"", "id = \"..\\\\..\\\\victim\\\\w\"");
    // A roster that tries the same, and Windows device names.
    let roster = root.join("roster.csv");
    fs::write(&roster, "id,name,unit\n../victim/r,悪意 太郎,総務部\nCON,装置 名,総務部\np0001,小文字 一郎,総務部\n")
        .unwrap();
    // Not the data set, nor the shards of the user's parse cache (`PDCA_CACHE_DIR`),
    // written as the files in them are first read.
    let shard = |p: &PathBuf| {
        p.starts_with("data.cache/parsed") && p.extension().is_some_and(|e| e == "bin") && p.components().count() == 4
    };
    let outside = |p: &PathBuf| !p.starts_with("data") && !shard(p);
    let before: BTreeSet<PathBuf> = tree(root).into_iter().filter(outside).collect();

    for force in [false, true] {
        let mut import = pdca(&root.join("new"));
        import.args(["--as", HR, "import", "--from-export"]).arg(&export);
        if force {
            import.arg("--force");
        }
        import.assert().failure();
    }
    pdca(&data).args(["--as", HR, "org", "import"]).arg(&roster).assert().failure().stderr(
        predicate::str::contains("roster.csv:2: rejected (../victim/r)")
            .and(predicate::str::contains("roster.csv:3: rejected (CON)"))
            .and(predicate::str::contains("Windows keeps that name for a device")),
    );
    // A person of org.toml, and the cycle file's own id, naming places outside.
    edit(&data.join("org.toml"), "id = \"P0011\"", "id = \"../../victim/o\"");
    pdca(&data).arg("check").assert().failure().stdout(
        predicate::str::is_match(
            r"org\.toml:\d+:\d+: error: \.\./\.\./victim/o: `id` `\.\./\.\./victim/o` is not a valid id",
        )
        .unwrap(),
    );
    // That person may still read, but nothing of theirs is written anywhere.
    let today = Date::from_ymd(2026, 11, 20).unwrap();
    let mut hostile = Workspace::open(Store::new(&data), None, "../../victim/o".into(), today).unwrap();
    let refused =
        hostile.execute(Change::Sheet(Edit::AddGoal { fields: title("外へ"), carried_from: None, revision: None }));
    assert!(matches!(refused, Err(CommandError::Store(pdca::store::StoreError::BadId { .. }))), "{refused:?}");
    edit(&data.join("cycles/2026/cycle.toml"), "id = \"2026\"", "id = \"../../victim/k\"");
    pdca(&data).arg("check").assert().failure().stdout(predicate::str::contains(
        "cycle.toml:1:1: error: `id` is `../../victim/k` but the file's place says `2026`",
    ));
    pdca(&data).args(["--as", "P0001", "show", "tree"]).assert().failure();
    // Cycles named on the command line.
    let info = fs::read_to_string(data.join("pdca.toml")).unwrap();
    for cycle in ["../../victim", "/tmp", "..", "NUL"] {
        pdca(&data).args(["--as", HR, "cycle", "current", cycle]).assert().failure();
        pdca(&data)
            .args(["--as", HR, "cycle", "new", cycle, "--start", "2027-04-01", "--end", "2028-03-31"])
            .assert()
            .failure();
        pdca(&data).args(["--as", "P0001", "show", "tree", "--cycle", cycle]).assert().failure();
    }
    assert_eq!(fs::read_to_string(data.join("pdca.toml")).unwrap(), info);

    let after: BTreeSet<PathBuf> = tree(root).into_iter().filter(outside).collect();
    assert_eq!(after, before, "nothing was written outside the data set");
    assert!(fs::read_dir(root.join("victim")).unwrap().next().is_none());
    assert!(!Path::new("/tmp/victim-abs").exists());
}

#[test]
fn a_broken_file_of_any_kind_hurts_only_itself() {
    let (_dir, data) = sample_data();
    let goals = data.join("cycles/2026/goals");
    // Shift_JIS where UTF-8 belongs, a folder, and an oversized file.
    let mut sjis = b"owner = \"P0011\"\ncycle = \"2026\"\n\n[[goals]]\nid = \"P0011-2026-1\"\ntitle = \"".to_vec();
    sjis.extend_from_slice(b"\x96\xda\x95\x57\"\n");
    fs::write(goals.join("P0011.toml"), sjis).unwrap();
    fs::remove_file(goals.join("P0012.toml")).unwrap();
    fs::create_dir(goals.join("P0012.toml")).unwrap();
    let mut huge = fs::read_to_string(goals.join("P0013.toml")).unwrap();
    huge.push_str(&format!("# {}\n", "x".repeat(9 * 1024 * 1024)));
    fs::write(goals.join("P0013.toml"), huge).unwrap();
    fs::write(goals.join("CON.toml"), "owner = \"CON\"\ncycle = \"2026\"\n").unwrap();
    #[cfg(unix)]
    {
        fs::remove_file(goals.join("P0014.toml")).unwrap();
        std::os::unix::fs::symlink(data.join("gone.toml"), goals.join("P0014.toml")).unwrap();
        let fifo = std::ffi::CString::new(goals.join("P0016.toml").to_str().unwrap()).unwrap();
        fs::remove_file(goals.join("P0016.toml")).unwrap();
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    }

    let check = pdca(&data).arg("check").timeout(PATIENCE).assert().failure();
    let out = String::from_utf8(check.get_output().stdout.clone()).unwrap();
    let line = |file: &str, says: &str| {
        assert!(out.lines().any(|l| l.contains(file) && l.contains(says)), "{file}: {says}\n{out}");
    };
    line("goals/P0011.toml:6:10: error", "not UTF-8");
    line("goals/P0012.toml: error", "is a folder, not a file");
    line("goals/P0013.toml: error", "files over 8.0 MB are not read");
    line("goals/CON.toml: error", "Windows keeps that name for a device");
    #[cfg(unix)]
    {
        line("goals/P0014.toml: error", "is a link, not a file");
        line("goals/P0016.toml: error", "is a named pipe or a device");
    }
    assert!(!out.contains("pdca.toml"), "no other file is blamed:\n{out}");
    // The rest works: the tree, an export of what is valid, and the app's data.
    pdca(&data).args(["--as", "P0001", "show", "tree"]).timeout(PATIENCE).assert().success();
    pdca(&data).args(["--as", HR, "export", "--force"]).timeout(PATIENCE).assert().success();
    let today = Date::from_ymd(2026, 11, 20).unwrap();
    let workspace = Workspace::open(Store::new(&data), None, "P0011".into(), today).unwrap();
    assert!(workspace.world.goals_of("P0018").len() > 1, "others' sheets load");
    let own = Source::Goals { cycle: "2026".into(), person: "P0011".into() };
    assert!(workspace.problems.iter().any(|p| p.source == own && p.kind == ProblemKind::NotUtf8));
}

#[cfg(unix)]
#[test]
fn a_save_never_replaces_a_link_nor_follows_a_linked_folder() {
    let (dir, data) = sample_data();
    let outside = dir.path().join("outside.toml");
    let goals = data.join("cycles/2026/goals");
    fs::rename(goals.join("P0020.toml"), &outside).unwrap();
    std::os::unix::fs::symlink(&outside, goals.join("P0020.toml")).unwrap();
    let before = fs::read_to_string(&outside).unwrap();
    let today = Date::from_ymd(2026, 11, 20).unwrap();
    let mut workspace = Workspace::open(Store::new(&data), None, "P0020".into(), today).unwrap();
    let refused = workspace.execute(Change::Sheet(Edit::AddGoal {
        fields: title("新しい目標"),
        carried_from: None,
        revision: None,
    }));
    assert!(matches!(refused, Err(CommandError::Store(_))), "{refused:?}");
    assert_eq!(fs::read_to_string(&outside).unwrap(), before);
    assert!(fs::symlink_metadata(goals.join("P0020.toml")).unwrap().file_type().is_symlink(), "the link stays");

    // A feedback folder that is a link leading out of the data set.
    let elsewhere = dir.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    fs::rename(data.join("cycles/2026/feedback"), elsewhere.join("feedback")).unwrap();
    std::os::unix::fs::symlink(elsewhere.join("feedback"), data.join("cycles/2026/feedback")).unwrap();
    let listed = tree(&elsewhere);
    pdca(&data).arg("check").assert().failure().stdout(predicate::str::contains("is a link"));
    let mut reviewer = Workspace::open(Store::new(&data), None, "P0018".into(), today).unwrap();
    let step = Change::Step { person: "P0019".into(), step: pdca::model::Step::SendBack, comment: "理由".into() };
    assert!(reviewer.execute(step).is_err());
    assert_eq!(tree(&elsewhere), listed, "nothing written through the link");
}

fn title(title: &str) -> pdca::model::edit::GoalFields {
    pdca::model::edit::GoalFields { title: title.into(), ..Default::default() }
}

#[test]
fn an_export_replaces_only_a_regular_file_or_makes_a_new_one() {
    let (dir, data) = sample_data();
    let folder = dir.path().join("a-folder");
    fs::create_dir(&folder).unwrap();
    pdca(&data)
        .args(["--as", HR, "export", "-o"])
        .arg(&folder)
        .assert()
        .failure()
        .stderr(predicate::str::contains("is not a file, so it is left alone"));
    let regular = dir.path().join("old.toml");
    fs::write(&regular, "old").unwrap();
    pdca(&data).args(["--as", HR, "export", "-o"]).arg(&regular).assert().success();
    assert!(fs::read_to_string(&regular).unwrap().starts_with("schema = "));
    #[cfg(unix)]
    {
        let target = dir.path().join("target.txt");
        fs::write(&target, "keep").unwrap();
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        pdca(&data).args(["--as", HR, "export", "-o"]).arg(&link).assert().failure();
        assert_eq!(fs::read_to_string(&target).unwrap(), "keep");
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        let fifo = dir.path().join("pipe");
        let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        pdca(&data).args(["--as", HR, "export", "-o"]).arg(&fifo).timeout(PATIENCE).assert().failure();
        assert!(std::os::unix::fs::FileTypeExt::is_fifo(&fs::symlink_metadata(&fifo).unwrap().file_type()));
    }
}

#[test]
fn init_and_the_first_run_never_write_over_a_users_files() {
    let dir = tempfile::tempdir().unwrap();
    let partial = dir.path().join("partial");
    fs::create_dir(&partial).unwrap();
    fs::write(partial.join("org.toml"), "# the user's own\n").unwrap();
    pdca(&partial).args(["init", "--sample"]).assert().failure();
    pdca(&partial).args(["init"]).assert().failure();
    assert_eq!(fs::read_to_string(partial.join("org.toml")).unwrap(), "# the user's own\n");
    assert_eq!(tree(&partial).len(), 1);
    // The app on a named folder without a data set says how to make one and copies nothing.
    let named = dir.path().join("named");
    pdca(&named).assert().failure().stderr(predicate::str::contains("pdca init"));
    assert!(!named.exists());
}

/// The racing saver: runs only in a child process (see the next test), which asks
/// for it by name among the ignored tests; a plain `cargo test` leaves it out.
const RACER: &str = "PDCA_RACE_TEST";

#[test]
#[ignore = "a child process of the next test, run by it"]
fn racer_process() {
    let Ok(spec) = std::env::var(RACER) else { return };
    let [data, go, progress]: [String; 3] = spec.lines().map(str::to_owned).collect::<Vec<_>>().try_into().unwrap();
    let today = Date::from_ymd(2026, 11, 20).unwrap();
    let mut workspace = Workspace::open(Store::new(&data), None, "P0020".into(), today).unwrap();
    let goal = workspace.world.goals_of("P0020")[0].id.clone();
    println!("ready");
    std::io::stdout().flush().unwrap();
    while !Path::new(&go).exists() {
        std::thread::yield_now();
    }
    let progress = progress.parse().unwrap();
    match workspace.execute(Change::Sheet(Edit::SetProgress { goal, progress })) {
        Ok(_) => println!("saved"),
        Err(error) if error.is_conflict() => println!("refused"),
        Err(error) => println!("error {error:?}"),
    }
}

#[test]
fn of_two_saves_at_the_same_instant_exactly_one_wins_and_the_other_is_refused() {
    let (dir, data) = sample_data();
    let file = data.join("cycles/2026/goals/P0020.toml");
    let original = fs::read_to_string(&file).unwrap();
    for round in 0..20 {
        fs::write(&file, &original).unwrap();
        let go = dir.path().join(format!("go-{round}"));
        let racers: Vec<_> = [11, 22]
            .iter()
            .map(|progress| {
                let spec = format!("{}\n{}\n{progress}", data.display(), go.display());
                let mut child = Command::new(std::env::current_exe().unwrap())
                    .args([
                        "--ignored",
                        "--exact",
                        &common::test_name(module_path!(), "racer_process"),
                        "--nocapture",
                        "--test-threads=1",
                    ])
                    .env(RACER, spec)
                    .stdout(Stdio::piped())
                    .spawn()
                    .unwrap();
                let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
                for line in lines.by_ref() {
                    if line.unwrap().ends_with("ready") {
                        break;
                    }
                }
                (child, lines, *progress)
            })
            .collect();
        fs::write(&go, "").unwrap();
        let mut results = Vec::new();
        for (mut child, lines, progress) in racers {
            let said: Vec<String> = lines
                .map_while(Result::ok)
                .filter(|l| !l.is_empty() && !l.starts_with("test") && !l.starts_with("running"))
                .collect();
            child.wait().unwrap();
            let outcome =
                said.iter().find(|l| ["saved", "refused"].contains(&l.as_str()) || l.starts_with("error")).cloned();
            results.push((outcome.unwrap_or_default(), progress));
        }
        let saved: Vec<u32> = results.iter().filter(|(said, _)| said == "saved").map(|(_, p)| *p).collect();
        let refused = results.iter().filter(|(said, _)| said == "refused").count();
        assert_eq!((saved.len(), refused), (1, 1), "round {round}: {results:?}");
        let on_disk = fs::read_to_string(&file).unwrap();
        assert!(on_disk.contains(&format!("progress = {}", saved[0])), "round {round}: the winner's save stands");
    }
}
