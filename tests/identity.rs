//! Who is at the keyboard, run as a user would: in a `login` data set the OS
//! account decides, `--as` and `me` are refused but to an administrator, and every
//! use by an administrator is recorded in their audit file.

use crate::common;

use std::fs;
use std::path::Path;

use common::{pdca_cli, replace_in, sample_data};
use pdca::model::audit::AuditFile;

/// The account this test runs as, as the program reads it.
fn os_user() -> String {
    whoami::username().expect("the OS user name")
}

/// The sample in `login` mode with 鳴海 翔 (P0011, 主事) logged in as this OS user.
fn login_data_set(roles: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, data) = sample_data();
    replace_in(&data.join("pdca.toml"), "identity = \"demo\"", "identity = \"login\"");
    let me = format!("login = \"{}\"{roles}", os_user());
    replace_in(&data.join("org.toml"), "login = \"narumi.s\"", &me);
    (dir, data)
}

fn run(data: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = pdca_cli(data).args(args).output().unwrap();
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
    (output.status.code(), text(output.stdout), text(output.stderr))
}

#[test]
fn in_login_mode_the_os_account_decides_and_as_is_refused() {
    let (_dir, data) = login_data_set("");
    let (code, stdout, _) = run(&data, &["show", "mine", "--width", "100"]);
    assert_eq!(code, Some(0));
    assert!(stdout.lines().next().unwrap().ends_with("鳴海 翔 主事"), "{stdout}");

    let (code, stdout, stderr) = run(&data, &["--as", "P0007", "export"]);
    assert_eq!(code, Some(2));
    assert!(stdout.is_empty(), "nothing exported: {stdout}");
    let expected = format!(
        "pdca: --as names `P0007`, but this data set identifies people by their OS login (identity = \"login\" in \
         pdca.toml): you are P0011 (login `{}`), and only a person with the `admin` role may act as someone else, \
         every time on the record\n",
        os_user()
    );
    assert_eq!(stderr, expected);

    // `me` in one's own config file is no way round it.
    let config = data.with_extension("config");
    fs::create_dir_all(&config).unwrap();
    fs::write(config.join("config.toml"), "me = \"P0007\"\n").unwrap();
    let (code, _, stderr) = run(&data, &["export"]);
    assert_eq!(code, Some(2));
    assert!(stderr.starts_with("pdca: `me` in the config file names `P0007`, but"), "{stderr}");
    assert!(!data.join("audit").exists(), "a refusal records nothing");
}

#[test]
fn a_data_set_that_does_not_say_is_in_login_mode() {
    let (_dir, data) = sample_data();
    replace_in(&data.join("pdca.toml"), "identity = \"demo\"\n", "");
    let (code, _, stderr) = run(&data, &["--as", "P0007", "show", "tree"]);
    assert_eq!(code, Some(2));
    let expected = format!("no person in org.toml has login `{}`", os_user());
    assert!(stderr.contains("identifies people by their OS login") && stderr.contains(&expected), "{stderr}");
}

#[test]
fn an_administrator_acts_as_someone_else_on_the_record() {
    let (_dir, data) = login_data_set("\nroles = [\"admin\"]");
    for _ in 0..2 {
        let (code, stdout, stderr) = run(&data, &["--as", "P0007", "export", "--format", "csv"]);
        assert_eq!(code, Some(0), "{stderr}");
        assert!(stdout.contains("P0011"), "exported as HR");
    }
    let (code, _, _) = run(&data, &["--as", "P0011", "show", "mine"]);
    assert_eq!(code, Some(0));
    let audit: AuditFile = toml::from_str(&fs::read_to_string(data.join("audit/P0011.toml")).unwrap()).unwrap();
    assert_eq!(audit.admin, "P0011");
    let acted: Vec<(&str, bool)> = audit
        .acted
        .iter()
        .map(|a| (a.person.as_str(), a.command.ends_with("--as P0007 export --format csv")))
        .collect();
    assert_eq!(acted, [("P0007", true), ("P0007", true)], "acting as oneself is not recorded");
    // The record is where the data set's administrator can see it, and only there.
    assert!(audit.acted[0].at <= audit.acted[1].at);
}

#[test]
fn in_demo_mode_as_works_as_before_and_records_nothing() {
    let (_dir, data) = sample_data();
    let (code, stdout, _) = run(&data, &["--as", "P0007", "export"]);
    assert_eq!(code, Some(0));
    assert!(stdout.starts_with("schema = \"pdca-hr-export/2\""));
    assert!(!data.join("audit").exists());
}

#[test]
fn an_unknown_login_is_told_who_they_could_be_and_how_to_be_known_in_their_language() {
    // A real data set where nobody has this OS account's login.
    let (_dir, data) = sample_data();
    replace_in(&data.join("pdca.toml"), "identity = \"demo\"", "identity = \"login\"");
    let login = os_user();
    // The app (no subcommand) and a CLI command say the same, before any screen.
    for (args, lang) in [(&["--lang", "ja"][..], "ja"), (&["--lang", "en", "show", "tree"][..], "en")] {
        let (code, stdout, stderr) = run(&data, args);
        assert_eq!(code, Some(2), "{stderr}");
        assert!(stdout.is_empty(), "{stdout}");
        let expected = match lang {
            "ja" => [
                format!(
                    "ログイン名が `{login}` の職員が org.toml にいません\norg.toml の職員:\n  P0001 工藤 誠一 部長\n"
                ),
                "\n  …ほか 13 人\n".to_owned(),
                format!(
                    "人事課に、org.toml のあなたの行 (上の一覧の職員番号) へ `login = \"{login}\"` を書いてもらってください\n"
                ),
            ],
            _ => [
                format!("no person in org.toml has login `{login}`\npeople in org.toml:\n  P0001 工藤 誠一 部長\n"),
                "\n  … and 13 more\n".to_owned(),
                format!("ask HR to add `login = \"{login}\"` to your entry (your id above) in org.toml\n"),
            ],
        };
        for part in expected {
            assert!(stderr.contains(&part), "{part:?} not in:\n{stderr}");
        }
    }
}
