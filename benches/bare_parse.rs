//! "Bare parse", the yardstick of `benches/whole-process.sh`: reading and parsing a
//! data set's files with the `toml` crate on all cores, into plain TOML tables, and
//! nothing else. The program's own figures are given as ratios to this one,
//! measured in the same run on the same files.
//!
//! Usage: bare_parse <data set> [cycle]   (default: the current cycle of pdca.toml)

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

fn main() {
    let mut args = std::env::args_os().skip(1).filter(|arg| arg != "--bench");
    let root = PathBuf::from(args.next().expect("usage: bare_parse <data set> [cycle]"));
    let info: toml::Table = parse(&root.join("pdca.toml"));
    let cycle = match args.next() {
        Some(cycle) => cycle.to_string_lossy().into_owned(),
        None => info["current_cycle"].as_str().expect("pdca.toml names its current cycle").to_owned(),
    };
    // The data set's own files and every file of the cycle, as the program loads them.
    let mut files: Vec<PathBuf> = fs::read_dir(&root)
        .expect("the data set")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    collect(&root.join("cycles").join(cycle), &mut files);
    let keys: usize = files.par_iter().map(|file| parse(file).len()).sum();
    println!("{} files, {keys} top-level keys", files.len());
}

fn parse(file: &Path) -> toml::Table {
    let text = fs::read_to_string(file).unwrap_or_else(|error| panic!("{}: {error}", file.display()));
    toml::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", file.display()))
}

fn collect(folder: &Path, files: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(folder).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "toml") {
            files.push(path);
        }
    }
}
