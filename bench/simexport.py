#!/usr/bin/env python3
"""simexport.py: every reply of a simulator world, for bench/fastsim.

usage: python3 bench/simexport.py WORLD.json OUT.replay

The Python simulator (sim/awssim.py) is the reference: it builds each
reply once per world and caches the bytes.  This script asks its own
functions for every reply a full collection can need (each region's model
list, every availability, every page of profiles, applied quotas, default
quotas and quota requests, CloudWatch ListMetrics as bedrock-audit asks
it, GetCallerIdentity, and the Account ListRegions pages bedrock-audit
asks for the regions the account has enabled) and writes them with the
accounts to OUT, so that fastsim can serve the very same bytes without
spending the benchmark's CPU on Python.  Same world, same file.

What depends on the request or the clock is made by fastsim itself:
AssumeRole and the member accounts' GetCallerIdentity, and GetMetricData,
whose points come from the usage patterns written here ("W" lines: the
simulator's cw_patterns()) through the same formula as its cw_value().

Format (all text is UTF-8; LEN counts the bytes that follow the line):
  A <akid> <secret> <session token or -> <account>
  W <region> <model ID> <near|throttled> <quota value>
  R <service> <region> <operation> <argument or -> <content-type> <LEN>
  <LEN bytes of body>
"""

import json
import os
import sys
import types

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "sim"))
import awssim  # noqa: E402
import scenario as scenario_mod  # noqa: E402

PAGE_ITEMS = 100        # MaxResults both benchmark clients use
# Account ListRegions as bedrock-audit sends it (src/aws_account.c, its
# page size AWS_REGIONS_PAGE_ITEMS in include/aws.h); fastsim routes it
# by its NextToken only, so the reply is the one to this filter.
REGIONS_REQUEST = {"RegionOptStatusContains": ["ENABLED",
                                               "ENABLED_BY_DEFAULT"],
                   "MaxResults": 50}
# CloudWatch ListMetrics as bedrock-audit sends it (src/aws_cloudwatch.c,
# aws_req_list_metrics(): every series with a ModelId dimension); fastsim
# routes it by its NextToken only.
METRICS_REQUEST = {"Namespace": "AWS/Bedrock",
                   "Dimensions": [{"Name": "ModelId"}]}


def field(s):
    """A token for one space-separated field ("-" when empty)."""
    if not s:
        return "-"
    if any(c.isspace() for c in s):
        raise SystemExit("simexport: field with a space: %r" % s)
    return s


def pages(fetch, tok_key):
    """Follow a paginated builder: [(token sent, Resp)] until the end."""
    out, tok = [], None
    while True:
        r = fetch(tok)
        out.append((tok, r))
        nxt = json.loads(r.body).get(tok_key)
        if not nxt:
            return out
        tok = nxt


def region_replies(world, reg, acct):
    """(service, op, argument, Resp) for everything one region serves."""
    yield ("bedrock", "ListFoundationModels", None,
           awssim.bedrock_list_models(world, reg, {}))
    for m in reg.models:
        yield ("bedrock", "GetFoundationModelAvailability", m["modelId"],
               awssim.bedrock_availability(world, reg, m["modelId"]))
    for tok, r in pages(lambda t: awssim.bedrock_list_profiles(
            world, reg, acct, {} if t is None else {"nextToken": t}),
            "nextToken"):
        yield ("bedrock", "ListInferenceProfiles", tok, r)
    for op in ("ListServiceQuotas", "ListAWSDefaultServiceQuotas",
               "ListRequestedServiceQuotaChangeHistory"):
        def fetch(t, op=op):
            req = {"ServiceCode": "bedrock", "MaxResults": PAGE_ITEMS}
            if t is not None:
                req["NextToken"] = t
            return awssim.sq_dispatch(world, reg, acct, op,
                                      json.dumps(req).encode())
        for tok, r in pages(fetch, "NextToken"):
            yield ("servicequotas", op, tok, r)
    # The simulator's CloudWatch reads only world.cached and page_size.
    sim = types.SimpleNamespace(world=world)
    for tok, r in pages(lambda t: awssim.cw_list_metrics(sim, reg, dict(
            METRICS_REQUEST, **({} if t is None else {"NextToken": t}))),
            "NextToken"):
        yield ("monitoring", "ListMetrics", tok, r)


def main():
    if len(sys.argv) != 3:
        raise SystemExit("usage: simexport.py WORLD.json OUT.replay")
    world = awssim.World(scenario_mod.load(sys.argv[1]))
    acct = world.accounts["AKIDEXAMPLE"]
    tmp = sys.argv[2] + ".tmp"
    n = 0
    with open(tmp, "wb") as f:
        for a in world.accounts.values():
            f.write(("A %s %s %s %s\n" % (a.akid, a.secret,
                                          field(a.token), a.account)
                     ).encode())

        def put(service, region, op, arg, resp):
            f.write(("R %s %s %s %s %s %d\n" % (
                service, field(region), op, field(arg), resp.ctype,
                len(resp.body))).encode())
            f.write(resp.body)
            f.write(b"\n")
        for name in sorted(world.regions):
            pats = awssim.cw_patterns(world, world.regions[name])
            for mid, (kind, quota) in sorted(pats.items()):
                f.write(("W %s %s %s %r\n" % (name, field(mid), kind,
                                               quota)).encode())
        rid = "00000000-0000-4000-8000-000000000000"
        put("sts", None, "GetCallerIdentity", "xml",
            awssim.sts_identity(acct, rid, None))
        put("sts", None, "GetCallerIdentity", "json",
            awssim.sts_identity(acct, rid, "application/json"))
        # Account is global like STS: no region in the key.
        for tok, r in pages(lambda t: awssim.account_list_regions(
                world, json.dumps(dict(REGIONS_REQUEST, **(
                    {} if t is None else {"NextToken": t}))).encode()),
                "NextToken"):
            put("account", None, "ListRegions", tok, r)
            n += 1
        for name in sorted(world.regions):
            for service, op, arg, r in region_replies(
                    world, world.regions[name], acct):
                put(service, name, op, arg, r)
                n += 1
    os.replace(tmp, sys.argv[2])
    print(json.dumps({"replies": n + 2, "regions": len(world.regions)}))


if __name__ == "__main__":
    main()
