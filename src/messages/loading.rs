//! The words of the screen shown while a large data set loads.

use super::messages;

messages! {
    pub enum LoadingText {
        Loading => "データを読み込んでいます…", "Loading the data set…";
        Files { read: usize, found: usize } => "{read} / {found} ファイル", "{read} / {found} files";
    }
}
