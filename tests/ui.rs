//! Screens of the app, driven through its real event handling (keys in, buffer
//! out) and compared with snapshots.

use crate::common;

use common::screen::{app, chars, key, press, screen};

use pdca::app::effect::Popup;
use pdca::app::form::FieldKey;
use pdca::app::tabs::Tab;
use pdca::messages::Lang;
use ratatui::crossterm::event::{Event, KeyCode, KeyModifiers};

/// The day the snapshots are taken: in the Do phase of the sample's 2026 cycle.
const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];
const LANGS: [(Lang, &str); 2] = [(Lang::Ja, "ja"), (Lang::En, "en")];

#[test]
fn every_tab_in_both_languages_and_sizes() {
    for (lang, lang_name) in LANGS {
        for (width, height) in SIZES {
            // P0003 is a section head: the tree shows his chain and everyone below him.
            let (_dir, mut app) = app("P0003", lang, (width, height));
            for (index, tab) in Tab::ALL.iter().enumerate() {
                press(&mut app, KeyCode::Char(char::from(b'1' + index as u8)));
                assert_eq!(app.tab, *tab);
                let name = format!("{lang_name}_{width}x{height}_{index}_{tab:?}").to_lowercase();
                insta::assert_snapshot!(name, screen(&app));
            }
        }
    }
}

#[test]
fn help_lists_the_keys_of_the_current_view() {
    for (lang, lang_name) in LANGS {
        let (_dir, mut app) = app("P0011", lang, (80, 24));
        press(&mut app, KeyCode::Char('2'));
        press(&mut app, KeyCode::Char('?'));
        insta::assert_snapshot!(format!("help_mine_{lang_name}"), screen(&app));
        press(&mut app, KeyCode::Esc);
        assert!(app.popups.is_empty());
    }
}

#[test]
fn tab_key_and_full_width_digits_switch_tabs() {
    let (_dir, mut app) = app("P0011", Lang::Ja, (80, 24));
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.tab, Tab::Mine);
    press(&mut app, KeyCode::Char('５'));
    assert_eq!(app.tab, Tab::People);
}

#[test]
fn the_tree_filter_keeps_the_chain_above_a_match() {
    let (_dir, mut app) = app("P0007", Lang::Ja, (120, 30));
    press(&mut app, KeyCode::Char('/'));
    chars(&mut app, "福士");
    press(&mut app, KeyCode::Enter);
    let text = screen(&app);
    assert!(text.contains("/ 福士"), "{text}");
    assert!(text.contains("福士 美咲"), "{text}");
    // The department head's goal above the match stays visible.
    assert!(text.contains("工藤 誠一"), "{text}");
    assert!(!text.contains("三上 浩之"), "unrelated branches are hidden: {text}");
    insta::assert_snapshot!("tree_filtered", text);
}

#[test]
fn collapsing_hides_the_subtree() {
    let (_dir, mut app) = app("P0001", Lang::En, (120, 30));
    let before = app.tabs.tree.rows.len();
    press(&mut app, KeyCode::Char(' '));
    assert!(app.tabs.tree.rows.len() < before);
    assert!(screen(&app).contains("+ "), "a collapsed node is marked +");
    press(&mut app, KeyCode::Right);
    assert_eq!(app.tabs.tree.rows.len(), before);
}

#[test]
fn an_employee_sees_only_their_chain_in_the_tree() {
    let (_dir, app) = app("P0011", Lang::Ja, (160, 48));
    let world = &app.shared.workspace.world;
    let owners: pdca::model::hash::HashSet<String> = app.tabs.tree.rows.iter().map(|r| r.owner(world)).collect();
    // Not a colleague's goals: P0010 (神 正明) is a peer of P0011.
    assert!(!owners.iter().any(|o| o.starts_with("神 正明")), "{owners:?}");
    assert!(owners.iter().any(|o| o.starts_with("鳴海 翔")));
}

#[test]
fn the_mouse_selects_tabs_and_rows_and_the_wheel_scrolls() {
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let (_dir, mut app) = app("P0001", Lang::Ja, (120, 30));
    let click = |column, row| {
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    // " 1 目標体系  2 自分の目標 …": the second label starts after the first.
    app.handle_event(click(14, 1));
    assert_eq!(app.tab, Tab::Mine);
    app.handle_event(click(2, 1));
    assert_eq!(app.tab, Tab::Tree);
    app.handle_event(click(10, 5));
    assert_eq!(app.tabs.tree.selected, 2, "row 5 is the third row under the header");
    let wheel = Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 10,
        row: 10,
        modifiers: KeyModifiers::NONE,
    });
    app.handle_event(wheel);
    assert_eq!(app.tabs.tree.selected, 3);
}

#[test]
fn resizing_redraws_at_the_new_size() {
    let (_dir, mut app) = app("P0003", Lang::Ja, (160, 48));
    press(&mut app, KeyCode::Char('2'));
    app.handle_event(Event::Resize(80, 24));
    assert_eq!(app.shared.size, (80, 24));
    let text = screen(&app);
    assert_eq!(text.lines().count(), 24);
    assert!(text.contains("計画 Plan  実行 Do"), "narrow screens show one pane with the others named: {text}");
}

#[test]
fn a_popup_never_leaves_half_a_wide_character() {
    use pdca::ui::text::{buffer_lines, repair_split_wide_chars};
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    let mut buffer = Buffer::empty(Rect::new(0, 0, 6, 1));
    buffer.set_string(0, 0, "人事課", ratatui::style::Style::new());
    // A border drawn over the right half of 事.
    buffer[(3, 0)].set_symbol("|");
    repair_split_wide_chars(&mut buffer);
    assert_eq!(buffer_lines(&buffer), ["人 |課"]);
}

#[test]
fn carrying_last_cycles_action_item_makes_a_goal_linked_back_to_it() {
    let (_dir, mut app) = app("P0003", Lang::Ja, (120, 40));
    press(&mut app, KeyCode::Char('2'));
    let entries = pdca::view::sheet::entries(
        &app.shared.workspace.world,
        &app.shared.workspace.actor,
        app.shared.workspace.previous.as_ref(),
    );
    let row = entries.iter().position(|e| matches!(e, pdca::view::sheet::SheetEntry::Carry(_))).unwrap();
    let pdca::view::sheet::SheetEntry::Carry(item) = &entries[row] else { unreachable!() };
    let (from, issue) = (item.from.clone(), item.item.issue.clone());
    app.tabs.mine.selected = row;
    press(&mut app, KeyCode::Enter);
    // P0003's sheet is approved: a goal added now needs the reason, the form's last field.
    let Some(Popup::Form(form)) = app.popups.last_mut() else { panic!("no form") };
    form.field_mut(FieldKey::RevisionReason).expect("a reason field").set_text("前期の改善項目を引き継ぐ");
    key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(app.popups.is_empty(), "{:?}", app.status);
    let goal = app.shared.workspace.world.goals_file("P0003").unwrap().goals.last().unwrap().clone();
    assert_eq!(goal.title, issue);
    assert_eq!(goal.detail.get().unwrap().carried_from.as_deref(), Some(from.as_str()));
    let still_offered = pdca::view::sheet::entries(
        &app.shared.workspace.world,
        &app.shared.workspace.actor,
        app.shared.workspace.previous.as_ref(),
    )
    .iter()
    .any(|e| matches!(e, pdca::view::sheet::SheetEntry::Carry(c) if c.from == from && c.item.issue == issue));
    assert!(!still_offered, "a carried item is offered once");
}

#[test]
fn every_tab_draws_on_tiny_terminals_without_panicking() {
    for actor in ["P0001", "P0011"] {
        let (_dir, mut app) = app(actor, Lang::Ja, (80, 24));
        for height in [1u16, 2, 3, 5, 8, 11, 12] {
            for width in [10u16, 40, 80] {
                app.handle_event(Event::Resize(width, height));
                for tab in ['1', '2', '3', '4', '5'] {
                    press(&mut app, KeyCode::Char(tab));
                    if tab == '3' {
                        press(&mut app, KeyCode::Enter);
                    }
                    screen(&app);
                    if tab == '3' {
                        press(&mut app, KeyCode::Esc);
                    }
                }
                press(&mut app, KeyCode::Char('?'));
                screen(&app);
                press(&mut app, KeyCode::Esc);
            }
        }
    }
}

#[test]
fn enter_in_the_people_tab_acts_on_the_highlighted_person() {
    let (_dir, mut app) = app("P0001", Lang::Ja, (120, 40));
    press(&mut app, KeyCode::Char('5'));
    for _ in 0..3 {
        press(&mut app, KeyCode::Char('j'));
    }
    let text = screen(&app);
    let person = pdca::view::people::nth_person(&app.tabs.people.lines, app.tabs.people.selected).unwrap();
    let name = app.shared.workspace.world.org.people[person].name.clone();
    assert!(text.contains(&name));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.tab, Tab::Tree);
    assert_eq!(app.tabs.tree.filter.text, name);
}

#[test]
fn esc_clears_a_filter_that_matches_nothing() {
    let (_dir, mut app) = app("P0011", Lang::Ja, (100, 30));
    press(&mut app, KeyCode::Char('/'));
    chars(&mut app, "存在しない目標");
    press(&mut app, KeyCode::Enter);
    assert!(app.tabs.tree.rows.is_empty());
    press(&mut app, KeyCode::Esc);
    assert!(app.tabs.tree.filter.text.is_empty());
    assert!(!app.tabs.tree.rows.is_empty());
}

#[test]
fn folding_survives_a_save() {
    let (_dir, mut app) = app("P0001", Lang::En, (120, 40));
    press(&mut app, KeyCode::Char(' '));
    let folded = app.tabs.tree.rows.len();
    // Adding a goal renumbers the cascade's nodes; the fold must stay on the same goal.
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('n'));
    chars(&mut app, "New goal");
    key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(app.popups.is_empty(), "{:?}", app.status);
    press(&mut app, KeyCode::Char('1'));
    assert_eq!(app.tabs.tree.rows.len(), folded + 1, "still folded, plus the new top goal");
}

#[test]
fn a_goals_details_show_its_owners_do_log_read_from_disk() {
    // The app leaves others' texts on disk until something shows them.
    let (_dir, mut app) = app("P0003", Lang::Ja, (160, 48));
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Enter);
    let Some(Popup::Detail { node, .. }) = app.popups.last() else { panic!("the details are open") };
    let world = &app.shared.workspace.world;
    let owner = world.cascade.owner(&world.data, *node);
    assert_ne!(owner, "P0003", "someone else's goal");
    let goal = world.cascade.goal(&world.data, *node).unwrap();
    let log = goal.log.get().expect("read from disk");
    let newest = log.last().expect("a goal with a Do log").text.get().expect("read from disk").clone();
    let shown = screen(&app);
    let start: String = newest.chars().take(8).collect();
    assert!(shown.contains(&start), "{start} in {shown}");
    assert!(!shown.contains("読み込めませんでした"));
}

/// The app of `actor` on My goals, whose own goals file changed on disk between
/// the app's load and the reading back of its texts (the app leaves texts on disk
/// until shown): they cannot be read.
fn own_texts_changed_after_the_load(actor: &str) -> (tempfile::TempDir, pdca::app::App) {
    own_file_changed_after_the_load(actor, "goals")
}

/// As [`own_texts_changed_after_the_load`], with the actor's file of `folder` changed.
fn own_file_changed_after_the_load(actor: &str, folder: &str) -> (tempfile::TempDir, pdca::app::App) {
    use pdca::store::Store;
    use pdca::workspace::Workspace;
    let (dir, data) = common::sample_data();
    let store = Store::new(&data).leaving_texts_on_disk();
    let snapshot = store.load(None).unwrap();
    let path = data.join(format!("cycles/2026/{folder}/{actor}.toml"));
    std::fs::write(&path, std::fs::read_to_string(&path).unwrap() + "# \n").unwrap();
    let workspace = Workspace::from_snapshot(store, snapshot, actor.into(), common::today()).unwrap();
    let keymap = pdca::keys::Keymap::new(&std::collections::BTreeMap::new());
    let mut app = pdca::app::App::new(workspace, Lang::En, keymap, (160, 48));
    press(&mut app, KeyCode::Char('2'));
    (dir, app)
}

#[test]
fn a_goals_plan_that_could_not_be_read_says_so() {
    let (_dir, app) = own_texts_changed_after_the_load("P0001");
    let shown = screen(&app);
    let lines: Vec<&str> = shown.lines().collect();
    let heading = lines.iter().position(|line| line.starts_with("│Plan:")).expect("the plan's heading");
    assert!(lines[heading + 1].starts_with("│(the text could not be read)"), "{shown}");
}

#[test]
fn texts_that_could_not_be_read_say_so_and_are_not_rewritten_from_nothing() {
    let (_dir, mut app) = own_texts_changed_after_the_load("P0017");
    app.tabs.mine.pane = pdca::view::sheet::Pane::Check;
    assert!(screen(&app).contains("(the text could not be read)"), "the self-check's comment: {}", screen(&app));
    press(&mut app, KeyCode::Char('e'));
    assert!(app.popups.is_empty(), "no form to rewrite the comment from nothing");
    app.status = None;
    press(&mut app, KeyCode::Char('v'));
    assert!(matches!(app.popups.last(), Some(Popup::Overlay(_))), "the 能力評価 opens");
    assert!(screen(&app).contains("(the text could not be read)"), "a self-rating's comment: {}", screen(&app));
    press(&mut app, KeyCode::Char('r'));
    assert!(matches!(app.popups.last(), Some(Popup::Overlay(_))), "no form over it");
    assert_eq!(app.status.as_ref().map(|status| status.text.as_str()), Some("(the text could not be read)"));
}

#[test]
fn feedback_whose_notes_could_not_be_read_is_not_rewritten_from_nothing() {
    // 松本 (P0012) wrote feedback on 中島's (P0014) sheet; her file changed since the load.
    let (_dir, mut app) = own_file_changed_after_the_load("P0012", "feedback");
    let own = app.shared.workspace.world.feedback_file("P0012").unwrap();
    let entry = own.feedback.iter().find(|f| f.person == "P0014" && f.goal.is_none()).unwrap();
    assert!(entry.notes.get().is_err(), "left on disk, and not read back");
    press(&mut app, KeyCode::Char('3'));
    app.tabs.review.selected = app.tabs.review.rows.iter().position(|r| r.person == "P0014").unwrap();
    press(&mut app, KeyCode::Char('F'));
    assert!(app.popups.is_empty(), "no form that would write the notes over with nothing");
    assert_eq!(app.status.as_ref().map(|status| status.text.as_str()), Some("(the text could not be read)"));
    // Feedback not written before opens as ever.
    app.status = None;
    app.tabs.review.selected = app.tabs.review.rows.iter().position(|r| r.person == "P0013").unwrap();
    press(&mut app, KeyCode::Char('F'));
    assert!(matches!(app.popups.last(), Some(Popup::Form(_))), "{:?}", app.status);
}

#[test]
fn a_do_log_that_could_not_be_read_says_so_and_is_not_edited() {
    let (_dir, mut app) = own_texts_changed_after_the_load("P0017");
    app.tabs.mine.pane = pdca::view::sheet::Pane::Do;
    let goal = app.tabs.mine.goal(&app.shared).expect("a goal selected");
    assert!(goal.log.get().is_err(), "left on disk, and not read back");
    let shown = screen(&app);
    let lines: Vec<&str> = shown.lines().collect();
    let progress = lines.iter().position(|line| line.contains("Progress:")).expect("the Do pane");
    assert!(lines[progress + 1].contains("(the text could not be read)"), "{shown}");
    press(&mut app, KeyCode::Char('e'));
    assert!(app.popups.is_empty(), "no form on an entry not read");
    assert_eq!(app.status.as_ref().map(|status| status.text.as_str()), Some("(the text could not be read)"));
}

#[test]
fn evidence_that_could_not_be_read_says_so_and_the_rating_is_not_rewritten_without_it() {
    let (_dir, mut app) = own_texts_changed_after_the_load("P0017");
    // The evidence is away with the comment: one part of the rating.
    let data = &app.shared.workspace.world.data;
    let own = data.goals.iter().find(|file| file.owner == "P0017").unwrap();
    assert!(own.competencies[0].evidence().is_err(), "left on disk, and not read back");
    press(&mut app, KeyCode::Char('v'));
    let shown = screen(&app);
    let lines: Vec<&str> = shown.lines().collect();
    let heading = lines.iter().position(|line| line.contains("Evidence (Do log):")).expect("the evidence's heading");
    assert!(lines[heading + 1].contains("(the text could not be read)"), "{shown}");
    press(&mut app, KeyCode::Char('r'));
    assert!(matches!(app.popups.last(), Some(Popup::Overlay(_))), "no form that would drop the evidence");
    assert_eq!(app.status.as_ref().map(|status| status.text.as_str()), Some("(the text could not be read)"));
}

/// The app of 三上 (P0001), who reviews 田中 (P0022) second; 小山内 (P0005)
/// approved the sheet, whose snapshot waits in her feedback file until the sheet
/// is shown. A goal's criteria were changed by hand since: one change to show.
fn second_reviewer_of_a_changed_sheet() -> (tempfile::TempDir, pdca::app::App) {
    let (dir, data) = common::sample_data();
    let goals = data.join("cycles/2026/goals/P0022.toml");
    let text = std::fs::read_to_string(&goals).unwrap();
    let criteria = text.lines().find(|line| line.starts_with("criteria = ")).expect("a goal with criteria").to_owned();
    common::replace_in(&goals, &criteria, "criteria = \"期限内に全件\"");
    let keymap = pdca::keys::Keymap::new(&std::collections::BTreeMap::new());
    let app = common::screen::open(&data, "P0001", Lang::En, keymap, (120, 36));
    let world = &app.shared.workspace.world;
    let approver = world.data.feedback.iter().find(|file| file.reviewer == "P0005").unwrap();
    let approval = approver.sheet.iter().find(|record| record.person.as_deref() == Some("P0022")).unwrap();
    assert!(approval.plan.get().is_err(), "the snapshot is left on disk until the sheet is shown");
    (dir, app)
}

#[test]
fn the_second_reviewer_sees_the_changes_since_an_approval_another_made() {
    let (_dir, mut app) = second_reviewer_of_a_changed_sheet();
    chars(&mut app, "3");
    let at = app.tabs.review.rows.iter().position(|row| row.person == "P0022").expect("on the list");
    for _ in 0..at {
        chars(&mut app, "j");
    }
    press(&mut app, KeyCode::Enter);
    let shown = screen(&app);
    assert!(shown.contains("changes since approval: 1"), "{shown}");
    assert!(!shown.contains("not read") && !shown.contains("could not be read"), "{shown}");
}

#[test]
fn a_goals_details_show_the_changes_since_an_approval_another_made() {
    let (_dir, mut app) = second_reviewer_of_a_changed_sheet();
    chars(&mut app, "1/事務事業評価の取りまとめ");
    press(&mut app, KeyCode::Enter);
    // The filter keeps the chain above the match: the goal is the row P0022 owns.
    let world = &app.shared.workspace.world;
    let rows = &app.tabs.tree.rows;
    let at = rows.iter().position(|row| world.cascade.owner(&world.data, row.node) == "P0022").expect("a match");
    for _ in app.tabs.tree.selected..at {
        chars(&mut app, "j");
    }
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.popups.last(), Some(Popup::Detail { .. })), "the details are open");
    let shown = screen(&app);
    assert!(shown.contains("Changed since approval:") && shown.contains("期限内に全件"), "{shown}");
    assert!(!shown.contains("could not be read"), "{shown}");
}
