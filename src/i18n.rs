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
    SaveFailed,
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
            Msg::SaveFailed => lang.pick("保存できませんでした", "could not save"),
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

/// A date as the user writes it: 2026年4月1日 in Japanese, 2026-04-01 in English.
pub fn date(date: crate::model::Date, lang: Lang) -> String {
    use chrono::Datelike;
    match lang {
        Lang::Ja => format!("{}年{}月{}日", date.0.year(), date.0.month(), date.0.day()),
        Lang::En => date.to_string(),
    }
}

/// Reads a date written as 2026-04-01, 2026/4/1 or 2026年4月1日 (full-width digits too).
pub fn parse_date(text: &str) -> Option<crate::model::Date> {
    let ascii: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '年' | '月' | '/' | '／' | '－' => '-',
            '日' => ' ',
            c => c,
        })
        .collect();
    let mut parts = ascii.trim().split('-').map(|p| p.trim().parse::<u32>().ok());
    let (year, month, day) = (parts.next()??, parts.next()??, parts.next()??);
    if parts.next().is_some() {
        return None;
    }
    crate::model::Date::from_ymd(i32::try_from(year).ok()?, month, day)
}

/// An alignment warning in the user's language (other problems keep their English text).
pub fn problem(kind: &crate::model::ProblemKind, lang: Lang) -> String {
    use crate::model::ProblemKind;
    if lang == Lang::En {
        return kind.to_string();
    }
    let state = |s: crate::model::workflow::SheetState| s.ja();
    match kind {
        ProblemKind::UnlinkedGoal => "上位目標に紐付いていません (部の目標への貢献が見えません)".to_owned(),
        ProblemKind::DueAfterParent { due, parent, parent_due } => {
            format!("期限 {} が上位目標 {parent} の期限 {} より後です", date(*due, lang), date(*parent_due, lang))
        }
        ProblemKind::NoGoals { name } => format!("{name} さんの今期の目標がありません"),
        ProblemKind::SheetBehind { state: now, expected, phase: stage, ended } => format!(
            "シートが「{}」のままです ({}は{}に終了、「{}」になっているはずです)",
            state(*now),
            self::phase(*stage, lang),
            date(*ended, lang),
            state(*expected)
        ),
        ProblemKind::WeightsDoNotSum { total } => format!("ウェイトの合計が {total}% です (100% にしてください)"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    #[test]
    fn dates_read_and_write_in_both_languages() {
        let day = Date::from_ymd(2026, 4, 1).unwrap();
        assert_eq!(date(day, Lang::Ja), "2026年4月1日");
        assert_eq!(date(day, Lang::En), "2026-04-01");
        for text in ["2026-04-01", "2026/4/1", "2026年4月1日", "２０２６年４月１日", " 2026-4-1 "] {
            assert_eq!(parse_date(text), Some(day), "{text}");
        }
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_date("来週"), None);
    }

    #[test]
    fn the_locale_decides_the_default_language() {
        assert_eq!(Lang::from_locale("ja_JP.UTF-8"), Lang::Ja);
        assert_eq!(Lang::from_locale("en_GB.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
    }
}
