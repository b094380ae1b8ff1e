//! The People tab: the unit tree with heads and members.

use crate::app::component::{Component, Shared, move_selection};
use crate::app::effect::Effect;
use crate::app::list_filter::ListFilter;
use crate::keys::Action;
use crate::view::meetings::{Recencies, RecencyCell};
use crate::view::people::{PeopleLine, lines, nth_person, widest};
use crate::view::search::{Haystacks, Outside, unit_names};
use crate::workspace::Changed;

pub struct PeopleTab {
    /// The whole unit tree's lines, worked out when the organisation changes.
    all: Vec<PeopleLine>,
    /// Each person's texts the filter looks in, folded once per organisation.
    haystacks: Haystacks,
    /// The lines shown: the unit tree, under a filter only who matches and their units.
    pub lines: Vec<PeopleLine>,
    /// The selected person, counting people only.
    pub selected: usize,
    /// Days since the last 1on1 and recognition of the people below the viewer
    /// (everyone's, for HR), by their place in the organisation's list: a map by
    /// id was four times the size, for a city's 20,000.
    pub recency: Vec<Option<RecencyCell>>,
    /// The `/` filter, by a person's name, id, title or unit.
    pub filter: ListFilter,
    /// Cells of the longest name and title in the organisation, filtered or not:
    /// the columns do not jump as a filter is typed.
    pub widest: (usize, usize),
}

impl PeopleTab {
    pub fn new(shared: &Shared) -> PeopleTab {
        let all = lines(&shared.workspace.world.org);
        let mut tab = PeopleTab {
            lines: all.clone(),
            all,
            haystacks: Haystacks::default(),
            selected: 0,
            recency: Vec::new(),
            filter: ListFilter::default(),
            widest: widest_name_and_title(&shared.workspace.world.org),
        };
        tab.recency = recency_below(shared);
        tab
    }

    /// The unit tree, under a filter only the people who match and their units.
    fn refilter(&mut self, shared: &Shared) {
        let org = &shared.workspace.world.org;
        let needle = self.filter.needle();
        let unit_names = unit_names(org);
        let texts = |index: usize| {
            let p = &org.people[index];
            [&*p.id, &p.name, &p.title, unit_names.get(p.unit.as_str()).copied().unwrap_or("")]
        };
        let mut matching = vec![false; org.people.len()];
        for index in self.haystacks.keep(org.people.len(), texts, &needle, 0..org.people.len()) {
            matching[index] = true;
        }
        let kept = |line: &PeopleLine| matches!(*line, PeopleLine::Person { person, .. } if matching[person]);
        let all = &self.all;
        let mut shown: Vec<PeopleLine> = Vec::new();
        for line in all {
            match line {
                // A unit shows when one of its members does; the last unit shown
                // without a member goes again.
                PeopleLine::Unit { .. } => {
                    if matches!(shown.last(), Some(PeopleLine::Unit { .. })) && !needle.is_empty() {
                        shown.pop();
                    }
                    shown.push(*line);
                }
                PeopleLine::Person { .. } if kept(line) => shown.push(*line),
                PeopleLine::Person { .. } => {}
            }
        }
        if !needle.is_empty() && matches!(shown.last(), Some(PeopleLine::Unit { .. })) {
            shown.pop();
        }
        let people = |lines: &[PeopleLine]| lines.iter().filter(|l| matches!(l, PeopleLine::Person { .. })).count();
        // Everyone is in the unit tree: nobody is elsewhere.
        self.filter.settle(people(&shown), people(all), Outside::Nobody);
        self.lines = shown;
        self.selected = self.selected.min(self.people().saturating_sub(1));
    }

    /// How many people the lines show.
    fn people(&self) -> usize {
        self.lines.iter().filter(|line| matches!(line, PeopleLine::Person { .. })).count()
    }
}

/// The recency of everyone the actor is above, or of everyone for HR.
fn recency_below(shared: &Shared) -> Vec<Option<RecencyCell>> {
    let (world, actor) = (&shared.workspace.world, shared.workspace.actor.as_str());
    let hierarchy = world.hierarchy();
    let hr = world.person(actor).is_some_and(|p| p.is_hr());
    // Everyone's figures only once everyone's 1on1s are loaded; the people below
    // the viewer are in the viewer's part.
    let hr = hr && !shared.partial;
    let recencies = Recencies::new(world, shared.workspace.today);
    let below = hierarchy.below_of(actor);
    world
        .org
        .people
        .iter()
        .zip(below)
        .map(|(p, below)| (p.id != actor && (hr || below)).then(|| recencies.of(&p.id)))
        .collect()
}

impl Component for PeopleTab {
    fn handle(&mut self, action: Action, shared: &Shared) -> Vec<Effect> {
        let org = &shared.workspace.world.org;
        if action == Action::Filter {
            self.filter.start();
            return Vec::new();
        }
        let page = shared.body_rows().saturating_sub(2).max(1);
        let people = self.people();
        if move_selection(&mut self.selected, people, action, page) {
            return Vec::new();
        }
        match nth_person(&self.lines, self.selected).and_then(|index| org.people.get(index)) {
            Some(person) if action == Action::PeopleGoals => vec![Effect::ShowInTree(person.name.clone())],
            _ => Vec::new(),
        }
    }

    fn refresh(&mut self, shared: &Shared, changed: &Changed) {
        self.recency = recency_below(shared);
        if changed.organisation() {
            self.widest = widest_name_and_title(&shared.workspace.world.org);
            self.all = lines(&shared.workspace.world.org);
            self.haystacks = Haystacks::default();
            self.refilter(shared);
        }
    }

    fn filter(&self) -> Option<&ListFilter> {
        Some(&self.filter)
    }

    fn filter_keys(&mut self) -> Option<&mut ListFilter> {
        Some(&mut self.filter)
    }

    fn filter_changed(&mut self, shared: &Shared) {
        self.selected = 0;
        self.refilter(shared);
    }
}

fn widest_name_and_title(org: &crate::model::Org) -> (usize, usize) {
    (widest(org, |person| &person.name), widest(org, |person| &person.title))
}
