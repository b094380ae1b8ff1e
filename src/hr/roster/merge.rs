//! Applying the roster's rows to the organisation, and finding the rows the result
//! shows to be wrong. Every lookup goes through an index built once, so that a
//! roster of a whole city (100,000 rows) merges in time linear in its size.

use crate::model::hash::{HashMap, HashSet};
use std::collections::BTreeMap;

use super::{Rejected, Rejection, Row};
use crate::model::validate::validate_org;
use crate::model::{Extra, Org, Person, PersonId, ProblemKind, Severity, Unit, UnitKind};

/// The organisation with `rows` applied, and the paths of the units it had to create.
pub(super) fn merge(org: &Org, rows: &[Row]) -> (Org, Vec<String>) {
    let mut merged = org.clone();
    let mut new_units = Vec::new();
    // The first unit of a name under a parent, as a search in file order would find it.
    let mut unit_named: HashMap<(Option<String>, String), String> = HashMap::default();
    for unit in &merged.units {
        unit_named.entry((unit.parent.clone(), unit.name.clone())).or_insert_with(|| unit.id.clone());
    }
    let mut used_ids: HashSet<String> = org.units.iter().map(|u| u.id.clone()).collect();
    // New units get the smallest free `U<n>`; ids only ever get taken, so counting on is the same.
    let mut next_unit = 1..;
    let mut person_at: HashMap<String, usize> = HashMap::default();
    for (at, person) in merged.people.iter().enumerate() {
        person_at.entry(person.id.to_string()).or_insert(at);
    }
    for row in rows {
        let unit = row.unit.as_ref().map(|path| {
            let mut parent: Option<String> = None;
            for (depth, name) in path.iter().enumerate() {
                let key = (parent.clone(), name.clone());
                let id = match unit_named.get(&key) {
                    Some(id) => id.clone(),
                    None => {
                        let id = next_unit
                            .by_ref()
                            .map(|n| format!("U{n}"))
                            .find(|id| !used_ids.contains(id))
                            .expect("a free id");
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
                        unit_named.insert(key, id.clone());
                        id
                    }
                };
                parent = Some(id);
            }
            parent.unwrap_or_default()
        });
        let at = *person_at.entry(row.id.clone()).or_insert_with(|| {
            merged.people.push(new_person(&row.id));
            merged.people.len() - 1
        });
        apply(row, unit, &mut merged.people[at]);
    }
    (merged, new_units)
}

fn new_person(id: &str) -> Person {
    Person {
        id: id.into(),
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
    }
}

/// Sets the fields the row has a column for.
fn apply(row: &Row, unit: Option<String>, person: &mut Person) {
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
        person.reviewer = reviewer.as_deref().map(Into::into);
    }
    if let Some(login) = &row.login {
        person.login = login.clone();
    }
    if let Some(roles) = &row.roles {
        person.roles = roles.clone();
    }
}

/// Rows the merged organisation shows to be wrong: unknown reviewers, logins used
/// twice, and validation errors about a row's person (e.g. a reviewer loop).
pub(super) fn blame(org: &Org, merged: &Org, rows: &[Row], rejected: &[Rejected]) -> BTreeMap<PersonId, Rejection> {
    let row_of: HashMap<&str, &Row> = rows.iter().map(|row| (row.id.as_str(), row)).collect();
    let known: HashSet<&str> = merged.people.iter().map(|p| p.id.as_str()).collect();
    let in_org: HashSet<&str> = org.people.iter().map(|p| p.id.as_str()).collect();
    let mut rejected_on: HashMap<&str, u64> = HashMap::default();
    for other in rejected {
        rejected_on.entry(other.id.as_str()).or_insert(other.line);
    }
    let mut blamed = BTreeMap::new();
    for row in rows {
        if let Some(Some(reviewer)) = &row.reviewer
            && !known.contains(reviewer.as_str())
        {
            let reason = match rejected_on.get(reviewer.as_str()) {
                Some(&line) => Rejection::ReviewerRejected { reviewer: reviewer.as_str().into(), line },
                None => Rejection::UnknownReviewer(reviewer.as_str().into()),
            };
            blamed.insert(row.id.as_str().into(), reason);
        }
    }
    let mut holders: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for person in &merged.people {
        if let Some(login) = &person.login {
            holders.entry(login).or_default().push(&person.id);
        }
    }
    for (login, ids) in holders.into_iter().filter(|(_, ids)| ids.len() > 1) {
        for row in ids.iter().filter_map(|id| row_of.get(id)) {
            // Only a row that sets the login (or brings a new person) is to blame.
            let sets_it = matches!(&row.login, Some(Some(l)) if l == login) || !in_org.contains(row.id.as_str());
            if sets_it {
                let others = ids.iter().filter(|id| **id != row.id).map(|id| (*id).into()).collect();
                blamed
                    .entry(row.id.as_str().into())
                    .or_insert_with(|| Rejection::LoginTaken { login: login.to_owned(), others });
            }
        }
    }
    for problem in validate_org(merged).into_iter().filter(|p| p.severity() == Severity::Error) {
        let subject = problem.subject.as_deref().unwrap_or_default();
        let culprit = match &problem.kind {
            _ if row_of.contains_key(subject) => Some(subject),
            ProblemKind::ReviewerLoop { path } => path.iter().map(|id| id.as_str()).find(|id| row_of.contains_key(id)),
            _ => None,
        };
        if let Some(id) = culprit {
            blamed.entry(id.into()).or_insert_with(|| Rejection::Invalid(problem.kind.clone()));
        }
    }
    blamed
}

/// Units by id, to spell a unit's path without searching the organisation at each level.
pub struct UnitPaths<'a> {
    by_id: HashMap<&'a str, &'a Unit>,
}

impl<'a> UnitPaths<'a> {
    pub fn new(org: &'a Org) -> UnitPaths<'a> {
        let mut by_id = HashMap::default();
        for unit in &org.units {
            by_id.entry(unit.id.as_str()).or_insert(unit);
        }
        UnitPaths { by_id }
    }

    /// A unit's path of names, `総務部/人事課`; the id when the unit is unknown.
    pub fn path(&self, unit: &str) -> String {
        let mut names = Vec::new();
        let mut seen = HashSet::default();
        let mut current = Some(unit);
        while let Some(id) = current {
            let Some(found) = self.by_id.get(id) else {
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
}
