//! The review inbox: everyone below the acting person, level by level, with the
//! state of their sheet and what the reviewer has to do next. Shared by the Review
//! tab and `pdca show review`.

use crate::model::permissions::Hierarchy;
use crate::model::score::sheet_score;
use crate::model::workflow::{self, SheetState};
use crate::model::{Cascade, CycleData, DataSetInfo, Org, PersonId, Step};

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
}

pub fn inbox(org: &Org, data: &CycleData, cascade: &Cascade, info: &DataSetInfo, actor: &str) -> Vec<InboxRow> {
    let hierarchy = Hierarchy::new(org);
    let sheets = workflow::all_sheets(&hierarchy, data);
    let formula = info.score_formula();
    let mut rows = Vec::new();
    for (depth, level) in hierarchy.all_below(actor).into_iter().enumerate() {
        for person in level {
            let goals =
                data.goals.iter().find(|f| f.owner == person.id).map(|f| f.goals.as_slice()).unwrap_or_default();
            let weights: u32 = goals.iter().filter_map(|g| g.weight).sum();
            let progress_of = |id: &str| cascade.node_of_goal(id).map_or(0.0, |n| cascade.nodes[n].progress);
            let progress = if weights > 0 {
                goals.iter().map(|g| f64::from(g.weight.unwrap_or(0)) * progress_of(&g.id)).sum::<f64>()
                    / f64::from(weights)
            } else if goals.is_empty() {
                0.0
            } else {
                goals.iter().map(|g| progress_of(&g.id)).sum::<f64>() / goals.len() as f64
            };
            let reviewer = person.reviewer.as_deref();
            let feedback = goals
                .iter()
                .filter(|g| {
                    data.feedback.iter().filter(|f| Some(f.reviewer.as_str()) == reviewer).any(|f| {
                        f.feedback.iter().any(|entry| entry.person == person.id && entry.goal.as_deref() == Some(&g.id))
                    })
                })
                .count();
            rows.push(InboxRow {
                person: person.id.clone(),
                name: person.name.clone(),
                title: person.title.clone(),
                level: depth + 1,
                state: sheets.state(&person.id),
                goals: goals.len(),
                weight_total: weights,
                progress,
                self_checked: goals.iter().filter(|g| g.check.is_some()).count(),
                feedback,
                score: sheet_score(&hierarchy, data, &formula, &person.id).score,
                next: workflow::next_steps(&hierarchy, data, actor, &person.id)
                    .into_iter()
                    .filter(|s| *s != Step::SendBack)
                    .collect(),
            });
        }
    }
    rows
}
