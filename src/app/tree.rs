//! The Tree tab's state: which nodes are collapsed, the filter, the selection.

use std::collections::HashSet;

use super::workspace::Workspace;
use crate::model::NodeId;
use crate::ui::tree::{TreeRow, rows};

#[derive(Debug, Default)]
pub struct TreeView {
    pub collapsed: HashSet<NodeId>,
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
    pub fn rebuild(&mut self, workspace: &Workspace, readable: &dyn Fn(&str) -> bool, flagged: &HashSet<String>) {
        let selected_node = self.rows.get(self.selected).map(|r| r.node);
        let visible = visible_nodes(workspace, &self.filter, readable);
        let snapshot = &workspace.snapshot;
        self.rows = rows(&snapshot.org, &snapshot.data, &workspace.cascade, &self.collapsed, flagged, workspace.today)
            .into_iter()
            .filter(|row| visible.contains(&row.node))
            .collect();
        self.selected = selected_node
            .and_then(|node| self.rows.iter().position(|r| r.node == node))
            .unwrap_or(self.selected)
            .min(self.rows.len().saturating_sub(1));
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
    let matches = |node: NodeId| {
        if needle.is_empty() {
            return true;
        }
        let owner = &cascade.nodes[node].owner;
        let person = workspace.person(owner);
        let unit = person.and_then(|p| workspace.snapshot.org.units.iter().find(|u| u.id == p.unit));
        [
            Some(cascade.title(data, node)),
            Some(owner.as_str()),
            person.map(|p| p.name.as_str()),
            unit.map(|u| u.name.as_str()),
        ]
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
