//! Forms of the review and breakdown work: workflow steps, sending back, feedback,
//! and breakdown proposals.

use crate::app::form::{Field, Form, TextKind};
use crate::app::mine::SheetForm;
use crate::app::workspace::Workspace;
use crate::i18n::Lang;
use crate::model::permissions::Hierarchy;
use crate::model::{Feedback, Goal, GoalId, Level, Proposal, Step};
use crate::ui::review::step_label;

fn yes_no(lang: Lang) -> Vec<(String, String)> {
    vec![
        ("no".to_owned(), lang.pick("いいえ", "no").to_owned()),
        ("yes".to_owned(), lang.pick("はい", "yes").to_owned()),
    ]
}

fn person_label(workspace: &Workspace, person: &str) -> String {
    workspace.person(person).map_or_else(|| person.to_owned(), |p| format!("{} {}", p.name, p.title))
}

/// Taking one of `steps` on `person`'s sheet, with an optional comment.
pub fn step_form(workspace: &Workspace, lang: Lang, person: &str, steps: &[Step]) -> Form<SheetForm> {
    let options = steps.iter().map(|s| (s.key().to_owned(), step_label(*s, lang).to_owned())).collect();
    let first = steps.first().map_or("", |s| s.key());
    let title = match lang {
        Lang::Ja => format!("{} さんのシート", person_label(workspace, person)),
        Lang::En => format!("Sheet of {}", person_label(workspace, person)),
    };
    Form::new(
        title,
        SheetForm::Step { person: person.to_owned() },
        vec![
            Field::choice(lang.pick("手続", "Step"), options, first),
            Field::text(lang.pick("コメント", "Comment"), "", TextKind::Multi),
        ],
    )
}

pub fn send_back_form(workspace: &Workspace, lang: Lang, person: &str) -> Form<SheetForm> {
    let title = match lang {
        Lang::Ja => format!("{} さんのシートを差し戻す", person_label(workspace, person)),
        Lang::En => format!("Send back the sheet of {}", person_label(workspace, person)),
    };
    Form::new(
        title,
        SheetForm::SendBack { person: person.to_owned() },
        vec![Field::text(lang.pick("理由 (必須)", "Reason (required)"), "", TextKind::Multi)],
    )
}

/// Feedback on one goal (or on the whole sheet), prefilled with what the actor wrote before.
pub fn feedback_form(workspace: &Workspace, lang: Lang, person: &str, goal: Option<&Goal>) -> Form<SheetForm> {
    let goal_id = goal.map(|g| g.id.clone());
    let file = workspace.my_feedback_file();
    let existing = file.feedback.iter().find(|f| f.person == person && f.goal == goal_id);
    let text = |pick: fn(&Feedback) -> &String| existing.map(|f| pick(f).clone()).unwrap_or_default();
    let mut levels = vec![(String::new(), lang.pick("(未評価)", "(none)").to_owned())];
    levels.extend(Level::ALL.iter().map(|l| (l.letter().to_owned(), l.letter().to_owned())));
    let level = existing.and_then(|f| f.level).map(|l| l.letter().to_owned()).unwrap_or_default();
    let title = match (goal, lang) {
        (Some(goal), Lang::Ja) => format!("フィードバック: {} ({})", goal.title, person_label(workspace, person)),
        (Some(goal), Lang::En) => format!("Feedback: {} ({})", goal.title, person_label(workspace, person)),
        (None, Lang::Ja) => format!("全体へのフィードバック: {}", person_label(workspace, person)),
        (None, Lang::En) => format!("Overall feedback: {}", person_label(workspace, person)),
    };
    Form::new(
        title,
        SheetForm::Feedback { person: person.to_owned(), goal: goal_id },
        vec![
            Field::choice(lang.pick("評価 (S-D)", "Level (S-D)"), levels, &level),
            Field::text(lang.pick("強み", "Strengths"), &text(|f| &f.strengths), TextKind::Multi),
            Field::text(lang.pick("改善点", "To improve"), &text(|f| &f.improvements), TextKind::Multi),
            Field::text(lang.pick("組織への貢献", "Contribution"), &text(|f| &f.contribution), TextKind::Multi),
            Field::text(lang.pick("コメント", "Comment"), &text(|f| &f.comment), TextKind::Multi),
            Field::choice(
                lang.pick("確定前に本人へ公開", "Share before confirmation"),
                yes_no(lang),
                if existing.is_some_and(|f| f.shared) { "yes" } else { "no" },
            ),
        ],
    )
}

/// A breakdown proposal of one of the actor's goals to a direct report.
pub fn propose_form(workspace: &Workspace, lang: Lang, parent: &Goal) -> Form<SheetForm> {
    let hierarchy = Hierarchy::new(&workspace.snapshot.org);
    let reports: Vec<(String, String)> = hierarchy
        .direct_reports(&workspace.actor)
        .iter()
        .map(|p| (p.id.clone(), format!("{} {}", p.name, p.title)))
        .collect();
    let first = reports.first().map(|(id, _)| id.clone()).unwrap_or_default();
    Form::new(
        format!("{}: {}", lang.pick("ブレイクダウン提案", "Propose a breakdown"), parent.title),
        SheetForm::Propose { parent: parent.id.clone() },
        vec![
            Field::choice(lang.pick("担当者", "To"), reports, &first),
            Field::text(lang.pick("目標案", "Suggested goal"), "", TextKind::Line),
            Field::text(lang.pick("配分 (相対値)", "Share (relative)"), "", TextKind::Line),
            Field::text(lang.pick("補足", "Note"), "", TextKind::Multi),
        ],
    )
}

/// What a review form asks for.
pub enum ReviewSubmission {
    Step { person: String, step: Step, comment: String },
    Feedback(Feedback),
    Propose(Proposal),
}

pub fn submission(
    form: &Form<SheetForm>,
    workspace: &Workspace,
    lang: Lang,
) -> Result<Option<ReviewSubmission>, String> {
    let value = |index| form.value(index);
    Ok(Some(match &form.purpose {
        SheetForm::Step { person } => {
            let step = Step::ALL
                .into_iter()
                .find(|s| s.key() == value(0))
                .ok_or_else(|| lang.pick("今とれる手続はありません", "there is no step to take now").to_owned())?;
            ReviewSubmission::Step { person: person.clone(), step, comment: value(1) }
        }
        SheetForm::SendBack { person } => {
            ReviewSubmission::Step { person: person.clone(), step: Step::SendBack, comment: value(0) }
        }
        SheetForm::Feedback { person, goal } => ReviewSubmission::Feedback(Feedback {
            person: person.clone(),
            goal: goal.clone(),
            level: Level::ALL.into_iter().find(|l| l.letter() == value(0)),
            strengths: value(1),
            improvements: value(2),
            contribution: value(3),
            comment: value(4),
            date: Some(workspace.today),
            shared: value(5) == "yes",
            extra: Default::default(),
        }),
        SheetForm::Propose { parent } => {
            let to = value(0);
            if to.is_empty() {
                return Err(lang
                    .pick("提案できる部下がいません", "you have no direct reports to propose to")
                    .to_owned());
            }
            let share_text = value(2);
            let share = if share_text.trim().is_empty() {
                None
            } else {
                Some(share_text.trim().trim_end_matches(['%', '％']).parse::<f64>().map_err(|_| {
                    lang.pick("配分は正の数で入力してください", "the share must be a positive number").to_owned()
                })?)
            };
            ReviewSubmission::Propose(Proposal {
                id: String::new(),
                parent: parent.clone(),
                to,
                title: value(1).trim().to_owned(),
                note: value(3),
                share,
                date: Some(workspace.today),
                extra: Default::default(),
            })
        }
        _ => return Ok(None),
    }))
}

/// The feedback on one of `person`'s goals that `actor` may see, as pane lines.
pub fn feedback_lines(
    workspace: &Workspace,
    lang: Lang,
    theme: &crate::theme::Theme,
    person: &str,
    goal: Option<&GoalId>,
) -> Vec<ratatui::text::Line<'static>> {
    use crate::ui::text::single_line;
    use ratatui::text::Line;
    let hierarchy = Hierarchy::new(&workspace.snapshot.org);
    let visible =
        crate::model::workflow::visible_feedback(&hierarchy, &workspace.snapshot.data, &workspace.actor, person);
    let mut lines = Vec::new();
    for entry in visible.into_iter().filter(|f| f.goal.as_ref() == goal) {
        let by = workspace
            .snapshot
            .data
            .feedback
            .iter()
            .find(|file| file.feedback.iter().any(|f| std::ptr::eq(f, entry)))
            .and_then(|file| workspace.person(&file.reviewer))
            .map(|p| format!("{} {}", p.name, p.title))
            .unwrap_or_default();
        let level = entry.level.map_or("-", |l| l.letter());
        lines.push(Line::styled(
            format!("{} {by}: {level}", lang.pick("フィードバック", "Feedback from")),
            theme.header,
        ));
        for (label, text) in [
            (lang.pick("強み", "Strengths"), &entry.strengths),
            (lang.pick("改善点", "To improve"), &entry.improvements),
            (lang.pick("貢献", "Contribution"), &entry.contribution),
            (lang.pick("コメント", "Comment"), &entry.comment),
        ] {
            if !text.is_empty() {
                lines.push(Line::styled(format!("{label}: {}", single_line(text)), theme.text));
            }
        }
    }
    lines
}

/// What changed in `person`'s plan since approval, as Plan-pane lines per goal, with
/// the reasons the owner gave (期中の見直し).
pub fn change_lines(
    workspace: &Workspace,
    lang: Lang,
    theme: &crate::theme::Theme,
    person: &str,
) -> std::collections::HashMap<GoalId, Vec<ratatui::text::Line<'static>>> {
    use crate::ui::text::single_line;
    use ratatui::text::Line;
    let hierarchy = Hierarchy::new(&workspace.snapshot.org);
    let mut lines: std::collections::HashMap<GoalId, Vec<Line<'static>>> = Default::default();
    for change in crate::model::workflow::changes_since_approval(&hierarchy, &workspace.snapshot.data, person) {
        let entry = lines.entry(change.goal.clone()).or_insert_with(|| {
            vec![Line::styled(lang.pick("承認後の変更:", "Changed since approval:").to_owned(), theme.warning)]
        });
        let show = |value: &Option<String>| {
            value.as_deref().map(|v| single_line(v).into_owned()).unwrap_or_else(|| "-".into())
        };
        entry.push(Line::styled(
            format!("  {}: {} -> {}", change.field.key(), show(&change.before), show(&change.after)),
            theme.warning,
        ));
    }
    for goal in workspace.goals_file(person).map(|f| f.goals.as_slice()).unwrap_or_default() {
        for revision in &goal.revisions {
            let reason = format!(
                "  {} {}: {}",
                crate::i18n::date(revision.date, lang),
                lang.pick("見直しの理由", "reason"),
                single_line(&revision.reason)
            );
            lines.entry(goal.id.clone()).or_default().push(Line::styled(reason, theme.dim));
        }
    }
    lines
}
