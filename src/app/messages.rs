//! Why a change was refused, in the user's language.

use super::workspace::CommandError;
use crate::i18n::{self, Lang};
use crate::model::edit::EditError;
use crate::model::permissions::Denied;
use crate::model::workflow::WorkflowError;
use crate::store::StoreError;
use crate::ui::review::{state_label, step_label};

pub fn refusal(error: &CommandError, lang: Lang) -> String {
    if lang == Lang::En {
        return error.to_string();
    }
    match error {
        CommandError::Denied(denied) => denied_ja(denied),
        CommandError::Edit(edit) => edit_ja(edit),
        CommandError::Workflow(workflow) => workflow_ja(workflow),
        CommandError::Store(store) => store_ja(store),
        CommandError::SheetConfirmed(person) => {
            format!("{person} のシートは確定済みです。フィードバックを変えるには先に差し戻してください")
        }
        CommandError::ParentOutsideChain(goal) => {
            format!("{goal} には紐付けられません (自分か上司の目標だけに紐付けられます)")
        }
        CommandError::RevisionReasonRequired => {
            "承認済みのシートです。計画を変更するには「見直しの理由」を記入してください".to_owned()
        }
    }
}

fn denied_ja(denied: &Denied) -> String {
    match denied {
        Denied::UnknownPerson { id } => format!("{id} は org.toml に登録されていません"),
        Denied::ReadGoals { owner, .. } => format!("{owner} の目標は閲覧できません (本人・上司・部下・人事部門のみ)"),
        Denied::EditGoals { owner, .. } => format!("{owner} の目標は本人だけが変更できます"),
        Denied::Propose { to, .. } => format!("{to} への提案は、その一次評価者だけができます"),
        Denied::WriteFeedback { person, .. } => format!("{person} へのフィードバックは、その一次評価者だけが書けます"),
        Denied::ReadFeedback { person, .. } => format!("{person} へのフィードバックは閲覧できません"),
        Denied::FeedbackNotReleased { person } => format!("{person} へのフィードバックはまだ公開されていません"),
        Denied::EditOrg { .. } => "組織の変更には人事部門 (hr) の権限が必要です".to_owned(),
        Denied::Export { .. } => "出力には人事部門 (hr) の権限が必要です".to_owned(),
        Denied::Calibrate { actor, person } => crate::model::competency::text::calibrate_denied(actor, person).ja,
    }
}

fn edit_ja(edit: &EditError) -> String {
    match edit {
        EditError::NoSuchGoal(goal) => format!("目標 {goal} はこのシートにありません"),
        EditError::NoSuchAction { goal, index } => format!("目標 {goal} に改善項目 {} はありません", index + 1),
        EditError::NoSuchProposal(id) => format!("提案 {id} はあなた宛てにありません"),
        EditError::AlreadyAnswered(id) => format!("提案 {id} は既に採用または辞退されています"),
        EditError::EmptyTitle => "題名 (課題) を入力してください".to_owned(),
        EditError::BadText(kind) => format!("入力できない文字または長すぎる文があります: {kind}"),
        EditError::ProgressOutOfRange(value) => format!("進捗は 0〜100 で入力してください ({value})"),
        EditError::WeightOutOfRange(value) => format!("ウェイトは 0〜100 で入力してください ({value})"),
        EditError::UnknownParent(goal) => format!("上位目標 {goal} はこの期にありません"),
        EditError::ParentLoop(goal) => format!("{goal} に紐付けると目標の関係が循環します"),
        EditError::HasChildren(goal) => {
            format!("目標 {goal} には下位の目標や提案があります。先に紐付けを外してください")
        }
        EditError::BadShare => "配分は正の数で入力してください".to_owned(),
    }
}

fn workflow_ja(workflow: &WorkflowError) -> String {
    match workflow {
        WorkflowError::UnknownPerson { id } => format!("{id} は org.toml に登録されていません"),
        WorkflowError::NotNow { person, state, step } => format!(
            "{person} のシートは「{}」のため、「{}」はできません",
            state_label(*state, Lang::Ja),
            step_label(*step, Lang::Ja)
        ),
        WorkflowError::NotAllowed { step, allowed, .. } => {
            format!("「{}」はあなたの手続ではありません (できるのは: {allowed})", step_label(*step, Lang::Ja))
        }
        WorkflowError::CommentRequired => "差し戻しには理由 (コメント) が必要です".to_owned(),
        WorkflowError::EmptySheet { person } => format!("{person} のシートにはまだ目標がありません"),
        WorkflowError::NoSelfCheck { person } => format!("{person} の目標に自己評価がまだありません"),
        WorkflowError::AbilitiesNotRated(not_rated) => not_rated.message().ja,
        WorkflowError::ClockBehind { .. } => {
            "コンピュータの時計が前回の手続より前になっています。時計を確認してください".to_owned()
        }
    }
}

fn store_ja(store: &StoreError) -> String {
    match store {
        StoreError::ChangedOnDisk(path) => {
            format!("{} は読み込み後に他の人が保存しました。上書きしません", path.display())
        }
        StoreError::Unreadable(path) => {
            format!("{} は読み込めなかったため書き込みません。先にファイルを直してください", path.display())
        }
        StoreError::Io { path, source } => format!("{} に書き込めません: {source}", path.display()),
        other => format!("{} ({})", other, i18n::Msg::SaveFailed.text(Lang::Ja)),
    }
}
