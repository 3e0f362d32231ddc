//! A document as Twilio executes it: the events a caller hears, what is captured and when,
//! where input is taken, and what ends the document.
//!
//! Verbs run top to bottom. A `<Gather>` plays its `<Say>`, `<Play>` and `<Pause>` before it
//! takes input; a `<Pay>` speaks its `<Prompt>`s step by step; `<Start>` begins a capture that
//! keeps running while later verbs execute, until a `<Stop>` ends it by name; a `<Dial>`
//! records only while its call is bridged; a ConversationRelay speaks its `welcomeGreeting`
//! when the session starts. Text is read as the caller hears it: an SSML `<sub>` is its alias,
//! a `<break>` is silence.

use std::borrow::Cow;
use std::cell::{Cell, OnceCell};

use crate::grammar::trim;
use crate::model::ModelDocument;
use crate::model::values::{
    BreakStrength, ConferenceRecord, ConversationRecord, DialRecord, InterpretAs,
};
use crate::schema::{Attr, ElementId, attr};
use crate::tree::{Content, Document, Part, Path, Tag, Value};

use super::detect;
use super::text::{Builder, CardAsk, Spare, Transcript};

/// The most bytes of buffers a flow hands back for the next (see [`Flow::take_kept`]): a
/// transcript larger than this is an exception, and its buffers are freed.
const KEPT_UP_TO: usize = 256 * 1024;

/// What a flow hands to the next one made on the same thread (see [`Flow::unwalked`]): the
/// allocations of its lists of events and elements, emptied, and the buffers of its
/// transcript. Responses are built one after another on the same threads, and allocating
/// and freeing the two lists cost a few hundred instructions, a few percent of a small
/// response's build (183 of W2's 14,105 when measured).
#[derive(Debug, Default)]
pub(crate) struct Kept {
    /// Lists of a built response's flow: its nodes are those of the typed model.
    events: Vec<Event<'static, BuiltNode>>,
    elements: Vec<Element<'static, BuiltNode>>,
    text: Option<Box<Spare>>,
}

/// A node of a built response.
type BuiltNode = <ModelDocument<'static> as Document>::Node;

impl Kept {
    /// `self`, holding buffers for a transcript to be made in and kept.
    pub(crate) fn keeping_text(mut self) -> Self {
        self.text.get_or_insert_default();
        self
    }

    /// Tests only: how many events and elements the kept lists hold room for.
    #[cfg(test)]
    pub(crate) fn room(&self) -> (usize, usize) {
        (self.events.capacity(), self.elements.capacity())
    }
}

/// An empty vector in the allocation of `v`, which is emptied: the standard library collects
/// a vector's iterator, mapped or filtered, into the vector's own allocation when an item of
/// `U` fits in the room of one of `T` (as when the two differ only in lifetimes). Otherwise an
/// empty vector, with `v`'s allocation freed. Without `unsafe`, this is how a list of one
/// build's lifetime becomes a list of the next's.
fn reuse<T, U>(mut v: Vec<T>) -> Vec<U> {
    v.clear();
    v.into_iter().filter_map(|_| None).collect()
}

/// `v` emptied and kept for the next flow, unless it holds room for more than this many
/// items. Keeping saves a small response's flow two allocations, a large part of its cost,
/// and a large one's next to nothing; kept lists of a large response would stay where the
/// next response's text grows as it is written, which then copies it as it moves (measured
/// on W4: 2% more instructions with lists of 512 items kept).
fn keep<T, U>(v: Vec<T>) -> Vec<U> {
    const ITEMS_UP_TO: usize = 64;
    if v.capacity() > ITEMS_UP_TO {
        return Vec::new();
    }
    reuse(v)
}

/// A conservative text-to-speech rate (catalog §1.3): 2.5 words a second, about 150 a minute.
pub(crate) const WORDS_PER_SECOND: f32 = 2.5;

/// Where an element is: an index into the flow's location table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Loc(u32);

/// Words the caller hears (or reads, for a message), with the silences inside them.
#[derive(Debug)]
pub(crate) struct Speech<'d> {
    raw: Cow<'d, str>,
    /// How many times it is spoken (`loop`; 0 means until the call ends, counted once here).
    pub(crate) repeats: u32,
    /// The element holding the text item (as in [`Piece::element`]) and the item's position
    /// among its content, when the raw text is that item whole (the common `<Say>`, a message
    /// of one `<Body>`): one piece, kept without a list.
    whole: Option<(u32, usize)>,
    /// The attribute that holds the text (an AI agent's `welcomeGreeting`), if one does.
    pub(crate) attribute: Option<Attr>,
    /// What SSML and text of several pieces add, when there is any: most speech is one text
    /// item without it, and its event stays small.
    marks: Option<Box<Marks>>,
}

/// What the SSML inside a speech, or its pieces, add to its raw text.
#[derive(Debug, Default)]
struct Marks {
    /// The `<break>`s inside the text: the byte offset of each in the raw text, and its
    /// seconds.
    silences: Vec<(usize, f32)>,
    /// The text of each `<say-as interpret-as="telephone">`: a number, however it is written.
    telephones: Vec<String>,
    /// Byte offsets of the raw text where a sentence ends whatever the punctuation: SSML
    /// `<s>` and `<p>` edges and `<break>`s.
    bounds: Vec<usize>,
    /// Where the runs of the raw text come from, to point at words; empty when the raw text
    /// is one text item of the document, whole (see `whole`).
    pieces: Vec<Piece>,
}

/// A run of a speech's raw text that is one text item of the document.
#[derive(Debug, Clone)]
pub(crate) struct Piece {
    /// Its bytes in the speech's raw text.
    pub(crate) raw: std::ops::Range<usize>,
    /// The element holding the text: 0 for the speaking element, `k` for the `k`th element
    /// inside it in document order.
    pub(crate) element: u32,
    /// The text's position among the element's content.
    pub(crate) item: usize,
}

impl<'d> Speech<'d> {
    fn new(raw: Cow<'d, str>, repeats: u32) -> Self {
        Speech {
            raw,
            repeats,
            whole: None,
            attribute: None,
            marks: None,
        }
    }

    /// The marks, made on first use.
    fn marks(&mut self) -> &mut Marks {
        self.marks.get_or_insert_with(Box::default)
    }

    /// The `<break>`s inside the text: the byte offset of each in the raw text, and its
    /// seconds.
    pub(crate) fn silences(&self) -> &[(usize, f32)] {
        self.marks.as_ref().map_or(&[], |m| &m.silences)
    }

    /// The text of each `<say-as interpret-as="telephone">`: a number, however it is written.
    pub(crate) fn telephones(&self) -> &[String] {
        self.marks.as_ref().map_or(&[], |m| &m.telephones)
    }

    /// Byte offsets of the raw text where a sentence ends whatever the punctuation: SSML
    /// `<s>` and `<p>` edges and `<break>`s.
    pub(crate) fn bounds(&self) -> &[usize] {
        self.marks.as_ref().map_or(&[], |m| &m.bounds)
    }

    /// Where words `raw` of the text are in the document: the element (as an offset from the
    /// speaking element's location) and the part, when they lie in one text item.
    pub(crate) fn source_of(&self, raw: std::ops::Range<usize>) -> Option<(u32, Part<'static>)> {
        if let Some((element, item)) = self.whole {
            return (raw.end <= self.raw.len()).then_some((
                element,
                Part::Words {
                    item,
                    start: raw.start,
                    end: raw.end,
                },
            ));
        }
        let piece = self
            .marks
            .as_ref()?
            .pieces
            .iter()
            .find(|p| p.raw.start <= raw.start && raw.end <= p.raw.end)?;
        Some((
            piece.element,
            Part::Words {
                item: piece.item,
                start: raw.start - piece.raw.start,
                end: raw.end - piece.raw.start,
            },
        ))
    }

    /// The text as written.
    pub(crate) fn raw(&self) -> &str {
        &self.raw
    }
}

/// What the words of one event say (see [`Flow::said`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Said {
    /// A recording notice: the call may be recorded or monitored.
    pub(crate) recording_notice: bool,
    /// One of the business's names.
    pub(crate) business_named: bool,
    /// The first half of the mini-Miranda: an attempt to collect a debt.
    pub(crate) attempt_to_collect: bool,
    /// The second half of the mini-Miranda: information obtained will be used for that
    /// purpose.
    pub(crate) information_use: bool,
    /// A request for payment card data ("enter your card number"); last-four checks and
    /// bank data are not.
    pub(crate) card_request: bool,
}

/// What a capture takes, and how long it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CaptureKind {
    /// A call recording that runs until stopped: `<Start><Recording>`.
    Recording,
    /// A recording of a bridged call (`<Dial record>`), over when the `<Dial>` ends.
    DialRecording {
        /// Starts at ringing (`record-from-ringing*`), before the dialed party answers.
        from_ringing: bool,
    },
    /// A conference recording, over when the caller leaves the conference.
    ConferenceRecording,
    /// A recording of a Conversations call (`<Connect><Conversation record>`).
    ConversationRecording,
    /// A message recorded with `<Record>`.
    Message {
        /// `playBeep` is not `false`.
        beep: bool,
        /// `transcribe="true"`.
        transcribe: bool,
    },
    /// Audio forked to a WebSocket (`<Start><Stream>`, `<Connect><Stream>`).
    Stream,
    /// Audio forked to a SIPREC recorder.
    Siprec,
    /// Real-time transcription.
    Transcription,
    /// An AI or virtual agent session (ConversationRelay, VirtualAgent, AiSession, ...).
    AiSession,
}

impl CaptureKind {
    /// Whether the capture keeps running after its verb, until a `<Stop>` or the end of the
    /// call (everything started with `<Start>`).
    pub(crate) fn persists(self) -> bool {
        matches!(
            self,
            CaptureKind::Recording
                | CaptureKind::Stream
                | CaptureKind::Siprec
                | CaptureKind::Transcription
        )
    }

    /// Whether it is a recording rather than real-time interception.
    pub(crate) fn is_recording(self) -> bool {
        matches!(
            self,
            CaptureKind::Recording
                | CaptureKind::DialRecording { .. }
                | CaptureKind::ConferenceRecording
                | CaptureKind::ConversationRecording
        )
    }
}

/// The kinds of the events of a flow, as a bit set, kept as events are pushed: a rule that
/// looks for one kind asks it before it walks the events, and a document without that kind
/// costs it one test.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Kinds(u32);

impl Kinds {
    pub(crate) const SPEECH: Kinds = Kinds(1 << 0);
    pub(crate) const AUDIO: Kinds = Kinds(1 << 1);
    pub(crate) const PAUSE: Kinds = Kinds(1 << 2);
    pub(crate) const STOP: Kinds = Kinds(1 << 3);
    pub(crate) const GATHER: Kinds = Kinds(1 << 4);
    pub(crate) const INPUT: Kinds = Kinds(1 << 5);
    pub(crate) const PAY: Kinds = Kinds(1 << 6);
    pub(crate) const DIAL: Kinds = Kinds(1 << 7);
    pub(crate) const MESSAGE: Kinds = Kinds(1 << 8);
    pub(crate) const END: Kinds = Kinds(1 << 9);
    /// A speech that is the greeting of an AI session.
    pub(crate) const GREETING: Kinds = Kinds(1 << 10);
    /// A capture of each kind.
    pub(crate) const RECORDING: Kinds = Kinds(1 << 11);
    pub(crate) const DIAL_RECORDING: Kinds = Kinds(1 << 12);
    pub(crate) const CONFERENCE_RECORDING: Kinds = Kinds(1 << 13);
    pub(crate) const CONVERSATION_RECORDING: Kinds = Kinds(1 << 14);
    pub(crate) const MESSAGE_RECORDING: Kinds = Kinds(1 << 15);
    pub(crate) const STREAM: Kinds = Kinds(1 << 16);
    pub(crate) const SIPREC: Kinds = Kinds(1 << 17);
    pub(crate) const TRANSCRIPTION: Kinds = Kinds(1 << 18);
    pub(crate) const AI_SESSION: Kinds = Kinds(1 << 19);
    /// A capture of any kind.
    pub(crate) const CAPTURE: Kinds = Kinds(
        Kinds::RECORDING.0
            | Kinds::DIAL_RECORDING.0
            | Kinds::CONFERENCE_RECORDING.0
            | Kinds::CONVERSATION_RECORDING.0
            | Kinds::MESSAGE_RECORDING.0
            | Kinds::STREAM.0
            | Kinds::SIPREC.0
            | Kinds::TRANSCRIPTION.0
            | Kinds::AI_SESSION.0,
    );

    /// The kind of `event`.
    pub(crate) fn of(event: &EventKind<'_>) -> Kinds {
        match event {
            EventKind::Speech(_) => Kinds::SPEECH,
            EventKind::Audio { .. } => Kinds::AUDIO,
            EventKind::Pause(_) => Kinds::PAUSE,
            EventKind::Capture { kind, .. } => match kind {
                CaptureKind::Recording => Kinds::RECORDING,
                CaptureKind::DialRecording { .. } => Kinds::DIAL_RECORDING,
                CaptureKind::ConferenceRecording => Kinds::CONFERENCE_RECORDING,
                CaptureKind::ConversationRecording => Kinds::CONVERSATION_RECORDING,
                CaptureKind::Message { .. } => Kinds::MESSAGE_RECORDING,
                CaptureKind::Stream => Kinds::STREAM,
                CaptureKind::Siprec => Kinds::SIPREC,
                CaptureKind::Transcription => Kinds::TRANSCRIPTION,
                CaptureKind::AiSession => Kinds::AI_SESSION,
            },
            EventKind::Stop { .. } => Kinds::STOP,
            EventKind::Gather { .. } => Kinds::GATHER,
            EventKind::Input => Kinds::INPUT,
            EventKind::Pay => Kinds::PAY,
            EventKind::Dial => Kinds::DIAL,
            EventKind::Message(_) => Kinds::MESSAGE,
            EventKind::End => Kinds::END,
        }
    }
}

impl std::ops::BitOr for Kinds {
    type Output = Kinds;
    fn bitor(self, other: Kinds) -> Kinds {
        Kinds(self.0 | other.0)
    }
}

/// One step of the execution, in order.
#[derive(Debug)]
pub(crate) enum EventKind<'d> {
    /// Words spoken to the caller.
    Speech(Speech<'d>),
    /// An audio file played (opaque unless declared).
    Audio {
        /// The audio URL.
        url: &'d str,
    },
    /// Silence, in seconds.
    Pause(f32),
    /// A capture begins.
    Capture {
        /// What is captured.
        kind: CaptureKind,
        /// The name a `<Stop>` can end it by.
        name: Option<&'d str>,
    },
    /// A named capture ends.
    Stop {
        /// The name given to `<Stop>`'s noun.
        name: &'d str,
    },
    /// A `<Gather>` begins: its children play next, then it takes input.
    Gather {
        /// `numDigits`, when given.
        num_digits: Option<u64>,
    },
    /// The `<Gather>` takes input (after its children played).
    Input,
    /// A `<Pay>` begins; its prompts follow.
    Pay,
    /// A `<Dial>` bridges the call to its nouns (after its own recording starts, if any).
    Dial,
    /// A message is sent (`<Message>`, `<Sms>`).
    Message(Speech<'d>),
    /// The document ends here (`<Hangup>`, `<Reject>`, `<Redirect>`).
    End,
}

/// An event with the element it comes from.
#[derive(Debug)]
pub(crate) struct Event<'d, N> {
    pub(crate) kind: EventKind<'d>,
    pub(crate) node: N,
    pub(crate) loc: Loc,
    /// The index of the `Gather` event this event plays inside, if any.
    pub(crate) gather: Option<usize>,
    /// Whether it is spoken inside a `<Pay>` (a prompt).
    pub(crate) in_pay: bool,
    /// Whether it is the greeting of an AI session.
    pub(crate) greeting: bool,
}

/// An element of the document, in document order: its location is its index.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Element<'d, N> {
    pub(crate) node: N,
    pub(crate) id: Option<ElementId>,
    pub(crate) loc: Loc,
    parent: Option<u32>,
    name: &'d str,
    position: u32,
    /// One past the last location in the element's subtree (locations are made in document
    /// order, so a subtree is a run of them).
    end: u32,
}

/// A comment of the document, with the element it sits in and its position there.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Comment<'d, N> {
    pub(crate) text: &'d str,
    pub(crate) node: N,
    pub(crate) loc: Loc,
    pub(crate) position: usize,
}

/// What a document holds: which of the table's elements occur, gathered while its flow is
/// read (the one walk over its elements that the rules share), and whether any element has an
/// attribute, found the first time a rule asks (see [`Flow::has_attributes`]). Before a small
/// built response's flow is made, the same is read from the document alone, with whether it
/// holds a comment, three digits or a plain-HTTP URL, and whether its words may be read joined
/// from several items ([`Summary::of_document`]), to learn whether any rule may find something
/// in it.
///
/// A rule family asks it before walking the document for something it looks for, and skips
/// the walk, or the part of it, that cannot find anything: a `<Pay>` rule on a document
/// without `<Pay>`, the attribute values of a document without attributes. Each answer errs
/// towards "present" (an element counts by its tag, an attribute whatever its value), so a
/// skip is never taken on a document that holds what a walk looks for. A test runs every rule
/// under every regime and fact, and every policy of the project, over the corpora and drawn
/// documents with the summary read as it is and with it read as "everything present", and
/// compares the findings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Summary {
    /// The table's elements among [`Flow::elements`] (or the document's), as a bit set by
    /// [`ElementId`].
    known: u128,
    /// Whether the document holds a comment (which may hold an override); read only by
    /// [`Summary::of_document`].
    comments: bool,
    /// Whether an element has an attribute (of the table or custom): read by
    /// [`Summary::of_document`], or once a rule asks ([`Flow::has_attributes`]).
    attributes: Cell<Option<bool>>,
    /// Whether a text item holds three ASCII digits or more, a text value may hold card data
    /// ([`Read::value`]), or content is given at run time; read only by
    /// [`Summary::of_document`].
    digits: Cell<Option<bool>>,
    /// Whether the text items and text values hold three ASCII digits or more between them:
    /// what words read joined from several items may hold ([`Summary::has_digits`]).
    digits_between: Option<bool>,
    /// Whether a text item or text value is a plain-HTTP URL, or content is given at run
    /// time; read only by [`Summary::of_document`].
    plain_http: Option<bool>,
    /// Whether the words of an element may be read joined from several text items, where a
    /// first look at each item alone may miss them: two text items in a row, an element
    /// outside the table, run-time content. Read only by [`Summary::of_document`];
    /// [`Summary::words_may_join`] adds the elements whose reading joins their items.
    words_may_join: Option<bool>,
}

const _: () = assert!(ElementId::ALL.len() <= 128);

impl Summary {
    /// The summary of a document that holds everything: no walk is skipped.
    #[cfg(test)]
    pub(crate) fn everything() -> Summary {
        Summary {
            known: u128::MAX,
            comments: true,
            attributes: Cell::new(Some(true)),
            digits: Cell::new(Some(true)),
            digits_between: Some(true),
            plain_http: Some(true),
            words_may_join: Some(true),
        }
    }

    /// The summary of `doc` read from the document alone, in one walk over its elements: its
    /// elements of the table, whether it holds a comment, whether an element has an attribute,
    /// and what its text items and values hold (digits, plain-HTTP URLs, whether words may be
    /// read joined), all of it read.
    #[cfg(test)]
    pub(crate) fn of_document<D: Document>(doc: &D) -> Summary {
        let mut read = Read {
            exact: true,
            ..Read::default()
        };
        read.element(doc, doc.root());
        read.summary()
    }

    /// The summary the build step notes as its table checks walk `doc`, a built response
    /// (`check::check_built`), read in a walk of its own: the texts and values are read until
    /// an element settles it, and its URLs are what its writing found. Tests compare the two.
    #[cfg(test)]
    pub(crate) fn of_built(doc: &ModelDocument<'_>) -> Summary {
        let mut read = Read::default();
        read.element(doc, doc.root());
        read.built_summary(doc)
    }

    /// Whether the table's element `id` occurs.
    pub(crate) fn has(&self, id: ElementId) -> bool {
        self.known & 1 << (id as u32) != 0
    }

    /// Whether one of the elements of `set` (a bit set by [`ElementId`]) occurs.
    pub(crate) fn holds_one_of(&self, set: u128) -> bool {
        self.known & set != 0
    }

    /// Whether the document holds a comment.
    pub(crate) fn has_comments(&self) -> bool {
        self.comments
    }

    /// Whether an element of the document summarised by [`Summary::of_document`] has an
    /// attribute (yes when not read).
    pub(crate) fn has_attributes(&self) -> bool {
        self.attributes.get().unwrap_or(true)
    }

    /// Whether the words or values the rules read in the document summarised by
    /// [`Summary::of_document`] may hold card data (yes when not read): a text item holds
    /// three ASCII digits, a text value passes PCI005's first look ([`Read::value`]), or,
    /// where words may be read joined from several items ([`Summary::words_may_join`]), they
    /// hold three digits between them.
    pub(crate) fn has_digits(&self) -> bool {
        self.digits.get().unwrap_or(true)
            || self.digits_between.unwrap_or(true)
                && (self.words_may_join() || self.holds_one_of(MESSAGES))
    }

    /// The summary of a built response whose writing found a plain-HTTP URL or not: it notes
    /// every text item but words, and every value that is not a keyword, a number or a flag,
    /// which is where the rules look for URLs.
    pub(crate) fn written(mut self, plain_http: bool) -> Summary {
        self.plain_http = Some(plain_http);
        self
    }

    /// Whether a text item or text value of the document summarised by
    /// [`Summary::of_document`] is a plain-HTTP URL (yes when not read).
    pub(crate) fn may_hold_plain_http(&self) -> bool {
        self.plain_http.unwrap_or(true)
    }

    /// Whether the rules may read the words of some element of the document summarised by
    /// [`Summary::of_document`] joined from several text items (yes when not read): then a
    /// first look at each text item alone does not tell what its words hold. Speech with SSML
    /// is read so ([`JOINS_ITEMS`]); a message is looked at as a whole where it is one text
    /// (see `rules::first_looks_pass`), and the rules count the digits of its texts together.
    pub(crate) fn words_may_join(&self) -> bool {
        self.words_may_join.unwrap_or(true) || self.holds_one_of(*JOINS_ITEMS)
    }
}

/// The elements whose words the rules read joined from the text items of their content and
/// the elements inside it: the SSML elements inside `<Say>`.
static JOINS_ITEMS: std::sync::LazyLock<u128> = std::sync::LazyLock::new(|| {
    ElementId::ALL
        .iter()
        .filter(|id| matches!(id.spec().kind, crate::schema::ElementKind::Ssml))
        .fold(0, |set, id| set | 1 << (*id as u32))
});

/// The messages, whose texts (in them and in their `<Body>`) the rules read together.
const MESSAGES: u128 = 1 << ElementId::Message as u32 | 1 << ElementId::Sms as u32;

/// What a summary of a whole document gathers, element by element: what
/// [`Summary::of_document`] reads in its own walk, and what the build step's walk of the
/// table's checks notes as it goes (`check::check_built`), so that a response being built is
/// not walked twice. It is told of each element (its tag) before the items of its content and
/// the elements inside it, in document order.
#[derive(Default)]
pub(crate) struct Read {
    known: u128,
    comments: bool,
    attributes: bool,
    /// Whether a text item holds three ASCII digits or more, or a text value may hold card
    /// data ([`Read::value`]).
    digits: bool,
    /// The ASCII digits of the text items and text values so far, counted up to three.
    digits_between: u8,
    plain_http: bool,
    words_may_join: bool,
    /// Whether the last thing noted was a text item.
    after_text: bool,
    /// Whether an element was noted that makes the flow whatever the rest holds
    /// ([`FLOW_MADE_FOR`](super::FLOW_MADE_FOR)): then no text or value is read any more,
    /// and the summary answers "yes" for what they would have told.
    settled: bool,
    /// Whether to read every text and value all the same, for the exact summary of
    /// [`Summary::of_document`].
    exact: bool,
}

impl Read {
    /// Notes an element's tag.
    pub(crate) fn tag(&mut self, tag: &Tag<'_>) {
        match tag {
            Tag::Known(id) => {
                let bit = 1 << (*id as u32);
                self.known |= bit;
                self.settled |= super::FLOW_MADE_FOR & bit != 0 && !self.exact;
            }
            // The rules read the words of an element outside the table inside speech as
            // they stand, joined with the text around it.
            Tag::Custom(_) | Tag::Unknown(_) => self.words_may_join = true,
        }
        self.after_text = false;
    }

    /// Notes an attribute (of the table or custom) and its value.
    #[inline]
    pub(crate) fn attribute(&mut self, value: &Value<'_>) {
        self.attributes = true;
        match value {
            Value::Text(text) => self.value(text),
            // A value given at run time may hold anything.
            Value::Runtime => self.runtime(),
            // A number, a flag or a keyword of the table is written as it is, not escaped:
            // the rules look for card data and URLs in one only where the writing found them
            // in a text or an escaped value.
            Value::Integer(_)
            | Value::Integers(_)
            | Value::Boolean(_)
            | Value::Keyword(_)
            | Value::Keywords(_) => {}
        }
    }

    /// Notes an item of an element's content (its child elements are noted when they are
    /// walked).
    pub(crate) fn content<N>(&mut self, item: &Content<'_, N>) {
        match item {
            Content::Element(_) => {}
            Content::Text(text) => {
                // Two text items in a row may be one element's, which the rules read joined.
                self.words_may_join |= self.after_text;
                self.text(text);
                self.after_text = true;
            }
            Content::Comment(_) => self.comments = true,
            Content::Runtime => self.runtime(),
        }
    }

    /// Notes a text item or a text value: its digits, until three are counted, and whether
    /// it is a plain-HTTP URL, until one is found.
    fn text(&mut self, text: &str) {
        if self.settled {
            return;
        }
        // Most text items and values hold no digit: one test of each eight bytes says so.
        if !self.digits && holds_digit(text) {
            let n = detect::digits_up_to(text, 3);
            self.digits = n >= 3;
            self.digits_between = self.digits_between.saturating_add(n as u8).min(3);
        }
        // A built response's writing tells it ([`Summary::written`]).
        if self.exact && !self.plain_http {
            self.plain_http = detect::is_plain_http(text);
        }
    }

    /// Notes a text value: as a text item, but the rules read a value's digits alone, for
    /// card data only (PCI005): they count when the value passes the rule's first look
    /// (`payment::may_hold_card_data`), as a price's or a telephone number's do not.
    fn value(&mut self, text: &str) {
        if self.settled {
            return;
        }
        // Most values hold no digit: one test of each eight bytes says so.
        if !self.digits && holds_digit(text) {
            self.value_digits(text);
        }
        if self.exact && !self.plain_http {
            self.plain_http = detect::is_plain_http(text);
        }
    }

    /// Notes the digits of a text value that holds one ([`Read::value`]).
    #[inline(never)]
    fn value_digits(&mut self, text: &str) {
        let n = detect::digits_up_to(text, detect::PAN_MIN_DIGITS);
        self.digits = n >= 3 && super::payment::may_hold_card_data(text, n);
        self.digits_between = self.digits_between.saturating_add(n.min(3) as u8).min(3);
    }

    /// Notes content or a value given at run time, which may hold anything.
    fn runtime(&mut self) {
        self.digits = true;
        self.plain_http = true;
        self.words_may_join = true;
    }

    /// The summary of what was noted of `doc`, a built response, whose writing tells whether
    /// it holds a plain-HTTP URL ([`Summary::written`]).
    pub(crate) fn built_summary(self, doc: &ModelDocument<'_>) -> Summary {
        self.summary().written(doc.may_hold_plain_http())
    }

    /// The summary of what was noted.
    pub(crate) fn summary(self) -> Summary {
        // What the texts and values would have told is not known once settled.
        let read = |fact: bool| (!self.settled).then_some(fact);
        Summary {
            known: self.known,
            comments: self.comments,
            attributes: Cell::new(Some(self.attributes)),
            digits: Cell::new(read(self.digits)),
            digits_between: read(self.digits || self.digits_between >= 3),
            plain_http: self.exact.then_some(self.plain_http),
            words_may_join: read(self.words_may_join),
        }
    }

    /// Notes element `node` and the elements inside it, in one pass over each element's
    /// attributes and content.
    #[cfg(test)]
    fn element<D: Document>(&mut self, doc: &D, node: D::Node) {
        self.tag(&doc.tag(node));
        if doc.has_attributes(node) {
            for a in doc.attributes(node) {
                self.attribute(&a.value);
            }
        }
        for item in doc.children(node) {
            if let Content::Element(child) = item {
                self.element(doc, child);
            } else {
                self.content(&item);
            }
        }
    }
}

/// Whether `text` holds an ASCII digit, read eight bytes at a time.
fn holds_digit(text: &str) -> bool {
    use crate::swar::{digits, padded, word};
    let bytes = text.as_bytes();
    if bytes.len() <= 8 {
        return digits(padded(bytes)) != 0;
    }
    // The words, then the last eight bytes (which the words may have read in part).
    bytes.chunks_exact(8).any(|eight| digits(word(eight)) != 0)
        || bytes
            .last_chunk::<8>()
            .is_some_and(|last| digits(u64::from_le_bytes(*last)) != 0)
}

#[cfg(test)]
thread_local! {
    /// Tests only: flows made on this thread read every document as holding everything, the
    /// reference the summary's skips are compared with.
    pub(crate) static SUMMARY_OFF: Cell<bool> = const { Cell::new(false) };
}

/// A document as Twilio executes it.
pub(crate) struct Flow<'d, D: Document> {
    pub(crate) doc: &'d D,
    pub(crate) events: Vec<Event<'d, D::Node>>,
    pub(crate) elements: Vec<Element<'d, D::Node>>,
    pub(crate) comments: Vec<Comment<'d, D::Node>>,
    /// What the document holds, for the rules that skip a walk when what they look for is
    /// absent.
    pub(crate) summary: Summary,
    /// The kinds of its events.
    kinds: Kinds,
    /// What run-time content (a `twiml!` interpolation) is read as: nothing, or, to decide
    /// which findings hold whatever it says, every disclosure at once.
    runtime_text: &'d str,
    /// Everything heard or read, made once on first use.
    transcript: OnceCell<Transcript>,
    /// The buffers the transcript is made in, when they are kept from one flow to the next.
    spare: Cell<Option<Box<Spare>>>,
}

impl<'d, D: Document> Flow<'d, D> {
    /// Reads `doc` into its execution order.
    pub(crate) fn new(doc: &'d D) -> Self {
        Flow::reading_runtime_as(doc, "")
    }

    /// Reads `doc` into its execution order, with its run-time content read as `runtime_text`.
    pub(crate) fn reading_runtime_as(doc: &'d D, runtime_text: &'d str) -> Self {
        Flow::reading(doc, runtime_text, Kept::default())
    }

    /// The flow's lists, emptied, and the buffers its transcript was made in when it was
    /// given some (see [`Flow::unwalked`]), for the next flow; those grown past
    /// [`KEPT_UP_TO`] bytes or `keep`'s count of items are freed.
    pub(crate) fn take_kept(&mut self) -> Kept {
        let mut text = self.spare.take();
        if let Some(spare) = &mut text
            && self.transcript.get().is_some()
            && let Some(transcript) = self.transcript.take()
        {
            spare.keep(transcript, KEPT_UP_TO);
        }
        Kept {
            events: keep(std::mem::take(&mut self.events)),
            elements: keep(std::mem::take(&mut self.elements)),
            text,
        }
    }

    fn reading(doc: &'d D, runtime_text: &'d str, kept: Kept) -> Self {
        let mut flow = Flow::unwalked(doc, runtime_text, kept);
        flow.walk();
        flow
    }

    /// A flow of `doc` that has read nothing yet, to be read with [`Flow::walk`], in the lists
    /// of `kept` (the previous flow's, from [`Flow::take_kept`]); its transcript, if the rules
    /// ask for it, is made in the buffers `kept` holds. Made where the caller keeps it, then
    /// walked there: a flow is a few hundred bytes, which a return after the walk copies.
    #[inline(always)]
    pub(crate) fn unwalked(doc: &'d D, runtime_text: &'d str, kept: Kept) -> Self {
        // Every element is entered once; most make one event.
        let elements = doc.element_count();
        fn with_room<T>(mut v: Vec<T>, elements: usize) -> Vec<T> {
            v.reserve(elements);
            v
        }
        Flow {
            doc,
            events: with_room(reuse(kept.events), elements),
            elements: with_room(reuse(kept.elements), elements),
            comments: Vec::new(),
            summary: Summary::default(),
            kinds: Kinds::default(),
            runtime_text,
            transcript: OnceCell::new(),
            spare: Cell::new(kept.text),
        }
    }

    /// Reads the document of a flow made with [`Flow::unwalked`] into its execution order.
    pub(crate) fn walk(&mut self) {
        let root = self.doc.root();
        let (loc, _) = self.enter(None, root, 0);
        self.children(root, loc, Within::default());
        self.close(loc);
        #[cfg(test)]
        if SUMMARY_OFF.get() {
            self.summary = Summary::everything();
        }
    }

    /// Records element `node`, the `position`th element inside `parent`; returns its location
    /// and what it is.
    #[inline]
    fn enter(
        &mut self,
        parent: Option<Loc>,
        node: D::Node,
        position: usize,
    ) -> (Loc, Option<ElementId>) {
        let index = u32::try_from(self.elements.len()).unwrap_or(u32::MAX);
        let loc = Loc(index);
        let id = known(self.doc.tag(node));
        // An element outside the table sets no bit: no rule looks for one by its id.
        if let Some(id) = id {
            self.summary.known |= 1 << (id as u32);
        }
        self.elements.push(Element {
            node,
            id,
            loc,
            parent: parent.map(|p| p.0),
            name: self.doc.name(node),
            position: u32::try_from(position).unwrap_or(u32::MAX),
            end: index.saturating_add(1),
        });
        (loc, id)
    }

    /// The path of an element, for locating a finding.
    pub(crate) fn path(&self, loc: Loc) -> Path<'d> {
        let mut chain = Vec::new();
        let mut at = Some(loc.0);
        while let Some(i) = at {
            let Some(entry) = self.elements.get(i as usize) else {
                break;
            };
            chain.push((entry.name, entry.position as usize));
            at = entry.parent;
        }
        let mut path = Path::new();
        for (name, position) in chain.into_iter().rev() {
            path.push(name, position);
        }
        path
    }

    /// Marks the end of the subtree of `loc`: everything made since belongs to it.
    fn close(&mut self, loc: Loc) {
        let end = u32::try_from(self.elements.len()).unwrap_or(u32::MAX);
        if let Some(entry) = self.elements.get_mut(loc.0 as usize) {
            entry.end = end;
        }
    }

    /// Whether any element has an attribute (of the table or custom): the elements are asked
    /// in order until one answers yes, the first time only.
    pub(crate) fn has_attributes(&self) -> bool {
        if let Some(answer) = self.summary.attributes.get() {
            return answer;
        }
        let answer = self
            .elements
            .iter()
            .any(|element| self.doc.has_attributes(element.node));
        self.summary.attributes.set(Some(answer));
        answer
    }

    /// The child elements of the element at `loc`, in document order.
    pub(crate) fn children_of(&self, loc: Loc) -> impl Iterator<Item = &Element<'d, D::Node>> {
        let end = self
            .elements
            .get(loc.0 as usize)
            .map_or(0, |e| e.end as usize);
        let start = (loc.0 as usize + 1).min(end);
        self.elements
            .get(start..end)
            .unwrap_or(&[])
            .iter()
            .filter(move |e| self.parent_of(e.loc) == Some(loc))
    }

    /// The element that holds the element at `loc`.
    pub(crate) fn parent_of(&self, loc: Loc) -> Option<Loc> {
        self.elements.get(loc.0 as usize)?.parent.map(Loc)
    }

    /// Where a part of an element is, in the document's own terms.
    pub(crate) fn locate(&self, node: D::Node, loc: Loc, part: Part<'_>) -> D::Span {
        let path = if self.doc.locate_reads_path() {
            self.path(loc)
        } else {
            Path::default()
        };
        self.doc.locate(node, &path, part)
    }

    /// Inlined where it is called, where the event's kind is most often known: its bit of
    /// [`Kinds`] is then a constant, not a match.
    #[inline(always)]
    fn push(&mut self, kind: EventKind<'d>, node: D::Node, loc: Loc, within: Within) {
        self.kinds = self.kinds | Kinds::of(&kind);
        self.events.push(Event {
            kind,
            node,
            loc,
            gather: within.gather,
            in_pay: within.pay,
            greeting: false,
        });
    }

    /// Visits the content of `node`, emitting events for the verbs and nouns it holds. The
    /// walk goes by [`Document::each_child`], and its closure owns what it reads (the element,
    /// its location, the count of elements) instead of reaching them through references.
    fn children(&mut self, node: D::Node, loc: Loc, within: Within) {
        let doc = self.doc;
        let mut position = 0;
        doc.each_child(node, move |i, item| {
            self.record(
                node,
                loc,
                i,
                item,
                &mut position,
                |flow, child, child_loc, id| {
                    flow.element(child, child_loc, id, within);
                },
            );
        });
    }

    /// Records the `i`th item of the content of `node`: a child element entered (the
    /// `position`th element there), handed to `f` and closed, or a comment.
    #[inline(always)]
    fn record(
        &mut self,
        node: D::Node,
        loc: Loc,
        i: usize,
        item: Content<'d, D::Node>,
        position: &mut usize,
        f: impl FnOnce(&mut Self, D::Node, Loc, Option<ElementId>),
    ) {
        match item {
            Content::Element(child) => {
                let (child_loc, id) = self.enter(Some(loc), child, *position);
                *position += 1;
                f(self, child, child_loc, id);
                self.close(child_loc);
            }
            Content::Comment(text) => self.comments.push(Comment {
                text,
                node,
                loc,
                position: i,
            }),
            Content::Text(_) | Content::Runtime => {}
        }
    }

    /// Records the elements below `node` without emitting events (the nouns of a `<Dial>`,
    /// the inside of an unknown element), so that attribute rules still see them.
    fn quietly(&mut self, node: D::Node, loc: Loc) {
        self.children(node, loc, Within::quiet());
    }

    fn element(&mut self, node: D::Node, loc: Loc, id: Option<ElementId>, within: Within) {
        let doc = self.doc;
        if within.quiet {
            self.quietly(node, loc);
            return;
        }
        let Some(id) = id else {
            self.quietly(node, loc);
            return;
        };
        match id {
            ElementId::Say => {
                let speech = spoken(doc, node, self.runtime_text);
                self.push(EventKind::Speech(speech), node, loc, within);
                self.quietly(node, loc);
            }
            ElementId::Play => {
                let url = text_of(doc, node);
                if !trim(url).is_empty() {
                    self.push(EventKind::Audio { url }, node, loc, within);
                }
            }
            ElementId::Pause => {
                let seconds = number(doc.attribute(node, attr::LENGTH)).unwrap_or(1) as f32;
                self.push(EventKind::Pause(seconds), node, loc, within);
            }
            ElementId::Gather => {
                let num_digits = number(doc.attribute(node, attr::NUM_DIGITS));
                let index = self.events.len();
                self.push(EventKind::Gather { num_digits }, node, loc, within);
                self.children(
                    node,
                    loc,
                    Within {
                        gather: Some(index),
                        ..within
                    },
                );
                self.push(
                    EventKind::Input,
                    node,
                    loc,
                    Within {
                        gather: Some(index),
                        ..within
                    },
                );
            }
            ElementId::Record => {
                let beep = doc
                    .attribute(node, attr::PLAY_BEEP)
                    .is_none_or(|v| v.as_bool() != Some(false));
                let transcribe = doc
                    .attribute(node, attr::TRANSCRIBE)
                    .is_some_and(|v| v.as_bool() == Some(true));
                self.push(
                    EventKind::Capture {
                        kind: CaptureKind::Message { beep, transcribe },
                        name: None,
                    },
                    node,
                    loc,
                    within,
                );
            }
            ElementId::Dial => {
                // A value that is not known yet (interpolated in `twiml!`) may record.
                let record = doc.attribute(node, attr::RECORD);
                let recording =
                    record.is_some_and(|v| v.read::<DialRecord>() != Some(DialRecord::DoNotRecord));
                if recording {
                    let from_ringing = record.is_some_and(|v| {
                        matches!(
                            v.read(),
                            Some(DialRecord::RecordFromRinging | DialRecord::RecordFromRingingDual)
                        )
                    });
                    self.push(
                        EventKind::Capture {
                            kind: CaptureKind::DialRecording { from_ringing },
                            name: None,
                        },
                        node,
                        loc,
                        within,
                    );
                }
                self.push(EventKind::Dial, node, loc, within);
                self.dial_nouns(node, loc, within);
            }
            ElementId::Start => self.start(node, loc, within),
            ElementId::Stop => {
                self.each_child_element(node, loc, |flow, child, child_loc, _| {
                    if let Some(name) = text_attribute(flow.doc, child, attr::NAME) {
                        flow.push(EventKind::Stop { name }, child, child_loc, within);
                    }
                });
            }
            ElementId::Connect => self.connect(node, loc, within),
            ElementId::Pay => {
                self.push(EventKind::Pay, node, loc, within);
                self.children(
                    node,
                    loc,
                    Within {
                        pay: true,
                        ..within
                    },
                );
            }
            ElementId::Prompt => self.children(node, loc, within),
            ElementId::Sms | ElementId::Message => {
                let speech = written(doc, node, self.runtime_text);
                self.push(EventKind::Message(speech), node, loc, within);
                self.quietly(node, loc);
            }
            id if id.spec().terminal => {
                self.push(EventKind::End, node, loc, within);
                self.quietly(node, loc);
            }
            _ => self.quietly(node, loc),
        }
    }

    /// Calls `f` on every child element, after recording it, then records what the child
    /// holds without events.
    fn each_child_element(
        &mut self,
        node: D::Node,
        loc: Loc,
        mut f: impl FnMut(&mut Self, D::Node, Loc, Option<ElementId>),
    ) {
        let doc = self.doc;
        let mut position = 0;
        for (i, item) in doc.children(node).enumerate() {
            self.record(
                node,
                loc,
                i,
                item,
                &mut position,
                |flow, child, child_loc, id| {
                    f(flow, child, child_loc, id);
                    flow.quietly(child, child_loc);
                },
            );
        }
    }

    fn dial_nouns(&mut self, node: D::Node, loc: Loc, within: Within) {
        self.each_child_element(node, loc, |flow, child, child_loc, id| {
            // Only a conference records here: the other nouns' `record` is not read.
            if id == Some(ElementId::Conference)
                && flow
                    .doc
                    .attribute(child, attr::RECORD)
                    .is_some_and(|v| v.read() == Some(ConferenceRecord::RecordFromStart))
            {
                flow.push(
                    EventKind::Capture {
                        kind: CaptureKind::ConferenceRecording,
                        name: None,
                    },
                    child,
                    child_loc,
                    within,
                );
            }
        });
    }

    fn start(&mut self, node: D::Node, loc: Loc, within: Within) {
        self.each_child_element(node, loc, |flow, child, child_loc, id| {
            let kind = match id {
                Some(ElementId::Recording) => CaptureKind::Recording,
                Some(ElementId::Stream) => CaptureKind::Stream,
                Some(ElementId::Siprec) => CaptureKind::Siprec,
                Some(ElementId::Transcription) => CaptureKind::Transcription,
                _ => return,
            };
            let name = text_attribute(flow.doc, child, attr::NAME);
            flow.push(EventKind::Capture { kind, name }, child, child_loc, within);
        });
    }

    fn connect(&mut self, node: D::Node, loc: Loc, within: Within) {
        self.each_child_element(node, loc, |flow, child, child_loc, id| {
            let kind = match id {
                Some(ElementId::Stream) => CaptureKind::Stream,
                Some(
                    ElementId::ConversationRelay
                    | ElementId::VirtualAgent
                    | ElementId::AiSession
                    | ElementId::ConversationRelaySession
                    | ElementId::Assistant,
                ) => CaptureKind::AiSession,
                Some(ElementId::Conversation) => {
                    let record = flow.doc.attribute(child, attr::RECORD);
                    let recording = record.is_some_and(|v| {
                        !matches!(
                            v.read(),
                            Some(ConversationRecord::DoNotRecord | ConversationRecord::False)
                        )
                    });
                    if !recording {
                        return;
                    }
                    CaptureKind::ConversationRecording
                }
                _ => return,
            };
            flow.push(
                EventKind::Capture { kind, name: None },
                child,
                child_loc,
                within,
            );
            if let Some(greeting) = text_attribute(flow.doc, child, attr::WELCOME_GREETING) {
                let mut speech = Speech::new(Cow::Borrowed(greeting), 1);
                speech.attribute = Some(attr::WELCOME_GREETING);
                flow.push(EventKind::Speech(speech), child, child_loc, within);
                if let Some(last) = flow.events.last_mut() {
                    last.greeting = true;
                    flow.kinds = flow.kinds | Kinds::GREETING;
                }
            }
        });
    }

    /// What the words of each event say, one entry per event in execution order, as the
    /// rules read them (declared audio aside: ask the policy what a `<Play>` says). A
    /// disclosure belongs to the event where its last word is heard, so that everything
    /// before an event's end is known from the entries up to it: the call state at a position
    /// in the document.
    pub(crate) fn said(&self, business_names: &[String]) -> Vec<Said> {
        let t = self.transcript();
        let mut said = vec![Said::default(); self.events.len()];
        let mut mark = |tokens: &std::ops::Range<u32>, set: fn(&mut Said)| {
            if tokens.start < tokens.end
                && let Some(entry) = said.get_mut(t.event_of(tokens.end - 1))
            {
                set(entry);
            }
        };
        for r in t.notices() {
            mark(&r, |s| s.recording_notice = true);
        }
        for r in t.names(business_names) {
            mark(&r, |s| s.business_named = true);
        }
        for r in t.collection_attempts() {
            mark(&r, |s| s.attempt_to_collect = true);
        }
        for r in t.information_uses() {
            mark(&r, |s| s.information_use = true);
        }
        for (r, ask) in t.card_asks() {
            if ask == CardAsk::Card {
                mark(&r, |s| s.card_request = true);
            }
        }
        said
    }

    /// Whether [`Flow::transcript`] has been made: a rule that may do without it asks before
    /// it looks at the words another way.
    pub(crate) fn has_transcript(&self) -> bool {
        self.transcript.get().is_some()
    }

    /// Whether the flow holds an event of one of `kinds`.
    pub(crate) fn holds(&self, kinds: Kinds) -> bool {
        self.kinds.0 & kinds.0 != 0
    }

    /// The events, when the flow holds one of `kinds`; else none: for a rule that walks the
    /// events for those kinds only.
    pub(crate) fn events_if(&self, kinds: Kinds) -> &[Event<'d, D::Node>] {
        if self.holds(kinds) { &self.events } else { &[] }
    }

    /// Tests only: the kinds of the flow's events, as kept while they were pushed.
    #[cfg(test)]
    pub(crate) fn kinds(&self) -> Kinds {
        self.kinds
    }

    /// Whether the words heard or read need reading for what `first_look` lets through: the
    /// transcript is made already (another rule read them, and asking it costs nothing more),
    /// or the text of some speech or message passes the first look. A first look never
    /// turns away a text in which the transcript would find what the rule asks for.
    pub(crate) fn words_may_hold(&self, first_look: impl Fn(&str) -> bool) -> bool {
        self.has_transcript()
            || self.holds(Kinds::SPEECH | Kinds::MESSAGE)
                && self.events.iter().any(|e| match &e.kind {
                    EventKind::Speech(words) | EventKind::Message(words) => first_look(words.raw()),
                    _ => false,
                })
    }

    /// Everything the caller hears or reads, in execution order, as the rules read it.
    /// Speech joins the speech before it unless something stops the stream between them: a
    /// pause, audio, the wait for input, a dialled call, a recording, an agent taking over,
    /// a `<Pay>` step. Messages stand alone.
    pub(crate) fn transcript(&self) -> &Transcript {
        self.transcript.get_or_init(|| {
            let raw_bytes = self
                .events
                .iter()
                .map(|e| match &e.kind {
                    EventKind::Speech(speech) | EventKind::Message(speech) => speech.raw().len(),
                    _ => 0,
                })
                .sum();
            let mut spare = self.spare.take();
            let mut builder = match &mut spare {
                Some(spare) => Builder::reusing(spare, raw_bytes),
                None => Builder::with_capacity(raw_bytes),
            };
            for (i, event) in self.events.iter().enumerate() {
                match &event.kind {
                    EventKind::Speech(speech) => {
                        let alone = event.greeting || event.in_pay;
                        if alone {
                            builder.cut();
                        }
                        builder.segment(i, speech.raw(), speech.bounds());
                        if alone {
                            builder.cut();
                        }
                    }
                    EventKind::Message(speech) => {
                        builder.cut();
                        builder.segment(i, speech.raw(), speech.bounds());
                        builder.cut();
                    }
                    EventKind::Gather { .. } | EventKind::Stop { .. } => {}
                    EventKind::Capture { kind, .. }
                        if !matches!(
                            kind,
                            CaptureKind::Message { .. } | CaptureKind::AiSession
                        ) => {}
                    _ => builder.cut(),
                }
            }
            match spare {
                Some(mut kept) => {
                    let transcript = builder.finish_into(&mut kept);
                    self.spare.set(Some(kept));
                    transcript
                }
                None => builder.finish(),
            }
        })
    }

    /// The language the caller hears event `event` in: the `language` of the speaking
    /// element (`<Say language="es-US">`, an agent's `language`), or else the language its
    /// words are in.
    pub(crate) fn language(&self, event: usize) -> super::Lang {
        let Some(e) = self.events.get(event) else {
            return super::Lang::En;
        };
        let declared = [attr::LANGUAGE, attr::TTS_LANGUAGE]
            .into_iter()
            .find_map(|a| text_attribute(self.doc, e.node, a));
        if let Some(language) = declared {
            let l = language.trim().to_ascii_lowercase();
            return if l.starts_with("es") {
                super::Lang::Es
            } else {
                super::Lang::En
            };
        }
        let t = self.transcript();
        if t.is_spanish(t.tokens_of_event(event)) {
            super::Lang::Es
        } else {
            super::Lang::En
        }
    }

    /// The speech of event `event`, if it speaks or writes.
    pub(crate) fn speech(&self, event: usize) -> Option<&Speech<'d>> {
        match &self.events.get(event)?.kind {
            EventKind::Speech(s) | EventKind::Message(s) => Some(s),
            _ => None,
        }
    }

    /// Where tokens `tokens` of the transcript are in the document: the element and the
    /// part that holds the words, or the speaking element when they span several text items.
    pub(crate) fn words_at(
        &self,
        tokens: std::ops::Range<u32>,
    ) -> Option<(D::Node, Loc, Part<'static>)> {
        let t = self.transcript();
        if tokens.start >= tokens.end || tokens.end > t.len() {
            return None;
        }
        let first = t.token(tokens.start);
        let last = t.token(tokens.end - 1);
        let event_index = t.event_of(tokens.start);
        let event = self.events.get(event_index)?;
        let speech = self.speech(event_index)?;
        if first.segment == last.segment
            && let Some((offset, part)) =
                speech.source_of(first.raw_start as usize..last.raw_end as usize)
        {
            let element = self.elements.get((event.loc.0 + offset) as usize)?;
            return Some((element.node, element.loc, part));
        }
        let part = speech
            .attribute
            .map_or(Part::Element, |a| Part::Attribute(a.name()));
        Some((event.node, event.loc, part))
    }

    /// The audible events (speech and audio) before event `index`, nearest last.
    pub(crate) fn heard_before(
        &self,
        index: usize,
    ) -> impl DoubleEndedIterator<Item = &Event<'d, D::Node>> {
        self.events[..index.min(self.events.len())]
            .iter()
            .filter(|e| matches!(e.kind, EventKind::Speech(_) | EventKind::Audio { .. }))
    }

    /// The first audible event, and its index.
    pub(crate) fn first_heard(&self) -> Option<(usize, &Event<'d, D::Node>)> {
        if !self.holds(Kinds::SPEECH | Kinds::AUDIO) {
            return None;
        }
        self.events
            .iter()
            .enumerate()
            .find(|(_, e)| matches!(e.kind, EventKind::Speech(_) | EventKind::Audio { .. }))
    }

    /// Whether the document is spoken with an artificial or prerecorded voice: any `<Say>`,
    /// `<Play>` or AI session.
    pub(crate) fn is_artificial_voice(&self) -> bool {
        self.holds(Kinds::SPEECH | Kinds::AUDIO | Kinds::AI_SESSION)
    }

    /// Whether the document is a messaging response.
    pub(crate) fn is_messaging(&self) -> bool {
        self.holds(Kinds::MESSAGE)
    }
}

/// Where an element's events happen.
#[derive(Debug, Clone, Copy, Default)]
struct Within {
    gather: Option<usize>,
    pay: bool,
    /// Record elements only; emit no events.
    quiet: bool,
}

impl Within {
    fn quiet() -> Self {
        Within {
            quiet: true,
            ..Within::default()
        }
    }
}

/// The row of the table an element's tag names, if it names one.
pub(crate) fn known(tag: Tag<'_>) -> Option<ElementId> {
    match tag {
        Tag::Known(id) => Some(id),
        _ => None,
    }
}

fn number(value: Option<Value<'_>>) -> Option<u64> {
    match value? {
        Value::Integer(n) => Some(n),
        Value::Text(t) => trim(t).parse().ok(),
        _ => None,
    }
}

/// An attribute's text, when it is text (names, greetings, URLs).
pub(crate) fn text_attribute<D: Document>(doc: &D, node: D::Node, name: Attr) -> Option<&str> {
    match doc.attribute(node, name)? {
        Value::Text(t) if !trim(t).is_empty() => Some(t),
        _ => None,
    }
}

/// The text directly inside an element (a `<Play>` URL).
fn text_of<D: Document>(doc: &D, node: D::Node) -> &str {
    doc.children(node)
        .find_map(|c| match c {
            Content::Text(t) if !trim(t).is_empty() => Some(t),
            _ => None,
        })
        .unwrap_or("")
}

/// What a `<Say>` speaks, read through its SSML.
fn spoken<'d, D: Document>(doc: &'d D, node: D::Node, runtime_text: &str) -> Speech<'d> {
    let repeats = number(doc.attribute(node, attr::LOOP)).map_or(1, |n| n.max(1) as u32);
    // The common case, a `<Say>` holding one piece of text, borrows it.
    if let Some(t) = doc.only_text(node) {
        let mut speech = Speech::new(Cow::Borrowed(t), repeats);
        speech.whole = Some((0, 0));
        return speech;
    }
    let mut text = String::new();
    let mut speech = Speech::new(Cow::Borrowed(""), repeats);
    let mut ordinal = 0;
    read_ssml(
        doc,
        node,
        &mut Reading {
            text: &mut text,
            speech: &mut speech,
            runtime_text,
            ordinal: &mut ordinal,
        },
        0,
    );
    speech.raw = Cow::Owned(text);
    speech
}

/// The state of reading a `<Say>` through its SSML.
struct Reading<'r, 's> {
    text: &'r mut String,
    speech: &'r mut Speech<'s>,
    runtime_text: &'r str,
    /// The elements met so far inside the `<Say>`, in document order.
    ordinal: &'r mut u32,
}

/// Reads the content of `node` (the element numbered `element` inside the `<Say>`).
fn read_ssml<D: Document>(doc: &D, node: D::Node, r: &mut Reading<'_, '_>, element: u32) {
    for (item, content) in doc.children(node).enumerate() {
        match content {
            Content::Text(t) => {
                let start = r.text.len();
                r.text.push_str(t);
                r.speech.marks().pieces.push(Piece {
                    raw: start..r.text.len(),
                    element,
                    item,
                });
            }
            Content::Comment(_) => {}
            Content::Runtime => push_runtime(r.text, r.runtime_text),
            Content::Element(child) => {
                *r.ordinal += 1;
                let child_element = *r.ordinal;
                match known(doc.tag(child)) {
                    Some(ElementId::SsmlSub) => {
                        r.text.push(' ');
                        match text_attribute(doc, child, attr::ALIAS) {
                            Some(alias) => {
                                r.text.push_str(alias);
                                *r.ordinal += count_elements(doc, child);
                            }
                            None => read_ssml(doc, child, r, child_element),
                        }
                        r.text.push(' ');
                    }
                    Some(ElementId::SsmlBreak) => {
                        let seconds = break_seconds(doc, child);
                        r.speech.marks().silences.push((r.text.len(), seconds));
                        let none = doc
                            .attribute(child, attr::STRENGTH)
                            .is_some_and(|v| v.read() == Some(BreakStrength::None));
                        if !none {
                            r.speech.marks().bounds.push(r.text.len());
                        }
                        r.text.push(' ');
                        *r.ordinal += count_elements(doc, child);
                    }
                    id => {
                        // Sentences and paragraphs are separate words even without spaces,
                        // and a listener hears their edges as the end of a sentence.
                        let sentence = matches!(id, Some(ElementId::SsmlS | ElementId::SsmlP));
                        if sentence {
                            r.speech.marks().bounds.push(r.text.len());
                        }
                        r.text.push(' ');
                        let start = r.text.len();
                        read_ssml(doc, child, r, child_element);
                        let telephone = id == Some(ElementId::SsmlSayAs)
                            && doc
                                .attribute(child, attr::INTERPRET_AS)
                                .is_some_and(|v| v.read() == Some(InterpretAs::Telephone));
                        if telephone {
                            let number = r.text[start..].trim().to_string();
                            r.speech.marks().telephones.push(number);
                        }
                        if sentence {
                            r.speech.marks().bounds.push(r.text.len());
                        }
                        r.text.push(' ');
                    }
                }
            }
        }
    }
}

/// How many elements are inside `node`, at any depth.
fn count_elements<D: Document>(doc: &D, node: D::Node) -> u32 {
    doc.children(node)
        .map(|c| match c {
            Content::Element(child) => 1 + count_elements(doc, child),
            _ => 0,
        })
        .sum()
}

/// The silence of an SSML `<break>`: its `time`, or an estimate of its `strength` (catalog
/// §1.3: weak 0.35 s, medium 0.5 s, strong 0.75 s, x-strong 1 s).
fn break_seconds<D: Document>(doc: &D, node: D::Node) -> f32 {
    if let Some(time) = text_attribute(doc, node, attr::TIME) {
        let time = time.trim();
        if let Some(ms) = time.strip_suffix("ms") {
            return ms.parse::<f32>().map_or(0.0, |n| n / 1000.0);
        }
        if let Some(s) = time.strip_suffix('s') {
            return s.parse().unwrap_or(0.0);
        }
    }
    match doc.attribute(node, attr::STRENGTH).and_then(|v| v.read()) {
        Some(BreakStrength::None) => 0.0,
        Some(BreakStrength::XWeak) => 0.2,
        Some(BreakStrength::Weak) => 0.35,
        Some(BreakStrength::Strong) => 0.75,
        Some(BreakStrength::XStrong) => 1.0,
        _ => 0.5,
    }
}

/// Run-time content, as a separate sentence so that it neither joins nor splits the words
/// around it.
fn push_runtime(text: &mut String, runtime_text: &str) {
    if !runtime_text.is_empty() {
        text.push(' ');
        text.push_str(runtime_text);
        text.push(' ');
    }
}

/// The text of a message: its own text and its `<Body>` elements.
fn written<'d, D: Document>(doc: &'d D, node: D::Node, runtime_text: &str) -> Speech<'d> {
    // The common case, a message whose words are one text item, borrows it.
    if let Some((element, item, t)) = one_text_item(doc, node) {
        let mut speech = Speech::new(Cow::Borrowed(t), 1);
        speech.whole = Some((element, item));
        return speech;
    }
    let mut text = String::new();
    let mut pieces = Vec::new();
    let mut ordinal = 0;
    for (item, content) in doc.children(node).enumerate() {
        match content {
            Content::Text(t) => {
                let start = text.len();
                text.push_str(t);
                pieces.push(Piece {
                    raw: start..text.len(),
                    element: 0,
                    item,
                });
            }
            Content::Runtime => push_runtime(&mut text, runtime_text),
            Content::Element(child) => {
                ordinal += 1;
                let element = ordinal;
                ordinal += count_elements(doc, child);
                if known(doc.tag(child)) != Some(ElementId::Body) {
                    continue;
                }
                text.push(' ');
                for (item, part) in doc.children(child).enumerate() {
                    match part {
                        Content::Text(t) => {
                            let start = text.len();
                            text.push_str(t);
                            pieces.push(Piece {
                                raw: start..text.len(),
                                element,
                                item,
                            });
                        }
                        Content::Runtime => push_runtime(&mut text, runtime_text),
                        _ => {}
                    }
                }
            }
            Content::Comment(_) => {}
        }
    }
    let mut speech = Speech::new(Cow::Owned(text), 1);
    if !pieces.is_empty() {
        speech.marks().pieces = pieces;
    }
    speech
}

/// The one text item a message's words are, when they are one: the message's own text beside
/// no `<Body>`, or the text of its one `<Body>` beside no text of its own (media and comments
/// aside). Its element (as in [`Piece::element`]), its position among that element's content,
/// and the text. `None` for anything else, which [`written`] reads piece by piece.
pub(crate) fn one_text_item<D: Document>(doc: &D, node: D::Node) -> Option<(u32, usize, &str)> {
    // `Some(None)` once a second text (or anything that rules out one) is met.
    let mut found: Option<Option<(u32, usize, &str)>> = None;
    let mut ordinal = 0;
    doc.each_child(node, |item, content| {
        if found == Some(None) {
            return;
        }
        match content {
            Content::Text(t) if found.is_none() => found = Some(Some((0, item, t))),
            Content::Text(_) | Content::Runtime => found = Some(None),
            Content::Comment(_) => {}
            Content::Element(child) => {
                ordinal += 1;
                let element = ordinal;
                if known(doc.tag(child)) == Some(ElementId::Body) {
                    // The body's one text item is its first.
                    found = Some(match (found, doc.only_text(child)) {
                        (None, Some(t)) => Some((element, 0, t)),
                        _ => None,
                    });
                }
                // Only the elements before the one text item number it: once it is found, the
                // rest are read only for a second text.
                if found.is_none() {
                    ordinal += count_elements(doc, child);
                }
            }
        }
    });
    found.flatten()
}
