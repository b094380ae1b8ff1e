//! The instruments' files: each cycle's 1on1s (one file per writer) and engagement
//! results, and the data set's course and question lists. All are optional; a file
//! that does not parse is reported with file:line:column like any other.

use crate::model::hash::HashMap;
use std::path::PathBuf;

use super::cache::CacheRun;
use super::{Store, StoreError, Version};
use crate::model::engagement::{EngagementFile, QuestionList};
use crate::model::meetings::MeetingsFile;
use crate::model::training::CourseList;
use crate::model::{CycleId, Instruments, Problem, Source};

pub const MEETINGS_DIR: &str = "meetings";
pub const ENGAGEMENT_FILE: &str = "engagement.toml";
pub const COURSES_FILE: &str = "courses.toml";
pub const QUESTIONS_FILE: &str = "engagement-questions.toml";

impl Store {
    /// Loads a cycle's instruments and the lists they refer to.
    pub(super) fn load_instruments(
        &self,
        cycle: &str,
        versions: &mut HashMap<PathBuf, Version>,
        problems: &mut Vec<Problem>,
        cache: Option<&CacheRun>,
    ) -> Result<Instruments, StoreError> {
        let meetings = self.load_folder(
            cycle,
            MEETINGS_DIR,
            versions,
            problems,
            |writer| Source::Meetings { cycle: cycle.into(), writer },
            (
                |file: &MeetingsFile| ("writer", file.writer.as_str()),
                |file: &mut MeetingsFile| self.shed_meetings(file),
            ),
            cache,
        )?;
        let engagement = self.load_optional(&Source::Engagement(cycle.into()), versions, problems, cache)?;
        let courses: Option<CourseList> = self.load_optional(&Source::Courses, versions, problems, cache)?;
        let questions =
            self.load_optional(&Source::EngagementQuestions, versions, problems, cache)?.unwrap_or_default();
        Ok(Instruments { meetings, engagement, courses, questions })
    }

    /// A cycle's engagement results, read-only (e.g. the previous cycle's, to show the
    /// change); `None` when HR has imported none for it.
    pub fn read_engagement(&self, cycle: &CycleId) -> Result<Option<EngagementFile>, StoreError> {
        self.read_file(&Source::Engagement(cycle.clone()))
    }

    /// The question list of the data set: its file, else the seed's 13 questions.
    pub fn read_questions(&self) -> Result<QuestionList, StoreError> {
        Ok(self.read_file(&Source::EngagementQuestions)?.unwrap_or_default())
    }

    /// The cycle before `cycle` in the data set's order (oldest first), for comparisons.
    pub fn previous_cycle(&self, cycle: &str) -> Result<Option<CycleId>, StoreError> {
        let cycles = self.cycle_ids()?;
        Ok(cycles.iter().position(|c| c == cycle).and_then(|at| at.checked_sub(1)).map(|at| cycles[at].clone()))
    }
}
