//! HR's commands in the user's language: why a roster row was rejected, what an
//! export or an import could not do, and what "export what is valid" left out.

use super::{Lang, Message, names, problem};
use crate::hr::export::{ExportError, SCHEMA, SCHEMA_V1};
use crate::hr::import::{ImportError, ImportNote};
use crate::hr::roster::{Column, Rejection, RosterError};
use crate::hr::validity::Part;

names!(Column {
    Column::Id => "職員番号", "id";
    Column::Name => "氏名", "name";
    Column::Kana => "ふりがな", "kana";
    Column::Unit => "所属", "unit";
    Column::Grade => "級", "grade";
    Column::Title => "職名", "title";
    Column::Reviewer => "一次評価者", "reviewer";
    Column::Login => "ログイン", "login";
    Column::Roles => "役割", "roles";
});

/// Why nothing could be read from a roster.
pub fn roster_error(error: &RosterError, lang: Lang) -> String {
    match (error, lang) {
        (RosterError::Unreadable { line }, Lang::Ja) => format!("{line} 行目: CSV として読めません"),
        (RosterError::Unreadable { line }, Lang::En) => format!("line {line}: cannot be read as CSV"),
        (RosterError::NotUtf8 { line, column }, Lang::Ja) => {
            format!("{line} 行目 {column} 列目: UTF-8 ではありません。名簿を「CSV UTF-8」形式で保存してください")
        }
        (RosterError::NotUtf8 { line, column }, Lang::En) => {
            format!("line {line}: not valid UTF-8 (column {column}); save the roster as \"CSV UTF-8\"")
        }
        (RosterError::UnknownColumn(name), Lang::Ja) => {
            format!("見出し: 不明な列 `{name}` があります (使える列: {})", column_names(lang))
        }
        (RosterError::UnknownColumn(name), Lang::En) => {
            format!("header: unknown column `{name}` (known: {})", column_names(lang))
        }
        (RosterError::DuplicateColumn(column), Lang::Ja) => format!("見出し: 列 `{}` が二つあります", column.ja()),
        (RosterError::DuplicateColumn(column), Lang::En) => format!("header: column `{}` appears twice", column.en()),
        (RosterError::MissingColumn(column), Lang::Ja) => format!("見出し: 必須の列 `{}` がありません", column.ja()),
        (RosterError::MissingColumn(column), Lang::En) => {
            format!("header: the required column `{}` is missing", column.en())
        }
        (RosterError::Empty, Lang::Ja) => "名簿に行がありません".to_owned(),
        (RosterError::Empty, Lang::En) => "the roster has no rows".to_owned(),
    }
}

fn column_names(lang: Lang) -> String {
    Column::ALL.iter().map(|column| column.text(lang)).collect::<Vec<_>>().join(", ")
}

/// Why one row of a roster was rejected.
pub fn rejection(reason: &Rejection, lang: Lang) -> String {
    match (reason, lang) {
        (Rejection::ColumnCount { expected, found }, Lang::Ja) => {
            format!("列が {found} 個あります ({expected} 個必要です)")
        }
        (Rejection::ColumnCount { expected, found }, Lang::En) => format!("expected {expected} columns, found {found}"),
        (Rejection::ControlCharacter { column, code }, Lang::Ja) => {
            format!("列 `{}` に制御文字 U+{code:04X} があります", column.ja())
        }
        (Rejection::ControlCharacter { column, code }, Lang::En) => {
            format!("column `{}` contains control character U+{code:04X}", column.en())
        }
        (Rejection::FormulaLike { column }, Lang::Ja) => format!(
            "列 `{}` が = + - @ のいずれかで始まっています (表計算ソフトで数式として実行されるおそれがあります)",
            column.ja()
        ),
        (Rejection::FormulaLike { column }, Lang::En) => {
            format!("column `{}` begins with = + - or @, which a spreadsheet would run as a formula", column.en())
        }
        (Rejection::TooLong { column, chars, limit }, Lang::Ja) => {
            format!("列 `{}` が {chars} 文字あります (上限 {limit} 文字)", column.ja())
        }
        (Rejection::TooLong { column, chars, limit }, Lang::En) => {
            format!("column `{}` is {chars} characters long; the limit is {limit}", column.en())
        }
        (Rejection::EmptyId, Lang::Ja) => "職員番号が空です".to_owned(),
        (Rejection::EmptyId, Lang::En) => "empty id".to_owned(),
        (Rejection::BadId { id, reason }, Lang::Ja) => {
            format!("職員番号 `{id}` は ID として使えません: {}", super::problems::bad_id(reason, lang))
        }
        (Rejection::BadId { id, reason }, Lang::En) => {
            format!("id `{id}` is not a valid id: {}", super::problems::bad_id(reason, lang))
        }
        (Rejection::EmptyName, Lang::Ja) => "氏名が空です".to_owned(),
        (Rejection::EmptyName, Lang::En) => "empty name".to_owned(),
        (Rejection::EmptyUnitPath, Lang::Ja) => "所属が空です".to_owned(),
        (Rejection::EmptyUnitPath, Lang::En) => "empty unit path".to_owned(),
        (Rejection::EmptyUnitLevel { path }, Lang::Ja) => format!("所属 `{path}` に空の階層があります"),
        (Rejection::EmptyUnitLevel { path }, Lang::En) => format!("unit path `{path}` has an empty level"),
        (Rejection::TooDeep { path, levels }, Lang::Ja) => {
            format!("所属 `{path}` が {levels} 階層あります (部/課/係の 3 階層までです)")
        }
        (Rejection::TooDeep { path, levels }, Lang::En) => {
            format!("unit path `{path}` has {levels} levels; at most 3 (department/section/team)")
        }
        (Rejection::GradeOutOfRange(grade), Lang::Ja) => format!("級 {grade} が 1〜8 の範囲外です"),
        (Rejection::GradeOutOfRange(grade), Lang::En) => format!("grade {grade} is outside 1–8"),
        (Rejection::GradeNotNumber(text), Lang::Ja) => format!("級 `{text}` は 1〜8 の数字ではありません"),
        (Rejection::GradeNotNumber(text), Lang::En) => format!("grade `{text}` is not a number from 1 to 8"),
        (Rejection::OwnReviewer(id), Lang::Ja) => format!("{id} を本人の一次評価者にはできません"),
        (Rejection::OwnReviewer(id), Lang::En) => format!("{id} cannot be their own reviewer"),
        (Rejection::DuplicateId { id, lines }, Lang::Ja) => {
            format!("職員番号 {id} が複数の行にあります ({} 行目)", numbers(lines, "、"))
        }
        (Rejection::DuplicateId { id, lines }, Lang::En) => {
            format!("duplicate id {id} (lines {})", numbers(lines, ", "))
        }
        (Rejection::ReviewerRejected { reviewer, line }, Lang::Ja) => {
            format!("一次評価者 {reviewer} の行 ({line} 行目) が取り込めません")
        }
        (Rejection::ReviewerRejected { reviewer, line }, Lang::En) => {
            format!("reviewer {reviewer} is on rejected line {line}")
        }
        (Rejection::UnknownReviewer(reviewer), Lang::Ja) => {
            format!("一次評価者 {reviewer} は名簿にも org.toml にもいません")
        }
        (Rejection::UnknownReviewer(reviewer), Lang::En) => {
            format!("unknown reviewer {reviewer} (not in the roster nor in org.toml)")
        }
        (Rejection::LoginTaken { login, others }, Lang::Ja) => {
            format!("ログイン名 `{login}` は {} も使っています", others.join("、"))
        }
        (Rejection::LoginTaken { login, others }, Lang::En) => {
            format!("login `{login}` is also used by {}", others.join(", "))
        }
        (Rejection::Invalid(kind), _) => problem(kind, lang),
    }
}

fn numbers(lines: &[u64], separator: &str) -> String {
    lines.iter().map(u64::to_string).collect::<Vec<_>>().join(separator)
}

pub fn import_error(error: &ImportError, lang: Lang) -> String {
    match (error, lang) {
        (ImportError::Schema { found }, Lang::Ja) => {
            format!(
                "この版の pdca の人事出力ではありません: `schema` が `{found}` です (`{SCHEMA}` か `{SCHEMA_V1}` のはずです)"
            )
        }
        (ImportError::Schema { found }, Lang::En) => {
            format!("not a pdca HR export of this version: `schema` is `{found}`, expected `{SCHEMA}` or `{SCHEMA_V1}`")
        }
        (ImportError::NoUnit(person), Lang::Ja) => format!("職員 `{person}` の `unit_path` が空です"),
        (ImportError::NoUnit(person), Lang::En) => format!("person `{person}` has an empty `unit_path`"),
    }
}

pub fn import_note(note: &ImportNote, lang: Lang) -> String {
    match (note, lang) {
        (ImportNote::FeedbackWithoutReviewer { goal, person }, Lang::Ja) => format!(
            "目標 {goal} へのフィードバックは取り込みません: {person} には一次評価者がおらず、書いた人がいないためです"
        ),
        (ImportNote::FeedbackWithoutReviewer { goal, person }, Lang::En) => {
            format!("feedback on goal {goal} left out: {person} has no reviewer to have written it")
        }
    }
}

pub fn export_error(error: &ExportError, lang: Lang) -> String {
    match (error, lang) {
        (ExportError::UnknownUnit(unit), Lang::Ja) => format!("--unit の組織 `{unit}` はありません"),
        (ExportError::UnknownUnit(unit), Lang::En) => format!("--unit names unknown unit `{unit}`"),
        (ExportError::TextsNotRead(person), Lang::Ja) => {
            format!("{person} のファイルの本文を読み込んでいないため、出力できません")
        }
        (ExportError::TextsNotRead(person), Lang::En) => {
            format!("the texts of {person}'s file were not read, so nothing is exported")
        }
        (ExportError::Toml(message), Lang::Ja) => format!("出力を TOML にできませんでした: {message}"),
        (ExportError::Toml(message), Lang::En) => format!("could not write the export as TOML: {message}"),
    }
}

/// What "export (or import) what is valid" left out.
pub fn left_out(part: &Part, lang: Lang) -> String {
    match (part, lang) {
        (Part::Person(id), Lang::Ja) => format!("職員 {id}"),
        (Part::Person(id), Lang::En) => format!("person {id}"),
        (Part::Unit(id), Lang::Ja) => format!("組織 {id}"),
        (Part::Unit(id), Lang::En) => format!("unit {id}"),
        (Part::UnitHead { unit }, Lang::Ja) => format!("組織 {unit} の長"),
        (Part::UnitHead { unit }, Lang::En) => format!("the head of unit {unit}"),
        (Part::Reviewer { person }, Lang::Ja) => format!("{person} の一次評価者"),
        (Part::Reviewer { person }, Lang::En) => format!("the reviewer of {person}"),
        (Part::Grade { person }, Lang::Ja) => format!("{person} の級"),
        (Part::Grade { person }, Lang::En) => format!("the grade of {person}"),
        (Part::Kana { person }, Lang::Ja) => format!("{person} のふりがな"),
        (Part::Kana { person }, Lang::En) => format!("the kana of {person}"),
        (Part::GoalsFile { owner }, Lang::Ja) => format!("{owner} の目標ファイル"),
        (Part::GoalsFile { owner }, Lang::En) => format!("the goals file of {owner}"),
        (Part::FeedbackFile { reviewer }, Lang::Ja) => format!("{reviewer} のフィードバックファイル"),
        (Part::FeedbackFile { reviewer }, Lang::En) => format!("the feedback file of {reviewer}"),
        (Part::Feedback { reviewer, on }, Lang::Ja) => format!("{reviewer} による {on} へのフィードバック"),
        (Part::Feedback { reviewer, on }, Lang::En) => format!("feedback by {reviewer} on {on}"),
        (Part::StepsInGoalsFile { count, owner }, Lang::Ja) => format!("{owner} の目標ファイルの手続 {count} 件"),
        (Part::StepsInGoalsFile { count, owner }, Lang::En) => {
            format!("{count} workflow step(s) in the goals file of {owner}")
        }
        (Part::StepsInFeedbackFile { count, reviewer }, Lang::Ja) => {
            format!("{reviewer} のフィードバックファイルの手続 {count} 件")
        }
        (Part::StepsInFeedbackFile { count, reviewer }, Lang::En) => {
            format!("{count} workflow step(s) in the feedback file of {reviewer}")
        }
        (Part::Goal(id), Lang::Ja) => format!("目標 {id}"),
        (Part::Goal(id), Lang::En) => format!("goal {id}"),
        (Part::EveryGoal(id), Lang::Ja) => format!("ID が {id} の目標すべて"),
        (Part::EveryGoal(id), Lang::En) => format!("every goal with id {id}"),
        (Part::ParentLink { goal }, Lang::Ja) => format!("目標 {goal} の上位目標への紐付け"),
        (Part::ParentLink { goal }, Lang::En) => format!("the parent link of goal {goal}"),
        (Part::ProposalLink { goal }, Lang::Ja) => format!("目標 {goal} の提案への紐付け"),
        (Part::ProposalLink { goal }, Lang::En) => format!("the proposal link of goal {goal}"),
        (Part::Progress { goal }, Lang::Ja) => format!("目標 {goal} の進捗"),
        (Part::Progress { goal }, Lang::En) => format!("the progress of goal {goal}"),
        (Part::Metric { goal }, Lang::Ja) => format!("目標 {goal} の指標"),
        (Part::Metric { goal }, Lang::En) => format!("the metric of goal {goal}"),
        (Part::Proposal(id), Lang::Ja) => format!("提案 {id}"),
        (Part::Proposal(id), Lang::En) => format!("proposal {id}"),
        (Part::EveryProposal(id), Lang::Ja) => format!("ID が {id} の提案すべて"),
        (Part::EveryProposal(id), Lang::En) => format!("every proposal with id {id}"),
        (Part::Decline { proposal, by }, Lang::Ja) => format!("{by} による提案 {proposal} の辞退"),
        (Part::Decline { proposal, by }, Lang::En) => format!("the decline of proposal {proposal} by {by}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ProblemKind;

    #[test]
    fn a_rejected_row_says_why_with_the_column_in_the_users_words() {
        let reason = Rejection::ControlCharacter { column: Column::Name, code: 0x0D };
        assert_eq!(rejection(&reason, Lang::En), "column `name` contains control character U+000D");
        assert_eq!(rejection(&reason, Lang::Ja), "列 `氏名` に制御文字 U+000D があります");
        let lines = Rejection::DuplicateId { id: "P0050".into(), lines: vec![2, 4] };
        assert_eq!(rejection(&lines, Lang::En), "duplicate id P0050 (lines 2, 4)");
        assert_eq!(rejection(&lines, Lang::Ja), "職員番号 P0050 が複数の行にあります (2、4 行目)");
        let invalid = Rejection::Invalid(ProblemKind::ReviewerLoop { path: vec!["A".into(), "B".into()] });
        assert_eq!(
            rejection(&invalid, Lang::Ja),
            problem(&ProblemKind::ReviewerLoop { path: vec!["A".into(), "B".into()] }, Lang::Ja)
        );
    }

    #[test]
    fn an_unknown_column_lists_the_known_ones_in_the_users_words() {
        let error = RosterError::UnknownColumn("shoe size".into());
        assert_eq!(
            roster_error(&error, Lang::En),
            "header: unknown column `shoe size` (known: id, name, kana, unit, grade, title, reviewer, login, roles)"
        );
        assert!(
            roster_error(&error, Lang::Ja)
                .ends_with("(使える列: 職員番号, 氏名, ふりがな, 所属, 級, 職名, 一次評価者, ログイン, 役割)")
        );
    }

    #[test]
    fn what_was_left_out_is_named_in_both_languages() {
        let part = Part::StepsInFeedbackFile { count: 2, reviewer: "P0003".into() };
        assert_eq!(left_out(&part, Lang::En), "2 workflow step(s) in the feedback file of P0003");
        assert_eq!(left_out(&part, Lang::Ja), "P0003 のフィードバックファイルの手続 2 件");
    }
}
