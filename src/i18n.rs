//! Every word the program shows, in Japanese and English. A new message needs
//! both texts in one place, so the compiler catches a missing translation.

use crate::model::Phase;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    /// The language of the environment: `LC_ALL`, then `LC_MESSAGES`, then `LANG`;
    /// Japanese for `ja*`, English otherwise.
    pub fn from_env() -> Lang {
        let value = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty())
            .unwrap_or_default();
        Lang::from_locale(&value)
    }

    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("ja") { Lang::Ja } else { Lang::En }
    }

    /// The text for this language, of a pair written side by side.
    pub fn pick(self, ja: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Msg {
    ColumnGoal,
    ColumnOwner,
    ColumnWeight,
    /// For narrow columns: half-width katakana take one cell each.
    ColumnWeightShort,
    ColumnShare,
    ColumnProgress,
    NotYetSet,
    Declined,
    NoGoals,
}

impl Msg {
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            Msg::ColumnGoal => lang.pick("目標", "Goal"),
            Msg::ColumnOwner => lang.pick("担当", "Owner"),
            Msg::ColumnWeight => lang.pick("ウェイト", "Weight"),
            Msg::ColumnWeightShort => lang.pick("ｳｪｲﾄ", "Wt."),
            Msg::ColumnShare => lang.pick("配分", "Share"),
            Msg::ColumnProgress => lang.pick("進捗", "Progress"),
            Msg::NotYetSet => lang.pick("未設定", "not yet set"),
            Msg::Declined => lang.pick("辞退", "declined"),
            Msg::NoGoals => lang.pick("この期の目標はまだありません", "No goals in this cycle yet"),
        }
    }
}

pub fn phase(phase: Phase, lang: Lang) -> &'static str {
    match phase {
        Phase::Plan => lang.pick("計画 (期首)", "Plan"),
        Phase::Do => lang.pick("実行 (期中)", "Do"),
        Phase::Check => lang.pick("評価 (期末)", "Check"),
        Phase::Action => lang.pick("改善", "Action"),
    }
}

pub fn category(category: crate::model::Category, lang: Lang) -> &'static str {
    use crate::model::Category;
    match category {
        Category::Strategic => lang.pick("戦略的活動", "Strategic"),
        Category::Work => lang.pick("仕事に関する活動", "Work"),
        Category::Staff => lang.pick("職員に関する活動", "Staff"),
        Category::Organisation => lang.pick("組織に関する活動", "Organisation"),
    }
}

pub fn difficulty(difficulty: crate::model::Difficulty, lang: Lang) -> &'static str {
    use crate::model::Difficulty;
    match difficulty {
        Difficulty::High => lang.pick("高", "high"),
        Difficulty::Medium => lang.pick("中", "medium"),
        Difficulty::Low => lang.pick("低", "low"),
    }
}

pub fn log_kind(kind: crate::model::LogKind, lang: Lang) -> &'static str {
    use crate::model::LogKind;
    match kind {
        LogKind::Practice => lang.pick("実践", "Practice"),
        LogKind::Ojt => "OJT",
        LogKind::OffJt => "Off-JT",
        LogKind::SelfStudy => lang.pick("自己啓発", "Self-study"),
        LogKind::Secondment => lang.pick("派遣研修", "Secondment"),
        LogKind::OneOnOne => "1on1",
    }
}
