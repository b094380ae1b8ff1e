//! `pdca org import roster.csv`: good rows, every kind of bad row, dry runs, partial
//! imports and who may do it — run as a user would, on the bundled sample.

use crate::common;

use std::fs;
use std::path::PathBuf;

use predicates::prelude::*;

use common::pdca_cli as pdca;
use pdca::model::{Org, UnitKind};
use pdca::store::Store;

const HR: &str = "P0007";
const HEADER: &str = "id,name,kana,unit,grade,title,reviewer,login,roles\n";

struct Sample {
    _dir: tempfile::TempDir,
    data: PathBuf,
    roster: PathBuf,
}

impl Sample {
    fn new() -> Sample {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        Store::new(&data).init_sample().unwrap();
        let roster = dir.path().join("roster.csv");
        Sample { _dir: dir, data, roster }
    }

    fn org_text(&self) -> String {
        fs::read_to_string(self.data.join("org.toml")).unwrap()
    }

    fn org(&self) -> Org {
        toml::from_str(&self.org_text()).unwrap()
    }

    fn import(&self, roster: &str, flags: &[&str]) -> assert_cmd::assert::Assert {
        fs::write(&self.roster, roster).unwrap();
        pdca(&self.data).args(["--as", HR, "org", "import"]).arg(&self.roster).args(flags).assert()
    }
}

#[test]
fn good_rows_add_and_change_people_and_create_units_but_remove_no_one() {
    let sample = Sample::new();
    let before = sample.org();
    let roster = format!(
        "{HEADER}\
         P0011,鳴海 翔,なるみ しょう,総務部/人事課/採用チーム,3,主任,P0003,narumi.s,\n\
         P0030,\"山田, 太郎\",やまだ たろう,総務部/人事課/採用チーム,1,主事,P0011,yamada.t,hr;mentor\n\
         P0031,\"佐藤 \"\"はな\"\"子\",,総務部/人事課,,会計年度任用職員,P0030,,\n\
         P0007,木村 あゆみ,きむら あゆみ,総務部/人事課,4,主査,P0003,kimura.a,hr\n"
    );
    sample
        .import(&roster, &[])
        .success()
        .stdout(predicate::str::contains("added 2:"))
        .stdout(predicate::str::contains("P0030 山田, 太郎 (総務部/人事課/採用チーム)"))
        .stdout(predicate::str::contains(
            "P0011 鳴海 翔: unit: 総務部/人事課 → 総務部/人事課/採用チーム; grade: 2 → 3; title: 主事 → 主任",
        ))
        .stdout(predicate::str::contains("new units 1:\n  総務部/人事課/採用チーム"))
        .stdout(predicate::str::contains("(would remove; not removed) 21:"))
        .stdout(predicate::str::contains("P0022 田中 優斗"))
        .stdout(predicate::str::contains("wrote "));

    let after = sample.org();
    assert_eq!(after.people.len(), before.people.len() + 2, "nobody is removed");
    let person = |id: &str| after.people.iter().find(|p| p.id == id).unwrap().clone();
    let team = after.units.iter().find(|u| u.name == "採用チーム").unwrap();
    assert_eq!((team.kind, team.parent.as_deref()), (UnitKind::Team, Some("jinji")));
    let yamada = person("P0030");
    assert_eq!(yamada.name, "山田, 太郎");
    assert_eq!(yamada.unit, team.id);
    assert_eq!(yamada.roles, ["hr", "mentor"]);
    assert_eq!(yamada.login.as_deref(), Some("yamada.t"));
    let sato = person("P0031");
    assert_eq!((sato.name.as_str(), sato.grade, sato.kana.as_deref()), ("佐藤 \"はな\"子", None, None));
    assert_eq!(sato.reviewer.as_deref(), Some("P0030"), "a reviewer may be a new person of the same roster");
    assert_eq!(person("P0011").title, "主任");
    // Unchanged people keep everything, including what the roster has no column for.
    assert_eq!(person("P0001"), before.people.iter().find(|p| p.id == "P0001").unwrap().clone());
    pdca(&sample.data).arg("check").assert().success();

    // The same roster again changes nothing.
    let text = sample.org_text();
    sample.import(&roster, &[]).success().stdout(predicate::str::contains("no changes"));
    assert_eq!(sample.org_text(), text);
}

#[test]
fn a_japanese_header_with_a_bom_and_fewer_columns_in_another_order() {
    let sample = Sample::new();
    // No kana, grade, login or roles columns: those fields of existing people stay.
    let roster = "\u{feff}所属,職員番号,氏名,職名,一次評価者\r\n総務部/行政経営課,P0011,鳴海 翔,主事,P0005\r\n";
    sample
        .import(roster, &[])
        .success()
        .stdout(predicate::str::contains("unit: 総務部/人事課 → 総務部/行政経営課; reviewer: P0003 → P0005"));
    let org = sample.org();
    let narumi = org.people.iter().find(|p| p.id == "P0011").unwrap();
    assert_eq!(
        (narumi.unit.as_str(), narumi.grade, narumi.login.as_deref()),
        ("gyoseikeiei", Some(2), Some("narumi.s"))
    );
}

#[test]
fn line_numbers_count_crlf_line_ends_and_quoted_line_breaks() {
    let sample = Sample::new();
    let roster = "id,name,kana,unit,grade,title,reviewer,login,roles\r\n\
                  P0050,\"二行の\r\nふりがな\",,総務部,1,主事,,,\r\n\
                  P0051,正しい,,総務部,1,主事,,,\r\n\
                  P0052,級,,総務部,9,主事,,,\r\n";
    sample
        .import(roster, &["--partial"])
        .success()
        .stderr(predicate::str::contains(
            "roster.csv:2: rejected (P0050): column `name` contains control character U+000D",
        ))
        .stderr(predicate::str::contains("roster.csv:5: rejected (P0052): grade 9 is outside 1–8"));
}

#[test]
fn rows_without_a_header_are_read_in_the_documented_order() {
    let sample = Sample::new();
    sample
        .import("P0040,新人 一郎,しんじん いちろう,総務部,1,主事,P0001,shinjin.i,\n", &[])
        .success()
        .stdout(predicate::str::contains("added 1:\n  P0040 新人 一郎 (総務部)"));
}

#[test]
fn every_kind_of_bad_row_is_rejected_with_its_line_and_nothing_is_written() {
    let long = "長".repeat(201);
    let cases: Vec<(String, &str)> = vec![
        (",名無し,,総務部,1,主事,,,".into(), "empty id"),
        ("P/1,斜線,,総務部,1,主事,,,".into(), "id `P/1` is not a valid id: it contains `/`"),
        (
            "P0050,空欄の名前,,総務部,1,主事,P9999,,".into(),
            "unknown reviewer P9999 (not in the roster nor in org.toml)",
        ),
        ("P0050,級,,総務部,9,主事,,,".into(), "grade 9 is outside 1–8"),
        ("P0050,級,,総務部,0,主事,,,".into(), "grade 0 is outside 1–8"),
        ("P0050,級,,総務部,三,主事,,,".into(), "grade `三` is not a number from 1 to 8"),
        ("P0050,\"改行\n入り\",,総務部,1,主事,,,".into(), "column `name` contains control character U+000A"),
        ("P0050,タブ\t入り,,総務部,1,主事,,,".into(), "column `name` contains control character U+0009"),
        (format!("P0050,{long},,総務部,1,主事,,,"), "column `name` is 201 characters long; the limit is 200"),
        ("P0050,名前,,総務部/a/b/c,1,主事,,,".into(), "has 4 levels; at most 3"),
        // Text a spreadsheet would run as a formula, wherever the CSV export carries it.
        ("P0050,=HYPERLINK(\"http://x\"),,総務部,1,主事,,,".into(), "column `name` begins with = + - or @"),
        ("P0050,名前,+cmd|' /C calc'!A0,総務部,1,主事,,,".into(), "column `kana` begins with = + - or @"),
        ("P0050,名前,,総務部/@SUM(A1),1,主事,,,".into(), "column `unit` begins with = + - or @"),
        ("P0050,名前,,総務部,1,-2+3,,,".into(), "column `title` begins with = + - or @"),
        ("P0050,名前\u{202e},,総務部,1,主事,,,".into(), "column `name` contains control character U+202E"),
        ("P0050,名前,,総務部//人事課,1,主事,,,".into(), "has an empty level"),
        ("P0050,名前,,,1,主事,,,".into(), "empty unit path"),
        ("P0050,,,総務部,1,主事,,,".into(), "empty name"),
        ("P0050,名前,,総務部,1,主事".into(), "expected 9 columns, found 6"),
        ("P0050,名前,,総務部,1,主事,P0050,,".into(), "P0050 cannot be their own reviewer"),
        ("P0050,名前,,総務部,1,主事,,kudo.s,".into(), "login `kudo.s` is also used by P0001"),
        // P0007 → P0003 → P0001, so P0001 reviewed by P0007 would be a loop.
        ("P0001,工藤 誠一,,総務部,8,部長,P0007,kudo.s,".into(), "reviewer chain loops"),
    ];
    for (row, reason) in cases {
        let sample = Sample::new();
        let before = sample.org_text();
        sample
            .import(&format!("{HEADER}{row}\n"), &[])
            .code(1)
            .stderr(predicate::str::contains("roster.csv:2: rejected"))
            .stderr(predicate::str::contains(reason))
            .stderr(predicate::str::contains("nothing written"));
        assert_eq!(sample.org_text(), before, "org.toml unchanged after: {row}");
    }
}

#[test]
fn a_duplicate_id_rejects_every_line_that_has_it() {
    let sample = Sample::new();
    let roster = format!(
        "{HEADER}P0050,一人目,,総務部,1,主事,,,\nP0001,工藤 誠一,,総務部,8,部長,,,\nP0050,二人目,,総務部,1,主事,,,\n"
    );
    sample
        .import(&roster, &["--partial"])
        .success()
        .stderr(predicate::str::contains("roster.csv:2: rejected (P0050): duplicate id P0050 (lines 2, 4)"))
        .stderr(predicate::str::contains("roster.csv:4: rejected (P0050): duplicate id P0050 (lines 2, 4)"));
    assert!(sample.org().people.iter().all(|p| p.id != "P0050"));
}

#[test]
fn a_dry_run_shows_the_changes_and_writes_nothing() {
    let sample = Sample::new();
    let before = sample.org_text();
    sample
        .import(&format!("{HEADER}P0011,鳴海 翔,なるみ しょう,総務部/人事課,2,主任,P0003,narumi.s,\n"), &["--dry-run"])
        .success()
        .stdout(predicate::str::contains("would change 1:\n  P0011 鳴海 翔: title: 主事 → 主任"))
        .stdout(predicate::str::contains("dry run: nothing written"));
    assert_eq!(sample.org_text(), before);
}

#[test]
fn partial_applies_the_valid_rows_and_rejects_rows_that_lean_on_rejected_ones() {
    let sample = Sample::new();
    let roster = format!(
        "{HEADER}\
         P0060,正しい 行,,総務部/人事課,2,主事,P0003,,\n\
         P0061,級が変,,総務部/人事課,12,主事,P0003,,\n\
         P0062,評価者が却下,,総務部/人事課,2,主事,P0061,,\n"
    );
    let before = sample.org_text();
    sample
        .import(&roster, &["--dry-run", "--partial"])
        .success()
        .stdout(predicate::str::contains("would add 1:\n  P0060"))
        .stderr(predicate::str::contains("roster.csv:3: rejected (P0061): grade 12 is outside 1–8"))
        .stderr(predicate::str::contains("roster.csv:4: rejected (P0062): reviewer P0061 is on rejected line 3"));
    assert_eq!(sample.org_text(), before);
    sample.import(&roster, &["--partial"]).success().stdout(predicate::str::contains("added 1:"));
    let ids: Vec<String> =
        sample.org().people.into_iter().map(|p| p.id.to_string()).filter(|id| id.starts_with("P006")).collect();
    assert_eq!(ids, ["P0060"]);
}

#[test]
fn an_unreadable_roster_is_refused_as_a_whole() {
    let sample = Sample::new();
    sample
        .import("id,name,unit,shoe size\n", &[])
        .failure()
        .stderr(predicate::str::contains("unknown column `shoe size`"));
    sample
        .import("id,kana,unit\n", &[])
        .failure()
        .stderr(predicate::str::contains("required column `name` is missing"));
    fs::write(&sample.roster, b"id,name,unit\nP0050,\x93\xfa\x96\x7b,x\n").unwrap();
    pdca(&sample.data)
        .args(["--as", HR, "org", "import"])
        .arg(&sample.roster)
        .assert()
        .failure()
        .stderr(predicate::str::contains("line 2: not valid UTF-8"));
    // In Japanese the whole message is Japanese, and names the cell.
    pdca(&sample.data)
        .args(["--as", HR, "--lang", "ja", "org", "import"])
        .arg(&sample.roster)
        .assert()
        .failure()
        .stderr(predicate::str::contains("2 行目 2 列目: UTF-8 ではありません"))
        .stderr(predicate::str::contains("not valid").not());
}

#[test]
fn only_hr_may_import_a_roster() {
    let sample = Sample::new();
    let before = sample.org_text();
    fs::write(&sample.roster, format!("{HEADER}P0011,鳴海 翔,,総務部,9,部長,,,hr\n")).unwrap();
    pdca(&sample.data)
        .args(["--as", "P0011", "org", "import"])
        .arg(&sample.roster)
        .assert()
        .failure()
        .stdout("")
        .stderr(predicate::str::contains("P0011").and(predicate::str::contains("hr role")));
    assert_eq!(sample.org_text(), before);
}

#[test]
fn the_roster_import_speaks_japanese_when_asked() {
    let sample = Sample::new();
    let before = sample.org_text();
    let roster = format!(
        "{HEADER}P0011,鳴海 翔,なるみ しょう,総務部/人事課,2,主任,P0003,narumi.s,\nP0050,\"改行\n入り\",,総務部,1,主事,,,\n"
    );
    sample
        .import(&roster, &["--lang", "ja", "--dry-run"])
        .code(1)
        .stdout(predicate::str::contains("変更予定 1 人:\n  P0011 鳴海 翔: 職名: 主事 → 主任\n"))
        .stderr(predicate::str::contains(
            "roster.csv:3: 取り込めません (P0050): 列 `氏名` に制御文字 U+000A があります",
        ))
        .stderr(predicate::str::contains("pdca: 取り込めない行が 1 行あるため、何も書き込んでいません"));
    assert_eq!(sample.org_text(), before);
    fs::write(&sample.roster, HEADER).unwrap();
    pdca(&sample.data)
        .args(["--as", "P0011", "--lang", "ja", "org", "import"])
        .arg(&sample.roster)
        .assert()
        .code(2)
        .stderr("pdca: 組織の変更には人事部門 (hr) の権限が必要です\n");
}

#[test]
fn a_roster_of_twenty_thousand_rows_imports() {
    // Every lookup of the merge is indexed; this took minutes when each row searched
    // every row and every line end before it. No timing here: that it completes.
    let mut roster = String::from(HEADER);
    for n in 1..=20_000 {
        let reviewer = if n % 100 == 1 { String::new() } else { format!("S{:05}", (n - 1) / 100 * 100 + 1) };
        let (section, team) = (n % 50, n / 50 % 4);
        let line = format!("S{n:05},職員 {n},,市役所/課{section}/係{team},3,主事,{reviewer},user{n},\n");
        roster.push_str(&line);
    }
    let plan = pdca::hr::roster::plan(&Org::default(), roster.as_bytes()).unwrap();
    assert_eq!(plan.rejected, []);
    assert_eq!(plan.added.len(), 20_000);
    // 市役所, its 50 sections and 4 teams under each.
    assert_eq!(plan.new_units.len(), 1 + 50 + 50 * 4);
    let last = plan.added.last().unwrap();
    assert_eq!((last.id.as_str(), last.unit_path.as_str()), ("S20000", "市役所/課0/係0"));
    assert_eq!(plan.org.people[19_999].reviewer.as_deref(), Some("S19901"));
}
