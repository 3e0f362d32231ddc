//! `twiml fmt` as users run it: standard input, folders of documents with and without
//! errors, `--check` and `--diff`, and files written whole or not at all.

mod common;

use std::path::Path;

use common::{root, stderr, stdout, twiml, twiml_in, twiml_with_stdin};

#[test]
fn fmt_prints_standard_input_in_canonical_form() {
    let input = "<?xml version=\"1.0\"?>\n<!-- menu -->\n<Response><Gather numDigits=\"1\"   action='/m'><Say>Press &#49;</Say></Gather>\n</Response>\n";
    let o = twiml_with_stdin(&["fmt", "-"], input);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let formatted = stdout(&o);
    insta::assert_snapshot!("canonical_form", formatted);
    assert_eq!(stderr(&o), "", "no summary beside a document");
    let o = twiml_with_stdin(&["fmt", "--check", "-"], &formatted);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        "0 files would be reformatted, 1 file already formatted\n"
    );
    let o = twiml_with_stdin(&["fmt", "--check", "-"], input);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o),
        "would reformat: <stdin>\n1 file would be reformatted, 0 files already formatted\n"
    );
    let o = twiml_with_stdin(&["fmt", "--compact", "--no-declaration", "-"], input);
    assert_eq!(
        stdout(&o),
        "<!-- menu --><Response><Gather action=\"/m\" numDigits=\"1\"><Say>Press 1</Say></Gather></Response>"
    );
}

/// A folder of documents to format: the example documents, copied.
fn examples_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = root().join("examples/twiml");
    for entry in std::fs::read_dir(&from).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    dir
}

/// The files of `dir` and their contents.
fn contents(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&path).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn fmt_formats_documents_with_structural_errors_and_refuses_what_does_not_parse() {
    let dir = examples_copy();
    let before = contents(dir.path());
    // `--check` and `--diff` write nothing. Only the unescaped `&` does not parse.
    let check = twiml_in(dir.path(), &["fmt", "--check", "."]);
    assert_eq!(check.status.code(), Some(2), "{}", stderr(&check));
    assert_eq!(contents(dir.path()), before);
    insta::assert_snapshot!("check_lists_the_files", stdout(&check));
    let refused = stderr(&check);
    assert!(
        refused.contains("error[TW0001]") && refused.contains(" --> unescaped-ampersand.xml:"),
        "{refused}"
    );
    assert!(
        refused.contains(
            "error: unescaped-ampersand.xml: the document does not parse, so it cannot be formatted"
        ),
        "{refused}"
    );
    let diff = twiml_in(
        dir.path(),
        &["fmt", "--diff", "dial-inside-gather.xml", "typos.xml"],
    );
    assert_eq!(diff.status.code(), Some(1), "{}", stderr(&diff));
    assert_eq!(contents(dir.path()), before);
    insta::assert_snapshot!("diff", stdout(&diff));

    // Formatting writes every document that parses, errors and all, and leaves the others.
    let o = twiml_in(dir.path(), &["fmt", "."]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "5 files reformatted, 4 files left unchanged, 1 file could not be formatted\n"
    );
    let after = contents(dir.path());
    let changed: Vec<&str> = before
        .iter()
        .zip(&after)
        .filter(|(b, a)| b.1 != a.1)
        .map(|(b, _)| b.0.as_str())
        .collect();
    assert_eq!(
        changed,
        [
            "card-by-keypad.xml",
            "dial-inside-gather.xml",
            "ivr-menu.xml",
            "payment.xml",
            "typos.xml"
        ]
    );
    let typos = &after.iter().find(|f| f.0 == "typos.xml").unwrap().1;
    insta::assert_snapshot!("a_document_with_errors_rewritten", typos);
    // The findings are those of the document before it was formatted (in another order, as
    // the attributes are).
    let findings = |dir: &Path| {
        let o = twiml_in(
            dir,
            &["check", "--format", "json", "--no-config", "typos.xml"],
        );
        let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        json["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| format!("{} {}", d["code"], d["message"]))
            .collect::<std::collections::BTreeSet<_>>()
    };
    let original = examples_copy();
    assert_eq!(findings(dir.path()), findings(original.path()));
    // The canonical form is a fixed point.
    let again = twiml_in(dir.path(), &["fmt", "--check", "."]);
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(
        stdout(&again),
        "0 files would be reformatted, 9 files already formatted, 1 file could not be formatted\n"
    );
    // No temporary file is left behind.
    assert_eq!(contents(dir.path()).len(), before.len());
}

const UNFORMATTED: &str = "<Response><Say voice='alice'>Hello</Say><Hangup/></Response>";
const FORMATTED: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response>\n  <Say voice=\"alice\">Hello</Say>\n  <Hangup/>\n</Response>\n";

#[test]
fn fmt_rewrites_files_whole_and_keeps_their_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("call.twiml");
    std::fs::write(&path, UNFORMATTED).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    #[cfg(unix)]
    let before = {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(&path).unwrap().ino()
    };
    let o = twiml_in(dir.path(), &["fmt", "call.twiml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "1 file reformatted, 0 files left unchanged\n");
    // The file was replaced by another, complete one, not rewritten in place.
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        assert_ne!(std::fs::metadata(&path).unwrap().ino(), before);
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FORMATTED);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }
    // Nothing else is left in the folder.
    assert_eq!(contents(dir.path()).len(), 1);
    // A file in canonical form is not written at all (a rewrite is a new file renamed over
    // the old one).
    #[cfg(unix)]
    let inode = {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(&path).unwrap().ino()
    };
    let o = twiml_in(dir.path(), &["fmt", "-q", "call.twiml"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "", "`--quiet` leaves out the summary");
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        assert_eq!(std::fs::metadata(&path).unwrap().ino(), inode);
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FORMATTED);
}

#[test]
fn fmt_refuses_a_read_only_file_and_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked.xml");
    std::fs::write(&locked, UNFORMATTED).unwrap();
    let mut permissions = std::fs::metadata(&locked).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&locked, permissions).unwrap();
    std::fs::write(dir.path().join("open.xml"), UNFORMATTED).unwrap();
    let o = twiml_in(dir.path(), &["fmt", "."]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: locked.xml: the file is read-only\n",
        "the error names the file"
    );
    assert_eq!(
        stdout(&o),
        "1 file reformatted, 0 files left unchanged, 1 file could not be formatted\n"
    );
    assert_eq!(std::fs::read_to_string(&locked).unwrap(), UNFORMATTED);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("open.xml")).unwrap(),
        FORMATTED
    );
}

#[cfg(unix)]
#[test]
fn fmt_writes_through_a_symbolic_link() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("real")).unwrap();
    let target = dir.path().join("real/call.xml");
    std::fs::write(&target, UNFORMATTED).unwrap();
    let link = dir.path().join("link.xml");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let o = twiml_in(dir.path(), &["fmt", "link.xml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), FORMATTED);
    assert_eq!(
        std::fs::read_dir(dir.path().join("real")).unwrap().count(),
        1
    );
}

#[test]
fn fmt_names_the_place_of_what_does_not_parse() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("broken.xml"),
        "<Response>\n  <Say>Hi</Sya>\n</Response>\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("latin1.xml"),
        b"<Response><Say>Se\xf1or</Say></Response>",
    )
    .unwrap();
    for name in ["broken.xml", "latin1.xml"] {
        let before = std::fs::read(dir.path().join(name)).unwrap();
        let o = twiml_in(dir.path(), &["fmt", name]);
        assert_eq!(o.status.code(), Some(2), "{name}");
        assert_eq!(std::fs::read(dir.path().join(name)).unwrap(), before);
        let message = stderr(&o);
        assert!(message.starts_with("error[TW0001]: "), "{message}");
        let at = if name == "broken.xml" {
            " --> broken.xml:2:"
        } else {
            " --> latin1.xml:1:"
        };
        assert!(message.contains(at), "{message}");
    }
    let o = twiml_in(dir.path(), &["fmt", "broken.xml"]);
    assert!(
        stderr(&o).ends_with(
            "error: broken.xml: the document does not parse, so it cannot be formatted\n"
        ),
        "{}",
        stderr(&o)
    );
    let o = twiml_in(dir.path(), &["fmt", "latin1.xml"]);
    assert!(
        stderr(&o)
            .ends_with("error: latin1.xml: the file is not UTF-8, so it cannot be formatted\n"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn fmt_options_conflict_where_they_should() {
    let o = twiml(&["fmt", "--check", "--diff", "examples/twiml"]);
    assert_eq!(o.status.code(), Some(2));
    let o = twiml(&["fmt", "--compact", "--indent", "4", "examples/twiml"]);
    assert_eq!(o.status.code(), Some(2));
    let o = twiml(&["fmt"]);
    assert_eq!(o.status.code(), Some(2), "a path is required");
}
