//! pdca: cascade goals and run plan–do–check–action cycles for municipal
//! personnel evaluation.

pub mod cli;
pub mod i18n;
pub mod model;
pub mod store;
pub mod theme;
pub mod ui;
