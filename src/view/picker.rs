//! The people of a demonstration data set as the first-run picker lists them: who
//! each is, the part they play, and what the app lets them try.

use crate::model::permissions::Hierarchy;
use crate::model::workflow::{SheetState, sheet_states};
use crate::model::{CycleData, Org};

use super::text::single_line;

/// The part a person plays in the sample, as far as the app is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickerRole {
    /// `hr` role: reads everyone, exports.
    Hr,
    /// Reviews others and has nobody above them: the department head.
    Head,
    /// Reviews the people who report to them.
    Reviewer,
    /// Runs their own sheet.
    Staff,
}

/// One person to choose.
#[derive(Clone, Debug, PartialEq)]
pub struct PickerRow {
    pub id: String,
    pub name: String,
    /// The post (職名) as org.toml gives it.
    pub title: String,
    pub role: PickerRole,
    /// How many people report to them directly.
    pub reports: usize,
    /// Their own sheet's state in the current cycle.
    pub sheet: SheetState,
}

/// Everyone in org.toml, in its order (the head first in the sample).
pub fn picker_rows(org: &Org, data: &CycleData) -> Vec<PickerRow> {
    let hierarchy = Hierarchy::new(org);
    // Every sheet replayed once: asking per person would go through the cycle's
    // records for each of them.
    let sheets = sheet_states(&hierarchy, data);
    org.people
        .iter()
        .map(|person| {
            let reports = hierarchy.direct_reports(&person.id).len();
            let role = if person.is_hr() {
                PickerRole::Hr
            } else if reports > 0 && hierarchy.reviewer_of(&person.id).is_none() {
                PickerRole::Head
            } else if reports > 0 {
                PickerRole::Reviewer
            } else {
                PickerRole::Staff
            };
            PickerRow {
                id: single_line(&person.id).into_owned(),
                name: single_line(&person.name).into_owned(),
                title: single_line(&person.title).into_owned(),
                role,
                reports,
                sheet: sheets.state(&person.id),
            }
        })
        .collect()
}
