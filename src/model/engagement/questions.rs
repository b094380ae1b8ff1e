//! The survey's questions and the groups they are read in. The default is the
//! seed's survey: the twelve basic items and 「青森市役所で働く誇り」, in the five
//! groups of its table. HR may replace it with `engagement-questions.toml` at the
//! data-set root (same shape as [`QuestionList`]).

use serde::{Deserialize, Serialize};

use crate::model::types::Extra;

/// `engagement-questions.toml`, or the seed's 13 questions when the file is absent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuestionList {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<QuestionGroup>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<Question>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuestionGroup {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name_en: String,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Question {
    /// What result rows and metric sources name it by, e.g. `Q4`.
    pub id: String,
    /// The id of its group.
    pub group: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text_en: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The seed's groups: id, name, English name.
const SEED_GROUPS: [(&str, &str, &str); 5] = [
    ("basics", "仕事の基本・環境整備", "Basics and working environment"),
    ("contribution", "能力発揮・貢献", "Using one's strengths and contributing"),
    ("belonging", "帰属・信頼", "Belonging and trust"),
    ("growth", "成長", "Growth"),
    ("pride", "誇り", "Pride"),
];

/// The seed's questions: id, group, text, English text.
const SEED_QUESTIONS: [(&str, &str, &str, &str); 13] = [
    ("Q1", "basics", "業務を遂行するうえで、何を期待されているか知っている", "I know what is expected of me at work"),
    ("Q2", "basics", "仕事を適切に行うために、必要な環境が整備されている", "I have what I need to do my work properly"),
    (
        "Q3",
        "contribution",
        "仕事をする上で、最も得意なことをする機会がある",
        "At work, I have the chance to do what I do best",
    ),
    (
        "Q4",
        "contribution",
        "この1週間で、良い仕事をしていることを褒められたり認められたりした",
        "In the last week, I was praised or recognised for doing good work",
    ),
    (
        "Q5",
        "contribution",
        "上司や職場の同僚は、一人の人間として気遣ってくれる",
        "My manager and colleagues care about me as a person",
    ),
    ("Q6", "contribution", "仕事上で、成長を後押ししてくれる上司・同僚がいる", "Someone at work encourages my growth"),
    ("Q7", "belonging", "仕事上で、あなたの意見は取り入れられている", "At work, my opinions count"),
    (
        "Q8",
        "belonging",
        "青森市が掲げている目的は、自分の仕事が重要なものであると感じさせる",
        "The city's mission makes me feel my work is important",
    ),
    (
        "Q9",
        "belonging",
        "同僚は、質の高い仕事をするよう真剣に取り組んでいる",
        "My colleagues are committed to doing quality work",
    ),
    (
        "Q10",
        "belonging",
        "仕事上でなんでも話せる同僚・パートナーはいる",
        "I have a colleague or partner at work I can talk to about anything",
    ),
    (
        "Q11",
        "growth",
        "この半年で仕事の成長度合いについて誰かと話をした",
        "In the last six months, someone talked with me about my progress",
    ),
    (
        "Q12",
        "growth",
        "この1年の間に、仕事上で学び、成長する機会を持った",
        "In the last year, I had opportunities at work to learn and grow",
    ),
    ("Q13", "pride", "青森市役所で働くことについて誇りをもっている", "I am proud to work at Aomori City Hall"),
];

impl Default for QuestionList {
    /// The seed's 13 questions in its five groups.
    fn default() -> Self {
        QuestionList {
            groups: SEED_GROUPS
                .iter()
                .map(|(id, name, name_en)| QuestionGroup {
                    id: (*id).into(),
                    name: (*name).into(),
                    name_en: (*name_en).into(),
                    extra: Extra::new(),
                })
                .collect(),
            questions: SEED_QUESTIONS
                .iter()
                .map(|(id, group, text, text_en)| Question {
                    id: (*id).into(),
                    group: (*group).into(),
                    text: (*text).into(),
                    text_en: (*text_en).into(),
                    extra: Extra::new(),
                })
                .collect(),
            extra: Extra::new(),
        }
    }
}

impl QuestionList {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|question| question.id == id)
    }

    pub fn group(&self, id: &str) -> Option<&QuestionGroup> {
        self.groups.iter().find(|group| group.id == id)
    }

    /// The question a result row names: by id, or by its number as the survey
    /// prints it (`4` for `Q4`).
    pub fn resolve(&self, name: &str) -> Option<&Question> {
        let name = name.trim();
        self.question(name).or_else(|| {
            let number: u32 = name.parse().ok()?;
            self.question(&format!("Q{number}"))
        })
    }

    /// The questions of a group, in list order.
    pub fn in_group<'a>(&'a self, group: &'a str) -> impl Iterator<Item = &'a Question> {
        self.questions.iter().filter(move |question| question.group == group)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_the_seeds_13_questions_in_five_groups() {
        let list = QuestionList::default();
        assert_eq!(list.questions.len(), 13);
        let sizes: Vec<(&str, usize)> =
            list.groups.iter().map(|g| (g.name.as_str(), list.in_group(&g.id).count())).collect();
        assert_eq!(
            sizes,
            [("仕事の基本・環境整備", 2), ("能力発揮・貢献", 4), ("帰属・信頼", 4), ("成長", 2), ("誇り", 1)]
        );
        assert!(list.questions.iter().all(|q| list.group(&q.group).is_some()));
        assert_eq!(list.resolve("4").map(|q| q.id.as_str()), Some("Q4"));
        assert_eq!(
            list.resolve(" Q11 ").map(|q| q.text.as_str()),
            Some("この半年で仕事の成長度合いについて誰かと話をした")
        );
        assert_eq!(list.resolve("14"), None);
    }

    #[test]
    fn a_question_file_replaces_the_default_and_keeps_unknown_keys() {
        let text = "[[groups]]\nid = \"g\"\nname = \"職場\"\n\n[[questions]]\nid = \"W1\"\ngroup = \"g\"\n\
                    text = \"職場の雰囲気が良い\"\nnote = \"kept\"\n";
        let list: QuestionList = toml::from_str(text).unwrap();
        assert_eq!(list.questions.len(), 1);
        assert_eq!(list.resolve("1"), None, "numbers only reach Q-ids");
        assert_eq!(toml::to_string(&list).unwrap(), text);
    }
}
