//! The 能力評価 part of a person's sheet as a viewer sees it: each applicable ability
//! with its description and the behavioural anchor of the person's level group, the
//! self rating, and the reviewer's and second reviewer's ratings where the viewer may
//! read them; and which of the three the viewer may write. The self rating's evidence
//! (Do-log entries it cites) shows wherever the self rating does. The whole part is
//! open to the person, those above them and HR (`Hierarchy::can_read_abilities`).

pub mod evidence;

use self::evidence::{LogEntryRow, cited};
use crate::model::competency::{
    AbilityId, AbilityLevels, AbilityRating, LevelGroup, Rater, competency_sheet, rater_of,
};
use crate::model::workflow::{SheetState, sheet_state};
use crate::model::{Held, Level, PersonId, World};

/// One rating as shown: level and comment.
#[derive(Clone, Debug, PartialEq)]
pub struct Rated {
    pub level: Level,
    /// Away when the rating's comment was left on disk.
    pub comment: Held<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AbilityRow {
    pub id: AbilityId,
    /// (Japanese, English) names of the ability and of its group.
    pub name: (String, String),
    pub group: (String, String),
    pub description: (String, String),
    /// What the ability looks like at the person's level group, when the framework says.
    pub anchor: Option<(String, String)>,
    pub own: Option<Rated>,
    /// The Do-log entries the self rating cites, in its order.
    pub evidence: Held<Vec<LogEntryRow>>,
    /// `None` also where the viewer may not read the raters' levels yet.
    pub reviewer: Option<Rated>,
    pub second: Option<Rated>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AbilitiesView {
    pub person: PersonId,
    pub group: LevelGroup,
    pub state: SheetState,
    pub rows: Vec<AbilityRow>,
    /// Whether the raters' levels are shown (to the person: once confirmed).
    pub raters_visible: bool,
    /// Whose level the viewer writes on this sheet, if anyone's; `None` also once
    /// the sheet is confirmed (nothing of it moves until it is sent back).
    pub writes_as: Option<Rater>,
}

/// `person`'s 能力評価 part as `actor` may see it; `None` when the actor may not read
/// the person's 能力評価 (`can_read_abilities`), the data set has no framework, or the person no level group.
pub fn abilities(world: &World, actor: &str, person: &str) -> Option<AbilitiesView> {
    let hierarchy = world.hierarchy();
    hierarchy.can_read_abilities(actor, person).ok()?;
    let sheet = competency_sheet(&hierarchy, &world.data, person)?;
    let state = sheet_state(&hierarchy, &world.data, person).state;
    let confirmed = state >= SheetState::Confirmed;
    let raters_visible = hierarchy.can_read_feedback(actor, person, confirmed).is_ok();
    let writes_as = if confirmed {
        None
    } else if actor == person {
        Some(Rater::Owner)
    } else {
        rater_of(&hierarchy, actor, person)
    };
    let framework = world.data.competencies.as_ref()?;
    let rows = sheet
        .abilities
        .iter()
        .map(|levels| {
            let mut row = row(levels, framework, sheet.group, raters_visible);
            if let Some(own) = levels.own {
                row.evidence = own.evidence().map_or(Held::Away, |evidence| cited(world, person, evidence).into());
            }
            row
        })
        .collect();
    Some(AbilitiesView { person: person.into(), group: sheet.group, state, rows, raters_visible, writes_as })
}

fn row(
    levels: &AbilityLevels<'_>,
    framework: &crate::model::competency::Framework,
    group: LevelGroup,
    raters_visible: bool,
) -> AbilityRow {
    let ability = levels.ability;
    let group_names = framework
        .group(&ability.group)
        .map_or_else(|| (ability.group.clone(), ability.group.clone()), |g| (g.name.clone(), g.name_en().to_owned()));
    let rated = |level: Option<Level>, comment: Option<Held<String>>| {
        level.map(|level| Rated { level, comment: comment.unwrap_or_default() })
    };
    let visible = |rater: Rater, rating: Option<&AbilityRating>| {
        let comment = rating.map(|rating| Held::of(rating.comment().cloned()));
        if raters_visible { rated(levels.level(rater), comment) } else { None }
    };
    AbilityRow {
        id: ability.id,
        name: (ability.name.clone(), ability.name_en().to_owned()),
        group: group_names,
        description: (ability.description.clone(), ability.description_en().to_owned()),
        anchor: ability.anchor(group).map(|ja| (ja.to_owned(), ability.anchor_en(group).unwrap_or(ja).to_owned())),
        own: rated(levels.level(Rater::Owner), levels.own.map(|r| Held::of(r.comment().cloned()))),
        evidence: Held::default(),
        reviewer: visible(Rater::Reviewer, levels.reviewer),
        second: visible(Rater::SecondReviewer, levels.second),
    }
}

impl AbilitiesView {
    /// The level and comment the viewer wrote on `row` before, to start a form from.
    pub fn written<'r>(&self, row: &'r AbilityRow) -> Option<&'r Rated> {
        match self.writes_as? {
            Rater::Owner => row.own.as_ref(),
            Rater::Reviewer => row.reviewer.as_ref(),
            Rater::SecondReviewer => row.second.as_ref(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::tests::sample;

    #[test]
    fn each_viewer_sees_and_writes_what_the_rules_allow() {
        let (_dir, world) = sample();
        // 鳴海 (P0011, 主事級) is confirmed: he sees his raters' levels, nobody writes.
        let own = abilities(&world, "P0011", "P0011").unwrap();
        assert_eq!(own.group, LevelGroup::Staff);
        assert_eq!(own.rows.len(), 12, "14 abilities less マネジメント能力 and リーダーシップ力");
        assert!(own.raters_visible);
        assert_eq!(own.writes_as, None);
        let accuracy = own.rows.iter().find(|r| r.id == "accuracy").unwrap();
        let levels = [&accuracy.own, &accuracy.reviewer, &accuracy.second].map(|r| r.as_ref().map(|r| r.level));
        assert_eq!(levels, [Some(Level::A), Some(Level::S), Some(Level::A)]);
        assert!(accuracy.anchor.is_some());
        // 田中 (P0022) is self-checked: he rates himself and does not see his reviewer's levels.
        let tanaka = abilities(&world, "P0022", "P0022").unwrap();
        assert_eq!(tanaka.writes_as, Some(Rater::Owner));
        assert!(!tanaka.raters_visible);
        assert!(tanaka.rows.iter().all(|r| r.reviewer.is_none() && r.second.is_none()));
        assert_eq!(abilities(&world, "P0005", "P0022").unwrap().writes_as, Some(Rater::Reviewer));
        assert_eq!(abilities(&world, "P0001", "P0022").unwrap().writes_as, Some(Rater::SecondReviewer));
        // A peer section head reads nothing of it.
        assert!(abilities(&world, "P0004", "P0022").is_none());
        // The evidence of 田中's 判断力 shows to him and to both his raters.
        for viewer in ["P0022", "P0005", "P0001"] {
            let view = abilities(&world, viewer, "P0022").unwrap();
            let judgement = view.rows.iter().find(|r| r.id == "judgement").unwrap();
            let cited: Vec<(&str, String)> =
                judgement.evidence.get().unwrap().iter().map(|e| (e.goal.as_str(), e.date.to_string())).collect();
            assert_eq!(cited, [("P0022-2026-1", "2026-08-29".to_owned())], "as {viewer}");
        }
    }
}
