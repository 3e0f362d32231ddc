#!/usr/bin/env python3
"""Writes tests/data/signature_parity.json: webhook requests signed, and judged, by Twilio's
own Python SDK (twilio-python 9.13.0, `twilio.request_validator`).

    pip install twilio==9.13.0
    python3 scripts/signature_parity.py

Each case is a request as Twilio sends it (the URL it signed, the raw body, the signature
and the algorithm) and as the server receives it, which a tampered case changes: the URL the
server checks, the body, the key. For each, the SDK computes the signature of the genuine
request, and decides whether the received one is valid, the way a Flask app would call it:
a form body decoded into a multi-dict (repeated names kept, decoded as UTF-8 strictly, so a
body that is not UTF-8 is refused), a JSON body passed as its text.

`tests/signature_parity.rs` reads the file and checks that the library computes the same
signatures and reaches the same verdicts. Where the library knowingly differs from the SDK,
the case says so in `divergence`, and `expected` holds the library's verdict.
"""

import base64
import hashlib
import json
import os
import sys
from urllib.parse import parse_qsl, urlsplit

import twilio
from twilio.request_validator import RequestValidator

REQUIRED_VERSION = "9.13.0"
OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "data", "signature_parity.json")

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
TOKEN = "12345"
OTHER_TOKEN = "54321"
SHARED_KEY_ID = "webhooks_sharedkey_0123456789abcdef"
SHARED_SECRET = "a-shared-key-secret"


class MultiDict:
    """The interface of Flask's MultiDict that the SDK reads: names, and `getall`."""

    def __init__(self, pairs):
        self.pairs = list(pairs)

    def __iter__(self):
        return iter([name for name, _ in self.pairs])

    def __len__(self):
        return len(self.pairs)

    def getall(self, name):
        return [value for key, value in self.pairs if key == name]


def decode_form(body: bytes):
    """A form body as a web framework decodes it, strictly: UTF-8 or an error."""
    return parse_qsl(body.decode("utf-8"), keep_blank_values=True, errors="strict")


def sha256_hex(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


CASES = []


def case(
    name,
    url,
    body=b"",
    content_type=FORM,
    *,
    algorithm="HMAC_SHA1",
    token=None,
    received_url=None,
    received_body=None,
    received_token=None,
    signature=None,
    json_body=False,
    divergence=None,
    expected=None,
):
    """Adds a case. `url` and `body` are what Twilio signed; `received_*` what arrives."""
    token = token or (SHARED_SECRET if algorithm == "HMAC_SHA256" else TOKEN)
    signer = RequestValidator(token)
    if json_body:
        url = f"{url}{'&' if '?' in url else '?'}bodySHA256={sha256_hex(body)}"
        signed_params = []
        computed = signer.compute_signature(url, {}, algorithm)
    else:
        signed_params = decode_form(body) if body else []
        computed = signer.compute_signature(url, MultiDict(signed_params), algorithm)
    sent_signature = signature if signature is not None else computed

    received_url = received_url or url
    received_body = body if received_body is None else received_body
    checker = RequestValidator(received_token or token)
    try:
        if json_body or content_type != FORM:
            params = received_body.decode("utf-8")
        else:
            params = MultiDict(decode_form(received_body))
    except UnicodeDecodeError:
        # The framework refuses the body before the SDK is asked.
        params = None
    if params is None:
        python_valid = False
    else:
        try:
            python_valid = checker.validate(received_url, params, sent_signature, algorithm)
        except Exception as error:  # the SDK raises on some inputs: not valid
            python_valid = False
            divergence = divergence or f"twilio-python raises {type(error).__name__}"

    entry = {
        "name": name,
        "algorithm": algorithm,
        "signed_url": url,
        "signed_params": [list(pair) for pair in signed_params],
        "signature": sent_signature,
        "computed_signature": computed,
        "received_url": received_url,
        "content_type": content_type,
        "body": received_body.decode("utf-8", errors="surrogateescape")
        if is_utf8(received_body)
        else None,
        "body_hex": None if is_utf8(received_body) else received_body.hex(),
        "signing_key": token,
        "key": (received_token or token),
        "python_valid": python_valid,
        "expected": python_valid if expected is None else expected,
    }
    if divergence:
        entry["divergence"] = divergence
    CASES.append(entry)


def is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


GUIDE_URL = "https://mycompany.com/myapp.php?foo=1&bar=2"
GUIDE_BODY = (
    b"CallSid=CA1234567890ABCDE&Caller=%2B12349013030&Digits=1234"
    b"&From=%2B12349013030&To=%2B18005551212"
)
VOICE = "https://ivr.example.com/voice"


def build():
    # Forms.
    case("security guide example", GUIDE_URL, GUIDE_BODY)
    case("space as plus", VOICE, b"SpeechResult=pay+my+bill&CallSid=CA1")
    case("space as %20", VOICE, b"SpeechResult=pay%20my%20bill&CallSid=CA1")
    case(
        "plus and %20 sign the same text",
        VOICE,
        b"SpeechResult=pay+my+bill&CallSid=CA1",
        received_body=b"SpeechResult=pay%20my%20bill&CallSid=CA1",
    )
    case("an encoded plus", VOICE, b"From=%2B14155550100&CallSid=CA1")
    case("unicode values", VOICE, "Body=Caf%C3%A9+%F0%9F%98%80+%E4%BD%A0%E5%A5%BD".encode())
    case("lowercase escapes", VOICE, b"Body=caf%c3%a9")
    case("unicode names sort by code point", VOICE, "%C3%A9t%C3%A9=1&zoo=2&Zoo=3&a=4".encode())
    case("raw UTF-8 in the body", VOICE, "Body=Café".encode())
    case("an empty value", VOICE, b"Digits=&CallSid=CA1&FinishedOnKey=")
    case("an empty name", VOICE, b"=orphan&CallSid=CA1")
    case("a name without a value", VOICE, b"flag&CallSid=CA1")
    case("escaped separators", VOICE, b"Body=a%26b%3Dc&CallSid=CA1")
    case("an escape that is not one", VOICE, b"Body=100%zz&Other=%&CallSid=CA1")
    case("a newline", VOICE, b"Body=line1%0Aline2&CallSid=CA1")
    case("a trailing separator", VOICE, b"CallSid=CA1&Digits=5&")
    case("empty pairs between separators", VOICE, b"CallSid=CA1&&&Digits=5")
    case("parameters in another order", VOICE, b"To=%2B1800&From=%2B1415&CallSid=CA1&AccountSid=AC1")
    case("repeated name, distinct values", VOICE, b"Digits=5678&Digits=1234&CallSid=CA1")
    case(
        "repeated name, a value repeated",
        VOICE,
        b"Digits=5678&Digits=1234&Digits=1234",
    )
    case("the same pair twice", VOICE, b"a=1&a=1")
    case(
        "ten media items",
        "https://sms.example.com/sms",
        "&".join(
            [f"MediaUrl{i}=https%3A%2F%2Fapi.twilio.com%2Fm{i}&MediaContentType{i}=image%2Fjpeg" for i in range(10)]
            + ["NumMedia=10", "Body=see+attached", "From=%2B14155550100"]
        ).encode(),
    )
    case(
        "two hundred parameters",
        VOICE,
        "&".join(f"P{i:03}=v{i}" for i in range(200)).encode(),
    )
    case("a long value", VOICE, b"Body=" + b"x" * 1600)
    case("a unicode auth token", VOICE, b"CallSid=CA1", token="tøken-ß-😀")

    # URLs and ports.
    case("a query with plus and %20", "https://ivr.example.com/v?q=a+b&r=a%20b", b"CallSid=CA1")
    case("a unicode query, escaped", "https://ivr.example.com/v?name=Caf%C3%A9", b"CallSid=CA1")
    case("the root path", "https://ivr.example.com/", b"CallSid=CA1")
    case(
        "signed with :443, received without",
        "https://ivr.example.com:443/voice",
        b"CallSid=CA1",
        received_url=VOICE,
    )
    case(
        "signed without a port, received with :443",
        VOICE,
        b"CallSid=CA1",
        received_url="https://ivr.example.com:443/voice",
    )
    case(
        "http, signed with :80, received without",
        "http://ivr.example.com:80/voice",
        b"CallSid=CA1",
        received_url="http://ivr.example.com/voice",
    )
    case(
        "signed without a port, received with :8443",
        VOICE,
        b"Digits=5678&Digits=1234&Digits=1234",
        received_url="https://ivr.example.com:8443/voice",
    )
    case(
        "signed with :8443, received with it",
        "https://ivr.example.com:8443/voice",
        b"CallSid=CA1",
    )
    case(
        "signed without a port, received with :1234 (the SDK's own test)",
        "https://mycompany.com/myapp.php?foo=1&bar=2",
        GUIDE_BODY,
        received_url="https://mycompany.com:1234/myapp.php?foo=1&bar=2",
    )
    case(
        "a GET request",
        "https://ivr.example.com/voice?CallSid=CA1&From=%2B14155550100&Digits=",
        b"",
        content_type=None,
    )

    # JSON bodies, covered by bodySHA256.
    case(
        "a JSON body",
        "https://ivr.example.com/events",
        b'{"CallSid":"CA0123","CallStatus":"completed"}',
        JSON,
        json_body=True,
    )
    case(
        "a unicode JSON body",
        "https://ivr.example.com/events",
        '{"Body":"Café 😀"}'.encode(),
        JSON,
        json_body=True,
    )
    case("an empty JSON body", "https://ivr.example.com/events", b"", JSON, json_body=True)
    case(
        "a JSON body with other query parameters",
        "https://ivr.example.com/events?tenant=acme&step=2",
        b'{"a":1}',
        JSON,
        json_body=True,
    )
    case(
        "an empty bodySHA256 and no body",
        "https://ivr.example.com/events?bodySHA256=",
        b"",
        JSON,
    )

    # HMAC-SHA256 with a shared key.
    case("HMAC-SHA256, a form", VOICE, GUIDE_BODY, algorithm="HMAC_SHA256")
    case(
        "HMAC-SHA256, repeated names",
        VOICE,
        b"Digits=5678&Digits=1234&Digits=1234",
        algorithm="HMAC_SHA256",
    )
    case(
        "HMAC-SHA256, a JSON body",
        "https://ivr.example.com/events",
        b'{"CallSid":"CA0123"}',
        JSON,
        json_body=True,
        algorithm="HMAC_SHA256",
    )
    case(
        "HMAC-SHA256, received with :443",
        VOICE,
        b"CallSid=CA1",
        algorithm="HMAC_SHA256",
        received_url="https://ivr.example.com:443/voice",
    )

    # Where the SDK's port removal cuts the authority at its first colon.
    case(
        "credentials in the URL, received with :8443",
        "https://user:pw@ivr.example.com/voice",
        b"CallSid=CA1",
        received_url="https://user:pw@ivr.example.com:8443/voice",
        divergence="twilio-python drops everything after the first `:` of the authority when it "
        "removes a port, so it checks `https://user/voice`; the library removes the port alone",
        expected=True,
    )
    case(
        "an IPv6 host, received with :8443",
        "https://[2001:db8::1]/voice",
        b"CallSid=CA1",
        received_url="https://[2001:db8::1]:8443/voice",
        divergence="twilio-python cuts `[2001:db8::1]:8443` to `[2001` when it removes the "
        "port; the library removes the port alone",
        expected=True,
    )

    # Tampered requests: each must be refused.
    case("tampered: a value changed", GUIDE_URL, GUIDE_BODY, received_body=GUIDE_BODY.replace(b"Digits=1234", b"Digits=9999"))
    case("tampered: a parameter added", GUIDE_URL, GUIDE_BODY, received_body=GUIDE_BODY + b"&Extra=1")
    case("tampered: a parameter dropped", GUIDE_URL, GUIDE_BODY, received_body=GUIDE_BODY.replace(b"&To=%2B18005551212", b""))
    case(
        "tampered: a value repeated with another",
        VOICE,
        b"Digits=1234&CallSid=CA1",
        received_body=b"Digits=1234&Digits=5678&CallSid=CA1",
    )
    case("tampered: a name's case", VOICE, b"Digits=1234", received_body=b"digits=1234")
    case(
        "tampered: a plus that was an encoded plus",
        VOICE,
        b"From=%2B14155550100",
        received_body=b"From=+14155550100",
    )
    case(
        "tampered: an empty value dropped",
        VOICE,
        b"Digits=&CallSid=CA1",
        received_body=b"CallSid=CA1",
    )
    case("tampered: the query changed", GUIDE_URL, GUIDE_BODY, received_url=GUIDE_URL.replace("bar=2", "bar=3"))
    case("tampered: the path changed", VOICE, b"CallSid=CA1", received_url="https://ivr.example.com/admin")
    case(
        "tampered: replayed to another host",
        VOICE,
        b"CallSid=CA1",
        received_url="https://other-app.example.com/voice",
    )
    case("tampered: https signed, http received", VOICE, b"CallSid=CA1", received_url="http://ivr.example.com/voice")
    case(
        "tampered: signed with :8443, received with :9443",
        "https://ivr.example.com:8443/voice",
        b"CallSid=CA1",
        received_url="https://ivr.example.com:9443/voice",
    )
    case("tampered: another auth token", GUIDE_URL, GUIDE_BODY, received_token=OTHER_TOKEN)
    case(
        "tampered: a JSON body changed",
        "https://ivr.example.com/events",
        b'{"CallSid":"CA0123","CallStatus":"completed"}',
        JSON,
        json_body=True,
        received_body=b'{"CallSid":"CA0123","CallStatus":"failed"}',
    )
    case(
        "tampered: bodySHA256 replaced by the new body's",
        "https://ivr.example.com/events",
        b'{"a":1}',
        JSON,
        json_body=True,
        received_url="https://ivr.example.com/events?bodySHA256=" + sha256_hex(b'{"a":2}'),
        received_body=b'{"a":2}',
    )
    case(
        "tampered: not UTF-8, where the signature covers U+FFFD",
        VOICE,
        "Body=\ufffd".encode(),
        received_body=b"Body=%FF",
    )
    case(
        "tampered: raw bytes that are not UTF-8",
        VOICE,
        "Body=\ufffd".encode(),
        received_body=b"Body=\xff\xfe",
    )
    case(
        "tampered: an SHA-1 signature under the SHA-256 setting",
        VOICE,
        b"CallSid=CA1",
        algorithm="HMAC_SHA256",
        signature=RequestValidator(SHARED_SECRET).compute_signature(VOICE, MultiDict([("CallSid", "CA1")])),
    )
    case(
        "tampered: a signature that is not base64",
        VOICE,
        b"CallSid=CA1",
        signature="not a signature at all!!!!!",
    )
    case("tampered: an empty signature", VOICE, b"CallSid=CA1", signature="")


def main():
    if twilio.__version__ != REQUIRED_VERSION:
        sys.exit(f"twilio {REQUIRED_VERSION} is required, {twilio.__version__} is installed")
    build()
    for entry in CASES:
        if entry["name"].startswith("tampered") and entry["python_valid"]:
            sys.exit(f"the SDK accepts a tampered case: {entry['name']}")
        if entry["expected"] != entry["python_valid"] and "divergence" not in entry:
            sys.exit(f"a verdict differs from the SDK's without a word: {entry['name']}")
        if not entry["name"].startswith("tampered") and not entry["python_valid"] and "divergence" not in entry:
            sys.exit(f"the SDK refuses a genuine case: {entry['name']}")
    document = {
        "about": "Webhook requests signed and judged by twilio-python; written by "
        "scripts/signature_parity.py, read by tests/signature_parity.rs",
        "twilio_python": twilio.__version__,
        "tokens": {"auth_token": TOKEN, "shared_key_id": SHARED_KEY_ID, "shared_key_secret": SHARED_SECRET},
        "cases": CASES,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as out:
        json.dump(document, out, indent=1, ensure_ascii=False)
        out.write("\n")
    genuine = sum(1 for c in CASES if not c["name"].startswith("tampered"))
    print(f"wrote {len(CASES)} cases ({genuine} genuine, {len(CASES) - genuine} tampered) to {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()
