-- 0004-partial-regions.sql: a failed call loses only what it covers.
--
-- Applied by store_open() inside BEGIN IMMEDIATE ... COMMIT, which also
-- sets PRAGMA user_version = 4; foreign keys are off meanwhile and are
-- checked before the commit.  Never edit this file once released.
--
-- A region of a run is now ok, partial (recorded, but some calls failed:
-- what they cover keeps its last known state), failed (nothing answered)
-- or not_enabled (an opt-in region the account has not enabled).  Every
-- failed call is counted in region_run_failure; what a partial region
-- did not learn is listed in region_run_unknown.  The *_now views say
-- which rows the newest run of their region confirmed.
--
-- region_run's CHECK constraints change, which SQLite cannot alter: it is
-- rebuilt (new table, copy, drop, rename), and the views over it and
-- over the state tables are dropped first and created again at the end,
-- with every column they had.  Runs recorded before this version keep
-- their rows: 'ok' and 'failed' mean what they meant.

DROP VIEW runs;
DROP VIEW region_runs;
DROP VIEW regions_now;
DROP VIEW models_now;
DROP VIEW quotas_now;
DROP VIEW profiles_now;
DROP VIEW quota_requests_now;

-- Regions of a run ------------------------------------------------------

CREATE TABLE region_run_new (
	-- the run
	run_id		INTEGER NOT NULL REFERENCES run(run_id),
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
	PRIMARY KEY (run_id, region),
	CHECK (status <> 'ok' OR (operation IS NULL AND http_status IS NULL
	    AND error_code IS NULL AND error_message IS NULL
	    AND unknown_count = 0))
) STRICT, WITHOUT ROWID;

INSERT INTO region_run_new (run_id, region, status, operation,
    http_status, error_code, error_message)
SELECT run_id, region, status, operation, http_status, error_code,
    error_message
FROM region_run;

DROP TABLE region_run;
ALTER TABLE region_run_new RENAME TO region_run;

-- Every failed call of a region in a run, counted: calls of the same
-- operation with the same HTTP status and error code are one row.
CREATE TABLE region_run_failure (
	-- the run
	run_id		INTEGER NOT NULL,
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
	PRIMARY KEY (run_id, region, rank),
	FOREIGN KEY (run_id, region) REFERENCES region_run(run_id, region)
) STRICT, WITHOUT ROWID;

-- Runs before this version recorded the one failure of a failed region.
INSERT INTO region_run_failure (run_id, region, operation, http_status,
    error_code, error_message, count, rank)
SELECT run_id, region, coalesce(operation, ''), http_status, error_code,
    coalesce(error_message, ''), 1, 0
FROM region_run WHERE status = 'failed';

-- What a partial region did not learn in a run: a whole part whose list
-- failed (subject ''), or one model whose access is unknown (part
-- 'model_access', subject the model ID).  Their last known state stays
-- current, unconfirmed.
CREATE TABLE region_run_unknown (
	-- the run
	run_id		INTEGER NOT NULL,
	-- AWS region name
	region		TEXT NOT NULL,
	-- models, model_access, quotas, profiles, requests (status.c)
	part		TEXT NOT NULL CHECK (part IN ('models', 'model_access',
	    'quotas', 'profiles', 'requests')),
	-- model_access: the model ID; '' for a whole part
	subject		TEXT NOT NULL CHECK ((part = 'model_access') =
	    (subject <> '')),
	PRIMARY KEY (run_id, region, part, subject),
	FOREIGN KEY (run_id, region) REFERENCES region_run(run_id, region)
) STRICT, WITHOUT ROWID;

-- Public views, as before, with the new columns ------------------------

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
	    WHERE f.run_id = g.run_id AND f.region = g.region)
	    AS failed_calls
FROM region_run g JOIN run r ON r.run_id = g.run_id;

CREATE VIEW region_run_failures AS
SELECT
	f.run_id,
	f.region,
	f.operation,
	f.http_status,
	f.error_code,
	f.error_message,
	f.count,
	f.rank
FROM region_run_failure f;

-- Per region: the latest run that tried it and the latest that recorded
-- it (ok or partial).  When last_status is 'failed' or 'not_enabled',
-- the *_now rows of the region are the state as of last_ok_run.
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
	max(run_id) FILTER (WHERE status IN ('ok', 'partial')) AS last_ok_run
    FROM region_run GROUP BY region) a;

-- The parts each run learnt of each region: every part of an 'ok' region,
-- the parts of a 'partial' one that are not in region_run_unknown.  What
-- confirmed_run below and the store (a part no run has known yet) ask.
CREATE VIEW region_parts_known AS
SELECT g.run_id, g.region, p.part
FROM region_run g, (SELECT 'models' AS part UNION ALL SELECT 'quotas'
    UNION ALL SELECT 'profiles' UNION ALL SELECT 'requests') p
WHERE g.status = 'ok' OR (g.status = 'partial'
    AND NOT EXISTS (SELECT 1 FROM region_run_unknown u
    WHERE u.run_id = g.run_id AND u.region = g.region
    AND u.part = p.part));

-- confirmed_run: the newest run that confirmed the row (ok, or partial
-- with its part known); confirmed: 1 when that is the newest run of its
-- region, 0 when the row is carried forward, unconfirmed.

CREATE VIEW models_now AS
SELECT
	x.*,
	coalesce(x.confirmed_run = (SELECT max(g.run_id) FROM region_run g
	    WHERE g.region = x.region), 0) AS confirmed
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
		    WHERE h.region = m.region AND h.model_id = m.model_id))
		    AS first_seen,
		s.started_at AS last_changed,
		m.since_run,
		(SELECT max(k.run_id) FROM region_parts_known k
		    WHERE k.region = m.region AND k.part = 'models'
		    AND k.run_id >= m.since_run
		    AND NOT EXISTS (SELECT 1 FROM region_run_unknown u
		    WHERE u.run_id = k.run_id AND u.region = k.region
		    AND u.part = 'model_access' AND u.subject = m.model_id))
		    AS confirmed_run
	FROM model_state m JOIN run s ON s.run_id = m.since_run
	WHERE m.until_run IS NULL) x;

CREATE VIEW quotas_now AS
SELECT
	x.*,
	coalesce(x.confirmed_run = (SELECT max(g.run_id) FROM region_run g
	    WHERE g.region = x.region), 0) AS confirmed
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
		    WHERE h.region = q.region AND h.quota_code = q.quota_code
		    AND h.applied_at_level = q.applied_at_level
		    AND h.context_scope = q.context_scope
		    AND h.context_id = q.context_id))
		    AS first_seen,
		s.started_at AS last_changed,
		q.since_run,
		(SELECT max(k.run_id) FROM region_parts_known k
		    WHERE k.region = q.region AND k.part = 'quotas'
		    AND k.run_id >= q.since_run)
		    AS confirmed_run
	FROM quota_state q JOIN run s ON s.run_id = q.since_run
	WHERE q.until_run IS NULL) x;

CREATE VIEW profiles_now AS
SELECT
	x.*,
	coalesce(x.confirmed_run = (SELECT max(g.run_id) FROM region_run g
	    WHERE g.region = x.region), 0) AS confirmed
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
		    WHERE h.region = p.region AND h.profile_id = p.profile_id))
		    AS first_seen,
		s.started_at AS last_changed,
		p.since_run,
		(SELECT max(k.run_id) FROM region_parts_known k
		    WHERE k.region = p.region AND k.part = 'profiles'
		    AND k.run_id >= p.since_run)
		    AS confirmed_run
	FROM profile_state p JOIN run s ON s.run_id = p.since_run
	WHERE p.until_run IS NULL) x;

CREATE VIEW quota_requests_now AS
SELECT
	x.*,
	coalesce(x.confirmed_run = (SELECT max(g.run_id) FROM region_run g
	    WHERE g.region = x.region), 0) AS confirmed
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
		    WHERE h.region = q.region AND h.request_id = q.request_id))
		    AS first_seen,
		s.started_at AS last_changed,
		q.since_run,
		(SELECT max(k.run_id) FROM region_parts_known k
		    WHERE k.region = q.region AND k.part = 'requests'
		    AND k.run_id >= q.since_run)
		    AS confirmed_run
	FROM quota_request_state q JOIN run s ON s.run_id = q.since_run
	WHERE q.until_run IS NULL) x;
