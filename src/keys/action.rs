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
    Meetings,
    Form,
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
    TabMeetings, "tab_meetings", Global, ["6"], false;
    Up, "up", Global, ["up", "k"], false;
    Down, "down", Global, ["down", "j"], false;
    PageUp, "page_up", Global, ["pgup", "ctrl-b"], false;
    PageDown, "page_down", Global, ["pgdn", "ctrl-f"], false;
    Top, "top", Global, ["home", "g"], false;
    Bottom, "bottom", Global, ["end", "G"], false;
    Open, "open", Tree, ["enter"], true;
    Collapse, "collapse", Tree, ["left", "h"], false;
    Expand, "expand", Tree, ["right", "l"], false;
    Toggle, "toggle", Tree, ["space"], true;
    Filter, "filter", Tree, ["/"], true;
    ClearFilter, "clear_filter", Tree, ["esc"], false;
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
    ToggleDone, "toggle_done", Mine, ["x"], false;
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
    NextSubject, "next_subject", Contribution, ["right", "l"], true;
    PrevSubject, "prev_subject", Contribution, ["left", "h"], false;
    ContributionMode, "contribution_mode", Contribution, ["m"], true;
    PeopleGoals, "people_goals", People, ["enter"], true;
    NewMeeting, "new_meeting", Meetings, ["n"], true;
    EditMeeting, "edit_meeting", Meetings, ["enter", "e"], true;
    SurveyView, "survey_view", Meetings, ["v"], true;
    Save, "save", Form, ["ctrl-s"], true;
    Cancel, "cancel", Form, ["esc"], true;
    NextField, "next_field", Form, ["tab"], true;
    PrevField, "prev_field", Form, ["backtab"], false;
    FieldEditor, "field_editor", Form, ["ctrl-e"], false;
    ReloadReapply, "reload_reapply", Form, ["ctrl-r"], false;
}
