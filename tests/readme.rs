//! README stays true: every key binding it must document is there.

use pdca::keys::Action;

#[test]
fn every_action_is_documented_by_its_config_name() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for action in Action::ALL {
        assert!(readme.contains(&format!("`{}`", action.name())), "README lacks the key `{}`", action.name());
    }
}
