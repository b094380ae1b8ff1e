//! Forms of the 能力評価 part and of calibration: rating one ability (as the person,
//! their reviewer or their second reviewer) and adjusting a final level with a reason.

use super::{Form, Purpose};
use crate::app::component::Shared;
use crate::app::form::{Field, FieldKey, TextKind};
use crate::messages::{EvalText, Message, Text, in_lang};
use crate::model::calibration::FinalValue;
use crate::model::command::Command;
use crate::model::competency::{AbilityRating, Rater, SelfRating};
use crate::model::edit::Edit;
use crate::model::{Level, PersonId};
use crate::view::abilities::{AbilitiesView, AbilityRow};
use crate::view::calibration::PersonRow;

#[derive(Clone, Debug, PartialEq)]
pub enum EvaluationForm {
    RateAbility { person: PersonId, ability: String, rater: Rater },
    Adjust { person: PersonId },
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
    let comment = before.map(|rated| rated.comment.as_str()).unwrap_or_default();
    Form::new(
        title.text(shared.lang),
        Purpose::Evaluation(EvaluationForm::RateAbility {
            person: view.person.clone(),
            ability: row.id.clone(),
            rater,
        }),
        vec![
            Field::choice(FieldKey::Level, Text::FieldLevel.text(shared.lang), options, &current),
            Field::text(FieldKey::Comment, Text::FieldComment.text(shared.lang), comment, TextKind::Multi),
        ],
    )
}

/// Setting `person`'s final level, starting from the level under consideration, else
/// the level as it stands.
pub fn adjust(shared: &Shared, person: &PersonRow) -> Form {
    let (options, current) = levels(person.trial.unwrap_or(person.adjusted).level);
    Form::new(
        EvalText::AdjustTitle { person: person.name.clone() }.text(shared.lang),
        Purpose::Evaluation(EvaluationForm::Adjust { person: person.person.clone() }),
        vec![
            Field::choice(FieldKey::Level, EvalText::FieldFinalLevel.text(shared.lang), options, &current),
            Field::text(FieldKey::Comment, Text::FieldReasonRequired.text(shared.lang), "", TextKind::Multi),
        ],
    )
}

/// The command a submitted form of this family asks for.
pub fn command(purpose: &EvaluationForm, form: &Form, shared: &Shared) -> Result<Command, String> {
    let chosen = form.value(FieldKey::Level);
    let level = Level::ALL.into_iter().find(|l| l.letter() == chosen).unwrap_or(Level::B);
    let comment = form.value(FieldKey::Comment);
    let today = Some(shared.workspace.today);
    Ok(match purpose {
        EvaluationForm::RateAbility { ability, rater: Rater::Owner, .. } => {
            let rating = SelfRating {
                ability: ability.clone(),
                level,
                comment,
                evidence: Vec::new(),
                date: today,
                extra: Default::default(),
            };
            Command::Sheet(Edit::RateAbility { rating })
        }
        EvaluationForm::RateAbility { person, ability, .. } => Command::RateAbility(AbilityRating {
            person: person.clone(),
            ability: ability.clone(),
            level,
            comment,
            date: today,
            extra: Default::default(),
        }),
        EvaluationForm::Adjust { person } => {
            Command::Adjust { person: person.clone(), to: FinalValue::Level(level), reason: comment }
        }
    })
}
