-- 0007-accounts.sql: a database knows its accounts.
--
-- Applied by store_open() inside BEGIN IMMEDIATE ... COMMIT, which also
-- sets PRAGMA user_version; foreign keys are off meanwhile and are
-- checked before the commit.  Never edit this file once released.
--
-- One run may collect several AWS accounts (collect --accounts, --org),
-- so the state of a region is the state of (account, region): every
-- table keyed by region gains account_id in its key (region_run and its
-- failures and unknowns, the four *_state tables, region_digest,
-- change_log, and region_run_usage of 0006), and run_account records which accounts each run
-- collected, could not collect, or skipped.  run.account_id stays what
-- it was: the account of the caller's credentials.
--
-- Keys and foreign keys change, which SQLite cannot alter: each table is
-- rebuilt (new table, copy, drop, rename), and every view over them is
-- dropped first and created again at the end, with the columns it had
-- and account_id last.
--
-- Existing rows: a database of an earlier version records one account
-- (collect refused any other since the account guard), so every row
-- takes the account of the newest run that knows its account.  A
-- database none of whose runs learnt its account takes '' (not known
-- yet): the next plain collect, whose credentials then name the account,
-- gives those rows its account (store_account_resolve()) before it
-- records anything.  History is kept row for row: no row is added,
-- dropped or changed but for account_id.
DROP VIEW runs;
DROP VIEW region_runs;
DROP VIEW region_run_failures;
DROP VIEW regions_now;
DROP VIEW region_parts_known;
DROP VIEW models_now;
DROP VIEW quotas_now;
DROP VIEW profiles_now;
DROP VIEW quota_requests_now;
DROP VIEW models_history;
DROP VIEW quotas_history;
DROP VIEW profiles_history;
DROP VIEW quota_requests_history;
DROP VIEW changes;
DROP VIEW quota_usage;

-- The database's account, for every row recorded before this version.
CREATE TEMP TABLE migrate_account AS
SELECT coalesce((SELECT account_id FROM run WHERE account_id IS NOT NULL
    ORDER BY run_id DESC LIMIT 1), '') AS account_id;

-- Tables keyed by region, now by (account, region) ----------------------

CREATE TABLE region_run_new (
	-- the run
	run_id		INTEGER NOT NULL REFERENCES run(run_id),
	-- AWS account collected ('' : not known yet, see above)
	account_id	TEXT NOT NULL CHECK (length(account_id) <= 64),
	-- AWS region name, e.g. "us-east-1"
	region		TEXT NOT NULL CHECK (length(region) BETWEEN 1 AND 64
	    AND region NOT GLOB '*[^a-z0-9-]*'),
	-- ok: the region's state was recorded; partial: recorded, but some
	-- calls failed and what they cover is unknown (region_run_unknown);
	-- failed: no call answered, nothing recorded; not_enabled: an
	-- opt-in region the account has not enabled, nothing recorded
	status		TEXT NOT NULL CHECK (status IN ('ok', 'partial',
	    'failed', 'not_enabled')),
	-- not ok: the AWS operation of the most telling failed call
	-- (region_run_failure holds them all)
	operation	TEXT,
	-- not ok: its HTTP status; NULL if there was no reply
	http_status	INTEGER CHECK (http_status BETWEEN 100 AND 599),
	-- not ok: its AWS error code ("AccessDeniedException") or ours;
	-- NULL when the reply had none (the HTTP status says it all)
	error_code	TEXT,
	-- not ok: its error message
	error_message	TEXT,
	-- partial: how many things are unknown in this run (the rows of
	-- region_run_unknown: a model whose access is unknown, or a whole
	-- list); 0 otherwise
	unknown_count	INTEGER NOT NULL DEFAULT 0 CHECK (unknown_count >= 0),
	PRIMARY KEY (run_id, account_id, region),
	CHECK (status <> 'ok' OR (operation IS NULL AND http_status IS NULL
	    AND error_code IS NULL AND error_message IS NULL
	    AND unknown_count = 0))
) STRICT, WITHOUT ROWID;

CREATE TABLE region_run_failure_new (
	-- the run
	run_id		INTEGER NOT NULL,
	-- AWS account collected ('' : not known yet, see above)
	account_id	TEXT NOT NULL CHECK (length(account_id) <= 64),
	-- AWS region name
	region		TEXT NOT NULL,
	-- 0 for the most telling failure (the one region_run names), 1, ...
	-- (before the other columns: SQLite 3.40's integrity_check misreads
	-- a WITHOUT ROWID table whose key columns do not come first)
	rank		INTEGER NOT NULL CHECK (rank >= 0),
	-- the AWS operation ("GetFoundationModelAvailability"), or "store"
	operation	TEXT NOT NULL,
	-- HTTP status of the failing replies; NULL if there was no reply
	http_status	INTEGER CHECK (http_status BETWEEN 100 AND 599),
	-- AWS error code or ours; NULL when the replies had none
	error_code	TEXT,
	-- the first such call's error message; '' if none
	error_message	TEXT NOT NULL,
	-- how many calls failed this way
	count		INTEGER NOT NULL CHECK (count >= 1),
	PRIMARY KEY (run_id, account_id, region, rank),
	FOREIGN KEY (run_id, account_id, region)
	    REFERENCES region_run(run_id, account_id, region)
) STRICT, WITHOUT ROWID;

CREATE TABLE region_run_unknown_new (
	-- the run
	run_id		INTEGER NOT NULL,
	-- AWS account collected ('' : not known yet, see above)
	account_id	TEXT NOT NULL CHECK (length(account_id) <= 64),
	-- AWS region name
	region		TEXT NOT NULL,
	-- models, model_access, quotas, profiles, requests (status.c)
	part		TEXT NOT NULL CHECK (part IN ('models', 'model_access',
	    'quotas', 'profiles', 'requests')),
	-- model_access: the model ID; '' for a whole part
	subject		TEXT NOT NULL CHECK ((part = 'model_access') =
	    (subject <> '')),
	PRIMARY KEY (run_id, account_id, region, part, subject),
	FOREIGN KEY (run_id, account_id, region)
	    REFERENCES region_run(run_id, account_id, region)
) STRICT, WITHOUT ROWID;

CREATE TABLE model_state_new (
	-- AWS account whose state this is ('' : not known yet, see above)
	account_id	TEXT NOT NULL CHECK (length(account_id) <= 64),
	-- AWS region name
	region			TEXT NOT NULL,
	-- modelId, e.g. "anthropic.claude-3-haiku-20240307-v1:0"
	model_id		TEXT NOT NULL CHECK (model_id <> ''),
	-- modelName, e.g. "Claude 3 Haiku"
	model_name		TEXT NOT NULL,
	-- providerName, e.g. "Anthropic"
	provider		TEXT NOT NULL,
	-- modelLifecycle.status: ACTIVE, LEGACY
	lifecycle_status	TEXT NOT NULL,
	-- inferenceTypesSupported, sorted and ','-joined
	inference_types		TEXT NOT NULL,
	-- authorizationStatus: AUTHORIZED, NOT_AUTHORIZED
	authorization_status	TEXT NOT NULL,
	-- entitlementAvailability: AVAILABLE, NOT_AVAILABLE
	entitlement_availability TEXT NOT NULL,
	-- agreementAvailability.status: AVAILABLE, PENDING, NOT_AVAILABLE, ...
	agreement_status	TEXT NOT NULL,
	-- regionAvailability: AVAILABLE, NOT_AVAILABLE
	region_availability	TEXT NOT NULL,
	-- run where this state was first seen
	since_run		INTEGER NOT NULL,
	-- run where it stopped being true; NULL while current
	until_run		INTEGER,
	-- modelLifecycle.startOfLifeTime as sent; NULL if absent
	start_of_life_time	TEXT,
	-- modelLifecycle.legacyTime; NULL if absent
	legacy_time		TEXT,
	-- modelLifecycle.publicExtendedAccessTime; NULL if absent
	public_extended_access_time TEXT,
	-- modelLifecycle.endOfLifeTime; NULL if absent
	end_of_life_time	TEXT,
	-- agreementAvailability.errorMessage as sent; NULL if absent
	agreement_message	TEXT,
	PRIMARY KEY (account_id, region, model_id, since_run),
	FOREIGN KEY (since_run, account_id, region)
	    REFERENCES region_run(run_id, account_id, region),
	FOREIGN KEY (until_run, account_id, region)
	    REFERENCES region_run(run_id, account_id, region),
	CHECK (until_run > since_run)
) STRICT, WITHOUT ROWID;

CREATE TABLE quota_state_new (
	-- AWS account whose state this is ('' : not known yet, see above)
	account_id	TEXT NOT NULL CHECK (length(account_id) <= 64),
	-- AWS region name
	region		TEXT NOT NULL,
	-- QuotaCode, e.g. "L-2DC80978"; names change, codes do not
	quota_code	TEXT NOT NULL CHECK (quota_code <> ''),
	-- QuotaAppliedAtLevel: ACCOUNT, RESOURCE, ALL; "ACCOUNT" (the API's
	-- default) when absent, and for every row of older versions
	applied_at_level TEXT NOT NULL,
	-- QuotaContext.ContextScope: RESOURCE, ACCOUNT; '' if no context
	context_scope	TEXT NOT NULL,
	-- QuotaContext.ContextId: a resource ARN or "*"; '' if no context
	context_id	TEXT NOT NULL,
	-- QuotaName as AWS reports it now
	quota_name	TEXT NOT NULL,
	-- applied Value; NULL when ListServiceQuotas reports none (see
	-- error_code: with an ErrorReason the value is unknown, not unset)
	applied_value	REAL CHECK (applied_value >= 0),
	-- AWS default Value; NULL when ListAWSDefaultServiceQuotas has none
	default_value	REAL CHECK (default_value >= 0),
	-- Unit: "None", "Count", ...; '' if absent
	unit		TEXT NOT NULL,
	-- Adjustable: 1 an increase can be requested, 0 not
	adjustable	INTEGER NOT NULL CHECK (adjustable IN (0, 1)),
	-- GlobalQuota: 1 if the quota is account-wide, not per region
	global_quota	INTEGER NOT NULL CHECK (global_quota IN (0, 1)),
	-- Period.PeriodValue, e.g. 1; NULL if absent
	period_value	INTEGER,
	-- Period.PeriodUnit: SECOND, MINUTE, DAY, ...; NULL if absent
	period_unit	TEXT,
	-- ErrorReason.ErrorCode of ListServiceQuotas, e.g.
	-- DEPENDENCY_ACCESS_DENIED_ERROR; NULL if none
	error_code	TEXT,
	-- ErrorReason.ErrorMessage as sent; NULL if none
	error_message	TEXT,
	-- run where this state was first seen
	since_run	INTEGER NOT NULL,
	-- run where it stopped being true; NULL while current
	until_run	INTEGER,
	PRIMARY KEY (account_id, region, quota_code, applied_at_level, context_scope,
	    context_id, since_run),
	FOREIGN KEY (since_run, account_id, region)
	    REFERENCES region_run(run_id, account_id, region),
	FOREIGN KEY (until_run, account_id, region)
	    REFERENCES region_run(run_id, account_id, region),
	CHECK (until_run > since_run)
) STRICT, WITHOUT ROWID;

CREATE TABLE profile_state_new (
	-- AWS account whose state this is ('' : not known yet, see above)
	account_id	TEXT NOT NULL CHECK (length(account_id) <= 64),
	-- AWS region name
	region		TEXT NOT NULL,
	-- inferenceProfileId, e.g. "us.anthropic.claude-3-haiku-20240307-v1:0"
	profile_id	TEXT NOT NULL CHECK (profile_id <> ''),
	-- inferenceProfileName
	profile_name	TEXT NOT NULL,
	-- type: SYSTEM_DEFINED, APPLICATION
	profile_type	TEXT NOT NULL,
	-- status: ACTIVE
	status		TEXT NOT NULL,
	-- model IDs it routes to, sorted and ','-joined
	model_ids	TEXT NOT NULL,
	-- regions of those models, sorted and ','-joined
	regions		TEXT NOT NULL,
	-- run where this state was first seen
	since_run	INTEGER NOT NULL,
	-- run where it stopped being true; NULL while current
	until_run	INTEGER,
	PRIMARY KEY (account_id, region, profile_id, since_run),
	FOREIGN KEY (since_run, account_id, region)
	    REFERENCES region_run(run_id, account_id, region),
	FOREIGN KEY (until_run, account_id, region)
	    REFERENCES region_run(run_id, account_id, region),
	CHECK (until_run > since_run)
) STRICT, WITHOUT ROWID;

CREATE TABLE quota_request_state_new (
	-- AWS account whose state this is ('' : not known yet, see above)
	account_id	TEXT NOT NULL CHECK (length(account_id) <= 64),
	-- AWS region name
	region		TEXT NOT NULL,
	-- Id of the request
	request_id	TEXT NOT NULL CHECK (request_id <> ''),
	-- QuotaCode the request is for
	quota_code	TEXT NOT NULL,
	-- QuotaName
	quota_name	TEXT NOT NULL,
	-- DesiredValue; NULL if absent (optional in the API)
	desired_value	REAL CHECK (desired_value >= 0),
	-- Status: PENDING, CASE_OPENED, APPROVED, DENIED, ...
	status		TEXT NOT NULL,
	-- CaseId of the support case; '' if none
	case_id		TEXT NOT NULL,
	-- Created, UTC ISO-8601; '' if absent
	created		TEXT NOT NULL,
	-- LastUpdated, UTC ISO-8601; '' if absent
	last_updated	TEXT NOT NULL,
	-- RequestType: AutomaticManagement; NULL if absent (made by a user)
	request_type	TEXT,
	-- QuotaRequestedAtLevel: ACCOUNT, RESOURCE, ALL; NULL if absent
	requested_at_level TEXT,
	-- Requester as sent (an identity); NULL if absent
	requester	TEXT,
	-- run where this state was first seen
	since_run	INTEGER NOT NULL,
	-- run where it stopped being true; NULL while current
	until_run	INTEGER,
	PRIMARY KEY (account_id, region, request_id, since_run),
	FOREIGN KEY (since_run, account_id, region)
	    REFERENCES region_run(run_id, account_id, region),
	FOREIGN KEY (until_run, account_id, region)
	    REFERENCES region_run(run_id, account_id, region),
	CHECK (until_run > since_run)
) STRICT, WITHOUT ROWID;

CREATE TABLE region_digest_new (
	-- AWS account whose state this is ('' : not known yet, see above)
	account_id	TEXT NOT NULL CHECK (length(account_id) <= 64),
	-- AWS region name
	region		TEXT NOT NULL
	    CHECK (length(region) BETWEEN 1 AND 64),
	-- SHA-256, lowercase hex, of the region's current state rows in key
	-- order (store_state.c state_digest(): every stored column)
	digest		TEXT NOT NULL CHECK (length(digest) = 64
	    AND digest NOT GLOB '*[^0-9a-f]*'),
	-- the run whose collection wrote that state
	run_id		INTEGER NOT NULL REFERENCES run(run_id),
	PRIMARY KEY (account_id, region)
) STRICT, WITHOUT ROWID;

CREATE TABLE change_log_new (
	-- 1, 2, 3, ...: in the order the changes were recorded
	change_id	INTEGER PRIMARY KEY,
	-- run whose collection found the change
	run_id		INTEGER NOT NULL,
	-- AWS account collected ('' : not known yet, see above)
	account_id	TEXT NOT NULL CHECK (length(account_id) <= 64),
	-- AWS region name
	region		TEXT NOT NULL,
	-- run where the new state was first seen
	first_run	INTEGER NOT NULL REFERENCES run(run_id),
	-- what changed: change_kinds.kind
	kind		TEXT NOT NULL REFERENCES change_kinds(kind),
	-- model ID, quota code, profile ID or request ID
	subject		TEXT NOT NULL CHECK (subject <> ''),
	-- readable name of the subject; '' if none
	subject_name	TEXT NOT NULL,
	-- value before, as text; '' where the subject did not exist
	old_value	TEXT NOT NULL,
	-- value after, as text; '' where the subject no longer exists
	new_value	TEXT NOT NULL,
	-- quotas: applied value before; '' when not set or not a quota
	old_applied	TEXT NOT NULL,
	-- quotas: applied value after; '' when not set or not a quota
	new_applied	TEXT NOT NULL,
	-- quotas: default value now; '' if unknown or not a quota
	new_default	TEXT NOT NULL,
	-- default changes: 1 if the applied value moved with the default
	applied_followed INTEGER NOT NULL CHECK (applied_followed IN (0, 1)),
	-- quotas: 1 adjustable now, 0 not; NULL when not a quota
	adjustable	INTEGER CHECK (adjustable IN (0, 1)),
	-- models: entitlementAvailability now; '' otherwise
	entitlement	TEXT NOT NULL,
	-- quota requests: the quota's code; '' otherwise
	quota_code	TEXT NOT NULL,
	-- quota requests: the value asked for; '' otherwise
	desired_value	TEXT NOT NULL,
	-- troubleshooting path: change_paths.path
	path		TEXT NOT NULL REFERENCES change_paths(path),
	-- how urgent: change_severities.severity
	severity	TEXT NOT NULL REFERENCES change_severities(severity),
	-- regions still offering the model, ','-joined; '' if none or n/a
	alt_regions	TEXT NOT NULL,
	-- inference profiles including the model, ','-joined; '' if none
	alt_profiles	TEXT NOT NULL,
	-- model_lifecycle_date_changed: the date that moved; '' otherwise
	field		TEXT NOT NULL DEFAULT '',
	-- quotas: 1 if AWS could not tell the applied value on either side
	applied_unknown	INTEGER NOT NULL DEFAULT 0
	    CHECK (applied_unknown IN (0, 1)),
	-- quotas: the rest of the row's key, as in quota_state; '' otherwise
	applied_at_level TEXT NOT NULL DEFAULT '',
	-- quotas: QuotaContext.ContextScope; '' otherwise
	context_scope	TEXT NOT NULL DEFAULT '',
	-- quotas: QuotaContext.ContextId; '' otherwise
	context_id	TEXT NOT NULL DEFAULT '',
	FOREIGN KEY (run_id, account_id, region)
	    REFERENCES region_run(run_id, account_id, region)
) STRICT;

INSERT INTO region_run_new (account_id, run_id, region, status, operation, http_status, error_code, error_message, unknown_count)
SELECT (SELECT account_id FROM migrate_account), run_id, region, status, operation, http_status, error_code, error_message, unknown_count
FROM region_run;

INSERT INTO region_run_failure_new (account_id, run_id, region, rank, operation, http_status, error_code, error_message, count)
SELECT (SELECT account_id FROM migrate_account), run_id, region, rank, operation, http_status, error_code, error_message, count
FROM region_run_failure;

INSERT INTO region_run_unknown_new (account_id, run_id, region, part, subject)
SELECT (SELECT account_id FROM migrate_account), run_id, region, part, subject
FROM region_run_unknown;

INSERT INTO model_state_new (account_id, region, model_id, model_name, provider, lifecycle_status, inference_types, authorization_status, entitlement_availability, agreement_status, region_availability, since_run, until_run, start_of_life_time, legacy_time, public_extended_access_time, end_of_life_time, agreement_message)
SELECT (SELECT account_id FROM migrate_account), region, model_id, model_name, provider, lifecycle_status, inference_types, authorization_status, entitlement_availability, agreement_status, region_availability, since_run, until_run, start_of_life_time, legacy_time, public_extended_access_time, end_of_life_time, agreement_message
FROM model_state;

INSERT INTO quota_state_new (account_id, region, quota_code, applied_at_level, context_scope, context_id, quota_name, applied_value, default_value, unit, adjustable, global_quota, period_value, period_unit, error_code, error_message, since_run, until_run)
SELECT (SELECT account_id FROM migrate_account), region, quota_code, applied_at_level, context_scope, context_id, quota_name, applied_value, default_value, unit, adjustable, global_quota, period_value, period_unit, error_code, error_message, since_run, until_run
FROM quota_state;

INSERT INTO profile_state_new (account_id, region, profile_id, profile_name, profile_type, status, model_ids, regions, since_run, until_run)
SELECT (SELECT account_id FROM migrate_account), region, profile_id, profile_name, profile_type, status, model_ids, regions, since_run, until_run
FROM profile_state;

INSERT INTO quota_request_state_new (account_id, region, request_id, quota_code, quota_name, desired_value, status, case_id, created, last_updated, request_type, requested_at_level, requester, since_run, until_run)
SELECT (SELECT account_id FROM migrate_account), region, request_id, quota_code, quota_name, desired_value, status, case_id, created, last_updated, request_type, requested_at_level, requester, since_run, until_run
FROM quota_request_state;

INSERT INTO region_digest_new (account_id, region, digest, run_id)
SELECT (SELECT account_id FROM migrate_account), region, digest, run_id
FROM region_digest;

INSERT INTO change_log_new (account_id, change_id, run_id, region, first_run, kind, subject, subject_name, old_value, new_value, old_applied, new_applied, new_default, applied_followed, adjustable, entitlement, quota_code, desired_value, path, severity, alt_regions, alt_profiles, field, applied_unknown, applied_at_level, context_scope, context_id)
SELECT (SELECT account_id FROM migrate_account), change_id, run_id, region, first_run, kind, subject, subject_name, old_value, new_value, old_applied, new_applied, new_default, applied_followed, adjustable, entitlement, quota_code, desired_value, path, severity, alt_regions, alt_profiles, field, applied_unknown, applied_at_level, context_scope, context_id
FROM change_log;

DROP TABLE change_log;
DROP TABLE region_digest;
DROP TABLE quota_request_state;
DROP TABLE profile_state;
DROP TABLE quota_state;
DROP TABLE model_state;
DROP TABLE region_run_unknown;
DROP TABLE region_run_failure;
DROP TABLE region_run;
ALTER TABLE region_run_new RENAME TO region_run;
ALTER TABLE region_run_failure_new RENAME TO region_run_failure;
ALTER TABLE region_run_unknown_new RENAME TO region_run_unknown;
ALTER TABLE model_state_new RENAME TO model_state;
ALTER TABLE quota_state_new RENAME TO quota_state;
ALTER TABLE profile_state_new RENAME TO profile_state;
ALTER TABLE quota_request_state_new RENAME TO quota_request_state;
ALTER TABLE region_digest_new RENAME TO region_digest;
ALTER TABLE change_log_new RENAME TO change_log;

-- How each region's usage collection went (0006): per account too.
CREATE TABLE region_run_usage_new (
	-- the run
	run_id		INTEGER NOT NULL,
	-- the account whose region this is
	account_id	TEXT NOT NULL CHECK (length(account_id) <= 64),
	-- AWS region name
	region		TEXT NOT NULL,
	-- ok, nothing_new, skipped, failed: as in 0006
	status		TEXT NOT NULL CHECK (status IN ('ok', 'nothing_new',
	    'skipped', 'failed')),
	operation	TEXT,
	http_status	INTEGER CHECK (http_status BETWEEN 100 AND 599),
	error_code	TEXT,
	error_message	TEXT,
	window_start	INTEGER,
	window_end	INTEGER,
	metrics		INTEGER NOT NULL DEFAULT 0 CHECK (metrics >= 0),
	PRIMARY KEY (run_id, account_id, region),
	CHECK (status <> 'ok' OR (window_start IS NOT NULL AND
	    window_end > window_start)),
	CHECK (status <> 'failed' OR operation IS NOT NULL)
) STRICT, WITHOUT ROWID;
INSERT INTO region_run_usage_new (run_id, account_id, region, status,
    operation, http_status, error_code, error_message, window_start,
    window_end, metrics)
SELECT run_id, (SELECT account_id FROM migrate_account), region, status,
    operation, http_status, error_code, error_message, window_start,
    window_end, metrics
FROM region_run_usage;
DROP TABLE region_run_usage;
ALTER TABLE region_run_usage_new RENAME TO region_run_usage;

DROP TABLE migrate_account;

-- At most one current row per subject of an account's region.
CREATE UNIQUE INDEX model_state_open ON model_state(account_id, region,
    model_id) WHERE until_run IS NULL;
CREATE UNIQUE INDEX quota_state_open ON quota_state(account_id, region,
    quota_code, applied_at_level, context_scope, context_id)
    WHERE until_run IS NULL;
CREATE UNIQUE INDEX profile_state_open ON profile_state(account_id, region,
    profile_id) WHERE until_run IS NULL;
CREATE UNIQUE INDEX quota_request_state_open ON quota_request_state(
    account_id, region, request_id) WHERE until_run IS NULL;
CREATE INDEX change_log_run ON change_log(run_id);

-- The accounts of each run: which were collected, which could not be
-- (their role could not be assumed: code and message as STS sent them),
-- and which were skipped (an Organizations account that is not ACTIVE).
-- A single-account collect records its one account here too.
CREATE TABLE run_account (
	-- the run
	run_id		INTEGER NOT NULL REFERENCES run(run_id),
	-- the AWS account, 12 digits
	account_id	TEXT NOT NULL CHECK (length(account_id) BETWEEN 1 AND 64),
	-- collected: its regions are in region_run; failed: no credentials
	-- for it (nothing collected, its state carried forward); skipped:
	-- not ACTIVE in the organization, not asked
	status		TEXT NOT NULL CHECK (status IN ('collected', 'failed',
	    'skipped')),
	-- Organizations' Status (ACTIVE, SUSPENDED, PENDING_CLOSURE, ...);
	-- '' when the account was not discovered through Organizations
	org_status	TEXT NOT NULL DEFAULT '',
	-- failed: the operation that failed ("AssumeRole"); else NULL
	operation	TEXT,
	-- failed: its error code as STS sent it ("AccessDenied"); else NULL
	error_code	TEXT,
	-- failed: its error message as sent; else NULL
	error_message	TEXT,
	PRIMARY KEY (run_id, account_id),
	CHECK (status = 'failed' OR (operation IS NULL AND error_code IS NULL
	    AND error_message IS NULL))
) STRICT, WITHOUT ROWID;

-- Runs before this version collected the account of the run, if known.
INSERT INTO run_account (run_id, account_id, status)
SELECT r.run_id, r.account_id, 'collected' FROM run r
WHERE r.account_id IS NOT NULL
    AND EXISTS (SELECT 1 FROM region_run g WHERE g.run_id = r.run_id);

CREATE VIEW run_accounts AS
SELECT
	a.run_id,
	a.account_id,
	a.status,
	a.org_status,
	a.operation,
	a.error_code,
	a.error_message
FROM run_account a;

-- Public views, as before, each with account_id at the end -------------

CREATE VIEW runs AS
SELECT
	r.run_id,
	r.started_at,
	r.finished_at,
	r.status,
	r.account_id,
	(SELECT count(*) FROM region_run g
	    WHERE g.run_id = r.run_id AND g.status = 'ok') AS regions_ok,
	(SELECT count(*) FROM region_run g
	    WHERE g.run_id = r.run_id AND g.status = 'failed') AS regions_failed,
	(SELECT count(*) FROM region_run g
	    WHERE g.run_id = r.run_id AND g.status = 'partial')
	    AS regions_partial,
	(SELECT count(*) FROM region_run g
	    WHERE g.run_id = r.run_id AND g.status = 'not_enabled')
	    AS regions_not_enabled
FROM run r;
CREATE VIEW region_runs AS
SELECT
	g.run_id,
	g.region,
	g.status,
	g.operation,
	g.http_status,
	g.error_code,
	g.error_message,
	r.started_at,
	g.unknown_count,
	(SELECT coalesce(sum(f.count), 0) FROM region_run_failure f
	    WHERE f.run_id = g.run_id AND f.account_id = g.account_id
	    AND f.region = g.region) AS failed_calls,
	u.status AS usage_status,
	u.error_code AS usage_error_code,
	u.window_end AS usage_window_end,
	u.metrics AS usage_metrics,
	g.account_id
FROM region_run g JOIN run r ON r.run_id = g.run_id
LEFT JOIN region_run_usage u ON u.run_id = g.run_id AND
    u.account_id = g.account_id AND u.region = g.region;
CREATE VIEW region_run_failures AS
SELECT
	f.run_id,
	f.region,
	f.operation,
	f.http_status,
	f.error_code,
	f.error_message,
	f.count,
	f.rank,
	f.account_id
FROM region_run_failure f;
CREATE VIEW regions_now AS
SELECT
	a.region,
	a.last_run,
	(SELECT g.status FROM region_run g
	    WHERE g.run_id = a.last_run AND g.account_id = a.account_id
	    AND g.region = a.region) AS last_status,
	a.last_ok_run,
	(SELECT r.started_at FROM run r
	    WHERE r.run_id = a.last_ok_run) AS last_ok_at,
	a.account_id
FROM (SELECT account_id, region, max(run_id) AS last_run,
	max(run_id) FILTER (WHERE status IN ('ok', 'partial')) AS last_ok_run
    FROM region_run GROUP BY account_id, region) a;
CREATE VIEW region_parts_known AS
SELECT g.run_id, g.region, p.part, g.account_id
FROM region_run g, (SELECT 'models' AS part UNION ALL SELECT 'quotas'
    UNION ALL SELECT 'profiles' UNION ALL SELECT 'requests') p
WHERE g.status = 'ok' OR (g.status = 'partial'
    AND NOT EXISTS (SELECT 1 FROM region_run_unknown u
    WHERE u.run_id = g.run_id AND u.account_id = g.account_id
    AND u.region = g.region AND u.part = p.part));
CREATE VIEW models_now AS
SELECT
	x.region,
	x.model_id,
	x.model_name,
	x.provider,
	x.lifecycle_status,
	x.inference_types,
	x.authorization_status,
	x.entitlement_availability,
	x.agreement_status,
	x.region_availability,
	x.start_of_life_time,
	x.legacy_time,
	x.public_extended_access_time,
	x.end_of_life_time,
	x.agreement_message,
	x.first_seen,
	x.last_changed,
	x.since_run,
	x.confirmed_run,
	coalesce(x.confirmed_run = (SELECT max(g.run_id) FROM region_run g
	    WHERE g.account_id = x.account_id AND g.region = x.region), 0)
	    AS confirmed,
	x.account_id
FROM (SELECT
		m.region,
		m.model_id,
		m.model_name,
		m.provider,
		m.lifecycle_status,
		m.inference_types,
		m.authorization_status,
		m.entitlement_availability,
		m.agreement_status,
		m.region_availability,
		m.start_of_life_time,
		m.legacy_time,
		m.public_extended_access_time,
		m.end_of_life_time,
		m.agreement_message,
		(SELECT f.started_at FROM run f WHERE f.run_id =
		    (SELECT min(h.since_run) FROM model_state h
		    WHERE h.account_id = m.account_id
		    AND h.region = m.region AND h.model_id = m.model_id))
		    AS first_seen,
		s.started_at AS last_changed,
		m.since_run,
		(SELECT max(k.run_id) FROM region_parts_known k
		    WHERE k.account_id = m.account_id
		    AND k.region = m.region AND k.part = 'models'
		    AND k.run_id >= m.since_run
		    AND NOT EXISTS (SELECT 1 FROM region_run_unknown u
		    WHERE u.run_id = k.run_id AND u.account_id = k.account_id
		    AND u.region = k.region
		    AND u.part = 'model_access' AND u.subject = m.model_id))
		    AS confirmed_run,
		m.account_id
	FROM model_state m JOIN run s ON s.run_id = m.since_run
	WHERE m.until_run IS NULL) x;
CREATE VIEW quotas_now AS
SELECT
	x.region,
	x.quota_code,
	x.applied_at_level,
	x.context_scope,
	x.context_id,
	x.quota_name,
	x.applied_value,
	x.default_value,
	x.unit,
	x.adjustable,
	x.global_quota,
	x.period_value,
	x.period_unit,
	x.error_code,
	x.error_message,
	x.first_seen,
	x.last_changed,
	x.since_run,
	x.confirmed_run,
	coalesce(x.confirmed_run = (SELECT max(g.run_id) FROM region_run g
	    WHERE g.account_id = x.account_id AND g.region = x.region), 0)
	    AS confirmed,
	x.account_id
FROM (SELECT
		q.region,
		q.quota_code,
		q.applied_at_level,
		q.context_scope,
		q.context_id,
		q.quota_name,
		q.applied_value,
		q.default_value,
		q.unit,
		q.adjustable,
		q.global_quota,
		q.period_value,
		q.period_unit,
		q.error_code,
		q.error_message,
		(SELECT f.started_at FROM run f WHERE f.run_id =
		    (SELECT min(h.since_run) FROM quota_state h
		    WHERE h.account_id = q.account_id
		    AND h.region = q.region AND h.quota_code = q.quota_code
		    AND h.applied_at_level = q.applied_at_level
		    AND h.context_scope = q.context_scope
		    AND h.context_id = q.context_id))
		    AS first_seen,
		s.started_at AS last_changed,
		q.since_run,
		(SELECT max(k.run_id) FROM region_parts_known k
		    WHERE k.account_id = q.account_id
		    AND k.region = q.region AND k.part = 'quotas'
		    AND k.run_id >= q.since_run)
		    AS confirmed_run,
		q.account_id
	FROM quota_state q JOIN run s ON s.run_id = q.since_run
	WHERE q.until_run IS NULL) x;
CREATE VIEW profiles_now AS
SELECT
	x.region,
	x.profile_id,
	x.profile_name,
	x.profile_type,
	x.status,
	x.model_ids,
	x.regions,
	x.first_seen,
	x.last_changed,
	x.since_run,
	x.confirmed_run,
	coalesce(x.confirmed_run = (SELECT max(g.run_id) FROM region_run g
	    WHERE g.account_id = x.account_id AND g.region = x.region), 0)
	    AS confirmed,
	x.account_id
FROM (SELECT
		p.region,
		p.profile_id,
		p.profile_name,
		p.profile_type,
		p.status,
		p.model_ids,
		p.regions,
		(SELECT f.started_at FROM run f WHERE f.run_id =
		    (SELECT min(h.since_run) FROM profile_state h
		    WHERE h.account_id = p.account_id
		    AND h.region = p.region AND h.profile_id = p.profile_id))
		    AS first_seen,
		s.started_at AS last_changed,
		p.since_run,
		(SELECT max(k.run_id) FROM region_parts_known k
		    WHERE k.account_id = p.account_id
		    AND k.region = p.region AND k.part = 'profiles'
		    AND k.run_id >= p.since_run)
		    AS confirmed_run,
		p.account_id
	FROM profile_state p JOIN run s ON s.run_id = p.since_run
	WHERE p.until_run IS NULL) x;
CREATE VIEW quota_requests_now AS
SELECT
	x.region,
	x.request_id,
	x.quota_code,
	x.quota_name,
	x.desired_value,
	x.status,
	x.case_id,
	x.created,
	x.last_updated,
	x.request_type,
	x.requested_at_level,
	x.requester,
	x.first_seen,
	x.last_changed,
	x.since_run,
	x.confirmed_run,
	coalesce(x.confirmed_run = (SELECT max(g.run_id) FROM region_run g
	    WHERE g.account_id = x.account_id AND g.region = x.region), 0)
	    AS confirmed,
	x.account_id
FROM (SELECT
		q.region,
		q.request_id,
		q.quota_code,
		q.quota_name,
		q.desired_value,
		q.status,
		q.case_id,
		q.created,
		q.last_updated,
		q.request_type,
		q.requested_at_level,
		q.requester,
		(SELECT f.started_at FROM run f WHERE f.run_id =
		    (SELECT min(h.since_run) FROM quota_request_state h
		    WHERE h.account_id = q.account_id
		    AND h.region = q.region AND h.request_id = q.request_id))
		    AS first_seen,
		s.started_at AS last_changed,
		q.since_run,
		(SELECT max(k.run_id) FROM region_parts_known k
		    WHERE k.account_id = q.account_id
		    AND k.region = q.region AND k.part = 'requests'
		    AND k.run_id >= q.since_run)
		    AS confirmed_run,
		q.account_id
	FROM quota_request_state q JOIN run s ON s.run_id = q.since_run
	WHERE q.until_run IS NULL) x;
CREATE VIEW profiles_history AS
SELECT
	p.region,
	p.profile_id,
	p.profile_name,
	p.profile_type,
	p.status,
	p.model_ids,
	p.regions,
	p.since_run,
	p.until_run,
	s.started_at AS since_at,
	u.started_at AS until_at,
	p.account_id
FROM profile_state p
JOIN run s ON s.run_id = p.since_run
LEFT JOIN run u ON u.run_id = p.until_run;
CREATE VIEW models_history AS
SELECT
	m.region,
	m.model_id,
	m.model_name,
	m.provider,
	m.lifecycle_status,
	m.inference_types,
	m.authorization_status,
	m.entitlement_availability,
	m.agreement_status,
	m.region_availability,
	m.start_of_life_time,
	m.legacy_time,
	m.public_extended_access_time,
	m.end_of_life_time,
	m.agreement_message,
	m.since_run,
	m.until_run,
	s.started_at AS since_at,
	u.started_at AS until_at,
	m.account_id
FROM model_state m
JOIN run s ON s.run_id = m.since_run
LEFT JOIN run u ON u.run_id = m.until_run;
CREATE VIEW quotas_history AS
SELECT
	q.region,
	q.quota_code,
	q.applied_at_level,
	q.context_scope,
	q.context_id,
	q.quota_name,
	q.applied_value,
	q.default_value,
	q.unit,
	q.adjustable,
	q.global_quota,
	q.period_value,
	q.period_unit,
	q.error_code,
	q.error_message,
	q.since_run,
	q.until_run,
	s.started_at AS since_at,
	u.started_at AS until_at,
	q.account_id
FROM quota_state q
JOIN run s ON s.run_id = q.since_run
LEFT JOIN run u ON u.run_id = q.until_run;
CREATE VIEW quota_requests_history AS
SELECT
	q.region,
	q.request_id,
	q.quota_code,
	q.quota_name,
	q.desired_value,
	q.status,
	q.case_id,
	q.created,
	q.last_updated,
	q.request_type,
	q.requested_at_level,
	q.requester,
	q.since_run,
	q.until_run,
	s.started_at AS since_at,
	u.started_at AS until_at,
	q.account_id
FROM quota_request_state q
JOIN run s ON s.run_id = q.since_run
LEFT JOIN run u ON u.run_id = q.until_run;
CREATE VIEW changes AS
SELECT
	c.change_id,
	c.run_id,
	d.started_at AS detected_at,
	c.region,
	c.kind,
	c.subject,
	c.subject_name,
	c.old_value,
	c.new_value,
	c.path,
	c.severity,
	c.first_run,
	f.started_at AS first_seen,
	c.old_applied,
	c.new_applied,
	c.new_default,
	c.applied_followed,
	c.adjustable,
	c.entitlement,
	c.quota_code,
	c.alt_regions,
	c.alt_profiles,
	c.desired_value,
	c.field,
	c.applied_unknown,
	c.applied_at_level,
	c.context_scope,
	c.context_id,
	c.account_id
FROM change_log c
JOIN run d ON d.run_id = c.run_id
JOIN run f ON f.run_id = c.first_run;

-- Each mapped quota with its usage per stored day (0006), the quota now
-- of the same account.
CREATE VIEW quota_usage AS
SELECT
	m.account_id,
	m.region,
	m.quota_code,
	q.quota_name,
	q.applied_value,
	q.adjustable,
	m.rate,
	m.model_id,
	m.metric,
	m.approximate,
	d.day,
	d.peak,
	d.peak_at,
	d.p95,
	d.sum,
	CASE WHEN q.applied_value > 0
	    THEN 100.0 * d.peak / q.applied_value END AS percent,
	coalesce(t.active, 0) AS throttled_minutes,
	d.first_run
FROM usage_quota_map m
JOIN quotas_now q ON q.account_id = m.account_id AND q.region = m.region
    AND q.quota_code = m.quota_code AND q.applied_at_level = 'ACCOUNT'
JOIN usage_day d ON d.account_id = m.account_id AND d.region = m.region
    AND d.model_id = m.model_id AND d.metric = m.metric
LEFT JOIN usage_day t ON t.account_id = m.account_id AND
    t.region = m.region AND t.model_id = m.model_id AND
    t.metric = 'InvocationThrottles' AND t.day = d.day
WHERE m.mapping = 'mapped';
