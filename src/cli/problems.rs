//! One problem per line, as compilers print them: `FILE:LINE:COL: error: ID: message`.

use crate::messages::{self, Lang, Message};
use crate::model::{Location, Problem};
use crate::store::Store;

pub fn problem_line(store: &Store, problem: &Problem, location: Option<Location>, lang: Lang) -> String {
    let path = store.display_path(&problem.source);
    let place = match location {
        Some(at) => format!("{}:{at}", path.display()),
        None => path.display().to_string(),
    };
    let severity = problem.severity().text(lang);
    let text = messages::problem(&problem.kind, lang);
    match &problem.subject {
        Some(subject) => format!("{place}: {severity}: {subject}: {text}"),
        None => format!("{place}: {severity}: {text}"),
    }
}
