//! The rows after a save of goals files: only the trees the saved files reach are
//! walked again; every other tree keeps its rows (100,000 rows for HR at 20,000
//! people, of which a save touches one department's chain).
//!
//! A saved goals file reaches the trees its goals and the proposals it sends are
//! in, and those of the proposals sent to its owner; it reached the trees it left
//! when they hold fewer nodes now. Measured goals follow other people's files (a
//! training record is a Do entry), so their trees are always walked again, as are
//! those whose alignment mark changed. A tree kept is kept row for row, with its
//! nodes' numbers of the new cascade.

use std::collections::{HashMap, HashSet};

use super::Visibility;
use crate::model::{NodeId, NodeKind, World};
use crate::view::Viewer;
use crate::view::tree::{RowKind, Shape, TreeRow, row_kind, walk};

/// How many nodes each tree holds, by its top's key.
pub(super) fn tree_sizes(world: &World) -> HashMap<String, usize> {
    let cascade = &world.cascade;
    let mut counts = vec![0usize; cascade.nodes.len()];
    for node in &cascade.nodes {
        counts[node.top] += 1;
    }
    cascade.roots.iter().map(|&root| (cascade.key(&world.data, root).to_owned(), counts[root])).collect()
}

impl Visibility {
    /// After a save wrote the goals files of `owners` (and nothing but goals files),
    /// `world` holding them: `rows` become what [`Visibility::rows`] would build,
    /// walking only the trees the files reach.
    pub fn after_save(
        &mut self,
        world: &World,
        viewer: &Viewer,
        shape: Shape<'_>,
        rows: &mut Vec<TreeRow>,
        owners: &[&str],
    ) {
        let sizes_before = std::mem::take(&mut self.tree_sizes);
        *self = Visibility::new(world, viewer, shape.filter);
        let cascade = &world.cascade;
        let mut touched = reached_trees(world, owners);
        let kept = kept_trees(world, shape, std::mem::take(rows), &mut touched);
        for &root in &cascade.roots {
            let key = cascade.key(&world.data, root);
            if sizes_before.get(key) != self.tree_sizes.get(key) {
                touched.insert(root);
            }
        }
        let mut kept = kept;
        for &root in &cascade.roots {
            if touched.contains(&root) {
                rows.extend(walk(world, viewer, shape, (&self.visible, &self.matched), vec![root]));
            } else if let Some(tree) = kept.remove(&root) {
                rows.extend(tree);
            }
        }
    }
}

/// The tops of the trees holding a node of the files of `owners`, a proposal sent
/// to one of them, or a measured goal.
fn reached_trees(world: &World, owners: &[&str]) -> HashSet<NodeId> {
    let cascade = &world.cascade;
    let saved = |person: &str| owners.contains(&person);
    cascade
        .nodes
        .iter()
        .filter(|node| {
            let (NodeKind::Goal { file, .. } | NodeKind::Pending { file, .. } | NodeKind::Declined { file, .. }) =
                node.kind;
            node.measured || saved(&node.owner) || saved(&world.data.goals[file].owner)
        })
        .map(|node| node.top)
        .collect()
}

/// The rows of before the save, by the top of their tree in the new cascade; the
/// tops of trees whose rows cannot be kept as they are go into `touched`: a row
/// whose goal is gone or lies at another depth, an alignment mark that changed, a
/// tree whose rows are no longer together.
fn kept_trees(
    world: &World,
    shape: Shape<'_>,
    rows: Vec<TreeRow>,
    touched: &mut HashSet<NodeId>,
) -> HashMap<NodeId, Vec<TreeRow>> {
    let cascade = &world.cascade;
    let mut trees: HashMap<NodeId, Vec<TreeRow>> = HashMap::new();
    let mut current: Option<NodeId> = None;
    for mut row in rows {
        let Some(node) = renumbered(world, &row) else {
            // A goal or proposal gone: its tree has changed (the rows are together).
            touched.extend(current);
            continue;
        };
        row.node = node;
        let top = cascade.nodes[node].top;
        let flagged = row.kind == RowKind::Goal && !shape.flagged.is_empty() && shape.flagged.contains(&row.key);
        if cascade.nodes[node].depth != row.depth || flagged != row.flagged {
            touched.insert(top);
        }
        if current != Some(top) {
            current = Some(top);
            if trees.contains_key(&top) {
                touched.insert(top);
            }
        }
        trees.entry(top).or_default().push(row);
    }
    trees
}

/// The number of a row's goal or proposal in the new cascade; `None` when it is gone.
fn renumbered(world: &World, row: &TreeRow) -> Option<NodeId> {
    let cascade = &world.cascade;
    // Most saves move no node: the number it had still names it.
    let same = cascade.nodes.get(row.node).is_some_and(|node| row_kind(&node.kind) == row.kind)
        && cascade.key(&world.data, row.node) == row.key;
    if same {
        return Some(row.node);
    }
    match row.kind {
        RowKind::Goal => cascade.node_of_goal(&row.key),
        RowKind::Pending | RowKind::Declined => cascade.node_of_proposal(&row.key),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::r#gen;
    use crate::model::Date;
    use crate::view::tree::rows;

    fn world(people: usize) -> World {
        let set = r#gen::generate(people, 7);
        World::new(set.info, set.org, set.data)
    }

    /// A save of one goals file, by numbers that pick the file and what changes in it.
    #[derive(Clone, Debug)]
    enum Edit {
        Progress {
            goal: usize,
            value: u32,
        },
        Title {
            goal: usize,
        },
        Weight {
            goal: usize,
            weight: u32,
        },
        Remove {
            goal: usize,
        },
        /// A new goal under the goal numbered `parent` among all goals.
        Add {
            parent: usize,
        },
        /// A goal moved under another (perhaps of another tree, or of its own subtree: a loop).
        Move {
            goal: usize,
            parent: usize,
        },
        /// A goal whose parent is gone: it becomes a top of its own.
        Orphan {
            goal: usize,
        },
        WithdrawProposal,
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            3 => (any::<usize>(), 0..=100u32).prop_map(|(goal, value)| Edit::Progress { goal, value }),
            1 => any::<usize>().prop_map(|goal| Edit::Title { goal }),
            1 => (any::<usize>(), 1..5u32).prop_map(|(goal, weight)| Edit::Weight { goal, weight }),
            1 => any::<usize>().prop_map(|goal| Edit::Remove { goal }),
            1 => any::<usize>().prop_map(|parent| Edit::Add { parent }),
            1 => (any::<usize>(), any::<usize>()).prop_map(|(goal, parent)| Edit::Move { goal, parent }),
            1 => any::<usize>().prop_map(|goal| Edit::Orphan { goal }),
            1 => Just(Edit::WithdrawProposal),
        ]
    }

    /// Applies `edit` to the goals file numbered `file` as a save does; the owner saved.
    fn save(world: &mut World, file: usize, edit: &Edit, added: &mut usize) -> String {
        let all: Vec<String> = world.data.goals.iter().flat_map(|f| f.goals.iter().map(|g| g.id.clone())).collect();
        let mut saved = world.data.goals[file % world.data.goals.len()].clone();
        let count = saved.goals.len();
        let goal = |at: usize| (count > 0).then(|| at % count);
        match *edit {
            Edit::Progress { goal: at, value } => goal(at).into_iter().for_each(|g| {
                saved.goals[g].metric = None;
                saved.goals[g].progress = Some(value);
            }),
            Edit::Title { goal: at } => goal(at).into_iter().for_each(|g| saved.goals[g].title.push('改')),
            Edit::Weight { goal: at, weight } => {
                goal(at).into_iter().for_each(|g| saved.goals[g].weight = Some(weight))
            }
            Edit::Remove { goal: at } => goal(at).into_iter().for_each(|g| drop(saved.goals.remove(g))),
            Edit::Add { parent } => {
                let mut new = saved.goals.first().cloned().unwrap_or_else(|| world.data.goals[0].goals[0].clone());
                *added += 1;
                new.id = format!("G-NEW-{added}");
                new.proposal = None;
                new.parent = Some(all[parent % all.len()].clone());
                saved.goals.push(new);
            }
            Edit::Move { goal: at, parent } => {
                goal(at).into_iter().for_each(|g| saved.goals[g].parent = Some(all[parent % all.len()].clone()))
            }
            Edit::Orphan { goal: at } => {
                goal(at).into_iter().for_each(|g| saved.goals[g].parent = Some("G-GONE".to_owned()))
            }
            Edit::WithdrawProposal => drop(saved.proposals.pop()),
        }
        let owner = saved.owner.clone();
        world.replace_goals_file(saved);
        owner
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Saves of any goals file, with goals folded and a filter, leave the rows a full build gives.
        #[test]
        fn rows_after_saves_equal_a_full_build(
            saves in proptest::collection::vec((any::<usize>(), edit()), 1..12),
            folds in proptest::collection::vec(any::<usize>(), 0..4),
            filter in prop_oneof![3 => Just(""), 1 => Just("1"), 1 => Just("P000")],
            hr in any::<bool>(),
        ) {
            let mut world = world(60);
            let actor = if hr { world.org.people.iter().find(|p| p.is_hr()).unwrap().id.clone() } else { "P00010".to_owned() };
            let viewer = Viewer::new(&world, &actor, Date::from_ymd(2026, 11, 20).unwrap());
            let all = rows(&world, &viewer, Shape { collapsed: &HashSet::new(), filter, flagged: &HashSet::new() });
            let collapsed: HashSet<String> =
                folds.iter().filter(|_| !all.is_empty()).map(|at| all[at % all.len()].key.clone()).collect();
            let mut flagged = HashSet::new();
            let mut visibility = Visibility::new(&world, &viewer, filter);
            let mut kept = visibility.rows(&world, &viewer, Shape { collapsed: &collapsed, filter, flagged: &flagged });
            let mut added = 0;
            for (file, edit) in &saves {
                let owner = save(&mut world, *file, edit, &mut added);
                // The alignment marks follow the data: here, the first goal of the saved file.
                flagged = world.goals_of(&owner).first().map(|g| g.id.clone()).into_iter().collect();
                let shape = Shape { collapsed: &collapsed, filter, flagged: &flagged };
                visibility.after_save(&world, &viewer, shape, &mut kept, &[owner.as_str()]);
                prop_assert_eq!(&kept, &rows(&world, &viewer, shape), "after {:?}", edit);
            }
        }
    }

    #[test]
    fn a_save_keeps_the_rows_of_every_tree_it_does_not_reach() {
        let mut world = world(60);
        let hr = world.org.people.iter().find(|p| p.is_hr()).unwrap().id.clone();
        let viewer = Viewer::new(&world, &hr, Date::from_ymd(2026, 11, 20).unwrap());
        let (collapsed, flagged) = (HashSet::new(), HashSet::new());
        let shape = Shape { collapsed: &collapsed, filter: "", flagged: &flagged };
        let mut visibility = Visibility::new(&world, &viewer, "");
        let mut kept = visibility.rows(&world, &viewer, shape);
        // A sentinel in every row: rows kept keep it, rows walked again lose it.
        for row in &mut kept {
            row.title.push('§');
        }
        // The owner whose goals lie in the fewest trees.
        let owner = world
            .data
            .goals
            .iter()
            .map(|file| file.owner.clone())
            .min_by_key(|owner| reached_trees(&world, &[owner.as_str()]).len())
            .unwrap();
        let mut added = 0;
        let file = world.data.goals.iter().position(|f| f.owner == owner).unwrap();
        save(&mut world, file, &Edit::Title { goal: 0 }, &mut added);
        visibility.after_save(&world, &viewer, shape, &mut kept, &[owner.as_str()]);
        let reached = reached_trees(&world, &[owner.as_str()]);
        let cascade = &world.cascade;
        assert!(reached.len() < cascade.roots.len(), "the save reaches some trees only");
        for row in &kept {
            let walked_again = reached.contains(&cascade.nodes[row.node].top);
            assert_eq!(!row.title.ends_with('§'), walked_again, "{}", row.key);
        }
        let unmarked: Vec<TreeRow> = kept
            .into_iter()
            .map(|mut row| {
                row.title = row.title.trim_end_matches('§').to_owned();
                row
            })
            .collect();
        assert_eq!(unmarked, rows(&world, &viewer, shape));
    }
}
