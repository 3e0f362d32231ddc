//! Whole call flows: the documents of an IVR joined by the URLs Twilio follows, checked along
//! every path a call can take.
//!
//! A real IVR is many documents: `/voice` greets the caller and gives the recording notice,
//! `/menu` routes the call, `/agent` records a `<Dial>`. Checked one at a time, the rules
//! cannot know what the caller heard before each document. Here the documents are the nodes
//! of a graph, and its edges are the exits the element table marks (see
//! [`Continuation`](crate::schema::Continuation)): each key a `<Gather>` menu names and its
//! speech input, `<Redirect>`, the `action` of `<Record>`, `<Dial>`, `<Pay>`, `<Refer>`,
//! `<Enqueue>`, `<Connect>` and `<Sms>`, `waitUrl`, and the whisper `url` of a `<Dial>` noun.
//! Each edge carries the [`CallState`]: a recording running, the notice given, the business
//! identified, the mini-Miranda given, the right party verified, a payment in progress.
//!
//! [`check_flow`] follows every path from each entry and runs the rules on each document
//! with the facts of the state it is reached in (`recording-disclosed`,
//! `recording-started`, `right-party-verified`, ...), so that a notice given in `/voice`
//! covers a recording in `/agent`, and a notice given on one branch only is a finding on the
//! other. A finding that holds on some path is reported once, at its place, with the
//! shortest such path ([`FlowDiagnostic::reached_by`]); a finding that no path makes true is
//! not reported. A URL that no route maps is [`GEN002`](crate::rules::GEN002), an info: the call continues there,
//! unchecked.
//!
//! The routes come from the `[flow]` section of `twiml.toml` (`FlowConfig::from_toml`, with
//! the `config` feature) or from code ([`FlowConfig::new`]).

pub(crate) mod analysis;
mod config;
mod document;
mod menu;
mod state;
mod url;

pub use analysis::{
    DocumentReport, FlowDiagnostic, FlowGraph, FlowPath, FlowReport, GraphEdge, GraphNode,
    PathStep, check_flow,
};
pub use config::{FlowConfig, Route, RouteInput};
pub use document::{Exit, FlowDocument, Via};
pub use state::{CallState, Condition};
pub use url::join_url;
