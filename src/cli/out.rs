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

/// Prints a line on standard error: notes, warnings, what was left out, refusals.
pub fn note(text: impl AsRef<str>) -> Result<()> {
    write_line(&mut io::stderr().lock(), text.as_ref())
}

/// Writes bytes that are a file's content (the export) to standard output as they
/// are: its texts were validated on the way in, and its bytes are the file's.
pub fn data(bytes: &[u8]) -> Result<()> {
    let mut stdout = io::stdout().lock();
    stdout.write_all(bytes).and_then(|()| stdout.flush()).map_err(|error| Reason::Output(error).into())
}

/// The width of the terminal standard output goes to; `None` when it is a pipe or a file.
pub fn terminal_width() -> Option<u16> {
    use std::io::IsTerminal;
    io::stdout().is_terminal().then(|| crossterm::terminal::size().ok().map(|(columns, _)| columns)).flatten()
}

fn write_line(to: &mut impl Write, text: &str) -> Result<()> {
    let mut bytes = inert(text).into_owned().into_bytes();
    bytes.push(b'\n');
    to.write_all(&bytes).map_err(|error| Reason::Output(error).into())
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
