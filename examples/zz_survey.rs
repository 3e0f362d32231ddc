#![allow(missing_docs)]
use twiml::{LineIndex, ParseOptions, validate};
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml" || e == "twiml"))
        .collect();
    paths.sort();
    for p in paths {
        let src = std::fs::read_to_string(&p).unwrap();
        let v = validate(&src, &ParseOptions::default());
        let idx = LineIndex::new(&src);
        for d in &v.diagnostics {
            let (l, c) = idx.location(d.span.start as usize);
            println!(
                "{}:{l}:{c}: {}[{}] {} {}",
                p.file_name().unwrap().to_string_lossy(),
                d.severity,
                d.code,
                d.message,
                d.help.clone().unwrap_or_default()
            );
        }
    }
}
