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
            sort_paths(&mut found);
            // A folder whose entries cannot be read stands for each of them: once is enough.
            found.dedup();
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

/// Sorts paths in `Path`'s order, with one key per path compared as bytes instead of paths
/// taken apart at every comparison.
fn sort_paths(paths: &mut Vec<PathBuf>) {
    let mut keyed: Vec<(Vec<u8>, usize)> = paths
        .iter()
        .enumerate()
        .map(|(i, path)| (order_key(path), i))
        .collect();
    keyed.sort_unstable();
    let order: Vec<usize> = keyed.into_iter().map(|(_, i)| i).collect();
    let mut taken: Vec<Option<PathBuf>> = std::mem::take(paths).into_iter().map(Some).collect();
    paths.extend(order.into_iter().filter_map(|i| taken[i].take()));
}

/// Bytes that compare as `Path` compares: component by component, a prefix first, a root
/// before `.` before `..` before names, names by their bytes. Each component is a tag and, for
/// a prefix or a name, its bytes and a zero. On Unix the components are read from the bytes as
/// `Path::components` reads them (empty and inner `.` parts dropped, a leading `.` kept).
fn order_key(path: &Path) -> Vec<u8> {
    let bytes = path.as_os_str().as_encoded_bytes();
    let mut key = Vec::with_capacity(bytes.len() + 8);
    let mut push = |tag: u8, name: &[u8]| {
        key.push(tag);
        if tag == 0 || tag == 4 {
            key.extend_from_slice(name);
            key.push(0);
        }
    };
    if cfg!(unix) {
        if bytes.first() == Some(&b'/') {
            push(1, b"");
        }
        for (i, part) in bytes.split(|&b| b == b'/').enumerate() {
            match part {
                b"" => {}
                b"." if i == 0 => push(2, b""),
                b"." => {}
                b".." => push(3, b""),
                name => push(4, name),
            }
        }
    } else {
        for component in path.components() {
            let tag = match component {
                std::path::Component::Prefix(_) => 0,
                std::path::Component::RootDir => 1,
                std::path::Component::CurDir => 2,
                std::path::Component::ParentDir => 3,
                std::path::Component::Normal(_) => 4,
            };
            push(tag, component.as_os_str().as_encoded_bytes());
        }
    }
    key
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
            "./a/b.xml",
            "./a/./b.xml",
            "../c.xml",
            "a/../c.xml",
            "//srv/a.xml",
            "a/b/",
            "-/a.xml",
            "a/-b.xml",
            ".a/b.xml",
            "a/.b.xml",
            "a/b.xml/.",
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
