//! The state of every sheet by unit, for HR and the department head: how many
//! sheets are in each state, and whose sheet is behind what the current phase
//! expects ([`workflow::expected_by`]).

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

/// The current phase, and every unit of org.toml in its order with the people who
/// belong to it directly.
pub fn overview(world: &World, today: Date) -> (Option<Phase>, Vec<UnitOverview>) {
    let hierarchy = world.hierarchy();
    let sheets = workflow::all_sheets(&hierarchy, &world.data);
    let phase = world.data.cycle.phase_on(today).map(|(phase, _)| phase);
    let expected = phase.map_or(SheetState::Draft, workflow::expected_by);
    let units = &world.org.units;
    let depth = |unit: &str| {
        let mut depth = 0;
        let mut parent = units.iter().find(|u| u.id == unit).and_then(|u| u.parent.as_deref());
        // Bounded: a loop of parents (reported by validation) cannot hang the view.
        while let Some(id) = parent.filter(|_| depth < units.len()) {
            depth += 1;
            parent = units.iter().find(|u| u.id == id).and_then(|u| u.parent.as_deref());
        }
        depth
    };
    let rows = units
        .iter()
        .map(|unit| {
            let mut counts = [0; SheetState::ALL.len()];
            let mut late = Vec::new();
            for person in world.org.people.iter().filter(|p| p.unit == unit.id) {
                let state = sheets.state(&person.id);
                counts[SheetState::ALL.iter().position(|&s| s == state).unwrap_or(0)] += 1;
                if state < expected {
                    late.push((format!("{} {}", single_line(&person.name), single_line(&person.title)), state));
                }
            }
            UnitOverview { name: single_line(&unit.name).into_owned(), depth: depth(&unit.id), counts, late }
        })
        .collect();
    (phase, rows)
}
