-- 0012-run-failure.sql: why a run collected nothing at all.
--
-- Applied by store_open() inside BEGIN IMMEDIATE ... COMMIT, which also
-- sets PRAGMA user_version; foreign keys are off meanwhile and are
-- checked before the commit.  Never edit this file once released.
--
-- A run whose credentials could not be found or were refused (an
-- expired IAM Identity Center sign-in, a wrong secret key) fails before
-- its first region, so no region row says why, and the report of that
-- morning could only say "failed, nothing was collected": the reason
-- was on the cron job's stderr alone.  Now the run keeps the step that
-- failed and what was answered, for the report, its notifications and
-- anyone reading the database.  Runs of earlier versions have no row:
-- their reason is not known.

CREATE TABLE run_failure (
	-- the run (failed, with no region recorded)
	run_id		INTEGER PRIMARY KEY REFERENCES run(run_id),
	-- the step that failed: "credentials" when no credentials could be
	-- found or obtained (the message says where each source was
	-- looked for), else the call ("GetCallerIdentity")
	operation	TEXT NOT NULL CHECK (length(operation) BETWEEN 1
	    AND 64),
	-- the reply's HTTP status; 0 when none arrived
	http_status	INTEGER NOT NULL CHECK (http_status BETWEEN 0 AND 999),
	-- the error code as sent ("ExpiredToken"); '' when none
	error_code	TEXT NOT NULL CHECK (length(error_code) <= 256),
	-- the error message as sent, or the credential chain's own reason;
	-- never a secret
	error_message	TEXT NOT NULL CHECK (length(error_message) <= 4096)
) STRICT;

-- Each failed run with its reason, for sqlite3 readers.
CREATE VIEW run_failures AS
SELECT f.run_id, r.started_at, f.operation, f.http_status, f.error_code,
    f.error_message
FROM run_failure f JOIN run r ON r.run_id = f.run_id;
