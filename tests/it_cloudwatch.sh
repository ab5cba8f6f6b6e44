#!/bin/sh
# Integration: usage evidence from CloudWatch (issue 13) against the
# simulator's per-model patterns.  A model at 85% of its tokens-per-minute
# quota is stored with that peak and its minute; a model throttled at 30%
# of its requests-per-minute quota has its throttled minutes; a quiet
# model has no usage rows; a second run the same day reads no minute
# again; CloudWatch denied in one region leaves only that region's usage
# unknown, with one line on stderr naming the IAM action, and the exit
# status that the run had without it; --no-usage sends no CloudWatch call.
set -eu
. "$(dirname "$0")/lib.sh"

WORLD="$TOP/sim/scenarios/default.json"
DB="$WORK/audit.db"

sq() {
	"$PYTHON" -c 'import sqlite3, sys
for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in r))' "$DB" "$1"
}

# --- a clean first run, then the same minute again --------------------------

sim_start "$WORLD"
# Exit 0: every region is a baseline; its findings are recorded as the
# base the next run compares with, and are no change.
expect_exit 0 "first collect reads usage" "$BIN" collect -v --db "$DB" \
	2>"$WORK/run1.err"
check "the baseline's findings are recorded as the base, no change" test \
	"$(sq "SELECT (SELECT count(*) FROM usage_finding WHERE run_id = 1) > 0,
    (SELECT count(*) FROM changes)")" = "1|0"
check "-v prints the metrics requested" \
	grep -q 'usage: [1-9][0-9]* CloudWatch metrics requested' \
	"$WORK/run1.err"
check "every region's usage was read" test "$(sq "SELECT count(*) FROM
    region_run_usage WHERE run_id = 1 AND status = 'ok'")" = \
	"$(sq "SELECT count(*) FROM region_run WHERE run_id = 1")"
check "the first window is 14 days" test "$(sq "SELECT DISTINCT
    window_end - window_start FROM region_run_usage WHERE run_id = 1")" = \
	1209600

# The near model: EstimatedTPMQuotaUsage peaks at 85% of its quota, 14:07.
near=$(sq "SELECT region, model_id, metric, max(peak), max(percent),
    substr(max(peak_at), 12, 5), sum(throttled_minutes)
    FROM quota_usage WHERE region = 'us-east-1'
    AND metric = 'EstimatedTPMQuotaUsage' GROUP BY 1, 2, 3")
check "85% TPM: peak 340,000 of 400,000 at 14:07, no throttles ($near)" \
	test "$near" = \
	"us-east-1|mistral.mistral-large-2402-v1:0|EstimatedTPMQuotaUsage|340000.0|85.0|14:07|0"

# The throttled model: Invocations peak at 30% of 800 RPM, with throttles.
thr=$(sq "SELECT model_id, max(peak), max(percent),
    sum(throttled_minutes) > 0, max(percent) < 80
    FROM quota_usage WHERE region = 'us-east-1' AND metric = 'Invocations'
    GROUP BY 1")
check "30% RPM with throttled minutes below the quota ($thr)" \
	test "$thr" = "meta.llama3-1-8b-instruct-v1:0|240.0|30.0|1|1"
check "three throttled minutes a day are stored" test "$(sq "SELECT
    min(active), max(active) FROM usage_daily WHERE region = 'us-east-1'
    AND metric = 'InvocationThrottles' AND minutes = 1440")" = "3|3"
check "a quiet model has no usage rows" test "$(sq "SELECT count(*) FROM
    usage_daily WHERE model_id = 'amazon.nova-pro-v1:0'")" = 0
check "a quota without a per-minute series is listed as unmapped or quiet" \
	test "$(sq "SELECT count(*) FROM usage_quota_map WHERE
    region = 'us-east-1' AND mapping IN ('unmapped_name', 'quiet')")" -gt 0

# A second run at once: the window starts where the first ended.
"$PYTHON" -c 'import urllib.request, sys
urllib.request.urlopen(urllib.request.Request(sys.argv[1], data=b"",
    method="POST")).read()' "$SIM_URL/_sim/reset-stats"
expect_exit 0 "second collect: no finding started or ended" "$BIN" collect \
	-q --db "$DB"
check "no minute is read twice (window start = last end, or nothing new)" \
	test "$(sq "SELECT count(*) FROM region_run_usage b
    JOIN region_run_usage a ON a.region = b.region AND a.run_id = 1
    WHERE b.run_id = 2 AND (b.status = 'nothing_new' OR
    (b.status = 'ok' AND b.window_start = a.window_end))")" = \
	"$(sq "SELECT count(*) FROM region_run WHERE run_id = 2")"
sim_get stats >"$WORK/stats2.json"
check "the simulator saw no GetMetricData window before the first end" \
	"$PYTHON" - "$WORK/stats2.json" "$DB" <<'PY'
import json, sqlite3, sys
ends = dict(sqlite3.connect(sys.argv[2]).execute(
    "SELECT region, window_end FROM region_run_usage WHERE run_id = 1"))
wins = json.load(open(sys.argv[1]))["cloudwatch_windows"]
sys.exit(any(start < ends[reg] for reg, start, end, n in wins))
PY
check "day rows merged, never doubled (at most 1440 minutes a day)" \
	test "$(sq "SELECT count(*) FROM usage_daily WHERE minutes > 1440")" = 0

# The JSON report: one near_quota entry with the peak, one
# throttled_below_quota entry citing the minutes, the quiet model absent.
"$BIN" report --db "$DB" --format json -o "$WORK/report.json"
check "JSON usage: the 85% model near its quota, the 30% one throttled" \
	"$PYTHON" - "$WORK/report.json" <<'PY'
import json, sys
u = [x for x in json.load(open(sys.argv[1]))["usage"]
     if x["region"] == "us-east-1"]
near = [x for x in u if x["finding"] == "near_quota"]
thr = [x for x in u if x["finding"] == "throttled_below_quota"]
ok = (len(near) == 1 and near[0]["peak_per_minute"] == 340000 and
      near[0]["quota_value"] == 400000 and
      near[0]["peak_at"].endswith("T14:07:00Z") and
      near[0]["model_id"] == "mistral.mistral-large-2402-v1:0" and
      near[0]["account_id"] == "123456789012" and
      len([x for x in thr if x["model_id"] ==
           "meta.llama3-1-8b-instruct-v1:0" and x["throttled_minutes"] > 0])
      >= 1 and
      not any(x["model_id"] == "amazon.nova-pro-v1:0" for x in u))
sys.exit(0 if ok else "usage: %r" % u)
PY
sim_stop

# --- findings as report entries (issue 13, items 4 and 5) --------------------
#
# Usage read from run 2 on (run 1 --no-usage, as on a database that
# predates usage): a finding that holds is a change of run 2.  The world is
# the default one with the 85% model's quota adjustable in us-east-1 (P4;
# elsewhere it is not: P6).

DB="$WORK/findings.db"
W2="$WORK/world-adjustable.json"
"$PYTHON" - "$WORLD" "$W2" <<'PY'
import json, sys
w = json.load(open(sys.argv[1]))
def walk(o, region=None):
    if isinstance(o, dict):
        if o.get("code") == "L-01447289" and region == "us-east-1":
            o["adjustable"] = True
        for k, v in o.items():
            walk(v, k if k == "us-east-1" else region)
    elif isinstance(o, list):
        for v in o:
            walk(v, region)
walk(w)
json.dump(w, open(sys.argv[2], "w"))
PY
check "the copied world makes the near quota adjustable in us-east-1" \
	grep -q '"adjustable": true' "$W2"
sim_start "$W2"
expect_exit 0 "run 1 without usage" "$BIN" collect -q --no-usage --db "$DB"
expect_exit 1 "run 2 reads usage: findings start" "$BIN" collect -q --db "$DB"
"$BIN" report --db "$DB" --format json -o "$WORK/f.json"
"$BIN" report --db "$DB" -o "$WORK/f.txt"
"$BIN" report --db "$DB" --lang ja -o "$WORK/f.ja.txt"
# The reports' prose is wrapped: one line each to grep.
for f in f.txt f.ja.txt; do
	tr '\n' ' ' <"$WORK/$f" | tr -s ' ' >"$WORK/$f.flat"
done
check "JSON changes: one P4 near_quota entry for the 85% quota, one P5 for
    the 30% RPM quota, nothing for the quiet model" \
	"$PYTHON" - "$WORK/f.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
ch = [c for c in r["changes"] if c["region"] == "us-east-1"]
near = [c for c in ch if c["kind"] == "usage_near_quota"]
p5 = [c for c in ch if c["kind"] == "throttled_below_quota" and
      c["subject"] == "L-19A2ED6C"]
ok = (len(near) == 1 and near[0]["subject"] == "L-01447289" and
      near[0]["path"] == "P4" and near[0]["new"] == "near_quota" and
      near[0]["old"] == "none" and
      len(p5) == 1 and p5[0]["path"] == "P5" and
      not any("nova-pro" in json.dumps(c) for c in r["changes"]))
sys.exit(0 if ok else "changes: %r" % ch)
PY
check "the P4 advice has the peak, the quota, the percent and the suggestion" \
	grep -q 'peak 340,000 tokens/min on [0-9-]* 14:07 UTC against a quota of 400,000 (85%). Suggested value: 510,000' \
	"$WORK/f.txt.flat"
# The simulator throttles three minutes a day at 10:00 to 10:20 UTC: the
# 14 UTC days up to the run hold 42 such minutes once today's are read,
# 39 before 10:00.  What the advice must cite is what was stored.
THR=$(sq "SELECT sum(throttled_minutes) FROM quota_usage_days
    WHERE region = 'us-east-1' AND quota_code = 'L-19A2ED6C'
    AND day >= CAST(strftime('%s', 'now') AS INTEGER) / 86400 - 13")
check "the stored days hold 13 or 14 days of throttled minutes ($THR)" \
	test "$THR" -ge 39 -a "$THR" -le 42
check "the P5 advice cites the throttled minutes, the peak and the quota" \
	grep -q "shows throttles in $THR minute(s) of the 14 days up to this run on days whose usage stayed below 80% of the quota: peak 240 requests/min" \
	"$WORK/f.txt.flat"
check "the Japanese report states them too" grep -q '提案値は 510,000 です' \
	"$WORK/f.ja.txt.flat"
check "the usage section does not repeat what the entries state" \
	test "$(grep -c 'L-01447289 (mistral' "$WORK/f.txt")" = 0
id=$(sq "SELECT change_id FROM change_log WHERE region = 'us-east-1' AND
    subject = 'L-19A2ED6C' AND kind = 'throttled_below_quota'")
expect_exit 0 "case on the P5 usage change" "$BIN" case --db "$DB" "$id" \
	>"$WORK/case.txt"
check "the P5 draft states the throttled minutes below the quota, the peak
    and the quota" grep -q "throttled in $THR minute(s) on days whose usage stayed below 80% of the quota 800; the peak was 240 requests/min" \
	"$WORK/case.txt"
n2=$(sq "SELECT count(*) FROM change_log WHERE kind IN ('usage_near_quota',
    'throttled_below_quota', 'throttled_at_quota')")
expect_exit 0 "run 3 the same day" "$BIN" collect -q --db "$DB"
check "a second run the same day creates no usage change" test \
	"$(sq "SELECT count(*) FROM change_log WHERE kind IN
    ('usage_near_quota', 'throttled_below_quota', 'throttled_at_quota')")" \
	= "$n2"
[ -z "${P6KEEP:-}" ] || cp "$WORK"/f.txt "$WORK"/f.ja.txt "$WORK"/f.json "$WORK"/case.txt "$DB" /tmp/
sim_stop

# --- CloudWatch denied in one region ----------------------------------------

DB="$WORK/denied.db"
sim_start "$WORLD" --fault "access_denied:1:eu-central-1:ListMetrics"
expect_exit 0 "denied usage does not change the exit status" \
	"$BIN" collect --db "$DB" 2>"$WORK/denied.err"
check "one line on stderr besides the run's request summary" test \
	"$(grep -cv ' requests (.* retries), ' "$WORK/denied.err")" = 1
check "it names the region and the IAM action" grep -q \
	'^bedrock-audit: eu-central-1: usage unknown: ListMetrics: .*allow the IAM action cloudwatch:ListMetrics$' \
	"$WORK/denied.err"
check "region_runs says why" test "$(sq "SELECT status, usage_status,
    usage_error_code FROM region_runs WHERE region = 'eu-central-1'")" = \
	"ok|failed|AccessDenied"
check "the region's state is recorded" test "$(sq "SELECT count(*) FROM
    models_now WHERE region = 'eu-central-1'")" -gt 0
check "the other regions' usage is recorded" test "$(sq "SELECT count(*)
    FROM region_run_usage WHERE status = 'ok'")" = 5
check "no usage row for the denied region" test "$(sq "SELECT count(*)
    FROM usage_daily WHERE region = 'eu-central-1'")" = 0
sim_stop

# --- --no-usage --------------------------------------------------------------

DB="$WORK/nousage.db"
sim_start "$WORLD"
expect_exit 0 "collect --no-usage" "$BIN" collect -q --no-usage --db "$DB"
sim_get stats >"$WORK/stats3.json"
check "no CloudWatch call" "$PYTHON" - "$WORK/stats3.json" <<'PY'
import json, sys
sys.exit("monitoring" in json.load(open(sys.argv[1]))["by_service"])
PY
check "usage_status skipped" test "$(sq "SELECT DISTINCT usage_status FROM
    region_runs")" = skipped
sim_stop

finish
