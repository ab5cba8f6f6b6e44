#!/bin/sh
# Integration: crash safety.  kill -9 the collector at seeded moments and
# collect again: during the first open of a fresh database (the schema
# migration), inside a region's write transaction, in the middle of its
# COMMIT, while run rows are written, during a WAL checkpoint, and at a
# seeded time during a slowed-down run.  Exact moments come from
# tests/crashshim.c (LD_PRELOAD; SIGKILL at the Nth sqlite3_step, pwrite or
# fdatasync), planned on a copy of the database with the same world and
# checked against it.  After each kill: integrity_check ok, no half region
# (crash.py halfcheck); after the next collect: the world exactly, the
# interrupted run marked failed.  The world changes between runs, and at
# the end every expected change is recorded exactly once and the database
# equals one built by the same runs without kills.
#
# Then a run where one region is partial (every ListServiceQuotas of it
# answers 500: its quotas are unknown and carried forward), killed at a
# seeded moment, run again with the fault and then without: no half
# region, the world exactly, each change once, and no change from the
# part the region did not learn.  Last, a run under throttling (half the
# availability and quota list calls, one attempt each, a 2 s attempt
# timeout) killed while calls wait for a later retry round (--timeout
# long enough for one), then run without faults.
#
# CRASH_MODE=stress (make stress-crash): 20 kills on the default world,
# 3 partial and 3 retry-round ones; otherwise 4 on the small one, 1 and
# 1.  CRASH_SEED changes the moments.
set -eu
. "$(dirname "$0")/lib.sh"

SEED=${CRASH_SEED:-1128}
if [ "${CRASH_MODE:-fast}" = stress ]; then
	BASE="$TOP/sim/scenarios/default.json"
	FRESH="migration migration open migration"
	MAIN="region region region region-write region-write region-write
	    commit commit commit run run checkpoint read timed timed timed"
	LATENCY_MS=20
	PARTIAL="region-write commit region"
	PARTIAL_TIMEOUT=60	# every other region of the world must finish
	ROUNDS=3
else
	BASE="$TOP/sim/scenarios/small.json"
	FRESH="migration"
	MAIN="region-write commit timed"
	LATENCY_MS=15
	PARTIAL="commit"
	PARTIAL_TIMEOUT=4	# no time for another round: a short run
	ROUNDS=1
fi
COLLECT_ARGS=""
set -- $MAIN
NMAIN=$#
DB="$WORK/audit.db"
REF="$WORK/ref/audit.db"
CRASH="$TOP/tests/crash.py"
SHIM="$WORK/crashshim.so"
KILLS=0
HITS=""
T0=$(date +%s)
mkdir -p "$WORK/ref" "$WORK/cal" "$WORK/worlds"

# The shim: built here so the test needs no Makefile rule.  Under ASan
# the preloaded shim precedes libasan, which ASan must be told to accept.
${CC:-cc} -shared -fPIC -O1 -o "$SHIM" "$TOP/tests/crashshim.c" \
	$(pkg-config --cflags sqlite3) -ldl
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
export ASAN_OPTIONS

"$PYTHON" "$CRASH" worlds "$BASE" "$WORK/worlds" "$SEED" "$NMAIN" 3
world() {
	echo "$WORK/worlds/world-$1.json"
}
sim_start "$(world 0)"

# run_status COMMAND...: run it, set $rc to its exit status.
run_status() {
	set +e
	"$@"
	rc=$?
	set -e
}

# calibrate DB CATEGORY SEED: trace a collect on a copy of DB (same world,
# same state) and set $at to a seeded event of CATEGORY in it.  The usage
# window ends a few minutes before "now", on a minute: a calibration and
# a kill run that start in different minutes read different minutes, and
# their traces part at the usage writes.  So the pair starts in the first
# 40 seconds of a minute (each run of it takes well under 20).
calibrate() {
	sec=$(date +%S)
	sec=${sec#0}
	[ "$sec" -le 40 ] || sleep $((61 - sec))
	rm -rf "$WORK/cal"
	mkdir -p "$WORK/cal"
	for f in "$1" "$1-wal"; do
		[ ! -e "$f" ] || cp "$f" "$WORK/cal/"
	done
	rm -f "$WORK/trace"
	run_status env LD_PRELOAD="$SHIM" CRASHSHIM_TRACE="$WORK/trace" \
	    "$BIN" collect -q --concurrency 1 $COLLECT_ARGS \
	    --db "$WORK/cal/$(basename "$1")"
	case $rc in 0|1|3) ;; *) fail "calibration collect exited $rc"; return 1;; esac
	at=$("$PYTHON" "$CRASH" plan "$WORK/trace" "$3" "$2" | cut -d' ' -f1)
}

# shim_kill DB CATEGORY SEED: kill a collect at a planned moment.
shim_kill() {
	calibrate "$1" "$2" "$3" || return 0
	rm -f "$WORK/moment"
	run_status env LD_PRELOAD="$SHIM" CRASHSHIM_AT="$at" \
	    CRASHSHIM_MOMENT="$WORK/moment" \
	    "$BIN" collect -q --concurrency 1 $COLLECT_ARGS --db "$1"
	if [ "$rc" != 137 ]; then
		fail "$2: collect was not killed at event $at (exit $rc)"
		return 0
	fi
	KILLS=$((KILLS + 1))
	if m=$("$PYTHON" "$CRASH" moment "$WORK/trace" "$WORK/moment"); then
		ok "killed at the planned moment: $m"
		HITS="$HITS ${m%%:*}"
	else
		fail "$2: killed elsewhere: $m"
	fi
}

# timed_kill DB SEED: kill -9 after a seeded delay within a slowed run.
timed_kill() {
	printf '{"latency_ms": %d}' "$LATENCY_MS" >"$WORK/c.json"
	sim_post config "$WORK/c.json"
	rm -rf "$WORK/cal" && mkdir -p "$WORK/cal" && cp "$1" "$WORK/cal/"
	t=$(date +%s%N)
	"$BIN" collect -q --db "$WORK/cal/$(basename "$1")" || true
	span=$((($(date +%s%N) - t) / 1000000))
	delay=$("$PYTHON" "$CRASH" delay "$2" "$span")
	"$BIN" collect -q --db "$1" &
	victim=$!
	sleep "$delay"
	kill -9 "$victim" 2>/dev/null || true
	run_status wait "$victim"
	printf '{"latency_ms": 0}' >"$WORK/c.json"
	sim_post config "$WORK/c.json"
	if [ "$rc" = 137 ]; then
		KILLS=$((KILLS + 1))
		HITS="$HITS timed"
		ok "timed: killed after ${delay}s of a ${span} ms run"
	else
		ok "timed: the run ended (exit $rc) before the kill at ${delay}s"
	fi
}

# after_kill DB OLD NEW PREV: the checks after a kill and a new collect.
after_kill() {
	check "no half region ($(basename "$3" .json))" \
	    "$PYTHON" "$CRASH" halfcheck "$1" "$2" "$3" "$4"
	run_status "$BIN" collect -q --db "$1"
	case $rc in
	0|1) ok "collect after the kill (exit $rc)" ;;
	*) fail "collect after the kill: exit $rc" ;;
	esac
	check "integrity_check after the next collect" \
	    test "$(sqlite3 "$1" "PRAGMA integrity_check")" = ok
	check "state equals the world" "$PYTHON" "$TOP/tests/verify_db.py" \
	    "$1" "$3"
	check "no run left running" "$PYTHON" "$CRASH" runs "$1"
}

# The newest migration's number: what a fresh database ends up at.
SCHEMA_LATEST=$(ls "$TOP"/schema/[0-9]*.sql | sed -n '$s|.*/0*\([0-9]*\)-.*|\1|p')

# 1. The first open of a fresh database: no file, an empty file, and an
# empty SQLite file at user_version 0.  Each is killed while store_open()
# migrates it (or sets it up), then collected again.
n=0
for cat in $FRESH; do
	n=$((n + 1))
	db="$WORK/fresh$n/audit.db"
	mkdir -p "$WORK/fresh$n"
	case $((n % 3)) in
	1) ;;
	2) : >"$db" ;;
	0) sqlite3 "$db" "PRAGMA user_version = 0; VACUUM" ;;
	esac
	shim_kill "$db" "$cat" "$((SEED + 100 + n))"
	after_kill "$db" - "$(world 0)" 0
	check "schema version $SCHEMA_LATEST after the migration" \
	    test "$(sqlite3 "$db" "PRAGMA user_version")" = "$SCHEMA_LATEST"
	check "one complete run" test "$(sqlite3 "$db" \
	    "SELECT count(*) FROM run WHERE status = 'complete'")" = 1
done

# 2. A database that lives through changing worlds, one kill per world.
expect_exit 0 "first collect" "$BIN" collect -q --db "$DB"
i=0
for cat in $MAIN; do
	i=$((i + 1))
	sim_post scenario "$(world $i)"
	prev=$(sqlite3 "$DB" "SELECT coalesce(max(run_id), 0) FROM run")
	if [ "$cat" = timed ]; then
		timed_kill "$DB" "$((SEED + i))"
	else
		shim_kill "$DB" "$cat" "$((SEED + i))"
	fi
	after_kill "$DB" "$(world $((i - 1)))" "$(world $i)" "$prev"
	check "each expected change recorded once (world $i)" \
	    "$PYTHON" "$CRASH" expected "$DB" "$WORK/worlds/expected.txt" "$i"
done

# 3. The same worlds without kills: the same state and the same changes.
j=0
while [ $j -le $NMAIN ]; do
	sim_post scenario "$(world $j)"
	run_status "$BIN" collect -q --db "$REF"
	[ "$rc" = $((j > 0)) ] || fail "reference collect $j: exit $rc"
	j=$((j + 1))
done
check "the reference records each expected change once" "$PYTHON" \
    "$CRASH" expected "$REF" "$WORK/worlds/expected.txt" "$NMAIN"
check "equal to the uninterrupted runs" "$PYTHON" "$CRASH" same "$DB" "$REF"

# 4. One region partial: its ListServiceQuotas answers 500 (one attempt;
# in the fast variant no time for another round), in a world where one of
# its quotas changed.
# Killed at seeded moments; after each kill and the same faulted run
# uncut, the region is partial with its quotas unknown and its state the
# old one; without the fault the change is recorded, once.
fault_rules() {
	printf '{"seed": %d, "rules": [%s]}' "$SEED" "$1" >"$WORK/f.json"
	sim_post faults "$WORK/f.json"
}
WOLD=$(world "$NMAIN")
n=$((NMAIN + 1))
for cat in $PARTIAL; do
	WP="$WORK/worlds/world-p$n.json"
	PR=$("$PYTHON" "$CRASH" partialworld "$WOLD" "$WP" \
	    "$WORK/worlds/expected.txt" "$n" "$((SEED + 200 + n))")
	sim_post scenario "$WP"
	fault_rules "{\"kind\": \"error500\", \"rate\": 1.0, \"region\": \"$PR\",
	    \"operation\": \"ListServiceQuotas\"}"
	export AWS_MAX_ATTEMPTS=1
	# Later retry rounds can make these runs last up to the timeout,
	# longer than one minute of usage window: no usage in this part.
	COLLECT_ARGS="--timeout $PARTIAL_TIMEOUT --no-usage"
	prev=$(sqlite3 "$DB" "SELECT max(run_id) FROM run")
	shim_kill "$DB" "$cat" "$((SEED + 300 + n))"
	check "partial $PR: no half region" "$PYTHON" "$CRASH" halfcheck \
	    "$DB" "$WOLD" "$WP" "$prev" partial-ok
	run_status "$BIN" collect -q $COLLECT_ARGS --db "$DB"
	check "partial $PR: the faulted run again is partial (exit $rc)" \
	    test "$rc" = 3
	check "partial $PR: only its quotas unknown" test "$(sqlite3 "$DB" \
	    "SELECT group_concat(region || ' ' || part) FROM region_run_unknown
	    WHERE run_id = (SELECT max(run_id) FROM run)")" = "$PR quotas"
	check "partial $PR: the unknown part made no change" \
	    "$PYTHON" "$CRASH" unknown "$DB"
	unset AWS_MAX_ATTEMPTS
	COLLECT_ARGS=""
	fault_rules ""
	prev=$(sqlite3 "$DB" "SELECT max(run_id) FROM run")
	after_kill "$DB" "$WOLD" "$WP" "$prev"
	check "partial $PR: each expected change recorded once" \
	    "$PYTHON" "$CRASH" expected "$DB" "$WORK/worlds/expected.txt" "$n"
	WOLD=$WP
	n=$((n + 1))
done

# 5. Throttling on half the calls, one attempt each: calls that used up
# theirs go to a later round (--timeout 20 leaves time for one, about 5 s
# on).  The run is killed a seeded moment after the first call was sent
# to a later round, then run without faults.
r=0
while [ $r -lt "$ROUNDS" ]; do
	r=$((r + 1))
	WR="$WORK/worlds/world-r$n.json"
	RR=$("$PYTHON" "$CRASH" partialworld "$WOLD" "$WR" \
	    "$WORK/worlds/expected.txt" "$n" "$((SEED + 400 + n))")
	sim_post scenario "$WR"
	fault_rules '{"kind": "throttle", "rate": 0.5,
	    "operation": "GetFoundationModelAvailability"},
	    {"kind": "throttle", "rate": 0.5, "operation": "ListServiceQuotas"}'
	prev=$(sqlite3 "$DB" "SELECT max(run_id) FROM run")
	rm -f "$WORK/rounds.err"
	# A round's budget counts the attempt timeout: 2 s leaves room.
	printf '[default]\napi_call_attempt_timeout = 2\n' >"$AWS_CONFIG_FILE"
	AWS_MAX_ATTEMPTS=1 "$BIN" collect -vv --timeout 20 --db "$DB" \
	    2>"$WORK/rounds.err" &
	victim=$!
	i=0
	while ! grep -q 'http: [A-Za-z]* [a-z0-9-]*: .*: round [0-9]* in' \
	    "$WORK/rounds.err" &&
	    [ $i -lt 300 ]; do
		i=$((i + 1))
		sleep 0.1
	done
	check "retry round $r: a call was sent to a later round" \
	    grep -q 'http: [A-Za-z]* [a-z0-9-]*: .*: round [0-9]* in' \
	    "$WORK/rounds.err"
	delay=$("$PYTHON" "$CRASH" delay "$((SEED + 500 + n))" 3000)
	sleep "$delay"
	kill -9 "$victim" 2>/dev/null || true
	run_status wait "$victim"
	check "retry round $r: killed ${delay}s after (exit $rc)" test "$rc" = 137
	[ "$rc" != 137 ] || KILLS=$((KILLS + 1)) HITS="$HITS rounds"
	check "retry round $r: the killed run had begun" test "$(sqlite3 "$DB" \
	    "SELECT count(*) FROM run WHERE run_id > $prev")" = 1
	fault_rules ""
	: >"$AWS_CONFIG_FILE"
	after_kill "$DB" "$WOLD" "$WR" "$prev"
	check "retry round $r ($RR): each expected change recorded once" \
	    "$PYTHON" "$CRASH" expected "$DB" "$WORK/worlds/expected.txt" "$n"
	check "retry round $r: no change from an unknown part" \
	    "$PYTHON" "$CRASH" unknown "$DB"
	WOLD=$WR
	n=$((n + 1))
done

echo "# $KILLS runs killed; moments hit:$HITS; $(($(date +%s) - T0)) s"
finish
