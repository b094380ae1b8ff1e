//! The HR export (`pdca-hr-export/2`): one cycle's people with both halves of their
//! evaluation — goals with the cascade's computed numbers, 能力評価 with the scores
//! and calibration adjustments — and the instruments (1on1 counts and days, training,
//! engagement results), as records that serialise to TOML in a fixed order.
//!
//! Deterministic: people are ordered by unit path, then id; goals and proposals by
//! id (digit runs compare as numbers); computed numbers are rounded to
//! [`super::DECIMALS`] places. The same data gives the same bytes. The people are
//! put in order first; their records are then made on all cores, part by part in
//! that order ([`Prepared::toml_parts`]), so the bytes are those of one core.
//!
//! Text keys are always present (`""` when there is no text); keys for values that
//! may be unset (grade, reviewer, due, levels, …) are left out when unset, since TOML
//! has no null.

mod context;
mod evaluation;
mod instruments;
mod records;
mod sheet;
mod toml_text;

use std::borrow::Cow;

use crate::model::hash::{HashMap, HashSet};

use rayon::prelude::*;
use serde::Serialize;

use super::natural_cmp;
use crate::model::workflow::{Sheets, all_sheets};
use crate::model::{
    CycleData, CycleId, DataSetInfo, GoalId, Held, HeldTexts, Hierarchy, Org, Person, PersonId, PlannedGoal, Problem,
    ScoreFormula, Timestamp, Unit,
};
use context::Context;
use evaluation::Evaluations;
use instruments::{MeetingTally, Trainings, engagement_of, meetings_of};
pub use records::*;
use sheet::{changes_since_approval, history};

/// The value of `schema` in every export of this layout.
pub const SCHEMA: &str = "pdca-hr-export/2";

/// The schema before 能力評価, calibration and the instruments: goals only. `import`
/// still reads it.
pub const SCHEMA_V1: &str = "pdca-hr-export/1";

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
// Developers read the debug form; users read the messages.
#[error("{self:?}")]
pub enum ExportError {
    /// The unit asked for is not in the organisation.
    UnknownUnit(String),
    /// The TOML writer's message.
    Toml(String),
    /// This person's goals or feedback file was loaded with texts left on disk: an
    /// export is made from files read whole, but for the Do logs it never writes.
    TextsNotRead(PersonId),
}

impl Export<'_> {
    pub fn goal_count(&self) -> usize {
        self.people.iter().map(|p| p.goals.len()).sum()
    }

    /// The export as TOML text, whole: [`Export::toml_parts`] put together.
    pub fn to_toml(&self) -> Result<String, ExportError> {
        self.toml_parts().map(|part| Ok(part?.texts.concat())).collect()
    }

    /// The export as TOML text in parts, in order, to be written one after the
    /// other: the heading, the people [`PEOPLE_PER_PART`] at a time (each part
    /// written on all cores), and what follows them. At city scale the text is over
    /// a hundred megabytes, which is then never held whole; the bytes are those of
    /// the whole written at once (a test compares them).
    pub fn toml_parts(&self) -> impl Iterator<Item = Result<Part, ExportError>> + '_ {
        let people = self.people.chunks(PEOPLE_PER_PART).map(|chunk| part_of(chunk.par_iter().map(table_of)));
        parts(self, people)
    }
}

/// How many people's tables make one part of the TOML: enough to keep every core
/// busy, few enough to be a small share of the whole.
pub const PEOPLE_PER_PART: usize = 256;

/// A part of the export's TOML text, and how many people and goals are in it.
#[derive(Debug)]
pub struct Part {
    /// The text, in pieces to be written one after the other: each person's table
    /// as it was made, never copied into one string (at city scale, hundreds of
    /// megabytes copied on one core into memory the system had to clear first).
    pub texts: Vec<Cow<'static, str>>,
    pub people: usize,
    pub goals: usize,
}

/// Writes `parts` in order through `write`, stopping at the first error; answers
/// how many people and goals they held. The next part is made (on another thread,
/// its records on all cores) while one is written, so that writing, a copy on one
/// core, does not leave the other cores idle. At most one part waits made.
pub fn write_parts<E: Send>(
    parts: impl IntoIterator<Item = Result<Part, E>, IntoIter: Send>,
    mut write: impl FnMut(&str) -> Result<(), E>,
) -> Result<(usize, usize), E> {
    let parts = parts.into_iter();
    std::thread::scope(|scope| {
        let (made, to_write) = std::sync::mpsc::sync_channel(1);
        scope.spawn(move || {
            for part in parts {
                // The writer stopped (an error): no more parts are made.
                if made.send(part).is_err() {
                    break;
                }
            }
        });
        to_write.into_iter().try_fold((0, 0), |(people, goals), part: Result<Part, E>| {
            let part = part?;
            part.texts.iter().try_for_each(|text| write(text))?;
            Ok((people + part.people, goals + part.goals))
        })
    })
}

/// The heading of `whole` (every field but the people and what follows them),
/// `people`'s parts, and what follows the people.
fn parts<'p>(
    whole: &'p Export,
    people: impl Iterator<Item = Result<Part, ExportError>> + 'p,
) -> impl Iterator<Item = Result<Part, ExportError>> + 'p {
    // Every field but the people and what comes after them, so that a field added
    // to `Export` must be placed here.
    let head = Export {
        schema: whole.schema.clone(),
        generated_at: whole.generated_at,
        organisation: whole.organisation.clone(),
        cycle: whole.cycle.clone(),
        score_formula: whole.score_formula.clone(),
        units: whole.units.clone(),
        abilities: whole.abilities.clone(),
        people: Vec::new(),
        engagement: Vec::new(),
        meetings: Vec::new(),
    };
    let tail = std::iter::once_with(|| {
        let tail = toml_of(&Tail { engagement: &whole.engagement, meetings: &whole.meetings })?;
        Ok(Part { texts: after_blank_lines([tail]), people: 0, goals: 0 })
    });
    let head = toml_of(&head).map(|text| Part { texts: vec![text.into()], people: 0, goals: 0 });
    std::iter::once(head).chain(people).chain(tail)
}

/// One person's tables as they are in the whole, and the number of their goals.
fn table_of(person: &ExportPerson) -> Result<(String, usize), ExportError> {
    Ok((toml_of(&People { people: [person] })?, person.goals.len()))
}

/// People's tables (made on all cores, in order) as one part.
fn part_of(
    tables: impl IndexedParallelIterator<Item = Result<(String, usize), ExportError>>,
) -> Result<Part, ExportError> {
    let tables: Vec<(String, usize)> = tables.collect::<Result<_, _>>()?;
    let goals = tables.iter().map(|(_, goals)| goals).sum();
    let people = tables.len();
    Ok(Part { texts: after_blank_lines(tables.into_iter().map(|(table, _)| table)), people, goals })
}

/// Tables after the heading, each set apart from what precedes it by a blank line.
fn after_blank_lines(tables: impl IntoIterator<Item = String>) -> Vec<Cow<'static, str>> {
    let mut texts = Vec::new();
    for table in tables.into_iter().filter(|table| !table.is_empty()) {
        texts.push(Cow::Borrowed("\n"));
        texts.push(Cow::Owned(table));
    }
    texts
}

/// One person's part of the export, as it is in the whole.
#[derive(Serialize)]
struct People<'a> {
    people: [&'a ExportPerson<'a>; 1],
}

/// What follows the people in the export, as it is in the whole.
#[derive(Serialize)]
struct Tail<'a> {
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    engagement: &'a [ExportEngagement],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    meetings: &'a [ExportMeeting],
}

fn toml_of(value: &impl Serialize) -> Result<String, ExportError> {
    toml_text::to_string(value).map_err(|error| ExportError::Toml(error.to_string()))
}

/// What to export besides the data.
#[derive(Clone, Copy, Debug)]
pub struct Options<'a> {
    pub generated_at: Timestamp,
    /// Only people in this unit or below it; the numbers are still those of the whole cascade.
    pub unit: Option<&'a str>,
}

/// Builds the export of one cycle.
pub fn build<'a>(
    info: &DataSetInfo,
    org: &'a Org,
    data: &'a CycleData,
    options: Options<'_>,
) -> Result<Export<'a>, ExportError> {
    Ok(prepare(info, org, data, options)?.into_export())
}

/// One cycle's export with everything worked out but each person's record, which
/// is made when it is written: at city scale the records of everyone, with their
/// goals' texts, are hundreds of megabytes.
pub struct Prepared<'a> {
    /// The export without its people.
    pub whole: Export<'a>,
    /// The people to export, in the export's order, with their unit paths.
    people: Vec<(Vec<String>, &'a Person)>,
    maker: Maker<'a>,
}

impl<'a> Prepared<'a> {
    /// The export with every person's record.
    pub fn into_export(self) -> Export<'a> {
        let people = self.people.par_iter().map(|(path, person)| self.maker.person(path, person)).collect();
        Export { people, ..self.whole }
    }

    /// The export's TOML text in parts, as [`Export::toml_parts`], each part's
    /// records made as it is written and let go after.
    pub fn toml_parts(&self) -> impl Iterator<Item = Result<Part, ExportError>> + '_ {
        let people = self
            .people
            .chunks(PEOPLE_PER_PART)
            .map(|chunk| part_of(chunk.par_iter().map(|(path, person)| table_of(&self.maker.person(path, person)))));
        parts(&self.whole, people)
    }
}

/// What every person's record is made from.
struct Maker<'a> {
    units: HashMap<&'a str, &'a Unit>,
    context: Context<'a>,
    hierarchy: Hierarchy<'a>,
    sheets: Sheets<'a>,
    formula: ScoreFormula,
    evaluations: Evaluations<'a>,
    meetings: MeetingTally<'a>,
    trainings: Trainings<'a>,
}

impl<'a> Maker<'a> {
    fn person(&self, unit_path: &[String], person: &'a Person) -> ExportPerson<'a> {
        let Maker { units, context, hierarchy, sheets, formula, evaluations, meetings, trainings } = self;
        let evaluated =
            evaluations.of(hierarchy, formula, &person.id, context.performance(hierarchy, formula, &person.id));
        ExportPerson {
            id: person.id,
            name: Cow::Borrowed(&person.name),
            kana: Cow::Borrowed(person.kana.as_deref().unwrap_or_default()),
            grade: person.grade,
            title: Cow::Borrowed(&person.title),
            unit: units.contains_key(person.unit.as_str()).then(|| person.unit.clone()),
            unit_path: unit_path.to_vec(),
            reviewer: person.reviewer,
            second_reviewer: hierarchy.second_reviewer_of(&person.id).map(|second| second.id),
            competency_group: evaluated.group,
            sheet_state: Cow::Borrowed(sheets.state(&person.id).key()),
            performance_score: evaluated.performance_score,
            competency_score: evaluated.competency_score,
            score: evaluated.score,
            level: evaluated.level,
            final_score: evaluated.adjusted.and_then(|outcome| outcome.score),
            final_level: evaluated.adjusted.and_then(|outcome| outcome.level),
            meetings_count: Some(meetings.count(&person.id)),
            last_meeting: meetings.last(&person.id),
            login: person.login.as_deref().map(Cow::Borrowed),
            roles: Cow::Borrowed(&person.roles),
            sheet_history: history(sheets, &person.id),
            revisions: context
                .goals_file(&person.id)
                .map_or(Cow::Borrowed(&[][..]), |file| Cow::Borrowed(&file.revisions)),
            changes_since_approval: changes_since_approval(sheets, context, &person.id),
            competencies: evaluated.competencies,
            adjustments: evaluated.adjustments,
            trainings: trainings.of(&person.id),
            goals: context.goals_of(&person.id),
        }
    }
}

/// Works out one cycle's export but for its people's records (see [`Prepared`]).
pub fn prepare<'a>(
    info: &DataSetInfo,
    org: &'a Org,
    data: &'a CycleData,
    options: Options<'_>,
) -> Result<Prepared<'a>, ExportError> {
    let mut units: HashMap<&str, &Unit> = HashMap::default();
    for unit in &org.units {
        units.entry(unit.id.as_str()).or_insert(unit);
    }
    if let Some(unit) = options.unit.filter(|u| !units.contains_key(u)) {
        return Err(ExportError::UnknownUnit(unit.to_owned()));
    }
    // Only the Do logs, which it never writes, may be away ([`crate::store::Store::reading_for_export`]).
    let held_goals = data.goals.iter().filter(|file| file.holds_more_than_logs_on_disk()).map(|file| &file.owner);
    let held_feedback = data.feedback.iter().filter(|file| file.holds_texts_on_disk()).map(|file| &file.reviewer);
    if let Some(writer) = held_goals.chain(held_feedback).next() {
        return Err(ExportError::TextsNotRead(*writer));
    }
    let engagement = info.engagement_settings();
    let hierarchy = Hierarchy::new(org);
    let path_of = |unit: &str| -> Vec<String> {
        unit_chain(&units, unit).iter().rev().filter_map(|id| units.get(id).map(|u| u.name.clone())).collect()
    };
    let in_filter = |unit: &str| options.unit.is_none_or(|wanted| unit_chain(&units, unit).contains(&wanted));
    let mut people: Vec<(Vec<String>, &Person)> = org
        .people
        .iter()
        .filter(|person| in_filter(&person.unit))
        .map(|person| (path_of(&person.unit), person))
        .collect();
    people.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| natural_cmp(&a.1.id, &b.1.id)));
    let exported_people: HashSet<&str> = people.iter().map(|(_, person)| person.id.as_str()).collect();
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
                head: unit.head,
            };
            (path_of(&unit.id), exported)
        })
        .collect();
    exported_units.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| natural_cmp(&a.1.id, &b.1.id)));
    let evaluations = Evaluations::new(data);
    let meetings = MeetingTally::new(data);
    let formula = info.score_formula();
    let cycle = &data.cycle;
    let whole = Export {
        schema: SCHEMA.to_owned(),
        generated_at: options.generated_at,
        organisation: info.organisation.clone(),
        cycle: ExportCycle {
            id: cycle.id.to_string(),
            name: cycle.name.clone().unwrap_or_default(),
            start: cycle.start,
            end: cycle.end,
        },
        score_formula: formula.clone(),
        units: exported_units.into_iter().map(|(_, unit)| unit).collect(),
        abilities: evaluations.abilities(),
        meetings: meetings_of(data, |id| exported_people.contains(id)),
        engagement: engagement_of(data, &engagement, |unit| in_filter(unit)),
        people: Vec::new(),
    };
    // The cascade and the sheets, each a walk over everyone: side by side.
    let (context, sheets) = rayon::join(|| Context::new(org, data, &engagement), || all_sheets(&hierarchy, data));
    let maker =
        Maker { context, sheets, hierarchy, units, formula, evaluations, meetings, trainings: Trainings::new(data) };
    Ok(Prepared { whole, people, maker })
}

/// The data's errors, as [`super::validity::errors`] finds them, and its export
/// worked out, side by side: valid data is the rule, and each is a walk over
/// everyone with parts on one core. The export is of use only when there is no error.
pub fn checked<'a>(
    info: &DataSetInfo,
    org: &'a Org,
    data: &'a CycleData,
    goals_elsewhere: &HashMap<GoalId, CycleId>,
    options: Options<'_>,
) -> (Vec<Problem>, Result<Prepared<'a>, ExportError>) {
    rayon::join(|| super::validity::errors(org, data, goals_elsewhere), || prepare(info, org, data, options))
}

/// A text of a record as the export writes it: [`prepare`] refuses data holding
/// texts left on disk, so every text here was read.
fn text(held: &Held<String>) -> Cow<'_, str> {
    Cow::Borrowed(held.get().map_or("", String::as_str))
}

/// A plan snapshot as the export writes it, read as every text here is ([`text`]).
fn snapshot(held: &Held<Vec<PlannedGoal>>) -> &[PlannedGoal] {
    held.get().map_or(&[], Vec::as_slice)
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
