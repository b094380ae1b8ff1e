//! The words of the terminal app and of `pdca show`: labels, headings, notes,
//! confirmations and statuses. Keys named in a text come from the keymap, so a
//! remapped key shows as the user set it.

use super::listed::listed_messages;

listed_messages! {
    pub enum Text {
        // Tabs and the top bar.
        TabTree => "目標体系", "Tree";
        TabMine => "自分の目標", "My goals";
        TabReview => "レビュー", "Review";
        TabMeetings => "1on1・意識調査", "1on1s & survey";
        TabContribution => "貢献度", "Contribution";
        TabPeople => "組織", "People";
        DaysLeft { phase: String, days: i64 } => "{phase} あと{days}日", "{phase} ({days} days left)";
        CycleEnded => "終了", "ended";
        OutsidePhases => "期間外", "outside its phases";
        // The external editor.
        EditorNotStarted { command: String, error: String } =>
            "エディタ `{command}` を起動できません: {error}", "could not start the editor `{command}`: {error}";
        EditorFailed { command: String, status: String } =>
            "エディタ `{command}` が {status} で終了したため、内容は変更していません",
            "the editor `{command}` exited with {status}; the text was not changed";
        EditorFile { error: String } =>
            "編集用の一時ファイルを扱えません: {error}", "the temporary file for editing could not be used: {error}";
        Terminal { error: String } => "端末を操作できません: {error}", "the terminal could not be used: {error}";
        FirstRunCopied { root: String } =>
            "初回起動のため、サンプルデータを {root} にコピーしました", "First run: copied the bundled sample data to {root}";

        // The tree.
        ColumnGoal => "目標", "Goal";
        ColumnOwner => "担当", "Owner";
        ColumnWeight => "ウェイト", "Weight";
        /// For narrow columns: half-width katakana take one cell each.
        ColumnWeightShort => "ｳｪｲﾄ", "Wt.";
        ColumnShare => "配分", "Share";
        NotYetSet => "未設定", "not yet set";
        Declined => "辞退", "declined";
        NoGoalsInCycle => "この期の目標はまだありません", "No goals in this cycle yet";
        ConfirmWithdraw { title: String } => "提案「{title}」を取り下げますか?", "Withdraw the proposal \"{title}\"?";
        OnlyOwnProposals =>
            "取り下げられるのは、まだ採用されていない自分の提案だけです",
            "only your own proposals not yet adopted can be withdrawn";

        // The sheet list and its panes.
        SheetColumnGoal => "目標", "Goal";
        SheetColumnCategory => "区分", "Category";
        SheetColumnDifficulty => "難度", "Dif.";
        SheetColumnWeight => "ｳｪｲﾄ", "Weight";
        SheetColumnDue => "期限", "Due";
        SheetColumnProgress => "進捗", "Prog.";
        ProposalRow { title: String, from: String } => "[提案] {title} ({from} より)", "[proposal] {title} (from {from})";
        CarryRow { issue: String, from: String } => "[前期から] {issue} ({from})", "[carry over] {issue} ({from})";
        WeightTotal { goals: usize, total: u32 } => "目標 {goals} 件  ウェイト合計 {total}%", "{goals} goals  weights total {total}%";
        WeightTotalOff { goals: usize, total: u32 } =>
            "目標 {goals} 件  ウェイト合計 {total}% (100% になるよう調整してください)",
            "{goals} goals  weights total {total}% (should be 100%)";
        SheetNote { state: String, score: String } => "シート: {state}  評点: {score}", "sheet: {state}  score: {score}";
        SheetNoteChanges { state: String, score: String, changes: usize } =>
            "シート: {state}  評点: {score}  承認後の変更 {changes}件",
            "sheet: {state}  score: {score}  {changes} change(s) since approval";
        SheetNoteChangesNotRead { state: String, score: String } =>
            "シート: {state}  評点: {score}  承認後の変更: 読み込めませんでした",
            "sheet: {state}  score: {score}  changes since approval: not read";
        RemovedGoalNote { title: String, date: String, reason: String } =>
            "  削除: {title} ({date} {reason})", "  removed: {title} ({date} {reason})";
        PanePlan => "計画 Plan", "Plan";
        PaneDo => "実行 Do", "Do";
        PaneCheck => "評価 Check", "Check";
        PaneAction => "改善 Action", "Action";
        LabelGoal => "目標", "Goal";
        LabelCriteria => "達成基準", "Criteria";
        LabelMetric => "指標", "Metric";
        MetricNow => "現在", "now";
        LabelPlan => "計画", "Plan";
        LabelCarriedFrom => "前期から", "Carried from";
        LabelProgress => "進捗", "Progress";
        LabelSelfLevel => "自己評価", "Self level";
        NoDoEntries { key: String } => "実行記録はまだありません ({key} で追加)", "No Do entries yet ({key} adds one)";
        NoSelfCheck { key: String } => "自己評価はまだありません ({key} で記入)", "No self-check yet ({key} writes one)";
        NoActionItems { key: String } => "改善項目はまだありません ({key} で追加)", "No action items yet ({key} adds one)";
        MeasurePrefix => "対策: ", "measure: ";
        FeedbackFrom { by: String, level: String } => "フィードバック {by}: {level}", "Feedback from {by}: {level}";
        LabelStrengths => "強み", "Strengths";
        LabelImprovements => "改善点", "To improve";
        LabelContribution => "貢献", "Contribution";
        LabelComment => "コメント", "Comment";
        ChangedSinceApproval => "承認後の変更:", "Changed since approval:";
        RevisionReason { date: String, reason: String } => "  {date} 見直しの理由: {reason}", "  {date} reason: {reason}";
        AnswerProposalHint { key: String } => "{key} でこの提案を採用または辞退します", "{key} adopts or declines this proposal";
        CarryHint { from: String, key: String, measure: String } =>
            "前期 ({from}) の改善項目です。{key} で今期の目標として計画に取り込みます。\n対策: {measure}",
            "An open action item of {from}. {key} carries it into this cycle's plan as a goal.\nMeasure: {measure}";
        NoGoalsYet { key: String } => "今期の目標はまだありません。{key} で追加します。", "No goals in this cycle yet. Press {key} to add one.";
        NoStepOnOwnSheet { state: String } =>
            "シートは「{state}」です。今あなたがとる手続はありません",
            "your sheet is {state}; there is no step for you to take now";
        OwnFileBroken { place: String, reason: String } =>
            "あなたの目標ファイルを読み込めません ({place}: {reason})。ファイルを直すまで目標は表示も変更もできません (人事部門または管理者に相談してください)",
            "Your goals file cannot be read ({place}: {reason}). Until it is fixed your goals can be neither shown nor changed; ask HR or your administrator.";
        SelectProposalRow => "提案・繰越項目の行を選んでください", "select a proposal or carry-over row first";

        // The goal popup.
        OwnGoalReadOnly { close: String } =>
            "自分の目標は「自分の目標」タブで編集します。{close} で閉じる",
            "Edit your own goals in the My goals tab. {close} closes.";
        OthersGoalReadOnly { close: String } =>
            "他の職員の目標は閲覧のみです (本人だけが変更できます)。{close} で閉じる",
            "Read-only: only the owner may change this goal. {close} closes.";
        DeclinedBecause => "辞退の理由", "Declined because";

        // The review inbox and an opened sheet.
        InboxLevel => "階層", "Lvl";
        InboxName => "氏名", "Name";
        InboxSheet => "シート", "Sheet";
        InboxWeight => "ｳｪｲﾄ", "Wt.";
        InboxProgress => "進捗", "Prog.";
        InboxSelfWide => "自己評価", "Self";
        InboxSelf => "自己", "Self";
        InboxFeedback => "FB", "FB";
        InboxScore => "評点", "Score";
        InboxNext => "次の対応", "Your next step";
        NobodyReportsToYou => "評価する職員はいません", "Nobody reports to you";
        ReviewHeading { name: String, state: String, score: String, changes: String, index: usize, count: usize } =>
            "{name}  シート: {state}  評点: {score}  承認後の変更: {changes}  ({index}/{count})",
            "{name}  sheet: {state}  score: {score}  changes since approval: {changes}  ({index}/{count})";
        OnlyReviewerWritesFeedback { name: String } =>
            "{name} さんへのフィードバックは一次評価者だけが書けます", "only {name}'s reviewer writes their feedback";
        OpenSheetFirst { open: String, feedback: String } =>
            "{open} でシートを開き、目標を選んでから {feedback} を押してください",
            "open the sheet with {open} and select a goal first";
        NoStepOnSheet { state: String } =>
            "このシート ({state}) に対して今とれる手続はありません",
            "there is no step for you to take on this sheet ({state}) now";
        CannotSendBack => "このシートを差し戻すことはできません", "you cannot send this sheet back now";

        // Contribution.
        ByGoal => "目標別", "By goal";
        ByUnit => "組織別", "By unit";
        ByPerson => "職員別", "By person";
        ContributionSwitch { mode: String, index: usize, count: usize, switch: String, previous: String, next: String } =>
            "{mode} ({index}/{count})  {switch}: 切替  {previous}/{next}: 前/次",
            "{mode} ({index}/{count})  {switch}: switch  {previous}/{next}: previous/next";
        NothingToShow => "表示するものがありません", "Nothing to show";
        ContributionHeading { heading: String, total: f64 } => "{heading}  (進捗 {total:.1}%)", "{heading}  (progress {total:.1}%)";
        ContributionName => "名前", "Name";
        ContributionPlanned => "計画配分", "Planned";
        ContributionAchieved => "貢献(pt)", "Achieved";
        ContributionOwn => "自進捗", "Own";
        ContributionGoals => "目標数", "Goals";
        ContributionTotal => "合計", "Total";
        Others { count: usize } => "その他の職員 ({count})", "others ({count})";
        ContributionLed => "配下の集計", "rolled up";
        MoreRows { count: usize } => "… ほか {count} 行 (全部は pdca show contribution)", "… {count} more (all: pdca show contribution)";

        // People.
        GradeSuffix { grade: u8 } => "{grade}級", "{grade}";
        HrMark => " [人事]", " [HR]";
        GoalCount { count: usize } => "目標{count}件", "{count} goals";

        // Help and the status line.
        HelpTitle { view: String } => " ヘルプ: {view} ", " Help: {view} ";
        MenuTitle { view: String } => " 操作の一覧: {view} ", " Actions: {view} ";
        NothingToDo => "ここでできる操作はありません", "Nothing to do here";
        HelpFooter { down: String, up: String, filter: String, close: String } =>
            "{down}/{up} スクロール  {filter} 絞り込み  {close} 閉じる  Ctrl-C いつでも終了",
            "{down}/{up} scroll  {filter} filter  {close} close  Ctrl-C quit at any time";
        HelpThisTab { view: String } => "この画面 ({view})", "This tab ({view})";
        HelpEverywhere => "どこでも", "Everywhere";
        HelpForms => "入力フォーム", "Forms";
        HelpPopups => "一覧・確認・ヘルプ・詳細の中", "In the actions menu, questions, help and details";
        HelpLegend => "記号と色", "Marks and colours";
        HelpNoMatch => "絞り込みに合うものはありません", "Nothing matches the filter";
        LegendOverdue => "期限を過ぎても完了していない", "past its deadline and not done";
        LegendNoSelfCheck => "評価の時期なのに自己評価がない", "no self-check although it is time for one";
        LegendAlignment => "整合性の警告がある (レビュー画面に理由)", "has an alignment warning (the Review tab says why)";
        LegendFolded => "下の目標を畳んでいる / 広げている", "goals below are folded / unfolded";
        LegendPending => "ブレイクダウン提案。まだ相手の目標になっていない", "a breakdown proposal, not yet adopted as a goal";
        LegendDeclined => "辞退されたブレイクダウン提案", "a breakdown proposal that was declined";
        LegendSelfChecked => "自己評価を書いた目標 (自分の目標)", "a goal with its self-check written (My goals)";
        LegendDone => "済み / 未了 (マイルストーン・改善項目)", "done / open (milestones, action items)";
        LegendMeasured =>
            "記録 (1on1・意識調査・研修) から計測する数値", "a figure measured from 1on1, survey or training records";
        LegendProposalKey => "[提案]", "[proposal]";
        LegendProposal => "自分の目標で: 受けたブレイクダウン提案", "in My goals: a breakdown proposal made to you";
        LegendCarryKey => "[前期から]", "[carry over]";
        LegendCarry => "自分の目標で: 前期から繰り越せる改善項目", "in My goals: an action item to carry over";
        LegendNoApproved => "承認済の欄: 数値がまだない (下書き・提案)", "Approved column: no figure yet (a draft, a proposal)";
        LegendBarDone => "進捗バー: 完了", "progress bar: done";
        LegendBarOnTrack => "進捗バー: 予定どおり", "progress bar: on schedule";
        LegendBarBehind => "進捗バー: 予定より遅れ", "progress bar: behind schedule";
        LegendBarEmpty => "進捗バー: 残り", "progress bar: still to do";
        MessageTitle => "メッセージの全文", "Whole message";
        MessageHint { close: String } => "{close} で閉じる", "{close} closes";
        StatusCut { key: String } => "… ({key} で全文)", "… ({key}: whole message)";
        NoMessage => "表示するメッセージはありません", "no message to show";
        ConfirmAnswers { yes: String, no: String } => "{yes}: はい  {no}: いいえ", "{yes}: yes  {no}: no";
        SavedIn { path: String } => "保存しました ({path})", "Saved in {path}";
        NoChange => "変更はありません", "No change";
        TextNotRead => "(本文を読み込めませんでした)", "(the text could not be read)";
        NotRead => "読み込めませんでした", "not read";
        TextsChangedOnDisk { path: String } =>
            "{path} は読み込んだ後に変更されたため、本文を表示できません (変更を読み込むと表示します)",
            "{path} changed on disk since it was loaded: its texts show once the change is loaded";
        Discarded => "入力を破棄しました", "Discarded";
        ConfirmQuitUnsaved =>
            "保存していない入力があります。破棄して終了しますか?",
            "There is unsaved text. Discard it and quit?";
        ConfirmDiscard => "入力を破棄しますか? (いいえで編集に戻ります)", "Discard what you typed? (no goes back to editing)";
        ConflictHint { key: String } => ": {key} で読み込み直して再適用できます", ": press {key} to reload and apply your change again";

        // Forms.
        FormFooter { save: String, cancel: String, next: String, editor: String } =>
            "{save} 保存  {cancel} 取消  {next} 次の項目  Left/Right 選択肢  {editor} 外部エディタ",
            "{save} save  {cancel} cancel  {next} next field  Left/Right choose  {editor} $EDITOR";
        NoneOption => "(なし)", "(none)";
        NotRatedOption => "(未評価)", "(none)";
        Yes => "はい", "yes";
        No => "いいえ", "no";
        NewGoalTitle => "目標の追加", "New goal";
        EditGoalTitle { id: String } => "目標の編集 {id}", "Edit goal {id}";
        RemoveGoalTitle { id: String } => "目標の削除 {id} (承認後の見直し)", "Remove goal {id} (revision after approval)";
        CarryGoalTitle => "前期の改善項目を今期の計画へ", "Carry last cycle's action into this plan";
        FieldTitle => "目標", "Title";
        FieldCriteria => "達成基準", "Criteria";
        FieldWeight => "ウェイト (%)", "Weight (%)";
        FieldDue => "期限", "Due (YYYY-MM-DD)";
        FieldDifficulty => "難易度", "Difficulty";
        FieldCategory => "区分", "Category";
        FieldParent => "上位目標", "Contributes to";
        FieldPlan => "計画", "Plan";
        FieldDescription => "説明", "Description";
        FieldRevisionReason => "見直しの理由 (承認後の変更)", "Reason for change (after approval)";
        ProgressTitle { goal: String } => "進捗: {goal}", "Progress: {goal}";
        FieldProgress => "進捗 (0-100)", "Progress (0-100)";
        DoEntryTitle { goal: String } => "実行記録: {goal}", "Do entry: {goal}";
        FieldDate => "日付", "Date";
        FieldKind => "種類", "Kind";
        FieldWhatWasDone => "内容", "What was done";
        SelfCheckTitle { goal: String } => "自己評価: {goal}", "Self-check: {goal}";
        FieldLevel => "評価 (S-D)", "Level (S-D)";
        FieldComment => "コメント", "Comment";
        ActionItemTitle { goal: String } => "改善項目: {goal}", "Action item: {goal}";
        FieldIssue => "課題", "Issue";
        FieldMeasure => "対策", "Measure";
        FieldStatus => "状態", "Status";
        ActionOpen => "未完了", "open";
        ActionDone => "完了", "done";
        AnswerTitle { from: String, title: String } => "{from} からの提案: {title}", "Proposed by {from}: {title}";
        FieldAnswer => "対応", "Answer";
        AnswerAdopt => "採用して自分の目標にする", "adopt as my goal";
        AnswerDecline => "辞退する (理由を記入)", "decline (give a reason)";
        FieldAdoptTitle => "目標 (採用時)", "Title (when adopting)";
        FieldDeclineReason => "辞退の理由", "Reason for declining";
        StepTitle { person: String } => "{person} さんのシート", "Sheet of {person}";
        FieldStep => "手続", "Step";
        SendBackTitle { person: String } => "{person} さんのシートを差し戻す", "Send back the sheet of {person}";
        FieldReasonRequired => "理由 (必須)", "Reason (required)";
        GoalFeedbackTitle { goal: String, person: String } => "フィードバック: {goal} ({person})", "Feedback: {goal} ({person})";
        SheetFeedbackTitle { person: String } => "全体へのフィードバック: {person}", "Overall feedback: {person}";
        FieldStrengths => "強み", "Strengths";
        FieldImprovements => "改善点", "To improve";
        FieldContribution => "組織への貢献", "Contribution";
        FieldShared => "確定前に本人へ公開", "Share before confirmation";
        ProposeTitle { goal: String } => "ブレイクダウン提案: {goal}", "Propose a breakdown: {goal}";
        FieldTo => "担当者", "To";
        FieldSuggestedGoal => "目標案", "Suggested goal";
        FieldShare => "配分 (相対値)", "Share (relative)";
        FieldNote => "補足", "Note";
        BadDate => "日付は 2027年3月31日 や 2027-03-31 の形で入力してください", "dates look like 2027-03-31";
        BadWhole => "0 から 100 の整数で入力してください", "enter a whole number from 0 to 100";
        ProgressRequired => "進捗を入力してください", "enter the progress";
        DeclineReasonRequired => "辞退の理由を記入してください", "give a reason for declining";
        NoStepNow => "今とれる手続はありません", "there is no step to take now";
        NoReportsToPropose => "提案できる部下がいません", "you have no direct reports to propose to";
        BadShare => "配分は正の数で入力してください", "the share must be a positive number";

        // The CSV export's action-item cell.
        CsvIssue => "課題: ", "issue: ";
        CsvMeasure => "対策: ", "measure: ";
        CsvDue => "期限: ", "due: ";
        CsvDone => "完了", "done";
        // The CSV export's training and adjustment cells.
        CsvCompleted => "修了", "completed";
        CsvReason => "理由: ", "reason: ";
    }
}
