#!/bin/sh
# Integration: overlapping runs.  Collects started together on one
# database (a fresh one, then a used one): exactly one takes the writer
# lock and records its run; each other exits 5 with the documented
# message and records nothing; with --wait they queue and each records
# one run.  Readers (sqlite3(1), report, status) run in loops while
# collects write and never fail with "database is locked"; a reader
# holding a read transaction open sees one snapshot and does not hold the
# collect up.
#
# OVERLAP_MODE=stress (make stress-overlap): 5 processes at each step,
# ten times, and longer reader loops; otherwise 2 (and 5 once).
set -eu
. "$(dirname "$0")/lib.sh"

SEED=${OVERLAP_SEED:-1128}
if [ "${OVERLAP_MODE:-fast}" = stress ]; then
	NPROC=5
	ROUNDS="5 5 5 5 5 5 5 5 5 5"
	NWORLDS=8
	RACES=100
	CLOSES=20
else
	NPROC=2
	ROUNDS="2 5"
	NWORLDS=3
	RACES=10
	CLOSES=6
fi
DB="$WORK/audit.db"
CRASH="$TOP/tests/crash.py"
LOCKMSG="another collect is running; try again later or use --wait"
# The newest migration's number: what a fresh database ends up at.
SCHEMA_LATEST=$(ls "$TOP"/schema/[0-9]*.sql | sed -n '$s|.*/0*\([0-9]*\)-.*|\1|p')
T0=$(date +%s)

"$PYTHON" "$CRASH" worlds "$TOP/sim/scenarios/small.json" "$WORK/worlds" \
	"$SEED" "$NWORLDS" 2
sim_start "$WORK/worlds/world-0.json"

latency() {
	printf '{"latency_ms": %d}' "$1" >"$WORK/c.json"
	sim_post config "$WORK/c.json"
}

runs() {
	sqlite3 "$DB" "SELECT count(*) FROM run"
}

# together N [collect options]: start N collects at once, wait for all;
# their exit statuses in $WORK/rc.K, stderr in $WORK/err.K.
together() {
	n=$1
	shift
	pids=
	k=1
	while [ $k -le "$n" ]; do
		(set +e; "$BIN" collect -q --db "$DB" "$@" 2>"$WORK/err.$k"
		    echo $? >"$WORK/rc.$k") &
		pids="$pids $!"
		k=$((k + 1))
	done
	for p in $pids; do
		wait "$p" || true
	done
}

# count_rc CODE N: how many of the last N processes exited CODE.
count_rc() {
	c=0
	k=1
	while [ $k -le "$2" ]; do
		[ "$(cat "$WORK/rc.$k")" != "$1" ] || c=$((c + 1))
		k=$((k + 1))
	done
	echo $c
}

# losers_say N: every process that exited 5 printed the lock message,
# and no other did.
losers_say() {
	k=1
	while [ $k -le "$1" ]; do
		if [ "$(cat "$WORK/rc.$k")" = 5 ]; then
			grep -q "$LOCKMSG" "$WORK/err.$k" || return 1
		elif [ -s "$WORK/err.$k" ]; then
			cat "$WORK/err.$k"
			return 1
		fi
		k=$((k + 1))
	done
}

# A run takes over a second: the processes overlap for sure, even when
# each one starts slowly (a sanitizer build on a loaded machine once let
# a run end at 40 ms a call before the fifth process took the lock).
latency 100

# 1. N and then 5 collects on a fresh database, without --wait (stress:
# ten rounds of 5, for the races of a file's first open).
for n in $ROUNDS; do
	rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.lock"
	together "$n"
	check "$n at once on a fresh database: one records its run" \
	    test "$(count_rc 0 "$n")" = 1
	check "$n at once: the other $((n - 1)) exit 5" \
	    test "$(count_rc 5 "$n")" = $((n - 1))
	check "$n at once: losers print the lock message, nothing else" \
	    losers_say "$n"
	check "$n at once: one run row" test "$(runs)" = 1
	check "$n at once: the run is complete" test "$(sqlite3 "$DB" \
	    "SELECT status FROM run")" = complete
	check "$n at once: integrity_check" \
	    test "$(sqlite3 "$DB" "PRAGMA integrity_check")" = ok
	check "$n at once: schema migrated once (version $SCHEMA_LATEST)" \
	    test "$(sqlite3 "$DB" "PRAGMA user_version")" = "$SCHEMA_LATEST"
	check "$n at once: state equals the world" "$PYTHON" \
	    "$TOP/tests/verify_db.py" "$DB" "$WORK/worlds/world-0.json"
done

# The first open of a new file, raced by 5 processes RACES times: none
# may fail on the switch to WAL mode ("database is locked", exit 4).
latency 0
r=0
bad=0
while [ $r -lt "$RACES" ]; do
	rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.lock"
	together 5
	for k in 1 2 3 4 5; do
		case $(cat "$WORK/rc.$k") in 0|5) ;; *) bad=$((bad + 1));; esac
	done
	losers_say 5 >/dev/null || bad=$((bad + 1))
	r=$((r + 1))
done
check "$RACES races of 5 on a new file: each exit 0 or 5 ($bad bad)" \
    test "$bad" = 0
latency 40

# 2. N with --wait: they queue, and each records one complete run.
before=$(runs)
sim_post scenario "$WORK/worlds/world-1.json"
together "$NPROC" --wait
check "$NPROC with --wait: one finds the change, the rest none" \
    test "$(count_rc 1 "$NPROC")/$(count_rc 0 "$NPROC")" = "1/$((NPROC - 1))"
check "$NPROC with --wait: $NPROC new runs" \
    test "$(runs)" = $((before + NPROC))
check "$NPROC with --wait: every run complete" "$PYTHON" "$CRASH" runs "$DB"
check "$NPROC with --wait: runs did not interleave" test "$(sqlite3 "$DB" \
    "SELECT count(*) FROM run a JOIN run b ON b.run_id = a.run_id + 1
      WHERE b.started_at < a.finished_at")" = 0
check "with --wait: each expected change recorded once" \
    "$PYTHON" "$CRASH" expected "$DB" "$WORK/worlds/expected.txt" 1

# 3. Mixed: 2 wait, 3 do not.  Every waiting one runs; whoever does not
# wait and finds the lock taken exits 5.
before=$(runs)
pids=
for k in 1 2 3 4 5; do
	if [ $k -le 2 ]; then w=--wait; else w=; fi
	(set +e; "$BIN" collect -q --db "$DB" $w 2>"$WORK/err.$k"
	    echo $? >"$WORK/rc.$k") &
	pids="$pids $!"
done
for p in $pids; do
	wait "$p" || true
done
check "mixed: both waiting collects ran" test \
    "$(cat "$WORK/rc.1")$(cat "$WORK/rc.2")" = 00
check "mixed: one run per process that did not exit 5" \
    test "$(runs)" = $((before + 5 - $(count_rc 5 5)))
check "mixed: losers print the lock message" losers_say 5
check "mixed: at least two of three non-waiting ones lost" \
    test "$(count_rc 5 5)" -ge 2

# 4. sqlite3(1) reading in a tight loop while CLOSES collects start and
# end: a collect's close must not lock readers out (SQLite's checkpoint on
# close takes an exclusive lock).
latency 0
rm -f "$WORK/stop" "$WORK/sqlerr"
(n=0 f=0
while [ ! -e "$WORK/stop" ]; do
	n=$((n + 1))
	sqlite3 "$DB" "SELECT count(*) FROM models_now" >/dev/null \
	    2>>"$WORK/sqlerr" || f=$((f + 1))
done
echo "$n $f" >"$WORK/readcount") &
reader=$!
c=0
while [ $c -lt "$CLOSES" ]; do
	"$BIN" collect -q --db "$DB" || true
	c=$((c + 1))
done
touch "$WORK/stop"
wait "$reader" || true
read sqln sqlf <"$WORK/readcount"
check "sqlite3 across $CLOSES collects: no failure ($sqlf of $sqln)" \
    test "$sqlf" = 0

# Readers while collects write: sqlite3(1), report and status in turn,
# from before the first collect opens to after the last one closes.  One
# reader at a time: two sqlite3(1) processes can fail each other on their
# own (the last to close checkpoints and deletes the WAL under an
# exclusive lock, and sqlite3 has no busy timeout), whatever the collector
# does.
latency 10
rm -f "$WORK/stop" "$WORK/sqlerr" "$WORK/reperr"
(n=0 f=0 r=0 g=0
while [ ! -e "$WORK/stop" ]; do
	for k in 1 2 3 4 5 6; do
		n=$((n + 1))
		sqlite3 "$DB" "SELECT count(*) FROM models_now;
		    SELECT count(*) FROM changes" >/dev/null \
		    2>>"$WORK/sqlerr" || f=$((f + 1))
	done
	r=$((r + 1))
	"$BIN" report --db "$DB" >/dev/null 2>>"$WORK/reperr" ||
	    [ $? = 1 ] || g=$((g + 1))
	"$BIN" status --db "$DB" >/dev/null 2>>"$WORK/reperr" ||
	    g=$((g + 1))
done
echo "$n $f $r $g" >"$WORK/readcount") &
reader=$!
sleep 0.2
w=2
while [ $w -le "$NWORLDS" ]; do
	sim_post scenario "$WORK/worlds/world-$w.json"
	expect_exit 1 "collect $w with readers running" \
	    "$BIN" collect -q --db "$DB"
	w=$((w + 1))
done
sleep 0.2
touch "$WORK/stop"
wait "$reader" || true
read sqln sqlf repn repf <"$WORK/readcount"
echo "# readers: $sqln sqlite3 reads, $repn report+status rounds"
check "sqlite3 readers never failed ($sqlf of $sqln)" test "$sqlf" = 0
check "report and status never failed ($repf of $repn)" test "$repf" = 0
check "no reader saw 'database is locked'" \
    sh -c "! grep -q -i 'locked\|busy' '$WORK/sqlerr' '$WORK/reperr'"
check "each expected change recorded once" "$PYTHON" "$CRASH" expected \
    "$DB" "$WORK/worlds/expected.txt" "$NWORLDS"

# 5. A reader holding one read transaction for a whole collect: its
# snapshot does not move, and the collect neither fails nor waits out
# the busy timeout.
rm -f "$WORK/held" "$WORK/release"
"$PYTHON" - "$DB" "$WORK/held" "$WORK/release" >"$WORK/snap" <<'PY' &
import os, sqlite3, sys, time
con = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True,
                      isolation_level=None)
con.execute("BEGIN")
q = "SELECT count(*), (SELECT count(*) FROM run) FROM change_log"
first = con.execute(q).fetchone()
open(sys.argv[2], "w").close()
while not os.path.exists(sys.argv[3]):
    time.sleep(0.02)
again = con.execute(q).fetchone()
con.execute("COMMIT")
print("same" if first == again else "moved %r %r" % (first, again))
PY
holder=$!
while [ ! -e "$WORK/held" ]; do sleep 0.02; done
sim_post scenario "$WORK/worlds/world-0.json"
t=$(date +%s)
expect_exit 1 "collect under a long read transaction" \
    "$BIN" collect -q --db "$DB"
took=$(($(date +%s) - t))
touch "$WORK/release"
wait "$holder" || true
check "the reader's snapshot did not move" test "$(cat "$WORK/snap")" = same
check "the collect did not wait for the reader (${took} s)" test "$took" -lt 4
check "integrity_check at the end" \
    test "$(sqlite3 "$DB" "PRAGMA integrity_check")" = ok
check "no run left running" "$PYTHON" "$CRASH" runs "$DB"

echo "# overlap: rounds of $ROUNDS processes, $NPROC with --wait;" \
    "$(($(date +%s) - T0)) s"
finish
