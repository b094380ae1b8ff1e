//! A popup form: labelled fields edited in place, saved or cancelled as a whole.
//! Text fields use `ratatui-textarea`, which moves over and wraps Japanese text by
//! display width.

pub mod checklist;

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::style::Style;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use self::checklist::Checklist;
use crate::keys::Action;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextKind {
    Line,
    Multi,
}

#[derive(Clone, Debug)]
pub enum FieldKind {
    Text {
        area: Box<TextArea<'static>>,
        kind: TextKind,
    },
    /// Options shown by label; `values` are what the form yields.
    Choice {
        labels: Vec<String>,
        values: Vec<String>,
        selected: usize,
    },
    /// Several options, each ticked or not; the form yields the ticked values.
    Checklist(Checklist),
}

/// Which field of a form this is: forms are read back by name, not by position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKey {
    Title,
    Criteria,
    Weight,
    Due,
    Difficulty,
    Category,
    Parent,
    Plan,
    Description,
    RevisionReason,
    Progress,
    Date,
    Kind,
    Text,
    Level,
    Comment,
    Issue,
    Measure,
    Done,
    Answer,
    DeclineReason,
    Step,
    To,
    Share,
    Note,
    Strengths,
    Improvements,
    Contribution,
    Shared,
    With,
    /// The nth proposed agenda topic of a new 1on1.
    Topic(usize),
    Agenda,
    Notes,
    /// The nth agreed action of a 1on1: its text, goal and whether it is done.
    ActionText(usize),
    ActionGoal(usize),
    ActionDone(usize),
    Course,
    Completed,
    /// The Do-log entries a self-rating cites.
    Evidence,
}

#[derive(Clone, Debug)]
pub struct Field {
    pub key: FieldKey,
    pub label: String,
    pub kind: FieldKind,
}

impl Field {
    pub fn text(key: FieldKey, label: impl Into<String>, value: &str, kind: TextKind) -> Field {
        let lines: Vec<String> =
            if value.is_empty() { vec![String::new()] } else { value.lines().map(str::to_owned).collect() };
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.set_cursor_line_style(Style::new());
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        Field { key, label: label.into(), kind: FieldKind::Text { area: Box::new(area), kind } }
    }

    /// A choice among `(value, label)` options, starting at the option whose value is `current`.
    pub fn choice(key: FieldKey, label: impl Into<String>, options: Vec<(String, String)>, current: &str) -> Field {
        let selected = options.iter().position(|(value, _)| value == current).unwrap_or(0);
        let (values, labels) = options.into_iter().unzip();
        Field { key, label: label.into(), kind: FieldKind::Choice { labels, values, selected } }
    }

    /// A checklist of `(value, label, ticked)` options, [`checklist::MAX_ROWS`] shown at
    /// once; `empty` is what it says when there are none.
    pub fn checklist(
        key: FieldKey,
        label: impl Into<String>,
        options: Vec<(String, String, bool)>,
        empty: impl Into<String>,
    ) -> Field {
        let mut list = Checklist::new(options, checklist::MAX_ROWS);
        list.empty = empty.into();
        Field { key, label: label.into(), kind: FieldKind::Checklist(list) }
    }

    /// The field's value: the text (lines joined by newlines, trailing blank lines
    /// dropped), the chosen option's value, or the ticked options' values one a line.
    pub fn value(&self) -> String {
        match &self.kind {
            FieldKind::Text { area, .. } => area.lines().join("\n").trim_end_matches('\n').to_owned(),
            FieldKind::Choice { values, selected, .. } => values.get(*selected).cloned().unwrap_or_default(),
            FieldKind::Checklist(list) => list.checked_values().collect::<Vec<_>>().join("\n"),
        }
    }

    pub fn set_text(&mut self, value: &str) {
        if let FieldKind::Text { kind, .. } = &self.kind {
            *self = Field::text(self.key, std::mem::take(&mut self.label), value, *kind);
        }
    }

    pub fn is_text(&self) -> bool {
        matches!(self.kind, FieldKind::Text { .. })
    }
}

/// What answering a key did to the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormOutcome {
    Continue,
    Submit,
    Cancel,
    /// Open the focused text field in the external editor.
    ExternalEditor,
    /// Reload the data set and apply the form again (after a conflicting save).
    ReloadReapply,
}

#[derive(Clone, Debug)]
pub struct Form<P> {
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// What submitting the form does.
    pub purpose: P,
    /// Why the last submission was refused, shown in the form.
    pub error: Option<String>,
    /// Read-only text shown above the fields (e.g. a proposal's note), when there is some.
    pub notice: Option<String>,
    initial: Vec<String>,
}

impl<P> Form<P> {
    pub fn new(title: impl Into<String>, purpose: P, fields: Vec<Field>) -> Form<P> {
        let initial = fields.iter().map(Field::value).collect();
        Form { title: title.into(), fields, focus: 0, purpose, error: None, notice: None, initial }
    }

    /// Whether anything was typed or chosen since the form opened.
    pub fn is_dirty(&self) -> bool {
        self.fields.iter().map(Field::value).ne(self.initial.iter().cloned())
    }

    /// Adds a field after the form was made (e.g. the reason an approved sheet asks
    /// for); what it holds now is its starting value, not a change.
    pub fn push_field(&mut self, field: Field) {
        self.initial.push(field.value());
        self.fields.push(field);
    }

    /// Fills the text field `key` in before the user sees the form (e.g. from a
    /// carried-over item): a starting value, so Esc closes without asking.
    pub fn prefill(&mut self, key: FieldKey, value: &str) {
        if let Some(index) = self.fields.iter().position(|field| field.key == key) {
            self.fields[index].set_text(value);
            self.initial[index] = self.fields[index].value();
        }
    }

    /// The value of the field `key` (empty when the form has no such field).
    pub fn value(&self, key: FieldKey) -> String {
        self.field(key).map(Field::value).unwrap_or_default()
    }

    pub fn field(&self, key: FieldKey) -> Option<&Field> {
        self.fields.iter().find(|field| field.key == key)
    }

    pub fn field_mut(&mut self, key: FieldKey) -> Option<&mut Field> {
        self.fields.iter_mut().find(|field| field.key == key)
    }

    pub fn focused_mut(&mut self) -> Option<&mut Field> {
        self.fields.get_mut(self.focus)
    }

    fn move_focus(&mut self, forward: bool) {
        let count = self.fields.len().max(1);
        self.focus = if forward { (self.focus + 1) % count } else { (self.focus + count - 1) % count };
    }

    /// Answers a key: form-level actions (already looked up in the keymap) first,
    /// then field editing.
    pub fn handle(&mut self, action: Option<Action>, key: KeyEvent) -> FormOutcome {
        match action {
            Some(Action::Save) => return FormOutcome::Submit,
            Some(Action::Cancel) => return FormOutcome::Cancel,
            Some(Action::NextField) => {
                self.move_focus(true);
                return FormOutcome::Continue;
            }
            Some(Action::PrevField) => {
                self.move_focus(false);
                return FormOutcome::Continue;
            }
            Some(Action::FieldEditor) if self.fields.get(self.focus).is_some_and(Field::is_text) => {
                return FormOutcome::ExternalEditor;
            }
            Some(Action::ReloadReapply) => return FormOutcome::ReloadReapply,
            _ => {}
        }
        let last = self.fields.len().saturating_sub(1);
        let Some(field) = self.fields.get_mut(self.focus) else { return FormOutcome::Continue };
        match &mut field.kind {
            FieldKind::Choice { labels, selected, .. } => match key.code {
                // A choice without options (e.g. nobody to propose to) has nothing to cycle.
                KeyCode::Left | KeyCode::Char('h') if !labels.is_empty() => {
                    *selected = (*selected + labels.len() - 1) % labels.len()
                }
                KeyCode::Right | KeyCode::Char('l') | KeyCode::Char(' ') if !labels.is_empty() => {
                    *selected = (*selected + 1) % labels.len()
                }
                KeyCode::Up | KeyCode::Char('k') => self.move_focus(false),
                KeyCode::Down | KeyCode::Char('j') | KeyCode::Enter => {
                    if self.focus == last && key.code == KeyCode::Enter {
                        return FormOutcome::Submit;
                    }
                    self.move_focus(true);
                }
                _ => {}
            },
            FieldKind::Text { area, kind } => match (key.code, *kind) {
                (KeyCode::Enter, TextKind::Line) if self.focus == last => return FormOutcome::Submit,
                (KeyCode::Enter | KeyCode::Down, TextKind::Line) => self.move_focus(true),
                (KeyCode::Up, TextKind::Line) => self.move_focus(false),
                _ => {
                    area.input(key);
                }
            },
            FieldKind::Checklist(list) => {
                let moved = match action {
                    Some(Action::CheckToggle) => {
                        list.toggle();
                        true
                    }
                    Some(Action::CheckDown) => list.step(1),
                    Some(Action::CheckUp) => list.step(-1),
                    Some(Action::CheckPageDown | Action::CheckPageUp) => {
                        list.page(action == Some(Action::CheckPageDown));
                        true
                    }
                    _ if key.code == KeyCode::Enter && self.focus == last => return FormOutcome::Submit,
                    _ => key.code != KeyCode::Enter,
                };
                // Past either end of the list, or Enter: on to the neighbouring field.
                if !moved {
                    self.move_focus(action != Some(Action::CheckUp));
                }
            }
        }
        FormOutcome::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn choices_cycle_both_ways_and_an_empty_choice_does_not_panic() {
        let options = vec![("a".into(), "A".into()), ("b".into(), "B".into())];
        let mut form = Form::new(
            "t",
            (),
            vec![
                Field::choice(FieldKey::Level, "x", options, "b"),
                Field::choice(FieldKey::Kind, "none", Vec::new(), ""),
            ],
        );
        assert_eq!(form.value(FieldKey::Level), "b");
        form.handle(None, key(KeyCode::Right));
        assert_eq!(form.value(FieldKey::Level), "a");
        form.handle(None, key(KeyCode::Left));
        assert_eq!(form.value(FieldKey::Level), "b");
        assert!(!form.is_dirty(), "back where it started");
        form.focus = 1;
        form.handle(None, key(KeyCode::Left));
        form.handle(None, key(KeyCode::Right));
        assert_eq!(form.value(FieldKey::Kind), "");
    }

    #[test]
    fn a_checklist_takes_its_keys_from_the_keymap_and_hands_the_focus_on_at_its_ends() {
        let options = vec![("a".into(), "A".into(), true), ("b".into(), "B".into(), false)];
        let mut form = Form::new(
            "t",
            (),
            vec![
                Field::text(FieldKey::Comment, "c", "", TextKind::Line),
                Field::checklist(FieldKey::Evidence, "e", options, "none"),
            ],
        );
        // In a text field the checklist's keys type as usual.
        form.handle(Some(Action::CheckToggle), key(KeyCode::Char(' ')));
        assert_eq!(form.value(FieldKey::Comment), " ");
        form.focus = 1;
        form.handle(Some(Action::CheckDown), key(KeyCode::Down));
        form.handle(Some(Action::CheckToggle), key(KeyCode::Char(' ')));
        assert_eq!(form.value(FieldKey::Evidence), "a\nb");
        form.handle(Some(Action::CheckUp), key(KeyCode::Up));
        form.handle(Some(Action::CheckToggle), key(KeyCode::Char(' ')));
        assert_eq!(form.value(FieldKey::Evidence), "b");
        form.handle(Some(Action::CheckUp), key(KeyCode::Up));
        assert_eq!(form.focus, 0, "up from the first item: the field above");
        form.focus = 1;
        assert_eq!(form.handle(None, key(KeyCode::Enter)), FormOutcome::Submit, "Enter in the last field");
    }

    #[test]
    fn japanese_text_is_typed_and_read_back_with_its_line_breaks() {
        let mut form = Form::new("t", (), vec![Field::text(FieldKey::Comment, "c", "", TextKind::Multi)]);
        for c in "一行目".chars() {
            form.handle(None, key(KeyCode::Char(c)));
        }
        form.handle(None, key(KeyCode::Enter));
        for c in "二行目".chars() {
            form.handle(None, key(KeyCode::Char(c)));
        }
        form.handle(None, key(KeyCode::Left));
        form.handle(None, key(KeyCode::Backspace));
        assert_eq!(form.value(FieldKey::Comment), "一行目\n二目");
        assert!(form.is_dirty());
        assert_eq!(form.handle(Some(Action::Save), key(KeyCode::Char('s'))), FormOutcome::Submit);
    }
}
