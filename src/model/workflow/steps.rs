//! The workflow's steps: their names in the files, where each leads from a state,
//! and who may take it.

use std::fmt;

use super::{Role, SheetState};
use crate::model::types::Step;

impl Step {
    pub const ALL: [Step; 8] = [
        Step::Submit,
        Step::Approve,
        Step::SelfCheck,
        Step::Review,
        Step::Confirm,
        Step::FeedbackHeld,
        Step::SendBack,
        Step::SendBackToDraft,
    ];

    /// Whether the step sends the sheet back, and so needs a comment for its owner.
    pub fn sends_back(self) -> bool {
        matches!(self, Step::SendBack | Step::SendBackToDraft)
    }

    /// The step's name in the files (`step = "…"`).
    pub fn key(self) -> &'static str {
        match self {
            Step::Submit => "submit",
            Step::Approve => "approve",
            Step::SelfCheck => "self-check",
            Step::Review => "review",
            Step::Confirm => "confirm",
            Step::FeedbackHeld => "feedback-held",
            Step::SendBack => "send-back",
            Step::SendBackToDraft => "send-back-to-draft",
        }
    }

    /// Steps the owner takes, recorded in their goals file; the others go in the
    /// taker's feedback file.
    pub(super) fn is_owners(self) -> bool {
        matches!(self, Step::Submit | Step::SelfCheck)
    }

    /// Where the step leads from `state`, if it can be taken there at all.
    pub fn target(self, state: SheetState) -> Option<SheetState> {
        let (from, to) = match self {
            Step::Submit => (SheetState::Draft, SheetState::Submitted),
            Step::Approve => (SheetState::Submitted, SheetState::Approved),
            Step::SelfCheck => (SheetState::Approved, SheetState::SelfChecked),
            Step::Review => (SheetState::SelfChecked, SheetState::Reviewed),
            Step::Confirm => (SheetState::Reviewed, SheetState::Confirmed),
            Step::FeedbackHeld => (SheetState::Confirmed, SheetState::FeedbackHeld),
            Step::SendBack => return (!self.roles(state).is_empty()).then(|| state.previous()).flatten(),
            // From submitted, a plain send-back already leads to draft.
            Step::SendBackToDraft => {
                return (!self.roles(state).is_empty() && state > SheetState::Submitted).then_some(SheetState::Draft);
            }
        };
        (from == state).then_some(to)
    }

    /// Who may take the step when the sheet is in `state`.
    pub(super) fn roles(self, state: SheetState) -> &'static [Role] {
        match self {
            Step::Submit | Step::SelfCheck => &[Role::Owner],
            Step::Approve | Step::Review | Step::FeedbackHeld => &[Role::Reviewer],
            Step::Confirm => &[Role::Confirmer],
            Step::SendBack | Step::SendBackToDraft => match state {
                SheetState::Submitted | SheetState::Approved | SheetState::SelfChecked => &[Role::Reviewer],
                SheetState::Reviewed => &[Role::Reviewer, Role::Confirmer],
                SheetState::Confirmed => &[Role::Confirmer],
                SheetState::Draft | SheetState::FeedbackHeld => &[],
            },
        }
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}
