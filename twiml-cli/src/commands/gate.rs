//! `twiml gate`: the send-time gate's decision about one send, or about every send of a
//! campaign file, in text or JSON.
//!
//! Exit status: 0 when every send is allowed now, 1 when one is deferred, blocked or sent to
//! review, 2 for trouble (bad input names its field).

use std::io::{self, Write};
use std::path::Path;

use serde_json::{Value, json};
use twiml_core::gate::{
    Campaign, Channel, Content, Decision, Gate, Handling, Hints, MessageIntent, Outbound,
    PhoneNumber, RecipientHistory, SendOverride, Sender, State, Timestamp, UseCase, Verdict, Zip,
    Zone, parse_instant,
};
use twiml_core::{ParseOptions, Policy, parse};
use twiml_ledger::Ledger;

use super::{Error, ExitStatus};
use crate::args::{GateArgs, HandlingArg, LogLevel, TextOrJson};
use crate::config;
use crate::inputs::Input;

/// Runs `twiml gate`.
pub(crate) fn run(args: GateArgs, log: LogLevel) -> Result<ExitStatus, Error> {
    if let Some(path) = &args.campaign {
        return run_campaign(&args, path, log);
    }
    let policy = config::current(&args.policy).map_err(Error::new)?;
    let gate = gate_of(&args, policy)?;
    let content = content_of(&args)?;
    let outbound = outbound_of(&args, content)?;
    let at = match &args.at {
        Some(at) => parse_instant(at).map_err(Error::new)?,
        None => Timestamp::now(),
    };
    let decision = match &args.db {
        Some(db) => {
            let ledger =
                super::consent::open(db)?.with_decision_durability(args.durability.durability());
            ledger
                .decide(&gate, &outbound, at)
                .map_err(Error::new)?
                .decision
        }
        None => gate.decide(&outbound, &RecipientHistory::default(), at),
    };
    if log != LogLevel::Silent {
        let mut out = io::stdout().lock();
        match args.format {
            TextOrJson::Text => out.write_all(text(&decision, &outbound).as_bytes())?,
            TextOrJson::Json => {
                out.write_all(
                    serde_json::to_string_pretty(&json_of(&decision))
                        .map_err(io::Error::other)?
                        .as_bytes(),
                )?;
                writeln!(out)?;
            }
        }
        out.flush()?;
    }
    Ok(status(&decision))
}

/// Decides every send of a campaign file, each at its instant (now when it gives none).
fn run_campaign(args: &GateArgs, path: &Path, log: LogLevel) -> Result<ExitStatus, Error> {
    let input = Input::File(path.to_path_buf());
    let name = input.name();
    let policies =
        config::for_inputs(&args.policy, std::slice::from_ref(&input)).map_err(Error::new)?;
    let base = policies.policies.into_iter().next().unwrap_or_default();
    let bytes = input
        .read()
        .map_err(|e| Error::new(format_args!("{name}: {e}")))?;
    let source = String::from_utf8(bytes).map_err(|e| {
        Error::new(format_args!(
            "{name}: not UTF-8 (byte {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    let campaign = Campaign::from_toml_with(&source, base)
        .map_err(|e| Error::new(format_args!("{name}:{e}")))?;
    let mut gate = campaign.gate;
    if args.handling == HandlingArg::Block {
        gate = gate.handling(Handling::Block);
    }
    for state in &args.emergencies {
        gate = gate.emergency(parse_state(state)?);
    }
    let now = Timestamp::now();
    let ledger = args
        .db
        .as_deref()
        .map(super::consent::open)
        .transpose()?
        .map(|l| l.with_decision_durability(args.durability.durability()));
    let mut decisions: Vec<(usize, Decision)> = Vec::with_capacity(campaign.sends.len());
    for s in &campaign.sends {
        let at = s.at.unwrap_or(now);
        let decision = match &ledger {
            Some(ledger) => {
                ledger
                    .decide(&gate, &s.outbound, at)
                    .map_err(Error::new)?
                    .decision
            }
            None => gate.decide(&s.outbound, &s.history, at),
        };
        decisions.push((s.line, decision));
    }
    let all_allowed = decisions.iter().all(|(_, d)| d.verdict.is_allow());
    if log != LogLevel::Silent {
        let mut out = io::stdout().lock();
        match args.format {
            TextOrJson::Text => {
                for ((line, decision), send) in decisions.iter().zip(&campaign.sends) {
                    writeln!(out, "{name}:{line}: {}", send.outbound.to)?;
                    for l in text(decision, &send.outbound).lines() {
                        writeln!(out, "  {l}")?;
                    }
                }
                if log == LogLevel::Default {
                    let count = |v: &str| {
                        decisions
                            .iter()
                            .filter(|(_, d)| d.verdict.as_str() == v)
                            .count()
                    };
                    writeln!(
                        out,
                        "{} sends: {} allow, {} defer, {} block, {} review",
                        decisions.len(),
                        count("allow"),
                        count("defer"),
                        count("block"),
                        count("review")
                    )?;
                }
            }
            TextOrJson::Json => {
                let sends: Vec<Value> = decisions
                    .iter()
                    .map(|(line, d)| {
                        let mut v = json_of(d);
                        if let Value::Object(map) = &mut v {
                            map.insert("line".to_string(), json!(line));
                        }
                        v
                    })
                    .collect();
                out.write_all(
                    serde_json::to_string_pretty(&json!({ "path": name, "sends": sends }))
                        .map_err(io::Error::other)?
                        .as_bytes(),
                )?;
                writeln!(out)?;
            }
        }
        out.flush()?;
    }
    Ok(if all_allowed {
        ExitStatus::Success
    } else {
        ExitStatus::Failure
    })
}

/// 0 for allow, 1 for any other verdict.
fn status(decision: &Decision) -> ExitStatus {
    if decision.verdict.is_allow() {
        ExitStatus::Success
    } else {
        ExitStatus::Failure
    }
}

fn parse_state(value: &str) -> Result<State, Error> {
    State::parse(value).ok_or_else(|| {
        Error::new(twiml_core::gate::InputError::UnknownState {
            value: value.to_string(),
        })
    })
}

/// The gate of the policy and the options.
fn gate_of(args: &GateArgs, policy: Policy) -> Result<Gate, Error> {
    let mut gate = Gate::new(policy).handling(match args.handling {
        HandlingArg::Defer => Handling::Defer,
        HandlingArg::Block => Handling::Block,
    });
    for state in &args.emergencies {
        gate = gate.emergency(parse_state(state)?);
    }
    Ok(gate)
}

/// The content: `--body`, or the text of the TwiML file.
fn content_of(args: &GateArgs) -> Result<Content<'static>, Error> {
    if let Some(body) = &args.body {
        return Ok(Content::from(body.clone()));
    }
    let Some(path) = &args.file else {
        return Ok(Content::none());
    };
    let input = if path.as_os_str() == "-" {
        Input::Stdin
    } else {
        Input::File(path.clone())
    };
    let name = input.name();
    let bytes = input
        .read()
        .map_err(|e| Error::new(format_args!("{name}: {e}")))?;
    let source = String::from_utf8(bytes).map_err(|e| {
        Error::new(format_args!(
            "{name}: not UTF-8 (byte {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    let document = parse(&source, &ParseOptions::default()).map_err(|d| {
        Error::new(format_args!(
            "{name}: not a TwiML document: {}; `twiml check` shows where",
            d.message
        ))
    })?;
    Ok(Content::parsed(&document))
}

/// The send the options describe.
fn outbound_of(args: &GateArgs, content: Content<'static>) -> Result<Outbound<'static>, Error> {
    let to = args.to.as_deref().unwrap_or_default();
    let to = PhoneNumber::parse(to).map_err(Error::new)?;
    let channel = Channel::parse(&args.channel).map_err(Error::new)?;
    let mut outbound = Outbound::message(to, "").channel(channel).content(content);
    if let Some(from) = &args.from {
        outbound = outbound.from(Sender::parse(from).map_err(Error::new)?);
    }
    if let Some(intent) = &args.intent {
        outbound = outbound.intent(MessageIntent::parse(intent).map_err(Error::new)?);
    }
    if let Some(use_case) = &args.use_case {
        outbound = outbound.use_case(UseCase::parse(use_case).map_err(Error::new)?);
    }
    let mut hints = Hints::default();
    if let Some(zip) = &args.zip {
        hints.zip = Some(Zip::parse(zip).map_err(Error::new)?);
    }
    if let Some(state) = &args.state {
        hints.state = Some(parse_state(state)?);
    }
    if let Some(zone) = &args.time_zone {
        hints.time_zone = Some(Zone::parse(zone).map_err(Error::new)?);
    }
    outbound = outbound.hints(hints).template(args.template);
    if let Some(debt) = &args.debt {
        outbound = outbound.debt(debt.clone());
    }
    for code in &args.overrides {
        let over = SendOverride::new(
            code,
            args.reason.clone().unwrap_or_default(),
            args.actor.clone().unwrap_or_default(),
        )
        .map_err(Error::new)?;
        outbound = outbound.allow(over);
    }
    Ok(outbound)
}

/// An instant in UTC and in each of the recipient's zones.
fn instant(t: Timestamp, zones: &[Zone]) -> String {
    let utc = t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
    if zones.is_empty() {
        return utc;
    }
    let locals: Vec<String> = zones
        .iter()
        .map(|z| {
            let local = t.to_zoned_datetime(z.time_zone().clone());
            format!("{} in {}", local.strftime("%a %Y-%m-%d %H:%M %Z"), z)
        })
        .collect();
    format!("{utc} ({})", locals.join("; "))
}

/// The decision for people.
fn text(decision: &Decision, outbound: &Outbound<'_>) -> String {
    use std::fmt::Write as _;
    let zones = decision.zones();
    let mut out = String::new();
    let verdict = match &decision.verdict {
        Verdict::Allow => "allow".to_string(),
        Verdict::Defer { until } => format!("defer until {}", instant(*until, zones)),
        Verdict::Block { twilio_code, rules } => {
            let code = twilio_code
                .map(|c| format!(", Twilio {c}"))
                .unwrap_or_default();
            format!("block ({}{code})", rules.join(", "))
        }
        Verdict::Review { missing } => {
            let missing: Vec<&str> = missing.iter().map(|m| m.as_str()).collect();
            format!("review: needs {}", missing.join(", "))
        }
    };
    let _ = writeln!(out, "verdict: {verdict}");
    let _ = writeln!(out, "at:      {}", instant(decision.at, zones));
    if let (Some(next), false) = (
        decision.next_allowed_at,
        matches!(decision.verdict, Verdict::Defer { .. }),
    ) {
        let _ = writeln!(out, "next:    {}", instant(next, zones));
    }
    let zone_names: Vec<&str> = zones.iter().map(Zone::name).collect();
    let states: Vec<&str> = decision.states.iter().map(|s| s.code()).collect();
    let _ = writeln!(
        out,
        "to:      {} ({}): {}; states {} (from {})",
        outbound.to,
        outbound.channel,
        if zone_names.is_empty() {
            "no time zone".to_string()
        } else {
            zone_names.join(", ")
        },
        if states.is_empty() {
            "unknown".to_string()
        } else {
            states.join(", ")
        },
        decision.location.evidence.as_str()
    );
    let c = &decision.classification;
    let class = c.class.map_or("undecided", |c| c.as_str());
    let intent = c.intent.map(|i| format!(" ({i})")).unwrap_or_default();
    let cues: Vec<String> = c.cues.iter().map(ToString::to_string).collect();
    let _ = writeln!(
        out,
        "class:   {class}{intent}, {}{}",
        c.source.as_str(),
        if cues.is_empty() {
            ": no cue".to_string()
        } else {
            format!(": {}", cues.join(", "))
        }
    );
    for d in &decision.findings {
        let _ = writeln!(out, "{}[{}]: {}", d.severity, d.code, d.message);
        if let Some(help) = &d.help {
            let _ = writeln!(out, "  = law: {help}");
        }
        if let Some(code) = d.twilio_error {
            let _ = writeln!(out, "  = Twilio error {code}");
        }
    }
    for o in &decision.overrides {
        let by = o
            .actor
            .as_deref()
            .map(|a| format!(" by {a}"))
            .unwrap_or_else(|| " by the policy".to_string());
        let _ = writeln!(
            out,
            "override {}{by}: {} ({} finding(s) suppressed)",
            o.code, o.reason, o.suppressed
        );
    }
    let data = &decision.data;
    let _ = writeln!(
        out,
        "data:    area codes libphonenumber {}, tzdb {}, state rules {}, classifier {}",
        &data.area_codes[..data.area_codes.len().min(12)],
        data.tzdb,
        data.state_rules,
        data.classifier
    );
    out
}

/// The decision's JSON form, as the library serializes it (the documented contract).
pub(crate) fn json_of(decision: &Decision) -> Value {
    serde_json::to_value(decision).unwrap_or(Value::Null)
}
