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
//! Every row is checked; a rejected row carries its line number and reason. People in
//! `org.toml` but not in the roster are listed, never removed.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::csv_rows::{Unreadable, read_rows};
use crate::model::ident::{BadId, check_id};
use crate::model::validate::{TITLE_LIMIT, check_text, validate_org};
use crate::model::{Extra, Org, Person, PersonId, Problem, ProblemKind, Severity, Unit, UnitKind};

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
    /// Not CSV; the reason is the CSV reader's.
    Unreadable {
        line: u64,
        reason: String,
    },
    NotUtf8 {
        line: u64,
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
    /// New people: id and name.
    pub added: Vec<(PersonId, String)>,
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
    let mut records =
        read_rows(bytes).map_err(|Unreadable { line, reason }| RosterError::Unreadable { line, reason })?;
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
    let mut lines_of: HashMap<String, Vec<u64>> = HashMap::new();
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
                reason: Rejection::DuplicateId { id: row.id.clone(), lines: lines.clone() },
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
        for (id, reason) in blamed {
            if let Some(at) = rows.iter().position(|row| row.id == id) {
                let row = rows.remove(at);
                rejected.push(Rejected { line: row.line, id: row.id, reason });
            }
        }
    };
    rejected.sort_by_key(|rejected| rejected.line);

    let existing: HashMap<&str, &Person> = org.people.iter().map(|p| (p.id.as_str(), p)).collect();
    let merged_by_id: HashMap<&str, &Person> = merged.people.iter().map(|p| (p.id.as_str(), p)).collect();
    let mut added = Vec::new();
    let mut changed = Vec::new();
    for row in &rows {
        let after = merged_by_id[row.id.as_str()];
        match existing.get(row.id.as_str()) {
            None => added.push((row.id.clone(), after.name.clone())),
            Some(before) => {
                let fields = differences(org, &merged, before, after);
                if !fields.is_empty() {
                    changed.push(Changed { id: row.id.clone(), name: after.name.clone(), fields });
                }
            }
        }
    }
    let in_roster: HashSet<String> = records.iter().map(|(_, fields)| id_of(fields, &columns)).collect();
    let not_in_roster =
        org.people.iter().filter(|p| !in_roster.contains(&p.id)).map(|p| (p.id.clone(), p.name.clone())).collect();
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
        if let Some(bad) = text.chars().find(|c| c.is_control()) {
            return Err(Rejection::ControlCharacter { column, code: u32::from(bad) });
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
        return Err(Rejection::OwnReviewer(id));
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

/// The organisation with `rows` applied, and the paths of the units it had to create.
fn merge(org: &Org, rows: &[Row]) -> (Org, Vec<String>) {
    let mut merged = org.clone();
    let mut new_units = Vec::new();
    let mut used_ids: HashSet<String> = org.units.iter().map(|u| u.id.clone()).collect();
    for row in rows {
        let unit = row.unit.as_ref().map(|path| {
            let mut parent: Option<String> = None;
            for (depth, name) in path.iter().enumerate() {
                let found = merged.units.iter().find(|u| u.name == *name && u.parent == parent).map(|u| u.id.clone());
                let id = found.unwrap_or_else(|| {
                    let id = (1..).map(|n| format!("U{n}")).find(|id| !used_ids.contains(id)).expect("a free id");
                    used_ids.insert(id.clone());
                    merged.units.push(Unit {
                        id: id.clone(),
                        name: name.clone(),
                        kind: [UnitKind::Department, UnitKind::Section, UnitKind::Team][depth.min(2)],
                        parent: parent.clone(),
                        head: None,
                        extra: Extra::new(),
                    });
                    new_units.push(path[..=depth].join("/"));
                    id
                });
                parent = Some(id);
            }
            parent.unwrap_or_default()
        });
        let at = match merged.people.iter().position(|p| p.id == row.id) {
            Some(at) => at,
            None => {
                merged.people.push(Person {
                    id: row.id.clone(),
                    name: String::new(),
                    kana: None,
                    unit: String::new(),
                    grade: None,
                    title: String::new(),
                    job_type: None,
                    competency_group: None,
                    reviewer: None,
                    second_reviewer: None,
                    login: None,
                    roles: Vec::new(),
                    mentor: None,
                    extra: Extra::new(),
                });
                merged.people.len() - 1
            }
        };
        let person = &mut merged.people[at];
        if let Some(name) = &row.name {
            person.name = name.clone();
        }
        if let Some(kana) = &row.kana {
            person.kana = kana.clone();
        }
        if let Some(unit) = unit {
            person.unit = unit;
        }
        if let Some(grade) = row.grade {
            person.grade = grade;
        }
        if let Some(title) = &row.title {
            person.title = title.clone();
        }
        if let Some(reviewer) = &row.reviewer {
            person.reviewer = reviewer.clone();
        }
        if let Some(login) = &row.login {
            person.login = login.clone();
        }
        if let Some(roles) = &row.roles {
            person.roles = roles.clone();
        }
    }
    (merged, new_units)
}

/// Rows the merged organisation shows to be wrong: unknown reviewers, logins used
/// twice, and validation errors about a row's person (e.g. a reviewer loop).
fn blame(org: &Org, merged: &Org, rows: &[Row], rejected: &[Rejected]) -> BTreeMap<PersonId, Rejection> {
    let row_ids: HashSet<&str> = rows.iter().map(|row| row.id.as_str()).collect();
    let known: HashSet<&str> = merged.people.iter().map(|p| p.id.as_str()).collect();
    let mut blamed = BTreeMap::new();
    for row in rows {
        if let Some(Some(reviewer)) = &row.reviewer
            && !known.contains(reviewer.as_str())
        {
            let reason = match rejected.iter().find(|r| r.id == *reviewer) {
                Some(other) => Rejection::ReviewerRejected { reviewer: reviewer.clone(), line: other.line },
                None => Rejection::UnknownReviewer(reviewer.clone()),
            };
            blamed.insert(row.id.clone(), reason);
        }
    }
    let mut holders: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for person in &merged.people {
        if let Some(login) = &person.login {
            holders.entry(login).or_default().push(&person.id);
        }
    }
    for (login, ids) in holders.into_iter().filter(|(_, ids)| ids.len() > 1) {
        for row in rows.iter().filter(|row| ids.contains(&row.id.as_str())) {
            // Only a row that sets the login (or brings a new person) is to blame.
            let sets_it =
                matches!(&row.login, Some(Some(l)) if l == login) || !org.people.iter().any(|p| p.id == row.id);
            if sets_it {
                let others = ids.iter().filter(|id| **id != row.id).map(|id| id.to_string()).collect();
                blamed
                    .entry(row.id.clone())
                    .or_insert_with(|| Rejection::LoginTaken { login: login.to_owned(), others });
            }
        }
    }
    for problem in validate_org(merged).into_iter().filter(|p| p.severity() == Severity::Error) {
        let subject = problem.subject.as_deref().unwrap_or_default();
        let culprit = match &problem.kind {
            _ if row_ids.contains(subject) => Some(subject),
            ProblemKind::ReviewerLoop { path } => path.iter().map(String::as_str).find(|id| row_ids.contains(id)),
            _ => None,
        };
        if let Some(id) = culprit {
            blamed.entry(id.to_owned()).or_insert_with(|| Rejection::Invalid(problem.kind.clone()));
        }
    }
    blamed
}

/// The fields of a person that the roster changed, with units shown by their paths.
fn differences(org: &Org, merged: &Org, before: &Person, after: &Person) -> Vec<FieldChange> {
    let optional = |value: &Option<String>| value.clone().unwrap_or_default();
    let pairs = [
        (Column::Name, before.name.clone(), after.name.clone()),
        (Column::Kana, optional(&before.kana), optional(&after.kana)),
        (Column::Unit, path_of(org, &before.unit), path_of(merged, &after.unit)),
        (
            Column::Grade,
            before.grade.map(|g| g.to_string()).unwrap_or_default(),
            after.grade.map(|g| g.to_string()).unwrap_or_default(),
        ),
        (Column::Title, before.title.clone(), after.title.clone()),
        (Column::Reviewer, optional(&before.reviewer), optional(&after.reviewer)),
        (Column::Login, optional(&before.login), optional(&after.login)),
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

/// A unit's path of names, `総務部/人事課`; the id when the unit is unknown.
pub fn path_of(org: &Org, unit: &str) -> String {
    let mut names = Vec::new();
    let mut seen = HashSet::new();
    let mut current = Some(unit);
    while let Some(id) = current {
        let Some(found) = org.units.iter().find(|u| u.id == id) else {
            if names.is_empty() {
                names.push(id.to_owned());
            }
            break;
        };
        if !seen.insert(id) {
            break;
        }
        names.push(found.name.clone());
        current = found.parent.as_deref();
    }
    names.reverse();
    names.join("/")
}
