-- 0013-external-id.sql: whether a failed AssumeRole sent an external ID.
--
-- Applied by store_open() inside BEGIN IMMEDIATE ... COMMIT, which also
-- sets PRAGMA user_version; foreign keys are off meanwhile and are
-- checked before the commit.  Never edit this file once released.
--
-- STS answers AccessDenied alike for a role that does not trust the
-- caller, for a trust policy that wants an sts:ExternalId none was sent
-- for, and for a wrong one.  The fix differs with what the call sent:
-- collect knew it, the report did not and had to hedge ("if it has
-- one").  Now the row keeps it.  Rows of earlier versions have NULL:
-- not known.

-- failed: 1 when the AssumeRole call sent an external ID, 0 when it sent
-- none; NULL otherwise, or not known (a run of an earlier version)
ALTER TABLE run_account ADD COLUMN external_id INTEGER
    CHECK (external_id IN (0, 1));

DROP VIEW run_accounts;
CREATE VIEW run_accounts AS
SELECT
	a.run_id,
	a.account_id,
	a.status,
	a.org_status,
	a.operation,
	a.error_code,
	a.error_message,
	a.external_id
FROM run_account a;
