/*
 * runref.c: the run a user names with --since, --from or --to.
 */
#include <err.h>
#include <string.h>
#include <time.h>

#include "runref.h"
#include "store.h"
#include "util.h"

/* The forms of a run reference (runref.h). */
enum ref_form {
	REF_BAD,		/* none of them */
	REF_LATEST,		/* "latest" */
	REF_NUMBER,		/* a run number in *num */
	REF_TIME		/* a duration or a date: a time in *t */
};

/* Which form "ref" has, with its value; pure apart from "now". */
static enum ref_form
ref_parse(const char *ref, time_t now, long long *num, time_t *t)
{
	const char	*errstr;
	long long	 secs;

	if (strcmp(ref, "latest") == 0)
		return REF_LATEST;
	*num = parse_num(ref, 1, 1LL << 53, &errstr);
	if (errstr == NULL)
		return REF_NUMBER;
	secs = parse_duration(ref, 3650LL * 86400, &errstr);
	if (errstr == NULL) {
		*t = now - (time_t)secs;
		return REF_TIME;
	}
	if (util_parse_iso8601(ref, t) == 0) {
		/* A bare date means the end of that day. */
		if (strlen(ref) == 10)
			*t += 86399;
		return REF_TIME;
	}
	return REF_BAD;
}

int
runref_check(const char *ref)
{
	long long	 num;
	time_t		 t;

	if (ref_parse(ref, time(NULL), &num, &t) != REF_BAD)
		return 0;
	warnx("%s: not a run number, duration (24h, 7d) or date", ref);
	return -1;
}

int
runref_before_first(struct store *st, const char *ref, time_t now)
{
	long long	 num, run;
	time_t		 t;
	int		 found;

	if (ref_parse(ref, now, &num, &t) != REF_TIME ||
	    store_run_at_time(st, t, &run, &found) == -1)
		return 0;
	return !found;
}

int
runref_resolve(struct store *st, const char *ref, time_t now,
    long long *run_id)
{
	struct store_run	 r;
	time_t			 t;
	int			 found = 0, rc = 0;

	switch (ref_parse(ref, now, run_id, &t)) {
	case REF_LATEST:
		rc = store_run_latest(st, run_id, &found);
		break;
	case REF_NUMBER:
		if ((rc = store_run_get(st, *run_id, &r, &found)) == 0 &&
		    found)
			store_run_free(&r);
		break;
	case REF_TIME:
		rc = store_run_at_time(st, t, run_id, &found);
		break;
	case REF_BAD:
		return runref_check(ref);
	}
	if (rc == -1)
		return -1;
	if (!found) {
		warnx("%s: no such run in the database", ref);
		return -1;
	}
	return 0;
}
