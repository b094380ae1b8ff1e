//! The state of every sheet by unit, for HR and the department head: how many
//! sheets are in each state, and whose sheet is behind what the current phase
//! expects ([`workflow::expected_by`]).

use crate::model::hash::HashMap;
use std::collections::BTreeSet;

use crate::model::types::Person;
use crate::model::units::UnitTree;
use crate::model::workflow::{self, SheetState};
use crate::model::{Date, Phase, World};

use super::text::single_line;

/// One unit's line: its people's sheets counted by state, and who is late.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitOverview {
    pub name: String,
    /// How deep the unit sits under the top unit (0 for the top).
    pub depth: usize,
    /// Sheets per state, in [`SheetState::ALL`] order.
    pub counts: [usize; SheetState::ALL.len()],
    /// Name and title of each person whose sheet is late, with its state.
    pub late: Vec<(String, SheetState)>,
}

/// Whose units an overview covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope<'a> {
    /// Every unit: HR's view.
    All,
    /// The units this person heads and every unit below them: a 部長's department,
    /// a 課長's section.
    HeadedBy(&'a str),
}

/// The current phase, and the units of `scope` in org.toml's order, each with the
/// people who belong to it directly. Empty when the scope holds no unit (someone
/// who heads none).
pub fn overview(world: &World, scope: Scope<'_>, today: Date) -> (Option<Phase>, Vec<UnitOverview>) {
    let phase = world.data.cycle.phase_on(today).map(|(phase, _)| phase);
    let expected = phase.map_or(SheetState::Draft, workflow::expected_by);
    let units = &world.org.units;
    let included: Option<BTreeSet<&str>> = match scope {
        Scope::All => None,
        Scope::HeadedBy(head) => {
            let tree = UnitTree::new(&world.org);
            let headed = units.iter().filter(|u| u.head.as_deref() == Some(head));
            Some(headed.flat_map(|u| tree.subtree(&u.id)).collect())
        }
    };
    // People grouped by unit once, so the rows cost one pass over everyone.
    let mut members: HashMap<&str, Vec<&Person>> = HashMap::default();
    for person in &world.org.people {
        members.entry(person.unit.as_str()).or_default().push(person);
    }
    let parents: HashMap<&str, Option<&str>> = units.iter().map(|u| (u.id.as_str(), u.parent.as_deref())).collect();
    let in_scope = |unit: &str| included.as_ref().is_none_or(|included| included.contains(unit));
    // How many units of the scope are above the unit: a department's overview
    // starts at the department, at depth 0.
    let depth = |unit: &str| {
        let (mut depth, mut steps) = (0, 0);
        let mut parent = parents.get(unit).copied().flatten();
        // Bounded: a loop of parents (reported by validation) cannot hang the view.
        while let Some(id) = parent.filter(|_| steps < units.len()) {
            steps += 1;
            depth += usize::from(in_scope(id));
            parent = parents.get(id).copied().flatten();
        }
        depth
    };
    let rows = units
        .iter()
        .filter(|unit| in_scope(&unit.id))
        .map(|unit| {
            let mut counts = [0; SheetState::ALL.len()];
            let mut late = Vec::new();
            for person in members.get(unit.id.as_str()).into_iter().flatten() {
                let state = world.sheet_state(&person.id);
                counts[SheetState::ALL.iter().position(|&s| s == state).unwrap_or(0)] += 1;
                if state < expected {
                    late.push((single_line(&person.name_and_title()).into_owned(), state));
                }
            }
            UnitOverview { name: single_line(&unit.name).into_owned(), depth: depth(&unit.id), counts, late }
        })
        .collect();
    (phase, rows)
}

/// A line of the overview under its table's header: a unit's counts, or a person
/// whose sheet is late (the unit's index, and the person's in its `late`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OverviewLine {
    Unit(usize),
    Late(usize, usize),
}

/// The overview's lines in the order drawn, every unit's counts and then who is
/// late, each with whether it matches itself. `keeps` says whether a text matches
/// the `/` filter (every text does without one): a late person matches by name,
/// title or unit, a unit by name; a unit also shows, as context, when someone late
/// in it matches.
pub fn overview_lines(units: &[UnitOverview], keeps: impl Fn(&str) -> bool) -> Vec<(OverviewLine, bool)> {
    let unit_matches: Vec<bool> = units.iter().map(|unit| keeps(&unit.name)).collect();
    let late: Vec<(OverviewLine, bool)> = units
        .iter()
        .enumerate()
        .flat_map(|(u, unit)| unit.late.iter().enumerate().map(move |(p, person)| (u, p, person)))
        .filter(|&(u, _, (person, _))| unit_matches[u] || keeps(person))
        .map(|(u, p, _)| (OverviewLine::Late(u, p), true))
        .collect();
    let has_late = |u: usize| late.iter().any(|(line, _)| matches!(line, OverviewLine::Late(at, _) if *at == u));
    let mut lines: Vec<(OverviewLine, bool)> = (0..units.len())
        .filter(|&u| unit_matches[u] || has_late(u))
        .map(|u| (OverviewLine::Unit(u), unit_matches[u]))
        .collect();
    lines.extend(late);
    lines
}
