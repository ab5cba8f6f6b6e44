#!/usr/bin/env python3
"""Check that the *_now views of a bedrock-audit database equal a simulator
scenario exactly: every model and access field, every quota's applied and
default value, every profile and quota request, in every region.

usage: verify_db.py DB SCENARIO [--skip REGION]...

Regions given with --skip are not compared (a region that failed in the
last run keeps its older state).  Prints each difference; exits 1 if any.
"""
import datetime
import json
import sqlite3
import sys


def iso(epoch):
    if epoch is None:
        return ""
    t = datetime.datetime.fromtimestamp(float(epoch), datetime.timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def model_id_of_arn(arn):
    return arn.split("foundation-model/", 1)[1]


def expected(scenario, skip):
    want = {"models": set(), "quotas": set(), "profiles": set(),
            "requests": set()}
    for region, r in scenario["regions"].items():
        if region in skip:
            continue
        for m in r.get("models", []):
            want["models"].add((
                region, m["modelId"], m.get("modelName") or "",
                m.get("providerName") or "", m["lifecycle"],
                ",".join(sorted(m.get("inferenceTypes", []))),
                m["authorizationStatus"], m["entitlementAvailability"],
                m["agreementStatus"], m["regionAvailability"]))
        for q in r.get("quotas", []):
            if q.get("applied") is None and q.get("default") is None:
                continue
            want["quotas"].add((
                region, q["code"], q["name"],
                None if q.get("applied") is None else float(q["applied"]),
                None if q.get("default") is None else float(q["default"]),
                q.get("unit", "None"), int(bool(q["adjustable"])),
                int(bool(q.get("global", False)))))
        for p in r.get("profiles", []):
            want["profiles"].add((
                region, p["id"], p["name"], p["type"], p["status"],
                ",".join(sorted({model_id_of_arn(a) for a in p["models"]}))))
        for q in r.get("requests", []):
            want["requests"].add((
                region, q["id"], q["quotaCode"], float(q["desiredValue"]),
                q["status"], q.get("caseId") or "", iso(q.get("created")),
                iso(q.get("lastUpdated"))))
    return want


def actual(db, skip):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    got = {}
    got["models"] = set(con.execute(
        "SELECT region, model_id, model_name, provider, lifecycle_status,"
        " inference_types, authorization_status, entitlement_availability,"
        " agreement_status, region_availability FROM models_now"))
    got["quotas"] = set(
        (r[0], r[1], r[2], None if r[3] is None else float(r[3]),
         None if r[4] is None else float(r[4]), r[5], int(r[6]), int(r[7]))
        for r in con.execute(
            "SELECT region, quota_code, quota_name, applied_value,"
            " default_value, unit, adjustable, global_quota FROM quotas_now"))
    got["profiles"] = set(con.execute(
        "SELECT region, profile_id, profile_name, profile_type, status,"
        " model_ids FROM profiles_now"))
    got["requests"] = set(
        (r[0], r[1], r[2], float(r[3]), r[4], r[5] or "", r[6] or "",
         r[7] or "")
        for r in con.execute(
            "SELECT region, request_id, quota_code, desired_value, status,"
            " case_id, created, last_updated FROM quota_requests_now"))
    con.close()
    for k in got:
        got[k] = {row for row in got[k] if row[0] not in skip}
    return got


def main(argv):
    db, scenario_path = argv[1], argv[2]
    skip = set(argv[i + 1] for i, a in enumerate(argv) if a == "--skip")
    with open(scenario_path) as f:
        scenario = json.load(f)
    want, got = expected(scenario, skip), actual(db, skip)
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
