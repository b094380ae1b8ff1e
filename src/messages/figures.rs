//! Approved and live progress figures, and where a figure comes from.

use super::listed::listed_messages;

listed_messages! {
    pub enum FigureText {
        ColumnApproved => "進捗 承認済", "Approved";
        ColumnLive => "最新", "Live";
        Progress { approved: String, live: String, source: String } =>
            "進捗: 承認済 {approved} / 最新 {live} ({source})",
            "Progress: approved {approved} / live {live} ({source})";
        NotApproved => "なし (シート未承認)", "none (sheet not approved)";
        SourceEstimate => "本人の見込み", "the owner's estimate";
        SourceMetric => "指標の現在値から", "from the metric's current value";
        SourceMeasured => "指標を記録から計測", "the metric, measured from the records";
        SourceRolledUp => "配下の目標から集計", "rolled up from the goals below";
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::{Lang, Message};

    #[test]
    fn every_text_is_said_in_both_languages() {
        for text in FigureText::every() {
            let (ja, en) = (text.text(Lang::Ja), text.text(Lang::En));
            assert!(!ja.is_empty() && ja != en, "{ja} / {en}");
        }
    }
}
