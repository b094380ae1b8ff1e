//! The corpus of bad inputs (`tests/corpus/*.toml`, format in its README): each is
//! made in a copy of the sample, and `pdca check` must print exactly the lines the
//! case expects and exit as it says.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{pdca_cli, sample_data};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    #[allow(dead_code)]
    why: String,
    exit: i32,
    expect: Vec<String>,
    #[serde(default)]
    edit: Vec<Edit>,
    #[serde(default)]
    write: Vec<Write>,
    #[serde(default)]
    special: Vec<Special>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    file: String,
    find: String,
    replace: String,
    #[serde(default)]
    all: bool,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Write {
    file: String,
    text: String,
}

/// What a text file cannot say: a file that is not text, or is not a file at all.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields, tag = "kind", rename_all = "kebab-case")]
enum Special {
    /// A folder where a file should be.
    Directory { file: String },
    /// A named pipe where a file should be (reading it would wait forever).
    Fifo { file: String },
    /// A symbolic link to nothing.
    DanglingSymlink { file: String },
    /// Bytes given in hexadecimal (e.g. a file saved as Shift_JIS).
    Bytes { file: String, hex: String },
    /// The file's own text followed by comment lines until it is `mib` MiB long.
    Oversize { file: String, mib: usize },
}

fn cases() -> Vec<PathBuf> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut cases: Vec<PathBuf> = fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    cases.sort();
    cases
}

/// Makes the case's changes in `data`.
fn make(case: &Case, data: &Path, name: &str) {
    for edit in &case.edit {
        let path = data.join(&edit.file);
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {}: {e}", edit.file));
        assert!(text.contains(&edit.find), "{name}: {} has no {:?}", edit.file, edit.find);
        let changed = if edit.all {
            text.replace(&edit.find, &edit.replace)
        } else {
            text.replacen(&edit.find, &edit.replace, 1)
        };
        fs::write(&path, changed).unwrap();
    }
    for write in &case.write {
        let path = data.join(&write.file);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, &write.text).unwrap();
    }
    for special in &case.special {
        make_special(special, data);
    }
}

fn make_special(special: &Special, data: &Path) {
    let fresh = |file: &str| {
        let path = data.join(file);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        let _ = fs::remove_file(&path);
        path
    };
    match special {
        Special::Directory { file } => fs::create_dir(fresh(file)).unwrap(),
        Special::Fifo { file } => {
            #[cfg(unix)]
            {
                let path = std::ffi::CString::new(fresh(file).to_str().unwrap()).unwrap();
                assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o600) }, 0, "mkfifo {file}");
            }
            #[cfg(not(unix))]
            let _ = file;
        }
        Special::DanglingSymlink { file } => {
            #[cfg(unix)]
            std::os::unix::fs::symlink("nowhere/at/all.toml", fresh(file)).unwrap();
            #[cfg(not(unix))]
            let _ = file;
        }
        Special::Bytes { file, hex } => {
            let bytes: Vec<u8> = (0..hex.len())
                .step_by(2)
                .map(|at| u8::from_str_radix(&hex[at..at + 2], 16).expect("hexadecimal bytes"))
                .collect();
            fs::write(fresh(file), bytes).unwrap();
        }
        Special::Oversize { file, mib } => {
            let path = data.join(file);
            let mut text = fs::read_to_string(&path).unwrap_or_default();
            let line = format!("# {}\n", "x".repeat(1021));
            while text.len() < mib * 1024 * 1024 {
                text.push_str(&line);
            }
            fs::write(&path, text).unwrap();
        }
    }
}

#[test]
fn check_says_exactly_what_each_bad_input_is() {
    let cases = cases();
    assert!(cases.len() >= 25, "the corpus is there");
    let mut failures = Vec::new();
    for path in cases {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let case: Case = toml::from_str(&fs::read_to_string(&path).unwrap()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let (_dir, data) = sample_data();
        make(&case, &data, &name);
        let output = pdca_cli(&data).arg("check").output().unwrap();
        let printed = String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr);
        let root = data.display().to_string();
        for expected in &case.expect {
            let expected = expected.replace("$DATA", &root);
            if !printed.lines().any(|line| line == expected) {
                failures.push(format!("{name}: no line\n  {expected}\nin\n{printed}"));
            }
        }
        if output.status.code() != Some(case.exit) {
            failures.push(format!("{name}: exit {:?}, expected {}\n{printed}", output.status.code(), case.exit));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
