/*
 * store.c: opening, migrating and locking the database; the statement
 * cache and the named-parameter binding wrappers.  See store.h and
 * store_int.h.  Runs live in store_run.c, state history in
 * store_state.c, the change log in store_change.c.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <assert.h>
#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "schema.h"
#include "store.h"
#include "store_int.h"
#include "util.h"

/* PRAGMA application_id of our files: "BdAu", set by 0001-init.sql. */
#define STORE_APPLICATION_ID	1113866613

#define STORE_WAL_RETRY_MS	10	/* pause between journal_mode tries */

/* The schema version this program writes: the last migration's. */
static int
schema_latest(void)
{
	size_t	i;

	/* The migrations must be numbered 1, 2, ... without gaps. */
	assert(schema_migrationsz > 0);
	for (i = 0; i < schema_migrationsz; i++)
		assert(schema_migrations[i].version == (int)i + 1);
	return schema_migrations[schema_migrationsz - 1].version;
}

/* Run SQL without parameters or results (pragmas, BEGIN, migrations). */
static int
store_exec_sql(struct store *st, const char *what, const char *sql)
{
	char	*msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		warnx("%s: %s: %s", st->path, what,
		    msg != NULL ? msg : sqlite3_errmsg(st->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* The integer result of a one-row pragma or query such as "PRAGMA x". */
int
store_query_int(struct store *st, const char *sql, long long *out)
{
	sqlite3_stmt	*stmt = NULL;
	int		 rc = -1;

	if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) != SQLITE_OK ||
	    sqlite3_step(stmt) != SQLITE_ROW) {
		warnx("%s: %s: %s", st->path, sql, sqlite3_errmsg(st->db));
		goto out;
	}
	*out = sqlite3_column_int64(stmt, 0);
	rc = 0;
out:
	sqlite3_finalize(stmt);		/* NULL-safe */
	return rc;
}

/*
 * Refuse a path that exists and is not a regular file, before SQLite
 * opens it: "--db /dev/null" would be accepted and leave a
 * /dev/null-journal, and opening a FIFO blocks.  A missing file is for
 * the caller (created, or SQLite's "unable to open").
 */
static int
store_check_file(const char *path)
{
	struct stat	sb;

	if (stat(path, &sb) == -1) {
		if (errno == ENOENT)
			return 0;
		warn("%s", path);
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		warnx("%s: not a regular file", path);
		return -1;
	}
	return 0;
}

/*
 * Create "path" readable by its owner only, unless it exists.  O_NONBLOCK
 * and fstat(2): a FIFO put there after store_check_file() is refused,
 * not waited on.
 */
static int
store_create_file(const char *path)
{
	struct stat	sb;
	int		fd;

	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NONBLOCK |
	    O_NOCTTY, 0600)) == -1) {
		warn("%s", path);
		return -1;
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		warnx("%s: not a regular file", path);
		(void)close(fd);
		return -1;
	}
	(void)close(fd);
	return 0;
}

/*
 * Step "PRAGMA journal_mode = WAL" into *stmt.  On a new file the switch
 * needs the file to itself: two processes opening it at once hold shared
 * locks the other waits for, so SQLite returns SQLITE_BUSY at once rather
 * than call the busy handler (which could deadlock).  Retry as the busy
 * handler would, for up to STORE_BUSY_TIMEOUT_MS.
 */
static int
store_wal_step(struct store *st, sqlite3_stmt **stmt)
{
	int	ms, r = SQLITE_ERROR;

	for (ms = 0; ms <= STORE_BUSY_TIMEOUT_MS; ms += STORE_WAL_RETRY_MS) {
		sqlite3_finalize(*stmt);	/* NULL-safe; drops the lock */
		*stmt = NULL;
		if (sqlite3_prepare_v2(st->db, "PRAGMA journal_mode = WAL",
		    -1, stmt, NULL) != SQLITE_OK)
			return -1;
		if (((r = sqlite3_step(*stmt)) & 0xff) != SQLITE_BUSY)
			break;
		(void)usleep(STORE_WAL_RETRY_MS * 1000);
	}
	return r == SQLITE_ROW ? 0 : -1;
}

/*
 * Connection settings.  trusted_schema off and defensive mode because a
 * database file is input: its views and triggers must not call
 * functions with side effects, and SQL cannot corrupt the file.
 */
static int
store_configure(struct store *st)
{
	(void)sqlite3_extended_result_codes(st->db, 1);
	(void)sqlite3_busy_timeout(st->db, STORE_BUSY_TIMEOUT_MS);
	(void)sqlite3_db_config(st->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	(void)sqlite3_db_config(st->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0,
	    NULL);
	/*
	 * SQLite's checkpoint on close locks the whole file, and a reader
	 * starting then fails with "database is locked" (sqlite3(1) has no
	 * busy timeout).  store_close() checkpoints without that lock.
	 */
	(void)sqlite3_db_config(st->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1,
	    NULL);
	/*
	 * In WAL mode with synchronous NORMAL a commit is atomic and outlives
	 * a crash of the program, but is not fsynced on its own: each
	 * region's commit would otherwise wait for the disk (0.2 to 4 ms
	 * each on the bench machine, after the last reply, 30 in a row).
	 * store_run_finish() commits with FULL, which makes the whole run
	 * durable at once.
	 */
	if (!st->rdonly && store_exec_sql(st, "synchronous",
	    "PRAGMA synchronous = NORMAL") == -1)
		return -1;
	return 0;
}

/*
 * WAL mode for a writable open: readers never block the writer, nor it
 * them.  Only once store_check_version() has accepted the file: the
 * switch rewrites the file header and creates the -wal and -shm files.
 */
static int
store_wal(struct store *st)
{
	sqlite3_stmt	*stmt = NULL;
	const char	*mode;
	int		 rc = -1;

	if (st->rdonly)
		return 0;
	if (store_wal_step(st, &stmt) == -1) {
		warnx("%s: journal_mode: %s", st->path,
		    sqlite3_errmsg(st->db));
		goto out;
	}
	mode = (const char *)sqlite3_column_text(stmt, 0);
	if (mode == NULL || (strcmp(mode, "wal") != 0 &&
	    !(st->memory && strcmp(mode, "memory") == 0))) {
		warnx("%s: cannot use WAL mode (journal_mode is %s)",
		    st->path, mode != NULL ? mode : "unknown");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(stmt);
	return rc;
}

/*
 * Refuse files that are not ours, databases newer than this program and,
 * read-only, databases this program would have to migrate first.
 */
static int
store_check_version(struct store *st)
{
	long long	 appid, version, objects;
	int		 latest = schema_latest(), bad;

	/* One snapshot: another process may be migrating the file. */
	if (store_begin(st, 0) == -1)
		return -1;
	bad = store_query_int(st, "PRAGMA application_id", &appid) == -1 ||
	    store_query_int(st, "PRAGMA user_version", &version) == -1 ||
	    store_query_int(st, "SELECT count(*) FROM sqlite_schema",
	    &objects) == -1;
	store_rollback(st);
	if (bad)
		return -1;
	if (appid != STORE_APPLICATION_ID &&
	    (appid != 0 || version != 0 || objects != 0)) {
		warnx("%s: not a bedrock-audit database", st->path);
		return -1;
	}
	if (version > latest) {
		warnx("%s: database schema version %lld is newer than this "
		    "program (%d); upgrade bedrock-audit", st->path, version,
		    latest);
		return -1;
	}
	if (st->rdonly && version == 0) {
		warnx("%s: database is empty; run bedrock-audit collect "
		    "first", st->path);
		return -1;
	}
	if (st->rdonly && version < latest) {
		warnx("%s: database schema version %lld is older than this "
		    "program (%d); run bedrock-audit collect to upgrade it",
		    st->path, version, latest);
		return -1;
	}
	return 0;
}

/*
 * Refuse a damaged file before writing to it.  Otherwise only the regions
 * whose rows sit on bad pages would fail, and the run would be recorded,
 * as partial, in a corrupt file.  It reads every page once: milliseconds
 * for a database of a few megabytes.
 */
static int
store_quick_check(struct store *st)
{
	sqlite3_stmt	*stmt = NULL;
	const char	*res;
	int		 rc = -1;

	if (sqlite3_prepare_v2(st->db, "PRAGMA quick_check(1)", -1, &stmt,
	    NULL) != SQLITE_OK || sqlite3_step(stmt) != SQLITE_ROW) {
		warnx("%s: quick_check: %s", st->path, sqlite3_errmsg(st->db));
		goto out;
	}
	res = (const char *)sqlite3_column_text(stmt, 0);
	if (res == NULL || strcmp(res, "ok") != 0) {
		warnx("%s: the database file is damaged (PRAGMA quick_check "
		    "failed); restore it from a backup", st->path);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(stmt);
	return rc;
}

/*
 * Apply migration "m" if the database is older, in one transaction that
 * also sets user_version.  The version is read again inside the
 * transaction, so two processes opening a fresh file migrate it once.
 * Foreign keys are off during migrations (SQLite's table-rebuild
 * procedure needs that) and checked before the commit instead.
 */
static int
store_migrate_one(struct store *st, const struct schema_migration *m)
{
	char		 sql[64];
	long long	 version, bad;

	if (store_begin(st, 1) == -1)
		return -1;
	if (store_query_int(st, "PRAGMA user_version", &version) == -1)
		goto fail;
	if (version > schema_latest()) {
		warnx("%s: database schema version %lld is newer than this "
		    "program (%d); upgrade bedrock-audit", st->path, version,
		    schema_latest());
		goto fail;
	}
	if (version >= m->version) {
		store_rollback(st);
		return 0;
	}
	(void)snprintf(sql, sizeof(sql), "PRAGMA user_version = %d",
	    m->version);
	if (store_exec_sql(st, m->name, m->sql) == -1 ||
	    store_query_int(st, "SELECT count(*) FROM pragma_foreign_key_check",
	    &bad) == -1)
		goto fail;
	if (bad != 0) {
		warnx("%s: %s: %lld foreign key violations", st->path,
		    m->name, bad);
		goto fail;
	}
	if (store_exec_sql(st, m->name, sql) == -1 || store_commit(st) == -1)
		goto fail;
	log_debug(2, "%s: applied %s", st->path, m->name);
	return 0;
fail:
	store_rollback(st);
	return -1;
}

/* Apply every pending migration, then turn foreign keys on. */
static int
store_migrate(struct store *st)
{
	size_t	i;

	if (store_exec_sql(st, "foreign_keys", "PRAGMA foreign_keys = OFF")
	    == -1)
		return -1;
	for (i = 0; i < schema_migrationsz; i++)
		if (store_migrate_one(st, &schema_migrations[i]) == -1)
			return -1;
	return store_exec_sql(st, "foreign_keys", "PRAGMA foreign_keys = ON");
}

/* Whether "path"-wal is missing or empty: the main file has it all. */
static int
store_wal_empty(const char *path)
{
	struct stat	 sb;
	char		*wal = xasprintf("%s-wal", path);
	int		 empty;

	empty = stat(wal, &sb) == -1 ? errno == ENOENT : sb.st_size == 0;
	free(wal);
	return empty;
}

/* "file:PATH?immutable=1", PATH percent-encoded as a URI path. */
static char *
store_immutable_uri(const char *path)
{
	struct buf		 b = BUF_INIT;
	const unsigned char	*p;
	char			 hex[4];

	buf_addstr(&b, "file:");
	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		if (isalnum(*p) || strchr("/-._~", *p) != NULL)
			buf_addch(&b, (char)*p);
		else {
			(void)snprintf(hex, sizeof(hex), "%%%02X", *p);
			buf_addstr(&b, hex);
		}
	}
	buf_addstr(&b, "?immutable=1");
	return buf_detach(&b);
}

/*
 * A reader of a WAL database needs the -shm file, and creates it (and
 * -wal) when missing: in a read-only directory, or on a read-only file
 * system, it cannot, and every query failed with "unable to open
 * database file" or "attempt to write a readonly database".  Then, if
 * no -wal holds commits the main file lacks, read the main file as
 * immutable.  Nobody can be writing there (a writer needs those files
 * too), except root in a directory it may write: a checkpoint during
 * the read is the one risk left, and it is the only way to read at all.
 */
static int
store_rdonly_fallback(struct store *st)
{
	char	*uri;
	int	 r;

	r = sqlite3_exec(st->db, "PRAGMA schema_version", NULL, NULL, NULL);
	if (r == SQLITE_OK || ((r & 0xff) != SQLITE_CANTOPEN &&
	    (r & 0xff) != SQLITE_READONLY))
		return 0;	/* the checks that follow say what is wrong */
	if (!store_wal_empty(st->path)) {
		warnx("%s: cannot be read here: its -shm file is missing and "
		    "cannot be created, and its -wal file holds commits the "
		    "database file lacks; open it once where its directory "
		    "is writable", st->path);
		return -1;
	}
	(void)sqlite3_close(st->db);
	st->db = NULL;
	uri = store_immutable_uri(st->path);
	r = sqlite3_open_v2(uri, &st->db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, NULL);
	free(uri);
	if (r != SQLITE_OK) {
		warnx("%s: %s", st->path, st->db != NULL ?
		    sqlite3_errmsg(st->db) : "cannot open database");
		return -1;
	}
	log_debug(2, "%s: no -shm file and none can be created: read as "
	    "immutable", st->path);
	return 0;
}

/*
 * Before SQLite starts: no page cache allocates its first 20 pages in one
 * block.  Each INSERT into a table whose CHECK has x IN (a, b, c, ...)
 * builds that list into a temporary b-tree, with a page cache of its
 * own: one 86 KB block per row, which collect's malloc threshold
 * (cmd_collect.c) made an mmap and a munmap per row.
 */
static void
store_sqlite_config(void)
{
	static int	done;

	if (!done) {
		done = 1;
		(void)sqlite3_config(SQLITE_CONFIG_PAGECACHE, NULL, 0, 0);
	}
}

struct store *
store_open(const char *path, int flags)
{
	struct store	*st;
	int		 oflags;

	store_sqlite_config();
	st = xcalloc(1, sizeof(*st));
	st->lockfd = -1;
	st->path = xstrdup(path);
	st->rdonly = (flags & STORE_RDONLY) != 0;
	st->memory = strcmp(path, ":memory:") == 0;
	if (st->rdonly && (flags & STORE_CREATE)) {
		warnx("%s: cannot create a database read-only", path);
		goto fail;
	}
	if (!st->memory && (store_check_file(path) == -1 ||
	    ((flags & STORE_CREATE) && store_create_file(path) == -1)))
		goto fail;
	oflags = st->rdonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	/*
	 * A handle is used by one thread (store.h): no mutex around every
	 * SQLite call, which was a fifth of the time to read a state back.
	 */
	oflags |= SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(path, &st->db, oflags, NULL) != SQLITE_OK) {
		warnx("%s: %s", path, st->db != NULL ?
		    sqlite3_errmsg(st->db) : "cannot open database");
		goto fail;
	}
	if (st->rdonly && !st->memory && store_rdonly_fallback(st) == -1)
		goto fail;
	if (store_configure(st) == -1 || store_check_version(st) == -1 ||
	    store_wal(st) == -1)
		goto fail;
	if (!st->rdonly && (store_quick_check(st) == -1 ||
	    store_migrate(st) == -1))
		goto fail;
	/*
	 * quick_check filled the page cache with every page of the file;
	 * give that memory back now, so that collect reuses it instead of
	 * peaking with it (2 MB of RSS for a one-year database).
	 */
	(void)sqlite3_db_release_memory(st->db);
	return st;
fail:
	st->rdonly = 1;		/* store_close(): no checkpoint of this file */
	store_close(st);
	return NULL;
}

void
store_close(struct store *st)
{
	size_t	i;

	if (st == NULL)
		return;
	for (i = 0; i < SLOT__COUNT; i++)
		sqlite3_finalize(st->stmts[i].stmt);
	/* Copy the WAL into the file, without waiting for readers. */
	if (st->db != NULL && !st->rdonly && !st->memory) {
		(void)sqlite3_busy_timeout(st->db, 0);
		(void)sqlite3_wal_checkpoint_v2(st->db, NULL,
		    SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	}
	if (sqlite3_close(st->db) != SQLITE_OK)
		warnx("%s: close: %s", st->path, sqlite3_errmsg(st->db));
	if (st->lockfd != -1)
		(void)close(st->lockfd);	/* releases the flock */
	free(st->path);
	free(st);
}

int
store_lock(struct store *st, int wait)
{
	char	*lpath;
	int	 fd = -1, rc = -1;

	if (st->memory || st->lockfd != -1)
		return 0;
	lpath = xasprintf("%s.lock", st->path);
	if ((fd = open(lpath, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) == -1) {
		warn("%s", lpath);
		goto out;
	}
	/* No retry on EINTR: that is the collect deadline's alarm. */
	if (flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) == -1) {
		if (errno == EWOULDBLOCK)
			rc = 1;
		else
			warn("%s: flock", lpath);
		goto out;
	}
	st->lockfd = fd;
	fd = -1;
	rc = 0;
out:
	if (fd != -1)
		(void)close(fd);
	free(lpath);
	return rc;
}

/* Whether this handle may consider itself the only writer. */
int
store_locked(const struct store *st)
{
	return st->memory || st->lockfd != -1;
}

sqlite3 *
store_sqlite(struct store *st)
{
	return st->db;
}

int
store_begin(struct store *st, int immediate)
{
	return store_exec_sql(st, "begin",
	    immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}

int
store_commit(struct store *st)
{
	return store_exec_sql(st, "commit", "COMMIT");
}

void
store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		(void)sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

struct store_stmt *
store_stmt(struct store *st, const struct store_sql *q)
{
	struct store_stmt	*s;

	assert((unsigned)q->slot < SLOT__COUNT);
	s = &st->stmts[q->slot];
	if (s->stmt == NULL) {
		if (sqlite3_prepare_v3(st->db, q->sql, -1,
		    SQLITE_PREPARE_PERSISTENT, &s->stmt, NULL) != SQLITE_OK) {
			warnx("%s: %s: %s", st->path, q->name,
			    sqlite3_errmsg(st->db));
			sqlite3_finalize(s->stmt);
			s->stmt = NULL;
			return NULL;
		}
		s->st = st;
		s->name = q->name;
	}
	/* Two statements sharing a slot would evict each other. */
	assert(strcmp(s->name, q->name) == 0);
	(void)sqlite3_reset(s->stmt);
	(void)sqlite3_clear_bindings(s->stmt);
	s->err = 0;
	/* Every statement over an account's rows reads the handle's scope. */
	if (sqlite3_bind_parameter_index(s->stmt, ":account") != 0)
		store_bind_text(s, ":account", st->account);
	return s;
}

/* Mark "q" failed with a message, unless it already failed. */
static void
store_stmt_fail(struct store_stmt *q, const char *what, const char *detail)
{
	if (!q->err)
		warnx("%s: %s: %s%s", q->st->path, q->name, what, detail);
	q->err = 1;
}

/* The index of ":name" in "q", or 0 (and the error flag) if none. */
static int
store_param(struct store_stmt *q, const char *param)
{
	int	i;

	if (q->err)
		return 0;
	if ((i = sqlite3_bind_parameter_index(q->stmt, param)) == 0)
		store_stmt_fail(q, "no parameter ", param);
	return i;
}

/* Check a sqlite3_bind_*() result. */
static void
store_bound(struct store_stmt *q, const char *param, int rc)
{
	if (rc != SQLITE_OK)
		store_stmt_fail(q, "cannot bind ", param);
}

void
store_bind_text(struct store_stmt *q, const char *param, const char *v)
{
	size_t	n;
	int	i;

	if ((i = store_param(q, param)) == 0)
		return;
	if (v == NULL) {
		store_bound(q, param, sqlite3_bind_null(q->stmt, i));
		return;
	}
	if ((n = strlen(v)) > STORE_MAX_TEXT_BYTES) {
		store_stmt_fail(q, "text too long for ", param);
		return;
	}
	store_bound(q, param, sqlite3_bind_text(q->stmt, i, v, (int)n,
	    SQLITE_TRANSIENT));
}

void
store_bind_int(struct store_stmt *q, const char *param, long long v)
{
	int	i;

	if ((i = store_param(q, param)) != 0)
		store_bound(q, param, sqlite3_bind_int64(q->stmt, i, v));
}

void
store_bind_real(struct store_stmt *q, const char *param, double v)
{
	int	i;

	if ((i = store_param(q, param)) == 0)
		return;
	/* SQLite would store NaN as NULL, which means "not set" here. */
	if (!isfinite(v)) {
		store_stmt_fail(q, "not a finite number: ", param);
		return;
	}
	store_bound(q, param, sqlite3_bind_double(q->stmt, i, v));
}

void
store_bind_null(struct store_stmt *q, const char *param)
{
	int	i;

	if ((i = store_param(q, param)) != 0)
		store_bound(q, param, sqlite3_bind_null(q->stmt, i));
}

int
store_step(struct store_stmt *q)
{
	int	rc;

	if (q->err) {
		(void)sqlite3_reset(q->stmt);
		return -1;
	}
	if ((rc = sqlite3_step(q->stmt)) == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE) {
		(void)sqlite3_reset(q->stmt);
		return 0;
	}
	warnx("%s: %s: %s", q->st->path, q->name, sqlite3_errmsg(q->st->db));
	(void)sqlite3_reset(q->stmt);
	return -1;
}

int
store_exec(struct store_stmt *q)
{
	int	rc;

	if ((rc = store_step(q)) == 1) {
		warnx("%s: %s: unexpected result row", q->st->path, q->name);
		(void)sqlite3_reset(q->stmt);
		return -1;
	}
	return rc;
}

void
store_reset(struct store_stmt *q)
{
	if (q != NULL && q->stmt != NULL)
		(void)sqlite3_reset(q->stmt);
}

char *
store_col_text(struct store_stmt *q, int col)
{
	const char	*t;
	int		 n;

	t = (const char *)sqlite3_column_text(q->stmt, col);
	n = sqlite3_column_bytes(q->stmt, col);
	if (t == NULL)
		return xstrdup("");
	if (n > STORE_MAX_TEXT_BYTES) {
		store_stmt_fail(q, "text too long in column ",
		    sqlite3_column_name(q->stmt, col));
		return xstrdup("");
	}
	if (memchr(t, '\0', (size_t)n) != NULL) {
		store_stmt_fail(q, "NUL byte in column ",
		    sqlite3_column_name(q->stmt, col));
		return xstrdup("");
	}
	return xstrndup(t, (size_t)n);
}

long long
store_col_int(struct store_stmt *q, int col)
{
	return sqlite3_column_int64(q->stmt, col);
}

double
store_col_real(struct store_stmt *q, int col)
{
	return sqlite3_column_double(q->stmt, col);
}

int
store_col_isnull(struct store_stmt *q, int col)
{
	return sqlite3_column_type(q->stmt, col) == SQLITE_NULL;
}

/* A status column, run (is_run) or region: the enum's value as an int. */
static int
store_col_status(struct store_stmt *q, int col, int is_run)
{
	enum run_status		 u = RUN_STATUS_RUNNING;
	enum region_status	 g = REGION_STATUS_OK;
	char			*t = store_col_text(q, col);
	int			 rc;

	rc = is_run ? status_run_parse(t, &u) : status_region_parse(t, &g);
	if (rc == -1)
		store_stmt_fail(q, "unknown status in column ",
		    sqlite3_column_name(q->stmt, col));
	free(t);
	return is_run ? (int)u : (int)g;
}

enum run_status
store_col_run_status(struct store_stmt *q, int col)
{
	return (enum run_status)store_col_status(q, col, 1);
}

enum region_status
store_col_region_status(struct store_stmt *q, int col)
{
	return (enum region_status)store_col_status(q, col, 0);
}

int
store_row_ok(struct store_stmt *q)
{
	if (q->err) {
		(void)sqlite3_reset(q->stmt);
		return -1;
	}
	return 0;
}
