//! The data set as a session holds it, and the one function through which every
//! change goes, from the app and from every command: ask the policy, apply the
//! pure edit, save atomically, say what changed.

mod held;

use chrono::Timelike;

use crate::model::command::{self, Command, Content, FileWrite, Invalid};
use crate::model::edit::EditError;
use crate::model::engagement::EngagementFile;
use crate::model::policy::{self, Refusal};
use crate::model::{
    CycleData, CycleId, Date, GoalsFile, Org, Person, PersonId, Problem, Source, Step, Timestamp, World,
};
use crate::store::{Snapshot, Store, StoreError, Versions};
use held::{HeldInPart, leave_out};

#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error(transparent)]
    Refused(#[from] Refusal),
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl CommandError {
    /// A save refused because the file changed on disk: the user may reload and re-apply.
    pub fn is_conflict(&self) -> bool {
        matches!(self, CommandError::Store(StoreError::ChangedOnDisk(_)))
    }
}

/// What a command changed: the files it wrote, so that only what shows them is
/// worked out again.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Changed {
    pub written: Vec<Source>,
}

impl Changed {
    /// Whether a goals file changed (the cascade and its roll-up with it).
    pub fn goals(&self) -> bool {
        self.written.iter().any(|source| matches!(source, Source::Goals { .. }))
    }

    pub fn feedback(&self) -> bool {
        self.written.iter().any(|source| matches!(source, Source::Feedback { .. }))
    }

    /// Whether org.toml, pdca.toml or a cycle file changed: everything may look different.
    pub fn organisation(&self) -> bool {
        self.written.iter().any(|source| matches!(source, Source::Org | Source::Info | Source::Cycle(_)))
    }

    /// Everything, as after a reload from disk.
    pub fn everything() -> Changed {
        Changed { written: vec![Source::Org] }
    }
}

pub struct Workspace {
    pub store: Store,
    pub world: World,
    /// Files that could not be read when the data set was loaded.
    pub problems: Vec<Problem>,
    versions: Versions,
    pub actor: PersonId,
    /// The raters of each sheet whose files hold its texts on disk ([`held`]).
    /// Files held in part are never written from here, as files loaded broken
    /// are not, until they are read whole; their records say which they are.
    held: HeldInPart,
    pub today: Date,
    /// The cycle before this one and the actor's sheet in it, for carrying action items over.
    pub previous: Option<(CycleId, GoalsFile)>,
}

impl Workspace {
    pub fn open(store: Store, cycle: Option<&str>, actor: PersonId, today: Date) -> Result<Workspace, StoreError> {
        let store = store.reading_meetings_as(&actor);
        let snapshot = store.load(cycle)?;
        Workspace::from_snapshot(store, snapshot, actor, today)
    }

    /// A workspace over a snapshot already loaded (e.g. to find out who the actor is).
    pub fn from_snapshot(
        store: Store,
        snapshot: Snapshot,
        actor: PersonId,
        today: Date,
    ) -> Result<Workspace, StoreError> {
        let Snapshot { info, org, mut data, problems, versions } = snapshot;
        // Its loads from now on leave out as they read what the actor is never shown.
        let store = store.reading_meetings_as(&actor);
        let held = leave_out(&store, &mut data, &actor);
        let world = World::new(info, org, data);
        let mut workspace = Workspace { store, world, problems, versions, actor, held, today, previous: None };
        workspace.read_own_sheet();
        workspace.previous = workspace.load_previous()?;
        Ok(workspace)
    }

    fn load_previous(&self) -> Result<Option<(CycleId, GoalsFile)>, StoreError> {
        self.previous_of(&self.world.data.cycle.id)
    }

    /// The cycle before `current` and the actor's sheet in it.
    fn previous_of(&self, current: &CycleId) -> Result<Option<(CycleId, GoalsFile)>, StoreError> {
        let Some(previous) = self.store.cycle_ids()?.into_iter().rfind(|c| c < current) else {
            return Ok(None);
        };
        // A broken or missing file last cycle only means nothing to carry over.
        let file = self.store.read_goals_file(&previous, &self.actor).ok().flatten();
        Ok(file.map(|f| (previous, f)))
    }

    /// The engagement results of the cycle before this one, to compare with; none
    /// when there is no such cycle or its file cannot be read.
    pub fn previous_engagement(&self) -> Option<EngagementFile> {
        let previous = self.store.previous_cycle(&self.world.data.cycle.id).ok().flatten()?;
        self.store.read_engagement(&previous).ok().flatten()
    }

    /// Loads everything again from disk, e.g. after someone else saved a file.
    pub fn reload(&mut self) -> Result<Changed, StoreError> {
        let cycle = self.world.data.cycle.id.clone();
        let snapshot = self.store.load(Some(&cycle))?;
        self.take_snapshot(snapshot)
    }

    /// Puts a snapshot of the workspace's cycle loaded anew (a reload, or the whole
    /// data set arriving after a part of it) in place of what it holds.
    /// Whole or not at all: what can fail is read first, so that on an error the
    /// workspace is the one its views were made from (a tree row reads its title
    /// from the world it was made from).
    pub fn take_snapshot(&mut self, snapshot: Snapshot) -> Result<Changed, StoreError> {
        let Snapshot { info, org, mut data, problems, versions } = snapshot;
        let previous = self.previous_of(&data.cycle.id)?;
        self.held = leave_out(&self.store, &mut data, &self.actor);
        // The world before goes first, then the new one is worked out: at 20,000
        // people the two organisations and cascades together were 20 MB of the peak.
        self.world = World::new(info.clone(), Org::default(), CycleData::empty(data.cycle.clone()));
        self.world = World::new(info, org, data);
        self.problems = problems;
        self.versions = versions;
        self.read_own_sheet();
        self.previous = previous;
        Ok(Changed::everything())
    }

    /// Those of `paths` (relative to the root) whose content on disk is not what this
    /// session loaded or saved: changed by a sync or by someone else.
    pub fn changed_on_disk(&self, paths: &[std::path::PathBuf]) -> Vec<std::path::PathBuf> {
        self.store.changed_since_load(&self.versions, paths)
    }

    /// The files of this cycle the actor writes (goals, feedback, 1on1 notes,
    /// calibration), relative to the root: what an open form of theirs may be about.
    pub fn own_files(&self) -> Vec<std::path::PathBuf> {
        let (cycle, actor) = (self.world.data.cycle.id.clone(), self.actor);
        [
            Source::Goals { cycle: cycle.clone(), person: actor },
            Source::Feedback { cycle: cycle.clone(), reviewer: actor },
            Source::Meetings { cycle: cycle.clone(), writer: actor },
            Source::Calibration { cycle, calibrator: actor },
        ]
        .iter()
        .map(Store::relative_path)
        .collect()
    }

    pub fn person(&self, id: &str) -> Option<&Person> {
        self.world.person(id)
    }

    pub fn me(&self) -> Option<&Person> {
        self.world.person(&self.actor)
    }

    /// This moment, on the workspace's `today` (which tests and demonstrations may set).
    pub fn now(&self) -> Timestamp {
        let local = chrono::Local::now();
        // Milliseconds: readable in the files, yet fine enough to order two steps
        // taken one after the other.
        let millis = local.nanosecond() / 1_000_000 * 1_000_000;
        let time = chrono::NaiveTime::from_num_seconds_from_midnight_opt(local.num_seconds_from_midnight(), millis)
            .unwrap_or_default();
        let at = self.today.0.and_time(time);
        Timestamp(at.and_local_timezone(*local.offset()).single().unwrap_or_else(|| local.fixed_offset()))
    }

    /// Whether the file a source names was loaded broken, so that it cannot be written.
    pub fn is_broken(&self, source: &Source) -> bool {
        self.versions.is_broken(source)
    }

    /// Carries out `command` as the actor: asks the policy, applies the edit, saves
    /// each file atomically (refusing a file changed on disk, loaded broken, or held
    /// in part, unless it can be read whole), and keeps the saved records. Nothing
    /// changes on error, in memory or on disk, beyond files a many-file command had
    /// already written and texts read from disk into the files they were left out of.
    pub fn execute(&mut self, command: Command) -> Result<Changed, CommandError> {
        policy::permit(&self.world, &self.actor, &command)?;
        if let Command::SetCurrentCycle(id) = &command
            && !self.store.file_exists(&Source::Cycle(id.clone()))?
        {
            return Err(StoreError::UnknownCycle { root: self.store.root().to_path_buf(), cycle: id.clone() }.into());
        }
        let writes = self.apply_to_whole_files(command)?;
        let mut changed = Changed::default();
        for write in writes {
            self.save(&write)?;
            changed.written.push(write.source.clone());
            self.keep(write);
        }
        Ok(changed)
    }

    /// The files `command` writes, worked out from them whole: a goals file whose
    /// texts were left on disk is read whole first, and the command applied again;
    /// the sheet a confirmation is taken on is read whole before, as it copies it.
    fn apply_to_whole_files(&mut self, command: Command) -> Result<Vec<FileWrite>, CommandError> {
        // A confirmation copies the sheet's comments into what it seals.
        if let Command::Step { person, step: Step::Confirm, .. } = &command {
            self.read_whole(person)?;
        }
        let (now, actor) = (self.now(), self.actor);
        loop {
            let writes = match command::apply(&self.world, &actor, now, command.clone()) {
                // An edit that needs a part of the actor's sheet left on disk (a Do
                // log, a snapshot) is applied again once the sheet is read whole.
                Err(Invalid::Edit(EditError::LeftOnDisk)) if self.read_whole(&actor)? => continue,
                result => result?,
            };
            let held = writes.iter().map(|write| &write.source).find(|source| self.holds_in_part(source));
            let Some(source) = held.cloned() else { return Ok(writes) };
            // Each turn reads one more file whole, or fails: the loop ends.
            if !self.read_file_whole(&source)? {
                return Ok(writes);
            }
        }
    }

    fn save(&mut self, write: &FileWrite) -> Result<(), StoreError> {
        let source = &write.source;
        if self.versions.is_broken(source) {
            return Err(StoreError::Unreadable(self.store.display_path(source)));
        }
        if self.holds_in_part(source) {
            return Err(StoreError::HeldInPart(self.store.display_path(source)));
        }
        if write.create {
            self.store.create(source, &write.content)
        } else {
            self.store.save(&mut self.versions, source, &write.content)
        }
    }

    /// Keeps a saved record in memory, where it belongs to the loaded cycle.
    fn keep(&mut self, write: FileWrite) {
        let loaded = &self.world.data.cycle.id;
        let in_loaded_cycle = match &write.source {
            Source::Goals { cycle, .. }
            | Source::Feedback { cycle, .. }
            | Source::Calibration { cycle, .. }
            | Source::Meetings { cycle, .. }
            | Source::Engagement(cycle)
            | Source::Cycle(cycle) => cycle == loaded,
            Source::Org
            | Source::Info
            | Source::Competencies
            | Source::Courses
            | Source::EngagementQuestions
            | Source::Audit { .. } => true,
        };
        if !in_loaded_cycle {
            return;
        }
        match write.content {
            Content::Goals(file) => self.world.replace_goals_file(file),
            Content::Feedback(file) => self.world.replace_feedback_file(file),
            Content::Org(org) => self.world.replace_org(org),
            Content::Info(info) => self.world.replace_info(*info),
            Content::Cycle(cycle) => self.world.data.cycle = cycle,
            Content::Calibration(file) => self.world.replace_calibration_file(file),
            Content::Meetings(file) => self.world.replace_meetings_file(file),
            Content::Engagement(file) => self.world.replace_engagement(file),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LogEntry;
    use crate::model::competency::AbilityRating;
    use crate::model::edit::Edit;
    use crate::model::meetings::{MeetingsFile, of_person, visible};
    use crate::model::{Held, HeldTexts, Level, ProblemKind};

    fn sample(actor: &str) -> (tempfile::TempDir, Workspace) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("data"));
        store.init_sample().unwrap();
        let today = Date::from_ymd(2026, 11, 20).unwrap();
        let workspace = Workspace::open(store, None, actor.into(), today).unwrap();
        (dir, workspace)
    }

    fn by_writer(mut files: Vec<MeetingsFile>) -> Vec<MeetingsFile> {
        files.sort_by_key(|a| a.writer);
        files
    }

    fn today() -> Date {
        Date::from_ymd(2026, 11, 20).unwrap()
    }

    /// A Do entry on P0001's first goal.
    fn add_log() -> Command {
        let entry = LogEntry {
            date: Date::from_ymd(2026, 11, 19).unwrap(),
            kind: crate::model::LogKind::Practice,
            text: "窓口アンケートを集計した".into(),
            course: None,
            completed: false,
            extra: Default::default(),
        };
        Command::Sheet(Edit::AddLog { goal: "P0001-2026-1".into(), entry })
    }

    /// The sample opened by `actor` in a session that leaves texts on disk, as the app's.
    fn leaving_texts_on_disk(actor: &str) -> (tempfile::TempDir, Workspace) {
        let (dir, whole) = sample(actor);
        let store = whole.store.clone().leaving_texts_on_disk();
        (dir, Workspace::open(store, None, actor.into(), whole.today).unwrap())
    }

    fn goals_path(workspace: &Workspace, person: &str) -> std::path::PathBuf {
        let source = Source::Goals { cycle: workspace.world.data.cycle.id.clone(), person: person.into() };
        workspace.store.root().join(Store::relative_path(&source))
    }

    #[test]
    fn others_texts_stay_on_disk_until_read_and_then_are_the_file_whole() {
        let (_dir, mut held) = leaving_texts_on_disk("P0001");
        let whole_data = Store::new(held.store.root()).load(None).unwrap().data;
        let whole = whole_data.goals.clone();
        let of = |files: &[GoalsFile], person: &str| files.iter().find(|f| f.owner == person).cloned().unwrap();
        // Everyone's training, which the metrics count, is here with the Do logs away.
        fn training(data: &CycleData) -> Vec<crate::model::training::TrainingRecord<'_>> {
            crate::model::training::records(data).collect()
        }
        assert!(!training(&whole_data).is_empty());
        assert_eq!(training(&held.world.data), training(&whole_data));
        // The raters' comments on abilities wait in their feedback files, the
        // actor's own read back.
        let rated_by_others: Vec<&AbilityRating> = held
            .world
            .data
            .feedback
            .iter()
            .flat_map(|file| file.competency.iter().filter(move |_| file.reviewer != "P0001"))
            .collect();
        assert!(!rated_by_others.is_empty() && rated_by_others.iter().all(|rating| rating.comment.get().is_err()));
        let others_feedback = held.world.data.feedback.iter().filter(|file| file.reviewer != "P0001");
        let noted: Vec<&crate::model::Feedback> = others_feedback.flat_map(|file| &file.feedback).collect();
        assert!(noted.iter().any(|entry| entry.notes.get().is_err()), "feedback's notes left on disk");
        assert!(noted.iter().all(|entry| entry.notes.get().is_err() || entry.notes.is_empty()), "every one there is");
        let strengths = |data: &CycleData| -> Vec<String> {
            data.feedback.iter().flat_map(|file| &file.feedback).map(|entry| entry.strengths.clone()).collect()
        };
        assert_eq!(strengths(&held.world.data), strengths(&whole_data), "the strengths stay");
        let own = |data: &CycleData| data.feedback.iter().find(|file| file.reviewer == "P0001").cloned();
        assert_eq!(own(&held.world.data), own(&whole_data), "the actor's own feedback is read back");
        assert_eq!(of(&held.world.data.goals, "P0001"), of(&whole, "P0001"), "the actor's own texts are read back");
        let others: Vec<String> = whole.iter().map(|f| f.owner.to_string()).filter(|o| o != "P0001").collect();
        for person in &others {
            let file = of(&held.world.data.goals, person);
            let logs = || file.goals.iter().map(|goal| &goal.log);
            let log = logs().flat_map(|log| log.here().into_iter().flat_map(|log| log.iter())).map(|entry| &entry.text);
            let checks = file.goals.iter().filter_map(|goal| goal.check.as_ref()).map(|check| &check.comment);
            let texts: Vec<&Held<String>> = log.chain(checks).collect();
            let away = |text: &&Held<String>| text.get().is_err();
            let details = || file.goals.iter().map(|goal| &goal.detail);
            let ratings = || file.competencies.iter().map(|rating| &rating.notes);
            assert!(ratings().all(|r| r.get().is_err() || r.is_empty()), "{person}: every rating's notes there are");
            assert!(texts.iter().any(away) || details().any(|d| d.get().is_err()), "{person}: texts left on disk");
            assert!(texts.iter().all(|text| away(text) || text.is_empty()), "{person}: every one there is");
            assert!(details().all(|d| d.get().is_err() || d.is_empty()), "{person}: every goal's detail there is");
            let training = |log: &[crate::model::LogEntry]| log.iter().any(crate::model::LogEntry::is_training);
            let kept = |log: &[crate::model::LogEntry]| log.is_empty() || training(log);
            assert!(
                logs().all(|log| log.get().map_or(true, |log| kept(log))),
                "{person}: every Do log without training"
            );
            let write = FileWrite { source: source_of(&held, person), content: Content::Goals(file), create: false };
            assert!(matches!(held.save(&write), Err(StoreError::HeldInPart(_))), "{person} is never written held");
            assert!(held.read_whole(person).unwrap(), "{person} is read");
            assert!(!held.read_whole(person).unwrap(), "and read once");
        }
        assert_eq!(held.world.data.goals, whole, "every file read whole is the file as loaded whole");
        assert_eq!(held.world.data.feedback, whole_data.feedback, "and so is every rater's feedback file");
        let data = &held.world.data;
        assert!(!data.goals.iter().any(|file| file.holds_texts_on_disk()), "no goals file is held in part");
        assert!(!data.feedback.iter().any(|file| file.holds_texts_on_disk()), "nor any feedback file");
    }

    fn source_of(workspace: &Workspace, person: &str) -> Source {
        Source::Goals { cycle: workspace.world.data.cycle.id.clone(), person: person.into() }
    }

    #[test]
    fn a_file_changed_on_disk_since_the_load_is_not_read_into_it() {
        // A Do text, a title, a byte of a comment, the whole file: any change at all.
        let changes: [fn(String) -> String; 4] = [
            |text| text.replacen("text = \"", "text = \"追記:", 1),
            |text| text.replacen("title = \"", "title = \"変更:", 1),
            |text| text + "# \n",
            |_| String::new(),
        ];
        for change in changes {
            let (_dir, mut held) = leaving_texts_on_disk("P0001");
            let path = goals_path(&held, "P0002");
            std::fs::write(&path, change(std::fs::read_to_string(&path).unwrap())).unwrap();
            let before = held.world.data.goals.clone();
            assert!(held.read_whole("P0002").is_err());
            assert_eq!(held.world.data.goals, before, "nothing read in");
            assert!(held.holds_in_part(&source_of(&held, "P0002")), "still held in part");
        }
    }

    #[test]
    fn a_file_holding_what_equals_nothing_is_read_whole_as_any_other() {
        // NaN is unequal to itself: the file is known by its bytes, not by comparing records.
        let (dir, _) = sample("P0001");
        let path = dir.path().join("data/cycles/2026/goals/P0001.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("start = 0\n"));
        std::fs::write(&path, text.replacen("start = 0\n", "start = 0\ncurrent = nan\n", 1)).unwrap();
        let store = Store::new(dir.path().join("data")).leaving_texts_on_disk();
        let mut own = Workspace::open(store.clone(), None, "P0001".into(), today()).unwrap();
        let read = |log: &[crate::model::LogEntry]| log.iter().all(|e| e.text.get().is_ok());
        assert!(own.world.goals_of("P0001").iter().all(|g| g.log.get().is_ok_and(|log| read(log))));
        assert!(!own.holds_in_part(&source_of(&own, "P0001")));
        let mut other = Workspace::open(store, None, "P0002".into(), today()).unwrap();
        assert!(other.read_whole("P0001").unwrap());
        own.execute(add_log()).unwrap();
    }

    /// A step of P0001 on P0011's sheet.
    fn p0011_step(step: Step) -> Command {
        Command::Step { person: "P0011".into(), step, comment: "確認のため".into() }
    }

    /// P0011's confirmed sheet sent back by P0001 (who confirms it: their reviewer's
    /// reviewer), and P0001's session, leaving texts on disk, opened after.
    fn confirmed_sheet_sent_back() -> (tempfile::TempDir, Workspace) {
        let (dir, mut held) = leaving_texts_on_disk("P0001");
        held.execute(p0011_step(Step::SendBack)).unwrap();
        let held = Workspace::open(held.store.clone(), None, "P0001".into(), today()).unwrap();
        (dir, held)
    }

    #[test]
    fn a_confirmation_seals_the_comments_of_a_sheet_held_in_part_as_of_one_read_whole() {
        use crate::model::seal;
        let (_dir, mut held) = confirmed_sheet_sent_back();
        assert!(held.holds_in_part(&source_of(&held, "P0011")), "the sheet is held in part");
        held.execute(p0011_step(Step::Confirm)).unwrap();
        let sealed = held.world.feedback_file("P0001").unwrap().sheet.last().unwrap().confirmed.clone().unwrap();
        let whole = Store::new(held.store.root()).load(None).unwrap();
        let (_, now) = seal::snapshot(&crate::model::Hierarchy::new(&whole.org), &whole.data, "P0011");
        assert!(!now.checks.is_empty() && !now.abilities.is_empty());
        assert_eq!((sealed.checks, sealed.abilities), (now.checks, now.abilities), "sealed as read whole");
    }

    #[test]
    fn only_a_confirmation_needs_the_sheet_read_whole() {
        let (_dir, mut held) = confirmed_sheet_sent_back();
        // P0011's file changed on disk since this load.
        let path = goals_path(&held, "P0011");
        std::fs::write(&path, std::fs::read_to_string(&path).unwrap() + "# \n").unwrap();
        let feedback = held.store.root().join("cycles/2026/feedback/P0001.toml");
        let before = std::fs::read(&feedback).unwrap();
        let refused = held.execute(p0011_step(Step::Confirm));
        assert!(matches!(refused, Err(CommandError::Store(StoreError::ChangedOnDisk(_)))), "{refused:?}");
        assert_eq!(std::fs::read(&feedback).unwrap(), before, "nothing sealed");
        held.execute(p0011_step(Step::SendBackToDraft)).unwrap();
    }

    #[test]
    fn a_sealed_comment_left_on_disk_is_not_taken_for_a_change() {
        let (_dir, held) = leaving_texts_on_disk("P0001");
        let problems = |data: &CycleData| {
            let org = &held.world.org;
            crate::model::validate::confirmation_problems(&crate::model::Hierarchy::new(org), data)
        };
        let whole = Store::new(held.store.root()).load(None).unwrap().data;
        let mut thin = whole.clone();
        thin.goals.iter_mut().for_each(|file| _ = file.leave_texts_on_disk());
        assert_eq!(problems(&thin), problems(&whole));
        // A confirmation's snapshot left on disk is said, once, not passed as
        // unchanged: by the file's own check, as a comment left on disk is.
        thin.feedback.iter_mut().for_each(|file| _ = file.leave_texts_on_disk());
        let confirmed = crate::model::workflow::all_sheets(&crate::model::Hierarchy::new(&held.world.org), &whole);
        let confirmed: Vec<&str> =
            confirmed.by_person.iter().filter(|(_, s)| s.confirmation().is_some()).map(|(p, _)| *p).collect();
        assert!(!confirmed.is_empty(), "the sample has confirmed sheets");
        let org = &held.world.org;
        let whole_check = crate::model::validate::validate_cycle(org, &thin, &Default::default());
        let not_read = |problems: &[Problem], person: &str| {
            let kind = ProblemKind::TextNotRead { field: "sheet.plan" };
            problems.iter().filter(|p| p.kind == kind && p.subject.as_deref() == Some(person)).count()
        };
        let records = |person: &str| {
            let about = thin.feedback.iter().flat_map(|file| &file.sheet);
            about.filter(|r| r.person.as_deref() == Some(person) && r.plan.get().is_err()).count()
        };
        for person in confirmed {
            assert!(records(person) > 0 && not_read(&whole_check, person) == records(person), "{person}");
            assert_eq!(not_read(&problems(&thin), person), 0, "{person}: said once, by the file's check");
        }
    }

    #[test]
    fn a_command_writing_a_file_held_in_part_reads_it_whole_first() {
        let add = add_log;
        let (_whole_dir, mut whole) = sample("P0001");
        whole.execute(add()).unwrap();
        let (_dir, mut held) = leaving_texts_on_disk("P0001");
        // The actor's own file held in part, as when it changed on disk between the load and its reading back.
        let own = held.world.data.goals.iter_mut().find(|file| file.owner == "P0001").unwrap();
        own.leave_texts_on_disk();
        assert!(held.holds_in_part(&source_of(&held, "P0001")));
        held.execute(add()).unwrap();
        let written = std::fs::read_to_string(goals_path(&held, "P0001")).unwrap();
        assert_eq!(written, std::fs::read_to_string(goals_path(&whole, "P0001")).unwrap());
        assert!(!held.holds_in_part(&source_of(&held, "P0001")));
    }

    #[test]
    fn the_actors_own_sheet_is_read_whole_with_their_raters_files_about_it() {
        // 田中 (P0022): 小山内 (P0005) approved and rated the sheet in her own file.
        let (_dir, loaded) = leaving_texts_on_disk("P0022");
        let (_dir2, mut after) = sample("P0022");
        after.leave_texts_on_disk();
        for workspace in [&loaded, &after] {
            let rater = workspace.world.data.feedback.iter().find(|file| file.reviewer == "P0005").unwrap();
            let approval = rater.sheet.iter().find(|r| r.person.as_deref() == Some("P0022") && r.step == Step::Approve);
            assert!(approval.expect("approved").plan.get().is_ok(), "the approval's snapshot is here");
            let source = Source::Feedback { cycle: workspace.world.data.cycle.id.clone(), reviewer: "P0005".into() };
            assert!(!workspace.holds_in_part(&source), "the rater's file is read whole");
            let others =
                workspace.world.data.feedback.iter().map(|file| Source::Feedback {
                    cycle: workspace.world.data.cycle.id.clone(),
                    reviewer: file.reviewer,
                });
            assert!(
                others.filter(|source| workspace.holds_in_part(source)).count() > 0,
                "other raters' files stay held"
            );
        }
    }

    /// Every goals, feedback and 1on1 file the workspace holds in part.
    fn held_in_part(workspace: &Workspace) -> Vec<Source> {
        let data = &workspace.world.data;
        let cycle = || data.cycle.id.clone();
        let goals = data.goals.iter().map(|f| Source::Goals { cycle: cycle(), person: f.owner });
        let feedback = data.feedback.iter().map(|f| Source::Feedback { cycle: cycle(), reviewer: f.reviewer });
        let meetings = data.instruments.meetings.iter().map(|f| Source::Meetings { cycle: cycle(), writer: f.writer });
        goals.chain(feedback).chain(meetings).filter(|source| workspace.holds_in_part(source)).collect()
    }

    #[test]
    fn a_file_changed_on_disk_does_not_keep_a_persons_other_files_away() {
        // 田中's (P0022) goals file changed on disk; 小山内's (P0005) file about her did not.
        let (_dir, mut held) = leaving_texts_on_disk("P0001");
        let path = goals_path(&held, "P0022");
        std::fs::write(&path, std::fs::read_to_string(&path).unwrap() + "# \n").unwrap();
        let rater = Source::Feedback { cycle: held.world.data.cycle.id.clone(), reviewer: "P0005".into() };
        assert!(held.holds_in_part(&rater));
        assert!(matches!(held.read_whole("P0022"), Err(StoreError::ChangedOnDisk(_))));
        assert!(!held.holds_in_part(&rater), "the rater's file is read all the same");
        assert!(held.holds_in_part(&source_of(&held, "P0022")), "the changed file waits for the reload");
    }

    #[test]
    fn a_rating_written_into_a_feedback_file_held_in_part_reads_it_whole_first() {
        let rate = |workspace: &Workspace| {
            let file = workspace.world.data.feedback.iter().find(|file| file.reviewer == "P0004").unwrap();
            let rating = file.competency.last().unwrap();
            let level = if rating.level == Level::B { Level::A } else { Level::B };
            Command::RateAbility(AbilityRating { level, comment: "よく調整した".into(), ..rating.clone() })
        };
        let (_whole_dir, mut whole) = sample("P0004");
        whole.execute(rate(&whole)).unwrap();
        let (_dir, mut held) = leaving_texts_on_disk("P0004");
        // The actor's own file held in part, as when it changed on disk between the load and its reading back.
        let source = Source::Feedback { cycle: held.world.data.cycle.id.clone(), reviewer: "P0004".into() };
        let own = held.world.data.feedback.iter_mut().find(|file| file.reviewer == "P0004").unwrap();
        assert!(own.leave_texts_on_disk());
        assert!(held.holds_in_part(&source));
        let command = rate(&held);
        held.execute(command).unwrap();
        let path = |workspace: &Workspace| workspace.store.root().join("cycles/2026/feedback/P0004.toml");
        assert_eq!(std::fs::read_to_string(path(&held)).unwrap(), std::fs::read_to_string(path(&whole)).unwrap());
        assert!(!held.holds_in_part(&source));
    }

    #[test]
    fn every_reader_is_shown_the_meetings_they_were_shown_with_every_text_loaded() {
        let (_dir, any) = sample("P0001");
        let whole = by_writer(any.store.clone().reading_texts().load(None).unwrap().data.instruments.meetings);
        let people: Vec<&str> = any.world.org.people.iter().map(|p| p.id.as_str()).collect();
        for &reader in &people {
            let held = Workspace::open(any.store.clone(), None, reader.into(), any.today).unwrap();
            let hierarchy = held.world.hierarchy();
            let files = by_writer(held.world.data.instruments.meetings.clone());
            assert_eq!(visible(&hierarchy, reader, &files), visible(&hierarchy, reader, &whole), "{reader}");
            for &person in &people {
                let seen = |files| of_person(&hierarchy, reader, files, person);
                assert_eq!(seen(&files), seen(&whole), "{reader} on {person}");
            }
        }
    }

    #[test]
    fn a_reload_leaves_out_the_same_texts_again() {
        let (_dir, mut workspace) = sample("P0007");
        let (_dir2, mut held) = leaving_texts_on_disk("P0022");
        for workspace in [&mut workspace, &mut held] {
            let opened = (held_in_part(workspace), workspace.world.data.clone());
            assert!(!opened.0.is_empty());
            workspace.reload().unwrap();
            assert_eq!((held_in_part(workspace), workspace.world.data.clone()), opened);
        }
        // And each person's sheet is read whole after it as before it.
        let everyone: Vec<String> = held.world.org.people.iter().map(|p| p.id.to_string()).collect();
        everyone.iter().for_each(|person| _ = held.read_whole(person).unwrap());
        let still = held_in_part(&held);
        assert!(still.iter().all(|source| matches!(source, Source::Meetings { .. })), "{still:?}");
    }

    #[test]
    fn a_meetings_file_held_in_part_is_never_written() {
        let hr = "P0007";
        let (_dir, mut workspace) = sample(hr);
        let writers = held_in_part(&workspace).into_iter().filter_map(|source| match source {
            Source::Meetings { writer, .. } => Some(writer),
            _ => None,
        });
        let writer = writers.min().expect("HR holds others' 1on1s in part");
        let file = workspace.world.data.instruments.meetings.iter().find(|f| f.writer == writer).unwrap().clone();
        let others = file.meetings.iter().filter(|m| m.with != hr);
        assert!(
            others.clone().count() > 0
                && others.clone().all(|m| m.texts.notes.is_empty() && m.texts.actions.is_empty())
        );
        let source = Source::Meetings { cycle: workspace.world.data.cycle.id.clone(), writer };
        let path = workspace.store.root().join(Store::relative_path(&source));
        let before = std::fs::read(&path).unwrap();
        let write = FileWrite { source, content: Content::Meetings(file), create: false };
        assert!(matches!(workspace.save(&write), Err(StoreError::HeldInPart(_))));
        assert_eq!(std::fs::read(&path).unwrap(), before, "the notes on disk are as they were");
    }
}
