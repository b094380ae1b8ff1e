//! The 能力評価 part of a sheet and the calibration view at 80×24, driven through the
//! app's event handling: a section head rates a report's ability beside the report's
//! self-rating; HR sees the distribution by reviewer and adjusts one person with a reason.

use crate::common;

use common::screen::{app, chars, key, press, screen};
use std::fs;

use pdca::messages::Lang;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

#[test]
fn a_section_head_rates_a_reports_ability_beside_the_self_rating() {
    for (lang, name) in [(Lang::Ja, "ja"), (Lang::En, "en")] {
        // 小山内 (P0005) reviews 田中 (P0022), the third of her direct reports.
        let (dir, mut app) = app("P0005", lang, (80, 24));
        chars(&mut app, "3jjv");
        insta::assert_snapshot!(format!("abilities_{name}_80x24"), screen(&app));
        // The second ability, 理解力: rate it A with a comment.
        chars(&mut app, "j");
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Left);
        press(&mut app, KeyCode::Tab);
        chars(&mut app, "説明が的確");
        key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert!(app.status.take().is_some_and(|status| !status.is_error), "saved");
        insta::assert_snapshot!(format!("abilities_rated_{name}_80x24"), screen(&app));
        let file = fs::read_to_string(dir.path().join("data/cycles/2026/feedback/P0005.toml")).unwrap();
        assert!(
            file.contains("person = \"P0022\"\nability = \"understanding\"\nlevel = \"A\"\ncomment = \"説明が的確\""),
            "{file}"
        );
        press(&mut app, KeyCode::Esc);
        assert!(app.popups.is_empty(), "Esc closes the view");
    }
}

#[test]
fn hr_sees_the_distribution_by_reviewer_and_adjusts_one_person_with_a_reason() {
    for (lang, name) in [(Lang::Ja, "ja"), (Lang::En, "en")] {
        let (dir, mut app) = app("P0007", lang, (80, 24));
        chars(&mut app, "3C");
        insta::assert_snapshot!(format!("calibration_{name}_80x24"), screen(&app));
        // 石岡 (P0017), the second person: final level C, with a reason.
        chars(&mut app, "ja");
        press(&mut app, KeyCode::Right);
        press(&mut app, KeyCode::Tab);
        key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert!(!app.popups.is_empty() && app.status.as_ref().is_some_and(|s| s.is_error), "no reason, no adjustment");
        chars(&mut app, "他課との均衡");
        key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert!(app.status.take().is_some_and(|status| !status.is_error), "saved");
        insta::assert_snapshot!(format!("calibration_adjusted_{name}_80x24"), screen(&app));
        let file = fs::read_to_string(dir.path().join("data/cycles/2026/calibration/P0007.toml")).unwrap();
        assert!(
            file.contains("person = \"P0017\"\nwhat = \"level\"\nfrom = \"B\"\nto = \"C\"\nreason = \"他課との均衡\"")
        );
    }
}

#[test]
fn hr_tries_levels_and_sees_the_distribution_and_bands_before_adjusting() {
    for (lang, name) in [(Lang::Ja, "ja"), (Lang::En, "en")] {
        let (dir, mut app) = app("P0007", lang, (80, 24));
        // 石岡 (P0017), the second person, is at B: try A, then S, then back down to A.
        chars(&mut app, "3Cj++-");
        insta::assert_snapshot!(format!("calibration_tried_{name}_80x24"), screen(&app));
        let calibration = dir.path().join("data/cycles/2026/calibration/P0007.toml");
        let recorded = fs::read_to_string(&calibration).unwrap();
        assert!(!recorded.contains("P0017"), "a trial records nothing");
        // `a` starts from the tried level: saving with a reason records A.
        chars(&mut app, "a");
        press(&mut app, KeyCode::Tab);
        chars(&mut app, "課内の均衡");
        key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert!(app.status.take().is_some_and(|status| !status.is_error), "saved");
        let file = fs::read_to_string(&calibration).unwrap();
        assert!(file.contains("person = \"P0017\"\nwhat = \"level\"\nfrom = \"B\"\nto = \"A\""), "{file}");
        let screen = screen(&app);
        assert!(!screen.contains("試行") && !screen.contains("Tried"), "the trial ends once recorded:\n{screen}");
    }
}

#[test]
fn the_owner_of_a_confirmed_sheet_reads_it_and_cannot_rate() {
    let (_dir, mut app) = app("P0011", Lang::En, (80, 24));
    chars(&mut app, "2v");
    press(&mut app, KeyCode::Enter);
    let status = app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default();
    assert_eq!(status, "confirmed: nothing changes until it is sent back");
    assert!(screen(&app).contains("Ability ratings: 鳴海 翔 主事 (staff level)"));
}

#[test]
fn the_second_reviewer_reads_the_first_reviewers_comments_from_disk() {
    // 三上 (P0001) reviews 田中 (P0022) second, after 小山内 (P0005): the app left
    // P0005's comments on disk until the sheet shows them.
    let (_dir, mut app) = app("P0001", Lang::Ja, (100, 30));
    chars(&mut app, "3");
    let rows = &app.tabs.review.rows;
    let at = rows.iter().position(|row| row.person == "P0022").expect("P0022 is on the second reviewer's list");
    for _ in 0..at {
        chars(&mut app, "j");
    }
    let world = &app.shared.workspace.world;
    let rater = world.data.feedback.iter().find(|file| file.reviewer == "P0005").unwrap();
    assert!(rater.competency.iter().all(|rating| rating.comment.get().is_err()), "left on disk until shown");
    // 迅速性, the sixth ability, which P0005 rated with a comment.
    chars(&mut app, "vjjjjj");
    let shown = screen(&app);
    assert!(shown.contains("312事業の回収を期限内に終えた。"), "the first reviewer's comment: {shown}");
    assert!(!shown.contains("読み込めませんでした"), "{shown}");
}
