//! Why a change was refused or failed, in the user's language.

use super::problems::role_name;
use super::{Lang, Message};
use crate::model::command::Invalid;
use crate::model::edit::EditError;
use crate::model::permissions::Denied;
use crate::model::policy::Refusal;
use crate::model::workflow::{Holder, Role, WorkflowError};
use crate::store::StoreError;
use crate::workspace::CommandError;

/// A command that did not go through: refused, invalid, or not saved.
pub fn command_error(error: &CommandError, lang: Lang) -> String {
    match error {
        CommandError::Refused(refused) => refusal(refused, lang),
        CommandError::Invalid(Invalid::Edit(edit)) => edit_error(edit, lang),
        CommandError::Invalid(Invalid::Workflow(workflow)) => workflow_error(workflow, lang),
        CommandError::Invalid(Invalid::Calibration(calibration)) => calibration.text(lang),
        CommandError::Store(store) => store_error(store, lang),
    }
}

pub fn refusal(refused: &Refusal, lang: Lang) -> String {
    match (refused, lang) {
        (Refusal::Denied(denied), _) => denial(denied, lang),
        (Refusal::Workflow(workflow), _) => workflow_error(workflow, lang),
        (Refusal::SheetConfirmed(person), Lang::Ja) => {
            format!("{person} のシートは確定済みです。フィードバックを変えるには先に差し戻してください")
        }
        (Refusal::SheetConfirmed(person), Lang::En) => {
            format!("the sheet of {person} is confirmed; send it back before changing its feedback")
        }
        (Refusal::ParentOutsideChain(goal), Lang::Ja) => {
            format!("{goal} には紐付けられません (自分か上司の目標だけに紐付けられます)")
        }
        (Refusal::ParentOutsideChain(goal), Lang::En) => {
            format!("goal `{goal}` is not yours nor of anyone above you in the reporting chain")
        }
        (Refusal::RevisionReasonRequired, Lang::Ja) => {
            "承認済みのシートです。計画を変更するには「見直しの理由」を記入してください".to_owned()
        }
        (Refusal::RevisionReasonRequired, Lang::En) => {
            "the sheet is approved: give a reason for changing its plan".to_owned()
        }
    }
}

pub fn denial(denied: &Denied, lang: Lang) -> String {
    match (denied, lang) {
        (Denied::UnknownPerson { id }, Lang::Ja) => format!("{id} は org.toml に登録されていません"),
        (Denied::UnknownPerson { id }, Lang::En) => format!("`{id}` is not a person in org.toml"),
        (Denied::ReadGoals { owner, .. }, Lang::Ja) => {
            format!("{owner} の目標は閲覧できません (本人・上司・部下・人事部門のみ)")
        }
        (Denied::ReadGoals { actor, owner }, Lang::En) => format!(
            "{actor} may not read the goals of {owner}: goals are open to their owner, to the people above or below \
             the owner in the reporting chain, and to HR"
        ),
        (Denied::ReadAbilities { person, .. }, Lang::Ja) => {
            format!("{person} の能力評価は閲覧できません (本人・上司・人事部門のみ)")
        }
        (Denied::ReadAbilities { actor, person }, Lang::En) => format!(
            "{actor} may not read the ability ratings of {person}: they are open to {person}, to the people above \
             {person} and to HR"
        ),
        (Denied::EditGoals { owner, .. }, Lang::Ja) => format!("{owner} の目標は本人だけが変更できます"),
        (Denied::EditGoals { actor, owner }, Lang::En) => {
            format!("{actor} may not edit the goals of {owner}: only the owner edits their goals")
        }
        (Denied::Propose { to, .. }, Lang::Ja) => format!("{to} への提案は、その一次評価者だけができます"),
        (Denied::Propose { actor, to }, Lang::En) => {
            format!("{actor} may not propose goals to {to}: only {to}'s reviewer may")
        }
        (Denied::WriteFeedback { person, .. }, Lang::Ja) => {
            format!("{person} へのフィードバックは、その一次評価者だけが書けます")
        }
        (Denied::WriteFeedback { actor, person }, Lang::En) => {
            format!("{actor} may not write feedback for {person}: only {person}'s reviewer may")
        }
        (Denied::ReadFeedback { person, .. }, Lang::Ja) => format!("{person} へのフィードバックは閲覧できません"),
        (Denied::ReadFeedback { actor, person }, Lang::En) => format!(
            "{actor} may not read the feedback on {person}: feedback is open to the people above {person} and to HR"
        ),
        (Denied::FeedbackNotReleased { person }, Lang::Ja) => {
            format!("{person} へのフィードバックはまだ公開されていません")
        }
        (Denied::FeedbackNotReleased { person }, Lang::En) => format!(
            "the feedback on {person} is not released yet: it opens when the sheet is confirmed, or earlier where \
             the reviewer shares it"
        ),
        (Denied::EditOrg { .. }, Lang::Ja) => "組織の変更には人事部門 (hr) の権限が必要です".to_owned(),
        (Denied::EditOrg { actor }, Lang::En) => {
            format!("{actor} may not edit the organisation: that needs the hr role")
        }
        (Denied::Export { .. }, Lang::Ja) => "出力には人事部門 (hr) の権限が必要です".to_owned(),
        (Denied::Export { actor }, Lang::En) => format!("{actor} may not export: that needs the hr role"),
        (Denied::Calibrate { actor, person }, _) => super::competency::calibrate_refusal(actor, person, lang),
        (Denied::ReadMeetings { actor, person }, Lang::Ja) => format!(
            "{actor} は {person} の1on1を閲覧できません (本人・上司・人事部門のみ。記録の内容は当事者の二人だけ)"
        ),
        (Denied::ReadMeetings { actor, person }, Lang::En) => format!(
            "{actor} may not see the 1on1s of {person}: they are open to the person, to the people above them and to \
             HR (what was said, to the two people only)"
        ),
        (Denied::WriteMeeting { actor, with }, Lang::Ja) => {
            format!("{actor} は {with} との1on1を記録できません (相手は org.toml の本人以外の職員)")
        }
        (Denied::WriteMeeting { actor, with }, Lang::En) => {
            format!("{actor} may not write down a 1on1 with {with}: a 1on1 is with another person of org.toml")
        }
    }
}

pub fn edit_error(edit: &EditError, lang: Lang) -> String {
    match (edit, lang) {
        (EditError::NoSuchGoal(goal), Lang::Ja) => format!("目標 {goal} はこのシートにありません"),
        (EditError::NoSuchGoal(goal), Lang::En) => format!("no goal `{goal}` on this sheet"),
        (EditError::NoSuchAction { goal, index }, Lang::Ja) => {
            format!("目標 {goal} に改善項目 {} はありません", index + 1)
        }
        (EditError::NoSuchAction { goal, index }, Lang::En) => format!("no action item {index} on goal `{goal}`"),
        (EditError::NoSuchProposal(id), Lang::Ja) => format!("提案 {id} はあなた宛てにありません"),
        (EditError::NoSuchProposal(id), Lang::En) => format!("no proposal `{id}` addressed to this person"),
        (EditError::AlreadyAnswered(id), Lang::Ja) => format!("提案 {id} は既に採用または辞退されています"),
        (EditError::AlreadyAnswered(id), Lang::En) => format!("proposal `{id}` has already been adopted or declined"),
        (EditError::EmptyTitle, Lang::Ja) => "題名 (課題) を入力してください".to_owned(),
        (EditError::EmptyTitle, Lang::En) => "a title is required".to_owned(),
        (EditError::BadText(kind), Lang::Ja) => {
            format!("入力できない文字または長すぎる文があります: {}", super::problem(kind, lang))
        }
        (EditError::BadText(kind), Lang::En) => super::problem(kind, lang),
        (EditError::ProgressOutOfRange(value), Lang::Ja) => format!("進捗は 0〜100 で入力してください ({value})"),
        (EditError::ProgressOutOfRange(value), Lang::En) => {
            format!("progress must be between 0 and 100, not {value}")
        }
        (EditError::WeightOutOfRange(value), Lang::Ja) => format!("ウェイトは 0〜100 で入力してください ({value})"),
        (EditError::WeightOutOfRange(value), Lang::En) => format!("weight must be between 0 and 100, not {value}"),
        (EditError::UnknownParent(goal), Lang::Ja) => format!("上位目標 {goal} はこの期にありません"),
        (EditError::UnknownParent(goal), Lang::En) => format!("`{goal}` is not a goal of this cycle"),
        (EditError::ParentLoop(goal), Lang::Ja) => format!("{goal} に紐付けると目標の関係が循環します"),
        (EditError::ParentLoop(goal), Lang::En) => {
            format!("linking to `{goal}` would make the goal its own ancestor")
        }
        (EditError::HasChildren(goal), Lang::Ja) => {
            format!("目標 {goal} には下位の目標や提案があります。先に紐付けを外してください")
        }
        (EditError::HasChildren(goal), Lang::En) => {
            format!("goal `{goal}` has sub-goals or proposals below it; unlink them first")
        }
        (EditError::BadShare, Lang::Ja) => "配分は正の数で入力してください".to_owned(),
        (EditError::BadShare, Lang::En) => "share must be a positive number".to_owned(),
        (EditError::NoSuchLog { goal, index }, Lang::Ja) => format!("目標 {goal} に実行記録 {index} はありません"),
        (EditError::NoSuchLog { goal, index }, Lang::En) => format!("no Do entry {index} on goal `{goal}`"),
        (EditError::GoalExists(goal), Lang::Ja) => format!("目標 {goal} は既にあるため、元に戻せません"),
        (EditError::GoalExists(goal), Lang::En) => format!("goal `{goal}` exists again, so it cannot be restored"),
        (EditError::LeftOnDisk, Lang::Ja) => "本文が読み込まれていないため、書き込めません".to_owned(),
        (EditError::LeftOnDisk, Lang::En) => "the text has not been read, so it cannot be written".to_owned(),
        (EditError::UnknownAbility(id), Lang::Ja) => format!("能力 {id} はこの職員の能力評価の項目にありません"),
        (EditError::UnknownAbility(id), Lang::En) => format!("`{id}` is not an ability rated for this person"),
        (EditError::NoSuchMeeting(index), Lang::Ja) => format!("{}件目の1on1の記録はありません", index + 1),
        (EditError::NoSuchMeeting(index), Lang::En) => format!("there is no 1on1 record number {}", index + 1),
    }
}

pub fn workflow_error(workflow: &WorkflowError, lang: Lang) -> String {
    match (workflow, lang) {
        (WorkflowError::UnknownPerson { id }, Lang::Ja) => format!("{id} は org.toml に登録されていません"),
        (WorkflowError::UnknownPerson { id }, Lang::En) => format!("`{id}` is not a person in org.toml"),
        (WorkflowError::NotNow { person, state, step }, _) => match lang {
            Lang::Ja => format!("{person} のシートは「{}」のため、「{}」はできません", state.ja(), step.ja()),
            Lang::En => format!("the sheet of {person} is {}, so “{}” is not possible now", state.en(), step.key()),
        },
        (WorkflowError::NotAllowed { step, allowed, .. }, Lang::Ja) => {
            format!("「{}」はあなたの手続ではありません (できるのは: {})", step.ja(), holders(allowed, lang))
        }
        (WorkflowError::NotAllowed { actor, step, person, allowed }, Lang::En) => format!(
            "{actor} may not take the step “{}” on the sheet of {person}: only {} may",
            step.key(),
            holders(allowed, lang)
        ),
        (WorkflowError::CommentRequired, Lang::Ja) => "差し戻しには理由 (コメント) が必要です".to_owned(),
        (WorkflowError::CommentRequired, Lang::En) => "sending a sheet back needs a comment saying why".to_owned(),
        (WorkflowError::EmptySheet { person }, Lang::Ja) => format!("{person} のシートにはまだ目標がありません"),
        (WorkflowError::EmptySheet { person }, Lang::En) => format!("the sheet of {person} has no goals yet"),
        (WorkflowError::NoSelfCheck { person }, Lang::Ja) => format!("{person} の目標に自己評価がまだありません"),
        (WorkflowError::NoSelfCheck { person }, Lang::En) => {
            format!("no goal of {person} has a self-evaluation level yet")
        }
        (WorkflowError::AbilitiesNotRated(not_rated), _) => not_rated.text(lang),
        (WorkflowError::ClockBehind { .. }, Lang::Ja) => {
            "コンピュータの時計が前回の手続より前になっています。時計を確認してください".to_owned()
        }
        (WorkflowError::ClockBehind { now, last }, Lang::En) => format!(
            "the clock says {now}, which is not after the sheet's last step at {last}; check the computer's clock"
        ),
    }
}

pub fn store_error(store: &StoreError, lang: Lang) -> String {
    match (store, lang) {
        (StoreError::Io { path, source }, Lang::Ja) => format!("{} を読み書きできません: {source}", path.display()),
        (StoreError::Io { path, source }, Lang::En) => format!("{}: {source}", path.display()),
        (StoreError::Parse { path, location, message }, Lang::Ja) => {
            format!("{}:{location}: 読み込めません: {message}", path.display())
        }
        (StoreError::Parse { path, location, message }, Lang::En) => {
            format!("{}:{location}: {message}", path.display())
        }
        (StoreError::NoDataSet(path), Lang::Ja) => {
            format!("{} にデータがありません (`pdca init` または `pdca init --sample` で作成できます)", path.display())
        }
        (StoreError::NoDataSet(path), Lang::En) => {
            format!("no data set at {} (create one with `pdca init` or `pdca init --sample`)", path.display())
        }
        (StoreError::AlreadyExists(path), Lang::Ja) => {
            format!("{} には既にデータがあります。上書きしません", path.display())
        }
        (StoreError::AlreadyExists(path), Lang::En) => {
            format!("{} already holds a data set; refusing to overwrite it", path.display())
        }
        (StoreError::UnknownCycle { root, cycle }, Lang::Ja) => {
            format!("評価期間 `{cycle}` は {} にありません", root.display())
        }
        (StoreError::UnknownCycle { root, cycle }, Lang::En) => {
            format!("cycle `{cycle}` does not exist under {}", root.display())
        }
        (StoreError::NewerSchema { path, found }, Lang::Ja) => format!(
            "{}: schema_version {found} は新しい版の pdca が書いたデータです。この版は schema_version {} までしか扱えないため、読み込みも書き込みもしません。pdca を更新してください",
            path.display(),
            crate::model::SCHEMA_VERSION
        ),
        (StoreError::NewerSchema { path, found }, Lang::En) => format!(
            "{}: schema_version {found} was written by a newer version of pdca; this program understands up to schema_version {} and neither reads nor writes this data set; update pdca",
            path.display(),
            crate::model::SCHEMA_VERSION
        ),
        (StoreError::ChangedOnDisk(path), Lang::Ja) => {
            format!("{} は読み込み後に他の人が保存しました。上書きしません", path.display())
        }
        (StoreError::ChangedOnDisk(path), Lang::En) => format!(
            "{} changed on disk since it was loaded (someone else saved it); reload before saving",
            path.display()
        ),
        (StoreError::Unreadable(path), Lang::Ja) => {
            format!("{} は読み込めなかったため書き込みません。先にファイルを直してください", path.display())
        }
        (StoreError::Unreadable(path), Lang::En) => format!(
            "{} could not be read when it was loaded; fix it by hand before this program writes it",
            path.display()
        ),
        (StoreError::HeldInPart(path), Lang::Ja) => {
            format!("{} は見てよい部分だけを読み込んだため、ここからは書き込みません", path.display())
        }
        (StoreError::HeldInPart(path), Lang::En) => {
            format!("{} was loaded only in part (what you may see), so it is not written from here", path.display())
        }
        (StoreError::Serialize { path, message }, Lang::Ja) => {
            format!("{} に書き込めませんでした: {message}", path.display())
        }
        (StoreError::Serialize { path, message }, Lang::En) => format!("could not write {}: {message}", path.display()),
        (StoreError::BadId { id, reason }, Lang::Ja) => {
            format!("`{id}` はファイル名になる ID として使えません: {}", super::problems::bad_id(reason, lang))
        }
        (StoreError::BadId { id, reason }, Lang::En) => {
            format!("`{id}` cannot be an id that names a file: {}", super::problems::bad_id(reason, lang))
        }
        (StoreError::OutsideDataSet(path), Lang::Ja) => {
            format!("{} はリンクです。データの外を指すおそれがあるため、その中は読み書きしません", path.display())
        }
        (StoreError::OutsideDataSet(path), Lang::En) => format!(
            "{} is a link, which could lead out of the data set; nothing through it is read or written",
            path.display()
        ),
        (StoreError::Locked(path), Lang::Ja) => {
            format!("{} は別の保存の途中です。しばらくして保存し直してください (入力は残っています)", path.display())
        }
        (StoreError::Locked(path), Lang::En) => format!(
            "another save of {} did not finish in time; save again in a moment (your text is kept)",
            path.display()
        ),
        (StoreError::BadFile { path, location, kind }, _) => {
            let place = match location {
                Some(at) => format!("{}:{at}", path.display()),
                None => path.display().to_string(),
            };
            format!("{place}: {}", super::problem(kind, lang))
        }
    }
}

/// "their reviewer 鈴木 花子 (suzuki)" and the like: who may take a step.
fn holders(holders: &[Holder], lang: Lang) -> String {
    let texts: Vec<String> = holders
        .iter()
        .map(|holder| match (holder.role, &holder.person, lang) {
            (Role::Owner, Some(person), Lang::En) => format!("{person} themself"),
            (Role::Owner, Some(person), Lang::Ja) => format!("本人 {person}"),
            (role, Some(person), _) => format!("{} {person}", role_name(role, lang)),
            (role, None, Lang::En) => format!("{}, and org.toml names none for them,", role_name(role, lang)),
            (role, None, Lang::Ja) => format!("{} (org.toml に登録がありません)", role_name(role, lang)),
        })
        .collect();
    match lang {
        Lang::En => texts.join(" or "),
        Lang::Ja => texts.join("、"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SheetState;

    #[test]
    fn refusals_name_what_was_refused_in_both_languages() {
        let denied = Denied::EditGoals { actor: "鈴木 花子 (suzuki)".into(), owner: "伊藤 美咲 (ito)".into() };
        assert_eq!(denial(&denied, Lang::Ja), "伊藤 美咲 (ito) の目標は本人だけが変更できます");
        assert!(denial(&denied, Lang::En).starts_with("鈴木 花子 (suzuki) may not edit the goals of 伊藤 美咲 (ito)"));
        let not_now = WorkflowError::NotNow {
            person: "伊藤".into(),
            state: SheetState::Draft,
            step: crate::model::Step::Approve,
        };
        assert_eq!(
            workflow_error(&not_now, Lang::Ja),
            "伊藤 のシートは「下書き」のため、「承認（期首面談）」はできません"
        );
        assert_eq!(workflow_error(&not_now, Lang::En), "the sheet of 伊藤 is draft, so “approve” is not possible now");
    }
}
