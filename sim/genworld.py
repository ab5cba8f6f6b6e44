#!/usr/bin/env python3
"""Generate a synthetic simulator world (scenario JSON) for benchmarks.

usage: python3 sim/genworld.py --regions N --models M --quotas Q [--seed S]
           [--page-size-quotas N] [--page-size-profiles N]
           [--page-size-requests N] [-o FILE] > world.json

Real region names come first (the 33 commercial regions with a Bedrock
endpoint), then plausible made-up ones.  Models start from the real
catalog in sim/scenarios/default.json and continue with made-up IDs in the
same shape; quotas likewise (made-up codes are L- plus 8 hex digits).
Every region gets exactly M models and Q quotas, with a few access
problems, legacy models (with their lifecycle dates), agreement errors
with a message, null, lowered or unknown (ErrorReason) applied values,
tokens-per-day values past 1e10, a quota code listed again at a resource
level, inference profiles and quota requests (some automatic, without a
DesiredValue).  Same arguments, same output.
"""

import argparse
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scenario as scn  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REAL_REGIONS = (
    "us-east-1", "us-west-2", "eu-central-1", "ap-northeast-1",
    "ap-southeast-2", "us-east-2", "us-west-1", "eu-west-1", "eu-west-2",
    "eu-west-3", "eu-north-1", "eu-south-1", "eu-south-2", "eu-central-2",
    "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2",
    "ap-southeast-1", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
    "ap-southeast-6", "ap-southeast-7", "ap-east-2", "ca-central-1",
    "ca-west-1", "sa-east-1", "me-central-1", "me-south-1", "il-central-1",
    "af-south-1", "mx-central-1")
GEO_PREFIX = {"us": "us", "ca": "us", "mx": "us", "sa": "us", "eu": "eu",
              "il": "eu", "me": "eu", "af": "eu", "ap": "apac"}
SYNTH_FAMILIES = {
    "amazon": ("nova-{t}-v{n}:0", ("nano", "lite", "pro", "max", "ultra")),
    "anthropic": ("claude-{t}-{v}-2026{m:02d}{d:02d}-v1:0",
                  ("haiku", "sonnet", "opus")),
    "meta": ("llama{v}-{s}b-instruct-v1:0", None),
    "mistral": ("mistral-{t}-26{m:02d}-v1:0", ("small", "medium", "large")),
    "cohere": ("command-{t}-v{n}:0", ("a", "r7", "x")),
    "ai21": ("jamba-{v}-{t}-v1:0", ("mini", "large")),
    "qwen": ("qwen{v}-{s}b-v1:0", None),
    "google": ("gemma-{v}-{s}b-it", None),
    "nvidia": ("nemotron-{t}-{s}b-v{n}", ("nano", "super", "ultra")),
    "deepseek": ("{t}{n}-v1:0", ("r", "v")),
    "openai": ("gpt-oss-{s}b-{n}:0", None),
}


def region_names(n, rng):
    names = list(REAL_REGIONS[:n])
    prefixes = ("us", "eu", "ap", "sa", "ca", "me", "af", "mx", "il")
    dirs = ("north", "south", "east", "west", "central", "northeast",
            "southeast", "northwest", "southwest")
    taken = set(REAL_REGIONS)
    i = 0
    while len(names) < n:
        p = prefixes[i % len(prefixes)]
        d = dirs[(i // len(prefixes)) % len(dirs)]
        num = 1 + i // (len(prefixes) * len(dirs))
        name = "%s-%s-%d" % (p, d, num + 1)
        i += 1
        if name not in taken:
            taken.add(name)
            names.append(name)
    return names


def real_catalog():
    """Unique real models and quotas from the committed default world."""
    base = scn.load(os.path.join(HERE, "scenarios", "default.json"))
    models, quotas = {}, {}
    for reg in base["regions"].values():
        for m in reg["models"]:
            models.setdefault(m["modelId"], m)
        for q in reg["quotas"]:
            quotas.setdefault(q["code"], q)
    return base["accounts"], models, quotas


def synth_model(rng, taken):
    while True:
        prov = rng.choice(sorted(SYNTH_FAMILIES))
        pat, tiers = SYNTH_FAMILIES[prov]
        mid = "%s.%s" % (prov, pat.format(
            t=rng.choice(tiers) if tiers else "", v=rng.randint(2, 9),
            n=rng.randint(1, 4), s=rng.choice((1, 3, 8, 12, 27, 70, 120,
                                                405)),
            m=rng.randint(1, 12), d=rng.randint(1, 28)))
        if mid not in taken and scn.MODEL_ID_RE.match(mid):
            taken.add(mid)
            return {"modelId": mid, "modelName": scn.name_for(mid),
                    "providerName": scn.provider_for(mid)}


def quota_code(rng, taken):
    while True:
        code = "L-%08X" % rng.getrandbits(32)
        if code not in taken:
            taken.add(code)
            return code


def synth_quota(rng, taken, models):
    code = quota_code(rng, taken)
    r = rng.random()
    if r < 0.6 and models:
        m = rng.choice(models)
        kind = rng.choice(("On-demand model inference",
                           "Cross-region model inference",
                           "Global cross-region model inference"))
        what = rng.choice(("tokens per minute", "requests per minute",
                           "tokens per day"))
        name = "%s %s for %s %s" % (kind, what, m["providerName"],
                                    m["modelName"])
        default = rng.choice((100, 200, 400, 800, 2000, 100000, 200000,
                              400000, 800000, 2000000, 4000000))
    else:
        name = rng.choice((
            "Batch inference jobs per account", "Knowledge bases per "
            "account", "Data sources per knowledge base", "Agents per "
            "account", "Prompt versions per prompt", "Guardrails per "
            "account", "Custom model import jobs per account",
            "Evaluation jobs per account", "Flow aliases per flow")) + \
            " (%s)" % code[2:]
        default = rng.choice((2, 5, 10, 20, 50, 100, 200, 1000))
    return {"code": code, "name": name, "default": default,
            "applied": default, "unit": "None",
            "adjustable": rng.random() < 0.6, "global": False}


def build_region(name, rng, pool_models, pool_quotas, n_models, n_quotas,
                 taken_models, taken_codes):
    picked = rng.sample(pool_models, min(n_models, len(pool_models)))
    while len(picked) < n_models:
        m = synth_model(rng, taken_models)
        pool_models.append(m)
        picked.append(m)
    models = []
    for base in picked:
        m = dict(base)
        m.pop("agreementErrorMessage", None)
        m.update({"authorizationStatus": "AUTHORIZED",
                  "entitlementAvailability": "AVAILABLE",
                  "agreementStatus": "AVAILABLE",
                  "regionAvailability": "AVAILABLE"})
        r = rng.random()
        if r < 0.05:
            m["authorizationStatus"] = "NOT_AUTHORIZED"
        elif r < 0.06:
            m["entitlementAvailability"] = "NOT_AVAILABLE"
        elif r < 0.07:
            m["agreementStatus"] = "PENDING"
        elif r < 0.075:
            m["agreementStatus"] = "ERROR"
            m["agreementErrorMessage"] = "Offer %s is no longer " \
                "available" % m["modelId"]
        if rng.random() < 0.3:
            m["startOfLifeTime"] = "2025-%02d-01T00:00:00Z" % \
                rng.randint(1, 12)
        if rng.random() < 0.04:
            m["lifecycle"] = "LEGACY"
            month = rng.randint(1, 9)
            m["legacyTime"] = "2026-%02d-01T00:00:00Z" % month
            m["publicExtendedAccessTime"] = "2026-%02d-01T00:00:00Z" % (
                month + 1)
            m["endOfLifeTime"] = "2026-%02d-01T00:00:00Z" % (month + 3)
        models.append(m)
    models.sort(key=lambda m: m["modelId"])
    qpicked = rng.sample(pool_quotas, min(n_quotas, len(pool_quotas)))
    quotas = [dict(q) for q in qpicked]
    while len(quotas) < n_quotas:
        quotas.append(synth_quota(rng, taken_codes, models))
    for q in quotas:
        q.pop("_synth", None)
        if "tokens per day" in q["name"] and rng.random() < 0.3:
            q["default"] = 51957100000
        q["applied"] = q["default"]
        r = rng.random()
        if r < 0.05:
            q["applied"] = None
        elif r < 0.08 and q["default"]:
            q["applied"] = q["default"] // 4
        elif r < 0.09:
            q["applied"] = None
            q["errorReason"] = {"code": "DEPENDENCY_THROTTLING_ERROR",
                                "message": "Rate exceeded"}
    # The last slot: a code listed again for one resource.
    if len(quotas) >= 2 and rng.random() < 0.5:
        src = quotas[0]
        quotas[-1] = {
            "code": src["code"], "name": src["name"], "default": None,
            "applied": rng.choice((1, 2, 5, 10)), "unit": src["unit"],
            "adjustable": True, "global": False, "level": "RESOURCE",
            "context": {"scope": "RESOURCE",
                        "scopeType": "AWS::Bedrock::InferenceProfile",
                        "id": "arn:aws:bedrock:%s:123456789012:application-"
                        "inference-profile/%012x" % (
                            name, rng.getrandbits(48))}}
    quotas.sort(key=lambda q: (q["code"], q.get("level", "ACCOUNT")))
    geo = GEO_PREFIX.get(name.split("-")[0], "us")
    profiles = []
    for m in models:
        if "INFERENCE_PROFILE" in m.get("inferenceTypes", []) or \
                rng.random() < 0.15:
            profiles.append({
                "id": "%s.%s" % (geo, m["modelId"]),
                "name": "%s %s %s" % (geo.upper(), m["providerName"],
                                      m["modelName"]),
                "type": "SYSTEM_DEFINED", "status": "ACTIVE",
                "models": [scn.model_arn(name, m["modelId"])],
                "description": "Routes requests to %s in %s" % (
                    m["modelName"], name)})
    requests = []
    for i in range(rng.randint(3, 10)):
        q = rng.choice([q for q in quotas if q["adjustable"]] or quotas)
        status = rng.choice(scn.REQUEST_STATUSES)
        created = 1760000000 + rng.randint(0, 60 * 86400) + \
            rng.randint(0, 999) / 1000.0
        rid = scn.request_id(name, q["code"], i, created)
        req = {
            "id": rid, "quotaCode": q["code"], "quotaName": q["name"],
            "desiredValue": (q["default"] or 1) * 2, "status": status,
            "caseId": None if status == "PENDING" else str(
                10**9 + int(rid[:8], 16) % (9 * 10**9)),
            "created": created, "lastUpdated": created + 3600.5}
        if rng.random() < 0.2:
            del req["desiredValue"]
            req["requestType"] = "AutomaticManagement"
        requests.append(req)
    return {"down": False, "models": models, "quotas": quotas,
            "profiles": profiles, "requests": requests}


def main():
    ap = argparse.ArgumentParser(description="Generate a synthetic "
                                 "simulator world.")
    ap.add_argument("--regions", type=int, required=True)
    ap.add_argument("--models", type=int, required=True)
    ap.add_argument("--quotas", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--page-size-quotas", type=int, default=100)
    ap.add_argument("--page-size-profiles", type=int, default=100)
    ap.add_argument("--page-size-requests", type=int, default=100)
    ap.add_argument("-o", "--output", default="-")
    a = ap.parse_args()
    if a.regions < 1 or a.models < 0 or a.quotas < 0:
        ap.error("counts must be positive")
    rng = random.Random(a.seed)
    accounts, real_models, real_quotas = real_catalog()
    pool_models = [real_models[k] for k in sorted(real_models)]
    pool_quotas = [real_quotas[k] for k in sorted(real_quotas)]
    taken_models = set(real_models)
    taken_codes = set(real_quotas)
    # Grow the pools once so regions share most models and quotas, as in
    # AWS, but still differ.
    while len(pool_models) < int(a.models * 1.15):
        pool_models.append(synth_model(rng, taken_models))
    while len(pool_quotas) < int(a.quotas * 1.1):
        pool_quotas.append(synth_quota(rng, taken_codes, pool_models))
    regions = {}
    for name in region_names(a.regions, rng):
        regions[name] = build_region(name, rng, pool_models, pool_quotas,
                                     a.models, a.quotas, taken_models,
                                     taken_codes)
    out = {"_about": "synthetic world: genworld.py --regions %d --models %d"
           " --quotas %d --seed %d" % (a.regions, a.models, a.quotas,
                                        a.seed),
           "accounts": accounts,
           "page_size": {"profiles": a.page_size_profiles,
                         "quotas": a.page_size_quotas,
                         "requests": a.page_size_requests},
           "regions": regions}
    scn.check(out)
    scn.dump(out, a.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
