//! Where something in the data set is: which file, and where in it.

use std::fmt;

use super::types::{CycleId, PersonId};

/// Which file of the data set a problem is in; the store turns it into a path.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    Info,
    Org,
    Cycle(CycleId),
    Goals {
        cycle: CycleId,
        person: PersonId,
    },
    Feedback {
        cycle: CycleId,
        reviewer: PersonId,
    },
    /// `competencies.toml`, the competency framework.
    Competencies,
    /// `cycles/<cycle>/calibration/<calibrator>.toml`.
    Calibration {
        cycle: CycleId,
        calibrator: PersonId,
    },
    /// `cycles/<cycle>/meetings/<writer>.toml`, the 1on1s one person wrote down.
    Meetings {
        cycle: CycleId,
        writer: PersonId,
    },
    /// `cycles/<cycle>/engagement.toml`, the survey's results (HR).
    Engagement(CycleId),
    /// `courses.toml`, the course list (HR).
    Courses,
    /// `engagement-questions.toml`, the survey's questions (HR).
    EngagementQuestions,
    /// `audit/<admin>.toml`, what an administrator did as someone else.
    Audit {
        admin: PersonId,
    },
}

/// 1-based line and column (in characters) in a file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// The location of byte `offset` in `text`; columns count characters, so a
    /// Japanese line points where an editor would.
    pub fn at(text: &str, offset: usize) -> Location {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |at| at + 1);
        Location { line: before.matches('\n').count() + 1, column: before[line_start..].chars().count() + 1 }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}
