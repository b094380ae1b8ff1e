//! The cascade as rows: the Tree tab of the app and `pdca show tree` draw the same
//! rows, built here from the loaded data and what the viewer may read.

use std::borrow::Cow;

use bit_set::BitSet;
use rayon::prelude::*;

use crate::model::hash::{HashMap, HashSet};

use super::Viewer;
use super::search::{self, Haystacks};
use super::text::single_line;
use crate::model::approved::{ProgressSource, source_of};
use crate::model::pace::{self, Pace};
use crate::model::{NodeId, NodeKind, World};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    Goal,
    Pending,
    Declined,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TreeRow {
    /// The goal's or proposal's node; its id (`Cascade::key`), which stays the same
    /// when the data is reloaded, is looked up rather than kept in every row.
    pub node: NodeId,
    pub depth: usize,
    pub kind: RowKind,
    /// `Some(true)` expanded, `Some(false)` collapsed, `None` without children.
    pub expanded: Option<bool>,
    pub pace: Pace,
    pub overdue: bool,
    pub missing_self_check: bool,
    /// An alignment warning concerns this goal.
    pub flagged: bool,
    /// Under a filter, the row matches it itself (it is not only context).
    pub matched: bool,
    /// The goal's metric is computed from 1on1s, engagement results or training.
    pub measured: bool,
}

impl TreeRow {
    /// The goal's or proposal's title on one line. Looked up as a row is drawn
    /// rather than kept in it: a city's tree has 100,000 rows, a screen 50.
    pub fn title<'w>(&self, world: &'w World) -> Cow<'w, str> {
        single_line(world.cascade.title(&world.data, self.node))
    }

    /// The owner's name and title (their id where the organisation does not know them).
    pub fn owner(&self, world: &World) -> String {
        let owner = world.name_and_title(world.cascade.owner(&world.data, self.node));
        // Made once: a city's tree asks 100,000 times, and most names are inert.
        match single_line(&owner) {
            Cow::Borrowed(_) => owner,
            Cow::Owned(inert) => inert,
        }
    }

    // The figures too are read from the cascade as a row is drawn: copied into
    // every row, they made a city's rows three times the size.

    /// The goal's weight, in percent; none for a proposal.
    pub fn weight(&self, world: &World) -> Option<u32> {
        world.cascade.goal(&world.data, self.node).and_then(|goal| goal.weight)
    }

    /// Share of the parent, in percent; none for top goals.
    pub fn share(&self, world: &World) -> Option<f64> {
        let node = &world.cascade.nodes[self.node];
        node.parent().map(|_| node.share * 100.0)
    }

    /// The live figure: every goal as typed, drafts and pending proposals included.
    pub fn progress(&self, world: &World) -> f64 {
        world.cascade.nodes[self.node].progress
    }

    /// The approved figure, shown first; none for a draft's goal or a proposal
    /// (see [`crate::model::approved`]).
    pub fn approved(&self, world: &World) -> Option<f64> {
        world.approved_progress(self.node)
    }
}

/// How the tree is folded and filtered.
#[derive(Clone, Copy, Debug)]
pub struct Shape<'a> {
    /// Collapsed goals and proposals, by id.
    pub collapsed: &'a HashSet<String>,
    /// Matched against titles, owners' ids and names, and their units' names.
    pub filter: &'a str,
    /// Goals an alignment warning is about: the `~` mark.
    pub flagged: &'a HashSet<String>,
}

/// The rows the viewer sees, depth first, skipping collapsed subtrees; with a
/// filter, the matches with the chain above each (so a match keeps its context)
/// and everything below it.
pub fn rows(world: &World, viewer: &Viewer, shape: Shape<'_>) -> Vec<TreeRow> {
    let needle = search::fold(shape.filter.trim());
    let matching = matching_nodes(world, &needle, &Haystacks::default());
    let sight = visible_nodes(world, &readable_nodes(world, viewer), &needle, &matching);
    let roots = world.cascade.roots.iter().rev().copied().collect();
    walk(world, viewer, shape, &sight, roots, sight.visible.len())
}

/// The rows of the nodes on `stack` (the first on top) and everything below them
/// that is not folded away, depth first: the rows of the whole tree when the stack
/// holds the roots, of one subtree when it holds a node's children. `room`: the
/// rows made room for at once (the shown nodes for the whole tree; 0 lets them grow).
pub(super) fn walk(
    world: &World,
    viewer: &Viewer,
    shape: Shape<'_>,
    sight: &Sight,
    mut stack: Vec<NodeId>,
    room: usize,
) -> Vec<TreeRow> {
    let (data, cascade) = (&world.data, &world.cascade);
    let time_gone = pace::time_gone(&data.cycle, viewer.today);
    // The order first, from the links alone; then each row, on all cores: a row
    // reads its goal from wherever it lies in memory, and a city has 100,000.
    // The order is made room for at once; the rows are collected to their number.
    let mut order: Vec<(NodeId, bool)> = Vec::with_capacity(room);
    while let Some(node) = stack.pop() {
        let shown = sight.visible.contains(node);
        // Nothing below shows: a narrow filter walks only what it shows.
        if !shown && !sight.above.contains(node) {
            continue;
        }
        let is_collapsed = !shape.collapsed.is_empty() && shape.collapsed.contains(cascade.key(data, node));
        if !is_collapsed {
            stack.extend(cascade.children(node).iter().rev());
        }
        if shown {
            order.push((node, is_collapsed));
        }
    }
    let row = |&(node, is_collapsed): &(NodeId, bool)| {
        let entry = &cascade.nodes[node];
        let goal = cascade.goal(data, node);
        let kind = match entry.kind {
            NodeKind::Goal { .. } => RowKind::Goal,
            NodeKind::Pending { .. } => RowKind::Pending,
            NodeKind::Declined { .. } => RowKind::Declined,
        };
        let approved = world.approved_progress(node);
        TreeRow {
            node,
            depth: entry.depth(),
            kind,
            expanded: (!cascade.children(node).is_empty()).then_some(!is_collapsed),
            pace: pace::pace(approved.unwrap_or(entry.progress), time_gone),
            overdue: goal.is_some_and(|g| pace::is_overdue(g, entry.progress, viewer.today)),
            missing_self_check: goal.is_some_and(|g| pace::misses_self_check(&data.cycle, g, viewer.today)),
            flagged: goal.is_some_and(|g| shape.flagged.contains(g.id.as_str())),
            matched: !shape.filter.trim().is_empty() && sight.matched.contains(node),
            measured: goal.is_some_and(|g| world.measurements.is_measured(&g.id)),
        }
    };
    // The approved figures are worked out before the work is shared out (see
    // `World::approved`); a fold's few rows are made here, not handed round.
    world.approved_figures();
    if order.len() < ROWS_AT_ONCE {
        return order.iter().map(row).collect();
    }
    order.par_iter().with_min_len(ROWS_AT_ONCE).map(row).collect()
}

/// The fewest rows one core makes at a time: fewer are not worth handing round.
const ROWS_AT_ONCE: usize = 2048;

/// A goal's figures as its details show them: approved, live, and where the live
/// figure comes from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Figures {
    pub approved: Option<f64>,
    pub live: f64,
    pub source: ProgressSource,
}

pub fn figures(world: &World, node: NodeId) -> Figures {
    Figures {
        approved: world.approved_progress(node),
        live: world.cascade.nodes[node].progress,
        source: source_of(&world.cascade, &world.data, node),
    }
}

/// The texts of `node` a filter looks in: its title, its owner's id and name, their
/// unit's name.
pub(super) fn texts_of<'a>(
    world: &'a World,
    unit_names: &HashMap<&str, &'a str>,
    node: NodeId,
) -> impl Iterator<Item = &'a str> {
    let owner = world.cascade.owner(&world.data, node);
    let person = world.person(owner);
    let unit = person.and_then(|p| unit_names.get(p.unit.as_str()).copied());
    [Some(world.cascade.title(&world.data, node)), Some(owner), person.map(|p| p.name.as_str()), unit]
        .into_iter()
        .flatten()
}

/// The nodes matching `needle` (a filter trimmed and folded as [`search::fold`]
/// does) by title, owner's id and name, or their unit's name, whether the viewer
/// may read them or not.
pub(super) fn matching_nodes(world: &World, needle: &str, haystacks: &Haystacks) -> Vec<NodeId> {
    matching_among(world, needle, 0..world.cascade.nodes.len(), haystacks)
}

/// Those of `candidates` that match `needle`, in their order.
pub(super) fn matching_among(
    world: &World,
    needle: &str,
    candidates: impl IntoIterator<Item = NodeId>,
    haystacks: &Haystacks,
) -> Vec<NodeId> {
    let unit_names = search::unit_names(&world.org);
    let texts = |node| texts_of(world, &unit_names, node);
    haystacks.keep(world.cascade.nodes.len(), texts, needle, candidates)
}

/// What of the tree shows under a filter. Kept while the filter stands, as sets of
/// nodes a bit each: a city's tree has 150,000 nodes, and a hash set of them took
/// 2 MB.
#[derive(Debug, Default)]
pub(super) struct Sight {
    /// The nodes shown: those the viewer may see that match, with the chain above
    /// each match and, under a filter, everything below it they may see.
    pub visible: BitSet,
    /// The matches themselves.
    pub matched: BitSet,
    /// Nodes not shown with shown nodes below them (one the viewer may not see
    /// between a match and what they may see below it), walked through but not shown.
    pub above: BitSet,
}

/// The nodes whose goals `viewer` may read, a bit each. A filter asks it of every
/// node it matches and of everything below them: asked once for the data, not by
/// each node's owner at every letter typed (a third of a team member's letter in a
/// city's tree).
pub(super) fn readable_nodes(world: &World, viewer: &Viewer) -> BitSet {
    let cascade = &world.cascade;
    (0..cascade.nodes.len()).filter(|&node| viewer.may_read_goals_of(cascade.owner(&world.data, node))).collect()
}

/// What the filter of `needle` shows of the nodes `matching` it, of those
/// `readable` ([`readable_nodes`]).
pub(super) fn visible_nodes(world: &World, readable: &BitSet, needle: &str, matching: &[NodeId]) -> Sight {
    let cascade = &world.cascade;
    let readable = |node: NodeId| readable.contains(node);
    let mut visible = BitSet::with_capacity(cascade.nodes.len());
    let mut matched = BitSet::with_capacity(cascade.nodes.len());
    for &node in matching {
        if !readable(node) {
            continue;
        }
        matched.insert(node);
        let mut current = Some(node);
        while let Some(id) = current {
            if !visible.insert(id) && id != node {
                break;
            }
            current = cascade.nodes[id].parent();
        }
        if !needle.is_empty() {
            visible.extend(cascade.descendants(node).into_iter().filter(|&d| readable(d)));
        }
    }
    let mut above = BitSet::with_capacity(cascade.nodes.len());
    for node in &visible {
        let mut current = cascade.nodes[node].parent();
        while let Some(id) = current.filter(|&id| !visible.contains(id)) {
            if !above.insert(id) {
                break;
            }
            current = cascade.nodes[id].parent();
        }
    }
    Sight { visible, matched, above }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::cascade::tests::proposal;

    #[test]
    fn a_row_keeps_no_id_of_its_own() {
        // A city's tree has 100,000 rows: its ids are looked up in the cascade.
        assert_eq!(size_of::<TreeRow>(), 24, "72 bytes with the figures in it");
    }

    #[test]
    fn an_owner_the_organisation_does_not_know_is_shown_inert() {
        let (_dir, sample) = crate::view::tests::sample();
        let mut data = sample.data.clone();
        let parent = data.goals[0].goals[0].id.clone();
        data.goals[0].proposals.push(proposal("p-hostile", &parent, "X\u{1b}[2J\u{202e}\ty", None));
        let world = World::new(sample.info.clone(), sample.org.clone(), data);
        let none = HashSet::default();
        let head = world.org.people[0].id;
        let viewer = Viewer::new(&world, &head, world.data.cycle.start);
        let shown = rows(&world, &viewer, Shape { collapsed: &none, filter: "", flagged: &none });
        // No one may read it (its addressee is no one the organisation knows): the
        // row as it would be.
        assert!(shown.iter().all(|row| world.cascade.key(&world.data, row.node) != "p-hostile"));
        let row = TreeRow { node: world.cascade.node_of_proposal("p-hostile").unwrap(), ..shown[0].clone() };
        assert_eq!(row.owner(&world), "X?[2J? y");
    }

    /// A city's tree is made on all cores: its rows come in the order of the
    /// tree, each the row its node makes alone.
    #[test]
    fn a_large_trees_rows_are_made_on_all_cores_in_the_order_of_the_tree() {
        let set = crate::r#gen::generate(900, 5);
        let world = World::new(set.info, set.org, set.data);
        let hr = world.org.people.iter().find(|p| p.is_hr()).unwrap().id;
        let viewer = Viewer::new(&world, &hr, crate::model::Date::from_ymd(2026, 11, 20).unwrap());
        let none = HashSet::default();
        let shape = Shape { collapsed: &none, filter: "", flagged: &none };
        let shown = rows(&world, &viewer, shape);
        assert!(shown.len() > 2 * ROWS_AT_ONCE, "{} rows", shown.len());
        let cascade = &world.cascade;
        let in_order: Vec<NodeId> =
            cascade.roots.iter().flat_map(|&root| std::iter::once(root).chain(cascade.descendants(root))).collect();
        assert_eq!(shown.iter().map(|row| row.node).collect::<Vec<_>>(), in_order);
        let matching = matching_nodes(&world, "", &Haystacks::default());
        let sight = visible_nodes(&world, &readable_nodes(&world, &viewer), "", &matching);
        for row in shown.iter().step_by(37) {
            assert_eq!(&walk(&world, &viewer, shape, &sight, vec![row.node], 0)[0], row);
        }
    }
}
