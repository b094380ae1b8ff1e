//! The My goals tab: the acting person's sheet, the proposals made to them, the
//! action items they can carry over from last cycle, and the forms that edit them.

use crate::app::form::{Field, Form, TextKind};
use crate::app::workspace::Workspace;
use crate::i18n::Lang;
use crate::model::edit::{Edit, GoalFields};
use crate::model::{
    ActionItem, Category, Date, Difficulty, Goal, GoalId, Level, LogEntry, LogKind, NodeKind, Proposal, ProposalId,
    SelfCheck,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    Plan,
    Do,
    Check,
    Action,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Plan, Pane::Do, Pane::Check, Pane::Action];

    pub fn next(self, forward: bool) -> Pane {
        let index = Pane::ALL.iter().position(|p| *p == self).unwrap_or(0);
        Pane::ALL[(index + if forward { 1 } else { 3 }) % 4]
    }
}

/// An action item of last cycle that is still open and not yet carried over.
#[derive(Clone, Debug, PartialEq)]
pub struct CarryItem {
    /// `<cycle>/<goal id>`.
    pub from: String,
    pub item: ActionItem,
}

/// One row of the sheet list.
#[derive(Clone, Debug, PartialEq)]
pub enum SheetEntry {
    Goal(usize),
    Proposal(ProposalId),
    Carry(CarryItem),
}

#[derive(Debug, Default)]
pub struct MineView {
    /// The rows of the sheet list, rebuilt when the data changes: finding the open
    /// proposals scans the whole cascade, too much for every frame.
    pub entries: Vec<SheetEntry>,
    pub selected: usize,
    pub pane: Pane,
    /// The selected Do entry or action item within the pane.
    pub item: usize,
}

/// What submitting a form on the sheet does.
#[derive(Clone, Debug, PartialEq)]
pub enum SheetForm {
    NewGoal { carried_from: Option<String> },
    EditGoal(GoalId),
    Progress(GoalId),
    AddLog(GoalId),
    SelfCheck(GoalId),
    Action { goal: GoalId, index: Option<usize> },
    Answer(ProposalId),
    Step { person: String },
    SendBack { person: String },
    Feedback { person: String, goal: Option<GoalId> },
    Propose { parent: GoalId },
}

pub fn entries(workspace: &Workspace) -> Vec<SheetEntry> {
    let mut list: Vec<SheetEntry> = workspace
        .goals_file(&workspace.actor)
        .map(|f| (0..f.goals.len()).map(SheetEntry::Goal).collect())
        .unwrap_or_default();
    list.extend(open_proposals(workspace).into_iter().map(|p| SheetEntry::Proposal(p.id.clone())));
    list.extend(carry_items(workspace).into_iter().map(SheetEntry::Carry));
    list
}

/// Proposals addressed to the actor that are neither adopted nor declined.
pub fn open_proposals(workspace: &Workspace) -> Vec<&Proposal> {
    let cascade = &workspace.cascade;
    cascade
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, node)| matches!(node.kind, NodeKind::Pending { .. }) && node.owner == workspace.actor)
        .filter_map(|(id, _)| cascade.proposal(&workspace.snapshot.data, id))
        .collect()
}

pub fn carry_items(workspace: &Workspace) -> Vec<CarryItem> {
    let Some((cycle, previous)) = &workspace.previous else { return Vec::new() };
    let carried: Vec<(&str, &str)> = workspace
        .goals_file(&workspace.actor)
        .map(|f| f.goals.iter().filter_map(|g| Some((g.carried_from.as_deref()?, g.title.as_str()))).collect())
        .unwrap_or_default();
    previous
        .goals
        .iter()
        .flat_map(|goal| goal.actions.iter().map(move |item| (goal, item)))
        .filter(|(_, item)| !item.done)
        .map(|(goal, item)| CarryItem { from: format!("{cycle}/{}", goal.id), item: item.clone() })
        .filter(|carry| !carried.contains(&(carry.from.as_str(), carry.item.issue.as_str())))
        .collect()
}

pub fn my_goal(workspace: &Workspace, index: usize) -> Option<&Goal> {
    workspace.goals_file(&workspace.actor)?.goals.get(index)
}

fn level_options() -> Vec<(String, String)> {
    Level::ALL.iter().map(|l| (l.letter().to_owned(), l.letter().to_owned())).collect()
}

fn none_option(lang: Lang) -> (String, String) {
    (String::new(), lang.pick("(なし)", "(none)").to_owned())
}

fn difficulty_options(lang: Lang) -> Vec<(String, String)> {
    let mut options = vec![none_option(lang)];
    for (value, difficulty) in [("high", Difficulty::High), ("medium", Difficulty::Medium), ("low", Difficulty::Low)] {
        options.push((value.to_owned(), crate::i18n::difficulty(difficulty, lang).to_owned()));
    }
    options
}

fn category_options(lang: Lang) -> Vec<(String, String)> {
    let mut options = vec![none_option(lang)];
    for (value, category) in [
        ("strategic", Category::Strategic),
        ("work", Category::Work),
        ("staff", Category::Staff),
        ("organisation", Category::Organisation),
    ] {
        options.push((value.to_owned(), crate::i18n::category(category, lang).to_owned()));
    }
    options
}

/// Goals the actor may link a goal to: those of the people above them, and their own.
/// Goals the actor may link a goal to: their own and those of the people above them
/// (DESIGN §1). The goal's current parent stays on offer even if a reorganisation
/// moved it out of the chain, so editing another field never drops the link.
fn parent_options(workspace: &Workspace, lang: Lang, goal: Option<&Goal>) -> Vec<(String, String)> {
    let except = goal.map(|g| g.id.as_str());
    let mut options = vec![none_option(lang)];
    for owner in workspace.linkable_owners().iter().rev() {
        let name = workspace.person(owner).map_or(owner.as_str(), |p| p.name.as_str());
        for candidate in workspace.goals_file(owner).map(|f| f.goals.as_slice()).unwrap_or_default() {
            if Some(candidate.id.as_str()) != except {
                options.push((candidate.id.clone(), format!("{} ({name})", candidate.title)));
            }
        }
    }
    if let Some(current) = goal.and_then(|g| g.parent.as_ref()).filter(|p| !options.iter().any(|(id, _)| id == *p)) {
        let title =
            workspace.cascade.node_of_goal(current).map(|n| workspace.cascade.title(&workspace.snapshot.data, n));
        options.push((current.clone(), title.unwrap_or(current).to_owned()));
    }
    options
}

fn goal_fields_form(workspace: &Workspace, lang: Lang, goal: Option<&Goal>, purpose: SheetForm) -> Form<SheetForm> {
    let fields = goal.map(GoalFields::of).unwrap_or_default();
    let title = match (&purpose, lang) {
        (SheetForm::EditGoal(id), Lang::Ja) => format!("目標の編集 {id}"),
        (SheetForm::EditGoal(id), Lang::En) => format!("Edit goal {id}"),
        (_, lang) => lang.pick("目標の追加", "New goal").to_owned(),
    };
    let code = |value: Option<String>| value.unwrap_or_default();
    Form::new(
        title,
        purpose,
        vec![
            Field::text(lang.pick("目標", "Title"), &fields.title, TextKind::Line),
            Field::text(lang.pick("達成基準", "Criteria"), &fields.criteria, TextKind::Multi),
            Field::text(
                lang.pick("ウェイト (%)", "Weight (%)"),
                &code(fields.weight.map(|w| w.to_string())),
                TextKind::Line,
            ),
            Field::text(
                lang.pick("期限", "Due (YYYY-MM-DD)"),
                &code(fields.due.map(|d| crate::i18n::date(d, lang))),
                TextKind::Line,
            ),
            Field::choice(
                lang.pick("難易度", "Difficulty"),
                difficulty_options(lang),
                &code(fields.difficulty.map(|d| serde_code(&d))),
            ),
            Field::choice(
                lang.pick("区分", "Category"),
                category_options(lang),
                &code(fields.category.map(|c| serde_code(&c))),
            ),
            Field::choice(
                lang.pick("上位目標", "Contributes to"),
                parent_options(workspace, lang, goal),
                &code(fields.parent.clone()),
            ),
            Field::text(lang.pick("計画", "Plan"), &fields.plan, TextKind::Multi),
            Field::text(lang.pick("説明", "Description"), &fields.description, TextKind::Multi),
        ],
    )
}

/// The code a record value has in the files, e.g. `"high"` for `Difficulty::High`.
fn serde_code<T: serde::Serialize>(value: &T) -> String {
    toml::Value::try_from(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

fn from_code<T: serde::de::DeserializeOwned>(code: &str) -> Option<T> {
    T::deserialize(toml::Value::String(code.to_owned())).ok()
}

pub fn new_goal_form(workspace: &Workspace, lang: Lang, carry: Option<&CarryItem>) -> Form<SheetForm> {
    let mut form =
        goal_fields_form(workspace, lang, None, SheetForm::NewGoal { carried_from: carry.map(|c| c.from.clone()) });
    if let Some(carry) = carry {
        form.fields[0].set_text(&carry.item.issue);
        form.fields[7].set_text(&carry.item.measure);
        if let Some(due) = carry.item.due {
            form.fields[3].set_text(&crate::i18n::date(due, lang));
        }
        form.title = lang.pick("前期の改善項目を今期の計画へ", "Carry last cycle's action into this plan").to_owned();
    }
    form
}

/// Where the reason for a mid-period change sits in the goal form, when it is asked.
const REVISION_FIELD: usize = 9;

pub fn edit_goal_form(workspace: &Workspace, lang: Lang, goal: &Goal) -> Form<SheetForm> {
    let mut form = goal_fields_form(workspace, lang, Some(goal), SheetForm::EditGoal(goal.id.clone()));
    if workspace.needs_revision_reason(&workspace.actor) {
        let label = lang.pick("見直しの理由 (承認後の変更)", "Reason for change (after approval)");
        form.fields.push(Field::text(label, "", TextKind::Line));
    }
    form
}

pub fn progress_form(lang: Lang, goal: &Goal) -> Form<SheetForm> {
    let current = goal.progress.map(|p| p.to_string()).unwrap_or_default();
    Form::new(
        format!("{}: {}", lang.pick("進捗", "Progress"), goal.title),
        SheetForm::Progress(goal.id.clone()),
        vec![Field::text(lang.pick("進捗 (0-100)", "Progress (0-100)"), &current, TextKind::Line)],
    )
}

pub fn log_form(lang: Lang, goal: &Goal, today: Date) -> Form<SheetForm> {
    let kinds = LogKind::ALL.iter().map(|k| (serde_code(k), crate::i18n::log_kind(*k, lang).to_owned())).collect();
    Form::new(
        format!("{}: {}", lang.pick("実行記録", "Do entry"), goal.title),
        SheetForm::AddLog(goal.id.clone()),
        vec![
            Field::text(lang.pick("日付", "Date"), &crate::i18n::date(today, lang), TextKind::Line),
            Field::choice(lang.pick("種類", "Kind"), kinds, "practice"),
            Field::text(lang.pick("内容", "What was done"), "", TextKind::Multi),
        ],
    )
}

pub fn self_check_form(lang: Lang, goal: &Goal) -> Form<SheetForm> {
    let (level, comment) =
        goal.check.as_ref().map_or(("B".to_owned(), ""), |c| (c.level.letter().to_owned(), c.comment.as_str()));
    Form::new(
        format!("{}: {}", lang.pick("自己評価", "Self-check"), goal.title),
        SheetForm::SelfCheck(goal.id.clone()),
        vec![
            Field::choice(lang.pick("評価 (S-D)", "Level (S-D)"), level_options(), &level),
            Field::text(lang.pick("コメント", "Comment"), comment, TextKind::Multi),
        ],
    )
}

pub fn action_form(lang: Lang, goal: &Goal, index: Option<usize>) -> Form<SheetForm> {
    let item = index.and_then(|i| goal.actions.get(i));
    let yes_no = vec![
        ("no".to_owned(), lang.pick("未完了", "open").to_owned()),
        ("yes".to_owned(), lang.pick("完了", "done").to_owned()),
    ];
    Form::new(
        format!("{}: {}", lang.pick("改善項目", "Action item"), goal.title),
        SheetForm::Action { goal: goal.id.clone(), index },
        vec![
            Field::text(lang.pick("課題", "Issue"), item.map_or("", |i| i.issue.as_str()), TextKind::Multi),
            Field::text(lang.pick("対策", "Measure"), item.map_or("", |i| i.measure.as_str()), TextKind::Multi),
            Field::text(
                lang.pick("期限", "Due (YYYY-MM-DD)"),
                &item.and_then(|i| i.due).map(|d| crate::i18n::date(d, lang)).unwrap_or_default(),
                TextKind::Line,
            ),
            Field::choice(lang.pick("状態", "Status"), yes_no, if item.is_some_and(|i| i.done) { "yes" } else { "no" }),
        ],
    )
}

pub fn answer_form(workspace: &Workspace, lang: Lang, proposal: &Proposal) -> Form<SheetForm> {
    let from = workspace
        .goals_file_of_proposal(&proposal.id)
        .and_then(|owner| workspace.person(owner))
        .map(|p| format!("{} {}", p.name, p.title))
        .unwrap_or_default();
    let answers = vec![
        ("adopt".to_owned(), lang.pick("採用して自分の目標にする", "adopt as my goal").to_owned()),
        ("decline".to_owned(), lang.pick("辞退する (理由を記入)", "decline (give a reason)").to_owned()),
    ];
    let title = match lang {
        Lang::Ja => format!("{from} からの提案: {}", proposal.title),
        Lang::En => format!("Proposed by {from}: {}", proposal.title),
    };
    Form::new(
        title,
        SheetForm::Answer(proposal.id.clone()),
        vec![
            Field::choice(lang.pick("対応", "Answer"), answers, "adopt"),
            Field::text(lang.pick("目標 (採用時)", "Title (when adopting)"), &proposal.title, TextKind::Line),
            Field::text(lang.pick("ウェイト (%)", "Weight (%)"), "", TextKind::Line),
            Field::text(lang.pick("辞退の理由", "Reason for declining"), "", TextKind::Multi),
        ],
    )
}

fn parse_optional<T: std::str::FromStr>(text: &str, message: &str) -> Result<Option<T>, String> {
    let text = text.trim();
    if text.is_empty() { Ok(None) } else { text.parse().map(Some).map_err(|_| message.to_owned()) }
}

fn parse_date(text: &str, lang: Lang) -> Result<Option<Date>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    crate::i18n::parse_date(text).map(Some).ok_or_else(|| {
        lang.pick("日付は 2027年3月31日 や 2027-03-31 の形で入力してください", "dates look like 2027-03-31").to_owned()
    })
}

fn parse_percent(text: &str, lang: Lang) -> Result<Option<u32>, String> {
    // Accept full-width digits typed through a Japanese input method.
    let ascii: String = text
        .chars()
        .map(|c| if ('０'..='９').contains(&c) { char::from_u32(c as u32 - 0xFEE0).unwrap_or(c) } else { c })
        .collect();
    parse_optional::<u32>(
        ascii.trim_end_matches(['%', '％']),
        lang.pick("0 から 100 の整数で入力してください", "enter a whole number from 0 to 100"),
    )
}

/// Turns a submitted form into the edit it asks for, or says what to correct.
pub fn edit_from_form(form: &Form<SheetForm>, workspace: &Workspace, lang: Lang) -> Result<Edit, String> {
    let value = |index| form.value(index);
    let goal_fields = || -> Result<GoalFields, String> {
        Ok(GoalFields {
            title: value(0).trim().to_owned(),
            criteria: value(1),
            weight: parse_percent(&value(2), lang)?,
            due: parse_date(&value(3), lang)?,
            difficulty: from_code(&value(4)),
            category: from_code(&value(5)),
            parent: Some(value(6)).filter(|p| !p.is_empty()),
            plan: value(7),
            description: value(8),
        })
    };
    Ok(match &form.purpose {
        SheetForm::NewGoal { carried_from } => {
            Edit::AddGoal { fields: goal_fields()?, carried_from: carried_from.clone() }
        }
        SheetForm::EditGoal(goal) => {
            // A sheet approved at the start-of-period interview asks why its plan changes.
            let revision = (form.fields.len() > REVISION_FIELD)
                .then(|| (workspace.today, value(REVISION_FIELD).trim().to_owned()))
                .filter(|(_, reason)| !reason.is_empty());
            Edit::UpdateGoal { goal: goal.clone(), fields: goal_fields()?, revision }
        }
        SheetForm::Progress(goal) => Edit::SetProgress {
            goal: goal.clone(),
            progress: parse_percent(&value(0), lang)?
                .ok_or_else(|| lang.pick("進捗を入力してください", "enter the progress").to_owned())?,
        },
        SheetForm::AddLog(goal) => Edit::AddLog {
            goal: goal.clone(),
            entry: LogEntry {
                date: parse_date(&value(0), lang)?.unwrap_or(workspace.today),
                kind: from_code(&value(1)).unwrap_or(LogKind::Practice),
                text: value(2),
                course: None,
                completed: false,
                extra: Default::default(),
            },
        },
        SheetForm::SelfCheck(goal) => Edit::SetSelfCheck {
            goal: goal.clone(),
            check: SelfCheck {
                level: from_code(&value(0)).unwrap_or(Level::B),
                comment: value(1),
                date: Some(workspace.today),
                extra: Default::default(),
            },
        },
        SheetForm::Action { goal, index } => {
            let existing = index.and_then(|i| my_goal_by_id(workspace, goal)?.actions.get(i).cloned());
            let item = ActionItem {
                issue: value(0),
                measure: value(1),
                due: parse_date(&value(2), lang)?,
                done: value(3) == "yes",
                carried_from: existing.as_ref().and_then(|e| e.carried_from.clone()),
                extra: existing.map(|e| e.extra).unwrap_or_default(),
            };
            match index {
                Some(index) => Edit::UpdateAction { goal: goal.clone(), index: *index, item },
                None => Edit::AddAction { goal: goal.clone(), item },
            }
        }
        SheetForm::Step { .. }
        | SheetForm::SendBack { .. }
        | SheetForm::Feedback { .. }
        | SheetForm::Propose { .. } => {
            unreachable!("review forms are submitted through review_forms::submission")
        }
        SheetForm::Answer(proposal) => {
            if value(0) == "decline" {
                let reason = value(3);
                if reason.trim().is_empty() {
                    return Err(lang.pick("辞退の理由を記入してください", "give a reason for declining").to_owned());
                }
                Edit::DeclineProposal { proposal: proposal.clone(), reason, date: workspace.today }
            } else {
                let fields = GoalFields {
                    title: value(1).trim().to_owned(),
                    weight: parse_percent(&value(2), lang)?,
                    ..GoalFields::default()
                };
                Edit::AdoptProposal { proposal: proposal.clone(), fields }
            }
        }
    })
}

pub fn my_goal_by_id<'a>(workspace: &'a Workspace, id: &str) -> Option<&'a Goal> {
    workspace.goals_file(&workspace.actor)?.goals.iter().find(|g| g.id == id)
}
