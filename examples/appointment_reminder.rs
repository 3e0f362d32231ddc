//! Appointment reminders by SMS from a clinic, built under a healthcare policy: a text may be
//! read by anyone holding the phone, so one that names the patient's condition is refused
//! (PHI001) and the error printed, while the generic one passes. A promotional text is also
//! marketing, so it is built under the marketing-sms regime too, which asks for the
//! sender's name and a way to opt out.
//!
//! ```sh
//! cargo run --example appointment_reminder
//! ```

use twiml::prelude::*;

const CLINIC: &str = "Acme Health";

/// A reply with one text message.
fn text(body: &str) -> MessagingResponse {
    let mut response = MessagingResponse::new();
    response.message().body(body);
    response
}

fn main() -> Result<(), BuildError> {
    let reminders = Policy::new()
        .regime(Regime::Healthcare)
        .business_name(CLINIC);

    let detailed = text(
        "Reminder: your chemotherapy session with Dr. Patel is Monday at 10am. \
         Reply C to confirm.",
    );
    match detailed.build_with(&reminders) {
        Ok(twiml) => println!("the detailed reminder was accepted, unexpectedly:\n{twiml:#}"),
        Err(error) => println!("<!-- the detailed reminder is refused -->\n{error}\n"),
    }

    let generic = text(
        "Acme Health: you have an appointment on Monday at 10am. Reply C to confirm, or call \
         555-0100 to reschedule.",
    );
    println!(
        "<!-- the generic reminder -->\n{:#}",
        generic.build_with(&reminders)?
    );

    let promotions = reminders.clone().regime(Regime::MarketingSms);
    let promotion = text(
        "Acme Health: our clinics are now open on Saturdays. Book at https://acme.example/book \
         Reply STOP to opt out.",
    );
    let twiml = promotion.build_with(&promotions)?;
    for warning in twiml.warnings() {
        eprintln!("{warning}");
    }
    println!("<!-- a promotional text, under the marketing rules too -->\n{twiml:#}");
    Ok(())
}
