//! What the command line accepts: every command's arguments, and the groups of options that
//! several commands share. Nothing here runs anything; `commands/` does.

use std::path::PathBuf;

use clap::{ArgAction, Parser, Subcommand, ValueEnum};
use twiml_core::schema::Dialect;
use twiml_core::{ParseOptions, RenderOptions};

use crate::selection::Selector;

/// `twiml`: check, explain and format Twilio TwiML.
#[derive(Debug, Parser)]
#[command(
    name = "twiml",
    version,
    about = "Check, explain and format Twilio TwiML"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
    #[command(flatten)]
    pub(crate) log: LogLevelArgs,
}

/// The commands. Each variant's arguments are a struct below; each command runs in its own
/// module under `commands/`.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check TwiML files: files, folders (recursively, `*.xml` and `*.twiml`), or `-` for
    /// standard input.
    Check(CheckArgs),
    /// Explain a diagnostic code or compliance rule: what it finds, why it matters, and how
    /// to fix it.
    Explain(ExplainArgs),
    /// List every diagnostic code and compliance rule with its level under the policy
    /// (`twiml.toml` and the policy options).
    Rules(RulesArgs),
    /// Rewrite TwiML files in their canonical form: files, folders (recursively, `*.xml` and
    /// `*.twiml`), or `-` (standard input to standard output).
    Fmt(FmtArgs),
    /// Decide whether a message or call may go out: the recipient's time zones and states,
    /// their calling windows, and whether the message is essential. Exit status: 0 for allow,
    /// 1 for defer, block or review, 2 for trouble.
    Gate(Box<GateArgs>),
    /// The consent ledger: record consent, read inbound replies (STOP, START, HELP, and
    /// revocations in free text, in English and Spanish), show a number's records and
    /// history, import and export records (CSV, JSON Lines), record attempts and
    /// reassigned-number results, erase a number.
    Consent(Box<ConsentArgs>),
    /// Classify a message as essential or non-essential, with the cues that decided it.
    Classify(ClassifyArgs),
    /// Score a detector on its labelled evaluation set.
    Eval(EvalArgs),
    /// Draw the call graph of a flow (the `[flow]` section of `twiml.toml`): its documents,
    /// the exits between them, and the findings of each, as Mermaid, Graphviz DOT or JSON.
    Flow(FlowArgs),
}

/// How much the commands print, for every command.
#[derive(Debug, Clone, Copy, clap::Args)]
pub(crate) struct LogLevelArgs {
    /// Print the findings only: no summary, no warnings.
    #[arg(short, long, global = true, action = ArgAction::Count, conflicts_with = "silent")]
    quiet: u8,
    /// Print nothing on standard output; the exit status tells the result. Errors that stop
    /// a command still go to standard error. Same as `-qq`.
    #[arg(short, long, global = true)]
    silent: bool,
}

/// How much a command prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum LogLevel {
    /// Nothing on standard output, and no warnings; errors still on standard error.
    Silent,
    /// The results only: no summary, no warnings.
    Quiet,
    /// Results, summaries and warnings.
    Default,
}

impl LogLevelArgs {
    /// The level these options ask for.
    pub(crate) fn level(self) -> LogLevel {
        match (self.silent, self.quiet) {
            (true, _) | (false, 2..) => LogLevel::Silent,
            (false, 1) => LogLevel::Quiet,
            (false, 0) => LogLevel::Default,
        }
    }
}

/// The documents a command reads.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct InputArgs {
    /// Files, folders (searched for `*.xml` and `*.twiml`), or `-` for standard input.
    #[arg(required = true)]
    pub(crate) paths: Vec<PathBuf>,
    /// Succeed when the folders given hold no TwiML file. Without it that is an error (exit
    /// status 2): a CI job that checks nothing must not pass.
    #[arg(long)]
    pub(crate) allow_no_files: bool,
}

/// `twiml check`.
#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub(crate) format: OutputFormat,
    /// Report only these codes: comma-separated codes (`REC001`), rule names, prefixes of a
    /// family (`PCI`, `TW01`), or `ALL`.
    #[arg(long, value_name = "CODES", value_delimiter = ',', value_parser = Selector::parse)]
    pub(crate) select: Vec<Selector>,
    /// Do not report these codes (as `--select`). A more specific `--select` wins over a
    /// less specific `--ignore`; otherwise `--ignore` wins.
    #[arg(long, value_name = "CODES", value_delimiter = ',', value_parser = Selector::parse)]
    pub(crate) ignore: Vec<Selector>,
    /// Print how many findings each code has instead of the findings (text or JSON).
    #[arg(long)]
    pub(crate) statistics: bool,
    /// Exit with status 0 even when findings fail the check (an unreadable file or a broken
    /// policy is still status 2).
    #[arg(long)]
    pub(crate) exit_zero: bool,
    /// Make findings of this level fail the check as well (`warnings`).
    #[arg(long, value_enum)]
    pub(crate) deny: Option<Deny>,
    /// The dialect the documents must be (documents of another get TW0303).
    #[arg(long, value_enum)]
    pub(crate) expect: Option<Expect>,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, default_value_t = ParseOptions::default().max_bytes)]
    pub(crate) max_bytes: usize,
    /// Refuse elements nested deeper than this.
    #[arg(long, default_value_t = ParseOptions::default().max_depth)]
    pub(crate) max_depth: usize,
    /// Worker threads (default: one per core).
    #[arg(long)]
    pub(crate) jobs: Option<usize>,
    #[command(flatten)]
    pub(crate) policy: PolicyArgs,
}

impl CheckArgs {
    /// The parser's options.
    pub(crate) fn parse_options(&self) -> ParseOptions {
        let options = ParseOptions::new()
            .max_bytes(self.max_bytes)
            .max_depth(self.max_depth);
        match self.expect {
            Some(e) => options.expect(e.into()),
            None => options,
        }
    }
}

/// `twiml explain`.
#[derive(Debug, clap::Args)]
pub(crate) struct ExplainArgs {
    /// The code (`TW0104`, `REC001`) or name (`element-not-allowed`,
    /// `capture-before-notice`).
    pub(crate) code: String,
}

/// `twiml rules`.
#[derive(Debug, clap::Args)]
pub(crate) struct RulesArgs {
    #[command(flatten)]
    pub(crate) policy: PolicyArgs,
}

/// The policy documents are checked under: `twiml.toml`, and additions to it.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct PolicyArgs {
    /// Read the policy from this file for every document, instead of the `twiml.toml`
    /// nearest to each document (at or above its folder).
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub(crate) config: Option<PathBuf>,
    /// Ignore any `twiml.toml`: check under the baseline policy and the options given.
    #[arg(long)]
    pub(crate) no_config: bool,
    /// Add policies (regimes that apply), comma-separated: payments, debt-collection,
    /// healthcare, telemarketing, ai-agent, marketing-sms.
    #[arg(long = "policy", value_name = "POLICIES", value_delimiter = ',')]
    pub(crate) policies: Vec<String>,
    /// Add context facts the documents cannot show, comma-separated: outbound, voicemail,
    /// subsequent, right-party-verified, recording-started, recording-disclosed,
    /// business-identified, mini-miranda-given.
    #[arg(long = "context", value_name = "FACTS", value_delimiter = ',')]
    pub(crate) context: Vec<String>,
    /// Add a name the business uses in its scripts.
    #[arg(long = "business-name", value_name = "NAME")]
    pub(crate) business_names: Vec<String>,
    /// Add a telephone number the business answers for call-backs.
    #[arg(long = "callback-number", value_name = "NUMBER")]
    pub(crate) callback_numbers: Vec<String>,
}

/// `twiml flow`.
#[derive(Debug, clap::Args)]
pub(crate) struct FlowArgs {
    /// A folder whose `twiml.toml` (there or above) has a `[flow]` section, the `twiml.toml`
    /// itself, or a document of the flow.
    pub(crate) path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = GraphFormat::Mermaid)]
    pub(crate) format: GraphFormat,
    #[command(flatten)]
    pub(crate) policy: PolicyArgs,
}

/// The output formats of `twiml flow`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum GraphFormat {
    /// A Mermaid flowchart (GitHub renders it in Markdown).
    Mermaid,
    /// Graphviz DOT (`dot -Tsvg`).
    Dot,
    /// One JSON document: nodes, edges and findings (see the README for its fields).
    Json,
}

/// `twiml fmt`.
#[derive(Debug, clap::Args)]
pub(crate) struct FmtArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
    /// Write nothing; list the files whose format would change, and exit with status 1 when
    /// there is one.
    #[arg(long)]
    pub(crate) check: bool,
    /// Write nothing; print how each file's format would change, as a unified diff, and exit
    /// with status 1 when one would.
    #[arg(long, conflicts_with = "check")]
    pub(crate) diff: bool,
    /// Indent element-only content by this many spaces.
    #[arg(long, default_value_t = 2, conflicts_with = "compact")]
    pub(crate) indent: usize,
    /// Write the document on one line.
    #[arg(long)]
    pub(crate) compact: bool,
    /// Leave out the XML declaration.
    #[arg(long)]
    pub(crate) no_declaration: bool,
}

impl FmtArgs {
    /// How to write the documents.
    pub(crate) fn render_options(&self) -> RenderOptions {
        let render = RenderOptions::new().xml_declaration(!self.no_declaration);
        if self.compact {
            render
        } else {
            render.pretty(self.indent)
        }
    }
}

/// The output formats of `twiml check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    /// rustc-style diagnostics with source excerpts.
    Text,
    /// One JSON document (see the README for its fields).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other tools.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
}

/// `--deny`: a level of finding that fails the check besides errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Deny {
    /// Warnings fail the check, as errors do.
    Warnings,
}

/// `--expect`: the dialect documents must be.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum Expect {
    /// Voice responses (calls).
    Voice,
    /// Messaging responses (SMS, MMS, WhatsApp).
    Messaging,
    /// Fax responses.
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

/// `twiml gate`.
#[derive(Debug, clap::Args)]
pub(crate) struct GateArgs {
    /// The recipient, in E.164 form (`+13055550123`).
    #[arg(long, value_name = "NUMBER", required_unless_present = "campaign")]
    pub(crate) to: Option<String>,
    /// The instant of sending, in RFC 3339 form (`2026-12-04T02:30:00Z`); now when left out.
    #[arg(long, value_name = "INSTANT")]
    pub(crate) at: Option<String>,
    /// The sender: a number, a short code, or a messaging service SID.
    #[arg(long, value_name = "SENDER")]
    pub(crate) from: Option<String>,
    /// How it goes out: sms, mms, whatsapp or voice.
    #[arg(long, value_name = "CHANNEL", default_value = "sms")]
    pub(crate) channel: String,
    /// Twilio's `MessageIntent`: otp, notifications, fraud, security, customercare,
    /// delivery (essential); marketing, events, education, polling, announcements.
    #[arg(long, value_name = "INTENT")]
    pub(crate) intent: Option<String>,
    /// The campaign's registered 10DLC use case (`DELIVERY_NOTIFICATION`, `MARKETING`, ...).
    #[arg(long, value_name = "USE_CASE")]
    pub(crate) use_case: Option<String>,
    /// The message's text.
    #[arg(long, value_name = "TEXT", conflicts_with = "file")]
    pub(crate) body: Option<String>,
    /// A TwiML file whose messages or speech are the content, or `-` for standard input.
    #[arg(value_name = "FILE")]
    pub(crate) file: Option<PathBuf>,
    /// The recipient's ZIP code on file.
    #[arg(long, value_name = "ZIP")]
    pub(crate) zip: Option<String>,
    /// The recipient's state on file (`FL`).
    #[arg(long, value_name = "STATE")]
    pub(crate) state: Option<String>,
    /// The recipient's time zone on file (`America/New_York`).
    #[arg(long, value_name = "ZONE")]
    pub(crate) time_zone: Option<String>,
    /// What to answer for a send outside a window: defer (with the first allowed instant)
    /// or block.
    #[arg(long, value_enum, default_value_t = HandlingArg::Defer)]
    pub(crate) handling: HandlingArg,
    /// A state under a declared state of emergency (repeatable).
    #[arg(long = "emergency", value_name = "STATE")]
    pub(crate) emergencies: Vec<String>,
    /// Override a rule for this send (repeatable); needs `--reason` and `--actor`.
    #[arg(long = "override", value_name = "RULE", requires_all = ["reason", "actor"])]
    pub(crate) overrides: Vec<String>,
    /// Why the overridden rules do not apply to this send.
    #[arg(long, value_name = "TEXT", requires = "overrides")]
    pub(crate) reason: Option<String>,
    /// Who decides the override.
    #[arg(long, value_name = "NAME", requires = "overrides")]
    pub(crate) actor: Option<String>,
    /// Decide every send of a campaign file instead (see the README for its form).
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with_all = ["to", "at", "from", "intent", "use_case", "body", "file", "zip", "state", "time_zone", "overrides"]
    )]
    pub(crate) campaign: Option<PathBuf>,
    /// Decide with the consent ledger: an SQLite file, or a PostgreSQL server
    /// (`postgres://USER@HOST/DB`). What it knows of the recipient (opt-outs, consent,
    /// attempts, reassigned numbers, the last inbound message) decides too, and the decision
    /// is recorded.
    #[arg(long, value_name = "PATH|URL")]
    pub(crate) db: Option<PathBuf>,
    /// How far each decision's record (and the attempt an allowed send counts as) has reached
    /// before the command answers. Consents, opt-outs and every other record of the ledger
    /// are always flushed.
    #[arg(
        long,
        value_enum,
        value_name = "DURABILITY",
        default_value_t = DurabilityArg::Flushed,
        requires = "db"
    )]
    pub(crate) durability: DurabilityArg,
    /// The WhatsApp message is an approved template (allowed outside the 24-hour window).
    #[arg(long)]
    pub(crate) template: bool,
    /// The debt a collector's call is about (Regulation F's 7-in-7 counts per debt).
    #[arg(long, value_name = "ID")]
    pub(crate) debt: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub(crate) format: TextOrJson,
    #[command(flatten)]
    pub(crate) policy: PolicyArgs,
}

/// `--durability` (`twiml_ledger::Durability`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum DurabilityArg {
    /// Flushed to the disk: the decision survives a power loss (an `fsync` at each commit).
    Flushed,
    /// Written to the operating system (SQLite) or the server's log buffers (PostgreSQL),
    /// without waiting for the disk: the decision survives the command being killed, not a
    /// power loss or a crash of the machine or the server, which may take the decisions since
    /// the last flush, and with them the attempts a cap counts.
    Written,
}

impl DurabilityArg {
    /// The ledger's setting.
    pub(crate) fn durability(self) -> twiml_ledger::Durability {
        match self {
            DurabilityArg::Flushed => twiml_ledger::Durability::Flushed,
            DurabilityArg::Written => twiml_ledger::Durability::Written,
        }
    }
}

/// `--handling`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum HandlingArg {
    /// Answer defer, with the first instant every window allows.
    Defer,
    /// Answer block, with Twilio's error code.
    Block,
}

/// The output formats of `twiml gate`, `twiml classify` and `twiml eval`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum TextOrJson {
    /// For people.
    Text,
    /// One JSON document (see the README for its fields).
    Json,
}

/// `twiml classify`.
#[derive(Debug, clap::Args)]
pub(crate) struct ClassifyArgs {
    /// The message's text, or `-` (or nothing) to read it from standard input.
    #[arg(value_name = "TEXT")]
    pub(crate) text: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub(crate) format: TextOrJson,
}

/// `twiml eval`.
#[derive(Debug, clap::Args)]
pub(crate) struct EvalArgs {
    #[command(subcommand)]
    pub(crate) command: EvalCommand,
}

/// The evaluations.
#[derive(Debug, Subcommand)]
pub(crate) enum EvalCommand {
    /// The compliance rules on the detection corpus, `eval/detection/<SPLIT>/*.toml`: per
    /// rule and language, the cases, the recall on cases that must fire, the share of cases
    /// that must stay silent and do, and the precision. On the development half it lists
    /// every case the rules get wrong; on the held-out half it prints the figures only.
    Detection(EvalDetectionArgs),
    /// The essential/non-essential classifier on a set of `eval/classify/` (named in its
    /// registry, `sets.toml`): accuracy by language and class, the confusion, and whether any
    /// one-time code, fraud alert or delivery notice is read as non-essential (exit status 1
    /// when one is). On a set that only judges or trains, it prints figures only.
    Classify(EvalClassifyArgs),
    /// The reader of inbound replies on `eval/inbound/<SPLIT>.toml`: accuracy by language,
    /// action and kind, the confusion, the opt-outs missed, the near misses taken for an
    /// opt-out or an opt-in, and the scope accuracy. On the held-out half it prints figures
    /// only.
    Inbound(EvalInboundArgs),
}

/// `twiml eval detection`.
#[derive(Debug, clap::Args)]
pub(crate) struct EvalDetectionArgs {
    /// Which half of the corpus: tune on dev, only score held-out.
    #[arg(long, value_enum, default_value_t = Split::Dev)]
    pub(crate) split: Split,
    /// Score only the cases of this rule (`PCI001`).
    #[arg(long, value_name = "CODE")]
    pub(crate) rule: Option<String>,
    /// The folder of the corpus (it holds `dev/` and `held-out/`).
    #[arg(long, value_name = "DIR", default_value = "eval/detection")]
    pub(crate) dir: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub(crate) format: TextOrJson,
}

/// `twiml eval classify`.
#[derive(Debug, clap::Args)]
pub(crate) struct EvalClassifyArgs {
    /// Which set: a name of the registry `DIR/sets.toml` (`dev`, the development half, to
    /// tune on; `held-out`, only scored; `training`; `author-b`, `author-b-a`, `author-b-b`,
    /// `author-c` and the other authors' sets). The registry gives each set its file and its
    /// role: a set that tunes has its misread messages named, a set that trains or judges is
    /// scored for figures only.
    #[arg(long, value_name = "SET", default_value = "dev")]
    pub(crate) split: String,
    /// Score this labelled file (the schema of `eval/classify/README.md`) instead of a set of
    /// `--dir`; it is treated as unseen: figures only, no message named.
    #[arg(long, value_name = "PATH", conflicts_with_all = ["split", "errors", "folds"])]
    pub(crate) file: Option<PathBuf>,
    /// The folder of the labelled sets: their files, and `sets.toml`, the registry that names
    /// them (a row per set: its name, file, half, id prefix and role; see
    /// `eval/classify/README.md`).
    #[arg(long, value_name = "DIR", default_value = "eval/classify")]
    pub(crate) dir: PathBuf,
    /// On a set that tunes (the registry's `role = "tunes"`: the development half, `training`,
    /// the A half of `author-b`, the sets written for training), list every message the
    /// classifier gets wrong or cannot decide, with its cues.
    #[arg(long)]
    pub(crate) errors: bool,
    /// Cross-validation on the development half: split it into N folds, and classify each
    /// fold with a classifier trained on the others (and on `training.toml`), never on it.
    #[arg(long, value_name = "N", conflicts_with = "train")]
    pub(crate) folds: Option<usize>,
    /// Classify with a classifier trained, with the built-in one's options, on these sets of
    /// the registry (comma-separated: `training,dev,author-b-a`) instead of the built-in one.
    /// A set that judges (the held-out half, the fresh hands of the round) never trains, and
    /// no set trains on messages it scores.
    #[arg(long, value_name = "SETS", value_delimiter = ',')]
    pub(crate) train: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub(crate) format: TextOrJson,
}

/// `twiml eval inbound`.
#[derive(Debug, clap::Args)]
pub(crate) struct EvalInboundArgs {
    /// Which half of the labelled set: tune on dev, only score held-out.
    #[arg(long, value_enum, default_value_t = Split::Dev)]
    pub(crate) split: Split,
    /// The folder of the labelled set (it holds `dev.toml` and `held-out.toml`).
    #[arg(long, value_name = "DIR", default_value = "eval/inbound")]
    pub(crate) dir: PathBuf,
    /// On the development half, list every reply the reader gets wrong, with what matched.
    #[arg(long)]
    pub(crate) errors: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub(crate) format: TextOrJson,
}

/// The halves of a labelled set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Split {
    /// The development half, for tuning.
    Dev,
    /// The held-out half, for scoring only.
    HeldOut,
}

impl Split {
    /// The name of the half on disk (`held-out`).
    pub(crate) fn stem(self) -> &'static str {
        match self {
            Split::Dev => "dev",
            Split::HeldOut => "held-out",
        }
    }
}

/// `twiml consent`.
#[derive(Debug, clap::Args)]
pub(crate) struct ConsentArgs {
    /// The ledger: an SQLite file (created when missing), or a PostgreSQL server
    /// (`postgres://USER@HOST/DB` or `postgresql://...`; its tables are created in an empty
    /// database or schema).
    #[arg(long, value_name = "PATH|URL", global = true)]
    pub(crate) db: Option<PathBuf>,
    #[command(subcommand)]
    pub(crate) command: ConsentCommand,
}

/// The ledger's subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum ConsentCommand {
    /// Record a consent, one flag per field of the record; prints its id and the fields of a
    /// complete record it lacks (GEN005).
    Record(ConsentRecordArgs),
    /// Read an inbound reply and record it; prints the action, its scope and the reply TwiML.
    Inbound(ConsentInboundArgs),
    /// Show a number's records, its state now and its history, as JSON.
    Show(ConsentShowArgs),
    /// Import consent records from a CSV or JSON Lines file, all or nothing.
    Import(ConsentImportArgs),
    /// Export every consent record as CSV or JSON Lines, with its opt-out state.
    Export(ConsentExportArgs),
    /// Record a call or message attempt made outside the gate, or a conversation.
    Attempt(ConsentAttemptArgs),
    /// Import reassigned-number results (CSV with the number, the date, and yes, no or no
    /// data), from the FCC's database or Twilio Lookup.
    Reassigned(ConsentReassignedArgs),
    /// Erase a number's personal data on request, keeping a tombstone (GDPR Art. 17).
    Erase(ConsentEraseArgs),
}

/// `twiml consent record`.
#[derive(Debug, clap::Args)]
pub(crate) struct ConsentRecordArgs {
    /// The consenting number, E.164.
    #[arg(long, value_name = "NUMBER")]
    pub(crate) phone: String,
    /// The channel consented to: sms, mms, whatsapp, voice or all.
    #[arg(long, value_name = "CHANNEL", default_value = "all")]
    pub(crate) channel: String,
    /// `express` or `express-written`.
    #[arg(long, value_name = "TYPE")]
    pub(crate) consent_type: String,
    /// How it was given: web-form, keyword, paper, verbal, ivr, ...
    #[arg(long, value_name = "METHOD")]
    pub(crate) consent_method: Option<String>,
    /// When (RFC 3339); now when omitted.
    #[arg(long, value_name = "INSTANT")]
    pub(crate) consent_timestamp: Option<String>,
    /// Where: the page, the campaign, the store.
    #[arg(long, value_name = "SOURCE")]
    pub(crate) consent_source: Option<String>,
    /// The IP address of a web form.
    #[arg(long, value_name = "ADDRESS")]
    pub(crate) ip_address: Option<String>,
    /// The consent is already revoked (give `--opt-out-timestamp`).
    #[arg(long, requires = "opt_out_timestamp")]
    pub(crate) opted_out: bool,
    /// When it was revoked.
    #[arg(long, value_name = "INSTANT")]
    pub(crate) opt_out_timestamp: Option<String>,
    /// The seller the consent names.
    #[arg(long, value_name = "NAME")]
    pub(crate) seller: Option<String>,
    /// The disclosure shown, or its SHA-256.
    #[arg(long, value_name = "TEXT")]
    pub(crate) disclosure: Option<String>,
    /// The disclosure's version.
    #[arg(long, value_name = "VERSION")]
    pub(crate) disclosure_version: Option<String>,
    /// The purpose consented to.
    #[arg(long, value_name = "PURPOSE")]
    pub(crate) purpose: Option<String>,
    /// The sender it covers, or `all`.
    #[arg(long, value_name = "SENDER")]
    pub(crate) sender_scope: Option<String>,
    /// Where the evidence is kept.
    #[arg(long, value_name = "POINTER")]
    pub(crate) evidence: Option<String>,
    /// The language of the disclosure.
    #[arg(long, value_name = "LANG")]
    pub(crate) language: Option<String>,
}

/// `twiml consent inbound`.
#[derive(Debug, clap::Args)]
pub(crate) struct ConsentInboundArgs {
    /// Who wrote.
    #[arg(long, value_name = "NUMBER")]
    pub(crate) from: String,
    /// The business's number it was sent to.
    #[arg(long, value_name = "SENDER")]
    pub(crate) to: String,
    /// The text.
    #[arg(long, value_name = "TEXT")]
    pub(crate) body: String,
    /// When it arrived (RFC 3339); now when omitted.
    #[arg(long, value_name = "INSTANT")]
    pub(crate) at: Option<String>,
    /// The channel: sms or whatsapp.
    #[arg(long, value_name = "CHANNEL", default_value = "sms")]
    pub(crate) channel: String,
    /// The business the replies name; the policy's business name when omitted, else the
    /// number written to.
    #[arg(long, value_name = "NAME")]
    pub(crate) business: Option<String>,
    /// The contact the answer to HELP gives; the policy's callback number when omitted, else
    /// the number written to.
    #[arg(long, value_name = "CONTACT")]
    pub(crate) contact: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub(crate) format: TextOrJson,
    #[command(flatten)]
    pub(crate) policy: PolicyArgs,
}

/// `twiml consent show`.
#[derive(Debug, clap::Args)]
pub(crate) struct ConsentShowArgs {
    /// The number.
    #[arg(long, value_name = "NUMBER")]
    pub(crate) phone: String,
}

/// `twiml consent import`.
#[derive(Debug, clap::Args)]
pub(crate) struct ConsentImportArgs {
    /// The file: `.csv`, or `.jsonl` (JSON Lines).
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,
    /// The format, when the extension does not say.
    #[arg(long, value_enum)]
    pub(crate) format: Option<RecordFormat>,
}

/// `twiml consent export`.
#[derive(Debug, clap::Args)]
pub(crate) struct ConsentExportArgs {
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// The format (from the output's extension when omitted, else CSV).
    #[arg(long, value_enum)]
    pub(crate) format: Option<RecordFormat>,
}

/// The formats of record files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum RecordFormat {
    /// Comma-separated values with a header row.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

/// `twiml consent attempt`.
#[derive(Debug, clap::Args)]
pub(crate) struct ConsentAttemptArgs {
    /// The number called or texted.
    #[arg(long, value_name = "NUMBER")]
    pub(crate) phone: String,
    /// The sender.
    #[arg(long, value_name = "SENDER")]
    pub(crate) from: Option<String>,
    /// The debt it was about.
    #[arg(long, value_name = "ID")]
    pub(crate) debt: Option<String>,
    /// It reached the person: a conversation.
    #[arg(long)]
    pub(crate) conversation: bool,
    /// The channel.
    #[arg(long, value_name = "CHANNEL", default_value = "voice")]
    pub(crate) channel: String,
    /// When (RFC 3339); now when omitted.
    #[arg(long, value_name = "INSTANT")]
    pub(crate) at: Option<String>,
}

/// `twiml consent reassigned`.
#[derive(Debug, clap::Args)]
pub(crate) struct ConsentReassignedArgs {
    /// The CSV file of results.
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,
    /// Where the results come from.
    #[arg(long, value_name = "SOURCE", default_value = "fcc-rnd")]
    pub(crate) source: String,
}

/// `twiml consent erase`.
#[derive(Debug, clap::Args)]
pub(crate) struct ConsentEraseArgs {
    /// The number.
    #[arg(long, value_name = "NUMBER")]
    pub(crate) phone: String,
    /// Why (the request).
    #[arg(long, value_name = "TEXT")]
    pub(crate) reason: String,
    /// Who erases.
    #[arg(long, value_name = "NAME")]
    pub(crate) actor: String,
}
