"""SigV4 verification for the AWS simulator (server side).

The server never trusts what the client says it signed: it rebuilds the
canonical request from the bytes that arrived (method, wire path, raw query,
the headers named in SignedHeaders, a hash of the body) and compares the
signature.  Only the Python standard library is used.

Public API:
    parse_authorization(value)      -> Auth or raises SigError
    parse_query_auth(query_pairs)   -> Auth or None (presigned URL form)
    canonical_uri(raw_path)         -> str
    canonical_query(raw_query, drop_signature=False) -> str
    canonical_headers(names, getter)-> (str, str)
    canonical_request(...)          -> str
    string_to_sign(amz_date, scope, creq) -> str
    signing_key(secret, date, region, service) -> bytes (cached)
    signature(key, sts)             -> hex str
    sign_headers(...)               -> dict: a small client-side signer used
                                       by the tests and tools
"""

import functools
import hashlib
import hmac
import urllib.parse

ALGORITHM = "AWS4-HMAC-SHA256"
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()
UNRESERVED = "-_.~"


class SigError(Exception):
    """A malformed Authorization header or presigned query."""


class Auth:
    """What the client claims: key, scope, signed headers, signature."""

    __slots__ = ("access_key", "date", "region", "service", "terminator",
                 "signed_headers", "signature", "presigned", "amz_date",
                 "security_token", "expires")

    def __init__(self):
        self.access_key = ""
        self.date = ""
        self.region = ""
        self.service = ""
        self.terminator = ""
        self.signed_headers = []
        self.signature = ""
        self.presigned = False
        self.amz_date = None
        self.security_token = None
        self.expires = None

    @property
    def scope(self):
        return "%s/%s/%s/%s" % (self.date, self.region, self.service,
                                self.terminator)


def _parse_credential(auth, cred):
    parts = cred.split("/")
    if len(parts) != 5 or not all(parts):
        raise SigError("Authorization header requires 'Credential' "
                       "parameter with 5 slash-separated parts")
    (auth.access_key, auth.date, auth.region, auth.service,
     auth.terminator) = parts


def parse_authorization(value):
    """Parse "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=...,
    Signature=..." into an Auth.  Raises SigError (IncompleteSignature)."""
    value = value.strip()
    if not value.startswith(ALGORITHM + " "):
        raise SigError("Unsupported Authorization scheme: only "
                       "AWS4-HMAC-SHA256 is accepted")
    fields = {}
    for item in value[len(ALGORITHM) + 1:].split(","):
        item = item.strip()
        if not item:
            continue
        k, sep, v = item.partition("=")
        if not sep:
            raise SigError("Authorization header requires 'Credential', "
                           "'SignedHeaders' and 'Signature' parameters")
        fields[k.strip()] = v.strip()
    missing = [k for k in ("Credential", "SignedHeaders", "Signature")
               if not fields.get(k)]
    if missing:
        raise SigError("Authorization header requires '%s' parameter"
                       % missing[0])
    auth = Auth()
    _parse_credential(auth, fields["Credential"])
    auth.signed_headers = fields["SignedHeaders"].split(";")
    auth.signature = fields["Signature"]
    return auth


def parse_query_auth(pairs):
    """Presigned form: X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date,
    X-Amz-SignedHeaders, X-Amz-Signature (and X-Amz-Security-Token,
    X-Amz-Expires) in the decoded query pairs.  Returns None when the
    request carries no X-Amz-Algorithm; raises SigError when incomplete."""
    q = {}
    for k, v in pairs:
        q.setdefault(k, v)
    if "X-Amz-Algorithm" not in q:
        return None
    if q["X-Amz-Algorithm"] != ALGORITHM:
        raise SigError("X-Amz-Algorithm only supports AWS4-HMAC-SHA256")
    for k in ("X-Amz-Credential", "X-Amz-Date", "X-Amz-SignedHeaders",
              "X-Amz-Signature"):
        if not q.get(k):
            raise SigError("AWS query-string parameters must include '%s'"
                           % k)
    auth = Auth()
    _parse_credential(auth, q["X-Amz-Credential"])
    auth.signed_headers = q["X-Amz-SignedHeaders"].split(";")
    auth.signature = q["X-Amz-Signature"]
    auth.presigned = True
    auth.amz_date = q["X-Amz-Date"]
    auth.security_token = q.get("X-Amz-Security-Token")
    auth.expires = q.get("X-Amz-Expires")
    return auth


def _quote(s, safe):
    return urllib.parse.quote(s, safe=safe)


def _normalize_path(path):
    """Drop "." and empty segments, resolve "..", keep a trailing "/"."""
    if not path:
        return "/"
    out = []
    for seg in path.split("/"):
        if not seg or seg == ".":
            continue
        if seg == "..":
            if out:
                out.pop()
            continue
        out.append(seg)
    res = "/" + "/".join(out)
    if path.endswith("/") and out:
        res += "/"
    return res


@functools.lru_cache(maxsize=16384)
def canonical_uri(raw_path):
    """Canonical URI of a non-S3 request: the wire path (still percent-
    encoded as sent), normalized, then percent-encoded again with "/" and
    "~" left alone.  "%3A" on the wire becomes "%253A"."""
    return _quote(_normalize_path(raw_path), "/~")


def split_query(raw_query):
    """Decoded (key, value) pairs of a raw query string, in wire order.
    "+" is taken literally (SigV4 clients encode spaces as %20)."""
    pairs = []
    if not raw_query:
        return pairs
    for part in raw_query.split("&"):
        if not part:
            continue
        k, _, v = part.partition("=")
        pairs.append((urllib.parse.unquote(k), urllib.parse.unquote(v)))
    return pairs


def canonical_query(pairs, drop_signature=False):
    """Canonical query string from decoded pairs: each key and value
    encoded with only A-Z a-z 0-9 - _ . ~ left as is, sorted by encoded key
    then encoded value, joined with "&"."""
    enc = []
    for k, v in pairs:
        if drop_signature and k == "X-Amz-Signature":
            continue
        enc.append((_quote(k, UNRESERVED), _quote(v, UNRESERVED)))
    enc.sort()
    return "&".join("%s=%s" % kv for kv in enc)


def _header_value(values):
    return ",".join(" ".join(v.split()) for v in values)


def canonical_headers(names, get_all):
    """names: lowercase header names from SignedHeaders (any order).
    get_all(name) returns the list of received values for that name (empty
    when absent).  Returns (canonical header block, signed-headers string)
    built from the names in sorted order, as the client had to."""
    names = sorted(n.lower() for n in names)
    lines = []
    for n in names:
        lines.append("%s:%s\n" % (n, _header_value(get_all(n))))
    return "".join(lines), ";".join(names)


def canonical_request(method, raw_path, cquery, cheaders, signed, payload):
    """The six-part canonical request (payload is the hex body hash)."""
    return "\n".join((method, canonical_uri(raw_path), cquery, cheaders,
                      signed, payload))


def string_to_sign(amz_date, scope, creq):
    return "\n".join((ALGORITHM, amz_date, scope,
                      hashlib.sha256(creq.encode("utf-8")).hexdigest()))


@functools.lru_cache(maxsize=1024)
def signing_key(secret, date, region, service):
    """HMAC chain AWS4+secret -> date -> region -> service -> aws4_request.
    Cached per (secret, date, region, service)."""
    k = hmac.new(("AWS4" + secret).encode("utf-8"), date.encode("utf-8"),
                 hashlib.sha256).digest()
    for part in (region, service, "aws4_request"):
        k = hmac.new(k, part.encode("utf-8"), hashlib.sha256).digest()
    return k


def signature(key, sts):
    return hmac.new(key, sts.encode("utf-8"), hashlib.sha256).hexdigest()


def signatures_equal(a, b):
    return hmac.compare_digest(a.encode("ascii", "replace"),
                               b.encode("ascii", "replace"))


def sign_headers(method, host, raw_path, raw_query, headers, body,
                 access_key, secret, region, service, amz_date,
                 session_token=None):
    """Client-side helper: return the headers to add (X-Amz-Date,
    X-Amz-Security-Token when given, Authorization) for a request whose
    other headers are "headers" (dict, every one of them is signed along
    with host and x-amz-date).  raw_path and raw_query are wire forms."""
    out = {"X-Amz-Date": amz_date}
    if session_token:
        out["X-Amz-Security-Token"] = session_token
    allh = {"host": [host]}
    for k, v in list(headers.items()) + list(out.items()):
        allh.setdefault(k.lower(), []).append(v)
    ch, signed = canonical_headers(allh.keys(), lambda n: allh.get(n, []))
    creq = canonical_request(method, raw_path,
                             canonical_query(split_query(raw_query)), ch,
                             signed, hashlib.sha256(body).hexdigest())
    scope = "%s/%s/%s/aws4_request" % (amz_date[:8], region, service)
    sig = signature(signing_key(secret, amz_date[:8], region, service),
                    string_to_sign(amz_date, scope, creq))
    out["Authorization"] = ("%s Credential=%s/%s, SignedHeaders=%s, "
                            "Signature=%s" % (ALGORITHM, access_key, scope,
                                              signed, sig))
    return out
