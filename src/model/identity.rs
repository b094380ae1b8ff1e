//! Who is at the keyboard. `pdca.toml` says how a data set establishes it
//! (`identity`):
//!
//! - `demo` (the bundled sample, generated data sets): `--as ID`, else the
//!   configured `me`, else the person last chosen in the app's picker, else the
//!   person whose `login` is the OS user name;
//! - `login` (every other data set, and one that does not say): the person whose
//!   `login` is the OS user. Naming someone else (`--as`, or `me` in the config) is
//!   refused, unless that person holds the `admin` role; an administrator acting as
//!   someone else is recorded ([`crate::model::audit`]).

use serde::{Deserialize, Serialize};

use super::types::{Org, Person, PersonId};

/// How a data set establishes who is at the keyboard.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IdentityMode {
    /// The OS user's login; only an administrator acts as someone else, on the record.
    #[default]
    Login,
    /// Anyone may act as anyone: for the sample and demonstrations.
    Demo,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
// Developers read the debug form; users read the messages.
#[error("{self:?}")]
pub enum IdentityError {
    /// An id that no person has.
    UnknownId { id: String, given_by: GivenBy },
    /// Demo: neither `--as` nor `me`, and no person with the OS user's login.
    NotRecognised { login: Option<String> },
    /// Login: no person has the OS user's login.
    NoSuchLogin { login: Option<String> },
    /// Login: the person at the keyboard named someone else without the `admin` role.
    NotAnAdministrator { login: String, person: PersonId, asked: PersonId, given_by: GivenBy },
}

impl IdentityError {
    /// Whether choosing a person (`--as`, `me`) is the way out, so the people to
    /// choose from are worth listing.
    pub fn offers_choice(&self) -> bool {
        matches!(self, IdentityError::UnknownId { .. } | IdentityError::NotRecognised { .. })
    }
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
    /// Demo: the person chosen in the app's person picker last time, kept in the
    /// user's own files; ignored when it names nobody (the data set changed).
    pub remembered: Option<&'a str>,
    pub os_user: Option<&'a str>,
}

/// Who acts, and the administrator acting as them when that is someone else.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Identity<'a> {
    pub actor: &'a Person,
    /// In login mode, the administrator at the keyboard acting as `actor`: to be recorded.
    pub administrator: Option<&'a Person>,
}

pub fn identify<'a>(org: &'a Org, mode: IdentityMode, hints: IdentityHints<'_>) -> Result<Identity<'a>, IdentityError> {
    let by_id = |id: &str, given_by| {
        org.people.iter().find(|p| p.id == id).ok_or(IdentityError::UnknownId { id: id.to_owned(), given_by })
    };
    let by_login = |login: &str| org.people.iter().find(|p| p.login.as_deref().is_some_and(|l| same_login(l, login)));
    let named = match (hints.as_id, hints.config_me) {
        (Some(id), _) => Some((id, GivenBy::Flag)),
        (None, Some(id)) => Some((id, GivenBy::Config)),
        (None, None) => None,
    };
    let own = |actor| Identity { actor, administrator: None };
    match mode {
        IdentityMode::Demo => match named {
            Some((id, given_by)) => by_id(id, given_by).map(own),
            None => hints
                .remembered
                .and_then(|id| org.people.iter().find(|p| p.id == id))
                .or_else(|| hints.os_user.and_then(by_login))
                .map(own)
                .ok_or_else(|| IdentityError::NotRecognised { login: hints.os_user.map(str::to_owned) }),
        },
        IdentityMode::Login => {
            let login = hints.os_user.ok_or(IdentityError::NoSuchLogin { login: None })?;
            let me = by_login(login).ok_or_else(|| IdentityError::NoSuchLogin { login: Some(login.to_owned()) })?;
            let Some((id, given_by)) = named.filter(|(id, _)| *id != me.id) else { return Ok(own(me)) };
            if !me.is_admin() {
                let asked = id.to_owned();
                return Err(IdentityError::NotAnAdministrator {
                    login: login.to_owned(),
                    person: me.id,
                    asked: asked.into(),
                    given_by,
                });
            }
            Ok(Identity { actor: by_id(id, given_by)?, administrator: Some(me) })
        }
    }
}

/// OS user names compare without regard to ASCII case: Windows does not tell
/// `Kimura.A` from `kimura.a`.
fn same_login(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org() -> Org {
        let person = |id: &str, login: &str, roles: &[&str]| Person {
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
            roles: roles.iter().map(|r| (*r).to_owned()).collect(),
            mentor: None,
            extra: Default::default(),
        };
        let people = vec![person("P1", "one", &[]), person("P2", "two", &["hr"]), person("P9", "root", &["admin"])];
        Org { units: Vec::new(), people, extra: Default::default() }
    }

    fn actor(result: Result<Identity<'_>, IdentityError>) -> (String, Option<String>) {
        let identity = result.unwrap();
        (identity.actor.id.to_string(), identity.administrator.map(|admin| admin.id.to_string()))
    }

    #[test]
    fn in_demo_the_flag_beats_the_config_which_beats_the_login() {
        let org = org();
        let demo = |hints| identify(&org, IdentityMode::Demo, hints);
        let all = IdentityHints { as_id: Some("P1"), config_me: Some("P2"), remembered: None, os_user: Some("two") };
        assert_eq!(actor(demo(all)), ("P1".into(), None));
        let no_flag = IdentityHints { as_id: None, ..all };
        assert_eq!(actor(demo(no_flag)), ("P2".into(), None));
        let login_only = IdentityHints { os_user: Some("one"), ..IdentityHints::default() };
        assert_eq!(actor(demo(login_only)), ("P1".into(), None));
    }

    #[test]
    fn in_demo_the_remembered_choice_comes_after_the_config_and_before_the_login() {
        let org = org();
        let demo = |hints| identify(&org, IdentityMode::Demo, hints);
        let picked = IdentityHints { remembered: Some("P2"), os_user: Some("one"), ..IdentityHints::default() };
        assert_eq!(actor(demo(picked)), ("P2".into(), None));
        assert_eq!(actor(demo(IdentityHints { config_me: Some("P9"), ..picked })), ("P9".into(), None));
        let gone = IdentityHints { remembered: Some("P8"), ..picked };
        assert_eq!(actor(demo(gone)), ("P1".into(), None), "a choice that names nobody is passed over");
        let remembered_only = IdentityHints { remembered: Some("P2"), ..IdentityHints::default() };
        let login = identify(&org, IdentityMode::Login, IdentityHints { os_user: Some("one"), ..remembered_only });
        assert_eq!(actor(login), ("P1".into(), None), "a real data set never takes it");
    }

    #[test]
    fn unknown_ids_and_strangers_get_a_clear_error() {
        let org = org();
        let demo = |hints| identify(&org, IdentityMode::Demo, hints);
        let error = demo(IdentityHints { as_id: Some("P8"), ..Default::default() }).unwrap_err();
        assert_eq!(error, IdentityError::UnknownId { id: "P8".into(), given_by: GivenBy::Flag });
        let error = demo(IdentityHints { config_me: Some("p1"), ..Default::default() }).unwrap_err();
        assert_eq!(error, IdentityError::UnknownId { id: "p1".into(), given_by: GivenBy::Config }, "ids are exact");
        let error = demo(IdentityHints { os_user: Some("guest"), ..Default::default() }).unwrap_err();
        assert_eq!(error, IdentityError::NotRecognised { login: Some("guest".into()) });
    }

    #[test]
    fn in_login_mode_only_an_administrator_acts_as_someone_else() {
        let org = org();
        let login = |as_id, config_me, os_user| {
            identify(
                &org,
                IdentityMode::Login,
                IdentityHints { as_id, config_me, os_user: Some(os_user), remembered: None },
            )
        };
        assert_eq!(actor(login(None, None, "One")), ("P1".into(), None), "Windows logins ignore case");
        assert_eq!(actor(login(Some("P1"), None, "one")), ("P1".into(), None), "naming oneself is no impersonation");
        assert_eq!(
            login(Some("P2"), None, "one").unwrap_err(),
            IdentityError::NotAnAdministrator {
                login: "one".into(),
                person: "P1".into(),
                asked: "P2".into(),
                given_by: GivenBy::Flag
            }
        );
        // `me` in one's own config file is no way round it, not even to HR.
        assert!(matches!(
            login(None, Some("P9"), "two").unwrap_err(),
            IdentityError::NotAnAdministrator { given_by: GivenBy::Config, .. }
        ));
        assert_eq!(actor(login(Some("P2"), None, "root")), ("P2".into(), Some("P9".into())));
        assert_eq!(
            login(Some("P7"), None, "root").unwrap_err(),
            IdentityError::UnknownId { id: "P7".into(), given_by: GivenBy::Flag }
        );
        assert_eq!(
            login(Some("P1"), None, "guest").unwrap_err(),
            IdentityError::NoSuchLogin { login: Some("guest".into()) }
        );
        let no_user = identify(&org, IdentityMode::Login, IdentityHints { as_id: Some("P1"), ..Default::default() });
        assert_eq!(no_user.unwrap_err(), IdentityError::NoSuchLogin { login: None });
    }
}
