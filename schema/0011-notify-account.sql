-- 0011-notify-account.sql: a notification is about one account's run.
--
-- Applied by store_open() inside BEGIN IMMEDIATE ... COMMIT, which also
-- sets PRAGMA user_version; foreign keys are off meanwhile and are
-- checked before the commit.  Never edit this file once released.
--
-- Since 0007 one run can collect many accounts, and each account's
-- report is its own (report --account ID).  0005 allowed one
-- notification per run and target, so after a multi-account run only
-- one account could ever be told, and which one was an accident of
-- collect's last scope.  Now the key is (run, account, target): collect
-- --notify tells each account of the run, notify --account ID tells one.
-- Rows of 0005 are about their run's account.

CREATE TABLE notification_new (
	-- 1, 2, 3, ...: the order attempts began
	notification_id	INTEGER PRIMARY KEY,
	-- the run told of
	run_id		INTEGER NOT NULL REFERENCES run(run_id),
	-- the account whose report of the run was sent ('' for a run
	-- whose account was never known)
	account_id	TEXT NOT NULL CHECK (length(account_id) <= 64),
	-- the target's name, the NAME of its [target NAME] section
	target		TEXT NOT NULL CHECK (length(target) BETWEEN 1 AND 64
	    AND target NOT GLOB '*[^A-Za-z0-9._-]*'),
	-- the target's type
	type		TEXT NOT NULL CHECK (type IN ('exec', 'slack',
	    'teams', 'sns', 'eventbridge')),
	-- 0: the run's own notification (at most one per run, account and
	-- target); 1: sent again on request (notify --run N)
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

INSERT INTO notification_new (notification_id, run_id, account_id, target,
    type, resend, state, reason, started_at, finished_at)
SELECT n.notification_id, n.run_id, coalesce(r.account_id, ''), n.target,
    n.type, n.resend, n.state, n.reason, n.started_at, n.finished_at
FROM notification n JOIN run r ON r.run_id = n.run_id;

DROP VIEW notifications;
DROP INDEX notification_once;
DROP TABLE notification;
ALTER TABLE notification_new RENAME TO notification;

-- At most one notification of its own per run, account and target.
CREATE UNIQUE INDEX notification_once ON notification (run_id, account_id,
    target) WHERE resend = 0;

-- Every attempt, for sqlite3 users: run, account, target, type, state
-- (sent, failed, skipped, or unknown: interrupted while sending), why,
-- and whether it was a requested resend.
CREATE VIEW notifications AS
SELECT run_id AS run, account_id AS account, target, type,
    CASE state WHEN 'sending' THEN 'unknown' ELSE state END AS state,
    CASE state WHEN 'sending' THEN 'interrupted while sending: outcome '
        || 'unknown, not sent again' ELSE reason END AS why,
    resend, started_at, finished_at
FROM notification ORDER BY notification_id;
