//! Lookups shared by every goal of the export, and each goal's record.

use std::borrow::Cow;

use crate::model::hash::HashMap;

use super::records::{ExportAction, ExportGoal, ExportMetric, ExportProposal, ProposalStatus};
use crate::hr::{natural_cmp, round};
use crate::model::engagement::EngagementSettings;
use crate::model::score::{SheetScore, score_goals};
use crate::model::{
    Cascade, CycleData, Feedback, Goal, GoalsFile, Hierarchy, Measurements, NodeId, NodeKind, Org, Proposal,
    ScoreFormula,
};

/// Lookups shared by every goal of the export.
pub(super) struct Context<'a> {
    data: &'a CycleData,
    /// Each person's goals file, by its place in the cycle's data.
    goals_files: HashMap<&'a str, usize>,
    /// The nodes of each goals file's goals ([`Cascade::goal_nodes_by_file`]).
    goal_nodes: Vec<std::ops::Range<NodeId>>,
    /// Every feedback entry by (writer, person), in file order.
    entries_by: HashMap<(&'a str, &'a str), Vec<&'a Feedback>>,
    /// Decline reasons by (addressee, proposal).
    declines: HashMap<(&'a str, &'a str), &'a str>,
    cascade: Cascade,
    /// Goals whose metric is computed from the data.
    measurements: Measurements,
    proposals: HashMap<&'a str, &'a Proposal>,
    /// The designated reviewer's feedback entries on (person, goal), in file order.
    feedback: HashMap<(&'a str, &'a str), Vec<&'a Feedback>>,
    /// Pending and declined proposals under each goal node.
    open_proposals: HashMap<NodeId, Vec<NodeId>>,
}

impl<'a> Context<'a> {
    pub(super) fn new(org: &'a Org, data: &'a CycleData, engagement: &EngagementSettings) -> Self {
        let measurements = Measurements::compute(org, data, engagement);
        let cascade = Cascade::build_measured(data, &measurements);
        let mut proposals = HashMap::default();
        for proposal in data.goals.iter().flat_map(|file| &file.proposals) {
            proposals.entry(proposal.id.as_str()).or_insert(proposal);
        }
        let reviewer_of: HashMap<&str, &str> =
            org.people.iter().filter_map(|p| Some((p.id.as_str(), p.reviewer.as_deref()?))).collect();
        let mut feedback: HashMap<(&str, &str), Vec<&Feedback>> = HashMap::default();
        for file in &data.feedback {
            for entry in &file.feedback {
                if let Some(goal) = entry.goal.as_deref()
                    && reviewer_of.get(entry.person.as_str()) == Some(&file.reviewer.as_str())
                {
                    feedback.entry((entry.person.as_str(), goal)).or_default().push(entry);
                }
            }
        }
        let mut open_proposals: HashMap<NodeId, Vec<NodeId>> = HashMap::default();
        for (id, node) in cascade.nodes.iter().enumerate() {
            if let (NodeKind::Pending { .. } | NodeKind::Declined { .. }, Some(parent)) = (node.kind, node.parent()) {
                open_proposals.entry(parent).or_default().push(id);
            }
        }
        let mut goals_files = HashMap::default();
        let mut declines = HashMap::default();
        for (index, file) in data.goals.iter().enumerate() {
            goals_files.entry(file.owner.as_str()).or_insert(index);
            for decline in &file.declined {
                declines.entry((file.owner.as_str(), decline.proposal.as_str())).or_insert(decline.reason.as_str());
            }
        }
        let mut entries_by: HashMap<(&str, &str), Vec<&Feedback>> = HashMap::default();
        for file in &data.feedback {
            for entry in &file.feedback {
                entries_by.entry((file.reviewer.as_str(), entry.person.as_str())).or_default().push(entry);
            }
        }
        let goal_nodes = cascade.goal_nodes_by_file(data.goals.len());
        Context {
            data,
            goals_files,
            goal_nodes,
            entries_by,
            declines,
            cascade,
            measurements,
            proposals,
            feedback,
            open_proposals,
        }
    }

    /// The person's goals file.
    pub(super) fn goals_file(&self, person: &str) -> Option<&'a GoalsFile> {
        self.goals_files.get(person).map(|&index| &self.data.goals[index])
    }

    /// The score of the person's goals by [`score_goals`], from the person's sheet and
    /// their reviewer's entries about them, as [`crate::model::score::sheet_score`] finds them: without
    /// searching every file of the cycle for each person.
    pub(super) fn performance(&self, org: &Hierarchy<'_>, formula: &ScoreFormula, person: &str) -> SheetScore {
        let goals = self.goals_file(person).map_or(&[][..], |file| file.goals.as_slice());
        let reviews = org.reviewer_of(person).and_then(|reviewer| self.entries_by.get(&(reviewer.id.as_str(), person)));
        score_goals(goals, reviews.into_iter().flatten().copied(), formula, person)
    }

    pub(super) fn goals_of(&self, person: &str) -> Vec<ExportGoal<'a>> {
        let Some(&file) = self.goals_files.get(person) else { return Vec::new() };
        let nodes = self.goal_nodes[file].clone();
        let mut goals: Vec<ExportGoal> = nodes.filter_map(|node| self.goal(person, node)).collect();
        goals.sort_by(|a, b| natural_cmp(&a.id, &b.id));
        goals
    }

    /// The record of the goal of node `node_id`, one of the person's goals (a goal
    /// whose id an earlier goal has has no node: validation reports it).
    fn goal(&self, person: &str, node_id: NodeId) -> Option<ExportGoal<'a>> {
        let cascade = &self.cascade;
        let goal: &'a Goal = cascade.goal(self.data, node_id)?;
        let node = &cascade.nodes[node_id];
        let mut path = Vec::new();
        let mut current = Some(node_id);
        while let Some(step) = current {
            path.push(Cow::Borrowed(cascade.title(self.data, step)));
            current = cascade.nodes[step].parent();
        }
        path.reverse();
        let top_goal = cascade.goal(self.data, node.top()).map_or_else(|| goal.id.clone(), |top| top.id.clone());

        let entries = self.feedback.get(&(person, goal.id.as_str())).map(Vec::as_slice).unwrap_or_default();
        let review = latest(entries.iter().copied());
        let review_level = latest(entries.iter().copied().filter(|e| e.level.is_some())).and_then(|e| e.level);
        let text = |pick: fn(&'a Feedback) -> &'a String| Cow::Borrowed(review.map_or("", |e| pick(e).as_str()));

        let mut proposals: Vec<ExportProposal> = self
            .open_proposals
            .get(&node_id)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(|&open| self.open_proposal(open))
            .collect();
        proposals.sort_by(|a, b| natural_cmp(&a.id, &b.id));

        Some(ExportGoal {
            id: goal.id.clone(),
            title: Cow::Borrowed(&goal.title),
            description: Cow::Borrowed(&goal.detail_or_empty().description),
            criteria: Cow::Borrowed(&goal.criteria),
            category: goal.category,
            difficulty: goal.difficulty,
            weight: goal.weight,
            due: goal.due,
            parent: goal.parent.clone(),
            cascade: path,
            progress: round(node.progress),
            top_goal,
            planned_share: round(cascade.planned_share(node_id) * 100.0),
            contribution: round(cascade.planned_share(node_id) * node.attributed),
            self_level: goal.check.as_ref().map(|check| check.level),
            self_comment: goal.check.as_ref().map(|check| super::text(&check.comment)).unwrap_or_default(),
            reviewer_level: review_level,
            strengths: text(|e| &e.strengths),
            improvements: text(|e| &e.notes_or_empty().improvements),
            contribution_comment: text(|e| &e.notes_or_empty().contribution),
            carried_from: goal.detail_or_empty().carried_from.clone(),
            proposal: goal.proposal.clone(),
            proposed_share: self.proposed_share(goal),
            revisions: Cow::Borrowed(&goal.detail_or_empty().revisions),
            metric: goal.metric.as_ref().map(|metric| ExportMetric {
                unit: metric.unit.clone(),
                start: metric.start,
                target: metric.target,
                current: match self.measurements.get(&goal.id) {
                    Some(measured) => measured.value.map(round),
                    None => metric.current,
                },
                source: metric.source.clone(),
                course: metric.course.clone(),
                question: metric.question.clone(),
                min_meetings: metric.min_meetings,
            }),
            actions: goal
                .actions
                .iter()
                .map(|item| ExportAction {
                    issue: item.issue.clone(),
                    measure: item.measure.clone(),
                    due: item.due,
                    done: item.done,
                    carried_from: item.carried_from.clone(),
                })
                .collect(),
            proposals,
        })
    }

    /// The share the cascade gives an adopted goal: its proposal's, when the proposal
    /// breaks down the goal's own parent and the share is a valid number.
    fn proposed_share(&self, goal: &Goal) -> Option<f64> {
        let proposal = self.proposals.get(goal.proposal.as_deref()?)?;
        (goal.parent.as_deref() == Some(proposal.parent.as_str()))
            .then_some(proposal.share)
            .flatten()
            .filter(|share| share.is_finite() && *share >= 0.0)
    }

    fn open_proposal(&self, node: NodeId) -> Option<ExportProposal> {
        let proposal = self.cascade.proposal(self.data, node)?;
        let declined = matches!(self.cascade.nodes[node].kind, NodeKind::Declined { .. });
        let reason = declined.then(|| {
            self.declines.get(&(proposal.to.as_str(), proposal.id.as_str())).copied().unwrap_or_default().to_owned()
        });
        Some(ExportProposal {
            id: proposal.id.clone(),
            to: proposal.to,
            title: proposal.title.clone(),
            note: proposal.note.clone(),
            share: proposal.share,
            status: if declined { ProposalStatus::Declined } else { ProposalStatus::Pending },
            reason,
        })
    }
}

/// The latest entry by date; of equal dates (or none), the one written last —
/// a reviewer revises by adding an entry.
fn latest<'a>(entries: impl Iterator<Item = &'a Feedback>) -> Option<&'a Feedback> {
    entries.enumerate().max_by_key(|(order, entry)| (entry.date, *order)).map(|(_, entry)| entry)
}
