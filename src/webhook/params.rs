//! The parameters of Twilio's voice and messaging webhook requests.
//!
//! Names and value sets follow Twilio's pages on the voice request ("TwiML voice: your
//! response"), the action callbacks of `<Gather>`, `<Record>`, `<Dial>` and `<Pay>`, call
//! status callbacks, and the incoming-message webhook.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Declares an enum of the values of a Twilio parameter, with an `Other` variant for values
/// Twilio adds later, so that a new value never fails a request.
macro_rules! value_set {
    (
        $(#[$meta:meta])*
        $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)* }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
            /// A value this version does not know, as Twilio sent it.
            Other(String),
        }

        impl $name {
            /// The value as Twilio writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $text,)*
                    $name::Other(text) => text,
                }
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                match text {
                    $($text => $name::$variant,)*
                    other => $name::Other(other.to_string()),
                }
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                match $name::from(text.as_str()) {
                    $name::Other(_) => $name::Other(text),
                    known => known,
                }
            }
        }

        impl FromStr for $name {
            type Err = std::convert::Infallible;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Ok($name::from(text))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                String::deserialize(d).map($name::from)
            }
        }
    };
}

value_set! {
    /// The state of a call (`CallStatus`).
    CallStatus {
        /// Waiting to be dialed.
        Queued = "queued",
        /// Ringing.
        Ringing = "ringing",
        /// Answered and going on.
        InProgress = "in-progress",
        /// Answered and ended normally.
        Completed = "completed",
        /// The called party was busy.
        Busy = "busy",
        /// The call could not be completed (a wrong number, for example).
        Failed = "failed",
        /// Nobody answered.
        NoAnswer = "no-answer",
        /// Hung up while queued or ringing.
        Canceled = "canceled",
    }
}

value_set! {
    /// Which way a call goes (`Direction`).
    Direction {
        /// A call to one of your numbers.
        Inbound = "inbound",
        /// A call made through the REST API.
        OutboundApi = "outbound-api",
        /// A call made by `<Dial>`.
        OutboundDial = "outbound-dial",
    }
}

value_set! {
    /// Who answered, when answering machine detection is on (`AnsweredBy`).
    AnsweredBy {
        /// A person.
        Human = "human",
        /// A machine, detected at the start of its greeting.
        MachineStart = "machine_start",
        /// A machine, at the beep after its greeting.
        MachineEndBeep = "machine_end_beep",
        /// A machine, after silence at the end of its greeting.
        MachineEndSilence = "machine_end_silence",
        /// A machine, whose greeting ended otherwise.
        MachineEndOther = "machine_end_other",
        /// A fax machine.
        Fax = "fax",
        /// Detection could not decide.
        Unknown = "unknown",
    }
}

value_set! {
    /// How the call placed by `<Dial>` ended (`DialCallStatus`, on the `<Dial>` action).
    DialCallStatus {
        /// The dialed party answered and the call ended normally.
        Completed = "completed",
        /// The dialed party answered (a call still bridged when the caller hung up).
        Answered = "answered",
        /// The dialed party was busy.
        Busy = "busy",
        /// Nobody answered within `timeout`.
        NoAnswer = "no-answer",
        /// The call could not be placed.
        Failed = "failed",
        /// The call was canceled before it was answered.
        Canceled = "canceled",
    }
}

/// The parameters of a voice webhook: the request for a call's first document, the action
/// callbacks of `<Gather>`, `<Record>`, `<Dial>`, `<Pay>` and `<Enqueue>`, and call status
/// callbacks.
///
/// Every request carries the call's parameters (`CallSid`, `AccountSid`, `From`, `To`,
/// `CallStatus`, `ApiVersion`, `Direction`, and the geographic data Twilio has); the verb
/// whose action is being requested adds its own.
///
/// `CallSid` and `AccountSid` are required: a form without either is not a request from Twilio
/// and does not deserialize; the `TwilioForm` extractors answer it with 422, as axum's `Form`
/// does. Parameters the struct does not know are ignored; the other ones it knows but the
/// request lacks are `None` (or empty, for `from` and `to`).
///
/// It serializes back to the same form, which is how tests can play Twilio.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct VoiceWebhook {
    /// The call's unique identifier (`CA...`).
    pub call_sid: String,
    /// The account the call belongs to (`AC...`).
    pub account_sid: String,
    /// The caller: a phone number in E.164 form, a `client:` or `sip:` address, or whatever
    /// the network gave (`Anonymous`); empty when absent.
    #[serde(default)]
    pub from: String,
    /// The called party, in the same forms as `from`; empty when absent.
    #[serde(default)]
    pub to: String,
    /// The call's state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_status: Option<CallStatus>,
    /// The version of Twilio's API (`2010-04-01`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// Which way the call goes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// The number the call was forwarded from, when the carrier says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forwarded_from: Option<String>,
    /// The caller's name, when caller-name lookup is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller_name: Option<String>,
    /// The call that created this one (the caller's call, for a call placed by `<Dial>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_call_sid: Option<String>,
    /// A token to forward the incoming call with its caller ID, on incoming calls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_token: Option<String>,
    /// The SHAKEN/STIR verification status of the caller ID, on incoming calls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stir_verstat: Option<String>,

    /// The caller's city.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_city: Option<String>,
    /// The caller's state or province.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_state: Option<String>,
    /// The caller's postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_zip: Option<String>,
    /// The caller's country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_country: Option<String>,
    /// The called party's city.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_city: Option<String>,
    /// The called party's state or province.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_state: Option<String>,
    /// The called party's postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_zip: Option<String>,
    /// The called party's country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_country: Option<String>,

    /// The keys pressed, on the action of `<Gather>` (and of `<Record>`, the key that ended
    /// it; `hangup` when the caller hung up).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digits: Option<String>,
    /// The key that ended the input of `<Gather>`, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished_on_key: Option<String>,
    /// What the caller said, on the action of `<Gather input="speech">`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speech_result: Option<String>,
    /// How sure the recognizer is of `speech_result`, from 0 to 1.
    #[serde(
        default,
        deserialize_with = "lenient::number",
        skip_serializing_if = "Option::is_none"
    )]
    pub confidence: Option<f64>,

    /// Who answered, when answering machine detection is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered_by: Option<AnsweredBy>,
    /// How long detection took, in milliseconds.
    #[serde(
        default,
        deserialize_with = "lenient::number",
        skip_serializing_if = "Option::is_none"
    )]
    pub machine_detection_duration: Option<u32>,

    /// The recording's audio, on the action of `<Record>` and of a recorded `<Dial>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recording_url: Option<String>,
    /// The recording's identifier (`RE...`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recording_sid: Option<String>,
    /// The recording's length, in seconds.
    #[serde(
        default,
        deserialize_with = "lenient::number",
        skip_serializing_if = "Option::is_none"
    )]
    pub recording_duration: Option<u32>,
    /// The transcription's identifier, on the `transcribeCallback` of `<Record>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transcription_sid: Option<String>,
    /// The transcribed text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transcription_text: Option<String>,
    /// Whether the transcription succeeded (`completed`, `failed`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transcription_status: Option<String>,
    /// The transcription's resource.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transcription_url: Option<String>,

    /// How the dialed call ended, on the action of `<Dial>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dial_call_status: Option<DialCallStatus>,
    /// The dialed call's identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dial_call_sid: Option<String>,
    /// How long the dialed call lasted, in seconds.
    #[serde(
        default,
        deserialize_with = "lenient::number",
        skip_serializing_if = "Option::is_none"
    )]
    pub dial_call_duration: Option<u32>,
    /// Whether the two calls were bridged.
    #[serde(
        default,
        deserialize_with = "lenient::boolean",
        skip_serializing_if = "Option::is_none"
    )]
    pub dial_bridged: Option<bool>,

    /// How the payment ended, on the action of `<Pay>` (Twilio's `Result`: `success`,
    /// `payment-connector-error`, `caller-interrupted-with-star`, `caller-hung-up`,
    /// `validation-error`, `too-many-failed-attempts`, `internal-error`, `input-timeout`).
    #[serde(default, rename = "Result", skip_serializing_if = "Option::is_none")]
    pub pay_result: Option<String>,
    /// The payment processor's confirmation, on success.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_confirmation_code: Option<String>,
    /// The card number, masked (`xxxx-xxxx-xxxx-1111`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_card_number: Option<String>,
    /// The card's brand (`visa`, `mastercard`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_card_type: Option<String>,
    /// The token for a stored card, when `<Pay>` tokenized one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_token: Option<String>,
    /// Twilio's error, when the payment failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_error: Option<String>,
    /// The payment connector's error, when the processor refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connector_error: Option<String>,

    /// How the caller left the queue, on the action of `<Enqueue>` (`bridged`, `hangup`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_result: Option<String>,
    /// The queue's identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_sid: Option<String>,
    /// How long the caller waited in the queue, in seconds.
    #[serde(
        default,
        deserialize_with = "lenient::number",
        skip_serializing_if = "Option::is_none"
    )]
    pub queue_time: Option<u32>,

    /// How long the call lasted, in seconds, on the `completed` status callback.
    #[serde(
        default,
        deserialize_with = "lenient::number",
        skip_serializing_if = "Option::is_none"
    )]
    pub call_duration: Option<u32>,
    /// What sent a status callback (`call-progress-events`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_source: Option<String>,
    /// When the status callback's event happened (RFC 2822).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    /// The order of the status callbacks of a call, from 0.
    #[serde(
        default,
        deserialize_with = "lenient::number",
        skip_serializing_if = "Option::is_none"
    )]
    pub sequence_number: Option<u32>,
    /// The SIP response code of the call's final response, on status callbacks.
    #[serde(
        default,
        deserialize_with = "lenient::number",
        skip_serializing_if = "Option::is_none"
    )]
    pub sip_response_code: Option<u16>,
}

/// The parameters of a messaging webhook: an incoming SMS, MMS or WhatsApp message, and
/// message status callbacks.
///
/// `MessageSid` and `AccountSid` are required: a form without either is not a request from
/// Twilio and does not deserialize; the `TwilioForm` extractors answer it with 422, as axum's
/// `Form` does. Parameters the struct does not know are ignored; the other ones it knows but
/// the request lacks are `None` (or empty, for `from`, `to` and `body`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct MessagingWebhook {
    /// The message's unique identifier (`SM...` or `MM...`).
    pub message_sid: String,
    /// The account the message belongs to (`AC...`).
    pub account_sid: String,
    /// The sender: a phone number in E.164 form, or `whatsapp:+...`; empty when absent.
    #[serde(default)]
    pub from: String,
    /// The recipient, one of your numbers; empty when absent.
    #[serde(default)]
    pub to: String,
    /// The text of the message, up to 1,600 characters; empty for media alone.
    #[serde(default)]
    pub body: String,
    /// How many media files came with the message (0 to 10).
    #[serde(default, deserialize_with = "lenient::count")]
    pub num_media: u32,
    /// The media files, in order: Twilio's `MediaUrl0..9` and `MediaContentType0..9`.
    #[serde(flatten)]
    pub media: MediaList,
    /// How many segments the message was sent in.
    #[serde(
        default,
        deserialize_with = "lenient::number",
        skip_serializing_if = "Option::is_none"
    )]
    pub num_segments: Option<u32>,
    /// The messaging service the recipient belongs to, if any (`MG...`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messaging_service_sid: Option<String>,
    /// The same as `message_sid`, kept by Twilio for older applications.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sms_sid: Option<String>,
    /// The same as `message_sid`, kept by Twilio for older applications.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sms_message_sid: Option<String>,
    /// The message's state as older applications knew it (`received` for an incoming one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sms_status: Option<String>,
    /// The message's state, on status callbacks (`queued`, `sent`, `delivered`,
    /// `undelivered`, `failed`, `read`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_status: Option<String>,
    /// Twilio's error code, on the status callback of a message that failed.
    #[serde(
        default,
        deserialize_with = "lenient::number",
        skip_serializing_if = "Option::is_none"
    )]
    pub error_code: Option<u32>,
    /// The version of Twilio's API (`2010-04-01`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// `STOP`, `START` or `HELP` when the message is an opt-out keyword that Twilio's
    /// Advanced Opt-Out handled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opt_out_type: Option<String>,

    /// The sender's city.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_city: Option<String>,
    /// The sender's state or province.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_state: Option<String>,
    /// The sender's postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_zip: Option<String>,
    /// The sender's country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_country: Option<String>,
    /// The recipient's city.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_city: Option<String>,
    /// The recipient's state or province.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_state: Option<String>,
    /// The recipient's postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_zip: Option<String>,
    /// The recipient's country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_country: Option<String>,

    /// The sender's WhatsApp profile name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_name: Option<String>,
    /// The sender's WhatsApp ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wa_id: Option<String>,
    /// Whether WhatsApp marks the message as forwarded.
    #[serde(
        default,
        deserialize_with = "lenient::boolean",
        skip_serializing_if = "Option::is_none"
    )]
    pub forwarded: Option<bool>,
    /// Whether WhatsApp marks the message as forwarded many times.
    #[serde(
        default,
        deserialize_with = "lenient::boolean",
        skip_serializing_if = "Option::is_none"
    )]
    pub frequently_forwarded: Option<bool>,
    /// The text of the quick-reply button the WhatsApp user pressed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub button_text: Option<String>,
    /// The payload of the quick-reply button the WhatsApp user pressed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub button_payload: Option<String>,
    /// The latitude of a location the WhatsApp user shared.
    #[serde(
        default,
        deserialize_with = "lenient::number",
        skip_serializing_if = "Option::is_none"
    )]
    pub latitude: Option<f64>,
    /// The longitude of a location the WhatsApp user shared.
    #[serde(
        default,
        deserialize_with = "lenient::number",
        skip_serializing_if = "Option::is_none"
    )]
    pub longitude: Option<f64>,
    /// The address of a shared location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// The label of a shared location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// One media file of a message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Media {
    /// Where Twilio keeps the file (`MediaUrlN`).
    pub url: String,
    /// Its MIME type (`MediaContentTypeN`), when Twilio sent one.
    pub content_type: Option<String>,
}

impl Media {
    /// A media file at `url`, of the given type.
    pub fn new(url: impl Into<String>, content_type: Option<String>) -> Self {
        Media {
            url: url.into(),
            content_type,
        }
    }
}

/// The media files of a message, in Twilio's order (index 0 first). Twilio sends at most
/// [`MediaList::MAX`]; indexes past that are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MediaList(pub Vec<Media>);

impl MediaList {
    /// The most media files a message carries.
    pub const MAX: usize = 10;
}

impl std::ops::Deref for MediaList {
    type Target = [Media];

    fn deref(&self) -> &[Media] {
        &self.0
    }
}

impl<'a> IntoIterator for &'a MediaList {
    type Item = &'a Media;
    type IntoIter = std::slice::Iter<'a, Media>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Which part of a media entry a parameter holds.
enum MediaPart {
    Url,
    ContentType,
}

/// Reads `MediaUrl3` as (3, Url), `MediaContentType0` as (0, ContentType).
fn media_parameter(name: &str) -> Option<(usize, MediaPart)> {
    let (index, part) = if let Some(index) = name.strip_prefix("MediaUrl") {
        (index, MediaPart::Url)
    } else {
        (
            name.strip_prefix("MediaContentType")?,
            MediaPart::ContentType,
        )
    };
    // One digit exactly: `MediaUrl01` or `MediaUrl+1` is not Twilio's.
    match index.as_bytes() {
        [digit @ b'0'..=b'9'] => Some((usize::from(digit - b'0'), part)),
        _ => None,
    }
}

impl<'de> Deserialize<'de> for MediaList {
    /// Reads the parameters left over by the other fields, picking the media ones.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = MediaList;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a message's MediaUrlN and MediaContentTypeN parameters")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<MediaList, A::Error> {
                let mut urls: [Option<String>; MediaList::MAX] = Default::default();
                let mut types: [Option<String>; MediaList::MAX] = Default::default();
                while let Some(name) = map.next_key::<String>()? {
                    let Some((index, part)) = media_parameter(&name) else {
                        map.next_value::<serde::de::IgnoredAny>()?;
                        continue;
                    };
                    let value = map.next_value::<String>()?;
                    let slot = match part {
                        MediaPart::Url => urls.get_mut(index),
                        MediaPart::ContentType => types.get_mut(index),
                    };
                    if let Some(slot) = slot {
                        *slot = Some(value);
                    }
                }
                // A content type without its URL names no file, so it is dropped.
                let media = urls
                    .into_iter()
                    .zip(types)
                    .filter_map(|(url, content_type)| Some(Media::new(url?, content_type)))
                    .collect();
                Ok(MediaList(media))
            }
        }

        d.deserialize_map(Visitor)
    }
}

impl Serialize for MediaList {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;

        let mut map = s.serialize_map(None)?;
        for (index, media) in self.0.iter().take(MediaList::MAX).enumerate() {
            map.serialize_entry(&format!("MediaUrl{index}"), &media.url)?;
            if let Some(content_type) = &media.content_type {
                map.serialize_entry(&format!("MediaContentType{index}"), content_type)?;
            }
        }
        map.end()
    }
}

/// Reading numbers and booleans from a form, where every value is text.
///
/// Form decoders hand typed fields a string (and serde's `flatten`, used for the media list,
/// buffers every value as one), so these read the text and parse it themselves. An empty
/// value counts as absent; a value that does not parse fails the request, as it would for
/// any other field of the wrong type.
mod lenient {
    use std::fmt::Display;
    use std::str::FromStr;

    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer};

    /// A value that may come as text or, from a self-describing format, as itself.
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum TextOr<T> {
        Text(String),
        Value(T),
    }

    pub(super) fn number<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: FromStr + Deserialize<'de>,
        T::Err: Display,
    {
        match Option::<TextOr<T>>::deserialize(d)? {
            None => Ok(None),
            Some(TextOr::Value(value)) => Ok(Some(value)),
            Some(TextOr::Text(text)) if text.trim().is_empty() => Ok(None),
            Some(TextOr::Text(text)) => text
                .trim()
                .parse()
                .map(Some)
                .map_err(|e| D::Error::custom(format!("`{text}` is not a number: {e}"))),
        }
    }

    pub(super) fn count<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
        Ok(number(d)?.unwrap_or(0))
    }

    pub(super) fn boolean<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
        match Option::<TextOr<bool>>::deserialize(d)? {
            None => Ok(None),
            Some(TextOr::Value(value)) => Ok(Some(value)),
            Some(TextOr::Text(text)) => match text.trim().to_ascii_lowercase().as_str() {
                "" => Ok(None),
                "true" => Ok(Some(true)),
                "false" => Ok(Some(false)),
                _ => Err(D::Error::custom(format!(
                    "`{text}` is not `true` or `false`"
                ))),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_sets_keep_unknown_values() {
        assert_eq!(CallStatus::from("no-answer"), CallStatus::NoAnswer);
        assert_eq!(
            CallStatus::from("initiated"),
            CallStatus::Other("initiated".into())
        );
        assert_eq!(
            AnsweredBy::from("machine_end_beep").as_str(),
            "machine_end_beep"
        );
        assert_eq!(Direction::OutboundDial.to_string(), "outbound-dial");
        assert_eq!(
            DialCallStatus::from(String::from("answered")),
            DialCallStatus::Answered
        );
    }

    #[test]
    fn media_parameter_names() {
        assert!(matches!(
            media_parameter("MediaUrl0"),
            Some((0, MediaPart::Url))
        ));
        assert!(matches!(
            media_parameter("MediaContentType9"),
            Some((9, MediaPart::ContentType))
        ));
        assert!(media_parameter("MediaUrl10").is_none());
        assert!(media_parameter("MediaUrl").is_none());
        assert!(media_parameter("MediaUrlé").is_none());
        assert!(media_parameter("NumMedia").is_none());
    }
}
