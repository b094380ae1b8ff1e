//! The words of the 能力評価 part of the sheet and of the calibration view, in the
//! app and in `pdca show calibration`.

use super::{Lang, messages};

messages! {
    pub enum EvalText {
        AbilitiesTitle { person: String, group: String } =>
            "能力評価 {person} ({group})", "Ability ratings: {person} ({group})";
        ColAbility => "能力", "Ability";
        ColSelf => "自己", "Self";
        ColReviewer => "一次", "Rev.";
        ColSecond => "二次", "2nd";
        Anchor => "着眼点", "Anchor";
        /// The raters' levels are kept from the person until their sheet is confirmed.
        RatersHidden => "一次・二次評価は確定後に表示されます", "the raters' levels show once the sheet is confirmed";
        NoAbilities =>
            "能力評価の項目がありません (competencies.toml がないか、職位の区分がありません)",
            "no ability ratings here: the data set has no competencies.toml, or the person no level group";
        /// The sheet is confirmed: nothing of it changes until it is sent back.
        Sealed => "確定済みのため変更できません", "confirmed: nothing changes until it is sent back";
        NotARater => "この職員の能力評価を記入する立場にありません", "you do not rate this person's abilities";
        RateTitle { ability: String, person: String } => "{ability}の評価 {person}", "Rate {ability}: {person}";
        CalibrationTitle => "評価調整 一次評価者別の分布", "Calibration: distribution by reviewer";
        ColRater => "一次評価者", "Reviewer";
        ColPeople => "人数", "People";
        ColMean => "平均", "Mean";
        ColGap => "自己差", "Gap";
        ColFlags => "傾向", "Flags";
        ColPerson => "職員", "Person";
        ColPerformance => "業績", "Perf.";
        ColCompetency => "能力", "Abil.";
        ColScore => "評点", "Score";
        ColFinal => "最終", "Final";
        Whole => "全体", "All";
        Lenient => "甘め", "lenient";
        Harsh => "辛め", "harsh";
        Central => "中心化", "central";
        NotCalibrator => "評価調整の権限がありません", "you calibrate nobody";
        NothingReviewed => "一次評価済みのシートはまだありません", "no sheet has been reviewed yet";
        AdjustTitle { person: String } => "評価調整 {person}", "Adjust: {person}";
        FieldFinalLevel => "調整後の評語", "Final level";
        AdjustedBy { by: String, reason: String } => "調整 {by}: {reason}", "adjusted by {by}: {reason}";
        WithTrials => "試行後 (未保存)", "Tried (not saved)";
        Bands => "分布の目安", "Bands";
        OverBand => "超過", "over";
        Tried { level: String } => "試行 {level}", "try {level}";
    }
}

/// The Japanese or the English of a (Japanese, English) pair of texts from a data file
/// (an ability's name, description or anchor).
pub fn in_lang(pair: &(String, String), lang: Lang) -> &str {
    match lang {
        Lang::Ja => &pair.0,
        Lang::En => &pair.1,
    }
}
