//! Contribution (貢献度の見える化): how much of each top goal every person, and every
//! unit, carries (planned share) and has achieved (percentage points of the top
//! goal's progress). Shared by the Contribution tab and `pdca show contribution`.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::model::{Cascade, CycleData, NodeId, NodeKind, Org, PersonId, UnitId};

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
    ContributionRow { person: None, label, detail, planned: planned_share * 100.0, achieved, own_progress, goals }
}

impl ContributionTable {
    /// Folds the rows of people the viewer may not see into one "others" row, so the
    /// totals still add up without naming them.
    pub fn fold_unreadable(mut self, readable: &dyn Fn(&str) -> bool, others_label: &str) -> ContributionTable {
        let (hidden, shown): (Vec<_>, Vec<_>) =
            self.rows.into_iter().partition(|r| r.person.as_deref().is_some_and(|p| !readable(p)));
        self.rows = shown;
        if !hidden.is_empty() {
            let planned = hidden.iter().map(|r| r.planned).sum::<f64>() / 100.0;
            let achieved = hidden.iter().map(|r| r.achieved).sum();
            let goals = hidden.iter().map(|r| r.goals).sum();
            let label = format!("{others_label} ({})", hidden.len());
            self.rows.push(row(label, String::new(), planned, achieved, goals));
        }
        self
    }
}

/// Top goals: roots of the cascade that are goals (not broken proposals).
pub fn top_goals(cascade: &Cascade) -> Vec<NodeId> {
    cascade.roots.iter().copied().filter(|&r| matches!(cascade.nodes[r].kind, NodeKind::Goal { .. })).collect()
}

/// Everyone whose leaves reach the top goal, largest contribution first.
pub fn by_goal(org: &Org, data: &CycleData, cascade: &Cascade, top: NodeId) -> ContributionTable {
    let people: HashMap<&str, _> = org.people.iter().map(|p| (p.id.as_str(), p)).collect();
    let rows = cascade
        .contributions(top)
        .into_iter()
        .map(|c| {
            let (name, title) = people
                .get(c.person.as_str())
                .map_or((c.person.clone(), String::new()), |p| (p.name.clone(), p.title.clone()));
            ContributionRow {
                person: Some(c.person.clone()),
                ..row(name, title, c.planned_share, c.achieved, c.leaves.len())
            }
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

fn name_of(org: &Org, person: &str) -> String {
    org.people.iter().find(|p| p.id == person).map(|p| p.name.clone()).unwrap_or_default()
}

/// A unit's share (its members and sub-units together) in each top goal.
pub fn by_unit(org: &Org, data: &CycleData, cascade: &Cascade, unit: &str) -> ContributionTable {
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
                cascade.contributions(top).into_iter().filter(|c| members.contains(c.person.as_str())).collect();
            if parts.is_empty() {
                return None;
            }
            let planned = parts.iter().map(|c| c.planned_share).sum();
            let achieved = parts.iter().map(|c| c.achieved).sum();
            let goals = parts.iter().map(|c| c.leaves.len()).sum();
            let owner = name_of(org, &cascade.nodes[top].owner);
            Some(row(cascade.title(data, top).to_owned(), owner, planned, achieved, goals))
        })
        .collect();
    let heading = org.units.iter().find(|u| u.id == unit).map_or(unit.to_owned(), |u| u.name.clone());
    ContributionTable { heading, total: None, rows }
}

/// Which top goals a person's work reaches, and how much.
pub fn by_person(org: &Org, data: &CycleData, cascade: &Cascade, person: &str) -> ContributionTable {
    let rows = top_goals(cascade)
        .into_iter()
        .filter_map(|top| {
            let mine = cascade.contributions(top).into_iter().find(|c| c.person == person)?;
            let owner = name_of(org, &cascade.nodes[top].owner);
            Some(row(cascade.title(data, top).to_owned(), owner, mine.planned_share, mine.achieved, mine.leaves.len()))
        })
        .collect();
    let heading =
        org.people.iter().find(|p| p.id == person).map_or(person.to_owned(), |p| format!("{} {}", p.name, p.title));
    ContributionTable { heading, total: None, rows }
}

/// Each unit directly below `parent` (sections of a department), with its share in
/// the top goal: how the sections divide a department goal.
pub fn units_in_goal(org: &Org, data: &CycleData, cascade: &Cascade, top: NodeId) -> ContributionTable {
    let units = UnitIndex::new(org);
    let mut by_unit: BTreeMap<&UnitId, (f64, f64, usize)> = BTreeMap::new();
    for c in cascade.contributions(top) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::cascade::tests::{cycle_data, file, goal, proposal};

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
        let cascade = Cascade::build(&data);
        let top = cascade.node_of_goal("top").unwrap();
        let table = by_goal(&Org::default(), &data, &cascade, top);
        let folded = table.clone().fold_unreadable(&|person| person == "A", "others");
        assert_eq!(folded.rows.len(), 2);
        assert_eq!(folded.rows[1].label, "others (1)");
        assert!((folded.rows.iter().map(|r| r.achieved).sum::<f64>() - 50.0).abs() < 1e-9);
        assert_eq!(table.total, Some(50.0));
        assert_eq!(table.rows[0].label, "A");
        assert!((table.rows[0].planned - 75.0).abs() < 1e-9);
        assert!((table.rows[0].achieved - 30.0).abs() < 1e-9);
        assert!((table.rows[0].own_progress - 40.0).abs() < 1e-9);
        let sum: f64 = table.rows.iter().map(|r| r.achieved).sum();
        assert!((sum - 50.0).abs() < 1e-9);
        let person = by_person(&Org::default(), &data, &cascade, "B");
        assert_eq!(person.rows.len(), 1);
        assert!((person.rows[0].achieved - 20.0).abs() < 1e-9);
    }
}
