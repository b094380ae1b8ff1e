//! The instruments that feed Check besides the goals themselves: 1on1 records,
//! engagement survey results and training (course completions in the Do log, read
//! from the goals files), with the lists HR keeps for them.

use super::engagement::{EngagementFile, QuestionList};
use super::meetings::MeetingsFile;
use super::training::CourseList;

/// One cycle's instrument records and the data set's lists they refer to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Instruments {
    /// `cycles/<cycle>/meetings/<writer>.toml`, by writer.
    pub meetings: Vec<MeetingsFile>,
    /// `cycles/<cycle>/engagement.toml`, when HR has imported the survey.
    pub engagement: Option<EngagementFile>,
    /// `courses.toml`; `None` when the data set keeps no course list (then course
    /// names are not checked).
    pub courses: Option<CourseList>,
    /// `engagement-questions.toml`, else the seed's 13 questions.
    pub questions: QuestionList,
}
