//! The words of reading and moving in the app: scroll markers, removals and their
//! undo, search, and the status line's longer messages.

use super::listed::listed_messages;

listed_messages! {
    pub enum Reading {
        // Removing what is selected, and undoing it.
        ConfirmRemove { what: String } => "「{what}」を削除しますか? (y/n)", "Remove \"{what}\"? (y/n)";
        Removed { what: String, key: String } =>
            "「{what}」を削除しました ({key} で元に戻せます)", "Removed \"{what}\" ({key} puts it back)";
        Undone { what: String } => "「{what}」を元に戻しました", "Put \"{what}\" back";
        NothingToUndo => "このセッションで元に戻せる削除はありません", "Nothing removed in this session to put back";
        NothingSelectedToRemove { key: String } =>
            "この欄に削除できる項目はありません (目標の削除は計画の欄で {key})",
            "Nothing in this pane to remove (to remove the goal, press {key} in the Plan pane)";
        // Rows of a pane or popup out of sight.
        MoreAbove { count: usize } => "↑ あと{count}行", "↑ {count} more";
        MoreBelow { count: usize } => "↓ あと{count}行", "↓ {count} more";
        // What a filter found when no row shows.
        NoMatch { filter: String } => "「{filter}」に一致するものはありません", "Nothing matches \"{filter}\"";
        NotAllowedToSee { filter: String } =>
            "「{filter}」に一致するのは閲覧できない目標だけです", "Only goals you may not read match \"{filter}\"";
        NothingToShow => "表示できる目標がありません", "There are no goals you may read";
        NotAllowedToSeePeople { filter: String } =>
            "「{filter}」に一致するのは閲覧できない人や記録だけです",
            "Only people or records you may not see match \"{filter}\"";
        ElsewherePeople { filter: String } =>
            "「{filter}」に一致する人はこの一覧にいません (組織タブに全員がいます)",
            "Nobody in this list matches \"{filter}\" (the People tab lists everyone)";
        EditLogTitle { goal: String } => "実行記録の編集: {goal}", "Edit Do entry: {goal}";
    }
}
