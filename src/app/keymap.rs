//! Every key the app answers to, with its description: the status line and the
//! `?` help are generated from this table, so they never disagree with the keys.

use std::collections::BTreeMap;

use ratatui::crossterm::event::KeyEvent;

use crate::i18n::Lang;
use crate::keys::{KeyCombo, parse_key_spec};

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
    Form,
}

macro_rules! actions {
    ($( $action:ident, $name:literal, $context:ident, [$($key:literal),*], $main:literal, $ja:literal, $en:literal; )*) => {
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

            fn default_keys(self) -> &'static [&'static str] {
                match self { $(Action::$action => &[$($key),*]),* }
            }

            /// Whether the status line shows this action (the help shows all).
            pub fn is_main(self) -> bool {
                match self { $(Action::$action => $main),* }
            }

            pub fn describe(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Action::$action, Lang::Ja) => $ja, (Action::$action, Lang::En) => $en,)*
                }
            }
        }
    };
}

actions! {
    Quit, "quit", Global, ["q"], true, "終了", "quit";
    Help, "help", Global, ["?", "f1"], true, "ヘルプ", "help";
    NextTab, "next_tab", Global, ["tab"], false, "次のタブ", "next tab";
    PrevTab, "prev_tab", Global, ["backtab"], false, "前のタブ", "previous tab";
    TabTree, "tab_tree", Global, ["1"], false, "目標体系タブ", "Tree tab";
    TabMine, "tab_mine", Global, ["2"], false, "自分の目標タブ", "My goals tab";
    TabReview, "tab_review", Global, ["3"], false, "レビュータブ", "Review tab";
    TabContribution, "tab_contribution", Global, ["4"], false, "貢献度タブ", "Contribution tab";
    TabPeople, "tab_people", Global, ["5"], false, "組織タブ", "People tab";
    Up, "up", Global, ["up", "k"], false, "上へ", "up";
    Down, "down", Global, ["down", "j"], false, "下へ", "down";
    PageUp, "page_up", Global, ["pgup", "ctrl-b"], false, "1画面上へ", "page up";
    PageDown, "page_down", Global, ["pgdn", "ctrl-f"], false, "1画面下へ", "page down";
    Top, "top", Global, ["home", "g"], false, "先頭へ", "first row";
    Bottom, "bottom", Global, ["end", "G"], false, "末尾へ", "last row";
    Open, "open", Tree, ["enter"], true, "詳細", "details";
    Collapse, "collapse", Tree, ["left", "h"], false, "折りたたむ", "collapse";
    Expand, "expand", Tree, ["right", "l"], false, "展開", "expand";
    Toggle, "toggle", Tree, ["space"], true, "開閉", "expand/collapse";
    Filter, "filter", Tree, ["/"], true, "絞り込み", "filter";
    ClearFilter, "clear_filter", Tree, ["esc"], false, "絞り込み解除", "clear filter";
    Withdraw, "withdraw", Tree, ["delete", "D"], false, "自分の提案を取り下げる", "withdraw your proposal";
    PrevPane, "prev_pane", Mine, ["left", "h"], false, "前の欄 (P/D/C/A)", "previous pane (P/D/C/A)";
    NextPane, "next_pane", Mine, ["right", "l"], true, "次の欄 (P/D/C/A)", "next pane (P/D/C/A)";
    NewGoal, "new_goal", Mine, ["n"], true, "目標を追加", "new goal";
    EditGoal, "edit_goal", Mine, ["enter", "e"], true, "編集", "edit";
    ExternalEditor, "external_editor", Mine, ["E"], false, "外部エディタで計画を編集", "edit plan in $EDITOR";
    SetProgress, "progress", Mine, ["p"], true, "進捗", "progress";
    AddLog, "add_log", Mine, ["d"], true, "実行記録を追加", "add Do entry";
    SelfCheck, "self_check", Mine, ["c"], true, "自己評価", "self-check";
    AddAction, "add_action", Mine, ["a"], true, "改善項目を追加", "add action item";
    NextItem, "next_item", Mine, ["J", "ctrl-down"], false, "次の項目", "next item in pane";
    PrevItem, "prev_item", Mine, ["K", "ctrl-up"], false, "前の項目", "previous item in pane";
    ToggleDone, "toggle_done", Mine, ["x"], false, "改善項目の完了切替", "toggle action item done";
    RemoveItem, "remove", Mine, ["delete", "D"], false, "削除", "remove";
    AnswerProposal, "proposals", Mine, ["o"], true, "提案・繰越", "proposals and carry-over";
    Submit, "submit", Mine, ["S"], true, "シートを提出", "submit sheet";
    Propose, "propose", Mine, ["B"], true, "ブレイクダウン提案", "propose breakdown";
    OpenSheet, "open_sheet", Review, ["enter"], true, "シートを開く/閉じる", "open/close sheet";
    CloseSheet, "close_sheet", Review, ["esc"], false, "一覧へ戻る", "back to the inbox";
    NextPerson, "next_person", Review, ["n"], true, "次の職員", "next person";
    PrevPerson, "prev_person", Review, ["N"], false, "前の職員", "previous person";
    NextGoal, "next_goal", Review, ["J", "ctrl-down"], false, "次の目標", "next goal";
    PrevGoal, "prev_goal", Review, ["K", "ctrl-up"], false, "前の目標", "previous goal";
    ReviewPane, "review_pane", Review, ["right", "l"], false, "次の欄 (P/D/C/A)", "next pane (P/D/C/A)";
    GoalFeedback, "goal_feedback", Review, ["f"], true, "目標へのフィードバック", "feedback on goal";
    SheetFeedback, "sheet_feedback", Review, ["F"], false, "全体へのフィードバック", "feedback on sheet";
    TakeStep, "take_step", Review, ["s"], true, "承認・評価・確定", "approve / review / confirm";
    SendBack, "send_back", Review, ["b"], false, "差し戻し", "send back";
    NextSubject, "next_subject", Contribution, ["right", "l"], true, "次の目標・組織・職員", "next goal / unit / person";
    PrevSubject, "prev_subject", Contribution, ["left", "h"], false, "前の目標・組織・職員", "previous goal / unit / person";
    ContributionMode, "contribution_mode", Contribution, ["m"], true, "目標別/組織別/職員別", "by goal / unit / person";
    PeopleGoals, "people_goals", People, ["enter"], true, "この職員の目標を表示", "show this person's goals";
    Save, "save", Form, ["ctrl-s"], true, "保存", "save";
    Cancel, "cancel", Form, ["esc"], true, "取消", "cancel";
    NextField, "next_field", Form, ["tab"], true, "次の項目", "next field";
    PrevField, "prev_field", Form, ["backtab"], false, "前の項目", "previous field";
    FieldEditor, "field_editor", Form, ["ctrl-e"], false, "外部エディタで編集", "edit field in $EDITOR";
    ReloadReapply, "reload_reapply", Form, ["ctrl-r"], false, "再読込して再適用", "reload and re-apply";
}

#[derive(Clone, Debug)]
pub struct Keymap {
    keys: Vec<(Action, Vec<KeyCombo>)>,
}

impl Keymap {
    /// The default bindings, patched action by action with the config's `[keys]`
    /// (whose action names the config has already checked).
    pub fn new(overrides: &BTreeMap<String, Vec<KeyCombo>>) -> Keymap {
        let keys = Action::ALL
            .iter()
            .map(|&action| {
                let combos = match overrides.get(action.name()) {
                    Some(combos) => combos.clone(),
                    None => action
                        .default_keys()
                        .iter()
                        .map(|spec| parse_key_spec(spec).expect("default key specs parse"))
                        .collect(),
                };
                (action, combos)
            })
            .collect();
        Keymap { keys }
    }

    pub fn action_names() -> Vec<&'static str> {
        Action::ALL.iter().map(|a| a.name()).collect()
    }

    /// The action a key means in `context`: the context's own bindings first, then the global ones.
    pub fn action(&self, context: Context, key: &KeyEvent) -> Option<Action> {
        let find = |wanted: Context| {
            self.keys
                .iter()
                .find(|(action, combos)| action.context() == wanted && combos.iter().any(|c| c.matches(key)))
                .map(|(action, _)| *action)
        };
        find(context).or_else(|| if context == Context::Form { None } else { find(Context::Global) })
    }

    pub fn keys_of(&self, action: Action) -> &[KeyCombo] {
        self.keys.iter().find(|(a, _)| *a == action).map_or(&[], |(_, combos)| combos)
    }

    /// "q", "Enter/e": the keys of an action as shown to users.
    pub fn label(&self, action: Action) -> String {
        self.keys_of(action).iter().map(ToString::to_string).collect::<Vec<_>>().join("/")
    }

    /// The actions listed for a view: its own, then the global ones.
    pub fn actions_for(&self, context: Context) -> Vec<Action> {
        let own = Action::ALL.iter().copied().filter(|a| a.context() == context);
        let global = Action::ALL.iter().copied().filter(|a| a.context() == Context::Global && context != Context::Form);
        own.chain(global).filter(|a| !self.keys_of(*a).is_empty()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    #[test]
    fn every_default_key_parses_and_no_view_binds_a_key_twice() {
        let keymap = Keymap::new(&BTreeMap::new());
        for context in
            [Context::Tree, Context::Mine, Context::Review, Context::Contribution, Context::People, Context::Form]
        {
            let mut seen = Vec::new();
            for action in Action::ALL.iter().filter(|a| a.context() == context) {
                for combo in keymap.keys_of(*action) {
                    assert!(!seen.contains(combo), "{combo} bound twice in {context:?}");
                    seen.push(*combo);
                }
            }
        }
    }

    #[test]
    fn a_view_binding_wins_over_a_global_one_and_overrides_replace_defaults() {
        let keymap = Keymap::new(&BTreeMap::new());
        let l = KeyEvent::new(KeyCode::Char('l'), KeyModifiers::NONE);
        assert_eq!(keymap.action(Context::Tree, &l), Some(Action::Expand));
        assert_eq!(keymap.action(Context::Mine, &l), Some(Action::NextPane));
        let overrides = BTreeMap::from([("quit".to_owned(), vec![parse_key_spec("ctrl-q").unwrap()])]);
        let keymap = Keymap::new(&overrides);
        let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(keymap.action(Context::Tree, &q), None);
        assert_eq!(keymap.label(Action::Quit), "Ctrl-Q");
    }
}
