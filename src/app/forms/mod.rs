//! The app's forms, by family: each family builds its forms and turns a submitted
//! one into the command it asks for. Adding a form is a builder and a `command`
//! arm in its family (or a new family module and one line here).

pub mod evaluation;
pub mod meeting;
pub mod review;
pub mod sheet;

use super::component::Shared;
use super::form;
use crate::messages::{Message, Text};
use crate::model::command::Command;

/// What submitting a form does.
#[derive(Clone, Debug, PartialEq)]
pub enum Purpose {
    Sheet(sheet::SheetForm),
    Review(review::ReviewForm),
    Evaluation(evaluation::EvaluationForm),
    Meeting(meeting::MeetingForm),
}

pub type Form = form::Form<Purpose>;

/// The command a submitted form asks for, or what the user must correct first.
pub fn command(form: &Form, shared: &Shared) -> Result<Command, String> {
    match &form.purpose {
        Purpose::Sheet(purpose) => sheet::command(purpose, form, shared),
        Purpose::Review(purpose) => review::command(purpose, form, shared),
        Purpose::Evaluation(purpose) => evaluation::command(purpose, form, shared),
        Purpose::Meeting(purpose) => meeting::command(purpose, form, shared),
    }
}

/// The form a submitted form leads to instead of a command (e.g. after choosing whom).
pub fn follow_up(form: &Form, shared: &Shared) -> Option<Form> {
    match &form.purpose {
        Purpose::Meeting(purpose) => meeting::follow_up(purpose, form, shared),
        Purpose::Sheet(_) | Purpose::Review(_) | Purpose::Evaluation(_) => None,
    }
}

/// `(value, label)` choices for "yes" and "no", "no" first.
fn yes_no(shared: &Shared) -> Vec<(String, String)> {
    vec![("no".to_owned(), Text::No.text(shared.lang)), ("yes".to_owned(), Text::Yes.text(shared.lang))]
}

/// The code a record value has in the files, e.g. `"high"` for `Difficulty::High`.
fn code<T: serde::Serialize>(value: &T) -> String {
    toml::Value::try_from(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

fn from_code<T: serde::de::DeserializeOwned>(code: &str) -> Option<T> {
    T::deserialize(toml::Value::String(code.to_owned())).ok()
}
