//! The send-time gate: decisions per second for text messages, without a ledger.
//!
//! `cargo bench --bench gate --features gate`. Each benchmark decides one send, end to end:
//! locating the recipient, classifying the text (or taking the declared intent), checking
//! every window in every candidate zone and state, and, for a send outside a window, finding
//! the first instant that suits them all.
//!
//! `gate CASE ITERATIONS` (operands without `--`) decides one case ITERATIONS times without
//! criterion, for counting instructions under callgrind: `declared`, `classified`, `defer`,
//! `otp`, `panhandle`, `classifier` or `campaign` (1,000 texts per iteration). Two counts
//! with different iterations, subtracted, cancel the set-up.

#![allow(missing_docs)] // criterion_group! generates an undocumented function

use std::hint::black_box;
use std::process::ExitCode;

use criterion::{Criterion, Throughput, criterion_group};
use twiml::gate::{
    Gate, MessageIntent, Outbound, PhoneNumber, RecipientHistory, Timestamp, classify, jiff,
};
use twiml::rules::Policy;

fn bench(c: &mut Criterion) {
    let gate = Gate::new(Policy::new());
    let history = RecipientHistory::default();
    let day: Timestamp = "2026-12-04T17:00:00Z".parse().unwrap(); // noon in New York
    let night: Timestamp = "2026-12-04T03:30:00Z".parse().unwrap(); // 22:30 in New York
    let to = PhoneNumber::parse("+12125550123").unwrap();
    let promotion = PROMOTION;
    let code = CODE;
    let declared = Outbound::message(to.clone(), promotion).intent(MessageIntent::Marketing);
    let classified = Outbound::message(to.clone(), promotion);
    let otp = Outbound::message(to.clone(), code);
    // An area code in two zones, where Florida's law applies by area code.
    let panhandle = Outbound::message(PhoneNumber::parse("+18502010123").unwrap(), promotion);

    // Each case decides as the comment says; checked once so that a fast wrong answer cannot
    // pass for a fast right one.
    assert_eq!(
        gate.decide(&declared, &history, day).verdict.as_str(),
        "allow"
    );
    assert_eq!(
        gate.decide(&classified, &history, day).verdict.as_str(),
        "allow"
    );
    assert_eq!(
        gate.decide(&classified, &history, night).verdict.as_str(),
        "defer"
    );
    assert_eq!(gate.decide(&otp, &history, night).verdict.as_str(), "allow");
    assert_eq!(
        gate.decide(&panhandle, &history, night).verdict.as_str(),
        "defer"
    );

    let mut group = c.benchmark_group("gate");
    group.bench_function("declared marketing, allow", |b| {
        b.iter(|| gate.decide(black_box(&declared), &history, black_box(day)))
    });
    group.bench_function("classified marketing, allow", |b| {
        b.iter(|| gate.decide(black_box(&classified), &history, black_box(day)))
    });
    group.bench_function("classified marketing, defer", |b| {
        b.iter(|| gate.decide(black_box(&classified), &history, black_box(night)))
    });
    group.bench_function("classified one-time code, allow", |b| {
        b.iter(|| gate.decide(black_box(&otp), &history, black_box(night)))
    });
    group.bench_function("two zones and Florida, defer", |b| {
        b.iter(|| gate.decide(black_box(&panhandle), &history, black_box(night)))
    });
    group.bench_function("classifier alone", |b| {
        b.iter(|| classify(black_box(promotion)))
    });
    group.finish();

    let campaign = campaign();
    let mut group = c.benchmark_group("gate campaign");
    group.throughput(Throughput::Elements(campaign.len() as u64));
    group.bench_function("1,000 texts over a day", |b| {
        b.iter(|| {
            campaign
                .iter()
                .filter(|(send, at)| {
                    gate.decide(black_box(send), &history, *at)
                        .verdict
                        .is_allow()
                })
                .count()
        })
    });
    group.finish();
}

const PROMOTION: &str =
    "Acme: our winter sale ends tonight, 30% off everything. Reply STOP to opt out.";
const CODE: &str =
    "Your Acme verification code is 482913. It expires in 10 minutes. Do not share it.";

// A day's campaign: 1,000 texts to numbers across the continent and beyond, at instants
// spread over 24 hours, half with a declared intent and half classified from their text.
fn campaign() -> Vec<(Outbound<'static>, Timestamp)> {
    let area_codes = [
        "212", "305", "312", "213", "208", "850", "214", "602", "907", "808", "405", "410", "205",
        "601", "504", "401", "801", "206", "203", "617", "713", "404", "303", "928", "605",
    ];
    let bodies = [
        (PROMOTION, None),
        (PROMOTION, Some(MessageIntent::Marketing)),
        (CODE, None),
        (
            "Your order #4412 has shipped. Track it at example.com/t/4412",
            None,
        ),
        (
            "Recordatorio: su cita es mañana a las 9:00. Responda C para confirmar.",
            None,
        ),
        (
            "¡Oferta especial! 30% de descuento en toda la tienda. Compra ahora.",
            None,
        ),
        (
            "Acme: new arrivals this week",
            Some(MessageIntent::Marketing),
        ),
        (
            "Your statement is ready",
            Some(MessageIntent::Notifications),
        ),
    ];
    let start: Timestamp = "2026-12-04T00:00:00Z".parse().unwrap();
    (0..1000)
        .map(|i| {
            let to = PhoneNumber::parse(&format!(
                "+1{}555{:04}",
                area_codes[i % area_codes.len()],
                i
            ))
            .unwrap();
            let (body, intent) = bodies[i % bodies.len()];
            let mut send = Outbound::message(to, body);
            if let Some(intent) = intent {
                send = send.intent(intent);
            }
            let at = start + jiff::SignedDuration::from_secs(86 * i as i64);
            (send, at)
        })
        .collect()
}

criterion_group!(benches, bench);

fn main() -> ExitCode {
    // `cargo bench` adds `--bench`; the operands are what is left.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    match &args[..] {
        [case, iterations] if iterations.parse::<u32>().is_ok() => {
            count(case, iterations.parse().unwrap_or(0))
        }
        _ => {
            benches();
            Criterion::default().configure_from_args().final_summary();
            ExitCode::SUCCESS
        }
    }
}

/// Decides one case `iterations` times, for callgrind.
fn count(case: &str, iterations: u32) -> ExitCode {
    let gate = Gate::new(Policy::new());
    let history = RecipientHistory::default();
    let day: Timestamp = "2026-12-04T17:00:00Z".parse().unwrap();
    let night: Timestamp = "2026-12-04T03:30:00Z".parse().unwrap();
    let to = PhoneNumber::parse("+12125550123").unwrap();
    let one = |send: Outbound<'_>, at: Timestamp| {
        for _ in 0..iterations {
            black_box(gate.decide(black_box(&send), &history, black_box(at)));
        }
    };
    match case {
        "declared" => one(
            Outbound::message(to, PROMOTION).intent(MessageIntent::Marketing),
            day,
        ),
        "classified" => one(Outbound::message(to, PROMOTION), day),
        "defer" => one(Outbound::message(to, PROMOTION), night),
        "otp" => one(Outbound::message(to, CODE), night),
        "panhandle" => one(
            Outbound::message(PhoneNumber::parse("+18502010123").unwrap(), PROMOTION),
            night,
        ),
        "classifier" => {
            for _ in 0..iterations {
                black_box(classify(black_box(PROMOTION)));
            }
        }
        "campaign" => {
            let campaign = campaign();
            for _ in 0..iterations {
                for (send, at) in &campaign {
                    black_box(gate.decide(black_box(send), &history, *at));
                }
            }
        }
        _ => {
            eprintln!("unknown case `{case}`");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
