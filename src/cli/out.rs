//! The one way the command line prints. Every line is made inert first
//! ([`inert`]: no escape or OSC sequence, control or bidi override from a data
//! file reaches the terminal), and a reader that went away (`pdca show … | head`)
//! ends the command quietly instead of with a panic: see [`super::main`].

use std::io::{self, Write};

use super::Result;
use super::failure::Reason;
use crate::view::text::inert;

/// Prints a line on standard output.
pub fn line(text: impl AsRef<str>) -> Result<()> {
    write_line(&mut io::stdout().lock(), text.as_ref())
}

/// Prints lines on standard output in large blocks: a whole organisation's cascade
/// is tens of thousands of lines, and standard output alone writes each line by itself.
pub fn lines(lines: impl IntoIterator<Item = impl AsRef<str>>) -> Result<()> {
    let mut to = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    for line in lines {
        write_line(&mut to, line.as_ref())?;
    }
    to.flush().map_err(|error| Reason::Output(error).into())
}

/// Prints a line on standard error: notes, warnings, what was left out, refusals.
pub fn note(text: impl AsRef<str>) -> Result<()> {
    // Standard error is not buffered: the line and its end go out in one write.
    write_line(&mut io::LineWriter::new(io::stderr().lock()), text.as_ref())
}

/// Writes bytes that are a file's content (the export) to standard output: as they
/// are into a pipe or a file, whose bytes must be the file's; line by line through
/// [`inert`] on a terminal, since `export --force` can carry a text with control
/// characters that validation reported but could not leave out.
pub struct DataOut {
    to: io::BufWriter<io::StdoutLock<'static>>,
    terminal: bool,
}

impl DataOut {
    pub fn standard_output() -> DataOut {
        use std::io::IsTerminal;
        let stdout = io::stdout();
        // Asked once, and written through one buffer: the export comes in one piece
        // per person, tens of thousands at city scale.
        let terminal = stdout.is_terminal();
        DataOut { to: io::BufWriter::with_capacity(1 << 16, stdout.lock()), terminal }
    }

    pub fn write(&mut self, bytes: &[u8]) -> Result<()> {
        write_data(&mut self.to, bytes, self.terminal)
    }

    /// Writes what is still buffered.
    pub fn finish(mut self) -> Result<()> {
        self.to.flush().map_err(|error| Reason::Output(error).into())
    }
}

fn write_data(to: &mut impl Write, bytes: &[u8], terminal: bool) -> Result<()> {
    let written = if terminal {
        String::from_utf8_lossy(bytes).lines().try_for_each(|line| {
            to.write_all(inert(line).as_bytes())?;
            to.write_all(b"\n")
        })
    } else {
        to.write_all(bytes)
    };
    written.map_err(|error| Reason::Output(error).into())
}

/// The width of the terminal standard output goes to; `None` when it is a pipe or a file.
pub fn terminal_width() -> Option<u16> {
    use std::io::IsTerminal;
    io::stdout().is_terminal().then(|| crossterm::terminal::size().ok().map(|(columns, _)| columns)).flatten()
}

fn write_line(to: &mut impl Write, text: &str) -> Result<()> {
    let written = to.write_all(inert(text).as_bytes()).and_then(|()| to.write_all(b"\n"));
    written.map_err(|error| Reason::Output(error).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_is_inert_and_ends_with_one_newline() {
        let mut written = Vec::new();
        write_line(&mut written, "P0001: \u{1b}[2J名前\u{202e}\u{7}").unwrap();
        assert_eq!(String::from_utf8(written).unwrap(), "P0001: ?[2J名前??\n");
    }

    #[test]
    fn exported_bytes_stay_as_they_are_in_a_pipe_and_are_inert_on_a_terminal() {
        let bytes = "name,title\nP0001,\u{1b}]52;c;eA==\u{7}計画\n".as_bytes();
        let mut piped = Vec::new();
        write_data(&mut piped, bytes, false).unwrap();
        assert_eq!(piped, bytes);
        let mut shown = Vec::new();
        write_data(&mut shown, bytes, true).unwrap();
        assert_eq!(String::from_utf8(shown).unwrap(), "name,title\nP0001,?]52;c;eA==?計画\n");
    }

    #[test]
    fn a_closed_pipe_is_a_failure_that_says_so() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::from(io::ErrorKind::BrokenPipe))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let failure = write_line(&mut Closed, "x").unwrap_err();
        assert!(failure.is_closed_output());
    }
}
