//! Drawing: reads the app's state and the view data, never changes them. The same
//! widgets serve the terminal app and the text output of `pdca show`.

pub mod ambiguous;
pub mod app;
pub mod contribution;
pub mod evaluation;
pub mod help;
pub mod loading;
pub mod meetings;
pub mod menu;
pub mod overview;
pub mod people;
pub mod picker;
pub mod popups;
pub mod review;
pub mod scroll;
pub mod search;
pub mod sheet;
pub mod tabs;
pub mod text;
pub mod tree;
