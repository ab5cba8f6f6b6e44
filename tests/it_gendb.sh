#!/bin/sh
# The bench's one-year database generator (bench/gendb.c) writes through
# the real store, so a schema change that it misses breaks `make bench`
# only, which CI does not run: it did, silently, for six sessions after
# schema 0007.  Here: one real collect, then ten generated days; the
# database stays consistent and the commands the bench times work on it.
set -eu
. "$(dirname "$0")/lib.sh"

GENDB="$TOP/bench/out/gendb"
WORLD="$WORK/world.json"
DB="$WORK/year.db"
"$PYTHON" "$TOP/sim/genworld.py" --regions 3 --models 10 --quotas 20 \
	--seed 3 -o "$WORLD"
sim_start "$WORLD"
expect_exit 0 "first collect" "$BIN" collect -q --no-usage --db "$DB"
sim_stop

expect_exit 0 "gendb writes ten days after run 1" \
	"$GENDB" -d "$DB" -n 10 -s 1
check "ten runs, each with every region of run 1" sh -c \
	"test \"\$(sqlite3 '$DB' 'SELECT count(*) FROM run')\" = 10 &&
	 test \"\$(sqlite3 '$DB' 'SELECT count(DISTINCT run_id) FROM region_run')\" = 10"
check "every run is the account's" sh -c \
	"test \"\$(sqlite3 '$DB' 'SELECT count(DISTINCT account_id) FROM region_run')\" = 1"
check "integrity_check and foreign_key_check pass" sh -c \
	"test \"\$(sqlite3 '$DB' 'PRAGMA integrity_check')\" = ok &&
	 test -z \"\$(sqlite3 '$DB' 'PRAGMA foreign_key_check')\""
check "generated days recorded changes" sh -c \
	"test \"\$(sqlite3 '$DB' 'SELECT count(*) FROM changes')\" -gt 0"
expect_exit 0 "report --from 1 on the generated database" \
	"$BIN" report --db "$DB" --from 1 -o "$WORK/report.txt"
check "diff --from 1 on the generated database (0 or 1: differences)" sh -c \
	"'$BIN' diff --db '$DB' --from 1 >'$WORK/diff.txt'; test \$? -le 1"
check "the diff lists the generated changes" test -s "$WORK/diff.txt"
expect_exit 0 "status on the generated database" \
	sh -c "'$BIN' status --db '$DB' >'$WORK/status.txt'"
finish
