-- 0010-usage-packed.sql: daily usage aggregates in one row per (series,
-- day) (issue 13 item 2).
--
-- Applied by store_open() inside BEGIN IMMEDIATE ... COMMIT, which also
-- sets PRAGMA user_version; foreign keys are off meanwhile and are
-- checked before the commit.  Never edit this file once released.
--
-- 0006 kept one row per (account, region, model, metric, day), its keys
-- and its day as text: about 900 bytes per model and day (six metrics),
-- 490 MB for a year of 30 regions x 50 models.  Here a series (account,
-- region, model) is numbered once in usage_series, and a day of it is
-- one row of usage_day keyed by (series, days since 1970-01-01) with
-- the six metrics side by side: about 140 bytes per model and day
-- (measured by test_size_usage_year in tests/check_store.c; the numbers
-- are in docs/schema.md).
--
-- The numbers stay REAL: SQLite writes a REAL that has no fraction as an
-- integer (0 to 8 bytes, what an INTEGER column would take: measured),
-- and a fractional or huge value (GetMetricData Values are any number up
-- to 2^53, a day's sum of them more) stays exact.  A metric without data
-- that day is NULL, one header byte.  The peak's minute is the minute
-- of the day (0..1439); the minutes read are the row's, and a metric's
-- own only when it read fewer (its query was unknown in a run).  The
-- runs that read the day are the row's: the first and the last run that
-- read any metric of it.
--
-- Existing rows move row for row: every metric value, peak minute and
-- minute count is kept; a (series, day) whose metrics were first or
-- last read by different runs keeps the earliest and the latest.  The
-- views over usage_day keep their columns and are dropped and created
-- again over the new tables.

DROP VIEW quota_usage;
DROP VIEW usage_daily;

-- Each (account, region, model) with usage rows: numbered here, so a day
-- row names it in a few bytes.  Local numbers: merge maps them.
CREATE TABLE usage_series (
	-- the series' number in this database
	series_id	INTEGER PRIMARY KEY,
	-- AWS account (the run's account_id)
	account_id	TEXT NOT NULL CHECK (length(account_id) BETWEEN 1
	    AND 64),
	-- AWS region name
	region		TEXT NOT NULL,
	-- the ModelId dimension: a base model ID, or an inference profile
	-- ID such as "us.anthropic..." or "global.anthropic..." (separate
	-- series)
	model_id	TEXT NOT NULL CHECK (length(model_id) BETWEEN 1
	    AND 256),
	UNIQUE (account_id, region, model_id)
) STRICT;

-- One UTC day of one series, every metric of it.  The metrics (0006):
-- inv Invocations, thr InvocationThrottles, in InputTokenCount, out
-- OutputTokenCount, tpm EstimatedTPMQuotaUsage, io TokensInputPlusOutput
-- (InputTokenCount + OutputTokenCount added per minute).  Per metric:
-- _sum, _peak, _p95 and _active as usage_daily has them, NULL when the
-- metric has no data that day; _peak_at the minute of the day of the
-- peak, NULL when every minute was 0; _minutes NULL when the metric
-- read the row's minutes, else the fewer it read.
CREATE TABLE usage_day_new (
	-- the series (usage_series)
	series_id	INTEGER NOT NULL REFERENCES usage_series(series_id),
	-- the UTC day: days since 1970-01-01
	day		INTEGER NOT NULL CHECK (day >= 0),
	-- minutes of the day read so far (1440 once the day is complete):
	-- the most any metric read
	minutes		INTEGER NOT NULL CHECK (minutes BETWEEN 0 AND 1440),
	-- the first run that read minutes of this day
	first_run	INTEGER NOT NULL,
	-- the last run that read minutes of this day
	last_run	INTEGER NOT NULL CHECK (last_run >= first_run),
	-- Invocations: sum of the minutes read
	inv_sum	REAL CHECK (inv_sum >= 0),
	-- Invocations: the largest per-minute Sum
	inv_peak	REAL CHECK (inv_peak >= 0),
	-- Invocations: the peak's minute of the day (the first such)
	inv_peak_at	INTEGER CHECK (inv_peak_at IS NULL OR
	    (inv_peak_at BETWEEN 0 AND 1439 AND inv_peak > 0)),
	-- Invocations: 95th percentile per minute (several runs: the
	-- largest of theirs, an upper bound)
	inv_p95	REAL CHECK (inv_p95 >= 0),
	-- Invocations: the minutes above 0
	inv_active	INTEGER CHECK (inv_active BETWEEN 0
	    AND coalesce(inv_minutes, minutes)),
	-- Invocations: its minutes read, when fewer than the row's
	inv_minutes	INTEGER CHECK (inv_minutes BETWEEN 0 AND minutes - 1),
	-- InvocationThrottles: sum of the minutes read
	thr_sum	REAL CHECK (thr_sum >= 0),
	-- InvocationThrottles: the largest per-minute Sum
	thr_peak	REAL CHECK (thr_peak >= 0),
	-- InvocationThrottles: the peak's minute of the day (the first such)
	thr_peak_at	INTEGER CHECK (thr_peak_at IS NULL OR
	    (thr_peak_at BETWEEN 0 AND 1439 AND thr_peak > 0)),
	-- InvocationThrottles: 95th percentile per minute (several runs: the
	-- largest of theirs, an upper bound)
	thr_p95	REAL CHECK (thr_p95 >= 0),
	-- InvocationThrottles: the minutes above 0
	thr_active	INTEGER CHECK (thr_active BETWEEN 0
	    AND coalesce(thr_minutes, minutes)),
	-- InvocationThrottles: its minutes read, when fewer than the row's
	thr_minutes	INTEGER CHECK (thr_minutes BETWEEN 0 AND minutes - 1),
	-- InputTokenCount: sum of the minutes read
	in_sum	REAL CHECK (in_sum >= 0),
	-- InputTokenCount: the largest per-minute Sum
	in_peak	REAL CHECK (in_peak >= 0),
	-- InputTokenCount: the peak's minute of the day (the first such)
	in_peak_at	INTEGER CHECK (in_peak_at IS NULL OR
	    (in_peak_at BETWEEN 0 AND 1439 AND in_peak > 0)),
	-- InputTokenCount: 95th percentile per minute (several runs: the
	-- largest of theirs, an upper bound)
	in_p95	REAL CHECK (in_p95 >= 0),
	-- InputTokenCount: the minutes above 0
	in_active	INTEGER CHECK (in_active BETWEEN 0
	    AND coalesce(in_minutes, minutes)),
	-- InputTokenCount: its minutes read, when fewer than the row's
	in_minutes	INTEGER CHECK (in_minutes BETWEEN 0 AND minutes - 1),
	-- OutputTokenCount: sum of the minutes read
	out_sum	REAL CHECK (out_sum >= 0),
	-- OutputTokenCount: the largest per-minute Sum
	out_peak	REAL CHECK (out_peak >= 0),
	-- OutputTokenCount: the peak's minute of the day (the first such)
	out_peak_at	INTEGER CHECK (out_peak_at IS NULL OR
	    (out_peak_at BETWEEN 0 AND 1439 AND out_peak > 0)),
	-- OutputTokenCount: 95th percentile per minute (several runs: the
	-- largest of theirs, an upper bound)
	out_p95	REAL CHECK (out_p95 >= 0),
	-- OutputTokenCount: the minutes above 0
	out_active	INTEGER CHECK (out_active BETWEEN 0
	    AND coalesce(out_minutes, minutes)),
	-- OutputTokenCount: its minutes read, when fewer than the row's
	out_minutes	INTEGER CHECK (out_minutes BETWEEN 0 AND minutes - 1),
	-- EstimatedTPMQuotaUsage: sum of the minutes read
	tpm_sum	REAL CHECK (tpm_sum >= 0),
	-- EstimatedTPMQuotaUsage: the largest per-minute Sum
	tpm_peak	REAL CHECK (tpm_peak >= 0),
	-- EstimatedTPMQuotaUsage: the peak's minute of the day (the first such)
	tpm_peak_at	INTEGER CHECK (tpm_peak_at IS NULL OR
	    (tpm_peak_at BETWEEN 0 AND 1439 AND tpm_peak > 0)),
	-- EstimatedTPMQuotaUsage: 95th percentile per minute (several runs: the
	-- largest of theirs, an upper bound)
	tpm_p95	REAL CHECK (tpm_p95 >= 0),
	-- EstimatedTPMQuotaUsage: the minutes above 0
	tpm_active	INTEGER CHECK (tpm_active BETWEEN 0
	    AND coalesce(tpm_minutes, minutes)),
	-- EstimatedTPMQuotaUsage: its minutes read, when fewer than the row's
	tpm_minutes	INTEGER CHECK (tpm_minutes BETWEEN 0 AND minutes - 1),
	-- TokensInputPlusOutput: sum of the minutes read
	io_sum	REAL CHECK (io_sum >= 0),
	-- TokensInputPlusOutput: the largest per-minute Sum
	io_peak	REAL CHECK (io_peak >= 0),
	-- TokensInputPlusOutput: the peak's minute of the day (the first such)
	io_peak_at	INTEGER CHECK (io_peak_at IS NULL OR
	    (io_peak_at BETWEEN 0 AND 1439 AND io_peak > 0)),
	-- TokensInputPlusOutput: 95th percentile per minute (several runs: the
	-- largest of theirs, an upper bound)
	io_p95	REAL CHECK (io_p95 >= 0),
	-- TokensInputPlusOutput: the minutes above 0
	io_active	INTEGER CHECK (io_active BETWEEN 0
	    AND coalesce(io_minutes, minutes)),
	-- TokensInputPlusOutput: its minutes read, when fewer than the row's
	io_minutes	INTEGER CHECK (io_minutes BETWEEN 0 AND minutes - 1),
	CHECK ((inv_sum IS NULL) = (inv_peak IS NULL) AND
	    (inv_sum IS NULL) = (inv_p95 IS NULL) AND
	    (inv_sum IS NULL) = (inv_active IS NULL) AND
	    (inv_sum IS NOT NULL OR inv_minutes IS NULL)),
	CHECK ((thr_sum IS NULL) = (thr_peak IS NULL) AND
	    (thr_sum IS NULL) = (thr_p95 IS NULL) AND
	    (thr_sum IS NULL) = (thr_active IS NULL) AND
	    (thr_sum IS NOT NULL OR thr_minutes IS NULL)),
	CHECK ((in_sum IS NULL) = (in_peak IS NULL) AND
	    (in_sum IS NULL) = (in_p95 IS NULL) AND
	    (in_sum IS NULL) = (in_active IS NULL) AND
	    (in_sum IS NOT NULL OR in_minutes IS NULL)),
	CHECK ((out_sum IS NULL) = (out_peak IS NULL) AND
	    (out_sum IS NULL) = (out_p95 IS NULL) AND
	    (out_sum IS NULL) = (out_active IS NULL) AND
	    (out_sum IS NOT NULL OR out_minutes IS NULL)),
	CHECK ((tpm_sum IS NULL) = (tpm_peak IS NULL) AND
	    (tpm_sum IS NULL) = (tpm_p95 IS NULL) AND
	    (tpm_sum IS NULL) = (tpm_active IS NULL) AND
	    (tpm_sum IS NOT NULL OR tpm_minutes IS NULL)),
	CHECK ((io_sum IS NULL) = (io_peak IS NULL) AND
	    (io_sum IS NULL) = (io_p95 IS NULL) AND
	    (io_sum IS NULL) = (io_active IS NULL) AND
	    (io_sum IS NOT NULL OR io_minutes IS NULL)),
	-- a day row has some metric
	CHECK (coalesce(inv_sum, thr_sum, in_sum, out_sum, tpm_sum,
	    io_sum) IS NOT NULL),
	PRIMARY KEY (series_id, day)
) STRICT, WITHOUT ROWID;

INSERT INTO usage_series (account_id, region, model_id)
SELECT DISTINCT account_id, region, model_id FROM usage_day
ORDER BY account_id, region, model_id;

INSERT INTO usage_day_new (series_id, day, minutes, first_run, last_run,
    inv_sum, inv_peak, inv_peak_at, inv_p95, inv_active, inv_minutes,
    thr_sum, thr_peak, thr_peak_at, thr_p95, thr_active, thr_minutes,
    in_sum, in_peak, in_peak_at, in_p95, in_active, in_minutes, out_sum,
    out_peak, out_peak_at, out_p95, out_active, out_minutes, tpm_sum,
    tpm_peak, tpm_peak_at, tpm_p95, tpm_active, tpm_minutes, io_sum,
    io_peak, io_peak_at, io_p95, io_active, io_minutes)
SELECT
	s.series_id,
	CAST(strftime('%s', u.day) AS INTEGER) / 86400,
	max(u.minutes),
	min(u.first_run),
	max(u.last_run),
	max(CASE WHEN u.metric = 'Invocations' THEN u.sum END),
	max(CASE WHEN u.metric = 'Invocations' THEN u.peak END),
	max(CASE WHEN u.metric = 'Invocations' THEN
	    (strftime('%s', u.peak_at) - strftime('%s', u.day)) / 60 END),
	max(CASE WHEN u.metric = 'Invocations' THEN u.p95 END),
	max(CASE WHEN u.metric = 'Invocations' THEN u.active END),
	nullif(max(CASE WHEN u.metric = 'Invocations'
	    THEN u.minutes END), max(u.minutes)),
	max(CASE WHEN u.metric = 'InvocationThrottles' THEN u.sum END),
	max(CASE WHEN u.metric = 'InvocationThrottles' THEN u.peak END),
	max(CASE WHEN u.metric = 'InvocationThrottles' THEN
	    (strftime('%s', u.peak_at) - strftime('%s', u.day)) / 60 END),
	max(CASE WHEN u.metric = 'InvocationThrottles' THEN u.p95 END),
	max(CASE WHEN u.metric = 'InvocationThrottles' THEN u.active END),
	nullif(max(CASE WHEN u.metric = 'InvocationThrottles'
	    THEN u.minutes END), max(u.minutes)),
	max(CASE WHEN u.metric = 'InputTokenCount' THEN u.sum END),
	max(CASE WHEN u.metric = 'InputTokenCount' THEN u.peak END),
	max(CASE WHEN u.metric = 'InputTokenCount' THEN
	    (strftime('%s', u.peak_at) - strftime('%s', u.day)) / 60 END),
	max(CASE WHEN u.metric = 'InputTokenCount' THEN u.p95 END),
	max(CASE WHEN u.metric = 'InputTokenCount' THEN u.active END),
	nullif(max(CASE WHEN u.metric = 'InputTokenCount'
	    THEN u.minutes END), max(u.minutes)),
	max(CASE WHEN u.metric = 'OutputTokenCount' THEN u.sum END),
	max(CASE WHEN u.metric = 'OutputTokenCount' THEN u.peak END),
	max(CASE WHEN u.metric = 'OutputTokenCount' THEN
	    (strftime('%s', u.peak_at) - strftime('%s', u.day)) / 60 END),
	max(CASE WHEN u.metric = 'OutputTokenCount' THEN u.p95 END),
	max(CASE WHEN u.metric = 'OutputTokenCount' THEN u.active END),
	nullif(max(CASE WHEN u.metric = 'OutputTokenCount'
	    THEN u.minutes END), max(u.minutes)),
	max(CASE WHEN u.metric = 'EstimatedTPMQuotaUsage' THEN u.sum END),
	max(CASE WHEN u.metric = 'EstimatedTPMQuotaUsage' THEN u.peak END),
	max(CASE WHEN u.metric = 'EstimatedTPMQuotaUsage' THEN
	    (strftime('%s', u.peak_at) - strftime('%s', u.day)) / 60 END),
	max(CASE WHEN u.metric = 'EstimatedTPMQuotaUsage' THEN u.p95 END),
	max(CASE WHEN u.metric = 'EstimatedTPMQuotaUsage' THEN u.active END),
	nullif(max(CASE WHEN u.metric = 'EstimatedTPMQuotaUsage'
	    THEN u.minutes END), max(u.minutes)),
	max(CASE WHEN u.metric = 'TokensInputPlusOutput' THEN u.sum END),
	max(CASE WHEN u.metric = 'TokensInputPlusOutput' THEN u.peak END),
	max(CASE WHEN u.metric = 'TokensInputPlusOutput' THEN
	    (strftime('%s', u.peak_at) - strftime('%s', u.day)) / 60 END),
	max(CASE WHEN u.metric = 'TokensInputPlusOutput' THEN u.p95 END),
	max(CASE WHEN u.metric = 'TokensInputPlusOutput' THEN u.active END),
	nullif(max(CASE WHEN u.metric = 'TokensInputPlusOutput'
	    THEN u.minutes END), max(u.minutes))
FROM usage_day u JOIN usage_series s ON s.account_id = u.account_id
    AND s.region = u.region AND s.model_id = u.model_id
GROUP BY s.series_id, u.day;

DROP TABLE usage_day;
ALTER TABLE usage_day_new RENAME TO usage_day;

-- One row per (account, region, model, metric, day) with data, as 0006's
-- table had them: day 'YYYY-MM-DD', peak_at ISO-8601 minute.
CREATE VIEW usage_daily AS
SELECT
	s.account_id,
	s.region,
	s.model_id,
	'Invocations' AS metric,
	date(d.day * 86400, 'unixepoch') AS day,
	d.inv_sum AS sum,
	d.inv_peak AS peak,
	strftime('%Y-%m-%dT%H:%M:%SZ', d.day * 86400 + d.inv_peak_at * 60,
	    'unixepoch') AS peak_at,
	d.inv_p95 AS p95,
	coalesce(d.inv_minutes, d.minutes) AS minutes,
	d.inv_active AS active,
	d.first_run,
	d.last_run
FROM usage_day d JOIN usage_series s ON s.series_id = d.series_id
WHERE d.inv_sum IS NOT NULL
UNION ALL
SELECT
	s.account_id,
	s.region,
	s.model_id,
	'InvocationThrottles' AS metric,
	date(d.day * 86400, 'unixepoch') AS day,
	d.thr_sum AS sum,
	d.thr_peak AS peak,
	strftime('%Y-%m-%dT%H:%M:%SZ', d.day * 86400 + d.thr_peak_at * 60,
	    'unixepoch') AS peak_at,
	d.thr_p95 AS p95,
	coalesce(d.thr_minutes, d.minutes) AS minutes,
	d.thr_active AS active,
	d.first_run,
	d.last_run
FROM usage_day d JOIN usage_series s ON s.series_id = d.series_id
WHERE d.thr_sum IS NOT NULL
UNION ALL
SELECT
	s.account_id,
	s.region,
	s.model_id,
	'InputTokenCount' AS metric,
	date(d.day * 86400, 'unixepoch') AS day,
	d.in_sum AS sum,
	d.in_peak AS peak,
	strftime('%Y-%m-%dT%H:%M:%SZ', d.day * 86400 + d.in_peak_at * 60,
	    'unixepoch') AS peak_at,
	d.in_p95 AS p95,
	coalesce(d.in_minutes, d.minutes) AS minutes,
	d.in_active AS active,
	d.first_run,
	d.last_run
FROM usage_day d JOIN usage_series s ON s.series_id = d.series_id
WHERE d.in_sum IS NOT NULL
UNION ALL
SELECT
	s.account_id,
	s.region,
	s.model_id,
	'OutputTokenCount' AS metric,
	date(d.day * 86400, 'unixepoch') AS day,
	d.out_sum AS sum,
	d.out_peak AS peak,
	strftime('%Y-%m-%dT%H:%M:%SZ', d.day * 86400 + d.out_peak_at * 60,
	    'unixepoch') AS peak_at,
	d.out_p95 AS p95,
	coalesce(d.out_minutes, d.minutes) AS minutes,
	d.out_active AS active,
	d.first_run,
	d.last_run
FROM usage_day d JOIN usage_series s ON s.series_id = d.series_id
WHERE d.out_sum IS NOT NULL
UNION ALL
SELECT
	s.account_id,
	s.region,
	s.model_id,
	'EstimatedTPMQuotaUsage' AS metric,
	date(d.day * 86400, 'unixepoch') AS day,
	d.tpm_sum AS sum,
	d.tpm_peak AS peak,
	strftime('%Y-%m-%dT%H:%M:%SZ', d.day * 86400 + d.tpm_peak_at * 60,
	    'unixepoch') AS peak_at,
	d.tpm_p95 AS p95,
	coalesce(d.tpm_minutes, d.minutes) AS minutes,
	d.tpm_active AS active,
	d.first_run,
	d.last_run
FROM usage_day d JOIN usage_series s ON s.series_id = d.series_id
WHERE d.tpm_sum IS NOT NULL
UNION ALL
SELECT
	s.account_id,
	s.region,
	s.model_id,
	'TokensInputPlusOutput' AS metric,
	date(d.day * 86400, 'unixepoch') AS day,
	d.io_sum AS sum,
	d.io_peak AS peak,
	strftime('%Y-%m-%dT%H:%M:%SZ', d.day * 86400 + d.io_peak_at * 60,
	    'unixepoch') AS peak_at,
	d.io_p95 AS p95,
	coalesce(d.io_minutes, d.minutes) AS minutes,
	d.io_active AS active,
	d.first_run,
	d.last_run
FROM usage_day d JOIN usage_series s ON s.series_id = d.series_id
WHERE d.io_sum IS NOT NULL;
-- The rows of quota_usage with the day and the peak's minute as numbers
-- (days since 1970-01-01, epoch seconds) and the quota's default: what
-- the store reads (store_usage_quota_days()), a range of days through
-- usage_day's key.  A mapped metric picks its columns of the day row.
CREATE VIEW quota_usage_days AS
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
	CASE m.metric
	    WHEN 'Invocations' THEN d.inv_peak
	    WHEN 'InvocationThrottles' THEN d.thr_peak
	    WHEN 'InputTokenCount' THEN d.in_peak
	    WHEN 'OutputTokenCount' THEN d.out_peak
	    WHEN 'EstimatedTPMQuotaUsage' THEN d.tpm_peak
	    WHEN 'TokensInputPlusOutput' THEN d.io_peak
	    END AS peak,
	d.day * 86400 + 60 *
	    CASE m.metric
	    WHEN 'Invocations' THEN d.inv_peak_at
	    WHEN 'InvocationThrottles' THEN d.thr_peak_at
	    WHEN 'InputTokenCount' THEN d.in_peak_at
	    WHEN 'OutputTokenCount' THEN d.out_peak_at
	    WHEN 'EstimatedTPMQuotaUsage' THEN d.tpm_peak_at
	    WHEN 'TokensInputPlusOutput' THEN d.io_peak_at
	    END AS peak_at,
	CASE m.metric
	    WHEN 'Invocations' THEN d.inv_p95
	    WHEN 'InvocationThrottles' THEN d.thr_p95
	    WHEN 'InputTokenCount' THEN d.in_p95
	    WHEN 'OutputTokenCount' THEN d.out_p95
	    WHEN 'EstimatedTPMQuotaUsage' THEN d.tpm_p95
	    WHEN 'TokensInputPlusOutput' THEN d.io_p95
	    END AS p95,
	CASE m.metric
	    WHEN 'Invocations' THEN d.inv_sum
	    WHEN 'InvocationThrottles' THEN d.thr_sum
	    WHEN 'InputTokenCount' THEN d.in_sum
	    WHEN 'OutputTokenCount' THEN d.out_sum
	    WHEN 'EstimatedTPMQuotaUsage' THEN d.tpm_sum
	    WHEN 'TokensInputPlusOutput' THEN d.io_sum
	    END AS sum,
	coalesce(d.thr_active, 0) AS throttled_minutes,
	d.first_run,
	q.default_value
-- CROSS JOIN: the mappings first.  Left to itself the planner starts
-- from every quota state of the account (a year of history: 3 ms per
-- read, twice per report) even when nothing is mapped.
FROM usage_quota_map m
CROSS JOIN quotas_now q ON q.account_id = m.account_id AND q.region = m.region
    AND q.quota_code = m.quota_code AND q.applied_at_level = 'ACCOUNT'
JOIN usage_series s ON s.account_id = m.account_id AND s.region = m.region
    AND s.model_id = m.model_id
JOIN usage_day d ON d.series_id = s.series_id
WHERE m.mapping = 'mapped' AND
	CASE m.metric
	    WHEN 'Invocations' THEN d.inv_sum
	    WHEN 'InvocationThrottles' THEN d.thr_sum
	    WHEN 'InputTokenCount' THEN d.in_sum
	    WHEN 'OutputTokenCount' THEN d.out_sum
	    WHEN 'EstimatedTPMQuotaUsage' THEN d.tpm_sum
	    WHEN 'TokensInputPlusOutput' THEN d.io_sum
	    END IS NOT NULL;

-- Each mapped quota with its usage per stored day (0006, 0007): the
-- columns it had.
CREATE VIEW quota_usage AS
SELECT
	u.account_id,
	u.region,
	u.quota_code,
	u.quota_name,
	u.applied_value,
	u.adjustable,
	u.rate,
	u.model_id,
	u.metric,
	u.approximate,
	date(u.day * 86400, 'unixepoch') AS day,
	u.peak,
	strftime('%Y-%m-%dT%H:%M:%SZ', u.peak_at, 'unixepoch') AS peak_at,
	u.p95,
	u.sum,
	CASE WHEN u.applied_value > 0
	    THEN 100.0 * u.peak / u.applied_value END AS percent,
	u.throttled_minutes,
	u.first_run
FROM quota_usage_days u;
