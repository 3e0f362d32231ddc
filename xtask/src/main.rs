//! `cargo xtask codegen`: writes the code derived from the element table and the rule
//! declarations. `cargo xtask codegen --check` writes nothing and fails when a file is stale.

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask codegen [--check]

  codegen          write the generated code: the typed model and attribute handles (from the
                   element table, twiml-schema) and the rule registry (from the
                   `declare_rule!` declarations in twiml-core/src), and the gate's
                   area-code table (from ../shared/data/libphonenumber)
  codegen --check  write nothing; fail when a generated file is stale";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let root = xtask::workspace_root();
    for (file, data) in xtask::skipped(&root) {
        eprintln!(
            "note: {} left as it is: its data is not at {}",
            file.display(),
            data.display()
        );
    }
    match args.as_slice() {
        ["codegen"] => match xtask::write(&root) {
            Ok(written) if written.is_empty() => {
                println!("generated code is up to date");
                ExitCode::SUCCESS
            }
            Ok(written) => {
                for path in written {
                    println!("wrote {}", path.display());
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        ["codegen", "--check"] => match xtask::stale(&root) {
            Ok(stale) if stale.is_empty() => ExitCode::SUCCESS,
            Ok(stale) => {
                for path in stale {
                    eprintln!("stale: {}", path.display());
                }
                eprintln!("run `cargo xtask codegen` and commit the result");
                ExitCode::FAILURE
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        ["help" | "--help" | "-h"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
