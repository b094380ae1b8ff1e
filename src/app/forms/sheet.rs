//! Forms on one's own sheet: goals, progress, Do entries, self-checks, action
//! items, and answers to proposals.

use super::{Form, Purpose, code, from_code};
use crate::app::component::Shared;
use crate::app::form::{Field, FieldKey, TextKind};
use crate::messages::{self, InstrumentText, Message, Reading, ReviewLoopText, Text};
use crate::model::command::Command;
use crate::model::edit::{Edit, GoalFields};
use crate::model::input::{parse_date, parse_whole};
use crate::model::policy;
use crate::model::{
    ActionItem, Category, Date, Difficulty, Goal, GoalId, Level, LogEntry, LogKind, Proposal, ProposalId, SelfCheck,
};
use crate::view::sheet::{CarryItem, proposer};

#[derive(Clone, Debug, PartialEq)]
pub enum SheetForm {
    NewGoal {
        carried_from: Option<String>,
    },
    EditGoal(GoalId),
    /// Removing a goal once the sheet is approved: it asks why.
    RemoveGoal(GoalId),
    Progress(GoalId),
    AddLog(GoalId),
    EditLog {
        goal: GoalId,
        index: usize,
    },
    SelfCheck(GoalId),
    Action {
        goal: GoalId,
        index: Option<usize>,
    },
    Answer(ProposalId),
}

fn form(title: String, purpose: SheetForm, fields: Vec<Field>) -> Form {
    Form::new(title, Purpose::Sheet(purpose), fields)
}

fn text(shared: &Shared, text: Text) -> String {
    text.text(shared.lang)
}

fn level_options() -> Vec<(String, String)> {
    Level::ALL.iter().map(|l| (l.letter().to_owned(), l.letter().to_owned())).collect()
}

/// "(none)" first, then each value with its name.
fn options<T: serde::Serialize + Message>(shared: &Shared, values: &[T]) -> Vec<(String, String)> {
    let mut options = vec![(String::new(), text(shared, Text::NoneOption))];
    options.extend(values.iter().map(|value| (code(value), value.text(shared.lang))));
    options
}

/// Goals the actor may link a goal to: their own and those of the people above them,
/// but `except` (the goal edited, if any). The goal's current parent stays on offer
/// even if a reorganisation moved it out of the chain, so editing another field
/// never drops the link.
fn parent_options(shared: &Shared, except: Option<&str>, parent: Option<&str>) -> Vec<(String, String)> {
    let world = &shared.workspace.world;
    let mut options = vec![(String::new(), text(shared, Text::NoneOption))];
    for owner in policy::linkable_owners(&world.hierarchy(), &shared.workspace.actor).iter().rev() {
        let name = world.person(owner).map_or(owner.as_str(), |p| p.name.as_str());
        for candidate in world.goals_of(owner) {
            if Some(candidate.id.as_str()) != except {
                options.push((candidate.id.to_string(), format!("{} ({name})", candidate.title)));
            }
        }
    }
    if let Some(current) = parent.filter(|p| !options.iter().any(|(id, _)| id == p)) {
        let title = world.cascade.node_of_goal(&world.data, current).map(|n| world.cascade.title(&world.data, n));
        options.push((current.to_owned(), title.unwrap_or(current).to_owned()));
    }
    options
}

fn goal_fields_form(shared: &Shared, fields: GoalFields, purpose: SheetForm) -> Form {
    let lang = shared.lang;
    let (title, parents) = match &purpose {
        SheetForm::EditGoal(id) => (
            Text::EditGoalTitle { id: id.to_string() }.text(lang),
            parent_options(shared, Some(id), fields.parent.as_deref()),
        ),
        _ => (text(shared, Text::NewGoalTitle), parent_options(shared, None, fields.parent.as_deref())),
    };
    let optional = |value: Option<String>| value.unwrap_or_default();
    let difficulties = Difficulty::ALL;
    let categories = Category::ALL;
    form(
        title,
        purpose,
        vec![
            Field::text(FieldKey::Title, text(shared, Text::FieldTitle), &fields.title, TextKind::Line),
            Field::text(FieldKey::Criteria, text(shared, Text::FieldCriteria), &fields.criteria, TextKind::Multi),
            Field::text(
                FieldKey::Weight,
                text(shared, Text::FieldWeight),
                &optional(fields.weight.map(|w| w.to_string())),
                TextKind::Line,
            ),
            Field::text(
                FieldKey::Due,
                text(shared, Text::FieldDue),
                &optional(fields.due.map(|d| messages::date(d, lang))),
                TextKind::Line,
            ),
            Field::choice(
                FieldKey::Difficulty,
                text(shared, Text::FieldDifficulty),
                options(shared, &difficulties),
                &optional(fields.difficulty.map(|d| code(&d))),
            ),
            Field::choice(
                FieldKey::Category,
                text(shared, Text::FieldCategory),
                options(shared, &categories),
                &optional(fields.category.map(|c| code(&c))),
            ),
            Field::choice(
                FieldKey::Parent,
                text(shared, Text::FieldParent),
                parents,
                &optional(fields.parent.as_ref().map(GoalId::to_string)),
            ),
            Field::text(FieldKey::Plan, text(shared, Text::FieldPlan), &fields.plan, TextKind::Multi),
            Field::text(
                FieldKey::Description,
                text(shared, Text::FieldDescription),
                &fields.description,
                TextKind::Multi,
            ),
        ],
    )
}

/// A new goal, or one that carries an action item of last cycle on.
pub fn new_goal(shared: &Shared, carry: Option<&CarryItem>) -> Form {
    let purpose = SheetForm::NewGoal { carried_from: carry.map(|c| c.from.clone()) };
    let mut form = goal_fields_form(shared, GoalFields::default(), purpose);
    if let Some(carry) = carry {
        form.prefill(FieldKey::Title, &carry.item.issue);
        form.prefill(FieldKey::Plan, &carry.item.measure);
        if let Some(due) = carry.item.due {
            form.prefill(FieldKey::Due, &messages::date(due, shared.lang));
        }
        form.title = text(shared, Text::CarryGoalTitle);
    }
    ask_reason_once_approved(shared, form)
}

/// Editing a goal's plan; once the sheet is approved it asks why (期中の見直し).
/// None while a text of the goal is left on disk: it is not rewritten from nothing.
pub fn edit_goal(shared: &Shared, goal: &Goal) -> Option<Form> {
    let fields = GoalFields::of(goal).ok()?;
    Some(ask_reason_once_approved(shared, goal_fields_form(shared, fields, SheetForm::EditGoal(goal.id.clone()))))
}

/// Removing a goal from an approved sheet: only the reason to give.
pub fn remove_goal(shared: &Shared, goal: &Goal) -> Form {
    let title = Text::RemoveGoalTitle { id: goal.id.to_string() }.text(shared.lang);
    ask_reason_once_approved(shared, form(title, SheetForm::RemoveGoal(goal.id.clone()), Vec::new()))
}

/// Once the sheet is approved, a change of its plan — a goal edited, added or
/// removed — asks why (期中の見直し), and the reason is kept with the change.
fn ask_reason_once_approved(shared: &Shared, mut form: Form) -> Form {
    if policy::needs_revision_reason(&shared.workspace.world, &shared.workspace.actor) {
        let label = text(shared, Text::FieldRevisionReason);
        form.push_field(Field::text(FieldKey::RevisionReason, label, "", TextKind::Line));
    }
    form
}

/// The date and reason of a revision, when the form asked for one and got it.
fn revision(form: &Form, today: Date) -> Option<(Date, String)> {
    let reason = form.value(FieldKey::RevisionReason).trim().to_owned();
    (!reason.is_empty()).then_some((today, reason))
}

pub fn progress(shared: &Shared, goal: &Goal) -> Form {
    let current = goal.progress.map(|p| p.to_string()).unwrap_or_default();
    form(
        Text::ProgressTitle { goal: goal.title.clone() }.text(shared.lang),
        SheetForm::Progress(goal.id.clone()),
        vec![Field::text(FieldKey::Progress, text(shared, Text::FieldProgress), &current, TextKind::Line)],
    )
}

pub fn log(shared: &Shared, goal: &Goal) -> Form {
    let title = Text::DoEntryTitle { goal: goal.title.clone() }.text(shared.lang);
    log_form(shared, title, SheetForm::AddLog(goal.id.clone()), None)
}

/// The Do entry at `index`, rewritten.
pub fn edit_log(shared: &Shared, goal: &Goal, index: usize) -> Form {
    let title = Reading::EditLogTitle { goal: goal.title.clone() }.text(shared.lang);
    log_form(
        shared,
        title,
        SheetForm::EditLog { goal: goal.id.clone(), index },
        goal.log.here().and_then(|log| log.get(index)),
    )
}

fn log_form(shared: &Shared, title: String, purpose: SheetForm, entry: Option<&LogEntry>) -> Form {
    let lang = shared.lang;
    let kinds = LogKind::ALL.iter().map(|k| (code(k), k.text(lang))).collect();
    let date = messages::date(entry.map_or(shared.workspace.today, |e| e.date), lang);
    let kind = entry.map_or_else(|| "practice".to_owned(), |e| code(&e.kind));
    form(
        title,
        purpose,
        vec![
            Field::text(FieldKey::Date, text(shared, Text::FieldDate), &date, TextKind::Line),
            Field::choice(FieldKey::Kind, text(shared, Text::FieldKind), kinds, &kind),
            Field::text(
                FieldKey::Text,
                text(shared, Text::FieldWhatWasDone),
                entry.and_then(|e| e.text.get().ok()).map_or("", String::as_str),
                TextKind::Multi,
            ),
        ]
        .into_iter()
        // A course is named when an entry is written; editing keeps the one it has.
        .chain(if entry.is_none() { course_fields(shared) } else { Vec::new() })
        .collect(),
    )
}

/// A course of HR's list and whether it was completed, when the data set keeps one.
fn course_fields(shared: &Shared) -> Vec<Field> {
    let Some(list) = &shared.workspace.world.data.instruments.courses else { return Vec::new() };
    let mut courses = vec![(String::new(), InstrumentText::NoCourseOption.text(shared.lang))];
    courses.extend(list.courses.iter().map(|c| (c.name.clone(), c.name.clone())));
    vec![
        Field::choice(FieldKey::Course, InstrumentText::FieldCourse.text(shared.lang), courses, ""),
        Field::choice(
            FieldKey::Completed,
            InstrumentText::FieldCompleted.text(shared.lang),
            super::yes_no(shared),
            "no",
        ),
    ]
}

pub fn self_check(shared: &Shared, goal: &Goal) -> Form {
    let (level, comment) = goal
        .check
        .as_ref()
        .map_or(("B".to_owned(), ""), |c| (c.level.letter().to_owned(), c.comment.get().map_or("", String::as_str)));
    form(
        Text::SelfCheckTitle { goal: goal.title.clone() }.text(shared.lang),
        SheetForm::SelfCheck(goal.id.clone()),
        vec![
            Field::choice(FieldKey::Level, text(shared, Text::FieldLevel), level_options(), &level),
            Field::text(FieldKey::Comment, text(shared, Text::FieldComment), comment, TextKind::Multi),
        ],
    )
}

/// A new action item, or the one at `index`.
pub fn action(shared: &Shared, goal: &Goal, index: Option<usize>) -> Form {
    let lang = shared.lang;
    let item = index.and_then(|i| goal.actions.get(i));
    let status =
        vec![("no".to_owned(), text(shared, Text::ActionOpen)), ("yes".to_owned(), text(shared, Text::ActionDone))];
    form(
        Text::ActionItemTitle { goal: goal.title.clone() }.text(lang),
        SheetForm::Action { goal: goal.id.clone(), index },
        vec![
            Field::text(
                FieldKey::Issue,
                text(shared, Text::FieldIssue),
                item.map_or("", |i| i.issue.as_str()),
                TextKind::Multi,
            ),
            Field::text(
                FieldKey::Measure,
                text(shared, Text::FieldMeasure),
                item.map_or("", |i| i.measure.as_str()),
                TextKind::Multi,
            ),
            Field::text(
                FieldKey::Due,
                text(shared, Text::FieldDue),
                &item.and_then(|i| i.due).map(|d| messages::date(d, lang)).unwrap_or_default(),
                TextKind::Line,
            ),
            Field::choice(
                FieldKey::Done,
                text(shared, Text::FieldStatus),
                status,
                if item.is_some_and(|i| i.done) { "yes" } else { "no" },
            ),
        ],
    )
}

/// Adopting or declining a proposal made to the actor.
pub fn answer(shared: &Shared, proposal: &Proposal) -> Form {
    let from = proposer(&shared.workspace.world, &proposal.id).map(|p| p.name_and_title()).unwrap_or_default();
    let answers = vec![
        ("adopt".to_owned(), text(shared, Text::AnswerAdopt)),
        ("decline".to_owned(), text(shared, Text::AnswerDecline)),
    ];
    let answer = form(
        Text::AnswerTitle { from, title: proposal.title.clone() }.text(shared.lang),
        SheetForm::Answer(proposal.id.clone()),
        vec![
            Field::choice(FieldKey::Answer, text(shared, Text::FieldAnswer), answers, "adopt"),
            Field::text(FieldKey::Title, text(shared, Text::FieldAdoptTitle), &proposal.title, TextKind::Line),
            Field::text(FieldKey::Weight, text(shared, Text::FieldWeight), "", TextKind::Line),
            Field::text(FieldKey::DeclineReason, text(shared, Text::FieldDeclineReason), "", TextKind::Multi),
        ],
    );
    let mut answer = ask_reason_once_approved(shared, answer);
    if !proposal.note.trim().is_empty() {
        // The proposer's note (補足), read before answering; the adopted goal keeps it.
        let label = ReviewLoopText::LabelProposalNote.text(shared.lang);
        answer.notice = Some(format!("{label}: {}", proposal.note.trim()));
    }
    answer
}

fn date_field(form: &Form, key: FieldKey, shared: &Shared) -> Result<Option<Date>, String> {
    let value = form.value(key);
    if value.trim().is_empty() {
        return Ok(None);
    }
    parse_date(&value).map(Some).ok_or_else(|| text(shared, Text::BadDate))
}

fn percent_field(form: &Form, key: FieldKey, shared: &Shared) -> Result<Option<u32>, String> {
    parse_whole(&form.value(key)).map_err(|_| text(shared, Text::BadWhole))
}

fn goal_fields(form: &Form, shared: &Shared) -> Result<GoalFields, String> {
    Ok(GoalFields {
        title: form.value(FieldKey::Title).trim().to_owned(),
        criteria: form.value(FieldKey::Criteria),
        weight: percent_field(form, FieldKey::Weight, shared)?,
        due: date_field(form, FieldKey::Due, shared)?,
        difficulty: from_code(&form.value(FieldKey::Difficulty)),
        category: from_code(&form.value(FieldKey::Category)),
        parent: Some(form.value(FieldKey::Parent)).filter(|p| !p.is_empty()).map(GoalId::from),
        plan: form.value(FieldKey::Plan),
        description: form.value(FieldKey::Description),
    })
}

/// The Do entry a form describes; what the form does not show (the course, whether
/// it was finished, unknown keys) stays as `existing` had it.
fn log_entry(form: &Form, shared: &Shared, existing: Option<&LogEntry>) -> Result<LogEntry, String> {
    let kept = existing.cloned();
    Ok(LogEntry {
        date: date_field(form, FieldKey::Date, shared)?.unwrap_or(shared.workspace.today),
        kind: from_code(&form.value(FieldKey::Kind)).unwrap_or(LogKind::Practice),
        text: form.value(FieldKey::Text).into(),
        course: match &kept {
            Some(entry) => entry.course.clone(),
            None => Some(form.value(FieldKey::Course)).filter(|course| !course.is_empty()),
        },
        completed: match &kept {
            Some(entry) => entry.completed,
            None => form.value(FieldKey::Completed) == "yes",
        },
        extra: kept.map(|e| e.extra).unwrap_or_default(),
    })
}

/// The command a submitted sheet form asks for, or what to correct.
pub fn command(purpose: &SheetForm, form: &Form, shared: &Shared) -> Result<Command, String> {
    let today = shared.workspace.today;
    let edit = match purpose {
        SheetForm::NewGoal { carried_from } => Edit::AddGoal {
            fields: goal_fields(form, shared)?,
            carried_from: carried_from.clone(),
            revision: revision(form, today),
        },
        SheetForm::EditGoal(goal) => {
            Edit::UpdateGoal { goal: goal.clone(), fields: goal_fields(form, shared)?, revision: revision(form, today) }
        }
        SheetForm::RemoveGoal(goal) => Edit::RemoveGoal { goal: goal.clone(), revision: revision(form, today) },
        SheetForm::Progress(goal) => Edit::SetProgress {
            goal: goal.clone(),
            progress: percent_field(form, FieldKey::Progress, shared)?
                .ok_or_else(|| text(shared, Text::ProgressRequired))?,
        },
        SheetForm::AddLog(_) if form.value(FieldKey::Completed) == "yes" && form.value(FieldKey::Course).is_empty() => {
            return Err(InstrumentText::CompletedNeedsCourse.text(shared.lang));
        }
        SheetForm::AddLog(goal) => Edit::AddLog { goal: goal.clone(), entry: log_entry(form, shared, None)? },
        SheetForm::EditLog { goal, index } => {
            let goals = shared.workspace.world.goals_of(&shared.workspace.actor);
            let existing = goals.iter().find(|g| g.id == goal).and_then(|g| g.log.here()?.get(*index));
            Edit::UpdateLog { goal: goal.clone(), index: *index, entry: log_entry(form, shared, existing)? }
        }
        SheetForm::SelfCheck(goal) => Edit::SetSelfCheck {
            goal: goal.clone(),
            check: SelfCheck {
                level: from_code(&form.value(FieldKey::Level)).unwrap_or(Level::B),
                comment: form.value(FieldKey::Comment).into(),
                date: Some(today),
                extra: Default::default(),
            },
        },
        SheetForm::Action { goal, index } => {
            let world = &shared.workspace.world;
            let existing = index.and_then(|i| {
                world.goals_of(&shared.workspace.actor).iter().find(|g| g.id == goal)?.actions.get(i).cloned()
            });
            let item = ActionItem {
                issue: form.value(FieldKey::Issue),
                measure: form.value(FieldKey::Measure),
                due: date_field(form, FieldKey::Due, shared)?,
                done: form.value(FieldKey::Done) == "yes",
                carried_from: existing.as_ref().and_then(|e| e.carried_from.clone()),
                extra: existing.map(|e| e.extra).unwrap_or_default(),
            };
            match index {
                Some(index) => Edit::UpdateAction { goal: goal.clone(), index: *index, item },
                None => Edit::AddAction { goal: goal.clone(), item },
            }
        }
        SheetForm::Answer(proposal) => {
            if form.value(FieldKey::Answer) == "decline" {
                let reason = form.value(FieldKey::DeclineReason);
                if reason.trim().is_empty() {
                    return Err(text(shared, Text::DeclineReasonRequired));
                }
                Edit::DeclineProposal { proposal: proposal.clone(), reason, date: today }
            } else {
                let fields = GoalFields {
                    title: form.value(FieldKey::Title).trim().to_owned(),
                    weight: percent_field(form, FieldKey::Weight, shared)?,
                    ..GoalFields::default()
                };
                Edit::AdoptProposal { proposal: proposal.clone(), fields, revision: revision(form, today) }
            }
        }
    };
    Ok(Command::Sheet(edit))
}
