//! The review loop as its two sides read it: sending a sheet back, the reason
//! reaching its owner, and what a step did.

use super::listed::listed_messages;

listed_messages! {
    pub enum ReviewLoopText {
        FieldSendBackTo => "戻す先", "Back to";
        BackTo { state: String } => "「{state}」に戻す", "back to {state}";
        StepTaken { person: String, state: String } =>
            "保存しました: {person} さんのシートは「{state}」になりました", "Saved: the sheet of {person} is now {state}";
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
