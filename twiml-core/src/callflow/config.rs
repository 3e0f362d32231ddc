//! The routes of a flow: the `[flow]` section of `twiml.toml`, or a [`FlowConfig`] built in
//! code.
//!
//! ```toml
//! [flow]
//! base-url = "https://ivr.example.com"   # absolute URLs under it resolve to routes
//! entry = ["/voice"]                     # where calls start
//!
//! [flow.routes]                          # the document that answers each path
//! "/voice" = "voice.xml"
//! "/menu" = "menu.xml"
//! ```
//!
//! A route is a path as the server sees it (`/voice`, `/ivr/menu`), without a query string;
//! its document is a file, relative to the folder of `twiml.toml`. A route whose handler
//! answers each input of a menu with another document maps each input to its file: a key
//! (`"1"`, `"*"`), `speech`, and `default` for anything else (a redirect, no input, a key the
//! table does not name):
//!
//! ```toml
//! [flow.routes]
//! "/menu" = { "1" = "menu-pay.xml", "2" = "menu-agent.xml", speech = "menu-agent.xml", default = "menu-again.xml" }
//! ```
//!
//! Every problem is reported at its line and column, and the parts that can be read are used.

use crate::diagnostic::{Diagnostic, checks};
use crate::parse::ByteSpan;

use super::url::BaseUrl;

/// One route: the path Twilio requests, and the file of the document that answers it (for
/// one input of a menu, when the route answers each with another document).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Route {
    /// The path (`/menu`).
    pub path: String,
    /// The input this document answers, when the route answers inputs with different
    /// documents.
    pub input: Option<RouteInput>,
    /// The document's file, relative to the folder of `twiml.toml` (`menu.xml`).
    pub file: String,
    /// Where the file is written in `twiml.toml` (empty for a route built in code).
    pub span: ByteSpan,
}

/// The input of a menu that a route answers with its own document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RouteInput {
    /// A key: `0`-`9`, `*` or `#`.
    Key(char),
    /// Speech.
    Speech,
    /// Anything else: another key, no input, a redirect, an `action` of another verb.
    Default,
}

impl RouteInput {
    /// Reads a key of a route's table: `"1"`, `"*"`, `speech` or `default`.
    pub fn parse(text: &str) -> Option<RouteInput> {
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_ascii_digit() || matches!(c, '*' | '#') => {
                Some(RouteInput::Key(c))
            }
            _ => match text {
                "speech" => Some(RouteInput::Speech),
                "default" => Some(RouteInput::Default),
                _ => None,
            },
        }
    }
}

impl std::fmt::Display for RouteInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RouteInput::Key(key) => write!(f, "{key}"),
            RouteInput::Speech => f.write_str("speech"),
            RouteInput::Default => f.write_str("default"),
        }
    }
}

/// Where calls start: a route's path, and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(crate) path: String,
    pub(crate) span: ByteSpan,
}

/// The routes of a call flow, their base URL, and the routes calls start at.
///
/// ```
/// use twiml_core::callflow::FlowConfig;
///
/// let flow = FlowConfig::new()
///     .base_url("https://ivr.example.com")
///     .entry("/voice")
///     .route("/voice", "voice.xml")
///     .route("/menu", "menu.xml");
/// assert!(flow.problems().is_empty());
/// assert_eq!(flow.routes()[1].file, "menu.xml");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FlowConfig {
    pub(crate) base_url: Option<BaseUrl>,
    pub(crate) entries: Vec<Entry>,
    pub(crate) routes: Vec<Route>,
    problems: Vec<Diagnostic<ByteSpan>>,
}

impl FlowConfig {
    /// A flow with no routes yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the base URL: absolute URLs under it lead to the flow's routes. A URL that is not
    /// an absolute `https://` or `http://` URL is a problem (TW0401).
    pub fn base_url(mut self, url: &str) -> Self {
        self.set_base_url(url, ByteSpan::default());
        self
    }

    /// Adds a route where calls start.
    pub fn entry(mut self, path: &str) -> Self {
        self.add_entry(path, ByteSpan::default());
        self
    }

    /// Adds a route: the document in `file` answers requests for `path`.
    pub fn route(mut self, path: &str, file: &str) -> Self {
        self.add_route(path, None, file, ByteSpan::default(), ByteSpan::default());
        self
    }

    /// Adds a route that answers one input of a menu with its own document: the document in
    /// `file` answers `path` when the caller gave `input`.
    pub fn route_for(mut self, path: &str, input: RouteInput, file: &str) -> Self {
        self.add_route(
            path,
            Some(input),
            file,
            ByteSpan::default(),
            ByteSpan::default(),
        );
        self
    }

    /// The base URL, without a trailing `/`.
    pub fn base(&self) -> Option<&str> {
        self.base_url.as_ref().map(BaseUrl::as_str)
    }

    /// The paths of the routes calls start at.
    pub fn entries(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.path.as_str())
    }

    /// The routes, in the order given.
    pub fn routes(&self) -> &[Route] {
        &self.routes
    }

    /// What could not be read, located in `twiml.toml` (TW0401). The rest of the flow is
    /// used as far as it goes.
    pub fn problems(&self) -> &[Diagnostic<ByteSpan>] {
        &self.problems
    }

    fn problem(&mut self, span: ByteSpan, message: String, help: Option<&str>) {
        let diagnostic = Diagnostic::new(&checks::INVALID_FLOW, message, span);
        self.problems
            .push(diagnostic.with_optional_help(help.map(str::to_string)));
    }

    fn set_base_url(&mut self, url: &str, span: ByteSpan) {
        match BaseUrl::parse(url) {
            Ok(base) => self.base_url = Some(base),
            Err(message) => self.problem(
                span,
                format!("`base-url`: {message}"),
                Some("write the URL Twilio requests the documents from, such as `https://ivr.example.com`"),
            ),
        }
    }

    fn add_entry(&mut self, path: &str, span: ByteSpan) {
        match route_path(path) {
            Ok(path) => self.entries.push(Entry { path, span }),
            Err(message) => self.problem(span, format!("`entry`: {message}"), None),
        }
    }

    fn add_route(
        &mut self,
        path: &str,
        input: Option<RouteInput>,
        file: &str,
        key_span: ByteSpan,
        span: ByteSpan,
    ) {
        let path = match route_path(path) {
            Ok(path) => path,
            Err(message) => return self.problem(key_span, format!("route {message}"), None),
        };
        let plain = |r: &Route| r.path == path && (r.input.is_none() || input.is_none());
        if self
            .routes
            .iter()
            .any(|r| plain(r) || (r.path == path && r.input == input))
        {
            return self.problem(
                key_span,
                format!("route `{path}` is mapped twice"),
                Some("map a route to one document, or to one document per input"),
            );
        }
        if file.trim().is_empty() {
            return self.problem(
                span,
                format!("route `{path}` names no document"),
                Some("give the document's file, relative to `twiml.toml`: `\"/voice\" = \"voice.xml\"`"),
            );
        }
        self.routes.push(Route {
            path,
            input,
            file: file.trim().to_string(),
            span,
        });
    }
}

/// A route's path as written, checked: it starts with `/` and has no query string.
fn route_path(path: &str) -> Result<String, String> {
    let path = path.trim();
    if !path.starts_with('/') {
        return Err(format!(
            "`{path}` is not a path: a route starts with `/`, such as `/voice`"
        ));
    }
    if path.contains(['?', '#']) {
        return Err(format!(
            "`{path}` has a query string or fragment, which picks no route: write the path alone"
        ));
    }
    Ok(path.to_string())
}

#[cfg(feature = "config")]
mod toml_file {
    use toml::Spanned;
    use toml::de::{DeString, DeTable, DeValue};

    use super::{FlowConfig, RouteInput};
    use crate::diagnostic::{Diagnostic, checks};
    use crate::parse::ByteSpan;

    fn span(spanned_range: std::ops::Range<usize>) -> ByteSpan {
        ByteSpan::new(spanned_range)
    }

    /// The name of a value's type, for messages.
    fn kind(value: &DeValue<'_>) -> &'static str {
        match value {
            DeValue::String(_) => "a string",
            DeValue::Integer(_) => "an integer",
            DeValue::Float(_) => "a float",
            DeValue::Boolean(_) => "a boolean",
            DeValue::Datetime(_) => "a date",
            DeValue::Array(_) => "an array",
            DeValue::Table(_) => "a table",
        }
    }

    impl FlowConfig {
        /// Reads the `[flow]` section of the text of a `twiml.toml`: `None` when there is
        /// none. Each problem in the section (an unknown key, a value of the wrong type, a
        /// route that is not a path) is one of [`FlowConfig::problems`], at its place; the
        /// rest of the section is read.
        ///
        /// ```
        /// use twiml_core::callflow::FlowConfig;
        ///
        /// let text = "[flow]\nentry = \"/voice\"\n\n[flow.routes]\n\"/voice\" = \"voice.xml\"\nmenu = \"menu.xml\"\n";
        /// let flow = FlowConfig::from_toml(text)?.expect("a [flow] section");
        /// assert_eq!(flow.routes().len(), 1);
        /// assert_eq!(flow.problems()[0].message, "route `menu` is not a path: a route starts with `/`, such as `/voice`");
        /// assert_eq!(&text[flow.problems()[0].span.range()], "menu");
        /// # Ok::<(), twiml_core::Diagnostic<twiml_core::ByteSpan>>(())
        /// ```
        ///
        /// # Errors
        ///
        /// The TOML syntax error that keeps the file from being read at all, located
        /// (TW0401).
        pub fn from_toml(text: &str) -> Result<Option<FlowConfig>, Diagnostic<ByteSpan>> {
            let table = DeTable::parse(text).map_err(|e| {
                Diagnostic::new(
                    &checks::INVALID_FLOW,
                    e.message().trim_end().to_string(),
                    e.span().map(span).unwrap_or_default(),
                )
            })?;
            let Some((key, flow)) = table.get_ref().iter().find(|(k, _)| k.get_ref() == "flow")
            else {
                return Ok(None);
            };
            let mut config = FlowConfig::new();
            let DeValue::Table(flow) = flow.get_ref() else {
                config.problem(
                    span(flow.span()),
                    format!(
                        "`flow` is {}; it must be a table, `[flow]`",
                        kind(flow.get_ref())
                    ),
                    None,
                );
                return Ok(Some(config));
            };
            let mut entries_given = false;
            let mut items: Vec<_> = flow.iter().collect();
            items.sort_by_key(|(k, _)| k.span().start);
            for (name, value) in items {
                match name.get_ref().as_ref() {
                    "base-url" => match value.get_ref() {
                        DeValue::String(url) => config.set_base_url(url, span(value.span())),
                        other => config.problem(
                            span(value.span()),
                            format!("`base-url` is {}; it must be a string", kind(other)),
                            None,
                        ),
                    },
                    "entry" => {
                        entries_given = true;
                        config.read_entries(value);
                    }
                    "routes" => config.read_routes(value),
                    other => config.problem(
                        span(name.span()),
                        format!(
                            "unknown key `{other}` in `[flow]`; the keys are `base-url`, `entry` and `routes`"
                        ),
                        None,
                    ),
                }
            }
            if !entries_given {
                config.problem(
                    span(key.span()),
                    "`[flow]` names no `entry`, the route where calls start".to_string(),
                    Some("add `entry = [\"/voice\"]`, with the path of the first document"),
                );
            }
            Ok(Some(config))
        }

        fn read_entries(&mut self, value: &Spanned<DeValue<'_>>) {
            let add = |this: &mut FlowConfig, value: &Spanned<DeValue<'_>>| match value.get_ref() {
                DeValue::String(path) => this.add_entry(path, span(value.span())),
                other => this.problem(
                    span(value.span()),
                    format!(
                        "an entry is {}; it must be a string, a route's path",
                        kind(other)
                    ),
                    None,
                ),
            };
            match value.get_ref() {
                DeValue::Array(items) => {
                    if items.is_empty() {
                        self.problem(
                            span(value.span()),
                            "`entry` is empty: no call starts anywhere".to_string(),
                            Some("name the route where calls start: `entry = [\"/voice\"]`"),
                        );
                    }
                    for item in items {
                        add(self, item);
                    }
                }
                _ => add(self, value),
            }
        }

        fn read_routes(&mut self, value: &Spanned<DeValue<'_>>) {
            let DeValue::Table(routes) = value.get_ref() else {
                self.problem(
                    span(value.span()),
                    format!(
                        "`routes` is {}; it must be a table, `[flow.routes]`",
                        kind(value.get_ref())
                    ),
                    None,
                );
                return;
            };
            let mut items: Vec<_> = routes.iter().collect();
            items.sort_by_key(|(k, _)| k.span().start);
            for (path, file) in items {
                match file.get_ref() {
                    DeValue::String(name) => {
                        let key = span(path.span());
                        self.add_route(path.get_ref(), None, name, key, span(file.span()));
                    }
                    DeValue::Table(inputs) => self.read_inputs(path, inputs),
                    other => self.problem(
                        span(file.span()),
                        format!(
                            "route `{}` is {}; it must be a string, the document's file, or a table of files by input",
                            path.get_ref(),
                            kind(other)
                        ),
                        None,
                    ),
                }
            }
        }

        fn read_inputs(&mut self, path: &Spanned<DeString<'_>>, inputs: &DeTable<'_>) {
            let mut items: Vec<_> = inputs.iter().collect();
            items.sort_by_key(|(k, _)| k.span().start);
            if items.is_empty() {
                self.problem(
                    span(path.span()),
                    format!("route `{}` maps no input to a document", path.get_ref()),
                    None,
                );
            }
            for (input, file) in items {
                let Some(parsed) = RouteInput::parse(input.get_ref()) else {
                    self.problem(
                        span(input.span()),
                        format!(
                            "unknown input `{}` of route `{}`; the inputs are a key (`\"1\"`, `\"*\"`, `\"#\"`), `speech` and `default`",
                            input.get_ref(),
                            path.get_ref()
                        ),
                        None,
                    );
                    continue;
                };
                match file.get_ref() {
                    DeValue::String(name) => self.add_route(
                        path.get_ref(),
                        Some(parsed),
                        name,
                        span(input.span()),
                        span(file.span()),
                    ),
                    other => self.problem(
                        span(file.span()),
                        format!(
                            "input `{}` of route `{}` is {}; it must be a string, the document's file",
                            input.get_ref(),
                            path.get_ref(),
                            kind(other)
                        ),
                        None,
                    ),
                }
            }
        }
    }
}
