//! The first-run person picker of a demonstration data set.

use super::listed::listed_messages;
use super::names;
use crate::view::picker::PickerRole;

listed_messages! {
    pub enum PickerText {
        Title => "デモ用サンプル: 誰として使いますか?", "Demonstration sample: who are you?";
        Intro =>
            "架空の市役所の総務部です。誰を選んでも構いません。選んだ人は次回も使われます。",
            "A fictional city's general affairs department. Pick anyone; the choice is remembered for next time.";
        Id => "職員番号", "id";
        Name => "氏名", "name";
        Post => "職名", "post";
        Role => "役割", "role";
        Try => "試せること", "what to try";
        Hr => "全員のシートを閲覧、人事データを出力", "reads everyone's goals and sheets, exports HR data";
        Head { reports: usize } =>
            "部全体の目標と貢献度、部下 {reports} 人の評価", "the department's goals and contribution; reviews {reports}";
        Reviewer { reports: usize } =>
            "部下 {reports} 人の承認・評価 (レビュー タブ)", "approves and reviews {reports} sheets (Review tab)";
        Staff { sheet: String } =>
            "自分の目標の PDCA (シート: {sheet})", "runs own goals' PDCA (sheet: {sheet})";
        Chosen { name: String, path: String } =>
            "{name} として開きました。次回もこの人で開きます (変更は --as、または {path} の demo_person)",
            "Opened as {name}, as next time too (change with --as, or demo_person in {path})";
        NotKept { name: String } =>
            "{name} として開きました (設定フォルダがないため、次回もう一度尋ねます)",
            "Opened as {name} (no config folder to remember it in: you will be asked again)";
        NotKeptUnreadable { name: String, place: String, reason: String } =>
            "{name} として開きました。{place} を読み取れないため選択は保存せず、ファイルはそのままにします: {reason}",
            "Opened as {name}; {place} cannot be read, so the choice is not kept and the file is left as it is: {reason}";
    }
}

names!(PickerRole {
    PickerRole::Hr => "人事", "HR";
    PickerRole::Head => "部長", "head";
    PickerRole::Reviewer => "評価者", "reviewer";
    PickerRole::Staff => "職員", "staff";
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::{Lang, Message};

    #[test]
    fn every_text_is_said_in_both_languages() {
        let roles = [PickerRole::Hr, PickerRole::Head, PickerRole::Reviewer, PickerRole::Staff];
        let texts = PickerText::every().into_iter().map(|t| (t.text(Lang::Ja), t.text(Lang::En)));
        for (ja, en) in texts.chain(roles.iter().map(|r| (r.text(Lang::Ja), r.text(Lang::En)))) {
            assert!(!ja.is_empty() && ja != en, "{ja} / {en}");
        }
    }
}
