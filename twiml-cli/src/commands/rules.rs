//! `twiml rules`: every diagnostic code and compliance rule, with its level under the policy.

use std::io::{self, Write};

use twiml_core::codes::Code;

use super::{Error, ExitStatus};
use crate::args::{LogLevel, RulesArgs};
use crate::config;

/// Lists every code with its name, its level under the policy and its summary.
pub(crate) fn run(args: RulesArgs, log: LogLevel) -> Result<ExitStatus, Error> {
    let policy = config::current(&args.policy).map_err(Error::new)?;
    if log == LogLevel::Silent {
        return Ok(ExitStatus::Success);
    }
    let width = Code::all().map(|c| c.name().len()).max().unwrap_or(0);
    let mut out = io::stdout().lock();
    for code in Code::all() {
        writeln!(
            out,
            "{:7}  {:width$}  {:7}  {}",
            code.code(),
            code.name(),
            code.level_under(&policy),
            code.summary()
        )?;
    }
    out.flush()?;
    Ok(ExitStatus::Success)
}
