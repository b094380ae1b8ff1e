//! Checks of the 能力評価 half and of calibration: the framework file, the ratings in
//! goals and feedback files, and the adjustments in calibration files. Without a
//! framework the half is off: ratings are kept but neither counted nor checked.

use crate::model::hash::HashSet;

use super::{TEXT_LIMIT, TITLE_LIMIT, check_held_text, check_text};
use crate::model::calibration::{AdjustmentIndex, Outcome};
use crate::model::competency::LogRef;
use crate::model::competency::{Framework, level_group, rater_of};
use crate::model::permissions::Hierarchy;
use crate::model::problem::{CompetencyProblem, Problem, ProblemKind};
use crate::model::score::{ScoreFormula, evaluate};
use crate::model::source::Source;
use crate::model::types::{Away, CycleData, GoalsFile, LogEntry, Org};

fn problem(source: &Source, subject: &str, kind: CompetencyProblem) -> Problem {
    Problem::new(source.clone(), Some(subject), ProblemKind::Competency(kind))
}

/// Checks `competencies.toml` itself, that it can place everyone of the organisation,
/// and the ability weights of `pdca.toml`'s `[score]`: what holds for every cycle.
pub fn validate_framework(framework: &Framework, org: &Org, formula: &ScoreFormula) -> Vec<Problem> {
    let source = Source::Competencies;
    let mut problems = Vec::new();
    for person in org.people.iter().filter(|person| level_group(person).is_none()) {
        problems.push(problem(&Source::Org, &person.id, CompetencyProblem::NoLevelGroup));
    }
    let mut report = |subject: &str, kind| problems.push(Problem::new(source.clone(), Some(subject), kind));
    let mut group_ids = HashSet::default();
    for group in &framework.groups {
        if !group_ids.insert(group.id.as_str()) {
            report(&group.id, ProblemKind::DuplicateId { what: "ability group", id: group.id.clone() });
        }
        for (field, name) in [("name", &group.name), ("name_en", &group.name_en)] {
            report_text(&mut report, &group.id, field, name, TITLE_LIMIT);
        }
    }
    let mut ability_ids = HashSet::default();
    for ability in &framework.abilities {
        if !ability_ids.insert(ability.id.as_str()) {
            report(&ability.id, ProblemKind::DuplicateId { what: "ability", id: ability.id.to_string() });
        }
        if !group_ids.contains(ability.group.as_str()) {
            let kind = CompetencyProblem::UnknownAbilityGroup { group: ability.group.clone() };
            report(&ability.id, ProblemKind::Competency(kind));
        }
        let titles = [("name", &ability.name), ("name_en", &ability.name_en)].map(|(f, t)| (f, t, TITLE_LIMIT));
        let texts = [("description", &ability.description), ("description_en", &ability.description_en)]
            .map(|(f, t)| (f, t, TEXT_LIMIT));
        let anchors = ability.anchors.values().map(|t| ("anchors", t, TEXT_LIMIT));
        let anchors_en = ability.anchors_en.values().map(|t| ("anchors_en", t, TEXT_LIMIT));
        for (field, value, limit) in titles.into_iter().chain(texts).chain(anchors).chain(anchors_en) {
            report_text(&mut report, &ability.id, field, value, limit);
        }
    }
    for ability in formula.ability_weights.keys().filter(|id| framework.ability(id).is_none()) {
        let kind = CompetencyProblem::UnknownAbility { ability: *ability };
        problems.push(problem(&Source::Info, ability, kind));
    }
    problems
}

fn report_text(
    report: &mut impl FnMut(&str, ProblemKind),
    subject: &str,
    field: &'static str,
    text: &str,
    limit: usize,
) {
    if let Some(kind) = check_text(field, text, limit) {
        report(subject, kind);
    }
}

/// Checks one cycle's ratings and adjustments against the organisation and the framework.
pub fn validate_competency(org: &Org, data: &CycleData, formula: &ScoreFormula) -> Vec<Problem> {
    let hierarchy = Hierarchy::new(org);
    let mut problems = Vec::new();
    if let Some(framework) = &data.competencies {
        let ratings = Ratings { org: &hierarchy, framework };
        for file in &data.goals {
            problems.extend(ratings.check_own(&data.cycle.id, file));
        }
        for file in &data.feedback {
            let source = Source::Feedback { cycle: data.cycle.id.clone(), reviewer: file.reviewer };
            for rating in &file.competency {
                if hierarchy.person(&rating.person).is_none() {
                    let kind = ProblemKind::UnknownPerson { field: "person", id: rating.person };
                    problems.push(Problem::new(source.clone(), Some(&rating.ability), kind));
                    continue;
                }
                if rater_of(&hierarchy, &file.reviewer, &rating.person).is_none() {
                    let kind = CompetencyProblem::NotARater { writer: file.reviewer, person: rating.person };
                    problems.push(problem(&source, &rating.ability, kind));
                }
                let comment = rating.comment().map(String::as_str);
                problems.extend(ratings.check_rating(&source, &rating.person, &rating.ability, comment));
            }
        }
    }
    problems.extend(check_adjustments(&hierarchy, data, formula));
    problems
}

struct Ratings<'a> {
    org: &'a Hierarchy<'a>,
    framework: &'a Framework,
}

impl Ratings<'_> {
    /// An ability rated for `person`: known, applicable to their group, decent comment.
    fn check_rating(&self, source: &Source, person: &str, ability: &str, comment: Result<&str, Away>) -> Vec<Problem> {
        let mut problems = Vec::new();
        match self.framework.ability(ability) {
            None => {
                problems.push(problem(source, ability, CompetencyProblem::UnknownAbility { ability: ability.into() }))
            }
            Some(known) => {
                let group = self.org.person(person).and_then(level_group);
                if let Some(group) = group.filter(|&group| !known.applies_to(group)) {
                    let kind = CompetencyProblem::NotApplicable { ability: ability.into(), group };
                    problems.push(problem(source, ability, kind));
                }
            }
        }
        if let Some(kind) = check_held_text("competency.comment", comment, TEXT_LIMIT) {
            problems.push(Problem::new(source.clone(), Some(ability), kind));
        }
        problems
    }

    /// The self-ratings of a goals file, and that their evidence is the owner's own Do log.
    fn check_own(&self, cycle: &str, file: &GoalsFile) -> Vec<Problem> {
        let source = Source::Goals { cycle: cycle.into(), person: file.owner };
        let mut problems = Vec::new();
        for rating in &file.competencies {
            let comment = rating.comment().map(String::as_str);
            problems.extend(self.check_rating(&source, &file.owner, &rating.ability, comment));
            let Ok(cited) = rating.evidence() else {
                let kind = ProblemKind::TextNotRead { field: "competency.evidence" };
                problems.push(Problem::new(source.clone(), Some(&rating.ability), kind));
                continue;
            };
            for evidence in cited.iter().filter(|evidence| !is_in_log(file, evidence)) {
                let kind = CompetencyProblem::NoSuchLogEntry { goal: evidence.goal.clone(), date: evidence.date };
                problems.push(problem(&source, &rating.ability, kind));
            }
        }
        problems
    }
}

/// Whether the Do-log entry `evidence` cites is in its owner's log. A log left on
/// disk cannot be compared: the file's check says it was not read, or it passed
/// this check as it was read ([`super::log_checks_pass`]).
fn is_in_log(file: &GoalsFile, evidence: &LogRef) -> bool {
    let goal = file.goals.iter().find(|goal| goal.id == evidence.goal);
    let cited = |log: &[LogEntry]| log.iter().any(|entry| entry.date == evidence.date);
    goal.is_some_and(|goal| goal.log.get().map_or(true, |log| cited(log)))
}

/// Whether every Do-log entry the self-ratings of `file` cite is in its owner's log.
pub(super) fn cited_entries_found(file: &GoalsFile) -> bool {
    let cited = file.competencies.iter().filter_map(|rating| rating.evidence().ok());
    cited.flatten().all(|evidence| is_in_log(file, evidence))
}

/// Calibration files: in the right cycle, by a known person, about known people, and
/// every adjustment valid and applied to the result it names.
fn check_adjustments(org: &Hierarchy<'_>, data: &CycleData, formula: &ScoreFormula) -> Vec<Problem> {
    let mut problems = Vec::new();
    for file in &data.calibration {
        let source = Source::Calibration { cycle: data.cycle.id.clone(), calibrator: file.calibrator };
        let mut report = |subject: &str, kind| problems.push(Problem::new(source.clone(), Some(subject), kind));
        if file.cycle != data.cycle.id {
            let kind = ProblemKind::WrongPlace {
                field: "cycle",
                expected: data.cycle.id.to_string(),
                found: file.cycle.to_string(),
            };
            report(&file.calibrator, kind);
        }
        if org.person(&file.calibrator).is_none() {
            report(&file.calibrator, ProblemKind::UnknownPerson { field: "calibrator", id: file.calibrator });
        }
        for record in &file.adjustment {
            if org.person(&record.person).is_none() {
                report(&record.person, ProblemKind::UnknownPerson { field: "person", id: record.person });
            }
            report_text(&mut report, &record.person, "adjustment.reason", &record.reason, TEXT_LIMIT);
        }
    }
    let index = AdjustmentIndex::new(data);
    let mut people: Vec<&str> = index.people().filter(|person| org.person(person).is_some()).collect();
    people.sort_unstable();
    for person in people {
        let computed = Outcome::of(&evaluate(org, data, formula, person).overall);
        let result = index.replay(org, formula, person, computed);
        for ignored in result.ignored {
            let kind = CompetencyProblem::IgnoredAdjustment { person: person.into(), reason: ignored.reason };
            problems.push(problem(&ignored.source, person, kind));
        }
        for applied in result.applied.iter().filter(|applied| applied.stale) {
            let from = applied.record.from.expect("only a record with `from` can be stale");
            let found = applied.before.value(applied.record.what);
            let kind = CompetencyProblem::StaleAdjustment { person: person.into(), from, found };
            problems.push(problem(&applied.source, person, kind));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::calibration::AdjustmentIgnored;
    use crate::model::calibration::adjustment::tests::{adjustment, at};
    use crate::model::calibration::{Adjusted, CalibrationFile};
    use crate::model::cascade::tests::{cycle_data, file, goal};
    use crate::model::competency::LogRef;
    use crate::model::competency::tests::{framework, rating, self_rating};
    use crate::model::date::Date;
    use crate::model::permissions::tests::city;
    use crate::model::problem::Severity;
    use crate::model::types::ability::LevelGroup;
    use crate::model::types::calibration::FinalValue;
    use crate::model::types::{Extra, FeedbackFile, Goal, Level, LogEntry, LogKind};

    /// 伊藤 (主事級) with a Do entry on 2026-01-15, her self-ratings with that entry as
    /// evidence, 佐藤's (reviewer) and 鈴木's (second reviewer) ratings, and 木村's (HR)
    /// adjustment; nothing wrong.
    fn clean() -> (Org, CycleData) {
        let mut org = city();
        org.people.iter_mut().find(|p| p.id == "ito").unwrap().grade = Some(1);
        let day = Date::from_ymd(2026, 1, 15).unwrap();
        let entry = LogEntry {
            date: day,
            kind: LogKind::Practice,
            text: "窓口で説明".into(),
            course: None,
            completed: false,
            extra: Extra::new(),
        };
        let mut ito = file("ito", vec![Goal { log: vec![entry].into(), ..goal("ito-1", None, 50) }], vec![]);
        let mut own = self_rating("knowledge", Level::A);
        own.notes.get_mut().unwrap().evidence = vec![LogRef { goal: "ito-1".into(), date: day, extra: Extra::new() }];
        ito.competencies = vec![own, self_rating("cooperation", Level::B)];
        let mut data = cycle_data(vec![ito]);
        data.competencies = Some(framework());
        let mut sato = FeedbackFile::new("sato", "2025");
        sato.competency = vec![rating("ito", "knowledge", Level::B, None)];
        let mut suzuki = FeedbackFile::new("suzuki", "2025");
        suzuki.competency = vec![rating("ito", "knowledge", Level::A, None)];
        data.feedback = vec![sato, suzuki];
        let record = adjustment("ito", "kimura", None, FinalValue::Level(Level::A), at(10, 9));
        data.calibration = vec![CalibrationFile { adjustment: vec![record], ..CalibrationFile::new("kimura", "2025") }];
        (org, data)
    }

    fn check(org: &Org, data: &CycleData) -> Vec<Problem> {
        validate_competency(org, data, &ScoreFormula::default())
    }

    fn goals_of(person: &str) -> Source {
        Source::Goals { cycle: "2025".into(), person: person.into() }
    }

    fn feedback_of(reviewer: &str) -> Source {
        Source::Feedback { cycle: "2025".into(), reviewer: reviewer.into() }
    }

    fn calibration_of(calibrator: &str) -> Source {
        Source::Calibration { cycle: "2025".into(), calibrator: calibrator.into() }
    }

    /// Exactly one problem, in `source`, about `subject`, of `kind`, reading `message`.
    #[track_caller]
    fn assert_only(problems: Vec<Problem>, source: Source, subject: &str, kind: ProblemKind, message: &str) {
        assert_eq!(problems, vec![Problem::new(source, Some(subject), kind)]);
        assert_eq!(crate::messages::problem(&problems[0].kind, crate::messages::Lang::En), message);
    }

    #[test]
    fn a_clean_cycle_and_framework_have_no_problems() {
        let (org, data) = clean();
        assert_eq!(check(&org, &data), vec![]);
        assert_eq!(validate_framework(&framework(), &org, &ScoreFormula::default()), vec![]);
    }

    #[test]
    fn a_self_rating_of_an_unknown_ability() {
        let (org, mut data) = clean();
        data.goals[0].competencies[1].ability = "negotiation".into();
        assert_only(
            check(&org, &data),
            goals_of("ito"),
            "negotiation",
            ProblemKind::Competency(CompetencyProblem::UnknownAbility { ability: "negotiation".into() }),
            "ability `negotiation` is not in competencies.toml",
        );
    }

    #[test]
    fn a_rating_of_an_ability_that_does_not_apply_to_the_persons_group() {
        let (org, mut data) = clean();
        data.feedback[0].competency.push(rating("ito", "leadership", Level::A, None));
        let kind = CompetencyProblem::NotApplicable { ability: "leadership".into(), group: LevelGroup::Staff };
        assert_eq!(crate::messages::Message::ja(&kind), "能力 `leadership` は主事級の評価項目ではありません");
        assert_only(
            check(&org, &data),
            feedback_of("sato"),
            "leadership",
            ProblemKind::Competency(kind),
            "ability `leadership` is not rated at the staff level",
        );
    }

    #[test]
    fn a_rating_by_someone_who_is_neither_reviewer_nor_second_reviewer() {
        let (org, mut data) = clean();
        let mut kato = FeedbackFile::new("kato", "2025");
        kato.competency.push(rating("ito", "cooperation", Level::D, None));
        data.feedback.push(kato);
        assert_only(
            check(&org, &data),
            feedback_of("kato"),
            "cooperation",
            ProblemKind::Competency(CompetencyProblem::NotARater { writer: "kato".into(), person: "ito".into() }),
            "kato rates abilities of ito but is neither their reviewer nor their second reviewer",
        );
    }

    #[test]
    fn a_rating_of_an_unknown_person() {
        let (org, mut data) = clean();
        data.feedback[0].competency[0].person = "yamada-x".into();
        assert_only(
            check(&org, &data),
            feedback_of("sato"),
            "knowledge",
            ProblemKind::UnknownPerson { field: "person", id: "yamada-x".into() },
            "`person` names unknown person `yamada-x`",
        );
    }

    #[test]
    fn evidence_that_names_no_do_entry_is_a_warning() {
        let (org, mut data) = clean();
        let date = Date::from_ymd(2026, 1, 16).unwrap();
        data.goals[0].competencies[0].notes.get_mut().unwrap().evidence[0].date = date;
        let problems = check(&org, &data);
        assert_only(
            problems.clone(),
            goals_of("ito"),
            "knowledge",
            ProblemKind::Competency(CompetencyProblem::NoSuchLogEntry { goal: "ito-1".into(), date }),
            "evidence ito-1 on 2026-01-16 names no Do entry of the person's own goals",
        );
        assert_eq!(problems[0].severity(), Severity::Warning);
    }

    #[test]
    fn a_comment_and_evidence_left_on_disk_are_said_not_read_rather_than_checked() {
        let (org, mut data) = clean();
        data.goals[0].competencies[0].notes.leave_on_disk();
        let not_read = |field| Problem::new(goals_of("ito"), Some("knowledge"), ProblemKind::TextNotRead { field });
        assert_eq!(check(&org, &data), vec![not_read("competency.comment"), not_read("competency.evidence")]);
        let message = crate::messages::problem(&not_read("competency.evidence").kind, crate::messages::Lang::En);
        assert_eq!(message, "`competency.evidence` was not read, so it cannot be checked");
    }

    #[test]
    fn a_person_the_framework_cannot_place_is_a_warning() {
        let mut org = city();
        org.people.iter_mut().find(|p| p.id == "kato").unwrap().grade = None;
        let problems = validate_framework(&framework(), &org, &ScoreFormula::default());
        assert_only(
            problems.clone(),
            Source::Org,
            "kato",
            ProblemKind::Competency(CompetencyProblem::NoLevelGroup),
            "has no competency level group: set grade, job_type or competency_group in org.toml",
        );
        assert_eq!(problems[0].severity(), Severity::Warning);
    }

    #[test]
    fn without_a_framework_ratings_are_not_checked() {
        let (org, mut data) = clean();
        data.goals[0].competencies[1].ability = "negotiation".into();
        data.competencies = None;
        data.calibration.clear();
        assert_eq!(check(&org, &data), vec![]);
    }

    #[test]
    fn a_control_character_in_a_rating_comment() {
        let (org, mut data) = clean();
        data.feedback[1].competency[0].comment = "よくできた\u{1b}[2J".into();
        assert_only(
            check(&org, &data),
            feedback_of("suzuki"),
            "knowledge",
            ProblemKind::ControlCharacter { field: "competency.comment", code: 0x1b },
            "`competency.comment` contains control character U+001B",
        );
    }

    #[test]
    fn an_adjustment_without_a_reason() {
        let (org, mut data) = clean();
        data.calibration[0].adjustment[0].reason = " ".into();
        assert_only(
            check(&org, &data),
            calibration_of("kimura"),
            "ito",
            ProblemKind::Competency(CompetencyProblem::IgnoredAdjustment {
                person: "ito".into(),
                reason: AdjustmentIgnored::NoReason,
            }),
            "the adjustment of ito is ignored: it has no `reason`; a reason is required",
        );
    }

    #[test]
    fn an_adjustment_by_someone_who_may_not_calibrate() {
        let (org, mut data) = clean();
        data.calibration[0] = CalibrationFile {
            adjustment: vec![adjustment("ito", "sato", None, FinalValue::Level(Level::A), at(10, 9))],
            ..CalibrationFile::new("sato", "2025")
        };
        let problems = check(&org, &data);
        assert_only(
            problems.clone(),
            calibration_of("sato"),
            "ito",
            ProblemKind::Competency(CompetencyProblem::IgnoredAdjustment {
                person: "ito".into(),
                reason: AdjustmentIgnored::NotAllowed,
            }),
            "the adjustment of ito is ignored: `by` may not calibrate this person: only HR or their second reviewer \
             may, never the person",
        );
        assert_eq!(problems[0].severity(), Severity::Error);
    }

    #[test]
    fn an_adjustment_by_someone_else_than_the_files_writer() {
        let (org, mut data) = clean();
        data.calibration[0].adjustment[0].by = "suzuki".into();
        let reason = AdjustmentIgnored::NotTheWriter { writer: "kimura".into() };
        assert_only(
            check(&org, &data),
            calibration_of("kimura"),
            "ito",
            ProblemKind::Competency(CompetencyProblem::IgnoredAdjustment { person: "ito".into(), reason }),
            "the adjustment of ito is ignored: the file is kimura's, so `by` must be kimura",
        );
    }

    #[test]
    fn an_adjustment_whose_value_does_not_fit_what_it_adjusts() {
        let (org, mut data) = clean();
        data.calibration[0].adjustment[0].what = Adjusted::Score;
        let problems = check(&org, &data);
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].kind,
            ProblemKind::Competency(CompetencyProblem::IgnoredAdjustment {
                person: "ito".into(),
                reason: AdjustmentIgnored::WrongValue
            })
        );
    }

    #[test]
    fn an_adjustment_whose_from_is_out_of_date_is_a_warning() {
        // 伊藤's computed result: knowledge A (鈴木, second reviewer) 4 and cooperation B
        // (self) 3 → 3.5 alone (no goal score), level A; the record says it was B.
        let (org, mut data) = clean();
        data.calibration[0].adjustment[0].from = Some(FinalValue::Level(Level::B));
        let kind = CompetencyProblem::StaleAdjustment {
            person: "ito".into(),
            from: FinalValue::Level(Level::B),
            found: Some(FinalValue::Level(Level::A)),
        };
        let problems = check(&org, &data);
        assert_only(
            problems.clone(),
            calibration_of("kimura"),
            "ito",
            ProblemKind::Competency(kind),
            "the adjustment of ito says `from = B`, but the result it applies to is A",
        );
        assert_eq!(problems[0].severity(), Severity::Warning);
    }

    #[test]
    fn an_adjustment_of_an_unknown_person_and_a_file_of_another_cycle() {
        let (org, mut data) = clean();
        data.calibration[0].adjustment[0].person = "yamada-x".into();
        data.calibration[0].cycle = "2024".into();
        let problems = check(&org, &data);
        let kinds: Vec<String> =
            problems.iter().map(|p| crate::messages::problem(&p.kind, crate::messages::Lang::En)).collect();
        assert_eq!(
            kinds,
            ["`cycle` is `2024` but the file's place says `2025`", "`person` names unknown person `yamada-x`"]
        );
    }

    #[test]
    fn a_framework_with_a_duplicate_ability_or_an_unknown_group() {
        let mut framework = framework();
        framework.abilities[1].id = "knowledge".into();
        framework.abilities[3].group = "ethics".into();
        let problems = validate_framework(&framework, &city(), &ScoreFormula::default());
        let listed: Vec<(Option<&str>, String)> = problems
            .iter()
            .map(|p| (p.subject.as_deref(), crate::messages::problem(&p.kind, crate::messages::Lang::En)))
            .collect();
        assert_eq!(
            listed,
            [
                (Some("knowledge"), "ability id `knowledge` is used more than once".to_owned()),
                (
                    Some("cooperation"),
                    "ability group `ethics` is not among the [[groups]] of competencies.toml".to_owned()
                ),
            ]
        );
        assert!(problems.iter().all(|p| p.source == Source::Competencies));
    }

    #[test]
    fn a_score_weight_of_an_unknown_ability() {
        let mut formula = ScoreFormula::default();
        formula.ability_weights.insert("negotiation".into(), 2.0);
        assert_only(
            validate_framework(&framework(), &city(), &formula),
            Source::Info,
            "negotiation",
            ProblemKind::Competency(CompetencyProblem::UnknownAbility { ability: "negotiation".into() }),
            "ability `negotiation` is not in competencies.toml",
        );
    }
}
