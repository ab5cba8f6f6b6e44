/*
 * report_json.c: the JSON forms of the report, a case and the status
 * view, written by hand so that every string is escaped by escape_json()
 * (valid UTF-8 whatever AWS sent).  The layout is docs/report-json.md.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "report_int.h"

/* A pretty-printing JSON writer: two spaces per level. */
struct jw {
	struct buf	*b;	/* borrowed */
	int		 depth;	/* open containers */
	int		 first;	/* nothing written yet in the innermost */
};

static void
jw_newline(struct jw *j)
{
	int	i;

	buf_addch(j->b, '\n');
	for (i = 0; i < j->depth; i++)
		buf_addstr(j->b, "  ");
}

/* Start an array element or object member. */
static void
jw_sep(struct jw *j)
{
	if (!j->first)
		buf_addch(j->b, ',');
	jw_newline(j);
	j->first = 0;
}

static void
jw_open(struct jw *j, char c)
{
	buf_addch(j->b, c);
	j->depth++;
	j->first = 1;
}

static void
jw_close(struct jw *j, char c)
{
	j->depth--;
	if (!j->first)
		jw_newline(j);
	buf_addch(j->b, c);
	j->first = 0;
}

static void
jw_key(struct jw *j, const char *key)
{
	jw_sep(j);
	escape_json(j->b, key);
	buf_addstr(j->b, ": ");
}

/* A member whose value is a string; NULL and "" (if "null_empty") null. */
static void
jw_str(struct jw *j, const char *key, const char *s, int null_empty)
{
	jw_key(j, key);
	escape_json(j->b, null_empty && s != NULL && *s == '\0' ? NULL : s);
}

static void
jw_int(struct jw *j, const char *key, long long v)
{
	jw_key(j, key);
	buf_printf(j->b, "%lld", v);
}

/* A member whose value is a number, or null when it is not positive. */
static void
jw_pos(struct jw *j, const char *key, long long v)
{
	jw_key(j, key);
	if (v > 0)
		buf_printf(j->b, "%lld", v);
	else
		buf_addstr(j->b, "null");
}

static void
jw_dbl(struct jw *j, const char *key, double v)
{
	char	*s;

	jw_key(j, key);
	if (!isfinite(v)) {
		buf_addstr(j->b, "null");
		return;
	}
	s = change_format_number(v);
	buf_addstr(j->b, s);
	free(s);
}

/* Drop the trailing newline a plain writer leaves. */
static void
chomp(struct buf *b)
{
	while (b->len > 0 && b->data[b->len - 1] == '\n')
		b->data[--b->len] = '\0';
}

/* Why a region was not compared, in prose; null when it was not that. */
static void
region_reason(struct jw *j, const struct report_region *r,
    enum i18n_lang lang)
{
	struct report_rw	 w;
	struct buf		 t = BUF_INIT;
	char			 run[32];

	jw_key(j, "reason");
	if (r->failed_run <= 0) {
		buf_addstr(j->b, "null");
		return;
	}
	(void)snprintf(run, sizeof(run), "%lld", r->failed_run);
	report_rw_init(&w, REPORT_MODE_PLAIN, lang, &t);
	report_rw_fmt(&w, &t, I18N_R_FAILED_RUN, REPORT_ARGS(RA(run)));
	report_rw_free(&w);
	escape_json(j->b, t.data);
	buf_free(&t);
}

/* Failed call "r" as an object: the call, the reply, the fix. */
static void
error_object(struct jw *j, const struct report_region *r,
    enum i18n_lang lang)
{
	struct report_rw	 w;
	struct buf		 fix = BUF_INIT;
	const char		*arg;
	enum i18n_msg		 m;

	report_rw_init(&w, REPORT_MODE_PLAIN, lang, &fix);
	m = report_region_fix(r, &arg);
	report_rw_fmt(&w, &fix, m, REPORT_ARGS(RA(arg != NULL ? arg :
	    i18n_get(I18N_UNKNOWN, lang))));
	report_rw_free(&w);
	jw_open(j, '{');
	jw_str(j, "operation", r->operation, 1);
	jw_pos(j, "http_status", r->http_status);
	jw_str(j, "code", r->error_code, 1);
	jw_str(j, "message", r->error_message, 1);
	region_reason(j, r, lang);
	jw_str(j, "iam_action", playbook_iam_action(r->operation), 1);
	jw_str(j, "fix", fix.data, 0);
	jw_close(j, '}');
	buf_free(&fix);
}

/* "run_failure": why a run collected nothing, or null. */
static void
run_failure(struct jw *j, const struct report_region *f,
    enum i18n_lang lang)
{
	jw_key(j, "run_failure");
	if (f == NULL)
		buf_addstr(j->b, "null");
	else
		error_object(j, f, lang);
}

/* The region's "error" member: null while it is fine. */
static void
region_error(struct jw *j, const struct report_region *r,
    enum i18n_lang lang)
{
	jw_key(j, "error");
	if (r->status == REGION_STATUS_OK ||
	    r->status == REGION_STATUS_BASELINE)
		buf_addstr(j->b, "null");
	else
		error_object(j, r, lang);
}

static void
regions(struct jw *j, const struct report_region *r, size_t n,
    enum i18n_lang lang)
{
	size_t	i;

	jw_key(j, "regions");
	jw_open(j, '[');
	for (i = 0; i < n; i++) {
		jw_sep(j);
		jw_open(j, '{');
		jw_str(j, "region", r[i].region, 0);
		jw_str(j, "status", status_region_name(r[i].status), 0);
		region_error(j, &r[i], lang);
		jw_close(j, '}');
	}
	jw_close(j, ']');
}

/* The "case" member: an object for P3, P5 and P6, else null. */
static void
case_object(struct jw *j, const struct change *c, const char *account_id,
    enum i18n_lang lang)
{
	struct report_rw	w;
	struct buf		t = BUF_INIT;

	jw_key(j, "case");
	if (!report_has_case(c)) {
		buf_addstr(j->b, "null");
		return;
	}
	jw_open(j, '{');
	report_rw_init(&w, REPORT_MODE_PLAIN, lang, &t);
	report_case_where(&w, c);
	report_rw_end(&w);
	chomp(&t);
	jw_str(j, "where", t.data, 0);
	buf_reset(&t);
	report_case_subject(&w, &t, c);
	jw_str(j, "subject", t.data, 0);
	buf_reset(&t);
	w.last = REPORT_B_NONE;
	report_case_body(&w, c, account_id);
	report_rw_end(&w);
	chomp(&t);
	jw_str(j, "body", t.data, 0);
	report_rw_free(&w);
	buf_free(&t);
	jw_close(j, '}');
}

static void
advice(struct jw *j, const struct change *c, enum i18n_lang lang)
{
	struct report_rw	w;
	struct buf		t = BUF_INIT;

	report_rw_init(&w, REPORT_MODE_PLAIN, lang, &t);
	report_item_heading(&w, REPORT_B_PARA, c);
	report_item_facts(&w, c);
	report_rw_gap(&w);
	report_item_advice(&w, c);
	report_rw_free(&w);
	chomp(&t);
	jw_str(j, "advice", t.data, 0);
	buf_free(&t);
}

/* The "usage" member of a usage finding change: its evidence. */
static void
change_usage(struct jw *j, const struct change *c)
{
	char	at[UTIL_ISO8601_LEN];

	jw_key(j, "usage");
	jw_open(j, '{');
	jw_str(j, "model_id", c->usage_model, 0);
	jw_dbl(j, "peak_per_minute", c->usage.peak);
	if (c->usage.peak_at > 0) {
		util_iso8601((time_t)c->usage.peak_at, at);
		jw_str(j, "peak_at", at, 1);
	} else
		jw_str(j, "peak_at", NULL, 1);
	jw_dbl(j, "quota_value", c->usage.quota);
	jw_int(j, "percent", (long long)floor(c->usage.percent));
	jw_int(j, "throttled_minutes", c->usage.throttled_minutes);
	jw_dbl(j, "suggested_value", c->usage.suggested);
	jw_close(j, '}');
}

static void
change(struct jw *j, const struct change *c, const char *account_id,
    enum i18n_lang lang)
{
	jw_open(j, '{');
	jw_int(j, "id", c->change_id);
	/* One account per change, also in a database of several. */
	jw_str(j, "account_id", account_id, 1);
	jw_str(j, "region", c->region, 0);
	jw_str(j, "kind", change_kind_name(c->kind), 0);
	jw_str(j, "subject", c->subject, 0);
	jw_str(j, "subject_name", c->subject_name, 0);
	jw_str(j, "old", c->old_value, 0);
	jw_str(j, "new", c->new_value, 0);
	jw_str(j, "path", change_path_name(c->path), 0);
	jw_str(j, "severity", change_severity_name(c->severity), 0);
	if (c->usage.set)
		change_usage(j, c);
	advice(j, c, lang);
	case_object(j, c, account_id, lang);
	jw_close(j, '}');
}

/* The name of a failed account's fix, for scripts. */
static const char *
assume_fix_name(enum playbook_assume_fix f)
{
	switch (f) {
	case PLAYBOOK_ASSUME_TRUST:
	case PLAYBOOK_ASSUME_EXTERNAL_ID:
	case PLAYBOOK_ASSUME_TRUST_ANY:
		return "trust_policy";
	case PLAYBOOK_ASSUME_CALLER:
		return "caller_credentials";
	case PLAYBOOK_ASSUME_REGION:
		return "sts_region";
	case PLAYBOOK_ASSUME_LATER:
		return "try_later";
	default:
		return "other";
	}
}

/*
 * Why account "a" was not collected: the failed call, its code and
 * message, and the fix by name and in words; each null unless "failed".
 */
static void
failure_members(struct jw *j, const struct report_org_account *a, int failed,
    enum i18n_lang lang)
{
	char	*fix = NULL;

	jw_str(j, "operation", failed ? a->operation : NULL, 1);
	jw_str(j, "error_code", failed ? a->error_code : NULL, 1);
	jw_str(j, "error_message", failed ? a->error_message : NULL, 1);
	jw_str(j, "fix_kind", failed ? assume_fix_name(a->fix) : NULL, 1);
	if (failed)
		fix = report_assume_fix_text(a->fix, lang == I18N_LANG_JA ?
		    REPORT_LANG_JA : REPORT_LANG_EN);
	jw_str(j, "fix", fix, 1);
	free(fix);
}

/* "collection": how the newest run fared, region by region. */
static void
collection(struct jw *j, const struct report_input *in, enum i18n_lang lang)
{
	const struct report_collection	*c = &in->collection;

	jw_key(j, "collection");
	jw_open(j, '{');
	jw_int(j, "run", c->run);
	jw_str(j, "status", status_run_name(c->status), 0);
	jw_str(j, "started_at", c->started_at, 1);
	jw_str(j, "finished_at", c->finished_at, 1);
	jw_pos(j, "data_run", c->data_run);
	jw_key(j, "first");
	buf_addstr(j->b, c->first ? "true" : "false");
	jw_key(j, "account_failure");
	if (c->account_failed == NULL)
		buf_addstr(j->b, "null");
	else {
		jw_open(j, '{');
		failure_members(j, c->account_failed, 1, lang);
		jw_close(j, '}');
	}
	run_failure(j, c->run_failure, lang);
	regions(j, in->regions, in->regionsz, lang);
	jw_close(j, '}');
}

/* "summary": entries by severity, and the open problems. */
static void
summary(struct jw *j, const struct report_input *in)
{
	long long	cnt[SEVERITY__COUNT] = { 0 };
	size_t		i;

	for (i = 0; in->entries != NULL && i < in->entries->len; i++)
		if ((unsigned)in->entries->items[i].severity < SEVERITY__COUNT)
			cnt[in->entries->items[i].severity]++;
	jw_key(j, "summary");
	jw_open(j, '{');
	jw_int(j, "action", cnt[SEVERITY_ACTION]);
	jw_int(j, "warning", cnt[SEVERITY_WARNING]);
	jw_int(j, "info", cnt[SEVERITY_INFO]);
	/* null, not 0: nothing collected yet, so the problems are unknown */
	if (report_nothing_known(&in->collection))
		jw_str(j, "open", NULL, 1);
	else
		jw_int(j, "open", (long long)in->opensz);
	jw_close(j, '}');
}

/* The name of a field an entry moved: its kind (and request ID). */
static void
field_key(struct jw *j, const struct entry *e, const struct change *c)
{
	struct buf	k = BUF_INIT;

	buf_addstr(&k, change_kind_name(c->kind));
	if (strcmp(c->subject, e->subject) != 0) {
		buf_addch(&k, ':');
		buf_addstr(&k, c->subject);
	}
	jw_key(j, k.data);
	buf_free(&k);
}

/* "old" or "new" of an entry: {field: value} of its net changes. */
static void
entry_values(struct jw *j, const struct entry *e, int new_side)
{
	size_t	i;

	jw_key(j, new_side ? "new" : "old");
	jw_open(j, '{');
	for (i = 0; i < e->net.len; i++) {
		field_key(j, e, e->net.items[i]);
		escape_json(j->b, new_side ? e->net.items[i]->new_value :
		    e->net.items[i]->old_value);
	}
	jw_close(j, '}');
}

/* "kinds" and "change_ids": every change of the entry. */
static void
entry_raw(struct jw *j, const struct entry *e)
{
	size_t	i, k;

	jw_key(j, "kinds");
	jw_open(j, '[');
	for (i = 0; i < e->rawsz; i++) {
		for (k = 0; k < i && e->raw[k]->kind != e->raw[i]->kind; k++)
			;
		if (k < i)
			continue;
		jw_sep(j);
		escape_json(j->b, change_kind_name(e->raw[i]->kind));
	}
	jw_close(j, ']');
	jw_key(j, "change_ids");
	jw_open(j, '[');
	for (i = 0; i < e->rawsz; i++) {
		jw_sep(j);
		buf_printf(j->b, "%lld", e->raw[i]->change_id);
	}
	jw_close(j, ']');
}

static void
entry(struct jw *j, const struct entry *e, const char *account_id,
    enum i18n_lang lang)
{
	const struct change	*lead = entry_lead(e);
	struct report_rw	 w;
	struct buf		 t = BUF_INIT;

	jw_open(j, '{');
	jw_int(j, "id", (long long)e->number);
	/* The accounts the entry covers: the report's one, if known. */
	jw_key(j, "accounts");
	jw_open(j, '[');
	if (account_id != NULL) {
		jw_sep(j);
		escape_json(j->b, account_id);
	}
	jw_close(j, ']');
	jw_str(j, "region", e->region, 0);
	jw_str(j, "subject", e->subject, 0);
	jw_str(j, "subject_name", e->subject_name, 0);
	entry_raw(j, e);
	jw_str(j, "path", change_path_name(e->path), 0);
	jw_str(j, "severity", change_severity_name(e->severity), 0);
	jw_int(j, "first_seen_run", e->first_seen_run);
	entry_values(j, e, 0);
	entry_values(j, e, 1);
	report_rw_init(&w, REPORT_MODE_PLAIN, lang, &t);
	report_entry(&w, e);
	report_rw_free(&w);
	chomp(&t);
	jw_str(j, "advice", t.data, 0);
	buf_free(&t);
	if (lead != NULL && e->severity != SEVERITY_INFO)
		case_object(j, lead, account_id, lang);
	else {
		jw_key(j, "case");
		buf_addstr(j->b, "null");
	}
	jw_close(j, '}');
}

/*
 * A lifecycle problem's dates: "date" (the one it is about), its window
 * "within_days" and every date in "lifecycle"; null for other problems.
 */
static void
open_life(struct jw *j, const struct report_open_life *l)
{
	jw_str(j, "date", l != NULL ? l->date : NULL, 0);
	if (l != NULL && l->within_days >= 0)
		jw_int(j, "within_days", l->within_days);
	else {
		jw_key(j, "within_days");
		buf_addstr(j->b, "null");
	}
	jw_key(j, "lifecycle");
	if (l == NULL) {
		buf_addstr(j->b, "null");
		return;
	}
	jw_open(j, '{');
	jw_str(j, "legacy", l->legacy, 0);
	jw_str(j, "public_extended_access", l->extended_access, 0);
	jw_str(j, "end_of_life", l->end_of_life, 0);
	jw_close(j, '}');
}

static void
open_problems(struct jw *j, const struct report_open *o, size_t n)
{
	size_t	i;

	jw_key(j, "open");
	jw_open(j, '[');
	for (i = 0; i < n; i++) {
		jw_sep(j);
		jw_open(j, '{');
		jw_str(j, "region", o[i].region, 0);
		jw_str(j, "subject", o[i].subject, 0);
		jw_str(j, "subject_name", o[i].subject_name, 0);
		jw_str(j, "problem", playbook_reason_name(o[i].verdict.reason),
		    0);
		jw_str(j, "path", change_path_name(o[i].verdict.path), 0);
		jw_str(j, "severity",
		    change_severity_name(o[i].verdict.severity), 0);
		jw_int(j, "since_run", o[i].since_run);
		jw_str(j, "since", o[i].since, 1);
		open_life(j, o[i].life);
		jw_close(j, '}');
	}
	jw_close(j, ']');
}

/*
 * "key": quotas with usage evidence in the window (usage.h): "usage" in
 * the report, "closest" in the status view, with "percent" there.
 */
static void
usage_list(struct jw *j, const char *key, const struct report_usage *u,
    size_t n, int percent)
{
	size_t	i;

	jw_key(j, key);
	jw_open(j, '[');
	for (i = 0; i < n; i++) {
		jw_sep(j);
		jw_open(j, '{');
		jw_str(j, "account_id", u[i].account_id, 1);
		jw_str(j, "region", u[i].region, 0);
		jw_str(j, "model_id", u[i].model_id, 0);
		jw_str(j, "quota_code", u[i].quota_code, 0);
		jw_str(j, "finding", usage_finding_name(u[i].finding), 0);
		jw_dbl(j, "peak_per_minute", u[i].peak);
		jw_str(j, "peak_at", u[i].peak_at, 1);
		jw_dbl(j, "quota_value", u[i].quota);
		jw_int(j, "throttled_minutes", u[i].throttled_minutes);
		if (percent)
			jw_dbl(j, "percent", floor(u[i].percent * 10) / 10);
		jw_close(j, '}');
	}
	jw_close(j, ']');
}

void
report_json(struct buf *b, const struct report_input *in,
    enum i18n_lang lang)
{
	struct jw	j = { b, 0, 1 };
	size_t		i;

	jw_open(&j, '{');
	jw_int(&j, "from_run", in->from_run);
	jw_int(&j, "to_run", in->to_run);
	jw_str(&j, "account_id", in->account_id, 1);
	collection(&j, in, lang);
	summary(&j, in);
	jw_key(&j, "entries");
	jw_open(&j, '[');
	for (i = 0; in->entries != NULL && i < in->entries->len; i++) {
		jw_sep(&j);
		entry(&j, &in->entries->items[i], in->account_id, lang);
	}
	jw_close(&j, ']');
	open_problems(&j, in->open, in->opensz);
	usage_list(&j, "usage", in->usage, in->usagesz, 0);
	jw_key(&j, "changes");
	jw_open(&j, '[');
	for (i = 0; in->changes != NULL && i < in->changes->len; i++) {
		jw_sep(&j);
		change(&j, in->changes->items[i], in->account_id, lang);
	}
	jw_close(&j, ']');
	jw_close(&j, '}');
	buf_addch(b, '\n');
}

void
report_json_case(struct buf *b, const struct change *c,
    const char *account_id, enum i18n_lang lang)
{
	struct jw		 j = { b, 0, 1 };
	struct report_rw	 w;
	struct buf		 note = BUF_INIT;

	jw_open(&j, '{');
	jw_int(&j, "id", c->change_id);
	jw_str(&j, "region", c->region, 0);
	jw_str(&j, "path", change_path_name(c->path), 0);
	case_object(&j, c, account_id, lang);
	jw_key(&j, "note");
	if (report_has_case(c))
		buf_addstr(b, "null");
	else {
		report_rw_init(&w, REPORT_MODE_PLAIN, lang, &note);
		report_rw_fmt(&w, &note, I18N_CASE_NONE,
		    REPORT_ARGS(RA(change_path_name(c->path))));
		report_rw_free(&w);
		escape_json(b, note.data);
	}
	jw_close(&j, '}');
	buf_addch(b, '\n');
	buf_free(&note);
}

static void
status_models(struct jw *j, const struct report_status *s)
{
	const struct report_status_model	*m;
	size_t					 i;

	jw_key(j, "models_without_access");
	jw_open(j, '[');
	for (i = 0; i < s->modelsz; i++) {
		m = &s->models[i];
		jw_sep(j);
		jw_open(j, '{');
		jw_str(j, "region", m->region, 0);
		jw_str(j, "model_id", m->model_id, 0);
		jw_str(j, "model_name", m->model_name, 0);
		jw_str(j, "authorization", m->authorization, 0);
		jw_str(j, "entitlement", m->entitlement, 0);
		jw_str(j, "agreement", m->agreement, 0);
		jw_str(j, "region_availability", m->region_availability, 0);
		jw_str(j, "path", change_path_name(m->verdict.path), 0);
		jw_str(j, "severity",
		    change_severity_name(m->verdict.severity), 0);
		jw_close(j, '}');
	}
	jw_close(j, ']');
}

static void
status_quotas(struct jw *j, const struct report_status *s)
{
	const struct report_status_quota	*q;
	size_t					 i;

	jw_key(j, "quotas_below_default");
	jw_open(j, '[');
	for (i = 0; i < s->quotasz; i++) {
		q = &s->quotas[i];
		jw_sep(j);
		jw_open(j, '{');
		jw_str(j, "region", q->region, 0);
		jw_str(j, "quota_code", q->quota_code, 0);
		jw_str(j, "quota_name", q->quota_name, 0);
		jw_dbl(j, "applied", q->applied);
		jw_dbl(j, "default", q->default_value);
		jw_key(j, "adjustable");
		buf_addstr(j->b, q->adjustable ? "true" : "false");
		jw_str(j, "path", change_path_name(q->verdict.path), 0);
		jw_str(j, "severity",
		    change_severity_name(q->verdict.severity), 0);
		jw_close(j, '}');
	}
	jw_close(j, ']');
}

static void
status_requests(struct jw *j, const struct report_status *s)
{
	const struct report_status_request	*r;
	size_t					 i;

	jw_key(j, "open_requests");
	jw_open(j, '[');
	for (i = 0; i < s->requestsz; i++) {
		r = &s->requests[i];
		jw_sep(j);
		jw_open(j, '{');
		jw_str(j, "region", r->region, 0);
		jw_str(j, "request_id", r->request_id, 0);
		jw_str(j, "quota_code", r->quota_code, 0);
		jw_str(j, "quota_name", r->quota_name, 0);
		jw_dbl(j, "desired", r->desired);
		jw_str(j, "status", r->status, 0);
		jw_str(j, "case_id", r->case_id, 1);
		jw_str(j, "created", r->created, 1);
		jw_close(j, '}');
	}
	jw_close(j, ']');
}

void
report_json_status(struct buf *b, const struct report_status *s,
    enum i18n_lang lang)
{
	struct jw	j = { b, 0, 1 };

	jw_open(&j, '{');
	jw_int(&j, "run_id", s->run_id);
	jw_str(&j, "run_time", s->run_time, 1);
	jw_pos(&j, "failed_run", s->failed_run);
	jw_str(&j, "failed_run_time", s->failed_run > 0 ? s->failed_time :
	    NULL, 1);
	jw_str(&j, "account_id", s->account_id, 1);
	regions(&j, s->regions, s->regionsz, lang);
	status_models(&j, s);
	status_quotas(&j, s);
	status_requests(&j, s);
	usage_list(&j, "closest", s->closest, s->closestsz, 1);
	open_problems(&j, s->open, s->opensz);
	jw_close(&j, '}');
	buf_addch(b, '\n');
}

/* --- the organization-wide report (report_org_write()) --- */

/* One account of the coverage. */
static void
org_account(struct jw *j, const struct report_org_account *a,
    enum i18n_lang lang)
{
	int			 failed;

	failed = a->named && a->status == ACCOUNT_STATUS_FAILED;
	jw_open(j, '{');
	jw_str(j, "account_id", a->account_id, 0);
	jw_key(j, "in_run");
	buf_addstr(j->b, a->named ? "true" : "false");
	jw_str(j, "status", a->named ? status_account_name(a->status) : NULL,
	    1);
	jw_str(j, "org_status", a->org_status, 1);
	failure_members(j, a, failed, lang);
	jw_close(j, '}');
}

/* "coverage": the accounts of the newest run and the grid's gaps. */
static void
org_coverage(struct jw *j, const struct report_org *o, enum i18n_lang lang)
{
	const struct report_org_gap	*g;
	size_t				 i;

	jw_key(j, "coverage");
	jw_open(j, '{');
	jw_int(j, "run", o->to_run);
	jw_int(j, "accounts_known", (long long)o->accountsz);
	jw_int(j, "accounts_collected_in_range", (long long)o->collected);
	jw_int(j, "regions", (long long)o->regionsz);
	run_failure(j, o->collection.run_failure, lang);
	jw_key(j, "accounts");
	jw_open(j, '[');
	for (i = 0; i < o->accountsz; i++) {
		jw_sep(j);
		org_account(j, &o->accounts[i], lang);
	}
	jw_close(j, ']');
	jw_key(j, "gaps");
	jw_open(j, '[');
	for (i = 0; i < o->gapsz; i++) {
		g = &o->gaps[i];
		jw_sep(j);
		jw_open(j, '{');
		jw_str(j, "account_id", g->account_id, 0);
		jw_str(j, "region", g->region, 0);
		jw_str(j, "status", g->missing ? "missing" :
		    status_region_name(g->status), 0);
		jw_str(j, "error_code", g->error_code, 1);
		jw_close(j, '}');
	}
	jw_close(j, ']');
	jw_close(j, '}');
}

/* One account's part of an org entry: what it saw. */
static void
org_part(struct jw *j, const struct org_part *p)
{
	jw_open(j, '{');
	jw_str(j, "account_id", p->account_id, 0);
	jw_key(j, "alike");
	buf_addstr(j->b, p->alike ? "true" : "false");
	jw_str(j, "path", change_path_name(p->entry->path), 0);
	jw_str(j, "severity", change_severity_name(p->entry->severity), 0);
	entry_values(j, p->entry, 0);
	entry_values(j, p->entry, 1);
	entry_raw(j, p->entry);
	jw_close(j, '}');
}

/* One entry of the organization: a (region, subject) across accounts. */
static void
org_entry(struct jw *j, const struct report_org *o, const struct org_group *g,
    enum i18n_lang lang)
{
	struct report_rw	 w;
	struct buf		 t = BUF_INIT;
	size_t			 i;

	jw_open(j, '{');
	jw_int(j, "id", (long long)g->number);
	jw_key(j, "accounts");
	jw_open(j, '[');
	for (i = 0; i < g->partsz; i++) {
		jw_sep(j);
		escape_json(j->b, g->parts[i].account_id);
	}
	jw_close(j, ']');
	jw_int(j, "seen_in", (long long)g->partsz);
	jw_int(j, "of_accounts", (long long)o->collected);
	jw_int(j, "alike", (long long)g->alike);
	jw_key(j, "absent");
	jw_open(j, '[');
	for (i = 0; i < g->absentsz; i++) {
		jw_sep(j);
		escape_json(j->b, g->absent[i]);
	}
	jw_close(j, ']');
	jw_str(j, "region", g->region, 0);
	jw_str(j, "subject", g->subject, 0);
	jw_str(j, "subject_name", g->lead->subject_name, 0);
	jw_str(j, "path", change_path_name(g->path), 0);
	jw_str(j, "severity", change_severity_name(g->severity), 0);
	entry_values(j, g->lead, 0);
	entry_values(j, g->lead, 1);
	report_rw_init(&w, REPORT_MODE_PLAIN, lang, &t);
	report_entry(&w, g->lead);
	report_rw_free(&w);
	chomp(&t);
	jw_str(j, "advice", t.data, 0);
	buf_free(&t);
	jw_key(j, "per_account");
	jw_open(j, '[');
	for (i = 0; i < g->partsz; i++) {
		jw_sep(j);
		org_part(j, &g->parts[i]);
	}
	jw_close(j, ']');
	jw_close(j, '}');
}

/* "open": each account's open problems by path. */
static void
org_open(struct jw *j, const struct report_org *o)
{
	enum change_path	p;
	size_t			i;

	jw_key(j, "open");
	jw_open(j, '[');
	for (i = 0; i < o->opensz; i++) {
		jw_sep(j);
		jw_open(j, '{');
		jw_str(j, "account_id", o->open[i].account_id, 0);
		if (!o->open[i].known) {	/* unknown, not zero */
			jw_str(j, "by_path", NULL, 1);
			jw_str(j, "total", NULL, 1);
			jw_close(j, '}');
			continue;
		}
		jw_key(j, "by_path");
		jw_open(j, '{');
		for (p = PATH_P1; p <= PATH_P6; p++)
			jw_int(j, change_path_name(p),
			    (long long)o->open[i].count[p]);
		jw_int(j, change_path_name(PATH_INFO),
		    (long long)o->open[i].count[PATH_INFO]);
		jw_close(j, '}');
		jw_int(j, "total", (long long)o->open[i].total);
		jw_close(j, '}');
	}
	jw_close(j, ']');
}

void
report_json_org(struct buf *b, const struct report_org *o,
    enum i18n_lang lang)
{
	struct jw	j = { b, 0, 1 };
	size_t		i, k;

	jw_open(&j, '{');
	jw_str(&j, "report", o->status ? "organization_status" :
	    "organization", 0);
	jw_int(&j, "from_run", o->from_run);
	jw_int(&j, "to_run", o->to_run);
	jw_key(&j, "collection");
	jw_open(&j, '{');
	jw_int(&j, "run", o->collection.run);
	jw_str(&j, "status", status_run_name(o->collection.status), 0);
	jw_str(&j, "started_at", o->collection.started_at, 1);
	jw_str(&j, "finished_at", o->collection.finished_at, 1);
	jw_pos(&j, "data_run", o->collection.data_run);
	jw_close(&j, '}');
	org_coverage(&j, o, lang);
	jw_key(&j, "entries");
	jw_open(&j, '[');
	for (i = 0; o->groups != NULL && i < o->groups->len; i++) {
		jw_sep(&j);
		org_entry(&j, o, &o->groups->items[i], lang);
	}
	jw_close(&j, ']');
	org_open(&j, o);
	jw_key(&j, "changes");
	jw_open(&j, '[');
	for (i = 0; i < o->changesz; i++)
		for (k = 0; o->changes[i].changes != NULL &&
		    k < o->changes[i].changes->len; k++) {
			jw_sep(&j);
			change(&j, o->changes[i].changes->items[k],
			    o->changes[i].account_id, lang);
		}
	jw_close(&j, ']');
	jw_close(&j, '}');
	buf_addch(b, '\n');
}
