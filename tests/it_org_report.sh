#!/bin/sh
# Integration: the organization-wide report (issue #12 item 4).  Three
# member accounts with different access and applied values are collected
# twice into one database, a fourth does not trust the caller.  Between
# the runs, AWS lowers one default in all three accounts, one applied
# value moves in two of them (from different old values) and one model
# access is lost in one account only.  The report without --account is
# the organization's: coverage first (the failed account with its code
# and fix), the lowered default once as "seen in 3 of 3 accounts", the
# quota of two accounts with where it differed, the one account's own
# change under that account, the open problems per account and path; its
# JSON keeps one account_id per change and lists every account an entry
# covers.  --account still reports one account alone.
set -eu
. "$(dirname "$0")/lib.sh"

DB="$WORK/org.db"
CALLER=123456789012
A=111111111111
B=222222222222
C=333333333333
D=444444444444
ROLE=BedrockAuditMember
HAIKU=anthropic.claude-3-haiku-20240307-v1:0
SONNET=anthropic.claude-sonnet-4-5-20250929-v1:0
NOVA=amazon.nova-pro-v1:0

# world.json: the accounts differ; world2.json: the changes of run 2.
"$PYTHON" - "$TOP/sim/scenarios/small.json" "$WORK" "$A" "$B" "$C" \
    "$HAIKU" "$SONNET" "$NOVA" <<'PY'
import json, sys
src, out, a, b, c, haiku, sonnet, nova = sys.argv[1:]
d = json.load(open(src))
d["member_accounts"] = {
    a: {"steps": [["revoke_access", "us-east-1", haiku],
                  ["set_applied", "us-east-1", "L-01F3CD81", "50"]]},
    b: {"steps": [["revoke_access", "us-west-2", haiku],
                  ["set_applied", "us-east-1", "L-01F3CD81", "1000"]]},
    c: {"steps": [["revoke_access", "us-east-1", sonnet]]}}
json.dump(d, open(out + "/world.json", "w"))
for acct in (a, b, c):
    d["member_accounts"][acct]["steps"].append(
        ["lower_default", "us-east-1", "L-01447289", "300000"])
d["member_accounts"][a]["steps"] += [
    ["set_applied", "us-east-1", "L-01F3CD81", "300"],
    ["revoke_access", "us-east-1", nova]]
d["member_accounts"][b]["steps"].append(
    ["set_applied", "us-east-1", "L-01F3CD81", "300"])
json.dump(d, open(out + "/world2.json", "w"))
PY
"$PYTHON" - "$WORK/identity.json" "$CALLER" "$ROLE" "$A" "$B" "$C" "$D" <<'PY'
import json, sys
out, caller, role, a, b, c, d = sys.argv[1:]
trust = {"trusted": ["arn:aws:iam::%s:root" % caller]}
roles = {"arn:aws:iam::%s:role/%s" % (x, role): trust for x in (a, b, c)}
roles["arn:aws:iam::%s:role/%s" % (d, role)] = {"trusted": []}
json.dump({"roles": roles}, open(out, "w"))
PY
sim_start "$WORK/world.json" --identity "$WORK/identity.json"

expect_exit 3 "run 1: three members collected, one role refuses" \
	"$BIN" collect -q --db "$DB" --accounts "$A,$B,$C,$D" \
	--role-name "$ROLE" 2>/dev/null
sim_post scenario "$WORK/world2.json"
expect_exit 3 "run 2: the changes" "$BIN" collect -q --db "$DB" \
	--accounts "$A,$B,$C,$D" --role-name "$ROLE" 2>/dev/null
for acct in $A $B $C; do
	check "account $acct: its views equal its world" "$PYTHON" \
		"$TOP/tests/verify_db.py" "$DB" "$WORK/world2.json" --account "$acct"
done

for fmt in text markdown json html; do
	for lang in en ja; do
		expect_exit 0 "the organization report ($fmt, $lang)" \
			"$BIN" report --db "$DB" --format $fmt --lang $lang \
			-o "$WORK/org.$fmt.$lang"
	done
done
T="$WORK/org.text.en"
# The text report with its lines joined (it is wrapped at 78 columns).
flat() {
	tr '\n' ' ' <"$1" | tr -s ' '
}
flat "$T" >"$WORK/flat.en"
flat "$WORK/org.text.ja" >"$WORK/flat.ja"
F="$WORK/flat.en"

# --- coverage first -------------------------------------------------------
check "coverage comes before the changes" sh -c \
	"grep -n '^Coverage' '$T' | cut -d: -f1 >'$WORK/l1' &&
	 grep -n 'Changes seen in several accounts' '$T' | cut -d: -f1 >'$WORK/l2' &&
	 test \$(cat '$WORK/l1') -lt \$(cat '$WORK/l2')"
check "the run is partial: an account was not collected" grep -q \
	"Newest run: #2, .*: some accounts or regions were not collected" "$F"
check "the counts of the newest run's accounts" grep -q \
	"Accounts: 4 known; the newest run collected 3, skipped 0 and could not collect 1" "$F"
check "the failed account with its call, code and fix" grep -q \
	"$D: not collected: AssumeRole failed: AccessDenied: .* Fix: the role must exist in that account, its trust policy must allow" "$F"
check "no gap in the grid: one sentence" grep -q \
	"Every collected account's every region was collected" "$T"

# --- the same change in every account, once ------------------------------
check "JSON: the lowered default is one entry, seen in 3 of 3" "$PYTHON" -c '
import json, sys
d = json.load(open(sys.argv[1]))
a, b, c = sys.argv[2:5]
es = [e for e in d["entries"] if e["subject"] == "L-01447289"]
assert len(es) == 1, es
e = es[0]
assert e["region"] == "us-east-1", e
assert e["accounts"] == [a, b, c], e["accounts"]
assert (e["seen_in"], e["of_accounts"], e["alike"]) == (3, 3, 3), e
assert e["absent"] == [], e
assert e["new"]["quota_default_changed"] == "300000", e["new"]
assert [p["account_id"] for p in e["per_account"]] == [a, b, c]
# every change once per account, each with its own account
ch = [x for x in d["changes"] if x["subject"] == "L-01447289"
      and x["kind"] == "quota_default_changed"]
assert sorted(x["account_id"] for x in ch) == [a, b, c], ch
ids = set(x["id"] for x in d["changes"])
covered = [i for e in d["entries"] for p in e["per_account"]
           for i in p["change_ids"]]
assert sorted(covered) == sorted(ids), "every change in one entry"
' "$WORK/org.json.en" "$A" "$B" "$C"
check "text: the lowered default once, seen in 3 of 3 accounts" sh -c \
	"test \$(grep -o 'L-01447289' '$F' | wc -l) = 1 &&
	 grep -q 'us-east-1/L-01447289 Seen in 3 of 3 accounts: $A, $B, $C' '$F'"
check "Japanese: the same entry in Japanese" grep -q \
	"us-east-1/L-01447289 3 アカウント中 3 アカウントで確認: $A, $B, $C" \
	"$WORK/flat.ja"

# --- a change in two accounts from different old values -------------------
check "JSON: the applied value of two accounts, where it differed" "$PYTHON" -c '
import json, sys
d = json.load(open(sys.argv[1]))
a, b, c = sys.argv[2:5]
es = [e for e in d["entries"] if e["subject"] == "L-01F3CD81"]
assert len(es) == 1, es
e = es[0]
assert e["accounts"] == [a, b] and e["seen_in"] == 2, e
assert e["alike"] == 1 and e["absent"] == [c], e
olds = {p["account_id"]: p["old"]["quota_value_changed"]
        for p in e["per_account"]}
news = {p["account_id"]: p["new"]["quota_value_changed"]
        for p in e["per_account"]}
assert olds == {a: "50", b: "1000"}, olds
assert news == {a: "300", b: "300"}, news
assert [p["alike"] for p in e["per_account"]] == [True, False]
' "$WORK/org.json.en" "$A" "$B" "$C"
check "text: seen in 2 of 3, differed in B, not seen in C" grep -q \
	"50 -> 300 - us-east-1/L-01F3CD81 Seen in 2 of 3 accounts: $A, $B Differed in $B (Action P4): applied value changed, 1,000 -> 300 Not seen in: $C" \
	"$F"

# --- one account's own change, under that account ------------------------
check "A's own change is under A" sh -c \
	"sed -n '/Changes seen in one account/,/Open problems by account/p' '$T' >'$WORK/own' &&
	 grep -A2 'Account $A' '$WORK/own' | grep -q '$NOVA' &&
	 ! grep -q 'Account $B' '$WORK/own'"
check "JSON: that entry covers A alone, the others absent" "$PYTHON" -c '
import json, sys
d = json.load(open(sys.argv[1]))
a, b, c = sys.argv[2:5]
es = [e for e in d["entries"] if e["subject"] == sys.argv[5]]
assert len(es) == 1 and es[0]["accounts"] == [a], es
assert es[0]["absent"] == [b, c], es
' "$WORK/org.json.en" "$A" "$B" "$C" "$NOVA"

# --- open problems per account and path -----------------------------------
for x in $A $B $C; do
	"$BIN" report --db "$DB" --account $x --format json >"$WORK/one.$x.json"
	check "open problems of $x by path: those of its own report" "$PYTHON" -c '
import collections, json, sys
d = json.load(open(sys.argv[1]))
one = json.load(open(sys.argv[2]))
o = [x for x in d["open"] if x["account_id"] == sys.argv[3]][0]
want = collections.Counter(p["path"] for p in one["open"])
assert one["open"], "the fixture has open problems"
assert o["total"] == len(one["open"]), (o, len(one["open"]))
assert o["by_path"] == {p: want.get(p, 0) for p in o["by_path"]}, (o, want)
' "$WORK/org.json.en" "$WORK/one.$x.json" "$x"
done
check "text: the open problems table names the accounts" sh -c \
	"sed -n '/Open problems by account and path/,\$p' '$T' | grep -q '$A'"
check "text: the account no run collected is unknown, not without problems" \
	grep -q "Not known for $D: no run has collected it yet, so its problems are unknown (not none)" "$F"
check "JSON: its open counts are null, the others' numbers" "$PYTHON" -c '
import json, sys
o = {x["account_id"]: x for x in json.load(open(sys.argv[1]))["open"]}
assert o[sys.argv[2]]["total"] is None and o[sys.argv[2]]["by_path"] is None, o
assert all(isinstance(v["total"], int) for k, v in o.items() if k != sys.argv[2]), o
' "$WORK/org.json.en" "$D"
check "JSON: coverage lists the failed account with its code" "$PYTHON" -c '
import json, sys
d = json.load(open(sys.argv[1]))
acc = {a["account_id"]: a for a in d["coverage"]["accounts"]}
assert acc[sys.argv[2]]["status"] == "failed", acc
assert acc[sys.argv[2]]["error_code"] == "AccessDenied", acc
assert acc[sys.argv[2]]["fix_kind"] == "trust_policy", acc
assert "trust policy" in acc[sys.argv[2]]["fix"], acc
assert d["coverage"]["accounts_collected_in_range"] == 3, d["coverage"]
assert d["coverage"]["gaps"] == [], d["coverage"]
' "$WORK/org.json.en" "$D"
check "HTML: a page with the coverage table-free sentence and the entry" \
	sh -c "grep -q '<html' '$WORK/org.html.en' &&
	 grep -q 'Seen in 3 of 3 accounts' '$WORK/org.html.en'"

# --- status: the organization's current state ----------------------------
expect_exit 0 "status without --account: the organization's" sh -c \
	"'$BIN' status --db '$DB' --format json >'$WORK/status.json'"
"$BIN" status --db "$DB" >"$WORK/status.txt"
check "status: coverage and open problems, no changes" "$PYTHON" -c '
import json, sys
s = json.load(open(sys.argv[1]))
r = json.load(open(sys.argv[2]))
assert s["report"] == "organization_status", s["report"]
assert s["entries"] == [] and s["changes"] == [], "no changes in status"
assert s["coverage"]["accounts"] == r["coverage"]["accounts"]
assert s["open"] == r["open"], (s["open"], r["open"])
' "$WORK/status.json" "$WORK/org.json.en"
check "status text: the current state, no change sections" sh -c \
	"grep -q 'organization, current state' '$WORK/status.txt' &&
	 grep -q 'Open problems by account and path' '$WORK/status.txt' &&
	 ! grep -q 'Changes seen' '$WORK/status.txt'"

# --- a gap in the grid ----------------------------------------------------
"$PYTHON" - "$WORK/world2.json" "$WORK/world3.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["regions"]["us-west-2"]["down"] = True
json.dump(d, open(sys.argv[2], "w"))
PY
sim_post scenario "$WORK/world3.json"
"$BIN" collect -q --db "$DB" --accounts "$A,$B" --role-name "$ROLE" \
	2>/dev/null || true
"$BIN" report --db "$DB" --format json >"$WORK/gap.json"
"$BIN" report --db "$DB" >"$WORK/gap.txt"
check "JSON: us-west-2 failed for A and B, C not in the run" "$PYTHON" -c '
import json, sys
d = json.load(open(sys.argv[1]))
a, b, c = sys.argv[2:5]
g = sorted((x["account_id"], x["region"], x["status"])
           for x in d["coverage"]["gaps"])
assert g == [(a, "us-west-2", "failed"), (b, "us-west-2", "failed")], g
acc = {x["account_id"]: x for x in d["coverage"]["accounts"]}
assert acc[c]["in_run"] is False, acc[c]
' "$WORK/gap.json" "$A" "$B" "$C"
check "text: the gap table and the account left out of the run" sh -c \
	"grep -q 'Regions not collected in full' '$WORK/gap.txt' &&
	 grep -q '^Account  *us-west-2 *\$' '$WORK/gap.txt' &&
	 grep -q '^$A  *failed (ConnectionReset)' '$WORK/gap.txt' &&
	 grep -q '^$B  *failed (ConnectionReset)' '$WORK/gap.txt' &&
	 grep -q '$C: not part of the newest run' '$WORK/gap.txt'"

# --- --account: one account, as before ------------------------------------
"$BIN" report --db "$DB" --account "$B" --from 1 --to 2 >"$WORK/b.txt"
check "--account B is B's own report" sh -c \
	"grep -q 'Account: $B' '$WORK/b.txt' &&
	 ! grep -q 'organization report' '$WORK/b.txt' &&
	 ! grep -q '$NOVA' '$WORK/b.txt'"
expect_exit 2 "--archive without --account is refused" \
	"$BIN" report --db "$DB" --archive "$WORK/arch"

finish
