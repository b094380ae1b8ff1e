//! The words of the 能力評価 half and of calibration: refusals, validation
//! problems, calibration flags and the names of level groups and raters.

use super::{Message, names};
use crate::model::calibration::{AdjustmentIgnored, CalibrationError, Flag, Scope};
use crate::model::competency::{LevelGroup, Rater};
use crate::model::problem::CompetencyProblem;
use crate::model::workflow::NotRated;

/// A sentence in both languages, made together where the two share their parts.
struct Both {
    ja: String,
    en: String,
}

/// Messages whose two texts are made together.
trait Texts {
    fn both(&self) -> Both;
}

/// Implements [`Message`] for types that make both texts at once.
macro_rules! from_both {
    ($($type:ty),*) => {$(
        impl Message for $type {
            fn ja(&self) -> String {
                self.both().ja
            }

            fn en(&self) -> String {
                self.both().en
            }
        }
    )*};
}

/// The refusal of an adjustment by someone who may not calibrate the person.
pub(super) fn calibrate_refusal(actor: &str, person: &str, lang: super::Lang) -> String {
    let both = calibrate_denied(actor, person);
    match lang {
        super::Lang::Ja => both.ja,
        super::Lang::En => both.en,
    }
}

from_both!(NotRated, CalibrationError, AdjustmentIgnored, CompetencyProblem, Flag, Scope);

names!(LevelGroup {
    LevelGroup::Director => "部長級", "director level";
    LevelGroup::DeputyDirector => "次長級", "deputy director level";
    LevelGroup::SectionHead => "課長級", "section head level";
    LevelGroup::Supervisor => "主幹級・主査級", "supervisor level";
    LevelGroup::Staff => "主事級", "staff level";
    LevelGroup::SkilledLabour => "技能労務", "skilled labour";
});

names!(Rater {
    Rater::Owner => "自己評価", "self-rating";
    Rater::Reviewer => "一次評価", "reviewer's rating";
    Rater::SecondReviewer => "二次評価", "second reviewer's rating";
});

fn text(ja: String, en: String) -> Both {
    Both { ja, en }
}

/// The refusal of an adjustment by someone who may not calibrate the person.
fn calibrate_denied(actor: &str, person: &str) -> Both {
    text(
        format!("{person} の評価調整はできません (人事部門と、その職員の二次評価者だけができます。本人はできません)"),
        format!(
            "{actor} may not calibrate the result of {person}: only HR and {person}'s second reviewer may, never the \
             person themself"
        ),
    )
}

impl Texts for NotRated {
    fn both(&self) -> Both {
        let names_ja: Vec<&str> = self.abilities.iter().map(|(ja, _)| ja.as_str()).collect();
        let names_en: Vec<&str> = self.abilities.iter().map(|(_, en)| en.as_str()).collect();
        let (count, person) = (self.abilities.len(), &self.person);
        match self.by {
            Rater::Owner => text(
                format!("{person} の能力評価に、自己評価のない項目が {count} 件あります: {}", names_ja.join("、")),
                format!(
                    "{person} has not rated every ability yet; without a self level ({count}): {}",
                    names_en.join(", ")
                ),
            ),
            Rater::Reviewer | Rater::SecondReviewer => text(
                format!("{person} の能力評価に、一次評価のない項目が {count} 件あります: {}", names_ja.join("、")),
                format!(
                    "the reviewer has not rated every ability of {person} yet; without the reviewer's level ({count}): {}",
                    names_en.join(", ")
                ),
            ),
        }
    }
}

impl Texts for CalibrationError {
    fn both(&self) -> Both {
        match self {
            CalibrationError::UnknownPerson { id } => {
                text(format!("{id} は org.toml に登録されていません"), format!("`{id}` is not a person in org.toml"))
            }
            CalibrationError::NotAllowed { actor, person } => calibrate_denied(actor, person),
            CalibrationError::ReasonRequired => {
                text("評価調整には理由が必要です".to_owned(), "an adjustment needs a reason saying why".to_owned())
            }
            CalibrationError::NotReviewed { person, state } => text(
                format!("{person} のシートは「{}」です。評価調整は一次評価の後にできます", state.ja()),
                format!("the sheet of {person} is {state}; calibration starts once it is reviewed"),
            ),
            CalibrationError::BadScore { value } => text(
                format!("評点 {value} は 0 以上の数にしてください"),
                format!("score {value} must be a number of 0 or more"),
            ),
            CalibrationError::ClockBehind { now, last } => text(
                format!(
                    "コンピュータの時計 ({now}) がこの職員の前回の評価調整 ({last}) より前です。時計を確認してください"
                ),
                format!(
                    "the clock says {now}, which is not after this person's last adjustment at {last}; check the \
                     computer's clock"
                ),
            ),
        }
    }
}

impl Texts for AdjustmentIgnored {
    fn both(&self) -> Both {
        match self {
            AdjustmentIgnored::NotTheWriter { writer } => text(
                format!("このファイルは {writer} のものなので、`by` は {writer} でなければなりません"),
                format!("the file is {writer}'s, so `by` must be {writer}"),
            ),
            AdjustmentIgnored::NotAllowed => text(
                "`by` の職員はこの職員の評価調整ができません (人事部門か二次評価者だけ、本人は不可)".to_owned(),
                "`by` may not calibrate this person: only HR or their second reviewer may, never the person".to_owned(),
            ),
            AdjustmentIgnored::NoReason => {
                text("理由 (`reason`) がありません".to_owned(), "it has no `reason`; a reason is required".to_owned())
            }
            AdjustmentIgnored::WrongValue => text(
                "`to`・`from` が `what` に合いません (level なら S〜D、score なら 0 以上の数)".to_owned(),
                "`to` or `from` does not fit `what`: a level S–D for `level`, a number of 0 or more for `score`"
                    .to_owned(),
            ),
        }
    }
}

impl Texts for CompetencyProblem {
    fn both(&self) -> Both {
        match self {
            CompetencyProblem::UnknownAbility { ability } => text(
                format!("能力 `{ability}` は competencies.toml にありません"),
                format!("ability `{ability}` is not in competencies.toml"),
            ),
            CompetencyProblem::NotApplicable { ability, group } => text(
                format!("能力 `{ability}` は{}の評価項目ではありません", group.ja()),
                format!("ability `{ability}` is not rated at the {}", group.en()),
            ),
            CompetencyProblem::UnknownAbilityGroup { group } => text(
                format!("能力の区分 `{group}` は competencies.toml の [[groups]] にありません"),
                format!("ability group `{group}` is not among the [[groups]] of competencies.toml"),
            ),
            CompetencyProblem::NoLevelGroup => text(
                "能力評価の職位区分が決まりません (org.toml に grade、job_type か competency_group を設定してください)"
                    .to_owned(),
                "has no competency level group: set grade, job_type or competency_group in org.toml".to_owned(),
            ),
            CompetencyProblem::NotARater { writer, person } => text(
                format!("{writer} は {person} の一次評価者でも二次評価者でもないため、能力評価はできません"),
                format!("{writer} rates abilities of {person} but is neither their reviewer nor their second reviewer"),
            ),
            CompetencyProblem::NoSuchLogEntry { goal, date } => text(
                format!("根拠に挙げた {goal} の {date} の実行記録が、本人の目標にありません"),
                format!("evidence {goal} on {date} names no Do entry of the person's own goals"),
            ),
            CompetencyProblem::IgnoredAdjustment { person, reason } => {
                let reason = reason.both();
                text(
                    format!("{person} の評価調整は無効です: {}", reason.ja),
                    format!("the adjustment of {person} is ignored: {}", reason.en),
                )
            }
            CompetencyProblem::StaleAdjustment { person, from, found } => {
                let found = found.map_or_else(|| "-".to_owned(), |value| value.to_string());
                text(
                    format!("{person} の評価調整の `from` ({from}) が、調整時点の結果 ({found}) と違います"),
                    format!("the adjustment of {person} says `from = {from}`, but the result it applies to is {found}"),
                )
            }
        }
    }
}

impl Texts for Flag {
    fn both(&self) -> Both {
        let percent = |share: &f64| format!("{:.0}%", share * 100.0);
        match self {
            Flag::OverBand { scope, level, share, limit } => {
                let scope = scope.both();
                let (share, limit, level) = (percent(share), percent(limit), level.letter());
                text(
                    format!("{}: {level} が {share} で、目安の {limit} を超えています", scope.ja),
                    format!("{}: {share} at {level}, above the band of {limit}", scope.en),
                )
            }
            Flag::CentralTendency { reviewer, share, limit } => {
                let (share, limit) = (percent(share), percent(limit));
                text(
                    format!("評価者 {reviewer}: 評語の {share} が B です (中心化傾向、目安 {limit})"),
                    format!("reviewer {reviewer}: {share} of their levels are B (central tendency; limit {limit})"),
                )
            }
            Flag::Leniency { reviewer, mean, organisation, lenient } => {
                let (ja, en) = if *lenient { ("寛大化傾向", "lenient") } else { ("厳格化傾向", "severe") };
                text(
                    format!(
                        "評価者 {reviewer}: 評語の平均 {mean:.2} が組織全体の {organisation:.2} から離れています ({ja})"
                    ),
                    format!(
                        "reviewer {reviewer}: mean level {mean:.2} against the organisation's {organisation:.2} ({en})"
                    ),
                )
            }
        }
    }
}

impl Texts for Scope {
    /// The group a distribution is about, for a heading or a flag.
    fn both(&self) -> Both {
        match self {
            Scope::All => text("全体".to_owned(), "everyone".to_owned()),
            Scope::Reviewer(id) => text(format!("評価者 {id}"), format!("reviewer {id}")),
            Scope::Unit(id) => text(format!("所属 {id}"), format!("unit {id}")),
            Scope::Group(group) => text(group.ja(), group.en()),
        }
    }
}
