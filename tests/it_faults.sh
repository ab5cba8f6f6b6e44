#!/bin/sh
# Integration: the fault matrix, fast variant (tests/faultmatrix.py
# --quick on the small world).  Every fault kind of the simulator, plus
# clock skew, a region down, a refused endpoint, the run deadline and
# faults on STS, each against a baseline of the unchanged world: the
# regions that complete equal the world, a region that fails is recorded
# as failed (or partial, when some of its calls answered) with the code
# its fault must produce and keeps its state, no change is ever
# recorded, and the exit status says which happened.  A fault on one
# operation of one region leaves it partial with that part unknown; an
# opt-in region the account has not enabled is not_enabled, exit 0.
# `make stress` runs the whole matrix on the default world.
set -eu
. "$(dirname "$0")/lib.sh"

WORLD="$TOP/sim/scenarios/small.json"

# The per-attempt timeout the matrix relies on, from the shared config.
printf '[default]\napi_call_attempt_timeout = 2x\n' >"$AWS_CONFIG_FILE"
expect_exit 2 "a bad api_call_attempt_timeout is a configuration error" \
	"$BIN" whoami 2>"$WORK/knob.err"
check "the message names the setting" \
	grep -q 'api_call_attempt_timeout "2x"' "$WORK/knob.err"
printf '[default]\napi_call_attempt_timeout = 0\n' >"$AWS_CONFIG_FILE"
expect_exit 2 "api_call_attempt_timeout 0 is refused" "$BIN" whoami \
	2>/dev/null
: >"$AWS_CONFIG_FILE"

# The matrix: one line per cell, then the assertions that failed.
set +e
TMPDIR="$WORK" "$PYTHON" "$TOP/tests/faultmatrix.py" --quick \
	--world "$WORLD" --bin "$BIN" --jobs 2 --results "$WORK/cells.json" \
	>"$WORK/matrix.txt" 2>&1
rc=$?
set -e
sed 's/^/# /' "$WORK/matrix.txt"
check "the matrix ran (exit $rc)" test -s "$WORK/cells.json"
"$PYTHON" - "$WORK/cells.json" >"$WORK/cells.txt" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1])):
    why = "; ".join(r["problems"])
    print("%s %s%s" % ("ok" if not why else "fail", r["cell"],
                       ": " + why if why else ""))
PY
while read -r verdict what; do
	if [ "$verdict" = ok ]; then ok "$what"; else fail "$what"; fi
done <"$WORK/cells.txt"
check "every cell passed and none was left out" test "$rc" = 0
check "every fault kind was injected" "$PYTHON" - "$WORK/cells.json" <<'PY'
import json, sys
kinds = {"throttle", "throttle400", "error500", "error503", "reset",
         "timeout", "truncated", "malformed", "wrongtypes", "endless_token",
         "repeat_token", "huge", "expired_token", "down", "refused", "skew",
         "deadline", "sts"}
rows = json.load(open(sys.argv[1]))
seen = {r["fault"] for r in rows if r["faults"] > 0 or
        r["fault"] in ("refused",)}
sys.exit(0 if kinds <= seen else "not injected: %s" % sorted(kinds - seen))
PY
check "the partial-region and opt-in cells ran" "$PYTHON" - "$WORK/cells.json" <<'PY'
import json, sys
want = {"error500@quota list", "throttle@availability",
        "not_enabled@opt-in region"}
rows = {r["cell"]: r for r in json.load(open(sys.argv[1]))}
missing = want - set(rows)
bad = [c for c in want & set(rows) if rows[c]["problems"]]
sys.exit("missing %s, failed %s" % (sorted(missing), bad)
         if missing or bad else 0)
PY

finish
