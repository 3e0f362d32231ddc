//! REC001-REC005: recording, transcription and real-time interception need a notice first.
//!
//! A notice is an audible sentence with a capture word and a call word ("this call may be
//! recorded", "esta llamada puede ser grabada"), or a `<Play>` declared to hold one. It must
//! come before the capture starts: before the `<Dial>` of a recorded call (recording from
//! ringing starts before anyone answers), before `<Start><Recording>`, before the `<Connect>` of
//! an AI session (speech recognition starts at once).

use crate::diagnostic::Severity;
use crate::schema::ElementId;
use crate::tree::Document;

use super::Findings;
use super::detect;
use super::flow::{CaptureKind, EventKind, Loc};
use super::general::{gives, is_undeclared_audio, report_undeclared, undeclared_audio_before};
use super::policy::{Disclosure, Fact, Regime};
use super::registry::{REC001, REC002, REC003, REC004, REC005};

const NOTICE_HELP: &str = "say a notice first: `<Say>This call may be recorded.</Say>` (`<Say language=\"es-US\">Esta llamada puede ser grabada.</Say>`)";

pub(super) fn check<D: Document>(f: &mut Findings<'_, '_, D>) {
    let flow = f.flow;
    let captures = flow
        .events
        .iter()
        .any(|e| matches!(e.kind, EventKind::Capture { .. }));
    if !captures && !f.policy.holds(Fact::RecordingStarted) {
        return;
    }
    // The first notice, by event index; every capture after it is covered. Only what comes
    // before the last capture can cover one, and nothing needs covering once the notice was
    // given earlier in the call.
    let disclosed = f.policy.holds(Fact::RecordingDisclosed);
    let last_capture = flow
        .events
        .iter()
        .rposition(|e| matches!(e.kind, EventKind::Capture { .. }))
        .unwrap_or(0);
    let notice = if disclosed {
        None
    } else {
        flow.events[..last_capture].iter().position(|e| {
            gives(f, e, Disclosure::RecordingNotice, |t| {
                detect::recording_notice(t).is_some()
            })
        })
    };
    let noticed_before = |i: usize| disclosed || notice.is_some_and(|n| n < i);

    for (i, event) in flow.events.iter().enumerate() {
        let EventKind::Capture { kind, .. } = event.kind else {
            continue;
        };
        match kind {
            CaptureKind::Message { beep, transcribe } => {
                message_recording(f, i, beep, noticed_before(i));
                if transcribe && !noticed_before(i) {
                    interception(
                        f,
                        i,
                        "`<Record transcribe=\"true\">` sends the message to transcription",
                    );
                }
            }
            kind if kind.is_recording() => {
                if noticed_before(i) {
                    continue;
                }
                if let Some(audio) = undeclared_audio_before(f, i) {
                    report_undeclared(f, audio, "a recording notice", "REC001");
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
                f.report(
                    &REC001,
                    Severity::Error,
                    event.node,
                    event.loc,
                    format!("{what} before the caller hears a recording notice"),
                )
                .help(NOTICE_HELP);
            }
            _ => {
                if !noticed_before(i) {
                    interception(f, i, interception_words(kind));
                }
            }
        }
    }
    dialed_parties(f);
    recording_already_running(f);
}

fn interception_words(kind: CaptureKind) -> &'static str {
    match kind {
        CaptureKind::Stream => "a media stream sends the call's audio out",
        CaptureKind::Siprec => "a SIPREC session sends the call's audio to a recorder",
        CaptureKind::Transcription => "real-time transcription starts",
        _ => "an AI session starts listening",
    }
}

/// REC004: real-time transcription, streaming and AI sessions are interception.
fn interception<D: Document>(f: &mut Findings<'_, '_, D>, index: usize, what: &str) {
    if !f.runs(&REC004) {
        return;
    }
    let flow = f.flow;
    if let Some(audio) = undeclared_audio_before(f, index) {
        report_undeclared(f, audio, "a notice of monitoring", "REC004");
        return;
    }
    let strict = f.policy.applies(Regime::Payments) || f.policy.applies(Regime::Healthcare);
    let event = &flow.events[index];
    f.report(
        &REC004,
        if strict { Severity::Error } else { Severity::Warning },
        event.node,
        event.loc,
        format!("{what} before the caller hears that the call may be recorded or monitored"),
    )
    .help("say first that the call may be recorded, transcribed and analysed, including by automated systems");
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
    let cued = flow.heard_before(index).any(|e| {
        gives(f, e, Disclosure::RecordingNotice, |t| {
            detect::voicemail_cue(t).is_some()
        })
    });
    if cued {
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
    f.report(&REC005, severity, event.node, event.loc, message)
        .help("say first `<Say>Please leave a message after the beep.</Say>`");
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
    let nouns = children.iter().filter(|e| {
        matches!(
            e.id,
            Some(
                ElementId::Number
                    | ElementId::Client
                    | ElementId::Sip
                    | ElementId::Application
                    | ElementId::WhatsApp
            )
        )
    });
    let announceable = children.iter().any(|e| {
        matches!(
            e.id,
            Some(
                ElementId::Number
                    | ElementId::Client
                    | ElementId::Sip
                    | ElementId::Application
                    | ElementId::WhatsApp
                    | ElementId::Conference
                    | ElementId::Queue
            )
        )
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
        if super::flow::text_attribute(doc, noun.node, "url").is_none() {
            let name = doc.name(noun.node).to_string();
            f.report(
                &REC002,
                Severity::Warning,
                noun.node,
                noun.loc,
                format!("the recorded call reaches this `<{name}>` with no whisper `url` to announce the recording"),
            )
            .help("add `url=\"...\"` with a document that says the call may be recorded; it plays to the dialed party before the call is bridged");
        }
    }
}

/// How many words may come before the notice when recording already runs: a short greeting,
/// about three seconds ("Thank you for calling Acme Widgets.").
const NOTICE_WITHIN_WORDS: usize = 8;

/// Whether the audible event opens with the recording notice (or is audio declared to hold it).
fn opens_with_notice<D: Document>(
    f: &Findings<'_, '_, D>,
    event: &super::flow::Event<'_, D::Node>,
) -> bool {
    match &event.kind {
        EventKind::Speech(speech) => {
            let text = speech.text();
            detect::recording_notice(text)
                .is_some_and(|m| super::flow::words(&text[..m.start]) <= NOTICE_WITHIN_WORDS)
        }
        EventKind::Audio { url } => f
            .policy
            .audio_says(url)
            .contains(&Disclosure::RecordingNotice),
        _ => false,
    }
}

/// REC003: when recording runs before the document, its first words must be the notice.
fn recording_already_running<D: Document>(f: &mut Findings<'_, '_, D>) {
    if !f.runs(&REC003) || f.policy.holds(Fact::RecordingDisclosed) {
        return;
    }
    let flow = f.flow;
    match flow.first_heard() {
        Some((_, event)) if opens_with_notice(f, event) => {}
        Some((_, event)) => {
            if is_undeclared_audio(f, event) {
                report_undeclared(f, event, "the recording notice", "REC003");
                return;
            }
            f.report(
                &REC003,
                Severity::Error,
                event.node,
                event.loc,
                "the call is already recorded, and the first thing the caller hears is not a recording notice",
            )
            .help(NOTICE_HELP);
        }
        None => {
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
            .help(NOTICE_HELP);
        }
    }
}
