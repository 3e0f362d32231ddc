//! Twilio's request signature, `X-Twilio-Signature`.
//!
//! Twilio computes an HMAC, keyed with the account's auth token (or a shared key), over the
//! URL it requested followed by each POST parameter's name and value, and sends it
//! base64-encoded. The parameters are sorted by name and then by value, and a value repeated
//! under the same name counts once, as in Twilio's SDKs. For a JSON body, Twilio puts the hex
//! SHA-256 of the body in the URL's `bodySHA256` query parameter and signs the URL alone.
//! Because Twilio's backend signs the URL with its port or without it, both forms are
//! accepted, as Twilio's SDKs do.
//!
//! The algorithm is HMAC-SHA1 unless the request names another in
//! `X-Twilio-Webhooks-Signature-Settings` (`key=<shared key id>,algorithm=HMAC_SHA256`).

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;
use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256};

/// The header that carries Twilio's signature.
pub const SIGNATURE_HEADER: &str = "X-Twilio-Signature";

/// The header that names the key and the algorithm of a signature made with a shared key:
/// `key=<shared key id>,algorithm=HMAC_SHA256`. Without it, the signature is an HMAC-SHA1
/// under the auth token.
pub const SIGNATURE_SETTINGS_HEADER: &str = "X-Twilio-Webhooks-Signature-Settings";

/// The query parameter that carries the SHA-256 of a JSON body.
const BODY_HASH_PARAMETER: &str = "bodySHA256";

/// The largest body a [`Validator`] reads unless told otherwise: 256 KiB. Twilio's form
/// bodies are a few kilobytes; a message with ten media items stays far below this.
pub const DEFAULT_MAX_BODY_BYTES: usize = 256 * 1024;

/// The most form parameters a [`Validator`] accepts unless told otherwise. Twilio's
/// webhooks send a few dozen.
pub const DEFAULT_MAX_PARAMETERS: usize = 1000;

/// The HMAC a signature is made with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Algorithm {
    /// HMAC-SHA1, 20 bytes: the auth token's signature, and the default.
    HmacSha1,
    /// HMAC-SHA256, 32 bytes: shared-key webhook signatures.
    HmacSha256,
}

impl Algorithm {
    /// The name Twilio uses, `HMAC_SHA1` or `HMAC_SHA256`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Algorithm::HmacSha1 => "HMAC_SHA1",
            Algorithm::HmacSha256 => "HMAC_SHA256",
        }
    }

    /// The length of the signature in bytes, before base64.
    pub const fn signature_len(self) -> usize {
        match self {
            Algorithm::HmacSha1 => 20,
            Algorithm::HmacSha256 => 32,
        }
    }

    /// The algorithm with this name, in any case.
    pub fn parse(name: &str) -> Option<Algorithm> {
        [Algorithm::HmacSha1, Algorithm::HmacSha256]
            .into_iter()
            .find(|a| a.as_str().eq_ignore_ascii_case(name))
    }

    /// The algorithm named by an `X-Twilio-Webhooks-Signature-Settings` header: HMAC-SHA1
    /// when the header is missing or names none, as Twilio's SDKs read it.
    ///
    /// # Errors
    ///
    /// [`SignatureError::UnsupportedAlgorithm`] when the header names an algorithm this
    /// version does not know.
    pub fn from_settings(settings: Option<&str>) -> Result<Algorithm, SignatureError> {
        match setting(settings, "algorithm") {
            None => Ok(Algorithm::HmacSha1),
            Some(name) => Algorithm::parse(name).ok_or(SignatureError::UnsupportedAlgorithm),
        }
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The first non-empty value of `name` in a settings header (`key=...,algorithm=...`).
fn setting<'a>(settings: Option<&'a str>, name: &str) -> Option<&'a str> {
    settings?.split(',').find_map(|part| {
        let (key, value) = part.split_once('=')?;
        let value = value.trim();
        (key.trim() == name && !value.is_empty()).then_some(value)
    })
}

/// The signature Twilio sends for a request to `url` with the POST parameters `params` (none
/// for a GET request or a JSON body): an HMAC-SHA1, base64-encoded.
///
/// The parameters are sorted by name, then value, and a value repeated under one name counts
/// once, as Twilio's SDKs sign them. For tests that play Twilio, and for checking a signature
/// by hand; servers use a [`Validator`].
///
/// ```
/// use twiml::webhook::compute_signature;
///
/// // The example of Twilio's security guide.
/// let signature = compute_signature(
///     "12345",
///     "https://mycompany.com/myapp.php?foo=1&bar=2",
///     [
///         ("CallSid", "CA1234567890ABCDE"),
///         ("Caller", "+12349013030"),
///         ("Digits", "1234"),
///         ("From", "+12349013030"),
///         ("To", "+18005551212"),
///     ],
/// );
/// assert_eq!(signature, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
/// ```
pub fn compute_signature<K, V>(
    auth_token: &str,
    url: &str,
    params: impl IntoIterator<Item = (K, V)>,
) -> String
where
    K: AsRef<str>,
    V: AsRef<str>,
{
    compute_signature_with(Algorithm::HmacSha1, auth_token, url, params)
}

/// [`compute_signature`] with another algorithm: HMAC-SHA256 for shared-key signatures.
pub fn compute_signature_with<K, V>(
    algorithm: Algorithm,
    key: &str,
    url: &str,
    params: impl IntoIterator<Item = (K, V)>,
) -> String
where
    K: AsRef<str>,
    V: AsRef<str>,
{
    let params = signed_order(params);
    BASE64.encode(hmac(algorithm, key.as_bytes(), url, &params))
}

/// Whether `signature` (the `X-Twilio-Signature` header) is Twilio's HMAC-SHA1 for a request
/// to `url` with the POST parameters `params` (none for a GET request), signed with
/// `auth_token`.
///
/// `url` is the URL Twilio requested, query included, as configured in Twilio (behind a
/// proxy, not the one your server sees). The URL with its port removed, or with the scheme's
/// default port added when it has none, is accepted too. The comparison takes the same time
/// wherever the signatures differ. An empty `auth_token` validates nothing.
///
/// ```
/// use twiml::webhook::validate_signature;
///
/// let params = [("CallSid", "CA1234567890ABCDE"), ("Caller", "+12349013030"),
///               ("Digits", "1234"), ("From", "+12349013030"), ("To", "+18005551212")];
/// let signature = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";
/// assert!(validate_signature("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", params, signature));
/// assert!(validate_signature("12345", "https://mycompany.com:443/myapp.php?foo=1&bar=2", params, signature));
/// assert!(!validate_signature("12345", "https://mycompany.com/myapp.php?foo=1&bar=3", params, signature));
/// assert!(!validate_signature("54321", "https://mycompany.com/myapp.php?foo=1&bar=2", params, signature));
/// ```
pub fn validate_signature<K, V>(
    auth_token: &str,
    url: &str,
    params: impl IntoIterator<Item = (K, V)>,
    signature: &str,
) -> bool
where
    K: AsRef<str>,
    V: AsRef<str>,
{
    validate_signature_with(Algorithm::HmacSha1, auth_token, url, params, signature)
}

/// [`validate_signature`] with another algorithm: HMAC-SHA256 for shared-key signatures.
pub fn validate_signature_with<K, V>(
    algorithm: Algorithm,
    key: &str,
    url: &str,
    params: impl IntoIterator<Item = (K, V)>,
    signature: &str,
) -> bool
where
    K: AsRef<str>,
    V: AsRef<str>,
{
    let Ok(tag) = decode_signature(signature, algorithm) else {
        return false;
    };
    let params = signed_order(params);
    let urls = with_port_variants(&[url.to_string()]);
    matching_url(algorithm, key, &urls, &params, &tag).is_some()
}

/// Whether a request with a JSON (or any non-form) body is Twilio's: the `bodySHA256` query
/// parameter of `url` is the hex SHA-256 of `body`, and `signature` is Twilio's HMAC-SHA1 for
/// `url` with no POST parameters. A `url` without `bodySHA256` is refused.
///
/// ```
/// use twiml::webhook::validate_body_signature;
///
/// let body = br#"{"CallSid":"CA0123"}"#;
/// // Twilio writes the hex SHA-256 of the body into the URL, and signs the URL.
/// let url = "https://example.com/events?bodySHA256=\
///            c51549023b1fb0bfb820773c5a0589a605557fe086f1a08916d17bcc752fe902";
/// let signature = "/9PwRsx/1rPgxijBi40WtPvD4xI=";
/// assert!(validate_body_signature("12345", url, body, signature));
/// assert!(!validate_body_signature("12345", url, br#"{"CallSid":"CA9999"}"#, signature));
/// ```
pub fn validate_body_signature(auth_token: &str, url: &str, body: &[u8], signature: &str) -> bool {
    body_hash_matches(url, body) && validate_signature(auth_token, url, NO_PARAMS, signature)
}

/// The POST parameters of a request whose body is not a form.
const NO_PARAMS: [(&str, &str); 0] = [];

/// Why a request was refused as not coming from Twilio. Each says which status to answer
/// with ([`SignatureError::status`]): 413 for a body over the limits, 403 for the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignatureError {
    /// The request has no `X-Twilio-Signature` header.
    MissingSignature,
    /// The `X-Twilio-Signature` header is not the base64 of a signature of the algorithm's
    /// length (20 bytes for HMAC-SHA1, 32 for HMAC-SHA256). Refused before the body is read.
    MalformedSignature,
    /// The signature is not Twilio's for this URL and these parameters: the request was
    /// forged or changed, the auth token is wrong, or the URL the server rebuilt differs
    /// from the one Twilio requested (set [`Validator::public_url`]).
    InvalidSignature,
    /// The signature matches, but the body is not the one whose SHA-256 is in the URL's
    /// `bodySHA256`: the body was changed on the way.
    BodyHashMismatch,
    /// The request has a body that the signature does not cover: neither a form nor named
    /// by `bodySHA256`. Twilio sends no such request.
    UnsignedBody,
    /// A form body that is not UTF-8 once its escapes are decoded. Twilio sends UTF-8; any
    /// other bytes were not signed by it.
    InvalidEncoding,
    /// There is no URL to check the signature against: no public URL is configured and the
    /// request has no `Host`.
    UnknownUrl,
    /// No public URL is configured, and the request's host is not one the validator allows
    /// ([`Validator::allowed_host`]). A request signed for another application of the same
    /// account would otherwise pass here.
    HostNotAllowed,
    /// The validator has no auth token (an empty one, most likely an unset variable), so no
    /// signature can be trusted: anyone can sign with an empty key.
    NoAuthToken,
    /// `X-Twilio-Webhooks-Signature-Settings` names an algorithm this version does not know.
    UnsupportedAlgorithm,
    /// The body is longer than the validator reads ([`Validator::max_body_bytes`]).
    BodyTooLarge,
    /// The form has more parameters than the validator reads ([`Validator::max_parameters`]).
    TooManyParameters,
}

impl SignatureError {
    /// The HTTP status to answer with: 413 Content Too Large for a body over the limits,
    /// 403 Forbidden for every other reason.
    pub const fn status(self) -> u16 {
        match self {
            SignatureError::BodyTooLarge | SignatureError::TooManyParameters => 413,
            _ => 403,
        }
    }
}

impl fmt::Display for SignatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SignatureError::MissingSignature => "the request has no X-Twilio-Signature header",
            SignatureError::MalformedSignature => {
                "the X-Twilio-Signature is not the base64 of a signature of the right length"
            }
            SignatureError::InvalidSignature => {
                "the X-Twilio-Signature is not Twilio's for this URL and body"
            }
            SignatureError::BodyHashMismatch => "the body does not match its bodySHA256",
            SignatureError::UnsignedBody => {
                "the body is neither a form nor covered by bodySHA256, so it is not signed"
            }
            SignatureError::InvalidEncoding => "the form body is not UTF-8",
            SignatureError::UnknownUrl => {
                "no public URL is configured and the request has no Host to rebuild it from"
            }
            SignatureError::HostNotAllowed => {
                "no public URL is configured and the request's host is not an allowed one"
            }
            SignatureError::NoAuthToken => "the validator's auth token is empty",
            SignatureError::UnsupportedAlgorithm => {
                "X-Twilio-Webhooks-Signature-Settings names an unsupported algorithm"
            }
            SignatureError::BodyTooLarge => "the body is larger than the webhook limit",
            SignatureError::TooManyParameters => "the form has more parameters than the limit",
        })
    }
}

impl std::error::Error for SignatureError {}

/// What a server knows of a request, for [`Validator::verify`]. The framework integrations
/// fill it in; other servers can too, leaving what they do not have to `Default`.
///
/// ```
/// use twiml::webhook::WebhookRequest;
///
/// let request = WebhookRequest {
///     path_and_query: "/voice",
///     signature: Some("0/KCTR6DLpKmkAf8muzZqo1nDgQ="),
///     ..WebhookRequest::default()
/// };
/// assert!(request.body.is_empty());
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct WebhookRequest<'a> {
    /// The `Host` header (or the authority of an HTTP/2 request), when there is one. Only
    /// used when no public URL is configured.
    pub host: Option<&'a str>,
    /// The path and query the server received, `/voice?lang=es`.
    pub path_and_query: &'a str,
    /// The `Content-Type` header.
    pub content_type: Option<&'a str>,
    /// The `X-Twilio-Signature` header.
    pub signature: Option<&'a str>,
    /// The `X-Twilio-Webhooks-Signature-Settings` header, for shared-key signatures.
    pub signature_settings: Option<&'a str>,
    /// The address of the peer that sent the request: a trusted proxy's
    /// ([`Validator::trust_proxy`]) forwarded headers are read, anyone else's ignored.
    pub peer: Option<IpAddr>,
    /// The `X-Forwarded-Proto` header.
    pub forwarded_proto: Option<&'a str>,
    /// The `X-Forwarded-Host` header.
    pub forwarded_host: Option<&'a str>,
    /// The whole body.
    pub body: &'a [u8],
}

/// Which key a request was signed with, as [`Validator::verify`] found it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SigningKey {
    /// The auth token at this place in the validator's list: 0 for the one given to
    /// [`Validator::new`], 1 for the first added with [`Validator::auth_token`], and so on.
    AuthToken(usize),
    /// The shared key with this id ([`Validator::shared_key`]).
    SharedKey(Arc<str>),
}

/// A request that passed [`Validator::verify`]: how it was signed. The framework
/// integrations put it in the request's extensions for handlers that want to know.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Verified {
    /// The algorithm of the signature.
    pub algorithm: Algorithm,
    /// The key that made it.
    pub key: SigningKey,
    /// The URL the signature covers, as Twilio requested it.
    pub url: String,
}

/// A proxy whose `X-Forwarded-Proto` and `X-Forwarded-Host` are believed: one address, or a
/// network in CIDR notation (`10.0.0.0/8`, `fd00::/8`).
///
/// ```
/// use twiml::webhook::TrustedProxy;
///
/// let proxy: TrustedProxy = "10.0.0.0/8".parse()?;
/// assert!(proxy.contains("10.1.2.3".parse()?));
/// assert!(!proxy.contains("192.0.2.1".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrustedProxy {
    network: IpAddr,
    prefix: u8,
}

impl TrustedProxy {
    /// Whether `address` is this proxy, or in this network.
    pub fn contains(&self, address: IpAddr) -> bool {
        let address = match address {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
            v4 => v4,
        };
        match (self.network, address) {
            (IpAddr::V4(net), IpAddr::V4(addr)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(addr) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(addr)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(addr) & mask
            }
            _ => false,
        }
    }
}

impl From<IpAddr> for TrustedProxy {
    fn from(address: IpAddr) -> Self {
        TrustedProxy {
            network: address,
            prefix: if address.is_ipv4() { 32 } else { 128 },
        }
    }
}

/// A trusted proxy that does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an IP address or a network such as `10.0.0.0/8`")]
pub struct InvalidProxy(String);

impl FromStr for TrustedProxy {
    type Err = InvalidProxy;

    fn from_str(text: &str) -> Result<Self, InvalidProxy> {
        let invalid = || InvalidProxy(text.to_string());
        let (address, prefix) = match text.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text, None),
        };
        let address: IpAddr = address.trim().parse().map_err(|_| invalid())?;
        let max = if address.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(prefix) => prefix
                .trim()
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(invalid)?,
        };
        Ok(TrustedProxy {
            network: address,
            prefix,
        })
    }
}

/// Checks that requests come from Twilio: its keys, where Twilio sends requests, and how
/// much of a request is read.
///
/// Twilio signs the URL it requested. Behind a proxy or a tunnel the server sees another
/// one, so give the public one with [`public_url`](Validator::public_url): the request's
/// path and query are appended to it. That is the safe setting. Without it, the URL is
/// rebuilt from the request's `Host`, which must then be one of the
/// [`allowed_host`](Validator::allowed_host)s (or any host, with
/// [`allow_any_host`](Validator::allow_any_host)), over `https` (and `http` too with
/// [`allow_http`](Validator::allow_http)). A request whose URL cannot be settled this way is
/// refused.
///
/// Several auth tokens can be accepted at once, for the window in which a team rotates its
/// token ([`auth_token`](Validator::auth_token)), and shared keys for HMAC-SHA256 webhook
/// signatures ([`shared_key`](Validator::shared_key)); [`verify`](Validator::verify) says
/// which one matched.
///
/// The keys never show in `Debug` output. Cloning is cheap.
#[derive(Clone)]
pub struct Validator {
    inner: Arc<Settings>,
}

#[derive(Clone)]
struct Settings {
    auth_tokens: Vec<Box<str>>,
    shared_keys: Vec<(Arc<str>, Box<str>)>,
    public_url: Option<Arc<str>>,
    allowed_hosts: Vec<Box<str>>,
    any_host: bool,
    http: bool,
    proxies: Vec<TrustedProxy>,
    max_body_bytes: usize,
    max_parameters: usize,
}

impl fmt::Debug for Validator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &self.inner;
        let ids: Vec<&str> = s.shared_keys.iter().map(|(id, _)| &**id).collect();
        f.debug_struct("Validator")
            .field(
                "auth_tokens",
                &format_args!("<{} redacted>", s.auth_tokens.len()),
            )
            .field("shared_keys", &ids)
            .field("public_url", &s.public_url)
            .field("allowed_hosts", &s.allowed_hosts)
            .field("any_host", &s.any_host)
            .field("http", &s.http)
            .field("proxies", &s.proxies)
            .field("max_body_bytes", &s.max_body_bytes)
            .field("max_parameters", &s.max_parameters)
            .finish()
    }
}

impl Validator {
    /// A validator for requests signed with `auth_token`, the primary auth token of the
    /// account (or subaccount) that owns the number. With an empty token and no other key,
    /// every request is refused ([`SignatureError::NoAuthToken`]).
    pub fn new(auth_token: impl Into<String>) -> Self {
        Validator {
            inner: Arc::new(Settings {
                auth_tokens: vec![auth_token.into().into_boxed_str()],
                shared_keys: Vec::new(),
                public_url: None,
                allowed_hosts: Vec::new(),
                any_host: false,
                http: false,
                proxies: Vec::new(),
                max_body_bytes: DEFAULT_MAX_BODY_BYTES,
                max_parameters: DEFAULT_MAX_PARAMETERS,
            }),
        }
    }

    fn with(mut self, change: impl FnOnce(&mut Settings)) -> Self {
        change(Arc::make_mut(&mut self.inner));
        self
    }

    /// Accepts another auth token as well: while a team rotates its token, Twilio signs with
    /// the primary one until the secondary is promoted, so both are accepted for that window.
    /// [`Verified::key`] says which one matched.
    ///
    /// ```
    /// use twiml::webhook::{SigningKey, Validator, WebhookRequest, compute_signature};
    ///
    /// let validator = Validator::new("old-token")
    ///     .auth_token("new-token")
    ///     .public_url("https://ivr.example.com");
    /// let signature = compute_signature("new-token", "https://ivr.example.com/voice", [("CallSid", "CA1")]);
    /// let request = WebhookRequest {
    ///     path_and_query: "/voice",
    ///     content_type: Some("application/x-www-form-urlencoded"),
    ///     signature: Some(&signature),
    ///     body: b"CallSid=CA1",
    ///     ..WebhookRequest::default()
    /// };
    /// assert_eq!(validator.verify(&request)?.key, SigningKey::AuthToken(1));
    /// # Ok::<(), twiml::webhook::SignatureError>(())
    /// ```
    pub fn auth_token(self, auth_token: impl Into<String>) -> Self {
        let token = auth_token.into().into_boxed_str();
        self.with(|s| s.auth_tokens.push(token))
    }

    /// Accepts signatures made with a shared key (Twilio's webhook signing keys, in public
    /// beta): `id` is the key's id, which the request names in
    /// `X-Twilio-Webhooks-Signature-Settings`, and `secret` its secret. Such a request is
    /// checked with the key it names, and with every key and auth token when it names none
    /// that is configured, with the algorithm the header names.
    pub fn shared_key(self, id: impl Into<String>, secret: impl Into<String>) -> Self {
        let key = (Arc::from(id.into()), secret.into().into_boxed_str());
        self.with(|s| s.shared_keys.push(key))
    }

    /// The URL your server is reached at from the internet, without a trailing slash
    /// (`https://ivr.example.com`, or `https://example.com/twilio` when a proxy strips the
    /// `/twilio` prefix): each request's path and query are appended to it. When it is set,
    /// the request's `Host` and forwarded headers are not read.
    pub fn public_url(self, base: impl Into<String>) -> Self {
        let base = base.into();
        let base: Arc<str> = Arc::from(base.trim_end_matches('/'));
        self.with(|s| s.public_url = Some(base))
    }

    /// Without a public URL, accepts requests whose `Host` is `host` (a name, compared
    /// without its case and without a port). Call it once per host.
    pub fn allowed_host(self, host: impl Into<String>) -> Self {
        let host = host.into().to_ascii_lowercase().into_boxed_str();
        self.with(|s| s.allowed_hosts.push(host))
    }

    /// Without a public URL, accepts any `Host`. A request that Twilio signed for another
    /// application of the same account, replayed here to the same path, then passes: prefer
    /// [`public_url`](Validator::public_url) or [`allowed_host`](Validator::allowed_host). The
    /// framework integrations log a warning at start-up when this is on.
    pub fn allow_any_host(self) -> Self {
        self.with(|s| s.any_host = true)
    }

    /// Without a public URL, accepts signatures over `http://` URLs as well as `https://`.
    /// Twilio's requests come over `https` unless the webhook was configured with `http`.
    pub fn allow_http(self) -> Self {
        self.with(|s| s.http = true)
    }

    /// Believes `X-Forwarded-Proto` and `X-Forwarded-Host` when the request comes straight
    /// from `proxy` (an address, or a network: `"10.0.0.0/8".parse()?`). Without a public
    /// URL, the URL is then rebuilt from the last value of each, the one the proxy set; from
    /// any other peer, and when the peer is unknown, the headers are ignored. The forwarded
    /// host must still be allowed.
    pub fn trust_proxy(self, proxy: impl Into<TrustedProxy>) -> Self {
        let proxy = proxy.into();
        self.with(|s| s.proxies.push(proxy))
    }

    /// The largest body read, in bytes ([`DEFAULT_MAX_BODY_BYTES`] unless set): a longer one
    /// is refused with 413 before it is hashed, by the framework integrations before it is
    /// read past the limit.
    pub fn max_body_bytes(self, bytes: usize) -> Self {
        self.with(|s| s.max_body_bytes = bytes)
    }

    /// The most parameters a form may have ([`DEFAULT_MAX_PARAMETERS`] unless set): one with
    /// more is refused with 413 before it is decoded.
    pub fn max_parameters(self, parameters: usize) -> Self {
        self.with(|s| s.max_parameters = parameters)
    }

    /// The public URL, if one is configured.
    pub fn configured_public_url(&self) -> Option<&str> {
        self.inner.public_url.as_deref()
    }

    /// The body limit in bytes.
    pub fn body_limit(&self) -> usize {
        self.inner.max_body_bytes
    }

    /// What is weak in this validator's settings, for a warning at start-up: no key, or a
    /// URL rebuilt from any `Host`. `None` when nothing is.
    pub fn weakness(&self) -> Option<&'static str> {
        let s = &self.inner;
        if !self.has_keys() {
            Some("the auth token is empty, so every request will be refused")
        } else if s.public_url.is_none() && s.allowed_hosts.is_empty() && !s.any_host {
            Some(
                "no public URL and no allowed host are configured, so every request will be \
                 refused; set Validator::public_url",
            )
        } else if s.public_url.is_none() && s.any_host {
            Some(
                "no public URL is configured and any Host is accepted: a request signed for \
                 another application of the account can be replayed here",
            )
        } else {
            None
        }
    }

    fn has_keys(&self) -> bool {
        let s = &self.inner;
        s.auth_tokens.iter().any(|t| !t.is_empty()) || s.shared_keys.iter().any(|k| !k.1.is_empty())
    }

    /// The URL a request is checked against first, for logs: the public URL, or else the
    /// scheme and host rebuilt from the request, followed by its path and query. `None` when
    /// it cannot be settled.
    pub fn request_url(&self, request: &WebhookRequest<'_>) -> Option<String> {
        self.base_urls(request).ok()?.into_iter().next()
    }

    /// [`validate_signature`] with each of this validator's auth tokens.
    pub fn validate<K, V>(
        &self,
        url: &str,
        params: impl IntoIterator<Item = (K, V)>,
        signature: &str,
    ) -> bool
    where
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let params: Vec<(K, V)> = params.into_iter().collect();
        self.inner.auth_tokens.iter().any(|token| {
            !token.is_empty()
                && validate_signature(
                    token,
                    url,
                    params.iter().map(|(k, v)| (k.as_ref(), v.as_ref())),
                    signature,
                )
        })
    }

    /// [`validate_body_signature`] with each of this validator's auth tokens.
    pub fn validate_body(&self, url: &str, body: &[u8], signature: &str) -> bool {
        self.inner
            .auth_tokens
            .iter()
            .any(|token| !token.is_empty() && validate_body_signature(token, url, body, signature))
    }

    /// The checks that need no body: a key to check with, a signature header of the right
    /// form for its algorithm, and a URL to check it against. The framework integrations
    /// run this before they read a byte of the body; [`verify`](Validator::verify) runs it
    /// too.
    ///
    /// # Errors
    ///
    /// The [`SignatureError`] that says why the request is refused.
    pub fn precheck(&self, request: &WebhookRequest<'_>) -> Result<(), SignatureError> {
        self.head(request).map(|_| ())
    }

    fn head(&self, request: &WebhookRequest<'_>) -> Result<Head, SignatureError> {
        if !self.has_keys() {
            return Err(SignatureError::NoAuthToken);
        }
        let signature = request.signature.ok_or(SignatureError::MissingSignature)?;
        let algorithm = Algorithm::from_settings(request.signature_settings)?;
        let tag = decode_signature(signature, algorithm)?;
        let urls = with_port_variants(&self.base_urls(request)?);
        Ok(Head {
            algorithm,
            tag,
            urls,
        })
    }

    /// Checks a whole request: a signature of the right form, then the URL, then the body
    /// within the limits, then the signature over the URL and the form's parameters, or
    /// over the URL and the body's `bodySHA256`.
    ///
    /// A request without a body is checked against its URL alone (a GET request, whose
    /// parameters are in the query). A body that is neither a form nor covered by
    /// `bodySHA256` is refused: the signature would not cover it. A form is decoded
    /// strictly: a body that is not UTF-8 once decoded is refused.
    ///
    /// # Errors
    ///
    /// The [`SignatureError`] that says why the request is not Twilio's.
    pub fn verify(&self, request: &WebhookRequest<'_>) -> Result<Verified, SignatureError> {
        let head = self.head(request)?;
        if request.body.len() > self.inner.max_body_bytes {
            return Err(SignatureError::BodyTooLarge);
        }
        let keys = self.keys_for(request.signature_settings);

        if query_parameter(request.path_and_query, BODY_HASH_PARAMETER).is_some() {
            // The cheap check first: the URL is short, the body may be long.
            let verified = head
                .matching(&keys, &NO_PARAMS)
                .ok_or(SignatureError::InvalidSignature)?;
            // Checked on the path the server received: the public URL only adds a prefix.
            if !body_hash_matches(request.path_and_query, request.body) {
                return Err(SignatureError::BodyHashMismatch);
            }
            return Ok(verified);
        }

        let form = if is_form(request.content_type) {
            decode_form(request.body, self.inner.max_parameters)?
        } else if request.body.is_empty() {
            Vec::new()
        } else {
            return Err(SignatureError::UnsignedBody);
        };
        let params = signed_order(form.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        head.matching(&keys, &params)
            .ok_or(SignatureError::InvalidSignature)
    }

    /// The keys to try for a request with these signature settings: the shared key it names
    /// when that one is configured, or else every key.
    fn keys_for(&self, settings: Option<&str>) -> Vec<(&str, SigningKey)> {
        let s = &self.inner;
        if let Some(id) = setting(settings, "key")
            && let Some((id, secret)) = s.shared_keys.iter().find(|(known, _)| &**known == id)
        {
            return vec![(&**secret, SigningKey::SharedKey(Arc::clone(id)))];
        }
        let tokens = s
            .auth_tokens
            .iter()
            .enumerate()
            .map(|(i, token)| (&**token, SigningKey::AuthToken(i)));
        let shared = s
            .shared_keys
            .iter()
            .map(|(id, secret)| (&**secret, SigningKey::SharedKey(Arc::clone(id))));
        if settings.is_some() {
            // A request signed with a shared key: its keys first.
            shared
                .chain(tokens)
                .filter(|(k, _)| !k.is_empty())
                .collect()
        } else {
            tokens
                .chain(shared)
                .filter(|(k, _)| !k.is_empty())
                .collect()
        }
    }

    /// The URLs a request may have been signed for, before the port variants.
    fn base_urls(&self, request: &WebhookRequest<'_>) -> Result<Vec<String>, SignatureError> {
        let s = &self.inner;
        let path_and_query = match request.path_and_query {
            "" => "/",
            p => p,
        };
        if let Some(base) = &s.public_url {
            return Ok(vec![format!("{base}{path_and_query}")]);
        }
        let proxied = request
            .peer
            .is_some_and(|peer| s.proxies.iter().any(|proxy| proxy.contains(peer)));
        let host = match last(request.forwarded_host) {
            Some(forwarded) if proxied => forwarded,
            _ => request.host.ok_or(SignatureError::UnknownUrl)?,
        };
        if !self.host_allowed(host) {
            return Err(SignatureError::HostNotAllowed);
        }
        let schemes: &[&str] = match last(request.forwarded_proto) {
            Some(proto) if proxied && proto.eq_ignore_ascii_case("https") => &["https"],
            Some(proto) if proxied && proto.eq_ignore_ascii_case("http") => &["http"],
            Some(_) if proxied => return Err(SignatureError::UnknownUrl),
            _ if s.http => &["https", "http"],
            _ => &["https"],
        };
        Ok(schemes
            .iter()
            .map(|scheme| format!("{scheme}://{host}{path_and_query}"))
            .collect())
    }

    fn host_allowed(&self, host: &str) -> bool {
        let s = &self.inner;
        // A host is a name and maybe a port; anything else cannot be one.
        if host.is_empty() || host.contains(['/', '?', '#', '@', ' ']) {
            return false;
        }
        if s.any_host {
            return true;
        }
        let name = host_name(host);
        s.allowed_hosts
            .iter()
            .any(|allowed| host_name(allowed).eq_ignore_ascii_case(name))
    }
}

/// The last value of a forwarded header, the one the nearest proxy set.
fn last(header: Option<&str>) -> Option<&str> {
    header
        .and_then(|value| value.rsplit(',').next())
        .map(str::trim)
        .filter(|value| !value.is_empty())
}

/// The name of `host[:port]`, without the port (`[::1]:443` gives `[::1]`).
fn host_name(host: &str) -> &str {
    let after_literal = host.rfind(']').map_or(0, |bracket| bracket + 1);
    match host[after_literal..].rfind(':') {
        Some(colon) => &host[..after_literal + colon],
        None => host,
    }
}

/// The signature, the URLs and the algorithm of a request, settled before its body is read.
struct Head {
    algorithm: Algorithm,
    tag: Vec<u8>,
    urls: Vec<String>,
}

impl Head {
    fn matching<K: AsRef<str>, V: AsRef<str>>(
        &self,
        keys: &[(&str, SigningKey)],
        params: &[(K, V)],
    ) -> Option<Verified> {
        keys.iter().find_map(|(secret, key)| {
            let url = matching_url(self.algorithm, secret, &self.urls, params, &self.tag)?;
            Some(Verified {
                algorithm: self.algorithm,
                key: key.clone(),
                url: url.to_string(),
            })
        })
    }
}

/// The signature's bytes, when it is the base64 of a signature of `algorithm`'s length.
fn decode_signature(signature: &str, algorithm: Algorithm) -> Result<Vec<u8>, SignatureError> {
    let signature = signature.trim();
    // Four base64 characters for every three bytes, rounded up: refuse a long header before
    // decoding it.
    if signature.len() != algorithm.signature_len().div_ceil(3) * 4 {
        return Err(SignatureError::MalformedSignature);
    }
    match BASE64.decode(signature) {
        Ok(tag) if tag.len() == algorithm.signature_len() => Ok(tag),
        _ => Err(SignatureError::MalformedSignature),
    }
}

/// Whether the content type is a form's (`application/x-www-form-urlencoded`, with or
/// without parameters).
fn is_form(content_type: Option<&str>) -> bool {
    content_type
        .and_then(|value| value.split(';').next())
        .is_some_and(|essence| {
            essence
                .trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        })
}

/// A form body's parameters, decoded as a form is (`+` is a space, `%XX` a byte, and a `%`
/// that starts no escape stays), refusing more than `max_parameters` of them before any is
/// decoded, and any that is not UTF-8 once decoded.
fn decode_form(
    body: &[u8],
    max_parameters: usize,
) -> Result<Vec<(String, String)>, SignatureError> {
    let pairs = || body.split(|&b| b == b'&').filter(|pair| !pair.is_empty());
    if pairs().nth(max_parameters).is_some() {
        return Err(SignatureError::TooManyParameters);
    }
    pairs()
        .map(|pair| {
            let (name, value) = match pair.iter().position(|&b| b == b'=') {
                Some(equals) => (&pair[..equals], &pair[equals + 1..]),
                None => (pair, &[][..]),
            };
            Ok((form_decode(name)?, form_decode(value)?))
        })
        .collect()
}

fn form_decode(encoded: &[u8]) -> Result<String, SignatureError> {
    let hex = |b: u8| match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    };
    let mut out = Vec::with_capacity(encoded.len());
    let mut i = 0;
    while i < encoded.len() {
        match encoded[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let escape = encoded
                    .get(i + 1)
                    .copied()
                    .and_then(hex)
                    .zip(encoded.get(i + 2).copied().and_then(hex));
                if let Some((high, low)) = escape {
                    out.push(high << 4 | low);
                    i += 3;
                    continue;
                }
                out.push(b'%');
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| SignatureError::InvalidEncoding)
}

/// Parameters in the order Twilio signs them: by name, then by value, each pair once.
fn signed_order<K, V>(params: impl IntoIterator<Item = (K, V)>) -> Vec<(K, V)>
where
    K: AsRef<str>,
    V: AsRef<str>,
{
    let mut params: Vec<(K, V)> = params.into_iter().collect();
    params
        .sort_by(|(ak, av), (bk, bv)| (ak.as_ref(), av.as_ref()).cmp(&(bk.as_ref(), bv.as_ref())));
    params.dedup_by(|(ak, av), (bk, bv)| ak.as_ref() == bk.as_ref() && av.as_ref() == bv.as_ref());
    params
}

/// The HMAC of `algorithm` under `key` over `url` and the (ordered) parameters.
fn hmac<K: AsRef<str>, V: AsRef<str>>(
    algorithm: Algorithm,
    key: &[u8],
    url: &str,
    params: &[(K, V)],
) -> Vec<u8> {
    fn run<M: Mac + KeyInit, K: AsRef<str>, V: AsRef<str>>(
        key: &[u8],
        url: &str,
        params: &[(K, V)],
    ) -> Vec<u8> {
        // HMAC takes a key of any length.
        let Ok(mut mac) = <M as KeyInit>::new_from_slice(key) else {
            return Vec::new();
        };
        mac.update(url.as_bytes());
        for (name, value) in params {
            mac.update(name.as_ref().as_bytes());
            mac.update(value.as_ref().as_bytes());
        }
        mac.finalize().into_bytes().to_vec()
    }
    match algorithm {
        Algorithm::HmacSha1 => run::<Hmac<Sha1>, K, V>(key, url, params),
        Algorithm::HmacSha256 => run::<Hmac<Sha256>, K, V>(key, url, params),
    }
}

/// The first of `urls` whose HMAC under `key` with `params` is `tag`. The comparison takes
/// the same time wherever the two differ.
fn matching_url<'u, K: AsRef<str>, V: AsRef<str>>(
    algorithm: Algorithm,
    key: &str,
    urls: &'u [String],
    params: &[(K, V)],
    tag: &[u8],
) -> Option<&'u str> {
    // Anyone can compute an HMAC under the empty key: an unset token must trust nothing.
    if key.is_empty() {
        return None;
    }
    urls.iter()
        .find(|url| constant_time_eq(&hmac(algorithm, key.as_bytes(), url, params), tag))
        .map(String::as_str)
}

/// Each URL, followed by its port variant when it has one that is not already listed.
fn with_port_variants(urls: &[String]) -> Vec<String> {
    let mut all: Vec<String> = urls.to_vec();
    for url in urls {
        if let Some(other) = port_variant(url)
            && !all.contains(&other)
        {
            all.push(other);
        }
    }
    all
}

/// The URL with its port removed when it has one, or with its scheme's default port added
/// when it has none, as Twilio's SDKs try both; `None` without a scheme and an authority.
fn port_variant(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    // `user:password@host:port`: the port follows the last `:` after the user part and after
    // the `]` of an IPv6 literal (`[::1]:443`).
    let (user, host_port) = match authority.rfind('@') {
        Some(at) => authority.split_at(at + 1),
        None => ("", authority),
    };
    let after_literal = host_port.rfind(']').map_or(0, |bracket| bracket + 1);
    let port_colon = host_port
        .get(after_literal..)
        .and_then(|tail| tail.rfind(':'))
        .map(|colon| after_literal + colon);
    match port_colon {
        None if host_port.is_empty() => None,
        None => {
            let default_port = if scheme.eq_ignore_ascii_case("https") {
                443
            } else {
                80
            };
            Some(format!("{scheme}://{authority}:{default_port}{tail}"))
        }
        Some(colon) => {
            let (host, port) = host_port.split_at(colon);
            let digits = &port[1..];
            (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
                .then(|| format!("{scheme}://{user}{host}{tail}"))
        }
    }
}

/// The first non-empty value of the query parameter `name` in `url` (a whole URL or a path
/// and query), as Twilio's SDKs read it: a parameter with an empty value counts as absent.
fn query_parameter(url: &str, name: &str) -> Option<String> {
    let (_, query) = url.split_once('?')?;
    let query = query.split('#').next().unwrap_or(query);
    query
        .split('&')
        .filter_map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let key = form_decode(key.as_bytes()).ok()?;
            (key == name).then(|| form_decode(value.as_bytes()).ok())?
        })
        .find(|value| !value.is_empty())
}

/// Whether `url`'s `bodySHA256` is the hex SHA-256 of `body`.
fn body_hash_matches(url: &str, body: &[u8]) -> bool {
    let Some(expected) = query_parameter(url, BODY_HASH_PARAMETER) else {
        return false;
    };
    let actual: String = Sha256::digest(body)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    constant_time_eq(expected.as_bytes(), actual.as_bytes())
}

/// Compares without stopping at the first difference. The lengths are public (a signature
/// or a SHA-256 in hex has a fixed length), so a length mismatch may return at once.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports_are_removed_or_added_as_the_sdks_do() {
        let variant = |url| port_variant(url);
        assert_eq!(
            variant("https://example.com/voice").as_deref(),
            Some("https://example.com:443/voice")
        );
        assert_eq!(
            variant("https://example.com:443/voice?a=1").as_deref(),
            Some("https://example.com/voice?a=1")
        );
        assert_eq!(
            variant("http://example.com").as_deref(),
            Some("http://example.com:80")
        );
        assert_eq!(
            variant("HTTP://user:pw@example.com:80?x").as_deref(),
            Some("HTTP://user:pw@example.com?x")
        );
        assert_eq!(
            variant("https://[::1]/v").as_deref(),
            Some("https://[::1]:443/v")
        );
        assert_eq!(
            variant("https://[::1]:443/v").as_deref(),
            Some("https://[::1]/v")
        );
        // Any port is removed, as twilio-python removes `:1234`.
        assert_eq!(
            variant("https://example.com:8443/voice").as_deref(),
            Some("https://example.com/voice")
        );
        assert_eq!(
            variant("http://example.com:443/voice").as_deref(),
            Some("http://example.com/voice")
        );
        assert_eq!(variant("https://example.com:x/voice"), None);
        assert_eq!(variant("/voice"), None);
        for odd in [
            "https://",
            "https://:",
            "https://@:/",
            "https://[",
            "https://]:",
            "https://é:1",
        ] {
            let _ = variant(odd);
        }
    }

    #[test]
    fn query_parameters_read_like_the_sdks() {
        assert_eq!(
            query_parameter("/e?a=1&bodySHA256=ab%63#frag", "bodySHA256").as_deref(),
            Some("abc")
        );
        assert_eq!(query_parameter("/e", "bodySHA256"), None);
        assert_eq!(query_parameter("/e?bodySHA256=", "bodySHA256"), None);
        assert_eq!(
            query_parameter("/e?bodySHA256=&bodySHA256=x", "bodySHA256").as_deref(),
            Some("x")
        );
    }

    #[test]
    fn form_content_types() {
        assert!(is_form(Some("application/x-www-form-urlencoded")));
        assert!(is_form(Some(
            "Application/X-WWW-Form-Urlencoded; charset=utf-8"
        )));
        assert!(!is_form(Some("application/json")));
        assert!(!is_form(None));
    }

    #[test]
    fn forms_decode_strictly() {
        let decoded = decode_form(b"a=1+2&b=%41%zz%&&c&=d&e=x=y", 10).unwrap();
        let pairs: Vec<(&str, &str)> = decoded
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("a", "1 2"),
                ("b", "A%zz%"),
                ("c", ""),
                ("", "d"),
                ("e", "x=y")
            ]
        );
        assert_eq!(
            decode_form(b"a=%FF", 10),
            Err(SignatureError::InvalidEncoding)
        );
        assert_eq!(
            decode_form(b"a=\xc3", 10),
            Err(SignatureError::InvalidEncoding)
        );
        assert_eq!(
            decode_form(b"a=1&b=2&c=3", 2),
            Err(SignatureError::TooManyParameters)
        );
        assert_eq!(decode_form(b"a=1&&&b=2", 2).map(|f| f.len()), Ok(2));
    }

    #[test]
    fn signatures_are_decoded_to_their_algorithms_length() {
        let sha1 = BASE64.encode([7u8; 20]);
        let sha256 = BASE64.encode([7u8; 32]);
        assert!(decode_signature(&sha1, Algorithm::HmacSha1).is_ok());
        assert!(decode_signature(&format!(" {sha1}\t"), Algorithm::HmacSha1).is_ok());
        assert!(decode_signature(&sha256, Algorithm::HmacSha256).is_ok());
        for bad in [
            &sha256[..],
            "",
            "AAAA",
            "not base64 at all, not at all!",
            "0/KCTR6DLpKmkAf8muzZqo1nDgR=",
        ] {
            assert_eq!(
                decode_signature(bad, Algorithm::HmacSha1),
                Err(SignatureError::MalformedSignature),
                "{bad}"
            );
        }
        assert_eq!(
            decode_signature(&sha1, Algorithm::HmacSha256),
            Err(SignatureError::MalformedSignature)
        );
    }

    #[test]
    fn settings_headers_read_like_the_sdks() {
        let read = |header| Algorithm::from_settings(header);
        assert_eq!(read(None), Ok(Algorithm::HmacSha1));
        assert_eq!(read(Some("")), Ok(Algorithm::HmacSha1));
        assert_eq!(read(Some("key=KS1")), Ok(Algorithm::HmacSha1));
        assert_eq!(read(Some("algorithm=")), Ok(Algorithm::HmacSha1));
        assert_eq!(
            read(Some("key=KS1, algorithm = hmac_sha256 ")),
            Ok(Algorithm::HmacSha256)
        );
        assert_eq!(
            read(Some("algorithm=HMAC_SHA512")),
            Err(SignatureError::UnsupportedAlgorithm)
        );
        assert_eq!(setting(Some("key=KS1,algorithm=X"), "key"), Some("KS1"));
    }

    #[test]
    fn trusted_proxies_parse_and_match() {
        let net: TrustedProxy = "10.0.0.0/8".parse().unwrap();
        assert!(net.contains("10.255.0.1".parse().unwrap()));
        assert!(net.contains("::ffff:10.0.0.1".parse().unwrap()));
        assert!(!net.contains("11.0.0.1".parse().unwrap()));
        let all: TrustedProxy = "0.0.0.0/0".parse().unwrap();
        assert!(all.contains("203.0.113.9".parse().unwrap()));
        let one: TrustedProxy = "::1".parse().unwrap();
        assert!(one.contains("::1".parse().unwrap()));
        assert!(!one.contains("127.0.0.1".parse().unwrap()));
        for bad in ["", "10.0.0.0/33", "host", "::/129", "10.0.0.0/x"] {
            assert!(bad.parse::<TrustedProxy>().is_err(), "{bad}");
        }
    }

    #[test]
    fn host_names_drop_their_port() {
        assert_eq!(host_name("example.com:8443"), "example.com");
        assert_eq!(host_name("example.com"), "example.com");
        assert_eq!(host_name("[::1]:443"), "[::1]");
        assert_eq!(host_name("[::1]"), "[::1]");
    }

    #[test]
    fn the_keys_are_not_in_debug_output() {
        let validator = Validator::new("s3cr3t-t0k3n")
            .auth_token("n3xt-t0k3n")
            .shared_key("KS123", "sh4r3d-s3cr3t")
            .public_url("https://example.com/");
        let debug = format!("{validator:?}");
        for secret in ["s3cr3t", "n3xt", "sh4r3d"] {
            assert!(!debug.contains(secret), "{debug}");
        }
        assert!(debug.contains("KS123"), "{debug}");
        assert_eq!(
            validator.configured_public_url(),
            Some("https://example.com")
        );
    }
}
