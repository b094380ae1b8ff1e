//! The Tree tab's rows kept between changes: folding a goal takes its subtree's rows
//! out (and keeps them aside), unfolding puts them back, and a longer filter looks
//! only among what the shorter one matched, instead of building every row again
//! (100,000 rows for HR at 20,000 people). The rows are always those
//! [`rows`](super::tree::rows) builds from scratch.

use crate::model::hash::{HashMap, HashSet};

use super::Viewer;
use super::search;
use super::tree::{Shape, TreeRow, matching_among, matching_nodes, visible_nodes, walk};
use crate::model::{NodeId, World};

/// What the filter shows of the tree, worked out once per filter and per change of
/// the data, and used by every fold in between.
#[derive(Debug, Default)]
pub struct Visibility {
    /// The filter as matched (trimmed and folded).
    needle: String,
    /// The nodes the filter matches, whether the viewer may read them or not.
    matching: Vec<NodeId>,
    visible: HashSet<NodeId>,
    matched: HashSet<NodeId>,
    /// The rows below each goal folded since, by its key: what unfolding it puts back.
    /// Rows out of sight cannot change but with the data or the filter, which make a
    /// new `Visibility`.
    folded: HashMap<String, Vec<TreeRow>>,
}

impl Visibility {
    /// What `filter` shows in `world`, worked out from scratch.
    pub fn new(world: &World, viewer: &Viewer, filter: &str) -> Visibility {
        Visibility::among(world, viewer, filter, matching_nodes(world, filter))
    }

    fn among(world: &World, viewer: &Viewer, filter: &str, matching: Vec<NodeId>) -> Visibility {
        let (visible, matched) = visible_nodes(world, viewer, filter, &matching);
        Visibility { needle: search::fold(filter.trim()), matching, visible, matched, folded: HashMap::default() }
    }

    /// What `filter` shows, the data unchanged: when it holds the previous filter
    /// (a letter typed at its end, say), only what that one matched can match.
    pub fn refilter(&mut self, world: &World, viewer: &Viewer, filter: &str) {
        let needle = search::fold(filter.trim());
        let matching = if needle.contains(&self.needle) {
            matching_among(world, filter, std::mem::take(&mut self.matching))
        } else {
            matching_nodes(world, filter)
        };
        *self = Visibility::among(world, viewer, filter, matching);
    }

    /// Every row, depth first.
    pub fn rows(&self, world: &World, viewer: &Viewer, shape: Shape<'_>) -> Vec<TreeRow> {
        let roots = world.cascade.roots.iter().rev().copied().collect();
        walk(world, viewer, shape, (&self.visible, &self.matched), roots)
    }

    /// After the goal of the row at `index` was folded or unfolded (its key put in or
    /// taken out of `shape.collapsed`): the rows below it taken out, and put in again
    /// as far as it is unfolded.
    pub fn refold(&mut self, world: &World, viewer: &Viewer, shape: Shape<'_>, rows: &mut Vec<TreeRow>, index: usize) {
        let Some(row) = rows.get(index) else { return };
        let (node, depth) = (row.node, row.depth);
        // Depth first: the rows below a row are the ones after it that are deeper.
        let end = rows[index + 1..].iter().position(|r| r.depth <= depth).map_or(rows.len(), |n| index + 1 + n);
        let children = &world.cascade.nodes[node].children;
        let unfolded = !shape.collapsed.contains(&rows[index].key);
        rows[index].expanded = (!children.is_empty()).then_some(unfolded);
        if unfolded {
            let below = self.folded.remove(&rows[index].key).unwrap_or_else(|| {
                walk(world, viewer, shape, (&self.visible, &self.matched), children.iter().rev().copied().collect())
            });
            rows.splice(index + 1..end, below);
        } else if end > index + 1 {
            let below = rows.drain(index + 1..end).collect();
            self.folded.insert(rows[index].key.clone(), below);
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::r#gen;
    use crate::model::{Date, NodeKind};
    use crate::view::tree::rows;

    fn world(people: usize) -> World {
        let set = r#gen::generate(people, 5);
        World::new(set.info, set.org, set.data)
    }

    fn today() -> Date {
        Date::from_ymd(2026, 11, 20).unwrap()
    }

    fn with_flagged<'a>(collapsed: &'a HashSet<String>, filter: &'a str, flagged: &'a HashSet<String>) -> Shape<'a> {
        Shape { collapsed, filter, flagged }
    }

    /// A step of someone using the tree, by numbers that pick what it acts on.
    #[derive(Clone, Debug)]
    enum Step {
        /// Fold or unfold the row at this position (modulo the row count).
        Toggle(usize),
        /// Type a letter of a title at the end of the filter.
        Type(usize),
        /// Take the filter's last letter away.
        Erase,
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            4 => any::<usize>().prop_map(Step::Toggle),
            2 => any::<usize>().prop_map(Step::Type),
            1 => Just(Step::Erase),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Folds, unfolds and filter changes in any order leave the rows a full build gives.
        #[test]
        fn incremental_rows_equal_a_full_build(steps in proptest::collection::vec(step(), 1..25), hr in any::<bool>()) {
            let world = world(60);
            let actor = if hr { world.org.people.iter().find(|p| p.is_hr()).unwrap().id.clone() } else { "P00010".to_owned() };
            let viewer = Viewer::new(&world, &actor, today());
            let flagged = HashSet::from_iter([world.data.goals[0].goals[0].id.clone()]);
            let (mut collapsed, mut filter) = (HashSet::default(), String::new());
            let mut visibility = Visibility::new(&world, &viewer, &filter);
            let mut kept = visibility.rows(&world, &viewer, with_flagged(&collapsed, &filter, &flagged));
            for step in steps {
                match step {
                    Step::Toggle(at) if !kept.is_empty() => {
                        let index = at % kept.len();
                        let key = kept[index].key.clone();
                        if !collapsed.remove(&key) {
                            collapsed.insert(key);
                        }
                        visibility.refold(&world, &viewer, with_flagged(&collapsed, &filter, &flagged), &mut kept, index);
                    }
                    Step::Toggle(_) => {}
                    Step::Type(at) => {
                        let title = world.cascade.title(&world.data, at % world.cascade.nodes.len());
                        filter.push(title.chars().nth(at % 3).unwrap_or(' '));
                        visibility.refilter(&world, &viewer, &filter);
                        kept = visibility.rows(&world, &viewer, with_flagged(&collapsed, &filter, &flagged));
                    }
                    Step::Erase => {
                        filter.pop();
                        visibility.refilter(&world, &viewer, &filter);
                        kept = visibility.rows(&world, &viewer, with_flagged(&collapsed, &filter, &flagged));
                    }
                }
                prop_assert_eq!(&kept, &rows(&world, &viewer, with_flagged(&collapsed, &filter, &flagged)));
            }
        }
    }

    #[test]
    fn folding_takes_out_exactly_the_rows_below_and_unfolding_puts_them_back() {
        let world = world(60);
        let hr = world.org.people.iter().find(|p| p.is_hr()).unwrap().id.clone();
        let viewer = Viewer::new(&world, &hr, today());
        let (mut collapsed, flagged) = (HashSet::default(), HashSet::default());
        let mut visibility = Visibility::new(&world, &viewer, "");
        let mut kept = visibility.rows(&world, &viewer, Shape { collapsed: &collapsed, filter: "", flagged: &flagged });
        let all = kept.clone();
        // The first top goal with goals below it, and how many rows lie below it.
        let index = kept.iter().position(|r| r.expanded == Some(true)).unwrap();
        let below = world.cascade.descendants(kept[index].node).len();
        assert!(below > 0);
        assert!(matches!(world.cascade.nodes[kept[index].node].kind, NodeKind::Goal { .. }));
        collapsed.insert(kept[index].key.clone());
        let shape = Shape { collapsed: &collapsed, filter: "", flagged: &flagged };
        visibility.refold(&world, &viewer, shape, &mut kept, index);
        assert_eq!(kept.len(), all.len() - below);
        assert_eq!(kept[index].expanded, Some(false));
        assert_eq!(kept[index + 1..], all[index + 1 + below..]);
        collapsed.clear();
        let shape = Shape { collapsed: &collapsed, filter: "", flagged: &flagged };
        visibility.refold(&world, &viewer, shape, &mut kept, index);
        assert_eq!(kept, all);
    }
}
