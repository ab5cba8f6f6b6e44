#!/usr/bin/env python3
"""Build sim/scenarios/default.json from the project's real-data notes.

Run once by a person (the output is committed); the simulator never reads
the inputs at run time:

  python3 sim/make-scenario.py \
      --sample /work/shared/aws-models/bedrock-sample-data.json \
      --notes /work/shared/aws-real-data.md -o sim/scenarios/default.json
  (add --small -o sim/scenarios/small.json for the two-region cut)

Real: region names, model IDs and providers, quota codes, June 2025 quota
names/defaults/adjustability, the later quota names, the anecdotal applied
values (e.g. 4,000 TPM for Claude Sonnet 4.5 on a new account).
Synthesized (flagged with "_synth": true on the quota): names and defaults of
quota codes the notes map to a model without giving a name or default; the
per-region model selection, access states, applied values and quota
requests are chosen by a seeded generator to cover every audit path.
The output is deterministic.
"""

import argparse
import hashlib
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scenario as scn  # noqa: E402

SEED = 20251127
REGIONS = ("us-east-1", "us-west-2", "eu-central-1", "eu-west-1",
           "ap-northeast-1", "ap-southeast-2")
# Chance that a model outside MUST is offered in a region.
OFFER_P = {"us-east-1": 0.97, "us-west-2": 0.85, "eu-central-1": 0.42,
           "eu-west-1": 0.3, "ap-northeast-1": 0.38, "ap-southeast-2": 0.28}
# Offered in every region.
MUST = {
    "anthropic.claude-3-haiku-20240307-v1:0",
    "anthropic.claude-3-5-sonnet-20240620-v1:0",
    "anthropic.claude-3-7-sonnet-20250219-v1:0",
    "anthropic.claude-sonnet-4-20250514-v1:0",
    "anthropic.claude-sonnet-4-5-20250929-v1:0",
    "anthropic.claude-haiku-4-5-20251001-v1:0",
    "amazon.nova-micro-v1:0", "amazon.nova-lite-v1:0",
    "amazon.nova-pro-v1:0", "amazon.titan-text-express-v1",
    "cohere.embed-english-v3", "cohere.embed-multilingual-v3",
    "meta.llama3-8b-instruct-v1:0", "meta.llama3-70b-instruct-v1:0",
    "mistral.mistral-7b-instruct-v0:2",
    "mistral.mistral-large-2402-v1:0",
}
# Model IDs listed in aws-real-data.md section 2 but not in the JSON.
EXTRA_MODELS = ("amazon.titan-tg1-large", "amazon.titan-text-lite-v1",
                "amazon.titan-text-express-v1", "anthropic.claude-v2",
                "anthropic.claude-v2:1", "anthropic.claude-v2:1:18k",
                "anthropic.claude-v2:1:200k", "anthropic.claude-instant-v1")

NAMES = {
    "amazon.nova-micro-v1:0": "Nova Micro",
    "amazon.nova-lite-v1:0": "Nova Lite",
    "amazon.nova-pro-v1:0": "Nova Pro",
    "amazon.nova-premier-v1:0": "Nova Premier",
    "amazon.nova-2-lite-v1:0": "Nova 2 Lite",
    "amazon.nova-canvas-v1:0": "Nova Canvas",
    "amazon.titan-tg1-large": "Titan Text Large",
    "amazon.titan-text-lite-v1": "Titan Text G1 - Lite",
    "amazon.titan-text-express-v1": "Titan Text G1 - Express",
    "anthropic.claude-3-haiku-20240307-v1:0": "Claude 3 Haiku",
    "anthropic.claude-3-sonnet-20240229-v1:0": "Claude 3 Sonnet",
    "anthropic.claude-3-opus-20240229-v1:0": "Claude 3 Opus",
    "anthropic.claude-3-5-sonnet-20240620-v1:0": "Claude 3.5 Sonnet",
    "anthropic.claude-3-5-sonnet-20241022-v2:0": "Claude 3.5 Sonnet v2",
    "anthropic.claude-3-5-haiku-20241022-v1:0": "Claude 3.5 Haiku",
    "anthropic.claude-3-7-sonnet-20250219-v1:0": "Claude 3.7 Sonnet",
    "anthropic.claude-haiku-4-5-20251001-v1:0": "Claude Haiku 4.5",
    "anthropic.claude-sonnet-4-20250514-v1:0": "Claude Sonnet 4",
    "anthropic.claude-sonnet-4-5-20250929-v1:0": "Claude Sonnet 4.5",
    "anthropic.claude-sonnet-4-6": "Claude Sonnet 4.6",
    "anthropic.claude-opus-4-20250514-v1:0": "Claude Opus 4",
    "anthropic.claude-opus-4-1-20250805-v1:0": "Claude Opus 4.1",
    "anthropic.claude-opus-4-5-20251101-v1:0": "Claude Opus 4.5",
    "anthropic.claude-opus-4-6-v1": "Claude Opus 4.6",
    "anthropic.claude-v2": "Claude",
    "anthropic.claude-v2:1": "Claude",
    "anthropic.claude-v2:1:18k": "Claude",
    "anthropic.claude-v2:1:200k": "Claude",
    "anthropic.claude-instant-v1": "Claude Instant",
    "meta.llama3-8b-instruct-v1:0": "Llama 3 8B Instruct",
    "meta.llama3-70b-instruct-v1:0": "Llama 3 70B Instruct",
    "meta.llama3-1-8b-instruct-v1:0": "Llama 3.1 8B Instruct",
    "meta.llama3-1-70b-instruct-v1:0": "Llama 3.1 70B Instruct",
    "meta.llama3-2-1b-instruct-v1:0": "Llama 3.2 1B Instruct",
    "meta.llama3-2-3b-instruct-v1:0": "Llama 3.2 3B Instruct",
    "meta.llama3-2-11b-instruct-v1:0": "Llama 3.2 11B Instruct",
    "meta.llama3-2-90b-instruct-v1:0": "Llama 3.2 90B Instruct",
    "meta.llama3-3-70b-instruct-v1:0": "Llama 3.3 70B Instruct",
    "meta.llama4-scout-17b-instruct-v1:0": "Llama 4 Scout 17B",
    "meta.llama4-maverick-17b-instruct-v1:0": "Llama 4 Maverick 17B",
    "mistral.mistral-7b-instruct-v0:2": "Mistral 7B Instruct",
    "mistral.mistral-small-2402-v1:0": "Mistral Small (24.02)",
    "mistral.mistral-large-2402-v1:0": "Mistral Large (24.02)",
    "mistral.mistral-large-2407-v1:0": "Mistral Large (24.07)",
    "mistral.mistral-large-3-675b-instruct": "Mistral Large 3",
    "mistral.ministral-3-3b-instruct": "Ministral 3B",
    "mistral.ministral-3-8b-instruct": "Ministral 3 8B",
    "mistral.ministral-3-14b-instruct": "Ministral 14B 3.0",
    "mistral.voxtral-mini-3b-2507": "Voxtral Mini 3B",
    "mistral.voxtral-small-24b-2507": "Voxtral Small 24B",
    "cohere.command-r-v1:0": "Command R",
    "cohere.command-r-plus-v1:0": "Command R+",
    "cohere.embed-english-v3": "Embed English",
    "cohere.embed-multilingual-v3": "Embed Multilingual",
    "cohere.embed-v4:0": "Embed v4",
    "ai21.jamba-1-5-large-v1:0": "Jamba 1.5 Large",
    "ai21.jamba-1-5-mini-v1:0": "Jamba 1.5 Mini",
    "deepseek.r1-v1:0": "DeepSeek-R1",
    "qwen.qwen3-32b-v1:0": "Qwen3 32B (dense)",
    "qwen.qwen3-coder-480b-a35b-v1:0": "Qwen3 Coder 480B",
    "qwen.qwen3-235b-a22b-2507-v1:0": "Qwen3 235B A22B 2507",
    "qwen.qwen3-next-80b-a3b": "Qwen3 Next 80B A3B",
    "google.gemma-3-4b-it": "Gemma 3 4B IT",
    "google.gemma-3-12b-it": "Gemma 3 12B IT",
    "google.gemma-3-27b-it": "Gemma 3 27B PT",
    "nvidia.nemotron-nano-9b-v2": "NVIDIA Nemotron Nano 9B v2",
    "nvidia.nemotron-nano-12b-v2": "Nemotron Nano 12B v2",
    "openai.gpt-oss-20b-1:0": "gpt-oss-20b",
    "openai.gpt-oss-120b-1:0": "gpt-oss-120b",
    "openai.gpt-oss-safeguard-20b": "gpt-oss-safeguard-20b",
    "openai.gpt-oss-safeguard-120b": "gpt-oss-safeguard-120b",
    "moonshot.kimi-k2-thinking": "Kimi K2 Thinking",
    "minimax.minimax-m2": "MiniMax M2",
}
LEGACY = {  # model -> endOfLifeTime (from the model cards where known)
    "anthropic.claude-3-5-haiku-20241022-v1:0": "2026-06-19T00:00:00Z",
    "anthropic.claude-3-sonnet-20240229-v1:0": None,
    "anthropic.claude-v2": None, "anthropic.claude-v2:1": None,
    "anthropic.claude-v2:1:18k": None, "anthropic.claude-v2:1:200k": None,
    "anthropic.claude-instant-v1": None, "amazon.titan-tg1-large": None,
}
GEO = {"us": ("us-east-1", "us-east-2", "us-west-2"),
       "eu": ("eu-central-1", "eu-west-1", "eu-west-3", "eu-north-1"),
       "apac": ("ap-northeast-1", "ap-northeast-2", "ap-southeast-1",
                "ap-southeast-2", "ap-south-1"),
       "global": ("us-east-1", "us-west-2", "eu-central-1",
                  "ap-northeast-1", "ap-southeast-2")}
# Anecdotal defaults from the notes for codes without a table row.
ANECDOTAL_DEFAULTS = {"L-58BE175A": 5000000, "L-CCA5DF70": 10000,
                      "L-F4DDD3EB": 5000000, "L-4A6BFAB1": 10000,
                      "L-6120CF2D": 3600000000, "L-7007E9C9": 2000000}
NON_ADJUSTABLE_OBSERVED = {"L-4A6BFAB1", "L-381AD9EE"}
KIND_WORDS = {"regional": "On-demand model inference",
              "crossRegion": "Cross-region model inference",
              "globalCrossRegion": "Global cross-region model inference"}

# Deliberate departures from "everything fine", one per audit path.
ACCESS = [  # (region, model, field, value)
    ("us-east-1", "anthropic.claude-opus-4-5-20251101-v1:0",
     "agreementStatus", "PENDING"),
    ("us-west-2", "moonshot.kimi-k2-thinking", "agreementStatus", "ERROR"),
    ("us-west-2", "mistral.mistral-large-2407-v1:0",
     "entitlementAvailability", "NOT_AVAILABLE"),
    ("us-east-1", "anthropic.claude-3-opus-20240229-v1:0",
     "regionAvailability", "NOT_AVAILABLE"),
    ("ap-southeast-2", "anthropic.claude-sonnet-4-5-20250929-v1:0",
     "authorizationStatus", "NOT_AUTHORIZED"),
    ("eu-west-1", "anthropic.claude-haiku-4-5-20251001-v1:0",
     "authorizationStatus", "NOT_AUTHORIZED"),
    ("us-west-2", "anthropic.claude-opus-4-6-v1", "authorizationStatus",
     "NOT_AUTHORIZED"),
    ("ap-northeast-1", "anthropic.claude-3-7-sonnet-20250219-v1:0",
     "authorizationStatus", "NOT_AUTHORIZED"),
    ("ap-southeast-2", "anthropic.claude-3-haiku-20240307-v1:0",
     "lifecycle", "LEGACY"),
]
FORCE = {("us-west-2", "moonshot.kimi-k2-thinking"),
         ("us-west-2", "mistral.mistral-large-2407-v1:0"),
         ("us-east-1", "anthropic.claude-3-opus-20240229-v1:0"),
         ("us-east-1", "anthropic.claude-opus-4-5-20251101-v1:0"),
         ("us-west-2", "anthropic.claude-opus-4-6-v1")}
APPLIED = [  # (region, code, applied value): below/above default, zeroed
    ("us-east-1", "L-F4DDD3EB", 4000),
    ("us-east-1", "L-4A6BFAB1", 4),
    ("us-east-1", "L-DCADBC78", 8000000),
    ("us-west-2", "L-58BE175A", 0),
    ("us-west-2", "L-CCA5DF70", 0),
    ("eu-central-1", "L-6E888CC2", 50000),
    ("ap-northeast-1", "L-8CE99163", 100000),
    ("ap-southeast-2", "L-A50569E5", 0),
    ("eu-west-1", "L-59759B4A", 20000),
]
REQUESTS = [  # (region, code, desired, status, days before 2025-11-27)
    ("us-east-1", "L-DCADBC78", 8000000, "APPROVED", 41),
    ("us-east-1", "L-F4DDD3EB", 1000000, "PENDING", 2),
    ("us-east-1", "L-4BF37C17", 8000000, "CASE_OPENED", 6),
    ("us-east-1", "L-254CACF4", 500, "DENIED", 30),
    ("us-east-1", "L-4A6BFAB1", 1000, "NOT_APPROVED", 12),
    ("us-east-1", "L-9072D6F0", 100, "CASE_CLOSED", 75),
    ("us-east-1", "L-97D79C54", 400, "PENDING", 1),
    ("us-west-2", "L-58BE175A", 2000000, "CASE_OPENED", 3),
    ("us-west-2", "L-FF8B4E28", 6000000, "APPROVED", 60),
    ("eu-central-1", "L-6E888CC2", 200000, "PENDING", 4),
    ("ap-northeast-1", "L-DCADBC78", 800000, "DENIED", 20),
    ("ap-southeast-2", "L-A50569E5", 400000, "CASE_OPENED", 5),
]
BASE_EPOCH = 1764244800  # 2025-11-27T12:00:00Z

ACCOUNTS = {
    "AKIDEXAMPLE": {
        "secret": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        "session_token": None, "expires": None, "account": "123456789012",
        "arn": "arn:aws:iam::123456789012:user/bedrock-audit",
        "user_id": "AIDASIMEXAMPLEUSER01"},
    "ASIASIMEXAMPLESESS1": {
        "secret": "simSessionSecretKey/0123456789EXAMPLEKEY",
        "session_token": "IQoJsimSESSIONtokenEXAMPLE//////////wEaCXVzLWVh"
                         "c3QtMSJHMEUCIQDsimEXAMPLEonlyNOTaREALtoken=",
        "expires": "2099-12-31T23:59:59Z", "account": "123456789012",
        "arn": "arn:aws:sts::123456789012:assumed-role/BedrockAudit/cron",
        "user_id": "AROASIMEXAMPLEROLE01:cron"},
    "ASIASIMEXAMPLEEXPD1": {
        "secret": "simExpiredSecretKey/0123456789EXAMPLEKEY",
        "session_token": "IQoJsimEXPIREDtokenEXAMPLEonlyNOTaREALtoken=",
        "expires": "2024-01-01T00:00:00Z", "account": "123456789012",
        "arn": "arn:aws:sts::123456789012:assumed-role/BedrockAudit/old",
        "user_id": "AROASIMEXAMPLEROLE01:old"},
}


def model_entry(mid, vendor, codes, region):
    fam = mid.split(".", 1)[1]
    inp, out, stream, cust = ["TEXT"], ["TEXT"], True, []
    if "embed" in fam:
        out, stream = ["EMBEDDING"], False
        if fam.startswith("embed-v4"):
            inp = ["TEXT", "IMAGE"]
    elif fam.startswith("nova-canvas"):
        inp, out, stream = ["TEXT", "IMAGE"], ["IMAGE"], False
    elif (fam.startswith("claude-3") or fam.startswith("claude-sonnet") or
          fam.startswith("claude-opus") or fam.startswith("claude-haiku") or
          fam.startswith("nova-") or fam.startswith("llama4") or
          fam.startswith("llama3-2-11b") or fam.startswith("llama3-2-90b")):
        inp = ["TEXT", "IMAGE"]
    if fam.startswith(("nova-micro", "nova-lite", "nova-pro")):
        cust = ["FINE_TUNING", "DISTILLATION"]
    elif fam.startswith("titan-text"):
        cust = ["FINE_TUNING", "CONTINUED_PRE_TRAINING"]
    elif fam.startswith(("claude-3-haiku", "llama3-1", "llama3-2")):
        cust = ["FINE_TUNING"]
    if mid.endswith((":18k", ":200k")):
        types = ["PROVISIONED"]
    elif codes and "regional" not in codes:
        types = ["INFERENCE_PROFILE"]
    else:
        types = ["ON_DEMAND"]
    m = {"modelId": mid, "modelName": NAMES[mid], "providerName": vendor,
         "lifecycle": "ACTIVE", "inferenceTypes": types,
         "inputModalities": inp, "outputModalities": out,
         "customizations": cust, "streaming": stream,
         "authorizationStatus": "AUTHORIZED",
         "entitlementAvailability": "AVAILABLE",
         "agreementStatus": "AVAILABLE", "regionAvailability": "AVAILABLE"}
    if mid in LEGACY:
        m["lifecycle"] = "LEGACY"
        m["legacyTime"] = "2025-07-01T00:00:00Z"
        if LEGACY[mid]:
            m["endOfLifeTime"] = LEGACY[mid]
    return m


def region_default(row, region):
    d = row["default_by_region"]
    return d.get(region, d.get("*"))


def catalog(sample, notes):
    """(models: id -> (vendor, quota_codes), rows: code -> quota row)."""
    models = {}
    for m in sample["models"]:
        models[m["modelId"]] = (m["vendor"], m.get("quota_codes", {}))
    for mid in EXTRA_MODELS:
        if mid not in notes:
            sys.exit("make-scenario: %s not found in the notes" % mid)
        models.setdefault(mid, (scn.provider_for(mid), {}))
    for mid in models:
        if not scn.MODEL_ID_RE.match(mid):
            sys.exit("make-scenario: bad model ID %r" % mid)
        if mid not in NAMES:
            sys.exit("make-scenario: no modelName for %s" % mid)
    rows = {}
    for q in sample["quotas"]:
        if q["quota_code"]:
            rows[q["quota_code"]] = q
    later = {r["quota_code"]: r["quota_name"] for r in
             sample["quota_names_later_catalog"]["rows"]}
    return models, rows, later


def model_quotas(mid, vendor, codes, rows, later, region):
    """Quota entries for a model's inference codes."""
    out = []
    for kind, pair in codes.items():
        for metric, code in pair.items():
            row = rows.get(code)
            what = "tokens" if metric == "tpm" else "requests"
            synth = False
            if row is not None:
                name = later.get(code, row["quota_name"])
                default = region_default(row, region)
                adjustable = row["adjustable"]
            else:
                name = later.get(code) or "%s %s per minute for %s %s" % (
                    KIND_WORDS[kind], what, vendor, NAMES[mid])
                default = ANECDOTAL_DEFAULTS.get(code)
                if default is None and (kind == "globalCrossRegion" or
                                        metric == "rpm"):
                    continue  # keep made-up rows few (RPM rows are going)
                if default is None:
                    synth = True
                    base = {"regional": (400000, 400),
                            "crossRegion": (800000, 800),
                            "globalCrossRegion": (1000000, 1000)}[kind]
                    default = base[0] if metric == "tpm" else base[1]
                adjustable = metric == "tpm" and kind != "regional"
            q = {"code": code, "name": name, "default": default,
                 "applied": default, "unit": "None",
                 "adjustable": adjustable and
                 code not in NON_ADJUSTABLE_OBSERVED, "global": False}
            if synth:
                q["_synth"] = True
            out.append(q)
    return out


def general_quotas(rows, later, region, rng, want):
    """Non-model quotas: everything small, plus a sample of the long
    per-model families (batch, provisioned units, fine-tuning)."""
    core, families = [], []
    for code, row in rows.items():
        name = row["quota_name"]
        if "inference" in name.lower() and "per minute" in name.lower():
            continue  # per-model inference rows come with their models
        if name.startswith(("Records per", "Sum of", "Model units",
                            "Maximum hourly", "Maximum monthly")):
            families.append(code)
        else:
            core.append(code)
    rng.shuffle(families)
    picked = core + sorted(families[:max(12, want - len(core))])
    out = []
    for code in picked:
        row = rows[code]
        d = region_default(row, region)
        q = {"code": code, "name": later.get(code, row["quota_name"]),
             "default": d, "applied": d, "unit": "None",
             "adjustable": row["adjustable"], "global": False}
        # Service Quotas only knows defaults for these (ListServiceQuotas
        # leaves them out).
        if row["quota_name"].startswith(("Model units per provisioned",
                                         "Maximum hourly",
                                         "Maximum monthly")):
            q["applied"] = None
        out.append(q)
    return out


def profile_for(geo, mid, region, account_region, offered):
    targets = [t for t in GEO[geo]][:5]
    created = "2024-%02d-%02dT%02d:00:00Z" % (
        1 + int(hashlib.sha256(mid.encode()).hexdigest()[:2], 16) % 12,
        1 + int(hashlib.sha256(mid.encode()).hexdigest()[2:4], 16) % 28,
        int(hashlib.sha256(geo.encode()).hexdigest()[:2], 16) % 24)
    label = "Global" if geo == "global" else geo.upper()
    return {
        "id": "%s.%s" % (geo, mid),
        "name": "%s %s %s" % (label, offered[mid]["providerName"],
                              NAMES[mid]),
        "type": "SYSTEM_DEFINED", "status": "ACTIVE",
        "models": [scn.model_arn(t, mid) for t in targets],
        "description": "Routes requests to %s %s in %s" % (
            offered[mid]["providerName"], NAMES[mid], " and ".join(targets)),
        "created": created, "updated": created}


def build_region(region, models, rows, later, rng):
    offered = {}
    for mid in sorted(models):
        if mid in MUST or (region, mid) in FORCE or \
                rng.random() < OFFER_P[region]:
            vendor, codes = models[mid]
            offered[mid] = model_entry(mid, vendor, codes, region)
    ids = sorted(offered)
    while len(ids) > 60:
        drop = [m for m in ids if m not in MUST and
                (region, m) not in FORCE]
        victim = drop[rng.randrange(len(drop))]
        ids.remove(victim)
        del offered[victim]
    mlist = [offered[m] for m in ids]
    quotas, seen = [], set()
    for mid in ids:
        vendor, codes = models[mid]
        for q in model_quotas(mid, vendor, codes, rows, later, region):
            if q["code"] not in seen:
                seen.add(q["code"])
                quotas.append(q)
    want = {"us-east-1": 150, "us-west-2": 140}.get(region, 100)
    for q in general_quotas(rows, later, region, rng, want - len(quotas)):
        if q["code"] not in seen:
            seen.add(q["code"])
            quotas.append(q)
    quotas.sort(key=lambda q: q["code"])
    geo = "us" if region.startswith("us-") else \
        "eu" if region.startswith("eu-") else "apac"
    profiles = []
    for mid in ids:
        codes = models[mid][1]
        if "crossRegion" in codes:
            profiles.append(profile_for(geo, mid, region, region, offered))
        if "globalCrossRegion" in codes:
            profiles.append(profile_for("global", mid, region, region,
                                        offered))
    return {"down": False, "models": mlist, "quotas": quotas,
            "profiles": profiles, "requests": []}


def apply_specials(regions):
    for region, mid, field, value in ACCESS:
        m = next(x for x in regions[region]["models"] if x["modelId"] == mid)
        m[field] = value
        if field == "agreementStatus" and value == "ERROR":
            m["agreementErrorMessage"] = (
                "The AWS Marketplace subscription for this model failed: "
                "aws-marketplace:Subscribe was denied")
        if field == "lifecycle":
            m["legacyTime"] = "2025-10-01T00:00:00Z"
            m["endOfLifeTime"] = "2026-09-10T00:00:00Z"
    for region, code, value in APPLIED:
        q = next(x for x in regions[region]["quotas"] if x["code"] == code)
        q["applied"] = value
    # One APPLICATION profile (a team's own, tagged profile).
    regions["us-east-1"]["profiles"].append({
        "id": "x7k2m9q4w1ab", "name": "audit-team-haiku", "type":
        "APPLICATION", "status": "ACTIVE", "models": [scn.model_arn(
            "us-east-1", "anthropic.claude-3-haiku-20240307-v1:0")],
        "description": "Cost tracking for the audit team",
        "created": "2025-09-15T08:30:00Z", "updated": "2025-09-15T08:30:00Z"})
    for region, code, desired, status, days in REQUESTS:
        reg = regions[region]
        q = next(x for x in reg["quotas"] if x["code"] == code)
        created = BASE_EPOCH - days * 86400 + 3723.417
        rid = scn.request_id(region, code, desired, created)
        case = None
        if status in ("CASE_OPENED", "CASE_CLOSED", "DENIED",
                      "NOT_APPROVED", "APPROVED"):
            case = str(10**9 + int(rid[:8], 16) % (9 * 10**9))
        reg["requests"].append({
            "id": rid, "quotaCode": code, "quotaName": q["name"],
            "desiredValue": desired, "status": status, "caseId": case,
            "created": created,
            "lastUpdated": created + (0.0 if status == "PENDING" else
                                      86400 * min(days, 3) + 61.25)})


SMALL_MODELS = {
    "us-east-1": ("anthropic.claude-3-haiku-20240307-v1:0",
                  "anthropic.claude-3-5-haiku-20241022-v1:0",
                  "anthropic.claude-3-opus-20240229-v1:0",
                  "anthropic.claude-opus-4-5-20251101-v1:0",
                  "anthropic.claude-sonnet-4-5-20250929-v1:0",
                  "amazon.nova-pro-v1:0", "cohere.embed-english-v3"),
    "us-west-2": ("anthropic.claude-3-haiku-20240307-v1:0",
                  "anthropic.claude-haiku-4-5-20251001-v1:0",
                  "anthropic.claude-opus-4-6-v1",
                  "mistral.mistral-large-2407-v1:0",
                  "moonshot.kimi-k2-thinking"),
}


def small(full):
    """A two-region cut of the default world for quick integration tests:
    every special case kept, page sizes tiny."""
    regions = {}
    for rname, keep in SMALL_MODELS.items():
        reg = full["regions"][rname]
        models = [m for m in reg["models"] if m["modelId"] in keep]
        special = {c for r, c, _ in APPLIED if r == rname} | \
            {c for r, c, _d, _s, _days in REQUESTS if r == rname}
        nulls = [q["code"] for q in reg["quotas"] if q["applied"] is None]
        fixed = [q["code"] for q in reg["quotas"] if not q["adjustable"]]
        codes = special | set(nulls[:2]) | set(fixed[:3]) | {
            q["code"] for q in reg["quotas"] if
            q["name"].startswith("(Guardrails)")}
        profiles = [p for p in reg["profiles"] if
                    p["models"][0].rsplit("/", 1)[1] in keep][:5]
        regions[rname] = {
            "down": False, "models": models,
            "quotas": [q for q in reg["quotas"] if q["code"] in codes],
            "profiles": profiles, "requests": reg["requests"]}
    return {"_about": "Two-region cut of default.json (make-scenario.py "
                      "--small) for fast integration tests.",
            "accounts": full["accounts"],
            "page_size": {"profiles": 2, "quotas": 5, "requests": 2},
            "regions": regions}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sample", required=True)
    ap.add_argument("--notes", required=True)
    ap.add_argument("--small", action="store_true",
                    help="write the two-region cut (small.json) instead")
    ap.add_argument("-o", "--output", default="-")
    args = ap.parse_args()
    with open(args.sample, encoding="utf-8") as f:
        sample = json.load(f)
    with open(args.notes, encoding="utf-8") as f:
        notes = f.read()
    models, rows, later = catalog(sample, notes)
    rng = random.Random(SEED)
    regions = {}
    for region in REGIONS:
        regions[region] = build_region(region, models, rows, later, rng)
    apply_specials(regions)
    out = {
        "_about": "Default world of the bedrock-audit AWS simulator, built "
                  "by sim/make-scenario.py from the project's notes on real "
                  "Bedrock data. Model IDs, providers, quota codes, June "
                  "2025 quota names/defaults and adjustability are real; "
                  "quotas marked _synth have a real code but a made-up "
                  "name or default; access states, applied values and "
                  "requests are chosen to exercise every audit path.",
        "accounts": ACCOUNTS,
        "page_size": {"profiles": 7, "quotas": 13, "requests": 5},
        "regions": regions,
    }
    if args.small:
        out = small(out)
    scn.check(out)
    scn.dump(out, args.output)


if __name__ == "__main__":
    main()
