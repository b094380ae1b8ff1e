//! Drawing: widgets that only read state. The same widgets serve the terminal app
//! and the text output of `pdca show`.

pub mod text;
pub mod tree;
