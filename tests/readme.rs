//! README stays true: every key binding it must document is there.

use pdca::keys::Action;

#[test]
fn every_action_is_documented_by_its_config_name() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for action in Action::ALL {
        assert!(readme.contains(&format!("`{}`", action.name())), "README lacks the key `{}`", action.name());
    }
}

/// The screen of a UI snapshot, as README shows it: trailing blanks trimmed.
fn snapshot_screen(name: &str) -> String {
    let path = format!("{}/tests/snapshots/{name}.snap", env!("CARGO_MANIFEST_DIR"));
    let snapshot = std::fs::read_to_string(&path).unwrap();
    // insta's header ends at its second `---` line.
    let screen = snapshot.splitn(3, "---\n").nth(2).unwrap_or_default();
    trimmed(screen)
}

fn trimmed(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines.join("\n").trim_end_matches('\n').to_owned()
}

#[test]
fn readmes_screens_of_the_app_are_the_snapshots_of_the_real_ui() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let blocks: Vec<String> =
        readme.split("```").skip(1).step_by(2).map(|block| trimmed(block.trim_start_matches('\n'))).collect();
    for tab in ["0_tree", "1_mine", "2_review", "3_contribution", "4_people", "5_meetings"] {
        let name = format!("integration__ui__ja_80x24_{tab}");
        assert!(
            blocks.contains(&snapshot_screen(&name)),
            "README's capture of {tab} at 80×24 is not tests/snapshots/{name}.snap: copy the snapshot's screen in"
        );
    }
}
