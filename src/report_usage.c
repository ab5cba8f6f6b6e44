/*
 * report_usage.c: the usage evidence section of the daily report (text
 * and Markdown; the JSON is report_json.c's "usage").  See report_int.h.
 *
 * One bullet per quota with a finding, in the order the view gives
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

/* Append sentence "m" (with "args") to the line "line". */
static void
sentence_add(struct report_rw *w, struct buf *line, enum i18n_msg m,
    const struct report_arg *args, size_t nargs)
{
	struct buf	next = BUF_INIT, joined = BUF_INIT;

	report_rw_fmt(w, &next, m, args, nargs);
	report_rw_fmt(w, &joined, I18N_USAGE_JOIN,
	    REPORT_ARGS(RR(line->data), RR(next.data)));
	buf_reset(line);
	buf_addstr(line, joined.data);
	buf_free(&next);
	buf_free(&joined);
}

/*
 * One quota: what was seen, then, in the same bullet, that the usage is
 * an approximation, and for a quota too small what to ask for.
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
	struct buf	 line = BUF_INIT;
	char		 when[17], pct[16], mins[16];

	if (u->finding == USAGE_FINDING_NONE)
		return;
	number(&peak, u->peak);
	number(&quota, u->quota);
	minute_text(u->peak_at, when);
	(void)snprintf(pct, sizeof(pct), "%.0f", floor(u->percent));
	(void)snprintf(mins, sizeof(mins), "%d", u->throttled_minutes);
	report_rw_fmt(w, &line, msg[u->finding], REPORT_ARGS(RA(u->region),
	    RA(u->quota_code), RA(u->model_id), RA(peak.data),
	    RA(i18n_get(u->tokens ? I18N_USAGE_TOKENS : I18N_USAGE_REQUESTS,
	    w->lang)), RA(when), RA(quota.data), RA(pct), RA(mins)));
	if (u->approximate)
		sentence_add(w, &line, I18N_USAGE_APPROX, NULL, 0);
	/* A quota that is too small: what to ask for. */
	if (u->finding != USAGE_FINDING_THROTTLED_BELOW && u->suggested > 0) {
		number(&sugg, u->suggested);
		sentence_add(w, &line, I18N_USAGE_SUGGEST,
		    REPORT_ARGS(RA(sugg.data)));
	}
	REPORT_LINE(w, REPORT_B_BULLET, I18N_USAGE_ITEM,
	    RR(line.data));
	buf_free(&peak);
	buf_free(&quota);
	buf_free(&sugg);
	buf_free(&line);
}

void
report_usage_section(struct report_rw *w, const struct report_usage *u,
    size_t n)
{
	size_t	i;

	if (n == 0)
		return;
	REPORT_LINE0(w, REPORT_B_H2, I18N_H_USAGE);
	REPORT_LINE0(w, REPORT_B_PARA, I18N_USAGE_INTRO);
	for (i = 0; i < n; i++)
		usage_item(w, &u[i]);
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
