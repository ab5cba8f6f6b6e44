/*
 * notify.c: tell every target of a --notify file about one run.
 *
 * The facts come from the run's daily report, the same view and JSON
 * that "report --format json --to RUN" prints (the run against the run
 * before it); the paths and severities in it are the playbook's.  For
 * each target the order is: the run's own notification already recorded
 * (sent, failed, skipped or interrupted) means nothing more is done; a
 * run below the target's threshold is recorded as skipped; otherwise the
 * attempt is committed as "sending" (store_notify_begin()) before the
 * sender runs, and its outcome recorded after.  A crash in between
 * leaves "sending", which is never sent again by itself: at most once.
 *
 * A failure is one line on stderr naming the target and its type, never
 * its URL or command.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "change.h"
#include "entry.h"
#include "i18n.h"
#include "notify.h"
#include "notify_run.h"
#include "report.h"
#include "session.h"
#include "store.h"
#include "util.h"
#include "view.h"

/* AWS calls of the notifications at once: one per target at most. */
#define NOTIFY_SESSION_CONCURRENCY	4

static const notify_send_fn senders[NOTIFY__TYPES] = {
	[NOTIFY_EXEC] = notify_exec_send,
	[NOTIFY_SLACK] = notify_webhook_send,
	[NOTIFY_TEAMS] = notify_webhook_send,
	[NOTIFY_SNS] = notify_sns_send,
	[NOTIFY_EVENTBRIDGE] = notify_events_send,
};

/* What the facts of one run point to. */
struct notify_run_data {
	struct view		 v;
	struct notify_facts	 f;
	struct notify_item	*items;
	char			*json;		/* report --format json */
	size_t			 jsonsz;
	char			*why;		/* f.why */
};

/* f.why: the step that failed and what was answered, in one line. */
static char *
facts_why(const struct report_collection *c)
{
	const struct report_region	*r = c->run_failure;
	const struct report_org_account	*a = c->account_failed;
	char				 what[128];

	if (a != NULL)
		return xasprintf("%s: %s: %s", a->operation, a->error_code,
		    a->error_message);
	if (r == NULL)
		return NULL;
	if (strcmp(r->operation, RUN_STEP_CREDENTIALS) == 0)
		return xstrdup(r->error_message);
	(void)status_failure_text(r->http_status, r->error_code, what,
	    sizeof(what));
	return xasprintf("%s: %s: %s", r->operation, what, r->error_message);
}

static enum i18n_msg
kind_msg(enum change_kind k)
{
	if ((unsigned)k >= CHANGE__COUNT)
		return I18N_UNKNOWN;
	return (enum i18n_msg)(I18N_KIND_MODEL_ADDED + (int)k);
}

/* The items of the digest, from the view's entries. */
static void
facts_items(struct notify_run_data *d, enum i18n_lang l)
{
	const struct entry	*e;
	const struct change	*c;
	size_t			 i;

	d->items = xcalloc(d->v.entries.len + 1, sizeof(*d->items));
	for (i = 0; i < d->v.entries.len; i++) {
		e = &d->v.entries.items[i];
		if ((c = entry_lead(e)) == NULL && e->rawsz > 0)
			c = e->raw[0];
		d->items[i].severity = change_severity_name(e->severity);
		d->items[i].path = e->path == PATH_INFO ? "-" :
		    change_path_name(e->path);
		d->items[i].region = e->region;
		d->items[i].subject = e->subject;
		d->items[i].subject_name = e->subject_name;
		d->items[i].kind = c != NULL ? change_kind_name(c->kind) : "-";
		d->items[i].what = i18n_get(c != NULL ? kind_msg(c->kind) :
		    I18N_UNKNOWN, l);
	}
}

/* The report JSON of the view, as report --format json prints it. */
static int
facts_json(struct notify_run_data *d, enum i18n_lang l)
{
	FILE	*fp;
	int	 rc;

	if ((fp = open_memstream(&d->json, &d->jsonsz)) == NULL) {
		warn("notify: report");
		return -1;
	}
	rc = report_write(fp, &d->v.in, REPORT_JSON, (enum report_lang)l);
	if (fclose(fp) != 0 && rc == 0) {
		warn("notify: report");
		rc = -1;
	}
	return rc;
}

/* Build the facts of run "run" against "from". */
static int
facts_build(struct store *st, long long from, long long run,
    enum i18n_lang l, const char *db, struct notify_run_data *d)
{
	struct notify_facts	*f = &d->f;
	size_t			 i;

	if (view_recorded(st, from, run, &d->v) == -1 ||
	    facts_json(d, l) == -1)
		return -1;
	facts_items(d, l);
	f->run = run;
	f->from_run = from;
	f->status = d->v.in.collection.status;
	f->started_at = d->v.in.collection.started_at;
	f->account_id = d->v.in.account_id;
	for (i = 0; i < d->v.entries.len; i++)
		switch (d->v.entries.items[i].severity) {
		case SEVERITY_ACTION: f->actions++; break;
		case SEVERITY_WARNING: f->warnings++; break;
		default: f->infos++; break;
		}
	f->open = (long)d->v.in.opensz;
	f->open_unknown = report_nothing_known(&d->v.in.collection);
	f->why = d->why = facts_why(&d->v.in.collection);
	f->items = d->items;
	f->itemsz = d->v.entries.len;
	f->report_json = d->json;
	f->report_jsonsz = d->jsonsz;
	f->db = db;
	return 0;
}

static void
facts_free(struct notify_run_data *d)
{
	view_free(&d->v);
	free(d->items);
	free(d->json);
	free(d->why);
	memset(d, 0, sizeof(*d));
}

/* The AWS session, opened the first time a target needs it. */
static struct session *
need_session(struct notify_job *job, char **why)
{
	if (job->session_state == 0) {
		job->session_state = session_open(&job->session, job->profile,
		    job->region, NOTIFY_SESSION_CONCURRENCY) == 0 ? 1 : -1;
	}
	if (job->session_state == 1)
		return &job->session;
	*why = xstrdup("no AWS session (see the warning above)");
	return NULL;
}

/* Send to "t" and record the outcome of attempt "id". */
static int
send_one(struct notify_job *job, const struct notify_target *t,
    const struct notify_facts *f, long long id)
{
	struct notify_ctx	 ctx;
	char			*why = NULL;
	int			 rc = -1;

	memset(&ctx, 0, sizeof(ctx));
	ctx.facts = f;
	ctx.archive_url = job->cfg->archive_url;
	ctx.lang = job->cfg->lang;
	if ((t->type == NOTIFY_SNS || t->type == NOTIFY_EVENTBRIDGE) &&
	    (ctx.session = need_session(job, &why)) == NULL)
		goto out;
	rc = senders[t->type](t, &ctx, &why);
out:
	if (rc == -1)
		warnx("notify: target %s (%s), run %lld: %s", t->name,
		    notify_type_name(t->type), f->run,
		    why != NULL ? why : "failed");
	else
		log_debug(1, "notify: target %s (%s), run %lld: sent",
		    t->name, notify_type_name(t->type), f->run);
	if (store_notify_finish(job->st, id, rc == 0 ? STORE_NOTIFY_SENT :
	    STORE_NOTIFY_FAILED, rc == 0 ? NULL : why != NULL ? why :
	    "failed", time(NULL)) == -1)
		rc = -1;
	free(why);
	return rc;
}

/* One target: decide, record, send.  -1 when it failed. */
static int
notify_target(struct notify_job *job, const struct notify_target *t,
    const struct notify_facts *f)
{
	const char	*type = notify_type_name(t->type);
	char		 reason[128];
	long long	 id;
	int		 r;

	if (!job->resend && !notify_wants(t->threshold, f)) {
		(void)snprintf(reason, sizeof(reason), "below the target's "
		    "threshold (%s)", notify_threshold_name(t->threshold));
		r = store_notify_begin(job->st, f->run, t->name, type, 0,
		    STORE_NOTIFY_SKIPPED, reason, time(NULL), &id);
		if (r == 1)
			log_debug(2, "notify: target %s, run %lld: %s",
			    t->name, f->run, reason);
		return r == -1 ? -1 : 0;
	}
	r = store_notify_begin(job->st, f->run, t->name, type, job->resend,
	    STORE_NOTIFY_SENDING, NULL, time(NULL), &id);
	if (r == -1) {
		warnx("notify: target %s (%s), run %lld: not sent, since the "
		    "attempt could not be recorded", t->name, type, f->run);
		return -1;
	}
	if (r == 0) {
		log_debug(2, "notify: target %s, run %lld: already notified",
		    t->name, f->run);
		return 0;
	}
	return send_one(job, t, f, id);
}

int
notify_job_run(struct notify_job *job, long long from, long long run)
{
	struct notify_run_data	 d;
	size_t			 i;
	int			 failed = 0;

	memset(&d, 0, sizeof(d));
	if (facts_build(job->st, from, run, job->cfg->lang, job->db, &d) ==
	    -1) {
		warnx("notify: run %lld: its report could not be made; "
		    "nothing sent", run);
		facts_free(&d);
		return -1;
	}
	for (i = 0; i < job->cfg->len; i++)
		if (notify_target(job, &job->cfg->targets[i], &d.f) == -1)
			failed++;
	facts_free(&d);
	return failed > 0 ? -1 : 0;
}

void
notify_job_close(struct notify_job *job)
{
	if (job->session_state == 1)
		session_close(&job->session);
	job->session_state = 0;
}
