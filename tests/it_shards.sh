#!/bin/sh
# Integration: a sharded collect and its merge (issue #12 item 5).  The
# caller assumes BedrockAuditMember in eight member accounts; four
# shards (collect --shard 1/4 .. 4/4) each write their own database, and
# bedrock-audit merge folds them into one that must equal one database
# that collected every account: models_now, quotas_now, profiles_now,
# quota_requests_now, changes (without IDs and times), run_accounts and
# runs, row by row.  Merging again adds nothing; the next day's shard
# runs merge incrementally; --org skipped accounts are recorded by one
# shard each.  Bad inputs (not a database, another schema version, the
# target as its own shard, the same shard twice, a shard whose accounts
# another shard already brought) are clear errors and leave the target
# unchanged byte for byte.
set -eu
. "$(dirname "$0")/lib.sh"

CALLER=123456789012
ROLE=BedrockAuditMember
HAIKU=anthropic.claude-3-haiku-20240307-v1:0
WORLD="$WORK/world.json"
ACCTS="111111111111,222222222222,333333333333,444444444444,555555555555,666666666666,777777777777,888888888888"

"$PYTHON" - "$TOP/sim/scenarios/small.json" "$WORLD" "$HAIKU" <<'PY'
import json, sys
src, dst, haiku = sys.argv[1:]
d = json.load(open(src))
ids = ["%d" % (i * 111111111111) for i in range(1, 9)]
d["member_accounts"] = {}
for n, a in enumerate(ids):
    steps = [["set_applied", "us-east-1", "L-01F3CD81", str(100 + n)]]
    if n % 3 == 0:
        steps.append(["revoke_access", "us-west-2", haiku])
    if n == 5:
        steps.append(["lower_default", "*", "L-01447289", "1000"])
    d["member_accounts"][a] = {"steps": steps}
d["organization"] = {
    "management_account": "123456789012", "roots": ["r-ab12"],
    "accounts": [{"id": a, "parent": "r-ab12"} for a in ids] +
                [{"id": "999999999999", "parent": "r-ab12",
                  "status": "SUSPENDED"},
                 {"id": "909090909090", "parent": "r-ab12",
                  "status": "CLOSED"}]}
json.dump(d, open(dst, "w"))
PY
"$PYTHON" - "$WORK/identity.json" "$CALLER" "$ROLE" <<'PY'
import json, sys
out, caller, role = sys.argv[1:]
roles = {"arn:aws:iam::%d:role/%s" % (i * 111111111111, role):
         {"trusted": ["arn:aws:iam::%s:root" % caller]}
         for i in range(1, 9)}
json.dump({"roles": roles}, open(out, "w"))
PY
sim_start "$WORLD" --identity "$WORK/identity.json"

collect() {
	"$BIN" collect -q --no-usage --accounts "$ACCTS" --role-name "$ROLE" "$@"
}

# Every view a reader uses, without IDs and times; run numbers kept.
views() {
	"$PYTHON" - "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
drop = {"first_seen", "last_changed", "change_id", "detected_at",
        "started_at", "finished_at", "since_at", "until_at", "last_ok_at"}
for view in ("models_now", "quotas_now", "profiles_now",
             "quota_requests_now", "changes", "run_accounts", "runs",
             "region_runs", "models_history", "quotas_history",
             "regions_now"):
    cur = db.execute("SELECT * FROM %s" % view)
    cols = [c[0] for c in cur.description]
    keep = [i for i, c in enumerate(cols) if c not in drop]
    rows = sorted(repr([r[i] for i in keep]) for r in cur)
    for r in rows:
        print(view, r)
PY
}

# Whether the views of $1 and $2 are equal; says where they differ.
same_views() {
	views "$1" >"$WORK/a.views"
	views "$2" >"$WORK/b.views"
	if cmp -s "$WORK/a.views" "$WORK/b.views"; then
		return 0
	fi
	diff "$WORK/a.views" "$WORK/b.views" | head -20 >&2
	return 1
}

rows() {
	sqlite3 "$1" "SELECT count(*) FROM $2"
}

# --- day 1: one full collection, and four shards ------------------------
expect_exit 0 "the full collection of eight accounts" collect \
	--db "$WORK/full.db"
for i in 1 2 3 4; do
	expect_exit 0 "shard $i/4" collect --db "$WORK/s$i.db" --shard "$i/4"
done
check "each shard holds two accounts, none twice" test "$(for i in 1 2 3 4; do
	sqlite3 "$WORK/s$i.db" "SELECT account_id FROM run_accounts"; done |
	sort | uniq -c | awk '$1 == 1' | wc -l)" = 8
check "shard 1 holds the accounts whose ID mod 4 is 0" test \
	"$(sqlite3 "$WORK/s1.db" "SELECT group_concat(account_id, ' ') FROM
	    (SELECT account_id FROM run_accounts ORDER BY account_id)")" = \
	"444444444444 888888888888"
expect_exit 0 "merge four shards" "$BIN" merge -q "$WORK/org.db" \
	"$WORK/s1.db" "$WORK/s2.db" "$WORK/s3.db" "$WORK/s4.db"
check "four shard runs are one run" test "$(rows "$WORK/org.db" runs)" = 1
check "the merged views equal the full collection's" \
	same_views "$WORK/full.db" "$WORK/org.db"
for a in 111111111111 666666666666; do
	check "account $a: the merged views equal its world" "$PYTHON" \
		"$TOP/tests/verify_db.py" "$WORK/org.db" "$WORLD" --account "$a"
done
check "merged_runs: four sources into run 1" test \
	"$(sqlite3 "$WORK/org.db" "SELECT count(DISTINCT source) || ':' ||
	    group_concat(DISTINCT run_id) FROM merged_runs")" = "4:1"

# --- merging again adds nothing -----------------------------------------
sqlite3 "$WORK/org.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
sum=$(sha256sum <"$WORK/org.db")
expect_exit 0 "merge the same shards again" "$BIN" merge -q "$WORK/org.db" \
	"$WORK/s3.db" "$WORK/s1.db" "$WORK/s4.db" "$WORK/s2.db"
sqlite3 "$WORK/org.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
check "merging again changes nothing, byte for byte" \
	test "$(sha256sum <"$WORK/org.db")" = "$sum"
cp "$WORK/s2.db" "$WORK/s2-copy.db"
expect_exit 0 "a copy of a merged shard adds nothing" "$BIN" merge -q \
	"$WORK/org.db" "$WORK/s2-copy.db"
check "no run was added by the copy" test "$(rows "$WORK/org.db" runs)" = 1

# --- bad inputs: clear errors, the target unchanged byte for byte --------
echo "not a database" >"$WORK/text.db"
sqlite3 "$WORK/old.db" <"$TOP/tests/data/schema4.sql"
sqlite3 "$WORK/org.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
sum=$(sha256sum <"$WORK/org.db")
expect_exit 2 "a file that is not a database" "$BIN" merge "$WORK/org.db" \
	"$WORK/s1.db" "$WORK/text.db" 2>"$WORK/bad1.err"
check "it names the file" grep -q "text.db" "$WORK/bad1.err"
expect_exit 2 "a database of another schema version" "$BIN" merge \
	"$WORK/org.db" "$WORK/old.db" 2>"$WORK/bad2.err"
check "it names the version" grep -q "schema version 4" "$WORK/bad2.err"
expect_exit 2 "the target as its own shard" "$BIN" merge "$WORK/org.db" \
	"$WORK/org.db" 2>"$WORK/bad3.err"
check "it says so" grep -q "is the target" "$WORK/bad3.err"
expect_exit 2 "the same shard twice" "$BIN" merge "$WORK/org.db" \
	"$WORK/s1.db" "$WORK/s2-copy.db" "$WORK/s2.db" 2>"$WORK/bad4.err"
check "it names both files" grep -q "s2.db: the same database as .*s2-copy.db" \
	"$WORK/bad4.err"
expect_exit 2 "a missing shard" "$BIN" merge "$WORK/org.db" \
	"$WORK/nosuch.db" 2>/dev/null
expect_exit 2 "no shard at all" "$BIN" merge "$WORK/org.db" 2>/dev/null
# Shard 1 of 2 holds accounts that shards 2 and 4 of 4 brought already.
expect_exit 0 "a shard of another N" collect --db "$WORK/half.db" \
	--shard 1/2
expect_exit 4 "a shard whose accounts another shard brought" "$BIN" merge \
	"$WORK/org.db" "$WORK/half.db" 2>"$WORK/bad5.err"
check "it names the account and the rule" sh -c \
	"grep -q 'account 222222222222' '$WORK/bad5.err' &&
	 grep -q 'history comes from one shard' '$WORK/bad5.err'"
expect_exit 4 "a database that collected its accounts itself" "$BIN" \
	merge "$WORK/full.db" "$WORK/s1.db" 2>"$WORK/bad6.err"
check "it says the target collects them itself" grep -q \
	"collected by .*full.db itself" "$WORK/bad6.err"
sqlite3 "$WORK/org.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
check "after every refusal the target is unchanged byte for byte" \
	test "$(sha256sum <"$WORK/org.db")" = "$sum"

# --- day 2: changes in the world; shards merge incrementally -------------
"$PYTHON" - "$WORLD" "$WORK/world2.json" "$HAIKU" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
m = d["member_accounts"]
m["222222222222"]["steps"].append(
    ["set_applied", "us-east-1", "L-01F3CD81", "1500"])
m["333333333333"]["steps"].append(["revoke_access", "us-east-1", sys.argv[3]])
m["888888888888"]["steps"].append(
    ["lower_default", "us-west-2", "L-01447289", "2000"])
json.dump(d, open(sys.argv[2], "w"))
PY
sim_post scenario "$WORK/world2.json"
expect_exit 1 "day 2: the full collection finds changes" collect \
	--db "$WORK/full.db"
for i in 1 2 3 4; do
	set +e
	collect --db "$WORK/s$i.db" --shard "$i/4"
	set -e
done
check "day 2: the shards found the changes" test "$(for i in 1 2 3 4; do
	sqlite3 "$WORK/s$i.db" "SELECT count(*) FROM changes WHERE run_id = 2"
	done | paste -sd+ | bc)" -gt 0
# Shards 1 and 3 first, then all four: the second merge adds only 2 and 4.
expect_exit 0 "day 2: merge shards 1 and 3" "$BIN" merge -q "$WORK/org.db" \
	"$WORK/s1.db" "$WORK/s3.db"
expect_exit 0 "day 2: merge all four" "$BIN" merge -q "$WORK/org.db" \
	"$WORK/s1.db" "$WORK/s2.db" "$WORK/s3.db" "$WORK/s4.db"
check "two days are two runs" test "$(rows "$WORK/org.db" runs)" = 2
check "day 2: the merged views equal the full collection's" \
	same_views "$WORK/full.db" "$WORK/org.db"
check "day 2: the changes are there" test \
	"$(sqlite3 "$WORK/org.db" "SELECT count(*) FROM changes WHERE
	    run_id = 2")" = "$(sqlite3 "$WORK/full.db" "SELECT count(*) FROM
	    changes WHERE run_id = 2")"
# Change IDs are numbered in the order changes were recorded: by region
# end in one collection, by shard in a merge; everything else is equal.
unid() {
	"$PYTHON" -c '
import json, sys
def strip(x):
    if isinstance(x, dict):
        return {k: strip(v) for k, v in x.items()
                if k not in ("id", "change_ids")}
    if isinstance(x, list):
        return [strip(v) for v in x]
    return x
print(json.dumps(strip(json.load(sys.stdin)), indent=1, sort_keys=True))'
}
untime() {
	sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9:]{5,8}Z?( UTC)?/<time>/g'
}
for db in full org; do
	"$BIN" report --db "$WORK/$db.db" --account 333333333333 --tz UTC |
	    untime >"$WORK/$db.text"
	"$BIN" report --db "$WORK/$db.db" --account 333333333333 --tz UTC \
	    --format json | untime | unid >"$WORK/$db.json"
done
for fmt in text json; do
	check "report --account ($fmt) of the merged database equals the full one's" \
		cmp -s "$WORK/full.$fmt" "$WORK/org.$fmt"
done
check "the report has the change" grep -q "$HAIKU" "$WORK/org.text"

# --- --org: every skipped account recorded by exactly one shard ----------
for i in 1 2 3; do
	expect_exit 0 "--org shard $i/3" "$BIN" collect -q --no-usage \
		--db "$WORK/o$i.db" --org --role-name "$ROLE" --shard "$i/3"
done
expect_exit 0 "merge the --org shards" "$BIN" merge -q "$WORK/orgm.db" \
	"$WORK/o1.db" "$WORK/o2.db" "$WORK/o3.db"
check "--org: ten accounts, each once; two skipped" test \
	"$(sqlite3 "$WORK/orgm.db" "SELECT count(*) || ':' ||
	    count(DISTINCT account_id) || ':' || sum(status = 'skipped')
	    FROM run_accounts")" = "10:10:2"

# --- usage --------------------------------------------------------------
expect_exit 2 "--shard without --accounts or --org" "$BIN" collect -q \
	--db "$WORK/x.db" --shard 1/2
expect_exit 2 "--shard 0/4" collect --db "$WORK/x.db" --shard 0/4
expect_exit 2 "--shard auto without the job's index" env \
	-u AWS_BATCH_JOB_ARRAY_INDEX -u JOB_COMPLETION_INDEX \
	"$BIN" collect -q --no-usage --db "$WORK/x.db" --accounts "$ACCTS" \
	--role-name "$ROLE" --shard auto --shard-count 4
expect_exit 2 "--shard auto with a malformed index" env \
	JOB_COMPLETION_INDEX=x "$BIN" collect -q --no-usage \
	--db "$WORK/x.db" --accounts "$ACCTS" --role-name "$ROLE" \
	--shard auto --shard-count 4
expect_exit 0 "--shard auto: the Kubernetes Indexed Job's index" env \
	JOB_COMPLETION_INDEX=0 "$BIN" collect -q --no-usage \
	--db "$WORK/k0.db" --accounts "$ACCTS" --role-name "$ROLE" \
	--shard auto --shard-count 4
expect_exit 0 "--shard auto: the AWS Batch array job's index and size" env \
	AWS_BATCH_JOB_ARRAY_INDEX=0 AWS_BATCH_JOB_ARRAY_SIZE=4 "$BIN" \
	collect -q --no-usage --db "$WORK/b0.db" --accounts "$ACCTS" \
	--role-name "$ROLE" --shard auto
check "auto index 0 is shard 1/4" test \
	"$(sqlite3 "$WORK/k0.db" "SELECT group_concat(account_id) FROM
	    run_accounts")$(sqlite3 "$WORK/b0.db" "SELECT group_concat(account_id)
	    FROM run_accounts")" = \
	"$(sqlite3 "$WORK/s1.db" "SELECT group_concat(account_id) FROM
	    run_accounts WHERE run_id = 1")$(sqlite3 "$WORK/s1.db" "SELECT
	    group_concat(account_id) FROM run_accounts WHERE run_id = 1")"

# --- usage days through a merge ------------------------------------------
# Two shards read usage (the collections above did not); merged, the
# days and the quotas' days are both shards' rows, their runs one run
# here, though each database numbers its usage series its own way.
usage_rows() {
	for db in "$@"; do
		sqlite3 "$db" "SELECT account_id, region, model_id, metric, day,
		    sum, peak, peak_at, p95, minutes, active, first_run,
		    last_run FROM usage_daily;
		    SELECT account_id, region, quota_code, day, peak, peak_at,
		    percent, throttled_minutes, first_run FROM quota_usage"
	done | sort
}
ucollect() {
	"$BIN" collect -q --accounts "$ACCTS" --role-name "$ROLE" "$@"
}
expect_exit 0 "usage: shard 1/2" ucollect --db "$WORK/u1.db" --shard 1/2
expect_exit 0 "usage: shard 2/2" ucollect --db "$WORK/u2.db" --shard 2/2
check "usage: each shard has days of its four accounts" test \
	"$(sqlite3 "$WORK/u1.db" "SELECT count(DISTINCT account_id) FROM
	    usage_daily")$(sqlite3 "$WORK/u2.db" "SELECT count(DISTINCT
	    account_id) FROM usage_daily")" = 44
check "usage: quotas have days" test "$(sqlite3 "$WORK/u1.db" \
	"SELECT count(*) FROM quota_usage")" -gt 0
expect_exit 0 "usage: merge the two shards" "$BIN" merge -q \
	"$WORK/uorg.db" "$WORK/u2.db" "$WORK/u1.db"
usage_rows "$WORK/u1.db" "$WORK/u2.db" >"$WORK/ushards.usage"
usage_rows "$WORK/uorg.db" >"$WORK/uorg.usage"
check "usage: the merged days and quota days are the shards'" \
	cmp -s "$WORK/ushards.usage" "$WORK/uorg.usage"

# --- a shard that collected nothing: the merged run says why ------------
expect_exit 0 "next day: shard 1/2" ucollect --db "$WORK/u1.db" --shard 1/2
expect_exit 4 "next day: shard 2/2 without credentials collects nothing" \
	env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY \
	"$BIN" collect -q --accounts "$ACCTS" --role-name "$ROLE" \
	--db "$WORK/u2.db" --shard 2/2 2>/dev/null
expect_exit 0 "merge them" "$BIN" merge -q "$WORK/uorg.db" "$WORK/u1.db" \
	"$WORK/u2.db"
"$BIN" report --db "$WORK/uorg.db" -o "$WORK/uorg.txt"
check "the org report: part of the run collected nothing, and why" sh -c \
	"tr '\\n' ' ' <'$WORK/uorg.txt' | tr -s ' ' >'$WORK/uorg.flat' &&
	 grep -q 'Part of this run collected nothing: a shard merged into it' \
	    '$WORK/uorg.flat' &&
	 grep -q 'Why: environment: AWS_ACCESS_KEY_ID not set' '$WORK/uorg.flat'"
"$BIN" report --db "$WORK/uorg.db" --format json -o "$WORK/uorg.json"
check "... and in JSON: coverage.run_failure" "$PYTHON" -c "
import json, sys
f = json.load(open(sys.argv[1]))['coverage']['run_failure']
assert f['operation'] == 'credentials', f
" "$WORK/uorg.json"

finish
