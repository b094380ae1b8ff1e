//! pdca: cascade goals and run plan–do–check–action cycles for municipal
//! personnel evaluation.

pub mod app;
pub mod cli;
pub mod config;
pub mod r#gen;
pub mod hr;
pub mod keys;
pub mod messages;
pub mod model;
pub mod settings;
pub mod state;
pub mod store;
pub mod sync;
pub mod theme;
pub mod tui;
pub mod ui;
pub mod view;
pub mod workspace;
