//! The rules of the consent ledger, declared where the registry finds them whatever the
//! features: opt-outs, replies to keywords, consent by kind of contact, reassigned numbers,
//! WhatsApp's window and frequency caps. The gate's `history` module decides the rules of
//! sends from a recipient's history; the `inbound` module checks the replies to keywords.

use crate::rules::declare_rule;

declare_rule! {
    /// ## What it does
    /// Runs in the send-time gate with a consent ledger. When the ledger holds an opt-out for the
    /// recipient that no later consent has lifted (a STOP or any other revocation from this sender,
    /// or from every sender of the business), the gate answers `Block` with Twilio's error 21610.
    /// The ledger records the revocation the moment the inbound message arrives, in the same
    /// transaction that reads it. An override of this rule is ignored unless the gate is built with
    /// `Gate::allow_opt_out_override`, because no business reason lets a sender message a person who
    /// said stop.
    ///
    /// ## Why is this bad
    /// Consent may be revoked by any reasonable means, and a revocation must be honoured within
    /// ten business days (47 CFR 64.1200(a)(10)); every message after it is a call without consent,
    /// actionable for $500 to $1,500 (47 U.S.C. 227(b)(3)). Twilio blocks a send to a number that
    /// replied STOP with error 21610, but only for its default keywords and only on the number that
    /// received them.
    ///
    /// ## Example
    /// ```toml
    /// # The recipient replied STOP on 1 December.
    /// body = "Acme: your order has shipped."
    /// intent = "delivery"
    ///
    /// [[send]]
    /// to = "+13055550123"
    /// at = "2026-12-04T15:00:00Z"
    /// [send.history]
    /// consent = "express-written"
    /// consent-at = "2026-01-10T12:00:00Z"
    /// opted-out = "2026-12-01T18:00:00Z"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// # Send only to numbers whose last word was consent.
    /// body = "Acme: your order has shipped."
    /// intent = "delivery"
    ///
    /// [[send]]
    /// to = "+13055550123"
    /// at = "2026-12-04T15:00:00Z"
    /// [send.history]
    /// consent = "express-written"
    /// consent-at = "2026-01-10T12:00:00Z"
    /// ```
    ///
    /// ## References
    /// - 47 CFR 64.1200(a)(10) (revocation by any reasonable means): <https://www.ecfr.gov/current/title-47/chapter-I/subchapter-B/part-64/subpart-L/section-64.1200>
    /// - FCC 24-24, the 2024 revocation order (89 FR 15756)
    /// - Twilio error 21610: <https://www.twilio.com/docs/api/errors/21610>
    pub MSG001 {
        name: "send-to-opted-out",
        family: Messaging,
        level: Deny,
        reports: "an error: block, Twilio 21610",
        regimes: [],
        needs: [],
        example_policy: "",
        kind: Gate,
        summary: "a message or call goes to a recipient whose opt-out is on file",
    }
}

declare_rule! {
    /// ## What it does
    /// Checks the reply a business sends to an opt-out (the ledger's reply TwiML, and every reply
    /// text configured for it): it must confirm the opt-out, and must carry no marketing (no offer,
    /// no discount, no link to a sale). The ledger also sends at most one confirmation per
    /// opt-out: a second STOP gets an empty `<Response/>`.
    ///
    /// ## Why is this bad
    /// After a revocation a sender may send one confirmation text, within five minutes, that
    /// confirms the opt-out and contains no marketing or persuasion (47 CFR 64.1200(a)(12)). A
    /// second text, or a confirmation that sells, is a message without consent.
    ///
    /// ## Example
    /// ```toml
    /// reply-to = "opt-out"
    /// business = "Acme"
    /// reply = "Acme: you're unsubscribed. Before you go, take 20% off your next order with code BYE20!"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// reply-to = "opt-out"
    /// business = "Acme"
    /// reply = "Acme: you are unsubscribed and will receive no more messages from this number. Reply START to resubscribe."
    /// ```
    ///
    /// ## References
    /// - 47 CFR 64.1200(a)(12) (one confirmation text, no marketing)
    /// - CTIA Messaging Principles and Best Practices, opt-out confirmation
    pub MSG007 {
        name: "noncompliant-opt-out-reply",
        family: Messaging,
        level: Deny,
        reports: "an error",
        regimes: [],
        needs: [],
        example_policy: "",
        kind: Gate,
        summary: "the reply to an opt-out does not confirm it, or markets",
    }
}

declare_rule! {
    /// ## What it does
    /// Runs in the send-time gate with a consent ledger. The ledger keeps every inbound message
    /// with the reading it got; when a message received after the last consent reads, with the
    /// current reader, as a revocation ("please stop texting me", "ya no me manden mensajes",
    /// "wrong number") but was never recorded as one (it came before the lexicon knew the wording,
    /// or was imported from a log as plain text), the gate answers `Block`.
    ///
    /// ## Why is this bad
    /// The FCC's 2024 order makes any wording that a reasonable person would take for a revocation
    /// binding (47 CFR 64.1200(a)(10)). Twilio's keyword handling matches single keywords only,
    /// so a revocation in free text goes unrecorded unless the business reads it.
    ///
    /// ## Example
    /// ```toml
    /// body = "Acme: your order has shipped."
    /// intent = "delivery"
    ///
    /// [[send]]
    /// to = "+13055550123"
    /// at = "2026-12-04T15:00:00Z"
    /// [send.history]
    /// consent = "express"
    /// consent-at = "2026-01-10T12:00:00Z"
    /// uncaptured-revocation = "2026-12-02T09:12:00Z"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// # Recorded as an opt-out when it arrived, the reply blocks under MSG001; before any
    /// # revocation, the send goes.
    /// body = "Acme: your order has shipped."
    /// intent = "delivery"
    ///
    /// [[send]]
    /// to = "+13055550123"
    /// at = "2026-12-04T15:00:00Z"
    /// [send.history]
    /// consent = "express"
    /// consent-at = "2026-01-10T12:00:00Z"
    /// ```
    ///
    /// ## References
    /// - 47 CFR 64.1200(a)(10); FCC 24-24 (revocation by any reasonable means)
    pub MSG008 {
        name: "revocation-not-captured",
        family: Messaging,
        level: Deny,
        reports: "an error: block",
        regimes: [],
        needs: [],
        example_policy: "",
        kind: Gate,
        summary: "a revocation worded in free text was received and never recorded",
    }
}

declare_rule! {
    /// ## What it does
    /// Checks the answer to HELP (and to questions about the program, such as "who is this?"): it
    /// must name the business, give a way to reach it (a telephone number, an email address or a
    /// website), and say how to opt out.
    ///
    /// ## Why is this bad
    /// Carriers and the CTIA require every program to answer HELP with the brand, contact details
    /// and the opt-out instruction, and audit campaigns for it; Twilio's 10DLC registration asks
    /// for the HELP message. A recipient who cannot find out who is texting cannot revoke
    /// knowingly.
    ///
    /// ## Example
    /// ```toml
    /// reply-to = "help"
    /// business = "Acme"
    /// reply = "Thanks for your message! We'll get back to you soon."
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// reply-to = "help"
    /// business = "Acme"
    /// reply = "Acme order alerts. Help: support@acme.example or 1-800-555-0100. Msg&data rates may apply. Reply STOP to opt out."
    /// ```
    ///
    /// ## References
    /// - CTIA Messaging Principles and Best Practices (2023), HELP responses
    /// - Twilio, A2P 10DLC campaign registration: sample HELP message
    pub MSG009 {
        name: "incomplete-help-reply",
        family: Messaging,
        level: Warn,
        reports: "a warning",
        regimes: [],
        needs: [],
        example_policy: "",
        kind: Gate,
        summary: "the answer to HELP does not name the business, give a contact, or say how to opt out",
    }
}

declare_rule! {
    /// ## What it does
    /// Checks the confirmation of an opt-in (START, YES, "sign me back up"): it must name the
    /// business, say how often messages come, say that message and data rates may apply, and say
    /// how to get help and how to opt out.
    ///
    /// ## Why is this bad
    /// The CTIA's principles ask every recurring program to confirm an opt-in with the program's
    /// name, the frequency, the rates disclosure and the HELP and STOP instructions; carriers
    /// suspend campaigns that do not.
    ///
    /// ## Example
    /// ```toml
    /// reply-to = "opt-in"
    /// business = "Acme"
    /// reply = "Welcome back!"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// reply-to = "opt-in"
    /// business = "Acme"
    /// reply = "Acme: you are subscribed again. Message frequency varies. Msg&data rates may apply. Reply HELP for help, STOP to opt out."
    /// ```
    ///
    /// ## References
    /// - CTIA Messaging Principles and Best Practices (2023), opt-in confirmation
    pub MSG010 {
        name: "incomplete-opt-in-confirmation",
        family: Messaging,
        level: Warn,
        reports: "a warning",
        regimes: [],
        needs: [],
        example_policy: "",
        kind: Gate,
        summary: "the confirmation of an opt-in lacks the business, the frequency, the rates, or the help and stop instructions",
    }
}

declare_rule! {
    /// ## What it does
    /// Runs in the send-time gate with a consent ledger. A text that is marketing (declared so, or
    /// classified non-essential) needs prior express written consent on file for the recipient and
    /// the sender; with only prior express consent, or none, the gate answers `Block`. Emergency,
    /// fraud and security alerts need no consent.
    ///
    /// ## Why is this bad
    /// A telemarketing text sent with an autodialer needs the recipient's prior express written
    /// consent: a signed agreement that names the number and discloses that consent is not a
    /// condition of purchase (47 CFR 64.1200(a)(2) and (f)(9)). Florida, Oklahoma and Maryland
    /// require it for every marketing text, autodialled or not.
    ///
    /// ## Example
    /// ```toml
    /// body = "Acme: 20% off everything this weekend!"
    /// intent = "marketing"
    ///
    /// [[send]]
    /// to = "+13055550123"
    /// at = "2026-12-04T15:00:00Z"
    /// [send.history]
    /// consent = "express"
    /// consent-at = "2026-01-10T12:00:00Z"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// body = "Acme: 20% off everything this weekend! Reply STOP to opt out."
    /// intent = "marketing"
    ///
    /// [[send]]
    /// to = "+13055550123"
    /// at = "2026-12-04T15:00:00Z"
    /// [send.history]
    /// consent = "express-written"
    /// consent-at = "2026-01-10T12:00:00Z"
    /// ```
    ///
    /// ## References
    /// - 47 CFR 64.1200(a)(2) and (f)(9): <https://www.ecfr.gov/current/title-47/chapter-I/subchapter-B/part-64/subpart-L/section-64.1200>
    /// - Fla. Stat. 501.059; Okla. Stat. tit. 15, 775C.2; Md. Com. Law 14-4501
    pub MSG011 {
        name: "marketing-without-written-consent",
        family: Messaging,
        level: Deny,
        reports: "an error: block",
        regimes: [],
        needs: [],
        example_policy: "",
        kind: Gate,
        summary: "a marketing text goes out with no prior express written consent on file",
    }
}

declare_rule! {
    /// ## What it does
    /// Runs in the send-time gate with a consent ledger that holds results of the FCC's Reassigned
    /// Numbers Database (or Twilio Lookup's reassigned-number field). When the latest check answers
    /// "yes" (the number was permanently disconnected after the consent date asked about), the gate
    /// answers `Block` with 21610. When it answers "no data", the gate answers `Review`, with
    /// `reassigned-number` missing: no data gives no safe harbour.
    ///
    /// ## Why is this bad
    /// Consent belongs to the person who gave it, not to the number: a call or text to a number
    /// since reassigned reaches someone who never consented. The FCC's safe harbour protects a
    /// caller who checked the database and got a wrong "no", and nothing else (47 CFR
    /// 64.1200(m)).
    ///
    /// ## Example
    /// ```toml
    /// body = "Acme: your appointment is tomorrow at 10."
    /// intent = "notifications"
    ///
    /// [[send]]
    /// to = "+13055550123"
    /// at = "2026-12-04T15:00:00Z"
    /// [send.history]
    /// consent = "express"
    /// consent-at = "2025-03-10T12:00:00Z"
    /// reassigned = "yes"
    /// reassigned-checked = "2026-12-01T00:00:00Z"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// body = "Acme: your appointment is tomorrow at 10."
    /// intent = "notifications"
    ///
    /// [[send]]
    /// to = "+13055550123"
    /// at = "2026-12-04T15:00:00Z"
    /// [send.history]
    /// consent = "express"
    /// consent-at = "2025-03-10T12:00:00Z"
    /// reassigned = "no"
    /// reassigned-checked = "2026-12-01T00:00:00Z"
    /// ```
    ///
    /// ## References
    /// - 47 CFR 64.1200(m) (the reassigned numbers safe harbour)
    /// - FCC DA 21-1649 (the database's answers): <https://www.reassigned.us/>
    pub MSG012 {
        name: "reassigned-number",
        family: Messaging,
        level: Deny,
        reports: "an error (block, Twilio 21610) for a yes; a warning and review for no data",
        regimes: [],
        needs: [],
        example_policy: "",
        kind: Gate,
        summary: "the reassigned numbers database says the number changed hands since the consent, or has no data",
    }
}

declare_rule! {
    /// ## What it does
    /// Runs in the send-time gate with a consent ledger. When the consent in force lacks a field of
    /// a record that proves consent (the seed's minimum: `phone`, `channel`, `consent_type`,
    /// `consent_method`, `consent_timestamp`, `consent_source`, `ip_address` for a web form; and
    /// what the Telemarketing Sales Rule asks: the `seller`, the `disclosure` text or its hash and
    /// version, the `purpose` and the `evidence`), the decision warns and names the fields.
    ///
    /// ## Why is this bad
    /// The seller bears the burden of proving consent (47 CFR 64.1200(f)(9)), and the
    /// Telemarketing Sales Rule requires keeping, for five years, the consent "in the same manner
    /// and format in which it was presented", its purpose and its date (16 CFR 310.5(a)(8)). A
    /// record without the disclosure or the evidence loses the lawsuit it was kept for.
    ///
    /// ## Example
    /// ```toml
    /// body = "Acme: 20% off everything this weekend! Reply STOP to opt out."
    /// intent = "marketing"
    ///
    /// [[send]]
    /// to = "+13055550123"
    /// at = "2026-12-04T15:00:00Z"
    /// [send.history]
    /// consent = "express-written"
    /// consent-at = "2026-01-10T12:00:00Z"
    /// consent-missing = ["disclosure", "evidence"]
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// body = "Acme: 20% off everything this weekend! Reply STOP to opt out."
    /// intent = "marketing"
    ///
    /// [[send]]
    /// to = "+13055550123"
    /// at = "2026-12-04T15:00:00Z"
    /// [send.history]
    /// consent = "express-written"
    /// consent-at = "2026-01-10T12:00:00Z"
    /// ```
    ///
    /// ## References
    /// - 16 CFR 310.5(a)(8) (records of express agreement; five years)
    /// - 47 CFR 64.1200(f)(9) (prior express written consent)
    /// - GDPR Art. 7(1) (the controller demonstrates consent)
    pub GEN005 {
        name: "incomplete-consent-record",
        family: General,
        level: Warn,
        reports: "a warning",
        regimes: [],
        needs: [],
        example_policy: "",
        kind: Gate,
        summary: "the consent record a send rests on lacks fields that prove it",
    }
}

declare_rule! {
    /// ## What it does
    /// Runs in the send-time gate with a consent ledger. A call placed through Twilio speaks with
    /// an artificial or prerecorded voice (`<Say>`, `<Play>`, an AI agent) and needs consent of
    /// the kind its purpose needs: prior express consent for an informational call, prior express
    /// written consent for a marketing one. An informational text needs prior express consent too
    /// (a marketing text is MSG011's). Emergency, fraud and security alerts need none. Without
    /// the consent the gate answers `Block`.
    ///
    /// ## Why is this bad
    /// The TCPA bans calls to a mobile number made with an autodialer or an artificial or
    /// prerecorded voice without the called party's prior express consent, and calls to a home
    /// with an artificial or prerecorded voice likewise; telemarketing needs written consent
    /// (47 U.S.C. 227(b)(1); 47 CFR 64.1200(a)(1) to (a)(3)). The FCC confirmed in 2024 that
    /// AI-generated voices are artificial voices (FCC 24-17).
    ///
    /// ## Example
    /// ```toml
    /// channel = "voice"
    /// intent = "notifications"
    ///
    /// [[send]]
    /// to = "+13055550123"
    /// at = "2026-12-04T15:00:00Z"
    /// [send.history]
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// channel = "voice"
    /// intent = "notifications"
    ///
    /// [[send]]
    /// to = "+13055550123"
    /// at = "2026-12-04T15:00:00Z"
    /// [send.history]
    /// consent = "express"
    /// consent-at = "2026-01-10T12:00:00Z"
    /// ```
    ///
    /// ## References
    /// - 47 U.S.C. 227(b)(1); 47 CFR 64.1200(a)(1)-(3)
    /// - FCC 24-17 (AI-generated voices are artificial voices)
    pub TCPA005 {
        name: "call-without-consent",
        family: Robocall,
        level: Deny,
        reports: "an error: block",
        regimes: [],
        needs: [],
        example_policy: "",
        kind: Gate,
        summary: "a call or informational text goes out without the consent its purpose needs",
    }
}

declare_rule! {
    /// ## What it does
    /// Runs in the send-time gate with a consent ledger. A free-form WhatsApp message (one not
    /// marked as an approved template, `--template` on the command line) more than 24 hours after
    /// the user's last inbound message to this sender is answered with `Block` and Twilio's error
    /// 63016. The ledger keeps the last inbound time per user and sender.
    ///
    /// ## Why is this bad
    /// WhatsApp allows free-form business messages only within 24 hours of the user's last
    /// message; outside that window a business must use a template that Meta approved. Twilio
    /// refuses the message with 63016, and repeated attempts hurt the sender's quality rating.
    ///
    /// ## Example
    /// ```toml
    /// channel = "whatsapp"
    /// intent = "customercare"
    /// body = "Hi! Just checking in about your order."
    ///
    /// [[send]]
    /// to = "+13055550123"
    /// at = "2026-12-04T15:00:00Z"
    /// [send.history]
    /// consent = "express"
    /// consent-at = "2026-01-10T12:00:00Z"
    /// last-inbound = "2026-12-02T09:00:00Z"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// # An approved template opens the conversation again.
    /// channel = "whatsapp"
    /// intent = "customercare"
    /// body = "Your order 1234 has an update. Reply to continue."
    ///
    /// [[send]]
    /// to = "+13055550123"
    /// at = "2026-12-04T15:00:00Z"
    /// template = true
    /// [send.history]
    /// consent = "express"
    /// consent-at = "2026-01-10T12:00:00Z"
    /// last-inbound = "2026-12-02T09:00:00Z"
    /// ```
    ///
    /// ## References
    /// - WhatsApp Business Messaging Policy, the customer service window
    /// - Twilio error 63016: <https://www.twilio.com/docs/api/errors/63016>
    pub WA001 {
        name: "whatsapp-outside-session",
        family: Messaging,
        level: Deny,
        reports: "an error: block, Twilio 63016",
        regimes: [],
        needs: [],
        example_policy: "",
        kind: Gate,
        summary: "a free-form whatsapp message goes out more than 24 hours after the user's last message",
    }
}

declare_rule! {
    /// ## What it does
    /// Runs in the send-time gate for debt collectors (the `debt-collection` policy), for calls:
    /// with seven calls about the same debt (`--debt ID`; without one, to the same number) in the
    /// last seven days, or a telephone conversation about it in the last seven days (the day of
    /// the conversation is the first of them), the gate answers `Defer` to the first instant the
    /// count allows, or `Block` with block handling. The ledger counts the attempts, across all
    /// of the person's numbers, at the time of the decision; each allowed decision counts as an
    /// attempt.
    ///
    /// ## Why is this bad
    /// Regulation F presumes a collector harasses when it calls a person about a debt more than
    /// seven times within seven consecutive days, or within seven days after a telephone
    /// conversation about it (12 CFR 1006.14(b)(2)); the presumption is what a plaintiff pleads.
    ///
    /// ## Example
    /// ```toml
    /// policies = ["debt-collection"]
    /// channel = "voice"
    /// intent = "notifications"
    ///
    /// [[send]]
    /// to = "+12145550123"
    /// at = "2026-12-04T16:00:00Z"
    /// debt = "D-1001"
    /// [send.history]
    /// consent = "express"
    /// consent-at = "2026-01-10T12:00:00Z"
    /// last-conversation = "2026-12-01T15:00:00Z"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// policies = ["debt-collection"]
    /// channel = "voice"
    /// intent = "notifications"
    ///
    /// [[send]]
    /// to = "+12145550123"
    /// at = "2026-12-08T16:00:00Z"
    /// debt = "D-1001"
    /// [send.history]
    /// consent = "express"
    /// consent-at = "2026-01-10T12:00:00Z"
    /// last-conversation = "2026-12-01T15:00:00Z"
    /// ```
    ///
    /// ## References
    /// - 12 CFR 1006.14(b)(2): <https://www.consumerfinance.gov/rules-policy/regulations/1006/14/>
    pub DEBT006 {
        name: "seven-in-seven",
        family: Debt,
        level: Deny,
        reports: "an error: defer to when the count allows",
        regimes: [DebtCollection],
        needs: [],
        example_policy: "",
        kind: Gate,
        summary: "a debt collector's call exceeds seven calls in seven days, or follows a conversation within seven days",
    }
}

declare_rule! {
    /// ## What it does
    /// Runs in the send-time gate for solicitations, with a consent ledger: for each state of the
    /// recipient whose row in the state-rules table sets a cap (Florida, Oklahoma and Maryland: 3
    /// in 24 hours), it counts the attempts to the number in the window at the time of the
    /// decision, and at the cap answers `Defer` to the instant the oldest of them leaves the
    /// window. A cap whose coverage of the channel is unconfirmed warns.
    ///
    /// ## Why is this bad
    /// Florida's Telephone Solicitation Act, Oklahoma's Telephone Solicitation Act and Maryland's
    /// Stop the Spam Calls Act forbid more than three commercial solicitation calls or texts to a
    /// person on the same subject within 24 hours, and give a private right of action.
    ///
    /// ## Example
    /// ```toml
    /// intent = "marketing"
    /// body = "Acme: 20% off today only! Reply STOP to opt out."
    ///
    /// [[send]]
    /// to = "+13055550123"
    /// at = "2026-12-04T20:00:00Z"
    /// [send.history]
    /// consent = "express-written"
    /// consent-at = "2026-01-10T12:00:00Z"
    /// attempts = ["2026-12-04T14:00:00Z", "2026-12-04T16:00:00Z", "2026-12-04T18:00:00Z"]
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// intent = "marketing"
    /// body = "Acme: 20% off today only! Reply STOP to opt out."
    ///
    /// [[send]]
    /// to = "+13055550123"
    /// at = "2026-12-05T14:30:00Z"
    /// [send.history]
    /// consent = "express-written"
    /// consent-at = "2026-01-10T12:00:00Z"
    /// attempts = ["2026-12-04T14:00:00Z", "2026-12-04T16:00:00Z", "2026-12-04T18:00:00Z"]
    /// ```
    ///
    /// ## References
    /// - Fla. Stat. 501.059(8)(a)
    /// - Okla. Stat. tit. 15, 775C.4
    /// - Md. Com. Law 14-4503
    /// - The gate's state-rules table: `twiml_core::gate::state_rules`
    pub QH002 {
        name: "state-frequency-cap",
        family: QuietHours,
        level: Deny,
        reports: "an error: defer to when the cap allows; a warning where the channel's coverage is unconfirmed",
        regimes: [],
        needs: [],
        example_policy: "",
        kind: Gate,
        summary: "a solicitation exceeds a state's cap of calls or texts in 24 hours",
    }
}
