//! The generated organisation: departments of sections of teams, each with a
//! head who reviews the people below.

use super::words::*;
use super::*;

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
            id: id.as_str().into(),
            name: format!("{surname} {given}"),
            kana: Some(format!("{surname_kana} {given_kana}")),
            unit: self.org.units[unit].id.clone(),
            grade,
            title: title.to_owned(),
            job_type: None,
            competency_group: None,
            reviewer: reviewer.map(|r| self.org.people[r].id),
            second_reviewer: None,
            mentor: None,
            login: Some(id.to_lowercase()),
            roles: Vec::new(),
            extra: Extra::new(),
        });
        self.ranks.push(rank);
        if matches!(rank, Rank::DepartmentHead | Rank::SectionHead | Rank::TeamLeader) {
            self.org.units[unit].head = Some(id.into());
        }
        index
    }
}

/// Units and people, each person's rank, and who has the `hr` role.
pub(super) fn organisation(people: usize, rng: &mut Rng) -> (Org, Vec<Rank>, Vec<PersonId>) {
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
                        hr.push(builder.org.people[member].id);
                        hr_given = true;
                    }
                }
            }
            if is_hr && !hr_given {
                builder.org.people[section_head].roles.push(ROLE_HR.to_owned());
                hr.push(builder.org.people[section_head].id);
            }
        }
        department += 1;
    }
    (builder.org, builder.ranks, hr)
}
