"""identity: the simulator's temporary-credential side.

STS AssumeRole (called signed: the caller is the verified key),
AssumeRoleWithWebIdentity (unsigned; the token is checked against the
configured ones) and the IAM Identity Center portal's GetRoleCredentials
(GET /federation/credentials with an x-amz-sso_bearer_token header).
Each success issues temporary credentials (ASIA... key, secret, session
token, expiry) that the server then accepts for SigV4 like the
scenario's own keys, and GetCallerIdentity answers with the assumed-role
ARN and the role's account.

Which roles exist and who may assume them is an "identity" document
(README.md, "Identity"), kept apart from the scenario: --identity FILE,
POST /_sim/identity, or start(..., identity=doc).

Python 3 standard library only.
"""

import json
import re
import secrets
import string
import threading
import time
import urllib.parse
from xml.sax.saxutils import escape as xml_escape

STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/"
DEFAULT_DURATION_S = 3600
CHAIN_LIMIT_S = 3600             # role chaining caps a session at 1 hour
MAX_ISSUED = 100000              # forget the oldest beyond this
ROLE_ARN_RE = re.compile(r"^arn:aws[a-z-]*:iam::(\d{12}):role/(?:.*/)?"
                         r"([\w+=,.@-]{1,64})$")
SESSION_RE = re.compile(r"^[\w+=,.@-]{2,64}$")
EXTERNAL_ID_RE = re.compile(r"^[\w+=,.@:/-]{2,1224}$")
ACCOUNT_RE = re.compile(r"^\d{12}$")
ROLE_KEYS = {"trusted", "external_id", "web_identity_tokens",
             "expired_web_identity_tokens", "max_duration"}
TOP_KEYS = {"roles", "sso", "duration"}
SSO_KEYS = {"access_tokens", "expired_access_tokens", "assignments"}


class IdentityError(ValueError):
    """A bad identity document."""


class StsError(Exception):
    """An STS or SSO error reply: status, code (as AWS spells it)."""

    def __init__(self, status, code, message):
        Exception.__init__(self, code)
        self.status = status
        self.code = code
        self.message = message


class Issued:
    """Temporary credentials, shaped like awssim.Account."""
    __slots__ = ("akid", "secret", "token", "expires", "account", "arn",
                 "user_id", "principal", "chained")


def _str_list(doc, key, where):
    v = doc.get(key, [])
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise IdentityError("%s.%s: must be a list of strings" % (where, key))
    return list(v)


def check(doc):
    """Validate an identity document; return it normalized."""
    if doc is None:
        doc = {}
    if not isinstance(doc, dict):
        raise IdentityError("identity: must be a JSON object")
    extra = set(k for k in doc if not k.startswith("_")) - TOP_KEYS
    if extra:
        raise IdentityError("identity: unknown keys %s" % sorted(extra))
    out = {"roles": {}, "sso": {}, "duration": doc.get(
        "duration", DEFAULT_DURATION_S)}
    if not isinstance(out["duration"], int) or out["duration"] < 1:
        raise IdentityError("identity.duration: a positive integer")
    roles = doc.get("roles", {})
    if not isinstance(roles, dict):
        raise IdentityError("identity.roles: an object keyed by role ARN")
    for arn, r in roles.items():
        where = "identity.roles[%s]" % arn
        if not ROLE_ARN_RE.match(arn):
            raise IdentityError("%s: not a role ARN" % where)
        if not isinstance(r, dict) or set(k for k in r if not
                                           k.startswith("_")) - ROLE_KEYS:
            raise IdentityError("%s: keys are %s" % (where, sorted(
                ROLE_KEYS)))
        ext = r.get("external_id")
        if ext is not None and not isinstance(ext, str):
            raise IdentityError("%s.external_id: a string or null" % where)
        maxd = r.get("max_duration", 43200)
        if not isinstance(maxd, int) or not 900 <= maxd <= 43200:
            raise IdentityError("%s.max_duration: 900..43200" % where)
        out["roles"][arn] = {
            "trusted": _str_list(r, "trusted", where),
            "external_id": ext, "max_duration": maxd,
            "web_identity_tokens": _str_list(r, "web_identity_tokens",
                                             where),
            "expired_web_identity_tokens": _str_list(
                r, "expired_web_identity_tokens", where)}
    sso = doc.get("sso", {})
    if not isinstance(sso, dict) or set(sso) - SSO_KEYS:
        raise IdentityError("identity.sso: keys are %s" % sorted(SSO_KEYS))
    assignments = sso.get("assignments", [])
    if not isinstance(assignments, list) or not all(
            isinstance(a, dict) and ACCOUNT_RE.match(str(a.get(
                "account_id", ""))) and isinstance(a.get("role_name"), str)
            for a in assignments):
        raise IdentityError("identity.sso.assignments: a list of "
                            "{account_id (12 digits), role_name}")
    out["sso"] = {
        "access_tokens": _str_list(sso, "access_tokens", "identity.sso"),
        "expired_access_tokens": _str_list(sso, "expired_access_tokens",
                                           "identity.sso"),
        "assignments": [(a["account_id"], a["role_name"])
                        for a in assignments]}
    return out


def _random(alphabet, n):
    return "".join(secrets.choice(alphabet) for _ in range(n))


def _params(raw_query, body):
    pairs = urllib.parse.parse_qsl(raw_query, keep_blank_values=True)
    try:
        pairs += urllib.parse.parse_qsl(body.decode("utf-8"),
                                        keep_blank_values=True)
    except UnicodeDecodeError:
        pass
    return dict(pairs)


def _iso(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def _validation(field, value, constraint):
    return StsError(400, "ValidationError",
                    "1 validation error detected: Value %s at '%s' failed "
                    "to satisfy constraint: Member must %s" % (
                        "null" if value is None else "'%s'" % value, field,
                        constraint))


class Identity:
    """The identity document in force and the credentials issued."""

    def __init__(self, doc=None):
        self.doc = check(doc)
        self.raw = doc if doc is not None else {}
        self.issued = {}
        self.lock = threading.Lock()

    def replace(self, doc):
        self.doc = check(doc)
        self.raw = doc

    def lookup(self, akid):
        """Issued credentials for access key "akid", or None."""
        with self.lock:
            return self.issued.get(akid)

    def issued_list(self):
        """Every credential issued so far (for tests that search their
        own output for these secrets)."""
        with self.lock:
            return [{"akid": c.akid, "secret": c.secret, "token": c.token,
                     "arn": c.arn, "expires": c.expires}
                    for c in self.issued.values()]

    def _issue(self, account, arn, user_id, principal, expires, chained):
        c = Issued()
        c.akid = "ASIA" + _random(string.ascii_uppercase + string.digits,
                                  16)
        c.secret = _random(string.ascii_letters + string.digits + "+/", 40)
        # Real session tokens are long and hold + / =: so do these.
        c.token = "IQoJb3JpZ2luX2Vj" + _random(
            string.ascii_letters + string.digits + "+/", 600) + "=="
        c.expires = expires
        c.account, c.arn, c.user_id = account, arn, user_id
        c.principal, c.chained = principal, chained
        with self.lock:
            if len(self.issued) >= MAX_ISSUED:
                self.issued.pop(next(iter(self.issued)))
            self.issued[c.akid] = c
        return c

    def _duration(self, p, role, chained):
        raw = p.get("DurationSeconds")
        if raw is None:
            d = min(self.doc["duration"], role["max_duration"])
        else:
            try:
                d = int(raw)
            except ValueError:
                raise _validation("durationSeconds", raw,
                                  "be an integer") from None
            if d < 900 or d > 43200:
                raise _validation("durationSeconds", raw, "have value "
                                  "between 900 and 43200")
            if d > role["max_duration"]:
                raise StsError(400, "ValidationError", "The requested "
                               "DurationSeconds exceeds the MaxSession"
                               "Duration set for this role.")
        if chained and d > CHAIN_LIMIT_S:
            if raw is not None:
                raise StsError(400, "ValidationError", "The requested "
                               "DurationSeconds exceeds the 1 hour session "
                               "limit for roles assumed by role chaining.")
            d = CHAIN_LIMIT_S
        return d

    def _role_params(self, p):
        arn = p.get("RoleArn")
        session = p.get("RoleSessionName")
        if arn is None:
            raise _validation("roleArn", None, "not be null")
        if session is None:
            raise _validation("roleSessionName", None, "not be null")
        if not SESSION_RE.match(session):
            raise _validation("roleSessionName", session, "satisfy regular "
                              "expression pattern: [\\w+=,.@-]*")
        return arn, session

    def _reply(self, op, c, session, extra=""):
        body = ('<%sResponse xmlns="%s">\n  <%sResult>\n%s'
                '    <AssumedRoleUser>\n      <AssumedRoleId>%s'
                '</AssumedRoleId>\n      <Arn>%s</Arn>\n'
                '    </AssumedRoleUser>\n    <Credentials>\n'
                '      <AccessKeyId>%s</AccessKeyId>\n'
                '      <SecretAccessKey>%s</SecretAccessKey>\n'
                '      <SessionToken>%s</SessionToken>\n'
                '      <Expiration>%s</Expiration>\n    </Credentials>\n'
                '  </%sResult>\n  <ResponseMetadata>\n    <RequestId>%s'
                '</RequestId>\n  </ResponseMetadata>\n</%sResponse>\n' % (
                    op, STS_NS, op, extra, xml_escape(c.user_id),
                    xml_escape(c.arn), c.akid, xml_escape(c.secret),
                    xml_escape(c.token), _iso(c.expires), op,
                    secrets.token_hex(16), op))
        return body.encode("utf-8")

    def _issue_role(self, arn, session, principal, duration, now,
                    chained):
        m = ROLE_ARN_RE.match(arn)
        account, name = m.group(1), m.group(2)
        role_id = "AROA" + _random(string.ascii_uppercase + string.digits,
                                   17)
        return self._issue(account, "arn:aws:sts::%s:assumed-role/%s/%s" % (
            account, name, session), "%s:%s" % (role_id, session), arn,
            now + duration, chained)

    def assume_role(self, caller, raw_query, body, now):
        """AssumeRole by verified "caller" (an Account or Issued).
        Returns the reply body; raises StsError."""
        p = _params(raw_query, body)
        arn, session = self._role_params(p)
        principal = getattr(caller, "principal", None) or caller.arn
        role = self.doc["roles"].get(arn)
        denied = StsError(403, "AccessDenied", "User: %s is not authorized "
                          "to perform: sts:AssumeRole on resource: %s" % (
                              caller.arn, arn))
        if role is None:
            raise denied
        root = "arn:aws:iam::%s:root" % caller.account
        if principal not in role["trusted"] and root not in role["trusted"]:
            raise denied
        ext = p.get("ExternalId")
        if ext is not None and not EXTERNAL_ID_RE.match(ext):
            raise _validation("externalId", ext, "satisfy regular "
                              "expression pattern: [\\w+=,.@:\\/-]*")
        if role["external_id"] is not None and ext != role["external_id"]:
            raise denied
        chained = isinstance(caller, Issued)
        duration = self._duration(p, role, chained)
        c = self._issue_role(arn, session, principal, duration, now,
                             chained)
        return self._reply("AssumeRole", c, session)

    def assume_role_web(self, raw_query, body, now):
        """AssumeRoleWithWebIdentity (unsigned).  Returns the reply
        body; raises StsError."""
        p = _params(raw_query, body)
        arn, session = self._role_params(p)
        token = p.get("WebIdentityToken")
        if token is None:
            raise _validation("webIdentityToken", None, "not be null")
        role = self.doc["roles"].get(arn)
        if role is not None and token in role[
                "expired_web_identity_tokens"]:
            raise StsError(400, "ExpiredTokenException", "Token expired: "
                           "current date/time %d must be before the "
                           "expiration date/time %d" % (now, now - 60))
        if role is None or token not in role["web_identity_tokens"]:
            known = any(token in r["web_identity_tokens"]
                        for r in self.doc["roles"].values())
            if known:
                raise StsError(403, "AccessDenied", "Not authorized to "
                               "perform sts:AssumeRoleWithWebIdentity")
            raise StsError(400, "InvalidIdentityToken", "The web identity "
                           "token that was passed could not be validated "
                           "by AWS. Get a new identity token from the "
                           "identity provider and then retry the request.")
        duration = self._duration(p, role, False)
        c = self._issue_role(arn, session, arn, duration, now, False)
        extra = ("    <SubjectFromWebIdentityToken>system:serviceaccount:"
                 "audit:bedrock-audit</SubjectFromWebIdentityToken>\n"
                 "    <Audience>sts.amazonaws.com</Audience>\n")
        return self._reply("AssumeRoleWithWebIdentity", c, session, extra)

    def sso_credentials(self, raw_query, bearer, now):
        """GetRoleCredentials: the JSON reply body; raises StsError."""
        q = dict(urllib.parse.parse_qsl(raw_query, keep_blank_values=True))
        sso = self.doc["sso"]
        if not bearer or bearer not in sso["access_tokens"]:
            raise StsError(401, "UnauthorizedException",
                           "Session token not found or invalid")
        account, role = q.get("account_id"), q.get("role_name")
        if not account or not role:
            raise StsError(400, "InvalidRequestException",
                           "account_id and role_name are required")
        if (account, role) not in sso["assignments"]:
            raise StsError(403, "ForbiddenException", "No access")
        name = "AWSReservedSSO_%s_%s" % (role, secrets.token_hex(8))
        c = self._issue(account, "arn:aws:sts::%s:assumed-role/%s/user" % (
            account, name), "AROA%s:user" % _random(
                string.ascii_uppercase + string.digits, 17),
            "arn:aws:iam::%s:role/aws-reserved/sso.amazonaws.com/%s" % (
                account, name), now + self.doc["duration"], False)
        return json.dumps({"roleCredentials": {
            "accessKeyId": c.akid, "secretAccessKey": c.secret,
            "sessionToken": c.token,
            "expiration": int(c.expires * 1000)}}).encode("utf-8")
