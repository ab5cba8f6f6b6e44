/*
 * report_open.c: the open problems section of the daily report.  See
 * report_int.h.
 *
 * Open problems can be many (every model an account has not enabled, in
 * every region), so text and Markdown give one line per path, region and
 * problem with a count and the newest few by name; the JSON lists every
 * one.  A lifecycle problem names its model with the model's dates: the
 * one with the earliest date per region, or every one in the status
 * view, which lists every row it shows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

/* How many open problems of a group are named (the JSON has all). */
#define REPORT_OPEN_NAMED	1

/*
 * The counted phrase of each problem; {1} is the count, {2} the window of
 * a lifecycle date in days.  A date reached has a phrase of its own.
 */
static enum i18n_msg
problem_msg(enum playbook_reason r, const struct report_open_life *life)
{
	static const enum i18n_msg msg[PLAYBOOK_REASON__COUNT] = {
		[PLAYBOOK_REASON_NOT_AUTHORIZED] = I18N_PROBLEM_NOT_AUTHORIZED,
		[PLAYBOOK_REASON_ACCESS_UNCLEAR] = I18N_PROBLEM_ACCESS_UNCLEAR,
		[PLAYBOOK_REASON_ENTITLEMENT] = I18N_PROBLEM_ENTITLEMENT,
		[PLAYBOOK_REASON_AGREEMENT] = I18N_PROBLEM_AGREEMENT,
		[PLAYBOOK_REASON_AGREEMENT_PENDING] =
		    I18N_PROBLEM_AGREEMENT_PENDING,
		[PLAYBOOK_REASON_REGION_UNAVAILABLE] =
		    I18N_PROBLEM_REGION_UNAVAILABLE,
		[PLAYBOOK_REASON_UNKNOWN_VALUE] = I18N_PROBLEM_UNKNOWN_VALUE,
		[PLAYBOOK_REASON_BELOW_DEFAULT] = I18N_PROBLEM_BELOW_DEFAULT,
		[PLAYBOOK_REASON_REQUEST_OPEN] = I18N_PROBLEM_REQUEST_OPEN,
		[PLAYBOOK_REASON_REQUEST_DENIED] = I18N_PROBLEM_REQUEST_DENIED,
		[PLAYBOOK_REASON_LEGACY] = I18N_PROBLEM_LEGACY,
		[PLAYBOOK_REASON_REGION_FAILING] =
		    I18N_PROBLEM_REGION_FAILING,
		[PLAYBOOK_REASON_EXTENDED_ACCESS] =
		    I18N_PROBLEM_EXTENDED_ACCESS,
		[PLAYBOOK_REASON_END_OF_LIFE] = I18N_PROBLEM_END_OF_LIFE,
		[PLAYBOOK_REASON_USAGE_NEAR_QUOTA] =
		    I18N_PROBLEM_USAGE_NEAR_QUOTA,
		[PLAYBOOK_REASON_THROTTLED_BELOW_QUOTA] =
		    I18N_PROBLEM_THROTTLED_BELOW_QUOTA,
		[PLAYBOOK_REASON_THROTTLED_AT_QUOTA] =
		    I18N_PROBLEM_THROTTLED_AT_QUOTA,
	};

	if (life != NULL && life->within_days == 0 &&
	    r == PLAYBOOK_REASON_EXTENDED_ACCESS)
		return I18N_PROBLEM_EXTENDED_ACCESS_REACHED;
	if (life != NULL && life->within_days == 0 &&
	    r == PLAYBOOK_REASON_END_OF_LIFE)
		return I18N_PROBLEM_END_OF_LIFE_REACHED;
	if ((unsigned)r < PLAYBOOK_REASON__COUNT && msg[r] != 0)
		return msg[r];
	return I18N_PROBLEM_OTHER;
}

/* Same path and problem (and window of a date): one heading line. */
static int
same_problem(const struct report_open *a, const struct report_open *b)
{
	return a->verdict.severity == b->verdict.severity &&
	    a->verdict.path == b->verdict.path &&
	    a->verdict.reason == b->verdict.reason &&
	    (a->life != NULL ? a->life->within_days : -1) ==
	    (b->life != NULL ? b->life->within_days : -1);
}

/*
 * A lifecycle date as the text report shows it: "YYYY-MM-DD" for a day's
 * start (how AWS gives them), else the whole UTC ISO-8601 text.
 */
static const char *
life_day(const char *iso, char out[UTIL_ISO8601_LEN])
{
	if (strlen(iso) != UTIL_ISO8601_LEN - 1 ||
	    strcmp(iso + 10, "T00:00:00Z") != 0)
		return iso;
	(void)memcpy(out, iso, 10);
	out[10] = '\0';
	return out;
}

/*
 * The name of lifecycle problem "o" into "name": its model, and since
 * when for LEGACY (a date ahead comes nearer with each run: no "since");
 * into "dates" every date AWS gives for the model ("all"), or only the
 * one the problem is about.
 */
static void
life_text(struct report_rw *w, const struct report_open *o, int all,
    struct buf *name, struct buf *dates)
{
	static const enum i18n_msg dmsg[3] = { I18N_LIFE_LEGACY,
	    I18N_LIFE_EXTENDED, I18N_LIFE_END };
	const char	*d[3];
	char		 run[32], day[UTIL_ISO8601_LEN];
	size_t		 k, keep;

	buf_reset(name);
	buf_reset(dates);
	(void)snprintf(run, sizeof(run), "%lld", o->since_run);
	if (o->life->within_days >= 0)
		report_rw_esc(w, name, o->subject);
	else
		report_rw_fmt(w, name, I18N_OPEN_NAME,
		    REPORT_ARGS(RA(o->subject), RA(run)));
	d[0] = o->life->legacy;
	d[1] = o->life->extended_access;
	d[2] = o->life->end_of_life;
	/* Not "all": the date of the problem's milestone (LEGACY: its own). */
	keep = o->verdict.reason == PLAYBOOK_REASON_END_OF_LIFE ? 2 :
	    o->verdict.reason == PLAYBOOK_REASON_EXTENDED_ACCESS ? 1 : 0;
	for (k = 0; k < 3; k++) {
		if (d[k] == NULL || (!all && k != keep))
			continue;
		if (dates->len > 0)
			report_rw_fmt(w, dates, I18N_DIGEST_SEP, NULL, 0);
		report_rw_fmt(w, dates, dmsg[k],
		    REPORT_ARGS(RA(life_day(d[k], day))));
	}
	if (dates->len == 0)
		report_rw_fmt(w, dates, I18N_LIFE_NONE, NULL, 0);
}

/* Earliest date first (one AWS does not give last), then the model. */
static int
earliest_cmp(const void *pa, const void *pb)
{
	const struct report_open *a = *(const struct report_open *const *)pa;
	const struct report_open *b = *(const struct report_open *const *)pb;
	int			  r;

	if ((a->life->date == NULL) != (b->life->date == NULL))
		return a->life->date == NULL ? 1 : -1;
	if (a->life->date != NULL &&
	    (r = strcmp(a->life->date, b->life->date)) != 0)
		return r;
	return strcmp(a->subject, b->subject);
}

/*
 * The lifecycle problems o[0..n-1] of one region: with "full" (the status
 * view) one line per model with all its dates, else one line with how
 * many and the one with the earliest date, with that date.
 */
static void
life_lines(struct report_rw *w, const struct report_open *o, size_t n,
    int full)
{
	const struct report_open	**v;
	struct buf			  name = BUF_INIT, dates = BUF_INIT;
	char				  cnt[32];
	size_t				  i;

	v = xcalloc(n, sizeof(*v));
	for (i = 0; i < n; i++)
		v[i] = &o[i];
	qsort(v, n, sizeof(*v), earliest_cmp);
	(void)snprintf(cnt, sizeof(cnt), "%zu", n);
	for (i = 0; i < n; i++) {
		life_text(w, v[i], full, &name, &dates);
		if (full || n == 1)
			REPORT_LINE(w, REPORT_B_BULLET, I18N_OPEN_DATED,
			    RA(o->region), RR(name.data), RR(dates.data));
		else
			REPORT_LINE(w, REPORT_B_BULLET, I18N_OPEN_REGION_DATED,
			    RA(o->region), RA(cnt), RR(name.data),
			    RR(dates.data));
		if (!full)
			break;
	}
	buf_free(&name);
	buf_free(&dates);
	free(v);
}

/* Newest first: the later "since" run, then the subject. */
static int
newest_cmp(const void *pa, const void *pb)
{
	const struct report_open *a = *(const struct report_open *const *)pa;
	const struct report_open *b = *(const struct report_open *const *)pb;

	if (a->since_run != b->since_run)
		return a->since_run > b->since_run ? -1 : 1;
	return strcmp(a->subject, b->subject);
}

/*
 * One line for the problems o[0..n-1] of one region: how many, and the
 * newest few by ID (names of quotas are long; the JSON has them).
 */
static void
region_line(struct report_rw *w, const struct report_open *o, size_t n)
{
	const struct report_open	**v;
	struct buf			  names = BUF_INIT;
	char				  cnt[32], run[32];
	size_t				  i;

	v = xcalloc(n, sizeof(*v));
	for (i = 0; i < n; i++)
		v[i] = &o[i];
	qsort(v, n, sizeof(*v), newest_cmp);
	for (i = 0; i < n && i < REPORT_OPEN_NAMED; i++) {
		if (i > 0)
			report_rw_fmt(w, &names, I18N_DIGEST_SEP, NULL, 0);
		(void)snprintf(run, sizeof(run), "%lld", v[i]->since_run);
		report_rw_fmt(w, &names, I18N_OPEN_NAME,
		    REPORT_ARGS(RA(v[i]->subject), RA(run)));
	}
	(void)snprintf(cnt, sizeof(cnt), "%zu", n);
	(void)snprintf(run, sizeof(run), "%lld", v[0]->since_run);
	/* The problem is the region itself: since when is all there is. */
	if (n == 1 && strcmp(o->subject, o->region) == 0)
		REPORT_LINE(w, REPORT_B_BULLET, I18N_OPEN_REGION_SINCE,
		    RA(o->region), RA(run));
	else if (n == 1)
		REPORT_LINE(w, REPORT_B_BULLET, I18N_OPEN_REGION_ONE,
		    RA(o->region), RR(names.data));
	else
		REPORT_LINE(w, REPORT_B_BULLET, I18N_OPEN_REGION,
		    RA(o->region), RA(cnt), RR(names.data));
	buf_free(&names);
	free(v);
}

/*
 * The problems o[0..n-1] of one kind: a line with the severity, path,
 * problem and count, then one line per region ("full": see life_lines()).
 */
static void
problem_lines(struct report_rw *w, const struct report_open *o, size_t n,
    int full)
{
	struct buf	what = BUF_INIT;
	char		cnt[32], days[32];
	size_t		i, j;

	(void)snprintf(cnt, sizeof(cnt), "%zu", n);
	(void)snprintf(days, sizeof(days), "%d",
	    o->life != NULL ? o->life->within_days : 0);
	report_rw_fmt(w, &what, problem_msg(o->verdict.reason, o->life),
	    REPORT_ARGS(RA(cnt), RA(days)));
	REPORT_LINE(w, REPORT_B_BULLET, I18N_OPEN_GROUP,
	    RA(report_severity_text(w, o->verdict.severity)),
	    RA(o->verdict.path == PATH_INFO ? "-" :
	    change_path_name(o->verdict.path)), RR(what.data));
	buf_free(&what);
	w->depth++;
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n &&
		    strcmp(o[i].region, o[j].region) == 0; j++)
			;
		if (o[i].life != NULL)
			life_lines(w, &o[i], j - i, full);
		else
			region_line(w, &o[i], j - i);
	}
	w->depth--;
}

void
report_open_section(struct report_rw *w, const struct report_open *o,
    size_t n, int full)
{
	char	cnt[32];
	size_t	i, j;

	(void)snprintf(cnt, sizeof(cnt), "%zu", n);
	report_rw_begin(w, REPORT_B_H2, 0);
	report_rw_msg(w, I18N_H_COUNTED, REPORT_ARGS(
	    RA(i18n_get(I18N_H_OPEN, w->lang)), RA(cnt)));
	report_rw_end(w);
	if (n == 0) {
		REPORT_LINE0(w, REPORT_B_PARA, I18N_OPEN_NONE_LINE);
		return;
	}
	REPORT_LINE0(w, REPORT_B_PARA, full ? I18N_OPEN_INTRO_FULL :
	    I18N_OPEN_INTRO);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && same_problem(&o[i], &o[j]); j++)
			;
		problem_lines(w, &o[i], j - i, full);
	}
}
