#!/bin/sh
# End to end: world A, collect; world B with one mutation of every change
# kind (and a region down), collect; the report lists each mutation exactly
# once and nothing else, with the path the playbook gives, and nothing for
# the region that was down.  Then report, diff, status and case in every
# format and language.
set -eu
. "$(dirname "$0")/lib.sh"

WORLD="$TOP/sim/scenarios/default.json"
DB="$WORK/audit.db"
sim_start "$WORLD"

expect_exit 0 "baseline collect" "$BIN" collect -q --db "$DB"
"$PYTHON" "$TOP/tests/e2e_plan.py" plan "$WORLD" "$WORK/mut.json" "$WORK/exp.json"
sim_post mutate "$WORK/mut.json"
expect_exit 3 "collect after the mutations (one region down)" \
	env AWS_MAX_ATTEMPTS=1 "$BIN" collect -q --db "$DB"

"$BIN" report --db "$DB" --format json -o "$WORK/report.json"
check "each mutation reported once with its path" \
	"$PYTHON" "$TOP/tests/e2e_plan.py" check "$WORK/exp.json" "$WORK/report.json"
check "the changes view has the same changes" test \
	"$(sqlite3 "$DB" "SELECT count(*) FROM changes")" = \
	"$("$PYTHON" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$WORK/exp.json")"

for lang in en ja; do
	for fmt in text markdown json; do
		check "report --format $fmt --lang $lang" \
			"$BIN" report --db "$DB" --format "$fmt" --lang "$lang" \
			-o "$WORK/report.$lang.$fmt"
		check "status --format $fmt --lang $lang" sh -c \
			"'$BIN' status --db '$DB' --format $fmt --lang $lang >'$WORK/status.$lang.$fmt'"
	done
done
check "Japanese report is Japanese" grep -q 'アクセス' "$WORK/report.ja.text"
check "Markdown report has the P1 section" grep -q 'P1' "$WORK/report.en.markdown"
check "status lists the failed region" grep -q 'ap-southeast-2' "$WORK/status.en.text"
check "report --tz shows the reader's time next to UTC" sh -c \
	"'$BIN' report --db '$DB' --tz Asia/Tokyo | grep -q 'Z / [0-9-]* [0-9:]* JST'"
check "status --tz shows the reader's time next to UTC" sh -c \
	"'$BIN' status --db '$DB' --tz JST-9 | grep -q 'Z / [0-9-]* [0-9:]* JST'"

# diff recomputes the same changes from the stored states, except for
# the region that failed in the newer run.
expect_exit 1 "diff finds changes" sh -c "'$BIN' diff --db '$DB' --format json >'$WORK/diff.json'"
check "diff equals the recorded changes" "$PYTHON" - "$WORK/diff.json" "$WORK/report.json" <<'PY'
import json, sys
d, r = (json.load(open(p)) for p in sys.argv[1:3])
key = lambda c: (c["region"], c["kind"], c["subject"], c["old"], c["new"], c["path"])
sys.exit(0 if sorted(map(key, d["changes"])) == sorted(map(key, r["changes"])) else 1)
PY

# A case for every support-case change; none for an informational one.
for id in $(sqlite3 "$DB" "SELECT change_id FROM changes WHERE path IN ('P3','P5','P6')"); do
	check "case $id (en)" sh -c "'$BIN' case --db '$DB' $id >'$WORK/case.txt'"
	check "case $id names the account" grep -q 123456789012 "$WORK/case.txt"
	check "case $id (ja)" sh -c "'$BIN' case --db '$DB' --lang ja $id >/dev/null"
done
info=$(sqlite3 "$DB" "SELECT change_id FROM changes WHERE path = 'info' LIMIT 1")
expect_exit 1 "case for an informational change: none needed" \
	sh -c "'$BIN' case --db '$DB' $info >/dev/null"
expect_exit 4 "case for a missing change" "$BIN" case --db "$DB" 99999
expect_exit 2 "case with a bad id" "$BIN" case --db "$DB" 12abc

# The region comes back: its own change appears once, late but not lost.
printf '{"mutations": [["region_down", "ap-southeast-2", "false"]]}' >"$WORK/up.json"
sim_post mutate "$WORK/up.json"
expect_exit 1 "collect with the region back: changes found" \
	"$BIN" collect -q --db "$DB"
"$BIN" report --db "$DB" --format json -o "$WORK/r3.json"
check "the region that came back reports its revoked access once" "$PYTHON" - "$WORK/r3.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c = [c for c in r["changes"] if c["region"] == "ap-southeast-2"]
sys.exit(0 if len(c) == 1 and c[0]["kind"] == "access_lost" else 1)
PY

finish
