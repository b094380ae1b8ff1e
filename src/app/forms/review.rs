//! Forms of the review and breakdown work: workflow steps, sending back,
//! feedback, and breakdown proposals.

use super::{Form, Purpose, yes_no};
use crate::app::component::Shared;
use crate::app::form::{Field, FieldKey, TextKind};
use crate::messages::{Message, ReviewLoopText, Text};
use crate::model::command::Command;
use crate::model::edit::Edit;
use crate::model::input::parse_number;
use crate::model::workflow::sheet_state;
use crate::model::{Away, Feedback, FeedbackNotes, Goal, GoalId, Level, PersonId, Proposal, Step};

#[derive(Clone, Debug, PartialEq)]
pub enum ReviewForm {
    Step { person: PersonId },
    SendBack { person: PersonId },
    Feedback { person: PersonId, goal: Option<GoalId> },
    Propose { parent: GoalId },
}

fn form(title: String, purpose: ReviewForm, fields: Vec<Field>) -> Form {
    Form::new(title, Purpose::Review(purpose), fields)
}

fn text(shared: &Shared, text: Text) -> String {
    text.text(shared.lang)
}

fn person_label(shared: &Shared, person: &str) -> String {
    shared.workspace.world.name_and_title(person)
}

/// Taking one of `steps` on `person`'s sheet, with an optional comment.
pub fn step(shared: &Shared, person: &str, steps: &[Step]) -> Form {
    let options = steps.iter().map(|s| (s.key().to_owned(), s.text(shared.lang))).collect();
    let first = steps.first().map_or("", |s| s.key());
    form(
        Text::StepTitle { person: person_label(shared, person) }.text(shared.lang),
        ReviewForm::Step { person: person.into() },
        vec![
            Field::choice(FieldKey::Step, text(shared, Text::FieldStep), options, first),
            Field::text(FieldKey::Comment, text(shared, Text::FieldComment), "", TextKind::Multi),
        ],
    )
}

/// Sending `person`'s sheet back by one of `steps` (one state back, or straight to
/// draft), with the reason its owner will read.
pub fn send_back(shared: &Shared, person: &str, steps: &[Step]) -> Form {
    let world = &shared.workspace.world;
    let state = sheet_state(&world.hierarchy(), &world.data, person).state;
    let options = steps
        .iter()
        .filter_map(|step| {
            let to = step.target(state)?.text(shared.lang);
            Some((step.key().to_owned(), ReviewLoopText::BackTo { state: to }.text(shared.lang)))
        })
        .collect();
    let first = steps.first().map_or("", |s| s.key());
    form(
        Text::SendBackTitle { person: person_label(shared, person) }.text(shared.lang),
        ReviewForm::SendBack { person: person.into() },
        vec![
            Field::text(FieldKey::Comment, text(shared, Text::FieldReasonRequired), "", TextKind::Multi),
            Field::choice(FieldKey::Step, ReviewLoopText::FieldSendBackTo.text(shared.lang), options, first),
        ],
    )
}

/// Feedback on one goal (or on the whole sheet), prefilled with what the actor wrote
/// before; none while what they wrote could not be read (their file changed on disk
/// since the load), as it is not offered for rewriting from nothing.
pub fn feedback(shared: &Shared, person: &str, goal: Option<&Goal>) -> Option<Form> {
    let goal_id = goal.map(|g| g.id.clone());
    let world = &shared.workspace.world;
    let existing = world
        .feedback_file(&shared.workspace.actor)
        .and_then(|file| file.feedback.iter().find(|f| f.person == person && f.goal == goal_id));
    let notes = match existing.map(|f| f.notes.get()) {
        Some(Err(Away)) => return None,
        Some(Ok(notes)) => Some(&**notes),
        None => None,
    };
    let prefill = |pick: fn(&FeedbackNotes) -> &String| notes.map(|n| pick(n).clone()).unwrap_or_default();
    let strengths = existing.map(|f| f.strengths.clone()).unwrap_or_default();
    let mut levels = vec![(String::new(), text(shared, Text::NotRatedOption))];
    levels.extend(Level::ALL.iter().map(|l| (l.letter().to_owned(), l.letter().to_owned())));
    let level = existing.and_then(|f| f.level).map(|l| l.letter().to_owned()).unwrap_or_default();
    let person_name = person_label(shared, person);
    let title = match goal {
        Some(goal) => Text::GoalFeedbackTitle { goal: goal.title.clone(), person: person_name },
        None => Text::SheetFeedbackTitle { person: person_name },
    };
    let multi = |key, label, value: String| Field::text(key, text(shared, label), &value, TextKind::Multi);
    Some(form(
        title.text(shared.lang),
        ReviewForm::Feedback { person: person.into(), goal: goal_id },
        vec![
            Field::choice(FieldKey::Level, text(shared, Text::FieldLevel), levels, &level),
            multi(FieldKey::Strengths, Text::FieldStrengths, strengths),
            multi(FieldKey::Improvements, Text::FieldImprovements, prefill(|n| &n.improvements)),
            multi(FieldKey::Contribution, Text::FieldContribution, prefill(|n| &n.contribution)),
            multi(FieldKey::Comment, Text::FieldComment, prefill(|n| &n.comment)),
            Field::choice(
                FieldKey::Shared,
                text(shared, Text::FieldShared),
                yes_no(shared),
                if existing.is_some_and(|f| f.shared) { "yes" } else { "no" },
            ),
        ],
    ))
}

/// A breakdown proposal of one of the actor's goals to a direct report.
pub fn propose(shared: &Shared, parent: &Goal) -> Form {
    let hierarchy = shared.workspace.world.hierarchy();
    let reports: Vec<(String, String)> = hierarchy
        .direct_reports(&shared.workspace.actor)
        .iter()
        .map(|p| (p.id.to_string(), p.name_and_title()))
        .collect();
    let first = reports.first().map(|(id, _)| id.clone()).unwrap_or_default();
    form(
        Text::ProposeTitle { goal: parent.title.clone() }.text(shared.lang),
        ReviewForm::Propose { parent: parent.id.clone() },
        vec![
            Field::choice(FieldKey::To, text(shared, Text::FieldTo), reports, &first),
            Field::text(FieldKey::Title, text(shared, Text::FieldSuggestedGoal), "", TextKind::Line),
            Field::text(FieldKey::Share, text(shared, Text::FieldShare), "", TextKind::Line),
            Field::text(FieldKey::Note, text(shared, Text::FieldNote), "", TextKind::Multi),
        ],
    )
}

/// Whose sheet a command takes a workflow step on.
pub fn step_on(command: &Command) -> Option<PersonId> {
    match command {
        Command::Step { person, .. } => Some(*person),
        _ => None,
    }
}

/// What a step did, for the status line: whose sheet is now in which state.
pub fn step_taken(shared: &Shared, person: &str) -> String {
    let world = &shared.workspace.world;
    let state = sheet_state(&world.hierarchy(), &world.data, person).state.text(shared.lang);
    ReviewLoopText::StepTaken { person: person_label(shared, person), state }.text(shared.lang)
}

/// The command a submitted review form asks for, or what to correct.
pub fn command(purpose: &ReviewForm, form: &Form, shared: &Shared) -> Result<Command, String> {
    let today = shared.workspace.today;
    Ok(match purpose {
        ReviewForm::Step { person } => {
            let chosen = form.value(FieldKey::Step);
            let step =
                Step::ALL.into_iter().find(|s| s.key() == chosen).ok_or_else(|| text(shared, Text::NoStepNow))?;
            Command::Step { person: *person, step, comment: form.value(FieldKey::Comment) }
        }
        ReviewForm::SendBack { person } => {
            let chosen = form.value(FieldKey::Step);
            let step = [Step::SendBack, Step::SendBackToDraft]
                .into_iter()
                .find(|s| s.key() == chosen)
                .ok_or_else(|| text(shared, Text::NoStepNow))?;
            Command::Step { person: *person, step, comment: form.value(FieldKey::Comment) }
        }
        ReviewForm::Feedback { person, goal } => {
            let level = form.value(FieldKey::Level);
            Command::Feedback(Feedback {
                person: *person,
                goal: goal.clone(),
                level: Level::from_letter(&level),
                strengths: form.value(FieldKey::Strengths),
                notes: crate::model::FeedbackNotes {
                    improvements: form.value(FieldKey::Improvements),
                    contribution: form.value(FieldKey::Contribution),
                    comment: form.value(FieldKey::Comment),
                }
                .into(),
                date: Some(today),
                shared: form.value(FieldKey::Shared) == "yes",
                extra: Default::default(),
            })
        }
        ReviewForm::Propose { parent } => {
            let to = form.value(FieldKey::To);
            if to.is_empty() {
                return Err(text(shared, Text::NoReportsToPropose));
            }
            let share = parse_number(&form.value(FieldKey::Share)).map_err(|_| text(shared, Text::BadShare))?;
            Command::Sheet(Edit::Propose {
                proposal: Proposal {
                    id: crate::model::ProposalId::default(),
                    parent: parent.clone(),
                    to: to.into(),
                    title: form.value(FieldKey::Title).trim().to_owned(),
                    note: form.value(FieldKey::Note),
                    share,
                    date: Some(today),
                    extra: Default::default(),
                },
            })
        }
    })
}
