#!/usr/bin/env python3
"""End-to-end plan: one simulator mutation for every change kind, and the
change (region, kind, subject, path, severity) the playbook must give it.

usage: e2e_plan.py plan WORLD MUTATIONS.json EXPECTED.json
       e2e_plan.py check EXPECTED.json REPORT.json

"plan" picks subjects from the world (a realistic scenario) so the test
does not depend on its exact contents, and writes the mutations for
POST /_sim/mutate plus the expected changes.  "check" compares a JSON
report with the expectation: every expected change exactly once, nothing
else, with the expected path and severity; and the down region absent.
"""
import json
import sys

DOWN = "ap-southeast-2"


def model(world, region, pred=lambda m: True, exclude=()):
    for m in world["regions"][region]["models"]:
        if m["modelId"] not in exclude and pred(m):
            return m["modelId"]
    raise SystemExit("no model fits in %s" % region)


def quota(world, region, pred, exclude=()):
    for q in world["regions"][region]["quotas"]:
        if q["code"] not in exclude and pred(q):
            return q
    raise SystemExit("no quota fits in %s" % region)


def ok_access(m):
    return (m["authorizationStatus"] == "AUTHORIZED" and
            m["entitlementAvailability"] == "AVAILABLE" and
            m["agreementStatus"] == "AVAILABLE" and
            m["regionAvailability"] == "AVAILABLE" and
            m["lifecycle"] == "ACTIVE")


def plan(world):
    mut, exp = [], []

    def add(m, region, kind, subject, path, severity):
        mut.append(m)
        exp.append({"region": region, "kind": kind, "subject": subject,
                    "path": path, "severity": severity})

    used = set()

    def fresh(region, pred=ok_access):
        m = model(world, region, pred, exclude=used)
        used.add(m)
        return m

    add(["add_model", "us-east-1", "acme.audit-test-v1:0", "Audit Test",
         "Acme"], "us-east-1", "model_added", "acme.audit-test-v1:0",
        "info", "info")
    # Removed here while still offered elsewhere: P2.
    gone = fresh("eu-central-1", lambda m: ok_access(m) and any(
        m["modelId"] in [x["modelId"] for x in r["models"]]
        for n, r in world["regions"].items() if n != "eu-central-1"))
    add(["remove_model", "eu-central-1", gone], "eu-central-1",
        "model_removed", gone, "P2", "action")
    m = fresh("us-east-1")
    add(["lifecycle", "us-east-1", m, "LEGACY"], "us-east-1",
        "model_lifecycle_changed", m, "info", "warning")
    m = fresh("us-east-1", lambda m: ok_access(m) and
              "ON_DEMAND" in m["inferenceTypes"])
    add(["drop_on_demand", "us-east-1", m], "us-east-1",
        "model_inference_types_changed", m, "P5", "action")
    m = model(world, "us-west-2",
              lambda m: m["authorizationStatus"] == "NOT_AUTHORIZED" and
              m["entitlementAvailability"] == "AVAILABLE")
    add(["grant_access", "us-west-2", m], "us-west-2", "access_granted", m,
        "info", "info")
    m = fresh("eu-west-1")
    add(["revoke_access", "eu-west-1", m], "eu-west-1", "access_lost", m,
        "P1", "action")
    m = fresh("us-east-1")
    add(["entitlement", "us-east-1", m, "NOT_AVAILABLE"], "us-east-1",
        "entitlement_changed", m, "P3", "action")
    # An agreement that fails while the model is entitled is P1's
    # (Marketplace permissions, payment method), not P3's (playbook.md,
    # second edition).
    m = fresh("ap-northeast-1")
    add(["agreement", "ap-northeast-1", m, "ERROR"], "ap-northeast-1",
        "agreement_changed", m, "P1", "action")
    m = fresh("eu-central-1")
    add(["region_availability", "eu-central-1", m, "NOT_AVAILABLE"],
        "eu-central-1", "region_availability_changed", m, "P2", "action")

    add(["add_quota", "us-west-2", "L-AA11BB22", "Audit test quota", "100"],
        "us-west-2", "quota_added", "L-AA11BB22", "info", "info")
    q = quota(world, "eu-central-1", lambda q: q["applied"] is not None)
    add(["remove_quota", "eu-central-1", q["code"]], "eu-central-1",
        "quota_removed", q["code"], "info", "warning")

    def adj_eq(q):
        return (q["adjustable"] and q["applied"] is not None and
                q["applied"] == q["default"] and q["default"] > 1)

    def nonadj_eq(q):
        return (not q["adjustable"] and q["applied"] is not None and
                q["applied"] == q["default"] and q["default"] > 1)

    q = quota(world, "us-east-1", adj_eq)
    add(["lower_default", "us-east-1", q["code"]], "us-east-1",
        "quota_default_changed", q["code"], "P4", "action")
    q = quota(world, "us-west-2", nonadj_eq)
    add(["lower_default", "us-west-2", q["code"]], "us-west-2",
        "quota_default_changed", q["code"], "P6", "action")
    q = quota(world, "us-west-2", adj_eq)
    add(["set_applied", "us-west-2", q["code"], str(q["applied"] / 2)],
        "us-west-2", "quota_value_changed", q["code"], "P4", "action")
    q6 = quota(world, "eu-west-1", adj_eq)
    # From now on only AWS Support can raise it: P6, nothing lost yet.
    add(["make_non_adjustable", "eu-west-1", q6["code"]], "eu-west-1",
        "quota_adjustable_changed", q6["code"], "P6", "warning")
    q = quota(world, "eu-west-1", adj_eq, exclude=(q6["code"],))
    mut.append(["add_request", "eu-west-1", q["code"], "5000"])
    exp.append({"region": "eu-west-1", "kind": "quota_request_created",
                "subject": None, "quota_code": q["code"], "path": "info",
                "severity": "info"})
    req = [r for r in world["regions"]["us-east-1"]["requests"]
           if r["status"] == "PENDING"][0]
    add(["deny_request", "us-east-1", req["id"]], "us-east-1",
        "quota_request_status_changed", req["id"], "P6", "action")

    have = {p["id"] for p in world["regions"]["ap-northeast-1"]["profiles"]}
    base = next(m["modelId"] for m in
                world["regions"]["ap-northeast-1"]["models"]
                if "apac." + m["modelId"] not in have)
    add(["add_profile", "ap-northeast-1", "apac." + base], "ap-northeast-1",
        "profile_added", "apac." + base, "info", "info")
    p = world["regions"]["us-west-2"]["profiles"][-1]["id"]
    add(["remove_profile", "us-west-2", p], "us-west-2", "profile_removed",
        p, "info", "warning")

    # The down region changes too, but must report nothing.
    mut.append(["revoke_access", DOWN, model(world, DOWN, ok_access)])
    mut.append(["region_down", DOWN, "true"])
    return mut, exp


def check(exp, report):
    bad = 0
    got = report["changes"]
    for e in exp:
        hits = [c for c in got if c["region"] == e["region"] and
                c["kind"] == e["kind"] and
                (e["subject"] is None or c["subject"] == e["subject"])]
        if len(hits) != 1:
            print("expected once, found %d: %r" % (len(hits), e))
            bad += 1
            continue
        c = hits[0]
        if (c["path"], c["severity"]) != (e["path"], e["severity"]):
            print("%s %s %s: path/severity %s/%s, expected %s/%s" % (
                e["region"], e["kind"], c["subject"], c["path"],
                c["severity"], e["path"], e["severity"]))
            bad += 1
        if c["old"] is None or c["new"] is None or c["old"] == c["new"]:
            print("old/new not both set and different: %r" % c)
            bad += 1
        if c["path"] in ("P3", "P5", "P6") and not c["case"]:
            print("no case draft for %s: %r" % (c["path"], c))
            bad += 1
    if len(got) != len(exp):
        print("report has %d changes, expected %d" % (len(got), len(exp)))
        bad += 1
    if any(c["region"] == DOWN for c in got):
        print("a change was reported for the down region %s" % DOWN)
        bad += 1
    down = [r for r in report["collection"]["regions"]
            if r["region"] == DOWN]
    if not down or down[0]["status"] != "failed":
        print("the down region is not reported as failed: %r" % down)
        bad += 1
    print("e2e: %d expected changes, %d reported, %d problems" % (
        len(exp), len(got), bad))
    return 1 if bad else 0


def main(argv):
    if argv[1] == "plan":
        world = json.load(open(argv[2]))
        mut, exp = plan(world)
        json.dump({"mutations": mut}, open(argv[3], "w"), indent=1)
        json.dump(exp, open(argv[4], "w"), indent=1)
        return 0
    return check(json.load(open(argv[2])), json.load(open(argv[3])))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
