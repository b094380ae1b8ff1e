//! The names of the domain's enumerations — states, steps, phases, categories —
//! in both languages.

use super::names;
use crate::model::changes::PlanField;
use crate::model::workflow::SheetState;
use crate::model::{Category, Difficulty, LogKind, Phase, Step};

names!(SheetState {
    SheetState::Draft => "下書き", "draft";
    SheetState::Submitted => "提出", "submitted";
    SheetState::Approved => "承認", "approved";
    SheetState::SelfChecked => "自己評価済", "self-checked";
    SheetState::Reviewed => "一次評価済", "reviewed";
    SheetState::Confirmed => "確定", "confirmed";
    SheetState::FeedbackHeld => "フィードバック済", "feedback held";
});

names!(Step {
    Step::Submit => "提出", "submit";
    Step::Approve => "承認（期首面談）", "approve";
    Step::SelfCheck => "自己評価の提出", "submit self-check";
    Step::Review => "一次評価", "review";
    Step::Confirm => "確定（二次評価）", "confirm";
    Step::FeedbackHeld => "フィードバック面談", "feedback meeting";
    Step::SendBack => "差戻し", "send back";
});

names!(Phase {
    Phase::Plan => "計画 (期首)", "Plan";
    Phase::Do => "実行 (期中)", "Do";
    Phase::Check => "評価 (期末)", "Check";
    Phase::Action => "改善", "Action";
});

names!(Category {
    Category::Strategic => "戦略的活動", "Strategic";
    Category::Work => "仕事に関する活動", "Work";
    Category::Staff => "職員に関する活動", "Staff";
    Category::Organisation => "組織に関する活動", "Organisation";
});

names!(Difficulty {
    Difficulty::High => "高", "high";
    Difficulty::Medium => "中", "medium";
    Difficulty::Low => "低", "low";
});

names!(LogKind {
    LogKind::Practice => "実践", "Practice";
    LogKind::Ojt => "OJT", "OJT";
    LogKind::OffJt => "Off-JT", "Off-JT";
    LogKind::SelfStudy => "自己啓発", "Self-study";
    LogKind::Secondment => "派遣研修", "Secondment";
    LogKind::OneOnOne => "1on1", "1on1";
});

names!(PlanField {
    PlanField::Goal => "goal", "goal";
    PlanField::Title => "title", "title";
    PlanField::Criteria => "criteria", "criteria";
    PlanField::Weight => "weight", "weight";
    PlanField::Due => "due", "due";
    PlanField::Difficulty => "difficulty", "difficulty";
    PlanField::Category => "category", "category";
    PlanField::Parent => "parent", "parent";
});
