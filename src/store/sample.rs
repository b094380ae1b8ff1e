//! The sample data set of `sample-data/`, compiled in (see `build.rs`): pairs of
//! a path relative to the data-set root and the file's text.

include!(concat!(env!("OUT_DIR"), "/sample_files.rs"));
