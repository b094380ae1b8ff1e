//! The cycle's alignment warnings as the Tree and Review tabs show them.

use crate::model::hash::HashSet;

use crate::model::alignment::{links_warn, warnings_but_goal_links};
use crate::model::validate::weights_problem;
use crate::model::{Date, Problem, ProblemKind, Source, World};

/// The cycle's alignment warnings but those about goals' links, which the world
/// keeps ([`every`] puts them first): people without goals, sheets behind their
/// phase, and weight totals that do not reach 100. With only a `part` of the data
/// set loaded (the app's first frame), those that speak of everyone (people
/// without goals, sheets behind) wait for the whole: said of the people not loaded
/// yet, they would be untrue (and at 20,000 people, 8 MB of them).
pub fn warnings_but_links(world: &World, today: Date, part: bool) -> Vec<Problem> {
    let mut warnings = if part { Vec::new() } else { warnings_but_goal_links(&world.hierarchy(), &world.data, today) };
    let cycle = &world.data.cycle.id;
    warnings.extend(world.data.goals.iter().filter_map(|file| {
        let kind = weights_problem(file)?;
        let source = Source::Goals { cycle: cycle.clone(), person: file.owner };
        Some(Problem::new(source, Some(&file.owner), kind))
    }));
    warnings
}

/// Every alignment warning as of `today`: unlinked goals and due dates after their
/// parent's, as the world keeps them, then `others` ([`warnings_but_links`]).
pub fn every<'a>(world: &'a World, today: Date, others: &'a [Problem]) -> impl Iterator<Item = &'a Problem> {
    link_warnings(world, today).iter().chain(others)
}

/// The goals the warnings about goals' links are about: the tree's `~` mark.
pub fn goal_link_marks(world: &World, today: Date) -> HashSet<String> {
    flagged_goals(link_warnings(world, today))
}

/// The warnings about goals' links as of `today`, as the world worked them out.
fn link_warnings(world: &World, today: Date) -> &[Problem] {
    if links_warn(&world.data, today) { world.goal_links() } else { &[] }
}

/// The goals a warning is about, for the tree's `~` mark.
pub fn flagged_goals<'a>(warnings: impl IntoIterator<Item = &'a Problem>) -> HashSet<String> {
    warnings
        .into_iter()
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
pub fn about<'a>(
    warnings: impl IntoIterator<Item = &'a Problem>,
    person: &'a str,
) -> impl Iterator<Item = &'a Problem> {
    warnings.into_iter().filter(move |p| match &p.source {
        Source::Goals { person: owner, .. } => owner == person,
        _ => p.subject.as_deref() == Some(person),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::tests::day;
    use crate::view::tests::sample;

    /// Every warning, the links' as the world keeps them, is what the model works
    /// out anew, then the weights'; the tree's marks are those of every warning, and
    /// a part's warnings say nothing of everyone: on any date, with the sample's
    /// workflow records, weights that miss 100, an unlinked goal and one due after
    /// its parent among them, after the goals files changed.
    #[test]
    fn every_warning_is_as_worked_out_anew_and_marks_what_the_links_are_about() {
        use crate::model::Hierarchy;
        use crate::model::alignment::alignment_warnings;
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
            let others = warnings_but_links(&world, today, false);
            let every: Vec<&Problem> = every(&world, today, &others).collect();
            let anew = alignment_warnings(&Hierarchy::new(&world.org), &world.data, today);
            assert_eq!(every[..anew.len()], anew.iter().collect::<Vec<_>>(), "{today}");
            assert!(
                every[anew.len()..].iter().all(|p| matches!(p.kind, ProblemKind::WeightsDoNotSum { .. })),
                "{today}"
            );
            assert_eq!(goal_link_marks(&world, today), flagged_goals(every), "{today}");
            let of_part = warnings_but_links(&world, today, true);
            let of_everyone =
                |p: &Problem| matches!(p.kind, ProblemKind::NoGoals { .. } | ProblemKind::SheetBehind { .. });
            assert!(!of_part.iter().any(of_everyone), "{today}: {of_part:?}");
        }
        let running = goal_link_marks(&world, day(2026, 10, 1));
        assert!(running.contains(unlinked.as_str()) && running.contains(late.as_str()), "{running:?}");
        assert!(goal_link_marks(&world, day(2027, 4, 1)).is_empty(), "a finished cycle's plan is history");
    }
}
