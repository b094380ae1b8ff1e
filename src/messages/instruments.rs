//! The words of the instruments: 1on1 agenda topics, engagement bands, the
//! checks of 1on1s, engagement results, training and metric sources, and the
//! errors of the engagement CSV import.

use super::Message;
use crate::hr::csv_rows::CsvProblem;
use crate::hr::engagement::{FileError, HeaderProblem, RowError, RowProblem};
use crate::model::agenda::Topic;
use crate::model::engagement::Band;
use crate::model::problem::InstrumentProblem;

/// Messages whose Japanese and English texts are made together.
trait Pair {
    fn pair(&self) -> (String, String);
}

macro_rules! from_pair {
    ($($type:ty),*) => {$(
        impl Message for $type {
            fn ja(&self) -> String {
                self.pair().0
            }

            fn en(&self) -> String {
                self.pair().1
            }
        }
    )*};
}

from_pair!(InstrumentProblem, Topic<'_>, Band, FileError, RowError);

impl Pair for InstrumentProblem {
    fn pair(&self) -> (String, String) {
        match self {
            InstrumentProblem::MeetingWithoutOther => (
                "1on1の相手（`with`）が記録者本人になっている".to_owned(),
                "the 1on1's `with` is its writer; a 1on1 is between the writer and someone else".to_owned(),
            ),
            InstrumentProblem::UnknownCourse { field, course } => (
                format!("`{field}` の研修「{course}」は研修一覧（courses.toml）にない"),
                format!("`{field}` names course `{course}`, which is not in courses.toml"),
            ),
            InstrumentProblem::CompletedWithoutCourse => (
                "`completed = true` だが研修（`course`）の指定がない".to_owned(),
                "`completed = true` without a `course`".to_owned(),
            ),
            InstrumentProblem::UnknownQuestion { field, question } => (
                format!("`{field}` の設問 `{question}` は設問一覧にない"),
                format!("`{field}` names question `{question}`, which is not in the question list"),
            ),
            InstrumentProblem::UnknownSource { source } => (
                format!("指標の `source` `{source}` は不明（training、engagement、meetings のいずれか）"),
                format!("metric `source` `{source}` is unknown (training, engagement or meetings)"),
            ),
            InstrumentProblem::SourceWithoutCourse => (
                "`source = \"training\"` には `course` が必要".to_owned(),
                "`source = \"training\"` needs a `course`".to_owned(),
            ),
            InstrumentProblem::MetricWithoutValue => (
                "指標に `current` も `source` もない".to_owned(),
                "the metric has neither `current` nor `source`".to_owned(),
            ),
            InstrumentProblem::MeanOutOfRange { mean } => {
                (format!("平均 {mean} が1〜5の範囲外"), format!("mean {mean} is outside the survey's 1–5 scale"))
            }
            InstrumentProblem::DuplicateResult { unit, question } => (
                format!("組織 `{unit}` の設問 `{question}` の結果が複数ある"),
                format!("unit `{unit}` has more than one result for question `{question}`"),
            ),
            InstrumentProblem::OwnMentor => {
                ("本人が自分のメンターになっている".to_owned(), "is their own mentor".to_owned())
            }
        }
    }
}

impl Pair for Topic<'_> {
    fn pair(&self) -> (String, String) {
        match self {
            Topic::UnfinishedAgreement { date, action } => (
                format!("前回（{date}）の約束「{}」が未完了", action.text),
                format!("Agreed on {date}, not done yet: {}", action.text),
            ),
            Topic::BehindPace { goal, progress, expected } => (
                format!("「{}」の進捗{progress:.0}%（期間の経過{expected:.0}%）", goal.title),
                format!("\"{}\" is at {progress:.0}% with {expected:.0}% of the cycle gone", goal.title),
            ),
            Topic::OpenActionItem { goal, item } => (
                format!("改善項目「{}」（{}）", item.issue, goal.title),
                format!("Open action item \"{}\" ({})", item.issue, goal.title),
            ),
            Topic::MissingSelfCheck { goal } => {
                (format!("「{}」の自己評価が未記入", goal.title), format!("No self-check yet on \"{}\"", goal.title))
            }
            Topic::NoRecognition { last: Some(last) } => (
                format!("今四半期は良かった点を伝えていない（前回 {last}）"),
                format!("No strengths recognised this quarter (last on {last})"),
            ),
            Topic::NoRecognition { last: None } => {
                ("今期はまだ良かった点を伝えていない".to_owned(), "No strengths recognised yet this cycle".to_owned())
            }
        }
    }
}

impl Pair for Band {
    fn pair(&self) -> (String, String) {
        let (ja, en) = {
            match self {
                Band::Low => ("低い", "low"),
                Band::BelowAverage => ("平均未満", "below average"),
                Band::Average => ("平均的", "average"),
                Band::High => ("高い", "high"),
            }
        };
        (ja.to_owned(), en.to_owned())
    }
}

impl Pair for FileError {
    fn pair(&self) -> (String, String) {
        match self {
            FileError::Unreadable { file, line, problem: CsvProblem::NotUtf8 { column } } => (
                format!("{file}:{line}: {column} 列目が UTF-8 ではありません。「CSV UTF-8」形式で保存してください"),
                format!("{file}:{line}: column {column} is not valid UTF-8; save the file as \"CSV UTF-8\""),
            ),
            FileError::Unreadable { file, line, problem: CsvProblem::Broken } => {
                (format!("{file}:{line}: CSV として読めません"), format!("{file}:{line}: cannot be read as CSV"))
            }
            FileError::Empty { file } => (format!("{file}: 行がありません"), format!("{file}: the file has no rows")),
            FileError::BadHeader { file, reason: HeaderProblem::UnknownColumn(cell) } => (
                format!("{file}:1: 見出しの列「{cell}」は不明です (unit, question, mean, respondents)"),
                format!("{file}:1: header: unknown column `{cell}` (known: unit, question, mean, respondents)"),
            ),
            FileError::BadHeader { file, reason: HeaderProblem::DuplicateColumn(column) } => (
                format!("{file}:1: 見出しの列 {column} が2回あります"),
                format!("{file}:1: header: column `{column}` appears twice"),
            ),
            FileError::BadHeader { file, reason: HeaderProblem::MissingColumn(column) } => (
                format!("{file}:1: 見出しに必要な列 {column} がありません"),
                format!("{file}:1: header: the required column `{column}` is missing"),
            ),
        }
    }
}

impl Pair for RowError {
    fn pair(&self) -> (String, String) {
        let (ja, en) = match &self.problem {
            RowProblem::ColumnCount { expected, found } => (
                format!("列が{found}個あります ({expected}個必要)"),
                format!("expected {expected} columns, found {found}"),
            ),
            RowProblem::ControlCharacter { column } => {
                (format!("列 {column} に制御文字があります"), format!("column `{column}` contains a control character"))
            }
            RowProblem::UnknownUnit(unit) => {
                (format!("組織「{unit}」は org.toml にありません"), format!("unknown unit `{unit}`"))
            }
            RowProblem::UnknownQuestion(question) => {
                (format!("設問「{question}」は設問一覧にありません"), format!("unknown question `{question}`"))
            }
            RowProblem::BadMean(text) => {
                (format!("平均「{text}」が数値ではありません"), format!("mean `{text}` is not a number"))
            }
            RowProblem::MeanOutOfRange(mean) => {
                (format!("平均 {mean} が1〜5の範囲外です"), format!("mean {mean} is outside the survey's 1–5 scale"))
            }
            RowProblem::BadRespondents(text) => (
                format!("回答者数「{text}」が0以上の整数ではありません"),
                format!("respondents `{text}` is not a whole number of 0 or more"),
            ),
            RowProblem::Duplicate { first_line } => (
                format!("{first_line}行目と同じ組織・設問です"),
                format!("same unit and question as line {first_line}"),
            ),
        };
        let place = format!("{}:{}", self.file, self.line);
        (format!("{place}: {ja}"), format!("{place}: {en}"))
    }
}
