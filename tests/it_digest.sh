#!/bin/sh
# Issue #10 on the simulator: the daily report tells the truth once per
# problem and is read in a minute.  A medium world (12 regions, 60
# models, 150 quotas): the first run is a baseline and --since 24h works
# on the young database; 104 changes render in under 600 lines of text
# with under 10% verbatim repeats, every change in exactly one entry, the
# same bytes twice; a run where every region fails reports no changes and
# says when data was last collected; a change that reverted inside a
# range is information only.
#
# The 600-line budget is for the change digest: the collects read no
# usage (--no-usage), whose section (issue 13) adds about 14 lines for
# this world's usage patterns and is tested in it_cloudwatch.sh.
set -eu
. "$(dirname "$0")/lib.sh"

WORLD="$WORK/world.json"
DB="$WORK/audit.db"
"$PYTHON" "$TOP/sim/genworld.py" --regions 12 --models 60 --quotas 150 \
	--seed 7 -o "$WORLD"
sim_start "$WORLD"

expect_exit 0 "first collect" "$BIN" collect -q --no-usage --db "$DB"
"$BIN" report --db "$DB" -o "$WORK/first.txt"
check "the first run records the baseline" \
	grep -q "This is the first run" "$WORK/first.txt"
check "no 'run #1 and run #1'" sh -c "! grep -q 'run #1 and run #1' '$WORK/first.txt'"
expect_exit 0 "report --since 24h on a database younger than a day" \
	"$BIN" report --db "$DB" --since 24h -o "$WORK/since.txt"

# 104 mutations, each one change: access revoked (36), defaults lowered
# (24), LEGACY (12), models added (12), made non-adjustable (8),
# entitlement lost (6), defaults raised (6).
"$PYTHON" - "$WORLD" "$WORK/mut.json" <<'PY'
import json, sys
w = json.load(open(sys.argv[1]))
mut = []
for n, (region, r) in enumerate(sorted(w["regions"].items())):
    auth = [m["modelId"] for m in r["models"]
            if m["authorizationStatus"] == "AUTHORIZED"
            and m["entitlementAvailability"] == "AVAILABLE"]
    same = [q["code"] for q in r["quotas"]
            if q["default"] and q["applied"] == q["default"]]
    adj = [q for q in same if next(x for x in r["quotas"]
           if x["code"] == q)["adjustable"]]
    mut += [["revoke_access", region, m] for m in auth[0:3]]
    mut += [["lifecycle", region, auth[3], "LEGACY"]]
    mut += [["lower_default", region, q] for q in same[0:2]]
    mut += [["add_model", region, "example.new-model-%d-v1:0" % n,
             "New Model %d" % n]]
    if n < 8:
        mut += [["make_non_adjustable", region, adj[-1]]]
    if n < 6:
        mut += [["entitlement", region, auth[4], "NOT_AVAILABLE"],
                ["raise_default", region, same[2]]]
assert len(mut) == 104, len(mut)
json.dump({"mutations": mut}, open(sys.argv[2], "w"))
PY
sim_post mutate "$WORK/mut.json"
expect_exit 1 "collect after 104 changes" "$BIN" collect -q --no-usage --db "$DB"
"$BIN" report --db "$DB" --format json -o "$WORK/r.json"
"$BIN" report --db "$DB" -o "$WORK/r.txt"
"$BIN" report --db "$DB" -o "$WORK/r2.txt"
"$BIN" report --db "$DB" --lang ja -o "$WORK/r.ja.txt"
check "identical data, identical report" cmp -s "$WORK/r.txt" "$WORK/r2.txt"
check "104 changes, each in exactly one entry" "$PYTHON" - "$WORK/r.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
ids = [c["id"] for c in r["changes"]]
inent = sorted(i for e in r["entries"] for i in e["change_ids"])
s = r["summary"]
ok = (len(ids) == 104 and inent == sorted(ids) and
      s["action"] + s["warning"] + s["info"] == len(r["entries"]) and
      s["open"] == len(r["open"]))
print("changes %d, entries %d, open %d" % (len(ids), len(r["entries"]),
      len(r["open"])))
sys.exit(0 if ok else 1)
PY
for f in r.txt r.ja.txt; do
	check "$f: under 600 lines, under 10% repeated lines" \
		"$PYTHON" - "$WORK/$f" <<'PY'
import collections, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
body = [l for l in lines if l.strip()]
n = collections.Counter(body)
rep = sum(c for c in n.values() if c > 3)
print("%s: %d lines, %d non-blank, %.1f%% repeated more than 3 times" % (
    sys.argv[1].rsplit("/", 1)[-1], len(lines), len(body),
    100.0 * rep / len(body)))
sys.exit(0 if len(lines) < 600 and rep < 0.10 * len(body) else 1)
PY
done

# Every region down: the newest run failed; nothing is presented as new.
"$PYTHON" - "$WORLD" "$WORK/down.json" <<'PY'
import json, sys
w = json.load(open(sys.argv[1]))
json.dump({"mutations": [["region_down", r, "true"]
                         for r in sorted(w["regions"])]},
          open(sys.argv[2], "w"))
PY
sim_post mutate "$WORK/down.json"
expect_exit 4 "collect with every region down" \
	env AWS_MAX_ATTEMPTS=1 "$BIN" collect -q --no-usage --db "$DB"
expect_exit 0 "report after the failed run" \
	"$BIN" report --db "$DB" -o "$WORK/failed.txt"
check "the failed run is reported first" \
	grep -q "failed, nothing was collected" "$WORK/failed.txt"
check "and when data was last collected" \
	grep -q "Data was last collected by run #2" "$WORK/failed.txt"
check "no change presented as new" sh -c \
	"! grep -q 'Action required' '$WORK/failed.txt'"
"$BIN" report --db "$DB" --format json -o "$WORK/failed.json"
check "JSON: failed run, no entries, open problems kept" \
	"$PYTHON" - "$WORK/failed.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c = r["collection"]
sys.exit(0 if c["status"] == "failed" and c["data_run"] == 2 and
         r["entries"] == [] and r["changes"] == [] and r["open"] else 1)
PY

# Back up, with one revoked model granted again: over runs 2..4 the grant
# reverted nothing, but over 1..4 the revoke and grant of it cancel out.
"$PYTHON" - "$WORLD" "$WORK/mut.json" "$WORK/up.json" <<'PY'
import json, sys
w = json.load(open(sys.argv[1]))
m = json.load(open(sys.argv[2]))["mutations"][0]
up = [["region_down", r, "false"] for r in sorted(w["regions"])]
json.dump({"mutations": up + [["grant_access", m[1], m[2]]]},
          open(sys.argv[3], "w"))
print(m[1], m[2])
PY
sim_post mutate "$WORK/up.json"
expect_exit 1 "collect with the regions back" "$BIN" collect -q --no-usage --db "$DB"
"$BIN" report --db "$DB" --from 1 --to 4 --format json -o "$WORK/range.json"
check "a revert inside the range is information, not an action" \
	"$PYTHON" - "$WORK/range.json" "$WORK/mut.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
m = json.load(open(sys.argv[2]))["mutations"][0]
e = [e for e in r["entries"] if e["region"] == m[1] and e["subject"] == m[2]]
sys.exit(0 if len(e) == 1 and e[0]["severity"] == "info" and
         e[0]["new"] == {} and e[0]["case"] is None and
         len(e[0]["change_ids"]) == 2 else 1)
PY

finish
