//! Views that open over a tab and own their state as a tab does: the 能力評価 part of
//! a sheet (from My goals and the Review tab) and calibration (from the Review tab).
//! Their keys have a context of their own, so hints and help show them.

pub mod abilities;
pub mod calibration;

use super::component::Shared;
use super::effect::{Effect, Popup};
use crate::keys::{Action, Context};

#[derive(Debug)]
pub enum Overlay {
    Abilities(abilities::AbilitiesOverlay),
    Calibration(calibration::CalibrationOverlay),
}

impl Overlay {
    pub fn context(&self) -> Context {
        match self {
            Overlay::Abilities(_) => Context::Abilities,
            Overlay::Calibration(_) => Context::Calibration,
        }
    }

    pub fn handle(&mut self, action: Action, shared: &Shared) -> Vec<Effect> {
        match self {
            Overlay::Abilities(view) => view.handle(action, shared),
            Overlay::Calibration(view) => view.handle(action, shared),
        }
    }

    /// Whose sheet texts it shows (the evidence of a self-rating cites Do-log entries).
    pub fn texts_shown(&self) -> Option<&str> {
        match self {
            Overlay::Abilities(view) => Some(&view.person),
            Overlay::Calibration(_) => None,
        }
    }

    /// Works out again what it shows, after any change.
    pub fn refresh(&mut self, shared: &Shared) {
        match self {
            Overlay::Abilities(view) => view.refresh(shared),
            Overlay::Calibration(view) => view.refresh(shared),
        }
    }
}

/// Opens `overlay` over the current tab.
pub fn open(overlay: Overlay) -> Effect {
    Effect::Open(Popup::Overlay(Box::new(overlay)))
}
