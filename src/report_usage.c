/*
 * report_usage.c: the usage evidence section of the daily report (text
 * and Markdown; the JSON is report_json.c's "usage").  See report_int.h.
 *
 * One bullet per quota with a finding that no entry of the report
 * states (report_usage.in_entry), in the order the view gives
 * (region, quota code): the peak with its minute, the quota and the
 * percentage, the throttled minutes when there are any, and for a quota
 * that is too small the suggested value, labelled as a suggestion.
 * Nothing is shown when no quota has a finding: whether usage was read
 * at all is the health section's to say.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

/* Quotas named in text and Markdown; the JSON lists every one. */
#define REPORT_USAGE_NAMED	3

/* "v" with thousands separators into "dst" (not escaped). */
static void
number(struct buf *dst, double v)
{
	char	*s = change_format_number(v);

	buf_reset(dst);
	report_rw_group_number(dst, s);
	free(s);
}

/* "YYYY-MM-DD HH:MM" of a UTC ISO-8601 minute ("" stays ""). */
static void
minute_text(const char *iso, char out[17])
{
	out[0] = '\0';
	if (iso == NULL || strlen(iso) < 16)
		return;
	(void)memcpy(out, iso, 16);
	out[10] = ' ';
	out[16] = '\0';
}

/*
 * One quota in one line; what the lines share (the threshold, what P5
 * means, what the suggested value is) is said once in the intro.
 */
static void
usage_item(struct report_rw *w, const struct report_usage *u)
{
	static const enum i18n_msg msg[] = {
		[USAGE_FINDING_NEAR_QUOTA] = I18N_USAGE_NEAR,
		[USAGE_FINDING_THROTTLED_BELOW] = I18N_USAGE_THROTTLED_BELOW,
		[USAGE_FINDING_THROTTLED_AT] = I18N_USAGE_THROTTLED_AT,
	};
	struct buf	 peak = BUF_INIT, quota = BUF_INIT, sugg = BUF_INIT;
	char		 when[17], pct[16], mins[16];

	if (u->finding == USAGE_FINDING_NONE)
		return;
	number(&peak, u->peak);
	number(&quota, u->quota);
	number(&sugg, u->suggested);
	minute_text(u->peak_at, when);
	(void)snprintf(pct, sizeof(pct), "%.0f", floor(u->percent));
	(void)snprintf(mins, sizeof(mins), "%d", u->throttled_minutes);
	/* the peak with its unit, one argument: nine at most */
	buf_addch(&peak, ' ');
	buf_addstr(&peak, i18n_get(!u->tokens ? I18N_USAGE_REQUESTS :
	    u->approximate ? I18N_USAGE_TOKENS_APPROX : I18N_USAGE_TOKENS,
	    w->lang));
	REPORT_LINE(w, REPORT_B_BULLET, msg[u->finding], RA(u->region),
	    RA(u->quota_code), RA(u->model_id), RA(peak.data), RA(when),
	    RA(quota.data), RA(pct), RA(mins), RA(sugg.data));
	buf_free(&peak);
	buf_free(&quota);
	buf_free(&sugg);
}

/* Action (throttled) before warning, then the view's order. */
static int
item_cmp(const void *pa, const void *pb)
{
	const struct report_usage *a = *(const struct report_usage *const *)pa;
	const struct report_usage *b = *(const struct report_usage *const *)pb;

	if (a->verdict.severity != b->verdict.severity)
		return a->verdict.severity > b->verdict.severity ? -1 : 1;
	return a < b ? -1 : a > b;
}

void
report_usage_section(struct report_rw *w, const struct report_usage *u,
    size_t n)
{
	const struct report_usage	**v;
	char				  more[32];
	size_t				  i, all = n;

	/* what an entry states is not told twice */
	v = xreallocarray(NULL, n + 1, sizeof(*v));
	for (n = 0, i = 0; i < all; i++)
		if (!u[i].in_entry)
			v[n++] = &u[i];
	if (n == 0) {
		free(v);
		return;
	}
	REPORT_LINE0(w, REPORT_B_H2, I18N_H_USAGE);
	REPORT_LINE0(w, REPORT_B_PARA, I18N_USAGE_INTRO);
	qsort(v, n, sizeof(*v), item_cmp);
	for (i = 0; i < n && i < REPORT_USAGE_NAMED; i++)
		usage_item(w, v[i]);
	if (n > REPORT_USAGE_NAMED) {
		(void)snprintf(more, sizeof(more), "%zu",
		    n - REPORT_USAGE_NAMED);
		REPORT_LINE(w, REPORT_B_BULLET, I18N_USAGE_MORE, RA(more));
	}
	free(v);
}

void
report_usage_closest(struct report_rw *w, const struct report_usage *u,
    size_t n)
{
	struct buf	 peak = BUF_INIT, quota = BUF_INIT;
	char		 when[17], pct[16];
	size_t		 i;

	if (n == 0)
		return;
	REPORT_LINE0(w, REPORT_B_H2, I18N_H_CLOSEST);
	REPORT_LINE0(w, REPORT_B_PARA, I18N_CLOSEST_INTRO);
	for (i = 0; i < n; i++) {
		number(&peak, u[i].peak);
		number(&quota, u[i].quota);
		minute_text(u[i].peak_at, when);
		(void)snprintf(pct, sizeof(pct), "%.0f", floor(u[i].percent));
		REPORT_LINE(w, REPORT_B_BULLET, I18N_CLOSEST_LINE,
		    RA(u[i].region), RA(u[i].quota_code), RA(u[i].model_id),
		    RA(peak.data), RA(i18n_get(u[i].tokens ? I18N_USAGE_TOKENS :
		    I18N_USAGE_REQUESTS, w->lang)), RA(when), RA(quota.data),
		    RA(pct));
	}
	buf_free(&peak);
	buf_free(&quota);
}
