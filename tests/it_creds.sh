#!/bin/sh
# Integration: the credential sources that ask STS or the SSO portal,
# end to end against the simulator's identity side: assume-role over a
# static-key profile, a chain of two roles, credential_source =
# Environment, web identity from the environment and from a profile, an
# SSO session profile and a legacy SSO profile with the AWS CLI's cached
# token.  whoami must name the assumed role and collect must record a
# run through each.  The broken ones (an expired SSO token, a wrong
# external ID, an untrusted caller, an MFA profile, a source_profile
# cycle) must each fail with exit 4 and one line that says why.
set -eu
. "$(dirname "$0")/lib.sh"

WORLD="$TOP/sim/scenarios/small.json"
DB="$WORK/audit.db"
ACCT=123456789012
AUDIT="arn:aws:iam::$ACCT:role/audit"
MID="arn:aws:iam::$ACCT:role/mid"
WEB="arn:aws:iam::210987654321:role/web"
START_URL="https://corp.awsapps.com/start"
LEGACY_URL="https://legacy.awsapps.com/start"

cat >"$WORK/identity.json" <<EOF
{"roles": {
  "$AUDIT": {"trusted": ["arn:aws:iam::$ACCT:user/bedrock-audit", "$MID"],
             "external_id": "ext-42"},
  "$MID": {"trusted": ["arn:aws:iam::$ACCT:root"]},
  "$WEB": {"trusted": [], "web_identity_tokens": ["eyJ.web.good"]}},
 "sso": {"access_tokens": ["sso-bearer-corp", "sso-bearer-legacy"],
         "assignments": [{"account_id": "210987654321",
                          "role_name": "Audit"}]}}
EOF
sim_start "$WORLD" --identity "$WORK/identity.json"

# The keys under test come from the files; the environment's only where
# a test puts them back.
ENV_KEY=$AWS_ACCESS_KEY_ID
ENV_SECRET=$AWS_SECRET_ACCESS_KEY
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY
printf 'eyJ.web.good\n' >"$WORK/web.token"

cat >"$AWS_SHARED_CREDENTIALS_FILE" <<EOF
[base]
aws_access_key_id = $ENV_KEY
aws_secret_access_key = $ENV_SECRET
EOF
cat >"$AWS_CONFIG_FILE" <<EOF
[profile prod]
role_arn = $AUDIT
source_profile = base
external_id = ext-42
role_session_name = nightly
[profile mid]
role_arn = $MID
source_profile = base
[profile chain]
role_arn = $AUDIT
source_profile = mid
external_id = ext-42
[profile envrole]
role_arn = $MID
credential_source = Environment
[profile webprof]
web_identity_token_file = $WORK/web.token
role_arn = $WEB
[profile sso]
sso_session = corp
sso_account_id = 210987654321
sso_role_name = Audit
[sso-session corp]
sso_start_url = $START_URL
sso_region = eu-west-1
[profile ssolegacy]
sso_start_url = $LEGACY_URL
sso_region = us-east-1
sso_account_id = 210987654321
sso_role_name = Audit
[profile ssoexpired]
sso_session = old
sso_account_id = 210987654321
sso_role_name = Audit
[sso-session old]
sso_start_url = https://old.awsapps.com/start
sso_region = eu-west-1
[profile wrongext]
role_arn = $AUDIT
source_profile = base
external_id = wrong-1
[profile untrusted]
role_arn = $WEB
source_profile = base
[profile mfa]
role_arn = $AUDIT
source_profile = base
mfa_serial = arn:aws:iam::$ACCT:mfa/operator
[profile loop-a]
role_arn = $MID
source_profile = loop-b
[profile loop-b]
role_arn = $MID
source_profile = loop-a
EOF

# The AWS CLI's SSO token cache: <hex SHA-1 of the session or URL>.json.
mkdir -p "$HOME/.aws/sso/cache"
cache() {
	printf '{"startUrl": "%s", "region": "eu-west-1", "accessToken": "%s", "expiresAt": "%s"}\n' \
		"$2" "$3" "$4" >"$HOME/.aws/sso/cache/$(printf '%s' "$1" |
		sha1sum | cut -c1-40).json"
}
cache corp "$START_URL" sso-bearer-corp 2099-01-01T00:00:00Z
cache "$LEGACY_URL" "$LEGACY_URL" sso-bearer-legacy 2099-01-01T00:00:00Z
cache old https://old.awsapps.com/start sso-bearer-old 2020-01-01T00:00:00Z

# to OUT ERR COMMAND...: run it with stdout and stderr in the two
# files; its exit status is left in $rc.
to() {
	o=$1
	e=$2
	shift 2
	set +e
	"$@" >"$o" 2>"$e"
	rc=$?
	set -e
}

# works NAME SOURCE ARN-PATTERN env VAR=...: whoami and collect through
# it (with the options in $ARGS, if any)
ARGS=
works() {
	name=$1
	src=$2
	arn=$3
	shift 3
	to "$WORK/$name.out" "$WORK/$name.err" "$@" "$BIN" whoami $ARGS
	check "$name: whoami exits 0 (got $rc)" test "$rc" = 0
	check "$name: source $src" grep -q "^source: *$src " "$WORK/$name.out"
	check "$name: arn $arn" grep -q "^arn: *$arn" "$WORK/$name.out"
	# A database per case: they are not all the same account.
	to /dev/null "$WORK/$name.collect.err" "$@" "$BIN" collect -q \
		--db "$WORK/$name.db" $ARGS
	check "$name: collect exits 0 (got $rc)" test "$rc" = 0
	check "$name: nothing on stderr" test ! -s "$WORK/$name.err" -a \
		! -s "$WORK/$name.collect.err"
}

works assume-role assume-role \
	"arn:aws:sts::$ACCT:assumed-role/audit/nightly$" \
	env AWS_PROFILE=prod
works role-chain assume-role \
	"arn:aws:sts::$ACCT:assumed-role/audit/bedrock-audit-" \
	env AWS_PROFILE=chain
# (--profile: with AWS_PROFILE the environment's keys would win outright)
ARGS="--profile envrole"
works credential-source assume-role \
	"arn:aws:sts::$ACCT:assumed-role/mid/" \
	env AWS_ACCESS_KEY_ID="$ENV_KEY" AWS_SECRET_ACCESS_KEY="$ENV_SECRET"
ARGS=
works web-identity-env web-identity \
	"arn:aws:sts::210987654321:assumed-role/web/ci-7$" \
	env AWS_WEB_IDENTITY_TOKEN_FILE="$WORK/web.token" AWS_ROLE_ARN="$WEB" \
	AWS_ROLE_SESSION_NAME=ci-7
works web-identity-profile web-identity \
	"arn:aws:sts::210987654321:assumed-role/web/" env AWS_PROFILE=webprof
works sso-session sso \
	"arn:aws:sts::210987654321:assumed-role/AWSReservedSSO_Audit_" \
	env AWS_PROFILE=sso
works sso-legacy sso \
	"arn:aws:sts::210987654321:assumed-role/AWSReservedSSO_Audit_" \
	env AWS_PROFILE=ssolegacy

complete=0
for name in assume-role role-chain credential-source web-identity-env \
    web-identity-profile sso-session sso-legacy; do
	n=$(sqlite3 "$WORK/$name.db" \
	    "SELECT count(*) FROM runs WHERE status = 'complete'")
	complete=$((complete + n))
done
check "collect recorded a run for each" test "$complete" = 7

# --profile sets the environment's keys aside; AWS_PROFILE does not.
env AWS_ACCESS_KEY_ID="$ENV_KEY" AWS_SECRET_ACCESS_KEY="$ENV_SECRET" \
	"$BIN" whoami --profile prod >"$WORK/arg.out"
check "--profile: the profile, not the environment" \
	grep -q '^source: *assume-role ' "$WORK/arg.out"
env AWS_ACCESS_KEY_ID="$ENV_KEY" AWS_SECRET_ACCESS_KEY="$ENV_SECRET" \
	AWS_PROFILE=prod "$BIN" whoami >"$WORK/env.out"
check "AWS_PROFILE: the environment's keys still win" \
	grep -q '^source: *environment ' "$WORK/env.out"

# AWS_ENDPOINT_URL_STS and AWS_ENDPOINT_URL_SSO win over AWS_ENDPOINT_URL.
to "$WORK/ep.out" "$WORK/ep.err" env AWS_ENDPOINT_URL=http://127.0.0.1:9 \
	AWS_ENDPOINT_URL_STS="$SIM_URL" "$BIN" whoami --profile chain
check "AWS_ENDPOINT_URL_STS is where AssumeRole goes (exit $rc)" \
	test "$rc" = 0
to "$WORK/ep.out" "$WORK/ep.err" env AWS_ENDPOINT_URL=http://127.0.0.1:9 \
	AWS_ENDPOINT_URL_STS="$SIM_URL" "$BIN" whoami --profile sso
check "without AWS_ENDPOINT_URL_SSO the portal is not reached (exit $rc)" \
	test "$rc" = 4
check "and the one line says so" grep -q "SSO (profile sso): " "$WORK/ep.err"
to "$WORK/ep.out" "$WORK/ep.err" env AWS_ENDPOINT_URL=http://127.0.0.1:9 \
	AWS_ENDPOINT_URL_STS="$SIM_URL" AWS_ENDPOINT_URL_SSO="$SIM_URL" \
	"$BIN" whoami --profile sso
check "AWS_ENDPOINT_URL_SSO is where GetRoleCredentials goes (exit $rc)" \
	test "$rc" = 0

# fails NAME CODE PATTERN ARGS...: whoami and collect exit CODE with one
# line on stderr matching PATTERN.
fails() {
	name=$1
	code=$2
	pat=$3
	shift 3
	to /dev/null "$WORK/$name.err" "$BIN" whoami "$@"
	check "$name: whoami exits $code (got $rc)" test "$rc" = "$code"
	check "$name: one line" test "$(wc -l <"$WORK/$name.err")" = 1
	check "$name: says why" grep -q -e "$pat" "$WORK/$name.err"
	to /dev/null "$WORK/$name.collect.err" "$BIN" collect -q --db "$DB" "$@"
	check "$name: collect exits $code (got $rc)" test "$rc" = "$code"
	check "$name: collect, the same line" \
		cmp -s "$WORK/$name.err" "$WORK/$name.collect.err"
}

fails sso-expired 4 \
	'SSO (profile ssoexpired): the SSO token expired at 2020-01-01T00:00:00Z: run "aws sso login --profile ssoexpired"$' \
	--profile ssoexpired
fails wrong-external-id 4 \
	"profile wrongext: AssumeRole: HTTP 403 AccessDenied: User: arn:aws:iam::$ACCT:user/bedrock-audit is not authorized to perform: sts:AssumeRole on resource: $AUDIT\$" \
	--profile wrongext
fails untrusted 4 \
	"profile untrusted: AssumeRole: HTTP 403 AccessDenied: .* on resource: $WEB\$" \
	--profile untrusted
fails mfa 4 \
	'profile mfa: mfa_serial is set, but an MFA code cannot be prompted for' \
	--profile mfa
fails cycle 4 \
	'profile loop-a: source_profile cycle: loop-a -> loop-b -> loop-a$' \
	--profile loop-a

check "each failed collect is recorded as failed" test "$(sqlite3 "$DB" \
	"SELECT count(*) FROM runs WHERE status = 'failed'")" = 5

finish
