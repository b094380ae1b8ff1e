//! Validation of a loaded data set: every problem names the file it is in and,
//! where it concerns one record, that record's id. Problems never stop loading.

use std::collections::{HashMap, HashSet};
use std::fmt;

use super::types::{CycleData, CycleId, GoalId, Org, PersonId};

/// Which file of the data set a problem is in; the store turns it into a path.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    Info,
    Org,
    Cycle(CycleId),
    Goals { cycle: CycleId, person: PersonId },
    Feedback { cycle: CycleId, reviewer: PersonId },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// 1-based line and column in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ProblemKind {
    /// The file is not valid TOML or does not have the expected shape.
    Parse(String),
    /// The file's contents name another owner or cycle than its place says.
    WrongPlace {
        field: &'static str,
        expected: String,
        found: String,
    },
    DuplicateId {
        what: &'static str,
        id: String,
    },
    UnknownPerson {
        field: &'static str,
        id: PersonId,
    },
    UnknownUnit {
        field: &'static str,
        id: String,
    },
    UnknownGoal {
        field: &'static str,
        id: GoalId,
    },
    UnknownProposal {
        id: String,
    },
    UnknownCycle {
        id: CycleId,
    },
    /// The goal's parent chain comes back to itself.
    ParentLoop {
        path: Vec<GoalId>,
    },
    LinkAcrossCycles {
        parent: GoalId,
        parent_cycle: CycleId,
    },
    ProgressOutOfRange {
        value: u32,
    },
    GradeOutOfRange {
        value: u8,
    },
    BadShare {
        value: f64,
    },
    WeightsDoNotSum {
        total: u32,
    },
    ReviewerLoop {
        path: Vec<PersonId>,
    },
    UnitLoop {
        path: Vec<String>,
    },
    EndsBeforeStart,
    ControlCharacter {
        field: &'static str,
        code: u32,
    },
    TooLong {
        field: &'static str,
        chars: usize,
        limit: usize,
    },
}

impl ProblemKind {
    pub fn severity(&self) -> Severity {
        match self {
            ProblemKind::WeightsDoNotSum { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProblemKind::Parse(reason) => write!(f, "{reason}"),
            ProblemKind::WrongPlace { field, expected, found } => {
                write!(f, "`{field}` is `{found}` but the file's place says `{expected}`")
            }
            ProblemKind::DuplicateId { what, id } => write!(f, "{what} id `{id}` is used more than once"),
            ProblemKind::UnknownPerson { field, id } => write!(f, "`{field}` names unknown person `{id}`"),
            ProblemKind::UnknownUnit { field, id } => write!(f, "`{field}` names unknown unit `{id}`"),
            ProblemKind::UnknownGoal { field, id } => write!(f, "`{field}` names unknown goal `{id}`"),
            ProblemKind::UnknownProposal { id } => write!(f, "refers to unknown proposal `{id}`"),
            ProblemKind::UnknownCycle { id } => write!(f, "current cycle `{id}` has no cycles/{id}/cycle.toml"),
            ProblemKind::ParentLoop { path } => write!(f, "parent links form a loop: {}", path.join(" → ")),
            ProblemKind::LinkAcrossCycles { parent, parent_cycle } => {
                write!(
                    f,
                    "parent `{parent}` belongs to cycle `{parent_cycle}`; goals can only link within their cycle"
                )
            }
            ProblemKind::ProgressOutOfRange { value } => write!(f, "progress {value} is outside 0–100"),
            ProblemKind::GradeOutOfRange { value } => write!(f, "grade {value} is outside 1–8"),
            ProblemKind::BadShare { value } => write!(f, "share {value} must be a number of 0 or more"),
            ProblemKind::WeightsDoNotSum { total } => write!(f, "weights sum to {total}, not 100"),
            ProblemKind::ReviewerLoop { path } => write!(f, "reviewer chain loops: {}", path.join(" → ")),
            ProblemKind::UnitLoop { path } => write!(f, "unit parents loop: {}", path.join(" → ")),
            ProblemKind::EndsBeforeStart => write!(f, "ends before it starts"),
            ProblemKind::ControlCharacter { field, code } => {
                write!(f, "`{field}` contains control character U+{code:04X}")
            }
            ProblemKind::TooLong { field, chars, limit } => {
                write!(f, "`{field}` is {chars} characters long; the limit is {limit}")
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub source: Source,
    pub location: Option<Location>,
    /// The id of the record concerned (goal, person, unit, proposal).
    pub subject: Option<String>,
    pub kind: ProblemKind,
}

impl Problem {
    pub fn new(source: Source, subject: Option<&str>, kind: ProblemKind) -> Self {
        Problem {
            source,
            location: None,
            subject: subject.map(str::to_owned),
            kind,
        }
    }

    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }
}

/// Longest title, in characters, that still fits a sheet row.
pub const TITLE_LIMIT: usize = 200;
/// Longest free text (plans, comments, notes), in characters.
pub const TEXT_LIMIT: usize = 20_000;

/// Checks one text field: control characters (but newlines and tabs) and length.
pub fn check_text(field: &'static str, text: &str, limit: usize) -> Option<ProblemKind> {
    if let Some(bad) = text.chars().find(|c| c.is_control() && *c != '\n' && *c != '\t') {
        return Some(ProblemKind::ControlCharacter {
            field,
            code: u32::from(bad),
        });
    }
    let chars = text.chars().count();
    (chars > limit).then_some(ProblemKind::TooLong { field, chars, limit })
}

pub fn validate_org(org: &Org) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut report = |subject: &str, kind| problems.push(Problem::new(Source::Org, Some(subject), kind));
    let mut unit_ids = HashSet::new();
    for unit in &org.units {
        if !unit_ids.insert(unit.id.as_str()) {
            report(
                &unit.id,
                ProblemKind::DuplicateId {
                    what: "unit",
                    id: unit.id.clone(),
                },
            );
        }
        if let Some(kind) = check_text("name", &unit.name, TITLE_LIMIT) {
            report(&unit.id, kind);
        }
    }
    let mut person_ids = HashSet::new();
    for person in &org.people {
        if !person_ids.insert(person.id.as_str()) {
            report(
                &person.id,
                ProblemKind::DuplicateId {
                    what: "person",
                    id: person.id.clone(),
                },
            );
        }
    }
    for unit in &org.units {
        if let Some(parent) = unit.parent.as_ref().filter(|p| !unit_ids.contains(p.as_str())) {
            report(
                &unit.id,
                ProblemKind::UnknownUnit {
                    field: "parent",
                    id: parent.clone(),
                },
            );
        }
        if let Some(head) = unit.head.as_ref().filter(|h| !person_ids.contains(h.as_str())) {
            report(
                &unit.id,
                ProblemKind::UnknownPerson {
                    field: "head",
                    id: head.clone(),
                },
            );
        }
    }
    for person in &org.people {
        if !unit_ids.contains(person.unit.as_str()) {
            report(
                &person.id,
                ProblemKind::UnknownUnit {
                    field: "unit",
                    id: person.unit.clone(),
                },
            );
        }
        if let Some(reviewer) = person.reviewer.as_ref().filter(|r| !person_ids.contains(r.as_str())) {
            report(
                &person.id,
                ProblemKind::UnknownPerson {
                    field: "reviewer",
                    id: reviewer.clone(),
                },
            );
        }
        if let Some(grade) = person.grade.filter(|g| !(1..=8).contains(g)) {
            report(&person.id, ProblemKind::GradeOutOfRange { value: grade });
        }
        for (field, text) in [("name", person.name.as_str()), ("title", person.title.as_str())] {
            if let Some(kind) = check_text(field, text, TITLE_LIMIT) {
                report(&person.id, kind);
            }
        }
    }
    let reviewers: HashMap<&str, &str> = org
        .people
        .iter()
        .filter_map(|p| Some((p.id.as_str(), p.reviewer.as_deref()?)))
        .collect();
    for path in find_loops(&reviewers) {
        let subject = path[0].clone();
        report(&subject, ProblemKind::ReviewerLoop { path });
    }
    let unit_parents: HashMap<&str, &str> = org
        .units
        .iter()
        .filter_map(|u| Some((u.id.as_str(), u.parent.as_deref()?)))
        .collect();
    for path in find_loops(&unit_parents) {
        let subject = path[0].clone();
        report(&subject, ProblemKind::UnitLoop { path });
    }
    problems
}

/// Every loop in a "points to" map, once each, as the path from its smallest member
/// back to that member.
fn find_loops(next: &HashMap<&str, &str>) -> Vec<Vec<String>> {
    let mut done: HashSet<&str> = HashSet::new();
    let mut loops = Vec::new();
    let mut starts: Vec<&str> = next.keys().copied().collect();
    starts.sort_unstable();
    for start in starts {
        let mut path: Vec<&str> = Vec::new();
        let mut current = Some(start);
        while let Some(node) = current {
            if done.contains(node) {
                break;
            }
            if let Some(at) = path.iter().position(|&n| n == node) {
                let members = &path[at..];
                let smallest = members
                    .iter()
                    .enumerate()
                    .min_by_key(|(_, id)| **id)
                    .map_or(0, |(i, _)| i);
                let mut cycle: Vec<String> = members[smallest..]
                    .iter()
                    .chain(&members[..smallest])
                    .map(|s| (*s).to_owned())
                    .collect();
                cycle.push(cycle[0].clone());
                loops.push(cycle);
                break;
            }
            path.push(node);
            current = next.get(node).copied();
        }
        done.extend(path);
    }
    loops
}

/// Validates one cycle's goals and feedback against the organisation.
/// `goals_elsewhere` maps goal ids of other cycles to their cycle, to tell a link
/// across cycles from a link to nowhere.
pub fn validate_cycle(org: &Org, data: &CycleData, goals_elsewhere: &HashMap<GoalId, CycleId>) -> Vec<Problem> {
    let cycle_id = &data.cycle.id;
    let mut problems = Vec::new();
    if data.cycle.end < data.cycle.start {
        problems.push(Problem::new(
            Source::Cycle(cycle_id.clone()),
            Some(cycle_id),
            ProblemKind::EndsBeforeStart,
        ));
    }
    let people: HashSet<&str> = org.people.iter().map(|p| p.id.as_str()).collect();
    let mut goal_ids: HashSet<&str> = HashSet::new();
    let mut proposal_ids: HashSet<&str> = HashSet::new();
    for file in &data.goals {
        let source = Source::Goals {
            cycle: cycle_id.clone(),
            person: file.owner.clone(),
        };
        let mut report = |subject: &str, kind| problems.push(Problem::new(source.clone(), Some(subject), kind));
        for goal in &file.goals {
            if !goal_ids.insert(&goal.id) {
                report(
                    &goal.id,
                    ProblemKind::DuplicateId {
                        what: "goal",
                        id: goal.id.clone(),
                    },
                );
            }
        }
        for proposal in &file.proposals {
            if !proposal_ids.insert(&proposal.id) {
                report(
                    &proposal.id,
                    ProblemKind::DuplicateId {
                        what: "proposal",
                        id: proposal.id.clone(),
                    },
                );
            }
        }
    }

    for file in &data.goals {
        let source = Source::Goals {
            cycle: cycle_id.clone(),
            person: file.owner.clone(),
        };
        let mut report = |subject: &str, kind| problems.push(Problem::new(source.clone(), Some(subject), kind));
        if file.cycle != *cycle_id {
            report(
                &file.owner,
                ProblemKind::WrongPlace {
                    field: "cycle",
                    expected: cycle_id.clone(),
                    found: file.cycle.clone(),
                },
            );
        }
        if !people.contains(file.owner.as_str()) {
            report(
                &file.owner,
                ProblemKind::UnknownPerson {
                    field: "owner",
                    id: file.owner.clone(),
                },
            );
        }
        for goal in &file.goals {
            if let Some(parent) = &goal.parent
                && !goal_ids.contains(parent.as_str())
            {
                report(
                    &goal.id,
                    match goals_elsewhere.get(parent) {
                        Some(other) => ProblemKind::LinkAcrossCycles {
                            parent: parent.clone(),
                            parent_cycle: other.clone(),
                        },
                        None => ProblemKind::UnknownGoal {
                            field: "parent",
                            id: parent.clone(),
                        },
                    },
                );
            }
            if let Some(proposal) = goal.proposal.as_ref().filter(|p| !proposal_ids.contains(p.as_str())) {
                report(&goal.id, ProblemKind::UnknownProposal { id: proposal.clone() });
            }
            if let Some(value) = goal.progress.filter(|p| *p > 100) {
                report(&goal.id, ProblemKind::ProgressOutOfRange { value });
            }
            for (field, text, limit) in goal_texts(goal) {
                if let Some(kind) = check_text(field, text, limit) {
                    report(&goal.id, kind);
                }
            }
        }
        let weights: Vec<u32> = file.goals.iter().filter_map(|g| g.weight).collect();
        let total: u32 = weights.iter().sum();
        if !weights.is_empty() && total != 100 {
            report(&file.owner, ProblemKind::WeightsDoNotSum { total });
        }
        for proposal in &file.proposals {
            if !goal_ids.contains(proposal.parent.as_str()) {
                report(
                    &proposal.id,
                    ProblemKind::UnknownGoal {
                        field: "parent",
                        id: proposal.parent.clone(),
                    },
                );
            }
            if !people.contains(proposal.to.as_str()) {
                report(
                    &proposal.id,
                    ProblemKind::UnknownPerson {
                        field: "to",
                        id: proposal.to.clone(),
                    },
                );
            }
            if let Some(value) = proposal.share.filter(|s| !s.is_finite() || *s < 0.0) {
                report(&proposal.id, ProblemKind::BadShare { value });
            }
            for (field, text, limit) in [
                ("title", proposal.title.as_str(), TITLE_LIMIT),
                ("note", &proposal.note, TEXT_LIMIT),
            ] {
                if let Some(kind) = check_text(field, text, limit) {
                    report(&proposal.id, kind);
                }
            }
        }
        for decline in &file.declined {
            if !proposal_ids.contains(decline.proposal.as_str()) {
                report(
                    &decline.proposal,
                    ProblemKind::UnknownProposal {
                        id: decline.proposal.clone(),
                    },
                );
            }
        }
    }

    for file in &data.feedback {
        let source = Source::Feedback {
            cycle: cycle_id.clone(),
            reviewer: file.reviewer.clone(),
        };
        let mut report = |subject: &str, kind| problems.push(Problem::new(source.clone(), Some(subject), kind));
        if file.cycle != *cycle_id {
            report(
                &file.reviewer,
                ProblemKind::WrongPlace {
                    field: "cycle",
                    expected: cycle_id.clone(),
                    found: file.cycle.clone(),
                },
            );
        }
        if !people.contains(file.reviewer.as_str()) {
            report(
                &file.reviewer,
                ProblemKind::UnknownPerson {
                    field: "reviewer",
                    id: file.reviewer.clone(),
                },
            );
        }
        for entry in &file.feedback {
            let subject = entry.goal.as_deref().unwrap_or(&entry.person);
            if !people.contains(entry.person.as_str()) {
                report(
                    subject,
                    ProblemKind::UnknownPerson {
                        field: "person",
                        id: entry.person.clone(),
                    },
                );
            }
            if let Some(goal) = entry.goal.as_ref().filter(|g| !goal_ids.contains(g.as_str())) {
                report(
                    subject,
                    ProblemKind::UnknownGoal {
                        field: "goal",
                        id: goal.clone(),
                    },
                );
            }
            for (field, text) in [
                ("strengths", &entry.strengths),
                ("improvements", &entry.improvements),
                ("contribution", &entry.contribution),
                ("comment", &entry.comment),
            ] {
                if let Some(kind) = check_text(field, text, TEXT_LIMIT) {
                    report(subject, kind);
                }
            }
        }
    }

    problems.extend(parent_loops(data));
    problems
}

fn goal_texts(goal: &super::types::Goal) -> Vec<(&'static str, &str, usize)> {
    let mut texts = vec![
        ("title", goal.title.as_str(), TITLE_LIMIT),
        ("description", &goal.description, TEXT_LIMIT),
        ("criteria", &goal.criteria, TEXT_LIMIT),
        ("plan", &goal.plan, TEXT_LIMIT),
    ];
    texts.extend(
        goal.log
            .iter()
            .map(|entry| ("log.text", entry.text.as_str(), TEXT_LIMIT)),
    );
    texts.extend(
        goal.milestones
            .iter()
            .map(|m| ("milestones.title", m.title.as_str(), TITLE_LIMIT)),
    );
    texts.extend(
        goal.check
            .iter()
            .map(|check| ("check.comment", check.comment.as_str(), TEXT_LIMIT)),
    );
    for action in &goal.actions {
        texts.push(("actions.issue", &action.issue, TEXT_LIMIT));
        texts.push(("actions.measure", &action.measure, TEXT_LIMIT));
    }
    texts
}

fn parent_loops(data: &CycleData) -> Vec<Problem> {
    let owners: HashMap<&str, &str> = data
        .goals
        .iter()
        .flat_map(|f| f.goals.iter().map(move |g| (g.id.as_str(), f.owner.as_str())))
        .collect();
    let parents: HashMap<&str, &str> = data
        .goals
        .iter()
        .flat_map(|f| &f.goals)
        .filter_map(|g| Some((g.id.as_str(), g.parent.as_deref()?)))
        .collect();
    find_loops(&parents)
        .into_iter()
        .map(|path| {
            let person = owners.get(path[0].as_str()).copied().unwrap_or_default().to_owned();
            let subject = path[0].clone();
            Problem::new(
                Source::Goals {
                    cycle: data.cycle.id.clone(),
                    person,
                },
                Some(&subject),
                ProblemKind::ParentLoop { path },
            )
        })
        .collect()
}
