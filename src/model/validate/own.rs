//! The checks that read a goals, feedback or 1on1 file alone, of its texts: each text's
//! characters and length, and the Do-log entries its self-ratings cite. Validation
//! makes them file by file; the parse cache keeps what they found of a file as it
//! was parsed ([`OwnChecks`]), and a load that trusts that (an export's) has them
//! made once per version of the file rather than once per load.

use super::{TEXT_LIMIT, TITLE_LIMIT, check_held_text, check_text, competency};
use crate::model::meetings::MeetingsFile;
use crate::model::problem::ProblemKind;
use crate::model::types::{Away, FeedbackFile, Goal, GoalsFile, HeldTexts, OwnChecks, SheetRecord};

/// A record whose own checks the parse cache keeps beside it. Only goals,
/// feedback and 1on1 files have such checks; every other record keeps nothing.
pub trait OwnChecked {
    /// What the checks of its own texts find of it now: nothing known when any
    /// part of it was left on disk, which the checks could not read.
    fn own_checks(&self) -> OwnChecks {
        OwnChecks::NONE
    }

    /// Takes `checks` as what those checks found of it as its file was parsed:
    /// validation then does not make them again.
    fn trust_own_checks(&mut self, _checks: OwnChecks) {}
}

impl OwnChecked for GoalsFile {
    fn own_checks(&self) -> OwnChecks {
        if self.holds_texts_on_disk() {
            return OwnChecks::NONE;
        }
        let mut entries = self.goals.iter().filter_map(|goal| goal.log.here()).flat_map(|log| log.iter());
        let training = entries.any(crate::model::LogEntry::is_training);
        OwnChecks::found(goals_file_text_problems(self).next().is_none(), log_checks_pass(self), training)
    }

    fn trust_own_checks(&mut self, checks: OwnChecks) {
        self.own_checks = checks;
    }
}

impl OwnChecked for FeedbackFile {
    fn own_checks(&self) -> OwnChecks {
        if self.holds_texts_on_disk() {
            return OwnChecks::NONE;
        }
        OwnChecks::found(feedback_file_text_problems(self).next().is_none(), false, false)
    }

    fn trust_own_checks(&mut self, checks: OwnChecks) {
        self.own_checks = checks;
    }
}

impl OwnChecked for crate::model::Org {}
impl OwnChecked for crate::model::DataSetInfo {}
impl OwnChecked for crate::model::Cycle {}
impl OwnChecked for crate::model::competency::Framework {}
impl OwnChecked for crate::model::calibration::CalibrationFile {}
impl OwnChecked for MeetingsFile {
    fn own_checks(&self) -> OwnChecks {
        if self.texts_left_out {
            return OwnChecks::NONE;
        }
        OwnChecks::found(meetings_text_problems(self).next().is_none(), false, false)
    }

    fn trust_own_checks(&mut self, checks: OwnChecks) {
        self.own_checks = checks;
    }
}
impl OwnChecked for crate::model::training::CourseList {}
impl OwnChecked for crate::model::engagement::EngagementFile {}
impl OwnChecked for crate::model::engagement::QuestionList {}
impl OwnChecked for crate::model::audit::AuditFile {}

/// Every problem the checks of a goals file's own texts find, each with what it is
/// about, in the order of the file: what validation reports of them, and what the
/// file's verdict is made from ([`OwnChecks`]), so that the two never part.
pub(super) fn goals_file_text_problems(file: &GoalsFile) -> impl Iterator<Item = (&str, ProblemKind)> {
    let goals = file.goals.iter().flat_map(|goal| {
        let texts = goal_texts(goal, file.logs_away_checked).into_iter();
        texts.filter_map(|(field, text, limit)| Some((goal.id.as_str(), check_held_text(field, text, limit)?)))
    });
    let proposals = file.proposals.iter().flat_map(|proposal| {
        let texts = [("title", proposal.title.as_str(), TITLE_LIMIT), ("note", &proposal.note, TEXT_LIMIT)];
        texts
            .into_iter()
            .filter_map(|(field, text, limit)| Some((proposal.id.as_str(), check_text(field, text, limit)?)))
    });
    let declines = file
        .declined
        .iter()
        .filter_map(|decline| Some((decline.proposal.as_str(), check_text("reason", &decline.reason, TEXT_LIMIT)?)));
    let sheet = file.sheet.iter().flat_map(|record| record_problems(record).map(|kind| (file.owner.as_str(), kind)));
    goals.chain(proposals).chain(declines).chain(sheet)
}

/// Every problem the checks of a feedback file's own texts find, as
/// [`goals_file_text_problems`] does for a goals file.
pub(super) fn feedback_file_text_problems(file: &FeedbackFile) -> impl Iterator<Item = (&str, ProblemKind)> {
    let entries = file.feedback.iter().flat_map(|entry| {
        let subject = entry.goal.as_deref().unwrap_or(&entry.person);
        let notes = entry.notes.get();
        let texts = [
            ("strengths", Ok(entry.strengths.as_str())),
            ("improvements", notes.map(|notes| notes.improvements.as_str())),
            ("contribution", notes.map(|notes| notes.contribution.as_str())),
            ("comment", notes.map(|notes| notes.comment.as_str())),
        ];
        texts.into_iter().filter_map(move |(field, text)| Some((subject, check_held_text(field, text, TEXT_LIMIT)?)))
    });
    let sheet = file.sheet.iter().flat_map(|record| {
        let subject = record.person.as_deref().unwrap_or(&file.reviewer);
        record_problems(record).map(move |kind| (subject, kind))
    });
    entries.chain(sheet)
}

/// Every problem the checks of a 1on1 file's own texts find, as
/// [`goals_file_text_problems`] does for a goals file.
pub(super) fn meetings_text_problems(file: &MeetingsFile) -> impl Iterator<Item = (&str, ProblemKind)> {
    file.meetings.iter().flat_map(|meeting| {
        let texts = [("agenda", meeting.texts.agenda.as_str()), ("notes", meeting.texts.notes.as_str())];
        let actions = meeting.texts.actions.iter().map(|action| ("actions.text", action.text.as_str()));
        let with = meeting.with.as_str();
        texts
            .into_iter()
            .chain(actions)
            .filter_map(move |(field, text)| Some((with, check_text(field, text, TEXT_LIMIT)?)))
    })
}

/// A workflow step's comment, and its plan snapshot when it was left on disk: the
/// seals are checked against it, so one not read is not passed unseen.
fn record_problems(record: &SheetRecord) -> impl Iterator<Item = ProblemKind> {
    let comment = check_text("sheet.comment", &record.comment, TEXT_LIMIT);
    let snapshot = record.plan.get().is_err().then_some(ProblemKind::TextNotRead { field: "sheet.plan" });
    comment.into_iter().chain(snapshot)
}

/// Whether every check that reads a goals file's Do logs passes on it: the texts of
/// their entries, and the self-ratings' evidence, which cites them. A load that
/// then leaves the logs on disk ([`leave_checked_logs_on_disk`]) loses no problem
/// by it.
pub fn log_checks_pass(file: &GoalsFile) -> bool {
    let entries = file.goals.iter().filter_map(|goal| goal.log.here()).flat_map(|log| log.iter());
    let texts_pass = entries
        .map(|entry| entry.text.get().map(String::as_str))
        .all(|text| check_held_text("log.text", text, TEXT_LIMIT).is_none());
    texts_pass && competency::cited_entries_found(file)
}

/// Leaves the plain Do logs of `file` on disk as
/// [`GoalsFile::leave_plain_logs_on_disk`] does, once every check that reads them
/// passes on the file ([`log_checks_pass`], or the parse cache's word that they
/// passed as the file was parsed, when the load trusts it), and marks them so
/// ([`GoalsFile::logs_away_checked`]): validation then says nothing of them, nor
/// of the texts of the logs that stay, and loses nothing. A file whose logs fail a
/// check keeps them, for that check to report. Answers whether it left any.
pub fn leave_checked_logs_on_disk(file: &mut GoalsFile) -> bool {
    // A log already away was not checked here: the mark would hide it.
    let passed =
        file.own_checks.logs_pass() || (file.goals.iter().all(|goal| goal.log.get().is_ok()) && log_checks_pass(file));
    if !passed {
        return false;
    }
    let left = file.leave_plain_logs_on_disk();
    file.logs_away_checked = true;
    left
}

/// A goal's texts with their limits; a text left on disk is one that cannot be
/// checked, but a Do log or Do-log text left once its checks passed (`log_checked`).
fn goal_texts(goal: &Goal, log_checked: bool) -> Vec<(&'static str, Result<&str, Away>, usize)> {
    let detail = goal.detail.get();
    let mut texts = vec![
        ("title", Ok(goal.title.as_str()), TITLE_LIMIT),
        ("description", detail.map(|detail| detail.description.as_str()), TEXT_LIMIT),
        ("criteria", Ok(goal.criteria.as_str()), TEXT_LIMIT),
        ("plan", detail.map(|detail| detail.plan.as_str()), TEXT_LIMIT),
    ];
    match goal.log.get() {
        Ok(log) => {
            let entries = log.iter().map(|entry| entry.text.get().map(String::as_str));
            // Those away passed their checks before they were left: nothing to say.
            let unchecked = entries.filter(|text| !(log_checked && text.is_err()));
            texts.extend(unchecked.map(|text| ("log.text", text, TEXT_LIMIT)));
        }
        Err(Away) if log_checked => {}
        Err(Away) => texts.push(("log", Err(Away), TEXT_LIMIT)),
    }
    match detail {
        Ok(detail) => {
            texts.extend(detail.milestones.iter().map(|m| ("milestones.title", Ok(m.title.as_str()), TITLE_LIMIT)));
        }
        Err(Away) => texts.push(("milestones", Err(Away), TITLE_LIMIT)),
    }
    let check_comments = goal.check.iter().map(|check| check.comment.get().map(String::as_str));
    texts.extend(check_comments.map(|comment| ("check.comment", comment, TEXT_LIMIT)));
    texts.extend(goal.metric.iter().map(|metric| ("metric.unit", Ok(metric.unit.as_str()), TITLE_LIMIT)));
    for action in &goal.actions {
        texts.push(("actions.issue", Ok(&action.issue), TEXT_LIMIT));
        texts.push(("actions.measure", Ok(&action.measure), TEXT_LIMIT));
    }
    match detail {
        Ok(detail) => texts.extend(
            detail.revisions.iter().map(|revision| ("revisions.reason", Ok(revision.reason.as_str()), TEXT_LIMIT)),
        ),
        Err(Away) => texts.push(("revisions", Err(Away), TEXT_LIMIT)),
    }
    texts
}
