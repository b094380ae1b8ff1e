//! Forms of the 能力評価 part and of calibration: rating one ability (as the person,
//! their reviewer or their second reviewer) and adjusting a final level with a reason.

use super::{Form, Purpose};
use crate::app::component::Shared;
use crate::app::form::{Field, FieldKey, TextKind};
use crate::messages::{EvalText, EvidenceText, Message, Text, evidence_label, in_lang};
use crate::model::calibration::FinalValue;
use crate::model::command::Command;
use crate::model::competency::{AbilityId, AbilityRating, LogRef, Rater, RatingNotes, SelfRating};
use crate::model::edit::Edit;
use crate::model::{Level, PersonId};
use crate::view::abilities::evidence::{LogEntryRow, citable};
use crate::view::abilities::{AbilitiesView, AbilityRow};
use crate::view::calibration::PersonRow;

#[derive(Clone, Debug, PartialEq)]
pub enum EvaluationForm {
    /// `evidence`: the Do-log entries the owner's form lists, in its order.
    RateAbility {
        person: PersonId,
        ability: AbilityId,
        rater: Rater,
        evidence: Vec<LogRef>,
    },
    Adjust {
        person: PersonId,
    },
}

/// S–D, `current` (or nothing) chosen.
fn levels(current: Option<Level>) -> (Vec<(String, String)>, String) {
    let options = Level::ALL.iter().map(|l| (l.letter().to_owned(), l.letter().to_owned())).collect();
    (options, current.map_or("B", Level::letter).to_owned())
}

/// Rating `row` of `view` as `rater`, prefilled with what the actor wrote before.
pub fn rate_ability(shared: &Shared, view: &AbilitiesView, row: &AbilityRow, rater: Rater) -> Form {
    let before = view.written(row);
    let (options, current) = levels(before.map(|rated| rated.level));
    let title = EvalText::RateTitle {
        ability: in_lang(&row.name, shared.lang).to_owned(),
        person: shared.workspace.world.name_and_title(&view.person),
    };
    let comment = before.and_then(|rated| rated.comment.get().ok()).map_or("", String::as_str);
    let mut fields = vec![
        Field::choice(FieldKey::Level, Text::FieldLevel.text(shared.lang), options, &current),
        Field::text(FieldKey::Comment, Text::FieldComment.text(shared.lang), comment, TextKind::Multi),
    ];
    let mut evidence = Vec::new();
    if rater == Rater::Owner {
        let (entries, field) = evidence_field(shared, view, row);
        evidence = entries;
        fields.push(field);
    }
    let purpose = EvaluationForm::RateAbility { person: view.person, ability: row.id, rater, evidence };
    Form::new(title.text(shared.lang), Purpose::Evaluation(purpose), fields)
}

/// The owner's Do-log entries, newest first, those the rating cites ticked; a cited
/// entry no longer in the log comes last, ticked, so unticking it is a choice. The
/// options' values are their places in the list returned beside the field. The
/// owner's own file is read whole, so that the evidence is here (see the overlay).
fn evidence_field(shared: &Shared, view: &AbilitiesView, row: &AbilityRow) -> (Vec<LogRef>, Field) {
    let lang = shared.lang;
    let cited = row.evidence.get().map_or(&[][..], Vec::as_slice);
    let mut entries = citable(&shared.workspace.world, &view.person);
    entries.extend(cited.iter().filter(|cited| !cited.found).cloned());
    let is_cited = |entry: &LogEntryRow| cited.iter().any(|c| c.goal == entry.goal && c.date == entry.date);
    let options = entries
        .iter()
        .enumerate()
        .map(|(index, entry)| (index.to_string(), evidence_label(entry, lang), is_cited(entry)))
        .collect();
    let (label, empty) = (EvidenceText::FieldEvidence.text(lang), EvidenceText::NoEntries.text(lang));
    (entries.iter().map(LogEntryRow::log_ref).collect(), Field::checklist(FieldKey::Evidence, label, options, empty))
}

/// Setting `person`'s final level, starting from the level under consideration, else
/// the level as it stands.
pub fn adjust(shared: &Shared, person: &PersonRow) -> Form {
    let (options, current) = levels(person.trial.unwrap_or(person.adjusted).level);
    Form::new(
        EvalText::AdjustTitle { person: person.name.clone() }.text(shared.lang),
        Purpose::Evaluation(EvaluationForm::Adjust { person: person.person }),
        vec![
            Field::choice(FieldKey::Level, EvalText::FieldFinalLevel.text(shared.lang), options, &current),
            Field::text(FieldKey::Comment, Text::FieldReasonRequired.text(shared.lang), "", TextKind::Multi),
        ],
    )
}

/// The command a submitted form of this family asks for.
pub fn command(purpose: &EvaluationForm, form: &Form, shared: &Shared) -> Result<Command, String> {
    let chosen = form.value(FieldKey::Level);
    let level = Level::from_letter(&chosen).unwrap_or(Level::B);
    let comment = form.value(FieldKey::Comment);
    let today = Some(shared.workspace.today);
    Ok(match purpose {
        EvaluationForm::RateAbility { ability, rater: Rater::Owner, evidence, .. } => {
            // The ticked options name their places in the list the form was built with.
            let ticked = form.value(FieldKey::Evidence);
            let evidence = ticked.lines().filter_map(|place| evidence.get(place.parse::<usize>().ok()?)).cloned();
            let rating = SelfRating {
                ability: *ability,
                level,
                notes: RatingNotes { comment, evidence: evidence.collect() }.into(),
                date: today,
                extra: Default::default(),
            };
            Command::Sheet(Edit::RateAbility { rating })
        }
        EvaluationForm::RateAbility { person, ability, .. } => Command::RateAbility(AbilityRating {
            person: *person,
            ability: *ability,
            level,
            comment: comment.into(),
            date: today,
            extra: Default::default(),
        }),
        EvaluationForm::Adjust { person } => {
            Command::Adjust { person: *person, to: FinalValue::Level(level), reason: comment }
        }
    })
}
