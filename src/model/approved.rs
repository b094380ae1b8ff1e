//! Approved and live progress, and where a progress figure comes from.
//!
//! The cascade's roll-up ([`super::cascade`]) counts every goal as typed, drafts
//! and pending proposals included: the live figure. A draft is not yet a fact, so
//! the figure shown first is the approved one: the same roll-up over the goals
//! whose sheet is approved or later ([`SheetState::Approved`]) and nothing else.
//!
//! - Pending and declined proposals have no approved figure.
//! - A goal with approved figures below it rolls them up, Σ share·figure / Σ share
//!   over those children only (equal parts when their shares total 0: the live
//!   roll-up's rule, [`split`]), whatever its own sheet's state: the department's
//!   goals show what approved work below them achieved even while the 部長's own
//!   sheet waits.
//! - A measured goal keeps its measurement (what happened is a fact, whatever the
//!   estimates below say) when its sheet is approved or approved work is below it.
//! - Otherwise a goal of an approved sheet has its own figure: its metric's, else
//!   its owner's estimate.
//! - A goal of a sheet not yet approved with nothing approved below has no
//!   approved figure, and its parent's roll-up leaves it out.

use super::cascade::{Cascade, NodeId, NodeKind, leaf_progress};
use super::shares::{split_sum, within_percent};
use super::types::CycleData;

/// Where a goal's progress figure comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProgressSource {
    /// The owner typed a percentage.
    Estimate,
    /// The goal's metric: its current value between start and target.
    Metric,
    /// The goal's metric, computed from 1on1s, engagement results or training.
    Measured,
    /// The goals below it, rolled up by share.
    RolledUp,
}

/// Where the cascade's (live) figure of `node` comes from.
pub fn source_of(cascade: &Cascade, data: &CycleData, node: NodeId) -> ProgressSource {
    let entry = &cascade.nodes[node];
    if entry.measured {
        ProgressSource::Measured
    } else if !entry.is_leaf(cascade) {
        ProgressSource::RolledUp
    } else if cascade.goal(data, node).and_then(|g| g.metric.as_ref()).and_then(|m| m.progress()).is_some() {
        ProgressSource::Metric
    } else {
        ProgressSource::Estimate
    }
}

/// Each node's approved progress (by [`NodeId`]), `None` where the node is not part
/// of the approved roll-up. `approved_sheet` says whether a person's sheet is approved
/// or later.
pub fn approved_progress(
    cascade: &Cascade,
    data: &CycleData,
    approved_sheet: impl Fn(&str) -> bool,
) -> Vec<Option<f64>> {
    let mut figures = vec![None; cascade.nodes.len()];
    // Asked once a sheet rather than looked up once a goal.
    let approved_files: Vec<bool> = data.goals.iter().map(|file| approved_sheet(&file.owner)).collect();
    // Children before parents: the reverse of a depth-first order from the roots.
    let mut order = Vec::with_capacity(cascade.nodes.len());
    let mut stack: Vec<NodeId> = cascade.roots.clone();
    while let Some(node) = stack.pop() {
        order.push(node);
        stack.extend(cascade.children(node));
    }
    let mut counted: Vec<(f64, f64)> = Vec::new();
    for &node in order.iter().rev() {
        let entry = &cascade.nodes[node];
        let NodeKind::Goal { file, goal } = entry.kind else { continue };
        let (file, goal) = (file as usize, goal as usize);
        let approved = approved_files[file];
        counted.clear();
        counted.extend(cascade.children(node).iter().filter_map(|&c| Some((cascade.nodes[c].share, figures[c]?))));
        figures[node] = if entry.measured && (approved || !counted.is_empty()) {
            Some(entry.progress)
        } else if !counted.is_empty() {
            Some(within_percent(split_sum(&counted)))
        } else if approved {
            Some(leaf_progress(&data.goals[file].goals[goal]))
        } else {
            None
        };
    }
    figures
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::cascade::tests::{cycle_data, file, goal, proposal, two_at_a_hundred};
    use crate::model::shares::split;
    use crate::model::types::Metric;

    fn adopted(mut goal: crate::model::types::Goal, proposal: &str) -> crate::model::types::Goal {
        goal.proposal = Some(proposal.into());
        goal
    }

    #[test]
    fn drafts_and_pending_proposals_change_the_live_figure_not_the_approved_one() {
        // top (H, approved) → a (A, approved, share 3), b (B, draft, share 1, at 20) and a
        // pending proposal to C (share 4); a → a1 (A1, approved, 40) and a2 (B, draft, 100).
        // Live: a = (40 + 100) / 2 = 70; top = (3·70 + 1·20 + 4·0) / 8 = 28.75.
        // Approved: a = 40 (a1 alone); top = 40 (a alone: b and the proposal left out).
        let data = cycle_data(vec![
            file(
                "H",
                vec![goal("top", None, 99)],
                vec![
                    proposal("pa", "top", "A", Some(3.0)),
                    proposal("pb", "top", "B", Some(1.0)),
                    proposal("pc", "top", "C", Some(4.0)),
                ],
            ),
            file("A", vec![adopted(goal("a", Some("top"), 0), "pa")], vec![]),
            file("A1", vec![goal("a1", Some("a"), 40)], vec![]),
            file("B", vec![adopted(goal("b", Some("top"), 20), "pb"), goal("a2", Some("a"), 100)], vec![]),
        ]);
        let cascade = Cascade::build(&data);
        let node = |id: &str| cascade.node_of_goal(&data, id).unwrap();
        assert!((cascade.nodes[node("top")].progress - 28.75).abs() < 1e-9);
        let figures = approved_progress(&cascade, &data, |person| person != "B");
        assert_eq!(figures[node("a")], Some(40.0));
        assert_eq!(figures[node("top")], Some(40.0));
        assert_eq!(figures[node("b")], None);
        assert_eq!(figures[cascade.node_of_proposal("pc").unwrap()], None);
        // The head's own sheet still a draft: the approved work below still counts.
        let figures = approved_progress(&cascade, &data, |person| !["B", "H"].contains(&person));
        assert_eq!(figures[node("top")], Some(40.0));
        // Once B's sheet is approved: a = 70 again, top = (3·70 + 1·20) / 4 = 57.5
        // (the pending proposal is still not a fact).
        let figures = approved_progress(&cascade, &data, |_| true);
        assert_eq!(figures[node("a")], Some(70.0));
        assert_eq!(figures[node("top")], Some(57.5));
    }

    #[test]
    fn an_approved_roll_up_stays_within_a_hundred_to_the_last_bit() {
        let data = two_at_a_hundred();
        let cascade = Cascade::build(&data);
        let top = cascade.node_of_goal(&data, "top").unwrap();
        let parts: Vec<(f64, f64)> = cascade.children(top).iter().map(|&c| (cascade.nodes[c].share, 100.0)).collect();
        assert!(split_sum(&parts) > 100.0, "the sum alone is over");
        assert_eq!(approved_progress(&cascade, &data, |_| true)[top], Some(100.0));
        assert_eq!(cascade.nodes[top].progress, 100.0);
    }

    #[test]
    fn children_all_at_share_0_split_equally_in_both_roll_ups() {
        // top (H) → a (A, 20), b (B, 50), c (C, 80), each adopted from a proposal of
        // share 0. Both roll-ups split equally: (20 + 50 + 80) / 3 = 50. With C's
        // sheet a draft the approved one splits equally what is left: (20 + 50) / 2 = 35.
        let data = cycle_data(vec![
            file(
                "H",
                vec![goal("top", None, 0)],
                vec![
                    proposal("pa", "top", "A", Some(0.0)),
                    proposal("pb", "top", "B", Some(0.0)),
                    proposal("pc", "top", "C", Some(0.0)),
                ],
            ),
            file("A", vec![adopted(goal("a", Some("top"), 20), "pa")], vec![]),
            file("B", vec![adopted(goal("b", Some("top"), 50), "pb")], vec![]),
            file("C", vec![adopted(goal("c", Some("top"), 80), "pc")], vec![]),
        ]);
        let cascade = Cascade::build(&data);
        let top = cascade.node_of_goal(&data, "top").unwrap();
        assert!((cascade.nodes[top].progress - 50.0).abs() < 1e-9);
        let approved = approved_progress(&cascade, &data, |_| true)[top].unwrap();
        assert!((approved - 50.0).abs() < 1e-9, "{approved}");
        let without_c = approved_progress(&cascade, &data, |person| person != "C")[top].unwrap();
        assert!((without_c - 35.0).abs() < 1e-9, "{without_c}");
        assert_eq!(split(&[0.0, 0.0]), vec![0.5, 0.5]);
        assert_eq!(split(&[3.0, 1.0]), vec![0.75, 0.25]);
    }

    #[test]
    fn an_approved_goal_with_only_drafts_below_keeps_its_own_figure() {
        // x (X, approved, metric 10 → 30 at 15: 25 %) → y (Y, draft, 90).
        let mut x = goal("x", None, 70);
        x.metric = Some(Box::new(Metric::typed("件", 10.0, 30.0, 15.0)));
        let data = cycle_data(vec![file("X", vec![x], vec![]), file("Y", vec![goal("y", Some("x"), 90)], vec![])]);
        let cascade = Cascade::build(&data);
        let (x, y) = (cascade.node_of_goal(&data, "x").unwrap(), cascade.node_of_goal(&data, "y").unwrap());
        assert_eq!(cascade.nodes[x].progress, 90.0);
        assert_eq!(approved_progress(&cascade, &data, |p| p == "X")[x], Some(25.0));
        assert_eq!(source_of(&cascade, &data, x), ProgressSource::RolledUp);
        assert_eq!(source_of(&cascade, &data, y), ProgressSource::Estimate);
        let alone = cycle_data(vec![file("X", vec![cascade.goal(&data, x).unwrap().clone()], vec![])]);
        assert_eq!(source_of(&Cascade::build(&alone), &alone, 0), ProgressSource::Metric);
    }
}
