//! The export as CSV for spreadsheet tools: UTF-8 with a byte-order mark, CRLF line
//! ends, one row per goal with the person's columns repeated (a person without goals
//! gets one row with the goal columns empty). Fields with commas, quotes or line
//! breaks are quoted, quotes doubled. Headers are Japanese or English; in Japanese,
//! categories and difficulties are shown by their Japanese names, in English by the
//! codes the TOML export uses.

use super::export::{Export, ExportAction, ExportGoal, ExportPerson};
use crate::messages::{Lang, Message, Text};
use crate::model::SheetState;

/// The UTF-8 byte-order mark that tells spreadsheet tools the encoding.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Column headers, Japanese and English side by side.
pub const COLUMNS: [(&str, &str); 32] = [
    ("評価期間", "cycle"),
    ("職員番号", "person_id"),
    ("氏名", "name"),
    ("ふりがな", "kana"),
    ("級", "grade"),
    ("職名", "title"),
    ("所属", "unit_path"),
    ("一次評価者", "reviewer"),
    ("シート状態", "sheet_state"),
    ("評点", "score"),
    ("目標ID", "goal_id"),
    ("目標", "goal_title"),
    ("説明", "description"),
    ("達成基準", "criteria"),
    ("区分", "category"),
    ("難易度", "difficulty"),
    ("ウェイト", "weight"),
    ("期限", "due"),
    ("上位目標ID", "parent"),
    ("目標体系", "cascade"),
    ("進捗(%)", "progress"),
    ("最上位目標ID", "top_goal"),
    ("計画配分(%)", "planned_share"),
    ("貢献度(ポイント)", "contribution"),
    ("自己評価", "self_level"),
    ("自己評価コメント", "self_comment"),
    ("一次評価", "reviewer_level"),
    ("良かった点", "strengths"),
    ("改善点", "improvements"),
    ("貢献についてのコメント", "contribution_comment"),
    ("改善計画", "actions"),
    ("引継元", "carried_from"),
];

pub fn header(lang: Lang) -> Vec<&'static str> {
    COLUMNS
        .iter()
        .map(|&(ja, en)| match lang {
            Lang::Ja => ja,
            Lang::En => en,
        })
        .collect()
}

/// Every row's fields, in [`COLUMNS`] order.
pub fn rows(export: &Export, lang: Lang) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for person in &export.people {
        if person.goals.is_empty() {
            rows.push(row(&export.cycle.id, person, None, lang));
        }
        for goal in &person.goals {
            rows.push(row(&export.cycle.id, person, Some(goal), lang));
        }
    }
    rows
}

fn row(cycle: &str, person: &ExportPerson, goal: Option<&ExportGoal>, lang: Lang) -> Vec<String> {
    let mut fields = vec![
        cycle.to_owned(),
        person.id.clone(),
        person.name.clone(),
        person.kana.clone(),
        person.grade.map(|g| g.to_string()).unwrap_or_default(),
        person.title.clone(),
        person.unit_path.join("/"),
        person.reviewer.clone().unwrap_or_default(),
        match lang {
            Lang::Ja => state_label(&person.sheet_state),
            Lang::En => person.sheet_state.clone(),
        },
        person.score.map(|score| score.to_string()).unwrap_or_default(),
    ];
    match goal {
        None => fields.resize(COLUMNS.len(), String::new()),
        Some(goal) => fields.extend([
            goal.id.clone(),
            goal.title.clone(),
            goal.description.clone(),
            goal.criteria.clone(),
            goal.category.map(|c| code_or_label(&c, &c.ja(), lang)).unwrap_or_default(),
            goal.difficulty.map(|d| code_or_label(&d, &d.ja(), lang)).unwrap_or_default(),
            goal.weight.map(|w| w.to_string()).unwrap_or_default(),
            goal.due.map(|d| d.to_string()).unwrap_or_default(),
            goal.parent.clone().unwrap_or_default(),
            goal.cascade.join(" > "),
            goal.progress.to_string(),
            goal.top_goal.clone(),
            goal.planned_share.to_string(),
            goal.contribution.to_string(),
            goal.self_level.map(|l| l.letter().to_owned()).unwrap_or_default(),
            goal.self_comment.clone(),
            goal.reviewer_level.map(|l| l.letter().to_owned()).unwrap_or_default(),
            goal.strengths.clone(),
            goal.improvements.clone(),
            goal.contribution_comment.clone(),
            actions(&goal.actions, lang),
            goal.carried_from.clone().unwrap_or_default(),
        ]),
    }
    fields
}

/// The Japanese name of a sheet state given by its export key.
fn state_label(key: &str) -> String {
    SheetState::ALL.into_iter().find(|state| state.key() == key).map_or_else(|| key.to_owned(), |state| state.ja())
}

/// The code a value has in the files (`strategic`), or its Japanese name.
fn code_or_label<T: serde::Serialize>(value: &T, japanese: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => japanese.to_owned(),
        Lang::En => toml::Value::try_from(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(),
    }
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
pub fn to_csv(export: &Export, lang: Lang) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(BOM.to_vec());
    // Writing to memory cannot fail; every row has the header's length.
    writer.write_record(header(lang)).expect("in-memory CSV");
    for row in rows(export, lang) {
        writer.write_record(&row).expect("in-memory CSV");
    }
    writer.into_inner().expect("in-memory CSV")
}
