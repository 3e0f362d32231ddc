//! `twiml fmt`: prints a document in its canonical form.

use std::io::{self, Write};

use twiml_core::{ParseOptions, RenderOptions, format_document};

use super::{Error, ExitStatus};
use crate::args::{FmtArgs, LogLevel};
use crate::inputs;
use crate::printer;

/// Formats the document named by `args`.
pub(crate) fn run(args: FmtArgs, log: LogLevel) -> Result<ExitStatus, Error> {
    let (name, bytes) = inputs::read(&args.path).map_err(Error::new)?;
    let source = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            eprintln!(
                "error: {name} is not UTF-8 (byte {})",
                e.utf8_error().valid_up_to()
            );
            return Ok(ExitStatus::Failure);
        }
    };
    let mut render = RenderOptions::new().xml_declaration(!args.no_declaration);
    if !args.compact {
        render = render.pretty(args.indent);
    }
    match format_document(&source, &ParseOptions::default(), &render) {
        Ok(formatted) if args.check => {
            if formatted == source {
                Ok(ExitStatus::Success)
            } else {
                if log != LogLevel::Silent {
                    eprintln!("{name} is not in canonical form");
                }
                Ok(ExitStatus::Failure)
            }
        }
        Ok(formatted) => {
            if log != LogLevel::Silent {
                let mut out = io::stdout().lock();
                out.write_all(formatted.as_bytes())?;
                out.flush()?;
            }
            Ok(ExitStatus::Success)
        }
        Err(diagnostics) => {
            let text = printer::text::render_file(&name, &source, &diagnostics);
            eprint!("{text}");
            eprintln!("error: {name} has errors; only a document without errors can be formatted");
            Ok(ExitStatus::Failure)
        }
    }
}
