//! The status line's text: paths as the data set names them, and how many rows a
//! message may take when it wraps rather than lose its end (often the key that
//! gets out of the trouble: "Ctrl-R で読み込み直して…").

use crate::store::Store;
use crate::workspace::Changed;

/// The most rows the status takes; a longer message keeps its end on the last.
pub const MAX_ROWS: u16 = 3;

/// The files a change wrote, relative to the data set (`cycles/2026/goals/P0020.toml`).
pub fn saved_files(changed: &Changed) -> String {
    let paths: Vec<String> =
        changed.written.iter().map(|source| Store::relative_path(source).display().to_string()).collect();
    paths.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Source;

    #[test]
    fn saved_files_are_named_inside_the_data_set() {
        let changed =
            Changed { written: vec![Source::Goals { cycle: "2026".into(), person: "P0020".into() }, Source::Org] };
        assert_eq!(saved_files(&changed), "cycles/2026/goals/P0020.toml, org.toml");
    }
}
