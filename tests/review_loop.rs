//! The review loop as both sides live it: a send-back's reason reaches the sheet's
//! owner (My goals and `pdca show mine`) until the next step, a reviewer sends a
//! sheet straight back to draft in one step, and the status line says what a step did.

use crate::common;

use common::screen::{key, open, press, screen};
use std::collections::BTreeMap;
use std::fs;

use pdca::app::App;
use pdca::app::tabs::Tab;
use pdca::keys::Keymap;
use pdca::messages::Lang;
use pdca::model::command::Command;
use pdca::model::workflow::SheetState;
use pdca::model::{Source, Step};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use common::TODAY;

fn app(dir: &tempfile::TempDir, actor: &str, size: (u16, u16)) -> App {
    open(&dir.path().join("data"), actor, Lang::Ja, Keymap::new(&BTreeMap::new()), size)
}

fn show_mine(dir: &tempfile::TempDir, actor: &str) -> String {
    let output = assert_cmd::Command::cargo_bin("pdca")
        .unwrap()
        .arg("--data-dir")
        .arg(dir.path().join("data"))
        .args(["--as", actor, "--lang", "ja", "--today", TODAY, "show", "mine", "--width", "80"])
        .env("PDCA_CONFIG_DIR", dir.path().join("config"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// P0014 (相馬 拓也) had his sheet sent back by P0012 (齋藤 大輔) on 2026-05-20.
const REASON: &str = "差し戻し (2026年5月20日 齋藤 大輔 主幹 → 下書き): 基本情報技術者試験の目標を";

#[test]
fn the_reason_of_a_send_back_stays_in_front_of_the_owner_until_the_next_step() {
    let (dir, _) = common::sample_data();
    let mut owner = app(&dir, "P0014", (80, 24));
    press(&mut owner, KeyCode::Char('2'));
    assert_eq!(owner.tab, Tab::Mine);
    let shown = screen(&owner);
    insta::assert_snapshot!("sent_back_mine_80x24", shown);
    assert!(shown.contains("差し戻し (2026年5月20日 齋藤 大輔 主幹 → 下書き):\n基本情報技術者試験の目標を"), "{shown}");
    let printed = show_mine(&dir, "P0014");
    assert!(printed.contains(&format!("\n{REASON}")), "{printed}");

    owner
        .shared
        .workspace
        .execute(Command::Step { person: "P0014".into(), step: Step::Submit, comment: String::new() })
        .unwrap();
    let mut owner = app(&dir, "P0014", (80, 24));
    press(&mut owner, KeyCode::Char('2'));
    assert!(!screen(&owner).contains("差し戻し ("), "gone once the sheet moved on");
    assert!(!show_mine(&dir, "P0014").contains("差し戻し ("));
}

#[test]
fn a_reviewer_sends_a_sheet_straight_back_to_draft_in_one_step_and_is_told_so() {
    // P0013 (奈良 真由美) has an approved sheet; her reviewer is P0012.
    let (dir, _) = common::sample_data();
    let mut reviewer = app(&dir, "P0012", (80, 24));
    press(&mut reviewer, KeyCode::Char('3'));
    let row = reviewer.tabs.review.rows.iter().position(|r| r.person == "P0013").unwrap();
    assert_eq!(reviewer.tabs.review.rows[row].state, SheetState::Approved);
    for _ in 0..row {
        press(&mut reviewer, KeyCode::Char('n'));
    }
    press(&mut reviewer, KeyCode::Char('b'));
    for c in "目標を立て直してください".chars() {
        press(&mut reviewer, KeyCode::Char(c));
    }
    press(&mut reviewer, KeyCode::Tab);
    let form = screen(&reviewer);
    assert!(form.contains("戻す先") && form.contains("「提出」に戻す"), "{form}");
    press(&mut reviewer, KeyCode::Right);
    assert!(screen(&reviewer).contains("「下書き」に戻す"));
    key(&mut reviewer, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(reviewer.popups.is_empty(), "saved: {:?}", reviewer.status);
    assert_eq!(reviewer.tabs.review.rows[row].state, SheetState::Draft, "one step, from approved to draft");
    let status = reviewer.status.clone().unwrap();
    assert_eq!(status.text, "保存しました: 奈良 真由美 主査 さんのシートは「下書き」になりました");
    assert!(screen(&reviewer).contains(&status.text));

    let source = Source::Feedback { cycle: "2026".into(), reviewer: "P0012".into() };
    let text = fs::read_to_string(reviewer.shared.workspace.store.path_of(&source).unwrap()).unwrap();
    assert!(text.contains("step = \"send-back-to-draft\""), "{text}");
    let shown = show_mine(&dir, "P0013");
    assert!(
        shown.contains("\n差し戻し (2026年11月20日 齋藤 大輔 主幹 → 下書き): 目標を立て直してください\n"),
        "{shown}"
    );
}

#[test]
fn a_proposals_note_is_read_before_answering_and_kept_in_the_adopted_goal() {
    // P0001-2026-2-c (テレワーク環境の拡充) is 工藤 部長's pending proposal to P0004
    // (三上 浩之), with a note.
    const NOTE: &str = "中間面談を受けて追加します。ウェイトの見直しと併せて検討してください。";
    let (dir, _) = common::sample_data();
    let mut report = app(&dir, "P0004", (80, 24));
    press(&mut report, KeyCode::Char('2'));
    let row = report
        .tabs
        .mine
        .entries
        .iter()
        .position(|e| matches!(e, pdca::view::sheet::SheetEntry::Proposal(id) if id == "P0001-2026-2-c"))
        .unwrap();
    for _ in 0..row {
        press(&mut report, KeyCode::Down);
    }
    let selected = screen(&report);
    insta::assert_snapshot!("proposal_note_mine_80x24", selected);
    assert!(selected.contains(NOTE), "{selected}");

    press(&mut report, KeyCode::Enter);
    let form = screen(&report);
    insta::assert_snapshot!("proposal_note_answer_80x24", form);
    assert!(form.contains("提案の補足:") && form.contains(NOTE), "{form}");
    // Answer, title, weight, decline reason, then the revision's reason (the sheet is approved).
    press(&mut report, KeyCode::Tab);
    press(&mut report, KeyCode::Tab);
    press(&mut report, KeyCode::Char('5'));
    press(&mut report, KeyCode::Tab);
    press(&mut report, KeyCode::Tab);
    for c in "中間面談で合意".chars() {
        press(&mut report, KeyCode::Char(c));
    }
    key(&mut report, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(report.popups.is_empty(), "saved: {:?}", report.status);
    let goals = report.shared.workspace.world.goals_of("P0004");
    let adopted = goals.iter().find(|g| g.proposal.as_deref() == Some("P0001-2026-2-c")).unwrap();
    assert_eq!(adopted.detail.get().unwrap().proposal_note, NOTE);
    let text = fs::read_to_string(dir.path().join("data/cycles/2026/goals/P0004.toml")).unwrap();
    assert!(text.contains(&format!("proposal_note = \"{NOTE}\"")), "{text}");
    let plan = screen(&report);
    assert!(plan.contains("提案の補足:"), "the Plan pane of the adopted goal shows it:\n{plan}");
}

#[test]
fn hr_sees_the_sheets_by_unit_and_who_is_late_instead_of_an_empty_inbox() {
    // P0007 (木村 あゆみ, HR) reviews nobody. On 2026-11-20 the cycle is in its Do
    // phase, which expects approved plans: the draft sheets are late.
    let (dir, _) = common::sample_data();
    let mut hr = app(&dir, "P0007", (80, 24));
    press(&mut hr, KeyCode::Char('3'));
    let shown = screen(&hr);
    insta::assert_snapshot!("overview_hr_80x24", shown);
    assert!(!shown.contains("評価する職員はいません"), "{shown}");
    assert!(shown.contains("組織別のシート状態 (実行 (期中): 「承認」に達していないシートは遅れ)"), "{shown}");
    assert!(shown.contains("遅れ  DX推進チーム: 相馬 拓也 技師 (下書き)"), "{shown}");
    // Someone who reviews nobody and is not HR is still told so.
    let mut staff = app(&dir, "P0014", (80, 24));
    press(&mut staff, KeyCode::Char('3'));
    assert!(screen(&staff).contains("評価する職員はいません"));
}
