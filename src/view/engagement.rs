//! The engagement view, shared by the app's survey view and `pdca show engagement`:
//! per unit the viewer may see, the overall score, the seed's question groups and
//! each question, read against the bands, with the change since the previous
//! cycle. Rows under the minimum of respondents never reach here: the model's
//! [`EngagementFile::shown`] leaves them out, and only their count is said.
//!
//! HR sees every unit; anyone else the units they head and those below them.

use std::collections::BTreeSet;

use crate::model::engagement::{EngagementFile, Reading, unit_summary};
use crate::model::units::UnitTree;
use crate::model::{CycleId, UnitId, World};

/// Something shown in Japanese or English.
#[derive(Clone, Debug, PartialEq)]
pub struct Named {
    pub ja: String,
    pub en: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct QuestionLine {
    pub id: String,
    pub text: Named,
    pub respondents: u32,
    pub reading: Reading,
}

#[derive(Clone, Debug, PartialEq)]
pub struct UnitBlock {
    pub unit: UnitId,
    pub name: String,
    pub overall: Reading,
    pub groups: Vec<(Named, Reading)>,
    pub questions: Vec<QuestionLine>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EngagementView {
    pub cycle: CycleId,
    pub min_respondents: u32,
    /// Rows held back for too few respondents.
    pub suppressed: usize,
    /// Units with something to show, in org.toml's order.
    pub units: Vec<UnitBlock>,
}

/// The units whose results `actor` may see.
pub fn visible_units<'a>(world: &'a World, actor: &str) -> BTreeSet<&'a str> {
    let tree = UnitTree::new(&world.org);
    if world.person(actor).is_some_and(|p| p.is_hr()) {
        return world.org.units.iter().map(|u| u.id.as_str()).collect();
    }
    world.org.units.iter().filter(|u| u.head.as_deref() == Some(actor)).flat_map(|u| tree.subtree(&u.id)).collect()
}

/// The cycle's results for `actor` (one unit's with `only`), or `None` when HR has
/// imported none; `previous` is the cycle before's, to compare with.
pub fn view(
    world: &World,
    actor: &str,
    previous: Option<&EngagementFile>,
    only: Option<&str>,
) -> Option<EngagementView> {
    let file = world.data.instruments.engagement.as_ref()?;
    let settings = world.info.engagement_settings();
    let (current, before) = (file.shown(&settings), previous.map(|p| p.shown(&settings)));
    let tree = UnitTree::new(&world.org);
    let questions = &world.data.instruments.questions;
    let visible = visible_units(world, actor);
    let units = world
        .org
        .units
        .iter()
        .filter(|u| visible.contains(u.id.as_str()) && only.is_none_or(|only| only == u.id))
        .filter_map(|unit| {
            let summary = unit_summary(&tree, questions, &current, before.as_ref(), &unit.id)?;
            let groups = summary
                .groups
                .iter()
                .filter_map(|g| {
                    let group = questions.group(&g.group)?;
                    Some((Named { ja: group.name.clone(), en: group.name_en.clone() }, g.reading))
                })
                .collect();
            let lines = summary
                .questions
                .iter()
                .filter_map(|q| {
                    let question = questions.question(&q.question)?;
                    let text = Named { ja: question.text.clone(), en: question.text_en.clone() };
                    Some(QuestionLine { id: q.question.clone(), text, respondents: q.respondents, reading: q.reading })
                })
                .collect();
            Some(UnitBlock {
                unit: unit.id.clone(),
                name: unit.name.clone(),
                overall: summary.overall,
                groups,
                questions: lines,
            })
        })
        .collect();
    Some(EngagementView {
        cycle: world.data.cycle.id.clone(),
        min_respondents: settings.min_respondents,
        suppressed: current.suppressed(),
        units,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DataSetInfo;
    use crate::model::cascade::tests::cycle_data;
    use crate::model::engagement::tests::row;
    use crate::model::engagement::{Band, EngagementFile};
    use crate::model::permissions::tests::city;

    fn world() -> World {
        let mut data = cycle_data(vec![]);
        data.instruments.engagement = Some(EngagementFile::new(
            "2025",
            vec![row("jinji", "Q4", 3.0, 10), row("jinji-t", "Q4", 2.0, 3), row("joho", "Q4", 3.9, 6)],
        ));
        let info: DataSetInfo =
            toml::from_str("schema_version = 1\norganisation = \"市\"\ncurrent_cycle = \"2025\"\n").unwrap();
        World::new(info, city(), data)
    }

    #[test]
    fn a_section_head_sees_their_units_hr_all_and_small_units_never() {
        let world = world();
        let previous = EngagementFile::new("2024", vec![row("jinji", "Q4", 2.8, 12)]);
        // 鈴木 heads 人事課: 人事課 and 人材育成チーム, whose 3 answers are held back.
        let seen = view(&world, "suzuki", Some(&previous), None).unwrap();
        assert_eq!(seen.units.iter().map(|u| u.unit.as_str()).collect::<Vec<_>>(), ["jinji"]);
        assert_eq!(seen.suppressed, 1);
        let jinji = &seen.units[0];
        assert_eq!((jinji.overall.mean, jinji.overall.band), (3.0, Band::Low));
        assert!((jinji.overall.change.unwrap() - 0.2).abs() < 1e-9, "3.0 against 2.8");
        assert_eq!(jinji.questions[0].respondents, 10);
        // HR (木村) sees every unit with results; 総務部 from its sections: (3.0·10 + 3.9·6) / 16.
        let hr = view(&world, "kimura", None, None).unwrap();
        let ids: Vec<&str> = hr.units.iter().map(|u| u.unit.as_str()).collect();
        assert_eq!(ids, ["soumu", "jinji", "joho"]);
        assert!((hr.units[0].overall.mean - 53.4 / 16.0).abs() < 1e-9);
        assert_eq!(view(&world, "kimura", None, Some("joho")).unwrap().units.len(), 1);
        // 伊藤 heads nothing.
        assert!(view(&world, "ito", None, None).unwrap().units.is_empty());
    }
}
