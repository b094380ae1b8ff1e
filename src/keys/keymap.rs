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
        find(context).or_else(|| if context == Context::Form { None } else { find(Context::Global) })
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
        for context in [
            Context::Tree,
            Context::Mine,
            Context::Review,
            Context::Contribution,
            Context::People,
            Context::Abilities,
            Context::Calibration,
            Context::Form,
        ] {
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
