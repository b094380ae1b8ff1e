//! Every message in both languages: no text is empty, and the two languages differ
//! except where a word is the same in both (an abbreviation, a TOML field name).
//!
//! Enums declared with `listed_messages!` and those with an `ALL` list are read
//! whole. For the others a list below names each variant once; its `match` has no
//! catch-all, so a new variant does not compile until it is listed here too.

use std::path::PathBuf;

use super::*;
use crate::config::{ConfigError, ConfigProblem};
use crate::hr::export::ExportError;
use crate::hr::import::{ImportError, ImportNote};
use crate::hr::roster::{Column, Rejection, RosterError};
use crate::hr::validity::Part;
use crate::keys::{Action, Context, KeyError, KeyProblem};
use crate::model::changes::PlanField;
use crate::model::identity::{GivenBy, IdentityError};
use crate::model::{Category, Difficulty, Location, LogKind, Phase, ProblemKind, Severity, SheetState, Step};
use crate::settings::{Expected, WrongType};
use crate::store::StoreError;
use crate::theme::{ThemeError, ThemeProblem};

/// Checks one message's two texts; `same` when they may be equal.
fn check(what: &str, ja: &str, en: &str, same: bool) {
    assert!(!ja.trim().is_empty(), "{what}: no Japanese text");
    assert!(!en.trim().is_empty(), "{what}: no English text");
    assert!(same || ja != en, "{what}: the Japanese text is the English one: {en}");
}

fn check_all<T: Message + std::fmt::Debug + PartialEq>(values: &[T], same_in_both: &[T]) {
    for value in values {
        check(&format!("{value:?}"), &value.ja(), &value.en(), same_in_both.contains(value));
    }
}

fn check_rendered<T: std::fmt::Debug>(values: &[T], render: fn(&T, Lang) -> String) {
    for value in values {
        check(&format!("{value:?}"), &render(value, Lang::Ja), &render(value, Lang::En), false);
    }
}

#[test]
fn every_listed_message_has_both_texts() {
    check_all(&CliText::every(), &[]);
    check_all(&CliHelp::every(), &[]);
    // "FB" (feedback) is the column's heading in both languages.
    check_all(&Text::every(), &[Text::InboxFeedback]);
    check_all(&crate::messages::Reading::every(), &[]);
}

#[test]
fn every_name_has_both_texts() {
    check_all(&[Severity::Error, Severity::Warning], &[]);
    check_all(&Column::ALL, &[]);
    check_all(
        &[
            Expected::String,
            Expected::KeyTable,
            Expected::Key,
            Expected::KeyOrKeys,
            Expected::StyleTable,
            Expected::Style,
            Expected::ModifierList,
        ],
        &[],
    );
    check_all(&SheetState::ALL, &[]);
    check_all(&Step::ALL, &[]);
    check_all(&LogKind::ALL, &[LogKind::Ojt, LogKind::OffJt, LogKind::OneOnOne]);
    check_all(Action::ALL, &[]);
    check_all(&Context::VIEWS, &[]);
    check_all(&[Context::Global], &[]);
    check_all(&[Phase::Plan, Phase::Do, Phase::Check, Phase::Action], &[]);
    check_all(&Category::ALL, &[]);
    check_all(&Difficulty::ALL, &[]);
    // The fields of a plan are named as the goals file writes them, in both languages.
    let fields: Vec<PlanField> = std::iter::once(PlanField::Goal).chain(PlanField::OF_A_GOAL).collect();
    check_all(&fields, &fields);
}

fn path() -> PathBuf {
    PathBuf::from("/data/org.toml")
}

fn every_store_error() -> Vec<StoreError> {
    let io = || std::io::Error::other("denied");
    let location = Location { line: 1, column: 2 };
    let all = vec![
        StoreError::Io { path: path(), source: io() },
        StoreError::Parse { path: path(), location, message: "expected `=`".into() },
        StoreError::NoDataSet(path()),
        StoreError::AlreadyExists(path()),
        StoreError::UnknownCycle { root: path(), cycle: "2027".into() },
        StoreError::ChangedOnDisk(path()),
        StoreError::Unreadable(path()),
        StoreError::HeldInPart(path()),
        StoreError::Serialize { path: path(), message: "bad".into() },
        StoreError::BadId { id: "../x".into(), reason: crate::model::ident::BadId::Character { found: '/' } },
        StoreError::OutsideDataSet(path()),
        StoreError::Locked(path()),
        StoreError::BadFile { path: path(), location: None, kind: Box::new(crate::model::ProblemKind::NotUtf8) },
        StoreError::NewerSchema { path: path(), found: 2 },
    ];
    for error in &all {
        match error {
            StoreError::Io { .. }
            | StoreError::Parse { .. }
            | StoreError::NoDataSet(_)
            | StoreError::AlreadyExists(_)
            | StoreError::UnknownCycle { .. }
            | StoreError::ChangedOnDisk(_)
            | StoreError::Unreadable(_)
            | StoreError::HeldInPart(_)
            | StoreError::Serialize { .. }
            | StoreError::BadId { .. }
            | StoreError::OutsideDataSet(_)
            | StoreError::Locked(_)
            | StoreError::BadFile { .. } => {}
            StoreError::NewerSchema { .. } => {}
        }
    }
    all
}

fn every_config_error() -> Vec<ConfigError> {
    let location = Location { line: 1, column: 2 };
    let invalid =
        |problem| ConfigError::Invalid { path: path(), location, key: "me".into(), problem: Box::new(problem) };
    let key = KeyError { spec: "ctrl-".into(), problem: KeyProblem::UnknownName };
    let all = vec![
        ConfigError::Read { path: path(), error: std::io::Error::other("denied") },
        ConfigError::Syntax { path: path(), location, message: "expected `=`".into() },
        invalid(ConfigProblem::WrongType(WrongType { expected: Expected::String, found: "integer" })),
        invalid(ConfigProblem::Empty),
        invalid(ConfigProblem::NotThemeName("../x".into())),
        invalid(ConfigProblem::UnknownLanguage("fr".into())),
        invalid(ConfigProblem::UnknownChoice { value: "seireki".into(), choices: &["wareki", "iso"] }),
        invalid(ConfigProblem::Key(key)),
        invalid(ConfigProblem::NotInterval("5 minutes".into())),
        ConfigError::UnknownKeys { path: path(), keys: Vec::new(), known: vec!["me".into()] },
        ConfigError::UnknownActions { path: path(), actions: Vec::new(), known: vec!["quit".into()] },
        ConfigError::KeyClashes {
            path: path(),
            clashes: vec![crate::config::KeyClash {
                location,
                set: Action::Quit,
                clash: crate::keys::Clash {
                    key: crate::keys::parse_key_spec("n").unwrap(),
                    action: Action::Quit,
                    other: Action::NewGoal,
                    context: Context::Mine,
                },
            }],
        },
    ];
    for error in &all {
        match error {
            ConfigError::Read { .. }
            | ConfigError::Syntax { .. }
            | ConfigError::UnknownKeys { .. }
            | ConfigError::UnknownActions { .. }
            | ConfigError::KeyClashes { .. } => {}
            ConfigError::Invalid { problem, .. } => match **problem {
                ConfigProblem::WrongType(_)
                | ConfigProblem::Empty
                | ConfigProblem::NotThemeName(_)
                | ConfigProblem::UnknownLanguage(_)
                | ConfigProblem::UnknownChoice { .. }
                | ConfigProblem::Key(_)
                | ConfigProblem::NotInterval(_) => {}
            },
        }
    }
    all
}

fn every_theme_error() -> Vec<ThemeError> {
    let location = Location { line: 1, column: 2 };
    let invalid = |problem| ThemeError::Invalid { path: path(), location, key: "styles".into(), problem };
    let all = vec![
        ThemeError::Read { path: path(), error: std::io::Error::other("denied") },
        ThemeError::Syntax { path: path(), location, message: "expected `=`".into() },
        invalid(ThemeProblem::WrongType(WrongType { expected: Expected::StyleTable, found: "string" })),
        invalid(ThemeProblem::UnknownKey { suggestion: Some("extends") }),
        invalid(ThemeProblem::NotBuiltIn { name: "solarized".into(), builtin: vec!["dark"] }),
        invalid(ThemeProblem::UnknownStyle { suggestion: None }),
        invalid(ThemeProblem::MissingStyles(vec!["dim"])),
        invalid(ThemeProblem::UnknownColour("#12".into())),
        invalid(ThemeProblem::UnknownModifier { word: "blod".into(), suggestion: Some("bold") }),
        invalid(ThemeProblem::UnknownStyleField { suggestion: None }),
        ThemeError::Unknown { name: "drak".into(), available: vec!["dark".into()] },
    ];
    for error in &all {
        match error {
            ThemeError::Read { .. } | ThemeError::Syntax { .. } | ThemeError::Unknown { .. } => {}
            ThemeError::Invalid { problem, .. } => match problem {
                ThemeProblem::WrongType(_)
                | ThemeProblem::UnknownKey { .. }
                | ThemeProblem::NotBuiltIn { .. }
                | ThemeProblem::UnknownStyle { .. }
                | ThemeProblem::MissingStyles(_)
                | ThemeProblem::UnknownColour(_)
                | ThemeProblem::UnknownModifier { .. }
                | ThemeProblem::UnknownStyleField { .. } => {}
            },
        }
    }
    all
}

fn every_key_error() -> Vec<KeyError> {
    let all = [
        KeyProblem::Empty,
        KeyProblem::UnknownModifier("hyper".into()),
        KeyProblem::ModifierTwice("ctrl".into()),
        KeyProblem::ShiftWithSymbol('/'),
        KeyProblem::ControlCharacter,
        KeyProblem::NoFunctionKey(30),
        KeyProblem::UnknownName,
    ];
    for problem in &all {
        match problem {
            KeyProblem::Empty
            | KeyProblem::UnknownModifier(_)
            | KeyProblem::ModifierTwice(_)
            | KeyProblem::ShiftWithSymbol(_)
            | KeyProblem::ControlCharacter
            | KeyProblem::NoFunctionKey(_)
            | KeyProblem::UnknownName => {}
        }
    }
    all.into_iter().map(|problem| KeyError { spec: "x".into(), problem }).collect()
}

#[test]
fn every_settings_problem_has_both_texts() {
    check_rendered(&every_config_error(), config_error);
    check_rendered(&every_theme_error(), theme_error);
    check_rendered(&every_key_error(), key_error);
    check_rendered(&every_store_error(), store_error);
}

fn every_rejection() -> Vec<Rejection> {
    let all = vec![
        Rejection::ColumnCount { expected: 9, found: 6 },
        Rejection::ControlCharacter { column: Column::Name, code: 13 },
        Rejection::TooLong { column: Column::Title, chars: 201, limit: 200 },
        Rejection::EmptyId,
        Rejection::BadId { id: "P/1".into(), reason: crate::model::ident::BadId::Character { found: '/' } },
        Rejection::FormulaLike { column: Column::Name },
        Rejection::EmptyName,
        Rejection::EmptyUnitPath,
        Rejection::EmptyUnitLevel { path: "a//b".into() },
        Rejection::TooDeep { path: "a/b/c/d".into(), levels: 4 },
        Rejection::GradeOutOfRange("9".into()),
        Rejection::GradeNotNumber("三".into()),
        Rejection::OwnReviewer("P1".into()),
        Rejection::DuplicateId { id: "P1".into(), lines: vec![2, 4] },
        Rejection::ReviewerRejected { reviewer: "P2".into(), line: 3 },
        Rejection::UnknownReviewer("P9".into()),
        Rejection::LoginTaken { login: "kudo.s".into(), others: vec!["P1".into()] },
        Rejection::Invalid(ProblemKind::EndsBeforeStart),
    ];
    for reason in &all {
        match reason {
            Rejection::ColumnCount { .. }
            | Rejection::ControlCharacter { .. }
            | Rejection::TooLong { .. }
            | Rejection::EmptyId
            | Rejection::BadId { .. }
            | Rejection::FormulaLike { .. }
            | Rejection::EmptyName
            | Rejection::EmptyUnitPath
            | Rejection::EmptyUnitLevel { .. }
            | Rejection::TooDeep { .. }
            | Rejection::GradeOutOfRange(_)
            | Rejection::GradeNotNumber(_)
            | Rejection::OwnReviewer(_)
            | Rejection::DuplicateId { .. }
            | Rejection::ReviewerRejected { .. }
            | Rejection::UnknownReviewer(_)
            | Rejection::LoginTaken { .. }
            | Rejection::Invalid(_) => {}
        }
    }
    all
}

fn every_part() -> Vec<Part> {
    let id = || "P1".to_owned();
    let all = vec![
        Part::Person(id()),
        Part::Unit(id()),
        Part::UnitHead { unit: id() },
        Part::Reviewer { person: id() },
        Part::Grade { person: id() },
        Part::Kana { person: id() },
        Part::GoalsFile { owner: id() },
        Part::FeedbackFile { reviewer: id() },
        Part::Feedback { reviewer: id(), on: id() },
        Part::StepsInGoalsFile { count: 1, owner: id() },
        Part::StepsInFeedbackFile { count: 1, reviewer: id() },
        Part::Goal(id()),
        Part::EveryGoal(id()),
        Part::ParentLink { goal: id() },
        Part::ProposalLink { goal: id() },
        Part::Progress { goal: id() },
        Part::Metric { goal: id() },
        Part::Proposal(id()),
        Part::EveryProposal(id()),
        Part::Decline { proposal: id(), by: id() },
    ];
    for part in &all {
        match part {
            Part::Person(_)
            | Part::Unit(_)
            | Part::UnitHead { .. }
            | Part::Reviewer { .. }
            | Part::Grade { .. }
            | Part::Kana { .. }
            | Part::GoalsFile { .. }
            | Part::FeedbackFile { .. }
            | Part::Feedback { .. }
            | Part::StepsInGoalsFile { .. }
            | Part::StepsInFeedbackFile { .. }
            | Part::Goal(_)
            | Part::EveryGoal(_)
            | Part::ParentLink { .. }
            | Part::ProposalLink { .. }
            | Part::Progress { .. }
            | Part::Metric { .. }
            | Part::Proposal(_)
            | Part::EveryProposal(_)
            | Part::Decline { .. } => {}
        }
    }
    all
}

#[test]
fn every_hr_message_has_both_texts() {
    let roster_errors = [
        RosterError::Unreadable { line: 2 },
        RosterError::NotUtf8 { line: 2, column: 3 },
        RosterError::UnknownColumn("shoe size".into()),
        RosterError::DuplicateColumn(Column::Id),
        RosterError::MissingColumn(Column::Name),
        RosterError::Empty,
    ];
    for error in &roster_errors {
        match error {
            RosterError::Unreadable { .. }
            | RosterError::NotUtf8 { .. }
            | RosterError::UnknownColumn(_)
            | RosterError::DuplicateColumn(_)
            | RosterError::MissingColumn(_)
            | RosterError::Empty => {}
        }
    }
    check_rendered(&roster_errors, roster_error);
    check_rendered(&every_rejection(), rejection);
    check_rendered(&every_part(), left_out);
    check_rendered(&[ImportError::Schema { found: "x/9".into() }, ImportError::NoUnit("P1".into())], import_error);
    check_rendered(&[ImportNote::FeedbackWithoutReviewer { goal: "G".into(), person: "P1".into() }], import_note);
    let errors =
        [ExportError::UnknownUnit("x".into()), ExportError::Toml("bad".into()), ExportError::TextsNotRead("P1".into())];
    check_rendered(&errors, export_error);
}

#[test]
fn every_identity_failure_has_both_texts() {
    let errors = [
        IdentityError::UnknownId { id: "P9".into(), given_by: GivenBy::Flag },
        IdentityError::UnknownId { id: "P9".into(), given_by: GivenBy::Config },
        IdentityError::NotRecognised { login: Some("guest".into()) },
        IdentityError::NotRecognised { login: None },
        IdentityError::NoSuchLogin { login: Some("guest".into()) },
        IdentityError::NoSuchLogin { login: None },
        IdentityError::NotAnAdministrator {
            login: "one".into(),
            person: "P1".into(),
            asked: "P2".into(),
            given_by: GivenBy::Flag,
        },
        IdentityError::NotAnAdministrator {
            login: "one".into(),
            person: "P1".into(),
            asked: "P2".into(),
            given_by: GivenBy::Config,
        },
    ];
    for error in &errors {
        match error {
            IdentityError::UnknownId { given_by: GivenBy::Flag | GivenBy::Config, .. }
            | IdentityError::NotRecognised { .. }
            | IdentityError::NoSuchLogin { .. }
            | IdentityError::NotAnAdministrator { given_by: GivenBy::Flag | GivenBy::Config, .. } => {}
        }
        let unidentified =
            Unidentified { error: error.clone(), suggestion: None, people: Vec::new(), more: 0, config_file: None };
        check(&format!("{error:?}"), &unidentified.ja(), &unidentified.en(), false);
    }
}
