//! Files a session holds in part: what the actor is never shown (others' 1on1
//! texts), and, in a session that leaves texts on disk, the texts of everyone's
//! sheets but the actor's own until a sheet shows them ([`crate::model::Held`]).
//! A person's sheet shows texts of their goals file and of their raters' feedback
//! files; reading the person whole reads those.

use rayon::prelude::*;

use super::Workspace;
use crate::model::meetings;
use crate::model::{CycleData, HeldTexts, PersonId, Source};
use crate::store::{Store, StoreError};

/// Where each person's sheet has texts left on disk. Which files are held in
/// part their records say: goals and feedback files by the texts they hold on
/// disk ([`HeldTexts`]), 1on1 files by `texts_left_out`.
#[derive(Debug, Default)]
pub(super) struct HeldInPart {
    /// (person, rater) for each rater whose feedback file holds texts of the
    /// person's sheet, sorted, each once: looked up whenever a sheet is on screen,
    /// at every key. A list of pairs rather than a map of lists: a city's 20,000
    /// sheets and their raters took 3 MB so.
    raters_of: Vec<(PersonId, PersonId)>,
}

impl HeldInPart {
    /// Notes the raters of every feedback file of `data` that holds texts on disk.
    fn note_raters(&mut self, data: &CycleData) {
        for file in data.feedback.iter().filter(|file| file.holds_texts_on_disk()) {
            // Each person once per file: a file names a person at every rating.
            let mut people: Vec<&str> = file.people_held().collect();
            people.sort_unstable();
            people.dedup();
            self.raters_of.extend(people.into_iter().map(|person| (PersonId::from(person), file.reviewer)));
        }
        self.raters_of.sort_unstable();
        self.raters_of.dedup();
        self.raters_of.shrink_to_fit();
    }

    /// The raters whose feedback files hold texts of `person`'s sheet.
    fn raters_of<'a>(&'a self, person: &'a str) -> impl Iterator<Item = PersonId> + 'a {
        let first = self.raters_of.partition_point(|(rated, _)| rated.as_str() < person);
        self.raters_of[first..].iter().take_while(move |(rated, _)| *rated == person).map(|&(_, rater)| rater)
    }
}

impl Workspace {
    /// Whether the file `source` names is held in part: never to be written from
    /// here, and to be read whole before a command writes it or a sheet shows it.
    pub(super) fn holds_in_part(&self, source: &Source) -> bool {
        let (world, this_cycle) = (&self.world, &self.world.data.cycle.id);
        match source {
            Source::Goals { cycle, person } if cycle == this_cycle => {
                world.goals_file(person).is_some_and(HeldTexts::holds_texts_on_disk)
            }
            Source::Feedback { cycle, reviewer } if cycle == this_cycle => {
                world.feedback_file(reviewer).is_some_and(HeldTexts::holds_texts_on_disk)
            }
            Source::Meetings { cycle, writer } if cycle == this_cycle => {
                let mut files = world.data.instruments.meetings.iter();
                files.find(|file| file.writer == *writer).is_some_and(|file| file.texts_left_out)
            }
            _ => false,
        }
    }

    /// Leaves on disk, from now on and in every reload, the texts of everyone's
    /// sheet but the actor's own: what a long session holding a city's sheets
    /// draws one sheet at a time ([`crate::model::Held`]). Whoever shows a sheet
    /// reads it whole first ([`Workspace::read_whole`]); a command that writes a
    /// file held so reads it whole before it is applied.
    pub fn leave_texts_on_disk(&mut self) {
        // Loaded by such a store, the texts were left as the files were read.
        if self.store.leaves_texts_on_disk() {
            return;
        }
        self.store = self.store.clone().leaving_texts_on_disk();
        let actor = self.actor;
        let data = &mut self.world.data;
        data.goals.par_iter_mut().filter(|file| file.owner != actor).for_each(|file| _ = file.leave_texts_on_disk());
        data.feedback.iter_mut().filter(|file| file.reviewer != actor).for_each(|file| _ = file.leave_texts_on_disk());
        self.held.note_raters(data);
        self.read_own_sheet();
    }

    /// Reads the actor's own files whole, and their raters' files about their sheet,
    /// as every screen of theirs shows them. One changed on disk since the load
    /// stays held until the reload that change calls for; whatever shows it then
    /// says so.
    pub(super) fn read_own_sheet(&mut self) {
        let actor = self.actor;
        let own_feedback = Source::Feedback { cycle: self.world.data.cycle.id.clone(), reviewer: actor };
        _ = self.read_file_whole(&own_feedback);
        _ = self.read_whole(&actor);
    }

    /// Reads `person`'s sheet whole, their goals file and their raters' feedback
    /// files, where their texts were left on disk; answers whether it read any. A
    /// file changed on disk since it was loaded is not read: the reload it calls
    /// for brings it. Every file is tried; the first that failed is the error (the
    /// others may have been read).
    pub fn read_whole(&mut self, person: &str) -> Result<bool, StoreError> {
        let cycle = self.world.data.cycle.id.clone();
        let raters: Vec<PersonId> = self.held.raters_of(person).collect();
        let feedback = raters.into_iter().map(|reviewer| Source::Feedback { cycle: cycle.clone(), reviewer });
        let sources = std::iter::once(Source::Goals { cycle: cycle.clone(), person: person.into() }).chain(feedback);
        let (mut read, mut failed) = (false, None);
        for source in sources.collect::<Vec<_>>() {
            match self.read_file_whole(&source) {
                Ok(was_held) => read |= was_held,
                Err(error) => failed = failed.or(Some(error)),
            }
        }
        failed.map_or(Ok(read), Err)
    }

    /// Reads `person`'s goals file whole where its texts were left on disk (see
    /// [`Workspace::read_whole`]), and answers whether it did.
    pub fn read_goals_whole(&mut self, person: &str) -> Result<bool, StoreError> {
        let cycle = self.world.data.cycle.id.clone();
        self.read_file_whole(&Source::Goals { cycle, person: person.into() })
    }

    /// Reads the goals or feedback file `source` names whole when it is held in
    /// part, and answers whether it did. Other files held in part (others' 1on1s)
    /// are never read whole: their texts are not the actor's to see.
    pub(super) fn read_file_whole(&mut self, source: &Source) -> Result<bool, StoreError> {
        if !self.holds_in_part(source) {
            return Ok(false);
        }
        let (store, versions) = (&self.store, &self.versions);
        let filled = match source {
            Source::Goals { .. } => self.world.fill_in_goals_file(store.read_as_loaded(versions, source)?),
            Source::Feedback { .. } => self.world.fill_in_feedback_file(store.read_as_loaded(versions, source)?),
            _ => return Ok(false),
        };
        if !filled {
            return Err(StoreError::ChangedOnDisk(self.store.display_path(source)));
        }
        Ok(true)
    }
}

/// Leaves out of a loaded cycle what `actor` is never shown (the texts of 1on1s
/// they were not one of the pair of; a store reading as `actor` left them out
/// already) and answers the raters whose files the store left texts of as it
/// read them.
pub(super) fn leave_out(store: &Store, data: &mut CycleData, actor: &str) -> HeldInPart {
    data.instruments.meetings.iter_mut().for_each(|file| meetings::leave_out_others_texts(file, actor));
    let mut held = HeldInPart::default();
    if store.leaves_texts_on_disk() {
        held.note_raters(data);
    }
    held
}
