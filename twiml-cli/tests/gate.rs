//! `twiml gate`, `twiml classify` and `twiml eval classify` as users run them.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

// The registry of the classifier's sets, read as `twiml eval classify` reads it.
#[allow(dead_code)]
#[path = "../src/commands/eval/sets.rs"]
mod sets;

fn twiml(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_twiml"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
        .output()
        .expect("twiml runs")
}

fn twiml_with_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_twiml"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("twiml runs");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = input.as_bytes().to_vec();
    let writer = std::thread::spawn(move || match stdin.write_all(&input) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    });
    let output = child.wait_with_output().expect("twiml finishes");
    writer
        .join()
        .expect("no panic")
        .expect("stdin takes the input");
    output
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

#[test]
fn the_json_form_has_the_documented_fields() {
    let o = twiml(&[
        "gate",
        "--to",
        "+13055550123",
        "--at",
        "2026-12-04T02:30:00Z",
        "--intent",
        "marketing",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json(&o);
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        &keys[..8],
        [
            "verdict",
            "twilio_code",
            "rules",
            "next_allowed_at",
            "zones",
            "states",
            "classification",
            "findings"
        ]
    );
    assert_eq!(v["verdict"], "defer");
    assert_eq!(v["twilio_code"], serde_json::Value::Null);
    assert_eq!(v["rules"], serde_json::json!(["MSG002"]));
    assert_eq!(v["next_allowed_at"], "2026-12-04T13:00:00Z");
    assert_eq!(v["zones"], serde_json::json!(["America/New_York"]));
    assert_eq!(v["states"], serde_json::json!(["FL"]));
    assert_eq!(
        v["classification"],
        serde_json::json!({
            "class": "non-essential",
            "intent": "marketing",
            "source": "declared",
            "cues": ["declared intent: marketing"],
        })
    );
    let finding = &v["findings"][0];
    for key in [
        "code",
        "severity",
        "message",
        "line",
        "column",
        "end_line",
        "end_column",
        "help",
        "twilio_error",
    ] {
        assert!(finding.get(key).is_some(), "finding lacks `{key}`");
    }
    assert_eq!(finding["code"], "MSG002");
    assert_eq!(finding["twilio_error"], 30610);
}

#[test]
fn block_handling_gives_the_twilio_code_and_allow_exits_zero() {
    let o = twiml(&[
        "gate",
        "--to",
        "+13055550123",
        "--at",
        "2026-12-04T02:30:00Z",
        "--intent",
        "marketing",
        "--handling",
        "block",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    assert_eq!(v["verdict"], "block");
    assert_eq!(v["twilio_code"], 30610);
    let o = twiml(&[
        "gate",
        "--to",
        "+13055550123",
        "--at",
        "2026-12-04T15:00:00Z",
        "--intent",
        "marketing",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).starts_with("verdict: allow\n"));
}

#[test]
fn text_output_gives_times_in_utc_and_in_the_recipients_zones() {
    let o = twiml(&[
        "gate",
        "--to",
        "+18502010123",
        "--at",
        "2026-12-09T13:30:00Z",
        "--body",
        "Flash sale: 40% off today only",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(
        text.contains("verdict: defer until 2026-12-09T14:00:00Z (Wed 2026-12-09 08:00 CST in America/Chicago; Wed 2026-12-09 09:00 EST in America/New_York)"),
        "{text}"
    );
    assert!(
        text.contains("at:      2026-12-09T13:30:00Z (Wed 2026-12-09 07:30 CST in America/Chicago; Wed 2026-12-09 08:30 EST in America/New_York)"),
        "{text}"
    );
    assert!(text.contains("marketing: \"40% off\""), "{text}");
}

#[test]
fn bad_input_names_the_field_and_exits_two() {
    for (args, field) in [
        (vec!["--to", "3055550123"], "`to`"),
        (vec!["--to", "+1305555012"], "`to`"),
        (vec!["--to", "+13055550123", "--at", "tomorrow"], "`at`"),
        (
            vec!["--to", "+13055550123", "--at", "2026-12-04 02:30"],
            "`at`",
        ),
        (
            vec!["--to", "+13055550123", "--intent", "promo"],
            "`intent`",
        ),
        (
            vec!["--to", "+13055550123", "--time-zone", "America/Atlantis"],
            "`time-zone`",
        ),
        (vec!["--to", "+13055550123", "--zip", "ABCDE"], "`zip`"),
        (vec!["--to", "+13055550123", "--state", "ZZ"], "`state`"),
        (
            vec!["--to", "+13055550123", "--channel", "fax"],
            "`channel`",
        ),
        (
            vec!["--to", "+13055550123", "--use-case", "SHIPPING"],
            "`use-case`",
        ),
        (
            vec!["--to", "+13055550123", "--from", "not a sender!"],
            "`from`",
        ),
        (
            vec![
                "--to",
                "+13055550123",
                "--override",
                "QH001",
                "--reason",
                " ",
                "--actor",
                "ops",
            ],
            "`override`",
        ),
    ] {
        let mut full = vec!["gate"];
        full.extend(args.iter().copied());
        let o = twiml(&full);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stdout(&o));
        assert!(
            stdout(&o).is_empty(),
            "{args:?}: nothing on standard output"
        );
        let err = stderr(&o);
        assert!(
            err.starts_with(&format!("error: {field}: ")),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn a_twiml_file_is_the_content_and_overrides_are_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("promo.xml");
    std::fs::write(
        &file,
        "<Response><Message>Acme: 25% off all boots this weekend. Reply STOP to opt out.</Message></Response>",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let base = [
        "gate",
        "--to",
        "+12125550123",
        "--at",
        "2026-12-10T03:30:00Z",
        "--format",
        "json",
    ];
    let mut args = base.to_vec();
    args.push(path);
    let v = json(&twiml(&args));
    assert_eq!(v["classification"]["class"], "non-essential");
    assert_eq!(v["rules"], serde_json::json!(["MSG002"]));
    let mut args = base.to_vec();
    args.extend([
        path,
        "--override",
        "MSG002",
        "--reason",
        "a reply the customer asked for",
        "--actor",
        "ops@acme",
    ]);
    let o = twiml(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let v = json(&o);
    assert_eq!(v["verdict"], "allow");
    assert_eq!(
        v["overrides"],
        serde_json::json!([{"code": "MSG002", "reason": "a reply the customer asked for", "actor": "ops@acme", "suppressed": 1}])
    );
    // A file that is not TwiML is trouble, named.
    std::fs::write(&file, "<Response><Message>oops</Response>").unwrap();
    let mut args = base.to_vec();
    args.push(path);
    let o = twiml(&args);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("not a TwiML document"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn outside_the_nanp_without_a_zone_is_review() {
    let args = [
        "gate",
        "--to",
        "+442079460000",
        "--at",
        "2026-12-09T12:00:00Z",
        "--intent",
        "marketing",
        "--format",
        "json",
    ];
    let o = twiml(&args);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    assert_eq!(v["verdict"], "review");
    assert_eq!(v["missing"], serde_json::json!(["time-zone"]));
    let mut args = args.to_vec();
    args.extend(["--time-zone", "Europe/London"]);
    assert_eq!(twiml(&args).status.code(), Some(0));
}

#[test]
fn a_campaign_file_is_decided_send_by_send() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("campaign.toml");
    std::fs::write(
        &file,
        "intent = \"marketing\"\nbody = \"Winter sale\"\n\n[[send]]\nto = \"+12125550123\"\nat = \"2026-12-09T15:00:00Z\"\n\n[[send]]\nto = \"+13105550123\"\nat = \"2026-12-09T15:00:00Z\"\n",
    )
    .unwrap();
    let o = twiml(&[
        "gate",
        "--campaign",
        file.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json(&o);
    let sends = v["sends"].as_array().unwrap();
    assert_eq!(sends.len(), 2);
    assert_eq!(sends[0]["verdict"], "allow");
    assert_eq!(sends[0]["line"], 5);
    // 07:00 in Los Angeles.
    assert_eq!(sends[1]["verdict"], "defer");
    assert_eq!(sends[1]["next_allowed_at"], "2026-12-09T16:00:00Z");
    // A bad value is named with its line and column.
    std::fs::write(&file, "[[send]]\nto = \"+13055550123\"\nat = \"noon\"\n").unwrap();
    let o = twiml(&["gate", "--campaign", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("campaign.toml:3:6: `at`: "),
        "{}",
        stderr(&o)
    );
}

#[test]
fn classify_answers_class_intent_and_cues() {
    let o = twiml(&[
        "classify",
        "--format",
        "json",
        "Your Acme verification code is 482913",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let v = json(&o);
    assert_eq!(v["class"], "essential");
    assert_eq!(v["intent"], "otp");
    assert!(
        v["cues"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == "otp: \"verification code\""),
        "{v}"
    );
    let o = twiml_with_stdin(
        &["classify", "-"],
        "¡Oferta especial! 30% de descuento en toda la tienda.",
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).starts_with("non-essential (marketing)\n"),
        "{}",
        stdout(&o)
    );
    let o = twiml(&["classify", "--format", "json", "Hello there"]);
    assert_eq!(json(&o)["class"], serde_json::Value::Null);
}

/// The repository's folder of the classifier's sets.
fn classify_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../eval/classify")
}

/// The repository's registry of the sets, `eval/classify/sets.toml`.
fn registry() -> sets::Registry {
    sets::Registry::read(&classify_dir()).unwrap_or_else(|e| panic!("{e}"))
}

/// Puts the repository's registry in a folder of sets made for a test.
fn copy_registry(dir: &Path) {
    std::fs::copy(classify_dir().join(sets::FILE), dir.join(sets::FILE)).unwrap();
}

/// The names of the authors' sets kept whole (`author-c` and after) that have this role, in
/// the registry's order: those that judge (scored whole, never read, never trained on), those
/// that have judged and may now train (never read), those written for training (read).
fn whole_sets(role: sets::Role) -> Vec<String> {
    registry()
        .whole_sets_apart()
        .filter(|s| s.role == role)
        .map(|s| s.name.clone())
        .collect()
}

#[test]
fn eval_classify_scores_a_labelled_set() {
    let dir = tempfile::tempdir().unwrap();
    copy_registry(dir.path());
    std::fs::write(
        dir.path().join("dev.toml"),
        r#"
[[message]]
id = "t-1"
lang = "en"
text = "Your Acme verification code is 482913."
class = "essential"
intent = "otp"
kind = "otp"
hard = false

[[message]]
id = "t-2"
lang = "es"
text = "¡Oferta especial! 30% de descuento en toda la tienda."
class = "non-essential"
intent = "marketing"
kind = "promo"
hard = false

[[message]]
id = "t-3"
lang = "en"
text = "Hello there"
class = "essential"
intent = "customercare"
kind = "customer-care"
hard = true
"#,
    )
    .unwrap();
    let dir_arg = dir.path().to_str().unwrap();
    let o = twiml(&["eval", "classify", "--dir", dir_arg, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["accuracy"]["total"], 3);
    assert_eq!(v["accuracy"]["correct"], 2);
    assert_eq!(v["accuracy"]["undecided"], 1);
    assert_eq!(v["by_language"]["es"]["correct"], 1);
    assert_eq!(v["hard"]["total"], 1);
    // A message labelled a one-time code and read as non-essential fails the check.
    std::fs::write(
        dir.path().join("dev.toml"),
        "[[message]]\nid = \"t-9\"\nlang = \"en\"\ntext = \"Use code 4412 for 20% off your next order. Shop now at cole.co\"\nclass = \"essential\"\nintent = \"otp\"\nkind = \"otp\"\n",
    )
    .unwrap();
    let o = twiml(&["eval", "classify", "--dir", dir_arg]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("read as non-essential: t-9"),
        "{}",
        stdout(&o)
    );
    let o = twiml(&["eval", "classify", "--dir", dir_arg, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    assert_eq!(v["essential_kinds_read_as_non_essential"], 1);
    assert_eq!(v["essential_kinds_read_as_non_essential_ids"][0], "t-9");
    // On the held-out half, the same message is counted and not named.
    std::fs::copy(
        dir.path().join("dev.toml"),
        dir.path().join("held-out.toml"),
    )
    .unwrap();
    let o = twiml(&["eval", "classify", "--dir", dir_arg, "--split", "held-out"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("read as non-essential: 1 (named only on the sets that tune"),
        "{}",
        stdout(&o)
    );
    assert!(!stdout(&o).contains("t-9"), "{}", stdout(&o));
    let o = twiml(&[
        "eval", "classify", "--dir", dir_arg, "--split", "held-out", "--format", "json",
    ]);
    let v = json(&o);
    assert_eq!(v["essential_kinds_read_as_non_essential"], 1);
    assert_eq!(
        v["essential_kinds_read_as_non_essential_ids"],
        serde_json::json!([])
    );
    std::fs::remove_file(dir.path().join("held-out.toml")).unwrap();
    // A missing set is trouble.
    let o = twiml(&["eval", "classify", "--dir", dir_arg, "--split", "held-out"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("held-out.toml"), "{}", stderr(&o));
}

#[test]
fn eval_classify_scores_a_further_set_its_halves_and_a_trained_classifier() {
    let judged = whole_sets(sets::Role::Trains);
    let judging = whole_sets(sets::Role::Judges);
    let for_training = whole_sets(sets::Role::Tunes);
    assert!(
        !judged.is_empty() && !judging.is_empty() && !for_training.is_empty(),
        "the registry has sets of each role"
    );
    let dir = tempfile::tempdir().unwrap();
    copy_registry(dir.path());
    let message = |id: &str, text: &str, class: &str, intent: &str, kind: &str| {
        format!(
            "[[message]]\nid = \"{id}\"\nlang = \"en\"\ntext = \"{text}\"\nclass = \"{class}\"\nintent = \"{intent}\"\nkind = \"{kind}\"\nhard = false\n\n"
        )
    };
    let code = |id: &str, n: u32| {
        message(
            id,
            &format!("Your Acme verification code is {n}."),
            "essential",
            "otp",
            "otp",
        )
    };
    let promo = |id: &str, n: u32| {
        message(
            id,
            &format!("Acme: {n}% off everything this weekend! Shop now."),
            "non-essential",
            "marketing",
            "promo",
        )
    };
    let training: String = (0..6)
        .map(|i| code(&format!("t-{i}"), 400_000 + i) + &promo(&format!("p-{i}"), 10 + i))
        .collect();
    std::fs::write(dir.path().join("training.toml"), training).unwrap();
    std::fs::write(
        dir.path().join("author-b.toml"),
        code("b-1", 918_273) + &promo("b-2", 35) + &code("b-3", 556_677) + &promo("b-4", 45),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("author-b-halves.toml"),
        "seed = 1\na = [\"b-1\", \"b-2\"]\nb = [\"b-3\", \"b-4\"]\n",
    )
    .unwrap();
    let dir_arg = dir.path().to_str().unwrap();
    let eval = |extra: &[&str]| {
        let mut args = vec!["eval", "classify", "--dir", dir_arg, "--format", "json"];
        args.extend_from_slice(extra);
        twiml(&args)
    };
    // The whole set, and each half.
    let o = eval(&["--split", "author-b"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(json(&o)["accuracy"]["total"], 4);
    assert_eq!(json(&o)["trained_on"], serde_json::Value::Null);
    let o = eval(&["--split", "author-b-b"]);
    assert_eq!(json(&o)["accuracy"]["total"], 2);
    // A classifier trained on chosen sets classifies the other half.
    let o = eval(&["--split", "author-b-b", "--train", "training,author-b-a"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(
        v["trained_on"],
        serde_json::json!(["training", "author-b-a"])
    );
    assert_eq!(v["accuracy"]["total"], 2);
    assert_eq!(v["accuracy"]["correct"], 2);
    // Any file of the schema, scored as unseen.
    let path = dir.path().join("author-b.toml");
    let o = twiml(&[
        "eval",
        "classify",
        "--file",
        path.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(json(&o)["accuracy"]["total"], 4);
    // Refused: training on the set scored, training on the held-out half, naming the
    // messages of a set that is only scored, a half the halves file does not know.
    for (args, says) in [
        (
            &["--split", "author-b-b", "--train", "author-b"][..],
            "shares messages",
        ),
        (&["--split", "author-b", "--train", "held-out"], "held-out"),
        (&["--split", "author-b-b", "--errors"], "--errors"),
        (&["--split", "author-b", "--errors"], "--errors"),
    ] {
        let o = eval(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(says), "{args:?}: {}", stderr(&o));
    }
    let o = eval(&["--split", "author-b-a", "--errors"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The authors' sets that judge or have judged are scored whole and never read: a misread
    // code is counted, not named. Having judged, a set may train (the registry says which).
    for judge in judged.iter().chain(&judging) {
        let judge = judge.as_str();
        std::fs::write(
            dir.path().join(format!("{judge}.toml")),
            code("j-1", 771_204)
                + &message(
                    "j-2",
                    "Acme: 40% off everything this weekend! Shop now.",
                    "essential",
                    "otp",
                    "otp",
                ),
        )
        .unwrap();
        let o = eval(&["--split", judge]);
        assert_eq!(o.status.code(), Some(1), "{judge}: {}", stderr(&o));
        let v = json(&o);
        assert_eq!(v["accuracy"]["total"], 2, "{judge}");
        assert_eq!(v["essential_kinds_read_as_non_essential"], 1, "{judge}");
        assert_eq!(
            v["essential_kinds_read_as_non_essential_ids"],
            serde_json::json!([]),
            "{judge}"
        );
        let o = eval(&["--split", judge, "--train", "training,author-b"]);
        assert_eq!(json(&o)["accuracy"]["total"], 2, "{judge}");
        let o = eval(&["--split", judge, "--errors"]);
        assert_eq!(o.status.code(), Some(2), "{judge}");
        assert!(stderr(&o).contains("--errors"), "{judge}: {}", stderr(&o));
    }
    for judged in &judged {
        let trained_with = format!("training,{judged}");
        let o = eval(&["--split", "author-b", "--train", trained_with.as_str()]);
        assert_eq!(o.status.code(), Some(0), "{judged}: {}", stderr(&o));
        assert_eq!(json(&o)["accuracy"]["total"], 4, "{judged}");
    }
    // Refused: training on a set that only judges, alone or beside sets that may train, and
    // training on the set scored.
    let mut refused: Vec<(Vec<String>, String)> = Vec::new();
    let (first, last) = (&judged[0], &judged[judged.len() - 1]);
    for (i, judge) in judging.iter().enumerate() {
        let scored = judging[(i + 1) % judging.len()].as_str();
        let says = format!("{judge} is scored, never trained on");
        for (split, train) in [
            ("author-b", judge.to_string()),
            (scored, format!("training,{judge}")),
            (scored, format!("training,{first},{last},{judge}")),
        ] {
            refused.push((
                vec!["--split".into(), split.into(), "--train".into(), train],
                says.clone(),
            ));
        }
    }
    for judged in &judged {
        refused.push((
            vec![
                "--split".into(),
                judged.clone(),
                "--train".into(),
                format!("training,{judged}"),
            ],
            "shares messages".into(),
        ));
    }
    for (args, says) in &refused {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = eval(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&o).contains(says.as_str()),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    // The sets written for training train, and their misread messages are named.
    for (set, digits) in for_training.iter().zip(730_114..) {
        let set = set.as_str();
        let prefix = set.trim_start_matches("author-");
        std::fs::write(
            dir.path().join(format!("{set}.toml")),
            code(&format!("{prefix}-1"), digits)
                + &message(
                    &format!("{prefix}-2"),
                    "Acme: 40% off everything this weekend! Shop now.",
                    "essential",
                    "otp",
                    "otp",
                ),
        )
        .unwrap();
        let o = eval(&["--split", set, "--errors"]);
        assert_eq!(o.status.code(), Some(1), "{set}: {}", stderr(&o));
        assert_eq!(
            json(&o)["essential_kinds_read_as_non_essential_ids"],
            serde_json::json!([format!("{prefix}-2")]),
            "{set}"
        );
    }
    // Trained on the own messages and every author's set that may train, but the one scored.
    let mut trained_on = vec!["training".to_owned()];
    trained_on.extend(
        registry()
            .whole_sets_apart()
            .filter(|s| s.role.may_train() && s.name != *last)
            .map(|s| s.name.clone()),
    );
    let o = eval(&["--split", last, "--train", &trained_on.join(",")]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(json(&o)["accuracy"]["total"], 2);
    std::fs::write(
        dir.path().join("author-b-halves.toml"),
        "seed = 1\na = [\"b-1\", \"b-9\"]\nb = [\"b-3\"]\n",
    )
    .unwrap();
    let o = eval(&["--split", "author-b-a"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("`b-9`"), "{}", stderr(&o));
}

/// `twiml eval classify` takes its sets from the registry of its `--dir`: a name it lacks is
/// refused with those it has, a registry that is missing or at fault is an error naming the
/// file, the row and the field (exit status 2), and a set's role, one line of the registry,
/// decides what may be done with it.
#[test]
fn eval_classify_takes_its_sets_from_the_registry_of_its_dir() {
    let dir = tempfile::tempdir().unwrap();
    let set = "[[message]]\nid = \"m-1\"\nlang = \"en\"\ntext = \"Your Acme verification code is 118822.\"\nclass = \"essential\"\nintent = \"otp\"\nkind = \"otp\"\nhard = false\n\n[[message]]\nid = \"m-2\"\nlang = \"en\"\ntext = \"Acme: 40% off everything this weekend! Shop now.\"\nclass = \"essential\"\nintent = \"otp\"\nkind = \"otp\"\nhard = false\n";
    std::fs::write(dir.path().join("dev.toml"), set).unwrap();
    std::fs::write(dir.path().join("mine.toml"), set).unwrap();
    let dir_arg = dir.path().to_str().unwrap();
    let eval = |extra: &[&str]| {
        let mut args = vec!["eval", "classify", "--dir", dir_arg, "--format", "json"];
        args.extend_from_slice(extra);
        twiml(&args)
    };
    let registry = |rows: &str| {
        std::fs::write(dir.path().join("sets.toml"), format!("set = [\n{rows}]\n")).unwrap();
    };
    // No registry: the sets of the folder have no names.
    let o = eval(&["--split", "dev"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("sets.toml"), "{}", stderr(&o));
    // A file scored alone needs none.
    let mine = dir.path().join("mine.toml");
    let o = eval(&["--file", mine.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(json(&o)["accuracy"]["total"], 2);
    // A registry at fault: the file, the row and the field are named.
    let dev = "  { name = \"dev\", file = \"dev.toml\", role = \"tunes\" },\n";
    for (rows, says) in [
        (
            format!("{dev}  {{ name = \"mine\", file = \"mine.toml\", role = \"teaches\" }},\n"),
            "row 2 (`mine`): `role` `teaches` is not tunes, trains or judges",
        ),
        (
            format!("{dev}  {{ name = \"dev\", file = \"mine.toml\", role = \"trains\" }},\n"),
            "row 2 (`dev`): `name` `dev` is row 1's too",
        ),
        (
            format!("{dev}  {{ name = \"mine\", role = \"trains\" }},\n"),
            "row 2 (`mine`): `file` is missing",
        ),
        (
            format!(
                "{dev}  {{ name = \"mine\", file = \"mine.toml\", role = \"trains\", owner = \"me\" }},\n"
            ),
            "row 2 (`mine`): unknown field `owner`",
        ),
        (
            format!("{dev}  {{ name = \"mine\", file = \"mine.toml\", role = 3 }},\n"),
            "row 2 (`mine`): `role` must be a string",
        ),
    ] {
        registry(&rows);
        let o = eval(&["--split", "dev"]);
        assert_eq!(o.status.code(), Some(2), "{rows}");
        assert!(stdout(&o).is_empty(), "{rows}");
        assert!(stderr(&o).contains("sets.toml: "), "{}", stderr(&o));
        assert!(stderr(&o).contains(says), "{says}: {}", stderr(&o));
    }
    // A name the registry lacks is refused with the names it has.
    registry(&format!(
        "{dev}  {{ name = \"mine\", file = \"mine.toml\", role = \"judges\" }},\n"
    ));
    for args in [&["--split", "theirs"][..], &["--train", "dev,theirs"]] {
        let o = eval(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&o).contains("no set `theirs`") && stderr(&o).contains("the sets: dev, mine"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    // A set that judges: figures only, never trained on.
    let o = eval(&["--split", "mine"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(json(&o)["essential_kinds_read_as_non_essential"], 1);
    assert_eq!(
        json(&o)["essential_kinds_read_as_non_essential_ids"],
        serde_json::json!([])
    );
    for (args, says) in [
        (&["--split", "mine", "--errors"][..], "--errors"),
        (&["--train", "mine"], "mine is scored, never trained on"),
    ] {
        let o = eval(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(says), "{args:?}: {}", stderr(&o));
    }
    // One line changed: now it trains.
    registry(&format!(
        "{dev}  {{ name = \"mine\", file = \"mine.toml\", role = \"trains\" }},\n"
    ));
    let o = eval(&["--train", "mine"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(json(&o)["trained_on"], serde_json::json!(["mine"]));
    let o = eval(&["--split", "mine", "--errors"]);
    assert_eq!(o.status.code(), Some(2));
    // And now it tunes: its misread messages are named.
    registry(&format!(
        "{dev}  {{ name = \"mine\", file = \"mine.toml\", role = \"tunes\" }},\n"
    ));
    let o = eval(&["--split", "mine", "--errors"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        json(&o)["essential_kinds_read_as_non_essential_ids"],
        serde_json::json!(["m-2"])
    );
}

#[test]
fn the_readme_shows_what_the_commands_print() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md"))
            .unwrap();
    let block = |prompt: &str| -> String {
        let start = readme
            .find(prompt)
            .unwrap_or_else(|| panic!("README lacks `{prompt}`"));
        let rest = &readme[start..];
        let rest = &rest[rest.find('\n').unwrap() + 1..];
        let end = [rest.find("\n\n"), rest.find("\n```")]
            .into_iter()
            .flatten()
            .min()
            .unwrap();
        format!("{}\n", &rest[..end])
    };
    let o = twiml(&[
        "gate",
        "--to",
        "+13055550123",
        "--at",
        "2026-12-04T02:30:00Z",
        "--intent",
        "marketing",
        "--body",
        "Acme: 20% off this weekend. Reply STOP to opt out.",
    ]);
    assert_eq!(stdout(&o), block("$ twiml gate --to +13055550123"));
    let o = twiml(&[
        "classify",
        "Your order #4412 has shipped! Use code THANKS15 for 15% off your next order.",
    ]);
    assert_eq!(stdout(&o), block("$ twiml classify"));
}
