//! The cycle's alignment warnings as the Tree and Review tabs show them.

use crate::model::hash::HashSet;

use crate::model::alignment::{alignment_warnings, goal_link_warnings};
use crate::model::validate::weights_problem;
use crate::model::{Date, Problem, ProblemKind, Source, World};

/// Unlinked goals, due dates after their parent's, people without goals, sheets
/// behind their phase, and weight totals that do not reach 100.
pub fn warnings(world: &World, today: Date) -> Vec<Problem> {
    let mut warnings = alignment_warnings(&world.hierarchy(), &world.data, today);
    let cycle = &world.data.cycle.id;
    warnings.extend(world.data.goals.iter().filter_map(|file| {
        let kind = weights_problem(file)?;
        let source = Source::Goals { cycle: cycle.clone(), person: file.owner.clone() };
        Some(Problem::new(source, Some(&file.owner), kind))
    }));
    warnings
}

/// The warnings that mark goals in the tree, without working out the others (every
/// sheet's workflow among them): for `pdca show tree`, which shows only the marks.
pub fn goal_link_marks(world: &World, today: Date) -> HashSet<String> {
    flagged_goals(&goal_link_warnings(&world.hierarchy(), &world.data, today))
}

/// The goals a warning is about, for the tree's `~` mark.
pub fn flagged_goals(warnings: &[Problem]) -> HashSet<String> {
    warnings
        .iter()
        .filter(|p| matches!(p.kind, ProblemKind::UnlinkedGoal | ProblemKind::DueAfterParent { .. }))
        .filter_map(|p| p.subject.clone())
        .collect()
}

/// A warning as a reader sees it: the goal or person it is about, and the goals it
/// names, by title and name rather than by id.
pub fn readable(world: &World, problem: &Problem) -> (Option<String>, ProblemKind) {
    let title = |id: &str| {
        world
            .cascade
            .node_of_goal(id)
            .map_or_else(|| id.to_owned(), |node| world.cascade.title(&world.data, node).to_owned())
    };
    let subject = problem.subject.as_deref().map(|id| match world.person(id) {
        Some(person) => person.name.clone(),
        None => title(id),
    });
    let kind = match &problem.kind {
        ProblemKind::DueAfterParent { due, parent, parent_due } => {
            ProblemKind::DueAfterParent { due: *due, parent: title(parent), parent_due: *parent_due }
        }
        kind => kind.clone(),
    };
    (subject, kind)
}

/// The warnings about `person`: on their sheet, or naming them.
pub fn about<'a>(warnings: &'a [Problem], person: &'a str) -> impl Iterator<Item = &'a Problem> {
    warnings.iter().filter(move |p| match &p.source {
        Source::Goals { person: owner, .. } => owner == person,
        _ => p.subject.as_deref() == Some(person),
    })
}
