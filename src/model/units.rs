//! The unit tree of `org.toml` as an index: a unit's sub-units and the people in a
//! unit and everything below it ("the owner's units" of a measured goal, the units
//! an engagement result covers). Loops in the unit parents (reported by validation)
//! never make a walk here hang.

use crate::model::hash::{HashMap, HashSet};
use std::collections::BTreeSet;

use super::types::{Org, Person};

#[derive(Clone, Debug)]
pub struct UnitTree<'a> {
    org: &'a Org,
    ids: HashSet<&'a str>,
    /// Each unit's direct sub-units, in org.toml order.
    children: HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> UnitTree<'a> {
    pub fn new(org: &'a Org) -> UnitTree<'a> {
        let mut children: HashMap<&str, Vec<&str>> = HashMap::default();
        for unit in &org.units {
            if let Some(parent) = unit.parent.as_deref() {
                children.entry(parent).or_default().push(&unit.id);
            }
        }
        UnitTree { org, ids: org.units.iter().map(|unit| unit.id.as_str()).collect(), children }
    }

    /// Whether `id` names a unit of org.toml.
    pub fn contains(&self, id: &str) -> bool {
        self.ids.contains(id)
    }

    /// The unit's direct sub-units, in org.toml order.
    pub fn children(&self, unit: &str) -> &[&'a str] {
        self.children.get(unit).map(Vec::as_slice).unwrap_or_default()
    }

    /// `unit` and every unit below it, each once.
    pub fn subtree(&self, unit: &str) -> BTreeSet<&'a str> {
        let mut found = BTreeSet::new();
        let Some(&start) = self.ids.get(unit) else { return found };
        let mut stack = vec![start];
        while let Some(next) = stack.pop() {
            if found.insert(next) {
                stack.extend(self.children(next));
            }
        }
        found
    }

    /// The people whose unit is `unit` or below it, in org.toml order.
    pub fn people_under(&self, unit: &str) -> Vec<&'a Person> {
        let units = self.subtree(unit);
        self.org.people.iter().filter(|person| units.contains(person.unit.as_str())).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::permissions::tests::city;

    fn ids(people: Vec<&Person>) -> Vec<&str> {
        people.into_iter().map(|p| p.id.as_str()).collect()
    }

    #[test]
    fn a_units_people_include_those_of_the_units_below() {
        let org = city();
        let tree = UnitTree::new(&org);
        assert_eq!(tree.subtree("jinji").into_iter().collect::<Vec<_>>(), ["jinji", "jinji-t"]);
        assert_eq!(ids(tree.people_under("jinji")), ["suzuki", "sato", "ito", "kato", "kimura"]);
        assert_eq!(tree.people_under("soumu").len(), 8);
        assert!(tree.people_under("nowhere").is_empty());
        assert!(tree.contains("jinji-t") && !tree.contains("nowhere"));
    }

    #[test]
    fn a_loop_of_unit_parents_ends_the_walk() {
        let mut org = city();
        org.units.iter_mut().find(|u| u.id == "soumu").unwrap().parent = Some("jinji-t".into());
        let tree = UnitTree::new(&org);
        assert_eq!(tree.subtree("jinji").len(), 4, "jinji → jinji-t → soumu → jinji, joho");
    }
}
