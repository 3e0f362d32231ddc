//! Helpers shared by the tests of the `twiml` command: it runs as users run it, a real
//! process, in the workspace root or in a temporary folder.

// Each test file uses some of these.
#![allow(dead_code, unreachable_pub)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs `twiml` from the workspace root, so that paths in the output are stable.
pub fn twiml(args: &[&str]) -> Output {
    twiml_in(&root(), args)
}

/// Runs `twiml` in `dir`.
pub fn twiml_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_twiml"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("twiml runs")
}

/// Runs `twiml` from the workspace root with `input` on its standard input.
pub fn twiml_with_stdin(args: &[&str], input: &str) -> Output {
    twiml_in_with_stdin(&root(), args, input.as_bytes())
}

/// Runs `twiml` in `dir` with `input` on its standard input. The process may exit before it
/// reads any of it (on a bad option, say): a write that finds the pipe closed is not an error
/// of the test, and the exit status and output tell what happened.
pub fn twiml_in_with_stdin(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_twiml"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("twiml runs");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    // Write from another thread: a child that fills its output pipe before it reads all of
    // its input would otherwise wait for us while we wait for it.
    let input = input.to_vec();
    let writer = std::thread::spawn(move || match stdin.write_all(&input) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    });
    let output = child.wait_with_output().expect("twiml finishes");
    writer
        .join()
        .expect("the writer thread does not panic")
        .expect("stdin takes the input, or closes early");
    output
}

/// What the process wrote on standard output.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

/// What the process wrote on standard error.
pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 output")
}
