//! pdca: cascade goals and run plan–do–check–action cycles for municipal
//! personnel evaluation.

pub mod model;
