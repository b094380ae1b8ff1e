//! Who is at the keyboard: `--as ID`, else the configured `me`, else the person
//! whose `login` is the OS user name.

use super::types::{Org, Person};

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
// Developers read the debug form; users read the messages.
#[error("{self:?}")]
pub enum IdentityError {
    /// An id that no person has.
    UnknownId { id: String, given_by: GivenBy },
    /// Neither `--as` nor `me`, and no person with the OS user's login.
    NotRecognised { login: Option<String> },
}

/// Where an id came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GivenBy {
    /// `--as ID`.
    Flag,
    /// `me = "ID"` in the config file.
    Config,
}

/// Where an identity can come from, strongest first.
#[derive(Clone, Copy, Debug, Default)]
pub struct IdentityHints<'a> {
    pub as_id: Option<&'a str>,
    pub config_me: Option<&'a str>,
    pub os_user: Option<&'a str>,
}

pub fn identify<'a>(org: &'a Org, hints: IdentityHints<'_>) -> Result<&'a Person, IdentityError> {
    let by_id = |id: &str, given_by| {
        org.people.iter().find(|p| p.id == id).ok_or(IdentityError::UnknownId { id: id.to_owned(), given_by })
    };
    if let Some(id) = hints.as_id {
        return by_id(id, GivenBy::Flag);
    }
    if let Some(id) = hints.config_me {
        return by_id(id, GivenBy::Config);
    }
    hints
        .os_user
        .and_then(|login| org.people.iter().find(|p| p.login.as_deref() == Some(login)))
        .ok_or_else(|| IdentityError::NotRecognised { login: hints.os_user.map(str::to_owned) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org() -> Org {
        let person = |id: &str, login: &str| Person {
            id: id.into(),
            name: format!("職員 {id}"),
            kana: None,
            unit: "u".into(),
            grade: None,
            title: "主事".into(),
            job_type: None,
            competency_group: None,
            reviewer: None,
            second_reviewer: None,
            login: Some(login.into()),
            roles: Vec::new(),
            mentor: None,
            extra: Default::default(),
        };
        Org { units: Vec::new(), people: vec![person("P1", "one"), person("P2", "two")], extra: Default::default() }
    }

    #[test]
    fn the_flag_beats_the_config_which_beats_the_login() {
        let org = org();
        let all = IdentityHints { as_id: Some("P1"), config_me: Some("P2"), os_user: Some("two") };
        assert_eq!(identify(&org, all).unwrap().id, "P1");
        let no_flag = IdentityHints { as_id: None, ..all };
        assert_eq!(identify(&org, no_flag).unwrap().id, "P2");
        let login_only = IdentityHints { os_user: Some("one"), ..IdentityHints::default() };
        assert_eq!(identify(&org, login_only).unwrap().id, "P1");
    }

    #[test]
    fn unknown_ids_and_strangers_get_a_clear_error() {
        let org = org();
        let error = identify(&org, IdentityHints { as_id: Some("P9"), ..Default::default() }).unwrap_err();
        assert_eq!(error, IdentityError::UnknownId { id: "P9".into(), given_by: GivenBy::Flag });
        let error = identify(&org, IdentityHints { config_me: Some("p1"), ..Default::default() }).unwrap_err();
        assert_eq!(error, IdentityError::UnknownId { id: "p1".into(), given_by: GivenBy::Config }, "ids are exact");
        let error = identify(&org, IdentityHints { os_user: Some("guest"), ..Default::default() }).unwrap_err();
        assert_eq!(error, IdentityError::NotRecognised { login: Some("guest".into()) });
    }
}
