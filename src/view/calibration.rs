//! Calibration (評価調整) as a calibrator sees it: the people whose sheets are reviewed
//! and whom the viewer may calibrate, the distribution of their final levels per
//! reviewer with the model's flags (central tendency, leniency or severity), the
//! self-against-reviewer gap, each person's computed and final result, the target
//! bands, and a preview of levels under consideration before they are recorded.
//! Shared by the app's calibration view and `pdca show calibration`.

use crate::model::calibration::{Candidate, Flag, Outcome, Stats, Subject, preview, report, subjects};
use crate::model::units::UnitTree;
use crate::model::workflow::SheetState;
use crate::model::{Level, PersonId, World};

/// The final levels S–D of a group of people, with the reviewer's mean level points
/// and what the model flags about them.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewerRow {
    /// `None` for the whole of what the viewer calibrates.
    pub reviewer: Option<PersonId>,
    pub name: String,
    pub people: usize,
    /// Final levels, S to D.
    pub levels: [usize; 5],
    /// The mean points of every level the reviewer gave (goals and abilities).
    pub given_mean: Option<f64>,
    /// Mean self points minus reviewer points over every pair: positive means people
    /// rate themselves higher than their reviewer does.
    pub gap: Option<f64>,
    /// Lenient (`true`) or harsh (`false`), when the reviewer's mean is far from the whole's.
    pub leniency: Option<bool>,
    pub central_tendency: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PersonRow {
    pub person: PersonId,
    pub name: String,
    pub reviewer: Option<PersonId>,
    pub performance: Option<f64>,
    pub competency: Option<f64>,
    pub computed: Outcome,
    pub adjusted: Outcome,
    /// The result a level under consideration would give, when it differs from `adjusted`.
    pub trial: Option<Outcome>,
    /// Adjustments that took effect, oldest first: (by, reason).
    pub adjustments: Vec<(PersonId, String)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CalibrationView {
    pub all: ReviewerRow,
    /// Everyone with the levels under consideration applied; `None` when there are none.
    pub after: Option<ReviewerRow>,
    pub by_reviewer: Vec<ReviewerRow>,
    pub people: Vec<PersonRow>,
    /// The target bands of `pdca.toml` against the shares of all final levels.
    pub targets: Vec<Target>,
}

/// One target band: at most `limit` (0–1) of the people at `level`.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    pub level: Level,
    pub limit: f64,
    /// The share of final levels at `level` now; `None` when nobody has a level.
    pub share: Option<f64>,
    /// The share with the levels under consideration, when there are any.
    pub after: Option<f64>,
}

impl Target {
    /// Whether the band is exceeded now, and with the levels under consideration.
    pub fn over(&self) -> (bool, bool) {
        let over = |share: Option<f64>| share.is_some_and(|share| share > self.limit + 1e-9);
        (over(self.share), over(self.after.or(self.share)))
    }
}

/// Whom to look at: a unit (and the units below it), a reviewer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    pub unit: Option<String>,
    pub reviewer: Option<String>,
}

/// What `actor` calibrates (HR: everyone; a second reviewer: the people they confirm),
/// of the sheets reviewed or later, with `candidates` previewed over the recorded
/// results; `None` when the actor calibrates nobody at all.
pub fn calibration(world: &World, actor: &str, filter: &Filter, candidates: &[Candidate]) -> Option<CalibrationView> {
    let hierarchy = world.hierarchy();
    if !hierarchy.calibrates_anyone(actor) {
        return None;
    }
    let may = |person: &str| hierarchy.can_calibrate(actor, person).is_ok();
    let formula = world.info.score_formula();
    let rules = world.info.calibration.clone().unwrap_or_default();
    let units = UnitTree::new(&world.org);
    let in_unit = |unit: &str| filter.unit.as_deref().is_none_or(|wanted| units.subtree(wanted).contains(unit));
    let chosen: Vec<Subject<'_>> = subjects(&hierarchy, &world.data, &formula, SheetState::Reviewed)
        .into_iter()
        .filter(|s| may(&s.person.id) && in_unit(&s.person.unit))
        .filter(|s| filter.reviewer.as_deref().is_none_or(|wanted| s.reviewer.is_some_and(|r| r.id == wanted)))
        .collect();
    let report = report(&chosen, &rules, &formula);
    let gap_of = |reviewer: &str| report.reviewer_gaps.iter().find(|(id, _)| id == reviewer).map(|(_, gap)| gap.mean);
    let by_reviewer = report
        .by_reviewer
        .iter()
        .map(|(id, stats)| {
            let mut row = row(Some(*id), world.name_and_title(id), stats);
            row.gap = gap_of(id);
            for flag in &report.flags {
                match flag {
                    Flag::CentralTendency { reviewer, .. } if reviewer == id => row.central_tendency = true,
                    Flag::Leniency { reviewer, lenient, .. } if reviewer == id => row.leniency = Some(*lenient),
                    _ => {}
                }
            }
            row
        })
        .collect();
    let mut all = row(None, String::new(), &report.all);
    let pairs: Vec<f64> = report.gaps.iter().map(|g| g.gap.mean * g.gap.pairs as f64).collect();
    let count: usize = report.gaps.iter().map(|g| g.gap.pairs).sum();
    all.gap = (count > 0).then(|| pairs.iter().sum::<f64>() / count as f64);
    let preview = preview(&chosen, candidates, &formula);
    let trying = !preview.changed.is_empty();
    let after = trying.then(|| ReviewerRow { gap: all.gap, ..row(None, String::new(), &preview.after) });
    let targets = rules
        .bands
        .iter()
        .map(|(&level, &limit)| Target {
            level,
            limit,
            share: report.all.levels.share(level),
            after: if trying { preview.after.levels.share(level) } else { None },
        })
        .collect();
    let people = chosen
        .iter()
        .zip(&preview.results)
        .map(|(s, &trial)| PersonRow {
            person: s.person.id,
            name: s.person.name_and_title(),
            reviewer: s.reviewer.map(|r| r.id),
            performance: s.evaluation.performance.score,
            competency: s.evaluation.competency.as_ref().and_then(|(_, score)| score.score),
            computed: s.result.computed,
            adjusted: s.result.adjusted,
            trial: (trial != s.result.adjusted).then_some(trial),
            adjustments: s.result.applied.iter().map(|a| (a.record.by, a.record.reason.clone())).collect(),
        })
        .collect();
    Some(CalibrationView { all, after, by_reviewer, people, targets })
}

fn row(reviewer: Option<PersonId>, name: String, stats: &Stats) -> ReviewerRow {
    ReviewerRow {
        reviewer,
        name,
        people: stats.people,
        levels: Level::ALL.map(|level| stats.levels.count(level)),
        given_mean: stats.given_points.map(|summary| summary.mean),
        gap: None,
        leniency: None,
        central_tendency: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::calibration::FinalValue;
    use crate::view::tests::sample;

    #[test]
    fn hr_sees_the_reviewed_sheets_by_reviewer_with_the_adjustment_applied() {
        let (_dir, world) = sample();
        let view = calibration(&world, "P0007", &Filter::default(), &[]).unwrap();
        let people: Vec<&str> = view.people.iter().map(|p| p.person.as_str()).collect();
        // The reviewed-or-later sheets of the sample: 鳴海 (confirmed) and 石岡 (reviewed).
        assert_eq!(people, ["P0011", "P0017"]);
        let narumi = &view.people[0];
        // By hand: 5 S and 7 A count of his 12 abilities, (5·5 + 7·4) / 12 = 4.42; with the
        // goal score 4.00 the overall is (0.5·4.00 + 0.5·4.42) / 1 = 4.21, level A.
        assert_eq!((narumi.performance, narumi.competency), (Some(4.0), Some(4.42)));
        assert_eq!(narumi.computed.score, Some(4.21));
        assert_eq!(narumi.computed.level, Some(Level::A));
        assert_eq!(narumi.adjusted.level, Some(Level::B), "the adjustment by HR");
        assert_eq!(narumi.adjustments.len(), 1);
        assert_eq!(view.all.people, 2);
        assert_eq!(view.all.levels.iter().sum::<usize>(), 2);
        let reviewers: Vec<Option<&str>> = view.by_reviewer.iter().map(|r| r.reviewer.as_deref()).collect();
        assert_eq!(reviewers, [Some("P0003"), Some("P0004")]);
        // By reviewer: 佐々木 reviewed 鳴海 only.
        let only = calibration(&world, "P0007", &Filter { reviewer: Some("P0003".into()), unit: None }, &[]).unwrap();
        assert_eq!(only.people.len(), 1);
        let unit =
            calibration(&world, "P0007", &Filter { unit: Some("johoseisaku".into()), reviewer: None }, &[]).unwrap();
        assert_eq!(unit.people.iter().map(|p| p.person.as_str()).collect::<Vec<_>>(), ["P0017"]);
    }

    #[test]
    fn a_second_reviewer_calibrates_the_people_they_confirm_and_others_nobody() {
        let (_dir, world) = sample();
        // 工藤 confirms both sheets (the second reviewer of 佐々木's and 三上's reports).
        assert_eq!(calibration(&world, "P0001", &Filter::default(), &[]).unwrap().people.len(), 2);
        assert!(calibration(&world, "P0022", &Filter::default(), &[]).is_none());
    }

    #[test]
    fn levels_under_consideration_show_the_distribution_and_bands_after_without_recording() {
        let (_dir, world) = sample();
        let before = calibration(&world, "P0007", &Filter::default(), &[]).unwrap();
        assert!(before.after.is_none() && before.people.iter().all(|p| p.trial.is_none()));
        // The sample's bands: S ≤ 5 %, A ≤ 25 %; both people are at B.
        let shares: Vec<(Level, f64, Option<f64>)> =
            before.targets.iter().map(|t| (t.level, t.limit, t.share)).collect();
        assert_eq!(shares, [(Level::S, 0.05, Some(0.0)), (Level::A, 0.25, Some(0.0))]);
        let try_level = |person: &str, level| Candidate { person: person.into(), to: FinalValue::Level(level) };
        // 石岡 tried at A, 鳴海 at the B he already has (no change).
        let candidates = [try_level("P0017", Level::A), try_level("P0011", Level::B)];
        let view = calibration(&world, "P0007", &Filter::default(), &candidates).unwrap();
        let after = view.after.as_ref().expect("a level under consideration changes the distribution");
        assert_eq!(after.levels, [0, 1, 1, 0, 0]);
        assert_eq!(view.all.levels, [0, 0, 2, 0, 0], "the recorded distribution stays");
        assert_eq!(view.people[1].trial.and_then(|t| t.level), Some(Level::A));
        assert_eq!(view.people[0].trial, None, "a trial equal to the final level is no trial");
        // A: 1 of 2 people = 50 %, over its band of 25 % only after.
        let a = &view.targets[1];
        assert_eq!((a.share, a.after, a.over()), (Some(0.0), Some(0.5), (false, true)));
    }
}
