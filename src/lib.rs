//! pdca: cascade goals and run plan–do–check–action cycles for municipal
//! personnel evaluation.

pub mod app;
pub mod cli;
pub mod config;
pub mod generate;
pub mod hr;
pub mod i18n;
pub mod keys;
pub mod model;
pub mod store;
pub mod sync;
pub mod theme;
pub mod tui;
pub mod ui;
