//! Phrase and pattern lists used by `detect.rs`, kept apart from the matching logic so that
//! compliance reviewers can extend a list without reading or touching code.
//!
//! Conventions for every regex list:
//! * Entries are `regex`-crate sources. They are compiled case-insensitively, with `\b` as an ASCII
//!   word boundary, and run on text that went through `detect::normalize` (lower case, accents
//!   stripped, one space between words). Spanish entries are therefore written without accents,
//!   and a literal space is enough between words.
//! * Never write an escaped backslash followed by `b`: `detect` rewrites every `\b` (a test checks).
//! * Use non-capturing groups `(?:...)`; the detectors add their own capture groups around lists.
//! * The crate has no look-around. Context that must *cancel* a match lives in a separate
//!   `*_VETO` list instead of being folded into the positive pattern.
//! * Section numbers (§) refer to `compliance-rules.md`.

// --- D-REC: recording / monitoring notice --------------------------------------------------

/// Strong English recording notices such as "this call may be recorded" (§2 D-REC).
pub(crate) static REC_STRONG_EN: &[&str] = &[
    r"\b(?:this|your|the)\s+(?:phone\s+)?(?:call|conversation)\s+(?:may|might|will|can|is going to)\s+(?:also\s+)?be\s+(?:recorded|monitored|transcribed)\b",
    r"\bcalls?\s+(?:are|is|may be|will be)\s+(?:being\s+)?(?:recorded|monitored)\b",
];

/// Strong Spanish recording notices such as "esta llamada puede ser grabada" (§2 D-REC).
pub(crate) static REC_STRONG_ES: &[&str] = &[
    r"\b(?:esta|su|la)\s+llamada\s+(?:puede|podria|podra|sera|va\s+a\s+ser|esta\s+siendo)\s+(?:ser\s+)?(?:grabada|monitoreada|transcrita)\b",
];

/// English capture verbs; a notice when a call noun shares the sentence (§2 D-REC, §3.1 REC004).
pub(crate) static REC_VERB_EN: &[&str] =
    &[r"\b(?:record(?:ed|ing)?|monitor(?:ed|ing)?|transcrib(?:e|ed|ing)|analy[sz]ed)\b"];

/// English call nouns paired with `REC_VERB_EN` (§2 D-REC), plural forms included.
pub(crate) static REC_NOUN_EN: &[&str] = &[r"\b(?:calls?|conversations?|lines?)\b"];

/// Spanish capture verbs, with plural participles and "analizada" from the REC004 fix (§2 D-REC).
pub(crate) static REC_VERB_ES: &[&str] = &[
    r"\b(?:grab(?:ad[ao]s?|ar|an|ando|amos|aremos|ara|aran|acion)|monitore(?:ad[ao]s?|ar|an|ando|amos)|supervisad[ao]s?|transcrit[ao]s?|analizad[ao]s?)\b",
];

/// Spanish call nouns paired with `REC_VERB_ES` (§2 D-REC).
pub(crate) static REC_NOUN_ES: &[&str] = &[r"\b(?:llamadas?|conversacion(?:es)?)\b"];

/// Capture verbs that are really nouns or voicemail prompts, vetoing D-REC co-occurrence (§2 D-REC).
/// "We have no record of your call" and "record your message" do not say the call is captured.
pub(crate) static REC_VERB_VETO: &[&str] = &[
    r"\b(?:a|an|the|no|any|our|your|his|her|their|its|this|that|of|on|off|criminal|medical|public|track)\s+(?:record|monitor)\b",
    r"\brecord\s+(?:your|a)\s+(?:message|name|response|greeting)\b",
];

// --- D-AI: artificial / automated voice disclosure -----------------------------------------

/// English statements that the speaker is an AI or automated agent (§2 D-AI).
pub(crate) static AI_EN: &[&str] = &[
    r"\b(?:virtual|automated|digital|ai|a\.i\.|artificial\s+intelligence)(?:[\s-](?:powered|driven|based))?\s+(?:assistant|agent|system|voice)\b",
    r"\b(?:i am|i'm|this is|(?:you are|you're)\s+(?:speaking|talking)\s+(?:with|to))\s+an?\s+(?:ai|automated|virtual|computer|artificial)\b",
    r"\bnot a (?:real |live )?(?:person|human)\b",
];

/// Spanish statements that the speaker is an AI or automated agent (§2 D-AI).
pub(crate) static AI_ES: &[&str] = &[
    r"\b(?:asistente|agente)\s+(?:virtual|automatizad[oa]|automatic[oa]|digital|de\s+(?:inteligencia\s+artificial|ia))\b",
    r"\b(?:sistema|asistente|agente)\s+de\s+ia\b",
    r"\binteligencia\s+artificial\b",
    r"\bsistema\s+automatizado\b",
    r"\bno\s+(?:soy|es)\s+una\s+persona\b",
    r"\bvoz\s+(?:artificial|generada)\b",
];

// --- D-ID: identity cue phrases -------------------------------------------------------------

/// English cues that usually introduce the caller's identity; support only (§2 D-ID).
pub(crate) static ID_CUE_EN: &[&str] = &[r"\b(?:this is|calling from|on behalf of)\b"];

/// Spanish cues that usually introduce the caller's identity; support only (§2 D-ID).
pub(crate) static ID_CUE_ES: &[&str] =
    &[r"\b(?:le llama|llamamos de|le habla|de parte de|en nombre de)\b"];

// --- D-PHONE / D-TOLLFREE --------------------------------------------------------------------

/// North American numbers in digit groups, e.g. `+1 (800) 555-0100` (§2 D-PHONE).
/// Commas are accepted between groups (`800, 555, 0100`) because TTS scripts pause on them.
pub(crate) static PHONE_DIGIT_GROUPS: &[&str] = &[
    r"(?:\+?1(?:[\s.\-]|, ?)?)?\(?[2-9][0-9]{2}\)?(?:[\s.\-]|, ?)?[2-9][0-9]{2}(?:[\s.\-]|, ?)?[0-9]{4}",
];

/// North American numbers spelled digit by digit for TTS: `8 0 0, 5 5 5, 0 1 0 0` (§2 D-PHONE,
/// §3.3 TCPA003 fix template).
pub(crate) static PHONE_SPACED_DIGITS: &[&str] = &[
    r"(?:\+?1(?:, ?| |-))?[2-9] [0-9] [0-9](?:, ?| |-|\. ?)[2-9] [0-9] [0-9](?:, ?| |-|\. ?)[0-9] [0-9] [0-9] [0-9]",
];

/// Vanity toll-free numbers such as `1-800-FLOWERS`, 4 to 7 letters after a toll-free area
/// code (§2 D-PHONE). Letters may be split by dashes (`1-800-GOT-JUNK`); a dash or dot must
/// precede them so that "800 flowers" stays a quantity.
pub(crate) fn phone_vanity() -> String {
    format!(
        r"(?:\+1[\s.\-]?|\b1[\s.\-]?|\b)(?:{})[.\-][a-z](?:-?[a-z]){{3,6}}\b",
        TOLL_FREE_NPAS.join("|")
    )
}

/// Spoken digit words (EN/ES) and the digit each one stands for (§2 D-PHONE).
pub(crate) static SPOKEN_DIGITS: &[(&str, u8)] = &[
    ("zero", 0),
    ("oh", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("cero", 0),
    ("uno", 1),
    ("dos", 2),
    ("tres", 3),
    ("cuatro", 4),
    ("cinco", 5),
    ("seis", 6),
    ("siete", 7),
    ("ocho", 8),
    ("nueve", 9),
];

/// Minimum number of spoken digit words that make a phone number (§2 D-PHONE).
pub(crate) const MIN_SPOKEN_DIGITS: usize = 10;

/// Toll-free area codes (§2 D-TOLLFREE).
pub(crate) static TOLL_FREE_NPAS: &[&str] = &["800", "833", "844", "855", "866", "877", "888"];

/// Pay-per-call area codes that cannot serve as a call-back number (§2 D-PHONE, §3.3 TCPA002).
pub(crate) static PREMIUM_NPAS: &[&str] = &["900", "976"];

// --- D-OPTOUT-VOICE: automated opt-out instruction -----------------------------------------

/// English key-press / voice opt-out instructions in either order (§2 D-OPTOUT-VOICE).
pub(crate) static OPTOUT_VOICE_EN: &[&str] = &[
    r"\b(?:press|push|dial|say)\b.{0,30}\b(?:to\s+)?(?:be\s+)?(?:removed|opt\s*out|unsubscribe|stop\s+(?:receiving\s+)?(?:these\s+|future\s+)?calls|(?:added|placed)\s+(?:to|on)\s+(?:our|the)\s+do[\s-]?not[\s-]?call)",
    r"\bto\s+(?:opt\s*out|stop\s+(?:receiving\s+)?(?:these\s+|future\s+)?calls|be\s+(?:added\s+to|placed\s+on)\s+(?:our|the)\s+do[\s-]?not[\s-]?call(?:\s+list)?|be\s+removed\s+from\s+(?:our|the)\s+(?:call(?:ing)?\s+)?list)\b.{0,40}\b(?:press|push|dial|say)\b",
    r"\bif\s+you\s+(?:no\s+longer\s+wish|do\s+not\s+wish|don't\s+wish|do\s+not\s+want|don't\s+want|no\s+longer\s+want)\s+to\s+(?:receive|get)\s+(?:these\s+|future\s+|further\s+|more\s+)?calls\b.{0,40}\b(?:press|push|dial|say)\b",
];

/// Spanish key-press / voice opt-out instructions in either order (§2 D-OPTOUT-VOICE).
pub(crate) static OPTOUT_VOICE_ES: &[&str] = &[
    r"\b(?:oprima|presione|marque|pulse|diga)\b.{0,30}\b(?:no\s+recibir\s+mas\s+llamadas|dejar\s+de\s+recibir\s+(?:estas\s+)?llamadas|darse\s+de\s+baja|ser\s+(?:eliminad[oa]|removid[oa]|agregad[oa])|lista\s+de\s+no\s+llamar)",
    r"\bpara\s+(?:no\s+recibir\s+mas\s+llamadas|dejar\s+de\s+recibir\s+(?:estas\s+)?llamadas|darse\s+de\s+baja|ser\s+(?:agregad[oa]|incluid[oa])\s+(?:a|en)\s+(?:nuestra|la)\s+lista\s+de\s+no\s+llamar).{0,40}\b(?:oprima|presione|marque|pulse|diga)\b",
    r"\bsi\s+(?:ya\s+)?no\s+(?:desea|quiere)\s+recibir\s+(?:mas\s+|estas\s+)?llamadas\b.{0,40}\b(?:oprima|presione|marque|pulse|diga)\b",
];

// --- D-CARD / D-ACH: payment-card and bank-account data requests ----------------------------

/// English cues naming a payment card outright, e.g. "credit card number" (§2 D-CARD).
/// They are immune to the non-payment-card vetoes: "credit card" cannot mean a gift card.
pub(crate) static CARD_EXPLICIT_EN: &[&str] = &[
    r"\b(?:credit|debit|payment|visa|mastercard|amex|american express|discover)\s+card\b(?:\s+(?:number\b|no\b\.?|#))?",
];

/// Spanish cues naming a payment card outright (§2 D-CARD).
pub(crate) static CARD_EXPLICIT_ES: &[&str] = &[r"\btarjeta\s+de\s+(?:credito|debito)\b"];

/// English card-data cues that a nearby gift/insurance/member card can explain away (§2 D-CARD).
pub(crate) static CARD_GENERIC_EN: &[&str] = &[
    r"\bcard\s+(?:number\b|no\b\.?|#)",
    r"\b(?:cvv2?|cvc2?|cid|csc|cav2)\b",
    r"\b(?:3|4|three|four)[\s-]digit\s+(?:security\s+)?(?:code|number)\s+(?:on|from)\s+the\s+(?:back|front)\b",
    r"\bexpir(?:ation|y)\s+date\b",
    r"\bexp\.?\s+date\b",
    r"\bvalid\s+(?:thru|through)\b",
    r"\b(?:15|16|fifteen|sixteen)[\s-]digit\b",
];

/// Spanish card-data cues that a nearby non-payment card can explain away (§2 D-CARD).
pub(crate) static CARD_GENERIC_ES: &[&str] = &[
    r"\bnumero\s+de\s+(?:la\s+|su\s+)?tarjeta\b",
    r"\bfecha\s+de\s+(?:vencimiento|expiracion|caducidad)\b",
    r"\b(?:tres|cuatro|3|4)\s+digitos\s+(?:al|del|en\s+el)\s+(?:reverso|dorso|frente)\b",
    r"\b(?:15|16|quince|dieciseis)\s+digitos\b",
];

/// Weak card cues, "security code" / "codigo de seguridad" (§2 D-CARD, marked "(weak)").
/// They count only with another card cue in the text or "card"/"tarjeta" in their sentence.
pub(crate) static CARD_WEAK: &[&str] = &[r"\bsecurity\s+code\b", r"\bcodigo\s+de\s+seguridad\b"];

/// Non-payment cards that explain away a generic cue in the same sentence (§2 D-CARD negatives).
pub(crate) static CARD_VETO_EN: &[&str] = &[
    r"\b(?:gift|insurance|member(?:ship)?|library|loyalty|rewards|id|health|medicare|medicaid|sim|business)\s+card\b",
];

/// Spanish non-payment cards (§2 D-CARD negatives), plus "fecha de vencimiento" of a bill or
/// payment, which is a due date rather than a card expiry.
pub(crate) static CARD_VETO_ES: &[&str] = &[
    r"\btarjeta\s+(?:de\s+regalo|del?\s+seguro|de\s+miembro|de\s+identificacion|sim)\b",
    r"\bfecha\s+de\s+vencimiento\s+del?\s+(?:su\s+|la\s+|el\s+)?(?:pago|factura|poliza|cuenta|prestamo|recibo)\b",
];

/// One-time / verification codes; veto a card cue only together with `OTP_DELIVERY` (§2 D-CARD).
pub(crate) static OTP_CODE: &[&str] = &[
    r"\b(?:one[\s-]time|verification)\s+(?:pass)?code\b",
    r"\bcodigo\s+de\s+(?:verificacion|un\s+solo\s+uso)\b",
];

/// Words showing a code travelled by text message (§2 D-CARD, "near text|sms|sent|...").
pub(crate) static OTP_DELIVERY: &[&str] =
    &[r"\b(?:text(?:ed)?|sms|sent|enviamos|enviado|mensaje)\b"];

/// Last-four verification: not full PAN capture, so card cues beside it are downgraded (§2 D-CARD).
pub(crate) static LAST_FOUR: &[&str] = &[r"\blast\s+(?:4|four)\b", r"\bultimos\s+(?:4|cuatro)\b"];

/// The bare word for a card, which lets weak and last-four cues count (§2 D-CARD).
pub(crate) static CARD_WORD: &[&str] = &[r"\b(?:card|tarjeta)s?\b"];

/// Bank-account (ACH) data requests, reported separately from card data (§2 D-ACH, §3.2 PCI001).
pub(crate) static ACH: &[&str] = &[
    r"\b(?:routing|bank\s+account|checking\s+account)\s+number\b",
    r"\bnumero\s+de\s+(?:ruta|cuenta(?:\s+bancaria)?)\b",
];

// --- D-PAN / CVV literal ----------------------------------------------------------------------

/// Cues that a nearby 3-4 digit number is a card verification value (§2 CVV literal).
pub(crate) static CVV_CUES: &[&str] =
    &[r"\b(?:cvv2?|cvc2?|cid|csc|security\s+code|codigo\s+de\s+seguridad)\b"];

/// Issuer identification prefixes as inclusive ranges of equal-length digit strings (§2 D-PAN):
/// Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay.
pub(crate) static ISSUER_PREFIXES: &[(&str, &str)] = &[
    ("4", "4"),
    ("51", "55"),
    ("2221", "2720"),
    ("34", "34"),
    ("37", "37"),
    ("6011", "6011"),
    ("644", "649"),
    ("65", "65"),
    ("3528", "3589"),
    ("300", "305"),
    ("36", "36"),
    ("38", "39"),
    ("62", "62"),
];

/// Published test card numbers: allow-listable in non-production builds (§3.2 PCI005).
pub(crate) static TEST_PANS: &[&str] = &[
    "4111111111111111",
    "4242424242424242",
    "5555555555554444",
    "378282246310005",
    "6011111111111117",
    "4000056655665556",
    "5105105105105100",
    "371449635398431",
    "6011000990139424",
    "3530111333300000",
    "4012888888881881",
    "4222222222222",
];

// --- D-PHI: health information ----------------------------------------------------------------
// Lists are split by category and by whether they belong to the extra-sensitive sub-lists
// (substance use, HIV/STI, reproductive, mental health, genetic) that escalate severity.

/// English conditions and diagnoses outside the extra-sensitive sub-lists (§2 D-PHI).
pub(crate) static PHI_CONDITION_EN: &[&str] = &[
    r"\bdiabet(?:es|ic)\b",
    r"\bcancers?\b",
    r"\btumou?rs?\b",
    r"\bchemo(?:therapy)?\b",
    r"\bhepatitis\b",
    r"\bautism\b",
    r"\bdementia\b",
    r"\balzheimer\w*",
    r"\bdialysis\b",
    r"\b(?:heart|kidney|renal)\s+failure\b",
    r"\bstroke\b",
    r"\bepilep\w*",
    r"\basthma\w*",
    r"\bcopd\b",
    r"\bcovid(?:-?19)?\b",
];

/// English extra-sensitive conditions: HIV/STI, reproductive, mental, substance use (§2 D-PHI).
/// `brca` is added because the catalog names genetic data as sensitive but lists no term for it.
pub(crate) static PHI_CONDITION_SENSITIVE_EN: &[&str] = &[
    r"\bhiv\b",
    r"\baids\b",
    r"\bst[di]s?\b",
    r"\bchlamydia\b",
    r"\bgonorrh?o?ea\b",
    r"\bsyphilis\b",
    r"\bherpes\b",
    r"\bhpv\b",
    r"\bpregnan(?:t|cy)\b",
    r"\bprenatal\b",
    r"\bmiscarriage\b",
    r"\babortion\b",
    r"\bivf\b",
    r"\bfertility\b",
    r"\bdepress(?:ion|ive)\b",
    r"\banxiety\b",
    r"\bbipolar\b",
    r"\bschizophren\w*",
    r"\bptsd\b",
    r"\badhd\b",
    r"\bsuicid\w*",
    r"\bsubstance\s+use\b",
    r"\baddiction\b",
    r"\balcoholism\b",
    r"\bopioids?\b",
    r"\boverdose\b",
    r"\bdetox\b",
    r"\brehab\b",
    r"\bbrca[12]?\b",
];

/// Spanish conditions outside the extra-sensitive sub-lists (§2 D-PHI).
pub(crate) static PHI_CONDITION_ES: &[&str] = &[
    r"\bdiabetes\b",
    r"\bcancer\b",
    r"\bquimioterapia\b",
    r"\bhepatitis\b",
    r"\bdemencia\b",
    r"\bdialisis\b",
    r"\binsuficiencia\s+(?:renal|cardiaca)\b",
    r"\basma\b",
    r"\bautismo\b",
    r"\balzheimer\b",
    r"\bepilepsia\b",
    r"\bderrame\s+cerebral\b",
    r"\baccidente\s+cerebrovascular\b",
    r"\btumor(?:es)?\b",
];

/// Spanish extra-sensitive conditions (§2 D-PHI). `embaraz...` ends at a word boundary so that
/// "embarazoso" (embarrassing) does not match.
pub(crate) static PHI_CONDITION_SENSITIVE_ES: &[&str] = &[
    r"\bvih\b",
    r"\bsida\b",
    r"\bets\b",
    r"\bembaraz(?:o|ada|adas)\b",
    r"\bprenatal\b",
    r"\baborto\b",
    r"\bfertilidad\b",
    r"\bdepresion\b",
    r"\bansiedad\b",
    r"\bbipolar\b",
    r"\besquizofrenia\b",
    r"\badiccion(?:es)?\b",
    r"\bsobredosis\b",
    r"\brehabilitacion\b",
];

/// English specialties and departments outside the sensitive sub-lists (§2 D-PHI).
pub(crate) static PHI_SPECIALTY_EN: &[&str] = &[
    r"\boncolog\w*",
    r"\bcardiolog\w*",
    r"\burolog\w*",
    r"\bdermatolog\w*",
    r"\bgastroenterolog\w*",
    r"\bendocrinolog\w*",
    r"\bnephrolog\w*",
    r"\bneurolog\w*",
    r"\binfectious\s+disease\b",
    r"\bhospice\b",
];

/// English specialties tied to mental health, reproductive/sexual health or substance use (§2 D-PHI).
pub(crate) static PHI_SPECIALTY_SENSITIVE_EN: &[&str] = &[
    r"\bpsychiatr\w*",
    r"\bpsycholog\w*",
    r"\bbehavioral\s+health\b",
    r"\bmental\s+health\b",
    r"\bcounsell?ing\b",
    r"\bob[\s/-]?gyn\b",
    r"\bobstetric\w*",
    r"\bgynae?colog\w*",
    r"\bsexual\s+health\b",
    r"\bfamily\s+planning\b",
    r"\bmethadone\b",
];

/// Spanish specialties outside the sensitive sub-lists (§2 D-PHI).
pub(crate) static PHI_SPECIALTY_ES: &[&str] = &[
    r"\boncologia\b",
    r"\bcardiologia\b",
    r"\burologia\b",
    r"\bdermatologia\b",
    r"\bneurologia\b",
];

/// Spanish sensitive specialties (§2 D-PHI).
pub(crate) static PHI_SPECIALTY_SENSITIVE_ES: &[&str] = &[
    r"\bpsiquiatr\w*",
    r"\bpsicolog\w*",
    r"\bsalud\s+mental\b",
    r"\bginecologia\b",
    r"\bobstetricia\b",
    r"\bplanificacion\s+familiar\b",
];

/// English test results, procedures and diagnoses (§2 D-PHI).
pub(crate) static PHI_RESULT_EN: &[&str] = &[
    r"\b(?:test|lab|biopsy|screening|pap|mammogram|colonoscopy|mri|ct\s+scan|x-?ray|ultrasound|blood\s+work)\s+results?\b",
    r"\bpositive\s+for\b",
    r"\btested\s+positive\b",
    r"\bdiagnos(?:is|ed)\b",
];

/// Genetic testing, the extra-sensitive result category the catalog names without terms (§2 D-PHI).
pub(crate) static PHI_RESULT_SENSITIVE_EN: &[&str] =
    &[r"\bgenetic\s+(?:test(?:s|ing)?|screening|counsell?ing|results?)\b"];

/// Spanish results and diagnoses (§2 D-PHI). "diagnostic" is spelled out to Spanish endings so
/// the English "network diagnostic" does not match.
pub(crate) static PHI_RESULT_ES: &[&str] = &[
    r"\bresultados?\s+(?:de|del)\s+(?:(?:la|el|su|sus|los|las)\s+)?(?:laboratorio|pruebas?|biopsias?|examen(?:es)?|analisis|mamografia)\b",
    r"\bdio\s+positivo\b",
    r"\bdiagnostic(?:o|ado|ada|ar)\b",
];

/// Spanish genetic testing (§2 D-PHI, genetic sub-list).
pub(crate) static PHI_RESULT_SENSITIVE_ES: &[&str] = &[r"\bpruebas?\s+geneticas?\b"];

/// English medications outside the sensitive sub-lists (§2 D-PHI sample list).
pub(crate) static PHI_MEDICATION_EN: &[&str] = &[
    r"\binsulin\b",
    r"\bmetformin\b",
    r"\bozempic\b",
    r"\bwegovy\b",
    r"\bmounjaro\b",
    r"\bsemaglutide\b",
    r"\btirzepatide\b",
    r"\boxycodone\b",
    r"\bhydrocodone\b",
    r"\bfentanyl\b",
    r"\btamoxifen\b",
];

/// English medications that reveal substance-use treatment, HIV status or mental health (§2 D-PHI).
pub(crate) static PHI_MEDICATION_SENSITIVE_EN: &[&str] = &[
    r"\badderall\b",
    r"\bbuprenorphine\b",
    r"\bsuboxone\b",
    r"\bmethadone\b",
    r"\bnaloxone\b",
    r"\bnarcan\b",
    r"\btruvada\b",
    r"\bdescovy\b",
    r"\bprep\b",
    r"\bantiretrovirals?\b",
    r"\blithium\b",
    r"\bsertraline\b",
    r"\bzoloft\b",
    r"\bfluoxetine\b",
    r"\bprozac\b",
    r"\blexapro\b",
    r"\bxanax\b",
    r"\balprazolam\b",
];

/// Spanish medications (§2 D-PHI). "receta" alone also means a cooking recipe, so it needs a
/// possessive or "medica".
pub(crate) static PHI_MEDICATION_ES: &[&str] = &[
    r"\binsulina\b",
    r"\bmedicamentos?\b",
    r"\bsu\s+receta\b",
    r"\brecetas?\s+medicas?\b",
];

/// Spanish sensitive medications (§2 D-PHI).
pub(crate) static PHI_MEDICATION_SENSITIVE_ES: &[&str] = &[r"\bmetadona\b"];

/// English identifiers (§2 D-PHI, §3.8 PHI003). Separators allow `_` and `-` and none at all, and
/// an underscore counts as a word edge, because these also run on URL parameters such as
/// `patient_dob=` or `dateOfBirth=`.
pub(crate) static PHI_IDENTIFIER_EN: &[&str] = &[
    r"(?:\b|_)date[\s_\-]*of[\s_\-]*birth(?:\b|_)",
    r"(?:\b|_)birth[\s_\-]*date(?:\b|_)",
    r"(?:\b|_)dob(?:\b|_)",
    r"(?:\b|_)medical[\s_\-]*record(?:[\s_\-]*(?:number|num|no))?(?:\b|_)",
    r"(?:\b|_)mrn(?:\b|_)",
    r"(?:\b|_)social[\s_\-]*security(?:\b|_)",
    r"(?:\b|_)ssn(?:\b|_)",
    r"(?:\b|_)member[\s_\-]*id(?:\b|_)",
    r"(?:\b|_)patient[\s_\-]*id(?:\b|_)",
    r"\b[0-9]{3}-[0-9]{2}-[0-9]{4}\b",
];

/// Spanish identifiers (§2 D-PHI, §3.8 PHI003).
pub(crate) static PHI_IDENTIFIER_ES: &[&str] = &[
    r"(?:\b|_)fecha[\s_\-]+de[\s_\-]+nacimiento(?:\b|_)",
    r"(?:\b|_)seguro[\s_\-]+social(?:\b|_)",
    r"(?:\b|_)expediente[\s_\-]+medico(?:\b|_)",
    r"(?:\b|_)historia[\s_\-]+clinica(?:\b|_)",
];

/// Everyday phrases that contain a PHI term without carrying health information (§3.8 PHI001
/// false positives). A PHI match inside one of these is ignored.
pub(crate) static PHI_VETO: &[&str] = &[
    r"\b(?:hearing|visual|teaching|study|learning)\s+aids\b",
    r"\b(?:great|economic|tropical)\s+depression\b",
    r"\bdepresion\s+(?:tropical|economica)\b",
    r"\bgran\s+depresion\b",
    r"\blithium[\s-](?:ion|battery|batteries)\b",
    r"\b(?:meal|test|exam|food)\s+prep\b",
    r"\bstroke\s+of\s+(?:luck|genius)\b",
    r"\bbrush\s+strokes?\b",
    r"\b(?:credit|debt|financial|career|legal)\s+counsell?ing\b",
];

// --- D-DEBT / D-MM / D-DC / D-THREAT: debt collection -------------------------------------------

/// English debt or collection content (§2 D-DEBT).
pub(crate) static DEBT_EN: &[&str] = &[
    r"\bdebts?\b",
    r"\bpast[\s-]due\b",
    r"\boverdue\b",
    r"\bdelinquen(?:t|cy)\b",
    r"\boutstanding\s+balance\b",
    r"\bbalance\s+(?:due|owed|of)\b",
    r"\b(?:your|the|remaining|unpaid|current|account)\s+balances?\b",
    r"\bamount\s+(?:due|owed)\b",
    r"\byou\s+owe\b",
    r"\bcollections?\s+(?:agency|account)\b",
    r"\bin\s+collections\b",
    r"\bcharge[ds]?[\s-]off\b",
    r"\bsettle\s+(?:your|this|the)\s+(?:account|balance|debt)\b",
    r"\bpayment\s+(?:arrangement|plan)s?\b",
    r"\bjudge?ments?\b",
    r"\bgarnish\w*",
];

/// Spanish debt or collection content (§2 D-DEBT).
pub(crate) static DEBT_ES: &[&str] = &[
    r"\bdeudas?\b",
    r"\badeud(?:o|a|ado)\b",
    r"\bsaldo\s+(?:pendiente|vencido|adeudado)\b",
    r"\bpago\s+(?:atrasado|vencido)\b",
    r"\bvencid[oa]s?\b",
    r"\batrasad[oa]s?\b",
    r"\bmonto\s+(?:adeudado|pendiente)\b",
    r"\busted\s+debe\b",
    r"\bcobranzas?\b",
    r"\bcobros?\b",
    r"\bagencia\s+de\s+cobr(?:o|anza)\b",
    r"\barreglo\s+de\s+pago\b",
    r"\bplan\s+de\s+pagos\b",
    r"\bliquidar\s+(?:su|la)\s+(?:cuenta|deuda)\b",
    r"\bsu\s+saldo\b",
];

/// Money amounts, which alone make a message debt content in a collection context (§2 D-DEBT).
/// The amount is matched whole ("$1,250.00") so the reported span covers it.
pub(crate) static MONEY: &[&str] = &[
    r"\$\s?[0-9][0-9,]*(?:\.[0-9]{1,2})?",
    r"\b[0-9][0-9,]*(?:\.[0-9]+)?\s+(?:dollars|dolares)\b",
];

/// Mini-Miranda part A in English and Spanish: "attempt to collect a debt" (§2 D-MM, §4).
pub(crate) static MM_ATTEMPT: &[&str] = &[
    r"\battempt(?:ing)?\s+to\s+collect\s+a\s+debt\b",
    r"\b(?:intento|intentando|intentamos)\s+(?:de\s+)?cobrar\s+una\s+deuda\b",
];

/// Mini-Miranda part B, "information obtained will be used for that purpose", EN/ES (§2 D-MM, §4).
pub(crate) static MM_INFORMATION_USE: &[&str] = &[
    r"\binformation\s+(?:obtained|we\s+obtain|that\s+we\s+obtain)\s+will\s+be\s+used\s+for\s+that\s+purpose\b",
    r"\binformacion\s+(?:obtenida|que\s+obtengamos)\s+(?:sera|se)\s+(?:utilizada|usada|usara)\s+(?:para|con)\s+(?:ese|este|dicho)\s+(?:fin|proposito)\b",
];

/// English "from a debt collector" statements (§2 D-DC), plus the wording of the §4 practical
/// script ("this is a communication from a debt collector"), which the catalog pattern missed.
pub(crate) static DEBT_COLLECTOR_EN: &[&str] = &[
    r"\b(?:this|the)\s+(?:call|communication|message)\s+is\s+from\s+a\s+debt\s+collector\b",
    r"\b(?:we\s+are|i\s+am|i'm|this\s+is)\s+a\s+debt\s+collector\b",
    r"\bthis\s+is\s+an?\s+(?:call|communication|message)\s+from\s+a\s+debt\s+collector\b",
];

/// Spanish "from a debt collector" statements (§2 D-DC, §4 script).
pub(crate) static DEBT_COLLECTOR_ES: &[&str] = &[
    r"\b(?:esta\s+(?:llamada|comunicacion)|este\s+mensaje)\s+es\s+de\s+un\s+cobrador\s+de\s+deudas\b",
    r"\bsomos\s+(?:un|una)\s+(?:cobrador|agencia)\s+de\s+(?:deudas|cobranza)\b",
];

/// Everyday phrases that hold a threat word without threatening (DEBT009 false positives): "sin
/// embargo" is "however", "alta demanda" is high demand, and asking whether the consumer has a
/// lawyer is what Regulation F requires a collector to respect (12 CFR 1006.6(b)(2)).
pub(crate) static THREAT_VETO: &[&str] = &[
    r"\bsin\s+embargo\b",
    r"\b(?:alta|gran|mucha|la)\s+demanda\s+de\s+llamadas\b",
    r"\b(?:alta|gran|mucha)\s+demanda\b",
    r"\brepresented\s+by\s+(?:an?\s+)?(?:attorney|lawyer)\b",
    r"\byour\s+(?:attorney|lawyer)\b",
    r"\brepresentad[oa]\s+por\s+un\s+abogado\b",
    r"\bsu\s+abogado\b",
];

/// English threats and false-representation cues for legal review (§2 D-THREAT).
pub(crate) static THREAT_EN: &[&str] = &[
    r"\b(?:arrest(?:ed)?|jail|prison|police|criminal|warrant|sue\s+you|lawsuit|legal\s+action|garnish(?:ment)?|seize|repossess|ruin\s+your\s+credit|attorney|lawyer)\b",
];

/// Spanish threats and false-representation cues for legal review (§2 D-THREAT).
pub(crate) static THREAT_ES: &[&str] = &[
    r"\b(?:arresto|arrestad[oa]|carcel|prision|policia|orden\s+de\s+arresto|demanda(?:rle)?|accion\s+legal|embargo|abogado)\b",
];

/// Voicemail prompts telling the caller a message will be recorded (§3.1 REC005).
pub(crate) static VOICEMAIL_CUE: &[&str] = &[
    r"\bleave\s+(?:us\s+|me\s+)?(?:a|your)\s+(?:message|voicemail|voice\s+message)\b",
    r"\bafter\s+the\s+(?:beep|tone)\b",
    r"\brecord\s+your\s+(?:message|name|response)\b",
    r"\bdeje\s+(?:un|su)\s+mensaje\b",
    r"\bdespues\s+del\s+(?:tono|pitido)\b",
    r"\bdespues\s+de\s+la\s+senal\b",
    r"\bgrabe\s+su\s+mensaje\b",
];

/// Requests that the consumer reply, required in a limited-content voicemail (§3.7 DEBT003).
pub(crate) static REPLY_REQUEST: &[&str] = &[
    r"\bplease\s+(?:call|return)\b",
    r"\bcall\s+(?:us|me)\s+back\b",
    r"\breturn\s+(?:this|our|my)\s+call\b",
    r"\bllamenos\b",
    r"\bdevuelva\s+la\s+llamada\b",
    r"\bcomuniquese\b",
];

/// Business-name words that reveal debt collection, barred from voicemails (§3.7 DEBT003).
/// Plural and agent forms are added ("ABC Collections", "Recovery Creditors").
pub(crate) static COLLECTION_NAME: &[&str] = &[
    r"\b(?:collect(?:s|ion|ions|ors?)?|recover(?:y|ies)|debts?|credit(?:ors?)?|cobr(?:o|os|anza|anzas)|deudas?)\b",
];

// --- Messaging ---------------------------------------------------------------------------------

/// English SMS opt-out instructions: "reply STOP", "text STOP to opt out" (§2 D-OPTOUT-INSTR).
pub(crate) static SMS_OPTOUT_EN: &[&str] = &[
    r#"\b(?:reply|text|txt|send|respond)(?:\s+with)?(?:\s+the\s+word)?\s+["']?(?:stop|stopall|cancel|end|quit|unsubscribe|revoke|optout|opt-out)\b"#,
    r"\b(?:stop|cancel|end|quit|unsubscribe)\s+to\s+(?:opt[\s-]?out|end|cancel|unsubscribe|quit|stop)\b",
];

/// Spanish SMS opt-out instructions: "responda ALTO", "envie BAJA" (§2 D-OPTOUT-INSTR).
pub(crate) static SMS_OPTOUT_ES: &[&str] = &[
    r#"\b(?:responda|responde|conteste|contesta|envie|envia|escriba|escribe|textee|mande)(?:\s+la\s+palabra)?\s+["']?(?:alto|stop|baja|parar|cancelar)\b"#,
];

/// Public or shared URL-shortener hosts; a subdomain of one counts as the host (§2 D-SHORTENER).
pub(crate) static SHORTENER_HOSTS: &[&str] = &[
    "bit.ly",
    "bitly.com",
    "tinyurl.com",
    "goo.gl",
    "ow.ly",
    "t.co",
    "is.gd",
    "v.gd",
    "buff.ly",
    "rebrand.ly",
    "cutt.ly",
    "shorturl.at",
    "rb.gy",
    "tiny.cc",
    "t.ly",
    "s.id",
    "bit.do",
    "x.co",
    "lnkd.in",
    "trib.al",
    "shorte.st",
    "adf.ly",
    "tr.im",
    TWILIO_SHARED_HOST,
];

/// Twilio's shared short-link domain: flagged as a warning rather than a public shortener (§2).
pub(crate) const TWILIO_SHARED_HOST: &str = "twil.io";

/// Sexual content (§2 D-SHAFT, §3.9 MSG006).
pub(crate) static SHAFT_SEX: &[&str] = &[
    r"\b(?:xxx|porn\w*|nudes?|escorts?|adult\s+(?:content|chat)|sexting|contenido\s+(?:para\s+adultos|sexual|erotico)|desnud[oa]s|acompanantes)\b",
];

/// Hate content: extremist slogans (§2 D-SHAFT).
/// The catalog keeps its slur list elsewhere and does not reproduce it; neither does this file.
pub(crate) static SHAFT_HATE: &[&str] =
    &[r"\b(?:white\s+power|heil\s+hitler|sieg\s+heil|ku\s+klux\s+klan|kkk)\b"];

/// Alcohol (§2 D-SHAFT). Spanish "vino" is also "came" (venir), so it needs an article, a plural
/// or a wine type.
pub(crate) static SHAFT_ALCOHOL: &[&str] = &[
    r"\b(?:beers?|wines?|vodka|whiske?y|tequila|liquor|spirits|happy\s+hour|brewery|cervezas?|licor(?:es)?)\b",
    r"\bvinos\b",
    r"\b(?:el|un|del|los|unos|su|sus|de|con)\s+vino\b",
    r"\bvino\s+(?:tinto|blanco|rosado|espumoso)\b",
];

/// Firearms (§2 D-SHAFT), plural forms included.
pub(crate) static SHAFT_FIREARMS: &[&str] = &[
    r"\b(?:guns?|firearms?|rifles?|pistols?|ammo|ammunition|ar-15|armas?\s+de\s+fuego|municiones)\b",
];

/// Tobacco (§2 D-SHAFT tobacco/vape, tobacco half).
pub(crate) static SHAFT_TOBACCO: &[&str] = &[
    r"\b(?:cigarettes?|cigars?|tobacco|nicotine|hookah|tabaco|cigarrillos?|cigarros?|puros|nicotina)\b",
];

/// Vaping (§2 D-SHAFT tobacco/vape, vape half).
pub(crate) static SHAFT_VAPING: &[&str] = &[
    r"\b(?:vapes?|vaping|e-?cigs?|e-?cigarettes?|juul|vapeador(?:es)?|vapeo|cigarrillos?\s+electronicos?)\b",
];

/// Cannabis, CBD and kratom (§2 D-SHAFT).
pub(crate) static SHAFT_CANNABIS: &[&str] =
    &[r"\b(?:cannabis|marijuana|weed|thc|cbd|dispensary|edibles|kratom|marihuana)\b"];

/// Gambling (§2 D-SHAFT).
pub(crate) static SHAFT_GAMBLING: &[&str] = &[
    r"\b(?:casinos?|sportsbook|betting|bet\s+now|sweepstakes|raffles?|apuestas?|rifas?|sorteos?|juegos?\s+de\s+azar|loteria)\b",
];

/// High-risk financial services (§2 D-SHAFT).
pub(crate) static SHAFT_HIGH_RISK_FINANCE: &[&str] = &[
    r"\b(?:payday\s+loans?|cash\s+advance|crypto(?:currency)?|bitcoin|debt\s+(?:relief|consolidation|settlement)|credit\s+repair)\b",
    r"\b(?:criptomonedas?|cripto|prestamos?\s+(?:de\s+dia\s+de\s+pago|rapidos?|sin\s+buro)|consolidacion\s+de\s+deudas|alivio\s+de\s+deudas|reparacion\s+de\s+credito)\b",
];

/// Everyday phrases containing a forbidden-category word (§3.9 MSG006 false positives), including
/// the `xxx-xxxx` phone placeholders that templates use.
pub(crate) static SHAFT_VETO: &[&str] = &[
    r"\b(?:glue|nail|heat|spray|staple|caulk(?:ing)?|water|squirt|massage|radar|top)\s+guns?\b",
    r"\broot\s+beers?\b",
    r"\b(?:high|good|team|holiday|school|christmas)\s+spirits\b",
    r"\bweed\s+(?:killer|control|whacker|eater|barrier|removal)\b",
    r"\bweed\s+(?:the|your|our|out|around)\b",
    r"\b(?:nuestra|su|una|gran|la|esta)\s+apuesta\b",
    r"\bapuesta\s+(?:por|es)\b",
    r"\bcolor\s+tabaco\b",
    r"\bxxx[\-.](?:xxx[\-.])?xxxx\b",
    r"\(xxx\)\s*xxx[\-.]xxxx\b",
    r"\bescort(?:ed)?\s+you\b",
    r"\bwill\s+escort\b",
    r"\bnude\s+(?:lipstick|heels|colou?r|shade|tones?)\b",
];

/// English marketing cues (§2 D-MKT), plural forms included.
pub(crate) static MARKETING_EN: &[&str] = &[
    r"\b[0-9]{1,3}\s?%\s?off\b",
    r"\b(?:sale|discounts?|promos?|promotions?|promo\s*codes?|coupons?|deals?|special\s+offers?|free\s+(?:shipping|gift|trial)|limited[\s-]time|shop\s+now|buy\s+now|save\s+\$?[0-9]|exclusive)\b",
];

/// Spanish marketing cues (§2 D-MKT), plural forms included.
pub(crate) static MARKETING_ES: &[&str] = &[
    r"\b(?:ofertas?|descuentos?|promocion(?:es)?|cupon(?:es)?|gratis|rebajas?|compre\s+ahora|por\s+tiempo\s+limitado)\b",
];

/// "deal with" is a verb phrase, not a bargain (§2 D-MKT false positive).
pub(crate) static MARKETING_VETO: &[&str] = &[r"\bdeal\s+with\b"];
