//! `--fill full`: the light data set filled in as a sheet is by November of a real
//! cycle, so that benchmarks weigh what a city's files weigh. Every goal gets a
//! plan, several Do-log entries and a mid-term self-check; every reviewer writes
//! feedback for each report, rates their abilities (能力評価, on the bundled
//! framework) and writes down 1on1s with them; everyone rates their own abilities.
//!
//! It runs on its own generator after the light fill, so the light files stay as they were.

use super::words::*;
use super::*;
use crate::model::competency::{
    AbilityRating, Framework, JOB_TYPE_SKILLED_LABOUR, LevelGroup, LogRef, RatingNotes, SelfRating, level_group,
};
use crate::model::meetings::{AgreedAction, Meeting, MeetingKind, MeetingTexts, MeetingsFile};

/// How much a generated data set holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Fill {
    /// Goals with some notes, as far as an early cycle has them.
    #[default]
    Light,
    /// Every goal and person filled in (see the module).
    Full,
}

/// The framework of the bundled sample: the seed's abilities, rated by grade.
fn framework() -> Framework {
    let (_, text) = crate::store::sample::FILES
        .iter()
        .find(|(path, _)| *path == crate::store::COMPETENCIES_FILE)
        .expect("the sample has a competency framework");
    toml::from_str(text).expect("the sample's framework parses")
}

const LEVELS: &[Level] = &[Level::S, Level::A, Level::A, Level::B, Level::B, Level::B, Level::B, Level::C];

const DO_DETAILS: &[&str] = &[
    "前月の課題だった確認漏れは、チェックリストを改めたことで解消した。",
    "関係課と打合せを行い、来月以降の役割分担を決めた。",
    "市民からの問合せが増えたため、よくある質問をホームページに追加した。",
    "処理件数と所要時間を記録し、月末に係内で振り返った。",
    "新しい手順を試行し、気づいた点を手順書に反映した。",
];

const AGENDAS: &[&str] = &[
    "上半期の振り返りと下半期の重点",
    "目標の進み具合と困っていること",
    "業務量の調整と研修の希望",
    "キャリアの希望と今後の育成",
];

const MEETING_NOTES: &[&str] = &[
    "進み具合はおおむね順調。繁忙期に向けて応援体制を相談した。関係課との調整は課長が同席して進める。",
    "業務量が多く残業が続いているため、担当の一部を係内で分担することにした。研修の受講は来月に調整する。",
    "下半期の重点を確認した。成果を数値で示せるよう、記録の取り方を見直す。本人は企画の業務に関心がある。",
];

const AGREED: &[&str] = &[
    "処理状況の一覧を毎週共有する",
    "関係課との打合せを来月中に設定する",
    "手順書の改訂案を作る",
    "研修の受講計画を出す",
];

const RATING_COMMENTS: &[&str] = &[
    "日々の業務で確実に発揮している。",
    "具体的な場面で成果につながっていた。",
    "さらに伸ばせる余地がある。後輩への指導の場面でも発揮してほしい。",
];

/// Fills in `set` (generated light) as [`Fill::Full`] says, from its own generator.
pub(super) fn fill_in(set: &mut Generated, reviewers: &[Option<usize>], seed: u64) {
    let mut rng = Rng::new(seed ^ 0x5EED_F111);
    let framework = framework();
    // Rated on the framework, everyone needs a level group: those outside the grade
    // table by their post.
    for person in set.org.people.iter_mut().filter(|p| p.grade.is_none()) {
        if person.title == "技能労務職員" {
            person.job_type = Some(JOB_TYPE_SKILLED_LABOUR.to_owned());
        } else {
            person.competency_group = Some(LevelGroup::Staff);
        }
    }
    for file in &mut set.data.goals {
        for goal in &mut file.goals {
            fill_goal(goal, &mut rng);
        }
    }
    let people = &set.org.people;
    let index: crate::model::hash::HashMap<&str, usize> =
        people.iter().enumerate().map(|(i, p)| (p.id.as_str(), i)).collect();
    let mut feedback: Vec<FeedbackFile> = people.iter().map(|p| FeedbackFile::new(&p.id, CYCLE)).collect();
    for file in std::mem::take(&mut set.data.feedback) {
        let reviewer = index[file.reviewer.as_str()];
        feedback[reviewer] = file;
    }
    let mut meetings: Vec<MeetingsFile> = people.iter().map(|p| MeetingsFile::new(&p.id, CYCLE)).collect();
    for (person, &reviewer) in reviewers.iter().enumerate() {
        let abilities: Vec<&str> = level_group(&people[person])
            .map(|group| framework.applicable(group).map(|a| a.id.as_str()).collect())
            .unwrap_or_default();
        let goals = &mut set.data.goals[person];
        goals.competencies = self_ratings(&abilities, goals, &mut rng);
        let Some(reviewer) = reviewer else { continue };
        let goals = &set.data.goals[person];
        reviewer_notes(&mut feedback[reviewer], &people[person].id, &abilities, goals, &mut rng);
        meetings[reviewer].meetings.extend(one_on_ones(&people[person].id, goals, &mut rng));
    }
    set.data.feedback = feedback.into_iter().filter(|f| !f.feedback.is_empty() || !f.sheet.is_empty()).collect();
    set.data.instruments.meetings = meetings.into_iter().filter(|f| !f.meetings.is_empty()).collect();
    set.data.competencies = Some(framework);
}

/// A plan by month, Do-log entries every few weeks, and the mid-term self-check.
fn fill_goal(goal: &mut Goal, rng: &mut Rng) {
    // A generated data set is whole: nothing of it was left on disk.
    let Held::Here(detail) = &mut goal.detail else { return };
    if detail.plan.is_empty() {
        detail.plan = format!(
            "4月：現状の把握と計画の策定\n6月：関係課との調整、実施方法の決定\n{}月：中間確認と計画の見直し\n{}月：実施結果の集計\n3月：結果のまとめと次年度への引継ぎ",
            rng.range(8, 9),
            rng.range(11, 12)
        );
    }
    let more = rng.range(3, 6);
    if let Held::Here(log) = &mut goal.log {
        for _ in 0..more {
            let (kind, text) = *rng.pick(LOG_TEXTS);
            log.push(LogEntry {
                date: plus_days(day(2026, 4, 15), rng.below(215)),
                kind,
                text: format!("{text}{}", rng.pick(DO_DETAILS)).into(),
                course: None,
                completed: false,
                extra: Extra::new(),
            });
        }
        log.sort_by_key(|entry| entry.date);
    }
    if goal.check.is_none() {
        goal.check = Some(Box::new(SelfCheck {
            level: *rng.pick(LEVELS),
            comment: format!("{}{}", rng.pick(SELF_CHECK_COMMENTS), rng.pick(DO_DETAILS)).into(),
            date: Some(plus_days(day(2026, 10, 1), rng.below(40))),
            extra: Extra::new(),
        }));
    }
}

/// The owner's rating of each ability they are rated on, citing a Do entry of theirs.
fn self_ratings(abilities: &[&str], goals: &GoalsFile, rng: &mut Rng) -> Vec<SelfRating> {
    abilities
        .iter()
        .map(|ability| {
            let evidence = (!goals.goals.is_empty())
                .then(|| rng.pick(&goals.goals))
                .and_then(|goal| goal.log.here()?.first().map(|entry| (goal, entry)))
                .map(|(goal, entry)| vec![LogRef { goal: goal.id.clone(), date: entry.date, extra: Extra::new() }])
                .unwrap_or_default();
            SelfRating {
                ability: (*ability).into(),
                level: *rng.pick(LEVELS),
                notes: RatingNotes { comment: rng.pick(RATING_COMMENTS).to_string(), evidence }.into(),
                date: Some(day(2026, 11, 2)),
                extra: Extra::new(),
            }
        })
        .collect()
}

/// The reviewer's mid-term feedback, feedback on one goal, and ability ratings of `person`.
fn reviewer_notes(file: &mut FeedbackFile, person: &str, abilities: &[&str], goals: &GoalsFile, rng: &mut Rng) {
    if !file.feedback.iter().any(|f| f.person == person && f.goal.is_none()) {
        file.feedback.push(Feedback {
            person: person.into(),
            goal: None,
            level: None,
            strengths: rng.pick(STRENGTHS).to_string(),
            notes: crate::model::FeedbackNotes {
                improvements: rng.pick(IMPROVEMENTS).to_string(),
                contribution: String::new(),
                comment: "中間面談。上半期の取組を確認した。".to_owned(),
            }
            .into(),
            date: Some(plus_days(day(2026, 9, 24), rng.below(25))),
            shared: true,
            extra: Extra::new(),
        });
    }
    if let Some(goal) = (!goals.goals.is_empty()).then(|| rng.pick(&goals.goals)) {
        file.feedback.push(Feedback {
            person: person.into(),
            goal: Some(goal.id.clone()),
            level: Some(*rng.pick(LEVELS)),
            strengths: rng.pick(STRENGTHS).to_string(),
            notes: crate::model::FeedbackNotes {
                improvements: rng.pick(IMPROVEMENTS).to_string(),
                contribution: format!("「{}」への貢献。", goal.title),
                comment: String::new(),
            }
            .into(),
            date: Some(plus_days(day(2026, 10, 1), rng.below(30))),
            shared: rng.chance(70),
            extra: Extra::new(),
        });
    }
    file.competency.extend(abilities.iter().map(|ability| AbilityRating {
        person: person.into(),
        ability: (*ability).into(),
        level: *rng.pick(LEVELS),
        comment: rng.pick(RATING_COMMENTS).to_string().into(),
        date: Some(day(2026, 11, 10)),
        extra: Extra::new(),
    }));
}

/// Two to four 1on1s of the reviewer with `person`, each with what they agreed.
fn one_on_ones(person: &str, goals: &GoalsFile, rng: &mut Rng) -> Vec<Meeting> {
    let count = rng.range(2, 4);
    let mut meetings: Vec<Meeting> = (0..count)
        .map(|_| Meeting {
            date: plus_days(day(2026, 5, 7), rng.below(190)),
            with: person.into(),
            kind: MeetingKind::Manager,
            texts: MeetingTexts {
                agenda: rng.pick(AGENDAS).to_string(),
                notes: rng.pick(MEETING_NOTES).to_string(),
                actions: (0..rng.range(1, 2))
                    .map(|_| AgreedAction {
                        text: rng.pick(AGREED).to_string(),
                        goal: (!goals.goals.is_empty() && rng.chance(60)).then(|| rng.pick(&goals.goals).id.clone()),
                        done: rng.chance(50),
                        extra: Extra::new(),
                    })
                    .collect(),
                extra: Extra::new(),
            }
            .into(),
        })
        .collect();
    meetings.sort_by_key(|meeting| meeting.date);
    meetings
}
