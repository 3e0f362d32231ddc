//! The documents of the project's corpora, tests and examples, for the tests that compare two
//! readings, walks or rule runs over every document there is.

use std::path::{Path, PathBuf};

/// Every `.xml` and `.twiml` file under the shared corpus, the peers' expected documents, the
/// root crate's tests and examples, and the evaluation sets, read as UTF-8 (files that are not
/// are left out), in the order of their paths.
pub(crate) fn sources() -> Vec<String> {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dirs: Vec<PathBuf> = [
        "../../shared/corpus",
        "../../shared/bench/peers/expected",
        "../tests",
        "../examples",
        "../eval",
    ]
    .iter()
    .map(|d| crate_dir.join(d))
    .filter(|d| d.is_dir())
    .collect();
    let files = files_under(dirs, |path| {
        path.extension().is_some_and(|e| e == "xml" || e == "twiml")
    });
    files
        .iter()
        .filter_map(|f| String::from_utf8(std::fs::read(f).ok()?).ok())
        .collect()
}

/// Every file under `dirs`, at any depth, that `keep` accepts, in the order of their paths.
pub(crate) fn files_under(mut dirs: Vec<PathBuf>, keep: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut files = Vec::new();
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if keep(&path) {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}
