//! `twiml explain CODE` and `twiml rules`: the documentation of every diagnostic code and
//! compliance rule, read from the registries in twiml-core.

use twiml_core::codes::Code;
use twiml_core::rules::Policy;

/// Prints what `code` finds and how to fix it.
pub(crate) fn explain(code: &str) -> u8 {
    let Some(found) = Code::find(code) else {
        eprintln!("error: unknown code `{code}`; `twiml rules` lists every code");
        return 2;
    };
    print!("{}", found.page());
    0
}

/// Lists every code with its name, its level under `policy` and its summary.
pub(crate) fn rules(policy: &Policy) -> u8 {
    let width = Code::all().map(|c| c.name().len()).max().unwrap_or(0);
    for code in Code::all() {
        println!(
            "{:7}  {:width$}  {:7}  {}",
            code.code(),
            code.name(),
            code.level_under(policy),
            code.summary()
        );
    }
    0
}
