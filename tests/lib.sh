# tests/lib.sh: shared by the integration tests (tests/it_*.sh) and the
# demo.  Starts the AWS simulator on a free loopback port and points the
# AWS environment of this shell at it, and nowhere else.
#
#   . tests/lib.sh
#   sim_start SCENARIO [awssim options...]   # sets SIM_PORT, SIM_URL
#   sim_post PATH FILE                       # POST a file to /_sim/PATH
#   sim_stop
#   ok "message" / fail "message"            # TAP-ish result lines

PYTHON=${PYTHON:-python3}
TOP=${TOP:-$(cd "$(dirname "$0")/.." && pwd)}
BIN="$TOP/bedrock-audit"
# make valgrind: every command of the test runs under valgrind.
if [ -n "${VALGRIND:-}" ]; then
	BIN="$TOP/tests/valgrind-bedrock-audit"
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/bedrock-audit-test.XXXXXX")
SIM_PID=
PASSED=0
FAILED=0

cleanup() {
	sim_stop
	rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# Only loopback: no instance metadata, no container endpoint, no profile.
unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_SESSION_TOKEN AWS_DEFAULT_REGION \
	AWS_CONTAINER_CREDENTIALS_RELATIVE_URI \
	AWS_CONTAINER_CREDENTIALS_FULL_URI AWS_ENDPOINT_URL_BEDROCK \
	AWS_ENDPOINT_URL_SERVICE_QUOTAS AWS_ENDPOINT_URL_STS AWS_CA_BUNDLE \
	AWS_ENDPOINT_URL_SSO AWS_ENDPOINT_URL_ACCOUNT \
	AWS_ENDPOINT_URL_ORGANIZATIONS \
	AWS_MAX_ATTEMPTS XDG_STATE_HOME 2>/dev/null || true
export AWS_EC2_METADATA_DISABLED=true
export AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:9
export AWS_CONFIG_FILE="$WORK/aws-config"
export AWS_SHARED_CREDENTIALS_FILE="$WORK/aws-credentials"
export AWS_ACCESS_KEY_ID=AKIDEXAMPLE
export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY
export AWS_REGION=us-east-1
export HOME="$WORK/home"
mkdir -p "$HOME"

sim_start() {
	scenario=$1
	shift
	rm -f "$WORK/sim.port"
	"$PYTHON" "$TOP/sim/awssim.py" --scenario "$scenario" --port 0 \
		--port-file "$WORK/sim.port" --quiet "$@" &
	SIM_PID=$!
	i=0
	while [ ! -s "$WORK/sim.port" ]; do
		i=$((i + 1))
		if [ $i -gt 100 ] || ! kill -0 "$SIM_PID" 2>/dev/null; then
			echo "simulator did not start" >&2
			exit 1
		fi
		sleep 0.1
	done
	SIM_PORT=$(cat "$WORK/sim.port")
	SIM_URL="http://127.0.0.1:$SIM_PORT"
	export AWS_ENDPOINT_URL="$SIM_URL"
	export BEDROCK_AUDIT_ALL_REGIONS=$("$PYTHON" -c '
import json, sys
print(",".join(sorted(json.load(open(sys.argv[1]))["regions"])))' "$scenario")
}

sim_post() {
	"$PYTHON" - "$SIM_URL/_sim/$1" "$2" <<'PY'
import sys, urllib.request
data = open(sys.argv[2], "rb").read() if sys.argv[2] != "-" else b""
req = urllib.request.Request(sys.argv[1], data=data, method="POST")
with urllib.request.urlopen(req, timeout=10) as r:
    r.read()
PY
}

sim_get() {
	"$PYTHON" -c '
import sys, urllib.request
print(urllib.request.urlopen(sys.argv[1], timeout=10).read().decode())' \
		"$SIM_URL/_sim/$1"
}

sim_stop() {
	if [ -n "$SIM_PID" ]; then
		kill "$SIM_PID" 2>/dev/null || true
		wait "$SIM_PID" 2>/dev/null || true
		SIM_PID=
	fi
}

ok() {
	PASSED=$((PASSED + 1))
	echo "ok - $1"
}

fail() {
	FAILED=$((FAILED + 1))
	echo "not ok - $1"
}

# check DESCRIPTION COMMAND...: ok if the command succeeds.
check() {
	d=$1
	shift
	if "$@"; then ok "$d"; else fail "$d"; fi
}

# expect_exit CODE DESCRIPTION COMMAND...
expect_exit() {
	want=$1
	d=$2
	shift 2
	set +e
	"$@"
	got=$?
	set -e
	if [ "$got" = "$want" ]; then
		ok "$d (exit $got)"
	else
		fail "$d: exit $got, wanted $want"
	fi
}

finish() {
	echo "$(basename "$0"): $PASSED passed, $FAILED failed"
	[ "$FAILED" = 0 ]
}
