//! Where the policy comes from: the `twiml.toml` nearest each document (as ruff finds its
//! configuration), or the file named with `--config`, plus the policy options of the command
//! line. The file's format is `Policy::from_toml`'s.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use twiml_core::rules::{FILE_NAME, Fact, Policy, Regime};

use crate::args::PolicyArgs;
use crate::inputs::Input;

/// Why a policy could not be made.
#[derive(Debug)]
pub(crate) struct ConfigError {
    /// The file, or `the command line`.
    origin: String,
    message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.message)
    }
}

/// The nearest `twiml.toml` at or above `start`.
pub(crate) fn find(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

impl std::error::Error for ConfigError {}

/// A path as users should see it: relative to the current folder when it is below it.
pub(crate) fn shown(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf));
    relative
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}

/// The configuration file that applies to documents in `dir`: the one named with
/// `--config`, none with `--no-config`, else the nearest `twiml.toml` at or above `dir`.
fn config_for(args: &PolicyArgs, dir: &Path) -> Option<PathBuf> {
    if args.no_config {
        None
    } else if let Some(path) = &args.config {
        Some(path.clone())
    } else {
        std::path::absolute(dir).ok().and_then(|dir| find(&dir))
    }
}

/// The policy for documents in the current folder (`twiml rules`, standard input).
pub(crate) fn current(args: &PolicyArgs) -> Result<Policy, ConfigError> {
    load(config_for(args, Path::new(".")).as_deref(), args)
}

/// The policies of the inputs: the distinct policies, the file each comes from (none for the
/// baseline), and for each input the index of its policy.
pub(crate) struct Policies {
    pub(crate) policies: Vec<Policy>,
    pub(crate) files: Vec<Option<PathBuf>>,
    pub(crate) chosen: Vec<usize>,
}

/// The policy of each input: each file is checked under the `twiml.toml` nearest to it, as
/// linters do, so that folders of flows under different regimes can sit side by side.
pub(crate) fn for_inputs(args: &PolicyArgs, inputs: &[Input]) -> Result<Policies, ConfigError> {
    let mut configs: Vec<Option<PathBuf>> = Vec::new();
    let mut policies = Vec::new();
    let mut chosen = Vec::with_capacity(inputs.len());
    // The configuration of each folder, looked up once: a folder may hold thousands of
    // documents.
    let mut by_folder: HashMap<&Path, Option<PathBuf>> = HashMap::new();
    // The folder of the input before, and its policy: a folder's files come one after another.
    let mut last: Option<(&Path, usize)> = None;
    for input in inputs {
        if let (Some((folder, index)), Input::File(path)) = (last, input)
            && in_folder(path, folder)
        {
            chosen.push(index);
            continue;
        }
        let dir = match input {
            Input::File(path) => path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new(".")),
            Input::Stdin => Path::new("."),
        };
        let config = by_folder
            .entry(dir)
            .or_insert_with(|| config_for(args, dir))
            .clone();
        let index = match configs.iter().position(|c| *c == config) {
            Some(index) => index,
            None => {
                let policy = load(config.as_deref(), args)?;
                configs.push(config);
                policies.push(policy);
                policies.len() - 1
            }
        };
        chosen.push(index);
        last = Some((dir, index));
    }
    Ok(Policies {
        policies,
        files: configs,
        chosen,
    })
}

/// Whether `path` is `folder`, a separator and a file name, byte for byte: the path of a file
/// that a folder's walk found. Any other spelling says no, and the caller takes the path apart.
fn in_folder(path: &Path, folder: &Path) -> bool {
    let (path, folder) = (
        path.as_os_str().as_encoded_bytes(),
        folder.as_os_str().as_encoded_bytes(),
    );
    let is_separator = |b: u8| b.is_ascii() && std::path::is_separator(char::from(b));
    let Some(name) = path
        .strip_prefix(folder)
        .and_then(|rest| rest.split_first())
        .filter(|&(&separator, _)| is_separator(separator))
        .map(|(_, name)| name)
    else {
        return false;
    };
    !folder.is_empty()
        && !name.is_empty()
        && name != b"."
        && name != b".."
        && !name.iter().copied().any(is_separator)
}

/// Reads the policy file at `path` (when there is one) and adds the command line's options.
pub(crate) fn load(path: Option<&Path>, additions: &PolicyArgs) -> Result<Policy, ConfigError> {
    let mut policy = match path {
        None => Policy::new(),
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
                origin: shown(path),
                message: e.to_string(),
            })?;
            Policy::from_toml(&text).map_err(|e| match e.at {
                Some((line, column)) => ConfigError {
                    origin: format!("{}:{line}:{column}", shown(path)),
                    message: e.message,
                },
                None => ConfigError {
                    origin: shown(path),
                    message: e.message,
                },
            })?
        }
    };
    let command_line = |message: String| ConfigError {
        origin: "the command line".to_string(),
        message,
    };
    for name in &additions.policies {
        let regime = Regime::parse(name).ok_or_else(|| {
            command_line(format!(
                "unknown policy `{name}`; the policies are {}",
                list(Regime::ALL.iter().map(|r| r.as_str()))
            ))
        })?;
        policy = policy.regime(regime);
    }
    for name in &additions.context {
        let fact = Fact::parse(name).ok_or_else(|| {
            command_line(format!(
                "unknown context `{name}`; the context facts are {}",
                list(Fact::ALL.iter().map(|f| f.as_str()))
            ))
        })?;
        policy = policy.fact(fact);
    }
    for name in &additions.business_names {
        policy = policy.business_name(name.clone());
    }
    for number in &additions.callback_numbers {
        policy = policy.callback_number(number.clone());
    }
    Ok(policy)
}

fn list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_in_a_folder_when_its_parent_is_that_folder() {
        for (path, folder) in [
            ("a/b.xml", "a"),
            ("/srv/x/y.twiml", "/srv/x"),
            ("./c.xml", "."),
        ] {
            assert!(in_folder(Path::new(path), Path::new(folder)), "{path}");
            assert_eq!(Path::new(path).parent(), Some(Path::new(folder)));
        }
        for (path, folder) in [
            ("a/b/c.xml", "a"),
            ("ab/c.xml", "a"),
            ("a/.", "a"),
            ("a/..", "a"),
            ("a/", "a"),
            ("c.xml", ""),
            ("a//c.xml", "a"),
        ] {
            assert!(!in_folder(Path::new(path), Path::new(folder)), "{path}");
        }
    }
}
