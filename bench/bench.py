#!/usr/bin/env python3
"""bench.py: the benchmark behind `make bench`.

usage: python3 bench/bench.py [--reps N] [--worlds small,medium,large]
           [--latencies 0,20] [--out DIR] [--no-sdk] [--no-year]
           [--usage-reps N] [--accounts 1,10,100] (--help: all)

Generates simulator worlds (sim/genworld.py), runs `bedrock-audit collect`
and the AWS SDK for JavaScript v3 reference collector (bench/sdk-collect.mjs)
against the same simulator at each injected latency, and prints one table:
wall time, user+sys CPU and peak RSS of each client (from wait4(2)), the
requests the simulator served and the CPU it spent (its own column, so it
is never mistaken for the client's), the latency bound, and the ratios.
Then, bedrock-audit alone on the large world at 20 ms: what reading usage
(CloudWatch) adds, and N member accounts (--accounts, AssumeRole).  Then:
database growth of an unchanged run, `report` and `diff` times on a
generated one-year database (bench/gendb.c), growth from medium to large,
and which targets are met.  Results also go to OUT/results.json and
OUT/table.txt.  Nothing here leaves 127.0.0.1.
"""

import argparse
import collections
import json
import math
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(TOP, "bedrock-audit")
GENDB = os.path.join(TOP, "bench", "out", "gendb")
RUSAGE = os.path.join(TOP, "bench", "out", "rusage")
FASTSIM = os.path.join(TOP, "bench", "out", "fastsim")
CURLFLOOR = os.path.join(TOP, "bench", "out", "curlfloor")
FLOOR_REPS = 3
SIMEXPORT = os.path.join(TOP, "bench", "simexport.py")
SDK = os.path.join(TOP, "bench", "sdk-collect.mjs")
SIM = os.path.join(TOP, "sim", "awssim.py")
GENWORLD = os.path.join(TOP, "sim", "genworld.py")

# name: (regions, models per region, quotas per region)
WORLDS = {"small": (3, 10, 20), "medium": (12, 60, 150),
          "large": (30, 150, 400)}
SEED = 1
QUOTA_PAGE = 100        # MaxResults both clients send; genworld's page size
ACCOUNT_KEY = ("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")

# The targets of the issue (large world, 20 ms).
T_WALL_OVER_BOUND = 1.3
T_WALL_RATIO = 3.0
T_CPU_RATIO = 30.0
T_RSS_KB = 24 * 1024
T_GROWTH_BYTES = 8 * 1024
T_REPORT_CPU_MS = 30.0
T_US_PER_REQUEST = 30.0
T_ACCOUNTS_RSS_KB = 64 * 1024   # issue 12: whatever the number of accounts
LINEAR_SLACK = 1.10     # timing noise allowed on "grows linearly"
GROWTH_RUNS = 10        # unchanged runs at 0 ms, for the database growth
SWEEP_CONCURRENCY = (32, 64, 128, 192, 256)
ENGINE_MAX_IN_FLIGHT = 256  # src/http.h HTTP_MAX_IN_FLIGHT_LIMIT
SWEEP_REPS = 2
USAGE_LATENCY_MS = 20   # the usage row (issue 13)
ACCOUNTS_LATENCY_MS = 20    # the many-accounts rows (issue 12)
ACCOUNTS_ROLE = "BenchRole"
ACCOUNTS_FIRST_ID = 200000000000    # member account IDs: this, +1, ...
# Before a member account's regions start, bedrock-audit assumes its
# role (STS AssumeRole), checks whose credentials they are
# (GetCallerIdentity) and asks which regions it has enabled (Account
# ListRegions): 3 dependent calls (src/cmd_collect.c,
# collect_member_prepare()).  One account's own: GetCallerIdentity and
# ListRegions.
MEMBER_PREP_CALLS = 3
# Above this many accounts only the first run is measured (100 accounts
# x 4,833 requests take 38 s at least at 20 ms: the throughput bound);
# --accounts-unchanged measures the unchanged run of every number.
ACCOUNTS_UNCHANGED_MAX = 10


def log(msg):
    print(msg, file=sys.stderr, flush=True)


class Sim:
    """A simulator in a child process, on a free loopback port: fastsim
    replaying the Python simulator's replies (engine "fast"), or the
    Python simulator itself (engine "python")."""

    def __init__(self, world, workdir, engine="fast"):
        port_file = os.path.join(workdir, "sim.port")
        if os.path.exists(port_file):
            os.unlink(port_file)
        self.engine = engine
        if engine == "fast":
            argv = [FASTSIM, "--replay", replay_file(world), "--quiet"]
        else:
            argv = [sys.executable, SIM, "--scenario", world, "--quiet"]
        self.proc = subprocess.Popen(argv + ["--port", "0", "--port-file",
                                             port_file])
        deadline = time.monotonic() + 30
        while not os.path.exists(port_file):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("bench: the simulator did not start")
            time.sleep(0.05)
        with open(port_file) as f:
            self.url = "http://127.0.0.1:%d" % int(f.read())

    def call(self, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + "/_sim/" + path, data=data,
                                     method="GET" if body is None else "POST")
        with urllib.request.urlopen(req, timeout=30) as r:
            return json.loads(r.read() or b"{}")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)


def client_env(workdir, sim_url):
    """The AWS environment of both clients: the simulator and nothing else."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("AWS_") and k != "BEDROCK_AUDIT_ALL_REGIONS"}
    home = os.path.join(workdir, "home")
    os.makedirs(home, exist_ok=True)
    env.update({
        "HOME": home, "XDG_STATE_HOME": os.path.join(home, "state"),
        "AWS_ACCESS_KEY_ID": ACCOUNT_KEY[0],
        "AWS_SECRET_ACCESS_KEY": ACCOUNT_KEY[1],
        "AWS_REGION": "us-east-1",
        "AWS_CONFIG_FILE": os.path.join(workdir, "aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": os.path.join(workdir, "aws-creds"),
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_ENDPOINT_URL": sim_url,
        # The SDK's notice about future Node versions is not a result.
        "NODE_NO_WARNINGS": "1",
    })
    return env


def measure(argv, env, stdout=subprocess.DEVNULL):
    """Run argv under bench/rusage: wall, user+sys CPU, peak RSS (KB)."""
    err = tempfile.TemporaryFile()
    fd, stats = tempfile.mkstemp(prefix="rusage.")
    os.close(fd)
    try:
        p = subprocess.run([RUSAGE, stats] + argv, env=env, stdout=stdout,
                           stderr=err)
        with open(stats) as f:
            r = json.load(f)
    except (OSError, ValueError):
        raise SystemExit("bench: %s: no figures (exit %d)" % (
            argv[0], p.returncode))
    finally:
        os.unlink(stats)
    err.seek(0)
    r["cpu"] = r["user"] + r["sys"]
    r["stderr"] = err.read().decode(errors="replace")[-2000:]
    return r


def median_run(runs):
    """Per-metric medians of repeated runs (counts from the first)."""
    out = dict(runs[0])
    for k in ("wall", "user", "sys", "cpu", "rss_kb", "requests",
              "sim_cpu"):
        out[k] = statistics.median(r[k] for r in runs)
    out["rss_max_kb"] = max(r["rss_kb"] for r in runs)
    out["reps"] = len(runs)
    return out


def db_size(path):
    """Bytes of the database once its WAL is checkpointed into it."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    con.close()
    size = os.path.getsize(path)
    wal = path + "-wal"
    return size + (os.path.getsize(wal) if os.path.exists(wal) else 0)


def collect_defaults():
    """Default --concurrency (from --help; None: the per-endpoint cap for
    every service and region, up to ENGINE_MAX_IN_FLIGHT) and the
    per-endpoint cap."""
    out = subprocess.run([BIN, "collect", "--help"], capture_output=True,
                         text=True).stdout
    m = re.search(r"--concurrency n .*\(default (\d+)\)", out)
    conc = int(m.group(1)) if m else None
    per_ep = 8
    try:
        with open(os.path.join(TOP, "src", "session.c")) as f:
            m = re.search(r"#define\s+SESSION_MAX_PER_ENDPOINT\s+(\d+)", f.read())
            per_ep = int(m.group(1)) if m else per_ep
    except OSError:
        pass
    return conc, per_ep


def world_shape(path):
    """Per region: models, quotas with an applied value, defaults, etc."""
    with open(path) as f:
        w = json.load(f)
    pages = w.get("page_size", {})
    shape = []
    for name, reg in sorted(w["regions"].items()):
        shape.append({
            "region": name, "models": len(reg.get("models", [])),
            "applied": sum(1 for q in reg.get("quotas", [])
                           if q.get("applied") is not None),
            "defaults": sum(1 for q in reg.get("quotas", [])
                            if q.get("default") is not None),
            "profiles": len(reg.get("profiles", [])),
            "requests": len(reg.get("requests", [])),
            "page_quotas": min(QUOTA_PAGE, pages.get("quotas", 100)),
            "page_profiles": pages.get("profiles", 1000),
            "page_requests": min(QUOTA_PAGE, pages.get("requests", 100)),
        })
    return shape


def world_conc(conc, per_ep, shape, accounts=1, usage=False):
    """Requests in flight at most for a world: "conc" if fixed, else
    per_ep for each endpoint, an endpoint being an (account, service,
    region): Bedrock and Service Quotas per region, CloudWatch too with
    usage, in each account; at most ENGINE_MAX_IN_FLIGHT in all."""
    if conc is not None:
        return conc
    services = 3 if usage else 2
    return min(ENGINE_MAX_IN_FLIGHT, per_ep * services * len(shape) *
               accounts)


def latency_bound(shape, requests, latency_ms, conc, per_ep, accounts=0,
                  usage=False):
    """
    The least wall time any client with bedrock-audit's caps needs at
    this latency: the larger of

    (a) throughput: every request once, at most "conc" in flight
        (world_conc(): per_ep per (account, service, region) endpoint,
        ENGINE_MAX_IN_FLIGHT in all), requests x latency / conc;

    (b) the critical path of dependent calls: the caller's STS
        GetCallerIdentity, then the account's preparation, then its
        longest region chain.  Preparation: one account (accounts 0, no
        --accounts) asks Account ListRegions (1 call); each member
        account of --accounts is AssumeRole, its GetCallerIdentity and
        its ListRegions (MEMBER_PREP_CALLS), and the accounts can be
        prepared side by side, so N accounts add no length to the path,
        only requests to (a).  A region chain is ListFoundationModels
        then the availability calls at per_ep at a time, or a paginated
        list page after page, or with usage ListMetrics then
        GetMetricData (2 calls, never the longest here).

    bound = max(a, b).  With 100 accounts of the large world (a) is
    483,000 requests x 20 ms / 256 = 37.7 s against (b) 24 x 20 ms: the
    bound is the engine's 256 in flight, not the latency of one chain.
    """
    lat = latency_ms / 1000.0
    conc = world_conc(conc, per_ep, shape, max(1, accounts), usage)
    throughput = requests * lat / conc
    path = 0
    for r in shape:
        pg = lambda n, size: max(1, math.ceil(n / size))
        chains = (1 + math.ceil(r["models"] / per_ep),
                  pg(r["applied"], r["page_quotas"]),
                  pg(r["defaults"], r["page_quotas"]),
                  pg(r["profiles"], r["page_profiles"]),
                  pg(r["requests"], r["page_requests"]),
                  2 if usage else 0)
        path = max(path, max(chains))
    calls = 1 + (MEMBER_PREP_CALLS if accounts > 0 else 1) + path
    critical = calls * lat
    return {"throughput_s": throughput, "critical_s": critical,
            "bound_s": max(throughput, critical), "critical_calls": calls,
            "conc": conc, "accounts": max(1, accounts)}


def sim_delta(sim, run):
    """Attach what the simulator saw during the run to its figures."""
    s = sim.call("stats")
    run["requests"] = s["requests_total"]
    run["sim_cpu"] = s["cpu_seconds"]
    run["statuses"] = s.get("status", {})
    return run


def run_client(sim, argv, env, stdout=subprocess.DEVNULL):
    sim.call("reset-stats", {})
    run = sim_delta(sim, measure(argv, env, stdout))
    if run["rc"] not in (0, 1):
        raise SystemExit("bench: %s failed (exit %d):\n%s" % (
            " ".join(argv[:2]), run["rc"], run["stderr"]))
    # fastsim has no faults: anything but 200 is a request it has no
    # reply for (its stderr says which), work the run did not measure.
    bad = {k: v for k, v in run["statuses"].items() if k != "200"}
    if sim.engine == "fast" and bad:
        raise SystemExit("bench: %s: fastsim answered %s (no reply for"
                         " these requests; see its stderr)" % (
                             " ".join(argv[:2]), ", ".join(
                                 "%s x%d" % kv for kv in sorted(bad.items()))))
    return run


def collect_argv(db, regions, usage=False):
    # --no-usage but in the usage and many-accounts rows: the SDK
    # collector reads no CloudWatch, so the rows that compare with it
    # stay like for like.
    return [BIN, "collect", "-q"] + ([] if usage else ["--no-usage"]) + [
        "--db", db, "--regions", ",".join(regions)]


def fresh_db(path):
    """Remove the database at "path" and its companions."""
    for suffix in ("", "-wal", "-shm", ".lock"):
        if os.path.exists(path + suffix):
            os.unlink(path + suffix)
    return path


def sdk_argv(out, regions):
    return ["node", SDK, "--regions", ",".join(regions), "--out", out]


def verify_same(db, sdk_out):
    """Both clients must have collected the same data: the same rows, each
    as many times (a row one side repeats or collapses is a difference).
    The differences go to stderr."""
    con = sqlite3.connect(db)
    ours = {
        "models": con.execute(
            "SELECT region, model_id, authorization_status,"
            " lifecycle_status, agreement_status FROM models_now"),
        # A quota is a code at a level and context: one code can be
        # listed for the account and for a resource, each with its own
        # values.
        "quotas": con.execute(
            "SELECT region, quota_code, applied_at_level, context_scope,"
            " context_id, applied_value, default_value FROM quotas_now"),
        "requests": con.execute(
            "SELECT region, request_id, status FROM quota_requests_now"),
        "profiles": con.execute(
            "SELECT region, profile_id FROM profiles_now"),
    }
    ours = {k: collections.Counter(v.fetchall()) for k, v in ours.items()}
    con.close()
    with open(sdk_out) as f:
        regions = json.load(f)["regions"]
    sdk = {k: collections.Counter() for k in ours}
    for r in regions:       # a region that failed has no data: it differs
        g = r["region"]
        sdk["models"].update((g, m["modelId"], m["authorization"],
                              m["lifecycle"], m["agreement"])
                             for m in r.get("models", []))
        sdk["quotas"].update((g, q["code"], q["level"], q["contextScope"],
                              q["contextId"], q["applied"], q["default"])
                             for q in r.get("quotas", []))
        sdk["requests"].update((g, q["id"], q["status"])
                               for q in r.get("requests", []))
        sdk["profiles"].update((g, p["id"]) for p in r.get("profiles", []))
    same = True
    for k in ours:
        if ours[k] == sdk[k]:
            continue
        same = False
        for side, extra in (("bedrock-audit only", ours[k] - sdk[k]),
                            ("SDK script only", sdk[k] - ours[k])):
            for row, n in sorted(extra.items(), key=repr)[:10]:
                log("  same data: %s: %s %r%s" % (
                    k, side, row, " x%d" % n if n > 1 else ""))
    out = {k: sum(v.values()) for k, v in ours.items()}
    out["same"] = same
    return out


def world_file(outdir, name):
    """Generate (or reuse, same arguments give the same bytes) a world."""
    path = os.path.join(outdir, "worlds", name + ".json")
    n_reg, n_mod, n_quo = WORLDS[name]
    if not os.path.exists(path) or (os.path.getmtime(path) <
                                    os.path.getmtime(GENWORLD)):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        subprocess.run([sys.executable, GENWORLD, "--regions", str(n_reg),
                        "--models", str(n_mod), "--quotas", str(n_quo),
                        "--seed", str(SEED), "-o", path + ".tmp"],
                       check=True)
        os.replace(path + ".tmp", path)
    return path


def replay_file(world):
    """The replies of "world" for fastsim (bench/simexport.py), cached."""
    path = world[:-len(".json")] + ".replay"
    newest = max(os.path.getmtime(f) for f in (world, SIMEXPORT, SIM))
    if not os.path.exists(path) or os.path.getmtime(path) < newest:
        subprocess.run([sys.executable, SIMEXPORT, world, path], check=True,
                       stdout=subprocess.DEVNULL)
    return path


def bench_latency(sim, env, work, name, lat, regions, reps, sdk):
    """Every client run of one world at one latency."""
    sim.call("config", {"latency_ms": lat})
    db = os.path.join(work, "%s-%d.db" % (name, lat))
    for suffix in ("", "-wal", "-shm", ".lock"):
        if os.path.exists(db + suffix):
            os.unlink(db + suffix)
    res = {"world": name, "latency_ms": lat}
    log("  %s, %d ms: bedrock-audit, first run (empty database)" % (name, lat))
    res["first"] = run_client(sim, collect_argv(db, regions), env)
    size0 = db_size(db)
    log("  %s, %d ms: bedrock-audit, unchanged runs x%d" % (name, lat, reps))
    runs, sizes = [], [size0]
    for i in range(max(reps, GROWTH_RUNS if lat == 0 else reps)):
        run = run_client(sim, collect_argv(db, regions), env)
        if i < reps:
            runs.append(run)
        sizes.append(db_size(db))
    # A new page now and then: the mean over several runs is the rate.
    steps = [b - a for a, b in zip(sizes, sizes[1:])]
    res["growth_bytes"] = max(steps)
    res["growth_mean"] = (sizes[-1] - size0) / len(steps)
    res["growth_runs"] = len(steps)
    res["ours"] = median_run(runs)
    if sdk:
        log("  %s, %d ms: SDK script x%d" % (name, lat, reps))
        sdk_out = os.path.join(work, "%s-%d.sdk.json" % (name, lat))
        res["sdk"] = median_run([run_client(sim, sdk_argv(sdk_out, regions),
                                            env) for _ in range(reps)])
        res["same_data"] = verify_same(db, sdk_out)
    return res


def bench_sweep(sim, env, work, name, shape, lat, per_ep):
    """--concurrency against the latency bound: the evidence for the
    default.  Unchanged runs, the median of SWEEP_REPS each."""
    sim.call("config", {"latency_ms": lat})
    db = os.path.join(work, "%s-sweep.db" % name)
    regions = [r["region"] for r in shape]
    run_client(sim, collect_argv(db, regions), env)
    out = []
    for c in SWEEP_CONCURRENCY:
        log("  %s, %d ms: --concurrency %d" % (name, lat, c))
        argv = collect_argv(db, regions) + ["--concurrency", str(c)]
        r = median_run([run_client(sim, argv, env)
                        for _ in range(SWEEP_REPS)])
        r["concurrency"] = c
        r["bound"] = latency_bound(shape, r["requests"], lat, c, per_ep)
        out.append(r)
    return out


def bench_usage(sim, env, work, shape, lat, reps, conc, per_ep):
    """
    Issue 13: what reading usage (CloudWatch) adds to a collect, in the
    two cases a user meets.  One collect --no-usage makes a database of
    the world's state ("base"); one collect with usage on a copy of it
    reads the 14-day window, and its usage windows are then moved back a
    day ("daily": a database whose usage was last read yesterday).
    Then, alternating, "reps" unchanged runs of each kind, each on a
    fresh copy: with usage on "daily" (the cron job's run: a day of
    minutes), with usage on "base" (the first run with usage: 14 days),
    and --no-usage on "daily".  The target is the daily run's; the first
    read, once per database, is shown beside it.
    """
    sim.call("config", {"latency_ms": lat})
    regions = [r["region"] for r in shape]
    base = fresh_db(os.path.join(work, "usage-base.db"))
    run_client(sim, collect_argv(base, regions), env)
    db_size(base)           # checkpointed: the copy is one file
    daily = fresh_db(os.path.join(work, "usage-daily.db"))
    with open(base, "rb") as f, open(daily, "wb") as g:
        g.write(f.read())
    run_client(sim, collect_argv(daily, regions, usage=True), env)
    con = sqlite3.connect(daily)
    con.execute("UPDATE region_run_usage SET window_start ="
                " window_start - 86400, window_end = window_end - 86400"
                " WHERE window_end IS NOT NULL")
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    kinds = (("daily", daily, True, "daily"), ("first", base, True, "first"),
             ("without", daily, False, "--no-usage"))
    runs = {k[0]: [] for k in kinds}
    for i in range(reps):
        for key, src, usage, what in kinds:
            log("  large, %d ms: bedrock-audit %s (%d of %d)" % (
                lat, what if usage else what, i + 1, reps))
            db = fresh_db(os.path.join(work, "usage-run.db"))
            with open(src, "rb") as f, open(db, "wb") as g:
                g.write(f.read())
            runs[key].append(run_client(sim, collect_argv(
                db, regions, usage=usage), env))
    out = {k: median_run(v) for k, v in runs.items()}
    out["walls"] = {k: [r["wall"] for r in v] for k, v in runs.items()}
    wo = out["without"]
    out["conc"] = world_conc(conc, per_ep, shape, 1, True)
    for key in ("daily", "first"):
        out[key]["extra"] = out[key]["requests"] - wo["requests"]
        out[key]["allowed_s"] = (out[key]["extra"] * lat / 1000.0 /
                                 out["conc"])
    out["latency_ms"] = lat
    for key, usage in (("daily", True), ("first", True), ("without", False)):
        out[key]["bound"] = latency_bound(shape, out[key]["requests"], lat,
                                          conc, per_ep, usage=usage)
    return out


def bench_accounts(sim, env, work, shape, lat, counts, conc, per_ep,
                   unchanged=False):
    """
    Issue 12: --accounts @FILE --role-name BenchRole, N member accounts
    of the same world (fastsim answers AssumeRole for any role and every
    member with the same replies), at the default concurrency and with
    usage read as a daily run does (the default: an unchanged run reads
    only the minutes since the last one, none or one here).  For each N:
    a first run into an empty database, then one unchanged run (up to
    ACCOUNTS_UNCHANGED_MAX accounts, or every N if "unchanged").
    """
    sim.call("config", {"latency_ms": lat})
    regions = [r["region"] for r in shape]
    out = []
    for n in counts:
        accts = os.path.join(work, "accounts-%d.txt" % n)
        with open(accts, "w") as f:
            f.write("".join("%012d\n" % (ACCOUNTS_FIRST_ID + i)
                            for i in range(n)))
        db = fresh_db(os.path.join(work, "accounts-%d.db" % n))
        argv = collect_argv(db, regions, usage=True) + [
            "--accounts", "@" + accts, "--role-name", ACCOUNTS_ROLE]
        res = {"accounts": n}
        for key, what in (("first", "first run"), ("ours", "unchanged run")):
            if key == "ours" and n > ACCOUNTS_UNCHANGED_MAX and \
                    not unchanged:
                break
            log("  large, %d ms: %d accounts, %s" % (lat, n, what))
            r = run_client(sim, argv, env)
            r["bound"] = latency_bound(shape, r["requests"], lat, conc,
                                       per_ep, accounts=n)
            res[key] = r
        os.unlink(accts)
        out.append(res)
        fresh_db(db)
    return out


def bench_world(outdir, work, name, lats, reps, sdk, conc, per_ep, year,
                slow_lats=(), usage_reps=0, accounts=(),
                accounts_unchanged=False):
    """Every run of world "name": "lats" with "reps" runs each, then
    "slow_lats" (the long latencies, where the wall is the latency's)
    with one run each; then, if asked, the usage rows ("usage_reps"
    runs with and without) and the many-accounts rows (each number of
    "accounts")."""
    path = world_file(outdir, name)
    shape = world_shape(path)
    regions = [r["region"] for r in shape]
    sim = Sim(path, work)
    out = []
    try:
        env = client_env(work, sim.url)
        for lat, n in [(l, reps) for l in lats] + [(l, 1) for l in
                                                   slow_lats]:
            res = bench_latency(sim, env, work, name, lat, regions, n,
                                sdk)
            res["bound"] = latency_bound(shape, res["ours"]["requests"], lat,
                                         conc, per_ep)
            out.append(res)
        at0 = [r for r in out if r["latency_ms"] == 0]
        if name == "large" and at0:
            log("  libcurl alone (bench/curlfloor)")
            at0[0]["floor"] = bench_floor(sim, at0[0]["ours"]["requests"],
                                          world_conc(conc, per_ep, shape))
        yr = bench_year(sim, env, work, regions) if year else None
        if year and 20 in lats:
            at20 = [r for r in out if r["latency_ms"] == 20][0]
            at20["sweep"] = bench_sweep(sim, env, work, name, shape, 20,
                                        per_ep)
        if usage_reps > 0 and out:
            out[0]["usage"] = bench_usage(sim, env, work, shape,
                                          USAGE_LATENCY_MS, usage_reps,
                                          conc, per_ep)
        if accounts and out:
            out[0]["accounts"] = bench_accounts(
                sim, env, work, shape, ACCOUNTS_LATENCY_MS, accounts, conc,
                per_ep, accounts_unchanged)
    finally:
        sim.stop()
    return out, yr


def bench_floor(sim, requests, in_flight):
    """libcurl and the kernel alone (bench/curlfloor): as many requests as
    the client's run, as many in flight, nothing signed, parsed or
    recorded, at 0 ms; the median of FLOOR_REPS runs."""
    sim.call("config", {"latency_ms": 0})
    runs = []
    for _ in range(FLOOR_REPS):
        p = subprocess.run([CURLFLOOR, sim.url + "/_sim/health",
                            str(requests), str(in_flight)],
                           capture_output=True, text=True)
        if p.returncode != 0:
            raise SystemExit("bench: curlfloor failed:\n" + p.stderr)
        runs.append(json.loads(p.stdout))
    return {"us": statistics.median(r["us_per_request"] for r in runs),
            "requests": requests, "in_flight": in_flight}


def bench_pysim(outdir, work, name, lats, sdk, conc, per_ep):
    """The same clients against the Python simulator, once each: shows
    what the numbers would measure if it served the benchmark."""
    path = world_file(outdir, name)
    shape = world_shape(path)
    regions = [r["region"] for r in shape]
    sim = Sim(path, work, engine="python")
    out = []
    try:
        env = client_env(work, sim.url)
        for lat in lats:
            log("  %s, %d ms, Python simulator" % (name, lat))
            res = bench_latency(sim, env, work, name + "-py", lat, regions, 1,
                                sdk)
            res["world"] = name
            res["bound"] = latency_bound(shape, res["ours"]["requests"], lat,
                                         conc, per_ep)
            out.append(res)
    finally:
        sim.stop()
    return out


def time_cmd(argv, env, reps=5):
    """Median wall (ms) and peak RSS of a read-only command."""
    runs = [measure(argv, env) for _ in range(reps)]
    bad = [r for r in runs if r["rc"] not in (0, 1)]
    if bad:
        raise SystemExit("bench: %s failed:\n%s" % (" ".join(argv[1:3]),
                                                    bad[0]["stderr"]))
    return {"ms": 1000 * statistics.median(r["wall"] for r in runs),
            "cpu_ms": 1000 * statistics.median(r["cpu"] for r in runs),
            "rss_kb": statistics.median(r["rss_kb"] for r in runs)}


def bench_year(sim, env, work, regions):
    """One real collect, then 364 generated days; time report and diff."""
    db = os.path.join(work, "year.db")
    for suffix in ("", "-wal", "-shm", ".lock"):
        if os.path.exists(db + suffix):
            os.unlink(db + suffix)
    log("  one-year database: first run, then bench/gendb (364 days)")
    sim.call("config", {"latency_ms": 0})
    run_client(sim, collect_argv(db, regions), env)
    t0 = time.monotonic()
    gen = subprocess.run([GENDB, "-d", db, "-n", "365", "-s", str(SEED)],
                         capture_output=True, text=True)
    if gen.returncode != 0:
        raise SystemExit("bench: gendb failed:\n" + gen.stderr)
    info = json.loads(gen.stdout)
    info["gen_s"] = time.monotonic() - t0
    info["bytes"] = db_size(db)
    cmds = {
        "report --since 24h": ["report", "--since", "24h"],
        "report --since 7d": ["report", "--since", "7d"],
        "report --from 1 (a year)": ["report", "--from", "1"],
        "diff (newest vs previous)": ["diff"],
        "diff --from 1 (a year)": ["diff", "--from", "1"],
        "status": ["status"],
    }
    info["times"] = {}
    for label, args in cmds.items():
        log("  one-year database: %s" % label)
        info["times"][label] = time_cmd([BIN] + args + ["--db", db], env)
    return info


def fmt_ratio(a, b):
    return "%.1fx" % (a / b) if b > 0 else "-"


def table_rows(results):
    """The main table: one line per client run, then the ratios."""
    hdr = ("world", "latency", "client", "wall s", "user s", "sys s",
           "CPU s", "RSS MB", "requests", "sim CPU s", "bound s",
           "wall/bound")
    rows = [hdr]
    for r in results:
        n_reg, n_mod, n_quo = WORLDS[r["world"]]
        where = "%s %dx%dx%d" % (r["world"], n_reg, n_mod, n_quo)
        b = r["bound"]["bound_s"]
        for label, key in (("bedrock-audit, 1st run", "first"),
                           ("bedrock-audit", "ours"), ("SDK v3 script", "sdk")):
            x = r.get(key)
            if x is None:
                continue
            ours = key != "sdk"
            rows.append((where, "%d ms" % r["latency_ms"], label,
                         "%.3f" % x["wall"], "%.3f" % x["user"],
                         "%.3f" % x["sys"], "%.3f" % x["cpu"],
                         "%.1f" % (x["rss_kb"] / 1024), "%d" % x["requests"],
                         "%.2f" % x["sim_cpu"],
                         "%.3f" % b if ours and b > 0 else "",
                         "%.2f" % (x["wall"] / b) if ours and b > 0 else ""))
            where = ""
        if "sdk" in r:
            s, o = r["sdk"], r["ours"]
            rows.append(("", "", "SDK / bedrock-audit",
                         fmt_ratio(s["wall"], o["wall"]), "", "",
                         fmt_ratio(s["cpu"], o["cpu"]),
                         fmt_ratio(s["rss_kb"], o["rss_kb"]), "", "", "",
                         ""))
    return rows


def render(rows):
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for j, r in enumerate(rows):
        cells = [str(c).ljust(w) if i < 3 else str(c).rjust(w)
                 for i, (c, w) in enumerate(zip(r, widths))]
        lines.append("  ".join(cells).rstrip())
        if j == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def conc_text(conc, per_ep):
    if conc is not None:
        return "%d" % conc
    return "%d per service and region, at most %d" % (per_ep,
                                                       ENGINE_MAX_IN_FLIGHT)


def bound_lines(results, conc, per_ep):
    out = ["Latency bound of bedrock-audit (%s requests in flight, %d per"
           " endpoint):" % (conc_text(conc, per_ep), per_ep)]
    for r in results:
        if r["latency_ms"] == 0:
            continue
        b = r["bound"]
        out.append("  %-6s %2d ms: %d requests x %d ms / %d = %.3f s;"
                   " critical path %d dependent calls = %.3f s;"
                   " bound %.3f s" % (
                       r["world"], r["latency_ms"], r["ours"]["requests"],
                       r["latency_ms"], b["conc"], b["throughput_s"],
                       b["critical_calls"], b["critical_s"], b["bound_s"]))
    return out


def usage_lines(results):
    """Issue 13: the usage rows (bedrock-audit only)."""
    r = next((x["usage"] for x in results if "usage" in x), None)
    if r is None:
        return []
    wo = r["without"]
    rows = [("run", "wall s", "CPU s", "RSS MB", "requests", "sim CPU s",
             "bound s", "wall/bound")]
    for label, x in (("--no-usage", wo),
                     ("with usage, daily (a day of minutes)", r["daily"]),
                     ("with usage, first read (14 days)", r["first"])):
        b = x["bound"]["bound_s"]
        rows.append((label, "%.3f" % x["wall"], "%.3f" % x["cpu"],
                     "%.1f" % (x["rss_kb"] / 1024), "%d" % x["requests"],
                     "%.2f" % x["sim_cpu"], "%.3f" % b,
                     "%.2f" % (x["wall"] / b)))
    for key, label in (("daily", "daily adds"), ("first", "first adds")):
        w = r[key]
        rows.append((label, "%+.3f" % (w["wall"] - wo["wall"]),
                     "%+.3f" % (w["cpu"] - wo["cpu"]),
                     "%+.1f" % ((w["rss_kb"] - wo["rss_kb"]) / 1024),
                     "%+d" % w["extra"], "", "", ""))
    return (["Usage (issue 13; bedrock-audit only, the SDK script reads no"
             " CloudWatch): large, %d ms, unchanged state, median of %d"
             " alternating runs, each on a copy of a database whose usage"
             " was last read a day before (daily) or never (first"
             " read):" % (r["latency_ms"], wo["reps"])] + render(rows) +
            ["  allowed: extra requests x %d ms / %d in flight: daily"
             " %.4f s, first %.4f s; walls daily %s, first %s, without %s"
             % (r["latency_ms"], r["conc"], r["daily"]["allowed_s"],
                r["first"]["allowed_s"],
                " ".join("%.3f" % x for x in r["walls"]["daily"]),
                " ".join("%.3f" % x for x in r["walls"]["first"]),
                " ".join("%.3f" % x for x in r["walls"]["without"])), ""])


def accounts_lines(results):
    """Issue 12: the many-accounts rows."""
    acc = next((x["accounts"] for x in results if "accounts" in x), None)
    if not acc:
        return []
    rows = [("accounts", "run", "wall s", "user s", "sys s", "CPU s",
             "RSS MB", "requests", "us/request", "sim CPU s", "bound s",
             "wall/bound")]
    notes = []
    for a in acc:
        for key, label in (("first", "1st run"), ("ours", "unchanged")):
            if key not in a:
                continue
            x, b = a[key], a[key]["bound"]
            rows.append(("%d" % a["accounts"] if key == "first" else "",
                         label, "%.3f" % x["wall"], "%.3f" % x["user"],
                         "%.3f" % x["sys"], "%.3f" % x["cpu"],
                         "%.1f" % (x["rss_kb"] / 1024),
                         "%d" % x["requests"],
                         "%.0f" % (1e6 * x["cpu"] / max(1, x["requests"])),
                         "%.2f" % x["sim_cpu"], "%.3f" % b["bound_s"],
                         "%.2f" % (x["wall"] / b["bound_s"])))
            notes.append("  %3d accounts, %-9s: %d requests x %d ms / %d ="
                         " %.3f s; critical path %d dependent calls ="
                         " %.3f s; bound %.3f s" % (
                             a["accounts"], label, x["requests"],
                             ACCOUNTS_LATENCY_MS, b["conc"],
                             b["throughput_s"], b["critical_calls"],
                             b["critical_s"], b["bound_s"]))
    return (["Many accounts (issue 12): large world (30 regions) x N member"
             " accounts, %d ms, --accounts @FILE --role-name %s, default"
             " concurrency, usage read (the default):" % (
                 ACCOUNTS_LATENCY_MS, ACCOUNTS_ROLE)] + render(rows) +
            ["Latency bound with N accounts (%d in flight at most; each"
             " account prepared in %d dependent calls, side by side):" % (
                 ENGINE_MAX_IN_FLIGHT, MEMBER_PREP_CALLS)] + notes + [""])


def year_lines(yr):
    if yr is None:
        return []
    out = ["One-year database (large world, %d daily runs, %d changes,"
           " %.1f MB, generated in %.1f s):" % (
               yr["runs"], yr["changes"], yr["bytes"] / 1e6, yr["gen_s"])]
    for label, t in yr["times"].items():
        out.append("  %-28s %7.1f ms  %7.1f ms CPU  %5.1f MB RSS" % (
            label, t["ms"], t["cpu_ms"], t["rss_kb"] / 1024))
    return out


def find(results, world, lat):
    for r in results:
        if r["world"] == world and r["latency_ms"] == lat:
            return r
    return None


def sweep_lines(results, conc):
    rows = [("--concurrency", "bound s", "wall s", "wall/bound", "CPU s",
             "RSS MB")]
    for r in results:
        for x in r.get("sweep", []):
            b = x["bound"]["bound_s"]
            c = x["concurrency"]
            dflt = c == (conc if conc is not None else ENGINE_MAX_IN_FLIGHT)
            rows.append(("%d%s" % (c, " (as the default)" if dflt else ""),
                         "%.3f" % b, "%.3f" % x["wall"],
                         "%.2f" % (x["wall"] / b), "%.3f" % x["cpu"],
                         "%.1f" % (x["rss_max_kb"] / 1024)))
    if len(rows) == 1:
        return []
    return (["Concurrency sweep (large, 20 ms, unchanged runs, median of %d;"
             " 8 per endpoint):" % SWEEP_REPS] + render(rows) + [""])


def linear_lines(results, base_rss_kb):
    """Medium -> large: growth of the work against growth of the cost."""
    out = []
    for lat in sorted({r["latency_ms"] for r in results}):
        m, l = find(results, "medium", lat), find(results, "large", lat)
        if m is None or l is None:
            continue
        work = l["ours"]["requests"] / m["ours"]["requests"]
        f = lambda k, a=l, b=m: a["ours"][k] / b["ours"][k]
        rss_above = ((l["ours"]["rss_kb"] - base_rss_kb) /
                     max(1, m["ours"]["rss_kb"] - base_rss_kb))
        out.append("  %2d ms: requests x%.2f; wall x%.2f, CPU x%.2f, RSS x%.2f"
                   " (x%.2f above the %.1f MB of `whoami`)" % (
                       lat, work, f("wall"), f("cpu"), f("rss_kb"),
                       rss_above, base_rss_kb / 1024))
        r = {"lat": lat, "work": work, "wall": f("wall"), "cpu": f("cpu"),
             "rss_above": rss_above}
        l.setdefault("linear", r)
    if out:
        out.insert(0, "Growth from medium to large (bedrock-audit, unchanged"
                   " runs):")
    return out


def targets(results, yr):
    """(what, measured, target, met) for each target of the issue."""
    out = []
    l20 = find(results, "large", 20)
    if l20 is not None:
        o, f, b = l20["ours"], l20["first"], l20["bound"]["bound_s"]
        out.append(("wall <= 1.3x latency bound (large, 20 ms)",
                    "%.2fx (%.3f s / %.3f s); 1st run %.2fx" % (
                        o["wall"] / b, o["wall"], b, f["wall"] / b),
                    "<= %.1fx" % T_WALL_OVER_BOUND,
                    o["wall"] <= T_WALL_OVER_BOUND * b))
        if "sdk" in l20:
            s = l20["sdk"]
            out.append(("wall >= 3x faster than the SDK script",
                        "%.1fx (%.3f s vs %.3f s); 1st run %.1fx" % (
                            s["wall"] / o["wall"], s["wall"], o["wall"],
                            s["wall"] / f["wall"]),
                        ">= %.0fx" % T_WALL_RATIO,
                        s["wall"] >= T_WALL_RATIO * o["wall"]))
            out.append(("CPU >= 30x less than the SDK script",
                        "%.1fx (%.3f s vs %.3f s); 1st run %.1fx" % (
                            s["cpu"] / o["cpu"], s["cpu"], o["cpu"],
                            s["cpu"] / f["cpu"]),
                        ">= %.0fx" % T_CPU_RATIO,
                        s["cpu"] >= T_CPU_RATIO * o["cpu"]))
    for r in results:
        if r["world"] != "large" or r["latency_ms"] in (0, 20):
            continue
        o, b = r["ours"], r["bound"]["bound_s"]
        out.append(("wall <= 1.3x latency bound (large, %d ms)" %
                    r["latency_ms"],
                    "%.2fx (%.3f s / %.3f s)%s" % (
                        o["wall"] / b, o["wall"], b,
                        "; SDK %.1fx slower" % (r["sdk"]["wall"] / o["wall"])
                        if "sdk" in r else ""),
                    "<= %.1fx" % T_WALL_OVER_BOUND,
                    o["wall"] <= T_WALL_OVER_BOUND * b))
    for lat in (0, 20):
        r = find(results, "large", lat)
        if r is None:
            continue
        o = r["ours"]
        us = 1e6 * o["cpu"] / o["requests"]
        fl = r.get("floor")
        out.append(("client CPU per signed request (large, %d ms)" % lat,
                    "%.0f us (%.3f s / %d)%s" % (
                        us, o["cpu"], o["requests"],
                        "; libcurl alone, %d in flight: %.0f us" % (
                            fl["in_flight"], fl["us"]) if fl else ""),
                    "<= %.0f us" % T_US_PER_REQUEST,
                    us <= T_US_PER_REQUEST))
    large = [r for r in results if r["world"] == "large"]
    if large:
        rss = max(max(r["ours"]["rss_max_kb"], r["first"]["rss_kb"])
                  for r in large)
        out.append(("peak RSS <= 24 MB (large, every run)",
                    "%.1f MB" % (rss / 1024), "<= 24 MB", rss <= T_RSS_KB))
    l0 = find(results, "large", 0) or l20
    if l0 is not None:
        g = l0["growth_bytes"]
        out.append(("unchanged run grows the database <= 8 KB (large)",
                    "%d bytes at most, %.0f on average over %d runs" % (
                        g, l0["growth_mean"], l0["growth_runs"]),
                    "<= 8192 bytes", g <= T_GROWTH_BYTES))
    u = next((x["usage"] for x in results if "usage" in x), None)
    if u is not None:
        w, wo = u["daily"], u["without"]
        out.append(("usage adds <= extra requests x latency / concurrency"
                    " (large, %d ms, daily run)" % u["latency_ms"],
                    "%+.3f s wall, %+.3f s CPU (%d extra requests)" % (
                        w["wall"] - wo["wall"], w["cpu"] - wo["cpu"],
                        w["extra"]),
                    "<= %.4f s" % w["allowed_s"],
                    w["wall"] - wo["wall"] <= w["allowed_s"]))
    acc = next((x["accounts"] for x in results if "accounts" in x), None)
    if acc:
        big = acc[-1]
        for key, label in (("ours", "unchanged"), ("first", "1st run")):
            if key not in big:
                continue
            o, b = big[key], big[key]["bound"]["bound_s"]
            out.append(("wall <= 1.3x latency bound (%d accounts x 30"
                        " regions, %d ms, %s)" % (
                            big["accounts"], ACCOUNTS_LATENCY_MS, label),
                        "%.2fx (%.3f s / %.3f s)" % (o["wall"] / b,
                                                     o["wall"], b),
                        "<= %.1fx" % T_WALL_OVER_BOUND,
                        o["wall"] <= T_WALL_OVER_BOUND * b))
        peak = [(a["accounts"], max(a[k]["rss_kb"] for k in ("first", "ours")
                                    if k in a)) for a in acc]
        rss = max(kb for _, kb in peak)
        out.append(("peak RSS <= 64 MB whatever the number of accounts",
                    "%.1f MB (%s)" % (rss / 1024, ", ".join(
                        "%d accounts %.1f" % (n, kb / 1024)
                        for n, kb in peak)),
                    "<= 64 MB", rss <= T_ACCOUNTS_RSS_KB))
    if yr is not None:
        t = yr["times"]["report --since 24h"]
        out.append(("report --since 24h on the one-year database",
                    "%.1f ms CPU (%.1f ms wall)" % (t["cpu_ms"], t["ms"]),
                    "<= %.0f ms CPU" % T_REPORT_CPU_MS,
                    t["cpu_ms"] <= T_REPORT_CPU_MS))
    for r in results:
        lin = r.get("linear")
        if lin is None:
            continue
        ok = max(lin["wall"], lin["cpu"], lin["rss_above"]) <= \
            lin["work"] * LINEAR_SLACK
        out.append(("time and memory grow linearly, medium -> large, %d ms"
                    % lin["lat"],
                    "work x%.2f: wall x%.2f, CPU x%.2f, RSS x%.2f" % (
                        lin["work"], lin["wall"], lin["cpu"],
                        lin["rss_above"]),
                    "<= work x%.2f" % LINEAR_SLACK, ok))
    return out


def header_lines(conc, per_ep):
    def out(argv):
        try:
            return subprocess.run(argv, capture_output=True, text=True,
                                  timeout=30).stdout.strip()
        except OSError:
            return "?"
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            m = re.search(r"model name\s*:\s*(.*)", f.read())
            cpu = m.group(1) if m else cpu
    except OSError:
        pass
    try:
        with open(os.path.join(TOP, "bench", "package-lock.json")) as f:
            pk = json.load(f)["packages"]
        sdk = ", ".join("%s %s" % (n.split("node_modules/")[-1], v["version"])
                        for n, v in sorted(pk.items())
                        if n.startswith("node_modules/@aws-sdk/client-"))
    except (OSError, KeyError, ValueError):
        sdk = "?"
    return [
        "bedrock-audit bench, %s UTC, %d CPUs (%s)" % (
            time.strftime("%Y-%m-%d %H:%M", time.gmtime()), os.cpu_count(),
            cpu),
        "bedrock-audit: default --concurrency %s, %d per endpoint; %s" % (
            conc_text(conc, per_ep), per_ep,
            out(["curl-config", "--version"]) or "libcurl"),
        "SDK script: node %s, %s; regions in parallel, 8 availability calls"
        " at a time per region" % (out(["node", "--version"]), sdk),
    ]


def report_lines(results, pyres, yr, base, conc, per_ep, loads):
    lines = header_lines(conc, per_ep) + [
        "Load average before and after (other processes share the machine):"
        " %s / %s" % loads, "",
        "Against fastsim (bench/fastsim.c: the Python simulator's replies,"
        " replayed from C):"]
    lines += render(table_rows(results)) + [""]
    lines += bound_lines(results, conc, per_ep) + [""]
    lines += sweep_lines(results, conc)
    lines += usage_lines(results)
    lines += accounts_lines(results)
    if pyres:
        lines += ["The same runs against the Python simulator (sim/awssim.py),"
                  " once each; its CPU (\"sim CPU s\") is the limit at 0 ms:"]
        lines += render(table_rows(pyres)) + [""]
    lines += ["Database growth of an unchanged run (bytes: largest single"
              " run / mean, over N runs): " + ", ".join(
                  "%s %d ms %d / %.0f (%d)" % (
                      r["world"], r["latency_ms"], r["growth_bytes"],
                      r["growth_mean"], r["growth_runs"])
                  for r in results), ""]
    same = [r for r in results if "same_data" in r]
    if same:
        lines += ["Same data from both clients (models, quotas, requests,"
                  " profiles compared): " + ", ".join(
                      "%s %d ms %s" % (r["world"], r["latency_ms"],
                                       "yes" if r["same_data"]["same"]
                                       else "NO") for r in same), ""]
    lines += year_lines(yr) + [""]
    lines += linear_lines(results, base["rss_kb"]) + [""]
    tg = targets(results, yr)
    lines += ["Targets:"] + render(
        [("target", "measured", "wanted", "met")] +
        [(t[0], t[1], t[2], "yes" if t[3] else "NO") for t in tg])
    return lines, tg


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reps", type=int, default=3,
                    help="runs per client and setting (median reported)")
    ap.add_argument("--worlds", default="small,medium,large")
    ap.add_argument("--latencies", default="0,20")
    ap.add_argument("--slow-latencies", default="100,250",
                    help="latencies (ms) also run on the large world, once"
                    " each: latency hiding (\"\" for none)")
    ap.add_argument("--out", default=os.path.join(TOP, "bench", "out"))
    ap.add_argument("--no-sdk", action="store_true")
    ap.add_argument("--no-year", action="store_true")
    ap.add_argument("--no-pysim", action="store_true",
                    help="skip the runs against the Python simulator")
    ap.add_argument("--usage-reps", type=int, default=3,
                    help="large world: runs with and without usage, for"
                    " the usage row (0: none)")
    ap.add_argument("--accounts", default="1,10,100",
                    help="large world: numbers of member accounts of the"
                    " many-accounts rows (\"\" for none)")
    ap.add_argument("--accounts-unchanged", action="store_true",
                    help="also an unchanged run above %d accounts" %
                    ACCOUNTS_UNCHANGED_MAX)
    a = ap.parse_args()
    accounts = [int(x) for x in a.accounts.split(",") if x != ""]
    worlds = [w for w in a.worlds.split(",") if w]
    lats = [int(x) for x in a.latencies.split(",") if x != ""]
    slow = [int(x) for x in a.slow_latencies.split(",") if x != "" and
            int(x) not in lats]
    for w in worlds:
        if w not in WORLDS:
            raise SystemExit("bench: unknown world %s" % w)
    for f in [BIN, RUSAGE, FASTSIM, CURLFLOOR] + ([] if a.no_year else
                                                   [GENDB]):
        if not os.access(f, os.X_OK):
            raise SystemExit("bench: %s missing: run `make bench`" % f)
    os.makedirs(a.out, exist_ok=True)
    conc, per_ep = collect_defaults()
    t0 = time.monotonic()
    load0 = "%.2f" % os.getloadavg()[0]
    results, pyres, yr = [], [], None
    with tempfile.TemporaryDirectory(prefix="bedrock-audit-bench.") as work:
        base = measure([BIN, "whoami"], client_env(work, "http://127.0.0.1:9"))
        for w in worlds:
            log("bench: world %s" % w)
            big = w == "large"
            res, y = bench_world(a.out, work, w, lats, a.reps, not a.no_sdk,
                                 conc, per_ep, big and not a.no_year,
                                 slow if big else (),
                                 a.usage_reps if big else 0,
                                 accounts if big else (),
                                 a.accounts_unchanged)
            results += res
            yr = y or yr
        if "large" in worlds and not a.no_pysim:
            log("bench: world large, Python simulator")
            pyres = bench_pysim(a.out, work, "large", lats, not a.no_sdk,
                                conc, per_ep)
    loads = (load0, "%.2f" % os.getloadavg()[0])
    lines, tg = report_lines(results, pyres, yr, base, conc, per_ep, loads)
    lines += ["", "(bench took %.0f s)" % (time.monotonic() - t0)]
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    with open(os.path.join(a.out, "table.txt"), "w") as f:
        f.write(text)
    with open(os.path.join(a.out, "results.json"), "w") as f:
        json.dump({"results": results, "python_sim": pyres, "year": yr,
                   "targets": tg, "concurrency": conc,
                   "per_endpoint": per_ep, "loadavg": loads,
                   "baseline_rss_kb": base["rss_kb"]}, f, indent=1)
    bad = [r for r in results + pyres
           if "same_data" in r and not r["same_data"]["same"]]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
