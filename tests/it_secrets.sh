#!/bin/sh
# Integration: no secret ever leaves the process.  Every command runs at
# -vvv with the simulator's session-token key (environment, shared
# credentials file and credential_process) and with the temporary
# credentials of assume-role, web identity and SSO, through success,
# changes, faults and failures (wrong secret, expired token, clock skew,
# broken credential_process output, a role that is refused), with TMPDIR
# pointed at a fresh directory.  The web identity token, the SSO access
# token and every key the simulator issued are searched for too.
# Then every byte written (stdout, stderr, the database and its -wal and
# -shm, reports, everything under TMPDIR, HOME and the work directory)
# is searched for the secret key, the session token, SigV4 signatures
# (any 64-hex string, "Signature=") and "X-Amz-Security-Token".
set -eu
. "$(dirname "$0")/lib.sh"

WORLD="$TOP/sim/scenarios/small.json"
KEY=ASIASIMEXAMPLESESS1
KEYS="$WORK/keys"		# key material: the only place not searched
OUT="$WORK/out"			# what the commands write
DB="$OUT/audit.db"
mkdir -p "$KEYS" "$OUT" "$WORK/tmp"
chmod 700 "$KEYS"
export TMPDIR="$WORK/tmp"

# The key's secret and token, from the world (never on a command line).
"$PYTHON" - "$WORLD" "$KEY" "$KEYS" <<'PY'
import json, os, sys
acct = json.load(open(sys.argv[1]))["accounts"][sys.argv[2]]
d = sys.argv[3]
open(os.path.join(d, "secret"), "w").write(acct["secret"])
open(os.path.join(d, "token"), "w").write(acct["session_token"])
doc = {"Version": 1, "AccessKeyId": sys.argv[2],
       "SecretAccessKey": acct["secret"],
       "SessionToken": acct["session_token"],
       "Expiration": "2099-12-31T23:59:59Z"}
open(os.path.join(d, "process.json"), "w").write(json.dumps(doc))
# Broken outputs that still carry the secret: must not be echoed.
s = json.dumps(doc)
open(os.path.join(d, "truncated.json"), "w").write(s[:-1])
open(os.path.join(d, "version2.json"), "w").write(json.dumps(
    dict(doc, Version=2)))
open(os.path.join(d, "nokey.json"), "w").write(json.dumps(
    {k: v for k, v in doc.items() if k != "AccessKeyId"}))
with open(os.path.join(d, "credentials"), "w") as f:
    f.write("[filekey]\naws_access_key_id = %s\naws_secret_access_key = %s\n"
            "aws_session_token = %s\n" % (sys.argv[2], acct["secret"],
                                          acct["session_token"]))
# Assume-role, web identity and SSO: the tokens are secrets too.
web, bearer = "eyJwebIdentitySecretToken.0123456789abcdef", \
    "ssoBearerSecretToken0123456789abcdefABCDEF"
open(os.path.join(d, "webtoken"), "w").write(web + "\n")
open(os.path.join(d, "extra"), "w").write(web + "\n" + bearer + "\n")
role = "arn:aws:iam::123456789012:role/audit"
json.dump({"roles": {role: {"trusted": ["arn:aws:iam::123456789012:root"]},
                     "arn:aws:iam::123456789012:role/web": {
                         "trusted": [], "web_identity_tokens": [web]}},
           "sso": {"access_tokens": [bearer], "assignments": [
               {"account_id": "123456789012", "role_name": "Audit"}]}},
          open(os.path.join(d, "identity.json"), "w"))
os.mkdir(os.path.join(d, "sso-cache"))
open(os.path.join(d, "sso-cache",
                  "ee0bfd2552fbd840c02cc48b6e823320543c450f.json"),
     "w").write(json.dumps({"accessToken": bearer,
                            "expiresAt": "2099-01-01T00:00:00Z"}))
PY
# The AWS CLI's SSO cache lives under HOME, which is searched: a link
# into $KEYS (the search does not follow links).
mkdir -p "$HOME/.aws/sso"
ln -s "$KEYS/sso-cache" "$HOME/.aws/sso/cache"
SECRET=$(cat "$KEYS/secret")
TOKEN=$(cat "$KEYS/token")
WRONG="wrongSecretKey/0123456789abcdefWRONGKEY"
for f in process truncated version2 nokey; do
	printf '#!/bin/sh\ncat "%s"\n' "$KEYS/$f.json" >"$KEYS/$f.sh"
done
cat >"$AWS_CONFIG_FILE" <<EOF
[default]
api_call_attempt_timeout = 2
[profile proc]
credential_process = sh $KEYS/process.sh
[profile truncated]
credential_process = sh $KEYS/truncated.sh
[profile version2]
credential_process = sh $KEYS/version2.sh
[profile nokey]
credential_process = sh $KEYS/nokey.sh
[profile role]
role_arn = arn:aws:iam::123456789012:role/audit
source_profile = filekey
[profile role-refused]
role_arn = arn:aws:iam::123456789012:role/web
source_profile = filekey
[profile web]
web_identity_token_file = $KEYS/webtoken
role_arn = arn:aws:iam::123456789012:role/web
[profile sso]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Audit
[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
EOF
export AWS_SHARED_CREDENTIALS_FILE="$KEYS/credentials"
export AWS_ACCESS_KEY_ID="$KEY" AWS_SECRET_ACCESS_KEY="$SECRET"
export AWS_SESSION_TOKEN="$TOKEN"

sim_start "$WORLD" --identity "$KEYS/identity.json"

# run NAME WANT COMMAND...: stdout and stderr to $OUT/NAME.{out,err};
# WANT is the exit status wanted, or "any".
run() {
	name=$1
	want=$2
	shift 2
	set +e
	"$@" >"$OUT/$name.out" 2>"$OUT/$name.err"
	got=$?
	set -e
	if [ "$want" = any ] || [ "$got" = "$want" ]; then
		ok "$name (exit $got)"
	else
		fail "$name: exit $got, wanted $want"
		tail -3 "$OUT/$name.err" | sed 's/^/#   /'
	fi
}

faults() {
	printf '%s' "$1" >"$WORK/faults.json"
	sim_post faults "$WORK/faults.json"
}

# scan [--expect-found] DIR...: search every regular file under the
# directories (but not under $KEYS, unless asked) for the secrets in
# $KEYS and the signature patterns; print each hit; fail on any (or,
# with --expect-found, fail unless the secret and the token are found).
scan() {
	"$PYTHON" - "$KEYS" "$WRONG" "$@" <<'PY'
import os, re, sys, urllib.parse
keys, wrong, args = sys.argv[1], sys.argv[2], sys.argv[3:]
expect = args[0] == "--expect-found"
dirs = args[1:] if expect else args
secrets = [open(os.path.join(keys, f)).read() for f in ("secret", "token")]
extra = os.path.join(keys, "extra")
extra = open(extra).read().split() if os.path.exists(extra) else []
needles = {}
for s in secrets + [wrong] + extra:
    for form in {s, urllib.parse.quote(s, safe=""), urllib.parse.quote(s)}:
        needles[form.encode()] = "secret %d" % secrets.index(s) \
            if s in secrets else "a secret"
        # Any 16 bytes of it: a truncated log line still leaks.  (Of the
        # many long issued tokens: every aligned 16 bytes, so any 31.)
        step = 16 if s in extra else 1
        for i in range(0, len(form) - 15, step):
            needles.setdefault(form[i:i + 16].encode(), "part of a secret")
patterns = [
    (re.compile(rb"(?<![0-9A-Fa-f])[0-9A-Fa-f]{64}(?![0-9A-Fa-f])"),
     "a 64-hex string (signature or signing hash)"),
    (re.compile(rb"Signature="), "Signature="),
    (re.compile(rb"x-amz-security-token", re.I), "X-Amz-Security-Token"),
    (re.compile(rb"AWS4-HMAC-SHA256 Credential="), "an Authorization value"),
]
found, files, size = [], 0, 0
skip = None if expect else os.path.realpath(keys)
for d in dirs:
    for root, subdirs, names in os.walk(d):
        if skip and os.path.realpath(root).startswith(skip):
            subdirs[:] = []
            continue
        for n in names:
            p = os.path.join(root, n)
            if os.path.islink(p) or not os.path.isfile(p):
                continue
            data = open(p, "rb").read()
            files += 1
            size += len(data)
            for nd, what in needles.items():
                at = data.find(nd)
                if at >= 0:
                    found.append((p, at, what))
            for rx, what in patterns:
                for m in rx.finditer(data):
                    found.append((p, m.start(), what))
if expect:
    hit = {w for _, _, w in found}
    print("# self-test: %d hits in %d files" % (len(found), files))
    sys.exit(0 if {"secret 0", "secret 1"} <= hit else 1)
print("# searched %d files, %d bytes" % (files, size))
for p, at, what in sorted(set(found))[:40]:
    print("# LEAK %s at byte %d: %s" % (p, at, what))
sys.exit(1 if found or files < 50 else 0)
PY
}

B="$BIN"
run whoami 0 "$B" whoami -vvv
check "whoami: the session key from the environment" \
	grep -q '^source: *environment' "$OUT/whoami.out"
run collect-1 0 "$B" collect -vvv --db "$DB"
check "-vvv logs the requests" grep -q 'http: ListFoundationModels' \
	"$OUT/collect-1.err"
run collect-default-db 0 "$B" collect -vvv

# Keep a read transaction open on the database, so that every page
# written from now on stays in its -wal (a checkpoint cannot reset it)
# and the -wal and -shm stay on disk for the search.
"$PYTHON" - "$DB" "$WORK/reader" <<'PY' &
import os, sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN")
con.execute("SELECT count(*) FROM sqlite_master").fetchall()
open(sys.argv[2] + ".ready", "w").close()
end = time.time() + 120
while not os.path.exists(sys.argv[2] + ".stop") and time.time() < end:
    time.sleep(0.1)
PY
reader=$!
i=0
while [ ! -e "$WORK/reader.ready" ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done

# Changes, so that report, diff and case have something to say.
"$PYTHON" - "$WORLD" >"$WORK/mut.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["regions"]["us-east-1"]
m = [x["modelId"] for x in r["models"] if x["authorizationStatus"] ==
     "AUTHORIZED"]
q = [x["code"] for x in r["quotas"] if x["adjustable"] and x["default"]]
p = [x["id"] for x in r["requests"] if x["status"] == "PENDING"]
print(json.dumps({"mutations": [
    ["revoke_access", "us-east-1", m[0]],
    ["agreement", "us-east-1", m[1], "ERROR"],
    ["lower_default", "us-east-1", q[0]],
    ["make_non_adjustable", "us-east-1", q[1]],
    ["deny_request", "us-east-1", p[0]],
    ["add_model", "us-west-2", "acme.secret-test-v1:0"]]}))
PY
sim_post mutate "$WORK/mut.json"
run collect-2 1 "$B" collect -vvv --db "$DB"

for lang in en ja; do
	for fmt in text markdown json; do
		run "report-$lang-$fmt" 0 "$B" report -vvv --db "$DB" \
			--format "$fmt" --lang "$lang"
		run "report-o-$lang-$fmt" 0 "$B" report -vvv --db "$DB" \
			--format "$fmt" --lang "$lang" -o "$OUT/report.$lang.$fmt"
		run "diff-$lang-$fmt" 1 "$B" diff -vvv --db "$DB" \
			--format "$fmt" --lang "$lang"
		run "status-$lang-$fmt" 0 "$B" status -vvv --db "$DB" \
			--format "$fmt" --lang "$lang"
	done
done
ids=$(sqlite3 "$DB" \
	"SELECT change_id FROM changes WHERE path IN ('P3', 'P5', 'P6')")
check "a change has a support case" test -n "$ids"
for id in $ids; do
	run "case-$id-en" 0 "$B" case -vvv --db "$DB" "$id"
	run "case-$id-ja" 0 "$B" case -vvv --db "$DB" --lang ja "$id"
done

# Error paths: faults everywhere, then failures that quote AWS errors.
faults '{"seed": 5, "rules": [
 {"kind": "throttle", "rate": 0.2}, {"kind": "error500", "rate": 0.1},
 {"kind": "reset", "rate": 0.1}, {"kind": "truncated", "rate": 0.1},
 {"kind": "malformed", "rate": 0.05, "region": "us-west-2"},
 {"kind": "expired_token", "rate": 0.1, "region": "us-east-1",
  "operation": "ListServiceQuotas"}]}'
run collect-faults any "$B" collect -vvv --db "$DB"
faults '{"rules": [{"kind": "huge", "rate": 1.0, "region": "us-west-2"},
 {"kind": "repeat_token", "rate": 1.0, "region": "us-east-1"}]}'
# us-west-2 fails whole; us-east-1 is partial (its lists repeat their
# tokens, its models answer): exit 3.
run collect-huge 3 "$B" collect -vvv --db "$DB"
faults '{"rules": [{"kind": "expired_token", "rate": 1.0}]}'
run whoami-expired 4 "$B" whoami -vvv
run collect-expired 4 "$B" collect -vvv --db "$DB"
faults '{"rules": []}'
run whoami-wrong-secret 4 env AWS_SECRET_ACCESS_KEY="$WRONG" "$B" whoami -vvv
run collect-wrong-secret 4 env AWS_SECRET_ACCESS_KEY="$WRONG" \
	"$B" collect -vvv --db "$DB"
run whoami-bad-token 4 env AWS_SESSION_TOKEN="${TOKEN}x" "$B" whoami -vvv
printf '{"clock_offset": 1200}' >"$WORK/c.json"
sim_post config "$WORK/c.json"
run collect-skew 4 "$B" collect -vvv --db "$DB"
printf '{"clock_offset": 0}' >"$WORK/c.json"
sim_post config "$WORK/c.json"

# The other credential sources: the shared credentials file and
# credential_process, good and broken.
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN
run whoami-file 0 "$B" whoami -vvv --profile filekey
check "whoami: the shared credentials file" \
	grep -q '^source: *shared' "$OUT/whoami-file.out"
run whoami-process 0 "$B" whoami -vvv --profile proc
check "whoami: credential_process" \
	grep -q '^source: *credential-process' "$OUT/whoami-process.out"
run collect-process 0 "$B" collect -vvv --profile proc --db "$DB"
for p in truncated version2 nokey; do
	run "whoami-process-$p" 4 "$B" whoami -vvv --profile "$p"
	run "collect-process-$p" 4 "$B" collect -vvv --profile "$p" --db "$DB"
done

# Temporary credentials from STS and the SSO portal, good and refused.
for p in role web sso; do
	run "whoami-$p" 0 "$B" whoami -vvv --profile "$p"
	run "collect-$p" 0 "$B" collect -vvv --profile "$p" --db "$DB"
done
check "whoami: assume-role" grep -q '^source: *assume-role' "$OUT/whoami-role.out"
check "whoami: web identity" grep -q '^source: *web-identity' "$OUT/whoami-web.out"
check "whoami: SSO" grep -q '^source: *sso' "$OUT/whoami-sso.out"
run whoami-role-refused 4 "$B" whoami -vvv --profile role-refused
# What the simulator issued is secret too: add it to the search.
sim_get issued | "$PYTHON" -c '
import json, sys
for c in json.load(sys.stdin):
    print(c["secret"])
    print(c["token"])' >>"$KEYS/extra"
check "the simulator issued credentials to search for" \
	test "$(wc -l <"$KEYS/extra")" -ge 8

# Everything written, byte for byte.
check "the database keeps its -wal for the search" test -s "$DB-wal"
check "and its -shm" test -s "$DB-shm"
check "the search finds the secrets where they are (self-test)" \
	scan --expect-found "$KEYS"
check "no secret, token or signature in any byte written" \
	scan "$OUT" "$TMPDIR" "$HOME" "$WORK"
touch "$WORK/reader.stop"
wait "$reader" 2>/dev/null || true

finish
