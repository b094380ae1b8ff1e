//! The People tab's rows: the unit tree in order, each unit followed by its members.

use crate::model::hash::{HashMap, HashSet};

use crate::model::{Org, Person};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeopleLine {
    /// Index into `org.units`.
    Unit { depth: usize, unit: usize },
    /// Index into `org.people`.
    Person { depth: usize, person: usize },
}

/// Cells of the longest of one text of everyone in the organisation (their name,
/// their title), as drawn on one line.
pub fn widest(org: &Org, text: fn(&Person) -> &str) -> usize {
    org.people.iter().map(|person| super::text::width(&super::text::single_line(text(person)))).max().unwrap_or(0)
}

/// Units depth first from the top ones, members under their unit; built in one pass
/// over units and people, as the organisation may have thousands.
pub fn lines(org: &Org) -> Vec<PeopleLine> {
    let mut members: HashMap<&str, Vec<usize>> = HashMap::default();
    for (index, person) in org.people.iter().enumerate() {
        members.entry(person.unit.as_str()).or_default().push(index);
    }
    let known: HashSet<&str> = org.units.iter().map(|u| u.id.as_str()).collect();
    let mut children: HashMap<&str, Vec<usize>> = HashMap::default();
    let mut tops = Vec::new();
    for (index, unit) in org.units.iter().enumerate() {
        match unit.parent.as_deref().filter(|p| known.contains(p)) {
            Some(parent) => children.entry(parent).or_default().push(index),
            None => tops.push(index),
        }
    }
    let mut out = Vec::new();
    let mut seen = HashSet::default();
    let mut stack: Vec<(usize, usize)> = tops.into_iter().rev().map(|u| (u, 0)).collect();
    while let Some((unit, depth)) = stack.pop() {
        if !seen.insert(unit) {
            continue;
        }
        out.push(PeopleLine::Unit { depth, unit });
        let id = org.units[unit].id.as_str();
        for &person in members.get(id).map(Vec::as_slice).unwrap_or_default() {
            out.push(PeopleLine::Person { depth: depth + 1, person });
        }
        let below = children.get(id).map(Vec::as_slice).unwrap_or_default();
        stack.extend(below.iter().rev().map(|&u| (u, depth + 1)));
    }
    out
}

/// The person on the `n`th person line.
pub fn nth_person(lines: &[PeopleLine], n: usize) -> Option<usize> {
    lines
        .iter()
        .filter_map(|line| match line {
            PeopleLine::Person { person, .. } => Some(*person),
            PeopleLine::Unit { .. } => None,
        })
        .nth(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::permissions::tests::person;
    use crate::model::{Unit, UnitKind};

    fn unit(id: &str, parent: Option<&str>) -> Unit {
        Unit {
            id: id.into(),
            name: id.into(),
            kind: UnitKind::Section,
            parent: parent.map(str::to_owned),
            head: None,
            extra: Default::default(),
        }
    }

    #[test]
    fn units_come_in_tree_order_with_their_members() {
        let org = Org {
            units: vec![unit("b", Some("a")), unit("a", None), unit("c", Some("a"))],
            people: vec![
                person("p1", "一", "主事", "c", None),
                person("p2", "二", "課長", "a", None),
                person("p3", "三", "主事", "b", None),
            ],
            extra: Default::default(),
        };
        let lines = lines(&org);
        assert_eq!(
            lines,
            [
                PeopleLine::Unit { depth: 0, unit: 1 },
                PeopleLine::Person { depth: 1, person: 1 },
                PeopleLine::Unit { depth: 1, unit: 0 },
                PeopleLine::Person { depth: 2, person: 2 },
                PeopleLine::Unit { depth: 1, unit: 2 },
                PeopleLine::Person { depth: 2, person: 0 },
            ]
        );
        assert_eq!(nth_person(&lines, 1), Some(2));
    }
}
