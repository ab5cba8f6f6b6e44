-- 0008-merge.sql: what bedrock-audit merge needs (issue 12 item 5, shards).
--
-- Applied by store_open() inside BEGIN IMMEDIATE ... COMMIT.  Never edit
-- once released.
--
-- Every database gets an identity of its own, random, made here (a new
-- file: when it is created; an older file: when this migration upgrades
-- it).  A copy of the file is the same database: merging a copy of a
-- shard already merged adds nothing.  A merged database records which
-- runs of which shard database it holds, under which run of its own, and
-- which shard database each account's history comes from.

-- The database's identity: exactly one row.
CREATE TABLE database_id (
	-- always 1: the one row
	one		INTEGER PRIMARY KEY CHECK (one = 1),
	-- 32 lowercase hex digits (128 random bits)
	id		TEXT NOT NULL CHECK (length(id) = 32
	    AND id NOT GLOB '*[^0-9a-f]*')
) STRICT;

INSERT INTO database_id (one, id) VALUES (1, lower(hex(randomblob(16))));

-- Each shard run merged into this database (bedrock-audit merge), and
-- the run here that holds it: runs of several shards that began within
-- the same collection window are one run here.
CREATE TABLE merged_run (
	-- database_id.id of the shard database
	source		TEXT NOT NULL CHECK (length(source) = 32),
	-- the run's number there
	source_run	INTEGER NOT NULL CHECK (source_run >= 1),
	-- the run here that holds it
	run_id		INTEGER NOT NULL REFERENCES run(run_id),
	PRIMARY KEY (source, source_run)
) STRICT, WITHOUT ROWID;

-- The shard runs a run here is made of.
CREATE INDEX merged_run_run ON merged_run(run_id);

-- Which shard database each merged account's history comes from: one
-- source per account (merge refuses an account's runs from another).
CREATE TABLE merged_account (
	-- the AWS account, 12 digits
	account_id	TEXT PRIMARY KEY CHECK (length(account_id) BETWEEN 1
	    AND 64),
	-- database_id.id of the shard database its runs come from
	source		TEXT NOT NULL CHECK (length(source) = 32)
) STRICT, WITHOUT ROWID;

-- Public view: the shard runs merged into this database.
CREATE VIEW merged_runs AS
SELECT
	m.source,
	m.source_run,
	m.run_id
FROM merged_run m;
