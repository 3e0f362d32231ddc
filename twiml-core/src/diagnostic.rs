//! Diagnostics as data: what was found, where, how bad, and how to fix it.
//!
//! Rendering (rustc-style text, JSON, SARIF) lives at the edge, in the CLI; here a diagnostic
//! is plain data, generic over the kind of location it carries.

use std::borrow::Cow;
use std::fmt;

use crate::codes::Code;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum Severity {
    /// Worth knowing; never fails anything.
    Info,
    /// Twilio accepts it, but it is likely a mistake or a risk.
    Warning,
    /// Twilio rejects it, or it breaks a rule that is denied.
    Error,
}

impl Severity {
    /// The lowercase name (`error`, `warning`, `info`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secondary location that helps explain a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Label<S> {
    /// Where.
    pub span: S,
    /// What is there, lowercase.
    pub message: String,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Diagnostic<S> {
    /// The stable code (`TW0105`, `REC001`): the check or rule that found it. It displays and
    /// serializes as the code; `twiml explain CODE` describes it.
    pub code: Code,
    /// How bad it is.
    pub severity: Severity,
    /// What is wrong: lowercase, no trailing period, XML names in backticks. A message that is
    /// the same for every finding of its check is borrowed, not copied.
    pub message: Cow<'static, str>,
    /// Where it is.
    pub span: S,
    /// Other places that explain it.
    pub labels: Vec<Label<S>>,
    /// How to fix it, where a fix is known. Most help lines are fixed per check, and borrowed.
    pub help: Option<Cow<'static, str>>,
    /// The error or warning code Twilio's platform would raise, where one exists.
    pub twilio_error: Option<u32>,
}

impl<S> Diagnostic<S> {
    /// A finding of `check`, at its default severity and Twilio code.
    pub fn new(check: &'static CheckInfo, message: impl Into<Cow<'static, str>>, span: S) -> Self {
        Diagnostic {
            code: Code::Check(check),
            severity: check.severity,
            message: message.into(),
            span,
            labels: Vec::new(),
            help: None,
            twilio_error: check.twilio_error,
        }
    }

    /// Sets the help line.
    pub fn with_help(mut self, help: impl Into<Cow<'static, str>>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the help line when there is one.
    pub fn with_optional_help(mut self, help: Option<impl Into<Cow<'static, str>>>) -> Self {
        self.help = help.map(Into::into);
        self
    }

    /// Overrides the severity.
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Overrides the Twilio code.
    pub fn with_twilio_error(mut self, code: Option<u32>) -> Self {
        if code.is_some() {
            self.twilio_error = code;
        }
        self
    }

    /// Adds a secondary location.
    pub fn with_label(mut self, span: S, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// The same finding at another kind of location.
    pub fn map_span<T>(self, mut f: impl FnMut(S) -> T) -> Diagnostic<T> {
        Diagnostic {
            code: self.code,
            severity: self.severity,
            message: self.message,
            span: f(self.span),
            labels: self
                .labels
                .into_iter()
                .map(|l| Label {
                    span: f(l.span),
                    message: l.message,
                })
                .collect(),
            help: self.help,
            twilio_error: self.twilio_error,
        }
    }
}

impl<S: fmt::Display> fmt::Display for Diagnostic<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}]: {} (at {})",
            self.severity, self.code, self.message, self.span
        )?;
        if let Some(code) = self.twilio_error {
            write!(f, " [Twilio {code}]")?;
        }
        if let Some(help) = &self.help {
            write!(f, "; help: {help}")?;
        }
        Ok(())
    }
}

/// Where a finding is in a response made by the builder: the element's path from the root
/// (`Response/Gather[0]/Say[1]`, positions counted from 0 among sibling elements), and the
/// attribute, when the finding is about one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct NodePath {
    /// The element's path.
    pub element: String,
    /// The attribute's XML name, when the finding is about an attribute.
    pub attribute: Option<String>,
}

impl fmt::Display for NodePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.element)?;
        if let Some(attribute) = &self.attribute {
            write!(f, "@{attribute}")?;
        }
        Ok(())
    }
}

/// A structural check: its stable code, kebab-case name, default severity and documentation.
#[derive(Debug)]
#[non_exhaustive]
pub struct CheckInfo {
    /// The stable code (`TW0105`).
    pub code: &'static str,
    /// The kebab-case name (`invalid-value`).
    pub name: &'static str,
    /// The severity its findings usually have.
    pub severity: Severity,
    /// The Twilio error or warning behind it, where one exists.
    pub twilio_error: Option<u32>,
    /// One line: what it finds.
    pub summary: &'static str,
    /// The documentation as written in the registry (doc-comment lines); read it through
    /// [`CheckInfo::explanation`].
    pub docs: &'static str,
}

impl CheckInfo {
    /// Markdown with the sections What it does, Why is this bad, Example, Use instead.
    pub fn explanation(&self) -> String {
        self.docs
            .lines()
            .map(|line| line.strip_prefix(' ').unwrap_or(line))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

macro_rules! declare_checks {
    ($(
        $(#[doc = $doc:literal])*
        $ident:ident: $code:literal $name:literal $severity:ident $twilio:expr, $summary:literal;
    )*) => {
        $(
            #[doc = concat!("`", $code, "` ", $name, ": ", $summary, ".")]
            pub static $ident: CheckInfo = CheckInfo {
                code: $code,
                name: $name,
                severity: Severity::$severity,
                twilio_error: $twilio,
                summary: $summary,
                docs: concat!($($doc, "\n"),*),
            };
        )*

        /// Every structural check, in code order.
        pub static CHECKS: &[&CheckInfo] = &[$(&$ident),*];
    };
}

/// The structural checks: every code the builder's build step, the validator and `twiml!`
/// report.
///
/// # Where each check runs
///
/// The checks of the element table run over every document, whatever made it: a parsed file
/// (`validate`, `twiml check`), a response at its build step (`build`, `build_with`, and the
/// build every `twiml!` invocation ends with), and the markup of a `twiml!` invocation while it
/// compiles. Some findings cannot arise on some paths, because the builder's types rule them
/// out (a `<Dial>` inside a `<Gather>` does not compile) or because only the builder has the
/// escape hatches they guard (custom elements and attributes), but the check runs there all
/// the same. Five codes run on fewer paths, each for a reason its page gives:
///
/// | code | runs | why not elsewhere |
/// |---|---|---|
/// | TW0001-TW0004 | when a file is parsed | they judge XML text, which a built response and markup are not: the renderer writes well-formed XML, and the markup is Rust tokens |
/// | TW0201 | when a file is validated, and at every build | the size is known only once the document exists, so `twiml!` leaves it to the build it expands to |
/// | TW0303 | when a file is validated with an expected dialect | only validation is told which dialect to expect (`--expect`); a builder's type or the markup's content is its dialect |
///
/// TW0008 reports a malformed `twiml-allow` comment on every path; a policy with problems is
/// a TW0008 finding when a file is validated, [`BuildError::InvalidPolicy`](crate::BuildError)
/// at a build, and a compile error at the attribute in `twiml!`.
pub mod checks {
    use super::{CheckInfo, Severity};

    declare_checks! {
        /// ## What it does
        /// Finds documents that are not well-formed XML: unclosed or mismatched tags, unquoted
        /// or repeated attributes, a raw `&` or `<` in text, unknown entities, text outside
        /// the root element, a second root, bytes that are not UTF-8.
        ///
        /// ## Why is this bad
        /// Twilio cannot read the document at all and answers error 12100; the call fails.
        ///
        /// ## Example
        /// ```xml
        /// <Response><Dial><Sip>sip:jack@example.com?a=1&b=2</Sip></Dial></Response>
        /// ```
        ///
        /// ## Use instead
        /// ```xml
        /// <Response><Dial><Sip>sip:jack@example.com?a=1&amp;b=2</Sip></Dial></Response>
        /// ```
        ///
        /// ## Where it runs
        /// When a file is parsed. The renderer writes only well-formed XML, and `twiml!` markup
        /// is Rust tokens, so neither is read as XML text.
        MALFORMED_XML: "TW0001" "malformed-xml" Error Some(12100),
            "a document that is not well-formed XML";

        /// ## What it does
        /// Refuses a DOCTYPE, and with it every entity declaration.
        ///
        /// ## Why is this bad
        /// TwiML has no document type. Entity declarations are how XML external entity (XXE)
        /// and entity expansion attacks work, so the parser never expands them.
        ///
        /// ## Example
        /// ```xml
        /// <!DOCTYPE Response [<!ENTITY x "...">]><Response>&x;</Response>
        /// ```
        ///
        /// ## Use instead
        /// The document without its DOCTYPE, with the text written out.
        ///
        /// ## Where it runs
        /// When a file is parsed. The renderer writes only well-formed XML, and `twiml!` markup
        /// is Rust tokens, so neither is read as XML text.
        FORBIDDEN_MARKUP: "TW0002" "forbidden-markup" Error Some(12100),
            "a DOCTYPE or entity declaration";

        /// ## What it does
        /// Refuses elements nested deeper than the parser's bound (64 levels by default).
        ///
        /// ## Why is this bad
        /// TwiML nests about five levels deep; SSML a few more. Anything deeper is a mistake or
        /// an attempt to exhaust the reader.
        ///
        /// ## Example
        /// Ten thousand nested `<prosody>` elements.
        ///
        /// ## Use instead
        /// A flatter document.
        ///
        /// ## Where it runs
        /// When a file is parsed: the bound protects the parser. A built response or `twiml!`
        /// markup is nested as the Rust that made it.
        NESTING_TOO_DEEP: "TW0003" "nesting-too-deep" Error None,
            "elements nested deeper than the parser reads";

        /// ## What it does
        /// Refuses inputs larger than the parser's bound (1 MiB by default).
        ///
        /// ## Why is this bad
        /// Twilio reads at most 64 KB of TwiML (error 11750); the parser's bound sits above that
        /// so that the size check can report documents in between, and stops there so that no
        /// input can make it use unbounded memory.
        ///
        /// ## Example
        /// A 5 MB file of generated `<Say>` elements.
        ///
        /// ## Use instead
        /// Split the flow over several documents joined by `<Redirect>`.
        ///
        /// ## Where it runs
        /// When a file is parsed; a built response or `twiml!` markup is never read as text.
        /// TW0201 bounds what is built.
        INPUT_TOO_LARGE: "TW0004" "input-too-large" Error Some(11750),
            "an input larger than the parser reads";

        /// ## What it does
        /// Finds characters that XML 1.0 cannot carry: the control characters U+0000 to U+001F
        /// other than tab, line feed and carriage return, and U+FFFE and U+FFFF.
        ///
        /// ## Why is this bad
        /// No escaping can put them in an XML 1.0 document, so a document holding one does not
        /// parse, and Twilio answers error 12100. Some helper libraries write them anyway.
        ///
        /// ## Example
        /// A `<Say>` whose text was pasted from a terminal, holding U+0007 (bell).
        ///
        /// ## Use instead
        /// Remove the character, or replace it with a space, before it reaches the response.
        INVALID_XML_CHARACTER: "TW0005" "invalid-xml-character" Error Some(12100),
            "a character that XML 1.0 cannot carry";

        /// ## What it does
        /// Finds comments whose text contains `--` or ends with `-`.
        ///
        /// ## Why is this bad
        /// XML forbids both inside a comment, and a comment cannot be escaped: the document
        /// would not parse (Twilio error 12100).
        ///
        /// ## Example
        /// ```xml
        /// <!-- step 1 -- greet -->
        /// ```
        ///
        /// ## Use instead
        /// ```xml
        /// <!-- step 1: greet -->
        /// ```
        INVALID_COMMENT: "TW0006" "invalid-comment" Error Some(12100),
            "a comment that XML cannot hold";

        /// ## What it does
        /// Finds custom elements and attributes whose names are not XML names.
        ///
        /// ## Why is this bad
        /// A name must start with a letter, `_` or `:` and hold only letters, digits, `_`, `-`,
        /// `.` and `:`. Anything else makes the document unparsable (Twilio error 12100).
        ///
        /// ## Example
        /// A custom attribute named `1st` or `my attr`.
        ///
        /// ## Use instead
        /// The exact name Twilio documents for the new attribute, such as `firstTry`.
        INVALID_NAME: "TW0007" "invalid-name" Error Some(12100),
            "a custom element or attribute name that is not an XML name";

        /// ## What it does
        /// Finds `twiml-allow` comments that name no known rule or give no reason.
        ///
        /// ## Why is this bad
        /// An override turns a compliance rule off for the document; its reason is the audit
        /// trail that shows why the rule does not apply. An override without one is refused.
        ///
        /// ## Example
        /// ```xml
        /// <!-- twiml-allow REC001 -->
        /// ```
        ///
        /// ## Use instead
        /// ```xml
        /// <!-- twiml-allow REC001: consent to recording is captured at sign-up -->
        /// ```
        INVALID_OVERRIDE: "TW0008" "invalid-override" Error None,
            "a `twiml-allow` comment without a known rule or a reason";

        /// ## What it does
        /// Finds documents whose root element is not `<Response>`.
        ///
        /// ## Why is this bad
        /// Twilio answers error 12102 and the call fails. Names are case-sensitive:
        /// `<response>` is not `<Response>`.
        ///
        /// ## Example
        /// ```xml
        /// <Message>Some body</Message>
        /// ```
        ///
        /// ## Use instead
        /// ```xml
        /// <Response><Message>Some body</Message></Response>
        /// ```
        ROOT_NOT_RESPONSE: "TW0101" "root-not-response" Error Some(12102),
            "the root element is not `<Response>`";

        /// ## What it does
        /// Finds elements that TwiML does not have, or that belong to another dialect: a
        /// misspelled or wrongly cased verb, a messaging `<Message>` in a voice response.
        ///
        /// ## Why is this bad
        /// Twilio skips the element with schema warning 12200, so the call goes on without
        /// it: a menu is never played, a message never sent.
        ///
        /// ## Example
        /// ```xml
        /// <Response><say>Hello</say></Response>
        /// ```
        ///
        /// ## Use instead
        /// ```xml
        /// <Response><Say>Hello</Say></Response>
        /// ```
        UNKNOWN_ELEMENT: "TW0102" "unknown-element" Error Some(12200),
            "an element TwiML does not have here";

        /// ## What it does
        /// Finds attributes that an element does not have, with the closest known name.
        ///
        /// ## Why is this bad
        /// Twilio ignores the attribute (schema warning 12200), so the setting the author meant
        /// never takes effect: a misspelled `lagnauge` leaves `<Say>` in English. It is a
        /// warning because Twilio adds attributes often and a new one may be right.
        ///
        /// ## Example
        /// ```xml
        /// <Say lagnauge="fr-FR">Bonjour</Say>
        /// ```
        ///
        /// ## Use instead
        /// ```xml
        /// <Say language="fr-FR">Bonjour</Say>
        /// ```
        UNKNOWN_ATTRIBUTE: "TW0103" "unknown-attribute" Warning Some(12200),
            "an attribute the element does not have";

        /// ## What it does
        /// Finds elements where their parent may not hold them: anything but `<Say>`,
        /// `<Play>` and `<Pause>` inside `<Gather>` (13320), a verb inside `<Dial>` (13215),
        /// a wrong noun inside `<Start>` or `<Stop>` (14300).
        ///
        /// ## Why is this bad
        /// Twilio rejects or skips the element; the flow does not run as written.
        ///
        /// ## Example
        /// ```xml
        /// <Gather><Dial>+14155550100</Dial></Gather>
        /// ```
        ///
        /// ## Use instead
        /// ```xml
        /// <Gather><Say>Press 1 to be connected.</Say></Gather>
        /// <Dial>+14155550100</Dial>
        /// ```
        ELEMENT_NOT_ALLOWED: "TW0104" "element-not-allowed" Error Some(12200),
            "an element its parent may not hold";

        /// ## What it does
        /// Finds attribute values and element text that do not follow their grammar: a value
        /// outside an enumerated set, a malformed URL, SID, phone number, DTMF string or
        /// duration, a number that is not a number.
        ///
        /// ## Why is this bad
        /// Twilio rejects the verb, or ignores the attribute and falls back to a default the
        /// author did not choose (warning 12200, or a verb-specific error).
        ///
        /// ## Example
        /// ```xml
        /// <Gather input="keypad" method="PUT"/>
        /// ```
        ///
        /// ## Use instead
        /// ```xml
        /// <Gather input="dtmf" method="POST"/>
        /// ```
        INVALID_VALUE: "TW0105" "invalid-value" Error Some(12200),
            "a value that does not follow its grammar";

        /// ## What it does
        /// Finds numbers outside their documented bounds and values longer or shorter than
        /// allowed.
        ///
        /// ## Why is this bad
        /// Twilio rejects the verb or clamps the value; either way the call does not behave as
        /// written.
        ///
        /// ## Example
        /// ```xml
        /// <Record maxLength="1"/>
        /// ```
        ///
        /// ## Use instead
        /// ```xml
        /// <Record maxLength="30"/>
        /// ```
        VALUE_OUT_OF_RANGE: "TW0106" "value-out-of-range" Error Some(12200),
            "a number or length outside its bounds";

        /// ## What it does
        /// Finds elements that lack an attribute Twilio requires.
        ///
        /// ## Why is this bad
        /// Without it Twilio cannot run the element: a `<Parameter>` needs a `name` and a
        /// `value`, a `<Prompt>` needs `for`.
        ///
        /// ## Example
        /// ```xml
        /// <Parameter name="customer"/>
        /// ```
        ///
        /// ## Use instead
        /// ```xml
        /// <Parameter name="customer" value="42"/>
        /// ```
        MISSING_ATTRIBUTE: "TW0107" "missing-attribute" Error Some(12200),
            "a required attribute is missing";

        /// ## What it does
        /// Finds elements whose required text is missing or blank.
        ///
        /// ## Why is this bad
        /// A `<Redirect>` without a URL, a `<Number>` without a number, or a `<Body>` without
        /// text cannot run. An empty `<Say>` only draws Twilio warning 13520, so it is reported
        /// as a warning.
        ///
        /// ## Example
        /// ```xml
        /// <Redirect/>
        /// ```
        ///
        /// ## Use instead
        /// ```xml
        /// <Redirect>/voice/menu</Redirect>
        /// ```
        MISSING_TEXT: "TW0108" "missing-text" Error None,
            "an element's required text is missing";

        /// ## What it does
        /// Finds text in elements that hold none, such as words directly inside `<Gather>`
        /// or `<Response>`.
        ///
        /// ## Why is this bad
        /// Twilio ignores it or rejects the document (12200); text meant to be spoken belongs
        /// in a `<Say>`.
        ///
        /// ## Example
        /// ```xml
        /// <Gather>Press 1 for sales</Gather>
        /// ```
        ///
        /// ## Use instead
        /// ```xml
        /// <Gather><Say>Press 1 for sales</Say></Gather>
        /// ```
        TEXT_NOT_ALLOWED: "TW0109" "text-not-allowed" Error Some(12200),
            "text in an element that holds none";

        /// ## What it does
        /// Finds custom attributes that repeat another attribute or stand in for one the table
        /// knows.
        ///
        /// ## Why is this bad
        /// A custom attribute is an escape hatch for names the table does not know yet. Used
        /// for a known name it would write the attribute twice or bypass its typed value and
        /// its checks; one helper library treated exactly this as a security bug.
        ///
        /// ## Example
        /// A `<Say>` with a custom attribute `voice`.
        ///
        /// ## Use instead
        /// The typed setter: `say.voice(Voice::PollyJoanna)`.
        DUPLICATE_ATTRIBUTE: "TW0110" "duplicate-attribute" Error None,
            "an attribute that repeats or shadows another";

        /// ## What it does
        /// Finds custom elements named like an element the table knows.
        ///
        /// ## Why is this bad
        /// A custom element is an escape hatch for names the table does not know yet. Used for
        /// a known name it would bypass the content model, for example putting `<Dial>` inside
        /// `<Gather>`, which Twilio rejects (13320).
        ///
        /// ## Example
        /// A custom element `Dial` added to a `<Gather>`.
        ///
        /// ## Use instead
        /// The typed builder method, in a place the element may appear: `response.dial()`.
        SHADOWED_ELEMENT: "TW0111" "shadowed-element" Error None,
            "a custom element named like a known element";

        /// ## What it does
        /// Finds values of open sets (voices, languages, speech models) that Twilio has not
        /// documented but that follow the set's family, like a new `Polly.*` voice.
        ///
        /// ## Why is this bad
        /// Twilio adds such values every few weeks, so the value may be new and fine. It may
        /// also be a typo, which Twilio answers with a warning and a default voice.
        ///
        /// ## Example
        /// ```xml
        /// <Say voice="Polly.Joana">Hello</Say>
        /// ```
        ///
        /// ## Use instead
        /// ```xml
        /// <Say voice="Polly.Joanna">Hello</Say>
        /// ```
        UNKNOWN_VALUE: "TW0112" "unknown-value" Warning None,
            "a value Twilio has not documented in an open set";

        /// ## What it does
        /// Finds values Twilio accepts that are not in their documented form:
        /// - a phone number that is not E.164, `True` for `true`, a legacy spelling of an
        ///   enumerated value or of an attribute's name (an info);
        /// - an empty value where Twilio's docs give the empty value no meaning, such as
        ///   `<Queue url="">` or `<Dial action="">` (attributes whose empty value the docs do
        ///   define, such as `finishOnKey=""`, are not reported);
        /// - a number past a bound that Twilio's docs do not confirm, such as
        ///   `<Record maxLength>` over 14400 (accounts with 24-hour calls record longer),
        ///   `<Pay maxAttempts>` over 3, or the machine-detection ranges of `<Sip>`.
        ///
        /// ## Why is this bad
        /// Twilio guesses what was meant; the guess can differ by country or change. An
        /// unconfirmed bound may be right for one account and refused for another, so it warns
        /// instead of failing a document that works.
        ///
        /// ## Example
        /// ```xml
        /// <Dial><Number>(415) 555-0100</Number></Dial>
        /// ```
        ///
        /// ## Use instead
        /// ```xml
        /// <Dial><Number>+14155550100</Number></Dial>
        /// ```
        UNUSUAL_VALUE: "TW0113" "unusual-value" Warning None,
            "a value accepted by Twilio but not in its documented form";

        /// ## What it does
        /// Finds elements that lack a child they need, such as a `<Refer>` without its `<Sip>`.
        ///
        /// ## Why is this bad
        /// Twilio cannot run the element.
        ///
        /// ## Example
        /// ```xml
        /// <Refer/>
        /// ```
        ///
        /// ## Use instead
        /// ```xml
        /// <Refer><Sip>sip:alice@example.com</Sip></Refer>
        /// ```
        MISSING_CHILD: "TW0114" "missing-child" Error None,
            "an element lacks a child it needs";

        /// ## What it does
        /// Finds documents larger than 64 KB.
        ///
        /// ## Why is this bad
        /// Twilio reads at most 64 KB of TwiML and answers error 11750 for anything larger.
        ///
        /// ## Example
        /// A response that reads a whole catalogue aloud in one document.
        ///
        /// ## Use instead
        /// Several documents joined by `<Redirect>`, or shorter text.
        ///
        /// ## Where it runs
        /// When a file is validated, on its bytes, and at every build, on the response as it
        /// renders compactly (with its XML declaration). `twiml!` cannot know the size while it
        /// compiles, so the build that every invocation ends with checks it.
        DOCUMENT_TOO_LARGE: "TW0201" "document-too-large" Error Some(11750),
            "a document larger than Twilio reads";

        /// ## What it does
        /// Finds text longer than Twilio accepts: `<Say>` text over 4096 characters (3000 for
        /// Polly voices, error 13521), message bodies over 1600 characters (error 21617).
        ///
        /// ## Why is this bad
        /// Twilio refuses the text or cuts it off.
        ///
        /// ## Example
        /// A `<Body>` with 2000 characters.
        ///
        /// ## Use instead
        /// Shorter text, or several messages.
        TEXT_TOO_LONG: "TW0202" "text-too-long" Error None,
            "text longer than Twilio accepts";

        /// ## What it does
        /// Finds elements with more children of one kind than Twilio allows: more than 10
        /// `<Media>` in a `<Message>` (error 21623), more than 10 `<Number>` or `<Client>` nouns
        /// in a `<Dial>`, more than one `<Conference>`.
        ///
        /// ## Why is this bad
        /// Twilio rejects the verb.
        ///
        /// ## Example
        /// A `<Message>` with eleven `<Media>` children.
        ///
        /// ## Use instead
        /// At most ten, or several messages.
        TOO_MANY_CHILDREN: "TW0203" "too-many-children" Error None,
            "more children of one kind than Twilio allows";

        /// ## What it does
        /// Finds verbs after `<Hangup>`, `<Reject>` or `<Redirect>` in the same document.
        ///
        /// ## Why is this bad
        /// Those verbs end the document: nothing after them ever runs, so a closing message or
        /// a fallback placed there is silently lost.
        ///
        /// ## Example
        /// ```xml
        /// <Response><Hangup/><Say>Goodbye</Say></Response>
        /// ```
        ///
        /// ## Use instead
        /// ```xml
        /// <Response><Say>Goodbye</Say><Hangup/></Response>
        /// ```
        UNREACHABLE_VERB: "TW0301" "unreachable-verb" Warning None,
            "verbs after one that ends the document";

        /// ## What it does
        /// Finds content that may not be combined in one element: text beside child elements
        /// in a `<Dial>` or `<Message>`, a `<Conference>` dialled with `<Number>` nouns (13000),
        /// a `<Sip>` beside other nouns.
        ///
        /// ## Why is this bad
        /// Twilio takes one or the other, or rejects the verb; which one is not what the
        /// author can rely on.
        ///
        /// ## Example
        /// ```xml
        /// <Dial>+14155550100<Number>+14155550101</Number></Dial>
        /// ```
        ///
        /// ## Use instead
        /// ```xml
        /// <Dial><Number>+14155550100</Number><Number>+14155550101</Number></Dial>
        /// ```
        CONFLICTING_CONTENT: "TW0302" "conflicting-content" Error None,
            "content that may not be combined in one element";

        /// ## What it does
        /// Finds a document of one dialect where another is expected: a voice response
        /// (`<Say>`, `<Dial>`) where a messaging one is expected, or the reverse. It runs only
        /// when the caller says which dialect it expects (`twiml check --expect messaging`).
        ///
        /// ## Why is this bad
        /// Twilio reads the document as the dialect of the webhook that fetched it; verbs of
        /// the other dialect are unknown there (12200) and nothing happens.
        ///
        /// ## Example
        /// A `<Response><Say>Thanks!</Say></Response>` served to a messaging webhook.
        ///
        /// ## Use instead
        /// `<Response><Message>Thanks!</Message></Response>`.
        ///
        /// ## Where it runs
        /// When a file is validated with an expected dialect. A response built from
        /// `VoiceResponse` is voice by its type, and `twiml!` markup by its content (or
        /// `#![dialect(..)]`).
        WRONG_DIALECT: "TW0303" "wrong-dialect" Error Some(12200),
            "a document of another dialect than the one expected";

        /// ## What it does
        /// Finds what cannot be read in the `[flow]` section of `twiml.toml`: an unknown key, a
        /// value of the wrong type, a `base-url` that is not an absolute `https://` or `http://`
        /// URL, a route that is not a path (it starts with `/` and has no query string), no
        /// `entry`, or an entry that no route maps.
        ///
        /// ## Why is this bad
        /// The flow is how `twiml check` follows a call from one document to the next, so that
        /// each document is checked with what the caller heard before it. A route it cannot
        /// read leaves part of the call unfollowed: the documents behind it are checked one by
        /// one, as if nothing came before them. The rest of the section is still read and every
        /// document still checked.
        ///
        /// ## Example
        /// ```toml
        /// [flow]
        /// base-url = "ivr.example.com"
        /// entry = ["/voice"]
        ///
        /// [flow.routes]
        /// "/voice" = "voice.xml"
        /// menu = "menu.xml"
        /// ```
        ///
        /// ## Use instead
        /// ```toml
        /// [flow]
        /// base-url = "https://ivr.example.com"
        /// entry = ["/voice"]
        ///
        /// [flow.routes]
        /// "/voice" = "voice.xml"
        /// "/menu" = "menu.xml"
        /// ```
        INVALID_FLOW: "TW0401" "invalid-flow" Error None,
            "a `[flow]` section of `twiml.toml` that cannot be read";

        /// ## What it does
        /// Finds a route of `[flow.routes]` whose document cannot be read: the file does not
        /// exist (a typo, a document renamed or moved) or cannot be opened.
        ///
        /// ## Why is this bad
        /// Calls that reach the route get a document the check never saw. The finding is
        /// reported at the route in `twiml.toml`; the edges into the route end there, and the
        /// rest of the flow is still checked.
        ///
        /// ## Example
        /// ```toml
        /// [flow.routes]
        /// "/menu" = "menus.xml"   # the file is menu.xml
        /// ```
        ///
        /// ## Use instead
        /// ```toml
        /// [flow.routes]
        /// "/menu" = "menu.xml"
        /// ```
        MISSING_ROUTE_DOCUMENT: "TW0402" "missing-route-document" Error None,
            "a route of `[flow.routes]` whose document cannot be read";
    }
}

pub use checks::CHECKS;

/// The structural check with this code or name.
pub fn find_check(code_or_name: &str) -> Option<&'static CheckInfo> {
    CHECKS
        .iter()
        .copied()
        .find(|c| c.code.eq_ignore_ascii_case(code_or_name) || c.name == code_or_name)
}
