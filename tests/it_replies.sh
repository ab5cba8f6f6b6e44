#!/bin/sh
# Integration: every optional member of the replies the collector reads,
# present and absent (sim/scenarios/replies.json, issue #11 item 4): the
# views equal the world (lifecycle dates, agreement messages, one quota
# code at two levels, ErrorReason instead of a value, periods, values past
# 1e10, requests without DesiredValue); nothing fails a region; a second
# run adds nothing; a lifecycle date that moves is one change naming it; a
# NUL or lone surrogate in a name is stored as U+FFFD, said once.
set -eu
. "$(dirname "$0")/lib.sh"

WORLD="$TOP/sim/scenarios/replies.json"
DB="$WORK/audit.db"
sim_start "$WORLD"

q() {
	sqlite3 "$DB" "$1"
}

state_rows() {
	q "SELECT (SELECT count(*) FROM model_state) +
	    (SELECT count(*) FROM quota_state) +
	    (SELECT count(*) FROM profile_state) +
	    (SELECT count(*) FROM quota_request_state)"
}

expect_exit 0 "collect is complete" "$BIN" collect -q --db "$DB"
check "every region ok" test "$(q "SELECT count(*) FROM region_runs
    WHERE run_id = 1 AND status = 'ok'")" = 2
check "views equal the world" "$PYTHON" "$TOP/tests/verify_db.py" "$DB" "$WORLD"
check "a tokens-per-day quota past 1e10 is exact" test \
	"$(q "SELECT printf('%.0f', applied_value) FROM quotas_now
	    WHERE quota_code = 'L-TPD00001' AND applied_at_level = 'ACCOUNT'")" = 51957100000
check "one code at the account and a resource level: two rows" test \
	"$(q "SELECT count(*) FROM quotas_now WHERE quota_code = 'L-TPD00001'")" = 2
check "the resource row has the code's default" test \
	"$(q "SELECT printf('%.0f', default_value) FROM quotas_now
	    WHERE quota_code = 'L-TPD00001' AND context_scope = 'RESOURCE'")" = 51957100000
check "ErrorReason: the value is unknown (NULL) and the reason kept" test \
	"$(q "SELECT count(*) FROM quotas_now WHERE applied_value IS NULL
	    AND error_code = 'DEPENDENCY_ACCESS_DENIED_ERROR'
	    AND error_message = 'Access denied to <dependency>'")" = 1
check "a request without DesiredValue is recorded without it" test \
	"$(q "SELECT count(*) FROM quota_requests_now WHERE request_id = 'auto0001'
	    AND desired_value IS NULL AND request_type = 'AutomaticManagement'")" = 1
check "dates are UTC ISO-8601 (the +09:00 one converted)" test \
	"$(q "SELECT public_extended_access_time FROM models_now
	    WHERE model_id LIKE 'anthropic.claude-3-sonnet%'")" = 2025-06-01T00:00:00Z
check "an empty agreement message is kept apart from none" test \
	"$(q "SELECT count(*) FROM models_now WHERE agreement_message = ''")" = 1

rows1=$(state_rows)
expect_exit 0 "second collect on the same world" "$BIN" collect -q --db "$DB"
check "unchanged run adds no state rows" test "$(state_rows)" = "$rows1"
check "unchanged run records no change" test "$(q "SELECT count(*) FROM changes")" = 0

# End of life moves earlier: one change naming the field, a warning.
"$PYTHON" "$TOP/sim/mutate.py" "$WORLD" "$WORK/moved.json" lifecycle_date \
	us-east-1 anthropic.claude-3-sonnet-20240229-v1:0 endOfLifeTime \
	2025-05-01T00:00:00Z
sim_post scenario "$WORK/moved.json"
expect_exit 1 "collect after the date moved: changes found" "$BIN" collect -q --db "$DB"
check "views equal the moved world" "$PYTHON" "$TOP/tests/verify_db.py" \
	"$DB" "$WORK/moved.json"
check "one change: model_lifecycle_date_changed" test \
	"$(q "SELECT kind || ' ' || field || ' ' || old_value || ' ' ||
	    new_value || ' ' || severity FROM changes")" = \
	"model_lifecycle_date_changed end_of_life_time 2025-07-29T00:00:00Z 2025-05-01T00:00:00Z warning"
"$BIN" report --db "$DB" >"$WORK/report.txt" 2>&1 || true
check "the report names the change" grep -q 'anthropic.claude-3-sonnet' "$WORK/report.txt"

# One bad field never fails a region: a NUL and a lone surrogate in a model
# name are stored as U+FFFD, said once without the value.
"$PYTHON" - "$WORK/bad.json" <<'PY'
import json, sys
json.dump({"mutations": [["add_model", "us-east-1", "test.bad-v1:0",
                          "Bad\u0000name\udc00", "Tester\u0001"]]},
          open(sys.argv[1], "w"))
PY
sim_post mutate "$WORK/bad.json"
expect_exit 1 "collect with a NUL and a lone surrogate in a name" \
	"$BIN" collect -q --db "$DB" 2>"$WORK/bad.err"
check "every region still ok" test "$(q "SELECT count(*) FROM region_runs
    WHERE run_id = 4 AND status = 'ok'")" = 2
check "the name is stored with U+FFFD, the control character as sent" test \
	"$(q "SELECT hex(model_name) || ' ' || hex(provider) FROM models_now
	    WHERE model_id = 'test.bad-v1:0'")" = \
	"426164EFBFBD6E616D65EFBFBD 54657374657201"
check "one warning naming the call and the field, not the value" test \
	"$(grep -c 'ListFoundationModels: modelSummaries\[[0-9]*\]\.modelName: a NUL, lone surrogate or U+FFFF stored as U+FFFD (1 field of the reply)' "$WORK/bad.err")" = 1
check "nothing else on stderr" test "$(wc -l <"$WORK/bad.err")" = 1

finish
