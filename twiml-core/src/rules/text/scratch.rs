//! Temporary: prints what the pipeline reads in a document (TWIML_SCRATCH=path).
#![allow(missing_docs)]

#[test]
#[ignore]
fn scratch() {
    let Ok(path) = std::env::var("TWIML_SCRATCH") else { return };
    let source = std::fs::read_to_string(path).unwrap();
    let names: Vec<String> = std::env::var("TWIML_NAMES").map(|n| n.split('|').map(String::from).collect()).unwrap_or_default();
    for doc in source.split("\n=====\n") {
        let parsed = crate::parse::parse(doc, &crate::parse::ParseOptions::default()).unwrap();
        let flow = crate::rules::flow::Flow::new(&parsed);
        let t = flow.transcript();
        println!("---- {}", doc.lines().next().unwrap_or(""));
        for s in t.sentences() {
            println!("  S[{}..{}] {:?}", s.start, s.end, t.text_of(s.clone()));
        }
        let q = |r: &std::ops::Range<u32>| t.quote(r.clone());
        println!("  notices: {:?}", t.notices().iter().map(q).collect::<Vec<_>>());
        println!("  cues: {:?}", t.message_cues().iter().map(q).collect::<Vec<_>>());
        println!("  card: {:?}", t.card_asks().iter().map(|(r, k)| (q(r), *k)).collect::<Vec<_>>());
        println!("  optouts: {:?}", t.opt_outs().iter().map(|o| (q(&o.tokens), o.key, o.word)).collect::<Vec<_>>());
        println!("  ai: {:?}", t.ai_disclosures(0..t.len()).iter().map(q).collect::<Vec<_>>());
        let masked = t.names(&names);
        println!("  names: {:?}", masked.iter().map(q).collect::<Vec<_>>());
        println!("  debt: {:?}", t.debt_mentions(&masked).iter().map(q).collect::<Vec<_>>());
        println!("  mm: {:?} {:?}", t.collection_attempts().iter().map(q).collect::<Vec<_>>(), t.information_uses().iter().map(q).collect::<Vec<_>>());
        println!("  collector: {:?}", t.collector_statements(&masked).iter().map(q).collect::<Vec<_>>());
        println!("  threats: {:?}", t.threats(&masked).iter().map(q).collect::<Vec<_>>());
        println!("  reply: {:?} urgency {:?}", t.reply_requests().iter().map(q).collect::<Vec<_>>(), t.urgency().iter().map(q).collect::<Vec<_>>());
        println!("  phones: {:?}", t.phones().iter().map(|p| p.digits.clone()).collect::<Vec<_>>());
        println!("  health: {:?}", t.health_details().iter().map(|d| (q(&d.tokens), d.kind, d.sensitive)).collect::<Vec<_>>());
        println!("  sms: {:?}", t.sms_opt_outs().iter().map(q).collect::<Vec<_>>());
        println!("  forbidden: {:?}", t.forbidden().map(|(r, c)| (q(&r), c)));
    }
}
