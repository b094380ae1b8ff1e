//! What validation finds, in the user's language.

use super::{Lang, Message, date};
use crate::model::changes::{Change, PlanField};
use crate::model::confirmation::SealedChange;
use crate::model::ident::{BadId, ID_LIMIT};
use crate::model::seal::SECOND_REVIEWER;
use crate::model::workflow::{IgnoredBecause, Role};
use crate::model::{FileKind, Level, Phase, ProblemKind};

/// A problem's text, without its file and subject (the caller puts those first).
pub fn problem(kind: &ProblemKind, lang: Lang) -> String {
    match lang {
        Lang::Ja => japanese(kind),
        Lang::En => english(kind),
    }
}

fn english(kind: &ProblemKind) -> String {
    match kind {
        ProblemKind::Parse(reason) => reason.clone(),
        ProblemKind::NotAFile { found } => {
            let found = match found {
                FileKind::Folder => "a folder",
                FileKind::Link => "a link",
                FileKind::Special => "a named pipe or a device",
            };
            format!("is {found}, not a file; it is left alone")
        }
        ProblemKind::TooLarge { bytes, limit } => {
            format!("is {} MB; files over {} MB are not read", megabytes(*bytes), megabytes(*limit))
        }
        ProblemKind::NotUtf8 => "is not UTF-8 text (saved as Shift_JIS?); save it as UTF-8".to_owned(),
        ProblemKind::Unreadable { reason } => format!("cannot be read: {reason}"),
        ProblemKind::LinkedFolder { folder } => {
            format!("is not read: the folder {folder} is a link, which could lead out of the data set")
        }
        ProblemKind::BadId { field, id, reason } => {
            format!("`{field}` `{id}` is not a valid id: {}", bad_id(reason, Lang::En))
        }
        ProblemKind::WrongPlace { field, expected, found } => {
            format!("`{field}` is `{found}` but the file's place says `{expected}`")
        }
        ProblemKind::DuplicateId { what, id } => format!("{what} id `{id}` is used more than once"),
        ProblemKind::CaseClash { what, id, other } => {
            format!("{what} id `{id}` differs from `{other}` only in case; on Windows they are the same file")
        }
        ProblemKind::UnknownPerson { field, id } => format!("`{field}` names unknown person `{id}`"),
        ProblemKind::UnknownUnit { field, id } => format!("`{field}` names unknown unit `{id}`"),
        ProblemKind::UnknownGoal { field, id } => format!("`{field}` names unknown goal `{id}`"),
        ProblemKind::UnknownProposal { id } => format!("refers to unknown proposal `{id}`"),
        ProblemKind::UnknownCycle { id } => format!("current cycle `{id}` has no cycles/{id}/cycle.toml"),
        ProblemKind::ParentLoop { path } => format!("parent links form a loop: {}", path.join(" → ")),
        ProblemKind::LinkAcrossCycles { parent, parent_cycle } => {
            format!("parent `{parent}` belongs to cycle `{parent_cycle}`; goals can only link within their cycle")
        }
        ProblemKind::ProgressOutOfRange { value } => format!("progress {value} is outside 0–100"),
        ProblemKind::GradeOutOfRange { value } => format!("grade {value} is outside 1–8"),
        ProblemKind::BadShare { value } => format!("share {value} must be a number of 0 or more"),
        ProblemKind::NotFinite { key } => format!("`{key}` is not a finite number (nan and inf are not numbers here)"),
        ProblemKind::WeightsDoNotSum { total } => format!("weights sum to {total}, not 100"),
        ProblemKind::ReviewerLoop { path } => format!("reviewer chain loops: {}", path.join(" → ")),
        ProblemKind::UnitLoop { path } => format!("unit parents loop: {}", path.join(" → ")),
        ProblemKind::EndsBeforeStart => "ends before it starts".to_owned(),
        ProblemKind::ControlCharacter { field, code } => format!("`{field}` contains control character U+{code:04X}"),
        ProblemKind::TooLong { field, chars, limit } => {
            format!("`{field}` is {chars} characters long; the limit is {limit}")
        }
        ProblemKind::TextNotRead { field } => format!("`{field}` was not read, so it cannot be checked"),
        ProblemKind::UnlinkedGoal => {
            "has no `parent`, so it contributes to no department goal; link it to a goal up the reporting chain"
                .to_owned()
        }
        ProblemKind::DueAfterParent { due, parent, parent_due } => {
            format!("is due {due}, after the goal it contributes to, `{parent}` (due {parent_due})")
        }
        ProblemKind::NoGoals { name } => format!("{name} has no goals in this cycle"),
        ProblemKind::SheetBehind { state, expected, phase, ended } => {
            let phase = match phase {
                Phase::Plan => "plan",
                Phase::Do => "do",
                Phase::Check => "check",
                Phase::Action => "action",
            };
            format!(
                "sheet is still {} ({}), but the {phase} phase ended on {ended}, by when it should have reached {} ({})",
                state.ja(),
                state.en(),
                expected.ja(),
                expected.en()
            )
        }
        ProblemKind::IgnoredSheetRecord { step, by, at, reason } => {
            format!("sheet step `{}` by `{by}` at {at} is ignored: {}", step.key(), ignored(reason, Lang::En))
        }
        ProblemKind::ChangedAfterConfirmation { change, at } => format!(
            "changed after the sheet was confirmed at {at}: {}; the program refuses such a change, so it was made \
             by hand: restore it, or have the sheet sent back first",
            sealed_change(change, Lang::En)
        ),
        ProblemKind::ConfirmedWithoutSnapshot { at } => format!(
            "the sheet was confirmed at {at} by a record without a snapshot of what was confirmed (an older \
             version wrote it, or it came from an export), so changes since cannot be told; send it back and \
             confirm it again to seal it"
        ),
        ProblemKind::Competency(problem) => problem.en(),
        ProblemKind::Instrument(problem) => problem.en(),
    }
}

fn japanese(kind: &ProblemKind) -> String {
    let lang = Lang::Ja;
    match kind {
        ProblemKind::Parse(reason) => format!("読み込めません: {reason}"),
        ProblemKind::NotAFile { found } => {
            let found = match found {
                FileKind::Folder => "フォルダ",
                FileKind::Link => "リンク",
                FileKind::Special => "名前付きパイプかデバイス",
            };
            format!("ファイルではなく{found}です。読み書きしません")
        }
        ProblemKind::TooLarge { bytes, limit } => {
            format!("{} MB あります。{} MB を超えるファイルは読み込みません", megabytes(*bytes), megabytes(*limit))
        }
        ProblemKind::NotUtf8 => {
            "UTF-8 の文字ではありません (Shift_JIS で保存しましたか?)。UTF-8 で保存してください".to_owned()
        }
        ProblemKind::Unreadable { reason } => format!("読み込めません: {reason}"),
        ProblemKind::LinkedFolder { folder } => {
            format!("フォルダ {folder} がリンクのため読み込みません (データの外を指すおそれがあります)")
        }
        ProblemKind::BadId { field, id, reason } => {
            format!("`{field}` の `{id}` は ID として使えません: {}", bad_id(reason, Lang::Ja))
        }
        ProblemKind::WrongPlace { field, expected, found } => {
            format!("`{field}` が `{found}` ですが、ファイルの場所からは `{expected}` のはずです")
        }
        ProblemKind::DuplicateId { what, id } => format!("{what} の ID `{id}` が重複しています"),
        ProblemKind::CaseClash { what, id, other } => {
            format!(
                "{what} の ID `{id}` は `{other}` と大文字・小文字だけが違います (Windows では同じファイルになります)"
            )
        }
        ProblemKind::UnknownPerson { field, id } => format!("`{field}` の職員 `{id}` は登録されていません"),
        ProblemKind::UnknownUnit { field, id } => format!("`{field}` の組織 `{id}` は登録されていません"),
        ProblemKind::UnknownGoal { field, id } => format!("`{field}` の目標 `{id}` はありません"),
        ProblemKind::UnknownProposal { id } => format!("提案 `{id}` はありません"),
        ProblemKind::UnknownCycle { id } => format!("現在の評価期間 `{id}` の cycles/{id}/cycle.toml がありません"),
        ProblemKind::ParentLoop { path } => format!("上位目標の関係が循環しています: {}", path.join(" → ")),
        ProblemKind::LinkAcrossCycles { parent, parent_cycle } => {
            format!("上位目標 `{parent}` は評価期間 `{parent_cycle}` のものです (同じ期間の目標にだけ紐付けられます)")
        }
        ProblemKind::ProgressOutOfRange { value } => format!("進捗 {value} が 0〜100 の範囲外です"),
        ProblemKind::GradeOutOfRange { value } => format!("級 {value} が 1〜8 の範囲外です"),
        ProblemKind::BadShare { value } => format!("配分 {value} は 0 以上の数にしてください"),
        ProblemKind::NotFinite { key } => format!("`{key}` が有限の数ではありません (nan や inf は使えません)"),
        ProblemKind::WeightsDoNotSum { total } => format!("ウェイトの合計が {total}% です (100% にしてください)"),
        ProblemKind::ReviewerLoop { path } => format!("一次評価者の関係が循環しています: {}", path.join(" → ")),
        ProblemKind::UnitLoop { path } => format!("組織の上下関係が循環しています: {}", path.join(" → ")),
        ProblemKind::EndsBeforeStart => "終了日が開始日より前です".to_owned(),
        ProblemKind::ControlCharacter { field, code } => format!("`{field}` に制御文字 U+{code:04X} があります"),
        ProblemKind::TooLong { field, chars, limit } => {
            format!("`{field}` が {chars} 文字あります (上限 {limit} 文字)")
        }
        ProblemKind::TextNotRead { field } => format!("`{field}` を読み込んでいないため、検証できません"),
        ProblemKind::UnlinkedGoal => "上位目標に紐付いていません (部の目標への貢献が見えません)".to_owned(),
        ProblemKind::DueAfterParent { due, parent, parent_due } => {
            format!("期限 {} が上位目標 {parent} の期限 {} より後です", date(*due, lang), date(*parent_due, lang))
        }
        ProblemKind::NoGoals { name } => format!("{name} さんの今期の目標がありません"),
        ProblemKind::SheetBehind { state, expected, phase, ended } => format!(
            "シートが「{}」のままです ({}は{}に終了、「{}」になっているはずです)",
            state.ja(),
            phase.ja(),
            date(*ended, lang),
            expected.ja()
        ),
        ProblemKind::IgnoredSheetRecord { step, by, at, reason } => {
            format!("{by} による {at} の手続「{}」は無効です: {}", step.ja(), ignored(reason, lang))
        }
        ProblemKind::ChangedAfterConfirmation { change, at } => format!(
            "{at} の確定の後に変更されています: {}。確定したシートはこのプログラムでは変更できないため、\
             手作業による変更です。元に戻すか、先にシートを差し戻してください",
            sealed_change(change, Lang::Ja)
        ),
        ProblemKind::ConfirmedWithoutSnapshot { at } => format!(
            "{at} の確定の記録に確定内容の控えがない (旧版が記録したか、出力から取り込んだ) ため、その後の変更を確かめられません。\
             差し戻して確定し直すと控えが残ります"
        ),
        ProblemKind::Competency(problem) => problem.ja(),
        ProblemKind::Instrument(problem) => problem.ja(),
    }
}

/// Megabytes with one decimal.
fn megabytes(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

/// Why text is not an id: ids are ASCII letters, digits, `.`, `_` and `-`.
pub fn bad_id(reason: &BadId, lang: Lang) -> String {
    match (reason, lang) {
        (BadId::Empty, Lang::En) => "it is empty".into(),
        (BadId::Empty, Lang::Ja) => "空です".into(),
        (BadId::TooLong { chars }, Lang::En) => format!("it is {chars} characters long; the limit is {ID_LIMIT}"),
        (BadId::TooLong { chars }, Lang::Ja) => format!("{chars} 文字あります (上限 {ID_LIMIT} 文字)"),
        (BadId::Character { found }, Lang::En) => {
            format!("it contains {}; ids are letters A–Z, digits, `.`, `_` and `-`", shown(*found))
        }
        (BadId::Character { found }, Lang::Ja) => {
            format!("{} を含みます (使えるのは半角英数字と . _ - だけです)", shown(*found))
        }
        (BadId::Start { found }, Lang::En) => {
            format!("it starts with {}; ids start with a letter or digit", shown(*found))
        }
        (BadId::Start { found }, Lang::Ja) => format!("{} で始まります (半角英数字で始めてください)", shown(*found)),
        (BadId::Dots, Lang::En) => "it contains `..` or ends with a dot".into(),
        (BadId::Dots, Lang::Ja) => "`..` を含むか、. で終わります".into(),
        (BadId::Reserved, Lang::En) => "Windows keeps that name for a device".into(),
        (BadId::Reserved, Lang::Ja) => "Windows が装置名として予約している名前です".into(),
    }
}

/// A character as it can be shown safely: printable ones quoted, others by code.
fn shown(c: char) -> String {
    if c.is_control() || c.is_whitespace() { format!("U+{:04X}", u32::from(c)) } else { format!("`{c}`") }
}

/// Why the replay ignores a workflow record.
fn ignored(reason: &IgnoredBecause, lang: Lang) -> String {
    match (reason, lang) {
        (IgnoredBecause::NoPerson, Lang::En) => "a step in a feedback file needs `person`, whose sheet it is".into(),
        (IgnoredBecause::NoPerson, Lang::Ja) => "フィードバックファイルの手続には対象者 `person` が必要です".into(),
        (IgnoredBecause::NotOwnSheet { person }, Lang::En) => {
            format!("a goals file holds steps on its owner's own sheet, not on `{person}`'s")
        }
        (IgnoredBecause::NotOwnSheet { person }, Lang::Ja) => {
            format!("目標ファイルには本人のシートの手続だけを書きます (`{person}` のものではありません)")
        }
        (IgnoredBecause::NotTheWriter { writer }, Lang::En) => {
            format!("the file is {writer}'s, so `by` must be {writer}")
        }
        (IgnoredBecause::NotTheWriter { writer }, Lang::Ja) => {
            format!("{writer} のファイルなので `by` は {writer} でなければなりません")
        }
        (IgnoredBecause::WrongFile, Lang::En) => {
            "submit and self-check belong in the owner's goals file, the other steps in the taker's feedback file"
                .into()
        }
        (IgnoredBecause::WrongFile, Lang::Ja) => {
            "提出と自己評価は本人の目標ファイルに、その他の手続は行った人のフィードバックファイルに書きます".into()
        }
        (IgnoredBecause::NotPossible { state }, Lang::En) => format!("not possible when the sheet is {}", state.en()),
        (IgnoredBecause::NotPossible { state }, Lang::Ja) => format!("シートが「{}」のときはできません", state.ja()),
        (IgnoredBecause::NotAllowed { roles }, _) => {
            let names: Vec<String> = roles.iter().map(|role| role_name(*role, lang)).collect();
            match lang {
                Lang::En => format!("only {} may take this step", names.join(" or ")),
                Lang::Ja => format!("この手続ができるのは{}だけです", names.join("か")),
            }
        }
        (IgnoredBecause::NoComment, Lang::En) => "a send-back needs a comment saying why".into(),
        (IgnoredBecause::NoComment, Lang::Ja) => "差戻しには理由のコメントが必要です".into(),
    }
}

/// What changed in a confirmed sheet: the field, before → after.
fn sealed_change(change: &SealedChange, lang: Lang) -> String {
    let level = |level: &Option<Level>| level.map_or("-", Level::letter);
    let text = |value: &Option<String>| value.clone().unwrap_or_else(|| "-".to_owned());
    match (change, lang) {
        (SealedChange::Plan(Change { field: PlanField::Goal, after: Some(_), .. }), Lang::En) => "goal added".into(),
        (SealedChange::Plan(Change { field: PlanField::Goal, after: Some(_), .. }), Lang::Ja) => "目標の追加".into(),
        (SealedChange::Plan(Change { field: PlanField::Goal, after: None, .. }), Lang::En) => "goal removed".into(),
        (SealedChange::Plan(Change { field: PlanField::Goal, after: None, .. }), Lang::Ja) => "目標の削除".into(),
        (SealedChange::Plan(Change { field, before, after, .. }), _) => {
            format!("`{}` {} → {}", field.key(), text(before), text(after))
        }
        (SealedChange::SelfLevel { before, after, .. }, Lang::En) => {
            format!("self-evaluation level {} → {}", level(before), level(after))
        }
        (SealedChange::SelfLevel { before, after, .. }, Lang::Ja) => {
            format!("自己評価 {} → {}", level(before), level(after))
        }
        (SealedChange::SelfComment { .. }, Lang::En) => "self-evaluation comment".into(),
        (SealedChange::SelfComment { .. }, Lang::Ja) => "自己評価のコメント".into(),
        (SealedChange::ReviewerLevel { before, after, .. }, Lang::En) => {
            format!("reviewer's level {} → {}", level(before), level(after))
        }
        (SealedChange::ReviewerLevel { before, after, .. }, Lang::Ja) => {
            format!("一次評価 {} → {}", level(before), level(after))
        }
        (SealedChange::AbilityLevel { before, after, .. }, Lang::En) => {
            format!("ability self-rating {} → {}", level(before), level(after))
        }
        (SealedChange::AbilityLevel { before, after, .. }, Lang::Ja) => {
            format!("能力の自己評価 {} → {}", level(before), level(after))
        }
        (SealedChange::AbilityComment { .. }, Lang::En) => "ability self-rating comment".into(),
        (SealedChange::AbilityComment { .. }, Lang::Ja) => "能力の自己評価のコメント".into(),
        (SealedChange::AbilityReview { by, before, after, .. }, Lang::En) => {
            let rater = if by == SECOND_REVIEWER { "second reviewer's" } else { "reviewer's" };
            format!("{rater} ability level {} → {}", level(before), level(after))
        }
        (SealedChange::AbilityReview { by, before, after, .. }, Lang::Ja) => {
            let rater = if by == SECOND_REVIEWER { "二次評価" } else { "一次評価" };
            format!("能力の{rater} {} → {}", level(before), level(after))
        }
    }
}

/// The part a person plays on a sheet.
pub fn role_name(role: Role, lang: Lang) -> String {
    match (role, lang) {
        (Role::Owner, Lang::En) => "the owner",
        (Role::Owner, Lang::Ja) => "本人",
        (Role::Reviewer, Lang::En) => "the reviewer",
        (Role::Reviewer, Lang::Ja) => "一次評価者",
        (Role::Confirmer, Lang::En) => "the reviewer's reviewer",
        (Role::Confirmer, Lang::Ja) => "二次評価者",
    }
    .to_owned()
}
