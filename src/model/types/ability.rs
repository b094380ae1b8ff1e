//! The competency framework (`competencies.toml`, written by HR): the abilities a
//! post requires (求められる能力), grouped as the seed groups them, with behavioural
//! anchors per level group and the level groups each ability applies to.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};

use super::held::Part;
use super::{Away, Extra, GoalId, Held, Interned, Level, Person, PersonId};
use crate::model::date::Date;

/// One pointer, each id kept once for the run ([`Interned`]): every self-rating
/// and rating names its ability, half a million of them at a city's size, and a
/// framework has a few dozen.
pub type AbilityId = Interned;

/// The level groups of the seed's table 「職位等に応じた求められる能力」.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LevelGroup {
    /// 部長級 (部長・理事), grade 8.
    #[serde(alias = "部長級")]
    Director,
    /// 次長級 (次長・参事), grade 7.
    #[serde(alias = "次長級")]
    DeputyDirector,
    /// 課長級 (課長・副参事), grade 6.
    #[serde(alias = "課長級")]
    SectionHead,
    /// 主幹級・主査級, grades 3–5.
    #[serde(alias = "主幹級・主査級", alias = "主幹級", alias = "主査級")]
    Supervisor,
    /// 主事級 (主事・技師), grades 1–2.
    #[serde(alias = "主事級")]
    Staff,
    /// 技能労務職員, outside the grade table.
    #[serde(alias = "技能労務")]
    SkilledLabour,
}

/// The `job_type` that places a person in [`LevelGroup::SkilledLabour`].
pub const JOB_TYPE_SKILLED_LABOUR: &str = "skilled-labour";

impl LevelGroup {
    pub const ALL: [LevelGroup; 6] = [
        LevelGroup::Director,
        LevelGroup::DeputyDirector,
        LevelGroup::SectionHead,
        LevelGroup::Supervisor,
        LevelGroup::Staff,
        LevelGroup::SkilledLabour,
    ];

    /// The group of a grade (職務の級) of the administrative pay table.
    pub fn of_grade(grade: u8) -> Option<LevelGroup> {
        match grade {
            8 => Some(LevelGroup::Director),
            7 => Some(LevelGroup::DeputyDirector),
            6 => Some(LevelGroup::SectionHead),
            3..=5 => Some(LevelGroup::Supervisor),
            1..=2 => Some(LevelGroup::Staff),
            _ => None,
        }
    }

    /// The group's key in the files (`director`, `skilled-labour`, …).
    pub fn key(self) -> &'static str {
        match self {
            LevelGroup::Director => "director",
            LevelGroup::DeputyDirector => "deputy-director",
            LevelGroup::SectionHead => "section-head",
            LevelGroup::Supervisor => "supervisor",
            LevelGroup::Staff => "staff",
            LevelGroup::SkilledLabour => "skilled-labour",
        }
    }
}

/// A person's level group: `competency_group` in org.toml when set, else 技能労務 for
/// the skilled-labour job type, else the group of their grade. `None` for someone
/// outside all of these (no grade, no override): they have no 能力評価 half.
pub fn level_group(person: &Person) -> Option<LevelGroup> {
    person.competency_group.or_else(|| {
        let skilled = person.job_type.as_deref().is_some_and(|job| job == JOB_TYPE_SKILLED_LABOUR || job == "技能労務");
        if skilled { Some(LevelGroup::SkilledLabour) } else { person.grade.and_then(LevelGroup::of_grade) }
    })
}

/// `competencies.toml`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Framework {
    /// The groups of abilities (業務遂行能力, 業務遂行の度合い, 意欲・態度, 倫理観).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<AbilityGroup>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub abilities: Vec<Ability>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AbilityGroup {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name_en: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One ability. English texts sit beside the Japanese ones in the same record (`*_en`),
/// so the two renderings cannot drift apart; an empty English text falls back to the
/// Japanese one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ability {
    pub id: AbilityId,
    /// The id of its [`AbilityGroup`].
    pub group: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name_en: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description_en: String,
    /// The level groups that are rated on it; absent means every group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_to: Option<Vec<LevelGroup>>,
    /// What the ability looks like at each level group (behavioural anchors).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub anchors: BTreeMap<LevelGroup, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub anchors_en: BTreeMap<LevelGroup, String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Ability {
    pub fn applies_to(&self, group: LevelGroup) -> bool {
        self.applies_to.as_ref().is_none_or(|groups| groups.contains(&group))
    }

    /// The name in English, or in Japanese where no English name is given.
    pub fn name_en(&self) -> &str {
        or_japanese(&self.name_en, &self.name)
    }

    pub fn description_en(&self) -> &str {
        or_japanese(&self.description_en, &self.description)
    }

    /// The behavioural anchor for `group`, in Japanese.
    pub fn anchor(&self, group: LevelGroup) -> Option<&str> {
        self.anchors.get(&group).map(String::as_str)
    }

    /// The behavioural anchor for `group` in English, else in Japanese.
    pub fn anchor_en(&self, group: LevelGroup) -> Option<&str> {
        self.anchors_en.get(&group).map(String::as_str).filter(|text| !text.is_empty()).or(self.anchor(group))
    }
}

impl AbilityGroup {
    pub fn name_en(&self) -> &str {
        or_japanese(&self.name_en, &self.name)
    }
}

fn or_japanese<'a>(english: &'a str, japanese: &'a str) -> &'a str {
    if english.is_empty() { japanese } else { english }
}

impl Framework {
    pub fn ability(&self, id: &str) -> Option<&Ability> {
        self.abilities.iter().find(|ability| ability.id == id)
    }

    pub fn group(&self, id: &str) -> Option<&AbilityGroup> {
        self.groups.iter().find(|group| group.id == id)
    }

    /// The abilities rated for `group`, in file order.
    pub fn applicable(&self, group: LevelGroup) -> impl Iterator<Item = &Ability> {
        self.abilities.iter().filter(move |ability| ability.applies_to(group))
    }
}

/// The owner's self-rating of one ability, in their goals file. Read through its
/// keys ([`SelfRatingKeys`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SelfRating {
    pub ability: AbilityId,
    pub level: Level,
    /// The comment and the evidence, which only the sheet shows: one part, boxed,
    /// left on disk in a long session until the sheet is shown (see [`Held`]). Its
    /// keys stand in the file where they always stood. It stands before `extra`,
    /// which takes the keys it leaves: the other way round, both would take them.
    #[serde(flatten)]
    pub notes: Held<Box<RatingNotes>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A self-rating's keys as the file holds them. The notes' keys are read in place:
/// read as a flattened part, they were first gathered, each text copied twice, with
/// every key of the rating (a tenth of a city's load went on it).
#[derive(Deserialize)]
#[serde(rename = "SelfRating")]
struct SelfRatingKeys {
    ability: AbilityId,
    level: Level,
    #[serde(default)]
    comment: String,
    #[serde(default)]
    evidence: Vec<LogRef>,
    #[serde(default)]
    date: Option<Date>,
    #[serde(flatten)]
    extra: Extra,
}

impl<'de> Deserialize<'de> for SelfRating {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let SelfRatingKeys { ability, level, comment, evidence, date, extra } =
            SelfRatingKeys::deserialize(deserializer)?;
        let notes = Held::Here(Box::new(RatingNotes { comment, evidence }));
        Ok(SelfRating { ability, level, notes, date, extra })
    }
}

/// What a self-rating says beyond its level.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RatingNotes {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
    /// Do-log entries of the owner's own goals that show the ability.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<LogRef>,
}

impl Part for RatingNotes {
    fn is_empty(&self) -> bool {
        self.comment.is_empty() && self.evidence.is_empty()
    }
}

impl AbilityRating {
    pub fn comment(&self) -> Result<&String, Away> {
        self.comment.get().map(|comment| &**comment)
    }
}

impl SelfRating {
    pub fn comment(&self) -> Result<&String, Away> {
        self.notes.get().map(|notes| &notes.comment)
    }

    pub fn evidence(&self) -> Result<&Vec<LogRef>, Away> {
        self.notes.get().map(|notes| &notes.evidence)
    }
}

/// Evidence: the Do-log entries of one of the owner's goals on one day. Goal ids never
/// change and entries keep their date, so the reference survives entries being added,
/// removed or reordered; several entries of the same goal on the same day are cited together.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogRef {
    pub goal: GoalId,
    pub date: Date,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A reviewer's or second reviewer's rating of one ability of `person`, in the rater's
/// feedback file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AbilityRating {
    pub person: PersonId,
    pub ability: AbilityId,
    pub level: Level,
    /// Left on disk, in a long session, until the person's sheet is shown (see
    /// [`Held`]); boxed, so that a rating left so costs a pointer for it.
    #[serde(default, skip_serializing_if = "Held::is_empty")]
    pub comment: Held<Box<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::permissions::tests::person;

    const FRAMEWORK: &str = r#"[[groups]]
id = "performance"
name = "業務遂行能力"
name_en = "Performing duties"

[[abilities]]
id = "knowledge"
group = "performance"
name = "知識・技術・識見"
name_en = "Knowledge, skills and insight"
description = "職務に必要な知識・技術"

[abilities.anchors]
director = "部の政策に関する高度な識見をもつ"
staff = "担当業務の基礎的な知識をもつ"

[abilities.anchors_en]
staff = "Knows the basics of their duties"

[[abilities]]
id = "leadership"
group = "performance"
name = "リーダーシップ力"
applies_to = ["director", "deputy-director", "section-head", "supervisor"]
future_key = "kept"
"#;

    #[test]
    fn the_group_comes_from_the_override_then_the_job_type_then_the_grade() {
        let mut someone = person("ito", "伊藤 美咲", "主事", "jinji", None);
        let grades: Vec<Option<LevelGroup>> = (0..=9)
            .map(|grade| {
                someone.grade = Some(grade);
                level_group(&someone)
            })
            .collect();
        use LevelGroup::*;
        let expected = [None, Some(Staff), Some(Staff), Some(Supervisor), Some(Supervisor), Some(Supervisor)];
        assert_eq!(grades[..6], expected);
        assert_eq!(grades[6..], [Some(SectionHead), Some(DeputyDirector), Some(Director), None]);
        someone.grade = None;
        assert_eq!(level_group(&someone), None, "no grade, no job type, no override");
        someone.job_type = Some(JOB_TYPE_SKILLED_LABOUR.into());
        someone.grade = Some(2);
        assert_eq!(level_group(&someone), Some(SkilledLabour), "the job type wins over the grade");
        someone.job_type = Some("技能労務".into());
        assert_eq!(level_group(&someone), Some(SkilledLabour));
        someone.competency_group = Some(Supervisor);
        assert_eq!(level_group(&someone), Some(Supervisor), "org.toml's override wins over both");
    }

    #[test]
    fn groups_are_read_by_key_or_japanese_name() {
        #[derive(Deserialize)]
        struct Row {
            group: LevelGroup,
        }
        for (text, group) in [
            ("staff", LevelGroup::Staff),
            ("主幹級・主査級", LevelGroup::Supervisor),
            ("技能労務", LevelGroup::SkilledLabour),
        ] {
            let row: Row = toml::from_str(&format!("group = \"{text}\"")).unwrap();
            assert_eq!(row.group, group);
        }
        let keys: Vec<&str> = LevelGroup::ALL.iter().map(|group| group.key()).collect();
        assert_eq!(keys, ["director", "deputy-director", "section-head", "supervisor", "staff", "skilled-labour"]);
    }

    #[test]
    fn a_framework_round_trips_and_answers_what_applies_to_whom() {
        let framework: Framework = toml::from_str(FRAMEWORK).unwrap();
        assert_eq!(toml::to_string(&framework).unwrap(), FRAMEWORK);
        let knowledge = framework.ability("knowledge").unwrap();
        assert!(LevelGroup::ALL.iter().all(|&group| knowledge.applies_to(group)), "absent applies_to: all");
        assert_eq!(knowledge.anchor(LevelGroup::Director), Some("部の政策に関する高度な識見をもつ"));
        assert_eq!(knowledge.anchor_en(LevelGroup::Staff), Some("Knows the basics of their duties"));
        assert_eq!(knowledge.anchor_en(LevelGroup::Director), Some("部の政策に関する高度な識見をもつ"));
        assert_eq!(knowledge.anchor(LevelGroup::SkilledLabour), None);
        let leadership = framework.ability("leadership").unwrap();
        assert_eq!((leadership.name_en(), leadership.description_en()), ("リーダーシップ力", ""));
        let staff: Vec<&str> = framework.applicable(LevelGroup::Staff).map(|a| a.id.as_str()).collect();
        assert_eq!(staff, ["knowledge"]);
        assert_eq!(framework.applicable(LevelGroup::SectionHead).count(), 2);
        assert_eq!(framework.group(&knowledge.group).map(AbilityGroup::name_en), Some("Performing duties"));
    }

    /// A city holds a quarter of a million self-ratings and as many ratings, most
    /// shown on their sheet only.
    #[test]
    fn a_rating_keeps_its_texts_boxed() {
        assert_eq!(size_of::<SelfRating>(), 32, "88 bytes with the notes in it, 48 with an inline id");
        assert_eq!(size_of::<AbilityRating>(), 40, "88 bytes with the comment in it, 56 with an inline person id");
    }

    #[test]
    fn an_unknown_group_in_the_framework_is_a_parse_error() {
        let text = FRAMEWORK.replace("staff = \"担当", "boss = \"担当");
        let error = toml::from_str::<Framework>(&text).unwrap_err();
        assert!(error.message().contains("unknown variant `boss`"), "{}", error.message());
    }

    /// Its notes' keys are read in place and written back where they stood, among
    /// keys this version does not know, which are kept.
    #[test]
    fn a_self_rating_keeps_its_keys_in_their_order() {
        #[derive(Debug, Serialize, Deserialize)]
        struct Ratings {
            competencies: Vec<SelfRating>,
        }
        let text = r#"[[competencies]]
ability = "knowledge"
level = "B"
comment = "窓口の手順書を更新"
date = 2026-10-01
future_key = "kept"

[[competencies.evidence]]
goal = "ito-1"
date = 2026-09-30
"#;
        let read: Ratings = toml::from_str(text).unwrap();
        let rating = &read.competencies[0];
        assert_eq!(rating.comment().unwrap(), "窓口の手順書を更新");
        assert_eq!(rating.evidence().unwrap()[0].goal, "ito-1");
        assert_eq!(rating.extra.get("future_key").and_then(|v| v.as_str()), Some("kept"));
        assert_eq!(toml::to_string(&read).unwrap(), text);
        let bare = "[[competencies]]\nability = \"knowledge\"\nlevel = \"B\"\n";
        let read: Ratings = toml::from_str(bare).unwrap();
        assert!(read.competencies[0].notes.is_empty());
        assert_eq!(toml::to_string(&read).unwrap(), bare);
    }
}
