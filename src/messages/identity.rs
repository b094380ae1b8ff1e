//! When the person at the keyboard cannot be told: why, who they could be, and how
//! to choose.

use std::path::PathBuf;

use super::{Lang, Message};
use crate::model::identity::{GivenBy, IdentityError};

/// Why the person at the keyboard is not known, with the people to choose from.
#[derive(Clone, Debug, PartialEq)]
pub struct Unidentified {
    pub error: IdentityError,
    /// The person an unknown id most likely stands for: it differs in case or by a typo.
    pub suggestion: Option<Someone>,
    /// People to choose from: the first ones, when there are many.
    pub people: Vec<Someone>,
    /// How many more people there are than `people` lists.
    pub more: usize,
    /// Where the config file is, or would be.
    pub config_file: Option<PathBuf>,
}

/// A person as a list of choices names them.
#[derive(Clone, Debug, PartialEq)]
pub struct Someone {
    pub id: String,
    pub name: String,
    pub title: String,
}

impl Message for Unidentified {
    fn ja(&self) -> String {
        self.said(Lang::Ja)
    }

    fn en(&self) -> String {
        self.said(Lang::En)
    }
}

impl Unidentified {
    /// Why, the suggestion, the people listed, and how to choose.
    fn said(&self, lang: Lang) -> String {
        let mut text = why(&self.error, lang);
        // A login no entry has: the list shows HR (and the person) which entry is theirs.
        let login = match &self.error {
            IdentityError::NoSuchLogin { login: Some(login) } => Some(login),
            _ => None,
        };
        if !self.error.offers_choice() && login.is_none() {
            return text;
        }
        if let Some(someone) = &self.suggestion {
            text += &match lang {
                Lang::Ja => format!("。{} ({}) のことですか?", someone.id, someone.name),
                Lang::En => format!("; did you mean {} ({})?", someone.id, someone.name),
            };
        }
        text += match (self.people.is_empty(), lang) {
            (true, Lang::Ja) => "\norg.toml に職員が登録されていません",
            (true, Lang::En) => "\norg.toml lists nobody",
            (false, Lang::Ja) => "\norg.toml の職員:",
            (false, Lang::En) => "\npeople in org.toml:",
        };
        for someone in &self.people {
            text += &format!("\n  {} {} {}", someone.id, someone.name, someone.title);
        }
        if self.more > 0 {
            text += &match lang {
                Lang::Ja => format!("\n  …ほか {} 人", self.more),
                Lang::En => format!("\n  … and {} more", self.more),
            };
        }
        if let Some(login) = login {
            text += &match lang {
                Lang::Ja => format!(
                    "\n人事課に、org.toml のあなたの行 (上の一覧の職員番号) へ `login = \"{login}\"` を書いてもらってください"
                ),
                Lang::En => format!("\nask HR to add `login = \"{login}\"` to your entry (your id above) in org.toml"),
            };
            return text;
        }
        let file = self.config_file.as_ref().map(|path| path.display());
        text += &match (file, lang) {
            (Some(path), Lang::Ja) => {
                format!("\n`pdca --as 職員番号` で選ぶか、設定ファイル {path} に `me = \"職員番号\"` と書いてください")
            }
            (None, Lang::Ja) => {
                "\n`pdca --as 職員番号` で選ぶか、設定ファイルに `me = \"職員番号\"` と書いてください".to_owned()
            }
            (Some(path), Lang::En) => format!("\nchoose with `pdca --as ID`, or set `me = \"ID\"` in {path}"),
            (None, Lang::En) => "\nchoose with `pdca --as ID`, or set `me = \"ID\"` in the config file".to_owned(),
        };
        text
    }
}

fn why(error: &IdentityError, lang: Lang) -> String {
    match (error, lang) {
        (IdentityError::UnknownId { id, given_by: GivenBy::Flag }, Lang::Ja) => {
            format!("--as の `{id}` は org.toml に登録されていません")
        }
        (IdentityError::UnknownId { id, given_by: GivenBy::Flag }, Lang::En) => {
            format!("--as names `{id}`, but no person in org.toml has that id")
        }
        (IdentityError::UnknownId { id, given_by: GivenBy::Config }, Lang::Ja) => {
            format!("設定ファイルの `me` の `{id}` は org.toml に登録されていません")
        }
        (IdentityError::UnknownId { id, given_by: GivenBy::Config }, Lang::En) => {
            format!("`me` in the config file names `{id}`, but no person in org.toml has that id")
        }
        (IdentityError::NotRecognised { login: Some(login) }, Lang::Ja) => format!(
            "あなたが誰か分かりません: --as も設定ファイルの `me` もなく、ログイン名が `{login}` の職員も org.toml \
             にいません"
        ),
        (IdentityError::NotRecognised { login: Some(login) }, Lang::En) => format!(
            "cannot tell who you are: no --as, no `me` in the config file, and no person in org.toml has login \
             `{login}`"
        ),
        (IdentityError::NotRecognised { login: None }, Lang::Ja) => {
            "あなたが誰か分かりません: --as も設定ファイルの `me` もなく、ログイン名も分かりません".to_owned()
        }
        (IdentityError::NotRecognised { login: None }, Lang::En) => {
            "cannot tell who you are: no --as, no `me` in the config file, and no login name to look up".to_owned()
        }
        (IdentityError::NoSuchLogin { login: Some(login) }, Lang::Ja) => format!(
            "このデータは OS のログイン名で本人を確認します (pdca.toml の identity = \"login\")。ログイン名が `{login}` \
             の職員が org.toml にいません"
        ),
        (IdentityError::NoSuchLogin { login: Some(login) }, Lang::En) => format!(
            "this data set identifies people by their OS login (identity = \"login\" in pdca.toml), and no person in \
             org.toml has login `{login}`"
        ),
        (IdentityError::NoSuchLogin { login: None }, Lang::Ja) => {
            "このデータは OS のログイン名で本人を確認します (pdca.toml の identity = \"login\") が、ログイン名を読み取れません"
                .to_owned()
        }
        (IdentityError::NoSuchLogin { login: None }, Lang::En) => {
            "this data set identifies people by their OS login (identity = \"login\" in pdca.toml), but the login \
             name could not be read"
                .to_owned()
        }
        (IdentityError::NotAnAdministrator { login, person, asked, given_by }, Lang::Ja) => {
            let named = match given_by {
                GivenBy::Flag => "--as",
                GivenBy::Config => "設定ファイルの `me`",
            };
            format!(
                "{named} で `{asked}` を指定しましたが、このデータは OS のログイン名で本人を確認します (pdca.toml の \
                 identity = \"login\")。あなたは {person} (ログイン名 `{login}`) です。他の職員として操作できるのは \
                 admin の役割を持つ職員だけで、その操作はすべて記録されます"
            )
        }
        (IdentityError::NotAnAdministrator { login, person, asked, given_by }, Lang::En) => {
            let named = match given_by {
                GivenBy::Flag => "--as",
                GivenBy::Config => "`me` in the config file",
            };
            format!(
                "{named} names `{asked}`, but this data set identifies people by their OS login (identity = \"login\" \
                 in pdca.toml): you are {person} (login `{login}`), and only a person with the `admin` role may act \
                 as someone else, every time on the record"
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn someone(id: &str, name: &str) -> Someone {
        Someone { id: id.into(), name: name.into(), title: "主事".into() }
    }

    #[test]
    fn an_unknown_id_gets_a_suggestion_the_choices_and_the_config_file() {
        let unidentified = Unidentified {
            error: IdentityError::UnknownId { id: "p0011".into(), given_by: GivenBy::Flag },
            suggestion: Some(someone("P0011", "鳴海 翔")),
            people: vec![someone("P0001", "工藤 誠一"), someone("P0011", "鳴海 翔")],
            more: 3,
            config_file: Some(PathBuf::from("/cfg/config.toml")),
        };
        assert_eq!(
            unidentified.text(Lang::En),
            "--as names `p0011`, but no person in org.toml has that id; did you mean P0011 (鳴海 翔)?\n\
             people in org.toml:\n  P0001 工藤 誠一 主事\n  P0011 鳴海 翔 主事\n  … and 3 more\n\
             choose with `pdca --as ID`, or set `me = \"ID\"` in /cfg/config.toml"
        );
        assert_eq!(
            unidentified.text(Lang::Ja),
            "--as の `p0011` は org.toml に登録されていません。P0011 (鳴海 翔) のことですか?\n\
             org.toml の職員:\n  P0001 工藤 誠一 主事\n  P0011 鳴海 翔 主事\n  …ほか 3 人\n\
             `pdca --as 職員番号` で選ぶか、設定ファイル /cfg/config.toml に `me = \"職員番号\"` と書いてください"
        );
    }

    #[test]
    fn an_unknown_login_lists_the_people_and_says_how_to_be_known() {
        let unidentified = Unidentified {
            error: IdentityError::NoSuchLogin { login: Some("sato.k".into()) },
            suggestion: None,
            people: vec![someone("P0001", "工藤 誠一")],
            more: 20,
            config_file: Some(PathBuf::from("/cfg/config.toml")),
        };
        assert_eq!(
            unidentified.text(Lang::En),
            "this data set identifies people by their OS login (identity = \"login\" in pdca.toml), and no person \
             in org.toml has login `sato.k`\npeople in org.toml:\n  P0001 工藤 誠一 主事\n  … and 20 more\n\
             ask HR to add `login = \"sato.k\"` to your entry (your id above) in org.toml"
        );
        assert_eq!(
            unidentified.text(Lang::Ja),
            "このデータは OS のログイン名で本人を確認します (pdca.toml の identity = \"login\")。ログイン名が \
             `sato.k` の職員が org.toml にいません\norg.toml の職員:\n  P0001 工藤 誠一 主事\n  …ほか 20 人\n\
             人事課に、org.toml のあなたの行 (上の一覧の職員番号) へ `login = \"sato.k\"` を書いてもらってください"
        );
    }

    #[test]
    fn a_stranger_is_told_the_login_that_was_looked_up() {
        let unidentified = Unidentified {
            error: IdentityError::NotRecognised { login: Some("guest".into()) },
            suggestion: None,
            people: Vec::new(),
            more: 0,
            config_file: None,
        };
        let english = unidentified.text(Lang::En);
        assert!(english.contains("has login `guest`\norg.toml lists nobody\n"), "{english}");
        assert!(english.ends_with("in the config file"), "{english}");
        assert!(unidentified.text(Lang::Ja).contains("ログイン名が `guest` の職員も"));
    }
}
