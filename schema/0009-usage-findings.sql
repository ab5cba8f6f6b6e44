-- 0009-usage-findings.sql: usage findings as changes (issue 13, item 4).
--
-- Applied by store_open() inside BEGIN IMMEDIATE ... COMMIT, which also
-- sets PRAGMA user_version; foreign keys are off meanwhile and are
-- checked before the commit.  Never edit this file once released.
--
-- A quota's usage finding over the judged window (usage.h: the stored
-- days of the 14 UTC days up to the run) is an open problem while it
-- holds, and a change when it starts or ends.  A collect whose usage of
-- the region was read judges each mapped quota and compares the verdict
-- with the finding usage_finding holds for it (what the previous judging
-- run found; never recomputed from days that later runs merged more
-- minutes into): one kind per finding, old_value 'none' and new_value the
-- finding when it starts, the reverse when it ends.  The numbers that
-- prove it go to change_usage, one row per such change.

INSERT INTO change_kinds(kind, description) VALUES
	('usage_near_quota',
	    'peak usage at or above 80% of the quota started or ended'),
	('throttled_below_quota',
	    'throttles below 80% of the quota started or ended'),
	('throttled_at_quota', 'throttles at the quota started or ended');

-- The usage evidence of each usage finding change (change.h, struct
-- change_usage), as the run that recorded it judged the window.
CREATE TABLE change_usage (
	-- the change (a usage_near_quota, throttled_below_quota or
	-- throttled_at_quota row of change_log)
	change_id	INTEGER PRIMARY KEY REFERENCES change_log(change_id),
	-- the series measuring the quota: a model or inference profile ID
	model_id	TEXT NOT NULL,
	-- the largest per-minute usage of the window
	peak		REAL NOT NULL CHECK (peak >= 0),
	-- its minute, UTC ISO-8601; NULL when every minute was 0
	peak_at		TEXT,
	-- the quota's applied value judged against
	quota		REAL NOT NULL CHECK (quota >= 0),
	-- peak / quota x 100
	percent		REAL NOT NULL CHECK (percent >= 0),
	-- the throttled minutes of the finding (below, or at the quota)
	throttled_minutes INTEGER NOT NULL CHECK (throttled_minutes >= 0),
	-- 1.5 x peak rounded up to 2 significant digits: a suggestion
	suggested	REAL NOT NULL CHECK (suggested >= 0),
	-- 1 tokens per minute, 0 requests per minute
	tokens		INTEGER NOT NULL CHECK (tokens IN (0, 1)),
	-- 1 when measured as input + output tokens (an approximation)
	approximate	INTEGER NOT NULL CHECK (approximate IN (0, 1))
) STRICT;

-- The usage finding each quota has now, as the newest run that read the
-- region's usage judged it: what the next run compares with.  A row per
-- quota with a finding; none: no row.  A region's first run (a baseline)
-- writes its rows and no change, as its state.
CREATE TABLE usage_finding (
	-- AWS account (the run's account_id)
	account_id	TEXT NOT NULL,
	-- AWS region name
	region		TEXT NOT NULL,
	-- the quota (account level)
	quota_code	TEXT NOT NULL,
	-- near_quota, throttled_below_quota or throttled_at_quota
	finding		TEXT NOT NULL CHECK (finding IN ('near_quota',
	    'throttled_below_quota', 'throttled_at_quota')),
	-- the run that found it
	run_id		INTEGER NOT NULL REFERENCES run(run_id),
	PRIMARY KEY (account_id, region, quota_code)
) STRICT, WITHOUT ROWID;
