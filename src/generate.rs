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
use rayon::prelude::*;

use crate::model::{
    ActionItem, Category, Cycle, CycleData, DataSetInfo, Date, DateSpan, Decline, Difficulty, Extra, Feedback,
    FeedbackFile, Goal, GoalsFile, Level, LogEntry, LogKind, Metric, Milestone, Org, Person, PersonId, Phases,
    PlannedGoal, Proposal, ROLE_HR, SCHEMA_VERSION, SelfCheck, SheetRecord, Source, Step, Timestamp, Unit, UnitKind,
};
use crate::store::{Store, StoreError};

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
        let adopted: std::collections::HashSet<&str> =
            self.data.goals.iter().flat_map(|f| &f.goals).filter_map(|g| g.proposal.as_deref()).collect();
        let declined: std::collections::HashSet<&str> =
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
        set.data.goals.par_iter().try_for_each(|file| {
            store.create(&Source::Goals { cycle: cycle.clone(), person: file.owner.clone() }, file)
        })?;
        set.data.feedback.par_iter().try_for_each(|file| {
            store.create(&Source::Feedback { cycle: cycle.clone(), reviewer: file.reviewer.clone() }, file)
        })
    };
    match rayon::ThreadPoolBuilder::new().num_threads(16).build() {
        Ok(pool) => pool.install(write_sheets)?,
        Err(_) => write_sheets()?,
    }
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

/// Generates a data set of `people` people (at least one).
pub fn generate(people: usize, seed: u64) -> Generated {
    let people = people.max(1);
    let mut rng = Rng::new(seed);
    let (org, ranks, hr) = organisation(people, &mut rng);
    let cycle = cycle();
    let reviewers: Vec<Option<usize>> = {
        let index: std::collections::HashMap<&str, usize> =
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
        organisation: format!("架空市役所（合成データ {people}人・seed {seed}）"),
        current_cycle: CYCLE.to_owned(),
        score: None,
        recency: None,
        engagement: None,
        extra: Extra::new(),
    };
    let data =
        CycleData { cycle, goals, feedback: feedback.into_iter().flatten().collect(), instruments: Default::default() };
    Generated { info, org, data, hr }
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
        id: CYCLE.to_owned(),
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

// ---------------------------------------------------------------- organisation

/// Departments and their first sections; more sections take generic names.
const DEPARTMENTS: &[(&str, &[&str])] = &[
    ("総務部", &["人事課", "総務課", "情報政策課", "行政経営課", "法務課", "危機管理課"]),
    ("企画部", &["企画調整課", "広報広聴課", "地域振興課", "交通政策課", "国際交流課"]),
    ("財務部", &["財政課", "契約課", "資産経営課", "市民税課", "資産税課", "納税課"]),
    ("市民部", &["市民課", "市民協働推進課", "男女共同参画課", "消費生活課", "支所管理課"]),
    ("福祉部", &["福祉政策課", "障がい者支援課", "高齢者支援課", "生活福祉課", "介護保険課"]),
    ("こども未来部", &["こども支援課", "保育課", "子育て相談課", "青少年育成課"]),
    ("保健部", &["保健予防課", "健康づくり推進課", "国保年金課", "生活衛生課"]),
    ("環境部", &["環境政策課", "清掃管理課", "ごみ減量推進課", "環境保全課"]),
    ("経済部", &["経済政策課", "商工業振興課", "観光課", "雇用労政課", "農業政策課"]),
    ("都市整備部", &["都市計画課", "建築指導課", "住宅課", "公園河川課", "市街地整備課"]),
    ("道路部", &["道路維持課", "道路建設課", "雪対策課", "用地課"]),
    ("上下水道部", &["経営企画課", "水道施設課", "下水道整備課", "料金課"]),
    ("教育委員会事務局", &["教育総務課", "学校教育課", "生涯学習課", "文化財課", "学校施設課"]),
    ("消防本部", &["消防総務課", "予防課", "警防課", "救急課", "通信指令課"]),
    ("会計管理室", &["会計課", "審査課"]),
];

const MORE_SECTIONS: &[&str] =
    &["管理課", "企画課", "事業推進課", "調整課", "施設課", "指導課", "相談課", "業務課", "計画課", "整備課"];

const TEAMS: &[&str] =
    &["企画", "管理", "事業", "調整", "庶務", "窓口", "推進", "審査", "指導", "保全", "相談", "施設", "経理", "広報"];

const SURNAMES: &[(&str, &str)] = &[
    ("工藤", "くどう"),
    ("佐藤", "さとう"),
    ("佐々木", "ささき"),
    ("成田", "なりた"),
    ("木村", "きむら"),
    ("三上", "みかみ"),
    ("中村", "なかむら"),
    ("斎藤", "さいとう"),
    ("小山内", "おさない"),
    ("福士", "ふくし"),
    ("鳴海", "なるみ"),
    ("須藤", "すとう"),
    ("對馬", "つしま"),
    ("葛西", "かさい"),
    ("神", "じん"),
    ("山内", "やまうち"),
    ("田中", "たなか"),
    ("鈴木", "すずき"),
    ("高橋", "たかはし"),
    ("伊藤", "いとう"),
    ("渡辺", "わたなべ"),
    ("山本", "やまもと"),
    ("小林", "こばやし"),
    ("加藤", "かとう"),
    ("吉田", "よしだ"),
    ("山田", "やまだ"),
    ("松本", "まつもと"),
    ("井上", "いのうえ"),
    ("清水", "しみず"),
    ("阿部", "あべ"),
    ("石川", "いしかわ"),
    ("前田", "まえだ"),
    ("藤田", "ふじた"),
    ("小野", "おの"),
    ("村上", "むらかみ"),
    ("太田", "おおた"),
    ("今", "こん"),
    ("奈良", "なら"),
    ("蝦名", "えびな"),
    ("長内", "おさない"),
    ("棟方", "むなかた"),
    ("秋元", "あきもと"),
    ("千葉", "ちば"),
    ("菊地", "きくち"),
    ("相馬", "そうま"),
    ("外崎", "とのさき"),
    ("西村", "にしむら"),
    ("竹内", "たけうち"),
];

const GIVEN_NAMES: &[(&str, &str)] = &[
    ("誠一", "せいいち"),
    ("和子", "かずこ"),
    ("隆", "たかし"),
    ("浩之", "ひろゆき"),
    ("美咲", "みさき"),
    ("翔", "しょう"),
    ("彩花", "あやか"),
    ("正明", "まさあき"),
    ("健", "けん"),
    ("花子", "はなこ"),
    ("大輔", "だいすけ"),
    ("恵", "めぐみ"),
    ("直樹", "なおき"),
    ("由美", "ゆみ"),
    ("拓也", "たくや"),
    ("陽子", "ようこ"),
    ("聡", "さとし"),
    ("真理子", "まりこ"),
    ("修", "おさむ"),
    ("智子", "ともこ"),
    ("亮", "りょう"),
    ("優子", "ゆうこ"),
    ("剛", "つよし"),
    ("千尋", "ちひろ"),
    ("悠斗", "ゆうと"),
    ("さくら", "さくら"),
    ("光", "ひかる"),
    ("明美", "あけみ"),
    ("学", "まなぶ"),
    ("里美", "さとみ"),
    ("一郎", "いちろう"),
    ("奈々", "なな"),
    ("勇気", "ゆうき"),
    ("舞", "まい"),
    ("進", "すすむ"),
    ("愛", "あい"),
    ("蓮", "れん"),
    ("結衣", "ゆい"),
];

/// Titles of the staff in a team, with their grade (職務の級) and how often they occur.
const STAFF_TITLES: &[(&str, Option<u8>, usize)] = &[
    ("主査", Some(4), 20),
    ("主事", Some(3), 20),
    ("主事", Some(2), 15),
    ("技師", Some(3), 8),
    ("技師", Some(2), 7),
    ("再任用職員", Some(3), 8),
    ("会計年度任用職員", None, 14),
    ("技能労務職員", None, 8),
];

fn staff_title(rng: &mut Rng) -> (&'static str, Option<u8>) {
    let total: usize = STAFF_TITLES.iter().map(|t| t.2).sum();
    let mut roll = rng.below(total);
    for &(title, grade, weight) in STAFF_TITLES {
        if roll < weight {
            return (title, grade);
        }
        roll -= weight;
    }
    ("主事", Some(3))
}

/// The name of the `n`th unit taken from `names` (0-based), numbered once the list runs out.
fn numbered(names: &[&str], n: usize) -> String {
    let base = names[n % names.len()];
    match n / names.len() {
        0 => base.to_owned(),
        round => format!("{base}（第{}）", round + 1),
    }
}

struct OrgBuilder<'a> {
    rng: &'a mut Rng,
    org: Org,
    ranks: Vec<Rank>,
    wanted: usize,
    width: usize,
}

impl OrgBuilder<'_> {
    fn room(&self) -> bool {
        self.org.people.len() < self.wanted
    }

    fn add_unit(&mut self, id: String, name: String, kind: UnitKind, parent: Option<&str>) -> usize {
        self.org.units.push(Unit {
            id,
            name,
            kind,
            parent: parent.map(str::to_owned),
            head: None,
            extra: Extra::new(),
        });
        self.org.units.len() - 1
    }

    fn add_person(&mut self, unit: usize, rank: Rank, reviewer: Option<usize>) -> usize {
        let index = self.org.people.len();
        let id = format!("P{:0width$}", index + 1, width = self.width);
        let (surname, surname_kana) = *self.rng.pick(SURNAMES);
        let (given, given_kana) = *self.rng.pick(GIVEN_NAMES);
        let (title, grade) = match rank {
            Rank::DepartmentHead => (if self.rng.chance(10) { "理事" } else { "部長" }, Some(8)),
            Rank::Deputy => ("次長", Some(7)),
            Rank::SectionHead => (if self.rng.chance(10) { "参事" } else { "課長" }, Some(6)),
            Rank::TeamLeader => (if self.rng.chance(15) { "副参事" } else { "主幹" }, Some(5)),
            Rank::Staff => staff_title(self.rng),
        };
        self.org.people.push(Person {
            id: id.clone(),
            name: format!("{surname} {given}"),
            kana: Some(format!("{surname_kana} {given_kana}")),
            unit: self.org.units[unit].id.clone(),
            grade,
            title: title.to_owned(),
            reviewer: reviewer.map(|r| self.org.people[r].id.clone()),
            login: Some(id.to_lowercase()),
            roles: Vec::new(),
            mentor: None,
            extra: Extra::new(),
        });
        self.ranks.push(rank);
        if matches!(rank, Rank::DepartmentHead | Rank::SectionHead | Rank::TeamLeader) {
            self.org.units[unit].head = Some(id);
        }
        index
    }
}

/// Units and people, each person's rank, and who has the `hr` role.
fn organisation(people: usize, rng: &mut Rng) -> (Org, Vec<Rank>, Vec<PersonId>) {
    let width = people.to_string().len().max(5);
    // Larger organisations have larger departments and sections, rather than only more of them.
    let scale = (people as f64 / 3000.0).sqrt().max(1.0);
    let sections = ((3.0 * scale) as usize, (6.0 * scale) as usize);
    let teams = ((2.0 * scale) as usize, (4.0 * scale) as usize);
    let mut builder = OrgBuilder { rng, org: Org::default(), ranks: Vec::new(), wanted: people, width };
    let mut hr = Vec::new();
    let mut department = 0;
    while builder.room() {
        let (name, section_names) = DEPARTMENTS[department % DEPARTMENTS.len()];
        let name = match department / DEPARTMENTS.len() {
            0 => name.to_owned(),
            round => format!("{name}（第{}）", round + 1),
        };
        let department_id = format!("d{:02}", department + 1);
        let unit = builder.add_unit(department_id.clone(), name, UnitKind::Department, None);
        let head = builder.add_person(unit, Rank::DepartmentHead, None);
        if builder.room() {
            builder.add_person(unit, Rank::Deputy, Some(head));
        }
        let section_count = builder.rng.range(sections.0, sections.1);
        for section in 0..section_count {
            if !builder.room() {
                break;
            }
            let name = if section < section_names.len() {
                section_names[section].to_owned()
            } else {
                numbered(MORE_SECTIONS, section - section_names.len())
            };
            let is_hr = name == "人事課";
            let section_id = format!("{department_id}-s{:02}", section + 1);
            let unit = builder.add_unit(section_id.clone(), name, UnitKind::Section, Some(&department_id));
            let section_head = builder.add_person(unit, Rank::SectionHead, Some(head));
            let mut hr_given = false;
            let team_count = builder.rng.range(teams.0, teams.1);
            for team in 0..team_count {
                if !builder.room() {
                    break;
                }
                let name = format!("{}チーム", numbered(TEAMS, team));
                let team_id = format!("{section_id}-t{:02}", team + 1);
                let unit = builder.add_unit(team_id, name, UnitKind::Team, Some(&section_id));
                let leader = builder.add_person(unit, Rank::TeamLeader, Some(section_head));
                let size = builder.rng.range(8, 15);
                for _ in 1..size {
                    if !builder.room() {
                        break;
                    }
                    let member = builder.add_person(unit, Rank::Staff, Some(leader));
                    if is_hr && !hr_given {
                        builder.org.people[member].roles.push(ROLE_HR.to_owned());
                        hr.push(builder.org.people[member].id.clone());
                        hr_given = true;
                    }
                }
            }
            if is_hr && !hr_given {
                builder.org.people[section_head].roles.push(ROLE_HR.to_owned());
                hr.push(builder.org.people[section_head].id.clone());
            }
        }
        department += 1;
    }
    (builder.org, builder.ranks, hr)
}

// ---------------------------------------------------------------- goals

/// Themes of the department heads' goals, with their management activity.
const THEMES: &[(&str, Category)] = &[
    ("行政手続のデジタル化", Category::Strategic),
    ("職員の人材育成", Category::Staff),
    ("窓口サービスの向上", Category::Work),
    ("防災体制の強化", Category::Strategic),
    ("子育て支援の充実", Category::Strategic),
    ("地域経済の活性化", Category::Strategic),
    ("健康寿命の延伸", Category::Strategic),
    ("ごみの減量とリサイクル", Category::Work),
    ("公共施設の適正管理", Category::Work),
    ("財政の健全化", Category::Organisation),
    ("働き方改革と時間外勤務の縮減", Category::Organisation),
    ("市民協働の推進", Category::Strategic),
    ("観光振興と交流人口の拡大", Category::Strategic),
    ("除排雪体制の強化", Category::Work),
    ("上下水道の強靱化", Category::Work),
    ("学校教育の充実", Category::Strategic),
    ("高齢者の見守り体制づくり", Category::Strategic),
    ("脱炭素の推進", Category::Strategic),
    ("移住・定住の促進", Category::Strategic),
    ("情報発信の強化", Category::Work),
    ("エンゲージメントの向上", Category::Organisation),
    ("事務処理の正確性向上", Category::Work),
];

const TOP_SUFFIXES: &[&str] = &["の推進", "の強化", "に向けた全庁的な取組", "の着実な実施"];

const TASKS_SECTION: &[&str] = &[
    "課の実施計画の策定と進行管理",
    "関係課との連携体制の構築",
    "事業の見直しと効果検証",
    "予算の確保と執行管理",
    "市民への周知と広報",
    "課内業務の標準化",
];

const TASKS_TEAM: &[&str] = &[
    "業務手順の見直し",
    "申請・相談対応の迅速化",
    "データの集計と分析",
    "研修・説明会の開催",
    "現地調査と記録の電子化",
    "関係団体との調整",
];

const TASKS_STAFF: &[&str] = &[
    "チェックリストによる事務処理の正確性向上",
    "処理件数の月次報告",
    "マニュアルの改訂",
    "問合せ対応の記録と共有",
    "研修の受講と係内への共有",
    "現場確認の実施",
    "申請書類の審査",
    "窓口での案内の改善",
    "データ入力の効率化",
];

const METRIC_UNITS: &[&str] = &["件", "名", "回", "％", "時間"];

const NOTES: &[&str] = &[
    "課の重点事項です。中間面談で進み具合を確認します。",
    "前年度の実績を踏まえて進めてください。",
    "関係課との調整は早めにお願いします。",
];

const DECLINE_REASONS: &[&str] =
    &["繁忙期と重なり、期限内の対応が難しいため", "担当業務の変更により、別の職員が適任のため"];

const LOG_TEXTS: &[(LogKind, &str)] = &[
    (LogKind::Practice, "計画どおり実施し、処理状況を係内で共有した。"),
    (LogKind::Practice, "対象案件を処理し、課題を一覧にまとめた。"),
    (LogKind::Ojt, "係内でOJTを行い、手順を若手職員に引き継いだ。"),
    (LogKind::OffJt, "階層別研修を受講し、学んだ手法を業務に取り入れた。"),
    (LogKind::SelfStudy, "e-ラーニングで関係法令を学習した。"),
    (LogKind::Secondment, "県の派遣研修に参加し、他自治体の事例を収集した。"),
    (LogKind::OneOnOne, "上司と1on1を行い、進め方と優先順位を確認した。"),
];

const SELF_CHECK_COMMENTS: &[&str] = &[
    "おおむね計画どおり進んでいる。下半期に残りを仕上げる。",
    "前倒しで達成できた。手順を文書にして係内で共有した。",
    "想定より時間がかかった。関係課との調整を早めに始めるべきだった。",
];

const ACTIONS: &[(&str, &str)] = &[
    ("処理の集中する時期に遅れが出た", "繁忙期の前に応援体制を決めておく"),
    ("手順が担当者ごとに異なる", "手順書を統一し、係内研修で周知する"),
    ("市民への周知が十分でなかった", "広報紙とホームページで早めに案内する"),
];

const STRENGTHS: &[&str] = &[
    "計画的に業務を進め、期限を守っている。",
    "関係課との調整が丁寧で、信頼されている。",
    "若手職員への指導に積極的に取り組んでいる。",
    "データに基づいて改善点を示し、業務の見直しにつなげた。",
];

const IMPROVEMENTS: &[&str] = &[
    "進み具合を早めに共有し、遅れの兆しを相談すること。",
    "成果を数値で示せるよう、記録の取り方を工夫すること。",
    "業務の一部を後輩に任せ、全体の調整に時間を使うこと。",
];

const APPROVAL_COMMENTS: &[&str] = &["期首面談。", "期首面談。重点目標を確認した。", "期首面談。ウェイトを見直した。"];

struct Sheets {
    files: Vec<GoalsFile>,
    /// The theme of each goal, per person, parallel to their goals.
    themes: Vec<Vec<usize>>,
}

impl Sheets {
    fn new(org: &Org) -> Sheets {
        Sheets {
            files: org.people.iter().map(|p| GoalsFile::new(&p.id, CYCLE)).collect(),
            themes: vec![Vec::new(); org.people.len()],
        }
    }

    /// Makes `person`'s goals: proposals from their reviewer adopted (or left
    /// pending or declined), then goals of their own linked to the reviewer's goals.
    fn goals_of(&mut self, person: usize, reviewer: Option<usize>, rank: Rank, org: &Org, rng: &mut Rng) {
        let count = rng.range(4, 6);
        let weights = weights(count, rng);
        // Title, theme, and the parent goal with the adopted proposal (empty when none).
        type Planned = (String, usize, Option<(String, String)>);
        let mut plans: Vec<Planned> = Vec::new();
        match reviewer {
            None => {
                for theme in rng.sample(THEMES.len(), count) {
                    let title = format!("{}{}", THEMES[theme].0, rng.pick(TOP_SUFFIXES));
                    plans.push((title, theme, None));
                }
            }
            Some(manager) => {
                let manager_goals = self.files[manager].goals.len();
                let proposed = rng.range(2, 3);
                for goal in rng.sample(manager_goals, proposed) {
                    let theme = self.themes[manager][goal];
                    let parent = self.files[manager].goals[goal].id.clone();
                    let title = task_title(theme, rank, org, person, rng);
                    let sequence = self.files[manager].proposals.iter().filter(|p| p.parent == parent).count();
                    let id = format!("{parent}-{}", letters(sequence));
                    self.files[manager].proposals.push(Proposal {
                        id: id.clone(),
                        parent: parent.clone(),
                        to: org.people[person].id.clone(),
                        title: title.clone(),
                        note: if rng.chance(30) { rng.pick(NOTES).to_string() } else { String::new() },
                        share: Some((rng.range(1, 5) * 10) as f64),
                        date: Some(plus_days(day(2026, 4, 10), rng.below(10))),
                        extra: Extra::new(),
                    });
                    match rng.below(100) {
                        0..3 => {} // pending: not answered yet
                        3 => self.files[person].declined.push(Decline {
                            proposal: id,
                            reason: rng.pick(DECLINE_REASONS).to_string(),
                            date: Some(day(2026, 4, 25)),
                            extra: Extra::new(),
                        }),
                        _ => plans.push((title, theme, Some((parent, id)))),
                    }
                }
                while plans.len() < count {
                    let goal = rng.below(manager_goals);
                    let theme = self.themes[manager][goal];
                    let parent = self.files[manager].goals[goal].id.clone();
                    plans.push((task_title(theme, rank, org, person, rng), theme, Some((parent, String::new()))));
                }
            }
        }
        for (index, ((title, theme, link), weight)) in plans.into_iter().zip(weights).enumerate() {
            let owner = &org.people[person];
            let parent_due = link.as_ref().and_then(|(parent, _)| {
                let manager = reviewer?;
                self.files[manager].goals.iter().find(|g| &g.id == parent)?.due
            });
            let goal = goal(GoalSeed { owner, index, title, theme, rank, weight, link, parent_due }, rng);
            self.files[person].goals.push(goal);
            self.themes[person].push(theme);
        }
    }
}

/// `a`, `b`, …, `z`, `aa`, `ab`, …
fn letters(mut n: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'a' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

fn task_title(theme: usize, rank: Rank, org: &Org, person: usize, rng: &mut Rng) -> String {
    let theme = THEMES[theme].0;
    match rank {
        Rank::DepartmentHead | Rank::Deputy | Rank::SectionHead => {
            let unit = org.units.iter().find(|u| u.id == org.people[person].unit).map_or("", |u| u.name.as_str());
            format!("{theme}：{unit}の{}", rng.pick(TASKS_SECTION))
        }
        Rank::TeamLeader => format!("{theme}：{}", rng.pick(TASKS_TEAM)),
        Rank::Staff => format!("{theme}：{}", rng.pick(TASKS_STAFF)),
    }
}

/// `count` weights in steps of 5, each at least 10, summing to 100.
fn weights(count: usize, rng: &mut Rng) -> Vec<u32> {
    let mut weights = vec![10u32; count];
    let mut left = 100 - 10 * count as u32;
    while left > 0 {
        weights[rng.below(count)] += 5;
        left -= 5;
    }
    weights
}

struct GoalSeed<'a> {
    owner: &'a Person,
    index: usize,
    title: String,
    theme: usize,
    rank: Rank,
    weight: u32,
    /// The parent goal and the adopted proposal (empty when linked without one).
    link: Option<(String, String)>,
    parent_due: Option<Date>,
}

fn goal(seed: GoalSeed<'_>, rng: &mut Rng) -> Goal {
    let GoalSeed { owner, index, title, theme, rank, weight, link, parent_due } = seed;
    let (theme_name, theme_category) = THEMES[theme];
    let category = if rng.chance(80) {
        theme_category
    } else {
        *rng.pick(&[Category::Strategic, Category::Work, Category::Staff, Category::Organisation])
    };
    let due = match parent_due {
        Some(parent) => minus_days(parent, rng.below(46)).max(day(2026, 10, 30)).min(parent),
        None => day(2027, 3, 31),
    };
    let difficulty = match rng.below(100) {
        0..25 => Difficulty::High,
        25..80 => Difficulty::Medium,
        _ => Difficulty::Low,
    };
    let progress = (rng.range(2, 19) * 5) as u32;
    let metric = rng.chance(15).then(|| {
        let target = *rng.pick(&[10.0, 20.0, 50.0, 100.0, 200.0]);
        let unit = *rng.pick(METRIC_UNITS);
        Metric::typed(unit, 0.0, target, (target * f64::from(progress) / 100.0).round())
    });
    let (number, month) = (rng.range(2, 40) * 5, rng.range(6, 12));
    let criteria = match rng.below(4) {
        0 => format!("対象案件{number}件以上を期限内に処理し、誤り0件。"),
        1 => format!("{month}月までに完了し、関係者の満足度4.0以上。"),
        2 => format!("実施率{}％以上。結果を課内で報告する。", rng.range(14, 20) * 5),
        _ => format!("前年度比で処理時間を{}％削減。", rng.range(2, 6) * 5),
    };
    let unit_part = if rank == Rank::Staff { "担当者として" } else { "組織として" };
    let description =
        format!("{theme_name}に向けて、{unit_part}計画的に取り組む。進み具合は毎月記録し、面談で確認する。");
    let plan = if rng.chance(40) {
        format!("4月：計画の策定\n{}月：中間確認\n{}月：結果のまとめと報告", rng.range(7, 9), rng.range(11, 12))
    } else {
        String::new()
    };
    let milestones = if rng.chance(10) {
        vec![
            Milestone {
                title: "計画の決裁".to_owned(), due: Some(day(2026, 5, 29)), done: true, extra: Extra::new()
            },
            Milestone {
                title: "中間報告".to_owned(), due: Some(day(2026, 10, 30)), done: false, extra: Extra::new()
            },
        ]
    } else {
        Vec::new()
    };
    let log_entries = match rank {
        Rank::Staff | Rank::TeamLeader => rng.range(0, 3),
        _ => rng.range(0, 1),
    };
    let mut log: Vec<LogEntry> = (0..log_entries)
        .map(|_| {
            let (kind, text) = *rng.pick(LOG_TEXTS);
            LogEntry {
                date: plus_days(day(2026, 4, 15), rng.below(210)),
                kind,
                text: text.to_owned(),
                course: None,
                completed: false,
                extra: Extra::new(),
            }
        })
        .collect();
    log.sort_by_key(|entry| entry.date);
    let check = rng.chance(8).then(|| SelfCheck {
        level: *rng.pick(&[Level::S, Level::A, Level::A, Level::B, Level::B, Level::B, Level::C]),
        comment: rng.pick(SELF_CHECK_COMMENTS).to_string(),
        date: Some(plus_days(day(2026, 10, 1), rng.below(40))),
        extra: Extra::new(),
    });
    let actions = if rng.chance(5) {
        let (issue, measure) = *rng.pick(ACTIONS);
        vec![ActionItem {
            issue: issue.to_owned(),
            measure: measure.to_owned(),
            due: Some(day(2027, 1, 29)),
            done: false,
            carried_from: None,
            extra: Extra::new(),
        }]
    } else {
        Vec::new()
    };
    let (parent, proposal) = match link {
        Some((parent, proposal)) => (Some(parent), Some(proposal).filter(|p| !p.is_empty())),
        None => (None, None),
    };
    Goal {
        id: format!("{}-{CYCLE}-{}", owner.id, index + 1),
        title,
        description,
        criteria,
        due: Some(due),
        difficulty: Some(difficulty),
        weight: Some(weight),
        category: Some(category),
        parent,
        proposal,
        carried_from: None,
        progress: Some(progress),
        metric,
        plan,
        milestones,
        log,
        check,
        actions,
        revisions: Vec::new(),
        extra: Extra::new(),
    }
}

// ---------------------------------------------------------------- workflow and feedback

/// Submits `person`'s sheet (most people), has their reviewer approve it (most of
/// those) with the plan snapshot, and writes some of the reviewer's feedback.
fn workflow(
    person: usize,
    reviewer: Option<usize>,
    org: &Org,
    goals: &mut [GoalsFile],
    feedback: &mut [Option<FeedbackFile>],
    rng: &mut Rng,
) {
    let id = &org.people[person].id;
    let submitted = rng.chance(92).then(|| plus_days(day(2026, 4, 20), rng.below(20)));
    if let Some(on) = submitted {
        goals[person].sheet.push(SheetRecord {
            person: None,
            step: Step::Submit,
            by: id.clone(),
            at: office_time(on, rng),
            comment: String::new(),
            plan: Vec::new(),
            extra: Extra::new(),
        });
    }
    let Some(reviewer) = reviewer else { return };
    let reviewer_id = &org.people[reviewer].id;
    let file = feedback[reviewer].get_or_insert_with(|| FeedbackFile::new(reviewer_id, CYCLE));
    if let Some(on) = submitted.filter(|_| rng.chance(90)) {
        file.sheet.push(SheetRecord {
            person: Some(id.clone()),
            step: Step::Approve,
            by: reviewer_id.clone(),
            at: office_time(plus_days(on, rng.range(2, 20)), rng),
            comment: rng.pick(APPROVAL_COMMENTS).to_string(),
            plan: goals[person].goals.iter().map(PlannedGoal::of).collect(),
            extra: Extra::new(),
        });
    }
    let person_goals = &goals[person].goals;
    if rng.chance(35) {
        file.feedback.push(Feedback {
            person: id.clone(),
            goal: None,
            level: None,
            strengths: rng.pick(STRENGTHS).to_string(),
            improvements: rng.pick(IMPROVEMENTS).to_string(),
            contribution: String::new(),
            comment: "中間面談。".to_owned(),
            date: Some(plus_days(day(2026, 9, 24), rng.below(25))),
            shared: rng.chance(50),
            extra: Extra::new(),
        });
    }
    if !person_goals.is_empty() && rng.chance(20) {
        let goal = rng.pick(person_goals);
        file.feedback.push(Feedback {
            person: id.clone(),
            goal: Some(goal.id.clone()),
            level: Some(*rng.pick(&[Level::S, Level::A, Level::B, Level::B, Level::C])),
            strengths: rng.pick(STRENGTHS).to_string(),
            improvements: String::new(),
            contribution: format!("「{}」への貢献。", goal.title),
            comment: String::new(),
            date: Some(plus_days(day(2026, 10, 1), rng.below(30))),
            shared: rng.chance(50),
            extra: Extra::new(),
        });
    }
    if file.feedback.is_empty() && file.sheet.is_empty() {
        feedback[reviewer] = None;
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

    #[test]
    fn letters_count_like_spreadsheet_columns() {
        assert_eq!(letters(0), "a");
        assert_eq!(letters(25), "z");
        assert_eq!(letters(26), "aa");
        assert_eq!(letters(27), "ab");
    }
}
