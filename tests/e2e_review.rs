//! End to end, across three sessions of the real `pdca` binary in a pseudo-terminal:
//! a section head breaks one of their goals down to a direct report, the report adopts
//! the proposal and writes a self-check, and the head writes feedback on the adopted
//! goal and takes the next workflow step on the report's sheet.
//!
//! People of the bundled sample: 三上 浩之 課長 (P0004, head of 情報政策課) and his
//! direct report 長谷川 亮 主査 (P0016). The goal broken down is P0004's
//! 「課内職員との1on1を毎月実施する」 (P0004-2026-4), to which P0016 contributes
//! nothing yet.
//!
//! The workflow decides what the head can do at the end. Neither P0004's direct
//! reports nor anyone else he reviews has a sheet in 提出 (submitted) state on the
//! sample's day, and P0016's sheet is already 承認 (approved), so there is nothing to
//! approve. The nearest real path to "the manager takes the next step" is: on the
//! approved sheet the head has no step (the app says so, and a send-back needs a
//! reason); the report submits the self-check (`S`, 自己評価の提出), which moves the
//! sheet to 自己評価済; then the head's next step is 一次評価 (the first review).

use crate::common;

use common::pty::Pty;
use common::{Fixture, TODAY};
use pdca::model::{Level, Proposal, Step};

const HEAD: &str = "P0004";
const REPORT: &str = "P0016";
const PARENT_GOAL: &str = "P0004-2026-4";
const PARENT_TITLE: &str = "課内職員との1on1を毎月実施する";
const SIZE: (u16, u16) = (120, 40);

const PROPOSAL_TITLE: &str = "若手職員向け勉強会の企画と運営";
const PROPOSAL_NOTE: &str = "月1回、課内の若手と情報共有の場をつくる";
const SHARE: &str = "30";
const WEIGHT: &str = "10";
const ADOPT_REASON: &str = "課長からの提案を受けて期中に追加";
const SELF_CHECK: &str = "11月に第1回を開催し、若手5名が参加した。";
const SUBMIT_COMMENT: &str = "自己評価を提出します。";
const STRENGTHS: &str = "提案を受けてすぐに勉強会を立ち上げた。";
const IMPROVEMENTS: &str = "参加者の声を次回の内容に反映したい。";
const CONTRIBUTION: &str = "課内1on1の補完として若手の育成に貢献。";
const FEEDBACK_COMMENT: &str = "この調子で続けてください。";
const REVIEW_COMMENT: &str = "目標はおおむね達成。勉強会の継続を期待する。";

/// The screen line that contains all of `parts`, if any.
fn line_with<'a>(screen: &'a str, parts: &[&str]) -> Option<&'a str> {
    screen.lines().find(|line| parts.iter().all(|part| line.contains(part)))
}

/// `pdca show contribution` for the top goal above the broken-down goal, as P0004.
fn contribution_table(fixture: &Fixture) -> String {
    fixture.pdca(&["--as", HEAD, "show", "contribution", "--goal", PARENT_GOAL, "--width", "120"])
}

/// The planned share (計画配分, the first percentage) of the row naming `name`.
fn planned_share(table: &str, name: &str) -> Option<f64> {
    let row = table.lines().find(|line| line.starts_with(name))?;
    let share = row.split_whitespace().find(|word| word.ends_with('%'))?;
    Some(share.trim_end_matches('%').parse().unwrap_or_else(|_| panic!("odd share in {row:?}")))
}

/// The proposal P0004 made in session 1.
fn the_proposal(fixture: &Fixture) -> Proposal {
    let proposals = fixture.goals(HEAD).proposals;
    let found: Vec<&Proposal> = proposals.iter().filter(|p| p.title == PROPOSAL_TITLE).collect();
    assert_eq!(found.len(), 1, "expected one proposal titled {PROPOSAL_TITLE}: {proposals:#?}");
    found[0].clone()
}

/// Session 1, P0004: proposes a breakdown of P0004-2026-4 to P0016, sees it in the
/// Tree as not yet adopted, and finds no workflow step to take on P0016's approved sheet.
fn head_proposes_a_breakdown(fixture: &Fixture) {
    let pty = Pty::start(fixture, HEAD, SIZE, &[]);
    pty.wait_for("三上 浩之 課長");
    pty.send("2");
    pty.wait_for("目標 4 件  ウェイト合計 100%");
    // The fourth goal; the Plan pane shows the selected one.
    for _ in 0..3 {
        pty.send("j");
    }
    pty.wait_for(&format!("目標: {PARENT_TITLE}"));

    pty.send("B");
    pty.wait_for(&format!("ブレイクダウン提案: {PARENT_TITLE}"));
    // The direct reports in org.toml order: 齋藤 大輔, 長谷川 亮, 石岡 由紀子.
    pty.wait_for("< 齋藤 大輔 主幹 >");
    pty.send("Right");
    pty.wait_for("< 長谷川 亮 主査 >");
    pty.send("Tab");
    pty.send_literal(PROPOSAL_TITLE);
    pty.send("Tab");
    pty.send_literal(SHARE);
    pty.send("Tab");
    pty.send_literal(PROPOSAL_NOTE);
    pty.wait_for(PROPOSAL_NOTE);
    pty.send("C-s");
    pty.wait_for_save();

    // The Tree shows the proposal under the goal, not yet adopted.
    pty.send("1");
    let unset = format!("[未設定] {PROPOSAL_TITLE}");
    let screen = pty.wait_for(&unset);
    let row = line_with(&screen, &[&unset]).unwrap();
    assert!(row.contains("長谷川 亮 主査"), "the proposal's row does not name P0016: {row:?}");

    // Review: the inbox lists the direct reports first (齋藤, then 長谷川).
    pty.send("3");
    pty.wait_for("長谷川 亮 主査");
    pty.send("j");
    pty.send("Enter");
    pty.wait_for("長谷川 亮 主査  シート: 承認");
    // An approved sheet waits for its owner's self-check: nothing for the reviewer to take.
    pty.send("s");
    pty.wait_for("このシート (承認) に対して今とれる手続はありません");
    // Sending it back needs a reason: an empty one is refused and the form stays
    // open, its key line replaced by the refusal.
    let feedback_before = std::fs::read_to_string(fixture.feedback_path(HEAD)).unwrap();
    pty.send("b");
    pty.wait_for("長谷川 亮 主査 さんのシートを差し戻す");
    pty.wait_for("Left/Right 選択肢");
    pty.send("C-s");
    pty.wait_until("the empty send-back to be refused in the form", |s| {
        s.contains("長谷川 亮 主査 さんのシートを差し戻す") && !s.contains("Left/Right 選択肢")
    });
    pty.send("Escape");
    pty.wait_until("the send-back form to close", |s| !s.contains("さんのシートを差し戻す"));
    assert_eq!(
        std::fs::read_to_string(fixture.feedback_path(HEAD)).unwrap(),
        feedback_before,
        "a refused send-back changed P0004's feedback file"
    );

    pty.send("q");
    assert_eq!(pty.wait_for_exit(), 0);
}

/// Session 2, P0016: adopts the proposal, writes a self-check on the new goal and
/// submits the self-check.
fn report_adopts_and_checks(fixture: &Fixture) {
    let pty = Pty::start(fixture, REPORT, SIZE, &[]);
    pty.wait_for("長谷川 亮 主査");
    pty.send("2");
    pty.wait_for(&format!("[提案] {PROPOSAL_TITLE} (三上課長 より)"));
    pty.wait_for("目標 3 件  ウェイト合計 100%  シート: 承認");
    // Three goals, then the proposal.
    for _ in 0..3 {
        pty.send("j");
    }
    pty.wait_for("Enter でこの提案を採用または辞退します");
    pty.send("Enter");
    pty.wait_for(&format!("三上 浩之 課長 からの提案: {PROPOSAL_TITLE}"));
    pty.wait_for("< 採用して自分の目標にする >");
    // Answer, title (prefilled with the proposal's), weight.
    pty.send("Tab");
    pty.send("Tab");
    pty.send_literal(WEIGHT);
    pty.wait_until("the weight to be typed", |s| line_with(s, &["ウェイト (%)", WEIGHT]).is_some());
    // The sheet is approved: a goal added now is a revision, and the form asks why.
    pty.send("Tab");
    pty.send("Tab");
    pty.send_literal(ADOPT_REASON);
    pty.wait_for(ADOPT_REASON);
    pty.send("C-s");
    pty.wait_for_save();
    let revisions = fixture.goals(REPORT).revisions;
    assert_eq!(revisions.len(), 1, "{revisions:?}");
    assert_eq!((revisions[0].title.as_str(), revisions[0].reason.as_str()), (PROPOSAL_TITLE, ADOPT_REASON));
    // The adopted goal is added and selected. The sheet was approved, so the new goal
    // counts as a change since approval, which the reviewer sees.
    pty.wait_for("目標 4 件");
    pty.wait_for(&format!("目標: {PROPOSAL_TITLE}"));
    pty.wait_for("承認後の変更 1件");

    pty.send("c");
    pty.wait_for(&format!("自己評価: {PROPOSAL_TITLE}"));
    pty.send("Tab");
    pty.send_literal(SELF_CHECK);
    pty.wait_for(SELF_CHECK);
    pty.send("C-s");
    pty.wait_for_save();

    // Submitting the self-check is the owner's step on an approved sheet.
    pty.send("S");
    pty.wait_for("長谷川 亮 主査 さんのシート");
    pty.wait_for("< 自己評価の提出 >");
    pty.send("Tab");
    pty.send_literal(SUBMIT_COMMENT);
    pty.wait_for(SUBMIT_COMMENT);
    pty.send("C-s");
    pty.wait_for_save();
    pty.wait_for("シート: 自己評価済");

    pty.send("q");
    assert_eq!(pty.wait_for_exit(), 0);
}

/// Session 3, P0004: opens P0016's sheet, writes feedback on the adopted goal and
/// takes the first review.
fn head_gives_feedback_and_reviews(fixture: &Fixture) {
    let pty = Pty::start(fixture, HEAD, SIZE, &[]);
    pty.wait_for("三上 浩之 課長");
    pty.send("3");
    // The inbox says what is next on P0016's sheet.
    pty.wait_until("P0016's row to offer 一次評価", |s| {
        line_with(s, &["長谷川 亮 主査", "自己評価済"]).is_some_and(|row| row.trim_end().ends_with("一次評価"))
    });
    pty.send("j");
    pty.send("Enter");
    pty.wait_for("長谷川 亮 主査  シート: 自己評価済");
    for _ in 0..3 {
        pty.send("J");
    }
    pty.wait_for(&format!("目標: {PROPOSAL_TITLE}"));
    pty.wait_for(SELF_CHECK);

    pty.send("f");
    pty.wait_for(&format!("フィードバック: {PROPOSAL_TITLE} (長谷川 亮 主査)"));
    pty.wait_for("< (未評価) >");
    // (未評価) → S → A.
    pty.send("Right");
    pty.send("Right");
    pty.wait_for("< A >");
    for text in [STRENGTHS, IMPROVEMENTS, CONTRIBUTION, FEEDBACK_COMMENT] {
        pty.send("Tab");
        pty.send_literal(text);
    }
    // Share with P0016 before confirmation: いいえ → はい.
    pty.send("Tab");
    pty.send("Right");
    pty.wait_for("< はい >");
    pty.wait_for(FEEDBACK_COMMENT);
    pty.send("C-s");
    pty.wait_for_save();
    pty.wait_for("フィードバック 三上 浩之 課長: A");
    pty.wait_for(&format!("強み: {STRENGTHS}"));

    pty.send("s");
    pty.wait_for("長谷川 亮 主査 さんのシート");
    pty.wait_for("< 一次評価 >");
    pty.send("Tab");
    pty.send_literal(REVIEW_COMMENT);
    pty.wait_for(REVIEW_COMMENT);
    pty.send("C-s");
    pty.wait_for_save();
    pty.wait_for("長谷川 亮 主査  シート: 一次評価済");

    pty.send("q");
    assert_eq!(pty.wait_for_exit(), 0);
}

#[test]
fn head_proposes_report_adopts_and_head_gives_feedback_and_reviews() {
    let fixture = Fixture::new();
    assert_eq!(planned_share(&contribution_table(&fixture), "長谷川 亮"), None, "P0016 already has a share");

    head_proposes_a_breakdown(&fixture);
    let proposal = the_proposal(&fixture);
    assert_eq!(proposal.parent, PARENT_GOAL);
    assert_eq!(proposal.to, REPORT);
    assert_eq!(proposal.share, Some(30.0));
    assert_eq!(proposal.note, PROPOSAL_NOTE);
    assert_eq!(proposal.date.map(|d| d.to_string()).as_deref(), Some(TODAY));
    let raw = std::fs::read_to_string(fixture.goals_path(HEAD)).unwrap();
    assert!(raw.contains(&format!("to = \"{REPORT}\"")), "P0004.toml:\n{raw}");
    let tree = fixture.pdca(&["--as", HEAD, "show", "tree", "--width", "120"]);
    let row = line_with(&tree, &[&format!("[未設定] {PROPOSAL_TITLE}")])
        .unwrap_or_else(|| panic!("`pdca show tree` does not show the proposal as [未設定]:\n{tree}"));
    assert!(row.contains("長谷川 亮 主査"), "{row:?}");

    report_adopts_and_checks(&fixture);
    let goals = fixture.goals(REPORT);
    let adopted = goals
        .goals
        .iter()
        .find(|g| g.proposal.as_deref() == Some(proposal.id.as_str()))
        .unwrap_or_else(|| panic!("no goal of P0016 adopts {}: {:#?}", proposal.id, goals.goals));
    assert_eq!(adopted.parent.as_deref(), Some(proposal.parent.as_str()));
    assert_eq!((adopted.title.as_str(), adopted.weight), (PROPOSAL_TITLE, Some(10)));
    let check = adopted.check.as_ref().expect("the self-check was saved");
    assert_eq!((check.level, check.comment.get().unwrap().as_str()), (Level::B, SELF_CHECK));
    assert_eq!(check.date.map(|d| d.to_string()).as_deref(), Some(TODAY));
    let submitted = goals.sheet.last().expect("a sheet record");
    assert_eq!((submitted.step, submitted.by.as_str()), (Step::SelfCheck, REPORT));
    assert_eq!(submitted.comment, SUBMIT_COMMENT);
    // Adopted, the proposal's row becomes P0016's goal.
    let tree = fixture.pdca(&["--as", HEAD, "show", "tree", "--width", "120"]);
    assert!(!tree.contains(&format!("[未設定] {PROPOSAL_TITLE}")), "still shown as not adopted:\n{tree}");
    let row = line_with(&tree, &[PROPOSAL_TITLE]).unwrap_or_else(|| panic!("the adopted goal is not shown:\n{tree}"));
    assert!(row.contains("長谷川 亮 主査"), "{row:?}");

    head_gives_feedback_and_reviews(&fixture);
    let feedback = fixture.feedback(HEAD);
    let entry = feedback
        .feedback
        .iter()
        .find(|f| f.person == REPORT && f.goal.as_deref() == Some(adopted.id.as_str()))
        .unwrap_or_else(|| panic!("no feedback on {}: {:#?}", adopted.id, feedback.feedback));
    assert_eq!(entry.level, Some(Level::A));
    let notes = entry.notes.get().expect("a command's file is read whole");
    assert_eq!(
        [&entry.strengths, &notes.improvements, &notes.contribution, &notes.comment].map(String::as_str),
        [STRENGTHS, IMPROVEMENTS, CONTRIBUTION, FEEDBACK_COMMENT]
    );
    assert!(entry.shared, "the feedback should be shared before confirmation");
    assert_eq!(entry.date.map(|d| d.to_string()).as_deref(), Some(TODAY));
    let step = feedback.sheet.last().expect("a sheet record");
    assert_eq!(
        (step.person.as_deref(), step.step, step.by.as_str(), step.comment.as_str()),
        (Some(REPORT), Step::Review, HEAD, REVIEW_COMMENT)
    );
    assert_eq!(step.at.0.date_naive().to_string(), TODAY);

    let table = contribution_table(&fixture);
    let share = planned_share(&table, "長谷川 亮").unwrap_or_else(|| panic!("P0016 is not listed:\n{table}"));
    assert!(share > 0.0, "P0016's planned share is {share}:\n{table}");
}
