//! The sheets-by-unit overview of HR and unit heads, and HR's export from the app.

use super::listed::listed_messages;

listed_messages! {
    pub enum OverviewText {
        HeadsNoUnit =>
            "組織別の一覧は、組織の長 (部長・課長) と人事のものです",
            "The overview by unit is for unit heads and HR";
        RefuseExport { errors: usize } =>
            "出力しません: データにエラーが {errors} 件あります (`pdca check` で確認できます)。正しい部分だけなら `pdca export --force` で出力できます",
            "Not exported: {errors} error(s) in the data set (see `pdca check`); `pdca export --force` exports what is valid";
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::{Lang, Message};

    #[test]
    fn every_text_is_said_in_both_languages() {
        for text in OverviewText::every() {
            let (ja, en) = (text.text(Lang::Ja), text.text(Lang::En));
            assert!(!ja.is_empty() && ja != en, "{ja} / {en}");
        }
    }
}
