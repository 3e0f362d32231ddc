//! `twiml classify`: essential or non-essential, with the cues that decided it.

use std::io::{self, Read, Write};

use serde_json::json;
use twiml_core::gate::classify;

use super::{Error, ExitStatus};
use crate::args::{ClassifyArgs, LogLevel, TextOrJson};

/// Classifies the text given, or standard input.
pub(crate) fn run(args: ClassifyArgs, log: LogLevel) -> Result<ExitStatus, Error> {
    let text = match args.text.as_deref() {
        Some(text) if text != "-" => text.to_string(),
        _ => {
            let mut bytes = Vec::new();
            io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|e| Error::new(format_args!("<stdin>: {e}")))?;
            String::from_utf8(bytes).map_err(|e| {
                Error::new(format_args!(
                    "<stdin>: not UTF-8 (byte {})",
                    e.utf8_error().valid_up_to()
                ))
            })?
        }
    };
    let c = classify(&text);
    if log == LogLevel::Silent {
        return Ok(ExitStatus::Success);
    }
    let cues: Vec<String> = c.cues.iter().map(ToString::to_string).collect();
    let mut out = io::stdout().lock();
    match args.format {
        TextOrJson::Json => {
            let value = json!({
                "class": c.class.map(|c| c.as_str()),
                "intent": c.intent.map(|i| i.as_str()),
                "cues": cues,
            });
            out.write_all(
                serde_json::to_string_pretty(&value)
                    .map_err(io::Error::other)?
                    .as_bytes(),
            )?;
            writeln!(out)?;
        }
        TextOrJson::Text => {
            match (c.class, c.intent) {
                (Some(class), Some(intent)) => writeln!(out, "{class} ({intent})")?,
                (Some(class), None) => writeln!(out, "{class}")?,
                _ => writeln!(
                    out,
                    "undecided: the cues are too weak, pull both ways or are too few; declare the intent"
                )?,
            }
            for cue in &cues {
                writeln!(out, "  {cue}")?;
            }
        }
    }
    out.flush()?;
    Ok(ExitStatus::Success)
}
