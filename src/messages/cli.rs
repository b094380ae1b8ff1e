//! The words of the command line: what each command prints, and what it says when
//! it cannot do what was asked. Ids, paths, dates and numbers stay as they are, so
//! that HR can compare them with their files in either language.

use super::listed::listed_messages;
use super::names;
use crate::model::Severity;

names!(Severity {
    Severity::Error => "エラー", "error";
    Severity::Warning => "警告", "warning";
});

listed_messages! {
    pub enum CliText {
        // Every command.
        NoDataFolder =>
            "この利用者のデータフォルダが見つかりません。--data-dir で指定してください",
            "no data folder could be found for this user; pass --data-dir";
        Created { path: String } => "{path} を作成しました", "created {path}";
        Wrote { path: String } => "{path} を書き込みました", "wrote {path}";
        /// The terminal could not be used; the error is the system's.
        Terminal { error: String } => "端末を操作できませんでした: {error}", "the terminal could not be used: {error}";
        CouldNotRead { path: String } => "{path} を読み込めません", "could not read {path}";
        CouldNotWrite { path: String } => "{path} に書き込めません", "could not write {path}";
        /// `-o` names something that is not a file (a device, a pipe, a link, a folder).
        OutputNotAFile { path: String } =>
            "{path} はファイルではないため書き込みません (新しいファイル名か、既存の普通のファイルを指定してください)",
            "{path} is not a file, so it is left alone; name a new file or an existing regular file";
        /// A data folder was named (`--data-dir`, `PDCA_DATA_DIR`) but holds no data set.
        NoDataSetHere { path: String } =>
            "{path} にはデータがありません。作成するには `pdca init` (サンプルなら `pdca init --sample`) を実行してください",
            "there is no data set at {path}; create one with `pdca init` (or `pdca init --sample` for the sample)";
        CouldNotRecordActing { path: String } =>
            "他の職員としての操作を {path} に記録できないため、実行しません",
            "refusing: acting as someone else could not be recorded in {path}";
        CouldNotPrint { error: String } => "出力を書き込めません: {error}", "could not print: {error}";
        NotUtf8 { path: String } => "{path}: UTF-8 の文字として読めません", "{path}: not valid UTF-8";
        CannotImport { path: String } => "{path} を取り込めません", "cannot import {path}";
        Note { text: String } => "注意: {text}", "note: {text}";

        // pdca check.
        CheckSummary { errors: usize, warnings: usize } =>
            "エラー {errors} 件、警告 {warnings} 件", "{errors} error(s), {warnings} warning(s)";

        // pdca show.
        NoSuchGoal { goal: String } => "--goal {goal}: この評価期間にその目標はありません", "--goal {goal}: no such goal in this cycle";
        NoSuchUnit { unit: String } => "--unit {unit}: org.toml にその組織はありません", "--unit {unit}: no such unit in org.toml";
        NoSuchPerson { person: String } =>
            "--person {person}: org.toml にその職員はいません", "--person {person}: no such person in org.toml";
        NoSuchReviewer { reviewer: String } =>
            "--reviewer {reviewer}: org.toml にその職員はいません", "--reviewer {reviewer}: no such person in org.toml";
        BadTrial { given: String } =>
            "--try {given}: 職員=評語 (S–D) の形で書いてください (例 P0017=A)",
            "--try {given}: write PERSON=LEVEL with a level S–D (e.g. P0017=A)";
        TrialNotCalibrated { person: String } =>
            "--try {person}: 評価調整の対象 (一次評価済みで、あなたが調整できる職員) ではありません",
            "--try {person}: not among the people you calibrate (reviewed sheets you may adjust)";
        NotYoursToRead { what: String, actor: String } =>
            "{what}: {actor} が閲覧できる範囲の外です", "{what}: outside what {actor} may read";
        FilesLeftOut { count: usize } =>
            "警告: 読み込めないファイル {count} 件を除いて表示しました。`pdca check` で確認してください",
            "warning: {count} file(s) could not be read and are left out; run `pdca check`";

        // pdca export and pdca import.
        NotATime { text: String, error: String } =>
            "`{text}` は 2026-10-15T09:00:00+09:00 のような日時ではありません ({error})",
            "`{text}` is not a time such as 2026-10-15T09:00:00+09:00 ({error})";
        RefuseExport { errors: usize } =>
            "出力しません: データにエラーが {errors} 件あります。直すか (`pdca check` で確認できます)、--force で正しい部分だけを出力してください",
            "refusing to export: {errors} error(s) in the data set; fix them (see `pdca check`) or use --force to export what is valid";
        RefuseSettings { errors: usize } =>
            "処理しません: pdca.toml の設定にエラーが {errors} 件あります。すべての記録にかかわるため、--force でも除外できません。直してからやり直してください",
            "refusing: pdca.toml's settings have {errors} error(s); they concern every record, so --force cannot leave them out; fix them first";
        LeftOutUnreadable { path: String, reason: String } =>
            "除外: {path} (読み込めません): {reason}", "left out {path} (does not parse): {reason}";
        LeftOut { what: String, path: String, reason: String } => "除外: {what}: {path}: {reason}", "left out {what}: {path}: {reason}";
        ExportedDespite => "次のエラーが残ったまま出力しました:", "exported despite these errors:";
        WroteExport { path: String, cycle: String, people: usize, goals: usize } =>
            "{path} に書き出しました: 評価期間 {cycle}、職員 {people} 人、目標 {goals} 件",
            "wrote {path}: cycle {cycle}, {people} people, {goals} goals";
        CouldNotWriteExport => "出力を書き込めません", "could not write the export";
        AlreadyHoldsData { path: String } =>
            "{path} には既にデータがあります。--data-dir で新しいフォルダを指定して取り込んでください",
            "{path} already holds a data set; import into a new folder with --data-dir NEW";
        RefuseImport { errors: usize } =>
            "取り込みません: 取り込むとデータにエラーが {errors} 件残ります。--force で正しい部分だけを取り込めます",
            "refusing to import: the rebuilt data set would have {errors} error(s); use --force to import what is valid";
        ImportedDespite => "次のエラーが残ったまま取り込みました:", "imported despite these errors:";
        Imported { people: usize, goals: usize, cycle: String, path: String } =>
            "評価期間 {cycle} の職員 {people} 人と目標 {goals} 件を {path} に取り込みました",
            "imported {people} people and {goals} goals of cycle {cycle} into {path}";

        // pdca org import.
        RejectedRow { file: String, line: u64, reason: String } =>
            "{file}:{line}: 取り込めません: {reason}", "{file}:{line}: rejected: {reason}";
        RejectedRowOf { file: String, line: u64, id: String, reason: String } =>
            "{file}:{line}: 取り込めません ({id}): {reason}", "{file}:{line}: rejected ({id}): {reason}";
        OrgWarning { subject: String, text: String } => "警告: org.toml: {subject}: {text}", "warning: org.toml: {subject}: {text}";
        Added { count: usize } => "追加 {count} 人:", "added {count}:";
        WouldAdd { count: usize } => "追加予定 {count} 人:", "would add {count}:";
        Changed { count: usize } => "変更 {count} 人:", "changed {count}:";
        WouldChange { count: usize } => "変更予定 {count} 人:", "would change {count}:";
        NewUnits { count: usize } => "新しい組織 {count}:", "new units {count}:";
        WouldCreateUnits { count: usize } => "作成予定の組織 {count}:", "would create units {count}:";
        NotInRoster { count: usize } =>
            "org.toml にあって名簿にない職員 (削除はしません) {count} 人:",
            "in org.toml but not in the roster (would remove; not removed) {count}:";
        RefuseRoster { rejected: usize } =>
            "取り込めない行が {rejected} 行あるため、何も書き込んでいません (直すか、--partial で正しい行だけを反映してください)",
            "{rejected} row(s) rejected; nothing written (fix them, or use --partial to apply the valid rows)";
        DryRun => "試しに実行しただけで、何も書き込んでいません", "dry run: nothing written";
        NoChanges => "変更はありません。org.toml はそのままです", "no changes; org.toml left as it was";
        NoLongerHr { id: String } =>
            "注意: この取り込みで {id} は人事部門 (hr) の役割を失いました",
            "note: {id} no longer has the hr role after this import";

        // pdca cycle.
        NoSuchCycle { id: String } =>
            "評価期間 `{id}` はありません (`pdca cycle new {id} --start … --end …` で作成できます)",
            "cycle `{id}` does not exist (create it with `pdca cycle new {id} --start … --end …`)";
        EndsBeforeStart { start: String, end: String } =>
            "終了日 ({end}) が開始日 ({start}) より前です", "the cycle ends ({end}) before it starts ({start})";
        PhaseEndsOutOfOrder { start: String, plan_end: String, do_end: String, check_end: String, end: String } =>
            "各段階の終了日は期間内に順に並べてください: {start} ≤ 計画の終了 {plan_end} < 実行の終了 {do_end} < 評価の終了 {check_end} ≤ {end}",
            "phase ends must be in order within the cycle: {start} ≤ plan end {plan_end} < do end {do_end} < check end {check_end} ≤ {end}";
        TooShortForPhases { start: String, end: String } =>
            "{start}〜{end} は短すぎて 4 つの段階に分けられません。--plan-end、--do-end、--check-end を指定してください",
            "{start}..{end} is too short to split into four phases; give --plan-end, --do-end and --check-end";
        CycleExists { id: String, path: String } =>
            "評価期間 `{id}` は既にあります ({path})。上書きしません", "cycle `{id}` already exists ({path}); refusing to overwrite it";
        NotCarriedUnreadable { path: String, reason: String } =>
            "警告: {path} を読み込めないため、その未完了の改善項目は繰り越していません: {reason}",
            "warning: {path} could not be read; its open action items were not carried: {reason}";
        NotCarriedGone { person: String, items: usize } =>
            "注意: {person} は org.toml にいないため、未完了の改善項目 {items} 件を繰り越していません",
            "note: {person} is no longer in org.toml; {items} open action item(s) not carried";
        NotCarriedExists { path: String, items: usize, owner: String } =>
            "警告: {path} は既にあるのでそのままにしました。{owner} の未完了の改善項目 {items} 件は繰り越していません",
            "warning: {path} already exists and was left as it is; {items} open action item(s) of {owner} not carried";
        PlanSpan { start: String, end: String } => "  計画 {start} 〜 {end}", "  plan   {start} – {end}";
        DoSpan { start: String, end: String } => "  実行 {start} 〜 {end}", "  do     {start} – {end}";
        CheckSpan { start: String, end: String } => "  評価 {start} 〜 {end}", "  check  {start} – {end}";
        ActionSpan { start: String, end: String } => "  改善 {start} 〜 {end}", "  action {start} – {end}";
        Carried { items: usize, from: String, people: usize } =>
            "評価期間 {from} の未完了の改善項目 {items} 件を、{people} 人のシートに下書きの目標として繰り越しました",
            "carried {items} open action item(s) of cycle {from} into {people} sheet(s) as draft goals";
        MakeCurrentHint { id: String } =>
            "`pdca cycle current {id}` で現在の評価期間にできます", "make it the current cycle with `pdca cycle current {id}`";
        AlreadyCurrent { id: String } => "評価期間 {id} は既に現在の期間です", "cycle {id} is already the current one";
        CurrentChanged { before: String, id: String, actor: String } =>
            "現在の評価期間: {before} → {id} ({actor} が設定)", "current cycle: {before} → {id} (set by {actor})";

        // pdca gen.
        CouldNotGenerate { path: String } => "{path} にデータを生成できません", "could not generate a data set in {path}";
        Generated { path: String, people: usize, units: usize, goals: usize, proposals: usize, feedback: usize, cycle: String } =>
            "{path} を作成しました: 職員 {people} 人 (組織 {units})、目標 {goals} 件 (未回答の提案 {proposals} 件)、フィードバックファイル {feedback} 件、評価期間 {cycle}",
            "created {path}: {people} people in {units} units, {goals} goals ({proposals} proposals pending), {feedback} feedback files; cycle {cycle}";
        HrPeople { list: String } => "人事: {list}", "hr: {list}";
    }
}
