#!/bin/sh
# Integration: collect against the simulator's realistic multi-region
# world.  The views must equal the world exactly, across pagination; a
# second run on an unchanged world adds no state rows; whoami proves the
# credential chain and the signer; faults in one region fail that region
# only; retries recover from throttling.
set -eu
. "$(dirname "$0")/lib.sh"

WORLD="$TOP/sim/scenarios/default.json"
DB="$WORK/audit.db"
sim_start "$WORLD"

# Rows of every state table (history included), to see what a run adds.
state_rows() {
	sqlite3 "$DB" "SELECT (SELECT count(*) FROM model_state) +
	    (SELECT count(*) FROM quota_state) +
	    (SELECT count(*) FROM profile_state) +
	    (SELECT count(*) FROM quota_request_state)"
}

# whoami: account, ARN and the credential source; never the secret.
"$BIN" whoami >"$WORK/whoami.out" 2>&1
check "whoami prints the account" grep -q '^account: *123456789012$' "$WORK/whoami.out"
check "whoami names the credential source" grep -q '^source: *environment' "$WORK/whoami.out"
check "whoami does not print the secret" \
	sh -c "! grep -q 'wJalrXUtnFEMI' '$WORK/whoami.out'"

# A wrong secret is refused by the simulator with AWS's error code.
expect_exit 4 "whoami with a wrong secret fails" \
	env AWS_SECRET_ACCESS_KEY=wrongwrongwrongwrongwrongwrongwrong \
	"$BIN" whoami 2>"$WORK/wrong.err"
check "the AWS error code (STS: SignatureDoesNotMatch) is in the message" \
	grep -q -E 'SignatureDoesNotMatch|InvalidSignatureException' "$WORK/wrong.err"
expect_exit 4 "whoami with an unknown key fails" \
	env AWS_ACCESS_KEY_ID=AKIDUNKNOWNKEY000000 "$BIN" whoami 2>"$WORK/unk.err"
check "unknown key: UnrecognizedClient or InvalidClientTokenId" \
	grep -q -E 'UnrecognizedClientException|InvalidClientTokenId' "$WORK/unk.err"

# A run that fails before its first region records why, and the report
# of that morning names the cause and the fix, not only cron's stderr.
expect_exit 4 "collect with a wrong secret: nothing collected" \
	env AWS_SECRET_ACCESS_KEY=wrongwrongwrongwrongwrongwrongwrong \
	"$BIN" collect -q --db "$WORK/refused.db" 2>/dev/null
sqlite3 "$WORK/refused.db" "SELECT operation || ':' || http_status || ':' ||
    error_code FROM run_failures WHERE run_id = 1" >"$WORK/refused.row"
check "run_failures: GetCallerIdentity refused with STS's code" grep -q -x -E \
	'GetCallerIdentity:403:(SignatureDoesNotMatch|InvalidSignatureException)' \
	"$WORK/refused.row"
"$BIN" report --db "$WORK/refused.db" >"$WORK/refused.txt"
check "the report names the failed call, STS's answer and the fix" sh -c \
	"grep -q 'The run stopped before its first region' '$WORK/refused.txt' &&
	 grep -q 'Failed call: GetCallerIdentity' '$WORK/refused.txt' &&
	 grep -q -E 'HTTP 403, (SignatureDoesNotMatch|InvalidSignatureException)' \
	    '$WORK/refused.txt' &&
	 grep -q 'secret access key' '$WORK/refused.txt'"
check "the secret is in no report" sh -c \
	"! grep -q wrongwrong '$WORK/refused.txt' &&
	 ! sqlite3 '$WORK/refused.db' .dump | grep -q wrongwrong"
expect_exit 4 "collect with no credentials at all: nothing collected" \
	env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY \
	"$BIN" collect -q --db "$WORK/refused.db" 2>/dev/null
"$BIN" report --db "$WORK/refused.db" --format json --lang ja \
	-o "$WORK/refused.json"
check "... recorded as the credentials step, with the chain's reason" \
	"$PYTHON" -c "
import json, sys
f = json.load(open(sys.argv[1]))['collection']['run_failure']
assert f['operation'] == 'credentials' and f['http_status'] is None, f
assert 'AWS_ACCESS_KEY_ID not set' in f['message'], f
assert 'IAM Identity Center' in f['fix'], f
" "$WORK/refused.json"
"$BIN" report --db "$WORK/refused.db" >"$WORK/refused2.txt"
check "... and the text report shows the chain's reason to its last source" \
	sh -c "grep -q 'No credentials could be found or obtained' \
	    '$WORK/refused2.txt' &&
	 grep -q 'AWS_EC2_METADATA_DISABLED' '$WORK/refused2.txt'"
"$BIN" report --db "$WORK/refused.db" --format html -o "$WORK/refused.html"
check "... and the HTML page draws no chart of days nothing was known of" \
	sh -c "grep -q 'No credentials could be found' '$WORK/refused.html' &&
	 ! grep -q '<svg' '$WORK/refused.html'"
expect_exit 4 "status: no state to show" "$BIN" status --db "$WORK/refused.db" \
	2>"$WORK/refused-status.err"
check "... says the newest run failed and where the reason is" grep -q \
	"the newest, run 2, failed (bedrock-audit report says why)" \
	"$WORK/refused-status.err"

# The first run records every region exactly.
expect_exit 0 "first collect is complete" "$BIN" collect -q --db "$DB"
check "views equal the world" "$PYTHON" "$TOP/tests/verify_db.py" "$DB" "$WORLD"
check "database file is 0600" test "$(stat -c %a "$DB")" = 600
check "run 1 is complete" test "$(sqlite3 "$DB" "SELECT status FROM runs WHERE run_id = 1")" = complete
check "every region ok in run 1" test \
	"$(sqlite3 "$DB" "SELECT count(*) FROM region_runs WHERE run_id = 1 AND status = 'ok'")" = 6

# An unchanged world: no state rows, no changes, little growth.
rows1=$(state_rows)
size1=$(sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null; stat -c %s "$DB")
expect_exit 0 "second collect on the same world" "$BIN" collect -q --db "$DB"
rows2=$(state_rows)
size2=$(sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null; stat -c %s "$DB")
check "unchanged run adds no state rows ($rows1 -> $rows2)" test "$rows1" = "$rows2"
check "unchanged run records no change" test \
	"$(sqlite3 "$DB" "SELECT count(*) FROM changes")" = 0
growth=$((size2 - size1))
echo "# database growth of an unchanged run: $growth bytes"
check "unchanged run grows the database by <= 8 KB ($growth)" test "$growth" -le 8192

# Throttling at 30%: retried, and the run is still complete and exact.
printf '{"seed": 7, "rules": [{"kind": "throttle", "rate": 0.3}]}' >"$WORK/f.json"
sim_post faults "$WORK/f.json"
expect_exit 0 "collect through 30% throttling" \
	env AWS_MAX_ATTEMPTS=10 "$BIN" collect -q --db "$DB"
check "throttled run still equals the world" "$PYTHON" "$TOP/tests/verify_db.py" "$DB" "$WORLD"
check "the simulator injected throttling" sh -c \
	"$PYTHON -c 'import json,sys; s=json.load(sys.stdin); sys.exit(0 if s[\"faults_total\"] > 0 else 1)' <<E
$(sim_get stats)
E"

# A call that stays throttled through its attempts and every later round
# the run's time allows (--timeout 20, 2 s attempts: rounds until 9 s)
# loses only what it covers: the region is partial, its quotas unknown
# (kept, unconfirmed), with a message naming the operation, the region
# and the AWS code.
printf '{"rules": [{"kind": "throttle", "rate": 1.0, "region": "eu-west-1", "operation": "ListServiceQuotas"}]}' >"$WORK/f.json"
sim_post faults "$WORK/f.json"
printf '[default]\napi_call_attempt_timeout = 2\n' >"$AWS_CONFIG_FILE"
expect_exit 3 "a region throttled through every round: partial" \
	env AWS_MAX_ATTEMPTS=2 "$BIN" collect -vv --timeout 20 --db "$DB" \
	2>"$WORK/throttle.err"
: >"$AWS_CONFIG_FILE"
check "the call had later rounds" grep -q \
	'ListServiceQuotas eu-west-1: attempt 1/2 of round 2:' "$WORK/throttle.err"
check "message names operation, region and code" grep -q \
	'eu-west-1.*ListServiceQuotas.*TooManyRequestsException' "$WORK/throttle.err"
check "region_runs holds the failure" test "$(sqlite3 "$DB" \
	"SELECT status || ' ' || error_code || ' ' || unknown_count FROM region_runs
	  WHERE run_id = (SELECT max(run_id) FROM runs) AND region = 'eu-west-1'")" \
	= "partial TooManyRequestsException 1"
check "its quotas are unconfirmed, its models confirmed" test "$(sqlite3 "$DB" \
	"SELECT (SELECT sum(confirmed) FROM quotas_now WHERE region = 'eu-west-1')
	  || ' ' || (SELECT min(confirmed) FROM models_now WHERE region = 'eu-west-1')
	  || ' ' || (SELECT min(confirmed) FROM quotas_now WHERE region = 'us-east-1')")" \
	= "0 1 1"
check "the failed region keeps its state" "$PYTHON" "$TOP/tests/verify_db.py" "$DB" "$WORLD"
check "a failure produces no change" test \
	"$(sqlite3 "$DB" "SELECT count(*) FROM changes")" = 0

# A region that is down, and malformed replies in another.
printf '{"seed": 3, "rules": [{"kind": "reset", "rate": 1.0, "region": "ap-southeast-2"}, {"kind": "malformed", "rate": 1.0, "region": "us-west-2", "operation": "ListInferenceProfiles"}]}' >"$WORK/f.json"
sim_post faults "$WORK/f.json"
expect_exit 3 "region down and malformed replies: partial" \
	env AWS_MAX_ATTEMPTS=2 "$BIN" collect -q --db "$DB"
check "one region failed, one partial, four ok" test "$(sqlite3 "$DB" \
	"SELECT group_concat(region || ':' || status, ' ') FROM (SELECT * FROM region_runs
	  WHERE run_id = (SELECT max(run_id) FROM runs) ORDER BY region)")" = \
	"ap-northeast-1:ok ap-southeast-2:failed eu-central-1:ok eu-west-1:ok us-east-1:ok us-west-2:partial"
check "the parse failure's reason is recorded" sh -c "sqlite3 '$DB' \
	\"SELECT error_code || ' ' || error_message FROM region_runs
	  WHERE run_id = (SELECT max(run_id) FROM runs) AND region = 'us-west-2'\" |
	grep -q '^InvalidReply ListInferenceProfiles: '"
check "run status is partial" test "$(sqlite3 "$DB" \
	"SELECT status FROM runs ORDER BY run_id DESC LIMIT 1")" = partial
check "nothing previously recorded was closed" "$PYTHON" "$TOP/tests/verify_db.py" "$DB" "$WORLD"

# AccessDenied names the IAM action to allow, on stderr and in the report.
printf '{"rules": [{"kind": "access_denied", "rate": 1.0, "region": "eu-central-1", "operation": "ListInferenceProfiles"}]}' >"$WORK/f.json"
sim_post faults "$WORK/f.json"
expect_exit 3 "a region denied one action: partial" \
	"$BIN" collect --db "$DB" 2>"$WORK/denied.err"
check "stderr names the denied IAM action" grep -q \
	'eu-central-1: partial: 1 call failed; ListInferenceProfiles: AccessDeniedException (HTTP 403): .*bedrock:ListInferenceProfiles' \
	"$WORK/denied.err"
"$BIN" report --db "$DB" >"$WORK/denied.txt"
check "the report names the IAM action" grep -q 'bedrock:ListInferenceProfiles' "$WORK/denied.txt"
check "AccessDenied is not retried" test "$(sim_get stats | "$PYTHON" -c '
import json, sys
s = json.load(sys.stdin)
print(s["faults"].get("access_denied", 0))')" = 1
echo '{"rules": []}' >"$WORK/f.json"
sim_post faults "$WORK/f.json"

# Usage errors and the writer lock.
expect_exit 2 "bad --concurrency is a usage error" "$BIN" collect --concurrency 0 --db "$DB"
expect_exit 2 "bad region name is a usage error" "$BIN" collect --regions 'us-east-1,Bad!' --db "$DB"
"$PYTHON" - "$DB.lock" "$WORK/locked" <<'PY' &
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
open(sys.argv[2], "w").close()
time.sleep(5)
PY
locker=$!
while [ ! -e "$WORK/locked" ]; do sleep 0.05; done
expect_exit 5 "a second collect while the lock is held" "$BIN" collect -q --db "$DB"
kill "$locker" 2>/dev/null || true
wait "$locker" 2>/dev/null || true

# kill -9 in the middle of a collect, then collect again.
printf '{"rules": []}' >"$WORK/f.json"
sim_post faults "$WORK/f.json"
printf '{"latency_ms": 20}' >"$WORK/c.json"
sim_post config "$WORK/c.json"
"$BIN" collect -q --db "$DB" &
victim=$!
sleep 0.3
kill -9 "$victim" 2>/dev/null || true
wait "$victim" 2>/dev/null || true
printf '{"latency_ms": 0}' >"$WORK/c.json"
sim_post config "$WORK/c.json"
expect_exit 0 "collect after kill -9" "$BIN" collect -q --db "$DB"
check "integrity_check after kill -9" test "$(sqlite3 "$DB" "PRAGMA integrity_check")" = ok
check "state after kill -9 equals the world" "$PYTHON" "$TOP/tests/verify_db.py" "$DB" "$WORLD"
check "no change recorded across the kill" test \
	"$(sqlite3 "$DB" "SELECT count(*) FROM changes")" = 0

# A database belongs to the account it records: another account's
# credentials are refused before anything is written.
"$PYTHON" - "$WORLD" "$WORK/two-accounts.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
other = dict(d["accounts"]["AKIDEXAMPLE"], account="210987654321",
             arn="arn:aws:iam::210987654321:user/other")
d["accounts"]["AKIDOTHERACCOUNT1"] = other
json.dump(d, open(sys.argv[2], "w"))
PY
sim_post scenario "$WORK/two-accounts.json"
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
runs_before=$(sqlite3 "$DB" "SELECT count(*) FROM runs")
sum_before=$(sha256sum <"$DB")
expect_exit 2 "collecting another account into this database is refused" \
	env AWS_ACCESS_KEY_ID=AKIDOTHERACCOUNT1 "$BIN" collect --db "$DB" \
	2>"$WORK/other.err"
check "the refusal names both accounts" sh -c \
	"grep -q 123456789012 '$WORK/other.err' && grep -q 210987654321 '$WORK/other.err'"
check "the refusal is one line" test "$(wc -l <"$WORK/other.err")" = 1
check "the database file is unchanged byte for byte" \
	test "$(sha256sum <"$DB")" = "$sum_before"
check "no run was recorded for the other account" \
	test "$(sqlite3 "$DB" "SELECT count(*) FROM runs")" = "$runs_before"
expect_exit 0 "the database's own account still collects" \
	"$BIN" collect -q --db "$DB"

# A region absent from the account's enabled regions (Account
# ListRegions) is not_enabled and is sent no request; with ListRegions
# denied, the same run as without it (the errors decide).
"$PYTHON" - "$WORLD" "$WORK/enabled.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["enabled_regions"] = sorted(r for r in d["regions"] if r != "eu-central-1")
json.dump(d, open(sys.argv[2], "w"))
PY
sim_post scenario "$WORK/enabled.json"
region_calls() {
	sim_get stats | "$PYTHON" -c '
import json, sys
print(json.load(sys.stdin)["by_region"].get(sys.argv[1], 0))' "$1"
}
listed_before=$(sim_get stats | "$PYTHON" -c '
import json, sys
print(json.load(sys.stdin)["by_operation"].get("ListRegions", 0))')
ec_before=$(region_calls eu-central-1)
expect_exit 0 "a region the account has not enabled: exit 0" \
	"$BIN" collect -v --db "$WORK/enabled.db" 2>"$WORK/enabled.err"
check "ListRegions was asked" test "$(sim_get stats | "$PYTHON" -c '
import json, sys
print(json.load(sys.stdin)["by_operation"].get("ListRegions", 0))')" -gt "$listed_before"
check "the region absent from ListRegions is not_enabled" test \
	"$(sqlite3 "$WORK/enabled.db" "SELECT status FROM region_runs WHERE region = 'eu-central-1'")" = not_enabled
check "no request was sent to it" test "$(region_calls eu-central-1)" = "$ec_before"
check "the other regions are ok" test "$(sqlite3 "$WORK/enabled.db" \
	"SELECT count(*) FROM region_runs WHERE status = 'ok'")" = 5
printf '{"rules": [{"kind": "access_denied", "rate": 1.0, "operation": "ListRegions"}]}' >"$WORK/f.json"
sim_post faults "$WORK/f.json"
expect_exit 0 "ListRegions denied: the run goes on" \
	"$BIN" collect -v --db "$WORK/denied-lr.db" 2>"$WORK/denied-lr.err"
check "the denial is one -v line" test "$(grep -c 'enabled regions unknown' "$WORK/denied-lr.err")" = 1
check "the denial line names the error" grep -q \
	'enabled regions unknown (ListRegions us-east-1: AccessDeniedException' "$WORK/denied-lr.err"
check "ListRegions denied: the world's regions are ok, as today" test \
	"$(sqlite3 "$WORK/denied-lr.db" "SELECT count(*) FROM region_runs WHERE status = 'ok'")" = 6
"$BIN" collect -q --db "$WORK/quiet-lr.db" 2>"$WORK/quiet-lr.err" || true
check "without -v the denial says nothing" test ! -s "$WORK/quiet-lr.err"
echo '{"rules": []}' >"$WORK/f.json"
sim_post faults "$WORK/f.json"
sim_post scenario "$WORLD"

# A run that fails after runs with data: status shows the last known
# state and says the newest run failed, so it may be out of date.
expect_exit 4 "a later run without credentials" env -u AWS_ACCESS_KEY_ID \
	-u AWS_SECRET_ACCESS_KEY "$BIN" collect -q --db "$DB" 2>/dev/null
last=$(sqlite3 "$DB" "SELECT max(run_id) FROM runs")
"$BIN" status --db "$DB" --tz UTC >"$WORK/status-stale.txt"
check "status: the newest run failed, the state may be out of date" sh -c \
	"tr '\\n' ' ' <'$WORK/status-stale.txt' | tr -s ' ' | grep -q \
	 'The newest run, #$last (.*), failed and collected nothing: this state may be out of date'"
"$BIN" status --db "$DB" --format json >"$WORK/status-stale.json"
check "... JSON: failed_run, and the state of the run before it" \
	"$PYTHON" -c "
import json, sys
d = json.load(open(sys.argv[1]))
assert d['failed_run'] == int(sys.argv[2]) > d['run_id'], d
assert d['failed_run_time'], d
" "$WORK/status-stale.json" "$last"

finish
