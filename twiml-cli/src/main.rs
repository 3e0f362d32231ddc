//! `twiml`: checks TwiML files, explains diagnostic codes, formats documents, and scores the
//! compliance rules on their evaluation corpus.
//!
//! # Layout
//!
//! The crate is split the way ruff splits its command line:
//!
//! - [`args`]: what the command line accepts. One `clap` struct per command (`CheckArgs`,
//!   `FmtArgs`, ...), the [`args::Command`] enum that lists the commands, and the option
//!   groups several commands share ([`args::PolicyArgs`], the global `-q`/`-s`).
//! - [`commands`]: one module per command, each with
//!   `pub(crate) fn run(args: XArgs, log: LogLevel) -> Result<ExitStatus, Error>`.
//! - [`report`]: what a check found, per file and in total. Both `commands::check` and the
//!   printers import it; neither imports the other's internals.
//! - [`printer`]: the output formats of `twiml check` (text, JSON, SARIF, GitHub).
//! - [`inputs`] (which files a command reads), [`config`] (which policy applies to each) and
//!   [`selection`] (which codes `--select` and `--ignore` leave).
//!
//! # Adding a command
//!
//! 1. Write `commands/NAME.rs` with `pub(crate) fn run(args: NameArgs, log: LogLevel) ->
//!    Result<ExitStatus, Error>`, and declare it in `commands/mod.rs`.
//! 2. Add its arguments to `args.rs`: a `NameArgs` struct (flatten [`args::PolicyArgs`] if
//!    it reads a policy; nested subcommands are an enum deriving `Subcommand` inside it), and
//!    a variant `Name(NameArgs)` of [`args::Command`], whose doc comment is the command's
//!    help.
//! 3. Add the arm `Command::Name(args) => name::run(args, log)` to [`commands::run`].
//! 4. Test it as users run it, in `tests/` (real processes, files in `tempfile` folders).
//!
//! Conventions every command keeps: results on standard output, warnings and errors on
//! standard error (`error: ...` with the file and line where there is one, lowercase, no
//! trailing period); nothing on standard output under `--silent`, and no summary or warning
//! under `--quiet`; exit status 0 when nothing failed, 1 when the command found what it looks
//! for, 2 when it could not do its work ([`commands::ExitStatus`]). A command that writes
//! files never leaves one half-written.

mod args;
mod commands;
mod config;
mod flows;
mod inputs;
mod printer;
mod report;
mod selection;

use std::process::ExitCode;

use clap::Parser;

use crate::args::Cli;
use crate::commands::ExitStatus;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // `--help` and `--version` print to standard output and succeed.
            return if e.use_stderr() {
                ExitStatus::Error
            } else {
                ExitStatus::Success
            }
            .into();
        }
    };
    commands::run(cli.command, cli.log.level()).into()
}
