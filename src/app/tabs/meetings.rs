//! The 1on1 tab: the 1on1s the actor may know of (the text only of their own),
//! new ones and their own records edited, and the engagement survey's results for
//! the units they may see.

use crate::app::component::{Component, Shared, move_selection};
use crate::app::effect::{Effect, Popup, Status};
use crate::app::forms::{Form, meeting};
use crate::app::list_filter::ListFilter;
use crate::keys::Action;
use crate::messages::{InstrumentText, Message};
use crate::model::Source;
use crate::view::engagement::{EngagementView, view};
use crate::view::meetings::{MeetingAt, MeetingRow, visible_meetings};
use crate::view::search::Outside;
use crate::workspace::Changed;

pub struct MeetingsTab {
    /// The 1on1s shown, by where they are kept: HR's holds every 1on1 of the city.
    pub rows: Vec<MeetingAt>,
    pub selected: usize,
    /// Whether the survey results are shown instead of the 1on1s.
    pub survey: bool,
    pub engagement: Option<EngagementView>,
    /// First line of the survey results shown.
    pub scroll: usize,
    /// The `/` filter of the 1on1s, by either person, date or kind.
    pub filter: ListFilter,
}

impl MeetingsTab {
    pub fn new(shared: &Shared) -> MeetingsTab {
        let mut tab = MeetingsTab {
            rows: Vec::new(),
            selected: 0,
            survey: false,
            engagement: None,
            scroll: 0,
            filter: ListFilter::default(),
        };
        tab.rebuild_meetings(shared);
        tab.rebuild_engagement(shared);
        tab
    }

    fn rebuild_meetings(&mut self, shared: &Shared) {
        let (world, actor) = (&shared.workspace.world, shared.workspace.actor.as_str());
        let all = visible_meetings(world, actor, None).unwrap_or_default();
        let readable = all.len();
        let needle = self.filter.needle();
        let keeps = |at: &MeetingAt| {
            at.row(world, actor).is_some_and(|row| {
                let (date, kind) = (row.date.to_string(), row.kind.text(shared.lang));
                self.filter.keeps(&needle, [&*row.writer_name, &row.with_name, &date, &kind])
            })
        };
        // Words each row only to compare it with a filter.
        self.rows = if needle.is_empty() { all } else { all.into_iter().filter(keeps).collect() };
        self.filter.settle(self.rows.len(), readable, Outside::Nobody);
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    /// The selected 1on1, worded.
    pub fn selected_row<'w>(&self, shared: &'w Shared) -> Option<MeetingRow<'w>> {
        let at = self.rows.get(self.selected)?;
        at.row(&shared.workspace.world, &shared.workspace.actor)
    }

    /// The survey results, with the previous cycle's read from disk: only when they
    /// or the organisation changed, not on every save.
    fn rebuild_engagement(&mut self, shared: &Shared) {
        let (world, actor) = (&shared.workspace.world, shared.workspace.actor.as_str());
        let previous = shared.workspace.previous_engagement();
        self.engagement = view(world, actor, previous.as_ref(), None);
    }
}

/// Opens a form, or says why there is none.
pub fn open(form: Result<Form, String>) -> Vec<Effect> {
    match form {
        Ok(form) => vec![Effect::Open(Popup::Form(Box::new(form)))],
        Err(reason) => vec![Status::error(reason)],
    }
}

impl Component for MeetingsTab {
    fn handle(&mut self, action: Action, shared: &Shared) -> Vec<Effect> {
        if self.survey {
            match action {
                Action::Down | Action::PageDown => self.scroll += 1,
                Action::Up | Action::PageUp => self.scroll = self.scroll.saturating_sub(1),
                Action::SurveyView => self.survey = false,
                _ => {}
            }
            return Vec::new();
        }
        let page = shared.body_rows().saturating_sub(2).max(1);
        if move_selection(&mut self.selected, self.rows.len(), action, page) {
            return Vec::new();
        }
        match action {
            Action::Filter => {
                self.filter.start();
                Vec::new()
            }
            Action::SurveyView => {
                self.survey = true;
                self.scroll = 0;
                Vec::new()
            }
            Action::NewMeeting => open(meeting::choose_partner(shared)),
            Action::EditMeeting => match self.selected_row(shared) {
                Some(row) if row.own_index.is_some() => open(Ok(meeting::write(shared, row.with, row.own_index))),
                Some(_) => vec![Status::error(InstrumentText::NotYourRecord.text(shared.lang))],
                None => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    fn filter(&self) -> Option<&ListFilter> {
        Some(&self.filter).filter(|_| !self.survey)
    }

    // The survey's results have no filter.
    fn filter_keys(&mut self) -> Option<&mut ListFilter> {
        Some(&mut self.filter).filter(|_| !self.survey)
    }

    fn filter_changed(&mut self, shared: &Shared) {
        self.selected = 0;
        self.rebuild_meetings(shared);
    }

    fn refresh(&mut self, shared: &Shared, changed: &Changed) {
        self.rebuild_meetings(shared);
        if changed.organisation() || changed.written.iter().any(|source| matches!(source, Source::Engagement(_))) {
            self.rebuild_engagement(shared);
        }
    }
}
