#!/bin/sh
# Integration: disk and database faults.  The database on a full file
# system (a new one, and a used one with the free space swept from none
# to enough), a read-only file and a read-only directory, a database
# written by a newer version, and damaged files (random bytes, truncated,
# not SQLite, another program's SQLite file, a damaged b-tree page).  Each
# fault must give a clear message and a non-zero exit (4: nothing
# recorded, or 3: some regions recorded), write nothing half-way (the file
# unchanged byte for byte when nothing could be recorded; otherwise
# integrity_check ok and no half region), and, once fixed, the next
# collect must record the world with each change exactly once.
#
# The full file system is a small tmpfs mounted in the test directory; if
# mount(2) is refused, a loop-mounted ext2 image; failing that, ulimit -f
# (writes then fail with EFBIG).  DISK_FS=tmpfs|loop|ulimit forces one.
# DISK_MODE=stress (make stress-disk): the default world and a finer sweep.
set -eu
. "$(dirname "$0")/lib.sh"

SEED=${DISK_SEED:-1128}
if [ "${DISK_MODE:-fast}" = stress ]; then
	BASE="$TOP/sim/scenarios/default.json"
	FRESH_STEP_KB=64
	STEP_KB=16
	FS_KB=4096
else
	BASE="$TOP/sim/scenarios/small.json"
	FRESH_STEP_KB=32
	STEP_KB=32
	FS_KB=1280
fi
CRASH="$TOP/tests/crash.py"
FS="$WORK/fs"
FSKIND=
GOOD="$WORK/good.db"
T0=$(date +%s)

disk_cleanup() {
	chmod -R u+rwX "$WORK" 2>/dev/null || true
	if [ -n "$FSKIND" ] && [ "$FSKIND" != ulimit ]; then
		umount "$FS" 2>/dev/null || true
	fi
	cleanup
}
trap disk_cleanup EXIT INT TERM

"$PYTHON" "$CRASH" worlds "$BASE" "$WORK/worlds" "$SEED" \
	$((FS_KB / 2 / STEP_KB + 1)) 2
world() {
	echo "$WORK/worlds/world-$1.json"
}
sim_start "$(world 0)"
WORLDNO=0

# run_status COMMAND...: run it, set $rc to its exit status.
run_status() {
	set +e
	"$@"
	rc=$?
	set -e
}

# next_world: move the simulator to the next world (new changes).
next_world() {
	WORLDNO=$((WORLDNO + 1))
	sim_post scenario "$(world $WORLDNO)"
}

# A database of world 0, the starting point of most cases.
expect_exit 0 "collect the starting database" "$BIN" collect -q --db "$GOOD"
GOODRUNS=1

# --- a full file system ----------------------------------------------------

fs_mount() {
	mkdir -p "$FS"
	want=${DISK_FS:-}
	if { [ -z "$want" ] || [ "$want" = tmpfs ]; } &&
	    mount -t tmpfs -o "size=${FS_KB}k,mode=0700" tmpfs "$FS" 2>/dev/null
	then
		FSKIND=tmpfs
	elif { [ -z "$want" ] || [ "$want" = loop ]; } &&
	    dd if=/dev/zero of="$WORK/fs.img" bs=1k count="$FS_KB" \
	    2>/dev/null &&
	    mkfs.ext2 -q -F -m 0 -b 4096 "$WORK/fs.img" 2>/dev/null &&
	    mount -o loop "$WORK/fs.img" "$FS" 2>/dev/null; then
		FSKIND=loop
	else
		FSKIND=ulimit
	fi
}

# fill KB: leave about KB kilobytes free on the file system.
fill() {
	LIMIT_KB=$1
	[ "$FSKIND" != ulimit ] || return 0
	dd if=/dev/zero of="$FS/filler" bs=4k 2>/dev/null || true
	if [ "$1" -gt 0 ]; then
		truncate -s "-${1}K" "$FS/filler"
	fi
	sync "$FS/filler" 2>/dev/null || true
}

unfill() {
	rm -f "$FS/filler"
	LIMIT_KB=
}

# limited COMMAND...: with "ulimit", no file may grow past LIMIT_KB
# (RLIMIT_FSIZE with SIGXFSZ ignored: such writes fail with EFBIG; a file
# already larger can still be rewritten in place), which is as close to
# a full disk as a limit gets.  Its stderr goes through a pipe, which
# the limit does not cover.
limited() {
	if [ "$FSKIND" = ulimit ] && [ -n "${LIMIT_KB:-}" ]; then
		"$PYTHON" -c 'import resource, signal, subprocess, sys
n = int(sys.argv[1])
def limit():
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (n, n))
p = subprocess.run(sys.argv[2:], preexec_fn=limit, stderr=subprocess.PIPE)
sys.stderr.buffer.write(p.stderr)
sys.exit(p.returncode if p.returncode >= 0 else 128 - p.returncode)' \
		    $((LIMIT_KB * 1024)) "$@"
	else
		"$@"
	fi
}

fs_mount
echo "# full file system: $FSKIND"
check "a file system to fill ($FSKIND)" test -n "$FSKIND"

# A new database on a full file system, free space from none upwards
# until the first collect succeeds.
kb=0
while :; do
	rm -f "$FS"/audit.db*
	fill "$kb"
	run_status limited "$BIN" collect -q --db "$FS/audit.db" \
	    2>"$WORK/err"
	unfill
	[ "$rc" != 0 ] || break
	if [ "$rc" = 3 ] || [ "$rc" = 4 ]; then
		ok "new database, ${kb} KB free: exit $rc"
	else
		fail "new database, ${kb} KB free: exit $rc"
	fi
	check "new database, ${kb} KB free: says what failed" grep -q -E \
	    'disk is full|disk I/O error|File too large' "$WORK/err"
	check "new database, ${kb} KB free: no half migration or region" \
	    "$PYTHON" "$CRASH" halfcheck "$FS/audit.db" - "$(world 0)" 0 \
	    failed-ok
	run_status "$BIN" collect -q --db "$FS/audit.db"
	[ "$rc" = 0 ] || [ "$rc" = 1 ] ||
	    fail "new database, ${kb} KB free: next collect exit $rc"
	check "new database, ${kb} KB free: then the world exactly" \
	    "$PYTHON" "$TOP/tests/verify_db.py" "$FS/audit.db" "$(world 0)"
	kb=$((kb + FRESH_STEP_KB))
	[ $kb -le $((FS_KB / 2)) ] || { fail "never succeeded"; break; }
done
echo "# a new database needs about $kb KB"

# A used database: free space from none upwards, a changed world each
# time, until a collect succeeds.
kb=0
while :; do
	rm -f "$FS"/audit.db*
	cp "$GOOD" "$FS/audit.db"
	next_world
	fill "$kb"
	run_status limited "$BIN" collect -q --db "$FS/audit.db" \
	    2>"$WORK/err"
	unfill
	label="used database, ${kb} KB free"
	case $rc in
	1) break ;;
	3|4) ok "$label: exit $rc" ;;
	*) fail "$label: exit $rc" ;;
	esac
	check "$label: says what failed" grep -q -E \
	    'disk is full|disk I/O error|File too large' "$WORK/err"
	# Regions committed before the disk filled: partial, never 4.
	rec=$(sqlite3 "$FS/audit.db" "SELECT count(*) FROM region_run
	    WHERE run_id > $GOODRUNS AND status = 'ok'")
	if [ "$rc" = 4 ] && [ "$rec" != 0 ]; then
		fail "$label: $rec regions recorded, yet exit 4"
	fi
	runs=$(sqlite3 "$FS/audit.db" "SELECT count(*) FROM run")
	if [ "$runs" = "$GOODRUNS" ]; then
		check "$label: nothing recorded, file unchanged" \
		    cmp -s "$GOOD" "$FS/audit.db"
	fi
	check "$label: no half region" "$PYTHON" "$CRASH" halfcheck \
	    "$FS/audit.db" "$(world 0)" "$(world $WORLDNO)" "$GOODRUNS" \
	    failed-ok
	run_status "$BIN" collect -q --db "$FS/audit.db"
	[ "$rc" = 0 ] || [ "$rc" = 1 ] || fail "$label: next collect exit $rc"
	check "$label: then the world exactly" \
	    "$PYTHON" "$TOP/tests/verify_db.py" "$FS/audit.db" \
	    "$(world $WORLDNO)"
	grep "^$WORLDNO " "$WORK/worlds/expected.txt" | sed 's/^[0-9]*/1/' \
	    >"$WORK/expected.one"
	check "$label: its changes recorded once" "$PYTHON" "$CRASH" \
	    expected "$FS/audit.db" "$WORK/expected.one" 1
	kb=$((kb + STEP_KB))
	[ $kb -le $((FS_KB / 2)) ] || { fail "never succeeded"; break; }
done
echo "# a changed run needs about $kb KB"
sim_post scenario "$(world 0)"
[ "$FSKIND" = ulimit ] || umount "$FS"
FSUSED=$FSKIND
FSKIND=

# --- permissions -------------------------------------------------------------

# Root ignores file modes; drop the capabilities that let it.
NOCAP=
if [ "$(id -u)" = 0 ]; then
	NOCAP="setpriv --bounding-set=-dac_override,-dac_read_search,-fowner"
fi

# refused CASE DB [ARGS...]: collect fails with exit 4 and leaves the
# database file byte for byte as it was.
refused() {
	label=$1
	db=$2
	shift 2
	cp "$db" "$WORK/before"
	run_status $NOCAP "$BIN" collect -q --db "$db" "$@" 2>"$WORK/err"
	if [ "$rc" = 4 ]; then ok "$label: exit 4"; else
		fail "$label: exit $rc, wanted 4"; fi
	check "$label: one message: $(head -c 120 "$WORK/err")" \
	    test "$(wc -l <"$WORK/err")" = 1
	check "$label: file unchanged" cmp -s "$WORK/before" "$db"
}

mkdir -p "$WORK/ro"
cp "$GOOD" "$WORK/ro/audit.db"
chmod 0400 "$WORK/ro/audit.db"
refused "read-only file" "$WORK/ro/audit.db"
check "read-only file: the message says why" \
    grep -q -i 'permission denied\|read-only\|readonly' "$WORK/err"
run_status $NOCAP "$BIN" status --db "$WORK/ro/audit.db" >/dev/null
check "read-only file: status still reads it (exit $rc)" test "$rc" = 0
run_status $NOCAP sqlite3 "$WORK/ro/audit.db" "SELECT count(*) FROM runs" \
    >/dev/null
check "read-only file: sqlite3 still reads it (exit $rc)" test "$rc" = 0

mkdir -p "$WORK/rodir"
cp "$GOOD" "$WORK/rodir/audit.db"
chmod 0500 "$WORK/rodir"
refused "read-only directory" "$WORK/rodir/audit.db"
check "read-only directory: the message says why" \
    grep -q -i 'permission denied\|readonly\|read-only' "$WORK/err"
run_status $NOCAP "$BIN" collect -q --db "$WORK/rodir/new.db" 2>"$WORK/err"
check "read-only directory, new database: exit 4 ($rc)" test "$rc" = 4
check "read-only directory, new database: nothing created" \
    test ! -e "$WORK/rodir/new.db"
chmod 0700 "$WORK/rodir"

# A read-only directory where a collect already left its companion files
# (-wal, -shm, .lock): only existing files are written, so it works.
mkdir -p "$WORK/rodir2"
cp "$GOOD" "$WORK/rodir2/audit.db"
"$BIN" status --db "$WORK/rodir2/audit.db" >/dev/null
"$BIN" collect -q --db "$WORK/rodir2/audit.db"
chmod 0500 "$WORK/rodir2"
expect_exit 0 "read-only directory with the companion files: collect works" \
    $NOCAP "$BIN" collect -q --db "$WORK/rodir2/audit.db"
chmod 0700 "$WORK/rodir2"
check "read-only directory with the companion files: integrity_check" \
    test "$(sqlite3 "$WORK/rodir2/audit.db" "PRAGMA integrity_check")" = ok

# --- files this program must not write -------------------------------------

NOCAP=
mkdir -p "$WORK/bad"
cp "$GOOD" "$WORK/bad/newer.db"
sqlite3 "$WORK/bad/newer.db" "PRAGMA user_version = 999"
refused "schema version 999" "$WORK/bad/newer.db"
check "version 999: the message names both versions" \
    grep -q 'version 999 is newer than this program' "$WORK/err"
run_status "$BIN" report --db "$WORK/bad/newer.db" 2>/dev/null
check "version 999: report refuses it too (exit $rc)" test "$rc" = 4

"$PYTHON" -c 'import random, sys
sys.stdout.buffer.write(random.Random(int(sys.argv[1])).randbytes(65536))' \
    "$SEED" >"$WORK/bad/random.db"
refused "random bytes" "$WORK/bad/random.db"
check "random bytes: 'not a database'" grep -q 'not a database' "$WORK/err"

sz=$(stat -c %s "$GOOD")
cp "$GOOD" "$WORK/bad/truncated.db"
truncate -s $((sz / 2)) "$WORK/bad/truncated.db"
refused "truncated file" "$WORK/bad/truncated.db"
check "truncated file: 'malformed'" grep -q 'malformed' "$WORK/err"

printf 'region,model\nus-east-1,x\n' >"$WORK/bad/text.db"
refused "a text file" "$WORK/bad/text.db"
check "a text file: 'not a database'" grep -q 'not a database' "$WORK/err"

sqlite3 "$WORK/bad/other.db" "CREATE TABLE notes (t TEXT); INSERT INTO notes
    VALUES ('mine')"
refused "another program's SQLite file" "$WORK/bad/other.db"
check "another program's file: 'not a bedrock-audit database'" \
    grep -q 'not a bedrock-audit database' "$WORK/err"

# A b-tree page of quota_state overwritten: the header passes, the data
# does not.  Without a check at open, regions whose rows avoid the page
# would be written into the damaged file.
cp "$GOOD" "$WORK/bad/page.db"
root=$(sqlite3 "$GOOD" "SELECT rootpage FROM sqlite_schema
    WHERE name = 'quota_state'")
psz=$(sqlite3 "$GOOD" "PRAGMA page_size")
printf '\377\377\377\377\377\377\377\377' | dd of="$WORK/bad/page.db" bs=1 \
    seek=$(((root - 1) * psz)) conv=notrunc 2>/dev/null
refused "a damaged b-tree page" "$WORK/bad/page.db"
check "damaged page: the message says so" grep -q -i \
    'damaged\|malformed\|corrupt' "$WORK/err"

for f in random truncated text other; do
	run_status "$BIN" report --db "$WORK/bad/$f.db" >/dev/null 2>&1
	check "report refuses $f.db with exit 4 ($rc)" test "$rc" = 4
done

echo "# disk: full file system by $FSUSED; $(($(date +%s) - T0)) s"
finish
