//! Evidence in the 能力評価 self-rating, through the app's event handling: the person
//! ticks Do-log entries of their own goals in the rating form's checklist (which
//! scrolls inside the field), saves, and unticks them again; their reviewer sees the
//! cited entries under the ability, and a section head who is not above them does not.
//!
//! 田中 優斗 (P0022) is self-checked under 小山内 (P0005); his 判断力 (judgement, the
//! third ability) cites his Do entry of 2026-08-29; 三上 (P0004) heads another section.

use crate::common;

use std::collections::BTreeMap;
use std::fs;

use common::screen::{app, chars, key, open, press, screen};
use pdca::keys::Keymap;
use pdca::messages::Lang;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

/// The `[[competencies]]` entry of `ability` in `text`, up to the next one.
fn rating_of<'a>(text: &'a str, ability: &str) -> &'a str {
    let start = text.find(&format!("ability = \"{ability}\"")).expect("rated");
    let end = text[start..].find("\n[[competencies]]").map_or(text.len(), |end| start + end);
    &text[start..end]
}

fn cited_days(rating: &str) -> Vec<&str> {
    rating.lines().filter_map(|line| line.strip_prefix("date = ")).skip(1).collect()
}

fn save(app: &mut pdca::app::App) {
    key(app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(app.status.take().is_some_and(|status| !status.is_error), "saved");
    assert!(matches!(app.popups.last(), Some(pdca::app::effect::Popup::Overlay(_))), "the form closed");
}

/// Opens the rating form of the selected ability and moves to its checklist.
fn to_evidence(app: &mut pdca::app::App) {
    press(app, KeyCode::Enter);
    press(app, KeyCode::Tab);
    press(app, KeyCode::Tab);
}

#[test]
fn the_person_links_two_do_entries_as_evidence_and_unlinks_them_again() {
    let (dir, mut app) = app("P0022", Lang::Ja, (80, 24));
    let goals = dir.path().join("data/cycles/2026/goals/P0022.toml");
    // My goals, his abilities, 判断力; the form's third field is the checklist, newest
    // first: 2026-11-18, 2026-09-30 (BPR調査), 2026-08-29 (事務事業評価, already cited).
    chars(&mut app, "2vjj");
    to_evidence(&mut app);
    let form = screen(&app);
    assert!(form.contains(">[ ] 2026年11月18日 窓口業務のBPR調査: 青函合同政策立案研修に"), "{form}");
    assert!(form.contains(" [x] 2026年8月29日 事務事業評価の取りまとめ: 312事業"), "prefilled:\n{form}");
    chars(&mut app, " j ");
    save(&mut app);
    let text = fs::read_to_string(&goals).unwrap();
    assert_eq!(cited_days(rating_of(&text, "judgement")), ["2026-11-18", "2026-09-30", "2026-08-29"], "{text}");
    assert!(rating_of(&text, "judgement").contains("goal = \"P0022-2026-2\"\ndate = 2026-11-18"));

    // Unlink the entry of 2026-08-29, then the other two: nothing of it stays.
    to_evidence(&mut app);
    chars(&mut app, "jj ");
    save(&mut app);
    let text = fs::read_to_string(&goals).unwrap();
    assert_eq!(cited_days(rating_of(&text, "judgement")), ["2026-11-18", "2026-09-30"]);
    to_evidence(&mut app);
    chars(&mut app, " j ");
    save(&mut app);
    let text = fs::read_to_string(&goals).unwrap();
    assert!(!rating_of(&text, "judgement").contains("evidence"), "all unlinked:\n{text}");
    assert!(rating_of(&text, "speed").contains("evidence"), "other abilities keep theirs");
}

#[test]
fn thirty_do_entries_scroll_inside_the_checklist_at_80x24() {
    let (_dir, data) = common::sample_data();
    // 27 more entries on 事務事業評価 in September: 30 in all.
    let more: String = (1..=27)
        .map(|day| {
            format!("\n[[goals.log]]\ndate = 2026-09-{day:02}\nkind = \"practice\"\ntext = \"第{day}回 各課の評価シートを点検し、記載方法を説明した。\"\n")
        })
        .collect();
    let entry = "text = \"312事業の評価シートを回収。記載不備の差戻し41件。\"\n";
    common::replace_in(&data.join("cycles/2026/goals/P0022.toml"), entry, &format!("{entry}{more}"));
    let mut app = open(&data, "P0022", Lang::Ja, Keymap::new(&BTreeMap::new()), (80, 24));
    chars(&mut app, "2vjj");
    to_evidence(&mut app);
    insta::assert_snapshot!("evidence_checklist_ja_80x24", screen(&app));
    // Ten down: the list scrolls, and says how many are out of view each way.
    chars(&mut app, "jjjjjjjjjj ");
    let moved = screen(&app);
    assert!(moved.contains(">[x] 2026年9月19日 事務事業評価の取りまとめ: 第19回"), "{moved}");
    assert!(moved.contains("…ほか 上に3件・下に19件"), "{moved}");
    // Page down to the end, past it to the first field, and back up into the list's last entry.
    for _ in 0..4 {
        press(&mut app, KeyCode::PageDown);
    }
    assert!(screen(&app).contains(">[x] 2026年8月29日"), "the last entry");
    press(&mut app, KeyCode::Down);
    assert_eq!(app.popups.len(), 2, "still in the form");
    assert!(!screen(&app).contains(">["), "the checklist lost the focus");
}

#[test]
fn the_form_scrolls_when_its_fields_do_not_fit() {
    // At 60×13 the form has four rows for a level, a comment of three and a list of three.
    let (_dir, mut app) = app("P0022", Lang::En, (60, 13));
    chars(&mut app, "2vjj");
    press(&mut app, KeyCode::Enter);
    let top = screen(&app);
    // The form's bottom border (the one that does not start the row) counts the rows below.
    let bottom = top.lines().find(|line| line.contains("─ ↓ 3 more ┘") && !line.starts_with('└'));
    assert!(top.contains("│Level (S-D) < B >") && bottom.is_some(), "more below:\n{top}");
    assert!(!top.contains("Evidence"), "{top}");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    insta::assert_snapshot!("evidence_form_scrolled_en_60x13", screen(&app));
}

#[test]
fn the_reviewer_sees_the_cited_entries_under_the_ability() {
    let (_dir, mut app) = app("P0005", Lang::Ja, (80, 24));
    // Review, 田中 (her third report), his abilities, 判断力.
    chars(&mut app, "3jjvjj");
    insta::assert_snapshot!("evidence_reviewer_ja_80x24", screen(&app));
}

#[test]
fn a_section_head_not_above_the_person_sees_no_evidence() {
    let (_dir, data) = common::sample_data();
    let shown = |actor: &str| {
        common::pdca_cli(&data).args(["--as", actor, "show", "abilities", "--person", "P0022"]).output().unwrap()
    };
    let reviewer = shown("P0005");
    let printed = String::from_utf8_lossy(&reviewer.stdout);
    assert!(reviewer.status.success() && printed.contains("2026-08-29 事務事業評価の取りまとめ"), "{printed}");
    let peer = shown("P0004");
    let printed = String::from_utf8_lossy(&peer.stdout);
    assert!(!peer.status.success() && !printed.contains("事務事業評価"), "{printed}");
    // Nor in the app: his Review tab does not list 田中, and 田中's abilities do not open.
    let mut app = open(&data, "P0004", Lang::Ja, Keymap::new(&BTreeMap::new()), (80, 24));
    chars(&mut app, "3");
    assert!(!screen(&app).contains("田中"), "{}", screen(&app));
}

#[test]
fn a_report_reads_their_managers_goals_but_not_their_ability_ratings() {
    let (_dir, data) = common::sample_data();
    let shown = |actor: &str, what: &[&str]| {
        common::pdca_cli(&data).args(["--lang", "en", "--as", actor, "show"]).args(what).output().unwrap()
    };
    // 田中 reports to P0005: the goals are open to him, the 能力評価 is not.
    assert!(shown("P0022", &["tree"]).status.success());
    let refused = shown("P0022", &["abilities", "--person", "P0005"]);
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success() && said.contains("may not read the ability ratings"), "{said}");
    // The people above P0005 and HR may.
    for reader in ["P0001", "P0007"] {
        assert!(shown(reader, &["abilities", "--person", "P0005"]).status.success(), "{reader}");
    }
}
