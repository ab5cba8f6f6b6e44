#!/bin/sh
# Integration: member accounts are prepared at once (issue 12).  Each
# member's role is assumed, its identity checked and its regions listed
# on the caller's one engine, the members side by side: with the
# simulator answering every call after 200 ms, every member's
# AssumeRole ends before any member's GetCallerIdentity (one after
# another, the second member's AssumeRole would come after the first
# member's three calls).  A member whose role cannot be assumed is still
# recorded failed with STS's code, the others collected, exit 3.
set -eu
. "$(dirname "$0")/lib.sh"

DB="$WORK/members.db"
CALLER=123456789012
ROLE=BedrockAuditMember
MEMBERS="111111111111 222222222222 333333333333 444444444444 555555555555"
BAD=666666666666
LOG="$WORK/sim.log"

# Every member trusts the caller but $BAD, which trusts another account.
"$PYTHON" - "$WORK/identity.json" "$CALLER" "$ROLE" "$BAD" $MEMBERS <<'PY'
import json, sys
out, caller, role, bad = sys.argv[1:5]
roles = {}
for acct in sys.argv[5:] + [bad]:
    roles["arn:aws:iam::%s:role/%s" % (acct, role)] = {
        "trusted": ["arn:aws:iam::%s:root" %
                    ("999999999999" if acct == bad else caller)]}
json.dump({"roles": roles}, open(out, "w"))
PY
sim_start "$TOP/sim/scenarios/small.json" --identity "$WORK/identity.json" \
	--latency-ms 200 --log "$LOG"

ACCOUNTS=$(echo $MEMBERS $BAD | tr ' ' ',')
expect_exit 3 "five members collected, one role not assumable" \
	"$BIN" collect -q --no-usage --db "$DB" --regions us-east-1 \
	--accounts "$ACCOUNTS" --role-name "$ROLE" 2>"$WORK/run.err"

# The log has one line per call, written when its reply is sent.
check "six AssumeRole calls" test \
	"$(grep -c ' AssumeRole ' "$LOG")" = 6
check "every AssumeRole ended before the first member GetCallerIdentity" \
	"$PYTHON" - "$LOG" <<'PY'
import sys
ops = [l.split() for l in open(sys.argv[1]) if len(l.split()) > 5]
last_assume = max(i for i, f in enumerate(ops) if f[3] == "AssumeRole")
first_member_id = min(i for i, f in enumerate(ops)
                      if f[3] == "GetCallerIdentity" and
                      f[5] != "AKIDEXAMPLE")
sys.exit(0 if last_assume < first_member_id else 1)
PY
check "every member's ListRegions was asked" test \
	"$(grep -c ' ListRegions ' "$LOG")" = 5
check "the failed account is named once, with AssumeRole's code" sh -c \
	"test \$(grep -c '$BAD' '$WORK/run.err') = 1 &&
	 grep '$BAD' '$WORK/run.err' | grep -q 'not collected: AssumeRole' &&
	 grep '$BAD' '$WORK/run.err' | grep -q AccessDenied &&
	 grep '$BAD' '$WORK/run.err' | grep -q 'trust policy'"
check "run_accounts: five collected, one failed with its code, in order" \
	test "$(sqlite3 "$DB" "SELECT group_concat(account_id || ':' ||
	    status || ':' || coalesce(error_code, ''), ' ') FROM (SELECT *
	    FROM run_accounts WHERE run_id = 1 ORDER BY account_id)")" = \
	"$(for a in $MEMBERS; do printf '%s:collected: ' $a; done)$(
	    )$BAD:failed:AccessDenied"
check "each collected member has its region recorded" test \
	"$(sqlite3 "$DB" "SELECT count(DISTINCT account_id) FROM region_runs
	    WHERE run_id = 1 AND status = 'ok'")" = 5

finish
