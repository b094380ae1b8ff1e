//! A real terminal for the end-to-end tests, built from crates alone: the program
//! runs in a pseudo-terminal (`portable-pty`), a reader thread feeds everything it
//! writes to a terminal emulator (`vt100`), and the tests read the emulator's screen.
//! Nothing needs to be installed.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::thread::JoinHandle;
use std::time::Instant;

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize};

use super::{FORM_FOOTER, Fixture, PATIENCE, POLL, TODAY};

/// A program running in a pseudo-terminal of its own, and the screen it has drawn.
pub struct Pty {
    master: Box<dyn MasterPty + Send>,
    /// Shared with the reader thread, which answers the program's questions.
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Mutex<Box<dyn Child + Send + Sync>>,
    parser: Arc<Mutex<vt100::Parser<Replies>>>,
    /// Ends when every holder of the terminal's other side (the program and what it
    /// started) has closed it and all their output is on the screen.
    reader: JoinHandle<()>,
    exit: OnceLock<ExitStatus>,
}

impl Pty {
    /// Starts the app as `actor` on the fixture's data in a `width` × `height`
    /// terminal, in Japanese on [`TODAY`], with the fixture's config folder, no
    /// editor from the environment, and `env` added.
    pub fn start(fixture: &Fixture, actor: &str, size: (u16, u16), env: &[(&str, &str)]) -> Pty {
        let mut command = CommandBuilder::new(assert_cmd::cargo::cargo_bin("pdca"));
        command.arg("--data-dir");
        command.arg(fixture.data());
        command.args(["--lang", "ja", "--today", TODAY, "--as", actor]);
        command.cwd(fixture.dir.path());
        command.env_remove("VISUAL");
        command.env_remove("EDITOR");
        command.env("PDCA_CONFIG_DIR", fixture.config());
        command.env("PDCA_CACHE_DIR", fixture.config().with_extension("cache"));
        for (name, value) in env {
            command.env(name, value);
        }
        Pty::spawn(command, size)
    }

    /// Runs `command` in a new `width` × `height` terminal; it inherits this
    /// process's environment, with `TERM` set to a common terminal's.
    pub fn spawn(mut command: CommandBuilder, (width, height): (u16, u16)) -> Pty {
        command.env("TERM", "xterm-256color");
        let pair = portable_pty::native_pty_system().openpty(pty_size(width, height)).expect("open a pseudo-terminal");
        let child = pair.slave.spawn_command(command).expect("start the program in the pseudo-terminal");
        // Only the program may hold the other side: once it (and whatever it started)
        // has exited, reading this side ends, so the reader thread cannot hang.
        drop(pair.slave);
        let (rows, columns) = emulator_size(width, height);
        let parser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(rows, columns, 0, Replies::default())));
        let writer = Arc::new(Mutex::new(pair.master.take_writer().expect("write to the pseudo-terminal")));
        let source = pair.master.try_clone_reader().expect("read from the pseudo-terminal");
        let reader = std::thread::spawn({
            let (parser, writer) = (Arc::clone(&parser), Arc::clone(&writer));
            move || feed(source, &parser, &writer)
        });
        Pty { master: pair.master, writer, child: Mutex::new(child), parser, reader, exit: OnceLock::new() }
    }

    /// The program's process id, while it runs (to read what Linux says of it).
    #[cfg(target_os = "linux")]
    pub fn process_id(&self) -> Option<u32> {
        self.child.lock().unwrap().process_id()
    }

    /// Presses a key, named as tmux names them: "c", "Tab", "Enter", "Escape",
    /// "Right", "C-s".
    pub fn send(&self, key: &str) {
        self.write(&key_bytes(key));
    }

    /// Types text as it is (Japanese included).
    pub fn send_literal(&self, text: &str) {
        self.write(text.as_bytes());
    }

    fn write(&self, bytes: &[u8]) {
        let mut writer = self.writer.lock().unwrap();
        writer.write_all(bytes).and_then(|()| writer.flush()).expect("type into the terminal");
    }

    /// Clicks the left mouse button on where the screen shows `text` (its first cell).
    pub fn click(&self, text: &str) {
        let (column, row) = self.mouse_target(text);
        self.write(format!("\x1b[<0;{column};{row}M\x1b[<0;{column};{row}m").as_bytes());
    }

    /// Turns the mouse wheel one notch, down or up, over where the screen shows `text`.
    pub fn wheel(&self, text: &str, down: bool) {
        let (column, row) = self.mouse_target(text);
        let button = if down { 65 } else { 64 };
        self.write(format!("\x1b[<{button};{column};{row}M").as_bytes());
    }

    /// Where a mouse report about `text` points, 1-based as the reports count. Like a
    /// real terminal, this one reports the mouse only when the program asked for it,
    /// in the encoding crossterm asks for (SGR). Read from a settled screen that shows
    /// `text`: a screen read mid-frame may not show it yet.
    fn mouse_target(&self, text: &str) -> (u16, u16) {
        self.wait_for(text);
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        assert!(
            screen.mouse_protocol_mode() != vt100::MouseProtocolMode::None
                && screen.mouse_protocol_encoding() == vt100::MouseProtocolEncoding::Sgr,
            "the program does not capture the mouse (SGR reports)"
        );
        let (row, column) = position_of(screen, text)
            .unwrap_or_else(|| panic!("the screen does not show {text:?}:\n{}", screen.contents()));
        (column + 1, row + 1)
    }

    /// Changes the terminal's size, as a person resizing the window does: the
    /// program is told (SIGWINCH) and the screen keeps what fits.
    pub fn resize(&self, (width, height): (u16, u16)) {
        // The emulator first, so that the program's redraw lands on a screen of the new size.
        let (rows, columns) = emulator_size(width, height);
        self.parser.lock().unwrap().screen_mut().set_size(rows, columns);
        self.master.resize(pty_size(width, height)).expect("resize the pseudo-terminal");
    }

    /// The screen's text, one line a row, without trailing blanks.
    pub fn screen(&self) -> String {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        let (_, width) = screen.size();
        screen.rows(0, width.get()).map(|row| row.trim_end().to_owned()).collect::<Vec<_>>().join("\n")
    }

    /// Waits until the screen shows `text`; returns the screen.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("the screen to show {text:?}"), |screen| screen.contains(text))
    }

    /// Waits until `ready` holds for the screen and the screen has settled; returns
    /// the screen. Settled means the same on two polls in a row: the program writes a
    /// frame in pieces, so a screen read mid-frame may show the awaited text while
    /// rows the caller goes on to check are not drawn yet.
    pub fn wait_until(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        let mut ready_before: Option<String> = None;
        loop {
            let screen = self.screen();
            if ready_before.as_ref() == Some(&screen) {
                return screen;
            }
            if start.elapsed() > PATIENCE {
                panic!("timed out waiting for {what}; the screen shows:\n{screen}");
            }
            ready_before = ready(&screen).then_some(screen);
            std::thread::sleep(POLL);
        }
    }

    /// Waits for a form's save to go through: the form closed and the status says so.
    pub fn wait_for_save(&self) -> String {
        self.wait_until("the form to close with 保存しました", |s| {
            s.contains("保存しました") && !s.contains(FORM_FOOTER)
        })
    }

    /// Waits for the program to exit and for all it wrote to reach the screen;
    /// returns its exit code.
    pub fn wait_for_exit(&self) -> u32 {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.exit.get() {
                break status;
            }
            let polled = self.child.lock().unwrap().try_wait().expect("ask whether the program exited");
            match polled {
                Some(status) => {
                    let _ = self.exit.set(status);
                }
                None if start.elapsed() > PATIENCE => {
                    panic!("timed out waiting for the program to exit; the screen shows:\n{}", self.screen())
                }
                None => std::thread::sleep(POLL),
            }
        };
        while !self.reader.is_finished() {
            if start.elapsed() > 2 * PATIENCE {
                panic!("the program exited ({status}) but something it started still holds the terminal");
            }
            std::thread::sleep(POLL);
        }
        status.exit_code()
    }

    /// Whether the terminal is on the alternate screen.
    pub fn alternate_on(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }

    /// Whether the terminal reports mouse events or wraps pastes in markers, as the
    /// app asks while it runs.
    pub fn mouse_or_paste_reporting(&self) -> bool {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        screen.mouse_protocol_mode() != vt100::MouseProtocolMode::None || screen.bracketed_paste()
    }

    /// The terminal's line modes now (the kernel keeps them after the program exits).
    #[cfg(unix)]
    pub fn line_modes(&self) -> LineModes {
        let termios = self.master.get_termios().expect("read the terminal's settings");
        let flags = termios.local_flags.bits();
        LineModes { canonical: flags & libc::ICANON != 0, echo: flags & libc::ECHO != 0 }
    }
}

/// What raw mode switches off: line editing and echo.
#[cfg(unix)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineModes {
    pub canonical: bool,
    pub echo: bool,
}

impl Drop for Pty {
    /// Kills the program if it is still running; the reader thread then ends on its own.
    fn drop(&mut self) {
        let child = self.child.get_mut().unwrap_or_else(PoisonError::into_inner);
        if matches!(child.try_wait(), Ok(None)) {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn pty_size(width: u16, height: u16) -> PtySize {
    PtySize { rows: height, cols: width, pixel_width: 0, pixel_height: 0 }
}

/// The emulator's (rows, columns).
fn emulator_size(width: u16, height: u16) -> (NonZeroU16, NonZeroU16) {
    let nonzero = |n| NonZeroU16::new(n).expect("a terminal is at least 1 × 1");
    (nonzero(height), nonzero(width))
}

/// The (row, column) of the first cell of the first place the screen shows `text`.
fn position_of(screen: &vt100::Screen, text: &str) -> Option<(u16, u16)> {
    let (rows, columns) = screen.size();
    (0..rows.get()).find_map(|row| {
        // The row's text, and the byte offset in it at which each cell starts.
        let mut line = String::new();
        let mut starts = Vec::new();
        for column in 0..columns.get() {
            let cell = screen.cell(row, column)?;
            if cell.is_wide_continuation() {
                continue;
            }
            starts.push((line.len(), column));
            line.push_str(if cell.has_contents() { cell.contents() } else { " " });
        }
        let offset = line.find(text)?;
        starts.iter().find(|(start, _)| *start == offset).map(|&(_, column)| (row, column))
    })
}

/// Feeds the terminal's output to the emulator, and sends back the emulator's
/// answers, until the other side is closed.
fn feed(
    mut source: Box<dyn Read + Send>,
    parser: &Mutex<vt100::Parser<Replies>>,
    writer: &Mutex<Box<dyn Write + Send>>,
) {
    let mut buffer = [0; 8192];
    loop {
        let count = match source.read(&mut buffer) {
            // Linux reports the closed side as an error (EIO), other systems as the end.
            Ok(0) => return,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return,
            Ok(count) => count,
        };
        let answers = {
            let mut parser = parser.lock().unwrap_or_else(PoisonError::into_inner);
            parser.process(&buffer[..count]);
            std::mem::take(&mut parser.callbacks_mut().0)
        };
        if !answers.is_empty() {
            let mut writer = writer.lock().unwrap_or_else(PoisonError::into_inner);
            // A program that has gone cannot read the answer; the exit shows elsewhere.
            let _ = writer.write_all(&answers).and_then(|()| writer.flush());
        }
    }
}

/// What the emulator answers, as a real terminal does, to questions it does not
/// handle itself: where the cursor is (DSR 6), which ratatui asks when it clears
/// the screen, e.g. on coming back from the external editor.
#[derive(Default)]
struct Replies(Vec<u8>);

impl vt100::Callbacks for Replies {
    fn unhandled_csi(
        &mut self,
        screen: &mut vt100::Screen,
        first_intermediate: Option<u8>,
        _second_intermediate: Option<u8>,
        params: &[&[u16]],
        command: char,
    ) {
        if first_intermediate.is_none() && command == 'n' && params == [[6]] {
            let (row, column) = screen.cursor_position();
            self.0.extend_from_slice(format!("\x1b[{};{}R", row + 1, column + 1).as_bytes());
        }
    }
}

/// The bytes a terminal sends for a key, named as tmux names them.
fn key_bytes(key: &str) -> Vec<u8> {
    let bytes: &[u8] = match key {
        "Enter" => b"\r",
        "Tab" => b"\t",
        "Escape" => b"\x1b",
        "Up" => b"\x1b[A",
        "Down" => b"\x1b[B",
        "Right" => b"\x1b[C",
        "Left" => b"\x1b[D",
        _ => {
            if let Some(letter) =
                key.strip_prefix("C-").filter(|l| l.len() == 1 && l.as_bytes()[0].is_ascii_lowercase())
            {
                return vec![letter.as_bytes()[0] & 0x1f];
            }
            assert_eq!(key.chars().count(), 1, "unknown key name {key:?}; use send_literal for text");
            key.as_bytes()
        }
    };
    bytes.to_vec()
}
