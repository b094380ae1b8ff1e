//! Draws the views over the tabs: the 能力評価 part of a sheet and calibration. They
//! take the body's place; the top bar, the tabs, the message and the hints stay.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::scroll::wrap;
use super::text::{fit, pad, pad_left, percent, single_line};
use crate::app::component::Shared;
use crate::app::overlays::Overlay;
use crate::app::overlays::abilities::AbilitiesOverlay;
use crate::app::overlays::calibration::CalibrationOverlay;
use crate::messages::{EvalText, EvidenceText, Lang, Message, Text, evidence_label, in_lang};
use crate::model::calibration::Outcome;
use crate::model::competency::Rater;
use crate::model::{Held, Level};
use crate::theme::Theme;
use crate::view::abilities::evidence::LogEntryRow;
use crate::view::abilities::{AbilitiesView, Rated};
use crate::view::calibration::{CalibrationView, ReviewerRow, Target};

pub fn draw(overlay: &Overlay, shared: &Shared, theme: &Theme, frame: &mut Frame, area: Rect) {
    // The body's rows: below the top bar and the tabs, above the message and the hints.
    let body = Rect::new(area.x, area.y + 2, area.width, area.height.saturating_sub(4));
    if body.height < 2 {
        return;
    }
    frame.render_widget(Clear, body);
    match overlay {
        Overlay::Abilities(view) => abilities(view, shared, theme, frame, body),
        Overlay::Calibration(view) => calibration(view, shared, theme, frame, body),
    }
}

fn level(rated: Option<&Rated>) -> &str {
    rated.map_or("-", |rated| rated.level.letter())
}

fn abilities(overlay: &AbilitiesOverlay, shared: &Shared, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lang = shared.lang;
    let Some(view) = &overlay.view else { return };
    let cells = usize::from(area.width);
    let detail_lines = ability_details(view, overlay.selected, lang, theme, cells);
    // The list gives up rows to a long detail (the evidence), down to half the view.
    let detail_rows = wrap(detail_lines.clone(), cells).rows.len() as u16;
    let list_rows = (view.rows.len() as u16 + 1)
        .min(area.height.saturating_sub(5))
        .min(area.height.saturating_sub(1 + detail_rows).max(area.height / 2))
        .max(2);
    let [title, list, detail] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(list_rows), Constraint::Fill(1)]).areas(area);
    let person = shared.workspace.world.name_and_title(&view.person);
    frame.render_widget(Paragraph::new(abilities_heading(view, &person, lang, cells)).style(theme.header), title);
    let body_rows = usize::from(list.height.saturating_sub(1));
    let offset = overlay.selected.saturating_sub(body_rows.saturating_sub(1));
    let lines = ability_table(view, Some(overlay.selected), offset..offset + body_rows, lang, theme, cells);
    frame.render_widget(Paragraph::new(lines), list);
    frame.render_widget(Paragraph::new(detail_lines).wrap(Wrap { trim: false }), detail);
}

/// 「能力評価 田中 優斗 主事 (主事級)  [自己評価済]」
pub fn abilities_heading(view: &AbilitiesView, person: &str, lang: Lang, cells: usize) -> String {
    let heading = EvalText::AbilitiesTitle { person: single_line(person).into_owned(), group: view.group.text(lang) };
    fit(&format!(" {}  [{}]", heading.text(lang), view.state.text(lang)), cells).into_owned()
}

/// The header and the abilities of `shown` with their self, reviewer's and second
/// reviewer's levels side by side.
pub fn ability_table<'a>(
    view: &AbilitiesView,
    selected: Option<usize>,
    shown: std::ops::Range<usize>,
    lang: Lang,
    theme: &Theme,
    cells: usize,
) -> Vec<Line<'a>> {
    let name_width = cells.saturating_sub(20).min(40);
    let header = format!(
        "  {}{}{}{}",
        pad(&EvalText::ColAbility.text(lang), name_width),
        pad_left(&EvalText::ColSelf.text(lang), 6),
        pad_left(&EvalText::ColReviewer.text(lang), 6),
        pad_left(&EvalText::ColSecond.text(lang), 6),
    );
    let mut lines = vec![Line::styled(header, theme.dim)];
    for (index, row) in view.rows.iter().enumerate().skip(shown.start).take(shown.len()) {
        let text = format!(
            "  {}{}{}{}",
            pad(&single_line(in_lang(&row.name, lang)), name_width),
            pad_left(level(row.own.as_ref()), 6),
            pad_left(level(row.reviewer.as_ref()), 6),
            pad_left(level(row.second.as_ref()), 6),
        );
        let style = if Some(index) == selected { theme.selected } else { theme.text };
        lines.push(Line::styled(text, style));
    }
    lines
}

/// The ability at `index`: its group, description, anchor, comments and evidence.
pub fn ability_details<'a>(
    view: &AbilitiesView,
    index: usize,
    lang: Lang,
    theme: &Theme,
    cells: usize,
) -> Vec<Line<'a>> {
    let Some(row) = view.rows.get(index) else { return Vec::new() };
    let mut lines = vec![Line::styled(
        format!(" {} / {}", single_line(in_lang(&row.group, lang)), single_line(in_lang(&row.name, lang))),
        theme.header,
    )];
    lines.push(Line::styled(format!(" {}", single_line(in_lang(&row.description, lang))), theme.text));
    if let Some(anchor) = &row.anchor {
        let label = EvalText::Anchor.text(lang);
        lines.push(Line::styled(format!(" {label}: {}", single_line(in_lang(anchor, lang))), theme.dim));
    }
    let raters = [(Rater::Owner, &row.own), (Rater::Reviewer, &row.reviewer), (Rater::SecondReviewer, &row.second)];
    for (rater, rated) in raters {
        if let Some(rated) = rated.as_ref().filter(|rated| !rated.comment.is_empty()) {
            let comment =
                rated.comment.get().map_or_else(|_| Text::TextNotRead.text(lang), |c| single_line(c).into_owned());
            let text = format!(" {} {}: {comment}", rater.text(lang), rated.level.letter());
            lines.push(Line::styled(text, theme.text));
        }
    }
    if !view.raters_visible {
        lines.push(Line::styled(format!(" {}", EvalText::RatersHidden.text(lang)), theme.dim));
    }
    lines.extend(evidence_lines(&row.evidence, lang, theme, cells));
    lines
}

/// The Do-log entries a self rating cites, one row each, under a heading; none when
/// it cites none, and that they could not be read when they were left on disk.
pub fn evidence_lines<'a>(evidence: &Held<Vec<LogEntryRow>>, lang: Lang, theme: &Theme, cells: usize) -> Vec<Line<'a>> {
    let heading = Line::styled(format!(" {}:", EvidenceText::Heading.text(lang)), theme.dim);
    let evidence = match evidence.get() {
        Ok(evidence) if evidence.is_empty() => return Vec::new(),
        Ok(evidence) => evidence,
        Err(_) => return vec![heading, Line::styled(format!("  {}", Text::TextNotRead.text(lang)), theme.text)],
    };
    let mut lines = vec![heading];
    for entry in evidence {
        let text = format!("  {}", single_line(&evidence_label(entry, lang)));
        lines.push(Line::styled(fit(&text, cells.saturating_sub(1)).into_owned(), theme.text));
    }
    lines
}

fn score(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_owned(), |score| format!("{score:.2}"))
}

fn outcome(outcome: &Outcome) -> String {
    match (outcome.level, outcome.score) {
        (Some(level), Some(score)) => format!("{} {score:.2}", level.letter()),
        (Some(level), None) => level.letter().to_owned(),
        _ => "-".to_owned(),
    }
}

/// " try A" after a person's final result when a level is under consideration.
pub fn tried(trial: Option<Outcome>, lang: crate::messages::Lang) -> String {
    trial
        .and_then(|trial| trial.level)
        .map(|level| format!(" {}", EvalText::Tried { level: level.letter().to_owned() }.text(lang)))
        .unwrap_or_default()
}

/// A reviewer's (or the whole's) line: people, S–D counts, mean, gap, flags.
pub fn reviewer_line(row: &ReviewerRow, lang: crate::messages::Lang, name_width: usize) -> String {
    let name = if row.reviewer.is_some() { single_line(&row.name).into_owned() } else { EvalText::Whole.text(lang) };
    distribution_line(&name, row, lang, name_width)
}

/// The whole's line with the levels under consideration applied.
pub fn tried_line(row: &ReviewerRow, lang: crate::messages::Lang, name_width: usize) -> String {
    distribution_line(&EvalText::WithTrials.text(lang), row, lang, name_width)
}

/// The target bands against the shares of final levels now, and with the levels under
/// consideration ("A ≤25%: 0% → 50% over"); `None` when `pdca.toml` sets no bands.
pub fn bands_line(targets: &[Target], lang: crate::messages::Lang) -> Option<(String, bool)> {
    if targets.is_empty() {
        return None;
    }
    let share_text = |share: Option<f64>| share.map_or_else(|| "-".to_owned(), |share| percent(share * 100.0));
    let mut any_over = false;
    let parts: Vec<String> = targets
        .iter()
        .map(|target| {
            let mut part =
                format!("{} ≤{}: {}", target.level.letter(), share_text(Some(target.limit)), share_text(target.share));
            if target.after.is_some() {
                part.push_str(&format!(" → {}", share_text(target.after)));
            }
            let (_, over) = target.over();
            if over {
                any_over = true;
                part.push_str(&format!(" {}", EvalText::OverBand.text(lang)));
            }
            part
        })
        .collect();
    Some((format!("{}  {}", EvalText::Bands.text(lang), parts.join("  ")), any_over))
}

fn distribution_line(name: &str, row: &ReviewerRow, lang: crate::messages::Lang, name_width: usize) -> String {
    let counts: String = row.levels.iter().map(|count| pad_left(&count.to_string(), 3)).collect();
    let mut flags = Vec::new();
    match row.leniency {
        Some(true) => flags.push(EvalText::Lenient.text(lang)),
        Some(false) => flags.push(EvalText::Harsh.text(lang)),
        None => {}
    }
    if row.central_tendency {
        flags.push(EvalText::Central.text(lang));
    }
    let gap = row.gap.map_or_else(|| "-".to_owned(), |gap| format!("{gap:+.2}"));
    let line = format!(
        "{}{}{counts}{}{} {}",
        pad(&fit(name, name_width.saturating_sub(1)), name_width),
        pad_left(&row.people.to_string(), 7),
        pad_left(&score(row.given_mean), 6),
        pad_left(&gap, 7),
        flags.join(" ")
    );
    line.trim_end().to_owned()
}

/// The header of [`reviewer_line`].
pub fn reviewer_header(lang: crate::messages::Lang, name_width: usize) -> String {
    let letters: String = Level::ALL.iter().map(|level| pad_left(level.letter(), 3)).collect();
    format!(
        "{}{}{letters}{}{} {}",
        pad(&EvalText::ColRater.text(lang), name_width),
        pad_left(&EvalText::ColPeople.text(lang), 7),
        pad_left(&EvalText::ColMean.text(lang), 6),
        pad_left(&EvalText::ColGap.text(lang), 7),
        EvalText::ColFlags.text(lang)
    )
}

fn calibration(overlay: &CalibrationOverlay, shared: &Shared, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lang = shared.lang;
    let Some(view) = &overlay.view else { return };
    let bands = bands_line(&view.targets, lang);
    let distribution = view.by_reviewer.len() + 2 + usize::from(view.after.is_some()) + usize::from(bands.is_some());
    let reviewer_rows = (distribution as u16).min(area.height / 2);
    let [title, reviewers, people, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(reviewer_rows),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let heading = format!(" {}", EvalText::CalibrationTitle.text(lang));
    frame.render_widget(Paragraph::new(heading).style(theme.header), title);
    let name_width = 22;
    let mut lines = vec![Line::styled(format!(" {}", reviewer_header(lang, name_width)), theme.dim)];
    for row in view.by_reviewer.iter().chain([&view.all]) {
        let style = if row.leniency.is_some() || row.central_tendency { theme.warning } else { theme.text };
        lines.push(Line::styled(format!(" {}", reviewer_line(row, lang, name_width)), style));
    }
    if let Some(after) = &view.after {
        lines.push(Line::styled(format!(" {}", tried_line(after, lang, name_width)), theme.pending));
    }
    if let Some((text, over)) = bands {
        let style = if over { theme.warning } else { theme.dim };
        lines.push(Line::styled(fit(&format!(" {text}"), usize::from(area.width)).into_owned(), style));
    }
    frame.render_widget(Paragraph::new(lines), reviewers);
    if view.people.is_empty() {
        let text = format!(" {}", EvalText::NothingReviewed.text(lang));
        frame.render_widget(Paragraph::new(text).style(theme.dim), people);
        return;
    }
    frame.render_widget(Paragraph::new(people_lines(view, overlay.selected, shared, theme, people)), people);
    if let Some(person) = view.people.get(overlay.selected)
        && let Some((by, reason)) = person.adjustments.last()
    {
        let by = single_line(&shared.workspace.world.name_and_title(by)).into_owned();
        let text = EvalText::AdjustedBy { by, reason: single_line(reason).into_owned() }.text(lang);
        frame.render_widget(Paragraph::new(fit(&format!(" {text}"), usize::from(area.width)).into_owned()), footer);
    }
}

fn people_lines<'a>(
    view: &CalibrationView,
    selected: usize,
    shared: &Shared,
    theme: &Theme,
    area: Rect,
) -> Vec<Line<'a>> {
    let lang = shared.lang;
    let world = &shared.workspace.world;
    let header = format!(
        " {}{}{}{}{}{}",
        pad(&EvalText::ColPerson.text(lang), 20),
        pad(&EvalText::ColRater.text(lang), 16),
        pad_left(&EvalText::ColPerformance.text(lang), 6),
        pad_left(&EvalText::ColCompetency.text(lang), 6),
        pad_left(&EvalText::ColScore.text(lang), 9),
        pad_left(&EvalText::ColFinal.text(lang), 9),
    );
    let rows = usize::from(area.height.saturating_sub(1));
    let offset = selected.saturating_sub(rows.saturating_sub(1));
    let mut lines = vec![Line::styled(header, theme.dim)];
    for (index, person) in view.people.iter().enumerate().skip(offset).take(rows) {
        let reviewer = person.reviewer.as_deref().map(|r| world.name_and_title(r)).unwrap_or_default();
        let adjusted = if person.adjustments.is_empty() { " " } else { "*" };
        let tried = tried(person.trial, lang);
        let text = format!(
            " {}{}{}{}{}{}{adjusted}{tried}",
            pad(&fit(&single_line(&person.name), 19), 20),
            pad(&fit(&single_line(&reviewer), 15), 16),
            pad_left(&score(person.performance), 6),
            pad_left(&score(person.competency), 6),
            pad_left(&outcome(&person.computed), 9),
            pad_left(&outcome(&person.adjusted), 9),
        );
        let style = if index == selected { theme.selected } else { theme.text };
        lines.push(Line::styled(text, style));
    }
    lines
}
