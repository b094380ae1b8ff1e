//! The CSV export's words: its column headers, and how codes show in each language.

use super::{Lang, Message, names};

/// The columns of the CSV export, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvColumn {
    Cycle,
    PersonId,
    Name,
    Kana,
    Grade,
    Title,
    UnitPath,
    Reviewer,
    SheetState,
    Score,
    GoalId,
    GoalTitle,
    Description,
    Criteria,
    Category,
    Difficulty,
    Weight,
    Due,
    Parent,
    Cascade,
    Progress,
    TopGoal,
    PlannedShare,
    Contribution,
    SelfLevel,
    SelfComment,
    ReviewerLevel,
    Strengths,
    Improvements,
    ContributionComment,
    Actions,
    CarriedFrom,
    PerformanceScore,
    CompetencyScore,
    Level,
    FinalScore,
    FinalLevel,
    SecondReviewer,
    MeetingsCount,
    LastMeeting,
    Trainings,
    Adjustments,
}

/// Every column, in the order a row has them.
pub const CSV_COLUMNS: [CsvColumn; 42] = [
    CsvColumn::Cycle,
    CsvColumn::PersonId,
    CsvColumn::Name,
    CsvColumn::Kana,
    CsvColumn::Grade,
    CsvColumn::Title,
    CsvColumn::UnitPath,
    CsvColumn::Reviewer,
    CsvColumn::SheetState,
    CsvColumn::Score,
    CsvColumn::GoalId,
    CsvColumn::GoalTitle,
    CsvColumn::Description,
    CsvColumn::Criteria,
    CsvColumn::Category,
    CsvColumn::Difficulty,
    CsvColumn::Weight,
    CsvColumn::Due,
    CsvColumn::Parent,
    CsvColumn::Cascade,
    CsvColumn::Progress,
    CsvColumn::TopGoal,
    CsvColumn::PlannedShare,
    CsvColumn::Contribution,
    CsvColumn::SelfLevel,
    CsvColumn::SelfComment,
    CsvColumn::ReviewerLevel,
    CsvColumn::Strengths,
    CsvColumn::Improvements,
    CsvColumn::ContributionComment,
    CsvColumn::Actions,
    CsvColumn::CarriedFrom,
    CsvColumn::PerformanceScore,
    CsvColumn::CompetencyScore,
    CsvColumn::Level,
    CsvColumn::FinalScore,
    CsvColumn::FinalLevel,
    CsvColumn::SecondReviewer,
    CsvColumn::MeetingsCount,
    CsvColumn::LastMeeting,
    CsvColumn::Trainings,
    CsvColumn::Adjustments,
];

/// The columns of the 能力評価 CSV (`--format abilities-csv`), one row per person and ability.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AbilityCsvColumn {
    Cycle,
    PersonId,
    Name,
    UnitPath,
    CompetencyGroup,
    AbilityId,
    Ability,
    AbilityGroup,
    SelfLevel,
    SelfComment,
    ReviewerLevel,
    ReviewerComment,
    SecondLevel,
    SecondComment,
}

pub const ABILITY_CSV_COLUMNS: [AbilityCsvColumn; 14] = [
    AbilityCsvColumn::Cycle,
    AbilityCsvColumn::PersonId,
    AbilityCsvColumn::Name,
    AbilityCsvColumn::UnitPath,
    AbilityCsvColumn::CompetencyGroup,
    AbilityCsvColumn::AbilityId,
    AbilityCsvColumn::Ability,
    AbilityCsvColumn::AbilityGroup,
    AbilityCsvColumn::SelfLevel,
    AbilityCsvColumn::SelfComment,
    AbilityCsvColumn::ReviewerLevel,
    AbilityCsvColumn::ReviewerComment,
    AbilityCsvColumn::SecondLevel,
    AbilityCsvColumn::SecondComment,
];

names!(AbilityCsvColumn {
    AbilityCsvColumn::Cycle => "評価期間", "cycle";
    AbilityCsvColumn::PersonId => "職員番号", "person_id";
    AbilityCsvColumn::Name => "氏名", "name";
    AbilityCsvColumn::UnitPath => "所属", "unit_path";
    AbilityCsvColumn::CompetencyGroup => "職位区分", "competency_group";
    AbilityCsvColumn::AbilityId => "能力ID", "ability_id";
    AbilityCsvColumn::Ability => "能力", "ability";
    AbilityCsvColumn::AbilityGroup => "能力区分", "ability_group";
    AbilityCsvColumn::SelfLevel => "自己評価", "self_level";
    AbilityCsvColumn::SelfComment => "自己評価コメント", "self_comment";
    AbilityCsvColumn::ReviewerLevel => "一次評価", "reviewer_level";
    AbilityCsvColumn::ReviewerComment => "一次評価コメント", "reviewer_comment";
    AbilityCsvColumn::SecondLevel => "二次評価", "second_level";
    AbilityCsvColumn::SecondComment => "二次評価コメント", "second_comment";
});

// In English the headers are the keys of the TOML export, so both files read alike.
names!(CsvColumn {
    CsvColumn::Cycle => "評価期間", "cycle";
    CsvColumn::PersonId => "職員番号", "person_id";
    CsvColumn::Name => "氏名", "name";
    CsvColumn::Kana => "ふりがな", "kana";
    CsvColumn::Grade => "級", "grade";
    CsvColumn::Title => "職名", "title";
    CsvColumn::UnitPath => "所属", "unit_path";
    CsvColumn::Reviewer => "一次評価者", "reviewer";
    CsvColumn::SheetState => "シート状態", "sheet_state";
    CsvColumn::Score => "評点", "score";
    CsvColumn::GoalId => "目標ID", "goal_id";
    CsvColumn::GoalTitle => "目標", "goal_title";
    CsvColumn::Description => "説明", "description";
    CsvColumn::Criteria => "達成基準", "criteria";
    CsvColumn::Category => "区分", "category";
    CsvColumn::Difficulty => "難易度", "difficulty";
    CsvColumn::Weight => "ウェイト", "weight";
    CsvColumn::Due => "期限", "due";
    CsvColumn::Parent => "上位目標ID", "parent";
    CsvColumn::Cascade => "目標体系", "cascade";
    CsvColumn::Progress => "進捗(%)", "progress";
    CsvColumn::TopGoal => "最上位目標ID", "top_goal";
    CsvColumn::PlannedShare => "計画配分(%)", "planned_share";
    CsvColumn::Contribution => "貢献度(ポイント)", "contribution";
    CsvColumn::SelfLevel => "自己評価", "self_level";
    CsvColumn::SelfComment => "自己評価コメント", "self_comment";
    CsvColumn::ReviewerLevel => "一次評価", "reviewer_level";
    CsvColumn::Strengths => "良かった点", "strengths";
    CsvColumn::Improvements => "改善点", "improvements";
    CsvColumn::ContributionComment => "貢献についてのコメント", "contribution_comment";
    CsvColumn::Actions => "改善計画", "actions";
    CsvColumn::CarriedFrom => "引継元", "carried_from";
    CsvColumn::PerformanceScore => "業績評価点", "performance_score";
    CsvColumn::CompetencyScore => "能力評価点", "competency_score";
    CsvColumn::Level => "総合評語", "level";
    CsvColumn::FinalScore => "調整後評点", "final_score";
    CsvColumn::FinalLevel => "調整後評語", "final_level";
    CsvColumn::SecondReviewer => "二次評価者", "second_reviewer";
    CsvColumn::MeetingsCount => "1on1回数", "meetings_count";
    CsvColumn::LastMeeting => "直近の1on1", "last_meeting";
    CsvColumn::Trainings => "研修", "trainings";
    CsvColumn::Adjustments => "評価調整", "adjustments";
});

/// A value in a cell: its Japanese name, or in English its code as the files write it.
pub fn code_or_name<T: Message>(value: &T, code: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => value.ja(),
        Lang::En => code.to_owned(),
    }
}
