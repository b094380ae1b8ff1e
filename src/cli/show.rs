//! `pdca show`: views printed as text, drawn by the same widgets as the app.

use anyhow::{Context as _, Result, bail};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Text;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{Session, ShowArgs, ShowView};
use crate::app::contribution::{self, ContributionTable};
use crate::app::mine::{self, Pane};
use crate::app::review::inbox;
use crate::app::tree::TreeView;
use crate::app::workspace::Workspace;
use crate::app::{readable_owners, review_forms};
use crate::i18n::Lang;
use crate::model::Severity;
use crate::theme::Theme;
use crate::ui::contribution::ContributionView;
use crate::ui::mine::{SheetTable, pane_text, pane_title, sheet_rows};
use crate::ui::review::InboxTable;
use crate::ui::text::buffer_lines;
use crate::ui::tree::TreeTable;

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

fn print_widget(widget: impl Widget, width: u16, height: usize) {
    for line in widget_lines(widget, width, u16::try_from(height).unwrap_or(u16::MAX)) {
        println!("{line}");
    }
}

/// Rows of the tree drawn per buffer: a whole organisation's cascade has more rows
/// than a buffer can hold, and one small buffer at a time keeps memory flat.
const TREE_CHUNK: usize = 1_000;

pub fn run(session: &Session, args: ShowArgs) -> Result<i32> {
    let snapshot = session.store.load(args.cycle.as_deref())?;
    let actor = session.actor(&snapshot.org)?.id.clone();
    let unreadable = snapshot.problems.iter().filter(|p| p.severity() == Severity::Error).count();
    let workspace = Workspace::from_snapshot(session.store.clone(), snapshot, actor, session.today)?;
    let width = args.width.unwrap_or_else(terminal_width).max(40);
    let lang = session.lang;
    let theme = Theme::plain();

    let data_cycle = &workspace.snapshot.data.cycle;
    let name = data_cycle.name.as_deref().unwrap_or(&data_cycle.id);
    let me = workspace.me().map(|p| format!("{} {}", p.name, p.title)).unwrap_or_default();
    println!("{}  {name} ({} ~ {})  {me}", workspace.snapshot.info.organisation, data_cycle.start, data_cycle.end);

    match args.view {
        ShowView::Tree => {
            let readable = readable_owners(&workspace);
            let mut tree = TreeView::default();
            let flagged = crate::app::flagged_goals(&crate::app::alignment(&workspace));
            tree.rebuild(&workspace, &|owner: &str| readable.contains(owner), &flagged);
            let mut start = 0;
            loop {
                let table = TreeTable { rows: &tree.rows, selected: None, offset: start, lang, theme: &theme };
                let lines = widget_lines(table, width, TREE_CHUNK as u16 + 1);
                // Every chunk is drawn with the header; print it once.
                for line in lines.iter().skip(usize::from(start > 0)) {
                    println!("{line}");
                }
                start += TREE_CHUNK;
                if start >= tree.rows.len() {
                    break;
                }
            }
        }
        ShowView::Mine => show_mine(&workspace, lang, &theme, width),
        ShowView::Review => {
            let snapshot = &workspace.snapshot;
            let rows = inbox(&snapshot.org, &snapshot.data, &workspace.cascade, &snapshot.info, &workspace.actor);
            print_widget(
                InboxTable { rows: &rows, selected: None, offset: 0, lang, theme: &theme },
                width,
                rows.len() + 2,
            );
        }
        ShowView::Contribution => {
            let table = contribution_table(&workspace, &args, lang)?;
            let view = ContributionView { table: &table, selected: None, lang, theme: &theme, chart: true };
            let height = usize::from(view.table_height()) + table.rows.len() + 2;
            print_widget(view, width, height);
        }
    }
    if unreadable > 0 {
        eprintln!("warning: {unreadable} file(s) could not be read and are left out; run `pdca check`");
    }
    Ok(0)
}

/// The acting person's sheet, then each goal's Plan / Do / Check / Action.
fn show_mine(workspace: &Workspace, lang: Lang, theme: &Theme, width: u16) {
    let entries = mine::entries(workspace);
    let rows = sheet_rows(workspace, &entries);
    let note = crate::app::sheet_note(workspace, lang);
    let height = rows.len() + 2;
    print_widget(SheetTable { rows, note, selected: None, offset: 0, lang, theme }, width, height);
    let Some(file) = workspace.goals_file(&workspace.actor) else { return };
    let changes = review_forms::change_lines(workspace, lang, theme, &workspace.actor);
    for goal in &file.goals {
        println!();
        println!("== {} ({})", goal.title, goal.id);
        let feedback = review_forms::feedback_lines(workspace, lang, theme, &workspace.actor, Some(&goal.id));
        let changes = changes.get(&goal.id).cloned().unwrap_or_default();
        for pane in Pane::ALL {
            println!("[{}]", pane_title(pane, lang));
            let extra: &[ratatui::text::Line] = match pane {
                Pane::Plan => &changes,
                Pane::Check => &feedback,
                Pane::Do | Pane::Action => &[],
            };
            let text: Text = pane_text(goal, pane, None, lang, theme, extra);
            let height = text.lines.len() * 4 + 1;
            print_widget(Paragraph::new(text).wrap(Wrap { trim: false }), width, height);
        }
    }
}

/// The same read rules as the app: top goals, units and people the actor may see.
fn contribution_table(workspace: &Workspace, args: &ShowArgs, lang: Lang) -> Result<ContributionTable> {
    let (org, data, cascade) = (&workspace.snapshot.org, &workspace.snapshot.data, &workspace.cascade);
    let readable = readable_owners(workspace);
    let not_yours = |what: &str| anyhow::anyhow!("{what}: outside what {} may read", workspace.actor);
    if let Some(goal) = &args.goal {
        let node = cascade.node_of_goal(goal).with_context(|| format!("--goal {goal}: no such goal in this cycle"))?;
        let top = cascade.nodes[node].top;
        if !readable.contains(&cascade.nodes[top].owner) {
            return Err(not_yours(&format!("--goal {goal}")));
        }
        let others = lang.pick("その他の職員", "others");
        let table = contribution::by_goal(org, data, cascade, top);
        return Ok(table.fold_unreadable(&|person: &str| readable.contains(person), others));
    }
    if let Some(unit) = &args.unit {
        if !org.units.iter().any(|u| &u.id == unit) {
            bail!("--unit {unit}: no such unit in org.toml");
        }
        if !org.people.iter().any(|p| &p.unit == unit && readable.contains(&p.id)) {
            return Err(not_yours(&format!("--unit {unit}")));
        }
        return Ok(contribution::by_unit(org, data, cascade, unit));
    }
    let person = args.person.as_deref().unwrap_or(&workspace.actor);
    if workspace.person(person).is_none() {
        bail!("--person {person}: no such person in org.toml");
    }
    if !readable.contains(person) {
        return Err(not_yours(&format!("--person {person}")));
    }
    Ok(contribution::by_person(org, data, cascade, person))
}

fn terminal_width() -> u16 {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() {
        crossterm::terminal::size().map_or(DEFAULT_WIDTH, |(columns, _)| columns)
    } else {
        DEFAULT_WIDTH
    }
}
