//! Who may read and write what (DESIGN §2), as pure functions over the organisation.
//!
//! The reporting chain is the `reviewer` links upward: a person's reviewer, that
//! reviewer's reviewer, and so on. Bad data may make these links loop; every walk here
//! stops on a loop instead of hanging.
//!
//! - Goals are open to their owner, to everyone above or below the owner in the
//!   reporting chain (those above so they can align), and to HR. Only the owner edits them.
//! - Breakdown proposals and feedback are written by the person's reviewer.
//! - Feedback is open to everyone above the person and to HR; the person sees it once
//!   it is released. Peers never see each other's feedback.
//! - Editing the organisation and exporting need the `hr` role.
//! - Calibration (評価調整) of a person's result is for HR and for the person's second
//!   reviewer (二次評価者), who confirms their sheet.
//! - A 1on1's agenda, notes and agreed actions are open to its two people only; the
//!   people above either of them and HR see that it happened (date, kind), never the
//!   text. Each person writes down their own 1on1s, in their own file.

use crate::model::hash::{HashMap, HashSet};
use std::borrow::Cow;

use super::types::{Org, Person};

/// The organisation's reporting lines as indexes into `org.people`: built once per
/// change of org.toml and kept, since a city has tens of thousands of people.
#[derive(Clone, Debug, Default)]
pub struct OrgIndex {
    by_id: HashMap<crate::model::PersonId, usize>,
    /// Index of each person's reviewer, where the reviewer is a known person.
    reviewer: Vec<Option<usize>>,
    /// The people each person reviews, in org.toml order.
    reports: Vec<Vec<usize>>,
}

impl OrgIndex {
    pub fn new(org: &Org) -> OrgIndex {
        let mut by_id = HashMap::with_capacity_and_hasher(org.people.len(), Default::default());
        for (index, person) in org.people.iter().enumerate() {
            // On duplicate ids the first entry counts; validation reports the rest.
            by_id.entry(person.id).or_insert(index);
        }
        let reviewer: Vec<Option<usize>> =
            org.people.iter().map(|p| p.reviewer.as_deref().and_then(|r| by_id.get(r).copied())).collect();
        let mut reports = vec![Vec::new(); org.people.len()];
        for (index, up) in reviewer.iter().enumerate() {
            if let Some(up) = *up {
                reports[up].push(index);
            }
        }
        OrgIndex { by_id, reviewer, reports }
    }

    /// Position of the person `id` in `org.people`.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }
}

/// The organisation with its index: who reports to whom, and the rules built on that.
#[derive(Clone, Debug)]
pub struct Hierarchy<'a> {
    org: &'a Org,
    index: Cow<'a, OrgIndex>,
}

/// A refused action, naming who tried what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Denied {
    UnknownPerson {
        id: String,
    },
    ReadGoals {
        actor: String,
        owner: String,
    },
    ReadAbilities {
        actor: String,
        person: String,
    },
    EditGoals {
        actor: String,
        owner: String,
    },
    Propose {
        actor: String,
        to: String,
    },
    WriteFeedback {
        actor: String,
        person: String,
    },
    ReadFeedback {
        actor: String,
        person: String,
    },
    FeedbackNotReleased {
        person: String,
    },
    EditOrg {
        actor: String,
    },
    Export {
        actor: String,
    },
    Calibrate {
        actor: String,
        person: String,
    },
    /// `actor` is neither the person, nor above them, nor HR.
    ReadMeetings {
        actor: String,
        person: String,
    },
    /// A 1on1 needs two different people of org.toml.
    WriteMeeting {
        actor: String,
        with: String,
    },
}

/// What a reader may see of a 1on1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MeetingAccess {
    /// One of the two people: agenda, notes and agreed actions too.
    Full,
    /// Above either of them, or HR: that it happened (date, kind), not what was said.
    Existence,
}

/// For logs and developers; what users read comes from the messages.
impl std::fmt::Display for Denied {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for Denied {}

impl<'a> Hierarchy<'a> {
    /// Indexes `org` now; where an index is kept, [`Hierarchy::with_index`] is free.
    pub fn new(org: &'a Org) -> Hierarchy<'a> {
        Hierarchy { org, index: Cow::Owned(OrgIndex::new(org)) }
    }

    /// `index` must have been built from this `org`.
    pub fn with_index(org: &'a Org, index: &'a OrgIndex) -> Hierarchy<'a> {
        Hierarchy { org, index: Cow::Borrowed(index) }
    }

    pub fn org(&self) -> &'a Org {
        self.org
    }

    pub fn person(&self, id: &str) -> Option<&'a Person> {
        self.index.by_id.get(id).map(|&index| &self.org.people[index])
    }

    /// The person's reviewer (一次評価者), when both are in org.toml.
    pub fn reviewer_of(&self, id: &str) -> Option<&'a Person> {
        let index = *self.index.by_id.get(id)?;
        self.index.reviewer[index].map(|up| &self.org.people[up])
    }

    /// The person's second reviewer (二次評価者), who confirms their sheet: the one
    /// org.toml names as `second_reviewer`, else the reviewer's reviewer, else — when
    /// org.toml names nobody above the reviewer — the reviewer. Never the person themself.
    pub fn second_reviewer_of(&self, id: &str) -> Option<&'a Person> {
        let person = self.person(id)?;
        // An unknown name (which validation reports) or the person's own falls back to the default.
        let named =
            person.second_reviewer.as_deref().filter(|&second| second != id).and_then(|second| self.person(second));
        let second = match named {
            Some(named) => named,
            None => {
                let reviewer = self.reviewer_of(id)?;
                self.reviewer_of(&reviewer.id).unwrap_or(reviewer)
            }
        };
        (second.id != id).then_some(second)
    }

    /// Whether `upper` is somewhere in `lower`'s reporting chain (never oneself).
    pub fn is_above(&self, upper: &str, lower: &str) -> bool {
        let (Some(&upper), Some(&lower)) = (self.index.by_id.get(upper), self.index.by_id.get(lower)) else {
            return false;
        };
        if upper == lower {
            return false;
        }
        // A chain without loops is at most as long as there are people; a longer walk
        // is going round a loop.
        let mut current = self.index.reviewer[lower];
        for _ in 0..self.index.reviewer.len() {
            match current {
                Some(next) if next == upper => return true,
                Some(next) => current = self.index.reviewer[next],
                None => return false,
            }
        }
        false
    }

    /// The people whose reviewer is `id`, in org.toml order.
    pub fn direct_reports(&self, id: &str) -> Vec<&'a Person> {
        self.index.by_id.get(id).map_or_else(Vec::new, |&index| self.people(&self.index.reports[index]))
    }

    /// Everyone below `id`, level by level: direct reports first, then their reports, …
    pub fn all_below(&self, id: &str) -> Vec<Vec<&'a Person>> {
        let Some(&start) = self.index.by_id.get(id) else { return Vec::new() };
        self.levels_below(start).iter().map(|level| self.people(level)).collect()
    }

    /// The positions of everyone below the person at `start`, level by level, each
    /// once however the reviewers loop (never `start` itself).
    fn levels_below(&self, start: usize) -> Vec<Vec<usize>> {
        let mut seen = vec![false; self.org.people.len()];
        seen[start] = true;
        let mut levels: Vec<Vec<usize>> = Vec::new();
        loop {
            let above = levels.last().map_or(std::slice::from_ref(&start), Vec::as_slice);
            let level: Vec<usize> = above
                .iter()
                .flat_map(|&person| &self.index.reports[person])
                .copied()
                .filter(|&report| !std::mem::replace(&mut seen[report], true))
                .collect();
            if level.is_empty() {
                return levels;
            }
            levels.push(level);
        }
    }

    /// Whose goals `actor` may read: for every person, what [`Hierarchy::can_read_goals`]
    /// answers, found from the actor's chain ([`Hierarchy::chain_and_below`])
    /// instead of asking about each of a city's people in turn (which, with a
    /// refusal written out for each, held up a team member's first frame).
    pub fn goal_owners_readable_by(&self, actor: &str) -> HashSet<crate::model::PersonId> {
        match self.person(actor) {
            Some(person) if person.is_hr() => self.org.people.iter().map(|person| person.id).collect(),
            _ => self.chain_and_below(actor),
        }
    }

    /// `id`, everyone above them and everyone below them, as [`Hierarchy::is_above`]
    /// answers it either way; nobody when `id` is not in the organisation.
    pub fn chain_and_below(&self, id: &str) -> HashSet<crate::model::PersonId> {
        let Some(&start) = self.index.by_id.get(id) else { return HashSet::default() };
        let people = &self.org.people;
        let mut found: HashSet<_> =
            people.iter().zip(self.below_of(id)).filter(|(_, below)| *below).map(|(person, _)| person.id).collect();
        found.insert(people[start].id);
        // Above: as `is_above` walks, at most as many steps as there are people.
        let mut current = self.index.reviewer[start];
        for _ in 0..self.index.reviewer.len() {
            let Some(next) = current else { break };
            found.insert(people[next].id);
            current = self.index.reviewer[next];
        }
        found
    }

    /// For each person, in org.toml order, whether `upper` is above them
    /// ([`Hierarchy::is_above`]): one walk down from `upper`, not a walk up from
    /// each of a city's people.
    pub fn below_of(&self, upper: &str) -> Vec<bool> {
        let people = &self.org.people;
        let mut below = vec![false; people.len()];
        let Some(&start) = self.index.by_id.get(upper) else { return below };
        for index in self.levels_below(start).into_iter().flatten() {
            below[index] = true;
        }
        // Above oneself round a loop of reviewers is not above: `start` was never
        // in a level.
        if self.index.by_id.len() < people.len() {
            // A duplicated id is answered for as its first entry, as everywhere.
            return people
                .iter()
                .map(|person| self.index.by_id.get(person.id.as_str()).is_some_and(|&first| below[first]))
                .collect();
        }
        below
    }

    pub fn can_read_goals(&self, actor: &str, owner: &str) -> Result<(), Denied> {
        let person = self.known(actor)?;
        if actor == owner || person.is_hr() || self.is_above(owner, actor) || self.is_above(actor, owner) {
            Ok(())
        } else {
            Err(Denied::ReadGoals { actor: self.label(actor), owner: self.label(owner) })
        }
    }

    pub fn can_edit_goals(&self, actor: &str, owner: &str) -> Result<(), Denied> {
        self.known(actor)?;
        if actor == owner {
            Ok(())
        } else {
            Err(Denied::EditGoals { actor: self.label(actor), owner: self.label(owner) })
        }
    }

    pub fn can_propose(&self, actor: &str, to: &str) -> Result<(), Denied> {
        self.known(actor)?;
        if self.is_reviewer_of(actor, to) {
            Ok(())
        } else {
            Err(Denied::Propose { actor: self.label(actor), to: self.label(to) })
        }
    }

    pub fn can_write_feedback(&self, actor: &str, person: &str) -> Result<(), Denied> {
        self.known(actor)?;
        if self.is_reviewer_of(actor, person) {
            Ok(())
        } else {
            Err(Denied::WriteFeedback { actor: self.label(actor), person: self.label(person) })
        }
    }

    /// The 能力評価 part (self-ratings and their evidence) is evaluation, not a goal:
    /// open to the person, to the people above them and to HR — unlike goals, never
    /// to the person's own reports.
    pub fn can_read_abilities(&self, actor: &str, person: &str) -> Result<(), Denied> {
        let reader = self.known(actor)?;
        if actor == person || reader.is_hr() || self.is_above(actor, person) {
            Ok(())
        } else {
            Err(Denied::ReadAbilities { actor: self.label(actor), person: self.label(person) })
        }
    }

    /// `released`: whether this feedback is open to the person themself (their sheet is
    /// confirmed, or the reviewer shared it early).
    pub fn can_read_feedback(&self, actor: &str, person: &str, released: bool) -> Result<(), Denied> {
        let reader = self.known(actor)?;
        if reader.is_hr() || self.is_above(actor, person) {
            Ok(())
        } else if actor == person {
            if released { Ok(()) } else { Err(Denied::FeedbackNotReleased { person: self.label(person) }) }
        } else {
            Err(Denied::ReadFeedback { actor: self.label(actor), person: self.label(person) })
        }
    }

    pub fn can_edit_org(&self, actor: &str) -> Result<(), Denied> {
        if self.known(actor)?.is_hr() { Ok(()) } else { Err(Denied::EditOrg { actor: self.label(actor) }) }
    }

    pub fn can_export(&self, actor: &str) -> Result<(), Denied> {
        if self.known(actor)?.is_hr() { Ok(()) } else { Err(Denied::Export { actor: self.label(actor) }) }
    }

    /// Whether `actor` may adjust `person`'s final result (評価調整): HR, or the
    /// person's second reviewer; never the person themself.
    pub fn can_calibrate(&self, actor: &str, person: &str) -> Result<(), Denied> {
        self.known(actor)?;
        if self.calibrates(actor, person) {
            Ok(())
        } else {
            Err(Denied::Calibrate { actor: self.label(actor), person: self.label(person) })
        }
    }

    /// Whether `actor` calibrates anyone at all: the rule of [`Hierarchy::can_calibrate`]
    /// over everyone, without saying why not for each.
    pub fn calibrates_anyone(&self, actor: &str) -> bool {
        let Some(&at) = self.index.by_id.get(actor) else { return false };
        if self.org.people[at].is_hr() {
            return self.org.people.iter().any(|person| person.id != actor);
        }
        // Whom the actor can confirm: who names them second reviewer, and who has
        // them as reviewer or reviewer's reviewer; not each of a city's people.
        let named = self.org.people.iter().filter(|person| person.second_reviewer.as_deref() == Some(actor));
        let reports = &self.index.reports;
        let below =
            reports[at].iter().flat_map(|&report| std::iter::once(report).chain(reports[report].iter().copied()));
        named.chain(below.map(|index| &self.org.people[index])).any(|person| self.calibrates(actor, &person.id))
    }

    fn calibrates(&self, actor: &str, person: &str) -> bool {
        let Some(calibrator) = self.person(actor) else { return false };
        let confirms = self.second_reviewer_of(person).is_some_and(|second| second.id == actor);
        // Nobody adjusts their own result, HR staff included.
        actor != person && (calibrator.is_hr() || confirms)
    }

    /// What `actor` may see of a 1on1 between `first` and `second`; `None`: nothing,
    /// not even that it happened.
    pub fn meeting_access(&self, actor: &str, first: &str, second: &str) -> Option<MeetingAccess> {
        let reader = self.person(actor)?;
        if actor == first || actor == second {
            Some(MeetingAccess::Full)
        } else if reader.is_hr() || self.is_above(actor, first) || self.is_above(actor, second) {
            Some(MeetingAccess::Existence)
        } else {
            None
        }
    }

    /// Whether `actor` may list `person`'s 1on1s (the text only where `actor` is
    /// one of a pair): as the person, someone above them, or HR.
    pub fn can_read_meetings_of(&self, actor: &str, person: &str) -> Result<(), Denied> {
        let allowed =
            self.person(actor).is_some_and(|reader| reader.is_hr() || actor == person) || self.is_above(actor, person);
        if allowed {
            Ok(())
        } else {
            Err(Denied::ReadMeetings { actor: self.label(actor), person: self.label(person) })
        }
    }

    /// Whether `actor` may write down a 1on1 with `with` (in their own file).
    pub fn can_write_meeting(&self, actor: &str, with: &str) -> Result<(), Denied> {
        if actor != with && self.person(actor).is_some() && self.person(with).is_some() {
            Ok(())
        } else {
            Err(Denied::WriteMeeting { actor: self.label(actor), with: self.label(with) })
        }
    }

    /// "名前 (ID)" for messages, or the bare id of someone not in org.toml.
    pub fn label(&self, id: &str) -> String {
        match self.person(id) {
            Some(person) => format!("{} ({})", person.name, person.id),
            None => format!("`{id}`"),
        }
    }

    fn is_reviewer_of(&self, actor: &str, person: &str) -> bool {
        actor != person && self.reviewer_of(person).is_some_and(|reviewer| reviewer.id == actor)
    }

    fn known(&self, id: &str) -> Result<&'a Person, Denied> {
        self.person(id).ok_or_else(|| Denied::UnknownPerson { id: id.to_owned() })
    }

    fn people(&self, indices: &[usize]) -> Vec<&'a Person> {
        indices.iter().map(|&index| &self.org.people[index]).collect()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    impl Denied {
        /// The refusal as the user reads it in English.
        fn english(&self) -> String {
            crate::messages::denial(self, crate::messages::Lang::En)
        }
    }

    use super::*;
    use crate::model::types::{Extra, ROLE_HR, Unit, UnitKind};

    pub(crate) fn person(id: &str, name: &str, title: &str, unit: &str, reviewer: Option<&str>) -> Person {
        Person {
            id: id.into(),
            name: name.into(),
            kana: None,
            unit: unit.into(),
            grade: Some(3),
            title: title.into(),
            job_type: None,
            competency_group: None,
            reviewer: reviewer.map(Into::into),
            second_reviewer: None,
            login: None,
            roles: Vec::new(),
            mentor: None,
            extra: Extra::new(),
        }
    }

    fn unit(id: &str, name: &str, kind: UnitKind, parent: Option<&str>, head: &str) -> Unit {
        Unit {
            id: id.into(),
            name: name.into(),
            kind,
            parent: parent.map(str::to_owned),
            head: Some(head.into()),
            extra: Extra::new(),
        }
    }

    /// 総務部 (田中 部長) > 人事課 (鈴木 課長) > 人材育成チーム (佐藤 主幹: 伊藤, 加藤),
    /// with 木村 (HR, in 人事課), and 情報政策課 (山田 課長: 齋藤). Reviewers follow
    /// the units: 田中 → 鈴木, 山田; 鈴木 → 佐藤, 木村; 佐藤 → 伊藤, 加藤; 山田 → 齋藤.
    pub(crate) fn city() -> Org {
        let mut kimura = person("kimura", "木村 あゆみ", "主査", "jinji", Some("suzuki"));
        kimura.roles.push(ROLE_HR.into());
        Org {
            units: vec![
                unit("soumu", "総務部", UnitKind::Department, None, "tanaka"),
                unit("jinji", "人事課", UnitKind::Section, Some("soumu"), "suzuki"),
                unit("jinji-t", "人材育成チーム", UnitKind::Team, Some("jinji"), "sato"),
                unit("joho", "情報政策課", UnitKind::Section, Some("soumu"), "yamada"),
            ],
            people: vec![
                person("tanaka", "田中 一郎", "部長", "soumu", None),
                person("suzuki", "鈴木 花子", "課長", "jinji", Some("tanaka")),
                person("sato", "佐藤 健", "主幹", "jinji-t", Some("suzuki")),
                person("ito", "伊藤 美咲", "主事", "jinji-t", Some("sato")),
                person("kato", "加藤 翔", "主事", "jinji-t", Some("sato")),
                kimura,
                person("yamada", "山田 浩", "課長", "joho", Some("tanaka")),
                person("saito", "齋藤 大輔", "主査", "joho", Some("yamada")),
            ],
            extra: Extra::new(),
        }
    }

    fn ids(people: &[&Person]) -> Vec<String> {
        people.iter().map(|p| p.id.to_string()).collect()
    }

    fn with_reviewer(mut org: Org, id: &str, reviewer: &str) -> Org {
        org.people.iter_mut().find(|p| p.id == id).unwrap().reviewer = Some(reviewer.into());
        org
    }

    #[test]
    fn above_means_anywhere_up_the_reviewer_chain_but_not_oneself() {
        let org = city();
        let hierarchy = Hierarchy::new(&org);
        assert!(hierarchy.is_above("sato", "ito"));
        assert!(hierarchy.is_above("tanaka", "ito"));
        assert!(!hierarchy.is_above("ito", "sato"));
        assert!(!hierarchy.is_above("ito", "ito"));
        assert!(!hierarchy.is_above("yamada", "ito"), "another section's head is not above");
        assert!(!hierarchy.is_above("kato", "ito"), "peers are not above each other");
        assert!(!hierarchy.is_above("nobody", "ito"));
    }

    #[test]
    fn reports_are_listed_directly_and_level_by_level() {
        let org = city();
        let hierarchy = Hierarchy::new(&org);
        assert_eq!(ids(&hierarchy.direct_reports("suzuki")), ["sato", "kimura"]);
        assert_eq!(hierarchy.direct_reports("ito"), Vec::<&Person>::new());
        let levels: Vec<Vec<String>> = hierarchy.all_below("tanaka").iter().map(|level| ids(level)).collect();
        assert_eq!(levels, [vec!["suzuki", "yamada"], vec!["sato", "kimura", "saito"], vec!["ito", "kato"]]);
        assert!(hierarchy.all_below("nobody").is_empty());
    }

    #[test]
    fn reviewer_loops_neither_hang_nor_repeat_anyone() {
        // 田中 → 伊藤 closes 田中 → 鈴木 → 佐藤 → 伊藤 → 田中.
        let org = with_reviewer(city(), "tanaka", "ito");
        let hierarchy = Hierarchy::new(&org);
        assert!(hierarchy.is_above("ito", "tanaka"));
        assert!(hierarchy.is_above("tanaka", "ito"));
        assert!(!hierarchy.is_above("saito", "ito"));
        let below: Vec<String> = hierarchy.all_below("sato").iter().flat_map(|level| ids(level)).collect();
        assert_eq!(below, ["ito", "kato", "tanaka", "suzuki", "yamada", "kimura", "saito"]);
        // 齋藤 hangs off a loop that does not contain 田中.
        let org = with_reviewer(with_reviewer(city(), "yamada", "saito"), "saito", "yamada");
        assert!(!Hierarchy::new(&org).is_above("tanaka", "saito"));
    }

    #[test]
    fn goals_are_open_up_and_down_the_chain_and_to_hr_but_not_to_peers() {
        let org = city();
        let hierarchy = Hierarchy::new(&org);
        for (actor, owner) in
            [("ito", "ito"), ("ito", "sato"), ("ito", "tanaka"), ("tanaka", "ito"), ("kimura", "saito")]
        {
            assert_eq!(hierarchy.can_read_goals(actor, owner), Ok(()), "{actor} reads {owner}");
        }
        let denied = hierarchy.can_read_goals("ito", "kato").unwrap_err();
        assert_eq!(
            denied.english(),
            "伊藤 美咲 (ito) may not read the goals of 加藤 翔 (kato): goals are open to their owner, to the \
             people above or below the owner in the reporting chain, and to HR"
        );
        assert!(hierarchy.can_read_goals("saito", "suzuki").is_err(), "another section's chain");
        assert_eq!(hierarchy.can_read_goals("nobody", "ito"), Err(Denied::UnknownPerson { id: "nobody".into() }));
    }

    #[test]
    fn calibrating_anyone_is_calibrating_someone_by_the_one_rule() {
        let org = city();
        let hierarchy = Hierarchy::new(&org);
        let mut calibrators = 0;
        for actor in org.people.iter().map(|p| p.id.as_str()).chain(["nobody"]) {
            let by_person = org.people.iter().any(|p| hierarchy.can_calibrate(actor, &p.id).is_ok());
            assert_eq!(hierarchy.calibrates_anyone(actor), by_person, "{actor}");
            calibrators += usize::from(by_person);
        }
        assert!(calibrators > 0 && calibrators < org.people.len(), "some calibrate, not everyone");
    }

    #[test]
    fn ability_ratings_are_open_to_the_person_those_above_and_hr_not_to_reports_or_peers() {
        let org = city();
        let hierarchy = Hierarchy::new(&org);
        for (actor, person) in [("sato", "sato"), ("suzuki", "sato"), ("tanaka", "sato"), ("kimura", "saito")] {
            assert_eq!(hierarchy.can_read_abilities(actor, person), Ok(()), "{actor} reads {person}");
        }
        // 伊藤 may read 佐藤's goals (he reports to him) but not his ability ratings.
        assert_eq!(hierarchy.can_read_goals("ito", "sato"), Ok(()));
        assert!(matches!(hierarchy.can_read_abilities("ito", "sato"), Err(Denied::ReadAbilities { .. })));
        assert!(hierarchy.can_read_abilities("saito", "suzuki").is_err(), "another section's chain");
    }

    #[test]
    fn only_the_owner_edits_goals_not_even_hr_or_the_reviewer() {
        let org = city();
        let hierarchy = Hierarchy::new(&org);
        assert_eq!(hierarchy.can_edit_goals("ito", "ito"), Ok(()));
        for actor in ["sato", "kimura", "tanaka"] {
            assert!(matches!(hierarchy.can_edit_goals(actor, "ito"), Err(Denied::EditGoals { .. })));
        }
        assert_eq!(
            hierarchy.can_edit_goals("kimura", "ito").unwrap_err().english(),
            "木村 あゆみ (kimura) may not edit the goals of 伊藤 美咲 (ito): only the owner edits their goals"
        );
    }

    #[test]
    fn proposals_and_feedback_are_for_the_direct_reviewer_only() {
        let org = city();
        let hierarchy = Hierarchy::new(&org);
        assert_eq!(hierarchy.can_propose("sato", "ito"), Ok(()));
        assert_eq!(hierarchy.can_write_feedback("sato", "ito"), Ok(()));
        assert!(hierarchy.can_propose("suzuki", "ito").is_err(), "two levels up is not the reviewer");
        assert!(hierarchy.can_propose("ito", "sato").is_err());
        assert_eq!(
            hierarchy.can_write_feedback("kimura", "ito").unwrap_err().english(),
            "木村 あゆみ (kimura) may not write feedback for 伊藤 美咲 (ito): only 伊藤 美咲 (ito)'s reviewer may"
        );
        // Reviewing oneself (a loop of one) gives no rights over one's own sheet.
        let org = with_reviewer(city(), "ito", "ito");
        assert!(Hierarchy::new(&org).can_write_feedback("ito", "ito").is_err());
    }

    #[test]
    fn feedback_is_open_above_and_to_hr_and_to_the_person_once_released() {
        let org = city();
        let hierarchy = Hierarchy::new(&org);
        for actor in ["sato", "suzuki", "tanaka", "kimura"] {
            assert_eq!(hierarchy.can_read_feedback(actor, "ito", false), Ok(()), "{actor}");
        }
        assert_eq!(hierarchy.can_read_feedback("ito", "ito", true), Ok(()));
        assert_eq!(
            hierarchy.can_read_feedback("ito", "ito", false).unwrap_err().english(),
            "the feedback on 伊藤 美咲 (ito) is not released yet: it opens when the sheet is confirmed, or earlier \
             where the reviewer shares it"
        );
        for actor in ["kato", "saito", "yamada"] {
            assert!(
                matches!(hierarchy.can_read_feedback(actor, "ito", true), Err(Denied::ReadFeedback { .. })),
                "{actor} is not above 伊藤"
            );
        }
        // Reading one's reviewer's goals is allowed, their feedback is not.
        assert!(hierarchy.can_read_feedback("ito", "sato", true).is_err());
    }

    #[test]
    fn organisation_and_export_need_the_hr_role() {
        let org = city();
        let hierarchy = Hierarchy::new(&org);
        assert_eq!(hierarchy.can_edit_org("kimura"), Ok(()));
        assert_eq!(hierarchy.can_export("kimura"), Ok(()));
        assert_eq!(
            hierarchy.can_edit_org("tanaka").unwrap_err().english(),
            "田中 一郎 (tanaka) may not edit the organisation: that needs the hr role"
        );
        assert_eq!(
            hierarchy.can_export("tanaka").unwrap_err().english(),
            "田中 一郎 (tanaka) may not export: that needs the hr role"
        );
    }

    #[test]
    fn the_second_reviewer_is_the_one_named_else_the_reviewers_reviewer() {
        let mut org = city();
        let second = |org: &Org, id: &str| Hierarchy::new(org).second_reviewer_of(id).map(|p| p.id);
        assert_eq!(second(&org, "ito").as_deref(), Some("suzuki"));
        assert_eq!(second(&org, "suzuki").as_deref(), Some("tanaka"), "nobody above 田中: the reviewer");
        assert_eq!(second(&org, "tanaka"), None);
        let ito = org.people.iter_mut().find(|p| p.id == "ito").unwrap();
        ito.second_reviewer = Some("tanaka".into());
        assert_eq!(second(&org, "ito").as_deref(), Some("tanaka"));
        // An unknown name, or the person themself, falls back to the default.
        for named in ["nobody", "ito"] {
            org.people.iter_mut().find(|p| p.id == "ito").unwrap().second_reviewer = Some(named.into());
            assert_eq!(second(&org, "ito").as_deref(), Some("suzuki"), "{named}");
        }
    }

    #[test]
    fn hr_and_the_second_reviewer_calibrate_but_nobody_their_own_result() {
        let org = city();
        let hierarchy = Hierarchy::new(&org);
        for (actor, person) in [("kimura", "ito"), ("suzuki", "ito"), ("tanaka", "sato"), ("tanaka", "suzuki")] {
            assert_eq!(hierarchy.can_calibrate(actor, person), Ok(()), "{actor} calibrates {person}");
        }
        for (actor, person) in [("sato", "ito"), ("tanaka", "ito"), ("kato", "ito"), ("kimura", "kimura")] {
            assert!(
                matches!(hierarchy.can_calibrate(actor, person), Err(Denied::Calibrate { .. })),
                "{actor} may not calibrate {person}"
            );
        }
        assert_eq!(
            hierarchy.can_calibrate("sato", "ito").unwrap_err().english(),
            "佐藤 健 (sato) may not calibrate the result of 伊藤 美咲 (ito): only HR and 伊藤 美咲 (ito)'s second \
             reviewer may, never the person themself"
        );
        assert_eq!(hierarchy.can_calibrate("nobody", "ito"), Err(Denied::UnknownPerson { id: "nobody".into() }));
    }

    #[test]
    fn a_1on1_is_open_to_its_pair_and_only_known_to_those_above_either_and_hr() {
        let org = city();
        let hierarchy = Hierarchy::new(&org);
        // 伊藤 (人材育成チーム) meets 齋藤 (情報政策課), e.g. as mentor and mentee.
        for actor in ["ito", "saito"] {
            assert_eq!(hierarchy.meeting_access(actor, "ito", "saito"), Some(MeetingAccess::Full), "{actor}");
        }
        // Above 伊藤 (佐藤, 鈴木), above 齋藤 (山田), above both (田中), and HR (木村).
        for actor in ["sato", "suzuki", "yamada", "tanaka", "kimura"] {
            assert_eq!(hierarchy.meeting_access(actor, "ito", "saito"), Some(MeetingAccess::Existence), "{actor}");
        }
        // A peer, someone below one of the pair, and a stranger see nothing.
        assert_eq!(hierarchy.meeting_access("kato", "ito", "saito"), None);
        assert_eq!(hierarchy.meeting_access("ito", "sato", "suzuki"), None);
        assert_eq!(hierarchy.meeting_access("nobody", "ito", "saito"), None);
    }

    #[test]
    fn a_persons_1on1s_are_listed_for_them_those_above_and_hr() {
        let org = city();
        let hierarchy = Hierarchy::new(&org);
        for actor in ["ito", "sato", "tanaka", "kimura"] {
            assert_eq!(hierarchy.can_read_meetings_of(actor, "ito"), Ok(()), "{actor}");
        }
        let denied = hierarchy.can_read_meetings_of("kato", "ito").unwrap_err();
        assert_eq!(
            (crate::messages::denial(&denied, crate::messages::Lang::Ja), denied.english()),
            (
                "加藤 翔 (kato) は 伊藤 美咲 (ito) の1on1を閲覧できません (本人・上司・人事部門のみ。記録の内容は当事者の二人だけ)"
                    .to_owned(),
                "加藤 翔 (kato) may not see the 1on1s of 伊藤 美咲 (ito): they are open to the person, to the people \
                 above them and to HR (what was said, to the two people only)"
                    .to_owned()
            )
        );
        assert!(hierarchy.can_read_meetings_of("nobody", "ito").is_err());
    }

    #[test]
    fn anyone_writes_down_a_1on1_with_another_known_person() {
        let org = city();
        let hierarchy = Hierarchy::new(&org);
        assert_eq!(hierarchy.can_write_meeting("ito", "saito"), Ok(()));
        assert!(matches!(hierarchy.can_write_meeting("ito", "ito"), Err(Denied::WriteMeeting { .. })));
        assert!(matches!(hierarchy.can_write_meeting("ito", "nobody"), Err(Denied::WriteMeeting { .. })));
    }

    #[test]
    fn a_large_flat_organisation_is_indexed_once() {
        // 20,000 people under one head: checks stay cheap because lookups are indexed.
        let mut org = city();
        org.people.extend((0..20_000).map(|n| person(&format!("S{n:05}"), "職員", "主事", "jinji", Some("suzuki"))));
        let hierarchy = Hierarchy::new(&org);
        assert_eq!(hierarchy.direct_reports("suzuki").len(), 20_002);
        assert!((0..20_000).all(|n| hierarchy.is_above("tanaka", &format!("S{n:05}"))));
        assert_eq!(hierarchy.all_below("tanaka")[1].len(), 20_003);
    }

    /// People `p0`…`p5`, some twice, each reviewed by one of them, by nobody or by
    /// someone unknown (loops and all), some naming a second reviewer, some HR.
    fn any_org() -> impl proptest::strategy::Strategy<Value = Org> {
        use proptest::prelude::*;
        let one = (0..6usize, prop::option::of(0..7usize), prop::option::of(0..7usize), any::<bool>());
        prop::collection::vec(one, 0..12).prop_map(|people| Org {
            units: Vec::new(),
            people: people
                .into_iter()
                .map(|(id, reviewer, second, hr)| {
                    let reviewer = reviewer.map(|r| format!("p{r}"));
                    let mut person = person(&format!("p{id}"), "", "", "u", reviewer.as_deref());
                    person.second_reviewer = second.map(|s| format!("p{s}").into());
                    if hr {
                        person.roles.push(ROLE_HR.into());
                    }
                    person
                })
                .collect(),
            extra: Extra::new(),
        })
    }

    proptest::proptest! {
        #[test]
        fn whose_goals_a_person_may_read_is_what_each_refusal_says(org in any_org()) {
            let hierarchy = Hierarchy::new(&org);
            for actor in (0..7).map(|n| format!("p{n}")) {
                let asked: HashSet<crate::model::PersonId> =
                    org.people.iter().filter(|p| hierarchy.can_read_goals(&actor, &p.id).is_ok()).map(|p| p.id).collect();
                proptest::prop_assert_eq!(hierarchy.goal_owners_readable_by(&actor), asked, "{}", actor);
            }
        }

        #[test]
        fn a_chain_and_those_below_it_are_who_is_above_or_below_by_each_question(org in any_org()) {
            let hierarchy = Hierarchy::new(&org);
            for id in (0..7).map(|n| format!("p{n}")) {
                let known = org.people.iter().any(|p| p.id == id.as_str());
                let asked: HashSet<crate::model::PersonId> = org
                    .people
                    .iter()
                    .filter(|p| known && (p.id == id.as_str() || hierarchy.is_above(&p.id, &id) || hierarchy.is_above(&id, &p.id)))
                    .map(|p| p.id)
                    .collect();
                proptest::prop_assert_eq!(hierarchy.chain_and_below(&id), asked, "{}", id);
            }
        }

        #[test]
        fn who_is_below_someone_is_what_asking_about_each_person_says(org in any_org()) {
            let hierarchy = Hierarchy::new(&org);
            for upper in (0..7).map(|n| format!("p{n}")) {
                let asked: Vec<bool> = org.people.iter().map(|p| hierarchy.is_above(&upper, &p.id)).collect();
                proptest::prop_assert_eq!(hierarchy.below_of(&upper), asked, "{}", upper);
            }
        }

        #[test]
        fn calibrating_anyone_is_what_asking_about_each_person_says(org in any_org()) {
            let hierarchy = Hierarchy::new(&org);
            for actor in (0..7).map(|n| format!("p{n}")) {
                let asked = org.people.iter().any(|p| hierarchy.can_calibrate(&actor, &p.id).is_ok());
                proptest::prop_assert_eq!(hierarchy.calibrates_anyone(&actor), asked, "{}", actor);
            }
        }
    }
}
