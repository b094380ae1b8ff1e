//! Reading HR's CSV files (the roster, engagement results): a UTF-8 byte-order mark
//! is skipped, CRLF line ends are fine, fields are trimmed and blank rows dropped;
//! each row keeps the 1-based line it starts on, for messages.

/// A file that cannot be read as CSV at all, with the line where that shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    pub line: u64,
    pub problem: CsvProblem,
}

/// What the CSV reader found, in our words (the messages say it in the user's
/// language, not the csv crate's English).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvProblem {
    /// The cell in `column` (from 1) is not UTF-8: the file was saved in another
    /// encoding (Shift_JIS, say).
    NotUtf8 { column: usize },
    /// The reader could not go on through the file.
    Broken,
}

impl CsvProblem {
    fn of(error: &csv::Error) -> CsvProblem {
        match error.kind() {
            csv::ErrorKind::Utf8 { err, .. } => CsvProblem::NotUtf8 { column: err.field() + 1 },
            _ => CsvProblem::Broken,
        }
    }
}

/// The non-blank rows of a CSV file, each with its line.
pub fn read_rows(bytes: &[u8]) -> Result<Vec<(u64, Vec<String>)>, Unreadable> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut rows = Vec::new();
    let mut lines = Lines { bytes, counted_to: 0, line_ends: 0 };
    for record in reader.byte_records() {
        let record = record.map_err(|error| Unreadable {
            line: error.position().map_or(0, |p| lines.at(p.byte())),
            problem: CsvProblem::of(&error),
        })?;
        let line = record.position().map_or(0, |p| lines.at(p.byte()));
        let fields = record
            .iter()
            .enumerate()
            .map(|(index, field)| {
                let not_utf8 = |_| Unreadable { line, problem: CsvProblem::NotUtf8 { column: index + 1 } };
                String::from_utf8(field.to_vec()).map(|text| text.trim().to_owned()).map_err(not_utf8)
            })
            .collect::<Result<Vec<String>, _>>()?;
        if fields.iter().any(|field| !field.is_empty()) {
            rows.push((line, fields));
        }
    }
    Ok(rows)
}

/// Lines of a file counted as the reader moves through it: the records come in
/// order, so each byte is counted once (counting from the start for every record
/// made a roster of 100,000 rows take minutes).
struct Lines<'a> {
    bytes: &'a [u8],
    /// How far line ends have been counted, and how many there were.
    counted_to: usize,
    line_ends: u64,
}

impl Lines<'_> {
    /// The 1-based line of a record starting at byte `offset`. The csv crate may
    /// report a record as starting on the line end before it, or before the blank
    /// lines it skipped, so line ends at the offset are passed over first.
    fn at(&mut self, offset: u64) -> u64 {
        let bytes = self.bytes;
        let mut at = usize::try_from(offset).map_or(bytes.len(), |o| o.min(bytes.len()));
        while bytes.get(at).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
            at += 1;
        }
        if at < self.counted_to {
            (self.counted_to, self.line_ends) = (0, 0);
        }
        self.line_ends += bytes[self.counted_to..at].iter().filter(|&&b| b == b'\n').count() as u64;
        self.counted_to = at;
        self.line_ends + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_their_lines_through_a_bom_crlf_and_blank_lines() {
        let rows = read_rows("\u{feff}a, b\r\n\r\n\"c\nd\",e\r\nf,g\r\n".as_bytes()).unwrap();
        assert_eq!(
            rows,
            [
                (1, vec!["a".to_owned(), "b".to_owned()]),
                (3, vec!["c\nd".to_owned(), "e".to_owned()]),
                (5, vec!["f".to_owned(), "g".to_owned()]),
            ]
        );
        assert_eq!(
            read_rows(b"a,b\nc,\xff\n").unwrap_err(),
            Unreadable { line: 2, problem: CsvProblem::NotUtf8 { column: 2 } }
        );
    }
}
