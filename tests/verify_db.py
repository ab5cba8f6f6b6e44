#!/usr/bin/env python3
"""Check that the *_now views of a bedrock-audit database equal a simulator
scenario exactly: every model and access field with its lifecycle dates and
agreement message, every quota row (by code, level and context) with its
applied and default value, period and ErrorReason, every profile and quota
request with its optional members, in every region.

usage: verify_db.py DB SCENARIO [--skip REGION]... [--account ID]

The expected rows are what the collector makes of the simulator's replies
(sim/awssim.py): the scenario is normalized by sim/scenario.py, quotas
whose applied value AWS reports as an ErrorReason have an unknown (NULL)
applied value, and the default of a quota code goes to each of its applied
rows (aws_merge_quotas()).  Regions given with --skip are not compared (a
region that failed in the last run keeps its older state).  With
--account, only that account's rows are compared, with the world that
account is served (the scenario's member_accounts steps applied).  Prints each
difference; exits 1 if any.
"""
import datetime
import json
import os
import sqlite3
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "sim"))
import scenario as scenario_mod  # noqa: E402

# Requesters that name an account (JSON with "accountId", as AWS and the
# simulator send them, the simulator's depending on the caller) compare
# as this one value on both sides.
CALLER = "<an account>"


def iso(epoch):
    if epoch is None:
        return ""
    t = datetime.datetime.fromtimestamp(float(epoch), datetime.timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_text(s):
    """ISO-8601 text as the collector keeps it: UTC, whole seconds."""
    if s is None:
        return None
    t = datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
    t = t.astimezone(datetime.timezone.utc).replace(microsecond=0)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def model_id_of_arn(arn):
    return arn.split("foundation-model/", 1)[1]


def fnum(v):
    return None if v is None else float(v)


def key_of(q):
    ctx = q["context"] or {}
    return (q["code"], q["level"] or "ACCOUNT", ctx.get("scope", ""),
            ctx.get("id", ""))


def period_parts(p):
    if not p:
        return (None, None)
    return (p.get("value"), p.get("unit"))


def quota_rows(region, quotas):
    """The merged rows aws_merge_quotas() makes of the two lists."""
    applied = sorted((q for q in quotas if q["applied"] is not None or
                      q["errorReason"]), key=key_of)
    defaults = sorted((q for q in quotas if q["default"] is not None),
                      key=key_of)
    rows = []
    codes = {q["code"] for q in applied}
    for a in applied:
        d = next((d for d in defaults if key_of(d) == key_of(a)), None) or \
            next((d for d in defaults if d["code"] == a["code"]), None)
        per = a["period"] if a["period"] else (d["period"] if d else None)
        err = a["errorReason"]
        rows.append(key_of(a) + (
            a["name"] or (d["name"] if d else ""),
            None if err else fnum(a["applied"]),
            fnum(d["default"]) if d else None, a["unit"],
            int(bool(a["adjustable"])), int(bool(a["global"]))) +
            period_parts(per) + (
            err["code"] if err else None,
            err.get("message") if err else None))
    for d in defaults:
        if d["code"] in codes:
            continue
        rows.append(key_of(d) + (
            d["name"], None, fnum(d["default"]), d["unit"],
            int(bool(d["adjustable"])), int(bool(d["global"]))) +
            period_parts(d["period"]) + (None, None))
    return [(region,) + r for r in rows]


def expected(scenario, skip):
    want = {"models": set(), "quotas": set(), "profiles": set(),
            "requests": set()}
    # crash.py passes {"regions": {}} for "no world yet".
    norm = scenario_mod.normalize(dict({"accounts": {}}, **scenario))
    for region, r in norm["regions"].items():
        if region in skip:
            continue
        for m in r["models"]:
            want["models"].add((
                region, m["modelId"], m.get("modelName") or "",
                m.get("providerName") or "", m["lifecycle"],
                ",".join(sorted(m.get("inferenceTypes", []))),
                m["authorizationStatus"], m["entitlementAvailability"],
                m["agreementStatus"], m["regionAvailability"],
                iso_text(m["startOfLifeTime"]), iso_text(m["legacyTime"]),
                iso_text(m["publicExtendedAccessTime"]),
                iso_text(m["endOfLifeTime"]), m["agreementErrorMessage"]))
        want["quotas"].update(quota_rows(region, r["quotas"]))
        for p in r["profiles"]:
            want["profiles"].add((
                region, p["id"], p["name"], p["type"], p["status"],
                ",".join(sorted({model_id_of_arn(a) for a in p["models"]}))))
        for q in r["requests"]:
            want["requests"].add((
                region, q["id"], q["quotaCode"], fnum(q["desiredValue"]),
                q["status"], q.get("caseId") or "", iso(q.get("created")),
                iso(q.get("lastUpdated")), q["requestType"],
                q["requestedAtLevel"], requester(q["requester"], True)))
    return want


def requester(v, scenario=False):
    """CALLER for a requester naming an account (or, in the scenario,
    none: the simulator builds one from the caller), else "v"."""
    if v is None and scenario:
        return CALLER
    try:
        return CALLER if "accountId" in json.loads(v) else v
    except (TypeError, ValueError, AttributeError):
        return v


# Every row, or (--account) the rows of one account.
WHERE = ""


def actual(db, skip, account=None):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    global WHERE
    if account is not None:
        # A view of one account: the same queries over its rows.
        con.create_function("wanted", 1, lambda a: a == account)
        WHERE = " WHERE wanted(account_id)"
    got = {}
    got["models"] = set(con.execute(
        "SELECT region, model_id, model_name, provider, lifecycle_status,"
        " inference_types, authorization_status, entitlement_availability,"
        " agreement_status, region_availability, start_of_life_time,"
        " legacy_time, public_extended_access_time, end_of_life_time,"
        " agreement_message FROM models_now" + WHERE))
    got["quotas"] = set(
        r[:6] + (fnum(r[6]), fnum(r[7]), r[8], int(r[9]), int(r[10])) +
        r[11:]
        for r in con.execute(
            "SELECT region, quota_code, applied_at_level, context_scope,"
            " context_id, quota_name, applied_value, default_value, unit,"
            " adjustable, global_quota, period_value, period_unit,"
            " error_code, error_message FROM quotas_now" + WHERE))
    got["profiles"] = set(con.execute(
        "SELECT region, profile_id, profile_name, profile_type, status,"
        " model_ids FROM profiles_now" + WHERE))
    got["requests"] = set(
        (r[0], r[1], r[2], fnum(r[3]), r[4], r[5] or "", r[6] or "",
         r[7] or "", r[8], r[9], requester(r[10]))
        for r in con.execute(
            "SELECT region, request_id, quota_code, desired_value, status,"
            " case_id, created, last_updated, request_type,"
            " requested_at_level, requester FROM quota_requests_now" +
            WHERE))
    con.close()
    for k in got:
        got[k] = {row for row in got[k] if row[0] not in skip}
    return got


def main(argv):
    db, scenario_path = argv[1], argv[2]
    skip = set(argv[i + 1] for i, a in enumerate(argv) if a == "--skip")
    account = next((argv[i + 1] for i, a in enumerate(argv)
                    if a == "--account"), None)
    with open(scenario_path) as f:
        scenario = json.load(f)
    if account is not None:
        scenario = scenario_mod.member_scenario(scenario, account)
    else:
        scenario = {k: v for k, v in scenario.items()
                    if k != "member_accounts"}
    want, got = expected(scenario, skip), actual(db, skip, account)
    bad = 0
    for k in want:
        for row in sorted(want[k] - got[k], key=repr)[:20]:
            print("missing %s: %r" % (k, row))
            bad += 1
        for row in sorted(got[k] - want[k], key=repr)[:20]:
            print("unexpected %s: %r" % (k, row))
            bad += 1
    counts = ", ".join("%d %s" % (len(want[k]), k) for k in want)
    print("verify_db: %s; %d differences" % (counts, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
