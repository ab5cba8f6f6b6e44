/*
 * store_merge.c: folding a shard database into the target (bedrock-audit
 * merge).  See store_merge.h for the rules.
 *
 * The shard is ATTACHed to the target's connection as "shard" and read
 * with INSERT ... SELECT, its run numbers translated through the temp
 * table merge_map (shard run -> run here; "fresh" for the runs merged by
 * this call), so a shard of fifty accounts is a few statements, not a
 * loop over rows.  The statements that copy a table are built from the
 * target's own column list (PRAGMA table_info): both databases have
 * this program's schema version (the caller checked), and the names
 * are the schema's, quoted, never input.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store.h"
#include "store_int.h"
#include "store_merge.h"
#include "util.h"

/* How one table of a shard is copied. */
struct merge_table {
	const char	*name;
	/* the run column of the rows to copy: those of runs merged now;
	   NULL: every row of the accounts merged now (a current-only
	   table, replaced whole per account) */
	const char	*fresh;
	/* another run column, translated (NULL if none) */
	const char	*mapped;
	int		 replace;	/* INSERT OR REPLACE */
	const char	*skip;		/* a column the target numbers */
	int		 state;		/* change-only history: close rows */
	/* a usage_series ID column: a local number, translated through
	   the series' (account, region, model) (merge_usage_series()) */
	const char	*series;
};

/* In the order of their foreign keys. */
static const struct merge_table merge_tables[] = {
	{ "run_account", "run_id", NULL, 0, NULL, 0, NULL },
	{ "run_failure", "run_id", NULL, 1, NULL, 0, NULL },
	{ "region_run", "run_id", NULL, 0, NULL, 0, NULL },
	{ "region_run_failure", "run_id", NULL, 0, NULL, 0, NULL },
	{ "region_run_unknown", "run_id", NULL, 0, NULL, 0, NULL },
	{ "region_run_usage", "run_id", NULL, 0, NULL, 0, NULL },
	{ "model_state", "since_run", "until_run", 0, NULL, 1, NULL },
	{ "quota_state", "since_run", "until_run", 0, NULL, 1, NULL },
	{ "profile_state", "since_run", "until_run", 0, NULL, 1, NULL },
	{ "quota_request_state", "since_run", "until_run", 0, NULL, 1, NULL },
	/* change IDs: new ones here, in the shard's order */
	{ "change_log", "run_id", "first_run", 0, "change_id", 0, NULL },
	/* the shard's days of its accounts replace ours (it owns them) */
	{ "usage_day", "last_run", "first_run", 1, NULL, 0, "series_id" },
	{ "usage_quota_map", NULL, "run_id", 1, NULL, 0, NULL },
	{ "usage_finding", NULL, "run_id", 1, NULL, 0, NULL },
};

#define MERGE_MAX_COLUMNS	64

/* A table's columns (and which are its primary key) in the target. */
struct merge_cols {
	char	*name[MERGE_MAX_COLUMNS];
	int	 pk[MERGE_MAX_COLUMNS];
	size_t	 n;
};

static int
merge_fail(struct store *st, const char *what)
{
	warnx("%s: merge: %s: %s", st->path, what, sqlite3_errmsg(st->db));
	return -1;
}

/* Run SQL without parameters or results. */
static int
merge_exec(struct store *st, const char *sql)
{
	char	*msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		warnx("%s: merge: %s", st->path, msg != NULL ? msg :
		    sqlite3_errmsg(st->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static sqlite3_stmt *
merge_prepare(struct store *st, const char *sql)
{
	sqlite3_stmt	*s = NULL;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		(void)merge_fail(st, sql);
		sqlite3_finalize(s);
		return NULL;
	}
	return s;
}

/* Bind a named parameter that the statement must have. */
static int
merge_bind_text(sqlite3_stmt *s, const char *param, const char *v)
{
	int	i = sqlite3_bind_parameter_index(s, param);

	return i > 0 && sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT) ==
	    SQLITE_OK ? 0 : -1;
}

static int
merge_bind_int(sqlite3_stmt *s, const char *param, long long v)
{
	int	i = sqlite3_bind_parameter_index(s, param);

	return i > 0 && sqlite3_bind_int64(s, i, v) == SQLITE_OK ? 0 : -1;
}

int
store_id(struct store *st, char out[STORE_ID_LEN + 1])
{
	sqlite3_stmt	*s;
	const char	*id;
	int		 rc = -1;

	if ((s = merge_prepare(st, "SELECT id FROM database_id WHERE one = 1"))
	    == NULL)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW &&
	    (id = (const char *)sqlite3_column_text(s, 0)) != NULL &&
	    strlen(id) == STORE_ID_LEN) {
		memcpy(out, id, STORE_ID_LEN + 1);
		rc = 0;
	} else
		warnx("%s: the database has no identity (database_id)",
		    st->path);
	sqlite3_finalize(s);
	return rc;
}

static void
merge_cols_free(struct merge_cols *c)
{
	size_t	i;

	for (i = 0; i < c->n; i++)
		free(c->name[i]);
	c->n = 0;
}

/* The target's columns of "table", in order. */
static int
merge_cols(struct store *st, const char *table, struct merge_cols *c)
{
	sqlite3_stmt	*s;
	const char	*name;
	int		 r;

	memset(c, 0, sizeof(*c));
	if ((s = merge_prepare(st, "SELECT name, pk FROM "
	    "pragma_table_info(:t, 'main') ORDER BY cid")) == NULL)
		return -1;
	if (merge_bind_text(s, ":t", table) == -1)
		goto fail;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(s, 0);
		if (name == NULL || c->n == MERGE_MAX_COLUMNS ||
		    strchr(name, '"') != NULL)
			goto fail;
		c->pk[c->n] = sqlite3_column_int(s, 1);
		c->name[c->n++] = xstrdup(name);
	}
	if (r != SQLITE_DONE || c->n == 0)
		goto fail;
	sqlite3_finalize(s);
	return 0;
fail:
	warnx("%s: merge: the columns of %s: %s", st->path, table,
	    sqlite3_errmsg(st->db));
	sqlite3_finalize(s);
	merge_cols_free(c);
	return -1;
}

/*
 * State rows of runs merged before that a run merged now closed: close
 * them here too, before the new versions are inserted (at most one open
 * row per subject).
 */
static int
merge_close_rows(struct store *st, const struct merge_table *t,
    const struct merge_cols *c)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;
	int		 rc;

	buf_printf(&b, "UPDATE main.\"%s\" AS t SET until_run = k.dst "
	    "FROM shard.\"%s\" s "
	    "JOIN temp.merge_map o ON o.src = s.since_run AND o.fresh = 0 "
	    "JOIN temp.merge_map k ON k.src = s.until_run AND k.fresh = 1 "
	    "WHERE t.since_run = o.dst AND t.until_run IS NULL", t->name,
	    t->name);
	for (i = 0; i < c->n; i++)
		if (c->pk[i] > 0 && strcmp(c->name[i], "since_run") != 0)
			buf_printf(&b, " AND t.\"%s\" = s.\"%s\"", c->name[i],
			    c->name[i]);
	rc = merge_exec(st, b.data);
	buf_free(&b);
	return rc;
}

/* Copy the rows of table "t" that this merge adds. */
static int
merge_copy(struct store *st, const struct merge_table *t)
{
	struct merge_cols	 c;
	struct buf		 b = BUF_INIT;
	size_t			 i, k = 0;
	int			 rc = -1;

	if (merge_cols(st, t->name, &c) == -1)
		return -1;
	if (t->state && merge_close_rows(st, t, &c) == -1)
		goto out;
	if (t->fresh == NULL) {
		buf_printf(&b, "DELETE FROM main.\"%s\" WHERE account_id IN "
		    "(SELECT account_id FROM temp.merge_accounts)", t->name);
		if (merge_exec(st, b.data) == -1)
			goto out;
		buf_reset(&b);
	}
	buf_printf(&b, "INSERT %sINTO main.\"%s\" (", t->replace ?
	    "OR REPLACE " : "", t->name);
	for (i = 0; i < c.n; i++)
		if (t->skip == NULL || strcmp(c.name[i], t->skip) != 0)
			buf_printf(&b, "%s\"%s\"", k++ > 0 ? ", " : "",
			    c.name[i]);
	buf_addstr(&b, ") SELECT ");
	k = 0;
	for (i = 0; i < c.n; i++) {
		if (t->skip != NULL && strcmp(c.name[i], t->skip) == 0)
			continue;
		buf_addstr(&b, k++ > 0 ? ", " : "");
		if (t->fresh != NULL && strcmp(c.name[i], t->fresh) == 0)
			buf_addstr(&b, "k.dst");
		else if (t->series != NULL && strcmp(c.name[i], t->series) ==
		    0)
			buf_addstr(&b, "ms.series_id");
		else if (t->mapped != NULL && strcmp(c.name[i], t->mapped) == 0)
			buf_addstr(&b, "x.dst");
		else
			buf_printf(&b, "s.\"%s\"", c.name[i]);
	}
	buf_printf(&b, " FROM shard.\"%s\" s ", t->name);
	if (t->series != NULL)
		buf_printf(&b, "JOIN shard.usage_series ss ON ss.series_id = "
		    "s.\"%s\" JOIN main.usage_series ms ON "
		    "ms.account_id = ss.account_id AND ms.region = ss.region "
		    "AND ms.model_id = ss.model_id ", t->series);
	if (t->fresh != NULL) {
		buf_printf(&b, "JOIN temp.merge_map k ON k.src = s.\"%s\" "
		    "AND k.fresh = 1 ", t->fresh);
		if (t->mapped != NULL)
			buf_printf(&b, "LEFT JOIN temp.merge_map x ON "
			    "x.src = s.\"%s\" ", t->mapped);
	} else
		buf_printf(&b, "JOIN temp.merge_map x ON x.src = s.\"%s\" "
		    "WHERE s.account_id IN (SELECT account_id FROM "
		    "temp.merge_accounts) ", t->mapped);
	if (t->skip != NULL)
		buf_printf(&b, "ORDER BY s.\"%s\"", t->skip);
	rc = merge_exec(st, b.data);
out:
	buf_free(&b);
	merge_cols_free(&c);
	return rc;
}

/*
 * The usage series of the accounts merged now, numbered here when new
 * (series IDs are each database's own): before the usage_day rows that
 * name them (merge_tables' "series").
 */
static int
merge_usage_series(struct store *st)
{
	return merge_exec(st, "INSERT OR IGNORE INTO main.usage_series "
	    "(account_id, region, model_id) SELECT account_id, region, "
	    "model_id FROM shard.usage_series WHERE account_id IN "
	    "(SELECT account_id FROM temp.merge_accounts) ORDER BY series_id");
}

/* The largest change ID here (0: none) into *max; -1 after warnx(3). */
static int
merge_max_change(struct store *st, long long *max)
{
	sqlite3_stmt	*s;
	int		 rc = -1;

	if ((s = merge_prepare(st, "SELECT coalesce(max(change_id), 0) "
	    "FROM main.change_log")) == NULL)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW) {
		*max = sqlite3_column_int64(s, 0);
		rc = 0;
	} else
		(void)merge_fail(st, "change IDs");
	sqlite3_finalize(s);
	return rc;
}

/*
 * The usage evidence of the changes just copied: merge_copy() gave them
 * the IDs after "base" in the shard's change ID order, so the n-th copied
 * change of the shard is base + n here.
 */
static int
merge_change_usage(struct store *st, long long base)
{
	struct merge_cols	 c;
	struct buf		 b = BUF_INIT;
	size_t			 i;
	int			 rc;

	if (merge_cols(st, "change_usage", &c) == -1)
		return -1;
	buf_addstr(&b, "INSERT INTO main.change_usage (");
	for (i = 0; i < c.n; i++)
		buf_printf(&b, "%s\"%s\"", i > 0 ? ", " : "", c.name[i]);
	buf_addstr(&b, ") SELECT ");
	for (i = 0; i < c.n; i++)
		if (strcmp(c.name[i], "change_id") == 0)
			buf_printf(&b, "%sm.dst", i > 0 ? ", " : "");
		else
			buf_printf(&b, "%su.\"%s\"", i > 0 ? ", " : "",
			    c.name[i]);
	buf_printf(&b, " FROM shard.change_usage u JOIN (SELECT s.change_id "
	    "AS src, %lld + row_number() OVER (ORDER BY s.change_id) AS dst "
	    "FROM shard.change_log s JOIN temp.merge_map k ON "
	    "k.src = s.run_id AND k.fresh = 1) m ON m.src = u.change_id",
	    base);
	rc = merge_exec(st, b.data);
	buf_free(&b);
	merge_cols_free(&c);
	return rc;
}

/*
 * The run here for shard run "src_run" (started "started"): one merged
 * before within the window that none of its accounts forbids, or a new
 * one.  *dst gets it; -1 after warnx(3) when it fits nowhere.
 */
static int
merge_place_run(struct store *st, const char *path, sqlite3_stmt *runs,
    long window_sec, long long *dst, int *created)
{
	static const char	 find[] =
	    "SELECT r.run_id FROM main.run r "
	    " WHERE r.run_id IN (SELECT run_id FROM main.merged_run)"
	    "   AND abs(strftime('%s', r.started_at) - "
	    "       strftime('%s', :started)) <= :window"
	    "   AND r.run_id > (SELECT coalesce(max(dst), 0) "
	    "       FROM temp.merge_map)"
	    "   AND r.run_id > (SELECT coalesce(max(t.run_id), 0) "
	    "       FROM main.run_account t WHERE t.account_id IN "
	    "       (SELECT account_id FROM shard.run_account "
	    "        WHERE run_id = :src_run))"
	    " ORDER BY r.run_id DESC LIMIT 1";
	static const char	 join[] =
	    "UPDATE main.run SET"
	    " started_at = min(started_at, :started),"
	    " finished_at = CASE WHEN :finished IS NULL THEN finished_at"
	    "   WHEN finished_at IS NULL THEN :finished"
	    "   ELSE max(finished_at, :finished) END,"
	    " status = CASE WHEN status = :status THEN status"
	    "   ELSE 'partial' END,"
	    " account_id = coalesce(account_id, :account)"
	    " WHERE run_id = :dst";
	static const char	 newest[] =
	    "SELECT run_id, started_at FROM main.run"
	    " ORDER BY run_id DESC LIMIT 1";
	static const char	 insert[] =
	    "INSERT INTO main.run (started_at, finished_at, status,"
	    " account_id) VALUES (:started, :finished, :status, :account)";
	sqlite3_stmt		*s = NULL;
	const char		*started, *finished, *status, *account, *top;
	long long		 src_run;
	int			 r, rc = -1;

	src_run = sqlite3_column_int64(runs, 0);
	started = (const char *)sqlite3_column_text(runs, 1);
	finished = (const char *)sqlite3_column_text(runs, 2);
	status = (const char *)sqlite3_column_text(runs, 3);
	account = (const char *)sqlite3_column_text(runs, 4);
	*created = 0;
	if (started == NULL || status == NULL)
		return merge_fail(st, "a shard run without start or status");
	if ((s = merge_prepare(st, find)) == NULL)
		return -1;
	if (merge_bind_text(s, ":started", started) == -1 ||
	    merge_bind_int(s, ":window", window_sec) == -1 ||
	    merge_bind_int(s, ":src_run", src_run) == -1)
		goto out;
	if ((r = sqlite3_step(s)) == SQLITE_ROW) {
		*dst = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
		if ((s = merge_prepare(st, join)) == NULL)
			return -1;
		if (merge_bind_text(s, ":started", started) == -1 ||
		    merge_bind_text(s, ":finished", finished) == -1 ||
		    merge_bind_text(s, ":status", status) == -1 ||
		    merge_bind_text(s, ":account", account) == -1 ||
		    merge_bind_int(s, ":dst", *dst) == -1 ||
		    sqlite3_step(s) != SQLITE_DONE)
			goto out;
		rc = 0;
		goto out;
	}
	if (r != SQLITE_DONE)
		goto out;
	sqlite3_finalize(s);
	/* A new run: run numbers follow start times. */
	if ((s = merge_prepare(st, newest)) == NULL)
		return -1;
	if ((r = sqlite3_step(s)) == SQLITE_ROW &&
	    (top = (const char *)sqlite3_column_text(s, 1)) != NULL &&
	    strcmp(started, top) < 0) {
		warnx("%s: run %lld began at %s, before run %lld of %s (%s), "
		    "and joins no run that began within the window (--window) "
		    "of it: merge every shard of a collection before the "
		    "next collection's, or widen --window; nothing of this "
		    "shard merged", path, src_run, started,
		    sqlite3_column_int64(s, 0), st->path, top);
		sqlite3_finalize(s);
		return -1;
	}
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		goto out;
	sqlite3_finalize(s);
	if ((s = merge_prepare(st, insert)) == NULL)
		return -1;
	if (merge_bind_text(s, ":started", started) == -1 ||
	    merge_bind_text(s, ":finished", finished) == -1 ||
	    merge_bind_text(s, ":status", status) == -1 ||
	    merge_bind_text(s, ":account", account) == -1 ||
	    sqlite3_step(s) != SQLITE_DONE)
		goto out;
	*dst = sqlite3_last_insert_rowid(st->db);
	*created = 1;
	rc = 0;
out:
	if (rc == -1 && sqlite3_errcode(st->db) != SQLITE_OK)
		(void)merge_fail(st, "placing a shard run");
	sqlite3_finalize(s);
	return rc;
}

/*
 * Refuse shard run "src_run" when one of its accounts has history here
 * from another source: merged from another shard database, or collected
 * by this database itself.  Else its accounts are this source's.
 */
static int
merge_own_accounts(struct store *st, const char *path, const char *source,
    long long src_run)
{
	static const char	 check[] =
	    "SELECT a.account_id, m.source FROM shard.run_account a"
	    " LEFT JOIN main.merged_account m USING (account_id)"
	    " WHERE a.run_id = :src_run AND (m.source <> :source OR"
	    "  (m.source IS NULL AND EXISTS (SELECT 1 FROM main.run_account t"
	    "   WHERE t.account_id = a.account_id)))"
	    " ORDER BY a.account_id LIMIT 1";
	static const char	 own[] =
	    "INSERT OR IGNORE INTO main.merged_account (account_id, source)"
	    " SELECT account_id, :source FROM shard.run_account"
	    " WHERE run_id = :src_run";
	sqlite3_stmt		*s;
	const char		*acct, *other;
	int			 r, rc = -1;

	if ((s = merge_prepare(st, check)) == NULL)
		return -1;
	if (merge_bind_int(s, ":src_run", src_run) == -1 ||
	    merge_bind_text(s, ":source", source) == -1)
		goto out;
	if ((r = sqlite3_step(s)) == SQLITE_ROW) {
		acct = (const char *)sqlite3_column_text(s, 0);
		other = (const char *)sqlite3_column_text(s, 1);
		if (other != NULL)
			warnx("%s: account %s (run %lld) is merged into %s "
			    "from another shard database (%s): an account's "
			    "history comes from one shard; keep --shard's N "
			    "fixed, or merge into a new database; nothing of "
			    "this shard merged", path, acct, src_run,
			    st->path, other);
		else
			warnx("%s: account %s (run %lld) is collected by %s "
			    "itself, not merged from a shard: merge into a "
			    "database of shards only; nothing of this shard "
			    "merged", path, acct, src_run, st->path);
		sqlite3_finalize(s);
		return -1;
	}
	if (r != SQLITE_DONE)
		goto out;
	sqlite3_finalize(s);
	if ((s = merge_prepare(st, own)) == NULL)
		return -1;
	if (merge_bind_int(s, ":src_run", src_run) == -1 ||
	    merge_bind_text(s, ":source", source) == -1 ||
	    sqlite3_step(s) != SQLITE_DONE)
		goto out;
	rc = 0;
out:
	if (rc == -1)
		(void)merge_fail(st, "the shard's accounts");
	sqlite3_finalize(s);
	return rc;
}

/* Record shard run "src_run" of "source" as run "dst" here. */
static int
merge_map_run(struct store *st, const char *source, long long src_run,
    long long dst)
{
	sqlite3_stmt	*s;
	int		 rc = -1;

	if ((s = merge_prepare(st, "INSERT INTO main.merged_run (source, "
	    "source_run, run_id) VALUES (:source, :src_run, :dst)")) == NULL)
		return -1;
	if (merge_bind_text(s, ":source", source) == 0 &&
	    merge_bind_int(s, ":src_run", src_run) == 0 &&
	    merge_bind_int(s, ":dst", dst) == 0 &&
	    sqlite3_step(s) == SQLITE_DONE) {
		sqlite3_finalize(s);
		s = merge_prepare(st, "INSERT INTO temp.merge_map (src, dst, "
		    "fresh) VALUES (:src_run, :dst, 1)");
		if (s != NULL && merge_bind_int(s, ":src_run", src_run) == 0 &&
		    merge_bind_int(s, ":dst", dst) == 0 &&
		    sqlite3_step(s) == SQLITE_DONE)
			rc = 0;
	}
	if (rc == -1)
		(void)merge_fail(st, "recording a merged run");
	sqlite3_finalize(s);
	return rc;
}

/* Place every shard run not merged yet; the map and counts filled. */
static int
merge_runs(struct store *st, const char *path, const char *source,
    long window_sec, struct store_merge_stats *stats)
{
	sqlite3_stmt	*runs;
	const char	*status;
	long long	 src_run, dst;
	int		 r, created, rc = -1;

	if ((runs = merge_prepare(st, "SELECT run_id, started_at, "
	    "finished_at, status, account_id FROM shard.run WHERE run_id "
	    "NOT IN (SELECT src FROM temp.merge_map) ORDER BY run_id")) ==
	    NULL)
		return -1;
	while ((r = sqlite3_step(runs)) == SQLITE_ROW) {
		src_run = sqlite3_column_int64(runs, 0);
		status = (const char *)sqlite3_column_text(runs, 3);
		if (status != NULL && strcmp(status, "running") == 0) {
			/* Its regions may be half there: a later merge. */
			stats->runs_running++;
			break;
		}
		if (merge_own_accounts(st, path, source, src_run) == -1 ||
		    merge_place_run(st, path, runs, window_sec, &dst,
		    &created) == -1 ||
		    merge_map_run(st, source, src_run, dst) == -1)
			goto out;
		log_debug(2, "%s: run %lld -> run %lld%s", path, src_run, dst,
		    created ? " (new)" : "");
		stats->runs++;
		stats->runs_new += created;
	}
	if (r != SQLITE_DONE && r != SQLITE_ROW) {
		(void)merge_fail(st, "the shard's runs");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(runs);
	return rc;
}

/* The shard's runs merged before, into temp.merge_map (not fresh). */
static int
merge_load_map(struct store *st, const char *source)
{
	sqlite3_stmt	*s;
	int		 rc = -1;

	if (merge_exec(st, "CREATE TEMP TABLE IF NOT EXISTS merge_map ("
	    "src INTEGER PRIMARY KEY, dst INTEGER NOT NULL, "
	    "fresh INTEGER NOT NULL);"
	    "CREATE TEMP TABLE IF NOT EXISTS merge_accounts ("
	    "account_id TEXT PRIMARY KEY) WITHOUT ROWID;"
	    "DELETE FROM temp.merge_map; DELETE FROM temp.merge_accounts")
	    == -1)
		return -1;
	if ((s = merge_prepare(st, "INSERT INTO temp.merge_map (src, dst, "
	    "fresh) SELECT source_run, run_id, 0 FROM main.merged_run "
	    "WHERE source = :source")) == NULL)
		return -1;
	if (merge_bind_text(s, ":source", source) == 0 &&
	    sqlite3_step(s) == SQLITE_DONE)
		rc = 0;
	else
		(void)merge_fail(st, "the runs merged before");
	sqlite3_finalize(s);
	return rc;
}

/* The attached shard's identity. */
static int
merge_source(struct store *st, const char *path, char out[STORE_ID_LEN + 1])
{
	sqlite3_stmt	*s;
	const char	*id;
	int		 rc = -1;

	if ((s = merge_prepare(st, "SELECT id FROM shard.database_id "
	    "WHERE one = 1")) == NULL)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW &&
	    (id = (const char *)sqlite3_column_text(s, 0)) != NULL &&
	    strlen(id) == STORE_ID_LEN) {
		memcpy(out, id, STORE_ID_LEN + 1);
		rc = 0;
	} else
		warnx("%s: the database has no identity (database_id)", path);
	sqlite3_finalize(s);
	return rc;
}

int
store_merge(struct store *st, const char *path, long window_sec,
    struct store_merge_stats *stats)
{
	sqlite3_stmt	*s;
	char		 source[STORE_ID_LEN + 1], self[STORE_ID_LEN + 1];
	sqlite3_int64	 before;
	long long	 base = 0;
	size_t		 i;
	int		 rc = -1, attached = 0, began = 0;

	memset(stats, 0, sizeof(*stats));
	if (!store_locked(st)) {
		warnx("%s: merge needs the writer lock", st->path);
		return -1;
	}
	if ((s = merge_prepare(st, "ATTACH DATABASE :path AS shard")) == NULL)
		return -1;
	if (merge_bind_text(s, ":path", path) == -1 ||
	    sqlite3_step(s) != SQLITE_DONE) {
		warnx("%s: %s", path, sqlite3_errmsg(st->db));
		sqlite3_finalize(s);
		return -1;
	}
	sqlite3_finalize(s);
	attached = 1;
	/* Before the transaction: the same file would be locked by us. */
	if (store_id(st, self) == -1 || merge_source(st, path, source) == -1)
		goto out;
	if (strcmp(self, source) == 0) {
		warnx("%s: is %s itself (the same database identity)", path,
		    st->path);
		goto out;
	}
	if (merge_exec(st, "BEGIN IMMEDIATE") == -1)
		goto out;
	began = 1;
	if (merge_load_map(st, source) == -1)
		goto out;
	before = sqlite3_total_changes64(st->db);
	if (merge_runs(st, path, source, window_sec, stats) == -1)
		goto out;
	if (stats->runs > 0) {
		if (merge_exec(st, "INSERT INTO temp.merge_accounts "
		    "SELECT DISTINCT a.account_id FROM shard.run_account a "
		    "JOIN temp.merge_map k ON k.src = a.run_id AND "
		    "k.fresh = 1") == -1)
			goto out;
		if (merge_max_change(st, &base) == -1 ||
		    merge_usage_series(st) == -1)
			goto out;
		for (i = 0; i < sizeof(merge_tables) / sizeof(merge_tables[0]);
		    i++)
			if (merge_copy(st, &merge_tables[i]) == -1)
				goto out;
		if (merge_change_usage(st, base) == -1)
			goto out;
	}
	/* Not counted: each run's row in temp.merge_map. */
	stats->rows = (size_t)(sqlite3_total_changes64(st->db) - before) -
	    stats->runs;
	if (merge_exec(st, "COMMIT") == -1)
		goto out;
	began = 0;
	rc = 0;
out:
	if (began)
		(void)sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	if (attached)
		(void)sqlite3_exec(st->db, "DETACH DATABASE shard", NULL, NULL,
		    NULL);
	return rc;
}
