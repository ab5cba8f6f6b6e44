#!/bin/sh
# Integration: notifications (collect --notify, bedrock-audit notify)
# against the simulator (SNS Publish and EventBridge PutEvents, SigV4
# verified) and a loopback webhook receiver (tests/webhook_rx.py) for
# Slack and Teams.  A bad --notify file spends no run; a baseline run is
# below every threshold; after a revoked model every target hears of the
# run once: exec gets the report JSON that "report --format json" prints
# and the facts in its environment, Slack and Teams payloads have their
# documented shapes, SNS and EventBridge accept theirs.  Targets that
# fail (HTTP 500, a hang, a slow command, an unknown event bus) are one
# line each on stderr and a row in the notifications view, and collect's
# exit status is the one it would have had.  notify sends nothing twice;
# notify --run sends again.  A crash after sending and before recording
# the outcome leaves "unknown" and is not sent again.  No webhook URL
# reaches stderr, the database or a report.
set -eu
. "$(dirname "$0")/lib.sh"

WORLD="$TOP/sim/scenarios/small.json"
DB="$WORK/audit.db"
RXLOG="$WORK/rx.log"
SHIM="$WORK/crashshim.so"
sim_start "$WORLD"

: > "$RXLOG"
"$PYTHON" "$TOP/tests/webhook_rx.py" --port-file "$WORK/rx.port" \
	--log "$RXLOG" --hang 20 &
RX_PID=$!
trap 'kill $RX_PID 2>/dev/null || true; cleanup' EXIT INT TERM
i=0
while [ ! -s "$WORK/rx.port" ]; do
	i=$((i + 1))
	[ $i -lt 100 ] || { echo "webhook receiver did not start" >&2; exit 1; }
	sleep 0.1
done
RX="http://127.0.0.1:$(cat "$WORK/rx.port")"

rx_count() {	# requests the receiver got whose path starts with $1
	grep -c "\"path\": \"$1" "$RXLOG" || true
}
view() {	# the notifications view of run $1 as "target state" lines
	sqlite3 "$DB" "SELECT target || ' ' || state FROM notifications
	    WHERE run = $1 AND resend = 0 ORDER BY target"
}

# -- a bad file: exit 2, named by file:line, no run, nothing sent -------
cat > "$WORK/bad.ini" <<EOF
[target team-chat]
type = slack
url = http://hooks.example.com/services/SECRETBADTOKEN
EOF
expect_exit 2 "collect with a bad --notify file" \
	sh -c '"$1" collect -q --db "$2" --notify "$3" 2> "$4"' sh "$BIN" \
	"$DB" "$WORK/bad.ini" "$WORK/bad.err"
check "the refusal names file:line and the key" grep -q \
	"bad.ini:3: \[target team-chat\] url: not an https URL" "$WORK/bad.err"
check "the refusal does not show the URL" sh -c \
	'! grep -q SECRET "$1"' sh "$WORK/bad.err"
check "no run was spent (no database)" test ! -e "$DB"
expect_exit 2 "notify with a missing --notify file" \
	sh -c '"$1" notify --db "$2" --notify "$3" 2> "$4"' sh "$BIN" "$DB" \
	"$WORK/nosuch.ini" "$WORK/nosuch.err"
check "... says so" grep -q "nosuch.ini: No such file or directory" \
	"$WORK/nosuch.err"

# -- the targets -------------------------------------------------------
cat > "$WORK/n.ini" <<EOF
; every kind of target, and some that fail
[notify]
archive_url = https://audit.example.com/daily/
[target hook]
type = exec
command = cat > "$WORK/exec.json"; env | grep '^BEDROCK_AUDIT_' | sort > "$WORK/exec.env"
threshold = info
[target team-chat]
type = slack
url = $RX/ok/slack/SECRETSLACKTOKEN
[target teams]
type = teams
url = $RX/accept/teams/SECRETTEAMSTOKEN
[target mail]
type = sns
topic_arn = arn:aws:sns:us-east-1:123456789012:bedrock-audit
[target bus]
type = eventbridge
event_bus = audit-bus
[target nobus]
type = eventbridge
event_bus = missing-bus
[target broken]
type = slack
url = $RX/fail/SECRETFAILTOKEN
timeout = 2
[target stuck]
type = teams
url = $RX/hang/SECRETHANGTOKEN
timeout = 2
[target slowcmd]
type = exec
command = (sleep 3; touch "$WORK/leftover") & sleep 20
timeout = 1
threshold = action
EOF
printf '{"event_buses": ["default", "audit-bus"]}' > "$WORK/buses.json"
sim_post notifications "$WORK/buses.json"

expect_exit 0 "baseline collect --notify" \
	sh -c '"$1" collect -q --db "$2" --notify "$3" 2> "$4"' sh "$BIN" \
	"$DB" "$WORK/n.ini" "$WORK/c1.err"
check "the baseline run is below every threshold: nothing sent" \
	test "$(wc -l < "$RXLOG")" = 0 -a ! -e "$WORK/exec.json"
check "... and every target has a skipped row" test \
	"$(sqlite3 "$DB" "SELECT count(*) FROM notifications WHERE run = 1
	    AND state = 'skipped'")" = 9

printf '{"mutations": [["revoke_access", "us-east-1", "%s"]]}' \
	"anthropic.claude-3-haiku-20240307-v1:0" > "$WORK/mut.json"
sim_post mutate "$WORK/mut.json"
expect_exit 1 "collect --notify after a revoked model: exit 1 as without" \
	sh -c '"$1" collect -q --db "$2" --notify "$3" 2> "$4"' sh "$BIN" \
	"$DB" "$WORK/n.ini" "$WORK/c2.err"
"$BIN" report --db "$DB" --format json -o "$WORK/report.json"

check "exec: stdin is what report --format json prints" \
	cmp "$WORK/exec.json" "$WORK/report.json"
check "exec: the facts in its environment" "$PYTHON" - "$WORK/exec.env" \
	"$DB" <<'PY'
import sys
env = dict(l.rstrip("\n").split("=", 1) for l in open(sys.argv[1]))
env.pop("BEDROCK_AUDIT_ALL_REGIONS", None)	# lib.sh's own
want = {"BEDROCK_AUDIT_RUN": "2", "BEDROCK_AUDIT_STATUS": "complete",
        "BEDROCK_AUDIT_ACTIONS": "1", "BEDROCK_AUDIT_WARNINGS": "0",
        "BEDROCK_AUDIT_OPEN": env.get("BEDROCK_AUDIT_OPEN"),
        "BEDROCK_AUDIT_DB": sys.argv[2], "BEDROCK_AUDIT_ACCOUNT": "123456789012"}
assert env == want, env
assert int(env["BEDROCK_AUDIT_OPEN"]) >= 1, env
PY
check "slack: one request, Block Kit payload" "$PYTHON" - "$RXLOG" \
	"$WORK/report.json" <<'PY'
import json, sys
reqs = [json.loads(l) for l in open(sys.argv[1])
        if '"/ok/slack/' in l]
assert len(reqs) == 1, reqs
r = reqs[0]
assert r["headers"]["content-type"] == "application/json", r["headers"]
doc = json.loads(r["body"])
rep = json.load(open(sys.argv[2]))
assert set(doc) == {"text", "blocks"}, doc.keys()
assert "run #2" in doc["text"]
day = rep["collection"]["started_at"][:10]
assert "https://audit.example.com/daily/%s.html" % day in doc["text"]
assert doc["blocks"][0]["type"] == "header"
assert doc["blocks"][0]["text"]["type"] == "plain_text"
for b in doc["blocks"][1:]:
    assert b["type"] == "section", b
    assert b["text"]["type"] == "mrkdwn" and 0 < len(b["text"]["text"]) \
        <= 3000, b
assert len(doc["blocks"]) <= 50
entries = rep["entries"]
body = json.dumps(doc)
for e in entries:
    assert e["subject"] in body, e["subject"]
PY
check "teams: one request, the Workflows Adaptive Card envelope" \
	"$PYTHON" - "$RXLOG" <<'PY'
import json, sys
reqs = [json.loads(l) for l in open(sys.argv[1])
        if '"/accept/teams/' in l]
assert len(reqs) == 1, reqs
doc = json.loads(reqs[0]["body"])
assert doc["type"] == "message" and len(doc["attachments"]) == 1
a = doc["attachments"][0]
assert a["contentType"] == "application/vnd.microsoft.card.adaptive"
c = a["content"]
assert c["$schema"] == "http://adaptivecards.io/schemas/adaptive-card.json"
assert (c["type"], c["version"]) == ("AdaptiveCard", "1.4")
assert [b["type"] for b in c["body"]][:2] == ["TextBlock", "TextBlock"]
assert all(b["type"] == "RichTextBlock" and b["inlines"][0]["type"] ==
           "TextRun" for b in c["body"][2:]) and len(c["body"]) > 2
assert c["actions"][0]["type"] == "Action.OpenUrl"
PY
sim_get notifications > "$WORK/aws.json"
check "sns: one Publish accepted (SigV4 verified) with the run's news" \
	"$PYTHON" - "$WORK/aws.json" "$WORK/report.json" <<'PY'
import json, sys
pubs = [n for n in json.load(open(sys.argv[1])) if n["service"] == "sns"]
assert len(pubs) == 1, pubs
p = pubs[0]
assert p["topic_arn"] == "arn:aws:sns:us-east-1:123456789012:bedrock-audit"
assert p["region"] == "us-east-1"
assert 0 < len(p["subject"]) < 100 and "\n" not in p["subject"]
assert p["subject"] == "bedrock-audit run #2 complete: action 1, " \
    "warning 0, open %d" % json.load(open(sys.argv[2]))["summary"]["open"], \
    p["subject"]
assert "run #2" in p["message"] and "audit.example.com/daily/" in \
    p["message"], p["message"]
PY
check "eventbridge: one event per entry on the bus, Detail an object" \
	"$PYTHON" - "$WORK/aws.json" "$WORK/report.json" <<'PY'
import json, sys
calls = [n for n in json.load(open(sys.argv[1])) if n["service"] == "events"]
rep = json.load(open(sys.argv[2]))
ok = [e for c in calls for e in c["entries"]]
assert len(ok) == len(rep["entries"]) >= 1, (ok, rep["entries"])
for e, r in zip(ok, rep["entries"]):
    assert e["source"] == "bedrock-audit" and e["event_bus"] == "audit-bus"
    assert e["detail_type"] == "Bedrock audit " + r["kinds"][0], e
    assert e["detail"]["run"] == 2 and e["detail"]["entry"]["subject"] == \
        r["subject"], e
failed = [c for c in calls if c["failed"] > 0]
assert len(failed) == 1 and failed[0]["entries"] == [], failed
PY
check "the failing targets: one stderr line each, no URL" "$PYTHON" - \
	"$WORK/c2.err" <<'PY'
import sys
err = open(sys.argv[1]).read()
lines = err.splitlines()
for t in ("broken (slack)", "stuck (teams)", "slowcmd (exec)",
          "nobus (eventbridge)"):
    n = [l for l in lines if ("target " + t) in l]
    assert len(n) == 1, (t, lines)
assert "HTTP 500" in err and "ResourceNotFoundException" in err, err
assert "did not finish within 1 s" in err, err
assert "SECRET" not in err and "127.0.0.1" not in err, err
assert len(lines) == 4, lines
PY
check "the notifications view of run 2" test "$(view 2 | tr '\n' ' ')" = \
	"broken failed bus sent hook sent mail sent nobus failed slowcmd failed stuck failed team-chat sent teams sent "
check "each failure says why in the view" test "$(sqlite3 "$DB" \
	"SELECT count(*) FROM notifications WHERE run = 2 AND state =
	    'failed' AND length(why) > 5")" = 4
check "the run was kept, complete" test "$(sqlite3 "$DB" \
	"SELECT status FROM run WHERE run_id = 2")" = complete

# -- notify: nothing pending, nothing twice; --run sends again ----------
n0=$(wc -l < "$RXLOG")
expect_exit 0 "notify with nothing pending" \
	"$BIN" notify -q --db "$DB" --notify "$WORK/n.ini"
check "... sent nothing again" test "$(wc -l < "$RXLOG")" = "$n0"
cat > "$WORK/chat.ini" <<EOF
[target team-chat]
type = slack
url = $RX/ok/slack/SECRETSLACKTOKEN
EOF
expect_exit 0 "notify --run 2 sends again (at -vvv)" \
	sh -c '"$1" notify -vvv --db "$2" --notify "$3" --run 2 2> "$4"' sh \
	"$BIN" "$DB" "$WORK/chat.ini" "$WORK/resend.err"
check "... its debug lines name the target, never the URL" sh -c \
	'grep -q "target team-chat (slack), run 2: sent" "$1" &&
	    ! grep -q "127.0.0.1\|SECRET" "$1"' sh "$WORK/resend.err"
check "... one more slack request" test "$(rx_count /ok/slack/)" = 2
check "... recorded as a resend" test "$(sqlite3 "$DB" "SELECT state
	FROM notifications WHERE run = 2 AND resend = 1")" = sent

cat > "$WORK/denied.ini" <<EOF
[target other-account]
type = sns
topic_arn = arn:aws:sns:us-east-1:999999999999:not-ours
EOF
expect_exit 4 "notify --run 2 to a topic SNS refuses" \
	sh -c '"$1" notify --db "$2" --notify "$3" --run 2 2> "$4"' sh \
	"$BIN" "$DB" "$WORK/denied.ini" "$WORK/denied.err"
check "... one line with SNS's error code" sh -c '
	test "$(wc -l < "$1")" = 1 &&
	grep -q "target other-account (sns), run 2: .*AuthorizationError" "$1"
	' sh "$WORK/denied.err"
check "... a failed row" test "$(sqlite3 "$DB" "SELECT state FROM
	notifications WHERE target = 'other-account'")" = failed

# -- a crash after sending, before recording ---------------------------
${CC:-cc} -shared -fPIC -O1 -o "$SHIM" "$TOP/tests/crashshim.c" \
	$(pkg-config --cflags sqlite3) -ldl
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
export ASAN_OPTIONS
cat > "$WORK/crash.ini" <<EOF
[target crashy]
type = slack
url = $RX/ok/crash/SECRETCRASHTOKEN
threshold = info
EOF
printf '{"mutations": [["revoke_access", "us-west-2", "%s"]]}' \
	"anthropic.claude-3-haiku-20240307-v1:0" > "$WORK/mut3.json"
sim_post mutate "$WORK/mut3.json"
expect_exit 1 "a third collect with a change, without --notify" \
	"$BIN" collect -q --db "$DB"
cp "$DB" "$WORK/trace.db"
env LD_PRELOAD="$SHIM" CRASHSHIM_TRACE="$WORK/trace" "$BIN" notify -q \
	--db "$WORK/trace.db" --notify "$WORK/crash.ini" >/dev/null
at=$(grep ' step .* UPDATE notification SET state' "$WORK/trace" | \
	head -1 | cut -d' ' -f1)
check "the trace has the step that records the outcome" test -n "$at"
before=$(rx_count /ok/crash/)
set +e
env LD_PRELOAD="$SHIM" CRASHSHIM_AT="$at" "$BIN" notify -q --db "$DB" \
	--notify "$WORK/crash.ini" 2>/dev/null
got=$?
set -e
check "killed after sending ($got), before recording" test "$got" -ge 128 \
	-a "$(rx_count /ok/crash/)" = $((before + 1))
check "the view says the outcome is unknown" test "$(view 3)" = \
	"crashy unknown"
expect_exit 0 "notify after the crash" \
	"$BIN" notify -q --db "$DB" --notify "$WORK/crash.ini"
check "... did not send it twice" test "$(rx_count /ok/crash/)" = \
	$((before + 1))

sleep 3
check "the slow command's whole process group was killed" \
	test ! -e "$WORK/leftover"

# -- a run that failed before it learnt its account --------------------
# No credentials: the run never learnt the account, yet the account is
# told, its open problems as its own report counts them (not 0).
cat > "$WORK/nocreds.ini" <<EOF
[target hook]
type = exec
command = cat > "$WORK/nocreds.json"; echo "\$BEDROCK_AUDIT_ACCOUNT" > "$WORK/nocreds.acct"
threshold = action
EOF
expect_exit 4 "collect without credentials, --notify" \
	env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY "$BIN" collect -q \
	--db "$DB" --notify "$WORK/nocreds.ini" 2>/dev/null
"$BIN" report --db "$DB" --format json -o "$WORK/nocreds-report.json"
check "the account is told, with its report's open problems and why" \
	"$PYTHON" -c "
import json, sys
told, own = (json.load(open(p)) for p in sys.argv[1:3])
acct = open(sys.argv[3]).read().strip()
assert told['account_id'] == own['account_id'] == acct != '', (told['account_id'], acct)
assert told['summary']['open'] == own['summary']['open'] > 0, told['summary']
assert told['collection']['run_failure']['operation'] == 'credentials', told
" "$WORK/nocreds.json" "$WORK/nocreds-report.json" "$WORK/nocreds.acct"

# -- no webhook URL anywhere -------------------------------------------
"$BIN" report --db "$DB" > "$WORK/report.txt"
"$BIN" report --db "$DB" --format markdown > "$WORK/report.md"
sqlite3 "$DB" .dump > "$WORK/dump.sql"
check "no URL token in stderr, the database or a report" sh -c \
	'! grep -l SECRET "$@"' sh "$WORK"/*.err "$WORK/dump.sql" \
	"$WORK/report.txt" "$WORK/report.md" "$WORK/report.json" "$DB"
check "... nor the receiver's address" sh -c \
	'! grep -l "127.0.0.1:" "$@"' sh "$WORK/dump.sql" "$WORK/report.txt"

finish
