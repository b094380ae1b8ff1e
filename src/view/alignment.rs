//! The cycle's alignment warnings as the Tree and Review tabs show them.

use crate::model::hash::HashSet;

use crate::model::alignment::{links_warn, warnings_but_goal_links};
use crate::model::validate::weights_problem;
use crate::model::{Date, Problem, ProblemKind, Source, World};

/// Unlinked goals, due dates after their parent's, people without goals, sheets
/// behind their phase, and weight totals that do not reach 100. With only a `part`
/// of the data set loaded (the app's first frame), those that speak of everyone
/// (people without goals, sheets behind) wait for the whole: said of the people
/// not loaded yet, they would be untrue (and at 20,000 people, 8 MB of them).
pub fn warnings(world: &World, today: Date, part: bool) -> Vec<Problem> {
    let mut warnings = goal_link_warnings(world, today).to_vec();
    if !part {
        warnings.extend(warnings_but_goal_links(&world.hierarchy(), &world.data, today));
    }
    let cycle = &world.data.cycle.id;
    warnings.extend(world.data.goals.iter().filter_map(|file| {
        let kind = weights_problem(file)?;
        let source = Source::Goals { cycle: cycle.clone(), person: file.owner };
        Some(Problem::new(source, Some(&file.owner), kind))
    }));
    warnings
}

/// The warnings that mark goals in the tree, without working out the others (every
/// sheet's workflow among them): for `pdca show tree`, which shows only the marks.
pub fn goal_link_marks(world: &World, today: Date) -> HashSet<String> {
    flagged_goals(goal_link_warnings(world, today))
}

/// The warnings about goals' links as of `today`, as the world worked them out.
fn goal_link_warnings(world: &World, today: Date) -> &[Problem] {
    if links_warn(&world.data, today) { world.goal_links() } else { &[] }
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
            .node_of_goal(&world.data, id)
            .map_or_else(|| id.to_owned(), |node| world.cascade.title(&world.data, node).to_owned())
    };
    let subject = problem.subject.as_deref().map(|id| match world.person(id) {
        Some(person) => person.name.clone(),
        None => title(id),
    });
    let kind = match &problem.kind {
        ProblemKind::DueAfterParent { due, parent, parent_due } => {
            ProblemKind::DueAfterParent { due: *due, parent: title(parent).into(), parent_due: *parent_due }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::tests::day;
    use crate::view::tests::sample;

    /// `pdca show tree` marks goals from the link warnings alone, the app's Tree from
    /// every warning: the same goals on any date, with the sample's workflow records,
    /// weights that miss 100, an unlinked goal and one due after its parent among them.
    #[test]
    fn the_goal_link_marks_are_the_marks_of_every_warning() {
        let (_dir, mut world) = sample();
        let linked =
            |file: &&crate::model::GoalsFile| file.goals.len() >= 2 && file.goals.iter().all(|g| g.parent.is_some());
        let mut file = world.data.goals.iter().find(linked).unwrap().clone();
        let parent = file.goals[1].parent.clone().unwrap();
        let mut parents = world.data.goals.iter().find(|f| f.goals.iter().any(|g| g.id == parent)).unwrap().clone();
        assert_ne!(parents.owner, file.owner);
        parents.goals.iter_mut().find(|g| g.id == parent).unwrap().due = Some(day(2026, 6, 30));
        file.goals[0].parent = None;
        file.goals[0].weight = Some(1);
        file.goals[1].due = Some(day(2027, 3, 31));
        let (unlinked, late) = (file.goals[0].id.clone(), file.goals[1].id.clone());
        world.replace_goals_file(parents);
        world.replace_goals_file(file);

        for today in [day(2026, 3, 1), day(2026, 10, 1), day(2027, 3, 31), day(2027, 4, 1)] {
            let every = warnings(&world, today, false);
            assert_eq!(goal_link_marks(&world, today), flagged_goals(&every), "{today}");
            // Of a part, the marks are the same, and nothing is said of everyone.
            let of_part = warnings(&world, today, true);
            assert_eq!(flagged_goals(&of_part), flagged_goals(&every), "{today}");
            let of_everyone =
                |p: &Problem| matches!(p.kind, ProblemKind::NoGoals { .. } | ProblemKind::SheetBehind { .. });
            assert!(!of_part.iter().any(of_everyone), "{today}: {of_part:?}");
        }
        let running = goal_link_marks(&world, day(2026, 10, 1));
        assert!(running.contains(unlinked.as_str()) && running.contains(late.as_str()), "{running:?}");
        assert!(goal_link_marks(&world, day(2027, 4, 1)).is_empty(), "a finished cycle's plan is history");
    }
}
