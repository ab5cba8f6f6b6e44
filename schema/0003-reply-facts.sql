-- 0003-reply-facts.sql: what real AWS replies carry beyond 0001.
--
-- Applied by store_open() inside BEGIN IMMEDIATE ... COMMIT, which also
-- sets PRAGMA user_version = 3; foreign keys are off meanwhile and are
-- checked before the commit.  Never edit this file once released.
--
-- Models gain their lifecycle dates and the agreement's error message.
-- A quota is now recorded by (quota_code, applied_at_level, context_scope,
-- context_id): ListServiceQuotas may list one code at the account level
-- and again per resource.  A quota's ErrorReason, its Period, and a
-- request's RequestType, QuotaRequestedAtLevel and Requester are kept; a
-- request's DesiredValue may be absent.  Columns added here are NULL
-- where AWS sent nothing (and for every row written before this version).
--
-- quota_state and quota_request_state change their keys or NOT NULL
-- columns, which SQLite cannot alter: each is rebuilt (new table, copy,
-- drop, rename), and the views over them are dropped first and created
-- again at the end.  Rows of older versions keep their runs: history
-- stays as it was.

DROP VIEW models_history;
DROP VIEW models_now;
DROP VIEW quotas_history;
DROP VIEW quotas_now;
DROP VIEW quota_requests_history;
DROP VIEW quota_requests_now;
DROP VIEW changes;

-- Models --------------------------------------------------------------

-- modelLifecycle.startOfLifeTime, UTC ISO-8601; NULL if absent
ALTER TABLE model_state ADD COLUMN start_of_life_time TEXT;
-- modelLifecycle.legacyTime, UTC ISO-8601; NULL if absent
ALTER TABLE model_state ADD COLUMN legacy_time TEXT;
-- modelLifecycle.publicExtendedAccessTime, UTC ISO-8601; NULL if absent
ALTER TABLE model_state ADD COLUMN public_extended_access_time TEXT;
-- modelLifecycle.endOfLifeTime, UTC ISO-8601; NULL if absent
ALTER TABLE model_state ADD COLUMN end_of_life_time TEXT;
-- agreementAvailability.errorMessage as sent (escape it to show it);
-- NULL if absent
ALTER TABLE model_state ADD COLUMN agreement_message TEXT;

-- Quotas --------------------------------------------------------------

CREATE TABLE quota_state_new (
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
	PRIMARY KEY (region, quota_code, applied_at_level, context_scope,
	    context_id, since_run),
	FOREIGN KEY (since_run, region) REFERENCES region_run(run_id, region),
	FOREIGN KEY (until_run, region) REFERENCES region_run(run_id, region),
	CHECK (until_run > since_run)
) STRICT, WITHOUT ROWID;

-- Older versions listed account-level values only (the API's default).
INSERT INTO quota_state_new (region, quota_code, applied_at_level,
    context_scope, context_id, quota_name, applied_value, default_value,
    unit, adjustable, global_quota, since_run, until_run)
SELECT region, quota_code, 'ACCOUNT', '', '', quota_name, applied_value,
    default_value, unit, adjustable, global_quota, since_run, until_run
FROM quota_state;

DROP TABLE quota_state;
ALTER TABLE quota_state_new RENAME TO quota_state;
-- At most one current row per quota.
CREATE UNIQUE INDEX quota_state_open ON quota_state(region, quota_code,
    applied_at_level, context_scope, context_id) WHERE until_run IS NULL;

-- Quota requests ------------------------------------------------------

CREATE TABLE quota_request_state_new (
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
	PRIMARY KEY (region, request_id, since_run),
	FOREIGN KEY (since_run, region) REFERENCES region_run(run_id, region),
	FOREIGN KEY (until_run, region) REFERENCES region_run(run_id, region),
	CHECK (until_run > since_run)
) STRICT, WITHOUT ROWID;

INSERT INTO quota_request_state_new (region, request_id, quota_code,
    quota_name, desired_value, status, case_id, created, last_updated,
    since_run, until_run)
SELECT region, request_id, quota_code, quota_name, desired_value, status,
    case_id, created, last_updated, since_run, until_run
FROM quota_request_state;

DROP TABLE quota_request_state;
ALTER TABLE quota_request_state_new RENAME TO quota_request_state;
-- At most one current row per request.
CREATE UNIQUE INDEX quota_request_state_open
    ON quota_request_state(region, request_id) WHERE until_run IS NULL;

-- Changes -------------------------------------------------------------

-- model_lifecycle_date_changed: which date moved, as its models_now
-- column ("end_of_life_time", ...); '' for other kinds
ALTER TABLE change_log ADD COLUMN field TEXT NOT NULL DEFAULT '';
-- quotas: 1 if the applied value is unknown on either side because
-- ListServiceQuotas sent an ErrorReason for it; never "not set"
ALTER TABLE change_log ADD COLUMN applied_unknown INTEGER NOT NULL
    DEFAULT 0 CHECK (applied_unknown IN (0, 1));
-- quotas: the row's applied_at_level (the code is the subject); '' for
-- other subjects and for changes recorded before this version
ALTER TABLE change_log ADD COLUMN applied_at_level TEXT NOT NULL
    DEFAULT '';
-- quotas: the row's context_scope; '' without a context
ALTER TABLE change_log ADD COLUMN context_scope TEXT NOT NULL DEFAULT '';
-- quotas: the row's context_id; '' without a context
ALTER TABLE change_log ADD COLUMN context_id TEXT NOT NULL DEFAULT '';

INSERT INTO change_kinds(kind, description) VALUES
	('model_lifecycle_date_changed',
	    'a modelLifecycle date moved (set on both sides, different)');

-- Public views, as in 0001 with the new columns ----------------------

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
	m.start_of_life_time,
	m.legacy_time,
	m.public_extended_access_time,
	m.end_of_life_time,
	m.agreement_message,
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
	u.started_at AS until_at
FROM quota_state q
JOIN run s ON s.run_id = q.since_run
LEFT JOIN run u ON u.run_id = q.until_run;

CREATE VIEW quotas_now AS
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
	(SELECT f.started_at FROM run f WHERE f.run_id =
	    (SELECT min(h.since_run) FROM quota_state h
	    WHERE h.region = q.region AND h.quota_code = q.quota_code
	    AND h.applied_at_level = q.applied_at_level
	    AND h.context_scope = q.context_scope
	    AND h.context_id = q.context_id))
	    AS first_seen,
	s.started_at AS last_changed,
	q.since_run
FROM quota_state q JOIN run s ON s.run_id = q.since_run
WHERE q.until_run IS NULL;

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
	q.request_type,
	q.requested_at_level,
	q.requester,
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
	c.desired_value,
	c.field,
	c.applied_unknown,
	c.applied_at_level,
	c.context_scope,
	c.context_id
FROM change_log c
JOIN run d ON d.run_id = c.run_id
JOIN run f ON f.run_id = c.first_run;
