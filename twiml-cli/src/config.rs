//! Where the policy comes from: the `twiml.toml` nearest each document (as ruff finds its
//! configuration), or the file named with `--config`, plus the policy options of the command
//! line. The file's format is `Policy::from_toml`'s.

use std::fmt;
use std::path::{Path, PathBuf};

use twiml_core::rules::{FILE_NAME, Fact, Policy, Regime};

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

/// What the command line adds to the policy file.
#[derive(Debug, Default)]
pub(crate) struct Additions {
    pub(crate) policies: Vec<String>,
    pub(crate) context: Vec<String>,
    pub(crate) business_names: Vec<String>,
    pub(crate) callback_numbers: Vec<String>,
}

/// A path as users should see it: relative to the current folder when it is below it.
fn shown(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf));
    relative
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}

/// Reads the policy file at `path` (when there is one) and adds the command line's options.
pub(crate) fn load(path: Option<&Path>, additions: &Additions) -> Result<Policy, ConfigError> {
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
