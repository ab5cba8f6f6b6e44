#!/bin/sh
# make screenshots: the demo's second day (tools/demo-days.sh) as the
# HTML report in English and Japanese, rendered by headless Chromium
# (networking off, as in tests/it_html.sh) into docs/report-en.png and
# docs/report-ja.png for the README.  The Japanese page needs a CJK font
# (fonts-ipafont-gothic, installed by make deps).
set -eu
TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$TOP/tests/lib.sh"
. "$TOP/tools/demo-days.sh"

CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser \
	|| true)}
[ -n "$CHROMIUM" ] || { echo "chromium is not installed (make deps)" >&2;
	exit 1; }
DB="$WORK/audit.db"
demo_days "$DB"
for lang in en ja; do
	"$BIN" report --db "$DB" --format html --lang "$lang" \
		-o "$WORK/report.$lang.html"
	flags="--headless --no-first-run --disable-background-networking
	    --disable-component-update --disable-sync --disable-default-apps
	    --no-default-browser-check --disable-gpu --hide-scrollbars"
	[ "$(id -u)" != 0 ] || flags="$flags --no-sandbox"
	# shellcheck disable=SC2086
	"$CHROMIUM" $flags --host-resolver-rules="MAP * ~NOTFOUND" \
		--user-data-dir="$WORK/profile-$lang" --window-size=1000,1900 \
		--screenshot="$TOP/docs/report-$lang.png" \
		"file://$WORK/report.$lang.html" 2>/dev/null
	echo "written: docs/report-$lang.png"
done
