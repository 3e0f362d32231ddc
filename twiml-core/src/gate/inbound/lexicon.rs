//! The reader's words, English and Spanish: keywords, the words that may ride along with a
//! keyword, word classes, and the phrase patterns of revocations, opt-ins, requests for help
//! and the near misses that veto them. Data, kept apart from the matching, so that a reviewer
//! can extend a list without reading code.
//!
//! How words are written (the reply is read the same way before matching): lower case,
//! Spanish without accents (`mas`, `numero`), apostrophes dropped (`dont`, `whos`), letters
//! repeated three times or more written once (`stooop` reads as `stop`).
//!
//! # Patterns
//!
//! A pattern is a sequence of atoms, separated by spaces, matched against the words of one
//! clause of the reply (clauses end at `.`, `!`, `?`, `;` and line breaks):
//!
//! - `word`: that word; `word*`: a word that starts with `word`;
//! - `@class`: any member of a class of [`CLASSES`] (a member may be several words);
//! - `a|b|@c`: any of the alternatives;
//! - `atom?`: the atom, or nothing;
//! - `..N`: up to N words of any kind (1 to 9);
//! - `^` and `$`: the start and the end of the clause.

use super::{Action, Language, ReadingKind, Scope};

/// A keyword: a reply that is this word (or these words) alone takes its action.
pub(crate) struct Keyword {
    /// The words, as read (`opt out`).
    pub(crate) words: &'static str,
    /// What it asks for.
    pub(crate) action: Action,
    /// For an opt-out: this sender, or all of the business's senders.
    pub(crate) scope: Scope,
    /// Its language.
    pub(crate) language: Language,
    /// One of Twilio's default keywords, which Twilio handles itself on long codes and
    /// toll-free numbers.
    pub(crate) twilio_default: bool,
    /// A word the FCC's 2024 revocation order names as a revocation per se (47 CFR
    /// 64.1200(a)(10)), or its Spanish counterpart.
    pub(crate) per_se: bool,
    /// Whether misspellings of it count (opt-outs only: opt-ins are read strictly).
    pub(crate) typos: bool,
}

const fn k(
    words: &'static str,
    action: Action,
    scope: Scope,
    language: Language,
    twilio_default: bool,
    per_se: bool,
) -> Keyword {
    Keyword {
        words,
        action,
        scope,
        language,
        twilio_default,
        per_se,
        typos: matches!(action, Action::OptOut),
    }
}

use Action::{Help, OptIn, OptOut};
use Language::{En, Es};
use Scope::{All, Sender};

/// Every keyword. Twilio's defaults (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE,
/// OPTOUT; START, YES, UNSTOP; HELP, INFO), the FCC's per se words ("opt out" with a space,
/// which Twilio's list does not match), and the Spanish counterparts a sender adds through
/// Advanced Opt-Out.
pub(crate) static KEYWORDS: &[Keyword] = &[
    // Opt-out, English.
    k("stop", OptOut, Sender, En, true, true),
    k("stopall", OptOut, All, En, true, true),
    k("stop all", OptOut, All, En, false, true),
    k("unsubscribe", OptOut, Sender, En, true, true),
    k("unsubscribe all", OptOut, All, En, false, true),
    k("cancel", OptOut, Sender, En, true, true),
    k("cancel all", OptOut, All, En, false, true),
    k("end", OptOut, Sender, En, true, true),
    k("quit", OptOut, Sender, En, true, true),
    k("revoke", OptOut, Sender, En, true, true),
    k("optout", OptOut, Sender, En, true, true),
    k("opt out", OptOut, Sender, En, false, true),
    k("opt me out", OptOut, Sender, En, false, true),
    k("remove", OptOut, Sender, En, false, false),
    k("remove me", OptOut, Sender, En, false, false),
    k("stop texting", OptOut, Sender, En, false, true),
    k("stop messaging", OptOut, Sender, En, false, true),
    k("no more", OptOut, Sender, En, false, false),
    k("enough", OptOut, Sender, En, false, false),
    // Opt-out, Spanish.
    k("parar", OptOut, Sender, Es, false, true),
    k("para", OptOut, Sender, Es, false, true),
    k("paren", OptOut, Sender, Es, false, true),
    k("pare", OptOut, Sender, Es, false, true),
    k("alto", OptOut, Sender, Es, false, true),
    k("detener", OptOut, Sender, Es, false, true),
    k("detengan", OptOut, Sender, Es, false, true),
    k("cancelar", OptOut, Sender, Es, false, true),
    k("cancelar todo", OptOut, All, Es, false, true),
    k("cancelar suscripcion", OptOut, Sender, Es, false, true),
    k("baja", OptOut, Sender, Es, false, true),
    k("dar de baja", OptOut, Sender, Es, false, true),
    k("darme de baja", OptOut, Sender, Es, false, true),
    k("denme de baja", OptOut, Sender, Es, false, true),
    k("deme de baja", OptOut, Sender, Es, false, true),
    k("no mas", OptOut, Sender, Es, false, true),
    k("salir", OptOut, Sender, Es, false, true),
    k("salirme", OptOut, Sender, Es, false, true),
    k("fin", OptOut, Sender, Es, false, true),
    k("revocar", OptOut, Sender, Es, false, true),
    k("ya no", OptOut, Sender, Es, false, false),
    k("ya basta", OptOut, Sender, Es, false, false),
    k("basta", OptOut, Sender, Es, false, false),
    // Opt-in.
    k("start", OptIn, Sender, En, true, false),
    k("unstop", OptIn, Sender, En, true, false),
    k("yes", OptIn, Sender, En, true, false),
    k("start again", OptIn, Sender, En, false, false),
    k("subscribe", OptIn, Sender, En, false, false),
    k("resubscribe", OptIn, Sender, En, false, false),
    k("opt in", OptIn, Sender, En, false, false),
    k("optin", OptIn, Sender, En, false, false),
    k("comenzar", OptIn, Sender, Es, false, false),
    k("comenzar de nuevo", OptIn, Sender, Es, false, false),
    k("empezar", OptIn, Sender, Es, false, false),
    k("inicio", OptIn, Sender, Es, false, false),
    k("iniciar", OptIn, Sender, Es, false, false),
    k("si", OptIn, Sender, Es, false, false),
    k("alta", OptIn, Sender, Es, false, false),
    k("suscribirme", OptIn, Sender, Es, false, false),
    // Help.
    k("help", Help, Sender, En, true, false),
    k("info", Help, Sender, En, true, false),
    k("ayuda", Help, Sender, Es, false, false),
    k("informacion", Help, Sender, Es, false, false),
];

/// Words that may ride along with a keyword without changing what it asks: courtesy,
/// urgency, thanks, and the pronoun of "unsubscribe me". `STOP please`, `Ya paren`, `Alto.
/// Gracias` are the keyword.
pub(crate) static RIDERS: &[&str] = &[
    // English.
    "please",
    "pls",
    "plz",
    "pleas",
    "thanks",
    "thank you",
    "thx",
    "ty",
    "tnx",
    "now",
    "right now",
    "asap",
    "immediately",
    "already",
    "me",
    "it",
    "sir",
    "maam",
    "again",
    "u",
    "you",
    // Spanish.
    "por favor",
    "porfa",
    "porfavor",
    "favor",
    "gracias",
    "muchas gracias",
    "ya",
    "ahora",
    "ahorita",
    "ya mismo",
    "inmediatamente",
    "de nuevo",
    "otra vez",
];

/// Words that a keyword must not be mistaken for when it is misspelt: real words one letter
/// away from a keyword.
pub(crate) static NOT_TYPOS: &[&str] = &[
    "stoop", "step", "shop", "stow", "spot", "post", "quiet", "quite", "suit", "cancer", "candel",
    "revoked", "alot", "atlo", "parra", "pagar", "paras", "parer", "sali", "salio", "salia",
    "salie", "final", "fino", "send", "bend", "lend", "tend", "mend", "and", "fine", "find",
];

/// The word classes patterns name as `@class`. A member may be several words, and may end in
/// `*` to match any ending.
pub(crate) static CLASSES: &[(&str, &[&str])] = &[
    // --- English -----------------------------------------------------------------------
    (
        "stop",
        &[
            "stop",
            "stopp*",
            "quit",
            "cease",
            "end",
            "cancel",
            "halt",
            "discontinue",
            "enough",
        ],
    ),
    (
        // What a sender does that a reply asks to stop, as a gerund.
        "sending",
        &[
            "texting",
            "txting",
            "messaging",
            "sending",
            "contacting",
            "calling",
            "emailing",
            "bothering",
            "spamming",
            "harassing",
            "pestering",
            "blowing up",
            "hitting up",
            "hitting me up",
        ],
    ),
    (
        // The same, as an infinitive or imperative.
        "send",
        &[
            "text",
            "txt",
            "message",
            "msg",
            "send",
            "contact",
            "call",
            "email",
            "bother",
            "spam",
            "harass",
            "hit me up",
        ],
    ),
    (
        // Who receives: the person replying, or their phone.
        "me",
        &[
            "me",
            "us",
            "my phone",
            "my number",
            "my cell",
            "this number",
            "this phone",
            "my family",
            "him",
            "her",
            "them",
        ],
    ),
    (
        // What a sender sends.
        "msgs",
        &[
            "text*",
            "txt*",
            "msg*",
            "message*",
            "sms",
            "alert*",
            "notification*",
            "reminder*",
            "promo*",
            "offer*",
            "deal*",
            "ad",
            "ads",
            "advert*",
            "marketing",
            "spam",
            "communication*",
            "update*",
            "newsletter*",
            "these",
            "those",
            "them",
            "this",
            "it",
            "all",
            "everything",
            "anything",
        ],
    ),
    (
        // Where a number is kept.
        "list",
        &[
            "list",
            "lists",
            "mailing list",
            "contact list",
            "texting list",
            "text list",
            "sms list",
            "system",
            "database",
            "records",
            "contacts",
            "file",
            "files",
            "registry",
            "program",
            "everything",
            "all",
        ],
    ),
    (
        "my number",
        &[
            "me",
            "my number",
            "my phone number",
            "my cell number",
            "my cell",
            "my #",
            "my info",
            "my information",
            "my contact",
            "this number",
            "this phone number",
            "this #",
            "us",
        ],
    ),
    (
        "remove",
        &["remove", "take", "delete", "erase", "drop", "unlist"],
    ),
    ("lose", &["lose", "delete", "erase", "forget", "remove"]),
    (
        "not",
        &[
            "dont", "do not", "don t", "never", "no", "doesnt", "does not", "cant", "can not",
            "cannot", "stop", "quit",
        ],
    ),
    (
        "want",
        &[
            "want",
            "wish",
            "like",
            "need",
            "care",
            "consent",
            "agree",
            "feel like",
        ],
    ),
    (
        "receive",
        &["receive", "get", "getting", "receiving", "be sent", "hear"],
    ),
    // A time or a day: what a limit on when to text names.
    (
        "time",
        &[
            "#",
            "noon",
            "midnight",
            "morning",
            "mornings",
            "night",
            "nights",
            "weekend*",
            "sunday*",
            "saturday*",
            "monday*",
            "tuesday*",
            "wednesday*",
            "thursday*",
            "friday*",
            "work",
            "dark",
        ],
    ),
    // --- Spanish -----------------------------------------------------------------------
    (
        "parar",
        &[
            "parar",
            "paren",
            "pare",
            "paran",
            "detener",
            "detengan",
            "detenga",
            "cancelar",
            "cancelen",
            "cancele",
            "cancela",
            "suspender",
            "suspendan",
            "quitar",
        ],
    ),
    (
        // Sending, with the person as its object or not: what "dejen de ..." stops.
        "mandar",
        &[
            "mandarme",
            "mandarnos",
            "enviarme",
            "enviarnos",
            "escribirme",
            "escribirnos",
            "textearme",
            "textear",
            "llamarme",
            "contactarme",
            "molestar",
            "molestarme",
            "fastidiar",
            "acosar",
            "acosarme",
            "spamear",
        ],
    ),
    (
        // The plain verbs, whose object follows.
        "mandar verbo",
        &[
            "mandar",
            "enviar",
            "escribir",
            "textear",
            "llamar",
            "contactar",
        ],
    ),
    (
        // What one asks a sender not to do to them: "no me manden", "ya no me escriban".
        "manden",
        &[
            "manden",
            "mande",
            "mandan",
            "mandes",
            "envien",
            "envie",
            "envian",
            "escriban",
            "escriba",
            "escriben",
            "escribas",
            "texteen",
            "textee",
            "llamen",
            "llame",
            "contacten",
            "contacte",
            "molesten",
            "moleste",
            "lleguen",
            "llegue",
            "llegan",
            "vuelvan a",
            "vuelva a",
            "sigan",
            "siga",
        ],
    ),
    (
        "mensajes",
        &[
            "mensaje*",
            "msj*",
            "mjs",
            "sms",
            "texto*",
            "text*",
            "alerta*",
            "notificacion*",
            "recordatorio*",
            "promocion*",
            "promo*",
            "oferta*",
            "publicidad",
            "anuncio*",
            "propaganda",
            "spam",
            "comunicacion*",
            "esto",
            "eso",
            "estos",
            "esos",
            "nada",
            "cosas",
            "todo",
            "mas",
        ],
    ),
    (
        "quiten",
        &[
            "quiten",
            "quite",
            "quitar",
            "quitenme",
            "quiteme",
            "borren",
            "borre",
            "borrar",
            "borrenme",
            "borreme",
            "eliminen",
            "elimine",
            "eliminar",
            "eliminara",
            "eliminaran",
            "eliminenme",
            "elimineme",
            "saquen",
            "saque",
            "sacar",
            "saquenme",
            "saqueme",
            "retiren",
            "retirenme",
        ],
    ),
    (
        "mi numero",
        &[
            "mi numero",
            "mi telefono",
            "mi celular",
            "mi cel",
            "este numero",
            "mis datos",
            "mi contacto",
        ],
    ),
    (
        "lista",
        &[
            "lista",
            "listas",
            "sistema",
            "base de datos",
            "registro*",
            "contactos",
            "programa",
            "todo",
            "todas",
        ],
    ),
    (
        "de baja",
        &[
            "dar de baja",
            "darme de baja",
            "darse de baja",
            "denme de baja",
            "deme de baja",
            "me doy de baja",
            "doy de baja",
            "me den de baja",
            "me de de baja",
        ],
    ),
    (
        "querer",
        &["quiero", "deseo", "quisiera", "queremos", "necesito"],
    ),
    (
        "recibir",
        &["recibir", "recibiendo", "que me lleguen", "que me manden"],
    ),
    (
        "hora",
        &[
            "#",
            "mediodia",
            "medianoche",
            "manana",
            "noche",
            "fin de semana",
            "domingo*",
            "sabado*",
            "lunes",
            "martes",
            "miercoles",
            "jueves",
            "viernes",
        ],
    ),
];

/// What a pattern stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Effect {
    /// A revocation, of this kind.
    OptOut(ReadingKind),
    /// A request for the messages again.
    OptIn,
    /// A question about the program: who is texting, why, what it costs.
    Help,
    /// A near miss: cancels every opt-out or opt-in match that overlaps it.
    Veto,
    /// A limit (when or how often), not a revocation: cancels every opt-out match in its
    /// clause.
    Limit,
    /// The opt-out covers every sender of the business.
    All,
}

/// One phrase pattern.
pub(crate) struct Phrase {
    pub(crate) pattern: &'static str,
    pub(crate) effect: Effect,
    pub(crate) language: Language,
}

const fn p(pattern: &'static str, effect: Effect, language: Language) -> Phrase {
    Phrase {
        pattern,
        effect,
        language,
    }
}

const REVOKES: Effect = Effect::OptOut(ReadingKind::FreeText);
const WRONG: Effect = Effect::OptOut(ReadingKind::WrongNumber);
const ASKS: Effect = Effect::OptOut(ReadingKind::Question);
use Effect::{All as ALL, Help as HELP, Limit, OptIn as OPT_IN, Veto};

/// Every phrase pattern.
pub(crate) static PHRASES: &[Phrase] = &[
    // --- Revocations in free text, English ------------------------------------------------
    p("@stop @sending @me", REVOKES, En),
    p("@stop @sending", REVOKES, En),
    p(
        "@stop the|these|those|your|ur|all|any|this|my|sending|with ..2 @msgs",
        REVOKES,
        En,
    ),
    p("@stop @msgs $", REVOKES, En),
    p("@stop @receive ..3 @msgs", REVOKES, En),
    p("@stop @receive $", REVOKES, En),
    p("@not @send @me", REVOKES, En),
    p("@not @send ..3 @msgs", REVOKES, En),
    p("@not want ..1 @msgs", REVOKES, En),
    p("@not @want ..1 to @receive", REVOKES, En),
    p("@not @want ..1 @msgs", REVOKES, En),
    p("no longer @want to", REVOKES, En),
    p("no longer @receive", REVOKES, En),
    p("@not @send anything|any ..3 more", REVOKES, En),
    p("no more @msgs", REVOKES, En),
    p("no more ..1 from you", REVOKES, En),
    p("@remove @my number $", REVOKES, En),
    p("@remove @my number off|from ..3 @list", REVOKES, En),
    p("@remove @my number off|from ..3 @msgs", REVOKES, En),
    p("get me off", REVOKES, En),
    p("@lose my|this number", REVOKES, En),
    p("leave me alone", REVOKES, En),
    p("unsubscribe @my number? $", REVOKES, En),
    p("unsubscribe @my number? from ..3 @msgs", REVOKES, En),
    p("unsubscribe @my number? from ..3 @list", REVOKES, En),
    p("opt|opted me? out $", REVOKES, En),
    p("opt|opted me? out of ..3 @msgs", REVOKES, En),
    p("opt|opted me? out of ..3 @list", REVOKES, En),
    p("revoke|withdraw|rescind|cancel ..2 consent", REVOKES, En),
    p("make @msgs stop", ASKS, En),
    p("how ..4 @stop|unsubscribe|unsub|opt", ASKS, En),
    p("how ..3 off ..2 @list", ASKS, En),
    p("never @send @me", REVOKES, En),
    p("@stop it $", REVOKES, En),
    p("i didnt sign up|subscribe|opt", REVOKES, En),
    p("i never signed|subscribed|opted|asked", REVOKES, En),
    p("wrong number|person|#|guy|girl|lady|man", WRONG, En),
    p("not @my number? the right person|number", WRONG, En),
    p("you have|got the wrong", WRONG, En),
    p("this is not|isnt ..2 number", WRONG, En),
    // --- Revocations in free text, Spanish ------------------------------------------------
    p("@parar ..2 @mensajes", REVOKES, Es),
    p("@parar @mensajes $", REVOKES, Es),
    p("dejen|deje|dejar|dejes|dejan de @mandar", REVOKES, Es),
    p(
        "dejen|deje|dejar|dejes|dejan de @mandar verbo ..2 @mensajes",
        REVOKES,
        Es,
    ),
    p("no me @manden", REVOKES, Es),
    p("ya no me @manden", REVOKES, Es),
    p("no @manden ..2 @mensajes", REVOKES, Es),
    p("no @mandar verbo ..1 @mensajes", REVOKES, Es),
    p("ya no @querer ..2 @mensajes", REVOKES, Es),
    p("ya no @querer @recibir", REVOKES, Es),
    p("no @querer @recibir", REVOKES, Es),
    p("no @querer que me @manden", REVOKES, Es),
    p(
        "no @querer que me contacten|escriban|manden|llamen",
        REVOKES,
        Es,
    ),
    p("no @querer ..2 @mensajes $", REVOKES, Es),
    p("no mas @mensajes", REVOKES, Es),
    p("ni un @mensajes mas", REVOKES, Es),
    p("@quiten @mi numero", REVOKES, Es),
    p(
        "quitenme|quiteme|borrenme|borreme|eliminenme|elimineme|saquenme|saqueme|retirenme $",
        REVOKES,
        Es,
    ),
    p(
        "quitenme|quiteme|borrenme|borreme|eliminenme|elimineme|saquenme|saqueme|retirenme de ..2 @lista",
        REVOKES,
        Es,
    ),
    p("@de baja $", REVOKES, Es),
    p("@de baja de ..2 @mensajes", REVOKES, Es),
    p("@de baja de ..2 @lista", REVOKES, Es),
    p("@querer @de baja $", REVOKES, Es),
    p(
        "cancelar|cancelen|cancele|cancela ..1 suscripcion*",
        REVOKES,
        Es,
    ),
    p("revoco|revocar|retiro ..2 consentimiento", REVOKES, Es),
    p("como ..4 @de baja", ASKS, Es),
    p("como ..4 no me @manden", ASKS, Es),
    p("nunca me inscribi|suscribi|registre", REVOKES, Es),
    p("numero equivocado", WRONG, Es),
    p(
        "equivocaron|equivocado|equivocada|equivoco de numero|persona",
        WRONG,
        Es,
    ),
    p("no soy ..1 persona", WRONG, Es),
    // --- Near misses: the same words aimed elsewhere ----------------------------------
    p("@not @stop", Veto, En),
    p(
        "stop|stopping|stopped|stops by|at|in|on|off|for|over|light|sign|at|#",
        Veto,
        En,
    ),
    p("bus|pit|next|last|first|one|truck|rest|full stop", Veto, En),
    p("non stop", Veto, En),
    p(
        "opt out form|sheet|slip|list|option|link|button|date|deadline",
        Veto,
        En,
    ),
    p(
        "@receive ..2 off|from ..2 waitlist|waiting|autopay|statements|paper|mail",
        Veto,
        En,
    ),
    p(
        "off|from ..2 waitlist|waiting|autopay|statement*|paper|mail|email",
        Veto,
        En,
    ),
    p("no @parar", Veto, Es),
    p("lista de espera", Veto, Es),
    p(
        "@de baja de|del ..1 trabajo|plan|seguro|servicio|gimnasio|membresia|cuenta|tarjeta|pedido|orden|cita|hospital|escuela|empleo",
        Veto,
        Es,
    ),
    p("@de baja el|la|los|las|mi", Veto, Es),
    p("no de los @mensajes", Veto, Es),
    p(
        "no me @manden el|la|los|las|al|a ..1 tecnico|paquete|pedido|factura|cuenta|recibo|carta|correo",
        Veto,
        Es,
    ),
    // --- Limits: when, not whether --------------------------------------------------------
    p("before|after|until|till|past|between @time", Limit, En),
    p("at|during @time", Limit, En),
    p("on @time", Limit, En),
    p("antes de|despues de|hasta ..1 @hora", Limit, Es),
    p("antes|despues de las|la", Limit, Es),
    p("en la|las|el @hora", Limit, Es),
    p("los domingo*|sabado*|fines", Limit, Es),
    p("de noche|madrugada", Limit, Es),
    // --- Opt-ins in free text ---------------------------------------------------------------
    p("sign|put|add|signed me back", OPT_IN, En),
    p("back on ..2 list", OPT_IN, En),
    p("resubscribe|resub|re subscribe", OPT_IN, En),
    p("subscribe me", OPT_IN, En),
    p("opt|opt me|opted in $", OPT_IN, En),
    p("opt me in", OPT_IN, En),
    p("@receive ..4 again|back", OPT_IN, En),
    p("@send me again", OPT_IN, En),
    p("start @sending me", OPT_IN, En),
    p("turn ..2 back on", OPT_IN, En),
    p("volver a @recibir", OPT_IN, Es),
    p("vuelvan a mandarme|enviarme|escribirme", OPT_IN, Es),
    p(
        "agreguenme|agregueme|anotenme|anoteme|inscribanme|inscribame|suscribanme|suscribame",
        OPT_IN,
        Es,
    ),
    p("@recibir ..3 otra|de vez|nuevo", OPT_IN, Es),
    p("suscribirme|resuscribirme|inscribirme", OPT_IN, Es),
    p("darme|denme|deme|dar de alta", OPT_IN, Es),
    // --- Questions about the program (the HELP answer) ------------------------------------
    p("^ who|whos is? this|dis $", HELP, En),
    p("^ who is|s texting|messaging|this", HELP, En),
    p("^ who are you", HELP, En),
    p("^ what|whats is|are? this|these|that @msgs? $", HELP, En),
    p("^ what company|business", HELP, En),
    p("^ how often", HELP, En),
    p(
        "^ how many ..2 @msgs|texts|messages ..4 get|send|receive",
        HELP,
        En,
    ),
    p("how did you get my number", HELP, En),
    p("why am i getting|receiving", HELP, En),
    p("why are you texting|messaging", HELP, En),
    p("msg|message|messaging|text|data rates", HELP, En),
    p("^ quien es|habla|escribe|manda|eres|son $", HELP, Es),
    p("^ quien me escribe|manda|habla", HELP, Es),
    p("^ que es esto|eso $", HELP, Es),
    p("^ de que son|es ..1 @mensajes", HELP, Es),
    p("^ que empresa", HELP, Es),
    p("cuanto cuesta|cuestan|cobran ..2 @mensajes", HELP, Es),
    p(
        "como consiguieron|obtuvieron|tienen|sacaron mi numero",
        HELP,
        Es,
    ),
    p("por que me llegan|mandan|escriben", HELP, Es),
    p("cada cuanto", HELP, Es),
    // --- Every sender of the business -----------------------------------------------------
    p("all|every|any of? your|ur|the? @list", ALL, En),
    p(
        "all|every|any of? your|ur|the? number|numbers|account*|channel*|companies|brands",
        ALL,
        En,
    ),
    p("all @msgs", ALL, En),
    p("all of them|you", ALL, En),
    p("from everything|everyone|anything", ALL, En),
    p("unsubscribe|remove me from everything|all", ALL, En),
    p("stopall|unsubscribeall", ALL, En),
    p(
        "todo|todos|todas los|las|sus ..1 numeros|listas|mensajes|canales|programas|medios",
        ALL,
        Es,
    ),
    p("de todo|todos $", ALL, Es),
    p("cancelar|cancelen|cancela todo", ALL, Es),
    p(
        "ningun|ninguno|ninguna numero|medio|lista|canal|forma",
        ALL,
        Es,
    ),
    p("ni @mensajes ni @mensajes", ALL, Es),
];

/// Words that say a reply is Spanish when nothing else does.
pub(crate) static SPANISH_CUES: &[&str] = &[
    "no", "mas", "que", "de", "la", "el", "los", "las", "mi", "me", "por", "favor", "gracias",
    "ya", "quiero", "mensajes", "numero", "es", "esto", "para", "con", "su", "sus", "una", "un",
    "hola", "si", "usted", "ustedes",
];

/// Words that say a reply is English when nothing else does.
pub(crate) static ENGLISH_CUES: &[&str] = &[
    "the", "you", "i", "my", "me", "is", "this", "please", "thanks", "to", "a", "your", "and",
    "of", "it", "no", "not", "what", "who", "hi", "hello", "ok",
];
