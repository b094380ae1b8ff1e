//! How a measured goal's figure was computed, as a viewer reads it in the goal's
//! Plan pane and popup: the value, and what it was counted from (never who: the
//! counts only, so that the figure tells nobody whom it counted).

use crate::model::World;
use crate::model::metric_source::{Inputs, Measurement, MetricSource};

#[derive(Clone, Debug, PartialEq)]
pub enum MeasuredBasis {
    /// People in the owner's units who completed the course.
    Training { course: String, people: usize, units: usize },
    /// The unit's overall mean, or one question's.
    Engagement { unit: String, question: Option<String>, respondents: u32 },
    /// People in the owner's units with at least `min_meetings` 1on1s.
    Meetings { min_meetings: u32, reaching: usize, people: usize },
    /// The owner is not in org.toml: there is nothing to count.
    UnknownOwner { source: &'static str },
}

#[derive(Clone, Debug, PartialEq)]
pub struct MeasuredNote {
    /// `None` until there is something to measure; the goal keeps its estimate.
    pub value: Option<f64>,
    pub basis: MeasuredBasis,
}

/// The note of a goal whose metric names a source.
pub fn note(world: &World, goal: &str) -> Option<MeasuredNote> {
    let Measurement { source, inputs, value, .. } = world.measurements.get(goal)?;
    let basis = match (source, inputs) {
        (MetricSource::Training { course }, Inputs::Training { units, completed_by }) => {
            MeasuredBasis::Training { course: course.clone(), people: completed_by.len(), units: units.len() }
        }
        (MetricSource::Engagement { .. }, Inputs::Engagement { unit, question, respondents }) => {
            let unit = world.org.units.iter().find(|u| &u.id == unit).map_or(unit, |u| &u.name).clone();
            MeasuredBasis::Engagement { unit, question: question.clone(), respondents: *respondents }
        }
        (MetricSource::Meetings { min_meetings }, Inputs::Meetings { people, reaching, .. }) => {
            MeasuredBasis::Meetings { min_meetings: *min_meetings, reaching: reaching.len(), people: *people }
        }
        (source, _) => MeasuredBasis::UnknownOwner { source: source.name() },
    };
    Some(MeasuredNote { value: *value, basis })
}
