//! Dates written as the config says (`date_style`), through the real binary.

use crate::common;

use std::fs;

use common::pdca_cli as pdca;

fn show_mine(config_text: Option<&str>, lang: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // Where `pdca_cli` looks for the config.
    let config = data.with_extension("config");
    fs::create_dir(&config).unwrap();
    if let Some(text) = config_text {
        fs::write(config.join("config.toml"), text).unwrap();
    }
    pdca(&data).args(["init", "--sample"]).assert().success();
    let output = pdca(&data).args(["--as", "P0020", "--lang", lang, "show", "mine"]).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn dates_follow_the_language_unless_the_config_names_a_style() {
    // P0020's goals are due 2027-03-31: 令和元年 is 2019, so 2027 is 令和9年.
    assert!(show_mine(None, "ja").contains("2027年3月31日"));
    assert!(show_mine(None, "en").contains("2027-03-31"));
    let wareki = show_mine(Some("date_style = \"wareki\"\n"), "ja");
    assert!(wareki.contains("令和9年3月31日") && !wareki.contains("2027年"), "{wareki}");
    assert!(show_mine(Some("date_style = \"wareki\"\n"), "en").contains("R9.3.31"));
    let iso = show_mine(Some("date_style = \"iso\"\n"), "ja");
    assert!(iso.contains("2027-03-31") && !iso.contains("2027年"), "{iso}");
}
