//! Who may change what, through the command path and through the app.

use std::collections::BTreeMap;
use std::fs;

use pdca::app::App;
use pdca::app::effect::Popup;
use pdca::app::tabs::Tab;
use pdca::keys::Keymap;
use pdca::messages::Lang;
use pdca::model::command::{Command, Invalid};
use pdca::model::edit::{Edit, EditError};
use pdca::model::policy::Refusal;
use pdca::model::{Date, Source};
use pdca::store::Store;
use pdca::workspace::{CommandError, Workspace};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn workspace(actor: &str) -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("data"));
    store.init_sample().unwrap();
    let today = Date::from_ymd(2026, 11, 20).unwrap();
    (dir, Workspace::open(store, None, actor.into(), today).unwrap())
}

fn goals_path(workspace: &Workspace, owner: &str) -> std::path::PathBuf {
    let cycle = workspace.world.data.cycle.id.clone();
    workspace.store.path_of(&Source::Goals { cycle, person: owner.into() }).unwrap()
}

/// A sheet command always changes the actor's own file: naming another person's
/// goal finds nothing there, and their file is never touched.
#[track_caller]
fn refused_on_someone_elses_goal(actor: &str, owner: &str) {
    let (_dir, mut workspace) = workspace(actor);
    let path = goals_path(&workspace, owner);
    let before = fs::read_to_string(&path).unwrap();
    let goal = workspace.world.goals_file(owner).unwrap().goals[0].id.clone();
    let error = workspace.execute(Command::Sheet(Edit::SetProgress { goal, progress: 99 })).unwrap_err();
    assert!(matches!(error, CommandError::Invalid(Invalid::Edit(EditError::NoSuchGoal(_)))), "{error}");
    assert_eq!(fs::read_to_string(&path).unwrap(), before, "nothing was written");
}

#[test]
fn an_employee_cannot_change_another_persons_goals_through_the_command_path() {
    // P0011 (主事) tries to change a goal of their section head P0003.
    refused_on_someone_elses_goal("P0011", "P0003");
}

#[test]
fn a_manager_cannot_write_into_a_reports_sheet_either() {
    refused_on_someone_elses_goal("P0003", "P0011");
}

#[test]
fn the_owner_can_and_the_change_is_on_disk() {
    let (_dir, mut workspace) = workspace("P0011");
    let goal = workspace.world.goals_file("P0011").unwrap().goals[1].id.clone();
    workspace.execute(Command::Sheet(Edit::SetProgress { goal, progress: 70 })).unwrap();
    let text = fs::read_to_string(goals_path(&workspace, "P0011")).unwrap();
    assert!(text.contains("progress = 70"), "{text}");
}

#[test]
fn the_app_opens_other_peoples_goals_read_only_and_offers_no_edit() {
    let (_dir, workspace) = workspace("P0011");
    let path = goals_path(&workspace, "P0003");
    let before = fs::read_to_string(&path).unwrap();
    let keymap = Keymap::new(&BTreeMap::new());
    let mut app = App::new(workspace, Lang::Ja, keymap, (100, 30));
    // Select the section head's goal in the tree and open it.
    let row =
        app.tabs.tree.rows.iter().position(|r| r.owner(&app.shared.workspace.world).starts_with("佐々木")).unwrap();
    app.tabs.tree.selected = row;
    let press = |app: &mut App, code| app.handle_event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.popups.last(), Some(Popup::Detail { .. })));
    // Editing keys do nothing on someone else's goal.
    for key in ['e', 'p', 'c', 'a', 'd'] {
        press(&mut app, KeyCode::Char(key));
    }
    assert!(!app.popups.iter().any(|p| matches!(p, Popup::Form(_))));
    assert_eq!(fs::read_to_string(&path).unwrap(), before);
    // My goals lists only the actor's own goals (and proposals and carry-overs to them).
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(app.tab, Tab::Mine);
    let own = app.shared.workspace.world.goals_file("P0011").unwrap().goals.len();
    let sheet_goals = pdca::view::sheet::entries(
        &app.shared.workspace.world,
        &app.shared.workspace.actor,
        app.shared.workspace.previous.as_ref(),
    )
    .iter()
    .filter(|e| matches!(e, pdca::view::sheet::SheetEntry::Goal(_)))
    .count();
    assert_eq!(sheet_goals, own);
}

#[test]
fn a_goal_links_only_to_goals_of_its_owner_or_of_people_above() {
    use pdca::model::edit::GoalFields;
    // P0014's sheet is a draft: goals come and go without a reason.
    let (_dir, mut workspace) = workspace("P0014");
    // P0003 (人事課長) is not above P0014 (DX推進チーム): linking there is refused.
    let outside = workspace.world.goals_file("P0003").unwrap().goals[0].id.clone();
    let fields =
        |parent: &str| GoalFields {
            title: "新しい目標".into(), parent: Some(parent.into()), ..GoalFields::default()
        };
    let refused = workspace.execute(Command::Sheet(Edit::AddGoal {
        fields: fields(&outside),
        carried_from: None,
        revision: None,
    }));
    assert!(matches!(refused, Err(CommandError::Refused(Refusal::ParentOutsideChain(_)))), "{refused:?}");
    // The team's head P0012 is above P0014: allowed.
    let above = workspace.world.goals_file("P0012").unwrap().goals[0].id.clone();
    workspace
        .execute(Command::Sheet(Edit::AddGoal { fields: fields(&above), carried_from: None, revision: None }))
        .unwrap();
}
