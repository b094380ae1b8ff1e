//! `pdca check`: validate every file of the data set.

use crate::model::hash::HashMap;
use std::path::PathBuf;

use super::problems::problem_line;
use super::{Result, Session, out};
use crate::messages::{CliText, Message};
use crate::model::alignment::alignment_warnings;
use crate::model::ident::check_id;
use crate::model::validate::{
    confirmation_problems, validate_competency, validate_cycle, validate_framework, validate_info, validate_org,
};
use crate::model::{Date, Hierarchy, Location, Problem, ProblemKind, Severity, Source};
use crate::store::read::{limit_of, read_text};
use crate::store::{Store, StoreError};

pub fn run(session: &Session) -> Result<i32> {
    // The config's `[keys]` first: the app would not start with them.
    super::app::keymap(session)?;
    let store = &session.store;
    let problems = match collect(store, session.today) {
        Ok(problems) => problems,
        // Without a readable pdca.toml nothing else can be checked.
        Err(error) => vec![problem_of(error, Source::Info)?],
    };
    let mut lines: Vec<(PathBuf, Option<Location>, &Problem)> = Vec::new();
    let mut file_texts: HashMap<PathBuf, Option<String>> = HashMap::default();
    for problem in &problems {
        let relative = Store::relative_path(&problem.source);
        let location = problem.location.or_else(|| {
            // Read as the store reads: never a pipe, a link or a huge file.
            let text = file_texts.entry(relative.clone()).or_insert_with(|| {
                let path = store.path_of(&problem.source).ok()?;
                let bytes = read_text(&path, limit_of(&problem.source)).ok()??;
                String::from_utf8(bytes).ok()
            });
            let text = text.as_deref()?;
            match (&problem.source, problem.subject.as_deref(), settings_key(problem)) {
                // The subjects of pdca.toml's problems are its keys.
                (Source::Info, Some(key), _) | (_, None, Some(key)) => locate_key(text, key),
                (_, Some(subject), _) => locate_subject(text, subject),
                (_, None, None) => None,
            }
        });
        lines.push((relative, location, problem));
    }
    lines.sort_by(|a, b| (&a.0, a.1.map(|l| (l.line, l.column))).cmp(&(&b.0, b.1.map(|l| (l.line, l.column)))));
    for (_, location, problem) in &lines {
        out::line(problem_line(store, problem, *location, session.lang))?;
    }
    let errors = problems.iter().filter(|p| p.severity() == Severity::Error).count();
    let warnings = problems.len() - errors;
    out::line(CliText::CheckSummary { errors, warnings }.text(session.lang))?;
    Ok(if errors > 0 { 1 } else { 0 })
}

/// Every problem of every file: the organisation once, then each cycle with its
/// alignment warnings as of `today`.
fn collect(store: &Store, today: Date) -> std::result::Result<Vec<Problem>, StoreError> {
    let (info, _) = store.load_info()?;
    let cycles = store.cycle_ids()?;
    let mut problems = Vec::new();
    if let Err(reason) = check_id(&info.current_cycle) {
        let kind = ProblemKind::BadId { field: "current_cycle", id: info.current_cycle.to_string(), reason };
        problems.push(Problem::new(Source::Info, Some("current_cycle"), kind));
    } else if !cycles.contains(&info.current_cycle) {
        problems.push(Problem::new(
            Source::Info,
            Some("current_cycle"),
            ProblemKind::UnknownCycle { id: info.current_cycle.clone() },
        ));
    }
    problems.extend(validate_info(&info));
    let formula = info.score_formula();
    let mut org_checked = false;
    for cycle in &cycles {
        let snapshot = match store.load(Some(cycle)) {
            Ok(snapshot) => snapshot,
            Err(error) => {
                problems.push(problem_of(error, Source::Cycle(cycle.clone()))?);
                continue;
            }
        };
        // Parse problems of org.toml and competencies.toml come with every cycle; report them once.
        let shared = |p: &Problem| matches!(p.source, Source::Org | Source::Competencies);
        problems.extend(snapshot.problems.into_iter().filter(|p| !(org_checked && shared(p))));
        if !org_checked {
            problems.extend(validate_org(&snapshot.org));
            let framework = snapshot.data.competencies.as_ref();
            problems.extend(framework.into_iter().flat_map(|f| validate_framework(f, &snapshot.org, &formula)));
            org_checked = true;
        }
        let elsewhere = store.goal_ids_of_other_cycles(cycle)?;
        problems.extend(validate_cycle(&snapshot.org, &snapshot.data, &elsewhere));
        problems.extend(validate_competency(&snapshot.org, &snapshot.data, &formula));
        problems.extend(alignment_warnings(&Hierarchy::new(&snapshot.org), &snapshot.data, today));
        problems.extend(confirmation_problems(&Hierarchy::new(&snapshot.org), &snapshot.data));
    }
    Ok(problems)
}

/// A file that kept a whole load from happening (`pdca.toml`, a `cycle.toml`, or a
/// cycle folder whose name is no id) as a problem of `source`; other errors stop the check.
fn problem_of(error: StoreError, source: Source) -> std::result::Result<Problem, StoreError> {
    let (location, kind) = match error {
        StoreError::Parse { location, message, .. } => (Some(location), ProblemKind::Parse(message)),
        StoreError::BadFile { location, kind, .. } => (location, *kind),
        StoreError::BadId { id, reason } => (None, ProblemKind::BadId { field: "folder name", id, reason }),
        StoreError::OutsideDataSet(folder) => {
            (None, ProblemKind::LinkedFolder { folder: folder.display().to_string() })
        }
        other => return Err(other),
    };
    Ok(Problem { location, ..Problem::new(source, None, kind) })
}

/// Where a record is defined (`id = "…"`), else where its id first appears as a
/// value, so that problems found by validation point at a line too. Values are
/// compared as TOML reads them, so an id written with escapes (`"P00\u000711"`)
/// or as a literal string is found as well.
fn locate_subject(text: &str, subject: &str) -> Option<Location> {
    let find = |definition_only: bool| {
        text.lines().enumerate().find_map(|(index, line)| {
            let (key, value) = line.split_once('=')?;
            if definition_only && key.trim() != "id" {
                return None;
            }
            if !value.contains(['"', '\'']) || string_value(value)? != subject {
                return None;
            }
            let column = key.chars().count() + 1 + value.chars().take_while(|c| c.is_whitespace()).count();
            Some(Location { line: index + 1, column: column + 1 })
        })
    };
    find(true).or_else(|| find(false))
}

/// The string a one-line TOML value (`"…"` or `'…'`, maybe followed by a comment) stands for.
fn string_value(value: &str) -> Option<String> {
    let table: toml::Table = toml::from_str(&format!("v ={value}")).ok()?;
    match table.get("v")? {
        toml::Value::String(text) => Some(text.clone()),
        _ => None,
    }
}

/// The key a problem without a subject is about: a setting of `pdca.toml`, or a
/// file's own key that disagrees with where the file is.
fn settings_key(problem: &Problem) -> Option<&str> {
    match (&problem.source, &problem.kind) {
        (_, ProblemKind::WrongPlace { field, .. }) => Some(field),
        (Source::Info, ProblemKind::NotFinite { key }) => Some(key),
        (Source::Info, ProblemKind::ControlCharacter { field, .. } | ProblemKind::TooLong { field, .. }) => Some(field),
        _ => None,
    }
}

/// Where a dotted key (`score.points.S`) is set: its own line under its table's
/// header, else the line of the nearest key above it (an inline table).
fn locate_key(text: &str, wanted: &str) -> Option<Location> {
    let mut table = String::new();
    let mut nearest: Option<(usize, Location)> = None;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            table = trimmed.trim_matches(|c| c == '[' || c == ']' || c == ' ').to_owned();
            continue;
        }
        let Some((key, _)) = trimmed.split_once('=') else { continue };
        let key = key.trim().trim_matches('"');
        let full = if table.is_empty() { key.to_owned() } else { format!("{table}.{key}") };
        let at = Location { line: index + 1, column: line.chars().count() - trimmed.chars().count() + 1 };
        if full == wanted {
            return Some(at);
        }
        if wanted.starts_with(&format!("{full}.")) && nearest.is_none_or(|(length, _)| full.len() > length) {
            nearest = Some((full.len(), at));
        }
    }
    nearest.map(|(_, at)| at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subject_is_found_where_it_is_defined_however_its_string_is_written() {
        let text = "[[people]]\nid = \"P0001\"\nreviewer = \"P00\\u000711\"\n\n[[people]]\nid  =  \"P00\\u000711\" # bell\nreviewer = 'P0001'\n";
        assert_eq!(locate_subject(text, "P00\u{7}11"), Some(Location { line: 6, column: 8 }));
        assert_eq!(locate_subject(text, "P0001"), Some(Location { line: 2, column: 6 }));
        let used_only = "owner = 'P0002'\n";
        assert_eq!(locate_subject(used_only, "P0002"), Some(Location { line: 1, column: 9 }));
        assert_eq!(locate_subject(used_only, "P0003"), None);
    }

    #[test]
    fn a_settings_key_is_found_under_its_table_or_in_an_inline_table() {
        let text = "schema_version = 1\n[score.points]\nA = 4\nS = nan\n\n[calibration]\n  bands = { S = inf }\n";
        assert_eq!(locate_key(text, "score.points.S"), Some(Location { line: 4, column: 1 }));
        assert_eq!(locate_key(text, "calibration.bands.S"), Some(Location { line: 7, column: 3 }));
        assert_eq!(locate_key(text, "recency.meeting_days"), None);
    }
}
