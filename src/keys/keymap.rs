//! The keys bound to each action: the defaults patched with the config's `[keys]`.
//! The status line and the `?` help are generated from it, so they never disagree
//! with the keys.

use std::collections::BTreeMap;

use ratatui::crossterm::event::KeyEvent;

use super::action::{Action, Context};
use super::combo::{KeyCombo, parse_key_spec};

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
        find(context).or_else(|| if context.sees_global() { find(Context::Global) } else { None })
    }

    pub fn keys_of(&self, action: Action) -> &[KeyCombo] {
        self.keys.iter().find(|(a, _)| *a == action).map_or(&[], |(_, combos)| combos)
    }

    /// "q", "Enter/e": the keys of an action as shown to users.
    pub fn label(&self, action: Action) -> String {
        self.keys_of(action).iter().map(ToString::to_string).collect::<Vec<_>>().join("/")
    }

    /// The first key of an action, for a hint inside a sentence ("n で追加");
    /// empty when the action has no key.
    pub fn short_label(&self, action: Action) -> String {
        self.keys_of(action).first().map(ToString::to_string).unwrap_or_default()
    }

    /// An action's first character key (vim-like `h`, `l`), else its first key: for
    /// compact hint lines that name several actions.
    pub fn letter_label(&self, action: Action) -> String {
        let keys = self.keys_of(action);
        let letter = keys.iter().find(|combo| {
            matches!(combo.code, ratatui::crossterm::event::KeyCode::Char(c) if c != ' ') && combo.modifiers.is_empty()
        });
        letter.or(keys.first()).map(ToString::to_string).unwrap_or_default()
    }

    /// The actions listed for a view: its own, then the global ones.
    pub fn actions_for(&self, context: Context) -> Vec<Action> {
        let own = Action::ALL.iter().copied().filter(|a| a.context() == context);
        let global = Action::ALL.iter().copied().filter(|a| a.context() == Context::Global && context.sees_global());
        own.chain(global).filter(|a| !self.keys_of(*a).is_empty()).collect()
    }
}

/// One key bound to two actions that can both be active at once: the same
/// context, or a view's action and a global one (the view's would silently win).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clash {
    pub key: KeyCombo,
    pub action: Action,
    pub other: Action,
    /// Where both are active: the view's context, or `Global` for two global actions.
    pub context: Context,
}

impl Keymap {
    /// Every key that means two things somewhere, each pair once, in the order of
    /// [`Action::ALL`].
    pub fn clashes(&self) -> Vec<Clash> {
        let mut clashes = Vec::new();
        for (index, (action, combos)) in self.keys.iter().enumerate() {
            for (other, other_combos) in &self.keys[index + 1..] {
                let Some(context) = shared_context(action.context(), other.context()) else { continue };
                for key in combos.iter().filter(|combo| other_combos.contains(combo)) {
                    clashes.push(Clash { key: *key, action: *action, other: *other, context });
                }
            }
        }
        clashes
    }
}

/// The context where actions of `a` and of `b` are both active, if any.
fn shared_context(a: Context, b: Context) -> Option<Context> {
    match (a, b) {
        _ if a == b => Some(a),
        (Context::Global, view) | (view, Context::Global) if view.sees_global() => Some(view),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    #[test]
    fn every_default_key_parses_and_no_view_binds_a_key_twice() {
        let keymap = Keymap::new(&BTreeMap::new());
        for context in Context::VIEWS {
            let mut seen = Vec::new();
            for action in Action::ALL.iter().filter(|a| a.context() == context) {
                for combo in keymap.keys_of(*action) {
                    assert!(!seen.contains(combo), "{combo} bound twice in {context:?}");
                    seen.push(*combo);
                }
            }
        }
    }

    fn with(overrides: &[(&str, &str)]) -> Keymap {
        let overrides =
            overrides.iter().map(|(action, spec)| (action.to_string(), vec![parse_key_spec(spec).unwrap()])).collect();
        Keymap::new(&overrides)
    }

    #[test]
    fn the_defaults_clash_nowhere() {
        assert_eq!(Keymap::new(&BTreeMap::new()).clashes(), Vec::new());
    }

    #[test]
    fn a_global_key_taken_by_a_view_clashes_in_that_view() {
        let n = parse_key_spec("n").unwrap();
        let clashes = with(&[("quit", "n")]).clashes();
        assert_eq!(
            clashes,
            vec![
                Clash { key: n, action: Action::Quit, other: Action::NextMatch, context: Context::Tree },
                Clash { key: n, action: Action::Quit, other: Action::NewGoal, context: Context::Mine },
                Clash { key: n, action: Action::Quit, other: Action::NextPerson, context: Context::Review },
                Clash { key: n, action: Action::Quit, other: Action::NewMeeting, context: Context::Meetings },
            ]
        );
    }

    #[test]
    fn two_actions_of_one_view_clash_but_views_apart_do_not() {
        let clashes = with(&[("new_goal", "p")]).clashes();
        let p = parse_key_spec("p").unwrap();
        assert_eq!(
            clashes,
            vec![Clash { key: p, action: Action::NewGoal, other: Action::SetProgress, context: Context::Mine }]
        );
        // `p` in the Contribution tab is apart from My goals' `p`, and a form never sees My goals' keys.
        assert_eq!(with(&[("contribution_mode", "p"), ("save", "n")]).clashes(), Vec::new());
        // Global against global, and a popup's own keys.
        let q = parse_key_spec("q").unwrap();
        assert_eq!(
            with(&[("help", "q")]).clashes(),
            vec![Clash { key: q, action: Action::Quit, other: Action::Help, context: Context::Global }]
        );
        assert_eq!(with(&[("yes", "n")]).clashes().len(), 1, "yes and no on one key");
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
