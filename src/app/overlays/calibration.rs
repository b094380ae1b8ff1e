//! Calibration (評価調整) for HR and second reviewers: the distribution of final
//! levels per reviewer with the lenient/harsh and central-tendency flags, and the
//! people with their computed and final results; `+`/`-` try a level for the selected
//! person and preview the distribution and bands with it, recording nothing; `a`
//! adjusts the final level (the tried one, if any), with a reason, as a record in the
//! calibrator's own file.

use crate::app::component::{Shared, move_selection};
use crate::app::effect::{Effect, Popup};
use crate::app::forms::evaluation;
use crate::keys::Action;
use crate::messages::{EvalText, Message};
use crate::model::calibration::{Candidate, FinalValue};
use crate::model::{Level, PersonId};
use crate::view::calibration::{CalibrationView, Filter, calibration};

#[derive(Debug)]
pub struct CalibrationOverlay {
    pub view: Option<Box<CalibrationView>>,
    /// The selected person.
    pub selected: usize,
    /// Levels under consideration, by person, in the order they were tried; never saved.
    pub trials: Vec<(PersonId, Level)>,
}

impl CalibrationOverlay {
    pub fn new(shared: &Shared) -> CalibrationOverlay {
        let mut overlay = CalibrationOverlay { view: None, selected: 0, trials: Vec::new() };
        overlay.refresh(shared);
        overlay
    }

    pub fn refresh(&mut self, shared: &Shared) {
        let candidates: Vec<Candidate> = self
            .trials
            .iter()
            .map(|(person, level)| Candidate { person: *person, to: FinalValue::Level(*level) })
            .collect();
        let world = &shared.workspace.world;
        self.view = calibration(world, &shared.workspace.actor, &Filter::default(), &candidates).map(Box::new);
        // A trial the final level has reached (adjusted to it, or tried back to it) is over.
        if let Some(view) = &self.view {
            let trying = |person: &PersonId| view.people.iter().any(|row| row.person == person && row.trial.is_some());
            self.trials.retain(|(person, _)| trying(person));
        }
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
            Action::TryHigher | Action::TryLower => {
                let Some(person) = people.get(self.selected) else { return Vec::new() };
                let Some(from) = person.trial.unwrap_or(person.adjusted).level else { return Vec::new() };
                let to = if action == Action::TryHigher { from.higher() } else { from.lower() };
                let person = person.person;
                self.trials.retain(|(tried, _)| *tried != person);
                self.trials.push((person, to));
                self.refresh(shared);
                Vec::new()
            }
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
