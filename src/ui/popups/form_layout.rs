//! Where a form's fields go: one under the other, multi-line text sharing the rows
//! left; when they do not all fit, each text gets a few rows and the fields scroll
//! so that the focused one shows whole (when it can).

use crate::ui::scroll::offset;

/// The fewest rows a multi-line text field gets once the form scrolls.
const MIN_TEXT_ROWS: u16 = 3;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Height {
    Rows(u16),
    /// A multi-line text: whatever is left.
    Rest,
}

/// The rows of each field shown (`None`: scrolled out of view), relative to the top
/// of the fields' area, and how many rows of fields are out of view above and below.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormLayout {
    /// `(first row, rows)` of each field in view: whole, or the part that shows.
    pub fields: Vec<Option<(u16, u16)>>,
    pub above: usize,
    pub below: usize,
}

/// Lays out fields of `heights` in `rows` rows (the footer's not counted) with the
/// field `focus` in view.
pub fn layout(heights: &[Height], focus: usize, rows: u16) -> FormLayout {
    let fixed: u16 = heights.iter().map(|h| if let Height::Rows(n) = h { *n } else { 0 }).sum();
    let texts = heights.iter().filter(|h| **h == Height::Rest).count() as u16;
    // A blank row above the footer, as long as there is room for it.
    let shared = rows.saturating_sub(fixed + 1).checked_div(texts).unwrap_or(0).max(1);
    let fits = fixed + shared * texts <= rows;
    let text_rows = if fits { shared } else { shared.max(MIN_TEXT_ROWS) };
    let sizes: Vec<u16> = heights.iter().map(|h| if let Height::Rows(n) = h { *n } else { text_rows }).collect();
    let starts: Vec<usize> =
        sizes.iter().scan(0, |at, size| Some(std::mem::replace(at, *at + usize::from(*size)))).collect();
    let total = starts.last().map_or(0, |start| start + usize::from(sizes[sizes.len() - 1]));
    let window = usize::from(rows);
    let focused = starts.get(focus).map(|start| *start..start + usize::from(sizes[focus]));
    let first = if total <= window { 0 } else { offset(total, window, 0, focused) };
    let fields = starts
        .iter()
        .zip(&sizes)
        .map(|(start, size)| {
            let top = (*start).max(first);
            let bottom = (start + usize::from(*size)).min(first + window);
            (top < bottom).then(|| ((top - first) as u16, (bottom - top) as u16))
        })
        .collect();
    FormLayout { fields, above: first, below: total.saturating_sub(first + window) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Height::{Rest, Rows};

    #[test]
    fn fields_that_fit_share_the_rows_left_among_the_texts() {
        // Two one-row fields and a text in 10 rows: the text gets 10 - 2 - 1 = 7.
        let laid = layout(&[Rows(1), Rest, Rows(1)], 0, 10);
        assert_eq!(laid, FormLayout { fields: vec![Some((0, 1)), Some((1, 7)), Some((8, 1))], above: 0, below: 0 });
    }

    #[test]
    fn fields_that_do_not_fit_scroll_to_the_focused_one() {
        // A choice, a text of 3 rows and a list of 9 in 8 rows: 13 rows in all.
        let heights = [Rows(1), Rest, Rows(9)];
        assert_eq!(
            layout(&heights, 0, 8),
            FormLayout { fields: vec![Some((0, 1)), Some((1, 3)), Some((4, 4))], above: 0, below: 5 }
        );
        // The list focused: it cannot show whole, so it shows from its start.
        assert_eq!(layout(&heights, 2, 8), FormLayout { fields: vec![None, None, Some((0, 8))], above: 4, below: 1 });
        // A list of 6 focused in 7 rows shows whole, at the bottom, under the text's last row.
        assert_eq!(
            layout(&[Rows(1), Rest, Rows(6)], 2, 7),
            FormLayout { fields: vec![None, Some((0, 1)), Some((1, 6))], above: 3, below: 0 }
        );
    }
}
