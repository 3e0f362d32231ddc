//! Schedules a small text campaign through the send-time gate: each recipient gets the
//! message now if it is inside their calling windows, or is deferred to the first instant
//! that suits every time zone and state they may be in. A one-time code in the same batch goes
//! out at once: essential messages have no quiet hours.
//!
//! `cargo run --example campaign --features gate`

use twiml::gate::{
    Gate, Hints, MessageIntent, Outbound, PhoneNumber, RecipientHistory, Sender, State, Timestamp,
    Verdict, Zip, Zone,
};
use twiml::rules::Policy;
use twiml::sending::before_send;

/// One recipient: their number, and what the business knows of where they live.
struct Recipient {
    name: &'static str,
    number: &'static str,
    hints: Hints,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let promotion =
        "Acme Outdoor: our winter sale ends tonight, 30% off all jackets. Reply STOP to opt out.";
    let recipients = [
        Recipient {
            name: "Ana (Miami)",
            number: "+13055550123",
            hints: Hints::none(),
        },
        Recipient {
            name: "Ben (Chicago)",
            number: "+13125550123",
            hints: Hints::none(),
        },
        Recipient {
            name: "Cleo (a Miami number, lives in Seattle)",
            number: "+13055550188",
            hints: Hints {
                zip: Some(Zip::parse("98101")?),
                ..Hints::default()
            },
        },
        Recipient {
            name: "Dev (Boise area code, two zones)",
            number: "+12084000123",
            hints: Hints::none(),
        },
        Recipient {
            name: "Eli (London)",
            number: "+442079460000",
            hints: Hints {
                time_zone: Some(Zone::parse("Europe/London")?),
                ..Hints::default()
            },
        },
        Recipient {
            name: "Fay (Dallas, state on file)",
            number: "+12145550123",
            hints: Hints {
                state: Some(State::TX),
                ..Hints::default()
            },
        },
    ];

    // The campaign goes out at 02:30 UTC: 21:30 the evening before in Miami.
    let now: Timestamp = "2026-12-04T02:30:00Z".parse()?;
    let service = Sender::parse("MG0123456789abcdef0123456789abcdef")?;
    let gate = Gate::new(Policy::new());
    let history = RecipientHistory::default();
    println!("campaign at {now}\n");
    for r in &recipients {
        let text = Outbound::message(PhoneNumber::parse(r.number)?, promotion)
            .from(service.clone())
            .intent(MessageIntent::Marketing)
            .hints(r.hints.clone());
        match before_send(&gate, &text, &history, now) {
            Ok(cleared) => println!("{:42} send now {:?}", r.name, cleared.message_params()),
            Err(held) => {
                let decision = held.decision();
                let zones: Vec<&str> = decision.zones().iter().map(|z| z.name()).collect();
                match (&decision.verdict, held.schedule(now)) {
                    (Verdict::Defer { until }, Some(schedule)) => {
                        let local: Vec<String> = decision
                            .zones()
                            .iter()
                            .map(|z| {
                                until
                                    .to_zoned_datetime(z.time_zone().clone())
                                    .strftime("%H:%M %Z")
                                    .to_string()
                            })
                            .collect();
                        println!(
                            "{:42} deferred to {until} ({}) in {}: {:?}",
                            r.name,
                            local.join(", "),
                            zones.join(", "),
                            schedule.params()
                        );
                    }
                    _ => println!("{:42} {held}", r.name),
                }
                for finding in &decision.findings {
                    println!(
                        "{:44}{}[{}] {}",
                        "", finding.severity, finding.code, finding.message
                    );
                }
            }
        }
    }

    // A one-time code in the same minute goes out whatever the hour.
    let code = Outbound::message(
        PhoneNumber::parse("+13055550123")?,
        "Your Acme verification code is 482913. Do not share it.",
    );
    let decision = gate.decide(&code, &history, now);
    println!(
        "\none-time code to Miami: {} ({})",
        decision.verdict.as_str(),
        decision
            .classification
            .cues
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    );
    Ok(())
}
