//! The questions the rules ask of a transcript, asked of one string: each detector tested on
//! its own. Offsets are byte offsets into the string given.

use std::ops::Range;

use super::{Match, bytes};
use crate::rules::text::{CardAsk, Concept, Forbidden, Transcript, is_toll_free};

/// A telephone number found by [`phone_numbers`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneMatch {
    /// The digits of the number as written (a leading country code `1` is kept). For a vanity
    /// number only the digits actually written, e.g. `1800` for `1-800-FLOWERS`.
    pub digits: String,
    /// The area code is toll-free (800, 833, 844, 855, 866, 877, 888).
    pub toll_free: bool,
    /// The area code is pay-per-call (900, 976), which is not an acceptable call-back number.
    pub premium: bool,
    /// Offset of the first byte of the number.
    pub start: usize,
    /// Offset one past the last byte of the number.
    pub end: usize,
}

/// What kind of payment-data request [`card_request`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardCue {
    /// A request for card data (number, expiry, security code).
    Card(Match),
    /// Only the last four digits of a card are asked for: verification, not full PAN capture.
    LastFour(Match),
    /// A bank-account (ACH) data request and no card cue.
    Ach(Match),
}

/// The two parts of the FDCPA mini-Miranda disclosure, each located if present (catalog §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MiniMiranda {
    /// "This is an attempt to collect a debt."
    pub attempt_to_collect: Option<Match>,
    /// "Any information obtained will be used for that purpose."
    pub information_use: Option<Match>,
}

/// Forbidden or restricted message categories (S.H.A.F.T. plus carrier additions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShaftCategory {
    /// Sexual or adult content.
    Sex,
    /// Hate speech.
    Hate,
    /// Alcohol.
    Alcohol,
    /// Firearms and ammunition.
    Firearms,
    /// Tobacco and nicotine products other than vapes.
    Tobacco,
    /// Vapes and e-cigarettes.
    Vaping,
    /// Cannabis, CBD and kratom.
    Cannabis,
    /// Gambling, sweepstakes and raffles.
    Gambling,
    /// Payday loans, crypto, debt relief and similar high-risk financial services.
    HighRiskFinance,
}

/// Forbidden-category content found by [`forbidden_content`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShaftMatch {
    /// The category the matched words belong to.
    pub category: ShaftCategory,
    /// Offset of the first byte of the match.
    pub start: usize,
    /// Offset one past the last byte of the match.
    pub end: usize,
}

/// The first of `found`, as bytes.
fn first_of(t: &Transcript, found: impl IntoIterator<Item = Range<u32>>) -> Option<Match> {
    found
        .into_iter()
        .min_by_key(|r| (r.start, std::cmp::Reverse(r.end)))
        .map(|r| bytes(t, r))
}

/// Sentence byte ranges, as a listener hears them: sentences end at `.`, `!`, `?` and `;`, but
/// not inside `$49.99`, `bit.ly` or `a.i.`, nor after `Mr.` or `Sra.`. Ranges exclude the
/// terminator and surrounding whitespace.
pub fn sentences(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let t = Transcript::of_text(text);
    let ranges: Vec<Range<usize>> = t
        .sentences()
        .iter()
        .filter_map(|s| {
            let mut end = s.end;
            while end > s.start
                && t.kind(end - 1) == crate::rules::text::Kind::Symbol
                && matches!(t.word(end - 1), "." | "!" | "?" | ";")
            {
                end -= 1;
            }
            (end > s.start).then(|| {
                let m = bytes(&t, s.start..end);
                m.start..m.end
            })
        })
        .collect();
    ranges.into_iter()
}

/// D-ID: the first occurrence of any of `names` in `text`, compared word by word, punctuation
/// aside: a voice reads "Acme Widgets, Inc." and "Acme Widgets Inc" alike, a trailing legal
/// suffix may be left out, and "Acme" does not match "acmes".
pub fn business_name(text: &str, names: &[String]) -> Option<Match> {
    let t = Transcript::of_text(text);
    first_of(&t, t.names(names))
}

/// D-ID cue phrases: "this is", "calling from", "on behalf of", "le llama", "de parte de", ...
/// A cue alone does not identify a business; rules use it only as support.
pub fn identity_cue(text: &str) -> Option<Match> {
    let t = Transcript::of_text(text);
    first_of(&t, t.hits_of(Concept::IdentityCue))
}

/// D-REC: a recording or monitoring notice: a capture verb said of this call ("this call may
/// be recorded", "we record our calls", "grabamos esta llamada"), not denied ("this call is not
/// recorded") and not about another call ("your previous call was recorded").
pub fn recording_notice(text: &str) -> Option<Match> {
    let t = Transcript::of_text(text);
    first_of(&t, t.notices())
}

/// D-AI: the speaker says it is an AI, virtual or automated agent, a bot or a robot, or that
/// it is not a person; not a denial ("No, I'm not a robot").
pub fn ai_disclosure(text: &str) -> Option<Match> {
    let t = Transcript::of_text(text);
    let all = 0..t.len();
    first_of(&t, t.ai_disclosures(all))
}

/// D-OPTOUT-VOICE: an automated opt-out instruction: a key to press or a word to say and what
/// it does ("press 9 to be removed", "to stop these calls, say stop", "oprima 9 para no recibir
/// más llamadas").
pub fn optout_voice(text: &str) -> Option<Match> {
    let t = Transcript::of_text(text);
    first_of(&t, t.opt_outs().into_iter().map(|o| o.tokens))
}

/// REC005 message cues: "leave a message", "after the beep", "déjenos su recado", "después
/// del tono", not denied and not pointing elsewhere.
pub fn voicemail_cue(text: &str) -> Option<Match> {
    let t = Transcript::of_text(text);
    first_of(&t, t.message_cues())
}

/// D-PHONE: North American telephone numbers however a script says them: `+1 (800)
/// 555-0100`, `8 0 0, 5 5 5, 0 1 0 0`, "six one seven, five five five, oh one three three",
/// "uno, ochocientos, cinco cinco cinco, cero uno dos cuatro", `1-800-FLOWERS`. Numbers that a
/// label calls something else ("confirmation number") are left out. Every match, in text
/// order.
pub fn phone_numbers(text: &str) -> Vec<PhoneMatch> {
    let t = Transcript::of_text(text);
    t.phones()
        .into_iter()
        .map(|p| {
            let m = bytes(&t, p.tokens.clone());
            PhoneMatch {
                toll_free: is_toll_free(&p.digits),
                premium: p.premium(),
                digits: p.said,
                start: m.start,
                end: m.end,
            }
        })
        .collect()
}

/// D-CARD: a request for payment data: a request verb whose object is card data ("enter your
/// card number", "read me the digits on your card", "dígame el código de seguridad"), the last
/// four digits of a card, or bank data. A key to press ("to pay by card, press 1"), a denied
/// request, a texted code and a card that pays nothing (gift, insurance, member) are none.
pub fn card_request(text: &str) -> Option<CardCue> {
    let t = Transcript::of_text(text);
    let (tokens, ask) = t.card_asks().into_iter().next()?;
    let m = bytes(&t, tokens);
    Some(match ask {
        CardAsk::Card => CardCue::Card(m),
        CardAsk::LastFour => CardCue::LastFour(m),
        CardAsk::Bank => CardCue::Ach(m),
    })
}

/// CVV literal: three or four digits (together or one by one) within a few words after a CVV
/// cue ("cvv 123", "security code 7 3 9", "código de seguridad 417"). The match covers the cue
/// and the digits.
pub fn cvv_literal(text: &str) -> Option<Match> {
    let t = Transcript::of_text(text);
    first_of(&t, t.security_codes())
}

/// D-DEBT: a mention of the debt in any words ("past due", "a 612 dollar balance", "placed
/// with our office for collection", "cuenta morosa"), including amounts of money. "We owe you a
/// call" is none.
pub fn debt_content(text: &str) -> Option<Match> {
    let t = Transcript::of_text(text);
    first_of(&t, t.debt_mentions(&[]))
}

/// D-MM: the two halves of the mini-Miranda, each located independently, in any wording. The
/// disclosure is complete only when both are present.
pub fn mini_miranda(text: &str) -> MiniMiranda {
    let t = Transcript::of_text(text);
    MiniMiranda {
        attempt_to_collect: first_of(&t, t.collection_attempts()),
        information_use: first_of(&t, t.information_uses()),
    }
}

/// D-DC: a statement that the caller is a debt collector ("this call is from a debt
/// collector", "we are a debt collector", "somos una agencia de cobranza").
pub fn debt_collector_statement(text: &str) -> Option<Match> {
    let t = Transcript::of_text(text);
    first_of(&t, t.collector_statements(&[]))
}

/// D-THREAT: threats of arrest, jail, suit, garnishment, repossession, the authorities, or a
/// false claim of a crime, in English and Spanish; not denied ("no one is going to arrest
/// you") and not everyday phrases ("sin embargo"). A review cue, not a verdict: such statements
/// are lawful when true and intended.
pub fn threat(text: &str) -> Option<Match> {
    let t = Transcript::of_text(text);
    first_of(&t, t.threats(&[]))
}

/// DEBT003 reply requests: "please call us back", "give us a call back", "you can reach me
/// at", "favor de regresar la llamada", "comuníquese conmigo".
pub fn reply_request(text: &str) -> Option<Match> {
    let t = Transcript::of_text(text);
    first_of(&t, t.reply_requests())
}

/// D-OPTOUT-INSTR: an SMS opt-out instruction ("reply STOP", "text END to stop receiving
/// these messages", "STOP to opt out", "responda ALTO", "mande BAJA").
pub fn sms_optout_instruction(text: &str) -> Option<Match> {
    let t = Transcript::of_text(text);
    first_of(&t, t.sms_opt_outs())
}

/// D-SHAFT (MSG006): forbidden-category content, the first match with its category; everyday
/// phrases ("glue gun", "root beer", "jugo puro") are none.
pub fn forbidden_content(text: &str) -> Option<ShaftMatch> {
    let t = Transcript::of_text(text);
    let (tokens, category) = t.forbidden(0..t.len())?;
    let m = bytes(&t, tokens);
    Some(ShaftMatch {
        category: match category {
            Forbidden::Sex => ShaftCategory::Sex,
            Forbidden::Hate => ShaftCategory::Hate,
            Forbidden::Alcohol => ShaftCategory::Alcohol,
            Forbidden::Firearms => ShaftCategory::Firearms,
            Forbidden::Tobacco => ShaftCategory::Tobacco,
            Forbidden::Vaping => ShaftCategory::Vaping,
            Forbidden::Cannabis => ShaftCategory::Cannabis,
            Forbidden::Gambling => ShaftCategory::Gambling,
            Forbidden::Finance => ShaftCategory::HighRiskFinance,
        },
        start: m.start,
        end: m.end,
    })
}
