/*
 * report_body.c: the sections of the change report and of the status
 * view, and what to say about a region that could not be collected.
 * See report_int.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

static int
empty(const char *s)
{
	return s == NULL || *s == '\0';
}

enum i18n_msg
report_region_fix(const struct report_region *r, const char **arg)
{
	static const enum i18n_msg msg[] = {
		[PLAYBOOK_FIX_EXPIRED] = I18N_FIX_EXPIRED,
		[PLAYBOOK_FIX_SIGNATURE] = I18N_FIX_SIGNATURE,
		[PLAYBOOK_FIX_KEY] = I18N_FIX_KEY,
		[PLAYBOOK_FIX_THROTTLED] = I18N_FIX_THROTTLED,
		[PLAYBOOK_FIX_IAM] = I18N_FIX_IAM,
		[PLAYBOOK_FIX_IAM_UNKNOWN] = I18N_FIX_IAM_UNKNOWN,
		[PLAYBOOK_FIX_SERVER] = I18N_FIX_SERVER,
		[PLAYBOOK_FIX_NETWORK] = I18N_FIX_NETWORK,
		[PLAYBOOK_FIX_NOT_COMPARED] = I18N_FIX_NOT_COMPARED,
		[PLAYBOOK_FIX_OTHER] = I18N_FIX_OTHER,
	};

	return msg[playbook_region_fix(r->status, r->operation,
	    r->http_status, r->error_code, r->error_message, arg)];
}

void
report_region_problem(struct report_rw *w, const struct report_region *r)
{
	struct buf	 text = BUF_INIT;
	const char	*arg;
	enum i18n_msg	 fix;
	char		 http[32];

	if (r->status == REGION_STATUS_NOT_COMPARED)
		REPORT_LINE(w, REPORT_B_H4, I18N_REGION_NOT_COMPARED,
		    RA(r->region));
	else
		REPORT_LINE(w, REPORT_B_H4, I18N_REGION_FAILED, RA(r->region));
	w->depth++;
	if (!empty(r->operation))
		REPORT_LINE(w, REPORT_B_BULLET, I18N_R_CALL, RA(r->operation));
	(void)snprintf(http, sizeof(http), "%ld", r->http_status);
	if (r->http_status > 0)
		REPORT_LINE(w, REPORT_B_BULLET, I18N_R_ERROR, RA(http),
		    report_rw_known(w, r->error_code), RA(r->error_message));
	else if (!empty(r->error_code) || !empty(r->error_message))
		REPORT_LINE(w, REPORT_B_BULLET, I18N_R_ERROR_NOHTTP,
		    report_rw_known(w, r->error_code), RA(r->error_message));
	if (!empty(r->reason))
		REPORT_LINE(w, REPORT_B_BULLET, I18N_R_REASON, RA(r->reason));
	fix = report_region_fix(r, &arg);
	if (fix == I18N_FIX_NOT_COMPARED)
		REPORT_LINE0(w, REPORT_B_BULLET, fix);
	else {
		report_rw_fmt(w, &text, fix,
		    REPORT_ARGS(report_rw_known(w, arg)));
		REPORT_LINE(w, REPORT_B_BULLET, I18N_R_FIX, RR(text.data));
	}
	buf_free(&text);
	w->depth--;
}

const char *
report_region_status_text(const struct report_rw *w, enum region_status s)
{
	switch (s) {
	case REGION_STATUS_OK:
		return i18n_get(I18N_ST_OK, w->lang);
	case REGION_STATUS_FAILED:
		return i18n_get(I18N_ST_FAILED, w->lang);
	case REGION_STATUS_NOT_COMPARED:
		return i18n_get(I18N_ST_NOT_COMPARED, w->lang);
	case REGION_STATUS_PARTIAL:
		return i18n_get(I18N_ST_PARTIAL, w->lang);
	case REGION_STATUS_NOT_ENABLED:
		return i18n_get(I18N_ST_NOT_ENABLED, w->lang);
	default:
		return i18n_get(I18N_UNKNOWN, w->lang);
	}
}

static size_t
nchanges(const struct report_input *in)
{
	return in->changes != NULL ? in->changes->len : 0;
}

static const struct change *
change_at(const struct report_input *in, size_t i)
{
	return in->changes->items[i];
}

static void
header(struct report_rw *w, const struct report_input *in)
{
	char	from[32], to[32];

	(void)snprintf(from, sizeof(from), "%lld", in->from_run);
	(void)snprintf(to, sizeof(to), "%lld", in->to_run);
	REPORT_LINE0(w, REPORT_B_H1, I18N_TITLE_REPORT);
	REPORT_LINE(w, REPORT_B_PARA, I18N_ACCOUNT,
	    report_rw_known(w, in->account_id));
	REPORT_LINE(w, REPORT_B_PARA, I18N_RUNS, RA(from),
	    report_rw_known(w, in->from_time), RA(to),
	    report_rw_known(w, in->to_time));
	report_rw_gap(w);
	REPORT_LINE0(w, REPORT_B_PARA, I18N_BACKGROUND);
}

/* Regions of the run, then any that only the changes name.  Borrowed. */
static const char **
region_names(const struct report_input *in, size_t *n)
{
	const char	**names;
	size_t		  i, j;

	names = xcalloc(in->regionsz + nchanges(in) + 1, sizeof(*names));
	*n = 0;
	for (i = 0; i < in->regionsz; i++)
		names[(*n)++] = in->regions[i].region != NULL ?
		    in->regions[i].region : "";
	for (i = 0; i < nchanges(in); i++) {
		for (j = 0; j < *n; j++)
			if (strcmp(names[j], change_at(in, i)->region) == 0)
				break;
		if (j == *n)
			names[(*n)++] = change_at(in, i)->region;
	}
	return names;
}

/* The summary table: region, collection status, changes by severity. */
static void
region_table(struct report_rw *w, const struct report_input *in)
{
	static const enum i18n_msg head[] = { I18N_COL_REGION,
	    I18N_COL_STATUS, I18N_COL_ACTION, I18N_COL_WARNING,
	    I18N_COL_INFO };
	const char	**names, **cells;
	char		(*num)[SEVERITY__COUNT][24];
	size_t		  n, i, k;
	long long	  cnt[SEVERITY__COUNT];

	names = region_names(in, &n);
	cells = xcalloc(n * 5 + 1, sizeof(*cells));
	num = xcalloc(n + 1, sizeof(*num));
	for (i = 0; i < n; i++) {
		memset(cnt, 0, sizeof(cnt));
		for (k = 0; k < nchanges(in); k++)
			if (strcmp(change_at(in, k)->region, names[i]) == 0 &&
			    (unsigned)change_at(in, k)->severity <
			    SEVERITY__COUNT)
				cnt[change_at(in, k)->severity]++;
		cells[i * 5] = names[i];
		cells[i * 5 + 1] = i < in->regionsz ?
		    report_region_status_text(w, in->regions[i].status) :
		    i18n_get(I18N_ST_UNLISTED, w->lang);
		for (k = 0; k < SEVERITY__COUNT; k++) {
			(void)snprintf(num[i][k], sizeof(num[i][k]), "%lld",
			    cnt[SEVERITY__COUNT - 1 - k]);
			cells[i * 5 + 2 + k] = num[i][k];
		}
	}
	if (n > 0)
		report_rw_table(w, 5, head, cells, n);
	free(num);
	free(cells);
	free(names);
}

static void
summary(struct report_rw *w, const struct report_input *in)
{
	long long	cnt[SEVERITY__COUNT] = { 0 };
	char		s[4][32];
	size_t		i, bad = 0;

	REPORT_LINE0(w, REPORT_B_H2, I18N_H_SUMMARY);
	for (i = 0; i < nchanges(in); i++)
		if ((unsigned)change_at(in, i)->severity < SEVERITY__COUNT)
			cnt[change_at(in, i)->severity]++;
	(void)snprintf(s[0], sizeof(s[0]), "%zu", nchanges(in));
	(void)snprintf(s[1], sizeof(s[1]), "%lld", cnt[SEVERITY_ACTION]);
	(void)snprintf(s[2], sizeof(s[2]), "%lld", cnt[SEVERITY_WARNING]);
	(void)snprintf(s[3], sizeof(s[3]), "%lld", cnt[SEVERITY_INFO]);
	if (nchanges(in) == 0) {
		(void)snprintf(s[1], sizeof(s[1]), "%lld", in->from_run);
		(void)snprintf(s[2], sizeof(s[2]), "%lld", in->to_run);
		REPORT_LINE(w, REPORT_B_PARA, I18N_NO_CHANGES, RA(s[1]),
		    RA(s[2]));
	} else
		REPORT_LINE(w, REPORT_B_PARA, I18N_COUNTS, RA(s[0]), RA(s[1]),
		    RA(s[2]), RA(s[3]));
	for (i = 0; i < in->regionsz; i++)
		bad += !(in->regions[i].status == REGION_STATUS_OK);
	(void)snprintf(s[0], sizeof(s[0]), "%zu", bad);
	(void)snprintf(s[3], sizeof(s[3]), "%zu", in->regionsz);
	if (in->regionsz > 0 && bad == 0)
		REPORT_LINE(w, REPORT_B_PARA, I18N_REGIONS_ALL_OK, RA(s[3]));
	else if (bad > 0)
		REPORT_LINE(w, REPORT_B_PARA, I18N_REGIONS_SOME_BAD, RA(s[0]),
		    RA(s[3]));
	region_table(w, in);
}

/* Heading, facts and advice of one change, at depth 1. */
static void
item(struct report_rw *w, const struct change *c, const char *account_id)
{
	w->depth = 1;
	report_item_heading(w, REPORT_B_H4, c);
	w->depth = 2;
	report_item_facts(w, c);
	report_rw_gap(w);
	report_item_advice(w, c);
	if (report_has_case(c)) {
		report_rw_gap(w);
		report_case_embedded(w, c, account_id);
	}
	w->depth = 0;
}

static void
actions(struct report_rw *w, const struct report_input *in)
{
	enum change_path	 p;
	size_t			 i, n;

	for (i = n = 0; i < nchanges(in); i++)
		n += change_at(in, i)->path != PATH_INFO;
	if (n == 0)
		return;
	REPORT_LINE0(w, REPORT_B_H2, I18N_H_ACTIONS);
	for (p = PATH_P1; p <= PATH_P6; p++) {
		for (i = n = 0; i < nchanges(in); i++)
			n += change_at(in, i)->path == p;
		if (n == 0)
			continue;
		REPORT_LINE0(w, REPORT_B_H3,
		    (enum i18n_msg)(I18N_PATH_TITLE_P1 + (p - PATH_P1)));
		w->depth = 1;
		REPORT_LINE0(w, REPORT_B_PARA,
		    (enum i18n_msg)(I18N_PATH_INTRO_P1 + (p - PATH_P1)));
		for (i = 0; i < nchanges(in); i++)
			if (change_at(in, i)->path == p)
				item(w, change_at(in, i), in->account_id);
		w->depth = 0;
	}
}

/* One change for information: a single list item. */
static void
info_line(struct report_rw *w, const struct change *c)
{
	struct buf	title = BUF_INIT;

	report_item_title(w, &title, c);
	REPORT_LINE(w, REPORT_B_BULLET, I18N_INFO_LINE, RR(title.data),
	    RA(report_kind_text(w, c->kind)), report_rw_value(w, c->old_value),
	    report_rw_value(w, c->new_value));
	buf_free(&title);
}

static int
is_warning(const struct change *c)
{
	return c->path == PATH_INFO && c->severity >= SEVERITY_WARNING;
}

/* Changes on no path: warnings in full, information one line each. */
static void
notes(struct report_rw *w, const struct report_input *in, int warn)
{
	const struct change	*c;
	size_t			 i, n;

	for (i = n = 0; i < nchanges(in); i++) {
		c = change_at(in, i);
		n += c->path == PATH_INFO && is_warning(c) == warn;
	}
	if (n == 0)
		return;
	REPORT_LINE0(w, REPORT_B_H2, warn ? I18N_H_WARNINGS : I18N_H_INFO);
	REPORT_LINE0(w, REPORT_B_PARA, warn ? I18N_WARN_INTRO :
	    I18N_INFO_INTRO);
	for (i = 0; i < nchanges(in); i++) {
		c = change_at(in, i);
		if (c->path != PATH_INFO || is_warning(c) != warn)
			continue;
		if (warn)
			item(w, c, in->account_id);
		else
			info_line(w, c);
	}
}

static void
regions(struct report_rw *w, const struct report_region *r, size_t n)
{
	size_t	i, bad = 0;

	for (i = 0; i < n; i++)
		bad += r[i].status != REGION_STATUS_OK;
	if (bad == 0)
		return;
	REPORT_LINE0(w, REPORT_B_H2, I18N_H_REGIONS);
	REPORT_LINE0(w, REPORT_B_PARA, I18N_REGIONS_INTRO);
	for (i = 0; i < n; i++)
		if (r[i].status != REGION_STATUS_OK) {
			w->depth = 1;
			report_region_problem(w, &r[i]);
			w->depth = 0;
		}
}

void
report_body(struct report_rw *w, const struct report_input *in)
{
	header(w, in);
	summary(w, in);
	actions(w, in);
	notes(w, in, 1);
	notes(w, in, 0);
	regions(w, in->regions, in->regionsz);
	report_rw_end(w);
}
