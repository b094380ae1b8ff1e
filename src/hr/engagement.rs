//! The engagement results import (HR): the survey tool's results per unit and
//! question as CSV, read into the records of `cycles/<cycle>/engagement.toml`.
//!
//! The first row is a header naming the columns `unit, question, mean, respondents`
//! in any order (or 組織/所属, 設問/質問, 平均/平均スコア, 回答者数/回答数). `unit` is a
//! unit id, its path from the department down (`総務部/人事課`) or a unit name used
//! once; `question` a question id or its number (`4` for `Q4`). A BOM, CRLF line ends
//! and spaces around fields are fine.
//!
//! A row with fewer respondents than the minimum is held back, not stored: such a
//! mean is too close to individual answers, and none are ever stored. Every other
//! problem rejects its row with `file:line: reason`.

use crate::model::hash::HashMap;
use std::fmt;

use super::csv_rows::{CsvProblem, Unreadable, read_rows};
use super::roster::UnitPaths;
use crate::model::engagement::{EngagementResult, EngagementSettings, QuestionList};
use crate::model::{Extra, Org, UnitId};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Unit,
    Question,
    Mean,
    Respondents,
}

impl Column {
    const ALL: [Column; 4] = [Column::Unit, Column::Question, Column::Mean, Column::Respondents];

    pub fn name(self) -> &'static str {
        match self {
            Column::Unit => "unit",
            Column::Question => "question",
            Column::Mean => "mean",
            Column::Respondents => "respondents",
        }
    }

    /// Header names this column is recognised by (compared in lower case).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::Unit => &["unit", "組織", "所属", "部署"],
            Column::Question => &["question", "設問", "質問", "項目"],
            Column::Mean => &["mean", "平均", "平均スコア", "スコア"],
            Column::Respondents => &["respondents", "回答者数", "回答数", "人数"],
        }
    }

    fn from_header(cell: &str) -> Option<Column> {
        let cell = cell.trim().to_lowercase();
        Column::ALL.into_iter().find(|column| column.aliases().contains(&cell.as_str()))
    }
}

/// A file that cannot be imported at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{self:?}")]
pub enum FileError {
    Unreadable {
        file: String,
        line: u64,
        problem: CsvProblem,
    },
    Empty {
        file: String,
    },
    /// The first row is not a header, or names a column twice or not at all.
    BadHeader {
        file: String,
        reason: HeaderProblem,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderProblem {
    UnknownColumn(String),
    DuplicateColumn(&'static str),
    MissingColumn(&'static str),
}

/// Why one row was rejected.
#[derive(Clone, Debug, PartialEq)]
pub enum RowProblem {
    ColumnCount {
        expected: usize,
        found: usize,
    },
    ControlCharacter {
        column: &'static str,
    },
    UnknownUnit(String),
    UnknownQuestion(String),
    BadMean(String),
    MeanOutOfRange(f64),
    BadRespondents(String),
    /// The same unit and question as an earlier row.
    Duplicate {
        first_line: u64,
    },
}

/// A rejected row: `file:line: reason`.
#[derive(Clone, Debug, PartialEq)]
pub struct RowError {
    pub file: String,
    pub line: u64,
    pub problem: RowProblem,
}

/// For logs and developers; what users read comes from the messages.
impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

/// A row under the minimum of respondents, left out of the results.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeldBack {
    pub line: u64,
    pub unit: UnitId,
    pub question: String,
    pub respondents: u32,
}

/// What importing the file gives: the results to store, the rows held back and the
/// rows rejected. The caller decides whether to write when rows were rejected.
#[derive(Clone, Debug, PartialEq)]
pub struct EngagementImport {
    pub results: Vec<EngagementResult>,
    pub held_back: Vec<HeldBack>,
    pub rejected: Vec<RowError>,
}

/// Reads the CSV text of `file` (named in messages).
pub fn parse(
    file: &str,
    bytes: &[u8],
    org: &Org,
    questions: &QuestionList,
    settings: &EngagementSettings,
) -> Result<EngagementImport, FileError> {
    let mut rows = read_rows(bytes).map_err(|Unreadable { line, problem }| FileError::Unreadable {
        file: file.to_owned(),
        line,
        problem,
    })?;
    if rows.is_empty() {
        return Err(FileError::Empty { file: file.to_owned() });
    }
    let (_, header) = rows.remove(0);
    let columns = header_columns(&header).map_err(|reason| FileError::BadHeader { file: file.to_owned(), reason })?;
    let units = UnitNames::new(org);
    let mut import = EngagementImport { results: Vec::new(), held_back: Vec::new(), rejected: Vec::new() };
    let mut first_line_of: HashMap<(UnitId, String), u64> = HashMap::default();
    for (line, fields) in rows {
        let row = read_row(&fields, &columns, &units, questions).and_then(|row| {
            match first_line_of.get(&(row.unit.clone(), row.question.clone())) {
                Some(&first_line) => Err(RowProblem::Duplicate { first_line }),
                None => Ok(row),
            }
        });
        match row {
            Err(problem) => import.rejected.push(RowError { file: file.to_owned(), line, problem }),
            Ok(row) => {
                first_line_of.insert((row.unit.clone(), row.question.clone()), line);
                if row.respondents < settings.min_respondents {
                    let EngagementResult { unit, question, respondents, .. } = row;
                    import.held_back.push(HeldBack { line, unit, question, respondents });
                } else {
                    import.results.push(row);
                }
            }
        }
    }
    Ok(import)
}

fn header_columns(cells: &[String]) -> Result<Vec<Column>, HeaderProblem> {
    let mut columns = Vec::new();
    for cell in cells {
        let column = Column::from_header(cell).ok_or_else(|| HeaderProblem::UnknownColumn(cell.clone()))?;
        if columns.contains(&column) {
            return Err(HeaderProblem::DuplicateColumn(column.name()));
        }
        columns.push(column);
    }
    match Column::ALL.into_iter().find(|column| !columns.contains(column)) {
        Some(missing) => Err(HeaderProblem::MissingColumn(missing.name())),
        None => Ok(columns),
    }
}

fn read_row(
    fields: &[String],
    columns: &[Column],
    units: &UnitNames<'_>,
    questions: &QuestionList,
) -> Result<EngagementResult, RowProblem> {
    if fields.len() != columns.len() {
        return Err(RowProblem::ColumnCount { expected: columns.len(), found: fields.len() });
    }
    for (column, text) in columns.iter().zip(fields) {
        if text.chars().any(char::is_control) {
            return Err(RowProblem::ControlCharacter { column: column.name() });
        }
    }
    let value = |wanted: Column| columns.iter().position(|c| *c == wanted).map_or("", |at| fields[at].as_str());
    let unit = units.resolve(value(Column::Unit)).ok_or_else(|| RowProblem::UnknownUnit(value(Column::Unit).into()))?;
    let question = questions
        .resolve(value(Column::Question))
        .ok_or_else(|| RowProblem::UnknownQuestion(value(Column::Question).into()))?;
    let mean_text = value(Column::Mean);
    let mean: f64 = mean_text.parse().map_err(|_| RowProblem::BadMean(mean_text.into()))?;
    if !(1.0..=5.0).contains(&mean) {
        return Err(RowProblem::MeanOutOfRange(mean));
    }
    let respondents_text = value(Column::Respondents);
    let respondents: u32 = respondents_text.parse().map_err(|_| RowProblem::BadRespondents(respondents_text.into()))?;
    Ok(EngagementResult { unit, question: question.id.clone(), mean, respondents, extra: Extra::new() })
}

/// Units by id, by path of names (`総務部/人事課`) and by a name used only once.
struct UnitNames<'a> {
    org: &'a Org,
    by_path: HashMap<String, &'a str>,
}

impl<'a> UnitNames<'a> {
    fn new(org: &'a Org) -> UnitNames<'a> {
        let paths = UnitPaths::new(org);
        UnitNames { org, by_path: org.units.iter().map(|u| (paths.path(&u.id), u.id.as_str())).collect() }
    }

    fn resolve(&self, text: &str) -> Option<UnitId> {
        if let Some(unit) = self.org.units.iter().find(|u| u.id == text) {
            return Some(unit.id.clone());
        }
        let path: Vec<&str> = text.split('/').map(str::trim).collect();
        if let Some(id) = self.by_path.get(&path.join("/")) {
            return Some((*id).to_owned());
        }
        let mut named = self.org.units.iter().filter(|u| u.name == text);
        match (named.next(), named.next()) {
            (Some(unit), None) => Some(unit.id.clone()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Message;
    use crate::model::permissions::tests::city;

    fn import(text: &str) -> Result<EngagementImport, FileError> {
        parse("results.csv", text.as_bytes(), &city(), &QuestionList::default(), &EngagementSettings::default())
    }

    fn reasons(import: &EngagementImport) -> Vec<String> {
        import.rejected.iter().map(Message::en).collect()
    }

    #[test]
    fn rows_become_results_by_id_path_name_and_question_number() {
        let text = "\u{feff}unit,question,mean,respondents\r\njinji,Q4,2.9,12\r\n総務部/情報政策課, 11 ,3.35,8\r\n\
                    人材育成チーム,Q1,3.6,5\r\n";
        let import = import(text).unwrap();
        let rows: Vec<(&str, &str, f64, u32)> =
            import.results.iter().map(|r| (r.unit.as_str(), r.question.as_str(), r.mean, r.respondents)).collect();
        assert_eq!(rows, [("jinji", "Q4", 2.9, 12), ("joho", "Q11", 3.35, 8), ("jinji-t", "Q1", 3.6, 5)]);
        assert!(import.rejected.is_empty() && import.held_back.is_empty());
    }

    #[test]
    fn japanese_headers_in_any_order() {
        let import = import("回答者数,平均,設問,組織\n7,3.1,Q2,人事課\n").unwrap();
        assert_eq!(import.results[0].unit, "jinji");
        assert_eq!((import.results[0].mean, import.results[0].respondents), (3.1, 7));
    }

    #[test]
    fn a_row_under_the_minimum_is_held_back_not_stored() {
        let import = import("unit,question,mean,respondents\njinji,Q4,2.9,12\njinji-t,Q4,2.0,3\n").unwrap();
        assert_eq!(import.results.len(), 1);
        assert_eq!(
            import.held_back,
            [HeldBack { line: 3, unit: "jinji-t".into(), question: "Q4".into(), respondents: 3 }]
        );
    }

    #[test]
    fn bad_rows_are_rejected_with_file_and_line() {
        let text = "unit,question,mean,respondents\n\
                    kikaku,Q4,3.0,9\n\
                    jinji,Q14,3.0,9\n\
                    jinji,Q4,三,9\n\
                    jinji,Q4,6.2,9\n\
                    jinji,Q4,3.0,-1\n\
                    jinji,Q4,3.0\n\
                    jinji,Q4,3.0,9\n\
                    jinji,4,3.2,10\n";
        let import = import(text).unwrap();
        assert_eq!(
            reasons(&import),
            [
                "results.csv:2: unknown unit `kikaku`",
                "results.csv:3: unknown question `Q14`",
                "results.csv:4: mean `三` is not a number",
                "results.csv:5: mean 6.2 is outside the survey's 1–5 scale",
                "results.csv:6: respondents `-1` is not a whole number of 0 or more",
                "results.csv:7: expected 4 columns, found 3",
                "results.csv:9: same unit and question as line 8",
            ]
        );
        assert_eq!(import.rejected[0].ja(), "results.csv:2: 組織「kikaku」は org.toml にありません");
        assert_eq!(import.results.len(), 1);
    }

    #[test]
    fn a_file_without_a_proper_header_is_refused() {
        assert_eq!(
            import("jinji,Q4,3.0,9\n").unwrap_err().en(),
            "results.csv:1: header: unknown column `jinji` (known: unit, question, mean, respondents)"
        );
        assert_eq!(
            import("unit,question,mean\n").unwrap_err().en(),
            "results.csv:1: header: the required column `respondents` is missing"
        );
        assert_eq!(
            import("unit,所属,question,mean,respondents\n").unwrap_err().ja(),
            "results.csv:1: 見出しの列 unit が2回あります"
        );
        assert_eq!(import("\n\n").unwrap_err(), FileError::Empty { file: "results.csv".into() });
    }
}
