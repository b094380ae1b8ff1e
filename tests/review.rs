//! Feedback and contribution at each level, through the app's real event handling
//! and the command path.

use crate::common;

use common::screen::{app, chars, key, open, press};
use std::collections::BTreeMap;
use std::fs;

use pdca::app::App;
use pdca::app::effect::Popup;
use pdca::app::tabs::Tab;
use pdca::keys::Keymap;
use pdca::messages::Lang;
use pdca::model::command::{Command, Invalid};
use pdca::model::policy::{self, Refusal};
use pdca::model::workflow::SheetState;
use pdca::model::{Feedback, Level, Source, Step};
use pdca::theme::Theme;
use pdca::view::contribution::by_goal;
use pdca::workspace::{CommandError, Workspace};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn workspace(actor: &str) -> (tempfile::TempDir, Workspace) {
    let (dir, data) = common::sample_data();
    (dir, common::workspace(&data, actor))
}

fn step(person: &str, step: Step, comment: &str) -> Command {
    Command::Step { person: person.into(), step, comment: comment.into() }
}

#[test]
fn contribution_to_a_department_goal_matches_the_numbers_worked_by_hand() {
    // P0005-2026-3 (効率的な組織体制の構築) has three children:
    //   P0021-2026-1, adopted from a proposal with share 60, progress 75;
    //   P0021-2026-2, linked without a share, progress 90;
    //   P0022-2026-1, linked without a share, progress 100.
    // Unshared children get the mean of the explicit shares (60), so each carries 1/3:
    //   progress = (75 + 90 + 100) / 3 = 88.33…
    //   P0021: planned 2/3, achieved (75 + 90) / 3 = 55.0 points;
    //   P0022: planned 1/3, achieved 100 / 3 = 33.33… points.
    let (_dir, workspace) = workspace("P0001");
    let world = &workspace.world;
    let top = world.cascade.node_of_goal(&world.data, "P0005-2026-3").unwrap();
    let table = by_goal(world, top);
    assert!((table.total.unwrap() - 265.0 / 3.0).abs() < 1e-9);
    let row = |name: &str| table.rows.iter().find(|r| r.label == name).unwrap();
    assert!((row("竹内 昌弘").planned - 200.0 / 3.0).abs() < 1e-9);
    assert!((row("竹内 昌弘").achieved - 55.0).abs() < 1e-9);
    assert!((row("田中 優斗").achieved - 100.0 / 3.0).abs() < 1e-9);
    let sum: f64 = table.rows.iter().map(|r| r.achieved).sum();
    assert!((sum - table.total.unwrap()).abs() < 1e-9, "the rows add up to the goal's progress");
}

#[test]
fn a_reviewer_approves_a_submitted_sheet_from_the_inbox_with_the_keyboard_alone() {
    // P0014 (相馬 技師) had his sheet sent back; he submits it again, and his
    // reviewer P0012 (齋藤 主幹) approves it in the Review tab.
    let (dir, mut owner) = workspace("P0014");
    owner.execute(step("P0014", Step::Submit, "基本情報の目標をチーム目標に紐付けました")).unwrap();
    let mut app = open(&dir.path().join("data"), "P0012", Lang::Ja, Keymap::new(&BTreeMap::new()), (120, 40));
    press(&mut app, KeyCode::Char('3'));
    assert_eq!(app.tab, Tab::Review);
    let row = app.tabs.review.rows.iter().position(|r| r.person == "P0014").unwrap();
    assert_eq!(app.tabs.review.rows[row].state, SheetState::Submitted);
    assert_eq!(app.tabs.review.rows[row].next, [Step::Approve]);
    for _ in 0..row {
        press(&mut app, KeyCode::Char('n'));
    }
    press(&mut app, KeyCode::Enter);
    assert!(app.tabs.review.open);
    press(&mut app, KeyCode::Char('s'));
    assert!(matches!(app.popups.last(), Some(Popup::Form(_))));
    press(&mut app, KeyCode::Tab);
    chars(&mut app, "期首面談で確認しました");
    key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(app.popups.is_empty(), "saved: {:?}", app.status);
    assert_eq!(app.tabs.review.rows[row].state, SheetState::Approved);

    let source = Source::Feedback { cycle: "2026".into(), reviewer: "P0012".into() };
    let text = fs::read_to_string(app.shared.workspace.store.path_of(&source).unwrap()).unwrap();
    assert!(text.contains("step = \"approve\""), "{text}");
    assert!(text.contains("期首面談で確認しました"));
    assert!(text.contains("[[sheet.plan]]"), "the approved plan is snapshotted: {text}");
}

#[test]
fn a_reviewer_writes_feedback_on_a_goal_into_their_own_file() {
    let (_dir, mut app) = app("P0018", Lang::Ja, (120, 40));
    press(&mut app, KeyCode::Char('3'));
    let row = app.tabs.review.rows.iter().position(|r| r.person == "P0020").unwrap();
    app.tabs.review.selected = row;
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('f'));
    // Level: Right from "(未評価)" picks S, once more A.
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Tab);
    chars(&mut app, "測定方法が丁寧");
    press(&mut app, KeyCode::Tab);
    chars(&mut app, "報告の頻度を上げる");
    press(&mut app, KeyCode::Tab);
    chars(&mut app, "RPA効果の見える化に貢献");
    key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(app.popups.is_empty(), "{:?}", app.status);
    let file = app.shared.workspace.world.feedback_file("P0018").unwrap();
    let entry =
        file.feedback.iter().find(|f| f.person == "P0020" && f.goal.as_deref() == Some("P0020-2026-1")).unwrap();
    assert_eq!(entry.level, Some(Level::A));
    assert_eq!(entry.strengths, "測定方法が丁寧");
    assert_eq!(entry.notes.get().unwrap().contribution, "RPA効果の見える化に貢献");
    // The feedback shows in the Check pane of the reviewed sheet.
    let text = {
        let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(160, 48)).unwrap();
        terminal.draw(|frame| pdca::ui::app::draw(&app, &Theme::plain(), frame)).unwrap();
        pdca::ui::text::buffer_lines(terminal.backend().buffer()).join("\n")
    };
    assert!(text.contains("測定方法が丁寧"), "{text}");
}

#[test]
fn the_wrong_people_are_refused_at_every_step() {
    // A peer cannot approve, nor write feedback.
    let (_dir, mut peer) = workspace("P0019");
    let refused = peer.execute(step("P0020", Step::Approve, ""));
    assert!(matches!(refused, Err(CommandError::Refused(Refusal::Workflow(_)))), "{refused:?}");
    let feedback = Feedback {
        person: "P0020".into(),
        goal: None,
        level: Some(Level::S),
        strengths: String::new(),
        notes: pdca::model::FeedbackNotes {
            improvements: String::new(),
            contribution: String::new(),
            comment: "勝手な評価".into(),
        }
        .into(),
        date: None,
        shared: false,
        extra: Default::default(),
    };
    let refused = peer.execute(Command::Feedback(feedback.clone()));
    assert!(matches!(refused, Err(CommandError::Refused(Refusal::Denied(_)))), "{refused:?}");
    // The reviewer's reviewer may not approve in the reviewer's place either.
    let (_dir, mut above) = workspace("P0005");
    assert!(above.execute(step("P0020", Step::Approve, "")).is_err());
    // Sending back needs a comment.
    let (_dir, mut reviewer) = workspace("P0018");
    let refused = reviewer.execute(step("P0020", Step::SendBack, " "));
    assert!(matches!(refused, Err(CommandError::Invalid(Invalid::Workflow(_)))), "{refused:?}");
    // From 承認 a send-back returns the sheet to 提出, with the reviewer's comment.
    reviewer.execute(step("P0020", Step::SendBack, "目標2の達成基準を数値に")).unwrap();
    assert_eq!(policy::sheet_state(&reviewer.world, "P0020"), SheetState::Submitted);
}

#[test]
fn changing_an_approved_plan_needs_a_reason_which_is_recorded() {
    use pdca::model::edit::{Edit, GoalFields};
    let (_dir, mut workspace) = workspace("P0016");
    assert!(policy::needs_revision_reason(&workspace.world, "P0016"));
    let goal = workspace.world.goals_file("P0016").unwrap().goals[0].clone();
    let fields = GoalFields { weight: goal.weight.map(|w| w - 5), ..GoalFields::of(&goal).unwrap() };
    let edit = |revision| Edit::UpdateGoal { goal: goal.id.clone(), fields: fields.clone(), revision };
    let refused = workspace.execute(Command::Sheet(edit(None)));
    assert!(matches!(refused, Err(CommandError::Refused(Refusal::RevisionReasonRequired))), "{refused:?}");
    let day = workspace.today;
    workspace.execute(Command::Sheet(edit(Some((day, "庁内LAN更新の前倒し".into()))))).unwrap();
    let saved = &workspace.world.goals_file("P0016").unwrap().goals[0];
    assert_eq!(saved.detail.get().unwrap().revisions.last().unwrap().fields, ["weight"]);
}

#[test]
fn a_manager_proposes_a_breakdown_and_only_to_a_direct_report() {
    use pdca::model::Proposal;
    use pdca::model::edit::Edit;
    let (_dir, mut workspace) = workspace("P0004");
    let parent = workspace.world.goals_file("P0004").unwrap().goals[0].id.clone();
    let proposal = |to: &str| Proposal {
        id: Default::default(),
        parent: parent.clone(),
        to: to.into(),
        title: "庁内ネットワークの点検".into(),
        note: String::new(),
        share: Some(20.0),
        date: None,
        extra: Default::default(),
    };
    // P0013 reports to P0012, not to P0004.
    let refused = workspace.execute(Command::Sheet(Edit::Propose { proposal: proposal("P0013") }));
    assert!(matches!(refused, Err(CommandError::Refused(Refusal::Denied(_)))), "{refused:?}");
    workspace.execute(Command::Sheet(Edit::Propose { proposal: proposal("P0016") })).unwrap();
    let added = workspace.world.goals_file("P0004").unwrap().proposals.last().unwrap().clone();
    assert!(added.id.starts_with(parent.as_str()));
    // The cascade shows it as pending (未設定) under its parent.
    let node = workspace.world.cascade.node_of_goal(&workspace.world.data, &parent).unwrap();
    assert!(
        workspace.world.cascade.children(node).iter().any(|&c| workspace
            .world
            .cascade
            .proposal(&workspace.world.data, c)
            .is_some_and(|p| p.id == added.id))
    );
}

#[test]
fn feedback_on_a_confirmed_sheet_stands() {
    // P0011's sheet is confirmed (確定) in the sample; P0003 is his reviewer.
    let (_dir, mut reviewer) = workspace("P0003");
    assert_eq!(policy::sheet_state(&reviewer.world, "P0011"), SheetState::Confirmed);
    let feedback = Feedback {
        person: "P0011".into(),
        goal: None,
        level: Some(Level::D),
        strengths: String::new(),
        notes: pdca::model::FeedbackNotes {
            improvements: String::new(),
            contribution: String::new(),
            comment: "書き換え".into(),
        }
        .into(),
        date: None,
        shared: true,
        extra: Default::default(),
    };
    let refused = reviewer.execute(Command::Feedback(feedback));
    assert!(matches!(refused, Err(CommandError::Refused(Refusal::SheetConfirmed(_)))), "{refused:?}");
}

#[test]
fn a_report_declines_a_proposal_with_a_reason_the_manager_sees() {
    use pdca::model::NodeKind;
    use pdca::view::sheet::SheetEntry;
    // P0005-2026-2-b is pending, addressed to P0022 (田中 主事).
    let (dir, mut app) = app("P0022", Lang::Ja, (120, 40));
    press(&mut app, KeyCode::Char('2'));
    let row = app
        .tabs
        .mine
        .entries
        .iter()
        .position(|e| matches!(e, SheetEntry::Proposal(id) if id == "P0005-2026-2-b"))
        .unwrap();
    app.tabs.mine.selected = row;
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Right); // 採用 → 辞退
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    // Without a reason the form refuses and stays open.
    key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(matches!(app.popups.last(), Some(Popup::Form(_))));
    chars(&mut app, "窓口業務の繁忙期と重なるため");
    key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(app.popups.is_empty(), "{:?}", app.status);
    let declined = &app.shared.workspace.world.goals_file("P0022").unwrap().declined;
    assert!(declined.iter().any(|d| d.proposal == "P0005-2026-2-b" && d.reason == "窓口業務の繁忙期と重なるため"));

    // The manager's tree shows it as declined, and its details give the reason.
    let mut app = open(&dir.path().join("data"), "P0005", Lang::Ja, Keymap::new(&BTreeMap::new()), (120, 40));
    let node = (0..app.shared.workspace.world.cascade.nodes.len())
        .find(|&n| app.shared.workspace.world.cascade.key(&app.shared.workspace.world.data, n) == "P0005-2026-2-b")
        .unwrap();
    assert!(matches!(app.shared.workspace.world.cascade.nodes[node].kind, NodeKind::Declined { .. }));
    app.tabs.tree.selected = app.tabs.tree.rows.iter().position(|r| r.node == node).unwrap();
    press(&mut app, KeyCode::Enter);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    terminal.draw(|frame| pdca::ui::app::draw(&app, &Theme::plain(), frame)).unwrap();
    let text = pdca::ui::text::buffer_lines(terminal.backend().buffer()).join("\n");
    assert!(text.contains("辞退の理由: 窓口業務の繁忙期と重なるため"), "{text}");
}

#[test]
fn a_manager_withdraws_a_pending_proposal_from_the_tree_and_no_one_else_can() {
    // P0005-2026-2-b is P0005's pending proposal to P0022.
    let find = |app: &App| {
        let world = &app.shared.workspace.world;
        app.tabs.tree.rows.iter().position(|r| world.cascade.key(&world.data, r.node) == "P0005-2026-2-b")
    };
    let (_dir, mut manager) = app("P0005", Lang::Ja, (120, 40));
    manager.tabs.tree.selected = find(&manager).unwrap();
    press(&mut manager, KeyCode::Char('D'));
    assert!(matches!(manager.popups.last(), Some(Popup::Confirm { .. })));
    press(&mut manager, KeyCode::Char('y'));
    assert!(find(&manager).is_none(), "gone from the tree");
    assert!(
        manager.shared.workspace.world.goals_file("P0005").unwrap().proposals.iter().all(|p| p.id != "P0005-2026-2-b")
    );

    // The addressee sees it in the tree but cannot withdraw it.
    let (_dir, mut report) = app("P0022", Lang::Ja, (120, 40));
    report.tabs.tree.selected = find(&report).unwrap();
    press(&mut report, KeyCode::Char('D'));
    assert!(report.popups.is_empty());
    assert!(report.status.as_ref().is_some_and(|s| s.is_error));
}
