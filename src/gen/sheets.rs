//! The generated sheets: goals broken down level by level, their PDCA notes, and
//! the workflow records and feedback of their reviewers.

use super::words::*;
use super::*;
use crate::model::{GoalId, ProposalId};

pub(super) struct Sheets {
    pub(super) files: Vec<GoalsFile>,
    /// The theme of each goal, per person, parallel to their goals.
    themes: Vec<Vec<usize>>,
}

impl Sheets {
    pub(super) fn new(org: &Org) -> Sheets {
        Sheets {
            files: org.people.iter().map(|p| GoalsFile::new(&p.id, CYCLE)).collect(),
            themes: vec![Vec::new(); org.people.len()],
        }
    }

    /// Makes `person`'s goals: proposals from their reviewer adopted (or left
    /// pending or declined), then goals of their own linked to the reviewer's goals.
    pub(super) fn goals_of(&mut self, person: usize, reviewer: Option<usize>, rank: Rank, org: &Org, rng: &mut Rng) {
        let count = rng.range(4, 6);
        let weights = weights(count, rng);
        // Title, theme, and the parent goal with the adopted proposal (empty when none).
        type Planned = (String, usize, Option<(GoalId, ProposalId)>);
        let mut plans: Vec<Planned> = Vec::new();
        match reviewer {
            None => {
                for theme in rng.sample(THEMES.len(), count) {
                    let title = format!("{}{}", THEMES[theme].0, rng.pick(TOP_SUFFIXES));
                    plans.push((title, theme, None));
                }
            }
            Some(manager) => {
                let manager_goals = self.files[manager].goals.len();
                let proposed = rng.range(2, 3);
                for goal in rng.sample(manager_goals, proposed) {
                    let theme = self.themes[manager][goal];
                    let parent = self.files[manager].goals[goal].id.clone();
                    let title = task_title(theme, rank, org, person, rng);
                    let sequence = self.files[manager].proposals.iter().filter(|p| p.parent == parent).count();
                    let id = compact_str::format_compact!("{parent}-{}", letters(sequence));
                    self.files[manager].proposals.push(Proposal {
                        id: id.clone(),
                        parent: parent.clone(),
                        to: org.people[person].id,
                        title: title.clone(),
                        note: if rng.chance(30) { rng.pick(NOTES).to_string() } else { String::new() },
                        share: Some((rng.range(1, 5) * 10) as f64),
                        date: Some(plus_days(day(2026, 4, 10), rng.below(10))),
                        extra: Extra::new(),
                    });
                    match rng.below(100) {
                        0..3 => {} // pending: not answered yet
                        3 => self.files[person].declined.push(Decline {
                            proposal: id,
                            reason: rng.pick(DECLINE_REASONS).to_string(),
                            date: Some(day(2026, 4, 25)),
                            extra: Extra::new(),
                        }),
                        _ => plans.push((title, theme, Some((parent, id)))),
                    }
                }
                while plans.len() < count {
                    let goal = rng.below(manager_goals);
                    let theme = self.themes[manager][goal];
                    let parent = self.files[manager].goals[goal].id.clone();
                    plans.push((
                        task_title(theme, rank, org, person, rng),
                        theme,
                        Some((parent, ProposalId::default())),
                    ));
                }
            }
        }
        for (index, ((title, theme, link), weight)) in plans.into_iter().zip(weights).enumerate() {
            let owner = &org.people[person];
            let parent_due = link.as_ref().and_then(|(parent, _)| {
                let manager = reviewer?;
                self.files[manager].goals.iter().find(|g| g.id == parent)?.due
            });
            let goal = goal(GoalSeed { owner, index, title, theme, rank, weight, link, parent_due }, rng);
            self.files[person].goals.push(goal);
            self.themes[person].push(theme);
        }
    }
}

/// `a`, `b`, …, `z`, `aa`, `ab`, …
fn letters(mut n: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'a' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

fn task_title(theme: usize, rank: Rank, org: &Org, person: usize, rng: &mut Rng) -> String {
    let theme = THEMES[theme].0;
    match rank {
        Rank::DepartmentHead | Rank::Deputy | Rank::SectionHead => {
            let unit = org.units.iter().find(|u| u.id == org.people[person].unit).map_or("", |u| u.name.as_str());
            format!("{theme}：{unit}の{}", rng.pick(TASKS_SECTION))
        }
        Rank::TeamLeader => format!("{theme}：{}", rng.pick(TASKS_TEAM)),
        Rank::Staff => format!("{theme}：{}", rng.pick(TASKS_STAFF)),
    }
}

/// `count` weights in steps of 5, each at least 10, summing to 100.
fn weights(count: usize, rng: &mut Rng) -> Vec<u32> {
    let mut weights = vec![10u32; count];
    let mut left = 100 - 10 * count as u32;
    while left > 0 {
        weights[rng.below(count)] += 5;
        left -= 5;
    }
    weights
}

struct GoalSeed<'a> {
    owner: &'a Person,
    index: usize,
    title: String,
    theme: usize,
    rank: Rank,
    weight: u32,
    /// The parent goal and the adopted proposal (empty when linked without one).
    link: Option<(GoalId, ProposalId)>,
    parent_due: Option<Date>,
}

fn goal(seed: GoalSeed<'_>, rng: &mut Rng) -> Goal {
    let GoalSeed { owner, index, title, theme, rank, weight, link, parent_due } = seed;
    let (theme_name, theme_category) = THEMES[theme];
    let category = if rng.chance(80) { theme_category } else { *rng.pick(&Category::ALL) };
    let due = match parent_due {
        Some(parent) => minus_days(parent, rng.below(46)).max(day(2026, 10, 30)).min(parent),
        None => day(2027, 3, 31),
    };
    let difficulty = match rng.below(100) {
        0..25 => Difficulty::High,
        25..80 => Difficulty::Medium,
        _ => Difficulty::Low,
    };
    let progress = (rng.range(2, 19) * 5) as u32;
    let metric = rng.chance(15).then(|| {
        let target = *rng.pick(&[10.0, 20.0, 50.0, 100.0, 200.0]);
        let unit = *rng.pick(METRIC_UNITS);
        Metric::typed(unit, 0.0, target, (target * f64::from(progress) / 100.0).round())
    });
    let (number, month) = (rng.range(2, 40) * 5, rng.range(6, 12));
    let criteria = match rng.below(4) {
        0 => format!("対象案件{number}件以上を期限内に処理し、誤り0件。"),
        1 => format!("{month}月までに完了し、関係者の満足度4.0以上。"),
        2 => format!("実施率{}％以上。結果を課内で報告する。", rng.range(14, 20) * 5),
        _ => format!("前年度比で処理時間を{}％削減。", rng.range(2, 6) * 5),
    };
    let unit_part = if rank == Rank::Staff { "担当者として" } else { "組織として" };
    let description =
        format!("{theme_name}に向けて、{unit_part}計画的に取り組む。進み具合は毎月記録し、面談で確認する。");
    let plan = if rng.chance(40) {
        format!("4月：計画の策定\n{}月：中間確認\n{}月：結果のまとめと報告", rng.range(7, 9), rng.range(11, 12))
    } else {
        String::new()
    };
    let milestones = if rng.chance(10) {
        vec![
            Milestone {
                title: "計画の決裁".to_owned(), due: Some(day(2026, 5, 29)), done: true, extra: Extra::new()
            },
            Milestone {
                title: "中間報告".to_owned(), due: Some(day(2026, 10, 30)), done: false, extra: Extra::new()
            },
        ]
    } else {
        Vec::new()
    };
    let log_entries = match rank {
        Rank::Staff | Rank::TeamLeader => rng.range(0, 3),
        _ => rng.range(0, 1),
    };
    let mut log: Vec<LogEntry> = (0..log_entries)
        .map(|_| {
            let (kind, text) = *rng.pick(LOG_TEXTS);
            LogEntry {
                date: plus_days(day(2026, 4, 15), rng.below(210)),
                kind,
                text: text.into(),
                course: None,
                completed: false,
                extra: Extra::new(),
            }
        })
        .collect();
    log.sort_by_key(|entry| entry.date);
    let check = rng.chance(8).then(|| SelfCheck {
        level: *rng.pick(&[Level::S, Level::A, Level::A, Level::B, Level::B, Level::B, Level::C]),
        comment: rng.pick(SELF_CHECK_COMMENTS).to_string().into(),
        date: Some(plus_days(day(2026, 10, 1), rng.below(40))),
        extra: Extra::new(),
    });
    let actions = if rng.chance(5) {
        let (issue, measure) = *rng.pick(ACTIONS);
        vec![ActionItem {
            issue: issue.to_owned(),
            measure: measure.to_owned(),
            due: Some(day(2027, 1, 29)),
            done: false,
            carried_from: None,
            extra: Extra::new(),
        }]
    } else {
        Vec::new()
    };
    let (parent, proposal) = match link {
        Some((parent, proposal)) => (Some(parent), Some(proposal).filter(|p| !p.is_empty())),
        None => (None, None),
    };
    Goal {
        id: compact_str::format_compact!("{}-{CYCLE}-{}", owner.id, index + 1),
        title,
        criteria,
        due: Some(due),
        difficulty: Some(difficulty),
        weight: Some(weight),
        category: Some(category),
        parent,
        proposal,
        progress: Some(progress),
        metric: metric.map(Box::new),
        log: log.into(),
        check: check.map(Box::new),
        actions: actions.into(),
        detail: GoalDetail { description, plan, milestones, ..GoalDetail::default() }.into(),
        extra: Extra::new(),
    }
}

/// Submits `person`'s sheet (most people), has their reviewer approve it (most of
/// those) with the plan snapshot, and writes some of the reviewer's feedback.
pub(super) fn workflow(
    person: usize,
    reviewer: Option<usize>,
    org: &Org,
    goals: &mut [GoalsFile],
    feedback: &mut [Option<FeedbackFile>],
    rng: &mut Rng,
) {
    let id = &org.people[person].id;
    let submitted = rng.chance(92).then(|| plus_days(day(2026, 4, 20), rng.below(20)));
    if let Some(on) = submitted {
        goals[person].sheet.push(SheetRecord {
            person: None,
            step: Step::Submit,
            by: *id,
            at: office_time(on, rng),
            comment: String::new(),
            plan: Held::default(),
            confirmed: None,
            extra: Extra::new(),
        });
    }
    let Some(reviewer) = reviewer else { return };
    let reviewer_id = &org.people[reviewer].id;
    let file = feedback[reviewer].get_or_insert_with(|| FeedbackFile::new(reviewer_id, CYCLE));
    if let Some(on) = submitted.filter(|_| rng.chance(90)) {
        file.sheet.push(SheetRecord {
            person: Some(*id),
            step: Step::Approve,
            by: *reviewer_id,
            at: office_time(plus_days(on, rng.range(2, 20)), rng),
            comment: rng.pick(APPROVAL_COMMENTS).to_string(),
            plan: goals[person].goals.iter().map(PlannedGoal::of).collect::<Vec<_>>().into(),
            confirmed: None,
            extra: Extra::new(),
        });
    }
    let person_goals = &goals[person].goals;
    if rng.chance(35) {
        file.feedback.push(Feedback {
            person: *id,
            goal: None,
            level: None,
            strengths: rng.pick(STRENGTHS).to_string(),
            notes: crate::model::FeedbackNotes {
                improvements: rng.pick(IMPROVEMENTS).to_string(),
                contribution: String::new(),
                comment: "中間面談。".to_owned(),
            }
            .into(),
            date: Some(plus_days(day(2026, 9, 24), rng.below(25))),
            shared: rng.chance(50),
            extra: Extra::new(),
        });
    }
    if !person_goals.is_empty() && rng.chance(20) {
        let goal = rng.pick(person_goals);
        file.feedback.push(Feedback {
            person: *id,
            goal: Some(goal.id.clone()),
            level: Some(*rng.pick(&[Level::S, Level::A, Level::B, Level::B, Level::C])),
            strengths: rng.pick(STRENGTHS).to_string(),
            notes: crate::model::FeedbackNotes {
                improvements: String::new(),
                contribution: format!("「{}」への貢献。", goal.title),
                comment: String::new(),
            }
            .into(),
            date: Some(plus_days(day(2026, 10, 1), rng.below(30))),
            shared: rng.chance(50),
            extra: Extra::new(),
        });
    }
    if file.feedback.is_empty() && file.sheet.is_empty() {
        feedback[reviewer] = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_count_like_spreadsheet_columns() {
        assert_eq!(letters(0), "a");
        assert_eq!(letters(25), "z");
        assert_eq!(letters(26), "aa");
        assert_eq!(letters(27), "ab");
    }
}
