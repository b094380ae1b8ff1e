//! The cascade as a table: the Tree tab of the app and `pdca show tree` draw its
//! rows with the same widget.

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use rayon::prelude::*;

use super::text::{Percent, buffer_lines, fit, pad, pad_left, percent, push_padded};
use crate::messages::{FigureText, InstrumentText, Lang, Message, Text};
use crate::model::World;
use crate::model::pace::Pace;
use crate::theme::Theme;
use crate::view::tree::{RowKind, TreeRow};

/// Column widths for a given total width: the title takes what the others leave.
struct Columns {
    owner: usize,
    weight: usize,
    share: usize,
    bar: usize,
    /// The live figure beside the approved one, where they differ.
    live: usize,
}

impl Columns {
    const MARKS: usize = 4;
    const PERCENT: usize = 5;

    fn for_width(width: usize) -> Columns {
        if width >= 100 {
            Columns { owner: 20, weight: 8, share: 6, bar: 12, live: 6 }
        } else if width >= 70 {
            Columns { owner: 16, weight: 5, share: 5, bar: 8, live: 5 }
        } else {
            Columns { owner: 12, weight: 0, share: 0, bar: 6, live: 0 }
        }
    }

    fn title(&self, width: usize) -> usize {
        let spaces = [self.owner, self.weight, self.share, self.live].iter().filter(|&&w| w > 0).count() + 1;
        let fixed = Self::MARKS + self.owner + self.weight + self.share + self.bar + Self::PERCENT + self.live;
        width.saturating_sub(fixed + spaces)
    }
}

/// The columns the tree's `/` filter searches, in cells from the table's left at
/// `width`: the title and the owner (the owner's unit, also searched, is not drawn).
pub fn searched_columns(width: u16) -> Vec<std::ops::Range<u16>> {
    let columns = Columns::for_width(usize::from(width));
    let title = Columns::MARKS as u16..(Columns::MARKS + columns.title(usize::from(width))) as u16;
    let owner = title.end + 1..title.end + 1 + columns.owner as u16;
    vec![title, owner]
}

/// Draws rows of the cascade, with a header line.
pub struct TreeTable<'a> {
    pub rows: &'a [TreeRow],
    /// What the rows were built from, which their titles and owners are read from.
    pub world: &'a World,
    pub selected: Option<usize>,
    /// Index of the first row shown.
    pub offset: usize,
    pub lang: Lang,
    pub theme: &'a Theme,
}

impl TreeTable<'_> {
    fn header(&self, columns: &Columns, width: usize) -> Line<'static> {
        let lang = self.lang;
        let mut text = pad("", Columns::MARKS);
        text += &pad(&Text::ColumnGoal.text(lang), columns.title(width));
        text += " ";
        text += &pad(&Text::ColumnOwner.text(lang), columns.owner);
        if columns.weight > 0 {
            text += " ";
            let weight = if columns.weight >= 8 { Text::ColumnWeight } else { Text::ColumnWeightShort };
            text += &pad_left(&weight.text(lang), columns.weight);
            text += " ";
            text += &pad_left(&Text::ColumnShare.text(lang), columns.share);
        }
        text += " ";
        // Which figure is which: the approved one first, the live one beside it.
        text += &pad(&FigureText::ColumnApproved.text(lang), columns.bar + Columns::PERCENT);
        if columns.live > 0 {
            text += " ";
            text += &pad_left(&FigureText::ColumnLive.text(lang), columns.live);
        }
        Line::styled(text, self.theme.header)
    }

    fn row(&self, row: &TreeRow, columns: &Columns, width: usize) -> Line<'static> {
        let mut spans = Vec::new();
        self.pieces(row, columns, width, &mut spans);
        Line::from(spans)
    }

    /// A row as plain text at `width`: what [`plain`] makes of [`TreeTable::row`],
    /// put together in one string rather than a string for each span.
    fn row_text(&self, row: &TreeRow, columns: &Columns, width: usize) -> String {
        let mut line = PlainLine { text: String::with_capacity(width * 2), cells: 0, clusters: true };
        self.pieces(row, columns, width, &mut line);
        if line.clusters {
            return cut_to(line.text, line.cells, width);
        }
        plain(&self.row(row, columns, width), width)
    }

    /// The one definition of a row: its pieces, in order, into `out`.
    fn pieces(&self, row: &TreeRow, columns: &Columns, width: usize, out: &mut impl Pieces) {
        use std::fmt::Write;
        let theme = self.theme;
        let mut piece = String::new();
        piece.extend(
            [(row.overdue, '!'), (row.missing_self_check, '?'), (row.flagged, '~')]
                .iter()
                .map(|&(on, mark)| if on { mark } else { ' ' }),
        );
        out.fitted(&piece, Columns::MARKS, false, theme.warning);
        let toggle = match row.expanded {
            Some(true) => "- ",
            Some(false) => "+ ",
            None => "  ",
        };
        let (label, title_style) = match row.kind {
            RowKind::Goal if row.measured => (Some(InstrumentText::Measured.text(self.lang)), theme.text),
            RowKind::Goal => (None, theme.text),
            RowKind::Pending => (Some(Text::NotYetSet.text(self.lang)), theme.pending),
            RowKind::Declined => (Some(Text::Declined.text(self.lang)), theme.declined),
        };
        piece.clear();
        piece.extend(std::iter::repeat_n("  ", row.depth));
        piece.push_str(toggle);
        if let Some(label) = label {
            let _ = write!(piece, "[{label}] ");
        }
        piece.push_str(&row.title(self.world));
        // A row that matches the filter itself stands out from the context around it.
        let title_style =
            if row.matched { title_style.patch(theme.key).add_modifier(Modifier::BOLD) } else { title_style };
        out.fitted(&piece, columns.title(width), false, title_style);
        out.text(" ".into(), Style::default());
        out.fitted(&row.owner(self.world), columns.owner, false, theme.dim);
        if columns.weight > 0 {
            piece.clear();
            if let Some(weight) = row.weight(self.world) {
                let _ = write!(piece, "{weight}%");
            }
            out.text(" ".into(), Style::default());
            out.fitted(&piece, columns.weight, true, theme.text);
            piece.clear();
            if let Some(share) = row.share(self.world) {
                let _ = write!(piece, "{}", Percent(share));
            }
            out.text(" ".into(), Style::default());
            out.fitted(&piece, columns.share, true, theme.dim);
        }
        out.text(" ".into(), Style::default());
        let approved = row.approved(self.world);
        bar_pieces(out, approved.unwrap_or(0.0), columns.bar, row_bar_style(theme, row), theme);
        piece.clear();
        match approved {
            Some(approved) => {
                let _ = write!(piece, "{}", Percent(approved));
            }
            None => piece.push('-'),
        }
        out.fitted(&piece, Columns::PERCENT, true, theme.text);
        if columns.live > 0 {
            // Only where drafts or pending proposals make the live figure differ.
            let live = percent(row.progress(self.world));
            let differs = approved.is_none_or(|a| percent(a) != live);
            out.text(" ".into(), Style::default());
            out.fitted(if differs { &live } else { "" }, columns.live, true, theme.dim);
        }
    }
}

/// Where the pieces of a row go: the spans of a line to draw, or its plain text.
trait Pieces {
    /// `text` as it is.
    fn text(&mut self, text: Cow<'static, str>, style: Style);
    /// `text` cut or padded with spaces to exactly `cells` cells, the spaces first
    /// when `spaces_first` (aligned right).
    fn fitted(&mut self, text: &str, cells: usize, spaces_first: bool, style: Style);
}

impl Pieces for Vec<Span<'static>> {
    fn text(&mut self, text: Cow<'static, str>, style: Style) {
        self.push(Span::styled(text, style));
    }

    fn fitted(&mut self, text: &str, cells: usize, spaces_first: bool, style: Style) {
        self.push(Span::styled(if spaces_first { pad_left(text, cells) } else { pad(text, cells) }, style));
    }
}

/// A row's plain text as its pieces come, with the cells they take, while every
/// character of them is a cluster of its own ([`cluster_width`]): the line is then
/// what the buffer draws, without measuring it again (a city's tree is 100,000
/// lines of mostly figures, bars and spaces).
struct PlainLine {
    text: String,
    cells: usize,
    /// Every character so far is a cluster of its own.
    clusters: bool,
}

impl Pieces for PlainLine {
    fn text(&mut self, text: Cow<'static, str>, _: Style) {
        match cells_of_clusters(&text) {
            Some(cells) => self.cells += cells,
            None => self.clusters = false,
        }
        self.text.push_str(&text);
    }

    fn fitted(&mut self, text: &str, cells: usize, spaces_first: bool, _: Style) {
        // Fitted, the text takes `cells` exactly (cut, or padded with spaces).
        self.clusters &= cells_of_clusters(text).is_some();
        self.cells += cells;
        push_padded(&mut self.text, text, cells, spaces_first);
    }
}

/// The cells `text` takes when every character of it is a cluster of its own.
fn cells_of_clusters(text: &str) -> Option<usize> {
    if text.bytes().all(|byte| (b' '..=b'~').contains(&byte)) {
        return Some(text.len());
    }
    text.chars().try_fold(0, |cells, c| Some(cells + cluster_width(c)?))
}

fn row_bar_style(theme: &Theme, row: &TreeRow) -> Style {
    match (row.kind, row.pace) {
        (RowKind::Declined, _) => theme.bar_empty,
        (_, Pace::Done) => theme.done,
        (_, Pace::OnTrack) => theme.on_track,
        (_, Pace::Behind) => theme.behind,
    }
}

/// A bar of `cells` cells filled to `percent`: coloured cells, or `#`/`-` when plain.
pub fn progress_bar(percent: f64, cells: usize, filled: Style, theme: &Theme) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    bar_pieces(&mut spans, percent, cells, filled, theme);
    spans
}

fn bar_pieces(out: &mut impl Pieces, percent: f64, cells: usize, filled: Style, theme: &Theme) {
    let full = ((percent.clamp(0.0, 100.0) / 100.0) * cells as f64).round() as usize;
    if theme.plain {
        let bar: String = std::iter::repeat_n('#', full).chain(std::iter::repeat_n('-', cells - full)).collect();
        out.text(bar.into(), filled);
    } else {
        out.text(" ".repeat(full).into(), filled);
        out.text(" ".repeat(cells - full).into(), theme.bar_empty);
    }
}

impl TreeTable<'_> {
    /// Every row from `offset` on as plain text, the header first: the lines
    /// [`Widget::render`] draws at `width` (40 or more), without their styles. `pdca show tree`
    /// prints a whole organisation's cascade with it, in order, rather than drawing
    /// it into a buffer and reading that back cell by cell.
    pub fn text_lines(&self, width: u16) -> impl Iterator<Item = String> + '_ {
        let width = usize::from(width);
        let columns = Columns::for_width(width);
        let header = plain(&self.header(&columns, width), width);
        let rows: Box<dyn Iterator<Item = String>> = if self.rows.is_empty() {
            Box::new(std::iter::once(plain(&Line::raw(Text::NoGoalsInCycle.text(self.lang)), width)))
        } else {
            // Made on all cores a slice at a time, in order: a city's tree is
            // 100,000 lines, a third of `show tree`'s time when made on one.
            Box::new(self.rows[self.offset.min(self.rows.len())..].chunks(LINES_AT_ONCE).flat_map(move |rows| {
                rows.par_iter().map(|row| self.row_text(row, &columns, width)).collect::<Vec<_>>()
            }))
        };
        std::iter::once(header).chain(rows)
    }
}

/// Lines made together on all cores by [`TreeTable::text_lines`]: enough to share
/// out, few enough that the lines waiting to be printed stay small.
const LINES_AT_ONCE: usize = 4096;

/// `line` as plain text at `width`, as it is drawn.
fn plain(line: &Line<'_>, width: usize) -> String {
    let text: String = line.spans.iter().map(|span| span.content.as_ref()).collect();
    plain_text(text, width).unwrap_or_else(|| {
        // Emoji sequences, combining marks and the like take the cells the
        // buffer gives their whole cluster: drawn, as the app draws them.
        let mut buffer = Buffer::empty(Rect::new(0, 0, u16::try_from(width).unwrap_or(u16::MAX), 1));
        buffer.set_line(0, 0, line, buffer.area.width);
        buffer_lines(&buffer).swap_remove(0)
    })
}

/// A line's text as it is drawn at `width`, when every character of it is a
/// cluster of its own (`None` when the buffer must measure it).
fn plain_text(text: String, width: usize) -> Option<String> {
    let cells = cells_of_clusters(&text)?;
    Some(cut_to(text, cells, width))
}

/// `text`, of clusters of their own taking `cells` cells, as drawn at `width`.
fn cut_to(mut text: String, cells: usize, width: usize) -> String {
    if cells > width {
        return fit(&text, width).trim_end().to_owned();
    }
    text.truncate(text.trim_end().len());
    text
}

/// The cells of `c` when it is a character that is a whole cluster of its own,
/// measured alike a character at a time and by the buffer: ASCII, Latin, Greek and
/// Cyrillic letters, and Japanese and CJK text (not the half-width voiced marks,
/// which join the kana before them).
fn cluster_width(c: char) -> Option<usize> {
    use unicode_width::UnicodeWidthChar;
    let common = matches!(c, ' '..='\u{02ff}' | '\u{0370}'..='\u{052f}' | '\u{3000}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
        || ('\u{ff01}'..='\u{ffef}').contains(&c) && !matches!(c, '\u{ff9e}' | '\u{ff9f}');
    c.width().filter(|&cells| common && cells > 0)
}

impl Widget for TreeTable<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height == 0 {
            return;
        }
        let width = usize::from(area.width);
        let columns = Columns::for_width(width);
        buf.set_line(area.x, area.y, &self.header(&columns, width), area.width);
        if self.rows.is_empty() {
            buf.set_line(
                area.x,
                area.y + 1,
                &Line::styled(Text::NoGoalsInCycle.text(self.lang), self.theme.dim),
                area.width,
            );
            return;
        }
        let visible = self.rows.iter().enumerate().skip(self.offset).take(usize::from(area.height) - 1);
        for (line, (index, row)) in visible.enumerate() {
            let y = area.y + 1 + line as u16;
            let mut drawn = self.row(row, &columns, width);
            if self.selected == Some(index) {
                drawn = drawn.patch_style(self.theme.selected);
            }
            buf.set_line(area.x, y, &drawn, area.width);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::hash::HashSet;

    use super::*;
    use crate::view::Viewer;
    use crate::view::tree::{Shape, rows};

    /// Lines of the widget drawn into a buffer tall enough for every row.
    fn drawn(table: TreeTable<'_>, width: u16) -> Vec<String> {
        let height = u16::try_from(table.rows.len().max(1) + 1).unwrap();
        let mut buffer = Buffer::empty(Rect::new(0, 0, width, height));
        table.render(buffer.area, &mut buffer);
        buffer_lines(&buffer)
    }

    #[test]
    fn each_piece_of_a_row_has_its_style() {
        let (_dir, world) = crate::view::tests::sample();
        let hr = world.org.people.iter().find(|p| p.is_hr()).unwrap().id;
        let viewer = Viewer::new(&world, &hr, world.data.cycle.start);
        let none = HashSet::default();
        let rows = rows(&world, &viewer, Shape { collapsed: &none, filter: "", flagged: &none });
        let theme = Theme::dark();
        assert!(!theme.plain && theme.dim != theme.text, "a theme that tells the pieces apart");
        let table = TreeTable { rows: &rows, world: &world, selected: None, offset: 0, lang: Lang::En, theme: &theme };
        let columns = Columns::for_width(120);
        let pending = rows.iter().find(|row| row.kind == RowKind::Pending).expect("the sample has a pending proposal");
        let goal = rows.iter().find(|row| row.kind == RowKind::Goal && !row.matched).unwrap();
        for (row, title) in [(goal, theme.text), (pending, theme.pending)] {
            let line = table.row(row, &columns, 120);
            let styles: Vec<Style> = line.spans.iter().map(|span| span.style).collect();
            let bar = styles[9..styles.len() - 3].to_vec();
            let mut expected = vec![theme.warning, title, Style::default(), theme.dim];
            expected.extend([Style::default(), theme.text, Style::default(), theme.dim, Style::default()]);
            expected.extend(bar.iter().copied());
            expected.extend([theme.text, Style::default(), theme.dim]);
            assert_eq!(styles, expected, "{:?}", row.kind);
            assert_eq!(bar.last(), Some(&theme.bar_empty), "the bar's empty part");
        }
    }

    #[test]
    fn the_text_lines_are_what_the_widget_draws_at_every_width() {
        let (_dir, mut world) = crate::view::tests::sample();
        // Wide, cut and hostile titles, and a deep row, besides the sample's own.
        let goals = &mut world.data.goals[0].goals;
        goals[0].title = "市民サービスの向上に向けた窓口業務のデジタル化と待ち時間の短縮を図る".into();
        goals[1].title = "x\u{1b}[2Jy\u{202e}z 全角ｶﾅ mixed 幅".into();
        // Clusters of several characters: an emoji presentation, a skin tone, a flag,
        // a family joined by ZWJ, a combining accent, half-width voiced kana.
        goals[2].title = "✔\u{fe0f}済 👍🏽 🇯🇵 👨\u{200d}👩\u{200d}👧 e\u{301}te ﾃﾞｰﾀ ok".into();
        let world = crate::model::World::new(world.info.clone(), world.org.clone(), world.data.clone());
        let hr = world.org.people.iter().find(|p| p.roles.iter().any(|r| r == "hr")).unwrap().id;
        let viewer = Viewer::new(&world, &hr, world.data.cycle.start);
        let none = HashSet::default();
        let rows = rows(&world, &viewer, Shape { collapsed: &none, filter: "", flagged: &none });
        assert!(rows.len() > 10);
        let theme = Theme::plain();
        for lang in [Lang::Ja, Lang::En] {
            for width in 40..=200 {
                let table = || TreeTable { rows: &rows, world: &world, selected: None, offset: 0, lang, theme: &theme };
                let text: Vec<String> = table().text_lines(width).collect();
                assert_eq!(text, drawn(table(), width), "{lang:?} at {width} columns");
            }
        }
        let table = TreeTable { rows: &[], world: &world, selected: None, offset: 0, lang: Lang::Ja, theme: &theme };
        assert_eq!(table.text_lines(80).collect::<Vec<_>>(), drawn(table, 80));

        // More rows than are made at once, from an offset: every slice in its place.
        let many: Vec<TreeRow> = rows.iter().cycle().take(LINES_AT_ONCE * 2 + 7).cloned().collect();
        let table = TreeTable { rows: &many, world: &world, selected: None, offset: 3, lang: Lang::Ja, theme: &theme };
        let text: Vec<String> = table.text_lines(120).collect();
        let columns = Columns::for_width(120);
        let one_by_one = many[3..].iter().map(|row| plain(&table.row(row, &columns, 120), 120));
        assert_eq!(text[1..], one_by_one.collect::<Vec<_>>());
        assert_eq!(text.len(), many.len() - 3 + 1, "the header and every row from the offset");
    }
}
