//! Every change to a data set, from the app or the command line, as one value, and
//! the pure function that turns it into the files it writes. The workspace asks
//! [`policy`](super::policy) first, then applies and saves what [`apply`] gives.

use super::calibration::{self, CalibrationError, CalibrationFile, FinalValue, final_result};
use super::competency::{AbilityRating, competency_sheet};
use super::date::Timestamp;
use super::edit::{self, Edit, EditError};
use super::engagement::{EngagementFile, EngagementResult};
use super::info::DataSetInfo;
use super::meetings::{Meeting, MeetingsFile};
use super::source::Source;
use super::types::{Cycle, CycleId, Feedback, FeedbackFile, GoalsFile, Org, PersonId, Step};
use super::upsert::{drop_later, replace_or_push};
use super::validate::{TEXT_LIMIT, check_text};
use super::workflow::{self, WorkflowError};
use super::world::World;

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// A change to the actor's own sheet (goals, PDCA notes, proposals, answers).
    Sheet(Edit),
    /// The actor's feedback to a report, on one goal or on the whole sheet; it
    /// replaces what the actor wrote before on the same goal.
    Feedback(Feedback),
    /// The actor's level of a report's ability (一次評価 or 二次評価, by who the actor
    /// is to the person); it replaces what the actor wrote before on the same ability.
    RateAbility(AbilityRating),
    /// Calibration (評価調整): `person`'s final level or score set to `to`, for `reason`.
    Adjust { person: PersonId, to: FinalValue, reason: String },
    /// A workflow step on `person`'s sheet.
    Step { person: PersonId, step: Step, comment: String },
    /// HR: the organisation as a whole (e.g. after a roster import).
    ReplaceOrg(Org),
    /// HR: a new cycle, with draft goals carried over from an earlier one; nothing
    /// existing is ever replaced.
    OpenCycle { cycle: Cycle, carried: Vec<GoalsFile> },
    /// HR: which cycle the app and the commands open by default.
    SetCurrentCycle(CycleId),
    /// A 1on1 the actor writes down in their own file: new (`index: None`) or in
    /// place of the one at `index` there.
    Meeting { index: Option<usize>, meeting: Meeting },
    /// HR: the cycle's engagement results, in place of an earlier import.
    ImportEngagement(Vec<EngagementResult>),
}

/// A record to be written to a file; it is written as the record itself.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum Content {
    Goals(GoalsFile),
    Feedback(FeedbackFile),
    Org(Org),
    Info(Box<DataSetInfo>),
    Cycle(Cycle),
    Calibration(CalibrationFile),
    Meetings(MeetingsFile),
    Engagement(EngagementFile),
}

/// One file a command writes.
#[derive(Clone, Debug, PartialEq)]
pub struct FileWrite {
    pub source: Source,
    pub content: Content,
    /// The file must not exist yet: never replace one.
    pub create: bool,
}

impl FileWrite {
    fn replace(source: Source, content: Content) -> FileWrite {
        FileWrite { source, content, create: false }
    }
}

/// Why a command could not be applied: the change itself is not valid.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Invalid {
    #[error("{0}")]
    Edit(#[from] EditError),
    #[error("{0}")]
    Workflow(#[from] WorkflowError),
    #[error("{0}")]
    Calibration(#[from] CalibrationError),
}

/// The files `command` writes when `actor` gives it at `now`. Pure: nothing is
/// saved, and on error nothing is to be.
pub fn apply(world: &World, actor: &str, now: Timestamp, command: Command) -> Result<Vec<FileWrite>, Invalid> {
    let cycle = world.data.cycle.id.clone();
    let goals_source = || Source::Goals { cycle: cycle.clone(), person: actor.into() };
    let feedback_source = || Source::Feedback { cycle: cycle.clone(), reviewer: actor.into() };
    let own_goals = || world.goals_file(actor).cloned().unwrap_or_else(|| GoalsFile::new(actor, &cycle));
    let own_feedback = || world.feedback_file(actor).cloned().unwrap_or_else(|| FeedbackFile::new(actor, &cycle));
    Ok(match command {
        Command::Sheet(change) => {
            if let Edit::RateAbility { rating } = &change {
                rated_for(world, actor, &rating.ability)?;
            }
            let mut file = own_goals();
            edit::apply(&mut file, &world.data, change)?;
            vec![FileWrite::replace(goals_source(), Content::Goals(file))]
        }
        Command::Feedback(feedback) => {
            let mut file = own_feedback();
            add_feedback(world, &mut file, feedback)?;
            vec![FileWrite::replace(feedback_source(), Content::Feedback(file))]
        }
        Command::RateAbility(rating) => {
            let mut file = own_feedback();
            add_ability_rating(world, &mut file, rating)?;
            vec![FileWrite::replace(feedback_source(), Content::Feedback(file))]
        }
        Command::Adjust { person, to, reason } => {
            let hierarchy = world.hierarchy();
            let formula = world.info.score_formula();
            let (_, current) = final_result(&hierarchy, &world.data, &formula, &person);
            let (source, record) =
                calibration::adjust(&hierarchy, &world.data, &current, actor, &person, to, &reason, now)?;
            let mut file = world
                .data
                .calibration
                .iter()
                .find(|file| file.calibrator == actor)
                .cloned()
                .unwrap_or_else(|| CalibrationFile::new(actor, &cycle));
            file.adjustment.push(record);
            vec![FileWrite::replace(source, Content::Calibration(file))]
        }
        Command::Step { person, step, comment } => {
            let hierarchy = world.hierarchy();
            let (source, record) = workflow::record(&hierarchy, &world.data, actor, &person, step, &comment, now)?;
            if matches!(source, Source::Goals { .. }) {
                let mut file = own_goals();
                file.sheet.push(record);
                vec![FileWrite::replace(goals_source(), Content::Goals(file))]
            } else {
                let mut file = own_feedback();
                file.sheet.push(record);
                vec![FileWrite::replace(feedback_source(), Content::Feedback(file))]
            }
        }
        Command::ReplaceOrg(org) => vec![FileWrite::replace(Source::Org, Content::Org(org))],
        Command::OpenCycle { cycle, carried } => {
            let id = cycle.id.clone();
            let mut writes: Vec<FileWrite> = carried
                .into_iter()
                .map(|file| FileWrite {
                    source: Source::Goals { cycle: id.clone(), person: file.owner },
                    content: Content::Goals(file),
                    create: true,
                })
                .collect();
            // The cycle file last: a cycle whose creation was cut short is no cycle.
            writes.push(FileWrite { source: Source::Cycle(id), content: Content::Cycle(cycle), create: true });
            writes
        }
        Command::SetCurrentCycle(id) => {
            let info = DataSetInfo { current_cycle: id, ..world.info.clone() };
            vec![FileWrite::replace(Source::Info, Content::Info(Box::new(info)))]
        }
        Command::Meeting { index, meeting } => {
            let mut file = world
                .data
                .instruments
                .meetings
                .iter()
                .find(|file| file.writer == actor)
                .cloned()
                .unwrap_or_else(|| MeetingsFile::new(actor, &cycle));
            let pair = [actor.to_owned(), meeting.with.to_string()];
            let goal_of_pair = |goal: &str| pair.iter().any(|owner| world.goals_of(owner).iter().any(|g| g.id == goal));
            save_meeting(&mut file, index, meeting, goal_of_pair)?;
            let source = Source::Meetings { cycle: cycle.clone(), writer: actor.into() };
            vec![FileWrite::replace(source, Content::Meetings(file))]
        }
        Command::ImportEngagement(results) => {
            let mut file =
                world.data.instruments.engagement.clone().unwrap_or_else(|| EngagementFile::new(&cycle, Vec::new()));
            file.replace_results(results);
            vec![FileWrite::replace(Source::Engagement(cycle.clone()), Content::Engagement(file))]
        }
    })
}

/// That `ability` is one `person` is rated on (in the framework, for their level group).
fn rated_for(world: &World, person: &str, ability: &str) -> Result<(), EditError> {
    let sheet = competency_sheet(&world.hierarchy(), &world.data, person);
    if sheet.is_some_and(|sheet| sheet.abilities.iter().any(|levels| levels.ability.id == ability)) {
        Ok(())
    } else {
        Err(EditError::UnknownAbility(ability.into()))
    }
}

/// Puts `rating` into the rater's `file`, in place of their earlier ones of the same
/// person and ability; keys of a newer version stay with the entry.
fn add_ability_rating(world: &World, file: &mut FeedbackFile, rating: AbilityRating) -> Result<(), EditError> {
    let comment = rating.comment.get()?;
    if let Some(kind) = check_text("comment", comment, TEXT_LIMIT) {
        return Err(EditError::BadText(kind));
    }
    rated_for(world, &rating.person, &rating.ability)?;
    let same = |a: &AbilityRating, b: &AbilityRating| a.person == b.person && a.ability == b.ability;
    let at = replace_or_push(&mut file.competency, rating, same, |new, old| new.extra = std::mem::take(&mut old.extra));
    // One entry per person and ability: any later ones give way to this one.
    drop_later(&mut file.competency, at, same);
    Ok(())
}

/// Puts `feedback` into the reviewer's `file`, in place of an earlier entry on the
/// same goal; keys of a newer version stay with the entry they belong to.
fn add_feedback(world: &World, file: &mut FeedbackFile, feedback: Feedback) -> Result<(), EditError> {
    let notes = feedback.notes.get()?;
    for (field, text) in [
        ("strengths", &feedback.strengths),
        ("improvements", &notes.improvements),
        ("contribution", &notes.contribution),
        ("comment", &notes.comment),
    ] {
        if let Some(kind) = check_text(field, text, TEXT_LIMIT) {
            return Err(EditError::BadText(kind));
        }
    }
    if let Some(goal) = &feedback.goal
        && !world.goals_of(&feedback.person).iter().any(|g| g.id == goal)
    {
        return Err(EditError::NoSuchGoal(goal.clone()));
    }
    let same = |a: &Feedback, b: &Feedback| a.person == b.person && a.goal == b.goal;
    replace_or_push(&mut file.feedback, feedback, same, |new, old| new.extra = std::mem::take(&mut old.extra));
    Ok(())
}

/// Puts `meeting` into the writer's `file`: a new one (`index: None`), or in place
/// of the one at `index` (keys of a newer version stay with it). The texts are
/// checked as everywhere; an agreed action may name only a goal of the pair's.
fn save_meeting(
    file: &mut MeetingsFile,
    index: Option<usize>,
    meeting: Meeting,
    goal_of_pair: impl Fn(&str) -> bool,
) -> Result<(), EditError> {
    let texts = [("agenda", &meeting.texts.agenda), ("notes", &meeting.texts.notes)];
    let actions = meeting.texts.actions.iter().map(|action| ("text", &action.text));
    for (field, text) in texts.into_iter().chain(actions) {
        if let Some(kind) = check_text(field, text, TEXT_LIMIT) {
            return Err(EditError::BadText(kind));
        }
    }
    if let Some(goal) = meeting.texts.actions.iter().filter_map(|a| a.goal.as_deref()).find(|goal| !goal_of_pair(goal))
    {
        return Err(EditError::NoSuchGoal(goal.into()));
    }
    match index {
        None => file.meetings.push(meeting),
        Some(index) => {
            let existing = file.meetings.get_mut(index).ok_or(EditError::NoSuchMeeting(index))?;
            // Keys of the 1on1 this version does not know stay as they were.
            let mut meeting = meeting;
            meeting.texts.extra = std::mem::take(&mut existing.texts.extra);
            *existing = meeting;
        }
    }
    Ok(())
}
