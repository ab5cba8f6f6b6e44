-- 0001-init.sql: the first bedrock-audit schema.
--
-- Applied by store_open() inside BEGIN IMMEDIATE ... COMMIT, which also
-- sets PRAGMA user_version = 1.  Never edit this file once released: a
-- later change is a new schema/NNNN-*.sql.
--
-- Tables hold the data; the views at the end, and the three change_*
-- lookup tables, are the public interface for sqlite3(1) users
-- (docs/schema.md).  Timestamps are UTC ISO-8601 text
-- ("2025-06-01T03:00:00Z"), which sorts as time does.
--
-- Observed state is change-only history.  A *_state row is written when a
-- subject (model, quota, inference profile, quota request) first appears
-- in a region or any of its fields changes; since_run is that run.  The
-- row is closed (until_run = the run that saw the change or the
-- disappearance) and a new row opened when it changes again.  A run that
-- changes nothing writes only its run row and its region_run rows.  A
-- region whose collection failed writes no state: its rows stay open,
-- because unknown is not empty.
--
-- State of region G as of run R:
--   region = G AND since_run <= R AND (until_run IS NULL OR until_run > R)

-- "BdAu": marks the file as a bedrock-audit database.
PRAGMA application_id = 1113866613;

-- One row per collect.
CREATE TABLE run (
	-- 1, 2, 3, ...: never reused, ascending in the order runs began
	run_id		INTEGER PRIMARY KEY AUTOINCREMENT,
	-- when the collect began, UTC ISO-8601
	started_at	TEXT NOT NULL CHECK (started_at GLOB
	    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' ||
	    'T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
	-- when it ended, UTC ISO-8601; NULL while running or if interrupted
	finished_at	TEXT CHECK (finished_at GLOB
	    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' ||
	    'T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
	-- running; complete (every region ok); partial (some failed);
	-- failed (none ok, or the run could not start or was interrupted)
	status		TEXT NOT NULL DEFAULT 'running' CHECK (status IN
	    ('running', 'complete', 'partial', 'failed')),
	-- AWS account the credentials belong to (STS); NULL until known
	account_id	TEXT CHECK (length(account_id) BETWEEN 1 AND 64),
	CHECK (status <> 'running' OR finished_at IS NULL)
) STRICT;

-- One row per region per run: did its collection succeed?
CREATE TABLE region_run (
	-- the run
	run_id		INTEGER NOT NULL REFERENCES run(run_id),
	-- AWS region name, e.g. "us-east-1"
	region		TEXT NOT NULL CHECK (length(region) BETWEEN 1 AND 64
	    AND region NOT GLOB '*[^a-z0-9-]*'),
	-- ok: the region's state was recorded; failed: it was not
	status		TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
	-- failed only: the AWS operation that failed ("ListServiceQuotas")
	operation	TEXT,
	-- failed only: HTTP status of the failing reply; NULL if none
	http_status	INTEGER CHECK (http_status BETWEEN 100 AND 599),
	-- failed only: AWS error code ("ThrottlingException") or ours
	error_code	TEXT,
	-- failed only: the error message
	error_message	TEXT,
	PRIMARY KEY (run_id, region),
	CHECK (status = 'failed' OR (operation IS NULL AND http_status IS NULL
	    AND error_code IS NULL AND error_message IS NULL))
) STRICT, WITHOUT ROWID;

-- Foundation models offered in a region and this account's access to them
-- (ListFoundationModels + GetFoundationModelAvailability).  Enumerations
-- are the text AWS sent; '' where AWS sent nothing.
CREATE TABLE model_state (
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
	PRIMARY KEY (region, model_id, since_run),
	FOREIGN KEY (since_run, region) REFERENCES region_run(run_id, region),
	FOREIGN KEY (until_run, region) REFERENCES region_run(run_id, region),
	CHECK (until_run > since_run)
) STRICT, WITHOUT ROWID;
-- At most one current row per model; finds it for models_now and updates.
CREATE UNIQUE INDEX model_state_open ON model_state(region, model_id)
    WHERE until_run IS NULL;

-- Bedrock service quotas: the applied value (ListServiceQuotas) next to
-- the AWS default (ListAWSDefaultServiceQuotas).
CREATE TABLE quota_state (
	-- AWS region name
	region		TEXT NOT NULL,
	-- QuotaCode, e.g. "L-2DC80978"; names change, codes do not
	quota_code	TEXT NOT NULL CHECK (quota_code <> ''),
	-- QuotaName as AWS reports it now
	quota_name	TEXT NOT NULL,
	-- applied Value; NULL when ListServiceQuotas reports none
	applied_value	REAL,
	-- AWS default Value; NULL when ListAWSDefaultServiceQuotas has none
	default_value	REAL,
	-- Unit: "None", "Count", ...; '' if absent
	unit		TEXT NOT NULL,
	-- Adjustable: 1 an increase can be requested, 0 not
	adjustable	INTEGER NOT NULL CHECK (adjustable IN (0, 1)),
	-- GlobalQuota: 1 if the quota is account-wide, not per region
	global_quota	INTEGER NOT NULL CHECK (global_quota IN (0, 1)),
	-- run where this state was first seen
	since_run	INTEGER NOT NULL,
	-- run where it stopped being true; NULL while current
	until_run	INTEGER,
	PRIMARY KEY (region, quota_code, since_run),
	FOREIGN KEY (since_run, region) REFERENCES region_run(run_id, region),
	FOREIGN KEY (until_run, region) REFERENCES region_run(run_id, region),
	CHECK (until_run > since_run)
) STRICT, WITHOUT ROWID;
-- At most one current row per quota.
CREATE UNIQUE INDEX quota_state_open ON quota_state(region, quota_code)
    WHERE until_run IS NULL;

-- Inference profiles (ListInferenceProfiles).
CREATE TABLE profile_state (
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
	PRIMARY KEY (region, profile_id, since_run),
	FOREIGN KEY (since_run, region) REFERENCES region_run(run_id, region),
	FOREIGN KEY (until_run, region) REFERENCES region_run(run_id, region),
	CHECK (until_run > since_run)
) STRICT, WITHOUT ROWID;
-- At most one current row per profile.
CREATE UNIQUE INDEX profile_state_open ON profile_state(region, profile_id)
    WHERE until_run IS NULL;

-- Quota increase requests (ListRequestedServiceQuotaChangeHistory; AWS
-- lists open and closed requests of the last 90 days).
CREATE TABLE quota_request_state (
	-- AWS region name
	region		TEXT NOT NULL,
	-- Id of the request
	request_id	TEXT NOT NULL CHECK (request_id <> ''),
	-- QuotaCode the request is for
	quota_code	TEXT NOT NULL,
	-- QuotaName
	quota_name	TEXT NOT NULL,
	-- DesiredValue
	desired_value	REAL NOT NULL,
	-- Status: PENDING, CASE_OPENED, APPROVED, DENIED, ...
	status		TEXT NOT NULL,
	-- CaseId of the support case; '' if none
	case_id		TEXT NOT NULL,
	-- Created, UTC ISO-8601; '' if absent
	created		TEXT NOT NULL,
	-- LastUpdated, UTC ISO-8601; '' if absent
	last_updated	TEXT NOT NULL,
	-- run where this state was first seen
	since_run	INTEGER NOT NULL,
	-- run where it stopped being true; NULL while current
	until_run	INTEGER,
	PRIMARY KEY (region, request_id, since_run),
	FOREIGN KEY (since_run, region) REFERENCES region_run(run_id, region),
	FOREIGN KEY (until_run, region) REFERENCES region_run(run_id, region),
	CHECK (until_run > since_run)
) STRICT, WITHOUT ROWID;
-- At most one current row per request.
CREATE UNIQUE INDEX quota_request_state_open
    ON quota_request_state(region, request_id) WHERE until_run IS NULL;

-- The kinds of change the differ reports (change.h; a stable interface).
CREATE TABLE change_kinds (
	-- identifier used in changes.kind and in JSON reports
	kind		TEXT PRIMARY KEY,
	-- what it means
	description	TEXT NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO change_kinds(kind, description) VALUES
	('model_added', 'a model is now offered in the region'),
	('model_removed', 'a model is no longer offered in the region'),
	('model_lifecycle_changed', 'modelLifecycle.status changed'),
	('model_inference_types_changed', 'inferenceTypesSupported changed'),
	('access_granted', 'authorizationStatus became AUTHORIZED'),
	('access_lost', 'authorizationStatus is no longer AUTHORIZED'),
	('entitlement_changed', 'entitlementAvailability changed'),
	('agreement_changed', 'agreementAvailability.status changed'),
	('region_availability_changed', 'regionAvailability changed'),
	('quota_added', 'a quota appeared'),
	('quota_removed', 'a quota disappeared'),
	('quota_default_changed', 'the AWS default value changed'),
	('quota_value_changed', 'the applied value changed'),
	('quota_adjustable_changed', 'the quota became (non-)adjustable'),
	('quota_request_created', 'a quota increase request appeared'),
	('quota_request_status_changed', 'a quota increase request moved'),
	('profile_added', 'an inference profile appeared'),
	('profile_removed', 'an inference profile disappeared');

-- Troubleshooting paths (playbook.md).
CREATE TABLE change_paths (
	-- identifier used in changes.path: "info", "P1" .. "P6"
	path		TEXT PRIMARY KEY,
	-- what to do
	description	TEXT NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO change_paths(path, description) VALUES
	('info', 'informational: no troubleshooting path applies'),
	('P1', 'enable model access in this region'),
	('P2', 'model not offered here: other region or inference profile'),
	('P3', 'access cannot be enabled: allowlisting support case'),
	('P4', 'request a quota increase in Service Quotas'),
	('P5', 'throttled below quota: cross-region inference, then a case'),
	('P6', 'quota not adjustable: support case');

-- Severities, least urgent first.
CREATE TABLE change_severities (
	-- identifier used in changes.severity
	severity	TEXT PRIMARY KEY,
	-- 0 info, 1 warning, 2 action: ORDER BY rank DESC for the worst first
	rank		INTEGER NOT NULL UNIQUE,
	-- what it means
	description	TEXT NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO change_severities(severity, rank, description) VALUES
	('info', 0, 'for the record'),
	('warning', 1, 'may need attention'),
	('action', 2, 'someone has to act');

-- The change log: what each run found, classified by the playbook.
CREATE TABLE change_log (
	-- 1, 2, 3, ...: in the order the changes were recorded
	change_id	INTEGER PRIMARY KEY,
	-- run whose collection found the change
	run_id		INTEGER NOT NULL,
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
	FOREIGN KEY (run_id, region) REFERENCES region_run(run_id, region)
) STRICT;
-- store_changes(): the changes of a range of runs.
CREATE INDEX change_log_run ON change_log(run_id);

-- Public views ------------------------------------------------------------

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
	    WHERE g.run_id = r.run_id AND g.status = 'failed') AS regions_failed
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
	r.started_at
FROM region_run g JOIN run r ON r.run_id = g.run_id;

-- Per region: the latest run that tried it and the latest that succeeded.
-- When last_status is 'failed', the *_now rows of the region are the
-- state as of last_ok_run.
CREATE VIEW regions_now AS
SELECT
	a.region,
	a.last_run,
	(SELECT g.status FROM region_run g
	    WHERE g.run_id = a.last_run AND g.region = a.region) AS last_status,
	a.last_ok_run,
	(SELECT r.started_at FROM run r
	    WHERE r.run_id = a.last_ok_run) AS last_ok_at
FROM (SELECT region, max(run_id) AS last_run,
	max(run_id) FILTER (WHERE status = 'ok') AS last_ok_run
    FROM region_run GROUP BY region) a;

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
	m.since_run,
	m.until_run,
	s.started_at AS since_at,
	u.started_at AS until_at
FROM model_state m
JOIN run s ON s.run_id = m.since_run
LEFT JOIN run u ON u.run_id = m.until_run;

CREATE VIEW models_now AS
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
	(SELECT f.started_at FROM run f WHERE f.run_id =
	    (SELECT min(h.since_run) FROM model_state h
	    WHERE h.region = m.region AND h.model_id = m.model_id))
	    AS first_seen,
	s.started_at AS last_changed,
	m.since_run
FROM model_state m JOIN run s ON s.run_id = m.since_run
WHERE m.until_run IS NULL;

CREATE VIEW quotas_history AS
SELECT
	q.region,
	q.quota_code,
	q.quota_name,
	q.applied_value,
	q.default_value,
	q.unit,
	q.adjustable,
	q.global_quota,
	q.since_run,
	q.until_run,
	s.started_at AS since_at,
	u.started_at AS until_at
FROM quota_state q
JOIN run s ON s.run_id = q.since_run
LEFT JOIN run u ON u.run_id = q.until_run;

CREATE VIEW quotas_now AS
SELECT
	q.region,
	q.quota_code,
	q.quota_name,
	q.applied_value,
	q.default_value,
	q.unit,
	q.adjustable,
	q.global_quota,
	(SELECT f.started_at FROM run f WHERE f.run_id =
	    (SELECT min(h.since_run) FROM quota_state h
	    WHERE h.region = q.region AND h.quota_code = q.quota_code))
	    AS first_seen,
	s.started_at AS last_changed,
	q.since_run
FROM quota_state q JOIN run s ON s.run_id = q.since_run
WHERE q.until_run IS NULL;

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
	u.started_at AS until_at
FROM profile_state p
JOIN run s ON s.run_id = p.since_run
LEFT JOIN run u ON u.run_id = p.until_run;

CREATE VIEW profiles_now AS
SELECT
	p.region,
	p.profile_id,
	p.profile_name,
	p.profile_type,
	p.status,
	p.model_ids,
	p.regions,
	(SELECT f.started_at FROM run f WHERE f.run_id =
	    (SELECT min(h.since_run) FROM profile_state h
	    WHERE h.region = p.region AND h.profile_id = p.profile_id))
	    AS first_seen,
	s.started_at AS last_changed,
	p.since_run
FROM profile_state p JOIN run s ON s.run_id = p.since_run
WHERE p.until_run IS NULL;

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
	q.since_run,
	q.until_run,
	s.started_at AS since_at,
	u.started_at AS until_at
FROM quota_request_state q
JOIN run s ON s.run_id = q.since_run
LEFT JOIN run u ON u.run_id = q.until_run;

CREATE VIEW quota_requests_now AS
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
	(SELECT f.started_at FROM run f WHERE f.run_id =
	    (SELECT min(h.since_run) FROM quota_request_state h
	    WHERE h.region = q.region AND h.request_id = q.request_id))
	    AS first_seen,
	s.started_at AS last_changed,
	q.since_run
FROM quota_request_state q JOIN run s ON s.run_id = q.since_run
WHERE q.until_run IS NULL;

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
	c.desired_value
FROM change_log c
JOIN run d ON d.run_id = c.run_id
JOIN run f ON f.run_id = c.first_run;
