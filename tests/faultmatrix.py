#!/usr/bin/env python3
"""The fault matrix: `bedrock-audit collect` against the simulator with
one kind of fault at a time, on a world that does not change.

usage: faultmatrix.py [--world FILE] [--bin PATH] [--quick] [--seed N]
                      [--jobs N] [--max-attempts N] [--attempt-timeout S]
                      [--concurrency N] [--only NAME[,NAME...]]
                      [--results FILE] [--keep] [-v[v]]

Each worker starts two simulators on 127.0.0.1 (subprocesses): the main
one serves Bedrock and Service Quotas and carries the faults; the other
serves STS, so that a fault meant for the regions does not end the run at
GetCallerIdentity (the "sts" cells point STS at the main one on purpose).
A worker collects once on the unchanged world (the baseline), then runs
each cell on a copy of that database.  A cell is a fault at 10% or 30% of
the requests, or at 100% in one region, plus the cases that are not a
rate: clock skew, regions down, an endpoint that refuses connections, an
expired key, a token that expires part-way, faults on STS.  The "mixed"
cells are a bad day: throttling, 5xx, resets, truncated replies and
connections held then closed, together at 30% or 50% of the requests,
with the default settings (AWS_MAX_ATTEMPTS, api_call_attempt_timeout
and, in the full matrix, --timeout): later rounds must complete every
region at 30%.

Every cell asserts:
  * the exit status is 0 when every region completed (or is an opt-in
    region not enabled), 3 when some failed or are partial (something is
    unknown), 4 when none was recorded (or STS failed), and runs.status
    agrees;
  * every region has one region_runs row; a failed or partial one names
    the error code (and HTTP status) that this fault must produce for
    the service of the failed operation, and stderr names the region and
    the code; a partial one lists what it did not learn
    (region_run_unknown, as many as unknown_count);
  * the regions that must fail (or be partial) did, and with a
    one-region fault the others did not; a fault on one operation leaves
    its region partial with that part unknown; a region the account has
    not enabled is not_enabled;
  * the *_now views equal the world for the regions that completed
    (verify_db.py with --skip) and, since the world did not change, for
    the failed ones too: they keep the baseline state;
  * no change was recorded (the changes view is empty) and no state row
    was added: nothing happened that the world did not do;
  * the fault was really injected; the database passes quick_check; no
    sanitizer report on stderr;
  * a "mixed" cell at 30%: every region completed (exit 0).
Prints the matrix (fault x rate: exit, regions ok/failed, codes, faults
injected, requests, wall time) and exits 1 if any assertion failed.
The fault generator is seeded per cell, so a rerun injects the same
faults into the same request sequence; the assertions do not depend on
which requests the faults hit.
"""
import argparse
import json
import math
import os
import queue
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import zlib

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, "tests"))
import verify_db  # noqa: E402

SESSION_KEY = "ASIASIMEXAMPLESESS1"	# the simulator's key with a token
EXPIRED_KEY = "ASIASIMEXAMPLEEXPD1"	# its token expired in 2024
HOME_REGION = "us-east-1"
ONE_REGION = "us-west-2"		# the target of the 100% cells
# The parts of a region behind each service's endpoint.
_BEDROCK_PARTS = {"models", "model_access", "profiles"}
_QUOTA_PARTS = {"quotas", "requests"}
SERVICE_PARTS = {p: _BEDROCK_PARTS for p in _BEDROCK_PARTS}
SERVICE_PARTS.update({p: _QUOTA_PARTS for p in _QUOTA_PARTS})
COLLECT_TIMEOUT_S = 600			# a cell that hangs fails
SIM_START_S = 20

BEDROCK_OPS = {"ListFoundationModels", "GetFoundationModelAvailability",
               "ListInferenceProfiles"}
QUOTAS_OPS = {"ListServiceQuotas", "ListAWSDefaultServiceQuotas",
              "ListRequestedServiceQuotaChangeHistory"}
PAGINATED_OPS = {"ListInferenceProfiles", "ListServiceQuotas",
                 "ListAWSDefaultServiceQuotas",
                 "ListRequestedServiceQuotaChangeHistory"}
PAGE_KINDS = {"endless_token", "repeat_token"}
# A rate cell must inject a fault when it expects at least this many:
# P(none) = (1 - rate)^n is then below 0.1%.
MIN_EXPECTED_FAULTS = 7
STATE_TABLES = ("model_state", "quota_state", "profile_state",
                "quota_request_state")

# What a failed region must carry for each fault: per service, the set
# of (error_code, http_status) pairs; None is "no HTTP reply".
def _both(*pairs):
    return {"bedrock": set(pairs), "quotas": set(pairs)}


EXPECT = {
    "throttle": {"bedrock": {("ThrottlingException", 429)},
                 "quotas": {("TooManyRequestsException", 400)}},
    "throttle400": _both(("ThrottlingException", 400)),
    "error500": {"bedrock": {("InternalServerException", 500)},
                 "quotas": {("ServiceException", 500)}},
    "error503": _both(("ServiceUnavailableException", 503)),
    "reset": _both(("ConnectionReset", None)),
    "timeout": _both(("Timeout", None)),
    # libcurl: "transfer closed with N bytes remaining" (PARTIAL_FILE).
    "truncated": _both(("ConnectionReset", None)),
    "malformed": _both(("InvalidReply", 200)),
    "wrongtypes": _both(("InvalidReply", 200)),
    # A token that leads to the same page again: the parser sees the
    # page's items twice ("duplicate ...") unless the page is empty...
    "endless_token": _both(("TooManyPages", 200), ("InvalidReply", 200)),
    # ... and on an empty list the pages never end: the page ceiling.
    "endless_empty": _both(("TooManyPages", 200)),
    # The request's own token back; on the last page (no token of its
    # own) a token to that same page, so the next reply repeats it.
    "repeat_token": _both(("RepeatingNextToken", 200), ("InvalidReply", 200)),
    "huge": _both(("ResponseTooLarge", None)),
    "expired_token": _both(("ExpiredTokenException", 403)),
    "skew": _both(("InvalidSignatureException", 403)),
    "down": _both(("ConnectionReset", None)),
    "refused": _both(("ConnectionRefused", None)),
    "deadline": _both(("DeadlineExceeded", None)),
    # an opt-in region is no failure: nothing may carry an error
    "not_enabled": _both(),
}
# A bad day: the transient kinds at once.  "timeout" keeps the sim's own
# hold (10 s), shorter than the default attempt timeout: the connection
# is closed on the client, a reset.
MIXED_KINDS = ("throttle", "error500", "error503", "reset", "truncated",
               "timeout")
EXPECT["mixed"] = {svc: set().union(*(EXPECT[k][svc] for k in MIXED_KINDS))
                   | {("DeadlineExceeded", None)}
                   for svc in ("bedrock", "quotas")}


# What stderr must show when the fault hits GetCallerIdentity.
STS_CODE = {
    "throttle": "Throttling", "error500": "InternalFailure",
    "error503": "ServiceUnavailable", "reset": "ConnectionReset",
    "expired_token": "ExpiredToken", "expired_key": "ExpiredToken",
    "skew": "SignatureDoesNotMatch", "malformed": None, "huge":
    "ResponseTooLarge",
}

# An InvalidReply must come with the parser's reason on stderr
# ("ListServiceQuotas: duplicate QuotaCode ..."): this one, for a fault
# that makes pages repeat, or any reason.
INVALID_REASON = {"endless_token": "duplicate", "repeat_token": "duplicate"}

RATE_KINDS = ("throttle", "throttle400", "error500", "error503", "reset",
              "timeout", "truncated", "malformed", "wrongtypes",
              "endless_token", "repeat_token", "huge", "expired_token")


class Cell:
    """One run of collect under one fault."""

    def __init__(self, fault, label, rules=(), expect=None, **kw):
        self.fault = fault		# row of the table
        self.label = label		# column: "10%", "30%", "1 region" ...
        self.rules = list(rules)	# simulator fault rules
        self.expect = expect or fault	# key of EXPECT / STS_CODE
        self.must_fail = set(kw.get("must_fail", ()))
        self.only = kw.get("only", False)	# only must_fail may fail
        self.all_fail = kw.get("all_fail", False)
        self.sts_fails = kw.get("sts_fails", False)
        self.sts_faulted = kw.get("sts_faulted", False)
        self.clock_main = kw.get("clock_main", 0)
        self.clock_sts = kw.get("clock_sts", 0)
        self.down = list(kw.get("down", ()))
        self.refused = kw.get("refused", False)
        self.key = kw.get("key", SESSION_KEY)
        self.after_half = kw.get("after_half", False)
        self.need_faults = kw.get("need_faults", True)
        self.collect_args = list(kw.get("collect_args", ()))
        self.attempt_timeout = kw.get("attempt_timeout")
        # partial, not failed: these regions, with these parts unknown
        self.must_partial = set(kw.get("must_partial", ()))
        self.unknown_parts = set(kw.get("unknown_parts", ()))
        # regions the world lacks: opt-in regions the account has not
        # enabled, which the simulator answers as AWS does
        self.extra_regions = list(kw.get("extra_regions", ()))
        # the settings a user has: no AWS_MAX_ATTEMPTS, no attempt timeout
        self.defaults = kw.get("defaults", False)
        self.all_ok = kw.get("all_ok", False)	# every region must complete
        self.name = "%s@%s" % (fault, label)

    def seed(self, base):
        return (base * 1000003 + zlib.crc32(self.name.encode())) % 2**31


def cell_timeout(cell):
    """How long the cell's collect may take before it counts as hung:
    COLLECT_TIMEOUT_S, or its --timeout (default 1800 s) and a minute."""
    t = 1800
    if "--timeout" in cell.collect_args:
        t = int(cell.collect_args[cell.collect_args.index("--timeout") + 1])
    return max(COLLECT_TIMEOUT_S, t + 60) if cell.defaults else \
        COLLECT_TIMEOUT_S


def rule(kind, rate, region=None, operation=None, param=None):
    r = {"kind": kind, "rate": rate}
    if region:
        r["region"] = region
    if operation:
        r["operation"] = operation
    if param is not None:
        r["param"] = param
    return r


def mixed(rate):
    """Rules that together fault "rate" of the requests, one kind each
    (the simulator tries them in order; the first that fires wins)."""
    each = 1 - (1 - rate) ** (1.0 / len(MIXED_KINDS))
    return [rule(k, round(each, 4)) for k in MIXED_KINDS]


def empty_history(scenario):
    """A region whose quota request history is empty, or None."""
    for name, r in sorted(scenario["regions"].items()):
        if not r.get("requests"):
            return name
    return None


def build_cells(scenario, quick, attempt_timeout, concurrency):
    """The matrix; "quick" is the subset `make test` runs."""
    regions = sorted(scenario["regions"])
    hold = attempt_timeout + 1	# the server outlasts the client
    cells = []
    for kind in RATE_KINDS:
        param = hold if kind == "timeout" else None
        for rate, label in ((0.1, "10%"), (0.3, "30%")):
            cells.append(Cell(kind, label, [rule(kind, rate, param=param)]))
        cells.append(Cell(kind, "1 region", [rule(kind, 1.0, ONE_REGION,
                                                  param=param)],
                          must_fail=[ONE_REGION], only=True))
    empty = empty_history(scenario)
    if empty is not None:
        cells.append(Cell("endless_token", "empty list", [rule(
            "endless_token", 1.0, empty,
            "ListRequestedServiceQuotaChangeHistory")],
            expect="endless_empty", must_fail=[empty], only=True))
    cells.append(Cell("expired_token", "mid-run", [], after_half=True))
    # A fault on one operation of one region loses only what it covers.
    # The region answers its other calls, so the failing one gets later
    # rounds until the run's time is near: --timeout 20 ends them soon.
    cells.append(Cell("error500", "quota list", [rule(
        "error500", 1.0, ONE_REGION, "ListServiceQuotas")],
        must_fail=[ONE_REGION], only=True, must_partial=[ONE_REGION],
        unknown_parts=["quotas"], collect_args=["--timeout", "20"]))
    cells.append(Cell("throttle", "availability", [rule(
        "throttle", 1.0, ONE_REGION, "GetFoundationModelAvailability")],
        must_fail=[ONE_REGION], only=True, must_partial=[ONE_REGION],
        unknown_parts=["model_access"], collect_args=["--timeout", "20"]))
    cells.append(Cell("not_enabled", "opt-in region", [],
                      extra_regions=["ap-east-1"], need_faults=False))
    # The run deadline (--timeout) ends a region still waiting for a
    # reply: each attempt would time out only after the deadline.  With
    # one request in flight, the stuck one holds up every region.
    cells.append(Cell("deadline", "--timeout 3", [rule(
        "timeout", 1.0, ONE_REGION, param=6)], must_fail=[ONE_REGION],
        only=concurrency != 1, collect_args=["--timeout", "3"],
        attempt_timeout=5))
    n = len(regions)
    for rate, label in ((0.1, "10% regions"), (0.3, "30% regions")):
        k = max(1, math.ceil(rate * n))
        down = sorted(regions)[:k]
        cells.append(Cell("down", label, down=down, must_fail=down,
                          only=True))
    cells.append(Cell("down", "1 region", down=[ONE_REGION],
                      must_fail=[ONE_REGION], only=True))
    cells.append(Cell("refused", "all regions", refused=True,
                      all_fail=True, need_faults=False))
    for off, label in ((840, "+14 min"), (-840, "-14 min")):
        cells.append(Cell("skew", label, clock_main=off, clock_sts=off,
                          need_faults=False))
    for off, label in ((960, "+16 min"), (-960, "-16 min")):
        cells.append(Cell("skew", label, clock_main=off, all_fail=True,
                          need_faults=False))
    cells.append(Cell("skew", "+16 min sts", clock_main=960,
                      clock_sts=960, sts_fails=True, sts_faulted=True,
                      need_faults=False))
    for kind in ("throttle", "error500", "error503", "reset", "malformed",
                 "huge", "expired_token"):
        cells.append(Cell("sts", kind, [rule(kind, 1.0, None,
                                             "GetCallerIdentity")],
                          expect=kind, sts_fails=True, sts_faulted=True))
    cells.append(Cell("sts", "expired key", expect="expired_key",
                      sts_fails=True, sts_faulted=True, key=EXPIRED_KEY,
                      need_faults=False))
    if quick:
        # The fast variant: the small world, a short --timeout (a round
        # with the default settings may take 99 s: rounds until 63 s).
        cells.append(Cell("mixed", "30%", mixed(0.3), defaults=True,
                          all_ok=True, collect_args=["--timeout", "180"]))
    else:
        cells.append(Cell("mixed", "30%", mixed(0.3), defaults=True,
                          all_ok=True))
        cells.append(Cell("mixed", "50%", mixed(0.5), defaults=True))
    if not quick:
        return cells
    keep = {"mixed@30%", "throttle@10%", "throttle@30%", "throttle@1 region",
            "throttle400@30%", "error500@30%", "error503@30%",
            "error503@1 region", "reset@30%", "timeout@1 region",
            "truncated@30%", "malformed@30%", "malformed@1 region",
            "wrongtypes@30%", "endless_token@30%", "endless_token@1 region",
            "repeat_token@30%", "huge@30%", "huge@1 region",
            "expired_token@30%", "expired_token@mid-run",
            "deadline@--timeout 3", "error500@quota list",
            "throttle@availability", "not_enabled@opt-in region",
            "down@1 region", "refused@all regions", "skew@+14 min",
            "skew@-16 min", "skew@+16 min sts", "sts@throttle",
            "sts@malformed", "sts@expired key"}
    return [c for c in cells if c.name in keep]


# ------------------------------------------------------------ simulator

class Sim:
    """One simulator subprocess on a free loopback port."""

    def __init__(self, world, workdir, name):
        portfile = os.path.join(workdir, name + ".port")
        self.log = open(os.path.join(workdir, name + ".stderr"), "wb")
        self.proc = subprocess.Popen(
            [sys.executable, os.path.join(TOP, "sim", "awssim.py"),
             "--scenario", world, "--port", "0", "--port-file", portfile,
             "--quiet"], stdin=subprocess.DEVNULL, stdout=self.log,
            stderr=self.log)
        end = time.time() + SIM_START_S
        while not os.path.exists(portfile) or os.path.getsize(portfile) == 0:
            if time.time() > end or self.proc.poll() is not None:
                self.stop()
                raise RuntimeError("simulator %s did not start" % name)
            time.sleep(0.05)
        with open(portfile) as f:
            self.url = "http://127.0.0.1:%d" % int(f.read())

    def call(self, path, doc=None):
        data = None if doc is None else json.dumps(doc).encode()
        req = urllib.request.Request(self.url + "/_sim/" + path, data=data,
                                     method="GET" if doc is None else "POST")
        with urllib.request.urlopen(req, timeout=30) as r:
            return json.load(r)

    def configure(self, rules=(), seed=0, clock=0):
        self.call("faults", {"seed": seed, "rules": list(rules)})
        self.call("config", {"clock_offset": clock, "latency_ms": 0})
        self.call("reset-stats", {})

    def fired(self):
        return sum(r.get("fired", 0) for r in self.call("faults")["rules"])

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


# -------------------------------------------------------------- database

def db_copy(src, dst):
    for p in (dst, dst + "-wal", dst + "-shm"):
        if os.path.exists(p):
            os.unlink(p)
    a = sqlite3.connect(src)
    b = sqlite3.connect(dst)
    a.backup(b)
    a.close()
    b.close()


def db_query(db, sql, args=()):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def state_rows(db):
    return {t: db_query(db, "SELECT count(*) FROM %s" % t)[0][0]
            for t in STATE_TABLES}


def world_diff(db, scenario, skip):
    """verify_db.py's comparison: the differences, as strings."""
    want = verify_db.expected(scenario, skip)
    got = verify_db.actual(db, skip)
    out = []
    for k in want:
        out += ["missing %s %r" % (k, r) for r in sorted(want[k] - got[k],
                                                          key=repr)[:5]]
        out += ["unexpected %s %r" % (k, r) for r in sorted(got[k] - want[k],
                                                             key=repr)[:5]]
    return out


# ---------------------------------------------------------------- worker

class Worker:
    """Two simulators, a baseline database, and the cells it is given."""

    def __init__(self, args, scenario, root, wid):
        self.args = args
        self.scenario = scenario
        self.regions = sorted(scenario["regions"])
        self.dir = os.path.join(root, "w%d" % wid)
        os.makedirs(os.path.join(self.dir, "home"))
        self.main = Sim(args.world, self.dir, "main")
        try:
            self.sts = Sim(args.world, self.dir, "sts")
        except RuntimeError:
            self.main.stop()
            raise
        self.baseline = os.path.join(self.dir, "baseline.db")

    def stop(self):
        self.main.stop()
        self.sts.stop()

    def config_file(self, cell):
        """The shared config file: the attempt timeout of the cell."""
        path = os.path.join(self.dir, "aws-config")
        with open(path, "w") as f:
            f.write("[default]\n")
            if not cell.defaults:
                f.write("api_call_attempt_timeout = %d\n" % (
                    cell.attempt_timeout or self.args.attempt_timeout))
        return path

    def env(self, cell, main_url, sts_url):
        acct = self.scenario["accounts"][cell.key]
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("AWS_") and k != "XDG_STATE_HOME"}
        env.update({
            "HOME": os.path.join(self.dir, "home"),
            "AWS_CONFIG_FILE": self.config_file(cell),
            "AWS_SHARED_CREDENTIALS_FILE": os.path.join(self.dir, "none"),
            "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:9",
            "AWS_ACCESS_KEY_ID": cell.key,
            "AWS_SECRET_ACCESS_KEY": acct["secret"],
            "AWS_REGION": HOME_REGION,
            "AWS_ENDPOINT_URL": main_url,
            "AWS_ENDPOINT_URL_STS": sts_url,
            "BEDROCK_AUDIT_ALL_REGIONS": ",".join(self.regions +
                                                  cell.extra_regions),
        })
        if not cell.defaults:
            env["AWS_MAX_ATTEMPTS"] = str(self.args.max_attempts)
        if acct.get("session_token"):
            env["AWS_SESSION_TOKEN"] = acct["session_token"]
        return env

    def collect(self, cell, db, main_url=None, sts_url=None):
        main_url = main_url or self.main.url
        sts_url = sts_url or (self.main.url if cell.sts_faulted
                              else self.sts.url)
        cmd = [self.args.bin, "collect", "--db", db] + self.args.vv + \
            cell.collect_args
        if self.args.concurrency:
            cmd += ["--concurrency", str(self.args.concurrency)]
        t0 = time.monotonic()
        try:
            p = subprocess.run(cmd, env=self.env(cell, main_url, sts_url),
                               stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               timeout=cell_timeout(cell))
            rc, err = p.returncode, p.stdout + p.stderr
        except subprocess.TimeoutExpired as e:
            rc, err = "hung", (e.stderr or b"")
        return rc, err.decode("utf-8", "replace"), time.monotonic() - t0

    def make_baseline(self):
        self.main.configure()
        self.sts.configure()
        base = Cell("baseline", "-")
        rc, err, _ = self.collect(base, self.baseline)
        if rc != 0:
            raise RuntimeError("baseline collect: exit %s\n%s" % (rc, err))
        bad = world_diff(self.baseline, self.scenario, set())
        if bad or db_query(self.baseline,
                           "SELECT count(*) FROM changes")[0][0]:
            raise RuntimeError("baseline differs from the world: %s" % bad)
        stats = self.main.call("stats")
        self.requests = stats["requests_total"]
        self.by_op = stats["requests"]
        self.rows = state_rows(self.baseline)
        self.last_run = db_query(self.baseline,
                                 "SELECT max(run_id) FROM runs")[0][0]

    def expected_faults(self, rules):
        """How many faults "rules" should inject into a run like the
        baseline (a rate of 1 always injects)."""
        n = 0.0
        for r in rules:
            if r["rate"] >= 1:
                return float("inf")
            for ops in self.by_op.values():
                for op, regions in ops.items():
                    if r["kind"] in PAGE_KINDS and op not in PAGINATED_OPS:
                        continue
                    if r.get("operation") not in (None, op):
                        continue
                    n += r["rate"] * sum(
                        c for reg, c in regions.items()
                        if r.get("region") in (None, reg))
        return n

    def run(self, cell):
        db = os.path.join(self.dir, "cell.db")
        db_copy(self.baseline, db)
        rules = list(cell.rules)
        if cell.after_half:
            rules = [dict(rule("expired_token", 1.0),
                          after=max(1, self.requests // 2))]
        seed = cell.seed(self.args.seed)
        self.main.configure(rules, seed, cell.clock_main)
        self.sts.configure((), seed, cell.clock_sts)
        if cell.down:
            self.main.call("mutate", {"mutations": [
                ["region_down", r] for r in cell.down]})
        closed = None
        main_url = None
        if cell.refused:
            # Bound but not listening: every connection is refused.
            closed = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            closed.bind(("127.0.0.1", 0))
            main_url = "http://127.0.0.1:%d" % closed.getsockname()[1]
        try:
            rc, err, wall = self.collect(cell, db, main_url)
        finally:
            if closed is not None:
                closed.close()
        with open(os.path.join(self.dir, re.sub(r"[^A-Za-z0-9_.@+-]", "_",
                                                cell.name) + ".stderr"),
                  "w") as f:
            f.write(err)
        for r in rules:
            if r["kind"] == "timeout":	# let the held replies end
                time.sleep(max(0, r.get("param", 10) - wall + 0.2))
                break
        res = self.measure(cell, rules, rc, err, wall)
        res["expected"] = float("inf") if cell.down else \
            self.expected_faults(rules)
        if cell.down:
            self.main.call("mutate", {"mutations": [
                ["region_down", r, "false"] for r in cell.down]})
        res["problems"] = self.check(cell, db, rc, err, res)
        return res

    def measure(self, cell, rules, rc, err, wall):
        ms, ss = self.main.call("stats"), self.sts.call("stats")
        faults = self.main.fired() + self.sts.fired()
        faults += ms["faults"].get("region_down", 0)
        if cell.expect == "skew":
            faults += sum(s["errors"].get(c, 0) for s in (ms, ss) for c in
                          ("InvalidSignatureException",
                           "SignatureDoesNotMatch"))
        return {"cell": cell.name, "fault": cell.fault, "rate": cell.label,
                "exit": rc, "faults": faults,
                "requests": ms["requests_total"] + ss["requests_total"],
                "wall": wall, "stderr": err}

    def check(self, cell, db, rc, err, res):
        p = []
        if rc not in (0, 3, 4):
            p.append("exit status %s" % rc)
        if re.search(r"AddressSanitizer|LeakSanitizer|runtime error:", err):
            p.append("sanitizer report on stderr")
        runs = db_query(db, "SELECT run_id, status FROM runs WHERE "
                        "run_id > ? ORDER BY run_id", (self.last_run,))
        if len(runs) != 1:
            return p + ["%d new runs, wanted 1" % len(runs)]
        run_id, run_status = runs[0]
        rows = db_query(db, "SELECT region, status, operation, http_status,"
                        " error_code FROM region_runs WHERE run_id = ?",
                        (run_id,))
        # failed or partial: something of the region is unknown
        failed = {r[0]: r for r in rows if r[1] in ("failed", "partial")}
        ok = {r[0] for r in rows if r[1] == "ok"}
        res["ok"], res["failed"] = len(ok), len(failed)
        res["codes"] = sorted({r[4] or "HTTP %s" % r[3]
                               for r in failed.values()})
        p += self.check_partial(cell, db, run_id, rows)
        if cell.sts_fails:
            p += self.check_sts(cell, rc, err, run_status, rows)
        else:
            p += self.check_regions(cell, rc, err, run_status, rows, failed,
                                    ok)
        p += self.check_state(db, set(failed))
        if cell.need_faults and res["faults"] == 0 and \
                res["expected"] >= MIN_EXPECTED_FAULTS:
            p.append("no fault was injected (%.1f expected)" %
                     res["expected"])
        return p

    def check_sts(self, cell, rc, err, run_status, rows):
        p = []
        if rc != 4:
            p.append("exit %s, wanted 4 (STS failed)" % rc)
        if run_status != "failed":
            p.append("run status %s, wanted failed" % run_status)
        if rows:
            p.append("%d region_runs rows after STS failed" % len(rows))
        code = STS_CODE.get(cell.expect)
        if "GetCallerIdentity" not in err or (code and code not in err):
            p.append("stderr does not name GetCallerIdentity %s" %
                     (code or ""))
        return p

    def check_partial(self, cell, db, run_id, rows):
        """Partial regions: what they did not learn is listed, as many
        as unknown_count; the regions that must be partial are, with the
        parts the cell expects; opt-in regions are not_enabled."""
        p = []
        status = {r[0]: r[1] for r in rows}
        for region, st in sorted(status.items()):
            if st == "not_enabled" and region not in cell.extra_regions:
                p.append("%s: not_enabled" % region)
            if st != "partial":
                continue
            n, parts = db_query(db, "SELECT count(*), group_concat(DISTINCT"
                                " part) FROM region_run_unknown WHERE"
                                " run_id = ? AND region = ?",
                                (run_id, region))[0]
            want = db_query(db, "SELECT unknown_count FROM region_runs"
                            " WHERE run_id = ? AND region = ?",
                            (run_id, region))[0][0]
            if n == 0 or n != want:
                p.append("%s: %d unknown rows, unknown_count %d" % (
                    region, n, want))
            got = set((parts or "").split(","))
            # The wanted parts, and at most the other parts behind the
            # same endpoint: a throttled endpoint slows all its calls
            # (the adaptive send rate), which may then meet the deadline.
            near = set().union(*(SERVICE_PARTS[x] for x in
                                 cell.unknown_parts)) if \
                cell.unknown_parts else set()
            if region in cell.must_partial and cell.unknown_parts and \
                    not (cell.unknown_parts <= got <= near):
                p.append("%s: unknown parts %s, wanted %s" % (
                    region, parts, sorted(cell.unknown_parts)))
        for region in sorted(cell.must_partial):
            if status.get(region) != "partial":
                p.append("%s is %s, wanted partial" % (
                    region, status.get(region)))
        for region in cell.extra_regions:
            if status.get(region) != "not_enabled":
                p.append("%s is %s, wanted not_enabled" % (
                    region, status.get(region)))
        return p

    def check_regions(self, cell, rc, err, run_status, rows, failed, ok):
        p = []
        want_regions = sorted(self.regions + cell.extra_regions)
        if sorted(r[0] for r in rows) != want_regions:
            p.append("region_runs has %s, wanted each of %s once" %
                     (sorted(r[0] for r in rows), want_regions))
        skipped = {r[0] for r in rows if r[1] == "not_enabled"}
        if len(ok) + len(failed) + len(skipped) != len(rows):
            p.append("a region_runs status is not ok, partial, failed "
                     "or not_enabled")
        recorded = ok | {r for r, row in failed.items()
                         if row[1] == "partial"}
        want_rc = 0 if not failed else 4 if not recorded else 3
        want_status = {0: "complete", 3: "partial", 4: "failed"}[want_rc]
        if rc != want_rc:
            p.append("exit %s, wanted %d (%d ok, %d failed)" %
                     (rc, want_rc, len(ok), len(failed)))
        if run_status != want_status:
            p.append("run status %s, wanted %s" % (run_status, want_status))
        if cell.all_fail and ok:
            p.append("regions %s completed, all should fail" % sorted(ok))
        if cell.all_ok and failed:
            p.append("regions %s failed, all should complete" %
                     sorted(failed))
        if not cell.must_fail <= set(failed):
            p.append("%s did not fail" % sorted(cell.must_fail -
                                                set(failed)))
        if cell.only and set(failed) - cell.must_fail:
            p.append("%s failed too" % sorted(set(failed) - cell.must_fail))
        expect = EXPECT[cell.expect]
        for region, (_, _, op, status, code) in sorted(failed.items()):
            svc = "bedrock" if op in BEDROCK_OPS else \
                "quotas" if op in QUOTAS_OPS else None
            if svc is None:
                p.append("%s: failed operation %r" % (region, op))
            elif (code, status) not in expect[svc]:
                p.append("%s: %s %s (HTTP %s), wanted one of %s" % (
                    region, op, code, status, sorted(
                        expect[svc], key=repr)))
            if not re.search(r"%s: .*%s" % (re.escape(region),
                                            re.escape(code or "?")), err):
                p.append("%s: stderr does not name the region and %s" %
                         (region, code))
            why = INVALID_REASON.get(cell.expect, "")
            if code == "InvalidReply" and not re.search(
                    r"bedrock-audit: %s: %s" % (op, why), err):
                p.append("%s: no \"%s: %s...\" reason on stderr" % (
                    region, op, why))
        return p

    def check_state(self, db, failed):
        p = []
        for skip in (failed, set()):
            bad = world_diff(db, self.scenario, skip)
            if bad:
                p.append("views differ from the world (skip %s): %s" % (
                    sorted(skip), "; ".join(bad[:4])))
        n = db_query(db, "SELECT count(*) FROM changes")[0][0]
        if n:
            p.append("%d changes recorded on an unchanged world" % n)
        rows = state_rows(db)
        if rows != self.rows:
            p.append("state rows %s, baseline %s" % (rows, self.rows))
        qc = db_query(db, "PRAGMA quick_check")[0][0]
        if qc != "ok":
            p.append("quick_check: %s" % qc)
        return p


# ------------------------------------------------------------------ main

def run_all(args, scenario, cells):
    root = tempfile.mkdtemp(prefix="faultmatrix.")
    todo = queue.Queue()
    for i, c in enumerate(cells):
        todo.put((i, c))
    results = [None] * len(cells)
    errors = []

    def work(wid):
        try:
            w = Worker(args, scenario, root, wid)
        except (RuntimeError, OSError) as e:
            errors.append("worker %d: %s" % (wid, e))
            return
        try:
            w.make_baseline()
            while True:
                try:
                    i, c = todo.get_nowait()
                except queue.Empty:
                    return
                results[i] = w.run(c)
                if args.verbose:
                    print_row(results[i], sys.stderr)
        except Exception as e:		# report, do not hang the others
            errors.append("worker %d: %s: %s" % (wid, type(e).__name__, e))
        finally:
            w.stop()

    threads = [threading.Thread(target=work, args=(i,))
               for i in range(max(1, min(args.jobs, len(cells))))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if args.keep:
        print("# work directory kept: %s" % root)
    else:
        shutil.rmtree(root, ignore_errors=True)
    return results, errors


HEADER = ("%-14s %-14s %4s %9s  %-44s %6s %6s %7s  %s" % (
    "fault", "rate", "exit", "ok/failed", "codes", "faults", "reqs", "wall",
    "result"))


def print_row(r, fp=sys.stdout):
    codes = ",".join(r.get("codes", ())) or "-"
    fp.write("%-14s %-14s %4s %9s  %-44s %6d %6d %6.1fs  %s\n" % (
        r["fault"], r["rate"], r["exit"],
        "%s/%s" % (r.get("ok", "-"), r.get("failed", "-")), codes[:44],
        r["faults"], r["requests"], r["wall"],
        "ok" if not r["problems"] else "FAIL"))


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--world", default=os.path.join(
        TOP, "sim", "scenarios", "default.json"))
    ap.add_argument("--bin", default=os.path.join(TOP, "bedrock-audit"))
    ap.add_argument("--quick", action="store_true",
                    help="the subset make test runs")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--max-attempts", type=int, default=None,
                    help="AWS_MAX_ATTEMPTS (default 2 quick, 3 full)")
    ap.add_argument("--attempt-timeout", type=int, default=2,
                    help="api_call_attempt_timeout in seconds")
    ap.add_argument("--concurrency", type=int, default=0,
                    help="collect --concurrency (default: its own)")
    ap.add_argument("--only", default="",
                    help="comma-separated cell names or fault rows")
    ap.add_argument("--results", help="write the results as JSON here")
    ap.add_argument("--keep", action="store_true",
                    help="keep the work directory")
    ap.add_argument("-v", "--verbose", action="count", default=0,
                    help="print each row as it ends; -vv: collect -vv "
                    "(its stderr is kept in the work directory)")
    args = ap.parse_args(argv[1:])
    args.vv = ["-vv"] if args.verbose > 1 else []
    if args.max_attempts is None:
        args.max_attempts = 2 if args.quick else 3
    args.bin = os.path.abspath(args.bin)
    args.world = os.path.abspath(args.world)
    with open(args.world) as f:
        scenario = json.load(f)
    if ONE_REGION not in scenario["regions"]:
        ap.error("the world has no %s" % ONE_REGION)
    cells = build_cells(scenario, args.quick, args.attempt_timeout,
                        args.concurrency)
    if args.only:
        only = set(args.only.split(","))
        cells = [c for c in cells if c.name in only or c.fault in only]
    t0 = time.monotonic()
    results, errors = run_all(args, scenario, cells)
    print(HEADER)
    bad = 0
    for r in results:
        if r is None:
            continue
        print_row(r)
        bad += bool(r["problems"])
    done = [r for r in results if r is not None]
    print("# %d cells (%d failed, %d not run), %d faults injected, "
          "%d requests, %.1f s; world %s, AWS_MAX_ATTEMPTS=%d, "
          "api_call_attempt_timeout=%d s (mixed cells: the defaults), "
          "seed %d" % (
              len(cells), bad, len(cells) - len(done),
              sum(r["faults"] for r in done),
              sum(r["requests"] for r in done), time.monotonic() - t0,
              os.path.basename(args.world), args.max_attempts,
              args.attempt_timeout, args.seed))
    for r in done:
        for msg in r["problems"]:
            print("FAIL %s: %s" % (r["cell"], msg))
        if r["problems"]:
            tail = r["stderr"].strip().splitlines()[-6:]
            print("".join("#   %s\n" % line for line in tail), end="")
    for e in errors:
        print("ERROR %s" % e)
    if args.results:
        with open(args.results, "w") as f:
            json.dump([{k: v for k, v in r.items() if k != "stderr"}
                       for r in done], f, indent=1)
    return 1 if bad or errors or len(done) != len(cells) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
