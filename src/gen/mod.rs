//! `pdca gen`: a synthetic, valid data set of any size, for benchmarks and tests.
//!
//! The organisation is a believable city hall: departments (部) of sections (課) of
//! teams (チーム) of 8–15 people, each unit with a head who reviews the people below;
//! grades and titles follow the level. One cycle (令和8年度, in its Do phase from June
//! 2026 to January 2027) holds about five goals per person, with weights summing to
//! 100: department heads' top goals are broken down by proposals with shares to the
//! people they review, who adopt most of them (some stay pending, a few are
//! declined) and link further goals of their own to their reviewer's goals, level by
//! level down to the staff. Goals carry progress, some metrics, plans, Do log entries,
//! self-checks and action items; reviewers write feedback and approve submitted sheets
//! (`[[sheet]]` records with the plan snapshot).
//!
//! The first 人事課 of the organisation (in the first department, 総務部) gives one
//! member the `hr` role, so exports can be made; [`Generated::hr`] names them.
//!
//! Everything comes from a small seeded generator ([`Rng`], splitmix64): the same
//! people count and seed give the same files, byte for byte. [`generate`] is pure;
//! [`write`] writes the result through the store (atomic, never over a data set).

use chrono::{Days, FixedOffset, NaiveDate, TimeZone};

use crate::model::identity::IdentityMode;
use crate::model::{
    ActionItem, Category, Cycle, CycleData, DataSetInfo, Date, DateSpan, Decline, Difficulty, Extra, Feedback,
    FeedbackFile, Goal, GoalDetail, GoalsFile, Held, Level, LogEntry, Metric, Milestone, Org, Person, PersonId, Phases,
    PlannedGoal, Proposal, ROLE_HR, SCHEMA_VERSION, SelfCheck, SheetRecord, Source, Step, Timestamp, Unit, UnitKind,
};
use crate::store::{Store, StoreError};

mod full;
mod org;
mod sheets;
mod words;

pub use full::Fill;

use org::organisation;
use sheets::{Sheets, workflow};

/// Changes whenever the same arguments would give different files (for caches of
/// generated data sets, e.g. the benchmarks').
pub const GENERATOR_VERSION: u32 = 1;
/// The seed when none is given.
pub const DEFAULT_SEED: u64 = 1;
/// The one cycle of a generated data set.
pub const CYCLE: &str = "2026";

/// A small, fast, seeded pseudo-random generator (splitmix64). Not for secrets.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`; `n` must not be 0.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `low..=high`.
    pub fn range(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `count` distinct indices of `0..len` (all of them when `count >= len`), in random order.
    pub fn sample(&mut self, len: usize, count: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..len).collect();
        let count = count.min(len);
        for i in 0..count {
            let j = i + self.below(len - i);
            all.swap(i, j);
        }
        all.truncate(count);
        all
    }
}

/// A generated data set, ready to be written.
#[derive(Clone, Debug)]
pub struct Generated {
    pub info: DataSetInfo,
    pub org: Org,
    pub data: CycleData,
    /// The people with the `hr` role.
    pub hr: Vec<PersonId>,
}

impl Generated {
    pub fn goal_count(&self) -> usize {
        self.data.goals.iter().map(|f| f.goals.len()).sum()
    }

    /// Proposals neither adopted nor declined.
    pub fn pending_proposals(&self) -> usize {
        let adopted: crate::model::hash::HashSet<&str> =
            self.data.goals.iter().flat_map(|f| &f.goals).filter_map(|g| g.proposal.as_deref()).collect();
        let declined: crate::model::hash::HashSet<&str> =
            self.data.goals.iter().flat_map(|f| &f.declined).map(|d| d.proposal.as_str()).collect();
        self.data
            .goals
            .iter()
            .flat_map(|f| &f.proposals)
            .filter(|p| !adopted.contains(p.id.as_str()) && !declined.contains(p.id.as_str()))
            .count()
    }
}

/// Writes a generated data set under the store's root; refuses when the root already
/// holds (part of) a data set. Every file is created atomically and never replaces
/// one; `pdca.toml` comes last, so an interrupted run is not taken for a data set.
pub fn write(store: &Store, set: &Generated) -> Result<(), StoreError> {
    if store.holds_data() {
        return Err(StoreError::AlreadyExists(store.root().to_path_buf()));
    }
    let cycle = &set.data.cycle.id;
    store.create(&Source::Cycle(cycle.clone()), &set.data.cycle)?;
    // Each file is fsynced: waiting on the disk, not the processor, so use more
    // threads than cores.
    let write_sheets = || -> Result<(), StoreError> {
        let goals: Vec<_> = set
            .data
            .goals
            .iter()
            .map(|file| (Source::Goals { cycle: cycle.clone(), person: file.owner }, file))
            .collect();
        store.create_in_folder(&goals)?;
        let feedback: Vec<_> = set
            .data
            .feedback
            .iter()
            .map(|file| (Source::Feedback { cycle: cycle.clone(), reviewer: file.reviewer }, file))
            .collect();
        store.create_in_folder(&feedback)
    };
    match rayon::ThreadPoolBuilder::new().num_threads(16).build() {
        Ok(pool) => pool.install(write_sheets)?,
        Err(_) => write_sheets()?,
    }
    if let Some(framework) = &set.data.competencies {
        store.create(&Source::Competencies, framework)?;
    }
    let meetings: Vec<_> = set
        .data
        .instruments
        .meetings
        .iter()
        .map(|file| (Source::Meetings { cycle: cycle.clone(), writer: file.writer }, file))
        .collect();
    store.create_in_folder(&meetings)?;
    store.create(&Source::Org, &set.org)?;
    store.create(&Source::Info, &set.info)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rank {
    DepartmentHead,
    Deputy,
    SectionHead,
    TeamLeader,
    Staff,
}

/// Generates a data set of `people` people (at least one), filled [`Fill::Light`].
pub fn generate(people: usize, seed: u64) -> Generated {
    generate_filled(people, seed, Fill::Light)
}

/// Generates a data set of `people` people (at least one), filled as `fill` says.
pub fn generate_filled(people: usize, seed: u64, fill: Fill) -> Generated {
    let people = people.max(1);
    let mut rng = Rng::new(seed);
    let (org, ranks, hr) = organisation(people, &mut rng);
    let cycle = cycle();
    let reviewers: Vec<Option<usize>> = {
        let index: crate::model::hash::HashMap<&str, usize> =
            org.people.iter().enumerate().map(|(i, p)| (p.id.as_str(), i)).collect();
        org.people.iter().map(|p| p.reviewer.as_deref().map(|r| index[r])).collect()
    };
    let mut sheets = Sheets::new(&org);
    for (person, (&reviewer, &rank)) in reviewers.iter().zip(&ranks).enumerate() {
        sheets.goals_of(person, reviewer, rank, &org, &mut rng);
    }
    let mut goals = sheets.files;
    let mut feedback: Vec<Option<FeedbackFile>> = vec![None; org.people.len()];
    for (person, &reviewer) in reviewers.iter().enumerate() {
        workflow(person, reviewer, &org, &mut goals, &mut feedback, &mut rng);
    }
    let info = DataSetInfo {
        schema_version: SCHEMA_VERSION,
        // Fictional people: anyone may act as anyone, as in the sample.
        identity: Some(IdentityMode::Demo),
        organisation: format!("架空市役所（合成データ {people}人・seed {seed}）"),
        current_cycle: CYCLE.into(),
        score: None,
        calibration: None,
        recency: None,
        engagement: None,
        extra: Extra::new(),
    };
    let feedback = feedback.into_iter().flatten().collect();
    let data = CycleData {
        cycle,
        goals,
        feedback,
        competencies: None,
        calibration: Vec::new(),
        instruments: Default::default(),
    };
    let mut set = Generated { info, org, data, hr };
    if fill == Fill::Full {
        full::fill_in(&mut set, &reviewers, seed);
    }
    set
}

fn day(year: i32, month: u32, day: u32) -> Date {
    Date::from_ymd(year, month, day).expect("a real calendar day")
}

fn plus_days(date: Date, days: usize) -> Date {
    Date(date.0.checked_add_days(Days::new(days as u64)).expect("within the calendar"))
}

fn minus_days(date: Date, days: usize) -> Date {
    Date(date.0.checked_sub_days(Days::new(days as u64)).expect("within the calendar"))
}

/// A moment on `date` during office hours, Japan time.
fn office_time(date: Date, rng: &mut Rng) -> Timestamp {
    let (hour, minute) = (rng.range(9, 17) as u32, rng.below(60) as u32);
    let naive = NaiveDate::and_hms_opt(&date.0, hour, minute, 0).expect("a valid time");
    let japan = FixedOffset::east_opt(9 * 3600).expect("UTC+9 is valid");
    Timestamp(japan.from_local_datetime(&naive).single().expect("a fixed offset has no gaps"))
}

fn span(start: Date, end: Date) -> Option<DateSpan> {
    Some(DateSpan { start, end })
}

fn cycle() -> Cycle {
    Cycle {
        id: CYCLE.into(),
        name: Some("令和8年度".to_owned()),
        start: day(2026, 4, 1),
        end: day(2027, 3, 31),
        phases: Phases {
            plan: span(day(2026, 4, 1), day(2026, 5, 31)),
            do_: span(day(2026, 6, 1), day(2027, 1, 31)),
            check: span(day(2027, 2, 1), day(2027, 3, 15)),
            action: span(day(2027, 3, 16), day(2027, 3, 31)),
            extra: Extra::new(),
        },
        extra: Extra::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Hierarchy;
    use crate::model::alignment::alignment_warnings;
    use crate::model::validate::{validate_cycle, validate_org};
    use crate::model::{ProblemKind, Severity};

    #[test]
    fn the_generator_is_deterministic_and_seeds_differ() {
        let a = generate(300, 7);
        let b = generate(300, 7);
        let c = generate(300, 8);
        assert_eq!(a.org, b.org);
        assert_eq!(a.data, b.data);
        assert_ne!(a.data, c.data);
    }

    #[test]
    fn any_size_gives_exactly_that_many_people_without_errors() {
        for people in [1, 2, 3, 4, 5, 17, 160, 1000] {
            let set = generate(people, 3);
            assert_eq!(set.org.people.len(), people);
            let mut problems = validate_org(&set.org);
            problems.extend(validate_cycle(&set.org, &set.data, &Default::default()));
            let today = day(2026, 11, 20);
            problems.extend(alignment_warnings(&Hierarchy::new(&set.org), &set.data, today));
            let bad: Vec<_> = problems
                .iter()
                .filter(|p| p.severity() == Severity::Error || !matches!(p.kind, ProblemKind::SheetBehind { .. }))
                .collect();
            assert!(bad.is_empty(), "{people} people: {bad:?}");
        }
    }

    #[test]
    fn the_shape_is_believable() {
        let set = generate(2000, 1);
        let teams = set.org.units.iter().filter(|u| u.kind == UnitKind::Team).count();
        let departments = set.org.units.iter().filter(|u| u.kind == UnitKind::Department).count();
        assert!((5..=20).contains(&departments), "{departments} departments");
        let per_team = 2000.0 / teams as f64;
        assert!((7.0..=15.0).contains(&per_team), "{per_team} people per team");
        let goals = set.goal_count() as f64 / 2000.0;
        assert!((4.0..=6.0).contains(&goals), "{goals} goals per person");
        assert!(set.pending_proposals() > 0);
        assert!(set.data.goals.iter().any(|f| !f.declined.is_empty()));
        assert_eq!(set.hr.len(), 1);
        let hr = set.org.people.iter().find(|p| p.id == set.hr[0]).unwrap();
        assert!(hr.is_hr());
        let team = set.org.units.iter().find(|u| u.id == hr.unit).unwrap();
        let section = set.org.units.iter().find(|u| Some(&u.id) == team.parent.as_ref()).unwrap();
        assert_eq!(section.name, "人事課");
        for file in &set.data.goals {
            assert_eq!(file.goals.iter().filter_map(|g| g.weight).sum::<u32>(), 100, "{}", file.owner);
        }
    }
}
