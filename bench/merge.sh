#!/bin/sh
# bench/merge.sh: how long "bedrock-audit merge" takes to fold 20 shard
# databases of 50 accounts each (issue #12: "seconds, not minutes").
#
#	sh bench/merge.sh [SHARDS [ACCOUNTS]]	# default 20 50
#
# One shard database is collected for real from the simulator (the small
# world: 2 regions, 12 models, 31 quotas, 9 requests, 10 profiles per
# account; 0 ms latency): 50 member accounts, two runs a day apart with
# changes in between.  It is cloned into SHARDS databases, each with its
# own accounts (their IDs rewritten) and its own identity, as SHARDS
# copies of a sharded collect would write them.  Then the timings:
# merging all of them into an empty target, merging them again (nothing
# new), and the size of the result.  Prints one line per measure.
set -eu
SHARDS=${1:-20}
ACCOUNTS=${2:-50}
TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$TOP/tests/lib.sh"

CALLER=123456789012
ROLE=BedrockAuditMember
"$PYTHON" - "$TOP/sim/scenarios/small.json" "$WORK/world.json" \
    "$WORK/identity.json" "$ACCOUNTS" "$CALLER" "$ROLE" <<'PY'
import json, sys
src, world, ident, n, caller, role = sys.argv[1:]
ids = ["100000%06d" % i for i in range(1, int(n) + 1)]
d = json.load(open(src))
d["member_accounts"] = {a: {"steps": [
    ["set_applied", "us-east-1", "L-01F3CD81", str(100 + i)]]}
    for i, a in enumerate(ids)}
json.dump(d, open(world, "w"))
json.dump({"roles": {"arn:aws:iam::%s:role/%s" % (a, role):
                     {"trusted": ["arn:aws:iam::%s:root" % caller]}
                     for a in ids}}, open(ident, "w"))
open(world + ".ids", "w").write(",".join(ids))
PY
sim_start "$WORK/world.json" --identity "$WORK/identity.json"
ids=$(cat "$WORK/world.json.ids")
"$BIN" collect -q --no-usage --db "$WORK/shard.db" --accounts "$ids" \
	--role-name "$ROLE" || true
# Day 2: every account's applied value moves.
"$PYTHON" - "$WORK/world.json" "$WORK/world2.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for i, m in enumerate(d["member_accounts"].values()):
    m["steps"].append(["set_applied", "us-west-2", "L-01F3CD81",
                       str(500 + i)])
json.dump(d, open(sys.argv[2], "w"))
PY
sim_post scenario "$WORK/world2.json"
"$BIN" collect -q --no-usage --db "$WORK/shard.db" --accounts "$ids" \
	--role-name "$ROLE" || true
sim_stop
sqlite3 "$WORK/shard.db" "UPDATE run SET started_at = strftime(
	'%Y-%m-%dT%H:%M:%SZ', started_at, '-1 day') WHERE run_id = 1;
	PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null

# The clones: shard k's accounts are 1kk000xxxxxx, its identity new.
i=1
while [ $i -le "$SHARDS" ]; do
	cp "$WORK/shard.db" "$WORK/s$i.db"
	"$PYTHON" - "$WORK/s$i.db" "$i" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
k = int(sys.argv[2])
for (t,) in db.execute("SELECT name FROM sqlite_schema WHERE type = "
                       "'table'").fetchall():
    cols = [r[1] for r in db.execute("PRAGMA table_info(\"%s\")" % t)]
    if "account_id" in cols and t != "run":
        db.execute("UPDATE \"%s\" SET account_id = '1' || printf('%%02d', ?)"
                   " || substr(account_id, 4) WHERE account_id <> ''" % t,
                   (k,))
db.execute("UPDATE database_id SET id = lower(hex(randomblob(16)))")
db.commit()
PY
	i=$((i + 1))
done
rows=$(sqlite3 "$WORK/s1.db" "SELECT (SELECT count(*) FROM model_state) +
	(SELECT count(*) FROM quota_state) + (SELECT count(*) FROM
	profile_state) + (SELECT count(*) FROM quota_request_state) +
	(SELECT count(*) FROM change_log) + (SELECT count(*) FROM region_run)")
shards=""
i=1
while [ $i -le "$SHARDS" ]; do
	shards="$shards $WORK/s$i.db"
	i=$((i + 1))
done
t0=$(date +%s.%N)
# shellcheck disable=SC2086
"$BIN" merge -q "$WORK/org.db" $shards
t1=$(date +%s.%N)
# shellcheck disable=SC2086
"$BIN" merge -q "$WORK/org.db" $shards
t2=$(date +%s.%N)
echo "shards: $SHARDS x $ACCOUNTS accounts, 2 runs, $rows state/change/region rows each"
echo "merge into an empty target: $(echo "$t1 - $t0" | bc) s"
echo "merge again (nothing new): $(echo "$t2 - $t1" | bc) s"
echo "merged: $(sqlite3 "$WORK/org.db" "SELECT count(*) FROM runs") runs, $(sqlite3 "$WORK/org.db" "SELECT count(DISTINCT account_id) FROM run_accounts") accounts, $(du -k "$WORK/org.db" | cut -f1) KB"
