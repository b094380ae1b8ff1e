//! An agenda built for you: when someone opens a new 1on1, the data proposes topics,
//! which the writer keeps or drops.
//!
//! Topics come only from what the writer may read: the other person's goals when
//! the writer may read their goals (up or down the reporting chain, or HR), the
//! recognition topic when the writer may read their feedback (above them, or HR),
//! and the pair's own earlier 1on1s.

use chrono::Datelike;

use super::cascade::Cascade;
use super::date::Date;
use super::meetings::{self, AgreedAction};
use super::pace;
use super::permissions::Hierarchy;
use super::recency::last_recognition;
use super::types::{ActionItem, CycleData, Goal};

#[derive(Clone, Debug, PartialEq)]
pub enum Topic<'a> {
    /// Agreed at the pair's last 1on1 and not done yet.
    UnfinishedAgreement { date: Date, action: &'a AgreedAction },
    /// One of the other person's goals lags the time gone (see [`pace::pace`]).
    BehindPace { goal: &'a Goal, progress: f64, expected: f64 },
    /// An action item of the other person's that is still open.
    OpenActionItem { goal: &'a Goal, item: &'a ActionItem },
    /// The check phase has begun and the goal has no self-check.
    MissingSelfCheck { goal: &'a Goal },
    /// No feedback naming the other person's strengths this quarter.
    NoRecognition { last: Option<Date> },
}

impl Topic<'_> {}

/// Topics for a new 1on1 that `writer` holds with `other` on `today`; `cascade`
/// gives the goals' progress (measured where it was built so).
pub fn propose<'a>(
    hierarchy: &Hierarchy<'_>,
    data: &'a CycleData,
    cascade: &Cascade,
    writer: &str,
    other: &str,
    today: Date,
) -> Vec<Topic<'a>> {
    let mut topics: Vec<Topic<'a>> = unfinished_agreements(data, writer, other, today);
    if hierarchy.can_read_goals(writer, other).is_ok() {
        let goals: Vec<&'a Goal> =
            data.goals.iter().filter(|file| file.owner == other).flat_map(|file| &file.goals).collect();
        let expected = pace::time_gone(&data.cycle, today);
        for &goal in &goals {
            let Some(node) = cascade.node_of_goal(data, &goal.id) else { continue };
            let progress = cascade.nodes[node].progress;
            if pace::pace(progress, expected) == pace::Pace::Behind {
                topics.push(Topic::BehindPace { goal, progress, expected });
            }
        }
        for &goal in &goals {
            topics
                .extend(goal.actions.iter().filter(|item| !item.done).map(|item| Topic::OpenActionItem { goal, item }));
        }
        if data.cycle.phases.check.is_some_and(|check| today >= check.start) {
            topics
                .extend(goals.iter().filter(|goal| goal.check.is_none()).map(|&goal| Topic::MissingSelfCheck { goal }));
        }
    }
    if hierarchy.can_read_feedback(writer, other, false).is_ok() {
        let last = last_recognition(data, other, today);
        if last.is_none_or(|day| day < quarter_start(today)) {
            topics.push(Topic::NoRecognition { last });
        }
    }
    topics
}

/// The open actions agreed at the pair's latest 1on1 on or before `today` (both
/// people's records of that day; an action written down by both counts once).
fn unfinished_agreements<'a>(data: &'a CycleData, writer: &str, other: &str, today: Date) -> Vec<Topic<'a>> {
    let held: Vec<_> = meetings::between(&data.instruments.meetings, writer, other)
        .into_iter()
        .filter(|m| m.meeting.date <= today)
        .collect();
    let Some(last) = held.last().map(|m| m.meeting.date) else { return Vec::new() };
    let mut topics: Vec<Topic<'a>> = Vec::new();
    for action in held.iter().filter(|m| m.meeting.date == last).flat_map(|m| &m.meeting.texts.actions) {
        let known = topics
            .iter()
            .any(|topic| matches!(topic, Topic::UnfinishedAgreement { action: seen, .. } if seen.text == action.text));
        if !action.done && !known {
            topics.push(Topic::UnfinishedAgreement { date: last, action });
        }
    }
    topics
}

/// The first day of the quarter (April–June, July–September, …) that holds `day`.
fn quarter_start(day: Date) -> Date {
    let month = (day.0.month() - 1) / 3 * 3 + 1;
    Date::from_ymd(day.0.year(), month, 1).unwrap_or(day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Message;
    use crate::model::cascade::tests::{cycle_data, file, goal};
    use crate::model::meetings::tests::{day, file as meetings_file, meeting, recognition};
    use crate::model::meetings::{Meeting, MeetingKind};
    use crate::model::permissions::tests::city;
    use crate::model::types::{DateSpan, Extra, Level, SelfCheck};

    fn agreed(text: &str, done: bool) -> AgreedAction {
        AgreedAction { text: text.into(), goal: None, done, extra: Extra::new() }
    }

    fn held(with: &str, date: Date, actions: Vec<AgreedAction>) -> Meeting {
        let mut held = meeting(with, date, MeetingKind::Manager);
        held.texts.actions = actions;
        held
    }

    /// 伊藤 (reviewed by 佐藤): "窓口" at 20 % (behind in November), "研修" at 70 %
    /// with an open action item and a self-check; 佐藤 praised 伊藤 in September.
    fn data() -> CycleData {
        let mut training = goal("ito-2", None, 70);
        training.title = "研修".into();
        training.actions.push(ActionItem {
            issue: "資料の共有が遅れた".into(),
            measure: "前日までに共有".into(),
            due: None,
            done: false,
            carried_from: None,
            extra: Extra::new(),
        });
        training.actions.push(ActionItem { done: true, issue: "済んだ件".into(), ..training.actions[0].clone() });
        training.check =
            Some(Box::new(SelfCheck { level: Level::A, comment: Default::default(), date: None, extra: Extra::new() }));
        let mut counter = goal("ito-1", None, 20);
        counter.title = "窓口".into();
        let mut data = cycle_data(vec![file("ito", vec![counter, training], vec![])]);
        data.cycle.phases.check = Some(DateSpan { start: day(2, 1), end: day(3, 15) });
        data.instruments.meetings = vec![
            meetings_file(
                "sato",
                vec![
                    held("ito", day(9, 1), vec![agreed("古い約束", false)]),
                    held("ito", day(10, 1), vec![agreed("手順書を読む", false), agreed("済んだ約束", true)]),
                ],
            ),
            meetings_file(
                "ito",
                vec![held("sato", day(10, 1), vec![agreed("手順書を読む", false), agreed("窓口に同席する", false)])],
            ),
        ];
        data.feedback.push(recognition("sato", "ito", "丁寧な案内", day(9, 20)));
        data
    }

    fn lines(topics: &[Topic<'_>]) -> Vec<String> {
        topics.iter().map(|topic| topic.ja()).collect()
    }

    #[test]
    fn a_manager_gets_agreements_goals_behind_open_items_and_recognition() {
        let org = city();
        let data = data();
        let cascade = Cascade::build(&data);
        // 2025-11-20: 233 of 364 days gone = 64 %; 窓口 at 20 % is behind, 研修 at 70 % is not.
        let topics = propose(&Hierarchy::new(&org), &data, &cascade, "sato", "ito", day(11, 20));
        assert_eq!(
            lines(&topics),
            [
                "前回（2025-10-01）の約束「手順書を読む」が未完了",
                "前回（2025-10-01）の約束「窓口に同席する」が未完了",
                "「窓口」の進捗20%（期間の経過64%）",
                "改善項目「資料の共有が遅れた」（研修）",
                "今四半期は良かった点を伝えていない（前回 2025-09-20）",
            ]
        );
    }

    #[test]
    fn in_the_check_phase_missing_self_checks_are_proposed_and_recent_praise_is_enough() {
        let org = city();
        let mut data = data();
        data.feedback[0].feedback[0].date = Some(day(2, 3));
        let cascade = Cascade::build(&data);
        let topics = propose(&Hierarchy::new(&org), &data, &cascade, "sato", "ito", day(2, 10));
        let found = lines(&topics);
        assert!(found.contains(&"「窓口」の自己評価が未記入".to_owned()), "{found:?}");
        assert!(!found.iter().any(|line| line.contains("「研修」の自己評価")), "研修 has one");
        assert!(!found.iter().any(|line| line.contains("良かった点")), "praised this quarter: {found:?}");
    }

    #[test]
    fn a_mentor_outside_the_chain_gets_only_the_pairs_own_agreements() {
        // 齋藤 (情報政策課) mentors 伊藤: he may not read 伊藤's goals or feedback.
        let org = city();
        let mut data = data();
        data.instruments.meetings =
            vec![meetings_file("saito", vec![held("ito", day(10, 5), vec![agreed("資格の勉強計画を立てる", false)])])];
        let cascade = Cascade::build(&data);
        let topics = propose(&Hierarchy::new(&org), &data, &cascade, "saito", "ito", day(11, 20));
        assert_eq!(lines(&topics), ["前回（2025-10-05）の約束「資格の勉強計画を立てる」が未完了"]);
        assert_eq!(topics[0].en(), "Agreed on 2025-10-05, not done yet: 資格の勉強計画を立てる");
    }

    #[test]
    fn quarters_follow_the_calendar_which_is_also_the_fiscal_years() {
        assert_eq!(quarter_start(day(11, 20)), day(10, 1));
        assert_eq!(quarter_start(day(4, 1)), day(4, 1));
        assert_eq!(quarter_start(day(3, 31)), day(1, 1));
    }
}
