//! `twiml explain CODE`: the documentation of a diagnostic code or compliance rule, read from
//! the registries in twiml-core.

use std::io::{self, Write};

use twiml_core::codes::Code;

use super::{Error, ExitStatus};
use crate::args::{ExplainArgs, LogLevel};

/// Prints what the code finds and how to fix it.
pub(crate) fn run(args: ExplainArgs, log: LogLevel) -> Result<ExitStatus, Error> {
    let code = &args.code;
    let found = Code::find(code).ok_or_else(|| {
        Error::new(format_args!(
            "unknown code `{code}`; `twiml rules` lists every code"
        ))
    })?;
    if log != LogLevel::Silent {
        let mut out = io::stdout().lock();
        out.write_all(found.page().as_bytes())?;
        out.flush()?;
    }
    Ok(ExitStatus::Success)
}
