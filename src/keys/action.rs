//! Everything a key can do in the app: each action with its name in the config
//! file's `[keys]` table, the view it belongs to, and its default keys. What an
//! action is called on screen is in the messages.

/// Where a binding applies. `Global` bindings apply in every view unless the view
/// binds the same key itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    Tree,
    Mine,
    Review,
    Contribution,
    People,
    /// The 能力評価 part of a sheet, over the tab it was opened from.
    Abilities,
    /// Calibration (評価調整), over the Review tab.
    Calibration,
    Meetings,
    Form,
    /// The `?` help popup.
    Help,
    /// A goal's read-only details.
    Detail,
    /// A yes/no question.
    Confirm,
    /// The action menu: the actions of the view behind it.
    Menu,
    /// The first-run person picker of a demonstration data set.
    Picker,
}

impl Context {
    /// The tabs' contexts, where global bindings apply too.
    pub const TABS: [Context; 6] =
        [Context::Tree, Context::Mine, Context::Review, Context::Contribution, Context::People, Context::Meetings];

    /// Every context but `Global`.
    pub const VIEWS: [Context; 14] = [
        Context::Tree,
        Context::Mine,
        Context::Review,
        Context::Contribution,
        Context::People,
        Context::Meetings,
        Context::Abilities,
        Context::Calibration,
        Context::Form,
        Context::Help,
        Context::Detail,
        Context::Confirm,
        Context::Menu,
        Context::Picker,
    ];

    /// Whether the global bindings apply here too: in the tabs, the picker and the
    /// views over a tab, not in a form or popup, which takes every key it is given.
    pub fn sees_global(self) -> bool {
        // The first-run picker and the views over a tab move and quit with the keys of the tabs.
        Context::TABS.contains(&self) || matches!(self, Context::Picker | Context::Abilities | Context::Calibration)
    }
}

macro_rules! actions {
    ($( $action:ident, $name:literal, $context:ident, [$($key:literal),*], $main:literal; )*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Action { $($action),* }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$action),*];

            /// The name used for the action in the config file's `[keys]` table.
            pub fn name(self) -> &'static str {
                match self { $(Action::$action => $name),* }
            }

            pub fn context(self) -> Context {
                match self { $(Action::$action => Context::$context),* }
            }

            pub(super) fn default_keys(self) -> &'static [&'static str] {
                match self { $(Action::$action => &[$($key),*]),* }
            }

            /// Whether the status line shows this action (the help shows all).
            pub fn is_main(self) -> bool {
                match self { $(Action::$action => $main),* }
            }
        }
    };
}

actions! {
    Quit, "quit", Global, ["q"], true;
    Help, "help", Global, ["?", "f1"], true;
    NextTab, "next_tab", Global, ["tab"], false;
    PrevTab, "prev_tab", Global, ["backtab"], false;
    TabTree, "tab_tree", Global, ["1"], false;
    TabMine, "tab_mine", Global, ["2"], false;
    TabReview, "tab_review", Global, ["3"], false;
    TabContribution, "tab_contribution", Global, ["4"], false;
    TabPeople, "tab_people", Global, ["5"], false;
    Sync, "sync", Global, ["f5"], false;
    TabMeetings, "tab_meetings", Global, ["6"], false;
    Up, "up", Global, ["up", "k"], false;
    Down, "down", Global, ["down", "j"], false;
    PageUp, "page_up", Global, ["pgup", "ctrl-b"], false;
    PageDown, "page_down", Global, ["pgdn", "ctrl-f"], false;
    Top, "top", Global, ["home", "g"], false;
    Bottom, "bottom", Global, ["end", "G"], false;
    Undo, "undo", Global, ["u"], false;
    PaneDown, "pane_down", Global, ["ctrl-d"], false;
    PaneUp, "pane_up", Global, ["ctrl-u"], false;
    Open, "open", Tree, ["enter"], true;
    Collapse, "collapse", Tree, ["left", "h"], false;
    Expand, "expand", Tree, ["right", "l"], false;
    Toggle, "toggle", Tree, ["space"], true;
    Filter, "filter", Global, ["/"], true;
    ClearFilter, "clear_filter", Tree, ["esc"], false;
    NextMatch, "next_match", Tree, ["n"], false;
    PrevMatch, "prev_match", Tree, ["N"], false;
    Withdraw, "withdraw", Tree, ["delete", "D"], false;
    PrevPane, "prev_pane", Mine, ["left", "h"], false;
    NextPane, "next_pane", Mine, ["right", "l"], true;
    NewGoal, "new_goal", Mine, ["n"], true;
    EditGoal, "edit_goal", Mine, ["enter", "e"], true;
    ExternalEditor, "external_editor", Mine, ["E"], false;
    SetProgress, "progress", Mine, ["p"], true;
    AddLog, "add_log", Mine, ["d"], true;
    SelfCheck, "self_check", Mine, ["c"], true;
    AddAction, "add_action", Mine, ["a"], true;
    NextItem, "next_item", Mine, ["J", "ctrl-down"], false;
    PrevItem, "prev_item", Mine, ["K", "ctrl-up"], false;
    ToggleDone, "toggle_done", Mine, ["space"], false;
    RemoveItem, "remove", Mine, ["delete", "D"], false;
    AnswerProposal, "proposals", Mine, ["o"], true;
    Submit, "submit", Mine, ["S"], true;
    Propose, "propose", Mine, ["B"], true;
    MineMeeting, "mine_meeting", Mine, ["m"], false;
    OpenSheet, "open_sheet", Review, ["enter"], true;
    CloseSheet, "close_sheet", Review, ["esc"], false;
    NextPerson, "next_person", Review, ["n"], true;
    PrevPerson, "prev_person", Review, ["N"], false;
    NextGoal, "next_goal", Review, ["J", "ctrl-down"], false;
    PrevGoal, "prev_goal", Review, ["K", "ctrl-up"], false;
    ReviewPane, "review_pane", Review, ["right", "l"], false;
    GoalFeedback, "goal_feedback", Review, ["f"], true;
    SheetFeedback, "sheet_feedback", Review, ["F"], false;
    TakeStep, "take_step", Review, ["s"], true;
    SendBack, "send_back", Review, ["b"], false;
    ReviewMeeting, "review_meeting", Review, ["m"], false;
    UnitOverview, "unit_overview", Review, ["o"], false;
    Export, "export", Review, ["X"], false;
    NextSubject, "next_subject", Contribution, ["right", "l"], true;
    PrevSubject, "prev_subject", Contribution, ["left", "h"], false;
    ContributionMode, "contribution_mode", Contribution, ["m"], true;
    PeopleGoals, "people_goals", People, ["enter"], true;
    OwnAbilities, "abilities", Mine, ["v"], false;
    ReportAbilities, "report_abilities", Review, ["v"], false;
    OpenCalibration, "calibration", Review, ["C"], false;
    RateAbility, "rate_ability", Abilities, ["enter", "r"], true;
    CloseAbilities, "close_abilities", Abilities, ["esc"], true;
    AdjustResult, "adjust", Calibration, ["a"], true;
    TryHigher, "try_higher", Calibration, ["+"], true;
    TryLower, "try_lower", Calibration, ["-"], false;
    CloseCalibration, "close_calibration", Calibration, ["esc"], true;
    NewMeeting, "new_meeting", Meetings, ["n"], true;
    EditMeeting, "edit_meeting", Meetings, ["enter", "e"], true;
    SurveyView, "survey_view", Meetings, ["v"], true;
    Save, "save", Form, ["ctrl-s"], true;
    Cancel, "cancel", Form, ["esc"], true;
    NextField, "next_field", Form, ["tab"], true;
    PrevField, "prev_field", Form, ["backtab"], false;
    FieldEditor, "field_editor", Form, ["ctrl-e"], false;
    ReloadReapply, "reload_reapply", Form, ["ctrl-r"], false;
    CheckToggle, "check_toggle", Form, ["space"], false;
    CheckDown, "check_down", Form, ["down", "j"], false;
    CheckUp, "check_up", Form, ["up", "k"], false;
    CheckPageDown, "check_page_down", Form, ["pgdn"], false;
    CheckPageUp, "check_page_up", Form, ["pgup"], false;
    ActionMenu, "action_menu", Global, ["x", "."], true;
    WholeMessage, "whole_message", Global, ["M", "f2"], false;
    CloseHelp, "close_help", Help, ["esc", "enter", "q", "?"], true;
    ScrollDown, "scroll_down", Help, ["down", "j"], true;
    ScrollUp, "scroll_up", Help, ["up", "k"], false;
    HelpFilter, "help_filter", Help, ["/"], true;
    CloseDetail, "close_detail", Detail, ["esc", "enter", "q", "?"], true;
    DetailDown, "detail_down", Detail, ["down", "j"], false;
    DetailUp, "detail_up", Detail, ["up", "k"], false;
    Yes, "yes", Confirm, ["y", "Y"], true;
    No, "no", Confirm, ["n", "N", "esc"], true;
    MenuRun, "menu_run", Menu, ["enter"], true;
    MenuClose, "menu_close", Menu, ["esc", "q"], true;
    MenuDown, "menu_down", Menu, ["down", "j"], false;
    MenuUp, "menu_up", Menu, ["up", "k"], false;
    Choose, "choose", Picker, ["enter"], true;
}
