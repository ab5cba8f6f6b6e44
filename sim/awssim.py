#!/usr/bin/env python3
"""awssim: a local simulator of the AWS endpoints bedrock-audit calls.

One HTTP/1.1 server on 127.0.0.1 serves Amazon Bedrock (rest-json),
Service Quotas (awsJson1.1) and STS (awsQuery), dispatching on the service
name in the SigV4 credential scope, verifying every signature the way AWS
does, paginating, and injecting scripted faults.  The world it serves is a
scenario file (see README.md); /_sim/ endpoints replace it at run time.

Usage:
  python3 sim/awssim.py --scenario FILE [--port 0] [--port-file F]
      [--seed N] [--fault KIND[=PARAM]:RATE[:REGION[:OPERATION]]]...
      [--faults FILE] [--latency-ms N] [--clock-offset S] [--log FILE]
      [--quiet]

Python 3 standard library only.
"""

import argparse
import base64
import binascii
import calendar
import datetime
import functools
import hashlib
import json
import os
import random
import re
import signal
import socket
import struct
import sys
import threading
import time
import urllib.parse
import uuid
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape as xml_escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import identity as identity_mod  # noqa: E402
import scenario as scenario_mod  # noqa: E402
import sigv4  # noqa: E402

SKEW_LIMIT_S = 15 * 60           # allowed X-Amz-Date distance
MAX_REQUEST_BODY_BYTES = 1 << 20  # AWS API request bodies
MAX_CONTROL_BODY_BYTES = 512 << 20  # POST /_sim/scenario (big worlds)
HUGE_DEFAULT_MB = 50
TIMEOUT_DEFAULT_S = 10.0
CACHE_MAX_ENTRIES = 200000
KEEPALIVE_IDLE_S = 300
MAX_LINE_BYTES = 65536            # request line or one header line
MAX_HEADERS = 100

SERVICES = ("bedrock", "servicequotas", "sts", "account", "sns", "events",
            "monitoring", "organizations")
SNS_NS = "http://sns.amazonaws.com/doc/2010-03-31/"
EVENTS_TARGET_PREFIX = "AWSEvents"
SNS_SUBJECT_MAX_CHARS = 99          # "less than 100 characters"
SNS_MESSAGE_MAX_BYTES = 256 * 1024
EVENTS_MAX_ENTRIES = 10
EVENTS_MAX_BYTES = 256 * 1024
EVENTS_DETAIL_TYPE_MAX = 128
SNS_ARN_RE = re.compile(r"^arn:aws[a-z-]*:sns:([a-z0-9-]+):([0-9]{12}):"
                        r"([A-Za-z0-9_-]{1,256})$")
ORG_TARGET_PREFIX = "AWSOrganizationsV20161128"
ORG_OPERATIONS = ("ListAccounts", "ListAccountsForParent")
ORG_MAX_RESULTS = 20
SQ_TARGET_PREFIX = "ServiceQuotasV20190624"
CW_TARGET_PREFIX = "GraniteServiceVersion20100801"
CW_OPERATIONS = ("ListMetrics", "GetMetricData")
STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/"
SERVICE_NAME = "Amazon Bedrock"

FAULT_KINDS = ("throttle", "throttle400", "error500", "error503", "reset",
               "timeout", "truncated", "malformed", "wrongtypes",
               "endless_token", "repeat_token", "huge", "expired_token",
               "access_denied")
# Faults that rewrite a successful reply (need a 200 to work on).
TRANSFORM_FAULTS = ("truncated", "malformed", "wrongtypes", "endless_token",
                    "repeat_token", "huge")
PAGE_FAULTS = ("endless_token", "repeat_token")

PAGINATED = {
    "ListInferenceProfiles": ("nextToken", "lip"),
    "ListServiceQuotas": ("NextToken", "lsq"),
    "ListAWSDefaultServiceQuotas": ("NextToken", "ldq"),
    "ListRequestedServiceQuotaChangeHistory": ("NextToken", "lrh"),
    "ListRequestedServiceQuotaChangeHistoryByQuota": ("NextToken", "lrq"),
}
SQ_OPERATIONS = ("ListServiceQuotas", "ListAWSDefaultServiceQuotas",
                 "GetServiceQuota", "GetAWSDefaultServiceQuota",
                 "ListRequestedServiceQuotaChangeHistory",
                 "ListRequestedServiceQuotaChangeHistoryByQuota")

MODEL_ID_RE = scenario_mod.MODEL_ID_RE
PROVIDER_RE = re.compile(r"^[A-Za-z0-9- ]{1,63}$")
SQ_TOKEN_RE = re.compile(r"^[a-zA-Z0-9/+]*={0,2}$")

REASONS = {200: "OK", 400: "Bad Request", 403: "Forbidden",
           404: "Not Found", 413: "Payload Too Large", 429:
           "Too Many Requests", 500: "Internal Server Error", 503:
           "Service Unavailable"}

MSG_BAD_SIGNATURE = (
    "The request signature we calculated does not match the signature "
    "you provided. Check your AWS Secret Access Key and signing method. "
    "Consult the service documentation for details.")
MSG_BAD_TOKEN = "The security token included in the request is invalid."
MSG_EXPIRED_TOKEN = "The security token included in the request is expired"

# Generic (rest-json / awsJson) auth codes -> STS query codes.
STS_CODES = {
    "MissingAuthenticationTokenException": "MissingAuthenticationToken",
    "IncompleteSignatureException": "IncompleteSignature",
    "UnrecognizedClientException": "InvalidClientTokenId",
    "InvalidSignatureException": "SignatureDoesNotMatch",
    "ExpiredTokenException": "ExpiredToken",
    "ThrottlingException": "Throttling",
    "TooManyRequestsException": "Throttling",
    "InternalServerException": "InternalFailure",
    "ServiceException": "InternalFailure",
    "ServiceUnavailableException": "ServiceUnavailable",
    "UnknownOperationException": "InvalidAction",
}

# __type namespaces for awsJson errors by family.
SQ_NAMESPACES = {
    "model": ("com.amazonaws.servicequotas.model#", "Message"),
    "coral": ("com.amazon.coral.service#", "message"),
    "validate": ("com.amazon.coral.validate#", "message"),
    "availability": ("com.amazon.coral.availability#", "message"),
}


class AwsError(Exception):
    """An error reply.  family: model (modeled by the service), coral
    (auth and framework), validate (constraint checks), availability."""

    def __init__(self, status, code, message, family="model"):
        Exception.__init__(self, code)
        self.status = status
        self.code = code
        self.message = message
        self.family = family


def _validation(field, value, constraint):
    return AwsError(400, "ValidationException",
                    "1 validation error detected: Value %s at '%s' failed "
                    "to satisfy constraint: Member must %s" % (
                        "null" if value is None else "'%s'" % value, field,
                        constraint), "validate")


# ------------------------------------------------------------------ time

def iso_to_epoch(s):
    dt = datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=datetime.timezone.utc)
    return dt.timestamp()


@functools.lru_cache(maxsize=4096)
def amz_date_to_epoch(s):
    """"20251127T120000Z" -> epoch seconds; None when malformed."""
    if len(s) != 16 or s[8] != "T" or s[15] != "Z":
        return None
    try:
        return calendar.timegm(time.strptime(s, "%Y%m%dT%H%M%SZ"))
    except ValueError:
        return None


def epoch_to_amz(t):
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(t))


# ----------------------------------------------------------------- world

class Account:
    __slots__ = ("akid", "secret", "token", "expires", "account", "arn",
                 "user_id")


class Region:
    """One region's normalized data plus lookup tables."""

    def __init__(self, name, data):
        self.name = name
        self.down = data["down"]
        self.models = data["models"]
        self.model_by_id = {m["modelId"]: m for m in self.models}
        self.quotas = data["quotas"]
        # Get* and the request history name a code: its first row, the
        # account-level one when the code is also listed per resource.
        self.quota_by_code = {}
        for q in sorted(self.quotas,
                        key=lambda q: q["level"] not in (None, "ACCOUNT")):
            self.quota_by_code.setdefault(q["code"], q)
        self.applied = [q for q in self.quotas if q["applied"] is not None
                        or q["errorReason"]]
        self.defaults = [q for q in self.quotas if q["default"] is not None]
        self.profiles = data["profiles"]
        self.profile_by_id = {p["id"]: p for p in self.profiles}
        self.requests = data["requests"]


class World:
    """An immutable, indexed scenario and a cache of encoded replies."""

    def __init__(self, raw):
        scenario_mod.check(raw)
        self.raw = raw
        norm = scenario_mod.normalize(raw)
        self.page_size = norm["page_size"]
        self.accounts = {}
        for akid, a in norm["accounts"].items():
            acct = Account()
            acct.akid = akid
            acct.secret = a["secret"]
            acct.token = a["session_token"]
            acct.expires = iso_to_epoch(a["expires"]) if a["expires"] \
                else None
            acct.account = a["account"]
            acct.arn = a["arn"]
            acct.user_id = a["user_id"]
            self.accounts[akid] = acct
        self.regions = {n: Region(n, d) for n, d in norm["regions"].items()}
        self.enabled_regions = norm["enabled_regions"]
        self.org = raw.get("organization")
        self.cache = {}
        # The world each member account sees (member_accounts): the
        # shared one with its steps applied; others see this one.
        self.members = {}
        for acct in raw.get("member_accounts", {}):
            try:
                self.members[acct] = World(scenario_mod.member_scenario(
                    raw, acct))
            except scenario_mod.MutationError as e:
                raise scenario_mod.ScenarioError(
                    "member_accounts.%s: %s" % (acct, e))

    def for_account(self, account, region_name):
        """The world and region an account's credentials are served."""
        w = self.members.get(account, self)
        return w, (w.regions.get(region_name) if region_name else None)

    def cached(self, key, build):
        v = self.cache.get(key)
        if v is None:
            v = build()
            if len(self.cache) >= CACHE_MAX_ENTRIES:
                self.cache.clear()
            self.cache[key] = v
        return v


# ---------------------------------------------------------------- faults

class FaultRule:
    __slots__ = ("kind", "rate", "region", "operation", "param", "after",
                 "limit", "seen", "fired")

    def __init__(self, kind, rate, region=None, operation=None, param=None,
                 after=0, limit=None):
        if kind not in FAULT_KINDS:
            raise ValueError("unknown fault kind %r (known: %s)" % (
                kind, ", ".join(FAULT_KINDS)))
        rate = float(rate)
        if not 0.0 <= rate <= 1.0:
            raise ValueError("fault rate must be within 0..1, got %r" % rate)
        if param is not None:
            param = float(param)
            if param < 0:
                raise ValueError("fault parameter must be >= 0")
        self.kind = kind
        self.rate = rate
        self.region = region or None
        self.operation = operation.lower() if operation else None
        self.param = param
        self.after = int(after or 0)
        self.limit = None if limit is None else int(limit)
        self.seen = 0
        self.fired = 0

    def to_json(self):
        d = {"kind": self.kind, "rate": self.rate}
        for k in ("region", "operation", "param", "limit"):
            if getattr(self, k) is not None:
                d[k] = getattr(self, k)
        if self.after:
            d["after"] = self.after
        d["seen"] = self.seen
        d["fired"] = self.fired
        return d


def parse_fault_spec(spec):
    """"KIND[=PARAM]:RATE[:REGION[:OPERATION]]"; "" or "*" = any."""
    parts = spec.split(":")
    if len(parts) < 2 or len(parts) > 4:
        raise ValueError("fault spec %r is not KIND[=PARAM]:RATE[:REGION"
                         "[:OPERATION]]" % spec)
    kind, _, param = parts[0].partition("=")
    region = parts[2] if len(parts) > 2 and parts[2] not in ("", "*") \
        else None
    op = parts[3] if len(parts) > 3 and parts[3] not in ("", "*") else None
    try:
        return FaultRule(kind, parts[1], region, op, param or None)
    except ValueError as e:
        raise ValueError("fault spec %r: %s" % (spec, e))


def parse_fault_doc(doc):
    """{"rules": [...]} or [...] of {kind, rate, region?, operation?,
    param? (or seconds/mb), after?, limit?} -> list of FaultRule."""
    if isinstance(doc, dict):
        doc = doc.get("rules", [])
    if not isinstance(doc, list):
        raise ValueError("faults must be a list or {\"rules\": [...]}")
    rules = []
    for i, r in enumerate(doc):
        if isinstance(r, str):
            rules.append(parse_fault_spec(r))
            continue
        if not isinstance(r, dict) or "kind" not in r or "rate" not in r:
            raise ValueError("fault rule %d needs kind and rate" % i)
        extra = set(r) - {"kind", "rate", "region", "operation", "param",
                          "seconds", "mb", "after", "limit"}
        if extra:
            raise ValueError("fault rule %d: unknown fields %s" % (
                i, sorted(extra)))
        param = r.get("param", r.get("seconds", r.get("mb")))
        rules.append(FaultRule(r["kind"], r["rate"], r.get("region"),
                               r.get("operation"), param, r.get("after", 0),
                               r.get("limit")))
    return rules


# ----------------------------------------------------------------- stats

class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.started = time.time()
        self.cpu0 = os.times()
        self.total = 0
        self.control = 0
        self.nested = {}
        self.by_service = {}
        self.by_operation = {}
        self.by_region = {}
        self.status = {}
        self.errors = {}
        self.faults = {}
        self.faults_total = 0
        self.bytes_out = 0
        self.cw_windows = []

    def record(self, service, op, region, status, code, fault, nbytes):
        with self.lock:
            self.total += 1
            ops = self.nested.setdefault(service, {})
            regs = ops.setdefault(op, {})
            regs[region] = regs.get(region, 0) + 1
            self.by_service[service] = self.by_service.get(service, 0) + 1
            self.by_operation[op] = self.by_operation.get(op, 0) + 1
            self.by_region[region] = self.by_region.get(region, 0) + 1
            k = str(status)
            self.status[k] = self.status.get(k, 0) + 1
            if code:
                self.errors[code] = self.errors.get(code, 0) + 1
            if fault:
                self.faults[fault] = self.faults.get(fault, 0) + 1
                self.faults_total += 1
            self.bytes_out += nbytes

    def cloudwatch_window(self, region, start, end, queries):
        """Remember a GetMetricData window (the last 1000)."""
        with self.lock:
            self.cw_windows.append([region, start, end, queries])
            del self.cw_windows[:-1000]

    def snapshot(self):
        t = os.times()
        with self.lock:
            return {
                "requests_total": self.total,
                "requests": json.loads(json.dumps(self.nested)),
                "by_service": dict(self.by_service),
                "by_operation": dict(self.by_operation),
                "by_region": dict(self.by_region),
                "status": dict(self.status),
                "errors": dict(self.errors),
                "faults": dict(self.faults),
                "faults_total": self.faults_total,
                "control_requests": self.control,
                "bytes_out": self.bytes_out,
                "cloudwatch_windows": [list(w) for w in self.cw_windows],
                "cpu_user": round(t.user - self.cpu0.user, 3),
                "cpu_sys": round(t.system - self.cpu0.system, 3),
                "cpu_seconds": round(t.user + t.system - self.cpu0.user -
                                     self.cpu0.system, 3),
                "cpu_seconds_process": round(t.user + t.system, 3),
                "uptime_seconds": round(time.time() - self.started, 3),
            }


# ------------------------------------------------------------- simulator

class Simulator:
    """Everything a request handler needs; shared by all threads."""

    def __init__(self, world, seed=0, rules=(), latency_ms=0.0,
                 clock_offset=0.0, log=None, quiet=False, identity=None):
        self.world = world
        self.identity = identity_mod.Identity(identity)
        self.seed = seed
        self.rng = random.Random(seed)
        self.fault_lock = threading.Lock()
        self.rules = list(rules)
        self.latency_ms = float(latency_ms)
        self.clock_offset = float(clock_offset)
        self.stats = Stats()
        self.log_file = log
        self.log_lock = threading.Lock()
        self.quiet = quiet
        self.token_nonce = 0
        self._date_cache = (None, "")
        # What SNS Publish and EventBridge PutEvents accepted, in order
        # (GET /_sim/notifications), and the event buses that exist
        # (None: every name does).
        self.notify_lock = threading.Lock()
        self.notifications = []
        self.event_buses = None

    def now(self):
        return time.time() + self.clock_offset

    def http_date(self):
        t = int(self.now())
        c = self._date_cache
        if c[0] != t:
            c = (t, formatdate(t, usegmt=True))
            self._date_cache = c
        return c[1]

    def set_rules(self, rules, seed=None):
        with self.fault_lock:
            self.rules = list(rules)
            if seed is not None:
                self.seed = seed
                self.rng = random.Random(seed)

    def pick_fault(self, region, op, status):
        """The first matching rule that fires, or None.  One random draw
        per matching rule, under a lock, so a seeded run repeats."""
        if not self.rules:
            return None
        lop = op.lower()
        with self.fault_lock:
            for r in self.rules:
                if r.region is not None and r.region != region:
                    continue
                if r.operation is not None and r.operation != lop:
                    continue
                if r.kind in TRANSFORM_FAULTS and status != 200:
                    continue
                if r.kind in PAGE_FAULTS and op not in PAGINATED:
                    continue
                r.seen += 1
                if r.seen <= r.after:
                    continue
                if r.limit is not None and r.fired >= r.limit:
                    continue
                if self.rng.random() < r.rate:
                    r.fired += 1
                    return r
        return None

    def next_nonce(self):
        with self.fault_lock:
            self.token_nonce += 1
            return self.token_nonce

    def log(self, line):
        if self.log_file is None:
            return
        with self.log_lock:
            self.log_file.write(line + "\n")
            self.log_file.flush()


# ------------------------------------------------------------- responses

class Resp:
    __slots__ = ("status", "body", "ctype", "headers", "action", "param",
                 "code", "page")

    def __init__(self, status, body, ctype, headers=None):
        self.status = status
        self.body = body
        self.ctype = ctype
        self.headers = headers or []
        self.action = None
        self.param = None
        self.code = None
        self.page = None


def _json_bytes(obj):
    return json.dumps(obj, separators=(",", ":")).encode("utf-8")


# ------------------------------------ notifications: SNS and EventBridge

def _sns_invalid(what):
    return AwsError(400, "InvalidParameter", "Invalid parameter: %s" % what,
                    "sns")


def sns_publish(sim, acct, region, params, rid):
    """SNS Publish (awsQuery): check what AWS checks, record, reply XML."""
    arn = params.get("TopicArn") or params.get("TargetArn")
    if not arn:
        raise _sns_invalid("TopicArn or TargetArn Reason: no value for "
                           "required parameter")
    m = SNS_ARN_RE.match(arn)
    if m is None or m.group(1) != region:
        raise _sns_invalid("TopicArn")
    if m.group(2) != acct.account:
        raise AwsError(403, "AuthorizationError", "User is not authorized "
                       "to perform: SNS:Publish on resource: %s" % arn,
                       "sns")
    subject = params.get("Subject")
    if subject is not None and (
            subject == "" or len(subject) > SNS_SUBJECT_MAX_CHARS or
            any(ord(c) < 0x20 or ord(c) == 0x7f for c in subject)):
        raise _sns_invalid("Subject")
    message = params.get("Message")
    if not message:
        raise _sns_invalid("Message Reason: Empty message")
    if len(message.encode("utf-8")) > SNS_MESSAGE_MAX_BYTES:
        raise _sns_invalid("Message too long")
    mid = str(uuid.uuid4())
    with sim.notify_lock:
        sim.notifications.append({"service": "sns", "op": "Publish",
                                  "region": region, "topic_arn": arn,
                                  "subject": subject, "message": message,
                                  "message_id": mid})
    body = ('<PublishResponse xmlns="%s">\n  <PublishResult>\n    '
            '<MessageId>%s</MessageId>\n  </PublishResult>\n  '
            '<ResponseMetadata>\n    <RequestId>%s</RequestId>\n  '
            '</ResponseMetadata>\n</PublishResponse>\n' % (SNS_NS, mid,
                                                             rid))
    return Resp(200, body.encode("utf-8"), "text/xml")


def sns_dispatch(sim, acct, region, op, body, rid):
    try:
        params = dict(urllib.parse.parse_qsl(body.decode("utf-8"),
                                             keep_blank_values=True,
                                             strict_parsing=False))
    except UnicodeDecodeError:
        raise _sns_invalid("the request is not UTF-8")
    if params.get("Version") != "2010-03-31":
        raise AwsError(400, "InvalidAction", "Could not find operation %s "
                       "for version %s" % (op, params.get("Version")), "sns")
    if op != "Publish":
        raise AwsError(400, "InvalidAction", "Could not find operation %s "
                       "for version 2010-03-31" % op, "sns")
    return sns_publish(sim, acct, region, params, rid)


def _events_validation(msg):
    return AwsError(400, "ValidationException", msg, "events")


def _events_entry(sim, e):
    """One PutEvents entry: (result, recorded or None)."""
    if not isinstance(e, dict):
        return {"ErrorCode": "InvalidArgument", "ErrorMessage":
                "Entry is not an object."}, None
    for key in ("Source", "DetailType", "Detail"):
        if not isinstance(e.get(key), str) or not e[key]:
            return {"ErrorCode": "InvalidArgument", "ErrorMessage":
                    "Parameter %s is not valid. Reason: %s is a required "
                    "argument." % (key, key)}, None
    try:
        detail = json.loads(e["Detail"])
    except ValueError:
        detail = None
    if not isinstance(detail, dict):
        return {"ErrorCode": "MalformedDetail", "ErrorMessage":
                "Detail is malformed."}, None
    bus = e.get("EventBusName") or "default"
    if sim.event_buses is not None and bus not in sim.event_buses:
        return {"ErrorCode": "ResourceNotFoundException", "ErrorMessage":
                "Event bus %s does not exist." % bus}, None
    eid = str(uuid.uuid4())
    return {"EventId": eid}, {"source": e["Source"], "detail_type":
                              e["DetailType"], "detail": detail,
                              "event_bus": bus, "event_id": eid}


def events_put(sim, region, doc):
    entries = doc.get("Entries") if isinstance(doc, dict) else None
    if not isinstance(entries, list) or not 1 <= len(entries) <= \
            EVENTS_MAX_ENTRIES:
        raise _events_validation(
            "1 validation error detected: Value at 'entries' failed to "
            "satisfy constraint: Member must have length less than or "
            "equal to 10 and greater than or equal to 1")
    for e in entries:
        if isinstance(e, dict) and isinstance(e.get("DetailType"), str) \
                and len(e["DetailType"]) > EVENTS_DETAIL_TYPE_MAX:
            raise _events_validation(
                "1 validation error detected: Value at 'entries.member."
                "detailType' failed to satisfy constraint: Member must "
                "have length less than or equal to 128")
    results, kept = [], []
    for e in entries:
        res, rec = _events_entry(sim, e)
        results.append(res)
        if rec is not None:
            kept.append(rec)
    with sim.notify_lock:
        sim.notifications.append({"service": "events", "op": "PutEvents",
                                  "region": region, "entries": kept,
                                  "failed": len(entries) - len(kept)})
    return Resp(200, _json_bytes({"FailedEntryCount": len(entries) -
                                  len(kept), "Entries": results}),
                "application/x-amz-json-1.1")


def events_dispatch(sim, acct, region, op, body, ctype):
    if op != "PutEvents":
        raise AwsError(400, "UnknownOperationException", "", "coral")
    if ctype.split(";")[0].strip().lower() != "application/x-amz-json-1.1":
        raise AwsError(400, "SerializationException", "Unexpected content "
                       "type", "events")
    if len(body) > EVENTS_MAX_BYTES:
        raise _events_validation("Total size of the entries in the request "
                                 "is over the limit.")
    try:
        doc = json.loads(body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise AwsError(400, "SerializationException", "Start of structure "
                       "or map found where not expected.", "events")
    return events_put(sim, region, doc)


def error_resp(service, err, rid):
    """Format an AwsError the way the service's protocol does."""
    if service == "sts":
        # family "sts": a code STS itself models, sent as it is.
        code = err.code if err.family == "sts" else \
            STS_CODES.get(err.code, err.code)
        body = ('<ErrorResponse xmlns="%s">\n  <Error>\n    <Type>%s</Type>'
                '\n    <Code>%s</Code>\n    <Message>%s</Message>\n  '
                '</Error>\n  <RequestId>%s</RequestId>\n</ErrorResponse>\n'
                % (STS_NS, "Receiver" if err.status >= 500 else "Sender",
                   xml_escape(code), xml_escape(err.message), rid))
        r = Resp(err.status, body.encode("utf-8"), "text/xml")
        r.code = code
        return r
    if service == "sns":
        # awsQuery like STS, with SNS's namespace and query codes.
        code = err.code if err.family == "sns" else \
            STS_CODES.get(err.code, err.code)
        body = ('<ErrorResponse xmlns="%s">\n  <Error>\n    <Type>%s</Type>'
                '\n    <Code>%s</Code>\n    <Message>%s</Message>\n  '
                '</Error>\n  <RequestId>%s</RequestId>\n</ErrorResponse>\n'
                % (SNS_NS, "Receiver" if err.status >= 500 else "Sender",
                   xml_escape(code), xml_escape(err.message), rid))
        r = Resp(err.status, body.encode("utf-8"), "text/xml")
        r.code = code
        return r
    if service == "events":
        # awsJson1_1: the bare code in __type (coral ones namespaced).
        etype = err.code if err.family != "coral" else \
            "com.amazon.coral.service#" + err.code
        r = Resp(err.status, _json_bytes({"__type": etype,
                                          "message": err.message}),
                 "application/x-amz-json-1.1")
        r.code = etype
        return r
    if service == "organizations":
        r = Resp(err.status, _json_bytes({"__type": err.code,
                                          "Message": err.message}),
                 "application/x-amz-json-1.1")
        r.code = err.code
        return r
    if service == "servicequotas":
        ns, key = SQ_NAMESPACES.get(err.family, SQ_NAMESPACES["coral"])
        r = Resp(err.status, _json_bytes({"__type": ns + err.code,
                                          key: err.message}),
                 "application/x-amz-json-1.1")
        r.code = err.code
        return r
    if service == "monitoring":
        return cw_error_resp(err)
    ns = "com.amazon.coral.service" if err.family == "coral" else \
        "com.amazon.bedrock"
    if err.code == "MissingAuthenticationTokenException":
        etype = err.code
    else:
        etype = "%s:http://internal.amazon.com/coral/%s/" % (err.code, ns)
    r = Resp(err.status, _json_bytes({"message": err.message}),
             "application/json", [("x-amzn-ErrorType", etype)])
    r.code = err.code
    return r



# ------------------------------------------------------------- cloudwatch
#
# CloudWatch over awsJson1_0, query compatible (aws-apis.md sections 1, 4
# and 9.4): ListMetrics and GetMetricData on AWS/Bedrock.  The usage is
# generated from the world, per region, relative to the current time so
# that a collector's window logic is exercised:
#   - "near": the first on-demand tokens-per-minute quota (by code) whose
#     model is in the region: EstimatedTPMQuotaUsage peaks daily at 85%
#     of the applied value at 14:07 UTC, other minutes well below;
#   - "throttled": the first on-demand requests-per-minute quota of
#     another model: Invocations peak at 30% of the quota, and three
#     minutes a day have InvocationThrottles;
#   - every other model is quiet: no series at all.
# Only in the regions CW_USAGE_REGIONS names (or, when the world has none
# of them, its first region): elsewhere every model is quiet, as in an
# account that runs its workloads in a region or two.
# Points exist every CW_STEP_MINUTES minute from 09:00 to 17:00 UTC, plus
# the peak minute, for the CW_RETENTION_DAYS days before now.

CW_NAMESPACE = "AWS/Bedrock"
CW_USAGE_REGIONS = ("us-east-1", "us-west-2")
CW_RETENTION_DAYS = 15
CW_STEP_MINUTES = 10
CW_MAX_QUERIES = 500
CW_MAX_DATAPOINTS = 100800
CW_QUERY_CODES = {
    "AccessDeniedException": "AccessDenied",
    "ValidationException": "ValidationError",
    "InvalidParameterValueException": "InvalidParameterValue",
    "InvalidNextToken": "InvalidNextToken",
    "ThrottlingException": "Throttling",
    "InternalServerException": "InternalServiceError",
    "ServiceUnavailableException": "ServiceUnavailable",
    "UnknownOperationException": "InvalidAction",
}
CW_QUOTA_ODTPM = "On-demand model inference tokens per minute for "
CW_QUOTA_ODRPM = "On-demand model inference requests per minute for "


def cw_error_resp(err):
    """awsJson1_0 error with the query code in x-amzn-query-error."""
    ns = "com.amazon.coral.service#" if err.family in (
        "coral", "validate", "availability") else \
        "com.amazonaws.cloudwatch#"
    qcode = CW_QUERY_CODES.get(err.code, err.code)
    r = Resp(err.status, _json_bytes({"__type": ns + err.code,
                                      "message": err.message}),
             "application/x-amz-json-1.0",
             [("x-amzn-query-error", "%s;%s" % (
                 qcode, "Receiver" if err.status >= 500 else "Sender"))])
    r.code = err.code
    return r


def _cw_model_for(reg, rest):
    """The model of region "reg" named "rest" ("Provider Name"), if one."""
    hits = [m for m in reg.models
            if "%s %s" % (m.get("providerName"), m.get("modelName")) == rest]
    return hits[0] if len(hits) == 1 else None


def cw_usage_region(world, name):
    """Whether region "name" of "world" has traffic (see above)."""
    busy = [r for r in CW_USAGE_REGIONS if r in world.regions]
    return name in busy if busy else name == min(world.regions)


def cw_patterns(world, reg):
    """{model_id: (kind, quota value)} for the region (see above)."""
    out = {}
    if not cw_usage_region(world, reg.name):
        return out
    quotas = sorted(reg.quotas, key=lambda q: q["code"])
    for prefix, kind in ((CW_QUOTA_ODTPM, "near"),
                         (CW_QUOTA_ODRPM, "throttled")):
        for q in quotas:
            name = q.get("name") or ""
            if not name.startswith(prefix) or not q.get("applied"):
                continue
            if (q.get("level") or "ACCOUNT") != "ACCOUNT":
                continue
            m = _cw_model_for(reg, name[len(prefix):])
            if m is None or m["modelId"] in out:
                continue
            out[m["modelId"]] = (kind, float(q["applied"]))
            break
    return out


def _cw_minutes(now):
    """The minutes (epoch seconds) that carry points, oldest first."""
    end = int(now) // 60 * 60
    day0 = (end - CW_RETENTION_DAYS * 86400) // 86400 * 86400
    out = []
    for d in range(CW_RETENTION_DAYS + 1):
        base = day0 + d * 86400
        mins = set(range(9 * 60, 17 * 60, CW_STEP_MINUTES))
        mins.add(14 * 60 + 7)
        for m in sorted(mins):
            t = base + m * 60
            if end - CW_RETENTION_DAYS * 86400 <= t < end:
                out.append(t)
    return out


def cw_value(kind, quota, metric, t):
    """The Sum of "metric" at minute "t" for a model of pattern "kind"."""
    mod = (t // 60) % 1440
    peak = mod == 14 * 60 + 7
    wave = 0.2 + 0.05 * ((t // 600) % 5)       # 20% .. 40% of the quota
    if kind == "near":
        est = quota * (0.85 if peak else wave)
        return {"EstimatedTPMQuotaUsage": est,
                "InputTokenCount": round(est * 0.6),
                "OutputTokenCount": round(est * 0.1),
                "Invocations": max(1, round(est / 2000)),
                "InvocationThrottles": None}.get(metric)
    inv = round(quota * (0.30 if peak else 0.1))
    thr = 2 if mod in (10 * 60, 10 * 60 + 10, 10 * 60 + 20) else None
    return {"Invocations": inv, "InputTokenCount": inv * 500,
            "OutputTokenCount": inv * 100,
            "InvocationThrottles": thr}.get(metric)


CW_METRICS = {"near": ("Invocations", "InputTokenCount", "OutputTokenCount",
                       "EstimatedTPMQuotaUsage"),
              "throttled": ("Invocations", "InputTokenCount",
                            "OutputTokenCount", "InvocationThrottles")}


def _cw_require(cond, message):
    if not cond:
        raise AwsError(400, "InvalidParameterValueException", message)


def _cw_dims(dims):
    _cw_require(dims is None or (isinstance(dims, list) and len(dims) <= 30),
                "Dimensions must be a list of at most 30")
    return dims or []


def cw_list_metrics(sim, reg, req):
    ns = req.get("Namespace")
    name = req.get("MetricName")
    dims = _cw_dims(req.get("Dimensions"))
    rows = []
    if ns in (None, CW_NAMESPACE):
        pats = sim.world.cached(("cw_patterns", reg.name),
                                lambda: cw_patterns(sim.world, reg))
        for mid, (kind, _) in sorted(pats.items()):
            for metric in CW_METRICS[kind]:
                rows.append({"Namespace": CW_NAMESPACE, "MetricName": metric,
                             "Dimensions": [{"Name": "ModelId",
                                             "Value": mid}]})
        # the account-wide series: no ModelId dimension
        rows.append({"Namespace": CW_NAMESPACE, "MetricName": "Invocations",
                     "Dimensions": []})
    if name is not None:
        rows = [r for r in rows if r["MetricName"] == name]
    for d in dims:
        _cw_require(isinstance(d, dict) and isinstance(d.get("Name"), str),
                    "a dimension filter needs a Name")
        rows = [r for r in rows if any(
            x["Name"] == d["Name"] and d.get("Value") in (None, x["Value"])
            for x in r["Dimensions"])]
    page = max(1, min(500, sim.world.page_size.get("metrics", 500)))
    off = 0
    tok = req.get("NextToken")
    if tok is not None:
        off = read_token("ListMetrics", tok)
        if off is None or off > len(rows):
            raise AwsError(400, "InvalidNextToken", "Invalid NextToken")
    out = {"Metrics": rows[off:off + page]}
    if off + page < len(rows):
        out["NextToken"] = make_token("ListMetrics", off + page)
    return Resp(200, _json_bytes(out), "application/x-amz-json-1.0")


def _cw_epoch(v, field):
    _cw_require(isinstance(v, (int, float)) and not isinstance(v, bool),
                "%s must be epoch seconds" % field)
    return int(v)


def _cw_query(q, ids):
    _cw_require(isinstance(q, dict), "a MetricDataQuery must be a structure")
    qid = q.get("Id")
    _cw_require(isinstance(qid, str) and re.match(r"^[a-z][a-zA-Z0-9_]*$",
                                                  qid or "") is not None,
                "The value %r for parameter MetricDataQueries.member.Id is "
                "not valid" % (qid,))
    _cw_require(qid not in ids, "The values for parameter id in "
                "MetricDataQueries are not unique.")
    ids.add(qid)
    ms = q.get("MetricStat")
    _cw_require(isinstance(ms, dict) and isinstance(ms.get("Metric"), dict),
                "MetricStat is required")
    _cw_require(ms.get("Stat") == "Sum", "only Sum is simulated")
    period = ms.get("Period")
    _cw_require(isinstance(period, int) and period >= 60 and
                period % 60 == 0, "Period must be a multiple of 60")
    m = ms["Metric"]
    dims = _cw_dims(m.get("Dimensions"))
    model = None
    if len(dims) == 1 and isinstance(dims[0], dict) and \
            dims[0].get("Name") == "ModelId":
        model = dims[0].get("Value")
    return qid, m.get("Namespace"), m.get("MetricName"), model, period


def _cw_series(sim, reg, ns, metric, model, period, start, end, asc):
    pat = sim.world.cached(("cw_patterns", reg.name),
                           lambda: cw_patterns(sim.world, reg)).get(model) \
        if ns == CW_NAMESPACE else None
    if pat is None or metric not in CW_METRICS[pat[0]]:
        return [], []
    buckets = {}
    for t in _cw_minutes(sim.now()):
        if start <= t < end:
            v = cw_value(pat[0], pat[1], metric, t)
            if v is not None:
                b = t - (t - start) % period
                buckets[b] = buckets.get(b, 0) + v
    ts = sorted(buckets, reverse=not asc)
    return ts, [buckets[t] for t in ts]


def cw_get_metric_data(sim, reg, req):
    qs = req.get("MetricDataQueries")
    _cw_require(isinstance(qs, list) and 1 <= len(qs) <= CW_MAX_QUERIES,
                "MetricDataQueries must have 1 to %d members" %
                CW_MAX_QUERIES)
    start = _cw_epoch(req.get("StartTime"), "StartTime")
    end = _cw_epoch(req.get("EndTime"), "EndTime")
    _cw_require(start < end, "The parameter StartTime must be less than "
                "the parameter EndTime.")
    scan = req.get("ScanBy", "TimestampDescending")
    _cw_require(scan in ("TimestampDescending", "TimestampAscending"),
                "ScanBy must be TimestampDescending or TimestampAscending")
    limit = req.get("MaxDatapoints", CW_MAX_DATAPOINTS)
    _cw_require(isinstance(limit, int) and limit >= 1, "MaxDatapoints must "
                "be a positive integer")
    ids = set()
    queries = [_cw_query(q, ids) for q in qs]
    off = 0
    if req.get("NextToken") is not None:
        off = read_token("GetMetricData", req.get("NextToken"))
        if off is None:
            raise AwsError(400, "InvalidNextToken", "The service returned "
                           "an error with Error Code InvalidNextToken")
    sim.stats.cloudwatch_window(reg.name, start, end, len(queries))
    results, pos, budget, more = [], 0, limit, False
    for qid, ns, metric, model, period in queries:
        ts, vals = _cw_series(sim, reg, ns, metric, model, period, start,
                              end, scan == "TimestampAscending")
        lo = min(max(off - pos, 0), len(ts))
        take = min(len(ts) - lo, budget)
        pos += len(ts)
        if lo >= len(ts) and len(ts) > 0:
            continue            # sent in full on an earlier page
        budget -= take
        partial = lo + take < len(ts)
        more = more or partial
        results.append({"Id": qid, "Label": metric or qid,
                        "Timestamps": ts[lo:lo + take],
                        "Values": vals[lo:lo + take],
                        "StatusCode": "PartialData" if partial else
                        "Complete", "Messages": []})
        if partial:
            break
    out = {"MetricDataResults": results, "Messages": []}
    if more:
        out["NextToken"] = make_token("GetMetricData", off + limit)
    return Resp(200, _json_bytes(out), "application/x-amz-json-1.0")


def cw_dispatch(sim, reg, op, body, headers):
    try:
        req = _load_json(body) if body else {}
    except ValueError:
        req = None
    if not isinstance(req, dict):
        raise AwsError(400, "SerializationException", "body is not a JSON "
                       "object", "coral")
    if op == "ListMetrics":
        return cw_list_metrics(sim, reg, req)
    if op == "GetMetricData":
        return cw_get_metric_data(sim, reg, req)
    raise AwsError(400, "UnknownOperationException", "", "coral")

# ------------------------------------------------------------ pagination

def make_token(tag, offset, nonce=0):
    raw = "awssim:%s:%d:%d" % (tag, offset, nonce)
    return base64.b64encode(raw.encode("ascii")).decode("ascii")


def read_token(tag, token):
    """Offset encoded in a token we issued for operation "tag"; None when
    the token is not one of ours."""
    if not isinstance(token, str) or not token or len(token) > 2048:
        return None
    try:
        raw = base64.b64decode(token, validate=True).decode("ascii")
    except (binascii.Error, ValueError):
        return None
    parts = raw.split(":")
    if len(parts) != 4 or parts[0] != "awssim" or parts[1] != tag:
        return None
    try:
        off = int(parts[2])
    except ValueError:
        return None
    return off if off >= 0 else None


# ---------------------------------------------------------- organizations

ORG_LEGACY_STATUS = ("ACTIVE", "SUSPENDED", "PENDING_CLOSURE")


def org_account_obj(org, a):
    o = {"Id": a["id"], "Arn": "arn:aws:organizations::%s:account/%s/%s" % (
        org["management_account"], org.get("id", "o-exampleorgid"), a["id"]),
        "Email": a.get("email", "aws+%s@example.com" % a["id"]),
        "Name": a.get("name", "account-%s" % a["id"]),
        "State": a.get("status", "ACTIVE"), "JoinedMethod": "CREATED",
        "JoinedTimestamp": 1735689600.0}
    # Status is deprecated and knows no CLOSED or PENDING_ACTIVATION.
    if o["State"] in ORG_LEGACY_STATUS:
        o["Status"] = o["State"]
    return o


def org_dispatch(world, acct, op, body):
    """ListAccounts / ListAccountsForParent, from the management account
    only; pages of at most MaxResults (1..20) and the organization's
    page_size, the first one empty when empty_first_page is set."""
    if op == "Unknown":
        raise AwsError(400, "UnknownOperationException", "", "coral")
    org = world.org
    if org is None:
        raise AwsError(400, "AWSOrganizationsNotInUseException",
                       "Your account is not a member of an organization.")
    if acct.account != org["management_account"]:
        raise AwsError(400, "AccessDeniedException",
                       "You don't have permissions to access this "
                       "resource.")
    try:
        req = json.loads(body) if body.strip() else {}
    except ValueError:
        raise AwsError(400, "SerializationException",
                       "Start of structure or map found where not "
                       "expected.", "coral")
    if not isinstance(req, dict):
        raise AwsError(400, "SerializationException",
                       "Expected a JSON object", "coral")
    size = req.get("MaxResults", ORG_MAX_RESULTS)
    if not isinstance(size, int) or isinstance(size, bool) or \
            not 1 <= size <= ORG_MAX_RESULTS:
        raise AwsError(400, "InvalidInputException",
                       "You provided a value that does not match the "
                       "required pattern.")
    size = min(size, org.get("page_size", ORG_MAX_RESULTS))
    accounts = org["accounts"]
    parent = None
    if op == "ListAccountsForParent":
        parent = req.get("ParentId")
        parents = set(a.get("parent") for a in accounts) | set(
            org.get("roots", []))
        if not isinstance(parent, str) or parent not in parents:
            raise AwsError(400, "ParentNotFoundException",
                           "You specified a ParentId that doesn't exist.")
        accounts = [a for a in accounts if a.get("parent") == parent]
    tag = "org-%s" % (parent or "all")
    tok = req.get("NextToken")
    if tok is None and org.get("empty_first_page"):
        return Resp(200, _json_bytes({"Accounts": [], "NextToken":
                                      make_token(tag, 0, 1)}),
                    "application/x-amz-json-1.1")
    off = 0
    if tok is not None:
        off = read_token(tag, tok)
        if off is None:
            raise AwsError(400, "InvalidInputException",
                           "The next token is not valid.")
    page = accounts[off:off + size]
    doc = {"Accounts": [org_account_obj(org, a) for a in page]}
    if off + size < len(accounts):
        doc["NextToken"] = make_token(tag, off + size)
    return Resp(200, _json_bytes(doc), "application/x-amz-json-1.1")


# ---------------------------------------------------------------- account

ACCOUNT_OPT_STATUSES = ("ENABLED", "ENABLING", "DISABLING", "DISABLED",
                        "ENABLED_BY_DEFAULT")
ACCOUNT_MAX_RESULTS = 50


def account_region_status(world):
    """Each region's opt status: with no enabled_regions in the
    scenario every region of the world is ENABLED_BY_DEFAULT; with
    them, the listed ones are ENABLED and the world's others DISABLED."""
    if world.enabled_regions is None:
        return {n: "ENABLED_BY_DEFAULT" for n in world.regions}
    out = {n: "DISABLED" for n in world.regions}
    out.update({n: "ENABLED" for n in world.enabled_regions})
    return out


def account_list_regions(world, body):
    """Account ListRegions (restJson1, POST /listRegions)."""
    try:
        req = json.loads(body.decode("utf-8")) if body else {}
    except (UnicodeDecodeError, ValueError):
        raise AwsError(400, "SerializationException", "Malformed JSON",
                       "coral")
    if not isinstance(req, dict):
        raise AwsError(400, "SerializationException", "Expected an object",
                       "coral")
    mr = req.get("MaxResults")
    if mr is not None and (not isinstance(mr, int) or isinstance(mr, bool)
                           or mr < 1 or mr > ACCOUNT_MAX_RESULTS):
        raise AwsError(400, "ValidationException", "MaxResults must be "
                       "1 to %d" % ACCOUNT_MAX_RESULTS)
    want = req.get("RegionOptStatusContains")
    if want is not None and (not isinstance(want, list) or any(
            w not in ACCOUNT_OPT_STATUSES for w in want)):
        raise AwsError(400, "ValidationException", "Invalid "
                       "RegionOptStatusContains")
    off = 0
    tok = req.get("NextToken")
    if tok is not None:
        off = read_token("ListRegions", tok)
        if off is None:
            raise AwsError(400, "ValidationException", "Invalid NextToken")
    rows = [{"RegionName": n, "RegionOptStatus": st}
            for n, st in sorted(account_region_status(world).items())
            if not want or st in want]
    n = mr or ACCOUNT_MAX_RESULTS
    out = {"Regions": rows[off:off + n]}
    if off + n < len(rows):
        out["NextToken"] = make_token("ListRegions", off + n)
    return Resp(200, _json_bytes(out), "application/json")


# ---------------------------------------------------------------- bedrock

def model_arn(region, model_id):
    return "arn:aws:bedrock:%s::foundation-model/%s" % (region, model_id)


def model_summary(region, m):
    life = {"status": m["lifecycle"]}
    for k in scenario_mod.LIFECYCLE_DATES:
        if m.get(k):
            life[k] = m[k]
    return {
        "modelArn": model_arn(region, m["modelId"]),
        "modelId": m["modelId"],
        "modelName": m["modelName"],
        "providerName": m["providerName"],
        "inputModalities": m["inputModalities"],
        "outputModalities": m["outputModalities"],
        "responseStreamingSupported": m["streaming"],
        "customizationsSupported": m["customizations"],
        "inferenceTypesSupported": m["inferenceTypes"],
        "modelLifecycle": life,
    }


def profile_arn(region, account, p):
    kind = "application-inference-profile" if p["type"] == "APPLICATION" \
        else "inference-profile"
    return "arn:aws:bedrock:%s:%s:%s/%s" % (region, account, kind, p["id"])


def profile_summary(region, account, p):
    d = {"inferenceProfileName": p["name"]}
    if p.get("description"):
        d["description"] = p["description"]
    d.update({
        "createdAt": p["created"], "updatedAt": p["updated"],
        "inferenceProfileArn": profile_arn(region, account, p),
        "models": [{"modelArn": a} for a in p["models"]],
        "inferenceProfileId": p["id"], "status": p["status"],
        "type": p["type"]})
    return d


def bedrock_route(method, raw_path):
    """(operation, label) from the wire path; label percent-decoded."""
    parts = [s for s in raw_path.split("/") if s]
    if method == "GET":
        if parts == ["foundation-models"]:
            return "ListFoundationModels", None
        if parts == ["inference-profiles"]:
            return "ListInferenceProfiles", None
        if len(parts) == 2:
            label = urllib.parse.unquote(parts[1])
            if parts[0] == "foundation-models":
                return "GetFoundationModel", label
            if parts[0] == "foundation-model-availability":
                return "GetFoundationModelAvailability", label
            if parts[0] == "inference-profiles":
                return "GetInferenceProfile", label
    return "Unknown", None


def _enum_param(q, name, allowed):
    v = q.get(name)
    if v is not None and v not in allowed:
        raise _validation(name, v, "satisfy enum value set: [%s]" %
                          ", ".join(allowed))
    return v


def bedrock_list_models(world, reg, q):
    prov = q.get("byProvider")
    if prov is not None and not PROVIDER_RE.match(prov):
        raise _validation("byProvider", prov, "satisfy regular expression "
                          "pattern: [A-Za-z0-9- ]{1,63}")
    itype = _enum_param(q, "byInferenceType", ("ON_DEMAND", "PROVISIONED"))
    omod = _enum_param(q, "byOutputModality", ("TEXT", "IMAGE",
                                               "EMBEDDING"))
    cust = _enum_param(q, "byCustomizationType", (
        "FINE_TUNING", "CONTINUED_PRE_TRAINING", "DISTILLATION"))
    key = ("lfm", reg.name, prov and prov.lower(), itype, omod, cust)

    def build():
        out = []
        for m in reg.models:
            if prov is not None and m["providerName"].lower() != \
                    prov.lower():
                continue
            if itype is not None and itype not in m["inferenceTypes"]:
                continue
            if omod is not None and omod not in m["outputModalities"]:
                continue
            if cust is not None and cust not in m["customizations"]:
                continue
            out.append(model_summary(reg.name, m))
        return _json_bytes({"modelSummaries": out})
    return Resp(200, world.cached(key, build), "application/json")


def _check_model_id(mid):
    if len(mid) > 140 or not MODEL_ID_RE.match(mid):
        raise _validation("modelId", mid, "satisfy regular expression "
                          "pattern: [a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}"
                          "([a-z0-9-]{1,63}[.]){0,2}[a-z0-9-]{1,63}"
                          "([:][a-z0-9-]{1,63}){0,2}(/[a-z0-9]{12}|)")


def _find_model(reg, ident):
    mid = ident
    if ident.startswith("arn:"):
        mid = ident.rsplit("/", 1)[-1]
    m = reg.model_by_id.get(mid)
    if m is None:
        raise AwsError(404, "ResourceNotFoundException",
                       "The model %s was not found in region %s." % (
                           mid, reg.name))
    return m


def bedrock_get_model(world, reg, label):
    if not label.startswith("arn:"):
        _check_model_id(label)
    m = _find_model(reg, label)
    body = world.cached(("gfm", reg.name, m["modelId"]), lambda: _json_bytes(
        {"modelDetails": model_summary(reg.name, m)}))
    return Resp(200, body, "application/json")


def bedrock_availability(world, reg, label):
    _check_model_id(label)
    m = _find_model(reg, label)

    def build():
        agr = {"status": m["agreementStatus"]}
        if m.get("agreementErrorMessage") is not None:
            agr["errorMessage"] = m["agreementErrorMessage"]
        return _json_bytes({
            "modelId": m["modelId"],
            "agreementAvailability": agr,
            "authorizationStatus": m["authorizationStatus"],
            "entitlementAvailability": m["entitlementAvailability"],
            "regionAvailability": m["regionAvailability"]})
    return Resp(200, world.cached(("gfma", reg.name, m["modelId"]), build),
                "application/json")


def _int_param(q, name, lo, hi):
    v = q.get(name)
    if v is None:
        return None
    try:
        n = int(v)
    except ValueError:
        raise AwsError(400, "ValidationException", "Value '%s' at '%s' "
                       "could not be parsed as an integer" % (v, name),
                       "validate")
    if n < lo:
        raise _validation(name, v, "have value greater than or equal to %d"
                          % lo)
    if n > hi:
        raise _validation(name, v, "have value less than or equal to %d"
                          % hi)
    return n


def bedrock_list_profiles(world, reg, acct, q):
    maxr = _int_param(q, "maxResults", 1, 1000)
    ptype = _enum_param(q, "type", ("SYSTEM_DEFINED", "APPLICATION"))
    tok = q.get("nextToken")
    off = 0
    if tok is not None:
        off = read_token("lip", tok)
        if off is None:
            raise AwsError(400, "ValidationException",
                           "The provided pagination token is invalid.",
                           "model")
    size = min(maxr or world.page_size["profiles"],
               world.page_size["profiles"])
    key = ("lip", reg.name, acct.account, ptype, off, size)

    def build():
        items = [p for p in reg.profiles if ptype is None or
                 p["type"] == ptype]
        page = items[off:off + size]
        body = {"inferenceProfileSummaries": [
            profile_summary(reg.name, acct.account, p) for p in page]}
        if off + size < len(items):
            body["nextToken"] = make_token("lip", off + size)
        return _json_bytes(body)
    r = Resp(200, world.cached(key, build), "application/json")
    r.page = (off, tok)
    return r


def bedrock_get_profile(world, reg, acct, label):
    pid = label.rsplit("/", 1)[-1] if label.startswith("arn:") else label
    p = reg.profile_by_id.get(pid)
    if p is None:
        raise AwsError(404, "ResourceNotFoundException",
                       "Inference profile %s not found." % pid)
    body = world.cached(("gip", reg.name, acct.account, pid),
                        lambda: _json_bytes(profile_summary(
                            reg.name, acct.account, p)))
    return Resp(200, body, "application/json")


def bedrock_dispatch(world, reg, acct, op, label, raw_query):
    q = {}
    for k, v in sigv4.split_query(raw_query):
        q.setdefault(k, v)
    if op == "ListFoundationModels":
        return bedrock_list_models(world, reg, q)
    if op == "GetFoundationModel":
        return bedrock_get_model(world, reg, label)
    if op == "GetFoundationModelAvailability":
        return bedrock_availability(world, reg, label)
    if op == "ListInferenceProfiles":
        return bedrock_list_profiles(world, reg, acct, q)
    if op == "GetInferenceProfile":
        return bedrock_get_profile(world, reg, acct, label)
    raise AwsError(404, "UnknownOperationException",
                   "The requested operation is not supported by the "
                   "simulator.", "coral")


# ---------------------------------------------------------- servicequotas

def quota_obj(region, account, q, value, applied=False):
    """One ServiceQuota.  In the applied list a quota with an errorReason
    carries ErrorReason and no Value, as AWS sends it."""
    d = {"ServiceCode": "bedrock", "ServiceName": SERVICE_NAME,
         "QuotaArn": "arn:aws:servicequotas:%s:%s:bedrock/%s" % (
             region, account, q["code"]),
         "QuotaCode": q["code"], "QuotaName": q["name"]}
    err = q.get("errorReason") if applied else None
    if not err:
        d["Value"] = float(value)
    d.update({"Unit": q["unit"], "Adjustable": q["adjustable"],
              "GlobalQuota": q["global"]})
    per = q.get("period")
    if per:
        d["Period"] = {}
        if "value" in per:
            d["Period"]["PeriodValue"] = per["value"]
        if "unit" in per:
            d["Period"]["PeriodUnit"] = per["unit"]
    if err:
        d["ErrorReason"] = {"ErrorCode": err["code"]}
        if "message" in err:
            d["ErrorReason"]["ErrorMessage"] = err["message"]
    if q.get("level"):
        d["QuotaAppliedAtLevel"] = q["level"]
    ctx = q.get("context")
    if ctx:
        d["QuotaContext"] = {"ContextScope": ctx["scope"],
                             "ContextId": ctx["id"]}
        if ctx.get("scopeType"):
            d["QuotaContext"]["ContextScopeType"] = ctx["scopeType"]
    if q.get("description"):
        d["Description"] = q["description"]
    return d


def request_obj(region, acct, reg, r):
    q = reg.quota_by_code.get(r["quotaCode"])
    d = {"Id": r["id"]}
    if r.get("caseId"):
        d["CaseId"] = r["caseId"]
    if r.get("requestType"):
        d["RequestType"] = r["requestType"]
    d.update({
        "ServiceCode": "bedrock", "ServiceName": SERVICE_NAME,
        "QuotaCode": r["quotaCode"], "QuotaName": r["quotaName"]})
    if r.get("desiredValue") is not None:
        d["DesiredValue"] = float(r["desiredValue"])
    d.update({
        "Status": r["status"],
        "Created": float(r["created"]),
        "LastUpdated": float(r["lastUpdated"]),
        "Requester": r.get("requester") or json.dumps(
            {"accountId": acct.account, "callerArn": acct.arn},
            separators=(",", ":")),
        "QuotaArn": "arn:aws:servicequotas:%s:%s:bedrock/%s" % (
            region, acct.account, r["quotaCode"]),
        "GlobalQuota": bool(q and q["global"]),
        "Unit": q["unit"] if q else "None"})
    if r.get("requestedAtLevel"):
        d["QuotaRequestedAtLevel"] = r["requestedAtLevel"]
    return d


def _sq_service_code(req, required=True):
    sc = req.get("ServiceCode")
    if sc is None:
        if required:
            raise _validation("serviceCode", None, "not be null")
        return None
    if not isinstance(sc, str):
        raise AwsError(400, "SerializationException",
                       "ServiceCode must be a string", "coral")
    if sc != "bedrock":
        raise AwsError(400, "NoSuchResourceException",
                       "The request failed because the specified service "
                       "does not exist.")
    return sc


def _sq_quota_code(req):
    qc = req.get("QuotaCode")
    if qc is None:
        raise _validation("quotaCode", None, "not be null")
    if not isinstance(qc, str):
        raise AwsError(400, "SerializationException",
                       "QuotaCode must be a string", "coral")
    return qc


def _sq_paging(req, tag, page_size):
    mr = req.get("MaxResults")
    if mr is not None:
        if not isinstance(mr, int) or isinstance(mr, bool):
            raise AwsError(400, "SerializationException",
                           "MaxResults must be an integer", "coral")
        if mr < 1:
            raise _validation("maxResults", mr, "have value greater than "
                              "or equal to 1")
        if mr > 100:
            raise _validation("maxResults", mr, "have value less than or "
                              "equal to 100")
    tok = req.get("NextToken")
    off = 0
    if tok is not None:
        if not isinstance(tok, str) or not SQ_TOKEN_RE.match(tok):
            raise _validation("nextToken", tok, "satisfy regular "
                              "expression pattern: ^[a-zA-Z0-9/+]*={0,2}$")
        off = read_token(tag, tok)
        if off is None:
            raise AwsError(400, "InvalidPaginationTokenException",
                           "Invalid pagination token: the token is "
                           "expired or was not issued for this request.")
    return off, min(mr or page_size, page_size), tok


def _sq_page(world, reg, acct, op, tag, req, items_fn, obj_fn, list_key,
             filt):
    off, size, tok = _sq_paging(req, tag, world.page_size[
        "requests" if list_key == "RequestedQuotas" else "quotas"])
    key = (tag, reg.name, acct.account, filt, off, size)

    def build():
        items = items_fn()
        body = {}
        if off + size < len(items):
            body["NextToken"] = make_token(tag, off + size)
        body[list_key] = [obj_fn(x) for x in items[off:off + size]]
        return _json_bytes(body)
    r = Resp(200, world.cached(key, build), "application/x-amz-json-1.1")
    r.page = (off, tok)
    return r


def _level_matches(q, level):
    """The QuotaAppliedAtLevel filter: ACCOUNT lists account-level rows,
    RESOURCE resource-level ones, ALL every row.  Without a filter every
    row is listed too: real replies to the collector's unfiltered call
    have carried one code at both levels (issue #11)."""
    if level is None or level == "ALL":
        return True
    return (q["level"] == "RESOURCE") == (level == "RESOURCE")


def sq_dispatch(world, reg, acct, op, body):
    if body.strip():
        try:
            req = json.loads(body)
        except ValueError:
            raise AwsError(400, "SerializationException",
                           "Start of structure or map found where not "
                           "expected.", "coral")
        if not isinstance(req, dict):
            raise AwsError(400, "SerializationException",
                           "Expected a JSON object", "coral")
    else:
        req = {}
    rn, an = reg.name, acct.account
    if op in ("ListServiceQuotas", "ListAWSDefaultServiceQuotas"):
        _sq_service_code(req)
        qc = req.get("QuotaCode")
        level = req.get("QuotaAppliedAtLevel")
        if level is not None and level not in ("ACCOUNT", "RESOURCE", "ALL"):
            raise _validation("quotaAppliedAtLevel", level, "satisfy enum "
                              "value set: [ACCOUNT, RESOURCE, ALL]")
        applied = op == "ListServiceQuotas"
        src = reg.applied if applied else reg.defaults
        field = "applied" if applied else "default"

        def items():
            return [q for q in src if (qc is None or q["code"] == qc) and
                    _level_matches(q, level)]
        return _sq_page(world, reg, acct, op, PAGINATED[op][1], req, items,
                        lambda q: quota_obj(rn, an, q, q[field], applied),
                        "Quotas", (qc if applied else None, level))
    if op in ("GetServiceQuota", "GetAWSDefaultServiceQuota"):
        _sq_service_code(req)
        qc = _sq_quota_code(req)
        q = reg.quota_by_code.get(qc)
        field = "applied" if op == "GetServiceQuota" else "default"
        if q is None or q[field] is None:
            raise AwsError(400, "NoSuchResourceException",
                           "The request failed because the specified quota "
                           "does not exist.")
        body = world.cached((op, rn, an, qc), lambda: _json_bytes(
            {"Quota": quota_obj(rn, an, q, q[field],
                                op == "GetServiceQuota")}))
        return Resp(200, body, "application/x-amz-json-1.1")
    if op in ("ListRequestedServiceQuotaChangeHistory",
              "ListRequestedServiceQuotaChangeHistoryByQuota"):
        by_quota = op.endswith("ByQuota")
        _sq_service_code(req, required=by_quota)
        qc = _sq_quota_code(req) if by_quota else None
        st = req.get("Status")
        if st is not None and st not in scenario_mod.REQUEST_STATUSES:
            raise _validation("status", st, "satisfy enum value set: [%s]"
                              % ", ".join(scenario_mod.REQUEST_STATUSES))

        def items():
            return [r for r in reg.requests
                    if (st is None or r["status"] == st) and
                    (qc is None or r["quotaCode"] == qc)]
        return _sq_page(world, reg, acct, op, PAGINATED[op][1], req, items,
                        lambda r: request_obj(rn, acct, reg, r),
                        "RequestedQuotas", (st, qc))
    raise AwsError(400, "UnknownOperationException", "", "coral")


# -------------------------------------------------------------------- sts

def sts_identity(acct, rid, accept):
    if accept and "application/json" in accept:
        return Resp(200, _json_bytes({"GetCallerIdentityResponse": {
            "GetCallerIdentityResult": {
                "Account": acct.account, "Arn": acct.arn,
                "UserId": acct.user_id},
            "ResponseMetadata": {"RequestId": rid}}}), "application/json")
    body = ('<GetCallerIdentityResponse xmlns="%s">\n'
            '  <GetCallerIdentityResult>\n'
            '    <Arn>%s</Arn>\n    <UserId>%s</UserId>\n'
            '    <Account>%s</Account>\n'
            '  </GetCallerIdentityResult>\n'
            '  <ResponseMetadata>\n    <RequestId>%s</RequestId>\n'
            '  </ResponseMetadata>\n</GetCallerIdentityResponse>\n' % (
                STS_NS, xml_escape(acct.arn), xml_escape(acct.user_id),
                xml_escape(acct.account), rid))
    return Resp(200, body.encode("utf-8"), "text/xml")


def sts_action(method, raw_query, body):
    pairs = sigv4.split_query(raw_query)
    if method == "POST" and body:
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            text = ""
        pairs += urllib.parse.parse_qsl(text, keep_blank_values=True)
    for k, v in pairs:
        if k == "Action":
            return v or "Unknown"
    return "Unknown"


# ------------------------------------- sts / sso: temporary credentials
# The roles, tokens and issued credentials live in identity.py; these
# are the server's hooks into it.

def sts_assume(sim, acct, op, raw_query, body):
    """AssumeRole (signed, "acct" is the caller) or
    AssumeRoleWithWebIdentity (acct None or ignored)."""
    try:
        if op == "AssumeRole":
            data = sim.identity.assume_role(acct, raw_query, body,
                                            sim.now())
        else:
            data = sim.identity.assume_role_web(raw_query, body, sim.now())
    except identity_mod.StsError as e:
        raise AwsError(e.status, e.code, e.message, "sts") from None
    return Resp(200, data, "text/xml")


def identity_unsigned(sim, method, raw_path, raw_query, body, headers,
                      rid, info):
    """The calls AWS serves without a signature: the SSO portal's
    GetRoleCredentials and STS AssumeRoleWithWebIdentity.  A Resp, or
    None for any other request."""
    if raw_path == "/federation/credentials" and method == "GET":
        info["service"], info["op"] = "sso", "GetRoleCredentials"
        try:
            return Resp(200, sim.identity.sso_credentials(
                raw_query, headers.get("x-amz-sso_bearer_token"),
                sim.now()), "application/json")
        except identity_mod.StsError as e:
            r = Resp(e.status, _json_bytes({"message": e.message}),
                     "application/json", [("x-amzn-ErrorType", e.code)])
            r.code = e.code
            return r
    op = sts_action(method, raw_query, body)
    if op != "AssumeRoleWithWebIdentity":
        return None
    info["service"], info["op"] = "sts", op
    try:
        return sts_assume(sim, None, op, raw_query, body)
    except AwsError as e:
        return error_resp("sts", e, rid)


# ------------------------------------------------------- fault transforms

def _flip_types(v):
    """Same JSON shape, every scalar of the wrong type."""
    if isinstance(v, dict):
        return {k: _flip_types(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_flip_types(x) for x in v]
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, str):
        return len(v)
    return v


def transform(sim, service, op, kind, rule, resp):
    """Rewrite a 200 reply for a transform fault (in place)."""
    if kind == "truncated":
        resp.action = "truncate"
    elif kind == "huge":
        resp.action = "huge"
        resp.param = int((rule.param if rule.param is not None else
                          HUGE_DEFAULT_MB) * 1024 * 1024)
    elif kind == "malformed":
        half = resp.body[:max(1, len(resp.body) // 2)]
        resp.body = half + (b"\x00<<not json>>{\"" if service != "sts"
                            else b"\x00<<not xml</")
    elif kind == "wrongtypes":
        if service == "sts":
            resp.body = re.sub(rb"<Account>[^<]*</Account>",
                               b"<Account><Id>12</Id></Account>", resp.body)
            resp.body = re.sub(rb"<Arn>[^<]*</Arn>", b"<Arn></Arn>",
                               resp.body)
        else:
            resp.body = _json_bytes(_flip_types(json.loads(resp.body)))
    elif kind in PAGE_FAULTS and resp.page is not None:
        key, tag = PAGINATED[op]
        off, req_tok = resp.page
        doc = json.loads(resp.body)
        if kind == "endless_token":
            doc[key] = make_token(tag, off, sim.next_nonce())
        else:
            doc[key] = req_tok or doc.get(key) or make_token(tag, off)
        resp.body = _json_bytes(doc)


def fault_resp(service, kind, rid):
    if kind == "throttle":
        if service == "servicequotas":
            err = AwsError(400, "TooManyRequestsException", "Rate exceeded")
        else:
            err = AwsError(429 if service == "bedrock" else 400,
                           "ThrottlingException", "Too many requests, "
                           "please wait before trying again.")
    elif kind == "throttle400":
        err = AwsError(400, "ThrottlingException", "Rate exceeded",
                       "availability")
    elif kind == "error500":
        err = AwsError(500, "ServiceException" if service == "servicequotas"
                       else "InternalServerException",
                       "An internal error occurred. Try again.")
    elif kind == "error503":
        err = AwsError(503, "ServiceUnavailableException",
                       "The service is unavailable. Try again later.",
                       "coral" if service == "servicequotas" else "model")
    elif kind == "access_denied":
        # What an IAM policy without the action gets (not retryable).
        err = AwsError(403, "AccessDeniedException", "User is not "
                       "authorized to perform this action: no "
                       "identity-based policy allows it")
    else:  # expired_token
        err = AwsError(403, "ExpiredTokenException", MSG_EXPIRED_TOKEN,
                       "coral")
    return error_resp(service, err, rid)


# -------------------------------------------------------------- handler

class Headers:
    """Request headers: case-insensitive, repeats kept in order."""

    __slots__ = ("_d",)

    def __init__(self):
        self._d = {}

    def add(self, name, value):
        self._d.setdefault(name.lower(), []).append(value)

    def extend_last(self, name, more):
        vals = self._d[name.lower()]
        vals[-1] = vals[-1] + " " + more

    def get(self, name, default=None):
        v = self._d.get(name.lower())
        return v[0] if v else default

    def get_all(self, name, failobj=None):
        return self._d.get(name.lower(), failobj)

    def __contains__(self, name):
        return name.lower() in self._d


def _header_text(raw):
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "awssim"
    sys_version = ""
    disable_nagle_algorithm = True
    timeout = KEEPALIVE_IDLE_S

    def log_message(self, fmt, *args):  # no default stderr access log
        pass

    def _bad(self, status, reason):
        self.close_connection = True
        try:
            self.wfile.write(("HTTP/1.1 %d %s\r\nContent-Length: 0\r\n"
                              "Connection: close\r\n\r\n" % (
                                  status, reason)).encode("latin-1"))
        except OSError:
            pass

    def handle_one_request(self):
        """Read one request (a lean replacement for http.server's, which
        parses headers with the email package) and dispatch it."""
        try:
            line = self.rfile.readline(MAX_LINE_BYTES + 1)
        except (socket.timeout, ConnectionError):
            self.close_connection = True
            return
        if not line:
            self.close_connection = True
            return
        if len(line) > MAX_LINE_BYTES:
            self._bad(414, "URI Too Long")
            return
        parts = line.decode("latin-1").split()
        if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
            self._bad(400, "Bad Request")
            return
        self.raw_requestline = line
        self.command, self.path, self.request_version = parts
        headers = Headers()
        last = None
        for _ in range(MAX_HEADERS + 1):
            raw = self.rfile.readline(MAX_LINE_BYTES + 1)
            if len(raw) > MAX_LINE_BYTES:
                self._bad(431, "Request Header Fields Too Large")
                return
            if raw in (b"\r\n", b"\n", b""):
                break
            text = _header_text(raw).rstrip("\r\n")
            if text[:1] in (" ", "\t"):
                if last is None:
                    self._bad(400, "Bad Request")
                    return
                headers.extend_last(last, text.strip())
                continue
            name, sep, value = text.partition(":")
            if not sep or not name or name != name.strip():
                self._bad(400, "Bad Request")
                return
            headers.add(name, value.strip())
            last = name
        else:
            self._bad(431, "Request Header Fields Too Large")
            return
        self.headers = headers
        conn = (headers.get("Connection") or "").lower()
        if self.request_version == "HTTP/1.0":
            self.close_connection = "keep-alive" not in conn
        else:
            self.close_connection = "close" in conn
        if (headers.get("Expect") or "").lower() == "100-continue":
            self.wfile.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        method = getattr(self, "do_" + self.command, None)
        if method is None:
            self._bad(501, "Not Implemented")
            return
        method()

    def date_time_string(self, timestamp=None):
        return self.server.sim.http_date()

    def do_GET(self):
        self._handle("GET")

    def do_POST(self):
        self._handle("POST")

    def do_PUT(self):
        self._handle("PUT")

    def do_DELETE(self):
        self._handle("DELETE")

    def do_PATCH(self):
        self._handle("PATCH")

    # -- low level I/O

    def _read_body(self, limit):
        te = self.headers.get("Transfer-Encoding", "")
        if "chunked" in te.lower():
            out = bytearray()
            while True:
                line = self.rfile.readline(1024)
                try:
                    n = int(line.split(b";")[0].strip(), 16)
                except ValueError:
                    return None
                if n < 0:
                    return None
                if n == 0:
                    while self.rfile.readline(1024) not in (b"\r\n", b"\n",
                                                            b""):
                        pass
                    return bytes(out)
                if len(out) + n > limit:
                    return None
                out += self.rfile.read(n)
                self.rfile.readline(1024)
        cl = self.headers.get("Content-Length")
        if not cl:
            return b""
        try:
            n = int(cl)
        except ValueError:
            return None
        if n < 0 or n > limit:
            return None
        return self.rfile.read(n) if n else b""

    def _write(self, status, body, ctype, headers, rid, declared=None):
        h = ["HTTP/1.1 %d %s\r\n" % (status, REASONS.get(status, "Error")),
             "x-amzn-RequestId: %s\r\n" % rid,
             "Date: %s\r\n" % self.server.sim.http_date(),
             "Content-Type: %s\r\n" % ctype,
             "Content-Length: %d\r\n" % (len(body) if declared is None
                                         else declared)]
        for k, v in headers:
            h.append("%s: %s\r\n" % (k, v))
        if self.close_connection:
            h.append("Connection: close\r\n")
        h.append("\r\n")
        self.wfile.write("".join(h).encode("latin-1") + body)

    def _reset(self):
        """Close without a reply, with an RST (SO_LINGER 0)."""
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))
            self.connection.close()
        except OSError:
            pass

    def _write_huge(self, resp, rid):
        """A valid reply padded to resp.param bytes, written in chunks."""
        body = resp.body.rstrip()
        total = resp.param
        if service_is_xml(resp.ctype):
            prefix, suffix = body + b"\n<!-- ", b" -->\n"
        elif body.endswith(b"}") and body != b"{}":
            prefix, suffix = body[:-1] + b',"_padding":"', b'"}'
        else:
            prefix, suffix = b'{"_padding":"', b'"}'
        pad = max(0, total - len(prefix) - len(suffix))
        self.close_connection = True
        self._write(200, b"", resp.ctype, resp.headers, rid,
                    declared=len(prefix) + pad + len(suffix))
        chunk = b"a" * (1 << 20)
        self.wfile.write(prefix)
        while pad > 0:
            n = min(pad, len(chunk))
            self.wfile.write(chunk[:n] if n < len(chunk) else chunk)
            pad -= n
        self.wfile.write(suffix)

    # -- request processing

    def _handle(self, method):
        sim = self.server.sim
        t0 = time.monotonic()
        raw_path, _, raw_query = self.path.partition("?")
        if raw_path.startswith("/_sim/"):
            self._control(method, raw_path)
            return
        body = self._read_body(MAX_REQUEST_BODY_BYTES)
        rid = str(uuid.uuid4())
        if body is None:
            self.close_connection = True
            self._write(413, _json_bytes({"message": "Request body too "
                                          "large or malformed"}),
                        "application/json", [], rid)
            return
        if sim.latency_ms > 0:
            time.sleep(sim.latency_ms / 1000.0)
        info = {"service": "-", "op": "-", "region": "-", "akid": "-",
                "fault": None}
        try:
            resp = self._process(sim, method, raw_path, raw_query, body,
                                 rid, info)
        except Exception as e:  # a simulator bug: answer, don't hang
            sys.stderr.write("awssim: internal error: %r\n" % (e,))
            resp = error_resp(info["service"] if info["service"] in SERVICES
                              else "bedrock", AwsError(
                                  500, "InternalServerException",
                                  "simulator internal error"), rid)
        self._finish(sim, resp, rid, info, t0)

    def _finish(self, sim, resp, rid, info, t0):
        # Counted before the reply is written: a client that reads
        # /_sim/stats right after its answer must find its request there.
        status = resp.status if resp.action in (None, "truncate", "huge") \
            else 0
        nbytes = 0
        if resp.action is None:
            nbytes = len(resp.body)
        elif resp.action == "truncate":
            nbytes = len(resp.body) // 2
        elif resp.action == "huge":
            nbytes = resp.param
        sim.stats.record(info["service"], info["op"], info["region"],
                         status, resp.code, info["fault"], nbytes)
        try:
            if resp.action == "reset":
                self._reset()
            elif resp.action == "timeout":
                time.sleep(resp.param)
                self.close_connection = True
            elif resp.action == "truncate":
                self.close_connection = True
                self._write(resp.status, resp.body[:nbytes], resp.ctype,
                            resp.headers, rid, declared=len(resp.body))
            elif resp.action == "huge":
                self._write_huge(resp, rid)
            else:
                self._write(resp.status, resp.body, resp.ctype,
                            resp.headers, rid)
        except OSError:
            self.close_connection = True
        if sim.log_file is not None:
            sim.log("%s %s %s %s %s %s %d %s %s %.1fms" % (
                time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), rid,
                info["service"], info["op"], info["region"], info["akid"],
                status, resp.code or "-", info["fault"] or "-",
                (time.monotonic() - t0) * 1000.0))

    def _guess_service(self, raw_query, body):
        target = self.headers.get("X-Amz-Target")
        if target:
            if target.startswith(EVENTS_TARGET_PREFIX + "."):
                return "events"
            if target.startswith(CW_TARGET_PREFIX + "."):
                return "monitoring"
            if target.startswith(ORG_TARGET_PREFIX):
                return "organizations"
            return "servicequotas" if target.startswith(SQ_TARGET_PREFIX) \
                else "unknown"
        if body.startswith(b"Action=") or b"&Action=" in body or \
                "Action=" in raw_query:
            return "sts"
        return "bedrock"

    def _operation(self, service, method, raw_path, raw_query, body):
        if service == "bedrock":
            return bedrock_route(method, raw_path)
        if service == "servicequotas":
            target = self.headers.get("X-Amz-Target", "")
            prefix, _, op = target.partition(".")
            if method != "POST" or prefix != SQ_TARGET_PREFIX or \
                    op not in SQ_OPERATIONS:
                return "Unknown", None
            return op, None
        if service == "sts":
            return sts_action(method, raw_query, body), None
        if service == "organizations":
            target = self.headers.get("X-Amz-Target", "")
            prefix, _, op = target.partition(".")
            if method != "POST" or prefix != ORG_TARGET_PREFIX or \
                    op not in ORG_OPERATIONS:
                return "Unknown", None
            return op, None
        if service == "account":
            if method == "POST" and raw_path == "/listRegions":
                return "ListRegions", None
            return "Unknown", None
        if service == "sns":
            return sts_action(method, raw_query, body), None
        if service == "events":
            target = self.headers.get("X-Amz-Target", "")
            prefix, _, op = target.partition(".")
            if method != "POST" or prefix != EVENTS_TARGET_PREFIX or \
                    op != "PutEvents":
                return "Unknown", None
            return op, None
        if service == "monitoring":
            target = self.headers.get("X-Amz-Target", "")
            prefix, _, op = target.partition(".")
            if method != "POST" or prefix != CW_TARGET_PREFIX or \
                    op not in CW_OPERATIONS:
                return "Unknown", None
            return op, None
        return "Unknown", None

    def _process(self, sim, method, raw_path, raw_query, body, rid, info):
        world = sim.world
        hdr = self.headers.get("Authorization")
        auth = None
        auth_err = None
        try:
            if hdr:
                auth = sigv4.parse_authorization(hdr)
            elif "X-Amz-" in raw_query:
                auth = sigv4.parse_query_auth(sigv4.split_query(raw_query))
        except sigv4.SigError as e:
            auth_err = str(e)
        if auth is None and auth_err is None:
            r = identity_unsigned(sim, method, raw_path, raw_query, body,
                                  self.headers, rid, info)
            if r is not None:
                return r
        service = auth.service if auth else self._guess_service(raw_query,
                                                                body)
        info["service"] = service
        op, label = self._operation(service, method, raw_path, raw_query,
                                    body)
        info["op"] = op
        if auth:
            info["region"] = auth.region
            info["akid"] = auth.access_key
        reg = world.regions.get(auth.region) if auth else None
        if reg is not None and reg.down:
            r = Resp(0, b"", "")
            r.action = "reset"
            info["fault"] = "region_down"
            return r
        proto = service if service in SERVICES else "bedrock"
        authed = False
        try:
            if auth is None:
                if auth_err:
                    raise AwsError(400, "IncompleteSignatureException",
                                   auth_err, "coral")
                raise AwsError(403, "MissingAuthenticationTokenException",
                               "Missing Authentication Token", "coral")
            acct = self._verify(sim, world, auth, method, raw_path,
                                raw_query, body, reg)
            self._auth_region = auth.region
            authed = True
            # State follows the credentials' account (member_accounts).
            if reg is not None:
                world, reg = world.for_account(acct.account, auth.region)
            else:
                world = world.for_account(acct.account, None)[0]
            if service not in SERVICES:
                raise AwsError(400, "UnknownOperationException",
                               "Service %r is not simulated" % service,
                               "coral")
            resp = self._dispatch(world, reg, acct, service, op, label,
                                  method, raw_query, body, rid)
        except AwsError as e:
            resp = error_resp(proto, e, rid)
        if not authed:  # faults hit only requests AWS would have served
            return resp
        rule = sim.pick_fault(info["region"], op, resp.status)
        if rule is None:
            return resp
        info["fault"] = rule.kind
        if rule.kind == "reset":
            resp = Resp(0, b"", "")
            resp.action = "reset"
        elif rule.kind == "timeout":
            resp = Resp(0, b"", "")
            resp.action = "timeout"
            resp.param = rule.param if rule.param is not None else \
                TIMEOUT_DEFAULT_S
        elif rule.kind in TRANSFORM_FAULTS:
            transform(sim, service, op, rule.kind, rule, resp)
        else:
            resp = fault_resp(proto, rule.kind, rid)
        return resp

    def _dispatch(self, world, reg, acct, service, op, label, method,
                  raw_query, body, rid):
        if service == "sts":
            if op in ("AssumeRole", "AssumeRoleWithWebIdentity"):
                return sts_assume(self.server.sim, acct, op, raw_query,
                                  body)
            if op != "GetCallerIdentity":
                raise AwsError(400, "InvalidAction", "Could not find "
                               "operation %s for version 2011-06-15" % op)
            return sts_identity(acct, rid, self.headers.get("Accept"))
        if service == "bedrock":
            return bedrock_dispatch(world, reg, acct, op, label, raw_query)
        if service == "organizations":
            return org_dispatch(world, acct, op, body)
        if service == "account":
            if op != "ListRegions":
                raise AwsError(404, "UnknownOperationException", "",
                               "coral")
            return account_list_regions(world, body)
        if service == "sns":
            return sns_dispatch(self.server.sim, acct, self._auth_region,
                                op, body, rid)
        if service == "events":
            return events_dispatch(self.server.sim, acct, self._auth_region,
                                   op, body, self.headers.get(
                                       "Content-Type", ""))
        if service == "monitoring":
            return cw_dispatch(self.server.sim, reg, op, body, self.headers)
        if op == "Unknown":
            raise AwsError(400, "UnknownOperationException", "", "coral")
        return sq_dispatch(world, reg, acct, op, body)

    def _request_time(self, auth):
        if auth.presigned:
            return auth.amz_date
        d = self.headers.get("X-Amz-Date")
        if d:
            return d.strip()
        d = self.headers.get("Date")
        if d:
            try:
                return epoch_to_amz(parsedate_to_datetime(d).timestamp())
            except (TypeError, ValueError):
                return ""
        return None

    def _verify(self, sim, world, auth, method, raw_path, raw_query, body,
                reg):
        """Check the request's SigV4 like AWS; return the Account."""
        if auth.terminator != "aws4_request":
            raise AwsError(400, "IncompleteSignatureException",
                           "Credential should be scoped with a valid "
                           "terminator: 'aws4_request', not '%s'." %
                           auth.terminator, "coral")
        amz_date = self._request_time(auth)
        if amz_date is None:
            raise AwsError(400, "IncompleteSignatureException",
                           "Authorization header requires existence of "
                           "either a 'X-Amz-Date' or a 'Date' header.",
                           "coral")
        if "host" not in [h.lower() for h in auth.signed_headers]:
            raise AwsError(400, "IncompleteSignatureException",
                           "'Host' or ':authority' must be a 'SignedHeader'"
                           " in the AWS Authorization.", "coral")
        acct = world.accounts.get(auth.access_key) or \
            sim.identity.lookup(auth.access_key)
        # STS, the (global) Account and Organizations APIs answer in any
        # region, and so do SNS and EventBridge (the world's regions are
        # Bedrock's).
        if acct is None or (reg is None and auth.service not in (
                "sts", "account", "organizations", "sns", "events")):
            raise AwsError(403, "UnrecognizedClientException", MSG_BAD_TOKEN,
                           "coral")
        token = auth.security_token if auth.presigned else \
            self.headers.get("X-Amz-Security-Token")
        if (token or None) != acct.token:
            raise AwsError(403, "UnrecognizedClientException", MSG_BAD_TOKEN,
                           "coral")
        now = sim.now()
        if acct.expires is not None and now >= acct.expires:
            raise AwsError(403, "ExpiredTokenException", MSG_EXPIRED_TOKEN,
                           "coral")
        t = amz_date_to_epoch(amz_date)
        if t is None:
            raise AwsError(400, "IncompleteSignatureException",
                           "Date must be in ISO-8601 'basic format'. Got "
                           "'%s'." % amz_date[:40], "coral")
        if auth.date != amz_date[:8]:
            raise AwsError(403, "InvalidSignatureException",
                           "Date in Credential scope does not match YYYYMMDD "
                           "from ISO-8601 version of date from HTTP: '%s' != "
                           "'%s', from '%s'." % (auth.date, amz_date[:8],
                                                 amz_date), "coral")
        self._check_skew(t, amz_date, now, auth)
        pairs = sigv4.split_query(raw_query)
        ch, signed = sigv4.canonical_headers(auth.signed_headers,
                                             self._header_values)
        creq = sigv4.canonical_request(
            method, raw_path,
            sigv4.canonical_query(pairs, drop_signature=auth.presigned),
            ch, signed, hashlib.sha256(body).hexdigest())
        sts = sigv4.string_to_sign(amz_date, auth.scope, creq)
        key = sigv4.signing_key(acct.secret, auth.date, auth.region,
                                auth.service)
        if not sigv4.signatures_equal(sigv4.signature(key, sts),
                                      auth.signature):
            if sim.log_file is not None:
                red = creq if not token else creq.replace(token,
                                                          "<redacted>")
                sim.log("signature mismatch for %s; canonical request "
                        "(token redacted): %s" % (auth.access_key,
                                                  json.dumps(red)))
            raise AwsError(403, "InvalidSignatureException",
                           MSG_BAD_SIGNATURE, "coral")
        return acct

    def _check_skew(self, t, amz_date, now, auth):
        if auth.presigned and auth.expires:
            try:
                exp = int(auth.expires)
            except ValueError:
                exp = -1
            if exp < 1 or exp > 604800:
                raise AwsError(400, "IncompleteSignatureException",
                               "X-Amz-Expires must be 1..604800", "coral")
            if now > t + exp:
                raise AwsError(403, "InvalidSignatureException",
                               "Signature expired: %s is now earlier than %s"
                               % (amz_date, epoch_to_amz(now - exp)),
                               "coral")
        if t < now - SKEW_LIMIT_S:
            raise AwsError(403, "InvalidSignatureException",
                           "Signature expired: %s is now earlier than %s "
                           "(%s - 15 min.)" % (
                               amz_date, epoch_to_amz(now - SKEW_LIMIT_S),
                               epoch_to_amz(now)), "coral")
        if t > now + SKEW_LIMIT_S:
            raise AwsError(403, "InvalidSignatureException",
                           "Signature not yet current: %s is still later "
                           "than %s (%s + 15 min.)" % (
                               amz_date, epoch_to_amz(now + SKEW_LIMIT_S),
                               epoch_to_amz(now)), "coral")

    def _header_values(self, name):
        return self.headers.get_all(name) or []

    # -- control plane (/_sim/)

    def _control(self, method, raw_path):
        sim = self.server.sim
        with sim.stats.lock:
            sim.stats.control += 1
        body = self._read_body(MAX_CONTROL_BODY_BYTES)
        rid = str(uuid.uuid4())
        if body is None:
            self.close_connection = True
            self._write(413, _json_bytes({"error": "body too large"}),
                        "application/json", [], rid)
            return
        status, out = 200, {"ok": True}
        try:
            status, out = self._control_op(sim, method, raw_path, body)
        except (ValueError, TypeError, scenario_mod.ScenarioError,
                scenario_mod.MutationError,
                identity_mod.IdentityError) as e:
            status, out = 400, {"error": str(e)}
        payload = out if isinstance(out, bytes) else _json_bytes(out)
        self._write(status, payload, "application/json", [], rid)

    def _control_op(self, sim, method, path, body):
        if path == "/_sim/stats" and method == "GET":
            return 200, sim.stats.snapshot()
        if path == "/_sim/reset-stats" and method == "POST":
            with sim.stats.lock:
                sim.stats.reset()
            return 200, {"ok": True}
        if path == "/_sim/health" and method == "GET":
            return 200, {"ok": True, "regions": len(sim.world.regions)}
        if path == "/_sim/scenario" and method == "GET":
            return 200, sim.world.raw
        if path == "/_sim/scenario" and method == "POST":
            sim.world = World(_load_json(body))
            return 200, {"ok": True, "regions": len(sim.world.regions)}
        if path == "/_sim/mutate" and method == "POST":
            doc = _load_json(body)
            steps = doc.get("mutations") if isinstance(doc, dict) else doc
            if not isinstance(steps, list) or not all(
                    isinstance(s, list) and s and isinstance(s[0], str)
                    for s in steps):
                raise ValueError("expected {\"mutations\": [[NAME, ARG...]"
                                 ", ...]}")
            raw = scenario_mod.apply_all(sim.world.raw,
                                         [(s[0], s[1:]) for s in steps])
            sim.world = World(raw)
            return 200, {"ok": True, "applied": len(steps)}
        if path == "/_sim/faults" and method == "GET":
            with sim.fault_lock:
                return 200, {"seed": sim.seed, "rules": [
                    r.to_json() for r in sim.rules]}
        if path == "/_sim/faults" and method == "POST":
            doc = _load_json(body)
            seed = doc.get("seed") if isinstance(doc, dict) else None
            sim.set_rules(parse_fault_doc(doc), seed)
            return 200, {"ok": True, "rules": len(sim.rules)}
        if path == "/_sim/config" and method == "POST":
            doc = _load_json(body)
            if not isinstance(doc, dict) or set(doc) - {"latency_ms",
                                                        "clock_offset"}:
                raise ValueError("config takes latency_ms, clock_offset")
            if "latency_ms" in doc:
                sim.latency_ms = max(0.0, float(doc["latency_ms"]))
            if "clock_offset" in doc:
                sim.clock_offset = float(doc["clock_offset"])
            return 200, {"ok": True, "latency_ms": sim.latency_ms,
                         "clock_offset": sim.clock_offset}
        if path == "/_sim/issued" and method == "GET":
            return 200, sim.identity.issued_list()
        if path == "/_sim/identity" and method == "GET":
            return 200, sim.identity.raw
        if path == "/_sim/identity" and method == "POST":
            sim.identity.replace(_load_json(body))
            return 200, {"ok": True, "roles": len(sim.identity.doc["roles"])}
        if path == "/_sim/notifications" and method == "GET":
            with sim.notify_lock:
                return 200, list(sim.notifications)
        if path == "/_sim/notifications" and method == "POST":
            doc = _load_json(body)
            if not isinstance(doc, dict) or set(doc) - {"event_buses",
                                                        "clear"}:
                raise ValueError("notifications takes event_buses, clear")
            with sim.notify_lock:
                if "event_buses" in doc:
                    b = doc["event_buses"]
                    if b is not None and not (isinstance(b, list) and all(
                            isinstance(x, str) for x in b)):
                        raise ValueError("event_buses: a list of names or "
                                         "null")
                    sim.event_buses = b
                if doc.get("clear"):
                    sim.notifications = []
            return 200, {"ok": True}
        if path == "/_sim/config" and method == "GET":
            return 200, {"latency_ms": sim.latency_ms,
                         "clock_offset": sim.clock_offset}
        return 404, {"error": "unknown control endpoint %s %s" % (method,
                                                                  path)}


def service_is_xml(ctype):
    return "xml" in ctype


def _load_json(body):
    try:
        return json.loads(body.decode("utf-8") if body else "null")
    except (ValueError, UnicodeDecodeError) as e:
        raise ValueError("body is not valid JSON: %s" % e)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, addr, sim):
        self.sim = sim
        ThreadingHTTPServer.__init__(self, addr, Handler)

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, socket.timeout)):
            return
        ThreadingHTTPServer.handle_error(self, request, client_address)


# ------------------------------------------------------------------ main

def start(scenario, port=0, seed=0, rules=(), latency_ms=0.0,
          clock_offset=0.0, log=None, quiet=True, identity=None):
    """Start a server in a background thread (for tests and tools).
    scenario: dict or path; identity: an identity document (roles, web
    identity tokens, SSO) or None.  Returns the Server; its port is
    server.server_address[1]; stop with stop(server)."""
    raw = scenario if isinstance(scenario, dict) else \
        scenario_mod.load(scenario)
    sim = Simulator(World(raw), seed, rules, latency_ms, clock_offset, log,
                    quiet, identity)
    srv = Server(("127.0.0.1", port), sim)
    th = threading.Thread(target=srv.serve_forever, kwargs={
        "poll_interval": 0.05}, daemon=True)
    th.start()
    srv.thread = th
    return srv


def stop(srv):
    srv.shutdown()
    srv.server_close()


def _write_port_file(path, port):
    d = os.path.dirname(os.path.abspath(path))
    tmp = os.path.join(d, ".%s.%d.tmp" % (os.path.basename(path),
                                          os.getpid()))
    with open(tmp, "w") as f:
        f.write("%d\n" % port)
    os.replace(tmp, path)


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(
        prog="awssim.py",
        description="Local simulator of the AWS Bedrock, Service Quotas and "
        "STS endpoints (SigV4-verified) for bedrock-audit.")
    ap.add_argument("--scenario", default=os.path.join(
        here, "scenarios", "default.json"), help="scenario JSON file "
        "(default: sim/scenarios/default.json)")
    ap.add_argument("--port", type=int, default=0, help="TCP port on "
                    "127.0.0.1 (0 = pick a free one)")
    ap.add_argument("--port-file", help="write the port here once "
                    "listening (atomically)")
    ap.add_argument("--seed", type=int, default=0, help="fault RNG seed")
    ap.add_argument("--fault", action="append", default=[],
                    metavar="KIND[=PARAM]:RATE[:REGION[:OPERATION]]",
                    help="add a fault rule (repeatable); kinds: " +
                    ", ".join(FAULT_KINDS))
    ap.add_argument("--faults", metavar="FILE", help="fault rules JSON")
    ap.add_argument("--latency-ms", type=float, default=0.0,
                    help="sleep this long before answering each request")
    ap.add_argument("--clock-offset", type=float, default=0.0,
                    metavar="S", help="server clock = real clock + S seconds")
    ap.add_argument("--identity", metavar="FILE", help="roles, web "
                    "identity tokens and SSO tokens (JSON; see README)")
    ap.add_argument("--log", metavar="FILE", help="one line per request")
    ap.add_argument("--quiet", action="store_true",
                    help="no start-up message on stderr")
    args = ap.parse_args(argv)
    try:
        raw = scenario_mod.load(args.scenario)
        rules = [parse_fault_spec(s) for s in args.fault]
        if args.faults:
            with open(args.faults, encoding="utf-8") as f:
                rules += parse_fault_doc(json.load(f))
        ident = None
        if args.identity:
            with open(args.identity, encoding="utf-8") as f:
                ident = json.load(f)
            identity_mod.check(ident)
    except (OSError, ValueError, scenario_mod.ScenarioError) as e:
        sys.stderr.write("awssim: %s\n" % e)
        return 2
    log = open(args.log, "a", encoding="utf-8") if args.log else None
    sim = Simulator(World(raw), args.seed, rules, args.latency_ms,
                    args.clock_offset, log, args.quiet, ident)
    try:
        srv = Server(("127.0.0.1", args.port), sim)
    except OSError as e:
        sys.stderr.write("awssim: cannot listen on 127.0.0.1:%d: %s\n" % (
            args.port, e))
        return 2
    port = srv.server_address[1]
    stopping = threading.Event()

    def on_signal(signum, frame):
        stopping.set()
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    th = threading.Thread(target=srv.serve_forever, kwargs={
        "poll_interval": 0.1}, daemon=True)
    th.start()
    if args.port_file:
        _write_port_file(args.port_file, port)
    if not args.quiet:
        sys.stderr.write("awssim: listening on 127.0.0.1:%d (%d regions, "
                         "%d fault rules)\n" % (port, len(sim.world.regions),
                                                len(rules)))
    while not stopping.wait(0.5):
        pass
    srv.shutdown()
    srv.server_close()
    if log is not None:
        log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
