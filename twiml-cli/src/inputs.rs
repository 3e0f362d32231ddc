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
                let metadata = file.metadata()?;
                if metadata.is_dir() {
                    // A folder whose listing failed when the inputs were collected: the
                    // listing's error says why, and is the error of this input.
                    std::fs::read_dir(path)?;
                    return Err(io::Error::new(
                        io::ErrorKind::IsADirectory,
                        "a folder that could not be listed",
                    ));
                }
                // Sized once from the file's length (one byte more to see the end), not grown
                // read by read.
                let expected = metadata.len().min(limit).saturating_add(1);
                bytes.reserve(usize::try_from(expected).unwrap_or(0));
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
    // Most paths are UTF-8: checked in one pass, no copy.
    let text = path
        .to_str()
        .map_or_else(|| path.to_string_lossy(), std::borrow::Cow::Borrowed);
    let text = text
        .strip_prefix("./")
        .or_else(|| text.strip_prefix(".\\"))
        .unwrap_or(&text);
    text.replace('\\', "/")
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
    // tens of thousands of files. One path names each file once (a folder's walk does not
    // follow links to folders), so only several paths need it.
    let mut seen: Option<HashSet<Input>> = (paths.len() > 1).then(HashSet::new);
    let mut add = |input: Input, inputs: &mut Vec<Input>| {
        if seen.as_mut().is_none_or(|seen| seen.insert(input.clone())) {
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

/// Whether a file's name ends in `.xml` or `.twiml` (any case) after a stem, as
/// `Path::extension` reads it (`.xml` alone is a hidden file without one), read from the
/// path's last bytes rather than by taking the whole path apart.
fn is_twiml_file(path: &Path) -> bool {
    let path = path.as_os_str().as_encoded_bytes();
    [b".xml".as_slice(), b".twiml"].iter().any(|ext| {
        let Some(stem) = path.len().checked_sub(ext.len()) else {
            return false;
        };
        path[stem..].eq_ignore_ascii_case(ext)
            && stem > 0
            && !(path[stem - 1].is_ascii() && std::path::is_separator(char::from(path[stem - 1])))
    })
}

/// Files below `dir` in `Path`'s order, without following symbolic links to folders (no
/// cycles). A folder that cannot be listed, or whose entries cannot all be read, or an entry
/// whose kind cannot be told, is kept as an input: reading it fails with the reason, in its
/// place among the others.
fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        found.push(dir.to_path_buf());
        return;
    };
    let mut unreadable = false;
    // The folder's entries to keep, and whether each is a folder to walk.
    let mut here: Vec<(PathBuf, bool)> = Vec::new();
    for entry in entries {
        let Ok(entry) = entry else {
            unreadable = true;
            continue;
        };
        let path = entry.path();
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => here.push((path, true)),
            Ok(kind) if !(kind.is_file() || kind.is_symlink()) => {}
            Ok(_) if !is_twiml_file(&path) => {}
            _ => here.push((path, false)),
        }
    }
    // `Path` orders a folder before what it holds, and entries of one folder by their names.
    // The entries share the folder's path, so their bytes compare as their names do: sorting
    // each folder's entries and walking them in turn gives the order of the whole tree.
    here.sort_unstable_by(|(a, _), (b, _)| {
        a.as_os_str()
            .as_encoded_bytes()
            .cmp(b.as_os_str().as_encoded_bytes())
    });
    if unreadable {
        found.push(dir.to_path_buf());
    }
    for (path, is_folder) in here {
        if is_folder {
            walk(&path, found);
        } else {
            found.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twiml_files_are_those_with_the_extension() {
        for name in [
            "a.xml",
            "A.XML",
            "b.twiml",
            "c.d.Twiml",
            "..xml",
            "dir/x.xml",
            "/d/.a.xml",
        ] {
            assert!(is_twiml_file(Path::new(name)), "{name}");
            assert!(Path::new(name).extension().is_some());
        }
        for name in [
            ".xml",
            "d/.twiml",
            "xml",
            "a.xmls",
            "a.txt",
            "a.xml.bak",
            "",
        ] {
            assert!(!is_twiml_file(Path::new(name)), "{name}");
        }
    }

    #[test]
    fn a_folder_is_walked_in_path_order() {
        let dir = tempfile::tempdir().unwrap();
        let names = [
            "a-b/x.xml",
            "a/b.xml",
            "a/b/c.xml",
            "a.xml",
            "A.xml",
            "b/a.twiml",
            "10.xml",
            "9.xml",
            "a/-b.xml",
            ".a/b.xml",
            "a/.b.xml",
            "a/b/c/d.xml",
            "ab.xml",
            "a b.xml",
        ];
        for name in names {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "<Response/>").unwrap();
        }
        std::fs::write(dir.path().join("notes.txt"), "").unwrap();
        let mut found = Vec::new();
        walk(dir.path(), &mut found);
        let mut expected: Vec<PathBuf> = names.iter().map(|n| dir.path().join(n)).collect();
        expected.sort();
        assert_eq!(found, expected);
    }
}
