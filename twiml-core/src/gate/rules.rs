//! The rules of the send-time gate, declared where the registry finds them whatever the
//! features: `twiml explain`, `twiml rules`, policies and overrides know them even when the
//! gate itself (the `gate` feature) is not compiled. What they decide is in the gate's
//! `decide` module.

use crate::rules::declare_rule;

declare_rule! {
    /// ## What it does
    /// Runs in the send-time gate, before a call or text goes out (`twiml gate`, `Gate::decide`).
    /// For a solicitation (a send the policy marks as telemarketing or marketing, or one whose
    /// intent is non-essential, declared or classified) it takes every candidate time zone of the
    /// recipient (from a time zone, ZIP code or state on file, else the number's area code and
    /// exchange) and every state whose law reaches them (where they live, and Florida, Oklahoma or
    /// Connecticut by area code), and checks the local time in each zone against the calling
    /// windows: for calls, the federal window of 8 a.m. to 9 p.m.; for calls and texts, the windows
    /// of the gate's state-rules table (8 a.m. to 8 p.m. in Florida, Oklahoma and Maryland, from
    /// noon on Sundays in Texas, ...). Every candidate must be inside. A state row whose window, or
    /// whose coverage of the channel, is unconfirmed gives a warning instead. The federal window
    /// for text messages is MSG002's. With the default handling the gate answers `Defer` with the
    /// first instant every window allows.
    ///
    /// ## Why is this bad
    /// No telephone solicitation may reach a residential subscriber before 8 a.m. or after 9 p.m.
    /// local time at the called party's location (47 CFR 64.1200(c)(1)); the Telemarketing Sales
    /// Rule sets the same window for telemarketing (16 CFR 310.4(c)). Texts are calls under the
    /// TCPA, and every solicitation outside the window is a violation that the recipient can sue
    /// over, for up to $500 each, trebled when wilful (47 U.S.C. 227(c)(5)). State telemarketing
    /// laws set narrower windows, and some (Florida, Oklahoma, Connecticut) presume that a number
    /// with their area code belongs to a resident. Where the recipient's location is uncertain,
    /// every candidate must pass: the safe reading, and the one the official commentary to
    /// Regulation F asks of debt collectors (12 CFR 1006.6(b)(1)). Twilio's Compliance Toolkit
    /// answers 30615 when a location has stricter hours than the federal window.
    ///
    /// ## Example
    /// ```toml
    /// # A sales call to Miami at 21:30 on a Thursday.
    /// policies = ["telemarketing"]
    /// channel = "voice"
    ///
    /// [[send]]
    /// to = "+13055550123"
    /// at = "2026-12-04T02:30:00Z"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// # The same call at 10:00 on Friday: what the gate's `Defer` proposes from 13:00 UTC on.
    /// policies = ["telemarketing"]
    /// channel = "voice"
    ///
    /// [[send]]
    /// to = "+13055550123"
    /// at = "2026-12-04T15:00:00Z"
    /// ```
    ///
    /// ## References
    /// - 47 CFR 64.1200(c)(1): <https://www.ecfr.gov/current/title-47/chapter-I/subchapter-B/part-64/subpart-L/section-64.1200>
    /// - 16 CFR 310.4(c) (Telemarketing Sales Rule, calling time restrictions)
    /// - 47 U.S.C. 227(c)(5) (private right of action)
    /// - The gate's state-rules table, one citation per row: `twiml_core::gate::state_rules`
    /// - Twilio error 30615: <https://www.twilio.com/docs/api/errors/30615>
    pub QH001 {
        name: "outside-calling-window",
        family: QuietHours,
        level: Deny,
        reports: "an error; a warning where the state row is unconfirmed",
        regimes: [],
        needs: [],
        example_policy: "",
        kind: Gate,
        summary: "a solicitation call or text goes out outside the calling window of the recipient's time zone and state",
    }
}

declare_rule! {
    /// ## What it does
    /// Runs in the send-time gate for solicitations, like QH001, and checks the days on which the
    /// recipient's states ban them: Sundays (Alabama, Mississippi; Louisiana, Rhode Island and Utah
    /// unconfirmed), holidays (Alabama's state holidays; federal holidays in Louisiana, with Rhode
    /// Island's and Utah's own, unconfirmed), and, in Louisiana, the days of a declared state of
    /// emergency (`Gate::emergency`, `emergencies` in a campaign file). A holiday is banned on its
    /// date and on the day it is observed. The day is the recipient's local day, in every candidate
    /// time zone. Unconfirmed bans give warnings.
    ///
    /// ## Why is this bad
    /// These states forbid telephone solicitation on those days outright, whatever the hour:
    /// Alabama's rule bars automated solicitation calls on Sundays and state holidays (Ala. Admin.
    /// Code r. 770-X-5-.17(1)(b)), Mississippi on Sundays (Miss. Code §77-3-723; its holiday ban
    /// was lifted in 2024), and Louisiana bans solicitation by voice or data communication during a
    /// declared state of emergency (La. R.S. 45:844.31). A call within the hours of the federal
    /// window can still break them. Twilio's Compliance Toolkit answers 30615 when a location is
    /// stricter than the federal window.
    ///
    /// ## Example
    /// ```toml
    /// # A sales call to Birmingham, Alabama, at 10:00 on a Sunday.
    /// policies = ["telemarketing"]
    /// channel = "voice"
    ///
    /// [[send]]
    /// to = "+12055550123"
    /// at = "2026-12-06T16:00:00Z"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// # The same call at 10:00 on Monday.
    /// policies = ["telemarketing"]
    /// channel = "voice"
    ///
    /// [[send]]
    /// to = "+12055550123"
    /// at = "2026-12-07T16:00:00Z"
    /// ```
    ///
    /// ## References
    /// - Ala. Admin. Code r. 770-X-5-.17(1)(b); Alabama's holidays: Ala. Code §1-3-8
    /// - Miss. Code §77-3-723
    /// - La. R.S. 45:844.31 (solicitation during a state of emergency)
    /// - Federal holidays and their observance: 5 U.S.C. 6103
    /// - Twilio error 30615: <https://www.twilio.com/docs/api/errors/30615>
    pub QH003 {
        name: "sunday-or-holiday-ban",
        family: QuietHours,
        level: Deny,
        reports: "an error; a warning where the ban is unconfirmed",
        regimes: [],
        needs: [],
        example_policy: "",
        kind: Gate,
        summary: "a solicitation goes out on a day the recipient's state bans them: a Sunday, a holiday, a declared emergency",
    }
}

declare_rule! {
    /// ## What it does
    /// Runs in the send-time gate for text, multimedia and WhatsApp messages. A message that is
    /// non-essential (a declared `MessageIntent` of marketing, events, education, polling or
    /// announcements, a non-essential 10DLC use case, a policy of marketing messages, or a text the
    /// classifier reads as such) must go out between 8 a.m. and 9 p.m. local time in every
    /// candidate time zone of the recipient. Essential messages (one-time codes, fraud and security
    /// alerts, account notifications, customer care, delivery notices) are exempt. When the
    /// classifier cannot tell and the hour is silent, the gate answers `Review` instead of
    /// guessing. With the default handling the gate answers `Defer` with the first instant every
    /// zone allows, as the Compliance Toolkit reschedules by default.
    ///
    /// ## Why is this bad
    /// A marketing text is a telephone solicitation, and 47 CFR 64.1200(c)(1) forbids those before
    /// 8 a.m. or after 9 p.m. at the recipient's location; each one outside the window can be sued
    /// over (47 U.S.C. 227(c)(5)). Twilio's Compliance Toolkit enforces the same silent hours on
    /// non-essential messages and, when set to block, fails them with error 30610; it honours the
    /// `MessageIntent` parameter and reclassifies a campaign registered as essential when its
    /// messages read as marketing. A message that mixes an update with a promotion (a shipping
    /// notice with a coupon) is a marketing message.
    ///
    /// ## Example
    /// ```toml
    /// # A promotion to Chicago at 22:30 on a Thursday; no intent declared, the text decides.
    /// [[send]]
    /// to = "+13125550123"
    /// at = "2026-12-04T04:30:00Z"
    /// body = "Acme: our winter sale ends tonight, 30% off everything. Reply STOP to opt out."
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// # The same message at 10:00 on Friday.
    /// [[send]]
    /// to = "+13125550123"
    /// at = "2026-12-04T16:00:00Z"
    /// body = "Acme: our winter sale ends tonight, 30% off everything. Reply STOP to opt out."
    /// ```
    ///
    /// ## References
    /// - 47 CFR 64.1200(c)(1): <https://www.ecfr.gov/current/title-47/chapter-I/subchapter-B/part-64/subpart-L/section-64.1200>
    /// - 47 U.S.C. 227(c)(5)
    /// - Twilio error 30610 (the Compliance Toolkit's silent hours and `MessageIntent` values): <https://www.twilio.com/docs/api/errors/30610>
    /// - Twilio Compliance Toolkit: <https://www.twilio.com/docs/messaging/features/compliance-toolkit>
    pub MSG002 {
        name: "non-essential-in-silent-hours",
        family: Messaging,
        level: Deny,
        reports: "an error",
        regimes: [],
        needs: [],
        example_policy: "",
        kind: Gate,
        summary: "a non-essential message goes out in the recipient's silent hours, outside 8 a.m. to 9 p.m.",
    }
}

declare_rule! {
    /// ## What it does
    /// Runs in the send-time gate under the `debt-collection` regime, for every channel and every
    /// purpose: a call, text or other message from a debt collector must reach the consumer between
    /// 8 a.m. and 9 p.m. local time at the consumer's location, in every candidate time zone. With
    /// the default handling the gate answers `Defer` with the first instant every zone allows. A
    /// time the consumer has said suits them is an override, with its reason and who recorded it.
    ///
    /// ## Why is this bad
    /// A debt collector may not communicate with a consumer at a time it knows or should know is
    /// inconvenient, and before 8 a.m. or after 9 p.m. local time at the consumer's location is
    /// presumed inconvenient, absent knowledge to the contrary (15 U.S.C. 1692c(a)(1); 12 CFR
    /// 1006.6(b)(1)(i)). Regulation F applies this to every medium, texts and emails included,
    /// times electronic messages by when they are sent, and where the collector's information about
    /// the consumer's location conflicts, asks for a time that is convenient in every location the
    /// information points to (the official commentary to 12 CFR 1006.6(b)(1)).
    ///
    /// ## Example
    /// ```toml
    /// # A collection call to Dallas at 07:30.
    /// policies = ["debt-collection"]
    /// channel = "voice"
    ///
    /// [[send]]
    /// to = "+12145550123"
    /// at = "2026-12-04T13:30:00Z"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// # The same call at 09:00.
    /// policies = ["debt-collection"]
    /// channel = "voice"
    ///
    /// [[send]]
    /// to = "+12145550123"
    /// at = "2026-12-04T15:00:00Z"
    /// ```
    ///
    /// ## References
    /// - 15 U.S.C. §1692c(a)(1)
    /// - 12 CFR 1006.6(b)(1)(i) and its commentary: <https://www.consumerfinance.gov/rules-policy/regulations/1006/6/>
    pub DEBT005 {
        name: "inconvenient-time",
        family: Debt,
        level: Deny,
        reports: "an error",
        regimes: [DebtCollection],
        needs: [],
        example_policy: "",
        kind: Gate,
        summary: "a debt collector contacts a consumer outside 8 a.m. to 9 p.m. at the consumer's location",
    }
}
