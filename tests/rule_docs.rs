//! Every compliance rule's documentation is executable: its Example triggers the rule, and its
//! "Use instead" passes every rule. A document rule's examples are TwiML, run under the rule's
//! example policy; a gate rule's are campaign files, each send decided at its instant; a flow
//! rule's (GEN002) are a `twiml.toml` with a `[flow]` section, then the document of its entry,
//! run through `check_flow` with an empty `<Response/>` for every other route. The sections
//! are all there, in order.

use twiml::callflow::{FlowConfig, check_flow};
use twiml::gate::Campaign;
use twiml::gate::inbound::{Action, check_reply};
use twiml::rules::{Fact, Policy, RULES, Regime, RuleInfo, RuleKind};
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

/// The text of the first fenced block of `language` after `heading`, if there is one before
/// the next heading.
fn block_after<'a>(
    rule: &RuleInfo,
    docs: &'a str,
    heading: &str,
    language: &str,
) -> Option<&'a str> {
    let section = docs
        .split_once(heading)
        .unwrap_or_else(|| panic!("{}: no `{heading}` section", rule.code))
        .1;
    let section = section.split("\n## ").next().unwrap_or(section);
    let block = section.split_once(&format!("```{language}\n"))?.1;
    Some(
        block
            .split_once("```")
            .unwrap_or_else(|| panic!("{}: unterminated block", rule.code))
            .0,
    )
}

/// The first fenced block of `language` after `heading`, which must be there.
fn required_block<'a>(rule: &RuleInfo, docs: &'a str, heading: &str, language: &str) -> &'a str {
    block_after(rule, docs, heading, language)
        .unwrap_or_else(|| panic!("{}: `{heading}` has no {language} block", rule.code))
}

/// The findings of the example after `heading`: the rules over a document, the gate over each
/// send of a campaign (with a finding `verdict` for a send the gate does not allow without
/// one), or the rules along every path of a flow.
fn findings(rule: &RuleInfo, docs: &str, heading: &str) -> Vec<(String, Severity, String)> {
    match rule.kind {
        RuleKind::Document => {
            let xml = required_block(rule, docs, heading, "xml");
            let validation = validate_with(xml, &ParseOptions::default(), &example_policy(rule));
            validation
                .diagnostics
                .into_iter()
                .map(|d| (d.code.to_string(), d.severity, d.message.into_owned()))
                .collect()
        }
        // The answer to a keyword: `reply-to`, `business` and `reply`.
        RuleKind::Gate if required_block(rule, docs, heading, "toml").contains("reply-to = ") => {
            let example = required_block(rule, docs, heading, "toml");
            let table: toml::Table = toml::from_str(example)
                .unwrap_or_else(|e| panic!("{}: the example is not TOML: {e}", rule.code));
            let field = |name: &str| {
                table
                    .get(name)
                    .and_then(|v| v.as_str())
                    .unwrap_or_else(|| panic!("{}: the example has no `{name}`", rule.code))
            };
            let action = Action::parse(field("reply-to"))
                .unwrap_or_else(|| panic!("{}: unknown `reply-to`", rule.code));
            check_reply(action, field("business"), field("reply"))
                .into_iter()
                .map(|f| (f.rule.code.to_string(), Severity::Error, f.message))
                .collect()
        }
        RuleKind::Gate => {
            let example = required_block(rule, docs, heading, "toml");
            let campaign = Campaign::from_toml(example)
                .unwrap_or_else(|e| panic!("{}: the example is not a campaign: {e}", rule.code));
            assert!(!campaign.sends.is_empty(), "{}: no send", rule.code);
            let mut found = Vec::new();
            for send in &campaign.sends {
                let at = send.at.expect("examples give the instant of each send");
                let decision = campaign.gate.decide(&send.outbound, &send.history, at);
                if !decision.verdict.is_allow() && decision.findings.is_empty() {
                    found.push((
                        "verdict".to_string(),
                        Severity::Error,
                        decision.verdict.as_str().to_string(),
                    ));
                }
                found.extend(
                    decision
                        .findings
                        .into_iter()
                        .map(|d| (d.code.to_string(), d.severity, d.message.into_owned())),
                );
            }
            found
        }
        RuleKind::Flow => {
            let toml = required_block(rule, docs, heading, "toml");
            let xml = required_block(rule, docs, heading, "xml");
            let flow = FlowConfig::from_toml(toml)
                .unwrap_or_else(|e| panic!("{}: {e:?}", rule.code))
                .unwrap_or_else(|| panic!("{}: the example's twiml.toml has no [flow]", rule.code));
            assert!(
                flow.problems().is_empty(),
                "{}: {:?}",
                rule.code,
                flow.problems()
            );
            let entry = flow.entries().next().expect("an entry").to_string();
            let report = check_flow(
                &flow,
                |route| {
                    Ok(if route.path == entry {
                        xml.as_bytes().to_vec()
                    } else {
                        b"<Response/>".to_vec()
                    })
                },
                &example_policy(rule),
                &ParseOptions::default(),
            );
            report
                .documents
                .into_iter()
                .flat_map(|d| d.diagnostics)
                .map(|d| {
                    (
                        d.diagnostic.code.to_string(),
                        d.diagnostic.severity,
                        d.diagnostic.message.into_owned(),
                    )
                })
                .collect()
        }
    }
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
        let found = findings(rule, &docs, "## Example\n");
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
        let found = findings(rule, &docs, "## Use instead\n");
        if !found.is_empty() {
            failures.push(format!("{}: the fix is not clean: {found:?}", rule.code));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
