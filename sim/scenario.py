"""Scenario files for the AWS simulator: load, validate, normalize, mutate.

A scenario is the whole simulated AWS world: credentials, page sizes and,
per region, the Bedrock models (with their access state), the Service
Quotas rows, the inference profiles and the quota-increase requests.  The
format is documented in sim/README.md.

Public API:
    load(path)                 -> dict (validated, as written)
    loads(text)                -> dict (validated, as written)
    dump(scn, path)            write atomically ("-" = stdout)
    validate(scn)              -> list of error strings (empty when valid)
    check(scn)                 raise ScenarioError unless valid
    normalize(scn)             -> new dict with every optional field filled
    MUTATIONS                  name -> Mutation(func, min_args, max_args,
                               usage)
    apply(scn, name, args)     apply one mutation in place; raise MutationError
    apply_all(scn, steps)      deep copy, apply [(name, [args...])...], check
    parse_steps(argv)          ["revoke_access", "r", "m", "lower_default",
                               ...] -> [(name, args), ...]
"""

import copy
import hashlib
import json
import os
import re
import sys
import tempfile
import time

# Known enum values.  Validation accepts any upper-case token for enum
# fields (AWS adds values; clients must treat unknown ones as data), but
# the mutations only set known values.
LIFECYCLES = ("ACTIVE", "LEGACY")
INFERENCE_TYPES = ("ON_DEMAND", "PROVISIONED", "INFERENCE_PROFILE")
MODALITIES = ("TEXT", "IMAGE", "EMBEDDING")
CUSTOMIZATIONS = ("FINE_TUNING", "CONTINUED_PRE_TRAINING", "DISTILLATION")
AUTHORIZATION = ("AUTHORIZED", "NOT_AUTHORIZED")
AVAILABILITY = ("AVAILABLE", "NOT_AVAILABLE")
AGREEMENT = ("AVAILABLE", "PENDING", "NOT_AVAILABLE", "ERROR")
PROFILE_TYPES = ("SYSTEM_DEFINED", "APPLICATION")
REQUEST_STATUSES = ("PENDING", "CASE_OPENED", "APPROVED", "DENIED",
                    "CASE_CLOSED", "NOT_APPROVED", "INVALID_REQUEST")

DEFAULT_PAGE_SIZE = {"profiles": 1000, "quotas": 100, "requests": 100}
DEFAULT_PROFILE_TIME = "2024-08-27T20:00:00Z"
DEFAULT_REQUEST_TIME = 1735689600.0  # 2025-01-01T00:00:00Z

PROVIDERS = {
    "amazon": "Amazon", "anthropic": "Anthropic", "meta": "Meta",
    "mistral": "Mistral AI", "cohere": "Cohere", "ai21": "AI21 Labs",
    "deepseek": "DeepSeek", "qwen": "Qwen", "google": "Google",
    "nvidia": "NVIDIA", "openai": "OpenAI", "moonshot": "Moonshot AI",
    "minimax": "MiniMax", "stability": "Stability AI", "writer": "Writer",
    "twelvelabs": "TwelveLabs", "luma": "Luma AI",
}

_ENUM_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")
_REGION_RE = re.compile(r"^[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}$")
_CODE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9-]{1,127}$")
# The API model's modelId pattern (GetFoundationModelAvailability).
MODEL_ID_RE = re.compile(
    r"^[a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([a-z0-9-]{1,63}[.]){0,2}"
    r"[a-z0-9-]{1,63}([:][a-z0-9-]{1,63}){0,2}(/[a-z0-9]{12}|)$")
_ACCOUNT_RE = re.compile(r"^[0-9]{12}$")
_ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?"
                     r"(Z|[+-]\d{2}:\d{2})$")


class ScenarioError(Exception):
    """The scenario does not follow the documented format."""


class MutationError(Exception):
    """A mutation could not be applied (bad arguments, unknown subject)."""


# ---------------------------------------------------------------- schema

def _t_str(v):
    return isinstance(v, str) and v != ""


def _t_enum(v):
    return isinstance(v, str) and bool(_ENUM_RE.match(v))


def _t_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) \
        and v == v and v >= 0


def _t_num_or_null(v):
    return v is None or _t_num(v)


def _t_bool(v):
    return isinstance(v, bool)


def _t_enum_list(v):
    return isinstance(v, list) and all(_t_enum(x) for x in v)


def _t_str_list(v):
    return isinstance(v, list) and all(_t_str(x) for x in v)


def _t_iso(v):
    return isinstance(v, str) and bool(_ISO_RE.match(v))


def _t_iso_or_null(v):
    return v is None or _t_iso(v)


def _t_str_or_null(v):
    return v is None or isinstance(v, str)


def _t_error_reason(v):
    return isinstance(v, dict) and _t_enum(v.get("code")) and \
        isinstance(v.get("message", ""), str) and \
        set(v) <= {"code", "message"}


def _t_enum_or_null(v):
    return v is None or _t_enum(v)


def _t_period(v):
    return v is None or (
        isinstance(v, dict) and set(v) <= {"value", "unit"} and
        ("value" not in v or (isinstance(v["value"], int) and
                              not isinstance(v["value"], bool) and
                              0 <= v["value"] <= 2147483647)) and
        ("unit" not in v or _t_enum(v["unit"])))


def _t_context(v):
    return v is None or (
        isinstance(v, dict) and set(v) <= {"scope", "scopeType", "id"} and
        _t_enum(v.get("scope")) and _t_str(v.get("id")) and
        ("scopeType" not in v or _t_str(v["scopeType"])))


# What ListServiceQuotas' Period is derived from when a quota sets none.
_PERIOD_WORDS = (("per second", "SECOND"), ("per minute", "MINUTE"),
                 ("per hour", "HOUR"), ("per day", "DAY"))


def period_of_name(name):
    """{"value": 1, "unit": ...} for a "... per minute" name, else None."""
    lname = name.lower()
    for text, unit in _PERIOD_WORDS:
        if text in lname:
            return {"value": 1, "unit": unit}
    return None


def quota_key(q):
    """A quota's identity: (code, level, context id); one code may be
    listed at the account level and again per resource."""
    ctx = q.get("context") or {}
    return (q.get("code"), q.get("level") or "ACCOUNT", ctx.get("id", ""))


# field -> (type check, description, required, default)
ACCOUNT_FIELDS = {
    "secret": (_t_str, "string", True, None),
    "session_token": (_t_str_or_null, "string or null", False, None),
    "expires": (_t_iso_or_null, "ISO-8601 string or null", False, None),
    "account": (lambda v: isinstance(v, str) and bool(_ACCOUNT_RE.match(v)),
                "12-digit string", True, None),
    "arn": (_t_str, "string", True, None),
    "user_id": (_t_str, "string", True, None),
}
MODEL_FIELDS = {
    "modelId": (lambda v: isinstance(v, str) and len(v) <= 140 and
                bool(MODEL_ID_RE.match(v)),
                "model ID matching the API pattern (provider.name[:n])",
                True, None),
    "modelName": (_t_str, "string", False, None),
    "providerName": (_t_str, "string", False, None),
    "lifecycle": (_t_enum, "enum string", False, "ACTIVE"),
    "inferenceTypes": (_t_enum_list, "list of enum strings", False,
                       ["ON_DEMAND"]),
    "inputModalities": (_t_enum_list, "list of enum strings", False,
                        ["TEXT"]),
    "outputModalities": (_t_enum_list, "list of enum strings", False,
                         ["TEXT"]),
    "customizations": (_t_enum_list, "list of enum strings", False, []),
    "streaming": (_t_bool, "boolean", False, True),
    "authorizationStatus": (_t_enum, "enum string", False, "AUTHORIZED"),
    "entitlementAvailability": (_t_enum, "enum string", False, "AVAILABLE"),
    "agreementStatus": (_t_enum, "enum string", False, "AVAILABLE"),
    "agreementErrorMessage": (_t_str_or_null, "string or null", False, None),
    "regionAvailability": (_t_enum, "enum string", False, "AVAILABLE"),
    "startOfLifeTime": (_t_iso_or_null, "ISO-8601 string", False, None),
    "legacyTime": (_t_iso_or_null, "ISO-8601 string", False, None),
    "publicExtendedAccessTime": (_t_iso_or_null, "ISO-8601 string", False,
                                 None),
    "endOfLifeTime": (_t_iso_or_null, "ISO-8601 string", False, None),
}
QUOTA_FIELDS = {
    "code": (lambda v: isinstance(v, str) and bool(_CODE_RE.match(v)),
             "quota code like L-1234ABCD", True, None),
    "name": (_t_str, "string", True, None),
    "default": (_t_num_or_null, "number >= 0 or null", True, None),
    "applied": (_t_num_or_null, "number >= 0 or null", True, None),
    "unit": (_t_str, "string", False, "None"),
    "adjustable": (_t_bool, "boolean", False, True),
    "global": (_t_bool, "boolean", False, False),
    "description": (_t_str_or_null, "string or null", False, None),
    "errorReason": (lambda v: v is None or _t_error_reason(v),
                    "{code, message} or null", False, None),
    "level": (_t_enum_or_null, "enum string or null", False, "ACCOUNT"),
    "context": (_t_context, "{scope, scopeType, id} or null", False, None),
    "period": (_t_period, "{value, unit} or null", False, "auto"),
}
PROFILE_FIELDS = {
    "id": (_t_str, "string", True, None),
    "name": (_t_str, "string", False, None),
    "type": (_t_enum, "enum string", False, "SYSTEM_DEFINED"),
    "status": (_t_enum, "enum string", False, "ACTIVE"),
    "models": (lambda v: _t_str_list(v) and len(v) >= 1,
               "non-empty list of model ARNs", True, None),
    "description": (_t_str_or_null, "string or null", False, None),
    "created": (_t_iso, "ISO-8601 string", False, DEFAULT_PROFILE_TIME),
    "updated": (_t_iso, "ISO-8601 string", False, DEFAULT_PROFILE_TIME),
}
REQUEST_FIELDS = {
    "id": (_t_str, "string", True, None),
    "quotaCode": (lambda v: isinstance(v, str) and bool(_CODE_RE.match(v)),
                  "quota code", True, None),
    "quotaName": (_t_str, "string", False, None),
    "desiredValue": (_t_num_or_null, "number >= 0 or null", False, None),
    "status": (_t_enum, "enum string", True, None),
    "caseId": (_t_str_or_null, "string or null", False, None),
    "created": (_t_num, "epoch seconds", False, DEFAULT_REQUEST_TIME),
    "lastUpdated": (_t_num, "epoch seconds", False, DEFAULT_REQUEST_TIME),
    "requester": (_t_str_or_null, "string or null", False, None),
    "requestType": (_t_str_or_null, "string or null", False, None),
    "requestedAtLevel": (_t_enum_or_null, "enum string or null", False,
                         "ACCOUNT"),
}
REGION_KEYS = {"down", "models", "quotas", "profiles", "requests"}
TOP_KEYS = {"accounts", "page_size", "regions", "enabled_regions",
            "member_accounts", "organization"}


def _check_fields(obj, fields, where, errs):
    if not isinstance(obj, dict):
        errs.append("%s: must be an object" % where)
        return False
    for k in obj:
        if k not in fields and not k.startswith("_"):
            errs.append("%s: unknown field %r" % (where, k))
    for k, (check, desc, required, _dflt) in fields.items():
        if k not in obj:
            if required:
                errs.append("%s: missing field %r" % (where, k))
            continue
        if not check(obj[k]):
            errs.append("%s.%s: must be %s, got %r" % (where, k, desc,
                                                      obj[k]))
    return True


def _check_list(region, key, fields, idkey, where, errs, keyfn=None):
    items = region.get(key, [])
    if not isinstance(items, list):
        errs.append("%s.%s: must be a list" % (where, key))
        return
    seen = set()
    for i, item in enumerate(items):
        iw = "%s.%s[%d]" % (where, key, i)
        if _check_fields(item, fields, iw, errs):
            ident = item.get(idkey)
            if isinstance(ident, str):
                k = keyfn(item) if keyfn else ident
                if k in seen:
                    errs.append("%s: duplicate %s %r" % (iw, idkey, ident))
                seen.add(k)


def _check_members(members, errs):
    """member_accounts: {ACCOUNT: {"steps": [[MUTATION, ARG...], ...]}}:
    the state an account sees is the shared world with its steps applied
    (its access, applied values, requests; a reduced default)."""
    if not isinstance(members, dict):
        errs.append("member_accounts: must be an object keyed by account")
        return
    for acct, m in members.items():
        where = "member_accounts.%s" % acct
        if not _ACCOUNT_RE.match(str(acct)):
            errs.append("%s: not a 12-digit account ID" % where)
        if not isinstance(m, dict) or set(k for k in m if not
                                          k.startswith("_")) - {"steps"}:
            errs.append("%s: must be {\"steps\": [...]}" % where)
            continue
        steps = m.get("steps", [])
        if not isinstance(steps, list) or not all(
                isinstance(s, list) and s and all(isinstance(a, str)
                                                  for a in s)
                for s in steps):
            errs.append("%s.steps: a list of [MUTATION, ARG...]" % where)
            continue
        for s in steps:
            if s[0] not in MUTATIONS:
                errs.append("%s.steps: unknown mutation %r" % (where, s[0]))


ORG_KEYS = {"id", "management_account", "page_size", "empty_first_page",
            "roots", "accounts"}
ORG_ACCOUNT_KEYS = {"id", "name", "email", "status", "parent"}


def _check_org(org, errs):
    """organization: {management_account, accounts: [{id, status,
    parent, name, email}], roots, page_size, empty_first_page}: what
    Organizations ListAccounts(ForParent) answers the management
    account."""
    if not isinstance(org, dict) or set(k for k in org if not
                                        k.startswith("_")) - ORG_KEYS:
        errs.append("organization: keys are %s" % sorted(ORG_KEYS))
        return
    if not _ACCOUNT_RE.match(str(org.get("management_account", ""))):
        errs.append("organization.management_account: 12 digits")
    ps = org.get("page_size", 20)
    if not isinstance(ps, int) or isinstance(ps, bool) or not 1 <= ps <= 20:
        errs.append("organization.page_size: 1..20")
    accounts = org.get("accounts")
    if not isinstance(accounts, list):
        errs.append("organization.accounts: a list")
        return
    seen = set()
    for i, a in enumerate(accounts):
        where = "organization.accounts[%d]" % i
        if not isinstance(a, dict) or set(a) - ORG_ACCOUNT_KEYS or \
                not _ACCOUNT_RE.match(str(a.get("id", ""))):
            errs.append("%s: {id (12 digits), status, parent, name, "
                        "email}" % where)
            continue
        if a["id"] in seen:
            errs.append("%s: account %s twice" % (where, a["id"]))
        seen.add(a["id"])
        if not _ENUM_RE.match(str(a.get("status", "ACTIVE"))):
            errs.append("%s.status: an enumeration value" % where)


def member_scenario(scn, account):
    """The scenario account "account" sees: scn without member_accounts,
    with that account's steps applied (scn itself when it has none).
    Raises MutationError."""
    members = scn.get("member_accounts", {})
    base = {k: v for k, v in scn.items() if k != "member_accounts"}
    m = members.get(account)
    if m is None:
        return base
    return apply_all(base, [(s[0], s[1:]) for s in m.get("steps", [])])


def validate(scn):
    """Return the list of problems (strings); empty when valid."""
    errs = []
    if not isinstance(scn, dict):
        return ["scenario: must be a JSON object"]
    for k in scn:
        if k not in TOP_KEYS and not k.startswith("_"):
            errs.append("scenario: unknown field %r" % k)
    accounts = scn.get("accounts")
    if not isinstance(accounts, dict) or not accounts:
        errs.append("accounts: must be a non-empty object keyed by access "
                    "key ID")
    else:
        for akid, acct in accounts.items():
            if not re.match(r"^[A-Z0-9]{3,128}$", akid):
                errs.append("accounts: access key ID %r must be 3-128 "
                            "upper-case letters or digits" % akid)
            _check_fields(acct, ACCOUNT_FIELDS, "accounts.%s" % akid, errs)
    ps = scn.get("page_size", {})
    if not isinstance(ps, dict):
        errs.append("page_size: must be an object")
    else:
        for k, v in ps.items():
            if k not in DEFAULT_PAGE_SIZE:
                errs.append("page_size: unknown field %r" % k)
            elif not isinstance(v, int) or isinstance(v, bool) or v < 1:
                errs.append("page_size.%s: must be an integer >= 1" % k)
    enabled = scn.get("enabled_regions", [])
    if not isinstance(enabled, list) or not all(
            isinstance(n, str) and _REGION_RE.match(n) for n in enabled):
        errs.append("enabled_regions: must be a list of region names")
    elif len(set(enabled)) != len(enabled):
        errs.append("enabled_regions: a region is listed twice")
    _check_members(scn.get("member_accounts", {}), errs)
    if "organization" in scn:
        _check_org(scn["organization"], errs)
    regions = scn.get("regions")
    if not isinstance(regions, dict):
        errs.append("regions: must be an object keyed by region name")
        return errs
    for name, reg in regions.items():
        where = "regions.%s" % name
        if not _REGION_RE.match(name):
            errs.append("%s: not a region name like us-east-1" % where)
        if not isinstance(reg, dict):
            errs.append("%s: must be an object" % where)
            continue
        for k in reg:
            if k not in REGION_KEYS and not k.startswith("_"):
                errs.append("%s: unknown field %r" % (where, k))
        if "down" in reg and not isinstance(reg["down"], bool):
            errs.append("%s.down: must be a boolean" % where)
        _check_list(reg, "models", MODEL_FIELDS, "modelId", where, errs)
        _check_list(reg, "quotas", QUOTA_FIELDS, "code", where, errs,
                    quota_key)
        _check_list(reg, "profiles", PROFILE_FIELDS, "id", where, errs)
        _check_list(reg, "requests", REQUEST_FIELDS, "id", where, errs)
    return errs


def check(scn):
    errs = validate(scn)
    if errs:
        more = "" if len(errs) <= 20 else "\n... and %d more" % (
            len(errs) - 20)
        raise ScenarioError("invalid scenario:\n  " +
                            "\n  ".join(errs[:20]) + more)
    return scn


def loads(text):
    try:
        scn = json.loads(text)
    except ValueError as e:
        raise ScenarioError("scenario is not valid JSON: %s" % e)
    return check(scn)


def load(path):
    if path == "-":
        return loads(sys.stdin.read())
    with open(path, "r", encoding="utf-8") as f:
        return loads(f.read())


def dumps(scn):
    return json.dumps(scn, indent=1, ensure_ascii=False) + "\n"


def dump(scn, path):
    """Write the scenario; atomically (temp file + rename) unless "-"."""
    text = dumps(scn)
    if path == "-":
        sys.stdout.write(text)
        return
    d = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".scenario.", dir=d)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# ------------------------------------------------------------- normalize

def provider_for(model_id):
    prefix = model_id.split(".", 1)[0]
    return PROVIDERS.get(prefix, prefix[:1].upper() + prefix[1:])


def name_for(model_id):
    """A readable modelName (<= 20 characters) from a model ID."""
    base = model_id.split(".", 1)[-1].split(":")[0]
    base = re.sub(r"-v\d+$", "", base)
    base = re.sub(r"-\d{8}$", "", base)
    words = [w.upper() if len(w) <= 2 and not w.isdigit() else
             w[:1].upper() + w[1:] for w in base.split("-") if w]
    return " ".join(words)[:20].strip() or model_id[:20]


def _fill(obj, fields):
    out = {}
    for k, (_c, _d, _r, dflt) in fields.items():
        if k in obj:
            out[k] = copy.deepcopy(obj[k])
        else:
            out[k] = copy.deepcopy(dflt)
    return out


def normalize(scn):
    """A new scenario with every optional field present (the defaults
    documented in README.md).  Input must be valid."""
    out = {"accounts": {}, "page_size": dict(DEFAULT_PAGE_SIZE),
           "regions": {},
           # None: every region of the world is enabled (ListRegions)
           "enabled_regions": copy.deepcopy(scn.get("enabled_regions"))}
    for akid, acct in scn["accounts"].items():
        out["accounts"][akid] = _fill(acct, ACCOUNT_FIELDS)
    out["page_size"].update(scn.get("page_size", {}))
    for name, reg in scn["regions"].items():
        r = {"down": bool(reg.get("down", False)), "models": [],
             "quotas": [], "profiles": [], "requests": []}
        for m in reg.get("models", []):
            n = _fill(m, MODEL_FIELDS)
            if n["modelName"] is None:
                n["modelName"] = name_for(n["modelId"])
            if n["providerName"] is None:
                n["providerName"] = provider_for(n["modelId"])
            r["models"].append(n)
        qnames = {}
        for q in reg.get("quotas", []):
            n = _fill(q, QUOTA_FIELDS)
            if n["period"] == "auto":
                n["period"] = period_of_name(n["name"])
            qnames.setdefault(n["code"], n["name"])
            r["quotas"].append(n)
        for p in reg.get("profiles", []):
            n = _fill(p, PROFILE_FIELDS)
            if n["name"] is None:
                n["name"] = n["id"]
            r["profiles"].append(n)
        for q in reg.get("requests", []):
            n = _fill(q, REQUEST_FIELDS)
            if n["quotaName"] is None:
                n["quotaName"] = qnames.get(n["quotaCode"], n["quotaCode"])
            r["requests"].append(n)
        out["regions"][name] = r
    return out


# ------------------------------------------------------------- mutations

class Mutation:
    __slots__ = ("func", "min_args", "max_args", "usage")

    def __init__(self, func, min_args, max_args, usage):
        self.func = func
        self.min_args = min_args
        self.max_args = max_args
        self.usage = usage


MUTATIONS = {}


def _mutation(name, min_args, max_args, usage):
    def deco(func):
        MUTATIONS[name] = Mutation(func, min_args, max_args, usage)
        return func
    return deco


def _regions(scn, region):
    regs = scn.get("regions", {})
    if region == "*":
        return list(regs.items())
    if region not in regs:
        raise MutationError("unknown region %r" % region)
    return [(region, regs[region])]


def _each(scn, region, key, idkey, ident):
    """Yield (region name, item) for the subject; MutationError if none."""
    found = []
    for rname, reg in _regions(scn, region):
        for item in reg.get(key, []):
            if item.get(idkey) == ident:
                found.append((rname, item))
    if not found:
        raise MutationError("no %s %r in region %s" % (
            key[:-1], ident, region))
    return found


def _number(s, what):
    try:
        v = float(s)
    except (TypeError, ValueError):
        raise MutationError("%s must be a number, got %r" % (what, s))
    if v != v or v < 0 or v > 10e9:
        raise MutationError("%s out of range: %r" % (what, s))
    return int(v) if v.is_integer() else v


def _enum(s, allowed, what):
    if s not in allowed:
        raise MutationError("%s must be one of %s, got %r" % (
            what, "|".join(allowed), s))
    return s


def _now():
    return round(time.time(), 3)


def _set_default(scn, region, code, value, how):
    for _r, q in _each(scn, region, "quotas", "code", code):
        old = q.get("default")
        if value is None:
            if old is None:
                raise MutationError("quota %s has no default to %s" % (
                    code, how))
            new = old / 2 if how == "lower" else old * 2
            new = int(new) if float(new).is_integer() else new
        else:
            new = _number(value, "value")
        if old is not None and how == "lower" and new >= old:
            raise MutationError("lower_default: %r is not below %r" % (
                new, old))
        if old is not None and how == "raise" and new <= old:
            raise MutationError("raise_default: %r is not above %r" % (
                new, old))
        # An account that never raised the quota follows the default.
        if q.get("applied") is not None and q.get("applied") == old:
            q["applied"] = new
        q["default"] = new


@_mutation("lower_default", 2, 3, "REGION QUOTA_CODE [VALUE] (default: "
           "half; applied follows when it equalled the old default)")
def _m_lower_default(scn, region, code, value=None):
    _set_default(scn, region, code, value, "lower")


@_mutation("raise_default", 2, 3, "REGION QUOTA_CODE [VALUE] (default: "
           "double; applied follows when it equalled the old default)")
def _m_raise_default(scn, region, code, value=None):
    _set_default(scn, region, code, value, "raise")


@_mutation("set_applied", 3, 3, "REGION QUOTA_CODE VALUE|null")
def _m_set_applied(scn, region, code, value):
    v = None if value == "null" else _number(value, "value")
    for _r, q in _each(scn, region, "quotas", "code", code):
        q["applied"] = v


def _set_model(scn, region, model, field, value):
    for _r, m in _each(scn, region, "models", "modelId", model):
        m[field] = value


@_mutation("revoke_access", 2, 2, "REGION MODEL_ID (authorizationStatus "
           "NOT_AUTHORIZED)")
def _m_revoke(scn, region, model):
    _set_model(scn, region, model, "authorizationStatus", "NOT_AUTHORIZED")


@_mutation("grant_access", 2, 2, "REGION MODEL_ID (authorizationStatus "
           "AUTHORIZED)")
def _m_grant(scn, region, model):
    _set_model(scn, region, model, "authorizationStatus", "AUTHORIZED")


@_mutation("entitlement", 3, 3, "REGION MODEL_ID AVAILABLE|NOT_AVAILABLE")
def _m_entitlement(scn, region, model, value):
    _set_model(scn, region, model, "entitlementAvailability",
               _enum(value, AVAILABILITY, "entitlement"))


@_mutation("agreement", 3, 4, "REGION MODEL_ID AVAILABLE|PENDING|"
           "NOT_AVAILABLE|ERROR [ERROR_MESSAGE]")
def _m_agreement(scn, region, model, value, message=None):
    _enum(value, AGREEMENT, "agreement")
    if value == "ERROR" and message is None:
        message = "Marketplace subscription failed: aws-marketplace:" \
            "Subscribe permission is missing"
    for _r, m in _each(scn, region, "models", "modelId", model):
        m["agreementStatus"] = value
        if message is not None:
            m["agreementErrorMessage"] = message
        else:
            m.pop("agreementErrorMessage", None)


@_mutation("region_availability", 3, 3, "REGION MODEL_ID "
           "AVAILABLE|NOT_AVAILABLE")
def _m_region_availability(scn, region, model, value):
    _set_model(scn, region, model, "regionAvailability",
               _enum(value, AVAILABILITY, "region availability"))


@_mutation("remove_model", 2, 2, "REGION MODEL_ID")
def _m_remove_model(scn, region, model):
    _each(scn, region, "models", "modelId", model)
    for _rn, reg in _regions(scn, region):
        reg["models"] = [m for m in reg.get("models", [])
                         if m.get("modelId") != model]


@_mutation("add_model", 2, 4, "REGION MODEL_ID [MODEL_NAME [PROVIDER]]")
def _m_add_model(scn, region, model, name=None, provider=None):
    if len(model) > 140 or not MODEL_ID_RE.match(model):
        raise MutationError("model ID %r does not look like "
                            "provider.model-name" % model)
    for rname, reg in _regions(scn, region):
        models = reg.setdefault("models", [])
        if any(m.get("modelId") == model for m in models):
            raise MutationError("model %s already in %s" % (model, rname))
        models.append({
            "modelId": model,
            "modelName": name or name_for(model),
            "providerName": provider or provider_for(model),
            "lifecycle": "ACTIVE", "inferenceTypes": ["ON_DEMAND"],
            "inputModalities": ["TEXT"], "outputModalities": ["TEXT"],
            "authorizationStatus": "AUTHORIZED",
            "entitlementAvailability": "AVAILABLE",
            "agreementStatus": "AVAILABLE",
            "regionAvailability": "AVAILABLE"})


@_mutation("lifecycle", 3, 3, "REGION MODEL_ID ACTIVE|LEGACY")
def _m_lifecycle(scn, region, model, value):
    _set_model(scn, region, model, "lifecycle",
               _enum(value, LIFECYCLES, "lifecycle"))


LIFECYCLE_DATES = ("startOfLifeTime", "legacyTime",
                   "publicExtendedAccessTime", "endOfLifeTime")


@_mutation("lifecycle_date", 4, 4, "REGION MODEL_ID startOfLifeTime|"
           "legacyTime|publicExtendedAccessTime|endOfLifeTime ISO|null")
def _m_lifecycle_date(scn, region, model, field, value):
    if field not in LIFECYCLE_DATES:
        raise MutationError("lifecycle date: %r is not one of %s" % (
            field, ", ".join(LIFECYCLE_DATES)))
    if value != "null" and not _t_iso(value):
        raise MutationError("lifecycle date: %r is not ISO-8601" % value)
    _set_model(scn, region, model, field, None if value == "null" else value)


@_mutation("drop_on_demand", 2, 2, "REGION MODEL_ID (inference profile "
           "only afterwards)")
def _m_drop_on_demand(scn, region, model):
    for _r, m in _each(scn, region, "models", "modelId", model):
        types = [t for t in m.get("inferenceTypes", ["ON_DEMAND"])
                 if t != "ON_DEMAND"]
        if "INFERENCE_PROFILE" not in types:
            types.append("INFERENCE_PROFILE")
        m["inferenceTypes"] = types


@_mutation("make_non_adjustable", 2, 2, "REGION QUOTA_CODE")
def _m_non_adjustable(scn, region, code):
    for _r, q in _each(scn, region, "quotas", "code", code):
        q["adjustable"] = False


@_mutation("make_adjustable", 2, 2, "REGION QUOTA_CODE")
def _m_adjustable(scn, region, code):
    for _r, q in _each(scn, region, "quotas", "code", code):
        q["adjustable"] = True


@_mutation("add_quota", 4, 5, "REGION QUOTA_CODE NAME DEFAULT|null "
           "[APPLIED|null] (APPLIED defaults to DEFAULT)")
def _m_add_quota(scn, region, code, name, default, applied=None):
    if not _CODE_RE.match(code):
        raise MutationError("bad quota code %r" % code)
    d = None if default == "null" else _number(default, "default")
    if applied is None:
        a = d
    else:
        a = None if applied == "null" else _number(applied, "applied")
    for rname, reg in _regions(scn, region):
        quotas = reg.setdefault("quotas", [])
        if any(q.get("code") == code for q in quotas):
            raise MutationError("quota %s already in %s" % (code, rname))
        quotas.append({"code": code, "name": name, "default": d,
                       "applied": a, "unit": "None", "adjustable": True,
                       "global": False})


@_mutation("remove_quota", 2, 2, "REGION QUOTA_CODE")
def _m_remove_quota(scn, region, code):
    _each(scn, region, "quotas", "code", code)
    for _rn, reg in _regions(scn, region):
        reg["quotas"] = [q for q in reg.get("quotas", [])
                         if q.get("code") != code]


@_mutation("deny_request", 2, 2, "REGION REQUEST_ID (status DENIED)")
def _m_deny_request(scn, region, rid):
    for _r, q in _each(scn, region, "requests", "id", rid):
        q["status"] = "DENIED"
        q["lastUpdated"] = max(_now(), q.get("created", 0))


@_mutation("request_status", 3, 3, "REGION REQUEST_ID STATUS")
def _m_request_status(scn, region, rid, status):
    _enum(status, REQUEST_STATUSES, "status")
    for _r, q in _each(scn, region, "requests", "id", rid):
        q["status"] = status
        q["lastUpdated"] = max(_now(), q.get("created", 0))


def request_id(region, code, desired, created):
    """A request ID shaped like AWS's (32 hex + 8 alphanumerics)."""
    h = hashlib.sha256(("%s|%s|%s|%s" % (region, code, desired, created))
                       .encode()).hexdigest()
    tail = "".join("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"
                   "23456789"[int(h[32 + 2 * i:34 + 2 * i], 16) % 57]
                   for i in range(8))
    return h[:32] + tail


@_mutation("add_request", 3, 4, "REGION QUOTA_CODE DESIRED_VALUE [STATUS] "
           "(default PENDING)")
def _m_add_request(scn, region, code, desired, status="PENDING"):
    _enum(status, REQUEST_STATUSES, "status")
    v = _number(desired, "desired value")
    for rname, reg in _regions(scn, region):
        name = next((q.get("name") for q in reg.get("quotas", [])
                     if q.get("code") == code), None)
        if name is None:
            raise MutationError("no quota %s in %s" % (code, rname))
        now = _now()
        rid = request_id(rname, code, v, now)
        case = None
        if status in ("CASE_OPENED", "CASE_CLOSED", "DENIED",
                      "NOT_APPROVED"):
            case = str(10**9 + int(rid[:8], 16) % (9 * 10**9))
        reg.setdefault("requests", []).append({
            "id": rid, "quotaCode": code, "quotaName": name,
            "desiredValue": v, "status": status, "caseId": case,
            "created": now, "lastUpdated": now})


def model_arn(region, model_id):
    return "arn:aws:bedrock:%s::foundation-model/%s" % (region, model_id)


@_mutation("add_profile", 2, 7, "REGION PROFILE_ID [TARGET_REGION...] "
           "(routes to the base model in each target; default: REGION)")
def _m_add_profile(scn, region, pid, *targets):
    geo, _, base = pid.partition(".")
    if not base or "." not in base:
        raise MutationError("profile ID %r should be GEO.provider.model" %
                            pid)
    for rname, reg in _regions(scn, region):
        profiles = reg.setdefault("profiles", [])
        if any(p.get("id") == pid for p in profiles):
            raise MutationError("profile %s already in %s" % (pid, rname))
        tg = list(targets) or [rname]
        mname = next((m.get("modelName") or name_for(base)
                      for m in reg.get("models", [])
                      if m.get("modelId") == base), name_for(base))
        label = geo.upper() if len(geo) <= 4 else geo.capitalize()
        profiles.append({
            "id": pid,
            "name": "%s %s %s" % (label, provider_for(base), mname),
            "type": "SYSTEM_DEFINED", "status": "ACTIVE",
            "models": [model_arn(t, base) for t in tg],
            "description": "Routes requests to %s %s in %s" % (
                provider_for(base), mname, " and ".join(tg))})


@_mutation("remove_profile", 2, 2, "REGION PROFILE_ID")
def _m_remove_profile(scn, region, pid):
    _each(scn, region, "profiles", "id", pid)
    for _rn, reg in _regions(scn, region):
        reg["profiles"] = [p for p in reg.get("profiles", [])
                           if p.get("id") != pid]


@_mutation("region_down", 1, 2, "REGION [true|false] (connection reset "
           "for every request to the region)")
def _m_region_down(scn, region, value="true"):
    if value not in ("true", "false"):
        raise MutationError("region_down: expected true or false")
    for _rn, reg in _regions(scn, region):
        reg["down"] = value == "true"


def apply(scn, name, args):
    """Apply mutation "name" with string "args" to scn in place."""
    mut = MUTATIONS.get(name)
    if mut is None:
        raise MutationError("unknown mutation %r (known: %s)" % (
            name, ", ".join(sorted(MUTATIONS))))
    if not mut.min_args <= len(args) <= mut.max_args:
        raise MutationError("usage: %s %s" % (name, mut.usage))
    mut.func(scn, *args)


def apply_all(scn, steps):
    """Deep-copy scn, apply every (name, args) step, validate the result."""
    out = copy.deepcopy(scn)
    for name, args in steps:
        apply(out, name, [str(a) for a in args])
    errs = validate(out)
    if errs:
        raise MutationError("result is not a valid scenario: " +
                            "; ".join(errs[:5]))
    return out


def parse_steps(argv):
    """Split "NAME ARGS... NAME ARGS..." into steps.  A step's arguments
    end at the next known mutation name or at its maximum count."""
    steps = []
    i = 0
    while i < len(argv):
        name = argv[i]
        mut = MUTATIONS.get(name)
        if mut is None:
            raise MutationError("unknown mutation %r (known: %s)" % (
                name, ", ".join(sorted(MUTATIONS))))
        i += 1
        args = []
        while i < len(argv) and len(args) < mut.max_args and \
                (argv[i] not in MUTATIONS or len(args) < mut.min_args):
            args.append(argv[i])
            i += 1
        if len(args) < mut.min_args:
            raise MutationError("usage: %s %s" % (name, mut.usage))
        steps.append((name, args))
    return steps
