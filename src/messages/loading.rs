//! The words of the screen shown while a large data set loads.

use super::messages;

messages! {
    pub enum LoadingText {
        Loading => "データを読み込んでいます…", "Loading the data set…";
        Files { read: usize, found: usize } => "{read} / {found} ファイル", "{read} / {found} files";
        TopBar { read: usize, found: usize } =>
            "読込中 {read}/{found}・集計は途中", "loading {read}/{found}, totals partial";
        StillLoading { read: usize, found: usize } =>
            "まだ読み込み中です（{read} / {found} ファイル）。少し待ってからもう一度どうぞ",
            "still loading: {read} of {found} files — try again in a moment";
        Failed { error: String } =>
            "データの残りを読み込めませんでした（表示は一部のままです）：{error}",
            "the rest of the data set could not be loaded (what is shown is a part): {error}";
        PartOnly => "一部のみ表示", "a part only";
        Stopped => "データの残りの読み込みが止まりました（表示は一部のままです）",
            "loading the rest of the data set stopped (what is shown is a part)";
    }
}
