//! The words of evidence (the Do-log entries a self-rating cites) and of the
//! checklist field that links them, in the app and in `pdca show abilities`.

use super::{Lang, Message, date, messages};
use crate::view::abilities::evidence::LogEntryRow;

messages! {
    pub enum EvidenceText {
        FieldEvidence => "根拠 (Do)", "Evidence";
        Heading => "根拠 (Doの記録)", "Evidence (Do log)";
        /// The person has written no Do-log entry to cite yet.
        NoEntries => "Doの記録がまだありません", "no Do-log entries yet";
        /// A cited entry that is no longer in the Do log (removed, or its date changed).
        Missing => "(該当する記録がありません)", "(no such entry)";
        More { above: usize, below: usize } =>
            "…ほか 上に{above}件・下に{below}件", "… {above} more above, {below} more below";
        ChecklistFooter { toggle: String, next: String, save: String, cancel: String } =>
            "{toggle} 選択/解除  {next} 次の項目  {save} 保存  {cancel} 取消",
            "{toggle} tick/untick  {next} next field  {save} save  {cancel} cancel";
    }
}

/// 「2026-08-29 事務事業評価の取りまとめ: 312事業の評価シートを回収。…」: the day, the
/// goal (its id when it is gone) and the entries' first lines.
pub fn evidence_label(entry: &LogEntryRow, lang: Lang) -> String {
    let title = if entry.title.is_empty() { entry.goal.as_str() } else { entry.title.as_str() };
    let text = match (entry.found, entry.text.get()) {
        (false, _) => EvidenceText::Missing.text(lang),
        (true, Ok(text)) => text.clone(),
        (true, Err(_)) => super::Text::TextNotRead.text(lang),
    };
    format!("{} {title}: {text}", date(entry.date, lang))
}
