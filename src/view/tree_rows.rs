//! The Tree tab's rows kept between changes: folding a goal takes its subtree's rows
//! out (and keeps them aside), unfolding puts them back, a longer filter looks only
//! among what the shorter one matched, and erasing a letter goes back to the rows
//! the shorter filter showed, instead of building every row again (100,000 rows for
//! HR at 20,000 people). The rows are always those [`rows`](super::tree::rows)
//! builds from scratch.

use bit_set::BitSet;

use crate::model::hash::HashMap;

use super::Viewer;
use super::search::{self, Found, Haystacks};
use super::tree::{Shape, Sight, TreeRow, matching_among, matching_nodes, readable_nodes, visible_nodes, walk};
use crate::model::{NodeId, World};

/// What the filter shows of the tree, worked out once per filter and per change of
/// the data, and used by every fold in between; with what the shorter filters it
/// was typed from showed, so that erasing a letter goes back to their rows at once.
#[derive(Debug, Default)]
pub struct Visibility {
    shown: Shown,
    /// The filters this one was typed from, each holding the next, shortest first,
    /// with the rows they showed. Dropped when a goal is folded or unfolded under
    /// this filter: their rows would show it as it was.
    earlier: Vec<(Shown, Vec<TreeRow>)>,
    /// What filters look in, for as long as the data is this.
    haystacks: Haystacks,
    /// The nodes the viewer may read, for as long as the data is this.
    readable: BitSet,
}

/// What one filter shows.
#[derive(Debug, Default)]
struct Shown {
    /// The filter as matched (trimmed and folded): the rows depend on nothing else of it.
    needle: String,
    /// The nodes the filter matches, whether the viewer may read them or not.
    matching: Vec<NodeId>,
    sight: Sight,
    /// The rows below each goal folded since, by its key: what unfolding it puts back.
    /// Rows out of sight cannot change but with the data or the filter, which make a
    /// new `Shown`.
    folded: HashMap<String, Vec<TreeRow>>,
}

impl Shown {
    fn among(world: &World, readable: &BitSet, needle: String, matching: Vec<NodeId>) -> Shown {
        let sight = visible_nodes(world, readable, &needle, &matching);
        Shown { needle, matching, sight, folded: HashMap::default() }
    }

    fn rows(&self, world: &World, viewer: &Viewer, shape: Shape<'_>) -> Vec<TreeRow> {
        let roots = world.cascade.roots.iter().rev().copied().collect();
        walk(world, viewer, shape, &self.sight, roots, self.sight.visible.len())
    }
}

impl Visibility {
    /// What `filter` shows in `world`, worked out from scratch.
    pub fn new(world: &World, viewer: &Viewer, filter: &str) -> Visibility {
        let (needle, haystacks) = (search::fold(filter.trim()), Haystacks::default());
        let readable = readable_nodes(world, viewer);
        let shown = Shown::among(world, &readable, needle.clone(), matching_nodes(world, &needle, &haystacks));
        Visibility { shown, earlier: Vec::new(), haystacks, readable }
    }

    /// Every row, depth first.
    pub fn rows(&self, world: &World, viewer: &Viewer, shape: Shape<'_>) -> Vec<TreeRow> {
        self.shown.rows(world, viewer, shape)
    }

    /// What the filter finds for `viewer`: why no row shows, when none does.
    pub fn found(&self) -> Found {
        let matching = &self.shown.matching;
        let readable_match = matching.iter().any(|&node| self.readable.contains(node));
        search::found(!self.readable.is_empty(), readable_match, !matching.is_empty())
    }

    /// The rows of `shape.filter` in place of `rows` (those of the filter before), the
    /// data unchanged. A filter typed on from this one looks only among what this one
    /// matched, and keeps this one's rows; a filter typed before (a letter erased, the
    /// filter cleared) gets its rows back as they were.
    pub fn refilter(&mut self, world: &World, viewer: &Viewer, shape: Shape<'_>, rows: &mut Vec<TreeRow>) {
        let needle = search::fold(shape.filter.trim());
        if needle == self.shown.needle {
            return;
        }
        if let Some(at) = self.earlier.iter().rposition(|(earlier, _)| earlier.needle == needle) {
            let (shown, kept) = self.earlier.drain(at..).next().expect("the filter found");
            self.shown = shown;
            *rows = kept;
            return;
        }
        if needle.contains(&self.shown.needle) {
            let matching = matching_among(world, &needle, self.shown.matching.iter().copied(), &self.haystacks);
            let before = std::mem::replace(&mut self.shown, Shown::among(world, &self.readable, needle, matching));
            self.earlier.push((before, std::mem::take(rows)));
        } else {
            // Neither a filter typed on from this one nor one typed before.
            self.earlier.clear();
            let matching = matching_nodes(world, &needle, &self.haystacks);
            self.shown = Shown::among(world, &self.readable, needle, matching);
        }
        *rows = self.shown.rows(world, viewer, shape);
    }

    /// After the goal of the row at `index` was folded or unfolded (its key put in or
    /// taken out of `shape.collapsed`): the rows below it taken out, and put in again
    /// as far as it is unfolded.
    pub fn refold(&mut self, world: &World, viewer: &Viewer, shape: Shape<'_>, rows: &mut Vec<TreeRow>, index: usize) {
        let Some(row) = rows.get(index) else { return };
        let (node, depth) = (row.node, row.depth);
        // Depth first: the rows below a row are the ones after it that are deeper.
        let end = rows[index + 1..].iter().position(|r| r.depth <= depth).map_or(rows.len(), |n| index + 1 + n);
        let children = world.cascade.children(node);
        let key = world.cascade.key(&world.data, node);
        let unfolded = !shape.collapsed.contains(key);
        rows[index].expanded = (!children.is_empty()).then_some(unfolded);
        self.earlier.clear();
        let shown = &mut self.shown;
        if unfolded {
            let below = shown.folded.remove(key).unwrap_or_else(|| {
                walk(world, viewer, shape, &shown.sight, children.iter().rev().copied().collect(), 0)
            });
            rows.splice(index + 1..end, below);
        } else if end > index + 1 {
            let below = rows.drain(index + 1..end).collect();
            shown.folded.insert(key.to_owned(), below);
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::r#gen;
    use crate::model::hash::HashSet;
    use crate::model::{Date, NodeKind};
    use crate::view::search;
    use crate::view::tree::{rows, texts_of};

    fn world(people: usize) -> World {
        let set = r#gen::generate(people, 5);
        World::new(set.info, set.org, set.data)
    }

    fn today() -> Date {
        Date::from_ymd(2026, 11, 20).unwrap()
    }

    /// The first HR person of a generated world: sees the whole tree.
    fn hr_of(world: &World) -> String {
        world.org.people.iter().find(|p| p.is_hr()).unwrap().id.to_string()
    }

    fn with_flagged<'a>(collapsed: &'a HashSet<String>, filter: &'a str, flagged: &'a HashSet<String>) -> Shape<'a> {
        Shape { collapsed, filter, flagged }
    }

    /// A step of someone using the tree, by numbers that pick what it acts on.
    #[derive(Clone, Debug)]
    enum Step {
        /// Fold or unfold the row at this position (modulo the row count).
        Toggle(usize),
        /// Type a letter of a title at the end of the filter.
        Type(usize),
        /// Take the filter's last letter away.
        Erase,
        /// Empty the filter at once (Esc).
        Clear,
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            3 => any::<usize>().prop_map(Step::Toggle),
            3 => any::<usize>().prop_map(Step::Type),
            2 => Just(Step::Erase),
            1 => Just(Step::Clear),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Folds, unfolds and filter changes in any order leave the rows a full build gives.
        #[test]
        fn incremental_rows_equal_a_full_build(steps in proptest::collection::vec(step(), 1..25), hr in any::<bool>()) {
            let world = world(60);
            let actor = if hr { hr_of(&world) } else { "P00010".to_owned() };
            let viewer = Viewer::new(&world, &actor, today());
            let flagged = HashSet::from_iter([world.data.goals[0].goals[0].id.to_string()]);
            let (mut collapsed, mut filter) = (HashSet::default(), String::new());
            let mut visibility = Visibility::new(&world, &viewer, &filter);
            let mut kept = visibility.rows(&world, &viewer, with_flagged(&collapsed, &filter, &flagged));
            for step in steps {
                match step {
                    Step::Toggle(at) if !kept.is_empty() => {
                        let index = at % kept.len();
                        let key = world.cascade.key(&world.data, kept[index].node).to_owned();
                        if !collapsed.remove(&key) {
                            collapsed.insert(key);
                        }
                        visibility.refold(&world, &viewer, with_flagged(&collapsed, &filter, &flagged), &mut kept, index);
                    }
                    Step::Toggle(_) => {}
                    Step::Type(at) => {
                        let title = world.cascade.title(&world.data, at % world.cascade.nodes.len());
                        filter.push(title.chars().nth(at % 3).unwrap_or(' '));
                        visibility.refilter(&world, &viewer, with_flagged(&collapsed, &filter, &flagged), &mut kept);
                    }
                    Step::Erase => {
                        filter.pop();
                        visibility.refilter(&world, &viewer, with_flagged(&collapsed, &filter, &flagged), &mut kept);
                    }
                    Step::Clear => {
                        filter.clear();
                        visibility.refilter(&world, &viewer, with_flagged(&collapsed, &filter, &flagged), &mut kept);
                    }
                }
                prop_assert_eq!(&kept, &rows(&world, &viewer, with_flagged(&collapsed, &filter, &flagged)));
            }
        }
    }

    /// Erasing goes back to the rows kept for the shorter filter, not to rows built
    /// again (the same allocation), unless a fold under the longer filter changed them.
    #[test]
    fn erasing_a_letter_gives_back_the_rows_of_the_shorter_filter() {
        let world = world(60);
        let hr = hr_of(&world);
        let viewer = Viewer::new(&world, &hr, today());
        let (mut collapsed, flagged) = (HashSet::default(), HashSet::default());
        let mut visibility = Visibility::new(&world, &viewer, "");
        let mut rows = visibility.rows(&world, &viewer, with_flagged(&collapsed, "", &flagged));
        let (all, all_at) = (rows.clone(), rows.as_ptr());
        let title = world.cascade.title(&world.data, rows[0].node).to_owned();
        let (one, two): (String, String) = (title.chars().take(1).collect(), title.chars().take(2).collect());
        visibility.refilter(&world, &viewer, with_flagged(&collapsed, &one, &flagged), &mut rows);
        let (narrowed, narrowed_at) = (rows.clone(), rows.as_ptr());
        assert!(rows.len() < all.len());
        visibility.refilter(&world, &viewer, with_flagged(&collapsed, &two, &flagged), &mut rows);
        visibility.refilter(&world, &viewer, with_flagged(&collapsed, &one, &flagged), &mut rows);
        assert_eq!((&rows, rows.as_ptr()), (&narrowed, narrowed_at), "the first letter's rows, as kept");
        visibility.refilter(&world, &viewer, with_flagged(&collapsed, "", &flagged), &mut rows);
        assert_eq!((&rows, rows.as_ptr()), (&all, all_at), "every row, as kept");

        // A fold under the filter: the kept rows would show the goal unfolded.
        visibility.refilter(&world, &viewer, with_flagged(&collapsed, &one, &flagged), &mut rows);
        collapsed.insert(world.cascade.key(&world.data, rows[0].node).to_owned());
        visibility.refold(&world, &viewer, with_flagged(&collapsed, &one, &flagged), &mut rows, 0);
        visibility.refilter(&world, &viewer, with_flagged(&collapsed, "", &flagged), &mut rows);
        assert_eq!(rows, super::super::tree::rows(&world, &viewer, with_flagged(&collapsed, "", &flagged)));
        assert_eq!(rows[0].expanded, Some(false));
    }

    /// The texts folded once find what folding each text for each filter found:
    /// parts of titles, ids, names and unit names, typed as they are, in hiragana for
    /// katakana and in full width for ASCII; and nothing across two texts.
    #[test]
    fn folded_once_the_texts_match_as_each_text_folded_does() {
        let world = world(60);
        let unit_names = search::unit_names(&world.org);
        let texts_of = |node: NodeId| texts_of(&world, &unit_names, node).map(str::to_owned).collect::<Vec<_>>();
        let variants = |part: &str| {
            let hiragana = part.chars().map(|c| match c {
                'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
                c => c,
            });
            let full_width = part.chars().map(|c| match c {
                '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
                c => c,
            });
            [part.to_owned(), hiragana.collect(), full_width.collect(), format!(" {part} ")]
        };
        let haystacks = Haystacks::default();
        let all = 0..world.cascade.nodes.len();
        let expect = |filter: &str| {
            let needle = search::fold(filter.trim());
            let expected: Vec<NodeId> =
                all.clone().filter(|&n| texts_of(n).iter().any(|text| search::contains(text, &needle))).collect();
            assert_eq!(matching_among(&world, &needle, all.clone(), &haystacks), expected, "{filter:?}");
        };
        for node in (0..world.cascade.nodes.len()).step_by(7) {
            // Across the end of one text and the start of the next: no match.
            let texts = texts_of(node);
            let (end, start) = (texts[0].chars().last().unwrap(), texts[1].chars().next().unwrap());
            expect(&format!("{end}{start}"));
            expect(&format!("{end}\0{start}"));
            for text in texts_of(node) {
                let chars: Vec<char> = text.chars().collect();
                for (at, len) in [(0, 1), (0, 3), (chars.len() / 2, 2), (chars.len().saturating_sub(2), 2)] {
                    let part: String = chars.iter().skip(at).take(len).collect();
                    for filter in variants(&part) {
                        expect(&filter);
                    }
                }
            }
        }
    }

    /// The walk leaves out what has nothing shown below it, and shows what a walk
    /// through every node shows: for everyone, under filters from titles and names.
    #[test]
    fn walking_only_toward_shown_nodes_shows_what_walking_every_node_shows() {
        let world = world(60);
        let (collapsed, flagged) = (HashSet::default(), HashSet::default());
        let roots: Vec<NodeId> = world.cascade.roots.iter().rev().copied().collect();
        let filters = (0..world.cascade.nodes.len()).step_by(5).flat_map(|node| {
            let title: String = world.cascade.title(&world.data, node).chars().take(2).collect();
            [title, world.cascade.owner(&world.data, node).to_owned()]
        });
        let filters: Vec<String> = std::iter::once(String::new()).chain(filters).collect();
        for person in world.org.people.iter().step_by(3) {
            let viewer = Viewer::new(&world, &person.id, today());
            for filter in &filters {
                let shape = with_flagged(&collapsed, filter, &flagged);
                let needle = search::fold(filter.trim());
                let mut sight = visible_nodes(
                    &world,
                    &readable_nodes(&world, &viewer),
                    &needle,
                    &matching_nodes(&world, &needle, &Haystacks::default()),
                );
                let pruned = walk(&world, &viewer, shape, &sight, roots.clone(), 0);
                sight.above = (0..world.cascade.nodes.len()).collect();
                assert_eq!(pruned, walk(&world, &viewer, shape, &sight, roots.clone(), 0), "{} {filter:?}", person.id);
            }
        }
    }

    /// What a filter found, from the nodes the viewer may read worked out once, is
    /// what asking the viewer about each node's owner says: for everyone, under
    /// filters that match their own goals, others' only, and nothing.
    #[test]
    fn what_a_filter_found_follows_who_may_read_each_goal() {
        let world = world(60);
        let owners = world.org.people.iter().step_by(7).map(|person| person.id.to_string());
        let filters: Vec<String> = ["", "zzz-none"].into_iter().map(str::to_owned).chain(owners).collect();
        for person in world.org.people.iter().step_by(3) {
            let viewer = Viewer::new(&world, &person.id, today());
            let readable = |node: &NodeId| viewer.may_read_goals_of(world.cascade.owner(&world.data, *node));
            for filter in &filters {
                let visibility = Visibility::new(&world, &viewer, filter);
                let matching = matching_nodes(&world, &search::fold(filter), &Haystacks::default());
                let any_readable = (0..world.cascade.nodes.len()).any(|node| readable(&node));
                let expected = search::found(any_readable, matching.iter().any(readable), !matching.is_empty());
                assert_eq!(visibility.found(), expected, "{} {filter:?}", person.id);
            }
        }
    }

    /// A goal the viewer may not read between a match and one of the viewer's own
    /// below it: the walk goes through it to the viewer's goal, as a walk through
    /// every node does.
    #[test]
    fn a_shown_goal_below_one_out_of_sight_is_reached() {
        let mut set = r#gen::generate(60, 5);
        let viewer_id = "P00010";
        let mine = set.data.goals.iter().position(|file| file.owner == viewer_id && file.goals.len() >= 2).unwrap();
        let (first, second) = (set.data.goals[mine].goals[0].id.clone(), set.data.goals[mine].goals[1].id.clone());
        let world = World::new(set.info.clone(), set.org.clone(), set.data.clone());
        let viewer = Viewer::new(&world, viewer_id, today());
        let other = set
            .data
            .goals
            .iter()
            .position(|file| !viewer.may_read_goals_of(&file.owner) && !file.goals.is_empty())
            .unwrap();
        // The other's goal hangs below the viewer's first; the viewer's second below it.
        let between = set.data.goals[other].goals[0].id.clone();
        set.data.goals[other].goals[0].parent = Some(first.clone());
        set.data.goals[mine].goals[1].parent = Some(between.clone());
        let world = World::new(set.info, set.org, set.data);
        let (collapsed, flagged) = (HashSet::default(), HashSet::default());
        let filter = world.data.goals[mine].goals[0].title.clone();
        let shape = with_flagged(&collapsed, &filter, &flagged);
        let shown = rows(&world, &viewer, shape);
        let keys: Vec<&str> = shown.iter().map(|row| world.cascade.key(&world.data, row.node)).collect();
        assert!(keys.contains(&first.as_str()) && keys.contains(&second.as_str()), "{keys:?}");
        assert!(!keys.contains(&between.as_str()));
    }

    #[test]
    fn folding_takes_out_exactly_the_rows_below_and_unfolding_puts_them_back() {
        let world = world(60);
        let hr = hr_of(&world);
        let viewer = Viewer::new(&world, &hr, today());
        let (mut collapsed, flagged) = (HashSet::default(), HashSet::default());
        let mut visibility = Visibility::new(&world, &viewer, "");
        let mut kept = visibility.rows(&world, &viewer, Shape { collapsed: &collapsed, filter: "", flagged: &flagged });
        let all = kept.clone();
        // The first top goal with goals below it, and how many rows lie below it.
        let index = kept.iter().position(|r| r.expanded == Some(true)).unwrap();
        let below = world.cascade.descendants(kept[index].node).len();
        assert!(below > 0);
        assert!(matches!(world.cascade.nodes[kept[index].node].kind, NodeKind::Goal { .. }));
        collapsed.insert(world.cascade.key(&world.data, kept[index].node).to_owned());
        let shape = Shape { collapsed: &collapsed, filter: "", flagged: &flagged };
        visibility.refold(&world, &viewer, shape, &mut kept, index);
        assert_eq!(kept.len(), all.len() - below);
        assert_eq!(kept[index].expanded, Some(false));
        assert_eq!(kept[index + 1..], all[index + 1 + below..]);
        collapsed.clear();
        let shape = Shape { collapsed: &collapsed, filter: "", flagged: &flagged };
        visibility.refold(&world, &viewer, shape, &mut kept, index);
        assert_eq!(kept, all);
    }
}
