//! The terminal: raw mode, the alternate screen and mouse capture on the way in,
//! and restored on every way out (normal exit, error, panic); the event loop; and
//! handing the terminal to an external editor and taking it back.

use std::io::{self, Write};
use std::process::Command;

use anyhow::Result;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;

use crate::app::App;
use crate::app::effect::{ExternalEdit, Status};
use crate::app::picker::PersonPicker;
use crate::messages::sync::SyncText;
use crate::messages::{Message, Text};
use crate::store::LoadProgress;
use crate::theme::Theme;

/// How long the event loop waits for a key before looking at the background's reports.
const TICK: std::time::Duration = std::time::Duration::from_millis(200);

/// Runs the app until it quits. The terminal is restored whatever happens.
/// `editor` is the command that edits text outside the program (see
/// [`crate::config::Config::editor_command`]).
pub fn run(mut app: App, theme: &Theme, editor: &str) -> Result<()> {
    // ratatui::init installs a panic hook that restores the terminal before the
    // panic message is printed.
    let mut terminal = ratatui::init();
    // ratatui's hook restores raw mode and the screen; mouse and paste reporting are
    // ours to switch off, before it runs.
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = disable_extras();
        ratatui_hook(info);
    }));
    let result =
        enable_extras().map_err(anyhow::Error::from).and_then(|()| event_loop(&mut terminal, &mut app, theme, editor));
    let _ = disable_extras();
    ratatui::restore();
    result
}

/// Runs the first-run person picker until a person is chosen or the user quits;
/// the terminal is restored whatever happens, before the app takes it again.
pub fn pick(picker: &mut PersonPicker, theme: &Theme) -> Result<()> {
    let mut terminal = ratatui::init();
    let result = enable_extras().map_err(anyhow::Error::from).and_then(|()| {
        while picker.outcome.is_none() {
            terminal.draw(|frame| crate::ui::picker::draw(picker, theme, frame))?;
            picker.handle_event(event::read()?);
        }
        Ok(())
    });
    let _ = disable_extras();
    ratatui::restore();
    result
}

/// Shows how far a load has got until `loaded` brings its result (or the loading
/// thread ends without one, which it does only by panicking: the panic then comes
/// out of the thread's scope). The terminal is restored before returning.
pub fn show_loading<T>(
    progress: &LoadProgress,
    loaded: &std::sync::mpsc::Receiver<T>,
    theme: &Theme,
    lang: crate::messages::Lang,
) -> Result<T> {
    let mut terminal = ratatui::init();
    let result = loop {
        if let Err(error) = terminal.draw(|frame| crate::ui::loading::draw(frame, theme, lang, progress.counts())) {
            break Err(error.into());
        }
        match loaded.recv_timeout(LOADING_REDRAW) {
            Ok(value) => break Ok(value),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break Err(anyhow::anyhow!("the load stopped")),
        }
    };
    ratatui::restore();
    result
}

/// How often the loading screen is drawn again.
const LOADING_REDRAW: std::time::Duration = std::time::Duration::from_millis(100);

fn enable_extras() -> io::Result<()> {
    execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste)
}

fn disable_extras() -> io::Result<()> {
    execute!(io::stdout(), DisableBracketedPaste, DisableMouseCapture)
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App, theme: &Theme, editor: &str) -> Result<()> {
    let size = terminal.size()?;
    app.handle_event(event::Event::Resize(size.width, size.height));
    let mut redraw = true;
    while !app.should_quit {
        if redraw {
            terminal.draw(|frame| crate::ui::app::draw(app, theme, frame))?;
            app.drawn();
        }
        redraw = false;
        // Not blocking on the keyboard: what runs in the background (a sync, files
        // changed on disk) is taken in between key presses.
        if event::poll(TICK)? {
            let event = event::read()?;
            // Mouse motion (reported while the mouse is captured) changes nothing on screen.
            redraw =
                !matches!(&event, event::Event::Mouse(mouse) if matches!(mouse.kind, event::MouseEventKind::Moved));
            app.handle_event(event);
            if let Some(request) = app.take_external_edit() {
                let target = request.target.clone();
                let result = edit_externally(terminal, &request, editor);
                app.finish_external_edit(target, result);
            }
        }
        redraw |= app.tick();
    }
    if app.is_syncing() {
        app.status = Some(Status { text: SyncText::QuitAfterSync.text(app.lang()), is_error: false });
        terminal.draw(|frame| crate::ui::app::draw(app, theme, frame))?;
        app.wait_for_sync();
    }
    Ok(())
}

/// The editor command line run on `path`. It may carry arguments (`code --wait`),
/// so the system's shell splits it: `sh` with the path as a separate argument, or on
/// Windows `cmd /S /C` with the path quoted (Windows paths cannot hold `"`).
#[cfg(not(windows))]
fn editor(command: &str, path: &std::path::Path) -> Command {
    let mut shell = Command::new("sh");
    shell.arg("-c").arg(format!("{command} \"$1\"")).arg("pdca-editor").arg(path);
    shell
}

#[cfg(windows)]
fn editor(command: &str, path: &std::path::Path) -> Command {
    use std::os::windows::process::CommandExt;
    let mut shell = Command::new("cmd");
    // `/S` makes cmd take what is between the outer quotes verbatim.
    shell.raw_arg(format!("/S /C \"{command} \"{}\"\"", path.display()));
    shell
}

/// Leaves the alternate screen, runs the editor on a temporary file holding the
/// text, and comes back; the edited text is returned, or why it could not be.
fn edit_externally(terminal: &mut DefaultTerminal, request: &ExternalEdit, command: &str) -> Result<String, Text> {
    let file_error = |error: io::Error| Text::EditorFile { error: error.to_string() };
    let mut file = tempfile::Builder::new().prefix("pdca-edit-").suffix(".md").tempfile().map_err(file_error)?;
    file.write_all(request.text.as_bytes()).and_then(|()| file.flush()).map_err(file_error)?;
    let terminal_error = |error: io::Error| Text::Terminal { error: error.to_string() };
    disable_extras().map_err(terminal_error)?;
    ratatui::restore();
    let status = editor(command, file.path()).status();
    *terminal = ratatui::init();
    enable_extras().map_err(terminal_error)?;
    terminal.clear().map_err(terminal_error)?;
    let status =
        status.map_err(|error| Text::EditorNotStarted { command: command.to_owned(), error: error.to_string() })?;
    if !status.success() {
        return Err(Text::EditorFailed { command: command.to_owned(), status: status.to_string() });
    }
    // Editors may replace the file rather than write into it, so read it by path.
    std::fs::read_to_string(file.path()).map_err(file_error)
}

#[cfg(all(test, not(windows)))]
mod tests {
    use super::*;

    #[test]
    fn the_editor_gets_the_path_as_one_argument_whatever_it_holds() {
        let command = editor("code --wait", std::path::Path::new("/tmp/a b;$(x).md"));
        let args: Vec<&std::ffi::OsStr> = command.get_args().collect();
        assert_eq!(command.get_program(), "sh");
        assert_eq!(args, ["-c", "code --wait \"$1\"", "pdca-editor", "/tmp/a b;$(x).md"]);
    }
}
