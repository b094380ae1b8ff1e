//! Drawing: widgets that only read state. The same widgets serve the terminal app
//! and the text output of `pdca show`.

pub mod app;
pub mod contribution;
pub mod mine;
pub mod people;
pub mod review;
pub mod text;
pub mod tree;
