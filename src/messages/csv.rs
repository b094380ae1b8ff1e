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
}

/// Every column, in the order a row has them.
pub const CSV_COLUMNS: [CsvColumn; 32] = [
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
];

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
});

/// A value in a cell: its Japanese name, or in English its code as the files write it.
pub fn code_or_name<T: Message>(value: &T, code: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => value.ja(),
        Lang::En => code.to_owned(),
    }
}
