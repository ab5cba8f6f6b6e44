/*
 * runref.c: the run a user names with --since, --from or --to.
 */
#include <err.h>
#include <string.h>
#include <time.h>

#include "runref.h"
#include "store.h"
#include "util.h"

/* The time a duration or date "ref" names; -1 (silent) if neither. */
static int
runref_time(const char *ref, time_t now, time_t *t)
{
	const char	*errstr;
	long long	 secs;

	if ((secs = parse_duration(ref, 3650LL * 86400, &errstr)),
	    errstr == NULL) {
		*t = now - (time_t)secs;
		return 0;
	}
	if (util_parse_iso8601(ref, t) == 0) {
		/* A bare date means the end of that day. */
		if (strlen(ref) == 10)
			*t += 86399;
		return 0;
	}
	return -1;
}

int
runref_before_first(struct store *st, const char *ref, time_t now)
{
	const char	*errstr;
	long long	 run;
	time_t		 t;
	int		 found;

	(void)parse_num(ref, 1, 1LL << 53, &errstr);
	if (errstr == NULL || runref_time(ref, now, &t) == -1)
		return 0;
	if (store_run_at_time(st, t, &run, &found) == -1)
		return 0;
	return !found;
}

int
runref_resolve(struct store *st, const char *ref, time_t now,
    long long *run_id)
{
	const char	*errstr;
	time_t		 t;
	int		 found = 0;

	if (strcmp(ref, "latest") == 0) {
		if (store_run_latest(st, run_id, &found) == -1)
			return -1;
	} else if ((*run_id = parse_num(ref, 1, 1LL << 53, &errstr)),
	    errstr == NULL) {
		struct store_run	r;

		if (store_run_get(st, *run_id, &r, &found) == -1)
			return -1;
		if (found)
			store_run_free(&r);
	} else if (runref_time(ref, now, &t) == 0) {
		if (store_run_at_time(st, t, run_id, &found) == -1)
			return -1;
	} else {
		warnx("%s: not a run number, duration (24h, 7d) or date", ref);
		return -1;
	}
	if (!found) {
		warnx("%s: no such run in the database", ref);
		return -1;
	}
	return 0;
}
