//! The review inbox: everyone below the acting person, level by level, with the
//! state of their sheet and what the reviewer has to do next. Shared by the Review
//! tab and `pdca show review`.

use crate::model::hash::HashSet;

use super::meetings::{Recencies, RecencyCell};
use crate::model::score::score_goals;
use crate::model::workflow::{self, SheetState};
use crate::model::{Date, PersonId, Step, World};

#[derive(Clone, Debug, PartialEq)]
pub struct InboxRow {
    pub person: PersonId,
    pub name: String,
    pub title: String,
    /// 1 for direct reports, 2 for their reports, …
    pub level: usize,
    pub state: SheetState,
    pub goals: usize,
    pub weight_total: u32,
    /// Weighted by the goals' weights (plain mean where no weights are set).
    pub progress: f64,
    pub self_checked: usize,
    /// Goals with feedback from the person's reviewer.
    pub feedback: usize,
    pub score: Option<f64>,
    /// What the acting person may do on this sheet now.
    pub next: Vec<Step>,
    /// Days since their last 1on1 and recognition, and which is overdue.
    pub recency: RecencyCell,
}

pub fn inbox(world: &World, actor: &str, today: Date) -> Vec<InboxRow> {
    let hierarchy = world.hierarchy();
    let levels = hierarchy.all_below(actor);
    if levels.is_empty() {
        // Most people review nobody: skip replaying every sheet of the cycle.
        return Vec::new();
    }
    let sheets = workflow::all_sheets(&hierarchy, &world.data);
    let formula = world.info.score_formula();
    let progress_of = |id: &str| world.progress_of(id);
    let recencies = Recencies::new(world, today);
    let mut rows = Vec::new();
    for (depth, level) in levels.into_iter().enumerate() {
        for person in level {
            let goals = world.goals_of(&person.id);
            let weights: u32 = goals.iter().filter_map(|g| g.weight).sum();
            let progress = if weights > 0 {
                goals.iter().map(|g| f64::from(g.weight.unwrap_or(0)) * progress_of(&g.id)).sum::<f64>()
                    / f64::from(weights)
            } else if goals.is_empty() {
                0.0
            } else {
                goals.iter().map(|g| progress_of(&g.id)).sum::<f64>() / goals.len() as f64
            };
            let reviewer_file = person.reviewer.as_deref().and_then(|r| world.feedback_file(r));
            let reviewed: HashSet<&str> = reviewer_file
                .map(|file| {
                    file.feedback.iter().filter(|e| e.person == person.id).filter_map(|e| e.goal.as_deref()).collect()
                })
                .unwrap_or_default();
            let status = sheets.status(&person.id);
            rows.push(InboxRow {
                person: person.id,
                name: person.name.clone(),
                title: person.title.clone(),
                level: depth + 1,
                state: status.state,
                goals: goals.len(),
                weight_total: weights,
                progress,
                self_checked: goals.iter().filter(|g| g.check.is_some()).count(),
                feedback: goals.iter().filter(|g| reviewed.contains(g.id.as_str())).count(),
                score: score_goals(
                    goals,
                    reviewer_file.into_iter().flat_map(|file| &file.feedback),
                    &formula,
                    &person.id,
                )
                .score,
                next: workflow::next_steps_given(&hierarchy, goals, &status, actor, &person.id)
                    .into_iter()
                    .filter(|s| !s.sends_back())
                    .collect(),
                recency: recencies.of(&person.id),
            });
        }
    }
    rows
}
