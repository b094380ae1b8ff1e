//! Many people, many machines, with real git: a bare repository holding the sample
//! data set, the project's pre-receive hook for plain git over ssh installed in it (the
//! pusher named by `PDCA_LOGIN`, as an ssh key's `command=` would set it), and clones
//! of it as the sample's people:
//! 鳴海 翔 (P0011, `narumi.s`, an employee with a confirmed sheet), his section head
//! 佐々木 隆 (P0003, `sasaki.t`, his reviewer) and 木村 あゆみ (P0007, `kimura.a`, HR).
//! Git's global config and HOME point into the test's own folder, so nothing depends
//! on the machine's git setup.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use pdca::model::{FeedbackFile, GoalsFile, Org, Source};
use pdca::store::Store;
use pdca::sync::{self, SyncState};
use tempfile::TempDir;

struct Person {
    id: &'static str,
    login: &'static str,
}

const EMPLOYEE: Person = Person { id: "P0011", login: "narumi.s" };
const HEAD: Person = Person { id: "P0003", login: "sasaki.t" };
const HR: Person = Person { id: "P0007", login: "kimura.a" };
/// 工藤 誠一 部長, who confirms 鳴海's sheet (his reviewer's reviewer).
const DIRECTOR: Person = Person { id: "P0001", login: "kudo.s" };

/// A server repository and the people's clones of it.
struct Office {
    dir: TempDir,
}

impl Office {
    fn new() -> Office {
        let office = Office { dir: tempfile::Builder::new().prefix("pdca-sync-").tempdir().unwrap() };
        fs::create_dir_all(office.path("home")).unwrap();
        fs::create_dir_all(office.path("config")).unwrap();
        fs::write(office.path("gitconfig"), "").unwrap();
        office.pdca_ok(&office.path("seed"), None, &["init", "--sample", "--git"]);
        office.git_ok(office.dir.path(), &["clone", "--quiet", "--bare", "seed", "origin.git"]);
        let hook = office.path("origin.git/hooks/pre-receive");
        fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("contrib/hooks/pre-receive-ssh"), &hook).unwrap();
        office
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    /// `pdca clone` of the server's repository into `name`, as the OS user `login`.
    fn clone_as(&self, name: &str, person: &Person) -> PathBuf {
        let target = self.path(name);
        let mut command = self.command("pdca");
        command.current_dir(self.dir.path()).env("USER", person.login);
        command.args(["--lang", "en", "clone"]).arg(self.path("origin.git")).arg(&target);
        let output = command.output().unwrap();
        assert!(output.status.success(), "clone failed: {}", text(&output.stderr));
        target
    }

    /// A command with the test's own HOME and git config, and the hook's program.
    fn command(&self, program: &str) -> Command {
        let program = if program == "pdca" { assert_cmd::cargo::cargo_bin("pdca") } else { program.into() };
        let mut command = Command::new(program);
        command
            .env("HOME", self.path("home"))
            .env("GIT_CONFIG_GLOBAL", self.path("gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("PDCA_CONFIG_DIR", self.path("config"))
            .env("PDCA_BIN", assert_cmd::cargo::cargo_bin("pdca"))
            .env("PDCA_LANG", "en")
            .env_remove("PDCA_DATA_DIR")
            .env_remove("PDCA_LOGIN")
            .env_remove("GITEA_PUSHER_NAME")
            .env_remove("FORGEJO_PUSHER_NAME")
            .env_remove("GL_USERNAME")
            .env("LANG", "C");
        command
    }

    /// `pdca` on the data set at `data`, as `person` (also the login the server sees).
    fn pdca(&self, data: &Path, person: Option<&Person>, args: &[&str]) -> Output {
        let mut command = self.command("pdca");
        command.arg("--data-dir").arg(data).args(["--lang", "en", "--today", "2026-11-20"]);
        if let Some(person) = person {
            command.args(["--as", person.id]).env("PDCA_LOGIN", person.login);
        }
        command.args(args).output().unwrap()
    }

    fn pdca_ok(&self, data: &Path, person: Option<&Person>, args: &[&str]) -> String {
        let output = self.pdca(data, person, args);
        assert!(output.status.success(), "pdca {args:?}: {}\n{}", text(&output.stdout), text(&output.stderr));
        text(&output.stdout)
    }

    /// `pdca sync` as `person` in their clone; its exit code and what it printed.
    fn sync(&self, clone: &Path, person: &Person) -> (i32, String) {
        let output = self.pdca(clone, Some(person), &["sync"]);
        (output.status.code().unwrap_or(-1), format!("{}{}", text(&output.stdout), text(&output.stderr)))
    }

    fn git(&self, dir: &Path, login: Option<&str>, args: &[&str]) -> Output {
        let mut command = self.command("git");
        command.arg("-C").arg(dir).args(args);
        if let Some(login) = login {
            command.env("PDCA_LOGIN", login);
        }
        command.output().unwrap()
    }

    fn git_ok(&self, dir: &Path, args: &[&str]) -> String {
        let output = self.git(dir, None, args);
        assert!(output.status.success(), "git {args:?}: {}", text(&output.stderr));
        text(&output.stdout)
    }

    /// The subjects of the server's branch, newest first.
    fn server_log(&self) -> Vec<String> {
        self.git_ok(&self.path("origin.git"), &["log", "--format=%s"]).lines().map(str::to_owned).collect()
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn goals_path(clone: &Path, person: &str) -> PathBuf {
    clone.join(format!("cycles/2026/goals/{person}.toml"))
}

fn feedback_path(clone: &Path, reviewer: &str) -> PathBuf {
    clone.join(format!("cycles/2026/feedback/{reviewer}.toml"))
}

fn goals(clone: &Path, person: &str) -> GoalsFile {
    toml::from_str(&fs::read_to_string(goals_path(clone, person)).unwrap()).unwrap()
}

fn feedback(clone: &Path, reviewer: &str) -> FeedbackFile {
    toml::from_str(&fs::read_to_string(feedback_path(clone, reviewer)).unwrap()).unwrap()
}

/// Rewrites a person's goals file as the program would save it.
fn edit_goals(clone: &Path, person: &str, change: impl FnOnce(&mut GoalsFile)) {
    let mut file = goals(clone, person);
    change(&mut file);
    fs::write(goals_path(clone, person), toml::to_string_pretty(&file).unwrap()).unwrap();
}

fn edit_feedback(clone: &Path, reviewer: &str, change: impl FnOnce(&mut FeedbackFile)) {
    let mut file = feedback(clone, reviewer);
    change(&mut file);
    fs::write(feedback_path(clone, reviewer), toml::to_string_pretty(&file).unwrap()).unwrap();
}

/// An action item added to 鳴海's first goal: open on a confirmed sheet (Action phase).
fn add_action(clone: &Path, issue: &str) {
    edit_goals(clone, EMPLOYEE.id, |file| {
        let action: pdca::model::ActionItem = toml::from_str(&format!("issue = \"{issue}\"")).unwrap();
        file.goals[0].actions.push(action);
    });
}

fn progress(clone: &Path, person: &str, goal: usize) -> Option<u32> {
    goals(clone, person).goals[goal].progress
}

fn set_progress(clone: &Path, person: &str, goal: usize, value: u32) {
    edit_goals(clone, person, |file| file.goals[goal].progress = Some(value));
}

fn org(clone: &Path) -> Org {
    Store::new(clone).read_file::<Org>(&Source::Org).unwrap().unwrap()
}

fn set_title(clone: &Path, person: &str, title: &str) {
    let mut org = org(clone);
    org.people.iter_mut().find(|p| p.id == person).unwrap().title = title.into();
    fs::write(clone.join("org.toml"), toml::to_string_pretty(&org).unwrap()).unwrap();
}

fn title(clone: &Path, person: &str) -> String {
    org(clone).people.into_iter().find(|p| p.id == person).unwrap().title
}

fn actions(clone: &Path) -> Vec<String> {
    goals(clone, EMPLOYEE.id).goals[0].actions.iter().map(|action| action.issue.clone()).collect()
}

#[test]
fn clone_signs_commits_as_the_person_whose_login_is_the_os_user() {
    let office = Office::new();
    let employee = office.clone_as("employee", &EMPLOYEE);
    assert_eq!(office.git_ok(&employee, &["config", "user.name"]).trim(), "鳴海 翔");
    assert_eq!(office.git_ok(&employee, &["config", "user.email"]).trim(), "narumi.s@pdca.invalid");
    let seed = office.path("seed");
    assert!(fs::read_to_string(seed.join(".gitignore")).unwrap().contains(".*.pdca-tmp.*"));
    assert!(fs::read_to_string(seed.join(".gitattributes")).unwrap().contains("*.toml text eol=lf -merge"));
    assert_eq!(office.git_ok(&seed, &["status", "--porcelain"]), "", "init --git commits every file");
    // An existing data set becomes a repository too, once.
    let existing = office.path("existing");
    office.pdca_ok(&existing, None, &["init", "--organisation", "青森市"]);
    assert!(!existing.join(".git").exists());
    office.pdca_ok(&existing, None, &["init", "--git"]);
    office.pdca_ok(&existing, None, &["init", "--git"]);
    assert_eq!(office.git_ok(&existing, &["log", "--format=%s"]), "pdca init\n");
    assert_eq!(
        office.git_ok(&existing, &["ls-files"]).lines().count(),
        5,
        "pdca.toml, org.toml, the cycle and git's two"
    );
}

#[test]
fn the_first_push_into_an_empty_repository_must_come_from_hr() {
    let office = Office::new();
    office.git_ok(office.dir.path(), &["init", "--quiet", "--bare", "empty.git"]);
    let hook = office.path("empty.git/hooks/pre-receive");
    fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("contrib/hooks/pre-receive-ssh"), &hook).unwrap();
    let seed = office.path("seed");
    let target = office.path("empty.git");
    let push = |login| office.git(&seed, Some(login), &["push", target.to_str().unwrap(), "HEAD:refs/heads/main"]);
    let refused = push(EMPLOYEE.login);
    assert!(!refused.status.success());
    assert!(text(&refused.stderr).contains("must be made by someone with the hr role"), "{}", text(&refused.stderr));
    let accepted = push(HR.login);
    assert!(accepted.status.success(), "{}", text(&accepted.stderr));
    // From then on only the branch grows: no second branch, no rewriting, no deleting.
    for (args, reason) in [
        (vec!["push", target.to_str().unwrap(), "HEAD:refs/heads/other"], "no new branches or tags"),
        (vec!["push", target.to_str().unwrap(), ":refs/heads/main"], "deleting a branch or tag is not allowed"),
    ] {
        let output = office.git(&seed, Some(HR.login), &args);
        assert!(text(&output.stderr).contains(reason), "{}", text(&output.stderr));
    }
    office.git_ok(
        &seed,
        &["-c", "user.name=HR", "-c", "user.email=hr@pdca.invalid", "commit", "--quiet", "--amend", "-m", "x"],
    );
    let output =
        office.git(&seed, Some(HR.login), &["push", "--force", target.to_str().unwrap(), "HEAD:refs/heads/main"]);
    assert!(text(&output.stderr).contains("the history cannot be rewritten"), "{}", text(&output.stderr));
}

#[test]
fn every_servers_hook_takes_the_pusher_from_that_servers_variable() {
    let office = Office::new();
    let employee = office.clone_as("employee", &EMPLOYEE);
    set_title(&employee, EMPLOYEE.id, "主任");
    office.git_ok(&employee, &["commit", "--quiet", "-am", "昇任"]);
    let hook = office.path("origin.git/hooks/pre-receive");
    for (script, variable, prefix) in [
        ("pre-receive-gitea", "GITEA_PUSHER_NAME", "remote: "),
        ("pre-receive-gitlab", "GL_USERNAME", "remote: GL-HOOK-ERR: "),
        ("pre-receive-ssh", "PDCA_LOGIN", "remote: "),
    ] {
        fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("contrib/hooks").join(script), &hook).unwrap();
        let mut push = office.command("git");
        push.arg("-C").arg(&employee).args(["push", "origin", "HEAD"]);
        let refused = push.env(variable, EMPLOYEE.login).output().unwrap();
        let said = text(&refused.stderr);
        let expected = "org.toml: written by HR; 鳴海 翔 (P0011) does not have the hr role";
        assert!(said.lines().any(|line| line.starts_with(prefix) && line.contains(expected)), "{script}: {said}");
        let unnamed = office.command("git").arg("-C").arg(&employee).args(["push", "origin", "HEAD"]).output().unwrap();
        assert!(text(&unnamed.stderr).contains("did not say who is pushing"), "{script}: {}", text(&unnamed.stderr));
    }
    assert_eq!(office.server_log().len(), 1);
}

#[test]
fn each_sync_carries_its_change_to_the_others() {
    let office = Office::new();
    let employee = office.clone_as("employee", &EMPLOYEE);
    let head = office.clone_as("head", &HEAD);
    let hr = office.clone_as("hr", &HR);

    add_action(&employee, "申込フォームに入力例を追加する");
    let (code, said) = office.sync(&employee, &EMPLOYEE);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("committed 1 file(s): cycles/2026/goals/P0011.toml"), "{said}");
    assert!(said.contains("sent to the server (1 file(s))"), "{said}");

    set_progress(&head, HEAD.id, 0, 70);
    let (code, said) = office.sync(&head, &HEAD);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("1 person updated their goals: 鳴海 翔 (P0011)"), "{said}");

    set_title(&hr, "P0023", "主任");
    let (code, said) = office.sync(&hr, &HR);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("2 people updated their goals"), "{said}");

    for (clone, person) in [(&employee, &EMPLOYEE), (&head, &HEAD)] {
        let (code, said) = office.sync(clone, person);
        assert_eq!(code, 0, "{said}");
        assert!(said.contains("the organisation or settings were updated"), "{said}");
    }
    for clone in [&employee, &head, &hr] {
        assert_eq!(actions(clone).last().map(String::as_str), Some("申込フォームに入力例を追加する"));
        assert_eq!(progress(clone, HEAD.id, 0), Some(70));
        assert_eq!(title(clone, "P0023"), "主任");
    }
    // Each commit names its writer and what changed, field by field.
    let log = office.git_ok(&office.path("origin.git"), &["log", "--format=%an|%B", "-3"]);
    assert!(log.contains("佐々木 隆|佐々木 隆 (P0003): goals 2026\n\nP0003-2026-1 progress 65 → 70"), "{log}");
    assert!(log.contains("木村 あゆみ|木村 あゆみ (P0007): organisation (org.toml)"), "{log}");
    assert_eq!(office.pdca_ok(&employee, Some(&EMPLOYEE), &["sync"]).trim(), "up to date");
}

#[test]
fn the_server_refuses_another_persons_file_with_the_reason() {
    let office = Office::new();
    let employee = office.clone_as("employee", &EMPLOYEE);
    // Feedback on himself in his reviewer's file, committed by hand and pushed with plain git.
    edit_feedback(&employee, HEAD.id, |file| {
        file.feedback.iter_mut().filter(|entry| entry.person == EMPLOYEE.id).for_each(|entry| {
            entry.level = Some(pdca::model::Level::S);
        });
    });
    office.git_ok(&employee, &["commit", "--quiet", "-am", "S にしておく"]);
    let before = office.server_log();
    let pushed = office.git(&employee, Some(EMPLOYEE.login), &["push", "origin", "HEAD"]);
    assert!(!pushed.status.success());
    let said = text(&pushed.stderr);
    assert!(
        said.contains(
            "cycles/2026/feedback/P0003.toml: the file of 佐々木 隆 (P0003); 鳴海 翔 (P0011) may write only their \
             own files"
        ),
        "{said}"
    );
    assert!(said.contains("pre-receive hook declined"), "{said}");
    assert_eq!(office.server_log(), before, "nothing of the push arrived");
    // Uncommitted, pdca sync does not even send it: it is not his file.
    office.git_ok(&employee, &["reset", "--quiet", "HEAD~1"]);
    let (code, said) = office.sync(&employee, &EMPLOYEE);
    assert_eq!(code, 2, "{said}");
    assert!(said.contains("files that are not yours were changed on this machine"), "{said}");
    assert!(said.contains("cycles/2026/feedback/P0003.toml"), "{said}");
}

#[test]
fn making_oneself_hr_in_the_same_push_gives_no_rights() {
    let office = Office::new();
    let employee = office.clone_as("employee", &EMPLOYEE);
    let mut changed = org(&employee);
    changed.people.iter_mut().find(|p| p.id == EMPLOYEE.id).unwrap().roles = vec!["hr".into()];
    fs::write(employee.join("org.toml"), toml::to_string_pretty(&changed).unwrap()).unwrap();
    // With himself HR in his own copy, sync commits org.toml; the server judges by the org before the push.
    let (code, said) = office.sync(&employee, &EMPLOYEE);
    assert_eq!(code, 1, "{said}");
    assert!(said.contains("the server refused the changes:"), "{said}");
    assert!(said.contains("org.toml: written by HR; 鳴海 翔 (P0011) does not have the hr role"), "{said}");
    assert_eq!(office.server_log().len(), 1);
    let state = status(&employee, &EMPLOYEE);
    assert!(matches!(&state, SyncState::Refused { ahead: 1, message } if message.contains("org.toml")), "{state:?}");
}

#[test]
fn a_confirmed_sheet_is_refused_until_it_is_sent_back_but_undoing_the_change_gets_through() {
    let office = Office::new();
    let employee = office.clone_as("employee", &EMPLOYEE);
    let original = fs::read_to_string(goals_path(&employee, EMPLOYEE.id)).unwrap();
    let level = |clone: &Path| goals(clone, EMPLOYEE.id).goals[0].check.as_ref().map(|check| check.level);
    assert_eq!(level(&employee), Some(pdca::model::Level::A));
    edit_goals(&employee, EMPLOYEE.id, |file| file.goals[0].check.as_mut().unwrap().level = pdca::model::Level::S);
    let (code, said) = office.sync(&employee, &EMPLOYEE);
    assert_eq!(code, 1, "{said}");
    assert!(
        said.contains(
            "cycles/2026/goals/P0011.toml: the sheet of 鳴海 翔 (P0011) is confirmed; it cannot change (check.level) \
             until it is sent back"
        ),
        "{said}"
    );
    // Undone before it was ever sent: the unsent commits are squashed, so nothing is left to refuse.
    fs::write(goals_path(&employee, EMPLOYEE.id), original).unwrap();
    let (code, said) = office.sync(&employee, &EMPLOYEE);
    assert_eq!(code, 0, "{said}");
    assert_eq!(office.server_log().len(), 1, "nothing was sent");
    assert_eq!(status(&employee, &EMPLOYEE), SyncState::UpToDate);
    // Once the 部長 (who confirmed it) sends the sheet back, its owner may change it again.
    let director = office.clone_as("director", &DIRECTOR);
    edit_feedback(&director, DIRECTOR.id, |file| {
        file.sheet.push(
            toml::from_str(
                "person = \"P0011\"\nstep = \"send-back\"\nby = \"P0001\"\nat = 2026-11-20T10:00:00+09:00\n\
                 comment = \"自己評価を見直してください\"\n",
            )
            .unwrap(),
        )
    });
    let (code, said) = office.sync(&director, &DIRECTOR);
    assert_eq!(code, 0, "{said}");
    assert_eq!(office.sync(&employee, &EMPLOYEE).0, 0);
    edit_goals(&employee, EMPLOYEE.id, |file| file.goals[0].check.as_mut().unwrap().level = pdca::model::Level::S);
    let (code, said) = office.sync(&employee, &EMPLOYEE);
    assert_eq!(code, 0, "{said}");
    assert_eq!(level(&director), Some(pdca::model::Level::A));
    assert_eq!(office.sync(&director, &DIRECTOR).0, 0);
    assert_eq!(level(&director), Some(pdca::model::Level::S));
}

#[test]
fn a_reviewers_ability_level_on_a_confirmed_sheet_is_refused_by_the_server() {
    let office = Office::new();
    let head = office.clone_as("head", &HEAD);
    edit_feedback(&head, HEAD.id, |file| {
        let rating = file.competency.iter_mut().find(|r| r.person == EMPLOYEE.id && r.ability == "knowledge").unwrap();
        rating.level = pdca::model::Level::S;
    });
    let (code, said) = office.sync(&head, &HEAD);
    assert_eq!(code, 1, "{said}");
    assert!(said.contains("the sheet of 鳴海 翔 (P0011) is confirmed; its feedback stands"), "{said}");
    assert_eq!(office.server_log().len(), 1, "nothing was accepted");
}

#[test]
fn workflow_steps_are_checked_where_they_are_taken() {
    let office = Office::new();
    let head = office.clone_as("head", &HEAD);
    let step_at = |person: &str, step: &str, at: &str| -> pdca::model::SheetRecord {
        toml::from_str(&format!("person = \"{person}\"\nstep = \"{step}\"\nby = \"P0003\"\nat = {at}\n")).unwrap()
    };
    let step = |person: &str, step: &str| step_at(person, step, "2026-11-20T10:00:00+09:00");
    // 古川's sheet is a draft: nobody approves it before she submits it.
    edit_feedback(&head, HEAD.id, |file| file.sheet.push(step("P0023", "approve")));
    let (code, said) = office.sync(&head, &HEAD);
    assert_eq!(code, 1, "{said}");
    assert!(said.contains("the sheet of 古川 里奈 (P0023): the sheet of 古川 里奈 (P0023) is draft"), "{said}");
    // Dated years ahead, a step would hold up every later one.
    edit_feedback(&head, HEAD.id, |file| {
        file.sheet.pop();
        file.sheet.push(step_at(EMPLOYEE.id, "feedback-held", "2099-01-01T09:00:00+09:00"));
    });
    let (code, said) = office.sync(&head, &HEAD);
    assert_eq!(code, 1, "{said}");
    assert!(said.contains("a workflow step dated 2099-01-01T09:00:00+09:00 is in the future"), "{said}");
    // Taken back, and the feedback interview of 鳴海's confirmed sheet recorded instead: his reviewer's step.
    edit_feedback(&head, HEAD.id, |file| {
        file.sheet.pop();
        file.sheet.push(step(EMPLOYEE.id, "feedback-held"));
    });
    let (code, said) = office.sync(&head, &HEAD);
    assert_eq!(code, 0, "{said}");
    assert_eq!(office.server_log()[0], "佐々木 隆 (P0003): feedback 2026");
}

#[test]
fn a_change_that_leaves_validation_errors_is_refused() {
    let office = Office::new();
    let head = office.clone_as("head", &HEAD);
    edit_goals(&head, HEAD.id, |file| file.goals[0].parent = Some("P0001-2026-99".into()));
    let (code, said) = office.sync(&head, &HEAD);
    assert_eq!(code, 1, "{said}");
    assert!(said.contains("P0003-2026-1: `parent` names unknown goal `P0001-2026-99`"), "{said}");
    // A goal under someone else's id would collide with theirs one day.
    edit_goals(&head, HEAD.id, |file| {
        file.goals[0].parent = Some("P0001-2026-1".into());
        let mut copy = file.goals[0].clone();
        copy.id = "P0011-2026-9".into();
        file.goals.push(copy);
    });
    let (code, said) = office.sync(&head, &HEAD);
    assert_eq!(code, 1, "{said}");
    assert!(said.contains("new goal or proposal `P0011-2026-9` must have an id that begins with `P0003-`"), "{said}");
}

/// Appends `text` (TOML) to a file of the clone.
fn append(clone: &Path, path: &str, text: &str) {
    let path = clone.join(path);
    let before = fs::read_to_string(&path).unwrap();
    fs::write(&path, before + text).unwrap();
}

#[test]
fn the_contents_of_meetings_and_engagement_files_are_validated_too() {
    let office = Office::new();
    let head = office.clone_as("head", &HEAD);
    let meetings = "cycles/2026/meetings/P0003.toml";
    let meeting = |with: &str, goal: &str| {
        format!(
            "\n[[meetings]]\ndate = 2026-11-19\nwith = \"{with}\"\nkind = \"manager\"\nagenda = \"進捗\"\n\n\
             [[meetings.actions]]\ntext = \"資料を作る\"\ngoal = \"{goal}\"\n"
        )
    };
    append(&head, meetings, &meeting("P9999", "P0011-2026-99"));
    let (code, said) = office.sync(&head, &HEAD);
    assert_eq!(code, 1, "{said}");
    assert!(said.contains(meetings) && said.contains("P9999") && said.contains("P0011-2026-99"), "{said}");
    // The same 1on1 with a real person about a real goal goes through.
    office.git_ok(&head, &["reset", "--quiet", "--hard", "@{u}"]);
    append(&head, meetings, &meeting(EMPLOYEE.id, "P0011-2026-1"));
    let (code, said) = office.sync(&head, &HEAD);
    assert_eq!(code, 0, "{said}");

    let hr = office.clone_as("hr", &HR);
    let engagement = "cycles/2026/engagement.toml";
    let text = fs::read_to_string(hr.join(engagement)).unwrap();
    fs::write(hr.join(engagement), text.replacen("question = \"Q1\"", "question = \"Q99\"", 1)).unwrap();
    let (code, said) = office.sync(&hr, &HR);
    assert_eq!(code, 1, "{said}");
    assert!(said.contains(engagement) && said.contains("Q99"), "{said}");
}

#[test]
fn two_peoples_changes_at_the_same_time_both_arrive_in_one_line_of_history() {
    let office = Office::new();
    let employee = office.clone_as("employee", &EMPLOYEE);
    let head = office.clone_as("head", &HEAD);
    add_action(&employee, "受付後アンケートを追加する");
    set_progress(&head, HEAD.id, 1, 55);
    assert_eq!(office.sync(&employee, &EMPLOYEE).0, 0);
    let (code, said) = office.sync(&head, &HEAD);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("1 person updated their goals: 鳴海 翔 (P0011)"), "{said}");
    assert_eq!(office.sync(&employee, &EMPLOYEE).0, 0);
    for clone in [&employee, &head] {
        assert_eq!(actions(clone).last().map(String::as_str), Some("受付後アンケートを追加する"));
        assert_eq!(progress(clone, HEAD.id, 1), Some(55));
    }
    let merges = office.git_ok(&office.path("origin.git"), &["rev-list", "--merges", "HEAD"]);
    assert_eq!(merges, "", "no merge commits");
    assert_eq!(office.server_log().len(), 3);
}

#[test]
fn the_same_person_on_two_machines_is_stopped_with_both_versions_kept() {
    let office = Office::new();
    let desk = office.clone_as("desk", &EMPLOYEE);
    let laptop = office.clone_as("laptop", &EMPLOYEE);
    add_action(&desk, "机のPCで追加");
    add_action(&laptop, "ノートPCで追加");
    // Something else changed on the laptop too, in another of his files.
    let meeting = laptop.join("cycles/2026/meetings/P0011.toml");
    fs::create_dir_all(meeting.parent().unwrap()).unwrap();
    // A whole 1on1 notes file: the server validates its contents too.
    let notes = "writer = \"P0011\"\ncycle = \"2026\"\n\n[[meetings]]\ndate = 2026-11-19\nwith = \"P0003\"\nkind = \"manager\"\n";
    fs::write(&meeting, notes).unwrap();
    assert_eq!(office.sync(&desk, &EMPLOYEE).0, 0);
    let (code, said) = office.sync(&laptop, &EMPLOYEE);
    assert_eq!(code, 1, "{said}");
    assert!(said.contains("the same file was changed on another machine too: cycles/2026/goals/P0011.toml"), "{said}");
    // The server's version is in place; the laptop's is beside the data set and on a branch.
    assert_eq!(actions(&laptop).last().map(String::as_str), Some("机のPCで追加"));
    let saved: Vec<PathBuf> = fs::read_dir(laptop.join("pdca-conflicts")).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(saved.len(), 1);
    let mine = fs::read_to_string(saved[0].join("cycles/2026/goals/P0011.toml")).unwrap();
    assert!(mine.contains("ノートPCで追加") && !mine.contains("机のPCで追加"));
    let branches = office.git_ok(&laptop, &["branch", "--list", "pdca/conflict-*"]);
    let branch = branches.trim().trim_start_matches("* ").to_owned();
    let kept = office.git_ok(&laptop, &["show", &format!("{branch}:cycles/2026/goals/P0011.toml")]);
    assert_eq!(kept, mine);
    for file in [goals_path(&laptop, EMPLOYEE.id), saved[0].join("cycles/2026/goals/P0011.toml")] {
        assert!(!fs::read_to_string(file).unwrap().contains("<<<<<<<"), "never a conflict marker");
    }
    assert!(matches!(status(&laptop, &EMPLOYEE), SyncState::Conflict { files, .. } if files.len() == 1));
    // The laptop's other change waits, and goes with the next sync.
    assert_eq!(fs::read_to_string(&meeting).unwrap(), notes);
    add_action(&laptop, "ノートPCで追加");
    let (code, said) = office.sync(&laptop, &EMPLOYEE);
    assert_eq!(code, 0, "{said}");
    assert_eq!(actions(&desk).len() + 1, actions(&laptop).len());
    assert_eq!(office.sync(&desk, &EMPLOYEE).0, 0);
    assert_eq!(actions(&desk), actions(&laptop));
    assert!(desk.join("cycles/2026/meetings/P0011.toml").is_file());
}

#[test]
fn offline_work_is_committed_here_and_sent_later() {
    let office = Office::new();
    let employee = office.clone_as("employee", &EMPLOYEE);
    fs::rename(office.path("origin.git"), office.path("away.git")).unwrap();
    add_action(&employee, "オフラインで追加");
    let (code, said) = office.sync(&employee, &EMPLOYEE);
    assert_eq!(code, 3, "{said}");
    assert!(said.contains("cannot reach the server"), "{said}");
    assert_eq!(office.git_ok(&employee, &["status", "--porcelain"]), "", "committed here");
    assert_eq!(status(&employee, &EMPLOYEE), SyncState::Offline { ahead: 1 });
    fs::rename(office.path("away.git"), office.path("origin.git")).unwrap();
    let (code, said) = office.sync(&employee, &EMPLOYEE);
    assert_eq!(code, 0, "{said}");
    assert_eq!(office.server_log().len(), 2);
}

#[test]
fn hr_opening_a_cycle_may_create_the_carried_over_sheets() {
    let office = Office::new();
    let hr = office.clone_as("hr", &HR);
    office.pdca_ok(
        &hr,
        Some(&HR),
        &["cycle", "new", "2027", "--start", "2027-04-01", "--end", "2028-03-31", "--carry-from", "2026"],
    );
    let (code, said) = office.sync(&hr, &HR);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("cycles/2027/goals/P0011.toml"), "{said}");
    let employee = office.clone_as("employee", &EMPLOYEE);
    assert!(employee.join("cycles/2027/goals/P0011.toml").is_file());
}

#[test]
fn log_shows_field_level_history_as_far_as_the_viewer_may_read() {
    let office = Office::new();
    let employee = office.clone_as("employee", &EMPLOYEE);
    let head = office.clone_as("head", &HEAD);
    set_progress(&head, HEAD.id, 0, 70);
    edit_feedback(&head, HEAD.id, |file| {
        let entry = file.feedback.iter_mut().find(|entry| entry.person == "P0010").unwrap();
        entry.level = Some(pdca::model::Level::B);
    });
    assert_eq!(office.sync(&head, &HEAD).0, 0);
    assert_eq!(office.sync(&employee, &EMPLOYEE).0, 0);
    let mine = office.pdca_ok(&employee, Some(&EMPLOYEE), &["log", "--person", HEAD.id]);
    assert!(mine.contains("佐々木 隆 (P0003)  P0003-2026-1 progress 65 → 70"), "{mine}");
    assert!(!mine.contains("reviewer level"), "feedback on his section head is not his to read:\n{mine}");
    let everything = office.pdca_ok(&employee, Some(&EMPLOYEE), &["log"]);
    assert!(!everything.contains("神 正明"), "nor a peer's feedback:\n{everything}");
    let hr = office.pdca_ok(&head, Some(&HR), &["log", "--person", "P0010"]);
    assert!(hr.contains("on 神 正明 (P0010)'s sheet: reviewer level - → B"), "{hr}");
    let goal = office.pdca_ok(&head, Some(&HEAD), &["log", "--goal", "P0003-2026-1"]);
    assert_eq!(goal.lines().count(), 1, "{goal}");
    let refused = office.pdca(&employee, Some(&EMPLOYEE), &["log", "--person", "P0009"]);
    assert!(!refused.status.success());
}

const HR_CALIBRATION: &str = "cycles/2026/calibration/P0007.toml";

/// One adjustment of a final level, as a calibration file holds it.
fn adjustment(person: &str, to: &str, reason: &str, by: &str) -> String {
    format!(
        "\n[[adjustment]]\nperson = \"{person}\"\nwhat = \"level\"\nto = \"{to}\"\nreason = \"{reason}\"\n\
         by = \"{by}\"\nat = 2026-11-20T10:00:00+09:00\n"
    )
}

/// `pdca sync` that the server refuses, saying `reason`; the clone is then put back
/// to the server's state for the next try.
fn refused_with(office: &Office, clone: &Path, person: &Person, reason: &str) {
    let (code, said) = office.sync(clone, person);
    assert_eq!(code, 1, "{said}");
    assert!(said.contains("the server refused the changes:"), "{said}");
    assert!(said.contains(reason), "expected `{reason}` in:\n{said}");
    office.git_ok(clone, &["reset", "--quiet", "--hard", "@{u}"]);
}

#[test]
fn the_server_refuses_calibration_that_check_and_the_app_refuse() {
    let office = Office::new();
    let hr = office.clone_as("hr", &HR);
    append(&hr, HR_CALIBRATION, &adjustment(EMPLOYEE.id, "C", "", HR.id));
    refused_with(
        &office,
        &hr,
        &HR,
        "cycles/2026/calibration/P0007.toml: P0011: the adjustment of P0011 is ignored: it has no `reason`",
    );
    append(&hr, HR_CALIBRATION, &adjustment("P9999", "C", "評価調整会議による", HR.id));
    refused_with(&office, &hr, &HR, "cycles/2026/calibration/P0007.toml: P9999: `person` names unknown person `P9999`");
    append(&hr, HR_CALIBRATION, &adjustment(EMPLOYEE.id, "E", "評価調整会議による", HR.id));
    refused_with(&office, &hr, &HR, "expected a level (\"S\", \"A\", \"B\", \"C\" or \"D\")");
    append(&hr, HR_CALIBRATION, &adjustment(EMPLOYEE.id, "C", "評価調整会議による", DIRECTOR.id));
    refused_with(
        &office,
        &hr,
        &HR,
        "P0011: the adjustment of P0011 is ignored: the file is P0007's, so `by` must be P0007",
    );
    let file = fs::read_to_string(hr.join(HR_CALIBRATION)).unwrap();
    fs::write(hr.join(HR_CALIBRATION), file.replace("calibrator = \"P0007\"", "calibrator = \"P0001\"")).unwrap();
    refused_with(&office, &hr, &HR, "`calibrator` is `P0001` but the file's place says `P0007`");

    // His reviewer is not his second reviewer: the section head may not calibrate him.
    let head = office.clone_as("head", &HEAD);
    let own = "cycles/2026/calibration/P0003.toml";
    let file =
        format!("calibrator = \"P0003\"\ncycle = \"2026\"\n{}", adjustment(EMPLOYEE.id, "S", "よく頑張った", HEAD.id));
    fs::write(head.join(own), file).unwrap();
    refused_with(
        &office,
        &head,
        &HEAD,
        "P0011: the adjustment of P0011 is ignored: `by` may not calibrate this person",
    );

    // HR's calibration file is HR's writer's alone, even pushed with plain git.
    let employee = office.clone_as("employee", &EMPLOYEE);
    append(&employee, HR_CALIBRATION, &adjustment(EMPLOYEE.id, "S", "自分で", HR.id));
    office.git_ok(&employee, &["commit", "--quiet", "-am", "S にしておく"]);
    let pushed = office.git(&employee, Some(EMPLOYEE.login), &["push", "origin", "HEAD"]);
    assert!(!pushed.status.success());
    let said = text(&pushed.stderr);
    assert!(said.contains("cycles/2026/calibration/P0007.toml: the file of 木村 あゆみ (P0007)"), "{said}");
    assert_eq!(office.server_log().len(), 1, "nothing was accepted");

    // The adjustment the app would make goes through: by HR, with a reason, to a level.
    append(&hr, HR_CALIBRATION, &adjustment(EMPLOYEE.id, "C", "評価調整会議（11月20日）による", HR.id));
    let (code, said) = office.sync(&hr, &HR);
    assert_eq!(code, 0, "{said}");
    assert_eq!(office.server_log().len(), 2);
}

fn status(clone: &Path, person: &Person) -> SyncState {
    let org = org(clone);
    sync::status(clone, &pdca::model::Hierarchy::new(&org), person.id).unwrap()
}
