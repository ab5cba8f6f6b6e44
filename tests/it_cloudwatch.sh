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
expect_exit 0 "first collect reads usage" "$BIN" collect -v --db "$DB" \
	2>"$WORK/run1.err"
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
expect_exit 0 "second collect" "$BIN" collect -q --db "$DB"
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
	test "$(sq "SELECT count(*) FROM usage_day WHERE minutes > 1440")" = 0

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
	"ok|failed|AccessDeniedException"
check "the region's state is recorded" test "$(sq "SELECT count(*) FROM
    models_now WHERE region = 'eu-central-1'")" -gt 0
check "the other regions' usage is recorded" test "$(sq "SELECT count(*)
    FROM region_run_usage WHERE status = 'ok'")" = 5
check "no usage row for the denied region" test "$(sq "SELECT count(*)
    FROM usage_day WHERE region = 'eu-central-1'")" = 0
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
