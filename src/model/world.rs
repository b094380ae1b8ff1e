//! One cycle of the data set with the organisation, as loaded, with the indexes
//! every view and rule asks: the measured metrics, the cascade and the reporting lines. Pure data: the
//! store fills it, commands replace files in it, views read it.

use std::sync::OnceLock;

use super::alignment::goal_links;
use super::approved::approved_progress;
use super::cascade::Cascade;
use super::engagement::EngagementFile;
use super::info::DataSetInfo;
use super::meetings::MeetingsFile;
use super::metric_source::Measurements;
use super::permissions::{Hierarchy, OrgIndex};
use super::problem::Problem;
use super::types::calibration::CalibrationFile;
use super::types::{CycleData, FeedbackFile, Goal, GoalsFile, Org, Person};
use super::upsert::{find_sorted, replace_or_push, upsert_sorted};
use super::workflow::{self, SheetState, SheetStates};

#[derive(Clone, Debug)]
pub struct World {
    pub info: DataSetInfo,
    pub org: Org,
    /// The cycle's files; goals files sorted by owner, feedback files by reviewer.
    pub data: CycleData,
    pub cascade: Cascade,
    /// Goal metrics computed from the 1on1s, engagement results and training records.
    pub measurements: Measurements,
    index: OrgIndex,
    /// Each node's approved progress ([`super::approved`]), worked out when first
    /// asked after a change: it needs every sheet's state, replayed on all cores.
    /// So it must not be first asked from within work on all cores (rayon) that
    /// may run beside another first asking: a worker waiting in the one could
    /// take up the other and wait for itself. Views ask it while building rows,
    /// before any such work.
    approved: OnceLock<Vec<Option<f64>>>,
    /// Every sheet's state: worked out with the world, and when first asked after
    /// a change, as `approved` is (and with the same care).
    states: OnceLock<SheetStates>,
    /// The warnings about goals' links ([`goal_links`]): worked out with the world,
    /// and when first asked after its goals or organisation change, as `approved`
    /// is (and with the same care).
    links: OnceLock<Vec<Problem>>,
}

impl World {
    pub fn new(info: DataSetInfo, org: Org, mut data: CycleData) -> World {
        data.goals.sort_by_key(|a| a.owner);
        data.feedback.sort_by_key(|a| a.reviewer);
        // The organisation's index, every sheet's state and the goals' links beside
        // the cascade, each side on a core: none needs the other, and at city scale
        // each takes tens of milliseconds (they would otherwise be worked out when
        // first asked, with the other core idle).
        let ((index, states, links), (measurements, cascade)) = rayon::join(
            || {
                let index = OrgIndex::new(&org);
                let hierarchy = Hierarchy::with_index(&org, &index);
                let states = workflow::sheet_states(&hierarchy, &data);
                let links = goal_links(&hierarchy, &data);
                (index, states, links)
            },
            || {
                let measurements = Measurements::compute(&org, &data, &info.engagement_settings());
                let cascade = Cascade::build_measured(&data, &measurements);
                (measurements, cascade)
            },
        );
        let (approved, states, links) = (OnceLock::new(), OnceLock::from(states), OnceLock::from(links));
        World { info, org, data, cascade, measurements, index, approved, states, links }
    }

    /// The reporting lines, from the kept index.
    pub fn hierarchy(&self) -> Hierarchy<'_> {
        Hierarchy::with_index(&self.org, &self.index)
    }

    pub fn person(&self, id: &str) -> Option<&Person> {
        self.index.position(id).map(|index| &self.org.people[index])
    }

    /// "工藤 誠一 部長": a person's name and title, or the bare id of someone unknown.
    pub fn name_and_title(&self, id: &str) -> String {
        self.person(id).map_or_else(|| id.to_owned(), Person::name_and_title)
    }

    pub fn goals_file(&self, owner: &str) -> Option<&GoalsFile> {
        find_sorted(&self.data.goals, owner, |f| f.owner.as_str())
    }

    /// The goals of `owner`'s sheet (none when they have no goals file).
    pub fn goals_of(&self, owner: &str) -> &[Goal] {
        self.goals_file(owner).map(|f| f.goals.as_slice()).unwrap_or_default()
    }

    pub fn feedback_file(&self, reviewer: &str) -> Option<&FeedbackFile> {
        find_sorted(&self.data.feedback, reviewer, |f| f.reviewer.as_str())
    }

    /// A goal's progress as the cascade rolls it up (0 for an unknown goal).
    pub fn progress_of(&self, goal: &str) -> f64 {
        self.cascade.node_of_goal(&self.data, goal).map_or(0.0, |node| self.cascade.nodes[node].progress)
    }

    /// `person`'s sheet's state (a draft without records). Worked out for everyone
    /// on all cores when first asked after a change: not to be first asked from
    /// within work on all cores (see `approved`).
    pub fn sheet_state(&self, person: &str) -> SheetState {
        self.states.get_or_init(|| workflow::sheet_states(&self.hierarchy(), &self.data)).state(person)
    }

    /// A node's approved progress: the roll-up over goals whose sheet is approved
    /// or later; `None` for a draft's goal or a proposal (see [`super::approved`]).
    pub fn approved_progress(&self, node: usize) -> Option<f64> {
        self.approved_figures().get(node).copied().flatten()
    }

    /// Every node's approved progress, worked out (with every sheet's state) the
    /// first time one is asked for.
    pub fn approved_figures(&self) -> &[Option<f64>] {
        self.approved.get_or_init(|| {
            approved_progress(&self.cascade, &self.data, |person| self.sheet_state(person) >= SheetState::Approved)
        })
    }

    /// The warnings about goals' links: unlinked goals and those due after their
    /// parent ([`goal_links`]), whatever the day. Worked out when first asked after
    /// a change: not to be first asked from within work on all cores (see `approved`).
    pub fn goal_links(&self) -> &[Problem] {
        self.links.get_or_init(|| goal_links(&self.hierarchy(), &self.data))
    }

    /// Puts `file` in place of the owner's goals file (or adds it) and rolls the
    /// cascade up again.
    pub fn replace_goals_file(&mut self, file: GoalsFile) {
        upsert_sorted(&mut self.data.goals, file, |f| &f.owner);
        self.links = OnceLock::new();
        self.measure();
    }

    /// Puts `whole`, a goals file held in part (see [`super::HeldTexts`])
    /// read again from the same bytes, in place of the held one; false when the
    /// owner has none here. Only texts left on disk come in, and nothing worked out
    /// from the files reads them: nothing is worked out again.
    pub fn fill_in_goals_file(&mut self, whole: GoalsFile) -> bool {
        let Ok(at) = self.data.goals.binary_search_by(|file| file.owner.cmp(&whole.owner)) else { return false };
        self.data.goals[at] = whole;
        true
    }

    /// Puts `whole`, a feedback file held in part read again from the same bytes, in
    /// place of the held one, as [`World::fill_in_goals_file`] does a goals file.
    pub fn fill_in_feedback_file(&mut self, whole: FeedbackFile) -> bool {
        let Ok(at) = self.data.feedback.binary_search_by(|file| file.reviewer.cmp(&whole.reviewer)) else {
            return false;
        };
        self.data.feedback[at] = whole;
        true
    }

    /// Computes the measured metrics and rolls the cascade up again: after a change
    /// of goals (training completions are Do entries) or of the organisation.
    fn measure(&mut self) {
        self.measurements = Measurements::compute(&self.org, &self.data, &self.info.engagement_settings());
        self.cascade = Cascade::build_measured(&self.data, &self.measurements);
        self.approved = OnceLock::new();
        self.states = OnceLock::new();
    }

    /// Puts `file` in place of the reviewer's feedback file (or adds it).
    pub fn replace_feedback_file(&mut self, file: FeedbackFile) {
        upsert_sorted(&mut self.data.feedback, file, |f| &f.reviewer);
        // A reviewer's steps (approval, send-back) are kept in their feedback file.
        self.approved = OnceLock::new();
        self.states = OnceLock::new();
    }

    /// Puts `file` in place of the calibrator's adjustments (or adds it).
    pub fn replace_calibration_file(&mut self, file: CalibrationFile) {
        upsert_sorted(&mut self.data.calibration, file, |f| &f.calibrator);
    }

    pub fn replace_org(&mut self, org: Org) {
        self.index = OrgIndex::new(&org);
        self.org = org;
        self.links = OnceLock::new();
        self.measure();
    }

    pub fn replace_info(&mut self, info: DataSetInfo) {
        self.info = info;
        self.measure();
    }

    /// Puts `file` in place of the writer's 1on1s (or adds it) and measures again.
    pub fn replace_meetings_file(&mut self, file: MeetingsFile) {
        replace_or_push(&mut self.data.instruments.meetings, file, |a, b| a.writer == b.writer, |_, _| {});
        self.measure();
    }

    /// Puts a new import of the engagement results in place and measures again.
    pub fn replace_engagement(&mut self, file: EngagementFile) {
        self.data.instruments.engagement = Some(file);
        self.measure();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::cascade::tests::{cycle_data, file, goal};
    use crate::model::permissions::tests::city;

    fn info() -> DataSetInfo {
        toml::from_str("schema_version = 1\norganisation = \"市\"\ncurrent_cycle = \"2025\"\n").unwrap()
    }

    #[test]
    fn files_are_found_by_owner_whatever_order_they_came_in() {
        let data = cycle_data(vec![
            file("b", vec![goal("b-1", None, 10)], vec![]),
            file("a", vec![goal("a-1", None, 20)], vec![]),
        ]);
        let world = World::new(info(), city(), data);
        assert_eq!(world.goals_of("a")[0].id, "a-1");
        assert_eq!(world.goals_of("b")[0].id, "b-1");
        assert!(world.goals_of("c").is_empty());
        assert_eq!(world.progress_of("a-1"), 20.0);
    }

    #[test]
    fn a_step_in_a_replaced_file_moves_the_sheets_state_and_approved_figures() {
        use crate::model::Timestamp;
        use crate::model::types::Step;
        let at = |hour| {
            Timestamp(chrono::DateTime::parse_from_rfc3339(&format!("2025-05-10T{hour:02}:00:00+09:00")).unwrap())
        };
        let ito = GoalsFile {
            goals: vec![Goal { weight: Some(100), ..goal("ito-1", None, 40) }],
            ..file("ito", vec![], vec![])
        };
        let mut world = World::new(info(), city(), cycle_data(vec![ito]));
        let node = world.cascade.node_of_goal(&world.data, "ito-1").unwrap();
        assert_eq!((world.sheet_state("ito"), world.approved_progress(node)), (SheetState::Draft, None));

        let step = |world: &World, actor: &str, step: Step, hour: u32| {
            workflow::record(&world.hierarchy(), &world.data, actor, "ito", step, "面談", at(hour)).unwrap().1
        };
        let mut goals = world.goals_file("ito").unwrap().clone();
        goals.sheet.push(step(&world, "ito", Step::Submit, 9));
        world.replace_goals_file(goals);
        assert_eq!((world.sheet_state("ito"), world.approved_progress(node)), (SheetState::Submitted, None));

        let mut feedback = FeedbackFile::new("sato", &world.data.cycle.id);
        feedback.sheet.push(step(&world, "sato", Step::Approve, 10));
        world.replace_feedback_file(feedback);
        assert_eq!((world.sheet_state("ito"), world.approved_progress(node)), (SheetState::Approved, Some(40.0)));
    }

    #[test]
    fn the_goal_links_worked_out_with_the_world_follow_its_goals_and_organisation() {
        let unlinked = |world: &World| -> Vec<String> {
            assert_eq!(world.goal_links(), goal_links(&Hierarchy::new(&world.org), &world.data), "as worked out anew");
            world.goal_links().iter().filter_map(|problem| problem.subject.clone()).collect()
        };
        let data = cycle_data(vec![
            file("tanaka", vec![goal("tanaka-1", None, 0)], vec![]),
            file("ito", vec![goal("ito-1", Some("tanaka-1"), 0)], vec![]),
        ]);
        let mut world = World::new(info(), city(), data);
        assert!(unlinked(&world).is_empty(), "a department head's goal needs no parent");

        world.replace_goals_file(file("ito", vec![goal("ito-1", None, 0)], vec![]));
        assert_eq!(unlinked(&world), ["ito-1"]);
        let mut org = city();
        org.units.iter_mut().find(|unit| unit.id == "soumu").unwrap().head = Some("ito".into());
        world.replace_org(org);
        assert_eq!(unlinked(&world), ["tanaka-1"], "the head of the department is now another");
    }

    #[test]
    fn replacing_a_goals_file_rolls_the_cascade_up_again() {
        let data = cycle_data(vec![file("a", vec![goal("a-1", None, 20)], vec![])]);
        let mut world = World::new(info(), city(), data);
        world.replace_goals_file(file("a", vec![goal("a-1", None, 70)], vec![]));
        world.replace_goals_file(file("0", vec![goal("0-1", None, 5)], vec![]));
        assert_eq!(world.progress_of("a-1"), 70.0);
        assert_eq!(world.goals_of("0")[0].id, "0-1");
        assert_eq!(world.data.goals.iter().map(|f| f.owner.as_str()).collect::<Vec<_>>(), ["0", "a"]);
    }
}
