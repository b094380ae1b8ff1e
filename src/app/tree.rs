//! The Tree tab's state: which nodes are collapsed, the filter, the selection.

use std::collections::{HashMap, HashSet};

use super::workspace::Workspace;
use crate::model::NodeId;
use crate::ui::tree::{TreeRow, rows};

#[derive(Debug, Default)]
pub struct TreeView {
    /// Collapsed nodes by goal or proposal id, which survive reloads.
    pub collapsed: HashSet<String>,
    /// The filter text; matched against titles, owners and their units.
    pub filter: String,
    /// Whether keys are going into the filter.
    pub editing_filter: bool,
    pub selected: usize,
    pub offset: usize,
    /// The visible rows, rebuilt only when the data, the filter or folding change.
    pub rows: Vec<TreeRow>,
}

impl TreeView {
    /// Rebuilds the rows, keeping the selection on the same goal where it is still shown.
    pub fn rebuild(&mut self, workspace: &Workspace, readable: &dyn Fn(&str) -> bool, flagged: &HashSet<String>) {
        let selected_key = self.rows.get(self.selected).map(|r| r.key.clone());
        let snapshot = &workspace.snapshot;
        let cascade = &workspace.cascade;
        let visible = visible_nodes(workspace, &self.filter, readable);
        let collapsed: HashSet<NodeId> = (0..cascade.nodes.len())
            .filter(|&node| self.collapsed.contains(cascade.key(&snapshot.data, node)))
            .collect();
        self.rows = rows(&snapshot.org, &snapshot.data, cascade, &collapsed, flagged, workspace.today)
            .into_iter()
            .filter(|row| visible.contains(&row.node))
            .collect();
        self.selected = selected_key
            .and_then(|key| self.rows.iter().position(|r| r.key == key))
            .unwrap_or(self.selected)
            .min(self.rows.len().saturating_sub(1));
    }

    /// Whether the filter line is on screen above the table.
    pub fn shows_filter(&self) -> bool {
        self.editing_filter || !self.filter.is_empty()
    }

    pub fn selected_node(&self) -> Option<NodeId> {
        self.rows.get(self.selected).map(|r| r.node)
    }

    /// Keeps the selection inside a viewport of `height` rows.
    pub fn scroll_into_view(&mut self, height: usize) {
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
    }
}

/// Nodes the actor may see that match the filter, with the chain above each match
/// (so a match keeps its context) and everything below it.
fn visible_nodes(workspace: &Workspace, filter: &str, readable: &dyn Fn(&str) -> bool) -> HashSet<NodeId> {
    let cascade = &workspace.cascade;
    let data = &workspace.snapshot.data;
    let needle = filter.trim().to_lowercase();
    let unit_names: HashMap<&str, &str> =
        workspace.snapshot.org.units.iter().map(|u| (u.id.as_str(), u.name.as_str())).collect();
    let matches = |node: NodeId| {
        if needle.is_empty() {
            return true;
        }
        let owner = &cascade.nodes[node].owner;
        let person = workspace.person(owner);
        let unit = person.and_then(|p| unit_names.get(p.unit.as_str()).copied());
        [Some(cascade.title(data, node)), Some(owner.as_str()), person.map(|p| p.name.as_str()), unit]
            .into_iter()
            .flatten()
            .any(|text| text.to_lowercase().contains(&needle))
    };
    let mut visible = HashSet::new();
    for node in 0..cascade.nodes.len() {
        if !readable(&cascade.nodes[node].owner) || !matches(node) {
            continue;
        }
        let mut current = Some(node);
        while let Some(id) = current {
            if !visible.insert(id) && id != node {
                break;
            }
            current = cascade.nodes[id].parent;
        }
        if !needle.is_empty() {
            visible.extend(cascade.descendants(node).into_iter().filter(|&d| readable(&cascade.nodes[d].owner)));
        }
    }
    visible
}
