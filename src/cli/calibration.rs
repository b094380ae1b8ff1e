//! `pdca show calibration`: the calibration view of the app as text — the final
//! levels by reviewer with their flags, the target bands, then each person's computed
//! and final result and the adjustments that took effect, with their author and
//! reason; `--try PERSON=LEVEL` previews levels under consideration without recording.

use super::{Result, out};
use crate::messages::{CliText, EvalText, Lang, Message};
use crate::model::calibration::{Candidate, FinalValue, Outcome};
use crate::model::{Level, World};
use crate::ui::evaluation::{bands_line, reviewer_header, reviewer_line, tried, tried_line};
use crate::ui::text::{fit, pad, pad_left, single_line};
use crate::view::calibration::{Filter, calibration};

const NAME_WIDTH: usize = 28;

/// `PERSON=LEVEL` as a level under consideration.
fn candidate(given: &str) -> Result<Candidate> {
    let bad = || CliText::BadTrial { given: given.to_owned() };
    let (person, level) = given.split_once('=').ok_or_else(bad)?;
    let level = Level::from_letter(&level.trim().to_ascii_uppercase()).ok_or_else(bad)?;
    Ok(Candidate { person: person.trim().into(), to: FinalValue::Level(level) })
}

pub fn print(world: &World, actor: &str, filter: &Filter, trials: &[String], lang: Lang) -> Result<()> {
    if let Some(unit) = filter.unit.as_ref().filter(|unit| !world.org.units.iter().any(|u| &u.id == *unit)) {
        return Err(CliText::NoSuchUnit { unit: unit.clone() }.into());
    }
    if let Some(reviewer) = filter.reviewer.as_ref().filter(|id| world.person(id).is_none()) {
        return Err(CliText::NoSuchReviewer { reviewer: reviewer.clone() }.into());
    }
    let candidates = trials.iter().map(|given| candidate(given)).collect::<Result<Vec<_>>>()?;
    let Some(view) = calibration(world, actor, filter, &candidates) else {
        let what = EvalText::CalibrationTitle.text(lang);
        return Err(CliText::NotYoursToRead { what, actor: actor.to_owned() }.into());
    };
    if let Some(outside) = candidates.iter().find(|c| !view.people.iter().any(|row| row.person == c.person)) {
        return Err(CliText::TrialNotCalibrated { person: outside.person.to_string() }.into());
    }
    out::line(EvalText::CalibrationTitle.text(lang))?;
    out::line(reviewer_header(lang, NAME_WIDTH))?;
    for row in view.by_reviewer.iter().chain([&view.all]) {
        out::line(reviewer_line(row, lang, NAME_WIDTH))?;
    }
    if let Some(after) = &view.after {
        out::line(tried_line(after, lang, NAME_WIDTH))?;
    }
    if let Some((bands, _)) = bands_line(&view.targets, lang) {
        out::line(bands)?;
    }
    out::line("")?;
    if view.people.is_empty() {
        return out::line(EvalText::NothingReviewed.text(lang));
    }
    out::line(format!(
        "{}{}{}{}{}{}",
        pad(&EvalText::ColPerson.text(lang), NAME_WIDTH),
        pad(&EvalText::ColRater.text(lang), NAME_WIDTH),
        pad_left(&EvalText::ColPerformance.text(lang), 6),
        pad_left(&EvalText::ColCompetency.text(lang), 6),
        pad_left(&EvalText::ColScore.text(lang), 9),
        pad_left(&EvalText::ColFinal.text(lang), 9),
    ))?;
    let score = |value: Option<f64>| value.map_or_else(|| "-".to_owned(), |score| format!("{score:.2}"));
    let outcome = |outcome: &Outcome| {
        let level = outcome.level.map_or("-", |level| level.letter());
        format!("{level} {}", score(outcome.score))
    };
    for person in &view.people {
        let reviewer = person.reviewer.as_deref().map(|r| world.name_and_title(r)).unwrap_or_default();
        out::line(format!(
            "{}{}{}{}{}{}{}",
            pad(&fit(&format!("{} ({})", single_line(&person.name), person.person), NAME_WIDTH - 1), NAME_WIDTH),
            pad(&fit(&single_line(&reviewer), NAME_WIDTH - 1), NAME_WIDTH),
            pad_left(&score(person.performance), 6),
            pad_left(&score(person.competency), 6),
            pad_left(&outcome(&person.computed), 9),
            pad_left(&outcome(&person.adjusted), 9),
            tried(person.trial, lang),
        ))?;
        for (by, reason) in &person.adjustments {
            let by = single_line(&world.name_and_title(by)).into_owned();
            out::line(format!(
                "  {}",
                EvalText::AdjustedBy { by, reason: single_line(reason).into_owned() }.text(lang)
            ))?;
        }
    }
    Ok(())
}
