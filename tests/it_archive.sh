#!/bin/sh
# it_archive.sh: report --archive DIR (issue #14).  The day's three
# reports are the ones --format writes, the index lists every day found
# in DIR (older days kept, a damaged one left out with a warning), a run
# later the same day replaces that day, every file is written by rename
# (no temporary file left behind), and a DIR that is not a directory is a
# usage error.
set -eu
. "$(dirname "$0")/lib.sh"

DB="$WORK/audit.db"
AR="$WORK/site/archive"
sim_start "$TOP/sim/scenarios/small.json"
"$BIN" collect -q --db "$DB" || true
DAY=$(sqlite3 "$DB" "SELECT substr(started_at, 1, 10) FROM run
    ORDER BY run_id DESC LIMIT 1")

umask 022
mkdir "$WORK/site"
expect_exit 0 "report --archive creates the directory" \
	"$BIN" report --db "$DB" --archive "$AR"
for ext in html md json; do
	check "$DAY.$ext written" test -s "$AR/$DAY.$ext"
done
check "index.html written" test -s "$AR/index.html"
check "directory mode 0755" test "$(stat -c %a "$AR")" = 755
check "file mode 0644" test "$(stat -c %a "$AR/$DAY.html")" = 644
"$BIN" report --db "$DB" --format json -o "$WORK/r.json"
"$BIN" report --db "$DB" --format markdown -o "$WORK/r.md"
check "the day's JSON is report --format json" cmp -s "$WORK/r.json" \
	"$AR/$DAY.json"
check "the day's Markdown is report --format markdown" cmp -s \
	"$WORK/r.md" "$AR/$DAY.md"
check "the day's page is HTML with charts" \
	grep -q '<svg' "$AR/$DAY.html"
check "the index links the day" grep -q "href=\"$DAY.html\"" "$AR/index.html"
check "the index links its Markdown and JSON" \
	sh -c "grep -q 'href=\"$DAY.md\"' '$AR/index.html' &&
	    grep -q 'href=\"$DAY.json\"' '$AR/index.html'"

# An older day (from another machine or database) and a damaged one.
sed 's/"to_run": [0-9]*/"to_run": 7/' "$AR/$DAY.json" >"$AR/2020-01-31.json"
echo '{ not json' >"$AR/2020-02-01.json"
echo 'keep' >"$AR/notes.txt"
expect_exit 0 "a second collect the same day, nothing changed" \
	"$BIN" collect -q --db "$DB"
"$BIN" report --db "$DB" --archive "$AR" 2>"$WORK/err" || \
	fail "report --archive with an older and a damaged day"
check "the damaged day is named on stderr" grep -q '2020-02-01.json' \
	"$WORK/err"
check "the older day is kept and listed" \
	sh -c "test -s '$AR/2020-01-31.json' &&
	    grep -q 'href=\"2020-01-31.html\"' '$AR/index.html'"
check "the older day's run is shown" grep -q '<td>#7</td>' "$AR/index.html"
check "the damaged day is not listed" \
	sh -c "! grep -q '2020-02-01' '$AR/index.html'"
check "newest day first" sh -c "grep -o 'href=\"[0-9-]*.html\"' \
	'$AR/index.html' | head -1 | grep -q '$DAY'"
check "the months are headed" grep -q '<h2 class="d0">2020-01</h2>' \
	"$AR/index.html"
check "a calendar per month" test "$(grep -c '<table class="cal">' \
	"$AR/index.html")" = 2
# 2020-01-01 was a Wednesday: two empty cells before it, Monday first.
check "the calendar starts on Monday" grep -q \
	'<tr><td></td><td></td><td class="none">1</td>' "$AR/index.html"
check "the day 31 of January 2020 is linked with its counts" grep -q \
	'<td class="[a-z]*"><a href="2020-01-31.html" title="2020-01-31: [0-9]* action, [0-9]* warning; run #7, ' \
	"$AR/index.html"
check "the same day now holds run 2" grep -q '"to_run": 2,' "$AR/$DAY.json"
check "other files are left alone" grep -q keep "$AR/notes.txt"
check "no temporary file is left" test "$(ls -A "$AR" | tr '\n' ' ')" = \
	"2020-01-31.json 2020-02-01.json $DAY.html $DAY.json $DAY.md index.html notes.txt "

"$BIN" report --db "$DB" --archive "$AR" --lang ja
check "a Japanese index" grep -q '<html lang="ja">' "$AR/index.html"

: >"$WORK/plain"
expect_exit 2 "--archive on a regular file" \
	"$BIN" report --db "$DB" --archive "$WORK/plain"
check "the error says it is not a directory" sh -c \
	"'$BIN' report --db '$DB' --archive '$WORK/plain' 2>&1 |
	    grep -q 'not a directory'"
expect_exit 2 "-o and --archive together" \
	"$BIN" report --db "$DB" --archive "$AR" -o "$WORK/x"
expect_exit 4 "--archive under a missing parent" \
	"$BIN" report --db "$DB" --archive "$WORK/missing/deeper"
finish
