/*
 * status.h: how a run and each region of it ended, as enums.
 *
 * The store keeps these as text ("complete", "ok", ...) and the JSON
 * report shows the same words; this is the one table between the two.
 * Everything else compares the enums and maps them to catalogue
 * messages itself.  Pure: no I/O.
 */
#ifndef BEDROCK_AUDIT_STATUS_H
#define BEDROCK_AUDIT_STATUS_H

/* What happened to one region in one run, or in a comparison of two. */
enum region_status {
	REGION_STATUS_OK,		/* collected ("ok") */
	REGION_STATUS_FAILED,		/* collection failed ("failed") */
	/* collected, but not comparable with the older run (views only) */
	REGION_STATUS_NOT_COMPARED,
	/* collected for the first time in the newer run (views only) */
	REGION_STATUS_BASELINE,
	REGION_STATUS__COUNT
};

/* The state of a run (the run table's status column). */
enum run_status {
	RUN_STATUS_RUNNING,		/* "running": not finished (or died) */
	RUN_STATUS_COMPLETE,		/* "complete": every region ok */
	RUN_STATUS_PARTIAL,		/* "partial": some regions failed */
	RUN_STATUS_FAILED,		/* "failed": nothing collected */
	RUN_STATUS__COUNT
};

/*
 * The stable text of a status ("ok", "failed", "not_compared",
 * "baseline"; "running", "complete", "partial", "failed"): a static string, or NULL
 * for a value out of range.
 */
const char	*status_region_name(enum region_status s);
const char	*status_run_name(enum run_status s);

/*
 * Parse that text (exact, case-sensitive) into *out.  Returns 0, or -1
 * without a warning when "s" is NULL or none of them.
 */
int		 status_region_parse(const char *s, enum region_status *out);
int		 status_run_parse(const char *s, enum run_status *out);

#endif /* BEDROCK_AUDIT_STATUS_H */
