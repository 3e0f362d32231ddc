//! REC001-REC005: recording, transcription and real-time interception need a notice first.
//!
//! A notice is an audible sentence with a capture word and a call word ("this call may be
//! recorded", "esta llamada puede ser grabada"), or a `<Play>` declared to hold one. It must
//! come before the capture starts: before the `<Dial>` of a recorded call (recording from
//! ringing starts before anyone answers), before `<Start><Recording>`, before the `<Connect>` of
//! an AI session (speech recognition starts at once).

use std::borrow::Cow;
use std::sync::LazyLock;

use crate::diagnostic::Severity;
use crate::schema::{ElementId, attr};
use crate::tree::Document;

use super::declare_rule;
use super::flow::{CaptureKind, EventKind, Kinds, Loc};
use super::general::{
    given_before, is_undeclared_audio, report_undeclared, undeclared_audio_before,
};
use super::policy::{Disclosure, Fact, Regime};
use super::text::Concept;
use super::{Findings, Lang};

declare_rule! {
    /// ## What it does
    /// Checks that a call recording does not start before the caller has heard a recording notice.
    /// Recording starts at `<Dial record="record-from-answer">` or `record-from-answer-dual`, at
    /// `<Dial record="record-from-ringing">` or `record-from-ringing-dual` (capture begins while
    /// the call rings, so the notice must come before the `<Dial>` itself), at `<Dial><Conference
    /// record="record-from-start">`, at `<Start><Recording>`, and at `<Connect><Conversation>` with
    /// a recording `record` value. The notice must be in an earlier audible event (`<Say>` text,
    /// including `<Say>` inside `<Gather>` or `<Pay><Prompt>`, or a ConversationRelay
    /// `welcomeGreeting`). A notice is a sentence in which a capture verb, in any form, is said of
    /// this call: "This call may be recorded", "we record and monitor all calls", "calls to this
    /// line are transcribed", "a supervisor may listen in on this call", "grabamos esta llamada",
    /// "las llamadas se graban", "su llamada queda grabada", "puede ser escuchada por un
    /// supervisor", "usted acepta que esta llamada sea grabada", "vamos a grabar esta llamada",
    /// "esta comunicación podría ser grabada", "será registrada y grabada", "this call may be
    /// subject to recording", "podría ser objeto de grabación". Sentences are read
    /// as a listener hears them: adjacent `<Say>` elements with nothing between them are one
    /// sentence, while SSML `<s>`, `<p>` and `<break>`, a `<Pause>` or waiting for input separate.
    /// Words that only look like a notice give none: another call ("returning a recorded call",
    /// "your previous call was recorded", "your call on Tuesday was recorded", "le devolvemos una
    /// llamada grabada", "su llamada del martes fue grabada"), a recorded message
    /// or information line, and a denial ("this call is not recorded"). The rule is silent when the
    /// policy holds the `recording-disclosed` fact (the notice was given in an earlier document of
    /// the same call); voicemail-style `<Record>` is checked by REC005, and a notice hidden in an
    /// undeclared `<Play>` is reported by GEN001.
    ///
    /// ## Why is this bad
    /// In all-party consent states, recording a call without the consent of every party is
    /// unlawful: California covers every cellular and cordless call regardless of confidentiality
    /// (Cal. Penal Code §632.7) and gives a civil action for damages (§637.2), and Florida (Fla.
    /// Stat. §934.03(2)(d)) and Washington (RCW 9.73.030) likewise require all parties' consent.
    /// California applies its law to out-of-state businesses recording calls with California
    /// residents (*Kearney v. Salomon Smith Barney*, 39 Cal. 4th 95 (2006)), and a mobile number
    /// does not tell you where the caller is, so the federal one-party rule (18 U.S.C. §2511(2)(d))
    /// is not the constraint that binds. A spoken notice before capture is what these statutes
    /// accept: Washington treats a recorded announcement as consent (RCW 9.73.030(3)) and
    /// Connecticut accepts a recorded verbal notice (Conn. Gen. Stat. §52-570d(a)). Always an
    /// error.
    ///
    /// ## Example
    /// ```xml
    /// <Response>
    ///   <Dial record="record-from-answer-dual">
    ///     <Number url="https://example.com/twiml/agent-whisper">+18005550142</Number>
    ///   </Dial>
    /// </Response>
    /// ```
    ///
    /// ## Use instead
    /// ```xml
    /// <Response>
    ///   <Say>This call may be recorded for quality and training.</Say>
    ///   <Dial record="record-from-answer-dual">
    ///     <Number url="https://example.com/twiml/agent-whisper">+18005550142</Number>
    ///   </Dial>
    /// </Response>
    /// ```
    ///
    /// ## References
    /// - Cal. Penal Code §§632, 632.7, 637.2 (California Invasion of Privacy Act)
    /// - Fla. Stat. §934.03(2)(d)
    /// - RCW 9.73.030, including 9.73.030(3) (recorded announcement as consent)
    /// - Conn. Gen. Stat. §52-570d(a) (consent, recorded verbal notice or automatic tone warning)
    /// - 18 U.S.C. §2511(2)(d) (federal one-party consent)
    /// - *Kearney v. Salomon Smith Barney*, 39 Cal. 4th 95 (2006)
    /// - Twilio, `<Dial>`: <https://www.twilio.com/docs/voice/twiml/dial>
    /// - Twilio, `<Recording>`: <https://www.twilio.com/docs/voice/twiml/recording>
    /// - Twilio Studio, Call Recording widget (announce the recording before it starts):
    ///   <https://www.twilio.com/docs/studio/widget-library/call-recording>
    pub REC001 {
        name: "capture-before-notice",
        family: Recording,
        level: Deny,
        reports: "an error",
        regimes: [],
        needs: [],
        found_in: one_of(&[Dial, Conference, Recording, Conversation]),
        example_policy: "",
        summary: "call recording starts before the caller has heard a recording notice",
    }
}

/// The help line of a missing notice, in English and Spanish.
const NOTICE_HELP: (&str, &str) = (
    "say a notice first: `<Say>This call may be recorded.</Say>`",
    "diga primero un aviso: `<Say language=\"es-US\">Esta llamada puede ser grabada.</Say>`",
);

pub(super) fn check<D: Document>(f: &mut Findings<'_, '_, D>) {
    let flow = f.flow;
    let captures = flow.holds(Kinds::CAPTURE);
    if !captures && !f.policy.holds(Fact::RecordingStarted) {
        return;
    }
    // Every capture after a notice is covered, and nothing needs covering once the notice
    // was given earlier in the call.
    let disclosed = f.policy.holds(Fact::RecordingDisclosed);
    let notices = if disclosed {
        Vec::new()
    } else {
        flow.transcript().notices()
    };
    let noticed_before = |f: &Findings<'_, '_, D>, i: usize| {
        disclosed || given_before(f, Disclosure::RecordingNotice, &notices, i)
    };

    for (i, event) in flow.events.iter().enumerate() {
        let EventKind::Capture { kind, .. } = event.kind else {
            continue;
        };
        match kind {
            CaptureKind::Message { beep, transcribe } => {
                let noticed = noticed_before(f, i);
                message_recording(f, i, beep, noticed);
                if transcribe && !noticed {
                    interception(
                        f,
                        i,
                        "`<Record transcribe=\"true\">` sends the message to transcription",
                    );
                }
            }
            kind if kind.is_recording() => {
                if noticed_before(f, i) {
                    continue;
                }
                if let Some(audio) = undeclared_audio_before(f, i) {
                    report_undeclared!(f, audio, "a recording notice", &REC001);
                    continue;
                }
                if !f.runs(&REC001) {
                    continue;
                }
                let what = match kind {
                    CaptureKind::DialRecording { from_ringing: true } => {
                        "the `<Dial>` records from ringing"
                    }
                    CaptureKind::DialRecording { .. } => "the `<Dial>` records the call",
                    CaptureKind::ConferenceRecording => "the conference is recorded",
                    CaptureKind::ConversationRecording => "the conversation is recorded",
                    _ => "`<Start><Recording>` records the call",
                };
                let lang = f.lang_before(i);
                let finding = f.report(
                    &REC001,
                    Severity::Error,
                    event.node,
                    event.loc,
                    format!("{what} before the caller hears a recording notice"),
                );
                finding.help_in(lang, NOTICE_HELP.0, NOTICE_HELP.1);
                label_near_notice(finding, flow, i);
            }
            _ => {
                if !noticed_before(f, i) {
                    interception(f, i, interception_words(kind));
                }
            }
        }
    }
    dialed_parties(f);
    recording_already_running(f);
}

/// Labels the words before capture `index` that speak of recording without giving a
/// notice ("this call is not being recorded", "recorded school closing information"), so that
/// the reader sees why they do not count.
fn label_near_notice<D: Document>(
    finding: &mut super::Finding<D::Node>,
    flow: &super::flow::Flow<'_, D>,
    index: usize,
) {
    let t = flow.transcript();
    let before = t.first_token_at_event(index);
    if let Some(words) = t
        .hits_of(super::text::Concept::CaptureVerb)
        .filter(|h| h.end <= before)
        .last()
        && let Some((node, loc, part)) = flow.words_at(words.clone())
    {
        finding.label_part(
            node,
            loc,
            part,
            format!(
                "\"{}\" is not a notice that this call is recorded",
                t.quote(t.sentence_of(words.start))
            ),
        );
    }
}

fn interception_words(kind: CaptureKind) -> &'static str {
    match kind {
        CaptureKind::Stream => "a media stream sends the call's audio out",
        CaptureKind::Siprec => "a SIPREC session sends the call's audio to a recorder",
        CaptureKind::Transcription => "real-time transcription starts",
        _ => "an AI session starts listening",
    }
}

declare_rule! {
    /// ## What it does
    /// Checks that real-time interception of the call starts only after a notice. It reports
    /// `<Start><Transcription>`, `<Start><Stream>`, `<Start><Siprec>`, `<Connect><Stream>`,
    /// `<Connect><ConversationRelay>`, `<Connect><VirtualAgent>`, `<Connect><AiSession>`,
    /// `<Connect><ConversationRelaySession>` and `<Record transcribe="true">` when no earlier
    /// audible event (`<Say>`, including `<Say>` inside `<Gather>` or `<Pay><Prompt>`) carries a
    /// notice, read as REC001 reads one: a capture verb said of this call ("This call may be
    /// recorded, transcribed and analyzed", "Esta conversación será grabada y transcrita"), in one
    /// sentence as the listener hears it (adjacent `<Say>` elements join; `<s>`, `<p>`, `<break>`
    /// and `<Pause>` separate), not another call ("returning a recorded call") and not denied ("su
    /// llamada no será grabada"). `<Gather input="speech">` is speech recognition and is not
    /// reported. An AI agent listens from the moment its session starts, so a notice in its own
    /// `welcomeGreeting` comes too late for this rule (it does count for later recordings): say it
    /// with `<Say>` before `<Connect>`.
    ///
    /// ## Why is this bad
    /// Streaming or transcribing call audio sends the conversation, while it happens, to your
    /// server, a transcription provider or an AI vendor; without notice this invites claims under
    /// California's wiretapping provision, Cal. Penal Code §631(a), which reaches third parties who
    /// listen in on a communication, and under all-party recording statutes such as §632.7. In
    /// *Ambriz v. Google LLC*, No. 3:23-cv-05437 (N.D. Cal. Feb. 10, 2025), the court let §631
    /// claims proceed against a contact-center AI vendor because it was capable of using call
    /// content for its own purposes. It is a warning by default and an error under the payments or
    /// healthcare regime.
    ///
    /// ## Example
    /// ```xml
    /// <Response>
    ///   <Start>
    ///     <Transcription statusCallbackUrl="https://example.com/transcripts"/>
    ///   </Start>
    ///   <Say>Thank you for calling. Please hold for the next agent.</Say>
    ///   <Dial>+18005550142</Dial>
    /// </Response>
    /// ```
    ///
    /// ## Use instead
    /// ```xml
    /// <Response>
    ///   <Say>This call may be recorded, transcribed and analyzed, including by automated systems.</Say>
    ///   <Start>
    ///     <Transcription statusCallbackUrl="https://example.com/transcripts"/>
    ///   </Start>
    ///   <Say>Thank you for calling. Please hold for the next agent.</Say>
    ///   <Dial>+18005550142</Dial>
    /// </Response>
    /// ```
    ///
    /// ## References
    /// - Cal. Penal Code §631(a) (California Invasion of Privacy Act, interception)
    /// - Cal. Penal Code §§632, 632.7
    /// - *Ambriz v. Google LLC*, No. 3:23-cv-05437 (N.D. Cal. Feb. 10, 2025)
    pub REC004 {
        name: "interception-without-notice",
        family: Recording,
        level: Deny,
        reports: "a warning; an error under `payments` or `healthcare`",
        regimes: [],
        needs: [],
        found_in: one_of(&[Record, Stream, Siprec, Transcription, ConversationRelay, VirtualAgent, AiSession, ConversationRelaySession, Assistant]),
        example_policy: "",
        summary: "real-time transcription, streaming or an AI session starts before a notice",
    }
}

/// REC004: real-time transcription, streaming and AI sessions are interception.
fn interception<D: Document>(f: &mut Findings<'_, '_, D>, index: usize, what: &str) {
    if !f.runs(&REC004) {
        return;
    }
    let flow = f.flow;
    if let Some(audio) = undeclared_audio_before(f, index) {
        report_undeclared!(f, audio, "a notice of monitoring", &REC004);
        return;
    }
    let strict = f.policy.applies(Regime::Payments) || f.policy.applies(Regime::Healthcare);
    let event = &flow.events[index];
    let lang = f.lang_before(index);
    f.report(
        &REC004,
        if strict { Severity::Error } else { Severity::Warning },
        event.node,
        event.loc,
        format!("{what} before the caller hears that the call may be recorded or monitored"),
    )
    .help_in(
        lang,
        "say first that the call may be recorded, transcribed and analyzed, including by automated systems",
        "diga primero que la llamada puede ser grabada, transcrita y analizada, incluso por sistemas automatizados",
    );
}

declare_rule! {
    /// ## What it does
    /// Checks that a `<Record>` (a voicemail-style message capture) is preceded by something that
    /// tells the caller a message is being taken. An earlier audible event counts when it asks the
    /// caller to leave a message in any words ("leave a message", "leave your name and number",
    /// "after the beep", "déjenos su recado", "hable después de la señal") or gives a recording
    /// notice such as "This call may be recorded". A cue that sends the message elsewhere ("use the
    /// patient portal to leave a message") or says the opposite ("please don't leave a message") is
    /// no cue. With `playBeep="false"` and no cue the caller gets no signal at all, and the rule
    /// reports a warning; when the beep (the default `playBeep="true"`) is the only cue, it reports
    /// an info.
    ///
    /// ## Why is this bad
    /// Leaving a message after being asked to is what gives implied consent to a voicemail
    /// recording; a silent `<Record>` captures whatever the caller says next without any notice,
    /// which all-party consent statutes forbid (Cal. Penal Code §632.7; Fla. Stat. §934.03(2)(d);
    /// RCW 9.73.030). A bare beep is weaker evidence: only Connecticut's statute expressly accepts
    /// an automatic tone warning (Conn. Gen. Stat. §52-570d(a)). A warning when nothing signals the
    /// recording, an info when only the beep does.
    ///
    /// ## Example
    /// ```xml
    /// <Response>
    ///   <Say>Thanks for calling Acme Widgets.</Say>
    ///   <Record playBeep="false" maxLength="120" action="https://example.com/voicemail"/>
    /// </Response>
    /// ```
    ///
    /// ## Use instead
    /// ```xml
    /// <Response>
    ///   <Say>Thanks for calling Acme Widgets. Please leave your message after the beep.</Say>
    ///   <Record maxLength="120" action="https://example.com/voicemail"/>
    /// </Response>
    /// ```
    ///
    /// ## References
    /// - Cal. Penal Code §§632, 632.7
    /// - Fla. Stat. §934.03(2)(d)
    /// - RCW 9.73.030
    /// - Conn. Gen. Stat. §52-570d(a) (automatic tone warning)
    /// - Twilio, Recordings resource: <https://www.twilio.com/docs/voice/api/recording>
    pub REC005 {
        name: "record-without-cue",
        family: Recording,
        level: Deny,
        reports: "a warning; information when only the beep signals the recording",
        regimes: [],
        needs: [],
        found_in: one_of(&[Record]),
        example_policy: "",
        summary: "`<Record>` captures a message with no cue that the caller is being recorded",
    }
}

/// REC005: a `<Record>` needs a cue that the caller is being recorded.
fn message_recording<D: Document>(
    f: &mut Findings<'_, '_, D>,
    index: usize,
    beep: bool,
    noticed: bool,
) {
    if !f.runs(&REC005) || noticed {
        return;
    }
    let flow = f.flow;
    let cues = flow.transcript().message_cues();
    if given_before(f, Disclosure::RecordingNotice, &cues, index) {
        return;
    }
    let event = &flow.events[index];
    let (severity, message) = if beep {
        (
            Severity::Info,
            "`<Record>` starts with only its beep to tell the caller they are recorded",
        )
    } else {
        (
            Severity::Warning,
            "`<Record playBeep=\"false\">` records with no cue that the caller is being recorded",
        )
    };
    let lang = f.lang_before(index);
    f.report(&REC005, severity, event.node, event.loc, message)
        .help_in(
            lang,
            "say first `<Say>Please leave a message after the beep.</Say>`",
            "diga primero `<Say language=\"es-US\">Deje su mensaje después del tono.</Say>`",
        );
}

declare_rule! {
    /// ## What it does
    /// Looks at who else is on a recorded call. A `<Dial>` is recorded when its own `record` value
    /// records (`record-from-answer`, `record-from-ringing` or their `-dual` forms), when a
    /// `<Start><Recording>` still runs (no `<Stop>` ended it), or when the policy holds
    /// `recording-started`. The rule reports a recorded `<Dial>` when a dialed noun (`<Number>`,
    /// `<Client>`, `<Sip>`, `<Application>`, `<WhatsApp>`) has no `url` attribute, or when the
    /// `<Dial>` dials a plain-text number with no noun at all. The `url` names the whisper document
    /// that Twilio runs on the called party's leg after answer and before bridging, which is where
    /// that party hears the recording notice. It also reports every `<Dial><Conference
    /// record="record-from-start">`, because each conference participant reaches the room through
    /// their own call and must hear a notice on that path.
    ///
    /// ## Why is this bad
    /// All-party consent statutes protect every party to the call, including the person your
    /// application dials: a notice played only to the caller does not cover the agent, the
    /// transferred-to number or other conference participants (Cal. Penal Code §§632, 632.7; Fla.
    /// Stat. §934.03(2)(d); RCW 9.73.030). A conference `beep` is not a notice; only Connecticut's
    /// civil statute expressly accepts an automatic tone warning (Conn. Gen. Stat. §52-570d(a)).
    /// The rule reports a warning, because a single document cannot show whether the dialed party
    /// is a consumer or an employee who consented under a written policy.
    ///
    /// ## Example
    /// ```xml
    /// <Response>
    ///   <Say>This call may be recorded.</Say>
    ///   <Dial record="record-from-answer">
    ///     <Number>+18005550142</Number>
    ///   </Dial>
    /// </Response>
    /// ```
    ///
    /// ## Use instead
    /// ```xml
    /// <Response>
    ///   <Say>This call may be recorded.</Say>
    ///   <Dial record="record-from-answer">
    ///     <Number url="https://example.com/twiml/recording-notice">+18005550142</Number>
    ///   </Dial>
    /// </Response>
    /// ```
    ///
    /// ## References
    /// - Cal. Penal Code §§632, 632.7, 637.2
    /// - Fla. Stat. §934.03(2)(d)
    /// - RCW 9.73.030
    /// - Conn. Gen. Stat. §52-570d(a)
    /// - Twilio, `<Dial>` (noun `url` runs on the called party before the call is bridged):
    ///   <https://www.twilio.com/docs/voice/twiml/dial>
    pub REC002 {
        name: "dialed-party-not-notified",
        family: Recording,
        level: Deny,
        reports: "a warning",
        regimes: [],
        needs: [],
        found_in: one_of(&[Dial, Conference]),
        example_policy: "",
        summary: "a recorded call reaches a dialed party or conference without a notice for them",
    }
}

/// REC002: the party a recorded call reaches hears no notice unless its own leg plays one.
/// A `<Dial>` is recorded by its own `record`, or by a `<Start><Recording>` still running, or
/// by a recording that began before the document.
fn dialed_parties<D: Document>(f: &mut Findings<'_, '_, D>) {
    if !f.runs(&REC002) {
        return;
    }
    let flow = f.flow;
    let mut running: Vec<Option<&str>> = Vec::new();
    let mut dial_recorded = false;
    for event in &flow.events {
        match event.kind {
            EventKind::Capture {
                kind: CaptureKind::Recording,
                name,
            } => running.push(name),
            EventKind::Stop { name } => running.retain(|n| *n != Some(name)),
            EventKind::Capture {
                kind: CaptureKind::DialRecording { .. },
                ..
            } => dial_recorded = true,
            EventKind::Dial => {
                let recorded = std::mem::take(&mut dial_recorded)
                    || !running.is_empty()
                    || f.policy.holds(Fact::RecordingStarted);
                if recorded {
                    unannounced_parties(f, event.node, event.loc);
                }
            }
            EventKind::Capture {
                kind: CaptureKind::ConferenceRecording,
                ..
            } => {
                f.report(
                    &REC002,
                    Severity::Warning,
                    event.node,
                    event.loc,
                    "the recorded conference reaches participants who join by other paths",
                )
                .help("play a recording notice on every participant's way in, or start recording through the API once everyone was told");
            }
            _ => {}
        }
    }
}

/// Reports each party of a recorded `<Dial>` that has no whisper document to announce the
/// recording, or the `<Dial>` itself when it dials plain text.
fn unannounced_parties<D: Document>(f: &mut Findings<'_, '_, D>, dial: D::Node, dial_loc: Loc) {
    let flow = f.flow;
    let doc = flow.doc;
    let children: Vec<_> = flow.children_of(dial_loc).copied().collect();
    // A noun with a `url` has a whisper document, run on the called party's leg before the
    // call is bridged. A conference gives its participants a notice on their own way in (and
    // is reported when it records), and a dequeued caller came in on a call of their own; a
    // noun with no `url` at all (`<Sim>`) cannot be announced to.
    let whispered = |id: ElementId| attr::URL.on(id).is_some();
    let nouns = children.iter().filter(|e| {
        e.id.is_some_and(|id| whispered(id) && id != ElementId::Queue)
    });
    let announceable = children.iter().any(|e| {
        e.id.is_some_and(|id| whispered(id) || id == ElementId::Conference)
    });
    if !announceable {
        f.report(
            &REC002,
            Severity::Warning,
            dial,
            dial_loc,
            "the recorded `<Dial>` reaches a party who hears no recording notice",
        )
        .help("dial a `<Number url=\"...\">` whose whisper document announces the recording");
        return;
    }
    for noun in nouns {
        if super::flow::text_attribute(doc, noun.node, attr::URL).is_none() {
            // One of the most frequent messages (80 a W4 document): a known element's, made
            // once, is borrowed.
            let name = doc.name(noun.node);
            let message: Cow<'static, str> = match noun.id {
                Some(id) if id.spec().name == name => Cow::Borrowed(unannounced_known(id)),
                _ => Cow::Owned(unannounced_message(name)),
            };
            f.report(&REC002, Severity::Warning, noun.node, noun.loc, message)
            .help("add `url=\"...\"` with a document that says the call may be recorded; it plays to the dialed party before the call is bridged");
        }
    }
}

/// REC002's message at a party `name` dials.
fn unannounced_message(name: &str) -> String {
    [
        "the recorded call reaches this `<",
        name,
        ">` with no whisper `url` to announce the recording",
    ]
    .concat()
}

/// [`unannounced_message`] of the known element `id`, made once for every element.
fn unannounced_known(id: ElementId) -> &'static str {
    static MESSAGES: LazyLock<Vec<String>> = LazyLock::new(|| {
        let mut messages = Vec::new();
        for &id in ElementId::ALL {
            let at = id as usize;
            if messages.len() <= at {
                messages.resize(at + 1, String::new());
            }
            messages[at] = unannounced_message(id.spec().name);
        }
        messages
    });
    MESSAGES.get(id as usize).map_or("", String::as_str)
}

/// How many words may come before the notice when recording already runs: a short greeting,
/// about three seconds ("Thank you for calling Acme Widgets."), and never a menu option.
const NOTICE_WITHIN_WORDS: usize = 8;

declare_rule! {
    /// ## What it does
    /// Runs when the policy holds the `recording-started` fact: recording began before this
    /// document, for example through `Record=true` on the Calls API, a SIP trunk, or a previous
    /// document. The first audible event of the document (the first `<Say>`, including one inside
    /// `<Gather>`, or a ConversationRelay `welcomeGreeting`) must then give a recording notice,
    /// read as REC001 reads one: a capture verb said of this call ("This call may be recorded",
    /// "Esta llamada se está grabando"), not another call and not denied. A short greeting may come
    /// first (eight words, about three seconds: "Thank you for calling Acme Widgets."); a longer
    /// greeting, a menu or a hold message spoken before the notice is reported. The rule is silent
    /// when the policy also holds `recording-disclosed`.
    ///
    /// ## Why is this bad
    /// When recording starts outside the document, everything the caller says from the first second
    /// is captured, so any words before the notice are recorded without consent, which all-party
    /// consent statutes forbid (Cal. Penal Code §632.7; Fla. Stat. §934.03(2)(d); RCW 9.73.030).
    /// Twilio lists seven ways a recording starts, and three of them (`Record=true` on the Calls
    /// API, Elastic SIP Trunk recording, a POST to the call's Recordings resource) leave no trace
    /// in the TwiML, which is why the policy must declare `recording-started`. Always an error.
    ///
    /// ## Example
    /// ```xml
    /// <Response>
    ///   <Say>Thank you for calling Acme Widgets, where every order ships the same day.</Say>
    ///   <Say>This call may be recorded.</Say>
    ///   <Gather numDigits="1" action="https://example.com/menu">
    ///     <Say>For sales, press 1. For support, press 2.</Say>
    ///   </Gather>
    /// </Response>
    /// ```
    ///
    /// ## Use instead
    /// ```xml
    /// <Response>
    ///   <Say>This call may be recorded.</Say>
    ///   <Gather numDigits="1" action="https://example.com/menu">
    ///     <Say>Thank you for calling Acme Widgets. For sales, press 1. For support, press 2.</Say>
    ///   </Gather>
    /// </Response>
    /// ```
    ///
    /// ## References
    /// - Cal. Penal Code §§632, 632.7, 637.2
    /// - Fla. Stat. §934.03(2)(d)
    /// - RCW 9.73.030
    /// - Twilio, Recordings resource (the ways a recording starts):
    ///   <https://www.twilio.com/docs/voice/api/recording>
    pub REC003 {
        name: "recording-running-before-notice",
        family: Recording,
        level: Deny,
        reports: "an error",
        regimes: [],
        needs: [RecordingStarted],
        found_in: anywhere(),
        example_policy: "recording-started",
        summary: "recording runs before the document and its first words are not a recording notice",
    }
}

/// REC003: when recording runs before the document, its first words must be the notice.
fn recording_already_running<D: Document>(f: &mut Findings<'_, '_, D>) {
    if !f.runs(&REC003) || f.policy.holds(Fact::RecordingDisclosed) {
        return;
    }
    let flow = f.flow;
    let t = flow.transcript();
    let Some((first_index, first)) = flow.first_heard() else {
        let Some(root) = flow.elements.first().copied() else {
            return;
        };
        f.report(
            &REC003,
            Severity::Error,
            root.node,
            root.loc,
            "the call is already recorded, and the document never tells the caller",
        )
        .help_in(Lang::En, NOTICE_HELP.0, NOTICE_HELP.1);
        return;
    };
    if let EventKind::Audio { url } = first.kind {
        if f.policy
            .audio_says(url)
            .contains(&Disclosure::RecordingNotice)
        {
            return;
        }
        if is_undeclared_audio(f, first) {
            report_undeclared!(f, first, "the recording notice", &REC003);
            return;
        }
    }
    // The notice must come first: after at most a short greeting (not a menu), and before any
    // audio.
    let opening = t.first_token_at_event(first_index);
    let in_time = t.notices().into_iter().next().is_some_and(|n| {
        n.start >= opening
            && t.words_in(opening..n.start) <= NOTICE_WITHIN_WORDS
            && t.hits_in(Concept::KeyVerb, opening..n.start)
                .next()
                .is_none()
            && !flow.events[first_index..t.event_of(n.start)]
                .iter()
                .any(|e| matches!(e.kind, EventKind::Audio { .. }))
    });
    if in_time {
        return;
    }
    let first_words = t.sentence_of(opening);
    let message = if first_words.start < first_words.end && opening < t.len() {
        format!(
            "the call is already recorded, and the caller first hears \"{}\" instead of a recording notice",
            t.quote(first_words.clone())
        )
    } else {
        "the call is already recorded, and the first thing the caller hears is not a recording notice".to_string()
    };
    let lang = f.lang_of(first_index);
    if opening < t.len() {
        f.report_words(&REC003, Severity::Error, first_words, message)
            .help_in(lang, NOTICE_HELP.0, NOTICE_HELP.1);
    } else {
        f.report(&REC003, Severity::Error, first.node, first.loc, message)
            .help_in(lang, NOTICE_HELP.0, NOTICE_HELP.1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_party_borrows_the_message_a_plain_join_makes() {
        for &id in ElementId::ALL {
            assert_eq!(
                unannounced_known(id),
                unannounced_message(id.spec().name),
                "{id:?}"
            );
        }
    }
}
