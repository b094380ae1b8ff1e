//! The export as CSV for spreadsheet tools: UTF-8 with a byte-order mark, CRLF line
//! ends, one row per goal with the person's columns repeated (a person without goals
//! gets one row with the goal columns empty); the person's evaluation columns of
//! `/2` (scores, final result, 1on1s, training, adjustments) come last, so the
//! columns of `/1` keep their places. 能力評価 is a second CSV ([`super::ability_table`]). Fields with commas, quotes or line
//! breaks are quoted, quotes doubled. Headers are Japanese or English; in Japanese,
//! categories and difficulties are shown by their Japanese names, in English by the
//! codes the TOML export uses.
//!
//! Spreadsheet-safe by default: a cell that begins with `=`, `+`, `-`, `@`, a tab or
//! a carriage return would be read as a formula (CSV injection), so it is written with
//! a leading `'`, as OWASP advises; a plain number (the program's own, e.g. a negative
//! score under custom points) is left as it is. [`Cells::Raw`] writes every cell as
//! the data has it.

use super::export::{Export, ExportAction, ExportAdjustment, ExportGoal, ExportPerson, ExportTraining};
use crate::messages::{self, Lang, Message, Text};
use crate::model::SheetState;

/// The UTF-8 byte-order mark that tells spreadsheet tools the encoding.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// How many columns a row has.
pub const COLUMNS: usize = messages::CSV_COLUMNS.len();

/// The header row: Japanese names, or in English the keys of the TOML export.
pub fn header(lang: Lang) -> Vec<String> {
    messages::CSV_COLUMNS.iter().map(|column| column.text(lang)).collect()
}

/// How cells are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cells {
    /// A cell a spreadsheet would take for a formula gets a leading `'`.
    SpreadsheetSafe,
    /// Every cell as the data has it (`pdca export --raw`).
    Raw,
}

/// Whether a spreadsheet would take text beginning like this for a formula: `=`, `+`,
/// `-`, `@`, a tab or a carriage return first (OWASP's list for CSV injection).
pub fn starts_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A cell as written: with a leading `'` where a spreadsheet would run it as a formula.
pub(super) fn cell(text: String, cells: Cells) -> String {
    // A negative number as the program writes it: a minus, then digits and a point.
    let number = text
        .strip_prefix('-')
        .is_some_and(|digits| !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || c == '.'));
    if cells == Cells::SpreadsheetSafe && starts_like_formula(&text) && !number { format!("'{text}") } else { text }
}

/// Every row's fields, in [`COLUMNS`] order, as written.
pub fn rows(export: &Export, lang: Lang, cells: Cells) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for person in &export.people {
        if person.goals.is_empty() {
            rows.push(row(&export.cycle.id, person, None, lang));
        }
        for goal in &person.goals {
            rows.push(row(&export.cycle.id, person, Some(goal), lang));
        }
    }
    safe_rows(rows, cells)
}

fn safe_rows(rows: Vec<Vec<String>>, cells: Cells) -> Vec<Vec<String>> {
    rows.into_iter().map(|row| row.into_iter().map(|text| cell(text, cells)).collect()).collect()
}

fn row(cycle: &str, person: &ExportPerson, goal: Option<&ExportGoal>, lang: Lang) -> Vec<String> {
    let mut fields = vec![
        cycle.to_owned(),
        person.id.to_string(),
        person.name.to_string(),
        person.kana.to_string(),
        person.grade.map(|g| g.to_string()).unwrap_or_default(),
        person.title.to_string(),
        person.unit_path.join("/"),
        person.reviewer.as_deref().unwrap_or_default().to_owned(),
        state_cell(&person.sheet_state, lang),
        person.score.map(|score| score.to_string()).unwrap_or_default(),
    ];
    match goal {
        None => fields.resize(COLUMNS - EVALUATION_COLUMNS, String::new()),
        Some(goal) => fields.extend([
            goal.id.to_string(),
            goal.title.to_string(),
            goal.description.to_string(),
            goal.criteria.to_string(),
            goal.category.map(|c| code_or_label(&c, lang)).unwrap_or_default(),
            goal.difficulty.map(|d| code_or_label(&d, lang)).unwrap_or_default(),
            goal.weight.map(|w| w.to_string()).unwrap_or_default(),
            goal.due.map(|d| d.to_string()).unwrap_or_default(),
            goal.parent.as_deref().unwrap_or_default().to_owned(),
            goal.cascade.join(" > "),
            goal.progress.to_string(),
            goal.top_goal.to_string(),
            goal.planned_share.to_string(),
            goal.contribution.to_string(),
            goal.self_level.map(|l| l.letter().to_owned()).unwrap_or_default(),
            goal.self_comment.to_string(),
            goal.reviewer_level.map(|l| l.letter().to_owned()).unwrap_or_default(),
            goal.strengths.to_string(),
            goal.improvements.to_string(),
            goal.contribution_comment.to_string(),
            actions(&goal.actions, lang),
            goal.carried_from.clone().unwrap_or_default(),
        ]),
    }
    let number = |value: Option<f64>| value.map(|v| v.to_string()).unwrap_or_default();
    let level = |level: Option<crate::model::Level>| level.map(|l| l.letter().to_owned()).unwrap_or_default();
    fields.extend([
        number(person.performance_score),
        number(person.competency_score),
        level(person.level),
        number(person.final_score),
        level(person.final_level),
        person.second_reviewer.as_deref().unwrap_or_default().to_owned(),
        person.meetings_count.map(|count| count.to_string()).unwrap_or_default(),
        person.last_meeting.map(|day| day.to_string()).unwrap_or_default(),
        trainings(&person.trainings, lang),
        adjustments(&person.adjustments, lang),
    ]);
    fields
}

/// The person's columns that come after the goal's.
const EVALUATION_COLUMNS: usize = 10;

/// Training in one cell, one per line: `course date (completed)`.
fn trainings(items: &[ExportTraining], lang: Lang) -> String {
    let line = |item: &ExportTraining| {
        let done = if item.completed { format!(" {}", Text::CsvCompleted.text(lang)) } else { String::new() };
        format!("{} {}{done}", item.course, item.date)
    };
    items.iter().map(line).collect::<Vec<_>>().join("\n")
}

/// Adjustments in one cell, one per line: `at by: from → to reason`.
fn adjustments(items: &[ExportAdjustment], lang: Lang) -> String {
    let line = |item: &ExportAdjustment| {
        let from = item.from.map(|from| format!("{from} → ")).unwrap_or_default();
        format!("{} {}: {from}{} {}{}", item.at, item.by, item.to, Text::CsvReason.text(lang), item.reason)
    };
    items.iter().map(line).collect::<Vec<_>>().join("\n")
}

/// A sheet state given by its export key: its name in Japanese, the key in English.
fn state_cell(key: &str, lang: Lang) -> String {
    match SheetState::ALL.into_iter().find(|state| state.key() == key) {
        Some(state) => messages::code_or_name(&state, key, lang),
        None => key.to_owned(),
    }
}

/// A value's code in the files (`strategic`) in English, its name in Japanese.
fn code_or_label<T: serde::Serialize + Message>(value: &T, lang: Lang) -> String {
    let code = toml::Value::try_from(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
    messages::code_or_name(value, &code, lang)
}

/// Action items in one cell, one per line: `issue / measure / due / done`.
fn actions(items: &[ExportAction], lang: Lang) -> String {
    let line = |item: &ExportAction| {
        let mut parts = vec![format!("{}{}", Text::CsvIssue.text(lang), item.issue)];
        if !item.measure.is_empty() {
            parts.push(format!("{}{}", Text::CsvMeasure.text(lang), item.measure));
        }
        if let Some(due) = item.due {
            parts.push(format!("{}{due}", Text::CsvDue.text(lang)));
        }
        if item.done {
            parts.push(Text::CsvDone.text(lang));
        }
        parts.join(" / ")
    };
    items.iter().map(line).collect::<Vec<_>>().join("\n")
}

/// The whole CSV file.
pub fn to_csv(export: &Export, lang: Lang, cells: Cells) -> Vec<u8> {
    write_csv(header(lang), rows(export, lang, Cells::Raw), cells)
}

/// A CSV file of a header and rows, the cells made safe as asked.
pub(super) fn write_csv(header: Vec<String>, rows: Vec<Vec<String>>, cells: Cells) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(BOM.to_vec());
    // Writing to memory cannot fail; every row has the header's length.
    writer.write_record(header).expect("in-memory CSV");
    for row in safe_rows(rows, cells) {
        writer.write_record(&row).expect("in-memory CSV");
    }
    writer.into_inner().expect("in-memory CSV")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_cells_get_a_quote_and_numbers_do_not() {
        let safe = |text: &str| cell(text.to_owned(), Cells::SpreadsheetSafe);
        for (text, written) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("-inf", "'-inf"),
            ("-1e3", "'-1e3"),
            ("-0.5", "-0.5"),
            ("4.25", "4.25"),
            ("受験申込 = 100%", "受験申込 = 100%"),
            ("", ""),
        ] {
            assert_eq!(safe(text), written, "{text:?}");
        }
        assert_eq!(cell("=1+1".to_owned(), Cells::Raw), "=1+1");
    }
}
