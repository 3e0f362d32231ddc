//! `twiml eval`: a detector scored on its labelled evaluation set, one subcommand per set.
//!
//! Every set is split once into a development half, on which detectors may be tuned, and a
//! held-out half, which is only ever scored: on the held-out half the subcommands print
//! figures, never the texts of the cases.

mod classify;
mod detection;
mod inbound;
// The registry of the classifier's sets; the tests and the tuning test read it with this same
// module (`#[path]`), and use parts of it that the command does not.
#[allow(dead_code)]
mod sets;

use super::{Error, ExitStatus};
use crate::args::{EvalArgs, EvalCommand, LogLevel};

/// Runs `twiml eval`.
pub(crate) fn run(args: EvalArgs, log: LogLevel) -> Result<ExitStatus, Error> {
    match args.command {
        EvalCommand::Detection(args) => detection::run(args, log),
        EvalCommand::Classify(args) => classify::run(args, log),
        EvalCommand::Inbound(args) => inbound::run(args, log),
    }
}
