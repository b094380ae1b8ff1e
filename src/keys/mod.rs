//! Keys: how they are written in the config file, what each one does in the app,
//! and which are bound to what.

pub mod action;
pub mod combo;
pub mod keymap;

pub use action::{Action, Context};
pub use combo::{KeyCombo, KeyError, KeyProblem, parse_key_spec};
pub use keymap::{Clash, Keymap};
