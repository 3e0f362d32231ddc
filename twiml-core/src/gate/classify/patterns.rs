//! The three kinds of message that never wait, as general patterns rather than sentences: a
//! one-time code, a fraud alert and a delivery notice each need two things in one sentence
//! (what it is about, and what happened to it), in English or Spanish, whatever the rest of
//! the wording.
//!
//! - **A one-time code**: a word for a code (`code`, `passcode`, `PIN`, `verification`,
//!   `codigo`, `clave`, `NIP`, `token`) and a number shaped like one (4 to 8 digits, not an
//!   amount, a time, a date, a phone number or a year).
//! - **A fraud alert**: a question of recognition or authority (`recognize`, `authorize`,
//!   `unauthorized`, `unknown`, `was this you`, `not you`, `reconoce`, `autorizo`,
//!   `desconocido`, `fuiste tu`) beside an amount, or the recipient's card or account said to
//!   be blocked, locked, frozen, limited, restricted or declined (`bloqueada`, `limitamos`,
//!   `rechazamos`); and, as a security alert, "not you?" after a sign-in, a new device or a
//!   changed password (`no fuiste tu`, `inicio de sesion`, `dispositivo`).
//! - **A delivery notice**: the recipient's own order, package or shipment (`your order`,
//!   `su pedido`, `tu paquete`, `order #`, up to two words between, as in "your Amazon
//!   order") beside what happened to it (shipped, delivered, on its way, arriving, out for
//!   delivery, ready for pickup, tracking, delayed, attempted, left at the door; enviado,
//!   entregado, en camino, llegara, sale hoy, salió, en ruta, en transito, retrasado, despachado, listo para
//!   recoger, intentamos entregar, rastrear).
//!
//! A pattern only ever makes a message essential; a decisive phrase of promotion still comes
//! first (a dual-purpose message is marketing), and the classifier applies that order.
//!
//! The other way, [`promotion`] reads a promotion as a price benefit (`20% off`, `half price`,
//! `only $9`, `free`, `descuento`, `puntos extra`) and a call to buy (`shop`, `claim`,
//! `don't miss`, `aprovecha`, `no te lo pierdas`, or `book`, `order`, `get` at the head of a
//! sentence), and an invitation as a word of inviting (`join`, `RSVP`, `te invitamos`) and a
//! day, a time, a date or a gathering (`seminar`, `feria`). It is a variant for measurement:
//! the shipped options leave it off (`eval/classify/RESULTS.md` says why).

use std::collections::HashMap;

use super::model::number_type;
use super::{Cue, Normalized};
use crate::gate::intent::MessageIntent;

/// A word of the normalized text, and where it stands.
struct Word<'a> {
    text: &'a str,
    /// Byte range in the source text.
    span: (usize, usize),
    /// Which sentence of the message it belongs to.
    sentence: usize,
    /// The lists below that hold it, as bits.
    flags: u16,
}

const CODE_WORD: u16 = 1;
const RECOGNIZES: u16 = 1 << 1;
const MONEY: u16 = 1 << 2;
const CARDS: u16 = 1 << 3;
const BLOCKS: u16 = 1 << 4;
const OWNS: u16 = 1 << 5;
const ITEMS: u16 = 1 << 6;
/// A phrase of [`HAPPENED`] of one word.
const HAPPENS: u16 = 1 << 7;
/// The first word of a phrase of [`HAPPENED`] of more words.
const HAPPEN_START: u16 = 1 << 8;
const ACCESSES: u16 = 1 << 9;
const OFFERS: u16 = 1 << 10;
const CALLS: u16 = 1 << 11;
const INVITES: u16 = 1 << 12;
const GATHERINGS: u16 = 1 << 13;
const DAYS: u16 = 1 << 14;

/// Each list of words of the patterns, with its bit: every word is looked up once.
const LISTS: [(&[&str], u16); 13] = [
    (&CODE_WORDS, CODE_WORD),
    (&RECOGNIZE, RECOGNIZES),
    (&MONEY_EVENT, MONEY),
    (&CARD, CARDS),
    (&BLOCKED, BLOCKS),
    (&OWN, OWNS),
    (&ITEM, ITEMS),
    (&ACCESS, ACCESSES),
    (&OFFER, OFFERS),
    (&CALL, CALLS),
    (&INVITE, INVITES),
    (&GATHERING, GATHERINGS),
    (&DAY, DAYS),
];

/// The words of the lists: whole words, and stems by their first letter.
struct Table {
    whole: HashMap<&'static str, u16>,
    stems: [Vec<(&'static str, u16)>; 26],
}

/// The bits of the lists that hold a word: whole words from a table built once, stems
/// (`recogniz*`) by their beginning.
fn flags(word: &str) -> u16 {
    static TABLE: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table = Table {
            whole: HashMap::new(),
            stems: Default::default(),
        };
        let happened = HAPPENED.iter().map(|phrase| match phrase {
            [one] => (*one, HAPPENS),
            _ => (phrase[0], HAPPEN_START),
        });
        let lists = LISTS
            .iter()
            .flat_map(|&(list, bit)| list.iter().map(move |&entry| (entry, bit)));
        for (entry, bit) in lists.chain(happened) {
            match entry.strip_suffix('*') {
                Some(stem) => {
                    let first = usize::from(stem.as_bytes()[0].wrapping_sub(b'a')).min(25);
                    table.stems[first].push((stem, bit));
                }
                None => *table.whole.entry(entry).or_default() |= bit,
            }
        }
        table
    });
    let mut bits = table.whole.get(word).copied().unwrap_or(0);
    if let Some(&first) = word.as_bytes().first()
        && first.is_ascii_lowercase()
    {
        for &(stem, bit) in &table.stems[usize::from(first - b'a')] {
            if word.starts_with(stem) {
                bits |= bit;
            }
        }
    }
    bits
}

/// A pattern of a kind that never waits, found in a message.
#[derive(Debug, Clone, Copy)]
pub(super) struct Found {
    /// The kind.
    pub(super) intent: MessageIntent,
    /// The byte range of the source text that the pattern spans.
    pub(super) span: (usize, usize),
    /// The byte range of the sentence it stands in.
    pub(super) sentence: (usize, usize),
}

impl Found {
    /// The cue that reports this pattern: the words of `source` it spans, with the decisive
    /// weight of a phrase.
    pub(super) fn cue(&self, source: &str) -> Cue {
        let (from, to) = self.span;
        Cue::Phrase {
            text: source.get(from..to).unwrap_or_default().to_string(),
            phrase: self.intent.as_str(),
            intent: self.intent,
            weight: 3,
        }
    }
}

/// The first pattern of a kind that never waits.
pub(super) fn never_wait(source: &str, normal: &Normalized) -> Option<Found> {
    let words = words(source, normal);
    let any = words.iter().fold(0, |bits, w| bits | w.flags);
    if any & (CODE_WORD | ITEMS) != 0 {
        for sentence in words.chunk_by(|a, b| a.sentence == b.sentence) {
            let (Some(first), Some(last)) = (sentence.first(), sentence.last()) else {
                continue;
            };
            let found = |intent, span| Found {
                intent,
                span,
                sentence: (first.span.0, last.span.1),
            };
            if let Some(span) = one_time_code(source, sentence) {
                return Some(found(MessageIntent::Otp, span));
            }
            if let Some(span) = delivery_notice(sentence) {
                return Some(found(MessageIntent::Delivery, span));
            }
        }
    }
    // A fraud alert often asks its question in the sentence after the amount.
    fraud_alert(source, &words).map(|(span, intent)| Found {
        intent,
        span,
        sentence: sentence_around(source, span.0, span.1),
    })
}

/// The byte range of the sentence of `source` around `from..to`: from after the previous
/// `.`, `!` or `?` followed by a space, to the next.
pub(super) fn sentence_around(source: &str, from: usize, to: usize) -> (usize, usize) {
    let b = source.as_bytes();
    let end_of_sentence = |i: usize| {
        matches!(b.get(i), Some(b'.' | b'!' | b'?'))
            && b.get(i + 1).is_none_or(|c| c.is_ascii_whitespace())
    };
    let start = (0..from.min(b.len()))
        .rev()
        .find(|&i| end_of_sentence(i))
        .map_or(0, |i| i + 1);
    let end = (to.min(b.len())..b.len())
        .find(|&i| end_of_sentence(i))
        .map_or(b.len(), |i| i + 1);
    (start, end)
}

fn words<'a>(source: &str, normal: &'a Normalized) -> Vec<Word<'a>> {
    let text = normal.text.as_str();
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut sentence = 0;
    for (start, word) in text
        .split(' ')
        .scan(0usize, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
    {
        let span = normal.source_range(start, start + word.len());
        if !out.is_empty() && super::model::starts_sentence(source, span.0, false) {
            sentence += 1;
        }
        out.push(Word {
            text: word,
            span,
            sentence,
            flags: if word == "#" { 0 } else { flags(word) },
        });
    }
    out
}

/// Whether a word is one of `list`; an entry ending in `*` is a stem.
fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|entry| match entry.strip_suffix('*') {
        Some(stem) => word.starts_with(stem),
        None => word == *entry,
    })
}

/// Where a run of words (`on its way`) starts in the sentence.
fn phrase_at(words: &[Word<'_>], phrase: &[&str]) -> Option<usize> {
    (0..words.len()).find(|&i| {
        phrase.len() <= words.len() - i
            && phrase
                .iter()
                .zip(&words[i..])
                .all(|(p, w)| is_one_of(w.text, &[p]))
    })
}

fn join(a: (usize, usize), b: (usize, usize)) -> (usize, usize) {
    (a.0.min(b.0), a.1.max(b.1))
}

const CODE_WORDS: [&str; 14] = [
    "code",
    "codes",
    "passcode",
    "verification",
    "verificacion",
    "codigo",
    "pin",
    "otp",
    "token",
    "codigos",
    "clave",
    "nip",
    "contrasena",
    "password",
];

fn one_time_code(source: &str, words: &[Word<'_>]) -> Option<(usize, usize)> {
    let noun = words.iter().find(|w| w.flags & CODE_WORD != 0)?;
    let code = words.iter().find(|w| {
        w.text == "#"
            && number_type(source, w.span.0, w.span.1) == "t:code"
            && !source
                .get(w.span.0..w.span.1)
                .and_then(|n| n.parse::<u32>().ok())
                .is_some_and(|n| (1990..=2039).contains(&n))
    })?;
    Some(join(noun.span, code.span))
}

const RECOGNIZE: [&str; 20] = [
    "recogniz*",
    "reconoc*",
    "authoriz*",
    "unauthoriz*",
    "autoriz*",
    "recognis*",
    "fraud*",
    "fraude*",
    "unfamiliar",
    "unknown",
    "desconocid*",
    "make",
    "attempt",
    "hiciste",
    "hizo",
    "realizaste",
    "realizo",
    "unusual",
    "inusual",
    "inusuales",
];

const WAS_IT_YOU: [&[&str]; 15] = [
    &["was", "this", "you"],
    &["is", "this", "you"],
    &["was", "it", "you"],
    &["this", "was", "you"],
    &["it", "was", "you"],
    &["wasnt", "you"],
    &["fuiste", "tu"],
    &["fue", "usted"],
    &["lo", "hizo", "usted"],
    &["suspicious"],
    &["not", "you"],
    &["no", "fuiste"],
    &["no", "fue", "usted"],
    &["didnt", "make", "this"],
    &["no", "hizo", "este"],
];

const MONEY_EVENT: [&str; 14] = [
    "charge*",
    "purchase*",
    "transaction*",
    "withdrawal*",
    "transfer*",
    "payment*",
    "cargo*",
    "compra*",
    "transacci*",
    "retiro*",
    "transferencia*",
    "pago*",
    "debit*",
    "wire",
];

const CARD: [&str; 6] = ["card", "cards", "tarjeta", "tarjetas", "account", "cuenta"];

const BLOCKED: [&str; 31] = [
    "sospechos*",
    "blocked",
    "locked",
    "frozen",
    "paused",
    "suspended",
    "limited",
    "restricted",
    "disabled",
    "declined",
    "compromised",
    "limitamos",
    "limitada",
    "limitado",
    "restringimos",
    "restringida",
    "restringido",
    "pausamos",
    "pausada",
    "rechazamos",
    "rechazada",
    "rechazado",
    "comprometida",
    "bloqueo",
    "bloqueamos",
    "bloqueada",
    "bloqueado",
    "congelamos",
    "congelada",
    "suspendimos",
    "suspendida",
];

/// What a security alert is about when it names no amount: a sign-in, a device, a password or
/// the account's contact details changing.
const ACCESS: [&str; 12] = [
    "signed",
    "login*",
    "logged",
    "device*",
    "password",
    "sesion",
    "dispositivo*",
    "contrasena",
    "inicio",
    "inicia*",
    "changed",
    "cambi*",
];

fn fraud_alert(source: &str, words: &[Word<'_>]) -> Option<((usize, usize), MessageIntent)> {
    let amount = words
        .iter()
        .find(|w| w.text == "#" && number_type(source, w.span.0, w.span.1) == "t:money");
    if let Some(amount) = amount {
        // "make" and "attempt" count only as "did you make", "did you attempt"; "did you
        // spend" asks of a money event in its one verb.
        let did_you = |i: usize| i >= 2 && words[i - 2].text == "did" && words[i - 1].text == "you";
        let asked = words.iter().enumerate().find(|&(i, w)| {
            w.flags & RECOGNIZES != 0 && (!matches!(w.text, "make" | "attempt") || did_you(i))
                || w.text == "spend" && did_you(i)
        });
        let event = words.iter().any(|w| w.flags & MONEY != 0)
            || asked.is_some_and(|(_, w)| w.text == "spend");
        if let Some((_, asked)) = asked.filter(|_| event) {
            return Some((join(asked.span, amount.span), MessageIntent::Fraud));
        }
        if let Some(i) = WAS_IT_YOU.iter().find_map(|p| phrase_at(words, p)) {
            return Some((join(words[i].span, amount.span), MessageIntent::Fraud));
        }
    }
    // "Not you?" after a sign-in, a new device or a changed password: a security alert.
    if let Some(access) = words.iter().find(|w| w.flags & ACCESSES != 0)
        && let Some(i) = WAS_IT_YOU.iter().find_map(|p| phrase_at(words, p))
    {
        return Some((join(words[i].span, access.span), MessageIntent::Security));
    }
    let card = words.iter().find(|w| w.flags & CARDS != 0)?;
    let blocked = words.iter().find(|w| w.flags & BLOCKS != 0)?;
    Some((join(card.span, blocked.span), MessageIntent::Fraud))
}

const OWN: [&str; 5] = ["your", "tu", "tus", "su", "sus"];

const ITEM: [&str; 30] = [
    "order",
    "orders",
    "orden",
    "ordenes",
    "box",
    "envios",
    "mercancia",
    "package",
    "packages",
    "parcel",
    "shipment",
    "item",
    "items",
    "delivery",
    "driver",
    "shopper",
    "courier",
    "pedido",
    "pedidos",
    "paquete",
    "paquetes",
    "envio",
    "articulo",
    "articulos",
    "mandado",
    "groceries",
    "compra",
    "entrega",
    "repartidor",
    "conductor",
];

const HAPPENED: [&[&str]; 61] = [
    &["ship*"],
    &["ready"],
    &["away"],
    &["replaced"],
    &["held"],
    &["listo"],
    &["lista"],
    &["recogido"],
    &["llego"],
    &["retenido"],
    &["retraso"],
    &["delivered"],
    &["out", "for", "delivery"],
    &["on", "its", "way"],
    &["on", "the", "way"],
    &["heading", "your", "way"],
    &["arriv*"],
    &["will", "arrive"],
    &["left", "our"],
    &["picked", "up"],
    &["ready", "for", "pickup"],
    &["ready", "for", "pick", "up"],
    &["in", "transit"],
    &["tracking"],
    &["track", "it"],
    &["enviado"],
    &["enviada"],
    &["entregado"],
    &["entregada"],
    &["en", "camino"],
    &["en", "ruta"],
    &["en", "reparto"],
    &["llegara"],
    &["llega"],
    &["salio"],
    // The Spanish verb "salir" of a parcel, not the English "sale".
    &["sale", "hoy"],
    &["sale", "manana"],
    &["saldra"],
    &["listo", "para", "recoger"],
    &["lista", "para", "recoger"],
    &["rastrea*"],
    &["delayed"],
    &["attempted"],
    &["returned"],
    &["rescheduled"],
    &["dropped", "off"],
    &["left", "at"],
    &["being", "prepared"],
    &["backordered"],
    &["retrasado"],
    &["retrasada"],
    &["demorado"],
    &["despachado"],
    &["despachada"],
    &["surtido"],
    &["entregamos"],
    &["dejamos"],
    &["recoger"],
    &["reprogramad*"],
    &["en", "transito"],
    &["intentamos", "entregar"],
];

fn delivery_notice(words: &[Word<'_>]) -> Option<(usize, usize)> {
    let item = words.iter().enumerate().find(|&(i, w)| {
        w.flags & ITEMS != 0
            && ((1..=4).any(|back| i >= back && words[i - back].flags & OWNS != 0)
                || words.get(i + 1).is_some_and(|next| next.text == "#"))
    })?;
    let happened = match words.iter().position(|w| w.flags & HAPPENS != 0) {
        Some(at) => at,
        None if words.iter().any(|w| w.flags & HAPPEN_START != 0) => HAPPENED
            .iter()
            .filter(|p| p.len() > 1)
            .find_map(|p| phrase_at(words, p))?,
        None => return None,
    };
    Some(join(item.1.span, words[happened].span))
}

/// Words of a price benefit: a discount, a sale, a deal, a bonus, something free.
const OFFER: [&str; 36] = [
    "off",
    "discount*",
    "descuento*",
    "sale",
    "deal",
    "deals",
    "oferta",
    "ofertas",
    "promo",
    "promos",
    "promotion",
    "promocion*",
    "save",
    "ahorra",
    "ahorre",
    "ahorras",
    "rebaja*",
    "markdown*",
    "clearance",
    "liquidacion",
    "bonus",
    "bono",
    "free",
    "gratis",
    "gratuit*",
    "bogo",
    "half",
    "mitad",
    "only",
    "solo",
    "just",
    "from",
    "desde",
    "extra",
    "double",
    "doble",
];

/// Words that ask the recipient to buy, book, claim or hurry: imperatives and urgency.
const CALL: [&str; 58] = [
    "shop",
    "buy",
    "grab",
    "try",
    "claim",
    "redeem",
    "upgrade",
    "subscribe",
    "hurry",
    "miss",
    "ends",
    "limited",
    "supplies",
    "stock",
    "treat",
    "yours",
    "refinance",
    "switch",
    "apply",
    "enroll",
    "unlock",
    "snag",
    "score",
    "book",
    "order",
    "add",
    "get",
    "start",
    "compra",
    "compre",
    "ordena",
    "pide",
    "pida",
    "reserva",
    "reserve",
    "consigue",
    "consiga",
    "aprovecha",
    "aproveche",
    "agrega",
    "agregue",
    "reclama",
    "reclame",
    "canjea",
    "mejora",
    "suscribete",
    "apurate",
    "pierdas",
    "pierda",
    "termina",
    "agotar",
    "pruebalo",
    "prueba",
    "obten",
    "obtenga",
    "llevate",
    "recibe",
    "gana",
];

/// Words of an invitation.
const INVITE: [&str; 16] = [
    "invite*",
    "invita*",
    "join",
    "unete",
    "acompan*",
    "rsvp",
    "register",
    "registrate",
    "registrese",
    "inscribete",
    "inscribase",
    "attend",
    "asiste",
    "celebrate",
    "celebra",
    "meet",
];

/// Gatherings that an invitation is to.
const GATHERING: [&str; 28] = [
    "seminar*",
    "webinar*",
    "workshop*",
    "taller*",
    "festival*",
    "fair",
    "feria",
    "party",
    "fiesta",
    "celebration",
    "celebracion",
    "tasting",
    "degustacion",
    "concert*",
    "concierto",
    "gala",
    "fundraiser",
    "meetup",
    "open",
    "puertas",
    "night",
    "noche",
    "brunch",
    "mixer",
    "expo",
    "tour",
    "charla",
    "conferencia",
];

/// When: days, and words of a near time.
const DAY: [&str; 22] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "lunes",
    "martes",
    "miercoles",
    "jueves",
    "viernes",
    "sabado",
    "domingo",
    "tonight",
    "weekend",
    "tomorrow",
    "manana",
    "hoy",
    "today",
    "noche",
    "semana",
];

/// The verbs of an offer to add something to what was bought, at the head of a clause ("Add a
/// protection plan for $19.99", "agregue proteccion de telas por $79") or after "te" or "le"
/// ("te agregamos papas grandes por $1 mas").
const UPSELL: [&str; 10] = [
    "add",
    "upgrade",
    "agrega",
    "agregue",
    "agregale",
    "agregamos",
    "anade",
    "anada",
    "sumale",
    "suma",
];

/// An offer added to a message about something else: in a sentence outside `outside`, a verb
/// of [`UPSELL`] at the head of a clause (or after "te", "le") and an amount of money after it
/// in the same sentence ("Your order #5521 is confirmed. Add a 2-year protection plan for
/// $19.99"). The sentence of a code, a fraud alert or a delivery is `outside`: what it says of
/// its own order ("add $5 to reach free shipping" in a cart) is left to the rest of the rules.
pub(super) fn upsell(source: &str, normal: &Normalized, outside: (usize, usize)) -> Option<Found> {
    // Most messages hold no such verb: they skip the reading of the words.
    if !normal.text.split(' ').any(|w| UPSELL.contains(&w)) {
        return None;
    }
    let words = words(source, normal);
    let head = |i: usize| {
        let w = &words[i];
        i == 0
            || words[i - 1].sentence != w.sentence
            || matches!(words[i - 1].text, "te" | "le")
            || source
                .get(..w.span.0)
                .and_then(|before| before.trim_end().chars().next_back())
                .is_some_and(|c| matches!(c, ',' | ':' | ';'))
    };
    let (i, verb) = words.iter().enumerate().find(|&(i, w)| {
        (w.span.1 <= outside.0 || w.span.0 >= outside.1) && UPSELL.contains(&w.text) && head(i)
    })?;
    let amount = words[i + 1..]
        .iter()
        .take_while(|w| w.sentence == verb.sentence)
        .find(|w| w.text == "#" && number_type(source, w.span.0, w.span.1) == "t:money")?;
    Some(Found {
        intent: MessageIntent::Marketing,
        span: join(verb.span, amount.span),
        sentence: sentence_around(source, verb.span.0, amount.span.1),
    })
}

/// A promotion or an invitation as a general pattern: a price benefit and a call to buy, or
/// an invitation and a gathering or a day.
pub(super) fn promotion(source: &str, normal: &Normalized) -> Option<Found> {
    let words = words(source, normal);
    let any = words.iter().fold(0, |bits, w| bits | w.flags);
    let whole = |span| Found {
        intent: MessageIntent::Marketing,
        span,
        sentence: (0, source.len()),
    };
    let money =
        |w: &Word<'_>| w.text == "#" && number_type(source, w.span.0, w.span.1) == "t:money";
    if any & OFFERS != 0 || words.iter().any(|w| w.text == "%") {
        // A price benefit: "20% off", "$10 off", "half price", "free trial", "only $9",
        // "desde $99", "extra points", "descuento", "2x1".
        let offer = words.iter().enumerate().find(|&(i, w)| {
            let next = |k: usize| words.get(i + k).map_or("", |w| w.text);
            let prev = |k: usize| if i >= k { words[i - k].text } else { "" };
            match w.text {
                "%" => true,
                "off" => prev(1) == "#" || matches!(prev(1), "price" | "half"),
                "only" | "solo" | "just" | "from" | "desde" => {
                    next(1) == "$" || words.get(i + 1).is_some_and(money)
                }
                "half" | "mitad" => matches!(next(1), "price" | "off" | "de"),
                "extra" | "double" | "doble" => {
                    matches!(next(1), "points" | "puntos" | "de" | "stars")
                        || matches!(prev(1), "puntos" | "points")
                }
                _ => w.flags & OFFERS != 0,
            }
        });
        let call = words.iter().enumerate().find(|&(i, w)| {
            let first = i == 0 || words[i - 1].sentence != w.sentence;
            let next = |k: usize| words.get(i + k).map_or("", |w| w.text);
            w.flags & CALLS != 0
                && match w.text {
                    // Common verbs that only call to buy at the head of a sentence, or with
                    // "now", "today", "online".
                    "book" | "order" | "add" | "get" | "start" | "try" | "buy" | "prueba"
                    | "recibe" | "gana" => {
                        first || matches!(next(1), "now" | "today" | "online" | "ahora" | "hoy")
                    }
                    "miss" => i > 0 && matches!(words[i - 1].text, "dont" | "never"),
                    "pierdas" | "pierda" => {
                        i > 0 && matches!(words[i - 1].text, "te" | "se" | "lo")
                    }
                    "limited" => next(1) == "time",
                    "supplies" => next(1) == "last",
                    "stock" => next(1) == "up",
                    "yours" => i > 0 && matches!(words[i - 1].text, "get" | "grab" | "claim"),
                    "agotar" => true,
                    _ => true,
                }
        });
        if let (Some((_, offer)), Some((_, call))) = (offer, call) {
            return Some(whole(join(offer.span, call.span)));
        }
    }
    if any & INVITES != 0 {
        // "Join link" is where a booked session is held, not an invitation.
        let invite = words.iter().enumerate().find(|&(i, w)| {
            w.flags & INVITES != 0 && words.get(i + 1).is_none_or(|n| n.text != "link")
        });
        let (_, invite) = invite?;
        let when = words.iter().find(|w| {
            w.flags & (DAYS | GATHERINGS) != 0
                || (w.text == "#"
                    && matches!(number_type(source, w.span.0, w.span.1), "t:time" | "t:date"))
        })?;
        return Some(Found {
            intent: MessageIntent::Events,
            ..whole(join(invite.span, when.span))
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Option<MessageIntent> {
        never_wait(text, &Normalized::new(text)).map(|f| f.intent)
    }

    #[test]
    fn the_three_kinds() {
        for (text, intent) in [
            ("Your Acme sign-in code: 482913", MessageIntent::Otp),
            ("Tu clave es 7731. Vence en 5 minutos.", MessageIntent::Otp),
            (
                "Did you make a $250.00 purchase at STORE 12?",
                MessageIntent::Fraud,
            ),
            (
                "¿Reconoces un cargo de $89.00? Responde SI o NO.",
                MessageIntent::Fraud,
            ),
            (
                "We locked your card after 3 failed attempts.",
                MessageIntent::Fraud,
            ),
            ("Your Amazon order has shipped.", MessageIntent::Delivery),
            (
                "Su paquete llegará mañana entre 2 y 6 pm.",
                MessageIntent::Delivery,
            ),
            ("Order #4412 is out for delivery.", MessageIntent::Delivery),
            // Wordings of the lexicon's kinds that it does not hold.
            ("Your verification: 736104", MessageIntent::Otp),
            (
                "We've restricted your account after a payment we couldn't verify.",
                MessageIntent::Fraud,
            ),
            (
                "Rechazamos un cargo de $1,290.00 en su tarjeta terminada en 3381.",
                MessageIntent::Fraud,
            ),
            (
                "Was a $50.00 payment to an unknown recipient yours? Reply Y or N.",
                MessageIntent::Fraud,
            ),
            (
                "A new device signed in to your account. Not you? Call us.",
                MessageIntent::Security,
            ),
            (
                "Your HelloFresh box was delayed by weather.",
                MessageIntent::Delivery,
            ),
            (
                "Intentamos entregar tu paquete hoy.",
                MessageIntent::Delivery,
            ),
            ("Tu orden #44129 fue despachada.", MessageIntent::Delivery),
        ] {
            assert_eq!(found(text), Some(intent), "{text}");
        }
    }

    fn promoted(text: &str) -> Option<MessageIntent> {
        promotion(text, &Normalized::new(text)).map(|f| f.intent)
    }

    #[test]
    fn promotions_and_invitations() {
        for (text, intent) in [
            ("Take 20% off sitewide. Shop now!", MessageIntent::Marketing),
            (
                "Try Premium free for 1 month. Cancel anytime. Claim it today.",
                MessageIntent::Marketing,
            ),
            (
                "Add a dessert for only $1 when you show this text!",
                MessageIntent::Marketing,
            ),
            (
                "Ofertas de verano: hasta 40% de descuento. ¡Aprovecha!",
                MessageIntent::Marketing,
            ),
            (
                "Join us for a free budgeting workshop Tuesday at 6 pm.",
                MessageIntent::Events,
            ),
            (
                "Te invitamos a nuestra feria de salud el sábado.",
                MessageIntent::Events,
            ),
        ] {
            assert_eq!(promoted(text), Some(intent), "{text}");
        }
    }

    #[test]
    fn not_promotions() {
        for text in [
            "Your order has shipped. Track it at acme.co/t/4412",
            // A free replacement is a remedy, not an offer; "Buy" is a brand's word.
            "Best Buy: we're sorry your order is late. We're sending a free replacement cable.",
            "Your tutoring session is at 4:30 today. Join link: zoom.us/j/88311",
            "Your bill of $82.10 is due 6/2. Pay at acme.com/pay",
            "Late cancel within 12 hrs = $15 fee. See you Thursday!",
            "Your appointment is Tuesday at 3 pm. Reply C to confirm.",
        ] {
            assert_eq!(promoted(text), None, "{text}");
        }
    }

    #[test]
    fn near_misses() {
        for text in [
            "Use code SAVE20 for 20% off",
            "Promo code 2026 gets you in free",
            "Order tonight and get free delivery over $20",
            "Call 555-0102 to book your code review",
            "Lock in your rate today: $199 a month",
            "Recognize a great deal when you see one: $5 lattes",
            "Our orders ship fast. Shop now.",
            "Protect yourself from fraud: ID monitoring for $9.99 a month",
            "Not you? Update your preferences at acme.com",
            "Only 2 left at this price. Grab yours!",
        ] {
            assert_eq!(found(text), None, "{text}");
        }
    }
}
