//! Checking a whole flow: every path from each entry, each document under the state of the
//! call on the paths that reach it.
//!
//! Paths are followed in breadth-first order, and merged by state: a document is checked
//! once per distinct state it is reached in (at most 2⁶ per document), never once per path,
//! so a flow of hundreds of menus with ten branches each costs a handful of checks per
//! document, and a loop ends as soon as it brings the call back in a state already seen. The
//! first path found to each (document, state) is the shortest one; it is the path a finding's
//! note shows.

use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt;

use crate::ParsedDocument;
use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Severity, checks};
use crate::parse::{ByteSpan, ParseOptions, parse_bytes};
use crate::rules::{
    AppliedOverride, Level, Policy, Suppressed, check_rules_keeping_suppressed, declare_rule,
};
use crate::validate::{policy_problems, validate_structure};

use super::config::{FlowConfig, Route, RouteInput};
use super::document::{DocumentFlow, Exit, Via};
use super::state::CallState;
use super::url::{Target, resolve};

declare_rule! {
    /// ## What it does
    /// Reports, when `twiml check` follows a flow (a folder whose `twiml.toml` has a `[flow]`
    /// section), each place where the call continues at a URL that no route of
    /// `[flow.routes]` maps: an `action`, a `<Redirect>`, a `<Number url>` whisper or a
    /// `waitUrl` that leads to a path the flow does not list, or to another server. The
    /// document there is not checked, and neither is anything after it. An info: the flow
    /// may well continue in a service of its own.
    ///
    /// ## Why is this bad
    /// The rules follow the call to know what the caller heard before each document: a notice
    /// given in one document covers a recording in the next, a business named at the start
    /// covers the rest of the call. Past an unmapped URL the check knows nothing, so a
    /// recording there may start before any notice (Cal. Penal Code §632.7), and card data may
    /// be taken while it runs, without a finding. Mapping the route, or checking the other
    /// service's documents too, closes the gap.
    ///
    /// ## Example
    /// ```toml
    /// [flow]
    /// base-url = "https://ivr.example.com"
    /// entry = ["/voice"]
    ///
    /// [flow.routes]
    /// "/voice" = "voice.xml"
    /// ```
    ///
    /// ```xml
    /// <Response>
    ///   <Say>This call may be recorded.</Say>
    ///   <Redirect>/menu</Redirect>
    /// </Response>
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
    ///
    /// ```xml
    /// <Response>
    ///   <Say>This call may be recorded.</Say>
    ///   <Redirect>/menu</Redirect>
    /// </Response>
    /// ```
    ///
    /// ## References
    /// - Twilio, TwiML `<Redirect>`: <https://www.twilio.com/docs/voice/twiml/redirect>
    /// - Twilio, `<Gather>` `action`: <https://www.twilio.com/docs/voice/twiml/gather#action>
    /// - Cal. Penal Code §632.7 (all-party consent to recording)
    pub GEN002 {
        name: "flow-continues-elsewhere",
        family: General,
        level: Deny,
        reports: "information",
        regimes: [],
        needs: [],
        example_policy: "",
        kind: Flow,
        summary: "the call continues at a URL that no route of the flow maps, so what follows is not checked",
    }
}

/// One step of a path: a document, and what took the call there from the step before.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct PathStep {
    /// The route's path (`/menu`).
    pub route: String,
    /// The route's document, as `twiml.toml` names it (`menu.xml`).
    pub file: String,
    /// What took the call here (`digit 2`); `None` for the entry.
    #[cfg_attr(feature = "serde", serde(serialize_with = "via_text"))]
    pub via: Option<Via>,
}

#[cfg(feature = "serde")]
fn via_text<S: serde::Serializer>(via: &Option<Via>, serializer: S) -> Result<S::Ok, S::Error> {
    match via {
        Some(via) => serializer.collect_str(via),
        None => serializer.serialize_none(),
    }
}

/// A path through the flow, from an entry to a document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct FlowPath {
    /// The documents, the entry first.
    pub steps: Vec<PathStep>,
}

impl FlowPath {
    /// The note a finding carries: `reached by voice.xml → menu.xml (digit 2)`, or `reached
    /// at the start of the call (voice.xml)` for an entry.
    pub fn note(&self) -> String {
        match self.steps.as_slice() {
            [only] => format!("reached at the start of the call ({})", only.file),
            _ => format!("reached by {self}"),
        }
    }
}

/// `voice.xml → menu.xml (digit 2) → agent.xml (after <Dial>)`.
impl fmt::Display for FlowPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.steps.iter().enumerate() {
            if i > 0 {
                f.write_str(" → ")?;
            }
            f.write_str(&step.file)?;
            if let Some(via) = step.via {
                write!(f, " ({via})")?;
            }
        }
        Ok(())
    }
}

/// A finding in a document of a flow, with the path that makes it true.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct FlowDiagnostic {
    /// The finding, located in the document.
    pub diagnostic: Diagnostic<ByteSpan>,
    /// The shortest path on which it holds; `None` for a finding that holds on every path
    /// (the document's structure), and in a document no entry reaches.
    pub reached_by: Option<FlowPath>,
}

/// What checking a flow found in one of its documents.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct DocumentReport {
    /// The route.
    pub route: Route,
    /// The document's text, when it could be read (bytes that are not UTF-8 are replaced).
    pub source: Option<String>,
    /// Whether the document parsed; when not, its one diagnostic says where it stopped.
    pub parsed: bool,
    /// Every finding, in source order, each once.
    pub diagnostics: Vec<FlowDiagnostic>,
    /// The overrides that applied, with how many findings each kept from being reported.
    pub overrides: Vec<AppliedOverride>,
    /// The findings the overrides suppressed, in source order.
    pub suppressed: Vec<Suppressed<ByteSpan>>,
    /// The distinct states calls reach the document in; empty when no entry reaches it (it is
    /// then checked on its own, as `twiml check` checks any document).
    pub states: Vec<CallState>,
}

/// A node of the call graph: a route's document, or a URL outside the flow.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum GraphNode {
    /// The document of the route at this index of [`FlowConfig::routes`].
    Document {
        /// The index of the route (and of its [`DocumentReport`]).
        route: usize,
        /// Calls start here.
        entry: bool,
    },
    /// A URL that no route maps, or an input that a route's table does not answer (GEN002).
    Unmapped {
        /// The URL, resolved where it could be (`/help`, `https://pay.example.net/start`).
        url: String,
        /// The input the route's table does not answer, when the route is mapped.
        input: Option<Via>,
    },
}

/// An edge of the call graph: one exit of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct GraphEdge {
    /// The node the call leaves (a document).
    pub from: usize,
    /// The node it reaches.
    pub to: usize,
    /// The exit.
    pub exit: Exit,
    /// The states the call takes along the edge, over every path that uses it; empty for an
    /// edge of a document no entry reaches.
    pub states: Vec<CallState>,
}

/// The call graph: the routes' documents, the URLs outside the flow, and the exits between
/// them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct FlowGraph {
    /// The nodes: first one per route, in the order of [`FlowConfig::routes`], then one per
    /// unmapped URL.
    pub nodes: Vec<GraphNode>,
    /// The edges, by document, then in execution order.
    pub edges: Vec<GraphEdge>,
}

/// What checking a flow found.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct FlowReport {
    /// One report per route, in the order of [`FlowConfig::routes`].
    pub documents: Vec<DocumentReport>,
    /// Problems located in `twiml.toml`: the configuration's own (TW0401), and routes whose
    /// document cannot be read (TW0402).
    pub problems: Vec<Diagnostic<ByteSpan>>,
    /// The call graph.
    pub graph: FlowGraph,
}

/// A (document, state) the search reached, and how.
struct Visit {
    route: usize,
    state: CallState,
    /// The visit before, and the exit that led here.
    from: Option<(usize, Via)>,
}

/// Checks every document of `flow` along every path from each entry, under `policy`.
/// `read` gives the bytes of a route's document (a route whose document cannot be read is
/// reported at its place in `twiml.toml`, TW0402, and the rest is checked).
///
/// ```
/// use twiml_core::callflow::{FlowConfig, check_flow};
/// use twiml_core::{ParseOptions, Policy};
///
/// let flow = FlowConfig::new()
///     .entry("/voice")
///     .route("/voice", "voice.xml")
///     .route("/agent", "agent.xml");
/// let read = |route: &twiml_core::callflow::Route| -> std::io::Result<Vec<u8>> {
///     Ok(match route.file.as_str() {
///         "voice.xml" => b"<Response><Say>This call may be recorded.</Say><Redirect>/agent</Redirect></Response>".to_vec(),
///         _ => br#"<Response><Dial record="record-from-answer">+14155550100</Dial></Response>"#.to_vec(),
///     })
/// };
/// let report = check_flow(&flow, read, &Policy::new(), &ParseOptions::default());
/// // The notice in voice.xml covers the recording in agent.xml: no REC001. (The party the
/// // `<Dial>` reaches has heard no notice: REC002, a warning.)
/// let codes: Vec<_> = report
///     .documents
///     .iter()
///     .flat_map(|d| &d.diagnostics)
///     .map(|d| d.diagnostic.code.code())
///     .collect();
/// assert_eq!(codes, ["REC002"]);
/// ```
pub fn check_flow(
    flow: &FlowConfig,
    mut read: impl FnMut(&Route) -> std::io::Result<Vec<u8>>,
    policy: &Policy,
    options: &ParseOptions,
) -> FlowReport {
    let routes = &flow.routes;
    let mut problems: Vec<Diagnostic<ByteSpan>> = flow.problems().to_vec();

    // Read and parse every document once.
    let mut sources: Vec<Option<String>> = Vec::with_capacity(routes.len());
    let mut unreadable: Vec<Option<Diagnostic<ByteSpan>>> = Vec::with_capacity(routes.len());
    for route in routes {
        match read(route) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => {
                    sources.push(Some(text));
                    unreadable.push(None);
                }
                Err(e) => {
                    let error = parse_bytes(e.as_bytes(), options).err();
                    sources.push(Some(String::from_utf8_lossy(e.as_bytes()).into_owned()));
                    unreadable.push(error);
                }
            },
            Err(e) => {
                problems.push(
                    Diagnostic::new(
                        &checks::MISSING_ROUTE_DOCUMENT,
                        format!(
                            "the document of route `{}` cannot be read: `{}`: {e}",
                            route.path, route.file
                        ),
                        route.span,
                    )
                    .with_help("give the file of the route's document, relative to `twiml.toml`"),
                );
                sources.push(None);
                unreadable.push(None);
            }
        }
    }
    let mut structure: Vec<Vec<Diagnostic<ByteSpan>>> = Vec::with_capacity(routes.len());
    let mut documents: Vec<Option<ParsedDocument<'_>>> = Vec::with_capacity(routes.len());
    for (source, error) in sources.iter().zip(unreadable) {
        match (source, error) {
            (Some(_), Some(error)) => {
                structure.push(vec![error]);
                documents.push(None);
            }
            (Some(text), None) => {
                let validation = validate_structure(text, options);
                structure.push(validation.diagnostics);
                documents.push(validation.document);
            }
            (None, _) => {
                structure.push(Vec::new());
                documents.push(None);
            }
        }
    }
    let flows: Vec<Option<DocumentFlow<'_, '_>>> = documents
        .iter()
        .map(|d| d.as_ref().map(DocumentFlow::new))
        .collect();

    // Where each exit leads.
    let mut by_path: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, route) in routes.iter().enumerate() {
        by_path.entry(route.path.as_str()).or_default().push(i);
    }
    let mut graph = FlowGraph {
        nodes: (0..routes.len())
            .map(|route| GraphNode::Document {
                route,
                entry: flow.entries.iter().any(|e| e.path == routes[route].path),
            })
            .collect(),
        edges: Vec::new(),
    };
    let mut unmapped: HashMap<(String, Option<Via>), usize> = HashMap::new();
    // For each document, the nodes each exit leads to.
    let mut targets: Vec<Vec<Vec<usize>>> = Vec::with_capacity(routes.len());
    for (route, reading) in routes.iter().zip(&flows) {
        let Some(reading) = reading else {
            targets.push(Vec::new());
            continue;
        };
        let mut to = Vec::with_capacity(reading.exits.len());
        for exit in &reading.exits {
            let url = exit.url.as_deref().unwrap_or("");
            let target = resolve(flow.base_url.as_ref(), &route.path, url);
            let mapped = matches!(&target, Target::Path(p) if by_path.contains_key(p.as_str()));
            if exit.via == Via::OtherKeys && !mapped {
                // Keys the menu does not name go where the named ones go.
                to.push(Vec::new());
                continue;
            }
            let nodes = match target {
                Target::Path(path) => match by_path.get(path.as_str()) {
                    Some(candidates) => match answering(routes, candidates, exit.via) {
                        Some(found) => found,
                        None => vec![unmapped_node(
                            &mut graph,
                            &mut unmapped,
                            path,
                            Some(exit.via),
                        )],
                    },
                    None => vec![unmapped_node(&mut graph, &mut unmapped, path, None)],
                },
                Target::Elsewhere(url) => vec![unmapped_node(&mut graph, &mut unmapped, url, None)],
            };
            to.push(nodes);
        }
        targets.push(to);
    }

    // The search.
    let start = CallState::from_policy(policy);
    let mut visits: Vec<Visit> = Vec::new();
    let mut seen: HashMap<(usize, CallState), usize> = HashMap::new();
    let mut queue = VecDeque::new();
    for entry in &flow.entries {
        let entered = by_path
            .get(entry.path.as_str())
            .and_then(|candidates| answering(routes, candidates, Via::Redirect));
        match entered {
            Some(entered) => {
                for route in entered {
                    if seen.insert((route, start), visits.len()).is_none() {
                        queue.push_back(visits.len());
                        visits.push(Visit {
                            route,
                            state: start,
                            from: None,
                        });
                    }
                }
            }
            None => problems.push(
                Diagnostic::new(
                    &checks::INVALID_FLOW,
                    format!(
                        "the entry `{}` is not a route of `[flow.routes]`",
                        entry.path
                    ),
                    entry.span,
                )
                .with_help("add the route, or name one of `[flow.routes]` as the entry"),
            ),
        }
    }
    // The states along each edge, by (document, exit).
    let mut edge_states: HashMap<(usize, usize), Vec<CallState>> = HashMap::new();
    while let Some(v) = queue.pop_front() {
        let (route, state) = (visits[v].route, visits[v].state);
        let Some(reading) = &flows[route] else {
            continue;
        };
        for (i, (exit, after)) in reading
            .exits
            .iter()
            .zip(reading.exit_states(state, policy))
            .enumerate()
        {
            let along = edge_states.entry((route, i)).or_default();
            if !along.contains(&after) {
                along.push(after);
            }
            for &to in &targets[route][i] {
                if to >= routes.len() {
                    continue;
                }
                if let std::collections::hash_map::Entry::Vacant(slot) = seen.entry((to, after)) {
                    slot.insert(visits.len());
                    queue.push_back(visits.len());
                    visits.push(Visit {
                        route: to,
                        state: after,
                        from: Some((v, exit.via)),
                    });
                }
            }
        }
    }
    for (route, reading) in flows.iter().enumerate() {
        let Some(reading) = reading else { continue };
        for (i, exit) in reading.exits.iter().enumerate() {
            let states = edge_states.remove(&(route, i)).unwrap_or_default();
            for &to in &targets[route][i] {
                graph.edges.push(GraphEdge {
                    from: route,
                    to,
                    exit: exit.clone(),
                    states: states.clone(),
                });
            }
        }
    }

    // The rules, once per document and distinct facts, in the order the search reached them.
    let path_of = |mut v: usize| {
        let mut steps = Vec::new();
        loop {
            let visit = &visits[v];
            let route = &routes[visit.route];
            steps.push(PathStep {
                route: route.path.clone(),
                file: route.file.clone(),
                via: visit.from.map(|(_, via)| via),
            });
            match visit.from {
                Some((before, _)) => v = before,
                None => break,
            }
        }
        steps.reverse();
        FlowPath { steps }
    };
    let mut found: Vec<Found> = (0..routes.len()).map(|_| Found::default()).collect();
    let mut checked: HashSet<(usize, CallState)> = HashSet::new();
    for (v, visit) in visits.iter().enumerate() {
        let report = &mut found[visit.route];
        if !report.states.contains(&visit.state) {
            report.states.push(visit.state);
        }
        let Some(document) = &documents[visit.route] else {
            continue;
        };
        let facts = facts_of(visit.state);
        if !checked.insert((visit.route, facts)) {
            continue;
        }
        report.run(document, &visit.state.policy(policy), Some(v), &path_of);
    }
    // GEN002, once per exit of a reached document that leads out of the flow.
    for edge in &graph.edges {
        let GraphNode::Unmapped { url, input } = &graph.nodes[edge.to] else {
            continue;
        };
        let Some(v) = visits.iter().position(|visit| visit.route == edge.from) else {
            continue;
        };
        let (message, help) = match (input, resolve(None, "/", url)) {
            (Some(via), _) => (
                format!(
                    "the call continues at `{url}` ({via}), for which the route names no document: what follows is not checked"
                ),
                "give the input its document in the route's table of `[flow.routes]`, or a `default`",
            ),
            (None, Target::Path(_)) => (
                format!(
                    "the call continues at `{url}`, which no route of `[flow.routes]` maps: what follows is not checked"
                ),
                "map the route in `[flow.routes]` of `twiml.toml`",
            ),
            (None, Target::Elsewhere(_)) => (
                format!(
                    "the call continues at `{url}`, outside the flow: what follows is not checked"
                ),
                "if that service answers with TwiML, check its documents with a flow of their own",
            ),
        };
        let diagnostic = Diagnostic {
            code: Code::Rule(&GEN002),
            severity: Severity::Info,
            message: message.into(),
            span: edge.exit.span,
            labels: Vec::new(),
            help: Some(help.into()),
            twilio_error: None,
        };
        found[edge.from].unmapped(diagnostic, policy, path_of(v));
    }
    // Documents no entry reaches are checked on their own, unless the same file is reached
    // through another route.
    for (route, document) in documents.iter().enumerate() {
        let reached_elsewhere = routes
            .iter()
            .zip(&found)
            .any(|(other, f)| other.file == routes[route].file && !f.states.is_empty());
        if let Some(document) = document
            && !reached_elsewhere
        {
            found[route].run(document, policy, None, &path_of);
        }
    }
    problems.sort_by_key(|p| p.span.start);

    let parsed: Vec<bool> = documents.iter().map(Option::is_some).collect();
    let documents = routes
        .iter()
        .zip(sources)
        .zip(structure)
        .zip(found)
        .zip(parsed)
        .map(|((((route, source), structure), found), parsed)| {
            found.finish(route.clone(), source, parsed, structure)
        })
        .collect();
    FlowReport {
        documents,
        problems,
        graph,
    }
}

/// The node of an unmapped URL (or of an input a route's table does not answer), made once.
fn unmapped_node(
    graph: &mut FlowGraph,
    unmapped: &mut HashMap<(String, Option<Via>), usize>,
    url: String,
    input: Option<Via>,
) -> usize {
    *unmapped.entry((url.clone(), input)).or_insert_with(|| {
        graph.nodes.push(GraphNode::Unmapped { url, input });
        graph.nodes.len() - 1
    })
}

/// The routes among `candidates` (those of one path) that answer a call arriving through
/// `via`: the route itself, or the document of its table for that input (every key's and the
/// default's, for input the menu does not describe); `None` when the table has none for it.
/// A key the menu does not name leads only to a table's `default`: to the route itself it
/// adds nothing the named keys do not.
fn answering(routes: &[Route], candidates: &[usize], via: Via) -> Option<Vec<usize>> {
    if let [only] = candidates
        && routes[*only].input.is_none()
    {
        return Some(if via == Via::OtherKeys {
            Vec::new()
        } else {
            vec![*only]
        });
    }
    let find = |input: RouteInput| {
        candidates
            .iter()
            .copied()
            .find(|&c| routes[c].input == Some(input))
    };
    let default = find(RouteInput::Default);
    let one = match via {
        Via::Digit(key) => find(RouteInput::Key(key)).or(default),
        Via::OtherKeys => return Some(default.into_iter().collect()),
        Via::Speech => find(RouteInput::Speech).or(default),
        Via::Digits => {
            let keys: Vec<usize> = candidates
                .iter()
                .copied()
                .filter(|&c| {
                    matches!(
                        routes[c].input,
                        Some(RouteInput::Key(_)) | Some(RouteInput::Default)
                    )
                })
                .collect();
            return (!keys.is_empty()).then_some(keys);
        }
        _ => default,
    };
    one.map(|c| vec![c])
}

/// The conditions of a state that the rules read as facts: states that differ only in the
/// others check the same.
fn facts_of(state: CallState) -> CallState {
    state
        .conditions()
        .filter(|c| c.fact().is_some())
        .fold(CallState::NEW, CallState::with)
}

/// What the rules found in one document, over the states it was checked in.
#[derive(Default)]
struct Found {
    states: Vec<CallState>,
    diagnostics: Vec<FlowDiagnostic>,
    overrides: Vec<AppliedOverride>,
    suppressed: Vec<Suppressed<ByteSpan>>,
    policy_checked: bool,
}

impl Found {
    /// Runs the rules under `policy` (the flow's, with the facts of the state the visit
    /// reached the document in), keeping each finding once, with the first path to it.
    fn run(
        &mut self,
        document: &ParsedDocument<'_>,
        policy: &Policy,
        visit: Option<usize>,
        path_of: &impl Fn(usize) -> FlowPath,
    ) {
        let mut out = Vec::new();
        if !self.policy_checked {
            policy_problems(document, policy, &mut out);
            self.policy_checked = true;
        }
        let mut suppressed = Vec::new();
        let applied = check_rules_keeping_suppressed(document, policy, &mut out, &mut suppressed);
        let mut path = None;
        for diagnostic in out {
            if self.holds(&diagnostic) {
                continue;
            }
            let reached_by = visit.map(|v| path.get_or_insert_with(|| path_of(v)).clone());
            self.diagnostics.push(FlowDiagnostic {
                diagnostic,
                reached_by,
            });
        }
        for s in suppressed {
            let Some(by) = applied.get(s.by) else {
                continue;
            };
            let by = self.override_index(by);
            let already = self.suppressed.iter().any(|k| {
                k.diagnostic.code == s.diagnostic.code && k.diagnostic.span == s.diagnostic.span
            });
            if !already {
                self.suppressed.push(Suppressed {
                    diagnostic: s.diagnostic,
                    by,
                });
            }
        }
        for o in &applied {
            self.override_index(o);
        }
    }

    /// Whether a finding of the same rule at the same place is already kept.
    fn holds(&self, diagnostic: &Diagnostic<ByteSpan>) -> bool {
        self.diagnostics
            .iter()
            .any(|k| k.diagnostic.code == diagnostic.code && k.diagnostic.span == diagnostic.span)
    }

    /// The position of an override among those kept, added if new.
    fn override_index(&mut self, o: &AppliedOverride) -> usize {
        match self.overrides.iter().position(|k| k.code == o.code) {
            Some(i) => i,
            None => {
                let mut kept = o.clone();
                kept.suppressed = 0;
                self.overrides.push(kept);
                self.overrides.len() - 1
            }
        }
    }

    /// Reports GEN002, unless the policy or a comment of the document allows it.
    fn unmapped(&mut self, diagnostic: Diagnostic<ByteSpan>, policy: &Policy, path: FlowPath) {
        if self.holds(&diagnostic) {
            return;
        }
        // An override of GEN002, in the policy or in a comment of the document, is among
        // those the rules applied.
        if let Some(by) = self.overrides.iter().position(|o| o.code == GEN002.code) {
            self.suppressed.push(Suppressed { diagnostic, by });
        } else if policy.level_of(&GEN002) != Level::Allow {
            self.diagnostics.push(FlowDiagnostic {
                diagnostic,
                reached_by: Some(path),
            });
        }
    }

    fn finish(
        mut self,
        route: Route,
        source: Option<String>,
        parsed: bool,
        structure: Vec<Diagnostic<ByteSpan>>,
    ) -> DocumentReport {
        let mut diagnostics: Vec<FlowDiagnostic> = structure
            .into_iter()
            .map(|diagnostic| FlowDiagnostic {
                diagnostic,
                reached_by: None,
            })
            .collect();
        diagnostics.append(&mut self.diagnostics);
        diagnostics.sort_by_key(|d| d.diagnostic.span.start);
        for o in &mut self.overrides {
            o.suppressed = 0;
        }
        for s in &self.suppressed {
            if let Some(o) = self.overrides.get_mut(s.by) {
                o.suppressed += 1;
            }
        }
        self.suppressed.sort_by_key(|s| s.diagnostic.span.start);
        DocumentReport {
            route,
            source,
            parsed,
            diagnostics,
            overrides: self.overrides,
            suppressed: self.suppressed,
            states: self.states,
        }
    }
}
