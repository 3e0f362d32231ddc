//! Every compliance rule's documentation is executable: its Example triggers the rule, and its
//! "Use instead" passes every rule, both under the rule's example policy. The sections are all
//! there, in order.

use twiml::rules::{Fact, Policy, RULES, Regime, RuleInfo};
use twiml::{ParseOptions, Severity, validate_with};

/// The policy written in a rule's `example_policy`: regimes, facts, `business=` and
/// `callback=` entries separated by `;`.
fn example_policy(rule: &RuleInfo) -> Policy {
    let mut policy = Policy::new();
    for entry in rule.example_policy.split(';').map(str::trim) {
        if entry.is_empty() {
            continue;
        }
        if let Some(name) = entry.strip_prefix("business=") {
            policy = policy.business_name(name);
        } else if let Some(number) = entry.strip_prefix("callback=") {
            policy = policy.callback_number(number);
        } else if let Some(regime) = Regime::parse(entry) {
            policy = policy.regime(regime);
        } else if let Some(fact) = Fact::parse(entry) {
            policy = policy.fact(fact);
        } else {
            panic!(
                "{}: unknown entry `{entry}` in its example policy",
                rule.code
            );
        }
    }
    policy
}

/// The XML of the first fenced block after `heading`.
fn xml_after<'a>(rule: &RuleInfo, docs: &'a str, heading: &str) -> &'a str {
    let section = docs
        .split_once(heading)
        .unwrap_or_else(|| panic!("{}: no `{heading}` section", rule.code))
        .1;
    let block = section
        .split_once("```xml\n")
        .unwrap_or_else(|| panic!("{}: `{heading}` has no xml block", rule.code))
        .1;
    block
        .split_once("```")
        .unwrap_or_else(|| panic!("{}: unterminated block", rule.code))
        .0
}

fn findings(rule: &RuleInfo, xml: &str) -> Vec<(String, Severity, String)> {
    let validation = validate_with(xml, &ParseOptions::default(), &example_policy(rule));
    validation
        .diagnostics
        .into_iter()
        .map(|d| (d.code.to_string(), d.severity, d.message))
        .collect()
}

#[test]
fn every_rule_documents_the_five_sections_in_order() {
    for rule in RULES {
        let docs = rule.explanation();
        let headings: Vec<&str> = docs.lines().filter(|l| l.starts_with("## ")).collect();
        assert_eq!(
            headings,
            [
                "## What it does",
                "## Why is this bad",
                "## Example",
                "## Use instead",
                "## References"
            ],
            "{}",
            rule.code
        );
    }
}

#[test]
fn every_example_triggers_its_rule() {
    let mut failures = Vec::new();
    for rule in RULES {
        let docs = rule.explanation();
        let xml = xml_after(rule, &docs, "## Example\n");
        let found = findings(rule, xml);
        if !found.iter().any(|(code, _, _)| code == rule.code) {
            failures.push(format!(
                "{}: the example does not trigger it; found {found:?}",
                rule.code
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_use_instead_passes_every_rule() {
    let mut failures = Vec::new();
    for rule in RULES {
        let docs = rule.explanation();
        let xml = xml_after(rule, &docs, "## Use instead\n");
        let found = findings(rule, xml);
        if !found.is_empty() {
            failures.push(format!("{}: the fix is not clean: {found:?}", rule.code));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
