//! `twiml`: checks TwiML files, explains diagnostic codes, and formats documents.
//!
//! Exit status: 0 when nothing reaches the failing level, 1 when something does, 2 for usage
//! and I/O errors.

mod check;
mod config;
mod explain;
mod inputs;
mod output;

use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use twiml_core::schema::Dialect;
use twiml_core::{ParseOptions, Policy, RenderOptions, format_document};

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
    /// Explain a diagnostic code or compliance rule: what it finds, why it matters, and how
    /// to fix it.
    Explain {
        /// The code (`TW0104`, `REC001`) or name (`element-not-allowed`,
        /// `capture-before-notice`).
        code: String,
    },
    /// List every diagnostic code and compliance rule with its level under the policy
    /// (`twiml.toml` and the policy options).
    Rules(PolicyArgs),
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
    #[command(flatten)]
    policy: PolicyArgs,
}

/// The policy documents are checked under: `twiml.toml`, and additions to it.
#[derive(clap::Args)]
struct PolicyArgs {
    /// Read the policy from this file for every document, instead of the `twiml.toml`
    /// nearest to each document (at or above its folder).
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore any `twiml.toml`: check under the baseline policy and the options given.
    #[arg(long)]
    no_config: bool,
    /// Add policies (regimes that apply), comma-separated: payments, debt-collection,
    /// healthcare, telemarketing, ai-agent, marketing-sms.
    #[arg(long = "policy", value_name = "POLICIES", value_delimiter = ',')]
    policies: Vec<String>,
    /// Add context facts the documents cannot show, comma-separated: outbound, voicemail,
    /// subsequent, right-party-verified, recording-started, recording-disclosed.
    #[arg(long = "context", value_name = "FACTS", value_delimiter = ',')]
    context: Vec<String>,
    /// Add a name the business uses in its scripts.
    #[arg(long = "business-name", value_name = "NAME")]
    business_names: Vec<String>,
    /// Add a telephone number the business answers for call-backs.
    #[arg(long = "callback-number", value_name = "NUMBER")]
    callback_numbers: Vec<String>,
}

impl PolicyArgs {
    fn additions(&self) -> config::Additions {
        config::Additions {
            policies: self.policies.clone(),
            context: self.context.clone(),
            business_names: self.business_names.clone(),
            callback_numbers: self.callback_numbers.clone(),
        }
    }

    /// The configuration file that applies to documents in `dir`: the one named with
    /// `--config`, none with `--no-config`, else the nearest `twiml.toml` at or above `dir`.
    fn config_for(&self, dir: &std::path::Path) -> Option<PathBuf> {
        if self.no_config {
            None
        } else if let Some(path) = &self.config {
            Some(path.clone())
        } else {
            std::path::absolute(dir)
                .ok()
                .and_then(|dir| config::find(&dir))
        }
    }

    /// The policy for documents in the current folder (`twiml rules`, standard input).
    fn load(&self) -> Result<Policy, String> {
        let path = self.config_for(std::path::Path::new("."));
        config::load(path.as_deref(), &self.additions()).map_err(|e| e.to_string())
    }

    /// The policy of each input: each file is checked under the `twiml.toml` nearest to it,
    /// as linters do, so that folders of flows under different regimes can sit side by side.
    /// Returns the distinct policies and, for each input, the index of its policy.
    fn for_inputs(&self, inputs: &[inputs::Input]) -> Result<(Vec<Policy>, Vec<usize>), String> {
        let mut configs: Vec<Option<PathBuf>> = Vec::new();
        let mut policies = Vec::new();
        let mut chosen = Vec::with_capacity(inputs.len());
        // The configuration of each folder, looked up once: a folder may hold thousands of
        // documents.
        let mut by_folder: std::collections::HashMap<&std::path::Path, Option<PathBuf>> =
            std::collections::HashMap::new();
        for input in inputs {
            let dir = match input {
                inputs::Input::File(path) => path
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(std::path::Path::new(".")),
                inputs::Input::Stdin => std::path::Path::new("."),
            };
            let config = by_folder
                .entry(dir)
                .or_insert_with(|| self.config_for(dir))
                .clone();
            let index = match configs.iter().position(|c| *c == config) {
                Some(index) => index,
                None => {
                    let policy = config::load(config.as_deref(), &self.additions())
                        .map_err(|e| e.to_string())?;
                    configs.push(config);
                    policies.push(policy);
                    policies.len() - 1
                }
            };
            chosen.push(index);
        }
        Ok((policies, chosen))
    }
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
        Command::Rules(args) => match args.load() {
            Ok(policy) => explain::rules(&policy),
            Err(e) => {
                eprintln!("error: {e}");
                TROUBLE
            }
        },
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
    let (policies, chosen) = match args.policy.for_inputs(&inputs) {
        Ok(found) => found,
        Err(e) => {
            eprintln!("error: {e}");
            return TROUBLE;
        }
    };
    let jobs_list: Vec<check::Job<'_>> = inputs
        .iter()
        .zip(&chosen)
        .map(|(input, &i)| check::Job {
            input,
            policy: &policies[i],
        })
        .collect();
    let jobs = args
        .jobs
        .or_else(|| std::thread::available_parallelism().ok().map(usize::from))
        .unwrap_or(1)
        .max(1);
    let stdout = io::stdout().lock();
    let outcome = check::run(&jobs_list, &options, args.format, jobs, stdout);
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
