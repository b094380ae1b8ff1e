//! The roster import (`pdca org import roster.csv`): HR's staff list as CSV, merged
//! into `org.toml`.
//!
//! Columns: `id, name, kana, unit, grade, title, reviewer, login, roles`. With a
//! header row (English names as here, or 職員番号, 氏名, ふりがな, 所属, 級, 職名,
//! 一次評価者, ログイン, 役割) the columns may come in any order and optional ones may
//! be missing — a missing column leaves that field of existing people as it is.
//! Without a header, all nine columns in this order. `unit` is the unit path from the
//! department down, levels separated by `/` (department/section/team); units that do
//! not exist yet are created. `roles` are separated by `;`. A UTF-8 byte-order mark
//! and spaces around fields are ignored.
//!
//! Every row is checked; a rejected row carries its line number and reason. Names,
//! kana, titles and unit names that a spreadsheet would run as a formula (they begin
//! with `=`, `+`, `-` or `@`) are rejected, since every CSV export carries them. People in
//! `org.toml` but not in the roster are listed, never removed.

mod merge;

use crate::model::hash::{HashMap, HashSet};

use super::csv_rows::{CsvProblem, Unreadable, read_rows};
use super::table::starts_like_formula;
use crate::model::ident::{BadId, check_id};
use crate::model::inert::steering_characters;
use crate::model::validate::{TITLE_LIMIT, check_text, validate_org};
use crate::model::{Org, Person, PersonId, Problem, ProblemKind, Severity};
pub use merge::UnitPaths;
use merge::{blame, merge};

/// The roster's columns, in the order of a roster without header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    Id,
    Name,
    Kana,
    Unit,
    Grade,
    Title,
    Reviewer,
    Login,
    Roles,
}

impl Column {
    pub const ALL: [Column; 9] = [
        Column::Id,
        Column::Name,
        Column::Kana,
        Column::Unit,
        Column::Grade,
        Column::Title,
        Column::Reviewer,
        Column::Login,
        Column::Roles,
    ];

    /// Header names this column is recognised by (compared in lower case).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::Id => &["id", "職員番号", "職員id"],
            Column::Name => &["name", "氏名", "名前"],
            Column::Kana => &["kana", "ふりがな", "フリガナ", "カナ"],
            Column::Unit => &["unit", "unit path", "unit_path", "所属"],
            Column::Grade => &["grade", "級", "職務の級"],
            Column::Title => &["title", "職名", "職"],
            Column::Reviewer => &["reviewer", "一次評価者", "評価者"],
            Column::Login => &["login", "ログイン", "ログイン名"],
            Column::Roles => &["roles", "role", "役割", "ロール"],
        }
    }

    fn from_header(cell: &str) -> Option<Column> {
        let cell = cell.trim().to_lowercase();
        Column::ALL.into_iter().find(|column| column.aliases().contains(&cell.as_str()))
    }
}

/// A problem with the roster as a whole: nothing can be read from it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
// Developers read the debug form; users read the messages.
#[error("{self:?}")]
pub enum RosterError {
    /// Not CSV: the reader could not go on from `line`.
    Unreadable {
        line: u64,
    },
    /// A cell not in UTF-8: the roster was saved in another encoding.
    NotUtf8 {
        line: u64,
        column: usize,
    },
    UnknownColumn(String),
    DuplicateColumn(Column),
    MissingColumn(Column),
    Empty,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Rejected {
    pub line: u64,
    /// The row's id, when it has one.
    pub id: String,
    pub reason: Rejection,
}

/// Why a row of the roster was rejected.
#[derive(Clone, Debug, PartialEq)]
pub enum Rejection {
    ColumnCount {
        expected: usize,
        found: usize,
    },
    ControlCharacter {
        column: Column,
        code: u32,
    },
    TooLong {
        column: Column,
        chars: usize,
        limit: usize,
    },
    /// A text a spreadsheet would run as a formula (begins with = + - @): it would
    /// reach HR's spreadsheets through every CSV export.
    FormulaLike {
        column: Column,
    },
    EmptyId,
    /// An id that cannot name a file.
    BadId {
        id: String,
        reason: BadId,
    },
    EmptyName,
    EmptyUnitPath,
    EmptyUnitLevel {
        path: String,
    },
    TooDeep {
        path: String,
        levels: usize,
    },
    GradeOutOfRange(String),
    GradeNotNumber(String),
    OwnReviewer(PersonId),
    /// The id is on all these lines.
    DuplicateId {
        id: PersonId,
        lines: Vec<u64>,
    },
    /// The reviewer's own row was rejected, on that line.
    ReviewerRejected {
        reviewer: PersonId,
        line: u64,
    },
    UnknownReviewer(PersonId),
    LoginTaken {
        login: String,
        others: Vec<PersonId>,
    },
    /// What validating the organisation with the row found about its person.
    Invalid(ProblemKind),
}

/// A new person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Added {
    pub id: PersonId,
    pub name: String,
    /// The unit's path of names (`総務部/人事課`).
    pub unit_path: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    pub field: Column,
    pub before: String,
    pub after: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Changed {
    pub id: PersonId,
    pub name: String,
    pub fields: Vec<FieldChange>,
}

/// What importing the roster does: the organisation with every valid row applied,
/// and what changed.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub org: Org,
    pub rejected: Vec<Rejected>,
    pub added: Vec<Added>,
    pub changed: Vec<Changed>,
    /// People in `org.toml` who are not in the roster: id and name.
    pub not_in_roster: Vec<(PersonId, String)>,
    /// Unit paths of the units created.
    pub new_units: Vec<String>,
    /// Problems `org.toml` had already, outside the roster's rows.
    pub warnings: Vec<Problem>,
}

impl Plan {
    pub fn has_changes(&self) -> bool {
        !self.added.is_empty() || !self.changed.is_empty() || !self.new_units.is_empty()
    }
}

/// One row as read: the value of each column the roster has.
#[derive(Clone, Debug)]
struct Row {
    line: u64,
    id: String,
    name: Option<String>,
    kana: Option<Option<String>>,
    unit: Option<Vec<String>>,
    grade: Option<Option<u8>>,
    title: Option<String>,
    reviewer: Option<Option<String>>,
    login: Option<Option<String>>,
    roles: Option<Vec<String>>,
}

/// Reads the roster and works out what importing it would do. Rows with errors are
/// rejected and left out of [`Plan::org`]; the caller decides whether to write it.
pub fn plan(org: &Org, bytes: &[u8]) -> Result<Plan, RosterError> {
    let mut records = read_rows(bytes).map_err(|Unreadable { line, problem }| match problem {
        CsvProblem::NotUtf8 { column } => RosterError::NotUtf8 { line, column },
        CsvProblem::Broken => RosterError::Unreadable { line },
    })?;
    let columns = match records.first() {
        None => return Err(RosterError::Empty),
        Some((_, first)) if first.iter().any(|cell| Column::from_header(cell) == Some(Column::Id)) => {
            let columns = header_columns(first)?;
            records.remove(0);
            columns
        }
        Some(_) => Column::ALL.to_vec(),
    };

    let mut rejected = Vec::new();
    let mut rows = Vec::new();
    for (line, fields) in &records {
        match read_row(*line, fields, &columns) {
            Ok(row) => rows.push(row),
            Err(reason) => rejected.push(Rejected { line: *line, id: id_of(fields, &columns), reason }),
        }
    }
    // An id on several lines: which line is right is anyone's guess, so all are rejected.
    let mut lines_of: HashMap<String, Vec<u64>> = HashMap::default();
    for (line, fields) in &records {
        let id = id_of(fields, &columns);
        if !id.is_empty() {
            lines_of.entry(id).or_default().push(*line);
        }
    }
    rows.retain(|row| {
        let lines = &lines_of[&row.id];
        if lines.len() > 1 {
            rejected.push(Rejected {
                line: row.line,
                id: row.id.clone(),
                reason: Rejection::DuplicateId { id: row.id.as_str().into(), lines: lines.clone() },
            });
        }
        lines.len() == 1
    });

    let (merged, new_units) = loop {
        let (merged, new_units) = merge(org, &rows);
        let blamed = blame(org, &merged, &rows, &rejected);
        if blamed.is_empty() {
            break (merged, new_units);
        }
        let mut blamed = blamed;
        rows.retain(|row| match blamed.remove(row.id.as_str()) {
            Some(reason) => {
                rejected.push(Rejected { line: row.line, id: row.id.clone(), reason });
                false
            }
            None => true,
        });
    };
    rejected.sort_by_key(|rejected| rejected.line);

    let existing: HashMap<&str, &Person> = org.people.iter().map(|p| (p.id.as_str(), p)).collect();
    let merged_by_id: HashMap<&str, &Person> = merged.people.iter().map(|p| (p.id.as_str(), p)).collect();
    let (paths_before, paths_after) = (UnitPaths::new(org), UnitPaths::new(&merged));
    let mut added = Vec::new();
    let mut changed = Vec::new();
    for row in &rows {
        let after = merged_by_id[row.id.as_str()];
        match existing.get(row.id.as_str()) {
            None => added.push(Added {
                id: row.id.as_str().into(),
                name: after.name.clone(),
                unit_path: paths_after.path(&after.unit),
            }),
            Some(before) => {
                let fields = differences(&paths_before, &paths_after, before, after);
                if !fields.is_empty() {
                    changed.push(Changed { id: row.id.as_str().into(), name: after.name.clone(), fields });
                }
            }
        }
    }
    let in_roster: HashSet<String> = records.iter().map(|(_, fields)| id_of(fields, &columns)).collect();
    let not_in_roster =
        org.people.iter().filter(|p| !in_roster.contains(p.id.as_str())).map(|p| (p.id, p.name.clone())).collect();
    let row_ids: HashSet<&str> = rows.iter().map(|row| row.id.as_str()).collect();
    let warnings = validate_org(&merged)
        .into_iter()
        .filter(|p| p.severity() == Severity::Error && !p.subject.as_deref().is_some_and(|s| row_ids.contains(s)))
        .collect();
    Ok(Plan { org: merged, rejected, added, changed, not_in_roster, new_units, warnings })
}

fn header_columns(cells: &[String]) -> Result<Vec<Column>, RosterError> {
    let mut columns = Vec::new();
    for cell in cells {
        let column = Column::from_header(cell).ok_or_else(|| RosterError::UnknownColumn(cell.clone()))?;
        if columns.contains(&column) {
            return Err(RosterError::DuplicateColumn(column));
        }
        columns.push(column);
    }
    for required in [Column::Id, Column::Name, Column::Unit] {
        if !columns.contains(&required) {
            return Err(RosterError::MissingColumn(required));
        }
    }
    Ok(columns)
}

fn id_of(fields: &[String], columns: &[Column]) -> String {
    columns.iter().position(|c| *c == Column::Id).and_then(|at| fields.get(at)).cloned().unwrap_or_default()
}

/// Checks one row on its own and reads its values.
fn read_row(line: u64, fields: &[String], columns: &[Column]) -> Result<Row, Rejection> {
    if fields.len() != columns.len() {
        return Err(Rejection::ColumnCount { expected: columns.len(), found: fields.len() });
    }
    for (&column, text) in columns.iter().zip(fields) {
        if let Some(bad) = steering_characters(text).next() {
            return Err(Rejection::ControlCharacter { column, code: u32::from(bad) });
        }
        let is_text = matches!(column, Column::Name | Column::Kana | Column::Title | Column::Unit);
        let formula_like = if column == Column::Unit {
            text.split('/').any(|level| starts_like_formula(level.trim()))
        } else {
            starts_like_formula(text)
        };
        if is_text && formula_like {
            return Err(Rejection::FormulaLike { column });
        }
        if let Some(ProblemKind::TooLong { chars, limit, .. }) = check_text("", text, TITLE_LIMIT) {
            return Err(Rejection::TooLong { column, chars, limit });
        }
    }
    let value = |column: Column| columns.iter().position(|c| *c == column).map(|at| fields[at].clone());
    let optional = |column: Column| value(column).map(|text| Some(text).filter(|t| !t.is_empty()));
    let id = value(Column::Id).unwrap_or_default();
    if id.is_empty() {
        return Err(Rejection::EmptyId);
    }
    if let Err(reason) = check_id(&id) {
        return Err(Rejection::BadId { id, reason });
    }
    let name = value(Column::Name);
    if name.as_deref() == Some("") {
        return Err(Rejection::EmptyName);
    }
    let unit = match value(Column::Unit) {
        None => None,
        Some(path) => Some(unit_path(&path)?),
    };
    let grade = match optional(Column::Grade) {
        None => None,
        Some(None) => Some(None),
        Some(Some(text)) => match text.parse::<u8>() {
            Ok(grade) if (1..=8).contains(&grade) => Some(Some(grade)),
            Ok(_) | Err(_) if text.chars().all(|c| c.is_ascii_digit()) => {
                return Err(Rejection::GradeOutOfRange(text));
            }
            _ => return Err(Rejection::GradeNotNumber(text)),
        },
    };
    let reviewer = optional(Column::Reviewer);
    if reviewer.as_ref().is_some_and(|r| r.as_deref() == Some(id.as_str())) {
        return Err(Rejection::OwnReviewer(id.into()));
    }
    let roles = value(Column::Roles).map(|text| {
        let mut roles: Vec<String> = Vec::new();
        for role in text.split(';').map(str::trim).filter(|r| !r.is_empty()) {
            if !roles.iter().any(|r| r == role) {
                roles.push(role.to_owned());
            }
        }
        roles
    });
    Ok(Row {
        line,
        id,
        name,
        kana: optional(Column::Kana),
        unit,
        grade,
        title: value(Column::Title),
        reviewer,
        login: optional(Column::Login),
        roles,
    })
}

fn unit_path(text: &str) -> Result<Vec<String>, Rejection> {
    if text.is_empty() {
        return Err(Rejection::EmptyUnitPath);
    }
    let levels: Vec<String> = text.split('/').map(|level| level.trim().to_owned()).collect();
    if levels.iter().any(String::is_empty) {
        return Err(Rejection::EmptyUnitLevel { path: text.to_owned() });
    }
    if levels.len() > 3 {
        return Err(Rejection::TooDeep { path: text.to_owned(), levels: levels.len() });
    }
    Ok(levels)
}

/// The fields of a person that the roster changed, with units shown by their paths.
fn differences(paths_before: &UnitPaths, paths_after: &UnitPaths, before: &Person, after: &Person) -> Vec<FieldChange> {
    let optional = |value: Option<&str>| value.unwrap_or_default().to_owned();
    let pairs = [
        (Column::Name, before.name.clone(), after.name.clone()),
        (Column::Kana, optional(before.kana.as_deref()), optional(after.kana.as_deref())),
        (Column::Unit, paths_before.path(&before.unit), paths_after.path(&after.unit)),
        (
            Column::Grade,
            before.grade.map(|g| g.to_string()).unwrap_or_default(),
            after.grade.map(|g| g.to_string()).unwrap_or_default(),
        ),
        (Column::Title, before.title.clone(), after.title.clone()),
        (Column::Reviewer, optional(before.reviewer.as_deref()), optional(after.reviewer.as_deref())),
        (Column::Login, optional(before.login.as_deref()), optional(after.login.as_deref())),
        (Column::Roles, before.roles.join(";"), after.roles.join(";")),
    ];
    let mut changes: Vec<FieldChange> = pairs
        .into_iter()
        .filter(|(_, old, new)| old != new)
        .map(|(field, before, after)| FieldChange { field, before, after })
        .collect();
    // A unit that kept its path but not its id (e.g. a duplicate name) still counts.
    if before.unit != after.unit && !changes.iter().any(|c| c.field == Column::Unit) {
        changes.push(FieldChange { field: Column::Unit, before: before.unit.clone(), after: after.unit.clone() });
    }
    changes
}
