//! A goal, with what only its sheet shows kept apart in one box.
//!
//! A city holds 100,000 goals, and a goal's size is paid by every one of them.
//! The views of everyone read a goal's id, title, criteria, figures and links;
//! its texts, milestones and revisions are read only on its sheet. Those are one
//! part ([`GoalDetail`]), boxed, which a long session leaves on disk as a whole
//! ([`Held`]), so that a goal left so costs a pointer for them.
//!
//! The file keeps the keys in the order they always had: the goal is read and
//! written through a plain list of its keys ([`GoalKeys`], [`GoalKeysRef`]).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thin_vec::ThinVec;

use super::held::Part;
use super::{
    ActionItem, Category, Difficulty, Extra, GoalId, Held, LogEntry, Metric, Milestone, ProposalId, Revision, SelfCheck,
};
use crate::model::date::Date;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Goal {
    pub id: GoalId,
    pub title: String,
    /// 達成基準: what "done" means, measurably. Kept here: the approval's and the
    /// confirmation's checks compare it for everyone.
    pub criteria: String,
    pub due: Option<Date>,
    pub difficulty: Option<Difficulty>,
    /// ウェイト in percent; one person's weights in a cycle should sum to 100.
    pub weight: Option<u32>,
    pub category: Option<Category>,
    /// The goal this one contributes to (the cascade link).
    pub parent: Option<GoalId>,
    /// The breakdown proposal this goal adopted, which carries its share of the parent.
    pub proposal: Option<ProposalId>,
    /// The owner's own estimate, 0–100; a metric, when present, takes precedence.
    pub progress: Option<u32>,
    /// Boxed, as is `check`: most goals have neither.
    pub metric: Option<Box<Metric>>,
    /// Left on disk until the sheet is shown, unless it holds training ([`super::HeldTexts`]).
    /// Boxed: left on disk, as most of a city's are, it is then 8 bytes, not 24.
    pub log: Held<Box<Vec<LogEntry>>>,
    pub check: Option<Box<SelfCheck>>,
    /// Kept here: a 1on1's agenda lists the open ones of the person met.
    /// One pointer, and no allocation while empty: few of a city's goals have any.
    pub actions: ThinVec<ActionItem>,
    /// Left on disk, as one part, until the sheet is shown.
    pub detail: Held<Box<GoalDetail>>,
    pub extra: Extra,
}

/// What only a goal's sheet shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GoalDetail {
    pub description: String,
    /// The proposal's note (補足) as the proposer wrote it, kept when it was adopted.
    pub proposal_note: String,
    /// The action item of an earlier cycle this goal carries on: `<cycle>/<goal id>`.
    pub carried_from: Option<String>,
    pub plan: String,
    pub milestones: Vec<Milestone>,
    /// Changes made after the sheet was approved (期中の見直し), each with its reason.
    pub revisions: Vec<Revision>,
}

/// The detail of a goal whose detail is away, for readers of whole files.
static NO_DETAIL: GoalDetail = GoalDetail {
    description: String::new(),
    proposal_note: String::new(),
    carried_from: None,
    plan: String::new(),
    milestones: Vec::new(),
    revisions: Vec::new(),
};

impl Goal {
    /// The goal's detail, read as empty where it is away: for those that read files
    /// whole (the export, the history), where nothing is away, and that read a part
    /// away as the empty text they read of any other part away.
    pub fn detail_or_empty(&self) -> &GoalDetail {
        self.detail.here_or(&NO_DETAIL)
    }
}

impl Part for GoalDetail {
    fn is_empty(&self) -> bool {
        let GoalDetail { description, proposal_note, carried_from, plan, milestones, revisions } = self;
        [description, proposal_note, plan].iter().all(|text| text.is_empty())
            && carried_from.is_none()
            && milestones.is_empty()
            && revisions.is_empty()
    }
}

/// A goal's keys as the file holds them, in its order.
#[derive(Deserialize)]
#[serde(rename = "Goal")]
struct GoalKeys {
    id: GoalId,
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    criteria: String,
    #[serde(default)]
    due: Option<Date>,
    #[serde(default)]
    difficulty: Option<Difficulty>,
    #[serde(default)]
    weight: Option<u32>,
    #[serde(default)]
    category: Option<Category>,
    #[serde(default)]
    parent: Option<GoalId>,
    #[serde(default)]
    proposal: Option<ProposalId>,
    #[serde(default)]
    proposal_note: String,
    #[serde(default)]
    carried_from: Option<String>,
    #[serde(default)]
    progress: Option<u32>,
    #[serde(default)]
    metric: Option<Box<Metric>>,
    #[serde(default)]
    plan: String,
    #[serde(default)]
    milestones: Vec<Milestone>,
    #[serde(default, deserialize_with = "super::held::do_log")]
    #[expect(clippy::box_collection, reason = "read into the goal's own")]
    log: Held<Box<Vec<LogEntry>>>,
    #[serde(default)]
    check: Option<Box<SelfCheck>>,
    #[serde(default)]
    actions: ThinVec<ActionItem>,
    #[serde(default)]
    revisions: Vec<Revision>,
    #[serde(flatten)]
    extra: Extra,
}

/// [`GoalKeys`] borrowed from a goal to be written; what is empty is left out.
#[derive(Serialize)]
#[serde(rename = "Goal")]
struct GoalKeysRef<'a> {
    id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "empty")]
    description: &'a str,
    #[serde(skip_serializing_if = "empty")]
    criteria: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    due: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    difficulty: Option<Difficulty>,
    #[serde(skip_serializing_if = "Option::is_none")]
    weight: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    category: Option<Category>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    proposal: Option<&'a str>,
    #[serde(skip_serializing_if = "empty")]
    proposal_note: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    carried_from: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    progress: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    metric: Option<&'a Metric>,
    #[serde(skip_serializing_if = "empty")]
    plan: &'a str,
    #[serde(skip_serializing_if = "empty")]
    milestones: &'a [Milestone],
    #[serde(skip_serializing_if = "Held::is_empty")]
    #[expect(clippy::box_collection, reason = "borrowed from the goal's own")]
    log: &'a Held<Box<Vec<LogEntry>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    check: Option<&'a SelfCheck>,
    #[serde(skip_serializing_if = "empty")]
    actions: &'a [ActionItem],
    #[serde(skip_serializing_if = "empty")]
    revisions: &'a [Revision],
    #[serde(flatten)]
    extra: &'a Extra,
}

/// Whether a borrowed text or list is empty: what `skip_serializing_if` is given.
fn empty<T: Part + ?Sized>(value: &&T) -> bool {
    value.is_empty()
}

/// Read as its keys: whatever is read is here.
impl<'de> Deserialize<'de> for Goal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let keys = GoalKeys::deserialize(deserializer)?;
        let detail = GoalDetail {
            description: keys.description,
            proposal_note: keys.proposal_note,
            carried_from: keys.carried_from,
            plan: keys.plan,
            milestones: keys.milestones,
            revisions: keys.revisions,
        };
        Ok(Goal {
            id: keys.id,
            title: keys.title,
            criteria: keys.criteria,
            due: keys.due,
            difficulty: keys.difficulty,
            weight: keys.weight,
            category: keys.category,
            parent: keys.parent,
            proposal: keys.proposal,
            progress: keys.progress,
            metric: keys.metric,
            log: keys.log,
            check: keys.check,
            actions: keys.actions,
            detail: Held::Here(Box::new(detail)),
            extra: keys.extra,
        })
    }
}

/// Written as its keys, in the file's order; a goal with its detail away cannot be written.
impl Serialize for Goal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Taken apart whole, so that a field added and not written fails to compile.
        let Goal {
            id,
            title,
            criteria,
            due,
            difficulty,
            weight,
            category,
            parent,
            proposal,
            progress,
            metric,
            log,
            check,
            actions,
            detail,
            extra,
        } = self;
        let detail = detail.get().map_err(serde::ser::Error::custom)?;
        let GoalDetail { description, proposal_note, carried_from, plan, milestones, revisions } = &**detail;
        GoalKeysRef {
            id,
            title,
            description,
            criteria,
            due: *due,
            difficulty: *difficulty,
            weight: *weight,
            category: *category,
            parent: parent.as_deref(),
            proposal: proposal.as_deref(),
            proposal_note,
            carried_from: carried_from.as_deref(),
            progress: *progress,
            metric: metric.as_deref(),
            plan,
            milestones,
            log,
            check: check.as_deref(),
            actions,
            revisions,
            extra,
        }
        .serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::GoalsFile;

    /// Every key a goal has, in the order the file has always kept them.
    const EVERY_KEY: &str = r#"owner = "P1"
cycle = "2026"

[[goals]]
id = "P1-2026-1"
title = "窓口の待ち時間を短縮する"
description = "背景"
criteria = "平均10分以内"
due = 2027-03-31
difficulty = "high"
weight = 40
category = "work"
parent = "P0-2026-1"
proposal = "P0-2026-1-a"
proposal_note = "補足"
carried_from = "2025/P1-2025-2"
progress = 30
plan = "4月：計測"
future_key = "kept"

[goals.metric]
unit = "分"
start = 20.0
target = 10.0
current = 15.0

[[goals.milestones]]
title = "計測"
done = true

[[goals.log]]
date = 2026-05-01
kind = "practice"
text = "計測を始めた"

[goals.check]
level = "B"
comment = "概ね達成"

[[goals.actions]]
issue = "繁忙期"
measure = "応援体制"

[[goals.revisions]]
date = 2026-09-01
reason = "前倒し"
fields = ["due"]

[[goals]]
id = "P1-2026-2"
title = "説明のない目標"
"#;

    #[test]
    fn a_goal_is_written_with_its_keys_in_the_files_order() {
        let file: GoalsFile = toml::from_str(EVERY_KEY).unwrap();
        assert_eq!(toml::to_string(&file).unwrap(), EVERY_KEY);
        let goal = &file.goals[0];
        let detail = goal.detail.get().unwrap();
        assert_eq!((detail.plan.as_str(), detail.milestones.len(), detail.revisions.len()), ("4月：計測", 1, 1));
        assert_eq!((goal.criteria.as_str(), goal.actions.len()), ("平均10分以内", 1));
        assert_eq!(goal.extra.get("future_key").and_then(|v| v.as_str()), Some("kept"));
        assert!(file.goals[1].detail.is_empty(), "a goal without them has an empty detail");
    }

    #[test]
    fn a_goal_with_its_detail_away_is_not_written_and_costs_a_pointer_for_it() {
        let mut file: GoalsFile = toml::from_str(EVERY_KEY).unwrap();
        file.goals[0].detail.leave_on_disk();
        assert!(toml::to_string(&file).is_err() && rmp_serde::to_vec_named(&file).is_err());
        assert_eq!(file.goals[0].detail_or_empty(), &GoalDetail::default());
        assert_eq!(size_of::<Held<Box<GoalDetail>>>(), size_of::<usize>());
        assert_eq!(size_of::<Goal>(), 192, "360 bytes with the detail in it, 224 with the Do log and actions unboxed");
    }

    #[test]
    fn a_goal_reads_its_errors_as_before() {
        let missing = toml::from_str::<GoalsFile>("owner = \"P1\"\ncycle = \"2026\"\n[[goals]]\ntitle = \"t\"\n");
        assert!(missing.unwrap_err().to_string().contains("missing field `id`"));
        let wrong = toml::from_str::<GoalsFile>("owner = \"P1\"\ncycle = \"2026\"\ngoals = [1]\n");
        assert!(wrong.unwrap_err().to_string().contains("expected struct Goal"));
    }
}
