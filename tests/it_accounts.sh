#!/bin/sh
# Integration: one database, several accounts (issue #12).  The caller
# (the audit account 123456789012) assumes BedrockAuditMember in three
# member accounts that differ in access, applied values and requests
# (one with a reduced default); each account's views must equal the
# world that account is served.  A member whose role cannot be assumed
# (untrusted caller, wrong external ID) is failed with its own message,
# the others are recorded, exit 3.  A plain collect of a member into the
# multi-account database is accepted, of a foreign account refused with
# the file unchanged byte for byte; readers take --account.  A database
# of schema 4 made by an older binary migrates in place, keeping its
# history row for row.
set -eu
. "$(dirname "$0")/lib.sh"

DB="$WORK/org.db"
CALLER=123456789012
A=111111111111
B=222222222222
C=333333333333
D=444444444444
ROLE=BedrockAuditMember
HAIKU=anthropic.claude-3-haiku-20240307-v1:0
SONNET=anthropic.claude-sonnet-4-5-20250929-v1:0
WORLD="$WORK/world.json"

# The shared world, and what each member account sees of it.
"$PYTHON" - "$TOP/sim/scenarios/small.json" "$WORLD" "$A" "$B" "$C" \
    "$HAIKU" "$SONNET" <<'PY'
import json, sys
src, dst, a, b, c, haiku, sonnet = sys.argv[1:]
d = json.load(open(src))
base = d["accounts"]["AKIDEXAMPLE"]
d["accounts"]["AKIDMEMBERB000001"] = dict(
    base, account=b, arn="arn:aws:iam::%s:user/local" % b)
d["accounts"]["AKIDFOREIGN000001"] = dict(
    base, account="999999999999", arn="arn:aws:iam::999999999999:user/x")
d["member_accounts"] = {
    a: {"steps": [["revoke_access", "us-east-1", haiku],
                  ["set_applied", "us-east-1", "L-01F3CD81", "50"]]},
    b: {"steps": [["revoke_access", "us-west-2", haiku],
                  ["set_applied", "us-east-1", "L-01F3CD81", "1000"]]},
    c: {"steps": [["lower_default", "*", "L-01447289", "1000"],
                  ["revoke_access", "us-east-1", sonnet]]}}
# The organization, as Organizations answers its management account:
# one account a page, the first page empty.
ou = "ou-ab12-11111111"
d["organization"] = {
    "management_account": "123456789012", "page_size": 1,
    "empty_first_page": True, "roots": ["r-ab12"],
    "accounts": [{"id": a, "parent": ou}, {"id": b, "parent": ou},
                 {"id": c, "parent": "r-ab12"},
                 {"id": "444444444444", "parent": ou, "status": "SUSPENDED"},
                 {"id": "666666666666", "parent": ou,
                  "status": "PENDING_CLOSURE"},
                 {"id": "555555555555", "parent": ou}]}
json.dump(d, open(dst, "w"))
PY
"$PYTHON" - "$WORK/identity.json" "$CALLER" "$ROLE" "$A" "$B" "$C" "$D" <<'PY'
import json, sys
out, caller, role, a, b, c, d = sys.argv[1:]
def member(acct, trusted, ext=None):
    return ("arn:aws:iam::%s:role/%s" % (acct, role),
            {"trusted": ["arn:aws:iam::%s:root" % trusted],
             "external_id": ext})
roles = dict([member(a, caller), member(b, caller),
              member(c, caller, "org-7"), member(d, "999999999999")])
json.dump({"roles": roles}, open(out, "w"))
PY
sim_start "$WORLD" --identity "$WORK/identity.json"

# --- the schema 4 -> 5 migration, on a database of the older binary ----
# tests/data/schema4.sql: three runs (a baseline, changes, a failed
# region) by the collect of main before schema 5, as sqlite3 .dump.
history() {
	sqlite3 "$1" "SELECT 'm', region, model_id, authorization_status,
	    since_run, until_run FROM models_history;
	  SELECT 'q', region, quota_code, applied_value, default_value,
	    since_run, until_run FROM quotas_history;
	  SELECT 'p', region, profile_id, since_run, until_run
	    FROM profiles_history;
	  SELECT 'c', change_id, run_id, region, kind, subject, old_value,
	    new_value FROM changes;
	  SELECT 'g', run_id, region, status, error_code FROM region_runs;
	  SELECT 'f', run_id, region, operation, count FROM region_run_failures" |
	    sort
}
sqlite3 "$WORK/old.db" <"$TOP/tests/data/schema4.sql"
history "$WORK/old.db" >"$WORK/old.history"
check "the old database has changes and a failed region to keep" sh -c \
	"grep -q '^c' '$WORK/old.history' && grep -q '|failed|' '$WORK/old.history'"
expect_exit 4 "a reader does not migrate the schema 4 database" \
	"$BIN" status --db "$WORK/old.db" 2>"$WORK/old.err"
check "it says collect upgrades it" grep -q "run bedrock-audit collect" \
	"$WORK/old.err"
# A collect migrates it (in one transaction) and records run 4, which
# may close rows (until_run 4) and add some; take its rows away again.
# (exit 1: the simulator's world is not the one of the old runs)
expect_exit 1 "collect migrates the schema 4 database" \
	"$BIN" collect -q --db "$WORK/old.db" --regions us-east-1
check "user_version went up" \
	test "$(sqlite3 "$WORK/old.db" 'PRAGMA user_version')" -gt 4
sqlite3 "$WORK/old.db" "PRAGMA foreign_keys = OFF;
	DELETE FROM model_state WHERE since_run = 4;
	DELETE FROM quota_state WHERE since_run = 4;
	DELETE FROM profile_state WHERE since_run = 4;
	UPDATE model_state SET until_run = NULL WHERE until_run = 4;
	UPDATE quota_state SET until_run = NULL WHERE until_run = 4;
	UPDATE profile_state SET until_run = NULL WHERE until_run = 4;
	DELETE FROM change_log WHERE run_id = 4;
	DELETE FROM region_run WHERE run_id = 4"
history "$WORK/old.db" >"$WORK/new.history"
check "history is kept row for row through the migration" \
	cmp -s "$WORK/old.history" "$WORK/new.history"
check "every migrated row has the database's account" test \
	"$(sqlite3 "$WORK/old.db" "SELECT count(*) FROM models_history
	    WHERE account_id <> '$CALLER'")" = 0
check "the runs before the migration collected that account" test \
	"$(sqlite3 "$WORK/old.db" "SELECT count(*) FROM run_accounts
	    WHERE account_id = '$CALLER' AND status = 'collected'")" = 4

# A schema 4 database none of whose runs learnt the account: '' until the
# next plain collect gives it the caller's.
sqlite3 "$WORK/anon.db" <"$TOP/tests/data/schema4.sql"
sqlite3 "$WORK/anon.db" "UPDATE run SET account_id = NULL"
expect_exit 1 "collect into an account-less old database" \
	"$BIN" collect -q --db "$WORK/anon.db" --regions us-east-1
check "its rows took the caller's account" test \
	"$(sqlite3 "$WORK/anon.db" "SELECT count(DISTINCT account_id) || ':' ||
	    min(account_id) FROM models_history")" = "1:$CALLER"
check "no region row is left without an account" test \
	"$(sqlite3 "$WORK/anon.db" "SELECT count(*) FROM region_runs
	    WHERE account_id = ''")" = 0
check "its old runs now collected the caller's account" test \
	"$(sqlite3 "$WORK/anon.db" "SELECT count(*) FROM run_accounts
	    WHERE account_id = '$CALLER'")" = 4

# --- several accounts in one run ---------------------------------------
cat >"$WORK/notify.ini" <<EOF
[target hook]
type = exec
command = cat >"$WORK/told-\$BEDROCK_AUDIT_ACCOUNT.json"; echo "\$BEDROCK_AUDIT_ACCOUNT \$BEDROCK_AUDIT_RUN \$BEDROCK_AUDIT_STATUS" >>"$WORK/told.txt"
threshold = action
EOF
expect_exit 3 "three members collected, one role not assumable: exit 3" \
	"$BIN" collect --db "$DB" --accounts "$A,$B,$C,$D" --role-name "$ROLE" \
	--external-id org-7 --notify "$WORK/notify.ini" 2>"$WORK/run1.err"
check "--notify: each account of the run told of or skipped once" test \
	"$(sqlite3 "$DB" "SELECT group_concat(account || ':' || state, ' ')
	    FROM (SELECT * FROM notifications WHERE run = 1
	    ORDER BY account)")" = \
	"$A:skipped $B:skipped $C:skipped $D:sent"
check "--notify: the failed account's hook got its own failed run" test \
	"$(cat "$WORK/told.txt")" = "$D 1 failed"
check "--notify: its report JSON is the failed account's" grep -q \
	"\"account_id\": \"$D\"" "$WORK/told-$D.json"
expect_exit 0 "notify --account: an account already skipped is not told again" \
	"$BIN" notify -q --db "$DB" --notify "$WORK/notify.ini" --account "$A"
expect_exit 0 "notify --account --run: one account's run sent again" \
	"$BIN" notify -q --db "$DB" --notify "$WORK/notify.ini" --account "$B" \
	--run 1
check "... only that account's, with its own status" test \
	"$(sed -n 2,\$p "$WORK/told.txt")" = "$B 1 complete"
expect_exit 0 "notify --account --run: an account no run collected is told again" \
	"$BIN" notify -q --db "$DB" --notify "$WORK/notify.ini" --account "$D" \
	--run 1
check "... of its own failed run" test \
	"$(sed -n 3,\$p "$WORK/told.txt")" = "$D 1 failed"
expect_exit 0 "report --account of an account no run collected" \
	"$BIN" report --db "$DB" --account "$D" -o "$WORK/report-d.txt"
check "... says why, with the fix, and not that nothing is wrong" sh -c \
	"grep -q '$D: not collected: AssumeRole failed: AccessDenied' \
	    '$WORK/report-d.txt' && grep -q 'trust policy' '$WORK/report-d.txt' &&
	 grep -q 'its problems are' '$WORK/report-d.txt' &&
	 ! grep -q 'no open problems' '$WORK/report-d.txt' &&
	 ! grep -q 'No open problems' '$WORK/report-d.txt'"
"$BIN" report --db "$DB" --account "$D" --format json --lang ja \
	-o "$WORK/report-d.json"
check "... in JSON: the account's failure, and open problems unknown (null)" \
	"$PYTHON" -c "
import json, sys
d = json.load(open(sys.argv[1]))
f = d['collection']['account_failure']
assert f['operation'] == 'AssumeRole' and f['error_code'] == 'AccessDenied'
assert f['fix_kind'] == 'trust_policy' and 'sts:AssumeRole' in f['fix']
assert d['summary']['open'] is None and d['open'] == []
" "$WORK/report-d.json"
check "... and the hook's report of the run said so too" "$PYTHON" -c "
import json, sys
d = json.load(open(sys.argv[1]))
assert d['collection']['account_failure']['error_code'] == 'AccessDenied'
" "$WORK/told-$D.json"
"$BIN" report --db "$DB" --account "$A" --format json -o "$WORK/report-a.json"
for cmd in status diff; do
	expect_exit 4 "$cmd --account of an account no run collected" \
		"$BIN" $cmd --db "$DB" --account "$D" 2>"$WORK/$cmd-d.err"
	check "... says so, and where the reason is" grep -q \
		"no run has collected this account yet (bedrock-audit report --account $D says why)" \
		"$WORK/$cmd-d.err"
done
check "a collected account's JSON has no account failure" "$PYTHON" -c "
import json, sys
d = json.load(open(sys.argv[1]))
assert d['collection']['account_failure'] is None
assert isinstance(d['summary']['open'], int)
" "$WORK/report-a.json"
expect_exit 2 "report --account of an account no run named: usage error" \
	"$BIN" report --db "$DB" --account 999999999998

for acct in $A $B $C; do
	check "account $acct: its views equal its world" "$PYTHON" \
		"$TOP/tests/verify_db.py" "$DB" "$WORLD" --account "$acct"
done
check "the failed account is named once, with AssumeRole's code" sh -c \
	"test \$(grep -c '$D' '$WORK/run1.err') = 1 &&
	 grep -q 'account $D: not collected: AssumeRole' '$WORK/run1.err' &&
	 grep '$D' '$WORK/run1.err' | grep -q AccessDenied"
check "its fix names the trust policy and the external ID" sh -c \
	"grep '$D' '$WORK/run1.err' | grep -q 'trust policy' &&
	 grep '$D' '$WORK/run1.err' | grep -q 'sts:ExternalId'"
check "run_accounts: the failed AssumeRole sent an external ID (1)" test \
	"$(sqlite3 "$DB" "SELECT group_concat(coalesce(external_id, 'null'))
	    FROM (SELECT * FROM run_accounts WHERE run_id = 1
	    ORDER BY account_id)")" = "null,null,null,1"
"$BIN" report --db "$DB" --account "$D" --format json \
	-o "$WORK/report-d-en.json"
check "collect's fix is the report's, word for word" "$PYTHON" -c "
import json, sys
fix = json.load(open(sys.argv[1]))['collection']['account_failure']['fix']
err = [l for l in open(sys.argv[2]) if sys.argv[3] in l][0]
assert err.rstrip('\\n').endswith('; ' + fix), (err, fix)
assert 'equal to the --external-id sent' in fix, fix
" "$WORK/report-d-en.json" "$WORK/run1.err" "$D"
check "run_accounts: three collected, one failed with its code" test \
	"$(sqlite3 "$DB" "SELECT group_concat(account_id || ':' || status ||
	    ':' || coalesce(error_code, ''), ' ') FROM (SELECT * FROM
	    run_accounts WHERE run_id = 1 ORDER BY account_id)")" = \
	"$A:collected: $B:collected: $C:collected: $D:failed:AccessDenied"
check "the run is partial" test \
	"$(sqlite3 "$DB" "SELECT status FROM runs WHERE run_id = 1")" = partial
check "the run's caller is the audit account" test \
	"$(sqlite3 "$DB" "SELECT account_id FROM runs WHERE run_id = 1")" = "$CALLER"
check "the failed account has no region rows" test \
	"$(sqlite3 "$DB" "SELECT count(*) FROM region_runs
	    WHERE account_id = '$D'")" = 0
check "applied values differ where the accounts' worlds do" test \
	"$(sqlite3 "$DB" "SELECT group_concat(account_id || '=' ||
	    applied_value, ' ') FROM (SELECT * FROM quotas_now
	    WHERE region = 'us-east-1' AND quota_code = 'L-01F3CD81'
	    ORDER BY account_id)")" = "$A=50.0 $B=1000.0 $C=200.0"
check "the reduced default is only C's" test \
	"$(sqlite3 "$DB" "SELECT group_concat(DISTINCT account_id) FROM
	    quotas_now WHERE quota_code = 'L-01447289'
	    AND default_value = 1000")" = "$C"

# Without the external ID C's role refuses; the fix asks for the trust
# policy and says nothing of an external ID that was not sent.
expect_exit 3 "without --external-id the member that needs one fails" \
	"$BIN" collect --db "$DB" --accounts "$A,$C" --role-name "$ROLE" \
	2>"$WORK/run2.err"
check "the message says the role must trust the caller" sh -c \
	"grep '$C' '$WORK/run2.err' | grep -q 'trust policy must allow' &&
	 ! grep -q ExternalId '$WORK/run2.err'"
check "run_accounts: C's AssumeRole sent no external ID (0)" test \
	"$(sqlite3 "$DB" "SELECT external_id FROM run_accounts
	    WHERE run_id = 2 AND account_id = '$C'")" = 0
"$BIN" report --db "$DB" --account "$C" -o "$WORK/report-c2.txt"
check "... and its report's fix names no external ID either" sh -c \
	"grep -q 'AssumeRole failed: AccessDenied' '$WORK/report-c2.txt' &&
	 grep -q 'trust policy must allow the' '$WORK/report-c2.txt' &&
	 ! grep -q ExternalId '$WORK/report-c2.txt'"
"$BIN" report --db "$DB" -o "$WORK/org-run2.txt"
check "the org report still names D, which run 2 did not try, as unknown" \
	sh -c "tr '\\n' ' ' <'$WORK/org-run2.txt' | tr -s ' ' |
	 grep -q 'Not known for $D: no run has collected it yet' &&
	 grep -q '$D: not part of the newest run' '$WORK/org-run2.txt'"
check "the unchanged account records no change" test \
	"$(sqlite3 "$DB" "SELECT count(*) FROM changes WHERE run_id = 2")" = 0
expect_exit 4 "a wrong external ID: nothing collected" "$BIN" collect -q \
	--db "$DB" --accounts "$C" --role-name "$ROLE" --external-id wrong-1 \
	2>"$WORK/run3.err"
check "the message names the external ID" grep -q 'sts:ExternalId' \
	"$WORK/run3.err"
check "C's state is carried forward, not removed" "$PYTHON" \
	"$TOP/tests/verify_db.py" "$DB" "$WORLD" --account "$C"

# An account list from a file: comments, newlines, duplicates.
printf '# members\n%s\n%s, %s # again\n' "$A" "$B" "$A" >"$WORK/accounts.txt"
expect_exit 0 "--accounts @FILE" "$BIN" collect -q --db "$DB" \
	--accounts "@$WORK/accounts.txt" --role-name "$ROLE"
check "the file's two accounts were collected" test \
	"$(sqlite3 "$DB" "SELECT count(*) FROM run_accounts WHERE run_id =
	    (SELECT max(run_id) FROM runs) AND status = 'collected'")" = 2
expect_exit 2 "a bad account ID is a usage error" "$BIN" collect -q \
	--db "$DB" --accounts "$A,12345" --role-name "$ROLE"
expect_exit 2 "--accounts without --role-name" "$BIN" collect -q \
	--db "$DB" --accounts "$A"
expect_exit 2 "--role-name without --accounts" "$BIN" collect -q \
	--db "$DB" --role-name "$ROLE"

# --- the organization ----------------------------------------------------
OU=ou-ab12-11111111
expect_exit 0 "--org --ou --exclude: the OU's active accounts" \
	"$BIN" collect -q --db "$WORK/org2.db" --org --ou "$OU" \
	--exclude 555555555555 --role-name "$ROLE"
check "collected: the OU's two active accounts, not the excluded one" test \
	"$(sqlite3 "$WORK/org2.db" "SELECT group_concat(account_id || ':' ||
	    status || ':' || org_status, ' ') FROM (SELECT * FROM run_accounts
	    ORDER BY account_id)")" = \
	"$A:collected:ACTIVE $B:collected:ACTIVE 444444444444:skipped:SUSPENDED 666666666666:skipped:PENDING_CLOSURE"
for acct in $A $B; do
	check "--org: account $acct's views equal its world" "$PYTHON" \
		"$TOP/tests/verify_db.py" "$WORK/org2.db" "$WORLD" --account "$acct"
done
# Without --ou and --exclude: C too, and 555555555555, which has no
# such role: failed, the others recorded.
expect_exit 3 "--org without --ou: every active account" \
	"$BIN" collect -q --db "$WORK/org2.db" --org --role-name "$ROLE" \
	--external-id org-7 2>/dev/null
check "A, B and C collected, 555555555555 failed" test \
	"$(sqlite3 "$WORK/org2.db" "SELECT group_concat(account_id || ':' ||
	    status, ' ') FROM (SELECT * FROM run_accounts WHERE run_id = 2
	    AND status <> 'skipped' ORDER BY account_id)")" = \
	"$A:collected $B:collected $C:collected 555555555555:failed"
expect_exit 4 "--org from an account that is not the management account" \
	env AWS_ACCESS_KEY_ID=AKIDMEMBERB000001 "$BIN" collect -q \
	--db "$WORK/org3.db" --org --role-name "$ROLE" 2>"$WORK/org3.err"
check "it names AWS's error and the permission" sh -c \
	"grep -q AccessDeniedException '$WORK/org3.err' &&
	 grep -q 'organizations:ListAccounts' '$WORK/org3.err'"
check "... and so does the failed run's record" test \
	"$(sqlite3 "$WORK/org3.db" "SELECT operation || ':' || http_status ||
	    ':' || error_code FROM run_failures")" = \
	"ListAccounts:400:AccessDeniedException"
"$BIN" report --db "$WORK/org3.db" >"$WORK/org3.txt"
check "... and the report, with the permission to grant" sh -c \
	"grep -q 'Failed call: ListAccounts' '$WORK/org3.txt' &&
	 grep -q 'organizations:ListAccounts' '$WORK/org3.txt'"
expect_exit 2 "--ou without --org" "$BIN" collect -q --db "$DB" --ou "$OU"
expect_exit 2 "a bad --ou" "$BIN" collect -q --db "$DB" --org \
	--role-name "$ROLE" --ou "ou-x"
expect_exit 2 "--accounts and --org together" "$BIN" collect -q \
	--db "$DB" --org --accounts "$A" --role-name "$ROLE"

# --- plain collects into the multi-account database --------------------
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
sum=$(sha256sum <"$DB")
runs=$(sqlite3 "$DB" "SELECT count(*) FROM runs")
expect_exit 2 "a foreign account's plain collect is refused" env \
	AWS_ACCESS_KEY_ID=AKIDFOREIGN000001 "$BIN" collect --db "$DB" \
	2>"$WORK/foreign.err"
check "the refusal names the foreign account" \
	grep -q 999999999999 "$WORK/foreign.err"
check "the database is unchanged byte for byte" \
	test "$(sha256sum <"$DB")" = "$sum"
check "no run was added" \
	test "$(sqlite3 "$DB" "SELECT count(*) FROM runs")" = "$runs"
expect_exit 0 "a member's own plain collect is accepted" env \
	AWS_ACCESS_KEY_ID=AKIDMEMBERB000001 "$BIN" collect -q --db "$DB"
check "account $B: its views still equal its world" "$PYTHON" \
	"$TOP/tests/verify_db.py" "$DB" "$WORLD" --account "$B"

# An account whose role could not be assumed in the newest run: its report
# says that run failed for it and shows the data of its last collection;
# for an account collected whole in that run, the run is complete.
expect_exit 0 "run 1: A and C collected" "$BIN" collect -q \
	--db "$WORK/gap.db" --accounts "$A,$C" --role-name "$ROLE" \
	--external-id org-7
expect_exit 3 "the next run: C's role refuses" "$BIN" collect -q \
	--db "$WORK/gap.db" --accounts "$A,$C" --role-name "$ROLE" 2>/dev/null
"$BIN" report --db "$WORK/gap.db" --account "$C" >"$WORK/gap-c.txt"
check "for C the newest run failed, data from run 1" sh -c \
	"grep -q 'failed, nothing was collected' '$WORK/gap-c.txt' &&
	 grep -q 'last collected by run #1' '$WORK/gap-c.txt'"
"$BIN" report --db "$WORK/gap.db" --account "$A" >"$WORK/gap-a.txt"
check "for A the same run is complete" sh -c \
	"grep -A1 'Newest run: #2' '$WORK/gap-a.txt' | grep -q complete &&
	 ! grep -q 'some regions failed' '$WORK/gap-a.txt'"

# --- readers ------------------------------------------------------------
expect_exit 0 "report on several accounts: the organization's" \
	"$BIN" report --db "$DB" -o "$WORK/report.org"
check "it is the organization report (tests/it_org_report.sh)" grep -q \
	"organization report" "$WORK/report.org"
expect_exit 2 "diff on several accounts needs --account" \
	"$BIN" diff --db "$DB" 2>"$WORK/diff.err"
check "it says so" grep -q -- "--account" "$WORK/diff.err"
expect_exit 2 "--account of an account the database lacks" \
	"$BIN" status --db "$DB" --account 999999999999
"$BIN" status --db "$DB" --account "$A" --format json >"$WORK/status-a.json"
"$BIN" status --db "$DB" --account "$B" --format json >"$WORK/status-b.json"
check "status of one account differs from another's" \
	sh -c "! cmp -s '$WORK/status-a.json' '$WORK/status-b.json'"

# --- report --account: one account, as a database of that account alone --
# The same two runs recorded twice: B alone (its own credentials), and B
# with A in a multi-account database; B's world changes in between.
expect_exit 0 "B alone, run 1" env AWS_ACCESS_KEY_ID=AKIDMEMBERB000001 \
	"$BIN" collect -q --db "$WORK/b.db"
expect_exit 0 "A and B, run 1" "$BIN" collect -q --db "$WORK/ab.db" \
	--accounts "$A,$B" --role-name "$ROLE"
"$PYTHON" - "$WORLD" "$WORK/world2.json" "$B" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["member_accounts"][sys.argv[3]]["steps"] += [
    ["set_applied", "us-east-1", "L-01F3CD81", "1500"],
    ["revoke_access", "us-east-1", "amazon.nova-pro-v1:0"],
    ["lower_default", "us-east-1", "L-01447289", "2000"]]
json.dump(d, open(sys.argv[2], "w"))
PY
sim_post scenario "$WORK/world2.json"
expect_exit 1 "B alone, run 2: changes" env \
	AWS_ACCESS_KEY_ID=AKIDMEMBERB000001 "$BIN" collect -q --db "$WORK/b.db"
expect_exit 1 "A and B, run 2: changes" "$BIN" collect -q \
	--db "$WORK/ab.db" --accounts "$A,$B" --role-name "$ROLE"
check "A recorded no change" test "$(sqlite3 "$WORK/ab.db" "SELECT
	    count(*) FROM changes WHERE account_id = '$A'")" = 0
# Times differ between the two databases; everything else must not.
# (Every change is in one region: change IDs follow the order regions
# end in, which two runs need not share.)
untimed() {
	sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/<time>/g; s/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}( UTC)?/<time>/g'
}
for fmt in text json markdown; do
	for lang in en ja; do
		"$BIN" report --db "$WORK/b.db" --format $fmt --lang $lang \
		    --tz UTC | untimed >"$WORK/b.$fmt.$lang"
		"$BIN" report --db "$WORK/ab.db" --account "$B" --format $fmt \
		    --lang $lang --tz UTC | untimed >"$WORK/ab.$fmt.$lang"
		check "report --account $B ($fmt, $lang) equals B's own database's" \
			cmp -s "$WORK/b.$fmt.$lang" "$WORK/ab.$fmt.$lang"
	done
done
check "the report has B's changes" grep -q "L-01F3CD81" "$WORK/b.text.en"
check "JSON: every change and entry names account $B" "$PYTHON" -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["changes"] and d["entries"], "no changes"
assert all(c["account_id"] == sys.argv[2] for c in d["changes"])
assert all(e["accounts"] == [sys.argv[2]] for e in d["entries"])
assert d["account_id"] == sys.argv[2]' "$WORK/ab.json.en" "$B"
"$BIN" diff --db "$WORK/b.db" --format json | untimed >"$WORK/b.diff"
"$BIN" diff --db "$WORK/ab.db" --account "$B" --format json | untimed \
	>"$WORK/ab.diff"
check "diff --account equals B's own database's" cmp -s "$WORK/b.diff" \
	"$WORK/ab.diff"
"$BIN" status --db "$WORK/b.db" --format json --tz UTC | untimed >"$WORK/b.status"
"$BIN" status --db "$WORK/ab.db" --account "$B" --format json --tz UTC |
	untimed >"$WORK/ab.status"
check "status --account equals B's own database's" cmp -s \
	"$WORK/b.status" "$WORK/ab.status"
id=$(sqlite3 "$WORK/ab.db" "SELECT min(change_id) FROM changes
	WHERE account_id = '$B' AND path NOT IN ('info', 'P1')")
expect_exit 0 "case of one of B's changes" "$BIN" case --db "$WORK/ab.db" \
	"$id" >"$WORK/case.out"
check "the case names the change's own account, not the caller's" sh -c \
	"grep -q '$B' '$WORK/case.out' && ! grep -q '$CALLER' '$WORK/case.out'"

# A multi-account run without credentials names no account: each account
# of the database is told of it, as its own report says it.
: >"$WORK/told.txt"
expect_exit 4 "--accounts without credentials, --notify: nothing collected" \
	env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY "$BIN" collect -q \
	--db "$DB" --accounts "$A,$B" --role-name "$ROLE" \
	--notify "$WORK/notify.ini" 2>/dev/null
last=$(sqlite3 "$DB" "SELECT max(run_id) FROM runs")
check "each account of the database told of the failed run, none unscoped" \
	test "$(sort "$WORK/told.txt" | tr '\n' ' ')" = \
	"$A $last failed $B $last failed $C $last failed $D $last failed "
check "... D's problems unknown (null), A's as last known" "$PYTHON" -c "
import json, sys
d, a = (json.load(open(p)) for p in sys.argv[1:3])
assert d['summary']['open'] is None, d['summary']
assert isinstance(a['summary']['open'], int), a['summary']
assert a['collection']['run_failure']['operation'] == 'credentials', a
" "$WORK/told-$D.json" "$WORK/told-$A.json"
"$BIN" status --db "$DB" >"$WORK/org-status-failed.txt"
check "org status: the failed newest run is the coverage, with why" sh -c \
	"tr '\\n' ' ' <'$WORK/org-status-failed.txt' | tr -s ' ' |
	 grep -q 'Newest run: #$last, .*nothing was collected. No credentials could be found'"

finish
