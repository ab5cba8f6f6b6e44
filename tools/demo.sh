#!/bin/sh
# make demo: the main job on the bundled AWS simulator.  Collect every
# simulated region, change the simulated AWS state the way AWS does (a
# default lowered, access revoked, a model leaving a region, a quota made
# non-adjustable, a request denied, a region down), collect again and
# print the daily report in English and Japanese, with the usage evidence
# the simulator's CloudWatch gives (a model near its quota, one throttled
# below it).  One more region is
# asked for that the account has not enabled (an opt-in region: the
# simulator answers it as AWS does, UnrecognizedClientException): it is
# "not enabled" every day, never a failure.  Only 127.0.0.1 is
# contacted.
set -eu
TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$TOP/tests/lib.sh"

WORLD="$TOP/sim/scenarios/default.json"
# What AWS changes overnight (also used by tests/it_html.sh and make
# screenshots, which render the second day).
NIGHT="$TOP/tools/demo-night.json"
OUT="$TOP/demo-out"
DB="$OUT/audit.db"
mkdir -p "$OUT"
rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.lock"
sim_start "$WORLD"
# me-central-1 is not in the world: an opt-in region not enabled.
BEDROCK_AUDIT_ALL_REGIONS="$BEDROCK_AUDIT_ALL_REGIONS,me-central-1"
export BEDROCK_AUDIT_ALL_REGIONS

say() { printf '\n==> %s\n' "$*"; }

say "bedrock-audit whoami"
"$BIN" whoami

say "day 1: bedrock-audit collect (a baseline; me-central-1 is not enabled, no failure)"
"$BIN" collect --db "$DB" -v 2>&1 | grep -E 'recorded|run [0-9]' || true
sqlite3 -header -column "$DB" "SELECT region, count(*) AS models,
    sum(authorization_status = 'AUTHORIZED') AS authorized
    FROM models_now GROUP BY region"

say "usage evidence from CloudWatch: a model near its quota, one throttled below it"
sqlite3 -header -column "$DB" "SELECT region, quota_code, model_id,
    max(peak) AS peak, round(max(percent)) AS percent,
    sum(throttled_minutes) AS throttled_minutes FROM quota_usage
    WHERE region = 'us-east-1' GROUP BY region, quota_code
    ORDER BY max(percent) DESC"

say "AWS changes things overnight"
sed -n 's/^ \["\([a-z_]*\)", \(.*\)\],\{0,1\}$/  \1 \2/p' "$NIGHT" | tr -d '"'
sim_post mutate "$NIGHT"

say "day 2: bedrock-audit collect (exit 3: one region failed, the rest recorded)"
set +e
AWS_MAX_ATTEMPTS=2 "$BIN" collect --db "$DB"
echo "exit status $?"
set -e
sqlite3 -header -column "$DB" "SELECT region, status, operation,
    coalesce(error_code, 'HTTP ' || http_status) AS error, failed_calls
    FROM region_runs WHERE run_id = (SELECT max(run_id) FROM runs)"

say "bedrock-audit report"
"$BIN" report --db "$DB"
"$BIN" report --db "$DB" --format markdown -o "$OUT/report.md"
"$BIN" report --db "$DB" --format json -o "$OUT/report.json"
"$BIN" report --db "$DB" --format html -o "$OUT/report.html"
"$BIN" report --db "$DB" --lang ja -o "$OUT/report.ja.txt"

say "bedrock-audit report --lang ja"
cat "$OUT/report.ja.txt"

say "the changes view, for sqlite3 users"
sqlite3 -header -column "$DB" "SELECT change_id, region, kind, subject, old_value,
    new_value, path, severity FROM changes"

# Three accounts in one database: the audit account (123456789012)
# assumes BedrockAuditMember in each; they differ in access and applied
# values, one has reduced defaults, and a fourth does not trust the
# caller.
ORG_DB="$OUT/org.db"
rm -f "$ORG_DB" "$ORG_DB-wal" "$ORG_DB-shm" "$ORG_DB.lock"
"$PYTHON" - "$WORLD" "$OUT/org-world.json" "$OUT/org-identity.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["member_accounts"] = {
    "111111111111": {"steps": [
        ["revoke_access", "us-east-1", "anthropic.claude-3-haiku-20240307-v1:0"]]},
    "222222222222": {"steps": [
        ["set_applied", "us-east-1", "L-01F3CD81", "1000"]]},
    "333333333333": {"steps": [["lower_default", "*", "L-01447289", "1000"]]}}
json.dump(d, open(sys.argv[2], "w"))
role = "arn:aws:iam::%s:role/BedrockAuditMember"
trust = {"trusted": ["arn:aws:iam::123456789012:root"]}
roles = {role % a: trust for a in ("111111111111", "222222222222",
                                   "333333333333")}
roles[role % "444444444444"] = {"trusted": []}
json.dump({"roles": roles}, open(sys.argv[3], "w"))
PY
sim_post scenario "$OUT/org-world.json"
sim_post identity "$OUT/org-identity.json"

say "three accounts: bedrock-audit collect --accounts ... --role-name BedrockAuditMember (exit 3: 444444444444 does not trust the caller)"
"$BIN" collect --db "$ORG_DB" --role-name BedrockAuditMember \
    --accounts 111111111111,222222222222,333333333333,444444444444 || true

say "run_accounts: what the run did with each account"
sqlite3 -header -column "$ORG_DB" "SELECT account_id, status, error_code
    FROM run_accounts ORDER BY account_id"

say "one quota in each account (quotas_now by account_id)"
sqlite3 -header -column "$ORG_DB" "SELECT account_id, region, quota_code,
    applied_value, default_value FROM quotas_now WHERE region = 'us-east-1'
    AND quota_code IN ('L-01F3CD81', 'L-01447289') ORDER BY quota_code,
    account_id"

# A day later AWS lowers a default in every account, and one member
# loses access to a model: the organization report shows the first once,
# "seen in 3 of 3 accounts", and the second under its account.
"$PYTHON" - "$OUT/org-world.json" "$OUT/org-world2.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for steps in d["member_accounts"].values():
    steps["steps"].append(["lower_default", "us-east-1", "L-2DC80978", "500"])
d["member_accounts"]["222222222222"]["steps"].append(
    ["revoke_access", "us-east-1", "amazon.nova-pro-v1:0"])
json.dump(d, open(sys.argv[2], "w"))
PY
sim_post scenario "$OUT/org-world2.json"
say "a day later: AWS lowered a default in every account, 222222222222 lost access to a model"
"$BIN" collect -q --db "$ORG_DB" --role-name BedrockAuditMember \
    --accounts 111111111111,222222222222,333333333333,444444444444 || true

say "bedrock-audit status --account 111111111111"
"$BIN" status --db "$ORG_DB" --account 111111111111

say "bedrock-audit report (no --account: the organization-wide report)"
"$BIN" report --db "$ORG_DB"

say "written: $OUT/report.md, $OUT/report.json, $OUT/report.html, $OUT/report.ja.txt, $OUT/audit.db, $OUT/org.db"
