//! Plays Twilio in the serving tests: signs requests the way Twilio does, with an HMAC-SHA1
//! and base64 written here from their specifications (FIPS 180-4, RFC 2104, RFC 4648),
//! independent of the crates the library uses, and sends them with a real HTTP client.
//!
//! The signer is itself checked against vectors computed with Python's `hmac` module and
//! against the example of Twilio's security guide (`tests/webhook.rs`).

#![allow(dead_code, unreachable_pub)]

use std::time::Duration;

/// The auth token of the test account.
pub const AUTH_TOKEN: &str = "a-test-auth-token";

/// The URL the test servers are configured with: Twilio signs it, whatever port the server
/// listens on.
pub const PUBLIC_URL: &str = "https://ivr.example.com";

/// A JSON body, its SHA-256 in hex, and Twilio's signature over
/// `https://ivr.example.com/events?bodySHA256=<hash>` with [`AUTH_TOKEN`], computed with
/// Python's `hashlib` and `hmac` (`python3 -c` with `hashlib.sha256(body).hexdigest()`, then
/// `base64.b64encode(hmac.new(token, url, hashlib.sha1).digest())`).
pub const JSON_BODY: &str =
    r#"{"CallSid":"CA0123456789abcdef0123456789abcdef","CallStatus":"completed"}"#;
/// See [`JSON_BODY`].
pub const JSON_BODY_SHA256: &str =
    "a711eb883e74c37e523a26b22ee95f327f89fd4d1d1dfea038b1689cfde2bd6f";
/// See [`JSON_BODY`].
pub const JSON_SIGNATURE: &str = "SOuSjS/Dav7Ojexw74KxrvHRY8E=";

/// SHA-1 of `message` (FIPS 180-4, section 6.1).
pub fn sha1(message: &[u8]) -> [u8; 20] {
    let mut h: [u32; 5] = [
        0x6745_2301,
        0xEFCD_AB89,
        0x98BA_DCFE,
        0x1032_5476,
        0xC3D2_E1F0,
    ];
    let mut padded = message.to_vec();
    padded.push(0x80);
    while padded.len() % 64 != 56 {
        padded.push(0);
    }
    padded.extend_from_slice(&(message.len() as u64 * 8).to_be_bytes());
    for block in padded.chunks(64) {
        let mut w = [0u32; 80];
        for (t, word) in block.chunks(4).enumerate() {
            w[t] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for t in 16..80 {
            w[t] = (w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16]).rotate_left(1);
        }
        let [mut a, mut b, mut c, mut d, mut e] = h;
        for (t, &wt) in w.iter().enumerate() {
            let (f, k) = match t {
                0..=19 => ((b & c) | (!b & d), 0x5A82_7999),
                20..=39 => (b ^ c ^ d, 0x6ED9_EBA1),
                40..=59 => ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC),
                _ => (b ^ c ^ d, 0xCA62_C1D6),
            };
            let temp = a
                .rotate_left(5)
                .wrapping_add(f)
                .wrapping_add(e)
                .wrapping_add(k)
                .wrapping_add(wt);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = temp;
        }
        for (state, value) in h.iter_mut().zip([a, b, c, d, e]) {
            *state = state.wrapping_add(value);
        }
    }
    let mut digest = [0u8; 20];
    for (out, word) in digest.chunks_mut(4).zip(h) {
        out.copy_from_slice(&word.to_be_bytes());
    }
    digest
}

/// HMAC-SHA1 of `message` under `key` (RFC 2104, 64-byte blocks).
pub fn hmac_sha1(key: &[u8], message: &[u8]) -> [u8; 20] {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..20].copy_from_slice(&sha1(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let inner: Vec<u8> = block
        .iter()
        .map(|b| b ^ 0x36)
        .chain(message.iter().copied())
        .collect();
    let outer: Vec<u8> = block.iter().map(|b| b ^ 0x5c).chain(sha1(&inner)).collect();
    sha1(&outer)
}

/// Base64 with padding (RFC 4648, section 4).
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (u32::from(b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Twilio's signature: the URL, then each parameter's name and value sorted by name (then
/// value), a value repeated under one name once, HMAC-SHA1 under the auth token, in base64.
pub fn sign(auth_token: &str, url: &str, params: &[(&str, &str)]) -> String {
    let mut params = params.to_vec();
    params.sort();
    params.dedup();
    let mut message = url.to_string();
    for (name, value) in params {
        message.push_str(name);
        message.push_str(value);
    }
    base64(&hmac_sha1(auth_token.as_bytes(), message.as_bytes()))
}

/// What a server answered.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub content_type: Option<String>,
    pub body: String,
}

/// Sends requests to a server on this machine, the way Twilio would.
pub struct Client {
    base: String,
    agent: ureq::Agent,
}

impl Client {
    /// A client for the server at `address` (`127.0.0.1:PORT`).
    pub fn new(address: std::net::SocketAddr) -> Self {
        let agent = ureq::Agent::config_builder()
            // 4xx and 5xx are answers to check, not failures of the client.
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(10)))
            .build()
            .into();
        Client {
            base: format!("http://{address}"),
            agent,
        }
    }

    /// POSTs `params` as a form to `path`, with `signature` (none when `None`).
    pub fn post_form(
        &self,
        path: &str,
        params: &[(&str, &str)],
        signature: Option<&str>,
    ) -> Answer {
        let body = form(params);
        self.post(
            path,
            "application/x-www-form-urlencoded",
            body.as_bytes(),
            signature,
        )
    }

    /// POSTs `params` to `path`, signed by Twilio for [`PUBLIC_URL`] and `path`.
    pub fn post_signed(&self, path: &str, params: &[(&str, &str)]) -> Answer {
        let signature = sign(AUTH_TOKEN, &format!("{PUBLIC_URL}{path}"), params);
        self.post_form(path, params, Some(&signature))
    }

    /// POSTs a body of any type.
    pub fn post(
        &self,
        path: &str,
        content_type: &str,
        body: &[u8],
        signature: Option<&str>,
    ) -> Answer {
        let mut request = self
            .agent
            .post(format!("{}{path}", self.base))
            .content_type(content_type);
        if let Some(signature) = signature {
            request = request.header("X-Twilio-Signature", signature);
        }
        answer(request.send(body))
    }

    /// GETs `path_and_query`, with `signature` (none when `None`).
    pub fn get(&self, path_and_query: &str, signature: Option<&str>) -> Answer {
        let mut request = self.agent.get(format!("{}{path_and_query}", self.base));
        if let Some(signature) = signature {
            request = request.header("X-Twilio-Signature", signature);
        }
        answer(request.call())
    }
}

fn answer(result: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Answer {
    let mut response = result.unwrap_or_else(|e| panic!("the request failed: {e}"));
    let content_type = response
        .headers()
        .get("content-type")
        .map(|value| value.to_str().unwrap_or("(not text)").to_string());
    let status = response.status().as_u16();
    let body = response
        .body_mut()
        .read_to_string()
        .unwrap_or_else(|e| panic!("the body could not be read: {e}"));
    Answer {
        status,
        content_type,
        body,
    }
}

/// A form body, percent-encoded as browsers and Twilio do (`+` for spaces).
pub fn form(params: &[(&str, &str)]) -> String {
    let encode = |text: &str| {
        text.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                    char::from(b).to_string()
                }
                b' ' => "+".to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    params
        .iter()
        .map(|(name, value)| format!("{}={}", encode(name), encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The parameters of an incoming call, as Twilio sends them to the voice URL.
pub fn incoming_call() -> Vec<(&'static str, &'static str)> {
    vec![
        ("AccountSid", "AC0123456789abcdef0123456789abcdef"),
        ("ApiVersion", "2010-04-01"),
        ("CallSid", "CA0123456789abcdef0123456789abcdef"),
        ("CallStatus", "ringing"),
        ("Called", "+18005550100"),
        ("Caller", "+14155550123"),
        ("Direction", "inbound"),
        ("From", "+14155550123"),
        ("FromCountry", "US"),
        ("FromState", "CA"),
        ("To", "+18005550100"),
        ("ToCountry", "US"),
    ]
}

/// The parameters of the `<Gather>` action after the caller pressed `digits`.
pub fn gathered(digits: &'static str) -> Vec<(&'static str, &'static str)> {
    let mut params = incoming_call();
    params.retain(|(name, _)| *name != "CallStatus");
    params.push(("CallStatus", "in-progress"));
    params.push(("Digits", digits));
    params.push(("FinishedOnKey", ""));
    params
}

/// A request written byte for byte on a socket, for what an HTTP client will not send: a
/// `Content-Length` with no body behind it, a body that is not UTF-8. Returns the status
/// of the answer, and its body.
///
/// `head` holds the request line and headers, each line ending in `\r\n`, without the blank
/// line; `body` follows it. The server must answer without waiting for more: a read that
/// waits 30 seconds fails the test, saying so.
pub fn raw_request(address: std::net::SocketAddr, head: &str, body: &[u8]) -> (u16, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(address).expect("a connection");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("a read timeout");
    let host = if head.to_ascii_lowercase().contains("\r\nhost:") {
        ""
    } else {
        "Host: ivr.example.com\r\n"
    };
    let mut request = format!("{head}{host}\r\n").into_bytes();
    request.extend_from_slice(body);
    // The server may answer and close before it has read everything: that is the point.
    let _ = stream.write_all(&request);
    let mut answer = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        match stream.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => {
                answer.extend_from_slice(&chunk[..n]);
                if complete(&answer) {
                    break;
                }
            }
            Err(e)
                if e.kind() == std::io::ErrorKind::WouldBlock
                    || e.kind() == std::io::ErrorKind::TimedOut =>
            {
                panic!(
                    "no answer within 30 s: the server waited for the body ({} bytes read)",
                    answer.len()
                )
            }
            // A reset after the answer was written: the server closed a connection whose
            // body it did not read.
            Err(_) if complete(&answer) => break,
            Err(e) => panic!("the connection failed before an answer: {e}"),
        }
    }
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP answer: {text:?}"));
    let body = text
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_string();
    (status, body)
}

/// Whether `answer` holds a whole HTTP response: the head, and a body of its
/// `Content-Length`.
fn complete(answer: &[u8]) -> bool {
    let text = String::from_utf8_lossy(answer);
    let Some((head, body)) = text.split_once("\r\n\r\n") else {
        return false;
    };
    let length = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<usize>().ok())?
        })
        .unwrap_or(0);
    body.len() >= length
}

/// A form of `count` parameters, `P0=v&P1=v...`, and the pairs it holds.
pub fn many_parameters(count: usize) -> Vec<(String, String)> {
    (0..count)
        .map(|i| (format!("P{i}"), "v".to_string()))
        .collect()
}
