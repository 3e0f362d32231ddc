//! The policy file, `twiml.toml`: the policy a folder of flows is checked under.
//!
//! ```toml
//! policies = ["debt-collection"]            # regimes that apply
//! context = ["outbound", "right-party-verified"]
//! business-names = ["Acme Recovery"]
//! callback-numbers = ["+18005550100"]
//! deny = "warnings"                         # warnings fail the build, as `--deny warnings`
//!
//! [rules]                                   # levels: "warn" or "deny"
//! DEBT009 = "deny"
//!
//! [allow]                                   # rules that do not apply, each with its reason
//! REC001 = "consent to recording is captured at sign-up"
//!
//! [audio]                                   # what pre-recorded files say
//! "https://example.com/greeting.mp3" = ["recording-notice", "business-identity"]
//! ```
//!
//! Every name is checked: an unknown key, regime, fact, rule, level or disclosure is an error
//! at its line and column.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use toml::Spanned;

use super::policy::{Disclosure, Fact, Level, Policy, Regime};
use super::registry::find_rule;

/// The name of the policy file.
pub const FILE_NAME: &str = "twiml.toml";

/// Why a policy file could not be read: what, and where (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PolicyFileError {
    /// The line and column of the offending text, when known.
    pub at: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for PolicyFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((line, column)) = self.at {
            write!(f, "{line}:{column}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for PolicyFileError {}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PolicyFile {
    #[serde(default)]
    policies: Vec<Spanned<String>>,
    #[serde(default)]
    context: Vec<Spanned<String>>,
    #[serde(default)]
    business_names: Vec<String>,
    #[serde(default)]
    callback_numbers: Vec<String>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    allow: BTreeMap<Spanned<String>, String>,
    #[serde(default)]
    audio: BTreeMap<String, Vec<Spanned<String>>>,
    #[serde(default)]
    deny: Option<Spanned<String>>,
    /// The routes of a call flow: read by `callflow::FlowConfig::from_toml`, not here.
    #[serde(default, rename = "flow")]
    _flow: Option<serde::de::IgnoredAny>,
}

impl Policy {
    /// Reads a policy from the text of a `twiml.toml`.
    ///
    /// ```
    /// use twiml::rules::{Fact, Policy, Regime};
    ///
    /// let policy = Policy::from_toml(
    ///     "policies = [\"debt-collection\"]\ncontext = [\"outbound\"]\n\n[allow]\nREC001 = \"notice given in the IVR\"\n",
    /// )?;
    /// assert!(policy.applies(Regime::DebtCollection) && policy.holds(Fact::Outbound));
    /// assert_eq!(policy.overrides()[0].reason, "notice given in the IVR");
    ///
    /// let error = Policy::from_toml("policies = [\"collections\"]").unwrap_err();
    /// assert_eq!(error.at, Some((1, 13)));
    /// # Ok::<(), twiml::rules::PolicyFileError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`PolicyFileError`] naming the first unknown key, regime, fact, rule, level or
    /// disclosure, an `allow` without a reason, or the TOML syntax error, with its place.
    pub fn from_toml(text: &str) -> Result<Policy, PolicyFileError> {
        let file: PolicyFile = toml::from_str(text).map_err(|e| PolicyFileError {
            at: e.span().and_then(|span| line_and_column(text, span.start)),
            message: e.message().trim_end().to_string(),
        })?;
        let error = |spanned_start: usize, message: String| PolicyFileError {
            at: line_and_column(text, spanned_start),
            message,
        };

        let mut policy = Policy::new();
        for name in &file.policies {
            let regime = Regime::parse(name.get_ref()).ok_or_else(|| {
                error(
                    name.span().start,
                    format!(
                        "unknown policy `{}`; the policies are {}",
                        name.get_ref(),
                        names(Regime::ALL.iter().map(|r| r.as_str()))
                    ),
                )
            })?;
            policy = policy.regime(regime);
        }
        for name in &file.context {
            let fact = Fact::parse(name.get_ref()).ok_or_else(|| {
                error(
                    name.span().start,
                    format!(
                        "unknown context `{}`; the context facts are {}",
                        name.get_ref(),
                        names(Fact::ALL.iter().map(|f| f.as_str()))
                    ),
                )
            })?;
            policy = policy.fact(fact);
        }
        for name in file.business_names {
            policy = policy.business_name(name);
        }
        for number in file.callback_numbers {
            policy = policy.callback_number(number);
        }
        for (code, level) in &file.rules {
            if find_rule(code.get_ref()).is_none() {
                return Err(unknown_rule(text, code));
            }
            let level = match Level::parse(level.get_ref()) {
                Some(Level::Allow) => {
                    return Err(error(
                        level.span().start,
                        format!(
                            "`{0} = \"allow\"` gives no reason; write it under [allow] as `{0} = \"the reason\"`",
                            code.get_ref()
                        ),
                    ));
                }
                Some(level) => level,
                None => {
                    return Err(error(
                        level.span().start,
                        format!(
                            "unknown level `{}` for `{}`; the levels are `warn` and `deny`",
                            level.get_ref(),
                            code.get_ref()
                        ),
                    ));
                }
            };
            policy = policy.level(code.get_ref(), level);
        }
        for (code, reason) in &file.allow {
            if find_rule(code.get_ref()).is_none() {
                return Err(unknown_rule(text, code));
            }
            if reason.trim().is_empty() {
                return Err(error(
                    code.span().start,
                    format!("the override of `{}` gives no reason", code.get_ref()),
                ));
            }
            policy = policy.allow(code.get_ref(), reason.clone());
        }
        for (url, says) in &file.audio {
            let mut disclosures = Vec::new();
            for name in says {
                disclosures.push(Disclosure::parse(name.get_ref()).ok_or_else(|| {
                    error(
                        name.span().start,
                        format!(
                            "unknown disclosure `{}` for `{url}`; the disclosures are {}",
                            name.get_ref(),
                            names(Disclosure::ALL.iter().map(|d| d.as_str()))
                        ),
                    )
                })?);
            }
            policy = policy.declare_audio(url.clone(), &disclosures);
        }
        if let Some(deny) = &file.deny {
            if deny.get_ref() != "warnings" {
                return Err(error(
                    deny.span().start,
                    format!(
                        "unknown value `{}` for `deny`; the only one is `warnings`",
                        deny.get_ref()
                    ),
                ));
            }
            policy = policy.deny_warnings();
        }
        Ok(policy)
    }
}

fn unknown_rule(text: &str, code: &Spanned<String>) -> PolicyFileError {
    PolicyFileError {
        at: line_and_column(text, code.span().start),
        message: format!(
            "unknown rule `{}`; `twiml rules` lists every rule",
            code.get_ref()
        ),
    }
}

/// The 1-based line and column (in characters) of byte `offset`.
fn line_and_column(text: &str, offset: usize) -> Option<(usize, usize)> {
    let before = text.get(..offset)?;
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((line, column))
}

fn names<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deny_warnings_is_read_and_checked() {
        assert!(
            Policy::from_toml("deny = \"warnings\"\n")
                .unwrap()
                .denies_warnings()
        );
        assert!(!Policy::from_toml("").unwrap().denies_warnings());
        let error = Policy::from_toml("policies = []\ndeny = \"errors\"\n").unwrap_err();
        assert_eq!(error.at, Some((2, 8)));
        assert_eq!(
            error.message,
            "unknown value `errors` for `deny`; the only one is `warnings`"
        );
    }
}
