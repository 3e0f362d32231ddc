//! Checks a folder of TwiML files through the library, as `twiml check` does: every `.xml`
//! and `.twiml` file below it, each under the policy of the `twiml.toml` nearest to it (at or
//! above its folder), one line per finding, `file:line:col: severity[CODE] message`.
//!
//! ```sh
//! cargo run --example check_folder --features config               # examples/twiml
//! cargo run --example check_folder --features config -- flows/   # or one file
//! ```
//!
//! Exit status: 0 when no file has an error, 1 when one does, 2 when a file or a policy
//! cannot be read.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use twiml::rules::FILE_NAME;
use twiml::{LineIndex, ParseOptions, Policy, Severity, validate_with};

/// Every TwiML file below `folder`, in a stable order.
fn twiml_files(folder: &Path, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(folder)? {
        let path = entry?.path();
        if path.is_dir() {
            twiml_files(&path, found)?;
        } else if path
            .extension()
            .is_some_and(|extension| extension == "xml" || extension == "twiml")
        {
            found.push(path);
        }
    }
    found.sort();
    Ok(())
}

/// The policies of the folders seen so far, by the path of their `twiml.toml` (`None` for
/// files with none above them).
#[derive(Default)]
struct Policies(BTreeMap<Option<PathBuf>, Policy>);

impl Policies {
    /// The policy for `file`: its nearest `twiml.toml`'s, or the baseline.
    fn for_file(&mut self, file: &Path) -> Result<&Policy, String> {
        let config = file
            .parent()
            .into_iter()
            .flat_map(Path::ancestors)
            .map(|folder| folder.join(FILE_NAME))
            .find(|candidate| candidate.is_file());
        if !self.0.contains_key(&config) {
            let policy = match &config {
                None => Policy::new(),
                Some(path) => {
                    let text = std::fs::read_to_string(path)
                        .map_err(|e| format!("{}: {e}", path.display()))?;
                    Policy::from_toml(&text).map_err(|e| match e.at {
                        Some((line, column)) => {
                            format!("{}:{line}:{column}: {}", path.display(), e.message)
                        }
                        None => format!("{}: {}", path.display(), e.message),
                    })?
                }
            };
            self.0.insert(config.clone(), policy);
        }
        self.0
            .get(&config)
            .ok_or_else(|| "the policy was just read".to_string())
    }
}

fn main() -> ExitCode {
    let folder = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("examples/twiml"), PathBuf::from);
    let mut files = Vec::new();
    let listed = if folder.is_file() {
        files.push(folder.clone());
        Ok(())
    } else {
        twiml_files(&folder, &mut files)
    };
    if let Err(error) = listed {
        eprintln!("{}: {error}", folder.display());
        return ExitCode::from(2);
    }

    let mut policies = Policies::default();
    let (mut errors, mut warnings) = (0, 0);
    for file in &files {
        let source = match std::fs::read_to_string(file) {
            Ok(source) => source,
            Err(error) => {
                eprintln!("{}: {error}", file.display());
                return ExitCode::from(2);
            }
        };
        let policy = match policies.for_file(file) {
            Ok(policy) => policy,
            Err(error) => {
                eprintln!("{error}");
                return ExitCode::from(2);
            }
        };
        let validation = validate_with(&source, &ParseOptions::default(), policy);
        let lines = LineIndex::new(&source);
        for finding in &validation.diagnostics {
            let (line, column) = lines.location(finding.span.start as usize);
            println!(
                "{}:{line}:{column}: {}[{}] {}",
                file.display(),
                finding.severity,
                finding.code,
                finding.message
            );
            match finding.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
                // Information, and any level a later release adds.
                _ => {}
            }
        }
        for allowed in &validation.overrides {
            println!(
                "{}: note: {} is allowed ({}); {} finding(s) not reported",
                file.display(),
                allowed.code,
                allowed.reason,
                allowed.suppressed
            );
        }
    }
    println!(
        "checked {} files: {errors} errors, {warnings} warnings",
        files.len()
    );
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
