-- 0002-region-digest.sql: a digest of each region's current state.
--
-- Applied by store_open() inside BEGIN IMMEDIATE ... COMMIT, which also
-- sets PRAGMA user_version = 2.  Never edit this file once released.
--
-- Auxiliary data, not content: collect compares the digest of a region it
-- has just collected with this one, and when they are equal (the usual
-- daily case) records the region as unchanged without reading its state
-- rows back, diffing and merging them.  Every write of a region's state
-- (store_region_ok) rewrites its digest in the same transaction.  A
-- missing row only means the long way: read, diff, merge, then write it.

CREATE TABLE region_digest (
	-- AWS region name
	region		TEXT PRIMARY KEY
	    CHECK (length(region) BETWEEN 1 AND 64),
	-- SHA-256, lowercase hex, of the region's current state rows in key
	-- order (store_state.c state_digest(): every stored column)
	digest		TEXT NOT NULL CHECK (length(digest) = 64
	    AND digest NOT GLOB '*[^0-9a-f]*'),
	-- the run whose collection wrote that state
	run_id		INTEGER NOT NULL REFERENCES run(run_id)
) STRICT, WITHOUT ROWID;
