/*
 * report_status.c: the status view, what the newest run saw.
 * See report.h and report_int.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

/* The path column: what the playbook's verdict tells the reader to do. */
static const char *
hint(const struct report_rw *w, const struct playbook_verdict *v)
{
	static const enum i18n_msg by_path[PATH__COUNT] = {
		[PATH_P1] = I18N_HINT_P1, [PATH_P2] = I18N_HINT_P2,
		[PATH_P3] = I18N_HINT_P3, [PATH_P4] = I18N_HINT_P4,
		[PATH_P6] = I18N_HINT_P6,
	};

	if (v->path == PATH_P1 && v->reason == PLAYBOOK_REASON_AGREEMENT)
		return i18n_get(I18N_HINT_P1_AGREEMENT, w->lang);
	if ((unsigned)v->path < PATH__COUNT && by_path[v->path] != 0)
		return i18n_get(by_path[v->path], w->lang);
	if (v->reason == PLAYBOOK_REASON_AGREEMENT_PENDING)
		return i18n_get(I18N_HINT_PENDING, w->lang);
	if (v->reason == PLAYBOOK_REASON_UNKNOWN_VALUE)
		return i18n_get(I18N_HINT_UNKNOWN_VALUE, w->lang);
	return i18n_get(I18N_HINT_UNCLEAR, w->lang);
}

/* Formatted numbers for table cells; freed together. */
struct numbers {
	char	**v;
	size_t	  len;
};

static const char *
num(struct numbers *n, double v)
{
	n->v = xreallocarray(n->v, n->len + 1, sizeof(*n->v));
	n->v[n->len] = change_format_number(v);
	return n->v[n->len++];
}

static void
numbers_free(struct numbers *n)
{
	size_t	i;

	for (i = 0; i < n->len; i++)
		free(n->v[i]);
	free(n->v);
}

static void
status_regions(struct report_rw *w, const struct report_status *s)
{
	static const enum i18n_msg head[] = { I18N_COL_REGION,
	    I18N_COL_STATUS, I18N_COL_ERROR };
	const char	**cells;
	size_t		  i;

	REPORT_LINE0(w, REPORT_B_H2, I18N_H_REGIONS_ALL);
	if (s->regionsz == 0)
		return;
	cells = xcalloc(s->regionsz * 3, sizeof(*cells));
	for (i = 0; i < s->regionsz; i++) {
		cells[i * 3] = s->regions[i].region;
		cells[i * 3 + 1] = report_region_status_text(w,
		    s->regions[i].status);
		/* Not enabled is no error: its line below says so. */
		cells[i * 3 + 2] = s->regions[i].status ==
		    REGION_STATUS_NOT_ENABLED ? "" : s->regions[i].error_code;
	}
	report_rw_table(w, 3, head, cells, s->regionsz);
	free(cells);
	for (i = 0; i < s->regionsz; i++)
		if (s->regions[i].status != REGION_STATUS_OK) {
			w->depth = 1;
			report_region_line(w, &s->regions[i]);
			w->depth = 0;
		}
}

static void
status_models(struct report_rw *w, const struct report_status *s)
{
	static const enum i18n_msg head[] = { I18N_COL_REGION,
	    I18N_COL_MODEL_ID, I18N_COL_NAME, I18N_COL_AUTH, I18N_COL_ENT,
	    I18N_COL_AGREE, I18N_COL_REGION_AVAIL, I18N_COL_PATH };
	const struct report_status_model	*m;
	const char				**cells;
	size_t					  i;

	REPORT_LINE0(w, REPORT_B_H2, I18N_H_NO_ACCESS);
	if (s->modelsz == 0) {
		REPORT_LINE0(w, REPORT_B_PARA, I18N_NO_ACCESS_NONE);
		return;
	}
	cells = xcalloc(s->modelsz * 8, sizeof(*cells));
	for (i = 0; i < s->modelsz; i++) {
		m = &s->models[i];
		cells[i * 8] = m->region;
		cells[i * 8 + 1] = m->model_id;
		cells[i * 8 + 2] = m->model_name;
		cells[i * 8 + 3] = m->authorization;
		cells[i * 8 + 4] = m->entitlement;
		cells[i * 8 + 5] = m->agreement;
		cells[i * 8 + 6] = m->region_availability;
		cells[i * 8 + 7] = hint(w, &m->verdict);
	}
	report_rw_table(w, 8, head, cells, s->modelsz);
	free(cells);
}

static void
status_quotas(struct report_rw *w, const struct report_status *s)
{
	static const enum i18n_msg head[] = { I18N_COL_REGION,
	    I18N_COL_CODE, I18N_COL_NAME, I18N_COL_APPLIED, I18N_COL_DEFAULT,
	    I18N_COL_ADJ, I18N_COL_PATH };
	const struct report_status_quota	*q;
	const char				**cells;
	struct numbers				  n = { NULL, 0 };
	size_t					  i;

	REPORT_LINE0(w, REPORT_B_H2, I18N_H_BELOW_DEFAULT);
	if (s->quotasz == 0) {
		REPORT_LINE0(w, REPORT_B_PARA, I18N_BELOW_NONE);
		return;
	}
	cells = xcalloc(s->quotasz * 7, sizeof(*cells));
	for (i = 0; i < s->quotasz; i++) {
		q = &s->quotas[i];
		cells[i * 7] = q->region;
		cells[i * 7 + 1] = q->quota_code;
		cells[i * 7 + 2] = q->quota_name;
		cells[i * 7 + 3] = num(&n, q->applied);
		cells[i * 7 + 4] = num(&n, q->default_value);
		cells[i * 7 + 5] = i18n_get(q->adjustable ? I18N_YES : I18N_NO,
		    w->lang);
		cells[i * 7 + 6] = hint(w, &q->verdict);
	}
	report_rw_table(w, 7, head, cells, s->quotasz);
	numbers_free(&n);
	free(cells);
}

static void
status_requests(struct report_rw *w, const struct report_status *s)
{
	static const enum i18n_msg head[] = { I18N_COL_REGION,
	    I18N_COL_REQUEST, I18N_COL_CODE, I18N_COL_NAME, I18N_COL_DESIRED,
	    I18N_COL_REQ_STATUS, I18N_COL_CASE, I18N_COL_CREATED };
	const struct report_status_request	*r;
	const char				**cells;
	struct numbers				  n = { NULL, 0 };
	size_t					  i;

	REPORT_LINE0(w, REPORT_B_H2, I18N_H_OPEN_REQ);
	if (s->requestsz == 0) {
		REPORT_LINE0(w, REPORT_B_PARA, I18N_OPEN_NONE);
		return;
	}
	cells = xcalloc(s->requestsz * 8, sizeof(*cells));
	for (i = 0; i < s->requestsz; i++) {
		r = &s->requests[i];
		cells[i * 8] = r->region;
		cells[i * 8 + 1] = r->request_id;
		cells[i * 8 + 2] = r->quota_code;
		cells[i * 8 + 3] = r->quota_name;
		cells[i * 8 + 4] = num(&n, r->desired);
		cells[i * 8 + 5] = r->status;
		cells[i * 8 + 6] = r->case_id;
		cells[i * 8 + 7] = r->created;
	}
	report_rw_table(w, 8, head, cells, s->requestsz);
	numbers_free(&n);
	free(cells);
}

void
report_status_body(struct report_rw *w, const struct report_status *s)
{
	struct buf	when = BUF_INIT;
	char		run[32];

	(void)snprintf(run, sizeof(run), "%lld", s->run_id);
	REPORT_LINE0(w, REPORT_B_H1, I18N_TITLE_STATUS);
	REPORT_LINE(w, REPORT_B_PARA, I18N_ACCOUNT,
	    RA(s->account_id != NULL && *s->account_id != '\0' ?
	    s->account_id : i18n_get(I18N_UNKNOWN, w->lang)));
	report_rw_time(w, &when, s->run_time, s->run_time_local);
	REPORT_LINE(w, REPORT_B_PARA, I18N_STATUS_RUN, RA(run),
	    RR(when.data));
	if (s->failed_run > 0) {
		buf_free(&when);
		(void)snprintf(run, sizeof(run), "%lld", s->failed_run);
		report_rw_time(w, &when, s->failed_time, s->failed_time_local);
		REPORT_LINE(w, REPORT_B_PARA, I18N_STATUS_NEWER_FAILED,
		    RA(run), RR(when.data));
	}
	buf_free(&when);
	report_rw_gap(w);
	REPORT_LINE0(w, REPORT_B_PARA, I18N_BACKGROUND);
	status_regions(w, s);
	status_models(w, s);
	status_quotas(w, s);
	status_requests(w, s);
	report_usage_closest(w, s->closest, s->closestsz);
	report_open_section(w, s->open, s->opensz, 1);
	report_rw_end(w);
}
