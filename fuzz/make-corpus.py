#!/usr/bin/env python3
"""Write the fuzz seed corpora, fuzz/corpus/<harness>/.

The AWS replies come from the simulator's own reply builders
(sim/awssim.py, imported in-process: nothing listens, nothing is signed),
serving sim/scenarios/default.json and replies.json (every optional
member of the replies), plus the recorded fixtures of
tests/data/aws/.  The other seeds (config files, credential documents,
arguments, report records) are written here.  The record layouts mirror
tests/helper_fuzz.c; fuzz/README.md describes them.

Run from anywhere: python3 fuzz/make-corpus.py.  Each corpus directory
is emptied and rewritten, so the output depends only on the repository.
"""

import hashlib
import json
import os
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "sim"))

import awssim  # noqa: E402

SEP = b"\n#--#\n"           # FUZZ_SEP in tests/helper_fuzz.h
CORPUS = os.path.join(ROOT, "fuzz", "corpus")
FIXTURES = os.path.join(ROOT, "tests", "data", "aws")
PAGES_PER_LIST = 3          # pages kept of each paginated list
MODELS_PER_REGION = 3       # availability replies kept per region

HARNESSES = ("aws_models", "aws_availability", "aws_profiles", "aws_quotas",
             "aws_history", "aws_identity", "aws_error", "ini",
             "creds_process", "creds_container", "creds_imds", "creds_sso",
             "aws_assume_role", "num",
             "duration", "iso8601", "regions", "report", "report_status",
             "escape", "notify_config", "aws_notify")

out = {h: {} for h in HARNESSES}


def seed(harness, name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    out[harness][name] = data


def fixture(name):
    with open(os.path.join(FIXTURES, name), "rb") as f:
        return f.read()


def fixtures(prefix):
    return sorted(n for n in os.listdir(FIXTURES) if n.startswith(prefix))


# ------------------------------------------------------------ simulator

def sq_pages(world, reg, acct, op):
    """Up to PAGES_PER_LIST bodies of a Service Quotas list."""
    key = awssim.PAGINATED[op][0]
    req, pages = {"ServiceCode": "bedrock"}, []
    while len(pages) < PAGES_PER_LIST:
        body = awssim.sq_dispatch(world, reg, acct, op,
                                  json.dumps(req)).body
        pages.append(body)
        tok = json.loads(body).get(key)
        if not tok:
            break
        req["NextToken"] = tok
    return pages


def profile_pages(world, reg, acct):
    q, pages = "", []
    while len(pages) < PAGES_PER_LIST:
        body = awssim.bedrock_dispatch(world, reg, acct,
                                       "ListInferenceProfiles", None,
                                       q).body
        pages.append(body)
        tok = json.loads(body).get("nextToken")
        if not tok:
            break
        q = "nextToken=" + tok
    return pages


def faulted(service, op, body, kind):
    r = awssim.Resp(200, body, "application/json")
    awssim.transform(None, service, op, kind, None, r)
    return r.body


def sim_replies(world, tag="sim"):
    acct = world.accounts["AKIDEXAMPLE"]
    for name, reg in sorted(world.regions.items()):
        lfm = awssim.bedrock_dispatch(world, reg, acct,
                                      "ListFoundationModels", None, "").body
        seed("aws_models", "%s-%s.json" % (tag, name), lfm)
        for m in reg.models[:MODELS_PER_REGION]:
            mid = m["modelId"]
            body = awssim.bedrock_availability(world, reg, mid).body
            seed("aws_availability", "%s-%s-%s" % (tag, name, mid.replace(
                ":", "_")), mid.encode() + SEP + body)
        for i, p in enumerate(profile_pages(world, reg, acct)):
            seed("aws_profiles", "%s-%s-%d.json" % (tag, name, i + 1), p)
        ap = sq_pages(world, reg, acct, "ListServiceQuotas")
        df = sq_pages(world, reg, acct, "ListAWSDefaultServiceQuotas")
        for i, (a, d) in enumerate(zip(ap, df)):
            seed("aws_quotas", "%s-%s-%d" % (tag, name, i + 1), a + SEP + d)
        seed("aws_quotas", "%s-%s-applied.json" % (tag, name), ap[0])
        for i, p in enumerate(sq_pages(
                world, reg, acct, "ListRequestedServiceQuotaChangeHistory")):
            seed("aws_history", "%s-%s-%d.json" % (tag, name, i + 1), p)
    if tag != "sim":
        return
    reg = world.regions["us-east-1"]
    lfm = awssim.bedrock_dispatch(world, reg, acct, "ListFoundationModels",
                                  None, "byProvider=Anthropic").body
    seed("aws_models", "sim-anthropic.json", lfm)
    for kind in ("malformed", "wrongtypes"):
        seed("aws_models", "sim-%s.json" % kind,
             faulted("bedrock", "ListFoundationModels", lfm, kind))
        ap = sq_pages(world, reg, acct, "ListServiceQuotas")[0]
        seed("aws_quotas", "sim-%s.json" % kind,
             faulted("servicequotas", "ListServiceQuotas", ap, kind))
    for akid, a in sorted(world.accounts.items()):
        xml = awssim.sts_identity(a, "req-%s" % akid, None).body
        seed("aws_identity", "sim-%s.xml" % akid, xml)
    seed("aws_identity", "sim-json.json",
         awssim.sts_identity(acct, "r1", "application/json").body)
    seed("aws_identity", "sim-wrongtypes.xml",
         faulted("sts", "GetCallerIdentity", xml, "wrongtypes"))
    seed("aws_identity", "sim-malformed.xml",
         faulted("sts", "GetCallerIdentity", xml, "malformed"))


def sim_errors():
    errors = [
        awssim.AwsError(403, "AccessDeniedException",
                        "User: arn:aws:iam::123456789012:user/x is not "
                        "authorized to perform: bedrock:ListFoundationModels"),
        awssim.AwsError(400, "ValidationException",
                        "1 validation error detected: Value 'x' at "
                        "'modelId' failed to satisfy constraint",
                        "validate"),
        awssim.AwsError(403, "UnrecognizedClientException",
                        awssim.MSG_BAD_TOKEN, "coral"),
        awssim.AwsError(403, "MissingAuthenticationTokenException",
                        "Missing Authentication Token", "coral"),
        awssim.AwsError(400, "NoSuchResourceException",
                        "The request failed because the specified service "
                        "does not exist."),
        awssim.AwsError(404, "ResourceNotFoundException",
                        "The model x was not found in region us-east-1."),
    ]
    n = 0
    for service in awssim.SERVICES:
        resps = [awssim.error_resp(service, e, "rid") for e in errors]
        resps += [awssim.fault_resp(service, k, "rid") for k in (
            "throttle", "throttle400", "error500", "error503",
            "expired_token")]
        for r in resps:
            n += 1
            hdr = dict(r.headers).get("x-amzn-ErrorType")
            data = r.body if hdr is None else hdr.encode() + SEP + r.body
            seed("aws_error", "sim-%s-%02d" % (service, n), data)


# -------------------------------------------------------------- fixtures

def fixture_seeds():
    for n in fixtures("list-foundation-models") + fixtures("hostile-models"):
        seed("aws_models", n, fixture(n))
    for n in fixtures("model-availability") + \
            fixtures("hostile-availability"):
        body = fixture(n)
        seed("aws_availability", n, body)
        try:
            mid = json.loads(body).get("modelId")
        except ValueError:
            mid = None
        if isinstance(mid, str):
            seed("aws_availability", n + ".id", mid.encode() + SEP + body)
    for n in fixtures("list-inference-profiles") + \
            fixtures("hostile-profiles"):
        seed("aws_profiles", n, fixture(n))
    for n in fixtures("list-service-quotas") + \
            fixtures("list-default-quotas") + fixtures("hostile-quotas"):
        seed("aws_quotas", n, fixture(n))
    seed("aws_quotas", "fixtures-merge", fixture("list-service-quotas-1.json")
         + SEP + fixture("list-default-quotas.json"))
    for n in fixtures("quota-history") + fixtures("hostile-history"):
        seed("aws_history", n, fixture(n))
    for n in fixtures("sts-") + fixtures("hostile-sts"):
        seed("aws_identity", n, fixture(n))
    for n in ("bedrock-error.json", "quotas-error.json", "sts-error.xml"):
        seed("aws_error", n, fixture(n))
    for n in fixtures("hostile-"):
        if not n.startswith(("hostile-models", "hostile-availability",
                             "hostile-profiles", "hostile-quotas",
                             "hostile-history", "hostile-sts")):
            for h in ("aws_models", "aws_quotas", "aws_error"):
                seed(h, n, fixture(n))


# ---------------------------------------------------------------- files

INI = {
    "credentials": "[default]\naws_access_key_id = AKIDEXAMPLE\n"
                   "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCY\n"
                   "\n[x]\naws_access_key_id=ASIAX\n"
                   "aws_secret_access_key=s3cr3tKEYvalue\n"
                   "aws_session_token = FwoGZXIvYXdzEJr\n",
    "config": "[default]\nregion = us-east-1\nmax_attempts = 5\n"
              "retry_mode = adaptive\n\n[profile x]\nregion = eu-west-1\n"
              "services = x\nca_bundle = /etc/ssl/ca.pem\n"
              "credential_process = /usr/bin/creds --json\n\n"
              "[services x]\nbedrock =\n  endpoint_url = http://127.0.0.1:4566"
              "\nservice_quotas =\n  endpoint_url = http://127.0.0.1:4567\n",
    "bom-crlf": "\ufeff# comment\r\n; comment\r\n[default]\r\n"
                "region=us-west-2\r\n",
    "continuation": "[default]\nkey = a\n  b\n\tc\nbedrock =\n"
                    "    endpoint_url = https://x.example\n"
                    "    x = y\n",
    "sso": "[sso-session x]\nsso_start_url = https://x.awsapps.com/start\n"
           "[profile   a    b]\nsso_session = x\nrole_arn = arn:aws:iam::1:r\n"
           "[profile a b] # merged\nregion = ap-northeast-1\n",
    "repeat": "[default]\nregion = a\nREGION = b\n[default]\nregion = c\n",
    "bad-header": "[unterminated\nregion = x\n",
    "no-section": "region = us-east-1\n",
    "nul": "[default]\nregion = us\0east-1\n",
    "empty": "",
}

CREDS_OK = {"Version": 1, "AccessKeyId": "ASIAEXAMPLEKEY",
            "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            "SessionToken": "FwoGZXIvYXdzEJr//////////wEaDExample1",
            "Expiration": "2030-03-17T18:00:00Z"}


def creds_seeds():
    def doc(**kw):
        d = dict(CREDS_OK)
        for k, v in kw.items():
            if v is None:
                d.pop(k, None)
            else:
                d[k] = v
        return json.dumps(d, indent=2)
    proc = {
        "ok": doc(),
        "no-token": doc(SessionToken=None, Expiration=None),
        "version-2": doc(Version=2),
        "version-string": doc(Version="1"),
        "offset": doc(Expiration="2030-03-17T18:00:00.123+09:00"),
        "bad-expiry": doc(Expiration="tomorrow"),
        "blank-key": doc(AccessKeyId="ASIA EXAMPLE"),
        "nul-escape": doc(SecretAccessKey="ab\u0000cd"),
        "array": "[" + doc() + "]",
        "truncated": doc()[:40],
    }
    for n, d in proc.items():
        seed("creds_process", n + ".json", d)
    cont = {
        "ok": doc(Version=None, SessionToken=None,
                  Token="IQoJb3JpZ2luX2VjEExample2", RoleArn="arn:aws:"
                  "iam::123456789012:role/task"),
        "no-token": doc(Version=None, SessionToken=None),
        "secret-number": doc(Version=None, SecretAccessKey=12),
        "empty": "{}",
    }
    for n, d in cont.items():
        seed("creds_container", n + ".json", d)
    imds = {
        "ok": doc(Version=None, SessionToken=None, Code="Success",
                  LastUpdated="2030-03-17T17:00:00Z", Type="AWS-HMAC",
                  Token="IQoJb3JpZ2luX2VjEExample3"),
        "code-failed": doc(Version=None, Code="AssumeRoleUnauthorizedAccess"),
        "no-expiry": doc(Version=None, SessionToken=None, Code="Success",
                         Token="IQoJb3JpZ2luX2VjEExample4", Expiration=None),
    }
    for n, d in imds.items():
        seed("creds_imds", n + ".json", d)


def sts_role_reply(op, akid="ASIAROLEEXAMPLE00001",
                   secret="roleSecret/0123456789EXAMPLEabcdef",
                   token="IQoJb3JpZ2luX2VjE+/Example0123456789==",
                   exp="2030-03-17T18:46:40Z", extra=""):
    return ('<%sResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n'
            '  <%sResult>\n%s    <AssumedRoleUser>\n      <AssumedRoleId>'
            'AROAEXAMPLE:cron</AssumedRoleId>\n      <Arn>arn:aws:sts::'
            '123456789012:assumed-role/audit/cron</Arn>\n    '
            '</AssumedRoleUser>\n    <Credentials>\n      <AccessKeyId>%s'
            '</AccessKeyId>\n      <SecretAccessKey>%s</SecretAccessKey>\n'
            '      <SessionToken>%s</SessionToken>\n      <Expiration>%s'
            '</Expiration>\n    </Credentials>\n  </%sResult>\n'
            '  <ResponseMetadata>\n    <RequestId>r-1</RequestId>\n'
            '  </ResponseMetadata>\n</%sResponse>\n' % (
                op, op, extra, akid, secret, token, exp, op, op))


def identity_seeds():
    """STS role replies (the simulator's shape, fixed values) and SSO
    portal replies, good and hostile."""
    a, w = "AssumeRole", "AssumeRoleWithWebIdentity"
    role = {
        "ok": sts_role_reply(a),
        "web-ok": sts_role_reply(w, extra="    <Audience>sts.amazonaws.com"
                                 "</Audience>\n"),
        "entities": sts_role_reply(a, token="tok&amp;en&#x2B;&#47;=="),
        "long-token": sts_role_reply(a, token="IQoJ" + "A" * 8000),
        "bad-entity": sts_role_reply(a, secret="sec&bogus;ret"),
        "blank-secret": sts_role_reply(a, secret="has blank"),
        "short-key": sts_role_reply(a, akid="ASIA1"),
        "bad-expiry": sts_role_reply(a, exp="tomorrow"),
        "no-credentials": sts_role_reply(a).replace("Credentials>",
                                                    "Creds>"),
        "unterminated": sts_role_reply(a)[:300],
        "error": '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/'
                 '2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied'
                 '</Code><Message>User: x is not authorized</Message>'
                 '</Error><RequestId>r</RequestId></ErrorResponse>',
    }
    for n, d in role.items():
        seed("aws_assume_role", n + ".xml", d)

    def sso(**kw):
        rc = {"accessKeyId": "ASIASSOEXAMPLE00001",
              "secretAccessKey": "ssoSecret/0123456789EXAMPLEabcdef",
              "sessionToken": "IQoJssoToken0123456789EXAMPLE==",
              "expiration": 1900003600000}
        for k, v in kw.items():
            if v is None:
                rc.pop(k, None)
            else:
                rc[k] = v
        return json.dumps({"roleCredentials": rc}, indent=2)
    ssos = {
        "ok": sso(),
        "seconds-not-ms": sso(expiration=1900003600),
        "string-expiry": sso(expiration="2030-03-17T18:46:40Z"),
        "no-token": sso(sessionToken=None),
        "secret-number": sso(secretAccessKey=12),
        "flat": json.dumps({"accessKeyId": "ASIAX", "secretAccessKey": "s"}),
        "error": '{"message": "Session token not found or invalid"}',
    }
    for n, d in ssos.items():
        seed("creds_sso", n + ".json", d)


ARGS = {
    "num": ["0", "1", "-1", "+5", "65535", "65536", "007", " 1", "1 ", "",
            "0x10", "1e3", "9223372036854775807", "9223372036854775808",
            "-9223372036854775808", "-9223372036854775809",
            "99999999999999999999999"],
    "duration": ["90s", "15m", "24h", "7d", "60", "0", "-1s", "+5m", "1w",
                 "s", "106751991167300d", "9223372036854775807", "1.5h"],
    "iso8601": ["2025-06-01T03:00:00Z", "2025-06-01",
                "2025-06-01T03:00:00.123456Z", "2025-06-01T03:00:00+09:00",
                "2025-06-01T03:00:00-0530", "2016-12-31T23:59:60Z",
                "9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z",
                "2025-02-31T00:00:00Z", "2025-06-01 03:00:00z",
                "2025-06-01T03:00:00+05:", "1970-01-01T00:00:00Z"],
    "regions": ["all", "us-east-1", "us-east-1,us-west-2,us-east-1",
                "US-EAST-1", "us-east-1,,us-west-2", "", ",",
                ",".join("r%d" % i for i in range(64)),
                ",".join("r%d" % i for i in range(65)),
                "a" * 33, "eu-central-1,ap-northeast-1\n"],
}


# --------------------------------------------------------------- records

EVIL = ("Evil *bold* _it_ [link](http://x.example) # | "
        "<script>alert(1)</script> \x1b[31mred\x1b[0m ").encode() + \
    b"\xff\xfe end"
HOSTILE = [
    EVIL,
    "\u202eevil\u202c \u2066x\u2069 \u200e\u200f\u061c".encode(),
    "a\u2028b\u2029c\ufeffd \u0085\u009b31m".encode(),
    b"back\\slash & &amp; &lt; > `code` ~strike~ $math$ {x} !img",
    "東京リージョン　全角".encode(),
    ("あ" * 120).encode(),
    b"x" * 400,
    "e\u0301\u200b combining".encode(),
    b"1. list",
    b"- item",
    b"=== ",
    b"+x",
    b"#heading",
    b"> quote",
    b"\xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80 \xe3\x81",
    b"line\r\nbreak\ttab\x7fdel",
]


def f(s):
    """One NUL-terminated field."""
    if isinstance(s, str):
        s = s.encode()
    return s.replace(b"\0", b"") + b"\0"


def region_rec(name, status, op=b"", code=b"", msg=b"", reason=b"",
               http=0, nulls=0):
    st = {"ok": 0, "failed": 1, "not_compared": 2}
    r = bytes([nulls])
    r += bytes([st[status]]) if status in st else b"\3" + f(status)
    for s in (name, op, code, msg, reason):
        r += f(s)
    return r + struct.pack(">H", http)


def change_rec(kind, path, sev, fields, classify=False, adjustable=1,
               followed=0):
    flags = (adjustable + 1) | (followed << 2) | (0x80 if classify else 0)
    r = bytes([kind, flags, path, sev, 7, 42, 42])
    for s in fields:
        r += f(s)
    return r


def change_fields(region, subject, name=b"", old=b"", new=b"",
                  old_applied=b"", new_applied=b"", new_default=b"",
                  entitlement=b"", quota_code=b"", desired=b"",
                  alt_regions=b"", alt_profiles=b""):
    return [b"2025-06-02T03:00:00Z", region, subject, name, old, new,
            old_applied, new_applied, new_default, entitlement, quota_code,
            desired, alt_regions, alt_profiles]


# change_kind values, as in include/change.h.
K = {k: i for i, k in enumerate((
    "model_added", "model_removed", "model_lifecycle_changed",
    "model_inference_types_changed", "access_granted", "access_lost",
    "entitlement_changed", "agreement_changed",
    "region_availability_changed", "quota_added", "quota_removed",
    "quota_default_changed", "quota_value_changed",
    "quota_adjustable_changed", "quota_request_created",
    "quota_request_status_changed", "profile_added", "profile_removed"))}


def report_seeds():
    regions = [
        region_rec(b"us-east-1", "ok"),
        region_rec(b"eu-west-3", "failed", b"ListServiceQuotas",
                   b"AccessDeniedException", EVIL, http=403),
        region_rec(b"sa-east-1", "not_compared", reason=b"collection "
                   b"failed in run 41", nulls=0x06),
        region_rec(b"ap-south-1", "failed", b"ListFoundationModels",
                   b"", b"", http=0, nulls=0x0c),
        region_rec(HOSTILE[1], HOSTILE[2], HOSTILE[0], HOSTILE[3],
                   HOSTILE[6], HOSTILE[4], http=503),
    ]
    haiku = b"anthropic.claude-3-haiku-20240307-v1:0"
    changes = [
        change_rec(K["access_lost"], 1, 2, change_fields(
            b"us-east-1", haiku, b"Claude 3 Haiku", b"AUTHORIZED",
            b"NOT_AUTHORIZED", entitlement=b"AVAILABLE",
            alt_regions=b"us-west-2", alt_profiles=b"us." + haiku)),
        change_rec(K["access_lost"], 1, 2, change_fields(
            b"eu-west-1", b"evil.model-v1:0", EVIL, b"AUTHORIZED",
            b"NOT_AUTHORIZED"), classify=True),
        change_rec(K["quota_default_changed"], 4, 2, change_fields(
            b"us-east-1", b"L-2DC80978", b"On-demand requests per minute "
            b"for Claude 3 Haiku", b"1000", b"500", b"1000", b"500", b"500",
            quota_code=b"L-2DC80978"), classify=True),
        change_rec(K["quota_value_changed"], 6, 2, change_fields(
            b"ap-northeast-1", b"L-XYZ", HOSTILE[4], b"0.5", b"1e+10",
            b"0.5", b"1e+10"), adjustable=0),
        change_rec(K["entitlement_changed"], 3, 1, change_fields(
            b"us-west-2", haiku, HOSTILE[5], b"AVAILABLE",
            b"NOT_AVAILABLE", entitlement=b"NOT_AVAILABLE")),
        change_rec(K["quota_request_status_changed"], 5, 1, change_fields(
            b"eu-central-1", b"req-1", HOSTILE[3], b"PENDING", b"DENIED",
            quota_code=b"L-1", desired=b"2000")),
        change_rec(K["quota_request_created"], 6, 2, change_fields(
            b"us-west-2", b"req-2", b"Tokens per minute", b"", b"PENDING",
            quota_code=b"L-2", desired=HOSTILE[0]), adjustable=0),
        change_rec(K["model_added"], 0, 0, change_fields(
            b"us-east-1", HOSTILE[2], HOSTILE[1])),
        change_rec(K["profile_removed"], 2, 1, change_fields(
            b"eu-west-1", HOSTILE[14], HOSTILE[15], HOSTILE[8],
            HOSTILE[9])),
    ]

    def report(flags, regs, chs):
        r = bytes([flags, 41, 42]) + f(b"2025-06-01T03:00:00Z") + \
            f(b"2025-06-02T03:00:00Z") + f(b"123456789012")
        r += bytes([len(regs)]) + b"".join(regs)
        return r + bytes([len(chs)]) + b"".join(chs)
    seed("report", "full", report(0, regions, changes))
    seed("report", "empty", report(1, regions[:1], []))
    seed("report", "cases", report(0, regions[:2], changes[2:6]))
    seed("report", "hostile-header", bytes([0, 1, 2]) + f(HOSTILE[0]) +
         f(HOSTILE[2]) + f(HOSTILE[1]) + bytes([1]) + regions[4] + b"\1" +
         changes[7])


def double(v):
    return struct.pack("<d", v)


def status_seeds():
    regions = [region_rec(b"us-east-1", "ok"),
               region_rec(b"eu-west-3", "failed", b"ListServiceQuotas",
                          b"AccessDeniedException", EVIL, http=403)]
    models = [
        [b"us-east-1", b"anthropic.claude-3-haiku-20240307-v1:0",
         b"Claude 3 Haiku", b"NOT_AUTHORIZED", b"AVAILABLE", b"AVAILABLE"],
        [b"eu-west-1", b"evil.model-v1:0", EVIL, HOSTILE[1], HOSTILE[2],
         HOSTILE[14]],
    ]
    quotas = [
        (b"us-east-1", b"L-2DC80978", b"On-demand requests per minute",
         500.0, 1000.0, 1),
        (b"ap-northeast-1", b"L-XYZ", HOSTILE[4], 0.5, 1e10, 0),
        (b"eu-west-1", HOSTILE[0], HOSTILE[5], 1e300, float("inf"), 1),
    ]
    reqs = [
        (b"us-east-1", b"req-1", b"L-2DC80978", b"Requests per minute",
         2000.0, b"PENDING", b"", b"2025-06-01T03:00:00Z"),
        (b"eu-west-1", HOSTILE[3], HOSTILE[1], HOSTILE[0], 1e10,
         b"CASE_OPENED", HOSTILE[2], HOSTILE[15]),
    ]
    r = bytes([0, 42]) + f(b"2025-06-02T03:00:00Z") + f(b"123456789012")
    r += bytes([len(regions)]) + b"".join(regions)
    r += bytes([len(models)]) + b"".join(
        b"".join(f(s) for s in m) for m in models)
    r += bytes([len(quotas)]) + b"".join(
        f(q[0]) + f(q[1]) + f(q[2]) + double(q[3]) + double(q[4]) +
        bytes([q[5]]) for q in quotas)
    r += bytes([len(reqs)]) + b"".join(
        f(q[0]) + f(q[1]) + f(q[2]) + f(q[3]) + double(q[4]) + f(q[5]) +
        f(q[6]) + f(q[7]) for q in reqs)
    seed("report_status", "full", r)
    seed("report_status", "empty", bytes([1, 1]) + f(b"") + f(b"") +
         b"\0\0\0\0")


def escape_seeds():
    for i, s in enumerate(HOSTILE):
        for cols in (0, 5, 40):
            seed("escape", "h%02d-%d" % (i, cols), bytes([cols]) + s)


# ------------------------------------------------------------------ main

NOTIFY_INI = {
    "full": "[notify]\narchive_url = https://a.example/d/\nlang = ja\n"
            "[target chat]\ntype = slack\nurl = https://hooks.example/T/B/x\n"
            "threshold = action\ntimeout = 5\n"
            "[target teams]\ntype = teams\nurl = http://127.0.0.1:8/h\n"
            "[target hook]\ntype = exec\ncommand = cat > /dev/null\n"
            "[target mail]\ntype = sns\n"
            "topic_arn = arn:aws:sns:us-east-1:123456789012:t\n"
            "[target bus]\ntype = eventbridge\nevent_bus = b\n"
            "region = eu-west-1\nthreshold = failure\n",
    "http-remote": "[target a]\ntype = slack\nurl = http://example.com/x\n",
    "bad-arn": "[target s]\ntype = sns\ntopic_arn = arn:aws:sns:x\n",
    "wrong-key": "[target a]\ntype = exec\ncommand = x\nurl = https://h/\n",
    "nested": "[target a]\ntype = exec\ncommand =\n  sub = 1\n",
    "none": "[notify]\nlang = en\n",
}
NOTIFY_REPLIES = {
    "events-ok": '{"FailedEntryCount":0,"Entries":[{"EventId":"e1"}]}',
    "events-failed": '{"FailedEntryCount":1,"Entries":[{"ErrorCode":'
                     '"MalformedDetail","ErrorMessage":"x"}]}',
    "events-nocode": '{"FailedEntryCount":2,"Entries":[{}]}',
    "events-range": '{"FailedEntryCount":11}',
    "events-fraction": '{"FailedEntryCount":0.5}',
    "sns-ok": '<PublishResponse><PublishResult><MessageId>m-1</MessageId>'
              '</PublishResult></PublishResponse>',
    "sns-empty": '<PublishResponse><PublishResult><MessageId></MessageId>'
                 '</PublishResult></PublishResponse>',
    "sns-entity": '<PublishResponse><PublishResult><MessageId>&#0;'
                  '</MessageId></PublishResult></PublishResponse>',
}


def write():
    for h, seeds in out.items():
        d = os.path.join(CORPUS, h)
        os.makedirs(d, exist_ok=True)
        for n in os.listdir(d):
            os.remove(os.path.join(d, n))
        for n, data in sorted(seeds.items()):
            with open(os.path.join(d, n), "wb") as fp:
                fp.write(data)
        total = sum(len(v) for v in seeds.values())
        print("%-18s %4d seeds %8d bytes" % (h, len(seeds), total))


def main():
    world = awssim.World(awssim.scenario_mod.load(os.path.join(
        ROOT, "sim", "scenarios", "default.json")))
    sim_replies(world)
    sim_replies(awssim.World(awssim.scenario_mod.load(os.path.join(
        ROOT, "sim", "scenarios", "replies.json"))), "replies")
    sim_errors()
    fixture_seeds()
    for n, text in INI.items():
        seed("ini", n, text)
    creds_seeds()
    identity_seeds()
    for h, vals in ARGS.items():
        for v in vals:
            seed(h, hashlib.sha1(v.encode()).hexdigest()[:12], v)
    report_seeds()
    status_seeds()
    escape_seeds()
    for n, text in NOTIFY_INI.items():
        seed("notify_config", n, text)
    for n, text in NOTIFY_REPLIES.items():
        seed("aws_notify", n, text)
    write()


if __name__ == "__main__":
    main()
