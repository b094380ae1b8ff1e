//! The cascade of one cycle: goals linked to their parents, pending and declined
//! breakdown proposals, and the roll-up maths of progress and contribution.
//!
//! - A leaf's progress is its metric's progress, else its owner's estimate.
//! - A goal with counted children (adopted or linked goals and pending proposals)
//!   has progress Σ share(c)·progress(c) / Σ share(c); pending proposals count as 0.
//! - A measured goal (its metric names a source, see [`super::metric_source`]) has
//!   the measured progress, with or without children: what happened beats the
//!   estimates below it.
//! - The planned share of a node in its top goal is the product of the normalised
//!   shares along the path; a person's achieved contribution to a top goal is the sum
//!   over their leaves of planned share × attributed progress, so contributions add
//!   up to the top goal's progress. A node's attributed progress is its progress,
//!   except below a measured goal: there the measurement is shared out among the
//!   children in proportion to their own progress (by share when all are at 0).
//!
//! Broken links (unknown parents, loops) never stop the build: such goals become
//! top goals here and validation reports the link.

use crate::model::hash::{HashMap, HashSet};
use std::collections::BTreeMap;

use super::metric_source::Measurements;
use super::shares::{split, within_percent};
use super::types::{CycleData, Goal, PersonId, Proposal, ProposalId};
use rayon::prelude::*;
use std::hash::BuildHasher;

/// The fewest nodes whose parents one core looks up at a time: fewer are not worth
/// handing to another.
const PARENTS_AT_ONCE: usize = 4096;

pub type NodeId = usize;

/// Where a node's record is: the goals file's place in the cycle's list, and the
/// goal's or the proposal's place in that file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    Goal {
        file: u32,
        goal: u32,
    },
    /// A proposal not yet adopted or declined: the 未設定 placeholder.
    Pending {
        file: u32,
        proposal: u32,
    },
    /// A proposal its addressee declined; shown, but outside the roll-up.
    Declined {
        file: u32,
        proposal: u32,
    },
}

impl NodeKind {
    /// The goal of a goal's node in `data`, the data the cascade was built from.
    fn goal(self, data: &CycleData) -> Option<&Goal> {
        match self {
            NodeKind::Goal { file, goal } => Some(&data.goals[file as usize].goals[goal as usize]),
            NodeKind::Pending { .. } | NodeKind::Declined { .. } => None,
        }
    }

    /// The proposal behind a pending or declined node, in `data`.
    fn proposal(self, data: &CycleData) -> Option<&Proposal> {
        match self {
            NodeKind::Pending { file, proposal } | NodeKind::Declined { file, proposal } => {
                Some(&data.goals[file as usize].proposals[proposal as usize])
            }
            NodeKind::Goal { .. } => None,
        }
    }
}

/// A node keeps its links as `u32` (see [`compact`]): a city's cascade has 150,000
/// nodes, and with every link a `usize` each took 104 bytes rather than 72.
#[derive(Clone, Debug)]
pub struct Node {
    pub kind: NodeKind,
    parent: Option<u32>,
    /// Where its children are in the cascade's one list of them ([`Cascade::children`]).
    children: Span,
    /// The share of the parent this node carries, normalised over its siblings (0–1).
    pub share: f64,
    /// Progress in percent (0–100): measured, else rolled up from the children where
    /// there are any.
    pub progress: f64,
    /// The progress was measured from the data (a metric source), not estimated.
    pub measured: bool,
    /// The progress this node is credited with in its top goal's contributions:
    /// `progress`, except below a measured goal (see the module's notes).
    pub attributed: f64,
    top: u32,
    depth: u32,
}

/// A place in the cascade's or the cycle's lists, as a node keeps it. They are far
/// shorter than 2³²: that many nodes would not fit in memory.
fn compact(index: usize) -> u32 {
    u32::try_from(index).expect("a list of fewer than 2³² records")
}

/// A node's children in [`Cascade`]'s list of every node's children: a list per
/// node cost a city's cascade (150,000 nodes) a header and an allocation each.
#[derive(Clone, Copy, Debug, Default)]
struct Span {
    start: u32,
    len: u32,
}

impl Span {
    fn of(self, all: &[NodeId]) -> &[NodeId] {
        &all[self.start as usize..][..self.len as usize]
    }
}

impl Node {
    pub fn parent(&self) -> Option<NodeId> {
        self.parent.map(|parent| parent as NodeId)
    }

    /// The top goal above the node (the node itself for a top goal).
    pub fn top(&self) -> NodeId {
        self.top as NodeId
    }

    /// How many parents are above the node.
    pub fn depth(&self) -> usize {
        self.depth as usize
    }

    /// Whether the node takes part in its parent's roll-up.
    pub fn counts(&self) -> bool {
        !matches!(self.kind, NodeKind::Declined { .. })
    }

    /// Leaves carry progress of their own; the rest is rolled up from them.
    pub fn is_leaf(&self, cascade: &Cascade) -> bool {
        self.counts() && !self.children.of(&cascade.child_ids).iter().any(|&c| cascade.nodes[c].counts())
    }
}

/// The goals' nodes by goal id, the ids read from the data rather than kept: a
/// city's 100,000 ids as keys of their own were 4.5 MB.
#[derive(Clone, Debug, Default)]
struct GoalIndex {
    nodes: hashbrown::HashTable<u32>,
    hasher: foldhash::fast::RandomState,
}

/// What the roll-up reads of a node's record: its share of its parent as given,
/// and its measured progress.
struct Read {
    share: Option<f64>,
    measured: Option<f64>,
}

/// The id of the goal a node of `nodes` stands for.
fn goal_id<'a>(data: &'a CycleData, nodes: &[Node], node: u32) -> &'a str {
    match nodes[node as usize].kind {
        NodeKind::Goal { file, goal } => &data.goals[file as usize].goals[goal as usize].id,
        // Only goals' nodes are in the index.
        NodeKind::Pending { .. } | NodeKind::Declined { .. } => "",
    }
}

impl GoalIndex {
    fn find(&self, data: &CycleData, nodes: &[Node], id: &str) -> Option<NodeId> {
        let hash = self.hasher.hash_one(id);
        self.nodes.find(hash, |&node| goal_id(data, nodes, node) == id).map(|&node| node as NodeId)
    }

    /// Takes in `node`, the goal `id`'s, about to be pushed to `nodes`; answers
    /// false, taking nothing in, when a node has that id already. Growing, the
    /// table hashes the ids of the nodes it holds, which are all in `nodes`.
    fn insert(&mut self, data: &CycleData, nodes: &[Node], id: &str, node: NodeId) -> bool {
        let hash = self.hasher.hash_one(id);
        let id_of = |other: u32| goal_id(data, nodes, other);
        let hasher = &self.hasher;
        match self.nodes.entry(hash, |&other| id_of(other) == id, |&other| hasher.hash_one(id_of(other))) {
            hashbrown::hash_table::Entry::Occupied(_) => false,
            hashbrown::hash_table::Entry::Vacant(vacant) => {
                vacant.insert(compact(node));
                true
            }
        }
    }
}

/// One person's part in a top goal.
#[derive(Clone, Debug, PartialEq)]
pub struct Contribution {
    pub person: PersonId,
    /// Sum of the planned shares of the person's leaves under the top goal (0–1).
    pub planned_share: f64,
    /// Percentage points of the top goal's progress that the person's leaves achieved
    /// (planned share × attributed progress).
    pub achieved: f64,
    /// The person's leaves (goals and pending proposals) under the top goal.
    pub leaves: Vec<NodeId>,
}

#[derive(Clone, Debug, Default)]
pub struct Cascade {
    pub nodes: Vec<Node>,
    /// Top goals (and goals whose link is broken), in file order.
    pub roots: Vec<NodeId>,
    /// Every node's children, node after node, each node's in node order.
    child_ids: Vec<NodeId>,
    by_goal: GoalIndex,
    /// Proposals not adopted (pending or declined), by id.
    by_proposal: HashMap<ProposalId, NodeId>,
}

impl Cascade {
    /// The cascade with every goal's progress typed or rolled up: a metric that
    /// names a source counts as one without a value. Use [`Cascade::build_measured`]
    /// wherever the organisation is at hand, so that measured goals follow the data.
    pub fn build(data: &CycleData) -> Cascade {
        Cascade::build_measured(data, &Measurements::default())
    }

    /// The cascade with measured goals taking their measured progress
    /// ([`Measurements::compute`]).
    pub fn build_measured(data: &CycleData, measurements: &Measurements) -> Cascade {
        Cascade::build_with(data, |goal| measurements.progress_of(goal))
    }

    fn build_with(data: &CycleData, measured: impl Fn(&str) -> Option<f64> + Sync) -> Cascade {
        let mut cascade = Cascade::default();
        let proposals: HashMap<&str, &Proposal> =
            data.goals.iter().flat_map(|file| &file.proposals).map(|p| (p.id.as_str(), p)).collect();
        // Read from every goal, wherever it lies in memory: on all cores.
        let adopted: HashSet<&str> = (data.goals.par_iter())
            .flat_map_iter(|file| file.goals.iter().filter_map(|g| g.proposal.as_deref()))
            .collect();
        let declined: HashSet<(&str, &str)> = data
            .goals
            .iter()
            .flat_map(|file| file.declined.iter().map(move |d| (file.owner.as_str(), d.proposal.as_str())))
            .collect();

        // Sized at once: growing by doubling left a city's cascade a quarter empty.
        let most = data.goals.iter().map(|file| file.goals.len() + file.proposals.len()).sum();
        cascade.nodes.reserve_exact(most);
        // Sized at once too: growing, the index hashes every id it holds again.
        cascade.by_goal.nodes.reserve(most, |_| unreachable!("an empty index moves nothing"));
        for (file_index, file) in data.goals.iter().enumerate() {
            for (goal_index, goal) in file.goals.iter().enumerate() {
                let kind = NodeKind::Goal { file: compact(file_index), goal: compact(goal_index) };
                if !cascade.by_goal.insert(data, &cascade.nodes, &goal.id, cascade.nodes.len()) {
                    continue; // a duplicate id; validation reports it
                }
                cascade.push_node(kind, leaf_progress(goal));
            }
        }
        for (file_index, file) in data.goals.iter().enumerate() {
            for (proposal_index, proposal) in file.proposals.iter().enumerate() {
                if adopted.contains(proposal.id.as_str()) {
                    continue;
                }
                let kind = if declined.contains(&(proposal.to.as_str(), proposal.id.as_str())) {
                    NodeKind::Declined { file: compact(file_index), proposal: compact(proposal_index) }
                } else {
                    NodeKind::Pending { file: compact(file_index), proposal: compact(proposal_index) }
                };
                cascade.by_proposal.insert(proposal.id.clone(), cascade.nodes.len());
                cascade.push_node(kind, 0.0);
            }
        }

        // What each node links to, its share as given and its measure, read from its
        // record on all cores: each lookup reads a goal from wherever it lies in
        // memory, and a city has 100,000. The shares and measures are let go once
        // rolled up: kept beside the nodes, they were 7 MB of a city's peak.
        let (parents, read): (Vec<Option<NodeId>>, Vec<Read>) = (0..cascade.nodes.len())
            .into_par_iter()
            .with_min_len(PARENTS_AT_ONCE)
            .map(|node| {
                let kind = cascade.nodes[node].kind;
                let (parent_id, share, measure) = match (kind.goal(data), kind.proposal(data)) {
                    (Some(goal), _) => (goal.parent.as_deref(), adopted_share(goal, &proposals), measured(&goal.id)),
                    (None, Some(proposal)) => (Some(proposal.parent.as_str()), valid_share(proposal.share), None),
                    (None, None) => (None, None, None),
                };
                let parent =
                    parent_id.and_then(|id| cascade.by_goal.find(data, &cascade.nodes, id)).filter(|&p| p != node);
                (parent, Read { share, measured: measure })
            })
            .unzip();
        for (node, parent) in cascade.nodes.iter_mut().zip(parents) {
            node.parent = parent.map(compact);
        }
        cascade.cut_loops();
        cascade.link_children();
        cascade.roll_up(&read);
        cascade
    }

    fn push_node(&mut self, kind: NodeKind, progress: f64) {
        self.nodes.push(Node {
            kind,
            parent: None,
            children: Span::default(),
            share: 0.0,
            progress,
            measured: false,
            attributed: 0.0,
            top: compact(self.nodes.len()),
            depth: 0,
        });
    }

    /// Detaches every node that lies on a loop of parent links, so that the rest is a forest.
    fn cut_loops(&mut self) {
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            OnPath,
            Done,
        }
        let mut marks = vec![Mark::New; self.nodes.len()];
        for start in 0..self.nodes.len() {
            let mut path: Vec<NodeId> = Vec::new();
            let mut current = Some(start);
            while let Some(node) = current {
                match marks[node] {
                    Mark::Done => break,
                    Mark::OnPath => {
                        let loop_start = path.iter().position(|&n| n == node).unwrap_or(0);
                        for &member in &path[loop_start..] {
                            self.nodes[member].parent = None;
                        }
                        break;
                    }
                    Mark::New => {
                        marks[node] = Mark::OnPath;
                        path.push(node);
                        current = self.nodes[node].parent();
                    }
                }
            }
            for node in path {
                marks[node] = Mark::Done;
            }
        }
    }

    /// Lists each node's children, in node order, and the roots.
    fn link_children(&mut self) {
        let mut counts = vec![0u32; self.nodes.len()];
        for node in 0..self.nodes.len() {
            match self.nodes[node].parent() {
                Some(parent) => counts[parent] += 1,
                None => self.roots.push(node),
            }
        }
        let mut start = 0u32;
        for (node, count) in self.nodes.iter_mut().zip(counts) {
            node.children = Span { start, len: 0 };
            start += count;
        }
        self.child_ids = vec![0; start as usize];
        for node in 0..self.nodes.len() {
            if let Some(parent) = self.nodes[node].parent() {
                let span = &mut self.nodes[parent].children;
                self.child_ids[(span.start + span.len) as usize] = node;
                span.len += 1;
            }
        }
    }

    /// The node's children, in node order.
    pub fn children(&self, node: NodeId) -> &[NodeId] {
        self.nodes[node].children.of(&self.child_ids)
    }

    /// The share of its top goal `node` carries (0–1): the shares along the path
    /// from the top, multiplied from the top down. Worked out when asked, a few
    /// links up, rather than kept in every one of a city's 150,000 nodes; in a
    /// loop, not by recursion, as a file may chain goals as deep as it likes.
    pub fn planned_share(&self, node: NodeId) -> f64 {
        let mut below_top = Vec::new();
        let mut current = node;
        while let Some(parent) = self.nodes[current].parent() {
            below_top.push(current);
            current = parent;
        }
        below_top.iter().rev().fold(1.0, |share, &node| share * self.nodes[node].share)
    }

    /// Depths, shares and progress, from what was read of each node's record.
    /// Walks the nodes alone: the records were read before, on all cores.
    fn roll_up(&mut self, read: &[Read]) {
        // Breadth-first from the roots: parents come before children.
        let mut order: Vec<NodeId> = self.roots.clone();
        let mut next = 0;
        // Taken out and put back, so that the nodes can change while it is read.
        let child_ids = std::mem::take(&mut self.child_ids);
        let (mut counted, mut raw) = (Vec::new(), Vec::new());
        while next < order.len() {
            let node = order[next];
            next += 1;
            let (depth, top) = (self.nodes[node].depth, self.nodes[node].top);
            let children = self.nodes[node].children.of(&child_ids);
            for &child in children {
                self.nodes[child].depth = depth + 1;
                self.nodes[child].top = top;
            }
            // Explicit shares are kept; a child without one gets the mean of its
            // siblings' explicit shares (or 1 when none has one): "equal" by default.
            counted.clear();
            counted.extend(children.iter().copied().filter(|&c| self.nodes[c].counts()));
            let explicit = || counted.iter().filter_map(|&c| read[c].share);
            let given = explicit().count();
            let default = if given == 0 { 1.0 } else { explicit().sum::<f64>() / given as f64 };
            raw.clear();
            raw.extend(counted.iter().map(|&c| read[c].share.unwrap_or(default)));
            for (&child, share) in counted.iter().zip(split(&raw)) {
                self.nodes[child].share = share;
            }
            order.extend(children);
        }
        self.child_ids = child_ids;
        // The children's roll-up of each node with counted children.
        let mut rolled: Vec<Option<f64>> = vec![None; self.nodes.len()];
        for &node in order.iter().rev() {
            let counted = self.children(node).iter().filter(|&&c| self.nodes[c].counts());
            if counted.clone().next().is_some() {
                rolled[node] = Some(counted.map(|&c| self.nodes[c].share * self.nodes[c].progress).sum());
            }
            if let Some(progress) = read[node].measured {
                self.nodes[node].progress = progress;
                self.nodes[node].measured = true;
            } else if let Some(progress) = rolled[node] {
                self.nodes[node].progress = within_percent(progress);
            }
        }
        for &node in &order {
            let parent = self.nodes[node].parent();
            self.nodes[node].attributed = match parent.and_then(|p| Some((p, rolled[p]?))) {
                Some((parent, rolled)) => self.attributed_below(parent, rolled, node),
                None => self.nodes[node].progress,
            };
        }
    }

    /// A child's part of its parent's attributed progress: its own progress, scaled
    /// so that the parent's children together carry what the parent is credited with.
    fn attributed_below(&self, parent: NodeId, rolled: f64, child: NodeId) -> f64 {
        let credited = self.nodes[parent].attributed;
        let own = self.nodes[child].progress;
        if credited == rolled {
            own
        } else if rolled > 0.0 {
            own * credited / rolled
        } else {
            credited
        }
    }

    /// The nodes of each goals file's goals, by the file's place in the data the
    /// cascade was built from (`files` of them): in the order of its goals, but for
    /// a goal whose id an earlier one has (it has no node). Goals' nodes come first,
    /// file by file, so this is one pass and no lookup by id.
    pub fn goal_nodes_by_file(&self, files: usize) -> Vec<std::ops::Range<NodeId>> {
        let mut ranges = vec![0..0; files];
        for (node, kind) in self.nodes.iter().map(|node| node.kind).enumerate() {
            let NodeKind::Goal { file, .. } = kind else { break };
            let range = &mut ranges[file as usize];
            *range = if range.start == range.end { node..node + 1 } else { range.start..node + 1 };
        }
        ranges
    }

    /// The node of the goal `id` of `data`, the data the cascade was built from.
    pub fn node_of_goal(&self, data: &CycleData, id: &str) -> Option<NodeId> {
        self.by_goal.find(data, &self.nodes, id)
    }

    /// The node of a proposal that is pending or declined (an adopted one is its goal).
    pub fn node_of_proposal(&self, id: &str) -> Option<NodeId> {
        self.by_proposal.get(id).copied()
    }

    /// The goal's owner, or the person a proposal is addressed to. Read from the
    /// data rather than kept in every node: a city's cascade has 100,000.
    pub fn owner<'a>(&self, data: &'a CycleData, node: NodeId) -> &'a str {
        match self.nodes[node].kind {
            NodeKind::Goal { file, .. } => &data.goals[file as usize].owner,
            NodeKind::Pending { file, proposal } | NodeKind::Declined { file, proposal } => {
                &data.goals[file as usize].proposals[proposal as usize].to
            }
        }
    }

    /// Who made the proposal behind a pending or declined node.
    pub fn proposer<'a>(&self, data: &'a CycleData, node: NodeId) -> Option<&'a PersonId> {
        match self.nodes[node].kind {
            NodeKind::Pending { file, .. } | NodeKind::Declined { file, .. } => Some(&data.goals[file as usize].owner),
            NodeKind::Goal { .. } => None,
        }
    }

    /// All nodes below `node`, depth first in child order (not including `node`).
    pub fn descendants(&self, node: NodeId) -> Vec<NodeId> {
        let mut found = Vec::new();
        let mut stack: Vec<NodeId> = self.children(node).iter().rev().copied().collect();
        while let Some(next) = stack.pop() {
            found.push(next);
            stack.extend(self.children(next).iter().rev());
        }
        found
    }

    /// Each person's planned share and achieved contribution in the top goal `top`,
    /// largest contribution first, then by person id.
    pub fn contributions(&self, data: &CycleData, top: NodeId) -> Vec<Contribution> {
        let mut by_person: BTreeMap<&str, Contribution> = BTreeMap::new();
        let mut members = vec![top];
        members.extend(self.descendants(top));
        for node in members {
            let entry = &self.nodes[node];
            if !entry.is_leaf(self) {
                continue;
            }
            let owner = self.owner(data, node);
            let contribution = by_person.entry(owner).or_insert_with(|| Contribution {
                person: owner.into(),
                planned_share: 0.0,
                achieved: 0.0,
                leaves: Vec::new(),
            });
            let planned_share = self.planned_share(node);
            contribution.planned_share += planned_share;
            contribution.achieved += planned_share * entry.attributed;
            contribution.leaves.push(node);
        }
        let mut list: Vec<Contribution> = by_person.into_values().collect();
        list.sort_by(|a, b| {
            b.achieved
                .total_cmp(&a.achieved)
                .then_with(|| b.planned_share.total_cmp(&a.planned_share))
                .then_with(|| a.person.cmp(&b.person))
        });
        list
    }

    /// The goal behind a node, if it is one.
    pub fn goal<'a>(&self, data: &'a CycleData, node: NodeId) -> Option<&'a Goal> {
        self.nodes[node].kind.goal(data)
    }

    /// The proposal behind a pending or declined node.
    pub fn proposal<'a>(&self, data: &'a CycleData, node: NodeId) -> Option<&'a Proposal> {
        self.nodes[node].kind.proposal(data)
    }

    /// A node's id in the files (goal id or proposal id): stable across reloads,
    /// unlike its position.
    pub fn key<'a>(&self, data: &'a CycleData, node: NodeId) -> &'a str {
        match (self.goal(data, node), self.proposal(data, node)) {
            (Some(goal), _) => &goal.id,
            (None, Some(proposal)) => &proposal.id,
            (None, None) => "",
        }
    }

    /// The title of a node: the goal's title or the proposal's suggested title.
    pub fn title<'a>(&self, data: &'a CycleData, node: NodeId) -> &'a str {
        match (self.goal(data, node), self.proposal(data, node)) {
            (Some(goal), _) => &goal.title,
            (None, Some(proposal)) => &proposal.title,
            (None, None) => "",
        }
    }
}

pub(super) fn leaf_progress(goal: &Goal) -> f64 {
    goal.metric
        .as_ref()
        .and_then(|metric| metric.progress())
        .unwrap_or_else(|| f64::from(goal.progress.unwrap_or(0).min(100)))
}

fn valid_share(share: Option<f64>) -> Option<f64> {
    share.filter(|s| s.is_finite() && *s >= 0.0)
}

/// A goal adopted from a proposal carries the share its manager proposed.
fn adopted_share(goal: &Goal, proposals: &HashMap<&str, &Proposal>) -> Option<f64> {
    let proposal = proposals.get(goal.proposal.as_deref()?)?;
    if goal.parent.as_deref() == Some(proposal.parent.as_str()) { valid_share(proposal.share) } else { None }
}

#[cfg(test)]
pub(crate) mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::model::date::Date;
    use crate::model::types::{Cycle, Decline, GoalsFile, Metric, Phases};

    pub(crate) fn cycle_data(files: Vec<GoalsFile>) -> CycleData {
        CycleData {
            cycle: Cycle {
                id: "2025".into(),
                name: None,
                start: Date::from_ymd(2025, 4, 1).unwrap(),
                end: Date::from_ymd(2026, 3, 31).unwrap(),
                phases: Phases::default(),
                extra: Default::default(),
            },
            goals: files,
            feedback: Vec::new(),
            competencies: None,
            calibration: Vec::new(),
            instruments: Default::default(),
        }
    }

    pub(crate) fn goal(id: &str, parent: Option<&str>, progress: u32) -> Goal {
        Goal {
            id: id.into(),
            title: format!("goal {id}"),
            parent: parent.map(Into::into),
            progress: Some(progress),
            ..Goal::default()
        }
    }

    pub(crate) fn proposal(id: &str, parent: &str, to: &str, share: Option<f64>) -> Proposal {
        Proposal {
            id: id.into(),
            parent: parent.into(),
            to: to.into(),
            title: format!("proposal {id}"),
            note: String::new(),
            share,
            date: None,
            extra: Default::default(),
        }
    }

    pub(crate) fn file(owner: &str, goals: Vec<Goal>, proposals: Vec<Proposal>) -> GoalsFile {
        GoalsFile { goals, proposals, ..GoalsFile::new(owner, "2025") }
    }

    fn adopted(mut goal: Goal, proposal: &str) -> Goal {
        goal.proposal = Some(proposal.into());
        goal
    }

    fn progress_of(cascade: &Cascade, data: &CycleData, id: &str) -> f64 {
        cascade.nodes[cascade.node_of_goal(data, id).unwrap()].progress
    }

    #[test]
    fn a_leaf_reports_its_owners_progress_and_a_metric_takes_precedence() {
        let mut measured = goal("m", None, 10);
        measured.metric = Some(Box::new(Metric::typed("名", 0.0, 100.0, 45.0)));
        let data = cycle_data(vec![file("A", vec![goal("g", None, 30), measured], vec![])]);
        let cascade = Cascade::build(&data);
        assert_eq!(progress_of(&cascade, &data, "g"), 30.0);
        assert_eq!(progress_of(&cascade, &data, "m"), 45.0);
    }

    #[test]
    fn metric_progress_is_clamped_and_handles_decreasing_targets() {
        let metric = |start, target, current| Metric::typed("", start, target, current);
        assert_eq!(metric(0.0, 100.0, 150.0).progress(), Some(100.0));
        assert_eq!(metric(0.0, 100.0, -5.0).progress(), Some(0.0));
        // Overtime hours 40 → 20: at 30 we are half way.
        assert_eq!(metric(40.0, 20.0, 30.0).progress(), Some(50.0));
        assert_eq!(metric(5.0, 5.0, 5.0).progress(), None);
    }

    #[test]
    fn a_node_keeps_its_links_small() {
        assert_eq!(std::mem::size_of::<Node>(), 64, "72 with the planned share in it");
    }

    /// Each file's goal nodes are its goals in order, but a goal whose id an
    /// earlier goal has (in its own file or another), as found by id; a file with
    /// no goals, or only such goals, has none.
    #[test]
    fn each_files_goal_nodes_are_its_goals_found_by_id() {
        let data = cycle_data(vec![
            file("A", vec![goal("a1", None, 10), goal("a2", Some("a1"), 20), goal("a1", None, 30)], vec![]),
            file("B", vec![], vec![]),
            file("C", vec![goal("a2", None, 40)], vec![]),
            file("D", vec![goal("d1", None, 50), goal("d2", Some("a1"), 60)], vec![]),
        ]);
        let cascade = Cascade::build(&data);
        let ranges = cascade.goal_nodes_by_file(data.goals.len());
        for (file, range) in data.goals.iter().zip(&ranges) {
            let by_id: Vec<NodeId> = (file.goals.iter())
                .filter_map(|goal| {
                    cascade
                        .node_of_goal(&data, &goal.id)
                        .filter(|&node| std::ptr::eq(cascade.goal(&data, node).unwrap(), goal))
                })
                .collect();
            assert_eq!(range.clone().collect::<Vec<_>>(), by_id, "{}", file.owner);
        }
        assert_eq!(ranges.iter().map(ExactSizeIterator::len).collect::<Vec<_>>(), [2, 0, 0, 2]);
    }

    #[test]
    fn every_goal_is_found_by_its_id_read_from_the_data() {
        let goals = (0..1000).map(|n| goal(&format!("g{n}"), (n > 0).then_some("g0"), 10)).collect();
        let data = cycle_data(vec![file("A", goals, vec![]), file("B", vec![goal("g7", None, 90)], vec![])]);
        let cascade = Cascade::build(&data);
        for n in 0..1000 {
            let node = cascade.node_of_goal(&data, &format!("g{n}")).unwrap();
            assert_eq!(cascade.goal(&data, node).unwrap().id, format!("g{n}"));
        }
        let first = cascade.node_of_goal(&data, "g7").unwrap();
        assert_eq!(cascade.nodes[first].kind, NodeKind::Goal { file: 0, goal: 7 }, "a duplicate id: the first");
        assert_eq!(cascade.nodes.len(), 1000, "the duplicate is no node");
        assert_eq!(cascade.node_of_goal(&data, "g1000"), None);
        // An index not sized at once grows as goals are taken in, hashing again what it holds.
        let mut index = GoalIndex::default();
        for (at, node) in cascade.nodes.iter().enumerate() {
            let id = cascade.goal(&data, at).unwrap().id.as_str();
            assert!(index.insert(&data, &cascade.nodes, id, at), "{id}");
            assert!(matches!(node.kind, NodeKind::Goal { .. }));
        }
        assert!(!index.insert(&data, &cascade.nodes, "g7", 1000), "a duplicate is not taken in");
        assert!((0..1000).all(|n| index.find(&data, &cascade.nodes, &format!("g{n}")) == Some(n)));
    }

    /// The shares of `top`'s two children, both at 100 %, whose parts times 100
    /// sum to a last bit over 100.
    pub(crate) const OVER_BY_A_BIT: (f64, f64) = (8.105525783921077, 3.3302980027023965);

    /// `top` (of P0) with its children `a` and `b` at 100 %, of the shares [`OVER_BY_A_BIT`].
    pub(crate) fn two_at_a_hundred() -> CycleData {
        let (first, second) = OVER_BY_A_BIT;
        cycle_data(vec![file(
            "P0",
            vec![
                goal("top", None, 0),
                adopted(goal("a", Some("top"), 100), "q1"),
                adopted(goal("b", Some("top"), 100), "q2"),
            ],
            vec![proposal("q1", "top", "P0", Some(first)), proposal("q2", "top", "P0", Some(second))],
        )])
    }

    #[test]
    fn a_rolled_up_progress_stays_within_a_hundred_to_the_last_bit() {
        let data = two_at_a_hundred();
        let (first, second) = OVER_BY_A_BIT;
        let total = first + second;
        assert!(first / total * 100.0 + second / total * 100.0 > 100.0, "the sum alone is over");
        assert_eq!(progress_of(&Cascade::build(&data), &data, "top"), 100.0);
    }

    #[test]
    fn parent_progress_is_share_weighted_and_pending_proposals_count_as_zero() {
        // Head H breaks "top" into three: X adopted share 50 at 80 %, Y adopted share 30 at 50 %,
        // Z pending share 20. progress = (50·80 + 30·50 + 20·0) / 100 = 55.
        let data = cycle_data(vec![
            file(
                "H",
                vec![goal("top", None, 99)],
                vec![
                    proposal("p1", "top", "X", Some(50.0)),
                    proposal("p2", "top", "Y", Some(30.0)),
                    proposal("p3", "top", "Z", Some(20.0)),
                ],
            ),
            file("X", vec![adopted(goal("x", Some("top"), 80), "p1")], vec![]),
            file("Y", vec![adopted(goal("y", Some("top"), 50), "p2")], vec![]),
        ]);
        let cascade = Cascade::build(&data);
        assert!((progress_of(&cascade, &data, "top") - 55.0).abs() < 1e-9);
        let top = cascade.node_of_goal(&data, "top").unwrap();
        let pending: Vec<_> = cascade
            .children(top)
            .iter()
            .filter(|&&c| matches!(cascade.nodes[c].kind, NodeKind::Pending { .. }))
            .collect();
        assert_eq!(pending.len(), 1);
        assert!((cascade.nodes[*pending[0]].share - 0.2).abs() < 1e-9);
    }

    #[test]
    fn children_without_shares_split_equally_and_declined_proposals_do_not_count() {
        let mut decliner = file("Z", vec![], vec![]);
        decliner.declined.push(Decline {
            proposal: "p".into(),
            reason: "他業務と重複".into(),
            date: None,
            extra: Default::default(),
        });
        let data = cycle_data(vec![
            file("H", vec![goal("top", None, 0)], vec![proposal("p", "top", "Z", Some(50.0))]),
            file("X", vec![goal("x", Some("top"), 90), goal("y", Some("top"), 30)], vec![]),
            decliner,
        ]);
        let cascade = Cascade::build(&data);
        assert!((progress_of(&cascade, &data, "top") - 60.0).abs() < 1e-9);
        let top = cascade.node_of_goal(&data, "top").unwrap();
        assert!(cascade.children(top).iter().any(|&c| matches!(cascade.nodes[c].kind, NodeKind::Declined { .. })));
    }

    #[test]
    fn a_chain_of_fifty_thousand_goals_has_its_shares_without_running_out_of_stack() {
        let goals =
            (0..50_000).map(|n| goal(&format!("g{n}"), (n > 0).then(|| format!("g{}", n - 1)).as_deref(), 0)).collect();
        let data = cycle_data(vec![file("tanaka", goals, vec![])]);
        let cascade = Cascade::build(&data);
        assert_eq!(cascade.planned_share(cascade.node_of_goal(&data, "g49999").unwrap()), 1.0);
    }

    #[test]
    fn planned_shares_multiply_along_the_path_and_contributions_add_up() {
        // top (H) → a (A, share 3) and b (B, share 1); a → a1 (A2, 50 %), a2 (B, 50 %).
        // planned: a1 = 0.75·0.5 = 0.375, a2 = 0.375, b = 0.25.
        // progress: a1 40, a2 100, b 20 → a = 70, top = 0.75·70 + 0.25·20 = 57.5.
        let data = cycle_data(vec![
            file(
                "H",
                vec![goal("top", None, 0)],
                vec![proposal("pa", "top", "A", Some(3.0)), proposal("pb", "top", "B", Some(1.0))],
            ),
            file("A", vec![adopted(goal("a", Some("top"), 0), "pa")], vec![]),
            file("A2", vec![goal("a1", Some("a"), 40)], vec![]),
            file("B", vec![adopted(goal("b", Some("top"), 20), "pb"), goal("a2", Some("a"), 100)], vec![]),
        ]);
        let cascade = Cascade::build(&data);
        let top = cascade.node_of_goal(&data, "top").unwrap();
        assert!((cascade.nodes[top].progress - 57.5).abs() < 1e-9);
        assert!((cascade.planned_share(cascade.node_of_goal(&data, "a1").unwrap()) - 0.375).abs() < 1e-9);
        let contributions = cascade.contributions(&data, top);
        let of = |person: &str| contributions.iter().find(|c| c.person == person).unwrap();
        // B: 0.375·100 + 0.25·20 = 42.5 points; A2: 0.375·40 = 15 points; A has no leaf.
        assert!((of("B").achieved - 42.5).abs() < 1e-9);
        assert!((of("B").planned_share - 0.625).abs() < 1e-9);
        assert!((of("A2").achieved - 15.0).abs() < 1e-9);
        assert!(contributions.iter().all(|c| c.person != "A"));
        assert_eq!(contributions[0].person, "B");
    }

    #[test]
    fn loops_and_unknown_parents_become_top_goals_instead_of_hanging() {
        let data = cycle_data(vec![file(
            "A",
            vec![
                goal("a", Some("b"), 10),
                goal("b", Some("a"), 20),
                goal("c", Some("nowhere"), 30),
                goal("d", Some("c"), 40),
            ],
            vec![],
        )]);
        let cascade = Cascade::build(&data);
        let roots: Vec<&str> = cascade.roots.iter().map(|&r| cascade.title(&data, r)).collect();
        assert_eq!(roots, ["goal a", "goal b", "goal c"]);
        assert_eq!(progress_of(&cascade, &data, "c"), 40.0);
    }

    #[test]
    fn a_measured_goal_takes_its_measurement_over_the_roll_up_of_its_children() {
        // top (H, measured 70) → x (X, share 3, at 20) and y (Y, share 1, at 60): the
        // roll-up would be 0.75·20 + 0.25·60 = 30, the measurement says 70.
        let data = cycle_data(vec![
            file(
                "H",
                vec![goal("top", None, 99)],
                vec![proposal("px", "top", "X", Some(3.0)), proposal("py", "top", "Y", Some(1.0))],
            ),
            file("X", vec![adopted(goal("x", Some("top"), 20), "px")], vec![]),
            file("Y", vec![adopted(goal("y", Some("top"), 60), "py")], vec![]),
        ]);
        let cascade = Cascade::build_with(&data, |id| (id == "top").then_some(70.0));
        let top = cascade.node_of_goal(&data, "top").unwrap();
        assert_eq!(cascade.nodes[top].progress, 70.0);
        assert!(cascade.nodes[top].measured);
        // The children keep their own progress; the 70 points are credited 70·15/30 = 35
        // to X and 70·15/30 = 35 to Y (each carried 15 of the 30 rolled-up points).
        assert_eq!(progress_of(&cascade, &data, "x"), 20.0);
        let contributions = cascade.contributions(&data, top);
        let of = |person: &str| contributions.iter().find(|c| c.person == person).unwrap().achieved;
        assert!((of("X") - 35.0).abs() < 1e-9);
        assert!((of("Y") - 35.0).abs() < 1e-9);
        // Unmeasured, the same data rolls up as before.
        assert!((Cascade::build(&data).nodes[top].progress - 30.0).abs() < 1e-9);
    }

    #[test]
    fn a_measured_sub_goal_feeds_its_parent_and_all_at_zero_share_by_plan() {
        // top → a (share 1, measured 80, children a1 and a2 both at 0) and b (share 1, at 40).
        let data = cycle_data(vec![
            file(
                "H",
                vec![goal("top", None, 0)],
                vec![proposal("pa", "top", "A", Some(1.0)), proposal("pb", "top", "B", Some(1.0))],
            ),
            file("A", vec![adopted(goal("a", Some("top"), 0), "pa")], vec![]),
            file("B", vec![adopted(goal("b", Some("top"), 40), "pb")], vec![]),
            file("C", vec![goal("a1", Some("a"), 0), goal("a2", Some("a"), 0)], vec![]),
        ]);
        let cascade = Cascade::build_with(&data, |id| (id == "a").then_some(80.0));
        let top = cascade.node_of_goal(&data, "top").unwrap();
        assert!((cascade.nodes[top].progress - 60.0).abs() < 1e-9, "(80 + 40) / 2");
        // a1 and a2 share a's 80 points equally: 0.25 · 80 · 2 = 40 points to C.
        let contributions = cascade.contributions(&data, top);
        let of = |person: &str| contributions.iter().find(|c| c.person == person).unwrap().achieved;
        assert!((of("C") - 40.0).abs() < 1e-9);
        assert!((of("B") - 20.0).abs() < 1e-9);
    }

    /// A random forest of goals: each goal's parent is an earlier goal or none,
    /// with random owners, shares and progress, plus some pending proposals.
    fn forest() -> impl Strategy<Value = CycleData> {
        prop::collection::vec(
            (
                any::<prop::sample::Index>(),
                prop::bool::weighted(0.2),
                0u32..=100,
                prop::option::of(0.0f64..10.0),
                0usize..4,
                prop::bool::weighted(0.15),
            ),
            1..60,
        )
        .prop_map(|specs| {
            let mut files: Vec<GoalsFile> = (0..4).map(|p| file(&format!("P{p}"), vec![], vec![])).collect();
            for (index, (parent, is_top, progress, share, owner, is_pending)) in specs.into_iter().enumerate() {
                let parent = (!is_top && index > 0).then(|| format!("g{}", parent.index(index)));
                if is_pending && let Some(parent) = parent {
                    files[0].proposals.push(proposal(&format!("p{index}"), &parent, &format!("P{owner}"), share));
                    continue;
                }
                let mut new_goal = goal(&format!("g{index}"), parent.as_deref(), progress);
                if let (Some(share), Some(parent)) = (share, &new_goal.parent) {
                    files[0].proposals.push(proposal(&format!("q{index}"), parent, &format!("P{owner}"), Some(share)));
                    new_goal.proposal = Some(format!("q{index}").into());
                }
                files[owner].goals.push(new_goal);
            }
            cycle_data(files)
        })
    }

    proptest! {
        #[test]
        fn contributions_add_up_to_the_top_goals_progress(data in forest(), measured in prop::collection::vec(prop::option::weighted(0.2, 0.0f64..=100.0), 60)) {
            // Some goals measured, whatever their children say.
            let cascade = Cascade::build_with(&data, |id| measured[id[1..].parse::<usize>().unwrap_or(0) % 60]);
            for &top in &cascade.roots {
                let contributions = cascade.contributions(&data, top);
                let achieved: f64 = contributions.iter().map(|c| c.achieved).sum();
                let planned: f64 = contributions.iter().map(|c| c.planned_share).sum();
                prop_assert!((achieved - cascade.nodes[top].progress).abs() < 1e-6, "{achieved} vs {}", cascade.nodes[top].progress);
                prop_assert!((planned - 1.0).abs() < 1e-9, "planned shares sum to {planned}");
            }
        }

        #[test]
        fn every_node_is_its_parents_child_once_in_node_order_or_a_root(data in forest()) {
            let cascade = Cascade::build(&data);
            for (node, entry) in cascade.nodes.iter().enumerate() {
                let listed = match entry.parent() {
                    Some(parent) => cascade.children(parent).iter().filter(|&&c| c == node).count(),
                    None => cascade.roots.iter().filter(|&&r| r == node).count(),
                };
                prop_assert_eq!(listed, 1);
                prop_assert!(cascade.children(node).windows(2).all(|pair| pair[0] < pair[1]));
                prop_assert!(cascade.children(node).iter().all(|&c| cascade.nodes[c].parent() == Some(node)));
            }
        }

        #[test]
        fn shares_of_counted_siblings_normalise_to_one(data in forest()) {
            let cascade = Cascade::build(&data);
            for (index, node) in cascade.nodes.iter().enumerate() {
                let shares: Vec<f64> = cascade.children(index).iter().filter(|&&c| cascade.nodes[c].counts()).map(|&c| cascade.nodes[c].share).collect();
                if !shares.is_empty() {
                    prop_assert!((shares.iter().sum::<f64>() - 1.0).abs() < 1e-9);
                    prop_assert!(shares.iter().all(|s| (0.0..=1.0).contains(s)));
                }
                prop_assert!((0.0..=100.0).contains(&node.progress));
            }
        }
    }
}
