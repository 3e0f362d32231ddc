//! The drawings of `twiml flow`: the call graph of a checked flow as a Mermaid flowchart,
//! Graphviz DOT, or JSON. A node is a document (every route it answers), or a URL outside the
//! flow; an edge is every exit from one node to another, labelled with what takes the call
//! there. A document's findings are written on its node, which is coloured by the worst.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde_json::{Value, json};
use twiml_core::callflow::{CallState, GraphNode};
use twiml_core::{LineIndex, Severity};

use crate::flows::Flow;

/// How many findings a node lists before "and N more".
const LISTED: usize = 4;

/// A node of the drawing.
struct Node {
    /// `voice.xml`, or the URL outside the flow.
    title: String,
    /// The routes it answers (`/menu`, `/menu (1)`), or why it is outside.
    subtitle: Vec<String>,
    kind: Kind,
    entry: bool,
    reached: bool,
    /// Its document could be read.
    readable: bool,
    /// Distinct findings: code and severity, worst first.
    findings: Vec<(String, Severity)>,
    /// The routes it answers, by index.
    routes: Vec<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Document,
    Unmapped,
}

/// One edge of the drawing: every exit between two nodes.
struct Edge {
    from: usize,
    to: usize,
    labels: Vec<String>,
}

/// The call graph of a flow, as drawn.
pub(crate) struct Graph<'f> {
    flow: &'f Flow,
    nodes: Vec<Node>,
    /// The drawing's node of each node of the flow's graph.
    node_of: Vec<usize>,
    edges: Vec<Edge>,
}

impl<'f> Graph<'f> {
    /// The drawing of `flow`.
    pub(crate) fn new(flow: &'f Flow) -> Self {
        let report = &flow.report;
        let routes = flow.config.routes();
        let mut nodes: Vec<Node> = Vec::new();
        let mut node_of = Vec::with_capacity(report.graph.nodes.len());
        for node in &report.graph.nodes {
            match node {
                GraphNode::Document { route, entry } => {
                    let r = &routes[*route];
                    let answers = match r.input {
                        Some(input) => format!("{} ({input})", r.path),
                        None => r.path.clone(),
                    };
                    let document = &report.documents[*route];
                    let same = nodes
                        .iter()
                        .position(|n| n.kind == Kind::Document && n.title == r.file);
                    let at = match same {
                        Some(at) => at,
                        None => {
                            nodes.push(Node {
                                title: r.file.clone(),
                                subtitle: Vec::new(),
                                kind: Kind::Document,
                                entry: false,
                                reached: false,
                                readable: true,
                                findings: Vec::new(),
                                routes: Vec::new(),
                            });
                            nodes.len() - 1
                        }
                    };
                    let n = &mut nodes[at];
                    n.subtitle.push(answers);
                    n.entry |= *entry;
                    n.reached |= !document.states.is_empty();
                    n.readable &= document.source.is_some();
                    n.routes.push(*route);
                    for d in &document.diagnostics {
                        let finding = (d.diagnostic.code.to_string(), d.diagnostic.severity);
                        if !n.findings.contains(&finding) {
                            n.findings.push(finding);
                        }
                    }
                    node_of.push(at);
                }
                GraphNode::Unmapped { url, input } => {
                    nodes.push(Node {
                        title: url.clone(),
                        subtitle: vec![match input {
                            Some(via) => format!("no document for {via}"),
                            None => "not in the flow".to_string(),
                        }],
                        kind: Kind::Unmapped,
                        entry: false,
                        reached: false,
                        readable: true,
                        findings: Vec::new(),
                        routes: Vec::new(),
                    });
                    node_of.push(nodes.len() - 1);
                }
                _ => node_of.push(usize::MAX),
            }
        }
        for n in &mut nodes {
            n.findings
                .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        }
        let mut by_pair: BTreeMap<(usize, usize), Vec<String>> = BTreeMap::new();
        for edge in &report.graph.edges {
            let (Some(&from), Some(&to)) = (node_of.get(edge.from), node_of.get(edge.to)) else {
                continue;
            };
            if from == usize::MAX || to == usize::MAX {
                continue;
            }
            let label = edge.exit.via.to_string().replace('`', "");
            let labels = by_pair.entry((from, to)).or_default();
            if !labels.contains(&label) {
                labels.push(label);
            }
        }
        let edges = by_pair
            .into_iter()
            .map(|((from, to), labels)| Edge { from, to, labels })
            .collect();
        Graph {
            flow,
            nodes,
            node_of,
            edges,
        }
    }

    /// The lines of a node's label.
    fn lines(node: &Node) -> Vec<String> {
        let mut lines = vec![node.title.clone()];
        lines.extend(node.subtitle.iter().cloned());
        for (code, severity) in node.findings.iter().take(LISTED) {
            lines.push(format!("{code} {severity}"));
        }
        if node.findings.len() > LISTED {
            lines.push(format!("and {} more", node.findings.len() - LISTED));
        }
        if !node.readable {
            lines.push("cannot be read (TW0402)".to_string());
        } else if node.kind == Kind::Document && !node.reached {
            lines.push("no entry reaches it".to_string());
        }
        lines
    }

    /// The worst severity of a node's findings; a document that cannot be read is an error.
    fn worst(node: &Node) -> Option<Severity> {
        let unreadable = (!node.readable).then_some(Severity::Error);
        node.findings
            .iter()
            .map(|(_, s)| *s)
            .chain(unreadable)
            .max()
    }

    /// A Mermaid flowchart.
    pub(crate) fn mermaid(&self) -> String {
        let escape = |text: &str| {
            text.replace('&', "#amp;")
                .replace('"', "#quot;")
                .replace('<', "#lt;")
                .replace('>', "#gt;")
        };
        let mut out = String::from("flowchart TD\n");
        for (i, node) in self.nodes.iter().enumerate() {
            let label = Self::lines(node)
                .iter()
                .map(|l| escape(l))
                .collect::<Vec<_>>()
                .join("<br/>");
            let (open, close) = match (node.kind, node.entry) {
                (Kind::Unmapped, _) => ("([\"", "\"])"),
                (Kind::Document, true) => ("[[\"", "\"]]"),
                (Kind::Document, false) => ("[\"", "\"]"),
            };
            let class = match (node.kind, Self::worst(node), node.reached) {
                (Kind::Unmapped, _, _) => "unmapped",
                (_, Some(Severity::Error), _) => "error",
                (_, Some(Severity::Warning), _) => "warning",
                (_, _, false) => "unreached",
                (_, Some(_), _) => "info",
                (_, None, _) => "clean",
            };
            let _ = writeln!(out, "    n{i}{open}{label}{close}:::{class}");
        }
        for edge in &self.edges {
            let label = escape(&edge.labels.join(", "));
            let _ = writeln!(out, "    n{} -->|\"{label}\"| n{}", edge.from, edge.to);
        }
        out.push_str(
            "    classDef clean fill:#e8f5e9,stroke:#2e7d32\n    classDef info fill:#e3f2fd,stroke:#1565c0\n    classDef warning fill:#fff8e1,stroke:#f9a825\n    classDef error fill:#ffebee,stroke:#c62828,stroke-width:2px\n    classDef unreached fill:#f5f5f5,stroke:#9e9e9e,stroke-dasharray:4 3\n    classDef unmapped fill:#fafafa,stroke:#757575,stroke-dasharray:4 3\n",
        );
        out
    }

    /// Graphviz DOT.
    pub(crate) fn dot(&self) -> String {
        let escape = |text: &str| text.replace('\\', "\\\\").replace('"', "\\\"");
        let mut out = String::from(
            "digraph flow {\n    graph [rankdir=TB, fontname=\"Helvetica\"];\n    node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11, fillcolor=\"#e8f5e9\", color=\"#2e7d32\"];\n    edge [fontname=\"Helvetica\", fontsize=10, color=\"#555555\"];\n",
        );
        for (i, node) in self.nodes.iter().enumerate() {
            let label = Self::lines(node)
                .iter()
                .map(|l| escape(l))
                .collect::<Vec<_>>()
                .join("\\n");
            let look = match (node.kind, Self::worst(node), node.reached) {
                (Kind::Unmapped, _, _) => {
                    ", style=\"rounded,dashed\", color=\"#757575\", fillcolor=\"#fafafa\""
                }
                (_, Some(Severity::Error), _) => {
                    ", fillcolor=\"#ffebee\", color=\"#c62828\", penwidth=2"
                }
                (_, Some(Severity::Warning), _) => ", fillcolor=\"#fff8e1\", color=\"#f9a825\"",
                (_, _, false) => {
                    ", style=\"rounded,dashed,filled\", fillcolor=\"#f5f5f5\", color=\"#9e9e9e\""
                }
                (_, Some(_), _) => ", fillcolor=\"#e3f2fd\", color=\"#1565c0\"",
                (_, None, _) => "",
            };
            let entry = if node.entry { ", peripheries=2" } else { "" };
            let _ = writeln!(out, "    n{i} [label=\"{label}\"{look}{entry}];");
        }
        for edge in &self.edges {
            let label = escape(&edge.labels.join(", "));
            let _ = writeln!(
                out,
                "    n{} -> n{} [label=\"{label}\"];",
                edge.from, edge.to
            );
        }
        out.push_str("}\n");
        out
    }

    /// One JSON document: the flow's nodes (with their findings), edges and problems.
    pub(crate) fn json(&self) -> String {
        let flow = self.flow;
        let report = &flow.report;
        let routes = flow.config.routes();
        let states = |states: &[CallState]| -> Vec<Vec<&'static str>> {
            states
                .iter()
                .map(|s| s.conditions().map(|c| c.as_str()).collect())
                .collect()
        };
        let nodes: Vec<Value> = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, node)| match node.kind {
                Kind::Unmapped => json!({
                    "id": format!("n{i}"),
                    "kind": "unmapped",
                    "url": node.title,
                    "input": node.subtitle.first().and_then(|s| s.strip_prefix("no document for ")),
                }),
                Kind::Document => {
                    let document = flow.document(&node.routes);
                    let findings: Vec<Value> = document
                        .iter()
                        .flat_map(|d| {
                            let lines = LineIndex::new(d.source.as_deref().unwrap_or(""));
                            d.diagnostics
                                .iter()
                                .map(|f| {
                                    let (line, column) =
                                        lines.location(f.diagnostic.span.start as usize);
                                    json!({
                                        "code": f.diagnostic.code,
                                        "severity": f.diagnostic.severity.as_str(),
                                        "message": f.diagnostic.message,
                                        "line": line,
                                        "column": column,
                                        "reached_by": f.reached_by.as_ref().map(|p| p.note()),
                                    })
                                })
                                .collect::<Vec<_>>()
                        })
                        .collect();
                    json!({
                        "id": format!("n{i}"),
                        "kind": "document",
                        "file": flow.shown_file(node.routes[0]),
                        "routes": node.routes.iter().map(|&r| json!({
                            "route": routes[r].path,
                            "input": routes[r].input.map(|i| i.to_string()),
                        })).collect::<Vec<_>>(),
                        "entry": node.entry,
                        "reached": node.reached,
                        "states": document.as_ref().map(|d| states(&d.states)).unwrap_or_default(),
                        "findings": findings,
                    })
                }
            })
            .collect();
        let edges: Vec<Value> = report
            .graph
            .edges
            .iter()
            .filter_map(|edge| {
                let from = *self.node_of.get(edge.from)?;
                let to = *self.node_of.get(edge.to)?;
                let source = report.documents.get(edge.from)?.source.as_deref()?;
                let (line, column) = LineIndex::new(source).location(edge.exit.span.start as usize);
                Some(json!({
                    "from": format!("n{from}"),
                    "to": format!("n{to}"),
                    "via": edge.exit.via.to_string(),
                    "element": edge.exit.element.spec().name,
                    "url": edge.exit.url,
                    "line": line,
                    "column": column,
                    "states": states(&edge.states),
                }))
            })
            .collect();
        let lines = LineIndex::new(&flow.config_text);
        let problems: Vec<Value> = report
            .problems
            .iter()
            .map(|p| {
                let (line, column) = lines.location(p.span.start as usize);
                json!({
                    "code": p.code,
                    "severity": p.severity.as_str(),
                    "message": p.message,
                    "line": line,
                    "column": column,
                })
            })
            .collect();
        let document = json!({
            "version": 1,
            "config": flow.config_name,
            "base_url": flow.config.base(),
            "entries": flow.config.entries().collect::<Vec<_>>(),
            "nodes": nodes,
            "edges": edges,
            "problems": problems,
        });
        let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
        text.push('\n');
        text
    }
}
