-- 0006-usage.sql: usage evidence from CloudWatch (AWS/Bedrock metrics).
--
-- Applied by store_open() inside BEGIN IMMEDIATE ... COMMIT, which also
-- sets PRAGMA user_version; foreign keys are off meanwhile and are
-- checked before the commit.  Never edit this file once released.
--
-- A collect reads the per-minute Sum of the Bedrock runtime metrics of
-- each region (GetMetricData, Period 60) over a window that starts where
-- the region's last successful usage collection ended, and keeps daily
-- aggregates, never the raw points.  Usage is evidence, not state: a
-- region whose usage could not be read keeps its state rows and its
-- status; region_run_usage says why its usage is unknown.  A day that
-- was not read has no row: unknown, never zero.
--
-- The region_runs view gains the usage columns: it is dropped and
-- created again with every column it had.

DROP VIEW region_runs;

-- How each region's usage collection went in a run.
CREATE TABLE region_run_usage (
	-- the run
	run_id		INTEGER NOT NULL,
	-- AWS region name
	region		TEXT NOT NULL,
	-- ok: the window was read and stored; nothing_new: the window was
	-- empty (run again within minutes); skipped: --no-usage; failed:
	-- usage unknown for this run (the columns below say why)
	status		TEXT NOT NULL CHECK (status IN ('ok', 'nothing_new',
	    'skipped', 'failed')),
	-- failed: the CloudWatch operation that failed ("GetMetricData")
	operation	TEXT,
	-- failed: its HTTP status; NULL when there was no reply
	http_status	INTEGER CHECK (http_status BETWEEN 100 AND 599),
	-- failed: the AWS error code ("AccessDenied") or ours
	error_code	TEXT,
	-- failed: the error message, as received ('' if none)
	error_message	TEXT,
	-- ok: the first minute read, epoch seconds
	window_start	INTEGER,
	-- ok: the end of the window read (excluded), epoch seconds; the
	-- next collect of the region starts here
	window_end	INTEGER,
	-- metrics requested from GetMetricData (billed per metric)
	metrics		INTEGER NOT NULL DEFAULT 0 CHECK (metrics >= 0),
	PRIMARY KEY (run_id, region),
	CHECK (status <> 'ok' OR (window_start IS NOT NULL AND
	    window_end > window_start)),
	CHECK (status <> 'failed' OR operation IS NOT NULL)
) STRICT, WITHOUT ROWID;

-- One UTC day of one series: (model or profile ID, metric).
CREATE TABLE usage_day (
	-- AWS account (the run's account_id)
	account_id	TEXT NOT NULL CHECK (length(account_id) BETWEEN 1
	    AND 64),
	-- AWS region name
	region		TEXT NOT NULL,
	-- the ModelId dimension: a base model ID, or an inference profile
	-- ID such as "us.anthropic..." or "global.anthropic..." (separate
	-- series)
	model_id	TEXT NOT NULL CHECK (length(model_id) BETWEEN 1 AND 256),
	-- the CloudWatch metric, or TokensInputPlusOutput: InputTokenCount
	-- + OutputTokenCount added per minute (an approximation of the
	-- tokens-per-minute quota usage, for series without
	-- EstimatedTPMQuotaUsage)
	metric		TEXT NOT NULL CHECK (metric IN ('Invocations',
	    'InvocationThrottles', 'InputTokenCount', 'OutputTokenCount',
	    'EstimatedTPMQuotaUsage', 'TokensInputPlusOutput')),
	-- the UTC day, YYYY-MM-DD
	day		TEXT NOT NULL CHECK (day GLOB
	    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	-- sum of the minutes read
	sum		REAL NOT NULL CHECK (sum >= 0),
	-- the largest per-minute Sum
	peak		REAL NOT NULL CHECK (peak >= 0),
	-- its minute (the first such), UTC ISO-8601; NULL when every minute
	-- read was 0
	peak_at		TEXT,
	-- 95th percentile per minute (minutes without data count as 0);
	-- for a day read by several runs, the largest of their p95s (an
	-- upper bound)
	p95		REAL NOT NULL CHECK (p95 >= 0),
	-- minutes of the day read so far (1440 once the day is complete)
	minutes		INTEGER NOT NULL CHECK (minutes BETWEEN 0 AND 1440),
	-- of those, minutes above 0; for InvocationThrottles: the minutes
	-- with throttles
	active		INTEGER NOT NULL CHECK (active BETWEEN 0 AND minutes),
	-- the first run that read minutes of this day
	first_run	INTEGER NOT NULL,
	-- the last run that read minutes of this day
	last_run	INTEGER NOT NULL,
	PRIMARY KEY (account_id, region, model_id, metric, day)
) STRICT, WITHOUT ROWID;

-- Which series measures each quota, as the newest successful usage
-- collection of the region mapped it (usage.c's table); replaced per
-- region.  A quota that could not be mapped with certainty is listed
-- with why, never guessed.
CREATE TABLE usage_quota_map (
	-- AWS account
	account_id	TEXT NOT NULL,
	-- AWS region name
	region		TEXT NOT NULL,
	-- the quota (its code; the same code at several levels is one
	-- model quota)
	quota_code	TEXT NOT NULL,
	-- mapped; unmapped_name (not a per-minute model quota);
	-- unmapped_model (no single model has that name); ambiguous (several
	-- profiles could carry it); quiet (mapped, no series has data)
	mapping		TEXT NOT NULL CHECK (mapping IN ('mapped',
	    'unmapped_name', 'unmapped_model', 'ambiguous', 'quiet')),
	-- tokens_per_minute, requests_per_minute; NULL if unmapped_name
	rate		TEXT CHECK (rate IN ('tokens_per_minute',
	    'requests_per_minute')),
	-- mapped: the series measuring it (its ModelId)
	model_id	TEXT,
	-- mapped: the usage_day metric measuring it
	metric		TEXT,
	-- mapped: 1 when the metric is an approximation (input + output
	-- tokens: no burndown multiplier, no cache writes)
	approximate	INTEGER NOT NULL DEFAULT 0 CHECK (approximate IN (0, 1)),
	-- the run that mapped it
	run_id		INTEGER NOT NULL,
	PRIMARY KEY (account_id, region, quota_code),
	CHECK ((mapping = 'mapped') = (model_id IS NOT NULL AND
	    metric IS NOT NULL))
) STRICT, WITHOUT ROWID;

CREATE VIEW usage_daily AS
SELECT
	d.account_id,
	d.region,
	d.model_id,
	d.metric,
	d.day,
	d.sum,
	d.peak,
	d.peak_at,
	d.p95,
	d.minutes,
	d.active,
	d.first_run,
	d.last_run
FROM usage_day d;

-- Each mapped quota, with its usage per stored day and the throttled
-- minutes of the same series that day; percent of the applied value
-- (NULL when the value is unknown).
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
JOIN quotas_now q ON q.region = m.region AND q.quota_code = m.quota_code
    AND q.applied_at_level = 'ACCOUNT'
JOIN usage_day d ON d.account_id = m.account_id AND d.region = m.region
    AND d.model_id = m.model_id AND d.metric = m.metric
LEFT JOIN usage_day t ON t.account_id = m.account_id AND
    t.region = m.region AND t.model_id = m.model_id AND
    t.metric = 'InvocationThrottles' AND t.day = d.day
WHERE m.mapping = 'mapped';

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
	    AS failed_calls,
	u.status AS usage_status,
	u.error_code AS usage_error_code,
	u.window_end AS usage_window_end,
	u.metrics AS usage_metrics
FROM region_run g JOIN run r ON r.run_id = g.run_id
LEFT JOIN region_run_usage u ON u.run_id = g.run_id AND u.region = g.region;
