//! One document of a flow: the ways it hands the call on (its exits), and the state of the
//! call at each, given the state the call arrives in.
//!
//! The exits come from the element table: every attribute (and `<Redirect>`'s text) that the
//! table marks with a [`Continuation`]. The state comes from what the caller hears and what
//! starts or stops before each exit, read by the rules' execution model and what the words of
//! each event say (`Flow::said`).

use std::fmt;

use crate::ParsedDocument;
use crate::parse::ByteSpan;
use crate::rules::Disclosure;
use crate::rules::Policy;
use crate::rules::flow::{CaptureKind, EventKind, Flow};
use crate::schema::{Continuation, ElementId, attr};
use crate::tree::{Content, Document, Part, Path, Tag};
use crate::values::GatherInput;

use super::menu::{self, Key};
use super::state::{CallState, Condition};

/// What takes the call through an exit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Via {
    /// The caller pressed this key in a `<Gather>` menu that names it.
    Digit(char),
    /// The caller keyed input into a `<Gather>` whose prompt names no key (an account
    /// number, a date).
    Digits,
    /// The caller pressed a key that the `<Gather>` menu does not name. It leads where a
    /// route's table sends anything else (its `default`), and is not drawn otherwise.
    OtherKeys,
    /// The caller spoke to a `<Gather>` that listens for speech.
    Speech,
    /// A `<Gather actionOnEmptyResult="true">` timed out without input.
    NoInput,
    /// A `<Redirect>`.
    Redirect,
    /// The verb finished: a `<Record>`, `<Dial>`, `<Pay>`, `<Refer>`, `<Enqueue>`,
    /// `<Connect>` or `<Sms>` requested its `action`.
    After(ElementId),
    /// The other party answered a `<Dial>` noun with a `url` (a whisper), or was dequeued.
    OtherParty,
    /// The call waits in a queue or conference (`waitUrl`).
    Waiting,
}

impl fmt::Display for Via {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Via::Digit(key) => write!(f, "digit {key}"),
            Via::Digits => f.write_str("digits"),
            Via::OtherKeys => f.write_str("other keys"),
            Via::Speech => f.write_str("speech"),
            Via::NoInput => f.write_str("no input"),
            Via::Redirect => f.write_str("redirect"),
            Via::After(id) => write!(f, "after `<{}>`", id.spec().name),
            Via::OtherParty => f.write_str("other party"),
            Via::Waiting => f.write_str("waiting"),
        }
    }
}

/// One way a document hands the call on to another document.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Exit {
    /// The element that hands the call on.
    pub element: ElementId,
    /// The URL as written; `None` where it is absent and Twilio requests the same document
    /// again.
    pub url: Option<String>,
    /// What takes the call there.
    pub via: Via,
    /// Where the URL is written: the attribute's value, `<Redirect>`'s text, or the element
    /// when the URL is absent.
    pub span: ByteSpan,
    /// The element's node, and one past the last node of its subtree.
    pub(crate) node: u32,
    pub(crate) end: u32,
    /// The exit is the input of a `<Gather>` whose prompt asks for card data.
    pub(crate) card_entry: bool,
    /// The key confirms that the caller is the person the call is for.
    pub(crate) confirms_identity: bool,
    /// How the call goes on: on the caller's leg, or on the other party's.
    pub(crate) continuation: Continuation,
}

impl Exit {
    /// The element that hands the call on, as a node of the parsed document
    /// ([`Document::Node`](crate::tree::Document::Node) of [`ParsedDocument`]).
    pub fn node(&self) -> u32 {
        self.node
    }
}

/// A parsed document read as one step of a call: the ways it hands the call on, and the
/// state of the call at each. A test harness that runs a call document by document (the
/// facade's `CallSimulator`) uses it to carry the state from one document to the next, as
/// [`check_flow`](super::check_flow) does over every path.
///
/// ```
/// use twiml_core::callflow::{CallState, Condition, FlowDocument, Via};
/// use twiml_core::{ParseOptions, Policy, parse};
///
/// let xml = r#"<Response><Say>This call may be recorded.</Say><Gather action="/menu"><Say>For sales, press 1.</Say></Gather></Response>"#;
/// let document = parse(xml, &ParseOptions::default()).map_err(|e| e.message)?;
/// let flow = FlowDocument::new(&document);
/// let sales = flow.exits().iter().find(|e| e.via == Via::Digit('1')).expect("the menu names 1");
/// let state = flow.state_after(sales, CallState::NEW, &Policy::new());
/// assert!(state.holds(Condition::RecordingDisclosed));
/// # Ok::<(), String>(())
/// ```
pub struct FlowDocument<'d, 's> {
    inner: DocumentFlow<'d, 's>,
}

impl<'d, 's> FlowDocument<'d, 's> {
    /// Reads `doc`.
    pub fn new(doc: &'d ParsedDocument<'s>) -> Self {
        FlowDocument {
            inner: DocumentFlow::new(doc),
        }
    }

    /// The exits of the verbs that run, in execution order.
    pub fn exits(&self) -> &[Exit] {
        &self.inner.exits
    }

    /// The state of a call that arrived in `entry` when it leaves through `exit` (one of
    /// [`FlowDocument::exits`]), under `policy`.
    pub fn state_after(&self, exit: &Exit, entry: CallState, policy: &Policy) -> CallState {
        self.inner.state_at(exit, entry, policy)
    }
}

/// A document read for its exits and for the state of the call along it.
pub(crate) struct DocumentFlow<'d, 's> {
    doc: &'d ParsedDocument<'s>,
    flow: Flow<'d, ParsedDocument<'s>>,
    pub(crate) exits: Vec<Exit>,
}

impl<'d, 's> DocumentFlow<'d, 's> {
    /// Reads `doc`.
    pub(crate) fn new(doc: &'d ParsedDocument<'s>) -> Self {
        let flow = Flow::new(doc);
        let mut reading = DocumentFlow {
            doc,
            flow,
            exits: Vec::new(),
        };
        reading.exits = reading.find_exits();
        reading
    }

    /// The exits of the verbs that run: those before the first verb that ends the document.
    fn find_exits(&self) -> Vec<Exit> {
        let doc = self.doc;
        let mut exits = Vec::new();
        for item in doc.children(doc.root()) {
            let Content::Element(verb) = item else {
                continue;
            };
            self.element_exits(verb, &mut exits);
            if matches!(doc.tag(verb), Tag::Known(id) if id.spec().terminal) {
                break;
            }
        }
        exits
    }

    /// The exits of `node` and of the elements inside it; returns one past its last node.
    fn element_exits(&self, node: u32, exits: &mut Vec<Exit>) -> u32 {
        let doc = self.doc;
        let first = exits.len();
        let mut end = node + 1;
        for item in doc.children(node) {
            if let Content::Element(child) = item {
                end = end.max(self.element_exits(child, exits));
            }
        }
        let Tag::Known(id) = doc.tag(node) else {
            return end;
        };
        let spec = id.spec();
        let mut own = Vec::new();
        if let Some(continuation) = spec.text.continuation {
            let url = text_of(doc, node);
            let span = doc.locate(node, &Path::new(), text_part(doc, node));
            self.push_exits(id, node, end, continuation, url, span, &mut own);
        }
        for attribute in spec.attributes {
            let Some(continuation) = attribute.continuation else {
                continue;
            };
            let url = doc
                .attributes(node)
                .find(|a| a.spec.is_some_and(|s| s.name == attribute.name))
                .and_then(|a| match a.value {
                    crate::tree::Value::Text(t) => Some(t.trim().to_string()),
                    _ => None,
                });
            let span = doc.locate(node, &Path::new(), Part::Attribute(attribute.name));
            self.push_exits(id, node, end, continuation, url, span, &mut own);
        }
        // An element's own exits come before those of the elements inside it: the `<Dial>`'s
        // `action` is listed before its `<Number url>`, as a reader expects.
        exits.splice(first..first, own);
        end
    }

    #[allow(clippy::too_many_arguments)]
    fn push_exits(
        &self,
        id: ElementId,
        node: u32,
        end: u32,
        continuation: Continuation,
        url: Option<String>,
        span: ByteSpan,
        exits: &mut Vec<Exit>,
    ) {
        let url = url.filter(|u| !u.is_empty());
        let exit = |via: Via, url: Option<String>| Exit {
            element: id,
            url,
            via,
            span,
            node,
            end,
            card_entry: false,
            confirms_identity: false,
            continuation,
        };
        match continuation {
            Continuation::Next {
                defaults_to_current,
            } => {
                if url.is_none() && !defaults_to_current {
                    return;
                }
                if id == ElementId::Gather {
                    self.gather_exits(node, end, url, exit, exits);
                } else if id.spec().terminal {
                    exits.push(exit(Via::Redirect, url));
                } else {
                    exits.push(exit(Via::After(id), url));
                }
            }
            Continuation::OtherParty => {
                if url.is_some() {
                    exits.push(exit(Via::OtherParty, url));
                }
            }
            Continuation::Wait => {
                if url.as_deref().is_some_and(|u| !is_audio(u)) {
                    exits.push(exit(Via::Waiting, url));
                }
            }
        }
    }

    /// A `<Gather>`'s exits: one per key its prompt names (or one for any keys), one for
    /// speech, and one for no input when `actionOnEmptyResult` is true.
    fn gather_exits(
        &self,
        node: u32,
        end: u32,
        url: Option<String>,
        exit: impl Fn(Via, Option<String>) -> Exit,
        exits: &mut Vec<Exit>,
    ) {
        let doc = self.doc;
        let input = doc.attribute(node, attr::INPUT);
        let speech = input.is_some_and(|v| v.holds(GatherInput::Speech));
        let dtmf = input.is_none_or(|v| v.holds(GatherInput::Dtmf) || !speech);
        let prompt = self.prompt(node, end);
        let card_entry = self
            .flow
            .events
            .iter()
            .zip(self.flow.said(&[]))
            .any(|(event, said)| said.card_request && (node..end).contains(&event.node));
        if dtmf {
            let keys = menu::keys(&prompt);
            if keys.is_empty() {
                exits.push(Exit {
                    card_entry,
                    ..exit(Via::Digits, url.clone())
                });
            }
            let named = !keys.is_empty();
            for Key {
                key,
                confirms_identity,
            } in keys
            {
                exits.push(Exit {
                    card_entry,
                    confirms_identity,
                    ..exit(Via::Digit(key), url.clone())
                });
            }
            if named {
                exits.push(Exit {
                    card_entry,
                    ..exit(Via::OtherKeys, url.clone())
                });
            }
        }
        if speech {
            exits.push(Exit {
                card_entry,
                ..exit(Via::Speech, url.clone())
            });
        }
        let on_empty = doc
            .attribute(node, attr::ACTION_ON_EMPTY_RESULT)
            .is_some_and(|v| v.as_bool() == Some(true));
        if on_empty {
            exits.push(exit(Via::NoInput, url));
        }
    }

    /// What the caller hears inside the element from `node` to `end`, as written.
    fn prompt(&self, node: u32, end: u32) -> String {
        let mut prompt = String::new();
        for event in &self.flow.events {
            if let EventKind::Speech(speech) = &event.kind
                && (node..end).contains(&event.node)
            {
                prompt.push_str(speech.raw());
                prompt.push_str(" \n");
            }
        }
        prompt
    }

    /// The state at each exit, for a call that arrives in `entry`, under `policy`.
    pub(crate) fn exit_states(&self, entry: CallState, policy: &Policy) -> Vec<CallState> {
        self.exits
            .iter()
            .map(|exit| self.state_at(exit, entry, policy))
            .collect()
    }

    /// The state when the call leaves through `exit`.
    fn state_at(&self, exit: &Exit, entry: CallState, policy: &Policy) -> CallState {
        if exit.continuation == Continuation::OtherParty {
            // Another leg: its party has heard nothing of this call.
            return CallState::from_policy(policy);
        }
        let doc = self.doc;
        let mut state = entry.without(Condition::PaymentInProgress);
        let mut inherited = entry.holds(Condition::RecordingStarted);
        let mut running: Vec<Option<&str>> = Vec::new();
        let said = self.flow.said(policy.business_names());
        let (mut attempt, mut information) = (false, false);
        for (event, said) in self
            .flow
            .events
            .iter()
            .zip(said)
            .filter(|(e, _)| e.node < exit.end)
        {
            if said.recording_notice {
                state = state.with(Condition::RecordingDisclosed);
            }
            if said.business_named {
                state = state.with(Condition::BusinessIdentified);
            }
            attempt |= said.attempt_to_collect;
            information |= said.information_use;
            if attempt && information {
                state = state.with(Condition::MiniMirandaGiven);
            }
            match &event.kind {
                EventKind::Audio { url } => {
                    for said in policy.audio_says(url) {
                        let condition = match said {
                            Disclosure::RecordingNotice => Condition::RecordingDisclosed,
                            Disclosure::BusinessIdentity => Condition::BusinessIdentified,
                            Disclosure::MiniMiranda => Condition::MiniMirandaGiven,
                            _ => continue,
                        };
                        state = state.with(condition);
                    }
                }
                EventKind::Capture {
                    kind: CaptureKind::Recording | CaptureKind::Siprec,
                    name,
                } => running.push(*name),
                EventKind::Stop { name } => {
                    let stops_recording = matches!(
                        doc.tag(event.node),
                        Tag::Known(ElementId::Recording | ElementId::Siprec)
                    );
                    if stops_recording {
                        match running.iter().position(|n| *n == Some(*name)) {
                            Some(i) => {
                                running.remove(i);
                            }
                            // The recording this `<Stop>` names started in an earlier
                            // document.
                            None => inherited = false,
                        }
                    }
                }
                _ => {}
            }
        }
        state = state.set(
            Condition::RecordingStarted,
            inherited || !running.is_empty(),
        );
        if exit.confirms_identity {
            state = state.with(Condition::RightPartyVerified);
        }
        let keyed = matches!(
            exit.via,
            Via::Digit(_) | Via::Digits | Via::OtherKeys | Via::Speech
        );
        state.set(Condition::PaymentInProgress, exit.card_entry && keyed)
    }
}

/// The text of an element, trimmed; `None` when there is none.
fn text_of(doc: &ParsedDocument<'_>, node: u32) -> Option<String> {
    let text: String = doc
        .children(node)
        .filter_map(|c| match c {
            Content::Text(t) => Some(t),
            _ => None,
        })
        .collect();
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// Where an element's text is (its first piece of text), or the element itself.
fn text_part(doc: &ParsedDocument<'_>, node: u32) -> Part<'static> {
    doc.children(node)
        .position(|c| matches!(c, Content::Text(t) if !t.trim().is_empty()))
        .map_or(Part::Element, Part::Content)
}

/// Whether a wait URL names an audio file rather than a TwiML document.
fn is_audio(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
    ["mp3", "wav", "aiff", "aif", "gsm", "ulaw", "ogg"]
        .iter()
        .any(|audio| extension.eq_ignore_ascii_case(audio))
}
