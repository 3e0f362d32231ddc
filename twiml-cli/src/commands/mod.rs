//! The commands, one module each. Every command is a function
//! `run(args: XArgs, log: LogLevel) -> Result<ExitStatus, Error>`: it reads its arguments
//! (defined in [`crate::args`]), does its work, prints its results, and says how it ended.
//! It returns an [`Error`] for trouble that stops it (a file that cannot be read, a broken
//! policy); [`run`] prints that as `error: ...` and exits with 2.

pub(crate) mod check;
pub(crate) mod classify;
pub(crate) mod consent;
pub(crate) mod eval;
pub(crate) mod explain;
pub(crate) mod flow;
pub(crate) mod fmt;
pub(crate) mod gate;
pub(crate) mod rules;

use std::fmt::Display;
use std::io;
use std::process::ExitCode;

use crate::args::{Command, InputArgs, LogLevel};
use crate::inputs::{self, Input};

/// How a command ended: the exit status of `twiml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExitStatus {
    /// 0: nothing failed.
    Success,
    /// 1: the command found what it looks for (findings at the failing level, files that
    /// would be reformatted).
    Failure,
    /// 2: the command could not do its work (a usage error, an unreadable file, a broken
    /// policy).
    Error,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> Self {
        match status {
            ExitStatus::Success => ExitCode::SUCCESS,
            ExitStatus::Failure => ExitCode::from(1),
            ExitStatus::Error => ExitCode::from(2),
        }
    }
}

/// Trouble that stops a command.
#[derive(Debug)]
pub(crate) enum Error {
    /// Shown as `error: {message}`.
    Message(String),
    /// Standard output was closed by its reader (`twiml rules | head`): the reader has what
    /// it wanted, so the command stops without a word, and with status 0, as ruff does.
    BrokenPipe,
}

impl Error {
    /// An error with this message (lowercase, no trailing period).
    pub(crate) fn new(message: impl Display) -> Self {
        Error::Message(message.to_string())
    }
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Error::BrokenPipe
        } else {
            Error::new(e)
        }
    }
}

/// Runs `command` and prints the error that stopped it, if one did.
pub(crate) fn run(command: Command, log: LogLevel) -> ExitStatus {
    let result = match command {
        Command::Check(args) => check::run(args, log),
        Command::Explain(args) => explain::run(args, log),
        Command::Rules(args) => rules::run(args, log),
        Command::Fmt(args) => fmt::run(args, log),
        Command::Gate(args) => gate::run(*args, log),
        Command::Consent(args) => consent::run(*args, log),
        Command::Classify(args) => classify::run(args, log),
        Command::Flow(args) => flow::run(args, log),
        Command::Eval(args) => eval::run(args, log),
    };
    match result {
        Ok(status) => status,
        Err(Error::BrokenPipe) => ExitStatus::Success,
        Err(Error::Message(message)) => {
            eprintln!("error: {message}");
            ExitStatus::Error
        }
    }
}

/// Prints a warning on standard error, unless `--quiet` or `--silent` asked for less.
pub(crate) fn warn(log: LogLevel, message: impl Display) {
    if log == LogLevel::Default {
        eprintln!("warning: {message}");
    }
}

/// The documents `args` names. A folder without a TwiML file is worth a warning; no document
/// at all is an error, unless `--allow-no-files` says it is expected (then a warning).
pub(crate) fn collect_inputs(args: &InputArgs, log: LogLevel) -> Result<Vec<Input>, Error> {
    let collected = inputs::collect(&args.paths);
    let under = |folders: &[String]| {
        let folders: Vec<String> = folders.iter().map(|f| format!("`{f}`")).collect();
        format!(
            "no TwiML file (`*.xml`, `*.twiml`) under {}",
            folders.join(", ")
        )
    };
    if collected.inputs.is_empty() {
        let message = under(&collected.empty_folders);
        if !args.allow_no_files {
            return Err(Error::new(format_args!(
                "{message}: nothing to do (`--allow-no-files` accepts that)"
            )));
        }
        warn(log, message);
    } else {
        for folder in &collected.empty_folders {
            warn(log, under(std::slice::from_ref(folder)));
        }
    }
    Ok(collected.inputs)
}
