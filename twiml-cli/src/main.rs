//! `twiml`: checks TwiML files, explains diagnostic codes, and formats documents.
//!
//! Exit status: 0 when nothing reaches the failing level, 1 when something does, 2 for usage
//! and I/O errors.

mod check;
mod explain;
mod inputs;
mod output;

use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use twiml_core::schema::Dialect;
use twiml_core::{ParseOptions, RenderOptions, format_document};

use crate::output::Format;

#[derive(Parser)]
#[command(
    name = "twiml",
    version,
    about = "Check, explain and format Twilio TwiML"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check TwiML files: files, folders (recursively, `*.xml` and `*.twiml`), or `-` for
    /// standard input.
    Check(CheckArgs),
    /// Explain a diagnostic code: what it finds, why it matters, and how to fix it.
    Explain {
        /// The code (`TW0104`) or name (`element-not-allowed`).
        code: String,
    },
    /// List every diagnostic code with its default level.
    Rules,
    /// Print a document re-rendered from its parsed model: its canonical form.
    Fmt(FmtArgs),
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files, folders, or `-` for standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Make findings of this level fail the check as well (`warnings`).
    #[arg(long, value_enum)]
    deny: Option<Deny>,
    /// The dialect the documents must be (documents of another get TW0303).
    #[arg(long, value_enum)]
    expect: Option<Expect>,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, default_value_t = ParseOptions::default().max_bytes)]
    max_bytes: usize,
    /// Refuse elements nested deeper than this.
    #[arg(long, default_value_t = ParseOptions::default().max_depth)]
    max_depth: usize,
    /// Worker threads (default: one per core).
    #[arg(long)]
    jobs: Option<usize>,
}

#[derive(clap::Args)]
struct FmtArgs {
    /// The file to format, or `-` for standard input.
    path: PathBuf,
    /// Indent element-only content by this many spaces.
    #[arg(long, default_value_t = 2, conflicts_with = "compact")]
    indent: usize,
    /// Write the document on one line.
    #[arg(long)]
    compact: bool,
    /// Leave out the XML declaration.
    #[arg(long)]
    no_declaration: bool,
    /// Print nothing; exit with 1 when the file is not in canonical form.
    #[arg(long)]
    check: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Deny {
    /// Warnings fail the check, as errors do.
    Warnings,
}

#[derive(Clone, Copy, ValueEnum)]
enum Expect {
    Voice,
    Messaging,
    Fax,
}

impl From<Expect> for Dialect {
    fn from(e: Expect) -> Self {
        match e {
            Expect::Voice => Dialect::Voice,
            Expect::Messaging => Dialect::Messaging,
            Expect::Fax => Dialect::Fax,
        }
    }
}

/// Exit statuses.
const FINDINGS: u8 = 1;
const TROUBLE: u8 = 2;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { TROUBLE } else { 0 });
        }
    };
    let status = match cli.command {
        Command::Check(args) => run_check(args),
        Command::Explain { code } => explain::explain(&code),
        Command::Rules => explain::rules(),
        Command::Fmt(args) => run_fmt(&args),
    };
    ExitCode::from(status)
}

fn run_check(args: CheckArgs) -> u8 {
    let options = ParseOptions::new()
        .max_bytes(args.max_bytes)
        .max_depth(args.max_depth);
    let options = match args.expect {
        Some(e) => options.expect(e.into()),
        None => options,
    };
    let inputs = match inputs::collect(&args.paths) {
        Ok(inputs) => inputs,
        Err(e) => {
            eprintln!("error: {e}");
            return TROUBLE;
        }
    };
    let jobs = args
        .jobs
        .or_else(|| std::thread::available_parallelism().ok().map(usize::from))
        .unwrap_or(1)
        .max(1);
    let stdout = io::stdout().lock();
    let outcome = check::run(&inputs, &options, args.format, jobs, stdout);
    let outcome = match outcome {
        Ok(outcome) => outcome,
        Err(e) => {
            eprintln!("error: {e}");
            return TROUBLE;
        }
    };
    let failing = outcome.summary.errors > 0
        || (matches!(args.deny, Some(Deny::Warnings)) && outcome.summary.warnings > 0);
    if outcome.unreadable > 0 {
        TROUBLE
    } else if failing {
        FINDINGS
    } else {
        0
    }
}

fn run_fmt(args: &FmtArgs) -> u8 {
    let (name, bytes) = match inputs::read(&args.path) {
        Ok(read) => read,
        Err(e) => {
            eprintln!("error: {e}");
            return TROUBLE;
        }
    };
    let source = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            eprintln!(
                "error: {name} is not UTF-8 (byte {})",
                e.utf8_error().valid_up_to()
            );
            return FINDINGS;
        }
    };
    let mut render = RenderOptions::new().xml_declaration(!args.no_declaration);
    if !args.compact {
        render = render.pretty(args.indent);
    }
    match format_document(&source, &ParseOptions::default(), &render) {
        Ok(formatted) => {
            if args.check {
                if formatted == source {
                    0
                } else {
                    eprintln!("{name} is not in canonical form");
                    FINDINGS
                }
            } else {
                let mut out = io::stdout().lock();
                match out
                    .write_all(formatted.as_bytes())
                    .and_then(|()| out.flush())
                {
                    Ok(()) => 0,
                    Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
                    Err(e) => {
                        eprintln!("error: {e}");
                        TROUBLE
                    }
                }
            }
        }
        Err(diagnostics) => {
            let text = output::text::render_file(&name, &source, &diagnostics);
            eprint!("{text}");
            eprintln!("error: {name} has errors; only a document without errors can be formatted");
            FINDINGS
        }
    }
}

/// Reads all of standard input.
fn read_stdin() -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    io::stdin().lock().read_to_end(&mut bytes)?;
    Ok(bytes)
}
