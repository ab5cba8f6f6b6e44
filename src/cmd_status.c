/*
 * cmd_status.c: "bedrock-audit status" shows what the newest run saw:
 * each region's outcome (with the fix for a failed one), the models this
 * account cannot use, the quotas applied below their AWS default, and the
 * quota increase requests still open.  A failed region shows the last
 * state that was known of it.
 */
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmdline.h"
#include "report.h"
#include "snapshot.h"
#include "store.h"
#include "util.h"

static const char status_options[] =
    CMDLINE_HELP_DB
    CMDLINE_HELP_FORMAT
    CMDLINE_HELP_LANG
    CMDLINE_HELP_COMMON;

static int	cmd_status_exec(const struct cmd_entry *, int, char *[]);

const struct cmd_entry cmd_status_entry = {
	.name = "status",
	.usage =
	    "status [-qv] [--db path] [--format text|markdown|json]\n"
	    "        [--lang en|ja]",
	.options = status_options,
	.summary = "what the newest run saw",
	.exec = cmd_status_exec,
};

/* Everything the status view borrows from, owned here. */
struct status_data {
	struct store_run		 run;
	struct store_region_run		*rr;
	size_t				 rrsz;
	struct snapshot			*states;	/* one per rr */
	struct report_region		*regions;
	struct report_status_model	*models;
	struct report_status_quota	*quotas;
	struct report_status_request	*requests;
	struct report_status		 out;
};

static int
model_lacks_access(const struct model *m)
{
	return strcmp(m->authorization, "AUTHORIZED") != 0 ||
	    strcmp(m->entitlement, "AVAILABLE") != 0 ||
	    strcmp(m->agreement, "AVAILABLE") != 0;
}

static int
request_is_open(const struct qrequest *q)
{
	return strcmp(q->status, "PENDING") == 0 ||
	    strcmp(q->status, "CASE_OPENED") == 0;
}

/* Select the rows of one region's state into the status arrays. */
static void
status_select(struct status_data *d, const struct snapshot *s)
{
	struct report_status	*o = &d->out;
	size_t			 i;

	for (i = 0; i < s->modelsz; i++) {
		const struct model *m = &s->models[i];

		if (!model_lacks_access(m))
			continue;
		d->models = xreallocarray(d->models, o->modelsz + 1,
		    sizeof(*d->models));
		d->models[o->modelsz++] = (struct report_status_model){
		    s->region, m->model_id, m->model_name, m->authorization,
		    m->entitlement, m->agreement };
	}
	for (i = 0; i < s->quotasz; i++) {
		const struct quota *q = &s->quotas[i];

		if (!q->has_applied || !q->has_default ||
		    q->applied_value >= q->default_value)
			continue;
		d->quotas = xreallocarray(d->quotas, o->quotasz + 1,
		    sizeof(*d->quotas));
		d->quotas[o->quotasz++] = (struct report_status_quota){
		    s->region, q->quota_code, q->quota_name, q->applied_value,
		    q->default_value, q->adjustable };
	}
	for (i = 0; i < s->requestsz; i++) {
		const struct qrequest *q = &s->requests[i];

		if (!request_is_open(q))
			continue;
		d->requests = xreallocarray(d->requests, o->requestsz + 1,
		    sizeof(*d->requests));
		d->requests[o->requestsz++] = (struct report_status_request){
		    s->region, q->request_id, q->quota_code, q->quota_name,
		    q->desired_value, q->status, q->case_id, q->created };
	}
	o->models = d->models;
	o->quotas = d->quotas;
	o->requests = d->requests;
}

/* Load the newest run and the state of each of its regions. */
static int
status_load(struct store *st, struct status_data *d)
{
	long long	run_id;
	size_t		i;
	int		found;

	if (store_run_latest(st, &run_id, &found) == -1)
		return -1;
	if (!found) {
		warnx("no complete or partial run yet: run collect first");
		return -1;
	}
	if (store_run_get(st, run_id, &d->run, &found) == -1 ||
	    store_region_runs(st, run_id, &d->rr, &d->rrsz) == -1)
		return -1;
	d->states = xcalloc(d->rrsz, sizeof(*d->states));
	d->regions = xcalloc(d->rrsz, sizeof(*d->regions));
	for (i = 0; i < d->rrsz; i++) {
		d->regions[i] = (struct report_region){ d->rr[i].region,
		    d->rr[i].status, d->rr[i].operation, d->rr[i].http_status,
		    d->rr[i].error_code, d->rr[i].error_message, NULL };
		if (store_load_at(st, run_id, d->rr[i].region, &d->states[i],
		    &found) == -1)
			return -1;
		if (found)
			status_select(d, &d->states[i]);
	}
	d->out.run_id = run_id;
	d->out.run_time = d->run.started_at;
	d->out.account_id = *d->run.account_id != '\0' ? d->run.account_id :
	    NULL;
	d->out.regions = d->regions;
	d->out.regionsz = d->rrsz;
	return 0;
}

static void
status_free(struct status_data *d)
{
	size_t	i;

	for (i = 0; i < d->rrsz && d->states != NULL; i++)
		snapshot_free(&d->states[i]);
	free(d->states);
	free(d->regions);
	free(d->models);
	free(d->quotas);
	free(d->requests);
	store_region_runs_free(d->rr, d->rrsz);
	store_run_free(&d->run);
}

static int
cmd_status_exec(const struct cmd_entry *self, int argc, char *argv[])
{
	static const struct option	 opts[] = {
		CMDLINE_OPT_DB, CMDLINE_OPT_FORMAT, CMDLINE_OPT_HELP,
		CMDLINE_OPT_LANG, CMDLINE_OPT_QUIET, CMDLINE_OPT_VERBOSE,
		{ NULL, 0, NULL, 0 }
	};
	struct cmdline		 c;
	struct status_data	 d;
	struct store		*st = NULL;
	int			 ch, rc = EXIT_FAILED;

	cmdline_init(&c);
	while ((ch = getopt_long(argc, argv, "hqv", opts, NULL)) != -1)
		if (cmdline_opt(&c, ch, optarg) != 1)
			return cmdline_usage_error(self);
	if (c.help || optind != argc) {
		cmdline_usage(c.help ? stdout : stderr, self);
		return c.help ? EXIT_OK : EXIT_USAGE;
	}
	cmdline_set_verbosity(c.verbose, c.quiet);
	memset(&d, 0, sizeof(d));
	if ((st = cmdline_open_db(&c, STORE_RDONLY)) != NULL &&
	    status_load(st, &d) == 0 &&
	    report_status_write(stdout, &d.out, c.format, c.lang) == 0 &&
	    fflush(stdout) == 0)
		rc = EXIT_OK;
	status_free(&d);
	store_close(st);
	return rc;
}
