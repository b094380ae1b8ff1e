//! The `--help` texts of every command and option, in both languages. Which text
//! belongs to which command or option is in `cli::help`.

use super::listed::listed_messages;

listed_messages! {
    pub enum CliHelp {
        // Commands.
        Pdca => "人事評価のための目標のブレイクダウンとPDCAサイクルの運用", "Cascade goals and run PDCA cycles for personnel evaluation";
        Init => "データセットを作る: 空のもの、または同梱のサンプル", "Create a data set: empty, or the bundled sample";
        Check => "すべてのファイルを検証する (エラーがあれば終了コード 1)", "Validate every file; exit 1 when there are errors";
        Show => "画面の内容をテキストで出力する", "Print a view as text";
        Export => "人事: 期の職員・目標・結果を TOML か CSV で書き出す", "HR: export a cycle's people, goals and results as TOML or CSV";
        Import => "人事: 書き出したファイルから新しいデータセット (--data-dir 新) を作り直す", "HR: rebuild a new data set (--data-dir NEW) from an export";
        Org => "人事: 組織 (名簿の取り込み)", "HR: the organisation (roster import)";
        OrgImport =>
            "名簿 CSV (id, name, kana, unit, grade, title, reviewer, login, roles) から職員を追加・更新する。名簿にない職員は一覧に示すだけで削除しない",
            "Add and update people from a roster CSV (id, name, kana, unit, grade, title, reviewer, login, roles); people missing from it are listed, never removed";
        Cycle => "人事: 期を作り、現在の期を選ぶ", "HR: create cycles and choose the current one";
        CycleNew =>
            "期を作る (cycles/ID/cycle.toml)。--carry-from を付けると、その期の未完了の改善項目を各職員の新しいシートに下書きの目標として繰り越す",
            "Create a cycle (cycles/ID/cycle.toml); with --carry-from, carry each person's open action items of that cycle into their new sheet as draft goals";
        CycleCurrent => "ID の期を現在の期にする (pdca.toml の current_cycle)", "Make ID the current cycle (pdca.toml's current_cycle)";
        Gen => "ベンチマーク用の合成データセット (N 人、各約5目標) を書き出す", "Write a synthetic data set (N people, about five goals each) for benchmarks";
        Sync => "自分の変更をデータセットの git サーバへ送り、他の人の変更を受け取る", "Send your changes to the data set's git server and get everyone else's";
        Clone =>
            "git サーバからデータセットを取得し、コミットに org.toml の自分の名前で署名する",
            "Get a data set from a git server and sign your commits as your person in org.toml";
        Verify =>
            "git サーバの pre-receive フック用: 送り手に許されない push を拒否する",
            "For a git server's pre-receive hook: refuse a push that the pusher may not make";
        Log => "誰がいつ何を変えたかを、項目ごとに git の履歴から示す", "Who changed what and when, field by field, from the data set's git history";
        Engagement => "エンゲージメント調査の結果 (人事部門)", "Engagement survey results (HR)";
        EngagementImport =>
            "人事部門: 調査結果 (組織・設問・平均・回答数) を期に取り込む",
            "HR: import the survey's results (unit, question, mean, respondents) for a cycle";
        EngagementFile => "結果の CSV (UTF-8。BOM 付きも可)", "The results, CSV in UTF-8 (a byte-order mark is fine)";
        EngagementCycle => "結果の期 (既定: 現在の期)", "Cycle the results are of (default: the current one)";
        HelpCommand => "このヘルプ、または指定したコマンドのヘルプを表示する", "Print this message or the help of the given subcommand(s)";

        // Options of every command.
        DataDir =>
            "データセットのフォルダ (既定: ユーザーのデータフォルダ、例 ~/.local/share/pdca)",
            "Data-set folder (default: the user's data folder, e.g. ~/.local/share/pdca)";
        AsPerson =>
            "設定やログインの職員ではなく、この職員 (職員番号) として操作する",
            "Act as this person (staff id) instead of the configured or logged-in one";
        Lang => "表示の言語 (既定: 設定の lang、なければ LANG から)", "Language of the interface (default: the config's `lang`, else from LANG)";
        Theme =>
            "配色: terminal, dark, light, high-contrast, または設定フォルダの themes/ にあるファイル (既定: 設定の theme、なければ terminal)",
            "Colour theme: terminal, dark, light, high-contrast, or a file in the config folder's themes/ (default: the config's `theme`, else terminal)";
        PrintHelp => "ヘルプを表示する", "Print help";
        PrintVersion => "バージョンを表示する", "Print version";

        // init
        InitSample => "同梱のサンプル (ある市の部の2024・2025年度) を写す", "Copy the bundled sample (a city department's 2024 and 2025 cycles)";
        InitOrganisation => "組織名 (空のデータセットの場合)", "Name of the organisation, for an empty data set";
        InitGit =>
            "データセット (新しいもの、または既存のもの) を .gitattributes と .gitignore 付きの git リポジトリにして、pdca sync で共有できるようにする",
            "Make the data set (new, or the existing one) a git repository with .gitattributes and .gitignore, to share with `pdca sync`";

        // show
        ShowView =>
            "表示する画面: tree, mine, review, contribution, calibration, meetings, engagement, abilities",
            "The view to print: tree, mine, review, contribution, calibration, meetings, engagement, abilities";
        ShowCycle => "表示する期 (既定: 現在の期)", "Cycle to show (default: the current one)";
        ShowWidth => "幅 (桁数。既定: 端末の幅、なければ 100)", "Width in columns (default: the terminal's, or 100)";
        ShowGoal => "contribution 用: 目標 (その最上位の目標を示す)", "For `contribution`: a goal (its top goal is shown)";
        ShowUnit =>
            "組織: contribution では各最上位目標への寄与、calibration と engagement ではその組織 (と配下) に絞る",
            "A unit: for `contribution` its share in each top goal; for `calibration` and `engagement` only that unit (and those below)";
        ShowPerson =>
            "職員: contribution では仕事が届く最上位目標、meetings ではその職員の1on1、abilities ではその職員の能力評価",
            "A person: for `contribution` the top goals their work reaches; for `meetings` that person's 1on1s; for `abilities` that person's ability ratings";
        ShowReviewer => "calibration 用: この評価者が評価する職員に絞る", "For `calibration`: only the people this reviewer reviews";
        ShowTry =>
            "calibration 用: 職員=評語 (例 P0017=A) を記録せずに試し、調整後の分布と目安を示す (繰り返し可)",
            "For `calibration`: try PERSON=LEVEL (e.g. P0017=A) without recording it, and show the distribution and bands with it (repeatable)";

        // export
        ExportCycle => "書き出す期 (既定: 現在の期)", "Cycle to export (default: the current one)";
        ExportFormat => "出力形式: 人事システム向けの TOML、表計算向けの CSV", "Output format: TOML for the HR system, CSV for spreadsheet tools";
        ExportOutput => "標準出力ではなくこのファイルに (アトミックに) 書く", "Write to this file (atomically) instead of standard output";
        ExportUnit => "この組織 (id) とその下の職員だけ", "Only people in this unit (by id) or below it";
        ExportRaw =>
            "CSV: = + - @ で始まるセルを表計算ソフトが数式として実行しないための ' を付けず、そのまま書く",
            "CSV: write cells as they are, without the `'` that keeps a spreadsheet from running a cell beginning with = + - @ as a formula";
        ExportForce =>
            "データセットにエラーがあっても正しい部分を書き出し、除いたものを一覧にする",
            "Export what is valid when the data set has errors, listing what was left out";

        // import
        ImportFrom => "データセットを作り直す元の書き出しファイル (TOML, pdca-hr-export/1)", "The export (TOML, `pdca-hr-export/1`) to rebuild the data set from";
        ImportForce =>
            "作り直したデータセットにエラーがあっても正しい部分を取り込み、除いたものを一覧にする",
            "Import what is valid when the rebuilt data set has errors, listing what was left out";
        ImportIdentity =>
            "新しいデータセットで操作者を決める方法: login (OS のユーザー) か demo (誰でも誰にでもなれる。実演用)",
            "How the new data set establishes who is at the keyboard: `login` (the OS user) or `demo` (anyone may act as anyone, for demonstrations)";

        // org import
        RosterFile => "名簿。UTF-8 の CSV (BOM 付きでもよい)", "The roster, CSV in UTF-8 (a byte-order mark is fine)";
        RosterDryRun => "何も書かずに、変わる内容だけを示す", "Show what would change without writing anything";
        RosterPartial => "拒否された行があっても正しい行を反映する", "Apply the valid rows even when some rows are rejected";

        // cycle new / current
        CycleId => "期の ID。例 2027、2027-H1 (英数字と '-' '_' '.')", "Cycle id, e.g. 2027 or 2027-H1 (letters, digits, '-', '_', '.')";
        CycleStart => "初日 (YYYY-MM-DD)", "First day (YYYY-MM-DD)";
        CycleEnd => "最終日 (YYYY-MM-DD)", "Last day (YYYY-MM-DD)";
        CycleName => "表示名。例 令和9年度", "Display name, e.g. 令和9年度";
        CycleCarryFrom => "この期の未完了の改善項目を新しいシートに繰り越す", "Carry the open action items of this cycle into the new sheets";
        CyclePlanEnd => "計画期の最終日 (既定: 初日の2か月後)", "Last day of the plan phase (default: two months after the start)";
        CycleDoEnd => "実行期の最終日 (既定: 最終日の2か月前)", "Last day of the do phase (default: two months before the end)";
        CycleCheckEnd => "評価期の最終日 (既定: 実行期の1か月半後)", "Last day of the check phase (default: a month and a half after the do phase)";
        CycleCurrentId => "現在の期にする期", "The cycle to make current";

        // gen
        GenPeople => "組織の人数 (各約5目標)", "How many people the organisation has (each with about five goals)";
        GenOut => "データセットを作るフォルダ (データセットがまだないこと)", "Folder to create the data set in; it must not hold one already";
        GenSeed => "生成の種: 同じ種と人数なら同じファイルになる", "Seed of the generator: the same seed and size give the same files";
        GenFill => "記入の量: light (一部の記録) か full (計画・実施記録・自己評価・フィードバック・能力評価・1on1 を実際のシートのように)", "How filled in the sheets are: light (some notes) or full (plans, Do logs, self-checks, feedback, ability ratings and 1on1s, as a real sheet)";

        // clone
        CloneUrl => "複製するリポジトリ (git が扱える URL かパス)", "The repository to clone (any URL or path git understands)";
        CloneDir => "データセットを置く場所 (既定: --data-dir、なければユーザーのデータフォルダ)", "Where to put the data set (default: --data-dir, else the user's data folder)";

        // verify
        VerifyLogin =>
            "サーバが認証した送り手のユーザー名 (org.toml の login と照合する)",
            "The pusher's user name as the server authenticated it (matched against `login` in org.toml)";
        VerifyUpdate =>
            "1件の更新 (OLD NEW REF)。省くとフックの標準入力 (1行に1件) を読む",
            "One update as `OLD NEW REF`; without it, the hook's standard input (one update a line)";

        // log
        LogPerson =>
            "この職員のシートだけ: その目標、その人へのフィードバック、シートの手続",
            "Only this person's sheet: their goals, the feedback on them and the steps on it";
        LogGoal => "この目標だけ", "Only this goal";

        // Headings of the help itself.
        HeadingCommands => "コマンド", "Commands";
        HeadingOptions => "オプション", "Options";
        HeadingArguments => "引数", "Arguments";
        HeadingUsage => "使い方:", "Usage:";
    }
}
