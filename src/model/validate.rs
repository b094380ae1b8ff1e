//! Validation of a loaded data set: every problem names the file it is in and,
//! where it concerns one record, that record's id. Problems never stop loading.
//! The 能力評価 half and calibration are checked in [`competency`].

mod competency;
mod instruments;
mod own;

pub use competency::{validate_competency, validate_framework};
use instruments::{validate_instruments, validate_mentors};
use own::meetings_text_problems;
pub use own::{OwnChecked, leave_checked_logs_on_disk, log_checks_pass};
use own::{feedback_file_text_problems, goals_file_text_problems};

use crate::model::hash::{HashMap, HashSet};

use rayon::prelude::*;

use super::competency::RatingIndex;
use super::confirmation::{SealedChange, since_confirmation};
use super::ident::{case_clashes, check_id};
use super::inert::steering_characters_in_prose;
use super::info::DataSetInfo;
use super::permissions::Hierarchy;
use super::problem::{Problem, ProblemKind};
use super::seal::{SECOND_REVIEWER, snapshot_from};
use super::source::Source;
use super::types::FeedbackFile;
use super::types::{Away, CycleData, CycleId, DateSpan, GoalId, GoalsFile, Org, PersonId};
use super::workflow::{SheetStatus, replayed_sheets};

/// Longest title, in characters, that still fits a sheet row.
pub const TITLE_LIMIT: usize = 200;
/// Longest free text (plans, comments, notes), in characters.
pub const TEXT_LIMIT: usize = 20_000;

/// Checks one text field: characters that steer a terminal or the reading order
/// ([`super::inert::is_steering`]; newlines and tabs are text) and length.
pub fn check_text(field: &'static str, text: &str, limit: usize) -> Option<ProblemKind> {
    if let Some(bad) = steering_characters_in_prose(text).next() {
        return Some(ProblemKind::ControlCharacter { field, code: u32::from(bad) });
    }
    // No more characters than bytes: most texts need no counting.
    if text.len() <= limit {
        return None;
    }
    let chars = text.chars().count();
    (chars > limit).then_some(ProblemKind::TooLong { field, chars, limit })
}

/// Checks one text field as [`check_text`] does; one left on disk cannot be
/// checked, and is reported so rather than passed unseen.
pub fn check_held_text(field: &'static str, text: Result<&str, Away>, limit: usize) -> Option<ProblemKind> {
    match text {
        Ok(text) => check_text(field, text, limit),
        Err(Away) => Some(ProblemKind::TextNotRead { field }),
    }
}

/// The dotted keys of every number in `record` that is nan or infinite. The TOML
/// parser reads `nan` and `inf` as numbers; a score, a share or a roll-up would
/// make them silent zeros. One walk over the record as it is written, so that
/// every number of it is covered, those added later too.
pub fn non_finite_keys(record: &impl serde::Serialize) -> Vec<String> {
    fn walk(value: &toml::Value, key: &str, found: &mut Vec<String>) {
        match value {
            toml::Value::Float(number) if !number.is_finite() => found.push(key.to_owned()),
            toml::Value::Table(table) => {
                for (name, value) in table {
                    let key = if key.is_empty() { name.clone() } else { format!("{key}.{name}") };
                    walk(value, &key, found);
                }
            }
            toml::Value::Array(items) => {
                for (index, value) in items.iter().enumerate() {
                    walk(value, &format!("{key}[{index}]"), found);
                }
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    if let Ok(value) = toml::Value::try_from(record) {
        walk(&value, "", &mut found);
    }
    found
}

/// `pdca.toml`: the organisation's name, and every number of its settings
/// (`[score]`, `[calibration]`, `[recency]`, `[engagement]`).
pub fn validate_info(info: &DataSetInfo) -> Vec<Problem> {
    let mut problems: Vec<Problem> = non_finite_keys(info)
        .into_iter()
        .map(|key| Problem::new(Source::Info, None, ProblemKind::NotFinite { key }))
        .collect();
    if let Some(kind) = check_text("organisation", &info.organisation, TITLE_LIMIT) {
        problems.push(Problem::new(Source::Info, None, kind));
    }
    problems
}

pub fn validate_org(org: &Org) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut report = |subject: &str, kind| problems.push(Problem::new(Source::Org, Some(subject), kind));
    let mut unit_ids = HashSet::default();
    for id in org.units.iter().map(|u| u.id.as_str()).chain(org.people.iter().map(|p| p.id.as_str())) {
        if let Err(reason) = check_id(id) {
            report(id, ProblemKind::BadId { field: "id", id: id.to_owned(), reason });
        }
    }
    for (what, ids) in [
        ("unit", org.units.iter().map(|u| u.id.as_str()).collect::<Vec<_>>()),
        ("person", org.people.iter().map(|p| p.id.as_str()).collect()),
    ] {
        for (id, other) in case_clashes(ids) {
            report(id, ProblemKind::CaseClash { what, id: id.to_owned(), other: other.to_owned() });
        }
    }
    for unit in &org.units {
        if !unit_ids.insert(unit.id.as_str()) {
            report(&unit.id, ProblemKind::DuplicateId { what: "unit", id: unit.id.clone() });
        }
        if let Some(kind) = check_text("name", &unit.name, TITLE_LIMIT) {
            report(&unit.id, kind);
        }
    }
    let mut person_ids = HashSet::default();
    for person in &org.people {
        if !person_ids.insert(person.id.as_str()) {
            report(&person.id, ProblemKind::DuplicateId { what: "person", id: person.id.to_string() });
        }
    }
    for unit in &org.units {
        if let Some(parent) = unit.parent.as_ref().filter(|p| !unit_ids.contains(p.as_str())) {
            report(&unit.id, ProblemKind::UnknownUnit { field: "parent", id: parent.clone() });
        }
        if let Some(head) = unit.head.as_ref().filter(|h| !person_ids.contains(h.as_str())) {
            report(&unit.id, ProblemKind::UnknownPerson { field: "head", id: *head });
        }
    }
    for person in &org.people {
        if !unit_ids.contains(person.unit.as_str()) {
            report(&person.id, ProblemKind::UnknownUnit { field: "unit", id: person.unit.clone() });
        }
        for (field, named) in [("reviewer", &person.reviewer), ("second_reviewer", &person.second_reviewer)] {
            if let Some(id) = named.as_ref().filter(|id| !person_ids.contains(id.as_str())) {
                report(&person.id, ProblemKind::UnknownPerson { field, id: *id });
            }
        }
        if let Some(grade) = person.grade.filter(|g| !(1..=8).contains(g)) {
            report(&person.id, ProblemKind::GradeOutOfRange { value: grade });
        }
        let kana = person.kana.as_deref().unwrap_or_default();
        for (field, text) in [("name", person.name.as_str()), ("kana", kana), ("title", person.title.as_str())] {
            if let Some(kind) = check_text(field, text, TITLE_LIMIT) {
                report(&person.id, kind);
            }
        }
    }
    let reviewers: HashMap<&str, &str> =
        org.people.iter().filter_map(|p| Some((p.id.as_str(), p.reviewer.as_deref()?))).collect();
    for path in find_loops(&reviewers) {
        let subject = path[0].clone();
        report(
            &subject,
            ProblemKind::ReviewerLoop { path: path.into_iter().map(crate::model::PersonId::from).collect() },
        );
    }
    let unit_parents: HashMap<&str, &str> =
        org.units.iter().filter_map(|u| Some((u.id.as_str(), u.parent.as_deref()?))).collect();
    for path in find_loops(&unit_parents) {
        let subject = path[0].clone();
        report(&subject, ProblemKind::UnitLoop { path });
    }
    problems.extend(validate_mentors(org));
    problems
}

/// Every loop in a "points to" map, once each, as the path from its smallest member
/// back to that member.
fn find_loops(next: &HashMap<&str, &str>) -> Vec<Vec<String>> {
    let mut done: HashSet<&str> = HashSet::with_capacity_and_hasher(next.len(), Default::default());
    let mut loops = Vec::new();
    let mut starts: Vec<&str> = next.keys().copied().collect();
    starts.sort_unstable();
    for start in starts {
        let mut path: Vec<&str> = Vec::new();
        let mut current = Some(start);
        while let Some(node) = current {
            if done.contains(node) {
                break;
            }
            if let Some(at) = path.iter().position(|&n| n == node) {
                let members = &path[at..];
                let smallest = members.iter().enumerate().min_by_key(|(_, id)| **id).map_or(0, |(i, _)| i);
                let mut cycle: Vec<String> =
                    members[smallest..].iter().chain(&members[..smallest]).map(|s| (*s).to_owned()).collect();
                cycle.push(cycle[0].clone());
                loops.push(cycle);
                break;
            }
            path.push(node);
            current = next.get(node).copied();
        }
        done.extend(path);
    }
    loops
}

/// The sum of the weights set, saturating: huge weights must neither panic nor
/// wrap round to 100. The one total the checks and the sheet's footer show.
pub fn weight_total<'a>(goals: impl IntoIterator<Item = &'a super::types::Goal>) -> u32 {
    goals.into_iter().filter_map(|goal| goal.weight).fold(0u32, u32::saturating_add)
}

/// A sheet whose weights are set but do not sum to 100 (a warning, not an error).
pub fn weights_problem(file: &GoalsFile) -> Option<ProblemKind> {
    let total = weight_total(&file.goals);
    (file.goals.iter().any(|g| g.weight.is_some()) && total != 100).then_some(ProblemKind::WeightsDoNotSum { total })
}

/// Validates one cycle's goals and feedback against the organisation.
/// `goals_elsewhere` maps goal ids of other cycles to their cycle, to tell a link
/// across cycles from a link to nowhere.
pub fn validate_cycle(org: &Org, data: &CycleData, goals_elsewhere: &HashMap<GoalId, CycleId>) -> Vec<Problem> {
    // The parent loops are a walk over every goal on one core: begun beside the
    // rest rather than after it, which would leave the other cores idle meanwhile.
    let (loops, (mut problems, instruments)) =
        rayon::join(|| parent_loops(data), || problems_but_loops(org, data, goals_elsewhere));
    problems.extend(loops);
    problems.extend(instruments);
    problems
}

/// Every problem [`validate_cycle`] finds but the parent loops: those before them in
/// its list, and the instruments' after them.
fn problems_but_loops(
    org: &Org,
    data: &CycleData,
    goals_elsewhere: &HashMap<GoalId, CycleId>,
) -> (Vec<Problem>, Vec<Problem>) {
    let cycle_id = &data.cycle.id;
    let mut problems = Vec::new();
    let phases = &data.cycle.phases;
    let whole = DateSpan { start: data.cycle.start, end: data.cycle.end };
    let spans = [
        (cycle_id.as_str(), Some(whole)),
        ("phases.plan", phases.plan),
        ("phases.do", phases.do_),
        ("phases.check", phases.check),
        ("phases.action", phases.action),
    ];
    for (subject, span) in spans {
        if span.is_some_and(|span| span.end < span.start) {
            problems.push(Problem::new(Source::Cycle(cycle_id.clone()), Some(subject), ProblemKind::EndsBeforeStart));
        }
    }
    if let Some(kind) = check_text("name", data.cycle.name.as_deref().unwrap_or_default(), TITLE_LIMIT) {
        problems.push(Problem::new(Source::Cycle(cycle_id.clone()), Some(cycle_id), kind));
    }
    let people: HashSet<&str> = org.people.iter().map(|p| p.id.as_str()).collect();
    // Sized at once: grown by doubling, a city's ids were hashed again at each step.
    let count = |of: fn(&GoalsFile) -> usize| data.goals.iter().map(of).sum();
    let mut goal_ids: HashSet<&str> = HashSet::with_capacity_and_hasher(count(|f| f.goals.len()), Default::default());
    let mut proposal_ids: HashSet<&str> =
        HashSet::with_capacity_and_hasher(count(|f| f.proposals.len()), Default::default());
    for file in &data.goals {
        let source = Source::Goals { cycle: cycle_id.clone(), person: file.owner };
        let mut report = |subject: &str, kind| problems.push(Problem::new(source.clone(), Some(subject), kind));
        for goal in &file.goals {
            if let Err(reason) = check_id(&goal.id) {
                report(&goal.id, ProblemKind::BadId { field: "goals.id", id: goal.id.to_string(), reason });
            }
            if !goal_ids.insert(&goal.id) {
                report(&goal.id, ProblemKind::DuplicateId { what: "goal", id: goal.id.to_string() });
            }
        }
        for proposal in &file.proposals {
            if let Err(reason) = check_id(&proposal.id) {
                report(&proposal.id, ProblemKind::BadId { field: "proposals.id", id: proposal.id.to_string(), reason });
            }
            if !proposal_ids.insert(&proposal.id) {
                report(&proposal.id, ProblemKind::DuplicateId { what: "proposal", id: proposal.id.to_string() });
            }
        }
    }

    // Each file's own checks are independent of the others': on all cores, in order.
    let ids = Known { people: &people, goals: &goal_ids, proposals: &proposal_ids, goals_elsewhere };
    problems.extend(
        data.goals.par_iter().flat_map_iter(|file| goals_file_problems(file, cycle_id, &ids)).collect::<Vec<_>>(),
    );
    problems.extend(
        data.feedback.par_iter().flat_map_iter(|file| feedback_file_problems(file, cycle_id, &ids)).collect::<Vec<_>>(),
    );

    let instruments = validate_instruments(org, data, &people, &goal_ids);
    (problems, instruments)
}

/// What a file's records may refer to: the organisation's people and the cycle's
/// goals and proposals (and goals of other cycles, for a link across cycles).
struct Known<'a> {
    people: &'a HashSet<&'a str>,
    goals: &'a HashSet<&'a str>,
    proposals: &'a HashSet<&'a str>,
    goals_elsewhere: &'a HashMap<GoalId, CycleId>,
}

/// What is wrong with where a person's file of the cycle `cycle` stands: the cycle
/// it names (`found`) is another, or the person it is of (its `field`) is not in the
/// organisation. The same for every per-person file of a cycle.
pub(super) fn placement_problems(
    cycle: &CycleId,
    found: &CycleId,
    (field, person): (&'static str, PersonId),
    people: &HashSet<&str>,
) -> impl Iterator<Item = ProblemKind> {
    let elsewhere = (found != cycle).then(|| ProblemKind::WrongPlace {
        field: "cycle",
        expected: cycle.to_string(),
        found: found.to_string(),
    });
    let unknown = (!people.contains(person.as_str())).then_some(ProblemKind::UnknownPerson { field, id: person });
    elsewhere.into_iter().chain(unknown)
}

/// The checks of one goals file against the cycle and what it refers to.
fn goals_file_problems(file: &GoalsFile, cycle_id: &CycleId, known: &Known<'_>) -> Vec<Problem> {
    let Known { people, goals: goal_ids, proposals: proposal_ids, goals_elsewhere } = *known;
    let source = Source::Goals { cycle: cycle_id.clone(), person: file.owner };
    let mut problems = Vec::new();
    let mut report = |subject: &str, kind| problems.push(Problem::new(source.clone(), Some(subject), kind));
    for kind in placement_problems(cycle_id, &file.cycle, ("owner", file.owner), people) {
        report(&file.owner, kind);
    }
    for goal in &file.goals {
        if let Some(parent) = &goal.parent
            && !goal_ids.contains(parent.as_str())
        {
            report(
                &goal.id,
                match goals_elsewhere.get(parent) {
                    Some(other) => {
                        ProblemKind::LinkAcrossCycles { parent: parent.clone(), parent_cycle: other.clone() }
                    }
                    None => ProblemKind::UnknownGoal { field: "parent", id: parent.clone() },
                },
            );
        }
        if let Some(proposal) = goal.proposal.as_ref().filter(|p| !proposal_ids.contains(p.as_str())) {
            report(&goal.id, ProblemKind::UnknownProposal { id: proposal.to_string() });
        }
        if let Some(value) = goal.progress.filter(|p| *p > 100) {
            report(&goal.id, ProblemKind::ProgressOutOfRange { value });
        }
        for key in goal.metric.iter().flat_map(non_finite_keys) {
            report(&goal.id, ProblemKind::NotFinite { key: format!("metric.{key}") });
        }
    }
    if let Some(kind) = weights_problem(file) {
        report(&file.owner, kind);
    }
    for proposal in &file.proposals {
        if !goal_ids.contains(proposal.parent.as_str()) {
            report(&proposal.id, ProblemKind::UnknownGoal { field: "parent", id: proposal.parent.clone() });
        }
        if !people.contains(proposal.to.as_str()) {
            report(&proposal.id, ProblemKind::UnknownPerson { field: "to", id: proposal.to });
        }
        match proposal.share {
            Some(share) if !share.is_finite() => report(&proposal.id, ProblemKind::NotFinite { key: "share".into() }),
            Some(value) if value < 0.0 => report(&proposal.id, ProblemKind::BadShare { value }),
            _ => {}
        }
    }
    for decline in &file.declined {
        if !proposal_ids.contains(decline.proposal.as_str()) {
            report(&decline.proposal, ProblemKind::UnknownProposal { id: decline.proposal.to_string() });
        }
    }
    // Checked as the file was parsed, when the load trusts the parse cache's word.
    if !file.own_checks.texts_pass() {
        goals_file_text_problems(file).for_each(|(subject, kind)| report(subject, kind));
    }
    problems
}

/// The checks of one reviewer's feedback file against the cycle and what it refers to.
fn feedback_file_problems(file: &FeedbackFile, cycle_id: &CycleId, known: &Known<'_>) -> Vec<Problem> {
    let Known { people, goals: goal_ids, .. } = *known;
    let source = Source::Feedback { cycle: cycle_id.clone(), reviewer: file.reviewer };
    let mut problems = Vec::new();
    let mut report = |subject: &str, kind| problems.push(Problem::new(source.clone(), Some(subject), kind));
    for kind in placement_problems(cycle_id, &file.cycle, ("reviewer", file.reviewer), people) {
        report(&file.reviewer, kind);
    }
    for entry in &file.feedback {
        let subject = entry.goal.as_deref().unwrap_or(&entry.person);
        if !people.contains(entry.person.as_str()) {
            report(subject, ProblemKind::UnknownPerson { field: "person", id: entry.person });
        }
        if let Some(goal) = entry.goal.as_ref().filter(|g| !goal_ids.contains(g.as_str())) {
            report(subject, ProblemKind::UnknownGoal { field: "goal", id: goal.clone() });
        }
    }
    // Checked as the file was parsed, when the load trusts the parse cache's word.
    if !file.own_checks.texts_pass() {
        feedback_file_text_problems(file).for_each(|(subject, kind)| report(subject, kind));
    }
    problems
}

/// Every confirmed sheet of the cycle against its confirmation: each change is an
/// error in the file it was made in; a confirmation without a snapshot a warning.
pub fn confirmation_problems(org: &Hierarchy<'_>, data: &CycleData) -> Vec<Problem> {
    let sheets = replayed_sheets(org, data);
    let goals: HashMap<&str, &GoalsFile> = data.goals.iter().map(|file| (file.owner.as_str(), file)).collect();
    let feedback: HashMap<&str, &FeedbackFile> =
        data.feedback.iter().map(|file| (file.reviewer.as_str(), file)).collect();
    let ratings = RatingIndex::new(data);
    let cycle = &data.cycle.id;
    let mut problems = Vec::new();
    let mut people: Vec<(&&str, &SheetStatus<'_>)> = sheets.by_person.iter().collect();
    people.sort_by_key(|(person, _)| **person);
    for (person, status) in people {
        let Some(event) = status.confirmation() else { continue };
        let reviewer = org.reviewer_of(person).map(|reviewer| reviewer.id.as_str());
        let reviewer_file = reviewer.and_then(|reviewer| feedback.get(reviewer).copied());
        let (plan, now) = snapshot_from(org, data, person, goals.get(person).copied(), reviewer_file, &ratings);
        let Some(changes) = since_confirmation(status, &plan, &now) else {
            let kind = ProblemKind::ConfirmedWithoutSnapshot { at: event.record.at };
            problems.push(Problem::new(event.source.clone(), Some(person), kind));
            continue;
        };
        for change in changes {
            let source = match (&change, reviewer) {
                (SealedChange::ReviewerLevel { .. }, Some(reviewer)) => {
                    Source::Feedback { cycle: cycle.clone(), reviewer: reviewer.into() }
                }
                (SealedChange::AbilityReview { by, .. }, Some(reviewer)) => {
                    let second = org.second_reviewer_of(person).map(|second| second.id.as_str());
                    let rater = if by == SECOND_REVIEWER { second.unwrap_or(reviewer) } else { reviewer };
                    Source::Feedback { cycle: cycle.clone(), reviewer: rater.into() }
                }
                _ => Source::Goals { cycle: cycle.clone(), person: (*person).into() },
            };
            let subject = change.subject().to_owned();
            let kind = ProblemKind::ChangedAfterConfirmation { change, at: event.record.at };
            problems.push(Problem::new(source, Some(&subject), kind));
        }
    }
    problems
}

fn parent_loops(data: &CycleData) -> Vec<Problem> {
    let goals = data.goals.iter().map(|file| file.goals.len()).sum();
    let mut parents: HashMap<&str, &str> = HashMap::with_capacity_and_hasher(goals, Default::default());
    parents
        .extend(data.goals.iter().flat_map(|f| &f.goals).filter_map(|g| Some((g.id.as_str(), g.parent.as_deref()?))));
    let loops = find_loops(&parents);
    // Whose goal each is, asked only when there is a loop: the rule is none.
    let owners: HashMap<&str, &str> = if loops.is_empty() {
        HashMap::default()
    } else {
        data.goals.iter().flat_map(|f| f.goals.iter().map(move |g| (g.id.as_str(), f.owner.as_str()))).collect()
    };
    loops
        .into_iter()
        .map(|path| {
            let person = owners.get(path[0].as_str()).copied().unwrap_or_default().to_owned();
            let subject = path[0].clone();
            Problem::new(
                Source::Goals { cycle: data.cycle.id.clone(), person: person.into() },
                Some(&subject),
                ProblemKind::ParentLoop { path: path.into_iter().map(GoalId::from).collect() },
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    /// A problem as `pdca check` says it in English.
    fn english(kind: &crate::model::ProblemKind) -> String {
        crate::messages::problem(kind, crate::messages::Lang::En)
    }

    use crate::model::hash::HashMap;

    use super::*;
    use crate::model::cascade::tests::{cycle_data, file, goal, proposal};
    use crate::model::date::{Date, Timestamp};
    use crate::model::problem::Severity;
    use crate::model::types::Step;
    use crate::model::types::{
        Decline, Extra, Feedback, FeedbackFile, Goal, GoalsFile, Level, Person, Revision, SheetRecord, Unit, UnitKind,
    };

    /// Builds an `Org` one unit and one person at a time.
    #[derive(Default)]
    struct OrgBuilder(Org);

    impl OrgBuilder {
        fn unit(mut self, id: &str, name: &str, kind: UnitKind, parent: Option<&str>) -> Self {
            self.0.units.push(Unit {
                id: id.into(),
                name: name.into(),
                kind,
                parent: parent.map(str::to_owned),
                head: None,
                extra: Extra::new(),
            });
            self
        }

        fn head(mut self, unit: &str, person: &str) -> Self {
            unit_mut(&mut self.0, unit).head = Some(person.into());
            self
        }

        fn person(mut self, id: &str, name: &str, title: &str, unit: &str, reviewer: Option<&str>) -> Self {
            self.0.people.push(crate::model::permissions::tests::person(id, name, title, unit, reviewer));
            self
        }

        fn build(self) -> Org {
            self.0
        }
    }

    /// 総務部 > 人事課 > 人材育成チーム; 田中 reviews 鈴木, who reviews 佐藤 and 伊藤.
    fn city() -> Org {
        OrgBuilder::default()
            .unit("soumu", "総務部", UnitKind::Department, None)
            .unit("jinji", "人事課", UnitKind::Section, Some("soumu"))
            .unit("jinji-t", "人材育成チーム", UnitKind::Team, Some("jinji"))
            .person("tanaka", "田中 一郎", "総務部長", "soumu", None)
            .person("suzuki", "鈴木 花子", "人事課長", "jinji", Some("tanaka"))
            .person("sato", "佐藤 健", "主事", "jinji-t", Some("suzuki"))
            .person("ito", "伊藤 美咲", "主事", "jinji-t", Some("suzuki"))
            .head("soumu", "tanaka")
            .head("jinji", "suzuki")
            .build()
    }

    fn sheet_goal(id: &str, title: &str, parent: Option<&str>) -> Goal {
        Goal { title: title.into(), ..goal(id, parent, 50) }
    }

    fn feedback(person: &str, goal: Option<&str>) -> Feedback {
        Feedback {
            person: person.into(),
            goal: goal.map(Into::into),
            level: Some(Level::A),
            strengths: "研修資料が分かりやすい".into(),
            notes: Default::default(),
            date: None,
            shared: false,
            extra: Extra::new(),
        }
    }

    /// Cycle 2025 of `city()`: 田中's DX goal is broken down to 鈴木, who passes parts
    /// on to 佐藤 (adopted) and 伊藤 (declined); 鈴木 gives feedback to both.
    fn city_cycle() -> CycleData {
        let tanaka = file(
            "tanaka",
            vec![Goal { weight: Some(100), ..sheet_goal("dx", "DX推進員を100名育成する", None) }],
            vec![proposal("p-jinji", "dx", "suzuki", Some(60.0))],
        );
        let suzuki = file(
            "suzuki",
            vec![
                Goal {
                    proposal: Some("p-jinji".into()),
                    weight: Some(70),
                    ..sheet_goal("dx-jinji", "人事課のDX推進員を40名育成する", Some("dx"))
                },
                Goal {
                    weight: Some(30),
                    detail: crate::model::GoalDetail {
                        plan: "4月：研修計画の策定\n\t5月：研修の実施".into(),
                        ..Default::default()
                    }
                    .into(),
                    ..sheet_goal("kenshu", "新任職員研修の見直し", None)
                },
            ],
            vec![proposal("p-sato", "dx-jinji", "sato", Some(2.0)), proposal("p-ito", "dx-jinji", "ito", None)],
        );
        let sato = file(
            "sato",
            vec![Goal {
                proposal: Some("p-sato".into()),
                ..sheet_goal("dx-sato", "DX研修を6回開催する", Some("dx-jinji"))
            }],
            vec![],
        );
        let mut ito = file("ito", vec![], vec![]);
        ito.declined.push(Decline {
            proposal: "p-ito".into(),
            reason: "窓口業務の繁忙期と重なるため".into(),
            date: None,
            extra: Extra::new(),
        });
        let mut data = cycle_data(vec![tanaka, suzuki, sato, ito]);
        let mut review = FeedbackFile::new("suzuki", "2025");
        review.feedback.push(feedback("sato", Some("dx-sato")));
        review.feedback.push(feedback("ito", None));
        data.feedback.push(review);
        data
    }

    fn unit_mut<'a>(org: &'a mut Org, id: &str) -> &'a mut Unit {
        org.units.iter_mut().find(|u| u.id == id).unwrap()
    }

    fn person_mut<'a>(org: &'a mut Org, id: &str) -> &'a mut Person {
        org.people.iter_mut().find(|p| p.id == id).unwrap()
    }

    fn sheet_mut<'a>(data: &'a mut CycleData, owner: &str) -> &'a mut GoalsFile {
        data.goals.iter_mut().find(|f| f.owner == owner).unwrap()
    }

    fn goal_mut<'a>(data: &'a mut CycleData, id: &str) -> &'a mut Goal {
        data.goals.iter_mut().flat_map(|f| &mut f.goals).find(|g| g.id == id).unwrap()
    }

    fn check_cycle(org: &Org, data: &CycleData) -> Vec<Problem> {
        validate_cycle(org, data, &HashMap::default())
    }

    fn goals_of(person: &str) -> Source {
        Source::Goals { cycle: "2025".into(), person: person.into() }
    }

    fn feedback_of(reviewer: &str) -> Source {
        Source::Feedback { cycle: "2025".into(), reviewer: reviewer.into() }
    }

    /// Exactly one problem, in `source`, about `subject`, of `kind`, reading `message`.
    #[track_caller]
    fn assert_only(problems: Vec<Problem>, source: Source, subject: &str, kind: ProblemKind, message: &str) {
        assert_eq!(problems, vec![Problem::new(source, Some(subject), kind)]);
        assert_eq!(english(&problems[0].kind), message);
        assert_eq!(problems[0].location, None);
    }

    #[test]
    fn a_clean_data_set_has_no_problems() {
        let org = city();
        assert_eq!(validate_org(&org), vec![]);
        assert_eq!(check_cycle(&org, &city_cycle()), vec![]);
    }

    // ---- org.toml ----

    #[test]
    fn duplicate_unit_id() {
        let org = OrgBuilder(city()).unit("jinji", "人事課（旧）", UnitKind::Section, Some("soumu")).build();
        assert_only(
            validate_org(&org),
            Source::Org,
            "jinji",
            ProblemKind::DuplicateId { what: "unit", id: "jinji".into() },
            "unit id `jinji` is used more than once",
        );
    }

    #[test]
    fn duplicate_person_id() {
        let org = OrgBuilder(city()).person("sato", "佐藤 次郎", "主任", "jinji", Some("suzuki")).build();
        assert_only(
            validate_org(&org),
            Source::Org,
            "sato",
            ProblemKind::DuplicateId { what: "person", id: "sato".into() },
            "person id `sato` is used more than once",
        );
    }

    #[test]
    fn unknown_reviewer() {
        let mut org = city();
        person_mut(&mut org, "sato").reviewer = Some("yamada".into());
        assert_only(
            validate_org(&org),
            Source::Org,
            "sato",
            ProblemKind::UnknownPerson { field: "reviewer", id: "yamada".into() },
            "`reviewer` names unknown person `yamada`",
        );
    }

    #[test]
    fn unknown_second_reviewer() {
        let mut org = city();
        person_mut(&mut org, "sato").second_reviewer = Some("yamada".into());
        assert_only(
            validate_org(&org),
            Source::Org,
            "sato",
            ProblemKind::UnknownPerson { field: "second_reviewer", id: "yamada".into() },
            "`second_reviewer` names unknown person `yamada`",
        );
    }

    #[test]
    fn unknown_head() {
        let mut org = city();
        unit_mut(&mut org, "jinji").head = Some("yamada".into());
        assert_only(
            validate_org(&org),
            Source::Org,
            "jinji",
            ProblemKind::UnknownPerson { field: "head", id: "yamada".into() },
            "`head` names unknown person `yamada`",
        );
    }

    #[test]
    fn unknown_unit_of_a_person() {
        let mut org = city();
        person_mut(&mut org, "sato").unit = "kikaku".into();
        assert_only(
            validate_org(&org),
            Source::Org,
            "sato",
            ProblemKind::UnknownUnit { field: "unit", id: "kikaku".into() },
            "`unit` names unknown unit `kikaku`",
        );
    }

    #[test]
    fn unknown_parent_unit() {
        let mut org = city();
        unit_mut(&mut org, "jinji-t").parent = Some("kikaku".into());
        assert_only(
            validate_org(&org),
            Source::Org,
            "jinji-t",
            ProblemKind::UnknownUnit { field: "parent", id: "kikaku".into() },
            "`parent` names unknown unit `kikaku`",
        );
    }

    #[test]
    fn grade_out_of_range() {
        for grade in [0, 9] {
            let mut org = city();
            person_mut(&mut org, "ito").grade = Some(grade);
            assert_only(
                validate_org(&org),
                Source::Org,
                "ito",
                ProblemKind::GradeOutOfRange { value: grade },
                &format!("grade {grade} is outside 1–8"),
            );
        }
        let mut org = city();
        person_mut(&mut org, "ito").grade = Some(8);
        person_mut(&mut org, "sato").grade = Some(1);
        assert_eq!(validate_org(&org), vec![]);
    }

    #[test]
    fn a_reviewer_loop_is_reported_once_from_its_smallest_member() {
        // tanaka → sato closes tanaka → sato → suzuki → tanaka; ito only leads into it.
        let mut org = city();
        person_mut(&mut org, "tanaka").reviewer = Some("sato".into());
        assert_only(
            validate_org(&org),
            Source::Org,
            "sato",
            ProblemKind::ReviewerLoop { path: vec!["sato".into(), "suzuki".into(), "tanaka".into(), "sato".into()] },
            "reviewer chain loops: sato → suzuki → tanaka → sato",
        );
    }

    #[test]
    fn reviewing_oneself_is_a_loop() {
        let mut org = city();
        person_mut(&mut org, "tanaka").reviewer = Some("tanaka".into());
        assert_only(
            validate_org(&org),
            Source::Org,
            "tanaka",
            ProblemKind::ReviewerLoop { path: vec!["tanaka".into(), "tanaka".into()] },
            "reviewer chain loops: tanaka → tanaka",
        );
    }

    #[test]
    fn a_unit_loop_is_reported_once() {
        let mut org = city();
        unit_mut(&mut org, "soumu").parent = Some("jinji-t".into());
        assert_only(
            validate_org(&org),
            Source::Org,
            "jinji",
            ProblemKind::UnitLoop { path: vec!["jinji".into(), "soumu".into(), "jinji-t".into(), "jinji".into()] },
            "unit parents loop: jinji → soumu → jinji-t → jinji",
        );
    }

    #[test]
    fn control_character_in_a_unit_name() {
        let mut org = city();
        unit_mut(&mut org, "jinji").name = "人事課\u{1b}[31m".into();
        assert_only(
            validate_org(&org),
            Source::Org,
            "jinji",
            ProblemKind::ControlCharacter { field: "name", code: 0x1b },
            "`name` contains control character U+001B",
        );
    }

    #[test]
    fn too_long_person_title() {
        let mut org = city();
        person_mut(&mut org, "ito").title = "主".repeat(TITLE_LIMIT + 1);
        assert_only(
            validate_org(&org),
            Source::Org,
            "ito",
            ProblemKind::TooLong { field: "title", chars: 201, limit: 200 },
            "`title` is 201 characters long; the limit is 200",
        );
    }

    // ---- cycles/2025 ----

    #[test]
    fn cycle_ends_before_it_starts() {
        let mut data = city_cycle();
        data.cycle.end = Date::from_ymd(2025, 3, 31).unwrap();
        assert_only(
            check_cycle(&city(), &data),
            Source::Cycle("2025".into()),
            "2025",
            ProblemKind::EndsBeforeStart,
            "ends before it starts",
        );
    }

    #[test]
    fn goals_file_of_another_cycle() {
        let mut data = city_cycle();
        sheet_mut(&mut data, "sato").cycle = "2024".into();
        assert_only(
            check_cycle(&city(), &data),
            goals_of("sato"),
            "sato",
            ProblemKind::WrongPlace { field: "cycle", expected: "2025".into(), found: "2024".into() },
            "`cycle` is `2024` but the file's place says `2025`",
        );
    }

    #[test]
    fn feedback_file_of_another_cycle() {
        let mut data = city_cycle();
        data.feedback[0].cycle = "2024".into();
        assert_only(
            check_cycle(&city(), &data),
            feedback_of("suzuki"),
            "suzuki",
            ProblemKind::WrongPlace { field: "cycle", expected: "2025".into(), found: "2024".into() },
            "`cycle` is `2024` but the file's place says `2025`",
        );
    }

    #[test]
    fn duplicate_goal_id_across_sheets() {
        let mut data = city_cycle();
        sheet_mut(&mut data, "sato").goals.push(sheet_goal("dx-jinji", "窓口のデジタル化", None));
        assert_only(
            check_cycle(&city(), &data),
            goals_of("sato"),
            "dx-jinji",
            ProblemKind::DuplicateId { what: "goal", id: "dx-jinji".into() },
            "goal id `dx-jinji` is used more than once",
        );
    }

    #[test]
    fn duplicate_proposal_id_across_sheets() {
        let mut data = city_cycle();
        sheet_mut(&mut data, "sato").proposals.push(proposal("p-sato", "dx-sato", "ito", None));
        assert_only(
            check_cycle(&city(), &data),
            goals_of("sato"),
            "p-sato",
            ProblemKind::DuplicateId { what: "proposal", id: "p-sato".into() },
            "proposal id `p-sato` is used more than once",
        );
    }

    #[test]
    fn goals_file_of_an_unknown_owner() {
        let mut data = city_cycle();
        data.goals.push(file("yamada", vec![], vec![]));
        assert_only(
            check_cycle(&city(), &data),
            goals_of("yamada"),
            "yamada",
            ProblemKind::UnknownPerson { field: "owner", id: "yamada".into() },
            "`owner` names unknown person `yamada`",
        );
    }

    #[test]
    fn proposal_to_an_unknown_person() {
        let mut data = city_cycle();
        sheet_mut(&mut data, "suzuki").proposals[1].to = "yamada".into();
        assert_only(
            check_cycle(&city(), &data),
            goals_of("suzuki"),
            "p-ito",
            ProblemKind::UnknownPerson { field: "to", id: "yamada".into() },
            "`to` names unknown person `yamada`",
        );
    }

    #[test]
    fn feedback_file_of_an_unknown_reviewer() {
        let mut data = city_cycle();
        data.feedback.push(FeedbackFile::new("yamada", "2025"));
        assert_only(
            check_cycle(&city(), &data),
            feedback_of("yamada"),
            "yamada",
            ProblemKind::UnknownPerson { field: "reviewer", id: "yamada".into() },
            "`reviewer` names unknown person `yamada`",
        );
    }

    #[test]
    fn feedback_for_an_unknown_person() {
        let mut data = city_cycle();
        data.feedback[0].feedback[1].person = "yamada".into();
        assert_only(
            check_cycle(&city(), &data),
            feedback_of("suzuki"),
            "yamada",
            ProblemKind::UnknownPerson { field: "person", id: "yamada".into() },
            "`person` names unknown person `yamada`",
        );
    }

    #[test]
    fn goal_with_an_unknown_parent() {
        let mut data = city_cycle();
        goal_mut(&mut data, "dx-sato").parent = Some("kikaku-dx".into());
        assert_only(
            check_cycle(&city(), &data),
            goals_of("sato"),
            "dx-sato",
            ProblemKind::UnknownGoal { field: "parent", id: "kikaku-dx".into() },
            "`parent` names unknown goal `kikaku-dx`",
        );
    }

    #[test]
    fn goal_linked_to_a_goal_of_another_cycle() {
        let mut data = city_cycle();
        goal_mut(&mut data, "dx-sato").parent = Some("dx-2024".into());
        let elsewhere = HashMap::from_iter([(GoalId::from("dx-2024"), CycleId::from("2024"))]);
        assert_only(
            validate_cycle(&city(), &data, &elsewhere),
            goals_of("sato"),
            "dx-sato",
            ProblemKind::LinkAcrossCycles { parent: "dx-2024".into(), parent_cycle: "2024".into() },
            "parent `dx-2024` belongs to cycle `2024`; goals can only link within their cycle",
        );
    }

    #[test]
    fn proposal_for_an_unknown_goal() {
        let mut data = city_cycle();
        sheet_mut(&mut data, "suzuki").proposals[1].parent = "kikaku-dx".into();
        assert_only(
            check_cycle(&city(), &data),
            goals_of("suzuki"),
            "p-ito",
            ProblemKind::UnknownGoal { field: "parent", id: "kikaku-dx".into() },
            "`parent` names unknown goal `kikaku-dx`",
        );
    }

    #[test]
    fn feedback_on_an_unknown_goal() {
        let mut data = city_cycle();
        data.feedback[0].feedback[0].goal = Some("kikaku-dx".into());
        assert_only(
            check_cycle(&city(), &data),
            feedback_of("suzuki"),
            "kikaku-dx",
            ProblemKind::UnknownGoal { field: "goal", id: "kikaku-dx".into() },
            "`goal` names unknown goal `kikaku-dx`",
        );
    }

    #[test]
    fn goal_adopting_an_unknown_proposal() {
        let mut data = city_cycle();
        goal_mut(&mut data, "dx-sato").proposal = Some("p-kikaku".into());
        assert_only(
            check_cycle(&city(), &data),
            goals_of("sato"),
            "dx-sato",
            ProblemKind::UnknownProposal { id: "p-kikaku".into() },
            "refers to unknown proposal `p-kikaku`",
        );
    }

    #[test]
    fn declining_an_unknown_proposal() {
        let mut data = city_cycle();
        sheet_mut(&mut data, "ito").declined[0].proposal = "p-kikaku".into();
        assert_only(
            check_cycle(&city(), &data),
            goals_of("ito"),
            "p-kikaku",
            ProblemKind::UnknownProposal { id: "p-kikaku".into() },
            "refers to unknown proposal `p-kikaku`",
        );
    }

    #[test]
    fn a_parent_loop_is_reported_once_from_its_smallest_member() {
        // dx → dx-sato closes dx → dx-sato → dx-jinji → dx across three sheets.
        let mut data = city_cycle();
        goal_mut(&mut data, "dx").parent = Some("dx-sato".into());
        assert_only(
            check_cycle(&city(), &data),
            goals_of("tanaka"),
            "dx",
            ProblemKind::ParentLoop { path: vec!["dx".into(), "dx-sato".into(), "dx-jinji".into(), "dx".into()] },
            "parent links form a loop: dx → dx-sato → dx-jinji → dx",
        );
    }

    #[test]
    fn progress_out_of_range() {
        let mut data = city_cycle();
        goal_mut(&mut data, "dx-sato").progress = Some(101);
        assert_only(
            check_cycle(&city(), &data),
            goals_of("sato"),
            "dx-sato",
            ProblemKind::ProgressOutOfRange { value: 101 },
            "progress 101 is outside 0–100",
        );
        goal_mut(&mut data, "dx-sato").progress = Some(100);
        assert_eq!(check_cycle(&city(), &data), vec![]);
    }

    #[test]
    fn negative_share() {
        let mut data = city_cycle();
        sheet_mut(&mut data, "suzuki").proposals[0].share = Some(-0.5);
        assert_only(
            check_cycle(&city(), &data),
            goals_of("suzuki"),
            "p-sato",
            ProblemKind::BadShare { value: -0.5 },
            "share -0.5 must be a number of 0 or more",
        );
    }

    #[test]
    fn share_that_is_not_a_number_or_infinite() {
        for value in [f64::NAN, f64::INFINITY] {
            let mut data = city_cycle();
            sheet_mut(&mut data, "suzuki").proposals[0].share = Some(value);
            let problems = check_cycle(&city(), &data);
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert_eq!(problems[0].source, goals_of("suzuki"));
            assert_eq!(problems[0].subject.as_deref(), Some("p-sato"));
            assert_eq!(problems[0].kind, ProblemKind::NotFinite { key: "share".into() });
            assert_eq!(english(&problems[0].kind), "`share` is not a finite number (nan and inf are not numbers here)");
        }
    }

    #[test]
    fn metrics_that_are_not_finite_are_errors_by_key() {
        let mut data = city_cycle();
        let metric = |start, target, current| crate::model::Metric {
            unit: "名".into(),
            start,
            target,
            current,
            source: None,
            course: None,
            question: None,
            min_meetings: None,
            extra: Default::default(),
        };
        goal_mut(&mut data, "dx-sato").metric =
            Some(Box::new(metric(f64::NAN, f64::INFINITY, Some(f64::NEG_INFINITY))));
        let keys: Vec<ProblemKind> = check_cycle(&city(), &data).into_iter().map(|p| p.kind).collect();
        let not_finite = |key: &str| ProblemKind::NotFinite { key: key.into() };
        assert_eq!(keys, [not_finite("metric.current"), not_finite("metric.start"), not_finite("metric.target")]);
        goal_mut(&mut data, "dx-sato").metric = Some(Box::new(metric(0.0, 100.0, Some(45.0))));
        assert_eq!(check_cycle(&city(), &data), vec![]);
    }

    #[test]
    fn settings_of_pdca_toml_that_are_not_finite_are_errors_by_key() {
        let info: DataSetInfo = toml::from_str(
            "schema_version = 1\norganisation = \"市\"\ncurrent_cycle = \"2026\"\n\
             [score.points]\nS = nan\n[score.difficulty]\nhigh = inf\n\
             [calibration]\nbands = { A = -inf }\nleniency_points = nan\n",
        )
        .unwrap();
        let keys: Vec<String> = validate_info(&info)
            .into_iter()
            .map(|p| match p.kind {
                ProblemKind::NotFinite { key } if p.source == Source::Info => key,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            keys,
            ["calibration.bands.A", "calibration.leniency_points", "score.difficulty.high", "score.points.S"]
        );
        let plain: DataSetInfo =
            toml::from_str("schema_version = 1\norganisation = \"市\"\ncurrent_cycle = \"2026\"\n").unwrap();
        assert_eq!(validate_info(&plain), vec![]);
    }

    #[test]
    fn weights_that_do_not_sum_to_100_are_a_warning() {
        let mut data = city_cycle();
        goal_mut(&mut data, "kenshu").weight = Some(20);
        let problems = check_cycle(&city(), &data);
        assert_only(
            problems.clone(),
            goals_of("suzuki"),
            "suzuki",
            ProblemKind::WeightsDoNotSum { total: 90 },
            "weights sum to 90, not 100",
        );
        assert_eq!(problems[0].severity(), Severity::Warning);
    }

    #[test]
    fn weights_summing_to_100_or_absent_give_no_warning() {
        // suzuki's 70 + 30 and tanaka's 100 sum to 100; sato and ito give none.
        let data = city_cycle();
        assert!(data.goals[2..].iter().flat_map(|f| &f.goals).all(|g| g.weight.is_none()));
        assert_eq!(check_cycle(&city(), &data), vec![]);
        // A goal without a weight next to weighted ones does not count.
        let mut data = city_cycle();
        goal_mut(&mut data, "kenshu").weight = None;
        sheet_mut(&mut data, "suzuki")
            .goals
            .push(Goal { weight: Some(30), ..sheet_goal("kenshu-2", "OJT指導者の育成", None) });
        assert_eq!(check_cycle(&city(), &data), vec![]);
    }

    #[test]
    fn huge_weights_neither_overflow_nor_wrap_round_to_100() {
        // u32::MAX + 101 wraps to 100; the sum must not panic nor pass as 100.
        let mut data = city_cycle();
        goal_mut(&mut data, "dx-jinji").weight = Some(u32::MAX);
        goal_mut(&mut data, "kenshu").weight = Some(101);
        assert_only(
            check_cycle(&city(), &data),
            goals_of("suzuki"),
            "suzuki",
            ProblemKind::WeightsDoNotSum { total: u32::MAX },
            "weights sum to 4294967295, not 100",
        );
    }

    #[test]
    fn escape_character_in_a_goal_title() {
        let mut data = city_cycle();
        goal_mut(&mut data, "dx-sato").title = "DX研修\u{1b}]0;pwned\u{7}".into();
        assert_only(
            check_cycle(&city(), &data),
            goals_of("sato"),
            "dx-sato",
            ProblemKind::ControlCharacter { field: "title", code: 0x1b },
            "`title` contains control character U+001B",
        );
    }

    #[test]
    fn escape_characters_in_sheet_comments_and_revision_reasons() {
        let mut data = city_cycle();
        data.feedback[0].sheet.push(SheetRecord {
            person: Some("sato".into()),
            step: Step::SendBack,
            by: "suzuki".into(),
            at: Timestamp(chrono::DateTime::parse_from_rfc3339("2025-05-20T11:00:00+09:00").unwrap()),
            comment: "再提出してください\u{1b}[2J".into(),
            plan: Default::default(),
            confirmed: None,
            extra: Extra::new(),
        });
        assert_only(
            check_cycle(&city(), &data),
            feedback_of("suzuki"),
            "sato",
            ProblemKind::ControlCharacter { field: "sheet.comment", code: 0x1b },
            "`sheet.comment` contains control character U+001B",
        );
        let mut data = city_cycle();
        goal_mut(&mut data, "dx-sato").detail.get_mut().unwrap().revisions.push(Revision {
            date: Date::from_ymd(2025, 10, 1).unwrap(),
            reason: "研修日程の変更\u{7}".into(),
            fields: vec!["due".into()],
            extra: Extra::new(),
        });
        assert_only(
            check_cycle(&city(), &data),
            goals_of("sato"),
            "dx-sato",
            ProblemKind::ControlCharacter { field: "revisions.reason", code: 0x07 },
            "`revisions.reason` contains control character U+0007",
        );
    }

    #[test]
    fn newlines_and_tabs_are_fine_in_a_plan() {
        let mut data = city_cycle();
        goal_mut(&mut data, "dx-sato").detail.get_mut().unwrap().plan = "6月：第1回\n\t7月：第2回\n".into();
        assert_eq!(check_cycle(&city(), &data), vec![]);
        assert_eq!(check_text("plan", "一行目\n\t二行目", TEXT_LIMIT), None);
    }

    #[test]
    fn too_long_goal_title_counts_characters_not_bytes() {
        let mut data = city_cycle();
        goal_mut(&mut data, "dx-sato").title = "研".repeat(TITLE_LIMIT);
        assert_eq!(check_cycle(&city(), &data), vec![]);
        goal_mut(&mut data, "dx-sato").title.push('修');
        assert_only(
            check_cycle(&city(), &data),
            goals_of("sato"),
            "dx-sato",
            ProblemKind::TooLong { field: "title", chars: 201, limit: 200 },
            "`title` is 201 characters long; the limit is 200",
        );
    }

    /// An export's load leaves a Do log on disk only once every check that reads it
    /// passes ([`log_checks_pass`]), marked so: validation then says nothing of it,
    /// and hides nothing. Left without the checks, it is said not read.
    #[test]
    fn a_do_log_passes_its_checks_before_it_is_left_on_disk() {
        use crate::model::competency::{LogRef, RatingNotes, SelfRating};
        let day = Date::from_ymd(2025, 10, 3).unwrap();
        let plain = |text: &str| crate::model::LogEntry {
            text: text.to_owned().into(),
            course: None,
            ..crate::model::training::tests::course_entry(day, "研修", false)
        };
        let mut data = city_cycle();
        goal_mut(&mut data, "dx-sato").log.get_mut().unwrap().push(plain("窓口で説明"));
        let sato = |data: &CycleData| data.goals.iter().position(|file| file.owner == "sato").unwrap();
        let at = sato(&data);
        assert!(log_checks_pass(&data.goals[at]));
        let mut checked = data.clone();
        assert!(leave_checked_logs_on_disk(&mut checked.goals[at]));
        assert!(checked.goals[at].logs_away_checked);
        assert_eq!(check_cycle(&city(), &checked), check_cycle(&city(), &data), "nothing hidden, nothing added");
        // Left without its checks (a long session's load), it is said not read.
        let mut held = data.clone();
        assert!(held.goals[at].leave_plain_logs_on_disk());
        let not_read = Problem::new(goals_of("sato"), Some("dx-sato"), ProblemKind::TextNotRead { field: "log" });
        let mut expected = check_cycle(&city(), &data);
        expected.push(not_read);
        assert_eq!(check_cycle(&city(), &held), expected, "only that the log was not read");
        // A file with a log away already was not checked: it is left as it is, and
        // leaving its logs again without the checks takes the mark off.
        let mut again = held.clone();
        assert!(!leave_checked_logs_on_disk(&mut again.goals[at]));
        assert_eq!(again, held);
        checked.goals[at].leave_plain_logs_on_disk();
        assert!(!checked.goals[at].logs_away_checked);

        // Each check that reads the log, failing, keeps it here to be reported.
        let control = plain("改行でなく\u{7}ベル");
        let long = plain(&"長".repeat(TEXT_LIMIT + 1));
        for entry in [control, long] {
            let mut failing = data.clone();
            goal_mut(&mut failing, "dx-sato").log.get_mut().unwrap().push(entry);
            assert!(!log_checks_pass(&failing.goals[at]));
            assert!(!leave_checked_logs_on_disk(&mut failing.goals[at]), "kept, to be reported");
            assert!(failing.goals[at].goals.iter().all(|goal| goal.log.get().is_ok()));
        }
        let cite = |date| SelfRating {
            ability: "knowledge".into(),
            level: Level::B,
            notes: crate::model::Held::Here(Box::new(RatingNotes {
                comment: String::new(),
                evidence: vec![LogRef { goal: "dx-sato".into(), date, extra: Extra::new() }],
            })),
            date: None,
            extra: Extra::new(),
        };
        let mut citing = data.clone();
        citing.goals[at].competencies.push(cite(day));
        assert!(log_checks_pass(&citing.goals[at]), "evidence found in the log");
        citing.goals[at].competencies.push(cite(Date::from_ymd(2025, 10, 4).unwrap()));
        assert!(!log_checks_pass(&citing.goals[at]), "evidence of a day the log does not have");
    }

    /// A file whose own checks passed as it was parsed, by the parse cache's word
    /// the load trusts, has them made no second time: not even of the texts since
    /// left on disk, which they read. A file found failing them is checked again,
    /// for each problem to be said.
    #[test]
    fn the_checks_a_file_passed_as_it_was_parsed_are_not_made_again() {
        use crate::model::OwnChecks;
        let mut data = city_cycle();
        let at = data.goals.iter().position(|file| file.owner == "sato").unwrap();
        assert_eq!(data.goals[at].own_checks(), OwnChecks::found(true, true, false));
        let mut held = data.clone();
        goal_mut(&mut held, "dx-sato").detail.leave_on_disk();
        assert_eq!(held.goals[at].own_checks(), OwnChecks::NONE, "what is away is not known to pass");
        held.goals[at].trust_own_checks(OwnChecks::found(true, true, false));
        assert_eq!(check_cycle(&city(), &held), vec![], "checked as it was parsed");

        goal_mut(&mut data, "dx-sato").title.push('\u{7}');
        let spoiled = data.goals[at].own_checks();
        assert_eq!(spoiled, OwnChecks::found(false, true, false));
        let said = check_cycle(&city(), &data);
        data.goals[at].trust_own_checks(spoiled);
        assert_eq!(check_cycle(&city(), &data), said, "checked again");
        assert_eq!(said.len(), 1);
    }

    #[test]
    fn a_text_left_on_disk_is_refused_not_passed_unseen() {
        let entry = crate::model::training::tests::course_entry(Date::from_ymd(2025, 10, 3).unwrap(), "研修", false);
        let check = crate::model::SelfCheck {
            level: Level::B,
            comment: "概ね達成".into(),
            date: None,
            extra: Default::default(),
        };
        let mut data = city_cycle();
        goal_mut(&mut data, "dx-sato").log.get_mut().unwrap().push(entry);
        goal_mut(&mut data, "dx-sato").check = Some(Box::new(check));
        assert_eq!(check_cycle(&city(), &data), vec![]);
        type Leave = fn(&mut crate::model::Goal);
        let leave: [(&str, Leave); 3] = [
            ("log.text", |goal| goal.log.get_mut().unwrap()[0].text.leave_on_disk()),
            ("log", |goal| goal.log.leave_on_disk()),
            ("check.comment", |goal| goal.check.as_mut().unwrap().comment.leave_on_disk()),
        ];
        for (field, leave) in leave {
            let mut held = data.clone();
            leave(goal_mut(&mut held, "dx-sato"));
            let said = format!("`{field}` was not read, so it cannot be checked");
            let kind = ProblemKind::TextNotRead { field };
            assert_only(check_cycle(&city(), &held), goals_of("sato"), "dx-sato", kind, &said);
        }
        // A goal's detail left on disk is said for each of its keys that is checked.
        let mut held = data.clone();
        goal_mut(&mut held, "dx-sato").detail.leave_on_disk();
        let not_read = |field| Problem::new(goals_of("sato"), Some("dx-sato"), ProblemKind::TextNotRead { field });
        let said = ["description", "plan", "milestones", "revisions"].map(not_read);
        assert_eq!(check_cycle(&city(), &held), said);
        // The seals are checked against a plan snapshot: one left on disk is said too.
        let mut held = data.clone();
        held.feedback[0].sheet.push(SheetRecord {
            person: Some("sato".into()),
            step: Step::SendBack,
            by: "suzuki".into(),
            at: Timestamp(chrono::DateTime::parse_from_rfc3339("2025-05-20T11:00:00+09:00").unwrap()),
            comment: String::new(),
            plan: crate::model::Held::Away,
            confirmed: None,
            extra: Extra::new(),
        });
        let (said, kind) =
            ("`sheet.plan` was not read, so it cannot be checked", ProblemKind::TextNotRead { field: "sheet.plan" });
        assert_only(check_cycle(&city(), &held), feedback_of("suzuki"), "sato", kind, said);
    }
}
