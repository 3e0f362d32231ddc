//! Which files a command reads: files as given, folders searched recursively for `*.xml` and
//! `*.twiml`, and `-` for standard input.

use std::collections::HashSet;
use std::fmt;
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
                std::fs::File::open(path)?
                    .take(limit)
                    .read_to_end(&mut bytes)?;
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

/// A path that could not be used.
#[derive(Debug)]
pub(crate) struct InputError {
    path: String,
    error: io::Error,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.error)
    }
}

impl std::error::Error for InputError {}

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
pub(crate) fn collect(paths: &[PathBuf]) -> Result<Collected, InputError> {
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
        // that cannot be entered) is still an input: reading it fails, that failure is
        // reported in its place, and the other inputs are checked.
        let is_dir = std::fs::metadata(path).is_ok_and(|metadata| metadata.is_dir());
        if is_dir {
            let mut found = Vec::new();
            walk(path, &mut found).map_err(|(p, error)| InputError {
                path: display_path(&p),
                error,
            })?;
            if found.is_empty() {
                empty_folders.push(display_path(path));
            }
            found.sort();
            for file in found {
                add(Input::File(file), &mut inputs);
            }
        } else {
            add(Input::File(path.clone()), &mut inputs);
        }
    }
    Ok(Collected {
        inputs,
        empty_folders,
    })
}

fn is_twiml_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xml") || e.eq_ignore_ascii_case("twiml"))
}

/// Files below `dir`, without following symbolic links to folders (no cycles).
fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), (PathBuf, io::Error)> {
    let entries = std::fs::read_dir(dir).map_err(|e| (dir.to_path_buf(), e))?;
    for entry in entries {
        let entry = entry.map_err(|e| (dir.to_path_buf(), e))?;
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| (path.clone(), e))?;
        if kind.is_dir() {
            walk(&path, found)?;
        } else if (kind.is_file() || kind.is_symlink()) && is_twiml_file(&path) {
            found.push(path);
        }
    }
    Ok(())
}
