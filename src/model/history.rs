//! Field by field, what changed between two versions of a goals or feedback file:
//! "progress 40 → 60", "self level A → B". `pdca log` lists these from the data set's
//! history, `pdca sync` names them in its commit messages, and
//! [`Field::sealed_by_confirmation`] says which of them a confirmation seals.
//!
//! The comparison is complete: whatever differs in a goal and has no field of its own
//! (a key written by a newer version, say) is reported as [`Field::Other`], so nothing
//! can change unseen.

use super::changes::{PlanField, non_empty};
use super::types::ability::AbilityRating;
use super::types::{Feedback, FeedbackFile, Goal, GoalsFile, Held, LogEntry, PersonId, PlannedGoal, SheetRecord, Step};

/// One difference, with the values as the files write them (`None`: not set).
#[derive(Clone, Debug, PartialEq)]
pub struct FieldChange {
    /// Whose sheet the change concerns.
    pub person: PersonId,
    /// The goal (or proposal) it concerns; `None` for the sheet as a whole.
    pub goal: Option<String>,
    pub field: Field,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// A whole goal added or removed; the values are its title.
    Goal,
    Title,
    Description,
    Criteria,
    Due,
    Difficulty,
    Weight,
    Category,
    Parent,
    /// The breakdown proposal a goal adopted.
    Adopted,
    CarriedFrom,
    Progress,
    /// The metric's current value (or the whole metric, when added or removed).
    Metric,
    Plan,
    /// Counts of milestones, Do entries, action items and revisions.
    Milestones,
    Log,
    Actions,
    Revisions,
    /// The owner's self-evaluation level and comment.
    SelfLevel,
    SelfComment,
    /// Anything else of a goal or file.
    Other,
    /// A breakdown proposal made (or withdrawn, or changed); `goal` is its id.
    Proposal,
    /// A proposal declined; `goal` is the proposal's id.
    Declined,
    /// A workflow step recorded (or removed); the values are its comment.
    Step(Step),
    /// The reviewer's level on a goal (or on the whole sheet).
    ReviewerLevel,
    Strengths,
    Improvements,
    Contribution,
    Comment,
    /// Feedback released to the person early.
    Shared,
}

impl Field {
    /// The key in the files, for messages and logs.
    pub fn key(self) -> &'static str {
        match self {
            Field::Goal => "goal",
            Field::Title => "title",
            Field::Description => "description",
            Field::Criteria => "criteria",
            Field::Due => "due",
            Field::Difficulty => "difficulty",
            Field::Weight => "weight",
            Field::Category => "category",
            Field::Parent => "parent",
            Field::Adopted => "proposal",
            Field::CarriedFrom => "carried_from",
            Field::Progress => "progress",
            Field::Metric => "metric.current",
            Field::Plan => "plan",
            Field::Milestones => "milestones",
            Field::Log => "log",
            Field::Actions => "actions",
            Field::Revisions => "revisions",
            Field::SelfLevel => "check.level",
            Field::SelfComment => "check.comment",
            Field::Other => "other",
            Field::Proposal => "proposals",
            Field::Declined => "declined",
            Field::Step(_) => "sheet",
            Field::ReviewerLevel => "feedback.level",
            Field::Strengths => "feedback.strengths",
            Field::Improvements => "feedback.improvements",
            Field::Contribution => "feedback.contribution",
            Field::Comment => "feedback.comment",
            Field::Shared => "feedback.shared",
        }
    }

    /// Whether the field is part of what a confirmation seals (`seal::OwnersPart`):
    /// the plan and the self-evaluations. Progress, Do entries and action items go on.
    pub fn sealed_by_confirmation(self) -> bool {
        matches!(
            self,
            Field::Goal
                | Field::Title
                | Field::Criteria
                | Field::Due
                | Field::Difficulty
                | Field::Weight
                | Field::Category
                | Field::Parent
                | Field::SelfLevel
                | Field::SelfComment
        )
    }
}

/// What changed in one person's goals file. `None` stands for a file that does not exist.
pub fn goals_changes(before: Option<&GoalsFile>, after: Option<&GoalsFile>) -> Vec<FieldChange> {
    let Some(person) = after.or(before).map(|file| file.owner) else { return Vec::new() };
    let (empty_before, empty_after) = (GoalsFile::new(&person, ""), GoalsFile::new(&person, ""));
    let (old, new) = (before.unwrap_or(&empty_before), after.unwrap_or(&empty_after));
    let mut out = Changes { person, list: Vec::new() };
    for goal in &old.goals {
        match new.goals.iter().find(|other| other.id == goal.id) {
            Some(now) => goal_changes(&mut out, goal, now),
            None => out.push(Some(&goal.id), Field::Goal, Some(goal.title.clone()), None),
        }
    }
    for goal in new.goals.iter().filter(|goal| !old.goals.iter().any(|other| other.id == goal.id)) {
        out.push(Some(&goal.id), Field::Goal, None, Some(goal.title.clone()));
    }
    keyed(&mut out, Field::Proposal, &old.proposals, &new.proposals, |p| &p.id, |p| Some(p.title.clone()));
    keyed(&mut out, Field::Declined, &old.declined, &new.declined, |d| &d.proposal, |d| Some(d.reason.clone()));
    steps(&mut out, &old.sheet, &new.sheet, None);
    if before.is_some() && after.is_some() && (old.extra != new.extra || old.cycle != new.cycle) {
        out.push(None, Field::Other, None, None);
    }
    out.list
}

/// What changed in one reviewer's feedback file, about each person it concerns.
pub fn feedback_changes(before: Option<&FeedbackFile>, after: Option<&FeedbackFile>) -> Vec<FieldChange> {
    let Some(reviewer) = after.or(before).map(|file| file.reviewer) else { return Vec::new() };
    let (empty_before, empty_after) = (FeedbackFile::new(&reviewer, ""), FeedbackFile::new(&reviewer, ""));
    let (old, new) = (before.unwrap_or(&empty_before), after.unwrap_or(&empty_after));
    let mut people: Vec<&str> = old
        .feedback
        .iter()
        .chain(&new.feedback)
        .map(|entry| entry.person.as_str())
        .chain(old.sheet.iter().chain(&new.sheet).filter_map(|record| record.person.as_deref()))
        .collect();
    people.sort_unstable();
    people.dedup();
    let mut list = Vec::new();
    for person in people {
        let mut out = Changes { person: person.into(), list: Vec::new() };
        let mut goals: Vec<Option<&str>> = old
            .feedback
            .iter()
            .chain(&new.feedback)
            .filter(|entry| entry.person == person)
            .map(|entry| entry.goal.as_deref())
            .collect();
        goals.sort_unstable();
        goals.dedup();
        for goal in goals {
            let on = |file: &FeedbackFile| -> Vec<Feedback> {
                file.feedback
                    .iter()
                    .filter(|entry| entry.person == person && entry.goal.as_deref() == goal)
                    .cloned()
                    .collect()
            };
            feedback_entry_changes(&mut out, goal, &on(old), &on(new));
        }
        steps(&mut out, &old.sheet, &new.sheet, Some(person));
        list.extend(out.list);
    }
    if before.is_some() && after.is_some() && (old.extra != new.extra || old.cycle != new.cycle) {
        list.push(FieldChange { person: reviewer, goal: None, field: Field::Other, before: None, after: None });
    }
    list
}

/// Whether the feedback entries or ability ratings about `person` differ between two
/// versions of a feedback file (a confirmed sheet's evaluation stands until it is sent back).
pub fn feedback_about_changed(before: Option<&FeedbackFile>, after: Option<&FeedbackFile>, person: &str) -> bool {
    fn about<'a>(file: Option<&'a FeedbackFile>, person: &str) -> (Vec<&'a Feedback>, Vec<&'a AbilityRating>) {
        let Some(file) = file else { return Default::default() };
        let feedback = file.feedback.iter().filter(|entry| entry.person == person).collect();
        (feedback, file.competency.iter().filter(|rating| rating.person == person).collect())
    }
    about(before, person) != about(after, person)
}

struct Changes {
    person: PersonId,
    list: Vec<FieldChange>,
}

impl Changes {
    fn push(&mut self, goal: Option<&str>, field: Field, before: Option<String>, after: Option<String>) {
        self.list.push(FieldChange { person: self.person, goal: goal.map(str::to_owned), field, before, after });
    }

    fn compare(&mut self, goal: &str, field: Field, before: Option<String>, after: Option<String>) {
        if before != after {
            self.push(Some(goal), field, before, after);
        }
    }
}

fn goal_changes(out: &mut Changes, before: &Goal, after: &Goal) {
    let id = before.id.as_str();
    // History reads its files whole, from disk and from git: none has a text left on
    // disk, which would be one not known, so shown as none.
    let (old, new) = (before.detail_or_empty(), after.detail_or_empty());
    let (old_plan, new_plan) = (PlannedGoal::of(before), PlannedGoal::of(after));
    let plan = |out: &mut Changes, field: Field, plan: PlanField| {
        out.compare(id, field, plan.value_in(&old_plan), plan.value_in(&new_plan));
    };
    plan(out, Field::Title, PlanField::Title);
    out.compare(id, Field::Description, non_empty(&old.description), non_empty(&new.description));
    plan(out, Field::Criteria, PlanField::Criteria);
    plan(out, Field::Due, PlanField::Due);
    plan(out, Field::Difficulty, PlanField::Difficulty);
    plan(out, Field::Weight, PlanField::Weight);
    plan(out, Field::Category, PlanField::Category);
    plan(out, Field::Parent, PlanField::Parent);
    out.compare(
        id,
        Field::Adopted,
        before.proposal.as_deref().map(str::to_owned),
        after.proposal.as_deref().map(str::to_owned),
    );
    out.compare(id, Field::CarriedFrom, old.carried_from.clone(), new.carried_from.clone());
    out.compare(id, Field::Progress, before.progress.map(|p| p.to_string()), after.progress.map(|p| p.to_string()));
    let metric = |goal: &Goal| {
        goal.metric.as_ref().map(|m| m.current.map_or_else(String::new, |current| format!("{current}{}", m.unit)))
    };
    if before.metric != after.metric {
        let (old, new) = (metric(before), metric(after));
        out.push(Some(id), Field::Metric, old, new);
    }
    out.compare(id, Field::Plan, non_empty(&old.plan), non_empty(&new.plan));
    let count = |n: usize| Some(n.to_string());
    let entries = |log: &Held<Box<Vec<LogEntry>>>| log.here().map_or(0, |log| log.len());
    for (field, same, old, new) in [
        (Field::Milestones, old.milestones == new.milestones, old.milestones.len(), new.milestones.len()),
        (Field::Log, before.log == after.log, entries(&before.log), entries(&after.log)),
        (Field::Actions, before.actions == after.actions, before.actions.len(), after.actions.len()),
        (Field::Revisions, old.revisions == new.revisions, old.revisions.len(), new.revisions.len()),
    ] {
        if !same {
            out.push(Some(id), field, count(old), count(new));
        }
    }
    let level = |goal: &Goal| goal.check.as_ref().map(|check| check.level.letter().to_owned());
    let comment = |goal: &Goal| goal.check.as_ref().and_then(|check| check.comment.here().and_then(|c| non_empty(c)));
    out.compare(id, Field::SelfLevel, level(before), level(after));
    out.compare(id, Field::SelfComment, comment(before), comment(after));
    let check_rest = |goal: &Goal| goal.check.as_ref().map(|check| (check.date, check.extra.clone()));
    if before.extra != after.extra || check_rest(before) != check_rest(after) {
        out.push(Some(id), Field::Other, None, None);
    }
}

/// Records keyed by an id: added, removed or changed ones, valued by `value`.
fn keyed<T: PartialEq>(
    out: &mut Changes,
    field: Field,
    before: &[T],
    after: &[T],
    key: impl Fn(&T) -> &str,
    value: impl Fn(&T) -> Option<String>,
) {
    for old in before {
        match after.iter().find(|new| key(new) == key(old)) {
            None => out.push(Some(key(old)), field, value(old), None),
            Some(new) if new != old => out.push(Some(key(old)), field, value(old), value(new)),
            Some(_) => {}
        }
    }
    for new in after.iter().filter(|new| !before.iter().any(|old| key(old) == key(new))) {
        out.push(Some(key(new)), field, None, value(new));
    }
}

/// Workflow records added or removed (about `person`, in a feedback file).
fn steps(out: &mut Changes, before: &[SheetRecord], after: &[SheetRecord], person: Option<&str>) {
    let about = |record: &&SheetRecord| person.is_none() || record.person.as_deref() == person;
    for record in before.iter().filter(about).filter(|record| !after.contains(record)) {
        out.push(None, Field::Step(record.step), Some(record.comment.clone()), None);
    }
    for record in after.iter().filter(about).filter(|record| !before.contains(record)) {
        out.push(None, Field::Step(record.step), None, Some(record.comment.clone()));
    }
}

/// Feedback on one goal (or the whole sheet): the latest entry's level and texts, and
/// anything else about the entries as [`Field::Other`].
fn feedback_entry_changes(out: &mut Changes, goal: Option<&str>, before: &[Feedback], after: &[Feedback]) {
    if before == after {
        return;
    }
    let latest = |entries: &[Feedback]| entries.last().cloned();
    let (old, new) = (latest(before), latest(after));
    type Value = fn(&Feedback) -> Option<String>;
    let get = |entry: &Option<Feedback>, field: Value| entry.as_ref().and_then(field);
    let fields: [(Field, Value); 6] = [
        (Field::ReviewerLevel, |e| e.level.map(|level| level.letter().to_owned())),
        (Field::Strengths, |e| non_empty(&e.strengths)),
        (Field::Improvements, |e| non_empty(&e.notes_or_empty().improvements)),
        (Field::Contribution, |e| non_empty(&e.notes_or_empty().contribution)),
        (Field::Comment, |e| non_empty(&e.notes_or_empty().comment)),
        (Field::Shared, |e| e.shared.then(|| "true".to_owned())),
    ];
    let mut reported = false;
    for (field, value) in fields {
        let (was, now) = (get(&old, value), get(&new, value));
        if was != now {
            out.push(goal, field, was, now);
            reported = true;
        }
    }
    if !reported {
        out.push(goal, Field::Other, None, None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BEFORE: &str = r#"owner = "ito"
cycle = "2026"

[[goals]]
id = "ito-2026-1"
title = "研修の企画"
weight = 60
progress = 40

[goals.check]
level = "A"

[[goals]]
id = "ito-2026-2"
title = "窓口の改善"
weight = 40
"#;

    fn goals(text: &str) -> GoalsFile {
        toml::from_str(text).unwrap()
    }

    fn lines(changes: &[FieldChange]) -> Vec<String> {
        changes
            .iter()
            .map(|c| {
                let value = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
                let goal = c.goal.as_deref().unwrap_or("*");
                format!("{} {goal} {} {} → {}", c.person, c.field.key(), value(&c.before), value(&c.after))
            })
            .collect()
    }

    #[test]
    fn changed_fields_of_a_goal_are_named_with_their_old_and_new_values() {
        let after = BEFORE
            .replace("progress = 40", "progress = 60")
            .replace("level = \"A\"", "level = \"B\"")
            .replace("weight = 40", "weight = 40\n\n[[goals.actions]]\nissue = \"引継ぎ\"");
        let changes = goals_changes(Some(&goals(BEFORE)), Some(&goals(&after)));
        assert_eq!(
            lines(&changes),
            ["ito ito-2026-1 progress 40 → 60", "ito ito-2026-1 check.level A → B", "ito ito-2026-2 actions 0 → 1",]
        );
        // Of these, a confirmation seals the self-evaluation only.
        let sealed: Vec<Field> = changes.iter().map(|c| c.field).filter(|f| f.sealed_by_confirmation()).collect();
        assert_eq!(sealed, [Field::SelfLevel]);
    }

    #[test]
    fn goals_added_and_removed_and_unknown_keys_are_reported() {
        let after = BEFORE.replace(
            "[[goals]]\nid = \"ito-2026-2\"\ntitle = \"窓口の改善\"",
            "[[goals]]\nid = \"ito-2026-3\"\ntitle = \"新しい目標\"\nfuture = 1",
        );
        let changes = goals_changes(Some(&goals(BEFORE)), Some(&goals(&after)));
        assert_eq!(lines(&changes), ["ito ito-2026-2 goal 窓口の改善 → -", "ito ito-2026-3 goal - → 新しい目標"]);
        let with_key = BEFORE.replace("weight = 60", "weight = 60\nfuture_key = true");
        let changes = goals_changes(Some(&goals(BEFORE)), Some(&goals(&with_key)));
        assert_eq!(lines(&changes), ["ito ito-2026-1 other - → -"]);
        // A new file is every goal added; a deleted one every goal removed.
        assert_eq!(goals_changes(None, Some(&goals(BEFORE))).len(), 2);
        assert_eq!(goals_changes(Some(&goals(BEFORE)), None)[0].after, None);
        assert!(goals_changes(None, None).is_empty());
    }

    #[test]
    fn steps_are_listed_as_they_are_recorded() {
        let after = format!("{BEFORE}\n[[sheet]]\nstep = \"submit\"\nby = \"ito\"\nat = 2026-05-01T09:00:00+09:00\n");
        let changes = goals_changes(Some(&goals(BEFORE)), Some(&goals(&after)));
        assert_eq!(changes[0].field, Field::Step(Step::Submit));
        assert_eq!(lines(&changes), ["ito * sheet - → "]);
        assert!(!Field::Step(Step::Submit).sealed_by_confirmation(), "steps have rules of their own");
    }

    const FEEDBACK: &str = r#"reviewer = "sato"
cycle = "2026"

[[feedback]]
person = "ito"
goal = "ito-2026-1"
level = "A"
strengths = "丁寧"

[[feedback]]
person = "kato"
level = "B"
"#;

    #[test]
    fn feedback_changes_name_the_person_and_goal_they_concern() {
        let before: FeedbackFile = toml::from_str(FEEDBACK).unwrap();
        let text = FEEDBACK.replace("level = \"A\"", "level = \"S\"")
            + "\n[[sheet]]\nperson = \"kato\"\nstep = \"send-back\"\nby = \"sato\"\nat = 2026-05-20T11:00:00+09:00\ncomment = \"再提出\"\n";
        let after: FeedbackFile = toml::from_str(&text).unwrap();
        assert_eq!(
            lines(&feedback_changes(Some(&before), Some(&after))),
            ["ito ito-2026-1 feedback.level A → S", "kato * sheet - → 再提出"]
        );
        assert!(feedback_about_changed(Some(&before), Some(&after), "ito"));
        assert!(!feedback_about_changed(Some(&before), Some(&after), "kato"), "a step is not feedback");
        assert!(feedback_about_changed(Some(&before), None, "kato"));
        // A reviewer's ability level is part of the evaluation too.
        let rated: FeedbackFile = toml::from_str(
            &(FEEDBACK.to_owned() + "\n[[competency]]\nperson = \"kato\"\nability = \"planning\"\nlevel = \"A\"\n"),
        )
        .unwrap();
        assert!(feedback_about_changed(Some(&before), Some(&rated), "kato"));
        assert!(!feedback_about_changed(Some(&before), Some(&rated), "ito"));
    }

    #[test]
    fn only_what_a_confirmation_seals_is_named_as_sealed() {
        for sealed in [Field::Goal, Field::Title, Field::Weight, Field::Parent, Field::SelfLevel, Field::SelfComment] {
            assert!(sealed.sealed_by_confirmation(), "{sealed:?}");
        }
        for open in [Field::Progress, Field::Metric, Field::Log, Field::Actions, Field::Milestones, Field::Proposal] {
            assert!(!open.sealed_by_confirmation(), "{open:?} goes on after confirmation");
        }
    }
}
