//! A 1on1's texts in a box, and no box where there are none: a city's app holds
//! tens of thousands of others' 1on1s with their texts left out (only the two
//! people see them), each then 8 bytes for them rather than 80.

use std::fmt;
use std::ops::{Deref, DerefMut};

use serde::{Serialize, Serializer};

use super::MeetingTexts;
use crate::model::types::Extra;

/// [`MeetingTexts`], written as they are (flattened into the meeting) and read
/// through the meeting's keys.
#[derive(Clone, Default)]
pub struct Texts(Option<Box<MeetingTexts>>);

/// What a meeting without texts reads.
static NONE: MeetingTexts =
    MeetingTexts { agenda: String::new(), notes: String::new(), actions: Vec::new(), extra: Extra::new() };

impl Texts {
    /// The texts, leaving none.
    pub fn take(&mut self) -> MeetingTexts {
        self.0.take().map(|texts| *texts).unwrap_or_default()
    }
}

impl From<MeetingTexts> for Texts {
    fn from(texts: MeetingTexts) -> Texts {
        Texts((texts != MeetingTexts::default()).then(|| Box::new(texts)))
    }
}

impl Deref for Texts {
    type Target = MeetingTexts;

    fn deref(&self) -> &MeetingTexts {
        self.0.as_deref().unwrap_or(&NONE)
    }
}

/// Written to, the texts get their box.
impl DerefMut for Texts {
    fn deref_mut(&mut self) -> &mut MeetingTexts {
        self.0.get_or_insert_default()
    }
}

/// No texts and empty texts are the same texts.
impl PartialEq for Texts {
    fn eq(&self, other: &Texts) -> bool {
        **self == **other
    }
}

impl fmt::Debug for Texts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt(f)
    }
}

impl Serialize for Texts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::super::Meeting;
    use super::*;

    const MEETING: &str = "date = 2026-06-01\nwith = \"P0003\"\nkind = \"manager\"\nagenda = \"議題\"\n\
                           notes = \"面談\"\nmood = 4\n\n[[actions]]\ntext = \"資料を作る\"\ndone = true\n";

    #[test]
    fn a_meeting_keeps_its_texts_boxed_and_none_when_they_are_empty() {
        assert_eq!(size_of::<Meeting>(), 24, "112 bytes with the texts in it, 40 with an inline person id");
        let mut meeting: Meeting = toml::from_str(MEETING).unwrap();
        assert_eq!((meeting.texts.agenda.as_str(), meeting.texts.notes.as_str()), ("議題", "面談"));
        assert!(meeting.texts.actions[0].done && meeting.texts.extra.get("mood").is_some());
        let taken = meeting.texts.take();
        assert!(meeting.texts.0.is_none() && meeting.texts == Texts::from(MeetingTexts::default()));
        assert!(Texts::from(MeetingTexts::default()).0.is_none(), "empty texts take no box");
        meeting.texts.notes = "追記".into();
        assert_eq!(meeting.texts.notes, "追記", "written to, they get their box");
        assert_eq!(taken.notes, "面談");
    }

    /// A text of the wrong kind is said where it stands, not where its meeting does.
    #[test]
    fn a_bad_text_of_a_meeting_is_said_where_it_stands() {
        let text = "date = 2026-06-01\nwith = \"P0003\"\nkind = \"manager\"\nagenda = 5\n";
        let error = toml::from_str::<Meeting>(text).unwrap_err();
        assert_eq!(error.span().map(|span| &text[span]), Some("5"), "{error}");
        assert!(error.message().contains("expected a string"), "{error}");
    }

    /// The keys stand where they stood, in TOML and in the parse cache.
    #[test]
    fn a_meeting_reads_and_writes_its_keys_where_they_stood() {
        let meeting: Meeting = toml::from_str(MEETING).unwrap();
        let written = toml::to_string(&meeting).unwrap();
        assert_eq!(written, MEETING);
        let cached: Meeting = rmp_serde::from_slice(&rmp_serde::to_vec_named(&meeting).unwrap()).unwrap();
        assert_eq!(cached, meeting);
        let bare: Meeting = toml::from_str("date = 2026-06-01\nwith = \"P0003\"\nkind = \"mentor\"\n").unwrap();
        assert!(bare.texts.0.is_none());
        assert_eq!(toml::to_string(&bare).unwrap(), "date = 2026-06-01\nwith = \"P0003\"\nkind = \"mentor\"\n");
    }
}
