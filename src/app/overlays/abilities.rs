//! The 能力評価 part of one person's sheet: each applicable ability with its
//! description and anchor, the self rating and the raters' ratings; Enter rates the
//! selected ability as whoever the actor is to the person.

use crate::app::component::{Shared, move_selection};
use crate::app::effect::{Effect, Popup, Status};
use crate::app::forms::evaluation;
use crate::keys::Action;
use crate::messages::{EvalText, Message, Text};
use crate::model::PersonId;
use crate::view::abilities::{AbilitiesView, abilities};

#[derive(Debug)]
pub struct AbilitiesOverlay {
    pub person: PersonId,
    pub view: Option<AbilitiesView>,
    pub selected: usize,
}

impl AbilitiesOverlay {
    pub fn new(shared: &Shared, person: &str) -> AbilitiesOverlay {
        let mut overlay = AbilitiesOverlay { person: person.into(), view: None, selected: 0 };
        overlay.refresh(shared);
        overlay
    }

    pub fn refresh(&mut self, shared: &Shared) {
        self.view = abilities(&shared.workspace.world, &shared.workspace.actor, &self.person);
        let count = self.view.as_ref().map_or(0, |view| view.rows.len());
        self.selected = self.selected.min(count.saturating_sub(1));
    }

    pub fn handle(&mut self, action: Action, shared: &Shared) -> Vec<Effect> {
        let Some(view) = &self.view else {
            return if action == Action::CloseAbilities { vec![Effect::Close] } else { Vec::new() };
        };
        let page = shared.body_rows().saturating_sub(8).max(1);
        if move_selection(&mut self.selected, view.rows.len(), action, page) {
            return Vec::new();
        }
        match action {
            Action::CloseAbilities => vec![Effect::Close],
            Action::RateAbility => {
                let Some(row) = view.rows.get(self.selected) else { return Vec::new() };
                // A comment (and an owner's evidence, read with it) that could not be
                // read is not offered for rewriting from nothing.
                if view.written(row).is_some_and(|rated| rated.comment.get().is_err()) {
                    return vec![Status::error(Text::TextNotRead.text(shared.lang))];
                }
                match view.writes_as {
                    Some(rater) => {
                        let form = evaluation::rate_ability(shared, view, row, rater);
                        vec![Effect::Open(Popup::Form(Box::new(form)))]
                    }
                    None if view.state >= crate::model::workflow::SheetState::Confirmed => {
                        vec![Status::error(EvalText::Sealed.text(shared.lang))]
                    }
                    None => vec![Status::error(EvalText::NotARater.text(shared.lang))],
                }
            }
            _ => Vec::new(),
        }
    }
}

/// Opens `person`'s 能力評価 part, or says why there is none to show.
pub fn open(shared: &Shared, person: &str) -> Vec<Effect> {
    let overlay = AbilitiesOverlay::new(shared, person);
    if overlay.view.is_none() {
        return vec![Status::error(EvalText::NoAbilities.text(shared.lang))];
    }
    vec![super::open(super::Overlay::Abilities(overlay))]
}
