#!/bin/sh
# The findings of the fault review (issue #11), end to end: where report
# -o writes and with which mode, non-regular database and configuration
# paths, exit statuses of configuration and usage errors and of a disk
# that fills after regions were committed, C1 and bidi controls in JSON,
# backslashes in stored error messages and parser reasons, and readers of a database in a
# read-only directory.
set -eu
. "$(dirname "$0")/lib.sh"

WORLD="$TOP/sim/scenarios/small.json"
DB="$WORK/audit.db"
sim_start "$WORLD"

run_status() {
	set +e
	"$@"
	rc=$?
	set -e
}

# A model whose name carries a C1 CSI (U+009B) and a right-to-left
# override (U+202E), then the baseline and a second run.
EVIL=$("$PYTHON" -c 'print("Evil\u009b2J\u202eemanl")')
"$PYTHON" -c 'import json, sys
print(json.dumps({"mutations": [["add_model", "us-east-1",
    "amazon.evil-v1:0", sys.argv[1]]]}))' "$EVIL" >"$WORK/mut.json"
expect_exit 0 "baseline collect" "$BIN" collect -q --db "$DB"
sim_post mutate "$WORK/mut.json"
expect_exit 1 "collect with the hostile model name" "$BIN" collect -q --db "$DB"

# --- JSON escapes C1 controls and bidi overrides -----------------------------

"$BIN" report --db "$DB" --format json -o "$WORK/r.json"
check "JSON report: no raw U+009B or U+202E" "$PYTHON" -c 'import sys
b = open(sys.argv[1], "rb").read()
sys.exit(b"\xc2\x9b" in b or b"\xe2\x80\xae" in b)' "$WORK/r.json"
check "JSON report: escaped as \\u009b and \\u202e" \
	grep -q 'Evil\\u009b2J\\u202eemanl' "$WORK/r.json"
check "JSON report: a parser gets the name back exactly" "$PYTHON" -c '
import json, sys
r = json.load(open(sys.argv[1]))
sys.exit(sys.argv[2] not in [c.get("subject_name") for c in r["changes"]])' \
	"$WORK/r.json" "$EVIL"

# --- report -o: what it writes to, and the mode ------------------------------

(umask 027; "$BIN" report --db "$DB" -o "$WORK/new.txt")
check "-o new file: mode from the umask (0640)" \
	test "$(stat -c %a "$WORK/new.txt")" = 640
echo old >"$WORK/kept.txt"
chmod 0600 "$WORK/kept.txt"
"$BIN" report --db "$DB" -o "$WORK/kept.txt"
check "-o existing file: its mode kept (0600)" \
	test "$(stat -c %a "$WORK/kept.txt")" = 600
check "-o existing file: replaced by the report" \
	grep -q -v '^old$' "$WORK/kept.txt"

mkfifo "$WORK/fifo"
timeout 20 cat "$WORK/fifo" >"$WORK/from-fifo" &
reader=$!
expect_exit 0 "-o FIFO" "$BIN" report --db "$DB" -o "$WORK/fifo"
wait "$reader"
check "-o FIFO: still a FIFO" test -p "$WORK/fifo"
check "-o FIFO: the reader got the report" cmp -s "$WORK/from-fifo" \
	"$WORK/kept.txt"

# A device node of our own (root), else /dev/null itself.
DEV=/dev/null
if mknod "$WORK/null" c 1 3 2>/dev/null; then
	DEV="$WORK/null"
fi
expect_exit 0 "-o a device ($DEV)" "$BIN" report --db "$DB" -o "$DEV"
check "-o a device: still a character device" test -c "$DEV"
ln -s "$DEV" "$WORK/link-dev"
expect_exit 0 "-o a link to a device" "$BIN" report --db "$DB" \
	-o "$WORK/link-dev"
check "-o a link to a device: still a link" test -L "$WORK/link-dev"
check "-o a link to a device: the device untouched" test -c "$DEV"
expect_exit 0 "-o /dev/stdout" sh -c \
	"'$BIN' report --db '$DB' -o /dev/stdout >'$WORK/stdout.txt'"
check "-o /dev/stdout: the report on stdout" cmp -s "$WORK/stdout.txt" \
	"$WORK/kept.txt"

echo target >"$WORK/target.txt"
ln -s "$WORK/target.txt" "$WORK/link.txt"
run_status "$BIN" report --db "$DB" -o "$WORK/link.txt" 2>"$WORK/err"
check "-o a link to a file: refused (exit $rc)" test "$rc" = 4
check "-o a link to a file: says so" grep -q 'symbolic link' "$WORK/err"
check "-o a link to a file: the link stays a link" test -L "$WORK/link.txt"
check "-o a link to a file: the target untouched" \
	test "$(cat "$WORK/target.txt")" = target
check "-o a link to a file: no temporary file left" \
	test -z "$(find "$WORK" -name 'link.txt.*')"
mkdir "$WORK/adir"
expect_exit 4 "-o a directory: refused" "$BIN" report --db "$DB" \
	-o "$WORK/adir"

# --- non-regular database and configuration paths ---------------------------

mkfifo "$WORK/db-fifo"
if mknod "$WORK/db-dev" c 1 3 2>/dev/null; then :; else
	mkfifo "$WORK/db-dev"
fi
for p in "$WORK/db-fifo" "$WORK/db-dev"; do
	run_status timeout 20 "$BIN" collect -q --db "$p" 2>"$WORK/err"
	check "collect --db $(basename "$p"): usage (exit $rc)" test "$rc" = 2
	check "collect --db $(basename "$p"): says why" \
		grep -q 'not a regular file' "$WORK/err"
	check "collect --db $(basename "$p"): no journal beside it" \
		test ! -e "$p-journal" -a ! -e "$p-wal"
	run_status timeout 20 "$BIN" report --db "$p" 2>/dev/null
	check "report --db $(basename "$p"): usage (exit $rc)" test "$rc" = 2
	run_status timeout 20 "$BIN" status --db "$p" 2>/dev/null
	check "status --db $(basename "$p"): usage (exit $rc)" test "$rc" = 2
done

mkfifo "$WORK/creds-fifo"
cp "$DB" "$WORK/creds.db"
run_status env AWS_SHARED_CREDENTIALS_FILE="$WORK/creds-fifo" timeout 20 \
	"$BIN" collect -q --db "$WORK/creds.db" 2>"$WORK/err"
check "a FIFO as the credentials file: refused, no hang (exit $rc)" \
	test "$rc" = 2
check "a FIFO as the credentials file: says why" \
	grep -q 'creds-fifo: not a regular file' "$WORK/err"
check "a FIFO as the credentials file: no run recorded" \
	test "$(sqlite3 "$WORK/creds.db" 'SELECT count(*) FROM run')" = 2
run_status env AWS_CONFIG_FILE="$WORK/creds-fifo" timeout 20 \
	"$BIN" whoami 2>/dev/null
check "a FIFO as the config file: refused, no hang (exit $rc)" \
	test "$rc" = 2
run_status env AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null \
	"$BIN" collect -q --db "$WORK/creds.db"
check "/dev/null as the AWS files still means none (exit $rc)" \
	test "$rc" = 0

# --- a backslash in an error message is escaped once per output -------------

# Bedrock answers every call with AccessDenied and this message.
MSG='pattern [a-z\-]+ in C:\dir'
cat >"$WORK/stub.py" <<'PY'
import http.server, json, sys
class H(http.server.BaseHTTPRequestHandler):
    def _reply(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = json.dumps({"message": sys.argv[2]}).encode()
        self.send_response(403)
        self.send_header("x-amzn-ErrorType", "AccessDeniedException")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    do_GET = do_POST = _reply
    def log_message(self, *a):
        pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
open(sys.argv[1] + ".tmp", "w").write(str(s.server_address[1]))
import os; os.rename(sys.argv[1] + ".tmp", sys.argv[1])
s.serve_forever()
PY
"$PYTHON" "$WORK/stub.py" "$WORK/stub.port" "$MSG" &
STUB=$!
i=0
while [ ! -s "$WORK/stub.port" ] && [ $i -lt 100 ]; do
	i=$((i + 1))
	sleep 0.1
done
cp "$DB" "$WORK/bs.db"
run_status env AWS_ENDPOINT_URL_BEDROCK="http://127.0.0.1:$(cat "$WORK/stub.port")" \
	"$BIN" collect --db "$WORK/bs.db" 2>"$WORK/err"
kill "$STUB"
wait "$STUB" 2>/dev/null || true
# Every Bedrock call is denied, Service Quotas answers: every region is
# partial (what Bedrock covers is unknown), none failed.
check "backslash: every region partial (exit $rc)" test "$rc" = 3
check "backslash: stored as received" test \
	"$(sqlite3 "$WORK/bs.db" "SELECT DISTINCT error_message FROM region_run
	    WHERE run_id = 3")" = "$MSG"
check 'backslash: stderr escapes it once (\x5c)' \
	grep -q -F 'pattern [a-z\x5c-]+ in C:\x5cdir;' "$WORK/err"
"$BIN" report --db "$WORK/bs.db" --to 3 >"$WORK/bs.txt"
check 'backslash: the text report shows it escaped once, as two' \
	grep -q -F 'pattern [a-z\\-]+ in C:\\dir' "$WORK/bs.txt"
check 'backslash: the text report has no \x5c' \
	test -z "$(grep -F 'x5c' "$WORK/bs.txt")"
"$BIN" report --db "$WORK/bs.db" --to 3 --format markdown >"$WORK/bs.md"
check "backslash: Markdown escapes the text rendering once more" \
	grep -q -F 'pattern \[a-z\\\\-\]+ in C:\\\\dir' "$WORK/bs.md"
"$BIN" report --db "$WORK/bs.db" --to 3 --format json >"$WORK/bs.json"
check "backslash: JSON gives the message back exactly" "$PYTHON" -c '
import json, sys
r = json.load(open(sys.argv[1]))
msgs = {x["error"]["message"] for x in r["collection"]["regions"] if x.get("error")}
sys.exit(msgs != {sys.argv[2]})' "$WORK/bs.json" "$MSG"

# --- a backslash in a refused reply's value: the parser's reason -----------

# Bedrock lists one model twice, its ID holding a backslash: the reply is
# refused with "duplicate modelId <id>", a reason that carries the value.
# It is stored raw (one backslash) and each output escapes it once.
BSID='a.b\c-v1:0'
cat >"$WORK/stub2.py" <<'PY'
import http.server, json, os, sys
mid = sys.argv[2]
def summary():
    return {"modelArn": "arn:aws:bedrock:us-east-1::foundation-model/" + mid,
            "modelId": mid, "modelName": "B", "providerName": "A",
            "inputModalities": ["TEXT"], "outputModalities": ["TEXT"],
            "responseStreamingSupported": True, "customizationsSupported": [],
            "inferenceTypesSupported": ["ON_DEMAND"],
            "modelLifecycle": {"status": "ACTIVE"}}
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.split("?")[0].rstrip("/") == "/foundation-models":
            doc = {"modelSummaries": [summary(), summary()]}
        else:
            doc = {"inferenceProfileSummaries": []}
        body = json.dumps(doc).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
open(sys.argv[1] + ".tmp", "w").write(str(s.server_address[1]))
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
s.serve_forever()
PY
"$PYTHON" "$WORK/stub2.py" "$WORK/stub2.port" "$BSID" &
STUB=$!
i=0
while [ ! -s "$WORK/stub2.port" ] && [ $i -lt 100 ]; do
	i=$((i + 1))
	sleep 0.1
done
cp "$DB" "$WORK/bs2.db"
run_status env AWS_ENDPOINT_URL_BEDROCK="http://127.0.0.1:$(cat "$WORK/stub2.port")" \
	"$BIN" collect --db "$WORK/bs2.db" 2>"$WORK/err2"
kill "$STUB"
wait "$STUB" 2>/dev/null || true
BSWHY="ListFoundationModels: duplicate modelId $BSID"
check "reason: the model list refused, the region not ok (exit $rc)" \
	test "$rc" = 3
check "reason: stored raw, one backslash" test \
	"$(sqlite3 "$WORK/bs2.db" "SELECT DISTINCT error_message FROM region_run
	    WHERE run_id = 3")" = "$BSWHY"
check 'reason: stderr escapes it once (\x5c)' \
	grep -q -F 'duplicate modelId a.b\x5cc-v1:0' "$WORK/err2"
"$BIN" report --db "$WORK/bs2.db" --to 3 >"$WORK/bs2.txt"
check 'reason: the text report shows one backslash, escaped once, as two' \
	grep -q -F 'duplicate modelId a.b\\c-v1:0' "$WORK/bs2.txt"
check 'reason: the text report has no \x5c and no four backslashes' \
	test -z "$(grep -F -e 'x5c' -e '\\\\' "$WORK/bs2.txt")"
"$BIN" report --db "$WORK/bs2.db" --to 3 --format json >"$WORK/bs2.json"
check "reason: JSON gives it back exactly" "$PYTHON" -c '
import json, sys
r = json.load(open(sys.argv[1]))
msgs = {x["error"]["message"] for x in r["collection"]["regions"] if x.get("error")}
sys.exit(msgs != {sys.argv[2]})' "$WORK/bs2.json" "$BSWHY"

# --- readers of a database in a read-only directory --------------------------

# A database without its -shm and -wal files (an sqlite3 client, the
# last to close it, removed them; or a copy), in a directory nobody may
# write: report and status must still read it.  Root ignores modes, so
# as root the directory is a read-only bind mount in a mount namespace of
# its own, or failing that the readers run as nobody; otherwise 0555.
mkdir "$WORK/ro"
cp "$DB" "$WORK/ro/audit.db"
sqlite3 "$WORK/ro/audit.db" "PRAGMA journal_mode" >/dev/null
check "read-only directory: no -shm or -wal to start with" \
	test ! -e "$WORK/ro/audit.db-shm" -a ! -e "$WORK/ro/audit.db-wal"
"$BIN" report --db "$DB" >"$WORK/want-report.txt"
"$BIN" status --db "$DB" >"$WORK/want-status.txt"
READERS="$WORK/readers.sh"
cat >"$READERS" <<EOF2
set -e
if touch '$WORK/ro/probe' 2>/dev/null; then echo writable; exit 1; fi
'$BIN' report --db '$WORK/ro/audit.db' >'$WORK/ro-report.txt'
'$BIN' status --db '$WORK/ro/audit.db' >'$WORK/ro-status.txt'
EOF2
if [ "$(id -u)" != 0 ]; then
	HOW=chmod
	chmod 0555 "$WORK/ro"
	run_status sh "$READERS" 2>"$WORK/err"
	chmod 0755 "$WORK/ro"
elif unshare -m sh -c "mount --bind '$WORK/ro' '$WORK/ro' &&
    mount -o remount,ro,bind '$WORK/ro'" 2>/dev/null; then
	HOW="read-only mount"
	run_status unshare -m sh -c "mount --bind '$WORK/ro' '$WORK/ro' &&
	    mount -o remount,ro,bind '$WORK/ro' && sh '$READERS'" 2>"$WORK/err"
else
	HOW="nobody, 0555"
	chown -R nobody "$WORK/ro"
	chmod 0555 "$WORK/ro"
	chmod 0711 "$WORK"
	: >"$WORK/ro-report.txt"
	: >"$WORK/ro-status.txt"
	chmod 0666 "$WORK/ro-report.txt" "$WORK/ro-status.txt"
	run_status setpriv --reuid=nobody --regid=nogroup --clear-groups \
	    sh "$READERS" 2>"$WORK/err"
	chmod 0700 "$WORK/ro" "$WORK"
fi
check "read-only directory ($HOW): report and status succeed (exit $rc)" \
	test "$rc" = 0
check "read-only directory: no error message" test ! -s "$WORK/err"
check "read-only directory: the same report" cmp -s "$WORK/ro-report.txt" \
	"$WORK/want-report.txt"
check "read-only directory: the same status" cmp -s "$WORK/ro-status.txt" \
	"$WORK/want-status.txt"
check "read-only directory: nothing created in it" \
	test -z "$(ls "$WORK/ro" | grep -v '^audit.db$')"

# --- exit statuses -----------------------------------------------------------

run_status env AWS_ENDPOINT_URL=http://10.1.2.3 "$BIN" collect -q \
	--db "$WORK/refused.db" 2>"$WORK/err"
check "plain http to 10.1.2.3: configuration error (exit $rc)" \
	test "$rc" = 2
check "plain http to 10.1.2.3: says why" grep -q 'loopback' "$WORK/err"
check "plain http to 10.1.2.3: no run recorded" test \
	"$(sqlite3 "$WORK/refused.db" 'SELECT count(*) FROM run' 2>/dev/null \
	|| echo 0)" = 0
run_status "$BIN" report --db "$DB" --since garbage 2>"$WORK/err"
check "report --since garbage: usage (exit $rc)" test "$rc" = 2
check "report --since garbage: says why" grep -q \
	'garbage: not a run number' "$WORK/err"
expect_exit 2 "report --to garbage: usage" "$BIN" report --db "$DB" \
	--to garbage 2>/dev/null
expect_exit 2 "diff --from garbage: usage" "$BIN" diff --db "$DB" \
	--from garbage 2>/dev/null
expect_exit 4 "report --since a run that does not exist" "$BIN" report \
	--db "$DB" --since 999 2>/dev/null

# The run's end cannot be written (as when the disk fills after the
# regions were committed): a trigger refuses it.  it_disk.sh does the
# same with a full file system.
cp "$DB" "$WORK/full.db"
sqlite3 "$WORK/full.db" "CREATE TRIGGER full BEFORE UPDATE OF status ON run
    WHEN NEW.status <> 'failed' BEGIN
    SELECT RAISE(ABORT, 'database or disk is full'); END"
run_status "$BIN" collect -q --db "$WORK/full.db" 2>"$WORK/err"
check "regions committed, the run's end not: partial (exit $rc)" \
	test "$rc" = 3
check "regions committed, the run's end not: they are recorded" test \
	"$(sqlite3 "$WORK/full.db" "SELECT count(*) FROM region_run
	    WHERE run_id = 3 AND status = 'ok'")" -gt 0

finish
