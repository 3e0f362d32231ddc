//! Which files a command reads: files as given, folders searched recursively for `*.xml` and
//! `*.twiml`, and `-` for standard input.

use std::collections::HashSet;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// One document to read.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Input {
    /// A file, by the path it is shown with.
    File(PathBuf),
    /// Standard input, shown as `<stdin>`.
    Stdin,
}

impl Input {
    /// The name shown in diagnostics.
    pub(crate) fn name(&self) -> String {
        match self {
            Input::File(path) => display_path(path),
            Input::Stdin => "<stdin>".to_string(),
        }
    }

    /// The document's bytes.
    pub(crate) fn read(&self) -> io::Result<Vec<u8>> {
        self.read_at_most(u64::MAX)
    }

    /// The document's first `limit` bytes at most: enough to tell that a file is too large
    /// without reading all of it.
    pub(crate) fn read_at_most(&self, limit: u64) -> io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        match self {
            Input::File(path) => {
                let file = std::fs::File::open(path)?;
                if file.metadata()?.is_dir() {
                    // A folder whose listing failed when the inputs were collected: the
                    // listing's error says why, and is the error of this input.
                    std::fs::read_dir(path)?;
                    return Err(io::Error::new(
                        io::ErrorKind::IsADirectory,
                        "a folder that could not be listed",
                    ));
                }
                file.take(limit).read_to_end(&mut bytes)?;
            }
            Input::Stdin => {
                io::stdin().lock().take(limit).read_to_end(&mut bytes)?;
            }
        }
        Ok(bytes)
    }
}

/// A path as shown to users: forward slashes, no leading `./`.
pub(crate) fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").unwrap_or(&text).to_string()
}

/// The documents named by a command's paths.
#[derive(Debug, Default)]
pub(crate) struct Collected {
    /// Each document once, in the order given (files of a folder sorted by path).
    pub(crate) inputs: Vec<Input>,
    /// The folders given that hold no TwiML file, as shown to users.
    pub(crate) empty_folders: Vec<String>,
}

/// The documents named by `paths`: files as given (whatever their extension), folders
/// searched for `*.xml` and `*.twiml`, `-` for standard input.
pub(crate) fn collect(paths: &[PathBuf]) -> Collected {
    let mut empty_folders = Vec::new();
    let mut inputs = Vec::new();
    // Seen inputs, so that a file named twice is read once; a set, since a folder may hold
    // tens of thousands of files.
    let mut seen: HashSet<Input> = HashSet::new();
    let mut add = |input: Input, inputs: &mut Vec<Input>| {
        if seen.insert(input.clone()) {
            inputs.push(input);
        }
    };
    for path in paths {
        if path.as_os_str() == "-" {
            add(Input::Stdin, &mut inputs);
            continue;
        }
        // A path that cannot be looked at (missing, a symbolic link that loops, a folder
        // that cannot be listed) is still an input: reading it fails, that failure is
        // reported in its place, and the other inputs are checked.
        let is_dir = std::fs::metadata(path).is_ok_and(|metadata| metadata.is_dir());
        if is_dir {
            let mut found = Vec::new();
            walk(path, &mut found);
            if found.is_empty() {
                empty_folders.push(display_path(path));
            }
            sort_paths(&mut found);
            for file in found {
                add(Input::File(file), &mut inputs);
            }
        } else {
            add(Input::File(path.clone()), &mut inputs);
        }
    }
    Collected {
        inputs,
        empty_folders,
    }
}

/// Sorts paths in `Path`'s order, each path's components taken apart once rather than at
/// every comparison.
fn sort_paths(paths: &mut Vec<PathBuf>) {
    let mut keyed: Vec<(Vec<std::path::Component<'_>>, usize)> = paths
        .iter()
        .enumerate()
        .map(|(i, path)| (path.components().collect(), i))
        .collect();
    keyed.sort_unstable();
    let order: Vec<usize> = keyed.into_iter().map(|(_, i)| i).collect();
    let mut taken: Vec<Option<PathBuf>> = std::mem::take(paths).into_iter().map(Some).collect();
    paths.extend(order.into_iter().filter_map(|i| taken[i].take()));
}

fn is_twiml_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xml") || e.eq_ignore_ascii_case("twiml"))
}

/// Files below `dir`, without following symbolic links to folders (no cycles). A folder
/// that cannot be listed, or an entry whose kind cannot be told, is kept as an input: reading
/// it fails with the reason, in its place among the others.
fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        found.push(dir.to_path_buf());
        return;
    };
    for entry in entries {
        let Ok(entry) = entry else {
            found.push(dir.to_path_buf());
            continue;
        };
        let path = entry.path();
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => walk(&path, found),
            Ok(kind) if !(kind.is_file() || kind.is_symlink()) => {}
            Ok(_) if !is_twiml_file(&path) => {}
            _ => found.push(path),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_sort_as_path_orders_them() {
        let mut paths: Vec<PathBuf> = [
            "a-b/x.xml",
            "a/b.xml",
            "a/b/c.xml",
            "a.xml",
            "A.xml",
            "/srv/z.xml",
            "a/b.xml",
            "a//b.xml",
            "b/a.twiml",
            "10.xml",
            "9.xml",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let mut expected = paths.clone();
        expected.sort();
        sort_paths(&mut paths);
        assert_eq!(paths, expected);
    }
}
