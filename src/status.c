/*
 * status.c: the text of run and region statuses.  See status.h.
 */
#include <stddef.h>
#include <string.h>

#include "status.h"

static const char *const region_names[REGION_STATUS__COUNT] = {
	[REGION_STATUS_OK] = "ok",
	[REGION_STATUS_FAILED] = "failed",
	[REGION_STATUS_NOT_COMPARED] = "not_compared",
	[REGION_STATUS_BASELINE] = "baseline",
};

static const char *const run_names[RUN_STATUS__COUNT] = {
	[RUN_STATUS_RUNNING] = "running",
	[RUN_STATUS_COMPLETE] = "complete",
	[RUN_STATUS_PARTIAL] = "partial",
	[RUN_STATUS_FAILED] = "failed",
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
