//! Every code a validation reports, structural checks and compliance rules alike, behind one
//! view: for `twiml explain`, `twiml rules`, SARIF rule lists and the pages in `docs/rules/`.

use std::fmt::{self, Write};
use std::hash::{Hash, Hasher};

use crate::Severity;
use crate::diagnostic::{CHECKS, CheckInfo, find_check};
use crate::rules::{Level, Policy, RULES, RuleInfo, RuleKind, find_rule};

/// A structural check or a compliance rule: the code of a [`Diagnostic`](crate::Diagnostic).
///
/// It displays and serializes as the code itself (`TW0104`, `REC001`), and compares equal to
/// it: `diagnostic.code == "REC001"`, or, checked by the compiler,
/// `diagnostic.code == rules::REC001`.
#[derive(Clone, Copy)]
pub enum Code {
    /// A check of the element table (`TW0104`).
    Check(&'static CheckInfo),
    /// A compliance rule (`REC001`).
    Rule(&'static RuleInfo),
}

impl From<&'static CheckInfo> for Code {
    fn from(check: &'static CheckInfo) -> Self {
        Code::Check(check)
    }
}

impl From<&'static RuleInfo> for Code {
    fn from(rule: &'static RuleInfo) -> Self {
        Code::Rule(rule)
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Code({})", self.code())
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl PartialEq for Code {
    fn eq(&self, other: &Code) -> bool {
        self.code() == other.code()
    }
}

impl Eq for Code {}

impl Hash for Code {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.code().hash(state);
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Code) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Codes order as their text does (`REC001` before `TW0104`).
impl Ord for Code {
    fn cmp(&self, other: &Code) -> std::cmp::Ordering {
        self.code().cmp(other.code())
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.code() == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.code() == *other
    }
}

impl PartialEq<CheckInfo> for Code {
    fn eq(&self, other: &CheckInfo) -> bool {
        self.code() == other.code
    }
}

impl PartialEq<RuleInfo> for Code {
    fn eq(&self, other: &RuleInfo) -> bool {
        self.code() == other.code
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl Code {
    /// Every code: the checks first, then the rules, each in code order.
    pub fn all() -> impl Iterator<Item = Code> {
        CHECKS
            .iter()
            .copied()
            .map(Code::Check)
            .chain(RULES.iter().copied().map(Code::Rule))
    }

    /// The code with this code or name.
    pub fn find(code_or_name: &str) -> Option<Code> {
        find_check(code_or_name)
            .map(Code::Check)
            .or_else(|| find_rule(code_or_name).map(Code::Rule))
    }

    /// The code (`TW0104`, `REC001`).
    pub fn code(self) -> &'static str {
        match self {
            Code::Check(c) => c.code,
            Code::Rule(r) => r.code,
        }
    }

    /// The kebab-case name.
    pub fn name(self) -> &'static str {
        match self {
            Code::Check(c) => c.name,
            Code::Rule(r) => r.name,
        }
    }

    /// One line: what it finds.
    pub fn summary(self) -> &'static str {
        match self {
            Code::Check(c) => c.summary,
            Code::Rule(r) => r.summary,
        }
    }

    /// The documentation, as Markdown.
    pub fn docs(self) -> String {
        match self {
            Code::Check(c) => c.explanation(),
            Code::Rule(r) => r.explanation().to_string(),
        }
    }

    /// The most severe finding the code reports by default.
    pub fn default_severity(self) -> Severity {
        match self {
            Code::Check(c) => c.severity,
            Code::Rule(r) if r.default_level == Level::Warn => Severity::Warning,
            Code::Rule(_) => Severity::Error,
        }
    }

    /// What the code does under `policy`: a check's severity; a rule's level, or `off` when
    /// its regime or facts do not hold.
    pub fn level_under(self, policy: &Policy) -> &'static str {
        match self {
            Code::Check(c) => c.severity.as_str(),
            Code::Rule(r) if policy.level_of(r) == Level::Allow => "allow",
            Code::Rule(r) if !policy.runs(r) => "off",
            Code::Rule(r) => policy.level_of(r).as_str(),
        }
    }

    /// The documentation page: title, summary, where and how strictly it applies, then the
    /// sections What it does, Why is this bad, Example, Use instead, and References for a
    /// rule or Where it runs for a check that does not run on every path. `twiml explain`
    /// prints it; `docs/rules/` holds one per code.
    pub fn page(self) -> String {
        let mut page = format!(
            "# {} {}\n\n{}.\n\n",
            self.code(),
            self.name(),
            capitalise(self.summary())
        );
        // Writing into a String cannot fail.
        let _ = match self {
            Code::Check(check) => writeln!(
                page,
                "Structural check. Default level: {}.{}\n",
                check.severity,
                check
                    .twilio_error
                    .map(|e| format!(" Twilio error: {e}."))
                    .unwrap_or_default()
            ),
            Code::Rule(rule) => {
                let (what, every) = match rule.kind {
                    RuleKind::Document => ("Compliance rule", "every flow"),
                    RuleKind::Gate => ("Send-time rule of the gate (`twiml gate`)", "every send"),
                    RuleKind::Flow => (
                        "Rule of whole call flows (`twiml check` with a `[flow]` section)",
                        "every flow checked whole",
                    ),
                };
                let applies = if rule.regimes.is_empty() {
                    every.to_string()
                } else {
                    rule.regimes
                        .iter()
                        .map(|r| format!("the `{r}` regime"))
                        .collect::<Vec<_>>()
                        .join(" or ")
                };
                let needs = if rule.needs.is_empty() {
                    String::new()
                } else {
                    let facts: Vec<_> = rule.needs.iter().map(|f| format!("`{f}`")).collect();
                    format!(", when {} holds", facts.join(" and "))
                };
                writeln!(
                    page,
                    "{what}, {} family. Applies to {applies}{needs}. Default level: {}. \
                     Reports {}.\n",
                    rule.family.as_str(),
                    rule.default_level,
                    rule.reports
                )
            }
        };
        page.push_str(self.docs().trim_end());
        page.push('\n');
        page
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
