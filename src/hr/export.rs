//! The HR export (`pdca-hr-export/1`): one cycle's people and goals with the
//! cascade's computed numbers, as records that serialise to TOML in a fixed order.
//!
//! Deterministic: people are ordered by unit path, then id; goals and proposals by
//! id (digit runs compare as numbers); computed numbers are rounded to
//! [`super::DECIMALS`] places. The same data gives the same bytes.
//!
//! Text keys are always present (`""` when there is no text); keys for values that
//! may be unset (grade, reviewer, due, levels, …) are left out when unset, since TOML
//! has no null.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::{natural_cmp, round};
use crate::model::changes::{Change, plan_changes};
use crate::model::engagement::EngagementSettings;
use crate::model::score::sheet_score;
use crate::model::workflow::{Sheets, all_sheets};
use crate::model::{
    Cascade, Category, CycleData, DataSetInfo, Date, Difficulty, Feedback, FeedbackFile, Goal, GoalId, GoalsFile,
    Hierarchy, Level, Measurements, NodeId, NodeKind, Org, PersonId, PlannedGoal, Proposal, ProposalId, Revision,
    ScoreFormula, SheetRevision, Step, Timestamp, Unit, UnitId, UnitKind,
};

/// The value of `schema` in every export of this layout.
pub const SCHEMA: &str = "pdca-hr-export/1";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Export {
    pub schema: String,
    pub generated_at: Timestamp,
    pub organisation: String,
    pub cycle: ExportCycle,
    /// The formula of `score` (pdca.toml's `[score]`, or the defaults).
    #[serde(default)]
    pub score_formula: ScoreFormula,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<ExportUnit>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<ExportPerson>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportUnit {
    pub id: UnitId,
    pub name: String,
    pub kind: UnitKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<UnitId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<PersonId>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportCycle {
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub start: Date,
    pub end: Date,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportPerson {
    pub id: PersonId,
    pub name: String,
    #[serde(default)]
    pub kana: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<u8>,
    #[serde(default)]
    pub title: String,
    /// The id of the person's own unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<UnitId>,
    /// Unit names from the department down to the person's own unit.
    pub unit_path: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<PersonId>,
    /// Where the sheet is in the workflow: see [`crate::model::workflow::SheetState::key`].
    pub sheet_state: String,
    /// The sheet's achievement score; absent while no goal has a level and a weight.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// The workflow steps that took effect on the sheet, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sheet_history: Vec<ExportStep>,
    /// Goals added or removed after approval (期中の見直し), each with its reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revisions: Vec<SheetRevision>,
    /// How the plan differs from the approval in force, field by field (derived from
    /// the approval's snapshot in `sheet_history`; not read back on import).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes_since_approval: Vec<ExportChange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<ExportGoal>,
}

/// One difference between the approved plan and the plan now; values as the goals
/// file writes them, absent where the field (or the goal) is not there.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportChange {
    pub goal: GoalId,
    /// The plan field's key (`weight`, `due`, …), or `goal` for a goal added or removed.
    pub field: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportStep {
    pub step: Step,
    pub by: PersonId,
    pub at: Timestamp,
    #[serde(default)]
    pub comment: String,
    /// On an approval: the plan as approved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plan: Vec<PlannedGoal>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportGoal {
    pub id: GoalId,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub criteria: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub difficulty: Option<Difficulty>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<GoalId>,
    /// Titles from the top goal down to this goal.
    pub cascade: Vec<String>,
    /// Percent, 0–100: the owner's (or the metric's) for a goal without sub-goals,
    /// rolled up from the sub-goals otherwise.
    pub progress: f64,
    pub top_goal: GoalId,
    /// Percent of the top goal this goal carries.
    pub planned_share: f64,
    /// Percentage points of the top goal's progress achieved through this goal.
    pub contribution: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_level: Option<Level>,
    #[serde(default)]
    pub self_comment: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer_level: Option<Level>,
    #[serde(default)]
    pub strengths: String,
    #[serde(default)]
    pub improvements: String,
    #[serde(default)]
    pub contribution_comment: String,
    /// The earlier cycle's action item this goal carries on: `<cycle>/<goal id>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<String>,
    /// The breakdown proposal this goal adopted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposal: Option<ProposalId>,
    /// The share its manager proposed for it, relative to its siblings (as written
    /// in the proposal, not normalised); absent means "equal".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposed_share: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<ExportMetric>,
    /// Changes of the goal's plan after approval (期中の見直し): date, reason, fields.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revisions: Vec<Revision>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ExportAction>,
    /// Breakdown proposals of this goal that nobody has adopted: pending or declined.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub proposals: Vec<ExportProposal>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportMetric {
    #[serde(default)]
    pub unit: String,
    pub start: f64,
    pub target: f64,
    /// The typed value, or the value measured from the data for a metric with a
    /// source; absent when a measured metric has nothing to measure yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportAction {
    pub issue: String,
    #[serde(default)]
    pub measure: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    #[serde(default)]
    pub done: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProposalStatus {
    Pending,
    Declined,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportProposal {
    pub id: ProposalId,
    pub to: PersonId,
    pub title: String,
    #[serde(default)]
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
    pub status: ProposalStatus,
    /// Why the addressee declined; only on declined proposals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
// Developers read the debug form; users read the messages.
#[error("{self:?}")]
pub enum ExportError {
    /// The unit asked for is not in the organisation.
    UnknownUnit(String),
    /// The TOML writer's message.
    Toml(String),
}

impl Export {
    pub fn goal_count(&self) -> usize {
        self.people.iter().map(|p| p.goals.len()).sum()
    }

    /// The export as TOML text.
    pub fn to_toml(&self) -> Result<String, ExportError> {
        toml::to_string(self).map_err(|error| ExportError::Toml(error.to_string()))
    }
}

/// What to export besides the data.
#[derive(Clone, Copy, Debug)]
pub struct Options<'a> {
    pub generated_at: Timestamp,
    /// Only people in this unit or below it; the numbers are still those of the whole cascade.
    pub unit: Option<&'a str>,
}

/// Builds the export of one cycle.
pub fn build(info: &DataSetInfo, org: &Org, data: &CycleData, options: Options<'_>) -> Result<Export, ExportError> {
    let mut units: HashMap<&str, &Unit> = HashMap::new();
    for unit in &org.units {
        units.entry(unit.id.as_str()).or_insert(unit);
    }
    if let Some(unit) = options.unit.filter(|u| !units.contains_key(u)) {
        return Err(ExportError::UnknownUnit(unit.to_owned()));
    }
    let context = Context::new(org, data, &info.engagement_settings());
    let hierarchy = Hierarchy::new(org);
    let sheets = all_sheets(&hierarchy, data);
    let formula = info.score_formula();
    let path_of = |unit: &str| -> Vec<String> {
        unit_chain(&units, unit).iter().rev().filter_map(|id| units.get(id).map(|u| u.name.clone())).collect()
    };
    let in_filter = |unit: &str| options.unit.is_none_or(|wanted| unit_chain(&units, unit).contains(&wanted));
    // Each person's record on all cores; the order is set by the sort below, so the
    // bytes are those of a run on one core.
    let mut people: Vec<ExportPerson> = org
        .people
        .par_iter()
        .filter(|person| in_filter(&person.unit))
        .map(|person| ExportPerson {
            id: person.id.clone(),
            name: person.name.clone(),
            kana: person.kana.clone().unwrap_or_default(),
            grade: person.grade,
            title: person.title.clone(),
            unit: units.contains_key(person.unit.as_str()).then(|| person.unit.clone()),
            unit_path: path_of(&person.unit),
            reviewer: person.reviewer.clone(),
            sheet_state: sheets.state(&person.id).key().to_owned(),
            score: context.score(&hierarchy, &formula, &person.id),
            login: person.login.clone(),
            roles: person.roles.clone(),
            sheet_history: history(&sheets, &person.id),
            revisions: context
                .goals_files
                .get(person.id.as_str())
                .map(|file| file.revisions.clone())
                .unwrap_or_default(),
            changes_since_approval: changes_since_approval(&sheets, &context, &person.id),
            goals: context.goals_of(&person.id),
        })
        .collect();
    people.sort_by(|a, b| a.unit_path.cmp(&b.unit_path).then_with(|| natural_cmp(&a.id, &b.id)));
    // The filtered units and the ones above them, so every exported unit path is whole.
    let mut exported_units: Vec<(Vec<String>, ExportUnit)> = units
        .values()
        .filter(|unit| {
            options
                .unit
                .is_none_or(|wanted| in_filter(&unit.id) || unit_chain(&units, wanted).contains(&unit.id.as_str()))
        })
        .map(|unit| {
            let exported = ExportUnit {
                id: unit.id.clone(),
                name: unit.name.clone(),
                kind: unit.kind,
                parent: unit.parent.clone(),
                head: unit.head.clone(),
            };
            (path_of(&unit.id), exported)
        })
        .collect();
    exported_units.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| natural_cmp(&a.1.id, &b.1.id)));
    let cycle = &data.cycle;
    Ok(Export {
        schema: SCHEMA.to_owned(),
        generated_at: options.generated_at,
        organisation: info.organisation.clone(),
        cycle: ExportCycle {
            id: cycle.id.clone(),
            name: cycle.name.clone().unwrap_or_default(),
            start: cycle.start,
            end: cycle.end,
        },
        score_formula: formula,
        units: exported_units.into_iter().map(|(_, unit)| unit).collect(),
        people,
    })
}

/// How a person's plan differs from the approval in force.
fn changes_since_approval(sheets: &Sheets<'_>, context: &Context<'_>, person: &str) -> Vec<ExportChange> {
    let Some(approval) = sheets.by_person.get(person).and_then(|status| status.approval()) else { return Vec::new() };
    let file = context.goals_files.get(person);
    let now: Vec<PlannedGoal> = file.map(|file| file.goals.iter().map(PlannedGoal::of).collect()).unwrap_or_default();
    let field = |change: &Change| change.field.key().to_owned();
    let export = |c: Change| ExportChange { field: field(&c), goal: c.goal, before: c.before, after: c.after };
    plan_changes(&approval.plan, &now).into_iter().map(export).collect()
}

/// The steps that took effect on a person's sheet, oldest first.
fn history(sheets: &Sheets<'_>, person: &str) -> Vec<ExportStep> {
    let Some(status) = sheets.by_person.get(person) else { return Vec::new() };
    status
        .history
        .iter()
        .map(|event| ExportStep {
            step: event.record.step,
            by: event.record.by.clone(),
            at: event.record.at,
            comment: event.record.comment.clone(),
            plan: event.record.plan.clone(),
        })
        .collect()
}

/// A unit and its ancestors, own unit first; stops at unknown units and loops.
fn unit_chain<'a>(units: &HashMap<&str, &'a Unit>, start: &'a str) -> Vec<&'a str> {
    let mut chain: Vec<&str> = Vec::new();
    let mut current = Some(start);
    while let Some(id) = current {
        let Some(unit) = units.get(id) else { break };
        if chain.contains(&unit.id.as_str()) {
            break;
        }
        chain.push(&unit.id);
        current = unit.parent.as_deref();
    }
    chain
}

/// Lookups shared by every goal of the export.
struct Context<'a> {
    data: &'a CycleData,
    goals_files: HashMap<&'a str, &'a GoalsFile>,
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
    fn new(org: &'a Org, data: &'a CycleData, engagement: &EngagementSettings) -> Self {
        let measurements = Measurements::compute(org, data, engagement);
        let cascade = Cascade::build_measured(data, &measurements);
        let mut proposals = HashMap::new();
        for proposal in data.goals.iter().flat_map(|file| &file.proposals) {
            proposals.entry(proposal.id.as_str()).or_insert(proposal);
        }
        let reviewer_of: HashMap<&str, &str> =
            org.people.iter().filter_map(|p| Some((p.id.as_str(), p.reviewer.as_deref()?))).collect();
        let mut feedback: HashMap<(&str, &str), Vec<&Feedback>> = HashMap::new();
        for file in &data.feedback {
            for entry in &file.feedback {
                if let Some(goal) = entry.goal.as_deref()
                    && reviewer_of.get(entry.person.as_str()) == Some(&file.reviewer.as_str())
                {
                    feedback.entry((entry.person.as_str(), goal)).or_default().push(entry);
                }
            }
        }
        let mut open_proposals: HashMap<NodeId, Vec<NodeId>> = HashMap::new();
        for (id, node) in cascade.nodes.iter().enumerate() {
            if let (NodeKind::Pending { .. } | NodeKind::Declined { .. }, Some(parent)) = (node.kind, node.parent) {
                open_proposals.entry(parent).or_default().push(id);
            }
        }
        let mut goals_files = HashMap::new();
        let mut declines = HashMap::new();
        for file in &data.goals {
            goals_files.entry(file.owner.as_str()).or_insert(file);
            for decline in &file.declined {
                declines.entry((file.owner.as_str(), decline.proposal.as_str())).or_insert(decline.reason.as_str());
            }
        }
        let mut entries_by: HashMap<(&str, &str), Vec<&Feedback>> = HashMap::new();
        for file in &data.feedback {
            for entry in &file.feedback {
                entries_by.entry((file.reviewer.as_str(), entry.person.as_str())).or_default().push(entry);
            }
        }
        Context { data, goals_files, entries_by, declines, cascade, measurements, proposals, feedback, open_proposals }
    }

    /// The sheet's score by [`sheet_score`], asked of a view holding only the person's
    /// sheet and their reviewer's entries about them: the same answer, without
    /// `sheet_score` searching every file of the cycle for each person.
    fn score(&self, org: &Hierarchy<'_>, formula: &ScoreFormula, person: &str) -> Option<f64> {
        let reviews = org.reviewer_of(person).map(|reviewer| FeedbackFile {
            feedback: self
                .entries_by
                .get(&(reviewer.id.as_str(), person))
                .map(|entries| entries.iter().map(|entry| (*entry).clone()).collect())
                .unwrap_or_default(),
            ..FeedbackFile::new(&reviewer.id, &self.data.cycle.id)
        });
        let view = CycleData {
            cycle: self.data.cycle.clone(),
            goals: self.goals_files.get(person).map(|file| (*file).clone()).into_iter().collect(),
            feedback: reviews.into_iter().collect(),
            competencies: None,
            calibration: Vec::new(),
            instruments: Default::default(),
        };
        sheet_score(org, &view, formula, person).score.map(round)
    }

    fn goals_of(&self, person: &str) -> Vec<ExportGoal> {
        let Some(file) = self.goals_files.get(person) else { return Vec::new() };
        let mut goals: Vec<ExportGoal> = file.goals.iter().filter_map(|goal| self.goal(person, goal)).collect();
        goals.sort_by(|a, b| natural_cmp(&a.id, &b.id));
        goals
    }

    fn goal(&self, person: &str, goal: &Goal) -> Option<ExportGoal> {
        let cascade = &self.cascade;
        let node_id = cascade.node_of_goal(&goal.id)?;
        // A duplicate id maps to the first goal that has it; validation reports the rest.
        if !std::ptr::eq(cascade.goal(self.data, node_id)?, goal) {
            return None;
        }
        let node = &cascade.nodes[node_id];
        let mut path = Vec::new();
        let mut current = Some(node_id);
        while let Some(step) = current {
            path.push(cascade.title(self.data, step).to_owned());
            current = cascade.nodes[step].parent;
        }
        path.reverse();
        let top_goal = cascade.goal(self.data, node.top).map_or_else(|| goal.id.clone(), |top| top.id.clone());

        let entries = self.feedback.get(&(person, goal.id.as_str())).map(Vec::as_slice).unwrap_or_default();
        let review = latest(entries.iter().copied());
        let review_level = latest(entries.iter().copied().filter(|e| e.level.is_some())).and_then(|e| e.level);
        let text = |pick: fn(&Feedback) -> &String| review.map(|e| pick(e).clone()).unwrap_or_default();

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
            title: goal.title.clone(),
            description: goal.description.clone(),
            criteria: goal.criteria.clone(),
            category: goal.category,
            difficulty: goal.difficulty,
            weight: goal.weight,
            due: goal.due,
            parent: goal.parent.clone(),
            cascade: path,
            progress: round(node.progress),
            top_goal,
            planned_share: round(node.planned_share * 100.0),
            contribution: round(node.planned_share * node.attributed),
            self_level: goal.check.as_ref().map(|check| check.level),
            self_comment: goal.check.as_ref().map(|check| check.comment.clone()).unwrap_or_default(),
            reviewer_level: review_level,
            strengths: text(|e| &e.strengths),
            improvements: text(|e| &e.improvements),
            contribution_comment: text(|e| &e.contribution),
            carried_from: goal.carried_from.clone(),
            proposal: goal.proposal.clone(),
            proposed_share: self.proposed_share(goal),
            revisions: goal.revisions.clone(),
            metric: goal.metric.as_ref().map(|metric| ExportMetric {
                unit: metric.unit.clone(),
                start: metric.start,
                target: metric.target,
                current: match self.measurements.get(&goal.id) {
                    Some(measured) => measured.value.map(round),
                    None => metric.current,
                },
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
            to: proposal.to.clone(),
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
