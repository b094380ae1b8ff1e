//! The words of the instruments in the app and in `pdca show`: 1on1 lists and
//! forms, recency in the inbox and the People tab, the engagement view and the
//! engagement import's report.

use super::{Message, messages, names};
use crate::model::meetings::MeetingKind;
use crate::view::engagement::Named;

/// A name the data gives in both languages (a question, a group); English falls
/// back to the Japanese where the list has none.
impl Message for Named {
    fn ja(&self) -> String {
        self.ja.clone()
    }

    fn en(&self) -> String {
        if self.en.is_empty() { self.ja.clone() } else { self.en.clone() }
    }
}

names!(MeetingKind {
    MeetingKind::Manager => "上司", "manager";
    MeetingKind::Mentor => "メンター", "mentor";
});

messages! {
    pub enum InstrumentText {
        // Recency, in the inbox and the People tab.
        InboxMeeting => "1on1", "1on1";
        InboxPraise => "称賛", "Kudos";
        Days { days: i64 } => "{days}日", "{days}d";
        Never => "なし", "never";
        PeopleRecency { meeting: String, praise: String } => "1on1 {meeting} 称賛 {praise}", "1on1 {meeting} praise {praise}";

        // 1on1 lists.
        MeetingsHeading { count: usize } => "1on1 {count}件", "{count} 1on1s";
        MeetingLine { date: String, kind: String, writer: String, with: String } =>
            "{date}  [{kind}]  {writer} → {with}", "{date}  [{kind}]  {writer} → {with}";
        Agenda => "議題", "Agenda";
        Notes => "記録", "Notes";
        Agreed => "約束", "Agreed";
        DoneMark => "済", "done";
        ForGoal { goal: String } => "（目標 {goal}）", " (goal {goal})";
        TextPrivate => "（内容は本人同士だけが読めます）", "(only the two people read what was said)";
        NoMeetings => "1on1の記録はありません", "No 1on1s recorded";
        MeetingsHint { new: String, edit: String, survey: String } =>
            "{new} 新しい1on1  {edit} 自分の記録を編集  {survey} 意識調査", "{new} new 1on1  {edit} edit your record  {survey} survey";

        // 1on1 forms.
        ChoosePartnerTitle => "1on1の相手", "1on1 with whom";
        FieldWith => "相手", "With";
        NewMeetingTitle { person: String } => "1on1の記録: {person}", "1on1 with {person}";
        EditMeetingTitle { person: String, date: String } => "1on1の記録 ({date}): {person}", "1on1 on {date} with {person}";
        FieldMeetingKind => "種類", "Kind";
        FieldMeetingDate => "日付", "Date";
        TopicLabel { n: usize } => "議題案{n}", "Topic {n}";
        TopicDropped { topic: String } => "（外す）{topic}", "(dropped) {topic}";
        FieldMoreAgenda => "議題", "Agenda";
        FieldNotes => "記録", "Notes";
        FieldAction { n: usize } => "約束{n}", "Action {n}";
        FieldActionGoal { n: usize } => "約束{n}の目標", "Action {n} goal";
        FieldActionDone { n: usize } => "約束{n}完了", "Action {n} done";
        NoGoalOption => "（目標なし）", "(no goal)";
        NoPartners => "1on1の相手（上司・部下・メンター）がいません", "you have no one to hold a 1on1 with (reviewer, reports, mentor)";
        NotYourRecord => "自分が記録した1on1だけを編集できます", "you can edit only 1on1s you wrote down";
        BadMeetingDate => "日付は 2026-10-14 の形で入力してください", "dates look like 2026-10-14";

        // The engagement view.
        EngagementHeading { cycle: String, min: u32 } =>
            "エンゲージメント調査 {cycle}（回答者{min}人未満の結果は表示しません）",
            "Engagement survey {cycle} (results of fewer than {min} respondents are not shown)";
        NoEngagement => "表示できる調査結果はありません", "No survey results to show";
        Overall => "総合", "Overall";
        Suppressed { count: usize } => "回答者が少ないため{count}件の結果を表示していません", "{count} results held back: too few respondents";
        EngagementHint { meetings: String } => "{meetings} 1on1に戻る", "{meetings} back to 1on1s";
        Change { change: f64 } => "{change:+.2}", "{change:+.2}";

        // Training in the Do log.
        Course { course: String } => "《{course}》", "<<{course}>>";
        CourseCompleted { course: String } => "《{course} 修了》", "<<{course}: completed>>";
        TrainingNote { courses: String } => "  研修: {courses}", "  training: {courses}";
        FieldCourse => "研修", "Course";
        FieldCompleted => "修了", "Completed";
        CompletedNeedsCourse => "修了とするには研修を選んでください", "choose the course that was completed";
        NoCourseOption => "（研修ではない）", "(not a course)";

        // Measured goals.
        Measured => "計測", "measured";
        LabelMeasured => "計測値", "Measured";
        NotYetMeasured => "まだ計測できるデータがありません（見込みの進捗のまま）", "nothing to measure yet (the estimate stands)";
        FromTraining { course: String, people: usize, units: usize } =>
            "「{course}」を修了した職員 {people}名（{units}組織）", "{people} people completed {course} ({units} units)";
        FromEngagement { unit: String, question: String, respondents: u32 } =>
            "{unit}のエンゲージメント調査 {question}（回答者{respondents}人）", "{unit}'s engagement survey, {question} ({respondents} respondents)";
        FromMeetings { min: u32, reaching: usize, people: usize } =>
            "1on1を{min}回以上行った職員 {reaching}/{people}名", "{reaching} of {people} people with {min} or more 1on1s";
        FromUnknownOwner { source: String } => "{source}: 目標の担当者が組織にいません", "{source}: the goal's owner is not in org.toml";

        // The engagement import.
        EngagementImported { stored: usize, held: usize, path: String } =>
            "{stored}件の結果を {path} に保存しました（回答者が少ない{held}件は保存していません）",
            "stored {stored} results in {path} ({held} held back for too few respondents)";
        HeldBackRow { line: u64, unit: String, question: String, respondents: u32 } =>
            "{line}行目: {unit} {question} は回答者{respondents}人のため保存しません",
            "line {line}: {unit} {question} has {respondents} respondents and is not stored";
        ImportRejected { count: usize } => "{count}行を読めないため、何も保存していません", "{count} rows could not be read: nothing was stored";
    }
}
