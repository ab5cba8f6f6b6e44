/*
 * status.c: the text of run and region statuses.  See status.h.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "status.h"
#include "util.h"

static const char *const region_names[REGION_STATUS__COUNT] = {
	[REGION_STATUS_OK] = "ok",
	[REGION_STATUS_FAILED] = "failed",
	[REGION_STATUS_NOT_COMPARED] = "not_compared",
	[REGION_STATUS_BASELINE] = "baseline",
	[REGION_STATUS_PARTIAL] = "partial",
	[REGION_STATUS_NOT_ENABLED] = "not_enabled",
};

static const char *const part_names[REGION_PART__COUNT] = {
	[REGION_PART_MODELS] = "models",
	[REGION_PART_MODEL_ACCESS] = "model_access",
	[REGION_PART_QUOTAS] = "quotas",
	[REGION_PART_PROFILES] = "profiles",
	[REGION_PART_REQUESTS] = "requests",
};

static const char *const run_names[RUN_STATUS__COUNT] = {
	[RUN_STATUS_RUNNING] = "running",
	[RUN_STATUS_COMPLETE] = "complete",
	[RUN_STATUS_PARTIAL] = "partial",
	[RUN_STATUS_FAILED] = "failed",
};

static const char *const account_names[ACCOUNT_STATUS__COUNT] = {
	[ACCOUNT_STATUS_COLLECTED] = "collected",
	[ACCOUNT_STATUS_FAILED] = "failed",
	[ACCOUNT_STATUS_SKIPPED] = "skipped",
};

/* The index of "s" in "names", or -1. */
static int
lookup(const char *const *names, int n, const char *s)
{
	int	i;

	if (s == NULL)
		return -1;
	for (i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

const char *
status_region_name(enum region_status s)
{
	return (unsigned)s < REGION_STATUS__COUNT ? region_names[s] : NULL;
}

const char *
status_run_name(enum run_status s)
{
	return (unsigned)s < RUN_STATUS__COUNT ? run_names[s] : NULL;
}

const char *
status_account_name(enum account_status s)
{
	return (unsigned)s < ACCOUNT_STATUS__COUNT ? account_names[s] : NULL;
}

int
status_region_parse(const char *s, enum region_status *out)
{
	int	i;

	if ((i = lookup(region_names, REGION_STATUS__COUNT, s)) == -1)
		return -1;
	*out = (enum region_status)i;
	return 0;
}

int
status_run_parse(const char *s, enum run_status *out)
{
	int	i;

	if ((i = lookup(run_names, RUN_STATUS__COUNT, s)) == -1)
		return -1;
	*out = (enum run_status)i;
	return 0;
}

const char *
status_part_name(enum region_part p)
{
	return (unsigned)p < REGION_PART__COUNT ? part_names[p] : NULL;
}

/*
 * NULL for no code: none sent, or only the HTTP status again (the engine
 * names a reply without an AWS code by its status), so that the status
 * is shown once.
 */
static const char *
failure_code(long http_status, const char *code)
{
	char	num[32];

	if (code == NULL || *code == '\0')
		return NULL;
	(void)snprintf(num, sizeof(num), "%ld", http_status);
	return strcmp(code, num) == 0 ? NULL : code;
}

void
status_failure_add(struct region_failure **v, size_t *n,
    const char *operation, long http_status, const char *code,
    const char *message)
{
	struct region_failure	*f;
	size_t			 i;

	code = failure_code(http_status, code);
	for (i = 0; i < *n; i++) {
		f = &(*v)[i];
		if (strcmp(f->operation, operation) == 0 &&
		    f->http_status == http_status &&
		    strcmp(str_or_empty(f->error_code), str_or_empty(code)) ==
		    0) {
			f->count++;
			return;
		}
	}
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	f = &(*v)[(*n)++];
	f->operation = operation;
	f->http_status = http_status;
	f->error_code = code != NULL ? xstrdup(code) : NULL;
	f->error_message = xstrdup(str_or_empty(message));
	f->count = 1;
}

void
status_failures_free(struct region_failure *v, size_t n)
{
	size_t	i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(v[i].error_code);
		free(v[i].error_message);
	}
	free(v);
}

const char *
status_failure_text(long http_status, const char *code, char *out,
    size_t outsz)
{
	code = failure_code(http_status, code);
	if (code != NULL && http_status > 0)
		(void)snprintf(out, outsz, "%s (HTTP %ld)", code, http_status);
	else if (http_status > 0)
		(void)snprintf(out, outsz, "HTTP %ld", http_status);
	else
		(void)snprintf(out, outsz, "%s", str_or_empty(code));
	return out;
}

int
status_region_recorded(enum region_status s)
{
	return s == REGION_STATUS_OK || s == REGION_STATUS_PARTIAL;
}
