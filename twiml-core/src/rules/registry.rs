//! The rule registry: what a rule is ([`RuleInfo`]), how one is declared ([`declare_rule!`]),
//! and how one is found by code or name. Each rule is declared once, in the file that
//! implements it, with its code, a kebab-case name, its family, its default level, the regimes
//! and facts it needs, and its documentation; `cargo xtask codegen` gathers the declarations
//! into [`RULES`](super::RULES). `twiml explain`, `twiml rules` and the pages in `docs/rules/`
//! read the registry.

use super::RULES;
use super::flow::Summary;
use super::policy::{Fact, Level, Policy, Regime};
use crate::schema::ElementId;

/// The families of rules, after the catalog's prefixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Family {
    /// REC: recording, transcription and real-time interception.
    Recording,
    /// PCI: payment card data.
    Payment,
    /// TCPA: content of artificial and prerecorded voice calls.
    Robocall,
    /// AI: artificial voices and AI agents.
    Ai,
    /// QH: quiet hours and calling windows.
    QuietHours,
    /// DEBT: debt collection (FDCPA, Regulation F).
    Debt,
    /// PHI: health information (HIPAA).
    Health,
    /// MSG: SMS and MMS.
    Messaging,
    /// GEN: cross-cutting.
    General,
}

impl Family {
    /// The family's name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Family::Recording => "recording",
            Family::Payment => "payment",
            Family::Robocall => "robocall",
            Family::Ai => "ai",
            Family::Debt => "debt",
            Family::Health => "health",
            Family::Messaging => "messaging",
            Family::General => "general",
            Family::QuietHours => "quiet-hours",
        }
    }
}

/// What a rule reads, and so what its Example and Use instead are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RuleKind {
    /// A rule of documents: it reads a TwiML document at build, in `twiml!` and in
    /// `twiml check`. Its examples are TwiML.
    Document,
    /// A rule of sends: the send-time gate applies it to one outbound message or call (who,
    /// when, what for) in `twiml gate` and `gate::Gate::decide`. Its examples are gate
    /// requests, as TOML.
    Gate,
    /// A rule of whole call flows: `twiml check` applies it along every path of a folder with
    /// a `[flow]` section. Its examples are a `twiml.toml` (TOML) and the entry's TwiML.
    Flow,
}

impl RuleKind {
    /// `document`, `gate` or `flow`.
    pub const fn as_str(self) -> &'static str {
        match self {
            RuleKind::Document => "document",
            RuleKind::Gate => "gate",
            RuleKind::Flow => "flow",
        }
    }
}

/// One compliance rule.
#[derive(Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RuleInfo {
    /// The catalog's ID (`REC001`).
    pub code: &'static str,
    /// The kebab-case name; it reads as "allow capture-before-notice".
    pub name: &'static str,
    /// The family.
    pub family: Family,
    /// What it reads: documents, or sends.
    pub kind: RuleKind,
    /// The level the rule runs at unless a policy says otherwise: `deny` keeps each
    /// finding's severity, `warn` reports errors as warnings (rules whose legal footing is
    /// still unsettled start there).
    pub default_level: Level,
    /// When its findings are errors, warnings or information, in a few words ("a warning; an
    /// error under `payments`"), at the `deny` level; `warn` reports its errors as warnings.
    pub reports: &'static str,
    /// The regimes the rule belongs to; empty for a baseline rule, which always runs.
    pub regimes: &'static [Regime],
    /// Facts about the call the rule needs to hold before it runs.
    pub needs: &'static [Fact],
    /// What a document must hold for the rule to find anything in it: a document without it
    /// is not read for the rule.
    pub(crate) found_in: FoundIn,
    /// One line: what it finds.
    pub summary: &'static str,
    /// The documentation as written in the declaration (doc-comment lines); read it through
    /// [`RuleInfo::explanation`].
    pub docs: &'static str,
    /// The policy the Example and Use instead run under: regimes, facts, `business=` and
    /// `callback=` entries, separated by `;`. Empty for a gate rule, whose examples carry
    /// their policy.
    pub example_policy: &'static str,
}

/// What a document must hold for a rule of documents to find anything in it, stated in the rule's
/// declaration (`found_in:`) and checked against the document's [`Summary`]. A rule that may find
/// something in any document (one that reports what is missing, such as a notice or an
/// identification) says [`anywhere`](found_in::anywhere); the others name what they read: one of a
/// few elements of the table, any attribute, or three digits; or elements whose words pass the
/// rule's own first look ([`asking_for_card`](found_in::asking_for_card),
/// [`forbidden_words_in`](found_in::forbidden_words_in), [`links_in`](found_in::links_in)), or
/// a `<Pay>` whose attributes pass PCI004's ([`weakened`](found_in::weakened)); or elements and
/// attributes where a plain-HTTP URL stands ([`with_plain_http`](FoundIn::with_plain_http)); or
/// elements it reads only when the call was recorded before the document runs
/// ([`when_recording_started`](found_in::when_recording_started)). A rule that reports only
/// in the place of others says [`with_others`](found_in::with_others), which the test of each
/// finding treats as it treats any rule found nowhere by itself. Each errs towards "may find":
/// a test runs every rule over the corpora and drawn documents with and without the summary
/// and compares the findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FoundIn {
    /// In any document.
    anywhere: bool,
    /// In a document that holds one of these elements of the table (a bit set by
    /// [`ElementId`]).
    elements: u128,
    /// In a document where an element has an attribute.
    attributes: bool,
    /// In a document whose words or values may hold card data ([`Summary::has_digits`]):
    /// three ASCII digits in words, a value that passes PCI005's first look.
    digits: bool,
    /// In a document that holds one of the elements of `worded[i]`, and whose words pass the
    /// `i`th first look of [`Looks`] ([`Summary::words_may_join`], else a look at each text).
    worded: [u128; Looks::COUNT],
    /// In a document that holds a plain-HTTP URL ([`Summary::may_hold_plain_http`]) and one of
    /// these elements.
    http_elements: u128,
    /// In a document that holds a plain-HTTP URL and where an element has an attribute.
    http_attributes: bool,
    /// In a document that holds one of these elements, under a policy that holds
    /// `recording-started` (the call was recorded before the document runs): see
    /// [`FoundIn::under`].
    recording_started: u128,
}

/// The words of a rule's `found_in:`, in scope in its declaration with the table's elements:
/// `found_in: one_of(&[Pay])`, `found_in: one_of(&[Redirect]).or_attributes()`.
pub(crate) mod found_in {
    use super::{FoundIn, Looks};
    use crate::schema::ElementId;

    /// In any document.
    pub(crate) const fn anywhere() -> FoundIn {
        FoundIn {
            anywhere: true,
            ..one_of(&[])
        }
    }

    /// The bit set of `elements`, by [`ElementId`].
    const fn set_of(elements: &[ElementId]) -> u128 {
        let mut set = 0u128;
        let mut i = 0;
        while i < elements.len() {
            set |= 1 << (elements[i] as u32);
            i += 1;
        }
        set
    }

    /// In a document that holds one of `elements`.
    pub(crate) const fn one_of(elements: &[ElementId]) -> FoundIn {
        FoundIn {
            anywhere: false,
            elements: set_of(elements),
            attributes: false,
            digits: false,
            worded: [0; Looks::COUNT],
            http_elements: 0,
            http_attributes: false,
            recording_started: 0,
        }
    }

    /// In a document whose words may hold three digits or more, or a value card data
    /// ([`Summary::has_digits`]).
    pub(crate) const fn digits() -> FoundIn {
        FoundIn {
            digits: true,
            ..one_of(&[])
        }
    }

    /// In a document that holds one of `elements` and whose words may ask for card data:
    /// a rule about requests for card data that only these elements take.
    pub(crate) const fn asking_for_card(elements: &[ElementId]) -> FoundIn {
        worded(elements, Looks::CARD)
    }

    /// In a document that holds one of `elements` and whose words may hold a word of the
    /// lists of forbidden content.
    pub(crate) const fn forbidden_words_in(elements: &[ElementId]) -> FoundIn {
        worded(elements, Looks::FORBIDDEN)
    }

    /// In a document that holds one of `elements` and whose words may hold a link's host.
    pub(crate) const fn links_in(elements: &[ElementId]) -> FoundIn {
        worded(elements, Looks::LINKS)
    }

    /// In a document that holds one of `elements` (a `<Pay>`) whose attributes PCI004 reports.
    pub(crate) const fn weakened(elements: &[ElementId]) -> FoundIn {
        worded(elements, Looks::PAY)
    }

    /// In a document that holds one of `elements` when the call is recorded from before it
    /// (the policy holds `recording-started`).
    pub(crate) const fn when_recording_started(elements: &[ElementId]) -> FoundIn {
        FoundIn {
            recording_started: set_of(elements),
            ..one_of(&[])
        }
    }

    const fn worded(elements: &[ElementId], look: Looks) -> FoundIn {
        let mut worded = [0; Looks::COUNT];
        worded[look.0.trailing_zeros() as usize] = set_of(elements);
        FoundIn {
            worded,
            ..one_of(&[])
        }
    }

    /// Nowhere by itself: a rule that reports only in the checks of other rules, in their
    /// place, finds something only where one of them may (a test checks it of each finding).
    pub(crate) const fn with_others() -> FoundIn {
        one_of(&[])
    }

    impl FoundIn {
        /// Also in a document where an element has an attribute.
        pub(crate) const fn or_attributes(self) -> FoundIn {
            FoundIn {
                attributes: true,
                ..self
            }
        }

        /// Only in a document that also holds a plain-HTTP URL: of a rule that reports such
        /// URLs, in the elements and attributes it names.
        pub(crate) const fn with_plain_http(self) -> FoundIn {
            assert!(!self.anywhere && !self.digits);
            FoundIn {
                elements: 0,
                attributes: false,
                http_elements: self.elements,
                http_attributes: self.attributes,
                ..self
            }
        }
    }
}

const _: () = assert!(ElementId::ALL.len() <= 128);

impl FoundIn {
    /// In no document: what no rule finds anything in, the start of [`FoundIn::or`].
    pub(crate) const fn nowhere() -> FoundIn {
        found_in::one_of(&[])
    }

    /// The elements whose presence alone lets it find something, whatever the words and
    /// values of the document.
    pub(crate) const fn elements(&self) -> u128 {
        if self.anywhere {
            u128::MAX
        } else {
            self.elements
        }
    }

    /// In a document where either may find something: joined over several rules, where any
    /// of them may.
    pub(crate) const fn or(self, other: FoundIn) -> FoundIn {
        let mut worded = self.worded;
        let mut i = 0;
        while i < Looks::COUNT {
            worded[i] |= other.worded[i];
            i += 1;
        }
        FoundIn {
            anywhere: self.anywhere || other.anywhere,
            elements: self.elements | other.elements,
            attributes: self.attributes || other.attributes,
            digits: self.digits || other.digits,
            worded,
            http_elements: self.http_elements | other.http_elements,
            http_attributes: self.http_attributes || other.http_attributes,
            recording_started: self.recording_started | other.recording_started,
        }
    }

    /// What it may find something in under `policy`: the elements of
    /// [`found_in::when_recording_started`] count as any other when the policy holds
    /// `recording-started`, and not otherwise (as under the baseline).
    pub(crate) fn under(self, policy: &Policy) -> FoundIn {
        if self.recording_started != 0 && policy.holds(Fact::RecordingStarted) {
            FoundIn {
                elements: self.elements | self.recording_started,
                ..self
            }
        } else {
            self
        }
    }

    /// Whether a rule may find something in the document `summary` describes (read by
    /// [`Summary::of_document`]), where `first_look` looks at its words for what it is given
    /// when it must: asked last, and only of a document that holds an element of a words term
    /// ([`found_in::asking_for_card`], [`found_in::forbidden_words_in`],
    /// [`found_in::links_in`]).
    pub(crate) fn may_find(
        &self,
        summary: &Summary,
        first_look: impl FnOnce(Looks) -> bool,
    ) -> bool {
        self.anywhere
            || summary.holds_one_of(self.elements)
            || (self.attributes && summary.has_attributes())
            || (self.digits && summary.has_digits())
            || (summary.may_hold_plain_http()
                && (summary.holds_one_of(self.http_elements)
                    || (self.http_attributes && summary.has_attributes())))
            || {
                // The first looks whose elements the document holds.
                let mut looks = 0;
                for (i, set) in self.worded.iter().enumerate() {
                    looks |= u8::from(summary.holds_one_of(*set)) << i;
                }
                looks != 0 && first_look(Looks(looks))
            }
    }
}

/// What the first looks at a document look for, before any flow is made: a set of the first
/// looks the rules give their words, and the one PCI004 gives a `<Pay>`'s attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Looks(u8);

impl Looks {
    /// How many first looks there are.
    const COUNT: usize = 4;
    /// The words of a request for card or bank data (PCI001, PCI002).
    pub(crate) const CARD: Looks = Looks(1);
    /// A word of the lists of forbidden content (MSG006).
    pub(crate) const FORBIDDEN: Looks = Looks(2);
    /// A link's host (MSG005).
    pub(crate) const LINKS: Looks = Looks(4);
    /// An attribute of a `<Pay>` that weakens the payment (PCI004): not words, but looked at
    /// with them, as a first look of the same kind.
    pub(crate) const PAY: Looks = Looks(8);

    /// Whether the set holds `look`.
    pub(crate) fn has(self, look: Looks) -> bool {
        self.0 & look.0 != 0
    }

    /// The set without `look`.
    pub(crate) fn without(self, look: Looks) -> Looks {
        Looks(self.0 & !look.0)
    }

    /// Whether the set holds no first look.
    pub(crate) fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// Declares one compliance rule, in the file that implements it: a `pub static` [`RuleInfo`]
/// named by the rule's code, documented by the declaration's doc comment.
///
/// ```text
/// declare_rule! {
///     /// ## What it does
///     /// ...
///     ///
///     /// ## Why is this bad
///     /// ... (the regulation's section)
///     ///
///     /// ## Example
///     /// ```xml
///     /// <Response>...</Response>
///     /// ```
///     ///
///     /// ## Use instead
///     /// ```xml
///     /// <Response>...</Response>
///     /// ```
///     ///
///     /// ## References
///     /// - ...
///     pub REC001 {
///         name: "capture-before-notice",
///         family: Recording,
///         level: Deny,
///         reports: "an error",
///         regimes: [],
///         needs: [],
///         found_in: one_of(&[Record, Dial, Conference, Recording, Conversation]),
///         example_policy: "",
///         summary: "call recording starts before the caller has heard a recording notice",
///     }
/// }
/// ```
///
/// The fields come in this order. `family` is a [`Family`], `level` a
/// [`Level`](super::Level), `regimes` [`Regime`](super::Regime)s and `needs`
/// [`Fact`](super::Fact)s, each by its variant name. `found_in` says what a document must hold
/// for a rule of documents to find anything in it (see [`FoundIn`]): `anywhere()`,
/// `one_of(&[...])` with the table's elements by their [`ElementId`] names,
/// `.or_attributes()`, `digits()`; a rule of the gate or of whole flows leaves it out.
/// `reports` says, in a few words, when the
/// rule's findings are errors, warnings or information (`"a warning; an error under
/// \`payments\`"`); the README's rule table and each rule's page show it. A rule of the
/// send-time gate adds `kind: Gate,` before `summary` (see [`RuleKind`]); its Example and Use
/// instead are campaign files in ```` ```toml ```` blocks. A rule of whole flows adds
/// `kind: Flow,`; its examples are a `twiml.toml` with a `[flow]` section, then the entry's
/// TwiML. `cargo xtask codegen` then lists the rule
/// in [`RULES`](super::RULES) and re-exports it as `rules::CODE`; see the
/// [rules module](super#adding-a-rule).
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub $code:ident {
            name: $name:literal,
            family: $family:ident,
            level: $level:ident,
            reports: $reports:literal,
            regimes: [$($regime:ident),* $(,)?],
            needs: [$($fact:ident),* $(,)?],
            $(found_in: $found:expr,)?
            example_policy: $example:literal,
            $(kind: $kind:ident,)?
            summary: $summary:literal $(,)?
        }
    ) => {
        #[doc = concat!("`", stringify!($code), "` ", $name, ": ", $summary, ".")]
        #[doc = ""]
        $(#[doc = $doc])*
        pub static $code: $crate::rules::RuleInfo = $crate::rules::RuleInfo {
            code: stringify!($code),
            name: $name,
            family: $crate::rules::Family::$family,
            kind: $crate::rules::rule_kind!($($kind)?),
            default_level: $crate::rules::Level::$level,
            reports: $reports,
            regimes: &[$($crate::rules::Regime::$regime),*],
            needs: &[$($crate::rules::Fact::$fact),*],
            found_in: $crate::rules::rule_found_in!($($found)?),
            summary: $summary,
            docs: concat!($($doc, "\n"),*),
            example_policy: $example,
        };
    };
}

pub(crate) use declare_rule;

/// A rule's kind: `Document` unless its declaration says `kind: Gate`.
macro_rules! rule_kind {
    () => {
        $crate::rules::RuleKind::Document
    };
    ($kind:ident) => {
        $crate::rules::RuleKind::$kind
    };
}

pub(crate) use rule_kind;

/// A rule's `found_in`: `anywhere()` unless its declaration says.
macro_rules! rule_found_in {
    () => {
        $crate::rules::found_in::anywhere()
    };
    ($found:expr) => {{
        #[allow(unused_imports)]
        use $crate::rules::found_in::*;
        #[allow(unused_imports)]
        use $crate::schema::ElementId::*;
        $found
    }};
}

pub(crate) use rule_found_in;

/// The rule with this code or name.
pub fn find_rule(code_or_name: &str) -> Option<&'static RuleInfo> {
    RULES
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

impl RuleInfo {
    /// Whether the rule applies under `policy`: its regimes (none for a baseline rule) and
    /// facts. Its level comes later; a rule the policy allows still runs, for the count of
    /// what its override suppressed.
    pub(crate) fn applies_under(&self, policy: &Policy) -> bool {
        let regime = self.regimes.is_empty() || self.regimes.iter().any(|r| policy.applies(*r));
        regime && self.needs.iter().all(|f| policy.holds(*f))
    }

    /// Whether the rule applies under the baseline policy, which has no regime and no fact
    /// ([`RuleInfo::applies_under`] `Policy::new()`), asked when the crate is compiled.
    pub(crate) const fn is_baseline(&self) -> bool {
        self.regimes.is_empty() && self.needs.is_empty()
    }

    /// Markdown with the sections What it does, Why is this bad, Example, Use instead,
    /// References.
    pub fn explanation(&self) -> String {
        self.docs
            .lines()
            .map(|line| line.strip_prefix(' ').unwrap_or(line))
            .collect::<Vec<_>>()
            .join("\n")
    }
}
