//! The concept lexicons: what words mean to the rules, in English and Spanish. Data only; the
//! rules ask questions about concepts (a request verb and a card-data object in one clause),
//! never about fixed sentences.
//!
//! How an entry is written:
//!
//! - Words as a person writes them; accents and case do not matter (`número` and `numero`
//!   are one entry), because entries are normalised like the text they are matched against.
//! - `{a,b,c}` stands for each alternative in turn, an empty one included: `record{,s,ed,ing}`
//!   is `record`, `records`, `recorded`, `recording`. Several groups multiply.
//! - Words are whole tokens. A trailing `*` lets the last word go on (`alzheimer*` matches
//!   `alzheimers`); a leading `*` lets the first word start earlier (`*pril` matches
//!   `lisinopril`). Use them sparingly, with a veto for the everyday words they catch. An entry
//!   with a `*` is one word, open at one end only (the build stops and names any other).
//! - Hyphenated words are separate words (`past-due` is `past due`); `a.i.` keeps its dots.
//!
//! The build script compiles these entries into the matcher's tables (`build.rs`), and every
//! entry of every concept is found in one pass over the tokens of a document (`matcher.rs`).
//! Tests check that each concept has entries, that no entry is empty after expansion, that the
//! braces are balanced, and that every form is found with its concept.

macro_rules! lexicon {
    ($( $(#[$doc:meta])* $name:ident: [$($phrase:literal),* $(,)?] )*) => {
        /// A concept of the lexicon.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub(crate) enum Concept {
            $( $(#[$doc])* $name, )*
        }

        impl Concept {
            /// Every concept, in declaration order.
            pub(crate) const ALL: &'static [Concept] = &[$(Concept::$name),*];
        }

        /// Every concept with its entries.
        pub(crate) static LEXICON: &[(Concept, &[&str])] = &[$((Concept::$name, &[$($phrase),*])),*];
    };
}

lexicon! {
    // ========================================================================================
    // Shared
    // ========================================================================================

    /// Words that deny what follows them in their clause.
    Negation: [
        "not", "no", "never", "neither", "nor", "no one", "nobody", "nothing", "none",
        "don't", "doesn't", "didn't", "won't", "wouldn't", "can't", "cannot", "couldn't",
        "isn't", "aren't", "wasn't", "weren't", "shouldn't", "haven't", "hasn't",
        "dont", "wont", "cant", "isnt", "arent",
        "prohibit{,s,ed}", "forbid{,s,den}", "without",
        "nunca", "jamas", "nadie", "nada", "ni", "tampoco", "ninguno", "ninguna",
        "prohib{e,en,ido,ida}", "sin",
    ]

    /// Greetings and thanks that may open a call before anything is said.
    Greeting: [
        "hello", "hi", "hey", "hiya", "greetings", "good {morning,afternoon,evening,day}",
        "dear", "welcome", "thanks", "thank you", "thank you for {calling,holding,waiting}",
        "howdy", "{hi,hello,hey} there", "sorry {we,i} missed you", "sorry to have missed you",
        "sorry we couldn't reach you", "hope you're {well,doing well}", "hope you are {well,doing well}",
        "how are you", "how are you today", "how are you doing", "how are you doing today",
        "how's it going", "how's your day",
        "hola", "buen{os,as} {dias,tardes,noches}", "buen dia", "saludos", "estimad{o,a,os,as}",
        "bienvenid{o,a,os,as}", "gracias", "que tal", "alo", "bueno",
        "{disculpe,perdone} la molestia", "espero que {se encuentre,este,estes} bien",
        "como esta", "como estas", "como esta usted", "como le va", "como te va", "como ha estado",
        "buenas", "muy buenas", "que onda", "quiubo", "que hubo", "que tal todo", "como estan",
        "what's up", "whats up", "como se encuentra{,n}", "perdon por la molestia",
        "disculpa la molestia", "disculpe que le moleste", "disculpa que te moleste",
        "sorry to bother you", "sorry to disturb you", "tenga usted", "tengan ustedes",
        "mucho gusto", "{que,un,es un} {gusto,placer} {saludarle,saludarte,saludarlo,saludarla,saludarles}",
        "espero que {este,estes,se encuentre,te encuentres} muy bien",
        "hope you're having a {great,good,nice,wonderful,lovely} day",
        "hope you are having a {great,good,nice,wonderful,lovely} day",
        "hope your day is going well", "hope all is well", "hope you're doing {great,good,well}",
        // Asking for the callee, which names them: "¿hablo con Rosa?", "is this Dana?"
        "hablo con", "estoy hablando con", "puedo hablar con", "se encuentra", "is this",
        "como {amanecio,amanecieron,amaneciste}", "como le ha ido", "como te ha ido",
        "am i speaking {with,to}", "may i speak {with,to}", "could i speak {with,to}",
        "lamentamos no {encontrarle,encontrarlo,encontrarla,haberle encontrado}",
    ]

    /// Titles before a person's name.
    Title: [
        "mr", "mrs", "ms", "miss", "mister", "dr", "doctor", "sir", "madam", "ma'am",
        "sr", "sra", "srta", "senor", "senora", "senorita", "don", "dona", "doctora", "lic",
        "licenciad{o,a}",
    ]

    /// Words that introduce who is calling.
    IdentityCue: [
        "this is", "it's", "it is", "here", "calling from", "calling on behalf of", "on behalf of",
        "calling for", "a message from", "an important message from", "a reminder from",
        "from all of us at", "brought to you by", "with a message from", "my name is",
        "we are", "we're", "i am", "i'm", "i'm calling from",
        "le llama", "le llamamos de", "le hablamos de", "le habla", "le saluda", "les saluda",
        "habla", "llamamos de", "le llamo de", "de parte de", "en nombre de", "este es un mensaje de",
        "un mensaje de", "un recordatorio de", "soy", "somos", "mi nombre es", "le atiende",
    ]

    /// Determiners and possessives.
    Determiner: [
        "the", "a", "an", "this", "that", "these", "those", "our", "your", "their", "its", "his",
        "her", "all", "all of our", "all our", "every", "some", "any", "my",
        "el", "la", "los", "las", "un", "una", "unos", "unas", "este", "esta", "estos", "estas",
        "ese", "esa", "su", "sus", "nuestro", "nuestra", "nuestros", "nuestras", "todas", "todos",
        "todas las", "todos los", "mi", "mis", "cada",
    ]

    /// Auxiliaries and adverbs that sit between a subject and its verb.
    Auxiliary: [
        "may", "might", "will", "can", "could", "would", "shall", "must", "is", "are", "was",
        "were", "be", "been", "being", "also", "always", "sometimes", "randomly", "often",
        "routinely", "going to", "is going to", "are going to", "get", "gets", "got",
        "ll", "'ll", "'re", "'s", "just",
        "puede", "pueden", "podra", "podran", "podria", "podrian", "sera", "seran", "es", "son",
        "esta", "estan", "siendo", "ser", "va a", "van a", "va a ser", "van a ser", "tambien",
        "siempre", "fue", "fueron", "se", "queda", "quedan", "quedara", "quedaran", "quedo",
        "sea", "sean", "objeto de", "sujet{o,a,os,as} a", "subject to", "susceptible{,s} de",
        "estar", "estar siendo",
    ]

    /// Joins two words of the same kind.
    Coordinator: ["and", "or", "and/or", "y", "e", "o", "u", "as well as", "&"]

    /// Digits spoken as words (a key, a digit of a number).
    DigitWord: [
        "zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
        "cero", "uno", "un", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve",
    ]

    /// Keys of a telephone keypad other than digits.
    KeyName: [
        "star", "pound", "hash", "the star key", "the pound key", "pound key", "star key",
        "the pound sign", "pound sign", "asterisco", "gato", "numeral", "la tecla de gato",
        "la tecla numeral", "tecla de numero", "almohadilla", "la tecla asterisco",
    ]

    // ========================================================================================
    // Recording and interception
    // ========================================================================================

    /// Any form of a verb of capturing the audio of a call.
    CaptureVerb: [
        "record{,s,ed,ing}", "monitor{,s,ed,ing}", "transcri{be,bes,bed,bing}",
        "analy{ze,zes,zed,zing,se,ses,sed,sing}", "listened to", "stored", "saved",
        "listen{,s,ed,ing} in", "listen{,s,ed,ing} in on", "escuchad{a,as,o,os}", "grabarse",
        "monitorearse", "transcribirse",
        "grab{a,an,o,amos,ada,adas,ado,ados,ando,ar,ara,aran,aremos,aria,arian,acion,e,en,emos}",
        "monitore{a,an,o,amos,ada,adas,ado,ados,ando,ar,ara,aran,aremos,e,en}", "supervisad{a,o,as,os}",
        "transcri{be,ben,bimos,ta,tas,to,tos,bir,bira,biran,ba,ban}",
        "analiza{,n,mos,da,das,do,dos,r,ra,ran}",
    ]

    /// The active, finite or gerund forms of a capture verb, which can take the call as their
    /// object ("we record our calls", "grabamos esta llamada").
    CaptureActive: [
        "record{,s,ing}", "monitor{,s,ing}", "transcri{be,bes,bing}", "analy{ze,zes,zing,se,ses,sing}",
        "grab{a,an,o,amos,ando,aremos,ara,aran,e,en,emos}", "monitore{a,an,o,amos,ando,aremos,e,en}",
        "transcrib{e,en,imos,a,an}", "analiza{,n,mos}", "listen{,s,ing} in", "listen{,s,ing} in on",
        "grabar", "monitorear", "transcribir", "analizar",
    ]

    /// What a recording notice is about: the call.
    CallNoun: [
        "call{,s}", "phone call{,s}", "conversation{,s}", "line", "session{,s}", "chat",
        "communication{,s}",
        "llamada{,s}", "conversacion{,es}", "linea", "sesion{,es}", "comunicacion{,es}",
    ]

    /// Words that put a call in the past or elsewhere: not the call that is going on.
    OtherCall: [
        "previous", "prior", "earlier", "last", "past", "returning", "another", "other", "recent",
        "yesterday's", "former",
        "return", "returned", "returning your",
        "anterior", "anteriores", "pasada", "pasadas", "previa", "previas", "otra", "otras", "reciente",
        "de ayer", "devolv{er,iendo,emos,imos}", "devolverle", "le devolvemos", "regres{ar,ando,amos}",
        "regresarle", "le regresamos",
        "{del,el} {lunes,martes,miercoles,jueves,viernes,sabado,domingo}",
        "{on,from,last} {monday,tuesday,wednesday,thursday,friday,saturday,sunday}",
        "de la semana pasada", "last week", "del mes pasado", "last month",
    ]

    /// A message left by the caller.
    MessageNoun: [
        "message", "voicemail", "voice mail", "voice message", "brief message", "recado",
        "mensaje", "mensaje de voz", "buzon", "name and number", "your name and number",
        "nombre y numero", "su nombre y numero", "su nombre y telefono", "your name",
        "su nombre", "your response", "su respuesta", "your greeting", "your question",
        "su pregunta", "your comments", "sus comentarios",
    ]

    /// Leaving a message.
    LeaveVerb: [
        "leave", "leaving", "record", "deje", "dejen", "dejenos", "dejeme", "dejar", "deja",
        "dejanos", "grabe", "grabar", "say", "state", "tell us",
    ]

    /// The signal that a recording starts.
    Tone: [
        "after the {tone,beep,signal}", "at the {tone,beep,signal}", "when you hear the {tone,beep}",
        "after you hear the {tone,beep}", "following the {tone,beep}",
        "despues del {tono,pitido,bip}", "despues de la senal", "al {oir,escuchar} el {tono,pitido}",
        "tras el tono", "al sonar el tono", "cuando escuche el tono",
    ]

    /// Places other than this call where a message goes.
    Elsewhere: [
        "portal", "patient portal", "website", "web site", "web page", "online", "app", "email",
        "e-mail", "text us", "our site", "chat",
        "portal de pacientes", "pagina web", "sitio web", "en linea", "aplicacion", "correo",
        "correo electronico", "internet",
    ]

    // ========================================================================================
    // Payment card and bank data
    // ========================================================================================

    /// Verbs that ask the caller to give data: to key, say, read, tell or send it.
    RequestVerb: [
        "enter", "type", "type in", "key", "key in", "punch in", "input", "dial", "press",
        "say", "speak", "read", "read me", "read out", "read off", "tell", "tell me", "tell us",
        "give", "give me", "give us", "provide", "state", "share", "recite", "spell", "leave",
        "confirm", "repeat", "ask", "ask for", "asking for", "need", "needs", "require", "request",
        "collect", "take", "what is", "what's", "may i have", "can i have", "could i have",
        "can i get", "could i get", "send", "text",
        "ingrese", "ingresa", "ingresar", "ingresen", "introduzca", "introduce", "introducir",
        "digite", "digita", "digitar", "marque", "marca", "marcar", "teclee", "teclea", "teclear",
        "presione", "presiona", "presionar", "oprima", "oprime", "oprimir", "pulse", "pulsa",
        "diga", "dinos", "digame", "diganos", "dime", "decir", "escriba", "escribe", "escribir",
        "dicta", "dictanos", "proporciona", "proporcionanos", "comparte", "indica", "indicanos",
        "menciona", "dame", "danos", "confirma", "repite", "lee", "leenos", "deletree", "lea", "leame",
        "leanos", "leer", "dicte", "dictenos", "dictame", "proporcione", "proporcioneme", "proporcionenos",
        "proporcionar", "indique", "indiquenos", "indicar", "deme", "denos", "dar",
        "comparta", "compartir", "mencione", "confirme", "repita", "deje", "dejenos", "dejar",
        "necesito", "necesitamos", "necesitaremos", "pedir", "pedire", "pediremos", "pedimos",
        "pide", "pedira", "solicitar", "solicitamos", "solicitaremos", "cual es", "envie",
        "mande", "tomar", "tomaremos", "me da", "nos da", "me puede dar", "nos puede dar",
    ]

    /// Verbs that ask for a key to be pressed.
    KeyVerb: [
        "press", "push", "dial", "select", "hit", "tap", "choose", "pressing", "dialing",
        "oprima", "oprime", "presione", "presiona", "marque", "marca", "pulse", "pulsa", "teclee",
        "seleccione", "elija", "oprimiendo", "presionando", "marcando", "pulsando",
        "digite", "digita", "digitando", "teclea", "tecleando",
    ]

    /// A payment card, by any name.
    CardNoun: [
        "card{,s}", "visa", "mastercard", "master card", "amex", "american express",
        "discover card", "credit card{,s}", "debit card{,s}", "plastic", "card's", "cards'",
        "tarjeta{,s}", "plastico", "la visa",
    ]

    /// What makes a card a payment card.
    PaymentCard: [
        "credit", "debit", "payment", "bank", "check", "visa", "mastercard", "amex",
        "credito", "debito", "de pago", "bancaria", "de banco",
    ]

    /// Cards that carry no payment data.
    OtherCard: [
        "gift", "gift card", "insurance", "insurance card", "member", "membership", "library",
        "loyalty", "rewards", "reward", "id", "id card", "identification", "health", "medicare",
        "medicaid", "sim", "business", "student", "transit", "report card", "benefits",
        "prescription", "discount", "punch", "key", "access", "birthday", "greeting", "post",
        "de regalo", "del seguro", "de seguro", "de socio", "de miembro", "de identificacion",
        "de identidad", "sim", "de lealtad", "de puntos", "de la biblioteca", "de beneficios",
        "de descuento", "de acceso", "de estudiante", "de transporte", "de cumpleanos",
    ]

    /// The data on a card: its number and digits, its code, its expiry.
    CardData: [
        "number{,s}", "digit{,s}", "the long number", "long number", "code", "security code",
        "verification code", "three digit code", "four digit code", "3 digit code", "4 digit code",
        "sixteen digits", "16 digits", "fifteen digits", "15 digits",
        "expiration", "expiration date", "expiry", "expiry date", "exp date", "expires",
        "expiration month", "expiration month and year", "month and year", "valid thru",
        "valid through", "details", "info", "information",
        "numero{,s}", "digito{,s}", "codigo", "codigo de seguridad", "codigo de verificacion",
        "codigo de tres digitos", "dieciseis digitos", "16 digitos", "fecha de vencimiento",
        "fecha de expiracion", "fecha de caducidad", "fecha en que vence", "vencimiento",
        "mes y ano", "mes y el ano", "el mes y el ano", "ano de {vencimiento,expiracion,caducidad}",
        "mes de {vencimiento,expiracion,caducidad}", "expiracion", "caducidad", "month and the year",
        "expiration year", "expiry month", "datos", "informacion", "security digits",
        "digitos de seguridad", "numeros de seguridad", "numero largo", "el numero largo",
        "numeracion", "numeracion completa",
    ]

    /// Words that tie card data to its card: prepositions, articles, where on the card it is
    /// printed ("the number on the back of your card", "los dígitos que aparecen al frente de
    /// su tarjeta").
    Glue: [
        "on", "of", "from", "at", "in", "across", "along", "for", "printed", "printed on",
        "shown", "shown on", "located", "listed", "written", "embossed", "appearing",
        "that appears", "that appear", "that is", "that are", "found", "the", "your", "its",
        "their", "this", "that", "back", "front", "side", "reverse", "and", "and its",
        "and the", "or", "then", "plus", "along with", "long", "full", "entire", "whole",
        "de", "del", "en", "al", "el", "la", "los", "las", "su", "sus", "tu", "tus", "que", "aparece",
        "aparecen", "viene", "vienen", "impreso", "impresos", "impresa", "se encuentra",
        "se encuentran", "frente", "reverso", "dorso", "parte", "parte de atras",
        "parte trasera", "y", "y la", "y el", "o", "luego", "completo", "completos",
        "vence", "vencen", "caduca", "expira", "expires", "atras", "detras", "behind",
        "esta", "estan", "is", "are", "area",
    ]

    /// Card data named so that no card word is needed.
    CardDataStrong: [
        "cvv", "cvv2", "cvc", "cvc2", "cid", "csc", "cav2", "card number", "card numbers",
        "credit card number", "debit card number", "card no", "card #", "card's number",
        "card expiration", "card's expiration date", "{16,sixteen,15,fifteen} digit number",
        "expiration date", "expiry date", "exp date", "expiration month and year",
        "expiration month", "valid thru", "valid through",
        "{16,dieciseis,15,quince} digitos de la tarjeta",
        "numero de tarjeta", "numero de la tarjeta", "numero de su tarjeta",
    ]

    /// The number of a bank account, which is also payment data.
    BankAccount: [
        "routing number", "routing and account number{,s}", "bank account", "bank account number",
        "checking account", "checking account number", "savings account", "savings account number",
        "account and routing number{,s}", "aba number", "bank routing number",
        "numero de ruta", "cuenta bancaria", "numero de cuenta bancaria", "cuenta de cheques",
        "cuenta de ahorros", "numero de cuenta de banco", "cuenta de banco", "numero de transito",
    ]

    /// A code sent by text message: not card data.
    TextedCode: [
        "text{,ed}", "texted you", "text message", "sms", "sent", "sent to", "we just sent",
        "one time", "one-time", "passcode", "verification",
        "mensaje de texto", "enviamos", "enviado", "le enviamos", "mensaje", "sms",
        "un solo uso", "verificacion",
    ]

    /// Only the last digits of a card: verification, not the card.
    LastFour: [
        "last four", "last 4", "last four digits", "last 4 digits", "ending in", "ends in",
        "ultimos cuatro", "ultimos 4", "ultimos cuatro digitos", "terminada en", "que termina en",
    ]

    /// A card kept by the business: "the card on file".
    OnFile: [
        "on file", "we have on file", "saved card", "stored card", "registrada", "guardada",
        "que tenemos registrada",
    ]

    /// Consent to keep a card for later: keeping it.
    KeepCard: [
        "save", "store", "keep", "remember", "on file", "guardar", "guardaremos", "guardamos",
        "almacenar", "conservar", "archivo", "registrar", "registraremos",
    ]

    /// Consent to keep a card for later: the later use.
    LaterUse: [
        "future", "later", "next time", "recurring", "each month", "every month", "monthly",
        "automatic", "automatically", "autopay", "subscription", "futuro", "futuros", "futuras",
        "proximos", "recurrentes", "cada mes", "mensual", "mensuales", "automatico",
        "automaticos", "suscripcion",
    ]

    /// A card security code named outright (the cue for a literal code next to it).
    SecurityCode: [
        "cvv", "cvv2", "cvc", "cvc2", "cid", "csc", "security code", "card security code",
        "codigo de seguridad",
    ]

    // ========================================================================================
    // Robocalls: identification, numbers, opt-out
    // ========================================================================================

    /// What an automated opt-out does.
    OptOutPurpose: [
        "opt out", "opt-out", "optout", "unsubscribe", "be removed", "removed from", "remove you",
        "remove me", "remove your number", "stop calling", "stop calls", "stop these calls",
        "stop future calls", "stop receiving", "stop getting", "stop all calls",
        "no longer {receive,get}", "no longer wish", "no longer want",
        "not {receive,get} {future,further,more,any more}",
        "do not wish to receive", "don't wish to receive", "do not want to receive",
        "don't want to receive", "don't want these calls", "do not call list", "do-not-call list",
        "do not call", "don't call", "never call", "stop calling you", "us to stop",
        "take you off", "take your number off", "off our list", "our call list",
        "dejar de recibir", "no recibir mas", "no recibir", "darse de baja", "dar de baja", "baja",
        "ser eliminad{o,a}", "ser removid{o,a}", "eliminarlo", "eliminarla", "lo eliminemos",
        "la eliminemos", "lo quitemos", "la quitemos", "quitarlo", "quitarla", "sacarlo",
        "lista de no llamar", "no llamar", "no desea que le volvamos a llamar",
        "ya no desea recibir", "no desea recibir", "no quiere recibir", "dejemos de llamarle",
        "deje de recibir", "dejar de llamarle", "salir de {nuestra,la,esta} lista",
        "sacarle de {nuestra,la} lista", "fuera de {nuestra,la} lista", "off {our,the} list",
        "off {our,the} {call,calling,contact,phone} list", "stop hearing from us",
        "block {our,these,future,further,all} calls", "bloquear {nuestras,estas,futuras} llamadas",
        "don't call me", "do not call me", "no me {llame,llamen,llames,vuelvan a llamar}",
        "ser excluid{o,a}", "excluirlo", "excluirla", "excluirle",
    ]

    /// Being called or contacted, which a negation with "again" or a wish turns into an
    /// opt-out ("we won't call again", "si no desea más llamadas", "para que no le volvamos a
    /// llamar").
    Contacted: [
        "call", "calls", "calling", "call you", "contact", "contact you", "hear from us",
        "hear from", "phone you", "ring you", "saber de nosotros",
        "llamar", "llamarle", "llamarlo", "llamarla", "llamarte", "llamemos", "llamadas",
        "llamada", "contactar", "contactarle", "contactemos", "marquemos",
        "called", "contacted", "llamado", "llamados", "contactad{o,a,os,as}",
        "marcar", "marcarle", "marcarte", "marcarlo", "marcarla", "por telefono", "by phone",
        "over the phone", "llamando", "llamandole", "llamandolo", "llamandola", "contactando",
        "molestar", "molestarle", "molestarlo", "molestarla", "bother you", "disturb you",
    ]

    /// One call back, which declining is not an opt-out ("if you're not interested in a call
    /// back, press 2", "si no le interesa que le devolvamos la llamada").
    CallBack: [
        "call back", "callback", "call you back", "return call", "return your call",
        "a follow up call", "a follow-up call", "follow up call",
        "llamada de regreso", "llamada de vuelta", "llamada de seguimiento",
        "{devolver,devolverle,devolvamos,regresar,regresarle,regresemos} {la,su} llamada",
        "le {devolvamos,regresemos} la llamada",
    ]

    /// Taking someone off a list, or stopping the calls: with the calls or the list it is an
    /// opt-out ("para excluir su número de futuras llamadas", "to take your number off our
    /// list", "para cancelar las llamadas promocionales").
    RemoveVerb: [
        "remove", "removed", "take off", "take you off", "exclude", "excluded", "delete",
        "deleted", "erase", "block",
        "excluir", "excluya", "excluyamos", "excluirle", "excluirlo", "excluirla",
        "quitar", "quitarle", "quitarlo", "quitarla", "quitemos", "quite",
        "eliminar", "eliminarle", "eliminarlo", "eliminarla", "eliminemos", "elimine",
        "sacar", "sacarle", "sacarlo", "sacarla", "saquemos", "borrar", "borrarle", "borremos",
        "retirar", "retirarle", "retiremos", "bloquear",
        "cancel", "cancelar", "cancele", "detener", "detenga", "parar", "suspender",
    ]

    /// A calling list.
    ListNoun: [
        "list", "lists", "database", "call list", "calling list", "contact list",
        "lista", "listas", "base de datos", "registro", "lista de llamadas", "lista de contactos",
    ]

    /// Again, any more: what makes a denied call a request to stop calls.
    Again: [
        "again", "anymore", "any more", "any further", "further", "future", "more",
        "mas", "de nuevo", "otra vez", "nuevamente", "volvamos a", "vuelva a", "volver a",
        "volvamos", "sigamos", "seguir", "another", "otra",
    ]

    /// Now, for the moment: a call denied for now is no opt-out ("if you don't want to take this
    /// call right now", "si no desea recibir esta llamada en este momento").
    Now: [
        "now", "right now", "at the moment", "at this time", "today", "currently", "this time",
        "ahora", "ahorita", "en este momento", "en estos momentos", "por ahora", "por el momento",
        "hoy", "en este instante",
    ]

    /// Wishing or not wishing something (the consumer's choice).
    Volition: [
        "want", "wants", "wish", "would rather", "'d rather", "rather", "prefer", "prefers",
        "desea", "deseas", "quiere", "quieres", "prefiere", "prefieres", "gustaria", "interested",
        "interesa", "interesado", "interesada",
        // Asking for it: "para solicitar que no le llamemos".
        "solicitar", "solicite", "solicitarnos", "pedir", "pida", "pedirnos", "request", "ask us",
    ]

    /// Asking the consumer to call a number (not an automated opt-out).
    CallVerb: [
        "call", "call us", "call back", "phone", "ring", "reach", "contact", "dial",
        "give us a call", "give me a call",
        "llame", "llamenos", "llameme", "llamar", "llamarnos", "comuniquese", "comunicarse",
        "marque", "contacte", "contactenos",
    ]

    /// "Toll free", said of a number.
    TollFree: [
        "toll free", "toll-free", "tollfree", "free of charge", "free number", "free call",
        "numero gratuito", "linea gratuita", "gratuito", "gratis", "sin costo", "libre de cargos",
    ]

    /// Words that say a number is not a telephone number.
    NumberLabel: [
        "confirmation", "tracking", "order", "reference", "account", "policy", "member",
        "case", "claim", "invoice", "ticket", "reservation", "booking", "pin", "code",
        "transaction", "id", "serial", "model", "routing", "prescription", "rx", "extension",
        "ext", "room", "suite", "apartment", "unit", "zip", "zip code",
        "confirmacion", "rastreo", "pedido", "orden", "referencia", "cuenta", "poliza", "socio",
        "caso", "reclamo", "factura", "folio", "reservacion", "reserva", "codigo", "transaccion",
        "receta", "extension", "guia", "codigo postal",
    ]

    /// Hundreds of an area code spoken as one word: "eight hundred", "ochocientos".
    HundredsWord: [
        "eight hundred", "eight eight eight", "eight seven seven", "eight six six",
        "eight five five", "eight four four", "eight three three", "nine hundred",
        "ochocientos", "novecientos",
    ]

    // ========================================================================================
    // AI agents
    // ========================================================================================

    /// What an AI or automated agent is called before (or after) its noun.
    AiModifier: [
        "ai", "a.i.", "a.i", "artificial intelligence", "virtual", "automated", "automatic",
        "digital", "computer", "computer generated", "computerized", "artificial", "synthetic",
        "robotic", "machine", "ai powered", "ai-powered", "ai driven", "generative", "ia",
        "de ia", "de inteligencia artificial", "inteligencia artificial", "con inteligencia artificial",
        "virtual", "automatizad{o,a}", "automatic{o,a}", "digital", "artificial", "sintetica",
        "sintetico", "generada por computadora", "generada por inteligencia artificial",
        "generada por ia", "robotica", "robotico", "ai generated", "ai-generated",
        "generated by ai", "generated by artificial intelligence", "generated with ai",
        "{generad,cread,hech}{a,o} {por,con} {ia,inteligencia artificial,computadora}", "con ia", "con ai",
        "impulsad{o,a} por {ia,inteligencia artificial}", "powered by ai",
        "powered by artificial intelligence",
    ]

    /// What an agent is.
    AgentNoun: [
        "assistant", "agent", "system", "voice", "receptionist", "concierge", "attendant",
        "operator", "representative", "helper", "host", "model", "voice assistant", "agent",
        "asistente", "agente", "sistema", "voz", "recepcionista", "operador{,a}",
        "representante", "ayudante", "anfitrion{,a}", "modelo",
        // An agent named with what it does, the modifier after: "sistema de respuesta
        // automática", "asistente de voz automatizado".
        "sistema de respuesta", "sistema de voz", "sistema de atencion", "asistente de voz",
        "agente de voz", "agente de servicio", "asistente de servicio", "operador de voz",
    ]

    /// Words that are an AI disclosure on their own.
    AiSelf: [
        "bot", "robot", "chatbot", "chat bot", "voicebot", "an ai", "a bot", "a robot",
        "un bot", "un robot", "una ia", "una inteligencia artificial", "software", "a machine",
        "una maquina", "un programa", "a computer program",
        "{answered,handled,run,operated} by {ai,artificial intelligence,an ai,a bot}",
        "{atendida,atendido,manejada,operada} por {ia,una ia,inteligencia artificial,una inteligencia artificial}",
        "{soy,es,habla,le atiende,te atiende} {la ia,la inteligencia artificial}",
        "{i'm,i am,this is} the ai", "{ai,a.i.} here",
        "{nuestra,nuestro} {ia,inteligencia artificial}", "our {ai,a.i.,artificial intelligence}",
    ]

    /// A human being, as a speaker says it is not one.
    HumanNoun: [
        "person", "real person", "live person", "human", "human being", "live agent", "live human",
        "persona", "persona real", "ser humano", "humano", "humana", "persona de verdad",
    ]

    // ========================================================================================
    // Debt collection
    // ========================================================================================

    /// Words that name a debt, an overdue amount or its collection.
    DebtTerm: [
        "debt{,s}", "past due", "overdue", "delinquent", "delinquency", "seriously delinquent",
        "outstanding balance", "unpaid balance", "remaining balance", "balance due",
        "balance owed", "amount due", "amount owed", "amount you owe", "you owe", "owe",
        "owed", "owes", "owing", "in collection{,s}", "for collection", "to collections",
        "collection account", "collections account", "placed with our office",
        "placed with us", "assigned to our office", "referred to our office",
        "charge off", "charged off", "charge-off", "write off", "written off",
        "settle", "settlement", "settle your account", "less than the full amount",
        "full amount", "payment plan", "payment arrangement", "arrears", "in default",
        "defaulted", "default", "unpaid", "outstanding", "behind on", "late payment",
        "missed payment", "haven't received a payment", "have not received a payment",
        "not received your payment", "minimum payment", "your balance", "a balance",
        "the balance", "balance of", "account balance", "judgment", "judgement",
        "deuda{,s}", "adeudo{,s}", "adeuda", "adeudado", "adeudada", "debe", "debes", "deben",
        "usted debe", "saldo", "su saldo", "saldo pendiente", "saldo vencido", "saldo de",
        "pago atrasado", "pago vencido", "pagos atrasados", "atraso", "atrasad{o,a,os,as}",
        "vencid{o,a,os,as}", "vencio", "venció", "moros{o,a,os,as}", "morosidad",
        "cobranza{,s}", "cobro", "para su cobro", "en cobranza", "monto adeudado",
        "monto pendiente", "cantidad adeudada", "liquidar", "liquide", "liquidacion",
        "arreglo{,s} de pago{,s}", "plan{,es} de pago{,s}", "acuerdo{,s} de pago{,s}",
        "convenio{,s} de pago{,s}", "payment agreement{,s}", "repayment plan{,s}",
        "payment arrangement{,s}", "cuota", "cuotas", "impago",
        "impagado", "sin pagar", "balance", "su balance", "incumplimiento", "castigada",
        "cuenta castigada", "asignada a nuestra oficina", "asignada a nuestra agencia",
        "pago pendiente", "pagos pendientes", "pendiente de pago", "en mora", "cargo{,s} por mora",
        "recargo{,s} por mora", "sin cubrir", "no cubiert{o,a,os,as}", "falta de pago",
        "not been paid", "hasn't been paid", "has not been paid", "missed payments", "interes{,es} moratorio{,s}", "days behind", "days late",
        "months behind", "fallen behind", "falling behind", "fell behind", "gotten behind",
        "make a payment", "make your payment", "make the payment", "hacer un pago",
        "hacer su pago", "realizar un pago", "realizar su pago", "efectuar su pago",
        "loan{,s}", "prestamo{,s}", "credito personal", "credito de nomina",
        "compromiso{,s} de pago", "promesa{,s} de pago", "promise to pay", "saldar", "salde",
        "saldarla", "saldarlo", "recuperacion de cartera", "cartera vencida",
    ]

    /// Words of money and amounts.
    MoneyWord: [
        "dollar{,s}", "buck{,s}", "cent{,s}", "usd", "dolar{,es}", "peso{,s}", "centavo{,s}",
    ]

    /// "A debt collector", "a collection agency": what the caller says it is.
    Collector: [
        "debt collector", "debt collection agency", "collection agency", "collections agency",
        "debt collection company", "collection company", "collector",
        "cobrador de deudas", "cobradora de deudas", "cobrador", "cobradora",
        "agencia de cobranza{,s}", "agencia de cobro{,s}", "agencia de cobro de deudas",
        "empresa de cobranza{,s}", "compania de cobranza{,s}", "despacho de cobranza",
    ]

    /// Trying to (the first half of the mini-Miranda).
    Attempt: [
        "attempt", "attempting", "attempts", "trying", "try", "seeking", "seek", "effort",
        "intento", "intentando", "intentamos", "intenta", "tratando", "tratamos", "trata",
        "procurando", "busca", "buscamos",
    ]

    /// To collect.
    Collect: [
        "collect", "collecting", "recover", "cobrar", "cobro", "recuperar", "recaudar",
    ]

    /// The word "debt" itself.
    DebtNoun: ["debt", "debts", "deuda", "deudas", "adeudo"]

    /// Information (the second half of the mini-Miranda).
    Information: ["information", "info", "informacion", "datos", "dato"]

    /// Being used.
    UseVerb: [
        "used", "use", "utilized", "usada", "usado", "usados", "usadas", "utilizada", "utilizado",
        "utilizados", "utilizadas", "usara", "utilizara", "usaremos", "utilizaremos", "usamos",
        "utilizamos", "se usara", "se utilizara", "empleada",
    ]

    /// A purpose.
    Purpose: ["purpose", "purposes", "fin", "fines", "proposito", "propositos", "objetivo", "efecto"]

    /// Threats of arrest, prosecution, suit or seizure.
    Threat: [
        "arrest", "arrested", "arresting", "jail", "prison", "imprison{,ed,ment}", "police",
        "sheriff", "authorities", "criminal", "crime", "criminal offense", "criminal charges",
        "prosecute{,d}", "prosecution", "warrant", "garnish", "garnished", "garnishment",
        "garnishing", "wage garnishment", "seize", "seized", "seizure", "repossess",
        "repossessed", "repossession", "take your {car,house,home,truck,vehicle,property}",
        "sue", "sued", "suing", "file suit", "lawsuit", "legal action", "legal proceedings",
        "court", "take you to court", "judge", "lien", "ruin your credit", "destroy your credit",
        "fraud charges", "deport", "deported", "report you to",
        "arresto", "arrestar", "arrestado", "arrestada", "arrestarlo", "carcel", "prision",
        "policia", "autoridades", "delito", "crimen", "criminal", "penal", "orden de arresto",
        "orden de aprehension", "embargo", "embargar", "embargaremos", "embargado",
        "embargarle", "demanda", "demandar", "demandarle", "demandaremos", "demandarlo",
        "demandarla", "accion legal", "acciones legales", "proceso legal", "procedimiento legal",
        "juicio", "tribunal", "corte", "juez", "le quitaremos",
        "{quitar,quitarle,quitaremos,le quitaremos,quitamos,le quitamos,recoger,recogerle,llevarnos,llevarse,quedarnos con} {su,el,la,sus} {carro,casa,auto,coche,vehiculo,camioneta,troca,moto,motocicleta}",
        "{pick up,tow,take back,tow away} your {car,truck,vehicle}", "embargarle su", "deportar", "deportado",
        "reportaremos a las autoridades", "arruinar su credito", "denuncia{,s} penal{,es}",
        "denuncia en su contra", "denunciar{lo,la,le}", "denunciaremos", "querella", "presentar cargos", "levantar cargos", "press charges",
        "file charges", "criminal complaint", "law enforcement", "legal steps", "legal measures",
        "lose your {house,home,car,truck,job}", "perder su {casa,carro,auto,trabajo}",
        "deductions from your {pay,paycheck,wages}", "descuentos de su {sueldo,salario,nomina}",
        "suspend your {license,driver's license}", "{license,driver's license} suspended",
        "suspender su licencia", "licencia suspendida", "proceder legalmente",
        "{levantara,levantaremos,levantaran,presentaremos,interpondremos,interpondra,pondremos} una denuncia",
        "ministerio publico", "fiscalia", "district attorney", "prosecutor",
        "judg{ment,ement} against you", "sentencia en su contra", "fallo en su contra",
        "peso de la ley", "{full weight,full extent} of the law", "bank levy", "levy",
        "litigation", "litigate", "litigar", "litigio", "via judicial", "via legal", "juzgado",
        "legal remedies", "{start,begin,initiate,commence} proceedings", "remedios legales",
        "recursos legales", "{al,a la,a nuestra,a nuestro} {area,departamento} legal",
        "to {our,the} legal department", "orden de {captura,detencion}",
        "{a,con} {nuestros,los} abogados", "{to,with} {our,an} {attorney,attorneys,lawyer,lawyers}",
        "accion{,es} judicial{,es}", "demanda judicial", "proceso judicial", "instancia{,s} judicial{,es}",
        "boletin{ar,arlo,arla,arle,aremos}", "nunca le {presten,van a prestar,vuelvan a prestar}",
        "never {get,be approved for} credit again",
        "prosecutor's office",
        "{tomar,tomaremos,tomaran} medidas legales",
        "{take,deduct,withhold,dock} {a portion of,part of,money from,money out of,} your {paycheck,paychecks,wages,pay,salary}",
        "{quitarle,descontarle,retenerle,quitaremos,descontaremos,retendremos} {parte de,una parte de,dinero de,} su {sueldo,salario,cheque,nomina,quincena}",
        "descontar de su {sueldo,salario,cheque,nomina,quincena}",
    ]

    /// Taking money out of someone's pay or savings (with [`Concept::Seizable`] a threat of
    /// garnishment or a levy: "le pueden rebajar el cheque", "we'll deduct it from your wages",
    /// "we will freeze your bank account").
    TakeVerb: [
        "take", "taking", "deduct{,ed,ing}", "withh{old,olding,eld}", "dock{,ed,ing}",
        "garnish{,ed,ing}", "intercept",
        "quit{ar,arle,arles,aremos,ara,aran,amos,e,en,an,a}",
        "descont{ar,arle,arles,aremos,ara,aran,amos,ando}", "descuent{a,an,e,en}",
        "rebaj{ar,arle,arles,aremos,ara,aran,amos,ando,e,en,a,an}",
        "reten{er,erle,erles,dremos,dra,dran,emos}", "retien{e,en}", "retenga",
        "embarg{ar,arle,arles,aremos,ara,aran,amos,ue,uen,a,an}",
        "freez{e,ing}", "frozen", "seize", "empty", "drain",
        "congel{ar,arle,arles,aremos,amos,ara,aran}", "vaciar", "vaciarle",
    ]

    /// One's pay, savings, refunds, licence and goods: what a garnishment, a levy, a seizure or
    /// a suspension takes.
    Seizable: [
        "paycheck{,s}", "wage{,s}", "salary", "earnings", "pay check",
        "sueldo{,s}", "salario{,s}", "cheque{,s}", "nomina", "quincena", "pago de nomina",
        "bank account{,s}", "checking account", "savings", "savings account", "tax refund",
        "cuenta{,s} bancaria{,s}", "cuenta de banco", "ahorros", "cuenta de ahorros",
        "reembolso de impuestos", "devolucion de impuestos",
        "license", "driver's license", "licencia", "licencia de conducir", "licencia de manejo",
        "property", "assets", "belongings", "bienes", "propiedad{,es}", "pertenencias",
    ]

    /// Everyday phrases that hold a threat word and threaten nothing.
    ThreatVeto: [
        "sin embargo", "alta demanda", "gran demanda", "mucha demanda", "demanda de llamadas",
        "high demand", "police department", "court reporter", "food court", "tennis court",
        "juicio propio", "a su juicio", "en mi juicio",
    ]

    /// Being represented by a lawyer: a question the collector must ask, not a threat.
    Attorney: [
        "attorney", "attorneys", "lawyer", "lawyers", "abogado", "abogados", "abogada",
        "represented by", "representado por", "representada por", "lo representa", "la representa",
        "le representa",
    ]

    /// Words of a business name that reveal that it collects debts.
    CollectionName: [
        "collect", "collects", "collection{,s}", "collector{,s}", "recovery", "recoveries",
        "recover", "debt{,s}", "credit", "creditor{,s}", "receivable{,s}",
        "cobro{,s}", "cobranza{,s}", "cobradora", "cobrador", "deuda{,s}", "recuperacion",
        "recuperaciones", "credito", "acreedor{,es}",
    ]

    /// Calling for someone else: what comes next names the creditor.
    OnBehalf: [
        "on behalf of", "for our client", "representing", "de parte de", "en nombre de",
        "en representacion de", "por encargo de", "para nuestro cliente", "your account with",
        "su cuenta con", "your balance with", "su saldo con",
        "your {loan,credit,credit account,financing,purchase} {with,from,at}",
        "su {credito,prestamo,financiamiento,compra} {con,de,en}", "su cuenta de", "su cuenta en",
        "your account at", "a nombre de", "su tarjeta {de,con}", "your card {with,from}",
        "por parte de", "representando a", "que representa a", "who represents", "acting for",
        "your {store card,credit card} {with,from}",
    ]

    /// Words that make a name a business's, in any case ("summit health partners llc",
    /// "mueblería la económica", "Comercializadora del Bajío S.A. de C.V."): after a creditor
    /// cue they name the creditor even when nothing is written with a capital.
    CompanyWord: [
        "inc", "llc", "l.l.c.", "corp", "corporation", "co", "company", "ltd", "limited", "lp",
        "llp", "plc", "group", "partners", "associates", "bank", "credit union", "financial",
        "finance", "lending", "loans", "capital", "mortgage", "furniture", "motors", "auto",
        "autos", "store", "stores", "medical center", "hospital", "clinic", "health",
        "healthcare", "wireless", "telecom", "utilities", "jewelers", "electronics",
        "appliances", "outlet", "mart", "department store", "services",
        "s.a.", "sa", "s.a. de c.v.", "sa de cv", "s de rl", "s.a.s.", "sas",
        "s.r.l.", "srl", "c.a.", "cia", "compania", "empresa", "grupo", "banco", "financiera",
        "comercializadora", "distribuidora", "tienda{,s}", "almacen{,es}", "muebleria",
        "muebles", "ferreteria", "zapateria", "joyeria", "optica", "farmacia{,s}", "clinica",
        "hospital", "sanatorio", "laboratorio{,s}", "automotriz", "agencia", "cooperativa",
        "caja popular", "prestamos", "creditos", "hipotecaria", "aseguradora", "telefonia",
        "electrodomesticos", "electronica", "departamental", "servicios", "inmobiliaria",
        "universidad", "colegio", "escuela",
    ]

    /// Pressure that a limited-content message may not carry.
    Urgency: [
        "urgent", "urgently", "important", "immediately", "immediate", "final notice", "last notice",
        "final warning", "avoid", "to avoid", "further action", "consequences", "time sensitive",
        "time-sensitive", "act now", "deadline", "or else",
        "urgente", "importante", "inmediatamente", "de inmediato", "ultimo aviso", "aviso final",
        "evitar", "para evitar", "consecuencias", "acciones adicionales", "medidas",
        "demasiado tarde", "too late", "sin falta", "antes de que sea tarde",
    ]

    /// A request to reply (a limited-content message may hold one).
    ReplyRequest: [
        "call", "call us", "call me", "call back", "call us back", "call me back",
        "give us a call", "give me a call", "return {this,my,our,the} call", "return the call",
        "reach me", "reach us", "reach out", "contact me", "contact us", "get back to {me,us}",
        "phone", "ring us", "please call", "call at",
        "llame", "llamenos", "llameme", "llamarnos", "llamarme", "comuniquese",
        "comunicarse", "comuniquese conmigo", "comuniquese con nosotros",
        "regrese la llamada", "regresenos la llamada", "regresarnos la llamada",
        "regresar la llamada", "devuelva la llamada", "devuelvanos la llamada",
        "devolver la llamada", "favor de llamar", "favor de regresar la llamada",
        "llameme de regreso", "llamenos de regreso", "puede llamarnos", "puede llamarme",
        "marquenos", "contactenos", "contacteme", "devuelvame la llamada", "regreseme la llamada",
        "give {me,us} a ring", "ring me", "get in touch", "reach our office", "return my call",
        "text me back", "text us back", "call our office", "{regrese,devuelva} {mi,nuestra} llamada",
        "llamame", "llamanos", "marcame", "marcanos", "marqueme", "marcarnos", "marcarme",
        "{nos,me} puede {llamar,marcar,contactar}", "{nos,me} puedes {llamar,marcar,contactar}",
        "se puede comunicar", "puede comunicarse", "comunicate", "comunicarte", "comunicarse conmigo",
        "regresame la llamada", "regresanos la llamada", "devuelveme la llamada",
        "devuelvenos la llamada", "hablenos", "hableme", "hablanos", "hablame",
        "devolvernos la llamada", "contactarnos", "contactarme",
        "{me,nos} puede localizar", "{me,nos} puedes localizar", "localizarme", "localizarnos",
        "{nos,me} {podria,podrias,pudiera,pudieras} {llamar,marcar,contactar,regresar la llamada,devolver la llamada}",
        "podria {llamarnos,llamarme,marcarnos,marcarme,comunicarse}",
        "{espero,esperamos} {su,tu} llamada", "{quedo,quedamos} en espera de su llamada",
        "look forward to {your call,hearing from you}", "{could,would,can} you {call,call us,give us a call,call me}",
    ]

    // ========================================================================================
    // Health
    // ========================================================================================

    /// Conditions and diagnoses.
    Condition: [
        "diabet{es,ic}", "prediabetes", "type 2 diabetes", "type 1 diabetes", "cancer{,s}",
        "tumor{,s}", "tumour{,s}", "hepatitis", "autism", "dementia", "alzheimer*", "dialysis",
        "heart failure", "kidney failure", "renal failure", "kidney disease", "heart disease",
        "stroke", "epilep*", "seizure{,s}", "asthma*", "copd", "covid", "covid 19", "covid-19",
        "hypertension", "high blood pressure", "hypotension", "high cholesterol", "arthritis", "osteoporosis", "afib",
        "atrial fibrillation", "migraine{,s}", "pneumonia", "bronchitis", "strep", "strep throat",
        "infection", "urinary tract infection", "uti", "sleep apnea", "apnea", "obesity",
        "thyroid", "hypothyroidism", "hyperthyroidism", "anemia", "glaucoma", "cataract{,s}",
        "psoriasis", "eczema", "lupus", "multiple sclerosis", "parkinson*", "celiac", "crohn*",
        "colitis", "ulcer", "gout", "fracture", "broken", "concussion", "sciatica",
        "high blood sugar", "low blood sugar", "tuberculosis", "flu", "influenza", "shingles",
        "diabetes", "cancer", "quimioterapia", "demencia", "dialisis",
        "insuficiencia {renal,cardiaca}", "asma", "autismo", "epilepsia", "derrame cerebral",
        "accidente cerebrovascular", "tumor{,es}", "hipertension", "presion alta",
        "presion baja", "hipotension", "colesterol alto",
        "artritis", "osteoporosis", "migrana{,s}", "neumonia", "bronquitis", "infeccion",
        "infeccion urinaria", "apnea", "obesidad", "tiroides", "hipotiroidismo", "anemia",
        "glaucoma", "catarata{,s}", "lupus", "esclerosis", "parkinson", "gastritis", "ulcera",
        "gota", "fractura", "azucar alta", "azucar baja", "tuberculosis",
        "gripe", "influenza", "culebrilla", "enfermedad", "padecimiento",
    ]

    /// Conditions in the extra-sensitive sub-lists: HIV and sexually transmitted infections,
    /// reproductive health, mental health, substance use, genetics.
    ConditionSensitive: [
        "hiv", "aids", "std{,s}", "sti{,s}", "chlamydia", "gonorrh{ea,oea}", "syphilis", "herpes",
        "hpv", "pregnan{t,cy}", "prenatal", "miscarriage", "abortion", "ivf", "fertility",
        "infertility", "depress{ion,ive}", "anxiety", "bipolar", "schizophren*", "ptsd", "adhd",
        "ocd", "eating disorder", "anorexia", "bulimia", "suicid*", "substance use",
        "substance abuse", "addiction", "alcoholism", "opioid{,s}", "overdose", "detox",
        "rehab", "brca{,1,2}", "panic disorder", "panic attacks", "mental illness",
        "vih", "sida", "ets", "its", "clamidia", "gonorrea", "sifilis", "herpes", "vph",
        "embaraz{o,ada,adas}", "prenatal", "aborto", "fertilidad", "infertilidad",
        "depresion", "ansiedad", "bipolar", "esquizofrenia", "trastorno", "adiccion{,es}",
        "sobredosis", "rehabilitacion", "alcoholismo", "desintoxicacion", "trastorno alimenticio",
        "ataques de panico", "enfermedad mental", "suicidio",
    ]

    /// Medical specialties and departments.
    Specialty: [
        "oncolog*", "cardiolog*", "urolog*", "dermatolog*", "gastroenterolog*", "endocrinolog*",
        "nephrolog*", "neurolog*", "rheumatolog*", "pulmonolog*", "hematolog*",
        "infectious disease", "hospice", "cancer center", "wound care", "dialysis center",
        "oncologia", "cardiologia", "urologia", "dermatologia", "neurologia", "gastroenterologia",
        "endocrinologia", "nefrologia", "reumatologia", "hematologia", "cuidados paliativos",
    ]

    /// Specialties tied to mental health, reproductive or sexual health, or substance use.
    SpecialtySensitive: [
        "psychiatr*", "psycholog*", "behavioral health", "mental health", "counsel{ing,ling}",
        "counselor", "therapist", "ob gyn", "obgyn", "ob/gyn", "obstetric*", "gyn{e,ae}colog*",
        "sexual health", "family planning", "methadone", "methadone clinic", "recovery center",
        "treatment center", "addiction treatment", "substance use treatment", "sober living",
        "fertility clinic", "planned parenthood", "support group", "aa meeting", "na meeting",
        "psiquiatr*", "psicolog*", "salud mental", "ginecolog*", "obstetricia",
        "planificacion familiar", "salud sexual", "centro de rehabilitacion",
        "centro de recuperacion", "grupo de apoyo", "consejeria", "terapeuta", "psicolog{o,a}",
    ]

    /// Treatments and procedures.
    Treatment: [
        "therapy", "physical therapy", "physiotherapy", "occupational therapy", "surgery",
        "chemo", "chemotherapy", "radiation", "radiation therapy", "infusion", "biopsy",
        "colonoscopy", "mammogram", "endoscopy", "transplant", "amputation", "stitches",
        "cast", "injection", "insulin pump", "cpap", "pacemaker", "stent", "knee replacement",
        "hip replacement", "procedure", "operation", "physical therapy session",
        "diagnosis", "diagnosed", "diagnostic{o,ado,ada}",
        "terapia", "fisioterapia", "terapia fisica", "cirugia", "quimio", "radioterapia",
        "biopsia", "colonoscopia", "mamografia", "endoscopia", "trasplante", "operacion",
        "infusion", "inyeccion", "procedimiento",
    ]

    /// Treatments in the extra-sensitive sub-lists.
    TreatmentSensitive: [
        "therapy session", "counseling session", "psychotherapy", "intake appointment",
        "intake", "detox program", "rehab program", "treatment program", "hiv test",
        "std test", "sti test", "pregnancy test", "genetic test{,s,ing}", "genetic screening",
        "genetic counsel{ing,ling}", "prep", "medication assisted treatment",
        "sesion de terapia", "terapia psicologica", "psicoterapia", "prueba de embarazo",
        "prueba de vih", "prueba{,s} genetica{,s}", "tratamiento de adicciones",
    ]

    /// Medications by name.
    Medication: [
        "insulin", "metformin", "ozempic", "wegovy", "mounjaro", "zepbound", "semaglutide",
        "tirzepatide", "oxycodone", "hydrocodone", "fentanyl", "tamoxifen", "lisinopril",
        "amlodipine", "atorvastatin", "simvastatin", "levothyroxine", "synthroid", "losartan",
        "metoprolol", "albuterol", "prednisone", "gabapentin", "warfarin", "eliquis", "xarelto",
        "jardiance", "januvia", "trulicity", "humira", "enbrel", "lipitor", "crestor",
        "plavix", "amoxicillin", "azithromycin", "z-pack", "zpack", "antibiotic{,s}",
        "ibuprofen", "tylenol", "advil", "epipen", "inhaler", "rescue inhaler", "nebulizer",
        "glucose monitor", "test strips", "blood thinner{,s}", "statin{,s}", "chemo pills",
        "*pril", "*sartan", "*olol", "*statin", "*formin", "*gliptin", "*gliflozin", "*glutide",
        "*prazole", "*tidine", "*cillin", "*mycin", "*cycline", "*floxacin", "*dipine",
        "*thiazide", "*semide", "*xaban", "*gatran", "*tinib", "*mab", "*nisone", "*olone",
        "insulina", "metformina", "inhalador", "nebulizador", "antibiotico{,s}", "losartan",
        "atorvastatina", "omeprazol", "amoxicilina", "levotiroxina", "enalapril", "captopril",
        "*prilo", "*statina", "*formina", "*prazol", "*cilina", "*micina", "*ciclina",
        "*floxacino", "*dipino", "*tiazida", "*semida", "anticoagulante{,s}",
    ]

    /// Medications that reveal substance-use treatment, HIV status or mental health.
    MedicationSensitive: [
        "adderall", "ritalin", "buprenorphine", "suboxone", "methadone", "naloxone", "narcan",
        "naltrexone", "vivitrol", "truvada", "descovy", "biktarvy", "antiretroviral{,s}",
        "lithium", "sertraline", "zoloft", "fluoxetine", "prozac", "lexapro", "escitalopram",
        "citalopram", "paxil", "wellbutrin", "bupropion", "xanax", "alprazolam", "klonopin",
        "clonazepam", "ativan", "lorazepam", "valium", "diazepam", "seroquel", "quetiapine",
        "abilify", "risperdal", "antidepressant{,s}", "birth control", "the pill", "plan b",
        "contraceptive{,s}", "*oxetine", "*azepam", "*zolam", "*talopram", "*apine", "*idone",
        "metadona", "antidepresivo{,s}", "anticonceptivo{,s}", "pastilla anticonceptiva",
        "litio", "*oxetina",
    ]

    /// The word for a medication or a prescription, which names what it is for around it.
    MedicationNoun: [
        "medication{,s}", "medicine{,s}", "meds", "prescription{,s}", "refill{,s}", "rx",
        "pills", "dose", "dosage", "drug{,s}", "treatment",
        "medicamento{,s}", "medicina{,s}", "receta{,s}", "resurtido{,s}", "pastilla{,s}",
        "dosis", "tratamiento", "surtido",
    ]

    /// The words that link a medication to what it treats.
    ForWord: ["for", "to treat", "para", "contra", "de"]

    /// Measures of the body that a result or a medication makes a health detail ("your
    /// cholesterol is high", "blood pressure medication"); alone they reveal nothing.
    Measure: [
        "blood pressure", "cholesterol", "blood sugar", "sugar", "glucose", "a1c", "hba1c",
        "triglycerides", "thyroid levels", "iron levels", "potassium", "psa", "heart rate",
        "presion", "la presion", "presion arterial", "colesterol", "azucar", "el azucar",
        "glucosa", "trigliceridos", "niveles de colesterol", "niveles de azucar", "tiroides",
    ]

    /// Tests and measurements whose result is a health detail.
    TestNoun: [
        "test", "tests", "lab", "labs", "lab work", "lab results", "blood work", "bloodwork",
        "blood test", "blood tests", "results", "result", "screening", "scan", "mri", "ct scan",
        "x ray", "xray", "ultrasound", "culture", "pap", "pap smear", "mammogram", "biopsy",
        "levels", "panel",
        "strep test", "covid test", "swab", "ekg", "ecg",
        "examen", "examenes", "examen de sangre", "analisis", "analisis de sangre", "prueba",
        "pruebas", "laboratorio", "laboratorios", "resultados", "resultado", "biopsia",
        "niveles", "mamografia", "papanicolau",
        "papanicolaou", "ultrasonido", "radiografia", "tomografia", "resonancia", "cultivo",
        "electrocardiograma",
    ]

    /// What a test came back as.
    ResultWord: [
        "positive", "negative", "abnormal", "elevated", "high", "low", "came back",
        "came back positive", "came back negative", "came back high", "came back at",
        "tested positive", "tested negative", "out of range", "borderline", "concerning",
        "are in", "is in", "are ready", "showed", "shows", "indicate{,s,d}", "detected",
        "positivo", "positiva", "negativo", "negativa", "anormal", "anormales", "elevado",
        "elevada", "elevados", "alto", "alta", "altos", "altas", "bajo", "baja", "bajos",
        "salio", "salieron", "salio positivo", "dio positivo", "dio negativo", "resulto",
        "mostro", "indica", "indican", "detecto", "fuera de rango", "ya estan listos",
        "estan listos",
    ]

    /// Where health details are written: a chart, a record.
    ChartNoun: [
        "chart", "record{,s}", "medical record{,s}", "file", "history", "expediente",
        "historial", "historia clinica", "registro",
    ]

    /// Patient identifiers.
    Identifier: [
        "date of birth", "birth date", "birthdate", "dob", "medical record number",
        "medical record", "mrn", "social security", "social security number", "ssn",
        "member id", "memberid", "member number", "patient id", "patientid", "patient number",
        "dateofbirth", "date birth", "insurance id", "policy holder id", "medicaid id",
        "medicare number", "fecha de nacimiento", "fecha nacimiento", "fechanacimiento",
        "fecha nac", "seguro social", "numero de seguro social", "nss", "curp",
        "expediente medico", "historia clinica", "numero de paciente",
        "id de paciente", "numero de afiliado", "numero de socio",
    ]

    /// Everyday phrases with health words that disclose nothing.
    HealthVeto: [
        "hearing aids", "visual aids", "teaching aids", "study aids", "learning aids",
        "great depression", "economic depression", "tropical depression", "depresion tropical",
        "depresion economica", "gran depresion", "lithium ion", "lithium battery",
        "lithium batteries", "meal prep", "test prep", "exam prep", "food prep",
        "stroke of luck", "stroke of genius", "brush stroke", "brush strokes",
        "credit counseling", "debt counseling", "financial counseling", "career counseling",
        "legal counseling", "positive feedback", "positive review", "positive reviews",
        "positive experience", "stay positive", "blood drive", "blood donation", "donate blood",
        "donacion de sangre", "donar sangre", "campana de donacion", "april", "aprils",
        "flu shot", "flu shots", "flu season", "flu clinic", "vacuna{,s} contra la gripe",
        "heat advisory", "test drive", "high school", "low price", "low prices",
        "high quality", "alta calidad", "precios bajos", "bajo costo", "cast iron",
        "the cast", "broadcast", "podcast", "forecast", "record time", "our records",
        "insurance record", "billing record", "file a claim", "in our file",
        "counselor at law",
    ]

    // ========================================================================================
    // Messaging
    // ========================================================================================

    /// The verbs of an opt-out instruction by text.
    SmsVerb: [
        "reply", "replying", "text", "txt", "send", "respond", "msg", "message", "type",
        "responda", "responde", "conteste", "contesta", "envie", "envia", "enviar", "escriba",
        "escribe", "textee", "mande", "manda", "mandar", "responder", "resp", "rply", "rpl",
        "respondiendo", "contestando", "enviando", "mandando", "texting",
        "envianos", "enviennos", "mandanos", "mandenos", "respondenos", "respondanos",
        "contestanos", "contestenos", "escribenos", "escribanos", "textea", "textear", "texteanos",
    ]

    /// The keywords of an opt-out by text.
    SmsKeyword: [
        "stop", "stopall", "stop all", "cancel", "end", "quit", "unsubscribe", "revoke",
        "optout", "opt out", "opt-out",
        "alto", "baja", "parar", "cancelar", "fin", "salir", "detener", "stop",
    ]

    /// What an opt-out keyword does.
    SmsOptOut: [
        "opt out", "opt-out", "optout", "unsubscribe", "stop", "stop receiving", "end", "cancel",
        "quit", "be removed", "stop these", "no more messages", "no more texts",
        "cancelar", "salir", "darse de baja", "dejar de recibir", "no recibir", "detener",
        "cancelar su suscripcion", "cancelar la suscripcion", "terminar",
        "cancela", "cancele", "date de baja", "darte de baja", "sal", "salte",
    ]

    /// Sexual or adult content.
    ShaftSex: [
        "xxx", "porn*", "nude{,s}", "escort{,s}", "adult content", "adult chat", "sexting",
        "adult entertainment", "hot singles", "onlyfans",
        "contenido para adultos", "contenido sexual", "contenido erotico", "desnud{os,as}",
        "acompanantes", "para adultos",
    ]

    /// Hate speech slogans (the catalog keeps its slur list elsewhere, and so does this file).
    ShaftHate: ["white power", "heil hitler", "sieg heil", "ku klux klan", "kkk"]

    /// Alcohol.
    ShaftAlcohol: [
        "beer{,s}", "craft beer{,s}", "wine{,s}", "vodka{,s}", "whiskey{,s}", "whisky", "whiskies",
        "tequila{,s}", "mezcal{,es,s}", "brandy", "cognac", "open bar", "bottomless mimosas",
        "michelada{,s}", "chelas", "unas chelas", "cheve{,s}", "barra libre", "cubetazo{,s}", "aguardiente", "pulque",
        "rum", "gin", "bourbon", "liquor", "spirits", "cocktail{,s}", "margarita{,s}",
        "happy hour", "brewery", "winery", "champagne", "hard seltzer",
        "cerveza{,s}", "licor{,es}", "vinos", "el vino", "un vino", "del vino", "los vinos",
        "su vino", "de vino", "con vino", "vino tinto", "vino blanco", "vino rosado",
        "vino espumoso", "coctel{,es}", "cantina", "cerveceria", "bebidas alcoholicas",
    ]

    /// Firearms and ammunition.
    ShaftFirearms: [
        "gun{,s}", "firearm{,s}", "rifle{,s}", "pistol{,s}", "handgun{,s}", "shotgun{,s}",
        "ammo", "ammunition", "ar-15", "ar 15", "gun show",
        "arma de fuego", "armas de fuego", "municiones", "pistola{,s}", "rifle{,s}",
        "escopeta{,s}",
    ]

    /// Tobacco and nicotine other than vapes.
    ShaftTobacco: [
        "cigarette{,s}", "cigar{,s}", "tobacco", "nicotine", "hookah", "cigarillo{,s}",
        "chewing tobacco", "snuff", "nicotine pouches",
        "tabaco", "cigarrillo{,s}", "cigarro{,s}", "puros", "nicotina", "habanos",
    ]

    /// Vapes and e-cigarettes.
    ShaftVaping: [
        "vape{,s}", "vaping", "e cig{,s}", "ecig{,s}", "e cigarette{,s}", "ecigarette{,s}", "juul",
        "vape pen{,s}", "disposable vape{,s}", "vapeador{,es}", "vapeo", "vaper",
        "cigarrillo{,s} electronico{,s}",
    ]

    /// Cannabis, CBD and kratom.
    ShaftCannabis: [
        "cannabis", "marijuana", "marihuana", "weed", "thc", "cbd", "dispensary", "edibles",
        "kratom", "delta 8", "delta-8", "pre rolls", "preroll{,s}", "gummies thc", "thc gummies",
        "dispensario", "mota", "hierba medicinal",
    ]

    /// Gambling, sweepstakes and raffles.
    ShaftGambling: [
        "casino{,s}", "sportsbook", "betting", "bet now", "place your bet{,s}", "sweepstakes",
        "raffle{,s}", "lottery", "jackpot", "slots", "slot machine{,s}", "poker", "online casino",
        "parlay{,s}",
        "apuesta{,s}", "apueste", "rifa{,s}", "sorteo{,s}", "juego{,s} de azar", "loteria",
        "tragamonedas", "casino en linea",
    ]

    /// Payday loans, crypto, debt relief and other high-risk finance.
    ShaftFinance: [
        "payday loan{,s}", "payday", "before payday", "cash advance", "cash advances",
        "no credit check", "bad credit ok", "guaranteed approval", "instant approval",
        "crypto", "cryptocurrency", "bitcoin", "nft", "forex", "debt relief",
        "debt consolidation", "debt settlement", "credit repair", "fix your credit",
        "repair your credit", "erase your debt", "cut your debt", "title loan{,s}",
        "get cash fast", "fast cash", "loan in minutes", "cash in minutes",
        "criptomoneda{,s}", "cripto", "prestamo{,s} de dia de pago", "prestamo{,s} rapido{,s}",
        "prestamos sin buro", "sin buro", "sin revisar su credito", "consolidacion de deudas",
        "alivio de deudas", "reparacion de credito", "reparar su credito", "limpie su credito",
        "adelanto de efectivo", "dinero rapido", "prestamo inmediato", "aprobacion garantizada",
    ]

    /// Everyday phrases with a forbidden-category word.
    ShaftVeto: [
        "glue gun{,s}", "nail gun{,s}", "heat gun{,s}", "spray gun{,s}", "staple gun{,s}",
        "caulk gun{,s}", "caulking gun{,s}", "water gun{,s}", "squirt gun{,s}",
        "massage gun{,s}", "radar gun{,s}", "top gun", "root beer{,s}", "ginger beer",
        "high spirits", "good spirits", "team spirit", "team spirits", "holiday spirit",
        "holiday spirits", "school spirit", "christmas spirit", "weed killer", "weed control",
        "weed whacker", "weed eater", "weed barrier", "weed removal", "weed the", "weed your",
        "weed out", "nuestra apuesta", "su apuesta", "una apuesta", "gran apuesta",
        "la apuesta", "esta apuesta", "apuesta por", "apuesta es", "color tabaco",
        "xxx-xxxx", "xxx xxxx", "escort you", "escorted", "will escort", "nude lipstick",
        "nude heels", "nude color", "nude shade", "nude tones", "wine red", "wine colored",
        "you bet", "jugo puro", "puro jugo", "pura vida", "pay down debt", "pay off debt",
        "xxx xxx xxxx", "( xxx ) xxx xxxx", "vinagre", "vino a", "vino con", "rum cake", "gin rummy", "peso pluma",
        "margarita pizza", "pizza margarita", "pistola de silicon", "pistola de silicona",
        "pistola de calor", "pistola de agua", "pistola de pegamento",
    ]
}
