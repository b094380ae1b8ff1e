//! The sheet workflow (目標管理シート) of one person in one cycle:
//!
//! ```text
//! 下書き Draft ─submit→ 提出 Submitted ─approve→ 承認 Approved ─self-check→ 自己評価済 SelfChecked
//!   ─review→ 一次評価済 Reviewed ─confirm→ 確定 Confirmed ─feedback-held→ フィードバック済 FeedbackHeld
//! ```
//!
//! The owner submits and submits the self-check; the reviewer (一次評価者) approves at
//! the start-of-period interview, reviews and holds the feedback interview; the second
//! reviewer (二次評価者: the one org.toml names, else the reviewer's reviewer) confirms —
//! or the reviewer, when org.toml names no one above them. `send-back`, with a
//! mandatory comment, returns the sheet to its previous state: the reviewer sends back
//! a submitted, approved, self-checked or reviewed sheet, the second reviewer a
//! reviewed or confirmed one. `send-back-to-draft` is the same, straight to draft.
//!
//! Where the person has a 能力評価 half, the sheet has two halves and a step that
//! completes one completes both: the self-check needs a self level on at least one
//! goal (someone leaving mid-year checks what they finished) and on every applicable
//! ability; the review needs the reviewer's level on every applicable ability. These
//! are preconditions of taking a step now; replay does not re-check them, so a sheet
//! keeps its state when HR adds a framework in the middle of a cycle.
//!
//! Every step is a [`SheetRecord`] in the file of the person who took it (the owner's
//! goals file, else the taker's feedback file), so each file keeps one writer. The
//! state is not stored: it is derived by replaying the person's records in time order.
//! A record that is not a valid step at its point — taken by someone who does not hold
//! the role in org.toml, not possible from the state then, a send-back without a
//! comment — is ignored and reported.

use crate::model::hash::HashMap;
use rayon::prelude::*;
use std::fmt;

use super::competency::{Rater, RatingIndex, competency_sheet};
use super::date::Timestamp;
use super::permissions::Hierarchy;
use super::seal;
use super::source::Source;
use super::types::{CycleData, Feedback, Goal, Person, PersonId, Phase, PlannedGoal, SheetRecord, Step};

mod abilities;
mod replay;
use replay::{gather, replay};
mod steps;

use abilities::all_rated;
pub use abilities::{CompetencyProgress, NotRated};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SheetState {
    Draft,
    Submitted,
    Approved,
    SelfChecked,
    Reviewed,
    Confirmed,
    FeedbackHeld,
}

impl SheetState {
    pub const ALL: [SheetState; 7] = [
        SheetState::Draft,
        SheetState::Submitted,
        SheetState::Approved,
        SheetState::SelfChecked,
        SheetState::Reviewed,
        SheetState::Confirmed,
        SheetState::FeedbackHeld,
    ];

    /// The stable code of the state, as the HR export writes it.
    pub fn key(self) -> &'static str {
        match self {
            SheetState::Draft => "draft",
            SheetState::Submitted => "submitted",
            SheetState::Approved => "approved",
            SheetState::SelfChecked => "self-checked",
            SheetState::Reviewed => "reviewed",
            SheetState::Confirmed => "confirmed",
            SheetState::FeedbackHeld => "feedback-held",
        }
    }

    fn previous(self) -> Option<SheetState> {
        let index = SheetState::ALL.iter().position(|&state| state == self)?;
        index.checked_sub(1).map(|before| SheetState::ALL[before])
    }
}

impl fmt::Display for SheetState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// The part a person plays on someone's sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Owner,
    /// 一次評価者.
    Reviewer,
    /// 二次評価者: the one org.toml names, else the reviewer's reviewer, or the reviewer
    /// when no one is above them.
    Confirmer,
}

/// Who confirms `person`'s sheet (二次評価): their second reviewer, see
/// [`Hierarchy::second_reviewer_of`]. Never the person themself.
pub fn confirmer_of<'a>(org: &Hierarchy<'a>, person: &str) -> Option<&'a Person> {
    org.second_reviewer_of(person)
}

fn holder_of<'a>(org: &Hierarchy<'a>, role: Role, person: &str) -> Option<&'a Person> {
    match role {
        Role::Owner => org.person(person),
        Role::Reviewer => org.reviewer_of(person).filter(|reviewer| reviewer.id != person),
        Role::Confirmer => confirmer_of(org, person),
    }
}

fn holds_any(org: &Hierarchy<'_>, roles: &[Role], actor: &str, person: &str) -> bool {
    roles.iter().any(|&role| holder_of(org, role, person).is_some_and(|holder| holder.id == actor))
}

/// A step that took effect.
#[derive(Clone, Debug, PartialEq)]
pub struct SheetEvent<'a> {
    pub record: &'a SheetRecord,
    /// The file that holds the record.
    pub source: Source,
    pub from: SheetState,
    pub to: SheetState,
}

/// A record that the replay ignored.
#[derive(Clone, Debug, PartialEq)]
pub struct IgnoredRecord<'a> {
    pub record: &'a SheetRecord,
    pub source: Source,
    /// Whose sheet the record is about, where it says.
    pub person: Option<&'a str>,
    pub reason: IgnoredBecause,
}

#[derive(Clone, Debug, PartialEq)]
pub enum IgnoredBecause {
    /// A record in a feedback file must say whose sheet it is about.
    NoPerson,
    /// A goals file holds steps on its owner's own sheet only.
    NotOwnSheet {
        person: PersonId,
    },
    /// `by` names someone other than the file's writer.
    NotTheWriter {
        writer: PersonId,
    },
    /// The step belongs in the other kind of file.
    WrongFile,
    NotPossible {
        state: SheetState,
    },
    /// `by` does not hold any of these roles on the sheet, as org.toml says now.
    NotAllowed {
        roles: &'static [Role],
    },
    NoComment,
}

/// A sheet's state, replayed from its records.
#[derive(Clone, Debug, PartialEq)]
pub struct SheetStatus<'a> {
    pub state: SheetState,
    /// The steps that took effect, oldest first.
    pub history: Vec<SheetEvent<'a>>,
    /// This sheet's records that were ignored, oldest first.
    pub ignored: Vec<IgnoredRecord<'a>>,
    /// What the 能力評価 half still lacks, where the person has one.
    pub competency: Option<CompetencyProgress<'a>>,
}

impl<'a> SheetStatus<'a> {
    /// A sheet without records.
    fn draft() -> SheetStatus<'a> {
        SheetStatus { state: SheetState::Draft, history: Vec::new(), ignored: Vec::new(), competency: None }
    }

    /// The approval in force: the last `approve` step, while the sheet is approved or later.
    pub fn approval(&self) -> Option<&'a SheetRecord> {
        if self.state < SheetState::Approved {
            return None;
        }
        self.history.iter().rev().find(|event| event.record.step == Step::Approve).map(|event| event.record)
    }

    /// The confirmation in force: the last `confirm` step, while the sheet is confirmed or later.
    pub fn confirmation(&self) -> Option<&SheetEvent<'a>> {
        if self.state < SheetState::Confirmed {
            return None;
        }
        self.history.iter().rev().find(|event| event.record.step == Step::Confirm)
    }
}

/// Every sheet of a cycle, replayed in one pass (for checks and inboxes over many people).
#[derive(Clone, Debug, Default)]
pub struct Sheets<'a> {
    /// The sheets that have records; every other sheet is a draft.
    pub by_person: HashMap<&'a str, SheetStatus<'a>>,
    /// Records that concern no sheet they may touch (no `person`, or another person's
    /// sheet in a goals file).
    pub stray: Vec<IgnoredRecord<'a>>,
}

impl<'a> Sheets<'a> {
    pub fn state(&self, person: &str) -> SheetState {
        self.by_person.get(person).map_or(SheetState::Draft, |status| status.state)
    }

    /// The replayed status of `person`'s sheet (a draft without history when it has no records).
    pub fn status(&self, person: &str) -> SheetStatus<'a> {
        self.by_person.get(person).cloned().unwrap_or_else(SheetStatus::draft)
    }

    /// Every ignored record, stray ones first.
    pub fn ignored(&self) -> impl Iterator<Item = &IgnoredRecord<'_>> {
        self.stray.iter().chain(self.by_person.values().flat_map(|status| &status.ignored))
    }
}

/// The state and history of `person`'s sheet.
pub fn sheet_state<'a>(org: &Hierarchy<'_>, data: &'a CycleData, person: &str) -> SheetStatus<'a> {
    let (mut records, _) = gather(data, Some(person));
    let mut status = match records.first() {
        Some(first) => replay(org, &data.cycle.id, first.person, &mut records),
        None => SheetStatus::draft(),
    };
    status.competency = competency_sheet(org, data, person).as_ref().map(CompetencyProgress::of);
    status
}

/// Every sheet of the cycle at once.
pub fn all_sheets<'a>(org: &Hierarchy<'_>, data: &'a CycleData) -> Sheets<'a> {
    let ratings = data.competencies.as_ref().map(|framework| (framework, RatingIndex::new(data)));
    let (by_person, stray) = replay_each(org, data, |person, mut status| {
        status.competency = ratings
            .as_ref()
            .and_then(|(framework, index)| index.sheet(org, framework, person))
            .as_ref()
            .map(CompetencyProgress::of);
        status
    });
    Sheets { by_person, stray }
}

/// Every sheet replayed as [`all_sheets`] replays it, without its 能力評価 part
/// (`competency` is `None`): for the rules that read the steps alone.
pub fn replayed_sheets<'a>(org: &Hierarchy<'_>, data: &'a CycleData) -> Sheets<'a> {
    let (by_person, stray) = replay_each(org, data, |_, status| status);
    Sheets { by_person, stray }
}

/// Every sheet's state and every ignored record, which the warnings about sheets
/// read: replayed as [`replayed_sheets`] replays them, with each history let go
/// as soon as it is replayed (a city's were 10 MB, held at once beside the app's
/// whole load).
pub fn states_and_ignored<'a>(org: &Hierarchy<'_>, data: &'a CycleData) -> (SheetStates, Vec<IgnoredRecord<'a>>) {
    let (by_person, mut ignored) = replay_each(org, data, |_, status| (status.state, status.ignored));
    let mut states = HashMap::default();
    states.reserve(by_person.len());
    for (person, (state, theirs)) in by_person {
        states.insert(person.into(), state);
        ignored.extend(theirs);
    }
    (SheetStates(states), ignored)
}

/// Every sheet's state alone, which is what views of everyone show of a sheet:
/// replayed as [`all_sheets`] replays them, without the 能力評価 part, and with
/// each history let go as soon as it is replayed.
pub fn sheet_states(org: &Hierarchy<'_>, data: &CycleData) -> SheetStates {
    let (by_person, _) = replay_each(org, data, |_, status| status.state);
    SheetStates(by_person.into_iter().map(|(person, state)| (person.into(), state)).collect())
}

/// Every person's sheet replayed, each on its own on all cores (a city has
/// 20,000), and what `keep` makes of it; with the records naming no sheet.
fn replay_each<'a, T: Send>(
    org: &Hierarchy<'_>,
    data: &'a CycleData,
    keep: impl Fn(&'a str, SheetStatus<'a>) -> T + Sync,
) -> (HashMap<&'a str, T>, Vec<IgnoredRecord<'a>>) {
    let (mut records, stray) = gather(data, None);
    let sheets = records.par_chunk_by_mut(|a, b| a.person == b.person);
    let kept = sheets.map(|sheet| {
        let person = sheet[0].person;
        (person, keep(person, replay(org, &data.cycle.id, person, sheet)))
    });
    (kept.collect(), stray)
}

/// Sheets' states by person (see [`sheet_states`]).
#[derive(Clone, Debug, Default)]
pub struct SheetStates(HashMap<PersonId, SheetState>);

impl SheetStates {
    pub fn state(&self, person: &str) -> SheetState {
        self.0.get(person).copied().unwrap_or(SheetState::Draft)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WorkflowError {
    UnknownPerson { id: String },
    NotNow { person: String, state: SheetState, step: Step },
    NotAllowed { actor: String, step: Step, person: String, allowed: Vec<Holder> },
    CommentRequired,
    EmptySheet { person: String },
    NoSelfCheck { person: String },
    AbilitiesNotRated(NotRated),
    ClockBehind { now: Timestamp, last: Timestamp },
}

/// For logs and developers; what users read comes from the messages.
impl std::fmt::Display for WorkflowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for WorkflowError {}

/// Who holds a role on a sheet: the person's label ("鈴木 花子 (suzuki)"), or
/// `None` when org.toml names nobody for the role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    pub role: Role,
    pub person: Option<String>,
}

/// The holders of `roles` on `person`'s sheet, to say who may take a step.
fn holders(org: &Hierarchy<'_>, roles: &[Role], person: &str) -> Vec<Holder> {
    roles
        .iter()
        .map(|&role| Holder { role, person: holder_of(org, role, person).map(|holder| org.label(&holder.id)) })
        .collect()
}

fn goals_of<'a>(data: &'a CycleData, person: &str) -> &'a [Goal] {
    data.goals.iter().find(|file| file.owner == person).map_or(&[], |file| file.goals.as_slice())
}

/// Whether `actor` may take `step` on a sheet in `status` now; the state it leads to.
fn check_step(
    org: &Hierarchy<'_>,
    goals: &[Goal],
    status: &SheetStatus<'_>,
    actor: &str,
    person: &str,
    step: Step,
) -> Result<SheetState, WorkflowError> {
    let Some(next) = step.target(status.state) else {
        return Err(WorkflowError::NotNow { person: org.label(person), state: status.state, step });
    };
    let roles = step.roles(status.state);
    if !holds_any(org, roles, actor, person) {
        return Err(WorkflowError::NotAllowed {
            actor: org.label(actor),
            step,
            person: org.label(person),
            allowed: holders(org, roles, person),
        });
    }
    match step {
        Step::Submit | Step::Approve if goals.is_empty() => {
            Err(WorkflowError::EmptySheet { person: org.label(person) })
        }
        Step::SelfCheck if goals.iter().all(|goal| goal.check.is_none()) => {
            Err(WorkflowError::NoSelfCheck { person: org.label(person) })
        }
        Step::SelfCheck => all_rated(org, status, person, Rater::Owner).map(|()| next),
        Step::Review => all_rated(org, status, person, Rater::Reviewer).map(|()| next),
        _ => Ok(next),
    }
}

/// The steps `actor` may take on `person`'s sheet now (a send-back still needs its comment).
pub fn next_steps(org: &Hierarchy<'_>, data: &CycleData, actor: &str, person: &str) -> Vec<Step> {
    let status = sheet_state(org, data, person);
    next_steps_given(org, goals_of(data, person), &status, actor, person)
}

/// [`next_steps`] for a sheet whose goals and replayed status are at hand (e.g. from
/// [`all_sheets`]), so an inbox of thousands need not replay each sheet again.
pub fn next_steps_given(
    org: &Hierarchy<'_>,
    goals: &[Goal],
    status: &SheetStatus<'_>,
    actor: &str,
    person: &str,
) -> Vec<Step> {
    Step::ALL.into_iter().filter(|&step| check_step(org, goals, status, actor, person, step).is_ok()).collect()
}

/// Whether `actor` may take `step` on `person`'s sheet now: the step's roles, the
/// sheet's state, and what the step needs (goals, a self-check).
pub fn may_take(
    org: &Hierarchy<'_>,
    data: &CycleData,
    actor: &str,
    person: &str,
    step: Step,
) -> Result<(), WorkflowError> {
    for id in [actor, person] {
        if org.person(id).is_none() {
            return Err(WorkflowError::UnknownPerson { id: id.to_owned() });
        }
    }
    let status = sheet_state(org, data, person);
    check_step(org, goals_of(data, person), &status, actor, person, step).map(|_| ())
}

/// Validates `actor` taking `step` on `person`'s sheet at `now`, and gives the record
/// and the file it goes in (the caller adds it to that file's `sheet` and saves). An
/// approval carries a snapshot of the plan.
pub fn record(
    org: &Hierarchy<'_>,
    data: &CycleData,
    actor: &str,
    person: &str,
    step: Step,
    comment: &str,
    now: Timestamp,
) -> Result<(Source, SheetRecord), WorkflowError> {
    for id in [actor, person] {
        if org.person(id).is_none() {
            return Err(WorkflowError::UnknownPerson { id: id.to_owned() });
        }
    }
    let status = sheet_state(org, data, person);
    let goals = goals_of(data, person);
    check_step(org, goals, &status, actor, person, step)?;
    if step.sends_back() && comment.trim().is_empty() {
        return Err(WorkflowError::CommentRequired);
    }
    if let Some(last) = status.history.last().map(|event| event.record.at).filter(|&last| now <= last) {
        // An earlier time would sort the new step before the steps it follows.
        return Err(WorkflowError::ClockBehind { now, last });
    }
    let cycle = data.cycle.id.clone();
    let (source, about) = if step.is_owners() {
        (Source::Goals { cycle, person: actor.into() }, None)
    } else {
        (Source::Feedback { cycle, reviewer: actor.into() }, Some(person.into()))
    };
    let (plan, confirmed) = match step {
        Step::Approve => (goals.iter().map(PlannedGoal::of).collect(), None),
        Step::Confirm => {
            let (plan, confirmed) = seal::snapshot(org, data, person);
            (plan, Some(Box::new(confirmed)))
        }
        _ => (Vec::new(), None),
    };
    let record = SheetRecord {
        person: about,
        step,
        by: actor.into(),
        at: now,
        comment: comment.trim().to_owned(),
        plan: plan.into(),
        confirmed,
        extra: Default::default(),
    };
    Ok((source, record))
}

/// Whether `rater` may still change their ability ratings on a sheet in `state`: the
/// owner until the self-check is submitted, the reviewers until the sheet is
/// confirmed (確定), after which the evaluation stands until it is sent back.
pub fn may_rate(rater: Rater, state: SheetState) -> bool {
    match rater {
        Rater::Owner => state < SheetState::SelfChecked,
        Rater::Reviewer | Rater::SecondReviewer => state < SheetState::Confirmed,
    }
}

/// Whether editing a goal's plan now needs a reason (期中の見直し): once the sheet is approved.
pub fn needs_revision_reason(state: SheetState) -> bool {
    state >= SheetState::Approved
}

/// The state a sheet should have reached while the cycle is in `phase`: a sheet
/// behind it is late. The plan is approved before the Do phase starts; the
/// self-check and the reviews are the Check phase's work, so they are late only
/// once the Action phase has begun, by which time the sheet should be confirmed.
pub fn expected_by(phase: Phase) -> SheetState {
    match phase {
        Phase::Plan => SheetState::Draft,
        Phase::Do | Phase::Check => SheetState::Approved,
        Phase::Action => SheetState::Confirmed,
    }
}

/// Whether `person`'s feedback is released to them: their sheet is confirmed or later.
pub fn released(org: &Hierarchy<'_>, data: &CycleData, person: &str) -> bool {
    sheet_state(org, data, person).state >= SheetState::Confirmed
}

/// The feedback on `person` that `actor` may read: everything for those above the
/// person and HR; for the person, what is released or shared early by its writer.
pub fn visible_feedback<'a>(org: &Hierarchy<'_>, data: &'a CycleData, actor: &str, person: &str) -> Vec<&'a Feedback> {
    let sheet_released = released(org, data, person);
    let may_read_unreleased = org.can_read_feedback(actor, person, sheet_released).is_ok();
    let may_read_shared = org.can_read_feedback(actor, person, true).is_ok();
    data.feedback
        .iter()
        .flat_map(|file| &file.feedback)
        .filter(|entry| entry.person == person)
        .filter(|entry| if entry.shared { may_read_shared } else { may_read_unreleased })
        .collect()
}

#[cfg(test)]
mod tests {
    /// A refusal as the user reads it in English.
    fn english(error: &WorkflowError) -> String {
        crate::messages::workflow_error(error, crate::messages::Lang::En)
    }

    use chrono::{FixedOffset, TimeZone};

    use super::*;
    use crate::model::cascade::tests::{cycle_data, file, goal};
    use crate::model::changes::{Change, PlanField, changes_since_approval};
    use crate::model::competency::tests::{framework, rating, self_rating};
    use crate::model::date::Date;
    use crate::model::permissions::tests::city;
    use crate::model::types::{Category, Difficulty, Extra, FeedbackFile, Level, Org, SelfCheck};

    /// A moment in May 2025, Japan time.
    fn at(day: u32, hour: u32) -> Timestamp {
        Timestamp(FixedOffset::east_opt(9 * 3600).unwrap().with_ymd_and_hms(2025, 5, day, hour, 0, 0).unwrap())
    }

    fn checked(mut goal: Goal, level: Level) -> Goal {
        goal.check =
            Some(Box::new(SelfCheck { level, comment: "自己評価".into(), date: None, extra: Extra::new() }));
        goal
    }

    /// 伊藤 (reviewed by 佐藤, confirmed by 鈴木) and 鈴木 (reviewed by 田中, who has no
    /// reviewer) with weighted goals; 加藤 has an empty sheet.
    fn sheets() -> CycleData {
        let ito = vec![
            Goal { weight: Some(60), ..checked(goal("ito-1", None, 50), Level::A) },
            Goal { weight: Some(40), ..goal("ito-2", None, 20) },
        ];
        let suzuki = vec![checked(goal("suzuki-1", None, 50), Level::B)];
        cycle_data(vec![file("ito", ito, vec![]), file("suzuki", suzuki, vec![]), file("kato", vec![], vec![])])
    }

    /// Takes a step as the app would: validate, then put the record in its file.
    fn take(
        org: &Org,
        data: &mut CycleData,
        actor: &str,
        person: &str,
        step: Step,
        comment: &str,
        now: Timestamp,
    ) -> Result<Source, WorkflowError> {
        let (source, record) = record(&Hierarchy::new(org), data, actor, person, step, comment, now)?;
        match &source {
            Source::Goals { person, .. } => {
                data.goals.iter_mut().find(|file| file.owner == person).unwrap().sheet.push(record)
            }
            Source::Feedback { reviewer, .. } => {
                if !data.feedback.iter().any(|file| file.reviewer == reviewer) {
                    data.feedback.push(FeedbackFile::new(reviewer, "2025"));
                }
                data.feedback.iter_mut().find(|file| file.reviewer == reviewer).unwrap().sheet.push(record)
            }
            other => panic!("a step went to {other:?}"),
        }
        Ok(source)
    }

    fn state_of(org: &Org, data: &CycleData, person: &str) -> SheetState {
        sheet_state(&Hierarchy::new(org), data, person).state
    }

    fn goals_file(person: &str) -> Source {
        Source::Goals { cycle: "2025".into(), person: person.into() }
    }

    fn feedback_file(reviewer: &str) -> Source {
        Source::Feedback { cycle: "2025".into(), reviewer: reviewer.into() }
    }

    #[test]
    fn a_sheet_runs_the_whole_workflow_with_each_step_in_its_takers_file() {
        let org = city();
        let mut data = sheets();
        let steps = [
            ("ito", Step::Submit, goals_file("ito"), SheetState::Submitted),
            ("sato", Step::Approve, feedback_file("sato"), SheetState::Approved),
            ("ito", Step::SelfCheck, goals_file("ito"), SheetState::SelfChecked),
            ("sato", Step::Review, feedback_file("sato"), SheetState::Reviewed),
            ("suzuki", Step::Confirm, feedback_file("suzuki"), SheetState::Confirmed),
            ("sato", Step::FeedbackHeld, feedback_file("sato"), SheetState::FeedbackHeld),
        ];
        for (hour, (actor, step, file, state)) in steps.into_iter().enumerate() {
            assert_eq!(next_steps(&Hierarchy::new(&org), &data, actor, "ito")[0], step, "{actor} before {step}");
            let source = take(&org, &mut data, actor, "ito", step, "", at(10, 9 + hour as u32)).unwrap();
            assert_eq!(source, file);
            assert_eq!(state_of(&org, &data, "ito"), state);
        }
        let status = sheet_state(&Hierarchy::new(&org), &data, "ito");
        let path: Vec<(SheetState, SheetState)> = status.history.iter().map(|e| (e.from, e.to)).collect();
        assert_eq!(path.len(), 6);
        assert_eq!(path[0], (SheetState::Draft, SheetState::Submitted));
        assert!(status.ignored.is_empty());
        // Steps in feedback files say whose sheet they are about; the owner's do not need to.
        assert_eq!(data.feedback[0].sheet[0].person.as_deref(), Some("ito"));
        assert_eq!(data.goals[0].sheet[0].person, None);
        assert!(next_steps(&Hierarchy::new(&org), &data, "sato", "ito").is_empty(), "the last state is final");
    }

    /// Records at the same time keep file order, the goals file first: the owner's
    /// submission comes before the reviewer's approval. Each person's records are
    /// replayed together, whoever else's stand between them in the files.
    #[test]
    fn records_at_the_same_time_keep_file_order_and_each_sheet_its_own() {
        let org = city();
        let mut data = sheets();
        take(&org, &mut data, "ito", "ito", Step::Submit, "", at(10, 9)).unwrap();
        take(&org, &mut data, "suzuki", "suzuki", Step::Submit, "", at(10, 9)).unwrap();
        take(&org, &mut data, "sato", "ito", Step::Approve, "", at(10, 10)).unwrap();
        take(&org, &mut data, "tanaka", "suzuki", Step::Approve, "", at(10, 11)).unwrap();
        let same = at(10, 8);
        data.goals.iter_mut().flat_map(|f| &mut f.sheet).for_each(|record| record.at = same);
        data.feedback.iter_mut().flat_map(|f| &mut f.sheet).for_each(|record| record.at = same);
        let hierarchy = Hierarchy::new(&org);
        let states = sheet_states(&hierarchy, &data);
        for person in ["ito", "suzuki"] {
            assert_eq!(sheet_state(&hierarchy, &data, person).state, SheetState::Approved, "{person}");
            assert_eq!(states.state(person), SheetState::Approved, "{person}");
        }
    }

    #[test]
    fn only_the_person_holding_the_role_may_take_a_step() {
        let org = city();
        let mut data = sheets();
        let hierarchy = Hierarchy::new(&org);
        assert_eq!(next_steps(&hierarchy, &data, "ito", "ito"), [Step::Submit]);
        assert!(next_steps(&hierarchy, &data, "sato", "ito").is_empty());
        let refused = take(&org, &mut data, "sato", "ito", Step::Submit, "", at(10, 9)).unwrap_err();
        assert_eq!(
            english(&refused),
            "佐藤 健 (sato) may not take the step “submit” on the sheet of 伊藤 美咲 (ito): only 伊藤 美咲 (ito) \
             themself may"
        );
        take(&org, &mut data, "ito", "ito", Step::Submit, "", at(10, 9)).unwrap();
        for actor in ["ito", "kato", "suzuki", "kimura"] {
            let refused = take(&org, &mut data, actor, "ito", Step::Approve, "", at(10, 10)).unwrap_err();
            assert!(matches!(refused, WorkflowError::NotAllowed { .. }), "{actor}: {refused}");
        }
        assert_eq!(
            english(&take(&org, &mut data, "kato", "ito", Step::Approve, "", at(10, 10)).unwrap_err()),
            "加藤 翔 (kato) may not take the step “approve” on the sheet of 伊藤 美咲 (ito): only the reviewer \
             佐藤 健 (sato) may"
        );
        assert_eq!(
            english(&take(&org, &mut data, "sato", "ito", Step::Review, "", at(10, 10)).unwrap_err()),
            "the sheet of 伊藤 美咲 (ito) is submitted, so “review” is not possible now"
        );
        assert_eq!(
            record(&hierarchy, &data, "yamada-x", "ito", Step::Approve, "", at(10, 10)),
            Err(WorkflowError::UnknownPerson { id: "yamada-x".into() })
        );
    }

    #[test]
    fn the_reviewer_confirms_when_nobody_is_above_them() {
        // 鈴木's reviewer 田中 has no reviewer, so 田中 also confirms; 伊藤's confirmer is 鈴木.
        let org = city();
        let hierarchy = Hierarchy::new(&org);
        assert_eq!(confirmer_of(&hierarchy, "suzuki").map(|p| p.id.as_str()), Some("tanaka"));
        assert_eq!(confirmer_of(&hierarchy, "ito").map(|p| p.id.as_str()), Some("suzuki"));
        assert_eq!(confirmer_of(&hierarchy, "tanaka"), None);
        let mut data = sheets();
        for (hour, (actor, step)) in [
            ("suzuki", Step::Submit),
            ("tanaka", Step::Approve),
            ("suzuki", Step::SelfCheck),
            ("tanaka", Step::Review),
            ("tanaka", Step::Confirm),
        ]
        .into_iter()
        .enumerate()
        {
            take(&org, &mut data, actor, "suzuki", step, "", at(12, 9 + hour as u32)).unwrap();
        }
        assert_eq!(state_of(&org, &data, "suzuki"), SheetState::Confirmed);
        // Nobody can approve a sheet whose owner has no reviewer, and the refusal says why.
        let mut data = cycle_data(vec![file("tanaka", vec![goal("top", None, 0)], vec![])]);
        take(&org, &mut data, "tanaka", "tanaka", Step::Submit, "", at(12, 9)).unwrap();
        assert_eq!(
            english(&take(&org, &mut data, "suzuki", "tanaka", Step::Approve, "", at(12, 10)).unwrap_err()),
            "鈴木 花子 (suzuki) may not take the step “approve” on the sheet of 田中 一郎 (tanaka): only the \
             reviewer, and org.toml names none for them, may"
        );
    }

    #[test]
    fn sending_back_needs_a_comment_and_returns_to_the_previous_state() {
        let org = city();
        let mut data = sheets();
        take(&org, &mut data, "ito", "ito", Step::Submit, "", at(10, 9)).unwrap();
        assert_eq!(
            take(&org, &mut data, "sato", "ito", Step::SendBack, "  ", at(10, 10)),
            Err(WorkflowError::CommentRequired)
        );
        take(&org, &mut data, "sato", "ito", Step::SendBack, "ウェイトの合計を100に", at(10, 10)).unwrap();
        assert_eq!(state_of(&org, &data, "ito"), SheetState::Draft);
        assert!(matches!(
            take(&org, &mut data, "sato", "ito", Step::SendBack, "再度", at(10, 11)),
            Err(WorkflowError::NotNow { state: SheetState::Draft, .. })
        ));
        for (hour, (actor, step)) in
            [("ito", Step::Submit), ("sato", Step::Approve), ("ito", Step::SelfCheck), ("sato", Step::Review)]
                .into_iter()
                .enumerate()
        {
            take(&org, &mut data, actor, "ito", step, "", at(11, 9 + hour as u32)).unwrap();
        }
        // A reviewed sheet goes back by the reviewer or the reviewer's reviewer;
        // a confirmed one by the reviewer's reviewer only.
        let hierarchy = Hierarchy::new(&org);
        assert!(next_steps(&hierarchy, &data, "sato", "ito").contains(&Step::SendBack));
        assert_eq!(
            next_steps(&hierarchy, &data, "suzuki", "ito"),
            [Step::Confirm, Step::SendBack, Step::SendBackToDraft]
        );
        take(&org, &mut data, "suzuki", "ito", Step::SendBack, "一次評価の根拠を追記", at(11, 14)).unwrap();
        assert_eq!(state_of(&org, &data, "ito"), SheetState::SelfChecked);
        take(&org, &mut data, "sato", "ito", Step::Review, "追記した", at(11, 15)).unwrap();
        take(&org, &mut data, "suzuki", "ito", Step::Confirm, "", at(11, 16)).unwrap();
        assert!(!next_steps(&Hierarchy::new(&org), &data, "sato", "ito").contains(&Step::SendBack));
        take(&org, &mut data, "suzuki", "ito", Step::SendBack, "評語を再確認", at(11, 17)).unwrap();
        assert_eq!(state_of(&org, &data, "ito"), SheetState::Reviewed);
    }

    #[test]
    fn a_sheet_is_late_when_it_is_behind_what_the_phase_expects() {
        assert_eq!(expected_by(Phase::Plan), SheetState::Draft, "nobody is late while plans are written");
        assert_eq!(expected_by(Phase::Do), SheetState::Approved);
        assert_eq!(expected_by(Phase::Check), SheetState::Approved, "the self-check is due by the phase's end");
        assert_eq!(expected_by(Phase::Action), SheetState::Confirmed);
    }

    #[test]
    fn sending_back_to_draft_is_one_step_with_one_comment_by_whoever_may_send_back() {
        let org = city();
        let mut data = sheets();
        take(&org, &mut data, "ito", "ito", Step::Submit, "", at(10, 9)).unwrap();
        // From submitted a plain send-back is already the way to draft.
        assert!(!next_steps(&Hierarchy::new(&org), &data, "sato", "ito").contains(&Step::SendBackToDraft));
        for (hour, (actor, step)) in
            [("sato", Step::Approve), ("ito", Step::SelfCheck), ("sato", Step::Review), ("suzuki", Step::Confirm)]
                .into_iter()
                .enumerate()
        {
            take(&org, &mut data, actor, "ito", step, "", at(11, 9 + hour as u32)).unwrap();
        }
        // A confirmed sheet: only the reviewer's reviewer sends it back, and needs a reason.
        assert!(!next_steps(&Hierarchy::new(&org), &data, "sato", "ito").contains(&Step::SendBackToDraft));
        assert_eq!(
            take(&org, &mut data, "suzuki", "ito", Step::SendBackToDraft, " ", at(11, 14)),
            Err(WorkflowError::CommentRequired)
        );
        take(&org, &mut data, "suzuki", "ito", Step::SendBackToDraft, "目標から立て直す", at(11, 14)).unwrap();
        let status = sheet_state(&Hierarchy::new(&org), &data, "ito");
        assert_eq!(status.state, SheetState::Draft);
        assert_eq!(status.confirmation(), None, "the seal is lifted with the confirmation");
        assert_eq!(status.approval(), None);
        let last = status.history.last().unwrap();
        assert_eq!(
            (last.from, last.to, last.record.comment.as_str()),
            (SheetState::Confirmed, SheetState::Draft, "目標から立て直す")
        );
    }

    #[test]
    fn empty_sheets_missing_self_checks_and_a_clock_running_behind_are_refused() {
        let org = city();
        let mut data = sheets();
        assert_eq!(
            english(&take(&org, &mut data, "kato", "kato", Step::Submit, "", at(10, 9)).unwrap_err()),
            "the sheet of 加藤 翔 (kato) has no goals yet"
        );
        take(&org, &mut data, "ito", "ito", Step::Submit, "", at(10, 9)).unwrap();
        assert_eq!(
            take(&org, &mut data, "sato", "ito", Step::Approve, "", at(10, 9)).unwrap_err(),
            WorkflowError::ClockBehind { now: at(10, 9), last: at(10, 9) }
        );
        take(&org, &mut data, "sato", "ito", Step::Approve, "", at(10, 10)).unwrap();
        data.goals[0].goals.iter_mut().for_each(|goal| goal.check = None);
        assert_eq!(
            english(&take(&org, &mut data, "ito", "ito", Step::SelfCheck, "", at(10, 11)).unwrap_err()),
            "no goal of 伊藤 美咲 (ito) has a self-evaluation level yet"
        );
    }

    /// A hand-written record in a file.
    fn written(person: Option<&str>, step: Step, by: &str, time: Timestamp, comment: &str) -> SheetRecord {
        SheetRecord {
            person: person.map(Into::into),
            step,
            by: by.into(),
            at: time,
            comment: comment.into(),
            plan: Default::default(),
            confirmed: None,
            extra: Extra::new(),
        }
    }

    #[test]
    fn replay_follows_time_across_files_and_ignores_invalid_records() {
        let org = city();
        let mut data = sheets();
        let mut sato = FeedbackFile::new("sato", "2025");
        sato.sheet = vec![
            // Listed first but taken after the submit: time decides.
            written(Some("ito"), Step::Approve, "sato", at(10, 10), "期首面談"),
            // Before the submit: nothing to approve yet.
            written(Some("ito"), Step::Approve, "sato", at(9, 10), ""),
            written(Some("ito"), Step::SendBack, "sato", at(10, 11), ""),
            written(Some("ito"), Step::Review, "suzuki", at(10, 12), ""),
            written(None, Step::Approve, "sato", at(10, 13), ""),
        ];
        let mut kato = FeedbackFile::new("kato", "2025");
        kato.sheet.push(written(Some("ito"), Step::SelfCheck, "kato", at(10, 14), ""));
        // At the submit's time, so after it: the sheet is submitted, but 加藤 is no reviewer.
        kato.sheet.push(written(Some("ito"), Step::Approve, "kato", at(10, 9), ""));
        data.feedback = vec![kato, sato];
        data.goals[0].sheet.push(written(None, Step::Submit, "ito", at(10, 9), ""));
        data.goals[0].sheet.push(written(Some("kato"), Step::Submit, "ito", at(10, 9), ""));

        let hierarchy = Hierarchy::new(&org);
        let status = sheet_state(&hierarchy, &data, "ito");
        assert_eq!(status.state, SheetState::Approved);
        assert_eq!(status.approval().map(|r| r.comment.as_str()), Some("期首面談"));
        let reasons: Vec<(Timestamp, IgnoredBecause)> =
            status.ignored.iter().map(|i| (i.record.at, i.reason.clone())).collect();
        assert_eq!(
            reasons,
            [
                (at(9, 10), IgnoredBecause::NotPossible { state: SheetState::Draft }),
                (at(10, 9), IgnoredBecause::NotAllowed { roles: &[Role::Reviewer] }),
                (at(10, 11), IgnoredBecause::NoComment),
                (at(10, 12), IgnoredBecause::NotTheWriter { writer: "sato".into() }),
                (at(10, 14), IgnoredBecause::WrongFile),
            ]
        );
        let all = all_sheets(&hierarchy, &data);
        assert_eq!(all.state("ito"), SheetState::Approved);
        assert_eq!(all.state("kato"), SheetState::Draft);
        let stray: Vec<IgnoredBecause> = all.stray.iter().map(|i| i.reason.clone()).collect();
        assert_eq!(stray, [IgnoredBecause::NotOwnSheet { person: "kato".into() }, IgnoredBecause::NoPerson]);
        assert_eq!(all.ignored().count(), 7);
        // One person's sheet, gathered from their files alone, is theirs among all;
        // and so is its state among the states alone.
        let states = sheet_states(&hierarchy, &data);
        let replayed = replayed_sheets(&hierarchy, &data);
        assert_eq!(replayed.ignored().count(), all.ignored().count());
        for person in ["ito", "kato", "sato", "suzuki", "nobody"] {
            let one = sheet_state(&hierarchy, &data, person);
            let among_all = all.status(person);
            assert_eq!(states.state(person), among_all.state, "{person}");
            let steps = |status: &SheetStatus<'_>| (status.state, status.history.len(), status.ignored.len());
            assert_eq!(steps(&replayed.status(person)), steps(&among_all), "{person}");
            assert_eq!(one.state, among_all.state, "{person}");
            assert_eq!(one.history.len(), among_all.history.len(), "{person}");
            assert_eq!(one.ignored.len(), among_all.ignored.len(), "{person}");
        }
    }

    #[test]
    fn changes_since_approval_compare_the_plan_with_the_snapshot() {
        let org = city();
        let mut data = sheets();
        let hierarchy = || Hierarchy::new(&org);
        take(&org, &mut data, "ito", "ito", Step::Submit, "", at(10, 9)).unwrap();
        assert!(changes_since_approval(&hierarchy(), &data, "ito").unwrap().is_empty(), "nothing approved yet");
        take(&org, &mut data, "sato", "ito", Step::Approve, "期首面談", at(10, 10)).unwrap();
        assert_eq!(data.feedback[0].sheet[0].plan.get().unwrap().len(), 2);
        assert!(changes_since_approval(&hierarchy(), &data, "ito").unwrap().is_empty());

        let goals = &mut data.goals[0].goals;
        goals[0].weight = Some(70);
        goals[0].due = Date::from_ymd(2025, 12, 26);
        goals[0].criteria = "窓口アンケートで満足度80％以上".into();
        goals[0].title = "窓口サービスの改善".into();
        goals[0].difficulty = Some(Difficulty::Low);
        goals[0].category = Some(Category::Work);
        goals[0].parent = Some("sato-1".into());
        goals.remove(1);
        goals.push(Goal { weight: Some(30), ..goal("ito-3", None, 0) });
        let change = |goal: &str, field, before: Option<&str>, after: Option<&str>| Change {
            goal: goal.into(),
            field,
            before: before.map(str::to_owned),
            after: after.map(str::to_owned),
        };
        assert_eq!(
            changes_since_approval(&hierarchy(), &data, "ito").unwrap(),
            [
                change("ito-1", PlanField::Title, Some("goal ito-1"), Some("窓口サービスの改善")),
                change("ito-1", PlanField::Criteria, None, Some("窓口アンケートで満足度80％以上")),
                change("ito-1", PlanField::Weight, Some("60"), Some("70")),
                change("ito-1", PlanField::Due, None, Some("2025-12-26")),
                change("ito-1", PlanField::Difficulty, None, Some("low")),
                change("ito-1", PlanField::Category, None, Some("work")),
                change("ito-1", PlanField::Parent, None, Some("sato-1")),
                change("ito-2", PlanField::Goal, Some("goal ito-2"), None),
                change("ito-3", PlanField::Goal, None, Some("goal ito-3")),
            ]
        );
        assert!(needs_revision_reason(state_of(&org, &data, "ito")));
        // Sent back and approved again, the new plan is the baseline.
        take(&org, &mut data, "sato", "ito", Step::SendBack, "見直した計画で再承認する", at(10, 11)).unwrap();
        assert!(!needs_revision_reason(state_of(&org, &data, "ito")));
        assert!(changes_since_approval(&hierarchy(), &data, "ito").unwrap().is_empty());
        take(&org, &mut data, "sato", "ito", Step::Approve, "再承認", at(10, 12)).unwrap();
        assert!(changes_since_approval(&hierarchy(), &data, "ito").unwrap().is_empty());
    }

    #[test]
    fn revisions_need_a_reason_from_approval_on() {
        let needing: Vec<SheetState> = SheetState::ALL.into_iter().filter(|&s| needs_revision_reason(s)).collect();
        assert_eq!(needing, &SheetState::ALL[2..]);
    }

    /// `sheets()` with the four-ability framework; 伊藤 is 主事級 (知識, 企画力, 協調性).
    fn with_competencies() -> (Org, CycleData) {
        let mut org = city();
        org.people.iter_mut().find(|p| p.id == "ito").unwrap().grade = Some(1);
        let mut data = sheets();
        data.competencies = Some(framework());
        (org, data)
    }

    fn rate_all(data: &mut CycleData, writer: &str, abilities: &[&str]) {
        if !data.feedback.iter().any(|file| file.reviewer == writer) {
            data.feedback.push(FeedbackFile::new(writer, "2025"));
        }
        let file = data.feedback.iter_mut().find(|file| file.reviewer == writer).unwrap();
        file.competency.extend(abilities.iter().map(|ability| rating("ito", ability, Level::B, None)));
    }

    #[test]
    fn the_self_check_and_the_review_need_every_applicable_ability_rated() {
        let (org, mut data) = with_competencies();
        take(&org, &mut data, "ito", "ito", Step::Submit, "", at(10, 9)).unwrap();
        take(&org, &mut data, "sato", "ito", Step::Approve, "", at(10, 10)).unwrap();
        data.goals[0].competencies = vec![self_rating("knowledge", Level::A), self_rating("leadership", Level::S)];
        let refused = take(&org, &mut data, "ito", "ito", Step::SelfCheck, "", at(10, 11)).unwrap_err();
        let expected = NotRated {
            person: "伊藤 美咲 (ito)".into(),
            by: Rater::Owner,
            abilities: vec![("企画力".into(), "Planning".into()), ("協調性".into(), "協調性".into())],
        };
        assert_eq!(refused, WorkflowError::AbilitiesNotRated(expected));
        assert_eq!(
            english(&refused),
            "伊藤 美咲 (ito) has not rated every ability yet; without a self level (2): Planning, 協調性"
        );
        let WorkflowError::AbilitiesNotRated(not_rated) = &refused else { unreachable!() };
        assert_eq!(
            crate::messages::Message::ja(not_rated),
            "伊藤 美咲 (ito) の能力評価に、自己評価のない項目が 2 件あります: 企画力、協調性"
        );
        assert!(next_steps(&Hierarchy::new(&org), &data, "ito", "ito").is_empty());

        data.goals[0].competencies.extend([self_rating("planning", Level::B), self_rating("cooperation", Level::B)]);
        assert_eq!(next_steps(&Hierarchy::new(&org), &data, "ito", "ito"), [Step::SelfCheck]);
        take(&org, &mut data, "ito", "ito", Step::SelfCheck, "", at(10, 11)).unwrap();

        // The second reviewer's levels do not stand in for the reviewer's.
        rate_all(&mut data, "suzuki", &["knowledge", "planning", "cooperation"]);
        rate_all(&mut data, "sato", &["knowledge", "cooperation"]);
        let refused = take(&org, &mut data, "sato", "ito", Step::Review, "", at(10, 12)).unwrap_err();
        assert_eq!(
            english(&refused),
            "the reviewer has not rated every ability of 伊藤 美咲 (ito) yet; without the reviewer's level (1): Planning"
        );
        // The inbox, from the whole cycle's replay, agrees.
        let hierarchy = Hierarchy::new(&org);
        let status = all_sheets(&hierarchy, &data).status("ito");
        assert_eq!(
            next_steps_given(&hierarchy, &data.goals[0].goals, &status, "sato", "ito"),
            [Step::SendBack, Step::SendBackToDraft]
        );
        rate_all(&mut data, "sato", &["planning"]);
        take(&org, &mut data, "sato", "ito", Step::Review, "", at(10, 12)).unwrap();
        assert_eq!(state_of(&org, &data, "ito"), SheetState::Reviewed);
    }

    #[test]
    fn a_person_without_a_level_group_has_only_the_goal_half() {
        let (mut org, mut data) = with_competencies();
        org.people.iter_mut().find(|p| p.id == "ito").unwrap().grade = None;
        for (hour, (actor, step)) in
            [("ito", Step::Submit), ("sato", Step::Approve), ("ito", Step::SelfCheck), ("sato", Step::Review)]
                .into_iter()
                .enumerate()
        {
            take(&org, &mut data, actor, "ito", step, "", at(10, 9 + hour as u32)).unwrap();
        }
        assert_eq!(sheet_state(&Hierarchy::new(&org), &data, "ito").competency, None);
    }

    #[test]
    fn org_toml_may_name_the_second_reviewer_who_confirms() {
        // 田中 (部長) confirms 伊藤's sheet instead of 鈴木.
        let mut org = city();
        org.people.iter_mut().find(|p| p.id == "ito").unwrap().second_reviewer = Some("tanaka".into());
        let mut data = sheets();
        for (hour, (actor, step)) in
            [("ito", Step::Submit), ("sato", Step::Approve), ("ito", Step::SelfCheck), ("sato", Step::Review)]
                .into_iter()
                .enumerate()
        {
            take(&org, &mut data, actor, "ito", step, "", at(10, 9 + hour as u32)).unwrap();
        }
        assert!(take(&org, &mut data, "suzuki", "ito", Step::Confirm, "", at(10, 13)).is_err());
        take(&org, &mut data, "tanaka", "ito", Step::Confirm, "二次評価", at(10, 13)).unwrap();
        assert_eq!(state_of(&org, &data, "ito"), SheetState::Confirmed);
    }

    fn feedback_on(person: &str, comment: &str, shared: bool) -> Feedback {
        Feedback {
            person: person.into(),
            goal: None,
            level: None,
            strengths: String::new(),
            notes: crate::model::FeedbackNotes {
                improvements: String::new(),
                contribution: String::new(),
                comment: comment.into(),
            }
            .into(),
            date: None,
            shared,
            extra: Extra::new(),
        }
    }

    #[test]
    fn feedback_opens_to_its_person_when_shared_or_once_the_sheet_is_confirmed() {
        let org = city();
        let mut data = sheets();
        let mut sato = FeedbackFile::new("sato", "2025");
        sato.feedback = vec![feedback_on("ito", "中間面談（共有）", true), feedback_on("ito", "評語の下書き", false)];
        sato.feedback.push(feedback_on("kato", "加藤さんへ", true));
        data.feedback.push(sato);
        let comments = |data: &CycleData, actor: &str| -> Vec<String> {
            visible_feedback(&Hierarchy::new(&org), data, actor, "ito")
                .iter()
                .map(|f| f.notes.get().unwrap().comment.clone())
                .collect()
        };
        assert_eq!(comments(&data, "ito"), ["中間面談（共有）"]);
        for actor in ["sato", "suzuki", "tanaka", "kimura"] {
            assert_eq!(comments(&data, actor), ["中間面談（共有）", "評語の下書き"], "{actor}");
        }
        assert!(comments(&data, "kato").is_empty(), "peers see nothing, shared or not");
        assert!(!released(&Hierarchy::new(&org), &data, "ito"));
        for (hour, (actor, step)) in [
            ("ito", Step::Submit),
            ("sato", Step::Approve),
            ("ito", Step::SelfCheck),
            ("sato", Step::Review),
            ("suzuki", Step::Confirm),
        ]
        .into_iter()
        .enumerate()
        {
            take(&org, &mut data, actor, "ito", step, "", at(10, 9 + hour as u32)).unwrap();
        }
        assert!(released(&Hierarchy::new(&org), &data, "ito"));
        assert_eq!(comments(&data, "ito"), ["中間面談（共有）", "評語の下書き"]);
        assert!(comments(&data, "kato").is_empty());
    }

    #[test]
    fn the_owner_rates_until_the_self_check_and_reviewers_until_confirmation() {
        let open = |rater: Rater| SheetState::ALL.into_iter().filter(|&state| may_rate(rater, state)).count();
        assert_eq!(open(Rater::Owner), 3, "draft, submitted, approved");
        assert_eq!(open(Rater::Reviewer), 5, "up to reviewed");
        assert_eq!(open(Rater::SecondReviewer), 5);
    }
}
