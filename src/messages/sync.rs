//! Every word of sync, verify and log, Japanese and English side by side.

use super::{Lang, Message};
use crate::model::Step;
use crate::model::file_policy::{DataFile, PersonalKind, WriteRefused};
use crate::model::history::{Field, FieldChange};
use crate::sync::history::{LogEntry, Logged};
use crate::sync::verify::{Reason, Refusal, VerifyError};
use crate::sync::{GitError, Outcome, SyncError, SyncReport, SyncState, TreeError};

/// A piece of text with its data.
pub enum Text<'a> {
    /// What kind of file, for a commit message: "目標 2026".
    FileKind(&'a DataFile),
    /// "… and 3 more".
    More(usize),
}

impl Text<'_> {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Text::FileKind(file) => file_kind(file, lang),
            Text::More(count) => match lang {
                Lang::Ja => format!("ほか {count} 件"),
                Lang::En => format!("and {count} more"),
            },
        }
    }
}

fn file_kind(file: &DataFile, lang: Lang) -> String {
    match (file, lang) {
        (DataFile::Info, Lang::Ja) => "データセットの設定 (pdca.toml)".to_owned(),
        (DataFile::Info, Lang::En) => "data set settings (pdca.toml)".to_owned(),
        (DataFile::Org, Lang::Ja) => "組織 (org.toml)".to_owned(),
        (DataFile::Org, Lang::En) => "organisation (org.toml)".to_owned(),
        (DataFile::HrRoot(name), _) => (*name).to_owned(),
        (DataFile::Cycle(cycle), Lang::Ja) => format!("期 {cycle}"),
        (DataFile::Cycle(cycle), Lang::En) => format!("cycle {cycle}"),
        (DataFile::HrCycle { cycle, name }, _) => format!("{cycle}/{name}"),
        (DataFile::Personal { cycle, kind, .. }, lang) => {
            let kind = match (kind, lang) {
                (PersonalKind::Goals, Lang::Ja) => "目標",
                (PersonalKind::Goals, Lang::En) => "goals",
                (PersonalKind::Feedback, Lang::Ja) => "フィードバック",
                (PersonalKind::Feedback, Lang::En) => "feedback",
                (PersonalKind::Meetings, Lang::Ja) => "面談記録",
                (PersonalKind::Meetings, Lang::En) => "meetings",
                (PersonalKind::Calibration, Lang::Ja) => "評価調整",
                (PersonalKind::Calibration, Lang::En) => "calibration",
            };
            format!("{kind} {cycle}")
        }
    }
}

pub fn field_label(field: Field, lang: Lang) -> String {
    let (ja, en) = match field {
        Field::Goal => ("目標", "goal"),
        Field::Title => ("題名", "title"),
        Field::Description => ("説明", "description"),
        Field::Criteria => ("達成基準", "criteria"),
        Field::Due => ("期限", "due"),
        Field::Difficulty => ("難易度", "difficulty"),
        Field::Weight => ("ウェイト", "weight"),
        Field::Category => ("区分", "category"),
        Field::Parent => ("上位目標", "parent"),
        Field::Adopted => ("採用した提案", "adopted proposal"),
        Field::CarriedFrom => ("引継元", "carried from"),
        Field::Progress => ("進捗", "progress"),
        Field::Metric => ("指標の実績", "metric"),
        Field::Plan => ("計画", "plan"),
        Field::Milestones => ("マイルストーン", "milestones"),
        Field::Log => ("実行記録", "Do log"),
        Field::Actions => ("改善項目", "action items"),
        Field::Revisions => ("見直し", "revisions"),
        Field::SelfLevel => ("自己評価", "self level"),
        Field::SelfComment => ("自己評価コメント", "self-check comment"),
        Field::Other => ("その他の項目", "other keys"),
        Field::Proposal => ("提案", "proposal"),
        Field::Declined => ("辞退", "declined"),
        Field::Step(step) => return step.text(lang),
        Field::ReviewerLevel => ("上司の評価", "reviewer level"),
        Field::Strengths => ("良かった点", "strengths"),
        Field::Improvements => ("改善点", "improvements"),
        Field::Contribution => ("貢献についてのコメント", "contribution"),
        Field::Comment => ("コメント", "comment"),
        Field::Shared => ("早期公開", "shared early"),
    };
    pick(lang, ja, en).to_owned()
}

/// Longest value shown in a history line, in characters.
const VALUE_CHARS: usize = 30;

fn value(text: &Option<String>) -> String {
    match text {
        None => "-".to_owned(),
        Some(text) => {
            let line = text.lines().next().unwrap_or_default();
            let short: String = line.chars().take(VALUE_CHARS).collect();
            if short.len() < text.len() { format!("{short}...") } else { short }
        }
    }
}

/// "P0011-2026-1 進捗 40 → 60", "目標を追加 P0011-2026-3: 題名", "承認: 期首面談".
pub fn field_change_line(change: &FieldChange, lang: Lang) -> String {
    let goal = change.goal.as_deref().map(|goal| format!("{goal} ")).unwrap_or_default();
    let label = field_label(change.field, lang);
    match (change.field, &change.before, &change.after) {
        (Field::Goal, None, after) => match lang {
            Lang::Ja => format!("{goal}目標を追加: {}", value(after)),
            Lang::En => format!("{goal}goal added: {}", value(after)),
        },
        (Field::Goal, before, None) => match lang {
            Lang::Ja => format!("{goal}目標を削除: {}", value(before)),
            Lang::En => format!("{goal}goal removed: {}", value(before)),
        },
        (Field::Step(_), None, comment) | (Field::Step(_), comment, None) => {
            let removed = change.after.is_none();
            let comment = comment.as_deref().filter(|c| !c.is_empty()).map(|c| value(&Some(c.to_owned())));
            let prefix = match (removed, lang) {
                (false, Lang::Ja) => "手続",
                (false, Lang::En) => "step",
                (true, Lang::Ja) => "手続を削除",
                (true, Lang::En) => "step removed",
            };
            match comment {
                Some(comment) => format!("{prefix}: {label}: {comment}"),
                None => format!("{prefix}: {label}"),
            }
        }
        // Unknown keys, or a list whose length stayed the same: only that it changed.
        (Field::Other, ..) | (_, Some(_), Some(_)) if change.before == change.after => match lang {
            Lang::Ja => format!("{goal}{label}を変更"),
            Lang::En => format!("{goal}{label} changed"),
        },
        (_, before, after) => format!("{goal}{label} {} → {}", value(before), value(after)),
    }
}

pub fn write_refused(refused: &WriteRefused, lang: Lang) -> String {
    match (refused, lang) {
        (refused, Lang::En) => refused.to_string(),
        (WriteRefused::OutsideLayout { path }, Lang::Ja) => format!("{path}: データセットの構成にないファイルです"),
        (WriteRefused::UnknownActor { path, actor }, Lang::Ja) => {
            format!("{path}: {actor} は org.toml に登録されていません")
        }
        (WriteRefused::NeedsHr { path, actor }, Lang::Ja) => {
            format!("{path}: 人事部門 (hr) が書くファイルです。{actor} には hr の権限がありません")
        }
        (WriteRefused::OthersFile { path, actor, owner }, Lang::Ja) => {
            format!("{path}: {owner} のファイルです。{actor} が書けるのは自分のファイルだけです")
        }
    }
}

pub fn sync_error(error: &SyncError, lang: Lang) -> String {
    match (error, lang) {
        (error, Lang::En) => error.to_string(),
        (SyncError::NotARepository(root), Lang::Ja) => format!(
            "{} は git リポジトリではありません (`pdca init --git` で始めるか、`pdca clone URL` で取得してください)",
            root.display()
        ),
        (SyncError::NotAtTop { root, top }, Lang::Ja) => format!(
            "データセット {} は git リポジトリの最上位フォルダでなければなりません ({})",
            root.display(),
            top.display()
        ),
        (SyncError::Unfinished(operation), Lang::Ja) => {
            format!("git の {operation} が途中です。先に完了するか中止してください")
        }
        (SyncError::Detached, Lang::Ja) => {
            "ブランチにいません (detached HEAD)。データセットのブランチをチェックアウトしてください".to_owned()
        }
        (SyncError::OthersChanged(paths), Lang::Ja) => format!(
            "自分のものではないファイルがこのPCで変更されています (サーバーは受け付けません): {}。`git checkout -- ファイル` \
             で元に戻してください (新しいファイルは `git rm --cached ファイル`)",
            paths.join(", ")
        ),
        (SyncError::InTheWay(paths), Lang::Ja) => {
            format!(
                "このPCの新しいファイルがサーバーから届くファイルと重なります: {}。移動してください",
                paths.join(", ")
            )
        }
        (SyncError::Unrelated, Lang::Ja) => "このリポジトリとサーバーのリポジトリには共通の履歴がありません".to_owned(),
        (SyncError::Git(error) | SyncError::Tree(TreeError::Git(error)), Lang::Ja) => {
            format!("同期できませんでした: {}", git_error(error, lang))
        }
        (SyncError::Tree(TreeError::Parse { path, location, message }), Lang::Ja) => {
            format!("同期できませんでした: {path}:{location}: {message}")
        }
        (SyncError::Store(error), Lang::Ja) => format!("同期できませんでした: {}", super::store_error(error, lang)),
    }
}

/// Why git could not do what sync or verify asked of it.
pub fn git_error(error: &GitError, lang: Lang) -> String {
    match (error, lang) {
        (error, Lang::En) => error.to_string(),
        (GitError::Missing(reason), Lang::Ja) => {
            format!("git を実行できません ({reason})。git をインストールし、PATH から実行できるようにしてください")
        }
        // git's own message stays as git wrote it: it is what a search for help finds.
        (GitError::Failed { command, stderr }, Lang::Ja) => format!("`git {command}` が失敗しました: {stderr}"),
        (GitError::Unexpected(output), Lang::Ja) => format!("git の出力を解釈できません: {output}"),
    }
}

/// Why verify could not check a push (and so refuses it).
pub fn verify_error(error: &VerifyError, lang: Lang) -> String {
    match error {
        VerifyError::Git(error) | VerifyError::Tree(TreeError::Git(error)) => git_error(error, lang),
        VerifyError::Tree(TreeError::Parse { path, location, message }) => format!("{path}:{location}: {message}"),
    }
}

/// The lines `pdca sync` prints (and the app may show) after a sync.
pub fn report_lines(report: &SyncReport, lang: Lang) -> Vec<String> {
    let mut lines = Vec::new();
    if !report.committed.is_empty() {
        lines.push(match lang {
            Lang::Ja => format!("記録しました ({} ファイル): {}", report.committed.len(), report.committed.join(", ")),
            Lang::En => format!("committed {} file(s): {}", report.committed.len(), report.committed.join(", ")),
        });
    }
    for (_, reason) in &report.not_sent {
        lines.push(match lang {
            Lang::Ja => format!("送信しません: {}", write_refused(reason, lang)),
            Lang::En => format!("not sent: {}", write_refused(reason, lang)),
        });
    }
    lines.extend(incoming_lines(report, lang));
    lines.extend(outcome_lines(&report.outcome, lang));
    lines
}

fn incoming_lines(report: &SyncReport, lang: Lang) -> Vec<String> {
    let came = &report.incoming;
    let mut lines = Vec::new();
    let people = came.goals_updated.len() + came.goals_updated_elsewhere;
    if people > 0 {
        let names = came.goals_updated.join(", ");
        lines.push(match (lang, came.goals_updated.is_empty()) {
            (Lang::Ja, true) => format!("{people} 人が目標を更新しました"),
            (Lang::Ja, false) => format!("{people} 人が目標を更新しました: {names}"),
            (Lang::En, true) => format!("{people} {} updated their goals", person_or_people(people)),
            (Lang::En, false) => format!("{people} {} updated their goals: {names}", person_or_people(people)),
        });
    }
    if came.feedback_for_you > 0 {
        lines.push(match lang {
            Lang::Ja => format!("あなたへのフィードバック {} 件", came.feedback_for_you),
            Lang::En => format!("{} feedback for you", came.feedback_for_you),
        });
    }
    for (step, by, comment) in &came.your_sheet {
        let step = step_name(*step, lang);
        let comment = if comment.is_empty() { String::new() } else { format!(": {comment}") };
        lines.push(match lang {
            Lang::Ja => format!("あなたのシート: {step} ({by}){comment}"),
            Lang::En => format!("your sheet: {step} by {by}{comment}"),
        });
    }
    for (person, step) in &came.your_reports {
        lines.push(format!("{person}: {}", step_name(*step, lang)));
    }
    if came.organisation_updated {
        lines.push(pick(lang, "組織・設定が更新されました", "the organisation or settings were updated").to_owned());
    }
    for cycle in &came.cycles_opened {
        lines.push(match lang {
            Lang::Ja => format!("新しい期 {cycle} が作成されました"),
            Lang::En => format!("cycle {cycle} was opened"),
        });
    }
    lines
}

fn person_or_people(count: usize) -> &'static str {
    if count == 1 { "person" } else { "people" }
}

fn step_name(step: Step, lang: Lang) -> String {
    step.text(lang)
}

fn outcome_lines(outcome: &Outcome, lang: Lang) -> Vec<String> {
    match outcome {
        Outcome::Done { sent: 0 } => vec![pick(lang, "最新の状態です", "up to date").to_owned()],
        Outcome::Done { sent } => vec![match lang {
            Lang::Ja => format!("サーバーへ送信しました ({sent} ファイル)"),
            Lang::En => format!("sent to the server ({sent} file(s))"),
        }],
        Outcome::LocalOnly => vec![
            pick(
                lang,
                "サーバーが設定されていないため、このPCにだけ記録しました",
                "no server is set up: recorded on this machine only",
            )
            .to_owned(),
        ],
        Outcome::Offline { reason } => vec![match lang {
            Lang::Ja => format!("サーバーに接続できません ({reason})。変更はこのPCに記録済みで、次の同期で送信します"),
            Lang::En => {
                format!("cannot reach the server ({reason}); your changes are recorded here and go at the next sync")
            }
        }],
        Outcome::Busy => vec![
            pick(
                lang,
                "他の人の送信と重なり続けたため送信できませんでした。変更はこのPCに記録済みです。もう一度同期してください",
                "others kept sending at the same moment, so nothing was sent; your changes are recorded here: sync again",
            )
            .to_owned(),
        ],
        Outcome::Refused { message } => {
            let mut lines =
                vec![pick(lang, "サーバーが受け付けませんでした:", "the server refused the changes:").to_owned()];
            lines.extend(message.lines().map(|line| format!("  {line}")));
            lines.push(
                pick(
                lang,
                    "変更はこのPCに残っています。直してからもう一度同期してください",
                    "your changes stay on this machine; correct them and sync again",
                )
                .to_owned(),
            );
            lines
        }
        Outcome::Conflict { files, saved, branch } => vec![match lang {
            Lang::Ja => format!(
                "同じファイルが別のPCでも変更されていました: {}。サーバーの内容を残し、このPCの内容は {} に保存しました \
                 (ブランチ {branch} にも残っています)。両方を見比べて入力し直し、もう一度同期してください",
                files.join(", "),
                saved.display()
            ),
            Lang::En => format!(
                "the same file was changed on another machine too: {}. The server's version is in place; this \
                 machine's is saved in {} (and on branch {branch}). Compare the two, enter your change again, and \
                 sync again",
                files.join(", "),
                saved.display()
            ),
        }],
    }
}

super::messages! {
    /// The app's words about syncing and about files changed on disk.
    pub enum SyncText {
        Syncing { seconds: u64 } => "同期しています… {seconds}秒", "syncing… {seconds}s";
        SyncingShort => "同期中…", "syncing…";
        QuitAfterSync => "同期の終了を待ってから終了します…", "quitting once the sync has ended…";
        AlreadySyncing => "同期中です。終わるまでお待ちください", "a sync is already running; wait for it to end";
        TopBar { state: String, key: String } => "{state} ({key} で同期)", "{state} ({key} syncs)";
        Reloaded { files: String } =>
            "{files} を読み込み直しました (ディスク上で変更されていました)",
            "reloaded {files}, changed on disk";
        ReloadedFormKept { files: String } =>
            "{files} が変更されたため読み込み直しました。入力中の内容はそのままです (保存すると新しい内容に反映します)",
            "{files} changed on disk and was reloaded; the text of your open form is kept (saving applies it to \
             the new version)";
        ReloadFailed { error: String } =>
            "ディスク上の変更を読み込めませんでした: {error}", "could not reload what changed on disk: {error}";
    }
}

/// One line for the app's status line after a sync: how it ended, then what came in.
pub fn report_status(report: &SyncReport, lang: Lang) -> String {
    let mut lines: Vec<String> =
        outcome_lines(&report.outcome, lang).iter().map(|line| line.trim().to_owned()).collect();
    lines.extend(incoming_lines(report, lang));
    lines.join(" / ")
}

/// The sync state in a few words, for a top bar.
pub fn state_label(state: &SyncState, lang: Lang) -> String {
    match (state, lang) {
        (SyncState::UpToDate, _) => pick(lang, "同期済み", "up to date").to_owned(),
        (SyncState::Pending { ahead, behind }, Lang::Ja) => format!("送信待ち {ahead}・受信待ち {behind}"),
        (SyncState::Pending { ahead, behind }, Lang::En) => format!("{ahead} to push, {behind} to pull"),
        (SyncState::Offline { ahead }, Lang::Ja) => format!("オフライン (送信待ち {ahead})"),
        (SyncState::Offline { ahead }, Lang::En) => format!("offline ({ahead} to push)"),
        (SyncState::Refused { .. }, _) => pick(lang, "サーバーが拒否", "refused by the server").to_owned(),
        (SyncState::Conflict { .. }, _) => pick(lang, "競合 (両方を保存済み)", "conflict (both kept)").to_owned(),
        (SyncState::LocalOnly { ahead }, Lang::Ja) => format!("サーバーなし (未記録 {ahead})"),
        (SyncState::LocalOnly { ahead }, Lang::En) => format!("no server ({ahead} not committed)"),
    }
}

pub fn repository_created(lang: Lang) -> &'static str {
    pick(lang, "git リポジトリを作成しました (最初のコミット済み)", "made it a git repository, with a first commit")
}

pub fn cloned(dir: &std::path::Path, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{} に取得しました", dir.display()),
        Lang::En => format!("cloned into {}", dir.display()),
    }
}

pub fn identity_set(person: &crate::model::Person, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("git の利用者名を {} ({}) にしました", person.name, person.id),
        Lang::En => format!("git will sign your commits as {} ({})", person.name, person.id),
    }
}

pub fn identity_unknown(login: Option<&str>, lang: Lang) -> String {
    let login = login.unwrap_or("?");
    match lang {
        Lang::Ja => format!(
            "org.toml にログイン名 `{login}` の職員がいないため、git の利用者名は設定していません              (git config user.name / user.email で設定してください)"
        ),
        Lang::En => format!(
            "no person in org.toml has login `{login}`, so git's identity was left as it was              (set it with git config user.name / user.email)"
        ),
    }
}

pub fn verify_failed(lang: Lang) -> &'static str {
    pick(lang, "プッシュを確認できませんでした (受け付けません)", "could not check the push, so it is refused")
}

/// What the pusher sees when `pdca verify` refuses a push.
pub fn refusal_lines(refusals: &[Refusal], lang: Lang) -> Vec<String> {
    let mut lines = vec![pick(lang, "pdca: このプッシュは受け付けません", "pdca: this push is refused").to_owned()];
    let mut last_commit = None;
    for refusal in refusals {
        if refusal.commit != last_commit {
            if let Some(commit) = &refusal.commit {
                lines.push(match lang {
                    Lang::Ja => format!("コミット {commit}:"),
                    Lang::En => format!("commit {commit}:"),
                });
            }
            last_commit = refusal.commit.clone();
        }
        lines.push(format!("  {}", verify_reason(&refusal.reason, lang)));
    }
    lines
}

pub fn verify_reason(reason: &Reason, lang: Lang) -> String {
    if lang == Lang::En {
        return reason.to_string();
    }
    match reason {
        Reason::Delete { name } => format!("{name}: ブランチやタグは削除できません"),
        Reason::NewRef { name } => {
            format!("{name}: 送信できるのはデータセットのブランチだけです (新しいブランチやタグは不可)")
        }
        Reason::NotFastForward { name } => {
            format!("{name}: 履歴は書き換えられません (早送りになっていません。先に同期してください)")
        }
        Reason::Merge => "マージコミットは受け付けません (pdca sync は自分のコミットを上に積み直します)".to_owned(),
        Reason::UnknownLogin { login } => {
            format!("ログイン名 `{login}` の職員が (このプッシュ前の) org.toml にいません")
        }
        Reason::SharedLogin { login } => {
            format!(
                "ログイン名 `{login}` の職員が (このプッシュ前の) org.toml に複数います。先に人事部門が直してください"
            )
        }
        Reason::FirstPushNotHr => {
            "空のリポジトリへの最初のプッシュは、その org.toml で hr の権限を持つ人が行ってください".to_owned()
        }
        Reason::NotAFile { path } => format!("{path}: ファイルの代わりにリンクまたはサブモジュールがあります"),
        Reason::Write(refused) => write_refused(refused, lang),
        Reason::Parse { path, location, message } => format!("{path}:{location}: {message}"),
        Reason::MissingCycle { cycle } => format!("cycles/{cycle}/cycle.toml がありません"),
        Reason::UnknownCurrentCycle { cycle } => format!("pdca.toml の現在の期 `{cycle}` に cycle.toml がありません"),
        Reason::ForeignId { path, id, owner } => {
            format!("{path}: 新しい目標・提案 `{id}` の ID は `{owner}-` で始めてください")
        }
        Reason::ProposalNotYours { path, to } => format!("{path}: {to} は直属の部下ではないため提案できません"),
        Reason::FeedbackNotYours { path, person } => {
            format!("{path}: {person} へのフィードバックは、その一次評価者だけが書けます")
        }
        Reason::Workflow { path, person, error } => {
            format!("{path}: {person} のシート: {}", crate::messages::workflow_error(error, Lang::Ja))
        }
        Reason::StepRewritten { path } => format!("{path}: 記録済みの手続は変更・削除できません"),
        Reason::StepMisplaced { path } => {
            format!("{path}: 手続は、ファイルを書く本人が、その手続を記録するファイルに記録してください")
        }
        Reason::StepInFuture { path, at } => {
            format!("{path}: 手続の日時 {at} が未来になっています。コンピュータの時計を確認してください")
        }
        Reason::SnapshotMismatch { path, person } => {
            format!("{path}: {person} のシートの承認には、シートどおりの計画を記録してください")
        }
        Reason::Confirmed { path, person, fields } => {
            let mut names: Vec<String> = fields.iter().map(|change| field_label(change.field, lang)).collect();
            names.dedup();
            format!("{path}: {person} のシートは確定済みです。差し戻されるまで変更できません ({})", names.join("、"))
        }
        Reason::ConfirmedFeedback { path, person } => {
            format!("{path}: {person} のシートは確定済みです。差し戻されるまでフィードバックは変更できません")
        }
        Reason::Invalid { path, problem } => match &problem.subject {
            Some(subject) => {
                format!("{path}: エラー: {subject}: {}", crate::messages::problem(&problem.kind, Lang::Ja))
            }
            None => format!("{path}: エラー: {}", crate::messages::problem(&problem.kind, Lang::Ja)),
        },
    }
}

pub fn log_not_readable(person: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{person} の履歴は閲覧できません (本人・上司・部下・人事部門のみ)"),
        Lang::En => format!("you may not read the history of {person}: it is open to them, their chain and HR"),
    }
}

pub fn log_empty(lang: Lang) -> &'static str {
    pick(lang, "表示できる変更履歴はありません", "no changes to show")
}

/// "2026-06-10 09:15  鳴海 翔 (P0011)  P0011-2026-1 進捗 40 → 60".
pub fn log_line(entry: &LogEntry, lang: Lang) -> String {
    let at = chrono::DateTime::parse_from_rfc3339(&entry.at)
        .map(|at| at.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|_| entry.at.clone());
    let what = match &entry.what {
        Logged::Field(change) => field_change_line(change, lang),
        Logged::File => match lang {
            Lang::Ja => format!("{} を更新", entry.file),
            Lang::En => format!("{} updated", entry.file),
        },
        Logged::Start => pick(lang, "データセットの最初の記録", "the data set as first recorded").to_owned(),
    };
    match (&entry.about, lang) {
        (None, _) => format!("{at}  {}  {what}", entry.by),
        (Some(about), Lang::Ja) => format!("{at}  {}  {about} のシート: {what}", entry.by),
        (Some(about), Lang::En) => format!("{at}  {}  on {about}'s sheet: {what}", entry.by),
    }
}

/// The text of the language in use.
fn pick<'a>(lang: Lang, ja: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(field: Field, before: Option<&str>, after: Option<&str>) -> FieldChange {
        FieldChange {
            person: "P0011".into(),
            goal: Some("P0011-2026-1".into()),
            field,
            before: before.map(str::to_owned),
            after: after.map(str::to_owned),
        }
    }

    #[test]
    fn field_changes_read_as_old_and_new_values_in_both_languages() {
        let progress = change(Field::Progress, Some("40"), Some("60"));
        assert_eq!(field_change_line(&progress, Lang::En), "P0011-2026-1 progress 40 → 60");
        assert_eq!(field_change_line(&progress, Lang::Ja), "P0011-2026-1 進捗 40 → 60");
        let level = change(Field::SelfLevel, None, Some("A"));
        assert_eq!(field_change_line(&level, Lang::En), "P0011-2026-1 self level - → A");
        let same_count = change(Field::Actions, Some("2"), Some("2"));
        assert_eq!(field_change_line(&same_count, Lang::Ja), "P0011-2026-1 改善項目を変更");
        let added = change(Field::Goal, None, Some("研修の企画"));
        assert_eq!(field_change_line(&added, Lang::En), "P0011-2026-1 goal added: 研修の企画");
        let step = FieldChange { goal: None, ..change(Field::Step(Step::SendBack), None, Some("見直し")) };
        assert_eq!(field_change_line(&step, Lang::Ja), "手続: 差戻し: 見直し");
    }

    #[test]
    fn errors_of_git_read_in_both_languages() {
        let missing = SyncError::Git(GitError::Missing(std::io::Error::other("not found")));
        assert_eq!(
            sync_error(&missing, Lang::Ja),
            "同期できませんでした: git を実行できません (not found)。git をインストールし、PATH から実行できるようにしてください"
        );
        assert_eq!(
            sync_error(&missing, Lang::En),
            "git could not be run (not found); install git and make sure it is on the PATH"
        );
        let failed = VerifyError::Git(GitError::Failed { command: "fetch".into(), stderr: "denied".into() });
        assert_eq!(verify_error(&failed, Lang::Ja), "`git fetch` が失敗しました: denied");
        assert_eq!(verify_error(&failed, Lang::En), "`git fetch` failed: denied");
    }

    #[test]
    fn long_values_are_cut_to_their_first_thirty_characters() {
        let long = "あ".repeat(40);
        let plan = change(Field::Plan, None, Some(&long));
        assert_eq!(field_change_line(&plan, Lang::En), format!("P0011-2026-1 plan - → {}...", "あ".repeat(30)));
        let lines = change(Field::Plan, Some("一行目\n二行目"), None);
        assert_eq!(field_change_line(&lines, Lang::En), "P0011-2026-1 plan 一行目... → -");
    }
}
