/*
 * crashshim.c: an LD_PRELOAD library for tests/it_crash.sh that kills its
 * process with SIGKILL at a chosen moment of its SQLite work, so a crash
 * can be placed inside a transaction, a commit or a migration on purpose
 * rather than by the luck of a timer.
 *
 * Events are numbered from 1 in the order they start: every call of
 * sqlite3_step() (the program's own and those sqlite3_exec() makes inside
 * libsqlite3, which calls them through its PLT), every pwrite64() and
 * every fdatasync() or fsync().  The environment says what to do:
 *
 *	CRASHSHIM_AT=N		raise SIGKILL just before event N runs
 *				(unset or 0: never)
 *	CRASHSHIM_TRACE=FILE	append one line per event to FILE
 *	CRASHSHIM_MOMENT=FILE	write the line of the fatal event to FILE
 *
 * A line is "N KIND TXN FILE SQL": KIND step, write or sync; TXN 1 when
 * the connection was inside an explicit transaction as the event began,
 * else 0; FILE the basename of the file written ("-" for steps); SQL the
 * first CRASHSHIM_SQL_CHARS of the statement being stepped (for writes
 * and syncs: the statement whose step caused them), blanks collapsed.
 *
 * Built with cc -shared -fPIC; it works in the plain and in the ASan
 * build (there with ASAN_OPTIONS=verify_asan_link_order=0, as the shim
 * must come before libasan in the library list).
 */
#include <sys/types.h>

#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#define CRASHSHIM_SQL_CHARS	72	/* statement text kept per line */
#define CRASHSHIM_LINE_BYTES	256	/* one trace line */
#define CRASHSHIM_MAX_AT	100000000LL	/* largest CRASHSHIM_AT */

/* Exported by this library; prototypes keep -Wmissing-prototypes quiet. */
ssize_t	pwrite64(int, const void *, size_t, off_t);
int	fdatasync(int);
int	fsync(int);

static long long	 shim_events;	/* events so far */
static long long	 shim_at = -1;	/* fatal event; 0 never, -1 unread */
static sqlite3_stmt	*shim_cur;	/* statement being stepped, or NULL */

/* CRASHSHIM_AT, read once; a malformed value disables the shim. */
static long long
shim_target(void)
{
	const char	*s;
	char		*end;
	long long	 v;

	if (shim_at != -1)
		return shim_at;
	shim_at = 0;
	if ((s = getenv("CRASHSHIM_AT")) == NULL || *s == '\0')
		return 0;
	v = strtoll(s, &end, 10);
	if (*end == '\0' && v > 0 && v <= CRASHSHIM_MAX_AT)
		shim_at = v;
	return shim_at;
}

/* Copy the statement's SQL into "dst" with runs of blanks collapsed. */
static void
shim_sql(sqlite3_stmt *stmt, char *dst, size_t dstsz)
{
	const char	*s;
	size_t		 n = 0;
	int		 blank = 0;

	s = stmt != NULL ? sqlite3_sql(stmt) : NULL;
	if (s == NULL)
		s = "-";
	for (; *s != '\0' && n + 1 < dstsz; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			blank = 1;
			continue;
		}
		if (blank && n > 0 && n + 2 < dstsz)
			dst[n++] = ' ';
		blank = 0;
		dst[n++] = *s;
	}
	dst[n] = '\0';
}

/* The basename of the file open on "fd", or "?" into "dst". */
static void
shim_fdname(int fd, char *dst, size_t dstsz)
{
	char		 link[64], target[PATH_MAX];
	const char	*base;
	ssize_t		 n;

	(void)snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	if ((n = readlink(link, target, sizeof(target) - 1)) <= 0) {
		(void)snprintf(dst, dstsz, "?");
		return;
	}
	target[n] = '\0';
	base = strrchr(target, '/');
	base = base != NULL ? base + 1 : target;
	(void)strncpy(dst, base, dstsz - 1);
	dst[dstsz - 1] = '\0';
}

/* Append "line" to the file named by environment variable "var". */
static void
shim_append(const char *var, const char *line)
{
	const char	*path;
	int		 fd;

	if ((path = getenv(var)) == NULL || *path == '\0')
		return;
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd == -1)
		return;
	(void)write(fd, line, strlen(line));
	(void)close(fd);
}

/*
 * Count one event of "kind" on statement "stmt" (steps) or file "fd"
 * (writes, syncs; -1 for steps); trace it, and die if it is the chosen
 * one.
 */
static void
shim_event(const char *kind, sqlite3_stmt *stmt, int fd)
{
	char		 line[CRASHSHIM_LINE_BYTES];
	char		 sql[CRASHSHIM_SQL_CHARS + 1], file[64];
	sqlite3		*db;
	long long	 n, at;
	int		 txn, fatal;

	n = __atomic_add_fetch(&shim_events, 1, __ATOMIC_SEQ_CST);
	at = shim_target();
	fatal = at != 0 && n == at;
	if (!fatal && getenv("CRASHSHIM_TRACE") == NULL)
		return;
	if (stmt == NULL)
		stmt = shim_cur;
	db = stmt != NULL ? sqlite3_db_handle(stmt) : NULL;
	txn = db != NULL && !sqlite3_get_autocommit(db);
	shim_sql(stmt, sql, sizeof(sql));
	if (fd == -1)
		(void)snprintf(file, sizeof(file), "-");
	else
		shim_fdname(fd, file, sizeof(file));
	(void)snprintf(line, sizeof(line), "%lld %s %d %s %s\n", n, kind,
	    txn, file, sql);
	shim_append("CRASHSHIM_TRACE", line);
	if (fatal) {
		shim_append("CRASHSHIM_MOMENT", line);
		(void)kill(getpid(), SIGKILL);
		_exit(137);	/* not reached */
	}
}

/* The next definition of "name" after this library; dies if none. */
static void *
shim_next(const char *name)
{
	void	*f;

	if ((f = dlsym(RTLD_NEXT, name)) == NULL) {
		(void)write(2, "crashshim: missing symbol\n", 26);
		_exit(127);
	}
	return f;
}

int
sqlite3_step(sqlite3_stmt *stmt)
{
	static int	(*real)(sqlite3_stmt *);
	sqlite3_stmt	*outer;
	int		 rc;

	if (real == NULL)
		real = (int (*)(sqlite3_stmt *))shim_next("sqlite3_step");
	shim_event("step", stmt, -1);
	outer = shim_cur;
	shim_cur = stmt;
	rc = real(stmt);
	shim_cur = outer;
	return rc;
}

ssize_t
pwrite64(int fd, const void *data, size_t len, off_t off)
{
	static ssize_t	(*real)(int, const void *, size_t, off_t);

	if (real == NULL)
		real = (ssize_t (*)(int, const void *, size_t, off_t))
		    shim_next("pwrite64");
	shim_event("write", NULL, fd);
	return real(fd, data, len, off);
}

int
fdatasync(int fd)
{
	static int	(*real)(int);

	if (real == NULL)
		real = (int (*)(int))shim_next("fdatasync");
	shim_event("sync", NULL, fd);
	return real(fd);
}

int
fsync(int fd)
{
	static int	(*real)(int);

	if (real == NULL)
		real = (int (*)(int))shim_next("fsync");
	shim_event("sync", NULL, fd);
	return real(fd);
}
