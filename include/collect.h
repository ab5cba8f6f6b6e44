/*
 * collect.h: snapshot every requested region, concurrently.
 *
 * For each region the collector runs three independent chains on one
 * shared client (client.h), so all regions are in flight in one loop:
 *   Bedrock:        ListFoundationModels, then one
 *                   GetFoundationModelAvailability per listed model;
 *                   ListInferenceProfiles, page after page;
 *   Service Quotas: ListServiceQuotas and ListAWSDefaultServiceQuotas,
 *                   page after page, merged when both are complete;
 *                   ListRequestedServiceQuotaChangeHistory, page after page.
 * A region is complete when every chain has ended.  A call that fails
 * (after the engine's retries) loses only what it covers: a failed
 * availability call makes that model's access unknown (model.
 * access_unknown), a failed list makes its part unknown (snapshot.
 * unknown, status.h's parts; either quota list: the quotas) and the
 * rest of the region is collected.  Such a region is partial.  A region
 * where no call at all answered has no snapshot: it is failed, or not
 * enabled when its most telling failure says so
 * (playbook_region_not_enabled()); so is a region absent from the
 * account's enabled regions, when they are known.  Every failed call is
 * counted, most telling first (playbook_failure_rank()).  The store
 * keeps the previous state of whatever is unknown: unknown is not empty.
 */
#ifndef BEDROCK_AUDIT_COLLECT_H
#define BEDROCK_AUDIT_COLLECT_H

#include <stddef.h>

#include "aws_cloudwatch.h"
#include "snapshot.h"
#include "status.h"

struct aws_regions;
struct client;

/* Pagination ceilings: a reply that exceeds them fails its chain. */
#define COLLECT_MAX_PAGES_PER_CALL	1000

/*
 * Usage evidence (CloudWatch, usage.h): after the region's state calls
 * are submitted, ListMetrics finds the series of AWS/Bedrock that have
 * data and GetMetricData reads the Sum per minute of our metrics over
 * the region's window, AWS_CW_MAX_QUERIES queries a call, page after
 * page.  It never changes the region's status or failures: a failed
 * usage call only makes the region's usage unknown (status FAILED).
 */
enum collect_usage_status {
	COLLECT_USAGE_SKIPPED,		/* not asked (--no-usage) */
	COLLECT_USAGE_RUNNING,		/* calls not ended (internal) */
	COLLECT_USAGE_OK,		/* every query read completely or
					   known to be unknown */
	COLLECT_USAGE_NOTHING_NEW,	/* the window was empty */
	COLLECT_USAGE_FAILED,		/* usage unknown: see below */
};

/* One region's usage; owned by the collector unless said. */
struct collect_usage {
	enum collect_usage_status status;
	long long	 start, end;	/* the window, epoch seconds */
	struct aws_cw_metrics listed;	/* ListMetrics, all pages */
	struct aws_cw_query *queries;	/* ids owned (in ids), model and
					   metric borrowed from "listed" */
	char		**ids;
	size_t		 nqueries;
	struct aws_cw_data data;	/* GetMetricData, all calls */
	size_t		 requested;	/* metrics requested, every call and
					   page (GetMetricData is billed
					   per metric requested) */
	/* FAILED: the failing call */
	const char	*operation;	/* static */
	long		 http_status;	/* 0 when no reply */
	char		*error_code;
	char		*error_message;
};

/* Which usage to read; NULL to read none. */
struct collect_usage_plan {
	long long	 now;		/* epoch seconds (usage_window()) */
	/* per region of the list: where its last successful usage
	   collection ended, 0 for none */
	const long long	*last_end;
};

/* How one region ended. */
struct collect_region {
	/* collect_targets(): its target's account (borrowed); else NULL */
	const char	*account;
	const char	*region;	/* borrowed from the caller's list */
	/* OK, PARTIAL, FAILED or NOT_ENABLED */
	enum region_status status;
	int		 ok;		/* 1: a snapshot (OK or PARTIAL) */
	/*
	 * sorted; valid only if ok.  When PARTIAL, snap.unknown names the
	 * parts that are unknown (their arrays empty) and models whose
	 * availability failed have access_unknown set.
	 */
	struct snapshot	 snap;
	/* every failed call, counted, most telling first; NULL, 0 if none */
	struct region_failure *failures;
	size_t		 failuresz;
	/* the most telling failure (failures[0]), borrowed; NULL if none */
	const char	*operation;	/* its AWS operation */
	long		 http_status;	/* 0 when no reply (transport) */
	const char	*error_code;	/* AWS or transport code; may be NULL */
	const char	*error_message;	/* as received */
	struct collect_usage usage;	/* usage evidence */
};

/*
 * Called once per region after it ends, in completion order: as soon as
 * the engine has no reply waiting to be read (so that slow work in the
 * callback never delays the other regions' calls), at once when more
 * than a few ended regions wait so (an engine that is never idle), or
 * once the run is over.  It runs inside collect_regions(), never
 * concurrently.  The callee may take the snapshot (move it out and zero
 * r->snap); whatever is left in "r" is freed after the callback returns.
 */
typedef void (*collect_region_fn)(void *arg, struct collect_region *r);

/*
 * Collect "regions" (regionsz names) through "c" until every region has
 * ended or "deadline_ms" (util_now_ms() clock, 0: none) has passed; a
 * region unfinished at the deadline fails with "DeadlineExceeded".
 * "enabled" (NULL: unknown) is the account's enabled regions (Account
 * ListRegions): a region it does not name is not enabled, with one
 * failure of code PLAYBOOK_CODE_REGION_NOT_LISTED, and is sent no call.
 * "usage" (NULL: none) asks for each region's usage evidence too.
 * Returns 0, or -1 after warnx(3) if the engine itself failed.
 */
int	collect_regions(struct client *c, char *const *regions,
	    size_t regionsz, const struct aws_regions *enabled,
	    const struct collect_usage_plan *usage,
	    long long deadline_ms, collect_region_fn done, void *arg);

/* The regions of one account, for collect_targets(). */
struct collect_target {
	/* the account's client: every target's on one engine (the first
	   target's, client_new_member()); borrowed */
	struct client			*client;
	const char			*account;	/* NULL: the caller's */
	char *const			*regions;
	size_t				 regionsz;
	const struct aws_regions	*enabled;	/* NULL: unknown */
	/* which usage to read, per region of "regions"; NULL: none */
	const struct collect_usage_plan	*usage;
};

/*
 * collect_regions() for several accounts at once: the (account,
 * region) pairs of the "n" targets concurrently on the one engine, at
 * most COLLECT_MAX_ACTIVE_REGIONS (collect.c) at a time, started in
 * the targets' order as others end (so memory does not grow with the
 * accounts), each region's calls through its target's client (so its
 * credentials and its account's per-endpoint caps), each region handed
 * to "done" with its account in r->account.
 */
int	collect_targets(const struct collect_target *t, size_t n,
	    long long deadline_ms, collect_region_fn done, void *arg);

#endif /* BEDROCK_AUDIT_COLLECT_H */
