# tools/demo-days.sh: the demo's two days, quietly, into database "$1"
# (sourced after tests/lib.sh, by tests/it_html.sh and tools/screenshots.sh).
# Day 1 collects the default world (plus me-central-1, an opt-in region
# not enabled); AWS then changes what tools/demo-night.json says, and
# what the optional third argument (a mutation file) adds; day 2 collects
# again (exit 3: ap-southeast-2 is down).  The optional second argument
# is a mutation file applied before day 1 (e.g. a model with a hostile
# name, whose access the night then revokes, so that its name is shown).
demo_days() {
	_db=$1
	_pre=${2:-}
	_extra=${3:-}
	sim_start "$TOP/sim/scenarios/default.json"
	BEDROCK_AUDIT_ALL_REGIONS="$BEDROCK_AUDIT_ALL_REGIONS,me-central-1"
	export BEDROCK_AUDIT_ALL_REGIONS
	if [ -n "$_pre" ]; then
		sim_post mutate "$_pre"
	fi
	"$BIN" collect -q --db "$_db" || true
	sim_post mutate "$TOP/tools/demo-night.json"
	if [ -n "$_extra" ]; then
		sim_post mutate "$_extra"
	fi
	AWS_MAX_ATTEMPTS=2 "$BIN" collect -q --db "$_db" 2>/dev/null || true
	sim_stop
}
