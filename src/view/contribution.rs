//! Contribution (貢献度の見える化): how much of each top goal every person, and every
//! unit, carries (planned share) and has achieved (percentage points of the top
//! goal's progress). Shared by the Contribution tab and `pdca show contribution`.

use crate::model::hash::{HashMap, HashSet};
use std::collections::BTreeMap;

use super::Viewer;
use crate::model::{Cascade, CycleData, NodeId, NodeKind, Org, PersonId, UnitId, World};

#[derive(Clone, Debug, PartialEq)]
pub struct ContributionRow {
    /// The person a row is about, in a table of people.
    pub person: Option<PersonId>,
    /// A person's or a unit's name, or a top goal's title.
    pub label: String,
    /// The person's title or unit, or the top goal's owner.
    pub detail: String,
    /// Percent of the top goal (0–100).
    pub planned: f64,
    /// Percentage points of the top goal's progress.
    pub achieved: f64,
    /// Progress of the row's own leaves: achieved / planned, in percent.
    pub own_progress: f64,
    pub goals: usize,
    /// On the row that stands for people the viewer may not see: how many they are.
    pub others: Option<usize>,
    /// The row is of goals the person leads rather than carries: their figures are
    /// rolled up from the goals below them (a 部長's top goals).
    pub led: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ContributionTable {
    pub heading: String,
    /// The top goal's progress (the total the rows add up to); none for a person's table.
    pub total: Option<f64>,
    pub rows: Vec<ContributionRow>,
}

fn row(label: String, detail: String, planned_share: f64, achieved: f64, goals: usize) -> ContributionRow {
    let own_progress = if planned_share > 0.0 { achieved / planned_share } else { 0.0 };
    ContributionRow {
        person: None,
        label,
        detail,
        planned: planned_share * 100.0,
        achieved,
        own_progress,
        goals,
        others: None,
        led: false,
    }
}

impl ContributionTable {
    /// Folds the rows of people the viewer may not see into one "others" row, so the
    /// totals still add up without naming them.
    pub fn fold_unreadable(mut self, readable: &dyn Fn(&str) -> bool) -> ContributionTable {
        let (hidden, shown): (Vec<_>, Vec<_>) =
            self.rows.into_iter().partition(|r| r.person.as_deref().is_some_and(|p| !readable(p)));
        self.rows = shown;
        if !hidden.is_empty() {
            let planned = hidden.iter().map(|r| r.planned).sum::<f64>() / 100.0;
            let achieved = hidden.iter().map(|r| r.achieved).sum();
            let goals = hidden.iter().map(|r| r.goals).sum();
            let others = ContributionRow {
                others: Some(hidden.len()),
                ..row(String::new(), String::new(), planned, achieved, goals)
            };
            self.rows.push(others);
        }
        self
    }
}

/// Top goals: roots of the cascade that are goals (not broken proposals).
pub fn top_goals(cascade: &Cascade) -> Vec<NodeId> {
    cascade.roots.iter().copied().filter(|&r| matches!(cascade.nodes[r].kind, NodeKind::Goal { .. })).collect()
}

/// Everyone whose leaves reach the top goal, largest contribution first.
pub fn by_goal(world: &World, top: NodeId) -> ContributionTable {
    let (data, cascade) = (&world.data, &world.cascade);
    let rows = cascade
        .contributions(data, top)
        .into_iter()
        .map(|c| {
            let (name, title) = world
                .person(&c.person)
                .map_or((c.person.to_string(), String::new()), |p| (p.name.clone(), p.title.clone()));
            ContributionRow { person: Some(c.person), ..row(name, title, c.planned_share, c.achieved, c.leaves.len()) }
        })
        .collect();
    ContributionTable { heading: cascade.title(data, top).to_owned(), total: Some(cascade.nodes[top].progress), rows }
}

/// Units by id and each person's unit, to walk from a person up the unit tree.
struct UnitIndex<'a> {
    parents: HashMap<&'a str, Option<&'a UnitId>>,
    unit_of: HashMap<&'a str, &'a UnitId>,
}

impl<'a> UnitIndex<'a> {
    fn new(org: &'a Org) -> UnitIndex<'a> {
        UnitIndex {
            parents: org.units.iter().map(|u| (u.id.as_str(), u.parent.as_ref())).collect(),
            unit_of: org.people.iter().map(|p| (p.id.as_str(), &p.unit)).collect(),
        }
    }

    /// The person's unit and the units above it, nearest first.
    fn chain(&self, person: &str) -> Vec<&'a UnitId> {
        let mut chain = Vec::new();
        let mut current = self.unit_of.get(person).copied();
        while let Some(unit) = current.filter(|u| !chain.contains(u)) {
            chain.push(unit);
            current = self.parents.get(unit.as_str()).copied().flatten();
        }
        chain
    }
}

/// A person's name, from the organisation's index (empty for someone unknown).
fn name_of(world: &World, person: &str) -> String {
    world.person(person).map(|p| p.name.clone()).unwrap_or_default()
}

/// A unit's share (its members and sub-units together) in each top goal.
pub fn by_unit(world: &World, unit: &str) -> ContributionTable {
    let (org, data, cascade) = (&world.org, &world.data, &world.cascade);
    let units = UnitIndex::new(org);
    let members: HashSet<&str> = org
        .people
        .iter()
        .filter(|p| units.chain(&p.id).iter().any(|u| u.as_str() == unit))
        .map(|p| p.id.as_str())
        .collect();
    let rows = top_goals(cascade)
        .into_iter()
        .filter_map(|top| {
            let parts: Vec<_> =
                cascade.contributions(data, top).into_iter().filter(|c| members.contains(c.person.as_str())).collect();
            if parts.is_empty() {
                return None;
            }
            let planned = parts.iter().map(|c| c.planned_share).sum();
            let achieved = parts.iter().map(|c| c.achieved).sum();
            let goals = parts.iter().map(|c| c.leaves.len()).sum();
            let owner = name_of(world, cascade.owner(data, top));
            Some(row(cascade.title(data, top).to_owned(), owner, planned, achieved, goals))
        })
        .collect();
    let heading = org.units.iter().find(|u| u.id == unit).map_or(unit.to_owned(), |u| u.name.clone());
    ContributionTable { heading, total: None, rows }
}

/// Which top goals a person's work reaches, and how much: their own goals that are
/// not broken down further, else (a 部長, a section head) the goals they lead,
/// with the figures rolled up from below.
pub fn by_person(world: &World, person: &str) -> ContributionTable {
    let (data, cascade) = (&world.data, &world.cascade);
    let rows = top_goals(cascade)
        .into_iter()
        .filter_map(|top| {
            let owner = name_of(world, cascade.owner(data, top));
            let title = cascade.title(data, top).to_owned();
            if let Some(mine) = cascade.contributions(data, top).into_iter().find(|c| c.person == person) {
                return Some(row(title, owner, mine.planned_share, mine.achieved, mine.leaves.len()));
            }
            let led = led_goals(data, cascade, top, person);
            if led.is_empty() {
                return None;
            }
            let planned = led.iter().map(|&n| cascade.planned_share(n)).sum();
            let achieved = led.iter().map(|&n| cascade.planned_share(n) * cascade.nodes[n].attributed).sum();
            Some(ContributionRow { led: true, ..row(title, owner, planned, achieved, led.len()) })
        })
        .collect();
    let heading = world.name_and_title(person);
    ContributionTable { heading, total: None, rows }
}

/// The person's goals under `top` that no goal of theirs is above: what they lead.
fn led_goals(data: &CycleData, cascade: &Cascade, top: NodeId, person: &str) -> Vec<NodeId> {
    let mut members = vec![top];
    members.extend(cascade.descendants(top));
    let owned = |node: NodeId| cascade.owner(data, node) == person && cascade.nodes[node].counts();
    members
        .into_iter()
        .filter(|&node| {
            let mut above = cascade.nodes[node].parent();
            while let Some(parent) = above {
                if owned(parent) {
                    return false;
                }
                above = cascade.nodes[parent].parent();
            }
            owned(node)
        })
        .collect()
}

/// Each unit directly below `parent` (sections of a department), with its share in
/// the top goal: how the sections divide a department goal.
pub fn units_in_goal(org: &Org, data: &CycleData, cascade: &Cascade, top: NodeId) -> ContributionTable {
    let units = UnitIndex::new(org);
    let mut by_unit: BTreeMap<&UnitId, (f64, f64, usize)> = BTreeMap::new();
    for c in cascade.contributions(data, top) {
        let chain = units.chain(&c.person);
        // The section level: the unit just below the top of the chain, or the top itself.
        let Some(unit) = chain.iter().rev().nth(1).or_else(|| chain.last()) else { continue };
        let entry = by_unit.entry(unit).or_default();
        entry.0 += c.planned_share;
        entry.1 += c.achieved;
        entry.2 += c.leaves.len();
    }
    let mut rows: Vec<ContributionRow> = by_unit
        .into_iter()
        .map(|(unit, (planned, achieved, goals))| {
            let name = org.units.iter().find(|u| &u.id == unit).map_or(unit.clone(), |u| u.name.clone());
            row(name, String::new(), planned, achieved, goals)
        })
        .collect();
    rows.sort_by(|a, b| b.achieved.total_cmp(&a.achieved));
    ContributionTable { heading: cascade.title(data, top).to_owned(), total: Some(cascade.nodes[top].progress), rows }
}

/// What the Contribution view shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Everyone's part in one top goal (and the sections' shares).
    #[default]
    Goal,
    /// One unit's share in each top goal.
    Unit,
    /// Which top goals one person's work reaches.
    Person,
}

impl Mode {
    pub fn next(self) -> Mode {
        match self {
            Mode::Goal => Mode::Unit,
            Mode::Unit => Mode::Person,
            Mode::Person => Mode::Goal,
        }
    }
}

/// A top goal (cascade node), a unit or a person (indexes into `org`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    Goal(NodeId),
    Unit(usize),
    Person(usize),
}

/// What `viewer` may look at in `mode`: top goals of people they may read, the
/// units of those people, those people.
pub fn subjects(world: &World, viewer: &Viewer, mode: Mode) -> Vec<Subject> {
    let (org, cascade) = (&world.org, &world.cascade);
    match mode {
        Mode::Goal => top_goals(cascade)
            .into_iter()
            .filter(|&top| viewer.may_read_goals_of(cascade.owner(&world.data, top)))
            .map(Subject::Goal)
            .collect(),
        Mode::Unit => {
            let units: HashSet<&str> =
                org.people.iter().filter(|p| viewer.may_read_goals_of(&p.id)).map(|p| p.unit.as_str()).collect();
            (0..org.units.len()).filter(|&u| units.contains(org.units[u].id.as_str())).map(Subject::Unit).collect()
        }
        Mode::Person => (0..org.people.len())
            .filter(|&p| viewer.may_read_goals_of(&org.people[p].id))
            .map(Subject::Person)
            .collect(),
    }
}

/// Where the viewer is among the subjects of `mode`: their own unit, or themself.
pub fn own_subject(world: &World, viewer: &Viewer, mode: Mode) -> Option<Subject> {
    let org = &world.org;
    let me = world.person(&viewer.actor)?;
    match mode {
        Mode::Goal => None,
        Mode::Unit => org.units.iter().position(|u| u.id == me.unit).map(Subject::Unit),
        Mode::Person => org.people.iter().position(|p| p.id == me.id).map(Subject::Person),
    }
}

/// The table of `subject`: for a top goal, its people (those the viewer may not
/// read folded into one row); else the unit's or person's reach.
pub fn table(world: &World, viewer: &Viewer, subject: Subject) -> ContributionTable {
    let org = &world.org;
    match subject {
        Subject::Goal(top) => by_goal(world, top).fold_unreadable(&|person: &str| viewer.may_read_goals_of(person)),
        Subject::Unit(unit) => by_unit(world, &org.units[unit].id),
        Subject::Person(person) => by_person(world, &org.people[person].id),
    }
}

/// The tables the app shows for `subject`: its [`table`], and for a top goal the
/// units' shares beside it.
pub fn tables(world: &World, viewer: &Viewer, subject: Subject) -> Vec<ContributionTable> {
    let mut tables = vec![table(world, viewer, subject)];
    if let Subject::Goal(top) = subject {
        tables.push(units_in_goal(&world.org, &world.data, &world.cascade, top));
    }
    tables
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::cascade::tests::{cycle_data, file, goal, proposal};

    #[test]
    fn a_person_listed_twice_is_named_by_the_first_entry_everywhere() {
        // org.toml with an id twice is an error the app still shows: the tables name
        // that person as the rest of the program does, by the first entry.
        let org: Org = toml::from_str(
            r#"
            [[people]]
            id = "A"
            name = "一郎"
            unit = "u"
            title = "主事"
            [[people]]
            id = "A"
            name = "二郎"
            unit = "u"
            title = "主任"
            "#,
        )
        .unwrap();
        let data = cycle_data(vec![
            file("H", vec![goal("top", None, 0)], vec![proposal("pa", "top", "A", Some(1.0))]),
            file(
                "A",
                vec![{
                    let mut a = goal("a", Some("top"), 40);
                    a.proposal = Some("pa".into());
                    a
                }],
                vec![],
            ),
        ]);
        let info = toml::from_str("schema_version = 1\norganisation = \"市\"\ncurrent_cycle = \"2025\"\n").unwrap();
        let world = World::new(info, org, data);
        let top = world.cascade.node_of_goal(&world.data, "top").unwrap();
        let table = by_goal(&world, top);
        assert_eq!((table.rows[0].label.as_str(), table.rows[0].detail.as_str()), ("一郎", "主事"));
        assert_eq!(by_person(&world, "A").heading, "一郎 主事");
    }

    #[test]
    fn a_goal_table_adds_up_to_the_top_goals_progress() {
        // top (H): A carries 3/4 at 40 %, B 1/4 at 80 % → progress 50; A gives 30 points, B 20.
        let mut a = goal("a", Some("top"), 40);
        a.proposal = Some("pa".into());
        let mut b = goal("b", Some("top"), 80);
        b.proposal = Some("pb".into());
        let data = cycle_data(vec![
            file(
                "H",
                vec![goal("top", None, 0)],
                vec![proposal("pa", "top", "A", Some(3.0)), proposal("pb", "top", "B", Some(1.0))],
            ),
            file("A", vec![a], vec![]),
            file("B", vec![b], vec![]),
        ]);
        let info = toml::from_str("schema_version = 1\norganisation = \"市\"\ncurrent_cycle = \"2025\"\n").unwrap();
        let world = World::new(info, Org::default(), data);
        let top = world.cascade.node_of_goal(&world.data, "top").unwrap();
        let table = by_goal(&world, top);
        let folded = table.clone().fold_unreadable(&|person| person == "A");
        assert_eq!(folded.rows.len(), 2);
        assert_eq!(folded.rows[1].others, Some(1));
        assert!((folded.rows.iter().map(|r| r.achieved).sum::<f64>() - 50.0).abs() < 1e-9);
        assert_eq!(table.total, Some(50.0));
        assert_eq!(table.rows[0].label, "A");
        assert!((table.rows[0].planned - 75.0).abs() < 1e-9);
        assert!((table.rows[0].achieved - 30.0).abs() < 1e-9);
        assert!((table.rows[0].own_progress - 40.0).abs() < 1e-9);
        let sum: f64 = table.rows.iter().map(|r| r.achieved).sum();
        assert!((sum - 50.0).abs() < 1e-9);
        let person = by_person(&world, "B");
        assert_eq!(person.rows.len(), 1);
        assert!((person.rows[0].achieved - 20.0).abs() < 1e-9);
        assert!(!person.rows[0].led);
        // H carries no leaf: H leads the whole top goal, 100 % planned and its 50 points.
        let head = by_person(&world, "H");
        assert_eq!(head.rows.len(), 1);
        assert!(head.rows[0].led);
        assert!((head.rows[0].planned - 100.0).abs() < 1e-9);
        assert!((head.rows[0].achieved - 50.0).abs() < 1e-9);
        assert_eq!(head.rows[0].goals, 1);
    }
}
