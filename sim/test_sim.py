#!/usr/bin/env python3
"""Tests for the AWS simulator (sim/awssim.py and friends).

Run from the repository root:
    python3 -m unittest sim/test_sim.py      or      python3 sim/test_sim.py

Servers listen on 127.0.0.1 port 0.  Requests are signed by the small
signer below, written independently of sim/sigv4.py and checked against
SigV4 vectors botocore 1.43.11 produced (copied from the project notes).
"""

import hashlib
import hmac
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import awssim  # noqa: E402
import scenario  # noqa: E402

KEY = "AKIDEXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
TMP_KEY = "ASIATESTSESSION00001"
TMP_SECRET = "testSessionSecret/abcdefEXAMPLE"
TMP_TOKEN = "testSessionToken//EXAMPLE+abc=="
OLD_KEY = "ASIATESTEXPIRED00001"
HAIKU = "anthropic.claude-3-haiku-20240307-v1:0"
SQ_JSON = "application/x-amz-json-1.1"


# ------------------------------------------------------ independent signer

def _enc(s, keep_slash):
    out = []
    for b in s.encode("utf-8"):
        c = chr(b)
        if c.isascii() and (c.isalnum() or c in "-_.~" or
                            (keep_slash and c == "/")):
            out.append(c)
        else:
            out.append("%%%02X" % b)
    return "".join(out)


def test_sign(method, host, path, query, headers, body, region, service,
              amz_date, akid=KEY, secret=SECRET, token=None,
              single_encode=False):
    """Headers to add for a SigV4-signed request.  path and query are the
    wire forms; the canonical URI encodes the wire path again."""
    h = {"host": host, "x-amz-date": amz_date}
    for k, v in headers.items():
        h[k.lower()] = v
    if token:
        h["x-amz-security-token"] = token
    names = sorted(h)
    canon_h = "".join("%s:%s\n" % (n, " ".join(h[n].split()))
                      for n in names)
    pairs = []
    for part in query.split("&") if query else []:
        k, _, v = part.partition("=")
        pairs.append((_enc(urllib.parse.unquote(k), False),
                      _enc(urllib.parse.unquote(v), False)))
    canon_q = "&".join("%s=%s" % p for p in sorted(pairs))
    curi = path if single_encode else _enc(path, True)
    creq = "\n".join([method, curi, canon_q, canon_h, ";".join(names),
                      hashlib.sha256(body).hexdigest()])
    scope = "%s/%s/%s/aws4_request" % (amz_date[:8], region, service)
    sts = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope,
                     hashlib.sha256(creq.encode()).hexdigest()])
    k = ("AWS4" + secret).encode()
    for part in (amz_date[:8], region, service, "aws4_request"):
        k = hmac.new(k, part.encode(), hashlib.sha256).digest()
    sig = hmac.new(k, sts.encode(), hashlib.sha256).hexdigest()
    out = {"X-Amz-Date": amz_date, "Authorization":
           "AWS4-HMAC-SHA256 Credential=%s/%s, SignedHeaders=%s, "
           "Signature=%s" % (akid, scope, ";".join(names), sig)}
    if token:
        out["X-Amz-Security-Token"] = token
    return out, creq


# botocore 1.43.11 vectors (from the project's notes; frozen clock
# 2025-11-27T12:00:00Z, key AKIDEXAMPLE).
VECTOR_TIME = 1764244800
VECTORS = [
    ("bedrock", "us-east-1", "GET", "bedrock.us-east-1.amazonaws.com",
     "/foundation-models", "", {}, "",
     "e2bc0c620bb96943a2cdbb1794ef71c87a6c2125f31acab648af5bdc97878012"),
    ("bedrock", "us-east-1", "GET", "bedrock.us-east-1.amazonaws.com",
     "/foundation-models", "byProvider=Anthropic&byOutputModality=TEXT&"
     "byInferenceType=ON_DEMAND", {}, "",
     "3feb1cb0cb5118c69eb6df68bcdf4cded5aa1a5cca1308b0d4424ea68ff2c536"),
    ("bedrock", "us-west-2", "GET", "bedrock.us-west-2.amazonaws.com",
     "/foundation-model-availability/anthropic.claude-3-haiku-20240307-"
     "v1%3A0", "", {}, "",
     "ac3d8bde1cda82d4e1f5154f2ec4daef90bfe5397298bdbcd34b85e3a501741b"),
    ("bedrock", "us-west-2", "GET", "bedrock.us-west-2.amazonaws.com",
     "/foundation-models/anthropic.claude-3-haiku-20240307-v1%3A0", "", {},
     "", "b57666bf8beb704a67f5030a7369a31c4e980666099ed06e104b3075bba6fd59"),
    ("servicequotas", "us-east-1", "POST",
     "servicequotas.us-east-1.amazonaws.com", "/", "",
     {"X-Amz-Target": "ServiceQuotasV20190624.ListServiceQuotas",
      "Content-Type": SQ_JSON}, '{"ServiceCode": "bedrock", "MaxResults": '
     '100}',
     "a6889785b5529e0e0c98df074fcb33d8ff1f4c1bf156a0b8e539ed2cb6dbb569"),
    ("servicequotas", "us-east-1", "POST",
     "servicequotas.us-east-1.amazonaws.com", "/", "",
     {"X-Amz-Target": "ServiceQuotasV20190624.ListAWSDefaultServiceQuotas",
      "Content-Type": SQ_JSON}, '{"ServiceCode": "bedrock", "NextToken": '
     '"abc/def+ghi="}',
     "534b84c93f19c9b0dc9bdd503a6af4e8f35086fac2be43b6deec65059371d373"),
    ("sts", "us-east-1", "POST", "sts.us-east-1.amazonaws.com", "/", "",
     {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
     "Action=GetCallerIdentity&Version=2011-06-15",
     "1788c8b7bdf6c992d9b15c7cb392b5e052b4394619fc9e705e6e5eb10cf3a2ce"),
]
VECTOR_TOKEN = (
    "bedrock", "eu-central-1", "GET", "bedrock.eu-central-1.amazonaws.com",
    "/inference-profiles", "maxResults=1000&type=SYSTEM_DEFINED", {}, "",
    "ae5f485e011719ef266ed5e6afabbc279dac7e7f602e6f2333a28dc8ed1c1ff1",
    "FQoGZXIvYXdzEXAMPLESESSIONTOKEN//////////wEaDEXAMPLE")


# ------------------------------------------------------------- test world

def model(mid, **kw):
    m = {"modelId": mid}
    m.update(kw)
    return m


def quota(code, default, applied, **kw):
    q = {"code": code, "name": "Quota %s tokens per minute" % code,
         "default": default, "applied": applied}
    q.update(kw)
    return q


def world():
    """29 quotas (4 with applied null), 9 profiles, 7 requests in
    us-east-1 with page sizes 4/5/3, so every list needs pages."""
    east = {
        "models": [
            model(HAIKU, modelName="Claude 3 Haiku", providerName="Anthropic",
                  inputModalities=["TEXT", "IMAGE"]),
            model("anthropic.claude-sonnet-4-5-20250929-v1:0",
                  modelName="Claude Sonnet 4.5", providerName="Anthropic",
                  inferenceTypes=["INFERENCE_PROFILE"],
                  authorizationStatus="NOT_AUTHORIZED"),
            model("amazon.nova-pro-v1:0", modelName="Nova Pro",
                  providerName="Amazon", agreementStatus="ERROR",
                  agreementErrorMessage="subscription failed"),
            model("cohere.embed-english-v3", outputModalities=["EMBEDDING"],
                  streaming=False, inferenceTypes=["ON_DEMAND",
                                                   "PROVISIONED"]),
            model("anthropic.claude-v2:1:200k", lifecycle="LEGACY",
                  inferenceTypes=["PROVISIONED"],
                  endOfLifeTime="2026-01-01T00:00:00Z"),
        ],
        "quotas": [quota("L-%08X" % (0x1000 + i), 100 + i,
                         None if i % 7 == 3 else 100 + i,
                         adjustable=i % 2 == 0) for i in range(29)],
        "profiles": [{"id": "us.test.model-%d-v1:0" % i, "models": [
            "arn:aws:bedrock:us-east-1::foundation-model/test.model-%d-v1:0"
            % i]} for i in range(8)] + [{
                "id": "abcdef123456", "name": "team-app", "type":
                "APPLICATION", "models": [
                    "arn:aws:bedrock:us-east-1::foundation-model/" + HAIKU]}],
        "requests": [{"id": "req%02d" % i, "quotaCode": "L-00001000",
                      "desiredValue": 200 + i,
                      "status": "DENIED" if i % 3 == 0 else "PENDING",
                      "caseId": "12345" if i % 3 == 0 else None,
                      "created": 1760000000.5 + i,
                      "lastUpdated": 1760000100.25 + i} for i in range(7)],
    }
    west = {"models": [model(HAIKU)],
            "quotas": [quota("L-2DC80978", 1000, 1000)]}
    return {
        "accounts": {
            KEY: {"secret": SECRET, "account": "123456789012",
                  "arn": "arn:aws:iam::123456789012:user/audit",
                  "user_id": "AIDATESTUSER0000001"},
            TMP_KEY: {"secret": TMP_SECRET, "session_token": TMP_TOKEN,
                      "expires": "2099-01-01T00:00:00Z",
                      "account": "210987654321",
                      "arn": "arn:aws:sts::210987654321:assumed-role/R/s",
                      "user_id": "AROATESTROLE:s"},
            OLD_KEY: {"secret": "oldsecret", "session_token": "oldtoken",
                      "expires": "2020-01-01T00:00:00Z",
                      "account": "123456789012",
                      "arn": "arn:aws:sts::123456789012:assumed-role/R/o",
                      "user_id": "AROATESTROLE:o"},
        },
        "page_size": {"profiles": 4, "quotas": 5, "requests": 3},
        "regions": {"us-east-1": east, "us-west-2": west,
                    "eu-west-3": {"down": True, "models": [model(HAIKU)]}},
    }


class Reply:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = {k.lower(): v for k, v in headers}
        self.body = body

    def json(self):
        return json.loads(self.body)

    @property
    def code(self):
        """The error code the way SDKs find it, per protocol."""
        if "x-amzn-errortype" in self.headers:
            return self.headers["x-amzn-errortype"].split(":")[0]
        if self.body.startswith(b"<"):
            b = self.body.decode()
            return b[b.index("<Code>") + 6:b.index("</Code>")]
        return self.json().get("__type", "").split("#")[-1]


class SimCase(unittest.TestCase):
    """Starts one in-process server per test class."""

    clock_offset = 0.0

    @classmethod
    def setUpClass(cls):
        cls.srv = awssim.start(world(), clock_offset=cls.clock_offset)
        cls.port = cls.srv.server_address[1]
        cls.host = "127.0.0.1:%d" % cls.port

    @classmethod
    def tearDownClass(cls):
        awssim.stop(cls.srv)

    def setUp(self):
        self.srv.sim.world = awssim.World(world())
        self.srv.sim.set_rules([], seed=0)
        self.srv.sim.latency_ms = 0
        self.srv.sim.clock_offset = self.clock_offset
        with self.srv.sim.stats.lock:
            self.srv.sim.stats.reset()

    def raw(self, method, path, body=b"", headers=None, conn=None,
            timeout=10):
        c = conn or http.client.HTTPConnection("127.0.0.1", self.port,
                                               timeout=timeout)
        c.request(method, path, body=body or None, headers=headers or {})
        r = c.getresponse()
        data = r.read()
        if conn is None:
            c.close()
        return Reply(r.status, r.getheaders(), data)

    def call(self, service, region, method, path, query="", body=b"",
             headers=None, akid=KEY, secret=SECRET, token=None, skew=0.0,
             conn=None, timeout=10, single_encode=False):
        headers = dict(headers or {})
        if isinstance(body, str):
            body = body.encode()
        amz = time.strftime("%Y%m%dT%H%M%SZ",
                            time.gmtime(time.time() + skew))
        add, _ = test_sign(method, self.host, path, query, headers, body,
                           region, service, amz, akid, secret, token,
                           single_encode)
        headers.update(add)
        target = path + ("?" + query if query else "")
        return self.raw(method, target, body, headers, conn, timeout)

    def bedrock(self, path, query="", region="us-east-1", **kw):
        return self.call("bedrock", region, "GET", path, query, **kw)

    def sq(self, op, req, region="us-east-1", **kw):
        return self.call("servicequotas", region, "POST", "/",
                         body=json.dumps(req), headers={
                             "Content-Type": SQ_JSON, "X-Amz-Target":
                             "ServiceQuotasV20190624." + op}, **kw)

    def sts(self, region="us-east-1", **kw):
        return self.call("sts", region, "POST", "/",
                         body="Action=GetCallerIdentity&Version=2011-06-15",
                         headers={"Content-Type": "application/x-www-form-"
                                  "urlencoded; charset=utf-8"}, **kw)

    def avail(self, mid, region="us-east-1", **kw):
        return self.bedrock("/foundation-model-availability/" +
                            urllib.parse.quote(mid, safe=""),
                            region=region, **kw)

    def sq_all(self, op, req, list_key="Quotas", region="us-east-1"):
        items, pages, tok = [], 0, None
        while True:
            r = dict(req)
            if tok:
                r["NextToken"] = tok
            rep = self.sq(op, r, region=region)
            self.assertEqual(rep.status, 200, rep.body)
            doc = rep.json()
            items += doc[list_key]
            pages += 1
            tok = doc.get("NextToken")
            if not tok:
                return items, pages
            self.assertLess(pages, 100)

    def stats(self):
        return self.raw("GET", "/_sim/stats").json()

    def faults(self, rules, seed=None):
        doc = {"rules": rules}
        if seed is not None:
            doc["seed"] = seed
        r = self.raw("POST", "/_sim/faults", json.dumps(doc).encode())
        self.assertEqual(r.status, 200, r.body)


# ------------------------------------------------------------------ signer

class TestSigner(unittest.TestCase):
    def test_test_signer_matches_botocore_vectors(self):
        amz = "20251127T120000Z"
        for (svc, region, method, host, path, query, hdrs, body,
             sig) in VECTORS:
            add, _ = test_sign(method, host, path, query, hdrs,
                               body.encode(), region, svc, amz)
            self.assertTrue(add["Authorization"].endswith(sig), path)
        svc, region, method, host, path, query, hdrs, body, sig, tok = \
            VECTOR_TOKEN
        add, _ = test_sign(method, host, path, query, hdrs, body.encode(),
                           region, svc, amz, token=tok)
        self.assertTrue(add["Authorization"].endswith(sig))

    def test_canonical_uri_encodes_twice(self):
        _, creq = test_sign("GET", "h", "/a/b%3A0", "", {}, b"", "r", "s",
                            "20251127T120000Z")
        self.assertIn("\n/a/b%253A0\n", creq)
        import sigv4
        self.assertEqual(sigv4.canonical_uri("/a/./b//c/../d%3A0/"),
                         "/a/b/d%253A0/")
        self.assertEqual(sigv4.canonical_uri(""), "/")

    def test_server_signing_key_cache(self):
        import sigv4
        sigv4.signing_key.cache_clear()
        k1 = sigv4.signing_key(SECRET, "20251127", "us-east-1", "bedrock")
        k2 = sigv4.signing_key(SECRET, "20251127", "us-east-1", "bedrock")
        self.assertEqual(k1, k2)
        self.assertEqual(sigv4.signing_key.cache_info().hits, 1)
        self.assertNotEqual(k1, sigv4.signing_key(SECRET, "20251127",
                                                  "us-west-2", "bedrock"))


class TestBotocoreVectorsAccepted(SimCase):
    """Requests botocore signed, replayed byte for byte with the server
    clock set to the vectors' instant."""

    def setUp(self):
        SimCase.setUp(self)
        self.srv.sim.clock_offset = VECTOR_TIME - time.time()

    def replay(self, v, token=None):
        svc, region, method, host, path, query, hdrs, body, sig = v[:9]
        h = dict(hdrs)
        h["Host"] = host
        h["X-Amz-Date"] = "20251127T120000Z"
        scope = "AKIDEXAMPLE/20251127/%s/%s/aws4_request" % (region, svc)
        names = sorted(["host", "x-amz-date"] + [k.lower() for k in hdrs] +
                       (["x-amz-security-token"] if token else []))
        h["Authorization"] = ("AWS4-HMAC-SHA256 Credential=%s, "
                              "SignedHeaders=%s, Signature=%s" % (
                                  scope, ";".join(names), sig))
        if token:
            h["X-Amz-Security-Token"] = token
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        c.putrequest(method, path + ("?" + query if query else ""),
                     skip_host=True, skip_accept_encoding=True)
        for k, v2 in h.items():
            c.putheader(k, v2)
        c.putheader("Content-Length", str(len(body)))
        c.endheaders(body.encode() if body else None)
        r = c.getresponse()
        rep = Reply(r.status, r.getheaders(), r.read())
        c.close()
        return rep

    def test_vectors(self):
        for v in VECTORS:
            rep = self.replay(v)
            if "NextToken" in v[7]:  # signature fine, token is garbage
                self.assertEqual(rep.status, 400, rep.body)
                self.assertEqual(rep.code, "InvalidPaginationTokenException")
            else:
                self.assertEqual(rep.status, 200, (v[4], rep.body))

    def test_vector_with_session_token(self):
        w = world()
        w["accounts"][KEY]["session_token"] = VECTOR_TOKEN[9]
        w["regions"]["eu-central-1"] = {"profiles": [{
            "id": "eu.x.y-v1:0", "models": ["arn:aws:bedrock:eu-central-1::"
                                            "foundation-model/x.y-v1:0"]}]}
        self.srv.sim.world = awssim.World(w)
        rep = self.replay(VECTOR_TOKEN, token=VECTOR_TOKEN[9])
        self.assertEqual(rep.status, 200, rep.body)
        self.assertEqual(rep.json()["inferenceProfileSummaries"][0][
            "inferenceProfileId"], "eu.x.y-v1:0")

    def test_tampered_vector_rejected(self):
        v = list(VECTORS[0])
        v[8] = v[8][:-1] + ("0" if v[8][-1] != "0" else "1")
        rep = self.replay(v)
        self.assertEqual(rep.status, 403)
        self.assertEqual(rep.code, "InvalidSignatureException")


# -------------------------------------------------------------------- auth

class TestAuth(SimCase):
    def test_good_signature_accepted_every_service(self):
        self.assertEqual(self.bedrock("/foundation-models").status, 200)
        self.assertEqual(self.sq("ListServiceQuotas",
                                 {"ServiceCode": "bedrock"}).status, 200)
        self.assertEqual(self.sts().status, 200)

    def test_wrong_secret(self):
        r = self.bedrock("/foundation-models", secret="nope")
        self.assertEqual((r.status, r.code),
                         (403, "InvalidSignatureException"))
        self.assertTrue(r.headers["x-amzn-errortype"].startswith(
            "InvalidSignatureException:http://internal.amazon.com/"))
        self.assertIn("signature we calculated does not match",
                      r.json()["message"])
        r = self.sq("ListServiceQuotas", {"ServiceCode": "bedrock"},
                    secret="nope")
        self.assertEqual((r.status, r.code),
                         (403, "InvalidSignatureException"))
        self.assertIn("#InvalidSignatureException", r.json()["__type"])
        r = self.sts(secret="nope")
        self.assertEqual((r.status, r.code), (403, "SignatureDoesNotMatch"))
        self.assertIn(b"<ErrorResponse", r.body)

    def test_unknown_key(self):
        r = self.bedrock("/foundation-models", akid="AKIDNOSUCHKEY0000")
        self.assertEqual((r.status, r.code),
                         (403, "UnrecognizedClientException"))
        r = self.sq("ListServiceQuotas", {"ServiceCode": "bedrock"},
                    akid="AKIDNOSUCHKEY0000")
        self.assertEqual(r.code, "UnrecognizedClientException")
        r = self.sts(akid="AKIDNOSUCHKEY0000")
        self.assertEqual((r.status, r.code), (403, "InvalidClientTokenId"))

    def test_missing_auth(self):
        r = self.raw("GET", "/foundation-models")
        self.assertEqual((r.status, r.code),
                         (403, "MissingAuthenticationTokenException"))
        r = self.raw("POST", "/", b"{}", {
            "X-Amz-Target": "ServiceQuotasV20190624.ListServiceQuotas",
            "Content-Type": SQ_JSON})
        self.assertEqual((r.status, r.code),
                         (403, "MissingAuthenticationTokenException"))
        self.assertIn("x-amzn-requestid", r.headers)

    def test_session_token(self):
        r = self.bedrock("/foundation-models", akid=TMP_KEY,
                         secret=TMP_SECRET, token=TMP_TOKEN)
        self.assertEqual(r.status, 200, r.body)
        for tok in (None, "wrong-token"):
            r = self.bedrock("/foundation-models", akid=TMP_KEY,
                             secret=TMP_SECRET, token=tok)
            self.assertEqual((r.status, r.code),
                             (403, "UnrecognizedClientException"))

    def test_expired_token(self):
        r = self.bedrock("/foundation-models", akid=OLD_KEY,
                         secret="oldsecret", token="oldtoken")
        self.assertEqual((r.status, r.code), (403, "ExpiredTokenException"))
        r = self.sq("ListServiceQuotas", {"ServiceCode": "bedrock"},
                    akid=OLD_KEY, secret="oldsecret", token="oldtoken")
        self.assertEqual((r.status, r.code), (403, "ExpiredTokenException"))
        r = self.sts(akid=OLD_KEY, secret="oldsecret", token="oldtoken")
        self.assertEqual((r.status, r.code), (403, "ExpiredToken"))

    def test_skew(self):
        r = self.bedrock("/foundation-models", skew=-16 * 60)
        self.assertEqual((r.status, r.code),
                         (403, "InvalidSignatureException"))
        self.assertIn("Signature expired", r.json()["message"])
        self.assertIn("is now earlier than", r.json()["message"])
        r = self.bedrock("/foundation-models", skew=16 * 60)
        self.assertEqual(r.code, "InvalidSignatureException")
        self.assertIn("is still later than", r.json()["message"])
        r = self.sts(skew=3600)
        self.assertEqual((r.status, r.code), (403, "SignatureDoesNotMatch"))
        self.assertEqual(self.bedrock("/foundation-models",
                                      skew=-14 * 60).status, 200)
        self.assertEqual(self.bedrock("/foundation-models",
                                      skew=14 * 60).status, 200)

    def test_server_clock_offset_makes_client_look_skewed(self):
        self.srv.sim.clock_offset = 3600
        r = self.bedrock("/foundation-models")
        self.assertEqual(r.code, "InvalidSignatureException")
        self.assertIn("Signature expired", r.json()["message"])
        date = r.headers["date"]
        skew = time.mktime(time.strptime(date, "%a, %d %b %Y %H:%M:%S GMT"))\
            - time.mktime(time.gmtime())
        self.assertGreater(skew, 3500)

    def test_canonical_uri_must_be_double_encoded(self):
        path = "/foundation-model-availability/" + urllib.parse.quote(
            HAIKU, safe="")
        self.assertEqual(self.bedrock(path).status, 200)
        r = self.bedrock(path, single_encode=True)
        self.assertEqual(r.code, "InvalidSignatureException")

    def test_body_and_signed_headers_are_checked(self):
        body = json.dumps({"ServiceCode": "bedrock"}).encode()
        hdrs = {"Content-Type": SQ_JSON, "X-Amz-Target":
                "ServiceQuotasV20190624.ListServiceQuotas"}
        amz = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        add, _ = test_sign("POST", self.host, "/", "", hdrs, body,
                           "us-east-1", "servicequotas", amz)
        ok = dict(hdrs, **add)
        self.assertEqual(self.raw("POST", "/", body, ok).status, 200)
        r = self.raw("POST", "/", body.replace(b"bedrock", b"bedrocK"), ok)
        self.assertEqual(r.code, "InvalidSignatureException")
        bad = dict(ok, **{"X-Amz-Target":
                          "ServiceQuotasV20190624.GetServiceQuota"})
        self.assertEqual(self.raw("POST", "/", body, bad).code,
                         "InvalidSignatureException")
        # An unsigned header may change; extra spaces in a signed value
        # are collapsed by the canonical form.
        spaced = dict(ok, **{"User-Agent": "x/1", "Content-Type":
                             "  application/x-amz-json-1.1  "})
        self.assertEqual(self.raw("POST", "/", body, spaced).status, 200)

    def test_query_order_and_encoding(self):
        r = self.bedrock("/foundation-models",
                         "byOutputModality=TEXT&byProvider=Anthropic")
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual(len(r.json()["modelSummaries"]), 3)
        r = self.bedrock("/inference-profiles", "type=SYSTEM_DEFINED&"
                         "maxResults=2")
        self.assertEqual(r.status, 200, r.body)

    def test_scope_date_must_match(self):
        amz = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        add, _ = test_sign("GET", self.host, "/foundation-models", "", {},
                           b"", "us-east-1", "bedrock", amz)
        add["Authorization"] = add["Authorization"].replace(
            amz[:8] + "/", "20200101/")
        r = self.raw("GET", "/foundation-models", headers=add)
        self.assertEqual(r.code, "InvalidSignatureException")
        self.assertIn("Credential scope", r.json()["message"])

    def test_malformed_authorization(self):
        r = self.raw("GET", "/foundation-models", headers={
            "Authorization": "AWS4-HMAC-SHA256 Credential=x",
            "X-Amz-Date": "20250101T000000Z"})
        self.assertEqual((r.status, r.code),
                         (400, "IncompleteSignatureException"))

    def test_unknown_region_is_unrecognized(self):
        # An opt-in region not enabled: both services refuse the key
        # with AWS's message; STS still answers.
        r = self.bedrock("/foundation-models", region="ap-south-2")
        self.assertEqual((r.status, r.code),
                         (403, "UnrecognizedClientException"))
        self.assertEqual(r.json()["message"],
                         "The security token included in the request is "
                         "invalid.")
        r = self.sq("ListServiceQuotas", {"ServiceCode": "bedrock"},
                    region="ap-south-2")
        self.assertEqual((r.status, r.code),
                         (403, "UnrecognizedClientException"))
        self.assertEqual(self.sts(region="ap-south-2").status, 200)

    def test_presigned_sts_get(self):
        amz = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        scope = "%s/us-east-1/sts/aws4_request" % amz[:8]
        q = {"Action": "GetCallerIdentity", "Version": "2011-06-15",
             "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
             "X-Amz-Credential": "%s/%s" % (KEY, scope),
             "X-Amz-Date": amz, "X-Amz-Expires": "60",
             "X-Amz-SignedHeaders": "host"}
        query = "&".join("%s=%s" % (_enc(k, False), _enc(v, False))
                         for k, v in sorted(q.items()))
        creq = "\n".join(["GET", "/", query, "host:%s\n" % self.host,
                          "host", hashlib.sha256(b"").hexdigest()])
        sts = "\n".join(["AWS4-HMAC-SHA256", amz, scope,
                         hashlib.sha256(creq.encode()).hexdigest()])
        k = ("AWS4" + SECRET).encode()
        for part in (amz[:8], "us-east-1", "sts", "aws4_request"):
            k = hmac.new(k, part.encode(), hashlib.sha256).digest()
        sig = hmac.new(k, sts.encode(), hashlib.sha256).hexdigest()
        r = self.raw("GET", "/?%s&X-Amz-Signature=%s" % (query, sig),
                     headers={"Accept": "application/json"})
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual(r.json()["GetCallerIdentityResponse"][
            "GetCallerIdentityResult"]["Account"], "123456789012")
        r = self.raw("GET", "/?%s&X-Amz-Signature=%s" % (query, "0" * 64))
        self.assertEqual(r.code, "SignatureDoesNotMatch")

    def test_request_id_and_content_length_on_every_reply(self):
        for r in (self.bedrock("/foundation-models"),
                  self.bedrock("/foundation-models", secret="x"),
                  self.avail("nope.model-v1:0"),
                  self.sq("ListServiceQuotas", {"ServiceCode": "ec2"}),
                  self.sts()):
            self.assertRegex(r.headers.get("x-amzn-requestid", ""),
                             r"^[0-9a-f-]{36}$")
            self.assertEqual(int(r.headers["content-length"]), len(r.body))
        self.assertIn(r.headers["x-amzn-requestid"].encode(), r.body)

    def _signed_sq_bytes(self, body, extra):
        hdrs = {"Content-Type": SQ_JSON, "X-Amz-Target":
                "ServiceQuotasV20190624.ListServiceQuotas"}
        amz = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        add, _ = test_sign("POST", self.host, "/", "", hdrs, body,
                           "us-east-1", "servicequotas", amz)
        hdrs.update(add)
        hdrs.update(extra)
        hdrs["Host"] = self.host
        return ("POST / HTTP/1.1\r\n" + "".join(
            "%s: %s\r\n" % kv for kv in hdrs.items()) + "\r\n").encode()

    def _read_reply(self, s):
        data = b""
        while b"\r\n\r\n" not in data:
            data += s.recv(65536)
        head, _, rest = data.partition(b"\r\n\r\n")
        n = int([ln.split(b":")[1] for ln in head.split(b"\r\n")
                 if ln.lower().startswith(b"content-length")][0])
        while len(rest) < n:
            rest += s.recv(65536)
        return head, rest[:n]

    def test_expect_continue_and_chunked_bodies(self):
        body = json.dumps({"ServiceCode": "bedrock"}).encode()
        with socket.create_connection(("127.0.0.1", self.port), 10) as s:
            s.sendall(self._signed_sq_bytes(body, {
                "Expect": "100-continue",
                "Content-Length": str(len(body))}))
            self.assertTrue(s.recv(1024).startswith(
                b"HTTP/1.1 100 Continue"))
            s.sendall(body)
            head, data = self._read_reply(s)
            self.assertTrue(head.startswith(b"HTTP/1.1 200"), head)
            self.assertIn(b"L-00001000", data)
            s.sendall(self._signed_sq_bytes(body, {
                "Transfer-Encoding": "chunked"}) +
                b"5\r\n" + body[:5] + b"\r\n" +
                b"%x\r\n" % (len(body) - 5) + body[5:] + b"\r\n0\r\n\r\n")
            head, data = self._read_reply(s)   # same connection
            self.assertTrue(head.startswith(b"HTTP/1.1 200"), head)

    def test_bad_request_line(self):
        with socket.create_connection(("127.0.0.1", self.port), 10) as s:
            s.sendall(b"GARBAGE\r\n\r\n")
            self.assertTrue(s.recv(1024).startswith(b"HTTP/1.1 400"))
        with socket.create_connection(("127.0.0.1", self.port), 10) as s:
            s.sendall(b"GET / HTTP/1.1\r\nNoColonHere\r\n\r\n")
            self.assertTrue(s.recv(1024).startswith(b"HTTP/1.1 400"))

    def test_keep_alive(self):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        for _ in range(5):
            r = self.bedrock("/foundation-models", conn=c)
            self.assertEqual(r.status, 200)
        r = self.bedrock("/foundation-models", secret="bad", conn=c)
        self.assertEqual(r.status, 403)
        self.assertEqual(self.bedrock("/foundation-models", conn=c).status,
                         200)
        c.close()


# ----------------------------------------------------------------- bedrock

class TestBedrock(SimCase):
    def test_list_foundation_models_shape(self):
        r = self.bedrock("/foundation-models")
        self.assertEqual(r.headers["content-type"], "application/json")
        ms = r.json()["modelSummaries"]
        self.assertEqual(len(ms), 5)
        m = ms[0]
        self.assertEqual(m["modelArn"], "arn:aws:bedrock:us-east-1::"
                         "foundation-model/" + HAIKU)
        self.assertEqual((m["modelId"], m["modelName"], m["providerName"]),
                         (HAIKU, "Claude 3 Haiku", "Anthropic"))
        self.assertEqual(m["inputModalities"], ["TEXT", "IMAGE"])
        self.assertEqual(m["outputModalities"], ["TEXT"])
        self.assertIs(m["responseStreamingSupported"], True)
        self.assertEqual(m["customizationsSupported"], [])
        self.assertEqual(m["inferenceTypesSupported"], ["ON_DEMAND"])
        self.assertEqual(m["modelLifecycle"], {"status": "ACTIVE"})
        legacy = ms[4]["modelLifecycle"]
        self.assertEqual(legacy["status"], "LEGACY")
        self.assertEqual(legacy["endOfLifeTime"], "2026-01-01T00:00:00Z")
        self.assertEqual(ms[1]["modelName"], "Claude Sonnet 4.5")
        self.assertEqual(ms[3]["providerName"], "Cohere")  # derived
        self.assertNotIn("nextToken", r.json())
        west = self.bedrock("/foundation-models", region="us-west-2").json()
        self.assertEqual(len(west["modelSummaries"]), 1)
        self.assertIn(":us-west-2::", west["modelSummaries"][0]["modelArn"])

    def test_filters(self):
        def ids(q):
            r = self.bedrock("/foundation-models", q)
            self.assertEqual(r.status, 200, r.body)
            return [m["modelId"] for m in r.json()["modelSummaries"]]
        self.assertEqual(len(ids("byProvider=anthropic")), 3)
        self.assertEqual(ids("byProvider=Amazon"), ["amazon.nova-pro-v1:0"])
        self.assertEqual(ids("byInferenceType=PROVISIONED"), [
            "cohere.embed-english-v3", "anthropic.claude-v2:1:200k"])
        self.assertEqual(len(ids("byInferenceType=ON_DEMAND")), 3)
        self.assertEqual(ids("byOutputModality=EMBEDDING"),
                         ["cohere.embed-english-v3"])
        for q in ("byInferenceType=SOMETIMES", "byOutputModality=SOUND",
                  "byProvider=bad%21name"):
            r = self.bedrock("/foundation-models", q)
            self.assertEqual((r.status, r.code),
                             (400, "ValidationException"), q)

    def test_availability(self):
        r = self.avail(HAIKU)
        self.assertEqual(r.json(), {
            "modelId": HAIKU, "agreementAvailability": {
                "status": "AVAILABLE"}, "authorizationStatus": "AUTHORIZED",
            "entitlementAvailability": "AVAILABLE",
            "regionAvailability": "AVAILABLE"})
        r = self.avail("amazon.nova-pro-v1:0")
        self.assertEqual(r.json()["agreementAvailability"], {
            "status": "ERROR", "errorMessage": "subscription failed"})
        r = self.avail("anthropic.claude-sonnet-4-5-20250929-v1:0")
        self.assertEqual(r.json()["authorizationStatus"], "NOT_AUTHORIZED")

    def test_availability_unknown_model_404(self):
        r = self.avail("anthropic.claude-9-v1:0")
        self.assertEqual((r.status, r.code),
                         (404, "ResourceNotFoundException"))
        self.assertIn("message", r.json())
        r = self.avail("amazon.nova-pro-v1:0", region="us-west-2")
        self.assertEqual(r.status, 404)
        r = self.avail("NOT A MODEL")
        self.assertEqual((r.status, r.code), (400, "ValidationException"))

    def test_get_foundation_model(self):
        r = self.bedrock("/foundation-models/" + urllib.parse.quote(
            HAIKU, safe=""))
        self.assertEqual(r.json()["modelDetails"]["modelId"], HAIKU)

    def test_profiles_pagination(self):
        got, tok, pages = [], None, 0
        while True:
            r = self.bedrock("/inference-profiles", "maxResults=1000" + (
                "&nextToken=" + urllib.parse.quote(tok, safe="")
                if tok else ""))
            self.assertEqual(r.status, 200, r.body)
            doc = r.json()
            self.assertLessEqual(len(doc["inferenceProfileSummaries"]), 4)
            got += doc["inferenceProfileSummaries"]
            pages += 1
            tok = doc.get("nextToken")
            if not tok:
                break
        self.assertEqual(pages, 3)
        self.assertEqual(len(got), 9)
        self.assertEqual(len({p["inferenceProfileId"] for p in got}), 9)
        p = got[0]
        self.assertEqual(p["inferenceProfileArn"], "arn:aws:bedrock:us-east-"
                         "1:123456789012:inference-profile/" +
                         p["inferenceProfileId"])
        self.assertEqual(set(p), {
            "inferenceProfileName", "createdAt", "updatedAt",
            "inferenceProfileArn", "models", "inferenceProfileId",
            "status", "type"})
        self.assertRegex(p["createdAt"], r"^\d{4}-\d\d-\d\dT")
        self.assertEqual(got[-1]["type"], "APPLICATION")
        self.assertIn(":application-inference-profile/",
                      got[-1]["inferenceProfileArn"])

    def test_profiles_params(self):
        r = self.bedrock("/inference-profiles", "maxResults=2")
        self.assertEqual(len(r.json()["inferenceProfileSummaries"]), 2)
        r = self.bedrock("/inference-profiles", "type=APPLICATION")
        self.assertEqual([p["inferenceProfileId"] for p in r.json()[
            "inferenceProfileSummaries"]], ["abcdef123456"])
        for q in ("maxResults=0", "maxResults=1001", "maxResults=x",
                  "type=CUSTOM", "nextToken=garbage"):
            r = self.bedrock("/inference-profiles", q)
            self.assertEqual((r.status, r.code),
                             (400, "ValidationException"), q)
        # ARNs carry the caller's account.
        r = self.bedrock("/inference-profiles", akid=TMP_KEY,
                         secret=TMP_SECRET, token=TMP_TOKEN)
        self.assertIn(":210987654321:", r.json()[
            "inferenceProfileSummaries"][0]["inferenceProfileArn"])


# ----------------------------------------------------------- servicequotas

class TestServiceQuotas(SimCase):
    def test_list_service_quotas_omits_null_applied(self):
        items, pages = self.sq_all("ListServiceQuotas",
                                   {"ServiceCode": "bedrock"})
        self.assertEqual(len(items), 25)
        self.assertEqual(pages, 5)
        codes = {q["QuotaCode"] for q in items}
        self.assertNotIn("L-00001003", codes)   # applied null
        self.assertIn("L-00001004", codes)
        q = items[0]
        self.assertEqual(q["QuotaArn"], "arn:aws:servicequotas:us-east-1:"
                         "123456789012:bedrock/L-00001000")
        self.assertIsInstance(q["Value"], float)
        self.assertEqual((q["ServiceCode"], q["Unit"], q["Adjustable"],
                          q["GlobalQuota"]), ("bedrock", "None", True,
                                              False))
        self.assertEqual(q["Period"], {"PeriodValue": 1,
                                       "PeriodUnit": "MINUTE"})

    def test_defaults_include_every_quota(self):
        items, pages = self.sq_all("ListAWSDefaultServiceQuotas",
                                   {"ServiceCode": "bedrock",
                                    "MaxResults": 100})
        self.assertEqual(len(items), 29)
        self.assertEqual(pages, 6)
        self.assertEqual(len({q["QuotaCode"] for q in items}), 29)

    def test_page_size_is_min_of_maxresults_and_scenario(self):
        r = self.sq("ListServiceQuotas", {"ServiceCode": "bedrock",
                                          "MaxResults": 2}).json()
        self.assertEqual(len(r["Quotas"]), 2)
        self.assertRegex(r["NextToken"], r"^[a-zA-Z0-9/+]*={0,2}$")
        r = self.sq("ListServiceQuotas", {"ServiceCode": "bedrock",
                                          "MaxResults": 100}).json()
        self.assertEqual(len(r["Quotas"]), 5)

    def test_errors(self):
        cases = [
            ({"ServiceCode": "ec2"}, 400, "NoSuchResourceException"),
            ({"ServiceCode": "bedrock", "NextToken": "garbage"}, 400,
             "InvalidPaginationTokenException"),
            ({"ServiceCode": "bedrock", "NextToken": "!!"}, 400,
             "ValidationException"),
            ({"ServiceCode": "bedrock", "MaxResults": 0}, 400,
             "ValidationException"),
            ({"ServiceCode": "bedrock", "MaxResults": 101}, 400,
             "ValidationException"),
            ({}, 400, "ValidationException"),
        ]
        for req, status, code in cases:
            r = self.sq("ListServiceQuotas", req)
            self.assertEqual((r.status, r.code), (status, code), req)
        r = self.sq("ListServiceQuotas", {"ServiceCode": "ec2"})
        self.assertEqual(r.json()["__type"],
                         "com.amazonaws.servicequotas.model#"
                         "NoSuchResourceException")
        self.assertIn("Message", r.json())
        r = self.sq("NoSuchOperation", {})
        self.assertEqual((r.status, r.code),
                         (400, "UnknownOperationException"))

    def test_get_quota(self):
        r = self.sq("GetServiceQuota", {"ServiceCode": "bedrock",
                                        "QuotaCode": "L-00001001"})
        self.assertEqual(r.json()["Quota"]["Value"], 101.0)
        for op in ("GetServiceQuota", "GetAWSDefaultServiceQuota"):
            r = self.sq(op, {"ServiceCode": "bedrock",
                             "QuotaCode": "L-FFFFFFFF"})
            self.assertEqual((r.status, r.code),
                             (400, "NoSuchResourceException"))
        r = self.sq("GetServiceQuota", {"ServiceCode": "bedrock",
                                        "QuotaCode": "L-00001003"})
        self.assertEqual(r.code, "NoSuchResourceException")
        r = self.sq("GetAWSDefaultServiceQuota", {
            "ServiceCode": "bedrock", "QuotaCode": "L-00001003"})
        self.assertEqual(r.json()["Quota"]["Value"], 103.0)

    def test_requests(self):
        items, pages = self.sq_all("ListRequestedServiceQuotaChangeHistory",
                                   {"ServiceCode": "bedrock"},
                                   "RequestedQuotas")
        self.assertEqual((len(items), pages), (7, 3))
        r = items[0]
        self.assertEqual((r["Id"], r["CaseId"], r["Status"],
                          r["DesiredValue"]), ("req00", "12345", "DENIED",
                                               200.0))
        self.assertEqual(r["Created"], 1760000000.5)
        self.assertEqual(json.loads(r["Requester"])["accountId"],
                         "123456789012")
        self.assertNotIn("CaseId", items[1])
        denied, _ = self.sq_all("ListRequestedServiceQuotaChangeHistory",
                                {"Status": "DENIED"}, "RequestedQuotas")
        self.assertEqual([x["Id"] for x in denied],
                         ["req00", "req03", "req06"])
        r = self.sq("ListRequestedServiceQuotaChangeHistory",
                    {"Status": "MAYBE"})
        self.assertEqual(r.code, "ValidationException")
        by, _ = self.sq_all("ListRequestedServiceQuotaChangeHistoryByQuota",
                            {"ServiceCode": "bedrock",
                             "QuotaCode": "L-00001000"}, "RequestedQuotas")
        self.assertEqual(len(by), 7)


class TestReplyShapes(SimCase):
    """The optional members of the botocore model, present and absent
    (issue #11 item 4)."""

    def shapes_world(self):
        w = world()
        east = w["regions"]["us-east-1"]
        east["models"][0].update(
            startOfLifeTime="2024-03-07T00:00:00Z",
            legacyTime="2025-07-01T00:00:00Z",
            publicExtendedAccessTime="2025-10-01T00:00:00Z",
            endOfLifeTime="2026-01-01T00:00:00Z",
            agreementErrorMessage="")
        east["quotas"] = [
            quota("L-TPD00001", 51957100000, 51957100000,
                  name="Tokens per day for X", period={"value": 1,
                                                      "unit": "DAY"}),
            quota("L-TPD00001", 100, 200, name="Tokens per day for X",
                  level="RESOURCE", context={
                      "scope": "RESOURCE", "scopeType":
                      "AWS::Bedrock::InferenceProfile",
                      "id": "arn:aws:bedrock:us-east-1:123456789012:"
                      "application-inference-profile/abc"}),
            quota("L-ERR00001", 10, None, errorReason={
                "code": "DEPENDENCY_ACCESS_DENIED_ERROR"}, level=None,
                period=None),
        ]
        east["requests"] = [
            {"id": "auto1", "quotaCode": "L-TPD00001", "status": "PENDING",
             "requestType": "AutomaticManagement",
             "requestedAtLevel": None},
            {"id": "user1", "quotaCode": "L-TPD00001", "status": "PENDING",
             "desiredValue": 60000000000}]
        return w

    def setUp(self):
        super().setUp()
        self.srv.sim.world = awssim.World(self.shapes_world())

    def test_lifecycle_and_agreement_message(self):
        ms = self.bedrock("/foundation-models").json()["modelSummaries"]
        life = ms[0]["modelLifecycle"]
        self.assertEqual(life["publicExtendedAccessTime"],
                         "2025-10-01T00:00:00Z")
        self.assertEqual(len(life), 5)
        self.assertEqual(ms[1]["modelLifecycle"], {"status": "ACTIVE"})
        # An empty message is sent as sent; an absent one is left out.
        agr = self.avail(HAIKU).json()["agreementAvailability"]
        self.assertEqual(agr["errorMessage"], "")
        agr = self.avail("anthropic.claude-sonnet-4-5-20250929-v1:0").json()
        self.assertNotIn("errorMessage", agr["agreementAvailability"])

    def test_quota_levels_errors_periods(self):
        items, _ = self.sq_all("ListServiceQuotas", {"ServiceCode":
                                                     "bedrock"})
        self.assertEqual([q["QuotaCode"] for q in items],
                         ["L-TPD00001", "L-TPD00001", "L-ERR00001"])
        acct, res, err = items
        self.assertEqual(acct["Value"], 51957100000.0)
        self.assertEqual(acct["QuotaAppliedAtLevel"], "ACCOUNT")
        self.assertNotIn("QuotaContext", acct)
        self.assertEqual(acct["Period"], {"PeriodValue": 1,
                                          "PeriodUnit": "DAY"})
        self.assertEqual(res["QuotaAppliedAtLevel"], "RESOURCE")
        self.assertEqual(res["QuotaContext"]["ContextScope"], "RESOURCE")
        self.assertIn("Period", res)        # derived from the name
        self.assertNotIn("Value", err)
        self.assertEqual(err["ErrorReason"], {
            "ErrorCode": "DEPENDENCY_ACCESS_DENIED_ERROR"})
        self.assertNotIn("QuotaAppliedAtLevel", err)
        self.assertNotIn("Period", err)
        acct_only, _ = self.sq_all("ListServiceQuotas", {
            "ServiceCode": "bedrock", "QuotaAppliedAtLevel": "ACCOUNT"})
        self.assertEqual(len(acct_only), 2)
        res_only, _ = self.sq_all("ListServiceQuotas", {
            "ServiceCode": "bedrock", "QuotaAppliedAtLevel": "RESOURCE"})
        self.assertEqual([q["Value"] for q in res_only], [200.0])
        # The default list has values, never the applied ErrorReason.
        defaults, _ = self.sq_all("ListAWSDefaultServiceQuotas",
                                  {"ServiceCode": "bedrock"})
        self.assertEqual(defaults[2]["Value"], 10.0)
        self.assertNotIn("ErrorReason", defaults[2])
        # Get* names a code: its account-level row.
        q = self.sq("GetServiceQuota", {"ServiceCode": "bedrock",
                                        "QuotaCode": "L-TPD00001"}).json()
        self.assertEqual(q["Quota"]["QuotaAppliedAtLevel"], "ACCOUNT")

    def test_request_optional_members(self):
        items, _ = self.sq_all("ListRequestedServiceQuotaChangeHistory",
                               {"ServiceCode": "bedrock"},
                               list_key="RequestedQuotas")
        auto, user = items
        self.assertNotIn("DesiredValue", auto)
        self.assertEqual(auto["RequestType"], "AutomaticManagement")
        self.assertNotIn("QuotaRequestedAtLevel", auto)
        self.assertEqual(user["DesiredValue"], 60000000000.0)
        self.assertNotIn("RequestType", user)
        self.assertEqual(user["QuotaRequestedAtLevel"], "ACCOUNT")
        self.assertIn("Requester", user)

    def test_duplicate_key_refused(self):
        w = self.shapes_world()
        w["regions"]["us-east-1"]["quotas"].append(
            quota("L-TPD00001", 1, 1, level="ACCOUNT"))
        self.assertIn("duplicate code 'L-TPD00001'",
                      "\n".join(scenario.validate(w)))
        r = self.raw("POST", "/_sim/mutate", json.dumps({"mutations": [[
            "lifecycle_date", "us-east-1", HAIKU, "endOfLifeTime",
            "soon"]]}).encode())
        self.assertEqual(r.status, 400)


class TestSts(SimCase):
    def test_get_caller_identity(self):
        r = self.sts(akid=TMP_KEY, secret=TMP_SECRET, token=TMP_TOKEN)
        self.assertEqual(r.status, 200)
        self.assertEqual(r.headers["content-type"], "text/xml")
        b = r.body.decode()
        self.assertIn("<GetCallerIdentityResponse xmlns=\"https://sts."
                      "amazonaws.com/doc/2011-06-15/\">", b)
        self.assertIn("<Account>210987654321</Account>", b)
        self.assertIn("<Arn>arn:aws:sts::210987654321:assumed-role/R/s</Arn>",
                      b)
        self.assertIn("<UserId>AROATESTROLE:s</UserId>", b)
        self.assertIn("<RequestId>%s</RequestId>" %
                      r.headers["x-amzn-requestid"], b)

    def test_unknown_action(self):
        r = self.call("sts", "us-east-1", "POST", "/",
                      body="Action=DecodeAuthorizationMessage&"
                      "Version=2011-06-15",
                      headers={"Content-Type":
                               "application/x-www-form-urlencoded"})
        self.assertEqual((r.status, r.code), (400, "InvalidAction"))


# --------------------------------------------- sts / sso: temporary creds

AUDIT_ROLE = "arn:aws:iam::123456789012:role/audit"
MID_ROLE = "arn:aws:iam::123456789012:role/mid"
WEB_ROLE = "arn:aws:iam::210987654321:role/web"
FORM = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}


def identity_doc():
    return {
        "roles": {
            AUDIT_ROLE: {"trusted": ["arn:aws:iam::123456789012:user/audit",
                                     MID_ROLE], "external_id": "ext-42",
                         "max_duration": 7200},
            MID_ROLE: {"trusted": ["arn:aws:iam::123456789012:root"]},
            WEB_ROLE: {"trusted": [], "web_identity_tokens": ["eyJ.good"],
                       "expired_web_identity_tokens": ["eyJ.old"]},
        },
        "sso": {"access_tokens": ["bearer-ok"],
                "expired_access_tokens": ["bearer-old"],
                "assignments": [{"account_id": "210987654321",
                                 "role_name": "Audit"}]},
    }


def xml_field(body, tag):
    b = body.decode() if isinstance(body, bytes) else body
    i = b.index("<%s>" % tag) + len(tag) + 2
    return b[i:b.index("</%s>" % tag, i)]


def unescape(s):
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


class TestIdentity(SimCase):
    def setUp(self):
        SimCase.setUp(self)
        r = self.raw("POST", "/_sim/identity",
                     json.dumps(identity_doc()).encode())
        self.assertEqual(r.status, 200, r.body)

    def assume(self, role=AUDIT_ROLE, session="cron", extra="", **kw):
        body = "Action=AssumeRole&Version=2011-06-15&RoleArn=%s&" \
            "RoleSessionName=%s%s" % (urllib.parse.quote(role, safe=""),
                                      session, extra)
        return self.call("sts", "us-east-1", "POST", "/", body=body,
                         headers=FORM, **kw)

    def creds(self, r):
        self.assertEqual(r.status, 200, r.body)
        return (xml_field(r.body, "AccessKeyId"),
                unescape(xml_field(r.body, "SecretAccessKey")),
                unescape(xml_field(r.body, "SessionToken")))

    def test_assume_role_then_use(self):
        r = self.assume(extra="&ExternalId=ext-42&DurationSeconds=1800")
        self.assertIn(b"<AssumeRoleResponse xmlns=\"https://sts.amazonaws."
                      b"com/doc/2011-06-15/\">", r.body)
        akid, secret, token = self.creds(r)
        self.assertTrue(akid.startswith("ASIA"))
        self.assertGreater(len(token), 500)
        exp = awssim.iso_to_epoch(xml_field(r.body, "Expiration"))
        self.assertAlmostEqual(exp, time.time() + 1800, delta=60)
        self.assertIn("<Arn>arn:aws:sts::123456789012:assumed-role/audit/"
                      "cron</Arn>", r.body.decode())
        # the new key works for SigV4, with its token and not without
        who = self.sts(akid=akid, secret=secret, token=token)
        self.assertEqual(who.status, 200, who.body)
        self.assertEqual(xml_field(who.body, "Arn"),
                         "arn:aws:sts::123456789012:assumed-role/audit/cron")
        self.assertEqual(xml_field(who.body, "Account"), "123456789012")
        b = self.bedrock("/foundation-models", akid=akid, secret=secret,
                         token=token)
        self.assertEqual(b.status, 200, b.body)
        bad = self.sts(akid=akid, secret=secret)
        self.assertEqual((bad.status, bad.code), (403, "InvalidClientTokenId"))

    def test_role_chain(self):
        akid, secret, token = self.creds(self.assume(role=MID_ROLE))
        r = self.assume(extra="&ExternalId=ext-42", akid=akid, secret=secret,
                        token=token)
        self.creds(r)
        # chaining caps the session at an hour
        r = self.assume(extra="&ExternalId=ext-42&DurationSeconds=7200",
                        akid=akid, secret=secret, token=token)
        self.assertEqual((r.status, r.code), (400, "ValidationError"))
        self.assertIn(b"1 hour session limit", r.body)

    def test_access_denied(self):
        for extra in ("", "&ExternalId=wrong-1"):
            r = self.assume(extra=extra)
            self.assertEqual((r.status, r.code), (403, "AccessDenied"))
            self.assertIn(b"<Type>Sender</Type>", r.body)
            self.assertIn(b"User: arn:aws:iam::123456789012:user/audit is "
                          b"not authorized to perform: sts:AssumeRole on "
                          b"resource: " + AUDIT_ROLE.encode(), r.body)
        r = self.assume(role=WEB_ROLE)          # caller not trusted
        self.assertEqual((r.status, r.code), (403, "AccessDenied"))
        r = self.assume(role="arn:aws:iam::123456789012:role/none")
        self.assertEqual((r.status, r.code), (403, "AccessDenied"))

    def test_validation(self):
        r = self.assume(session="a b")
        self.assertEqual((r.status, r.code), (400, "ValidationError"))
        r = self.assume(extra="&ExternalId=ext-42&DurationSeconds=60")
        self.assertEqual((r.status, r.code), (400, "ValidationError"))
        r = self.assume(extra="&ExternalId=ext-42&DurationSeconds=9000")
        self.assertIn(b"MaxSessionDuration", r.body)

    def test_assume_role_needs_a_signature(self):
        r = self.raw("POST", "/", ("Action=AssumeRole&Version=2011-06-15&"
                                   "RoleArn=%s&RoleSessionName=x1" %
                                   AUDIT_ROLE).encode(), FORM)
        self.assertEqual((r.status, r.code),
                         (403, "MissingAuthenticationToken"))

    def web(self, token, role=WEB_ROLE):
        body = "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&" \
            "RoleArn=%s&RoleSessionName=pod-1&WebIdentityToken=%s" % (
                urllib.parse.quote(role, safe=""), token)
        return self.raw("POST", "/", body.encode(), FORM)

    def test_web_identity(self):
        r = self.web("eyJ.good")
        akid, secret, token = self.creds(r)
        self.assertIn(b"<AssumeRoleWithWebIdentityResult>", r.body)
        who = self.sts(akid=akid, secret=secret, token=token)
        self.assertEqual(xml_field(who.body, "Arn"),
                         "arn:aws:sts::210987654321:assumed-role/web/pod-1")
        r = self.web("eyJ.old")
        self.assertEqual((r.status, r.code), (400, "ExpiredTokenException"))
        r = self.web("eyJ.forged")
        self.assertEqual((r.status, r.code), (400, "InvalidIdentityToken"))
        r = self.web("eyJ.good", role=AUDIT_ROLE)
        self.assertEqual((r.status, r.code), (403, "AccessDenied"))

    def sso(self, bearer, account="210987654321", role="Audit"):
        h = {"x-amz-sso_bearer_token": bearer} if bearer else {}
        return self.raw("GET", "/federation/credentials?account_id=%s&"
                        "role_name=%s" % (account, role), headers=h)

    def test_sso(self):
        r = self.sso("bearer-ok")
        self.assertEqual(r.status, 200, r.body)
        rc = r.json()["roleCredentials"]
        self.assertAlmostEqual(rc["expiration"] / 1000.0, time.time() + 3600,
                               delta=60)
        who = self.sts(akid=rc["accessKeyId"], secret=rc["secretAccessKey"],
                       token=rc["sessionToken"])
        self.assertEqual(xml_field(who.body, "Account"), "210987654321")
        self.assertIn("assumed-role/AWSReservedSSO_Audit_",
                      xml_field(who.body, "Arn"))
        for bearer in ("bearer-old", "nope", None):
            r = self.sso(bearer)
            self.assertEqual((r.status, r.code),
                             (401, "UnauthorizedException"))
            self.assertEqual(r.json(), {"message": "Session token not found "
                                        "or invalid"})
        r = self.sso("bearer-ok", role="Admin")
        self.assertEqual((r.status, r.code), (403, "ForbiddenException"))

    def test_issued_list(self):
        akid, secret, token = self.creds(self.assume(role=MID_ROLE))
        got = [c for c in self.raw("GET", "/_sim/issued").json()
               if c["akid"] == akid]
        self.assertEqual(len(got), 1)
        self.assertEqual((got[0]["secret"], got[0]["token"]),
                         (secret, token))

    def test_issued_credentials_expire(self):
        akid, secret, token = self.creds(self.assume(role=MID_ROLE))
        self.srv.sim.clock_offset = 3601
        r = self.sts(akid=akid, secret=secret, token=token, skew=3601)
        self.assertEqual((r.status, r.code), (403, "ExpiredToken"))

    def test_bad_identity_document(self):
        for doc in ({"roles": {"not-an-arn": {}}}, {"rolez": {}},
                    {"roles": {AUDIT_ROLE: {"trusted": "x"}}},
                    {"sso": {"assignments": [{"account_id": "1"}]}}):
            r = self.raw("POST", "/_sim/identity", json.dumps(doc).encode())
            self.assertEqual(r.status, 400, doc)
        # the good one stays in force
        self.assertEqual(self.raw("GET", "/_sim/identity").json(),
                         identity_doc())
        self.creds(self.assume(role=MID_ROLE))


# ---------------------------------------------------------- member accounts

MEMBER = "222222222222"
MEMBER_ROLE = "arn:aws:iam::222222222222:role/BedrockAuditMember"


class TestMemberAccounts(SimCase):
    """member_accounts: the state served follows the credentials'
    account; AssumeRole into a member checks trust and external ID."""

    def setUp(self):
        SimCase.setUp(self)
        w = world()
        w["member_accounts"] = {MEMBER: {"steps": [
            ["grant_access", "us-east-1",
             "anthropic.claude-sonnet-4-5-20250929-v1:0"],
            ["revoke_access", "us-east-1", HAIKU]]}}
        self.srv.sim.world = awssim.World(w)
        doc = {"roles": {MEMBER_ROLE: {
            "trusted": ["arn:aws:iam::123456789012:root"],
            "external_id": "org-7"}}}
        r = self.raw("POST", "/_sim/identity", json.dumps(doc).encode())
        self.assertEqual(r.status, 200, r.body)

    def assume(self, ext="org-7", **kw):
        body = "Action=AssumeRole&Version=2011-06-15&RoleArn=%s&" \
            "RoleSessionName=bedrock-audit" % urllib.parse.quote(
                MEMBER_ROLE, safe="")
        if ext is not None:
            body += "&ExternalId=" + ext
        return self.call("sts", "us-east-1", "POST", "/", body=body,
                         headers=FORM, **kw)

    def access(self, mid, **kw):
        r = self.avail(mid, **kw)
        self.assertEqual(r.status, 200, r.body)
        return r.json()["authorizationStatus"]

    def test_state_follows_the_account(self):
        r = self.assume()
        self.assertEqual(r.status, 200, r.body)
        akid = xml_field(r.body, "AccessKeyId")
        secret = unescape(xml_field(r.body, "SecretAccessKey"))
        token = unescape(xml_field(r.body, "SessionToken"))
        who = self.sts(akid=akid, secret=secret, token=token)
        self.assertEqual(xml_field(who.body, "Account"), MEMBER)
        sonnet = "anthropic.claude-sonnet-4-5-20250929-v1:0"
        # the caller's own account sees the shared world ...
        self.assertEqual(self.access(HAIKU), "AUTHORIZED")
        self.assertEqual(self.access(sonnet), "NOT_AUTHORIZED")
        # ... the member its own access
        self.assertEqual(self.access(HAIKU, akid=akid, secret=secret,
                                     token=token), "NOT_AUTHORIZED")
        self.assertEqual(self.access(sonnet, akid=akid, secret=secret,
                                     token=token), "AUTHORIZED")
        # the models offered are shared
        mine = self.bedrock("/foundation-models").json()
        theirs = self.bedrock("/foundation-models", akid=akid,
                              secret=secret, token=token).json()
        self.assertEqual(sorted(m["modelId"] for m in mine["modelSummaries"]),
                         sorted(m["modelId"] for m in
                                theirs["modelSummaries"]))

    def test_trust_and_external_id(self):
        for ext in (None, "wrong-1"):
            r = self.assume(ext=ext)
            self.assertEqual((r.status, r.code), (403, "AccessDenied"))
            self.assertIn(b"<Type>Sender</Type>", r.body)
            self.assertIn(b"not authorized to perform: sts:AssumeRole on "
                          b"resource: " + MEMBER_ROLE.encode(), r.body)

    def test_bad_member_accounts(self):
        for members in ({"12": {"steps": []}},
                        {MEMBER: {"steps": [["no_such_mutation"]]}},
                        {MEMBER: {"stepz": []}},
                        {MEMBER: {"steps": [["grant_access", "us-east-1",
                                             "no.such-model"]]}}):
            w = world()
            w["member_accounts"] = members
            r = self.raw("POST", "/_sim/scenario", json.dumps(w).encode())
            self.assertEqual(r.status, 400, members)


# ----------------------------------------------------------- organizations

ORG_OU = "ou-ab12-11111111"


def org_world(empty_first=False):
    w = world()
    accts = [{"id": "%012d" % (100000000000 + i), "parent": ORG_OU if
              i % 2 else "r-ab12"} for i in range(25)]
    accts[3]["status"] = "SUSPENDED"
    accts[4]["status"] = "CLOSED"
    w["organization"] = {"management_account": "123456789012",
                         "page_size": 7, "empty_first_page": empty_first,
                         "roots": ["r-ab12"], "accounts": accts}
    return w


class TestOrganizations(SimCase):
    def org(self, op, req, **kw):
        return self.call("organizations", "us-east-1", "POST", "/",
                         body=json.dumps(req), headers={
                             "Content-Type": SQ_JSON, "X-Amz-Target":
                             "AWSOrganizationsV20161128." + op}, **kw)

    def all_pages(self, op, req):
        ids, pages, tok = [], 0, None
        while True:
            r = dict(req)
            if tok:
                r["NextToken"] = tok
            rep = self.org(op, r)
            self.assertEqual(rep.status, 200, rep.body)
            doc = rep.json()
            ids += [(a["Id"], a["State"], a.get("Status")) for a in
                    doc["Accounts"]]
            pages += 1
            tok = doc.get("NextToken")
            if not tok:
                return ids, pages
            self.assertLess(pages, 50)

    def test_list_accounts_pages(self):
        self.srv.sim.world = awssim.World(org_world(empty_first=True))
        ids, pages = self.all_pages("ListAccounts", {"MaxResults": 20})
        self.assertEqual(len(ids), 25)
        self.assertEqual(pages, 1 + 4)     # the empty one, then 7 a page
        self.assertIn(("100000000003", "SUSPENDED", "SUSPENDED"), ids)
        # CLOSED is a State only: the deprecated Status does not know it
        self.assertIn(("100000000004", "CLOSED", None), ids)
        first = self.org("ListAccounts", {"MaxResults": 20}).json()
        self.assertEqual(first["Accounts"], [])
        self.assertIn("NextToken", first)

    def test_list_accounts_for_parent(self):
        self.srv.sim.world = awssim.World(org_world())
        ids, _ = self.all_pages("ListAccountsForParent",
                                {"ParentId": ORG_OU, "MaxResults": 5})
        self.assertEqual([i[0] for i in ids],
                         ["%012d" % (100000000000 + i)
                          for i in range(1, 25, 2)])
        r = self.org("ListAccountsForParent", {"ParentId": "ou-ab12-nope0000"})
        self.assertEqual((r.status, r.code), (400, "ParentNotFoundException"))
        self.assertEqual(r.json()["__type"], "ParentNotFoundException")

    def test_errors(self):
        r = self.org("ListAccounts", {})
        self.assertEqual((r.status, r.code),
                         (400, "AWSOrganizationsNotInUseException"))
        w = org_world()
        w["organization"]["management_account"] = "210987654321"
        self.srv.sim.world = awssim.World(w)
        r = self.org("ListAccounts", {})
        self.assertEqual((r.status, r.code), (400, "AccessDeniedException"))
        self.assertIn("Message", r.json())
        self.srv.sim.world = awssim.World(org_world())
        r = self.org("ListAccounts", {"MaxResults": 21})
        self.assertEqual((r.status, r.code), (400, "InvalidInputException"))
        r = self.org("ListAccounts", {"NextToken": "forged"})
        self.assertEqual((r.status, r.code), (400, "InvalidInputException"))
        r = self.org("ListAccounts", {}, secret="wrong" + SECRET[5:])
        self.assertEqual((r.status, r.code), (403, "InvalidSignatureException"))

    def test_bad_organization(self):
        for org in ({"management_account": "1", "accounts": []},
                    {"management_account": "123456789012"},
                    {"management_account": "123456789012",
                     "accounts": [{"id": "12"}]},
                    {"management_account": "123456789012", "page_size": 21,
                     "accounts": []}):
            w = world()
            w["organization"] = org
            r = self.raw("POST", "/_sim/scenario", json.dumps(w).encode())
            self.assertEqual(r.status, 400, org)


# ------------------------------------------------------------------ faults

class TestFaults(SimCase):
    def expect_no_reply(self, fn):
        with self.assertRaises((ConnectionError, http.client.HTTPException,
                                socket.timeout)):
            fn()

    def test_throttle(self):
        self.faults([{"kind": "throttle", "rate": 1}])
        r = self.bedrock("/foundation-models")
        self.assertEqual((r.status, r.code), (429, "ThrottlingException"))
        r = self.sq("ListServiceQuotas", {"ServiceCode": "bedrock"})
        self.assertEqual((r.status, r.code),
                         (400, "TooManyRequestsException"))
        r = self.sts()
        self.assertEqual((r.status, r.code), (400, "Throttling"))

    def test_throttle400_error500_error503_expired(self):
        for kind, status, code in (
                ("throttle400", 400, "ThrottlingException"),
                ("error500", 500, "InternalServerException"),
                ("error503", 503, "ServiceUnavailableException"),
                ("expired_token", 403, "ExpiredTokenException")):
            self.faults([{"kind": kind, "rate": 1}])
            r = self.bedrock("/foundation-models")
            self.assertEqual((r.status, r.code), (status, code), kind)
        self.faults([{"kind": "error500", "rate": 1}])
        r = self.sq("ListServiceQuotas", {"ServiceCode": "bedrock"})
        self.assertEqual((r.status, r.code), (500, "ServiceException"))

    def test_reset_and_region_down(self):
        self.faults([{"kind": "reset", "rate": 1}])
        self.expect_no_reply(lambda: self.bedrock("/foundation-models"))
        self.faults([])
        self.expect_no_reply(lambda: self.bedrock("/foundation-models",
                                                  region="eu-west-3"))
        self.assertEqual(self.stats()["faults"]["region_down"], 1)

    def test_timeout(self):
        self.faults([{"kind": "timeout", "rate": 1, "seconds": 0.3}])
        t0 = time.monotonic()
        self.expect_no_reply(lambda: self.bedrock("/foundation-models"))
        self.assertGreaterEqual(time.monotonic() - t0, 0.29)

    def test_truncated(self):
        self.faults([{"kind": "truncated", "rate": 1}])
        with self.assertRaises(http.client.IncompleteRead):
            self.bedrock("/foundation-models")

    def test_malformed(self):
        self.faults([{"kind": "malformed", "rate": 1}])
        r = self.bedrock("/foundation-models")
        self.assertEqual(r.status, 200)
        with self.assertRaises(ValueError):
            json.loads(r.body)
        r = self.sts()
        self.assertNotIn(b"</GetCallerIdentityResponse>", r.body)

    def test_wrongtypes(self):
        self.faults([{"kind": "wrongtypes", "rate": 1}])
        r = self.avail(HAIKU)
        doc = r.json()
        self.assertEqual(set(doc), {"modelId", "agreementAvailability",
                                    "authorizationStatus",
                                    "entitlementAvailability",
                                    "regionAvailability"})
        self.assertNotIsInstance(doc["modelId"], str)
        doc = self.sq("ListServiceQuotas", {"ServiceCode": "bedrock"}).json()
        self.assertIsInstance(doc["Quotas"][0]["Value"], str)
        self.assertIsInstance(doc["Quotas"][0]["Adjustable"], str)

    def test_endless_token(self):
        self.faults([{"kind": "endless_token", "rate": 1}])
        tok, seen = None, set()
        for _ in range(12):
            req = {"ServiceCode": "bedrock"}
            if tok:
                req["NextToken"] = tok
            doc = self.sq("ListServiceQuotas", req).json()
            tok = doc.get("NextToken")
            self.assertTrue(tok)
            seen.add(tok)
        self.assertEqual(len(seen), 12)   # never repeats, never ends
        # Non-paginated operations are untouched.
        r = self.bedrock("/foundation-models")
        self.assertEqual(r.status, 200)
        self.assertNotIn("nextToken", r.json())
        self.assertEqual(self.stats()["faults"]["endless_token"], 12)

    def test_repeat_token(self):
        self.faults([{"kind": "repeat_token", "rate": 1}])
        first = self.bedrock("/inference-profiles").json()["nextToken"]
        again = self.bedrock("/inference-profiles", "nextToken=" +
                             urllib.parse.quote(first, safe="")).json()
        self.assertEqual(again["nextToken"], first)

    def test_huge(self):
        self.faults([{"kind": "huge", "rate": 1, "mb": 2}])
        r = self.bedrock("/foundation-models")
        self.assertEqual(len(r.body), 2 * 1024 * 1024)
        self.assertEqual(len(r.json()["modelSummaries"]), 5)
        self.faults([{"kind": "huge", "rate": 1}])
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        amz = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        add, _ = test_sign("GET", self.host, "/foundation-models", "", {},
                           b"", "us-east-1", "bedrock", amz)
        c.request("GET", "/foundation-models", headers=add)
        resp = c.getresponse()
        self.assertEqual(int(resp.getheader("Content-Length")),
                         50 * 1024 * 1024)
        self.assertTrue(resp.read(1024).startswith(b'{"modelSummaries"'))
        c.close()

    def test_scoping_by_region_and_operation(self):
        self.faults([{"kind": "throttle", "rate": 1, "region": "us-west-2",
                      "operation": "ListFoundationModels"}])
        self.assertEqual(self.bedrock("/foundation-models").status, 200)
        self.assertEqual(self.avail(HAIKU, region="us-west-2").status, 200)
        self.assertEqual(self.bedrock("/foundation-models",
                                      region="us-west-2").status, 429)

    def test_after_and_limit(self):
        self.faults([{"kind": "error503", "rate": 1, "after": 1,
                      "limit": 2}])
        got = [self.bedrock("/foundation-models").status for _ in range(5)]
        self.assertEqual(got, [200, 503, 503, 200, 200])

    def test_seeded_runs_repeat(self):
        def run():
            self.faults([{"kind": "throttle", "rate": 0.5}], seed=42)
            return [self.bedrock("/foundation-models").status
                    for _ in range(30)]
        a, b = run(), run()
        self.assertEqual(a, b)
        self.assertIn(429, a)
        self.assertIn(200, a)
        self.faults([{"kind": "throttle", "rate": 0.5}], seed=43)
        c = [self.bedrock("/foundation-models").status for _ in range(30)]
        self.assertNotEqual(a, c)

    def test_faults_skip_failed_auth(self):
        self.faults([{"kind": "throttle", "rate": 1}])
        r = self.bedrock("/foundation-models", secret="bad")
        self.assertEqual(r.code, "InvalidSignatureException")

    def test_latency(self):
        self.srv.sim.latency_ms = 150
        t0 = time.monotonic()
        self.bedrock("/foundation-models")
        self.assertGreaterEqual(time.monotonic() - t0, 0.14)

    def test_stats_count_faults(self):
        self.raw("POST", "/_sim/reset-stats")
        self.faults([{"kind": "throttle", "rate": 1,
                      "operation": "GetFoundationModelAvailability"}])
        self.avail(HAIKU)
        self.bedrock("/foundation-models")
        self.sq("ListServiceQuotas", {"ServiceCode": "bedrock"},
                region="us-west-2")
        st = self.stats()
        self.assertEqual(st["requests_total"], 3)
        self.assertEqual(st["faults"], {"throttle": 1})
        self.assertEqual(st["requests"]["bedrock"][
            "GetFoundationModelAvailability"]["us-east-1"], 1)
        self.assertEqual(st["requests"]["servicequotas"][
            "ListServiceQuotas"]["us-west-2"], 1)
        self.assertEqual(st["errors"], {"ThrottlingException": 1})
        self.assertGreaterEqual(st["cpu_seconds"], 0)
        self.raw("POST", "/_sim/reset-stats")
        self.assertEqual(self.stats()["requests_total"], 0)

    def test_bad_fault_rules_rejected(self):
        for doc in ([{"kind": "explode", "rate": 1}],
                    [{"kind": "throttle", "rate": 2}],
                    [{"kind": "throttle"}],
                    [{"kind": "throttle", "rate": 1, "after": [1]}],
                    {"rules": [{"kind": "throttle", "rate": None}]}):
            r = self.raw("POST", "/_sim/faults", json.dumps(doc).encode())
            self.assertEqual(r.status, 400)
        rule = awssim.parse_fault_spec("timeout=2.5:0.25::ListServiceQuotas")
        self.assertEqual((rule.kind, rule.param, rule.rate, rule.region,
                          rule.operation), ("timeout", 2.5, 0.25, None,
                                            "listservicequotas"))
        with self.assertRaises(ValueError):
            awssim.parse_fault_spec("throttle")


# --------------------------------------------------------------- mutations

class TestMutations(SimCase):
    def mutate(self, *steps):
        r = self.raw("POST", "/_sim/mutate", json.dumps(
            {"mutations": [list(s) for s in steps]}).encode())
        self.assertEqual(r.status, 200, r.body)

    def test_access_mutations_change_availability(self):
        self.mutate(("revoke_access", "us-east-1", HAIKU))
        self.assertEqual(self.avail(HAIKU).json()["authorizationStatus"],
                         "NOT_AUTHORIZED")
        self.mutate(("grant_access", "us-east-1", HAIKU),
                    ("entitlement", "us-east-1", HAIKU, "NOT_AVAILABLE"),
                    ("agreement", "us-east-1", HAIKU, "PENDING"),
                    ("region_availability", "us-east-1", HAIKU,
                     "NOT_AVAILABLE"))
        d = self.avail(HAIKU).json()
        self.assertEqual((d["authorizationStatus"],
                          d["entitlementAvailability"],
                          d["agreementAvailability"]["status"],
                          d["regionAvailability"]),
                         ("AUTHORIZED", "NOT_AVAILABLE", "PENDING",
                          "NOT_AVAILABLE"))
        self.assertEqual(self.avail(HAIKU, region="us-west-2").json()[
            "authorizationStatus"], "AUTHORIZED")

    def test_model_mutations_change_list(self):
        self.mutate(("lifecycle", "us-east-1", HAIKU, "LEGACY"),
                    ("drop_on_demand", "us-east-1", HAIKU),
                    ("remove_model", "us-east-1", "amazon.nova-pro-v1:0"),
                    ("add_model", "*", "acme.widget-2-v1:0"))
        ms = {m["modelId"]: m for m in self.bedrock(
            "/foundation-models").json()["modelSummaries"]}
        self.assertEqual(ms[HAIKU]["modelLifecycle"]["status"], "LEGACY")
        self.assertNotIn("ON_DEMAND", ms[HAIKU]["inferenceTypesSupported"])
        self.assertNotIn("amazon.nova-pro-v1:0", ms)
        self.assertEqual(self.avail("amazon.nova-pro-v1:0").status, 404)
        self.assertIn("acme.widget-2-v1:0", ms)
        self.assertEqual(self.avail("acme.widget-2-v1:0",
                                    region="us-west-2").status, 200)

    def test_quota_mutations(self):
        self.mutate(("lower_default", "us-east-1", "L-00001000", "50"),
                    ("raise_default", "us-east-1", "L-00001001"),
                    ("set_applied", "us-east-1", "L-00001002", "null"),
                    ("make_non_adjustable", "us-east-1", "L-00001004"),
                    ("remove_quota", "us-east-1", "L-00001005"),
                    ("add_quota", "us-east-1", "L-ABCDEF12", "New quota",
                     "10", "null"))
        d = {q["QuotaCode"]: q for q in self.sq_all(
            "ListAWSDefaultServiceQuotas", {"ServiceCode": "bedrock"})[0]}
        a = {q["QuotaCode"]: q for q in self.sq_all(
            "ListServiceQuotas", {"ServiceCode": "bedrock"})[0]}
        self.assertEqual(d["L-00001000"]["Value"], 50.0)
        self.assertEqual(a["L-00001000"]["Value"], 50.0)  # followed
        self.assertEqual(d["L-00001001"]["Value"], 202.0)
        self.assertNotIn("L-00001002", a)
        self.assertIs(a["L-00001004"]["Adjustable"], False)
        self.assertNotIn("L-00001005", d)
        self.assertIn("L-ABCDEF12", d)
        self.assertNotIn("L-ABCDEF12", a)

    def test_request_and_profile_mutations(self):
        self.mutate(("deny_request", "us-east-1", "req01"),
                    ("add_request", "us-east-1", "L-00001002", "999",
                     "CASE_OPENED"),
                    ("add_profile", "us-east-1",
                     "eu.anthropic.claude-3-haiku-20240307-v1:0",
                     "eu-central-1", "eu-west-1"),
                    ("remove_profile", "us-east-1", "abcdef123456"))
        reqs = self.sq_all("ListRequestedServiceQuotaChangeHistory", {},
                           "RequestedQuotas")[0]
        st = {r["Id"]: r for r in reqs}
        self.assertEqual(st["req01"]["Status"], "DENIED")
        new = [r for r in reqs if r["DesiredValue"] == 999.0]
        self.assertEqual(len(new), 1)
        self.assertEqual(new[0]["Status"], "CASE_OPENED")
        self.assertTrue(new[0]["CaseId"])
        ps = self.bedrock("/inference-profiles", "maxResults=1000").json()
        ids = [p["inferenceProfileId"] for p in ps[
            "inferenceProfileSummaries"]]
        tok = ps.get("nextToken")
        while tok:
            ps = self.bedrock("/inference-profiles", "nextToken=" +
                              urllib.parse.quote(tok, safe="")).json()
            ids += [p["inferenceProfileId"] for p in ps[
                "inferenceProfileSummaries"]]
            tok = ps.get("nextToken")
        self.assertIn("eu.anthropic.claude-3-haiku-20240307-v1:0", ids)
        self.assertNotIn("abcdef123456", ids)

    def test_region_down_mutation(self):
        self.mutate(("region_down", "us-west-2"))
        with self.assertRaises((ConnectionError,
                                http.client.HTTPException)):
            self.bedrock("/foundation-models", region="us-west-2")
        self.mutate(("region_down", "us-west-2", "false"))
        self.assertEqual(self.bedrock("/foundation-models",
                                      region="us-west-2").status, 200)

    def test_bad_mutations_rejected_world_unchanged(self):
        for steps in ([["revoke_access", "us-east-1", "no.such-model"]],
                      [["explode", "us-east-1"]],
                      [["entitlement", "us-east-1", HAIKU, "MAYBE"]],
                      [["lower_default", "us-east-1", "L-00001000",
                        "500"]]):
            r = self.raw("POST", "/_sim/mutate", json.dumps(
                {"mutations": steps}).encode())
            self.assertEqual(r.status, 400, steps)
        self.assertEqual(self.avail(HAIKU).json()["entitlementAvailability"],
                         "AVAILABLE")

    def test_replace_scenario(self):
        w = world()
        w["regions"]["us-east-1"]["models"] = [model("x.only-one-v1:0")]
        r = self.raw("POST", "/_sim/scenario", json.dumps(w).encode())
        self.assertEqual(r.status, 200, r.body)
        ms = self.bedrock("/foundation-models").json()["modelSummaries"]
        self.assertEqual([m["modelId"] for m in ms], ["x.only-one-v1:0"])
        r = self.raw("POST", "/_sim/scenario", b'{"accounts": {}}')
        self.assertEqual(r.status, 400)
        self.assertIn("accounts", r.json()["error"])
        self.assertEqual(self.raw("GET", "/_sim/scenario").json(), w)

    def test_every_mutation_is_covered(self):
        base = world()
        args = {
            "lower_default": ["us-east-1", "L-00001000"],
            "raise_default": ["us-east-1", "L-00001000"],
            "set_applied": ["us-east-1", "L-00001000", "7"],
            "revoke_access": ["us-east-1", HAIKU],
            "grant_access": ["us-east-1",
                             "anthropic.claude-sonnet-4-5-20250929-v1:0"],
            "entitlement": ["us-east-1", HAIKU, "NOT_AVAILABLE"],
            "agreement": ["us-east-1", HAIKU, "ERROR"],
            "region_availability": ["us-east-1", HAIKU, "NOT_AVAILABLE"],
            "remove_model": ["us-east-1", HAIKU],
            "add_model": ["us-east-1", "meta.llama9-8b-v1:0"],
            "lifecycle": ["us-east-1", HAIKU, "LEGACY"],
            "lifecycle_date": ["us-east-1", HAIKU, "endOfLifeTime",
                               "2027-01-01T00:00:00Z"],
            "drop_on_demand": ["us-east-1", HAIKU],
            "make_non_adjustable": ["us-east-1", "L-00001000"],
            "make_adjustable": ["us-east-1", "L-00001001"],
            "add_quota": ["us-east-1", "L-99999999", "Q", "5"],
            "remove_quota": ["us-east-1", "L-00001000"],
            "deny_request": ["us-east-1", "req01"],
            "request_status": ["us-east-1", "req01", "APPROVED"],
            "add_request": ["us-east-1", "L-00001000", "300"],
            "add_profile": ["us-east-1", "us.meta.llama3-8b-v1:0"],
            "remove_profile": ["us-east-1", "abcdef123456"],
            "region_down": ["us-east-1"],
        }
        self.assertEqual(set(args), set(scenario.MUTATIONS))
        for name, a in args.items():
            out = scenario.apply_all(base, [(name, a)])
            self.assertNotEqual(out, base, name)
            self.assertEqual(scenario.validate(out), [], name)
        self.assertEqual(base, world())  # apply_all copies


# ----------------------------------------------------- scenario / tooling

class TestScenario(unittest.TestCase):
    def test_validation_messages(self):
        w = world()
        w["regions"]["us-east-1"]["models"].append(model(HAIKU))
        w["regions"]["us-east-1"]["quotas"][0]["dflt"] = 1
        w["regions"]["us-east-1"]["quotas"][1]["applied"] = "many"
        w["regions"]["us-west-2"]["profiles"] = [{"id": "p"}]
        w["regions"]["Mars-1"] = {}
        errs = "\n".join(scenario.validate(w))
        self.assertIn("duplicate modelId", errs)
        self.assertIn("unknown field 'dflt'", errs)
        self.assertIn("applied: must be number", errs)
        self.assertIn("missing field 'models'", errs)
        self.assertIn("Mars-1", errs)
        self.assertEqual(scenario.validate(world()), [])

    def test_parse_steps(self):
        steps = scenario.parse_steps([
            "add_profile", "us-east-1", "us.a.b-v1:0", "us-west-2",
            "revoke_access", "us-east-1", HAIKU, "lower_default", "r", "L-1"])
        self.assertEqual(steps, [
            ("add_profile", ["us-east-1", "us.a.b-v1:0", "us-west-2"]),
            ("revoke_access", ["us-east-1", HAIKU]),
            ("lower_default", ["r", "L-1"])])
        with self.assertRaises(scenario.MutationError):
            scenario.parse_steps(["revoke_access", "us-east-1"])

    def test_default_scenario_is_realistic(self):
        d = scenario.load(os.path.join(HERE, "scenarios", "default.json"))
        self.assertGreaterEqual(len(d["regions"]), 5)
        self.assertIn("AKIDEXAMPLE", d["accounts"])
        self.assertTrue(any(a["session_token"] for a in
                            d["accounts"].values()))
        n = scenario.normalize(d)
        allm = [m for r in n["regions"].values() for m in r["models"]]
        for r in n["regions"].values():
            self.assertTrue(20 <= len(r["models"]) <= 60)
            self.assertTrue(60 <= len(r["quotas"]) <= 150)
            self.assertTrue(any(q["applied"] is None for q in r["quotas"]))
            self.assertTrue(any(not q["adjustable"] for q in r["quotas"]))
            self.assertTrue(any(q["applied"] is not None and
                                q["default"] is not None and
                                q["applied"] < q["default"]
                                for q in r["quotas"]))
        self.assertTrue(any(m["authorizationStatus"] == "NOT_AUTHORIZED"
                            for m in allm))
        self.assertTrue(any(m["entitlementAvailability"] == "NOT_AVAILABLE"
                            for m in allm))
        self.assertTrue(any(m["agreementStatus"] == "PENDING"
                            for m in allm))
        self.assertTrue(any(m["lifecycle"] == "LEGACY" for m in allm))
        self.assertTrue(any("ON_DEMAND" not in m["inferenceTypes"]
                            for m in allm))
        sets = [frozenset(m["modelId"] for m in r["models"])
                for r in n["regions"].values()]
        self.assertGreater(len(set(sets)), 1)
        prof = [p for p in n["regions"]["us-east-1"]["profiles"]
                if p["id"] == "us." + HAIKU]
        self.assertEqual(len(prof), 1)
        self.assertGreater(len({a.split(":")[3] for a in prof[0]["models"]}),
                           1)
        st = {q["status"] for r in n["regions"].values()
              for q in r["requests"]}
        self.assertGreaterEqual(len(st), 4)

    def test_every_committed_scenario_validates(self):
        d = os.path.join(HERE, "scenarios")
        names = sorted(f for f in os.listdir(d) if f.endswith(".json"))
        self.assertIn("small.json", names)
        for f in names:
            scn = scenario.load(os.path.join(d, f))
            awssim.World(scn)

    def test_mutate_cli(self):
        src = os.path.join(HERE, "scenarios", "default.json")
        with tempfile.TemporaryDirectory() as td:
            out = os.path.join(td, "out.json")
            p = subprocess.run([sys.executable, os.path.join(
                HERE, "mutate.py"), src, out, "revoke_access", "us-east-1",
                HAIKU, "region_down", "eu-west-1"], capture_output=True,
                text=True)
            self.assertEqual(p.returncode, 0, p.stderr)
            d = scenario.load(out)
            m = [x for x in d["regions"]["us-east-1"]["models"]
                 if x["modelId"] == HAIKU][0]
            self.assertEqual(m["authorizationStatus"], "NOT_AUTHORIZED")
            self.assertIs(d["regions"]["eu-west-1"]["down"], True)
            p = subprocess.run([sys.executable, os.path.join(
                HERE, "mutate.py"), src, out, "revoke_access", "us-east-1",
                "no.such-model"], capture_output=True, text=True)
            self.assertEqual(p.returncode, 2)
            self.assertIn("no model", p.stderr)

    def test_genworld(self):
        cmd = [sys.executable, os.path.join(HERE, "genworld.py"),
               "--regions", "36", "--models", "90", "--quotas", "120",
               "--seed", "3"]
        a = subprocess.run(cmd, capture_output=True, check=True).stdout
        b = subprocess.run(cmd, capture_output=True, check=True).stdout
        self.assertEqual(a, b)
        d = scenario.loads(a.decode())
        self.assertEqual(len(d["regions"]), 36)
        names = list(d["regions"])
        self.assertEqual(names[:2], ["us-east-1", "us-west-2"])
        self.assertEqual(len(set(names)), 36)
        for r in d["regions"].values():
            self.assertEqual(len(r["models"]), 90)
            self.assertEqual(len(r["quotas"]), 120)
            for q in r["quotas"]:
                self.assertRegex(q["code"], r"^L-[0-9A-F]{8}$")
        self.assertTrue(any(r["profiles"] and r["requests"]
                            for r in d["regions"].values()))


class TestCli(unittest.TestCase):
    def test_port_file_faults_log_and_sigterm(self):
        with tempfile.TemporaryDirectory() as td:
            pf = os.path.join(td, "port")
            log = os.path.join(td, "log")
            sc = os.path.join(td, "w.json")
            with open(sc, "w") as f:
                json.dump(world(), f)
            p = subprocess.Popen([
                sys.executable, os.path.join(HERE, "awssim.py"),
                "--scenario", sc, "--port", "0", "--port-file", pf,
                "--seed", "5", "--fault", "throttle:1:us-west-2",
                "--log", log, "--quiet"], stderr=subprocess.PIPE)
            try:
                for _ in range(100):
                    if os.path.exists(pf):
                        break
                    time.sleep(0.05)
                with open(pf) as f:
                    port = int(f.read())
                c = SimCase("run")
                c.port, c.host = port, "127.0.0.1:%d" % port
                self.assertEqual(c.bedrock("/foundation-models").status, 200)
                self.assertEqual(c.bedrock("/foundation-models",
                                           region="us-west-2").status, 429)
                c.bedrock("/foundation-models", akid=TMP_KEY,
                          secret=TMP_SECRET, token="wrong-" + TMP_TOKEN)
                c.bedrock("/foundation-models", secret="bad")
            finally:
                p.send_signal(signal.SIGTERM)
                rc = p.wait(10)
            self.assertEqual(rc, 0)
            self.assertEqual(p.stderr.read(), b"")
            p.stderr.close()
            with open(log) as f:
                text = f.read()
            self.assertIn("ListFoundationModels", text)
            self.assertIn("ThrottlingException", text)
            for secret in (SECRET, TMP_SECRET, TMP_TOKEN):
                self.assertNotIn(secret, text)

    def test_bad_arguments(self):
        p = subprocess.run([sys.executable, os.path.join(HERE, "awssim.py"),
                            "--scenario", "/nonexistent.json"],
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 2)
        self.assertIn("awssim:", p.stderr)
        p = subprocess.run([sys.executable, os.path.join(HERE, "awssim.py"),
                            "--fault", "bogus:1"], capture_output=True,
                           text=True)
        self.assertEqual(p.returncode, 2)
        with tempfile.NamedTemporaryFile("w", suffix=".json") as f:
            json.dump({"roles": {"arn:aws:iam::1:role/x": {}}}, f)
            f.flush()
            p = subprocess.run([sys.executable, os.path.join(
                HERE, "awssim.py"), "--identity", f.name],
                capture_output=True, text=True)
        self.assertEqual(p.returncode, 2)
        self.assertIn("not a role ARN", p.stderr)

    def test_default_scenario_served(self):
        srv = awssim.start(os.path.join(HERE, "scenarios", "default.json"))
        try:
            c = SimCase("run")
            c.port = srv.server_address[1]
            c.host = "127.0.0.1:%d" % c.port
            r = c.bedrock("/foundation-models")
            self.assertGreaterEqual(len(r.json()["modelSummaries"]), 20)
            items, pages = c.sq_all("ListServiceQuotas",
                                    {"ServiceCode": "bedrock"})
            self.assertGreater(pages, 1)
            d, _ = c.sq_all("ListAWSDefaultServiceQuotas",
                            {"ServiceCode": "bedrock"})
            self.assertLess(len(items), len(d))
            r = c.call("sts", "us-east-1", "POST", "/", body=(
                "Action=GetCallerIdentity&Version=2011-06-15"), akid=(
                "ASIASIMEXAMPLESESS1"), secret=(
                "simSessionSecretKey/0123456789EXAMPLEKEY"), token=(
                "IQoJsimSESSIONtokenEXAMPLE//////////wEaCXVzLWVh"
                "c3QtMSJHMEUCIQDsimEXAMPLEonlyNOTaREALtoken="))
            self.assertIn(b"assumed-role/BedrockAudit/cron", r.body)
        finally:
            awssim.stop(srv)


# ------------------------------------------------ notifications: SNS, events

TOPIC = "arn:aws:sns:ca-central-1:123456789012:audit"
SNS_FORM = "application/x-www-form-urlencoded; charset=utf-8"
EVENTS_JSON = "application/x-amz-json-1.1"


class TestNotifications(SimCase):
    def setUp(self):
        SimCase.setUp(self)
        r = self.raw("POST", "/_sim/notifications", json.dumps(
            {"clear": True, "event_buses": None}).encode())
        self.assertEqual(r.status, 200, r.body)

    def publish(self, params, region="ca-central-1", **kw):
        body = urllib.parse.urlencode(dict({"Action": "Publish",
                                            "Version": "2010-03-31"},
                                           **params))
        return self.call("sns", region, "POST", "/", body=body,
                         headers={"Content-Type": SNS_FORM}, **kw)

    def put_events(self, entries, region="ca-central-1", **kw):
        return self.call("events", region, "POST", "/", body=json.dumps(
            {"Entries": entries}), headers={
                "Content-Type": EVENTS_JSON,
                "X-Amz-Target": "AWSEvents.PutEvents"}, **kw)

    def recorded(self):
        return self.raw("GET", "/_sim/notifications").json()

    def test_publish_accepted_and_recorded(self):
        r = self.publish({"TopicArn": TOPIC, "Subject": "run #7 partial",
                          "Message": "line 1\nline 2 \u00e9"})
        self.assertEqual(r.status, 200, r.body)
        self.assertIn(b"<PublishResponse", r.body)
        mid = r.body.decode().split("<MessageId>")[1].split("<")[0]
        rec = self.recorded()
        self.assertEqual(len(rec), 1)
        self.assertEqual(rec[0]["subject"], "run #7 partial")
        self.assertEqual(rec[0]["message"], "line 1\nline 2 \u00e9")
        self.assertEqual(rec[0]["message_id"], mid)
        self.assertEqual(rec[0]["region"], "ca-central-1")

    def test_publish_checks_signature_and_limits(self):
        r = self.publish({"TopicArn": TOPIC, "Message": "m"},
                         secret="nope")
        self.assertEqual((r.status, r.code), (403, "SignatureDoesNotMatch"))
        for params in ({"TopicArn": TOPIC, "Subject": "a\nb",
                        "Message": "m"},
                       {"TopicArn": TOPIC, "Subject": "x" * 100,
                        "Message": "m"},
                       {"TopicArn": TOPIC, "Message": "x" * (256 * 1024 +
                                                              1)},
                       {"TopicArn": TOPIC},
                       {"Message": "m"},
                       {"TopicArn": "arn:aws:sns:us-east-1:123456789012:"
                        "audit", "Message": "m"}):
            r = self.publish(params)
            self.assertEqual((r.status, r.code), (400, "InvalidParameter"),
                             params.keys())
        r = self.publish({"TopicArn": "arn:aws:sns:ca-central-1:999999999999:"
                          "t", "Message": "m"})
        self.assertEqual((r.status, r.code), (403, "AuthorizationError"))
        self.assertEqual(self.recorded(), [])
        r = self.publish({"TopicArn": TOPIC, "Subject": "x" * 99,
                          "Message": "x" * (256 * 1024)})
        self.assertEqual(r.status, 200)

    def test_put_events_accepted_and_recorded(self):
        r = self.put_events([{"Source": "bedrock-audit", "DetailType":
                              "Bedrock audit access_lost", "Detail":
                              json.dumps({"run": 3}), "EventBusName":
                              "audit"}])
        self.assertEqual(r.status, 200, r.body)
        doc = r.json()
        self.assertEqual(doc["FailedEntryCount"], 0)
        self.assertIn("EventId", doc["Entries"][0])
        rec = self.recorded()
        self.assertEqual(rec[0]["entries"][0]["detail"], {"run": 3})
        self.assertEqual(rec[0]["entries"][0]["event_bus"], "audit")

    def test_put_events_entry_errors_are_200(self):
        self.raw("POST", "/_sim/notifications", json.dumps(
            {"event_buses": ["default"]}).encode())
        r = self.put_events([
            {"Source": "s", "DetailType": "d", "Detail": "{}"},
            {"Source": "s", "DetailType": "d", "Detail": "[1]"},
            {"Source": "s", "DetailType": "d", "Detail": "{}",
             "EventBusName": "nosuch"},
            {"DetailType": "d", "Detail": "{}"}])
        self.assertEqual(r.status, 200, r.body)
        doc = r.json()
        self.assertEqual(doc["FailedEntryCount"], 3)
        self.assertEqual([e.get("ErrorCode") for e in doc["Entries"]],
                         [None, "MalformedDetail",
                          "ResourceNotFoundException", "InvalidArgument"])

    def test_put_events_request_errors(self):
        e = {"Source": "s", "DetailType": "d", "Detail": "{}"}
        r = self.put_events([e] * 11)
        self.assertEqual((r.status, r.code), (400, "ValidationException"))
        r = self.put_events([])
        self.assertEqual((r.status, r.code), (400, "ValidationException"))
        r = self.put_events([dict(e, DetailType="x" * 129)])
        self.assertEqual((r.status, r.code), (400, "ValidationException"))
        r = self.put_events([dict(e, Detail=json.dumps({"x": "y" * (
            256 * 1024)}))])
        self.assertEqual((r.status, r.code), (400, "ValidationException"))
        r = self.put_events([e], secret="nope")
        self.assertEqual((r.status, r.code),
                         (403, "InvalidSignatureException"))
        self.assertEqual(self.recorded(), [])
# -------------------------------------------------------------- cloudwatch

CW_JSON = "application/x-amz-json-1.0"
CW_TPM = "On-demand model inference tokens per minute for "
CW_RPM = "On-demand model inference requests per minute for "


def cw_world():
    """world() with a TPM quota for Claude 3 Haiku (the "near" model), an
    RPM quota for Nova Pro (the "throttled" one); the rest is quiet."""
    w = world()
    east = w["regions"]["us-east-1"]
    east["quotas"] = east["quotas"] + [
        quota("L-C0000001", 50000, 50000, name=CW_TPM +
              "Anthropic Claude 3 Haiku"),
        quota("L-C0000002", 100, 100, name=CW_RPM + "Amazon Nova Pro"),
        quota("L-C0000003", 100, 100, name=CW_RPM + "Nobody Nothing")]
    return w


class TestCloudWatch(SimCase):
    def setUp(self):
        SimCase.setUp(self)
        self.srv.sim.world = awssim.World(cw_world())

    def cw(self, op, req, region="us-east-1", target=None, **kw):
        return self.call("monitoring", region, "POST", "/",
                         body=json.dumps(req), headers={
                             "Content-Type": CW_JSON,
                             "X-Amz-Target": target or
                             "GraniteServiceVersion20100801." + op,
                             "x-amzn-query-mode": "true"}, **kw)

    def query(self, qid, model, metric):
        return {"Id": qid, "MetricStat": {"Metric": {
            "Namespace": "AWS/Bedrock", "MetricName": metric,
            "Dimensions": [{"Name": "ModelId", "Value": model}]},
            "Period": 60, "Stat": "Sum"}, "ReturnData": True}

    def window(self, days=14):
        end = int(time.time()) // 60 * 60
        return end - days * 86400, end

    def test_list_metrics_names_only_active_models(self):
        r = self.cw("ListMetrics", {"Namespace": "AWS/Bedrock",
                                    "Dimensions": [{"Name": "ModelId"}]})
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual(r.headers.get("content-type"), CW_JSON)
        rows = r.json()["Metrics"]
        models = {m["Dimensions"][0]["Value"] for m in rows}
        self.assertEqual(models, {HAIKU, "amazon.nova-pro-v1:0"})
        names = {(m["Dimensions"][0]["Value"], m["MetricName"])
                 for m in rows}
        self.assertIn((HAIKU, "EstimatedTPMQuotaUsage"), names)
        self.assertIn(("amazon.nova-pro-v1:0", "InvocationThrottles"), names)
        self.assertNotIn((HAIKU, "InvocationThrottles"), names)
        r = self.cw("ListMetrics", {"Namespace": "AWS/Bedrock",
                                    "MetricName": "InvocationThrottles"})
        self.assertEqual(len(r.json()["Metrics"]), 1)
        # the account-wide series has no ModelId dimension
        r = self.cw("ListMetrics", {"Namespace": "AWS/Bedrock"})
        self.assertIn([], [m["Dimensions"] for m in r.json()["Metrics"]])
        # traffic only in the busy regions: us-west-2 has an RPM quota
        # for nothing it offers, eu-west-3's models are quiet
        w = cw_world()
        w["regions"]["eu-west-3"] = {"models": [model(HAIKU)], "quotas": [
            quota("L-C0000009", 10, 10, name=CW_TPM +
                  "Anthropic Claude 3 Haiku")]}
        self.srv.sim.world = awssim.World(w)
        r = self.cw("ListMetrics", {"Dimensions": [{"Name": "ModelId"}]},
                    region="eu-west-3")
        self.assertEqual(r.json()["Metrics"], [])

    def test_near_quota_peak_is_85_percent(self):
        start, end = self.window()
        r = self.cw("GetMetricData", {
            "MetricDataQueries": [self.query("q0", HAIKU,
                                             "EstimatedTPMQuotaUsage")],
            "StartTime": start, "EndTime": end,
            "ScanBy": "TimestampAscending"})
        self.assertEqual(r.status, 200, r.body)
        res = r.json()["MetricDataResults"]
        self.assertEqual([x["Id"] for x in res], ["q0"])
        self.assertEqual(res[0]["StatusCode"], "Complete")
        ts, vals = res[0]["Timestamps"], res[0]["Values"]
        self.assertEqual(ts, sorted(ts))
        self.assertTrue(all(start <= t < end and t % 60 == 0 for t in ts))
        self.assertEqual(max(vals), 42500.0)      # 85% of 50,000
        peak = ts[vals.index(max(vals))]
        self.assertEqual(time.gmtime(peak)[3:5], (14, 7))

    def test_throttled_below_quota(self):
        start, end = self.window()
        r = self.cw("GetMetricData", {
            "MetricDataQueries": [
                self.query("inv", "amazon.nova-pro-v1:0", "Invocations"),
                self.query("thr", "amazon.nova-pro-v1:0",
                           "InvocationThrottles"),
                self.query("quiet", "cohere.embed-english-v3",
                           "Invocations")],
            "StartTime": start, "EndTime": end})
        res = {x["Id"]: x for x in r.json()["MetricDataResults"]}
        self.assertEqual(max(res["inv"]["Values"]), 30)   # 30% of 100
        self.assertTrue(res["thr"]["Values"])
        self.assertEqual(time.gmtime(res["thr"]["Timestamps"][0])[3], 10)
        self.assertEqual(res["quiet"]["Values"], [])
        self.assertEqual(res["quiet"]["StatusCode"], "Complete")
        # default ScanBy: newest first
        ts = res["inv"]["Timestamps"]
        self.assertEqual(ts, sorted(ts, reverse=True))
        w = self.stats()["cloudwatch_windows"]
        self.assertEqual(w, [["us-east-1", start, end, 3]])

    def test_paging_partial_data(self):
        start, end = self.window(2)
        req = {"MetricDataQueries": [
            self.query("a", HAIKU, "Invocations"),
            self.query("b", HAIKU, "InputTokenCount")],
            "StartTime": start, "EndTime": end, "MaxDatapoints": 50,
            "ScanBy": "TimestampAscending"}
        full = {"a": [], "b": []}
        statuses, pages = [], 0
        while True:
            doc = self.cw("GetMetricData", req).json()
            pages += 1
            for x in doc["MetricDataResults"]:
                full[x["Id"]] += x["Timestamps"]
                statuses.append(x["StatusCode"])
            if "NextToken" not in doc:
                break
            req["NextToken"] = doc["NextToken"]
            self.assertLess(pages, 50)
        self.assertGreater(pages, 2)
        self.assertIn("PartialData", statuses)
        self.assertEqual(statuses[-1], "Complete")
        for k in full:
            self.assertEqual(full[k], sorted(set(full[k])))
        self.assertEqual(len(full["a"]), len(full["b"]))

    def test_errors_are_query_compatible(self):
        start, end = self.window()
        q = self.query("q0", HAIKU, "Invocations")
        cases = [
            ({"MetricDataQueries": [q], "StartTime": end, "EndTime": start},
             "InvalidParameterValueException", "InvalidParameterValue"),
            ({"MetricDataQueries": [q, q], "StartTime": start,
              "EndTime": end}, "InvalidParameterValueException",
             "InvalidParameterValue"),
            ({"MetricDataQueries": [q] * 501, "StartTime": start,
              "EndTime": end}, "InvalidParameterValueException",
             "InvalidParameterValue"),
            ({"MetricDataQueries": [q], "StartTime": start, "EndTime": end,
              "NextToken": "garbage"}, "InvalidNextToken",
             "InvalidNextToken"),
        ]
        for req, code, qcode in cases:
            r = self.cw("GetMetricData", req)
            self.assertEqual(r.status, 400, req)
            self.assertTrue(r.json()["__type"].endswith("#" + code))
            self.assertEqual(r.headers.get("x-amzn-query-error"),
                             qcode + ";Sender")
        r = self.cw("DescribeAlarms", {})
        self.assertEqual(r.status, 400)

    def test_signature_service_is_monitoring(self):
        r = self.call("cloudwatch", "us-east-1", "POST", "/", body=b"{}",
                      headers={"Content-Type": CW_JSON, "X-Amz-Target":
                               "GraniteServiceVersion20100801.ListMetrics"})
        self.assertEqual(r.status, 400)     # "cloudwatch" is no service
        r = self.cw("ListMetrics", {}, secret="wrong")
        self.assertEqual(r.status, 403)
        self.assertTrue(r.json()["__type"].endswith(
            "InvalidSignatureException"))

    def test_access_denied_fault_in_one_region(self):
        self.faults([{"kind": "access_denied", "rate": 1, "region":
                      "us-west-2", "operation": "ListMetrics"}])
        r = self.cw("ListMetrics", {}, region="us-west-2")
        self.assertEqual(r.status, 403)
        self.assertTrue(r.json()["__type"].endswith(
            "#AccessDeniedException"))
        self.assertEqual(r.headers.get("x-amzn-query-error"),
                         "AccessDenied;Sender")
        self.assertEqual(self.cw("ListMetrics", {}).status, 200)


if __name__ == "__main__":
    unittest.main()
