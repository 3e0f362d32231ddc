//! `twiml.toml`: the policy a project's documents are checked under, found the way cargo finds
//! `Cargo.toml` (the current folder, then each parent), or named with `--config`.
//!
//! ```toml
//! [policy]
//! regimes = ["debt-collection"]
//! facts = ["outbound"]
//! business-names = ["Acme Recovery"]
//! callback-numbers = ["+18005550100"]
//!
//! [rules]
//! DEBT009 = "deny"
//!
//! [allow]
//! REC001 = "consent to recording is captured at sign-up"
//!
//! [audio]
//! "https://example.com/greeting.mp3" = ["recording-notice", "business-identity"]
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use twiml_core::rules::{Disclosure, Fact, Level, Policy, Regime};

/// The file name searched for.
pub(crate) const FILE_NAME: &str = "twiml.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    #[serde(default)]
    policy: PolicySection,
    /// Rule code or name → level.
    #[serde(default)]
    rules: BTreeMap<String, String>,
    /// Rule code or name → the reason it does not apply.
    #[serde(default)]
    allow: BTreeMap<String, String>,
    /// Audio URL → what it says.
    #[serde(default)]
    audio: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PolicySection {
    #[serde(default)]
    regimes: Vec<String>,
    #[serde(default)]
    facts: Vec<String>,
    #[serde(default)]
    business_names: Vec<String>,
    #[serde(default)]
    callback_numbers: Vec<String>,
}

/// Why a configuration could not be used.
#[derive(Debug)]
pub(crate) struct ConfigError {
    path: PathBuf,
    /// Line and column (1-based), when the error is in the file's syntax.
    at: Option<(usize, usize)>,
    message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some((line, column)) = self.at {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// The nearest `twiml.toml` at or above `start`.
pub(crate) fn find(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// What the command line adds to the configuration.
#[derive(Debug, Default)]
pub(crate) struct Additions {
    pub(crate) regimes: Vec<String>,
    pub(crate) facts: Vec<String>,
    pub(crate) business_names: Vec<String>,
    pub(crate) callback_numbers: Vec<String>,
}

/// Reads the configuration at `path` (when given) and adds the command line's regimes, facts
/// and names. Every unknown name is an error that names it and where it was written.
pub(crate) fn load(path: Option<&Path>, additions: &Additions) -> Result<Policy, ConfigError> {
    let (config, origin) = match path {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
                path: path.to_path_buf(),
                at: None,
                message: e.to_string(),
            })?;
            let config: Config = toml::from_str(&text).map_err(|e| ConfigError {
                path: path.to_path_buf(),
                at: line_and_column(&text, &e),
                message: e.message().trim_end().to_string(),
            })?;
            (config, path.to_path_buf())
        }
        None => (Config::default(), PathBuf::from("the command line")),
    };
    let error = |message: String| ConfigError {
        path: origin.clone(),
        at: None,
        message,
    };

    let mut policy = Policy::new();
    let regimes = config.policy.regimes.iter().chain(&additions.regimes);
    for name in regimes {
        let regime = Regime::parse(name).ok_or_else(|| {
            error(format!(
                "unknown regime `{name}`; the regimes are {}",
                list(Regime::ALL.iter().map(|r| r.as_str()))
            ))
        })?;
        policy = policy.regime(regime);
    }
    for name in config.policy.facts.iter().chain(&additions.facts) {
        let fact = Fact::parse(name).ok_or_else(|| {
            error(format!(
                "unknown fact `{name}`; the facts are {}",
                list(Fact::ALL.iter().map(|f| f.as_str()))
            ))
        })?;
        policy = policy.fact(fact);
    }
    for name in config
        .policy
        .business_names
        .iter()
        .chain(&additions.business_names)
    {
        policy = policy.business_name(name.clone());
    }
    for number in config
        .policy
        .callback_numbers
        .iter()
        .chain(&additions.callback_numbers)
    {
        policy = policy.callback_number(number.clone());
    }
    for (code, level) in &config.rules {
        let level = match Level::parse(level) {
            Some(Level::Allow) => {
                return Err(error(format!(
                    "`{code} = \"allow\"` gives no reason; write it under [allow] as `{code} = \"the reason\"`"
                )));
            }
            Some(level) => level,
            None => {
                return Err(error(format!(
                    "unknown level `{level}` for `{code}`; the levels are `warn` and `deny`"
                )));
            }
        };
        policy = policy.level(code, level);
    }
    for (code, reason) in &config.allow {
        policy = policy.allow(code, reason.clone());
    }
    for (url, says) in &config.audio {
        let mut disclosures = Vec::new();
        for name in says {
            disclosures.push(Disclosure::parse(name).ok_or_else(|| {
                error(format!(
                    "unknown disclosure `{name}` for `{url}`; the disclosures are {}",
                    list(Disclosure::ALL.iter().map(|d| d.as_str()))
                ))
            })?);
        }
        policy = policy.declare_audio(url.clone(), &disclosures);
    }
    if let Some(problem) = policy.problems().first() {
        return Err(error(problem.clone()));
    }
    Ok(policy)
}

/// Where a TOML error is, as line and column (1-based).
fn line_and_column(text: &str, error: &toml::de::Error) -> Option<(usize, usize)> {
    let span = error.span()?;
    let before = text.get(..span.start)?;
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((line, column))
}

fn list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
