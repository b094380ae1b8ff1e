//! The layers of the source and the arrows between them:
//! `cli` → (`tui`, `app`) → `ui` → `view` → `model`; `store` → `model`. The model
//! depends on nothing else in the crate and on no terminal crate; no source file
//! grows past what a reader can hold.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Lines of code before a file's tests, at most.
const LONGEST_FILE: usize = 600;

/// Every `.rs` file under `folder`, as (path, code before its tests, comments removed).
fn sources(folder: &str) -> Vec<(PathBuf, String)> {
    fn walk(path: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(path).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut paths = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join(folder), &mut paths);
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = fs::read_to_string(&path).unwrap();
            (path, code(&text))
        })
        .collect()
}

/// The code of a file before its `#[cfg(test)]` module, without comments.
fn code(text: &str) -> String {
    let before_tests = text.split("#[cfg(test)]").next().unwrap_or_default();
    before_tests.lines().map(|line| line.split("//").next().unwrap_or_default()).collect::<Vec<_>>().join("\n")
}

#[track_caller]
fn assert_none_mention(folder: &str, forbidden: &[&str]) {
    for (path, code) in sources(folder) {
        for word in forbidden {
            assert!(!code.contains(word), "{} mentions `{word}`, which does not belong in this layer", path.display());
        }
    }
}

#[test]
fn the_model_depends_on_nothing_else_in_the_crate_and_on_no_terminal() {
    for (path, code) in sources("src/model") {
        for line in code.lines().filter(|line| line.contains("crate::")) {
            for mention in line.split("crate::").skip(1) {
                assert!(mention.starts_with("model"), "{} reaches out of the model: {line}", path.display());
            }
        }
    }
    assert_none_mention("src/model", &["ratatui", "crossterm", "std::fs", "std::io::stdin", "println!"]);
}

#[test]
fn the_view_layer_holds_plain_data() {
    assert_none_mention(
        "src/view",
        &["ratatui", "crossterm", "crate::ui", "crate::app", "crate::cli", "crate::store", "crate::workspace"],
    );
}

#[test]
fn the_app_never_reaches_into_the_drawing() {
    assert_none_mention("src/app", &["crate::ui", "crate::cli", "crate::tui", "crate::theme"]);
}

#[test]
fn the_store_and_the_messages_sit_low() {
    assert_none_mention("src/store", &["crate::app", "crate::ui", "crate::view", "crate::cli", "crate::workspace"]);
    assert_none_mention("src/messages", &["crate::app", "crate::ui", "crate::cli", "crate::tui", "ratatui::"]);
}

#[test]
fn the_models_modules_form_no_cycle() {
    // Modules of the model by their top-level name: `types/ability.rs` is part of `types`.
    let model = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/model");
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, code) in sources("src/model") {
        let relative = path.strip_prefix(&model).unwrap();
        let top = relative.components().next().unwrap().as_os_str().to_string_lossy();
        let module = top.trim_end_matches(".rs").to_owned();
        if module == "mod" {
            continue;
        }
        // In a nested file `super::` stays inside the same top-level module.
        let prefixes: &[&str] =
            if relative.components().count() == 1 { &["super::", "crate::model::"] } else { &["crate::model::"] };
        let named = uses.entry(module.clone()).or_default();
        for prefix in prefixes {
            for mention in code.split(prefix).skip(1) {
                let name: String = mention.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if !name.is_empty() && name != module {
                    named.insert(name);
                }
            }
        }
    }
    // Depth-first search for a path that comes back to where it started.
    fn visit(
        module: &str,
        uses: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) {
        if let Some(at) = path.iter().position(|m| m == module) {
            panic!("model modules import each other in a circle: {}", path[at..].join(" → ") + " → " + module);
        }
        if !done.insert(module.to_owned()) {
            return;
        }
        path.push(module.to_owned());
        for next in uses.get(module).into_iter().flatten().filter(|m| uses.contains_key(*m)) {
            visit(next, uses, path, done);
        }
        path.pop();
    }
    let mut done = BTreeSet::new();
    for module in uses.keys() {
        visit(module, &uses, &mut Vec::new(), &mut done);
    }
}

#[test]
fn no_source_file_is_too_long_to_read() {
    for (path, code) in sources("src") {
        let lines = code.lines().count();
        assert!(lines <= LONGEST_FILE, "{} has {lines} lines of code before its tests", path.display());
    }
}

#[test]
fn every_word_comes_from_the_messages() {
    // The old helper that picked one of two literals, and its inline pairs, are gone.
    for folder in ["src/app", "src/ui", "src/view", "src/cli", "src/hr"] {
        assert_none_mention(folder, &[".pick(", "Lang::Ja =>", "Lang::En =>"]);
    }
}

#[test]
fn the_command_line_prints_only_through_its_one_inert_writer() {
    // `cli::out` sanitises every line and ends quietly on a closed pipe; anything
    // printed past it could carry a data file's escape sequences to the terminal.
    // The terminal app draws through ratatui, which `tui.rs` alone sets up.
    let printing = ["println!", "eprintln!", "print!(", "eprint!(", "stdout()", "stderr()"];
    for (path, code) in sources("src") {
        let allowed = path.ends_with("src/cli/out.rs") || path.ends_with("src/tui.rs");
        for word in printing.iter().filter(|_| !allowed) {
            assert!(!code.contains(word), "{} prints with `{word}`; use `cli::out`", path.display());
        }
    }
}
