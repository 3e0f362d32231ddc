//! `twiml explain CODE` and `twiml rules`: the documentation of every diagnostic code, read
//! from the registry in twiml-core.

use twiml_core::diagnostic::{CHECKS, find_check};

/// Prints what `code` finds and how to fix it.
pub(crate) fn explain(code: &str) -> u8 {
    let Some(check) = find_check(code) else {
        eprintln!("error: unknown code `{code}`; `twiml rules` lists every code");
        return 2;
    };
    println!("# {} {}\n", check.code, check.name);
    println!("{}.", capitalise(check.summary));
    println!(
        "\nDefault level: {}.{}\n",
        check.severity,
        check
            .twilio_error
            .map(|e| format!(" Twilio error: {e}."))
            .unwrap_or_default()
    );
    println!("{}", check.explanation());
    0
}

/// Lists every code with its name, default level and summary.
pub(crate) fn rules() -> u8 {
    let width = CHECKS.iter().map(|c| c.name.len()).max().unwrap_or(0);
    for check in CHECKS {
        println!(
            "{}  {:width$}  {:7}  {}",
            check.code,
            check.name,
            check.severity.as_str(),
            check.summary
        );
    }
    0
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
