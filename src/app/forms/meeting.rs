//! The 1on1 forms: choosing whom to hold one with, and writing one down — new,
//! with an agenda proposed from the data (each topic kept or dropped), or one's
//! own record edited. Agreed actions may each name a goal of the pair's.

use super::{Form, Purpose, yes_no};
use crate::app::component::Shared;
use crate::app::form::{Field, FieldKey, TextKind};
use crate::messages::{InstrumentText, Message};
use crate::model::agenda;
use crate::model::command::Command;
use crate::model::input::parse_date;
use crate::model::meetings::{AgreedAction, Meeting, MeetingKind, MeetingTexts};
use crate::model::{Extra, GoalId, PersonId};
use crate::view::meetings::{kind_between, partners};

/// Topics proposed for a new 1on1, at most: the form must fit a small terminal.
const MOST_TOPICS: usize = 5;
/// Empty action slots of a form.
const NEW_ACTION_SLOTS: usize = 2;
const KEEP: &str = "keep";

#[derive(Clone, Debug, PartialEq)]
pub enum MeetingForm {
    /// Whom to hold a 1on1 with; submitting opens [`MeetingForm::Write`] for them.
    ChoosePartner,
    /// A 1on1 with `with`: new (`index: None`) or the actor's record at `index`.
    Write {
        with: PersonId,
        index: Option<usize>,
        /// The proposed topics as shown, in order of their fields.
        topics: Vec<String>,
        /// How many action slots the form has.
        actions: usize,
    },
}

fn text(shared: &Shared, text: InstrumentText) -> String {
    text.text(shared.lang)
}

/// Whom to hold a 1on1 with, among the actor's reviewer, reports, mentor and mentees.
pub fn choose_partner(shared: &Shared) -> Result<Form, String> {
    let world = &shared.workspace.world;
    let options: Vec<(String, String)> = partners(world, &shared.workspace.actor)
        .into_iter()
        .map(|(id, kind)| {
            let label = format!("{} ({})", world.name_and_title(&id), kind.text(shared.lang));
            (id.to_string(), label)
        })
        .collect();
    let Some(first) = options.first().map(|(id, _)| id.clone()) else {
        return Err(text(shared, InstrumentText::NoPartners));
    };
    Ok(Form::new(
        text(shared, InstrumentText::ChoosePartnerTitle),
        Purpose::Meeting(MeetingForm::ChoosePartner),
        vec![Field::choice(FieldKey::With, text(shared, InstrumentText::FieldWith), options, &first)],
    ))
}

/// A 1on1 with `with`: a new one with its proposed agenda, or the actor's record at `index`.
pub fn write(shared: &Shared, with: &str, index: Option<usize>) -> Form {
    let (world, actor, lang) = (&shared.workspace.world, shared.workspace.actor.as_str(), shared.lang);
    let existing = index.and_then(|index| own_record(shared, index));
    let person = world.name_and_title(with);
    let topics: Vec<String> = match existing {
        Some(_) => Vec::new(),
        None => {
            let hierarchy = world.hierarchy();
            let proposed =
                agenda::propose(&hierarchy, &world.data, &world.cascade, actor, with, shared.workspace.today);
            proposed.iter().take(MOST_TOPICS).map(|topic| topic.text(lang)).collect()
        }
    };
    let kind = existing.map_or_else(|| kind_between(world, actor, with), |m| m.kind);
    let kinds = [MeetingKind::Manager, MeetingKind::Mentor].map(|k| (super::code(&k), k.text(lang))).to_vec();
    let date = existing.map_or(shared.workspace.today, |m| m.date).to_string();
    let mut fields = vec![
        Field::text(FieldKey::Date, text(shared, InstrumentText::FieldMeetingDate), &date, TextKind::Line),
        Field::choice(FieldKey::Kind, text(shared, InstrumentText::FieldMeetingKind), kinds, &super::code(&kind)),
    ];
    for (n, topic) in topics.iter().enumerate() {
        let dropped = InstrumentText::TopicDropped { topic: topic.clone() }.text(lang);
        let options = vec![(KEEP.to_owned(), topic.clone()), ("drop".to_owned(), dropped)];
        let label = InstrumentText::TopicLabel { n: n + 1 }.text(lang);
        fields.push(Field::choice(FieldKey::Topic(n), label, options, KEEP));
    }
    let agenda = existing.map_or("", |m| m.texts.agenda.as_str());
    let notes = existing.map_or("", |m| m.texts.notes.as_str());
    fields.push(Field::text(FieldKey::Agenda, text(shared, InstrumentText::FieldMoreAgenda), agenda, TextKind::Multi));
    fields.push(Field::text(FieldKey::Notes, text(shared, InstrumentText::FieldNotes), notes, TextKind::Multi));
    let agreed = existing.map(|m| m.texts.actions.as_slice()).unwrap_or_default();
    let slots = agreed.len() + if existing.is_some() { 1 } else { NEW_ACTION_SLOTS };
    let goals = goal_options(shared, with);
    for n in 0..slots {
        let action = agreed.get(n);
        let label = |message: InstrumentText| message.text(lang);
        let value = action.map_or("", |a| a.text.as_str());
        fields.push(Field::text(
            FieldKey::ActionText(n),
            label(InstrumentText::FieldAction { n: n + 1 }),
            value,
            TextKind::Line,
        ));
        let goal = action.and_then(|a| a.goal.as_deref()).unwrap_or_default();
        let goal_label = label(InstrumentText::FieldActionGoal { n: n + 1 });
        fields.push(Field::choice(FieldKey::ActionGoal(n), goal_label, goals.clone(), goal));
        if let Some(action) = action {
            let done = if action.done { "yes" } else { "no" };
            let done_label = label(InstrumentText::FieldActionDone { n: n + 1 });
            fields.push(Field::choice(FieldKey::ActionDone(n), done_label, yes_no(shared), done));
        }
    }
    let title = match existing {
        Some(meeting) => InstrumentText::EditMeetingTitle { person, date: meeting.date.to_string() },
        None => InstrumentText::NewMeetingTitle { person },
    };
    let purpose = MeetingForm::Write { with: with.into(), index, topics, actions: slots };
    Form::new(title.text(lang), Purpose::Meeting(purpose), fields)
}

/// The actor's own record at `index`.
fn own_record(shared: &Shared, index: usize) -> Option<&Meeting> {
    let files = &shared.workspace.world.data.instruments.meetings;
    files.iter().find(|file| file.writer == shared.workspace.actor)?.meetings.get(index)
}

/// No goal, then the actor's goals, then the other person's where the actor may read them.
fn goal_options(shared: &Shared, with: &str) -> Vec<(String, String)> {
    let (world, actor) = (&shared.workspace.world, shared.workspace.actor.as_str());
    let mut options = vec![(String::new(), text(shared, InstrumentText::NoGoalOption))];
    let readable = shared.viewer.may_read_goals_of(with);
    for owner in std::iter::once(actor).chain(readable.then_some(with)) {
        let name = world.person(owner).map_or(owner, |p| p.name.as_str());
        options.extend(world.goals_of(owner).iter().map(|g| (g.id.to_string(), format!("{name}: {}", g.title))));
    }
    options
}

/// The 1on1 the chosen partner form leads to.
pub fn follow_up(purpose: &MeetingForm, form: &Form, shared: &Shared) -> Option<Form> {
    match purpose {
        MeetingForm::ChoosePartner => Some(write(shared, &form.value(FieldKey::With), None)),
        MeetingForm::Write { .. } => None,
    }
}

/// The command a submitted 1on1 form asks for, or what to correct.
pub fn command(purpose: &MeetingForm, form: &Form, shared: &Shared) -> Result<Command, String> {
    let MeetingForm::Write { with, index, topics, actions } = purpose else {
        return Err(text(shared, InstrumentText::NoPartners));
    };
    let date = parse_date(&form.value(FieldKey::Date)).ok_or_else(|| text(shared, InstrumentText::BadMeetingDate))?;
    let kind = super::from_code(&form.value(FieldKey::Kind)).unwrap_or(MeetingKind::Manager);
    let mut agenda: Vec<String> = (0..topics.len())
        .filter(|&n| form.value(FieldKey::Topic(n)) == KEEP)
        .map(|n| format!("・{}", topics[n]))
        .collect();
    let more = form.value(FieldKey::Agenda);
    if !more.trim().is_empty() {
        agenda.push(more);
    }
    let existing = index.and_then(|index| own_record(shared, index));
    let agreed = (0..*actions)
        .filter_map(|n| {
            let text = form.value(FieldKey::ActionText(n)).trim().to_owned();
            let before = existing.and_then(|m| m.texts.actions.get(n)).cloned();
            (!text.is_empty()).then(|| {
                let goal = Some(form.value(FieldKey::ActionGoal(n))).filter(|goal| !goal.is_empty()).map(GoalId::from);
                let done = form.value(FieldKey::ActionDone(n)) == "yes";
                let extra = before.map(|a| a.extra).unwrap_or_else(Extra::new);
                AgreedAction { text, goal, done, extra }
            })
        })
        .collect();
    let meeting = Meeting {
        date,
        with: *with,
        kind,
        texts: MeetingTexts {
            agenda: agenda.join("\n"),
            notes: form.value(FieldKey::Notes),
            actions: agreed,
            extra: Extra::new(),
        }
        .into(),
    };
    Ok(Command::Meeting { index: *index, meeting })
}
