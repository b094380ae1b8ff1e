//! A checklist field: several options, each ticked or not, shown a few rows at a
//! time in a list that scrolls inside the field (e.g. the Do-log entries a
//! self-rating cites as evidence).

/// At most this many options show at once; the rest scroll into view.
pub const MAX_ROWS: usize = 8;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checklist {
    labels: Vec<String>,
    values: Vec<String>,
    checked: Vec<bool>,
    /// The option the keys act on.
    cursor: usize,
    /// The first option shown.
    offset: usize,
    rows: usize,
    /// What the field says when there are no options.
    pub empty: String,
}

impl Checklist {
    /// `(value, label, ticked)` options in the order shown, `rows` of them at a time.
    pub fn new(options: Vec<(String, String, bool)>, rows: usize) -> Checklist {
        let mut list = Checklist {
            labels: Vec::with_capacity(options.len()),
            values: Vec::with_capacity(options.len()),
            checked: Vec::with_capacity(options.len()),
            cursor: 0,
            offset: 0,
            rows: rows.max(1),
            empty: String::new(),
        };
        for (value, label, ticked) in options {
            list.values.push(value);
            list.labels.push(label);
            list.checked.push(ticked);
        }
        list
    }

    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The rows of options shown at once (one, saying there are none, when empty).
    pub fn visible_rows(&self) -> usize {
        self.len().clamp(1, self.rows)
    }

    /// The field's height: its option rows, and a row saying how many more there are
    /// when they do not all show.
    pub fn height(&self) -> usize {
        self.visible_rows() + usize::from(self.len() > self.rows)
    }

    /// The options shown now: `(index, label, ticked)`.
    pub fn visible(&self) -> impl Iterator<Item = (usize, &str, bool)> {
        (self.offset..self.len().min(self.offset + self.rows)).map(|i| (i, self.labels[i].as_str(), self.checked[i]))
    }

    /// How many options are out of view above and below.
    pub fn hidden(&self) -> (usize, usize) {
        (self.offset, self.len().saturating_sub(self.offset + self.rows))
    }

    /// The values of the ticked options, in the order shown.
    pub fn checked_values(&self) -> impl Iterator<Item = &str> {
        self.values.iter().zip(&self.checked).filter(|(_, ticked)| **ticked).map(|(value, _)| value.as_str())
    }

    /// Ticks the option at the cursor, or unticks it.
    pub fn toggle(&mut self) {
        if let Some(ticked) = self.checked.get_mut(self.cursor) {
            *ticked = !*ticked;
        }
    }

    /// Moves the cursor `by` options, scrolling to keep it in view. `false` when it
    /// stood at the end it was to move past (so the form moves to the next field).
    pub fn step(&mut self, by: isize) -> bool {
        let last = self.len().saturating_sub(1);
        let at_end = if by < 0 { self.cursor == 0 } else { self.cursor >= last };
        if at_end {
            return false;
        }
        self.cursor = self.cursor.saturating_add_signed(by).min(last);
        self.offset = self.offset.min(self.cursor).max((self.cursor + 1).saturating_sub(self.rows));
        true
    }

    /// Moves a page (the rows shown) up or down, stopping at the ends.
    pub fn page(&mut self, down: bool) {
        let rows = self.rows as isize;
        self.step(if down { rows } else { -rows });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ten options `v0`..`v9`, the third and seventh ticked, three rows at a time.
    fn ten() -> Checklist {
        let options = (0..10).map(|i| (format!("v{i}"), format!("記録{i}"), i == 2 || i == 6)).collect();
        Checklist::new(options, 3)
    }

    fn shown(list: &Checklist) -> Vec<usize> {
        list.visible().map(|(index, _, _)| index).collect()
    }

    #[test]
    fn prefilled_ticks_show_and_space_toggles_the_option_at_the_cursor() {
        let mut list = ten();
        assert_eq!(list.checked_values().collect::<Vec<_>>(), ["v2", "v6"]);
        assert_eq!(list.visible().collect::<Vec<_>>(), [(0, "記録0", false), (1, "記録1", false), (2, "記録2", true)]);
        list.toggle();
        list.step(1);
        list.step(1);
        list.toggle();
        assert_eq!(list.checked_values().collect::<Vec<_>>(), ["v0", "v6"], "v0 ticked, v2 unticked");
    }

    #[test]
    fn the_list_scrolls_to_keep_the_cursor_in_view_and_counts_what_is_hidden() {
        let mut list = ten();
        assert_eq!((list.height(), list.hidden()), (4, (0, 7)), "3 rows and the 'more' row");
        for _ in 0..3 {
            assert!(list.step(1));
        }
        assert_eq!((list.cursor(), shown(&list), list.hidden()), (3, vec![1, 2, 3], (1, 6)));
        // Back up inside the view: it stays; past its top: it follows.
        list.step(-1);
        list.step(-1);
        assert_eq!(shown(&list), [1, 2, 3]);
        list.step(-1);
        assert_eq!((list.cursor(), shown(&list)), (0, vec![0, 1, 2]));
        assert!(!list.step(-1), "the first option: the form moves on");
        list.page(true);
        list.page(true);
        list.page(true);
        assert_eq!((list.cursor(), shown(&list), list.hidden()), (9, vec![7, 8, 9], (7, 0)));
        assert!(!list.step(1), "the last option: the form moves on");
        list.page(false);
        assert_eq!((list.cursor(), shown(&list)), (6, vec![6, 7, 8]));
    }

    #[test]
    fn a_short_or_empty_list_needs_no_more_row() {
        let short = Checklist::new(vec![("a".into(), "A".into(), false)], 3);
        assert_eq!((short.height(), short.hidden()), (1, (0, 0)));
        let mut empty = Checklist::new(Vec::new(), 3);
        assert_eq!(empty.height(), 1, "one row says there is nothing to choose");
        empty.toggle();
        assert!(!empty.step(1) && !empty.step(-1));
        assert_eq!(empty.checked_values().count(), 0);
    }
}
