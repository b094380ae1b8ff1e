//! Every integration test, in one test binary: each `tests/*.rs` is a module of it.
//! One binary links the library once; a binary per file linked it once per file, and
//! a clean `cargo test` wrote gigabytes, more than a CI machine's disk may hold.

mod common;

mod abilities;
mod cache_checks;
mod cli;
mod cli_keys;
mod competency;
mod confirmed;
mod corpus;
mod crash;
mod cycle;
mod e2e;
mod e2e_first_run;
mod e2e_keys;
mod e2e_loading;
mod e2e_meetings;
mod e2e_reading;
mod e2e_review;
mod e2e_search;
mod e2e_sync;
mod era_dates;
mod export;
mod fuzz;
mod r#gen;
mod hostile;
mod identity;
mod instruments;
mod instruments_app;
mod layers;
mod parse_cache;
mod permissions;
mod reading;
mod readme;
mod review;
mod review_loop;
mod roster;
mod sample_workflow;
mod store;
mod sync;
mod theme_config;
mod trust_files;
mod ui;
mod ui_ambiguous;
mod ui_contribution;
mod ui_evaluation;
mod ui_evidence;
mod ui_instruments;
mod ui_keys;
mod ui_loading;
mod ui_overview;
mod ui_search;
mod ui_tables;

/// Cargo builds only this file's modules (`autotests = false`): a test file not
/// named here would never run.
#[test]
fn every_test_file_is_a_module_of_the_test_binary() {
    let tests = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let main = std::fs::read_to_string(tests.join("main.rs")).unwrap();
    let modules: Vec<&str> = main
        .lines()
        .filter_map(|line| line.strip_prefix("mod ")?.strip_suffix(';'))
        .map(|m| m.trim_start_matches("r#"))
        .collect();
    for entry in std::fs::read_dir(&tests).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(module) = name.strip_suffix(".rs").filter(|&m| m != "main") {
            assert!(modules.contains(&module), "tests/{name} is not a module of tests/main.rs: add `mod {module};`");
        }
    }
}
