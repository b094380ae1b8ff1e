//! The review loop as its two sides read it: sending a sheet back, the reason
//! reaching its owner, and what a step did.

use super::listed::listed_messages;

listed_messages! {
    pub enum ReviewLoopText {
        FieldSendBackTo => "戻す先", "Back to";
        BackTo { state: String } => "「{state}」に戻す", "back to {state}";
        StepTaken { person: String, state: String } =>
            "保存しました: {person} さんのシートは「{state}」になりました", "Saved: the sheet of {person} is now {state}";
        OverviewHeading { phase: String, expected: String } =>
            "組織別のシート状態 ({phase}: 「{expected}」に達していないシートは遅れ)",
            "Sheets by unit ({phase}: a sheet before {expected} is late)";
        OverviewNoPhase => "組織別のシート状態 (今日はどのフェーズでもありません)", "Sheets by unit (today is in no phase)";
        OverviewUnit => "組織", "Unit";
        OverviewLate => "遅れ", "Late";
        OverviewLatePerson { unit: String, person: String, state: String } =>
            "遅れ  {unit}: {person} ({state})", "late  {unit}: {person} ({state})";
        ShortDraft => "下書き", "draft";
        ShortSubmitted => "提出", "subm.";
        ShortApproved => "承認", "appr.";
        ShortSelfChecked => "自己", "self";
        ShortReviewed => "一次", "rev.";
        ShortConfirmed => "確定", "conf.";
        ShortFeedbackHeld => "FB済", "held";
        LabelProposalNote => "提案の補足", "Note of the proposal";
        SentBack { date: String, by: String, state: String, comment: String } =>
            "差し戻し ({date} {by} → {state}): {comment}", "Sent back ({date}, {by}, to {state}): {comment}";
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::{Lang, Message};

    #[test]
    fn every_text_is_said_in_both_languages() {
        for text in ReviewLoopText::every() {
            let (ja, en) = (text.text(Lang::Ja), text.text(Lang::En));
            assert!(!ja.is_empty() && ja != en, "{ja} / {en}");
        }
    }
}
