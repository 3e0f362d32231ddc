//! Instructions executed by each contender of the benchmarks, for `scripts/benchmarks.sh` to
//! count under valgrind's callgrind. On a shared machine the time of a run moves with its
//! neighbours; the count of executed instructions does not, so the ratios to the floors are
//! given both ways.
//!
//! `instructions OPERATION WORKLOAD ITERATIONS` runs one contender ITERATIONS times, where
//! OPERATION is one of `build` (builder, build step, `to_xml`), `render` (`to_xml` of a
//! finished response), `write-floor` (the floor writer), `read-floor` (the bare quick-xml
//! loop), `parse`, `validate` (parse and the element table's checks) or `rules` (`validate`
//! with the baseline rules). The script runs each twice with different counts and divides the
//! difference of the totals by the difference of the counts, which cancels the set-up.

#![allow(missing_docs)]

use std::hint::black_box;
use std::process::ExitCode;

use twiml::{ParseOptions, parse, validate};

#[path = "support/contenders.rs"]
mod contenders;
#[path = "support/workloads.rs"]
mod workloads;

use contenders::{
    WORKLOADS, bare_event_loop, build_and_render, floor_of, parse_and_check, peer_output,
};

const USAGE: &str = "usage: instructions OPERATION WORKLOAD ITERATIONS \
    (OPERATION: build, render, write-floor, read-floor, parse, validate, rules; WORKLOAD: W1 to W5)";

fn main() -> ExitCode {
    // `cargo bench` adds `--bench`; the operands are what is left.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    if args.is_empty() {
        // Run by a plain `cargo bench`: nothing to time here.
        println!("instructions: counted by scripts/benchmarks.sh under callgrind; {USAGE}");
        return ExitCode::SUCCESS;
    }
    let [operation, name, iterations] = &args[..] else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let Some(name) = WORKLOADS.iter().copied().find(|w| w == name) else {
        eprintln!("unknown workload `{name}`; {USAGE}");
        return ExitCode::from(2);
    };
    let Ok(iterations) = iterations.parse::<u32>() else {
        eprintln!("`{iterations}` is not a count; {USAGE}");
        return ExitCode::from(2);
    };
    match run(operation, name, iterations) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

fn run(operation: &str, name: &'static str, iterations: u32) -> Result<(), String> {
    let source =
        || peer_output(name).ok_or("the shared folder is not beside the project".to_string());
    let options = ParseOptions::default();
    match operation {
        "build" => {
            for _ in 0..iterations {
                black_box(build_and_render(black_box(name)));
            }
        }
        "render" => {
            let (_, built) = workloads::all()
                .into_iter()
                .find(|(w, _)| *w == name)
                .ok_or("every workload builds")?;
            for _ in 0..iterations {
                black_box(black_box(&built).to_xml());
            }
        }
        "write-floor" => {
            let bytes = build_and_render(name).len();
            let floor = floor_of(name);
            for _ in 0..iterations {
                black_box(floor(black_box(bytes)));
            }
        }
        "read-floor" => {
            let source = source()?;
            for _ in 0..iterations {
                black_box(bare_event_loop(black_box(&source)));
            }
        }
        "parse" => {
            let source = source()?;
            for _ in 0..iterations {
                black_box(parse(black_box(&source), &options).map_err(|e| e.message)?);
            }
        }
        "validate" => {
            let source = source()?;
            for _ in 0..iterations {
                black_box(parse_and_check(black_box(&source), &options));
            }
        }
        "rules" => {
            let source = source()?;
            for _ in 0..iterations {
                black_box(validate(black_box(&source), &options));
            }
        }
        _ => return Err(format!("unknown operation `{operation}`; {USAGE}")),
    }
    Ok(())
}
