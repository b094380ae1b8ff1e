//! The application: a router over components. Events come in and become actions
//! for the tab in front or the popup on top; components answer with effects, which
//! the app carries out — opening popups, running commands through the workspace,
//! setting the status. Drawing (in `ui`) only reads this state.

pub mod background;
pub mod component;
pub mod effect;
mod export;
pub mod form;
pub mod forms;
pub mod help;
pub mod list_filter;
pub mod loading;
mod menu;
pub mod overlays;
pub mod picker;
mod shown;
pub mod status;
pub mod tabs;
pub mod undo;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind};

use self::component::Shared;
use self::effect::{Effect, ExternalEdit, ExternalTarget, Popup, Status};
use self::form::{FieldKind, FormOutcome};
use self::tabs::{Tab, Tabs, tab_at};
use crate::keys::{Action, Context, Keymap};
use crate::messages::{self, Lang, Message, Text};
use crate::model::command::Command;
use crate::model::edit::{Edit, GoalFields};
use crate::view::Viewer;
use crate::workspace::{Changed, CommandError, Workspace};

/// The furthest a popup or pane scrolls: more rows than any of them holds.
pub const MAX_SCROLL: usize = 500;

pub struct App {
    pub shared: Shared,
    pub tabs: Tabs,
    pub tab: Tab,
    pub popups: Vec<Popup>,
    pub status: Option<Status>,
    pub should_quit: bool,
    external_edit: Option<ExternalEdit>,
    background: background::Background,
    /// The removals of this session that `u` can put back, the last on top.
    undo: Vec<undo::Undo>,
    /// The rest of the data set, while it loads after the first frame.
    loading: Option<loading::Loading>,
    /// What starts once a frame is on screen (see [`App::drawn`]).
    after_drawn: Vec<AfterDrawn>,
    /// Whose texts on screen could not be read, already said (see `shown`).
    unread: crate::model::hash::HashSet<crate::model::PersonId>,
}

/// Work that waits for a frame on screen.
type AfterDrawn = Box<dyn FnOnce(&mut App)>;

impl App {
    pub fn new(workspace: Workspace, lang: Lang, keymap: Keymap, size: (u16, u16)) -> App {
        App::with(workspace, lang, keymap, size, false)
    }

    /// The app on the viewer's part of the data set, until [`App::load_rest`]
    /// brings the rest. What depends on having everyone (HR's overview, the
    /// warnings about people without goals) is worked out for the part at once:
    /// worked out for everyone first, it cost a city-sized first frame twice.
    pub fn on_part(workspace: Workspace, lang: Lang, keymap: Keymap, size: (u16, u16)) -> App {
        App::with(workspace, lang, keymap, size, true)
    }

    fn with(mut workspace: Workspace, lang: Lang, keymap: Keymap, size: (u16, u16), partial: bool) -> App {
        // A session of the app is long and may hold a city: others' texts stay on
        // disk until shown (see `shown`).
        workspace.leave_texts_on_disk();
        let viewer = Viewer::new(&workspace.world, &workspace.actor, workspace.today);
        let mut shared = Shared {
            workspace,
            viewer,
            lang,
            keymap,
            size,
            alignment: Vec::new(),
            flagged: Default::default(),
            partial,
        };
        shared.refresh(&Changed::everything());
        let tabs = Tabs::new(&shared);
        App {
            shared,
            tabs,
            tab: Tab::Tree,
            popups: Vec::new(),
            status: None,
            should_quit: false,
            external_edit: None,
            background: Default::default(),
            undo: Vec::new(),
            loading: None,
            after_drawn: Vec::new(),
            unread: Default::default(),
        }
    }

    /// Runs `work` once the next frame is on screen: loading the rest of the data set
    /// and looking at every file for changes keep both cores busy, and the first
    /// frame would otherwise wait for them.
    pub fn after_drawn(&mut self, work: impl FnOnce(&mut App) + 'static) {
        self.after_drawn.push(Box::new(work));
    }

    /// A frame is on screen: what waited for it starts.
    pub fn drawn(&mut self) {
        for work in std::mem::take(&mut self.after_drawn) {
            work(self);
        }
    }

    pub fn lang(&self) -> Lang {
        self.shared.lang
    }

    /// The keymap context of what has the keys: the popup on top, else the tab.
    pub fn context(&self) -> Context {
        match self.popups.last() {
            Some(popup) => popup.context(),
            None => self.tab.context(),
        }
    }

    /// Hands a pending external-editor request to the event loop.
    pub fn take_external_edit(&mut self) -> Option<ExternalEdit> {
        self.external_edit.take()
    }

    pub fn handle_event(&mut self, event: Event) {
        let tab = self.tab;
        self.route_event(event);
        // A message about one tab says nothing about the next.
        if self.tab != tab {
            self.status = None;
        }
        self.read_shown_texts();
    }

    fn route_event(&mut self, event: Event) {
        match event {
            Event::Key(key) if key.kind == KeyEventKind::Press => self.handle_key(key),
            Event::Resize(columns, rows) => self.shared.size = (columns, rows),
            Event::Mouse(mouse) => self.handle_mouse(mouse.kind, mouse.column, mouse.row),
            Event::Paste(text) => {
                if let Some(Popup::Form(form)) = self.popups.last_mut()
                    && let Some(FieldKind::Text { area, .. }) = form.focused_mut().map(|f| &mut f.kind)
                {
                    area.insert_str(text);
                }
            }
            _ => {}
        }
    }

    fn handle_key(&mut self, key: KeyEvent) {
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            // Ctrl-C always quits; with unsaved text it asks once, and a second Ctrl-C quits.
            let asked = matches!(self.popups.last(), Some(Popup::Confirm { on_yes, .. })
                if matches!(on_yes.as_slice(), [Effect::Quit]));
            if asked || !self.has_unsaved_text() {
                self.should_quit = true;
            } else {
                self.confirm_quit();
            }
            return;
        }
        // A key that types nothing shows the whole message even while a form or a
        // filter takes the keys: a save conflict's instruction comes with a form open.
        let types_nothing = !matches!(key.code, KeyCode::Char(_));
        if types_nothing
            && self.status.is_some()
            && self.shared.keymap.action(Context::Global, &key) == Some(Action::WholeMessage)
            && !matches!(self.popups.last(), Some(Popup::Message { .. }))
        {
            return self.open_message();
        }
        match self.popups.last() {
            Some(Popup::Form(_)) => return self.handle_form_key(key),
            Some(Popup::Confirm { .. }) => return self.handle_confirm_key(key),
            Some(Popup::Help { .. }) => return self.handle_help_key(key),
            Some(Popup::Detail { .. } | Popup::Message { .. }) => return self.handle_viewer_key(key),
            Some(Popup::Menu { .. }) => return self.handle_menu_key(key),
            Some(Popup::Overlay(_)) => return self.handle_overlay_key(key),
            None => {}
        }
        if let Some(effects) = self.tabs.get_mut(self.tab).capture(&key, &self.shared) {
            return self.apply(effects);
        }
        if let Some(action) = self.shared.keymap.action(self.tab.context(), &key) {
            self.update(action);
        }
    }

    /// Keys of the goal popup: it closes.
    fn handle_viewer_key(&mut self, key: KeyEvent) {
        match self.shared.keymap.action(Context::Detail, &key) {
            Some(Action::CloseDetail) => {
                self.popups.pop();
            }
            Some(Action::DetailDown) => self.scroll_popup(1),
            Some(Action::DetailUp) => self.scroll_popup(-1),
            _ => match self.shared.keymap.action(Context::Global, &key) {
                Some(Action::PaneDown | Action::PageDown) => self.scroll_popup(self.half_page()),
                Some(Action::PaneUp | Action::PageUp) => self.scroll_popup(-self.half_page()),
                _ => {}
            },
        }
    }

    fn half_page(&self) -> isize {
        (self.shared.size.1 / 2).max(1) as isize
    }

    /// Scrolls the help or the goal popup by `step` rows (down when positive).
    fn scroll_popup(&mut self, step: isize) {
        // Drawing keeps the scroll inside the rows; here it only stays in bounds a
        // popup of any size could need.
        if let Some(Popup::Help { scroll, .. } | Popup::Detail { scroll, .. } | Popup::Message { scroll, .. }) =
            self.popups.last_mut()
        {
            *scroll = (*scroll).saturating_add_signed(step).min(MAX_SCROLL);
        }
    }

    /// Keys of a view over the tab: its own, and quit and help.
    fn handle_overlay_key(&mut self, key: KeyEvent) {
        let Some(Popup::Overlay(overlay)) = self.popups.last_mut() else { return };
        match self.shared.keymap.action(overlay.context(), &key) {
            Some(action @ (Action::Quit | Action::Help)) => self.update(action),
            Some(action) => {
                let effects = overlay.handle(action, &self.shared);
                self.apply(effects);
            }
            None => {}
        }
    }

    /// Shows the status message whole, for one too long for its rows.
    fn open_message(&mut self) {
        match &self.status {
            Some(status) => {
                let (text, is_error) = (status.text.clone(), status.is_error);
                self.popups.push(Popup::Message { text, is_error, scroll: 0 });
            }
            None => self.status = Some(Status { text: Text::NoMessage.text(self.lang()), is_error: false }),
        }
    }

    fn has_unsaved_text(&self) -> bool {
        self.popups.iter().any(|p| matches!(p, Popup::Form(form) if form.is_dirty()))
    }

    fn confirm_quit(&mut self) {
        let message = Text::ConfirmQuitUnsaved.text(self.lang());
        self.popups.push(Popup::Confirm { message, on_yes: vec![Effect::Quit] });
    }

    fn handle_confirm_key(&mut self, key: KeyEvent) {
        // Only the yes key confirms: Enter pressed out of habit must not remove anything.
        let answer = self.shared.keymap.action(Context::Confirm, &key);
        if !matches!(answer, Some(Action::Yes | Action::No)) {
            return;
        }
        let Some(Popup::Confirm { on_yes, .. }) = self.popups.pop() else { return };
        if answer == Some(Action::Yes) {
            self.apply(on_yes);
        }
    }

    fn handle_form_key(&mut self, key: KeyEvent) {
        let action = self.shared.keymap.action(Context::Form, &key);
        let Some(Popup::Form(form)) = self.popups.last_mut() else { return };
        match form.handle(action, key) {
            FormOutcome::Continue => {}
            FormOutcome::Cancel if form.is_dirty() => {
                let message = Text::ConfirmDiscard.text(self.lang());
                let on_yes = vec![Effect::Close, Status::info(Text::Discarded.text(self.lang()))];
                self.popups.push(Popup::Confirm { message, on_yes });
            }
            FormOutcome::Cancel => {
                self.popups.pop();
            }
            FormOutcome::Submit => self.submit_form(),
            FormOutcome::ReloadReapply => match self.shared.workspace.reload() {
                Ok(changed) => {
                    // A reload reads the whole cycle: nothing is left to wait for.
                    self.has_all();
                    self.refresh(&changed);
                    self.submit_form();
                }
                Err(error) => self.complain(messages::store_error(&error, self.lang())),
            },
            FormOutcome::ExternalEditor => {
                let text = form.focused_mut().map(|f| f.value()).unwrap_or_default();
                self.external_edit = Some(ExternalEdit { text, target: ExternalTarget::FormField });
            }
        }
    }

    /// Runs the command the top form asks for; the form stays open, with the user's
    /// text and the reason, when that fails.
    fn submit_form(&mut self) {
        let Some(Popup::Form(form)) = self.popups.last() else { return };
        if let Some(next) = forms::follow_up(form, &self.shared) {
            self.popups.pop();
            return self.popups.push(Popup::Form(Box::new(next)));
        }
        if let Some(message) = self.still_loading() {
            return self.refuse_form(message);
        }
        let command = match forms::command(form, &self.shared) {
            Ok(command) => command,
            Err(message) => return self.refuse_form(message),
        };
        match self.run_command(command) {
            Ok(()) => {
                self.popups.pop();
            }
            Err(error) => {
                let mut message = messages::command_error(&error, self.lang());
                if error.is_conflict() {
                    let key = self.shared.keymap.label(Action::ReloadReapply);
                    message += &Text::ConflictHint { key }.text(self.lang());
                }
                self.refuse_form(message);
            }
        }
    }

    /// Keeps the top form open with the reason it was not carried out.
    fn refuse_form(&mut self, message: String) {
        if let Some(Popup::Form(form)) = self.popups.last_mut() {
            form.error = Some(message.clone());
        }
        self.complain(message);
    }

    fn say(&mut self, text: String) {
        self.status = Some(Status { text, is_error: false });
    }

    fn complain(&mut self, text: String) {
        self.status = Some(Status { text, is_error: true });
    }

    /// Tells every component what changed, so each works out again what it shows.
    fn refresh(&mut self, changed: &Changed) {
        self.shared.refresh(changed);
        for &tab in Tab::ALL {
            self.tabs.get_mut(tab).refresh(&self.shared, changed);
        }
        for popup in &mut self.popups {
            if let Popup::Overlay(overlay) = popup {
                overlay.refresh(&self.shared);
            }
        }
    }

    fn after_change(&mut self, changed: &Changed) {
        self.refresh(changed);
        self.ask_sync_state();
        let path = status::saved_files(changed);
        self.say(Text::SavedIn { path }.text(self.lang()));
    }

    /// Carries out effects in order.
    fn apply(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            match effect {
                Effect::Open(popup) => self.popups.push(popup),
                Effect::Close => {
                    self.popups.pop();
                }
                Effect::Execute(command) => self.execute(command),
                Effect::Status(status) => self.status = Some(status),
                Effect::ExternalEdit(edit) => self.external_edit = Some(edit),
                Effect::SwitchTab(tab) => self.tab = tab,
                Effect::ShowInTree(filter) => {
                    self.tabs.tree.show_filtered(filter, &self.shared);
                    self.tab = Tab::Tree;
                }
                Effect::Quit => self.should_quit = true,
            }
        }
    }

    /// Runs a command outside a form (e.g. a confirmed removal).
    fn execute(&mut self, command: Command) {
        if let Some(message) = self.still_loading() {
            return self.complain(message);
        }
        if let Err(error) = self.run_command(command) {
            self.complain(messages::command_error(&error, self.lang()));
        }
    }

    /// Runs a command through the workspace and, when it went through, all that
    /// follows a change: the refresh, the status, the undo of a removal and the step
    /// to the next person to review. On refusal nothing has changed.
    fn run_command(&mut self, command: Command) -> Result<(), CommandError> {
        // The undo is made from the user's own goals file whole, its texts read.
        let actor = self.shared.workspace.actor;
        self.shared.workspace.read_goals_whole(&actor)?;
        let undo = undo::prepare(&self.shared.workspace, &command);
        let step_on = forms::review::step_on(&command);
        let changed = self.shared.workspace.execute(command)?;
        self.after_change(&changed);
        if let Some(undo) = undo {
            self.removed(undo);
        }
        if let Some(person) = step_on {
            self.say(forms::review::step_taken(&self.shared, &person));
        }
        Ok(())
    }

    /// Receives the text from the external editor.
    pub fn finish_external_edit(&mut self, target: ExternalTarget, result: Result<String, Text>) {
        let text = match result {
            Ok(text) => text.trim_end_matches('\n').to_owned(),
            Err(failure) => return self.complain(failure.text(self.lang())),
        };
        match target {
            ExternalTarget::FormField => {
                if let Some(Popup::Form(form)) = self.popups.last_mut()
                    && let Some(field) = form.focused_mut()
                {
                    field.set_text(&text);
                }
            }
            ExternalTarget::GoalPlan(goal) => {
                let world = &self.shared.workspace.world;
                let Some(current) = world.goals_of(&self.shared.workspace.actor).iter().find(|g| g.id == goal) else {
                    return;
                };
                let Ok(fields) = GoalFields::of(current) else {
                    return self.complain(Text::TextNotRead.text(self.lang()));
                };
                if fields.plan == text {
                    return self.say(Text::NoChange.text(self.lang()));
                }
                let fields = GoalFields { plan: text, ..fields };
                self.execute(Command::Sheet(Edit::UpdateGoal { goal, fields, revision: None }));
            }
        }
    }

    fn handle_mouse(&mut self, kind: MouseEventKind, column: u16, row: u16) {
        let wheel = match kind {
            MouseEventKind::ScrollDown => Some(true),
            MouseEventKind::ScrollUp => Some(false),
            _ => None,
        };
        if !self.popups.is_empty() {
            if let Some(down) = wheel {
                self.scroll_popup(if down { 3 } else { -3 });
            }
            return;
        }
        match kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let down = kind == MouseEventKind::ScrollDown;
                if !self.tabs.get_mut(self.tab).wheel(row, down, &self.shared) {
                    self.update(if down { Action::Down } else { Action::Up });
                }
            }
            MouseEventKind::Down(MouseButton::Left) if row == 1 => {
                if let Some(tab) = tab_at(self.lang(), self.shared.size.0, self.tab, column) {
                    self.tab = tab;
                }
            }
            // The last two rows are the status lines.
            MouseEventKind::Down(MouseButton::Left) if row < self.shared.size.1.saturating_sub(2) => {
                let component = self.tabs.get_mut(self.tab);
                if let Some(index) = row.checked_sub(component.first_row()) {
                    component.click(usize::from(index), &self.shared);
                }
            }
            _ => {}
        }
    }

    /// Answers an action: the app's own (quit, help, tabs), else the tab's.
    pub fn update(&mut self, action: Action) {
        if self.waits_for_load(action) {
            return;
        }
        match action {
            Action::Quit if self.has_unsaved_text() => self.confirm_quit(),
            Action::Quit => self.should_quit = true,
            Action::Help => self.open_help(),
            Action::ActionMenu => self.open_menu(),
            Action::WholeMessage => self.open_message(),
            Action::Undo => self.undo_last(),
            Action::NextTab | Action::PrevTab => {
                let index = Tab::ALL.iter().position(|t| *t == self.tab).unwrap_or(0);
                let step = if action == Action::NextTab { 1 } else { Tab::ALL.len() - 1 };
                self.tab = Tab::ALL[(index + step) % Tab::ALL.len()];
            }
            Action::TabTree => self.tab = Tab::Tree,
            Action::TabMine => self.tab = Tab::Mine,
            Action::TabReview => self.tab = Tab::Review,
            Action::TabContribution => self.tab = Tab::Contribution,
            Action::TabPeople => self.tab = Tab::People,
            Action::Sync => self.start_sync(false),
            Action::TabMeetings => self.tab = Tab::Meetings,
            _ => {
                let effects = self.tabs.get_mut(self.tab).handle(action, &self.shared);
                self.apply(effects);
            }
        }
    }
}

#[cfg(test)]
mod tests;
