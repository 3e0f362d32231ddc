//! `twiml check` under bad input: each bad file is named with what is wrong, the other files
//! are still checked, and the exit status says the worst that happened (2 when a file could
//! not be read, 1 when a file was read and has an error).

mod common;

use std::path::Path;

use common::{stderr, stdout, twiml_in};

const GOOD: &str = "<Response><Say>Hello</Say></Response>";

/// A folder with one good document beside whatever `make` adds.
fn folder(make: impl FnOnce(&Path)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("good.xml"), GOOD).expect("a file");
    make(dir.path());
    dir
}

/// Runs `twiml check --format json` in `dir` and returns the exit status, the report of each
/// file by path, and standard error.
fn check(dir: &Path, args: &[&str]) -> (Option<i32>, serde_json::Value, String) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let o = twiml_in(dir, &all);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o))
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(&o), stderr(&o)));
    (o.status.code(), json, stderr(&o))
}

/// The report of the file shown as `path`.
fn file<'a>(json: &'a serde_json::Value, path: &str) -> &'a serde_json::Value {
    json["files"]
        .as_array()
        .expect("files")
        .iter()
        .find(|f| f["path"] == path)
        .unwrap_or_else(|| panic!("no report for {path} in {json}"))
}

/// The line of standard error that names an unreadable file, `error: PATH: REASON`; such a
/// file has no report on standard output.
fn unreadable<'a>(stderr: &'a str, json: &serde_json::Value, path: &str) -> &'a str {
    assert!(
        json["files"]
            .as_array()
            .expect("files")
            .iter()
            .all(|f| f["path"] != path),
        "{path} has a report: {json}"
    );
    stderr
        .lines()
        .find(|line| line.starts_with(&format!("error: {path}: ")))
        .unwrap_or_else(|| panic!("{path} is not named on standard error: {stderr}"))
}

fn assert_good_checked(json: &serde_json::Value) {
    let good = file(json, "good.xml");
    assert_eq!(good["diagnostics"], serde_json::json!([]), "{good}");
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_named_and_the_others_are_checked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder(|dir| {
        let locked = dir.join("locked.xml");
        std::fs::write(&locked, GOOD).expect("a file");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000))
            .expect("permissions");
        // A link to nothing cannot be read by anyone, root included.
        std::os::unix::fs::symlink(dir.join("gone.xml"), dir.join("dangling.xml"))
            .expect("a symbolic link");
    });
    let (status, json, stderr) = check(dir.path(), &["."]);
    assert_eq!(status, Some(2), "{json}");
    assert_good_checked(&json);
    let dangling = unreadable(&stderr, &json, "dangling.xml");
    assert!(dangling.contains("No such file"), "{dangling}");
    // Permissions hold for everyone but a privileged user (root, as in some CI containers),
    // who reads the file as usual.
    let privileged = std::fs::File::open(dir.path().join("locked.xml")).is_ok();
    if privileged {
        assert_eq!(
            file(&json, "locked.xml")["diagnostics"],
            serde_json::json!([])
        );
    } else {
        let locked = unreadable(&stderr, &json, "locked.xml");
        assert!(locked.contains("ermission denied"), "{locked}");
    }
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_loop_is_named_and_the_others_are_checked() {
    let dir = folder(|dir| {
        std::os::unix::fs::symlink("loop.xml", dir.join("loop.xml")).expect("a symbolic link");
        // A link to a folder above it: the folder walk does not follow it, so no cycle.
        std::os::unix::fs::symlink("..", dir.join("up")).expect("a symbolic link");
    });
    // In a folder, and named on the command line.
    for args in [&["."][..], &["good.xml", "loop.xml"][..]] {
        let (status, json, stderr) = check(dir.path(), args);
        assert_eq!(status, Some(2), "{args:?}: {json}");
        assert_good_checked(&json);
        let looped = unreadable(&stderr, &json, "loop.xml");
        assert!(looped.contains("symbolic links"), "{looped}");
    }
}

#[cfg(unix)]
#[test]
fn a_folder_that_cannot_be_listed_is_named_and_the_others_are_checked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder(|dir| {
        let locked = dir.join("locked");
        std::fs::create_dir(&locked).expect("a folder");
        std::fs::write(locked.join("inside.xml"), GOOD).expect("a file");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000))
            .expect("permissions");
    });
    let locked = dir.path().join("locked");
    // Permissions hold for everyone but a privileged user, who lists the folder as usual.
    let privileged = std::fs::read_dir(&locked).is_ok();
    // In a folder, and named on the command line.
    for args in [&["."][..], &["good.xml", "locked"][..]] {
        let (status, json, stderr) = check(dir.path(), args);
        assert_good_checked(&json);
        if privileged {
            assert_eq!(status, Some(0), "{args:?}: {json}");
            assert_eq!(
                file(&json, "locked/inside.xml")["diagnostics"],
                serde_json::json!([])
            );
        } else {
            assert_eq!(status, Some(2), "{args:?}: {json}");
            let line = unreadable(&stderr, &json, "locked");
            assert!(line.contains("ermission denied"), "{line}");
        }
    }
    // Restored, so that the temporary folder can be removed.
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).expect("permissions");
}

/// A folder nested so deep that its path is longer than the system accepts cannot be listed,
/// even by a privileged user: it is named with the reason, and the rest is checked.
#[cfg(target_os = "linux")]
#[test]
fn a_folder_too_deep_to_list_is_named_and_the_others_are_checked() {
    let dir = folder(|dir| {
        // Twenty folders of 250-character names, nested by moving each into the next, so
        // that no path used to make them is long: the deepest is some 5,000 bytes down.
        let name = |i: usize| format!("{i:02}{}", "d".repeat(248));
        std::fs::create_dir(dir.join(name(0))).expect("a folder");
        std::fs::write(dir.join(name(0)).join("deep.xml"), GOOD).expect("a file");
        for i in 1..20 {
            std::fs::create_dir(dir.join(name(i))).expect("a folder");
            std::fs::rename(dir.join(name(i - 1)), dir.join(name(i)).join(name(i - 1)))
                .expect("a move");
        }
    });
    let (status, json, stderr) = check(dir.path(), &["."]);
    assert_eq!(status, Some(2), "{json}");
    assert_good_checked(&json);
    let line = stderr
        .lines()
        .find(|line| {
            line.starts_with("error: 19d") && line.ends_with("File name too long (os error 36)")
        })
        .unwrap_or_else(|| panic!("no folder named on standard error: {stderr}"));
    let path =
        line["error: ".len()..line.len() - ": File name too long (os error 36)".len()].to_string();
    unreadable(&stderr, &json, &path);
}

#[test]
fn a_binary_file_is_named_as_not_utf8() {
    let dir = folder(|dir| {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";
        std::fs::write(dir.join("image.xml"), png).expect("a file");
    });
    let (status, json, _) = check(dir.path(), &["."]);
    assert_eq!(status, Some(1), "{json}");
    assert_good_checked(&json);
    let image = file(&json, "image.xml");
    assert_eq!(image["diagnostics"][0]["message"], "the input is not UTF-8");
    assert_eq!(image["diagnostics"][0]["line"], 1);
}

/// A UTF-16 document is named as one rather than decoded: TwiML files are read as UTF-8
/// (spans and columns are UTF-8 offsets), and the fix is to save the file as UTF-8.
#[test]
fn a_utf16_file_is_named_as_utf16() {
    let dir = folder(|dir| {
        for (name, bom, big_endian) in [
            ("little.xml", [0xFF, 0xFE], false),
            ("big.xml", [0xFE, 0xFF], true),
        ] {
            let mut bytes = bom.to_vec();
            for unit in GOOD.encode_utf16() {
                let pair = if big_endian {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                };
                bytes.extend(pair);
            }
            std::fs::write(dir.join(name), bytes).expect("a file");
        }
    });
    let (status, json, _) = check(dir.path(), &["."]);
    assert_eq!(status, Some(1), "{json}");
    assert_good_checked(&json);
    for (name, order) in [("little.xml", "little-endian"), ("big.xml", "big-endian")] {
        let report = file(&json, name);
        assert_eq!(
            report["diagnostics"][0]["message"],
            format!("the input is UTF-16 ({order}, by its byte-order mark), not UTF-8"),
            "{report}"
        );
        assert_eq!(report["diagnostics"][0]["help"], "save the file as UTF-8");
    }
}

#[test]
fn a_file_over_max_bytes_is_named_without_being_read_whole() {
    let dir = folder(|dir| {
        // 5 MB of a document: the limit is 1 KiB, and one byte past it is all that is read.
        let mut long = String::from("<Response><Say>");
        long.push_str(&"é".repeat(2_500_000));
        long.push_str("</Say></Response>");
        std::fs::write(dir.join("long.xml"), long).expect("a file");
    });
    let (status, json, _) = check(dir.path(), &["--max-bytes", "1024", "."]);
    assert_eq!(status, Some(1), "{json}");
    assert_good_checked(&json);
    let long = file(&json, "long.xml");
    assert_eq!(long["diagnostics"][0]["code"], "TW0004", "{long}");
    assert_eq!(
        long["diagnostics"][0]["message"],
        "the input is longer than 1024 bytes, the most the parser reads"
    );
}

#[cfg(unix)]
#[test]
fn a_path_that_is_not_utf8_is_checked_and_shown_lossily() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let name = || OsStr::from_bytes(b"caf\xe9.xml");
    let dir = folder(|dir| {
        std::fs::write(
            dir.join(name()),
            "<Response><Say>Hi</Say><Bogus/></Response>",
        )
        .expect("a file named with a byte that is not UTF-8");
    });
    let (status, json, _) = check(dir.path(), &["."]);
    assert_eq!(status, Some(1), "{json}");
    assert_good_checked(&json);
    let report = file(&json, "caf\u{fffd}.xml");
    assert!(
        !report["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .is_empty(),
        "{report}"
    );

    // Named on the command line too, as the bytes it is.
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_twiml"))
        .args([OsStr::new("check"), OsStr::new("good.xml"), name()])
        .current_dir(dir.path())
        .output()
        .expect("twiml runs");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("caf\u{fffd}.xml"), "{}", stdout(&o));
}

#[test]
fn a_missing_path_is_named_and_the_others_are_checked() {
    let dir = folder(|_| {});
    let (status, json, stderr) = check(dir.path(), &["good.xml", "missing.xml"]);
    assert_eq!(status, Some(2), "{json}");
    assert_good_checked(&json);
    let missing = unreadable(&stderr, &json, "missing.xml");
    assert!(missing.contains("No such file"), "{missing}");
}
