#!/bin/sh
# it_html.sh: the HTML report in a real browser (issue #14).  The demo's
# second day (tools/demo-days.sh), with hostile model and quota names
# added overnight, rendered by headless Chromium (tests/html_check.py:
# networking off, a throwaway profile, the DevTools protocol on a pipe):
# no console error, no request but the page, each change's subject in
# the text, hostile strings as text only, a screenshot.  Chromium is
# installed by "make deps": missing, this test fails, it never skips.
set -eu
TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$TOP/tests/lib.sh"
. "$TOP/tools/demo-days.sh"

CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser \
	|| true)}
if [ -z "$CHROMIUM" ]; then
	fail "chromium is not installed (make deps installs it)"
	finish
	exit 1
fi

IMG='<img src=x onerror=alert(1)>'
SCRIPT='<script>alert("q")</script> & '"'"'x'"'"
BIDI=$("$PYTHON" -c 'print("Evil\u202eemanl")')
"$PYTHON" - "$WORK/hostile.json" "$IMG" "$SCRIPT" "$BIDI" <<'PY'
import json, sys
out, img, script, bidi = sys.argv[1:5]
json.dump({"mutations": [
    ["add_model", "us-east-1", "evil.model-v1:0", img + " " + bidi],
]}, open(out + ".pre", "w"))
json.dump({"mutations": [
    ["revoke_access", "us-east-1", "evil.model-v1:0"],
    ["add_quota", "us-east-1", "L-EVIL0001", script, "100"],
]}, open(out, "w"))
PY

DB="$WORK/audit.db"
demo_days "$DB" "$WORK/hostile.json.pre" "$WORK/hostile.json"
check "report --format html of day 2" \
	"$BIN" report --db "$DB" --format html -o "$WORK/day2.html"
check "report --format json of day 2" \
	"$BIN" report --db "$DB" --format json -o "$WORK/day2.json"
check "the hostile model is a change of day 2" \
	grep -q '"subject": "evil.model-v1:0"' "$WORK/day2.json"

# The bidi override is shown as its escape, never applied.
start=$(date +%s)
if "$PYTHON" "$TOP/tests/html_check.py" "$CHROMIUM" "$WORK/day2.html" \
	"$WORK/day2.png" "$WORK/day2.json" "$IMG" "$SCRIPT" \
	'Evil\u202eemanl' >"$WORK/check.out" 2>&1; then
	ok "chromium: every check passed"
else
	fail "chromium: a check failed"
fi
sed 's/^/  /' "$WORK/check.out"
end=$(date +%s)
echo "# chromium part: $((end - start)) s"

# The source holds no raw bidi control either.
check "no raw U+202E in the page" \
	sh -c "! grep -q \"\$(printf '\342\200\256')\" '$WORK/day2.html'"
finish
