//! The application state machine: events come in, become actions, and change
//! state; drawing (in `ui`) only reads it. Every change to data goes through
//! `Workspace::apply`.

pub mod contribution;
pub mod form;
pub mod keymap;
pub mod messages;
pub mod mine;
pub mod people;
pub mod review;
pub mod review_forms;
pub mod tree;
pub mod workspace;

use std::collections::HashSet;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind};

use self::form::{Form, FormOutcome};
use self::keymap::{Action, Context, Keymap};
use self::mine::{MineView, Pane, SheetEntry, SheetForm};
use self::review_forms::ReviewSubmission;
use self::tree::TreeView;

use self::workspace::{CommandError, Workspace};
use crate::i18n::Lang;
use crate::model::edit::{Edit, GoalFields};
use crate::model::permissions::Hierarchy;
use crate::model::{GoalId, NodeId, ProblemKind};
use crate::theme::Theme;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Tree,
    Mine,
    Review,
    Contribution,
    People,
}

impl Tab {
    pub const ALL: [Tab; 5] = [Tab::Tree, Tab::Mine, Tab::Review, Tab::Contribution, Tab::People];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Tab::Tree => lang.pick("目標体系", "Tree"),
            Tab::Mine => lang.pick("自分の目標", "My goals"),
            Tab::Review => lang.pick("レビュー", "Review"),
            Tab::Contribution => lang.pick("貢献度", "Contribution"),
            Tab::People => lang.pick("組織", "People"),
        }
    }

    pub fn context(self) -> Context {
        match self {
            Tab::Tree => Context::Tree,
            Tab::Mine => Context::Mine,
            Tab::Review => Context::Review,
            Tab::Contribution => Context::Contribution,
            Tab::People => Context::People,
        }
    }
}

/// Lines a goal's panes show beyond the goal itself: feedback in Check, changes
/// since approval in Plan.
#[derive(Clone, Debug, Default)]
pub struct PaneExtras {
    pub feedback: Vec<ratatui::text::Line<'static>>,
    pub changes: Vec<ratatui::text::Line<'static>>,
}

/// The Review tab: the inbox, or one person's sheet opened from it.
#[derive(Debug, Default)]
pub struct ReviewView {
    pub selected: usize,
    /// Whether the selected person's sheet is open.
    pub open: bool,
    pub goal: usize,
    pub pane: Pane,
    /// For the open sheet: each goal's pane extras, worked out when the sheet or the
    /// data changes rather than every frame.
    pub extras: std::collections::HashMap<GoalId, PaneExtras>,
    /// How many plan changes the open sheet has since approval.
    pub changes: usize,
}

/// What the Contribution tab shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ContributionMode {
    /// Everyone's part in one top goal (and the sections' shares).
    #[default]
    Goal,
    /// One unit's share in each top goal.
    Unit,
    /// Which top goals one person's work reaches.
    Person,
}

/// A top goal (cascade node), a unit or a person (indexes into `org`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContributionSubject {
    Goal(NodeId),
    Unit(usize),
    Person(usize),
}

#[derive(Debug, Default)]
pub struct ContributionState {
    pub mode: ContributionMode,
    /// Index of the chosen subject among those the actor may see.
    pub subject: usize,
    /// How many subjects there are to cycle through.
    pub count: usize,
    /// The tables shown, computed when the subject or the data changes.
    pub tables: Vec<contribution::ContributionTable>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ConfirmAction {
    Quit,
    DiscardForm,
    RemoveGoal(GoalId),
    RemoveAction { goal: GoalId, index: usize },
    WithdrawProposal(crate::model::ProposalId),
}

#[derive(Debug)]
pub enum Popup {
    Help,
    Form(Box<Form<SheetForm>>),
    Confirm {
        message: String,
        action: ConfirmAction,
    },
    /// A goal's details, read-only, opened from the tree, with the feedback the
    /// actor may see and the changes since approval (worked out when opened).
    Detail {
        node: NodeId,
        extra: PaneExtras,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

/// Text to hand to the external editor, and where the result goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExternalTarget {
    FormField,
    GoalPlan(GoalId),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExternalEdit {
    pub text: String,
    pub target: ExternalTarget,
}

/// Rows of chrome around a tab's body: top bar, tab bar, message line, key hints.
pub const CHROME_ROWS: u16 = 4;

pub struct App {
    pub workspace: Workspace,
    pub lang: Lang,
    pub theme: Theme,
    pub keymap: Keymap,
    pub tab: Tab,
    /// Terminal size (columns, rows), kept up to date from resize events.
    pub size: (u16, u16),
    pub tree: TreeView,
    pub mine: MineView,
    pub people_selected: usize,
    /// The People tab's rows, rebuilt when the data changes.
    pub people_lines: Vec<people::PeopleLine>,
    pub review: ReviewView,
    /// The review inbox, rebuilt when the data changes.
    pub review_rows: Vec<review::InboxRow>,
    pub contribution: ContributionState,
    /// The line under the acting person's sheet (state, score, changes since approval).
    pub mine_note: String,
    /// Alignment warnings of the cycle (unlinked goals, due dates, missing goals,
    /// sheets behind, weights), shown in the Tree and Review tabs.
    pub alignment: Vec<crate::model::Problem>,
    /// Goals the alignment warnings are about: the tree's `~` mark.
    flagged: HashSet<String>,
    /// Per goal of the acting person: the feedback they may see and what changed
    /// since approval; derived once per change of data, not per frame.
    pub mine_extras: std::collections::HashMap<GoalId, PaneExtras>,
    /// First row shown in the help overlay.
    pub help_scroll: usize,
    pub popups: Vec<Popup>,
    pub status: Option<Status>,
    pub should_quit: bool,
    external_edit: Option<ExternalEdit>,
    /// People whose goals the actor may read.
    readable_owners: HashSet<String>,
}

impl App {
    pub fn new(workspace: Workspace, lang: Lang, theme: Theme, keymap: Keymap, size: (u16, u16)) -> App {
        let mut app = App {
            workspace,
            lang,
            theme,
            keymap,
            tab: Tab::Tree,
            size,
            tree: TreeView::default(),
            mine: MineView::default(),
            people_selected: 0,
            people_lines: Vec::new(),
            review: ReviewView::default(),
            review_rows: Vec::new(),
            contribution: ContributionState::default(),
            mine_note: String::new(),
            alignment: Vec::new(),
            flagged: HashSet::new(),
            mine_extras: Default::default(),
            help_scroll: 0,
            popups: Vec::new(),
            status: None,
            should_quit: false,
            external_edit: None,
            readable_owners: HashSet::new(),
        };
        app.refresh();
        app
    }

    /// Recomputes what depends on the data: who is readable, the tree rows.
    /// Rebuilds only the tree's rows: after folding or filtering, nothing else changes.
    fn rebuild_tree(&mut self) {
        let readable = |owner: &str| self.readable_owners.contains(owner);
        self.tree.rebuild(&self.workspace, &readable, &self.flagged);
    }

    fn refresh(&mut self) {
        self.readable_owners = readable_owners(&self.workspace);
        self.people_lines = people::lines(&self.workspace.snapshot.org);
        self.rebuild_contribution();
        self.alignment = alignment(&self.workspace);
        self.flagged = flagged_goals(&self.alignment);
        self.rebuild_tree();
        self.mine.entries = mine::entries(&self.workspace);
        let entries = &self.mine.entries;
        self.mine.selected = self.mine.selected.min(entries.len().saturating_sub(1));
        // Keep the selected Do entry or action item inside its list after a removal.
        let items = match (entries.get(self.mine.selected), self.mine.pane) {
            (Some(SheetEntry::Goal(index)), Pane::Do) => {
                mine::my_goal(&self.workspace, *index).map_or(0, |g| g.log.len())
            }
            (Some(SheetEntry::Goal(index)), Pane::Action) => {
                mine::my_goal(&self.workspace, *index).map_or(0, |g| g.actions.len())
            }
            _ => 0,
        };
        self.mine.item = self.mine.item.min(items.saturating_sub(1));
        let snapshot = &self.workspace.snapshot;
        self.review_rows = review::inbox(
            &snapshot.org,
            &snapshot.data,
            &self.workspace.cascade,
            &snapshot.info,
            &self.workspace.actor,
        );
        self.review.selected = self.review.selected.min(self.review_rows.len().saturating_sub(1));
        self.mine_note = sheet_note(&self.workspace, self.lang);
        let actor = self.workspace.actor.clone();
        self.mine_extras = self.pane_extras_by_goal(&actor);
        self.rebuild_review_sheet();
    }

    /// Feedback on and changes to `person`'s goals (all of them, or one) as the actor may see them.
    fn pane_extras_by_goal(&self, person: &str) -> std::collections::HashMap<GoalId, PaneExtras> {
        let mut changes = review_forms::change_lines(&self.workspace, self.lang, &self.theme, person);
        let goals = self.workspace.goals_file(person).map(|f| f.goals.as_slice()).unwrap_or_default();
        goals
            .iter()
            .map(|goal| {
                let feedback =
                    review_forms::feedback_lines(&self.workspace, self.lang, &self.theme, person, Some(&goal.id));
                let extra = PaneExtras { feedback, changes: changes.remove(&goal.id).unwrap_or_default() };
                (goal.id.clone(), extra)
            })
            .collect()
    }

    fn pane_extras(&self, person: &str, goal: Option<&str>) -> PaneExtras {
        let Some(goal) = goal else { return PaneExtras::default() };
        let feedback =
            review_forms::feedback_lines(&self.workspace, self.lang, &self.theme, person, Some(&goal.to_owned()));
        let changes = review_forms::change_lines(&self.workspace, self.lang, &self.theme, person)
            .remove(goal)
            .unwrap_or_default();
        PaneExtras { feedback, changes }
    }

    /// Recomputes the open review sheet's pane extras.
    fn rebuild_review_sheet(&mut self) {
        let person = self.reviewed_person().filter(|_| self.review.open);
        self.review.extras = person.as_deref().map(|p| self.pane_extras_by_goal(p)).unwrap_or_default();
        self.review.changes = person.map_or(0, |p| {
            let hierarchy = Hierarchy::new(&self.workspace.snapshot.org);
            crate::model::workflow::changes_since_approval(&hierarchy, &self.workspace.snapshot.data, &p).len()
        });
    }

    fn may_write_feedback(&self, person: &str) -> bool {
        Hierarchy::new(&self.workspace.snapshot.org).can_write_feedback(&self.workspace.actor, person).is_ok()
    }

    pub fn may_read_goals_of(&self, owner: &str) -> bool {
        self.readable_owners.contains(owner)
    }

    /// Tree rows on screen: the body less the table header and the filter line.
    fn tree_rows(&self) -> usize {
        self.body_rows().saturating_sub(1 + usize::from(self.tree.shows_filter()))
    }

    /// Rows available to a tab's body at the current size.
    pub fn body_rows(&self) -> usize {
        usize::from(self.size.1.saturating_sub(CHROME_ROWS))
    }

    fn say(&mut self, text: impl Into<String>) {
        self.status = Some(Status { text: text.into(), is_error: false });
    }

    fn complain(&mut self, text: impl Into<String>) {
        self.status = Some(Status { text: text.into(), is_error: true });
    }

    /// Hands a pending external-editor request to the event loop.
    pub fn take_external_edit(&mut self) -> Option<ExternalEdit> {
        self.external_edit.take()
    }

    pub fn handle_event(&mut self, event: Event) {
        match event {
            Event::Key(key) if key.kind == KeyEventKind::Press => self.handle_key(key),
            Event::Resize(columns, rows) => self.size = (columns, rows),
            Event::Mouse(mouse) => self.handle_mouse(mouse.kind, mouse.column, mouse.row),
            Event::Paste(text) => {
                if let Some(Popup::Form(form)) = self.popups.last_mut()
                    && let Some(form::FieldKind::Text { area, .. }) = form.focused_mut().map(|f| &mut f.kind)
                {
                    area.insert_str(text);
                }
            }
            _ => {}
        }
    }

    fn handle_key(&mut self, key: KeyEvent) {
        let ctrl_c = key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c');
        if ctrl_c {
            // Ctrl-C always quits; with unsaved text it asks once, and a second Ctrl-C quits.
            match self.popups.last() {
                Some(Popup::Confirm { action: ConfirmAction::Quit, .. }) => self.should_quit = true,
                _ if self.has_unsaved_text() => self.confirm_quit(),
                _ => self.should_quit = true,
            }
            return;
        }
        match self.popups.last_mut() {
            Some(Popup::Form(_)) => return self.handle_form_key(key),
            Some(Popup::Confirm { .. }) => return self.handle_confirm_key(key),
            Some(Popup::Help | Popup::Detail { .. }) => {
                match key.code {
                    KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q' | '?' | 'ｑ' | '？') => {
                        self.popups.pop();
                    }
                    KeyCode::Down | KeyCode::Char('j') if matches!(self.popups.last(), Some(Popup::Help)) => {
                        self.help_scroll += 1
                    }
                    KeyCode::Up | KeyCode::Char('k') if matches!(self.popups.last(), Some(Popup::Help)) => {
                        self.help_scroll = self.help_scroll.saturating_sub(1)
                    }
                    _ => {}
                }
                return;
            }
            None => {}
        }
        if self.tab == Tab::Tree && self.tree.editing_filter {
            return self.handle_filter_key(key);
        }
        if let Some(action) = self.keymap.action(self.tab.context(), &key) {
            self.update(action);
        }
    }

    fn has_unsaved_text(&self) -> bool {
        self.popups.iter().any(|p| matches!(p, Popup::Form(form) if form.is_dirty()))
    }

    fn confirm_quit(&mut self) {
        let message = self.lang.pick(
            "保存していない入力があります。破棄して終了しますか? (y: 終了 / n: 戻る)",
            "There is unsaved text. Discard it and quit? (y: quit / n: go back)",
        );
        self.popups.push(Popup::Confirm { message: message.to_owned(), action: ConfirmAction::Quit });
    }

    fn handle_confirm_key(&mut self, key: KeyEvent) {
        // Only an explicit y confirms: Enter pressed out of habit must not remove anything.
        let yes = matches!(key.code, KeyCode::Char('y' | 'Y' | 'ｙ'));
        let no = matches!(key.code, KeyCode::Char('n' | 'N' | 'ｎ') | KeyCode::Esc);
        if !yes && !no {
            return;
        }
        let Some(Popup::Confirm { action, .. }) = self.popups.pop() else { return };
        if no {
            return;
        }
        match action {
            ConfirmAction::Quit => self.should_quit = true,
            ConfirmAction::DiscardForm => {
                self.popups.pop();
                self.say(self.lang.pick("入力を破棄しました", "Discarded"));
            }
            ConfirmAction::RemoveGoal(goal) => self.run(Edit::RemoveGoal { goal }),
            ConfirmAction::RemoveAction { goal, index } => self.run(Edit::RemoveAction { goal, index }),
            ConfirmAction::WithdrawProposal(proposal) => self.run(Edit::WithdrawProposal { proposal }),
        }
    }

    fn handle_form_key(&mut self, key: KeyEvent) {
        let action = self.keymap.action(Context::Form, &key);
        let Some(Popup::Form(form)) = self.popups.last_mut() else { return };
        match form.handle(action, key) {
            FormOutcome::Continue => {}
            FormOutcome::Cancel => {
                if form.is_dirty() {
                    let message = self.lang.pick(
                        "入力を破棄しますか? (y: 破棄 / n: 編集に戻る)",
                        "Discard what you typed? (y: discard / n: keep editing)",
                    );
                    self.popups
                        .push(Popup::Confirm { message: message.to_owned(), action: ConfirmAction::DiscardForm });
                } else {
                    self.popups.pop();
                }
            }
            FormOutcome::Submit => self.submit_form(),
            FormOutcome::ReloadReapply => match self.workspace.reload() {
                Ok(()) => {
                    self.refresh();
                    self.submit_form();
                }
                Err(error) => self.complain(error.to_string()),
            },
            FormOutcome::ExternalEditor => {
                let text = form.focused_mut().map(|f| f.value()).unwrap_or_default();
                self.external_edit = Some(ExternalEdit { text, target: ExternalTarget::FormField });
            }
        }
    }

    /// Applies the edit the top form asks for; the form stays open, with the user's
    /// text, when that fails.
    fn submit_form(&mut self) {
        let Some(Popup::Form(form)) = self.popups.last() else { return };
        let result = match review_forms::submission(form, &self.workspace, self.lang) {
            Err(message) => return self.form_error(message),
            Ok(Some(ReviewSubmission::Step { person, step, comment })) => {
                let now = self.workspace.now();
                self.workspace.take_step(&person, step, &comment, now)
            }
            Ok(Some(ReviewSubmission::Feedback(feedback))) => self.workspace.write_feedback(feedback),
            Ok(Some(ReviewSubmission::Propose(proposal))) => {
                let actor = self.workspace.actor.clone();
                self.workspace.apply(&actor, Edit::Propose { proposal })
            }
            Ok(None) => match mine::edit_from_form(form, &self.workspace, self.lang) {
                Ok(edit) => {
                    let actor = self.workspace.actor.clone();
                    let result = self.workspace.apply(&actor, edit.clone());
                    if result.is_ok() && matches!(edit, Edit::AddGoal { .. } | Edit::AdoptProposal { .. }) {
                        // Select the goal just added.
                        let goals = self.workspace.goals_file(&self.workspace.actor).map_or(0, |f| f.goals.len());
                        self.mine.selected = goals.saturating_sub(1);
                    }
                    result
                }
                Err(message) => return self.form_error(message),
            },
        };
        match result {
            Ok(()) => {
                self.popups.pop();
                self.after_change();
            }
            Err(error) => {
                let hint = if error.is_conflict() {
                    self.lang.pick(
                        ": Ctrl-R で読み込み直して再適用できます",
                        ": press Ctrl-R to reload and apply your change again",
                    )
                } else {
                    ""
                };
                let message = format!("{}{hint}", self.describe_error(&error));
                self.form_error(message);
            }
        }
    }

    fn form_error(&mut self, message: String) {
        if let Some(Popup::Form(form)) = self.popups.last_mut() {
            form.error = Some(message.clone());
        }
        self.complain(message);
    }

    fn describe_error(&self, error: &CommandError) -> String {
        messages::refusal(error, self.lang)
    }

    fn after_change(&mut self) {
        self.refresh();
        let text = match self.lang {
            Lang::Ja => format!("保存しました ({})", self.workspace.store.root().display()),
            Lang::En => format!("Saved in {}", self.workspace.store.root().display()),
        };
        self.say(text);
    }

    /// Runs an edit outside a form (e.g. a confirmed removal).
    fn run(&mut self, edit: Edit) {
        let actor = self.workspace.actor.clone();
        match self.workspace.apply(&actor, edit) {
            Ok(()) => self.after_change(),
            Err(error) => {
                let message = self.describe_error(&error);
                self.complain(message);
            }
        }
    }

    /// Receives the text from the external editor.
    pub fn finish_external_edit(&mut self, target: ExternalTarget, result: Result<String, String>) {
        let text = match result {
            Ok(text) => text.trim_end_matches('\n').to_owned(),
            Err(message) => return self.complain(message),
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
                let Some(current) = mine::my_goal_by_id(&self.workspace, &goal) else { return };
                if current.plan == text {
                    return self.say(self.lang.pick("変更はありません", "No change"));
                }
                let fields = GoalFields { plan: text, ..GoalFields::of(current) };
                self.run(Edit::UpdateGoal { goal, fields, revision: None });
            }
        }
    }

    fn handle_filter_key(&mut self, key: KeyEvent) {
        match key.code {
            KeyCode::Enter => self.tree.editing_filter = false,
            KeyCode::Esc => {
                self.tree.editing_filter = false;
                self.tree.filter.clear();
            }
            KeyCode::Backspace => {
                self.tree.filter.pop();
            }
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => self.tree.filter.push(c),
            _ => return,
        }
        self.tree.selected = 0;
        self.tree.offset = 0;
        self.rebuild_tree();
    }

    fn handle_mouse(&mut self, kind: MouseEventKind, column: u16, row: u16) {
        if !self.popups.is_empty() {
            return;
        }
        match kind {
            MouseEventKind::ScrollDown => self.update(Action::Down),
            MouseEventKind::ScrollUp => self.update(Action::Up),
            MouseEventKind::Down(MouseButton::Left) if row == 1 => {
                if let Some(tab) = crate::ui::app::tab_at(self.lang, column) {
                    self.tab = tab;
                }
            }
            // Rows 2.. are the body, whose first row is a table header (after the
            // filter line, when the tree shows one); the last two rows are the status lines.
            MouseEventKind::Down(MouseButton::Left) if row >= 3 && row < self.size.1.saturating_sub(2) => {
                let first = 3 + u16::from(self.tab == Tab::Tree && self.tree.shows_filter());
                let Some(index) = row.checked_sub(first).map(usize::from) else { return };
                match self.tab {
                    Tab::Tree if self.tree.offset + index < self.tree.rows.len() => {
                        self.tree.selected = self.tree.offset + index;
                    }
                    Tab::Mine if index < self.mine.entries.len() => self.mine.selected = index,
                    _ => {}
                }
            }
            _ => {}
        }
    }

    pub fn update(&mut self, action: Action) {
        match action {
            Action::Quit => {
                if self.has_unsaved_text() {
                    self.confirm_quit();
                } else {
                    self.should_quit = true;
                }
            }
            Action::Help => {
                self.help_scroll = 0;
                self.popups.push(Popup::Help);
            }
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
            Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Top | Action::Bottom => {
                self.move_selection(action)
            }
            _ => match self.tab {
                Tab::Tree => self.update_tree(action),
                Tab::Mine => self.update_mine(action),
                Tab::Review => self.update_review(action),
                Tab::Contribution => self.update_contribution(action),
                Tab::People => self.update_people(action),
            },
        }
    }

    /// The person whose sheet the Review tab has selected.
    fn reviewed_person(&self) -> Option<String> {
        self.review_rows.get(self.review.selected).map(|row| row.person.clone())
    }

    /// The selected goal of the sheet opened in the Review tab.
    pub fn reviewed_goal(&self) -> Option<&crate::model::Goal> {
        let person = self.review_rows.get(self.review.selected)?;
        self.workspace.goals_file(&person.person)?.goals.get(self.review.goal)
    }

    fn move_review_goal(&mut self, action: Action) {
        let count =
            self.reviewed_person().and_then(|p| self.workspace.goals_file(&p).map(|f| f.goals.len())).unwrap_or(0);
        self.review.goal = match action {
            Action::Up | Action::PageUp | Action::Top => self.review.goal.saturating_sub(1),
            _ => (self.review.goal + 1).min(count.saturating_sub(1)),
        };
    }

    fn update_review(&mut self, action: Action) {
        let lang = self.lang;
        let Some(person) = self.reviewed_person() else { return };
        let form = match action {
            Action::OpenSheet => {
                self.review.open = !self.review.open;
                self.review.goal = 0;
                self.rebuild_review_sheet();
                None
            }
            Action::CloseSheet => {
                self.review.open = false;
                None
            }
            Action::NextPerson | Action::PrevPerson => {
                let last = self.review_rows.len().saturating_sub(1);
                self.review.selected = if action == Action::NextPerson {
                    (self.review.selected + 1).min(last)
                } else {
                    self.review.selected.saturating_sub(1)
                };
                self.review.goal = 0;
                self.rebuild_review_sheet();
                None
            }
            Action::NextGoal | Action::PrevGoal => {
                self.move_review_goal(if action == Action::NextGoal { Action::Down } else { Action::Up });
                None
            }
            Action::ReviewPane => {
                self.review.pane = self.review.pane.next(true);
                None
            }
            // Feedback is the direct reviewer's to write (DESIGN §2): say so before any typing.
            Action::GoalFeedback | Action::SheetFeedback if !self.may_write_feedback(&person) => {
                let name = self.review_rows[self.review.selected].name.clone();
                self.complain(match lang {
                    Lang::Ja => format!("{name} さんへのフィードバックは一次評価者だけが書けます"),
                    Lang::En => format!("only {name}'s reviewer writes their feedback"),
                });
                None
            }
            Action::GoalFeedback => match self.reviewed_goal() {
                Some(goal) if self.review.open => {
                    Some(review_forms::feedback_form(&self.workspace, lang, &person, Some(goal)))
                }
                _ => {
                    self.complain(lang.pick(
                        "Enter でシートを開き、目標を選んでから f を押してください",
                        "open the sheet with Enter and select a goal first",
                    ));
                    None
                }
            },
            Action::SheetFeedback => Some(review_forms::feedback_form(&self.workspace, lang, &person, None)),
            Action::TakeStep => {
                let steps = self.review_rows[self.review.selected].next.clone();
                if steps.is_empty() {
                    let state = crate::ui::review::state_label(self.review_rows[self.review.selected].state, lang);
                    self.complain(match lang {
                        Lang::Ja => format!("このシート ({state}) に対して今とれる手続はありません"),
                        Lang::En => format!("there is no step for you to take on this sheet ({state}) now"),
                    });
                    None
                } else {
                    Some(review_forms::step_form(&self.workspace, lang, &person, &steps))
                }
            }
            Action::SendBack => {
                let hierarchy = Hierarchy::new(&self.workspace.snapshot.org);
                let steps = crate::model::workflow::next_steps(
                    &hierarchy,
                    &self.workspace.snapshot.data,
                    &self.workspace.actor,
                    &person,
                );
                if steps.contains(&crate::model::Step::SendBack) {
                    Some(review_forms::send_back_form(&self.workspace, lang, &person))
                } else {
                    self.complain(
                        lang.pick("このシートを差し戻すことはできません", "you cannot send this sheet back now"),
                    );
                    None
                }
            }
            _ => None,
        };
        if let Some(form) = form {
            self.popups.push(Popup::Form(Box::new(form)));
        }
    }

    /// The top goals, units or people the Contribution tab can show to the actor:
    /// top goals of people they may read, the units of those people, those people.
    fn contribution_subject_list(&self) -> Vec<ContributionSubject> {
        let snapshot = &self.workspace.snapshot;
        let cascade = &self.workspace.cascade;
        match self.contribution.mode {
            ContributionMode::Goal => contribution::top_goals(cascade)
                .into_iter()
                .filter(|&top| self.may_read_goals_of(&cascade.nodes[top].owner))
                .map(ContributionSubject::Goal)
                .collect(),
            ContributionMode::Unit => {
                let units: HashSet<&str> = snapshot
                    .org
                    .people
                    .iter()
                    .filter(|p| self.may_read_goals_of(&p.id))
                    .map(|p| p.unit.as_str())
                    .collect();
                (0..snapshot.org.units.len())
                    .filter(|&u| units.contains(snapshot.org.units[u].id.as_str()))
                    .map(ContributionSubject::Unit)
                    .collect()
            }
            ContributionMode::Person => (0..snapshot.org.people.len())
                .filter(|&p| self.may_read_goals_of(&snapshot.org.people[p].id))
                .map(ContributionSubject::Person)
                .collect(),
        }
    }

    /// Recomputes the Contribution tab's tables for the chosen subject.
    fn rebuild_contribution(&mut self) {
        let subjects = self.contribution_subject_list();
        self.contribution.count = subjects.len();
        self.contribution.subject = self.contribution.subject.min(subjects.len().saturating_sub(1));
        let snapshot = &self.workspace.snapshot;
        let (org, data, cascade) = (&snapshot.org, &snapshot.data, &self.workspace.cascade);
        let others = self.lang.pick("その他の職員", "others");
        self.contribution.tables = match subjects.get(self.contribution.subject) {
            Some(ContributionSubject::Goal(top)) => vec![
                contribution::by_goal(org, data, cascade, *top)
                    .fold_unreadable(&|person: &str| self.readable_owners.contains(person), others),
                contribution::units_in_goal(org, data, cascade, *top),
            ],
            Some(ContributionSubject::Unit(unit)) => {
                vec![contribution::by_unit(org, data, cascade, &org.units[*unit].id)]
            }
            Some(ContributionSubject::Person(person)) => {
                vec![contribution::by_person(org, data, cascade, &org.people[*person].id)]
            }
            None => Vec::new(),
        };
    }

    fn update_contribution(&mut self, action: Action) {
        let count = self.contribution.count.max(1);
        match action {
            Action::NextSubject => self.contribution.subject = (self.contribution.subject + 1) % count,
            Action::PrevSubject => self.contribution.subject = (self.contribution.subject + count - 1) % count,
            Action::ContributionMode => {
                self.contribution.mode = match self.contribution.mode {
                    ContributionMode::Goal => ContributionMode::Unit,
                    ContributionMode::Unit => ContributionMode::Person,
                    ContributionMode::Person => ContributionMode::Goal,
                };
                // Start where the actor is: their own unit or themself.
                let org = &self.workspace.snapshot.org;
                let me = self.workspace.me();
                let mine = match self.contribution.mode {
                    ContributionMode::Goal => None,
                    ContributionMode::Unit => {
                        me.and_then(|p| org.units.iter().position(|u| u.id == p.unit)).map(ContributionSubject::Unit)
                    }
                    ContributionMode::Person => {
                        me.and_then(|p| org.people.iter().position(|q| q.id == p.id)).map(ContributionSubject::Person)
                    }
                };
                self.contribution.subject =
                    mine.and_then(|m| self.contribution_subject_list().iter().position(|s| *s == m)).unwrap_or(0);
            }
            _ => return,
        }
        self.rebuild_contribution();
    }

    fn update_people(&mut self, action: Action) {
        if action == Action::PeopleGoals
            && let Some(index) = people::nth_person(&self.people_lines, self.people_selected)
            && let Some(person) = self.workspace.snapshot.org.people.get(index)
        {
            self.tree.filter = person.name.clone();
            self.tab = Tab::Tree;
            self.tree.selected = 0;
            self.tree.offset = 0;
            self.rebuild_tree();
        }
    }

    fn move_selection(&mut self, action: Action) {
        let page = self.body_rows().saturating_sub(2).max(1);
        let (selected, count) = match self.tab {
            Tab::Tree => (&mut self.tree.selected, self.tree.rows.len()),
            Tab::Mine => (&mut self.mine.selected, self.mine.entries.len()),
            Tab::People => (&mut self.people_selected, self.workspace.snapshot.org.people.len()),
            Tab::Review if self.review.open => return self.move_review_goal(action),
            Tab::Review => (&mut self.review.selected, self.review_rows.len()),
            Tab::Contribution => return,
        };
        let last = count.saturating_sub(1);
        *selected = match action {
            Action::Up => selected.saturating_sub(1),
            Action::Down => (*selected + 1).min(last),
            Action::PageUp => selected.saturating_sub(page),
            Action::PageDown => (*selected + page).min(last),
            Action::Top => 0,
            _ => last,
        };
        if self.tab == Tab::Mine {
            self.mine.item = 0;
        }
        self.tree.scroll_into_view(self.tree_rows());
    }

    fn update_tree(&mut self, action: Action) {
        // The filter keys work even when nothing matches.
        match action {
            Action::Filter => {
                self.tree.editing_filter = true;
                return;
            }
            Action::ClearFilter => {
                self.tree.filter.clear();
                self.rebuild_tree();
                return;
            }
            _ => {}
        }
        let Some(node) = self.tree.selected_node() else { return };
        let key = self.workspace.cascade.key(&self.workspace.snapshot.data, node).to_owned();
        let has_children = !self.workspace.cascade.nodes[node].children.is_empty();
        match action {
            Action::Withdraw => {
                // Only a pending proposal the actor made can be taken back.
                let cascade = &self.workspace.cascade;
                let data = &self.workspace.snapshot.data;
                let mine = matches!(cascade.nodes[node].kind, crate::model::NodeKind::Pending { .. })
                    && self.workspace.goals_file_of_proposal(&key) == Some(&self.workspace.actor);
                if mine {
                    let message = match self.lang {
                        Lang::Ja => format!("提案「{}」を取り下げますか? (y/n)", cascade.title(data, node)),
                        Lang::En => format!("Withdraw the proposal \"{}\"? (y/n)", cascade.title(data, node)),
                    };
                    self.popups.push(Popup::Confirm { message, action: ConfirmAction::WithdrawProposal(key) });
                } else {
                    self.complain(self.lang.pick(
                        "取り下げられるのは、まだ採用されていない自分の提案だけです",
                        "only your own proposals not yet adopted can be withdrawn",
                    ));
                }
                return;
            }
            Action::Open => {
                let extra = self.pane_extras(&self.workspace.cascade.nodes[node].owner.clone(), Some(&key));
                self.popups.push(Popup::Detail { node, extra });
                return;
            }
            Action::Toggle if has_children => {
                if !self.tree.collapsed.remove(&key) {
                    self.tree.collapsed.insert(key);
                }
            }
            Action::Collapse => {
                if has_children && !self.tree.collapsed.contains(&key) {
                    self.tree.collapsed.insert(key);
                } else if let Some(parent) = self.workspace.cascade.nodes[node].parent
                    && let Some(index) = self.tree.rows.iter().position(|r| r.node == parent)
                {
                    self.tree.selected = index;
                }
            }
            Action::Expand => {
                self.tree.collapsed.remove(&key);
            }
            _ => return,
        }
        self.rebuild_tree();
        self.tree.scroll_into_view(self.tree_rows());
    }

    fn update_mine(&mut self, action: Action) {
        let entry = self.mine.entries.get(self.mine.selected).cloned();
        let goal = match &entry {
            Some(SheetEntry::Goal(index)) => mine::my_goal(&self.workspace, *index).cloned(),
            _ => None,
        };
        let lang = self.lang;
        let form = match (action, &entry, &goal) {
            (Action::NextPane | Action::PrevPane, ..) => {
                self.mine.pane = self.mine.pane.next(action == Action::NextPane);
                self.mine.item = 0;
                None
            }
            (Action::NextItem | Action::PrevItem, _, Some(goal)) => {
                let count = match self.mine.pane {
                    Pane::Do => goal.log.len(),
                    Pane::Action => goal.actions.len(),
                    _ => 0,
                };
                self.mine.item = if action == Action::NextItem {
                    (self.mine.item + 1).min(count.saturating_sub(1))
                } else {
                    self.mine.item.saturating_sub(1)
                };
                None
            }
            (Action::NewGoal, ..) => Some(mine::new_goal_form(&self.workspace, lang, None)),
            (Action::Submit, ..) => {
                let hierarchy = crate::model::permissions::Hierarchy::new(&self.workspace.snapshot.org);
                let actor = self.workspace.actor.clone();
                let steps =
                    crate::model::workflow::next_steps(&hierarchy, &self.workspace.snapshot.data, &actor, &actor);
                if steps.is_empty() {
                    let state = crate::ui::review::state_label(self.workspace.sheet_state(&actor), lang);
                    self.complain(match lang {
                        Lang::Ja => format!("シートは「{state}」です。今あなたがとる手続はありません"),
                        Lang::En => format!("your sheet is {state}; there is no step for you to take now"),
                    });
                    None
                } else {
                    Some(review_forms::step_form(&self.workspace, lang, &actor, &steps))
                }
            }
            (Action::Propose, _, Some(goal)) => Some(review_forms::propose_form(&self.workspace, lang, goal)),
            (Action::EditGoal | Action::AnswerProposal, Some(SheetEntry::Proposal(id)), _) => {
                mine::open_proposals(&self.workspace)
                    .into_iter()
                    .find(|p| &p.id == id)
                    .map(|p| mine::answer_form(&self.workspace, lang, p))
            }
            (Action::EditGoal | Action::AnswerProposal, Some(SheetEntry::Carry(item)), _) => {
                Some(mine::new_goal_form(&self.workspace, lang, Some(item)))
            }
            (Action::EditGoal, _, Some(goal)) => Some(match self.mine.pane {
                Pane::Action if !goal.actions.is_empty() => {
                    mine::action_form(lang, goal, Some(self.mine.item.min(goal.actions.len() - 1)))
                }
                Pane::Check => mine::self_check_form(lang, goal),
                Pane::Do => mine::log_form(lang, goal, self.workspace.today),
                _ => mine::edit_goal_form(&self.workspace, lang, goal),
            }),
            (Action::SetProgress, _, Some(goal)) => Some(mine::progress_form(lang, goal)),
            (Action::AddLog, _, Some(goal)) => Some(mine::log_form(lang, goal, self.workspace.today)),
            (Action::SelfCheck, _, Some(goal)) => Some(mine::self_check_form(lang, goal)),
            (Action::AddAction, _, Some(goal)) => Some(mine::action_form(lang, goal, None)),
            (Action::ToggleDone, _, Some(goal)) if self.mine.pane == Pane::Action => {
                if let Some(item) = goal.actions.get(self.mine.item) {
                    let item = crate::model::ActionItem { done: !item.done, ..item.clone() };
                    self.run(Edit::UpdateAction { goal: goal.id.clone(), index: self.mine.item, item });
                }
                None
            }
            (Action::RemoveItem, _, Some(goal)) => {
                let (message, confirm) = if self.mine.pane == Pane::Action && !goal.actions.is_empty() {
                    let index = self.mine.item.min(goal.actions.len() - 1);
                    (
                        lang.pick("この改善項目を削除しますか? (y/n)", "Remove this action item? (y/n)"),
                        ConfirmAction::RemoveAction { goal: goal.id.clone(), index },
                    )
                } else {
                    (
                        lang.pick("この目標を削除しますか? (y/n)", "Remove this goal? (y/n)"),
                        ConfirmAction::RemoveGoal(goal.id.clone()),
                    )
                };
                self.popups.push(Popup::Confirm { message: message.to_owned(), action: confirm });
                None
            }
            (Action::ExternalEditor, _, Some(goal)) => {
                self.external_edit =
                    Some(ExternalEdit { text: goal.plan.clone(), target: ExternalTarget::GoalPlan(goal.id.clone()) });
                None
            }
            (Action::AnswerProposal, ..) => {
                self.complain(
                    lang.pick("提案・繰越項目の行を選んでください", "select a proposal or carry-over row first"),
                );
                None
            }
            _ => None,
        };
        if let Some(form) = form {
            self.popups.push(Popup::Form(Box::new(form)));
        }
    }
}

/// The cycle's alignment warnings, with the weight totals that do not reach 100.
pub fn alignment(workspace: &Workspace) -> Vec<crate::model::Problem> {
    let snapshot = &workspace.snapshot;
    let hierarchy = Hierarchy::new(&snapshot.org);
    let mut warnings = crate::model::alignment::alignment_warnings(&hierarchy, &snapshot.data, workspace.today);
    let cycle = &snapshot.data.cycle.id;
    warnings.extend(snapshot.data.goals.iter().filter_map(|file| {
        let kind = crate::model::validate::weights_problem(file)?;
        let source = crate::model::Source::Goals { cycle: cycle.clone(), person: file.owner.clone() };
        Some(crate::model::Problem::new(source, Some(&file.owner), kind))
    }));
    warnings
}

/// The goals an alignment warning is about, for the tree's `~` mark.
pub fn flagged_goals(warnings: &[crate::model::Problem]) -> HashSet<String> {
    warnings
        .iter()
        .filter(|p| matches!(p.kind, ProblemKind::UnlinkedGoal | ProblemKind::DueAfterParent { .. }))
        .filter_map(|p| p.subject.clone())
        .collect()
}

/// Alignment warnings about `person`: on their sheet or naming them.
pub fn warnings_about<'a>(
    warnings: &'a [crate::model::Problem],
    person: &'a str,
) -> impl Iterator<Item = &'a crate::model::Problem> {
    warnings.iter().filter(move |p| match &p.source {
        crate::model::Source::Goals { person: owner, .. } => owner == person,
        _ => p.subject.as_deref() == Some(person),
    })
}

/// The people whose goals the actor may read (DESIGN §2), worked out once per change
/// of data rather than per row drawn.
pub fn readable_owners(workspace: &Workspace) -> HashSet<String> {
    let hierarchy = Hierarchy::new(&workspace.snapshot.org);
    workspace
        .snapshot
        .org
        .people
        .iter()
        .filter(|p| hierarchy.can_read_goals(&workspace.actor, &p.id).is_ok())
        .map(|p| p.id.clone())
        .collect()
}

/// The line under a sheet: its workflow state, its score and the changes since approval.
pub fn sheet_note(workspace: &Workspace, lang: Lang) -> String {
    let hierarchy = Hierarchy::new(&workspace.snapshot.org);
    let data = &workspace.snapshot.data;
    let state = crate::ui::review::state_label(workspace.sheet_state(&workspace.actor), lang);
    let changes = crate::model::workflow::changes_since_approval(&hierarchy, data, &workspace.actor);
    let formula = workspace.snapshot.info.score_formula();
    let score = crate::model::score::sheet_score(&hierarchy, data, &formula, &workspace.actor)
        .score
        .map(|s| format!("{s:.2}"))
        .unwrap_or_else(|| "-".to_owned());
    match (lang, changes.len()) {
        (Lang::Ja, 0) => format!("シート: {state}  評点: {score}"),
        (Lang::En, 0) => format!("sheet: {state}  score: {score}"),
        (Lang::Ja, n) => format!("シート: {state}  評点: {score}  承認後の変更 {n}件"),
        (Lang::En, n) => format!("sheet: {state}  score: {score}  {n} change(s) since approval"),
    }
}
