//! The 能力評価 of the export as a second CSV (`pdca export --format abilities-csv`):
//! one row per person and applicable ability, with each rater's level and comment.
//! Written like the goals CSV ([`super::table`]): UTF-8 with a byte-order mark,
//! CRLF, spreadsheet-safe cells unless raw, Japanese headers unless English.

use super::export::{Export, ExportCompetency, ExportPerson};
use super::table::{Cells, write_csv};
use crate::messages::{self, ABILITY_CSV_COLUMNS, Lang, Message};

/// The header row.
pub fn header(lang: Lang) -> Vec<String> {
    ABILITY_CSV_COLUMNS.iter().map(|column| column.text(lang)).collect()
}

/// Every row's fields, in [`ABILITY_CSV_COLUMNS`] order, before cells are made safe.
pub fn rows(export: &Export, lang: Lang) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for person in &export.people {
        for competency in &person.competencies {
            rows.push(row(&export.cycle.id, person, competency, lang));
        }
    }
    rows
}

fn row(cycle: &str, person: &ExportPerson, competency: &ExportCompetency, lang: Lang) -> Vec<String> {
    let level = |level: Option<crate::model::Level>| level.map(|l| l.letter().to_owned()).unwrap_or_default();
    let group = person.competency_group.map(|group| messages::code_or_name(&group, group.key(), lang));
    vec![
        cycle.to_owned(),
        person.id.to_string(),
        person.name.to_string(),
        person.unit_path.join("/"),
        group.unwrap_or_default(),
        competency.id.to_string(),
        competency.name.to_string(),
        competency.group.to_string(),
        level(competency.self_level),
        competency.self_comment.to_string(),
        level(competency.reviewer_level),
        competency.reviewer_comment.to_string(),
        level(competency.second_level),
        competency.second_comment.to_string(),
    ]
}

/// The whole CSV file.
pub fn to_csv(export: &Export, lang: Lang, cells: Cells) -> Vec<u8> {
    write_csv(header(lang), rows(export, lang), cells)
}
