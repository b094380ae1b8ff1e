//! What components ask the app to do: they never change the data or each other
//! themselves, they return effects, and the app carries them out in order.

use super::forms::Form;
use super::tabs::Tab;
use crate::keys::{Action, Context};
use crate::model::NodeId;
use crate::model::command::Command;
use crate::view::sheet::GoalNotes;

#[derive(Debug)]
pub enum Effect {
    /// Opens a popup over the current view.
    Open(Popup),
    /// Closes the topmost popup.
    Close,
    /// Runs a change through the workspace; the status line says how it went.
    Execute(Command),
    Status(Status),
    /// Hands text to the external editor; the result comes back to the target.
    ExternalEdit(ExternalEdit),
    SwitchTab(Tab),
    /// The Tree, filtered to one person's goals.
    ShowInTree(String),
    Quit,
}

#[derive(Debug)]
pub enum Popup {
    Help {
        /// First row shown.
        scroll: usize,
        /// Only the rows containing this are shown.
        filter: String,
        /// Whether keys go into the filter.
        typing: bool,
        /// Every entry, built when the help opened.
        sections: Vec<super::help::HelpSection>,
        /// The entries the filter picks from `sections`.
        shown: Vec<super::help::HelpSection>,
    },
    Form(Box<Form>),
    /// A question answered with y or n; `on_yes` runs when the answer is yes.
    Confirm {
        message: String,
        on_yes: Vec<Effect>,
    },
    /// A goal's details, read-only, with the notes the actor may see.
    Detail {
        node: NodeId,
        notes: GoalNotes,
        /// First row of the panes shown.
        scroll: usize,
    },
    /// The status message whole, when the status rows cut it.
    Message {
        text: String,
        is_error: bool,
        /// First row shown.
        scroll: usize,
    },
    /// The actions the tab in front offers now, one of them selected.
    Menu {
        actions: Vec<Action>,
        selected: usize,
    },
    /// A view over the tab with keys of its own (能力評価, calibration).
    Overlay(Box<super::overlays::Overlay>),
}

impl Popup {
    /// The keymap context of the popup's keys.
    pub fn context(&self) -> Context {
        match self {
            Popup::Help { .. } => Context::Help,
            Popup::Form(_) => Context::Form,
            Popup::Confirm { .. } => Context::Confirm,
            // Read-only like a goal's details, with the same keys.
            Popup::Detail { .. } | Popup::Message { .. } => Context::Detail,
            Popup::Menu { .. } => Context::Menu,
            Popup::Overlay(overlay) => overlay.context(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

impl Status {
    pub fn info(text: impl Into<String>) -> Effect {
        Effect::Status(Status { text: text.into(), is_error: false })
    }

    pub fn error(text: impl Into<String>) -> Effect {
        Effect::Status(Status { text: text.into(), is_error: true })
    }
}

/// Where text edited in the external editor goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExternalTarget {
    FormField,
    GoalPlan(crate::model::GoalId),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExternalEdit {
    pub text: String,
    pub target: ExternalTarget,
}
