-- 0005-notifications.sql: who was told about which run.
--
-- Applied by store_open() inside BEGIN IMMEDIATE ... COMMIT, which also
-- sets PRAGMA user_version; foreign keys are off meanwhile and are
-- checked before the commit.  Never edit this file once released.
--
-- A notification target (--notify FILE, notify.h) hears of a run at most
-- once by itself: the attempt is committed as 'sending' before anything
-- is sent, and set to 'sent' or 'failed' after.  A row still 'sending'
-- after its process ended is a crash between the two: whether the
-- target got the message is unknown, and it is never sent again by
-- itself (the notifications view says "unknown").  Only "notify --run N"
-- sends a run again, as a row of its own (resend = 1).  Only a target's
-- name and type are stored: never its URL or command, which may hold a
-- secret.

CREATE TABLE notification (
	-- 1, 2, 3, ...: the order attempts began
	notification_id	INTEGER PRIMARY KEY,
	-- the run told of
	run_id		INTEGER NOT NULL REFERENCES run(run_id),
	-- the target's name, the NAME of its [target NAME] section
	target		TEXT NOT NULL CHECK (length(target) BETWEEN 1 AND 64
	    AND target NOT GLOB '*[^A-Za-z0-9._-]*'),
	-- the target's type
	type		TEXT NOT NULL CHECK (type IN ('exec', 'slack',
	    'teams', 'sns', 'eventbridge')),
	-- 0: the run's own notification (at most one per run and target);
	-- 1: sent again on request (notify --run N)
	resend		INTEGER NOT NULL CHECK (resend IN (0, 1)),
	-- sending: recorded before sending, not finished (a crash leaves it);
	-- sent: the target accepted it; failed: it did not (reason says
	-- why); skipped: the run was below the target's threshold
	state		TEXT NOT NULL CHECK (state IN ('sending', 'sent',
	    'failed', 'skipped')),
	-- why it failed or was skipped, plain text; NULL otherwise
	reason		TEXT CHECK (length(reason) BETWEEN 1 AND 1024),
	-- when the attempt began, UTC ISO-8601
	started_at	TEXT NOT NULL CHECK (started_at GLOB
	    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' ||
	    'T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
	-- when it ended, UTC ISO-8601; NULL while sending (or interrupted)
	finished_at	TEXT CHECK (finished_at GLOB
	    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' ||
	    'T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
	CHECK ((state = 'sending') = (finished_at IS NULL))
) STRICT;

-- At most one notification of its own per run and target.
CREATE UNIQUE INDEX notification_once ON notification (run_id, target)
    WHERE resend = 0;

-- Every attempt, for sqlite3 users: run, target, type, state (sent,
-- failed, skipped, or unknown: interrupted while sending), why, and
-- whether it was a requested resend.
CREATE VIEW notifications AS
SELECT run_id AS run, target, type,
    CASE state WHEN 'sending' THEN 'unknown' ELSE state END AS state,
    CASE state WHEN 'sending' THEN 'interrupted while sending: outcome '
        || 'unknown, not sent again' ELSE reason END AS why,
    resend, started_at, finished_at
FROM notification ORDER BY notification_id;
