//! Calibration (評価調整) for HR and second reviewers: the distribution of final
//! levels per reviewer with the lenient/harsh and central-tendency flags, and the
//! people with their computed and final results; `a` adjusts the selected person's
//! final level, with a reason, as a record in the calibrator's own file.

use crate::app::component::{Shared, move_selection};
use crate::app::effect::{Effect, Popup};
use crate::app::forms::evaluation;
use crate::keys::Action;
use crate::messages::{EvalText, Message};
use crate::view::calibration::{CalibrationView, Filter, calibration};

#[derive(Debug)]
pub struct CalibrationOverlay {
    pub view: Option<CalibrationView>,
    /// The selected person.
    pub selected: usize,
}

impl CalibrationOverlay {
    pub fn new(shared: &Shared) -> CalibrationOverlay {
        let mut overlay = CalibrationOverlay { view: None, selected: 0 };
        overlay.refresh(shared);
        overlay
    }

    pub fn refresh(&mut self, shared: &Shared) {
        self.view = calibration(&shared.workspace.world, &shared.workspace.actor, &Filter::default());
        let count = self.view.as_ref().map_or(0, |view| view.people.len());
        self.selected = self.selected.min(count.saturating_sub(1));
    }

    pub fn handle(&mut self, action: Action, shared: &Shared) -> Vec<Effect> {
        let people = self.view.as_ref().map_or(&[][..], |view| view.people.as_slice());
        let page = shared.body_rows().saturating_sub(8).max(1);
        if move_selection(&mut self.selected, people.len(), action, page) {
            return Vec::new();
        }
        match action {
            Action::CloseCalibration => vec![Effect::Close],
            Action::AdjustResult => match people.get(self.selected) {
                Some(person) => vec![Effect::Open(Popup::Form(Box::new(evaluation::adjust(shared, person))))],
                None => Vec::new(),
            },
            _ => Vec::new(),
        }
    }
}

/// Opens calibration, or says that the actor calibrates nobody.
pub fn open(shared: &Shared) -> Vec<Effect> {
    let overlay = CalibrationOverlay::new(shared);
    if overlay.view.is_none() {
        return vec![crate::app::effect::Status::error(EvalText::NotCalibrator.text(shared.lang))];
    }
    vec![super::open(super::Overlay::Calibration(overlay))]
}
