//! `pdca show`: views printed as text, built by the same view layer and drawn by
//! the same widgets as the app, without the app's state machine.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{Result, Session, ShowArgs, ShowView, out};
use crate::keys::Keymap;
use crate::messages::{CliText, EvalText, Lang, Message};
use crate::model::policy::Refusal;
use crate::model::{Severity, World};
use crate::theme::Theme;
use crate::ui::contribution::ContributionView;
use crate::ui::evaluation::{abilities_heading, ability_details, ability_table};
use crate::ui::meetings as ui_meetings;
use crate::ui::review::InboxTable;
use crate::ui::sheet::{PaneContext, SheetTable, pane_text, pane_title, sent_back_line, summary_line};
use crate::ui::text::{buffer_lines, single_line};
use crate::ui::tree::TreeTable;
use crate::view::abilities::abilities;
use crate::view::calibration::Filter;
use crate::view::contribution::{self, ContributionTable, Subject};
use crate::view::sheet::Pane;
use crate::view::sheet::{GoalNotes, entries, notes_by_goal, rows, summary};
use crate::view::tree::{Shape, rows as tree_rows};
use crate::view::{Viewer, alignment, engagement, meetings, review};
use crate::workspace::Workspace;

const DEFAULT_WIDTH: u16 = 100;

/// Draws a widget into a buffer of `width` × `height` and gives its lines, without
/// the blank lines at the end.
fn widget_lines(widget: impl Widget, width: u16, height: u16) -> Vec<String> {
    let mut buffer = Buffer::empty(Rect::new(0, 0, width, height.max(1)));
    widget.render(buffer.area, &mut buffer);
    let mut lines = buffer_lines(&buffer);
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

fn print_widget(widget: impl Widget, width: u16, height: usize) -> Result<()> {
    out::lines(widget_lines(widget, width, u16::try_from(height).unwrap_or(u16::MAX)))
}

pub fn run(session: &Session, args: ShowArgs) -> Result<i32> {
    let workspace = match args.view {
        ShowView::Tree => session.workspace_without_sheet_texts(args.cycle.as_deref())?,
        _ => session.workspace(args.cycle.as_deref())?,
    };
    let unreadable = workspace.problems.iter().filter(|p| p.severity() == Severity::Error).count();
    let world = &workspace.world;
    let viewer = Viewer::new(world, &workspace.actor, workspace.today);
    let width = args.width.or_else(out::terminal_width).unwrap_or(DEFAULT_WIDTH).max(40);
    let lang = session.lang;
    let theme = Theme::plain();

    let cycle = &world.data.cycle;
    let name = cycle.name.as_deref().unwrap_or(&cycle.id);
    let me = workspace.me().map(|p| p.name_and_title()).unwrap_or_default();
    let heading = format!("{}  {name} ({} ~ {})  {me}", world.info.organisation, cycle.start, cycle.end);
    out::line(single_line(&heading))?;

    match args.view {
        ShowView::Tree => {
            let flagged = alignment::goal_link_marks(world, workspace.today);
            let collapsed = Default::default();
            let rows = tree_rows(world, &viewer, Shape { collapsed: &collapsed, filter: "", flagged: &flagged });
            let table = TreeTable { rows: &rows, world, selected: None, offset: 0, lang, theme: &theme };
            out::lines(table.text_lines(width))?;
        }
        ShowView::Mine => {
            let keymap = super::app::keymap(session)?;
            show_mine(&workspace, lang, &theme, &keymap, width)?;
        }
        ShowView::Review => {
            let rows = review::inbox(world, &workspace.actor, workspace.today);
            print_widget(
                InboxTable { rows: &rows, selected: None, offset: 0, lang, theme: &theme },
                width,
                rows.len() + 2,
            )?;
        }
        ShowView::Contribution => {
            let table = contribution_table(world, &viewer, &args)?;
            let view = ContributionView { table: &table, selected: None, lang, theme: &theme, chart: true };
            let height = usize::from(view.table_height());
            print_widget(view, width, height)?;
        }
        ShowView::Calibration => {
            let filter = Filter { unit: args.unit.clone(), reviewer: args.reviewer.clone() };
            super::calibration::print(world, &workspace.actor, &filter, &args.trials, lang)?;
        }
        ShowView::Meetings => {
            let rows = meetings::rows(world, &workspace.actor, args.person.as_deref()).map_err(Refusal::from)?;
            let lines = ui_meetings::all_lines(&rows, lang, &theme);
            let height = lines.len() * 4 + 1;
            print_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), width, height)?;
        }
        ShowView::Engagement => {
            if let Some(unit) = &args.unit
                && !world.org.units.iter().any(|u| &u.id == unit)
            {
                return Err(CliText::NoSuchUnit { unit: unit.clone() }.into());
            }
            if let Some(unit) = &args.unit
                && !engagement::visible_units(world, &workspace.actor).contains(unit.as_str())
            {
                let what = format!("--unit {unit}");
                return Err(CliText::NotYoursToRead { what, actor: workspace.actor.to_string() }.into());
            }
            let previous = workspace.previous_engagement();
            let view = engagement::view(world, &workspace.actor, previous.as_ref(), args.unit.as_deref());
            let lines = ui_meetings::engagement_lines(view.as_ref(), lang, &theme);
            let height = lines.len() * 4 + 1;
            print_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), width, height)?;
        }
        ShowView::Abilities => {
            let person = args.person.as_deref().unwrap_or(&workspace.actor);
            show_abilities(world, &workspace.actor, person, lang, &theme, width)?;
        }
    }
    if unreadable > 0 {
        out::note(CliText::FilesLeftOut { count: unreadable }.text(lang))?;
    }
    super::keep_until_exit(workspace);
    Ok(0)
}

/// The acting person's sheet, then each goal's Plan / Do / Check / Action.
fn show_mine(workspace: &Workspace, lang: Lang, theme: &Theme, keymap: &Keymap, width: u16) -> Result<()> {
    let (world, actor) = (&workspace.world, &workspace.actor);
    let entries = entries(world, actor, workspace.previous.as_ref());
    let rows = rows(world, actor, &entries);
    let summary = summary(world, actor);
    if let Some(sent_back) = sent_back_line(&summary, lang) {
        out::line(sent_back)?;
    }
    let note = summary_line(&summary, lang);
    let height = rows.len() + 2;
    print_widget(SheetTable { rows, note, selected: None, offset: 0, lang, theme }, width, height)?;
    let notes = notes_by_goal(world, actor, actor);
    let empty = GoalNotes::default();
    for goal in world.goals_of(actor) {
        out::line("")?;
        out::line(format!("== {} ({})", single_line(&goal.title), single_line(&goal.id)))?;
        let notes = notes.get(&goal.id).unwrap_or(&empty);
        for pane in Pane::ALL {
            out::line(format!("[{}]", pane_title(pane, lang)))?;
            let lines = pane_text(goal, pane, None, PaneContext { lang, theme, keymap, notes });
            let height = lines.len() * 4 + 1;
            print_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), width, height)?;
        }
    }
    Ok(())
}

/// `person`'s 能力評価: the table of levels, then each ability's details with the
/// comments and the evidence the viewer may read (the app's read rules).
fn show_abilities(world: &World, actor: &str, person: &str, lang: Lang, theme: &Theme, width: u16) -> Result<()> {
    if world.person(person).is_none() {
        return Err(CliText::NoSuchPerson { person: person.to_owned() }.into());
    }
    world.hierarchy().can_read_abilities(actor, person).map_err(Refusal::from)?;
    let Some(view) = abilities(world, actor, person) else {
        return out::note(EvalText::NoAbilities.text(lang));
    };
    let cells = usize::from(width);
    out::line(abilities_heading(&view, &world.name_and_title(person), lang, cells))?;
    let table = ability_table(&view, None, 0..view.rows.len(), lang, theme, cells);
    print_widget(Paragraph::new(table), width, view.rows.len() + 1)?;
    for index in 0..view.rows.len() {
        out::line("")?;
        let lines = ability_details(&view, index, lang, theme, cells);
        let height = lines.len() * 4 + 1;
        print_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), width, height)?;
    }
    Ok(())
}

/// The same read rules as the app: top goals, units and people the viewer may see.
fn contribution_table(world: &World, viewer: &Viewer, args: &ShowArgs) -> Result<ContributionTable> {
    let (org, cascade) = (&world.org, &world.cascade);
    let not_yours = |what: String| CliText::NotYoursToRead { what, actor: viewer.actor.to_string() };
    let subject = if let Some(goal) = &args.goal {
        let node = cascade.node_of_goal(&world.data, goal).ok_or_else(|| CliText::NoSuchGoal { goal: goal.clone() })?;
        let top = cascade.nodes[node].top();
        if !viewer.may_read_goals_of(cascade.owner(&world.data, top)) {
            return Err(not_yours(format!("--goal {goal}")).into());
        }
        Subject::Goal(top)
    } else if let Some(unit) = &args.unit {
        let index =
            org.units.iter().position(|u| &u.id == unit).ok_or_else(|| CliText::NoSuchUnit { unit: unit.clone() })?;
        if !org.people.iter().any(|p| &p.unit == unit && viewer.may_read_goals_of(&p.id)) {
            return Err(not_yours(format!("--unit {unit}")).into());
        }
        Subject::Unit(index)
    } else {
        let person = args.person.as_deref().unwrap_or(&viewer.actor);
        let index = org
            .people
            .iter()
            .position(|p| p.id == person)
            .ok_or_else(|| CliText::NoSuchPerson { person: person.to_owned() })?;
        if !viewer.may_read_goals_of(person) {
            return Err(not_yours(format!("--person {person}")).into());
        }
        Subject::Person(index)
    };
    Ok(contribution::table(world, viewer, subject))
}
