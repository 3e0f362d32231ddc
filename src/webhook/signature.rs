//! Twilio's request signature, `X-Twilio-Signature`.
//!
//! Twilio computes an HMAC-SHA1, keyed with the account's auth token, over the URL it
//! requested followed by each POST parameter's name and value, sorted by name, and sends it
//! base64-encoded. For a JSON body it puts the hex SHA-256 of the body in the URL's
//! `bodySHA256` query parameter and signs the URL alone. Because proxies and libraries add
//! or drop a scheme's default port, a signature over `https://example.com:443/voice` and one
//! over `https://example.com/voice` are both accepted, as Twilio's own libraries do.

use std::fmt;
use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256};

type HmacSha1 = Hmac<Sha1>;

/// The header that carries Twilio's signature.
pub const SIGNATURE_HEADER: &str = "X-Twilio-Signature";

/// The query parameter that carries the SHA-256 of a JSON body.
const BODY_HASH_PARAMETER: &str = "bodySHA256";

/// The POST parameters of a request whose body is not a form.
const NO_PARAMS: &[(&str, &str)] = &[];

/// The signature Twilio sends for a request to `url` with the POST parameters `params` (none
/// for a GET request or a JSON body), base64-encoded.
///
/// For tests that play Twilio, and for checking a signature by hand; servers use
/// [`validate_signature`] or a [`Validator`].
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
    let params = sorted(params);
    match keyed_mac(auth_token, url, &params) {
        Some(mac) => BASE64.encode(mac.finalize().into_bytes()),
        None => String::new(),
    }
}

/// Whether `signature` (the `X-Twilio-Signature` header) is Twilio's for a request to `url`
/// with the POST parameters `params` (none for a GET request), signed with `auth_token`.
///
/// `url` is the URL Twilio requested, query included, as configured in Twilio (behind a
/// proxy, not the one your server sees). The URL with the scheme's default port added or
/// removed is accepted too. The comparison takes the same time wherever the signatures
/// differ. An empty `auth_token` validates nothing.
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
    let params = sorted(params);
    signature_matches(auth_token, &[url], &params, signature)
}

/// Whether a request with a JSON (or any non-form) body is Twilio's: the `bodySHA256` query
/// parameter of `url` is the hex SHA-256 of `body`, and `signature` is Twilio's for `url`
/// with no POST parameters. A `url` without `bodySHA256` is refused.
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
    body_hash_matches(url, body) && signature_matches(auth_token, &[url], NO_PARAMS, signature)
}

/// Why a request was refused as not coming from Twilio. Every one answers 403.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignatureError {
    /// The request has no `X-Twilio-Signature` header.
    MissingSignature,
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
    /// There is no URL to check the signature against: no public URL is configured and the
    /// request has no `Host`.
    UnknownUrl,
    /// The validator's auth token is empty (an unset variable, most likely), so no signature
    /// can be trusted: anyone can sign with an empty key.
    NoAuthToken,
}

impl SignatureError {
    /// The HTTP status to answer with: 403 Forbidden.
    pub const fn status(self) -> u16 {
        403
    }
}

impl fmt::Display for SignatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SignatureError::MissingSignature => "the request has no X-Twilio-Signature header",
            SignatureError::InvalidSignature => {
                "the X-Twilio-Signature is not Twilio's for this URL and body"
            }
            SignatureError::BodyHashMismatch => "the body does not match its bodySHA256",
            SignatureError::UnsignedBody => {
                "the body is neither a form nor covered by bodySHA256, so it is not signed"
            }
            SignatureError::UnknownUrl => {
                "no public URL is configured and the request has no Host to rebuild it from"
            }
            SignatureError::NoAuthToken => "the validator's auth token is empty",
        })
    }
}

impl std::error::Error for SignatureError {}

/// What a server knows of a request, for [`Validator::verify`]. The framework integrations
/// fill it in; other servers can too.
#[derive(Debug, Clone, Copy)]
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
    /// The whole body.
    pub body: &'a [u8],
}

/// Checks that requests come from Twilio: the auth token, and where Twilio sends them.
///
/// Twilio signs the URL it requested. Behind a proxy or a tunnel, the server sees another
/// one, so give the public one with [`public_url`](Validator::public_url): the request's
/// path and query are appended to it. Without it, the URL is rebuilt from the `Host` header,
/// with either scheme, since a server behind a TLS terminator cannot tell which was used.
///
/// The auth token never shows in `Debug` output. Cloning is cheap.
#[derive(Clone)]
pub struct Validator {
    auth_token: Arc<str>,
    public_url: Option<Arc<str>>,
}

impl fmt::Debug for Validator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Validator")
            .field("auth_token", &"<redacted>")
            .field("public_url", &self.public_url)
            .finish()
    }
}

impl Validator {
    /// A validator for requests signed with `auth_token`, the primary auth token of the
    /// account (or subaccount) that owns the number. With an empty token, every request is
    /// refused ([`SignatureError::NoAuthToken`]).
    pub fn new(auth_token: impl Into<String>) -> Self {
        Validator {
            auth_token: Arc::from(auth_token.into()),
            public_url: None,
        }
    }

    /// The URL your server is reached at from the internet, without a trailing slash
    /// (`https://ivr.example.com`, or `https://example.com/twilio` when a proxy strips the
    /// `/twilio` prefix): each request's path and query are appended to it.
    pub fn public_url(mut self, base: impl Into<String>) -> Self {
        let base = base.into();
        self.public_url = Some(Arc::from(base.trim_end_matches('/')));
        self
    }

    /// The public URL, if one is configured.
    pub fn configured_public_url(&self) -> Option<&str> {
        self.public_url.as_deref()
    }

    /// The URL a request is checked against: the public URL, or else `https://` and the
    /// `host`, followed by `path_and_query`. `None` when there is neither a public URL nor a
    /// host. For logs: the check also accepts the other scheme and the default port.
    pub fn request_url(&self, host: Option<&str>, path_and_query: &str) -> Option<String> {
        self.candidate_urls(host, path_and_query).into_iter().next()
    }

    /// [`validate_signature`] with this validator's auth token.
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
        validate_signature(&self.auth_token, url, params, signature)
    }

    /// [`validate_body_signature`] with this validator's auth token.
    pub fn validate_body(&self, url: &str, body: &[u8], signature: &str) -> bool {
        validate_body_signature(&self.auth_token, url, body, signature)
    }

    /// Checks a whole request: rebuilds its URL, reads the POST parameters of a form body,
    /// or checks a JSON body against `bodySHA256`, and checks the signature.
    ///
    /// A request without a body is checked against its URL alone (a GET request, whose
    /// parameters are in the query). A body that is neither a form nor covered by
    /// `bodySHA256` is refused: the signature would not cover it.
    ///
    /// # Errors
    ///
    /// The [`SignatureError`] that says why the request is not Twilio's.
    pub fn verify(&self, request: &WebhookRequest<'_>) -> Result<(), SignatureError> {
        if self.auth_token.is_empty() {
            return Err(SignatureError::NoAuthToken);
        }
        let signature = request.signature.ok_or(SignatureError::MissingSignature)?;
        let urls = self.candidate_urls(request.host, request.path_and_query);
        let urls: Vec<&str> = urls.iter().map(String::as_str).collect();
        if urls.is_empty() {
            return Err(SignatureError::UnknownUrl);
        }

        if query_parameter(request.path_and_query, BODY_HASH_PARAMETER).is_some() {
            if !signature_matches(&self.auth_token, &urls, NO_PARAMS, signature) {
                return Err(SignatureError::InvalidSignature);
            }
            // Checked on the path the server received: the public URL only adds a prefix.
            if !body_hash_matches(request.path_and_query, request.body) {
                return Err(SignatureError::BodyHashMismatch);
            }
            return Ok(());
        }

        let form: Vec<(String, String)> = if is_form(request.content_type) {
            // Decoding a form cannot fail: bad escapes and bytes are taken as they are.
            serde_urlencoded::from_bytes(request.body)
                .map_err(|_| SignatureError::InvalidSignature)?
        } else if request.body.is_empty() {
            Vec::new()
        } else {
            return Err(SignatureError::UnsignedBody);
        };
        let params = sorted(form.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        if signature_matches(&self.auth_token, &urls, &params, signature) {
            Ok(())
        } else {
            Err(SignatureError::InvalidSignature)
        }
    }

    /// The URLs a request may have been signed for, most likely first, before the port
    /// variants.
    fn candidate_urls(&self, host: Option<&str>, path_and_query: &str) -> Vec<String> {
        let path_and_query = match path_and_query {
            "" => "/",
            p => p,
        };
        match (&self.public_url, host) {
            (Some(base), _) => vec![format!("{base}{path_and_query}")],
            (None, Some(host)) => vec![
                format!("https://{host}{path_and_query}"),
                format!("http://{host}{path_and_query}"),
            ],
            (None, None) => Vec::new(),
        }
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

/// Parameters in the order Twilio signs them: by name, then by value for a repeated name.
fn sorted<K, V>(params: impl IntoIterator<Item = (K, V)>) -> Vec<(K, V)>
where
    K: AsRef<str>,
    V: AsRef<str>,
{
    let mut params: Vec<(K, V)> = params.into_iter().collect();
    params
        .sort_by(|(ak, av), (bk, bv)| (ak.as_ref(), av.as_ref()).cmp(&(bk.as_ref(), bv.as_ref())));
    params
}

/// The HMAC over `url` and the (sorted) parameters, before finalization.
fn keyed_mac<K: AsRef<str>, V: AsRef<str>>(
    auth_token: &str,
    url: &str,
    params: &[(K, V)],
) -> Option<HmacSha1> {
    // HMAC takes a key of any length, so this never fails; the Option only spares a panic.
    let mut mac = HmacSha1::new_from_slice(auth_token.as_bytes()).ok()?;
    mac.update(url.as_bytes());
    for (name, value) in params {
        mac.update(name.as_ref().as_bytes());
        mac.update(value.as_ref().as_bytes());
    }
    Some(mac)
}

/// Whether `signature` is the HMAC of any of `urls`, or of one of them with the scheme's
/// default port added or removed, with `params` (sorted).
fn signature_matches<K: AsRef<str>, V: AsRef<str>>(
    auth_token: &str,
    urls: &[&str],
    params: &[(K, V)],
    signature: &str,
) -> bool {
    // Anyone can compute an HMAC under the empty key: an unset token must trust nothing.
    if auth_token.is_empty() {
        return false;
    }
    let Ok(tag) = BASE64.decode(signature.trim()) else {
        return false;
    };
    let verifies = |url: &str| {
        keyed_mac(auth_token, url, params).is_some_and(|mac| mac.verify_slice(&tag).is_ok())
    };
    urls.iter().any(|url| {
        // `verify_slice` compares in constant time.
        verifies(url) || port_variant(url).is_some_and(|other| verifies(&other))
    })
}

/// The URL with the default port of its scheme removed when it has it, or added when it has
/// no port; `None` for another port, another scheme, or no scheme.
fn port_variant(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let default_port = if scheme.eq_ignore_ascii_case("https") {
        "443"
    } else if scheme.eq_ignore_ascii_case("http") {
        "80"
    } else {
        return None;
    };
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
        None => Some(format!("{scheme}://{authority}:{default_port}{tail}")),
        Some(colon) => {
            let (host, port) = host_port.split_at(colon);
            (port.get(1..) == Some(default_port)).then(|| format!("{scheme}://{user}{host}{tail}"))
        }
    }
}

/// The first value of the query parameter `name` in `url` (a whole URL or a path and query).
fn query_parameter(url: &str, name: &str) -> Option<String> {
    let (_, query) = url.split_once('?')?;
    let query = query.split('#').next().unwrap_or(query);
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).ok()?;
    pairs
        .into_iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value)
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
    constant_time_eq(expected.to_ascii_lowercase().as_bytes(), actual.as_bytes())
}

/// Compares without stopping at the first difference. The lengths are public (a SHA-256 in
/// hex is always 64 characters), so a length mismatch may return at once.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_ports_are_added_and_removed() {
        assert_eq!(
            port_variant("https://example.com/voice").as_deref(),
            Some("https://example.com:443/voice")
        );
        assert_eq!(
            port_variant("https://example.com:443/voice?a=1").as_deref(),
            Some("https://example.com/voice?a=1")
        );
        assert_eq!(
            port_variant("http://example.com").as_deref(),
            Some("http://example.com:80")
        );
        assert_eq!(
            port_variant("HTTP://user:pw@example.com:80?x").as_deref(),
            Some("HTTP://user:pw@example.com?x")
        );
        assert_eq!(
            port_variant("https://[::1]/v").as_deref(),
            Some("https://[::1]:443/v")
        );
        assert_eq!(
            port_variant("https://[::1]:443/v").as_deref(),
            Some("https://[::1]/v")
        );
        assert_eq!(port_variant("https://example.com:8443/voice"), None);
        assert_eq!(port_variant("http://example.com:443/voice"), None);
        assert_eq!(port_variant("ftp://example.com/voice"), None);
        assert_eq!(port_variant("/voice"), None);
        for odd in [
            "https://",
            "https://:",
            "https://@:/",
            "https://[",
            "https://]:",
        ] {
            let _ = port_variant(odd);
        }
    }

    #[test]
    fn query_parameters() {
        assert_eq!(
            query_parameter("/e?a=1&bodySHA256=ab%63#frag", "bodySHA256").as_deref(),
            Some("abc")
        );
        assert_eq!(query_parameter("/e", "bodySHA256"), None);
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
    fn the_auth_token_is_not_in_debug_output() {
        let validator = Validator::new("s3cr3t-t0k3n").public_url("https://example.com/");
        let debug = format!("{validator:?}");
        assert!(!debug.contains("s3cr3t"), "{debug}");
        assert_eq!(
            validator.configured_public_url(),
            Some("https://example.com")
        );
    }
}
