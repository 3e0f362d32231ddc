//! Unit tests for the detectors. Inputs are written as a person would type them and go through
//! `normalize` first, as the rules will do, so accented Spanish is exercised end to end.

use super::strings::*;
use super::*;

/// Normalises `raw`, runs `detector` and returns the matched text.
fn hit(detector: fn(&str) -> Option<Match>, raw: &str) -> Option<String> {
    let text = normalize(raw);
    detector(&text).map(|m| text[m.start..m.end].to_owned())
}

/// Asserts that `detector` matches `raw` and that the match reads `expected` (normalised).
#[track_caller]
fn assert_hit(detector: fn(&str) -> Option<Match>, raw: &str, expected: &str) {
    assert_eq!(
        hit(detector, raw).as_deref(),
        Some(expected),
        "input: {raw:?}"
    );
}

#[track_caller]
fn assert_miss(detector: fn(&str) -> Option<Match>, raw: &str) {
    assert_eq!(hit(detector, raw), None, "input: {raw:?}");
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

// --- normalize / sentences --------------------------------------------------------------------

#[test]
fn normalize_folds_accents_case_and_whitespace() {
    assert_eq!(
        normalize("  Esta   llamada\tpodrá\nser GRABADA  "),
        "esta llamada podra ser grabada"
    );
    assert_eq!(normalize("NÚMERO de INFORMACIÓN"), "numero de informacion");
    assert_eq!(normalize("İstanbul"), "istanbul");
    assert_eq!(normalize("ﬁle ８００"), "file 800");
    assert_eq!(normalize("a\u{00A0}b"), "a b");
    assert_eq!(normalize(""), "");
}

#[test]
fn normalize_folds_quotes_dashes_and_invisible_characters() {
    assert_eq!(normalize("I’m “here”"), "i'm \"here\"");
    assert_eq!(normalize("«STOP»"), "\"stop\"");
    assert_eq!(normalize("a–b—c−d"), "a-b-c-d");
    assert_eq!(normalize("re\u{200B}corded"), "recorded");
    assert_eq!(normalize("$49.99; ok!"), "$49.99; ok!");
    assert_eq!(normalize("\u{0}"), "\u{0}");
}

fn sentence_texts(text: &str) -> Vec<&str> {
    sentences(text).map(|r| &text[r]).collect()
}

#[test]
fn sentences_split_on_terminators_but_not_inside_numbers_or_hosts() {
    assert_eq!(
        sentence_texts("hello. this call may be recorded! ok? yes; done"),
        ["hello", "this call may be recorded", "ok", "yes", "done"]
    );
    assert_eq!(
        sentence_texts("you owe $49.99 today. visit bit.ly now"),
        ["you owe $49.99 today", "visit bit.ly now"]
    );
    assert_eq!(sentence_texts("an a.i. agent"), ["an a.i. agent"]);
    // A line break is whitespace to a voice reading the text.
    assert_eq!(sentence_texts("line one\nline two"), ["line one\nline two"]);
    assert!(sentence_texts("").is_empty());
    assert!(sentence_texts(" . ;; !? ").is_empty());
}

// --- D-REC ------------------------------------------------------------------------------------

#[test]
fn recording_notice_english() {
    assert_hit(
        recording_notice,
        "This call may be recorded for quality assurance.",
        "this call may be recorded",
    );
    assert_hit(
        recording_notice,
        "Calls are monitored and recorded.",
        "calls are monitored",
    );
    assert_hit(
        recording_notice,
        "Your conversation will be transcribed.",
        "your conversation will be transcribed",
    );
    assert_hit(
        recording_notice,
        "We record all calls for training.",
        "record all calls",
    );
    assert_hit(
        recording_notice,
        "You are on a recorded line.",
        "recorded line",
    );
    assert_hit(
        recording_notice,
        "Everything you say is transcribed and analyzed during this conversation.",
        "transcribed and analyzed during this conversation",
    );
}

#[test]
fn recording_notice_spanish() {
    assert_hit(
        recording_notice,
        "Esta llamada podrá ser grabada.",
        "esta llamada podra ser grabada",
    );
    assert_hit(
        recording_notice,
        "Su llamada está siendo grabada",
        "su llamada esta siendo grabada",
    );
    assert_hit(
        recording_notice,
        "Grabamos esta llamada.",
        "grabamos esta llamada",
    );
    assert_hit(
        recording_notice,
        "Las llamadas son monitoreadas.",
        "las llamadas son monitoreadas",
    );
    assert_hit(
        recording_notice,
        "La conversación será transcrita y analizada.",
        "la conversacion sera transcrita",
    );
}

#[test]
fn recording_notice_near_misses() {
    assert_miss(recording_notice, "Visit our record store on Main Street.");
    // Decision: "record" as a noun is not a notice, even with "call" in the sentence.
    assert_miss(recording_notice, "We have no record of your call.");
    assert_miss(
        recording_notice,
        "Please record your message and we will call you back.",
    );
    // Verb and noun must share a sentence.
    assert_miss(
        recording_notice,
        "We record podcasts. Thanks for your call.",
    );
    assert_miss(recording_notice, "Thank you for calling. The line is busy.");
    assert_miss(
        recording_notice,
        "La grabadora está en la mesa. Gracias por su llamada.",
    );
}

// --- D-AI -------------------------------------------------------------------------------------

#[test]
fn ai_disclosure_english() {
    assert_hit(
        ai_disclosure,
        "Hi, I'm a virtual assistant.",
        "virtual assistant",
    );
    assert_hit(
        ai_disclosure,
        "Our virtual assistant can help.",
        "virtual assistant",
    );
    assert_hit(
        ai_disclosure,
        "This is an automated system.",
        "automated system",
    );
    assert_hit(ai_disclosure, "I am an AI.", "an ai");
    assert_hit(
        ai_disclosure,
        "You are speaking with an A.I. agent.",
        "a.i. agent",
    );
    assert_hit(ai_disclosure, "I’m not a real person.", "not a real person");
    assert_hit(
        ai_disclosure,
        "This message uses a digital voice.",
        "digital voice",
    );
}

#[test]
fn ai_disclosure_spanish() {
    assert_hit(
        ai_disclosure,
        "Soy un asistente virtual.",
        "asistente virtual",
    );
    assert_hit(
        ai_disclosure,
        "Le habla un sistema automatizado.",
        "sistema automatizado",
    );
    assert_hit(ai_disclosure, "No soy una persona.", "no soy una persona");
    assert_hit(
        ai_disclosure,
        "Esta voz fue generada con inteligencia artificial.",
        "voz fue generada con inteligencia artificial",
    );
}

#[test]
fn ai_disclosure_near_misses() {
    assert_miss(ai_disclosure, "Take our virtual tour online.");
    assert_miss(ai_disclosure, "This is Anna from Acme.");
    assert_miss(ai_disclosure, "A real person will call you back.");
    assert_miss(ai_disclosure, "Digital cameras are on sale.");
    assert_miss(ai_disclosure, "El sistema está en mantenimiento.");
    assert_miss(ai_disclosure, "Hable con una persona real.");
}

// --- D-ID -------------------------------------------------------------------------------------

#[test]
fn identity_cue_english_and_spanish() {
    assert_hit(identity_cue, "Hi, this is Acme Widgets.", "this is");
    assert_hit(identity_cue, "I'm calling from Acme.", "i'm calling from");
    assert_hit(identity_cue, "We call on behalf of Acme.", "on behalf of");
    assert_hit(identity_cue, "Le llama Acme Widgets.", "le llama");
    assert_hit(identity_cue, "Le habla Ana, de parte de Acme.", "le habla");
    assert_hit(identity_cue, "Llamamos en nombre de Acme.", "en nombre de");
}

#[test]
fn identity_cue_near_misses() {
    assert_miss(identity_cue, "A thistle is a plant.");
    assert_miss(identity_cue, "Thanks for calling.");
    assert_miss(identity_cue, "Le llamaremos mañana.");
    assert_miss(identity_cue, "Buenos días.");
    assert_miss(identity_cue, "");
    assert_miss(identity_cue, "behalf");
}

#[test]
fn business_name_matches_normalised_whole_names() {
    let text = normalize("Hello, this is ACME Widgets, Inc. calling about your order.");
    let found = business_name(&text, &names(&["Acme", "Acme Widgets, Inc."]));
    let m = found.expect("name present");
    assert_eq!(&text[m.start..m.end], "acme widgets, inc");
    // Punctuation inside a name is not heard: "Acme Widgets Inc" is the same name.
    let text = normalize("This is Acme Widgets Inc calling.");
    let m = business_name(&text, &names(&["Acme Widgets, Inc."])).expect("punctuation aside");
    assert_eq!(&text[m.start..m.end], "acme widgets inc");

    let text = normalize("Le llama la Clínica Médica Sol.");
    let m = business_name(&text, &names(&["clinica medica sol"])).expect("accents folded");
    assert_eq!(&text[m.start..m.end], "clinica medica sol");

    let text = normalize("Your acmecorp order and then Acme.");
    let m = business_name(&text, &names(&["Acme"])).expect("standalone later");
    assert_eq!(m.start, text.rfind("acme").expect("present"));
}

#[test]
fn business_name_ignores_empty_names_and_partial_words() {
    let text = normalize("This is Acme.");
    assert_eq!(business_name(&text, &names(&["", "   "])), None);
    assert_eq!(business_name(&text, &[]), None);
    assert_eq!(business_name(&text, &names(&["Acm"])), None);
    assert_eq!(business_name(&normalize("acmes"), &names(&["Acme"])), None);
    assert_eq!(business_name("", &names(&["Acme"])), None);
}

// --- D-PHONE ----------------------------------------------------------------------------------

fn phones(raw: &str) -> Vec<(String, String, bool, bool)> {
    let text = normalize(raw);
    phone_numbers(&text)
        .into_iter()
        .map(|p| {
            let written = text[p.start..p.end].to_owned();
            (written, p.digits, p.toll_free, p.premium)
        })
        .collect()
}

fn phone(
    written: &str,
    digits: &str,
    toll_free: bool,
    premium: bool,
) -> (String, String, bool, bool) {
    (written.to_owned(), digits.to_owned(), toll_free, premium)
}

#[test]
fn phone_numbers_written_with_digits() {
    assert_eq!(
        phones("Call 1-800-555-0100 today."),
        [phone("1-800-555-0100", "18005550100", true, false)]
    );
    assert_eq!(
        phones("Call (212) 555-0199."),
        [phone("(212) 555-0199", "2125550199", false, false)]
    );
    assert_eq!(
        phones("+1 888.555.0100"),
        [phone("+1 888.555.0100", "18885550100", true, false)]
    );
    assert_eq!(
        phones("Call us at 8 0 0, 5 5 5, 0 1 0 0."),
        [phone("8 0 0, 5 5 5, 0 1 0 0", "8005550100", true, false)]
    );
    assert_eq!(
        phones("800-555-0100 or 212-555-0199"),
        [
            phone("800-555-0100", "8005550100", true, false),
            phone("212-555-0199", "2125550199", false, false),
        ]
    );
}

#[test]
fn phone_numbers_spoken_vanity_and_premium() {
    assert_eq!(
        phones("one eight zero zero five five five zero one zero zero"),
        [phone(
            "one eight zero zero five five five zero one zero zero",
            "18005550100",
            true,
            false
        )]
    );
    assert_eq!(
        phones("Llame al ocho cero cero, cinco cinco cinco, cero uno cero cero."),
        [phone(
            "ocho cero cero, cinco cinco cinco, cero uno cero cero",
            "8005550100",
            true,
            false
        )]
    );
    assert_eq!(
        phones("Call 1-800-FLOWERS now"),
        [phone("1-800-flowers", "1800", true, false)]
    );
    assert_eq!(
        phones("1-800-GOT-JUNK"),
        [phone("1-800-got-junk", "1800", true, false)]
    );
    assert_eq!(
        phones("Call 1-900-555-0100"),
        [phone("1-900-555-0100", "19005550100", false, true)]
    );
}

#[test]
fn phone_numbers_near_misses() {
    assert!(phones("Your code is 123456789.").is_empty());
    assert!(phones("Call 800-555-010.").is_empty());
    assert!(phones("Card 4111 1111 1111 1111").is_empty());
    assert!(phones("Card 4111111111111111").is_empty());
    assert!(phones("one two three four five six seven eight nine").is_empty());
    assert!(phones("We sold 800 flowers.").is_empty());
    assert!(phones("Call 1-800-555-01001").is_empty());
}

// --- D-OPTOUT-VOICE ---------------------------------------------------------------------------

#[test]
fn optout_voice_english() {
    assert_hit(
        optout_voice,
        "Press 9 to be removed from our list.",
        "press 9 to be removed from our list",
    );
    assert_hit(
        optout_voice,
        "To stop these calls, say stop.",
        "to stop these calls, say stop",
    );
    assert_hit(optout_voice, "Press 2 to opt out.", "press 2 to opt out");
    assert_hit(
        optout_voice,
        "To be added to our do-not-call list, press 9.",
        "to be added to our do-not-call list, press 9",
    );
}

#[test]
fn optout_voice_spanish_and_near_misses() {
    assert_hit(
        optout_voice,
        "Oprima 9 para no recibir más llamadas.",
        "oprima 9 para no recibir mas llamadas",
    );
    assert_hit(
        optout_voice,
        "Para darse de baja, marque 9.",
        "para darse de baja, marque 9",
    );
    assert_miss(optout_voice, "Press 1 for billing.");
    assert_miss(optout_voice, "Say yes to confirm your appointment.");
    assert_miss(optout_voice, "Para español, oprima 2.");
    assert_miss(optout_voice, "To stop the music, press 5.");
}

#[test]
fn optout_voice_as_a_denied_call() {
    assert_hit(
        optout_voice,
        "Press 2 and we won't call you again.",
        "press 2 and we won't call you again",
    );
    assert_hit(
        optout_voice,
        "If you'd rather not hear from us, press 8.",
        "if you'd rather not hear from us, press 8",
    );
    assert_hit(
        optout_voice,
        "Para que no le volvamos a llamar, marque 2.",
        "para que no le volvamos a llamar, marque 2",
    );
    assert_hit(
        optout_voice,
        "Si no desea más llamadas, oprima 9.",
        "si no desea mas llamadas, oprima 9",
    );
    assert_hit(
        optout_voice,
        "You can opt out of future calls by pressing 9.",
        "you can opt out of future calls by pressing 9",
    );
    // The purpose asked, the key in the answer.
    assert_hit(
        optout_voice,
        "Don't want our calls? Press 9.",
        "don't want our calls? press 9",
    );
    assert_miss(optout_voice, "Not the homeowner? Press 2.");
    // A call denied for now, not for good.
    assert_miss(
        optout_voice,
        "If you can't take this call right now, press 2 and we'll call you back later.",
    );
    assert_miss(
        optout_voice,
        "Si no puede atender esta llamada, oprima 2 y le llamaremos más tarde.",
    );
}

// --- D-CARD / D-ACH ---------------------------------------------------------------------------

/// Runs `card_request` on normalised input; returns the cue kind and the text it points at.
fn card(raw: &str) -> Option<(&'static str, String)> {
    let text = normalize(raw);
    let (kind, m) = match card_request(&text)? {
        CardCue::Card(m) => ("card", m),
        CardCue::LastFour(m) => ("last four", m),
        CardCue::Ach(m) => ("ach", m),
    };
    Some((kind, text[m.start..m.end].to_owned()))
}

fn cue(kind: &'static str, text: &str) -> Option<(&'static str, String)> {
    Some((kind, text.to_owned()))
}

#[test]
fn card_request_english() {
    assert_eq!(
        card("Please enter your credit card number."),
        cue("card", "enter your credit card number")
    );
    assert_eq!(
        card("Enter the 16-digit number."),
        cue("card", "enter the 16-digit number")
    );
    assert_eq!(
        card("What is the expiration date?"),
        cue("card", "what is the expiration date")
    );
    assert_eq!(card("Please say your CVV."), cue("card", "say your cvv"));
    assert_eq!(
        card("Enter the 3 digit code on the back of your card."),
        cue("card", "enter the 3 digit code on the back of your card")
    );
    // An elliptical request: the data and "please".
    assert_eq!(card("Card # please"), cue("card", "card #"));
    assert_eq!(card("Your card number?"), cue("card", "your card number"));
}

#[test]
fn card_request_spanish() {
    assert_eq!(
        card("Por favor ingrese el número de su tarjeta."),
        cue("card", "ingrese el numero de su tarjeta")
    );
    // Paying with a card asks for no card data: `<Pay>` asks.
    assert_eq!(card("Pague con su tarjeta de crédito."), None);
    assert_eq!(
        card("Ingrese el código de seguridad de su tarjeta."),
        cue("card", "ingrese el codigo de seguridad de su tarjeta")
    );
    // "Fecha de vencimiento" is also a bill's due date: it asks for card data when a card
    // is spoken of.
    assert_eq!(card("Diga la fecha de vencimiento."), None);
    assert_eq!(
        card("Tenga su tarjeta a la mano. Diga la fecha de vencimiento."),
        cue("card", "diga la fecha de vencimiento")
    );
}

#[test]
fn card_request_vetoes_non_payment_cards() {
    assert_eq!(card("Enter your gift card number."), None);
    assert_eq!(
        card("Enter the 16-digit number on the back of your gift card."),
        None
    );
    assert_eq!(
        card("Read the expiration date on your insurance card."),
        None
    );
    assert_eq!(card("Ingrese el número de su tarjeta de regalo."), None);
    assert_eq!(card("Su fecha de vencimiento del pago es el lunes."), None);
    // A named payment card survives a veto in its sentence.
    assert_eq!(
        card("Enter your credit card number, not a gift card number."),
        cue("card", "enter your credit card number")
    );
}

#[test]
fn card_request_weak_cues_and_texted_codes() {
    assert_eq!(card("Enter the security code we sent you."), None);
    assert_eq!(
        card("Enter your security code. Then say your card number."),
        cue("card", "say your card number")
    );
    assert_eq!(
        card("Enter the verification code we sent by text, not your card number."),
        None
    );
    assert_eq!(
        card("Enter the verification code and your card number."),
        cue("card", "enter the verification code and your card number")
    );
}

#[test]
fn card_request_last_four_and_ach() {
    assert_eq!(
        card("Please enter the last four digits of your card."),
        cue("last four", "enter the last four digits of your card")
    );
    assert_eq!(
        card("Enter the last 4 digits of your credit card number."),
        cue("last four", "enter the last 4 digits of your credit card")
    );
    assert_eq!(
        card("Marque los últimos 4 dígitos de su tarjeta."),
        cue("last four", "marque los ultimos 4 digitos de su tarjeta")
    );
    assert_eq!(
        card("Enter the last four digits of your social security number."),
        None
    );
    assert_eq!(
        card("Please enter your routing number."),
        cue("ach", "enter your routing number")
    );
    assert_eq!(
        card("Diga su número de cuenta bancaria."),
        cue("ach", "diga su numero de cuenta bancaria")
    );
    assert_eq!(
        card("Enter your routing number or your credit card number."),
        cue(
            "card",
            "enter your routing number or your credit card number"
        )
    );
    assert_eq!(
        card("Thank you for your payment. Let's play card games."),
        None
    );
}

// --- D-PAN / CVV / Luhn -----------------------------------------------------------------------

fn pan_list(text: &str) -> Vec<(String, String, bool)> {
    pans(text)
        .into_iter()
        .map(|p| (text[p.start..p.end].to_owned(), p.digits, p.test_card))
        .collect()
}

fn pan(written: &str, digits: &str, test_card: bool) -> (String, String, bool) {
    (written.to_owned(), digits.to_owned(), test_card)
}

#[test]
fn pans_find_luhn_valid_numbers_with_issuer_prefixes() {
    assert_eq!(
        pan_list("4111 1111 1111 1111"),
        [pan("4111 1111 1111 1111", "4111111111111111", true)]
    );
    assert_eq!(
        pan_list("card=4111-1111-1111-1111&x=1"),
        [pan("4111-1111-1111-1111", "4111111111111111", true)]
    );
    assert_eq!(
        pan_list("Pay with 4556 7375 8689 9855 today"),
        [pan("4556 7375 8689 9855", "4556737586899855", false)]
    );
    assert_eq!(
        pan_list("amex 3782 822463 10005"),
        [pan("3782 822463 10005", "378282246310005", true)]
    );
    assert_eq!(
        pan_list("4222222222222 and 2221000000000009"),
        [
            pan("4222222222222", "4222222222222", true),
            pan("2221000000000009", "2221000000000009", false),
        ]
    );
}

#[test]
fn pans_prefer_card_shaped_readings_next_to_other_numbers() {
    // "555-0100 4111 1111" is Luhn-valid with a Mastercard prefix, but mixes separators.
    assert_eq!(
        pan_list("Call 555-0100 4111 1111 1111 1111 now"),
        [pan("4111 1111 1111 1111", "4111111111111111", true)]
    );
    // "42 4111 1111 1111 1111" is a valid 18-digit reading, but 2-4-4-4-4 is no card layout.
    assert_eq!(
        pan_list("Option 42 4111 1111 1111 1111"),
        [pan("4111 1111 1111 1111", "4111111111111111", true)]
    );
    // Read digit by digit for TTS.
    assert_eq!(
        pan_list("4 2 4 2 4 2 4 2 4 2 4 2 4 2 4 2"),
        [pan(
            "4 2 4 2 4 2 4 2 4 2 4 2 4 2 4 2",
            "4242424242424242",
            true
        )]
    );
    // Mixed separators alone still count: the number leaks however it is written.
    assert_eq!(
        pan_list("4111-1111 1111-1111"),
        [pan("4111-1111 1111-1111", "4111111111111111", true)]
    );
    assert_eq!(
        pan_list("4111 1111 1111 1111, 4242-4242-4242-4242"),
        [
            pan("4111 1111 1111 1111", "4111111111111111", true),
            pan("4242-4242-4242-4242", "4242424242424242", true),
        ]
    );
}

#[test]
fn pans_near_misses() {
    assert!(pan_list("4111 1111 1111 1112").is_empty());
    // Luhn-valid but no issuer prefix.
    assert!(pan_list("7000000000000005").is_empty());
    assert!(pan_list("1800000000000000").is_empty());
    // Glued to letters, too long, too short, or double-spaced.
    assert!(pan_list("ref4111111111111111").is_empty());
    assert!(pan_list("41111111111111111111").is_empty());
    assert!(pan_list("411111111111").is_empty());
    assert!(pan_list("4111  1111  1111  1111").is_empty());
}

#[test]
fn cvv_literal_finds_digits_near_a_cue() {
    assert_hit(cvv_literal, "CVV 123", "cvv 123");
    assert_hit(
        cvv_literal,
        "Your security code is 4567.",
        "security code is 4567",
    );
    assert_hit(cvv_literal, "123 is your cvv", "123 is your cvv");
    assert_hit(
        cvv_literal,
        "Código de seguridad: 987",
        "codigo de seguridad: 987",
    );
    assert_miss(cvv_literal, "Please enter your CVV.");
    assert_miss(cvv_literal, "security code 12345");
    assert_miss(
        cvv_literal,
        "The cvv is the code that you can find printed near 123",
    );
    assert_miss(cvv_literal, "Call 800 about your order.");
}

#[test]
fn the_raw_cvv_prefilter_passes_every_text_whose_normal_form_names_a_cue() {
    for raw in [
        "CVV 123",
        "cvc2=737",
        "SECURITY\t\n  CODE 4567",
        "CID: 1234",
        "csc 999",
        "codigo  de\tseguridad 987",
        "Código de seguridad: 987",
        "Código-de-seguridad 987",
        "ﬁle cvv 123",
        "ＣＶＶ 123",
        "Señor, CVV  123",
        // A combining mark vanishes and joins the letters around it.
        "c\u{301}vv 123",
        // A letter beyond ASCII becomes a name's letter.
        "s\u{e9}curity code 123",
        "c\u{2174}v 123",
    ] {
        assert!(may_hold_cvv_cue(raw), "{raw:?} is let through");
    }
    for raw in [
        "+15551230000",
        "https://example.com/audio/123.mp3",
        "wwww1928",
        "https://example.com/audio/123.mp3?lang es voice Señor",
        "Señor café 1234",
        "Señor\u{a0}1234 ñoño",
    ] {
        assert!(!may_hold_cvv_cue(raw), "{raw:?} is ruled out");
    }
}

#[test]
fn the_raw_cvv_prefilter_passes_every_text_whose_transcript_names_a_cue() {
    // Pieces of the names, written in the ways the normal form reads alike, with signs,
    // spaces and characters that vanish or change between them, drawn from a fixed seed.
    let pieces = [
        "cvv",
        "CVC",
        "c",
        "v",
        "V",
        "s",
        "C",
        "id",
        "I",
        "d",
        "sc",
        "2",
        "123",
        "security",
        "Sé",
        "cu",
        "rity",
        " code",
        "seguridad",
        "Código de ",
        "\u{301}",
        "\u{200b}",
        "\u{2174}",
        "ＣＶ",
        "ñ",
        "é",
        "x",
        " ",
        "\u{a0}",
        "-",
        "=",
        "&",
        ".",
        "'",
        "\u{130}",
        "\u{fb01}",
    ];
    let mut rng = crate::test_rng::Xorshift(0x2545_F491_4F6C_DD1D);
    let mut next = move || rng.next();
    let mut named = 0;
    for _ in 0..20_000 {
        let raw: String = (0..next() % 8)
            .map(|_| pieces[(next() % pieces.len() as u64) as usize])
            .collect();
        let transcript = Transcript::of_text(&raw);
        if transcript.hits_of(Concept::SecurityCode).next().is_some() {
            named += 1;
            assert!(may_hold_cvv_cue(&raw), "{raw:?} is let through");
        }
    }
    // Texts that name a cue were drawn.
    assert!(named > 500, "{named}");
}

#[test]
fn the_pairs_read_eight_bytes_at_a_time_are_the_pairs_of_the_normal_form() {
    let words: Vec<Vec<usize>> = ["cvv", "security", "seguridad", "ab12", "zz", "9q"]
        .iter()
        .map(|w| w.bytes().filter_map(Pairs::slot).collect())
        .collect();
    let pairs = Pairs::new(&words);
    // The plain reading: every character of the normal form, one at a time.
    let plain = |raw: &str| {
        let (mut found, mut prev) = (0, usize::from(NO_SLOT));
        super::super::text::each_normal_char(raw, |d| {
            let slot = u8::try_from(d).map_or(NO_SLOT, |b| SLOT[usize::from(b)]);
            found |= pairs.bits[Pairs::at(prev, usize::from(slot))];
            prev = usize::from(slot);
        });
        found
    };
    let pieces = [
        "Security",
        "CVV",
        "cv",
        "v",
        "seguridad",
        "AB",
        "12",
        "zZ",
        "9",
        "Q",
        "ñ",
        "é",
        "\u{301}",
        "\u{2174}",
        "ＣＶ",
        "\u{fb01}",
        " ",
        "-",
        "=",
        "https://example.com/audio/",
        "x",
    ];
    let mut rng = crate::test_rng::Xorshift(0x9E37_79B9_7F4A_7C15);
    let mut next = move || rng.next();
    let mut met = 0;
    for _ in 0..5_000 {
        let raw: String = (0..next() % 16)
            .map(|_| pieces[(next() % pieces.len() as u64) as usize])
            .collect();
        // Every start, so that the words of eight bytes fall at every offset.
        for start in (0..raw.len()).filter(|&i| raw.is_char_boundary(i)) {
            let text = &raw[start..];
            let found = pairs.found(text);
            assert_eq!(found, plain(text), "{text:?}");
            met += usize::from(found != 0);
        }
    }
    assert!(met > 10_000, "{met}");
}

#[test]
fn luhn_checksum() {
    assert!(luhn("79927398713"));
    assert!(!luhn("79927398710"));
    assert!(luhn("4111111111111111"));
    assert!(!luhn("4111111111111112"));
    assert!(!luhn(""));
    assert!(!luhn("4111-1111"));
    assert!(!luhn("٣٣"));
    assert!(luhn(&"0".repeat(1_000_000)));
}

// --- D-PHI ------------------------------------------------------------------------------------

fn phi_of(
    detector: fn(&str) -> Option<PhiMatch>,
    raw: &str,
) -> Option<(PhiCategory, bool, String)> {
    let text = normalize(raw);
    detector(&text).map(|m| (m.category, m.sensitive, text[m.start..m.end].to_owned()))
}

fn phi_hit(
    category: PhiCategory,
    sensitive: bool,
    text: &str,
) -> Option<(PhiCategory, bool, String)> {
    Some((category, sensitive, text.to_owned()))
}

#[test]
fn phi_english_categories() {
    use PhiCategory::*;
    assert_eq!(
        phi_of(phi, "Time for your diabetes screening."),
        phi_hit(Condition, false, "diabetes")
    );
    assert_eq!(
        phi_of(phi, "Your HIV test results are ready."),
        phi_hit(Result, true, "hiv test")
    );
    assert_eq!(
        phi_of(phi, "Your appointment with Oncology is Monday."),
        phi_hit(Specialty, false, "oncology")
    );
    assert_eq!(
        phi_of(phi, "Reminder from the mental health clinic."),
        phi_hit(Specialty, true, "mental health")
    );
    assert_eq!(
        phi_of(phi, "Your lab results are ready."),
        phi_hit(Result, false, "lab results are ready")
    );
    assert_eq!(
        phi_of(phi, "Your Ozempic refill is ready."),
        phi_hit(Medication, false, "ozempic")
    );
    assert_eq!(
        phi_of(phi, "Your Suboxone refill is ready."),
        phi_hit(Medication, true, "suboxone")
    );
    assert_eq!(
        phi_of(phi, "Please confirm your date of birth."),
        phi_hit(Identifier, false, "date of birth")
    );
    assert_eq!(
        phi_of(phi, "Your methadone clinic visit."),
        phi_hit(Specialty, true, "methadone clinic")
    );
}

#[test]
fn phi_spanish_categories() {
    use PhiCategory::*;
    assert_eq!(
        phi_of(phi, "Sus resultados de laboratorio están listos."),
        phi_hit(Result, false, "resultados de laboratorio estan listos")
    );
    assert_eq!(
        phi_of(phi, "Su cita de salud mental es mañana."),
        phi_hit(Specialty, true, "salud mental")
    );
    assert_eq!(
        phi_of(phi, "Control de embarazo."),
        phi_hit(Condition, true, "embarazo")
    );
    assert_eq!(
        phi_of(phi, "Su receta de metformina está lista."),
        phi_hit(Medication, false, "metformina")
    );
    assert_eq!(
        phi_of(phi, "Confirme su fecha de nacimiento."),
        phi_hit(Identifier, false, "fecha de nacimiento")
    );
    assert_eq!(
        phi_of(phi, "El diagnóstico está listo."),
        phi_hit(Result, false, "diagnostico")
    );
}

#[test]
fn phi_near_misses() {
    for raw in [
        "We sell hearing aids.",
        "Buy a lithium battery.",
        "Sunday meal prep ideas.",
        "A history of the Great Depression.",
        "¡Qué situación tan embarazosa!",
        "Run a network diagnostic on your modem.",
        "Una receta de cocina.",
        "Free credit counseling.",
        "We are still open; prepare your documents.",
    ] {
        assert_eq!(phi_of(phi, raw), None, "input: {raw:?}");
    }
}

#[test]
fn phi_identifier_in_urls_and_parameters() {
    use PhiCategory::Identifier;
    assert_eq!(
        phi_of(phi_identifier, "https://x.test/p?patient_dob=1980-01-01"),
        phi_hit(Identifier, false, "dob")
    );
    assert_eq!(
        phi_of(phi_identifier, "https://x.test/p?dateOfBirth=1980-01-01"),
        phi_hit(Identifier, false, "dateofbirth")
    );
    assert_eq!(
        phi_of(phi_identifier, "id=123-45-6789"),
        phi_hit(Identifier, false, "123-45-6789")
    );
    assert_eq!(
        phi_of(phi_identifier, "https://x.test/r?mrn=55512"),
        phi_hit(Identifier, false, "mrn")
    );
    assert_eq!(
        phi_of(phi_identifier, "fecha_de_nacimiento=1980"),
        phi_hit(Identifier, false, "fecha_de_nacimiento")
    );
    assert_eq!(
        phi_of(phi_identifier, "https://x.test/a?date=2024-01-01"),
        None
    );
    assert_eq!(phi_of(phi_identifier, "Your diabetes results"), None);
    assert_eq!(phi_of(phi_identifier, "Call 800-555-0100"), None);
}

// --- Debt collection --------------------------------------------------------------------------

#[test]
fn debt_content_english_spanish_and_money() {
    assert_hit(debt_content, "Your account is past-due.", "past-due");
    assert_hit(debt_content, "You owe money.", "you owe");
    assert_hit(
        debt_content,
        "A payment of $1,250.00 is required.",
        "$1,250.00",
    );
    assert_hit(debt_content, "Send 120 dollars.", "120 dollars");
    assert_hit(debt_content, "Usted tiene una deuda pendiente.", "deuda");
    assert_hit(
        debt_content,
        "Su saldo vencido es de 50 dólares.",
        "su saldo",
    );
    assert_miss(debt_content, "Your appointment is tomorrow.");
    assert_miss(debt_content, "We will collect your package.");
    assert_miss(debt_content, "Su fecha de vencimiento es el lunes.");
}

#[test]
fn mini_miranda_locates_each_part() {
    let text = normalize(
        "This is an attempt to collect a debt, and any information obtained will be used for that purpose.",
    );
    let mm = mini_miranda(&text);
    let a = mm.attempt_to_collect.expect("part A");
    let b = mm.information_use.expect("part B");
    assert_eq!(&text[a.start..a.end], "attempt to collect a debt");
    assert_eq!(
        &text[b.start..b.end],
        "information obtained will be used for that purpose"
    );

    let text = normalize(
        "Este es un intento de cobrar una deuda y cualquier información obtenida será utilizada para ese fin.",
    );
    let mm = mini_miranda(&text);
    assert!(mm.attempt_to_collect.is_some());
    assert!(mm.information_use.is_some());

    let mm = mini_miranda(&normalize("We are attempting to collect a debt."));
    assert!(mm.attempt_to_collect.is_some());
    assert_eq!(mm.information_use, None);

    let empty = MiniMiranda {
        attempt_to_collect: None,
        information_use: None,
    };
    assert_eq!(mini_miranda(&normalize("This is a reminder.")), empty);
    assert_eq!(mini_miranda(""), empty);
}

#[test]
fn debt_collector_statement_english_and_spanish() {
    assert_hit(
        debt_collector_statement,
        "This call is from a debt collector.",
        "debt collector",
    );
    assert_hit(
        debt_collector_statement,
        "We are a debt collector.",
        "debt collector",
    );
    assert_hit(
        debt_collector_statement,
        "This is a communication from a debt collector.",
        "debt collector",
    );
    assert_hit(
        debt_collector_statement,
        "Esta comunicación es de un cobrador de deudas.",
        "cobrador de deudas",
    );
    assert_hit(
        debt_collector_statement,
        "Somos una agencia de cobranza.",
        "agencia de cobranza",
    );
    assert_miss(
        debt_collector_statement,
        "Debt collectors must follow the law.",
    );
    assert_miss(debt_collector_statement, "We are not collectors.");
}

#[test]
fn threat_english_and_spanish() {
    assert_hit(threat, "We will take legal action.", "legal action");
    assert_hit(threat, "You could be arrested.", "arrested");
    assert_hit(threat, "A lawsuit may follow.", "lawsuit");
    assert_hit(threat, "Hay una orden de arresto.", "orden de arresto");
    assert_hit(threat, "Tomaremos acción legal.", "accion legal");
    // Everyday words that hold a threat word: "however", high demand, the consumer's lawyer.
    assert_miss(threat, "Sin embargo, puede pagar mañana.");
    assert_miss(threat, "Debido a la alta demanda, espere.");
    assert_miss(threat, "If you are represented by an attorney, press 2.");
    // A lawyer who calls threatens nothing by calling.
    assert_miss(threat, "Nuestro abogado le llamará.");
    assert_miss(threat, "Read our privacy policy.");
    assert_miss(threat, "How to jailbreak a phone.");
}

#[test]
fn voicemail_cue_english_and_spanish() {
    assert_hit(
        voicemail_cue,
        "Please leave a message after the beep.",
        "leave a message",
    );
    assert_hit(voicemail_cue, "Speak after the tone.", "after the tone");
    assert_hit(voicemail_cue, "Record your name.", "record your name");
    assert_hit(
        voicemail_cue,
        "Deje un mensaje después del tono.",
        "deje un mensaje",
    );
    assert_hit(voicemail_cue, "Hable después del tono.", "despues del tono");
    assert_hit(voicemail_cue, "Grabe su mensaje.", "grabe su mensaje");
    assert_miss(voicemail_cue, "Please leave the building.");
    assert_miss(voicemail_cue, "Your message was sent.");
}

#[test]
fn reply_request_english_and_spanish() {
    assert_hit(
        reply_request,
        "Please call us at 800-555-0100.",
        "please call",
    );
    assert_hit(reply_request, "Call me back when you can.", "call me back");
    assert_hit(
        reply_request,
        "Kindly return this call.",
        "return this call",
    );
    assert_hit(reply_request, "Llámenos hoy.", "llamenos");
    assert_hit(
        reply_request,
        "Por favor devuelva la llamada.",
        "devuelva la llamada",
    );
    assert_hit(reply_request, "Comuníquese con Ana.", "comuniquese");
    assert_miss(reply_request, "We will call you back.");
    assert_miss(reply_request, "Please hold.");
}

#[test]
fn collection_sounding_names() {
    assert!(collection_sounding("ABC Collections"));
    assert!(collection_sounding("Acme Recovery Services"));
    assert!(collection_sounding("First Credit Union"));
    assert!(collection_sounding("Cobranzas del Norte"));
    assert!(collection_sounding("Deudas Fáciles S.A."));
    assert!(collection_sounding("National Debt Partners"));
    assert!(!collection_sounding("Acme Widgets"));
    assert!(!collection_sounding("Recollection Studios"));
    assert!(!collection_sounding("Creditable Ventures"));
    assert!(!collection_sounding(""));
}

// --- Messaging --------------------------------------------------------------------------------

#[test]
fn sms_optout_instruction_english_and_spanish() {
    assert_hit(
        sms_optout_instruction,
        "Reply STOP to unsubscribe.",
        "reply stop",
    );
    assert_hit(sms_optout_instruction, "Text STOP to opt out", "text stop");
    assert_hit(sms_optout_instruction, "Txt “STOP” to end", "txt \"stop");
    assert_hit(
        sms_optout_instruction,
        "Reply with STOP.",
        "reply with stop",
    );
    assert_hit(
        sms_optout_instruction,
        "Responda ALTO para cancelar.",
        "responda alto",
    );
    assert_hit(sms_optout_instruction, "Envíe BAJA.", "envie baja");
    assert_miss(sms_optout_instruction, "Don't stop believing.");
    assert_miss(sms_optout_instruction, "Reply YES to confirm.");
    assert_miss(sms_optout_instruction, "Book non-stop flights.");
    assert_miss(sms_optout_instruction, "We stopped texting you.");
}

fn shortener_list(text: &str) -> Vec<(String, bool, String)> {
    shorteners(text)
        .into_iter()
        .map(|s| (s.host, s.twilio_shared, text[s.start..s.end].to_owned()))
        .collect()
}

fn short(host: &str, shared: bool, written: &str) -> (String, bool, String) {
    (host.to_owned(), shared, written.to_owned())
}

#[test]
fn shorteners_find_listed_hosts() {
    assert_eq!(
        shortener_list("Pay at https://bit.ly/3abc now"),
        [short("bit.ly", false, "bit.ly")]
    );
    assert_eq!(
        shortener_list("see tinyurl.com/xyz"),
        [short("tinyurl.com", false, "tinyurl.com")]
    );
    assert_eq!(
        shortener_list("WWW.Bit.ly/x"),
        [short("bit.ly", false, "WWW.Bit.ly")]
    );
    assert_eq!(
        shortener_list("https://demo-1234.twil.io/pay"),
        [short("demo-1234.twil.io", true, "demo-1234.twil.io")]
    );
    assert_eq!(
        shortener_list("twil.io/abc and ow.ly/b."),
        [
            short("twil.io", true, "twil.io"),
            short("ow.ly", false, "ow.ly"),
        ]
    );
}

#[test]
fn shorteners_near_misses() {
    assert!(shortener_list("https://microsoft.com/x").is_empty());
    assert!(shortener_list("visit t.com or at.co").is_empty());
    assert!(shortener_list("mail bob@bit.ly").is_empty());
    assert!(shortener_list("https://example.com/bit.ly").is_empty());
    assert!(shortener_list("bit.lyrics.com").is_empty());
    assert!(shortener_list("no links here").is_empty());
    // The Kelvin sign and the long s fold to "k" and "s" under Unicode rules; hosts stay ASCII
    // (a 3-byte Kelvin sign inside "a\u{212A}.co" once put a slice offset mid-character).
    assert!(shortener_list("a\u{212A}.co").is_empty());
    assert!(shortener_list("b\u{17F}.id").is_empty());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

    /// The first look never turns away a text in which the host token would match.
    #[test]
    fn the_first_look_for_a_host_misses_no_host_token(
        text in "[aZ0.\\-_/@ :\u{212A}é]{0,12}",
    ) {
        if host_token().is_match(&text) {
            proptest::prop_assert!(may_hold_host(&text), "{:?}", text);
        }
    }
}

#[test]
fn the_first_look_for_a_host() {
    for text in ["bit.ly", "see t.co/x", "a.b", "WWW.TWIL.IO", "9.9"] {
        assert!(may_hold_host(text), "{text:?}");
    }
    for text in [
        "",
        ".",
        "no links here.",
        "2pm. Reply STOP",
        ".co",
        "a-.b",
        "a. b",
        "é.é",
    ] {
        assert!(!may_hold_host(text), "{text:?}");
        assert!(shortener_list(text).is_empty(), "{text:?}");
    }
}

fn shaft(raw: &str) -> Option<(ShaftCategory, String)> {
    let text = normalize(raw);
    forbidden_content(&text).map(|m| (m.category, text[m.start..m.end].to_owned()))
}

#[test]
fn forbidden_content_categories() {
    use ShaftCategory::*;
    let expect = |c: ShaftCategory, s: &str| Some((c, s.to_owned()));
    assert_eq!(
        shaft("Buy cheap cigarettes."),
        expect(Tobacco, "cigarettes")
    );
    assert_eq!(shaft("New vape flavors!"), expect(Vaping, "vape"));
    assert_eq!(shaft("CBD gummies in stock"), expect(Cannabis, "cbd"));
    assert_eq!(
        shaft("Happy hour beer specials"),
        expect(Alcohol, "happy hour")
    );
    assert_eq!(shaft("Gun show this weekend"), expect(Firearms, "gun show"));
    assert_eq!(shaft("Bet now on the game"), expect(Gambling, "bet now"));
    assert_eq!(
        shaft("Payday loan approved"),
        expect(HighRiskFinance, "payday loan")
    );
    assert_eq!(shaft("Hot XXX videos"), expect(Sex, "xxx"));
    assert_eq!(shaft("white power rally"), expect(Hate, "white power"));
    assert_eq!(shaft("Cerveza fría"), expect(Alcohol, "cerveza"));
    assert_eq!(shaft("Apuestas deportivas"), expect(Gambling, "apuestas"));
    assert_eq!(
        shaft("Venta de armas de fuego"),
        expect(Firearms, "armas de fuego")
    );
    assert_eq!(shaft("Tenemos el vino tinto"), expect(Alcohol, "el vino"));
}

#[test]
fn forbidden_content_near_misses() {
    for raw in [
        "Hot glue gun for crafts",
        "Root beer float",
        "Our team spirits are high",
        "Call xxx-xxx-xxxx",
        "Juan vino a la tienda",
        "Weed killer on sale",
        "Staff will escort you to your seat",
        "Your appointment is confirmed",
    ] {
        assert_eq!(shaft(raw), None, "input: {raw:?}");
    }
}

// --- Robustness -------------------------------------------------------------------------------

/// Deterministic pseudo-random text mixing scripts, digits, punctuation, controls and marks.
fn mixed_script_text(seed: u64, chars: usize) -> String {
    const RANGES: &[(u32, u32)] = &[
        (0x20, 0x7E),       // ASCII
        (0x00, 0x1F),       // controls
        (0xC0, 0x17F),      // Latin accented
        (0x300, 0x36F),     // combining marks
        (0x391, 0x3C9),     // Greek
        (0x410, 0x44F),     // Cyrillic
        (0x5D0, 0x5EA),     // Hebrew
        (0x621, 0x64A),     // Arabic
        (0x660, 0x669),     // Arabic-Indic digits
        (0x905, 0x939),     // Devanagari
        (0x2000, 0x206F),   // general punctuation, dashes, quotes, zero-width
        (0x3041, 0x3096),   // Hiragana
        (0x4E00, 0x4FFF),   // CJK
        (0xFF10, 0xFF5A),   // fullwidth digits and letters
        (0x1F600, 0x1F64F), // emoji
    ];
    let mut state = seed;
    let mut next = move || {
        // xorshift64*: enough spread for a fuzz-style smoke test, no dependency needed.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    (0..chars)
        .filter_map(|_| {
            let (low, high) = RANGES[(next() % RANGES.len() as u64) as usize];
            char::from_u32(low + (next() % u64::from(high - low + 1)) as u32)
        })
        .collect()
}

/// Runs every detector on `text` and checks that reported offsets are char boundaries.
fn run_all_detectors(text: &str) {
    let check = |m: Match| {
        assert!(m.start <= m.end && m.end <= text.len());
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
    };
    let single: [fn(&str) -> Option<Match>; 13] = [
        recording_notice,
        ai_disclosure,
        identity_cue,
        optout_voice,
        cvv_literal,
        debt_content,
        debt_collector_statement,
        threat,
        sms_optout_instruction,
        voicemail_cue,
        reply_request,
        |t| {
            phi(t).map(|p| Match {
                start: p.start,
                end: p.end,
            })
        },
        |t| {
            forbidden_content(t).map(|s| Match {
                start: s.start,
                end: s.end,
            })
        },
    ];
    for detector in single {
        detector(text).into_iter().for_each(check);
    }
    for r in sentences(text) {
        check(Match {
            start: r.start,
            end: r.end,
        });
    }
    business_name(text, &names(&["acme", "", "ü"]))
        .into_iter()
        .for_each(check);
    if let Some(CardCue::Card(m) | CardCue::LastFour(m) | CardCue::Ach(m)) = card_request(text) {
        check(m);
    }
    phi_identifier(text).into_iter().for_each(|p| {
        check(Match {
            start: p.start,
            end: p.end,
        })
    });
    let mm = mini_miranda(text);
    mm.attempt_to_collect
        .into_iter()
        .chain(mm.information_use)
        .for_each(check);
    phone_numbers(text).iter().for_each(|p| {
        check(Match {
            start: p.start,
            end: p.end,
        })
    });
    pans(text).iter().for_each(|p| {
        check(Match {
            start: p.start,
            end: p.end,
        })
    });
    shorteners(text).iter().for_each(|s| {
        check(Match {
            start: s.start,
            end: s.end,
        })
    });
    let _ = luhn(text);
    let _ = collection_sounding(text);
}

#[test]
fn no_detector_panics_on_edge_inputs() {
    for raw in [
        "",
        "\u{0}",
        "\u{0}\u{1}\u{7f}\u{85}\u{2028}",
        "\u{301}\u{301}",
        ". . . ; ; ! ?",
        "__________",
        "$",
        "1-",
        "😀👍🏽 مرحبا 世界 Привет नमस्ते",
    ] {
        run_all_detectors(raw);
        run_all_detectors(&normalize(raw));
    }
}

#[test]
fn no_detector_panics_on_a_megabyte_of_digits() {
    let digits = "7".repeat(1 << 20);
    run_all_detectors(&digits);
    assert!(pans(&digits).is_empty());
    assert!(phone_numbers(&digits).is_empty());
    assert_eq!(normalize(&digits), digits);
}

#[test]
fn no_detector_panics_on_mixed_scripts() {
    for seed in 1..=40 {
        let raw = mixed_script_text(seed, 400);
        run_all_detectors(&raw);
        run_all_detectors(&normalize(&raw));
    }
}

#[test]
fn no_detector_panics_on_long_separated_digit_runs() {
    // Many digit groups in one run: the PAN search looks ahead from every group.
    let spaced = "4 ".repeat(100_000);
    run_all_detectors(&spaced);
    let dashed = "4111-".repeat(50_000);
    run_all_detectors(&dashed);
}

// --- Plumbing ---------------------------------------------------------------------------------

#[test]
fn phrase_sources_never_escape_a_backslash() {
    // `build` rewrites every `\b` as an ASCII word boundary; an escaped backslash followed by
    // `b` would be corrupted by that rewrite.
    assert!(!include_str!("../phrases.rs").contains(r"\\b"));
}

#[test]
fn ascii_word_boundaries_keep_matching_around_non_ascii_punctuation() {
    assert_hit(
        recording_notice,
        "¿Sabía que esta llamada puede ser grabada?",
        "esta llamada puede ser grabada",
    );
    assert_hit(
        sms_optout_instruction,
        "¡Responda «ALTO»!",
        "responda \"alto",
    );
    assert_hit(threat, "¿Llamará a la policía?", "policia");
}

#[test]
fn digits_are_counted_up_to_the_cap_across_blocks() {
    let texts = [
        String::new(),
        "no digits at all".to_string(),
        "call 555 0100".to_string(),
        "4111 1111 1111 1111".to_string(),
        "7".repeat(300),
        "a1é2".repeat(100),
        // Bytes beyond ASCII whose low seven bits are a digit (`°` is C2 B0, `¹` C2 B9),
        // and the bytes either side of the digits, at every offset in a word.
        "\u{b0}9\u{b9}/0:".repeat(9),
        "12345678".to_string(),
        "/0123456789:".repeat(5),
    ];
    // Every prefix, so that the last word read overlaps the ones before by every amount.
    let prefixes = texts.iter().flat_map(|text| {
        (0..=text.len())
            .filter(|&end| text.is_char_boundary(end))
            .map(|end| &text[..end])
    });
    for text in prefixes {
        let all = text.bytes().filter(u8::is_ascii_digit).count();
        for cap in [0, 1, 3, 13, 64, 65, 200, 1000] {
            assert_eq!(
                digits_up_to(text, cap),
                all.min(cap),
                "{text:.20} cap {cap}"
            );
        }
    }
}

/// The plain-HTTP test, seven bytes compared at once, answers as a comparison of the trimmed
/// URL's first seven bytes, case aside, at every length and with every byte beside the scheme.
#[test]
fn a_plain_http_url_is_found_as_by_a_comparison_of_its_scheme() {
    fn by_bytes(url: &str) -> bool {
        let url = url.trim();
        url.len() >= 7 && url.as_bytes()[..7].eq_ignore_ascii_case(b"http://")
    }
    let mut cases = vec![
        "".to_owned(),
        "http://".to_owned(),
        "HTTP://".to_owned(),
        "https://example.com".to_owned(),
        " http://example.com ".to_owned(),
        "\thTtP://x".to_owned(),
        "http:/".to_owned(),
        "http//x".to_owned(),
        "/voice".to_owned(),
        "http://é".to_owned(),
    ];
    // Each byte of the scheme changed to every byte that differs from it in one bit.
    for at in 0..7 {
        for bit in 0..7 {
            let mut url = b"http://example.com".to_vec();
            url[at] ^= 1 << bit;
            cases.push(String::from_utf8(url).expect("ASCII"));
            cases.push(String::from_utf8(b"http://"[..at].to_vec()).expect("ASCII"));
        }
    }
    for url in &cases {
        assert_eq!(is_plain_http(url), by_bytes(url), "{url:?}");
    }
}
