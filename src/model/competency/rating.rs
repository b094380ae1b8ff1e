//! Ratings of abilities (能力評価), each in its writer's own file:
//!
//! - the person's self level, comment and evidence: `[[competencies]]` in their goals file;
//! - the reviewer's (一次評価) and the second reviewer's (二次評価) level and comment:
//!   `[[competency]]` entries with `person = "…"` in the rater's feedback file. Which of
//!   the two a rating is follows from who wrote the file: the person's reviewer, or
//!   their second reviewer ([`Hierarchy::second_reviewer_of`]) when that is someone else.
//!
//! A rater revises by writing a new entry: for each ability the latest dated entry
//! counts, and of equal dates the one written last (as for feedback on goals).

use crate::model::hash::HashMap;

use crate::model::permissions::Hierarchy;
use crate::model::types::ability::{Ability, AbilityRating, Framework, LevelGroup, SelfRating, level_group};
use crate::model::types::{CycleData, Level};

/// Who gave a level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rater {
    /// 自己評価.
    Owner,
    /// 一次評価.
    Reviewer,
    /// 二次評価.
    SecondReviewer,
}

/// Whose rating an entry in `writer`'s feedback file about `person` is: the reviewer's,
/// the second reviewer's, or nobody's (`None`: the writer holds neither role).
pub fn rater_of(org: &Hierarchy<'_>, writer: &str, person: &str) -> Option<Rater> {
    if writer == person {
        return None;
    }
    let reviewer = org.reviewer_of(person).map(|p| p.id.as_str());
    if reviewer == Some(writer) {
        Some(Rater::Reviewer)
    } else if org.second_reviewer_of(person).is_some_and(|second| second.id == writer) {
        Some(Rater::SecondReviewer)
    } else {
        None
    }
}

/// One applicable ability of a person with the levels given so far.
#[derive(Clone, Debug, PartialEq)]
pub struct AbilityLevels<'a> {
    pub ability: &'a Ability,
    pub own: Option<&'a SelfRating>,
    pub reviewer: Option<&'a AbilityRating>,
    pub second: Option<&'a AbilityRating>,
}

impl AbilityLevels<'_> {
    pub fn level(&self, rater: Rater) -> Option<Level> {
        match rater {
            Rater::Owner => self.own.map(|rating| rating.level),
            Rater::Reviewer => self.reviewer.map(|rating| rating.level),
            Rater::SecondReviewer => self.second.map(|rating| rating.level),
        }
    }

    /// The level that counts: the second reviewer's (二次評価), else the reviewer's
    /// (一次評価), else the person's own (自己評価). This is the order in which the city
    /// settles an evaluation — the second reviewer checks and may correct the first
    /// review, which in turn takes over from the self-evaluation — and, as for goals,
    /// the self level stands in while no reviewer has rated, so that a provisional score
    /// exists during the cycle. (Calibration looks only at reviewed sheets, where the
    /// reviewer's level is always there.)
    pub fn effective(&self) -> Option<(Level, Rater)> {
        [Rater::SecondReviewer, Rater::Reviewer, Rater::Owner]
            .into_iter()
            .find_map(|rater| self.level(rater).map(|level| (level, rater)))
    }
}

/// A person's 能力評価 part: their level group and each applicable ability, in the
/// framework's order.
#[derive(Clone, Debug, PartialEq)]
pub struct CompetencySheet<'a> {
    pub group: LevelGroup,
    pub abilities: Vec<AbilityLevels<'a>>,
}

impl<'a> CompetencySheet<'a> {
    /// The applicable abilities `rater` has not rated yet.
    pub fn unrated(&self, rater: Rater) -> Vec<&'a Ability> {
        self.abilities.iter().filter(|levels| levels.level(rater).is_none()).map(|levels| levels.ability).collect()
    }
}

/// Every rating of a cycle by the person it is about, indexed once so that many
/// sheets can be put together without searching every file for each.
#[derive(Clone, Debug, Default)]
pub struct RatingIndex<'a> {
    own: HashMap<&'a str, &'a [SelfRating]>,
    /// Ratings by others about each person, with the writer, in file order.
    by_others: HashMap<&'a str, Vec<(&'a str, &'a AbilityRating)>>,
}

impl<'a> RatingIndex<'a> {
    pub fn new(data: &'a CycleData) -> RatingIndex<'a> {
        Self::gather(data, None)
    }

    /// The index of one person's ratings only.
    pub fn of_person(data: &'a CycleData, person: &str) -> RatingIndex<'a> {
        Self::gather(data, Some(person))
    }

    fn gather(data: &'a CycleData, only: Option<&str>) -> RatingIndex<'a> {
        let wanted = |person: &str| only.is_none_or(|only| only == person);
        let mut index = RatingIndex::default();
        for file in data.goals.iter().filter(|file| !file.competencies.is_empty() && wanted(&file.owner)) {
            index.own.insert(&file.owner, &file.competencies);
        }
        for file in &data.feedback {
            for rating in file.competency.iter().filter(|rating| wanted(&rating.person)) {
                index.by_others.entry(&rating.person).or_default().push((&file.reviewer, rating));
            }
        }
        index
    }

    /// The self-ratings in `person`'s goals file, as written.
    pub fn own(&self, person: &str) -> &'a [SelfRating] {
        self.own.get(person).copied().unwrap_or_default()
    }

    /// The ratings others wrote about `person`, with each writer, in file order.
    pub fn by_others(&self, person: &str) -> &[(&'a str, &'a AbilityRating)] {
        self.by_others.get(person).map_or(&[], Vec::as_slice)
    }

    /// `person`'s 能力評価 part; `None` when they have no level group.
    pub fn sheet(&self, org: &Hierarchy<'_>, framework: &'a Framework, person: &str) -> Option<CompetencySheet<'a>> {
        let group = level_group(org.person(person)?)?;
        let own = self.own(person);
        let others = self.by_others(person);
        // Each writer's part once, not once for every ability and part.
        let raters: Vec<Option<Rater>> = others.iter().map(|(writer, _)| rater_of(org, writer, person)).collect();
        // Of equal dates, `max_by_key` keeps the last: the entry written last.
        let rated_by = |rater: Rater, ability: &str| {
            others
                .iter()
                .zip(&raters)
                .filter(|((_, rating), by)| **by == Some(rater) && rating.ability == ability)
                .max_by_key(|((_, rating), _)| rating.date)
                .map(|((_, rating), _)| *rating)
        };
        let abilities = framework
            .applicable(group)
            .map(|ability| AbilityLevels {
                ability,
                own: own.iter().filter(|rating| rating.ability == ability.id).max_by_key(|rating| rating.date),
                reviewer: rated_by(Rater::Reviewer, &ability.id),
                second: rated_by(Rater::SecondReviewer, &ability.id),
            })
            .collect();
        Some(CompetencySheet { group, abilities })
    }
}

/// `person`'s 能力評価 part in this cycle; `None` when the data set has no framework or
/// the person no level group.
pub fn competency_sheet<'a>(org: &Hierarchy<'_>, data: &'a CycleData, person: &str) -> Option<CompetencySheet<'a>> {
    let framework = data.competencies.as_ref()?;
    RatingIndex::of_person(data, person).sheet(org, framework, person)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::cascade::tests::{cycle_data, file};
    use crate::model::competency::tests::{framework, rating, self_rating};
    use crate::model::date::Date;
    use crate::model::permissions::tests::city;
    use crate::model::types::{FeedbackFile, Org};

    /// 伊藤 (主事級: 知識, 企画力, 協調性) rated by herself, by 佐藤 (reviewer), by 鈴木
    /// (second reviewer) and by 加藤, a peer who has no say.
    fn rated() -> (Org, CycleData) {
        let mut org = city();
        org.people.iter_mut().find(|p| p.id == "ito").unwrap().grade = Some(1);
        let mut ito = file("ito", vec![], vec![]);
        ito.competencies = vec![
            self_rating("knowledge", Level::A),
            self_rating("planning", Level::B),
            // Not rated at 主事級: left out of her sheet (validation reports it).
            self_rating("leadership", Level::S),
        ];
        let mut data = cycle_data(vec![ito]);
        data.competencies = Some(framework());
        let mut sato = FeedbackFile::new("sato", "2025");
        let day = |d| Date::from_ymd(2026, 2, d);
        sato.competency = vec![
            rating("ito", "knowledge", Level::C, day(20)),
            rating("ito", "knowledge", Level::B, day(10)),
            rating("ito", "planning", Level::B, None),
            rating("ito", "planning", Level::A, None),
            rating("kato", "knowledge", Level::D, None),
        ];
        let mut suzuki = FeedbackFile::new("suzuki", "2025");
        suzuki.competency = vec![rating("ito", "planning", Level::S, day(25))];
        let mut kato = FeedbackFile::new("kato", "2025");
        kato.competency = vec![rating("ito", "cooperation", Level::D, None)];
        data.feedback = vec![kato, sato, suzuki];
        (org, data)
    }

    #[test]
    fn a_rating_is_the_reviewers_or_the_second_reviewers_by_who_wrote_it() {
        let org = city();
        let hierarchy = Hierarchy::new(&org);
        assert_eq!(rater_of(&hierarchy, "sato", "ito"), Some(Rater::Reviewer));
        assert_eq!(rater_of(&hierarchy, "suzuki", "ito"), Some(Rater::SecondReviewer));
        for nobody in ["kato", "tanaka", "kimura", "ito"] {
            assert_eq!(rater_of(&hierarchy, nobody, "ito"), None, "{nobody}");
        }
        // 田中 has nobody above him: he is both reviewer and second reviewer of 鈴木,
        // and what he writes is the reviewer's rating.
        assert_eq!(rater_of(&hierarchy, "tanaka", "suzuki"), Some(Rater::Reviewer));
    }

    #[test]
    fn a_sheet_has_the_applicable_abilities_with_each_raters_latest_level() {
        let (org, data) = rated();
        let hierarchy = Hierarchy::new(&org);
        let sheet = competency_sheet(&hierarchy, &data, "ito").unwrap();
        assert_eq!(sheet.group, LevelGroup::Staff);
        let rows: Vec<(&str, [Option<Level>; 3])> = sheet
            .abilities
            .iter()
            .map(|a| {
                (a.ability.id.as_str(), [Rater::Owner, Rater::Reviewer, Rater::SecondReviewer].map(|r| a.level(r)))
            })
            .collect();
        assert_eq!(
            rows,
            [
                // 佐藤's later-dated C wins over his B, though written first.
                ("knowledge", [Some(Level::A), Some(Level::C), None]),
                // Undated twice: the one written last.
                ("planning", [Some(Level::B), Some(Level::A), Some(Level::S)]),
                // 加藤's D is nobody's rating.
                ("cooperation", [None, None, None]),
            ]
        );
        let effective: Vec<Option<(Level, Rater)>> = sheet.abilities.iter().map(AbilityLevels::effective).collect();
        assert_eq!(effective, [Some((Level::C, Rater::Reviewer)), Some((Level::S, Rater::SecondReviewer)), None]);
        let unrated = |rater| sheet.unrated(rater).iter().map(|a| a.id).collect::<Vec<_>>();
        assert_eq!(unrated(Rater::Owner), ["cooperation"]);
        assert_eq!(unrated(Rater::Reviewer), ["cooperation"]);
        assert_eq!(unrated(Rater::SecondReviewer), ["knowledge", "cooperation"]);
        // The self level stands in while no reviewer has rated.
        let alone = AbilityLevels { reviewer: None, second: None, ..sheet.abilities[0].clone() };
        assert_eq!(alone.effective(), Some((Level::A, Rater::Owner)));
    }

    #[test]
    fn no_framework_or_no_level_group_means_no_competency_half() {
        let (mut org, mut data) = rated();
        assert!(competency_sheet(&Hierarchy::new(&org), &data, "nobody").is_none());
        org.people.iter_mut().find(|p| p.id == "ito").unwrap().grade = None;
        assert!(competency_sheet(&Hierarchy::new(&org), &data, "ito").is_none());
        org.people.iter_mut().find(|p| p.id == "ito").unwrap().grade = Some(1);
        data.competencies = None;
        assert!(competency_sheet(&Hierarchy::new(&org), &data, "ito").is_none());
    }

    #[test]
    fn the_whole_cycle_index_gives_the_same_sheets_as_one_person_at_a_time() {
        let (org, data) = rated();
        let hierarchy = Hierarchy::new(&org);
        let index = RatingIndex::new(&data);
        let framework = data.competencies.as_ref().unwrap();
        for person in ["ito", "kato", "sato"] {
            assert_eq!(index.sheet(&hierarchy, framework, person), competency_sheet(&hierarchy, &data, person));
        }
        assert_eq!(index.by_others("ito").len(), 6);
        assert_eq!(index.own("kato"), []);
    }

    #[test]
    fn ratings_round_trip_with_evidence_and_unknown_keys() {
        let text = r#"ability = "planning"
level = "A"
comment = "窓口の動線を見直す案を自ら作成した"
date = 2027-02-05
future = 1

[[evidence]]
goal = "P0022-2026-2"
date = 2026-09-18
note = "kept"
"#;
        let rating: SelfRating = toml::from_str(text).unwrap();
        assert_eq!(rating.evidence().unwrap()[0].goal, "P0022-2026-2");
        assert_eq!(toml::to_string(&rating).unwrap(), text);
        let error = toml::from_str::<SelfRating>("ability = \"planning\"\nlevel = \"E\"\n").unwrap_err();
        assert!(error.message().contains("unknown variant `E`"), "{}", error.message());
    }
}
